"""Logging to a file in the user's data folder, uncaught errors logged, output without a console."""

from __future__ import annotations

import logging
import sys
import threading

import pytest

from opsdesk import logging_setup
from opsdesk.paths import log_file_path


@pytest.fixture
def file_logging(monkeypatch: pytest.MonkeyPatch):
    """configure_logging and install_excepthook change process-wide state: undo both after the test."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    yield
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_file_path().read_text(encoding="utf-8")


def test_records_go_to_this_process_file_in_the_user_data_folder(file_logging, isolated_home) -> None:
    path = logging_setup.configure_logging()
    assert path.parent == isolated_home / "logs" and path.name.startswith("opsdesk-")
    logging.getLogger("opsdesk.test").info("the register was opened")
    assert "INFO    opsdesk.test: the register was opened" in _log_text()
    # Configuring again (a second window, a test) keeps one handler, so lines are not doubled.
    logging_setup.configure_logging()
    logging.getLogger("opsdesk.test").warning("once")
    assert _log_text().count("once") == 1
    handlers = [h for h in logging.getLogger().handlers if isinstance(h, logging_setup._OpsDeskFileHandler)]
    assert len(handlers) == 1
    assert (handlers[0].maxBytes, handlers[0].backupCount) == (
        logging_setup.MAX_BYTES,
        logging_setup.BACKUP_COUNT,
    )


def test_uncaught_errors_are_logged_and_reported(file_logging, monkeypatch: pytest.MonkeyPatch) -> None:
    logging_setup.configure_logging()
    reported: list[BaseException] = []
    logging_setup.install_excepthook(reported.append)
    monkeypatch.setattr(sys, "stderr", None)  # the windowed build has no console
    try:
        raise ValueError("the chart could not be drawn")
    except ValueError as exc:
        sys.excepthook(type(exc), exc, exc.__traceback__)
    text = _log_text()
    assert "CRITICAL opsdesk: Uncaught ValueError: the chart could not be drawn" in text
    assert "Traceback (most recent call last)" in text
    assert [str(error) for error in reported] == ["the chart could not be drawn"]


def test_a_failing_report_is_logged_not_raised(file_logging, monkeypatch: pytest.MonkeyPatch) -> None:
    logging_setup.configure_logging()

    def broken_report(_error: BaseException) -> None:
        raise RuntimeError("no message box today")

    logging_setup.install_excepthook(broken_report)
    monkeypatch.setattr(sys, "stderr", None)
    error = KeyError("risk")
    sys.excepthook(KeyError, error, None)
    text = _log_text()
    assert "Uncaught KeyError" in text
    assert "Could not report the uncaught error" in text and "no message box today" in text


def test_errors_in_other_threads_are_logged(file_logging) -> None:
    logging_setup.configure_logging()
    logging_setup.install_excepthook()

    def work() -> None:
        raise OSError("disk full while exporting")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert "Uncaught OSError: disk full while exporting" in _log_text()


def test_emit_line_prints_when_there_is_a_console(file_logging, capsys: pytest.CaptureFixture[str]) -> None:
    logging_setup.configure_logging()
    logging_setup.emit_line("self-test: ok: fine")
    assert capsys.readouterr().out == "self-test: ok: fine\n"
    assert "self-test: ok: fine" in _log_text()


def test_emit_line_without_stdout_only_logs(file_logging, monkeypatch: pytest.MonkeyPatch) -> None:
    logging_setup.configure_logging()
    monkeypatch.setattr(sys, "stdout", None)  # PyInstaller's windowed build on Windows
    logging_setup.emit_line("self-test: FAILED: no window", level=logging.ERROR)
    assert "ERROR   opsdesk: self-test: FAILED: no window" in _log_text()

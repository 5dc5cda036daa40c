"""The windowed app at start: no console, and an error outside opening the register is logged and shown."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest

from opsdesk.paths import log_file_path
from opsdesk.store.database import open_database


@pytest.fixture
def windowed(monkeypatch: pytest.MonkeyPatch):
    """Undo what run_gui sets process-wide (hooks, log handlers); call it to drop the standard streams."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def detach() -> None:
        for name in ("stdout", "stderr", "stdin"):
            monkeypatch.setattr(sys, name, None)

    yield detach
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def test_an_error_at_start_is_logged_and_shown_instead_of_a_silent_exit(
    qapp, tmp_path: Path, windowed, answer_messages, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsdesk.ui.app import run_gui
    from opsdesk.ui.main_window import MainWindow

    path = tmp_path / "register.db"
    open_database(path).dispose()

    def backup_refused(self) -> None:
        raise PermissionError(13, "Access is denied", str(tmp_path / "backups"))

    monkeypatch.setattr(MainWindow, "take_automatic_backup", backup_refused)
    windowed()

    assert run_gui(str(path)) == 1

    [(kind, title, text)] = answer_messages.shown
    assert (kind, title) == ("error", "Unexpected error")
    assert "PermissionError: [Errno 13] Access is denied" in text and str(log_file_path()) in text
    for handler in logging.getLogger().handlers:
        handler.flush()
    log = log_file_path().read_text(encoding="utf-8")
    assert "CRITICAL opsdesk: Uncaught PermissionError" in log
    assert "Traceback (most recent call last)" in log and "backup_refused" in log
    for window in qapp.topLevelWidgets():
        if isinstance(window, MainWindow):
            window.close()


def test_the_taskbar_groups_the_windows_under_opsdesk() -> None:
    from opsdesk.ui.app import APP_USER_MODEL_ID, set_app_user_model_id

    class Shell32:
        ids: list[str] = []

        def SetCurrentProcessExplicitAppUserModelID(self, app_id: str) -> int:  # noqa: N802 - the Win32 name
            self.ids.append(app_id)
            return 0

    shell = Shell32()
    assert set_app_user_model_id(shell) is True
    assert shell.ids == [APP_USER_MODEL_ID]
    if sys.platform != "win32":
        assert set_app_user_model_id() is False

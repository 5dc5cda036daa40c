"""Output of the commands: UTF-8 when redirected under a Windows code page, and no console at all."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from opsdesk import console, logging_setup
from opsdesk.cli import main
from opsdesk.paths import log_file_path

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures"


def run_redirected(tmp_path: Path, *args: str) -> tuple[int, str, str]:
    """`python -m opsdesk ARGS > out.txt 2> err.txt` under cp1252, as on a Western European Windows."""
    env = {
        **os.environ,
        "PYTHONIOENCODING": "cp1252",
        "PYTHONPATH": str(REPO),
        "OPSDESK_HOME": str(tmp_path / "home"),
    }
    out, err = tmp_path / "out.txt", tmp_path / "err.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        result = subprocess.run(
            [sys.executable, "-m", "opsdesk", *args], stdout=stdout, stderr=stderr, stdin=subprocess.DEVNULL,
            env=env, cwd=tmp_path, timeout=300, check=False,
        )  # fmt: skip
    return result.returncode, out.read_bytes().decode("utf-8"), err.read_bytes().decode("utf-8")


def test_redirected_output_is_utf8_under_a_windows_code_page(tmp_path: Path) -> None:
    db = str(tmp_path / "register.db")
    # The Chinese headers are printed before anything is imported: this ended in UnicodeEncodeError.
    code, out, err = run_redirected(tmp_path, "--db", db, "import", str(FIXTURES / "risk_register_zh.xlsx"))
    assert code == 0, err
    assert "Reading risk_register_zh.xlsx: sheet '风险登记册'" in out
    assert "风险编号" in out and "Imported:" in out

    # export wrote the file and then exited 1 while printing its Chinese sheet names.
    report = tmp_path / "q1.xlsx"
    code, out, err = run_redirected(
        tmp_path, "--db", db, "export", "--quarter", "2026-Q1", "--out", str(report), "--language", "zh_CN"
    )
    assert code == 0, err
    assert report.is_file() and "  风险登记册" in out

    code, out, err = run_redirected(tmp_path, "--db", db, "check")
    assert code == 0 and "healthy" in out

    code, out, _ = run_redirected(tmp_path, "--help")
    assert code == 0 and out.startswith("usage: opsdesk")


@pytest.fixture
def no_console(monkeypatch: pytest.MonkeyPatch):
    """Call it to be the windowed build: no stdout, stderr or stdin; process-wide logging is undone after."""
    root = logging.getLogger()
    before, level = list(root.handlers), root.level
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)

    def detach() -> None:
        # In the test itself: pytest puts its capturing streams back between setup and the call.
        for name in ("stdout", "stderr", "stdin"):
            monkeypatch.setattr(sys, name, None)

    yield detach
    if sys.stdin is not None and sys.stdin is not sys.__stdin__:
        sys.stdin.close()
    for handler in [h for h in root.handlers if h not in before]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)


def _log_text() -> str:
    for handler in logging.getLogger().handlers:
        handler.flush()
    return log_file_path().read_text(encoding="utf-8")


def test_without_a_console_the_commands_write_to_the_log(tmp_path: Path, no_console, stand_in_demo) -> None:
    no_console()
    db = str(tmp_path / "register.db")
    assert main(["--db", db, "demo"]) == 0
    assert main(["--db", db, "check"]) == 0
    # The streams now exist and answer isatty(), which raised on None.
    assert sys.stdout.isatty() is False and sys.stderr.isatty() is False and sys.stdin.isatty() is False
    assert main(["--db", str(tmp_path / "missing" / "none.db"), "check"]) == 1
    sys.stdout.flush()
    text = _log_text()
    assert f"INFO    opsdesk.output: Loaded the demo data into {Path(db).resolve()}" in text
    assert "INFO    opsdesk.output: " in text and ": healthy (schema " in text
    assert "WARNING opsdesk.output: opsdesk: error: " in text and "does not exist" in text


def test_help_without_a_console_goes_to_the_log(no_console) -> None:
    no_console()
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    sys.stdout.flush()
    assert "opsdesk.output: usage: opsdesk" in _log_text()


def test_a_logged_stream_writes_whole_lines() -> None:
    records: list[str] = []
    handler = logging.Handler()
    handler.emit = lambda record: records.append(record.getMessage())  # type: ignore[method-assign]
    console.log.addHandler(handler)
    console.log.setLevel(logging.INFO)
    try:
        stream = console.LoggedStream(logging.INFO)
        print("first line\nsecond", file=stream, end="")
        assert records == ["first line"]
        stream.write(" half\n\n")
        stream.write("tail")
        stream.flush()
    finally:
        console.log.removeHandler(handler)
        console.log.setLevel(logging.NOTSET)
    assert records == ["first line", "second half", "tail"]


def test_a_crash_writes_the_python_stack_into_the_log(tmp_path: Path) -> None:
    code = (
        "from opsdesk import logging_setup; import faulthandler; "
        "print(logging_setup.enable_crash_log(), flush=True); faulthandler._sigsegv()"
    )
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode != 0
    log = Path(result.stdout.strip())
    assert log.parent == tmp_path / "logs"
    assert "Fatal Python error: Segmentation fault" in log.read_text(encoding="utf-8")


def test_each_process_has_its_own_log_and_old_ones_are_pruned(isolated_home: Path) -> None:
    path = log_file_path()
    assert path.parent == isolated_home / "logs" and f"-{os.getpid()}.log" in path.name
    assert log_file_path() == path  # the same file all through the process
    path.parent.mkdir(parents=True)
    for number in range(25):
        old = path.parent / f"opsdesk-20260101-0000{number:02d}-{1000 + number}.log"
        old.write_text("earlier run", encoding="utf-8")
        os.utime(old, (1_700_000_000 + number, 1_700_000_000 + number))
    path.write_text("this run", encoding="utf-8")
    removed = logging_setup.prune_old_logs(keep=20)
    assert sorted(p.name for p in removed) == [
        f"opsdesk-20260101-0000{n:02d}-{1000 + n}.log" for n in range(5)
    ]
    assert path.exists() and len(list(path.parent.iterdir())) == 21

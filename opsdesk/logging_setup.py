"""Logging to a file of this process in the user's data folder, and last-resort hooks for errors and crashes.

The windowed build (PyInstaller, console=False) has no stdout or stderr: without this, a
failure would leave no trace at all. Each process writes its own file (Windows cannot rename
a log that another window holds open), and the oldest files are removed. Qt-free, so the
GUI adds its message box on top.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from opsdesk.paths import log_file_path, log_folder, private_file

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 1
#: log files of earlier processes kept in the logs folder (the newest ones)
KEEP_LOG_FILES = 20

ErrorReporter = Callable[[BaseException], None]

log = logging.getLogger("opsdesk")


class _OpsDeskFileHandler(RotatingFileHandler):
    """Marks the handler this module installed, so configuring twice replaces it instead of doubling lines."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        # Owner only from the first byte, the rotated files too: a log names people and registers.
        private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to this process's file in the user's logs folder; returns its path."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _OpsDeskFileHandler):
            if handler.baseFilename == os.path.abspath(path):
                return path
            root.removeHandler(handler)
            handler.close()
    prune_old_logs(keep=KEEP_LOG_FILES)
    # delay=True: the file appears with the first record, not on import of a test module.
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = _OpsDeskFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a dozen lines per start
    return path


def prune_old_logs(keep: int = KEEP_LOG_FILES) -> list[Path]:
    """Delete all but the newest `keep` log files of earlier processes; returns those deleted.

    A file still open in a running OpsDesk cannot be deleted on Windows: it is left for next time.
    """
    folder = log_folder()
    if not folder.is_dir():
        return []
    own = log_file_path().name
    files = sorted(
        (p for p in folder.glob("opsdesk-*.log*") if p.is_file() and not p.name.startswith(own)),
        key=lambda p: (p.stat().st_mtime, p.name),
        reverse=True,
    )
    removed = []
    for old in files[keep:]:
        try:
            old.unlink()
        except OSError:
            continue
        removed.append(old)
    return removed


_crash_log = None


def enable_crash_log() -> Path:
    """Let faulthandler write a crash's Python stacks (a segfault in Qt, say) into this process's log."""
    import faulthandler

    global _crash_log
    path = log_file_path()
    if _crash_log is not None and not _crash_log.closed and _crash_log.name == str(path):
        faulthandler.enable(file=_crash_log, all_threads=True)
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    previous, _crash_log = _crash_log, open(path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's lifetime
    faulthandler.enable(file=_crash_log, all_threads=True)
    if previous is not None:
        previous.close()  # only after faulthandler let go of it (another data folder, in tests)
    return path


def log_uncaught(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """Write an uncaught exception with its traceback to the log."""
    log.critical("Uncaught %s: %s", exc_type.__name__, exc, exc_info=(exc_type, exc, tb))


def install_excepthook(report: ErrorReporter | None = None) -> None:
    """Log uncaught exceptions (main and worker threads), then call `report` (the GUI's message box)."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        log_uncaught(exc_type, exc, tb)
        if sys.stderr is not None:  # a console (source runs): show it there too
            sys.__excepthook__(exc_type, exc, tb)
        if report is not None:
            try:
                report(exc)
            except Exception:  # a failing report must not hide the original error
                log.exception("Could not report the uncaught error")

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log_uncaught(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook


def emit_line(text: str, *, level: int = logging.INFO) -> None:
    """One line to stdout when there is one (source runs, CI) and to the log (the windowed build)."""
    log.log(level, text)
    stream = sys.stdout
    if stream is not None:
        print(text, file=stream)
        stream.flush()

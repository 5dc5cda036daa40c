"""Logging to a rotating file in the user's data folder, and a last-resort hook for uncaught errors.

The windowed build (PyInstaller, console=False) has no stdout or stderr: without this, a
failure would leave no trace at all. Qt-free, so the GUI adds its message box on top.
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

from opsdesk.paths import log_file_path, private_file

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3

ErrorReporter = Callable[[BaseException], None]

log = logging.getLogger("opsdesk")


class _OpsDeskFileHandler(RotatingFileHandler):
    """Marks the handler this module installed, so configuring twice replaces it instead of doubling lines."""

    def _open(self):  # noqa: ANN202 - logging's own signature
        # Owner only from the first byte, the rotated files too: a log names people and registers.
        private_file(Path(self.baseFilename))
        return super()._open()


def configure_logging(level: int = logging.INFO) -> Path:
    """Send log records to the rotating `opsdesk.log` in the user's data folder; returns its path."""
    path = log_file_path()
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _OpsDeskFileHandler):
            if handler.baseFilename == os.path.abspath(path):
                return path
            root.removeHandler(handler)
            handler.close()
    # delay=True: the file appears with the first record, not on import of a test module.
    handler = _OpsDeskFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(handler)
    if root.level == logging.NOTSET or root.level > level:
        root.setLevel(level)
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)  # a dozen lines per start
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

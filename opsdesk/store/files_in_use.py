"""Renaming and deleting files that another program may hold open, as Windows does.

On Windows a file open in another program (an antivirus scan, a backup agent, Excel, a
second OpsDesk) cannot be renamed or deleted: os.replace and unlink fail with WinError 32
(sharing violation) or 5 (access denied) until it lets go, usually within a second. These
helpers retry briefly, then raise FileInUseError with a sentence the user can act on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from opsdesk.domain.errors import DatabaseError

# ERROR_ACCESS_DENIED, ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION
IN_USE_WINERRORS = frozenset({5, 32, 33})
RETRY_DELAYS_S = (0.05, 0.1, 0.2, 0.3, 0.5, 0.8)  # about two seconds in all
IN_USE_MESSAGE = "file.in_use"  # a catalogue code: path


class FileInUseError(DatabaseError):
    """A file stayed locked by another program while OpsDesk tried to rename or delete it."""

    def __init__(self, path: Path) -> None:
        super().__init__(IN_USE_MESSAGE, path=str(path))
        self.path = path


def is_in_use(error: OSError) -> bool:
    """True for Windows' "the file is open in another program" refusals (never on POSIX)."""
    return getattr(error, "winerror", None) in IN_USE_WINERRORS


def _retrying(operation: Callable[[], object], path: Path, sleep: Callable[[float], None]) -> None:
    for delay in (*RETRY_DELAYS_S, None):
        try:
            operation()
            return
        except OSError as exc:
            if not is_in_use(exc):
                raise
            if delay is None:
                raise FileInUseError(path) from exc
            sleep(delay)


def replace_file(source: Path, target: Path, *, sleep: Callable[[float], None] = time.sleep) -> None:
    """os.replace, retried while either file is open elsewhere; FileInUseError when it stays so."""
    _retrying(lambda: os.replace(source, target), Path(target), sleep)


def remove_file(path: Path, *, missing_ok: bool = True, sleep: Callable[[float], None] = time.sleep) -> None:
    """Path.unlink, retried while the file is open elsewhere; FileInUseError when it stays so."""
    _retrying(lambda: Path(path).unlink(missing_ok=missing_ok), Path(path), sleep)

"""One OpsDesk window per register file: a QLockFile next to the register while a window has it open.

Two windows on one file would each keep their own view, and on Windows each would hold the
file open for the other's restore, rotation or rename. A second window is refused with the
process that has the register, and the user switches to that window. A lock left by a
crashed OpsDesk is stale (its process is gone) and is taken over.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLockFile

from opsdesk.domain.errors import DatabaseError
from opsdesk.store.database import Database

_held: dict[Path, QLockFile] = {}


class RegisterInUseError(DatabaseError):
    """Another OpsDesk window has this register open."""


def lock_path(register: Path) -> Path:
    """The lock file beside a register (hidden, so Explorer users leave it alone)."""
    return register.with_name(f".{register.name}.opsdesk-lock")


def claim_register(database: Database) -> None:
    """Hold a SQLite register for this process; RegisterInUseError when another window holds it.

    A server register, or a file in a folder nobody here may write (it opens read-only), is
    not locked: the server coordinates the first, and nothing can be saved into the second.
    """
    path = database.path
    if path is None or path.resolve() in _held:
        return
    lock = QLockFile(str(lock_path(path)))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it has run
    if lock.tryLock(0):
        _held[path.resolve()] = lock
        return
    if lock.error() != QLockFile.LockError.LockFailedError:
        return  # cannot write beside the file: no second writer can appear through us either
    pid, host, _app = lock.getLockInfo()
    raise RegisterInUseError(
        QCoreApplication.translate(
            "SingleInstance",
            "{path} is already open in another OpsDesk window (process {pid} on {host}). "
            "Switch to that window, or close it and open the register again.",
        ).format(path=path, pid=pid, host=host or "this computer")
    )


def release_register(database: Database) -> None:
    """Let other windows open this register again (when this window closes it)."""
    path = database.path
    lock = _held.pop(path.resolve(), None) if path is not None else None
    if lock is not None:
        lock.unlock()


def holds_register(path: Path) -> bool:
    """True while this process holds the register's lock."""
    return path.resolve() in _held

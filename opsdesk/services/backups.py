"""Backups and restore of a SQLite register: automatic rotating copies, validation, recovery."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session

from opsdesk.domain.errors import DatabaseError, Problem, ValidationError
from opsdesk.services.common import flush
from opsdesk.services.settings import _read, _write
from opsdesk.store.audit_witness import forget_witness, register_key
from opsdesk.store.backup import (
    BackupInfo,
    RestoreResult,
    backup_folder,
    backup_sqlite,
    check_restorable,
    is_good_backup,
    list_backups,
    move_aside,
    newest_good_backup,
    rotate_backups,
)
from opsdesk.store.backup import restore_database as restore_sqlite
from opsdesk.store.database import Database, database_url
from opsdesk.store.encryption import EncryptResult
from opsdesk.store.encryption import encrypt_register as encrypt_file

__all__ = [
    "BackupInfo",
    "RestoreResult",
    "backup_folder",
    "backup_now",
    "check_restorable",
    "encrypt_register",
    "forget_automatic_backups",
    "get_backups_kept",
    "is_good_backup",
    "list_backups",
    "move_aside",
    "newest_good_backup",
    "restore_database",
    "set_backups_kept",
    "take_automatic_backup",
]

BACKUPS_KEPT = "backups_kept"
DEFAULT_BACKUPS_KEPT = 10
MAX_BACKUPS_KEPT = 100

# Databases already backed up automatically by this process: at most one copy per app start.
_backed_up_this_run: set[Path] = set()


def get_backups_kept(*, session: Session) -> int:
    """How many automatic backups are kept (the oldest beyond that are deleted)."""
    value = _read(session, BACKUPS_KEPT)
    return DEFAULT_BACKUPS_KEPT if value is None else int(value)


def set_backups_kept(*, session: Session, count: int) -> None:
    """Change how many automatic backups are kept (1 to 100)."""
    if isinstance(count, bool) or not isinstance(count, int) or not 1 <= count <= MAX_BACKUPS_KEPT:
        raise ValidationError(
            Problem(
                BACKUPS_KEPT, "backup.kept_out_of_range", {"maximum": MAX_BACKUPS_KEPT, "value": repr(count)}
            )
        )
    _write(session, BACKUPS_KEPT, count)
    flush(session, "setting")


def backup_now(database: Database) -> Path:
    """A copy taken on request ("Backup now", `opsdesk backup`); never rotated away."""
    if database.path is None:
        raise DatabaseError("backup.server_makes_its_own")
    return backup_sqlite(database.path, reason="backup", key=database.key)


def take_automatic_backup(database: Database) -> Path | None:
    """The rotating copy taken when the app opens a register: once per database per app start.

    Returns the new copy, or None when there is nothing to do (server database, already
    taken in this run). The oldest automatic copies beyond the `backups_kept` setting are
    deleted; copies taken on request or before an upgrade or restore are never rotated.
    """
    path = database.path
    if path is None:
        return None
    path = path.resolve()
    if path in _backed_up_this_run:
        return None
    with database.session() as session:
        keep = get_backups_kept(session=session)
    target = backup_sqlite(path, reason="auto", key=database.key)
    _backed_up_this_run.add(path)
    rotate_backups(path, keep, reason="auto")
    return target


def forget_automatic_backups() -> None:
    """Let the next open take an automatic backup again (tests; a new app start)."""
    _backed_up_this_run.clear()


def restore_database(
    database_path: Path, source: Path, key: str | None = None, *, source_key: str | None = None
) -> RestoreResult:
    """Replace a register by a checked backup, keeping the current one (see store.backup).

    The restored audit trail is older on purpose, so this computer's witness of the trail
    is forgotten rather than reported as a cut-back. An encrypted register (`key`, as its
    Database holds it) takes only a backup encrypted with the same password.
    """
    result = restore_sqlite(database_path, source, key, source_key=source_key)
    forget_witness(register_key(database_url(database_path)))
    return result


def encrypt_register(database: Database, password: str, *, keep_plain: bool = False) -> EncryptResult:
    """Encrypt an open plain register file with a password (see store.encryption); closes `database`.

    Reopen it with the password afterwards.
    """
    if database.path is None:
        raise DatabaseError("register.encrypt_server")
    if database.encrypted:
        raise DatabaseError("register.already_encrypted", path=str(database.path))
    if database.read_only:
        raise DatabaseError("encrypt.read_only", name=database.display_name, reason=database.read_only_reason)
    database.dispose()  # no pooled connection of ours keeps the plain file open
    return encrypt_file(database.path, password, keep_plain=keep_plain)

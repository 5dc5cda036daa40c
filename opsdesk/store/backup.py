"""Consistent copies of a live SQLite database through SQLite's backup API, and restoring them."""

from __future__ import annotations

import contextlib
import errno
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from opsdesk.domain.errors import DatabaseError
from opsdesk.store import cipher
from opsdesk.store.cipher import database_errors
from opsdesk.store.files_in_use import FileInUseError, remove_file, replace_file
from opsdesk.store.locations import sqlite_uri
from opsdesk.store.permissions import restrict_to_owner

SQLITE_HEADER = b"SQLite format 3\x00"
STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
# Why a copy was taken; part of its file name, so the list can say it without opening it.
REASONS = ("auto", "backup", "before-upgrade", "before-restore")
SIDECARS = ("-wal", "-shm", "-journal")
BUSY_TIMEOUT_S = 10.0


class SqliteFaultError(DatabaseError):
    """The file could not be used for a reason that is not damage: another program holds it
    locked, the disk is full, or the disk reports an I/O error. Nothing was changed, and no
    recovery is called for: the fault is named so the user fixes it, not the file."""

    def __init__(self, code: str, path: Path, kind: str, **params: object) -> None:
        super().__init__(code, path=path, **params)
        self.path = path
        self.kind = kind


# SQLite's primary result codes (the low byte of an extended code) that are not damage.
_FAULTS = {5: "locked", 6: "locked", 10: "io", 13: "full", 14: "cannot_open"}
# SQLITE_IOERR_SHMOPEN and _SHMSIZE: no room to make or grow the WAL's shared-memory file.
# Reading a WAL register needs that file; on a folder one may write to, a full disk is why.
_NO_ROOM = {4618, 4874}


def sqlite_fault(exc: BaseException) -> str | None:
    """The kind of fault a sqlite3 error is ("locked", "full", "io", "cannot_open"), None for damage and the rest."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is None:
        text = str(exc)
        if "database is locked" in text:
            return "locked"
        return None
    if code in _NO_ROOM:
        return "full"
    return _FAULTS.get(code & 0xFF)


def fault_error(path: Path, kind: str, reason: str = "") -> SqliteFaultError:
    """The clear sentence for one fault with one file."""
    return SqliteFaultError(f"fault.{kind}", path, kind, reason=reason)


def raise_if_fault(path: Path, exc: BaseException) -> None:
    """Raise the SqliteFaultError a sqlite3 error stands for; return when it may be damage."""
    kind = sqlite_fault(exc)
    if kind is not None:
        raise fault_error(path, kind, str(exc)) from exc


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """One backup file of a database: where, when (local time), how big, and why it was taken."""

    path: Path
    taken_at: datetime
    size: int
    reason: str


@dataclass(frozen=True, slots=True)
class RestoreResult:
    """What a restore did: the source, and where the replaced database was kept."""

    database: Path
    source: Path
    schema: str
    safety_backup: Path | None = None
    broken_copy: Path | None = None


def backup_folder(database_path: Path) -> Path:
    return database_path.parent / "backups"


def default_backup_path(database_path: Path, reason: str = "backup") -> Path:
    stamp = datetime.now().strftime(STAMP_FORMAT)
    return backup_folder(database_path) / f"{database_path.stem}-{reason}-{stamp}.db"


def _uri(path: Path, mode: str = "ro") -> str:
    # Percent-encoded: a raw '#' or '?' would cut the path short and make SQLite create (and
    # copy) an empty database elsewhere.
    return sqlite_uri(path.resolve(), mode=mode)


def _connect(path: Path, key: str | None = None, *, mode: str = "ro", timeout: float | None = None):
    """A connection to a register file: plain SQLite, or SQLCipher keyed with the password."""
    # Read at call time, not bound as a default when the module loads: the wait is one setting.
    timeout = BUSY_TIMEOUT_S if timeout is None else timeout
    if key is None:
        return sqlite3.connect(_uri(path, mode), uri=True, timeout=timeout)
    return cipher.connect(_uri(path, mode), key, uri=True, timeout=timeout)


def _private_folder(folder: Path) -> None:
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        # Owner only: a register is confidential (mkdir's mode is subject to the umask).
        os.chmod(folder, 0o700)
        restrict_to_owner(folder)


def backup_sqlite(
    database_path: Path, target: Path | None = None, reason: str = "backup", *, key: str | None = None
) -> Path:
    """Copy the database with the backup API (safe while others write) and return the copy's path.

    An encrypted register (`key`, its password) gives a copy encrypted with the same password.
    """
    if not database_path.exists():
        raise DatabaseError("backup.missing", path=database_path)
    if target is None:
        target = default_backup_path(database_path, reason)
        _private_folder(target.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.resolve() == database_path.resolve():
        raise DatabaseError("backup.onto_itself")
    partial = target.with_name(target.name + ".part")
    source = _connect(database_path, key)
    try:
        _copy(source, partial, key)
    except database_errors() as exc:
        if key is not None and cipher.is_wrong_key(exc):
            partial.unlink(missing_ok=True)
            raise cipher.wrong_password(database_path) from exc
        partial.unlink(missing_ok=True)
        raise DatabaseError("backup.failed", path=database_path, reason=str(exc)) from exc
    finally:
        source.close()
    try:
        replace_file(partial, target)
    except FileInUseError:
        remove_file(partial)
        raise
    return target


def _copy(source: sqlite3.Connection, target: Path, key: str | None = None) -> None:
    """Backup-API copy into a new private file, left as a self-contained rollback-journal database."""
    target.unlink(missing_ok=True)
    # Created 0600 before SQLite writes a byte into it.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(target, 0o600)
    restrict_to_owner(target)
    destination = sqlite3.connect(str(target)) if key is None else cipher.connect(str(target), key)
    try:
        source.backup(destination)
        # One file, no -wal beside it: a copy that can be moved, mailed or restored as it is.
        destination.execute("PRAGMA journal_mode=DELETE")
    finally:
        destination.close()


def list_backups(database_path: Path) -> list[BackupInfo]:
    """The backups of this database in its backups folder, newest first."""
    folder = backup_folder(database_path)
    if not folder.is_dir():
        return []
    pattern = re.compile(
        rf"^{re.escape(database_path.stem)}-(?P<reason>{'|'.join(REASONS)})-(?P<stamp>\d{{8}}-\d{{6}}-\d{{6}})\.db$"
    )
    found = []
    for path in folder.iterdir():
        match = pattern.match(path.name)
        if match is None or not path.is_file():
            continue
        taken_at = datetime.strptime(match["stamp"], STAMP_FORMAT)
        found.append(BackupInfo(path, taken_at, path.stat().st_size, match["reason"]))
    return sorted(found, key=lambda info: (info.taken_at, info.path.name), reverse=True)


def rotate_backups(database_path: Path, keep: int, reason: str = "auto") -> list[Path]:
    """Delete the oldest backups of one reason beyond `keep`; returns the deleted files."""
    kept = [info for info in list_backups(database_path) if info.reason == reason]
    removed = []
    for info in kept[max(keep, 1) :]:
        try:
            remove_file(info.path)
        except FileInUseError:
            continue  # open elsewhere (a virus scan, a copy running): removed at the next rotation
        removed.append(info.path)
    return removed


def sqlite_problems(path: Path, *, full: bool = False, key: str | None = None) -> list[str]:
    """Why SQLite cannot trust this file: empty list when its header and pages check out.

    `full` runs PRAGMA integrity_check (also indexes against tables); otherwise the faster
    PRAGMA quick_check. Opened read-only: checking never changes the file. A file that cannot
    be checked (locked by another program, disk full, I/O error) raises SqliteFaultError. With
    `key` the file is an encrypted register: a plain file, or one the password does not open,
    raises DatabaseError / PasswordRequiredError instead of being called damaged.
    """
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        # Not being able to read a file says nothing about its content: a fault, not damage.
        raise fault_error(
            path, "io" if exc.errno == errno.EIO else "unreadable", exc.strerror or str(exc)
        ) from exc
    if key is None and header != SQLITE_HEADER:
        return ["it is not a SQLite file"]
    if key is not None and header == SQLITE_HEADER:
        raise DatabaseError("register.not_encrypted", path=str(path))
    try:
        connection = _connect(path, key)
    except database_errors() as exc:
        raise_if_fault(path, exc)
        return [str(exc)]
    try:
        if key is not None:
            try:
                connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            except database_errors() as exc:
                if cipher.is_wrong_key(exc):
                    raise cipher.wrong_password(path) from exc
                raise
        pragma = "integrity_check" if full else "quick_check"
        rows = connection.execute(f"PRAGMA {pragma}").fetchall()
        # One row may hold several lines; "*** in database main ***" only heads them.
        lines = [line.strip() for row in rows for line in str(row[0]).splitlines()]
        return [line for line in lines if line and line != "ok" and not line.startswith("*** in database")]
    except database_errors() as exc:
        raise_if_fault(path, exc)  # locked, disk full, I/O error: never reported as damage
        return [str(exc)]
    finally:
        connection.close()


def schema_of(path: Path, key: str | None = None) -> str | None:
    """The Alembic revision recorded in a SQLite file (None if it has none)."""
    connection = _connect(path, key)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    finally:
        connection.close()


def check_restorable(path: Path, key: str | None = None) -> str:
    """Refuse a file that is not a healthy OpsDesk database this app can open; returns its schema.

    For an encrypted register (`key`), the file must be encrypted with that same password.
    """
    from opsdesk.store import migrations

    if not path.is_file():
        raise DatabaseError("backup.missing", path=path)
    try:
        problems = sqlite_problems(path, full=True, key=key)
    except SqliteFaultError as exc:
        raise SqliteFaultError("restore.not_now", path, exc.kind, reason=exc) from exc
    except DatabaseError as exc:  # a plain file for an encrypted register, or another password
        raise DatabaseError("register.backup_other_key", path=str(path)) from exc
    if problems == ["it is not a SQLite file"]:
        raise DatabaseError("restore.not_sqlite", path=path)
    if problems:
        raise DatabaseError("restore.damaged", path=path, problem=problems[0])
    try:
        schema = schema_of(path, key)
    except database_errors() as exc:
        raise DatabaseError("restore.unreadable", path=path, reason=str(exc)) from exc
    if schema is None:
        raise DatabaseError("restore.no_schema", path=path)
    if not migrations.is_known_revision(schema):
        raise DatabaseError("restore.newer_schema", path=path, schema=schema, head=migrations.head_revision())
    _refuse_changed_guards(path, schema, key)
    return schema


def _refuse_changed_guards(path: Path, schema: str, key: str | None = None) -> None:
    """A backup whose triggers or constraints are not OpsDesk's would bring them back with it."""
    from opsdesk.store import migrations
    from opsdesk.store.guards import sqlite_guard_problems

    connection = _connect(path, key)
    try:
        problems = sqlite_guard_problems(connection, migrations.reached_revisions(schema))
    finally:
        connection.close()
    if problems:
        code = "restore.foreign_guards_more" if len(problems) > 1 else "restore.foreign_guards"
        raise DatabaseError(code, path=path, problem=problems[0], more=len(problems) - 1)


def is_good_backup(path: Path, key: str | None = None) -> bool:
    try:
        check_restorable(path, key)
    except (DatabaseError, OSError, *database_errors()):
        return False
    return True


def newest_good_backup(database_path: Path, key: str | None = None) -> BackupInfo | None:
    """The newest backup that passes the full integrity check and has a schema this app knows."""
    return next((info for info in list_backups(database_path) if is_good_backup(info.path, key)), None)


def move_aside(database_path: Path, stamp: str | None = None) -> Path:
    """Rename a damaged database (and its -wal/-shm) to `<name>.broken-<stamp>`; never overwrites."""
    stamp = stamp or datetime.now().strftime("%Y%m%d-%H%M%S")
    aside = database_path.with_name(f"{database_path.name}.broken-{stamp}")
    number = 2
    while aside.exists():
        aside = database_path.with_name(f"{database_path.name}.broken-{stamp}-{number}")
        number += 1
    # The -wal must travel with its file: left behind, SQLite could replay its frames onto the
    # restored database (a WAL does not record which database file it belongs to).
    moves = [(database_path, aside)] + [
        (database_path.with_name(database_path.name + suffix), aside.with_name(aside.name + suffix))
        for suffix in SIDECARS
    ]
    _move_all_or_none([(source, target) for source, target in moves if source.exists()])
    return aside


def _move_all_or_none(moves: list[tuple[Path, Path]]) -> None:
    """Rename every pair, or (when one stays in use) put back those already moved and raise."""
    done: list[tuple[Path, Path]] = []
    try:
        for source, target in moves:
            replace_file(source, target)
            done.append((source, target))
    except FileInUseError:
        for source, target in reversed(done):
            replace_file(target, source)
        raise


def restore_database(
    database_path: Path, source: Path, key: str | None = None, *, source_key: str | None = None
) -> RestoreResult:
    """Replace a database by a validated backup, keeping the current one (copy or moved aside).

    A healthy current database is first backed up (reason "before-restore") and then
    overwritten through the backup API, in one write transaction that other connections see
    whole. A damaged one is renamed to `<name>.broken-<stamp>` with its -wal/-shm and the
    verified copy takes its place. Close this process's connections first. An encrypted
    register (`key`) takes only a backup encrypted with the same password; `source_key` is
    that password's key for the backup's own salt (another file than the register) when known.
    """
    database_path = Path(database_path).resolve()
    source = Path(source).resolve()
    if source == database_path:
        raise DatabaseError("restore.from_itself")
    source_key = source_key or key
    check_restorable(source, source_key)
    stamp = datetime.now().strftime(STAMP_FORMAT)
    staging = database_path.with_name(f".{database_path.name}.restore-{stamp}")
    try:
        reader = _connect(source, source_key)
        try:
            _copy(reader, staging, key)
        except database_errors() as exc:
            raise DatabaseError("restore.copy_failed", path=source, reason=str(exc)) from exc
        finally:
            reader.close()
        # The bytes that go in are the bytes that were checked.
        schema = check_restorable(staging, key)
        if not database_path.exists():
            move_aside(database_path, stamp)  # only stray -wal/-shm files, if any
            replace_file(staging, database_path)
            return RestoreResult(database_path, source, schema)
        try:
            damage = sqlite_problems(database_path, full=True, key=key)
        except SqliteFaultError as exc:
            raise SqliteFaultError("restore.nothing_restored", database_path, exc.kind, reason=exc) from exc
        if damage:
            # Moving aside a file that another program still has open would send its later
            # writes into the moved file: refuse until it is closed.
            _refuse_if_open_elsewhere(database_path, key)
            broken = move_aside(database_path, stamp)
            try:
                replace_file(staging, database_path)
            except FileInUseError:
                _move_all_or_none([(broken, database_path)])  # the damaged file back where it was
                raise
            return RestoreResult(database_path, source, schema, broken_copy=broken)
        safety = backup_sqlite(database_path, reason="before-restore", key=key)
        _overwrite_live(staging, database_path, key)
        return RestoreResult(database_path, source, schema, safety_backup=safety)
    finally:
        with contextlib.suppress(FileInUseError):
            remove_file(staging)


def _refuse_if_open_elsewhere(database_path: Path, key: str | None = None) -> None:
    """Refuse while another connection has the file open: in WAL mode each holds a shared lock
    that an EXCLUSIVE locking-mode transaction cannot get past."""
    try:
        if key is None:
            probe = sqlite3.connect(str(database_path), timeout=0, isolation_level=None)
        else:
            probe = cipher.connect(str(database_path), key, timeout=0, isolation_level=None)
    except database_errors():
        return  # SQLite cannot even open it: nobody else can have it open as a database either
    try:
        probe.execute("PRAGMA locking_mode=EXCLUSIVE")
        probe.execute("BEGIN EXCLUSIVE")
        probe.execute("ROLLBACK")
    except database_errors() as exc:
        if sqlite_fault(exc) == "locked":
            raise SqliteFaultError("restore.damaged_and_open", database_path, "locked") from exc
    finally:
        probe.close()


def _overwrite_live(staging: Path, database_path: Path, key: str | None = None) -> None:
    source = _connect(staging, key)
    try:
        if key is None:
            target = sqlite3.connect(str(database_path), timeout=BUSY_TIMEOUT_S)
        else:
            target = cipher.connect(str(database_path), key, timeout=BUSY_TIMEOUT_S)
        try:
            # One step: all pages in one write transaction on the live file (through its WAL).
            source.backup(target)
            # Fold the WAL into the file and empty it, so no old frame outlives the restore.
            target.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            problems = [row[0] for row in target.execute("PRAGMA quick_check").fetchall() if row[0] != "ok"]
        finally:
            target.close()
    except database_errors() as exc:
        kind = sqlite_fault(exc)
        if kind is not None:
            fault = fault_error(database_path, kind, str(exc))
            raise SqliteFaultError("restore.nothing_restored", database_path, kind, reason=fault) from exc
        raise DatabaseError("restore.failed", path=database_path, reason=str(exc)) from exc
    finally:
        source.close()
    if problems:
        raise DatabaseError("restore.failed", path=database_path, reason=problems[0])

"""Turning a plain register file into an encrypted one (`opsdesk encrypt`, File > Encrypt register…).

SQLCipher's sqlcipher_export copies the schema (tables, indexes, audit triggers) and every
row into a new encrypted file. The copy is checked like a backup before a restore (full
integrity check, a schema this OpsDesk knows, OpsDesk's own triggers and constraints) and
its rows are counted against the original, all while the plain file is locked against other
programs. Only then does it take the register's place. The plain file is kept beside it
when the user asks (`keep_plain`); otherwise it is removed, and the backups in the
register's backups folder are encrypted with the same key the same way.
"""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from opsdesk.domain.errors import DatabaseError
from opsdesk.store import cipher
from opsdesk.store.backup import (
    SIDECARS,
    STAMP_FORMAT,
    SqliteFaultError,
    _move_all_or_none,
    check_restorable,
    fault_error,
    list_backups,
    raise_if_fault,
    sqlite_fault,
    sqlite_problems,
)
from opsdesk.store.files_in_use import FileInUseError, remove_file, replace_file
from opsdesk.store.permissions import restrict_to_owner


@dataclass(frozen=True)
class EncryptResult:
    """What `encrypt_register` did."""

    database: Path
    #: where the plain register was kept (only with keep_plain)
    plain_copy: Path | None = None
    #: backups encrypted with the same key (their plain versions removed)
    backups_encrypted: list[Path] = field(default_factory=list)


def encrypt_register(path: Path, password: str, *, keep_plain: bool = False) -> EncryptResult:
    """Replace a plain register file by an encrypted copy; nothing changes unless the copy checks out.

    Close this process's connections to the register first; another program holding it open
    makes this refuse (locked), as a restore does.
    """
    path = Path(path).resolve()
    cipher.check_password(password)
    if not path.is_file():
        raise DatabaseError("backup.missing", path=str(path))
    if not cipher.is_plain_sqlite(path):
        if cipher.looks_encrypted(path):
            raise DatabaseError("register.already_encrypted", path=str(path))
        raise DatabaseError("encrypt.not_sqlite", path=str(path))
    problems = sqlite_problems(path, full=True)
    if problems:
        raise DatabaseError("encrypt.damaged", path=str(path), problem=problems[0])
    check_restorable(path)  # an OpsDesk register with a known schema and its own triggers
    stamp = datetime.now().strftime(STAMP_FORMAT)
    staging = path.with_name(f".{path.name}.encrypt-{stamp}")
    key = cipher.file_key(staging, password)  # a new salt
    try:
        _export(path, staging, key, lock=True)
        plain_copy = None
        if keep_plain:
            plain_copy = _free_name(path.with_name(f"{path.name}.plain-{stamp[:15]}"))
            _move_all_or_none([(source, target) for source, target in _with_sidecars(path, plain_copy)])
            replace_file(staging, path)
            # The export's exclusive connection folded the log into the file: a -shm left is only an index.
            shared_memory = plain_copy.with_name(plain_copy.name + "-shm")
            if shared_memory.exists() and not plain_copy.with_name(plain_copy.name + "-wal").exists():
                remove_file(shared_memory)
        else:
            aside = path.with_name(f".{path.name}.plain-{stamp}")
            _move_all_or_none([(source, target) for source, target in _with_sidecars(path, aside)])
            replace_file(staging, path)
            try:
                _remove_with_sidecars(aside)
            except FileInUseError:
                plain_copy = aside  # another program holds it: it stays, and the user is told where
    finally:
        with contextlib.suppress(OSError):
            remove_file(staging)
    encrypted = [] if keep_plain else _encrypt_backups(path, key)
    return EncryptResult(path, plain_copy, encrypted)


def _encrypt_backups(database_path: Path, key: str) -> list[Path]:
    """Each plain backup of the register replaced by an encrypted one with the same key."""
    done = []
    for info in list_backups(database_path):
        if not cipher.is_plain_sqlite(info.path):
            continue
        staging = info.path.with_name(info.path.name + ".encrypt")
        try:
            _export(info.path, staging, key, lock=False)
            replace_file(staging, info.path)
        except (DatabaseError, OSError):
            continue  # a damaged or foreign copy stays as it is; the register itself is encrypted
        finally:
            with contextlib.suppress(OSError):
                remove_file(staging)
        done.append(info.path)
    return done


def _export(source: Path, target: Path, key: str, *, lock: bool) -> None:
    """sqlcipher_export of `source` into a new encrypted `target`, then checked; `lock` holds the
    source exclusively meanwhile (no other program may have it open, none may write)."""
    target.unlink(missing_ok=True)
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    os.chmod(target, 0o600)
    restrict_to_owner(target)
    connection = cipher.dbapi().connect(str(source), timeout=0 if lock else 10.0, isolation_level=None)
    try:
        if lock:
            connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY {cipher.quote_key(key)}", (str(target),))
        connection.execute("BEGIN EXCLUSIVE" if lock else "BEGIN")
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA main.user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        counts = _row_counts(connection, "main")
        connection.execute("COMMIT")
        connection.execute("DETACH DATABASE encrypted")
        _verify(target, key, counts)
    except cipher.database_errors() as exc:
        kind = sqlite_fault(exc)
        if kind == "locked":
            raise SqliteFaultError(
                "encrypt.nothing_encrypted", source, kind, reason=fault_error(source, kind, str(exc))
            ) from exc
        raise_if_fault(source, exc)
        raise DatabaseError("register.encrypt_failed", path=str(source), problem=str(exc)) from exc
    finally:
        connection.close()


def _row_counts(connection: Any, schema: str) -> dict[str, int]:
    tables = [
        row[0]
        for row in connection.execute(
            f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: connection.execute(f'SELECT count(*) FROM {schema}."{table}"').fetchone()[0]
        for table in tables
    }


def _verify(target: Path, key: str, counts: dict[str, int]) -> None:
    """The encrypted copy: healthy, an OpsDesk register with its guards, and every row there."""
    try:
        check_restorable(target, key)
    except DatabaseError as exc:
        raise DatabaseError("register.encrypt_failed", path=str(target), problem=str(exc)) from exc
    connection = cipher.connect(str(target), key)
    try:
        copied = _row_counts(connection, "main")
    finally:
        connection.close()
    if copied != counts:
        differ = sorted(name for name in set(counts) | set(copied) if counts.get(name) != copied.get(name))
        raise DatabaseError(
            "register.encrypt_failed", path=str(target), problem=f"rows differ in {', '.join(differ)}"
        )


def _with_sidecars(source: Path, target: Path) -> list[tuple[Path, Path]]:
    moves = [(source, target)] + [
        (source.with_name(source.name + suffix), target.with_name(target.name + suffix))
        for suffix in SIDECARS
    ]
    return [(a, b) for a, b in moves if a.exists()]


def _remove_with_sidecars(path: Path) -> None:
    for candidate in [path] + [path.with_name(path.name + suffix) for suffix in SIDECARS]:
        if candidate.exists():
            remove_file(candidate)


def _free_name(path: Path) -> Path:
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.name}-{number}")
        number += 1
    return candidate

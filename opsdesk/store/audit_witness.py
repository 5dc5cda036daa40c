"""What this computer last saw of a register's audit trail: the newest entry's id and hash.

The hash chain shows an entry changed or removed in the middle of the trail, but not entries
removed from its end: the shorter chain is still whole. So each computer keeps, outside the
register, the newest entry it has seen. When that entry is gone, or no longer the same, the
trail was cut back or rewritten, or the register was replaced by an older copy.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import Connection, select
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session

from opsdesk.paths import user_data_dir
from opsdesk.store.audit_chain import newest_link
from opsdesk.store.database import sqlite_path
from opsdesk.store.files_in_use import replace_file

WITNESS_FILE = "audit-witness.json"
LOCK_FILE = WITNESS_FILE + ".lock"


@dataclass(frozen=True, slots=True)
class Witness:
    """The newest audit entry a computer saw in one register, and when (UTC)."""

    entry_id: int
    hash: str
    seen_at: datetime


def register_key(url: str) -> str:
    """The register a URL names, whoever signs in: a file's full path, or the server and database."""
    path = sqlite_path(url)
    if path is not None:
        return str(path.resolve())
    server = make_url(url)
    return URL.create(
        server.drivername, host=server.host, port=server.port, database=server.database
    ).render_as_string()


def _witness_file() -> Path:
    return user_data_dir() / WITNESS_FILE


@contextmanager
def _witness_lock() -> Iterator[None]:
    """One reader or writer of the witness file at a time, across processes (12 checks at once
    would otherwise each read the file, add their register and write it back, losing others')."""
    path = user_data_dir() / LOCK_FILE
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        if os.name == "nt":
            import msvcrt

            while True:
                try:
                    msvcrt.locking(descriptor, msvcrt.LK_LOCK, 1)  # retries for 10 s itself
                    break
                except OSError:
                    continue
            try:
                yield
            finally:
                os.lseek(descriptor, 0, os.SEEK_SET)
                msvcrt.locking(descriptor, msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _read_all() -> dict[str, dict]:
    try:
        return json.loads(_witness_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}  # none yet, or unreadable: it is rebuilt from the next look


def _write_all(witnesses: dict[str, dict]) -> None:
    # Written whole to a temporary file and moved into place: a crash leaves the old file.
    # mkstemp's file is the owner's only, and unique to this writer (another thread may write too).
    target = _witness_file()
    descriptor, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            json.dump(witnesses, handle, indent=1, sort_keys=True)
        replace_file(Path(temporary), target)  # retried while another OpsDesk reads it (Windows)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def read_witness(key: str) -> Witness | None:
    with _witness_lock():
        entry = _read_all().get(key)
    try:
        return Witness(int(entry["id"]), str(entry["hash"]), datetime.fromisoformat(entry["seen_at"]))
    except (TypeError, KeyError, ValueError):
        return None


def write_witness(key: str, witness: Witness) -> None:
    """Remember the newest entry seen in one register (read, changed and written under the lock)."""
    with _witness_lock():
        witnesses = _read_all()
        witnesses[key] = {
            "id": witness.entry_id,
            "hash": witness.hash,
            "seen_at": witness.seen_at.isoformat(),
        }
        _write_all(witnesses)


def forget_witness(key: str) -> None:
    with _witness_lock():
        witnesses = _read_all()
        if witnesses.pop(key, None) is not None:
            _write_all(witnesses)


def newest_entry(connection: Connection | Session) -> Witness | None:
    """The newest audit entry of the register, as a witness seen now (None for an empty trail)."""
    row = newest_link(connection)
    if row is None or row.hash is None:
        return None
    return Witness(row.id, row.hash, datetime.now(UTC))


def witness_problem(connection: Connection | Session, witness: Witness) -> str | None:
    """Why the register no longer holds the entry this computer saw; None when it does."""
    from opsdesk.store.models import AuditEntry

    table = AuditEntry.__table__
    stored = connection.execute(select(table.c.hash).where(table.c.id == witness.entry_id)).first()
    from opsdesk.domain.catalogue import text

    seen = {"entry": witness.entry_id, "seen": witness.seen_at.astimezone().replace(tzinfo=None)}
    if stored is None:
        return text("check.witness_gone", **seen)
    if stored.hash != witness.hash:
        return text("check.witness_changed", **seen)
    return None

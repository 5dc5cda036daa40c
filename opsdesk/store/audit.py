"""The audit trail, written automatically in the same transaction as every change.

On a SQLite file the app writes it (one user, one file). On a PostgreSQL server the server
writes it, by triggers (store/server_audit.py): an entry is made for every change, whatever
program made it, under the login that made it, and app roles may not insert entries at all.
"""

from __future__ import annotations

import dataclasses
import getpass
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Pool, event, insert, inspect
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from opsdesk.store.audit_chain import chain, last_hash
from opsdesk.store.bulk import insert_many
from opsdesk.store.models import UNAUDITED_TABLES, AuditEntry, utcnow

# Bookkeeping columns that change on every write and say nothing to an auditor.
_SILENT_FIELDS = frozenset({"version", "updated_at", "created_at"})


def default_user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some service contexts
        return "unknown"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _label(obj: Any) -> str | None:
    for attr in ("code", "name", "title", "key"):
        value = getattr(obj, attr, None)
        if value:
            return str(value)
    return None


def _identity(obj: Any) -> str:
    # The identity key is not assigned yet in after_flush; the primary key values are.
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return ",".join(str(part) for part in key)


def _changes(obj: Any) -> list[tuple[str, Any, Any]]:
    state = inspect(obj)
    touched = state.committed_state  # the attributes set since the last flush (the others have no history)
    changed = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SILENT_FIELDS or attr.key not in touched:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else None
        new = history.added[0] if history.added else None
        if old != new:
            changed.append((attr.key, old, new))
    return changed


def _audit_rows(session: Session) -> list[dict[str, Any]]:
    user = session.info.get("user") or default_user()
    now = utcnow()
    rows: list[dict[str, Any]] = []

    def add(obj: Any, action: str, field: str | None = None, old: Any = None, new: Any = None) -> None:
        rows.append(
            dict(
                entity=obj.__table__.name,
                entity_id=_identity(obj),
                action=action,
                field=field,
                old_value=_text(old),
                new_value=_text(new),
                user=user,
                at=now,
            )
        )

    for obj in session.new:
        if obj.__table__.name not in UNAUDITED_TABLES:
            add(obj, "create", new=_label(obj))
    for obj in session.dirty:
        # (__table__.name: SQLModel works __tablename__ out again on every read)
        if obj.__table__.name in UNAUDITED_TABLES or not session.is_modified(obj):
            continue
        for field, old, new in _changes(obj):
            if field == "archived":
                add(obj, "archive" if new else "restore", field, old, new)
            else:
                add(obj, "update", field, old, new)
    for obj in session.deleted:
        if obj.__table__.name not in UNAUDITED_TABLES:
            add(obj, "delete", old=_label(obj))
    return rows


# On SQLite: the hash of the newest entry, kept on the connection while its transaction lasts.
_CHAIN_HEAD = "opsdesk.audit_chain_head"
# session.info: the entries `entries_held` keeps back until its block ends.
_HELD = "opsdesk.audit_held"


@dataclasses.dataclass
class _Held:
    rows: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    head: str | None = None  # the hash of the newest held entry
    # savepoint -> (how many entries were held when it began, the head then)
    savepoints: dict[Any, tuple[int, str | None]] = dataclasses.field(default_factory=dict)


def _chain_head(connection: Connection) -> str:
    # The flush's own INSERT/UPDATE statements already hold SQLite's write lock (and a snapshot
    # that is current, or SQLite would have refused them): no other writer can append between
    # reading the last hash and inserting these rows, nor before this transaction ends. So the
    # hash this transaction wrote last stays the head until it ends or an entry is written by
    # another path (_forget_head_on_insert).
    head = connection.info.get(_CHAIN_HEAD)
    return head if head is not None else last_hash(connection)


@event.listens_for(Session, "after_flush")
def _record_audit(session: Session, _flush_context: Any) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return  # the server's triggers write the trail
    # History is still available in after_flush; the insert joins the same transaction.
    rows = _audit_rows(session)
    if not rows:
        return
    held = session.info.get(_HELD)
    if held is not None:
        held.head = chain(held.head if held.rows else _chain_head(connection), rows)
        held.rows.extend(rows)
        return
    newest = chain(_chain_head(connection), rows)
    connection.execute(insert(AuditEntry.__table__), rows)
    connection.info[_CHAIN_HEAD] = newest


@event.listens_for(Engine, "before_cursor_execute")
def _forget_head_on_insert(
    connection: Connection, _cursor: Any, statement: str, _parameters: Any, _context: Any, _many: bool
) -> None:
    # Any entry written (by the flush above too, which then records the new head) moves the head.
    if _CHAIN_HEAD in connection.info and "auditentry" in statement.lower():
        if statement.lstrip()[:6].upper() == "INSERT":
            del connection.info[_CHAIN_HEAD]


@event.listens_for(Engine, "commit")
@event.listens_for(Engine, "rollback")
def _forget_head(connection: Connection) -> None:
    # After a commit other writers may append; a rollback takes the entries back.
    if connection.dialect.name != "sqlite":  # only SQLite keeps a head (a server writes the trail)
        return
    try:
        connection.info.pop(_CHAIN_HEAD, None)
    except SQLAlchemyError:  # a connection lost mid-transaction: its pool record is dropped at check-in
        pass


@event.listens_for(Engine, "rollback_savepoint")
def _forget_head_at_savepoint(connection: Connection, _name: Any, _context: Any) -> None:
    connection.info.pop(_CHAIN_HEAD, None)


@event.listens_for(Pool, "checkin")
def _forget_head_at_checkin(_dbapi_connection: Any, record: Any) -> None:
    if record is not None:
        record.info.pop(_CHAIN_HEAD, None)


@event.listens_for(Session, "after_transaction_create")
def _mark_savepoint(session: Session, transaction: Any) -> None:
    held = session.info.get(_HELD)
    if held is not None and transaction.nested:
        held.savepoints[transaction] = (len(held.rows), held.head)


@event.listens_for(Session, "after_soft_rollback")
def _drop_rolled_back_entries(session: Session, previous_transaction: Any) -> None:
    held = session.info.get(_HELD)
    mark = None if held is None else held.savepoints.pop(previous_transaction, None)
    if mark is not None:
        # The savepoint's changes are gone: so are the entries they made.
        del held.rows[mark[0] :]
        held.head = mark[1]


@event.listens_for(Session, "after_transaction_end")
def _end_of_transaction(session: Session, transaction: Any) -> None:
    held = session.info.get(_HELD)
    if held is not None and transaction.parent is None:
        held.rows.clear()  # a commit wrote them first (before_commit); a rollback took their changes back
        held.savepoints.clear()


@event.listens_for(Session, "before_commit")
def _write_held_before_commit(session: Session) -> None:
    # (A savepoint's release is a commit too: its entries stay held until the transaction's.)
    if session.info.get(_HELD) is not None and not session.in_nested_transaction():
        session.flush()  # the commit's own flush comes after this event: its entries too
        _write_held(session)


def _write_held(session: Session) -> None:
    held = session.info.get(_HELD)
    if held is not None and held.rows:
        rows = list(held.rows)
        held.rows.clear()
        connection = session.connection()
        connection.execute(insert(AuditEntry.__table__), rows)
        connection.info[_CHAIN_HEAD] = held.head


@contextmanager
def entries_held(session: Session) -> Iterator[None]:
    """Write the audit entries of the block's many flushes in one insert when it ends.

    Each flush still makes its own entries, with its own time, chained in order: the trail is
    the one the flushes would have written one by one (a savepoint's rollback takes its
    entries back, a commit writes them first). For a long load in one transaction that does
    not read the trail it is writing (the demo company): until the block ends they are not
    in the table.
    """
    if _HELD in session.info:
        yield  # already held by an enclosing block
        return
    session.info[_HELD] = _Held()
    try:
        yield
    except BaseException:
        # The caller may still commit what was flushed: its entries go with it.
        transaction = session.get_transaction()
        if transaction is not None and transaction.is_active:
            _write_held(session)
        raise
    else:
        session.flush()
        _write_held(session)
    finally:
        session.info.pop(_HELD, None)


def _label_of(values: Mapping[str, Any]) -> str | None:
    for attr in ("code", "name", "title", "key"):
        value = values.get(attr)
        if value:
            return str(value)
    return None


class BulkAudit:
    """The entries a flush would write for rows written with Core statements (an import's batch).

    A batch that inserts plain rows bypasses the ORM, so `_record_audit` never sees them: the
    caller names each row it created and each field it changed afterwards, and `write` chains
    and inserts the entries exactly as the flush listener would (same fields, same texts, same
    hash chain). On PostgreSQL the server's triggers write the trail, so `write` does nothing.
    """

    def __init__(self, session: Session) -> None:
        self._session = session
        self._connection = session.connection()
        self._user = session.info.get("user") or default_user()
        self._now = utcnow()
        self.rows: list[dict[str, Any]] = []

    def _add(self, entity: str, entity_id: Any, action: str, field: str | None, old: Any, new: Any) -> None:
        if entity in UNAUDITED_TABLES:
            return
        self.rows.append(
            dict(
                entity=entity,
                entity_id=str(entity_id),
                action=action,
                field=field,
                old_value=_text(old),
                new_value=_text(new),
                user=self._user,
                at=self._now,
            )
        )

    def created(self, entity: str, entity_id: Any, values: Mapping[str, Any]) -> None:
        """A new row: "create" with its label (code, name, title or key), as the flush records it."""
        self._add(entity, entity_id, "create", None, None, _label_of(values))

    def changed(
        self, entity: str, entity_id: Any, before: Mapping[str, Any], after: Mapping[str, Any]
    ) -> None:
        """A row changed after it was created: one entry per changed column, in the table's column order."""
        for key in before:
            if key in _SILENT_FIELDS:
                continue
            old, new = before[key], after[key]
            if old != new:
                if key == "archived":
                    self._add(entity, entity_id, "archive" if new else "restore", key, old, new)
                else:
                    self._add(entity, entity_id, "update", key, old, new)

    def write(self) -> None:
        """Chain and insert the entries in the caller's transaction (SQLite; the server writes its own)."""
        if self.rows and self._connection.dialect.name != "postgresql":
            _write_held(self._session)  # entries held back (entries_held) come first in the chain
            chain(last_hash(self._connection), self.rows)
            insert_many(self._connection, AuditEntry.__table__, self.rows)
        self.rows = []

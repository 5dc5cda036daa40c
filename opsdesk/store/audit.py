"""The audit trail, written automatically in the same transaction as every change.

On a SQLite file the app writes it (one user, one file). On a PostgreSQL server the server
writes it, by triggers (store/server_audit.py): an entry is made for every change, whatever
program made it, under the login that made it, and app roles may not insert entries at all.
"""

from __future__ import annotations

import getpass
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
from sqlalchemy.orm import Session

from opsdesk.store.audit_chain import chain, last_hash
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
    changed = []
    for attr in state.mapper.column_attrs:
        if attr.key in _SILENT_FIELDS:
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
                entity=obj.__tablename__,
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
        if obj.__tablename__ not in UNAUDITED_TABLES:
            add(obj, "create", new=_label(obj))
    for obj in session.dirty:
        if obj.__tablename__ in UNAUDITED_TABLES or not session.is_modified(obj):
            continue
        for field, old, new in _changes(obj):
            if field == "archived":
                add(obj, "archive" if new else "restore", field, old, new)
            else:
                add(obj, "update", field, old, new)
    for obj in session.deleted:
        if obj.__tablename__ not in UNAUDITED_TABLES:
            add(obj, "delete", old=_label(obj))
    return rows


# session.info key: (transaction, hash of the newest entry this transaction wrote).
_CHAIN_HEAD = "opsdesk.audit_chain_head"


@event.listens_for(Session, "after_flush")
def _record_audit(session: Session, _flush_context: Any) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return  # the server's triggers write the trail
    # History is still available in after_flush; the insert joins the same transaction.
    rows = _audit_rows(session)
    if any(isinstance(obj, AuditEntry) for obj in session.new):
        session.info.pop(_CHAIN_HEAD, None)  # an entry written by hand: read the head again
    if rows:
        # The flush's own INSERT/UPDATE statements already hold SQLite's write lock (and a
        # snapshot that is current, or SQLite would have refused them): no other writer can
        # append between reading the last hash and inserting these rows, nor before this
        # transaction ends, so the hash it wrote last stays the head until then.
        transaction = session.get_transaction()
        head = session.info.get(_CHAIN_HEAD)
        previous = head[1] if head is not None and head[0] is transaction else last_hash(connection)
        newest = chain(previous, rows)
        connection.execute(insert(AuditEntry.__table__), rows)
        session.info[_CHAIN_HEAD] = (transaction, newest)


@event.listens_for(Session, "after_transaction_end")
def _forget_chain_head(session: Session, transaction: Any) -> None:
    # A commit lets other writers append; a rollback (of a savepoint too) takes entries back.
    # (Each flush runs in an inner subtransaction that ends with it: that one changes nothing.)
    if transaction.parent is None or transaction.nested:
        session.info.pop(_CHAIN_HEAD, None)

"""The audit trail, written automatically in the same transaction as every change.

On a SQLite file the app writes it (one user, one file). On a PostgreSQL server the server
writes it, by triggers (store/server_audit.py): an entry is made for every change, whatever
program made it, under the login that made it, and app roles may not insert entries at all.
"""

from __future__ import annotations

import getpass
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from sqlalchemy import event, insert, inspect
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


@event.listens_for(Session, "after_flush")
def _record_audit(session: Session, _flush_context: Any) -> None:
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        return  # the server's triggers write the trail
    # History is still available in after_flush; the insert joins the same transaction.
    rows = _audit_rows(session)
    if rows:
        # The flush's own INSERT/UPDATE statements already hold SQLite's write lock (and a
        # snapshot that is current, or SQLite would have refused them): no other writer can
        # append between reading the last hash and inserting these rows.
        chain(last_hash(connection), rows)
        connection.execute(insert(AuditEntry.__table__), rows)


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
            chain(last_hash(self._connection), self.rows)
            insert_many(self._connection, AuditEntry.__table__, self.rows)
        self.rows = []

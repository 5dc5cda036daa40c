"""What every service needs: flushing with conflict detection, lookups and codes."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, func, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.errors import ConflictError, NotFoundError
from opsdesk.store.models import CodeSequence, utcnow

Model = TypeVar("Model", bound=SQLModel)


def flush(session: Session, what: str = "record") -> None:
    """Send a service's changes to the database inside the caller's transaction.

    Services never commit: the caller (a GUI action, a command, an import) owns the
    transaction and commits once, so several service calls save together or not at all.
    A concurrent change found here (optimistic locking) becomes a ConflictError.
    """
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("conflict", what=Term.record(what)) from exc


def get_or_raise(session: Session, model: type[Model], record_id: object, what: str) -> Model:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError("not_found", what=Term.record(what), id=record_id)
    return record


def check_version(record: SQLModel, expected_version: int | None, what: str) -> None:
    """Refuse an edit made on a stale copy, before anything is changed."""
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            "conflict_version", current=record, what=Term.record(what), expected=expected_version,
            current_version=record.version,
        )  # fmt: skip


def next_code(session: Session, prefix: str, width: int = 4) -> str:
    """The next code for a prefix (R-0001, NC-0001, S-0001); never reused, even after archive.

    One atomic upsert: it takes the write lock and increments in the same statement, so two
    processes saving at once get different numbers (a read-then-write could hand out one twice).
    The number is rolled back with the transaction if the save fails.
    """
    table = CodeSequence.__table__
    if session.get_bind().dialect.name == "postgresql":
        # The server hands out numbers (editors may not write the counters themselves).
        number = session.execute(select(func.opsdesk_next_code(prefix))).scalar_one()
    else:
        from sqlalchemy.dialects.sqlite import insert as upsert

        statement = (
            upsert(table)
            .values(prefix=prefix, last=1)
            .on_conflict_do_update(index_elements=[table.c.prefix], set_={"last": table.c["last"] + 1})
            .returning(table.c["last"])
        )
        number = session.execute(statement).scalar_one()
    # An instance already loaded in this session must not write back its older number.
    cached = session.identity_map.get(session.identity_key(CodeSequence, prefix))
    if cached is not None:
        session.expire(cached)
    return f"{prefix}-{number:0{width}d}"


def next_codes(session: Session, prefix: str, count: int, width: int = 4) -> list[str]:
    """The next `count` codes for a prefix, as `count` calls of `next_code` give them (one statement on SQLite)."""
    if count <= 0:
        return []
    if session.get_bind().dialect.name == "postgresql":
        return [next_code(session, prefix, width) for _ in range(count)]
    from sqlalchemy.dialects.sqlite import insert as upsert

    table = CodeSequence.__table__
    statement = (
        upsert(table)
        .values(prefix=prefix, last=count)
        .on_conflict_do_update(index_elements=[table.c.prefix], set_={"last": table.c["last"] + count})
        .returning(table.c["last"])
    )
    last = session.execute(statement).scalar_one()
    cached = session.identity_map.get(session.identity_key(CodeSequence, prefix))
    if cached is not None:
        session.expire(cached)
    return [f"{prefix}-{number:0{width}d}" for number in range(last - count + 1, last + 1)]


def touch(record: SQLModel) -> None:
    if hasattr(record, "updated_at"):
        record.updated_at = utcnow()


def today() -> date:
    return date.today()


def exists(session: Session, model: type[Model], **criteria: object) -> bool:
    statement = select(model)
    for name, value in criteria.items():
        statement = statement.where(getattr(model, name) == value)
    return session.exec(statement.limit(1)).first() is not None

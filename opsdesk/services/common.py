"""What every service needs: committing with conflict detection, lookups and codes."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy.exc import OperationalError
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, func, select

from opsdesk.domain.errors import ConflictError, NotFoundError
from opsdesk.store.database import (
    BUSY_MESSAGE,
    DISK_MESSAGE,
    READ_ONLY_MESSAGE,
    BusyDatabaseError,
    DiskWriteError,
    ReadOnlyDatabaseError,
)
from opsdesk.store.models import CodeSequence, utcnow

Model = TypeVar("Model", bound=SQLModel)


def commit(session: Session, what: str = "record") -> None:
    """Commit the unit of work; a concurrent change becomes a ConflictError, nothing is written.

    A read-only register and a write lock held by another OpsDesk past the busy timeout
    become a DatabaseError with one clear sentence (the engine translates them wherever
    the write happens; this covers a commit on any other engine).
    """
    try:
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(
            f"This {what} was changed by someone else since you opened it. "
            "Your changes were not saved; reload to see theirs."
        ) from exc
    except OperationalError as exc:
        session.rollback()
        text = str(exc.orig)
        if "readonly database" in text:
            raise ReadOnlyDatabaseError(READ_ONLY_MESSAGE) from exc
        if "database is locked" in text or "database is busy" in text:
            raise BusyDatabaseError(BUSY_MESSAGE) from exc
        if "disk is full" in text or "disk I/O error" in text:
            raise DiskWriteError(DISK_MESSAGE) from exc
        raise
    except Exception:
        session.rollback()
        raise


def get_or_raise(session: Session, model: type[Model], record_id: object, what: str) -> Model:
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"There is no {what} with id {record_id}.")
    return record


def check_version(record: SQLModel, expected_version: int | None, what: str) -> None:
    """Refuse an edit made on a stale copy, before anything is changed."""
    if expected_version is not None and record.version != expected_version:
        raise ConflictError(
            f"This {what} was changed by someone else since you opened it "
            f"(version {expected_version}, now {record.version}). Your input is kept; "
            "reload to see their change.",
            current=record,
        )


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

"""What every service needs: committing with conflict detection, lookups and codes."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, SQLModel, select

from opsdesk.domain.errors import ConflictError, NotFoundError
from opsdesk.store.models import CodeSequence, utcnow

Model = TypeVar("Model", bound=SQLModel)


def commit(session: Session, what: str = "record") -> None:
    """Commit the unit of work; a concurrent change becomes a ConflictError, nothing is written."""
    try:
        session.commit()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError(
            f"This {what} was changed by someone else since you opened it. "
            "Your changes were not saved; reload to see theirs."
        ) from exc
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
    """The next code for a prefix (R-0001, NC-0001, S-0001); never reused, even after archive."""
    sequence = session.get(CodeSequence, prefix)
    if sequence is None:
        sequence = CodeSequence(prefix=prefix, last=0)
        session.add(sequence)
    sequence.last += 1
    return f"{prefix}-{sequence.last:0{width}d}"


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

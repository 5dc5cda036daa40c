"""Reading the audit trail: what changed, who changed it and when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, func, select

from opsdesk.store.models import AuditEntry


@dataclass(frozen=True, slots=True)
class AuditRead:
    id: int
    entity: str
    entity_id: str
    action: str
    field: str | None
    old_value: str | None
    new_value: str | None
    user: str
    at: datetime


def audit_history(
    *, session: Session, entity: str, entity_id: int | str, limit: int = 500
) -> list[AuditRead]:
    """The audit entries of one record, newest first."""
    statement = (
        select(AuditEntry)
        .where(AuditEntry.entity == entity, AuditEntry.entity_id == str(entity_id))
        .order_by(AuditEntry.id.desc())
        .limit(limit)
    )
    return [
        AuditRead(e.id, e.entity, e.entity_id, e.action, e.field, e.old_value, e.new_value, e.user, e.at)
        for e in session.exec(statement)
    ]


def audit_count(*, session: Session) -> int:
    return session.exec(select(func.count()).select_from(AuditEntry)).one()

"""Risk acceptance snapshots: the risk exactly as it stood when its acceptance was decided."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from opsdesk.domain.enums import Strategy
from opsdesk.store.models import Assessment, Category, Department, Risk, RiskAcceptance

# The fields that make up an acceptance decision: a change to any of them is a new decision.
DECISION_FIELDS = (
    "strategy",
    "acceptance_approver",
    "acceptance_justification",
    "accepted_on",
    "acceptance_expires",
)


@dataclass(frozen=True, slots=True)
class AcceptanceRead:
    id: int
    risk_id: int
    accepted_on: date | None
    approver: str | None
    justification: str | None
    expires: date | None
    snapshot: dict[str, Any]
    created_at: datetime
    user: str


def decision(risk: Risk | None) -> tuple[Any, ...] | None:
    """The acceptance decision a risk carries now (None for a risk not saved yet)."""
    return None if risk is None else tuple(getattr(risk, name) for name in DECISION_FIELDS)


def _json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def risk_snapshot(session: Session, risk: Risk) -> dict[str, Any]:
    """Every column of the risk, its category and department names, and its current assessments."""
    # Flushed first, so the snapshot holds the values (and version) being saved.
    session.flush()
    statement = (
        select(Assessment)
        .where(Assessment.risk_id == risk.id)
        .order_by(Assessment.kind, Assessment.assessed_on.desc(), Assessment.id.desc())
    )
    assessments = [
        {column.key: getattr(assessment, column.key) for column in Assessment.__table__.columns}
        for assessment in session.exec(statement)
    ]
    category = session.get(Category, risk.category_id)
    department = session.get(Department, risk.department_id)
    return snapshot_of(
        {column.key: getattr(risk, column.key) for column in Risk.__table__.columns},
        assessments,
        category.name if category else None,
        department.name if department else None,
    )


def snapshot_of(
    risk: Mapping[str, Any],
    assessments: Iterable[Mapping[str, Any]],
    category: str | None,
    department: str | None,
) -> dict[str, Any]:
    """The snapshot of a risk's column values and its assessments (ordered by kind, newest first)."""
    current: dict[str, Any] = {}
    for assessment in assessments:
        if assessment["kind"] in current:
            continue  # the newest of each kind is the current one
        current[assessment["kind"]] = {
            key: _json_value(value) for key, value in assessment.items() if key != "risk_id"
        }
    fields = {column.key: _json_value(risk[column.key]) for column in Risk.__table__.columns}
    fields["category"] = category
    fields["department"] = department
    return {"risk": fields, "assessments": current}


def record_acceptance_if_decided(
    session: Session, risk: Risk, before: tuple[Any, ...] | None
) -> RiskAcceptance | None:
    """Keep a snapshot when a risk becomes accepted or its acceptance terms change (call after flush)."""
    if risk.strategy != Strategy.ACCEPT or decision(risk) == before:
        return None
    entry = RiskAcceptance(
        risk_id=risk.id,
        accepted_on=risk.accepted_on,
        approver=risk.acceptance_approver,
        justification=risk.acceptance_justification,
        expires=risk.acceptance_expires,
        snapshot=json.dumps(risk_snapshot(session, risk), ensure_ascii=False, sort_keys=True),
        user=str(session.info.get("user") or ""),
    )
    session.add(entry)
    return entry


def acceptance_history(*, session: Session, risk_id: int) -> list[AcceptanceRead]:
    """The acceptance decisions of a risk with their snapshots, oldest first."""
    statement = select(RiskAcceptance).where(RiskAcceptance.risk_id == risk_id).order_by(RiskAcceptance.id)
    return [
        AcceptanceRead(
            a.id,
            a.risk_id,
            a.accepted_on,
            a.approver,
            a.justification,
            a.expires,
            json.loads(a.snapshot),
            a.created_at,
            a.user,
        )  # fmt: skip
        for a in session.exec(statement)
    ]

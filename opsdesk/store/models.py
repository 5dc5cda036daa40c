"""The SQLModel tables. Codes (enums) are stored as their stable string values."""

from __future__ import annotations

from collections.abc import Set
from datetime import UTC, date, datetime
from typing import Any

from pydantic import create_model
from sqlalchemy import Index, MetaData, UniqueConstraint
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from opsdesk.domain.fields import FieldKind, RecordFields
from opsdesk.domain.records import RISK

# Stable constraint names, so Alembic batch migrations on SQLite can find them.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


def columns_of(
    table: RecordFields, *, indexed: Set[str] = frozenset(), unique: Set[str] = frozenset()
) -> type:
    """A base class with one column per stored field of a field table (opsdesk.domain.fields).

    A field's kind gives the column's type; a text field is "" when empty (NULL where the
    field says so); a department or category field points at its table. Indexes and unique
    keys are storage decisions, so the model names them here.
    """
    columns: dict[str, Any] = {}
    for spec in table.stored():
        python_type = spec.python_type
        options: dict[str, Any] = {"index": spec.key in indexed or None, "unique": spec.key in unique or None}
        if spec.kind is FieldKind.DEPARTMENT:
            options.update(foreign_key="department.id", index=True)
        elif spec.kind is FieldKind.CATEGORY:
            options.update(foreign_key="category.id", index=True)
        options = {key: value for key, value in options.items() if value is not None}
        if spec.required and spec.empty is None or spec.kind is FieldKind.CODE:
            columns[spec.key] = (python_type, Field(**options))
        elif spec.empty is None:
            columns[spec.key] = (python_type | None, Field(default=None, **options))
        else:
            columns[spec.key] = (python_type, Field(default=spec.empty, **options))
    return create_model(f"{table.name.capitalize()}Columns", __base__=SQLModel, **columns)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Versioned(SQLModel):
    """Optimistic locking: SQLAlchemy bumps `version` and refuses stale updates."""

    version: int = Field(default=1)

    @declared_attr
    def __mapper_args__(cls) -> dict:  # noqa: N805 - declared_attr receives the class
        return {"version_id_col": cls.__table__.c.version}


class Department(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    archived: bool = Field(default=False)


class Category(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    name: str
    archived: bool = Field(default=False)


class CodeSequence(SQLModel, table=True):
    """Last number handed out per code prefix (R, NC, S): codes are never reused."""

    prefix: str = Field(primary_key=True)
    last: int = Field(default=0)


class Risk(
    Versioned,
    columns_of(
        RISK,
        indexed={"title", "reference", "owner", "status", "next_review", "inherent_level", "residual_score", "residual_level",
                 "strategy"},
        unique={"code"},
    ),
    table=True,
):  # fmt: skip
    """A risk: its fields are the stored fields of the RISK field table, plus bookkeeping.

    The current assessment of each kind is copied from the latest Assessment row so the
    register can sort and filter in SQL; levels are re-computed when the matrix changes.
    """

    id: int | None = Field(default=None, primary_key=True)
    archived: bool = Field(default=False, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class Assessment(SQLModel, table=True):
    __table_args__ = (Index("ix_assessment_risk_kind_date", "risk_id", "kind", "assessed_on"),)

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(foreign_key="risk.id")
    kind: str
    assessed_on: date
    assessor: str = ""
    likelihood: int
    impact: int
    score: int
    level: str
    probability: float | None = None
    financial_impact: float | None = None
    note: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Action(Versioned, table=True):
    """A task with an owner, shared by risks, nonconformities, suggestions and meetings."""

    id: int | None = Field(default=None, primary_key=True)
    title: str
    kind: str = "mitigation"
    owner: str = Field(default="", index=True)
    due_date: date | None = Field(default=None, index=True)
    status: str = Field(default="planned", index=True)
    completed_on: date | None = None
    cost: float | None = None
    note: str = ""
    risk_id: int | None = Field(default=None, foreign_key="risk.id", index=True)
    nonconformity_id: int | None = Field(default=None, foreign_key="nonconformity.id", index=True)
    suggestion_id: int | None = Field(default=None, foreign_key="suggestion.id", index=True)
    meeting_id: int | None = Field(default=None, foreign_key="meeting.id", index=True)
    archived: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)


class Kri(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""
    risk_id: int | None = Field(default=None, foreign_key="risk.id", index=True)
    unit: str = ""
    direction: str = "higher_is_worse"
    warning: float
    alarm: float
    frequency: str = "monthly"
    department_id: int = Field(foreign_key="department.id", index=True)
    archived: bool = Field(default=False)
    # Early warning (opt-in): project the trend and warn when a threshold comes within the horizon.
    forecast_enabled: bool = Field(default=False)
    forecast_horizon_days: int = Field(default=90)


class KriReading(SQLModel, table=True):
    __table_args__ = (Index("ix_krireading_kri_date", "kri_id", "read_on"),)

    id: int | None = Field(default=None, primary_key=True)
    kri_id: int = Field(foreign_key="kri.id")
    read_on: date
    value: float
    state: str
    note: str = ""
    recorded_by: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Alert(Versioned, table=True):
    """A breach raised once; `breach_ended_on` is set when the cause goes back to normal."""

    id: int | None = Field(default=None, primary_key=True)
    kind: str
    severity: str  # warning / alarm for KRIs; the level code for appetite breaches
    state: str = Field(default="open", index=True)
    message: str
    kri_id: int | None = Field(default=None, foreign_key="kri.id", index=True)
    risk_id: int | None = Field(default=None, foreign_key="risk.id", index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    value: float | None = None
    raised_on: date
    raised_at: datetime = Field(default_factory=utcnow)
    breach_ended_on: date | None = None
    acknowledged_by: str | None = None
    acknowledged_at: datetime | None = None
    resolved_by: str | None = None
    resolved_at: datetime | None = None
    resolution_note: str = ""


class QualityObjective(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True)
    description: str = ""
    department_id: int = Field(foreign_key="department.id", index=True)
    kind: str = "ratio"
    unit: str = "%"
    target: float
    direction: str = "lower_is_worse"
    tolerance: float = 0.0
    frequency: str = "monthly"
    owner: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    baseline_first: str | None = None
    baseline_last: str | None = None
    baseline_frozen_at: datetime | None = None
    archived: bool = Field(default=False)
    chart_type: str = Field(default="auto")  # a ChartType code; "auto" is p for ratios, XmR for values
    rule_set: str = Field(default="western_electric")  # a RuleSet code


class Measurement(Versioned, table=True):
    __table_args__ = (UniqueConstraint("objective_id", "period"),)

    id: int | None = Field(default=None, primary_key=True)
    objective_id: int = Field(foreign_key="qualityobjective.id", index=True)
    period: str
    period_start: date
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    note: str = ""


class Nonconformity(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    source: str = Field(default="other", index=True)
    severity: str = Field(default="minor", index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    product_process: str = ""
    detected_on: date
    owner: str = ""
    description: str = ""
    containment: str = ""
    disposition: str | None = None
    whys: str = "[]"  # JSON list of the 5-whys answers, in order
    root_cause: str = ""
    six_m: str | None = Field(default=None, index=True)
    status: str = Field(default="open", index=True)
    effectiveness: str | None = None
    verified_by: str | None = None
    verified_on: date | None = None
    closed_on: date | None = None
    archived: bool = Field(default=False)


class CustomerFeedback(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    received_on: date = Field(index=True)
    channel: str = "email"
    customer: str = ""
    product: str = ""
    is_complaint: bool = False
    rating: int | None = None
    response_hours: float | None = None
    description: str = ""
    nonconformity_id: int | None = Field(default=None, foreign_key="nonconformity.id")
    archived: bool = Field(default=False)


class Meeting(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    held_on: date = Field(index=True)
    title: str
    attendees: str = "[]"  # JSON list of names
    agenda: str = ""
    minutes: str = ""
    decisions: str = "[]"  # JSON list of decisions
    archived: bool = Field(default=False)


class MeetingNonconformity(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    nonconformity_id: int = Field(foreign_key="nonconformity.id", primary_key=True)


class MeetingObjective(SQLModel, table=True):
    meeting_id: int = Field(foreign_key="meeting.id", primary_key=True)
    objective_id: int = Field(foreign_key="qualityobjective.id", primary_key=True)


class Suggestion(Versioned, table=True):
    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True)
    title: str
    submitter: str = Field(index=True)
    department_id: int = Field(foreign_key="department.id", index=True)
    submitted_on: date = Field(index=True)
    description: str = ""
    expected_benefit: str = ""
    estimated_cost: float | None = None
    status: str = Field(default="submitted", index=True)
    reviewer: str | None = None
    reviewed_on: date | None = None
    decision_note: str = ""
    reward_points: int | None = None
    reward_amount: float | None = None
    realised_benefit: str = ""
    implemented_on: date | None = None
    archived: bool = Field(default=False)


class Setting(Versioned, table=True):
    """Application settings as JSON values: matrix, appetite, policy, fiscal year..."""

    key: str = Field(primary_key=True)
    value: str


class AuditEntry(SQLModel, table=True):
    __table_args__ = (Index("ix_auditentry_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str
    entity_id: str
    action: str  # create / update / archive / restore
    field: str | None = None
    old_value: str | None = None
    new_value: str | None = None
    user: str
    at: datetime = Field(default_factory=utcnow)
    # Tamper evidence: sha256 of prev_hash + the entry's content (see store/audit_chain.py).
    prev_hash: str | None = None
    hash: str | None = None


class RiskAcceptance(SQLModel, table=True):
    """A risk as it stood when its acceptance was decided: the evidence an auditor asks for."""

    id: int | None = Field(default=None, primary_key=True)
    risk_id: int = Field(foreign_key="risk.id", index=True)
    accepted_on: date | None = None
    approver: str | None = None
    justification: str | None = None
    expires: date | None = None
    snapshot: str  # JSON: every field of the risk and its current assessments
    created_at: datetime = Field(default_factory=utcnow)
    user: str = ""


class QuarterReport(SQLModel, table=True):
    """A quarter's report as it was closed: its figures and every row, kept as JSON, never changed."""

    id: int | None = Field(default=None, primary_key=True)
    quarter: str = Field(index=True)  # "2026-Q3"
    figures: str  # JSON: domain.figures.Figures.as_json() on the quarter's last day
    data: str  # JSON: everything the workbook shows (reports/quarter_snapshot.py)
    anchor_entry: int  # the audit trail's newest entry when the quarter was closed
    anchor_hash: str
    created_by: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class ClosedQuarter(Versioned, table=True):
    """A quarter's closing: closed (its report kept in QuarterReport) or reopened, with who, when and why."""

    id: int | None = Field(default=None, primary_key=True)
    quarter: str = Field(unique=True)  # "2026-Q3"
    state: str = "closed"  # closed / reopened
    report_id: int = Field(foreign_key="quarterreport.id")
    closed_by: str = ""
    closed_at: datetime = Field(default_factory=utcnow)
    reopened_by: str | None = None
    reopened_at: datetime | None = None
    reopen_reason: str | None = None


# Tables whose changes are not audited (the audit itself, and bookkeeping).
UNAUDITED_TABLES = frozenset({"auditentry", "codesequence"})

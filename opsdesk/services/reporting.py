"""Read-only queries behind the quarterly report: who was active when, and what moved.

Each function runs a few grouped queries whatever the size of the register, so the
export of 20,000 risks spends its time writing the workbook, not asking the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from opsdesk.domain.enums import AssessmentKind, RiskStatus
from opsdesk.domain.periods import Quarter
from opsdesk.services.risks import RiskRead
from opsdesk.store.models import Assessment, AuditEntry, Kri, KriReading, Measurement, Risk


@dataclass(frozen=True, slots=True)
class AssessmentPoint:
    """One row of a risk's assessment history."""

    id: int
    risk_id: int
    kind: str
    assessed_on: date
    likelihood: int
    impact: int
    score: int
    level: str
    probability: float | None
    financial_impact: float | None


@dataclass(frozen=True, slots=True)
class QuarterMovements:
    """Risk codes that entered, left, rose or fell during a quarter."""

    previous_quarter: str
    new: tuple[str, ...]
    closed: tuple[str, ...]
    up: tuple[str, ...]
    down: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ReadingRow:
    """A KRI reading with its indicator's name and unit, for listings across indicators."""

    id: int
    kri_id: int
    kri_name: str
    unit: str
    read_on: date
    value: float
    state: str
    note: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class LatestReading:
    read_on: date
    value: float
    state: str


def assessment_history(*, session: Session, risk_ids: Iterable[int] | None = None) -> dict[int, list[AssessmentPoint]]:
    """Every assessment per risk id, oldest first (ties in creation order), in one query."""
    statement = select(
        Assessment.id, Assessment.risk_id, Assessment.kind, Assessment.assessed_on, Assessment.likelihood,
        Assessment.impact, Assessment.score, Assessment.level, Assessment.probability, Assessment.financial_impact,
    ).order_by(Assessment.risk_id, Assessment.assessed_on, Assessment.id)  # fmt: skip
    if risk_ids is not None:
        ids = list(risk_ids)
        if not ids:
            return {}
        statement = statement.where(Assessment.risk_id.in_(ids))
    history: dict[int, list[AssessmentPoint]] = defaultdict(list)
    for row in session.exec(statement):
        history[row[1]].append(AssessmentPoint(*row))
    return dict(history)


def current_assessments(history: Sequence[AssessmentPoint]) -> dict[str, AssessmentPoint]:
    """The current assessment of each kind: the latest by date, the last recorded on ties."""
    current: dict[str, AssessmentPoint] = {}
    for point in history:  # history is sorted by (assessed_on, id)
        current[point.kind] = point
    return current


def score_as_of(history: Sequence[AssessmentPoint], day: date) -> int | None:
    """The residual score a risk had on a day (its inherent score before any residual one)."""
    residual = inherent = None
    for point in history:
        if point.assessed_on > day:
            break
        if point.kind == AssessmentKind.RESIDUAL:
            residual = point.score
        elif point.kind == AssessmentKind.INHERENT:
            inherent = point.score
    return residual if residual is not None else inherent


def risk_closed_dates(*, session: Session) -> dict[int, date]:
    """When each currently closed risk was last closed, from the audit trail."""
    closed_ids = select(Risk.id).where(Risk.status == RiskStatus.CLOSED.value)
    statement = (
        select(AuditEntry.entity_id, func.max(AuditEntry.at))
        .where(
            AuditEntry.entity == Risk.__tablename__,
            AuditEntry.field == "status",
            AuditEntry.new_value == RiskStatus.CLOSED.value,
        )
        .group_by(AuditEntry.entity_id)
    )
    wanted = {str(risk_id) for risk_id in session.exec(closed_ids)}
    found: dict[int, date] = {}
    for entity_id, at in session.exec(statement):
        if entity_id in wanted:
            found[int(entity_id)] = at.date() if isinstance(at, datetime) else at
    # A risk created closed has no status change: its creation is when it was closed.
    missing = [int(risk_id) for risk_id in wanted if int(risk_id) not in found]
    if missing:
        for risk_id, created in session.exec(select(Risk.id, Risk.created_at).where(Risk.id.in_(missing))):
            found[risk_id] = created.date()
    return found


def is_active_in(risk: RiskRead, closed_on: date | None, first: date, last: date) -> bool:
    """A risk belongs to a period when it was identified by its end and not closed before its start."""
    if risk.archived or risk.identified_on > last:
        return False
    if risk.status == RiskStatus.CLOSED and closed_on is not None and closed_on < first:
        return False
    return True


def risks_active_in(
    risks: Sequence[RiskRead], closed_on: dict[int, date], first: date, last: date
) -> list[RiskRead]:
    """The risks of a register that were active at some time between first and last."""
    return [risk for risk in risks if is_active_in(risk, closed_on.get(risk.id), first, last)]


def quarter_movements(
    *,
    risks: Sequence[RiskRead],
    closed_on: dict[int, date],
    history: dict[int, list[AssessmentPoint]],
    quarter: Quarter,
) -> QuarterMovements:
    """New, closed, up and down since the previous quarter, by the history as it stood at each end."""
    previous = quarter.previous()
    first, last, previous_last = quarter.first_day, quarter.last_day, previous.last_day
    new: list[str] = []
    closed: list[str] = []
    up: list[str] = []
    down: list[str] = []
    for risk in risks:
        if risk.archived or risk.identified_on > last:
            continue
        closed_day = closed_on.get(risk.id) if risk.status == RiskStatus.CLOSED else None
        if closed_day is not None and closed_day < first:
            continue  # closed before this quarter: not part of it
        if risk.identified_on >= first:
            new.append(risk.code)
        if closed_day is not None and closed_day <= last:
            closed.append(risk.code)
        if risk.identified_on >= first:
            continue  # nothing to compare with at the previous quarter's end
        points = history.get(risk.id, [])
        before, after = score_as_of(points, previous_last), score_as_of(points, last)
        if before is not None and after is not None:
            if after > before:
                up.append(risk.code)
            elif after < before:
                down.append(risk.code)
    return QuarterMovements(previous.label, tuple(new), tuple(closed), tuple(up), tuple(down))


def readings_between(*, session: Session, first: date, last: date) -> list[ReadingRow]:
    """KRI readings dated first..last (inclusive), by indicator name then date, in one query."""
    statement = (
        select(
            KriReading.id, KriReading.kri_id, Kri.name, Kri.unit, KriReading.read_on, KriReading.value,
            KriReading.state, KriReading.note, KriReading.recorded_by,
        )
        .join(Kri, Kri.id == KriReading.kri_id)
        .where(KriReading.read_on >= first, KriReading.read_on <= last)
        .order_by(func.lower(Kri.name), KriReading.read_on, KriReading.id)
    )  # fmt: skip
    return [ReadingRow(*row) for row in session.exec(statement)]


def latest_readings_until(*, session: Session, until: date) -> dict[int, LatestReading]:
    """Each indicator's last reading on or before a day (the last recorded on ties)."""
    statement = (
        select(KriReading.kri_id, KriReading.read_on, KriReading.value, KriReading.state)
        .where(KriReading.read_on <= until)
        .order_by(KriReading.kri_id, KriReading.read_on, KriReading.id)
    )
    latest: dict[int, LatestReading] = {}
    for kri_id, read_on, value, state in session.exec(statement):
        latest[kri_id] = LatestReading(read_on, value, state)
    return latest


def reading_keys(*, session: Session, kri_ids: Iterable[int]) -> set[tuple[int, date, float]]:
    """(indicator, date, value) of the readings already recorded, to spot re-imported ones."""
    ids = list(kri_ids)
    if not ids:
        return set()
    statement = select(KriReading.kri_id, KriReading.read_on, KriReading.value).where(KriReading.kri_id.in_(ids))
    return {(kri_id, read_on, float(value)) for kri_id, read_on, value in session.exec(statement)}


def measurement_values(
    *, session: Session, objective_ids: Iterable[int]
) -> dict[tuple[int, str], tuple[float | None, float | None, float | None, str]]:
    """(objective, period) -> (numerator, denominator, value, note) of the measurements recorded."""
    ids = list(objective_ids)
    if not ids:
        return {}
    statement = select(
        Measurement.objective_id, Measurement.period, Measurement.numerator, Measurement.denominator,
        Measurement.value, Measurement.note,
    ).where(Measurement.objective_id.in_(ids))  # fmt: skip
    return {(row[0], row[1]): (row[2], row[3], row[4], row[5]) for row in session.exec(statement)}

"""Read-only queries behind the quarterly report: who was active when, and what moved.

Each function runs a few grouped queries whatever the size of the register, so the
export of 20,000 risks spends its time writing the workbook, not asking the database.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from opsdesk.domain.enums import AlertState, AssessmentKind, RiskStatus
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.fields import FieldKind
from opsdesk.domain.figures import (
    Figures,
    alert_state_on,
    figures_on,
    level_above_appetite,
    review_due_on,
    risk_active_on,
)
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.domain.periods import Quarter
from opsdesk.domain.records import RISK
from opsdesk.domain.risks import KINDS
from opsdesk.domain.risks import current_assessments as domain_current_assessments
from opsdesk.services.alerts import AlertRead
from opsdesk.services.record_types import collector_paused, row_builder
from opsdesk.services.risks import RiskRead
from opsdesk.store.models import Action, Assessment, AuditEntry, Kri, KriReading, Measurement, Risk

_RISK_READ_FIELDS = frozenset(f.name for f in fields(RiskRead))


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


def assessment_history(
    *, session: Session, risk_ids: Iterable[int] | None = None
) -> dict[int, list[AssessmentPoint]]:
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
    with collector_paused():  # 80,000 assessments at default scale: the collector took half the time
        result = session.connection().execute(statement)
        build = row_builder(AssessmentPoint, result.keys())
        for point in map(build, result.all()):
            history[point.risk_id].append(point)
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
            KriReading.id, KriReading.kri_id, Kri.name.label("kri_name"), Kri.unit, KriReading.read_on, KriReading.value,
            KriReading.state, KriReading.note, KriReading.recorded_by,
        )
        .join(Kri, Kri.id == KriReading.kri_id)
        .where(KriReading.read_on >= first, KriReading.read_on <= last)
        .order_by(func.lower(Kri.name), KriReading.read_on, KriReading.id)
    )  # fmt: skip
    result = session.connection().execute(statement)
    return list(map(row_builder(ReadingRow, result.keys()), result.all()))


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
    statement = select(KriReading.kri_id, KriReading.read_on, KriReading.value).where(
        KriReading.kri_id.in_(ids)
    )
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


# The register as it stood on a day -------------------------------------------------------

# Fields of a risk rebuilt from its assessment history rather than from the audit trail.
_ASSESSED_SUFFIXES = ("_likelihood", "_impact", "_score", "_level")
# Fields the register shows by name (category, department): kept as they are now.
_NAMED_FIELDS = frozenset({"category_id", "department_id"})


def end_of_day(day: date) -> datetime:
    """The first moment after `day`, in UTC (the register's times are UTC)."""
    return datetime.combine(day + timedelta(days=1), time.min, tzinfo=UTC)


def _parse_audit_value(text: str | None, kind: FieldKind | None) -> Any:
    if text is None:
        return None
    if kind is FieldKind.DATE:
        return date.fromisoformat(text[:10])
    if kind in (FieldKind.INTEGER, FieldKind.CATEGORY, FieldKind.DEPARTMENT):
        return int(text)
    if kind in (FieldKind.NUMBER, FieldKind.MONEY, FieldKind.PERCENT):
        return float(text)
    if kind is FieldKind.FLAG:
        return text in ("True", "true", "1")
    return text


def values_before(*, session: Session, entity: str, after: datetime) -> dict[int, dict[str, str | None]]:
    """Per record id, the value each field had before its first change made after `after`.

    Undoing every change made since `after` gives a record as it stood then.
    """
    statement = (
        select(AuditEntry.entity_id, AuditEntry.field, AuditEntry.old_value)
        .where(AuditEntry.entity == entity, AuditEntry.field != None, AuditEntry.at >= _utc(after))  # noqa: E711
        .order_by(AuditEntry.id)
    )
    before: dict[int, dict[str, str | None]] = defaultdict(dict)
    for entity_id, field_name, old in session.exec(statement):
        if not str(entity_id).isdigit():
            continue
        before[int(entity_id)].setdefault(field_name, old)
    return dict(before)


def created_times(*, session: Session, entity: str) -> dict[int, datetime]:
    """When each record of a table was created, from the audit trail."""
    statement = (
        select(AuditEntry.entity_id, func.min(AuditEntry.at))
        .where(AuditEntry.entity == entity, AuditEntry.action == "create")
        .group_by(AuditEntry.entity_id)
    )
    return {int(entity_id): _utc(at) for entity_id, at in session.exec(statement) if str(entity_id).isdigit()}


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _risk_on(
    risk: RiskRead,
    day: date,
    before: dict[str, str | None] | None,
    points: list[AssessmentPoint],
    matrix: RiskMatrix,
) -> RiskRead:
    """One risk as it stood at the end of `day`: changes made since undone, assessments current then."""
    changes: dict[str, Any] = {}
    for key, old in (before or {}).items():
        if key in _NAMED_FIELDS or key.endswith(_ASSESSED_SUFFIXES) or key not in _RISK_READ_FIELDS:
            continue
        if key == "archived":
            changes[key] = _parse_audit_value(old, FieldKind.FLAG)
            continue
        spec = RISK.get(key)
        try:
            changes[key] = _parse_audit_value(old, spec.kind if spec else None)
        except ValueError:
            continue  # a value written outside OpsDesk: keep today's
    if points and points[-1].assessed_on > day:  # assessed since: the ones current then
        current = current_assessments_on(points, day)
        for kind in KINDS:
            point = current.get(kind)
            level = None
            if point is not None:
                try:
                    level = matrix.level(point.likelihood, point.impact).code
                except ValidationError:
                    level = point.level
            changes[f"{kind}_likelihood"] = point.likelihood if point else None
            changes[f"{kind}_impact"] = point.impact if point else None
            changes[f"{kind}_score"] = point.score if point else None
            changes[f"{kind}_level"] = level
    if not changes:  # as it is now: list_risks worked out its figures on the same day
        return risk
    merged = {
        **{
            key: getattr(risk, key)
            for key in (
                "status",
                "archived",
                "next_review",
                "strategy",
                "acceptance_expires",
                "residual_level",
            )
        },
        **changes,
    }
    changes["above_appetite"] = level_above_appetite(merged["residual_level"], matrix)
    changes["review_due"] = risk_active_on(
        day, identified_on=risk.identified_on, status=merged["status"], archived=merged["archived"]
    ) and review_due_on(day, next_review=merged["next_review"], strategy=merged["strategy"],
                        acceptance_expires=merged["acceptance_expires"])  # fmt: skip
    return replace(risk, **changes)


def current_assessments_on(points: Sequence[AssessmentPoint], day: date) -> dict[str, AssessmentPoint]:
    """The current assessment of each kind at the end of `day` (domain.risks.current_assessments)."""
    return domain_current_assessments(points, as_of=day)


@dataclass(frozen=True, slots=True)
class RegisterOn:
    """The register as it stood at the end of a day, as plain values."""

    day: date
    risks: list[RiskRead]  # not archived then; every status
    history: dict[int, list[AssessmentPoint]]
    current: dict[int, dict[str, AssessmentPoint]]
    actions: list[Any]  # ActionRead (ActionFacts without the history)
    alerts: list[AlertRead]  # raised by then
    objectives: dict[str, int]
    matrix: RiskMatrix


def risks_on(
    *, session: Session, day: date, history: dict[int, list[AssessmentPoint]] | None = None
) -> list[RiskRead]:
    """Every risk as it stood at the end of `day` (the archived then left out).

    Risks recorded later with an earlier identification date are taken as they are recorded;
    the changes made after the day to risks that existed then are undone from the audit trail,
    and each kind of assessment is the one current on the day, from the assessment history.
    """
    from opsdesk.services import risks as risk_service
    from opsdesk.services.settings import get_matrix

    matrix = get_matrix(session=session)
    every = risk_service.list_risks(session=session, include_archived=True, today=day)
    if history is None:  # only the risks assessed after the day need their history
        later = select(Assessment.risk_id).where(Assessment.assessed_on > day).distinct()
        history = assessment_history(session=session, risk_ids=list(session.exec(later)))
    after = end_of_day(day)
    before = values_before(session=session, entity=Risk.__tablename__, after=after)
    created = created_times(session=session, entity=Risk.__tablename__) if before else {}
    result = []
    for risk in every:
        born = created.get(risk.id)
        undo = before.get(risk.id) if born is not None and born < after else None
        on = _risk_on(risk, day, undo, history.get(risk.id, []), matrix)
        if not on.archived:
            result.append(on)
    return result


@dataclass(frozen=True, slots=True)
class ActionFacts:
    """What the figures read of an action (ActionRead has it too)."""

    id: int
    status: str
    due_date: date | None
    completed_on: date | None
    archived: bool
    overdue: bool


def actions_on(
    *, session: Session, day: date, facts_only: bool = False, due_before: date | None = None
) -> list[Any]:
    """The actions that existed at the end of `day`, with the status they had then.

    ActionRead rows, or with `facts_only` the few columns the figures need (quicker on 20,000);
    with `due_before` only the facts of actions due before that day (all that can be overdue then).
    """
    from opsdesk.domain.figures import action_overdue_on, action_status_on
    from opsdesk.services import actions as action_service

    if facts_only:
        statement = select(Action.id, Action.status, Action.due_date, Action.completed_on, Action.archived)
        if due_before is not None:
            statement = statement.where(Action.due_date < due_before)
        result = session.connection().execute(statement)
        build = row_builder(ActionFacts, result.keys(), given=("overdue",))
        every: list[Any] = [
            build(row, overdue=action_overdue_on(day, status=row.status, due_date=row.due_date))
            for row in result.all()  # plain rows, fetched at once
        ]
    else:
        every = action_service.list_actions(session=session, include_archived=True, today=day)
    after = end_of_day(day)
    before = values_before(session=session, entity=Action.__tablename__, after=after)
    # Created after the day (usually none): only those did not exist then.
    created_later = set(session.exec(select(Action.id).where(Action.created_at >= after)))
    result = []
    for action in every:
        existed = action.id not in created_later
        dated = [d for d in (action.due_date, action.completed_on) if d is not None]
        if not existed and not any(d <= day for d in dated):
            continue  # added after the day for later work
        undo = before.get(action.id, {}) if existed else {}
        status = undo.get("status", action.status) or action.status
        archived = action.archived
        if "archived" in undo:
            archived = _parse_audit_value(undo["archived"], FieldKind.FLAG)
        completed_on = action.completed_on
        if "completed_on" in undo:
            completed_on = _parse_audit_value(undo["completed_on"], FieldKind.DATE)
        status = action_status_on(day, status=status, completed_on=completed_on)
        if completed_on is not None and completed_on > day:
            completed_on = None
        if archived:
            continue
        if status == action.status and completed_on == action.completed_on and not action.archived:
            result.append(action)  # as it is now: list_actions worked out "overdue" on the same day
            continue
        result.append(replace(
            action, status=status, completed_on=completed_on, archived=False,
            overdue=action_overdue_on(day, status=status, due_date=action.due_date),
        ))  # fmt: skip
    return result


def alerts_on(*, session: Session, day: date) -> list[AlertRead]:
    """The alerts raised by the end of `day`, each with the state it had then."""
    from opsdesk.services import alerts as alert_service

    result = []
    for alert in alert_service.list_alerts(session=session):
        if alert.raised_on > day:
            continue
        state = alert_state_on(
            day,
            raised_on=alert.raised_on,
            acknowledged_at=alert.acknowledged_at,
            resolved_at=alert.resolved_at,
        )
        changes: dict[str, Any] = {"state": (state or AlertState.RESOLVED).value}
        # What happened to it after the day is not part of the register as it stood then.
        if alert.acknowledged_at is not None and _utc(alert.acknowledged_at).date() > day:
            changes |= {"acknowledged_at": None, "acknowledged_by": None}
        if alert.resolved_at is not None and _utc(alert.resolved_at).date() > day:
            changes |= {"resolved_at": None, "resolved_by": None, "resolution_note": ""}
        if alert.breach_ended_on is not None and alert.breach_ended_on > day:
            changes["breach_ended_on"] = None
        result.append(replace(alert, **changes))
    return result


def kris_on(*, session: Session, day: date, kris: Sequence[Any], read: Mapping[int, object]) -> list[Any]:
    """The indicators that existed at the end of `day`: created by then, or read by then."""
    created = created_times(session=session, entity=Kri.__tablename__)
    after = end_of_day(day)
    return [kri for kri in kris if kri.id in read or kri.id not in created or created[kri.id] < after]


def objective_counts_on(*, session: Session, day: date) -> dict[str, int]:
    """Objectives met / at risk / missed / without data in their last period complete by the end of `day`."""
    from opsdesk.services import quality

    return quality.objective_statuses_for_period(session=session, period_of=day + timedelta(days=1))


def register_on(*, session: Session, day: date, with_history: bool = True) -> RegisterOn:
    """The register as it stood at the end of `day`: risks, actions, alerts and objectives then.

    Without `with_history` the assessment history is read only for the risks assessed after
    the day (`history` and `current` are then partial) and actions are ActionFacts: enough
    for the figures.
    """
    from opsdesk.services.settings import get_matrix

    history = assessment_history(session=session) if with_history else None
    risks = risks_on(session=session, day=day, history=history)
    history = history or {}
    return RegisterOn(
        day=day,
        risks=risks,
        history=history,
        current={risk.id: current_assessments_on(history.get(risk.id, []), day) for risk in risks},
        actions=actions_on(session=session, day=day, facts_only=not with_history),
        alerts=alerts_on(session=session, day=day),
        objectives=objective_counts_on(session=session, day=day),
        matrix=get_matrix(session=session),
    )


def figures_of(register: RegisterOn) -> Figures:
    """The figures of a register as it stood on its day (domain.figures)."""
    return figures_on(
        register.day, risks=register.risks, actions=register.actions, alerts=register.alerts,
        objectives=register.objectives, matrix=register.matrix,
    )  # fmt: skip


def figures_on_day(*, session: Session, day: date) -> Figures:
    """Every figure of the register at the end of `day`."""
    return figures_and_top_on(session=session, day=day)[0]


@dataclass(frozen=True, slots=True)
class RiskFigureFacts:
    """What the figures read of a risk (domain.figures.RiskFacts), as the register holds it now."""

    id: int
    code: str
    status: str
    archived: bool
    identified_on: date | None
    residual_score: int | None
    residual_level: str | None
    next_review: date | None
    strategy: str | None
    acceptance_expires: date | None


@dataclass(frozen=True, slots=True)
class AlertFigureFacts:
    """What the figures read of an alert."""

    kind: str
    raised_on: date
    acknowledged_at: datetime | None
    resolved_at: datetime | None


def figures_and_top_on(*, session: Session, day: date) -> tuple[Figures, list[RiskRead]]:
    """The figures of the register at the end of `day`, and its residual top 10 as RiskReads.

    The same figures as `figures_of(register_on(...))` (domain.figures counts them), read
    through narrow queries: only the columns the figures use, each table once. When a risk
    changed after the day (a past day, or an assessment dated later), the risks are taken
    as they stood then through `register_on`.
    """
    from opsdesk.services import risks as risk_service
    from opsdesk.services.settings import get_matrix

    facts = _risk_facts_on(session=session, day=day)
    if facts is None:
        register = register_on(session=session, day=day, with_history=False)
        figures = figures_of(register)
        ranked = {risk.code: risk for risk in register.risks if risk.code in set(figures.top)}
        return figures, [ranked[code] for code in figures.top]
    figures = figures_on(
        day, risks=facts, actions=actions_on(session=session, day=day, facts_only=True, due_before=day),
        alerts=_alert_facts_on(session=session, day=day), objectives=objective_counts_on(session=session, day=day),
        matrix=get_matrix(session=session),
    )  # fmt: skip
    top = {
        risk.code: risk
        for risk in risk_service.risks_with_codes(session=session, codes=figures.top, today=day)
    }
    return figures, [top[code] for code in figures.top]


def _risk_facts_on(*, session: Session, day: date) -> list[RiskFigureFacts] | None:
    """The not archived risks' figure facts; None when some risk changed after `day` (then risks_on)."""
    if session.exec(select(Assessment.id).where(Assessment.assessed_on > day).limit(1)).first() is not None:
        return None  # assessed after the day: the assessment current then comes from the history
    after = end_of_day(day)
    before = values_before(session=session, entity=Risk.__tablename__, after=after)
    if before:
        created = created_times(session=session, entity=Risk.__tablename__)
        if any(created.get(risk_id) is not None and created[risk_id] < after for risk_id in before):
            return None  # changed since the day: its values then come from the audit trail
    statement = select(
        Risk.id, Risk.code, Risk.status, Risk.archived, Risk.identified_on, Risk.residual_score, Risk.residual_level,
        Risk.next_review, Risk.strategy, Risk.acceptance_expires,
    ).where(Risk.archived == False)  # noqa: E712  # fmt: skip
    result = session.connection().execute(statement)
    return list(map(row_builder(RiskFigureFacts, result.keys()), result.all()))


def _alert_facts_on(*, session: Session, day: date) -> list[AlertFigureFacts]:
    """The alerts that may have been open at the end of `day` (raised by then, not resolved before it)."""
    from sqlalchemy import or_

    from opsdesk.services.alerts import OPEN_STATES
    from opsdesk.store.models import Alert

    statement = select(Alert.kind, Alert.raised_on, Alert.acknowledged_at, Alert.resolved_at).where(
        Alert.raised_on <= day,
        or_(Alert.state.in_(OPEN_STATES), Alert.resolved_at >= datetime.combine(day, time.min, tzinfo=UTC)),
    )
    result = session.connection().execute(statement)
    return list(map(row_builder(AlertFigureFacts, result.keys()), result.all()))

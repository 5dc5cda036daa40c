"""Alerts: KRI breaches and risks above the appetite, raised once per unbroken breach."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from opsdesk.domain.enums import AlertKind, AlertState, Direction, KriState, RiskStatus
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.figures import alert_open_on
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.store.models import Alert, Department, Kri, KriReading, Risk, utcnow

OPEN_STATES = (AlertState.OPEN.value, AlertState.ACKNOWLEDGED.value)


@dataclass(frozen=True, slots=True)
class AlertRead:
    id: int
    kind: str
    severity: str
    state: str
    message: str
    kri_id: int | None
    kri_name: str
    risk_id: int | None
    risk_code: str
    department_id: int | None
    department: str
    value: float | None
    raised_on: date
    raised_at: datetime
    breach_ended_on: date | None
    acknowledged_by: str | None
    acknowledged_at: datetime | None
    resolved_by: str | None
    resolved_at: datetime | None
    version: int
    resolution_note: str = ""
    # What a sentence in the reader's language is made from (alert_sentence); the stored `message`
    # is the English sentence written when the alert was raised, kept as history.
    kri_unit: str = ""
    kri_direction: str = ""
    risk_title: str = ""
    level_name: str = ""  # an appetite alert's residual level, as the risk matrix names it
    appetite_name: str = ""


def alert_sentence(alert: AlertRead, language: str | None = None) -> str:
    """What the alert says, in a language (the current one by default).

    The stored sentence was written in English when the alert was raised, with the numbers of
    that moment (thresholds, a forecast's dates): an English reader gets it as it is. Another
    language gets a sentence made from the alert's fields: a KRI breach names the reading and the
    threshold it reached, an appetite alert the risk and its level, a forecast the threshold
    projected (the thresholds' numbers and the forecast's dates are on the indicator itself).
    """
    from opsdesk.domain.catalogue import ENGLISH, choice_label, message
    from opsdesk.domain.catalogue import language as current_language

    if (language or current_language()) == ENGLISH and alert.message:
        return alert.message

    if alert.kind == AlertKind.APPETITE:
        level = choice_label("matrix_name", alert.level_name or alert.severity, language)
        appetite = choice_label("matrix_name", alert.appetite_name, language) if alert.appetite_name else ""
        code = "alert.appetite" if appetite else "alert.appetite_unnamed"
        return message(code, {"risk": alert.risk_code, "title": alert.risk_title, "level": level,
                              "appetite": appetite}, language)  # fmt: skip
    state = alert.severity if alert.severity in (KriState.WARNING, KriState.ALARM) else KriState.WARNING.value
    if alert.kind == AlertKind.FORECAST:
        return message(f"alert.forecast.{state}", {"kri": alert.kri_name}, language)
    side = "below" if alert.kri_direction == Direction.LOWER_IS_WORSE else "above"
    value = "" if alert.value is None else f"{alert.value:g}"
    unit = f" {alert.kri_unit}" if alert.kri_unit and value else ""
    return message(
        f"alert.kri.{state}.{side}", {"kri": alert.kri_name, "value": value, "unit": unit}, language
    )


# KRI breaches ----------------------------------------------------------------------------


# session.info key of the breaches `breaches_kept` remembers: (kind, kri_id, risk_id) -> alert or None.
_KEPT_BREACHES = "opsdesk.current_breaches"


@contextmanager
def breaches_kept(session: Session) -> Iterator[None]:
    """Read the breaches going on once, then keep each cause's current breach (and each KRI's
    newest reading day) instead of asking the database before every reading and every assessment.

    For a bulk load in one transaction that raises and ends alerts and records readings only
    through the services (the demo company): the answers are the ones the queries would give,
    without a query (and the flush it triggers) each time.
    """
    kept: dict[tuple[str, int | None, int | None], Any] = {}
    # Every breach going on now, read once (the newest per cause last): a cause not kept has none.
    for alert in session.exec(select(Alert).where(Alert.breach_ended_on.is_(None)).order_by(Alert.id)):
        if alert.kind == AlertKind.KRI:
            kept[alert.kind, alert.kri_id, None] = alert
        elif alert.kind == AlertKind.APPETITE:
            kept[alert.kind, None, alert.risk_id] = alert
    session.info[_KEPT_BREACHES] = kept
    try:
        yield
    finally:
        session.info.pop(_KEPT_BREACHES, None)


def _current_breach(
    session: Session, *, kind: str, kri_id: int | None = None, risk_id: int | None = None
) -> Alert | None:
    """The alert of the breach still going on (its cause has not gone back to normal)."""
    kept = session.info.get(_KEPT_BREACHES)
    if kept is not None and kind in (AlertKind.KRI, AlertKind.APPETITE):
        return kept.get((kind, kri_id, risk_id))
    statement = select(Alert).where(Alert.kind == kind, Alert.breach_ended_on.is_(None))
    if kri_id is not None:
        statement = statement.where(Alert.kri_id == kri_id)
    if risk_id is not None:
        statement = statement.where(Alert.risk_id == risk_id)
    current = session.exec(statement.order_by(Alert.id.desc()).limit(1)).first()
    _keep_breach(session, kind, kri_id, risk_id, current)
    return current


def _keep_breach(
    session: Session, kind: str, kri_id: int | None, risk_id: int | None, alert: Alert | None
) -> None:
    kept = session.info.get(_KEPT_BREACHES)
    if kept is not None:
        kept[kind, kri_id, risk_id] = alert


def _is_newest(session: Session, kri: Kri, reading: KriReading) -> bool:
    # Same-day readings count as newer (recorded later); only a strictly later date wins.
    kept = session.info.get(_KEPT_BREACHES)
    key = ("newest reading", kri.id, None)
    if kept is not None and key in kept:
        # While breaches are kept, so is each KRI's newest reading day (every reading comes here).
        if kept[key] is not None and kept[key] > reading.read_on:
            return False
        kept[key] = reading.read_on
        return True
    if any(isinstance(row, KriReading) and row is not reading for row in session.new):
        session.flush()  # another new reading may be the later one
    # The reading itself cannot be later than itself: the queries need no flush for it.
    with session.no_autoflush:
        if kept is not None:
            newest = session.exec(
                select(func.max(KriReading.read_on)).where(KriReading.kri_id == kri.id)
            ).one()
            kept[key] = newest if newest is not None and newest > reading.read_on else reading.read_on
            return kept[key] == reading.read_on
        statement = (
            select(KriReading.id)
            .where(KriReading.kri_id == kri.id, KriReading.read_on > reading.read_on)
            .limit(1)
        )
        return session.exec(statement).first() is None


def _kri_message(kri: Kri, reading: KriReading) -> str:
    unit = f" {kri.unit}" if kri.unit else ""
    threshold = kri.alarm if reading.state == KriState.ALARM else kri.warning
    side = "at or above" if kri.direction == Direction.HIGHER_IS_WORSE else "at or below"
    return (
        f"{kri.name}: {reading.value:g}{unit} on {reading.read_on.isoformat()} is {side} "
        f"the {reading.state} threshold ({threshold:g}{unit})."
    )


def _reopen(alert: Alert) -> None:
    # A worse breach needs attention again, even if someone had already handled the alert.
    alert.state = AlertState.OPEN.value
    alert.acknowledged_by = None
    alert.acknowledged_at = None
    alert.resolved_by = None
    alert.resolved_at = None


def process_kri_state(
    session: Session, kri: Kri, reading: KriReading
) -> tuple[Alert | None, bool, bool, bool]:
    """Raise, escalate or end the KRI's breach after a reading; returns (alert, raised, escalated, ended).

    Only the newest reading drives the breach: a back-filled older reading changes nothing.
    Does not commit.
    """
    if not _is_newest(session, kri, reading):
        return None, False, False, False
    current = _current_breach(session, kind=AlertKind.KRI.value, kri_id=kri.id)
    if reading.state == KriState.OK:
        if current is None:
            return None, False, False, False
        current.breach_ended_on = reading.read_on
        session.add(current)
        _keep_breach(session, AlertKind.KRI.value, kri.id, None, None)
        return current, False, False, True
    if current is None:
        alert = Alert(
            kind=AlertKind.KRI.value,
            severity=reading.state,
            state=AlertState.OPEN.value,
            message=_kri_message(kri, reading),
            kri_id=kri.id,
            risk_id=kri.risk_id,
            department_id=kri.department_id,
            value=reading.value,
            raised_on=reading.read_on,
        )
        session.add(alert)
        _keep_breach(session, AlertKind.KRI.value, kri.id, None, alert)
        return alert, True, False, False
    if reading.state == KriState.ALARM and current.severity != KriState.ALARM:
        current.severity = KriState.ALARM.value
        current.message = _kri_message(kri, reading)
        current.value = reading.value
        if current.state != AlertState.OPEN:
            _reopen(current)
        session.add(current)
        return current, False, True, False
    # Same breach continuing (or easing from alarm to warning): the alert keeps its worst severity.
    return current, False, False, False


# Risk appetite ---------------------------------------------------------------------------


def _above_appetite(risk: Risk, matrix: RiskMatrix) -> bool:
    if risk.archived or risk.status == RiskStatus.CLOSED or not risk.residual_level:
        return False
    try:
        return matrix.is_above_appetite(risk.residual_level)
    except ValidationError:
        # A level unknown to the matrix cannot be judged; the re-levelling fixes it.
        return False


def _appetite_message(risk: Risk, matrix: RiskMatrix) -> str:
    level = matrix.band(risk.residual_level).name
    appetite = matrix.band(matrix.appetite).name
    return f"{risk.code} {risk.title}: residual level {level} is above the risk appetite ({appetite})."


def new_risk_appetite_alert(risk: Risk, matrix: RiskMatrix, today: date) -> Alert | None:
    """The alert `sync_appetite_alert` raises for a risk that has just been created (it has none yet)."""
    values = new_risk_appetite_alert_values(risk, matrix, today)
    return None if values is None else Alert(**values)


def new_risk_appetite_alert_values(risk: Any, matrix: RiskMatrix, today: date) -> dict[str, Any] | None:
    """The fields of that alert (None: the risk is within the appetite), for a batch that inserts rows."""
    if risk.id is None or not _above_appetite(risk, matrix):
        return None
    return dict(
        kind=AlertKind.APPETITE.value, severity=risk.residual_level, state=AlertState.OPEN.value,
        message=_appetite_message(risk, matrix), risk_id=risk.id, department_id=risk.department_id, raised_on=today,
    )  # fmt: skip


def sync_appetite_alert(session: Session, risk: Risk, matrix: RiskMatrix, today: date) -> Alert | None:
    """Keep one open appetite alert while the risk's residual level is above the appetite. No commit.

    Returns the alert that was raised, updated or ended, or None when there is nothing to track.
    """
    if risk.id is None:
        session.flush()
    current = _current_breach(session, kind=AlertKind.APPETITE.value, risk_id=risk.id)
    if not _above_appetite(risk, matrix):
        if current is None:
            return None
        current.breach_ended_on = today
        session.add(current)
        _keep_breach(session, AlertKind.APPETITE.value, None, risk.id, None)
        return current
    if current is None:
        alert = Alert(
            kind=AlertKind.APPETITE.value,
            severity=risk.residual_level,
            state=AlertState.OPEN.value,
            message=_appetite_message(risk, matrix),
            risk_id=risk.id,
            department_id=risk.department_id,
            raised_on=today,
        )
        session.add(alert)
        _keep_breach(session, AlertKind.APPETITE.value, None, risk.id, alert)
        return alert
    if current.severity != risk.residual_level:
        worse = _rank(matrix, risk.residual_level) > _rank(matrix, current.severity)
        current.severity = risk.residual_level
        current.message = _appetite_message(risk, matrix)
        if worse and current.state != AlertState.OPEN:
            _reopen(current)
    # The department follows the risk, so the right people see the alert after a move.
    current.department_id = risk.department_id
    session.add(current)
    return current


def _rank(matrix: RiskMatrix, code: str) -> int:
    try:
        return matrix.rank(code)
    except ValidationError:
        return -1


# Handling alerts -------------------------------------------------------------------------


def _user(session: Session) -> str:
    return str(session.info.get("user") or "")


def acknowledge_alert(*, session: Session, alert_id: int, expected_version: int | None = None) -> AlertRead:
    """Record who saw the alert and when; a resolved alert cannot be acknowledged."""
    alert = get_or_raise(session, Alert, alert_id, "alert")
    check_version(alert, expected_version, "alert")
    if alert.state == AlertState.RESOLVED:
        raise ValidationError(Problem("state", "alert.resolved_not_acknowledged"))
    if alert.state == AlertState.OPEN:
        alert.state = AlertState.ACKNOWLEDGED.value
        alert.acknowledged_by = _user(session)
        alert.acknowledged_at = utcnow()
        session.add(alert)
        flush(session, "alert")
    return get_alert(session=session, alert_id=alert_id)


def resolve_alert(
    *, session: Session, alert_id: int, note: str = "", expected_version: int | None = None
) -> AlertRead:
    """Close the alert, recording who, when and an optional note."""
    errors = FieldErrors()
    if len(note or "") > 2000:
        errors.add("note", "alert.note_too_long", count=len(note), limit=2000)
    errors.raise_if_any()
    alert = get_or_raise(session, Alert, alert_id, "alert")
    check_version(alert, expected_version, "alert")
    if alert.state == AlertState.RESOLVED:
        raise ValidationError(Problem("state", "alert.already_resolved"))
    alert.state = AlertState.RESOLVED.value
    alert.resolved_by = _user(session)
    alert.resolved_at = utcnow()
    alert.resolution_note = (note or "").strip()
    session.add(alert)
    flush(session, "alert")
    return get_alert(session=session, alert_id=alert_id)


# Listing ---------------------------------------------------------------------------------


def _listing_statement() -> Any:
    return (
        select(
            Alert,
            Kri.name.label("kri_name"),
            Risk.code.label("risk_code"),
            Department.name.label("department"),
            Kri.unit.label("kri_unit"),
            Kri.direction.label("kri_direction"),
            Risk.title.label("risk_title"),
        )
        .outerjoin(Kri, Kri.id == Alert.kri_id)
        .outerjoin(Risk, Risk.id == Alert.risk_id)
        .outerjoin(Department, Department.id == Alert.department_id)
    )


def _to_read(row: Any, matrix: RiskMatrix | None = None) -> AlertRead:
    """An alert of `_listing_statement` with its labelled columns, taken by name."""
    alert = row.Alert
    kri_name, risk_code, department = row.kri_name, row.risk_code, row.department
    kri_unit, kri_direction, risk_title = row.kri_unit, row.kri_direction, row.risk_title
    level_name = appetite_name = ""
    if alert.kind == AlertKind.APPETITE and matrix is not None:
        band = matrix.find_band(alert.severity)
        appetite = matrix.find_band(matrix.appetite)
        level_name = band.name if band is not None else alert.severity
        appetite_name = appetite.name if appetite is not None else ""
    return AlertRead(
        id=alert.id,
        kind=alert.kind,
        severity=alert.severity,
        state=alert.state,
        message=alert.message,
        kri_id=alert.kri_id,
        kri_name=kri_name or "",
        risk_id=alert.risk_id,
        risk_code=risk_code or "",
        department_id=alert.department_id,
        department=department or "",
        value=alert.value,
        raised_on=alert.raised_on,
        raised_at=alert.raised_at,
        breach_ended_on=alert.breach_ended_on,
        acknowledged_by=alert.acknowledged_by,
        acknowledged_at=alert.acknowledged_at,
        resolved_by=alert.resolved_by,
        resolved_at=alert.resolved_at,
        version=alert.version,
        resolution_note=alert.resolution_note,
        kri_unit=kri_unit or "",
        kri_direction=kri_direction or "",
        risk_title=risk_title or "",
        level_name=level_name,
        appetite_name=appetite_name,
    )


def _matrix(session: Session) -> RiskMatrix:
    from opsdesk.services.settings import get_matrix  # settings imports this module

    return get_matrix(session=session)


def get_alert(*, session: Session, alert_id: int) -> AlertRead:
    """One alert with its KRI name, risk code and department."""
    get_or_raise(session, Alert, alert_id, "alert")
    row = session.exec(_listing_statement().where(Alert.id == alert_id)).one()
    return _to_read(row, matrix=_matrix(session))


def list_alerts(
    *,
    session: Session,
    state: str | None = None,
    open_only: bool = False,
    department_id: int | None = None,
    kri_id: int | None = None,
    risk_id: int | None = None,
) -> list[AlertRead]:
    """Alerts matching the filters, newest first (open_only: open or acknowledged)."""
    statement = _listing_statement()
    if state is not None:
        statement = statement.where(Alert.state == state)
    if open_only:
        statement = statement.where(Alert.state.in_(OPEN_STATES))
    if department_id is not None:
        statement = statement.where(Alert.department_id == department_id)
    if kri_id is not None:
        statement = statement.where(Alert.kri_id == kri_id)
    if risk_id is not None:
        statement = statement.where(Alert.risk_id == risk_id)
    statement = statement.order_by(Alert.raised_on.desc(), Alert.id.desc())
    matrix = _matrix(session)
    return [_to_read(row, matrix=matrix) for row in session.exec(statement)]


def count_open_alerts(*, session: Session, today: date | None = None) -> int:
    """How many alerts were open (acknowledged or not) at the end of `today` (domain.figures.alert_open_on)."""
    day = today or date.today()
    statement = select(Alert.raised_on, Alert.acknowledged_at, Alert.resolved_at).where(
        Alert.raised_on <= day,
        or_(Alert.state.in_(OPEN_STATES), Alert.resolved_at >= datetime.combine(day, time.min, tzinfo=UTC)),
    )
    return sum(
        1 for raised_on, acknowledged_at, resolved_at in session.exec(statement)
        if alert_open_on(day, raised_on=raised_on, acknowledged_at=acknowledged_at, resolved_at=resolved_at)
    )  # fmt: skip

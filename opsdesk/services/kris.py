"""Key risk indicators: definitions, readings and the alerts readings raise."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import aliased
from sqlmodel import Session, func, select

from opsdesk.domain.enums import Direction, Frequency, KriState
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.kri import evaluate_reading, validate_thresholds
from opsdesk.domain.numbers import is_storable_number
from opsdesk.services import alerts, forecasts
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.services.record_types import row_builder
from opsdesk.store.models import Department, Kri, KriReading, Risk

# Days between expected readings, and the grace allowed before a reading counts as late.
READING_PERIOD_DAYS: dict[str, tuple[int, int]] = {
    Frequency.WEEKLY.value: (7, 3),
    Frequency.MONTHLY.value: (31, 7),
    Frequency.QUARTERLY.value: (92, 14),
}


@dataclass
class KriInput:
    name: str
    department_id: int
    warning: float
    alarm: float
    direction: str = "higher_is_worse"
    unit: str = ""
    frequency: str = "monthly"
    risk_id: int | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class KriRead:
    id: int
    name: str
    description: str
    risk_id: int | None
    risk_code: str
    risk_title: str
    unit: str
    direction: str
    warning: float
    alarm: float
    frequency: str
    department_id: int
    department: str
    archived: bool
    version: int
    last_value: float | None
    last_read_on: date | None
    state: str | None
    reading_overdue: bool


@dataclass
class ReadingInput:
    read_on: date
    value: float
    note: str = ""


@dataclass(frozen=True, slots=True)
class ReadingRead:
    id: int
    kri_id: int
    read_on: date
    value: float
    state: str
    note: str
    recorded_by: str


@dataclass(frozen=True, slots=True)
class ReadingOutcome:
    reading: ReadingRead
    alert_id: int | None
    alert_raised: bool
    alert_escalated: bool
    breach_ended: bool


def is_reading_overdue(frequency: str, last_read_on: date | None, today: date) -> bool:
    """True when no reading came within the frequency's period plus grace (or none ever)."""
    if last_read_on is None:
        return True
    period, grace = READING_PERIOD_DAYS.get(frequency, READING_PERIOD_DAYS[Frequency.MONTHLY.value])
    return today > last_read_on + timedelta(days=period + grace)


# Definitions -----------------------------------------------------------------------------


def kri_problems(data: KriInput) -> list[Problem]:
    """Every problem of an indicator's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()

    def named(field: str, code: str, **params: object) -> None:  # a general sentence, given the field's name
        errors.extend([Problem(field, code, params, record="kri")])

    name = (data.name or "").strip()
    if not name:
        named("name", "required")
    elif len(name) > 120:
        named("name", "too_long", count=len(name), limit=120)
    unit = (data.unit or "").strip()
    if len(unit) > 20:
        errors.add("unit", "kri.unit_too_long")
    if len(data.description or "") > 4000:
        errors.add("description", "kri.description_too_long")
    for field, choices in (("direction", Direction), ("frequency", Frequency)):
        codes = [member.value for member in choices]
        if getattr(data, field) not in codes:
            named(field, "not_a_choice", value=getattr(data, field), choices=", ".join(codes))
    for field, value in (("warning", data.warning), ("alarm", data.alarm)):
        if not _is_number(value):
            errors.add(field, f"kri.{field}_not_a_number")
    if not ({"direction", "warning", "alarm"} & {problem.field for problem in errors.problems}):
        try:
            validate_thresholds(data.direction, data.warning, data.alarm)
        except ValidationError as exc:
            errors.merge(exc)
    if data.department_id is None:
        errors.add("department_id", "kri.department_required")
    return errors.problems


def _validate_kri(session: Session, data: KriInput, exclude_id: int | None = None) -> tuple[str, str, str]:
    errors = FieldErrors()
    errors.extend(kri_problems(data))
    name = (data.name or "").strip()
    if name and "name" not in errors:
        # Compared in Python: SQL lower() folds only ASCII letters, and the name is unique as stored.
        clash = next(
            (
                kri_id
                for kri_id, other in session.exec(select(Kri.id, Kri.name))
                if other.casefold() == name.casefold() and kri_id != exclude_id
            ),
            None,
        )
        if clash is not None:
            errors.add("name", "kri.name_taken", name=name)
    unit = (data.unit or "").strip()
    if data.department_id is not None and session.get(Department, data.department_id) is None:
        errors.add("department_id", "kri.department_missing")
    if data.risk_id is not None and session.get(Risk, data.risk_id) is None:
        errors.add("risk_id", "kri.risk_missing", id=data.risk_id)
    errors.raise_if_any()
    return name, unit, data.description or ""


def _apply(kri: Kri, data: KriInput, name: str, unit: str, description: str) -> None:
    kri.name = name
    kri.unit = unit
    kri.description = description
    kri.direction = data.direction
    kri.frequency = data.frequency
    kri.warning = float(data.warning)
    kri.alarm = float(data.alarm)
    kri.department_id = data.department_id
    kri.risk_id = data.risk_id


def create_kri(*, session: Session, data: KriInput) -> KriRead:
    """Define a new indicator with consistent thresholds."""
    name, unit, description = _validate_kri(session, data)
    kri = Kri(
        name=name, warning=float(data.warning), alarm=float(data.alarm), department_id=data.department_id
    )
    _apply(kri, data, name, unit, description)
    session.add(kri)
    flush(session, "kri")
    return get_kri(session=session, kri_id=kri.id)


def update_kri(
    *, session: Session, kri_id: int, data: KriInput, expected_version: int | None = None
) -> KriRead:
    """Change an indicator; new thresholds apply to new readings only (history keeps its states)."""
    kri = get_or_raise(session, Kri, kri_id, "indicator")
    check_version(kri, expected_version, "indicator")
    name, unit, description = _validate_kri(session, data, exclude_id=kri_id)
    _apply(kri, data, name, unit, description)
    session.add(kri)
    flush(session, "kri")
    return get_kri(session=session, kri_id=kri_id)


def set_kri_archived(*, session: Session, kri_id: int, archived: bool) -> None:
    """Archive (hide, no more readings) or restore an indicator."""
    kri = get_or_raise(session, Kri, kri_id, "indicator")
    kri.archived = archived
    session.add(kri)
    flush(session, "kri")


# Listing ---------------------------------------------------------------------------------


def _listing_statement() -> Any:
    """KRIs with their risk, department and latest reading, in one query (no N+1)."""
    # Latest date per KRI, then the last-recorded reading on that date (ties on the same day).
    latest_date = (
        select(KriReading.kri_id, func.max(KriReading.read_on).label("read_on"))
        .group_by(KriReading.kri_id)
        .subquery()
    )
    latest_id = (
        select(KriReading.kri_id, func.max(KriReading.id).label("id"))
        .join(
            latest_date,
            (latest_date.c.kri_id == KriReading.kri_id) & (latest_date.c.read_on == KriReading.read_on),
        )
        .group_by(KriReading.kri_id)
        .subquery()
    )
    last = aliased(KriReading)
    return (
        select(
            Kri.id,
            Kri.name,
            Kri.description,
            Kri.risk_id,
            Kri.unit,
            Kri.direction,
            Kri.warning,
            Kri.alarm,
            Kri.frequency,
            Kri.department_id,
            Kri.archived,
            Kri.version,
            func.coalesce(Risk.code, "").label("risk_code"),
            func.coalesce(Risk.title, "").label("risk_title"),
            func.coalesce(Department.name, "").label("department"),
            last.value.label("last_value"),
            last.read_on.label("last_read_on"),
            last.state.label("state"),
        )
        .outerjoin(Risk, Risk.id == Kri.risk_id)
        .join(Department, Department.id == Kri.department_id)
        .outerjoin(latest_id, latest_id.c.kri_id == Kri.id)
        .outerjoin(last, last.id == latest_id.c.id)
    )


def _reads(session: Session, statement: Any, today: date) -> list[KriRead]:
    """KriReads from the plain rows of a `_listing_statement()`, each field by its column's name."""
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    result = session.connection().execute(statement)
    build = row_builder(KriRead, tuple(result.keys()), given=("reading_overdue",))
    return [
        # An archived indicator expects no more readings.
        build(
            row,
            reading_overdue=not row.archived and is_reading_overdue(row.frequency, row.last_read_on, today),
        )
        for row in result.all()
    ]


def get_kri(*, session: Session, kri_id: int, today: date | None = None) -> KriRead:
    """One indicator with its latest reading and whether a reading is overdue."""
    get_or_raise(session, Kri, kri_id, "indicator")
    (read,) = _reads(session, _listing_statement().where(Kri.id == kri_id), today or date.today())
    return read


def list_kris(
    *,
    session: Session,
    include_archived: bool = False,
    risk_id: int | None = None,
    department_id: int | None = None,
    today: date | None = None,
) -> list[KriRead]:
    """Indicators by name, each with its latest reading (one grouped query)."""
    today = today or date.today()
    statement = _listing_statement()
    if not include_archived:
        statement = statement.where(Kri.archived == False)  # noqa: E712
    if risk_id is not None:
        statement = statement.where(Kri.risk_id == risk_id)
    if department_id is not None:
        statement = statement.where(Kri.department_id == department_id)
    statement = statement.order_by(func.lower(Kri.name), Kri.id)
    return _reads(session, statement, today)


# Readings --------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    """A finite int or float within the stored bounds (bool is not a number here)."""
    return is_storable_number(value)


def reading_problems(data: ReadingInput, today: date) -> list[Problem]:
    """Every problem of one reading's input that needs no database; the reading dialogs check it as you type."""
    errors = FieldErrors()
    _validate_reading(data, today, errors)
    return errors.problems


def _validate_reading(data: ReadingInput, today: date, errors: FieldErrors, prefix: str = "") -> None:
    # A datetime is a date too, but cannot be compared with one.
    if not isinstance(data.read_on, date) or isinstance(data.read_on, datetime):
        errors.add(f"{prefix}read_on", "reading.date_required")
    elif data.read_on > today:
        errors.add(f"{prefix}read_on", "reading.date_in_future")
    if not _is_number(data.value):
        errors.add(f"{prefix}value", "reading.not_a_number")
    if len(data.note or "") > 1000:
        errors.add(f"{prefix}note", "reading.note_too_long")


def _usable_kri(session: Session, kri_id: int, errors: FieldErrors) -> Kri:
    kri = get_or_raise(session, Kri, kri_id, "indicator")
    if kri.archived:
        errors.add("kri_id", "reading.kri_archived", name=kri.name)
    return kri


def _store_reading(session: Session, kri: Kri, data: ReadingInput) -> tuple[KriReading, Any]:
    state = evaluate_reading(float(data.value), kri.direction, kri.warning, kri.alarm)
    reading = KriReading(
        kri_id=kri.id,
        read_on=data.read_on,
        value=float(data.value),
        state=KriState(state).value,
        note=(data.note or "").strip(),
        recorded_by=str(session.info.get("user") or ""),
    )
    session.add(reading)
    breach = alerts.process_kri_state(session, kri, reading)
    forecasts.process_kri_forecast(session, kri, reading)
    return reading, breach


def _reading_read(reading: KriReading) -> ReadingRead:
    return ReadingRead(
        id=reading.id,
        kri_id=reading.kri_id,
        read_on=reading.read_on,
        value=reading.value,
        state=reading.state,
        note=reading.note,
        recorded_by=reading.recorded_by,
    )


def _outcome(reading: KriReading, result: tuple[Any, bool, bool, bool]) -> ReadingOutcome:
    alert, raised, escalated, ended = result
    return ReadingOutcome(
        reading=_reading_read(reading),
        alert_id=None if alert is None else alert.id,
        alert_raised=raised,
        alert_escalated=escalated,
        breach_ended=ended,
    )


def record_reading(
    *, session: Session, kri_id: int, data: ReadingInput, today: date | None = None
) -> ReadingOutcome:
    """Store a reading with its state and raise, escalate or end the alert, in one transaction."""
    today = today or date.today()
    errors = FieldErrors()
    kri = _usable_kri(session, kri_id, errors)
    _validate_reading(data, today, errors)
    errors.raise_if_any()
    reading, result = _store_reading(session, kri, data)
    flush(session, "reading")
    return _outcome(reading, result)


def record_readings(
    *, session: Session, kri_id: int, rows: list[ReadingInput], today: date | None = None
) -> list[ReadingOutcome]:
    """Store a grid of readings all or nothing, processed (and returned) in date order."""
    today = today or date.today()
    errors = FieldErrors()
    kri = _usable_kri(session, kri_id, errors)
    if not rows:
        errors.add("rows", "reading.none_given")
    for index, data in enumerate(rows):
        _validate_reading(data, today, errors, prefix=f"rows[{index}].")
    errors.raise_if_any()
    stored = []
    # Date order, so a later reading in the grid escalates or ends what an earlier one raised.
    for data in sorted(rows, key=lambda row: row.read_on):
        stored.append(_store_reading(session, kri, data))
        # An alert a reading raised, escalated or ended is written (and audited) before the next
        # reading changes it again; new readings alone wait for one flush.
        if session.dirty or any(not isinstance(row, KriReading) for row in session.new):
            session.flush()
    flush(session, "reading")
    return [_outcome(reading, result) for reading, result in stored]


def list_readings(
    *, session: Session, kri_id: int, since: date | None = None, until: date | None = None
) -> list[ReadingRead]:
    """An indicator's readings in ascending date order (within since..until, both inclusive)."""
    get_or_raise(session, Kri, kri_id, "indicator")
    statement = select(KriReading).where(KriReading.kri_id == kri_id)
    if since is not None:
        statement = statement.where(KriReading.read_on >= since)
    if until is not None:
        statement = statement.where(KriReading.read_on <= until)
    statement = statement.order_by(KriReading.read_on, KriReading.id)
    return [_reading_read(reading) for reading in session.exec(statement)]

"""Quality objectives: definitions, measurements per period, status and control charts."""

from __future__ import annotations

import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Protocol, TypeVar

from sqlalchemy import and_, func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.enums import Direction, Frequency, ObjectiveKind, ObjectiveStatus
from opsdesk.domain.errors import ConflictError, FieldErrors, Problem, ValidationError
from opsdesk.domain.figures import objective_status_for
from opsdesk.domain.numbers import is_storable_number
from opsdesk.domain.periods import period_bounds, period_frequency, period_key, periods_between
from opsdesk.domain.quality import (
    ControlLimits,
    RuleViolation,
    p_chart_limits,
    target_verdict,
    western_electric_violations,
    xmr_limits,
)
from opsdesk.domain.records import MEASUREMENT, OBJECTIVE
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.store.models import Department, Measurement, QualityObjective, utcnow

# Objectives are reviewed monthly or quarterly; weekly periods exist only for KRIs.
OBJECTIVE_FREQUENCIES = (Frequency.MONTHLY.value, Frequency.QUARTERLY.value)
PERCENT = "%"
CHART_P = "p"
CHART_XMR = "xmr"
NO_DATA = "no_data"
# The catalogue's "period_example" group says what a period of each frequency looks like.
_PERIOD_EXAMPLES = (Frequency.MONTHLY.value, Frequency.QUARTERLY.value)


class MeasuredPeriod(Protocol):
    """What a chart reads of a measurement: a Measurement, or a plain row of these columns."""

    @property
    def id(self) -> int | None: ...
    @property
    def period(self) -> str: ...
    @property
    def numerator(self) -> float | None: ...
    @property
    def denominator(self) -> float | None: ...
    @property
    def value(self) -> float | None: ...


@dataclass
class ObjectiveInput:
    name: str
    department_id: int
    target: float
    kind: str = ObjectiveKind.RATIO.value
    unit: str = PERCENT
    direction: str = Direction.LOWER_IS_WORSE.value
    tolerance: float = 0.0
    frequency: str = Frequency.MONTHLY.value
    owner: str = ""
    numerator_label: str = ""
    denominator_label: str = ""
    description: str = ""


@dataclass(frozen=True, slots=True)
class ObjectiveRead:
    """One objective as the list shows it, with its latest measured period."""

    id: int
    name: str
    department_id: int
    department: str
    kind: str
    unit: str
    target: float
    direction: str
    tolerance: float
    frequency: str
    owner: str
    numerator_label: str
    denominator_label: str
    description: str
    baseline_first: str | None
    baseline_last: str | None
    baseline_frozen_at: datetime | None
    archived: bool
    version: int
    last_period: str | None
    last_value: float | None
    last_status: str | None


@dataclass
class MeasurementInput:
    period: str
    numerator: float | None = None
    denominator: float | None = None
    value: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class MeasurementRead:
    """A stored measurement; `value` is the actual (computed for ratios) and `status` its verdict."""

    id: int
    objective_id: int
    period: str
    period_start: date
    numerator: float | None
    denominator: float | None
    value: float
    status: str
    note: str
    version: int


@dataclass(frozen=True, slots=True)
class PeriodPoint:
    """One period of an objective's chart; a missing period has no value, status or limits."""

    period: str
    period_start: date
    measurement_id: int | None
    numerator: float | None
    denominator: float | None
    value: float | None
    status: str | None
    missing: bool
    lower: float | None
    upper: float | None
    violations: tuple[int, ...]
    in_baseline: bool


@dataclass(frozen=True, slots=True)
class ObjectiveSeries:
    """Every period of an objective up to a period, with control limits and rule signals."""

    objective: ObjectiveRead
    points: tuple[PeriodPoint, ...]
    center: float | None
    chart: str
    verdict: str | None
    violations: tuple[tuple[str, int, str], ...]


# -- computing actuals ----------------------------------------------------------------------


def actual_value(
    kind: str, unit: str, numerator: float | None, denominator: float | None, value: float | None
) -> float | None:
    """The measured actual: a ratio in percent when the unit is "%", else the plain value."""
    if kind != ObjectiveKind.RATIO:
        return value
    if numerator is None or not denominator:
        return None
    # Multiply first: 100 * 93 / 100 is exactly 93, so target edges compare exactly.
    return 100 * numerator / denominator if unit == PERCENT else numerator / denominator


E = TypeVar("E", bound=StrEnum)


def _stored_code(codes: type[E], value: str, what: str) -> E:
    """A code read from the register; one written outside OpsDesk is a clear error, not a crash."""
    try:
        return codes(value)
    except ValueError:
        raise ValidationError(Problem(what, f"objective.stored_{what}_invalid", {"value": value})) from None


def _status(objective: QualityObjective, actual: float | None) -> str | None:
    status = objective_status_for(
        actual, target=objective.target, direction=objective.direction, tolerance=objective.tolerance
    )
    return None if status == NO_DATA else status  # no value, or an invalid direction: no status


def _measured_actual(objective: QualityObjective, measurement: MeasuredPeriod) -> float | None:
    return actual_value(
        objective.kind, objective.unit, measurement.numerator, measurement.denominator, measurement.value
    )


def _objective_read(
    objective: QualityObjective, department: str, last: MeasuredPeriod | None
) -> ObjectiveRead:
    last_value = None if last is None else _measured_actual(objective, last)
    return ObjectiveRead(
        id=objective.id,
        name=objective.name,
        department_id=objective.department_id,
        department=department,
        kind=objective.kind,
        unit=objective.unit,
        target=objective.target,
        direction=objective.direction,
        tolerance=objective.tolerance,
        frequency=objective.frequency,
        owner=objective.owner,
        numerator_label=objective.numerator_label,
        denominator_label=objective.denominator_label,
        description=objective.description,
        baseline_first=objective.baseline_first,
        baseline_last=objective.baseline_last,
        baseline_frozen_at=objective.baseline_frozen_at,
        archived=objective.archived,
        version=objective.version,
        last_period=None if last is None else last.period,
        last_value=last_value,
        last_status=_status(objective, last_value),
    )


def _measurement_read(objective: QualityObjective, measurement: Measurement) -> MeasurementRead:
    actual = _measured_actual(objective, measurement)
    return MeasurementRead(
        id=measurement.id,
        objective_id=measurement.objective_id,
        period=measurement.period,
        period_start=measurement.period_start,
        numerator=measurement.numerator,
        denominator=measurement.denominator,
        value=actual,
        status=_status(objective, actual),
        note=measurement.note,
        version=measurement.version,
    )


# -- validation -----------------------------------------------------------------------------

# Limits of an objective's texts, from its field table (the editor checks them through objective_problems).
NAME_MAX = OBJECTIVE["name"].length_limit
UNIT_MAX = OBJECTIVE["unit"].length_limit
LABEL_MAX = OBJECTIVE["numerator_label"].length_limit
OWNER_MAX = OBJECTIVE["owner"].length_limit
DESCRIPTION_MAX = OBJECTIVE["description"].length_limit
NOTE_MAX = MEASUREMENT["note"].length_limit


def _number(
    errors: FieldErrors,
    field: str,
    value: object,
    *,
    record: str,
    required_code: str = "required",
    not_number_code: str = "not_a_number",
    **params: object,
) -> float | None:
    """A finite float, or None with a problem; booleans are not numbers here."""
    if value is None:
        _add(errors, field, required_code, record, **params)
        return None
    try:
        number = float(value) if isinstance(value, int | float) and not isinstance(value, bool) else math.nan
    except OverflowError:  # an int too large for a float
        number = math.nan
    if not is_storable_number(number):
        _add(errors, field, not_number_code, record, **params)
        return None
    return number


def _add(errors: FieldErrors, field: str, code: str, record: str, **params: object) -> None:
    """A problem named by its field: the general codes ("required") are given the field's name."""
    errors.extend([Problem(field, code, params, record)])


def _optional_text(
    errors: FieldErrors, field: str, value: str | None, max_length: int, record: str = "objective"
) -> str:
    text = (value or "").strip()
    if len(text) > max_length:
        # Named by its own key: a grid's row prefix ("rows[2].") is added by the caller.
        _add(errors, field, "too_long", record, count=len(text), limit=max_length)
    return text


def _objective_period(
    errors: FieldErrors, field: str, text: object, frequency: str, start_month: int
) -> tuple[str, date] | None:
    """The canonical key and first day of a period of the objective's frequency, or None."""
    example = Term("period_example", frequency if frequency in _PERIOD_EXAMPLES else "")
    if not isinstance(text, str) or not text.strip():
        errors.add(field, "measurement.period_required", example=example)
        return None
    try:
        kind = period_frequency(text, start_month)
        first, _ = period_bounds(text, start_month)
    except ValidationError:
        errors.add(field, "measurement.not_a_period", text=text.strip(), example=example)
        return None
    if kind != frequency:
        errors.add(field, "measurement.wrong_frequency", text=text.strip(), example=example)
        return None
    return period_key(first, Frequency(frequency), start_month), first


def objective_problems(data: ObjectiveInput, *, taken: Collection[str] = ()) -> list[Problem]:
    """Every problem of an objective's input that needs no database; the editor checks it as you type.

    `taken` holds the casefolded names of the other objectives (archived ones too).
    """
    errors = FieldErrors()
    name = (data.name or "").strip() if isinstance(data.name, str) else ""
    if not name:
        _add(errors, "name", "required", "objective")
    elif len(name) > NAME_MAX:
        _add(errors, "name", "too_long", "objective", count=len(name), limit=NAME_MAX)
    elif name.casefold() in taken:
        errors.add("name", "objective.name_taken", name=name)
    if not isinstance(data.department_id, int) or isinstance(data.department_id, bool):
        errors.add("department_id", "objective.department_required")
    for field, choices in (("kind", ObjectiveKind), ("direction", Direction)):
        codes = [member.value for member in choices]
        if getattr(data, field) not in codes:
            _add(
                errors,
                field,
                "not_a_choice",
                "objective",
                value=getattr(data, field),
                choices=", ".join(codes),
            )
    unit = _optional_text(errors, "unit", data.unit, UNIT_MAX)
    if data.frequency not in OBJECTIVE_FREQUENCIES:
        errors.add("frequency", "objective.frequency_not_allowed", value=data.frequency)
    target = _number(errors, "target", data.target, record="objective")
    if target is not None and data.kind == ObjectiveKind.RATIO:
        # A ratio never exceeds 1 (the numerator is part of the denominator).
        if not 0 <= target <= (100.0 if unit == PERCENT else 1.0):
            errors.add("target", "objective.ratio_target_range", top="100 %" if unit == PERCENT else "1")
    tolerance = _number(errors, "tolerance", data.tolerance, record="objective")
    if tolerance is not None and tolerance < 0:
        errors.add("tolerance", "objective.tolerance_negative")
    _optional_text(errors, "owner", data.owner, OWNER_MAX)
    _optional_text(errors, "numerator_label", data.numerator_label, LABEL_MAX)
    _optional_text(errors, "denominator_label", data.denominator_label, LABEL_MAX)
    _optional_text(errors, "description", data.description, DESCRIPTION_MAX)
    return errors.problems


def _clean_objective(
    session: Session, data: ObjectiveInput, current: QualityObjective | None
) -> dict[str, object]:
    """Validated column values for a new or edited objective; raises ValidationError."""
    # Compared in Python: SQL lower() folds only ASCII letters.
    taken = {
        other.casefold()
        for other_id, other in session.exec(select(QualityObjective.id, QualityObjective.name))
        if current is None or other_id != current.id
    }
    errors = FieldErrors()
    errors.extend(objective_problems(data, taken=taken))
    department = None
    if "department_id" not in errors:
        department = session.get(Department, data.department_id)
        if department is None:
            errors.add("department_id", "objective.department_required")
        elif department.archived and (current is None or current.department_id != department.id):
            errors.add("department_id", "objective.department_archived", name=department.name)
    if current is not None and (data.kind != current.kind or data.frequency != current.frequency):
        has_measurements = session.exec(
            select(Measurement.id).where(Measurement.objective_id == current.id).limit(1)
        ).first()
        # Recorded periods and numbers would no longer fit the objective.
        if has_measurements is not None:
            if data.kind != current.kind:
                errors.add("kind", "objective.kind_locked")
            if data.frequency != current.frequency:
                errors.add("frequency", "objective.frequency_locked")
    errors.raise_if_any()
    return dict(
        name=data.name.strip(),
        department_id=department.id,
        kind=data.kind,
        unit=(data.unit or "").strip(),
        target=float(data.target),
        direction=data.direction,
        tolerance=float(data.tolerance),
        frequency=data.frequency,
        owner=(data.owner or "").strip(),
        numerator_label=(data.numerator_label or "").strip(),
        denominator_label=(data.denominator_label or "").strip(),
        description=(data.description or "").strip(),
    )


@dataclass(frozen=True, slots=True)
class _CleanMeasurement:
    period: str
    period_start: date
    numerator: float | None
    denominator: float | None
    value: float | None
    note: str


def _clean_measurement(
    errors: FieldErrors,
    objective: QualityObjective,
    data: MeasurementInput,
    start_month: int,
    prefix: str = "",
) -> _CleanMeasurement | None:
    """Validate one measurement against its objective; problems go to `prefix + field`."""
    found = FieldErrors()
    period = _objective_period(found, "period", data.period, objective.frequency, start_month)
    note = _optional_text(found, "note", data.note, NOTE_MAX, record="measurement")
    numerator = denominator = value = None
    if objective.kind == ObjectiveKind.RATIO:
        # The objective's own words for its counts ("Passed", "Inspected") name them in the sentence.
        top = {"counted": _counted(objective.numerator_label)}
        bottom = {"counted": _counted(objective.denominator_label)}
        numerator = _number(
            found, "numerator", data.numerator, record="measurement", required_code="measurement.numerator_required",
            not_number_code="measurement.numerator_not_a_number", **top,
        )  # fmt: skip
        denominator = _number(
            found, "denominator", data.denominator, record="measurement",
            required_code="measurement.denominator_required",
            not_number_code="measurement.denominator_not_a_number", **bottom,
        )  # fmt: skip
        if denominator is not None and denominator <= 0:
            found.add("denominator", "measurement.denominator_not_positive", **bottom)
            denominator = None
        if numerator is not None and numerator < 0:
            found.add("numerator", "measurement.numerator_negative", **top)
        if numerator is not None and denominator is not None and numerator > denominator:
            found.add(
                "numerator", "measurement.numerator_above_denominator", numerator=numerator,
                denominator=denominator, **top,
            )  # fmt: skip
        # A ratio's value is always computed from its counts; a value sent along is ignored.
    else:
        value = _number(found, "value", data.value, record="measurement")
        for field, given in (("numerator", data.numerator), ("denominator", data.denominator)):
            if given is not None:
                found.add(field, f"measurement.plain_value_{field}")
    errors.extend(found.problems, prefix)
    if found or period is None:
        return None
    return _CleanMeasurement(period[0], period[1], numerator, denominator, value, note)


def measurement_problems(
    objective: QualityObjective | ObjectiveRead, data: MeasurementInput, start_month: int
) -> list[Problem]:
    """Every problem of one measurement of `objective` that needs no database; forms check it as the user types."""
    errors = FieldErrors()
    _clean_measurement(errors, objective, data, start_month)  # type: ignore[arg-type]  # reads the same fields
    return errors.problems


def _counted(label: str) -> str:
    """How a count's own name follows the word numerator or denominator: " (Passed)", or nothing."""
    return f" ({label})" if label else ""


def _refuse_archived(objective: QualityObjective) -> None:
    if objective.archived:
        raise ValidationError(Problem("", "objective.archived", {"name": objective.name}))


def _department_name(session: Session, department_id: int) -> str:
    department = session.get(Department, department_id)
    return "" if department is None else department.name


def _latest_measurements(session: Session, objective_ids: Sequence[int]) -> dict[int, Measurement]:
    """The most recent measurement of each objective, in one query."""
    if not objective_ids:
        return {}
    latest = (
        select(Measurement.objective_id, func.max(Measurement.period).label("period"))
        .where(Measurement.objective_id.in_(objective_ids))
        .group_by(Measurement.objective_id)
        .subquery()
    )
    statement = select(Measurement).join(
        latest, and_(Measurement.objective_id == latest.c.objective_id, Measurement.period == latest.c.period)
    )
    return {m.objective_id: m for m in session.exec(statement)}


def _read(session: Session, objective: QualityObjective) -> ObjectiveRead:
    latest = _latest_measurements(session, [objective.id])
    return _objective_read(
        objective, _department_name(session, objective.department_id), latest.get(objective.id)
    )


def _measurement_for(session: Session, objective_id: int, period: str) -> Measurement | None:
    return session.exec(
        select(Measurement).where(Measurement.objective_id == objective_id, Measurement.period == period)
    ).first()


def _commit_measurements(session: Session) -> None:
    try:
        flush(session, "measurement")
    except IntegrityError as exc:
        # Two people saved the same new period at once: the unique (objective, period) refuses one.
        raise ConflictError("measurement.saved_meanwhile") from exc


def _apply(
    session: Session, objective_id: int, clean: _CleanMeasurement, existing: Measurement | None
) -> Measurement:
    measurement = existing or Measurement(
        objective_id=objective_id, period=clean.period, period_start=clean.period_start
    )
    measurement.period_start = clean.period_start
    measurement.numerator = clean.numerator
    measurement.denominator = clean.denominator
    measurement.value = clean.value
    measurement.note = clean.note
    session.add(measurement)
    return measurement


# -- objectives -----------------------------------------------------------------------------


def create_objective(*, session: Session, data: ObjectiveInput) -> ObjectiveRead:
    """Define a new quality objective."""
    values = _clean_objective(session, data, None)
    objective = QualityObjective(**values)
    session.add(objective)
    flush(session, "objective")
    return _objective_read(objective, _department_name(session, objective.department_id), None)


def update_objective(
    *, session: Session, objective_id: int, data: ObjectiveInput, expected_version: int | None = None
) -> ObjectiveRead:
    """Edit an objective; kind and frequency are fixed once measurements exist."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    check_version(objective, expected_version, "quality objective")
    values = _clean_objective(session, data, objective)
    for name, value in values.items():
        setattr(objective, name, value)
    session.add(objective)
    flush(session, "objective")
    return _read(session, objective)


def set_objective_archived(
    *, session: Session, objective_id: int, archived: bool, expected_version: int | None = None
) -> ObjectiveRead:
    """Archive (hide) or restore an objective; its measurements are kept."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    check_version(objective, expected_version, "quality objective")
    objective.archived = bool(archived)
    session.add(objective)
    flush(session, "objective")
    return _read(session, objective)


def get_objective(*, session: Session, objective_id: int) -> ObjectiveRead:
    """One objective with its latest measured period."""
    return _read(session, get_or_raise(session, QualityObjective, objective_id, "quality objective"))


def list_objectives(
    *, session: Session, include_archived: bool = False, department_id: int | None = None
) -> list[ObjectiveRead]:
    """Objectives by name with their latest measurement (two queries in all)."""
    statement = select(QualityObjective, Department.name).join(
        Department, Department.id == QualityObjective.department_id
    )
    if not include_archived:
        statement = statement.where(QualityObjective.archived == False)  # noqa: E712
    if department_id is not None:
        statement = statement.where(QualityObjective.department_id == department_id)
    rows = session.exec(statement.order_by(QualityObjective.name)).all()
    latest = _latest_measurements(session, [objective.id for objective, _ in rows])
    return [_objective_read(objective, name, latest.get(objective.id)) for objective, name in rows]


# -- measurements ---------------------------------------------------------------------------


def get_measurement(*, session: Session, objective_id: int, period: str) -> MeasurementRead | None:
    """The measurement of one period, or None when the period has none yet."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    errors = FieldErrors()
    key = _objective_period(
        errors, "period", period, objective.frequency, get_fiscal_start_month(session=session)
    )
    errors.raise_if_any()
    measurement = _measurement_for(session, objective_id, key[0])
    return None if measurement is None else _measurement_read(objective, measurement)


def get_measurements(
    *, session: Session, objective_id: int, periods: Sequence[str]
) -> dict[str, MeasurementRead]:
    """The stored measurements of the given periods (keys as stored, e.g. a series' points), in one
    query; a period without a measurement is left out."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    wanted = set(periods)
    if not wanted:
        return {}
    statement = select(Measurement).where(
        Measurement.objective_id == objective_id, Measurement.period.in_(wanted)
    )
    return {m.period: _measurement_read(objective, m) for m in session.exec(statement)}


def record_measurement(
    *, session: Session, objective_id: int, data: MeasurementInput, expected_version: int | None = None
) -> MeasurementRead:
    """Record or correct the measurement of one period (one row per objective and period)."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    _refuse_archived(objective)
    errors = FieldErrors()
    clean = _clean_measurement(errors, objective, data, get_fiscal_start_month(session=session))
    errors.raise_if_any()
    existing = _measurement_for(session, objective_id, clean.period)
    if existing is not None:
        check_version(existing, expected_version, "measurement")
    measurement = _apply(session, objective_id, clean, existing)
    _commit_measurements(session)
    return _measurement_read(objective, measurement)


def record_measurements(*, session: Session, objective_id: int, rows: Sequence[MeasurementInput]) -> int:
    """Save a grid of periods all or nothing; errors are keyed "rows[2].denominator"."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    _refuse_archived(objective)
    start_month = get_fiscal_start_month(session=session)
    errors = FieldErrors()
    cleaned: list[_CleanMeasurement] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows):
        clean = _clean_measurement(errors, objective, row, start_month, prefix=f"rows[{index}].")
        if clean is None:
            continue
        if clean.period in seen:
            errors.add(f"rows[{index}].period", "measurement.period_repeated", period=clean.period,
                       row=seen[clean.period] + 1)  # fmt: skip
            continue
        seen[clean.period] = index
        cleaned.append(clean)
    errors.raise_if_any()
    existing = {
        m.period: m
        for m in session.exec(
            select(Measurement).where(
                Measurement.objective_id == objective_id, Measurement.period.in_(list(seen))
            )
        )
    }
    for clean in cleaned:
        _apply(session, objective_id, clean, existing.get(clean.period))
    _commit_measurements(session)
    return len(cleaned)


# -- baseline -------------------------------------------------------------------------------


def freeze_baseline(
    *,
    session: Session,
    objective_id: int,
    first: str,
    last: str,
    now: datetime | None = None,
    expected_version: int | None = None,
) -> ObjectiveRead:
    """Compute control limits from these periods only (at least 2 measured), from now on."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    check_version(objective, expected_version, "quality objective")
    start_month = get_fiscal_start_month(session=session)
    errors = FieldErrors()
    first_key = _objective_period(errors, "first", first, objective.frequency, start_month)
    last_key = _objective_period(errors, "last", last, objective.frequency, start_month)
    errors.raise_if_any()
    if first_key[0] > last_key[0]:
        raise ValidationError(
            Problem("last", "baseline.last_before_first", {"first": first_key[0], "last": last_key[0]})
        )
    measured = session.exec(
        select(func.count())
        .select_from(Measurement)
        .where(
            Measurement.objective_id == objective_id,
            Measurement.period >= first_key[0],
            Measurement.period <= last_key[0],
        )
    ).one()
    if measured < 2:
        raise ValidationError(
            Problem(
                "last", "baseline.too_few", {"first": first_key[0], "last": last_key[0], "count": measured}
            )
        )
    objective.baseline_first, objective.baseline_last = first_key[0], last_key[0]
    objective.baseline_frozen_at = now or utcnow()
    session.add(objective)
    flush(session, "objective")
    return _read(session, objective)


def unfreeze_baseline(
    *, session: Session, objective_id: int, expected_version: int | None = None
) -> ObjectiveRead:
    """Compute control limits from every measured period again."""
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    check_version(objective, expected_version, "quality objective")
    objective.baseline_first = objective.baseline_last = None
    objective.baseline_frozen_at = None
    session.add(objective)
    flush(session, "objective")
    return _read(session, objective)


# -- charts and dashboard -------------------------------------------------------------------


def _scaled(limits: ControlLimits, factor: float) -> ControlLimits:
    if factor == 1:
        return limits
    return ControlLimits(
        center=limits.center * factor,
        lower=tuple(x * factor for x in limits.lower),
        upper=tuple(x * factor for x in limits.upper),
        sigma=tuple(x * factor for x in limits.sigma),
    )


def objective_series(
    *, session: Session, objective_id: int, until: str | None = None, today: date | None = None
) -> ObjectiveSeries:
    """Every period from the first measurement to `until` (default: today's period), charted.

    Limits use the frozen baseline periods (or every measured period) shown in the series;
    rule violations are checked over the measured points only.
    """
    objective = get_or_raise(session, QualityObjective, objective_id, "quality objective")
    start_month = get_fiscal_start_month(session=session)
    frequency = _stored_code(Frequency, objective.frequency, "frequency")
    _stored_code(Direction, objective.direction, "direction")
    if until is None:
        end = period_key(today or date.today(), frequency, start_month)
    else:
        errors = FieldErrors()
        until_key = _objective_period(errors, "until", until, objective.frequency, start_month)
        errors.raise_if_any()
        end = until_key[0]
    session.flush()  # as a query through the session would (autoflush)
    # Plain rows of the columns a chart reads: the quarter's export charts every objective, and
    # ORM objects cost several times more to load.
    charted = select(
        Measurement.id, Measurement.period, Measurement.numerator, Measurement.denominator, Measurement.value
    ).where(Measurement.objective_id == objective_id)
    by_period = {m.period: m for m in session.connection().execute(charted)}
    if until is None and by_period:
        # Periods recorded ahead of today are still shown.
        end = max(end, max(by_period))
    shown = {key: m for key, m in by_period.items() if key <= end}
    latest = by_period[max(by_period)] if by_period else None
    read = _objective_read(objective, _department_name(session, objective.department_id), latest)
    is_ratio = objective.kind == ObjectiveKind.RATIO
    chart = CHART_P if is_ratio else CHART_XMR
    if not shown:
        return ObjectiveSeries(read, (), None, chart, None, ())

    keys = periods_between(min(shown), end, start_month)
    measured = [key for key in keys if key in shown]
    frozen = objective.baseline_first is not None and objective.baseline_last is not None
    baseline = [
        i
        for i, key in enumerate(measured)
        if not frozen or objective.baseline_first <= key <= objective.baseline_last
    ]
    actuals = [_measured_actual(objective, shown[key]) for key in measured]
    limits: ControlLimits | None = None
    rule_hits: dict[int, list[int]] = {}
    found: list[RuleViolation] = []
    if len(baseline) >= 2:
        if is_ratio:
            numerators = [shown[key].numerator for key in measured]
            denominators = [shown[key].denominator for key in measured]
            raw = p_chart_limits(numerators, denominators, baseline)
            # Rules run on proportions so rounding from the percent scale cannot move a point.
            proportions = [x / n for x, n in zip(numerators, denominators, strict=True)]
            found = western_electric_violations(proportions, raw)
            limits = _scaled(raw, 100.0 if objective.unit == PERCENT else 1.0)
        else:
            limits = xmr_limits(actuals, baseline)
            found = western_electric_violations(actuals, limits)
        for violation in found:
            rule_hits.setdefault(violation.index, []).append(int(violation.rule))

    baseline_set = set(baseline)
    index_of = {key: i for i, key in enumerate(measured)}
    points = []
    for key in keys:
        start = period_bounds(key, start_month)[0]
        measurement = shown.get(key)
        if measurement is None:
            points.append(PeriodPoint(key, start, None, None, None, None, None, True, None, None, (), False))
            continue
        i = index_of[key]
        points.append(
            PeriodPoint(
                period=key,
                period_start=start,
                measurement_id=measurement.id,
                numerator=measurement.numerator,
                denominator=measurement.denominator,
                value=actuals[i],
                status=_status(objective, actuals[i]),
                missing=False,
                lower=None if limits is None else limits.lower[i],
                upper=None if limits is None else limits.upper[i],
                violations=tuple(sorted(rule_hits.get(i, ()))),
                in_baseline=i in baseline_set,
            )
        )
    verdict = (
        None if limits is None else target_verdict(limits, objective.target, Direction(objective.direction))
    )
    return ObjectiveSeries(
        objective=read,
        points=tuple(points),
        center=None if limits is None else limits.center,
        chart=chart,
        verdict=verdict,
        violations=tuple((measured[v.index], int(v.rule), v.rule.description) for v in found),
    )


def last_complete_period(day: date, frequency: str, start_month: int = 1) -> str:
    """The period just before the one holding `day` (the last one that has ended)."""
    current = period_key(day, Frequency(frequency), start_month)
    first_day = period_bounds(current, start_month)[0]
    return period_key(first_day - timedelta(days=1), Frequency(frequency), start_month)


def objective_statuses_for_period(*, session: Session, period_of: date | None = None) -> dict[str, int]:
    """Count active objectives met / at risk / missed / without data in their last complete period."""
    day = period_of or date.today()
    start_month = get_fiscal_start_month(session=session)
    objectives = session.exec(
        select(QualityObjective).where(QualityObjective.archived == False)  # noqa: E712
    ).all()
    # An objective whose frequency was written outside OpsDesk has no period: it counts as without data.
    wanted = {o.id: last_complete_period(day, o.frequency, start_month) for o in objectives
              if o.frequency in set(Frequency)}  # fmt: skip
    counts = {status.value: 0 for status in ObjectiveStatus} | {NO_DATA: 0}
    if not objectives:
        return counts
    measurements = {
        (m.objective_id, m.period): m
        for m in session.exec(
            select(Measurement).where(
                Measurement.objective_id.in_(list(wanted)), Measurement.period.in_(set(wanted.values()))
            )
        )
    }
    for objective in objectives:
        measurement = measurements.get((objective.id, wanted.get(objective.id)))
        actual = None if measurement is None else _measured_actual(objective, measurement)
        counts[_status(objective, actual) or NO_DATA] += 1
    return counts

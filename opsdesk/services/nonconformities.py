"""Nonconformities (quality issues): record, analyse the root cause, act, verify, close."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy import case, func
from sqlmodel import Session, select

from opsdesk.domain.catalogue import text
from opsdesk.domain.enums import (
    ActionKind,
    Disposition,
    Effectiveness,
    NcSource,
    NcStatus,
    Severity,
    SixM,
)
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.services.actions import CLOSED_STATUSES, ActionInput, ActionRead, add_action
from opsdesk.services.common import check_version, flush, get_or_raise, next_code
from opsdesk.store.models import Action, Department, Nonconformity

MAX_WHYS = 5
CAPA_KINDS = (ActionKind.CORRECTIVE.value, ActionKind.PREVENTIVE.value)
PARETO_FIELDS = ("six_m", "source")


@dataclass
class NcInput:
    title: str
    detected_on: date
    source: str = NcSource.OTHER.value
    severity: str = Severity.MINOR.value
    department_id: int | None = None
    product_process: str = ""
    owner: str = ""
    description: str = ""
    containment: str = ""
    disposition: str | None = None
    whys: list[str] = field(default_factory=list)  # the 5-whys chain, in order
    root_cause: str = ""
    six_m: str | None = None


@dataclass(frozen=True, slots=True)
class NcRead:
    """One nonconformity as the register shows it, with its action counts and ages in days."""

    id: int
    code: str
    title: str
    source: str
    severity: str
    department_id: int | None
    department: str
    product_process: str
    detected_on: date
    owner: str
    description: str
    containment: str
    disposition: str | None
    whys: tuple[str, ...]
    root_cause: str
    six_m: str | None
    status: str
    effectiveness: str | None
    verified_by: str | None
    verified_on: date | None
    closed_on: date | None
    archived: bool
    version: int
    open_actions: int
    overdue_actions: int
    days_open: int
    days_to_close: int | None


# Reading ----------------------------------------------------------------------------------


def _action_counts(session: Session, nc_ids: list[int] | None, today: date) -> dict[int, tuple[int, int]]:
    """(open, overdue) action counts per nonconformity, in one grouped query."""
    is_open = Action.status.not_in(CLOSED_STATUSES)
    overdue = is_open & Action.due_date.is_not(None) & (Action.due_date < today)
    statement = (
        select(
            Action.nonconformity_id,
            func.sum(case((is_open, 1), else_=0)),
            func.sum(case((overdue, 1), else_=0)),
        )
        .where(Action.nonconformity_id.is_not(None), Action.archived == False)  # noqa: E712
        .group_by(Action.nonconformity_id)
    )
    if nc_ids is not None:
        statement = statement.where(Action.nonconformity_id.in_(nc_ids))
    return {
        nc_id: (int(n_open or 0), int(n_overdue or 0)) for nc_id, n_open, n_overdue in session.exec(statement)
    }


def _to_read(nc: Nonconformity, department: str, counts: tuple[int, int], today: date) -> NcRead:
    end = nc.closed_on or today
    return NcRead(
        id=nc.id,
        code=nc.code,
        title=nc.title,
        source=nc.source,
        severity=nc.severity,
        department_id=nc.department_id,
        department=department,
        product_process=nc.product_process,
        detected_on=nc.detected_on,
        owner=nc.owner,
        description=nc.description,
        containment=nc.containment,
        disposition=nc.disposition,
        whys=tuple(json.loads(nc.whys or "[]")),
        root_cause=nc.root_cause,
        six_m=nc.six_m,
        status=nc.status,
        effectiveness=nc.effectiveness,
        verified_by=nc.verified_by,
        verified_on=nc.verified_on,
        closed_on=nc.closed_on,
        archived=nc.archived,
        version=nc.version,
        open_actions=counts[0],
        overdue_actions=counts[1],
        days_open=(end - nc.detected_on).days,
        days_to_close=None if nc.closed_on is None else (nc.closed_on - nc.detected_on).days,
    )


def _read_one(session: Session, nc: Nonconformity, today: date) -> NcRead:
    department = session.get(Department, nc.department_id) if nc.department_id is not None else None
    counts = _action_counts(session, [nc.id], today).get(nc.id, (0, 0))
    return _to_read(nc, department.name if department else "", counts, today)


def get_nonconformity(*, session: Session, nc_id: int, today: date | None = None) -> NcRead:
    """One nonconformity with its action counts."""
    nc = get_or_raise(session, Nonconformity, nc_id, "nonconformity")
    return _read_one(session, nc, today or date.today())


def list_nonconformities(
    *,
    session: Session,
    status: str | None = None,
    open_only: bool = False,
    severity: str | None = None,
    source: str | None = None,
    six_m: str | None = None,
    department_id: int | None = None,
    include_archived: bool = False,
    today: date | None = None,
) -> list[NcRead]:
    """The register filtered in SQL, in code order; action counts come from one grouped query."""
    today = today or date.today()
    statement = select(Nonconformity, Department.name).join(
        Department, Department.id == Nonconformity.department_id, isouter=True
    )
    if status is not None:
        statement = statement.where(Nonconformity.status == status)
    if open_only:
        statement = statement.where(Nonconformity.status != NcStatus.CLOSED.value)
    if severity is not None:
        statement = statement.where(Nonconformity.severity == severity)
    if source is not None:
        statement = statement.where(Nonconformity.source == source)
    if six_m is not None:
        statement = statement.where(Nonconformity.six_m == six_m)
    if department_id is not None:
        statement = statement.where(Nonconformity.department_id == department_id)
    if not include_archived:
        statement = statement.where(Nonconformity.archived == False)  # noqa: E712
    rows = session.exec(statement.order_by(Nonconformity.id)).all()
    counts = _action_counts(session, None, today)
    return [_to_read(nc, name or "", counts.get(nc.id, (0, 0)), today) for nc, name in rows]


# Writing ----------------------------------------------------------------------------------


def _clean_whys(whys: list[str] | tuple[str, ...] | None, errors: FieldErrors) -> list[str]:
    answers = [str(answer).strip() for answer in (whys or []) if str(answer or "").strip()]
    if len(answers) > MAX_WHYS:
        errors.add("whys", "nc.too_many_whys", limit=MAX_WHYS, count=len(answers))
    for number, answer in enumerate(answers, start=1):
        if len(answer) > 500:
            errors.add("whys", "nc.why_too_long", number=number, count=len(answer), limit=500)
    return answers


# The free texts of a nonconformity and their limits.
TEXT_LIMITS = {
    "product_process": 200,
    "owner": 120,
    "description": 5000,
    "containment": 5000,
    "root_cause": 2000,
}


def _named(errors: FieldErrors, field: str, code: str, **params: object) -> None:
    """A general sentence ("{field} is required") given the field's name from the catalogue."""
    errors.extend([Problem(field, code, params, record="nonconformity")])


def _choice(errors: FieldErrors, field: str, value: object, choices: type, optional: bool = False) -> None:
    codes = [member.value for member in choices]  # type: ignore[attr-defined]
    if not (value is None and optional) and value not in codes:
        _named(errors, field, "not_a_choice", value=value, choices=", ".join(codes))


def nc_problems(data: NcInput, today: date) -> list[Problem]:
    """Every problem of a nonconformity's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()
    title = (data.title or "").strip()
    if not title:
        _named(errors, "title", "required")
    elif len(title) > 200:
        _named(errors, "title", "too_long", count=len(title), limit=200)
    if not _is_day(data.detected_on):
        errors.add("detected_on", "nc.detected_required")
    elif data.detected_on > today:
        errors.add("detected_on", "nc.detected_in_future")
    _choice(errors, "source", data.source, NcSource)
    _choice(errors, "severity", data.severity, Severity)
    _choice(errors, "disposition", data.disposition or None, Disposition, optional=True)
    _choice(errors, "six_m", data.six_m or None, SixM, optional=True)
    for name, limit in TEXT_LIMITS.items():
        written = (getattr(data, name) or "").strip()
        if len(written) > limit:
            _named(errors, name, "too_long", count=len(written), limit=limit)
    _clean_whys(data.whys, errors)
    return errors.problems


def verification_problems(
    effectiveness: object, verified_by: str | None, verified_on: object, *, detected_on: date, today: date
) -> list[Problem]:
    """What is wrong with a verification of effectiveness (who, when, with what result)."""
    errors = FieldErrors()
    _choice(errors, "effectiveness", effectiveness, Effectiveness)
    verifier = (verified_by or "").strip()
    if not verifier:
        _named(errors, "verified_by", "required")
    elif len(verifier) > 120:
        _named(errors, "verified_by", "too_long", count=len(verifier), limit=120)
    if not _is_day(verified_on):
        errors.add("verified_on", "nc.verified_required")
    elif verified_on > today:  # type: ignore[operator]
        errors.add("verified_on", "nc.verified_in_future")
    elif verified_on < detected_on:  # type: ignore[operator]
        errors.add("verified_on", "nc.verified_before_detected", day=detected_on)
    return errors.problems


def _is_day(value: object) -> bool:
    # A datetime is a date too, but cannot be compared with one.
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate(session: Session, data: NcInput, today: date) -> dict[str, object]:
    """Check every field of an NcInput; return the cleaned values or raise ValidationError."""
    errors = FieldErrors()
    errors.extend(nc_problems(data, today))
    values: dict[str, object] = {
        "title": (data.title or "").strip(),
        "source": data.source,
        "severity": data.severity,
        "department_id": data.department_id,
        "detected_on": data.detected_on,
        "disposition": data.disposition or None,
        "six_m": data.six_m or None,
    }
    if data.department_id is not None:
        department = session.get(Department, data.department_id)
        if department is None:
            errors.add("department_id", "nc.department_missing", id=data.department_id)
    for name in TEXT_LIMITS:
        values[name] = (getattr(data, name) or "").strip()
    values["whys"] = json.dumps(_clean_whys(data.whys, FieldErrors()), ensure_ascii=False)  # checked above
    errors.raise_if_any()
    return values


def create_nonconformity(*, session: Session, data: NcInput, today: date | None = None) -> NcRead:
    """Record a new nonconformity (status open) with the next NC code."""
    today = today or date.today()
    values = _validate(session, data, today)
    nc = Nonconformity(code=next_code(session, "NC"), status=NcStatus.OPEN.value, **values)
    session.add(nc)
    flush(session, "nonconformity")
    return _read_one(session, nc, today)


def update_nonconformity(
    *,
    session: Session,
    nc_id: int,
    data: NcInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Change the description and analysis of a nonconformity (not its status or verification)."""
    return save_nonconformity(
        session=session, nc_id=nc_id, data=data, expected_version=expected_version, today=today
    )


def save_nonconformity(
    *,
    session: Session,
    nc_id: int,
    data: NcInput | None = None,
    status: str | None = None,
    verification: tuple[str, str, date] | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Save what the editor changed in one transaction: the description and analysis (`data`),
    the status, and the verification (effectiveness, verified by, verified on), in that order,
    so a verification and a closing can be saved together. A refusal of any part saves none."""
    today = today or date.today()
    nc = get_or_raise(session, Nonconformity, nc_id, "nonconformity")
    check_version(nc, expected_version, "nonconformity")
    # A savepoint: a refused part undoes the parts applied before it, and only them (the
    # caller's transaction may hold other work).
    with session.begin_nested():
        if data is not None:
            _apply_analysis(session, nc, data, today)
        if verification is not None:
            _apply_verification(nc, *verification, today=today)
        if status is not None and status != nc.status:
            _apply_status(session, nc, status, today=today)
    session.add(nc)
    flush(session, "nonconformity")
    return _read_one(session, nc, today)


def _apply_analysis(session: Session, nc: Nonconformity, data: NcInput, today: date) -> None:
    values = _validate(session, data, today)
    if nc.closed_on is not None and data.detected_on > nc.closed_on:
        raise ValidationError(
            Problem("detected_on", "nc.detected_after_closed", {"code": nc.code, "day": nc.closed_on})
        )
    for name, value in values.items():
        if getattr(nc, name) != value:
            setattr(nc, name, value)


def set_nonconformity_archived(
    *,
    session: Session,
    nc_id: int,
    archived: bool,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Archive (or restore) a nonconformity; nothing is deleted."""
    nc = get_or_raise(session, Nonconformity, nc_id, "nonconformity")
    check_version(nc, expected_version, "nonconformity")
    if nc.archived != archived:
        nc.archived = archived
        session.add(nc)
        flush(session, "nonconformity")
    return _read_one(session, nc, today or date.today())


def _open_action_titles(session: Session, nc_id: int) -> list[str]:
    statement = (
        select(Action.title)
        .where(
            Action.nonconformity_id == nc_id,
            Action.archived == False,  # noqa: E712
            Action.status.not_in(CLOSED_STATUSES),
        )
        .order_by(Action.id)
    )
    return list(session.exec(statement))


def _closing_problems(session: Session, nc: Nonconformity) -> list[str]:
    """Why a nonconformity cannot be closed yet (empty when it can)."""
    problems: list[str] = []  # phrases in the language of the moment, joined into nc.cannot_close
    titles = _open_action_titles(session, nc.id)
    if titles:
        problems.append(text("nc.actions_still_open", count=len(titles), titles=titles))
    if nc.effectiveness is None:
        problems.append(text("nc.not_verified"))
    elif nc.effectiveness == Effectiveness.NOT_EFFECTIVE:
        problems.append(text("nc.not_effective"))
    return problems


def close_nonconformity(
    *,
    session: Session,
    nc_id: int,
    closed_on: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Close a nonconformity once its actions are finished and verified effective."""
    today = today or date.today()
    nc = get_or_raise(session, Nonconformity, nc_id, "nonconformity")
    check_version(nc, expected_version, "nonconformity")
    _apply_close(session, nc, closed_on or today, today=today)
    session.add(nc)
    flush(session, "nonconformity")
    return _read_one(session, nc, today)


def _apply_close(session: Session, nc: Nonconformity, closed_on: date, *, today: date) -> None:
    if nc.status == NcStatus.CLOSED:
        raise ValidationError(Problem("status", "nc.already_closed", {"code": nc.code}))
    problems = _closing_problems(session, nc)
    if problems:
        raise ValidationError(
            Problem(
                "status",
                "nc.cannot_close",
                {"code": nc.code, "reasons": text("nc.reason_separator").join(problems)},
            )
        )
    errors = FieldErrors()
    if not _is_day(closed_on):
        errors.add("closed_on", "nc.closed_not_a_date")
    elif closed_on > today:
        errors.add("closed_on", "nc.closed_in_future")
    elif closed_on < nc.detected_on:
        errors.add("closed_on", "nc.closed_before_detected", day=nc.detected_on)
    elif nc.verified_on is not None and closed_on < nc.verified_on:
        errors.add("closed_on", "nc.closed_before_verified", day=nc.verified_on)
    errors.raise_if_any()
    nc.status = NcStatus.CLOSED.value
    nc.closed_on = closed_on


def set_status(
    *,
    session: Session,
    nc_id: int,
    status: str,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Move a nonconformity to another status; closing applies the closing checks, reopening clears closed_on."""
    return save_nonconformity(
        session=session, nc_id=nc_id, status=status, expected_version=expected_version, today=today
    )


def _apply_status(session: Session, nc: Nonconformity, status: str, *, today: date) -> None:
    errors = FieldErrors()
    _choice(errors, "status", status, NcStatus)
    errors.raise_if_any()
    if status == NcStatus.CLOSED:
        _apply_close(session, nc, today, today=today)
    elif nc.status != status:
        nc.status = status
        nc.closed_on = None


def verify_effectiveness(
    *,
    session: Session,
    nc_id: int,
    effectiveness: str,
    verified_by: str,
    verified_on: date,
    expected_version: int | None = None,
    today: date | None = None,
) -> NcRead:
    """Record whether the corrective actions worked, who checked it and when."""
    return save_nonconformity(
        session=session,
        nc_id=nc_id,
        verification=(effectiveness, verified_by, verified_on),
        expected_version=expected_version,
        today=today,
    )


def _apply_verification(
    nc: Nonconformity, effectiveness: str, verified_by: str, verified_on: date, *, today: date
) -> None:
    problems = verification_problems(
        effectiveness, verified_by, verified_on, detected_on=nc.detected_on, today=today
    )
    if problems:
        raise ValidationError(problems)
    verifier = (verified_by or "").strip()
    nc.effectiveness = effectiveness
    nc.verified_by = verifier
    nc.verified_on = verified_on


def add_corrective_action(
    *, session: Session, nc_id: int, data: ActionInput, today: date | None = None
) -> ActionRead:
    """Add a corrective (or preventive) action to an open nonconformity."""
    nc = get_or_raise(session, Nonconformity, nc_id, "nonconformity")
    if nc.status == NcStatus.CLOSED:
        raise ValidationError(Problem("nonconformity_id", "nc.closed_no_action", {"code": nc.code}))
    if nc.archived:
        raise ValidationError(Problem("nonconformity_id", "nc.archived_no_action", {"code": nc.code}))
    kind = data.kind if data.kind in CAPA_KINDS else ActionKind.CORRECTIVE.value
    linked = replace(data, nonconformity_id=nc.id, kind=kind)
    return add_action(session=session, data=linked, today=today)


# Analysis ---------------------------------------------------------------------------------


def pareto(
    *, session: Session, by: str, since: date | None = None, until: date | None = None
) -> list[tuple[str, int, float]]:
    """(code, count, cumulative percent) by 6M category or source, largest first; unclassified left out."""
    if by not in PARETO_FIELDS:
        raise ValidationError(Problem("by", "nc.pareto_by", {"value": by}))
    if since is not None and until is not None and since > until:
        raise ValidationError(Problem("since", "nc.range_reversed"))
    column = getattr(Nonconformity, by)
    statement = (
        select(column, func.count())
        .where(Nonconformity.archived == False, column.is_not(None))  # noqa: E712
        .group_by(column)
    )
    if since is not None:
        statement = statement.where(Nonconformity.detected_on >= since)
    if until is not None:
        statement = statement.where(Nonconformity.detected_on <= until)
    counts = sorted(
        ((code, int(n)) for code, n in session.exec(statement)), key=lambda item: (-item[1], item[0])
    )
    total = sum(n for _, n in counts)
    result: list[tuple[str, int, float]] = []
    running = 0
    for code, n in counts:
        running += n
        result.append((code, n, 100.0 * running / total))
    return result


def open_counts_by_severity(*, session: Session) -> dict[str, int]:
    """Open (not closed, not archived) nonconformities per severity code, zeros included."""
    statement = (
        select(Nonconformity.severity, func.count())
        .where(Nonconformity.archived == False, Nonconformity.status != NcStatus.CLOSED.value)  # noqa: E712
        .group_by(Nonconformity.severity)
    )
    counts = {severity.value: 0 for severity in Severity}
    for severity, n in session.exec(statement):
        counts[severity] = int(n)
    return counts


def count_overdue_corrective_actions(*, session: Session, today: date | None = None) -> int:
    """Corrective and preventive actions of live nonconformities that are open and past due."""
    today = today or date.today()
    statement = (
        select(func.count())
        .select_from(Action)
        .join(Nonconformity, Nonconformity.id == Action.nonconformity_id)
        .where(
            Nonconformity.archived == False,  # noqa: E712
            Action.archived == False,  # noqa: E712
            Action.kind.in_(CAPA_KINDS),
            Action.status.not_in(CLOSED_STATUSES),
            Action.due_date.is_not(None),
            Action.due_date < today,
        )
    )
    return int(session.exec(statement).one())

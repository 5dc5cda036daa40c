"""The risk register: identify, assess, respond, archive; the register's lists and counts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import Session, select

from opsdesk.domain.enums import AssessmentKind, IdentificationSource, RiskStatus, Strategy
from opsdesk.domain.errors import FieldErrors, ValidationError
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.domain.numbers import is_storable_number
from opsdesk.services import alerts
from opsdesk.services.acceptances import (
    acceptance_history,  # noqa: F401 - the risk service's API too
    decision,
    record_acceptance_if_decided,
)
from opsdesk.services.actions import open_action_counts_by_risk
from opsdesk.services.common import check_version, commit, get_or_raise, next_code, touch
from opsdesk.services.settings import get_matrix, get_review_intervals
from opsdesk.store.models import Assessment, Category, Department, Risk

KINDS = tuple(kind.value for kind in AssessmentKind)


@dataclass
class RiskInput:
    title: str
    category_id: int
    department_id: int
    identified_on: date
    description: str = ""
    cause: str = ""
    consequence: str = ""
    source: str = IdentificationSource.OTHER.value
    owner: str = ""
    status: str = RiskStatus.IDENTIFIED.value
    next_review: date | None = None
    strategy: str | None = None
    rationale: str = ""
    acceptance_approver: str | None = None
    acceptance_justification: str | None = None
    accepted_on: date | None = None
    acceptance_expires: date | None = None


@dataclass
class AssessmentInput:
    kind: str
    likelihood: int
    impact: int
    assessed_on: date | None = None
    assessor: str = ""
    probability: float | None = None
    financial_impact: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AssessmentRead:
    id: int
    risk_id: int
    kind: str
    assessed_on: date
    assessor: str
    likelihood: int
    impact: int
    score: int
    level: str
    probability: float | None
    financial_impact: float | None
    note: str


@dataclass(frozen=True, slots=True)
class RiskRead:
    """One risk as the register shows it; levels are band codes of the matrix."""

    id: int
    code: str
    title: str
    description: str
    cause: str
    consequence: str
    category_id: int
    category: str
    source: str
    department_id: int
    department: str
    owner: str
    identified_on: date
    status: str
    next_review: date | None
    archived: bool
    inherent_likelihood: int | None
    inherent_impact: int | None
    inherent_score: int | None
    inherent_level: str | None
    residual_likelihood: int | None
    residual_impact: int | None
    residual_score: int | None
    residual_level: str | None
    target_likelihood: int | None
    target_impact: int | None
    target_score: int | None
    target_level: str | None
    strategy: str | None
    rationale: str
    acceptance_approver: str | None
    acceptance_justification: str | None
    accepted_on: date | None
    acceptance_expires: date | None
    version: int
    above_appetite: bool = False
    review_due: bool = False
    open_actions: int = 0
    search_text: str = field(default="", repr=False)


_RISK_COLUMNS = (
    Risk.id, Risk.code, Risk.title, Risk.description, Risk.cause, Risk.consequence,
    Risk.category_id, Category.name, Risk.source, Risk.department_id, Department.name,
    Risk.owner, Risk.identified_on, Risk.status, Risk.next_review, Risk.archived,
    Risk.inherent_likelihood, Risk.inherent_impact, Risk.inherent_score, Risk.inherent_level,
    Risk.residual_likelihood, Risk.residual_impact, Risk.residual_score, Risk.residual_level,
    Risk.target_likelihood, Risk.target_impact, Risk.target_score, Risk.target_level,
    Risk.strategy, Risk.rationale, Risk.acceptance_approver, Risk.acceptance_justification,
    Risk.accepted_on, Risk.acceptance_expires, Risk.version,
)  # fmt: skip


def is_review_due(next_review: date | None, strategy: str | None, acceptance_expires: date | None, today: date) -> bool:
    """Due when the review date has come, or when a formal acceptance has expired."""
    if next_review is not None and next_review <= today:
        return True
    return strategy == Strategy.ACCEPT and acceptance_expires is not None and acceptance_expires < today


def _levels_above_appetite(matrix: RiskMatrix) -> frozenset[str]:
    return frozenset(band.code for band in matrix.bands if matrix.is_above_appetite(band.code))


# Positions in _RISK_COLUMNS of the values the derived fields need.
_CODE, _TITLE, _DESCRIPTION = 1, 2, 3
_OWNER, _STATUS, _NEXT_REVIEW, _ARCHIVED = 11, 13, 14, 15
_RESIDUAL_LEVEL, _STRATEGY, _EXPIRES = 23, 28, 33


def _read_from_row(
    row: Sequence, matrix: RiskMatrix, today: date, open_actions: int, above_levels: frozenset[str] | None = None
) -> RiskRead:
    # Built once per row from plain values: this runs 20,000 times when the register loads.
    above_levels = _levels_above_appetite(matrix) if above_levels is None else above_levels
    above = row[_RESIDUAL_LEVEL] in above_levels
    due = not row[_ARCHIVED] and row[_STATUS] != RiskStatus.CLOSED and is_review_due(
        row[_NEXT_REVIEW], row[_STRATEGY], row[_EXPIRES], today
    )
    text = " ".join((row[_CODE], row[_TITLE], row[_DESCRIPTION], row[_OWNER])).casefold()
    return RiskRead(*row, above, due, open_actions, text)


def _query():
    return (
        select(*_RISK_COLUMNS)
        .join(Category, Category.id == Risk.category_id)
        .join(Department, Department.id == Risk.department_id)
    )


def list_risks(*, session: Session, include_archived: bool = False, today: date | None = None) -> list[RiskRead]:
    """Every risk of the register (columns only, no ORM objects, so 20,000 rows stay quick)."""
    today = today or date.today()
    matrix = get_matrix(session=session)
    actions = open_action_counts_by_risk(session=session)
    statement = _query().order_by(Risk.code)
    if not include_archived:
        statement = statement.where(Risk.archived == False)  # noqa: E712
    above_levels = _levels_above_appetite(matrix)
    return [
        _read_from_row(row, matrix, today, actions.get(row[0], 0), above_levels)
        for row in session.exec(statement)
    ]


def get_risk(*, session: Session, risk_id: int, today: date | None = None) -> RiskRead:
    row = session.exec(_query().where(Risk.id == risk_id)).first()
    if row is None:
        get_or_raise(session, Risk, risk_id, "risk")
    actions = open_action_counts_by_risk(session=session, risk_id=risk_id)
    return _read_from_row(row, get_matrix(session=session), today or date.today(), actions.get(risk_id, 0))


def risk_id_by_code(*, session: Session, code: str) -> int | None:
    return session.exec(select(Risk.id).where(Risk.code == code.strip().upper())).first()


# Validation -----------------------------------------------------------------------------


def _validate_assessment(data: AssessmentInput, matrix: RiskMatrix, errors: FieldErrors, today: date) -> None:
    prefix = f"{data.kind}." if data.kind in KINDS else ""
    if data.kind not in KINDS:
        errors.add("kind", f"The assessment kind must be one of {', '.join(KINDS)}.")
    try:
        matrix.score(data.likelihood, data.impact)
    except ValidationError as exc:
        errors.merge(exc, prefix)
    if data.assessed_on is not None and not _is_day(data.assessed_on):
        errors.add(f"{prefix}assessed_on", "The assessment date must be a date.")
    elif data.assessed_on is not None and data.assessed_on > today:
        errors.add(f"{prefix}assessed_on", "The assessment date cannot be in the future.")
    if data.probability is not None and (
        not _finite(data.probability) or not 0 <= data.probability <= 100
    ):
        errors.add(f"{prefix}probability", "The probability is a percentage from 0 to 100.")
    if data.financial_impact is not None and (
        not _finite(data.financial_impact) or data.financial_impact < 0
    ):
        errors.add(f"{prefix}financial_impact", "The financial impact must be a positive amount.")


def _finite(value: object) -> bool:
    return is_storable_number(value)


def _is_day(value: object) -> bool:
    # A datetime is a date too, but cannot be compared with one.
    return isinstance(value, date) and not isinstance(value, datetime)


def _validate_risk(
    session: Session,
    data: RiskInput,
    matrix: RiskMatrix,
    residual_level: str | None,
    errors: FieldErrors,
    today: date,
) -> None:
    errors.require_text("title", data.title, "The title")
    for name, label in (("description", "The description"), ("cause", "The cause"), ("consequence", "The consequence")):
        if len(getattr(data, name) or "") > 5000:
            errors.add(name, f"{label} is too long (at most 5000 characters).")
    if len(data.owner or "") > 120:
        errors.add("owner", "The owner's name is too long (at most 120 characters).")
    category = session.get(Category, data.category_id) if isinstance(data.category_id, int) else None
    if category is None:
        errors.add("category_id", "Choose a category.")
    department = session.get(Department, data.department_id) if isinstance(data.department_id, int) else None
    if department is None:
        errors.add("department_id", "Choose a department.")
    errors.check_choice("source", data.source, IdentificationSource, "The identification source")
    errors.check_choice("status", data.status, RiskStatus, "The status")
    errors.check_choice("strategy", data.strategy, Strategy, "The response strategy", optional=True)
    if not _is_day(data.identified_on):
        errors.add("identified_on", "The identification date is required.")
    elif data.identified_on > today:
        errors.add("identified_on", "The identification date cannot be in the future.")
    for name, label in (("next_review", "The next review"), ("accepted_on", "The acceptance date"),
                        ("acceptance_expires", "The acceptance expiry")):
        if getattr(data, name) is not None and not _is_day(getattr(data, name)):
            errors.add(name, f"{label} must be a date.")
    if data.next_review is not None and "next_review" not in errors.errors and _is_day(data.identified_on) \
            and data.next_review < data.identified_on:
        errors.add("next_review", "The next review cannot be before the risk was identified.")
    accepting_above_appetite = (
        data.strategy == Strategy.ACCEPT
        and residual_level is not None
        and matrix.is_above_appetite(residual_level)
    )
    if accepting_above_appetite:
        appetite = matrix.band(matrix.appetite).name
        if not (data.acceptance_approver or "").strip():
            errors.add("acceptance_approver", f"Accepting a risk above the appetite ({appetite}) needs an approver.")
        if not (data.acceptance_justification or "").strip():
            errors.add("acceptance_justification", "Accepting a risk above the appetite needs a justification.")
        if data.acceptance_expires is None:
            errors.add("acceptance_expires", "Accepting a risk above the appetite needs an expiry date.")
        elif not {"acceptance_expires", "accepted_on"} & errors.errors.keys() and (
            data.acceptance_expires <= (data.accepted_on or today)
        ):
            errors.add("acceptance_expires", "The acceptance must expire after the date it was given.")
        if data.accepted_on is not None and "accepted_on" not in errors.errors and data.accepted_on > today:
            errors.add("accepted_on", "The acceptance date cannot be in the future.")


def _residual_level_after(risk: Risk | None, assessments: Iterable[AssessmentInput], matrix: RiskMatrix) -> str | None:
    level = risk.residual_level if risk is not None else None
    for data in assessments:
        if data.kind == AssessmentKind.RESIDUAL:
            try:
                level = matrix.level(data.likelihood, data.impact).code
            except ValidationError:
                pass  # reported by the assessment's own validation
    return level


def _validate(
    session: Session,
    risk: Risk | None,
    data: RiskInput,
    assessments: Sequence[AssessmentInput],
    matrix: RiskMatrix,
    today: date,
) -> None:
    errors = FieldErrors()
    for assessment in assessments:
        _validate_assessment(assessment, matrix, errors, today)
    kinds = [a.kind for a in assessments]
    if len(kinds) != len(set(kinds)):
        errors.add("kind", "Give at most one assessment of each kind per save.")
    _validate_risk(session, data, matrix, _residual_level_after(risk, assessments, matrix), errors, today)
    errors.raise_if_any()


# Writing --------------------------------------------------------------------------------


def _apply_fields(risk: Risk, data: RiskInput) -> None:
    risk.title = data.title.strip()
    risk.description = (data.description or "").strip()
    risk.cause = (data.cause or "").strip()
    risk.consequence = (data.consequence or "").strip()
    risk.category_id = data.category_id
    risk.department_id = data.department_id
    risk.source = data.source
    risk.owner = (data.owner or "").strip()
    risk.identified_on = data.identified_on
    risk.status = data.status
    risk.strategy = data.strategy
    risk.rationale = (data.rationale or "").strip()
    if data.strategy == Strategy.ACCEPT and (data.acceptance_approver or "").strip():
        risk.acceptance_approver = data.acceptance_approver.strip()
        risk.acceptance_justification = (data.acceptance_justification or "").strip()
        risk.accepted_on = data.accepted_on or date.today()
        risk.acceptance_expires = data.acceptance_expires
    elif data.strategy != Strategy.ACCEPT:
        risk.acceptance_approver = None
        risk.acceptance_justification = None
        risk.accepted_on = None
        risk.acceptance_expires = None


def _add_assessment(session: Session, risk: Risk, data: AssessmentInput, matrix: RiskMatrix, today: date) -> Assessment:
    band = matrix.level(data.likelihood, data.impact)
    assessment = Assessment(
        risk_id=risk.id,
        kind=data.kind,
        assessed_on=data.assessed_on or today,
        assessor=(data.assessor or "").strip() or str(session.info.get("user", "")),
        likelihood=data.likelihood,
        impact=data.impact,
        score=matrix.score(data.likelihood, data.impact),
        level=band.code,
        probability=None if data.probability is None else float(data.probability),
        financial_impact=None if data.financial_impact is None else float(data.financial_impact),
        note=(data.note or "").strip(),
    )
    session.add(assessment)
    latest_on = session.exec(
        select(func.max(Assessment.assessed_on)).where(
            Assessment.risk_id == risk.id, Assessment.kind == data.kind, Assessment.id != None  # noqa: E711
        )
    ).one()
    # A back-dated assessment joins the history but does not replace a newer current value.
    if latest_on is None or assessment.assessed_on >= latest_on:
        setattr(risk, f"{data.kind}_likelihood", assessment.likelihood)
        setattr(risk, f"{data.kind}_impact", assessment.impact)
        setattr(risk, f"{data.kind}_score", assessment.score)
        setattr(risk, f"{data.kind}_level", assessment.level)
    return assessment


def _latest_assessment_on(session: Session, risk_id: int) -> date | None:
    # The review counts from the newest assessment: a back-dated one must not pull it earlier.
    return session.exec(select(func.max(Assessment.assessed_on)).where(Assessment.risk_id == risk_id)).one()


def _review_from(risk: Risk, on: date, session: Session) -> date:
    level = risk.residual_level or risk.inherent_level
    if level is None:
        return get_review_intervals(session=session).next_review("", on)
    return get_review_intervals(session=session).next_review(level, on)


def _save(
    session: Session,
    risk: Risk,
    data: RiskInput,
    assessments: Sequence[AssessmentInput],
    matrix: RiskMatrix,
    today: date,
    review_set_by_user: bool,
) -> None:
    before = decision(risk) if risk.id is not None else None
    _apply_fields(risk, data)
    touch(risk)
    session.add(risk)
    session.flush()  # the risk needs its id before assessments point at it
    for assessment in sorted(assessments, key=lambda a: KINDS.index(a.kind)):
        _add_assessment(session, risk, assessment, matrix, today)
    if review_set_by_user:
        risk.next_review = data.next_review
    elif assessments or risk.next_review is None:
        latest = _latest_assessment_on(session, risk.id) if assessments else risk.identified_on
        risk.next_review = _review_from(risk, latest, session)
    if risk.status == RiskStatus.IDENTIFIED and risk.inherent_level is not None:
        risk.status = RiskStatus.ASSESSED.value
    alerts.sync_appetite_alert(session, risk, matrix, today)
    # Accepting is a decision an auditor may ask about: keep the risk as it stands now.
    record_acceptance_if_decided(session, risk, before)


def create_risk(
    *,
    session: Session,
    data: RiskInput,
    assessments: Sequence[AssessmentInput] = (),
    today: date | None = None,
) -> RiskRead:
    """Register a new risk (code R-0001...), with its first assessments, in one transaction."""
    today = today or date.today()
    matrix = get_matrix(session=session)
    _validate(session, None, data, assessments, matrix, today)
    risk = Risk(code=next_code(session, "R"), title="", category_id=data.category_id,
                department_id=data.department_id, identified_on=data.identified_on)
    _save(session, risk, data, assessments, matrix, today, review_set_by_user=data.next_review is not None)
    commit(session, "risk")
    return get_risk(session=session, risk_id=risk.id, today=today)


def update_risk(
    *,
    session: Session,
    risk_id: int,
    data: RiskInput,
    assessments: Sequence[AssessmentInput] = (),
    expected_version: int | None = None,
    today: date | None = None,
) -> RiskRead:
    """Save an edited risk and any new assessments; a stale version raises ConflictError."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, "risk")
    matrix = get_matrix(session=session)
    _validate(session, risk, data, assessments, matrix, today)
    review_set_by_user = data.next_review is not None and data.next_review != risk.next_review
    _save(session, risk, data, assessments, matrix, today, review_set_by_user)
    commit(session, "risk")
    return get_risk(session=session, risk_id=risk_id, today=today)


def record_assessment(
    *, session: Session, risk_id: int, data: AssessmentInput, today: date | None = None
) -> AssessmentRead:
    """Add one assessment to a risk's history and make it current (if it is the newest)."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    matrix = get_matrix(session=session)
    errors = FieldErrors()
    _validate_assessment(data, matrix, errors, today)
    errors.raise_if_any()
    if data.kind == AssessmentKind.RESIDUAL and risk.strategy == Strategy.ACCEPT and not risk.acceptance_approver:
        level = matrix.level(data.likelihood, data.impact).code
        if matrix.is_above_appetite(level):
            raise ValidationError(
                {"residual.likelihood": "This risk is accepted without an approval; a residual level above "
                 "the appetite needs a formal acceptance (approver, justification, expiry)."}
            )
    assessment = _add_assessment(session, risk, data, matrix, today)
    risk.next_review = _review_from(risk, _latest_assessment_on(session, risk.id), session)
    touch(risk)
    session.add(risk)
    alerts.sync_appetite_alert(session, risk, matrix, today)
    commit(session, "risk")
    return _assessment_read(assessment)


def _assessment_read(a: Assessment) -> AssessmentRead:
    return AssessmentRead(
        a.id, a.risk_id, a.kind, a.assessed_on, a.assessor, a.likelihood, a.impact, a.score,
        a.level, a.probability, a.financial_impact, a.note,
    )


def assessment_history(*, session: Session, risk_id: int, kind: str | None = None) -> list[AssessmentRead]:
    """The assessments of a risk, oldest first (the trend chart's data)."""
    statement = select(Assessment).where(Assessment.risk_id == risk_id)
    if kind is not None:
        statement = statement.where(Assessment.kind == kind)
    statement = statement.order_by(Assessment.assessed_on, Assessment.id)
    return [_assessment_read(a) for a in session.exec(statement)]


def set_risk_archived(
    *, session: Session, risk_id: int, archived: bool, expected_version: int | None = None, today: date | None = None
) -> RiskRead:
    """Archive (the register's delete) or restore a risk; nothing is ever removed."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, "risk")
    if risk.archived != archived:
        risk.archived = archived
        touch(risk)
        session.add(risk)
        alerts.sync_appetite_alert(session, risk, get_matrix(session=session), today)
        commit(session, "risk")
    return get_risk(session=session, risk_id=risk_id, today=today)


def set_risks_archived(*, session: Session, risk_ids: Sequence[int], archived: bool, today: date | None = None) -> int:
    """Archive or restore several risks in one transaction; returns how many changed."""
    today = today or date.today()
    matrix = get_matrix(session=session)
    # Every id is checked before any risk changes: a missing one must leave nothing pending.
    records = [get_or_raise(session, Risk, risk_id, "risk") for risk_id in risk_ids]
    changed = 0
    for risk in records:
        if risk.archived != archived:
            risk.archived = archived
            touch(risk)
            session.add(risk)
            alerts.sync_appetite_alert(session, risk, matrix, today)
            changed += 1
    commit(session, "risk")
    return changed


@dataclass
class BulkChange:
    """Fields to set on many risks at once; None leaves a field alone."""

    owner: str | None = None
    department_id: int | None = None
    status: str | None = None
    next_review: date | None = None


def bulk_update(*, session: Session, risk_ids: Sequence[int], change: BulkChange, today: date | None = None) -> int:
    """Apply one change to several risks, all or nothing; returns how many risks changed."""
    today = today or date.today()
    errors = FieldErrors()
    if not risk_ids:
        errors.add("__all__", "Select at least one risk.")
    if change.owner is not None and len(change.owner.strip()) > 120:
        errors.add("owner", "The owner's name is too long (at most 120 characters).")
    if change.department_id is not None and session.get(Department, change.department_id) is None:
        errors.add("department_id", "Choose a department.")
    errors.check_choice("status", change.status, RiskStatus, "The status", optional=True)
    if change.next_review is not None and not _is_day(change.next_review):
        errors.add("next_review", "The next review must be a date.")
    if all(value is None for value in vars(change).values()):
        errors.add("__all__", "Choose at least one field to change.")
    errors.raise_if_any()
    matrix = get_matrix(session=session)
    # Every id is checked before any risk changes: a missing one must leave nothing pending.
    records = [get_or_raise(session, Risk, risk_id, "risk") for risk_id in risk_ids]
    changed = 0
    for risk in records:
        before = (risk.owner, risk.department_id, risk.status, risk.next_review)
        if change.owner is not None:
            risk.owner = change.owner.strip()
        if change.department_id is not None:
            risk.department_id = change.department_id
        if change.status is not None:
            risk.status = change.status
        if change.next_review is not None:
            risk.next_review = change.next_review
        if before != (risk.owner, risk.department_id, risk.status, risk.next_review):
            touch(risk)
            session.add(risk)
            alerts.sync_appetite_alert(session, risk, matrix, today)
            changed += 1
    commit(session, "risk")
    return changed


# Counts for the dashboard and the heatmap -----------------------------------------------


def _active(statement):
    return statement.where(Risk.archived == False, Risk.status != RiskStatus.CLOSED.value)  # noqa: E712


def count_by_level(*, session: Session, kind: str = "residual") -> dict[str, int]:
    """Active risks per level band code of the given assessment kind."""
    column = getattr(Risk, f"{kind}_level")
    statement = _active(select(column, func.count()).group_by(column)).where(column != None)  # noqa: E711
    return {level: count for level, count in session.exec(statement)}


def heatmap_counts(
    *,
    session: Session,
    kind: str,
    department_id: int | None = None,
    category_id: int | None = None,
) -> dict[tuple[int, int], int]:
    """Active risks per (likelihood, impact) cell for one assessment kind."""
    if kind not in KINDS:
        raise ValidationError({"kind": f"The assessment kind must be one of {', '.join(KINDS)}."})
    likelihood = getattr(Risk, f"{kind}_likelihood")
    impact = getattr(Risk, f"{kind}_impact")
    statement = _active(select(likelihood, impact, func.count()).group_by(likelihood, impact))
    statement = statement.where(likelihood != None, impact != None)  # noqa: E711
    if department_id is not None:
        statement = statement.where(Risk.department_id == department_id)
    if category_id is not None:
        statement = statement.where(Risk.category_id == category_id)
    return {(l, i): n for l, i, n in session.exec(statement)}  # noqa: E741


def risks_in_cell(
    *,
    session: Session,
    kind: str,
    likelihood: int,
    impact: int,
    department_id: int | None = None,
    category_id: int | None = None,
    today: date | None = None,
) -> list[RiskRead]:
    """The active risks whose current assessment of a kind falls in one matrix cell."""
    statement = _active(_query()).where(
        getattr(Risk, f"{kind}_likelihood") == likelihood, getattr(Risk, f"{kind}_impact") == impact
    )
    if department_id is not None:
        statement = statement.where(Risk.department_id == department_id)
    if category_id is not None:
        statement = statement.where(Risk.category_id == category_id)
    matrix = get_matrix(session=session)
    actions = open_action_counts_by_risk(session=session)
    today = today or date.today()
    return [_read_from_row(r, matrix, today, actions.get(r[0], 0)) for r in session.exec(statement.order_by(Risk.code))]


def top_risks(*, session: Session, limit: int = 10, today: date | None = None) -> list[RiskRead]:
    """The active risks with the highest residual score (inherent where not yet treated)."""
    score = func.coalesce(Risk.residual_score, Risk.inherent_score)
    statement = _active(_query()).where(score != None).order_by(score.desc(), Risk.code).limit(limit)  # noqa: E711
    matrix = get_matrix(session=session)
    actions = open_action_counts_by_risk(session=session)
    today = today or date.today()
    return [_read_from_row(r, matrix, today, actions.get(r[0], 0)) for r in session.exec(statement)]


def count_review_due(*, session: Session, today: date | None = None) -> int:
    today = today or date.today()
    rows = session.exec(
        _active(select(Risk.next_review, Risk.strategy, Risk.acceptance_expires))
    ).all()
    return sum(1 for row in rows if is_review_due(*row, today))


def count_above_appetite(*, session: Session) -> int:
    matrix = get_matrix(session=session)
    levels = Counter(count_by_level(session=session, kind="residual"))
    # A level that is not a band of the matrix (written outside OpsDesk) cannot be judged: check lists it.
    return sum(n for level, n in levels.items() if matrix.has_level(level) and matrix.is_above_appetite(level))

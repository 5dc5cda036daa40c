"""Improvement suggestions: submit, review, accept or reject, implement, reward; the leaderboard."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, or_
from sqlmodel import Session, select

from opsdesk.domain.catalogue import Term, show_value, text
from opsdesk.domain.enums import SuggestionStatus
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.domain.periods import parse_quarter, quarter_bounds
from opsdesk.services.common import check_version, flush, get_or_raise, next_code
from opsdesk.services.record_types import collector_paused, row_builder
from opsdesk.store.models import Department, Suggestion

S = SuggestionStatus

# The workflow: where a suggestion may go from each status. Rejected and implemented are final.
ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    S.SUBMITTED.value: (S.UNDER_REVIEW.value, S.REJECTED.value),
    S.UNDER_REVIEW.value: (S.ACCEPTED.value, S.REJECTED.value),
    S.ACCEPTED.value: (S.IMPLEMENTED.value,),
    S.REJECTED.value: (),
    S.IMPLEMENTED.value: (),
}

# The largest whole number every database stores in an integer column (PostgreSQL's integer).
MAX_REWARD_POINTS = 2**31 - 1
_REVIEW_MOVES = (S.UNDER_REVIEW.value, S.ACCEPTED.value, S.REJECTED.value)
_REWARD_MOVES = (S.ACCEPTED.value, S.IMPLEMENTED.value)


def allowed_moves(status: str) -> tuple[str, ...]:
    """The statuses a suggestion in `status` may move to (empty for final or unknown statuses)."""
    return ALLOWED_MOVES.get(status, ())


@dataclass
class SuggestionInput:
    title: str
    submitter: str
    department_id: int
    description: str = ""
    expected_benefit: str = ""
    estimated_cost: float | None = None
    submitted_on: date | None = None  # today when not given


@dataclass(frozen=True, slots=True)
class SuggestionRead:
    id: int
    code: str
    title: str
    submitter: str
    department_id: int
    department: str
    submitted_on: date
    description: str
    expected_benefit: str
    estimated_cost: float | None
    status: str
    reviewer: str | None
    reviewed_on: date | None
    decision_note: str
    reward_points: int | None
    reward_amount: float | None
    realised_benefit: str
    implemented_on: date | None
    archived: bool
    version: int


@dataclass(frozen=True, slots=True)
class LeaderboardRow:
    """One contributor or department: accepted counts accepted and implemented suggestions."""

    name: str
    submitted: int
    accepted: int
    implemented: int
    reward_points: int
    reward_amount: float


@dataclass(frozen=True, slots=True)
class Leaderboard:
    """Suggestions submitted in a quarter; acceptance_rate is a fraction 0..1 of decided ones."""

    quarter: str
    contributors: tuple[LeaderboardRow, ...]
    departments: tuple[LeaderboardRow, ...]
    acceptance_rate: float | None
    received: int
    implemented: int


# Reading ----------------------------------------------------------------------------------


def _listing_statement() -> Any:
    """Every column of a suggestion and its department's name, as plain rows (no ORM objects)."""
    return select(*Suggestion.__table__.columns, Department.name.label("department")).join(  # type: ignore[attr-defined]
        Department, Department.id == Suggestion.department_id
    )


def _reads(session: Session, statement: Any) -> list[SuggestionRead]:
    """SuggestionReads from the plain rows of a `_listing_statement()`, each field by its column's name.

    10,000 suggestions load as rows in a fifth of the time ORM objects took, and the worker holds
    the interpreter that much less while the window paints.
    """
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    with collector_paused():
        result = session.connection().execute(statement)
        build = row_builder(SuggestionRead, tuple(result.keys()))
        return [build(row) for row in result.all()]


def _read_one(session: Session, suggestion: Suggestion) -> SuggestionRead:
    return _reads(session, _listing_statement().where(Suggestion.id == suggestion.id))[0]


def get_suggestion(*, session: Session, suggestion_id: int) -> SuggestionRead:
    """One suggestion."""
    return _read_one(session, get_or_raise(session, Suggestion, suggestion_id, "suggestion"))


def list_suggestions(
    *,
    session: Session,
    status: str | None = None,
    department_id: int | None = None,
    submitter: str | None = None,
    include_archived: bool = False,
    dated_between: tuple[date, date] | None = None,
) -> list[SuggestionRead]:
    """Suggestions matching the filters, in code order.

    `dated_between=(first, last)`: only those submitted, reviewed or implemented on a day of it
    (a quarter's report reads its own instead of every suggestion of the register).
    """
    statement = _listing_statement()
    if status is not None:
        statement = statement.where(Suggestion.status == status)
    if department_id is not None:
        statement = statement.where(Suggestion.department_id == department_id)
    if submitter is not None:
        # Names are typed by hand: match regardless of case and surrounding spaces.
        statement = statement.where(func.lower(Suggestion.submitter) == submitter.strip().lower())
    if not include_archived:
        statement = statement.where(Suggestion.archived == False)  # noqa: E712
    if dated_between is not None:
        first, last = dated_between
        statement = statement.where(
            or_(*(day.between(first, last) for day in (
                Suggestion.submitted_on, Suggestion.reviewed_on, Suggestion.implemented_on,
            )))
        )  # fmt: skip
    return _reads(session, statement.order_by(Suggestion.id))


def count_waiting_for_review(*, session: Session) -> int:
    """Suggestions submitted or under review (archived ones left out)."""
    statement = (
        select(func.count())
        .select_from(Suggestion)
        .where(
            Suggestion.archived == False,  # noqa: E712
            Suggestion.status.in_((S.SUBMITTED.value, S.UNDER_REVIEW.value)),
        )
    )
    return int(session.exec(statement).one())


# Writing ----------------------------------------------------------------------------------


def _is_number(value: object) -> bool:
    return is_storable_number(value)


def _is_day(value: object) -> bool:
    # A datetime is a date too, but cannot be compared with one.
    return isinstance(value, date) and not isinstance(value, datetime)


# The free texts of a suggestion and their limits.
TEXT_LIMITS = {"title": 200, "submitter": 120, "description": 5000, "expected_benefit": 5000}


def _named(errors: FieldErrors, field: str, code: str, **params: object) -> None:
    """A general sentence ("{field} is required") given the field's name from the catalogue."""
    errors.extend([Problem(field, code, params, record="suggestion")])


def suggestion_problems(data: SuggestionInput, today: date) -> list[Problem]:
    """Every problem of a suggestion's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()
    for name, limit in TEXT_LIMITS.items():
        written = (getattr(data, name) or "").strip()
        if not written and name in ("title", "submitter"):
            _named(errors, name, "required")
        elif len(written) > limit:
            _named(errors, name, "too_long", count=len(written), limit=limit)
    if data.department_id is None:
        errors.add("department_id", "suggestion.department_required")
    if data.estimated_cost is not None:
        if not _is_number(data.estimated_cost):
            errors.add("estimated_cost", "suggestion.cost_not_a_number")
        elif data.estimated_cost < 0:
            errors.add("estimated_cost", "suggestion.cost_negative")
    if data.submitted_on is not None:
        if not _is_day(data.submitted_on):
            errors.add("submitted_on", "suggestion.submitted_not_a_date")
        elif data.submitted_on > today:
            errors.add("submitted_on", "suggestion.submitted_in_future")
    return errors.problems


def _validate(
    session: Session, data: SuggestionInput, today: date, current_department: int | None = None
) -> dict[str, object]:
    errors = FieldErrors()
    errors.extend(suggestion_problems(data, today))
    values: dict[str, object] = {name: (getattr(data, name) or "").strip() for name in TEXT_LIMITS}
    values["department_id"] = data.department_id
    department = session.get(Department, data.department_id) if data.department_id is not None else None
    if department is None and data.department_id is not None:
        errors.add("department_id", "not_found", what=Term.record("department"), id=data.department_id)
    elif department is not None and department.archived and department.id != current_department:
        errors.add("department_id", "suggestion.department_archived", name=department.name)
    values["estimated_cost"] = None if data.estimated_cost is None else data.estimated_cost
    errors.raise_if_any()
    if values["estimated_cost"] is not None:
        values["estimated_cost"] = float(values["estimated_cost"])
    return values


def submit_suggestion(
    *, session: Session, data: SuggestionInput, today: date | None = None
) -> SuggestionRead:
    """Record a new suggestion (status submitted) with the next S code."""
    today = today or date.today()
    values = _validate(session, data, today)
    suggestion = Suggestion(
        code=next_code(session, "S"),
        submitted_on=data.submitted_on or today,
        status=S.SUBMITTED.value,
        **values,
    )
    session.add(suggestion)
    flush(session, "suggestion")
    return _read_one(session, suggestion)


def update_suggestion(
    *,
    session: Session,
    suggestion_id: int,
    data: SuggestionInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> SuggestionRead:
    """Change what a suggestion says (not its review, status or reward)."""
    today = today or date.today()
    suggestion = get_or_raise(session, Suggestion, suggestion_id, "suggestion")
    check_version(suggestion, expected_version, "suggestion")
    values = _validate(session, data, today, current_department=suggestion.department_id)
    if data.submitted_on is not None:
        if suggestion.reviewed_on is not None and data.submitted_on > suggestion.reviewed_on:
            raise ValidationError(
                Problem("submitted_on", "suggestion.submitted_after_review", {"day": suggestion.reviewed_on})
            )
        values["submitted_on"] = data.submitted_on
    for name, value in values.items():
        if getattr(suggestion, name) != value:
            setattr(suggestion, name, value)
    session.add(suggestion)
    flush(session, "suggestion")
    return _read_one(session, suggestion)


def set_suggestion_archived(
    *, session: Session, suggestion_id: int, archived: bool, expected_version: int | None = None
) -> SuggestionRead:
    """Archive (or restore) a suggestion; nothing is deleted."""
    suggestion = get_or_raise(session, Suggestion, suggestion_id, "suggestion")
    check_version(suggestion, expected_version, "suggestion")
    if suggestion.archived != archived:
        suggestion.archived = archived
        session.add(suggestion)
        flush(session, "suggestion")
    return _read_one(session, suggestion)


def _check_rewards(
    errors: FieldErrors, suggestion: Suggestion, to_status: str, points: int | None, amount: float | None
) -> None:
    if (points is not None or amount is not None) and to_status not in _REWARD_MOVES:
        errors.add("reward_points" if points is not None else "reward_amount", "suggestion.reward_not_now")
        return
    if points is not None:
        if isinstance(points, bool) or not isinstance(points, int):
            errors.add("reward_points", "suggestion.points_not_whole")
        elif points < 0:
            errors.add("reward_points", "suggestion.points_negative")
        elif points > MAX_REWARD_POINTS:
            errors.add("reward_points", "suggestion.points_too_many", limit=f"{MAX_REWARD_POINTS:,}")
        elif (
            to_status == S.IMPLEMENTED
            and suggestion.reward_points is not None
            and points < suggestion.reward_points
        ):
            errors.add("reward_points", "suggestion.points_only_raised", points=suggestion.reward_points)
    if amount is not None:
        if not _is_number(amount):
            errors.add("reward_amount", "suggestion.amount_not_a_number")
        elif amount < 0:
            errors.add("reward_amount", "suggestion.amount_negative")
        elif (
            to_status == S.IMPLEMENTED
            and suggestion.reward_amount is not None
            and amount < suggestion.reward_amount
        ):
            errors.add(
                "reward_amount", "suggestion.amount_only_raised", amount=float(suggestion.reward_amount)
            )


def move_problems(
    suggestion: object,
    to_status: str,
    *,
    reviewer: str | None,
    note: str,
    reward_points: int | None,
    reward_amount: float | None,
    realised_benefit: str,
    on: object,
    today: date,
) -> list[Problem]:
    """What is wrong with moving a suggestion (a Suggestion or its SuggestionRead) to another status.

    The move dialog checks the same as you type; `move_suggestion` adds nothing to it but the
    reviewer's default (the signed-in user).
    """
    errors = FieldErrors()
    statuses = [member.value for member in SuggestionStatus]
    current_status = suggestion.status  # type: ignore[attr-defined]
    if to_status not in statuses:
        _named(errors, "status", "not_a_choice", value=to_status, choices=", ".join(statuses))
        return errors.problems
    if to_status not in allowed_moves(current_status):
        options = [Term("suggestion_status", s) for s in allowed_moves(current_status)]
        current, wanted = Term("suggestion_status", current_status), Term("suggestion_status", to_status)
        code = "suggestion.cannot_move_to" if options else "suggestion.cannot_move_final"
        alternatives = text("suggestion.or_separator").join(show_value(option) for option in options)
        errors.add(
            "status", code, code_of=suggestion.code, current=current, wanted=wanted, options=alternatives
        )  # type: ignore[attr-defined]
        return errors.problems
    submitted_on, reviewed_on = suggestion.submitted_on, suggestion.reviewed_on  # type: ignore[attr-defined]
    clean_note = (note or "").strip()
    if not _is_day(on):
        errors.add("on", "suggestion.on_not_a_date")
    elif on > today:  # type: ignore[operator]
        errors.add("on", "suggestion.on_in_future")
    elif on < submitted_on:  # type: ignore[operator]
        errors.add("on", "suggestion.on_before_submitted", day=submitted_on)
    elif reviewed_on is not None and on < reviewed_on:  # type: ignore[operator]
        errors.add("on", "suggestion.on_before_review", day=reviewed_on)
    if len(clean_note) > 5000:
        errors.add("note", "suggestion.note_too_long", count=len(clean_note), limit=5000)
    if to_status in _REVIEW_MOVES:
        name = (reviewer or "").strip()
        if not name:
            errors.add("reviewer", "suggestion.reviewer_required")
        elif len(name) > 120:
            errors.add("reviewer", "suggestion.reviewer_too_long", count=len(name), limit=120)
    if to_status == S.REJECTED and not clean_note:
        errors.add("note", "suggestion.reject_needs_reason")
    benefit = (realised_benefit or "").strip()
    if to_status == S.IMPLEMENTED:
        if not benefit:
            errors.add("realised_benefit", "suggestion.benefit_required")
        elif len(benefit) > 5000:
            errors.add("realised_benefit", "suggestion.benefit_too_long", count=len(benefit), limit=5000)
    elif benefit:
        errors.add("realised_benefit", "suggestion.benefit_only_when_implemented")
    _check_rewards(errors, suggestion, to_status, reward_points, reward_amount)  # type: ignore[arg-type]
    return errors.problems


def move_suggestion(
    *,
    session: Session,
    suggestion_id: int,
    to_status: str,
    reviewer: str | None = None,
    note: str = "",
    reward_points: int | None = None,
    reward_amount: float | None = None,
    realised_benefit: str = "",
    on: date | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> SuggestionRead:
    """Move a suggestion along its workflow, recording the review, the reward or the realised benefit."""
    today = today or date.today()
    suggestion = get_or_raise(session, Suggestion, suggestion_id, "suggestion")
    check_version(suggestion, expected_version, "suggestion")
    on = on or today
    if to_status in _REVIEW_MOVES and reviewer is None:
        reviewer = str(session.info.get("user") or "")
    problems = move_problems(
        suggestion, to_status, reviewer=reviewer, note=note, reward_points=reward_points,
        reward_amount=reward_amount, realised_benefit=realised_benefit, on=on, today=today,
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    clean_note = (note or "").strip()
    reviewer_name = (reviewer or "").strip()
    benefit = (realised_benefit or "").strip()

    suggestion.status = to_status
    if to_status in _REVIEW_MOVES:
        suggestion.reviewer = reviewer_name
        suggestion.reviewed_on = on
    if clean_note:
        suggestion.decision_note = clean_note
    if reward_points is not None:
        suggestion.reward_points = reward_points
    if reward_amount is not None:
        suggestion.reward_amount = float(reward_amount)
    if to_status == S.IMPLEMENTED:
        suggestion.realised_benefit = benefit
        suggestion.implemented_on = on
    session.add(suggestion)
    flush(session, "suggestion")
    return _read_one(session, suggestion)


# Leaderboard ------------------------------------------------------------------------------


def _rows(totals: dict[str, list[float]]) -> tuple[LeaderboardRow, ...]:
    rows = [
        LeaderboardRow(name, int(t[0]), int(t[1]), int(t[2]), int(t[3]), float(t[4]))
        for name, t in totals.items()
    ]
    rows.sort(key=lambda r: (-r.implemented, -r.accepted, -r.submitted, r.name.casefold(), r.name))
    return tuple(rows)


def leaderboard(*, session: Session, quarter: str, start_month: int = 1) -> Leaderboard:
    """Who and which departments contributed the suggestions submitted in a (fiscal) quarter."""
    parsed = parse_quarter(quarter, start_month)
    first, last = quarter_bounds(parsed)
    statement = (
        select(
            Suggestion.submitter,
            Department.name,
            Suggestion.status,
            Suggestion.reward_points,
            Suggestion.reward_amount,
        )
        .join(Department, Department.id == Suggestion.department_id)
        .where(
            Suggestion.archived == False,  # noqa: E712
            Suggestion.submitted_on >= first,
            Suggestion.submitted_on <= last,
        )
    )
    # [submitted, accepted (incl. implemented), implemented, points, amount] per name.
    people: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    departments: dict[str, list[float]] = defaultdict(lambda: [0, 0, 0, 0, 0.0])
    received = implemented = rejected = 0
    for submitter, department, status, points, amount in session.exec(statement):
        received += 1
        is_accepted = status in (S.ACCEPTED, S.IMPLEMENTED)
        is_implemented = status == S.IMPLEMENTED
        implemented += is_implemented
        rejected += status == S.REJECTED
        for totals in (people[submitter], departments[department]):
            totals[0] += 1
            totals[1] += is_accepted
            totals[2] += is_implemented
            totals[3] += points or 0
            totals[4] += amount or 0.0
    accepted = sum(int(t[1]) for t in people.values())
    decided = accepted + rejected
    return Leaderboard(
        quarter=parsed.label,
        contributors=_rows(people),
        departments=_rows(departments),
        acceptance_rate=accepted / decided if decided else None,
        received=received,
        implemented=implemented,
    )

"""Actions: tasks with an owner and a due date, linked to a risk, nonconformity, suggestion or meeting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, func
from sqlmodel import Session, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.enums import ActionKind, ActionStatus
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.figures import action_overdue_on
from opsdesk.domain.numbers import is_storable_number
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.services.record_types import collector_paused, row_builder
from opsdesk.store.models import Action, Department, Meeting, Nonconformity, Risk, Suggestion

# Statuses after which an action can no longer be late.
CLOSED_STATUSES = (ActionStatus.DONE.value, ActionStatus.CANCELLED.value)
# The others: an action still open.
OPEN_STATUSES = tuple(status.value for status in ActionStatus if status.value not in CLOSED_STATUSES)

# The link fields, with the table each points to and how the user calls it.
_LINKS: tuple[tuple[str, type, str], ...] = (
    ("risk_id", Risk, "risk"),
    ("nonconformity_id", Nonconformity, "nonconformity"),
    ("suggestion_id", Suggestion, "suggestion"),
    ("meeting_id", Meeting, "meeting"),
)


@dataclass
class ActionInput:
    title: str
    owner: str = ""
    due_date: date | None = None
    status: str = "planned"  # ActionStatus
    completed_on: date | None = None
    cost: float | None = None
    note: str = ""
    kind: str = "mitigation"  # ActionKind
    risk_id: int | None = None
    nonconformity_id: int | None = None
    suggestion_id: int | None = None
    meeting_id: int | None = None


@dataclass(frozen=True, slots=True)
class ActionRead:
    id: int
    title: str
    kind: str
    owner: str
    due_date: date | None
    status: str
    completed_on: date | None
    cost: float | None
    note: str
    risk_id: int | None
    nonconformity_id: int | None
    suggestion_id: int | None
    meeting_id: int | None
    version: int
    overdue: bool
    source: str  # "R-0003" / "NC-0002" / "S-0004" / "Meeting 2026-03-12" / ""
    source_title: str
    department: str  # the linked risk's, nonconformity's or suggestion's department, "" if none
    archived: bool = False


def is_overdue(status: str, due_date: date | None, today: date) -> bool:
    """An action is overdue when it is neither done nor cancelled and its due date has passed (domain.figures)."""
    return action_overdue_on(today, status=status, due_date=due_date)


def _is_number(value: object) -> bool:
    """A finite int or float within the stored bounds (bool is not a number here)."""
    return is_storable_number(value)


def action_problems(data: ActionInput, today: date | None = None) -> list[Problem]:
    """Every problem of an action's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()  # the action's own sentences name their field; the general ones are given its name

    def named(field: str, code: str, **params: object) -> None:
        errors.extend([Problem(field, code, params, record="action")])

    title = (data.title or "").strip()
    if not title:
        named("title", "required")
    elif len(title) > 200:
        named("title", "too_long", count=len(title), limit=200)
    if len((data.owner or "").strip()) > 120:
        errors.add("owner", "action.owner_too_long")
    if len(data.note or "") > 4000:
        errors.add("note", "action.note_too_long")
    for field, choices in (("status", ActionStatus), ("kind", ActionKind)):
        codes = [member.value for member in choices]
        if getattr(data, field) not in codes:
            named(field, "not_a_choice", value=getattr(data, field), choices=", ".join(codes))
    # A datetime is a date too, but cannot be compared with one.
    if data.due_date is not None and (
        not isinstance(data.due_date, date) or isinstance(data.due_date, datetime)
    ):
        errors.add("due_date", "action.due_not_a_date")
    if data.completed_on is not None:
        if not isinstance(data.completed_on, date) or isinstance(data.completed_on, datetime):
            errors.add("completed_on", "action.completed_not_a_date")
        elif data.status != ActionStatus.DONE:
            errors.add("completed_on", "action.completed_not_done")
        elif today is not None and data.completed_on > today:
            errors.add("completed_on", "action.completed_in_future")
    if data.cost is not None:
        if not _is_number(data.cost):
            errors.add("cost", "action.cost_not_a_number")
        elif data.cost < 0:
            errors.add("cost", "action.cost_negative")
    linked = [field for field, _model, _label in _LINKS if getattr(data, field) is not None]
    if len(linked) > 1:
        errors.add(linked[1], "action.one_link")
    return errors.problems


def validate_action(
    data: ActionInput, errors: FieldErrors, prefix: str = "", today: date | None = None
) -> None:
    """Add a problem per invalid field of an action (prefix e.g. "actions[0]." for nested forms)."""
    errors.extend(action_problems(data, today), prefix)


def _validated(
    session: Session, data: ActionInput, today: date, prefix: str = ""
) -> tuple[str, str, str, date | None]:
    """Validate everything, including that the linked record exists; return cleaned values."""
    errors = FieldErrors()
    validate_action(data, errors, prefix, today)
    for field, model, label in _LINKS:
        link_id = getattr(data, field)
        if link_id is not None and f"{prefix}{field}" not in errors.errors:
            if session.get(model, link_id) is None:
                errors.add(f"{prefix}{field}", "not_found", what=Term.record(label), id=link_id)
    errors.raise_if_any()
    completed_on = data.completed_on
    if data.status == ActionStatus.DONE and completed_on is None:
        completed_on = today
    return data.title.strip(), (data.owner or "").strip(), data.note or "", completed_on


def _apply(
    action: Action, data: ActionInput, title: str, owner: str, note: str, completed_on: date | None
) -> None:
    action.title = title
    action.owner = owner
    action.note = note
    action.kind = data.kind
    action.status = data.status
    action.due_date = data.due_date
    action.completed_on = completed_on
    action.cost = None if data.cost is None else float(data.cost)
    for field, _model, _label in _LINKS:
        setattr(action, field, getattr(data, field))


def new_action_row(session: Session, data: ActionInput, today: date, prefix: str = "") -> Action:
    """Validate and add an action to the session without committing (for other services' transactions)."""
    title, owner, note, completed_on = _validated(session, data, today, prefix)
    action = Action(title=title)
    _apply(action, data, title, owner, note, completed_on)
    session.add(action)
    return action


def add_action(*, session: Session, data: ActionInput, today: date | None = None) -> ActionRead:
    """Create an action (a done action without a completion date is completed today)."""
    today = today or date.today()
    action = new_action_row(session, data, today)
    flush(session, "action")
    return _read_one(session, action.id, today)


def update_action(
    *,
    session: Session,
    action_id: int,
    data: ActionInput,
    expected_version: int | None = None,
    today: date | None = None,
) -> ActionRead:
    """Replace an action's fields, refusing an edit made on a stale copy."""
    today = today or date.today()
    action = get_or_raise(session, Action, action_id, "action")
    check_version(action, expected_version, "action")
    title, owner, note, completed_on = _validated(session, data, today)
    _apply(action, data, title, owner, note, completed_on)
    session.add(action)
    flush(session, "action")
    return _read_one(session, action_id, today)


def complete_action(
    *,
    session: Session,
    action_id: int,
    completed_on: date | None = None,
    expected_version: int | None = None,
) -> ActionRead:
    """Mark an action done, completed on the given date (today by default)."""
    today = date.today()
    action = get_or_raise(session, Action, action_id, "action")
    check_version(action, expected_version, "action")
    completed_on = completed_on or today
    if not isinstance(completed_on, date):
        raise ValidationError({"completed_on": "action.completed_not_a_date"})
    if completed_on > today:
        raise ValidationError({"completed_on": "action.completed_in_future"})
    action.status = ActionStatus.DONE.value
    action.completed_on = completed_on
    session.add(action)
    flush(session, "action")
    return _read_one(session, action_id, today)


def set_action_archived(*, session: Session, action_id: int, archived: bool) -> None:
    """Archive (hide) or restore an action; nothing is deleted."""
    action = get_or_raise(session, Action, action_id, "action")
    action.archived = archived
    session.add(action)
    flush(session, "action")


# Listing -------------------------------------------------------------------------------


@cache  # a statement is immutable (each .where makes a new one); building it is not free
def _listing_statement() -> Any:
    """One row per action with its source codes, title and department, via outer joins (no N+1)."""
    # At most one link is set, so coalescing picks the department of the one linked record.
    department_id = func.coalesce(Risk.department_id, Nonconformity.department_id, Suggestion.department_id)
    source_title = func.coalesce(Risk.title, Nonconformity.title, Suggestion.title, Meeting.title, "")
    return (
        select(
            Action.id,
            Action.title,
            Action.kind,
            Action.owner,
            Action.due_date,
            Action.status,
            Action.completed_on,
            Action.cost,
            Action.note,
            Action.risk_id,
            Action.nonconformity_id,
            Action.suggestion_id,
            Action.meeting_id,
            Action.version,
            Action.archived,
            Risk.code.label("risk_code"),
            Nonconformity.code.label("nc_code"),
            Suggestion.code.label("suggestion_code"),
            Meeting.held_on.label("meeting_held_on"),
            source_title.label("source_title"),
            func.coalesce(Department.name, "").label("department"),
        )
        .select_from(Action)
        .outerjoin(Risk, Risk.id == Action.risk_id)
        .outerjoin(Nonconformity, Nonconformity.id == Action.nonconformity_id)
        .outerjoin(Suggestion, Suggestion.id == Action.suggestion_id)
        .outerjoin(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(Department, Department.id == department_id)
    )


# Worked out by `_reads` for each row, not read from a column.
_WORKED_OUT = ("overdue", "source")


def _reads(session: Session, statement: Any, today: date) -> list[ActionRead]:
    """ActionReads from the plain rows of a `_listing_statement()`, each field by its column's name."""
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    with collector_paused():
        result = session.connection().execute(statement)
        build = row_builder(ActionRead, tuple(result.keys()), given=_WORKED_OUT)
        return [
            build(row, overdue=is_overdue(row.status, row.due_date, today), source=_source_of(row))
            for row in result.all()
        ]


def _source_of(row: Any) -> str:
    """What the action was raised from, as the lists show it: "R-0003", "NC-0002", "Meeting 2026-03-12"."""
    if row.risk_id is not None:
        return row.risk_code or ""
    if row.nonconformity_id is not None:
        return row.nc_code or ""
    if row.suggestion_id is not None:
        return row.suggestion_code or ""
    if row.meeting_id is not None and row.meeting_held_on is not None:
        return f"Meeting {row.meeting_held_on.isoformat()}"
    return ""


def _read_one(session: Session, action_id: int, today: date) -> ActionRead:
    (read,) = _reads(session, _listing_statement().where(Action.id == action_id), today)
    return read


def _open_clause() -> Any:
    return Action.status.not_in(CLOSED_STATUSES)


def _overdue_clause(today: date) -> Any:
    return and_(_open_clause(), Action.due_date.is_not(None), Action.due_date < today)


def list_actions(
    *,
    session: Session,
    risk_id: int | None = None,
    nonconformity_id: int | None = None,
    suggestion_id: int | None = None,
    meeting_id: int | None = None,
    owner: str | None = None,
    status: str | None = None,
    overdue_only: bool = False,
    open_only: bool = False,
    include_archived: bool = False,
    today: date | None = None,
) -> list[ActionRead]:
    """Actions matching the filters, by due date (undated last) then id, in one query."""
    today = today or date.today()
    statement = _listing_statement()
    for column, value in (
        (Action.risk_id, risk_id),
        (Action.nonconformity_id, nonconformity_id),
        (Action.suggestion_id, suggestion_id),
        (Action.meeting_id, meeting_id),
        (Action.status, status),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if owner is not None:
        # Owners are typed by hand: match regardless of case and surrounding spaces.
        statement = statement.where(func.lower(Action.owner) == owner.strip().lower())
    if overdue_only:
        statement = statement.where(_overdue_clause(today))
    if open_only:
        statement = statement.where(_open_clause())
    if not include_archived:
        statement = statement.where(Action.archived == False)  # noqa: E712
    statement = statement.order_by(Action.due_date.is_(None), Action.due_date, Action.id)
    return _reads(session, statement, today)


def count_overdue(*, session: Session, today: date | None = None) -> int:
    """How many non-archived actions are overdue."""
    today = today or date.today()
    statement = (
        select(func.count()).select_from(Action).where(_overdue_clause(today), Action.archived == False)  # noqa: E712
    )
    return int(session.exec(statement).one())


def _open_action_counts() -> Any:
    return (
        select(Action.risk_id, func.count().label("open_actions"))
        # The open statuses named (not "not closed": the same actions, the status column's CHECK allows
        # no other): the database finds them through the status index instead of visiting every action.
        .where(Action.risk_id.is_not(None), Action.status.in_(OPEN_STATUSES), Action.archived == False)  # noqa: E712
        .group_by(Action.risk_id)
    )


def open_action_counts_subquery() -> Any:
    """Open, non-archived actions per risk as a subquery (`risk_id`, `open_actions`) to join in a list."""
    return _open_action_counts().subquery("open_action_counts")


def open_action_counts_by_risk(*, session: Session, risk_id: int | None = None) -> dict[int, int]:
    """Open (planned or in progress), non-archived actions per risk id (or for one risk)."""
    statement = _open_action_counts()
    if risk_id is not None:
        # One risk: an indexed lookup instead of grouping every action in the register.
        statement = statement.where(Action.risk_id == risk_id)
    return {risk_id: int(count) for risk_id, count in session.exec(statement)}

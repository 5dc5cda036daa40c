"""Quality analysis meetings: minutes, decisions, the issues and objectives discussed, and actions."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.enums import ActionKind
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.services.actions import ActionInput, ActionRead, add_action
from opsdesk.services.common import check_version, flush, get_or_raise
from opsdesk.store.models import (
    Action,
    Meeting,
    MeetingNonconformity,
    MeetingObjective,
    Nonconformity,
    QualityObjective,
)

ACTION_TITLE_LENGTH = 200


@dataclass
class MeetingInput:
    held_on: date
    title: str
    attendees: list[str]
    agenda: str = ""
    minutes: str = ""
    decisions: list[str] = field(default_factory=list)
    nonconformity_ids: list[int] = field(default_factory=list)
    objective_ids: list[int] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class MeetingRead:
    """A meeting with its linked nonconformities (id, code, title) and objectives (id, name)."""

    id: int
    held_on: date
    title: str
    attendees: tuple[str, ...]
    agenda: str
    minutes: str
    decisions: tuple[str, ...]
    nonconformities: tuple[tuple[int, str, str], ...]
    objectives: tuple[tuple[int, str], ...]
    action_count: int
    archived: bool
    version: int


# Reading ----------------------------------------------------------------------------------


def _reads(session: Session, meetings: list[Meeting]) -> list[MeetingRead]:
    """Build the reads with one query per kind of link, whatever the number of meetings."""
    ids = [m.id for m in meetings]
    ncs: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
    objectives: dict[int, list[tuple[int, str]]] = defaultdict(list)
    counts: dict[int, int] = {}
    if ids:
        nc_rows = session.exec(
            select(MeetingNonconformity.meeting_id, Nonconformity.id, Nonconformity.code, Nonconformity.title)
            .join(Nonconformity, Nonconformity.id == MeetingNonconformity.nonconformity_id)
            .where(MeetingNonconformity.meeting_id.in_(ids))
            .order_by(Nonconformity.code)
        )
        for meeting_id, nc_id, code, title in nc_rows:
            ncs[meeting_id].append((nc_id, code, title))
        objective_rows = session.exec(
            select(MeetingObjective.meeting_id, QualityObjective.id, QualityObjective.name)
            .join(QualityObjective, QualityObjective.id == MeetingObjective.objective_id)
            .where(MeetingObjective.meeting_id.in_(ids))
            .order_by(QualityObjective.name)
        )
        for meeting_id, objective_id, name in objective_rows:
            objectives[meeting_id].append((objective_id, name))
        count_rows = session.exec(
            select(Action.meeting_id, func.count())
            .where(Action.meeting_id.in_(ids), Action.archived == False)  # noqa: E712
            .group_by(Action.meeting_id)
        )
        counts = {meeting_id: int(n) for meeting_id, n in count_rows}
    return [
        MeetingRead(
            id=m.id,
            held_on=m.held_on,
            title=m.title,
            attendees=tuple(json.loads(m.attendees or "[]")),
            agenda=m.agenda,
            minutes=m.minutes,
            decisions=tuple(json.loads(m.decisions or "[]")),
            nonconformities=tuple(ncs[m.id]),
            objectives=tuple(objectives[m.id]),
            action_count=counts.get(m.id, 0),
            archived=m.archived,
            version=m.version,
        )
        for m in meetings
    ]


def get_meeting(*, session: Session, meeting_id: int) -> MeetingRead:
    """One meeting with its links and action count."""
    return _reads(session, [get_or_raise(session, Meeting, meeting_id, "meeting")])[0]


def list_meetings(*, session: Session, include_archived: bool = False) -> list[MeetingRead]:
    """Meetings, the most recent first."""
    statement = select(Meeting).order_by(Meeting.held_on.desc(), Meeting.id.desc())
    if not include_archived:
        statement = statement.where(Meeting.archived == False)  # noqa: E712
    return _reads(session, list(session.exec(statement)))


# Writing ----------------------------------------------------------------------------------


def _clean_list(
    items: list[str] | None, field_name: str, code: str, limit: int, errors: FieldErrors
) -> list[str]:
    """Stripped, non-empty entries in order; duplicates (ignoring case) dropped."""
    cleaned: list[str] = []
    seen: set[str] = set()
    for item in items or []:
        text = str(item or "").strip()
        if not text or text.casefold() in seen:
            continue
        if len(text) > limit:
            errors.add(field_name, code, number=len(cleaned) + 1, count=len(text), limit=limit)
        seen.add(text.casefold())
        cleaned.append(text)
    return cleaned


def _existing_ids(
    session: Session, model: type, ids: list[int] | None, field_name: str, record: str, errors: FieldErrors
) -> list[int]:
    unique = list(dict.fromkeys(ids or []))
    if unique:
        # Only whole numbers within SQLite's integers can be ids; anything else is simply missing.
        wanted = [i for i in unique if type(i) is int and -(2**63) <= i < 2**63]
        found = set(session.exec(select(model.id).where(model.id.in_(wanted)))) if wanted else set()
        missing = [str(i) for i in unique if i not in found]
        if missing:
            errors.add(field_name, "not_found", what=Term.record(record), id=", ".join(missing))
    return unique


def meeting_problems(data: MeetingInput) -> list[Problem]:
    """Every problem of a meeting's input that needs no database; the editor checks it as you type."""
    errors = FieldErrors()
    title = (data.title or "").strip()
    if not title:
        errors.extend([Problem("title", "required", record="meeting")])
    elif len(title) > 200:
        errors.extend([Problem("title", "too_long", {"count": len(title), "limit": 200}, record="meeting")])
    if not isinstance(data.held_on, date):
        errors.add("held_on", "meeting.date_required")
    if not _clean_list(data.attendees, "attendees", "meeting.attendee_too_long", 120, errors):
        errors.add("attendees", "meeting.attendees_required")
    _clean_list(data.decisions, "decisions", "meeting.decision_too_long", 2000, errors)
    for name in ("agenda", "minutes"):
        if len(getattr(data, name) or "") > 20000:
            errors.add(name, f"meeting.{name}_too_long")
    return errors.problems


def _validate(session: Session, data: MeetingInput) -> dict[str, object]:
    errors = FieldErrors()
    errors.extend(meeting_problems(data))
    title = (data.title or "").strip()
    scratch = FieldErrors()  # the lists were checked above; here they are only cleaned
    attendees = _clean_list(data.attendees, "attendees", "meeting.attendee_too_long", 120, scratch)
    decisions = _clean_list(data.decisions, "decisions", "meeting.decision_too_long", 2000, scratch)
    nc_ids = _existing_ids(
        session, Nonconformity, data.nonconformity_ids, "nonconformity_ids", "nonconformity", errors
    )
    objective_ids = _existing_ids(
        session, QualityObjective, data.objective_ids, "objective_ids", "objective", errors
    )
    errors.raise_if_any()
    return {
        "held_on": data.held_on,
        "title": title,
        "attendees": json.dumps(attendees, ensure_ascii=False),
        "agenda": data.agenda or "",
        "minutes": data.minutes or "",
        "decisions": json.dumps(decisions, ensure_ascii=False),
        "nonconformity_ids": nc_ids,
        "objective_ids": objective_ids,
    }


def _replace_links(session: Session, meeting_id: int, nc_ids: list[int], objective_ids: list[int]) -> None:
    """Make the link rows match the wanted sets, touching only the rows that change."""
    for model, column, wanted in (
        (MeetingNonconformity, "nonconformity_id", set(nc_ids)),
        (MeetingObjective, "objective_id", set(objective_ids)),
    ):
        current = {
            getattr(link, column): link
            for link in session.exec(select(model).where(model.meeting_id == meeting_id))
        }
        for linked_id, link in current.items():
            if linked_id not in wanted:
                session.delete(link)
        for linked_id in sorted(wanted - current.keys()):
            session.add(model(meeting_id=meeting_id, **{column: linked_id}))


def create_meeting(*, session: Session, data: MeetingInput) -> MeetingRead:
    """Record a meeting with its attendees, minutes, decisions and linked issues and objectives."""
    values = _validate(session, data)
    nc_ids = values.pop("nonconformity_ids")
    objective_ids = values.pop("objective_ids")
    meeting = Meeting(**values)
    session.add(meeting)
    session.flush()  # the id is needed by the link rows; still one transaction
    _replace_links(session, meeting.id, nc_ids, objective_ids)
    flush(session, "meeting")
    return get_meeting(session=session, meeting_id=meeting.id)


def update_meeting(
    *, session: Session, meeting_id: int, data: MeetingInput, expected_version: int | None = None
) -> MeetingRead:
    """Replace a meeting's fields and its linked issues and objectives in one transaction."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    check_version(meeting, expected_version, "meeting")
    values = _validate(session, data)
    nc_ids = values.pop("nonconformity_ids")
    objective_ids = values.pop("objective_ids")
    for name, value in values.items():
        if getattr(meeting, name) != value:
            setattr(meeting, name, value)
    session.add(meeting)
    _replace_links(session, meeting.id, nc_ids, objective_ids)
    flush(session, "meeting")
    return get_meeting(session=session, meeting_id=meeting.id)


def set_meeting_archived(
    *, session: Session, meeting_id: int, archived: bool, expected_version: int | None = None
) -> MeetingRead:
    """Archive (or restore) a meeting; nothing is deleted."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    check_version(meeting, expected_version, "meeting")
    if meeting.archived != archived:
        meeting.archived = archived
        session.add(meeting)
        flush(session, "meeting")
    return get_meeting(session=session, meeting_id=meeting.id)


def _action_title(decision: str) -> str:
    if len(decision) <= ACTION_TITLE_LENGTH:
        return decision
    return decision[: ACTION_TITLE_LENGTH - 1].rstrip() + "…"


def decision_owner_problems(owner: str | None) -> list[Problem]:
    """What is wrong with the owner of an action made from a meeting's decision."""
    text = (owner or "").strip()
    if not text:
        return [Problem("owner", "meeting.decision_owner_required")]
    if len(text) > 120:
        return [Problem("owner", "action.owner_too_long")]
    return []


def create_action_from_decision(
    *,
    session: Session,
    meeting_id: int,
    decision_index: int,
    owner: str,
    due_date: date | None,
    today: date | None = None,
) -> ActionRead:
    """Turn one decision of a meeting into an action (kind decision) linked to the meeting."""
    meeting = get_or_raise(session, Meeting, meeting_id, "meeting")
    decisions = json.loads(meeting.decisions or "[]")
    is_index = isinstance(decision_index, int) and not isinstance(decision_index, bool)
    if not is_index or not 0 <= decision_index < len(decisions):
        # Users count decisions from 1; the index is 0-based.
        shown = decision_index + 1 if is_index else decision_index
        raise ValidationError(
            Problem("decision_index", "meeting.no_such_decision", {"count": len(decisions), "number": shown})
        )
    problems = decision_owner_problems(owner)
    if problems:
        raise ValidationError(problems)
    clean_owner = owner.strip()
    decision = decisions[decision_index]
    title = _action_title(decision)
    data = ActionInput(
        title=title,
        owner=clean_owner,
        due_date=due_date,
        kind=ActionKind.DECISION.value,
        meeting_id=meeting.id,
        # A shortened title keeps the whole decision in the note.
        note="" if title == decision else decision,
    )
    return add_action(session=session, data=data, today=today)

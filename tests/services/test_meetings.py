"""Quality meetings: minutes, linked issues and objectives, decisions turned into actions."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services.actions import list_actions
from opsdesk.services.meetings import (
    MeetingInput,
    create_action_from_decision,
    create_meeting,
    get_meeting,
    list_meetings,
    set_meeting_archived,
    update_meeting,
)
from opsdesk.services.nonconformities import NcInput, create_nonconformity
from opsdesk.services.settings import department_id
from opsdesk.store.models import (
    Action,
    AuditEntry,
    Meeting,
    MeetingNonconformity,
    MeetingObjective,
    QualityObjective,
)

TODAY = date(2026, 3, 20)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


@pytest.fixture
def linked(session: Session) -> dict[str, int]:
    """Two nonconformities and two quality objectives to link meetings to."""
    ids: dict[str, int] = {}
    for key, title in (("nc1", "Burr on housing edge"), ("nc2", "Wrong label")):
        ids[key] = create_nonconformity(
            session=session, data=NcInput(title=title, detected_on=date(2026, 3, 2)), today=TODAY
        ).id
    operations = department_id(session=session, name="Operations")
    for key, name in (("obj1", "First pass yield"), ("obj2", "Complaint rate")):
        objective = QualityObjective(name=name, department_id=operations, target=98.0)
        session.add(objective)
        session.commit()
        ids[key] = objective.id
    return ids


def meeting_input(linked: dict[str, int], **overrides: object) -> MeetingInput:
    values: dict[str, object] = {
        "held_on": date(2026, 3, 12),
        "title": "March quality review",
        "attendees": [" Li Wei ", "Chen", "", "chen"],
        "minutes": "Reviewed the yield drop.",
        "decisions": ["Replace the worn die set on press 4", "  ", "Add a die wear check to the daily round"],
        "nonconformity_ids": [linked["nc1"], linked["nc2"]],
        "objective_ids": [linked["obj1"]],
    }
    values.update(overrides)
    return MeetingInput(**values)


def test_create_stores_lists_and_links(session: Session, linked: dict[str, int]) -> None:
    meeting = create_meeting(session=session, data=meeting_input(linked))

    assert meeting.attendees == ("Li Wei", "Chen")
    assert meeting.decisions == (
        "Replace the worn die set on press 4",
        "Add a die wear check to the daily round",
    )
    assert meeting.nonconformities == (
        (linked["nc1"], "NC-0001", "Burr on housing edge"),
        (linked["nc2"], "NC-0002", "Wrong label"),
    )
    assert meeting.objectives == ((linked["obj1"], "First pass yield"),)
    assert (meeting.action_count, meeting.archived, meeting.version) == (0, False, 1)
    row = session.get(Meeting, meeting.id)
    assert row.attendees == '["Li Wei", "Chen"]'
    assert sorted(session.exec(select(MeetingNonconformity.nonconformity_id))) == sorted(
        [linked["nc1"], linked["nc2"]]
    )


def test_invalid_meeting_is_refused_and_nothing_written(session: Session, linked: dict[str, int]) -> None:
    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        create_meeting(
            session=session,
            data=meeting_input(
                linked, title=" ", attendees=["", " "], nonconformity_ids=[linked["nc1"], 998, 999]
            ),
        )
    assert caught.value.errors == {
        "title": "The meeting title is required.",
        "attendees": "At least one attendee is required.",
        "nonconformity_ids": "There is no nonconformity with id 998, 999.",
    }
    assert count(session, Meeting) == 0
    assert count(session, MeetingNonconformity) == 0
    assert count(session, AuditEntry) == audit_before


def test_update_replaces_the_link_sets(session: Session, linked: dict[str, int]) -> None:
    meeting = create_meeting(session=session, data=meeting_input(linked))
    updated = update_meeting(
        session=session,
        meeting_id=meeting.id,
        data=meeting_input(
            linked,
            title="March quality review (final)",
            nonconformity_ids=[linked["nc2"]],
            objective_ids=[linked["obj2"], linked["obj1"], linked["obj2"]],
        ),
        expected_version=1,
    )
    assert updated.title == "March quality review (final)"
    assert updated.version == 2
    assert updated.nonconformities == ((linked["nc2"], "NC-0002", "Wrong label"),)
    assert updated.objectives == ((linked["obj2"], "Complaint rate"), (linked["obj1"], "First pass yield"))
    assert list(session.exec(select(MeetingNonconformity.nonconformity_id))) == [linked["nc2"]]
    assert sorted(session.exec(select(MeetingObjective.objective_id))) == sorted(
        [linked["obj1"], linked["obj2"]]
    )
    unlinked = session.exec(
        select(AuditEntry.entity, AuditEntry.entity_id).where(AuditEntry.action == "delete")
    ).all()
    assert unlinked == [("meetingnonconformity", f"{meeting.id},{linked['nc1']}")]

    with pytest.raises(ConflictError):
        update_meeting(
            session=session,
            meeting_id=meeting.id,
            data=meeting_input(linked, nonconformity_ids=[]),
            expected_version=1,
        )
    assert list(session.exec(select(MeetingNonconformity.nonconformity_id))) == [linked["nc2"]]


def test_decision_becomes_an_action_in_one_step(session: Session, linked: dict[str, int]) -> None:
    long_decision = "Audit every supplier certificate " * 10
    meeting = create_meeting(
        session=session,
        data=meeting_input(linked, decisions=["Replace the worn die set on press 4", long_decision]),
    )
    action = create_action_from_decision(
        session=session,
        meeting_id=meeting.id,
        decision_index=0,
        owner="Li Wei",
        due_date=date(2026, 3, 31),
        today=TODAY,
    )
    assert (action.title, action.kind, action.owner, action.due_date, action.meeting_id, action.status) == (
        "Replace the worn die set on press 4",
        "decision",
        "Li Wei",
        date(2026, 3, 31),
        meeting.id,
        "planned",
    )
    assert action.source == "Meeting 2026-03-12"

    long_action = create_action_from_decision(
        session=session, meeting_id=meeting.id, decision_index=1, owner="Chen", due_date=None, today=TODAY
    )
    assert len(long_action.title) == 200
    assert long_action.title.endswith("…")
    assert long_action.note == long_decision.strip()

    listed = list_actions(session=session, meeting_id=meeting.id, today=TODAY)
    assert [a.id for a in listed] == [action.id, long_action.id]
    assert get_meeting(session=session, meeting_id=meeting.id).action_count == 2

    with pytest.raises(ValidationError) as caught:
        create_action_from_decision(
            session=session, meeting_id=meeting.id, decision_index=2, owner="Chen", due_date=None, today=TODAY
        )
    assert caught.value.errors == {
        "decision_index": "This meeting has 2 decisions; there is no decision number 3."
    }
    with pytest.raises(ValidationError) as caught:
        create_action_from_decision(
            session=session, meeting_id=meeting.id, decision_index=0, owner=" ", due_date=None, today=TODAY
        )
    assert caught.value.errors == {"owner": "The owner is required."}
    assert count(session, Action) == 2


def test_list_orders_recent_first_and_hides_archived(session: Session, linked: dict[str, int]) -> None:
    older = create_meeting(
        session=session, data=meeting_input(linked, held_on=date(2026, 1, 15), title="January")
    )
    newer = create_meeting(
        session=session, data=meeting_input(linked, held_on=date(2026, 2, 12), title="February")
    )
    assert [m.title for m in list_meetings(session=session)] == ["February", "January"]

    archived = set_meeting_archived(session=session, meeting_id=older.id, archived=True, expected_version=1)
    assert (archived.archived, archived.version) == (True, 2)
    assert [m.id for m in list_meetings(session=session)] == [newer.id]
    assert [m.id for m in list_meetings(session=session, include_archived=True)] == [newer.id, older.id]
    archive_entry = session.exec(
        select(AuditEntry.action).where(AuditEntry.entity == "meeting", AuditEntry.field == "archived")
    ).all()
    assert archive_entry == ["archive"]

"""Actions: validation, overdue rule, completion, listing with sources, optimistic locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services import settings
from opsdesk.services.actions import (
    ActionInput,
    add_action,
    complete_action,
    count_overdue,
    is_overdue,
    list_actions,
    new_action_row,
    open_action_counts_by_risk,
    set_action_archived,
    update_action,
)
from opsdesk.store.models import Action, AuditEntry, Meeting, Nonconformity, Risk, Suggestion

TODAY = date(2026, 3, 16)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def make_risk(session: Session, code: str = "R-0001", department: str = "Operations") -> Risk:
    risk = Risk(
        code=code,
        title="Key supplier fails",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name=department),
        identified_on=date(2026, 1, 5),
    )
    session.add(risk)
    session.commit()
    return risk


def make_nonconformity(session: Session) -> Nonconformity:
    nc = Nonconformity(
        code="NC-0002",
        title="Scratched housings",
        department_id=settings.department_id(session=session, name="Product"),
        detected_on=date(2026, 2, 1),
    )
    session.add(nc)
    session.commit()
    return nc


def make_suggestion(session: Session) -> Suggestion:
    suggestion = Suggestion(
        code="S-0004",
        title="Shared test rigs",
        submitter="Ann",
        department_id=settings.department_id(session=session, name="Technology"),
        submitted_on=date(2026, 2, 2),
    )
    session.add(suggestion)
    session.commit()
    return suggestion


def make_meeting(session: Session) -> Meeting:
    meeting = Meeting(held_on=date(2026, 3, 12), title="Quality review Q1")
    session.add(meeting)
    session.commit()
    return meeting


def test_overdue_rule_at_the_boundary() -> None:
    assert is_overdue("planned", TODAY, TODAY) is False
    assert is_overdue("planned", TODAY - timedelta(days=1), TODAY) is True
    assert is_overdue("in_progress", TODAY - timedelta(days=1), TODAY) is True
    assert is_overdue("done", TODAY - timedelta(days=1), TODAY) is False
    assert is_overdue("cancelled", TODAY - timedelta(days=1), TODAY) is False
    assert is_overdue("planned", None, TODAY) is False


def test_overdue_flag_listing_and_count(session: Session) -> None:
    due_today = add_action(session=session, data=ActionInput("Due today", due_date=TODAY), today=TODAY)
    late = add_action(
        session=session, data=ActionInput("Due yesterday", due_date=TODAY - timedelta(days=1)), today=TODAY
    )
    add_action(
        session=session,
        data=ActionInput("Done late", due_date=TODAY - timedelta(days=5), status="done"),
        today=TODAY,
    )
    assert due_today.overdue is False
    assert late.overdue is True
    assert count_overdue(session=session, today=TODAY) == 1
    assert [a.id for a in list_actions(session=session, overdue_only=True, today=TODAY)] == [late.id]
    # The next day the action due "today" becomes overdue too.
    assert count_overdue(session=session, today=TODAY + timedelta(days=1)) == 2


def test_add_action_stores_clean_values(session: Session) -> None:
    risk = make_risk(session)
    read = add_action(
        session=session,
        data=ActionInput(
            "  Second supplier  ",
            owner=" Lee ",
            due_date=date(2026, 4, 30),
            cost=1500,
            note="Quote requested",
            risk_id=risk.id,
        ),
        today=TODAY,
    )
    row = session.get(Action, read.id)
    assert (row.title, row.owner, row.status, row.kind, row.cost, row.risk_id) == (
        "Second supplier",
        "Lee",
        "planned",
        "mitigation",
        1500.0,
        risk.id,
    )
    assert read.source == "R-0001"
    assert read.source_title == "Key supplier fails"
    assert read.department == "Operations"
    assert read.version == 1
    assert read.overdue is False


def test_done_without_completion_date_is_completed_today(session: Session) -> None:
    read = add_action(session=session, data=ActionInput("Already done", status="done"), today=TODAY)
    assert read.completed_on == TODAY
    assert session.get(Action, read.id).completed_on == TODAY


def test_complete_action_sets_status_and_date(session: Session) -> None:
    action = add_action(
        session=session, data=ActionInput("Train staff", due_date=TODAY - timedelta(days=3)), today=TODAY
    )
    done = complete_action(
        session=session, action_id=action.id, completed_on=date(2026, 3, 10), expected_version=1
    )
    assert (done.status, done.completed_on, done.overdue, done.version) == (
        "done",
        date(2026, 3, 10),
        False,
        2,
    )
    row = session.get(Action, action.id)
    assert (row.status, row.completed_on) == ("done", date(2026, 3, 10))

    other = add_action(session=session, data=ActionInput("Audit"), today=TODAY)
    assert complete_action(session=session, action_id=other.id).completed_on == date.today()


def test_complete_action_refuses_a_future_date(session: Session) -> None:
    action = add_action(session=session, data=ActionInput("Train staff"), today=TODAY)
    with pytest.raises(ValidationError) as error:
        complete_action(session=session, action_id=action.id, completed_on=date.today() + timedelta(days=1))
    assert error.value.errors == {"completed_on": "The completion date cannot be in the future."}
    assert session.get(Action, action.id).status == "planned"


def test_listing_filters_sources_and_order(session: Session) -> None:
    risk = make_risk(session)
    nc = make_nonconformity(session)
    suggestion = make_suggestion(session)
    meeting = make_meeting(session)
    a_risk = add_action(
        session=session,
        data=ActionInput("Risk action", owner="Lee", due_date=date(2026, 5, 1), risk_id=risk.id),
        today=TODAY,
    )
    a_nc = add_action(
        session=session,
        data=ActionInput(
            "Fix jig", owner="Mia", due_date=date(2026, 3, 1), kind="corrective", nonconformity_id=nc.id
        ),
        today=TODAY,
    )
    a_sug = add_action(
        session=session,
        data=ActionInput(
            "Buy rigs", owner="lee", status="in_progress", kind="improvement", suggestion_id=suggestion.id
        ),
        today=TODAY,
    )
    a_meet = add_action(
        session=session,
        data=ActionInput(
            "Send minutes", due_date=date(2026, 3, 13), status="done", kind="decision", meeting_id=meeting.id
        ),
        today=TODAY,
    )
    a_free = add_action(
        session=session, data=ActionInput("Unlinked", due_date=date(2026, 3, 20)), today=TODAY
    )

    everything = list_actions(session=session, today=TODAY)
    # By due date, undated last.
    assert [a.id for a in everything] == [a_nc.id, a_meet.id, a_free.id, a_risk.id, a_sug.id]
    by_id = {a.id: a for a in everything}
    assert (by_id[a_risk.id].source, by_id[a_risk.id].department) == ("R-0001", "Operations")
    assert (by_id[a_nc.id].source, by_id[a_nc.id].source_title, by_id[a_nc.id].department) == (
        "NC-0002",
        "Scratched housings",
        "Product",
    )
    assert (by_id[a_sug.id].source, by_id[a_sug.id].source_title, by_id[a_sug.id].department) == (
        "S-0004",
        "Shared test rigs",
        "Technology",
    )
    assert (by_id[a_meet.id].source, by_id[a_meet.id].source_title, by_id[a_meet.id].department) == (
        "Meeting 2026-03-12",
        "Quality review Q1",
        "",
    )
    assert (by_id[a_free.id].source, by_id[a_free.id].source_title, by_id[a_free.id].department) == (
        "",
        "",
        "",
    )
    assert by_id[a_nc.id].overdue is True

    assert [a.id for a in list_actions(session=session, risk_id=risk.id, today=TODAY)] == [a_risk.id]
    assert [a.id for a in list_actions(session=session, nonconformity_id=nc.id, today=TODAY)] == [a_nc.id]
    assert [a.id for a in list_actions(session=session, suggestion_id=suggestion.id, today=TODAY)] == [
        a_sug.id
    ]
    assert [a.id for a in list_actions(session=session, meeting_id=meeting.id, today=TODAY)] == [a_meet.id]
    assert [a.id for a in list_actions(session=session, owner="LEE", today=TODAY)] == [a_risk.id, a_sug.id]
    assert [a.id for a in list_actions(session=session, status="in_progress", today=TODAY)] == [a_sug.id]
    assert [a.id for a in list_actions(session=session, open_only=True, today=TODAY)] == [
        a_nc.id,
        a_free.id,
        a_risk.id,
        a_sug.id,
    ]

    set_action_archived(session=session, action_id=a_free.id, archived=True)
    assert a_free.id not in [a.id for a in list_actions(session=session, today=TODAY)]
    archived = [
        a for a in list_actions(session=session, include_archived=True, today=TODAY) if a.id == a_free.id
    ]
    assert archived[0].archived is True
    assert session.exec(
        select(AuditEntry.action).where(AuditEntry.entity == "action", AuditEntry.entity_id == str(a_free.id))
    ).all() == ["create", "archive"]


def test_open_action_counts_by_risk(session: Session) -> None:
    first = make_risk(session, "R-0001")
    second = make_risk(session, "R-0002")
    for title in ("A", "B"):
        add_action(session=session, data=ActionInput(title, risk_id=first.id), today=TODAY)
    add_action(session=session, data=ActionInput("C", status="done", risk_id=first.id), today=TODAY)
    add_action(session=session, data=ActionInput("D", status="in_progress", risk_id=second.id), today=TODAY)
    hidden = add_action(session=session, data=ActionInput("E", risk_id=second.id), today=TODAY)
    set_action_archived(session=session, action_id=hidden.id, archived=True)
    add_action(session=session, data=ActionInput("Unlinked"), today=TODAY)
    assert open_action_counts_by_risk(session=session) == {first.id: 2, second.id: 1}


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (ActionInput("   "), {"title": "The action title is required."}),
        (ActionInput("x" * 201), {"title": "The action title is too long (201 characters; at most 200)."}),
        (
            ActionInput("Fix", status="finished"),
            {
                "status": "The action status must be one of planned, in_progress, done, cancelled (got “finished”)."
            },
        ),
        (
            ActionInput("Fix", kind="wish"),
            {
                "kind": "The action kind must be one of mitigation, corrective, preventive, improvement, "
                "decision (got “wish”)."
            },
        ),
        (ActionInput("Fix", cost=-1.0), {"cost": "The cost cannot be negative."}),
        (ActionInput("Fix", cost=float("nan")), {"cost": "The cost must be a number."}),
        (
            ActionInput("Fix", completed_on=date(2026, 3, 1)),
            {"completed_on": "Only a done action can have a completion date."},
        ),
        (
            ActionInput("Fix", status="done", completed_on=TODAY + timedelta(days=1)),
            {"completed_on": "The completion date cannot be in the future."},
        ),
        (ActionInput("Fix", risk_id=999), {"risk_id": "There is no risk with id 999."}),
    ],
)
def test_refused_input_writes_nothing(session: Session, data: ActionInput, errors: dict[str, str]) -> None:
    actions_before, audit_before = count(session, Action), count(session, AuditEntry)
    with pytest.raises(ValidationError) as error:
        add_action(session=session, data=data, today=TODAY)
    assert error.value.errors == errors
    assert (count(session, Action), count(session, AuditEntry)) == (actions_before, audit_before)


def test_an_action_has_at_most_one_source(session: Session) -> None:
    risk = make_risk(session)
    nc = make_nonconformity(session)
    before = count(session, Action)
    with pytest.raises(ValidationError) as error:
        add_action(
            session=session, data=ActionInput("Both", risk_id=risk.id, nonconformity_id=nc.id), today=TODAY
        )
    assert error.value.errors == {
        "nonconformity_id": "An action belongs to one risk, nonconformity, suggestion or meeting, not several."
    }
    assert count(session, Action) == before


def test_new_action_row_does_not_commit(session: Session) -> None:
    row = new_action_row(session, ActionInput("Inside another transaction"), TODAY)
    assert row in session.new
    session.rollback()
    assert count(session, Action) == 0
    with pytest.raises(ValidationError) as error:
        new_action_row(session, ActionInput(""), TODAY, prefix="actions[0].")
    assert error.value.errors == {"actions[0].title": "The action title is required."}


def test_stale_update_is_a_conflict_and_keeps_the_first_change(session: Session) -> None:
    action = add_action(session=session, data=ActionInput("Original", owner="Lee"), today=TODAY)
    first = update_action(
        session=session,
        action_id=action.id,
        data=ActionInput("First change", owner="Lee", status="in_progress"),
        expected_version=1,
        today=TODAY,
    )
    assert (first.title, first.status, first.version) == ("First change", "in_progress", 2)
    with pytest.raises(ConflictError):
        update_action(
            session=session,
            action_id=action.id,
            data=ActionInput("Second change", owner="Mia"),
            expected_version=1,
            today=TODAY,
        )
    session.expire_all()
    row = session.get(Action, action.id)
    assert (row.title, row.owner, row.status, row.version) == ("First change", "Lee", "in_progress", 2)


def test_update_clears_completion_when_reopened(session: Session) -> None:
    action = add_action(session=session, data=ActionInput("Done", status="done"), today=TODAY)
    reopened = update_action(
        session=session, action_id=action.id, data=ActionInput("Done", status="in_progress"), today=TODAY
    )
    assert (reopened.status, reopened.completed_on) == ("in_progress", None)


def test_a_refused_action_reads_in_chinese_with_its_code(session: Session) -> None:
    with pytest.raises(ValidationError) as error:
        add_action(session=session, data=ActionInput("Fix", cost=-1.0), today=TODAY)
    assert error.value.codes() == {"cost": "action.cost_negative"}
    assert error.value.message("zh_CN") == "成本不能为负数。"
    assert count(session, Action) == 0

"""Improvement suggestions: the review workflow, rewards and the quarterly leaderboard."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, ValidationError
from opsdesk.services.settings import department_id
from opsdesk.services.suggestions import (
    ALLOWED_MOVES,
    Leaderboard,
    LeaderboardRow,
    SuggestionInput,
    allowed_moves,
    count_waiting_for_review,
    leaderboard,
    list_suggestions,
    move_suggestion,
    set_suggestion_archived,
    submit_suggestion,
    update_suggestion,
)
from opsdesk.store.models import AuditEntry, Suggestion

TODAY = date(2026, 3, 20)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def submit(session: Session, department: str = "Operations", **overrides: object):
    values: dict[str, object] = {
        "title": "Colour-code the die racks",
        "submitter": "Li Wei",
        "department_id": department_id(session=session, name=department),
        "submitted_on": date(2026, 2, 10),
    }
    values.update(overrides)
    return submit_suggestion(session=session, data=SuggestionInput(**values), today=TODAY)


def test_submit_gives_codes_and_defaults_to_today(session: Session) -> None:
    first = submit(session, expected_benefit=" Faster changeovers ", estimated_cost=120)
    second = submit(session, submitted_on=None, title="Shorter stand-up")
    assert (first.code, second.code) == ("S-0001", "S-0002")
    assert (first.status, first.department, first.expected_benefit, first.estimated_cost) == (
        "submitted",
        "Operations",
        "Faster changeovers",
        120.0,
    )
    assert second.submitted_on == TODAY
    assert session.get(Suggestion, first.id).submitted_on == date(2026, 2, 10)
    assert count_waiting_for_review(session=session) == 2


def test_invalid_submission_is_refused(session: Session) -> None:
    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        submit_suggestion(
            session=session,
            data=SuggestionInput(
                title="", submitter=" ", department_id=999, estimated_cost=-5, submitted_on=date(2026, 3, 21)
            ),
            today=TODAY,
        )
    assert caught.value.errors == {
        "title": "The title is required.",
        "submitter": "The submitter's name is required.",
        "department_id": "There is no department with id 999.",
        "estimated_cost": "The estimated cost cannot be negative.",
        "submitted_on": "The submission date cannot be in the future.",
    }
    assert count(session, Suggestion) == 0
    assert count(session, AuditEntry) == audit_before


def test_allowed_moves_follow_the_workflow() -> None:
    assert allowed_moves("submitted") == ("under_review", "rejected")
    assert allowed_moves("under_review") == ("accepted", "rejected")
    assert allowed_moves("accepted") == ("implemented",)
    assert allowed_moves("rejected") == () and allowed_moves("implemented") == ()
    assert set(ALLOWED_MOVES) == {"submitted", "under_review", "accepted", "rejected", "implemented"}


def test_impossible_moves_are_refused_naming_both_statuses(session: Session) -> None:
    suggestion = submit(session)
    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        move_suggestion(
            session=session,
            suggestion_id=suggestion.id,
            to_status="implemented",
            realised_benefit="Saved time",
            today=TODAY,
        )
    assert caught.value.errors == {
        "status": "S-0001 cannot move from Submitted to Implemented. "
        "From Submitted it can move to Under review or Rejected."
    }
    assert session.get(Suggestion, suggestion.id).status == "submitted"
    assert count(session, AuditEntry) == audit_before

    move_suggestion(
        session=session,
        suggestion_id=suggestion.id,
        to_status="rejected",
        reviewer="Quality lead",
        note="Racks are replaced next month.",
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        move_suggestion(session=session, suggestion_id=suggestion.id, to_status="under_review", today=TODAY)
    assert caught.value.errors == {
        "status": "S-0001 cannot move from Rejected to Under review. Rejected is a final status."
    }


def test_reject_needs_a_reason(session: Session) -> None:
    suggestion = submit(session)
    with pytest.raises(ValidationError) as caught:
        move_suggestion(
            session=session, suggestion_id=suggestion.id, to_status="rejected", note="  ", today=TODAY
        )
    assert caught.value.errors == {"note": "A reason is required to reject a suggestion."}
    row = session.get(Suggestion, suggestion.id)
    assert (row.status, row.reviewer, row.version) == ("submitted", None, 1)

    rejected = move_suggestion(
        session=session,
        suggestion_id=suggestion.id,
        to_status="rejected",
        note="Already planned.",
        on=date(2026, 3, 1),
        today=TODAY,
    )
    # The reviewer defaults to the session's user.
    assert (rejected.status, rejected.reviewer, rejected.reviewed_on, rejected.decision_note) == (
        "rejected",
        session.info["user"],
        date(2026, 3, 1),
        "Already planned.",
    )


def test_full_path_with_reward_counts_on_the_leaderboard(session: Session) -> None:
    suggestion = submit(session, department="Technology")
    reviewing = move_suggestion(
        session=session,
        suggestion_id=suggestion.id,
        to_status="under_review",
        reviewer="Zhang Min",
        on=date(2026, 2, 12),
        expected_version=1,
        today=TODAY,
    )
    assert (reviewing.status, reviewing.reviewer, reviewing.reviewed_on) == (
        "under_review",
        "Zhang Min",
        date(2026, 2, 12),
    )

    with pytest.raises(ValidationError) as caught:
        move_suggestion(
            session=session, suggestion_id=suggestion.id, to_status="accepted", reward_points=-1, today=TODAY
        )
    assert caught.value.errors == {"reward_points": "The reward points cannot be negative."}

    accepted = move_suggestion(
        session=session,
        suggestion_id=suggestion.id,
        to_status="accepted",
        reviewer="Zhang Min",
        note="Good idea.",
        reward_points=50,
        on=date(2026, 2, 20),
        expected_version=reviewing.version,
        today=TODAY,
    )
    assert (accepted.status, accepted.reward_points, accepted.decision_note) == ("accepted", 50, "Good idea.")

    with pytest.raises(ValidationError) as caught:
        move_suggestion(session=session, suggestion_id=suggestion.id, to_status="implemented", today=TODAY)
    assert caught.value.errors == {
        "realised_benefit": "Describe the realised benefit to mark a suggestion implemented."
    }
    with pytest.raises(ValidationError) as caught:
        move_suggestion(
            session=session,
            suggestion_id=suggestion.id,
            to_status="implemented",
            realised_benefit="x",
            reward_points=10,
            today=TODAY,
        )
    assert caught.value.errors == {
        "reward_points": "The reward can only be raised at implementation (50 points were granted on acceptance)."
    }

    implemented = move_suggestion(
        session=session,
        suggestion_id=suggestion.id,
        to_status="implemented",
        realised_benefit="Changeover down from 40 to 25 minutes.",
        reward_amount=200,
        on=date(2026, 3, 15),
        expected_version=accepted.version,
        today=TODAY,
    )
    assert (
        implemented.status,
        implemented.implemented_on,
        implemented.reward_points,
        implemented.reward_amount,
    ) == (
        "implemented",
        date(2026, 3, 15),
        50,
        200.0,
    )
    assert (implemented.reviewer, implemented.reviewed_on) == ("Zhang Min", date(2026, 2, 20))
    status_trail = session.exec(
        select(AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.entity == "suggestion", AuditEntry.field == "status")
        .order_by(AuditEntry.id)
    ).all()
    assert status_trail == [
        ("submitted", "under_review"),
        ("under_review", "accepted"),
        ("accepted", "implemented"),
    ]

    board = leaderboard(session=session, quarter="2026-Q1")
    assert board == Leaderboard(
        quarter="2026-Q1",
        contributors=(LeaderboardRow("Li Wei", 1, 1, 1, 50, 200.0),),
        departments=(LeaderboardRow("Technology", 1, 1, 1, 50, 200.0),),
        acceptance_rate=1.0,
        received=1,
        implemented=1,
    )
    assert leaderboard(session=session, quarter="2026-Q2").received == 0
    assert count_waiting_for_review(session=session) == 0


def test_leaderboard_sorting_and_acceptance_rate(session: Session) -> None:
    def decided(to: str, **kw: object) -> None:
        s = submit(session, **kw)
        if to == "rejected":
            move_suggestion(
                session=session, suggestion_id=s.id, to_status="rejected", note="No.", today=TODAY
            )
            return
        move_suggestion(session=session, suggestion_id=s.id, to_status="under_review", today=TODAY)
        if to != "under_review":
            move_suggestion(
                session=session, suggestion_id=s.id, to_status="accepted", reward_points=10, today=TODAY
            )

    decided("accepted", submitter="Chen", department="Sales")
    decided("accepted", submitter="Anna", department="Sales")
    decided("rejected", submitter="Anna", department="Sales")
    decided("rejected", submitter="Bo")
    decided("under_review", submitter="Bo")
    submit(session, submitter="Dan")  # still submitted: not decided
    submit(session, submitter="Chen", submitted_on=date(2025, 12, 31))  # previous quarter
    archived = submit(session, submitter="Eve")
    set_suggestion_archived(session=session, suggestion_id=archived.id, archived=True)

    board = leaderboard(session=session, quarter="2026-Q1")
    assert board.received == 6 and board.implemented == 0
    assert board.acceptance_rate == 0.5  # 2 accepted of 4 decided
    assert board.contributors == (
        LeaderboardRow("Anna", 2, 1, 0, 10, 0.0),
        LeaderboardRow("Chen", 1, 1, 0, 10, 0.0),
        LeaderboardRow("Bo", 2, 0, 0, 0, 0.0),
        LeaderboardRow("Dan", 1, 0, 0, 0, 0.0),
    )
    assert board.departments == (
        LeaderboardRow("Sales", 3, 2, 0, 20, 0.0),
        LeaderboardRow("Operations", 3, 0, 0, 0, 0.0),
    )
    # With an April fiscal year, 2025-Q4 runs January to March 2026.
    assert leaderboard(session=session, quarter="2025-Q4", start_month=4).received == 6
    assert leaderboard(session=session, quarter="2026-Q2").acceptance_rate is None
    with pytest.raises(ValidationError):
        leaderboard(session=session, quarter="Q5")


def test_update_content_list_filters_and_stale_version(session: Session) -> None:
    first = submit(session)
    submit(session, department="Sales", submitter="Chen", title="Call-back list")
    updated = update_suggestion(
        session=session,
        suggestion_id=first.id,
        data=SuggestionInput(
            title="Colour-code all racks",
            submitter="Li Wei",
            department_id=department_id(session=session, name="Operations"),
        ),
        expected_version=1,
        today=TODAY,
    )
    assert (updated.title, updated.submitted_on, updated.version) == (
        "Colour-code all racks",
        date(2026, 2, 10),
        2,
    )

    with pytest.raises(ConflictError):
        move_suggestion(
            session=session, suggestion_id=first.id, to_status="under_review", expected_version=1, today=TODAY
        )
    with pytest.raises(ConflictError):
        update_suggestion(
            session=session,
            suggestion_id=first.id,
            data=SuggestionInput(title="Other", submitter="X", department_id=updated.department_id),
            expected_version=1,
            today=TODAY,
        )
    row = session.get(Suggestion, first.id)
    assert (row.title, row.status, row.version) == ("Colour-code all racks", "submitted", 2)

    assert [s.code for s in list_suggestions(session=session, submitter=" chen ")] == ["S-0002"]
    sales = department_id(session=session, name="Sales")
    assert [s.code for s in list_suggestions(session=session, department_id=sales)] == ["S-0002"]
    move_suggestion(session=session, suggestion_id=first.id, to_status="under_review", today=TODAY)
    assert [s.code for s in list_suggestions(session=session, status="under_review")] == ["S-0001"]
    set_suggestion_archived(session=session, suggestion_id=first.id, archived=True)
    assert [s.code for s in list_suggestions(session=session)] == ["S-0002"]
    assert [s.code for s in list_suggestions(session=session, include_archived=True)] == ["S-0001", "S-0002"]
    assert count_waiting_for_review(session=session) == 1


def test_list_dated_between_keeps_those_submitted_reviewed_or_implemented_in_it(session: Session) -> None:
    before = submit(session, title="Old idea", submitted_on=date(2025, 9, 30))
    reviewed = submit(session, title="Reviewed in the quarter", submitted_on=date(2025, 9, 1))
    move_suggestion(session=session, suggestion_id=reviewed.id, to_status="under_review", reviewer="Zhang Min",
                    on=date(2025, 10, 5), today=TODAY)  # fmt: skip
    inside = submit(session, title="Submitted in the quarter", submitted_on=date(2025, 12, 31))
    submit(session, title="Too late", submitted_on=date(2026, 1, 1))

    quarter = list_suggestions(session=session, dated_between=(date(2025, 10, 1), date(2025, 12, 31)))

    assert [s.code for s in quarter] == [reviewed.code, inside.code]
    assert before.code not in {s.code for s in quarter}
    assert len(list_suggestions(session=session)) == 4

"""The risk register service: codes, assessments, responses, review dates, bulk edits, counts, alerts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import NotFoundError, ValidationError
from opsdesk.services import alerts, risks, settings
from opsdesk.services.risks import AssessmentInput, BulkChange, RiskInput
from opsdesk.store.models import Alert, Assessment, AuditEntry, CodeSequence, Risk

TODAY = date(2026, 3, 16)


def risk_input(session: Session, **changes: object) -> RiskInput:
    data = RiskInput(
        title="Key supplier of housings fails",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
    )
    return replace(data, **changes)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def snapshot(session: Session) -> tuple[int, ...]:
    """Row counts of everything a risk use case may write."""
    return tuple(count(session, model) for model in (Risk, Assessment, Alert, AuditEntry, CodeSequence))


def new_risk(
    session: Session,
    title: str = "Key supplier of housings fails",
    *assessments: AssessmentInput,
    **changes: object,
) -> risks.RiskRead:
    return risks.create_risk(
        session=session,
        data=risk_input(session, title=title, **changes),
        assessments=assessments,
        today=TODAY,
    )


def assess(kind: str, likelihood: int, impact: int, on: date) -> AssessmentInput:
    return AssessmentInput(
        kind=kind, likelihood=likelihood, impact=impact, assessed_on=on, assessor="Ann Lee"
    )


# Codes ------------------------------------------------------------------------------------


def test_codes_are_assigned_in_order_and_never_reused(session: Session) -> None:
    first = new_risk(session, "Warehouse flooding")
    second = new_risk(session, "Key supplier fails")
    assert (first.code, second.code) == ("R-0001", "R-0002")

    risks.set_risk_archived(session=session, risk_id=second.id, archived=True, today=TODAY)
    third = new_risk(session, "Cyber attack on the ERP")

    assert third.code == "R-0003"
    assert [r.code for r in risks.list_risks(session=session, today=TODAY)] == ["R-0001", "R-0003"]
    assert [r.code for r in risks.list_risks(session=session, include_archived=True, today=TODAY)] == [
        "R-0001",
        "R-0002",
        "R-0003",
    ]
    assert risks.risk_id_by_code(session=session, code=" r-0002 ") == second.id


def test_a_refused_create_does_not_use_up_a_code(session: Session) -> None:
    with pytest.raises(ValidationError):
        new_risk(session, "")
    assert new_risk(session, "Warehouse flooding").code == "R-0001"


def test_create_stores_the_fields_and_returns_a_plain_read(session: Session) -> None:
    created = new_risk(
        session, "  Warehouse flooding  ", description="River next to the site.", owner=" Tom "
    )

    assert isinstance(created, risks.RiskRead)
    assert (created.title, created.description, created.owner) == (
        "Warehouse flooding",
        "River next to the site.",
        "Tom",
    )
    assert (created.category, created.department) == ("Operational", "Operations")
    assert (created.status, created.archived, created.strategy) == ("identified", False, None)
    # No assessment yet: reviewed as soon as the strictest level would be (90 days).
    assert created.next_review == date(2026, 4, 5)


# Assessments -------------------------------------------------------------------------------


def test_record_assessment_makes_the_current_values(session: Session) -> None:
    risk = new_risk(session)

    saved = risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("inherent", 4, 4, date(2026, 1, 10)), today=TODAY
    )

    assert (saved.kind, saved.likelihood, saved.impact, saved.score, saved.level) == (
        "inherent",
        4,
        4,
        16,
        "high",
    )
    assert saved.assessor == "Ann Lee"
    current = risks.get_risk(session=session, risk_id=risk.id, today=TODAY)
    assert (
        current.inherent_likelihood,
        current.inherent_impact,
        current.inherent_score,
        current.inherent_level,
    ) == (
        4,
        4,
        16,
        "high",
    )
    assert current.residual_level is None


def test_a_back_dated_assessment_joins_the_history_but_does_not_replace_a_newer_one(session: Session) -> None:
    risk = new_risk(session)
    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 3, 3, date(2026, 2, 1)), today=TODAY
    )

    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 5, 5, date(2026, 1, 15)), today=TODAY
    )

    current = risks.get_risk(session=session, risk_id=risk.id, today=TODAY)
    assert (
        current.residual_likelihood,
        current.residual_impact,
        current.residual_score,
        current.residual_level,
    ) == (
        3,
        3,
        9,
        "medium",
    )
    # The review still counts from the newest assessment (medium: 180 days after 2026-02-01).
    assert current.next_review == date(2026, 7, 31)
    # The old critical value is history, not the current state: no appetite alert.
    assert alerts.list_alerts(session=session, risk_id=risk.id) == []
    assert [(a.assessed_on, a.score) for a in risks.assessment_history(session=session, risk_id=risk.id)] == [
        (date(2026, 1, 15), 25),
        (date(2026, 2, 1), 9),
    ]


def test_an_assessment_on_the_same_day_replaces_the_current_value(session: Session) -> None:
    risk = new_risk(session)
    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 3, 3, date(2026, 2, 1)), today=TODAY
    )
    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 2, 2, date(2026, 2, 1)), today=TODAY
    )
    current = risks.get_risk(session=session, risk_id=risk.id, today=TODAY)
    assert (current.residual_score, current.residual_level) == (4, "low")


def test_history_is_oldest_first_and_filters_by_kind(session: Session) -> None:
    risk = new_risk(session)
    for data in (
        assess("residual", 4, 4, date(2026, 3, 1)),
        assess("inherent", 5, 4, date(2026, 1, 10)),
        assess("residual", 4, 3, date(2026, 2, 1)),
        assess("target", 2, 2, date(2026, 1, 10)),
    ):
        risks.record_assessment(session=session, risk_id=risk.id, data=data, today=TODAY)

    everything = risks.assessment_history(session=session, risk_id=risk.id)
    assert [(a.assessed_on, a.kind, a.score) for a in everything] == [
        (date(2026, 1, 10), "inherent", 20),
        (date(2026, 1, 10), "target", 4),
        (date(2026, 2, 1), "residual", 12),
        (date(2026, 3, 1), "residual", 16),
    ]
    residual = risks.assessment_history(session=session, risk_id=risk.id, kind="residual")
    assert [(a.assessed_on, a.level) for a in residual] == [
        (date(2026, 2, 1), "high"),
        (date(2026, 3, 1), "high"),
    ]


@pytest.mark.parametrize("likelihood", [0, 6])
def test_a_likelihood_outside_the_matrix_is_refused(session: Session, likelihood: int) -> None:
    risk = new_risk(session)
    before = snapshot(session)

    with pytest.raises(ValidationError) as caught:
        risks.record_assessment(
            session=session,
            risk_id=risk.id,
            data=assess("inherent", likelihood, 3, date(2026, 2, 1)),
            today=TODAY,
        )

    assert caught.value.errors == {"inherent.likelihood": "Likelihood must be between 1 and 5."}
    assert snapshot(session) == before


@pytest.mark.parametrize("likelihood", [0, 6])
def test_create_with_a_likelihood_outside_the_matrix_writes_nothing(
    session: Session, likelihood: int
) -> None:
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        new_risk(session, "Warehouse flooding", assess("inherent", likelihood, 3, date(2026, 2, 1)))
    assert caught.value.errors == {"inherent.likelihood": "Likelihood must be between 1 and 5."}
    assert snapshot(session) == before


def test_a_future_assessment_date_is_refused(session: Session) -> None:
    risk = new_risk(session)
    with pytest.raises(ValidationError) as caught:
        risks.record_assessment(
            session=session, risk_id=risk.id, data=assess("residual", 2, 2, date(2026, 3, 17)), today=TODAY
        )
    assert caught.value.errors == {"residual.assessed_on": "The assessment date cannot be in the future."}


def test_the_first_assessment_moves_the_status_to_assessed(session: Session) -> None:
    risk = new_risk(session, "Warehouse flooding", assess("inherent", 3, 4, date(2026, 1, 10)))
    assert (risk.status, risk.inherent_level) == ("assessed", "high")


# Review dates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("likelihood", "impact", "level", "next_review"),
    [
        (4, 3, "high", date(2026, 5, 11)),  # 90 days after 2026-02-10
        (5, 5, "critical", date(2026, 5, 11)),  # 90 days
        (3, 3, "medium", date(2026, 8, 9)),  # 180 days
        (2, 2, "low", date(2027, 2, 10)),  # 365 days
    ],
)
def test_next_review_follows_the_residual_level(
    session: Session, likelihood: int, impact: int, level: str, next_review: date
) -> None:
    risk = new_risk(session)
    risks.record_assessment(
        session=session,
        risk_id=risk.id,
        data=assess("residual", likelihood, impact, date(2026, 2, 10)),
        today=TODAY,
    )
    current = risks.get_risk(session=session, risk_id=risk.id, today=TODAY)
    assert (current.residual_level, current.next_review) == (level, next_review)


def test_the_residual_level_wins_over_the_inherent_level_for_the_review(session: Session) -> None:
    risk = new_risk(
        session,
        "Warehouse flooding",
        assess("inherent", 5, 5, date(2026, 2, 10)),
        assess("residual", 2, 2, date(2026, 2, 10)),
    )
    assert (risk.inherent_level, risk.residual_level, risk.next_review) == (
        "critical",
        "low",
        date(2027, 2, 10),
    )


def test_a_review_date_set_by_the_user_is_kept(session: Session) -> None:
    risk = new_risk(
        session,
        "Warehouse flooding",
        assess("residual", 4, 4, date(2026, 2, 10)),
        next_review=date(2026, 3, 31),
    )
    assert risk.next_review == date(2026, 3, 31)
    assert risks.get_risk(session=session, risk_id=risk.id, today=date(2026, 3, 30)).review_due is False
    assert risks.get_risk(session=session, risk_id=risk.id, today=date(2026, 3, 31)).review_due is True


def test_review_intervals_come_from_the_settings(session: Session) -> None:
    from opsdesk.domain.matrix import ReviewIntervals

    settings.save_review_intervals(
        session=session, intervals=ReviewIntervals({"critical": 30, "high": 60, "medium": 120, "low": 240})
    )
    risk = new_risk(session)
    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 4, 3, date(2026, 2, 10)), today=TODAY
    )
    assert risks.get_risk(session=session, risk_id=risk.id, today=TODAY).next_review == date(2026, 4, 11)


# Responses --------------------------------------------------------------------------------


def test_accepting_above_appetite_without_approval_is_refused(session: Session) -> None:
    before = snapshot(session)

    with pytest.raises(ValidationError) as caught:
        new_risk(
            session, "Warehouse flooding", assess("residual", 4, 3, date(2026, 2, 10)), strategy="accept"
        )

    assert caught.value.errors == {
        "acceptance_approver": "Accepting a risk above the appetite (Medium) needs an approver.",
        "acceptance_justification": "Accepting a risk above the appetite needs a justification.",
        "acceptance_expires": "Accepting a risk above the appetite needs an expiry date.",
    }
    assert snapshot(session) == before


def test_accepting_within_appetite_needs_no_approval(session: Session) -> None:
    risk = new_risk(
        session, "Warehouse flooding", assess("residual", 3, 3, date(2026, 2, 10)), strategy="accept"
    )
    assert (risk.strategy, risk.acceptance_approver, risk.above_appetite) == ("accept", None, False)


def test_an_acceptance_must_expire_after_it_was_given(session: Session) -> None:
    with pytest.raises(ValidationError) as caught:
        new_risk(
            session,
            "Warehouse flooding",
            assess("residual", 4, 3, date(2026, 2, 10)),
            strategy="accept",
            acceptance_approver="CFO",
            acceptance_justification="Insured.",
            accepted_on=date(2026, 2, 10),
            acceptance_expires=date(2026, 2, 10),
        )
    assert caught.value.errors == {
        "acceptance_expires": "The acceptance must expire after the date it was given."
    }


def test_an_expired_acceptance_makes_the_review_due(session: Session) -> None:
    risk = new_risk(
        session,
        "Warehouse flooding",
        assess("residual", 4, 3, date(2026, 1, 10)),
        strategy="accept",
        acceptance_approver="Grace Hall (CFO)",
        acceptance_justification="Flood insurance covers the stock.",
        accepted_on=date(2026, 1, 10),
        acceptance_expires=date(2026, 2, 1),
        next_review=date(2026, 12, 31),
    )
    assert (risk.acceptance_approver, risk.accepted_on, risk.acceptance_expires) == (
        "Grace Hall (CFO)",
        date(2026, 1, 10),
        date(2026, 2, 1),
    )

    assert risks.get_risk(session=session, risk_id=risk.id, today=date(2026, 2, 1)).review_due is False
    assert risks.get_risk(session=session, risk_id=risk.id, today=date(2026, 2, 2)).review_due is True
    assert risks.count_review_due(session=session, today=date(2026, 2, 1)) == 0
    assert risks.count_review_due(session=session, today=date(2026, 2, 2)) == 1


def test_a_residual_above_appetite_on_an_unapproved_acceptance_is_refused(session: Session) -> None:
    risk = new_risk(
        session, "Warehouse flooding", assess("residual", 2, 2, date(2026, 1, 10)), strategy="accept"
    )
    before = snapshot(session)
    with pytest.raises(ValidationError) as caught:
        risks.record_assessment(
            session=session, risk_id=risk.id, data=assess("residual", 4, 4, date(2026, 2, 1)), today=TODAY
        )
    assert list(caught.value.errors) == ["residual.likelihood"]
    assert snapshot(session) == before


def test_choosing_another_strategy_clears_the_acceptance(session: Session) -> None:
    risk = new_risk(
        session,
        "Warehouse flooding",
        assess("residual", 4, 3, date(2026, 1, 10)),
        strategy="accept",
        acceptance_approver="CFO",
        acceptance_justification="Insured.",
        accepted_on=date(2026, 1, 10),
        acceptance_expires=date(2026, 6, 30),
    )
    updated = risks.update_risk(
        session=session,
        risk_id=risk.id,
        data=risk_input(session, title="Warehouse flooding", strategy="reduce"),
        today=TODAY,
    )
    assert (updated.strategy, updated.acceptance_approver, updated.acceptance_expires) == (
        "reduce",
        None,
        None,
    )


# Appetite alerts --------------------------------------------------------------------------


def test_a_residual_above_appetite_raises_one_alert_until_it_comes_back(session: Session) -> None:
    risk = new_risk(session, "Warehouse flooding")
    risks.record_assessment(
        session=session,
        risk_id=risk.id,
        data=assess("residual", 3, 3, date(2026, 1, 10)),
        today=date(2026, 1, 10),
    )
    assert alerts.list_alerts(session=session, risk_id=risk.id) == []

    risks.record_assessment(
        session=session,
        risk_id=risk.id,
        data=assess("residual", 4, 3, date(2026, 2, 1)),
        today=date(2026, 2, 1),
    )
    risks.record_assessment(
        session=session,
        risk_id=risk.id,
        data=assess("residual", 4, 4, date(2026, 2, 15)),
        today=date(2026, 2, 15),
    )

    raised = alerts.list_alerts(session=session, risk_id=risk.id)
    assert len(raised) == 1
    alert = raised[0]
    assert (alert.kind, alert.severity, alert.state, alert.raised_on, alert.breach_ended_on) == (
        "appetite",
        "high",
        "open",
        date(2026, 2, 1),
        None,
    )
    assert (
        alert.message == "R-0001 Warehouse flooding: residual level High is above the risk appetite (Medium)."
    )
    assert (alert.risk_code, alert.department) == ("R-0001", "Operations")
    assert risks.get_risk(session=session, risk_id=risk.id, today=TODAY).above_appetite is True

    risks.record_assessment(
        session=session,
        risk_id=risk.id,
        data=assess("residual", 2, 2, date(2026, 3, 1)),
        today=date(2026, 3, 1),
    )
    ended = alerts.list_alerts(session=session, risk_id=risk.id)
    assert [(a.id, a.breach_ended_on) for a in ended] == [(alert.id, date(2026, 3, 1))]


def test_a_critical_residual_escalates_the_alert(session: Session) -> None:
    risk = new_risk(session, "Warehouse flooding", assess("residual", 4, 3, date(2026, 1, 10)))
    risks.record_assessment(
        session=session, risk_id=risk.id, data=assess("residual", 5, 5, date(2026, 2, 1)), today=TODAY
    )
    raised = alerts.list_alerts(session=session, risk_id=risk.id)
    assert [(a.severity, a.message) for a in raised] == [
        (
            "critical",
            "R-0001 Warehouse flooding: residual level Critical is above the risk appetite (Medium).",
        )
    ]


def test_archiving_ends_the_appetite_breach(session: Session) -> None:
    risk = new_risk(session, "Warehouse flooding", assess("residual", 4, 4, date(2026, 1, 10)))
    risks.set_risk_archived(session=session, risk_id=risk.id, archived=True, today=TODAY)
    assert [a.breach_ended_on for a in alerts.list_alerts(session=session, risk_id=risk.id)] == [TODAY]


# Bulk edits -------------------------------------------------------------------------------


def test_bulk_update_changes_every_selected_risk(session: Session) -> None:
    a = new_risk(session, "Warehouse flooding")
    b = new_risk(session, "Key supplier fails", owner="Tom Baker")
    c = new_risk(session, "Cyber attack on the ERP")

    changed = risks.bulk_update(
        session=session,
        risk_ids=[a.id, b.id],
        change=BulkChange(owner="Tom Baker", status="treating"),
        today=TODAY,
    )

    assert changed == 2
    listed = {r.code: (r.owner, r.status) for r in risks.list_risks(session=session, today=TODAY)}
    assert listed == {
        "R-0001": ("Tom Baker", "treating"),
        "R-0002": ("Tom Baker", "treating"),
        "R-0003": ("Mia Chen", "identified"),
    }
    assert c.owner == "Mia Chen"


def test_bulk_update_gives_unassigned_risks_a_department_and_a_category_in_one_step(session: Session) -> None:
    unassigned_department = settings.add_department(session=session, name=risks.UNASSIGNED).id
    unassigned_category = settings.add_category(session=session, name=risks.UNASSIGNED).id
    a = new_risk(
        session, "Warehouse flooding", department_id=unassigned_department, category_id=unassigned_category
    )
    b = new_risk(session, "Key supplier fails", category_id=unassigned_category)
    c = new_risk(session, "Cyber attack on the ERP")
    assert risks.count_unassigned(session=session) == 2
    audit_before = count(session, AuditEntry)
    finance = settings.department_id(session=session, name="Finance")
    financial = settings.category_id(session=session, code_or_name="financial")

    changed = risks.bulk_update(
        session=session,
        risk_ids=[a.id, b.id],
        change=BulkChange(department_id=finance, category_id=financial),
        today=TODAY,
    )

    assert changed == 2
    assert risks.count_unassigned(session=session) == 0
    rows = {r.code: (r.department, r.category) for r in risks.list_risks(session=session, today=TODAY)}
    assert rows == {
        a.code: ("Finance", "Financial"),
        b.code: ("Finance", "Financial"),
        c.code: ("Operations", "Operational"),
    }
    changes = session.exec(
        select(AuditEntry.entity_id, AuditEntry.field).where(
            AuditEntry.id > audit_before, AuditEntry.entity == "risk"
        )
    ).all()
    assert {
        (entity_id, field) for entity_id, field in changes if field in ("department_id", "category_id")
    } == {
        (str(a.id), "department_id"),
        (str(a.id), "category_id"),
        (str(b.id), "department_id"),
        (str(b.id), "category_id"),
    }
    with pytest.raises(ValidationError) as unknown:
        risks.bulk_update(session=session, risk_ids=[c.id], change=BulkChange(category_id=999), today=TODAY)
    assert unknown.value.codes() == {"category_id": "unknown_category"}


def test_bulk_update_counts_only_risks_that_changed(session: Session) -> None:
    a = new_risk(session, "Warehouse flooding")
    b = new_risk(session, "Key supplier fails", owner="Tom Baker")
    assert (
        risks.bulk_update(
            session=session, risk_ids=[a.id, b.id], change=BulkChange(owner="Tom Baker"), today=TODAY
        )
        == 1
    )


def test_bulk_update_is_all_or_nothing_when_one_risk_is_missing(session: Session) -> None:
    a = new_risk(session, "Warehouse flooding")
    b = new_risk(session, "Key supplier fails")
    before = snapshot(session)

    with pytest.raises(NotFoundError, match="There is no risk with id 999"):
        risks.bulk_update(
            session=session, risk_ids=[a.id, b.id, 999], change=BulkChange(owner="Tom Baker"), today=TODAY
        )

    # Not written, and not left pending in the session for the next commit either.
    assert snapshot(session) == before
    assert [r.owner for r in risks.list_risks(session=session, today=TODAY)] == ["Mia Chen", "Mia Chen"]
    risks.update_risk(
        session=session,
        risk_id=a.id,
        data=risk_input(session, title="Warehouse flooding", description="River next to the site."),
        today=TODAY,
    )
    assert [session.get(Risk, rid).owner for rid in (a.id, b.id)] == ["Mia Chen", "Mia Chen"]


def test_bulk_update_with_invalid_input_writes_nothing(session: Session) -> None:
    a = new_risk(session, "Warehouse flooding")
    before = snapshot(session)

    with pytest.raises(ValidationError) as caught:
        risks.bulk_update(
            session=session,
            risk_ids=[a.id],
            change=BulkChange(owner="x" * 121, status="finished", department_id=999),
            today=TODAY,
        )

    assert set(caught.value.errors) == {"owner", "status", "department_id"}
    with pytest.raises(ValidationError) as nothing:
        risks.bulk_update(session=session, risk_ids=[], change=BulkChange(), today=TODAY)
    assert nothing.value.errors == {"__all__": "Select at least one risk."}
    assert snapshot(session) == before


def test_archiving_several_risks_is_all_or_nothing(session: Session) -> None:
    a = new_risk(session, "Warehouse flooding")
    with pytest.raises(NotFoundError):
        risks.set_risks_archived(session=session, risk_ids=[a.id, 999], archived=True, today=TODAY)
    assert risks.get_risk(session=session, risk_id=a.id, today=TODAY).archived is False
    assert risks.set_risks_archived(session=session, risk_ids=[a.id], archived=True, today=TODAY) == 1
    assert risks.get_risk(session=session, risk_id=a.id, today=TODAY).archived is True


# Counts -----------------------------------------------------------------------------------


@pytest.fixture
def register(session: Session) -> dict[str, int]:
    """Five risks: three active, one archived, one closed; one without a residual assessment."""
    on = date(2026, 2, 1)
    other = settings.department_id(session=session, name="Finance")
    made = {
        "R-0001": new_risk(
            session, "Warehouse flooding", assess("inherent", 5, 4, on), assess("residual", 4, 4, on)
        ),
        "R-0002": new_risk(
            session,
            "Key supplier fails",
            assess("inherent", 4, 4, on),
            assess("residual", 4, 4, on),
            department_id=other,
        ),
        "R-0003": new_risk(session, "Cyber attack on the ERP", assess("inherent", 3, 3, on)),
        "R-0004": new_risk(
            session, "Archived fire risk", assess("inherent", 5, 5, on), assess("residual", 5, 5, on)
        ),
        "R-0005": new_risk(
            session,
            "Closed strike risk",
            assess("inherent", 2, 2, on),
            assess("residual", 1, 2, on),
            status="closed",
        ),
    }
    risks.set_risk_archived(session=session, risk_id=made["R-0004"].id, archived=True, today=TODAY)
    return {code: read.id for code, read in made.items()}


def test_heatmap_counts_active_risks_per_cell(session: Session, register: dict[str, int]) -> None:
    assert risks.heatmap_counts(session=session, kind="residual") == {(4, 4): 2}
    assert risks.heatmap_counts(session=session, kind="inherent") == {(5, 4): 1, (4, 4): 1, (3, 3): 1}
    finance = settings.department_id(session=session, name="Finance")
    assert risks.heatmap_counts(session=session, kind="inherent", department_id=finance) == {(4, 4): 1}
    assert risks.heatmap_counts(session=session, kind="target") == {}
    with pytest.raises(ValidationError):
        risks.heatmap_counts(session=session, kind="potential")


def test_risks_in_a_cell(session: Session, register: dict[str, int]) -> None:
    cell = risks.risks_in_cell(session=session, kind="residual", likelihood=4, impact=4, today=TODAY)
    assert [r.code for r in cell] == ["R-0001", "R-0002"]


def test_count_by_level(session: Session, register: dict[str, int]) -> None:
    assert risks.count_by_level(session=session, kind="residual") == {"high": 2}
    assert risks.count_by_level(session=session, kind="inherent") == {"critical": 1, "high": 1, "medium": 1}
    assert risks.count_above_appetite(session=session) == 2


def test_top_risks_rank_only_risks_with_a_residual_assessment(
    session: Session, register: dict[str, int]
) -> None:
    top = risks.top_risks(session=session, limit=10, today=TODAY)
    # R-0003 has only an inherent assessment: it is counted apart, never ranked by its inherent score.
    assert [(r.code, r.residual_score, r.inherent_score) for r in top] == [
        ("R-0001", 16, 20),
        ("R-0002", 16, 16),
    ]
    assert risks.count_unassessed(session=session) == 1
    assert risks.count_active(session=session) == 3
    assert [r.code for r in risks.top_risks(session=session, limit=1, today=TODAY)] == ["R-0001"]


# The register's list -----------------------------------------------------------------------


def test_the_register_lists_open_actions_per_risk_from_one_query_and_sees_unflushed_changes(
    session: Session,
) -> None:
    import dataclasses

    from opsdesk.services.actions import ActionInput, add_action, complete_action, set_action_archived

    busy = new_risk(session, "Key supplier fails", assess("residual", 5, 5, TODAY))
    quiet = new_risk(session, "Warehouse flooding")
    planned = [add_action(session=session, data=ActionInput(title=f"Step {n}", risk_id=busy.id), today=TODAY)
               for n in range(4)]  # fmt: skip
    complete_action(session=session, action_id=planned[0].id, completed_on=TODAY)
    set_action_archived(session=session, action_id=planned[1].id, archived=True)  # archived: not counted

    listed = {risk.code: risk for risk in risks.list_risks(session=session, today=TODAY)}
    assert (listed[busy.code].open_actions, listed[quiet.code].open_actions) == (2, 0)
    assert risks.get_risk(session=session, risk_id=busy.id, today=TODAY).open_actions == 2
    assert [r.open_actions for r in risks.top_risks(session=session, today=TODAY)] == [2]
    # Built fast, but a real RiskRead: frozen, equal and hashable by value, with the service's fields.
    row = listed[busy.code]
    assert type(row) is risks.RiskRead and row == risks.get_risk(
        session=session, risk_id=busy.id, today=TODAY
    )
    assert hash(row) == hash(dataclasses.replace(row))
    assert row.above_appetite and "key supplier fails" in risks.search_text(row)
    with pytest.raises(dataclasses.FrozenInstanceError):
        row.title = "changed"  # type: ignore[misc]
    # A change not yet flushed is in the list, as a query through the session would show it.
    stored = session.get(Risk, quiet.id)
    stored.owner = "Ravi Patel"
    session.add(stored)
    assert [r.owner for r in risks.list_risks(session=session, today=TODAY) if r.id == quiet.id] == [
        "Ravi Patel"
    ]


def test_the_register_table_reads_only_the_fields_it_shows_with_the_values_list_risks_gives(
    session: Session, register: dict[str, int]
) -> None:
    import dataclasses

    from opsdesk.domain.records import RISK
    from opsdesk.services.actions import ActionInput, add_action

    add_action(
        session=session, data=ActionInput(title="Raise the dyke", risk_id=register["R-0001"]), today=TODAY
    )
    stored = session.get(Risk, register["R-0002"])
    stored.cause, stored.next_review = "Single source\nfor housings", date(2026, 3, 1)  # due on TODAY
    session.add(stored)  # not flushed: the table sees it, as list_risks does
    every = [spec.key for spec in RISK.stored()]
    names = [field.name for field in dataclasses.fields(risks.RiskRead)]
    for include_archived in (False, True):
        listed = risks.list_risks(session=session, include_archived=include_archived, today=TODAY)
        full = risks.register_rows(
            session=session, fields=every, include_archived=include_archived, today=TODAY
        )
        assert [[getattr(row, name) for name in names] for row in full] == [
            [getattr(risk, name) for name in names] for risk in listed
        ]
    assert [r.code for r in full] == ["R-0001", "R-0002", "R-0003", "R-0004", "R-0005"]

    lean = {r.code: r for r in risks.register_rows(session=session, fields=["title", "owner"], today=TODAY)}
    assert sorted(lean) == ["R-0001", "R-0002", "R-0003", "R-0005"]  # the archived one left out
    row = lean["R-0002"]
    # What the table shows, filters and counts is read, the names and the flags worked out as list_risks does.
    assert (row.title, row.owner, row.department, row.category) == (
        "Key supplier fails",
        "Mia Chen",
        "Finance",
        row.category,
    )
    assert row.category and row.review_due and row.above_appetite and row.residual_level == "high"
    assert (lean["R-0001"].open_actions, row.open_actions) == (1, 0)
    # A field no shown column needs is not read: None, never a value that looks real.
    assert (row.cause, row.description, row.inherent_score) == (None, None, None)
    assert type(row) is risks.RiskRow
    with pytest.raises(ValueError):
        risks.register_rows(session=session, fields=["no_such_field"])

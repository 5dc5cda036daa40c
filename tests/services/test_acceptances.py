"""Accepting a risk keeps a snapshot of the risk as it stood when the decision was made."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ValidationError
from opsdesk.services import risks, settings
from opsdesk.services.acceptances import acceptance_history
from opsdesk.store.models import AuditEntry, RiskAcceptance

TODAY = date(2026, 3, 16)


def risk_input(session: Session, **changes: object) -> risks.RiskInput:
    data = risks.RiskInput(
        title="Key supplier of housings fails",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
        strategy="reduce",
    )
    return replace(data, **changes)


ACCEPT = dict(
    strategy="accept",
    rationale="Second source costs more than the exposure.",
    acceptance_approver="Dana Fox (COO)",
    acceptance_justification="Supplier audited in January; stock covers 6 weeks.",
    accepted_on=date(2026, 3, 10),
    acceptance_expires=date(2026, 9, 30),
)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def test_accepting_a_risk_keeps_a_snapshot_of_it_and_its_assessments(session: Session) -> None:
    created = risks.create_risk(
        session=session, data=risk_input(session),
        assessments=[risks.AssessmentInput("inherent", 4, 4, assessed_on=date(2026, 1, 5), assessor="Mia Chen")],
        today=TODAY,
    )  # fmt: skip
    assert acceptance_history(session=session, risk_id=created.id) == []

    saved = risks.update_risk(
        session=session, risk_id=created.id, data=risk_input(session, **ACCEPT),
        assessments=[risks.AssessmentInput("residual", 3, 4, assessed_on=date(2026, 3, 10), assessor="Tom Baker")],
        expected_version=created.version, today=TODAY,
    )  # fmt: skip

    history = risks.acceptance_history(session=session, risk_id=created.id)
    assert len(history) == 1
    entry = history[0]
    assert (
        entry.risk_id,
        entry.accepted_on,
        entry.approver,
        entry.justification,
        entry.expires,
        entry.user,
    ) == (
        created.id,
        date(2026, 3, 10),
        "Dana Fox (COO)",
        "Supplier audited in January; stock covers 6 weeks.",
        date(2026, 9, 30),
        session.info["user"],
    )
    snapshot = entry.snapshot
    risk = snapshot["risk"]
    assert (risk["code"], risk["title"], risk["owner"], risk["strategy"], risk["version"]) == (
        "R-0001",
        "Key supplier of housings fails",
        "Mia Chen",
        "accept",
        saved.version,
    )
    assert (risk["category"], risk["department"]) == ("Operational", "Operations")
    assert (risk["accepted_on"], risk["acceptance_expires"]) == ("2026-03-10", "2026-09-30")
    assert (risk["residual_likelihood"], risk["residual_impact"], risk["residual_level"]) == (
        3,
        4,
        saved.residual_level,
    )
    assert sorted(snapshot["assessments"]) == ["inherent", "residual"]
    assert {
        k: snapshot["assessments"]["residual"][k] for k in ("assessed_on", "assessor", "likelihood", "impact")
    } == {
        "assessed_on": "2026-03-10",
        "assessor": "Tom Baker",
        "likelihood": 3,
        "impact": 4,
    }
    # The snapshot row is audited like everything else.
    assert (
        session.exec(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "riskacceptance")
        ).one()
        == 1
    )


def test_the_snapshot_keeps_what_the_risk_said_then_not_now(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session, **ACCEPT), today=TODAY)
    risks.update_risk(session=session, risk_id=created.id, data=risk_input(session, **ACCEPT, owner="Tom Baker"),
                      today=TODAY)  # fmt: skip

    history = acceptance_history(session=session, risk_id=created.id)
    # Changing the owner is not a new acceptance decision: still one snapshot, with the old owner.
    assert [h.snapshot["risk"]["owner"] for h in history] == ["Mia Chen"]

    renewed = {**ACCEPT, "accepted_on": date(2026, 3, 15), "acceptance_expires": date(2027, 3, 31)}
    risks.update_risk(session=session, risk_id=created.id, data=risk_input(session, **renewed, owner="Tom Baker"),
                      today=TODAY)  # fmt: skip
    history = acceptance_history(session=session, risk_id=created.id)
    assert [(h.accepted_on, h.expires, h.snapshot["risk"]["owner"]) for h in history] == [
        (date(2026, 3, 10), date(2026, 9, 30), "Mia Chen"),
        (date(2026, 3, 15), date(2027, 3, 31), "Tom Baker"),
    ]


def test_a_new_acceptance_after_another_strategy_is_a_new_snapshot(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session, **ACCEPT), today=TODAY)
    risks.update_risk(session=session, risk_id=created.id, data=risk_input(session), today=TODAY)
    assert len(acceptance_history(session=session, risk_id=created.id)) == 1
    risks.update_risk(session=session, risk_id=created.id, data=risk_input(session, **ACCEPT), today=TODAY)
    history = acceptance_history(session=session, risk_id=created.id)
    assert [h.snapshot["risk"]["strategy"] for h in history] == ["accept", "accept"]
    assert history[0].id < history[1].id


def test_a_refused_acceptance_keeps_no_snapshot(session: Session) -> None:
    created = risks.create_risk(
        session=session, data=risk_input(session),
        assessments=[risks.AssessmentInput("residual", 5, 5, assessed_on=date(2026, 1, 5))], today=TODAY,
    )  # fmt: skip
    before = (count(session, RiskAcceptance), count(session, AuditEntry))
    with pytest.raises(ValidationError) as caught:
        risks.update_risk(session=session, risk_id=created.id,
                          data=risk_input(session, strategy="accept"), today=TODAY)  # fmt: skip
    assert set(caught.value.errors) == {
        "acceptance_approver",
        "acceptance_justification",
        "acceptance_expires",
    }
    assert (count(session, RiskAcceptance), count(session, AuditEntry)) == before

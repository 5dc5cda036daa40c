"""Creating many risks at once (an import) leaves the register as one create_risk per item would."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ValidationError
from opsdesk.services import risks
from opsdesk.services.risks import AssessmentInput
from opsdesk.store.models import Alert, Assessment, AuditEntry, Risk, RiskAcceptance
from tests.services.test_risks import TODAY, assess, risk_input

# Ids and clock times differ, and so does the version: it counts flushes (one create_risk updates
# a new risk once per assessment; the batch, once), not anything a user changed.
SKIPPED = {
    "id",
    "risk_id",
    "created_at",
    "updated_at",
    "at",
    "hash",
    "prev_hash",
    "entity_id",
    "version",
    "raised_at",
}


def _items(session: Session) -> list[tuple[risks.RiskInput, tuple[AssessmentInput, ...]]]:
    return [
        (risk_input(session, title="Warehouse flooding"), ()),
        (risk_input(session, title="Key supplier fails", owner="  Ann Lee "),
         (assess("inherent", 4, 4, date(2026, 2, 1)), assess("residual", 4, 3, date(2026, 2, 10)),
          assess("target", 2, 2, date(2026, 1, 20)))),
        (risk_input(session, title="Cyber attack on the ERP", strategy="accept", acceptance_approver="Board",
                    acceptance_justification="Insured", accepted_on=date(2026, 3, 1),
                    acceptance_expires=date(2027, 3, 1)),
         (assess("inherent", 5, 4, date(2026, 3, 2)), assess("residual", 4, 4, date(2026, 3, 2)))),
        (risk_input(session, title="Forklift accident", strategy="accept"), (assess("residual", 2, 2, date(2026, 3, 3)),)),
        (risk_input(session, title="Late payroll", next_review=date(2026, 9, 1)), (assess("inherent", 3, 3, None),)),
    ]  # fmt: skip


def _plain(record: object) -> dict[str, object]:
    return {key: value for key, value in record.model_dump().items() if key not in SKIPPED}  # type: ignore[attr-defined]


def _state(session: Session) -> dict[str, object]:
    """What the risk use case wrote, without ids and clock times: by risk code where it belongs to a risk."""
    session.flush()
    code_of = {risk.id: risk.code for risk in session.exec(select(Risk))}
    snapshots = []
    for acceptance in session.exec(select(RiskAcceptance)):
        snapshot = json.loads(acceptance.snapshot)
        snapshots.append((code_of[acceptance.risk_id], _plain(acceptance) | {"snapshot": None},
                          {k: v for k, v in snapshot["risk"].items() if k not in SKIPPED},
                          {kind: {k: v for k, v in values.items() if k not in SKIPPED}
                           for kind, values in snapshot["assessments"].items()}))  # fmt: skip
    return {
        "risks": sorted((risk.code, sorted(_plain(risk).items())) for risk in session.exec(select(Risk))),
        "assessments": sorted(
            (code_of[a.risk_id], sorted(_plain(a).items(), key=str)) for a in session.exec(select(Assessment))
        ),
        "alerts": sorted(
            (code_of[a.risk_id], sorted(_plain(a).items(), key=str)) for a in session.exec(select(Alert))
        ),
        "acceptances": sorted(snapshots, key=str),
        "audit": Counter(
            (entry.entity, entry.action, entry.field, entry.user)
            for entry in session.exec(select(AuditEntry))
        ),
    }


def test_a_batch_writes_what_one_create_risk_per_item_writes(session: Session) -> None:
    items = _items(session)
    one_by_one = session.begin_nested()
    codes = [
        risks.create_risk(session=session, data=data, assessments=a, today=TODAY).code for data, a in items
    ]
    expected = _state(session)
    one_by_one.rollback()
    assert session.exec(select(Risk)).first() is None

    assert [code for _id, code in risks.create_risks(session=session, items=items, today=TODAY)] == codes == [
        "R-0001", "R-0002", "R-0003", "R-0004", "R-0005"]  # fmt: skip
    found = _state(session)
    assert found["risks"] == expected["risks"]
    assert found["assessments"] == expected["assessments"]
    assert (
        found["alerts"] == expected["alerts"] and len(found["alerts"]) == 2
    )  # R-0002 and R-0003 above appetite
    assert found["acceptances"] == expected["acceptances"] and len(found["acceptances"]) == 2
    assert found["audit"] == expected["audit"]
    # The next single risk carries on the numbering.
    assert (
        risks.create_risk(session=session, data=risk_input(session, title="Fire"), today=TODAY).code
        == "R-0006"
    )


def test_one_refused_item_writes_nothing_and_says_which(session: Session) -> None:
    items = _items(session)
    items.insert(2, (risk_input(session, title=""), ()))
    refused = risks.check_new_risks(session=session, items=items, today=TODAY)
    assert list(refused) == [2] and refused[2].codes() == {"title": "required"}
    with pytest.raises(ValidationError):
        risks.create_risks(session=session, items=items, today=TODAY)
    assert session.exec(select(Risk)).first() is None


def _trail(session: Session, after_id: int) -> Counter:
    """The audit entries after an entry id, field by field, each named by what it belongs to, not by row id."""
    session.flush()
    code_of = {str(risk.id): risk.code for risk in session.exec(select(Risk))}
    owner = {"risk": code_of}
    for model in (Assessment, Alert, RiskAcceptance):
        owner[model.__tablename__] = {
            str(row.id): (code_of[str(row.risk_id)], getattr(row, "kind", ""), str(getattr(row, "assessed_on", "")))
            for row in session.exec(select(model))
        }  # fmt: skip
    return Counter(
        (e.entity, owner[e.entity][e.entity_id], e.action, e.field, e.old_value, e.new_value, e.user)
        for e in session.exec(select(AuditEntry).where(AuditEntry.id > after_id))
    )


def test_the_batch_audit_trail_is_the_one_create_risk_writes_field_by_field(session: Session) -> None:
    """An auditor sees the same entries, value for value, and the chain holds."""
    from opsdesk.store.audit_chain import verify_audit_chain

    items = _items(session)
    session.flush()
    start = session.exec(select(func.max(AuditEntry.id))).one() or 0
    one_by_one = session.begin_nested()
    for data, a in items:
        risks.create_risk(session=session, data=data, assessments=a, today=TODAY)
    expected = _trail(session, start)
    one_by_one.rollback()

    risks.create_risks(session=session, items=items, today=TODAY)
    found = _trail(session, start)
    # On PostgreSQL the server's triggers write both trails, from the statements each path sends.
    assert found == expected
    assert sum(found.values()) > 5 * 3  # creates of risks, assessments, alerts, acceptances and updates
    check = verify_audit_chain(session)
    assert check.ok, check.reason

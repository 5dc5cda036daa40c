"""Nonconformities: codes, 5 whys, corrective actions, verification, closing rules, Pareto."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError, NotFoundError, ValidationError
from opsdesk.services.actions import ActionInput, list_actions, update_action
from opsdesk.services.nonconformities import (
    NcInput,
    add_corrective_action,
    close_nonconformity,
    count_overdue_corrective_actions,
    create_nonconformity,
    get_nonconformity,
    list_nonconformities,
    open_counts_by_severity,
    pareto,
    save_nonconformity,
    set_nonconformity_archived,
    set_status,
    update_nonconformity,
    verify_effectiveness,
)
from opsdesk.services.settings import department_id
from opsdesk.store.models import Action, AuditEntry, Nonconformity

TODAY = date(2026, 3, 20)


def count(session: Session, model: type) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def nc_input(**overrides: object) -> NcInput:
    values: dict[str, object] = {"title": "Burr on housing edge", "detected_on": date(2026, 3, 2)}
    values.update(overrides)
    return NcInput(**values)


def new_nc(session: Session, **overrides: object):
    return create_nonconformity(session=session, data=nc_input(**overrides), today=TODAY)


def test_codes_follow_a_sequence_and_rows_hold_the_input(session: Session) -> None:
    operations = department_id(session=session, name="Operations")
    first = new_nc(
        session,
        source="inspection",
        severity="major",
        department_id=operations,
        product_process="  Housing H-20  ",
        owner="Li Wei",
        containment="Sort the lot",
        disposition="rework",
        whys=["Edge not deburred", "", "Deburring skipped", "  "],
        root_cause="No deburring step in the work instruction",
        six_m="method",
    )
    second = new_nc(session, title="Wrong label")

    assert (first.code, second.code) == ("NC-0001", "NC-0002")
    assert first.department == "Operations"
    assert first.whys == ("Edge not deburred", "Deburring skipped")
    assert first.status == "open" and first.version == 1
    assert first.days_open == 18 and first.days_to_close is None
    assert (first.open_actions, first.overdue_actions) == (0, 0)
    assert second.department_id is None and second.department == ""
    row = session.get(Nonconformity, first.id)
    assert row.product_process == "Housing H-20"
    assert json.loads(row.whys) == ["Edge not deburred", "Deburring skipped"]
    assert (row.source, row.severity, row.six_m, row.disposition) == (
        "inspection",
        "major",
        "method",
        "rework",
    )
    creates = session.exec(select(AuditEntry).where(AuditEntry.entity == "nonconformity")).all()
    assert [(e.action, e.new_value) for e in creates] == [("create", "NC-0001"), ("create", "NC-0002")]


def test_whys_are_limited_to_five_answers(session: Session) -> None:
    five = new_nc(session, whys=["w1", "w2", "", "w3", "w4", "w5"])
    assert five.whys == ("w1", "w2", "w3", "w4", "w5")

    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        new_nc(session, whys=["w1", "w2", "w3", "w4", "w5", "w6"])
    assert caught.value.errors == {"whys": "The 5-whys chain holds at most 5 answers (got 6)."}
    assert count(session, Nonconformity) == 1
    assert count(session, AuditEntry) == audit_before


def test_invalid_input_is_refused_with_every_message_and_nothing_written(session: Session) -> None:
    audit_before = count(session, AuditEntry)
    with pytest.raises(ValidationError) as caught:
        new_nc(
            session,
            title="  ",
            detected_on=date(2026, 3, 21),
            source="rumour",
            six_m="money",
            department_id=999,
        )
    assert caught.value.errors == {
        "title": "The title is required.",
        "detected_on": "The detection date cannot be in the future.",
        "source": "The source must be one of inspection, sampling_check, customer_complaint, audit, "
        "code_review, spc_signal, other (got “rumour”).",
        "six_m": "The 6M category must be one of man, machine, method, material, measurement, "
        "environment (got “money”).",
        "department_id": "There is no department with id 999.",
    }
    assert caught.value.codes()["detected_on"] == "nc.detected_in_future"
    zh_sentences = {problem.field: problem.message("zh_CN") for problem in caught.value.problems}
    assert zh_sentences["detected_on"] == "发现日期不能晚于今天。"
    assert zh_sentences["department_id"] == "不存在 ID 为 999 的部门。"
    assert count(session, Nonconformity) == 0
    assert count(session, AuditEntry) == audit_before
    # The code sequence was not consumed by the refused input.
    assert new_nc(session).code == "NC-0001"


def test_update_changes_content_and_refuses_a_stale_version(session: Session) -> None:
    nc = new_nc(session)
    updated = update_nonconformity(
        session=session,
        nc_id=nc.id,
        data=nc_input(severity="critical", six_m="machine"),
        expected_version=1,
        today=TODAY,
    )
    assert (updated.severity, updated.six_m, updated.version) == ("critical", "machine", 2)
    changes = session.exec(
        select(AuditEntry.field, AuditEntry.old_value, AuditEntry.new_value)
        .where(AuditEntry.entity == "nonconformity", AuditEntry.action == "update")
        .order_by(AuditEntry.field)
    ).all()
    assert changes == [("severity", "minor", "critical"), ("six_m", None, "machine")]

    with pytest.raises(ConflictError):
        update_nonconformity(
            session=session, nc_id=nc.id, data=nc_input(title="Other"), expected_version=1, today=TODAY
        )
    assert session.get(Nonconformity, nc.id).title == "Burr on housing edge"
    with pytest.raises(NotFoundError):
        get_nonconformity(session=session, nc_id=999)


def _action(title: str, **overrides: object) -> ActionInput:
    values: dict[str, object] = {"title": title, "owner": "Chen", "due_date": date(2026, 3, 31)}
    values.update(overrides)
    return ActionInput(**values)


def test_corrective_actions_are_linked_and_kind_forced(session: Session) -> None:
    nc = new_nc(session)
    corrective = add_corrective_action(
        session=session, nc_id=nc.id, data=_action("Replace worn die set"), today=TODAY
    )
    preventive = add_corrective_action(
        session=session, nc_id=nc.id, data=_action("Add die wear check", kind="preventive"), today=TODAY
    )
    assert (corrective.kind, corrective.nonconformity_id, corrective.source) == (
        "corrective",
        nc.id,
        "NC-0001",
    )
    assert (preventive.kind, preventive.nonconformity_id) == ("preventive", nc.id)
    listed = list_actions(session=session, nonconformity_id=nc.id, today=TODAY)
    assert [a.title for a in listed] == ["Replace worn die set", "Add die wear check"]


def _audit_count(session: Session) -> int:
    return count(session, AuditEntry)


def test_closing_with_open_actions_is_refused_and_changes_nothing(session: Session) -> None:
    nc = new_nc(session)
    for title in ("Replace worn die set", "Retrain night shift"):
        add_corrective_action(session=session, nc_id=nc.id, data=_action(title), today=TODAY)
    verified = verify_effectiveness(
        session=session,
        nc_id=nc.id,
        effectiveness="effective",
        verified_by="Quality lead",
        verified_on=date(2026, 3, 19),
        today=TODAY,
    )
    audit_before = _audit_count(session)

    with pytest.raises(ValidationError) as caught:
        close_nonconformity(session=session, nc_id=nc.id, expected_version=verified.version, today=TODAY)
    assert caught.value.errors == {
        "status": "NC-0001 cannot be closed: 2 actions are still open (Replace worn die set, Retrain night shift)."
    }
    with pytest.raises(ValidationError):
        set_status(session=session, nc_id=nc.id, status="closed", today=TODAY)

    session.expire_all()
    row = session.get(Nonconformity, nc.id)
    assert (row.status, row.closed_on, row.version) == ("open", None, verified.version)
    assert _audit_count(session) == audit_before


def test_closing_without_verification_is_refused(session: Session) -> None:
    nc = new_nc(session)
    add_corrective_action(
        session=session,
        nc_id=nc.id,
        data=_action("Replace worn die set", status="done", completed_on=date(2026, 3, 10)),
        today=TODAY,
    )
    audit_before = _audit_count(session)
    with pytest.raises(ValidationError) as caught:
        close_nonconformity(session=session, nc_id=nc.id, today=TODAY)
    assert caught.value.errors == {"status": "NC-0001 cannot be closed: effectiveness has not been verified."}
    assert session.get(Nonconformity, nc.id).status == "open"
    assert _audit_count(session) == audit_before


def test_closing_names_both_reasons_and_a_failed_verification(session: Session) -> None:
    nc = new_nc(session)
    add_corrective_action(session=session, nc_id=nc.id, data=_action("Retrain night shift"), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        close_nonconformity(session=session, nc_id=nc.id, today=TODAY)
    assert caught.value.errors["status"] == (
        "NC-0001 cannot be closed: 1 action is still open (Retrain night shift), "
        "and effectiveness has not been verified."
    )

    verify_effectiveness(
        session=session,
        nc_id=nc.id,
        effectiveness="not_effective",
        verified_by="Quality lead",
        verified_on=date(2026, 3, 18),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        close_nonconformity(session=session, nc_id=nc.id, today=TODAY)
    assert caught.value.errors["status"] == (
        "NC-0001 cannot be closed: 1 action is still open (Retrain night shift), "
        "and verification found the actions not effective; add further corrective action."
    )


def test_closing_after_done_actions_and_effective_verification(session: Session) -> None:
    nc = new_nc(session, detected_on=date(2026, 2, 27))
    action = add_corrective_action(
        session=session, nc_id=nc.id, data=_action("Replace worn die set"), today=TODAY
    )
    # A cancelled action does not hold the closure back.
    add_corrective_action(
        session=session, nc_id=nc.id, data=_action("Buy a new press", status="cancelled"), today=TODAY
    )
    update_action(
        session=session,
        action_id=action.id,
        data=_action(
            "Replace worn die set",
            status="done",
            completed_on=date(2026, 3, 9),
            nonconformity_id=nc.id,
            kind="corrective",
        ),
        today=TODAY,
    )
    verify_effectiveness(
        session=session,
        nc_id=nc.id,
        effectiveness="effective",
        verified_by="  Quality lead ",
        verified_on=date(2026, 3, 16),
        today=TODAY,
    )
    closed = close_nonconformity(session=session, nc_id=nc.id, closed_on=date(2026, 3, 17), today=TODAY)

    assert (closed.status, closed.closed_on, closed.days_to_close, closed.days_open) == (
        "closed",
        date(2026, 3, 17),
        18,
        18,
    )
    assert (closed.effectiveness, closed.verified_by, closed.verified_on) == (
        "effective",
        "Quality lead",
        date(2026, 3, 16),
    )
    assert (closed.open_actions, closed.overdue_actions) == (0, 0)
    row = session.get(Nonconformity, nc.id)
    assert (row.status, row.closed_on) == ("closed", date(2026, 3, 17))
    status_change = session.exec(
        select(AuditEntry.old_value, AuditEntry.new_value).where(
            AuditEntry.entity == "nonconformity", AuditEntry.field == "status"
        )
    ).all()
    assert status_change == [("open", "closed")]

    with pytest.raises(ValidationError) as caught:
        add_corrective_action(session=session, nc_id=nc.id, data=_action("Late idea"), today=TODAY)
    assert caught.value.errors == {
        "nonconformity_id": "NC-0001 is closed; reopen it before adding an action."
    }

    reopened = set_status(session=session, nc_id=nc.id, status="action", today=TODAY)
    assert (reopened.status, reopened.closed_on, reopened.days_to_close, reopened.days_open) == (
        "action",
        None,
        None,
        21,
    )


def test_an_editor_save_is_one_transaction_and_a_refused_part_saves_nothing(session: Session) -> None:
    nc = new_nc(session, detected_on=date(2026, 3, 2))
    audit_before = count(session, AuditEntry)

    # A new title and status with a verification dated before the detection: all refused.
    with pytest.raises(ValidationError) as caught:
        save_nonconformity(
            session=session, nc_id=nc.id, data=nc_input(title="Burr on housing edge, lot 7"), status="action",
            verification=("effective", "Quality lead", date(2026, 3, 1)), expected_version=nc.version, today=TODAY,
        )  # fmt: skip
    assert caught.value.errors == {
        "verified_on": "The verification date cannot be before the detection date (2026-03-02)."
    }
    assert get_nonconformity(session=session, nc_id=nc.id, today=TODAY) == nc
    assert count(session, AuditEntry) == audit_before

    # The same save, made valid, writes all three parts as one new version.
    saved = save_nonconformity(
        session=session, nc_id=nc.id, data=nc_input(title="Burr on housing edge, lot 7"), status="action",
        verification=("effective", "Quality lead", date(2026, 3, 16)), expected_version=nc.version, today=TODAY,
    )  # fmt: skip
    assert (saved.title, saved.status, saved.effectiveness, saved.verified_on) == (
        "Burr on housing edge, lot 7",
        "action",
        "effective",
        date(2026, 3, 16),
    )
    assert saved.version == nc.version + 1


def test_a_verification_and_the_closing_can_be_saved_together(session: Session) -> None:
    nc = new_nc(session, detected_on=date(2026, 3, 2))
    closed = save_nonconformity(
        session=session, nc_id=nc.id, status="closed", verification=("effective", "Quality lead", date(2026, 3, 16)),
        expected_version=nc.version, today=TODAY,
    )  # fmt: skip
    assert (closed.status, closed.closed_on, closed.effectiveness) == ("closed", TODAY, "effective")


def test_close_date_and_verification_are_checked(session: Session) -> None:
    nc = new_nc(session)
    with pytest.raises(ValidationError) as caught:
        verify_effectiveness(
            session=session,
            nc_id=nc.id,
            effectiveness="great",
            verified_by=" ",
            verified_on=date(2026, 3, 21),
            today=TODAY,
        )
    assert caught.value.errors == {
        "effectiveness": "The verification result must be one of effective, partly, not_effective (got “great”).",
        "verified_by": "The name of the verifier is required.",
        "verified_on": "The verification date cannot be in the future.",
    }
    verify_effectiveness(
        session=session,
        nc_id=nc.id,
        effectiveness="partly",
        verified_by="QA",
        verified_on=date(2026, 3, 10),
        today=TODAY,
    )
    with pytest.raises(ValidationError) as caught:
        close_nonconformity(session=session, nc_id=nc.id, closed_on=date(2026, 3, 9), today=TODAY)
    assert caught.value.errors == {
        "closed_on": "The closing date cannot be before the verification date (2026-03-10)."
    }
    with pytest.raises(ConflictError):
        close_nonconformity(session=session, nc_id=nc.id, expected_version=1, today=TODAY)
    assert session.get(Nonconformity, nc.id).status == "open"


def test_list_filters_and_action_counts(session: Session) -> None:
    sales = department_id(session=session, name="Sales")
    first = new_nc(session, severity="major", source="customer_complaint", department_id=sales)
    second = new_nc(session, title="Scratched panel", six_m="machine")
    third = new_nc(session, title="Old issue")
    set_nonconformity_archived(session=session, nc_id=third.id, archived=True)
    add_corrective_action(
        session=session, nc_id=first.id, data=_action("Overdue fix", due_date=date(2026, 3, 19)), today=TODAY
    )
    add_corrective_action(
        session=session, nc_id=first.id, data=_action("Due today", due_date=TODAY), today=TODAY
    )
    add_corrective_action(session=session, nc_id=first.id, data=_action("Done", status="done"), today=TODAY)

    listed = list_nonconformities(session=session, today=TODAY)
    assert [(n.code, n.open_actions, n.overdue_actions) for n in listed] == [
        ("NC-0001", 2, 1),
        ("NC-0002", 0, 0),
    ]
    assert listed[0].department == "Sales"
    assert [n.code for n in list_nonconformities(session=session, include_archived=True, today=TODAY)] == [
        "NC-0001",
        "NC-0002",
        "NC-0003",
    ]
    assert [n.code for n in list_nonconformities(session=session, severity="major", today=TODAY)] == [
        "NC-0001"
    ]
    assert [
        n.code for n in list_nonconformities(session=session, source="customer_complaint", today=TODAY)
    ] == ["NC-0001"]
    assert [n.code for n in list_nonconformities(session=session, six_m="machine", today=TODAY)] == [
        "NC-0002"
    ]
    assert [n.code for n in list_nonconformities(session=session, department_id=sales, today=TODAY)] == [
        "NC-0001"
    ]
    set_status(session=session, nc_id=second.id, status="investigating", today=TODAY)
    assert [n.code for n in list_nonconformities(session=session, status="investigating", today=TODAY)] == [
        "NC-0002"
    ]
    assert [n.code for n in list_nonconformities(session=session, open_only=True, today=TODAY)] == [
        "NC-0001",
        "NC-0002",
    ]

    assert open_counts_by_severity(session=session) == {"minor": 1, "major": 1, "critical": 0}
    assert count_overdue_corrective_actions(session=session, today=TODAY) == 1
    assert count_overdue_corrective_actions(session=session, today=date(2026, 4, 1)) == 2
    # Actions of an archived nonconformity are not counted as overdue CAPA.
    set_nonconformity_archived(session=session, nc_id=first.id, archived=True)
    assert count_overdue_corrective_actions(session=session, today=TODAY) == 0
    assert count(session, Action) == 3


def test_pareto_orders_by_count_then_code_with_cumulative_percent(session: Session) -> None:
    for six_m, n in (("material", 1), ("method", 2), ("machine", 3), ("man", 2)):
        for _ in range(n):
            new_nc(session, six_m=six_m, source="inspection" if six_m == "machine" else "audit")
    new_nc(session, six_m=None)  # not analysed yet: left out
    archived = new_nc(session, six_m="environment")
    set_nonconformity_archived(session=session, nc_id=archived.id, archived=True)
    new_nc(session, six_m="measurement", detected_on=date(2026, 1, 5))

    in_range = pareto(session=session, by="six_m", since=date(2026, 2, 1), until=date(2026, 3, 31))
    assert in_range == [("machine", 3, 37.5), ("man", 2, 62.5), ("method", 2, 87.5), ("material", 1, 100.0)]
    everything = pareto(session=session, by="six_m")
    assert [code for code, _, _ in everything] == ["machine", "man", "method", "material", "measurement"]
    assert everything[-1] == ("measurement", 1, 100.0)
    assert pareto(session=session, by="source", until=date(2026, 2, 1)) == [("other", 1, 100.0)]
    by_source = pareto(session=session, by="source", since=date(2026, 2, 1))
    assert [(code, n) for code, n, _ in by_source] == [("audit", 5), ("inspection", 3), ("other", 1)]
    assert [percent for _, _, percent in by_source] == pytest.approx([500 / 9, 800 / 9, 100.0])
    assert by_source[-1][2] == 100.0
    with pytest.raises(ValidationError) as caught:
        pareto(session=session, by="owner")
    assert caught.value.codes() == {"by": "nc.pareto_by"}

"""The audit trail: every create, change, archive and restore becomes rows, in the same transaction."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ValidationError
from opsdesk.services import risks, settings
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry, Department, Risk

TODAY = date(2026, 3, 16)


def risk_input(session: Session, **changes: object) -> risks.RiskInput:
    data = risks.RiskInput(
        title="Key supplier of housings fails",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
    )
    return replace(data, **changes)


def audit_rows(session: Session, after_id: int = 0) -> list[AuditEntry]:
    statement = select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id)
    return list(session.exec(statement))


def last_audit_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).one()


def summary(rows: list[AuditEntry]) -> list[tuple]:
    return [(r.entity, r.entity_id, r.action, r.field, r.old_value, r.new_value, r.user) for r in rows]


def test_creating_a_risk_writes_a_create_row(session: Session) -> None:
    mark = last_audit_id(session)
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)

    risk_rows = [r for r in audit_rows(session, mark) if r.entity == "risk"]
    creates = [r for r in risk_rows if r.action == "create"]
    assert summary(creates) == [
        ("risk", str(created.id), "create", None, None, "R-0001", session.info["user"])
    ]
    assert risk_rows[0] is creates[0]
    assert {r.action for r in risk_rows} <= {"create", "update"}


def test_editing_title_and_owner_writes_exactly_two_update_rows(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    mark = last_audit_id(session)

    risks.update_risk(
        session=session,
        risk_id=created.id,
        data=risk_input(session, title="Sole supplier of housings goes bankrupt", owner="Tom Baker"),
        expected_version=created.version,
        today=TODAY,
    )

    rows = audit_rows(session, mark)
    assert sorted(summary(rows), key=lambda row: row[3]) == [
        ("risk", str(created.id), "update", "owner", "Mia Chen", "Tom Baker", session.info["user"]),
        (
            "risk",
            str(created.id),
            "update",
            "title",
            "Key supplier of housings fails",
            "Sole supplier of housings goes bankrupt",
            session.info["user"],
        ),
    ]
    # Both changes were made in one flush, so they carry the same time.
    assert rows[0].at == rows[1].at


def test_archive_and_restore_write_their_own_actions(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)

    mark = last_audit_id(session)
    risks.set_risk_archived(session=session, risk_id=created.id, archived=True, today=TODAY)
    assert summary(audit_rows(session, mark)) == [
        ("risk", str(created.id), "archive", "archived", "False", "True", session.info["user"])
    ]

    mark = last_audit_id(session)
    risks.set_risk_archived(session=session, risk_id=created.id, archived=False, today=TODAY)
    assert summary(audit_rows(session, mark)) == [
        ("risk", str(created.id), "restore", "archived", "True", "False", session.info["user"])
    ]


def test_archiving_twice_writes_nothing_the_second_time(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    risks.set_risk_archived(session=session, risk_id=created.id, archived=True, today=TODAY)
    mark = last_audit_id(session)

    risks.set_risk_archived(session=session, risk_id=created.id, archived=True, today=TODAY)

    assert audit_rows(session, mark) == []


def test_a_refused_update_writes_no_audit_rows(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    mark = last_audit_id(session)

    with pytest.raises(ValidationError) as caught:
        risks.update_risk(
            session=session,
            risk_id=created.id,
            data=risk_input(session, title="   ", owner="Tom Baker"),
            today=TODAY,
        )

    assert caught.value.errors == {"title": "The title is required."}
    assert audit_rows(session, mark) == []
    stored = session.get(Risk, created.id)
    assert (stored.title, stored.owner, stored.version) == (
        "Key supplier of housings fails",
        "Mia Chen",
        created.version,
    )


def test_bookkeeping_columns_are_not_audited(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    mark = last_audit_id(session)

    risks.update_risk(
        session=session, risk_id=created.id, data=risk_input(session, owner="Tom Baker"), today=TODAY
    )

    fields = [row.field for row in audit_rows(session, mark)]
    assert fields == ["owner"]
    assert session.get(Risk, created.id).version == created.version + 1


def test_saving_unchanged_values_writes_no_audit_rows(session: Session) -> None:
    created = risks.create_risk(session=session, data=risk_input(session), today=TODAY)
    mark = last_audit_id(session)

    risks.update_risk(session=session, risk_id=created.id, data=risk_input(session), today=TODAY)

    assert [row.field for row in audit_rows(session, mark)] == []


def test_audit_rows_roll_back_with_the_change(database: Database) -> None:
    with database.session() as session:
        mark = last_audit_id(session)
        session.add(Department(name="Legal"))
        session.flush()  # the audit rows are written here, inside the open transaction
        assert [row.action for row in audit_rows(session, mark)] == ["create"]
        session.rollback()

    with database.session() as session:
        assert audit_rows(session, mark) == []
        assert session.exec(select(Department).where(Department.name == "Legal")).first() is None


@pytest.mark.sqlite_only  # on a server the server names the login (see the server tests below)
def test_the_user_comes_from_the_session(database: Database) -> None:
    with database.session() as session:
        session.info["user"] = "auditor.jane"
        mark = last_audit_id(session)
        session.add(Department(name="Legal"))
        session.commit()
        rows = audit_rows(session, mark)

    assert summary(rows) == [
        ("department", str(rows[0].entity_id), "create", None, None, "Legal", "auditor.jane")
    ]

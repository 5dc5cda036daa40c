"""Optimistic locking: a second writer working on a stale copy gets a clear conflict, the first change stays."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlmodel import Session, func, select

from opsdesk.domain.errors import ConflictError
from opsdesk.services import common, risks, settings
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry, Risk

TODAY = date(2026, 3, 16)


def risk_input(session: Session, **changes: object) -> risks.RiskInput:
    data = risks.RiskInput(
        title="Warehouse flooding",
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
    )
    return replace(data, **changes)


def audit_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(AuditEntry)).one()


@pytest.fixture
def risk_id(database: Database) -> int:
    with database.session() as session:
        return risks.create_risk(session=session, data=risk_input(session), today=TODAY).id


def stored(database: Database, risk_id: int) -> tuple[str, str, int]:
    with database.session() as session:
        risk = session.get(Risk, risk_id)
        return risk.title, risk.owner, risk.version


def test_the_second_of_two_concurrent_edits_gets_a_conflict(database: Database, risk_id: int) -> None:
    _, _, version = stored(database, risk_id)
    with database.session() as first, database.session() as second:
        mine = first.get(Risk, risk_id)
        theirs = second.get(Risk, risk_id)
        assert mine.version == theirs.version == version

        mine.title = "Warehouse flooding after heavy rain"
        theirs.owner = "Tom Baker"
        first.add(mine)
        second.add(theirs)
        first.commit()
        audits_after_first = audit_count(first)

        with pytest.raises(ConflictError) as caught:
            common.flush(second, "risk")

    assert str(caught.value) == (
        "This risk was changed by someone else since you opened it. "
        "Your changes were not saved; reload to see theirs."
    )
    # The first change is kept, the second left no trace (not even audit rows).
    assert stored(database, risk_id) == ("Warehouse flooding after heavy rain", "Mia Chen", version + 1)
    with database.session() as session:
        assert audit_count(session) == audits_after_first


def test_the_losing_session_can_reload_and_save(database: Database, risk_id: int) -> None:
    with database.session() as first, database.session() as second:
        mine = first.get(Risk, risk_id)
        theirs = second.get(Risk, risk_id)
        mine.title = "Warehouse flooding after heavy rain"
        theirs.owner = "Tom Baker"
        first.commit()
        with pytest.raises(ConflictError):
            common.flush(second, "risk")
        second.rollback()  # what the unit of work does with a refused save

        # After the rollback the session reloads the current row and can apply the edit again.
        theirs = second.get(Risk, risk_id)
        theirs.owner = "Tom Baker"
        second.commit()

    title, owner, _ = stored(database, risk_id)
    assert (title, owner) == ("Warehouse flooding after heavy rain", "Tom Baker")


def test_update_risk_with_a_stale_version_changes_nothing(database: Database, risk_id: int) -> None:
    with database.session() as session:
        current = risks.get_risk(session=session, risk_id=risk_id, today=TODAY)
        risks.update_risk(
            session=session,
            risk_id=risk_id,
            data=risk_input(session, owner="Tom Baker"),
            expected_version=current.version,
            today=TODAY,
        )
    before = stored(database, risk_id)
    with database.session() as session:
        audits_before = audit_count(session)

        with pytest.raises(ConflictError) as caught:
            risks.update_risk(
                session=session,
                risk_id=risk_id,
                data=risk_input(session, title="Stale edit"),
                expected_version=current.version,
                today=TODAY,
            )
        assert audit_count(session) == audits_before

    assert str(caught.value) == (
        f"This risk was changed by someone else since you opened it (version {current.version}, "
        f"now {current.version + 1}). Your input is kept; reload to see their change."
    )
    assert caught.value.current.id == risk_id
    assert stored(database, risk_id) == before
    assert before[:2] == ("Warehouse flooding", "Tom Baker")


def test_update_risk_with_the_current_version_saves_and_bumps_it(database: Database, risk_id: int) -> None:
    with database.session() as session:
        current = risks.get_risk(session=session, risk_id=risk_id, today=TODAY)
        saved = risks.update_risk(
            session=session,
            risk_id=risk_id,
            data=risk_input(session, title="Warehouse roof leaks"),
            expected_version=current.version,
            today=TODAY,
        )
    assert saved.version == current.version + 1
    assert stored(database, risk_id) == ("Warehouse roof leaks", "Mia Chen", current.version + 1)


def test_archiving_a_stale_copy_is_refused(database: Database, risk_id: int) -> None:
    with database.session() as session:
        current = risks.get_risk(session=session, risk_id=risk_id, today=TODAY)
        risks.update_risk(
            session=session, risk_id=risk_id, data=risk_input(session, owner="Tom Baker"), today=TODAY
        )
        with pytest.raises(ConflictError):
            risks.set_risk_archived(
                session=session, risk_id=risk_id, archived=True, expected_version=current.version, today=TODAY
            )
    with database.session() as session:
        assert session.get(Risk, risk_id).archived is False

"""The audit trail written with fewer statements: the chain head kept for a transaction, and the
entries of many flushes held back and written together (the demo load). The trail must be the
one the flushes write one by one: same entries, and a chain that verifies."""

from __future__ import annotations

from contextlib import nullcontext

import pytest
from sqlalchemy import insert
from sqlmodel import Session, func, select

from opsdesk.store.audit import BulkAudit, entries_held
from opsdesk.store.audit_chain import chain, last_hash, verify_audit_chain
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry, Department, utcnow

pytestmark = pytest.mark.sqlite_only  # on a server the server's triggers write the trail


def trail(session: Session, after_id: int = 0) -> list[tuple]:
    statement = select(AuditEntry).where(AuditEntry.id > after_id).order_by(AuditEntry.id)
    return [(e.entity, e.action, e.field, e.old_value, e.new_value) for e in session.exec(statement)]


def newest_id(session: Session) -> int:
    return session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).one()


def rename(session: Session, department: Department, name: str) -> None:
    department.name = name
    session.add(department)
    session.flush()


def test_flushes_in_one_transaction_chain_on_each_other(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        legal = Department(name="Legal")
        session.add(legal)
        session.flush()
        rename(session, legal, "Legal affairs")
        rename(session, legal, "Legal and compliance")

    with database.session() as session:
        assert trail(session, mark) == [
            ("department", "create", None, None, "Legal"),
            ("department", "update", "name", "Legal", "Legal affairs"),
            ("department", "update", "name", "Legal affairs", "Legal and compliance"),
        ]
        assert verify_audit_chain(session).ok


def test_an_entry_written_by_another_path_between_flushes_keeps_the_chain(database: Database) -> None:
    with database.session() as session:
        legal = Department(name="Legal")
        session.add(legal)
        session.flush()
        # A batch that writes its own entries with Core (as an import's bulk insert does).
        connection = session.connection()
        rows = [dict(entity="department", entity_id="0", action="update", field="note", old_value=None,
                     new_value="bulk", user="tester", at=utcnow())]  # fmt: skip
        chain(last_hash(connection), rows)
        connection.execute(insert(AuditEntry.__table__), rows)
        rename(session, legal, "Legal affairs")

    with database.session() as session:
        check = verify_audit_chain(session)
        assert check.ok, check.reason


def test_a_bulk_batch_between_flushes_and_inside_held_entries_keeps_the_chain(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        legal = Department(name="Legal")
        session.add(legal)
        session.flush()
        bulk = BulkAudit(session)  # an import's rows written with Core statements
        bulk.created("department", 0, {"name": "Imported"})
        bulk.write()
        rename(session, legal, "Legal affairs")
        with entries_held(session):
            rename(session, legal, "Legal and compliance")
            bulk.created("department", 0, {"name": "Imported again"})
            bulk.write()  # the held entry goes first
            rename(session, legal, "Legal")

    with database.session() as session:
        assert [entry[4] for entry in trail(session, mark)] == [
            "Legal", "Imported", "Legal affairs", "Legal and compliance", "Imported again", "Legal"
        ]  # fmt: skip
        check = verify_audit_chain(session)
        assert check.ok, check.reason


def test_a_savepoint_rolled_back_between_flushes_keeps_the_chain(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        legal = Department(name="Legal")
        session.add(legal)
        session.flush()
        savepoint = session.begin_nested()
        session.add(Department(name="Tax"))
        session.flush()
        savepoint.rollback()
        rename(session, legal, "Legal affairs")

    with database.session() as session:
        assert trail(session, mark) == [
            ("department", "create", None, None, "Legal"),
            ("department", "update", "name", "Legal", "Legal affairs"),
        ]
        check = verify_audit_chain(session)
        assert check.ok, check.reason


def test_held_entries_are_the_ones_each_flush_makes_written_when_the_block_ends(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        with entries_held(session):
            legal = Department(name="Legal")
            session.add(legal)
            session.flush()
            rename(session, legal, "Legal affairs")
            rename(session, legal, "Legal and compliance")
            assert newest_id(session) == mark  # not written yet
        assert len(trail(session, mark)) == 3

    with database.session() as session:
        assert trail(session, mark) == [
            ("department", "create", None, None, "Legal"),
            ("department", "update", "name", "Legal", "Legal affairs"),
            ("department", "update", "name", "Legal affairs", "Legal and compliance"),
        ]
        assert verify_audit_chain(session).ok


def savepoints_scenario(database: Database, hold: bool) -> list[tuple]:
    with database.session() as session:
        mark = newest_id(session)
        with entries_held(session) if hold else nullcontext():
            legal = Department(name=f"Legal {hold}")
            session.add(legal)
            session.flush()
            savepoint = session.begin_nested()
            session.add(Department(name=f"Tax {hold}"))
            rename(session, legal, f"Legal affairs {hold}")
            savepoint.rollback()
            with session.begin_nested():  # a savepoint that is released keeps its entries
                session.add(Department(name=f"Procurement {hold}"))
                session.flush()
            rename(session, legal, f"Legal and compliance {hold}")
    with database.session() as session:
        return [tuple(str(v).replace(str(hold), "") for v in entry) for entry in trail(session, mark)]


def test_a_savepoint_rolled_back_takes_its_held_entries_back(database: Database) -> None:
    one_by_one = savepoints_scenario(database, hold=False)
    held = savepoints_scenario(database, hold=True)

    assert held == one_by_one
    assert [entry[:2] for entry in held] == [
        ("department", "create"), ("department", "create"), ("department", "update")
    ]  # fmt: skip
    assert held[1][4] == "Procurement "  # the rolled-back Tax and rename left nothing
    with database.session() as session:
        check = verify_audit_chain(session)
        assert check.ok, check.reason


def test_a_commit_inside_the_block_writes_the_held_entries_first(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        with entries_held(session):
            session.add(Department(name="Legal"))
            session.commit()
            session.add(Department(name="Tax"))
            session.flush()

    with database.session() as session:
        assert trail(session, mark) == [
            ("department", "create", None, None, "Legal"),
            ("department", "create", None, None, "Tax"),
        ]
        assert verify_audit_chain(session).ok


def test_held_entries_are_written_when_the_block_fails_for_the_caller_may_commit(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        with pytest.raises(RuntimeError), entries_held(session):
            session.add(Department(name="Legal"))
            session.flush()
            raise RuntimeError("one step failed; the caller keeps what was done")

    with database.session() as session:
        assert trail(session, mark) == [("department", "create", None, None, "Legal")]
        assert verify_audit_chain(session).ok


def test_held_entries_of_a_transaction_rolled_back_are_not_written(database: Database) -> None:
    with database.session() as session:
        mark = newest_id(session)
        with entries_held(session):
            session.add(Department(name="Legal"))
            session.flush()
            session.rollback()
            session.add(Department(name="Tax"))

    with database.session() as session:
        assert trail(session, mark) == [("department", "create", None, None, "Tax")]
        assert session.exec(select(Department).where(Department.name == "Legal")).first() is None
        assert verify_audit_chain(session).ok

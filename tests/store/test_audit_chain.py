"""The tamper-evident audit trail: a hash chain written with every change, append-only, checked by `opsdesk check`."""

from __future__ import annotations

import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from opsdesk.cli import main
from opsdesk.services import risks, settings
from opsdesk.store import migrations
from opsdesk.store.audit_chain import GENESIS, chain, entry_hash, verify_audit_chain
from opsdesk.store.backup import list_backups
from opsdesk.store.database import Database, database_url, make_engine, open_database
from opsdesk.store.models import AuditEntry, Department
from tests.postgres import drop_trigger, fresh_postgres_database, full_url, outside_opsdesk

TODAY = date(2026, 3, 16)


def risk_input(session: Session, title: str = "Warehouse flooding") -> risks.RiskInput:
    return risks.RiskInput(
        title=title,
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
        owner="Mia Chen",
    )


def add_risks(database: Database, *titles: str) -> None:
    with database.session() as session:
        for title in titles:
            risks.create_risk(session=session, data=risk_input(session, title), today=TODAY)


def raw(path: Path, *statements: str) -> None:
    """Changes made behind OpsDesk's back, as someone with the file and the sqlite3 tool could."""
    connection = sqlite3.connect(str(path))
    try:
        for statement in statements:
            connection.execute(statement)
        connection.commit()
    finally:
        connection.close()


def check_command(database: Database) -> list[str]:
    return ["--db", full_url(database), "check"]


def entries(database: Database) -> list[AuditEntry]:
    with database.session() as session:
        return list(session.exec(select(AuditEntry).order_by(AuditEntry.id)))


def test_every_entry_is_chained_to_the_one_before(database: Database) -> None:
    add_risks(database, "Warehouse flooding", "Key supplier fails")
    rows = entries(database)
    assert len(rows) > 10
    previous = GENESIS
    for row in rows:
        assert row.prev_hash == previous
        content = {name: getattr(row, name) for name in ("entity", "entity_id", "action", "field", "old_value",
                                                        "new_value", "user", "at")}  # fmt: skip
        assert row.hash == entry_hash(previous, content)
        assert len(row.hash) == 64
        previous = row.hash
    with database.session() as session:
        check = verify_audit_chain(session)
    assert (check.ok, check.entries, check.first_bad_id, check.reason) == (True, len(rows), None, "")
    assert check.last_hash == rows[-1].hash
    assert check.describe() == f"audit trail intact ({len(rows)} entries)"


@pytest.mark.sqlite_only
def test_the_write_lock_is_held_when_the_last_hash_is_read(database: Database) -> None:
    # after_flush reads the last hash: the flush's INSERT must already hold SQLite's write lock,
    # or another process could append between that read and our insert and fork the chain.
    probe = sqlite3.connect(str(database.path), timeout=0, isolation_level=None)
    seen: list[str] = []

    from sqlalchemy import event

    def after_flush(session: Session, _context: object) -> None:
        try:
            probe.execute("BEGIN IMMEDIATE")
            probe.execute("ROLLBACK")
            seen.append("free")
        except sqlite3.OperationalError as exc:
            seen.append(str(exc))

    try:
        with database.session() as session:
            event.listen(session, "after_flush", after_flush)
            session.add(Department(name="Legal"))
            session.commit()
    finally:
        probe.close()
    assert seen == ["database is locked"]


def test_on_a_server_the_chain_head_is_locked_until_commit() -> None:
    # PostgreSQL lets two writers run at once: the head row the audit function locks before it
    # reads the last hash must stay locked to the commit, or another writer could read the same.
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError
    from sqlalchemy.pool import NullPool

    from opsdesk.store.server_audit import HEAD_TABLE

    with fresh_postgres_database() as database:
        probe_engine = create_engine(full_url(database), poolclass=NullPool)

        def head_is_free() -> bool:
            with probe_engine.connect() as probe:
                try:
                    probe.exec_driver_sql(f"SELECT 1 FROM {HEAD_TABLE} WHERE id = 1 FOR UPDATE NOWAIT")
                except OperationalError:
                    return False
                finally:
                    probe.rollback()
            return True

        try:
            with database.session() as session:
                session.add(Department(name="Legal"))
                session.flush()  # the audit rows are written: the head is locked
                seen = [head_is_free()]
                session.commit()
            seen.append(head_is_free())  # released with the commit
        finally:
            probe_engine.dispose()
    assert seen == [False, True]


@pytest.mark.parametrize(
    "statement",
    ["UPDATE auditentry SET new_value = 'R-9999' WHERE id = 1", "DELETE FROM auditentry WHERE id = 2",
     "DELETE FROM auditentry"],
)  # fmt: skip
def test_the_audit_trail_refuses_update_and_delete(database: Database, statement: str) -> None:
    add_risks(database, "Warehouse flooding")
    before = [(r.id, r.new_value, r.hash) for r in entries(database)]
    with pytest.raises(IntegrityError, match="the audit trail is append-only"):
        outside_opsdesk(database, statement)
    assert [(r.id, r.new_value, r.hash) for r in entries(database)] == before


def test_on_a_server_not_even_truncate_empties_the_trail() -> None:
    with fresh_postgres_database() as database:
        add_risks(database, "Warehouse flooding")
        with pytest.raises(IntegrityError, match="the audit trail is append-only"):
            outside_opsdesk(database, "TRUNCATE auditentry")
        assert len(entries(database)) > 0


def test_an_altered_entry_is_named_by_check(database: Database, capsys: pytest.CaptureFixture[str]) -> None:
    add_risks(database, "Warehouse flooding", "Key supplier fails")
    target = next(r for r in entries(database) if r.entity == "risk" and r.action == "create")
    assert target.new_value == "R-0001"
    # An attacker drops the trigger first, then rewrites history.
    outside_opsdesk(
        database,
        drop_trigger(database, "auditentry_append_only_update"),
        f"UPDATE auditentry SET new_value = 'R-0007' WHERE id = {target.id}",
    )

    with database.session() as session:
        check = verify_audit_chain(session)
    assert (check.ok, check.first_bad_id, check.reason) == (
        False,
        target.id,
        "its content does not match its hash",
    )
    database.dispose()
    capsys.readouterr()
    assert main(check_command(database)) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"audit trail altered at entry #{target.id} (its content does not match its hash)\n"
        "guard changed: trigger auditentry_append_only_update on auditentry is missing\n"
    )
    assert captured.err == f"{database.display_name}: the audit trail was changed outside OpsDesk.\n"


def test_an_entry_rehashed_by_the_attacker_breaks_the_link_of_the_next(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    rows = entries(database)
    target, following = rows[3], rows[4]
    forged = dict(entity=target.entity, entity_id=target.entity_id, action=target.action, field=target.field,
                  old_value=target.old_value, new_value="forged", user=target.user, at=target.at)  # fmt: skip
    outside_opsdesk(
        database,
        drop_trigger(database, "auditentry_append_only_update"),
        f"UPDATE auditentry SET new_value = 'forged', hash = '{entry_hash(target.prev_hash, forged)}' "
        f"WHERE id = {target.id}",
    )
    with database.session() as session:
        check = verify_audit_chain(session)
    assert (check.ok, check.first_bad_id) == (False, following.id)
    assert check.reason == (
        f"it does not link to entry #{target.id}: an entry between them was deleted or changed"
    )


def test_a_deleted_entry_shows_where_the_chain_breaks(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    add_risks(database, "Warehouse flooding", "Key supplier fails")
    rows = entries(database)
    gone, following = rows[5], rows[6]
    outside_opsdesk(
        database,
        drop_trigger(database, "auditentry_append_only_delete"),
        f"DELETE FROM auditentry WHERE id = {gone.id}",
    )
    database.dispose()

    assert main(check_command(database)) == 1
    assert capsys.readouterr().out == (
        f"audit trail altered at entry #{following.id} (it does not link to entry #{rows[4].id}: "
        "an entry between them was deleted or changed)\n"
        "guard changed: trigger auditentry_append_only_delete on auditentry is missing\n"
    )


def test_deleting_the_first_entries_is_detected(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    rows = entries(database)
    outside_opsdesk(
        database,
        drop_trigger(database, "auditentry_append_only_delete"),
        f"DELETE FROM auditentry WHERE id <= {rows[1].id}",
    )
    with database.session() as session:
        check = verify_audit_chain(session)
    assert (check.ok, check.first_bad_id) == (False, rows[2].id)
    assert (
        check.reason
        == "it is the first entry left but links to an earlier one: entries before it were deleted"
    )


def test_an_entry_inserted_outside_opsdesk_has_no_hash(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    outside_opsdesk(
        database,
        'INSERT INTO auditentry (entity, entity_id, action, "user", at) '
        "VALUES ('risk', '1', 'update', 'mallory', '2026-03-16 10:00:00.000000')",
    )
    last = entries(database)[-1]
    with database.session() as session:
        check = verify_audit_chain(session)
    assert (check.ok, check.first_bad_id, check.reason) == (
        False,
        last.id,
        "it has no hash: it was written outside OpsDesk",
    )


def test_an_upgrade_from_the_first_schema_seals_the_existing_history(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    engine = make_engine(database_url(path))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0001")
        with engine.begin() as connection:
            connection.exec_driver_sql(
                "INSERT INTO department (name, archived, version) VALUES ('Legal', 0, 1)"
            )
            for number, (action, value) in enumerate([("create", "Legal"), ("update", "Legal & Compliance")]):
                connection.exec_driver_sql(
                    "INSERT INTO auditentry (entity, entity_id, action, field, old_value, new_value, user, at) "
                    f"VALUES ('department', '1', '{action}', NULL, NULL, '{value}', 'olga', "
                    f"'2025-12-0{number + 1} 09:30:00.000000')"
                )
    finally:
        engine.dispose()

    database = open_database(path, user="tester")
    try:
        assert migrations.current_revision(database) == migrations.head_revision()
        rows = entries(database)
        assert [(r.action, r.new_value, r.user) for r in rows] == [
            ("create", "Legal", "olga"),
            ("update", "Legal & Compliance", "olga"),
        ]
        assert rows[0].prev_hash == GENESIS
        assert rows[1].prev_hash == rows[0].hash
        # New entries continue the chain the upgrade started.
        with database.session() as session:
            settings.ensure_defaults(session=session)
            check = verify_audit_chain(session)
        assert (check.ok, check.entries) == (True, len(entries(database)))
        assert check.entries > 2
    finally:
        database.dispose()
    backups = list_backups(path)
    assert [b.reason for b in backups] == ["before-upgrade"]
    copy = sqlite3.connect(str(backups[0].path))
    try:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [("0001",)]
        assert copy.execute("SELECT count(*) FROM auditentry").fetchone() == (2,)
    finally:
        copy.close()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        raw(path, "DELETE FROM auditentry")


def test_a_batch_is_chained_with_the_hashes_of_one_entry_at_a_time() -> None:
    """`chain`'s quick text for plain entries is exactly the canonical JSON (quotes, controls, Chinese, None)."""
    at = datetime(2026, 12, 6, 3, 0, 0, 123456, tzinfo=UTC)
    entries = [
        {"entity": "risk", "entity_id": "7", "action": "create", "field": None, "old_value": None,
         "new_value": "R-0007", "user": "ann", "at": at},
        {"entity": "risk", "entity_id": "7", "action": "update", "field": "title", "old_value": 'say "hi"\\\n\t\x01',
         "new_value": "仓库 洪水 / ✓ \u2028", "user": "李 明", "at": at},
        {"entity": "kri", "entity_id": "1", "action": "update", "field": "warning", "old_value": 7.0,
         "new_value": 8, "user": "ann", "at": "2026-12-06T03:00:00+00:00"},  # not text: the encoder's way
    ]  # fmt: skip
    expected, previous = [], GENESIS
    for entry in entries:
        previous = entry_hash(previous, entry)
        expected.append(previous)
    assert chain(None, [dict(entry) for entry in entries]) == expected[-1]
    chained = [dict(entry) for entry in entries]
    chain(None, chained)
    assert [entry["hash"] for entry in chained] == expected

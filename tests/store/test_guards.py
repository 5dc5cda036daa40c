"""Check checks the guards: the schema's triggers, functions and constraints are exactly OpsDesk's,
on both backends; a backup whose guards were changed is not restored."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.services.register_check import check_register
from opsdesk.store.backup import backup_sqlite, check_restorable
from opsdesk.store.database import Database
from opsdesk.store.guards import sqlite_triggers
from opsdesk.store.server_audit import AUDIT_SOURCE, functions
from tests.postgres import drop_trigger, full_url, outside_opsdesk
from tests.store.test_recovery import add_risks, digest

HOSTILE_SQLITE = ("CREATE TRIGGER quiet_history AFTER INSERT ON auditentry "
                  "BEGIN UPDATE risk SET owner = 'nobody' WHERE id = 1; END")  # fmt: skip
HOSTILE_SERVER = (
    "CREATE FUNCTION quiet_history() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$",
    "CREATE TRIGGER quiet_history BEFORE INSERT ON auditentry FOR EACH ROW EXECUTE FUNCTION quiet_history()",
)


def hostile(database: Database) -> tuple[str, ...]:
    return HOSTILE_SERVER if database.is_server else (HOSTILE_SQLITE,)


def test_a_fresh_register_has_exactly_opsdesks_guards(database: Database) -> None:
    result = check_register(database)
    assert (result.ok, result.guard_problems, result.invalid_values) == (True, [], [])


def test_a_dropped_guard_is_reported_by_check(database: Database, capsys) -> None:
    add_risks(database, "Warehouse flooding")
    outside_opsdesk(database, drop_trigger(database, "auditentry_append_only_delete"))
    database.dispose()

    assert main(["--db", full_url(database), "check"]) == 1

    captured = capsys.readouterr()
    assert "guard changed: trigger auditentry_append_only_delete on auditentry is missing\n" in captured.out
    assert captured.err == (
        f"{database.display_name}: its triggers, functions or constraints were changed outside OpsDesk.\n"
    )


def test_a_hostile_trigger_is_reported_by_check(database: Database) -> None:
    outside_opsdesk(database, *hostile(database))
    problems = check_register(database).guard_problems
    expected = ["trigger quiet_history on auditentry is not OpsDesk's"]
    if database.is_server:
        expected.insert(0, "function quiet_history() is not OpsDesk's")
    assert problems == expected


def test_on_a_server_a_dropped_constraint_is_reported_by_check() -> None:
    # (SQLite drops a constraint only by rebuilding the table: the restore test below covers it.)
    from tests.postgres import fresh_postgres_database

    with fresh_postgres_database() as database:
        outside_opsdesk(database, "ALTER TABLE krireading DROP CONSTRAINT ck_krireading_value")
        assert check_register(database).guard_problems == [
            "constraint krireading.ck_krireading_value is missing"
        ]


def test_on_a_server_a_changed_or_disabled_guard_is_reported() -> None:
    from tests.postgres import fresh_postgres_database

    with fresh_postgres_database() as database:
        outside_opsdesk(
            database,
            # The same function with one line less: entries would no longer name the login.
            "CREATE OR REPLACE FUNCTION opsdesk_audit() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER "
            "SET search_path = public, pg_temp SET TimeZone = 'UTC' AS $x$"
            + AUDIT_SOURCE.replace("session_user::text", "'someone'")
            + "$x$",
            "ALTER TABLE risk DISABLE TRIGGER risk_audit",
            "DROP TRIGGER kri_audit ON kri",
        )
        assert check_register(database).guard_problems == [
            "function opsdesk_audit() differs from OpsDesk's",
            "trigger kri_audit on kri is missing",
            "trigger risk_audit on risk is disabled",
        ]


def test_the_server_functions_keep_a_fixed_search_path() -> None:
    # A SECURITY DEFINER function that looked tables up in the caller's search_path could be fooled.
    definers = [function for function in functions("public") if function.definer]
    assert {function.name for function in definers} == {"opsdesk_audit", "opsdesk_next_code"}
    assert all(("search_path", "public, pg_temp") in function.settings for function in definers)


@pytest.mark.sqlite_only
@pytest.mark.parametrize("change", ["dropped", "hostile", "constraint dropped"])
def test_restore_refuses_a_backup_whose_guards_were_changed(database: Database, tmp_path: Path, change: str,
                                                            capsys) -> None:  # fmt: skip
    add_risks(database, "Warehouse flooding")
    path = database.path
    database.dispose()
    candidate = backup_sqlite(path, tmp_path / "candidate.db")
    connection = sqlite3.connect(str(candidate))
    if change == "dropped":
        connection.execute("DROP TRIGGER krireading_insert_only_update")
        expected = "trigger krireading_insert_only_update on krireading is missing"
    elif change == "hostile":
        connection.execute(HOSTILE_SQLITE)
        expected = "trigger quiet_history on auditentry is not OpsDesk's"
    else:
        # A table rebuilt without its CHECK constraints (as a tool that copies tables would).
        connection.executescript(
            "PRAGMA foreign_keys=OFF; BEGIN;"
            "CREATE TABLE krireading_copy AS SELECT * FROM krireading; DROP TABLE krireading;"
            "ALTER TABLE krireading_copy RENAME TO krireading;"
            + "".join(t.sql + ";" for t in sqlite_triggers() if t.table == "krireading")
            + "COMMIT;"
        )
        expected = "constraint krireading.ck_krireading_state is missing"
    connection.commit()
    connection.close()
    before = digest(path)

    with pytest.raises(Exception) as caught:
        check_restorable(candidate)
    assert str(caught.value).startswith(f"{candidate} cannot be restored: its triggers or constraints are not "
                                        f"OpsDesk's ({expected}")  # fmt: skip
    assert main(["--db", str(path), "restore", str(candidate)]) == 1
    assert "its triggers or constraints are not OpsDesk's" in capsys.readouterr().err
    assert digest(path) == before


@pytest.mark.sqlite_only
def test_restore_accepts_an_older_backup_with_the_guards_of_its_own_schema(tmp_path: Path) -> None:
    from alembic import command

    from opsdesk.store import migrations
    from opsdesk.store.database import database_url, make_engine

    old = tmp_path / "schema-0003.db"
    engine = make_engine(database_url(old))
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0003")
    engine.dispose()
    assert check_restorable(old) == "0003"  # 0003 had only the trail's two triggers: nothing missing


@pytest.mark.parametrize(
    ("statement", "message"),
    [
        ("UPDATE krireading SET value = 1", "krireading rows are never changed once written"),
        ("DELETE FROM krireading", "krireading rows are never changed once written"),
        ("UPDATE codesequence SET last = 0", "a code counter never goes back"),
        ("DELETE FROM codesequence", "a code counter never goes back"),
    ],
)
def test_history_and_code_counters_refuse_changes_even_from_the_owner(database: Database, statement: str,
                                                                      message: str) -> None:  # fmt: skip
    from sqlalchemy.exc import IntegrityError

    from opsdesk.services import kris, settings
    from tests.store.test_audit_chain import entries

    add_risks(database, "Warehouse flooding")  # a code counter
    with database.session() as session:
        kris.create_kri(session=session, data=kris.KriInput(
            name="Late deliveries", department_id=settings.department_id(session=session, name="Operations"),
            warning=5, alarm=10,
        ))  # fmt: skip
        from datetime import date

        kris.record_reading(session=session, kri_id=1, data=kris.ReadingInput(date(2026, 3, 1), 7.0),
                            today=date(2026, 3, 16))  # fmt: skip
    before = len(entries(database))
    with pytest.raises(IntegrityError, match=message):
        outside_opsdesk(database, statement)
    assert len(entries(database)) == before

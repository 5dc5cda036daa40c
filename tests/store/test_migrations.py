"""Alembic migrations: the initial revision, head matching the models, refusing unknown schemas, backups."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from opsdesk import cli
from opsdesk.domain.errors import DatabaseError
from opsdesk.store import migrations
from opsdesk.store.backup import backup_folder
from opsdesk.store.database import Database, database_url, integrity_problems, make_engine, open_database
from opsdesk.store.models import metadata
from opsdesk.store.server_audit import HEAD_TABLE
from tests.postgres import full_url, outside_opsdesk

HEAD = migrations.head_revision()


def set_revision(database: Database, revision: str | None) -> None:
    """Change the recorded schema version behind OpsDesk's back (None: no version at all)."""
    insert = [f"INSERT INTO alembic_version (version_num) VALUES ('{revision}')"] if revision else []
    outside_opsdesk(database, "DELETE FROM alembic_version", *insert)


def stored_revisions(database: Database) -> list[tuple[str]]:
    engine = make_engine(full_url(database))
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    finally:
        engine.dispose()


def table_names(path: Path) -> list[str]:
    connection = sqlite3.connect(str(path))
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
        ).fetchall()
    finally:
        connection.close()
    return [row[0] for row in rows]


def test_the_package_ships_the_revisions_in_one_line() -> None:
    script = ScriptDirectory.from_config(migrations.alembic_config())
    assert HEAD == "0009"
    assert [rev.revision for rev in script.walk_revisions()] == [
        "0009",
        "0008",
        "0007",
        "0006",
        "0005",
        "0003",
        "0002",
        "0001",
    ]
    assert script.get_revision("0009").down_revision == "0008"
    assert script.get_revision("0007").down_revision == "0006"
    assert script.get_revision("0008").down_revision == "0007"
    assert script.get_revision("0006").down_revision == "0005"
    assert script.get_revision("0005").down_revision == "0003"
    assert script.get_revision("0003").down_revision == "0002"
    assert script.get_revision("0002").down_revision == "0001"


def test_a_database_created_by_the_initial_revision_opens_and_checks_healthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "initial.db"
    engine = make_engine(database_url(path))
    database = Database(engine=engine, url=database_url(path), user="tester")
    try:
        # Only the Alembic revision, run by hand: no seeding, no open_database.
        with engine.begin() as connection:
            from alembic import command

            command.upgrade(migrations.alembic_config(connection), "0001")
        assert migrations.current_revision(database) == "0001"
    finally:
        engine.dispose()

    reopened = open_database(path, user="tester")
    try:
        assert migrations.current_revision(reopened) == HEAD
        assert migrations.pending_revisions(reopened) == []
        assert integrity_problems(reopened) == []
    finally:
        reopened.dispose()

    assert cli.main(["--db", str(path), "check"]) == 0
    captured = capsys.readouterr()
    assert "healthy" in captured.out
    assert captured.out == f"audit trail intact (0 entries)\n{path}: healthy (schema {HEAD}).\n"
    assert captured.err == ""


def _not_server_only(obj, name, type_, reflected, compare_to) -> bool:
    # The audit chain's head is the server audit function's own table, not a model.
    return not (type_ == "table" and name == HEAD_TABLE)


def test_the_alembic_head_matches_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={"render_as_batch": True, "compare_type": True, "include_object": _not_server_only},
        )
        diff = compare_metadata(context, metadata)
    assert diff == []


def test_every_model_table_exists_after_migration(database: Database) -> None:
    server_only = [HEAD_TABLE] if database.is_server else []
    assert sorted(database.table_names()) == sorted([*metadata.tables, "alembic_version", *server_only])


def test_a_newer_schema_is_refused_naming_both_versions(database: Database) -> None:
    path = database.path
    database.dispose()
    set_revision(database, "9999")

    with pytest.raises(DatabaseError) as caught:
        open_database(full_url(database), user="tester")

    message = str(caught.value)
    assert message == (
        f"This database has schema version 9999, newer than this OpsDesk (schema {HEAD}). "
        "Open it with a newer OpsDesk."
    )
    assert "9999" in message and HEAD in message
    # Refused before any upgrade: no backup, version left alone.
    assert path is None or not backup_folder(path).exists()
    assert stored_revisions(database) == [("9999",)]


def test_check_refuses_a_newer_schema_in_one_line(
    database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    database.dispose()
    set_revision(database, "9999")

    assert cli.main(["--db", full_url(database), "check"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("opsdesk: error: This database has schema version 9999")


def test_tables_without_an_alembic_version_are_not_opsdesks(database: Database) -> None:
    path = database.path
    database.dispose()
    set_revision(database, None)

    with pytest.raises(DatabaseError) as caught:
        open_database(full_url(database), user="tester")

    assert str(caught.value) == f"{database.display_name} holds tables that are not OpsDesk's."
    assert path is None or not backup_folder(path).exists()


def test_a_fresh_empty_database_gets_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "fresh.db"
    database = open_database(path, user="tester")
    try:
        assert migrations.current_revision(database) == HEAD
    finally:
        database.dispose()
    assert not backup_folder(path).exists()
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("fresh.db-")) == ["fresh.db"]


@pytest.mark.sqlite_only
def test_reopening_a_database_at_head_takes_no_backup(database: Database) -> None:
    path = database.path
    database.dispose()
    open_database(path, user="tester").dispose()
    assert not backup_folder(path).exists()


@pytest.mark.sqlite_only
def test_an_existing_database_is_backed_up_before_an_upgrade(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    # With a single revision there is no older schema; pretend one revision is pending.
    path = database.path
    with database.engine.begin() as connection:
        connection.execute(text("INSERT INTO department (name, archived, version) VALUES ('Legal', 0, 1)"))
    seen_at_upgrade: list[list[str]] = []

    def fake_upgrade(config, revision: str) -> None:
        folder = backup_folder(path)
        seen_at_upgrade.append(sorted(p.name for p in folder.iterdir()) if folder.exists() else [])

    monkeypatch.setattr(migrations, "pending_revisions", lambda db: ["0002"])
    monkeypatch.setattr(migrations.command, "upgrade", fake_upgrade)

    migrations.upgrade_to_head(database)

    backups = sorted(backup_folder(path).iterdir())
    assert len(backups) == 1
    assert backups[0].name.startswith("register-before-upgrade-")
    assert backups[0].suffix == ".db"
    # The copy existed before the upgrade ran.
    assert seen_at_upgrade == [[backups[0].name]]
    copy = sqlite3.connect(str(backups[0]))
    try:
        assert copy.execute("SELECT count(*) FROM department WHERE name = 'Legal'").fetchone() == (1,)
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    finally:
        copy.close()


def make_foreign_database(path: Path) -> None:
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE stock (sku TEXT PRIMARY KEY, quantity INTEGER)")
    connection.execute("INSERT INTO stock VALUES ('PX-400', 12)")
    connection.commit()
    connection.close()


def test_a_sqlite_file_with_foreign_tables_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "inventory.db"
    make_foreign_database(path)
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    with pytest.raises(DatabaseError) as caught:
        open_database(path, user="tester")

    assert str(caught.value) == f"{path} holds tables that are not OpsDesk's."
    # Not even switched to WAL: the file is byte-for-byte as it was, and nothing was copied.
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert table_names(path) == ["stock"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["inventory.db"]


def test_check_refuses_a_foreign_sqlite_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "inventory.db"
    make_foreign_database(path)
    before = path.read_bytes()

    assert cli.main(["--db", str(path), "check"]) == 1

    captured = capsys.readouterr()
    assert captured.err == f"opsdesk: error: {path} holds tables that are not OpsDesk's.\n"
    assert path.read_bytes() == before


def test_check_reports_an_empty_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A SQLite file with no table at all (as `sqlite3 file.db "VACUUM"` leaves it) has no schema yet.
    path = tmp_path / "empty.db"
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE scratch (x)")
    connection.execute("DROP TABLE scratch")
    connection.commit()
    connection.close()

    assert cli.main(["--db", str(path), "check"]) == 1
    assert capsys.readouterr().err == f"{path}: not an OpsDesk database yet (no schema).\n"
    assert table_names(path) == []


def test_an_upgrade_keeps_rows_that_break_the_new_constraints_and_check_lists_them(
    database: Database,
) -> None:
    from alembic import command

    from opsdesk.services.register_check import check_register
    from opsdesk.store.audit_chain import verify_audit_chain
    from tests.store.test_audit_chain import add_risks

    add_risks(database, "Warehouse flooding")
    with (
        database.engine.begin() as connection
    ):  # back to the schema before the constraints and the server trail
        command.downgrade(migrations.alembic_config(connection), "0003")
    outside_opsdesk(
        database, "UPDATE risk SET status = 'bogus', residual_likelihood = 42 WHERE code = 'R-0001'"
    )
    database.dispose()

    upgraded = open_database(full_url(database), user="tester")
    try:
        assert migrations.current_revision(upgraded) == HEAD
        with upgraded.engine.connect() as connection:
            row = connection.execute(
                text("SELECT status, residual_likelihood FROM risk WHERE code = 'R-0001'")
            ).one()
        assert tuple(row) == ("bogus", 42)  # kept as it was, never dropped or changed
        result = check_register(upgraded)
        assert result.guard_problems == [] and result.invalid_count == 2
        assert [line.split(";")[0] for line in result.invalid_values] == [
            "risk #1 (R-0001): status = 'bogus'",
            "risk #1 (R-0001): residual_likelihood = 42",
        ]
        # New writes meet the constraints; the trail goes on as one chain (the server's, on a server).
        add_risks(upgraded, "Key supplier fails")
        with pytest.raises(IntegrityError):
            outside_opsdesk(upgraded, "UPDATE risk SET status = 'bogus' WHERE code = 'R-0002'")
        with upgraded.session() as session:
            assert verify_audit_chain(session).ok
        if upgraded.path is not None:
            with upgraded.engine.connect() as connection:
                assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
    finally:
        upgraded.dispose()


@pytest.mark.sqlite_only
def test_0007_gives_existing_objectives_and_kris_todays_behaviour_and_goes_back(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "before-0007.db"
    engine = make_engine(database_url(path))
    try:
        with engine.begin() as connection:
            command.upgrade(migrations.alembic_config(connection), "0003")
            connection.execute(
                text("INSERT INTO department (id, name, archived, version) VALUES (1, 'Operations', 0, 1)")
            )
            connection.execute(
                text(
                    "INSERT INTO qualityobjective (name, description, department_id, kind, unit, target, direction, "
                    "tolerance, frequency, owner, numerator_label, denominator_label, archived, version) "
                    "VALUES ('Pass rate', '', 1, 'ratio', '%', 98, 'lower_is_worse', 0, 'monthly', '', '', '', 0, 1)"
                )
            )
            connection.execute(
                text(
                    "INSERT INTO kri (name, description, unit, direction, warning, alarm, frequency, department_id, "
                    "archived, version) VALUES ('Scrap', '', '%', 'higher_is_worse', 2, 3, 'monthly', 1, 0, 1)"
                )
            )
    finally:
        engine.dispose()

    database = open_database(path, user="tester")
    try:
        assert migrations.current_revision(database) == HEAD
        with database.engine.connect() as connection:
            assert connection.execute(text("SELECT chart_type, rule_set FROM qualityobjective")).all() == [
                ("auto", "western_electric")
            ]
            assert connection.execute(
                text("SELECT forecast_enabled, forecast_horizon_days FROM kri")
            ).all() == [(0, 90)]
        with database.engine.begin() as connection:
            command.downgrade(migrations.alembic_config(connection), "0006")
        with database.engine.connect() as connection:
            columns = {row[1] for row in connection.execute(text("PRAGMA table_info(qualityobjective)"))}
            assert "chart_type" not in columns and "rule_set" not in columns
            assert connection.execute(text("SELECT name FROM qualityobjective")).all() == [("Pass rate",)]
            assert connection.execute(text("SELECT name FROM kri")).all() == [("Scrap",)]
    finally:
        database.dispose()

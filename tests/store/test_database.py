"""Opening databases: pragmas on every connection, the default path, refusing foreign files."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError
from opsdesk.paths import default_database_path
from opsdesk.store.audit import default_user
from opsdesk.store.database import (
    BUSY_TIMEOUT_MS,
    Database,
    ServerConnectionError,
    database_url,
    integrity_problems,
    make_engine,
    open_database,
)
from opsdesk.store.models import Department, Risk
from tests.postgres import admin_connection, fresh_postgres_database, full_url


def sidecar_files(path: Path) -> list[Path]:
    """The -wal, -shm and -journal files SQLite leaves next to a database it has opened."""
    return [p for p in path.parent.iterdir() if p.name.startswith(path.name + "-")]


def pragmas(connection) -> tuple[str, int, int, int]:
    return (
        connection.exec_driver_sql("PRAGMA journal_mode").scalar_one(),
        connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one(),
        connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one(),
        connection.exec_driver_sql("PRAGMA synchronous").scalar_one(),
    )


@pytest.mark.sqlite_only
def test_every_pooled_connection_gets_wal_foreign_keys_and_busy_timeout(database: Database) -> None:
    # Two connections open at once are two distinct DBAPI connections from the pool.
    with database.engine.connect() as first, database.engine.connect() as second:
        assert first.connection.dbapi_connection is not second.connection.dbapi_connection
        assert pragmas(first) == ("wal", 1, BUSY_TIMEOUT_MS, 2)
        assert pragmas(second) == ("wal", 1, 10_000, 2)


def test_make_engine_sets_the_pragmas_on_a_new_file(tmp_path: Path) -> None:
    engine = make_engine(database_url(tmp_path / "plain.db"))
    try:
        with engine.connect() as connection:
            assert pragmas(connection) == ("wal", 1, 10_000, 2)
    finally:
        engine.dispose()


def test_foreign_keys_are_enforced(database: Database) -> None:
    with database.session() as session:
        session.add(
            Risk(
                code="R-0001",
                title="Orphan",
                category_id=999,
                department_id=999,
                identified_on=date(2026, 1, 5),
            )
        )
        with pytest.raises(
            IntegrityError, match="FOREIGN KEY constraint failed|violates foreign key constraint"
        ):
            session.commit()


def test_default_database_lives_under_opsdesk_home_and_its_folder_is_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "first" / "start"
    monkeypatch.setenv("OPSDESK_HOME", str(home))
    assert not home.exists()

    path = default_database_path()

    assert path == home / "opsdesk.db"
    assert home.is_dir()
    assert not path.exists()
    database = open_database(path, user="tester")
    try:
        assert database.path == path
        assert path.is_file()
        assert "risk" in database.table_names()
    finally:
        database.dispose()


def test_a_missing_parent_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "register.db"
    database = open_database(path, user="tester")
    database.dispose()
    assert path.is_file()


def test_a_text_file_is_refused_and_left_byte_for_byte_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("Minutes of the risk committee\nNothing to report.\n", encoding="utf-8")
    before_bytes = path.read_bytes()
    before_mtime = path.stat().st_mtime_ns

    with pytest.raises(DatabaseError) as caught:
        open_database(path, user="tester")

    assert str(caught.value) == f"{path} is not an OpsDesk database (it is not a SQLite file)."
    assert "is not an OpsDesk database" in str(caught.value)
    assert path.read_bytes() == before_bytes
    assert path.stat().st_mtime_ns == before_mtime
    assert sidecar_files(path) == []


def test_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="is a folder, not a database file"):
        open_database(tmp_path, user="tester")


def test_a_missing_file_is_not_created_when_create_is_false(tmp_path: Path) -> None:
    path = tmp_path / "missing.db"
    with pytest.raises(DatabaseError) as caught:
        open_database(path, user="tester", create=False)
    assert str(caught.value) == f"{path} does not exist."
    assert not path.exists()


def test_database_user_defaults_to_the_operating_system_account(tmp_path: Path) -> None:
    database = open_database(tmp_path / "who.db")
    try:
        assert database.user == default_user()
        with database.session() as session:
            assert session.info["user"] == default_user()
    finally:
        database.dispose()


@pytest.mark.sqlite_only
def test_display_name_and_path_of_a_file_database(database: Database, tmp_path: Path) -> None:
    assert database.path == (tmp_path / "register.db").resolve()
    assert database.display_name == str((tmp_path / "register.db").resolve())
    # The path as SQLAlchemy reads it back (on Windows the URL percent-encodes C:\ and the backslashes).
    assert database.url.startswith("sqlite:///")
    assert make_url(database.url).database == str((tmp_path / "register.db").resolve())


def test_integrity_problems_is_empty_for_a_good_database(database: Database) -> None:
    assert integrity_problems(database) == []


@pytest.mark.sqlite_only
def test_integrity_problems_reports_a_dangling_foreign_key(database: Database) -> None:
    # Written behind the app's back with foreign keys off, as a broken tool might.
    connection = sqlite3.connect(str(database.path))
    try:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute(
            "INSERT INTO risk (code, title, description, cause, consequence, category_id, source, "
            "department_id, owner, identified_on, status, archived, rationale, version, created_at, updated_at) "
            "VALUES ('R-0001', 'Orphan', '', '', '', 999, 'other', 1, '', '2026-01-05', 'identified', 0, '', 1, "
            "'2026-01-05 00:00:00', '2026-01-05 00:00:00')"
        )
        connection.commit()
    finally:
        connection.close()

    assert integrity_problems(database) == ["row 1 of risk points to a missing category"]


def test_a_server_database_keeps_its_password_out_of_its_url_and_name() -> None:
    with fresh_postgres_database() as database:
        password = make_url(full_url(database)).password
        assert password
        assert make_url(database.url).password is None
        assert f":{password}@" not in database.url and f":{password}@" not in database.display_name
        assert database.display_name == database.url
        assert database.url.startswith(f"postgresql+psycopg://{make_url(full_url(database)).username}@")
        assert (database.is_server, database.path, database.access) == (True, None, Access.ADMIN)
        assert integrity_problems(database) == []


@pytest.mark.parametrize("scheme", ["postgresql", "postgres", "postgresql+psycopg"])
def test_a_server_url_without_a_driver_gets_the_one_opsdesk_ships(scheme: str) -> None:
    assert (
        database_url(f"{scheme}://ann@db.example.com/register")
        == "postgresql+psycopg://ann@db.example.com/register"
    )


def test_a_connection_lost_in_the_middle_of_a_save_is_one_clear_line_and_nothing_is_saved() -> None:
    with fresh_postgres_database() as database:
        with database.session() as session:
            pid = session.connection().exec_driver_sql("SELECT pg_backend_pid()").scalar_one()
            with admin_connection() as admin:  # the server restarts, or the network drops
                admin.exec_driver_sql(f"SELECT pg_terminate_backend({pid})")
            session.add(Department(name="Legal"))
            with pytest.raises(ServerConnectionError) as caught:
                session.commit()
        assert str(caught.value) == (
            "The connection to the server was lost. Nothing was saved; try again when it is back."
        )
        with database.session() as session:  # the next unit of work gets a fresh connection
            assert session.exec(select(Department).where(Department.name == "Legal")).first() is None


def test_an_unreachable_server_is_one_clear_line() -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database("postgresql+psycopg://ann:pw@127.0.0.1:1/register")
    assert str(caught.value).startswith("Cannot connect to the server 127.0.0.1: ")
    assert "\n" not in str(caught.value)


def test_a_server_that_goes_away_after_opening_is_one_clear_line() -> None:
    # New connections fail once the server is down: here, an engine on a port nobody listens on.
    engine = make_engine("postgresql+psycopg://ann:pw@127.0.0.1:1/register")
    try:
        with pytest.raises(ServerConnectionError) as caught, engine.connect():
            pass
    finally:
        engine.dispose()
    message = str(caught.value)
    assert message.startswith("Cannot reach the server 127.0.0.1 (connection failed: ")
    assert message.endswith("). Nothing was saved; try again when it is back.")
    assert "\n" not in message


def test_a_bad_url_is_a_database_error() -> None:
    with pytest.raises(DatabaseError, match="Cannot use the database"):
        make_engine("nosuchdialect://somewhere/db")


@pytest.mark.parametrize("folder", ["Q3 review?draft", "100%20 sure", "R&D #2"])
def test_a_path_with_url_characters_opens_the_file_it_names(tmp_path: Path, folder: str) -> None:
    path = tmp_path / folder / "register.db"
    database = open_database(path, user="tester")
    try:
        assert database.path == path
        assert database.display_name == str(path)
    finally:
        database.dispose()
    assert path.is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]

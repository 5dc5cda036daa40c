"""Backups through SQLite's backup API: consistent while others write, private, never over the original."""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date
from pathlib import Path

import pytest

from opsdesk.domain.errors import DatabaseError
from opsdesk.services import risks, settings
from opsdesk.store.backup import backup_folder, backup_sqlite
from opsdesk.store.database import Database, open_database

# Backups copy a SQLite file with its backup API; a server register is backed up by the server's tools.
pytestmark = pytest.mark.sqlite_only

TODAY = date(2026, 3, 16)
COUNTED = ("risk", "department", "category", "setting", "auditentry", "alembic_version")


def row_counts(path: Path) -> dict[str, int]:
    connection = sqlite3.connect(f"file:{path.as_posix()}?mode=ro", uri=True)
    try:
        return {table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in COUNTED}
    finally:
        connection.close()


def add_risks(database: Database, titles: list[str]) -> None:
    with database.session() as session:
        settings.ensure_defaults(session=session)
        for title in titles:
            risks.create_risk(
                session=session,
                data=risks.RiskInput(
                    title=title,
                    category_id=settings.category_id(session=session, code_or_name="operational"),
                    department_id=settings.department_id(session=session, name="Operations"),
                    identified_on=date(2026, 1, 5),
                ),
                today=TODAY,
            )


def test_backup_is_consistent_while_another_connection_holds_a_write_transaction(
    database: Database, tmp_path: Path
) -> None:
    add_risks(database, ["Warehouse flooding", "Key supplier fails"])
    committed = row_counts(database.path)
    assert committed["risk"] == 2

    writer = sqlite3.connect(str(database.path), isolation_level=None)
    try:
        assert writer.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        writer.execute("BEGIN IMMEDIATE")
        writer.execute("INSERT INTO department (name, archived, version) VALUES ('Legal', 0, 1)")

        target = backup_sqlite(database.path, tmp_path / "copies" / "register-copy.db")

        writer.execute("ROLLBACK")
    finally:
        writer.close()

    assert target == tmp_path / "copies" / "register-copy.db"
    assert row_counts(target) == committed
    copy = sqlite3.connect(str(target))
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT code, title FROM risk ORDER BY code").fetchall() == [
            ("R-0001", "Warehouse flooding"),
            ("R-0002", "Key supplier fails"),
        ]
    finally:
        copy.close()
    assert not target.with_name(target.name + ".part").exists()


def test_a_backup_opens_as_an_opsdesk_database(database: Database, tmp_path: Path) -> None:
    add_risks(database, ["Warehouse flooding"])
    target = backup_sqlite(database.path, tmp_path / "copy.db")

    copy = open_database(target, user="tester")
    try:
        with copy.session() as session:
            assert [r.code for r in risks.list_risks(session=session, today=TODAY)] == ["R-0001"]
    finally:
        copy.dispose()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_backup_is_readable_by_the_owner_only(database: Database, tmp_path: Path) -> None:
    target = backup_sqlite(database.path, tmp_path / "private.db")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_default_backup_goes_to_the_backups_folder(database: Database) -> None:
    target = backup_sqlite(database.path)
    assert target.parent == backup_folder(database.path) == database.path.parent / "backups"
    assert target.name.startswith("register-backup-")
    assert target.suffix == ".db"
    assert row_counts(target) == row_counts(database.path)


def test_backup_of_a_database_in_a_folder_with_uri_characters(tmp_path: Path) -> None:
    # '#', '?' and '%' are ordinary in folder names but special in a SQLite URI.
    folder = tmp_path / "Q#1 review ?50%25"
    database = open_database(folder / "register.db", user="tester")
    try:
        add_risks(database, ["Warehouse flooding"])
        assert database.path == folder / "register.db"
        target = backup_sqlite(database.path, tmp_path / "copy.db")
    finally:
        database.dispose()
    assert row_counts(target)["risk"] == 1


def test_backup_refuses_to_overwrite_the_database(database: Database) -> None:
    before = database.path.read_bytes()
    with pytest.raises(DatabaseError, match="cannot overwrite the database itself"):
        backup_sqlite(database.path, database.path)
    assert database.path.read_bytes() == before


def test_backup_of_a_missing_database_is_refused(tmp_path: Path) -> None:
    missing = tmp_path / "missing.db"
    with pytest.raises(DatabaseError) as caught:
        backup_sqlite(missing, tmp_path / "copy.db")
    assert str(caught.value) == f"{missing} does not exist."
    assert not missing.exists()
    assert not (tmp_path / "copy.db").exists()


def test_backup_replaces_an_older_copy_atomically(database: Database, tmp_path: Path) -> None:
    target = tmp_path / "copy.db"
    target.write_bytes(b"old")
    backup_sqlite(database.path, target)
    assert row_counts(target) == row_counts(database.path)

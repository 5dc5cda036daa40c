"""Backups, restore and recovery: rotating automatic copies, damaged files, refused restores, read-only registers."""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import stat
import subprocess
import sys
import textwrap
from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import func, select

from opsdesk.cli import main
from opsdesk.domain.errors import DatabaseError, ValidationError
from opsdesk.services import backups, risks, settings
from opsdesk.store import database as store_database
from opsdesk.store import migrations
from opsdesk.store.backup import (
    BackupInfo,
    backup_folder,
    backup_sqlite,
    check_restorable,
    list_backups,
    newest_good_backup,
    restore_database,
)
from opsdesk.store.database import (
    DamagedDatabaseError,
    Database,
    ReadOnlyDatabaseError,
    open_database,
)
from opsdesk.store.models import Risk, Setting

# Damaged, read-only and restored files are SQLite files.
pytestmark = pytest.mark.sqlite_only

REPO = Path(__file__).resolve().parents[2]
HEAD = migrations.head_revision()
TODAY = date(2026, 3, 16)
PAGE = 4096


@pytest.fixture(autouse=True)
def fresh_run() -> None:
    backups.forget_automatic_backups()  # every test is a new app start


def add_risks(database: Database, *titles: str) -> None:
    with database.session() as session:
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


def titles(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT title FROM risk ORDER BY code")]
    finally:
        connection.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def garble(path: Path, first_page: int, pages: int) -> None:
    """Random bytes over whole pages, as a failing disk or a bad copy leaves them."""
    with path.open("r+b") as handle:
        handle.seek(first_page * PAGE)
        handle.write(random.Random(f"{path.name}-{first_page}").randbytes(pages * PAGE))  # the same every run


def stamped(database_path: Path, reason: str, when: datetime) -> Path:
    """A backup with a chosen time in its name (the name is where list_backups reads it)."""
    target = backup_folder(database_path) / f"{database_path.stem}-{reason}-{when:%Y%m%d-%H%M%S-%f}.db"
    return backup_sqlite(database_path, target)


@pytest.fixture
def register(database: Database) -> Path:
    """A register with a few risks, closed (no connection of ours open)."""
    add_risks(database, *[f"Risk {n}" for n in range(1, 31)])
    path = database.path
    database.dispose()
    return path


# Backups ------------------------------------------------------------------------------------


def test_list_backups_newest_first_with_reason_and_size(register: Path) -> None:
    older = stamped(register, "auto", datetime(2026, 3, 1, 9, 0))
    newer = stamped(register, "before-restore", datetime(2026, 3, 2, 9, 0))
    manual = stamped(register, "backup", datetime(2026, 3, 1, 12, 0))
    (backup_folder(register) / "notes.txt").write_text("not a backup")
    (backup_folder(register) / "other-auto-20260301-090000-000000.db").write_bytes(b"another register's")

    found = list_backups(register)

    assert found == [
        BackupInfo(newer, datetime(2026, 3, 2, 9, 0), newer.stat().st_size, "before-restore"),
        BackupInfo(manual, datetime(2026, 3, 1, 12, 0), manual.stat().st_size, "backup"),
        BackupInfo(older, datetime(2026, 3, 1, 9, 0), older.stat().st_size, "auto"),
    ]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_backups_folder_is_private_and_the_database_too(tmp_path: Path) -> None:
    database = open_database(tmp_path / "new.db", user="tester")
    database.dispose()
    target = backup_sqlite(tmp_path / "new.db")
    assert stat.S_IMODE((tmp_path / "new.db").stat().st_mode) == 0o600
    assert stat.S_IMODE(backup_folder(tmp_path / "new.db").stat().st_mode) == 0o700
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_automatic_backup_once_per_start_and_rotated_to_the_setting(database: Database) -> None:
    add_risks(database, "Warehouse flooding")
    with database.session() as session:
        assert backups.get_backups_kept(session=session) == 10
        backups.set_backups_kept(session=session, count=3)
    manual = backups.backup_now(database)

    first = backups.take_automatic_backup(database)
    assert backups.take_automatic_backup(database) is None  # once per app start
    assert titles(first) == ["Warehouse flooding"]
    taken = [first]
    for _ in range(4):
        backups.forget_automatic_backups()  # four more app starts
        taken.append(backups.take_automatic_backup(database))

    autos = [info.path for info in list_backups(database.path) if info.reason == "auto"]
    assert autos == list(reversed(taken[-3:]))
    assert not taken[0].exists() and not taken[1].exists()
    assert manual.exists()  # a copy taken on request is never rotated away


def test_backups_kept_refuses_nonsense_and_writes_nothing(database: Database) -> None:
    for bad in (0, 101, -1, "5", True):
        with database.session() as session:
            with pytest.raises(ValidationError) as caught:
                backups.set_backups_kept(session=session, count=bad)
            assert caught.value.errors == {
                "backups_kept": f"Keep from 1 to 100 automatic backups (got {bad!r})."
            }
    with database.session() as session:
        assert session.get(Setting, "backups_kept") is None
        assert backups.get_backups_kept(session=session) == 10


# Damaged files --------------------------------------------------------------------------------


@pytest.mark.parametrize("damage", ["garbled pages", "truncated"])
def test_a_damaged_file_is_refused_untouched(register: Path, damage: str) -> None:
    if damage == "garbled pages":
        garble(register, 2, 4)
    else:
        with register.open("r+b") as handle:
            handle.truncate(register.stat().st_size // 2)
    before = digest(register)

    with pytest.raises(DamagedDatabaseError) as caught:
        open_database(register, user="tester")

    assert str(caught.value).startswith(f'{register} is damaged: SQLite reports "')
    assert caught.value.path == register and caught.value.problems and not caught.value.not_sqlite
    assert digest(register) == before
    assert not backup_folder(register).exists()  # nothing was copied, upgraded or written


def test_check_on_a_damaged_file_names_the_newest_good_backup(register: Path, capsys) -> None:
    good = stamped(register, "auto", datetime(2026, 3, 1, 9, 0))
    bad = stamped(register, "auto", datetime(2026, 3, 2, 9, 0))
    garble(bad, 1, 3)  # the newest copy is damaged too: it must be skipped
    garble(register, 2, 4)

    assert newest_good_backup(register) == BackupInfo(
        good, datetime(2026, 3, 1, 9, 0), good.stat().st_size, "auto"
    )
    assert main(["--db", str(register), "check"]) == 1

    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f'opsdesk: error: {register} is damaged: SQLite reports "')
    assert lines[0].endswith(
        f" The newest good backup is {good} (taken 2026-03-01 09:00); restore it with: "
        f"opsdesk --db {register} restore {good}"
    )


def test_check_on_a_damaged_file_without_backup_says_so(register: Path, capsys) -> None:
    garble(register, 2, 4)
    assert main(["--db", str(register), "check"]) == 1
    line = capsys.readouterr().err.strip()
    assert line.endswith(f" No good backup was found in {backup_folder(register)}.")


def test_restore_of_a_damaged_register_keeps_the_broken_file_aside(register: Path, capsys) -> None:
    good = stamped(register, "auto", datetime(2026, 3, 1, 9, 0))
    garble(register, 2, 4)
    broken_bytes = digest(register)

    assert main(["--db", str(register), "restore", str(good)]) == 0

    out = capsys.readouterr().out.splitlines()
    aside = [p for p in register.parent.iterdir() if p.name.startswith("register.db.broken-")]
    main_copy = [p for p in aside if not p.name.endswith(("-wal", "-shm"))]
    assert len(main_copy) == 1
    assert digest(main_copy[0]) == broken_bytes  # kept byte for byte
    assert out == [
        f"Restored {register} from {good} (schema {HEAD}).",
        f"The damaged database was kept as {main_copy[0]}",
    ]
    assert titles(register) == [f"Risk {n}" for n in range(1, 31)]
    capsys.readouterr()
    assert main(["--db", str(register), "check"]) == 0


# Restore -----------------------------------------------------------------------------------------


def test_restore_replaces_a_healthy_register_after_backing_it_up(database: Database, capsys) -> None:
    add_risks(database, "Warehouse flooding")
    copy = backups.backup_now(database)
    add_risks(database, "Key supplier fails")
    # Another OpsDesk keeps the register open with pages only in the WAL: they must not come back.
    other = sqlite3.connect(str(database.path))
    other.execute("PRAGMA wal_autocheckpoint=0")
    other.execute("UPDATE risk SET title = 'Changed after the backup' WHERE code = 'R-0001'")
    other.commit()
    path = database.path
    database.dispose()
    assert path.with_name(path.name + "-wal").stat().st_size > 0

    assert main(["--db", str(path), "restore", str(copy)]) == 0

    safety = [info for info in list_backups(path) if info.reason == "before-restore"]
    assert len(safety) == 1
    assert capsys.readouterr().out.splitlines() == [
        f"Restored {path} from {copy} (schema {HEAD}).",
        f"The database it replaced was backed up to {safety[0].path}",
    ]
    assert titles(path) == ["Warehouse flooding"]
    # The other connection, still open, sees the restored register, not its old pages.
    assert [row[0] for row in other.execute("SELECT title FROM risk ORDER BY code")] == ["Warehouse flooding"]
    other.close()
    assert titles(path) == ["Warehouse flooding"]
    assert titles(safety[0].path) == ["Changed after the backup", "Key supplier fails"]
    assert not [p for p in path.parent.iterdir() if p.name.startswith(".register.db.restore-")]
    capsys.readouterr()
    assert main(["--db", str(path), "check"]) == 0


def make_text(path: Path) -> Path:
    path.write_text("minutes of the risk committee", encoding="utf-8")
    return path


def make_newer(source: Path, path: Path) -> Path:
    backup_sqlite(source, path)
    connection = sqlite3.connect(str(path))
    connection.execute("UPDATE alembic_version SET version_num = '9999'")
    connection.commit()
    connection.close()
    return path


def make_foreign(path: Path) -> Path:
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE stock (sku TEXT)")
    connection.commit()
    connection.close()
    return path


def make_damaged(source: Path, path: Path) -> Path:
    backup_sqlite(source, path)
    garble(path, 2, 4)
    return path


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("text", "{file} cannot be restored: it is not a SQLite file."),
        (
            "newer",
            "{file} cannot be restored: its schema version 9999 is newer than this OpsDesk (schema {head}). "
            "Restore it with a newer OpsDesk.",
        ),
        ("foreign", "{file} cannot be restored: it is not an OpsDesk database (no schema version)."),
        ("damaged", "{file} cannot be restored: it is damaged ("),
        ("missing", "{file} does not exist."),
    ],
)
def test_restore_refuses_a_bad_file_and_changes_nothing(register: Path, tmp_path: Path, kind: str, expected: str,
                                                         capsys) -> None:  # fmt: skip
    outside = tmp_path / "outside"
    outside.mkdir()
    file = outside / "candidate.db"
    {
        "text": lambda: make_text(file),
        "newer": lambda: make_newer(register, file),
        "foreign": lambda: make_foreign(file),
        "damaged": lambda: make_damaged(register, file),
        "missing": lambda: None,
    }[kind]()
    before = digest(register)
    folder_before = sorted(p.name for p in register.parent.iterdir())

    assert main(["--db", str(register), "restore", str(file)]) == 1

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith("opsdesk: error: " + expected.format(file=file, head=HEAD))
    assert digest(register) == before
    assert sorted(p.name for p in register.parent.iterdir()) == folder_before  # no before-restore copy either


def test_restore_of_an_older_schema_upgrades_it(register: Path, tmp_path: Path) -> None:
    from alembic import command

    from opsdesk.store import migrations
    from opsdesk.store.database import database_url, make_engine

    old = tmp_path / "old-schema.db"
    engine = make_engine(database_url(old))
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0001")
    engine.dispose()
    assert check_restorable(old) == "0001"

    result = restore_database(register, old)

    assert (result.schema, result.broken_copy) == ("0001", None)
    assert result.safety_backup is not None and titles(result.safety_backup)[:1] == ["Risk 1"]
    database = open_database(register, user="tester")
    try:
        from opsdesk.store import migrations as m

        assert m.current_revision(database) == HEAD
    finally:
        database.dispose()
    assert [info.reason for info in list_backups(register)].count("before-upgrade") == 1


def test_a_database_cannot_be_restored_from_itself(register: Path) -> None:
    with pytest.raises(DatabaseError, match="cannot be restored from itself"):
        restore_database(register, register)


# Read-only -----------------------------------------------------------------------------------


def test_a_read_only_register_opens_and_refuses_writes_clearly(register: Path) -> None:
    before = digest(register)
    database = open_database(register, user="tester", read_only=True)
    try:
        assert (database.read_only, database.read_only_reason) == (True, "opened read-only on request")
        with database.session() as session:
            assert len(risks.list_risks(session=session, today=TODAY)) == 30
            with pytest.raises(ReadOnlyDatabaseError) as caught:
                risks.create_risk(
                    session=session,
                    data=risks.RiskInput(title="Not saved", category_id=1, department_id=1,
                                         identified_on=date(2026, 1, 5)),
                    today=TODAY,
                )  # fmt: skip
        assert str(caught.value) == "This register is open read-only. Nothing was saved."
        with database.session() as session:
            assert session.exec(select(func.count()).select_from(Risk)).one() == 30
    finally:
        database.dispose()
    assert digest(register) == before


def test_read_only_is_detected_when_the_file_is_not_writable(register: Path, monkeypatch) -> None:
    real_access = os.access
    monkeypatch.setattr(
        store_database.os, "access",
        lambda path, mode: False if Path(path) == register and mode & os.W_OK else real_access(path, mode),
    )  # fmt: skip
    database = open_database(register, user="tester")
    try:
        assert (database.read_only, database.read_only_reason) == (True, "the file is read-only")
    finally:
        database.dispose()


def test_a_read_only_register_that_needs_an_upgrade_is_refused(tmp_path: Path) -> None:
    from alembic import command

    from opsdesk.store import migrations
    from opsdesk.store.database import database_url, make_engine

    path = tmp_path / "old.db"
    engine = make_engine(database_url(path))
    with engine.begin() as connection:
        command.upgrade(migrations.alembic_config(connection), "0001")
    engine.dispose()
    before = digest(path)

    with pytest.raises(DatabaseError) as caught:
        open_database(path, user="tester", read_only=True)

    assert str(caught.value) == (
        f"{path} is open read-only (opened read-only on request) and its schema 0001 is older than this OpsDesk "
        f"({HEAD}): it must be upgraded before use. Open it once with write access (OpsDesk backs it up first), "
        "or open a copy."
    )
    assert digest(path) == before
    assert not backup_folder(path).exists()


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to run a child as nobody"
)
def test_a_file_the_user_cannot_write_opens_read_only_for_that_user(register: Path, tmp_path: Path) -> None:
    import pwd
    import tempfile

    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        pytest.skip("no 'nobody' account")
    # A folder everyone can reach (pytest's own tmp folders are private to root).
    shared = Path(tempfile.mkdtemp(prefix="opsdesk-ro-"))
    try:
        os.chmod(shared, 0o755)
        copy = backup_sqlite(register, shared / "register.db")
        os.chmod(copy, 0o444)
        before = digest(copy)
        script = textwrap.dedent(f"""
            import os
            # Everything is imported as root (the interpreter's files may be root's only), then
            # the process becomes nobody before it touches the database.
            from opsdesk.store import migrations
            from opsdesk.store.database import open_database
            migrations.head_revision()
            os.setgid({nobody.pw_gid}); os.setuid({nobody.pw_uid})
            database = open_database({str(copy)!r}, user="nobody")
            print(database.read_only, database.read_only_reason)
            database.dispose()
        """)
        result = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
            env={**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(shared / "home")},
        )  # fmt: skip
        if result.returncode != 0 and ("Permission denied" in result.stderr or "No module" in result.stderr):
            pytest.skip(f"nobody cannot run this interpreter: {result.stderr.splitlines()[-1]}")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "True the file is read-only\n"
        assert digest(copy) == before
    finally:
        for child in shared.iterdir():
            child.unlink()
        shared.rmdir()

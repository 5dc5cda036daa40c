"""The encrypted register (SQLCipher): nothing readable in its file or backups, the password to open it."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import select

from opsdesk.domain.catalogue import use_language
from opsdesk.domain.errors import DatabaseError, PasswordRequiredError
from opsdesk.services import backups, risks, settings
from opsdesk.services.register_check import check_register
from opsdesk.store.backup import SqliteFaultError, backup_sqlite, check_restorable, list_backups
from opsdesk.store.database import (
    LARGE_CACHE_KIB,
    Database,
    database_url,
    integrity_problems,
    open_database,
)
from opsdesk.store.encryption import encrypt_register
from opsdesk.store.models import Risk

pytestmark = pytest.mark.sqlite_only

PASSWORD = "correct horse battery staple"
TITLES = ["Unpatched SCADA gateway in plant Alpha", "Litigation over the Ostrava spill", "焊接车间消防隐患"]


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
                today=date(2026, 3, 16),
            )


def titles_in(database: Database) -> list[str]:
    with database.session() as session:
        return sorted(risk.title for risk in session.exec(select(Risk)))


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file())


def readable_titles(folder: Path) -> dict[str, list[str]]:
    """Which files hold any title as text (UTF-8, as SQLite stores it, or UTF-16)."""
    found: dict[str, list[str]] = {}
    for path in files_under(folder):
        content = path.read_bytes()
        for title in TITLES:
            for encoding in ("utf-8", "utf-16-le"):
                if title.encode(encoding) in content:
                    found.setdefault(path.name, []).append(title)
    return found


@pytest.fixture
def encrypted(tmp_path: Path) -> Path:
    """An encrypted register in its own folder, with the three risks; closed."""
    path = tmp_path / "vault" / "register.db"
    database = open_database(path, user="tester", password=PASSWORD)
    try:
        add_risks(database, TITLES)
    finally:
        database.dispose()
    return path


def test_no_title_is_readable_in_the_file_its_log_or_its_backups(encrypted: Path) -> None:
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        assert database.encrypted
        add_risks(database, ["Unpatched SCADA gateway in plant Alpha"])  # in the write-ahead log now
        backups.forget_automatic_backups()
        automatic = backups.take_automatic_backup(database)
        requested = backups.backup_now(database)
        folder = encrypted.parent
        assert {encrypted.name, f"{encrypted.name}-wal", automatic.name, requested.name} <= {
            path.name for path in files_under(folder)
        }
        # Not a SQLite file to anyone without the password, and no title in any byte of any file.
        assert encrypted.read_bytes()[:16] != b"SQLite format 3\x00"
        assert readable_titles(folder) == {}
        with pytest.raises(sqlite3.DatabaseError):
            sqlite3.connect(str(requested)).execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        database.dispose()
    # The same register as a plain file would give them away: the test can see a title.
    plain = open_database(encrypted.parent.parent / "plain" / "register.db", user="tester")
    try:
        add_risks(plain, TITLES[:1])
    finally:
        plain.dispose()
    assert readable_titles(encrypted.parent.parent / "plain") == {"register.db": TITLES[:1]}


def test_it_opens_again_with_its_password_and_its_backups_too(encrypted: Path) -> None:
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        assert titles_in(database) == sorted(TITLES)
        copy = backups.backup_now(database)
    finally:
        database.dispose()
    # A backup is encrypted with the same password: it opens on its own with it.
    restored = open_database(copy, user="tester", password=PASSWORD, migrate=False, read_only=True)
    try:
        assert titles_in(restored) == sorted(TITLES)
    finally:
        restored.dispose()


def test_a_reload_reads_decrypted_pages_from_the_registers_own_cache(encrypted: Path) -> None:
    """The operating system caches the file encrypted: SQLite's cache keeps the register's pages
    decrypted, large enough for 20,000 risks, so a reload does not decrypt them again."""
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        with database.session() as session:
            connection = session.connection()
            assert connection.exec_driver_sql("PRAGMA cache_size").scalar() == -LARGE_CACHE_KIB
            assert LARGE_CACHE_KIB * 1024 > 24_000_000  # the benchmark's 20,000 risks: 24 MB of pages
            assert sorted(connection.exec_driver_sql("SELECT title FROM risk").scalars()) == sorted(TITLES)
    finally:
        database.dispose()
    plain = open_database(encrypted.parent / "plain.db", user="tester")
    try:
        with plain.session() as session:  # a plain register leaves caching to the operating system
            assert session.connection().exec_driver_sql("PRAGMA cache_size").scalar() == -2000
    finally:
        plain.dispose()


def test_a_wrong_password_is_refused_in_one_sentence_and_the_file_is_untouched(encrypted: Path) -> None:
    before = encrypted.read_bytes()
    siblings = sorted(path.name for path in encrypted.parent.iterdir())
    with pytest.raises(PasswordRequiredError) as caught:
        open_database(encrypted, user="tester", password="Tr0ub4dor&3")
    assert caught.value.wrong and caught.value.code == "register.wrong_password"
    assert str(caught.value) == (
        f"The password does not open {encrypted} (or the file is not an OpsDesk register). Nothing was changed."
    )
    with use_language("zh_CN"):
        assert (
            str(caught.value) == f"该密码无法打开 {encrypted}（或该文件不是 OpsDesk 登记册）。未做任何更改。"
        )
    assert encrypted.read_bytes() == before
    assert sorted(path.name for path in encrypted.parent.iterdir()) == siblings


def test_without_a_password_it_asks_for_one(encrypted: Path) -> None:
    before = encrypted.read_bytes()
    with pytest.raises(PasswordRequiredError) as caught:
        open_database(encrypted, user="tester")
    assert not caught.value.wrong and caught.value.code == "register.needs_password"
    assert str(caught.value) == f"{encrypted} is an encrypted register: give its password to open it."
    assert encrypted.read_bytes() == before


def test_a_plain_register_given_a_password_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "plain.db"
    open_database(path, user="tester").dispose()
    before = path.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        open_database(path, user="tester", password=PASSWORD)
    assert caught.value.code == "register.not_encrypted"
    with use_language("zh_CN"):
        assert str(caught.value).startswith(f"{path} 不是加密的登记册")
    assert path.read_bytes() == before


def test_an_empty_password_creates_nothing(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError) as caught:
        open_database(tmp_path / "new.db", password="")
    assert caught.value.code == "register.password_empty"
    assert not (tmp_path / "new.db").exists()


def test_check_backup_and_restore_work_on_it(encrypted: Path) -> None:
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        result = check_register(database)
        assert result.ok, result.findings()
        assert integrity_problems(database) == []
        copy = backups.backup_now(database)
        assert check_restorable(copy, database.key) == result.schema
        add_risks(database, ["Added after the backup"])
        key = database.key
    finally:
        database.dispose()
    restored = backups.restore_database(encrypted, copy, key)
    assert restored.safety_backup is not None and readable_titles(encrypted.parent) == {}
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        assert titles_in(database) == sorted(TITLES)  # the risk added after the backup is gone
        assert check_register(database).ok
    finally:
        database.dispose()
    # The register kept before the restore holds the added risk, encrypted too.
    kept = open_database(restored.safety_backup, password=PASSWORD, migrate=False, read_only=True)
    try:
        assert "Added after the backup" in titles_in(kept)
    finally:
        kept.dispose()


def test_a_plain_backup_is_not_restored_into_an_encrypted_register(encrypted: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.db"
    open_database(plain, user="tester").dispose()
    database = open_database(encrypted, user="tester", password=PASSWORD)
    key = database.key
    database.dispose()
    before = encrypted.read_bytes()
    with pytest.raises(DatabaseError) as caught:
        backups.restore_database(encrypted, plain, key)
    assert caught.value.code == "register.backup_other_key"
    assert encrypted.read_bytes() == before


def test_read_only_opening_works_with_the_password(encrypted: Path) -> None:
    database = open_database(encrypted, user="tester", password=PASSWORD, read_only=True)
    try:
        assert database.read_only and titles_in(database) == sorted(TITLES)
    finally:
        database.dispose()


def test_encrypting_a_plain_register_keeps_every_row_trigger_and_backup(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    plain = open_database(path, user="tester")
    try:
        add_risks(plain, TITLES)
        backups.backup_now(plain)
        rows = titles_in(plain)
    finally:
        plain.dispose()
    assert readable_titles(tmp_path)  # the plain register and its backup give the titles away

    result = encrypt_register(path, PASSWORD)
    assert result.plain_copy is None and len(result.backups_encrypted) == 1
    assert readable_titles(tmp_path) == {}
    assert sorted(p.name for p in tmp_path.iterdir() if p.name not in ("home", "backups")) == ["register.db"]
    database = open_database(path, user="tester", password=PASSWORD)
    try:
        assert titles_in(database) == rows
        check = check_register(database)  # the audit trail's hash chain and OpsDesk's triggers came along
        assert check.ok, check.findings()
        add_risks(database, ["After encryption"])  # the audit triggers still write
    finally:
        database.dispose()
    backup = list_backups(path)[-1].path
    old = open_database(backup, password=PASSWORD, migrate=False, read_only=True)
    try:
        assert titles_in(old) == rows
    finally:
        old.dispose()


def test_keep_plain_leaves_the_unencrypted_register_aside(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    plain = open_database(path, user="tester")
    add_risks(plain, TITLES[:1])
    plain.dispose()
    result = encrypt_register(path, PASSWORD, keep_plain=True)
    assert result.plain_copy is not None and result.plain_copy.name.startswith("register.db.plain-")
    assert readable_titles(tmp_path) == {result.plain_copy.name: TITLES[:1]}
    with pytest.raises(DatabaseError) as caught:
        encrypt_register(path, PASSWORD)
    assert caught.value.code == "register.already_encrypted"


def test_a_register_open_elsewhere_is_not_encrypted(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    open_database(path, user="tester").dispose()
    before = path.read_bytes()
    # Another program reading it (another process: POSIX locks do not stop one's own process).
    reader = (
        "import sqlite3, sys\n"
        f"c = sqlite3.connect({str(path)!r}); c.execute('BEGIN'); c.execute('SELECT count(*) FROM risk').fetchone()\n"
        "print('reading', flush=True); sys.stdin.readline()\n"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", reader], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout.readline().strip() == "reading"
        with pytest.raises(SqliteFaultError) as caught:
            encrypt_register(path, PASSWORD)
    finally:
        other.communicate("done\n", timeout=60)
    assert caught.value.kind == "locked"
    assert str(caught.value).startswith(f"Nothing was encrypted: {path} is locked by another program")
    assert caught.value.message("zh_CN").startswith("未加密任何内容：")
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if ".encrypt-" in p.name]


def test_backups_of_an_encrypted_register_need_its_key_to_be_checked(encrypted: Path) -> None:
    database = open_database(encrypted, user="tester", password=PASSWORD)
    try:
        copy = backup_sqlite(encrypted, key=database.key)
    finally:
        database.dispose()
    assert not backups.is_good_backup(copy)  # without the key it is nothing SQLite can read
    with pytest.raises(DatabaseError):
        check_restorable(copy)


def test_an_older_encrypted_register_is_backed_up_encrypted_then_upgraded(tmp_path: Path) -> None:
    from alembic import command

    from opsdesk.store import cipher, migrations
    from opsdesk.store.database import make_engine

    path = tmp_path / "old.db"
    key = cipher.file_key(path, PASSWORD)
    engine = make_engine(database_url(path), key=key)
    try:
        with engine.begin() as connection:  # an older schema, as an older OpsDesk left it
            command.upgrade(migrations.alembic_config(connection), "0003")
            connection.exec_driver_sql(
                "INSERT INTO department (name, archived, version) VALUES ('Unpatched SCADA gateway in plant Alpha', 0, 1)"
            )
    finally:
        engine.dispose()
    database = open_database(path, user="tester", password=PASSWORD)
    try:
        assert migrations.current_revision(database) == migrations.head_revision()
        assert check_register(database).ok
    finally:
        database.dispose()
    (before_upgrade,) = [info.path for info in list_backups(path) if info.reason == "before-upgrade"]
    assert readable_titles(tmp_path) == {}
    old = open_database(before_upgrade, password=PASSWORD, migrate=False, read_only=True)
    try:
        assert migrations.current_revision(old) == "0003"
    finally:
        old.dispose()

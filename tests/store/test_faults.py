"""Faults named for what they are: a register locked by another program, a full disk or an I/O
error is never reported as damage, and restore never moves aside a file that is not damaged or
that another program still has open."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.store import backup as store_backup
from opsdesk.store import database as store_database
from opsdesk.store.audit_witness import WITNESS_FILE, register_key
from opsdesk.store.backup import SqliteFaultError, backup_folder, backup_sqlite, sqlite_fault
from opsdesk.store.database import Database, database_url, open_database
from tests.store.test_recovery import add_risks, garble, stamped, titles

pytestmark = pytest.mark.sqlite_only

REPO = Path(__file__).resolve().parents[2]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def register(database: Database) -> Path:
    add_risks(database, *[f"Risk {n}" for n in range(1, 11)])
    path = database.path
    database.dispose()
    return path


@pytest.fixture
def impatient(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait a fraction of a second for a lock instead of ten."""
    monkeypatch.setattr(store_backup, "BUSY_TIMEOUT_S", 0.2)
    monkeypatch.setattr(store_database, "BUSY_TIMEOUT_MS", 200)


HOLDER = """
    import sqlite3, sys
    connection = sqlite3.connect({path!r}, isolation_level=None)
    connection.execute("SELECT count(*) FROM risk").fetchone()
    if {exclusive!r}:
        # A database tool that keeps the file to itself: every other reader and writer is locked out.
        connection.execute("PRAGMA locking_mode=EXCLUSIVE")
        connection.execute("BEGIN EXCLUSIVE")
        connection.execute("INSERT INTO department (name, archived, version) VALUES ('Held', 0, 1)")
        connection.execute("COMMIT")
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() == "write":
            connection.execute("INSERT INTO department (name, archived, version) VALUES ('Written later', 0, 1)")
            print("written", flush=True)
"""


@pytest.fixture
def holder(register: Path) -> Iterator:
    """Another process with the register open: `holder(exclusive=True)` holds it locked."""
    started = []

    def start(*, exclusive: bool) -> subprocess.Popen[str]:
        process = subprocess.Popen(
            [sys.executable, "-c", textwrap.dedent(HOLDER.format(path=str(register), exclusive=exclusive))],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )  # fmt: skip
        started.append(process)
        assert process.stdout.readline().strip() == "ready", process.stderr.read()
        return process

    yield start
    for process in started:
        if not process.stdin.closed:
            process.stdin.close()
        process.wait(timeout=30)
        process.stdout.close()
        process.stderr.close()


def department_names(path: Path) -> list[str]:
    connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return [row[0] for row in connection.execute("SELECT name FROM department ORDER BY id")]
    finally:
        connection.close()


def test_a_register_held_in_an_exclusive_lock_is_named_locked_not_damaged(register: Path, holder, impatient,
                                                                           capsys) -> None:  # fmt: skip
    holder(exclusive=True)

    assert main(["--db", str(register), "check"]) == 1

    err = capsys.readouterr().err
    assert err == (
        f"opsdesk: error: {register} is locked by another program (another OpsDesk or a database tool); close it "
        "and try again. This is not damage; nothing was changed.\n"
    )
    with pytest.raises(SqliteFaultError) as caught:
        open_database(register)
    assert caught.value.kind == "locked"


def test_restore_refuses_while_another_program_holds_the_register(
    register: Path, holder, impatient, capsys
) -> None:
    good = stamped(register, "auto", datetime(2026, 3, 1, 9, 0))
    process = holder(exclusive=True)
    before = sorted(p.name for p in register.parent.iterdir())

    assert main(["--db", str(register), "restore", str(good)]) == 1

    err = capsys.readouterr().err
    assert err.startswith(f"opsdesk: error: Nothing was restored: {register} is locked by another program")
    assert err.count("\n") == 1
    assert sorted(p.name for p in register.parent.iterdir()) == before  # nothing moved aside, no copy taken
    # The lock holder's later writes go into the register, not into a file moved out of its way.
    process.stdin.write("write\n")
    process.stdin.flush()
    assert process.stdout.readline().strip() == "written"
    process.stdin.close()
    process.wait(timeout=30)
    assert department_names(register)[-2:] == ["Held", "Written later"]
    assert main(["--db", str(register), "check"]) == 0


def test_a_damaged_register_still_open_elsewhere_is_not_moved_aside(register: Path, holder, capsys) -> None:
    good = stamped(register, "auto", datetime(2026, 3, 1, 9, 0))
    process = holder(exclusive=False)
    garble(register, 2, 4)
    damaged = digest(register)

    assert main(["--db", str(register), "restore", str(good)]) == 1

    assert capsys.readouterr().err == (
        f"opsdesk: error: Nothing was restored: {register} is damaged but still open in another program (another "
        "OpsDesk or a database tool). Close it, then restore again.\n"
    )
    assert digest(register) == damaged
    assert not [p for p in register.parent.iterdir() if ".broken-" in p.name]
    process.stdin.close()
    process.wait(timeout=30)
    assert main(["--db", str(register), "restore", str(good)]) == 0  # closed: now it is moved aside
    assert [p.name for p in register.parent.iterdir() if p.name.startswith("register.db.broken-")]
    assert titles(register) == [f"Risk {n}" for n in range(1, 11)]


def test_a_healthy_register_is_overwritten_in_place_never_moved_aside(register: Path, holder, capsys) -> None:
    older = backup_sqlite(register, backup_folder(register) / "older.db")
    add_risks_path(register, "Added after the backup")
    holder(exclusive=False)  # another OpsDesk has it open, idle: it sees the restored register

    assert main(["--db", str(register), "restore", str(older)]) == 0

    assert not [p for p in register.parent.iterdir() if ".broken-" in p.name]
    assert "The database it replaced was backed up to" in capsys.readouterr().out


def add_risks_path(path: Path, *titles_: str) -> None:
    database = open_database(path, user="tester")
    try:
        add_risks(database, *titles_)
    finally:
        database.dispose()


FULL_DISK_CHILD = """
    import os, resource, signal, sys
    from opsdesk import cli
    from opsdesk.services import register_check  # noqa: F401 - everything imported before the disk fills
    from opsdesk.store import credentials, migrations  # noqa: F401

    # A full disk, simulated: no file may grow at all (EFBIG), so SQLite cannot make the WAL's
    # shared-memory file that reading the register needs.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    sys.exit(cli.main(["--db", {db!r}, "check"]))
"""


@pytest.mark.skipif(os.name != "posix", reason="RLIMIT_FSIZE")
def test_a_full_disk_is_named_full_not_damaged(register: Path, tmp_path: Path) -> None:
    for suffix in ("-wal", "-shm"):
        register.with_name(register.name + suffix).unlink(missing_ok=True)
    before = digest(register)
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(FULL_DISK_CHILD.format(db=str(register)))],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr == (
        f"opsdesk: error: {register} cannot be used: the disk is full (SQLite found no room for its working files). "
        "Free some space and try again. This is not damage; nothing was changed.\n"
    )
    assert digest(register) == before
    assert not backup_folder(register).exists()


@pytest.mark.parametrize(
    ("code", "kind"),
    [(5, "locked"), (6, "locked"), (13, "full"), (4618, "full"), (4874, "full"), (10, "io"), (266, "io"),
     (3850, "io"), (14, "cannot_open"), (11, None), (26, None)],
)  # fmt: skip
def test_sqlite_result_codes_are_sorted_into_faults_and_damage(code: int, kind: str | None) -> None:
    error = sqlite3.OperationalError("some failure")
    error.sqlite_errorcode = code
    assert sqlite_fault(error) == kind  # 11 (CORRUPT) and 26 (NOTADB) are damage


# The witness ----------------------------------------------------------------------------------

CHECKER = """
    import sys
    from opsdesk import cli
    sys.stdin.readline()  # every checker starts at once
    sys.exit(cli.main(["--db", {db!r}, "check"]))
"""


def test_twelve_checks_at_once_lose_no_witness_update(register: Path, tmp_path: Path) -> None:
    copies = []
    for number in range(12):
        copy = tmp_path / f"site{number}" / "register.db"
        copy.parent.mkdir()
        backup_sqlite(register, copy)
        copies.append(copy)
    home = tmp_path / "shared-home"
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(home)}
    checkers = [
        subprocess.Popen([sys.executable, "-c", textwrap.dedent(CHECKER.format(db=str(copy)))], stdin=subprocess.PIPE,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        for copy in copies
    ]  # fmt: skip
    for checker in checkers:
        checker.stdin.write("go\n")
        checker.stdin.flush()
    results = [checker.communicate(timeout=300) for checker in checkers]
    assert [checker.returncode for checker in checkers] == [0] * 12, results
    witnessed = json.loads((home / WITNESS_FILE).read_text(encoding="utf-8"))
    assert sorted(witnessed) == sorted(register_key(database_url(copy)) for copy in copies)

"""Crash safety: a process killed (SIGKILL) in the middle of an import or an export loses nothing committed.

Each child runs the real `opsdesk` command in a fresh interpreter. A wrapper around one of its
steps prints a line when the work is half done and then waits on stdin, so the parent kills it
at a known point, never by timing.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
from datetime import date
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.services.settings import ensure_defaults
from opsdesk.store.database import open_database
from opsdesk.store.migrations import head_revision
from tests.postgres import fresh_postgres_database, full_url
from tests.registers import copy_register

pytestmark = pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")

REPO = Path(__file__).resolve().parents[2]
ROWS = 240


def run_until_signal(tmp_path: Path, script: str) -> tuple[subprocess.Popen[str], str]:
    """Start a child, wait for its 'half' line, then SIGKILL it; returns it and the line ('' at EOF)."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")}
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(script)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=tmp_path,
    )  # fmt: skip
    try:
        line = "not started"
        while line and line != "half":  # the command's own output comes first
            line = child.stdout.readline()
            line = line.strip() if line else ""
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    child.stdin.close()
    child.stdout.close()
    child.stderr.close()
    return child, line


def sqlite_rows(path: Path, sql: str) -> list[tuple]:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def make_workbook(path: Path, rows: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Risks"
    sheet.append(["Title", "Department", "Category", "Identified on", "Owner", "Likelihood", "Impact"])
    for number in range(1, rows + 1):
        sheet.append([f"Imported risk {number}", "Operations", "Operational", date(2026, 1, 5), "Mia Chen",
                      1 + number % 5, 1 + (number // 5) % 5])  # fmt: skip
    workbook.save(path)


# The child: the import's page cache is tiny (20 KiB), so the open transaction's pages spill into
# the WAL before the kill (the uncommitted frames are really on disk, not only in memory).
SMALL_SQLITE_CACHE = "database.LARGE_CACHE_KIB = 20"
IMPORT_CHILD = """
    import sys
    from opsdesk import cli
    from opsdesk.store import database
    from opsdesk.services import risks

    {small_cache}
    real_create = risks.create_risks

    def create_risks(*, items, **kwargs):
        # The import writes its new risks in one batch: write half of it (flushed, not
        # committed), then wait to be killed.
        half = len(items) // 2
        created = real_create(items=items[:half], **kwargs)
        print("half", flush=True)
        sys.stdin.readline()
        return created + real_create(items=items[half:], **kwargs)

    risks.create_risks = create_risks
    sys.exit(cli.main(["--db", {db!r}, "import", {workbook!r}]))
"""


def test_a_kill_in_the_middle_of_an_import_leaves_none_of_it(tmp_path: Path, capsys) -> None:
    db = tmp_path / "register.db"
    workbook = tmp_path / "risks.xlsx"
    make_workbook(workbook, ROWS)
    database = open_database(db, user="tester")
    with database.session() as session:
        ensure_defaults(session=session)
    database.dispose()
    before_audit = sqlite_rows(db, "SELECT count(*), max(id) FROM auditentry")

    child, line = run_until_signal(
        tmp_path,
        IMPORT_CHILD.format(rows=ROWS, db=str(db), workbook=str(workbook), small_cache=SMALL_SQLITE_CACHE),
    )

    assert line == "half"
    assert child.returncode == -signal.SIGKILL
    wal = db.with_name(db.name + "-wal")
    assert wal.stat().st_size > 0  # uncommitted pages reached the disk before the kill
    assert sqlite_rows(db, "PRAGMA integrity_check") == [("ok",)]
    # None of the import: no risk, no assessment, no code handed out, no audit entry.
    assert sqlite_rows(db, "SELECT count(*) FROM risk") == [(0,)]
    assert sqlite_rows(db, "SELECT count(*) FROM assessment") == [(0,)]
    assert sqlite_rows(db, "SELECT count(*) FROM codesequence") == [(0,)]
    assert sqlite_rows(db, "SELECT count(*), max(id) FROM auditentry") == before_audit
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0
    assert capsys.readouterr().out.endswith(f"{db}: healthy (schema {head_revision()}).\n")

    # The same import run again to the end holds all of it.
    assert main(["--db", str(db), "import", str(workbook)]) == 0
    assert sqlite_rows(db, "SELECT count(*), min(code), max(code) FROM risk") == [
        (ROWS, "R-0001", f"R-{ROWS:04d}")
    ]
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0


def test_a_kill_in_the_middle_of_an_import_to_a_server_leaves_none_of_it(tmp_path: Path, capsys) -> None:
    # The server sees the connection drop and rolls the open transaction back.
    workbook = tmp_path / "risks.xlsx"
    make_workbook(workbook, ROWS)
    with fresh_postgres_database() as database:
        url = full_url(database)

        def counts() -> tuple:
            with database.engine.connect() as connection:
                return tuple(connection.exec_driver_sql(sql).one() for sql in (
                    "SELECT count(*) FROM risk", "SELECT count(*) FROM assessment",
                    "SELECT count(*) FROM codesequence", "SELECT count(*), max(id) FROM auditentry",
                ))  # fmt: skip

        before = counts()
        child, line = run_until_signal(tmp_path, IMPORT_CHILD.format(rows=ROWS, db=url, workbook=str(workbook),
                                                                     small_cache=""))  # fmt: skip
        assert (line, child.returncode) == ("half", -signal.SIGKILL)
        assert counts() == before
        assert before[:3] == ((0,), (0,), (0,))
        capsys.readouterr()
        assert main(["--db", url, "check"]) == 0
        # Nothing is left locked: the same import runs to the end and holds all of it.
        assert main(["--db", url, "import", str(workbook)]) == 0
        assert counts()[:3] == ((ROWS,), (ROWS,), (1,))
        assert main(["--db", url, "check"]) == 0


EXPORT_CHILD = """
    import sys
    from opsdesk import cli
    from opsdesk.cli import excel as cli_excel

    def progress(percent, message):
        if percent >= 50:
            print("half", flush=True)
            sys.stdin.readline()

    cli_excel.print_progress = progress
    sys.exit(cli.main(["--db", {db!r}, "export", "--quarter", "2026-Q3", "--out", {out!r}]))
"""


def test_a_kill_in_the_middle_of_an_export_leaves_no_partial_file(
    tmp_path: Path, capsys, demo_template: Path
) -> None:
    db = copy_register(demo_template, tmp_path / "register.db")
    before = sqlite_rows(db, "SELECT (SELECT count(*) FROM risk), (SELECT count(*) FROM auditentry)")
    out_folder = tmp_path / "reports"
    out_folder.mkdir()
    out = out_folder / "q3.xlsx"

    child, line = run_until_signal(tmp_path, EXPORT_CHILD.format(db=str(db), out=str(out)))

    assert line == "half"
    assert child.returncode == -signal.SIGKILL
    # Nothing at the target path: the workbook is written to a temporary file and renamed at the end.
    assert not out.exists()
    leftovers = sorted(p.name for p in out_folder.iterdir())
    assert len(leftovers) == 1 and leftovers[0].startswith(".q3-") and leftovers[0].endswith(".xlsx.tmp")
    assert sqlite_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert sqlite_rows(db, "SELECT (SELECT count(*) FROM risk), (SELECT count(*) FROM auditentry)") == before
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0

    # A new export afterwards writes a complete workbook.
    assert main(["--db", str(db), "export", "--quarter", "2026-Q3", "--out", str(out)]) == 0
    from openpyxl import load_workbook

    assert load_workbook(out, read_only=True).sheetnames[:2] == ["Summary", "Risk register"]


DISK_FULL_CHILD = """
    import os, resource, signal, sys
    from opsdesk import cli

    # A full disk, simulated: no file this process writes may grow past the limit (EFBIG).
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    limit = os.path.getsize({db!r}) + 64 * 1024
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    sys.exit(cli.main(["--db", {db!r}, "import", {workbook!r}]))
"""


def test_a_full_disk_during_an_import_is_one_clear_line_and_writes_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "register.db"
    workbook = tmp_path / "risks.xlsx"
    make_workbook(workbook, ROWS)
    database = open_database(db, user="tester")
    with database.session() as session:
        ensure_defaults(session=session)
    database.dispose()
    before = sqlite_rows(db, "SELECT (SELECT count(*) FROM risk), (SELECT count(*) FROM auditentry)")

    env = {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(DISK_FULL_CHILD.format(db=str(db), workbook=str(workbook)))],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=300, check=False,
    )  # fmt: skip

    assert result.returncode == 1
    assert result.stderr == (
        "opsdesk: error: The register could not be written (the disk is full or failing). Nothing was saved.\n"
    )
    assert sqlite_rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert sqlite_rows(db, "SELECT (SELECT count(*) FROM risk), (SELECT count(*) FROM auditentry)") == before
    capsys.readouterr()
    assert main(["--db", str(db), "check"]) == 0

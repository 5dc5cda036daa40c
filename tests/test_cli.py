"""The `opsdesk` command: demo, check, backup, and one clear line for every error."""

from __future__ import annotations

import atexit
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

import pytest

from opsdesk import __version__
from opsdesk.cli import main
from opsdesk.services import risks, settings
from opsdesk.store import migrations
from opsdesk.store.backup import backup_folder
from opsdesk.store.database import open_database
from tests.registers import copy_register

REPO = Path(__file__).resolve().parents[1]
HEAD = migrations.head_revision()


def one_error_line(err: str) -> str:
    """The single stderr line of a refused command (and proof that no traceback came with it)."""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("opsdesk: error: "), err
    return lines[0]


def siblings(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


_EMPTY_REGISTER: list[Path] = []


def _empty_register() -> Path:
    """A migrated register with the default settings by "tester", made once per process (migrating takes a second)."""
    if not _EMPTY_REGISTER:
        folder = Path(tempfile.mkdtemp(prefix="opsdesk-test-cli-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        database = open_database(folder / "empty.db", user="tester")
        try:
            with database.session() as session:
                settings.ensure_defaults(session=session)
        finally:
            database.dispose()  # the write-ahead log folded into the file: copying the file is enough
        _EMPTY_REGISTER.append(folder / "empty.db")
    return _EMPTY_REGISTER[0]


def make_register(path: Path, titles: list[str]) -> None:
    """A register at `path` (a copy of the empty one) holding risks with these titles."""
    copy_register(_empty_register(), path)
    database = open_database(path, user="tester")
    try:
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
                    today=date(2026, 3, 16),
                )
    finally:
        database.dispose()


def audit_entries(path: Path) -> int:
    connection = sqlite3.connect(str(path))
    try:
        return connection.execute("SELECT count(*) FROM auditentry").fetchone()[0]
    finally:
        connection.close()


def healthy(path: Path) -> str:
    """What `check` prints for a healthy register."""
    return f"audit trail intact ({audit_entries(path)} entries)\n{path}: healthy (schema {HEAD}).\n"


def risk_titles(path: Path) -> list[str]:
    connection = sqlite3.connect(str(path))
    try:
        return [row[0] for row in connection.execute("SELECT title FROM risk ORDER BY code")]
    finally:
        connection.close()


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out == f"OpsDesk {__version__}\n"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    for command in ("demo", "check", "backup", "--db"):
        assert command in out


def test_demo_then_check_then_a_second_demo_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.db"

    assert main(["--db", str(path), "demo"]) == 0
    out = capsys.readouterr().out
    assert out == (
        f"Loaded the demo data into {path}: 40 risks, 12 KRIs, 6 quality objectives, "
        "15 nonconformities, 4 meetings, 30 suggestions.\n"
    )

    assert main(["--db", str(path), "check"]) == 0
    captured = capsys.readouterr()
    assert captured.out == healthy(path)
    assert captured.err == ""

    assert main(["--db", str(path), "demo"]) == 1
    captured = capsys.readouterr()
    assert one_error_line(captured.err) == (
        "opsdesk: error: This database already holds 40 risks; use --force to add the demo data anyway."
    )
    assert captured.out == ""
    connection = sqlite3.connect(str(path))
    try:
        assert connection.execute("SELECT count(*) FROM risk").fetchone() == (40,)
    finally:
        connection.close()


def test_check_on_a_text_file_fails_in_one_line_and_leaves_it_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "notadb.txt"
    path.write_text("This is not a database.\n", encoding="utf-8")
    before = (path.read_bytes(), path.stat().st_mtime_ns)

    code = main(["--db", str(path), "check"])

    captured = capsys.readouterr()
    assert code != 0
    line = one_error_line(captured.err)
    assert line == f"opsdesk: error: {path} is not an OpsDesk database (it is not a SQLite file)."
    assert captured.out == ""
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert siblings(path) == ["notadb.txt"]


def test_check_on_a_missing_file_fails_and_does_not_create_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing.db"

    code = main(["--db", str(path), "check"])

    assert code != 0
    assert one_error_line(capsys.readouterr().err) == f"opsdesk: error: {path} does not exist."
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_check_on_the_default_database_before_first_start(
    isolated_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check"]) == 1
    assert (
        one_error_line(capsys.readouterr().err)
        == f"opsdesk: error: {isolated_home / 'opsdesk.db'} does not exist."
    )
    assert not (isolated_home / "opsdesk.db").exists()


def test_check_on_a_healthy_register(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.db"
    make_register(path, ["Warehouse flooding"])
    assert main(["--db", str(path), "check"]) == 0
    assert capsys.readouterr().out == healthy(path)


def test_check_reports_integrity_problems(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.db"
    make_register(path, ["Warehouse flooding"])
    connection = sqlite3.connect(str(path))
    connection.execute("PRAGMA foreign_keys=OFF")
    connection.execute("UPDATE risk SET category_id = 999")
    connection.commit()
    connection.close()

    assert main(["--db", str(path), "check"]) == 1
    captured = capsys.readouterr()
    assert captured.out == (
        f"problem: row 1 of risk points to a missing category\naudit trail intact ({audit_entries(path)} entries)\n"
    )
    assert captured.err == f"{path}: 1 integrity problem(s).\n"


def test_backup_out_writes_a_valid_copy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "register.db"
    make_register(path, ["Warehouse flooding", "Key supplier fails"])
    out = tmp_path / "copies" / "register-2026-03-16.db"

    assert main(["--db", str(path), "backup", "--out", str(out)]) == 0

    assert capsys.readouterr().out == f"Backup written to {out}\n"
    assert risk_titles(out) == ["Warehouse flooding", "Key supplier fails"]
    copy = sqlite3.connect(str(out))
    try:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("SELECT version_num FROM alembic_version").fetchall() == [(HEAD,)]
    finally:
        copy.close()
    assert main(["--db", str(out), "check"]) == 0


def test_backup_without_out_goes_to_the_backups_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.db"
    make_register(path, ["Warehouse flooding"])

    assert main(["--db", str(path), "backup"]) == 0

    copies = list(backup_folder(path).iterdir())
    assert len(copies) == 1
    assert capsys.readouterr().out == f"Backup written to {copies[0]}\n"
    assert risk_titles(copies[0]) == ["Warehouse flooding"]


def test_backup_of_a_missing_database_fails_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "missing.db"
    assert main(["--db", str(path), "backup", "--out", str(tmp_path / "copy.db")]) == 1
    assert one_error_line(capsys.readouterr().err) == f"opsdesk: error: {path} does not exist."
    assert list(tmp_path.iterdir()) == []


def test_demo_on_a_text_file_fails_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("meeting notes", encoding="utf-8")
    assert main(["--db", str(path), "demo"]) == 1
    assert "is not an OpsDesk database" in one_error_line(capsys.readouterr().err)
    assert path.read_text(encoding="utf-8") == "meeting notes"


def test_an_unusable_url_fails_in_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", "nosuchdialect://host/db", "check"]) == 1
    assert one_error_line(capsys.readouterr().err).startswith("opsdesk: error: Cannot use the database")


def test_the_entry_point_runs_demo_and_check_in_a_real_process(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    env = {**os.environ, "PYTHONPATH": str(REPO), "OPSDESK_HOME": str(tmp_path / "home")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "opsdesk", "--db", str(path), *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=tmp_path,
            timeout=300,
            check=False,
        )

    demo = run("demo")
    assert demo.returncode == 0, demo.stderr
    assert demo.stdout.startswith(f"Loaded the demo data into {path}: 40 risks")

    check = run("check")
    assert check.returncode == 0, check.stderr
    assert "healthy" in check.stdout
    assert check.stdout == healthy(path)
    assert check.stderr == ""

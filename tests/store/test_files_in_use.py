"""Files another program holds open (Windows' WinError 32): retried briefly, then one clear message, nothing half done.

No Windows machine is at hand: `sharing_rules` makes renames and deletes behave as on
Windows for the files a test says are held open by another program.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.services.settings import ensure_defaults
from opsdesk.store import files_in_use
from opsdesk.store.backup import backup_folder, backup_sqlite, list_backups, restore_database, rotate_backups
from opsdesk.store.database import open_database
from opsdesk.store.files_in_use import FileInUseError, remove_file, replace_file
from tests.registers import copy_register


def sharing_violation(path: object) -> PermissionError:
    error = PermissionError(
        13, "The process cannot access the file because it is being used by another process", str(path)
    )
    error.winerror = 32  # what Windows sets; POSIX never does
    return error


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> set[Path]:
    """Paths "open in another program": renaming or deleting them fails as on Windows."""
    held_paths: set[Path] = set()
    real_replace, real_unlink = os.replace, Path.unlink

    def replace(source, target, *args, **kwargs):
        for path in (Path(source), Path(target)):
            if path.resolve() in held_paths:
                raise sharing_violation(path)
        return real_replace(source, target, *args, **kwargs)

    def unlink(self, missing_ok=False):
        if self.resolve() in held_paths:
            raise sharing_violation(self)
        return real_unlink(self, missing_ok=missing_ok)

    monkeypatch.setattr(os, "replace", replace)
    monkeypatch.setattr(Path, "unlink", unlink)
    monkeypatch.setattr(files_in_use, "RETRY_DELAYS_S", (0.0, 0.0, 0.0))
    return held_paths


def test_a_rename_waits_for_the_other_program_to_let_go(tmp_path: Path, held: set[Path]) -> None:
    source, target = tmp_path / "new.db", tmp_path / "register.db"
    source.write_text("new", encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    held.add(target.resolve())
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        if len(waits) == 2:
            held.clear()  # the virus scanner is done with it

    replace_file(source, target, sleep=sleep)
    assert target.read_text(encoding="utf-8") == "new" and not source.exists()
    assert len(waits) == 2


def test_a_file_that_stays_open_gets_the_clear_message_and_is_left_as_it_was(
    tmp_path: Path, held: set[Path]
) -> None:
    source, target = tmp_path / "new.db", tmp_path / "register.db"
    source.write_text("new", encoding="utf-8")
    target.write_text("old", encoding="utf-8")
    with target.open("rb"):  # the second handle
        held.add(target.resolve())
        with pytest.raises(FileInUseError) as refused:
            replace_file(source, target)
        with pytest.raises(FileInUseError):
            remove_file(target)
    assert str(refused.value) == (
        f"{target} is in use: another program has the file open; close it and try again. Nothing was changed."
    )
    assert source.read_text(encoding="utf-8") == "new" and target.read_text(encoding="utf-8") == "old"


def test_a_posix_permission_error_is_not_retried(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def refuse(source, target):
        calls.append(source)
        raise PermissionError(13, "Permission denied", str(target))

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(PermissionError):
        replace_file(
            tmp_path / "a", tmp_path / "b", sleep=lambda _s: pytest.fail("no retry for a real refusal")
        )
    assert len(calls) == 1


def _damaged_register_with_a_backup(tmp_path: Path) -> tuple[Path, Path]:
    path = tmp_path / "register.db"
    database = open_database(path, user="tester")
    with database.session() as session:
        ensure_defaults(session=session)
    database.dispose()
    good = backup_sqlite(path)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the first page's b-tree overwritten
    path.write_bytes(bytes(data))
    Path(f"{path}-wal").write_bytes(b"")
    return path, good


def test_restore_over_a_held_damaged_register_changes_nothing(tmp_path: Path, held: set[Path]) -> None:
    path, good = _damaged_register_with_a_backup(tmp_path)
    before = path.read_bytes()
    # Another OpsDesk holding the file is refused by SQLite's own locks before anything moves
    # (tests/store/test_faults.py); what is left is a program that is not SQLite, a virus
    # scanner say, holding the file itself. (The empty -wal may go: SQLite's probe of who holds
    # the file removes it when it closes, as any last connection does.)
    names_before = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith("-wal"))
    held.add(path.resolve())

    with pytest.raises(FileInUseError, match="another program has the file open; close it and try again"):
        restore_database(path, good)

    # Nothing half done: the damaged file is where it was, no copy is left over.
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith("-wal")) == names_before

    held.clear()
    result = restore_database(path, good)
    assert result.broken_copy is not None and result.broken_copy.exists()


def test_rotation_leaves_a_held_backup_for_next_time(tmp_path: Path, held: set[Path]) -> None:
    path = tmp_path / "register.db"
    open_database(path, user="tester").dispose()
    copies = [backup_sqlite(path, reason="auto") for _ in range(3)]
    held.add(copies[0].resolve())  # the oldest is being copied to a USB stick
    removed = rotate_backups(path, keep=1)
    assert removed == [copies[1]]
    assert {info.path for info in list_backups(path)} == {copies[0], copies[2]}
    assert backup_folder(path).is_dir()


def test_an_export_over_a_report_open_in_excel_is_one_clear_line(
    tmp_path: Path, held: set[Path], capsys: pytest.CaptureFixture[str], demo_template: Path
) -> None:
    db = copy_register(demo_template, tmp_path / "register.db")
    report = tmp_path / "q3.xlsx"
    report.write_bytes(b"last quarter's report")
    held.add(report.resolve())

    assert main(["--db", str(db), "export", "--quarter", "2026-Q3", "--out", str(report)]) == 1

    err = capsys.readouterr().err
    assert err == (f"opsdesk: error: {report} is in use: another program has the file open; "
                   "close it and try again. Nothing was changed.\n")  # fmt: skip
    assert report.read_bytes() == b"last quarter's report"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".xlsx", ".tmp")) == ["q3.xlsx"]
    assert sqlite3.connect(db).execute("PRAGMA integrity_check").fetchone() == ("ok",)

"""A register this process cannot really write opens read-only; new files get an owner-only access list on Windows."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest

from opsdesk.domain.catalogue import use_language
from opsdesk.store import backup as backup_module
from opsdesk.store import database as database_module
from opsdesk.store.backup import backup_sqlite
from opsdesk.store.database import open_database
from opsdesk.store.permissions import (
    ADMINISTRATORS_SID,
    SYSTEM_SID,
    current_windows_account,
    icacls_command,
    probe_writable,
    restrict_to_owner,
)


def test_a_writable_register_passes_the_probe_and_leaves_nothing_behind(tmp_path: Path) -> None:
    path = tmp_path / "register.db"
    path.write_bytes(b"")
    assert probe_writable(path) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.db"]


def test_a_folder_whose_access_list_denies_writing_opens_the_register_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "register.db"
    open_database(path, user="tester").dispose()

    # As on Windows: os.access sees no read-only attribute, but the folder's access list refuses new files.
    def denied(*_args, **_kwargs):
        raise PermissionError(13, "Access is denied")

    monkeypatch.setattr(tempfile, "mkstemp", denied)
    assert probe_writable(path) == f"the folder {tmp_path} is read-only"
    database = open_database(path, user="tester")
    try:
        assert database.read_only and database.read_only_reason == f"the folder {tmp_path} is read-only"
    finally:
        database.dispose()


def test_a_file_that_cannot_be_opened_for_writing_is_read_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "register.db"
    path.write_bytes(b"")
    real_open = Path.open

    def open_read_only(self, mode="r", *args, **kwargs):
        if self == path and "+" in mode:
            raise PermissionError(13, "Access is denied", str(self))
        return real_open(self, mode, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_read_only)
    assert probe_writable(path) == "the file is read-only"
    with use_language("zh_CN"):  # said in the language of the moment (the command line's --language)
        assert probe_writable(path) == "文件是只读的"


def test_the_access_list_is_the_owner_system_and_administrators() -> None:
    account = current_windows_account({"USERDOMAIN": "CONTOSO", "USERNAME": "ann"})
    assert account == "CONTOSO\\ann"
    assert icacls_command(r"C:\Risk\opsdesk.db", account, folder=False) == [
        "icacls", r"C:\Risk\opsdesk.db", "/inheritance:r",
        "/grant:r", "CONTOSO\\ann:F", f"{SYSTEM_SID}:F", f"{ADMINISTRATORS_SID}:F",
    ]  # fmt: skip
    assert icacls_command(r"C:\Risk\backups", account, folder=True)[-3:] == [
        "CONTOSO\\ann:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F",
    ]  # fmt: skip


def test_restricting_runs_icacls_on_windows_only_and_never_raises(tmp_path: Path) -> None:
    ran: list[list[str]] = []

    def run(command):
        ran.append(list(command))
        return subprocess.CompletedProcess(command, 0, "processed 1 files", "")

    assert restrict_to_owner(tmp_path / "a.db", windows=False, run=run) is False and ran == []
    assert restrict_to_owner(tmp_path / "a.db", windows=True, run=run) is True
    assert ran[0][0] == "icacls" and ran[0][1] == str(tmp_path / "a.db")

    def fails(command):
        return subprocess.CompletedProcess(command, 5, "", "Access is denied.")

    assert restrict_to_owner(tmp_path / "a.db", windows=True, run=fails) is False

    def missing(command):
        raise FileNotFoundError("icacls")

    assert restrict_to_owner(tmp_path / "a.db", windows=True, run=missing) is False


def test_a_new_register_and_its_backups_are_restricted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    restricted: list[Path] = []
    monkeypatch.setattr(database_module, "restrict_to_owner", restricted.append)
    monkeypatch.setattr(backup_module, "restrict_to_owner", restricted.append)
    path = tmp_path / "register.db"
    open_database(path, user="tester").dispose()
    assert restricted == [path.resolve()]
    copy = backup_sqlite(path)
    assert restricted[1:] == [copy.parent, copy.with_name(copy.name + ".part")]
    restricted.clear()
    open_database(path, user="tester").dispose()  # an existing register keeps the list it has
    assert restricted == []


def test_exports_are_restricted_before_they_take_their_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsdesk.reports import excel_export
    from opsdesk.services.settings import ensure_defaults

    restricted: list[Path] = []
    monkeypatch.setattr(excel_export, "restrict_to_owner", restricted.append)
    database = open_database(tmp_path / "register.db", user="tester")
    try:
        with database.session() as session:
            ensure_defaults(session=session)
        excel_export.export_quarter(database, "2026-Q1", tmp_path / "q1.xlsx", include={"summary"})
    finally:
        database.dispose()
    assert len(restricted) == 1 and restricted[0].name.endswith(".xlsx.tmp")
    assert (tmp_path / "q1.xlsx").is_file()

"""Where a register lives: one SQLite URI for every path, network drives refused, synced folders warned.

No Windows machine is at hand: Windows paths are built as PureWindowsPath and the drive type
is answered by a stand-in for GetDriveTypeW.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest

from opsdesk.cli import main
from opsdesk.domain.catalogue import message, use_language
from opsdesk.store import locations
from opsdesk.store.backup import backup_sqlite, sqlite_problems
from opsdesk.store.database import open_database
from opsdesk.store.locations import (
    DRIVE_REMOTE,
    NetworkLocationError,
    cloud_sync_service,
    posix_network_location,
    sqlite_uri,
    windows_network_location,
)

UNC_REGISTER = PureWindowsPath(r"\\fs\share\Risk\opsdesk.db")
MAPPED_REGISTER = PureWindowsPath(r"S:\Risk\opsdesk.db")


def drive_types(**types: int):
    """A stand-in for GetDriveTypeW: fixed (3) unless the drive letter is named."""
    return lambda root: types.get(root[0].upper(), 3)


def test_a_drive_path_becomes_a_three_slash_uri() -> None:
    assert sqlite_uri(PureWindowsPath(r"C:\Risk\opsdesk.db")) == "file:///C:/Risk/opsdesk.db"
    assert sqlite_uri(PureWindowsPath(r"C:\Risk 2026\#1 register?.db"), mode="ro") == (
        "file:///C:/Risk%202026/%231%20register%3F.db?mode=ro"
    )


def test_a_unc_path_becomes_a_uri_without_authority() -> None:
    # file://fs/share/... is what as_uri() gives, and SQLite on Windows refuses its authority.
    assert UNC_REGISTER.as_uri() == "file://fs/share/Risk/opsdesk.db"
    assert sqlite_uri(UNC_REGISTER) == "file:////fs/share/Risk/opsdesk.db"
    assert sqlite_uri(PureWindowsPath(r"\\?\UNC\fs\share\Risk\opsdesk.db"), mode="ro") == (
        "file:////fs/share/Risk/opsdesk.db?mode=ro"
    )
    assert sqlite_uri(PureWindowsPath(r"\\?\C:\Risk\opsdesk.db")) == "file:///C:/Risk/opsdesk.db"


def test_a_posix_path_is_percent_encoded_and_opens(tmp_path: Path) -> None:
    folder = tmp_path / "Q3 #2 100% ?"
    folder.mkdir()
    path = folder / "register.db"
    connection = sqlite3.connect(str(path))
    connection.execute("CREATE TABLE t (x)")
    connection.commit()
    connection.close()
    uri = sqlite_uri(path, mode="ro")
    assert uri == "file://" + str(tmp_path).replace("%", "%25").replace(" ", "%20") + (
        "/Q3%20%232%20100%25%20%3F/register.db?mode=ro"
    )
    reader = sqlite3.connect(uri, uri=True)
    try:
        assert reader.execute("SELECT name FROM sqlite_master").fetchall() == [("t",)]
    finally:
        reader.close()
    assert sqlite_uri(PurePosixPath("/srv/a.db"), immutable="1") == "file:///srv/a.db?immutable=1"


def test_unc_and_mapped_drives_are_network_locations_and_local_drives_are_not() -> None:
    assert windows_network_location(UNC_REGISTER, drive_type=drive_types()) == r"\\fs\share"
    assert (
        windows_network_location(MAPPED_REGISTER, drive_type=drive_types(S=DRIVE_REMOTE)) == "mapped drive S:"
    )
    assert (
        windows_network_location(r"s:\Risk\opsdesk.db", drive_type=drive_types(S=DRIVE_REMOTE))
        == "mapped drive S:"
    )
    assert windows_network_location(PureWindowsPath(r"C:\Risk\opsdesk.db"), drive_type=drive_types()) is None
    assert windows_network_location(r"\\?\UNC\fs\share\a.db", drive_type=drive_types()) == r"\\fs\share"
    assert windows_network_location(r"\\?\C:\Risk\a.db", drive_type=drive_types()) is None


def test_network_file_systems_are_found_from_the_mount_table() -> None:
    mounts = "\n".join([
        "overlay / overlay rw 0 0",
        "//fs/share /mnt/risk\\040team cifs rw 0 0",
        "fs:/export /srv/nfs nfs4 rw 0 0",
        "/dev/sda1 /srv/nfs/local-cache ext4 rw 0 0",
    ])  # fmt: skip
    assert posix_network_location("/mnt/risk team/opsdesk.db", mounts=mounts) == "cifs on /mnt/risk team"
    assert posix_network_location("/srv/nfs/opsdesk.db", mounts=mounts) == "nfs4 on /srv/nfs"
    # The longest mount point wins: a local disk mounted inside the share is local.
    assert posix_network_location("/srv/nfs/local-cache/opsdesk.db", mounts=mounts) is None
    assert posix_network_location("/home/ann/opsdesk.db", mounts=mounts) is None
    assert posix_network_location("/srv/nfsother/opsdesk.db", mounts=mounts) is None


def test_synced_folders_are_named() -> None:
    onedrive = {"OneDrive": r"C:\Users\ann\OneDrive - Contoso"}
    assert (
        cloud_sync_service(PureWindowsPath(r"C:\Users\ann\OneDrive - Contoso\Risk\opsdesk.db"), onedrive)
        == "OneDrive"
    )
    assert cloud_sync_service(PureWindowsPath(r"C:\Users\ann\OneDrive\opsdesk.db"), {}) == "OneDrive"
    assert cloud_sync_service(PureWindowsPath(r"D:\Dropbox\Risk\opsdesk.db"), {}) == "Dropbox"
    assert cloud_sync_service(PurePosixPath("/home/ann/Dropbox/opsdesk.db"), {}) == "Dropbox"
    assert cloud_sync_service(PureWindowsPath(r"C:\Users\ann\Documents\opsdesk.db"), onedrive) is None
    # The file's own name is not a folder it is synced from.
    assert cloud_sync_service(PurePosixPath("/home/ann/Dropbox.db"), {}) is None


@pytest.fixture
def on_a_share(monkeypatch: pytest.MonkeyPatch) -> str:
    """Every path seen as lying on the mapped drive S: of a Windows machine."""
    where = windows_network_location(MAPPED_REGISTER, drive_type=drive_types(S=DRIVE_REMOTE))
    monkeypatch.setattr(locations, "network_location", lambda path: where)
    return where


def test_a_register_on_a_network_drive_is_refused_and_not_created(tmp_path: Path, on_a_share: str) -> None:
    path = tmp_path / "opsdesk.db"
    with pytest.raises(NetworkLocationError) as refused:
        open_database(path, user="tester")
    message = str(refused.value)
    assert message.startswith(f"{path.resolve()} is on a network drive (mapped drive S:).")
    assert "PostgreSQL server (team mode)" in message and "--allow-network-drive" in message
    assert not path.exists()


def test_an_insisted_network_register_opens_without_wal_and_with_a_warning(
    tmp_path: Path, on_a_share: str
) -> None:
    path = tmp_path / "opsdesk.db"
    database = open_database(path, user="tester", allow_network_drive=True)
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "delete"
        assert database.network_location == "mapped drive S:"
        assert database.location_warnings[0].startswith(
            "This register is on a network drive (mapped drive S:)."
        )
    finally:
        database.dispose()
    assert not Path(f"{path}-wal").exists()
    # Backups and the integrity check read it through the same URI helper.
    assert sqlite_problems(path) == []
    assert backup_sqlite(path).is_file()


def test_a_local_register_keeps_wal_and_has_no_warning(tmp_path: Path) -> None:
    database = open_database(tmp_path / "opsdesk.db", user="tester")
    try:
        with database.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert database.network_location is None and database.location_warnings == []
    finally:
        database.dispose()


def test_the_command_line_refuses_a_network_drive_unless_told(
    tmp_path: Path, on_a_share: str, capsys: pytest.CaptureFixture[str], stand_in_demo: str
) -> None:
    path = tmp_path / "opsdesk.db"
    assert main(["--db", str(path), "demo"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"opsdesk: error: {path.resolve()} is on a network drive (mapped drive S:).")
    assert len(err.splitlines()) == 1
    assert main(["--db", str(path), "backups"]) == 1
    assert "is on a network drive" in capsys.readouterr().err

    assert main(["--allow-network-drive", "--db", str(path), "demo"]) == 0
    captured = capsys.readouterr()
    assert captured.err.startswith("opsdesk: warning: This register is on a network drive (mapped drive S:).")
    assert "Loaded the demo data" in captured.out
    assert main(["--allow-network-drive", "--db", str(path), "check"]) == 0


def test_a_register_in_a_synced_folder_opens_with_a_warning(tmp_path: Path) -> None:
    folder = tmp_path / "OneDrive - Contoso" / "Risk"
    folder.mkdir(parents=True)
    database = open_database(folder / "opsdesk.db", user="tester")
    try:
        assert database.cloud_service == "OneDrive"
        assert database.location_warnings == [message("location.cloud_warning", {"service": "OneDrive"})]
        with use_language("zh_CN"):
            assert database.location_warnings == [
                "此登记册位于 OneDrive 同步的文件夹中。同步可能上传写了一半的文件或恢复旧副本："
                "请将登记册放在不同步的文件夹中；如愿意，可以让 OpsDesk 的备份存放到同步文件夹。"
            ]
    finally:
        database.dispose()

"""`opsdesk encrypt`, `--encrypted` and `--password-stdin`: the encrypted register on the command line."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.store.backup import list_backups
from opsdesk.store.database import open_database
from tests.test_cli import make_register, one_error_line

PASSWORD = "s3cret register"
TITLE = "Unpatched SCADA gateway in plant Alpha"


def run(argv: list[str], monkeypatch: pytest.MonkeyPatch, stdin: str = "") -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))  # not a terminal: nothing is prompted
    return main(argv)


def no_title_in(folder: Path) -> bool:
    return not any(TITLE.encode() in path.read_bytes() for path in folder.rglob("*") if path.is_file())


def test_encrypt_converts_the_register_and_its_backups(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "reg" / "register.db"
    make_register(path, [TITLE])
    assert main(["--db", str(path), "backup"]) == 0
    assert not no_title_in(path.parent)
    capsys.readouterr()

    assert run(["--db", str(path), "--password-stdin", "encrypt"], monkeypatch, PASSWORD + "\n") == 0
    out = capsys.readouterr().out
    assert f"Encrypted {path}" in out and "1 backup(s) encrypted with the same password." in out
    assert no_title_in(path.parent)
    assert sorted(p.name for p in path.parent.iterdir()) == ["backups", "register.db"]

    # check, backup and restore on it, the password on standard input
    assert run(["--db", str(path), "--password-stdin", "check"], monkeypatch, PASSWORD + "\n") == 0
    assert "healthy" in capsys.readouterr().out
    assert run(["--db", str(path), "--password-stdin", "backup"], monkeypatch, PASSWORD + "\n") == 0
    capsys.readouterr()
    backup = list_backups(path)[0].path
    assert (
        run(["--db", str(path), "--password-stdin", "restore", str(backup)], monkeypatch, PASSWORD + "\n")
        == 0
    )
    assert "Restored" in capsys.readouterr().out
    assert no_title_in(path.parent)
    database = open_database(path, password=PASSWORD)
    database.dispose()


def test_keep_plain_keeps_the_unencrypted_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.db"
    make_register(path, [TITLE])
    assert (
        run(["--db", str(path), "--password-stdin", "encrypt", "--keep-plain"], monkeypatch, PASSWORD + "\n")
        == 0
    )
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("register.db.plain-")]
    assert len(kept) == 1 and TITLE.encode() in kept[0].read_bytes()
    assert f"kept as {kept[0]}" in capsys.readouterr().out


def test_an_encrypted_register_without_or_with_a_wrong_password_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], stand_in_demo: str
) -> None:
    path = tmp_path / "register.db"
    assert (
        run(["--db", str(path), "--encrypted", "--password-stdin", "demo"], monkeypatch, PASSWORD + "\n") == 0
    )
    capsys.readouterr()
    before = path.read_bytes()

    assert run(["--db", str(path), "check"], monkeypatch) == 1
    line = one_error_line(capsys.readouterr().err)
    assert line == (
        f"opsdesk: error: {path} is an encrypted register: give its password to open it. "
        "Type it at a terminal, or give it with --password-stdin."
    )
    assert run(["--db", str(path), "--password-stdin", "check"], monkeypatch, "wrong\n") == 1
    line = one_error_line(capsys.readouterr().err)
    assert (
        line
        == f"opsdesk: error: The password does not open {path} (or the file is not an OpsDesk register). Nothing was changed."
    )
    assert path.read_bytes() == before


def test_encrypted_on_a_new_register_needs_a_password(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.db"
    assert run(["--db", str(path), "--encrypted", "demo"], monkeypatch) == 1
    assert one_error_line(capsys.readouterr().err) == (
        f"opsdesk: error: {path} is encrypted: give its password with --password-stdin, or run this at a terminal."
    )
    assert not path.exists()


def test_a_plain_register_opened_as_encrypted_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.db"
    make_register(path, [TITLE])
    before = path.read_bytes()
    assert run(["--db", str(path), "--password-stdin", "check"], monkeypatch, PASSWORD + "\n") == 1
    assert one_error_line(capsys.readouterr().err).startswith(
        f"opsdesk: error: {path} is not an encrypted register"
    )
    assert path.read_bytes() == before


def test_encrypted_names_a_plain_register_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "register.db"
    make_register(path, [TITLE])
    before = path.read_bytes()
    assert run(["--db", str(path), "--encrypted", "check"], monkeypatch) == 1
    assert one_error_line(capsys.readouterr().err) == (
        f"opsdesk: error: {path} is not an encrypted register: open it without a password, or encrypt it first "
        "(opsdesk encrypt). Nothing was changed."
    )
    assert path.read_bytes() == before

"""The encrypted register in the window: the password prompt at open, File > Encrypt register…, New…"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.services.risks import list_risks
from opsdesk.store.database import database_url, open_database
from opsdesk.ui.dialogs.register_password import NewPasswordDialog, RegisterPasswordDialog, TypedPassword
from tests.registers import copy_register
from tests.ui.test_self_test import gui_start  # noqa: F401 - the fixture that undoes run_gui's set-up

PASSWORD = "correct horse battery staple"
SQLITE_HEADER = b"SQLite format 3\x00"


@pytest.fixture
def keyring(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """The system keyring, as a dict: nothing kept at first."""
    from opsdesk.store import credentials

    kept: dict[str, str] = {}
    monkeypatch.setattr(credentials, "saved_password", lambda url: kept.get(url))
    monkeypatch.setattr(
        credentials, "save_password", lambda url, password: kept.__setitem__(url, password) or True
    )
    return kept


@pytest.fixture
def encrypted_register(tmp_path: Path) -> Path:
    path = tmp_path / "vault.db"
    open_database(path, user="tester", password=PASSWORD).dispose()
    return path


def test_the_prompt_asks_again_after_a_wrong_password_and_keeps_it_on_request(
    qtbot, encrypted_register: Path, keyring: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsdesk.ui.app import open_for_gui

    answers = iter([TypedPassword("wrong"), TypedPassword(PASSWORD, remember=True)])
    reasons: list[str] = []

    def ask(parent, path: str, reason: str) -> TypedPassword:
        assert path == str(encrypted_register)
        reasons.append(reason)
        return next(answers)

    monkeypatch.setattr(RegisterPasswordDialog, "ask", ask)
    database = open_for_gui(str(encrypted_register), user="tester")
    try:
        assert database.encrypted and not database.read_only
        assert reasons == [
            f"{encrypted_register} is an encrypted register: give its password to open it.",
            f"The password does not open {encrypted_register} (or the file is not an OpsDesk register). "
            "Nothing was changed.",
        ]
        assert keyring == {database_url(str(encrypted_register)): PASSWORD}
    finally:
        database.dispose()
    # Next time the keyring's password opens it without a prompt.
    monkeypatch.setattr(RegisterPasswordDialog, "ask", lambda *args: pytest.fail("asked again"))
    again = open_for_gui(str(encrypted_register), user="tester")
    assert again.encrypted
    again.dispose()


def test_cancelling_the_prompt_opens_nothing(
    qtbot, encrypted_register: Path, keyring: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from opsdesk.domain.errors import PasswordRequiredError
    from opsdesk.ui.app import open_for_gui

    before = encrypted_register.read_bytes()
    monkeypatch.setattr(RegisterPasswordDialog, "ask", lambda parent, path, reason: None)
    with pytest.raises(PasswordRequiredError):
        open_for_gui(str(encrypted_register), user="tester")
    assert encrypted_register.read_bytes() == before and keyring == {}


def test_the_password_dialog_returns_what_was_typed(qtbot) -> None:
    dialog = RegisterPasswordDialog("/data/vault.db", "It is encrypted.")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    dialog.remember_check.click()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.typed() == TypedPassword(PASSWORD, remember=True)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password


def test_a_new_password_must_be_typed_twice_alike(qtbot) -> None:
    dialog = NewPasswordDialog("/data/vault.db", encrypting=True)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    qtbot.keyClicks(dialog.again_edit, PASSWORD + "!")
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible() and dialog.error_label.isVisible()
    assert (
        dialog.error_label.text()
        == "The two passwords differ; type the same password twice. Nothing was changed."
    )
    dialog.again_edit.clear()
    qtbot.keyClicks(dialog.again_edit, PASSWORD)
    dialog.keep_plain_check.click()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.typed() == TypedPassword(PASSWORD, remember=False, keep_plain=True)


def test_file_encrypt_register_encrypts_the_open_register(
    qtbot, main_window, answer_messages, keyring: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    context = main_window.context
    path = context.database.path
    risks_before = len(context.call(list_risks))
    monkeypatch.setattr(
        NewPasswordDialog,
        "ask",
        lambda parent, path, encrypting=False: TypedPassword(PASSWORD, remember=True),
    )
    main_window.encrypt_action.trigger()
    assert context.database.encrypted and context.database.path == path
    assert path.read_bytes()[:16] != SQLITE_HEADER
    assert len(context.call(list_risks)) == risks_before  # the window works on the encrypted register
    assert answer_messages.shown[-1] == (
        "info", "Encrypt register", "The register is encrypted: it opens only with its password."
    )  # fmt: skip
    assert keyring == {database_url(str(path)): PASSWORD}
    # Asked again, it says so and changes nothing.
    main_window.encrypt_action.trigger()
    assert answer_messages.shown[-1] == ("info", "Encrypt register", "This register is already encrypted.")


def test_new_database_offers_encryption(
    qtbot, main_window, answer_messages, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "new" / "secret.db"
    target.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    monkeypatch.setattr(
        NewPasswordDialog, "ask", lambda parent, path, encrypting=False: TypedPassword(PASSWORD)
    )
    main_window.new_database()
    assert answer_messages.shown[0][0] == "confirm"
    assert main_window.context.database.encrypted and main_window.context.database.path == target
    assert target.read_bytes()[:16] != SQLITE_HEADER


def test_the_self_test_creates_and_opens_an_encrypted_register(gui_start, tmp_path: Path, capsys) -> None:  # noqa: F811
    path = tmp_path / "encrypted.db"
    assert gui_start(str(path), self_test=True, password=PASSWORD, encrypted=True) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("self-test: ok: ") and ", SQLCipher 4." in line and "register encrypted" in line
    assert path.read_bytes()[:16] != SQLITE_HEADER
    # Unattended, without the password, it fails in one line and creates nothing.
    assert gui_start(str(tmp_path / "other.db"), self_test=True, encrypted=True) == 1
    assert capsys.readouterr().out.startswith("self-test: FAILED: --encrypted needs the password")
    assert not (tmp_path / "other.db").exists()


def test_the_build_carries_sqlcipher() -> None:
    from tests.test_build_spec import _run_spec

    hidden = set(_run_spec()["Analysis"].kwargs["hiddenimports"])
    assert {"sqlcipher3", "sqlcipher3.dbapi2", "sqlalchemy.dialects.sqlite.pysqlcipher"} <= hidden


def test_a_damaged_encrypted_register_is_restored_from_its_encrypted_backup(
    qtbot,
    main_window,
    answer_messages,
    keyring: dict[str, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    demo_template: Path,
) -> None:
    from opsdesk.services import backups
    from opsdesk.store.encryption import encrypt_register
    from opsdesk.ui.dialogs.recovery import RecoveryDialog

    # The demo company in an encrypted register: a copy of the demo encrypted, as `opsdesk encrypt`
    # does (loading the demo through SQLCipher took seconds), then an encrypted backup of it.
    path = copy_register(demo_template, tmp_path / "vault" / "register.db")
    encrypt_register(path, PASSWORD)
    database = open_database(path, user="tester", password=PASSWORD)
    try:
        with database.session() as session:
            risks = session.connection().exec_driver_sql("SELECT count(*) FROM risk").scalar_one()
        assert risks > 30
        backups.backup_now(database)
    finally:
        database.dispose()
    damaged = bytearray(path.read_bytes())
    for offset in range(4096 * 100 + 100, 4096 * 100 + 200):  # one page, well past the schema
        damaged[offset] ^= 0xFF
    path.write_bytes(bytes(damaged))
    offered = []
    monkeypatch.setattr(RegisterPasswordDialog, "ask", lambda parent, p, reason: TypedPassword(PASSWORD))
    monkeypatch.setattr(
        RecoveryDialog, "ask",
        classmethod(lambda cls, parent, error, at_start=True: offered.append(error) or backups.newest_good_backup(
            error.path, error.key).path),
    )  # fmt: skip
    assert main_window.switch_database(str(path))
    assert offered and offered[0].key is not None  # the good backup was found with the register's key
    restored = main_window.context.database
    assert restored.encrypted and restored.path == path
    with restored.session() as session:
        assert session.connection().exec_driver_sql("SELECT count(*) FROM risk").scalar_one() == risks
    assert answer_messages.shown[-1][:2] == ("info", "Register restored")
    assert path.read_bytes()[:16] != SQLITE_HEADER

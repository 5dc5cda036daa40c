"""Team mode in the window: connecting to a server, passwords, the role in the UI, others' changes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import KeyringError, PasswordDeleteError
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy.engine import make_url

from opsdesk.domain.access import Access
from opsdesk.domain.catalogue import message
from opsdesk.domain.errors import DatabaseError, PasswordRequiredError, PermissionDeniedError
from opsdesk.services import risks, settings
from opsdesk.store.credentials import KEYRING_SERVICE, credential_name
from opsdesk.store.database import PERMISSION_MESSAGE, Database, open_database
from opsdesk.ui.context import EVERYTHING, RISKS
from opsdesk.ui.dialogs.connect import ConnectDialog, PasswordDialog, ServerLogin, server_url
from opsdesk.ui.main_window import MainWindow, recent_databases
from tests.postgres import TEST_PASSWORD, admin_connection, fresh_postgres_database, login_name, sign_in_as
from tests.ui.waiting import poll, wait_loaded


class MemoryKeyring(KeyringBackend):
    """A keyring that keeps passwords in a dict, for the length of one test."""

    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.passwords.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.passwords[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if self.passwords.pop((service, username), None) is None:
            raise PasswordDeleteError("nothing saved")


class BrokenKeyring(MemoryKeyring):
    """A keyring that cannot keep anything, like a locked store."""

    def set_password(self, service: str, username: str, password: str) -> None:
        raise KeyringError("the keyring is locked")


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture
def server_register() -> Iterator[Database]:
    with fresh_postgres_database() as database:
        yield database


@pytest.fixture
def server_login(server_register) -> tuple[str, str]:
    """An administrator's login on the test register: its name and password."""
    sign_in_as(server_register, Access.ADMIN).dispose()  # creates the login and grants its role
    return login_name(Access.ADMIN), TEST_PASSWORD


@pytest.fixture
def server_window(main_window) -> Iterator[MainWindow]:
    """The demo window, whose register (a server one, once connected) is closed afterwards."""
    yield main_window
    main_window.close()  # no poll reconnects after the register is closed
    QApplication.processEvents()
    main_window.context.database.dispose()


def register_name(database: Database) -> str:
    return make_url(database.url).database or ""


def add_risk(database: Database, title: str) -> None:
    with database.session() as session:
        risks.create_risk(session=session, data=risk_input(session, title))


def risk_input(session, title: str) -> risks.RiskInput:
    return risks.RiskInput(
        title=title,
        category_id=settings.category_id(session=session, code_or_name="operational"),
        department_id=settings.department_id(session=session, name="Operations"),
        identified_on=date(2026, 1, 5),
    )


def risk_total(database: Database) -> int:
    with database.session() as session:
        return len(risks.list_risks(session=session, include_archived=True))


@contextmanager
def window_on(qtbot, make_context, database: Database) -> Iterator[MainWindow]:
    """A main window on `database`; afterwards closed (no more polls), then the database too."""
    window = MainWindow(make_context(database))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    try:
        yield window
    finally:
        window.close()
        QApplication.processEvents()  # deferred drawing (the dashboard's heatmap) reads first
        # Loads and looks on the worker hand their connections back before the pools close.
        QThreadPool.globalInstance().waitForDone(30_000)
        QApplication.processEvents()
        window.context.database.dispose()
        database.dispose()


def tls_text(database) -> str:
    """What the status bar says of the connection's encryption."""
    return f"encrypted ({database.encryption})" if database.encryption else "not encrypted"


def fill_connect_dialog(
    qtbot, dialog: ConnectDialog, *, host: str, port: int, database: str, user: str, password: str
):
    dialog.host_edit.clear()
    qtbot.keyClicks(dialog.host_edit, host)
    dialog.port_spin.clear()
    qtbot.keyClicks(dialog.port_spin, str(port))
    qtbot.keyClicks(dialog.database_edit, database)
    qtbot.keyClicks(dialog.user_edit, user)
    qtbot.keyClicks(dialog.password_edit, password)


# The connect dialog --------------------------------------------------------------------


def test_connect_dialog_builds_a_password_free_quoted_url_from_the_typed_fields(qtbot) -> None:
    attempts: list[ServerLogin] = []
    dialog = ConnectDialog(lambda login: attempts.append(login) or None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.host_edit.text() == "localhost"
    assert dialog.port_spin.value() == 5432
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert not dialog.connect_button.isEnabled()  # no database and user yet

    fill_connect_dialog(qtbot, dialog, host="db.example.org", port=5433, database="opsdesk", user="ann@risk",
                        password="s3cret:/@")  # fmt: skip
    assert dialog.connect_button.isEnabled()
    expected = "postgresql+psycopg://ann%40risk@db.example.org:5433/opsdesk"
    assert dialog.current().url == expected
    assert "s3cret" not in dialog.url_label.text()
    assert make_url(expected).username == "ann@risk"

    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert attempts[0].url == expected and attempts[0].password == "s3cret:/@"
    assert (
        server_url(host="localhost", port=5432, database="r", user="bo")
        == "postgresql+psycopg://bo@localhost:5432/r"
    )


def test_password_dialog_returns_what_was_typed_and_none_on_cancel(qtbot, monkeypatch) -> None:
    def type_then(accept: bool):
        def run(dialog: PasswordDialog) -> int:
            qtbot.addWidget(dialog)
            dialog.show()
            assert "The server refused" in dialog.reason_label.text()
            assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
            qtbot.keyClicks(dialog.password_edit, "hunter2")
            if accept:
                qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
            else:
                qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Escape)
            return dialog.result()

        return run

    url = "postgresql+psycopg://ann@db:5432/opsdesk"
    monkeypatch.setattr(PasswordDialog, "exec", type_then(True))
    assert PasswordDialog.ask(None, url, "The server refused the password for ann.") == "hunter2"
    monkeypatch.setattr(PasswordDialog, "exec", type_then(False))
    assert PasswordDialog.ask(None, url, "The server refused the password for ann.") is None


def drive_connect(
    qtbot, monkeypatch, register: str, login: tuple[str, str], *, remember: bool = False
) -> list[str]:
    """Answer File > Connect to server…: a wrong password first, then the right one."""
    user, password = login
    problems: list[str] = []

    def run(dialog: ConnectDialog) -> int:
        dialog.show()
        fill_connect_dialog(qtbot, dialog, host="127.0.0.1", port=5432, database=register, user=user,
                            password="not-the-password")  # fmt: skip
        if remember:
            qtbot.mouseClick(
                dialog.remember_check, Qt.MouseButton.LeftButton, pos=dialog.remember_check.rect().center()
            )
            assert dialog.remember_check.isChecked()
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
        assert dialog.error_label.isVisible()
        problems.append(dialog.error_label.text())
        # Nothing typed is lost: fix only the password and try again.
        assert (dialog.host_edit.text(), dialog.database_edit.text(), dialog.user_edit.text()) == (
            "127.0.0.1", register, user,
        )  # fmt: skip
        assert dialog.password_edit.selectedText() == "not-the-password"
        qtbot.keyClicks(dialog.password_edit, password)  # replaces the selected text
        qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted
        return dialog.result()

    monkeypatch.setattr(ConnectDialog, "exec", run)
    return problems


def test_connect_to_server_retries_a_wrong_password_and_opens_the_register(
    qtbot, monkeypatch, server_window, server_register, server_login, memory_keyring
) -> None:
    register = register_name(server_register)
    problems = drive_connect(qtbot, monkeypatch, register, server_login)
    with qtbot.waitSignal(server_window.context.databaseChanged):
        assert server_window.connect_to_server()
    assert "refused the password" in problems[0]
    database = server_window.context.database
    user, password = server_login
    assert database.is_server and register_name(database) == register
    assert database.url == f"postgresql+psycopg://{user}@127.0.0.1:5432/{register}"
    qtbot.waitUntil(
        lambda: server_window.user_label.text() == f"User: {user} · administrator · {tls_text(database)}"
    )
    assert server_window.read_only_banner.isHidden()
    assert memory_keyring.passwords == {}  # not asked to remember
    recent = recent_databases(server_window.context.settings)
    assert recent[0] == database.url
    assert all(password not in entry for entry in recent)


def test_remembering_keeps_the_password_in_the_keyring_never_in_the_settings(
    qtbot, monkeypatch, server_window, server_register, server_login, memory_keyring, tmp_path
) -> None:
    register = register_name(server_register)
    drive_connect(qtbot, monkeypatch, register, server_login, remember=True)
    assert server_window.connect_to_server()
    _user, password = server_login
    url = server_window.context.database.url
    assert memory_keyring.passwords == {(KEYRING_SERVICE, credential_name(url)): password}
    assert "keyring" in server_window.statusBar().currentMessage()
    settings = server_window.context.settings
    settings.sync()
    assert password not in Path(settings.fileName()).read_text(encoding="utf-8")
    assert recent_databases(settings)[0] == url

    # Reopening the recent entry takes the keyring's password: no dialog.
    other_file = str(tmp_path / "other.db")
    assert server_window.switch_database(other_file)
    assert recent_databases(settings)[:2] == [other_file, url]
    monkeypatch.setattr(
        PasswordDialog, "ask", classmethod(lambda cls, *a: pytest.fail("asked for a password"))
    )
    assert server_window.switch_database(recent_databases(settings)[1])
    assert server_window.context.database.url == url

    # Without it in the keyring, the password is asked for (after a wrong one, again).
    memory_keyring.passwords.clear()
    assert server_window.switch_database(other_file)
    answers = iter(["wrong-again", password])
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(
        PasswordDialog,
        "ask",
        classmethod(lambda cls, parent, u, reason: asked.append((u, reason)) or next(answers)),
    )
    assert server_window.switch_database(recent_databases(settings)[1])
    assert server_window.context.database.url == url
    assert [u for u, _ in asked] == [url, url]
    assert "refused" in asked[1][1]
    assert all(password not in entry for entry in recent_databases(settings))


def test_a_keyring_that_cannot_keep_the_password_is_reported_in_the_status_bar(
    qtbot, monkeypatch, server_window, server_register, server_login
) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(BrokenKeyring())
    try:
        drive_connect(qtbot, monkeypatch, register_name(server_register), server_login, remember=True)
        assert server_window.connect_to_server()
    finally:
        keyring.set_keyring(previous)
    assert server_window.context.database.is_server
    assert "No system keyring could keep the password" in server_window.statusBar().currentMessage()


def test_start_up_asks_for_a_missing_password_and_cancel_does_not_open(
    monkeypatch, server_register, server_login, qapp
) -> None:
    from opsdesk.ui.app import open_for_gui

    user, password = server_login
    url = f"postgresql+psycopg://{user}@127.0.0.1:5432/{register_name(server_register)}"
    asked: list[str] = []
    monkeypatch.setattr("opsdesk.store.credentials.saved_password", lambda url: None)
    monkeypatch.setattr(
        PasswordDialog, "ask", classmethod(lambda cls, parent, u, reason: asked.append(reason) or None)
    )
    with pytest.raises(PasswordRequiredError):
        open_for_gui(url)
    assert len(asked) == 1
    monkeypatch.setattr(PasswordDialog, "ask", classmethod(lambda cls, parent, u, reason: password))
    database = open_for_gui(url)
    try:
        assert database.is_server and database.user == user and database.url == url
    finally:
        database.dispose()


# The role in the window ----------------------------------------------------------------


def test_a_server_viewer_sees_the_banner_and_every_write_control_disabled(
    qtbot, make_context, server_register
) -> None:
    add_risk(server_register, "Supplier fails")
    viewer = sign_in_as(server_register, Access.VIEWER)
    with window_on(qtbot, make_context, viewer) as window:
        assert window.context.access is Access.VIEWER and not window.context.can_edit
        assert window.read_only_banner.isVisible()
        assert "may only read" in window.read_only_banner.text()
        assert window.user_label.text() == f"User: {login_name(Access.VIEWER)} · viewer · {tls_text(viewer)}"
        assert not window.new_action.isEnabled() and not window.archive_action.isEnabled()
        assert not window.import_action.isEnabled()

        page = window.show_page("risks")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        page.table.selectRow(0)  # a selection enables Archive for an editor, not for a viewer
        assert page.open_button.isEnabled()  # looking is allowed
        for button in (page.new_button, page.bulk_button, page.archive_button):
            assert not button.isEnabled(), button.text()
        indicators = window.show_page("indicators")
        for button in (
            indicators.kris.new_button,
            indicators.kris.edit_button,
            indicators.kris.reading_button,
            indicators.kris.archive_button,
        ):
            assert not button.isEnabled(), button.text()
        actions = window.show_page("actions")
        assert not actions.new_button.isEnabled() and not actions.edit_button.isEnabled()


def test_a_read_only_register_keeps_write_buttons_disabled_whatever_is_selected(
    qtbot, make_context, demo_database
):
    path = demo_database.path
    demo_database.dispose()
    read_only = open_database(path, user="tester", read_only=True)
    with window_on(qtbot, make_context, read_only) as window:
        assert window.context.access is Access.VIEWER
        actions = window.show_page("actions")
        qtbot.waitUntil(lambda: actions.model.rowCount() > 0)
        actions.table.selectRow(0)
        assert actions.table.selected_rows()
        for button in (actions.new_button, actions.edit_button, actions.done_button, actions.archive_button):
            assert not button.isEnabled(), button.text()
        indicators = window.show_page("indicators")
        qtbot.waitUntil(lambda: indicators.kris.model.rowCount() > 0)
        indicators.kris.table.selectRow(0)
        assert indicators.kris.selected_kri() is not None
        assert not indicators.kris.edit_button.isEnabled() and not indicators.kris.reading_button.isEnabled()
        risks_page = window.show_page("risks")
        wait_loaded(qtbot, risks_page)
        risks_page.table.selectRow(0)
        assert risks_page.open_button.isEnabled() and not risks_page.archive_button.isEnabled()

        # The record opens to be read; its Save stays off, whatever is typed, and says why.
        from opsdesk.ui.dialogs.risk_editor import RiskEditor

        editor = RiskEditor(window.context, risks_page.selected_risks()[0].id)
        qtbot.addWidget(editor)
        editor.show()
        assert editor.title_edit.text()
        qtbot.keyClicks(editor.title_edit, " (edited)")
        assert not editor.save_button.isEnabled() and not editor.apply_button.isEnabled()
        assert editor.reason_label.text() == "This register is open read-only: nothing can be saved here."
        qtbot.keyClick(editor, Qt.Key.Key_Escape)  # closes without asking to save what cannot be saved
        assert not editor.isVisible()


def test_switching_from_a_viewer_to_a_writable_register_gives_the_controls_back(
    qtbot, make_context, server_register, tmp_path
) -> None:
    viewer = sign_in_as(server_register, Access.VIEWER)
    with window_on(qtbot, make_context, viewer) as window:
        page = window.show_page("risks")
        assert not page.new_button.isEnabled() and not window.new_action.isEnabled()
        assert window.switch_database(str(tmp_path / "own.db"))
        assert window.context.access is Access.ADMIN
        assert page.new_button.isEnabled() and window.new_action.isEnabled()
        assert not page.archive_button.isEnabled()  # nothing selected
        assert window.read_only_banner.isHidden()
        qtbot.waitUntil(lambda: "·" not in window.user_label.text())


def test_an_editor_may_not_save_settings_and_is_told_why(qtbot, make_context, server_register) -> None:
    editor = sign_in_as(server_register, Access.EDITOR)
    with window_on(qtbot, make_context, editor) as window:
        assert window.context.can_edit and not window.context.can_administer
        assert window.new_action.isEnabled()
        assert window.show_page("risks").new_button.isEnabled()
        page = window.show_page("settings")
        assert page.admin_note.isVisible()
        assert "Only an administrator" in page.admin_note.text()
        page.show_section("organisation")
        section = page.organisation
        qtbot.waitUntil(lambda: section.loaded)
        qtbot.keyClicks(section.company_name, " Ltd")
        assert section.is_dirty() and not section.save_button.isEnabled()
        departments = section.departments
        qtbot.keyClicks(departments.name_edit, "Quality")
        assert not departments.add_button.isEnabled()
        for other in page.sections.values():
            assert not other.save_button.isEnabled(), other.title()


def test_an_administrator_saves_settings_without_a_note(
    qtbot, make_context, server_register, main_window
) -> None:
    with window_on(qtbot, make_context, sign_in_as(server_register, Access.ADMIN)) as server_window:
        for window in (server_window, main_window):
            page = window.show_page("settings")
            assert page.admin_note.isHidden()
            page.show_section("organisation")
            section = page.organisation
            qtbot.waitUntil(lambda s=section: s.loaded)
            qtbot.keyClicks(section.company_name, " Ltd")
            assert section.save_button.isEnabled()
            qtbot.keyClicks(section.departments.name_edit, "Quality")
            assert section.departments.add_button.isEnabled()


def test_the_server_refuses_a_viewers_write_with_a_clear_message(
    qtbot, make_context, server_register, answer_messages
) -> None:
    add_risk(server_register, "Supplier fails")
    viewer = sign_in_as(server_register, Access.VIEWER)
    with window_on(qtbot, make_context, viewer) as window:
        context = window.context
        before = risk_total(server_register)
        with viewer.session() as session:
            data = risk_input(session, "Sneaked in")
        with pytest.raises(PermissionDeniedError) as refused:
            context.write(risks.create_risk, topics=(RISKS,), data=data)
        assert str(refused.value) == message(PERMISSION_MESSAGE)
        assert risk_total(server_register) == before

        # Past the disabled buttons (as a shortcut would be), the page shows the server's refusal.
        page = window.show_page("risks")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        page.table.selectRow(0)
        page.archive_selected()
        errors = [shown for shown in answer_messages.shown if shown[0] == "error"]
        assert errors and errors[-1][2] == message(PERMISSION_MESSAGE)
        assert not any(r.archived for r in page.model.all_rows())
        with server_register.session() as session:
            assert not risks.list_risks(session=session, include_archived=True)[0].archived


# Changes saved by others ---------------------------------------------------------------


def assert_others_changes_appear(qtbot, window: MainWindow, other: Database) -> None:
    page = window.show_page("risks")
    qtbot.waitUntil(lambda: page.isVisible())
    wait_loaded(qtbot, page)
    rows = page.model.rowCount()
    assert not poll(qtbot, window)  # nothing new yet

    add_risk(other, "Saved by someone else")
    assert page.model.rowCount() == rows
    assert poll(qtbot, window)
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == rows + 1
    assert any(r.title == "Saved by someone else" for r in page.model.all_rows())
    assert window.statusBar().currentMessage() == "Updated with changes saved by others"
    assert not poll(qtbot, window)  # seen now

    # This window's own change is not announced as someone else's.
    with window.context.database.session() as session:
        data = risk_input(session, "Saved here")
    window.context.write(risks.create_risk, topics=(RISKS,), data=data)
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == rows + 2
    assert not poll(qtbot, window)

    # While a dialog is open over the window, nothing moves under it; afterwards it does.
    add_risk(other, "Saved during a dialog")
    dialog = QDialog(window)
    dialog.setModal(True)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.isVisible())
    assert not poll(qtbot, window)
    assert page.model.rowCount() == rows + 2
    dialog.close()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert poll(qtbot, window)
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == rows + 3


def test_changes_saved_by_another_opsdesk_on_the_same_file_appear(qtbot, main_window, demo_database) -> None:
    assert main_window.change_timer.isActive() and main_window.change_timer.interval() == 5000
    other = open_database(demo_database.path, user="colleague")
    try:
        assert_others_changes_appear(qtbot, main_window, other)
    finally:
        other.dispose()


def test_changes_saved_by_another_user_on_the_server_appear(qtbot, make_context, server_register) -> None:
    editor = sign_in_as(server_register, Access.EDITOR)
    try:
        with window_on(qtbot, make_context, sign_in_as(server_register, Access.ADMIN)) as window:
            database = window.context.database
            assert (
                window.user_label.text()
                == f"User: {login_name(Access.ADMIN)} · administrator · {tls_text(database)}"
            )
            assert_others_changes_appear(qtbot, window, editor)
            assert TEST_PASSWORD not in window.context.database.url
    finally:
        editor.dispose()


def test_a_server_out_of_reach_shows_a_band_keeps_the_pages_and_recovers(
    qtbot, make_context, server_register
) -> None:
    from opsdesk.store.database import make_engine

    add_risk(server_register, "Supplier fails")
    with window_on(qtbot, make_context, sign_in_as(server_register, Access.EDITOR)) as window:
        page = window.show_page("risks")
        qtbot.waitUntil(lambda: page.model.rowCount() == 1)
        database = window.context.database
        reachable = database.engine
        # The server goes down: every new connection is refused (a port nobody listens on).
        database.engine = make_engine("postgresql+psycopg://nobody@127.0.0.1:1/register")
        try:
            assert poll(qtbot, window) is False
            assert window.unreachable_banner.isVisible()
            assert window.unreachable_banner.text().startswith("The register cannot be reached since ")
            assert window.unreachable_banner.toolTip().startswith("Cannot reach the server 127.0.0.1 (")
            window.context.dataChanged.emit(EVERYTHING)  # a reload while down: no error box, rows stay
            wait_loaded(qtbot, page)
            assert page.model.rowCount() == 1
        finally:
            database.engine.dispose()
            database.engine = reachable
        add_risk(server_register, "Warehouse flooding")  # saved by someone else meanwhile

        assert poll(qtbot, window) is True
        assert window.unreachable_banner.isHidden()
        assert window.statusBar().currentMessage() == "The register answers again; every page was reloaded."
        qtbot.waitUntil(lambda: page.model.rowCount() == 2)


# Encryption ----------------------------------------------------------------------------------


def test_the_connect_dialog_asks_for_encryption_and_puts_it_in_the_url(qtbot) -> None:
    attempts: list[ServerLogin] = []
    dialog = ConnectDialog(lambda login: attempts.append(login) or None, connected_encryption="")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.encryption_combo.currentData() == "prefer"
    assert dialog.connected_label.text().startswith("The register open now is connected without encryption")
    fill_connect_dialog(qtbot, dialog, host="db.example.org", port=5432, database="opsdesk", user="ann",
                        password="pw")  # fmt: skip
    assert dialog.current().url == "postgresql+psycopg://ann@db.example.org:5432/opsdesk"
    dialog.encryption_combo.setCurrentIndex(dialog.encryption_combo.findData("verify-full"))
    assert dialog.encryption_hint.text().startswith("Encrypted, and only to the server its certificate names")
    assert dialog.current().url == "postgresql+psycopg://ann@db.example.org:5432/opsdesk?sslmode=verify-full"
    qtbot.mouseClick(dialog.connect_button, Qt.MouseButton.LeftButton)
    assert attempts[0].sslmode == "verify-full"
    # Opened again on that register, the dialog keeps the choice.
    assert ServerLogin.from_url(attempts[0].url).sslmode == "verify-full"


def test_the_window_says_whether_the_server_connection_is_encrypted(
    qtbot, make_context, server_register
) -> None:
    sign_in_as(server_register, Access.VIEWER).dispose()
    with admin_connection() as connection:
        tls_on = connection.exec_driver_sql("SHOW ssl").scalar_one() == "on"
    base = make_url(server_register.url).set(username=login_name(Access.VIEWER))
    plain = open_database(base.update_query_dict({"sslmode": "disable"}).render_as_string(hide_password=False),
                          password=TEST_PASSWORD)  # fmt: skip
    assert plain.encryption == ""
    with window_on(qtbot, make_context, plain) as window:
        assert window.user_label.text().endswith(" · viewer · not encrypted")
    if tls_on:  # CI's server has TLS (.ci/start-postgres): the default then encrypts
        required = open_database(base.update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False),
                                 password=TEST_PASSWORD)  # fmt: skip
        assert required.encryption.startswith("TLSv1.")
        with window_on(qtbot, make_context, required) as window:
            assert window.user_label.text().endswith(f" · viewer · encrypted ({required.encryption})")
        # verify-full trusts only a certificate authority installed here: the CI's own certificate is refused.
        with pytest.raises(DatabaseError, match="^Cannot connect to the server 127.0.0.1: "):
            open_database(base.update_query_dict({"sslmode": "verify-full", "sslrootcert": "system"})
                          .render_as_string(hide_password=False), password=TEST_PASSWORD)  # fmt: skip
    else:  # a server without TLS: asking for encryption is refused, never quietly dropped
        with pytest.raises(DatabaseError, match="SSL"):
            open_database(base.update_query_dict({"sslmode": "require"}).render_as_string(hide_password=False),
                          password=TEST_PASSWORD)  # fmt: skip

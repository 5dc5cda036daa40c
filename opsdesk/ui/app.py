"""Starting the desktop app: QApplication, database, main window, first-start offer."""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication

from opsdesk import __version__
from opsdesk.domain.errors import DatabaseError, OpsDeskError
from opsdesk.paths import default_database_path, installation, log_file_path, private_file, user_data_dir
from opsdesk.store.database import Database


def create_settings() -> QSettings:
    """Window state and recent files, kept in the user's data folder (tests isolate it)."""
    # Made owner-only before Qt first writes it; Qt's atomic saves keep the file's permissions.
    path = private_file(user_data_dir() / "settings.ini")
    return QSettings(str(path), QSettings.Format.IniFormat)


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("OpsDesk")
    app.setOrganizationName("OpsDesk")
    app.setApplicationVersion(__version__)
    from opsdesk.ui import icons, theme

    app.setWindowIcon(icons.app_icon())
    from opsdesk.ui.screens import fit_windows_to_screen

    fit_windows_to_screen(app)  # a 175% laptop screen is smaller than some minimum sizes
    theme.apply_theme(app)  # light or dark as the system (or OPSDESK_THEME) says
    theme.follow_system_theme(app)
    return app  # type: ignore[return-value]


_reporting_error = False


def report_uncaught_error(error: BaseException) -> None:
    """Tell the user about an unexpected error (already logged) instead of failing silently."""
    global _reporting_error
    if _reporting_error or QApplication.instance() is None:
        return  # one box at a time: an error while showing it is only logged
    from opsdesk.ui import messages

    _reporting_error = True
    try:
        messages.show_error(
            None,
            QApplication.translate("App", "Unexpected error"),
            QApplication.translate(
                "App", "OpsDesk ran into an unexpected problem: {error}\n\nThe details were written to {log}."
            ).format(error=f"{type(error).__name__}: {error}", log=log_file_path()),
        )
    finally:
        _reporting_error = False


# --allow-network-drive holds for every register this process opens (File > Open too).
_network_drive_allowed = False


def allow_network_drive_here(allowed: bool) -> None:
    """Let this process open register files on network drives (the user insisted, at start)."""
    global _network_drive_allowed
    _network_drive_allowed = allowed


def is_server_address(path_or_url: str) -> bool:
    """True for a register on a database server (its users are the server's roles)."""
    from sqlalchemy.engine import make_url

    from opsdesk.store.database import database_url

    return "://" in path_or_url and make_url(database_url(path_or_url)).get_backend_name() != "sqlite"


def open_for_gui(
    db_arg: str | None,
    user: str | None = None,
    *,
    password: str | None = None,
    parent=None,
    ask_password: bool = True,
    key: str | None = None,
) -> Database:
    """Open a register for the window: a server's or an encrypted register's password comes
    from the caller, the keyring, or (with `ask_password`) a password dialog, asked again
    after a wrong one. A password given for a new file creates it encrypted."""
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.credentials import open_with_password, save_password
    from opsdesk.store.database import sqlite_path

    remember: list[str] = []  # the typed password of an encrypted register, to keep once it opened

    def ask(url: str, reason: str) -> str | None:
        path = sqlite_path(url)
        if path is not None:
            from opsdesk.ui.dialogs.register_password import RegisterPasswordDialog

            typed = RegisterPasswordDialog.ask(parent, str(path), reason)
            if typed is None:
                return None
            remember[:] = [typed.password] if typed.remember else []
            return typed.password
        from opsdesk.ui.dialogs.connect import PasswordDialog

        return PasswordDialog.ask(parent, url, reason)

    database = open_with_password(
        db_arg or default_database_path(), ask=ask if ask_password else None, password=password, user=user,
        allow_network_drive=_network_drive_allowed, **({"key": key} if key is not None else {}),
    )  # fmt: skip
    if remember and database.encrypted:
        save_password(database.url, remember[0])
    from opsdesk.ui.single_instance import claim_register

    try:
        claim_register(database)  # one window per register file
    except OpsDeskError:
        database.dispose()
        raise
    # A read-only register is shown as it is; only an administrator may seed the settings.
    if not database.read_only and database.access.can_administer:
        with database.session() as session:
            ensure_defaults(session=session)
    return database


def recover_at_start(error: OpsDeskError, parent=None, *, at_start: bool = True) -> Database | None:
    """A damaged register: offer its newest good backup or another file; None when the user gives up.

    The damaged file is moved aside (never overwritten) before the chosen copy takes its place.
    """
    from opsdesk.services.backups import restore_database
    from opsdesk.store.database import DamagedDatabaseError
    from opsdesk.ui import messages
    from opsdesk.ui.dialogs.recovery import RecoveryDialog, needs_recovery

    if not isinstance(error, DamagedDatabaseError) or not needs_recovery(error):
        messages.show_problem(parent, error, QApplication.translate("App", "Cannot open the database"))
        return None
    while True:
        source = RecoveryDialog.ask(parent, error, at_start=at_start)
        if source is None:
            return None
        try:
            result = restore_database(error.path, source, error.key)  # an encrypted register's key, if any
            database = open_for_gui(str(error.path), key=error.key)
        except OpsDeskError as exc:
            messages.show_problem(parent, exc, QApplication.translate("App", "Cannot restore this file"))
            continue
        kept = result.broken_copy or result.safety_backup
        messages.show_info(
            parent,
            QApplication.translate("App", "Register restored"),
            QApplication.translate(
                "App", "The register was restored from {source}.\nThe file it replaced is kept as {kept}."
            ).format(source=result.source, kept=kept),
        )
        return database


def _new_register_password(db_arg: str | None, *, self_test: bool) -> str | None:
    """The password of a register created encrypted (--encrypted); None when there is none to create with."""
    from opsdesk.logging_setup import emit_line
    from opsdesk.ui.dialogs.register_password import NewPasswordDialog

    if self_test:  # unattended: the password comes on standard input or not at all
        emit_line(
            "self-test: FAILED: --encrypted needs the password on standard input (--password-stdin)",
            level=logging.ERROR,
        )
        return None
    typed = NewPasswordDialog.ask(None, str(_register_path(db_arg)))
    return typed.password if typed is not None else None


def _register_path(db_arg: str | None) -> Path:
    return Path(db_arg).expanduser() if db_arg else default_database_path()


def build_main_window(database: Database):
    from opsdesk.ui.context import AppContext
    from opsdesk.ui.i18n import apply_stored_language
    from opsdesk.ui.main_window import MainWindow, remember_recent

    apply_stored_language(database)  # before any widget: widgets translate their texts when built
    settings = create_settings()
    context = AppContext(database, settings)
    remember_recent(settings, database.display_name)
    window = MainWindow(context)
    window.take_automatic_backup()
    return window


def offer_demo(window) -> None:
    """First start on an empty register: load the demo company, or start empty."""
    from opsdesk.services.demo import load_demo
    from opsdesk.services.settings import is_empty
    from opsdesk.ui import messages
    from opsdesk.ui.context import EVERYTHING

    context = window.context
    if not context.can_edit or not context.call(is_empty) or not messages.ask_first_start(window):
        return
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        context.write(load_demo, topics=())
    except OpsDeskError as exc:
        messages.show_problem(window, exc)
    finally:
        QApplication.restoreOverrideCursor()
    context.dataChanged.emit(EVERYTHING)


APP_USER_MODEL_ID = "OpsDesk.RiskRegister"


def set_app_user_model_id(shell32: Any = None) -> bool:
    """On Windows, group the windows under OpsDesk in the taskbar, not under python.exe (source runs)."""
    if shell32 is None:
        if sys.platform != "win32":
            return False
        import ctypes

        shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    return shell32.SetCurrentProcessExplicitAppUserModelID(APP_USER_MODEL_ID) == 0  # S_OK


def run_gui(
    db_arg: str | None,
    *,
    self_test: bool = False,
    allow_network_drive: bool = False,
    password: str | None = None,
    encrypted: bool = False,
) -> int:
    """Open the window on a register; every error at start is logged and shown, never a silent exit."""
    from opsdesk.logging_setup import (
        configure_logging,
        emit_line,
        enable_crash_log,
        install_excepthook,
        log_uncaught,
    )
    from opsdesk.reports.charts.common import use_persistent_cache_dir

    # Before anything imports matplotlib, which reads its cache folder once, on import.
    use_persistent_cache_dir()
    configure_logging()
    enable_crash_log()
    # The self-test runs unattended: a message box would wait for a click that never comes.
    install_excepthook(None if self_test else report_uncaught_error)
    logging.getLogger("opsdesk").info("OpsDesk %s starting (%s)", __version__, installation())
    set_app_user_model_id()
    allow_network_drive_here(allow_network_drive)
    try:
        return _start(db_arg, self_test=self_test, password=password, encrypted=encrypted)
    except Exception as exc:
        # The windowed build has no console: the log and a message box are all the user gets.
        log_uncaught(type(exc), exc, exc.__traceback__)
        if self_test:
            emit_line(f"self-test: FAILED: {type(exc).__name__}: {exc}", level=logging.ERROR)
        else:
            report_uncaught_error(exc)
        return 1


def _start(
    db_arg: str | None, *, self_test: bool, password: str | None = None, encrypted: bool = False
) -> int:
    from opsdesk.logging_setup import emit_line

    app = application()
    from opsdesk.ui.i18n import install_language, resolve_language

    install_language(resolve_language("system"))  # start-up messages; the register's setting follows
    new_file = not _register_path(db_arg).exists() or _register_path(db_arg).stat().st_size == 0
    if encrypted and password is None and new_file and not is_server_address(db_arg or ""):
        # --encrypted: a new register file is created encrypted, with a password chosen now.
        password = _new_register_password(db_arg, self_test=self_test)
        if password is None:
            return 1
    try:
        if encrypted and not new_file and not is_server_address(db_arg or ""):
            from opsdesk.store.cipher import is_plain_sqlite

            if is_plain_sqlite(_register_path(db_arg)):  # --encrypted on a plain register: said, not opened
                raise DatabaseError("register.not_encrypted", path=str(_register_path(db_arg)))
        # The self-test runs unattended: no password dialog waits for it.
        database = open_for_gui(db_arg, password=password, ask_password=not self_test)
    except OpsDeskError as exc:
        from opsdesk.store.database import DamagedDatabaseError
        from opsdesk.ui import messages

        if self_test:
            emit_line(f"self-test: FAILED: cannot open the database: {exc}", level=logging.ERROR)
            return 1
        if not isinstance(exc, DamagedDatabaseError):
            messages.show_problem(None, exc, "OpsDesk")
            return 1
        recovered = recover_at_start(exc)
        if recovered is None:
            return 1
        database = recovered
    window = build_main_window(database)
    window.show()
    if self_test:
        from opsdesk.ui.self_test import run_self_test

        return run_self_test(window)
    window.look_for_cut_back_history()
    offer_demo(window)
    return app.exec()

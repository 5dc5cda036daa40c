"""Starting the desktop app: QApplication, database, main window, first-start offer."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication

from opsdesk import __version__
from opsdesk.domain.errors import DatabaseError, OpsDeskError
from opsdesk.paths import default_database_path, installation, log_file_path, private_file, user_data_dir

if TYPE_CHECKING:  # the window paints before the register (and SQLAlchemy) is loaded
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
    relay: Callable[[Callable[[], Any]], Any] | None = None,
) -> Database:
    """Open a register for the window: a server's or an encrypted register's password comes
    from the caller, the keyring, or (with `ask_password`) a password dialog, asked again
    after a wrong one. A password given for a new file creates it encrypted.

    Called on a worker, `relay` runs the password dialog on the GUI thread and waits for it."""
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.credentials import open_with_password, save_password
    from opsdesk.store.database import sqlite_path

    remember: list[str] = []  # the typed password of an encrypted register, to keep once it opened

    def ask(url: str, reason: str) -> str | None:
        if relay is not None:
            return relay(lambda: ask_here(url, reason))
        return ask_here(url, reason)

    def ask_here(url: str, reason: str) -> str | None:
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


def _new_register_password(db_arg: str | None, *, self_test: bool, parent=None) -> str | None:
    """The password of a register created encrypted (--encrypted); None when there is none to create with."""
    from opsdesk.logging_setup import emit_line
    from opsdesk.ui.dialogs.register_password import NewPasswordDialog

    if self_test:  # unattended: the password comes on standard input or not at all
        emit_line(
            "self-test: FAILED: --encrypted needs the password on standard input (--password-stdin)",
            level=logging.ERROR,
        )
        return None
    typed = NewPasswordDialog.ask(parent, str(_register_path(db_arg)))
    return typed.password if typed is not None else None


def _register_path(db_arg: str | None) -> Path:
    return Path(db_arg).expanduser() if db_arg else default_database_path()


def build_main_window(database: Database):
    """The main window on a register already open (the self-test; File > Open uses its own window)."""
    from opsdesk.ui.context import AppContext
    from opsdesk.ui.i18n import apply_stored_language
    from opsdesk.ui.main_window import MainWindow, remember_recent

    language = apply_stored_language(database)  # before any widget: widgets translate their texts when built
    settings = create_settings()
    settings.setValue(LANGUAGE_KEY, language)
    context = AppContext(database, settings)
    remember_recent(settings, database.display_name)
    window = MainWindow(context)
    window.take_automatic_backup()  # on a worker
    return window


#: the language of the last register opened: the window's frame is built in it, before the register is read
LANGUAGE_KEY = "window/language"


def build_window_frame(settings: QSettings | None = None):
    """The main window without a register: navigation, menus and the page frame, ready to paint."""
    from opsdesk.ui.context import AppContext
    from opsdesk.ui.main_window import MainWindow

    return MainWindow(AppContext(None, settings or create_settings()))


def start_window(db_arg: str | None, *, password: str | None = None, encrypted: bool = False) -> StartUp:
    """The main window's frame, in the language of the last register opened, with the register to open
    on a worker once it has painted (show it: `start.show()`)."""
    from opsdesk.ui.i18n import install_language, resolve_language

    settings = create_settings()
    install_language(resolve_language(str(settings.value(LANGUAGE_KEY, "system"))))
    return StartUp(db_arg, password=password, encrypted=encrypted, settings=settings)


class StartUp(QObject):
    """The window first, then the register: opened on a worker once the window has painted.

    Every question to the user (a password, a damaged register's recovery, a newer schema,
    a server login) is asked from the GUI thread, over the painted window, when the worker
    reports. `finished` carries the exit code: 0 when the register is in the window, 1 when
    the user gave up or it could not be opened (the window is closed then).
    """

    finished = Signal(int)
    #: the user closed the window while the register was opening
    abandoned = Signal()
    _run_here = Signal(object)  # [work, answer]: from the worker, run on the GUI thread and waited for

    def __init__(
        self,
        db_arg: str | None,
        *,
        password: str | None = None,
        encrypted: bool = False,
        settings: QSettings | None = None,
    ) -> None:
        super().__init__()
        self.db_arg = db_arg
        self.password = password
        self.encrypted = encrypted
        self.exit_code: int | None = None
        self.job = None
        self.settings = settings or create_settings()
        self._run_here.connect(self._run, Qt.ConnectionType.BlockingQueuedConnection)
        self.window = build_window_frame(self.settings)
        self.window.show_opening(_shown_name(db_arg))
        self._watch = _FirstPaint(self.window, self.begin)
        self.window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if watched is self.window and event.type() == QEvent.Type.Close and self.exit_code is None:
            self.abandoned.emit()
        return False

    def show(self) -> None:
        self.window.show()

    def _run(self, box: list) -> None:
        box[1] = box[0]()

    def relay(self, work: Callable[[], Any]) -> Any:
        """From the worker: run `work` (a dialog) on the GUI thread, wait, and return its answer."""
        box: list[Any] = [work, None]
        self._run_here.emit(box)
        return box[1]

    # Steps -----------------------------------------------------------------------------

    def begin(self) -> None:
        """After the first paint: the questions that come before opening, then the open on a worker."""
        from opsdesk.ui.worker import start_job

        try:
            password = self.password
            path = _register_path(self.db_arg)
            new_file = not path.exists() or path.stat().st_size == 0
            server = is_server_address(self.db_arg or "")
            if self.encrypted and password is None and new_file and not server:
                # --encrypted: a new register file is created encrypted, with a password chosen now.
                password = _new_register_password(self.db_arg, self_test=False, parent=self.window)
                if password is None:
                    self._give_up()
                    return
            if self.encrypted and not new_file and not server:
                from opsdesk.store.cipher import is_plain_sqlite

                if is_plain_sqlite(path):  # --encrypted on a plain register: said, not opened
                    raise DatabaseError("register.not_encrypted", path=str(path))
        except OpsDeskError as exc:
            self._failed(exc)
            return
        except Exception as exc:
            self._unexpected(exc)
            return
        parent, relay, db_arg = self.window, self.relay, self.db_arg

        def work(_progress):
            database = open_for_gui(db_arg, password=password, parent=parent, relay=relay)
            return database, _stored_language(database)

        self.job = start_job(work, on_finished=self._opened, on_failed=self._failed)

    def _opened(self, result: tuple[Database, str]) -> None:
        try:
            self._attach(*result)
        except Exception as exc:
            self._unexpected(exc)

    def _attach(self, database: Database, setting: str) -> None:
        from opsdesk.ui.i18n import current_language, install_language, resolve_language
        from opsdesk.ui.main_window import remember_recent

        language = resolve_language(setting)
        if language != current_language():
            # The frame was built in the last register's language: built again in this one's.
            install_language(language)
            old = self.window
            self.window = build_window_frame(self.settings)
            self.window.installEventFilter(self)
            self.window.setGeometry(old.geometry())
            self.window.show()
            old.hide()
            old.deleteLater()
        self.settings.setValue(LANGUAGE_KEY, language)
        window = self.window
        window.context.set_database(database)
        remember_recent(self.settings, database.display_name)
        window.take_automatic_backup()  # on a worker
        window.look_for_cut_back_history()
        offer_demo(window)
        self._done(0)

    def _failed(self, exc: Exception) -> None:
        from opsdesk.store.database import DamagedDatabaseError
        from opsdesk.ui import messages

        if not isinstance(exc, OpsDeskError):
            self._unexpected(exc)
            return
        try:
            if not isinstance(exc, DamagedDatabaseError):
                messages.show_problem(self.window, exc, "OpsDesk")
                self._give_up()
                return
            recovered = recover_at_start(exc, self.window)
            if recovered is None:
                self._give_up()
                return
            self._attach(recovered, _stored_language(recovered))
        except Exception as error:
            self._unexpected(error)

    def _unexpected(self, exc: BaseException) -> None:
        from opsdesk.logging_setup import log_uncaught

        log_uncaught(type(exc), exc, exc.__traceback__)
        text = getattr(exc, "__traceback_text__", None)
        if text:
            logging.getLogger("opsdesk").error("on the worker: %s", text)
        report_uncaught_error(exc)
        self._give_up()

    def _give_up(self) -> None:
        self.exit_code = 1
        self.window.close()
        self._done(1)

    def _done(self, code: int) -> None:
        self.exit_code = code
        self.finished.emit(code)


class _FirstPaint(QObject):
    """Calls `then` once, on the event loop's next turn after a widget of `window` first painted."""

    def __init__(self, window, then: Callable[[], None]) -> None:
        super().__init__(window)
        self.window = window
        self.then = then
        QApplication.instance().installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and isinstance(watched, QObject):
            window = getattr(watched, "window", None)
            if callable(window) and window() is self.window:
                QApplication.instance().removeEventFilter(self)
                QTimer.singleShot(0, self.then)
        return False


def _shown_name(db_arg: str | None) -> str:
    """The register's name as the window says it is opening (a server's address without its password)."""
    if db_arg and "://" in db_arg:
        from sqlalchemy.engine import make_url

        return make_url(db_arg).render_as_string(hide_password=True)
    return str(_register_path(db_arg))


def _stored_language(database: Database) -> str:
    """The register's language setting ("system" when it cannot say)."""
    from opsdesk.services.settings import get_language

    try:
        with database.session() as session:
            return get_language(session=session)
    except Exception:  # noqa: BLE001 - a register that cannot say still opens, in the system's language
        logging.getLogger(__name__).exception("Could not read the language setting")
        return "system"


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

    if not self_test:
        start = start_window(db_arg, password=password, encrypted=encrypted)
        # A loop of its own until the register is in the window (or the user gave up): the
        # application's loop runs only for a window with its register, as it always did.
        opening = QEventLoop()
        start.finished.connect(opening.exit)
        start.abandoned.connect(opening.quit)
        start.show()
        opening.exec()
        if start.exit_code is None:  # the window was closed while the register was opening
            return 0
        if start.exit_code:
            return start.exit_code
        return app.exec()

    # The self-test runs unattended: the register opens here, and no dialog waits for anyone.
    install_language(resolve_language("system"))  # start-up messages; the register's setting follows
    new_file = not _register_path(db_arg).exists() or _register_path(db_arg).stat().st_size == 0
    if encrypted and password is None and new_file and not is_server_address(db_arg or ""):
        password = _new_register_password(db_arg, self_test=True)  # only from standard input
        if password is None:
            return 1
    try:
        if encrypted and not new_file and not is_server_address(db_arg or ""):
            from opsdesk.store.cipher import is_plain_sqlite

            if is_plain_sqlite(_register_path(db_arg)):  # --encrypted on a plain register: said, not opened
                raise DatabaseError("register.not_encrypted", path=str(_register_path(db_arg)))
        database = open_for_gui(db_arg, password=password, ask_password=False)
    except OpsDeskError as exc:
        emit_line(f"self-test: FAILED: cannot open the database: {exc}", level=logging.ERROR)
        return 1
    window = build_main_window(database)
    window.show()
    from opsdesk.ui.self_test import run_self_test

    return run_self_test(window)

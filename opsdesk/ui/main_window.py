"""The main window: side bar navigation, pages built on first show, menus and status bar."""

from __future__ import annotations

import importlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QByteArray, QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk import __version__
from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError, OpsDeskError, PasswordRequiredError
from opsdesk.ui import icons, messages, worker
from opsdesk.ui.context import EVERYTHING, AppContext, change_topics
from opsdesk.ui.pages.base import Page

translate = QCoreApplication.translate
log = logging.getLogger(__name__)
MAX_RECENT = 8
#: how often the window looks for changes that others saved in the register
CHANGE_POLL_MS = 5000


@dataclass(frozen=True)
class PageSpec:
    key: str
    module: str
    class_name: str

    def title(self) -> str:
        return page_titles()[self.key]


def page_titles() -> dict[str, str]:
    return {
        "dashboard": translate("MainWindow", "Dashboard"),
        "risks": translate("MainWindow", "Risks"),
        "heatmap": translate("MainWindow", "Heatmap"),
        "indicators": translate("MainWindow", "Indicators and alerts"),
        "actions": translate("MainWindow", "Actions"),
        "objectives": translate("MainWindow", "Quality objectives"),
        "feedback": translate("MainWindow", "Customer feedback"),
        "nonconformities": translate("MainWindow", "Nonconformities"),
        "meetings": translate("MainWindow", "Meetings"),
        "suggestions": translate("MainWindow", "Suggestions"),
        "reports": translate("MainWindow", "Reports"),
        "settings": translate("MainWindow", "Settings"),
    }


PAGES: tuple[PageSpec, ...] = (
    PageSpec("dashboard", "opsdesk.ui.pages.dashboard", "DashboardPage"),
    PageSpec("risks", "opsdesk.ui.pages.risks", "RisksPage"),
    PageSpec("heatmap", "opsdesk.ui.pages.heatmap", "HeatmapPage"),
    PageSpec("indicators", "opsdesk.ui.pages.indicators", "IndicatorsPage"),
    PageSpec("actions", "opsdesk.ui.pages.actions", "ActionsPage"),
    PageSpec("objectives", "opsdesk.ui.pages.objectives", "ObjectivesPage"),
    PageSpec("feedback", "opsdesk.ui.pages.feedback", "FeedbackPage"),
    PageSpec("nonconformities", "opsdesk.ui.pages.nonconformities", "NonconformitiesPage"),
    PageSpec("meetings", "opsdesk.ui.pages.meetings", "MeetingsPage"),
    PageSpec("suggestions", "opsdesk.ui.pages.suggestions", "SuggestionsPage"),
    PageSpec("reports", "opsdesk.ui.pages.reports", "ReportsPage"),
    PageSpec("settings", "opsdesk.ui.pages.settings", "SettingsPage"),
)


def available_pages() -> tuple[PageSpec, ...]:
    # Pages whose module ships with this build; the list is the product's full navigation.
    return tuple(spec for spec in PAGES if importlib.util.find_spec(spec.module) is not None)


def _banner(name: str, *, background: str, ink: str, border: str) -> QLabel:
    """A full-width band of bold text above the pages."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setStyleSheet(
        f"QLabel#{name} {{ background: {background}; color: {ink}; border-bottom: 1px solid {border};"
        " padding: 8px 12px; font-weight: 600; }"
    )
    return label


class MainWindow(QMainWindow):
    """Navigation on the left, the current page on the right; pages load lazily."""

    #: a look for others' changes answered: True when pages were told to reload
    polled = Signal(bool)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self._looks: dict[int, tuple[Any, Any]] = {}  # looks for others' changes under way: job, database
        self.today = date.today  # the status bar's day (a test fixes it)
        self.specs = available_pages()
        self.pages: dict[str, Page] = {}
        self.setWindowTitle("OpsDesk")
        self.resize(1280, 760)
        self.setMinimumSize(1000, 640)

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        # Resizable within reason; the splitter remembers the width the user chose.
        self.navigation.setMinimumWidth(170)
        self.navigation.setMaximumWidth(320)
        self.navigation.setIconSize(QSize(18, 18))
        self.navigation.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        for spec in self.specs:
            item = QListWidgetItem(spec.title())
            item.setIcon(icons.page_icon(spec.key))
            item.setData(Qt.ItemDataRole.UserRole, spec.key)
            self.navigation.addItem(item)
        self.stack = QStackedWidget()
        self.placeholders: dict[str, QWidget] = {}
        for spec in self.specs:
            holder = QWidget()  # replaced by the real page the first time it is shown
            self.placeholders[spec.key] = holder
            self.stack.addWidget(holder)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.navigation)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setCollapsible(0, False)
        self.splitter.setCollapsible(1, False)
        self.splitter.setSizes([200, 1080])
        # A yellow band over everything while the register is open read-only, and a red one
        # while a server register cannot be reached (the reason in its tooltip).
        self.read_only_banner = _banner(
            "readOnlyBanner", background="#FFF4C2", ink="#4A3B00", border="#E0B400"
        )
        self.unreachable_banner = _banner(
            "unreachableBanner", background="#FDE2E1", ink="#7A1410", border="#E57373"
        )
        self.unreachable_banner.hide()
        # Orange: the file lives where SQLite is not safe (a network drive, a synced folder).
        self.location_banner = _banner(
            "locationBanner", background="#FFE8CC", ink="#5C2E00", border="#F0A040"
        )
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.unreachable_banner)
        central_layout.addWidget(self.read_only_banner)
        central_layout.addWidget(self.location_banner)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.read_only_banner.hide()
        self.location_banner.hide()
        self.navigation.currentRowChanged.connect(self._show_row)

        self._build_menus()
        self._build_status_bar()
        context.dataChanged.connect(self._schedule_status_update)
        context.databaseChanged.connect(self._database_changed)
        self.unreachable_since: datetime | None = None
        context.unreachable.connect(self._show_unreachable)
        self._restore_window_state()
        self.change_timer = QTimer(self, interval=CHANGE_POLL_MS)
        self.change_timer.timeout.connect(self.poll_changes)
        #: the quiet "Opening <name>…" in the page frame while the register opens on a worker
        self.opening_label: QLabel | None = None
        self._waiting_actions: list[QAction] = []
        if context.has_database:
            self._register_arrived()
        else:
            self.show_opening(self.tr("the register"))

    # The register arriving -----------------------------------------------------------------

    def show_opening(self, name: str) -> None:
        """Frame only: navigation and menus painted, the page frame saying which register is opening."""
        if self.opening_label is None:
            self.opening_label = QLabel()
            self.opening_label.setObjectName("openingLabel")
            self.opening_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.opening_label.setEnabled(False)  # quiet: the palette's disabled text
            self.stack.addWidget(self.opening_label)
            self.stack.setCurrentWidget(self.opening_label)
            # Nothing can be done with a register that is not there yet, except leaving.
            waiting = [*self.actions(), self.recent_menu.menuAction()]
            self._waiting_actions = [a for a in waiting if a.isEnabled() and a is not self.quit_action]
            for action in self._waiting_actions:
                action.setEnabled(False)
        self.opening_label.setText(self.tr("Opening {name}…").format(name=name))
        self.database_label.setText(name)
        self.setWindowTitle(f"OpsDesk — {name}")

    def _register_arrived(self) -> None:
        """The register is open: banners, rights, status, the page the user was on, and the change watch."""
        for action in self._waiting_actions:
            action.setEnabled(True)
        self._waiting_actions = []
        self.setWindowTitle(f"OpsDesk — {self.context.database.display_name}")
        self._update_read_only_banner()
        self._update_location_banner()
        self._apply_access()
        self.update_status()
        row = self.navigation.currentRow()
        self.show_page(self.specs[row].key if 0 <= row < len(self.specs) else self.specs[0].key)
        if self.opening_label is not None:
            self.stack.removeWidget(self.opening_label)
            self.opening_label.deleteLater()
            self.opening_label = None
        # Other people (or another OpsDesk on the same file) save too: show their changes.
        self.poll_changes()
        self.change_timer.start()

    # Pages -----------------------------------------------------------------------------

    def page(self, key: str) -> Page:
        """The page for a key, built (and its module imported) on first use."""
        page = self.pages.get(key)
        if page is None:
            spec = next(s for s in self.specs if s.key == key)
            module = importlib.import_module(spec.module)
            page = getattr(module, spec.class_name)(self.context)
            page.setObjectName(f"page_{key}")
            page.navigate = self.show_page  # pages may link to each other
            page.show_filtered = self.show_filtered
            holder = self.placeholders[key]
            index = self.stack.indexOf(holder)
            self.stack.insertWidget(index, page)
            self.stack.removeWidget(holder)
            holder.deleteLater()
            self.pages[key] = page
            page.restore_state(self.context.settings)
            if not worker.start_up_frozen():
                page.loaded.connect(worker.keep_start_up_out_of_collections)
        return page

    def show_page(self, key: str, **criteria: Any) -> Page:
        page = self.page(key)
        row = next(n for n, s in enumerate(self.specs) if s.key == key)
        if self.navigation.currentRow() != row:
            self.navigation.blockSignals(True)
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.stack.setCurrentWidget(page)
        page.ensure_fresh()
        if criteria:
            page.apply_filter(**criteria)
        return page

    def show_filtered(self, key: str, filter: Mapping[str, Any], name: str) -> Page:
        """Open a page on a filtered list (a dashboard card's), the filter named in the page's chip."""
        page = self.show_page(key, **filter)
        page.show_filter_name(name)
        return page

    def current_page(self) -> Page | None:
        widget = self.stack.currentWidget()
        return widget if isinstance(widget, Page) else None

    def current_key(self) -> str | None:
        item = self.navigation.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None

    def _show_row(self, row: int) -> None:
        if not self.context.has_database:
            return  # the row stays chosen: its page is shown when the register arrives
        if 0 <= row < len(self.specs):
            QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                self.show_page(self.specs[row].key)
            finally:
                QApplication.restoreOverrideCursor()

    # Menus and shortcuts ---------------------------------------------------------------

    def _action(self, text: str, slot, shortcut: QKeySequence | str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        file_menu.addAction(self._action(self.tr("&New database…"), self.new_database))
        file_menu.addAction(
            self._action(self.tr("&Open database…"), self.open_database, QKeySequence.StandardKey.Open)
        )
        self.connect_action = self._action(self.tr("&Connect to server…"), self.connect_to_server)
        file_menu.addAction(self.connect_action)
        self.recent_menu = file_menu.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        self.import_action = self._action(self.tr("&Import from Excel…"), self.import_from_excel)
        file_menu.addAction(self.import_action)
        file_menu.addAction(
            self._action(self.tr("&Export quarter to Excel…"), lambda _=False: self.show_page("reports"))
        )
        file_menu.addSeparator()
        file_menu.addAction(self._action(self.tr("&Backup now"), self.backup_now))
        file_menu.addAction(self._action(self.tr("Restore from bac&kup…"), self.restore_from_backup))
        self.check_action = self._action(self.tr("C&heck register"), self.check_register)
        file_menu.addAction(self.check_action)
        self.encrypt_action = self._action(self.tr("&Encrypt register…"), self.encrypt_register)
        file_menu.addAction(self.encrypt_action)
        file_menu.addSeparator()
        self.quit_action = self._action(self.tr("&Quit"), self.close, QKeySequence.StandardKey.Quit)
        file_menu.addAction(self.quit_action)

        edit_menu = self.menuBar().addMenu(self.tr("&Edit"))
        self.new_action = self._action(self.tr("&New risk"), self.new_item, QKeySequence.StandardKey.New)
        edit_menu.addAction(self.new_action)
        edit_menu.addAction(self._action(self.tr("&Find"), self.focus_search, QKeySequence.StandardKey.Find))
        self.archive_action = self._action(
            self.tr("&Archive selected"), self.archive_selected, QKeySequence.StandardKey.Delete
        )
        edit_menu.addAction(self.archive_action)

        view_menu = self.menuBar().addMenu(self.tr("&View"))
        view_menu.addAction(
            self._action(self.tr("&Refresh"), self.refresh_all, QKeySequence.StandardKey.Refresh)
        )
        view_menu.addSeparator()
        for number, spec in enumerate(self.specs):
            shortcut = f"Ctrl+{number + 1}" if number < 9 else None
            view_menu.addAction(
                self._action(spec.title(), lambda _=False, k=spec.key: self.show_page(k), shortcut)
            )

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        help_menu.addAction(self._action(self.tr("&About OpsDesk"), self.about))

    def new_item(self) -> None:
        if not self.context.can_edit:
            return
        page = self.current_page()
        if page is None or not page.new_item():
            self.show_page("risks").new_item()

    def focus_search(self) -> None:
        page = self.current_page()
        if page is not None:
            page.focus_search()

    def archive_selected(self) -> None:
        if not self.context.can_edit:
            return
        page = self.current_page()
        if page is not None:
            page.archive_selected()

    def refresh_all(self) -> None:
        self.context.dataChanged.emit(EVERYTHING)

    def about(self) -> None:
        messages.show_info(
            self,
            self.tr("About OpsDesk"),
            self.tr("OpsDesk {version}\nThe risk and quality register.\n\nDatabase: {db}").format(
                version=__version__, db=self.context.database.display_name
            ),
        )

    # Databases -------------------------------------------------------------------------

    def new_database(self) -> None:
        from opsdesk.ui.dialogs.file_choice import documents_folder

        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("New database"),
            str(documents_folder() / "register.db"),
            self.tr("OpsDesk database (*.db)"),
        )
        if path:
            if Path(path).exists():
                messages.show_error(
                    self,
                    self.tr("New database"),
                    self.tr("{path} already exists; open it instead.").format(path=path),
                )
                return
            self._create_database(path)

    def _create_database(self, path: str) -> None:
        """A new register file, encrypted with a password if the user wants it so."""
        from opsdesk.store.credentials import save_password
        from opsdesk.store.database import database_url
        from opsdesk.ui.dialogs.register_password import NewPasswordDialog

        if not messages.confirm(
            self,
            self.tr("New database"),
            self.tr("Encrypt the new register with a password?\nThen only someone who knows the password can read "
                    "the file and its backups; a lost password cannot be recovered."),
            self.tr("Encrypt"),
        ):  # fmt: skip
            self.switch_database(path)
            return
        typed = NewPasswordDialog.ask(self, path)
        if typed is not None and self.switch_database(path, password=typed.password) and typed.remember:
            self._keep_password(save_password(database_url(path), typed.password))

    def open_database(self) -> None:
        from opsdesk.ui.dialogs.file_choice import documents_folder

        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Open database"),
            str(documents_folder()),
            self.tr("OpsDesk database (*.db);;All files (*)"),
        )
        if path:
            self.switch_database(path)

    def connect_to_server(self) -> bool:
        """File > Connect to server…: sign in to a register on PostgreSQL; True when it opened."""
        from opsdesk.ui.dialogs.connect import ConnectDialog, ServerLogin

        current = self.context.database
        initial = ServerLogin.from_url(current.url) if current.is_server else None
        encryption = current.encryption if current.is_server else None
        return (
            ConnectDialog.ask(self, self._open_server, initial, connected_encryption=encryption) is not None
        )

    def _open_server(self, login) -> str | None:
        """The connect dialog's attempt: open the register, or say why not (the dialog stays open)."""
        from opsdesk.store.credentials import save_password
        from opsdesk.ui.app import open_for_gui

        try:
            # No password dialog over the connect dialog: a refusal is shown in it, fields kept.
            database = open_for_gui(
                login.url, password=login.password or None, parent=self, ask_password=False
            )
        except PasswordRequiredError as exc:
            if exc.wrong:
                return self.tr("The server refused the password of {user}. Check it and try again.").format(
                    user=login.user
                )
            return self.tr("The server asks for the password of {user}.").format(user=login.user)
        except OpsDeskError as exc:
            return str(exc)
        self._use_database(database)
        if login.remember and login.password:
            if save_password(database.url, login.password):
                self.statusBar().showMessage(self.tr("The password is kept in the system keyring."), 8000)
            else:
                self.statusBar().showMessage(
                    self.tr("No system keyring could keep the password: OpsDesk will ask for it next time.")
                )
        return None

    def switch_database(self, path_or_url: str, password: str | None = None) -> bool:
        """Open another register in this window (a server's password is asked for when needed)."""
        from opsdesk.store.database import DamagedDatabaseError
        from opsdesk.ui.app import is_server_address, open_for_gui, recover_at_start

        # On a server the signed-in role is the user; a file keeps this window's user name.
        server = is_server_address(path_or_url) or self.context.database.is_server
        try:
            database = open_for_gui(
                path_or_url, user=None if server else self.context.user, password=password, parent=self
            )
        except DamagedDatabaseError as exc:
            recovered = recover_at_start(exc, self, at_start=False)
            if recovered is None:
                return False
            database = recovered
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot open the database"))
            return False
        self._use_database(database)
        return True

    def encrypt_register(self) -> bool:
        """File > Encrypt register…: a password for the open register file; its backups follow."""
        from opsdesk.services.backups import encrypt_register
        from opsdesk.store.credentials import save_password
        from opsdesk.ui.app import open_for_gui
        from opsdesk.ui.dialogs.register_password import NewPasswordDialog

        database = self.context.database
        title = self.tr("Encrypt register")
        if database.path is None or database.encrypted or database.read_only:
            why = self.tr("This register is open read-only ({reason}).").format(
                reason=database.read_only_reason
            )
            if database.path is None:
                why = self.tr(
                    "A server register is protected by the server (its logins and encrypted connections)."
                )
            elif database.encrypted:
                why = self.tr("This register is already encrypted.")
            messages.show_info(self, title, why)
            return False
        typed = NewPasswordDialog.ask(self, str(database.path), encrypting=True)
        if typed is None:
            return False
        try:
            result = encrypt_register(database, typed.password, keep_plain=typed.keep_plain)
            encrypted = open_for_gui(
                str(result.database), user=self.context.user, password=typed.password, parent=self
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, title)  # the register was left as it was
            return False
        self.context.set_database(encrypted)
        if typed.remember:
            self._keep_password(save_password(encrypted.url, typed.password))
        done = self.tr("The register is encrypted: it opens only with its password.")
        if result.plain_copy is not None:
            done += "\n" + self.tr("The unencrypted register is kept as {path}.").format(
                path=result.plain_copy
            )
        messages.show_info(self, title, done)
        return True

    def _keep_password(self, kept: bool) -> None:
        if kept:
            self.statusBar().showMessage(self.tr("The password is kept in the system keyring."), 8000)
        else:
            self.statusBar().showMessage(
                self.tr("No system keyring could keep the password: OpsDesk will ask for it next time.")
            )

    def _use_database(self, database) -> None:
        self.context.set_database(database)
        remember_recent(self.context.settings, database.display_name)
        self.take_automatic_backup()
        self.look_for_cut_back_history()

    # The audit trail ----------------------------------------------------------------------

    def look_for_cut_back_history(self) -> bool:
        """When a register opens: is the newest audit entry this computer saw still there?

        True when it is not and the user was told. The full check is File > Check register.
        """
        from sqlalchemy.exc import SQLAlchemyError

        from opsdesk.services.register_check import accept_audit_trail, compare_with_witness

        database = self.context.database
        failures = (OpsDeskError, SQLAlchemyError, OSError)  # never keep a register from opening
        try:
            problem = compare_with_witness(database)
        except failures as exc:
            log.info("cannot compare the audit trail with what this computer saw: %s", exc)
            return False
        if problem is None:
            return False
        log.warning("audit trail of %s cut back: %s", database.display_name, problem)
        accept = messages.warn_and_offer(
            self,
            self.tr("Audit trail shorter than before"),
            self.tr(
                "In {register}, {problem}.\n\nIf nobody restored this register from an older copy, history was "
                "removed outside OpsDesk: keep the register as it is and tell your administrator. Until you "
                "accept it, OpsDesk warns again and File > Check register reports it."
            ).format(register=database.display_name, problem=problem),
            self.tr("Accept this history"),
        )
        if accept:
            try:
                accept_audit_trail(database)
            except failures as exc:
                messages.show_error(self, self.tr("Audit trail shorter than before"), str(exc))
        return True

    def check_register(self) -> None:
        """File > Check register: the file, the schema and the whole audit trail, in the background."""
        from opsdesk.services.register_check import check_register
        from opsdesk.ui.worker import start_job

        database = self.context.database
        self.check_action.setEnabled(False)
        self.statusBar().showMessage(self.tr("Checking the register…"))

        def finished(result) -> None:
            self.check_action.setEnabled(True)
            self.statusBar().clearMessage()
            show = messages.show_info if result.ok else messages.show_error
            title = self.tr("Register checked") if result.ok else self.tr("Problems found")
            show(self, title, "\n".join(result.findings()))

        def failed(exc: Exception) -> None:
            self.check_action.setEnabled(True)
            self.statusBar().clearMessage()
            messages.show_error(self, self.tr("Check failed"), str(exc))

        self._check_job = start_job(
            lambda _progress: check_register(database), on_finished=finished, on_failed=failed
        )

    def take_automatic_backup(self):
        """The rotating copy taken once per app start when a register with data is opened.

        Taken on a worker after the window has painted; the status bar says where it went.
        Returns the job (None for a server register, which the server backs up).
        """
        from opsdesk.ui.worker import start_job

        database = self.context.database
        if database.path is None:
            return None

        def work(_progress):
            from opsdesk.services.backups import take_automatic_backup
            from opsdesk.services.settings import is_empty

            with database.session() as session:
                if is_empty(session=session):
                    return None
            return take_automatic_backup(database)

        def finished(target: Path | None) -> None:
            if target is not None and shiboken6.isValid(self):
                self.statusBar().showMessage(
                    self.tr("Automatic backup written to {path}").format(path=target), 8000
                )

        def failed(exc: Exception) -> None:
            if not isinstance(exc, OpsDeskError | OSError):
                log.error("automatic backup failed: %s", getattr(exc, "__traceback_text__", exc))
            if shiboken6.isValid(self):
                self.statusBar().showMessage(self.tr("Automatic backup failed: {error}").format(error=exc))

        self._backup_job = start_job(work, on_finished=finished, on_failed=failed)
        return self._backup_job

    def restore_from_backup(self) -> bool:
        """File > Restore from backup…: pick a backup, check it, keep the current register, replace, reopen."""
        from opsdesk.services.backups import restore_database
        from opsdesk.ui.app import open_for_gui
        from opsdesk.ui.dialogs.recovery import RestoreDialog

        database = self.context.database
        path = database.path
        if path is None:
            messages.show_info(
                self, self.tr("Restore"), self.tr("Server databases are restored by the server's tools.")
            )
            return False
        if database.read_only:
            messages.show_error(self, self.tr("Restore"), self.tr(
                "This register is open read-only ({reason}); it cannot be replaced from here."
            ).format(reason=database.read_only_reason))  # fmt: skip
            return False
        source = RestoreDialog.ask(self, path)
        if source is None:
            return False
        if not messages.confirm(
            self,
            self.tr("Restore from backup"),
            self.tr(
                "Replace the register {path} by {source}?\nThe current register is backed up first."
            ).format(path=path, source=source),
            self.tr("Restore"),
        ):
            return False
        database.dispose()  # no pooled connection of ours stays on the old pages
        try:
            result = restore_database(path, source, database.key)
            restored = open_for_gui(str(path), user=self.context.user, key=database.key, parent=self)
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot restore this file"))
            return False
        self.context.set_database(restored)
        kept = result.safety_backup or result.broken_copy
        messages.show_info(
            self,
            self.tr("Register restored"),
            self.tr(
                "The register was restored from {source}.\nThe register it replaced was kept as {kept}."
            ).format(source=result.source, kept=kept),
        )
        self.statusBar().showMessage(self.tr("Restored from {source}").format(source=result.source), 8000)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for path in recent_databases(self.context.settings):
            action = self.recent_menu.addAction(path)
            action.triggered.connect(lambda _=False, p=path: self.switch_database(p))
        if self.recent_menu.isEmpty():
            self.recent_menu.addAction(self.tr("(none)")).setEnabled(False)

    def import_from_excel(self) -> None:
        from opsdesk.ui.dialogs.import_wizard import ImportWizard

        ImportWizard.ask(self, self.context)

    def backup_now(self) -> None:
        from opsdesk.store.backup import backup_sqlite

        path = self.context.database.path
        if path is None:
            messages.show_info(
                self, self.tr("Backup"), self.tr("Server databases are backed up by the server.")
            )
            return
        try:
            target = backup_sqlite(path, key=self.context.database.key)
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Backup failed"))
            return
        self.statusBar().showMessage(self.tr("Backup written to {path}").format(path=target), 8000)

    def _database_changed(self) -> None:
        if self.opening_label is not None:  # the register the window started with
            self._register_arrived()
            return
        self.setWindowTitle(f"OpsDesk — {self.context.database.display_name}")
        self._update_read_only_banner()
        self._update_location_banner()
        self._apply_access()
        self.poll_changes()  # what the new register holds now is what this window shows
        self._schedule_status_update()

    def _apply_access(self) -> None:
        """The window's own write commands follow the signed-in role (the pages guard theirs)."""
        can_edit = self.context.can_edit
        for action in (self.new_action, self.archive_action, self.import_action):
            action.setEnabled(can_edit)

    # Changes saved by others -----------------------------------------------------------

    def poll_changes(self) -> bool:
        """Look on the worker for changes someone else saved since this window last looked.

        True when a look started; `polled(reloaded)` reports its outcome. Only the pages
        showing the tables that changed reload (their topics). Waits while a dialog is open
        over the window, so nothing under an editor moves while the user types, and while the
        previous look has not answered (a server out of reach answers after its connect
        timeout, on the worker: the window never waits for it). While the register cannot be
        read it says so, and reloads every page once the register answers again.
        """
        database = self.context.database
        if any(looked is database for _job, looked in self._looks.values()):
            return False
        if self.context.seen_change is not None and QApplication.activeModalWidget() is not None:
            return False
        from opsdesk.services.team import changes_since, latest_change
        from opsdesk.ui.worker import start_job

        seen = self.context.seen_change

        def look(_progress) -> tuple[int, dict[str, int]]:
            with database.session() as session:
                latest = latest_change(session=session)
                changed = (
                    changes_since(session=session, after=seen) if seen is not None and latest > seen else {}
                )
            return latest, changed

        key = id(look)
        job = start_job(
            look,
            on_finished=lambda result: self._changes_looked_at(key, database, seen, *result),
            on_failed=lambda exc: self._changes_not_looked_at(key, database, exc),
        )
        self._looks[key] = (job, database)
        return True

    def _changes_looked_at(
        self, key: int, database, seen: int | None, latest: int, changed: dict[str, int]
    ) -> None:
        self._looks.pop(key, None)
        if not shiboken6.isValid(self.unreachable_banner):  # the window closed meanwhile
            return
        if database is not self.context.database:  # another register was opened meanwhile
            self.polled.emit(False)
            return
        current = self.context.seen_change
        if current is not None and seen is not None and current > seen:
            # This window saved meanwhile (its own change is seen): only what is newer than that counts.
            changed = {table: newest for table, newest in changed.items() if newest > current}
        self.context.seen_change = max(latest, current or 0)
        if self.unreachable_since is not None:
            self.unreachable_since = None
            self.unreachable_banner.hide()
            self.context.dataChanged.emit(EVERYTHING)
            self.statusBar().showMessage(
                self.tr("The register answers again; every page was reloaded."), 8000
            )
            self.polled.emit(True)
            return
        if seen is None or not changed:
            self.polled.emit(False)
            return
        for topic in change_topics(changed):
            self.context.dataChanged.emit(topic)
        self.statusBar().showMessage(self.tr("Updated with changes saved by others"), 8000)
        self.polled.emit(True)

    def _changes_not_looked_at(self, key: int, database, exc: Exception) -> None:
        from sqlalchemy.exc import SQLAlchemyError

        self._looks.pop(key, None)
        if not shiboken6.isValid(self.unreachable_banner):  # the window closed meanwhile
            return
        if database is self.context.database:
            if not isinstance(exc, OpsDeskError | SQLAlchemyError):
                self.polled.emit(False)
                raise exc
            log.info("cannot look for changes by others: %s", exc)
            self._show_unreachable(str(exc))
        self.polled.emit(False)

    def _show_unreachable(self, problem: str) -> None:
        """The register cannot be read now: a band says so until it answers again."""
        if self.unreachable_since is None:
            self.unreachable_since = datetime.now()
            log.warning("register out of reach: %s", problem)
        self.unreachable_banner.setText(
            self.tr(
                "The register cannot be reached since {time}: what you see may be out of date, and nothing can "
                "be saved until it is back. OpsDesk keeps trying."
            ).format(time=f"{self.unreachable_since:%H:%M}")
        )
        self.unreachable_banner.setToolTip(problem)
        self.unreachable_banner.show()

    def _update_read_only_banner(self) -> None:
        database = self.context.database
        self.read_only_banner.setText(
            self.tr(
                "This register is read-only: {reason}. You can look at everything, but nothing can be saved."
            ).format(reason=database.read_only_reason or self.tr("opened read-only"))
        )
        self.read_only_banner.setVisible(database.read_only)

    def _update_location_banner(self) -> None:
        database = self.context.database
        lines = []
        if database.network_location is not None:
            lines.append(self.tr(
                "This register is on a network drive ({where}). It is open without write-ahead logging: never open "
                "it from two computers at once, and move it to this computer or to a server register soon."
            ).format(where=database.network_location))  # fmt: skip
        if database.cloud_service is not None:
            lines.append(self.tr(
                "This register is in a folder that {service} synchronises, which can upload a half-written file or "
                "bring back an older copy. Keep the register in a folder that is not synchronised."
            ).format(service=database.cloud_service))  # fmt: skip
        self.location_banner.setText("\n".join(lines))
        self.location_banner.setVisible(bool(lines))

    # Status bar ------------------------------------------------------------------------

    def _build_status_bar(self) -> None:
        self.database_label = QLabel()
        self.user_label = QLabel()
        self.counts_label = QLabel()
        bar = self.statusBar()
        bar.addWidget(self.database_label, 1)
        bar.addPermanentWidget(self.counts_label)
        bar.addPermanentWidget(self.user_label)
        self._counts_serial = 0
        self._counts_jobs: dict[int, Any] = {}
        self._status_timer = QTimer(self, singleShot=True, interval=0)
        self._status_timer.timeout.connect(self.update_status)

    def _schedule_status_update(self, *_args: object) -> None:
        self._status_timer.start()

    def update_status(self) -> None:
        from opsdesk.services.alerts import count_open_alerts
        from opsdesk.services.risks import count_active

        if not self.context.has_database:
            return
        self.database_label.setText(self.context.database.display_name)
        database = self.context.database
        if database.is_server:
            self.user_label.setText(
                self.tr("User: {user} · {role}").format(user=self.context.user, role=access_label(self.context.access))
                + " · " + (self.tr("encrypted ({tls})").format(tls=database.encryption) if database.encryption
                           else self.tr("not encrypted"))
            )  # fmt: skip
        else:
            self.user_label.setText(self.tr("User: {user}").format(user=self.context.user))
        # The figures of domain.figures, as the dashboard shows them: unassessed risks are active too.
        # Counted on the worker: at 20,000 risks they take a quarter of a second.
        from opsdesk.ui.worker import start_job

        context, today = self.context, self.today()
        self._counts_serial += 1
        serial = self._counts_serial

        def count(_progress) -> tuple[int, int]:
            return context.call(count_active, today=today), context.call(count_open_alerts, today=today)

        self._counts_jobs[serial] = start_job(
            count,
            on_finished=lambda counts: self._show_counts(serial, *counts),
            on_failed=lambda exc: self._counts_failed(serial, exc),
        )

    def _show_counts(self, serial: int, risks: int, alerts: int) -> None:
        self._counts_jobs.pop(serial, None)
        if serial == self._counts_serial and shiboken6.isValid(self.counts_label):
            self.counts_label.setText(
                self.tr("{risks} active risks · {alerts} open alerts").format(risks=risks, alerts=alerts)
            )

    def _counts_failed(self, serial: int, exc: Exception) -> None:
        self._counts_jobs.pop(serial, None)
        if serial != self._counts_serial or not shiboken6.isValid(self.unreachable_banner):
            return
        if not isinstance(exc, DatabaseError):
            raise exc
        self._show_unreachable(str(exc))  # the counts wait until the register answers again

    # Window state ----------------------------------------------------------------------

    def _restore_window_state(self) -> None:
        settings = self.context.settings
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        last = settings.value("window/page", "dashboard")
        keys = [spec.key for spec in self.specs]
        self.navigation.blockSignals(True)  # the page is built when the register is there
        self.navigation.setCurrentRow(keys.index(last) if last in keys else 0)
        self.navigation.blockSignals(False)

    def save_window_state(self) -> None:
        settings = self.context.settings
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        if self.current_key():
            settings.setValue("window/page", self.current_key())
        for page in self.pages.values():
            page.save_state(settings)
        settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_window_state()
        self.change_timer.stop()  # a closed window no longer looks for others' changes
        from opsdesk.ui.single_instance import release_register

        if self.context.has_database:
            release_register(self.context.database)
        super().closeEvent(event)


def recent_databases(settings) -> list[str]:
    value = settings.value("recent/databases", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or []]


def access_label(access: Access) -> str:
    return {
        Access.VIEWER: translate("MainWindow", "viewer"),
        Access.EDITOR: translate("MainWindow", "editor"),
        Access.ADMIN: translate("MainWindow", "administrator"),
    }[access]


def remember_recent(settings, path: str) -> None:
    """Put a register first in File > Open recent; a server's address is kept without its password."""
    if "://" in path:
        from opsdesk.store.database import without_password

        path = without_password(path)[0]
    paths = [p for p in recent_databases(settings) if p != path]
    settings.setValue("recent/databases", [path, *paths][:MAX_RECENT])

"""The Reports page: the quarterly Excel report, and the doors to the Excel import.

The export runs on a worker thread with the Database itself as its session source, so
the worker opens its own sessions; progress comes back through the job's signal and only
the GUI thread touches a widget.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.periods import Quarter, parse_quarter, quarter_of
from opsdesk.reports.excel_export import ExportSummary, export_quarter, iter_parts
from opsdesk.reports.excel_text import use_language
from opsdesk.reports.management_pack import PackSummary, write_management_pack
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.ui import messages
from opsdesk.ui.context import SETTINGS, AppContext
from opsdesk.ui.dialogs.file_choice import (
    ask_save_path,
    documents_folder,
    save_import_template,
    typed_path,
    with_xlsx_suffix,
)
from opsdesk.ui.i18n import current_language
from opsdesk.ui.pages.base import Page
from opsdesk.ui.widgets.text import set_role, text_label
from opsdesk.ui.worker import Job, start_job

translate = QCoreApplication.translate

QUARTERS_LISTED = 8
ALWAYS_INCLUDED = ("summary", "register")
LINK_STYLE = "color: #0277BD;"
SUGGESTED_NAME = re.compile(r"OpsDesk \d{4}-Q[1-4]\.xlsx")

STYLE = """
QLabel[role="cardTitle"] { color: #263238; font-weight: 600; font-size: 11pt; }
QPushButton[role="link"] { border: none; background: transparent; padding: 0px; color: #0277BD; text-align: left; }
QPushButton[role="link"]:hover, QPushButton[role="link"]:focus { text-decoration: underline; }
QLabel[role="success"] { color: #2E7D32; }
"""


def open_url(url: QUrl) -> bool:
    """Open a file or folder with the desktop's program for it; tests replace it on the page."""
    return QDesktopServices.openUrl(url)


def default_report_name(quarter: str) -> str:
    return f"OpsDesk {quarter}.xlsx"


def default_pack_name(quarter: str) -> str:
    return f"OpsDesk {quarter} management pack.pdf"


def recent_quarters(today: date, start_month: int, count: int = QUARTERS_LISTED) -> list[Quarter]:
    """The quarter in progress and the ones before it, newest first."""
    quarters = [quarter_of(today, start_month)]
    while len(quarters) < count:
        quarters.append(quarters[-1].previous())
    return quarters


def export_problem_text(error: Exception, path: Path) -> str:
    """A sentence for a failed export: what went wrong with which file."""
    if isinstance(error, IsADirectoryError):
        return translate("ReportsPage", "{path} is a folder: choose a file name ending in .xlsx.").format(
            path=path
        )
    if isinstance(error, PermissionError):
        return translate(
            "ReportsPage", "OpsDesk may not write {path}. Is it open in Excel, or is the folder read-only?"
        ).format(path=path)
    if isinstance(error, OSError):
        reason = error.strerror or str(error)
        return translate("ReportsPage", "Could not write {path}: {reason}.").format(path=path, reason=reason)
    return translate("ReportsPage", "The export stopped: {error}").format(error=error)


def _ask_reason(parent: QWidget, quarter: str) -> str | None:
    """The reason for reopening a quarter, None when the user cancels."""
    from PySide6.QtWidgets import QInputDialog

    reason, ok = QInputDialog.getText(
        parent, translate("ReportsPage", "Reopen {quarter}").format(quarter=quarter),
        translate("ReportsPage", "Why is {quarter} reopened? The reason is kept in the audit trail.").format(
            quarter=quarter),
    )  # fmt: skip
    return reason if ok else None


def _card(title: str) -> tuple[QFrame, QVBoxLayout]:
    card = QFrame()
    card.setProperty("role", "card")
    layout = QVBoxLayout(card)
    layout.setContentsMargins(16, 12, 16, 14)
    layout.setSpacing(8)
    heading = QLabel(title)
    heading.setProperty("role", "cardTitle")
    layout.addWidget(heading)
    return card, layout


class ReportsPage(Page):
    """Export a fiscal quarter to Excel with progress; start an import of risks, readings or measurements."""

    topics = (SETTINGS,)

    def __init__(
        self, context: AppContext, parent: QWidget | None = None, *, today: date | None = None
    ) -> None:
        super().__init__(context, parent)
        self.setStyleSheet(STYLE)
        self.today = today
        self.ask_save_path: Callable[[QWidget | None, str, str, str], str] = ask_save_path
        self.open_url: Callable[[QUrl], bool] = open_url
        self.job: Job | None = None
        self.last_summary: ExportSummary | PackSummary | None = None
        self._start_month = 1
        self._exporting_to: Path | None = None

        title = QLabel(self.tr("Reports"))
        title.setProperty("role", "pageTitle")
        cards = QHBoxLayout()
        cards.setSpacing(14)
        cards.addWidget(self._build_export_card(), 3, Qt.AlignmentFlag.AlignTop)
        cards.addWidget(self._build_import_card(), 2, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(cards)
        layout.addWidget(self._build_quarters_card())
        layout.addStretch(1)

        self.quarter_combo.editTextChanged.connect(self._quarter_changed)
        self.path_edit.textChanged.connect(self._update_export_button)
        self.protect_check.toggled.connect(self._protect_toggled)
        self.password_edit.textChanged.connect(self._update_export_button)
        self.password_confirm_edit.textChanged.connect(self._update_export_button)
        self.choose_button.clicked.connect(self.choose_output)
        self.export_button.clicked.connect(self.export)
        self.pack_button.clicked.connect(self.export_pack)
        self.result_label.linkActivated.connect(self._open_link)
        self.template_button.clicked.connect(self.save_template_copy)
        for kind, button in self.import_buttons.items():
            button.clicked.connect(lambda _=False, k=kind: self.start_import(k))
        self._start_month = context.call(get_fiscal_start_month)
        self._fill_quarters()
        self.refresh_quarters()
        self.path_edit.setText(str(documents_folder() / default_report_name(self.quarter_text())))

    # Building --------------------------------------------------------------------------

    def _build_export_card(self) -> QFrame:
        card, layout = _card(self.tr("Quarterly report in Excel"))
        layout.addWidget(text_label(self.tr(
            "One workbook for a fiscal quarter, to send to management: a summary with the heatmap, the risk "
            "register, the methodology, and the lists you choose below."
        ), "muted"))  # fmt: skip

        self.quarter_combo = QComboBox()
        self.quarter_combo.setEditable(True)
        self.quarter_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.quarter_combo.setMinimumContentsLength(10)
        self.quarter_combo.setToolTip(self.tr("Choose a quarter or type one, such as 2026-Q3"))
        self.quarter_combo.lineEdit().setPlaceholderText("2026-Q3")
        self.quarter_hint = text_label("", "muted", wrap=False)
        quarter_row = QHBoxLayout()
        quarter_row.addWidget(self.quarter_combo)
        quarter_row.addWidget(self.quarter_hint, 1)

        self.part_checks: dict[str, QCheckBox] = {}
        parts = QGridLayout()
        parts.setHorizontalSpacing(18)
        parts.setVerticalSpacing(4)
        with use_language(current_language()):  # the sheet names as the workbook will show them
            part_names = list(iter_parts())
        for number, (part, sheet) in enumerate(part_names):
            check = QCheckBox(sheet)
            check.setChecked(True)
            if part in ALWAYS_INCLUDED:
                check.setEnabled(False)
                check.setToolTip(self.tr("Always included"))
            self.part_checks[part] = check
            parts.addWidget(check, number // 3, number % 3)

        self.path_edit = QLineEdit()
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.setPlaceholderText(self.tr("Where to save the workbook (.xlsx)"))
        self.choose_button = QPushButton(self.tr("Choose…"))
        self.choose_button.setToolTip(self.tr("Choose the folder and the name of the workbook"))
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        self.open_check = QCheckBox(self.tr("Open the file when done"))
        self.open_check.setChecked(True)
        self.protect_check = QCheckBox(self.tr("Protect with a password"))
        self.protect_check.setToolTip(
            self.tr("Excel and LibreOffice ask for this password to open the workbook")
        )
        self.password_edit = QLineEdit()
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("Password"))
        self.password_confirm_edit = QLineEdit()
        self.password_confirm_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_confirm_edit.setPlaceholderText(self.tr("The same password again"))
        password_row = QHBoxLayout()
        password_row.addWidget(self.password_edit, 1)
        password_row.addWidget(self.password_confirm_edit, 1)
        self.password_edit.hide()  # shown while "Protect with a password" is checked
        self.password_confirm_edit.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        quarter_label = QLabel(self.tr("&Quarter:"))
        quarter_label.setBuddy(self.quarter_combo)
        path_label = QLabel(self.tr("&Save as:"))
        path_label.setBuddy(self.path_edit)
        form.addRow(quarter_label, quarter_row)
        form.addRow(self.tr("Include:"), parts)
        form.addRow(path_label, path_row)
        form.addRow("", self.open_check)
        form.addRow("", self.protect_check)
        form.addRow("", password_row)
        layout.addLayout(form)

        self.export_button = QPushButton(self.tr("&Export"))
        self.export_button.setDefault(True)
        self.export_button.setMinimumWidth(110)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setValue(0)
        self.progress_bar.setTextVisible(True)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        policy.setRetainSizeWhenHidden(True)
        self.progress_bar.setSizePolicy(policy)
        self.progress_bar.hide()  # shown from the first export on
        # The same quarter, language and password as the workbook, as a PDF for the management meeting.
        self.pack_button = QPushButton(self.tr("Management pack (PDF)…"))
        self.pack_button.setToolTip(self.tr(
            "A PDF for the quarter's management meeting: summary, heatmaps, top risks, KRI breaches, control "
            "charts, Pareto, suggestions"
        ))  # fmt: skip
        action_row = QHBoxLayout()
        action_row.addWidget(self.export_button)
        action_row.addWidget(self.pack_button)
        action_row.addWidget(self.progress_bar, 1)
        layout.addLayout(action_row)
        self.status_label = text_label("", "muted")
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.result_label.setOpenExternalLinks(False)
        self.result_label.hide()
        layout.addWidget(self.status_label)
        layout.addWidget(self.result_label)
        return card

    def _build_import_card(self) -> QFrame:
        card, layout = _card(self.tr("Import from Excel"))
        layout.addWidget(text_label(self.tr(
            "Bring in the workbooks you already keep. You match the columns to OpsDesk's fields and see every "
            "row checked first; nothing is written unless every row is valid."
        ), "muted"))  # fmt: skip
        self.import_buttons = {
            "risks": QPushButton(self.tr("Import &risks…")),
            "readings": QPushButton(self.tr("Import &KRI readings…")),
            "measurements": QPushButton(self.tr("Import &measurements…")),
        }
        tips = {
            "risks": self.tr("A risk register: new rows create risks, rows with an OpsDesk code update them"),
            "readings": self.tr("Indicator readings: one row per KRI, date and value"),
            "measurements": self.tr("Quality objective measurements: one row per objective and period"),
        }
        for kind, button in self.import_buttons.items():
            button.setToolTip(tips[kind])
            button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            layout.addWidget(button)
        self.guard_writes(*self.import_buttons.values())
        self.template_button = QPushButton(self.tr("Save a copy of the import template…"))
        self.template_button.setProperty("role", "link")
        self.template_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.template_button.setToolTip(self.tr("A blank workbook with OpsDesk's columns and instructions"))
        layout.addSpacing(4)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.template_status = text_label("", "muted")
        self.template_status.hide()
        layout.addWidget(self.template_status)
        return card

    # Page ------------------------------------------------------------------------------

    def refresh(self) -> None:
        start_month = self.context.call(get_fiscal_start_month)
        if start_month != self._start_month:
            self._start_month = start_month
            self._fill_quarters()
        self.refresh_quarters()

    # Closed quarters -------------------------------------------------------------------

    def _build_quarters_card(self) -> QFrame:
        card, layout = _card(self.tr("Quarters"))
        layout.addWidget(text_label(self.tr(
            "Closing a quarter keeps its report as it stands: exporting it again gives the same figures and rows, "
            "with the audit trail's entry it was closed at. Reopening needs a reason."
        ), "muted"))  # fmt: skip
        self.quarters_table = QTableWidget(0, 4)
        self.quarters_table.setHorizontalHeaderLabels(
            [self.tr("Quarter"), self.tr("Period"), self.tr("State"), self.tr("Closed / reopened")]
        )
        self.quarters_table.verticalHeader().hide()
        self.quarters_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.quarters_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.quarters_table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.quarters_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.quarters_table.setMinimumHeight(150)
        self.quarters_table.itemSelectionChanged.connect(self._update_quarter_buttons)
        self.close_quarter_button = QPushButton(self.tr("&Close quarter"))
        self.close_quarter_button.setToolTip(
            self.tr("Keep the selected quarter's report as it stands (administrators)")
        )
        self.reopen_quarter_button = QPushButton(self.tr("&Reopen…"))
        self.reopen_quarter_button.setToolTip(
            self.tr("Reopen the selected closed quarter, giving the reason")
        )
        self.close_quarter_button.clicked.connect(self.close_selected_quarter)
        self.reopen_quarter_button.clicked.connect(self.reopen_selected_quarter)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_quarter_button)
        buttons.addWidget(self.reopen_quarter_button)
        buttons.addStretch(1)
        layout.addWidget(self.quarters_table)
        layout.addLayout(buttons)
        self.ask_reason: Callable[[QWidget, str], str | None] = _ask_reason
        self.quarter_states: list[Any] = []
        return card

    def refresh_quarters(self) -> None:
        from opsdesk.services.quarters import list_quarters

        states = self.context.call(list_quarters, today=self.today or date.today(), count=QUARTERS_LISTED)
        self.quarter_states = states
        names = {"open": self.tr("Open"), "closed": self.tr("Closed"), "reopened": self.tr("Reopened")}
        selected = self.selected_quarter()
        self.quarters_table.setRowCount(len(states))
        for row, state in enumerate(states):
            detail = ""
            if state.state == "closed" and state.closed_at is not None:
                detail = self.tr("{day} by {user}; history up to entry #{entry}").format(
                    day=f"{state.closed_at:%Y-%m-%d}", user=state.closed_by, entry=state.anchor_entry
                )
            elif state.state == "reopened" and state.reopened_at is not None:
                detail = self.tr("{day} by {user}: {reason}").format(
                    day=f"{state.reopened_at:%Y-%m-%d}", user=state.reopened_by, reason=state.reopen_reason
                )
            cells = (state.quarter, f"{state.first_day.isoformat()} – {state.last_day.isoformat()}",
                     names.get(state.state, state.state), detail)  # fmt: skip
            for column, value in enumerate(cells):
                self.quarters_table.setItem(row, column, QTableWidgetItem(value))
            if state.quarter == selected:
                self.quarters_table.selectRow(row)
        for column in range(3):
            self.quarters_table.resizeColumnToContents(column)
        self._update_quarter_buttons()

    def selected_quarter(self) -> str | None:
        rows = (
            self.quarters_table.selectionModel().selectedRows()
            if self.quarters_table.selectionModel()
            else []
        )
        if not rows or rows[0].row() >= len(self.quarter_states):
            return None
        return self.quarter_states[rows[0].row()].quarter

    def _selected_state(self) -> Any:
        quarter = self.selected_quarter()
        return next((state for state in self.quarter_states if state.quarter == quarter), None)

    def _update_quarter_buttons(self) -> None:
        state = self._selected_state()
        today = self.today or date.today()
        ended = state is not None and state.last_day < today
        self.close_quarter_button.setEnabled(
            self.context.can_administer and ended and state is not None and state.state != "closed"
        )
        self.reopen_quarter_button.setEnabled(
            self.context.can_administer and state is not None and state.is_closed
        )

    def close_selected_quarter(self) -> None:
        from opsdesk.reports.excel_export import close_quarter

        state = self._selected_state()
        if state is None:
            return
        user = self.context.user

        def close(*, session: Any, quarter: str) -> Any:
            return close_quarter(session, quarter, today=self.today or date.today(), user=user)

        try:
            self.context.write(close, topics=(SETTINGS,), quarter=state.quarter)
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot close the quarter"))
        self.refresh_quarters()

    def reopen_selected_quarter(self) -> None:
        from opsdesk.services.quarters import reopen_quarter

        state = self._selected_state()
        if state is None:
            return
        reason = self.ask_reason(self, state.quarter)
        if reason is None:
            return
        try:
            self.context.write(reopen_quarter, topics=(SETTINGS,), quarter=state.quarter, reason=reason)
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot reopen the quarter"))
        self.refresh_quarters()

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("reports/open_when_done", self.open_check.isChecked())
        settings.setValue(
            "reports/left_out", [part for part, check in self.part_checks.items() if not check.isChecked()]
        )
        folder = self.output_path().parent if self.path_edit.text().strip() else None
        if folder is not None:
            settings.setValue("reports/folder", str(folder))

    def restore_state(self, settings: QSettings) -> None:
        self.open_check.setChecked(str(settings.value("reports/open_when_done", "true")).lower() == "true")
        left_out = settings.value("reports/left_out", [])
        left_out = [left_out] if isinstance(left_out, str) else list(left_out or [])
        for part, check in self.part_checks.items():
            check.setChecked(part in ALWAYS_INCLUDED or part not in left_out)
        folder = settings.value("reports/folder")
        if folder and Path(str(folder)).is_dir():
            self.path_edit.setText(str(Path(str(folder)) / default_report_name(self.quarter_text())))

    # Quarter ---------------------------------------------------------------------------

    def _fill_quarters(self) -> None:
        typed = self.quarter_combo.currentText().strip()
        quarters = recent_quarters(self.today or date.today(), self._start_month)
        self.quarter_combo.blockSignals(True)
        self.quarter_combo.clear()
        for quarter in quarters:
            self.quarter_combo.addItem(quarter.label)
        # The last completed quarter is the one a quarterly report is about.
        self.quarter_combo.setCurrentIndex(1)
        if typed and self.quarter_combo.findText(typed) < 0 and self._parse(typed) is not None:
            self.quarter_combo.setEditText(typed)
        self.quarter_combo.blockSignals(False)
        self._quarter_changed(self.quarter_combo.currentText())

    def _parse(self, text: str) -> Quarter | None:
        try:
            return parse_quarter(text, self._start_month)
        except ValidationError:
            return None

    def quarter_text(self) -> str:
        quarter = self._parse(self.quarter_combo.currentText())
        return quarter.label if quarter else ""

    def set_quarter(self, text: str) -> None:
        """Choose a quarter as if typed ("2026-Q3" or "2026Q3")."""
        index = self.quarter_combo.findText(text.strip())
        if index >= 0:
            self.quarter_combo.setCurrentIndex(index)
        self.quarter_combo.setEditText(text)

    def _quarter_changed(self, text: str) -> None:
        quarter = self._parse(text)
        if quarter is None:
            self.quarter_hint.setText(self.tr("Type a quarter such as 2026-Q3 (quarters 1 to 4)."))
            set_role(self.quarter_hint, "error")
        else:
            today = self.today or date.today()
            hint = self.tr("{first} to {last}").format(
                first=quarter.first_day.isoformat(), last=quarter.last_day.isoformat()
            )
            if quarter.contains(today):
                hint = self.tr("{range} (in progress)").format(range=hint)
            elif quarter.first_day > today:
                hint = self.tr("{range} (not started)").format(range=hint)
            self.quarter_hint.setText(hint)
            set_role(self.quarter_hint, "muted")
            self._follow_quarter_in_file_name(quarter.label)
        self._update_export_button()

    def _follow_quarter_in_file_name(self, label: str) -> None:
        # A name OpsDesk suggested follows the quarter; a name the user typed stays.
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text)
        if SUGGESTED_NAME.fullmatch(path.name):
            self.path_edit.setText(str(path.with_name(default_report_name(label))))

    # Export ----------------------------------------------------------------------------

    def output_path(self) -> Path:
        return typed_path(self.path_edit.text())

    def included_parts(self) -> list[str]:
        return [part for part, check in self.part_checks.items() if check.isChecked()]

    def export_blocker(self) -> str:
        """Why Export is disabled ("" when it is enabled)."""
        if self.job is not None:
            return self.tr("An export is running.")
        if self._parse(self.quarter_combo.currentText()) is None:
            return self.tr("Choose a quarter.")
        if not self.path_edit.text().strip():
            return self.tr("Choose where to save the workbook.")
        if self.protect_check.isChecked():
            if not self.password_edit.text():
                return OpsDeskError("workbook.password_empty").message(current_language())
            if self.password_edit.text() != self.password_confirm_edit.text():
                return OpsDeskError("workbook.passwords_differ").message(current_language())
        return ""

    def pack_blocker(self) -> str:
        """Why "Management pack (PDF)" is disabled ("" when it is enabled): as Export, without the file name."""
        blocker = self.export_blocker()
        return "" if blocker == self.tr("Choose where to save the workbook.") else blocker

    def _protect_toggled(self, checked: bool) -> None:
        self.password_edit.setVisible(checked)
        self.password_confirm_edit.setVisible(checked)
        if checked:
            self.password_edit.setFocus()
        self._update_export_button()

    def _update_export_button(self, *_args: object) -> None:
        blocker = self.export_blocker()
        self.export_button.setEnabled(not blocker)
        self.export_button.setToolTip(blocker or self.tr("Write the workbook (it runs in the background)"))
        pack_blocker = self.pack_blocker()
        self.pack_button.setEnabled(not pack_blocker)
        if pack_blocker:
            self.pack_button.setToolTip(pack_blocker)

    def choose_output(self) -> None:
        current = self.path_edit.text().strip() or str(
            documents_folder() / default_report_name(self.quarter_text())
        )
        chosen = self.ask_save_path(
            self, self.tr("Save the quarterly report"), current, self.tr("Excel workbook (*.xlsx)")
        )
        if not chosen:
            return
        self.path_edit.setText(str(with_xlsx_suffix(Path(chosen))))

    def export(self) -> bool:
        """Start writing the workbook on a worker thread; False when it cannot start."""
        blocker = self.export_blocker()
        if blocker:
            messages.show_error(self, self.tr("Export"), blocker)
            return False
        quarter = self.quarter_text()
        target = self.output_path()
        parts = self.included_parts()
        database = self.context.database  # the worker opens its own sessions from it
        user = self.context.user
        today = self.today
        language = current_language()  # headers and sheet names in the language of the screens
        password = self.password_edit.text() if self.protect_check.isChecked() else None

        def work(progress: Callable[[int, str], None]) -> ExportSummary:
            return export_quarter(
                database, quarter, target, include=parts, progress=progress, user=user, today=today, language=language,
                password=password,
            )  # fmt: skip

        self._start_writing(target, self.tr("Exporting {quarter}…").format(quarter=quarter), work,
                            self._export_finished)  # fmt: skip
        return True

    def _start_writing(self, target: Path, status: str, work: Callable, on_finished: Callable) -> None:
        """Run a workbook or pack writer on the worker, with the progress bar and the inputs locked."""
        self._exporting_to = target
        self.result_label.hide()
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.show()
        self.status_label.setText(status)
        self._set_inputs_enabled(False)
        self.job = start_job(
            work,
            on_finished=on_finished,
            on_failed=self._export_failed,
            on_progress=self._export_progress,
        )
        self._update_export_button()

    def export_pack(self) -> bool:
        """Ask where to save the quarter's management pack, then write it on a worker; False when not started."""
        blocker = self.pack_blocker()
        if blocker:
            messages.show_error(self, self.tr("Management pack"), blocker)
            return False
        quarter = self.quarter_text()
        folder = self.output_path().parent if self.path_edit.text().strip() else documents_folder()
        chosen = self.ask_save_path(
            self, self.tr("Save the management pack"), str(folder / default_pack_name(quarter)),
            self.tr("PDF document (*.pdf)"),
        )  # fmt: skip
        if not chosen:
            return False
        target = Path(chosen)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(f"{target.name}.pdf")
        database = self.context.database  # the worker opens its own sessions from it
        user = self.context.user
        today = self.today
        language = current_language()
        password = self.password_edit.text() if self.protect_check.isChecked() else None

        def work(progress: Callable[[int, str], None]) -> PackSummary:
            return write_management_pack(
                database, quarter, target, language=language, password=password, user=user, today=today,
                progress=progress,
            )  # fmt: skip

        status = self.tr("Writing the management pack for {quarter}…").format(quarter=quarter)
        self._start_writing(target, status, work, self._pack_finished)
        return True

    def _pack_finished(self, summary: PackSummary) -> None:
        line = self.tr("Wrote the management pack for {quarter} to {path} ({pages} pages).").format(
            quarter=summary.quarter, path=summary.path, pages=len(summary.pages)
        )
        self._show_written(summary, line)

    def _set_inputs_enabled(self, enabled: bool) -> None:
        for widget in (
            self.quarter_combo, self.path_edit, self.choose_button, self.protect_check, self.password_edit,
            self.password_confirm_edit, *self.part_checks.values(),
        ):  # fmt: skip
            widget.setEnabled(enabled)
        for part in ALWAYS_INCLUDED:
            self.part_checks[part].setEnabled(False)

    def _export_progress(self, percent: int, message: str) -> None:
        self.progress_bar.setValue(percent)
        self.status_label.setText(message)

    def _export_finished(self, summary: ExportSummary) -> None:
        rows = sum(summary.rows.values())
        sheets = len(summary.sheets)
        line = self.tr("Exported {quarter} to {path} ({sheets} sheets, {rows} rows).").format(
            quarter=summary.quarter, path=summary.path, sheets=sheets, rows=f"{rows:,}"
        )
        self._show_written(summary, line)

    def _show_written(self, summary: ExportSummary | PackSummary, line: str) -> None:
        """Say what was written, with links to its folder and to the file; open it when asked to."""
        self.job = None
        self.last_summary = summary
        self._set_inputs_enabled(True)
        self._update_export_button()
        self.progress_bar.setValue(100)
        self.status_label.setText(line)
        self.result_label.setText(
            f'<span style="color:#2E7D32">{html.escape(line)}</span> '
            f'<a href="folder" style="{LINK_STYLE}">{html.escape(self.tr("Open the folder"))}</a> · '
            f'<a href="file" style="{LINK_STYLE}">{html.escape(self.tr("Open the file"))}</a>'
        )
        self.result_label.show()
        self.status_label.hide()
        if self.open_check.isChecked():
            self.open_url(QUrl.fromLocalFile(str(summary.path)))

    def _export_failed(self, error: Exception) -> None:
        self.job = None
        self._set_inputs_enabled(True)
        self._update_export_button()
        self.progress_bar.setValue(0)
        self.status_label.show()
        self.status_label.setText(self.tr("The export did not finish; nothing was written."))
        title = self.tr("Export failed")
        if isinstance(error, OpsDeskError):
            messages.show_problem(self, error, title)
        else:
            messages.show_error(
                self, title, export_problem_text(error, self._exporting_to or self.output_path())
            )

    def _open_link(self, link: str) -> None:
        if self.last_summary is None:
            return
        path = self.last_summary.path
        self.open_url(QUrl.fromLocalFile(str(path.parent if link == "folder" else path)))

    # Import ----------------------------------------------------------------------------

    def start_import(self, kind: str) -> Any:
        """Open the import wizard for risks, readings or measurements."""
        # Imported here: the wizard and its workbook reading took 90 ms of the page's first visit.
        from opsdesk.ui.dialogs.import_wizard import ImportWizard

        return ImportWizard.ask(self, self.context, kind=kind)

    def save_template_copy(self) -> Path | None:
        """Copy the blank import template where the user chooses."""
        target = save_import_template(self, self.ask_save_path)
        if target is not None:
            self.template_status.setText(self.tr("Template saved to {path}.").format(path=target))
            self.template_status.show()
        return target

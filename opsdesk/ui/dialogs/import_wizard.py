"""The import wizard: choose a workbook, match its columns, check every row, then import all or nothing.

Reading the workbook, the preview and the import each run on a worker thread that opens
its own sessions from the Database; the wizard only shows the plain data they return and
never touches a widget from the worker.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QCloseEvent, QColor, QFont, QFontMetrics, QWheelEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.catalogue import message
from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.reports.excel_import import (
    CREATE,
    INVALID,
    UNCHANGED,
    UPDATE,
    CellRead,
    ImportDefaults,
    ImportPreview,
    ImportRefusedError,
    ImportResult,
    ImportSource,
    PreviewRow,
    WorkbookUnreadableError,
    apply_import,
    guess_mapping,
    guess_reason,
    guess_source_columns,
    preview_import,
    read_workbook,
)
from opsdesk.reports.excel_mapping import field_label, field_specs, ignored_columns
from opsdesk.reports.excel_source import WorkbookPasswordError, column_letter, read_sheet_top
from opsdesk.services.settings import list_categories, list_departments
from opsdesk.store.database import Database
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, ALERTS, KRIS, QUALITY, RISKS, AppContext
from opsdesk.ui.dialogs.fields import OptionalDateEdit
from opsdesk.ui.dialogs.workbook_password import WorkbookPasswordDialog
from opsdesk.ui.table_model import Column, RecordTableModel, display_text
from opsdesk.ui.widgets.table import RecordTableView
from opsdesk.ui.widgets.text import set_role, text_label
from opsdesk.ui.worker import Job, start_job

translate = QCoreApplication.translate

KINDS = ("risks", "readings", "measurements")
HEAD_ROWS = 12  # rows of the sheet shown so the user sees where the header is
HEAD_COLUMNS = 40
LINE_COLUMN_MAX = 220
LINE_HEIGHT = 22
SAMPLE_CHARS = 48
HEADER_ROW_DELAY_MS = 300  # typing "12" in the header row reads the sheet once, not twice
CHANGED_TOPICS = (RISKS, KRIS, ALERTS, QUALITY, ACTIONS)
PROBLEM_TINT = "#FFEBEE"
PROBLEM_INK = "#B71C1C"
HEADER_TINT = "#E1F5FE"

STYLE = """
QLabel[role="step"] { color: #90A4AE; padding: 2px 4px; }
QLabel[role="stepDone"] { color: #455A64; padding: 2px 4px; }
QLabel[role="stepCurrent"] { color: #0277BD; font-weight: 600; padding: 2px 4px; border-bottom: 2px solid #0277BD; }
QLabel[role="stepTitle"] { font-size: 13pt; font-weight: 600; color: #263238; }
QLabel[role="summary"] { font-size: 11pt; font-weight: 600; color: #263238; }
QLabel[role="columnHead"] { color: #455A64; font-weight: 600; }
QLabel[role="warning"] { color: #C62828; }
QLabel[role="success"] { color: #2E7D32; font-size: 11pt; font-weight: 600; }
QLabel[role="error"] { color: #C62828; }
QPushButton[role="link"] { border: none; background: transparent; padding: 0px; color: #0277BD; text-align: left; }
QPushButton[role="link"]:hover, QPushButton[role="link"]:focus { text-decoration: underline; }
QFrame#mappingGrid { background: #FFFFFF; }
QLabel#fileError, QLabel#columnsError, QLabel#previewError {
    background: #FFEBEE; border: 1px solid #EF9A9A; border-radius: 4px; padding: 8px; color: #B71C1C;
}
"""


def kind_label(kind: str) -> str:
    return {
        "risks": translate("ImportWizard", "Risks"),
        "readings": translate("ImportWizard", "KRI readings"),
        "measurements": translate("ImportWizard", "Objective measurements"),
    }[kind]


def action_label(kind: str, action: str) -> str:
    if action == CREATE and kind == "readings":
        return translate("ImportWizard", "Record")
    return {
        CREATE: translate("ImportWizard", "Create"),
        UPDATE: translate("ImportWizard", "Update"),
        UNCHANGED: translate("ImportWizard", "Unchanged"),
        INVALID: translate("ImportWizard", "Problem"),
    }.get(action, action)


def ask_open_path(parent: QWidget | None, title: str, folder: str, file_filter: str) -> str:
    """The workbook the user chose ("" when cancelled); tests replace it on the wizard."""
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, file_filter)
    return path


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """The file the user chose to write ("" when cancelled); tests replace it."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def typed_path(text: str) -> Path:
    """A path typed or pasted into a field: Explorer's "Copy as path" quotes and spaces around it removed."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return Path(text).expanduser()


def with_xlsx_suffix(path: Path) -> Path:
    """The path with .xlsx added when the save dialog left the extension out."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def save_import_template(
    parent: QWidget | None, ask: Callable[[QWidget | None, str, str, str], str] = ask_save_path
) -> Path | None:
    """Write the blank import template where the user chooses; None when cancelled or refused.

    It is written from the field tables each time, so a new field is in it at once."""
    chosen = ask(
        parent, translate("ImportWizard", "Save the import template"),
        str(documents_folder() / translate("ImportWizard", "OpsDesk import template.xlsx")),
        translate("ImportWizard", "Excel workbook (*.xlsx)"),
    )  # fmt: skip
    if not chosen:
        return None
    target = with_xlsx_suffix(Path(chosen))
    from opsdesk.reports.excel_template import write_import_template

    try:
        write_import_template(target)
    except OSError as exc:
        messages.show_error(
            parent, translate("ImportWizard", "Import template"),
            translate("ImportWizard", "Could not write {path}: {reason}.").format(path=target, reason=exc.strerror or exc),
        )  # fmt: skip
        return None
    return target


def problem_text(error: Exception) -> str:
    """What went wrong, in sentences a user understands."""
    if isinstance(error, WorkbookUnreadableError):
        return error.summary()
    if isinstance(error, ImportRefusedError):
        return "\n".join([error.summary(), *(str(problem) for problem in error.problems)])
    if isinstance(error, ValidationError):
        return "\n".join(error.errors.values())
    if isinstance(error, OpsDeskError):
        return str(error)
    if isinstance(error, OSError):
        return translate("ImportWizard", "The workbook could not be read: {reason}.").format(
            reason=error.strerror or error
        )
    return translate("ImportWizard", "Something went wrong: {error}").format(
        error=str(error) or type(error).__name__
    )


def shown_value(value: object) -> str:
    """A cell value as the mapping and the sheet preview show it."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    text = " ".join(display_text(value).split())
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"


# Reading the workbook (worker thread) ------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One row at the top of the sheet, as it is in Excel."""

    number: int
    values: tuple[object, ...]


@dataclass(frozen=True)
class WorkbookRead:
    """What reading a workbook gave: the rows to import (or why not), the guessed mapping, the sheet's top."""

    path: Path
    kind: str
    sheet: str
    sheet_names: tuple[str, ...]
    lines: tuple[SheetLine, ...]
    source: ImportSource | None = None
    mapping: dict[int, str] = field(default_factory=dict)
    problem: str = ""
    reasons: dict[int, str] = field(default_factory=dict)  # why each column got its guessed field


def sheet_head(
    path: Path, sheet: str | None, limit: int, password: str | None = None
) -> tuple[tuple[str, ...], str, tuple[SheetLine, ...]]:
    """(sheet names, sheet shown, its first rows): only the top of one sheet, for display."""
    names, chosen, rows = read_sheet_top(path, sheet, limit, password=password)
    if not chosen:
        return names, "", ()
    width = 0
    for values in rows:
        filled = [n for n, value in enumerate(values) if value not in (None, "")]
        width = max(width, filled[-1] + 1 if filled else 0)
    width = min(width, HEAD_COLUMNS)
    lines = tuple(
        SheetLine(number, tuple(values[:width]) + (None,) * (width - len(values[:width])))
        for number, values in enumerate(rows, start=1)
    )
    return names, chosen, lines


def read_for_import(
    database: Database,
    path: Path,
    *,
    kind: str,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    password: str | None = None,
) -> WorkbookRead:
    """Read the rows to import and guess the mapping; a sheet without a recognisable header still comes back.

    A file that is not a readable workbook raises WorkbookUnreadableError; a sheet whose
    header row cannot be found returns its first rows and the problem, so the user can
    point at the header row.
    """
    try:
        source = read_workbook(
            path, sheet=sheet, header_row=header_row, kind=kind, progress=progress, password=password
        )
    except WorkbookUnreadableError:
        raise
    except ValidationError as exc:
        if "header_row" not in exc.errors:
            raise
        names, shown, lines = sheet_head(path, sheet, HEAD_ROWS + 8, password)
        return WorkbookRead(path, kind, shown, names, lines, problem=exc.errors["header_row"])
    with database.session() as session:
        guess = guess_source_columns(session, source)
    try:
        _names, _shown, lines = sheet_head(
            path, source.sheet, max(HEAD_ROWS, source.header_row + 6), password
        )
    except WorkbookUnreadableError:
        lines = ()  # the rows were read; only the picture of the sheet's top is missing
    return WorkbookRead(
        path, kind, source.sheet, source.sheet_names, lines, source, guess.mapping, reasons=guess.reasons
    )


# Models and small widgets --------------------------------------------------------------------


class SheetLinesModel(QAbstractTableModel):
    """The first rows of a sheet, with Excel's row numbers and column letters; the header row tinted."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: tuple[SheetLine, ...] = ()
        self.header_row = 0
        self._width = 0

    def set_lines(self, lines: Sequence[SheetLine], header_row: int) -> None:
        self.beginResetModel()
        self.lines = tuple(lines)
        self.header_row = header_row
        self._width = max((len(line.values) for line in self.lines), default=0)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._width

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return column_letter(section)
        return str(self.lines[section].number) if 0 <= section < len(self.lines) else None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        value = line.values[index.column()] if index.column() < len(line.values) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return shown_value(value)
        if role == Qt.ItemDataRole.ToolTipRole and value not in (None, ""):
            return display_text(value)
        if line.number == self.header_row:
            if role == Qt.ItemDataRole.BackgroundRole:
                return QBrush(QColor(HEADER_TINT))
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        return None


class MappingCombo(QComboBox):
    """A field chooser that ignores the mouse wheel unless focused, so scrolling the list changes nothing."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


# The wizard -------------------------------------------------------------------------------------


class ImportWizard(QDialog):
    """Four steps: the file, its sheet and columns, the checked rows, the import (all or nothing)."""

    FILE, COLUMNS, PREVIEW, IMPORT = range(4)

    def __init__(
        self,
        context: AppContext,
        kind: str = "risks",
        path: Path | str | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.ask_open_path: Callable[[QWidget | None, str, str, str], str] = ask_open_path
        self.ask_save_path: Callable[[QWidget | None, str, str, str], str] = ask_save_path
        self.job: Job | None = None
        self.read: WorkbookRead | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self.refusal: str = ""
        self._pending_read: tuple[str | None, int | None] | None = None
        # The passwords of protected workbooks, in memory only, for reading them again.
        self._passwords: dict[Path, str] = {}
        self._last_read: tuple[str | None, int | None] = (None, None)
        self._mapping_key: tuple[int, ...] = ()
        self.mapping_combos: dict[int, QComboBox] = {}
        self.mapping_notes: dict[int, QLabel] = {}
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setStyleSheet(STYLE)
        self.setMinimumSize(900, 600)
        self.resize(1100, 720)

        self.step_labels = [
            QLabel(text)
            for text in (
                self.tr("1  Choose the workbook"),
                self.tr("2  Sheet and columns"),
                self.tr("3  Check the rows"),
                self.tr("4  Import"),
            )
        ]
        steps = QHBoxLayout()
        steps.setSpacing(6)
        for number, label in enumerate(self.step_labels):
            if number:
                arrow = QLabel("›")
                arrow.setProperty("role", "step")
                steps.addWidget(arrow)
            steps.addWidget(label)
        steps.addStretch(1)
        rule = QFrame()
        rule.setFrameShape(QFrame.Shape.HLine)
        rule.setStyleSheet("color: #DDE3E7;")

        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_file_step(kind, path))
        self.stack.addWidget(self._build_columns_step())
        self.stack.addWidget(self._build_preview_step())
        self.stack.addWidget(self._build_import_step())

        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(260)
        policy = self.progress_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress_bar.setSizePolicy(policy)
        self.progress_bar.hide()
        self.status_label = text_label("", "muted", wrap=False)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setDefault(True)
        self.import_button = QPushButton(self.tr("&Import"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        footer = QHBoxLayout()
        footer.addWidget(self.progress_bar)
        footer.addWidget(self.status_label, 1)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            footer.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addLayout(steps)
        layout.addWidget(rule)
        layout.addWidget(self.stack, 1)
        layout.addLayout(footer)

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self._close_clicked)
        self._header_timer = QTimer(self, singleShot=True, interval=HEADER_ROW_DELAY_MS)
        self._header_timer.timeout.connect(self._header_row_chosen)
        self._show_step(self.FILE)

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, kind: str = "risks", path: Path | str | None = None
    ) -> ImportResult | None:
        """Run the wizard; the import's result, or None when nothing was imported."""
        wizard = cls(context, kind=kind, path=path, parent=parent)
        wizard.exec()
        return wizard.result

    # Step 1: the file ---------------------------------------------------------------------

    def _build_file_step(self, kind: str, path: Path | str | None) -> QWidget:
        page = QWidget()
        title = text_label(self.tr("Choose the workbook to import"), "stepTitle")
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds = QHBoxLayout()
        for number, key in enumerate(KINDS):
            button = QRadioButton(kind_label(key))
            self.kind_group.addButton(button, number)
            self.kind_buttons[key] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_buttons[kind if kind in KINDS else "risks"].setChecked(True)
        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setPlaceholderText(self.tr("The Excel workbook (.xlsx)"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Choose…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        path_label = QLabel(self.tr("&Workbook:"))
        path_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(self.tr("The sheet holds:"), kinds)
        form.addRow(path_label, file_row)
        self.kind_hint = text_label("", "muted")
        self.file_error = text_label("", "error")
        self.file_error.setObjectName("fileError")
        self.file_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_error.hide()
        help_text = text_label(self.tr(
            "Any Excel workbook (.xlsx) of up to 50 MB. OpsDesk finds the sheet and its header row (a title "
            "above the header is fine), reads the values of formulas as Excel last saved them, and lets you "
            "match every column to a field before anything is written."
        ), "muted")  # fmt: skip
        self.template_button = QPushButton(self.tr("Save a copy of the import template…"))
        self.template_button.setProperty("role", "link")
        self.template_button.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.kind_hint)
        layout.addWidget(help_text)
        layout.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.file_error)
        layout.addStretch(1)
        self.kind_group.idToggled.connect(self._kind_toggled)
        self.path_edit.textChanged.connect(self._file_changed)
        self.browse_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self._save_template)
        self._describe_kind()
        return page

    def kind(self) -> str:
        return KINDS[max(0, self.kind_group.checkedId())]

    def _describe_kind(self) -> None:
        self.kind_hint.setText({
            "risks": self.tr("Rows with an OpsDesk risk code (R-0012) update that risk; the other rows create risks."),
            "readings": self.tr("One reading per row: the indicator (its name), the date and the value."),
            "measurements": self.tr(
                "One row per objective and period, with its value or its numerator and denominator."),
        }[self.kind()])  # fmt: skip

    def _kind_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._describe_kind()
            self._file_changed()

    def _file_changed(self, *_args: object) -> None:
        self.read = None
        self.preview = None
        self.file_error.hide()
        self._update_buttons()

    def file_path(self) -> Path:
        return typed_path(self.path_edit.text())

    def choose_file(self) -> None:
        current = self.path_edit.text().strip()
        folder = str(Path(current).parent) if current else str(Path.home())
        chosen = self.ask_open_path(
            self, self.tr("Choose the workbook to import"), folder,
            self.tr("Excel workbooks (*.xlsx *.xlsm);;All files (*)"),
        )  # fmt: skip
        if chosen:
            self.path_edit.setText(chosen)

    def _save_template(self) -> None:
        target = save_import_template(self, self.ask_save_path)
        if target is not None:
            self.status_label.setText(self.tr("Template saved to {path}.").format(path=target))

    # Step 2: sheet, header row and columns --------------------------------------------------

    def _build_columns_step(self) -> QWidget:
        page = QWidget()
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(16)
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1000)
        self.header_spin.setToolTip(self.tr("The row that names the columns"))
        self.found_label = text_label("", "muted", wrap=False)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        top = QHBoxLayout()
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(12)
        header_label = QLabel(self.tr("&Header row:"))
        header_label.setBuddy(self.header_spin)
        top.addWidget(header_label)
        top.addWidget(self.header_spin)
        top.addSpacing(12)
        top.addWidget(self.found_label, 1)

        self.lines_model = SheetLinesModel(self)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_view.setWordWrap(False)
        self.lines_view.horizontalHeader().setDefaultSectionSize(110)
        self.lines_view.verticalHeader().setDefaultSectionSize(LINE_HEIGHT)
        self.lines_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        # Six rows, the column letters and a horizontal scroll bar.
        self.lines_view.setFixedHeight(LINE_HEIGHT * 6 + 52)
        self.lines_view.setToolTip(
            self.tr("The top of the sheet; the header row is shaded. Click a row to make it the header.")
        )
        self.lines_view.clicked.connect(self._line_clicked)
        self.columns_error = text_label("", "error")
        self.columns_error.setObjectName("columnsError")
        self.columns_error.hide()

        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_area.setFrameShape(QFrame.Shape.StyledPanel)
        columns_box = QGroupBox(self.tr("Columns: what each one imports as"))
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.setContentsMargins(8, 6, 8, 8)
        columns_layout.addWidget(self.mapping_area)

        self.defaults_box = QGroupBox(self.tr("Defaults for new risks"))
        self.department_combo = QComboBox()
        self.category_combo = QComboBox()
        self.department_combo.addItem(self.tr("(none)"), None)
        self.category_combo.addItem(self.tr("(none)"), None)
        for item in self.context.call(list_departments):
            self.department_combo.addItem(item.name, item.name)
        for item in self.context.call(list_categories):
            self.category_combo.addItem(item.name, item.name)
        self.identified_edit = OptionalDateEdit(self.tr("Use"))
        self.identified_edit.set_default_date(self.today or date.today())
        defaults_form = QFormLayout(self.defaults_box)
        defaults_form.addRow(
            text_label(self.tr("Used where a new risk's row leaves the field empty."), "muted")
        )
        defaults_form.addRow(self.tr("Department:"), self.department_combo)
        defaults_form.addRow(self.tr("Category:"), self.category_combo)
        defaults_form.addRow(self.tr("Identified on:"), self.identified_edit)
        self.defaults_hint = text_label("", "muted")
        defaults_form.addRow(self.defaults_hint)
        self.defaults_box.setMinimumWidth(270)  # wider when its labels need it (translations)
        self.defaults_box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        lower = QHBoxLayout()
        lower.addWidget(columns_box, 1)
        defaults_column = QVBoxLayout()
        defaults_column.addWidget(self.defaults_box)
        defaults_column.addStretch(1)
        lower.addLayout(defaults_column)

        self.columns_reason = text_label("", "error")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.lines_view)
        layout.addWidget(self.columns_error)
        layout.addLayout(lower, 1)
        layout.addWidget(self.columns_reason)

        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.header_spin.valueChanged.connect(self._header_row_typed)
        self.department_combo.currentIndexChanged.connect(self._mapping_changed)
        self.category_combo.currentIndexChanged.connect(self._mapping_changed)
        self.identified_edit.changed.connect(self._mapping_changed)
        return page

    def _fill_columns_step(self, read: WorkbookRead) -> None:
        """Show a reading of the workbook: its sheets, header row, top rows and guessed mapping."""
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(read.sheet_names))
        self.sheet_combo.setCurrentText(read.sheet)
        source = read.source
        header_row = source.header_row if source else self.header_spin.value()
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(header_row)
        self.header_spin.blockSignals(False)
        self.lines_model.set_lines(read.lines, header_row if source else 0)
        self._size_line_columns(header_row if source else 1)
        if source is None:
            self.found_label.setText("")
            self.columns_error.setText(read.problem)
            self.columns_error.show()
        else:
            self.found_label.setText(
                self.tr("{rows} rows under the header in row {row}.").format(
                    rows=len(source.rows), row=source.header_row
                )
            )
            self.columns_error.hide()
        self._build_mapping(read)
        self.defaults_box.setVisible(read.kind == "risks")
        self._mapping_changed()

    def _size_line_columns(self, first_row: int) -> None:
        # A title above the header spills over the columns in Excel: it does not set their widths.
        metrics = self.lines_view.fontMetrics()
        bold = QFont(self.lines_view.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        for column in range(self.lines_model.columnCount()):
            widest = metrics.horizontalAdvance(column_letter(column))
            for line in self.lines_model.lines:
                if line.number >= first_row and column < len(line.values):
                    shown = shown_value(line.values[column])
                    measure = bold_metrics if line.number == self.lines_model.header_row else metrics
                    widest = max(widest, measure.horizontalAdvance(shown))
            self.lines_view.setColumnWidth(column, max(48, min(LINE_COLUMN_MAX, widest + 14)))

    def _build_mapping(self, read: WorkbookRead) -> None:
        grid_widget = QFrame()
        grid_widget.setObjectName("mappingGrid")
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.mapping_combos = {}
        self.mapping_notes = {}
        source = read.source
        if source is None:
            grid.addWidget(
                text_label(self.tr("Choose the header row above to see the columns."), "muted"), 0, 0
            )
            self.mapping_area.setWidget(grid_widget)
            return
        heads = (self.tr("Column"), self.tr("Header"), self.tr("First value"), self.tr("Imports as"), "")
        for column, text in enumerate(heads):
            grid.addWidget(text_label(text, "columnHead", wrap=False), 0, column)
        specs = field_specs(read.kind)
        for index, header in enumerate(source.headers):
            row = index + 1
            sample = next((value for value in source.column_values(index) if value not in (None, "")), None)
            header_label = text_label(
                header or self.tr("(no header)"), None if header else "muted", wrap=False
            )
            header_label.setToolTip(header)
            sample_label = text_label(shown_value(sample), "muted", wrap=False)
            sample_label.setToolTip(display_text(sample))
            combo = MappingCombo()
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.addItem(self.tr("— not imported —"), None)
            for spec in specs:
                combo.addItem(field_label(read.kind, spec.key), spec.key)
            chosen = read.mapping.get(index)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            combo.setAccessibleName(self.tr("Field of column {letter}").format(letter=column_letter(index)))
            note = text_label("", "muted", wrap=False)
            # Long headers and values shrink (their tooltips hold the full text) instead of widening the grid.
            for label in (header_label, sample_label, note):
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                label.setMinimumWidth(60)
            grid.addWidget(QLabel(column_letter(index)), row, 0)
            grid.addWidget(header_label, row, 1)
            grid.addWidget(sample_label, row, 2)
            grid.addWidget(combo, row, 3)
            grid.addWidget(note, row, 4)
            self.mapping_combos[index] = combo
            self.mapping_notes[index] = note
            combo.currentIndexChanged.connect(self._mapping_changed)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(4, 4)
        grid.setRowStretch(len(source.headers) + 1, 1)
        self.mapping_area.setWidget(grid_widget)

    def mapping(self) -> dict[int, str]:
        """Column index -> field key, as the combos say."""
        return {
            index: combo.currentData() for index, combo in self.mapping_combos.items() if combo.currentData()
        }

    def set_field(self, column: int | str, key: str | None) -> None:
        """Map a column (index or letter) to a field key, or leave it out with None."""
        if isinstance(column, str):
            column = next(index for index in self.mapping_combos if column_letter(index) == column.upper())
        combo = self.mapping_combos[column]
        combo.setCurrentIndex(combo.findData(key) if key else 0)

    def defaults(self) -> ImportDefaults:
        if self.kind() != "risks":
            return ImportDefaults()
        return ImportDefaults(
            department=self.department_combo.currentData(),
            category=self.category_combo.currentData(),
            identified_on=self.identified_edit.value(),
        )

    def mapping_blocker(self) -> str:
        """Why the rows cannot be checked yet with this mapping ("" when they can)."""
        if self.read is None or self.read.source is None:
            return self.tr("Choose the sheet and its header row.")
        mapping = self.mapping()
        if not mapping:
            return self.tr("Choose what at least one column imports as.")
        specs = {spec.key: spec for spec in field_specs(self.read.kind)}
        columns: dict[str, list[int]] = {}
        for index, key in sorted(mapping.items()):
            columns.setdefault(key, []).append(index)
        for key, indexes in columns.items():
            if len(indexes) > 1 and not specs[key].multiple:
                letters = ", ".join(column_letter(index) for index in indexes)
                return self.tr(
                    "{field} is chosen for columns {letters}: each field comes from one column."
                ).format(field=field_label(self.read.kind, key), letters=letters)
        return ""

    def _mapping_changed(self, *_args: object) -> None:
        self.preview = None
        read = self.read
        if read is not None and read.source is not None:
            mapping = self.mapping()
            reasons = ignored_columns(read.source.headers, mapping, read.kind)
            used = set(mapping.values())
            for index, note in self.mapping_notes.items():
                text = reasons.get(index, "") if index not in mapping else ""
                if index in mapping and read.mapping.get(index) == mapping[index] and read.reasons.get(index):
                    text = guess_reason(read.reasons[index])
                looks_like = (
                    guess_mapping([read.source.header_of(index)], read.kind).get(0)
                    if text and index not in mapping
                    else None
                )
                if looks_like and looks_like not in used:
                    # The engine says "comes from another column" even when no column holds it now.
                    text = self.tr("not imported (looks like {field})").format(
                        field=field_label(read.kind, looks_like)
                    )
                note.setText(text)
                note.setToolTip(text)
            if read.kind == "risks":
                self.defaults_hint.setText(self._missing_defaults(mapping))
        self._update_buttons()

    def _missing_defaults(self, mapping: dict[int, str]) -> str:
        mapped = set(mapping.values())
        defaults = self.defaults()
        missing = [
            text for key, value, text in (
                ("department", defaults.department, self.tr("the department")),
                ("category", defaults.category, self.tr("the category")),
                ("identified_on", defaults.identified_on, self.tr("the identification date")),
            ) if key not in mapped and not value
        ]  # fmt: skip
        if not missing:
            return ""
        return self.tr(
            'No column holds {fields}: new risks go to "Unassigned" and take the workbook\'s date, unless you '
            "choose here."
        ).format(fields=", ".join(missing))

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet_combo.currentText()
        if self.read is None or sheet != self.read.sheet:
            self.request_read(sheet, None)

    def _header_row_typed(self, _value: int) -> None:
        self._header_timer.start()

    def _header_row_chosen(self) -> None:
        self.request_read(self.sheet_combo.currentText() or None, self.header_spin.value())

    def _line_clicked(self, index: QModelIndex) -> None:
        number = self.lines_model.lines[index.row()].number
        if number != self.header_spin.value() or (self.read is not None and self.read.source is None):
            self.header_spin.blockSignals(True)
            self.header_spin.setValue(number)
            self.header_spin.blockSignals(False)
            self._header_row_chosen()

    # Step 3: the checked rows -----------------------------------------------------------------

    def _build_preview_step(self) -> QWidget:
        page = QWidget()
        self.summary_label = text_label("", "summary")
        self.notes_label = text_label("", "muted")
        self.only_problems_check = QCheckBox(self.tr("Show only &problems"))
        self.check_again_button = QPushButton(self.tr("Check &again"))
        self.check_again_button.setToolTip(
            self.tr(
                "Read the workbook again (after you corrected it in Excel and saved it) and check every row"
            )
        )
        tools = QHBoxLayout()
        tools.addWidget(self.only_problems_check)
        tools.addStretch(1)
        tools.addWidget(self.check_again_button)
        self.preview_model: RecordTableModel[PreviewRow] = RecordTableModel(self._preview_columns("risks"))
        self.preview_table = RecordTableView(self.preview_model)
        self.preview_table.setObjectName("previewTable")
        self.problems_title = text_label("", "warning")
        self.problems_text = QPlainTextEdit()
        self.problems_text.setReadOnly(True)
        self.problems_text.setMaximumHeight(130)
        self.problems_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.preview_error = text_label("", "error")
        self.preview_error.setObjectName("previewError")
        self.preview_error.hide()
        self.import_reason = text_label("", "error")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(8)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.notes_label)
        layout.addWidget(self.preview_error)
        layout.addLayout(tools)
        layout.addWidget(self.preview_table, 1)
        layout.addWidget(self.problems_title)
        layout.addWidget(self.problems_text)
        layout.addWidget(self.import_reason)
        self.only_problems_check.toggled.connect(self._filter_preview)
        self.check_again_button.clicked.connect(self.check_again)
        return page

    def _preview_columns(self, kind: str) -> list[Column[PreviewRow]]:
        key_title, title_title = {
            "risks": (self.tr("Code"), self.tr("Title")),
            "readings": (self.tr("Indicator"), self.tr("Reading")),
            "measurements": (self.tr("Objective"), self.tr("Period")),
        }[kind]

        def tint(row: PreviewRow) -> str | None:
            return PROBLEM_TINT if row.action == INVALID else None

        def ink(row: PreviewRow) -> str | None:
            return PROBLEM_INK if row.action == INVALID else None

        def problems(row: PreviewRow) -> str:
            return "  ·  ".join(str(problem) for problem in row.problems)

        def tooltip(row: PreviewRow) -> str | None:
            lines = [str(problem) for problem in row.problems] + list(row.changes)
            return "\n".join(lines) or None

        common = {"background": tint, "foreground": ink, "tooltip": tooltip}
        return [
            Column("row", self.tr("Row"), lambda r: r.row, align_right=True, **common),
            Column("action", self.tr("Action"), lambda r: action_label(kind, r.action), **common),
            Column("key", key_title, lambda r: r.key, **common),
            Column("title", title_title, lambda r: r.title, **common),
            Column("changes", self.tr("Changes"), lambda r: ", ".join(r.changes), **common),
            Column("problems", self.tr("Problems"), problems, **common),
        ] + self._cell_columns(tint, ink)

    def _cell_columns(self, tint: Callable, ink: Callable) -> list[Column[PreviewRow]]:
        """One column per mapped workbook column: the value OpsDesk stores, the workbook's text in the tooltip."""
        read = self.read
        if read is None or read.source is None or read.kind != "risks":
            return []
        mapping = self.mapping()

        def cell(letter: str, row: PreviewRow) -> CellRead | None:
            return next((c for c in row.cells if c.column == letter), None)

        columns = []
        for index in sorted(mapping):
            letter = column_letter(index)
            title = f"{letter} {read.source.header_of(index)}"

            def value(row: PreviewRow, letter: str = letter) -> str:
                found = cell(letter, row)
                return found.stored if found is not None else ""

            def source_text(row: PreviewRow, letter: str = letter) -> str | None:
                found = cell(letter, row)
                if found is None:
                    return None
                return self.tr("In the workbook: {text}").format(text=found.source)

            columns.append(
                Column(f"cell_{index}", title, value, background=tint, foreground=ink, tooltip=source_text)
            )
        return columns

    def _show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        self.preview_error.hide()
        self.preview_model.columns = self._preview_columns(preview.kind)
        self.preview_model.set_rows(preview.rows)
        self._filter_preview(self.only_problems_check.isChecked())
        widths = {"row": 52, "action": 84, "key": 110, "title": 300, "changes": 170}
        widths |= {column.key: 150 for column in self.preview_model.columns if column.key.startswith("cell_")}
        for key, width in widths.items():
            self.preview_table.setColumnWidth(self.preview_model.column_index(key), width)
        # Columns with nothing to say make room for the titles.
        self.preview_table.setColumnHidden(
            self.preview_model.column_index("changes"), not any(row.changes for row in preview.rows)
        )
        self.preview_table.setColumnHidden(
            self.preview_model.column_index("problems"), not any(row.problems for row in preview.rows)
        )
        self.summary_label.setText(self.preview_summary(preview))
        notes = list(preview.notes) + [
            message("import.skipped", {"row": skipped.row, "reason": skipped.reason})
            for skipped in preview.skipped
        ]
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        count = len(preview.problems)
        self.problems_title.setText(self.tr("Every problem ({count}):").format(count=count))
        self.problems_text.setPlainText("\n".join(str(problem) for problem in preview.problems))
        for widget in (self.problems_title, self.problems_text):
            widget.setVisible(bool(count))
        self._update_buttons()

    def preview_summary(self, preview: ImportPreview) -> str:
        """'25 rows: 20 to create, 3 to update, 2 unchanged; 0 problems'."""
        total = len(preview.rows)
        nouns = {
            "risks": (self.tr("row"), self.tr("rows")),
            "readings": (self.tr("reading"), self.tr("readings")),
            "measurements": (self.tr("measurement"), self.tr("measurements")),
        }[preview.kind]
        noun = nouns[0] if total == 1 else nouns[1]
        parts = [self.tr("{count} to create").format(count=preview.count(CREATE))]
        if preview.kind != "readings":
            parts.append(self.tr("{count} to update").format(count=preview.count(UPDATE)))
        parts.append(self.tr("{count} unchanged").format(count=preview.count(UNCHANGED)))
        problems = len(preview.problems)
        tail = self.tr("1 problem") if problems == 1 else self.tr("{count} problems").format(count=problems)
        return self.tr("{total} {noun}: {parts}; {problems}").format(
            total=total, noun=noun, parts=", ".join(parts), problems=tail
        )

    def _filter_preview(self, only_problems: bool) -> None:
        self.preview_model.set_filter((lambda row: row.action == INVALID) if only_problems else None)

    def import_blocker(self) -> str:
        """Why Import is disabled ("" when it is enabled)."""
        preview = self.preview
        if preview is None:
            return (
                self.tr("The rows are being checked.")
                if self.job is not None
                else self.tr("Check the rows first.")
            )
        if preview.problems:
            count = len(preview.problems)
            return self.tr(
                "Nothing can be imported while there are problems ({count}): correct them in the workbook and "
                "click Check again, or change the columns or defaults on the previous step."
            ).format(count=count)
        if not preview.count(CREATE) and not preview.count(UPDATE):
            return self.tr("Nothing to import: every row is already in OpsDesk as it is in the workbook.")
        return ""

    # Step 4: the import ---------------------------------------------------------------------------

    def _build_import_step(self) -> QWidget:
        page = QWidget()
        self.import_title = text_label("", "stepTitle")
        self.import_source = text_label("", "muted")
        self.import_result = text_label("", "success")
        self.import_codes = text_label("", "muted")
        self.import_codes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.import_problems = QPlainTextEdit()
        self.import_problems.setReadOnly(True)
        self.import_problems.hide()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.import_title)
        layout.addWidget(self.import_source)
        layout.addWidget(self.import_result)
        layout.addWidget(self.import_codes)
        layout.addWidget(self.import_problems, 1)
        layout.addStretch(0)
        return page

    def result_text(self, result: ImportResult) -> str:
        if result.kind == "readings":
            text = self.tr("{created} readings recorded, {unchanged} already there.")
        elif result.kind == "risks":
            text = self.tr("{unchanged} unchanged, {updated} updated, {created} created.")
        else:
            text = self.tr("{created} measurements created, {updated} updated, {unchanged} unchanged.")
        return self.tr("Imported: {what}").format(
            what=text.format(created=result.created, updated=result.updated, unchanged=result.unchanged)
        )

    # Navigation ----------------------------------------------------------------------------------

    def step(self) -> int:
        return self.stack.currentIndex()

    def _show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        for number, label in enumerate(self.step_labels):
            set_role(label, "stepCurrent" if number == step else ("stepDone" if number < step else "step"))
        self._update_buttons()

    def go_next(self) -> None:
        if self.job is not None or not self.next_button.isEnabled():
            return
        if self.step() == self.FILE:
            if self.read is not None:
                self._show_step(self.COLUMNS)
            else:
                self.request_read(None, None)
        elif self.step() == self.COLUMNS:
            self._show_step(self.PREVIEW)
            if self.preview is None:
                self.start_preview()

    def go_back(self) -> None:
        if self.job is not None:
            return
        step = self.step()
        if step == self.IMPORT:
            self.refusal = ""
            self._show_step(self.PREVIEW)
            self.start_preview()
        elif step > self.FILE:
            self._show_step(step - 1)

    def _close_clicked(self) -> None:
        if self.result is not None:
            self.accept()
        else:
            self.reject()

    def reject(self) -> None:
        # A worker reports back to this dialog: it stays until the work is done.
        if self.job is None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            return
        super().closeEvent(event)

    def _update_buttons(self) -> None:
        busy = self.job is not None
        step = self.step()
        self.back_button.setVisible(
            step in (self.COLUMNS, self.PREVIEW) or (step == self.IMPORT and bool(self.refusal))
        )
        self.back_button.setEnabled(not busy)
        self.next_button.setVisible(step in (self.FILE, self.COLUMNS))
        self.import_button.setVisible(step == self.PREVIEW)
        if step == self.FILE:
            blocker = "" if self.path_edit.text().strip() else self.tr("Choose the workbook to import.")
        elif step == self.COLUMNS:
            blocker = self.mapping_blocker()
            self.columns_reason.setText(
                blocker if self.read is not None and self.read.source is not None else ""
            )
        else:
            blocker = ""
        self.next_button.setEnabled(not busy and not blocker)
        self.next_button.setToolTip(blocker)
        import_blocker = self.import_blocker() if step == self.PREVIEW else ""
        self.import_button.setEnabled(not busy and step == self.PREVIEW and not import_blocker)
        self.import_button.setToolTip(import_blocker or self.tr("Write every row, all or nothing"))
        self.import_reason.setText(import_blocker if self.preview is not None else "")
        self.check_again_button.setEnabled(
            not busy and self.read is not None and self.read.source is not None
        )
        done = step == self.IMPORT and not busy
        self.cancel_button.setText(self.tr("Close") if done else self.tr("Cancel"))
        self.cancel_button.setEnabled(not busy)
        for widget in (self.path_edit, self.browse_button, self.sheet_combo, self.header_spin, self.lines_view,
                       self.mapping_area, self.defaults_box, *self.kind_buttons.values()):  # fmt: skip
            widget.setEnabled(not busy)

    # Work on the worker thread ------------------------------------------------------------------

    def _run(self, work: Callable[[Callable[[int, str], None]], Any], on_finished: Callable[[Any], None],
             on_failed: Callable[[Exception], None], message: str) -> None:  # fmt: skip
        self.progress_bar.setValue(0)
        self.progress_bar.show()
        self.status_label.setText(message)
        self.job = start_job(
            work, on_finished=on_finished, on_failed=on_failed, on_progress=self._job_progress
        )
        self._update_buttons()

    def _job_done(self) -> None:
        self.job = None
        self.progress_bar.hide()
        self.status_label.setText("")

    def _job_progress(self, percent: int, message: str) -> None:
        self.progress_bar.setValue(percent)
        self.status_label.setText(message)

    def request_read(self, sheet: str | None, header_row: int | None) -> None:
        """Read the workbook (again) with this sheet and header row (None: found automatically)."""
        if self.job is not None:
            self._pending_read = (sheet, header_row)
            return
        database = self.context.database
        path = self.file_path()
        kind = self.kind()
        password = self._passwords.get(path)
        self._last_read = (sheet, header_row)

        def work(progress: Callable[[int, str], None]) -> WorkbookRead:
            return read_for_import(
                database,
                path,
                kind=kind,
                sheet=sheet,
                header_row=header_row,
                progress=progress,
                password=password,
            )

        self.file_error.hide()
        self._run(
            work, self._read_finished, self._read_failed, self.tr("Reading {name}…").format(name=path.name)
        )

    def _read_finished(self, read: WorkbookRead) -> None:
        self._job_done()
        self.read = read
        self.preview = None
        self._fill_columns_step(read)
        if self.step() == self.FILE:
            self._show_step(self.COLUMNS)
        else:
            self._update_buttons()
        self._run_pending_read()

    def _read_failed(self, error: Exception) -> None:
        self._job_done()
        if isinstance(error, WorkbookPasswordError) and self._pending_read is None:
            path = self.file_path()
            password = WorkbookPasswordDialog.ask(self, path.name, wrong=error.wrong_password)
            if password is not None:
                self._passwords[path] = password
                self.request_read(*self._last_read)
                return
        text = problem_text(error)
        if self.step() == self.FILE or self.read is None:
            self.read = None
            self.file_error.setText(text)
            self.file_error.show()
            self._show_step(self.FILE)
        else:
            self.columns_error.setText(text)
            self.columns_error.show()
            self._update_buttons()
        self._run_pending_read()

    def _run_pending_read(self) -> None:
        if self._pending_read is not None:
            sheet, header_row = self._pending_read
            self._pending_read = None
            self.request_read(sheet, header_row)

    def start_preview(self, *, read_again: bool = False) -> None:
        """Check every row against the register (writing nothing), on the worker thread."""
        if self.job is not None or self.read is None or self.read.source is None:
            return
        database = self.context.database
        source = self.read.source
        mapping = self.mapping()
        defaults = self.defaults()
        today = self.today
        read = self.read
        password = self._passwords.get(source.path)

        def work(progress: Callable[[int, str], None]) -> tuple[WorkbookRead, ImportPreview]:
            current = read
            if read_again:
                current = read_for_import(
                    database, source.path, kind=source.kind, sheet=source.sheet, header_row=source.header_row,
                    progress=lambda percent, message: progress(percent // 3, message), password=password,
                )  # fmt: skip
                if current.source is None:
                    raise ValidationError({"header_row": current.problem})
            chosen = mapping if current.source.headers == source.headers else current.mapping
            with database.session() as session:
                preview = preview_import(
                    session=session, source=current.source, mapping=chosen, defaults=defaults, today=today,
                    progress=progress,
                )  # fmt: skip
            return current, preview

        self.preview = None
        self.preview_model.set_rows([])
        self.summary_label.setText(self.tr("Checking every row…"))
        for widget in (self.notes_label, self.problems_title, self.problems_text):
            widget.hide()
        self._run(work, self._preview_finished, self._preview_failed, self.tr("Checking the rows…"))

    def check_again(self) -> None:
        self.start_preview(read_again=True)

    def _preview_finished(self, outcome: tuple[WorkbookRead, ImportPreview]) -> None:
        self._job_done()
        read, preview = outcome
        if read is not self.read:
            # Read again: keep the columns as the preview used them (the user's choices, or a new guess
            # when the workbook's headers changed).
            self.read = WorkbookRead(
                read.path, read.kind, read.sheet, read.sheet_names, read.lines, read.source, dict(preview.mapping),
                read.problem,
            )  # fmt: skip
            self._fill_columns_step(self.read)
        self._show_preview(preview)

    def _preview_failed(self, error: Exception) -> None:
        self._job_done()
        self.summary_label.setText(self.tr("The rows could not be checked."))
        self.preview_error.setText(problem_text(error))
        self.preview_error.show()
        self._update_buttons()

    def start_import(self) -> None:
        """Write every previewed row in one transaction, on the worker thread."""
        if self.job is not None or self.preview is None or self.import_blocker():
            return
        database = self.context.database
        preview = self.preview

        def work(progress: Callable[[int, str], None]) -> ImportResult:
            with database.session() as session:
                return apply_import(session=session, preview=preview, progress=progress)

        self.refusal = ""
        self.import_title.setText(self.tr("Importing {count} rows…").format(count=len(preview.rows)))
        source = preview.source
        self.import_source.setText(
            self.tr("{kind} from {name}, sheet '{sheet}' (header in row {row}).").format(
                kind=kind_label(preview.kind),
                name=source.path.name,
                sheet=source.sheet,
                row=source.header_row,
            )
        )
        self.import_result.setText("")
        self.import_codes.setText("")
        self.import_problems.hide()
        self._show_step(self.IMPORT)
        self._run(work, self._import_finished, self._import_failed, self.tr("Importing…"))

    def _import_finished(self, result: ImportResult) -> None:
        self._job_done()
        self.result = result
        self.import_title.setText(self.tr("Import done"))
        self.import_result.setText(self.result_text(result))
        set_role(self.import_result, "success")
        if result.references:
            pairs = [f"{reference} → {code}" for reference, code in result.references]
            shown = ", ".join(pairs[:60]) + (" …" if len(pairs) > 60 else "")
            self.import_codes.setText(self.tr("Workbook ID → OpsDesk code: {pairs}").format(pairs=shown))
        elif result.codes:
            shown = ", ".join(result.codes[:30]) + (" …" if len(result.codes) > 30 else "")
            self.import_codes.setText(self.tr("New risks: {codes}").format(codes=shown))
        for topic in CHANGED_TOPICS:
            self.context.dataChanged.emit(topic)
        self._update_buttons()

    def _import_failed(self, error: Exception) -> None:
        self._job_done()
        self.import_title.setText(self.tr("Nothing was imported"))
        if isinstance(error, ImportRefusedError):
            self.import_result.setText(error.summary())
            self.import_problems.setPlainText("\n".join(str(problem) for problem in error.problems))
            self.import_problems.show()
        else:
            self.import_result.setText(problem_text(error))
        set_role(self.import_result, "error")
        self.refusal = self.import_result.text()
        self._update_buttons()

"""What the import wizard's pages share: labels, file choosers, the sheet-top model, the page base."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont, QWheelEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.reports.excel_import import (
    CREATE,
    INVALID,
    UNCHANGED,
    UPDATE,
    ImportRefusedError,
    WorkbookUnreadableError,
)
from opsdesk.reports.excel_source import column_letter
from opsdesk.reports.workbook_preview import SheetLine
from opsdesk.ui.table_model import display_text
from opsdesk.ui.theme import colors
from opsdesk.ui.widgets.text import text_label

if TYPE_CHECKING:
    from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard

translate = QCoreApplication.translate

LINE_COLUMN_MAX = 220
LINE_HEIGHT = 22
SAMPLE_CHARS = 48
PROBLEM_TINT = "#FFEBEE"
PROBLEM_INK = "#B71C1C"
HEADER_TINT = "#E1F5FE"


def style_sheet() -> str:
    """The wizard's own styles, in the colours of the applied theme (light or dark)."""
    c = colors()
    light = c.name == "light"
    box = "#FFEBEE" if light else c.alternate_base
    box_border = "#EF9A9A" if light else c.error
    return f"""
QLabel[role="summary"] {{ font-size: 11pt; font-weight: 600; color: {c.text}; }}
QLabel[role="columnHead"] {{ color: {c.muted}; font-weight: 600; }}
QLabel[role="warning"] {{ color: {c.error}; }}
QLabel[role="success"] {{ color: {c.ok}; font-size: 11pt; font-weight: 600; }}
QLabel[role="error"] {{ color: {c.error}; }}
QPushButton[role="link"] {{ border: none; background: transparent; padding: 0px; color: {c.accent}; text-align: left; }}
QPushButton[role="link"]:hover, QPushButton[role="link"]:focus {{ text-decoration: underline; }}
QFrame#mappingGrid {{ background: {c.base}; }}
QLabel#fileError, QLabel#columnsError, QLabel#previewError, QLabel#refusalText {{
    background: {box}; border: 1px solid {box_border}; border-radius: 4px; padding: 8px; color: {c.error};
}}
"""


def header_tint() -> QColor:
    """The shade of the header row in the sheet's top."""
    c = colors()
    return QColor(HEADER_TINT if c.name == "light" else c.highlight)


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
    """A cell value as the mapping and the sheet preview show it (on one line, shortened)."""
    if value is None:
        return ""
    if isinstance(value, datetime) and value.time() == datetime.min.time():
        value = value.date()
    if isinstance(value, float) and math.isfinite(value) and value.is_integer():
        value = int(value)
    text = " ".join(display_text(value).split())
    return text if len(text) <= SAMPLE_CHARS else text[: SAMPLE_CHARS - 1] + "…"


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
                return QBrush(header_tint())
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


class WizardStep(QWizardPage):
    """One step of the import wizard: its own content above a progress bar and a status line.

    The wizard holds what the steps share (the reading, the preview, the running job); a step
    says through isComplete() when Next may be clicked, and emits completeChanged (through
    `refresh`) when that may have changed."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__()
        self.owner = owner
        self.body = QVBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(8)
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 100)
        self.progress_bar.setMaximumWidth(260)
        policy = self.progress_bar.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.progress_bar.setSizePolicy(policy)
        self.progress_bar.hide()
        self.status_label = text_label("", "muted", wrap=False)
        self.status_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        footer = QHBoxLayout()
        footer.addWidget(self.progress_bar)
        footer.addWidget(self.status_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addLayout(self.body, 1)
        layout.addLayout(footer)

    def busy(self) -> bool:
        return self.owner.job is not None

    def blocker(self) -> str:
        """Why Next (or Import) cannot be clicked yet ("" when it can, once no work is running)."""
        return ""

    def isComplete(self) -> bool:
        return not self.busy() and not self.blocker()

    def refresh(self) -> None:
        """Say (again) what depends on the step's state: its widgets (in subclasses), Next and Back."""
        self.completeChanged.emit()
        self.owner.fix_buttons()

    def show_progress(self, percent: int, message: str) -> None:
        self.progress_bar.setValue(percent)
        self.progress_bar.show()
        self.status_label.setText(message)

    def hide_progress(self) -> None:
        self.progress_bar.hide()
        self.status_label.setText("")

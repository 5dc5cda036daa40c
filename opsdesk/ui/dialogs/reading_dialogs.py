"""Recording KRI readings: one reading at a time, or a quick keyboard grid saved all or nothing."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeyEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain import regional
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.kri import evaluate_reading
from opsdesk.reports.charts.kri import STATE_COLORS
from opsdesk.services.kris import (
    KriRead,
    ReadingInput,
    ReadingOutcome,
    reading_problems,
    record_reading,
    record_readings,
)
from opsdesk.ui import labels, notifications
from opsdesk.ui.context import ALERTS, KRIS, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import DateEdit, OptionalNumberEdit, to_qdate
from opsdesk.ui.regional import regional_format
from opsdesk.ui.widgets.level_chip import LevelChip

ERROR_TINT = "#FFEBEE"
ERROR_INK = "#C62828"


translate = QCoreApplication.translate


def parse_number(text: str) -> float | None:
    """A number typed in the user's regional format (or with a dot); None when it is not one."""
    try:
        return regional.parse_number(text, regional_format())
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """ISO (2026-10-31), 31.10.2026 or the user's short date format; None when it is neither or no such day."""
    return regional.parse_date(text, regional_format())


def date_formats() -> str:
    """The date forms a reading grid reads: ISO, and the user's short format when it differs."""
    local = regional.date_hint(regional_format())
    return "YYYY-MM-DD" if local == "YYYY-MM-DD" else f"YYYY-MM-DD, {local}"


def kri_summary(kri: KriRead) -> str:
    """Thresholds and the last reading on one line, for the dialogs' headers."""
    unit = f" {kri.unit}" if kri.unit else ""
    sign = "≥" if kri.direction != "lower_is_worse" else "≤"
    text = translate("ReadingDialogs", "Warning {sign} {warning}{unit} · Alarm {sign} {alarm}{unit}").format(
        sign=sign,
        warning=regional.format_number(kri.warning, regional_format()),
        alarm=regional.format_number(kri.alarm, regional_format()),
        unit=unit,
    )
    if kri.last_read_on is not None and kri.last_value is not None:
        text += " · " + translate("ReadingDialogs", "Last reading {value}{unit} on {date}").format(
            value=regional.format_number(kri.last_value, regional_format()),
            unit=unit,
            date=kri.last_read_on.isoformat(),
        )
    else:
        text += " · " + translate("ReadingDialogs", "No reading yet")
    return text


def _header(kri: KriRead) -> QWidget:
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 6)
    column.setSpacing(2)
    name = QLabel(kri.name)
    name.setStyleSheet("font-weight: 600; font-size: 11pt;")
    name.setWordWrap(True)
    info = QLabel(kri_summary(kri))
    info.setProperty("role", "muted")
    info.setWordWrap(True)
    column.addWidget(name)
    column.addWidget(info)
    return box


def notify_new_alarms(parent: QWidget | None, kri: KriRead, outcomes: list[ReadingOutcome]) -> None:
    """One desktop notification for the newest reading that raised or escalated an alarm."""
    alarms = [outcome for outcome in outcomes if notifications.is_new_alarm(outcome)]
    if alarms:
        notifications.notify_alarm(parent, alarms[-1], kri_name=kri.name, unit=kri.unit)


# One reading ------------------------------------------------------------------------------


class ReadingDialog(EditorDialog):
    """Date, value and note of one reading, with the state it will have shown before saving."""

    def __init__(
        self, context: AppContext, kri: KriRead, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kri = kri
        self.outcome: ReadingOutcome | None = None
        self.setWindowTitle(self.tr("Add reading"))
        self.setMinimumWidth(460)
        today = today or date.today()

        self.date_edit = DateEdit(today)
        self.date_edit.setMaximumDate(to_qdate(today))
        self.value_edit = OptionalNumberEdit(self.tr("Value read"), decimals=6)
        unit = QLabel(kri.unit)
        value_row = QWidget()
        row = QHBoxLayout(value_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.value_edit, 1)
        row.addWidget(unit)
        self.note_edit = QLineEdit()
        self.note_edit.setMaxLength(1000)
        self.note_edit.setPlaceholderText(self.tr("Optional: what explains this value"))
        self.state_chip = LevelChip()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Date:"), self.date_edit)
        form.addRow(self.tr("&Value:"), value_row)
        form.addRow(self.tr("&Note:"), self.note_edit)
        form.addRow(self.tr("State:"), self.state_chip)
        layout = QVBoxLayout(self)
        layout.addWidget(_header(kri))
        layout.addLayout(form)
        layout.addWidget(self.footer())

        self.date_edit.dateChanged.connect(self.revalidate)
        self.value_edit.textChanged.connect(self.revalidate)
        self.note_edit.textChanged.connect(self.revalidate)
        self.mark_clean()
        self.value_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, kri: KriRead) -> ReadingOutcome | None:
        """Record one reading; the outcome (reading and alert), or None when cancelled."""
        dialog = cls(context, kri, parent)
        dialog.exec()
        return dialog.outcome

    def snapshot(self) -> tuple:
        return (self.date_edit.value(), self.value_edit.text(), self.note_edit.text())

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {"read_on": self.date_edit, "value": self.value_edit, "note": self.note_edit}

    def local_errors(self) -> dict[str, str]:
        """The problems `services.kris.record_reading` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        value = self.value_edit.value()
        if not self.value_edit.text().strip():
            # The form's own prompt for an empty box (the service would say "must be a number").
            errors["value"] = self.tr("Enter the value read.")
        data = ReadingInput(read_on=self.date_edit.value(), value=value, note=self.note_edit.text().strip())
        for problem in reading_problems(data, date.today()):
            errors.setdefault(problem.field or "__all__", problem.message())
        self._show_state(value)
        return errors

    def _show_state(self, value: float | None) -> None:
        if value is None:
            self.state_chip.set_empty(self.tr("Type a value"))
            return
        state = evaluate_reading(value, self.kri.direction, self.kri.warning, self.kri.alarm).value
        self.state_chip.set_band(labels.label("kri_state", state), STATE_COLORS[state], state)

    def perform_save(self) -> None:
        data = ReadingInput(
            read_on=self.date_edit.value(), value=self.value_edit.value(), note=self.note_edit.text().strip()
        )
        self.outcome = self.context.write(
            record_reading, topics=(KRIS, ALERTS), kri_id=self.kri.id, data=data
        )
        notify_new_alarms(self.parentWidget(), self.kri, [self.outcome])


# Many readings ----------------------------------------------------------------------------

DATE, VALUE, NOTE, PROBLEM = range(4)
EDITABLE_COLUMNS = (DATE, VALUE, NOTE)
_ROW_FIELD = re.compile(r"^rows\[(\d+)\](?:\.(\w+))?$")


class ReadingGridModel(QAbstractTableModel):
    """Rows of typed text (date, value, note) plus each row's problem; one blank row always last."""

    edited = Signal()  # a typed cell changed (not the problems we show)

    def __init__(self, rows: int = 6, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[str]] = [["", "", ""] for _ in range(max(rows, 1))]
        self._problems: dict[int, str] = {}
        self._titles = (self.tr("Date"), self.tr("Value"), self.tr("Note"), self.tr("Problem"))

    # Content -------------------------------------------------------------------------------

    def texts(self) -> list[tuple[str, str, str]]:
        return [(r[0], r[1], r[2]) for r in self._rows]

    def filled_rows(self) -> list[int]:
        """Numbers of the rows holding anything; blank rows are ignored."""
        return [number for number, row in enumerate(self._rows) if any(text.strip() for text in row)]

    def set_text(self, row: int, column: int, text: str) -> None:
        self.setData(self.index(row, column), text)

    def set_problems(self, problems: Mapping[int, str]) -> None:
        self._problems = dict(problems)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, PROBLEM))

    def problem(self, row: int) -> str:
        return self._problems.get(row, "")

    def _ensure_blank_row(self) -> None:
        if any(text.strip() for text in self._rows[-1]):
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
            self._rows.append(["", "", ""])
            self.endInsertRows()

    # QAbstractTableModel -------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._titles[section] if 0 <= section < 4 else None
        return str(section + 1)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in EDITABLE_COLUMNS:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._problems.get(row, "") if column == PROBLEM else self._rows[row][column]
        if role == Qt.ItemDataRole.ToolTipRole and row in self._problems:
            return self._problems[row]
        if role == Qt.ItemDataRole.BackgroundRole and row in self._problems:
            return QBrush(QColor(ERROR_TINT))
        if role == Qt.ItemDataRole.ForegroundRole and column == PROBLEM:
            return QBrush(QColor(ERROR_INK))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == VALUE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(self, index: QModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or index.column() not in EDITABLE_COLUMNS:
            return False
        text = "" if value is None else str(value)
        if self._rows[index.row()][index.column()] == text:
            return True
        self._rows[index.row()][index.column()] = text
        self.dataChanged.emit(index, index)
        self._ensure_blank_row()
        self.edited.emit()
        return True


class _GridDelegate(QStyledItemDelegate):
    """Enter in a cell commits it and moves on, like Tab, so the keyboard never leaves the grid."""

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.commitData.emit(editor)
                self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
                return True
        return super().eventFilter(editor, event)


class ReadingGridView(QTableView):
    """The grid: Tab/Enter go to the next cell (skipping Problem), Delete clears, Ctrl+V pastes rows."""

    def __init__(self, model: ReadingGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setItemDelegate(_GridDelegate(self))
        self.setTabKeyNavigation(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.CurrentChanged
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setDefaultSectionSize(24)
        header = self.horizontalHeader()
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(DATE, 110)
        header.resizeSection(VALUE, 100)
        header.resizeSection(PROBLEM, 320)

    def grid_model(self) -> ReadingGridModel:
        return self.model()  # type: ignore[return-value]

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        current = self.currentIndex()
        model = self.grid_model()
        if current.isValid() and action == QAbstractItemView.CursorAction.MoveNext:
            row, column = current.row(), current.column()
            if column < NOTE:
                return model.index(row, column + 1)
            return model.index(min(row + 1, model.rowCount() - 1), DATE)
        if current.isValid() and action == QAbstractItemView.CursorAction.MovePrevious:
            row, column = current.row(), min(current.column(), NOTE + 1)
            if column > DATE:
                return model.index(row, column - 1)
            return model.index(max(row - 1, 0), NOTE)
        return super().moveCursor(action, modifiers)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        editing = self.state() == QAbstractItemView.State.EditingState
        if not editing and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setCurrentIndex(
                self.moveCursor(QAbstractItemView.CursorAction.MoveNext, Qt.KeyboardModifier.NoModifier)
            )
            return
        if not editing and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            for index in self.selectedIndexes() or [self.currentIndex()]:
                self.grid_model().setData(index, "")
            return
        if not editing and event.matches(QKeySequence.StandardKey.Paste):
            self.paste_text(QGuiApplication.clipboard().text())
            return
        super().keyPressEvent(event)

    def paste_text(self, text: str) -> None:
        """Fill cells from the current one with tab-separated lines (as copied from Excel)."""
        start = self.currentIndex()
        first_row = start.row() if start.isValid() else 0
        first_column = min(start.column(), NOTE) if start.isValid() else DATE
        model = self.grid_model()
        lines = text.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n").split("\n")
        for offset, line in enumerate(lines):
            for shift, cell in enumerate(line.split("\t")):
                column = first_column + shift
                if column <= NOTE:
                    model.set_text(first_row + offset, column, cell.strip())


class ReadingGridDialog(EditorDialog):
    """Type many readings (date, value, note) by keyboard; one save records all of them or none."""

    def __init__(
        self, context: AppContext, kri: KriRead, parent: QWidget | None = None, rows: int = 6
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kri = kri
        self.outcomes: list[ReadingOutcome] = []
        self.setWindowTitle(self.tr("Add readings"))
        self.resize(780, 460)
        self.model = ReadingGridModel(rows, self)
        self.view = ReadingGridView(self.model)
        self._grid_rows: list[int] = []  # grid row of each reading sent to the service
        hint = QLabel(
            self.tr(
                "Type a date ({formats}) and a value per row; Tab or Enter moves on, Ctrl+V pastes rows "
                "copied from Excel. Empty rows are ignored. Nothing is saved unless every row is valid."
            ).format(formats=date_formats())
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(_header(kri))
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.footer())
        self.model.edited.connect(self.revalidate)
        self.mark_clean()
        self.view.setFocus()
        self.view.setCurrentIndex(self.model.index(0, DATE))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Ready to type: the first cell is open for editing as soon as the grid appears.
        if self.view.state() != QAbstractItemView.State.EditingState:
            self.view.edit(self.view.currentIndex())

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, kri: KriRead) -> list[ReadingOutcome] | None:
        """Record a grid of readings; their outcomes in date order, or None when cancelled."""
        dialog = cls(context, kri, parent)
        dialog.exec()
        return dialog.outcomes or None

    # EditorDialog ---------------------------------------------------------------------------

    def snapshot(self) -> tuple:
        return tuple(self.model.texts()[number] for number in self.model.filled_rows())

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {}

    def field_label(self, field: str) -> str:
        match = _ROW_FIELD.match(field)
        return self.tr("Row {number}").format(number=int(match.group(1)) + 1) if match else ""

    def local_errors(self) -> dict[str, str]:
        errors: dict[str, str] = {}
        filled = self.model.filled_rows()
        if not filled:
            errors["rows"] = self.tr("Enter at least one reading.")
        texts = self.model.texts()
        for number in filled:
            date_text, value_text, _note = texts[number]
            # Only the form has typed text that reads as no date or no number (an empty date is the
            # service's own "date required", below).
            if date_text.strip() and parse_date(date_text) is None:
                errors[f"rows[{number}].read_on"] = self.tr("Type the date as {formats}.").format(
                    formats=date_formats()
                )
            if not value_text.strip():
                # The form's own prompt for an empty cell of a filled row (the service would say "must be a number").
                errors[f"rows[{number}].value"] = self.tr("The value is required.")
            elif parse_number(value_text) is None:
                errors[f"rows[{number}].value"] = self.tr("The value must be a number.")
            # What the typed texts read as goes through the service's own rules (a future date, a long note).
            data = ReadingInput(
                read_on=parse_date(date_text), value=parse_number(value_text), note=_note.strip()
            )  # type: ignore[arg-type]
            for problem in reading_problems(data, date.today()):
                errors.setdefault(f"rows[{number}].{problem.field}", problem.message())
        return errors

    def after_revalidate(self, errors: Mapping[str, str]) -> None:
        self._show_row_problems(errors)

    def show_refusal(self, errors: Mapping[str, str]) -> None:
        super().show_refusal(errors)
        self._show_row_problems(errors)
        rows = sorted(self._problem_rows(errors))
        if rows:
            self.view.setCurrentIndex(self.model.index(rows[0], DATE))
            self.view.scrollTo(self.model.index(rows[0], DATE))

    def _problem_rows(self, errors: Mapping[str, str]) -> dict[int, str]:
        problems: dict[int, str] = {}
        for field, message in errors.items():
            match = _ROW_FIELD.match(field)
            if match:
                number = int(match.group(1))
                problems[number] = f"{problems[number]} {message}" if number in problems else message
        return problems

    def _show_row_problems(self, errors: Mapping[str, str]) -> None:
        self.model.set_problems(self._problem_rows(errors))

    def perform_save(self) -> None:
        texts = self.model.texts()
        self._grid_rows = self.model.filled_rows()
        rows = [
            ReadingInput(
                read_on=parse_date(texts[number][DATE]),  # type: ignore[arg-type] - checked by local_errors
                value=parse_number(texts[number][VALUE]),  # type: ignore[arg-type]
                note=texts[number][NOTE].strip(),
            )
            for number in self._grid_rows
        ]
        try:
            self.outcomes = self.context.write(
                record_readings, topics=(KRIS, ALERTS), kri_id=self.kri.id, rows=rows
            )
        except ValidationError as exc:
            raise ValidationError(self._to_grid_fields(exc.errors)) from exc
        notify_new_alarms(self.parentWidget(), self.kri, self.outcomes)

    def _to_grid_fields(self, errors: Mapping[str, str]) -> dict[str, str]:
        """The service numbers the rows it was sent; the user sees grid rows (blank ones skipped)."""
        mapped: dict[str, str] = {}
        for field, message in errors.items():
            match = _ROW_FIELD.match(field)
            if match and int(match.group(1)) < len(self._grid_rows):
                grid_row = self._grid_rows[int(match.group(1))]
                suffix = f".{match.group(2)}" if match.group(2) else ""
                mapped[f"rows[{grid_row}]{suffix}"] = message
            else:
                mapped[field] = message
        return mapped

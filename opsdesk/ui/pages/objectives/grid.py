"""The measurement grid of the Quality objectives page: typed periods, kept until saved.

The grid is an editable QAbstractTableModel with one row per period from the first
measured period to the current one. Edits stay in the grid until "Save measurements"
sends them all to `record_measurements`, which saves all of them or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from opsdesk.domain import regional
from opsdesk.domain.enums import Direction
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.domain.quality import objective_status
from opsdesk.reports.charts.common import text_color_for
from opsdesk.services import quality
from opsdesk.services.quality import MeasurementInput, MeasurementRead, ObjectiveRead, PeriodPoint
from opsdesk.ui.labels import invalid_value, label
from opsdesk.ui.regional import regional_format

translate = QCoreApplication.translate

#: status backgrounds (text colour follows from text_color_for)
STATUS_COLORS = {"met": "#66BB6A", "at_risk": "#FFB300", "missed": "#E53935"}
STATUS_ORDER = {"met": 1, "at_risk": 2, "missed": 3}
MISSING_COLOR = "#ECEFF1"
MISSING_TEXT = "#607D8B"
EDITED_COLOR = "#FFF9C4"
ERROR_COLOR = "#FFCDD2"
ARCHIVED_TEXT = "#90A4AE"
NO_DATA = "no_data"
ALL = ""


def format_number(value: float | None) -> str:
    """A number as typed in the user's regional format: no group separators, up to 15 significant digits."""
    if value is not None and not is_storable_number(value):  # written outside OpsDesk
        return invalid_value()
    return regional.format_number(value, regional_format())


def format_actual(value: float | None, unit: str) -> str:
    """An actual for reading: grouped, at most two decimals, followed by the unit."""
    if value is None:
        return ""
    if not is_storable_number(value):
        return invalid_value()
    text = regional.format_number(value, regional_format(), grouping=True, decimals=2)
    if not unit:
        return text
    return f"{text} {unit}"


def parse_number(text: str) -> float | None:
    """Parse a typed number ('' is None) by the regional rules; raises ValueError for text that is not one."""
    return regional.parse_number(text, regional_format())


def target_text(objective: ObjectiveRead) -> str:
    sign = "≥" if objective.direction == Direction.LOWER_IS_WORSE else "≤"
    return f"{sign} {format_actual(objective.target, objective.unit)}"


def measurements_by_period(
    *, session: Any, objective_id: int, periods: Sequence[str]
) -> dict[str, MeasurementRead]:
    """The stored measurement of each measured period (of the objective's series), in one query."""
    return quality.get_measurements(session=session, objective_id=objective_id, periods=periods)


@dataclass
class GridRow:
    """One period of the grid: what is stored, what was typed, and what is wrong with it."""

    period: str
    stored: MeasurementRead | None
    numbers: dict[str, float | None] = field(default_factory=dict)
    note: str = ""
    raw: dict[str, str] = field(default_factory=dict)  # text that is not a number, kept as typed
    errors: dict[str, str] = field(default_factory=dict)
    status: str | None = None  # as the service computed it for the stored measurement
    missing: bool = False

    def stored_numbers(self) -> dict[str, float | None]:
        stored = self.stored
        return {
            "numerator": None if stored is None else stored.numerator,
            "denominator": None if stored is None else stored.denominator,
            # A ratio's stored value is computed; only a value objective's is typed.
            "value": None if stored is None or stored.numerator is not None else stored.value,
        }

    def is_dirty(self) -> bool:
        if self.raw:
            return True
        stored_note = "" if self.stored is None else self.stored.note
        before = self.stored_numbers()
        return self.note.strip() != stored_note or any(
            self.numbers.get(key) != before.get(key) for key in ("numerator", "denominator", "value")
        )


class MeasurementGridModel(QAbstractTableModel):
    """Editable periods of one objective; edits are kept per period until saved or discarded."""

    dirtyChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.objective: ObjectiveRead | None = None
        self._rows: list[GridRow] = []
        self._keys: list[str] = []
        self._dirty = False
        self._colors: dict[str, QColor] = {}

    # Loading ----------------------------------------------------------------------------

    def load(
        self,
        objective: ObjectiveRead | None,
        periods: Sequence[str],
        series_points: Sequence[PeriodPoint],
        stored: dict[str, MeasurementRead],
        *,
        keep_edits: bool = False,
    ) -> None:
        """Show these periods; with keep_edits the unsaved edits of the same objective survive."""
        kept: dict[str, GridRow] = {}
        if (
            keep_edits
            and objective is not None
            and self.objective is not None
            and objective.id == self.objective.id
        ):
            kept = {row.period: row for row in self._rows}
        points = {point.period: point for point in series_points}
        self.beginResetModel()
        self.objective = objective
        self._keys = self._columns_for(objective)
        rows = []
        for period in sorted(set(periods) | set(kept)):
            measurement = stored.get(period)
            row = GridRow(period=period, stored=measurement)
            row.numbers = row.stored_numbers()
            row.note = "" if measurement is None else measurement.note
            point = points.get(period)
            row.status = None if measurement is None else measurement.status
            row.missing = measurement is None and point is not None and point.missing
            old = kept.get(period)
            if old is not None and old.is_dirty():
                row.numbers, row.note, row.raw = dict(old.numbers), old.note, dict(old.raw)
            rows.append(row)
        self._rows = rows
        self.endResetModel()
        self._update_dirty()

    def _columns_for(self, objective: ObjectiveRead | None) -> list[str]:
        if objective is None:
            return []
        if objective.kind == "ratio":
            return ["period", "numerator", "denominator", "actual", "status", "note"]
        return ["period", "value", "status", "note"]

    def add_period(self, period: str, *, at_start: bool = False) -> int:
        """Add an empty row for a period; returns its row number."""
        number = 0 if at_start else len(self._rows)
        self.beginInsertRows(QModelIndex(), number, number)
        row = GridRow(
            period=period, stored=None, numbers={"numerator": None, "denominator": None, "value": None}
        )
        self._rows.insert(number, row)
        self.endInsertRows()
        return number

    def discard_edits(self) -> None:
        self.beginResetModel()
        for row in self._rows:
            row.numbers = row.stored_numbers()
            row.note = "" if row.stored is None else row.stored.note
            row.raw = {}
            row.errors = {}
        self.endResetModel()
        self._update_dirty()

    # Reading ----------------------------------------------------------------------------

    def periods(self) -> list[str]:
        return [row.period for row in self._rows]

    def grid_row(self, number: int) -> GridRow:
        return self._rows[number]

    def row_of(self, period: str) -> int:
        return next((n for n, row in enumerate(self._rows) if row.period == period), -1)

    def column_of(self, key: str) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def column_key(self, column: int) -> str:
        return self._keys[column]

    def entry_columns(self) -> list[int]:
        """Columns Enter walks through: the numbers to type."""
        keys = ("numerator", "denominator") if self._keys and "numerator" in self._keys else ("value",)
        return [self.column_of(key) for key in keys if self.column_of(key) >= 0]

    def editable_columns(self) -> list[int]:
        """Columns Tab walks through: the numbers and the note."""
        return [*self.entry_columns(), self.column_of("note")] if self._keys else []

    def is_dirty(self) -> bool:
        return self._dirty

    def dirty_rows(self) -> list[int]:
        return [n for n, row in enumerate(self._rows) if row.is_dirty()]

    def pending(self) -> list[tuple[int, MeasurementInput]]:
        """(row number, input) of every changed row, in period order."""
        pending = []
        for number in self.dirty_rows():
            row = self._rows[number]
            pending.append(
                (
                    number,
                    MeasurementInput(
                        period=row.period,
                        numerator=row.numbers.get("numerator"),
                        denominator=row.numbers.get("denominator"),
                        value=row.numbers.get("value"),
                        note=row.note.strip(),
                    ),
                )
            )
        return pending

    def typing_errors(self) -> dict[int, dict[str, str]]:
        """Cells whose text is not a number, per row: {row: {field: message}}."""
        found: dict[int, dict[str, str]] = {}
        for number, row in enumerate(self._rows):
            for key, text in row.raw.items():
                found.setdefault(number, {})[key] = translate(
                    "ObjectivesPage", "“{text}” is not a number."
                ).format(text=text)
        return found

    def set_errors(self, errors: dict[int, dict[str, str]]) -> None:
        """Show these messages on their cells (and clear every other cell's)."""
        for number, row in enumerate(self._rows):
            row.errors = dict(errors.get(number, {}))
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(self._keys) - 1))

    def errors(self) -> dict[int, dict[str, str]]:
        return {n: dict(row.errors) for n, row in enumerate(self._rows) if row.errors}

    def actual(self, number: int) -> float | None:
        row, objective = self._rows[number], self.objective
        if objective is None or row.raw:
            return None
        return quality.actual_value(
            objective.kind,
            objective.unit,
            row.numbers.get("numerator"),
            row.numbers.get("denominator"),
            row.numbers.get("value"),
        )

    def status(self, number: int) -> str | None:
        """The stored status, or for an edited row what it will be once saved."""
        row, objective = self._rows[number], self.objective
        if objective is None:
            return None
        if not row.is_dirty():
            return row.status
        actual = self.actual(number)
        if actual is None:
            return None
        try:
            return objective_status(
                actual, objective.target, Direction(objective.direction), objective.tolerance
            ).value
        except (ValidationError, ValueError):
            return None

    # QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        if not 0 <= section < len(self._keys) or self.objective is None:
            return None
        objective = self.objective
        key = self._keys[section]
        unit = f" ({objective.unit})" if objective.unit else ""
        titles = {
            "period": translate("ObjectivesPage", "Period"),
            "numerator": objective.numerator_label or translate("ObjectivesPage", "Numerator"),
            "denominator": objective.denominator_label or translate("ObjectivesPage", "Denominator"),
            "value": translate("ObjectivesPage", "Value") + unit,
            "actual": translate("ObjectivesPage", "Actual") + unit,
            "status": translate("ObjectivesPage", "Status"),
            "note": translate("ObjectivesPage", "Note"),
        }
        return titles[key]

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editable = self.objective is not None and not self.objective.archived
        if editable and self._keys[index.column()] in ("numerator", "denominator", "value", "note"):
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        number = index.row()
        row = self._rows[number]
        key = self._keys[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._text(number, row, key, role == Qt.ItemDataRole.EditRole)
        if role == Qt.ItemDataRole.BackgroundRole:
            colour = self._background(number, row, key)
            return self._color(colour) if colour else None
        if role == Qt.ItemDataRole.ForegroundRole:
            if key == "status":
                colour = self._background(number, row, key)
                if colour in STATUS_COLORS.values():
                    return self._color(text_color_for(colour))
                return self._color(MISSING_TEXT) if row.missing else None
            if key == "period" and row.missing and not row.is_dirty():
                return self._color(MISSING_TEXT)
            return None
        if role == Qt.ItemDataRole.FontRole and key in ("actual", "status") and row.is_dirty():
            font = QFont()
            font.setItalic(True)  # not saved yet
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in (
            "numerator",
            "denominator",
            "value",
            "actual",
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, number: int, row: GridRow, key: str, editing: bool) -> str:
        objective = self.objective
        if key == "period":
            return row.period
        if key in ("numerator", "denominator", "value"):
            return row.raw[key] if key in row.raw else format_number(row.numbers.get(key))
        if key == "note":
            return row.note
        if key == "actual":
            return format_actual(self.actual(number), objective.unit if objective else "")
        if key == "status":
            status = self.status(number)
            if status is not None:
                return label("objective_status", status)
            if row.missing and not row.is_dirty():
                return translate("ObjectivesPage", "Missing")
            return ""
        return ""

    def _background(self, number: int, row: GridRow, key: str) -> str | None:
        if key in row.errors or key in row.raw:
            return ERROR_COLOR
        if key == "status":
            status = self.status(number)
            if status in STATUS_COLORS:
                return STATUS_COLORS[status]
            return MISSING_COLOR if row.missing and not row.is_dirty() else None
        if key == "period" and row.errors.get("period"):
            return ERROR_COLOR
        if key in ("numerator", "denominator", "value", "note") and row.is_dirty():
            before = row.stored_numbers()
            changed = (
                row.note.strip() != ("" if row.stored is None else row.stored.note)
                if key == "note"
                else row.numbers.get(key) != before.get(key)
            )
            return EDITED_COLOR if changed else None
        return None

    def _tooltip(self, row: GridRow, key: str) -> str | None:
        if key in row.errors:
            return row.errors[key]
        if key in row.raw:
            return translate("ObjectivesPage", "“{text}” is not a number.").format(text=row.raw[key])
        if row.missing and key in ("period", "status") and not row.is_dirty():
            return translate("ObjectivesPage", "No measurement is recorded for this period.")
        if row.is_dirty() and key in ("actual", "status"):
            return translate("ObjectivesPage", "Not saved yet.")
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or not index.isValid()
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        row = self._rows[index.row()]
        key = self._keys[index.column()]
        text = "" if value is None else str(value)
        if key == "note":
            row.note = text
        else:
            try:
                row.numbers[key] = parse_number(text)
                row.raw.pop(key, None)
            except ValueError:
                row.numbers[key] = None
                row.raw[key] = text.strip()
        # The user answered this cell: its old message no longer applies.
        row.errors.pop(key, None)
        if key in ("numerator", "denominator"):
            row.errors.pop("numerator", None)
            row.errors.pop("denominator", None)
        row.errors.pop("period", None)
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(self._keys) - 1))
        self._update_dirty()
        return True

    def _update_dirty(self) -> None:
        dirty = any(row.is_dirty() for row in self._rows)
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirtyChanged.emit(dirty)

    def _color(self, hex_colour: str) -> QColor:
        colour = self._colors.get(hex_colour)
        if colour is None:
            colour = self._colors[hex_colour] = QColor(hex_colour)
        return colour


class GridDelegate(QStyledItemDelegate):
    """A plain line editor; Enter and Tab commit at once (not queued) and let the view move on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: QLineEdit | None = None

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.data(Qt.ItemDataRole.TextAlignmentRole):
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editor = editor
        editor.destroyed.connect(self._forget)
        return editor

    def _forget(self, *_args: object) -> None:
        self.editor = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            hints = {
                Qt.Key.Key_Return: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                Qt.Key.Key_Enter: QAbstractItemDelegate.EndEditHint.SubmitModelCache,
                Qt.Key.Key_Tab: QAbstractItemDelegate.EndEditHint.EditNextItem,
                Qt.Key.Key_Backtab: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
            }
            hint = hints.get(Qt.Key(event.key()))
            if hint is not None:
                self.commitData.emit(watched)
                self.closeEditor.emit(watched, hint)
                return True
        return super().eventFilter(watched, event)


class MeasurementGridView(QTableView):
    """Excel-like entry: type a number to overwrite a cell; Enter goes to the next number, Tab to the next cell."""

    def __init__(self, model: MeasurementGridModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.grid_delegate = GridDelegate(self)
        self.setItemDelegate(self.grid_delegate)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.horizontalHeader().setStretchLastSection(True)
        self.horizontalHeader().setDefaultSectionSize(84)
        self._forwarding = False

    def grid_model(self) -> MeasurementGridModel:
        return self.model()  # type: ignore[return-value]

    def open_editor(self) -> QLineEdit | None:
        editor = self.grid_delegate.editor
        if editor is None or self.state() != QAbstractItemView.State.EditingState:
            return None
        return editor

    def move_to_next(self, columns: Sequence[int], backwards: bool = False) -> None:
        """Make the next (or previous) cell among `columns` current, wrapping to the next row."""
        model = self.grid_model()
        current = self.currentIndex()
        if not columns or model.rowCount() == 0:
            return
        row, column = (current.row(), current.column()) if current.isValid() else (0, -1)
        ordered = sorted(columns)
        if backwards:
            earlier = [c for c in ordered if c < column]
            target = (row, earlier[-1]) if earlier else (row - 1, ordered[-1])
        else:
            later = [c for c in ordered if c > column]
            target = (row, later[0]) if later else (row + 1, ordered[0])
        if 0 <= target[0] < model.rowCount():
            self.setCurrentIndex(model.index(*target))

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        model = self.grid_model()
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.move_to_next(model.entry_columns())
        elif hint == QAbstractItemDelegate.EndEditHint.EditNextItem:
            self.move_to_next(model.editable_columns())
        elif hint == QAbstractItemDelegate.EndEditHint.EditPreviousItem:
            self.move_to_next(model.editable_columns(), backwards=True)

    def _forward(self, event: QKeyEvent) -> bool:
        """Send a key the view received while editing to the editor (keys sent straight to the view)."""
        editor = self.open_editor()
        if editor is None or self._forwarding:
            return False
        self._forwarding = True
        try:
            copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QCoreApplication.sendEvent(editor, copy)
        finally:
            self._forwarding = False
        return True

    def _current_editable(self) -> bool:
        index = self.currentIndex()
        return index.isValid() and bool(index.flags() & Qt.ItemFlag.ItemIsEditable)

    def event(self, event: QEvent) -> bool:
        # Delete clears a cell here; without this the window's "archive" shortcut would take it.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self._current_editable()
        ):
            event.accept()
            return True
        # Tab would otherwise move the focus out of the grid before keyPressEvent sees it.
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):
            if not self._forward(event):
                backwards = event.key() == Qt.Key.Key_Backtab
                self.move_to_next(self.grid_model().editable_columns(), backwards=backwards)
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._forward(event):
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.move_to_next(self.grid_model().entry_columns())
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self._current_editable():
            self.model().setData(self.currentIndex(), "", Qt.ItemDataRole.EditRole)
            return
        super().keyPressEvent(event)

"""The Quality objectives page: the objectives, a measurement grid, and the control chart.

The grid is an editable QAbstractTableModel with one row per period from the first
measured period to the current one. Edits stay in the grid until "Save measurements"
sends them all to `record_measurements`, which saves all of them or none.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, timedelta
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain import regional
from opsdesk.domain.enums import Direction
from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.domain.periods import next_period, period_bounds, period_key
from opsdesk.domain.quality import VERDICT_CHANCE, VERDICT_MET, VERDICT_MISSED, objective_status
from opsdesk.reports.charts.common import text_color_for
from opsdesk.services import quality
from opsdesk.services.history import audit_history
from opsdesk.services.quality import (
    CHART_P,
    MeasurementInput,
    MeasurementRead,
    ObjectiveRead,
    ObjectiveSeries,
    PeriodPoint,
)
from opsdesk.services.settings import get_fiscal_start_month, list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import QUALITY, SETTINGS, AppContext
from opsdesk.ui.labels import invalid_value, label
from opsdesk.ui.pages.base import Page
from opsdesk.ui.regional import regional_format
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.table import RecordTableView

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
# Rebuild the chart when its width changed by more than this (pixels): tick and legend layout follow the width.
CHART_REBUILD_STEP = 40


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


def measurements_by_period(*, session: Any, objective_id: int, periods: Sequence[str]) -> dict[str, MeasurementRead]:
    """The stored measurement of each measured period, read in one session."""
    found = {}
    for period in periods:
        measurement = quality.get_measurement(session=session, objective_id=objective_id, period=period)
        if measurement is not None:
            found[period] = measurement
    return found


# -- the measurement grid -------------------------------------------------------------------


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
        if keep_edits and objective is not None and self.objective is not None and objective.id == self.objective.id:
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
        row = GridRow(period=period, stored=None, numbers={"numerator": None, "denominator": None, "value": None})
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
            objective.kind, objective.unit, row.numbers.get("numerator"), row.numbers.get("denominator"),
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
            return objective_status(actual, objective.target, Direction(objective.direction), objective.tolerance).value
        except (ValidationError, ValueError):
            return None

    # QAbstractTableModel ----------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._keys)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
        if role == Qt.ItemDataRole.TextAlignmentRole and key in ("numerator", "denominator", "value", "actual"):
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

    def setData(self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid() or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
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

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QWidget:
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


# -- the page --------------------------------------------------------------------------------


def rule_text(rule: int, fallback: str = "") -> str:
    """A short, translated name of a Western Electric rule."""
    texts = {
        1: translate("ObjectivesPage", "one point beyond 3 sigma"),
        2: translate("ObjectivesPage", "two of three points beyond 2 sigma on one side"),
        3: translate("ObjectivesPage", "four of five points beyond 1 sigma on one side"),
        4: translate("ObjectivesPage", "eight points in a row on one side of the centre line"),
    }
    return texts.get(rule, fallback)


def violation_lines(series: ObjectiveSeries) -> list[tuple[int, str]]:
    """'2026-09: rule 1 — one point beyond 3 sigma', with runs of one rule merged, rule 1 first."""
    measured = [point.period for point in series.points if not point.missing]
    position = {period: n for n, period in enumerate(measured)}
    by_rule: dict[int, list[str]] = {}
    descriptions: dict[int, str] = {}
    for period, rule, description in series.violations:
        by_rule.setdefault(rule, []).append(period)
        descriptions[rule] = description
    lines = []
    for rule in sorted(by_rule):
        periods = sorted(set(by_rule[rule]), key=lambda p: position.get(p, 0))
        runs: list[list[str]] = []
        for period in periods:
            if runs and position.get(period, -9) == position.get(runs[-1][-1], -9) + 1:
                runs[-1].append(period)
            else:
                runs.append([period])
        for run in runs:
            when = run[0] if len(run) == 1 else f"{run[0]} – {run[-1]}"
            text = translate("ObjectivesPage", "{when}: rule {rule} — {text}").format(
                when=when, rule=rule, text=rule_text(rule, descriptions[rule])
            )
            lines.append((rule, text))
    return lines


def verdict_text(verdict: str | None, direction: str) -> str:
    """What the control limits say about reaching the target."""
    lower_is_worse = direction == Direction.LOWER_IS_WORSE
    if verdict == VERDICT_MET:
        if lower_is_worse:
            return translate("ObjectivesPage", "The limits lie entirely above the target: the target is consistently met.")
        return translate("ObjectivesPage", "The limits lie entirely below the target: the target is consistently met.")
    if verdict == VERDICT_MISSED:
        if lower_is_worse:
            return translate("ObjectivesPage", "The limits lie entirely below the target: the target is consistently missed.")
        return translate("ObjectivesPage", "The limits lie entirely above the target: the target is consistently missed.")
    if verdict == VERDICT_CHANCE:
        return translate("ObjectivesPage", "The target lies inside the control limits: meeting it is a matter of chance.")
    return translate("ObjectivesPage", "Control limits need at least two measured periods.")


class ObjectivesPage(Page):
    """Objectives with their last status; per objective a measurement grid and a control chart."""

    topics = (QUALITY, SETTINGS)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.objective: ObjectiveRead | None = None
        self.series: ObjectiveSeries | None = None
        self.start_month = 1
        self._syncing = False
        self._saving = False
        self._chart_width = 0
        self._columns_fitted = False
        self._build()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)

        title_row = QHBoxLayout()
        title = QLabel(self.tr("Quality objectives"))
        title.setProperty("role", "pageTitle")
        title_row.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        title_row.addWidget(self.count_label)
        title_row.addStretch(1)
        self.new_button = QPushButton(self.tr("New objective…"))
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.archive_selected)
        for button in (self.new_button, self.edit_button, self.archive_button):
            title_row.addWidget(button)
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name, owner, description…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self._apply_filters)
        tools.addWidget(self.search, 1)
        self.department_filter = QComboBox()
        self.department_filter.addItem(self.tr("All departments"), None)
        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), ALL)
        for code in ("met", "at_risk", "missed"):
            self.status_filter.addItem(label("objective_status", code), code)
        self.status_filter.addItem(self.tr("No data"), NO_DATA)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        for combo in (self.department_filter, self.status_filter):
            combo.currentIndexChanged.connect(self._apply_filters)
            tools.addWidget(combo)
        self.show_archived.toggled.connect(self.refresh)
        tools.addWidget(self.show_archived)
        layout.addLayout(tools)

        self.model: RecordTableModel[ObjectiveRead] = RecordTableModel(self._columns(), self)
        self.table = RecordTableView(self.model)
        self.table.setObjectName("objectivesTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.opened.connect(lambda _row: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.detail = QStackedWidget()
        self.placeholder = QLabel(self.tr("Select an objective to see its measurements and control chart."))
        self.placeholder.setProperty("role", "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.addWidget(self.placeholder)
        self.detail.addWidget(self._build_detail())

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([172, 500])
        layout.addWidget(self.splitter, 1)

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_measurements)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.guard_writes(
            self.new_button, self.edit_button, self.archive_button, self.save_button, self.add_period_button,
            self.add_earlier_button, self.freeze_button, self.unfreeze_button, save,
        )  # fmt: skip
        self._grid_edit_triggers = self.grid.editTriggers()
        self._allow_grid_typing()

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(4)
        header = QHBoxLayout()
        self.detail_title = QLabel()
        bold = self.detail_title.font()
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        self.detail_title.setFont(bold)
        self.detail_info = QLabel()
        self.detail_info.setProperty("role", "muted")
        header.addWidget(self.detail_title)
        header.addSpacing(10)
        header.addWidget(self.detail_info, 1)
        layout.addLayout(header)

        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.addWidget(self._build_grid_panel())
        self.detail_splitter.addWidget(self._build_chart_panel())
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 3)
        self.detail_splitter.setSizes([500, 630])
        layout.addWidget(self.detail_splitter, 1)
        return panel

    def _build_grid_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        heading = QHBoxLayout()
        title = QLabel(self.tr("Measurements"))
        font = title.font()
        font.setBold(True)
        title.setFont(font)
        heading.addWidget(title)
        self.missing_label = QLabel()
        self.missing_label.setProperty("role", "muted")
        heading.addWidget(self.missing_label, 1)
        layout.addLayout(heading)

        self.grid_model = MeasurementGridModel(self)
        self.grid = MeasurementGridView(self.grid_model)
        self.grid.setObjectName("measurementGrid")
        self.grid.setMinimumWidth(360)
        self.grid_model.dirtyChanged.connect(self._grid_dirty_changed)
        layout.addWidget(self.grid, 1)

        self.grid_hint = QLabel(self.tr("Type a number to fill a cell; Enter goes to the next number, Tab to the next cell."))
        self.grid_hint.setProperty("role", "muted")
        self.grid_hint.setWordWrap(True)
        layout.addWidget(self.grid_hint)
        self.grid_error = QLabel()
        self.grid_error.setProperty("role", "error")
        self.grid_error.setWordWrap(True)
        self.grid_error.setTextFormat(Qt.TextFormat.PlainText)
        self.grid_error.hide()
        layout.addWidget(self.grid_error)

        buttons = QHBoxLayout()
        self.add_earlier_button = QPushButton(self.tr("Earlier period"))
        self.add_earlier_button.setToolTip(self.tr("Add the period before the first row"))
        self.add_earlier_button.clicked.connect(self.add_earlier_period)
        self.add_period_button = QPushButton(self.tr("Add period"))
        self.add_period_button.setToolTip(self.tr("Add the period after the last row"))
        self.add_period_button.clicked.connect(self.add_period)
        self.discard_button = QPushButton(self.tr("Discard"))
        self.discard_button.setToolTip(self.tr("Forget the changes typed since the last save"))
        self.discard_button.clicked.connect(self.discard_changes)
        self.save_button = QPushButton(self.tr("Save measurements"))
        self.save_button.setToolTip(self.tr("Save every changed row at once (Ctrl+S); nothing is saved if a row is wrong"))
        self.save_button.clicked.connect(self.save_measurements)
        buttons.addWidget(self.add_earlier_button)
        buttons.addWidget(self.add_period_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        return panel

    def _build_chart_panel(self) -> QWidget:
        panel = QWidget()
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.chart = ChartView()
        self.chart.setObjectName("controlChart")
        self.chart.setMinimumHeight(220)
        self.chart.installEventFilter(self)
        self._chart_timer = QTimer(self, singleShot=True, interval=150)
        self._chart_timer.timeout.connect(self._draw_chart)
        layout.addWidget(self.chart, 1)

        info = QHBoxLayout()
        info.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(3)
        self.verdict_label = QLabel()
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setWordWrap(True)
        self.chart_note = QLabel()
        self.chart_note.setProperty("role", "muted")
        self.chart_note.setWordWrap(True)
        self.baseline_label = QLabel()
        self.baseline_label.setWordWrap(True)
        baseline_buttons = QHBoxLayout()
        self.freeze_button = QPushButton(self.tr("Freeze baseline…"))
        self.freeze_button.setToolTip(self.tr("Compute the limits from chosen periods only"))
        self.freeze_button.clicked.connect(lambda: self.freeze_baseline())
        self.unfreeze_button = QPushButton(self.tr("Unfreeze"))
        self.unfreeze_button.setToolTip(self.tr("Compute the limits from every measured period again"))
        self.unfreeze_button.clicked.connect(self.unfreeze_baseline)
        baseline_buttons.addWidget(self.freeze_button)
        baseline_buttons.addWidget(self.unfreeze_button)
        baseline_buttons.addStretch(1)
        for widget in (self.verdict_label, self.chart_note, self.baseline_label):
            left.addWidget(widget)
        left.addLayout(baseline_buttons)
        left.addStretch(1)
        info.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(3)
        violations_title = QLabel(self.tr("Rule violations"))
        font = violations_title.font()
        font.setBold(True)
        violations_title.setFont(font)
        self.violations = QListWidget()
        self.violations.setObjectName("ruleViolations")
        self.violations.setFrameShape(QFrame.Shape.StyledPanel)
        self.violations.setWordWrap(True)
        self.violations.setFixedHeight(92)
        right.addWidget(violations_title)
        right.addWidget(self.violations)
        info.addLayout(right, 1)
        layout.addLayout(info)
        return panel

    def _columns(self) -> list[Column[ObjectiveRead]]:
        def status_colour(row: ObjectiveRead) -> str | None:
            return STATUS_COLORS.get(row.last_status or "")

        def muted_if_archived(row: ObjectiveRead) -> str | None:
            return ARCHIVED_TEXT if row.archived else None

        return [
            Column(
                "name", self.tr("Objective"), lambda r: r.name, foreground=muted_if_archived,
                tooltip=lambda r: "\n".join(part for part in (r.name, r.description) if part),
            ),
            Column("department", self.tr("Department"), lambda r: r.department),
            Column("kind", self.tr("Kind"), lambda r: label("objective_kind", r.kind)),
            Column("target", self.tr("Target"), target_text, sort_key=lambda r: r.target),
            Column("direction", self.tr("Direction"), lambda r: label("direction", r.direction)),
            Column("tolerance", self.tr("Tolerance"), lambda r: r.tolerance, align_right=True, hidden_by_default=True),
            Column("frequency", self.tr("Frequency"), lambda r: label("frequency", r.frequency), hidden_by_default=True),
            Column("last_period", self.tr("Last period"), lambda r: r.last_period),
            Column(
                "last_value", self.tr("Last value"), lambda r: format_actual(r.last_value, r.unit),
                sort_key=lambda r: r.last_value, align_right=True,
            ),
            Column(
                "last_status",
                self.tr("Status"),
                lambda r: label("objective_status", r.last_status) if r.last_status else self.tr("No data"),
                sort_key=lambda r: STATUS_ORDER.get(r.last_status or "", 0),
                background=status_colour,
            ),
            Column("owner", self.tr("Owner"), lambda r: r.owner),
        ]

    # Loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload departments, objectives and the selected objective's detail."""
        self.start_month = self.context.call(get_fiscal_start_month)
        chosen = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(self.tr("All departments"), None)
        for item in self.context.call(list_departments):
            self.department_filter.addItem(item.name, item.id)
        index = self.department_filter.findData(chosen)
        self.department_filter.setCurrentIndex(max(index, 0))
        self.department_filter.blockSignals(False)
        rows = self.context.call(quality.list_objectives, include_archived=self.show_archived.isChecked())
        self._syncing = True
        try:
            self.model.set_rows(rows)
            self.model.set_filter(self._predicate())
        finally:
            self._syncing = False
        self._update_count()
        if not self._columns_fitted and rows:
            self._fit_table()
            self._fit_list_height()
        self._select(self.objective.id if self.objective else None, keep_edits=not self._saving)

    def _fit_table(self) -> None:
        self._columns_fitted = True
        self.table.fit_columns(maximum=260)

    def _fit_list_height(self) -> None:
        """Give the list room for its objectives (up to a few), the detail the rest."""
        rows = min(max(self.model.rowCount(), 3), 7)
        frame = 2 * self.table.frameWidth()
        wanted = self.table.horizontalHeader().sizeHint().height() + rows * self.table.verticalHeader().defaultSectionSize() + frame + 2
        total = sum(self.splitter.sizes()) or 680
        self.splitter.setSizes([wanted, max(total - wanted, 300)])

    def _predicate(self):
        text = self.search.text().strip().casefold()
        department = self.department_filter.currentData()
        status = self.status_filter.currentData()

        def keep(row: ObjectiveRead) -> bool:
            if department is not None and row.department_id != department:
                return False
            if status == NO_DATA and row.last_status is not None:
                return False
            if status not in (ALL, NO_DATA, None) and row.last_status != status:
                return False
            if text:
                haystack = " ".join((row.name, row.owner, row.department, row.description)).casefold()
                return text in haystack
            return True

        return keep

    def _apply_filters(self, *_args: object) -> None:
        self._syncing = True
        try:
            self.model.set_filter(self._predicate())
        finally:
            self._syncing = False
        self._update_count()
        self._select(self.objective.id if self.objective else None, keep_edits=True)

    def _update_count(self) -> None:
        shown, total = self.model.rowCount(), self.model.total_count()
        text = self.tr("%n objective(s)", "", total) if shown == total else self.tr("{shown} of {total}").format(
            shown=shown, total=total
        )
        self.count_label.setText(text)

    def _select(self, objective_id: int | None, *, keep_edits: bool) -> None:
        """Select an objective in the list (or the first one) and show its detail."""
        self._syncing = True
        try:
            found = objective_id is not None and self.table.select_where(lambda r: r.id == objective_id)
            # An objective with unsaved measurements stays on screen even when filtered out of the list.
            keep_hidden = not found and keep_edits and self.objective is not None and self.grid_model.is_dirty()
            if keep_hidden:
                self.table.clearSelection()
            elif not found and self.model.rowCount():
                self.table.selectRow(0)
        finally:
            self._syncing = False
        if keep_hidden:
            self._load_detail(self.objective.id, keep_edits=True)
            return
        current = self.table.current_row() if self.model.rowCount() else None
        self._load_detail(current.id if current else None, keep_edits=keep_edits)

    def _current_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if self._syncing or not current.isValid():
            return
        row = self.model.row(current.row())
        if self.objective is not None and row.id == self.objective.id:
            return
        if not self._confirm_leave_grid():
            # Go back to the objective being edited.
            self._syncing = True
            try:
                self.table.select_where(lambda r: r.id == self.objective.id)
            finally:
                self._syncing = False
            return
        self._load_detail(row.id, keep_edits=False)

    def _confirm_leave_grid(self) -> bool:
        """True when the grid may be left: nothing typed, saved, or discarded on request."""
        if not self.grid_model.is_dirty():
            return True
        answer = messages.ask_unsaved_changes(self)
        if answer == "save":
            return self.save_measurements()
        if answer == "discard":
            self.grid_model.discard_edits()
            self._clear_grid_error()
            return True
        return False

    def _load_detail(self, objective_id: int | None, *, keep_edits: bool) -> None:
        self.placeholder.setText(self.tr("Select an objective to see its measurements and control chart."))
        if objective_id is None:
            self.objective = self.series = None
            self.grid_model.load(None, [], [], {})
            self.detail.setCurrentIndex(0)
            self._update_buttons()
            return
        try:
            series = self.context.call(quality.objective_series, objective_id=objective_id)
        except ValidationError as exc:
            # A value written outside OpsDesk: say so in place; the rest of the page works.
            self.objective = self.series = None
            self.grid_model.load(None, [], [], {})
            self.placeholder.setText(exc.summary().split(": ", 1)[-1])
            self.detail.setCurrentIndex(0)
            self._update_buttons()
            return
        measured = [point.period for point in series.points if not point.missing]
        stored = self.context.call(measurements_by_period, objective_id=objective_id, periods=measured)
        objective = series.objective
        periods = [point.period for point in series.points] or [self._current_period(objective)]
        if not keep_edits or self.objective is None or self.objective.id != objective_id:
            self._clear_grid_error()
        self.grid_model.load(objective, periods, series.points, stored, keep_edits=keep_edits)
        self.objective, self.series = objective, series
        self.detail.setCurrentIndex(1)
        self._show_objective(objective)
        self._show_series(series)
        self._fit_grid()
        self._update_buttons()

    def _current_period(self, objective: ObjectiveRead) -> str:
        return period_key(date.today(), objective.frequency, self.start_month)

    def _fit_grid(self) -> None:
        header = self.grid.horizontalHeader()
        for column in range(self.grid_model.columnCount()):
            key = self.grid_model.column_key(column)
            if key == "note":
                continue
            width = max(self.grid.sizeHintForColumn(column), header.sectionSizeHint(column), 56)
            header.resizeSection(column, min(width, 130))

    def _show_objective(self, objective: ObjectiveRead) -> None:
        self.detail_title.setText(objective.name)
        parts = [
            self.tr("Target {target}").format(target=target_text(objective)),
            self.tr("tolerance {tolerance}").format(tolerance=format_actual(objective.tolerance, objective.unit)),
            label("frequency", objective.frequency),
            objective.department,
        ]
        if objective.owner:
            parts.append(self.tr("owner {owner}").format(owner=objective.owner))
        if objective.archived:
            parts.append(self.tr("archived"))
        self.detail_info.setText(" · ".join(parts))

    def _show_series(self, series: ObjectiveSeries) -> None:
        objective = series.objective
        missing = sum(1 for point in series.points if point.missing)
        self.missing_label.setText(
            self.tr("%n period(s) missing", "", missing) if missing else ""
        )
        if series.chart == CHART_P:
            note = self.tr(
                "p-chart: limits at 3 sigma around the pooled proportion, wider where a period's sample is smaller."
            )
        else:
            note = self.tr("XmR chart: limits at 3 sigma around the mean, sigma from the average moving range.")
        self.chart_note.setText(note)
        self.verdict_label.setText(verdict_text(series.verdict, objective.direction))
        self.baseline_label.setText(self._baseline_text(objective, series))
        self.violations.clear()
        lines = violation_lines(series)
        if lines:
            for rule, line in lines:
                item = QListWidgetItem(line)
                item.setData(Qt.ItemDataRole.UserRole, rule)
                if rule == 1:
                    item.setForeground(QColor("#C62828"))  # a point beyond the limits: the strongest signal
                self.violations.addItem(item)
        else:
            text = (
                self.tr("No rule is broken: the process is in statistical control.")
                if series.center is not None
                else self.tr("Rules are checked once there are control limits.")
            )
            item = QListWidgetItem(text)
            item.setForeground(QColor(MISSING_TEXT))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.violations.addItem(item)
        self._draw_chart()

    def _baseline_text(self, objective: ObjectiveRead, series: ObjectiveSeries) -> str:
        if objective.baseline_first is None or objective.baseline_last is None:
            return self.tr("Baseline: every measured period (not frozen).")
        when = objective.baseline_frozen_at
        text = self.tr("Baseline {first} – {last}").format(first=objective.baseline_first, last=objective.baseline_last)
        if when is not None:
            local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()
            text += self.tr(", frozen on {day}").format(day=local.date().isoformat())
            who = self._frozen_by(objective.id)
            if who:
                text += self.tr(" by {user}").format(user=who)
        return text + "."

    def _frozen_by(self, objective_id: int) -> str | None:
        """Who froze the baseline, from the audit trail (its newest freeze)."""
        for entry in self.context.call(audit_history, entity="qualityobjective", entity_id=objective_id):
            if entry.field == "baseline_frozen_at" and entry.new_value is not None:
                return entry.user
        return None

    def chart_labels(self) -> dict[str, str]:
        return {
            "actual": self.tr("Actual"),
            "target": self.tr("Target"),
            "center": self.tr("Centre line"),
            "limits": self.tr("Control limits"),
            "violation": self.tr("Rule broken"),
            "baseline": self.tr("Baseline"),
        }

    def _draw_chart(self) -> None:
        from opsdesk.reports.charts.control_chart import build_control_chart_figure

        if self.series is None:
            return
        dpi = 100
        self._chart_width = self.chart.width()
        width = max(self.chart.width(), 420)
        height = max(self.chart.height(), 220)
        figure = build_control_chart_figure(
            self.series,
            title=self.series.objective.name,
            labels=self.chart_labels(),
            width=width / dpi,
            height=height / dpi,
            dpi=dpi,
        )
        self.chart.set_figure(figure)

    def chart_is_current(self) -> bool:
        """True when the chart was drawn for the chart area's present width (no redraw pending)."""
        if self.series is None:
            return True
        return not self._chart_timer.isActive() and abs(self.chart.width() - self._chart_width) <= CHART_REBUILD_STEP

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tick thinning and legend columns follow the width: redraw after a real resize.
        if watched is self.chart and event.type() == QEvent.Type.Resize and self.series is not None:
            if abs(self.chart.width() - self._chart_width) > CHART_REBUILD_STEP:
                self._chart_timer.start()
        return super().eventFilter(watched, event)

    def _update_buttons(self) -> None:
        objective = self.objective
        has = objective is not None
        active = has and not objective.archived
        dirty = self.grid_model.is_dirty()
        self.edit_button.setEnabled(has)
        self.archive_button.setEnabled(has)
        self.archive_button.setText(self.tr("Restore") if has and objective.archived else self.tr("Archive"))
        self.save_button.setEnabled(active and dirty)
        self.discard_button.setEnabled(dirty)
        self.add_period_button.setEnabled(active)
        self.add_earlier_button.setEnabled(active)
        measured = 0 if self.series is None else sum(1 for p in self.series.points if not p.missing)
        frozen = has and objective.baseline_first is not None
        self.freeze_button.setEnabled(has and measured >= 2)
        self.freeze_button.setText(self.tr("Change baseline…") if frozen else self.tr("Freeze baseline…"))
        self.unfreeze_button.setEnabled(frozen)

    def _grid_dirty_changed(self, _dirty: bool) -> None:
        self._update_buttons()

    def update_write_controls(self) -> None:
        self._allow_grid_typing()
        self._update_buttons()

    def _allow_grid_typing(self) -> None:
        # A role that may not save measurements is not invited to type them.
        allowed = self.context.can_edit
        self.grid.setEditTriggers(self._grid_edit_triggers if allowed else QAbstractItemView.EditTrigger.NoEditTriggers)

    # Grid actions ------------------------------------------------------------------------

    def add_period(self) -> None:
        """Add an empty row for the period after the last one and put the cursor in it."""
        if self.objective is None:
            return
        periods = self.grid_model.periods()
        period = next_period(periods[-1], self.start_month) if periods else self._current_period(self.objective)
        number = self.grid_model.add_period(period)
        self._focus_cell(number)

    def add_earlier_period(self) -> None:
        """Add an empty row for the period before the first one (to enter older data)."""
        if self.objective is None:
            return
        periods = self.grid_model.periods()
        if not periods:
            self.add_period()
            return
        first_day = period_bounds(periods[0], self.start_month)[0]
        period = period_key(first_day - timedelta(days=1), self.objective.frequency, self.start_month)
        self.grid_model.add_period(period, at_start=True)
        self._focus_cell(0)

    def _focus_cell(self, row: int) -> None:
        columns = self.grid_model.entry_columns()
        if columns:
            index = self.grid_model.index(row, columns[0])
            self.grid.setCurrentIndex(index)
            self.grid.scrollTo(index)
        self.grid.setFocus()

    def discard_changes(self) -> None:
        self.grid_model.discard_edits()
        self._clear_grid_error()
        if self.objective is not None:
            self._load_detail(self.objective.id, keep_edits=False)

    def save_measurements(self) -> bool:
        """Save every changed row through record_measurements; on any error nothing is saved."""
        objective = self.objective
        if objective is None:
            return False
        editor = self.grid.open_editor()
        if editor is not None:
            # Ctrl+S while typing: take the cell being typed too.
            self.grid.commitData(editor)
            self.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
        pending = self.grid_model.pending()
        if not pending:
            return True
        typing = self.grid_model.typing_errors()
        if typing:
            self._show_grid_errors(typing)
            return False
        try:
            self._saving = True
            self.context.write(
                quality.record_measurements,
                topics=(QUALITY,),
                objective_id=objective.id,
                rows=[data for _, data in pending],
            )
        except ValidationError as exc:
            self._show_grid_errors(self._errors_by_row(exc, pending))
            return False
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Measurements not saved"))
            return False
        finally:
            self._saving = False
        # A visible page reloaded the grid on the write's signal; a hidden one catches up now.
        self._clear_grid_error()
        self.grid_model.discard_edits()
        self._reload_after_write()
        return True

    def _errors_by_row(
        self, error: ValidationError, pending: Sequence[tuple[int, MeasurementInput]]
    ) -> dict[int, dict[str, str]]:
        """Turn 'rows[2].numerator' keys back into grid rows and columns."""
        found: dict[int, dict[str, str]] = {}
        for key, message in error.errors.items():
            row_number, field_name = -1, "period"
            if key.startswith("rows[") and "]." in key:
                position, field_name = key[5:].split("].", 1)
                if position.isdigit() and int(position) < len(pending):
                    row_number = pending[int(position)][0]
            if row_number < 0:
                # A refusal about the whole grid (e.g. an archived objective): show it on every edited row.
                for number, _ in pending:
                    found.setdefault(number, {})["period"] = message
                continue
            found.setdefault(row_number, {})[field_name] = message
        return found

    def _show_grid_errors(self, errors: dict[int, dict[str, str]]) -> None:
        self.grid_model.set_errors(errors)
        lines = []
        for number in sorted(errors):
            period = self.grid_model.grid_row(number).period
            for message in errors[number].values():
                lines.append(f"{period}: {message}")
        text = self.tr("Nothing was saved. Correct the marked cells:") + "\n" + "\n".join(lines)
        self.grid_error.setText(text)
        self.grid_error.show()
        first = min(errors)
        column = next(
            (self.grid_model.column_of(key) for key in errors[first] if self.grid_model.column_of(key) >= 0), 0
        )
        self.grid.setCurrentIndex(self.grid_model.index(first, column))
        messages.show_error(self, self.tr("Measurements not saved"), text)

    def _clear_grid_error(self) -> None:
        self.grid_error.clear()
        self.grid_error.hide()
        self.grid_model.set_errors({})

    # Baseline -------------------------------------------------------------------------------

    def freeze_baseline(self, first: str | None = None, last: str | None = None) -> bool:
        """Freeze the limits on a range of periods (asked for when not given)."""
        from opsdesk.ui.dialogs.objective_editor import BaselineDialog

        objective, series = self.objective, self.series
        if objective is None or series is None:
            return False
        if first is None or last is None:
            measured = [point.period for point in series.points if not point.missing]
            chosen = BaselineDialog.ask(
                self, measured, first=objective.baseline_first, last=objective.baseline_last
            )
            if chosen is None:
                return False
            first, last = chosen
        try:
            self.context.write(
                quality.freeze_baseline,
                topics=(QUALITY,),
                objective_id=objective.id,
                first=first,
                last=last,
                expected_version=objective.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Baseline not frozen"))
            return False
        self._reload_after_write()
        return True

    def unfreeze_baseline(self) -> bool:
        """Compute the limits from every measured period again."""
        objective = self.objective
        if objective is None:
            return False
        try:
            self.context.write(
                quality.unfreeze_baseline, topics=(QUALITY,), objective_id=objective.id,
                expected_version=objective.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return False
        self._reload_after_write()
        return True

    def _reload_after_write(self) -> None:
        # A visible page refreshed on the write's signal; a hidden one catches up now.
        if self._stale:
            self._stale = False
            self.refresh()

    # Page ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.objective_editor import ObjectiveEditor

        if not self._confirm_leave_grid():
            return True
        created = ObjectiveEditor.ask(self, self.context, department_id=self.department_filter.currentData())
        if created is not None:
            self._reload_after_write()
            self.apply_filter(objective_id=created.id)
        return True

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.objective_editor import ObjectiveEditor

        if self.objective is None:
            return
        saved = ObjectiveEditor.ask(self, self.context, self.objective)
        if saved is not None:
            self._reload_after_write()

    def archive_selected(self) -> None:
        objective = self.objective
        if objective is None:
            return
        if objective.archived:
            question = self.tr("Restore the objective “{name}”?").format(name=objective.name)
            ok = self.tr("Restore")
        else:
            question = self.tr(
                "Archive the objective “{name}”? It disappears from the list and the dashboard; "
                "its measurements are kept and it can be restored."
            ).format(name=objective.name)
            ok = self.tr("Archive")
        if not messages.confirm(self, ok, question, ok):
            return
        try:
            self.context.write(
                quality.set_objective_archived,
                topics=(QUALITY,),
                objective_id=objective.id,
                archived=not objective.archived,
                expected_version=objective.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return
        self.grid_model.discard_edits()
        self._reload_after_write()

    def apply_filter(self, **criteria: Any) -> None:
        """status=met/at_risk/missed/no_data, department_id=…, objective_id=… (selects it)."""
        self.ensure_fresh()
        widgets = (self.search, self.department_filter, self.status_filter)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            if "status" in criteria:
                index = self.status_filter.findData(criteria["status"] or ALL)
                self.status_filter.setCurrentIndex(max(index, 0))
            if "department_id" in criteria:
                index = self.department_filter.findData(criteria["department_id"])
                self.department_filter.setCurrentIndex(max(index, 0))
            objective_id = criteria.get("objective_id")
            if objective_id is not None and not any(r.id == objective_id for r in self.model.all_rows()):
                self.show_archived.blockSignals(True)
                self.show_archived.setChecked(True)
                self.show_archived.blockSignals(False)
                self.refresh()
            if objective_id is not None and self.model.find_row(lambda r: r.id == objective_id) < 0:
                # Clear the filters that hide the objective asked for.
                self.search.clear()
                self.department_filter.setCurrentIndex(0)
                self.status_filter.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._syncing = True
        try:
            self.model.set_filter(self._predicate())
        finally:
            self._syncing = False
        self._update_count()
        if objective_id is not None:
            if self.objective is None or self.objective.id != objective_id:
                if not self._confirm_leave_grid():
                    self._select(self.objective.id if self.objective else None, keep_edits=True)
                    return
            self._select(objective_id, keep_edits=self.objective is not None and self.objective.id == objective_id)
        else:
            self._select(self.objective.id if self.objective else None, keep_edits=True)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("objectives/splitter", self.splitter.saveState())
        settings.setValue("objectives/detail_splitter", self.detail_splitter.saveState())
        self.table.save_state(settings, "objectives/table")

    def restore_state(self, settings: QSettings) -> None:
        from PySide6.QtCore import QByteArray

        for key, splitter in (("objectives/splitter", self.splitter), ("objectives/detail_splitter", self.detail_splitter)):
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        if self.table.restore_state(settings, "objectives/table"):
            self._columns_fitted = True

"""One table model for every list: rows are plain read dataclasses from the services.

Filtering and sorting happen in Python on the row list (not in a QSortFilterProxyModel,
whose per-row callbacks into Python are what makes 20,000-row tables slow); the view
only ever asks `data()` for the rows it paints.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from opsdesk.domain.numbers import is_storable_number
from opsdesk.reports.charts.common import text_color_for
from opsdesk.ui.labels import invalid_value
from opsdesk.ui.regional import display_number

Row = TypeVar("Row")
Index = QModelIndex | QPersistentModelIndex

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
# The roles as plain ints: compared for every cell painted, faster than Qt's enum members.
DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_KEEP = object()  # set_rows: keep the current filter
_ANSWERED = frozenset({DISPLAY, BACKGROUND, FOREGROUND, TOOLTIP, ALIGNMENT, int(SORT_ROLE), int(ROW_ROLE)})


@dataclass(frozen=True)
class Column(Generic[Row]):
    """How one column shows a row: text, sort key, colours, alignment."""

    key: str
    title: str
    value: Callable[[Row], Any]
    sort_key: Callable[[Row], Any] | None = None
    background: Callable[[Row], str | None] | None = None  # hex colour, e.g. a level band
    foreground: Callable[[Row], str | None] | None = None
    tooltip: Callable[[Row], str | None] | None = None
    align_right: bool = False
    hidden_by_default: bool = False


def display_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "✓" if value else ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if not is_storable_number(value):  # written outside OpsDesk (inf, 1.7e308): said in place
            return invalid_value()
        return display_number(value, grouping=True, decimals=2)
    return str(value)


def _sortable(value: Any) -> tuple[int, Any]:
    # None sorts last whatever the type; mixed types compare by their text.
    if value is None:
        return (1, "")
    if isinstance(value, str):
        return (0, value.casefold())
    return (0, value)


class RecordTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of dataclasses, filtered by a predicate and sorted by a column, in Python."""

    def __init__(self, columns: Sequence[Column[Row]], parent=None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self._all: list[Row] = []
        self._rows: list[Row] = []
        self._predicate: Callable[[Row], bool] | None = None
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        self._colors: dict[str, QColor] = {}

    # Data in ------------------------------------------------------------------------

    def set_rows(self, rows: Sequence[Row], predicate: Callable[[Row], bool] | None | object = _KEEP) -> None:
        """Show these rows, filtered by the current predicate or by `predicate` (None: every row)."""
        self.beginResetModel()
        self._all = list(rows)
        if predicate is not _KEEP:
            self._predicate = predicate  # type: ignore[assignment]
        self._rows = self._filtered()
        self._sort_rows()
        self.endResetModel()

    def set_filter(self, predicate: Callable[[Row], bool] | None, *, narrowing: bool = False) -> None:
        """Show the rows `predicate` keeps. `narrowing`: it keeps no row the current filter hides
        (a search text that only grew), so only the rows shown now are tested, already in order."""
        self.beginResetModel()
        self._predicate = predicate
        if narrowing and predicate is not None:
            self._rows = list(filter(predicate, self._rows))
        else:
            self._rows = self._filtered()
            self._sort_rows()
        self.endResetModel()

    def _filtered(self) -> list[Row]:
        if self._predicate is None:
            return list(self._all)
        return list(filter(self._predicate, self._all))

    # Data out -----------------------------------------------------------------------

    def row(self, index: int) -> Row:
        return self._rows[index]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def all_rows(self) -> list[Row]:
        return list(self._all)

    def total_count(self) -> int:
        return len(self._all)

    def find_row(self, predicate: Callable[[Row], bool]) -> int:
        for number, row in enumerate(self._rows):
            if predicate(row):
                return number
        return -1

    def column_index(self, key: str) -> int:
        for number, column in enumerate(self.columns):
            if column.key == key:
                return number
        raise KeyError(key)

    # QAbstractTableModel ------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if 0 <= section < len(self.columns):
                return self.columns[section].title
        return None

    def data(self, index: Index, role: int = DISPLAY) -> Any:
        # Called for every painted cell and role: roles the model does not answer leave first.
        if role not in _ANSWERED or not index.isValid():
            return None
        number = index.row()
        if not 0 <= number < len(self._rows):
            return None
        row = self._rows[number]
        column = self.columns[index.column()]
        if role == DISPLAY:
            return display_text(column.value(row))
        if role == SORT_ROLE:
            return (column.sort_key or column.value)(row)
        if role == ROW_ROLE:
            return row
        if role == BACKGROUND:
            if column.background is None:
                return None
            colour = column.background(row)
            return self._color(colour) if colour else None
        if role == FOREGROUND:
            if column.foreground is not None:
                colour = column.foreground(row)
                if colour:
                    return self._color(colour)
            if column.background is not None:
                colour = column.background(row)
                return self._color(text_color_for(colour)) if colour else None
        if role == TOOLTIP and column.tooltip is not None:
            return column.tooltip(row)
        if role == ALIGNMENT and column.align_right:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _color(self, hex_colour: str) -> QColor:
        colour = self._colors.get(hex_colour)
        if colour is None:
            colour = self._colors[hex_colour] = QColor(hex_colour)
        return colour

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        # Keep selections on the same records while they move.
        persistent = self.persistentIndexList()
        tracked = [(self._rows[i.row()], i.column()) for i in persistent if 0 <= i.row() < len(self._rows)]
        self._sort_column, self._sort_order = column, order
        self._sort_rows()
        if tracked:
            position = {id(row): number for number, row in enumerate(self._rows)}
            self.changePersistentIndexList(
                persistent, [self.index(position[id(row)], col) for row, col in tracked]
            )
        self.layoutChanged.emit()

    def _sort_rows(self) -> None:
        if not (0 <= self._sort_column < len(self.columns)):
            return
        column = self.columns[self._sort_column]
        key = column.sort_key or column.value
        self._rows.sort(
            key=lambda row: _sortable(key(row)),
            reverse=self._sort_order == Qt.SortOrder.DescendingOrder,
        )

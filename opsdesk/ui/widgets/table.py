"""A table view with a column chooser, remembered layout and Enter/double-click to open."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QSettings, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from opsdesk.ui.table_model import RecordTableModel

#: fitting a column to its content measures the rows in view and this many in all (Qt's default,
#: 1000, costs tens of thousands of cell reads on a list of thousands: 50 ms and more per table)
FIT_SAMPLE_ROWS = 50


class RecordTableView(QTableView):
    """Emits `opened(row)` on double-click or Enter; the header's context menu picks columns."""

    opened = Signal(object)

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(model)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setAlternatingRowColors(True)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionsMovable(True)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setDefaultSectionSize(110)
        header.setResizeContentsPrecision(FIT_SAMPLE_ROWS)
        self.doubleClicked.connect(lambda index: self.opened.emit(model.row(index.row())))
        for number, column in enumerate(model.columns):
            self.setColumnHidden(number, column.hidden_by_default)
        self.sortByColumn(-1, Qt.SortOrder.AscendingOrder)

    def record_model(self) -> RecordTableModel:
        return self.model()  # type: ignore[return-value]

    def selected_rows(self) -> list[Any]:
        model = self.record_model()
        numbers = sorted({index.row() for index in self.selectionModel().selectedRows()})
        return [model.row(number) for number in numbers]

    def current_row(self) -> Any | None:
        index = self.currentIndex()
        return self.record_model().row(index.row()) if index.isValid() else None

    def select_where(self, predicate) -> bool:
        number = self.record_model().find_row(predicate)
        if number < 0:
            return False
        self.selectRow(number)
        self.scrollTo(self.record_model().index(number, 0))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.current_row())
            return
        super().keyPressEvent(event)

    def _column_menu(self, position) -> None:
        menu = QMenu(self)
        model = self.record_model()
        for number, column in enumerate(model.columns):
            action = menu.addAction(column.title)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(number))
            action.toggled.connect(lambda visible, n=number: self.setColumnHidden(n, not visible))
        menu.exec(self.horizontalHeader().mapToGlobal(position))

    def fit_columns(self, maximum: int = 320) -> None:
        """Size columns to their content once, within a maximum, so long text cannot take over."""
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for number in range(header.count()):
            if header.sectionSize(number) > maximum:
                header.resizeSection(number, maximum)

    def save_state(self, settings: QSettings, key: str) -> None:
        settings.setValue(f"{key}/header", self.horizontalHeader().saveState())

    def restore_state(self, settings: QSettings, key: str) -> bool:
        state = settings.value(f"{key}/header")
        if isinstance(state, QByteArray) and not state.isEmpty():
            return self.horizontalHeader().restoreState(state)
        return False


def fit_columns_snugly(
    table: RecordTableView, maximum: int = 240, stretch: str | None = None, caps: dict[str, int] | None = None
) -> None:
    """Size columns to their content (the rows in view and a sample: FIT_SAMPLE_ROWS) and header words (not the sort
    arrow), then give the rest to `stretch`."""
    caps = caps or {}
    model = table.record_model()
    header = table.horizontalHeader()
    metrics = header.fontMetrics()
    for number, column in enumerate(model.columns):
        if table.isColumnHidden(number):
            continue
        words = max(metrics.horizontalAdvance(line) for line in column.title.split("\n"))
        # Header text is drawn semi-bold: allow a tenth more, plus the section padding.
        width = max(table.sizeHintForColumn(number), int(words * 1.1) + 18)
        limit = caps.get(column.key, maximum)
        header.resizeSection(number, min(width, limit))
    if stretch is not None:
        # The stretched column follows the table's width; the others keep their fitted sizes.
        header.setStretchLastSection(False)
        header.setSectionResizeMode(model.column_index(stretch), QHeaderView.ResizeMode.Stretch)


def settle_layouts() -> None:
    """Run the layout passes Qt has queued, so a page grabbed right after a refresh shows its new text."""
    for _ in range(3):  # a pass can resize children, which queue passes of their own
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

"""What the list pages share: a title row with the count and the write buttons, a search box and a
department filter wired to the page's filters, the dashboard's filter chip, the table, and its
column layout (and splitters) kept between sessions.

`ListPage` is a Page built from these parts; `ListControls` holds the parts themselves, so a
panel that lists records inside a page (the indicators' and the alerts' tabs) uses them too.
Each page still declares what is its own: the columns, the other filters, what the filters keep,
and what its buttons do.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk.services.settings import list_departments
from opsdesk.ui.context import EVERYTHING, AppContext
from opsdesk.ui.pages.base import Page
from opsdesk.ui.table_model import RecordTableModel
from opsdesk.ui.widgets.filter_chip import FilterChip
from opsdesk.ui.widgets.table import RecordTableView

#: the margins of a list page: room around the title row, less at the bottom
PAGE_MARGINS = (16, 12, 16, 8)


class ListControls:
    """The parts of a list, for a QWidget that has `context`, `guard_writes` and `_apply_filters`.

    The parts it builds are kept as attributes under fixed names (`count_label`, `search`,
    `department_filter`, `filter_chip`, `table`), which the page's tests and links use.
    """

    context: AppContext
    #: settings prefix of the column layout and splitters: "actions" keeps "actions/table"
    state_key: str = ""
    #: the table's settings name under state_key
    table_state_name: str = "table"

    table: RecordTableView
    search: QLineEdit
    department_filter: QComboBox
    count_label: QLabel
    filter_chip: FilterChip

    # Building ----------------------------------------------------------------------------------

    def list_layout(self, margins: tuple[int, int, int, int] | None = PAGE_MARGINS) -> QVBoxLayout:
        """The page's column of rows; `margins=None` keeps the style's margins."""
        layout = QVBoxLayout(self)  # type: ignore[arg-type]
        if margins is not None:
            layout.setContentsMargins(*margins)
            layout.setSpacing(8)
        return layout

    def title_row(self, title: str, *, count: bool = True, count_gap: int = 0) -> QHBoxLayout:
        """The page's title, then (muted) its count, then room: buttons are added after it."""
        row = QHBoxLayout()
        self.title_label = QLabel(title)
        self.title_label.setProperty("role", "pageTitle")
        row.addWidget(self.title_label)
        if count:
            self.count_label = QLabel()
            self.count_label.setProperty("role", "muted")
            if count_gap:
                row.addSpacing(count_gap)
            row.addWidget(self.count_label)
        row.addStretch(1)
        return row

    def add_button(
        self,
        row: QHBoxLayout,
        text: str,
        slot: Callable[..., Any],
        tooltip: str = "",
        *,
        writes: bool = True,
    ) -> QPushButton:
        """A button at the end of `row`; one that changes data is disabled for a read-only role."""
        button = QPushButton(text)
        if tooltip:
            button.setToolTip(tooltip)
        button.clicked.connect(lambda _checked=False: slot())
        row.addWidget(button)
        if writes:
            self.guard_writes(button)  # type: ignore[attr-defined]
        return button

    def search_box(self, placeholder: str, minimum_width: int = 0) -> QLineEdit:
        """The search box (`self.search`): every keystroke re-applies the page's filters."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        if minimum_width:
            self.search.setMinimumWidth(minimum_width)
        self.search.textChanged.connect(self._refilter)
        return self.search

    def filter_combo(
        self, all_text: str, items: Iterable[tuple[Any, str]] = (), all_value: Any = None
    ) -> QComboBox:
        """A filter combo: "All …" first, then the items; a choice re-applies the page's filters."""
        combo = QComboBox()
        combo.addItem(all_text, all_value)
        for data, text in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._refilter)
        return combo

    def department_combo(self) -> QComboBox:
        """The department filter (`self.department_filter`), filled by `fill_departments`."""
        self.department_filter = self.filter_combo(self.tr("All departments"))  # type: ignore[attr-defined]
        return self.department_filter

    def filter_chip_row(self, on_clear: Callable[[], Any]) -> QHBoxLayout:
        """The chip naming a dashboard card's filter (`self.filter_chip`); clearing it calls `on_clear`."""
        self.filter_chip = FilterChip()
        self.filter_chip.clearRequested.connect(lambda: on_clear())
        row = QHBoxLayout()
        row.addWidget(self.filter_chip)
        row.addStretch(1)
        return row

    def record_table(
        self, model: RecordTableModel, object_name: str, *, single_selection: bool = False
    ) -> RecordTableView:
        view = RecordTableView(model)
        view.setObjectName(object_name)
        if single_selection:
            view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        return view

    # Filters -----------------------------------------------------------------------------------

    def _refilter(self, *_args: object) -> None:
        self._apply_filters()  # type: ignore[attr-defined]

    def departments(self, by: str = "id") -> list[tuple[Any, str]]:
        """The register's departments as (id or name, name) for `fill_departments`."""
        return [
            (item.id if by == "id" else item.name, item.name) for item in self.context.call(list_departments)
        ]

    def fill_departments(
        self, items: list[tuple[Any, str]], combo: QComboBox | None = None, *, keep_missing: bool = False
    ) -> None:
        """Refill a department filter (`self.department_filter` unless told), keeping its choice."""
        self.refill_combo(
            combo if combo is not None else self.department_filter, items, keep_missing=keep_missing
        )

    def refill_combo(
        self, combo: QComboBox, items: list[tuple[Any, str]], *, keep_missing: bool = False
    ) -> None:
        """Refill a filter combo after its first ("All …") item, keeping its choice. A chosen value that
        is gone is kept when `keep_missing` (a link asked for it), else the filter goes back to "All"."""
        current, current_text = combo.currentData(), combo.currentText()
        combo.blockSignals(True)
        try:
            while combo.count() > 1:
                combo.removeItem(1)
            for data, text in items:
                combo.addItem(text, data)
            found = combo.findData(current)
            if found < 0 and current is not None and keep_missing:
                combo.addItem(current_text, current)
                found = combo.count() - 1
            combo.setCurrentIndex(max(found, 0))
        finally:
            combo.blockSignals(False)
        if found < 0 and current is not None:
            self._apply_filters()  # type: ignore[attr-defined]  # the filtered value is gone: show all

    @contextmanager
    def filters_held(self, *widgets: QWidget) -> Iterator[None]:
        """Set several filters (a dashboard link) quietly, then apply them all once."""
        for widget in widgets:
            widget.blockSignals(True)
        try:
            yield
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._apply_filters()  # type: ignore[attr-defined]

    @staticmethod
    def choose(combo: QComboBox, value: Any) -> None:
        """Select the item holding `value`, or the first ("All …") when none does."""
        combo.setCurrentIndex(max(combo.findData(value), 0))

    @staticmethod
    def choose_department(combo: QComboBox, department: Any) -> None:
        """A department given by name (a dashboard link) or by the filter's own value."""
        found = combo.findText(department) if isinstance(department, str) else combo.findData(department)
        if found < 0 and department is not None and not isinstance(department, str):
            found = combo.findText(str(department))
        combo.setCurrentIndex(max(found, 0))

    def show_count(self, whole: str, shown: int | None = None, total: int | None = None) -> None:
        """ "{n} meetings" when the filters hide nothing, else "{shown} of {total} shown"."""
        model = self.table.record_model()
        shown = model.rowCount() if shown is None else shown
        total = model.total_count() if total is None else total
        if shown == total:
            self.count_label.setText(whole.format(n=total))
        else:
            self.count_label.setText(
                self.tr("{shown} of {total} shown").format(shown=shown, total=total)  # type: ignore[attr-defined]
            )

    # Commands ----------------------------------------------------------------------------------

    def focus_search(self) -> None:
        """Ctrl+F: the cursor in the search box, its text selected to be typed over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # State -------------------------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        """The splitters whose sizes are remembered, by their settings name under state_key."""
        return {}

    def save_list_state(self, settings: QSettings) -> None:
        for name, splitter in self.splitters().items():
            settings.setValue(f"{self.state_key}/{name}", splitter.saveState())
        self.table.save_state(settings, f"{self.state_key}/{self.table_state_name}")

    def restore_list_state(self, settings: QSettings) -> bool:
        """Restore the splitters and the column layout; True when a saved layout was found."""
        for name, splitter in self.splitters().items():
            state = settings.value(f"{self.state_key}/{name}")
            if state is not None:
                splitter.restoreState(state)
        return self.table.restore_state(settings, f"{self.state_key}/{self.table_state_name}")


class ListPage(ListControls, Page):
    """A page that lists one kind of record: see ListControls for its parts.

    `columns_fitted` says the columns were sized to the data once (or a saved layout was
    restored), so a reload keeps the user's widths. With `refresh_once`, the topics a single
    write announces together (an action changes actions, risks and quality) reload once.
    """

    refresh_once = False

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.columns_fitted = False
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.ensure_fresh)

    def _on_data_changed(self, topic: str) -> None:
        if not self.refresh_once:
            super()._on_data_changed(topic)
            return
        if topic == EVERYTHING or topic in self.topics:
            self._stale = True
            if self.isVisible():
                self._refresh_timer.start()

    def catch_up(self) -> None:
        """After a write: a visible page reloaded on the write's topics; a hidden one catches up now."""
        if self._stale:
            self.ensure_fresh()

    def save_state(self, settings: QSettings) -> None:
        self.save_list_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        if self.restore_list_state(settings):
            self.columns_fitted = True

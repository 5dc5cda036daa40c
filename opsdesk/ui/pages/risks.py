"""The risk register: search, filters, coloured levels, bulk changes, archive and restore."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QItemSelection, QItemSelectionModel, QObject, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from opsdesk.domain.catalogue import choice_label, field_label
from opsdesk.domain.enums import RiskStatus
from opsdesk.domain.errors import OpsDeskError
from opsdesk.domain.fields import FieldKind
from opsdesk.domain.matrix import LevelBand, RiskMatrix
from opsdesk.domain.records import RISK
from opsdesk.services.risks import UNASSIGNED, RiskRow, register_rows, search_text, set_risks_archived
from opsdesk.services.settings import list_categories, list_departments
from opsdesk.ui import labels, messages, theme
from opsdesk.ui.context import ACTIONS, ALERTS, RISKS, SETTINGS, AppContext
from opsdesk.ui.dialogs.fields import CodeCombo
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel

NONE = "__none__"  # filter choice: the field is empty (not assessed, no strategy, no owner)
ACTIVE = "active"  # status filter choice: every status but closed
ARCHIVED_TEXT = "#90A4AE"  # readable on the light and the dark table
FILTER_KEYS = frozenset({
    "department_id", "category_id", "inherent_level", "residual_level", "status", "owner", "strategy",
    "above_appetite", "review_due", "search", "risk_id", "unassigned",
})  # fmt: skip

# The fields the filters and the search need, and the residual score (the register's ranking): read
# whatever columns are shown. A shown column's own field is read too (`_fields_needed`).
READ_ALWAYS = frozenset({
    "code", "title", "description", "owner", "category_id", "department_id", "status", "strategy",
    "inherent_level", "residual_level", "residual_score",
})  # fmt: skip
STORED = frozenset(spec.key for spec in RISK.stored())

# Column widths that fit the visible columns into a 1366-pixel window; the user's layout wins.
DEFAULT_WIDTHS = {
    "code": 66, "title": 240, "category": 96, "department": 100, "owner": 110, "status": 88,
    "inherent_level": 72, "residual_score": 56, "residual_level": 72, "target_level": 72, "strategy": 72,
    "next_review": 92, "open_actions": 62, "review_due": 80,
}  # fmt: skip


@dataclass(frozen=True)
class RiskLoad:
    """What the page reads on the worker."""

    rows: list[RiskRow]
    departments: list[Any]
    categories: list[Any]
    fields: frozenset[str]  # the stored fields the rows were read with


class RisksPage(ListPage):
    """The register as a filterable table; double-click or Enter opens the risk editor."""

    topics = (RISKS, ACTIONS, SETTINGS)
    state_key = "risks"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.matrix: RiskMatrix = labels.display_matrix(context.matrix())  # seeded names translated
        self._bands: dict[str, LevelBand] = {}
        self._ranks: dict[str, int] = {}
        self._read_matrix()
        self._applying = False
        self._shown_state: tuple | None = None  # the filters the table shows, to narrow while typing
        # The dashboard's "Unassigned" card: risks in the "Unassigned" department or category. It has
        # no control of its own, so it holds only while the other filters stay as they were set with it.
        self._unassigned = False
        self._unassigned_state: tuple | None = None
        self._owners: list[str] = []
        self._category_names: dict[int, str] = {}
        self._fields_read: frozenset[str] | None = None  # None: nothing loaded yet
        # The search text of each row, built on the first search after a load (`_search_texts`).
        self._search_rows: list[RiskRow] = []
        self._search_text: dict[int, str] | None = None

        title_row = self.title_row(self.tr("Risks"), count=False)
        self.new_button = self.add_button(
            title_row, self.tr("&New risk"), self.new_item, self.tr("Register a new risk (Ctrl+N)")
        )
        self.open_button = self.add_button(
            title_row,
            self.tr("&Open"),
            self.open_selected,
            self.tr("Open the selected risk (Enter or double-click)"),
            writes=False,
        )
        self.bulk_button = self.add_button(
            title_row,
            self.tr("&Bulk edit…"),
            self.bulk_edit,
            self.tr("Change owner, department, status or next review of the selected risks"),
        )
        self.archive_button = self.add_button(
            title_row,
            self.tr("&Archive"),
            self.archive_selected,
            self.tr("Archive the selected risks (Delete); nothing is lost"),
        )
        self.restore_button = self.add_button(
            title_row,
            self.tr("&Restore"),
            self.restore_selected,
            self.tr("Bring archived risks back into the register"),
        )

        self.search_box(self.tr("Search code, title, description, owner…"), 240)
        self.department_combo = CodeCombo()
        self.category_combo = CodeCombo()
        self.inherent_combo = CodeCombo()
        self.residual_combo = CodeCombo()
        self.status_combo = CodeCombo()
        self.owner_combo = CodeCombo()
        self.strategy_combo = CodeCombo()
        self.above_check = QCheckBox(self.tr("Above appetite"))
        self.due_check = QCheckBox(self.tr("Review overdue"))
        self.archived_check = QCheckBox(self.tr("Show archived"))
        self.clear_button = QPushButton(self.tr("Clear filters"))
        self.counter_label = QLabel()
        self.counter_label.setProperty("role", "muted")
        self.counter_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        tips = (
            (self.department_combo, self.tr("Department")), (self.category_combo, self.tr("Category")),
            (self.inherent_combo, self.tr("Inherent level")), (self.residual_combo, self.tr("Residual level")),
            (self.status_combo, self.tr("Status")), (self.owner_combo, self.tr("Owner")),
            (self.strategy_combo, self.tr("Response strategy")),
        )  # fmt: skip
        for combo, tip in tips:
            combo.setToolTip(tip)
            combo.setMinimumContentsLength(10)
            combo.setSizeAdjustPolicy(CodeCombo.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self._fill_fixed_choices()

        first_row = QHBoxLayout()
        first_row.addWidget(self.search, 2)
        for combo in (self.department_combo, self.category_combo, self.inherent_combo, self.residual_combo):
            first_row.addWidget(combo, 1)
        second_row = QHBoxLayout()
        for combo in (self.status_combo, self.owner_combo, self.strategy_combo):
            second_row.addWidget(combo, 1)
        for widget in (self.above_check, self.due_check, self.archived_check, self.clear_button):
            second_row.addWidget(widget)
        second_row.addWidget(self.counter_label, 1)

        self.model: RecordTableModel[RiskRow] = RecordTableModel(self._columns())
        self.table = self.record_table(self.model, "risksTable")
        self._auto_width = True  # the title column takes the free width until the user sizes a column
        self._sizing = False
        for key, width in DEFAULT_WIDTHS.items():
            self.table.setColumnWidth(self.model.column_index(key), width)
        self.table.horizontalHeader().sectionResized.connect(self._section_resized)
        self.table.viewport().installEventFilter(self)

        layout = self.list_layout(margins=None)
        layout.addLayout(title_row)
        layout.addLayout(first_row)
        layout.addLayout(second_row)
        layout.addLayout(self.filter_chip_row(self.clear_filters))
        layout.addWidget(self.table, 1)

        for combo, _tip in tips:
            combo.currentIndexChanged.connect(self._apply_filters)
        self.above_check.toggled.connect(self._apply_filters)
        self.due_check.toggled.connect(self._apply_filters)
        self.archived_check.toggled.connect(self._archived_toggled)
        self.clear_button.clicked.connect(self.clear_filters)
        self.table.opened.connect(lambda risk: self.open_risk(risk.id))
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # Columns -----------------------------------------------------------------------------

    def _read_matrix(self) -> None:
        self.matrix = labels.display_matrix(self.context.matrix())
        self._bands = {band.code: band for band in self.matrix.bands}
        self._ranks = {band.code: number for number, band in enumerate(self.matrix.bands)}

    def _level_column(self, key: str, title: str, hidden: bool = False) -> Column[RiskRow]:
        def name(row: RiskRow) -> str:
            code = getattr(row, key)
            band = self._bands.get(code) if code else None
            return band.name if band else ("" if code is None else labels.invalid_value())

        def color(row: RiskRow) -> str | None:
            code = getattr(row, key)
            band = self._bands.get(code) if code else None
            return band.color if band else None

        return Column(
            key, title, name, sort_key=lambda r: self._ranks.get(getattr(r, key) or "", None), background=color,
            hidden_by_default=hidden,
        )  # fmt: skip

    def _columns(self) -> list[Column[RiskRow]]:
        def muted(row: RiskRow) -> str | None:
            return ARCHIVED_TEXT if row.archived else None

        def number(key: str, title: str, hidden: bool = True) -> Column[RiskRow]:
            return Column(key, title, lambda r: getattr(r, key), align_right=True, hidden_by_default=hidden)

        def description(row: RiskRow) -> str | None:
            text = row.description.strip()
            return (text[:400] + "…" if len(text) > 400 else text) or None

        return [
            Column("code", self.tr("Code"), lambda r: r.code, foreground=muted,
                   tooltip=lambda r: self.tr("Archived") if r.archived else None),
            Column("title", self.tr("Title"), lambda r: r.title, foreground=muted, tooltip=description),
            Column("category", self.tr("Category"), lambda r: self._category_names.get(r.category_id, r.category),
                   foreground=muted),
            Column("department", self.tr("Department"), lambda r: r.department, foreground=muted),
            Column("owner", self.tr("Owner"), lambda r: r.owner, foreground=muted),
            Column("status", self.tr("Status"), lambda r: labels.label("risk_status", r.status), foreground=muted,
                   sort_key=lambda r: _STATUS_ORDER.get(r.status, 99)),
            number("inherent_likelihood", self.tr("Inherent L")),
            number("inherent_impact", self.tr("Inherent I")),
            number("inherent_score", self.tr("Inherent score")),
            self._level_column("inherent_level", self.tr("Inherent")),
            number("residual_likelihood", self.tr("Residual L")),
            number("residual_impact", self.tr("Residual I")),
            number("residual_score", self.tr("Residual score")),
            self._level_column("residual_level", self.tr("Residual")),
            number("target_score", self.tr("Target score")),
            self._level_column("target_level", self.tr("Target"), hidden=True),
            Column("strategy", self.tr("Strategy"), lambda r: labels.label("strategy", r.strategy), foreground=muted),
            Column("next_review", self.tr("Next review"), lambda r: r.next_review,
                   foreground=lambda r: theme.colors().error if r.review_due else muted(r),
                   tooltip=lambda r: self.tr("The review is due") if r.review_due else None),
            Column("open_actions", self.tr("Actions"), lambda r: r.open_actions or "", sort_key=lambda r: r.open_actions,
                   align_right=True, tooltip=lambda r: self.tr("{count} open actions").format(count=r.open_actions)),
            Column("review_due", self.tr("Review due"), lambda r: self.tr("Due") if r.review_due else "",
                   sort_key=lambda r: r.review_due, foreground=lambda r: theme.colors().error if r.review_due else None,
                   hidden_by_default=True),
            Column("above_appetite", self.tr("Above appetite"), lambda r: r.above_appetite, hidden_by_default=True),
            Column("archived", self.tr("Archived"), lambda r: r.archived, hidden_by_default=True),
            *self._field_table_columns(),
        ]  # fmt: skip

    def _field_table_columns(self) -> list[Column[RiskRow]]:
        """Every other field of the risk's field table, as a column the user can show."""
        placed = {
            "code",
            "title",
            "category_id",
            "department_id",
            "owner",
            "status",
            "strategy",
            "next_review",
        }
        columns = []
        for spec in RISK.stored():
            if spec.computed or not spec.column or spec.key in placed:
                continue
            if spec.kind is FieldKind.CHOICE:
                shown = lambda r, key=spec.key, group=spec.choices: choice_label(group or "", getattr(r, key))  # noqa: E731
            else:
                shown = lambda r, key=spec.key: _one_line(getattr(r, key))  # noqa: E731
            columns.append(Column(spec.key, field_label("risk", spec.key), shown, hidden_by_default=True))
        return columns

    # Loading -----------------------------------------------------------------------------

    def reader(self) -> Callable[[], RiskLoad]:
        """The register and the filter choices, read on the worker (20,000 risks take a while)."""
        context, include_archived = self.context, self.archived_check.isChecked()
        fields = self._fields_needed()

        def read() -> RiskLoad:
            return RiskLoad(
                rows=context.call(register_rows, fields=fields, include_archived=include_archived),
                departments=context.call(list_departments, include_archived=True),
                categories=context.call(list_categories, include_archived=True),
                fields=fields,
            )

        return read

    def _fields_needed(self) -> frozenset[str]:
        """The stored fields to read: what the filters and the search need, and the shown columns' fields."""
        header = self.table.horizontalHeader()
        shown = {
            column.key
            for number, column in enumerate(self.model.columns)
            if not header.isSectionHidden(number) or number == header.sortIndicatorSection()
        }
        return READ_ALWAYS | (shown & STORED)

    def _read_shown_fields(self) -> None:
        """A column was shown whose field the rows were read without: read them again, with it."""
        if self._fields_read is None or self._fields_needed() <= self._fields_read:
            return
        self._stale = True
        if self.isVisible():
            self.ensure_fresh()

    def show_loaded(self, data: RiskLoad) -> None:
        """Show the register read (keeping the selection and the filters)."""
        selected = self._selected_ids()
        current = self.table.current_row()
        self._read_matrix()
        rows = data.rows
        self._fields_read = data.fields
        self._search_rows, self._search_text = rows, None  # the new rows' texts, on the first search
        self._fill_data_choices(rows, data.departments, data.categories)
        # The filters as they stand now (a choice that disappeared, e.g. an owner renamed elsewhere, fell
        # back to "any"), tested against the new rows (the search, against their texts).
        self.model.set_rows(rows, predicate=self._predicate())
        self._shown_state = self._filter_state()
        self._reselect(selected, current.id if current else None)
        self._update_counter()
        self._update_buttons()

    def _fill_fixed_choices(self) -> None:
        self.status_combo.set_items(
            [(ACTIVE, self.tr("Active (not closed)")), *labels.choices("risk_status")], self.tr("Any status")
        )
        self.strategy_combo.set_items(
            [*labels.choices("strategy"), (NONE, self.tr("No strategy yet"))], self.tr("Any strategy")
        )
        self._fill_level_choices()

    def _fill_level_choices(self) -> None:
        # The kind is in every item, so a chosen level still says which assessment it filters.
        self.inherent_combo.set_items(
            [*((b.code, self.tr("Inherent: {level}").format(level=b.name)) for b in self.matrix.bands),
             (NONE, self.tr("Inherent: not assessed"))],
            self.tr("Any inherent level"),
        )  # fmt: skip
        self.residual_combo.set_items(
            [*((b.code, self.tr("Residual: {level}").format(level=b.name)) for b in self.matrix.bands),
             (NONE, self.tr("Residual: not assessed"))],
            self.tr("Any residual level"),
        )  # fmt: skip

    def _fill_data_choices(self, rows: list[RiskRow], departments: list[Any], categories: list[Any]) -> None:
        self._applying = True
        try:
            used = {row.department_id for row in rows}
            self.department_combo.set_items(
                [(d.id, d.name) for d in departments if not d.archived or d.id in used],
                self.tr("All departments"),
            )
            self._category_names = {c.id: _category_label(c.code, c.name) for c in categories}
            used = {row.category_id for row in rows}
            self.category_combo.set_items(
                [(c.id, self._category_names[c.id]) for c in categories if not c.archived or c.id in used],
                self.tr("All categories"),
            )
            self._fill_level_choices()
            self._owners = sorted({row.owner for row in rows if row.owner}, key=str.casefold)
            self.owner_combo.set_items(
                [*((owner, owner) for owner in self._owners), (NONE, self.tr("No owner"))],
                self.tr("Any owner"),
            )
        finally:
            self._applying = False

    def _filter_state(self) -> tuple:
        combos = (
            self.department_combo, self.category_combo, self.inherent_combo, self.residual_combo,
            self.status_combo, self.owner_combo, self.strategy_combo,
        )  # fmt: skip
        return (
            self.search.text(), *(combo.value() for combo in combos),
            self.above_check.isChecked(), self.due_check.isChecked(), self._unassigned,
        )  # fmt: skip

    # Filtering ----------------------------------------------------------------------------

    def _predicate(self) -> Callable[[RiskRow], bool] | None:
        """Every filter as one compiled test: runs for each of 20,000 rows on a keystroke."""
        tests: list[str] = []
        values: dict[str, object] = {}

        def bound(value: object) -> str:
            name = f"v{len(values)}"
            values[name] = value
            return name

        words = self.search.text().casefold().split()
        if words:
            texts = bound(self._search_texts())
            tests.extend(f"{bound(word)} in {texts}[r.id]" for word in words)
        for combo, attribute in (
            (self.department_combo, "department_id"),
            (self.category_combo, "category_id"),
            (self.inherent_combo, "inherent_level"),
            (self.residual_combo, "residual_level"),
            (self.strategy_combo, "strategy"),
        ):
            value = combo.value()
            if value == NONE:
                tests.append(f"r.{attribute} is None")
            elif value is not None:
                tests.append(f"r.{attribute} == {bound(value)}")
        status = self.status_combo.value()
        if status == ACTIVE:
            tests.append("r.status != 'closed'")
        elif status is not None:
            tests.append(f"r.status == {bound(status)}")
        owner = self.owner_combo.value()
        if owner == NONE:
            tests.append("not r.owner")
        elif owner is not None:
            tests.append(f"r.owner.casefold() == {bound(owner.casefold())}")
        if self.above_check.isChecked():
            # Like the dashboard's count: a closed or archived risk no longer needs treating.
            tests.append("(r.above_appetite and r.status != 'closed' and not r.archived)")
        if self.due_check.isChecked():
            tests.append("r.review_due")
        if self._unassigned:
            # As services.risks.count_unassigned counts them (the status filter keeps the active ones).
            name = bound(UNASSIGNED.casefold())
            tests.append(
                f"(r.department.casefold() == {name} or r.category.casefold() == {name}) and not r.archived"
            )
        if not tests:
            return None
        # The expressions are the fixed ones above; what the user typed or chose is only bound as a value.
        return eval(f"lambda r: {' and '.join(tests)}", {"__builtins__": {}, **values})  # noqa: S307

    def _search_texts(self) -> dict[int, str]:
        """Each loaded row's search text by id, built on the first search after a load (not with every load)."""
        if self._search_text is None:
            self._search_text = {row.id: search_text(row) for row in self._search_rows}
        return self._search_text

    def _apply_filters(self, *_args: object) -> None:
        if self._applying:
            return
        if self._unassigned and self._filter_state() != self._unassigned_state:
            self._unassigned = False  # another filter was chosen: the chip goes, and the filter it named too
        selected = self._selected_ids()
        current = self.table.current_row()
        state = self._filter_state()
        previous, self._shown_state = self._shown_state, state
        # The search text only grew and nothing else changed: the shown rows hold every match.
        narrowing = (
            previous is not None and previous[1:] == state[1:]
            and state[0].casefold().startswith(previous[0].casefold())
        )  # fmt: skip
        self.model.set_filter(self._predicate(), narrowing=narrowing)
        self._reselect(selected, current.id if current else None)
        self._update_counter()
        self._update_buttons()
        self.filter_chip.follow(self.filter_state())

    def _update_counter(self) -> None:
        self.counter_label.setText(
            self.tr("{shown} of {total} risks").format(
                shown=self.model.rowCount(), total=self.model.total_count()
            )
        )

    def filter_state(self) -> tuple:
        return self._filter_state()

    def filters_active(self) -> bool:
        return self._predicate() is not None

    def clear_filters(self) -> None:
        """Show every risk again (archived ones stay as the check box says)."""
        self._applying = True
        try:
            self.clear_filters_quietly()
        finally:
            self._applying = False
        self._apply_filters()

    def apply_filter(self, **criteria: Any) -> None:
        """Show a filtered list, e.g. apply_filter(residual_level="high") from the dashboard.

        Other filters are reset first, and the status filter defaults to active risks (not
        closed) so the list matches the dashboard's and heatmap's counts; pass status=None
        for every status. `risk_id` alone selects and reveals one risk, keeping the filters.
        """
        unknown = set(criteria) - FILTER_KEYS
        if unknown:
            raise TypeError(f"Unknown risk filter: {', '.join(sorted(unknown))}")
        # The choices (departments, owners) come with the register: filter once it is loaded.
        self.when_loaded(lambda: self._apply_criteria(dict(criteria)))

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        risk_id = criteria.pop("risk_id", None)
        if criteria:
            self._applying = True
            try:
                self.clear_filters_quietly()
                self.status_combo.set_value(criteria.get("status", ACTIVE))
                self.search.setText(criteria.get("search") or "")
                for key, combo in (
                    ("department_id", self.department_combo), ("category_id", self.category_combo),
                    ("inherent_level", self.inherent_combo), ("residual_level", self.residual_combo),
                    ("strategy", self.strategy_combo),
                ):  # fmt: skip
                    if key in criteria:
                        combo.set_value(NONE if criteria[key] is None else criteria[key])
                if criteria.get("owner") is not None:
                    self._select_owner(criteria["owner"])
                self.above_check.setChecked(bool(criteria.get("above_appetite")))
                self.due_check.setChecked(bool(criteria.get("review_due")))
                self._unassigned = bool(criteria.get("unassigned"))
                self._unassigned_state = self._filter_state()
            finally:
                self._applying = False
            self._apply_filters()
        if risk_id is not None:
            self.reveal_risk(risk_id)

    def clear_filters_quietly(self) -> None:
        self.search.clear()
        for combo in (
            self.department_combo, self.category_combo, self.inherent_combo, self.residual_combo,
            self.status_combo, self.owner_combo, self.strategy_combo,
        ):  # fmt: skip
            combo.setCurrentIndex(0)
        self.above_check.setChecked(False)
        self.due_check.setChecked(False)
        self._unassigned = False

    def _select_owner(self, owner: str) -> None:
        folded = owner.strip().casefold()
        for value in self.owner_combo.values():
            if isinstance(value, str) and value.casefold() == folded:
                self.owner_combo.set_value(value)
                return
        self.owner_combo.addItem(owner, owner)  # nobody owns anything yet under that name
        self.owner_combo.set_value(owner)

    def _archived_toggled(self, _checked: bool) -> None:
        self.refresh()

    # Selection ----------------------------------------------------------------------------

    def _selected_ids(self) -> set[int]:
        if self.table.selectionModel() is None:
            return set()
        return {row.id for row in self.table.selected_rows()}

    def selected_risks(self) -> list[RiskRow]:
        return self.table.selected_rows()

    def _reselect(self, ids: Iterable[int], current_id: int | None) -> None:
        ids = set(ids)
        if not ids:
            return
        selection = QItemSelection()
        last_column = self.model.columnCount() - 1
        current_index = None
        for number, row in enumerate(self.model.rows()):
            if row.id in ids:
                selection.select(self.model.index(number, 0), self.model.index(number, last_column))
                if row.id == current_id or current_index is None:
                    current_index = self.model.index(number, 0)
        if current_index is None:
            return
        selection_model = self.table.selectionModel()
        selection_model.setCurrentIndex(current_index, QItemSelectionModel.SelectionFlag.NoUpdate)
        selection_model.select(
            selection,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def reveal_risk(self, risk_id: int) -> None:
        """Select one risk and scroll to it (once the register is loaded), clearing filters (or
        showing archived) if they hide it."""
        self.when_loaded(lambda: self._reveal(risk_id))

    def _reveal(self, risk_id: int) -> None:
        if self.model.find_row(lambda r: r.id == risk_id) < 0:
            if (
                not any(r.id == risk_id for r in self.model.all_rows())
                and not self.archived_check.isChecked()
            ):
                self.archived_check.setChecked(True)  # reloads with the archived risks
                self.when_loaded(lambda: self._reveal(risk_id))
                return
            self.clear_filters()
        if self.table.select_where(lambda r: r.id == risk_id):
            self.table.setFocus()

    def _update_buttons(self, *_args: object) -> None:
        selected = self.table.selected_rows() if self.table.selectionModel() else []
        self.open_button.setEnabled(len(selected) == 1)
        self.bulk_button.setEnabled(bool(selected))
        self.archive_button.setEnabled(any(not r.archived for r in selected))
        self.restore_button.setVisible(self.archived_check.isChecked())
        self.restore_button.setEnabled(any(r.archived for r in selected))

    def update_write_controls(self) -> None:
        self._update_buttons()

    # Commands -----------------------------------------------------------------------------

    def new_item(self) -> bool:
        """Ctrl+N: open the editor on a new risk."""
        self.open_risk(None)
        return True

    def open_selected(self) -> None:
        risk = self.table.current_row()
        if risk is not None:
            self.open_risk(risk.id)

    def open_risk(self, risk_id: int | None) -> None:
        from opsdesk.ui.dialogs.risk_editor import RiskEditor

        saved = RiskEditor.ask(self, self.context, risk_id, owners=self._owners)
        if saved is not None:
            self.reveal_risk(saved.id)

    def bulk_edit(self) -> None:
        from opsdesk.ui.dialogs.bulk_edit import BulkEditDialog

        risks = self.selected_risks()
        if risks:
            BulkEditDialog.ask(self, self.context, risks)

    def archive_selected(self) -> None:
        """Delete key: archive the selected risks after a confirmation; Restore brings them back."""
        risks = [r for r in self.selected_risks() if not r.archived]
        if not risks:
            return
        if len(risks) == 1:
            text = self.tr(
                "Archive {code} “{title}”? It leaves the register but nothing is deleted; "
                "turn on “Show archived” to restore it."
            ).format(code=risks[0].code, title=risks[0].title)
        else:
            text = self.tr(
                "Archive {count} risks? They leave the register but nothing is deleted; "
                "turn on “Show archived” to restore them."
            ).format(count=len(risks))
        if not messages.confirm(self, self.tr("Archive risks"), text, self.tr("Archive")):
            return
        self._set_archived(risks, True)

    def restore_selected(self) -> None:
        risks = [r for r in self.selected_risks() if r.archived]
        if risks:
            self._set_archived(risks, False)

    def _set_archived(self, risks: list[RiskRow], archived: bool) -> None:
        try:
            self.context.write_waiting(  # on the worker: many risks, and it may wait for a lock
                set_risks_archived,
                topics=(RISKS, ALERTS, ACTIONS),
                risk_ids=[r.id for r in risks],
                archived=archived,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
        self.ensure_fresh()

    # State --------------------------------------------------------------------------------

    def restore_state(self, settings: QSettings) -> None:
        if self.restore_list_state(settings):
            self._auto_width = False
            self._read_shown_fields()

    def _section_resized(self, _number: int, old_size: int, new_size: int) -> None:
        if not self._sizing:
            self._auto_width = False
        if old_size == 0 and new_size > 0:  # a column was shown
            self._read_shown_fields()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_title_column()
        return super().eventFilter(watched, event)

    def _fit_title_column(self) -> None:
        """Give the title the width the other visible columns leave, so nothing scrolls sideways."""
        if not self._auto_width:
            return
        header = self.table.horizontalHeader()
        title = self.model.column_index("title")
        visible = [n for n in range(header.count()) if not header.isSectionHidden(n)]
        if title not in visible:
            return
        # The last visible column stretches (the view's setting): count it at its normal width.
        last = max(visible, key=header.visualIndex)
        if last == title:
            return
        others = sum(header.sectionSize(n) for n in visible if n not in (title, last))
        last_width = DEFAULT_WIDTHS.get(self.model.columns[last].key, header.defaultSectionSize())
        free = self.table.viewport().width() - others - last_width
        self._sizing = True
        try:
            self.table.setColumnWidth(title, max(200, free))
        finally:
            self._sizing = False


_STATUS_ORDER = {status.value: number for number, status in enumerate(RiskStatus)}


def _category_label(code: str, name: str) -> str:
    # Seeded categories have stable codes with translated labels; added ones show their name.
    translated = labels.label("category", code)
    return translated if translated != code else name


def _one_line(value: object) -> object:
    """A long text's first line, cut to fit a table cell (the editor shows it whole)."""
    if not isinstance(value, str):
        return value
    line = value.strip().split("\n", 1)[0]
    return line[:120] + "…" if len(line) > 120 or "\n" in value.strip() else line

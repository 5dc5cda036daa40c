"""The Quality objectives page: the objectives, a measurement grid, and the control chart panel."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QModelIndex, QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.periods import next_period, period_bounds, period_key
from opsdesk.services import control_charts, quality
from opsdesk.services.control_charts import ControlChart
from opsdesk.services.history import audit_history
from opsdesk.services.quality import MeasurementInput, MeasurementRead, ObjectiveRead, ObjectiveSeries
from opsdesk.services.settings import get_fiscal_start_month, list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import QUALITY, SETTINGS, AppContext
from opsdesk.ui.labels import label
from opsdesk.ui.pages.base import Page
from opsdesk.ui.pages.objectives.chart_panel import NO_COMPARISON, ControlChartPanel
from opsdesk.ui.pages.objectives.grid import (
    ALL,
    ARCHIVED_TEXT,
    NO_DATA,
    STATUS_COLORS,
    STATUS_ORDER,
    MeasurementGridModel,
    MeasurementGridView,
    format_actual,
    measurements_by_period,
    target_text,
)
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.table import RecordTableView


@dataclass(frozen=True)
class ObjectiveDetail:
    """What the detail of one objective shows, read in one go (on the worker when the page loads)."""

    objective_id: int
    comparing: str
    chart: ControlChart | None = None
    comparison: ControlChart | None = None
    stored: dict[str, MeasurementRead] = field(default_factory=dict)
    frozen_by: str | None = None
    problem: ValidationError | None = None  # a value written outside OpsDesk: said in place


def read_detail(call: Callable[..., Any], objective_id: int, comparing: str) -> ObjectiveDetail:
    """The control chart (and the one compared with it), the stored measurements and who froze the
    baseline; `call` runs a service (AppContext.call), so this runs on either thread."""
    try:
        chart = call(control_charts.control_chart, objective_id=objective_id)
    except ValidationError as exc:
        return ObjectiveDetail(objective_id, comparing, problem=exc)
    comparison = None
    if comparing and comparing in chart.available and comparing != chart.chart:
        comparison = call(control_charts.control_chart, objective_id=objective_id, chart=comparing)
    series = chart.series
    measured = [point.period for point in series.points if not point.missing]
    stored = call(measurements_by_period, objective_id=objective_id, periods=measured)
    frozen_by = None
    if series.objective.baseline_frozen_at is not None:
        # Who froze the baseline, from the audit trail (its newest freeze).
        for entry in call(audit_history, entity="qualityobjective", entity_id=objective_id):
            if entry.field == "baseline_frozen_at" and entry.new_value is not None:
                frozen_by = entry.user
                break
    return ObjectiveDetail(objective_id, comparing, chart, comparison, stored, frozen_by)


@dataclass(frozen=True)
class ObjectivesLoad:
    """What the page reads on the worker: settings, the objectives, and the detail to show first."""

    start_month: int
    departments: list[tuple[int, str]]
    rows: list[ObjectiveRead]
    detail: ObjectiveDetail | None


def _sortable(value: Any) -> tuple[int, Any]:
    # As the table model sorts: None last, text without case.
    if value is None:
        return (1, "")
    return (0, value.casefold() if isinstance(value, str) else value)


class ObjectivesPage(Page):
    """Objectives with their last status; per objective a measurement grid and a control chart."""

    topics = (QUALITY, SETTINGS)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.objective: ObjectiveRead | None = None
        self.series: ObjectiveSeries | None = None
        self.comparing = NO_COMPARISON
        self.start_month = 1
        self._syncing = False
        self._saving = False
        self._columns_fitted = False
        self._prefetched: ObjectiveDetail | None = None  # the detail the load read, while it is shown
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

        # Built top-down: each container joins its parent before it is filled, so a finished subtree
        # is not re-parented (and styled again) as a whole at each level: a third off the build time.
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        layout.addWidget(self.splitter, 1)
        self.model: RecordTableModel[ObjectiveRead] = RecordTableModel(self._columns(), self)
        self.table = RecordTableView(self.model)
        self.table.setObjectName("objectivesTable")
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.opened.connect(lambda _row: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)

        self.splitter.addWidget(self.table)
        self.detail = QStackedWidget()
        self.splitter.addWidget(self.detail)
        self.placeholder = QLabel(self.tr("Select an objective to see its measurements and control chart."))
        self.placeholder.setProperty("role", "muted")
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.detail.addWidget(self.placeholder)
        self._build_detail()
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([172, 500])

        save = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self, self.save_measurements)
        save.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.guard_writes(
            self.new_button, self.edit_button, self.archive_button, self.save_button, self.add_period_button,
            self.add_earlier_button, *self.chart_panel.write_controls(), save,
        )  # fmt: skip
        self._grid_edit_triggers = self.grid.editTriggers()
        self._allow_grid_typing()

    def _build_detail(self) -> QWidget:
        panel = QWidget()
        self.detail.addWidget(panel)
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
        layout.addWidget(self.detail_splitter, 1)
        self.detail_splitter.setChildrenCollapsible(False)
        self._build_grid_panel()
        self.chart_panel = ControlChartPanel()
        self.chart_panel.freezeRequested.connect(lambda: self.freeze_baseline())
        self.chart_panel.freezeTodayRequested.connect(self.freeze_baseline_today)
        self.chart_panel.unfreezeRequested.connect(self.unfreeze_baseline)
        self.chart_panel.settingsChosen.connect(self.choose_chart)
        self.chart_panel.compareChosen.connect(self.compare_with)
        self.detail_splitter.addWidget(self.chart_panel)
        self.detail_splitter.setStretchFactor(0, 2)
        self.detail_splitter.setStretchFactor(1, 3)
        self.detail_splitter.setSizes([500, 630])
        return panel

    def _build_grid_panel(self) -> QWidget:
        panel = QWidget()
        self.detail_splitter.addWidget(panel)
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

        self.grid_hint = QLabel(
            self.tr("Type a number to fill a cell; Enter goes to the next number, Tab to the next cell.")
        )
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
        self.save_button.setToolTip(
            self.tr("Save every changed row at once (Ctrl+S); nothing is saved if a row is wrong")
        )
        self.save_button.clicked.connect(self.save_measurements)
        buttons.addWidget(self.add_earlier_button)
        buttons.addWidget(self.add_period_button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        return panel

    def _columns(self) -> list[Column[ObjectiveRead]]:
        def status_colour(row: ObjectiveRead) -> str | None:
            return STATUS_COLORS.get(row.last_status or "")

        def muted_if_archived(row: ObjectiveRead) -> str | None:
            return ARCHIVED_TEXT if row.archived else None

        return [
            Column(
                "name",
                self.tr("Objective"),
                lambda r: r.name,
                foreground=muted_if_archived,
                tooltip=lambda r: "\n".join(part for part in (r.name, r.description) if part),
            ),
            Column("department", self.tr("Department"), lambda r: r.department),
            Column("kind", self.tr("Kind"), lambda r: label("objective_kind", r.kind)),
            Column("target", self.tr("Target"), target_text, sort_key=lambda r: r.target),
            Column("direction", self.tr("Direction"), lambda r: label("direction", r.direction)),
            Column(
                "tolerance",
                self.tr("Tolerance"),
                lambda r: r.tolerance,
                align_right=True,
                hidden_by_default=True,
            ),
            Column(
                "frequency",
                self.tr("Frequency"),
                lambda r: label("frequency", r.frequency),
                hidden_by_default=True,
            ),
            Column("last_period", self.tr("Last period"), lambda r: r.last_period),
            Column(
                "last_value",
                self.tr("Last value"),
                lambda r: format_actual(r.last_value, r.unit),
                sort_key=lambda r: r.last_value,
                align_right=True,
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

    def reader(self) -> Callable[[], ObjectivesLoad]:
        """Departments, objectives and the detail of the objective to show, read on the worker."""
        context, include_archived = self.context, self.show_archived.isChecked()
        current = self.objective.id if self.objective is not None else None
        comparing = self.comparing
        first_shown = self._first_shown_picker()

        def read() -> ObjectivesLoad:
            start_month = context.call(get_fiscal_start_month)
            departments = [(item.id, item.name) for item in context.call(list_departments)]
            rows = context.call(quality.list_objectives, include_archived=include_archived)
            wanted = current if any(row.id == current for row in rows) else first_shown(rows)
            detail = None
            if wanted is not None:
                detail = read_detail(context.call, wanted, comparing if wanted == current else NO_COMPARISON)
            return ObjectivesLoad(start_month, departments, rows, detail)

        return read

    def _first_shown_picker(self) -> Callable[[list[ObjectiveRead]], int | None]:
        """On the GUI thread: a function telling which objective the list will show first (the
        page selects it when none is selected), from the filters and the sort column of now."""
        keep = self._predicate()
        header = self.table.horizontalHeader()
        section, descending = (
            header.sortIndicatorSection(),
            header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder,
        )
        column = self.model.columns[section] if 0 <= section < len(self.model.columns) else None

        def first_shown(rows: list[ObjectiveRead]) -> int | None:
            shown = [row for row in rows if keep(row)]
            if column is not None:
                key = column.sort_key or column.value
                shown.sort(key=lambda row: _sortable(key(row)), reverse=descending)
            return shown[0].id if shown else None

        return first_shown

    def show_loaded(self, data: ObjectivesLoad) -> None:
        self.start_month = data.start_month
        chosen = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        self.department_filter.clear()
        self.department_filter.addItem(self.tr("All departments"), None)
        for department_id, name in data.departments:
            self.department_filter.addItem(name, department_id)
        index = self.department_filter.findData(chosen)
        self.department_filter.setCurrentIndex(max(index, 0))
        self.department_filter.blockSignals(False)
        rows = data.rows
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
        self._prefetched = data.detail
        try:
            self._select(self.objective.id if self.objective else None, keep_edits=not self._saving)
        finally:
            self._prefetched = None

    def _fit_table(self) -> None:
        self._columns_fitted = True
        self.table.fit_columns(maximum=260)

    def _fit_list_height(self) -> None:
        """Give the list room for its objectives (up to a few), the detail the rest."""
        rows = min(max(self.model.rowCount(), 3), 7)
        frame = 2 * self.table.frameWidth()
        wanted = (
            self.table.horizontalHeader().sizeHint().height()
            + rows * self.table.verticalHeader().defaultSectionSize()
            + frame
            + 2
        )
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
        text = (
            self.tr("%n objective(s)", "", total)
            if shown == total
            else self.tr("{shown} of {total}").format(shown=shown, total=total)
        )
        self.count_label.setText(text)

    def _select(self, objective_id: int | None, *, keep_edits: bool) -> None:
        """Select an objective in the list (or the first one) and show its detail."""
        self._syncing = True
        try:
            found = objective_id is not None and self.table.select_where(lambda r: r.id == objective_id)
            # An objective with unsaved measurements stays on screen even when filtered out of the list.
            keep_hidden = (
                not found and keep_edits and self.objective is not None and self.grid_model.is_dirty()
            )
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
        if self.objective is None or self.objective.id != objective_id:
            self.comparing = NO_COMPARISON  # a comparison belongs to the objective it was asked for
        detail = self._prefetched
        if detail is None or (detail.objective_id, detail.comparing) != (objective_id, self.comparing):
            detail = read_detail(self.context.call, objective_id, self.comparing)  # one objective: quick
        if detail.problem is not None or detail.chart is None:
            # A value written outside OpsDesk: say so in place; the rest of the page works.
            self.objective = self.series = None
            self.grid_model.load(None, [], [], {})
            self.placeholder.setText(detail.problem.message() if detail.problem is not None else "")
            self.detail.setCurrentIndex(0)
            self._update_buttons()
            return
        chart, comparison, stored = detail.chart, detail.comparison, detail.stored
        series = chart.series
        objective = series.objective
        periods = [point.period for point in series.points] or [self._current_period(objective)]
        if not keep_edits or self.objective is None or self.objective.id != objective_id:
            self._clear_grid_error()
        self.grid_model.load(objective, periods, series.points, stored, keep_edits=keep_edits)
        self.objective, self.series = objective, series
        self.detail.setCurrentIndex(1)
        self._show_objective(objective)
        self._show_chart(chart, comparison, detail.frozen_by)
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
            self.tr("tolerance {tolerance}").format(
                tolerance=format_actual(objective.tolerance, objective.unit)
            ),
            label("frequency", objective.frequency),
            objective.department,
        ]
        if objective.owner:
            parts.append(self.tr("owner {owner}").format(owner=objective.owner))
        if objective.archived:
            parts.append(self.tr("archived"))
        self.detail_info.setText(" · ".join(parts))

    def _show_chart(
        self, chart: ControlChart, comparison: ControlChart | None, frozen_by: str | None
    ) -> None:
        series = chart.series
        missing = sum(1 for point in series.points if point.missing)
        self.missing_label.setText(self.tr("%n period(s) missing", "", missing) if missing else "")
        self.chart_panel.show_chart(chart, frozen_by, comparison)

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
        self.chart_panel.update_baseline_buttons(has_objective=has, measured=measured, frozen=frozen)

    def _grid_dirty_changed(self, _dirty: bool) -> None:
        self._update_buttons()

    def update_write_controls(self) -> None:
        self._allow_grid_typing()
        self._update_buttons()

    def _allow_grid_typing(self) -> None:
        # A role that may not save measurements is not invited to type them.
        allowed = self.context.can_edit
        self.grid.setEditTriggers(
            self._grid_edit_triggers if allowed else QAbstractItemView.EditTrigger.NoEditTriggers
        )

    # Grid actions ------------------------------------------------------------------------

    def add_period(self) -> None:
        """Add an empty row for the period after the last one and put the cursor in it."""
        if self.objective is None:
            return
        periods = self.grid_model.periods()
        period = (
            next_period(periods[-1], self.start_month) if periods else self._current_period(self.objective)
        )
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
        # The saved values at once (one objective: quick), not after the list's load on the worker.
        self._clear_grid_error()
        self.grid_model.discard_edits()
        self._load_detail(objective.id, keep_edits=False)
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
            (self.grid_model.column_of(key) for key in errors[first] if self.grid_model.column_of(key) >= 0),
            0,
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

    def freeze_baseline_today(self) -> bool:
        """Freeze the limits on every period measured up to today's."""
        objective = self.objective
        if objective is None:
            return False
        try:
            self.context.write(
                control_charts.freeze_baseline_as_of, topics=(QUALITY,), objective_id=objective.id,
                expected_version=objective.version,
            )  # fmt: skip
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Baseline not frozen"))
            return False
        self._reload_after_write()
        return True

    # Chart choices ------------------------------------------------------------------------

    def choose_chart(self, chart_type: str, rule_set: str) -> bool:
        """Keep a chart type and a rule set for the selected objective."""
        objective = self.objective
        if objective is None:
            return False
        if self.comparing == chart_type:
            self.comparing = NO_COMPARISON  # it becomes the objective's own chart
        try:
            self.context.write(
                control_charts.set_chart_settings, topics=(QUALITY,), objective_id=objective.id,
                chart_type=chart_type, rule_set=rule_set, expected_version=objective.version,
            )  # fmt: skip
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Chart not changed"))
            self._load_detail(objective.id, keep_edits=True)  # the choices show what is kept again
            return False
        self._reload_after_write()
        return True

    def compare_with(self, chart_type: str) -> None:
        """Show another chart of the selected objective beside its own ("" for none)."""
        self.comparing = chart_type
        if self.objective is not None:
            self._load_detail(self.objective.id, keep_edits=True)

    def unfreeze_baseline(self) -> bool:
        """Compute the limits from every measured period again."""
        objective = self.objective
        if objective is None:
            return False
        try:
            self.context.write(
                quality.unfreeze_baseline,
                topics=(QUALITY,),
                objective_id=objective.id,
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
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the objectives come with the load

    def _apply_criteria(self, criteria: dict[str, Any], *, archived_read: bool = False) -> None:
        objective_id = criteria.get("objective_id")
        if (
            objective_id is not None
            and not archived_read
            and not any(r.id == objective_id for r in self.model.all_rows())
        ):
            # Perhaps archived: read the archived ones too, then look again.
            self.show_archived.blockSignals(True)
            self.show_archived.setChecked(True)
            self.show_archived.blockSignals(False)
            self.refresh()
            self.when_loaded(lambda: self._apply_criteria(criteria, archived_read=True))
            return
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
            self._select(
                objective_id, keep_edits=self.objective is not None and self.objective.id == objective_id
            )
        else:
            self._select(self.objective.id if self.objective else None, keep_edits=True)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("objectives/splitter", self.splitter.saveState())
        settings.setValue("objectives/detail_splitter", self.detail_splitter.saveState())
        self.table.save_state(settings, "objectives/table")

    def restore_state(self, settings: QSettings) -> None:
        from PySide6.QtCore import QByteArray

        for key, splitter in (
            ("objectives/splitter", self.splitter),
            ("objectives/detail_splitter", self.detail_splitter),
        ):
            state = settings.value(key)
            if isinstance(state, QByteArray) and not state.isEmpty():
                splitter.restoreState(state)
        if self.table.restore_state(settings, "objectives/table"):
            self._columns_fitted = True

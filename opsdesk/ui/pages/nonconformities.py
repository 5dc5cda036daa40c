"""The Nonconformities page: the register with filters, and a Pareto of causes for a period."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.periods import quarter_of
from opsdesk.services import nonconformities as nc_service
from opsdesk.services.nonconformities import NcRead
from opsdesk.services.settings import get_fiscal_start_month, list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, QUALITY, SETTINGS, AppContext
from opsdesk.ui.labels import choices, label
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.table import fit_columns_snugly, settle_layouts

# Severity colours: light enough for black text on minor and major, strong for critical.
SEVERITY_COLORS = {"minor": "#FFF0B3", "major": "#FFCC80", "critical": "#E57373"}
OVERDUE_COLOR = "#FFCDD2"
OVERDUE_TEXT = "#B71C1C"
CLOSED_TEXT = "#78909C"
SEVERITY_ORDER = {"minor": 1, "major": 2, "critical": 3}
STATUS_ORDER = {"open": 1, "investigating": 2, "action": 3, "verification": 4, "closed": 5}
QUARTERS_OFFERED = 8

# Status filter values besides the status codes themselves.
ALL = ""
OPEN_ONLY = "__open__"


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _to_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


@dataclass(frozen=True)
class NcLoad:
    """What the page reads on the worker: the lookups, every nonconformity, the Pareto it shows."""

    departments: list[tuple[Any, str]]
    start_month: int
    rows: list[NcRead]
    pareto_for: tuple[str, date | None, date | None]  # (by, since, until) the Pareto was read for
    pareto: list[tuple[str, int, float]] | ValidationError


def _last_12_months() -> tuple[date, date]:
    """The Pareto period a new fiscal year starts with (see _fill_periods)."""
    today = date.today()
    return today - timedelta(days=365), today


class NonconformitiesPage(ListPage):
    """Nonconformities with severity, age and overdue actions; a Pareto by 6M category or source."""

    topics = (QUALITY, ACTIONS, SETTINGS)
    state_key = "nonconformities"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._lookups_loaded = False
        self._prefetched_pareto: tuple[tuple, Any] | None = None  # the load's Pareto, while it is shown
        self._start_month: int | None = None
        self.pareto_rows: list[tuple[str, int, float]] = []
        self._build()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Nonconformities"))
        self.new_button = self.add_button(title_row, self.tr("New nonconformity…"), self.new_item)
        self.edit_button = self.add_button(title_row, self.tr("Edit…"), self.edit_selected)
        self.archive_button = self.add_button(title_row, self.tr("Archive"), self.archive_selected)
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.search_box(self.tr("Search code, title, product, owner…"), 220), 1)
        self.status_filter = self.filter_combo(
            self.tr("All statuses"), [(OPEN_ONLY, self.tr("Open (not closed)")), *choices("nc_status")], ALL
        )
        self.severity_filter = self.filter_combo(self.tr("All severities"), choices("severity"))
        self.source_filter = self.filter_combo(self.tr("All sources"), choices("nc_source"))
        self.six_m_filter = self.filter_combo(self.tr("All 6M categories"), choices("six_m"))
        self.overdue_filter = QCheckBox(self.tr("Overdue actions"))
        self.overdue_filter.setToolTip(self.tr("Only nonconformities with at least one overdue action"))
        for combo in (
            self.status_filter,
            self.severity_filter,
            self.source_filter,
            self.six_m_filter,
            self.department_combo(),
        ):
            tools.addWidget(combo)
        self.overdue_filter.toggled.connect(self._apply_filters)
        tools.addWidget(self.overdue_filter)
        layout.addLayout(tools)

        self.model: RecordTableModel[NcRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "nonconformitiesTable")
        self.table.opened.connect(self.open_editor)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_pareto_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 280])
        layout.addWidget(self.splitter, 1)

    def _columns(self) -> list[Column[NcRead]]:
        return [
            Column("code", self.tr("Code"), lambda r: r.code),
            Column("title", self.tr("Title"), lambda r: r.title, tooltip=self._title_tooltip),
            Column("source", self.tr("Source"), lambda r: label("nc_source", r.source)),
            Column(
                "severity",
                self.tr("Severity"),
                lambda r: label("severity", r.severity),
                sort_key=lambda r: SEVERITY_ORDER.get(r.severity, 0),
                background=lambda r: SEVERITY_COLORS.get(r.severity),
            ),
            Column("department", self.tr("Department"), lambda r: r.department),
            Column(
                "product", self.tr("Product / process"), lambda r: r.product_process, hidden_by_default=True
            ),
            Column("detected", self.tr("Detected"), lambda r: r.detected_on),
            Column(
                "status",
                self.tr("Status"),
                lambda r: label("nc_status", r.status),
                sort_key=lambda r: STATUS_ORDER.get(r.status, 0),
                foreground=lambda r: CLOSED_TEXT if r.status == "closed" else None,
            ),
            Column("days_open", self.tr("Days\nopen"), lambda r: r.days_open, align_right=True),
            Column("days_to_close", self.tr("Days to\nclose"), lambda r: r.days_to_close, align_right=True),
            Column(
                "open_actions",
                self.tr("Open\nactions"),
                lambda r: r.open_actions or "",
                sort_key=lambda r: r.open_actions,
                align_right=True,
            ),
            Column(
                "overdue_actions",
                self.tr("Overdue\nactions"),
                lambda r: r.overdue_actions or "",
                sort_key=lambda r: r.overdue_actions,
                background=lambda r: OVERDUE_COLOR if r.overdue_actions else None,
                foreground=lambda r: OVERDUE_TEXT if r.overdue_actions else None,
                tooltip=lambda r: (
                    self.tr("{n} overdue action(s)").format(n=r.overdue_actions)
                    if r.overdue_actions
                    else None
                ),
                align_right=True,
            ),
            Column("owner", self.tr("Owner"), lambda r: r.owner),
        ]

    def _title_tooltip(self, row: NcRead) -> str:
        parts = [row.title]
        if row.product_process:
            parts.append(self.tr("Product / process: {text}").format(text=row.product_process))
        if row.description:
            parts.append(row.description)
        return "\n\n".join(parts)

    def _build_pareto_panel(self) -> QWidget:
        panel = QWidget()
        panel.setObjectName("paretoPanel")
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 6, 0, 0)
        box.setSpacing(4)
        controls = QHBoxLayout()
        heading = QLabel(self.tr("Pareto of causes"))
        heading.setStyleSheet("font-weight: 600;")
        controls.addWidget(heading)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("By:")))
        self.pareto_by = QComboBox()
        self.pareto_by.addItem(self.tr("6M category"), "six_m")
        self.pareto_by.addItem(self.tr("Source"), "source")
        controls.addWidget(self.pareto_by)
        controls.addSpacing(12)
        controls.addWidget(QLabel(self.tr("Period:")))
        self.pareto_period = QComboBox()
        self.pareto_period.setMinimumWidth(150)
        controls.addWidget(self.pareto_period)
        self.pareto_from = QDateEdit()
        self.pareto_to = QDateEdit()
        for edit in (self.pareto_from, self.pareto_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        controls.addWidget(self.pareto_from)
        controls.addWidget(QLabel("–"))
        controls.addWidget(self.pareto_to)
        self.pareto_note = QLabel()
        self.pareto_note.setProperty("role", "muted")
        controls.addSpacing(12)
        controls.addWidget(self.pareto_note)
        controls.addStretch(1)
        box.addLayout(controls)
        self.chart = ChartView()
        self.chart.setMinimumHeight(200)
        box.addWidget(self.chart, 1)

        self.pareto_by.currentIndexChanged.connect(self.refresh_pareto)
        self.pareto_period.currentIndexChanged.connect(self._period_chosen)
        self.pareto_from.dateChanged.connect(self._dates_edited)
        self.pareto_to.dateChanged.connect(self._dates_edited)
        return panel

    def _fill_periods(self, start_month: int) -> None:
        """All time, the last 12 months, the last quarters (fiscal), and a custom range."""
        today = date.today()
        self._start_month = start_month
        self.pareto_period.blockSignals(True)
        self.pareto_period.clear()
        self.pareto_period.addItem(self.tr("All time"), (None, None))
        self.pareto_period.addItem(self.tr("Last 12 months"), (today - timedelta(days=365), today))
        quarter = quarter_of(today, start_month)
        for _ in range(QUARTERS_OFFERED):
            self.pareto_period.addItem(quarter.label, (quarter.first_day, quarter.last_day))
            quarter = quarter.previous()
        self.pareto_period.addItem(self.tr("Custom range"), "custom")
        self.pareto_period.setCurrentIndex(1)
        self.pareto_period.blockSignals(False)
        self._period_chosen()

    # Loading ----------------------------------------------------------------------------

    def reader(self) -> Callable[[], NcLoad]:
        """Departments, the fiscal year, every nonconformity and the Pareto shown, read on the worker."""
        context, by, known_start = self.context, self.pareto_by.currentData(), self._start_month
        shown_period = self._period() if known_start is not None else None

        def read() -> NcLoad:
            departments = [(item.id, item.name) for item in context.call(list_departments)]
            start_month = context.call(get_fiscal_start_month)
            # A new fiscal year (or the first load) starts the periods over at the last 12 months.
            since, until = shown_period if start_month == known_start and shown_period else _last_12_months()
            try:
                pareto: list[tuple[str, int, float]] | ValidationError = context.call(
                    nc_service.pareto, by=by, since=since, until=until
                )
            except ValidationError as exc:
                pareto = exc
            rows = context.call(nc_service.list_nonconformities)
            return NcLoad(departments, start_month, rows, (by, since, until), pareto)

        return read

    def show_loaded(self, data: NcLoad) -> None:
        # Departments and the fiscal year are settings: reread at each load, they may have changed.
        self.fill_departments(data.departments)
        self._prefetched_pareto = (data.pareto_for, data.pareto)
        try:
            if data.start_month != self._start_month:
                self._fill_periods(data.start_month)
            self._lookups_loaded = True
            selected = {row.id for row in self.table.selected_rows()}
            self.model.set_rows(data.rows)
            if not self.columns_fitted:
                fit_columns_snugly(self.table, maximum=220, stretch="title")
                self.columns_fitted = True
            if selected:
                self.table.select_where(lambda row: row.id in selected)
            self._update_count()
            self.refresh_pareto()
        finally:
            self._prefetched_pareto = None
        settle_layouts()

    def _period(self) -> tuple[date | None, date | None]:
        data = self.pareto_period.currentData()
        if data == "custom" or data is None:
            return _to_date(self.pareto_from.date()), _to_date(self.pareto_to.date())
        return data

    def _period_chosen(self) -> None:
        data = self.pareto_period.currentData()
        custom = data == "custom"
        self.pareto_from.setEnabled(custom)
        self.pareto_to.setEnabled(custom)
        if not custom and data is not None:
            since, until = data
            for edit, day in ((self.pareto_from, since), (self.pareto_to, until)):
                edit.blockSignals(True)
                if day is None:
                    # All time: show the span actually covered by the register.
                    days = [row.detected_on for row in self.model.all_rows()] or [date.today()]
                    day = min(days) if edit is self.pareto_from else date.today()
                edit.setDate(_to_qdate(day))
                edit.blockSignals(False)
        self.refresh_pareto()

    def _dates_edited(self) -> None:
        if self.pareto_period.currentData() != "custom":
            return
        self.refresh_pareto()

    def set_pareto_period(self, since: date, until: date) -> None:
        """Show the Pareto for a custom date range."""
        self.pareto_period.setCurrentIndex(self.pareto_period.findData("custom"))
        self.pareto_from.setDate(_to_qdate(since))
        self.pareto_to.setDate(_to_qdate(until))
        self.refresh_pareto()

    def refresh_pareto(self) -> None:
        """Rebuild the Pareto chart for the chosen grouping and period."""
        from opsdesk.reports.charts.pareto import build_pareto_figure

        if not self._lookups_loaded:
            return
        by = self.pareto_by.currentData()
        since, until = self._period()
        try:
            prefetched = self._prefetched_pareto
            if prefetched is not None and prefetched[0] == (by, since, until):
                rows = prefetched[1]  # read with the page's load
                if isinstance(rows, ValidationError):
                    raise rows
            else:  # another grouping or period: one small query
                rows = self.context.call(nc_service.pareto, by=by, since=since, until=until)
        except ValidationError as exc:
            # e.g. a custom range whose start is after its end: say so instead of drawing
            self.pareto_note.setText(" ".join(exc.errors.values()))
            self.pareto_rows = []
            return
        self.pareto_rows = rows
        total = sum(count for _, count, _ in rows)
        kind = "six_m" if by == "six_m" else "nc_source"
        labels = dict(choices(kind))
        if by == "six_m":
            title = self.tr("Nonconformities by 6M category")
        else:
            title = self.tr("Nonconformities by source")
        vital = [labels.get(code, code) for code, _, share in self._vital_few(rows)]
        self.pareto_note.setText(
            self.tr("{n} classified · 80% from {vital}").format(n=total, vital=", ".join(vital))
            if vital
            else ""
        )
        width = max(self.chart.width(), 600) / 100
        height = max(self.chart.height(), 220) / 100
        # Taken here; the figure is built from them on the chart thread (no widget touched there).
        arguments = {
            "labels": labels,
            "title": title,
            "count_label": self.tr("Nonconformities"),
            "cumulative_label": self.tr("Cumulative share"),
            "empty_text": self.tr("No classified nonconformities in this period"),
            "width": width,
            "height": height,
        }
        shown = list(rows)
        self.chart.build(lambda: build_pareto_figure(shown, **arguments))

    @staticmethod
    def _vital_few(rows: list[tuple[str, int, float]]) -> list[tuple[str, int, float]]:
        """The first causes whose cumulative share reaches 80%."""
        vital = []
        for row in rows:
            vital.append(row)
            if row[2] >= 80.0 - 1e-9:
                break
        return vital

    # Filtering --------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        text = self.search.text().strip().casefold()
        status = self.status_filter.currentData()
        severity = self.severity_filter.currentData()
        source = self.source_filter.currentData()
        six_m = self.six_m_filter.currentData()
        department_id = self.department_filter.currentData()
        overdue = self.overdue_filter.isChecked()

        def keep(row: NcRead) -> bool:
            if status == OPEN_ONLY and row.status == "closed":
                return False
            if status not in (ALL, OPEN_ONLY, None) and row.status != status:
                return False
            if severity is not None and row.severity != severity:
                return False
            if source is not None and row.source != source:
                return False
            if six_m is not None and row.six_m != six_m:
                return False
            if department_id is not None and row.department_id != department_id:
                return False
            if overdue and not row.overdue_actions:
                return False
            if text:
                haystack = " ".join(
                    (row.code, row.title, row.product_process, row.owner, row.department, row.description)
                ).casefold()
                return text in haystack
            return True

        self.model.set_filter(keep)
        self._update_count()

    def _update_count(self) -> None:
        self.show_count(self.tr("{n} nonconformities"))

    def apply_filter(self, **criteria: Any) -> None:
        """Show e.g. open_only=True, severity="critical", status=, source=, six_m=, department=, overdue_only=."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the departments come with the load

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        widgets = (
            self.search,
            self.status_filter,
            self.severity_filter,
            self.source_filter,
            self.six_m_filter,
            self.department_filter,
            self.overdue_filter,
        )
        with self.filters_held(*widgets):
            self.search.setText(str(criteria.get("search", "")))
            if criteria.get("status"):
                self.choose(self.status_filter, criteria["status"])
            else:
                self.choose(self.status_filter, OPEN_ONLY if criteria.get("open_only") else ALL)
            self.choose(self.severity_filter, criteria.get("severity"))
            self.choose(self.source_filter, criteria.get("source"))
            self.choose(self.six_m_filter, criteria.get("six_m"))
            self.choose_department(
                self.department_filter, criteria.get("department_id", criteria.get("department"))
            )
            self.overdue_filter.setChecked(bool(criteria.get("overdue_only", False)))
        settle_layouts()

    # Commands ---------------------------------------------------------------------------

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.nc_editor import NcEditor

        saved = NcEditor.ask(self, self.context)
        if saved is not None:
            self.table.select_where(lambda row: row.id == saved.id)
        return True

    def edit_selected(self) -> None:
        row = self.table.current_row()
        if row is None:
            rows = self.table.selected_rows()
            row = rows[0] if rows else None
        if row is not None:
            self.open_editor(row)

    def open_editor(self, row: NcRead) -> None:
        from opsdesk.ui.dialogs.nc_editor import NcEditor

        NcEditor.ask(self, self.context, nc_id=row.id)
        self.table.select_where(lambda r: r.id == row.id)

    def archive_selected(self) -> None:
        rows = self.table.selected_rows()
        if not rows:
            return
        codes = ", ".join(row.code for row in rows)
        if not messages.confirm(
            self,
            self.tr("Archive nonconformities"),
            self.tr("Archive {codes}? Archived records are kept and can be restored.").format(codes=codes),
            self.tr("Archive"),
        ):
            return
        try:
            for row in rows:
                self.context.write(
                    nc_service.set_nonconformity_archived,
                    topics=(),
                    nc_id=row.id,
                    archived=True,
                    expected_version=row.version,
                )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot archive"))
        finally:
            self.context.dataChanged.emit(QUALITY)

    # State ------------------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}

    def save_state(self, settings: QSettings) -> None:
        super().save_state(settings)
        settings.setValue("nonconformities/pareto_by", self.pareto_by.currentData())

    def restore_state(self, settings: QSettings) -> None:
        super().restore_state(settings)
        by = settings.value("nonconformities/pareto_by")
        if by:
            self.choose(self.pareto_by, by)

"""The Nonconformities page: the register with filters, and a Pareto of causes for a period."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, QSettings, Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
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
from opsdesk.ui.pages.base import Page
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.table import RecordTableView, fit_columns_snugly, settle_layouts

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


class NonconformitiesPage(Page):
    """Nonconformities with severity, age and overdue actions; a Pareto by 6M category or source."""

    topics = (QUALITY, ACTIONS, SETTINGS)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._lookups_loaded = False
        self._start_month: int | None = None
        self.pareto_rows: list[tuple[str, int, float]] = []
        self._build()

    # Building ---------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)

        title_row = QHBoxLayout()
        title = QLabel(self.tr("Nonconformities"))
        title.setProperty("role", "pageTitle")
        title_row.addWidget(title)
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        title_row.addWidget(self.count_label)
        title_row.addStretch(1)
        self.new_button = QPushButton(self.tr("New nonconformity…"))
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.archive_selected)
        for button in (self.new_button, self.edit_button, self.archive_button):
            title_row.addWidget(button)
        self.guard_writes(self.new_button, self.edit_button, self.archive_button)
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search code, title, product, owner…"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(220)
        self.search.textChanged.connect(self._apply_filters)
        tools.addWidget(self.search, 1)

        self.status_filter = QComboBox()
        self.status_filter.addItem(self.tr("All statuses"), ALL)
        self.status_filter.addItem(self.tr("Open (not closed)"), OPEN_ONLY)
        for code, text in choices("nc_status"):
            self.status_filter.addItem(text, code)
        self.severity_filter = self._code_combo(self.tr("All severities"), "severity")
        self.source_filter = self._code_combo(self.tr("All sources"), "nc_source")
        self.six_m_filter = self._code_combo(self.tr("All 6M categories"), "six_m")
        self.department_filter = QComboBox()
        self.department_filter.addItem(self.tr("All departments"), None)
        self.overdue_filter = QCheckBox(self.tr("Overdue actions"))
        self.overdue_filter.setToolTip(self.tr("Only nonconformities with at least one overdue action"))
        for combo in (
            self.status_filter,
            self.severity_filter,
            self.source_filter,
            self.six_m_filter,
            self.department_filter,
        ):
            combo.currentIndexChanged.connect(self._apply_filters)
            tools.addWidget(combo)
        self.overdue_filter.toggled.connect(self._apply_filters)
        tools.addWidget(self.overdue_filter)
        layout.addLayout(tools)

        self.model: RecordTableModel[NcRead] = RecordTableModel(self._columns(), self)
        self.table = RecordTableView(self.model)
        self.table.setObjectName("nonconformitiesTable")
        self.table.opened.connect(self.open_editor)

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self._build_pareto_panel())
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([340, 280])
        layout.addWidget(self.splitter, 1)

    def _code_combo(self, all_text: str, kind: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(all_text, None)
        for code, text in choices(kind):
            combo.addItem(text, code)
        return combo

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

    def refresh(self) -> None:
        # Departments and the fiscal year are settings: reread them, they may have changed.
        self._load_departments()
        start_month = self.context.call(get_fiscal_start_month)
        if start_month != self._start_month:
            self._fill_periods(start_month)
        self._lookups_loaded = True
        selected = {row.id for row in self.table.selected_rows()}
        rows = self.context.call(nc_service.list_nonconformities)
        self.model.set_rows(rows)
        if not self.table.property("fitted"):
            fit_columns_snugly(self.table, maximum=220, stretch="title")
            self.table.setProperty("fitted", True)
        if selected:
            self.table.select_where(lambda row: row.id in selected)
        self._update_count()
        self.refresh_pareto()
        settle_layouts()

    def _load_departments(self) -> None:
        current = self.department_filter.currentData()
        self.department_filter.blockSignals(True)
        while self.department_filter.count() > 1:
            self.department_filter.removeItem(1)
        for department in self.context.call(list_departments):
            self.department_filter.addItem(department.name, department.id)
        index = self.department_filter.findData(current)
        self.department_filter.setCurrentIndex(max(index, 0))
        self.department_filter.blockSignals(False)
        if index < 0 and current is not None:
            self._apply_filters()  # the filtered department is gone: show them all

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
        figure = build_pareto_figure(
            rows,
            labels=labels,
            title=title,
            count_label=self.tr("Nonconformities"),
            cumulative_label=self.tr("Cumulative share"),
            empty_text=self.tr("No classified nonconformities in this period"),
            width=width,
            height=height,
        )
        self.chart.set_figure(figure)
        # Show the new canvas now rather than on the next event-loop turn (a grab may come first).
        self.chart.canvas.show()

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
        shown, total = self.model.rowCount(), self.model.total_count()
        if shown == total:
            self.count_label.setText(self.tr("{n} nonconformities").format(n=total))
        else:
            self.count_label.setText(self.tr("{shown} of {total} shown").format(shown=shown, total=total))

    def apply_filter(self, **criteria: Any) -> None:
        """Show e.g. open_only=True, severity="critical", status=, source=, six_m=, department=, overdue_only=."""
        self.ensure_fresh()
        widgets = (
            self.search,
            self.status_filter,
            self.severity_filter,
            self.source_filter,
            self.six_m_filter,
            self.department_filter,
            self.overdue_filter,
        )
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.search.setText(str(criteria.get("search", "")))
            if criteria.get("status"):
                self._select(self.status_filter, criteria["status"])
            else:
                self._select(self.status_filter, OPEN_ONLY if criteria.get("open_only") else ALL)
            self._select(self.severity_filter, criteria.get("severity"))
            self._select(self.source_filter, criteria.get("source"))
            self._select(self.six_m_filter, criteria.get("six_m"))
            department = criteria.get("department_id", criteria.get("department"))
            if isinstance(department, str):
                index = self.department_filter.findText(department)
                self.department_filter.setCurrentIndex(max(index, 0))
            else:
                self._select(self.department_filter, department)
            self.overdue_filter.setChecked(bool(criteria.get("overdue_only", False)))
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._apply_filters()
        settle_layouts()

    @staticmethod
    def _select(combo: QComboBox, data: object) -> None:
        index = combo.findData(data)
        combo.setCurrentIndex(max(index, 0))

    # Commands ---------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

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

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("nonconformities/splitter", self.splitter.saveState())
        settings.setValue("nonconformities/pareto_by", self.pareto_by.currentData())
        self.table.save_state(settings, "nonconformities/table")

    def restore_state(self, settings: QSettings) -> None:
        state = settings.value("nonconformities/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        by = settings.value("nonconformities/pareto_by")
        if by:
            self._select(self.pareto_by, by)
        if self.table.restore_state(settings, "nonconformities/table"):
            self.table.setProperty("fitted", True)

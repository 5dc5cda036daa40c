"""Indicators and alerts: KRIs with their state and trend, readings, and the alerts they raise."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.reports.charts.kri import STATE_COLORS
from opsdesk.services.alerts import AlertRead, acknowledge_alert, alert_sentence, list_alerts, resolve_alert
from opsdesk.services.forecasts import get_kri_forecast, set_kri_forecast
from opsdesk.services.kris import KriRead, ReadingRead, list_kris, list_readings, set_kri_archived
from opsdesk.services.settings import list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import ALERTS, EVERYTHING, KRIS, SETTINGS, AppContext
from opsdesk.ui.labels import choices, invalid_value, label, level_name
from opsdesk.ui.pages.base import Page
from opsdesk.ui.regional import display_number
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.filter_chip import FilterChip
from opsdesk.ui.widgets.kri_forecast import KriForecastBar
from opsdesk.ui.widgets.table import RecordTableView

OVERDUE_COLOR = "#FFCDD2"
OVERDUE_TEXT = "#B71C1C"
MUTED_TEXT = "#78909C"
STATE_ORDER = {"ok": 1, "warning": 2, "alarm": 3}
ALERT_STATE_ORDER = {"open": 1, "acknowledged": 2, "resolved": 3}

# Filter values besides the state codes.
ALL = ""
OVERDUE = "__overdue__"
NO_READING = "__none__"
ARCHIVED = "__archived__"
OPEN_ALERTS = "open"  # open and acknowledged
RESOLVED_ALERTS = "resolved"


def local_time(moment: datetime | None) -> str:
    """A stored UTC moment in the user's time zone, to the minute."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class IndicatorsPage(Page):
    """KRI table, the selected KRI's trend and readings, and the alerts list with acknowledge/resolve."""

    topics = (KRIS, ALERTS, SETTINGS)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.navigate = None  # set by the main window
        self._departments: list[tuple[int, str]] | None = None
        self._shown_kri: tuple[int, int, int] | None = None  # (id, version, reading count) on the chart
        self.forecast = None  # the selected indicator's KriForecastRead
        self.readings: list[ReadingRead] = []
        self._fitted = False  # columns sized to the data once, unless a saved layout was restored
        # A reading changes KRIS and ALERTS at once: refresh once for both.
        self._refresh_timer = QTimer(self, singleShot=True, interval=0)
        self._refresh_timer.timeout.connect(self.ensure_fresh)
        self._build()
        self._filter_kris()
        self._filter_alerts()

    # Building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        layout.setSpacing(8)
        title_row = QHBoxLayout()
        title = QLabel(self.tr("Indicators and alerts"))
        title.setProperty("role", "pageTitle")
        title_row.addWidget(title)
        self.summary_label = QLabel()
        self.summary_label.setProperty("role", "muted")
        title_row.addSpacing(8)
        title_row.addWidget(self.summary_label)
        title_row.addStretch(1)
        layout.addLayout(title_row)

        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_indicators_tab(), self.tr("&Indicators"))
        self.tabs.addTab(self._build_alerts_tab(), self.tr("&Alerts"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout.addWidget(self.tabs, 1)

        # Keyboard access to the reading buttons from anywhere on the page.
        for sequence, slot in (
            ("Ctrl+R", self.add_reading),
            ("Ctrl+Shift+R", self.add_readings),
            ("Ctrl+E", self.edit_selected),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.guard_writes(shortcut)
        self.guard_writes(
            self.new_button, self.edit_button, self.reading_button, self.grid_button, self.archive_button,
            self.acknowledge_button, self.resolve_button, *self.forecast_bar.write_controls(),
        )  # fmt: skip

    def _build_indicators_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        self.kri_search = QLineEdit()
        self.kri_search.setPlaceholderText(self.tr("Search indicator, risk, department…"))
        self.kri_search.setClearButtonEnabled(True)
        self.kri_search.setMinimumWidth(160)
        self.kri_search.textChanged.connect(self._filter_kris)
        tools.addWidget(self.kri_search, 1)
        self.kri_department = QComboBox()
        self.kri_department.addItem(self.tr("All departments"), None)
        self.kri_state = QComboBox()
        self.kri_state.addItem(self.tr("All states"), ALL)
        for code, text in choices("kri_state"):
            self.kri_state.addItem(text, code)
        self.kri_state.addItem(self.tr("Reading overdue"), OVERDUE)
        self.kri_state.addItem(self.tr("No reading yet"), NO_READING)
        self.kri_state.addItem(self.tr("Archived"), ARCHIVED)
        self.kri_state.setToolTip(
            self.tr("Archived indicators are listed under “Archived”, where they can be restored")
        )
        for combo in (self.kri_department, self.kri_state):
            combo.currentIndexChanged.connect(self._filter_kris)
            tools.addWidget(combo)
        tools.addSpacing(12)
        self.new_button = QPushButton(self.tr("&New KRI…"))
        self.new_button.setToolTip(self.tr("Define a new key risk indicator (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_item)
        self.edit_button = QPushButton(self.tr("&Edit…"))
        self.edit_button.setToolTip(self.tr("Edit the selected indicator (Enter, Ctrl+E)"))
        self.edit_button.clicked.connect(self.edit_selected)
        self.reading_button = QPushButton(self.tr("Add rea&ding…"))
        self.reading_button.setToolTip(self.tr("Record one reading of the selected indicator (Ctrl+R)"))
        self.reading_button.clicked.connect(self.add_reading)
        self.grid_button = QPushButton(self.tr("Add readings (&grid)…"))
        self.grid_button.setToolTip(self.tr("Type many dated readings at once (Ctrl+Shift+R)"))
        self.grid_button.clicked.connect(self.add_readings)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.setToolTip(self.tr("Archive the selected indicator (Delete)"))
        self.archive_button.clicked.connect(self.archive_selected)
        for button in (
            self.new_button,
            self.edit_button,
            self.reading_button,
            self.grid_button,
            self.archive_button,
        ):
            tools.addWidget(button)
        box.addLayout(tools)

        self.kri_model: RecordTableModel[KriRead] = RecordTableModel(self._kri_columns(), self)
        self.kri_table = RecordTableView(self.kri_model)
        self.kri_table.setObjectName("kriTable")
        self.kri_table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.kri_table.opened.connect(lambda _row: self.edit_selected())
        self.kri_table.selectionModel().currentRowChanged.connect(self._kri_changed)
        self.kri_model.modelReset.connect(self._update_buttons)

        self.chart = ChartView()
        self.chart.setMinimumHeight(200)
        self.chart_placeholder = QLabel(self.tr("Select an indicator to see its trend."))
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_placeholder.setProperty("role", "muted")
        self.chart_stack = QStackedWidget()
        self.chart_stack.addWidget(self.chart_placeholder)
        self.chart_stack.addWidget(self.chart)
        chart_panel = QWidget()
        chart_box = QVBoxLayout(chart_panel)
        chart_box.setContentsMargins(0, 0, 0, 0)
        chart_box.setSpacing(2)
        chart_box.addWidget(self.chart_stack, 1)
        self.forecast_bar = KriForecastBar()
        self.forecast_bar.settingsChosen.connect(self.set_forecast)
        self.forecast_bar.hide()
        chart_box.addWidget(self.forecast_bar)

        readings_panel = QWidget()
        readings_box = QVBoxLayout(readings_panel)
        readings_box.setContentsMargins(0, 0, 0, 0)
        readings_box.setSpacing(4)
        self.readings_label = QLabel(self.tr("Readings"))
        self.readings_label.setStyleSheet("font-weight: 600;")
        readings_box.addWidget(self.readings_label)
        self.reading_model: RecordTableModel[ReadingRead] = RecordTableModel(self._reading_columns(), self)
        self.reading_table = RecordTableView(self.reading_model)
        self.reading_table.setObjectName("readingTable")
        readings_box.addWidget(self.reading_table, 1)

        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.addWidget(chart_panel)
        self.detail_splitter.addWidget(readings_panel)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 1)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setSizes([780, 360])

        self.kri_splitter = QSplitter(Qt.Orientation.Vertical)
        self.kri_splitter.addWidget(self.kri_table)
        self.kri_splitter.addWidget(self.detail_splitter)
        self.kri_splitter.setChildrenCollapsible(False)
        self.kri_splitter.setStretchFactor(0, 1)
        self.kri_splitter.setStretchFactor(1, 1)
        self.kri_splitter.setSizes([330, 270])
        box.addWidget(self.kri_splitter, 1)
        return tab

    def _build_alerts_tab(self) -> QWidget:
        tab = QWidget()
        box = QVBoxLayout(tab)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        tools = QHBoxLayout()
        tools.setSpacing(6)
        self.alert_search = QLineEdit()
        self.alert_search.setPlaceholderText(self.tr("Search message, indicator, risk…"))
        self.alert_search.setClearButtonEnabled(True)
        self.alert_search.setMinimumWidth(200)
        self.alert_search.textChanged.connect(self._filter_alerts)
        tools.addWidget(self.alert_search, 1)
        self.alert_state = QComboBox()
        self.alert_state.addItem(self.tr("Open (not resolved)"), OPEN_ALERTS)
        self.alert_state.addItem(self.tr("All alerts"), ALL)
        self.alert_state.addItem(self.tr("Resolved"), RESOLVED_ALERTS)
        self.alert_kind = QComboBox()
        self.alert_kind.addItem(self.tr("All kinds"), ALL)
        for code, text in choices("alert_kind"):
            self.alert_kind.addItem(text, code)
        self.alert_department = QComboBox()
        self.alert_department.addItem(self.tr("All departments"), None)
        for combo in (self.alert_state, self.alert_kind, self.alert_department):
            combo.currentIndexChanged.connect(self._filter_alerts)
            tools.addWidget(combo)
        tools.addSpacing(12)
        self.acknowledge_button = QPushButton(self.tr("Ac&knowledge"))
        self.acknowledge_button.setToolTip(self.tr("Record that you have seen the selected alerts"))
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        self.resolve_button = QPushButton(self.tr("&Resolve…"))
        self.resolve_button.setToolTip(self.tr("Close the selected alerts, with an optional note"))
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.show_source_button = QPushButton(self.tr("Show &indicator"))
        self.show_source_button.setToolTip(
            self.tr("Show the indicator or risk that raised the alert (Enter)")
        )
        self.show_source_button.clicked.connect(self.show_alert_source)
        for button in (self.acknowledge_button, self.resolve_button, self.show_source_button):
            tools.addWidget(button)
        box.addLayout(tools)
        box.addLayout(self._build_filter_chip())

        self.alert_model: RecordTableModel[AlertRead] = RecordTableModel(self._alert_columns(), self)
        self.alert_table = RecordTableView(self.alert_model)
        self.alert_table.setObjectName("alertTable")
        self.alert_table.opened.connect(lambda _row: self.show_alert_source())
        self.alert_table.selectionModel().selectionChanged.connect(self._alert_selection_changed)
        self.alert_model.modelReset.connect(self._alert_selection_changed)
        box.addWidget(self.alert_table, 1)
        self.alert_detail = QLabel()
        self.alert_detail.setWordWrap(True)
        self.alert_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.alert_detail.setProperty("role", "muted")
        self.alert_detail.setMinimumHeight(36)
        box.addWidget(self.alert_detail)
        return tab

    # Columns --------------------------------------------------------------------------------

    def _kri_columns(self) -> list[Column[KriRead]]:
        def state_color(kri: KriRead) -> str | None:
            return STATE_COLORS.get(kri.state or "")

        def overdue_text(kri: KriRead) -> str:
            if kri.last_read_on is None:
                return self.tr("none yet")
            if kri.reading_overdue:
                return self.tr("{date} (overdue)").format(date=kri.last_read_on.isoformat())
            return kri.last_read_on.isoformat()

        def overdue_tip(kri: KriRead) -> str | None:
            if not kri.reading_overdue:
                return None
            return self.tr("A reading is overdue: this indicator is read {frequency}.").format(
                frequency=label("frequency", kri.frequency).lower()
            )

        def threshold_sign(kri: KriRead) -> str:
            return "≤" if kri.direction == "lower_is_worse" else "≥"

        def direction_tip(kri: KriRead) -> str:
            return label("direction", kri.direction)

        def muted(kri: KriRead) -> str | None:
            return MUTED_TEXT if kri.archived else None

        return [
            Column(
                "name",
                self.tr("Indicator"),
                lambda k: k.name,
                tooltip=lambda k: k.description or None,
                foreground=muted,
            ),
            Column(
                "state",
                self.tr("State"),
                lambda k: label("kri_state", k.state),
                sort_key=lambda k: STATE_ORDER.get(k.state or "", 0),
                background=state_color,
            ),
            Column("last_value", self.tr("Last value"), lambda k: k.last_value, align_right=True),
            Column("unit", self.tr("Unit"), lambda k: k.unit),
            Column(
                "last_read_on",
                self.tr("Last reading"),
                overdue_text,
                sort_key=lambda k: k.last_read_on,
                background=lambda k: OVERDUE_COLOR if k.reading_overdue else None,
                foreground=lambda k: OVERDUE_TEXT if k.reading_overdue else None,
                tooltip=overdue_tip,
            ),
            Column(
                "warning",
                self.tr("Warning"),
                lambda k: (
                    f"{threshold_sign(k)} {display_number(k.warning)}"
                    if is_storable_number(k.warning)
                    else invalid_value()
                ),
                sort_key=lambda k: k.warning,
                tooltip=direction_tip,
                align_right=True,
            ),
            Column(
                "alarm",
                self.tr("Alarm"),
                lambda k: (
                    f"{threshold_sign(k)} {display_number(k.alarm)}"
                    if is_storable_number(k.alarm)
                    else invalid_value()
                ),
                sort_key=lambda k: k.alarm,
                tooltip=direction_tip,
                align_right=True,
            ),
            Column(
                "direction",
                self.tr("Direction"),
                lambda k: label("direction", k.direction),
                hidden_by_default=True,
            ),
            Column("risk", self.tr("Risk"), lambda k: k.risk_code, tooltip=lambda k: k.risk_title or None),
            Column("department", self.tr("Department"), lambda k: k.department),
            Column(
                "frequency",
                self.tr("Frequency"),
                lambda k: label("frequency", k.frequency),
                hidden_by_default=True,
            ),
            Column("archived", self.tr("Archived"), lambda k: k.archived, hidden_by_default=True),
        ]

    def _reading_columns(self) -> list[Column[ReadingRead]]:
        return [
            Column("read_on", self.tr("Date"), lambda r: r.read_on),
            Column("value", self.tr("Value"), lambda r: r.value, align_right=True),
            Column(
                "state",
                self.tr("State"),
                lambda r: label("kri_state", r.state),
                sort_key=lambda r: STATE_ORDER.get(r.state, 0),
                background=lambda r: STATE_COLORS.get(r.state),
            ),
            Column("note", self.tr("Note"), lambda r: r.note, tooltip=lambda r: r.note or None),
            Column("recorded_by", self.tr("Recorded by"), lambda r: r.recorded_by, hidden_by_default=True),
        ]

    def _alert_columns(self) -> list[Column[AlertRead]]:
        def severity_text(alert: AlertRead) -> str:
            if alert.kind == "kri":
                return label("kri_state", alert.severity)
            return level_name(self.context.matrix(), alert.severity)

        def severity_color(alert: AlertRead) -> str | None:
            if alert.kind == "kri":
                return STATE_COLORS.get(alert.severity)
            try:
                return self.context.matrix().band(alert.severity).color
            except ValidationError:
                return None

        def subject(alert: AlertRead) -> str:
            if alert.kri_name:
                return f"{alert.kri_name} · {alert.risk_code}" if alert.risk_code else alert.kri_name
            return alert.risk_code

        def handled(by: str | None, at: datetime | None) -> str:
            return f"{by} · {local_time(at)}" if by else ""

        def state_ink(alert: AlertRead) -> str | None:
            return (
                OVERDUE_TEXT if alert.state == "open" else (MUTED_TEXT if alert.state == "resolved" else None)
            )

        return [
            Column(
                "raised_on",
                self.tr("Raised on"),
                lambda a: a.raised_on,
                sort_key=lambda a: (a.raised_on, a.id),
            ),
            Column("kind", self.tr("Kind"), lambda a: label("alert_kind", a.kind)),
            Column("severity", self.tr("Severity"), severity_text, background=severity_color),
            Column("subject", self.tr("Indicator / risk"), subject),
            Column("department", self.tr("Department"), lambda a: a.department),
            Column(
                "state",
                self.tr("State"),
                lambda a: label("alert_state", a.state),
                sort_key=lambda a: ALERT_STATE_ORDER.get(a.state, 0),
                foreground=state_ink,
            ),
            Column(
                "acknowledged",
                self.tr("Acknowledged"),
                lambda a: handled(a.acknowledged_by, a.acknowledged_at),
            ),
            Column(
                "resolved",
                self.tr("Resolved"),
                lambda a: handled(a.resolved_by, a.resolved_at),
                tooltip=lambda a: a.resolution_note or None,
            ),
            # Said in the reader's language from the alert's fields; the stored English sentence is history.
            Column("message", self.tr("Message"), alert_sentence, tooltip=alert_sentence),
            Column(
                "breach_ended_on",
                self.tr("Back to normal on"),
                lambda a: a.breach_ended_on,
                hidden_by_default=True,
            ),
            Column("value", self.tr("Value"), lambda a: a.value, align_right=True, hidden_by_default=True),
            Column("note", self.tr("Resolution note"), lambda a: a.resolution_note, hidden_by_default=True),
        ]

    # Loading --------------------------------------------------------------------------------

    def refresh(self) -> None:
        self._load_departments()
        kri_id = self.selected_kri_id()
        alert_ids = {alert.id for alert in self.alert_table.selected_rows()}
        kris = self.context.call(list_kris, include_archived=True)
        alerts = self.context.call(list_alerts)
        self._shown_kri = None  # readings may have changed even when the KRI did not
        self.kri_model.set_rows(kris)
        self.alert_model.set_rows(alerts)
        if kri_id is None or not self.kri_table.select_where(lambda k: k.id == kri_id):
            self._select_first_kri()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for number, alert in enumerate(self.alert_model.rows()):
            if alert.id in alert_ids:
                self.alert_table.selectionModel().select(self.alert_model.index(number, 0), flags)
        self._show_selected_kri()
        self._update_counts()
        if not self._fitted and kris:
            self._fitted = True
            self.kri_table.fit_columns(280)
            self.alert_table.fit_columns(180)
            self.reading_table.fit_columns(240)
            header = self.alert_table.horizontalHeader()
            for key in ("acknowledged", "resolved"):
                number = self.alert_model.column_index(key)
                header.resizeSection(number, max(header.sectionSize(number), 150))

    def _load_departments(self) -> None:
        departments = [(item.id, item.name) for item in self.context.call(list_departments)]
        if departments == self._departments:
            return
        self._departments = departments
        for combo in (self.kri_department, self.alert_department):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for department_id, name in departments:
                combo.addItem(name, department_id)
            found = combo.findData(current)
            combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

    def _update_counts(self) -> None:
        kris = self.kri_model.all_rows()
        in_alarm = sum(1 for k in kris if k.state == "alarm" and not k.archived)
        overdue = sum(1 for k in kris if k.reading_overdue)
        open_alerts = sum(1 for a in self.alert_model.all_rows() if a.state != "resolved")
        self.summary_label.setText(
            self.tr(
                "{kris} indicators · in alarm: {alarm} · readings overdue: {overdue} · open alerts: {alerts}"
            ).format(
                kris=sum(1 for k in kris if not k.archived),
                alarm=in_alarm,
                overdue=overdue,
                alerts=open_alerts,
            )
        )
        self.tabs.setTabText(1, self.tr("&Alerts ({count} open)").format(count=open_alerts))

    def _on_data_changed(self, topic: str) -> None:
        if topic == EVERYTHING or topic in self.topics:
            self._stale = True
            if self.isVisible():
                self._refresh_timer.start()

    # Filters --------------------------------------------------------------------------------

    def _filter_kris(self) -> None:
        kri_id = self.selected_kri_id()
        needle = self.kri_search.text().strip().casefold()
        department = self.kri_department.currentData()
        state = self.kri_state.currentData()

        def keep(kri: KriRead) -> bool:
            if department is not None and kri.department_id != department:
                return False
            if kri.archived != (state == ARCHIVED):
                return False
            if state == OVERDUE and not kri.reading_overdue:
                return False
            if state == NO_READING and kri.last_read_on is not None:
                return False
            if state not in (ALL, OVERDUE, NO_READING, ARCHIVED) and kri.state != state:
                return False
            if needle:
                text = " ".join(
                    (kri.name, kri.risk_code, kri.risk_title, kri.department, kri.description, kri.unit)
                )
                return needle in text.casefold()
            return True

        self.kri_model.set_filter(keep)
        if kri_id is None or not self.kri_table.select_where(lambda k: k.id == kri_id):
            self._select_first_kri()
        self._show_selected_kri()

    def _filter_alerts(self) -> None:
        needle = self.alert_search.text().strip().casefold()
        state = self.alert_state.currentData()
        kind = self.alert_kind.currentData()
        department = self.alert_department.currentData()

        def keep(alert: AlertRead) -> bool:
            if state == OPEN_ALERTS and alert.state == "resolved":
                return False
            if state == RESOLVED_ALERTS and alert.state != "resolved":
                return False
            if kind and alert.kind != kind:
                return False
            if department is not None and alert.department_id != department:
                return False
            if needle:
                text = " ".join(
                    (
                        alert_sentence(alert),
                        alert.kri_name,
                        alert.risk_code,
                        alert.department,
                        alert.resolution_note,
                    )
                )
                return needle in text.casefold()
            return True

        self.alert_model.set_filter(keep)
        self.filter_chip.follow(self.filter_state())

    def _build_filter_chip(self) -> QHBoxLayout:
        """The chip naming a dashboard card's filter of the alerts; clearing it shows every alert."""
        self.filter_chip = FilterChip()
        self.filter_chip.clearRequested.connect(
            lambda: self.alert_state.setCurrentIndex(max(self.alert_state.findData(ALL), 0))
        )
        row = QHBoxLayout()
        row.addWidget(self.filter_chip)
        row.addStretch(1)
        return row

    def filter_state(self) -> tuple:
        """The alerts tab's filters (the dashboard links to the alerts only)."""
        return (
            self.alert_search.text(), self.alert_state.currentData(), self.alert_kind.currentData(),
            self.alert_department.currentData(),
        )  # fmt: skip

    def apply_filter(self, **criteria: Any) -> None:
        """alerts="open"/"all"/"resolved" shows the alerts; kri_id, state, department, risk_id the KRIs."""
        if "alerts" in criteria:
            wanted = {"open": OPEN_ALERTS, "all": ALL, "resolved": RESOLVED_ALERTS}.get(
                criteria["alerts"], OPEN_ALERTS
            )
            self.alert_search.clear()
            self.alert_kind.setCurrentIndex(0)
            self.alert_department.setCurrentIndex(0)
            self.alert_state.setCurrentIndex(max(self.alert_state.findData(wanted), 0))
            self.tabs.setCurrentIndex(1)
            return
        self.tabs.setCurrentIndex(0)
        if {"state", "department", "risk_id", "kri_id"} & criteria.keys():
            self.kri_search.clear()
            self.kri_department.setCurrentIndex(0)
            self.kri_state.setCurrentIndex(0)
        if "state" in criteria:
            state = {"overdue": OVERDUE}.get(criteria["state"], criteria["state"])
            self.kri_state.setCurrentIndex(max(self.kri_state.findData(state), 0))
        if "department" in criteria:
            department = criteria["department"]
            found = self.kri_department.findData(department)
            if found < 0:
                found = self.kri_department.findText(str(department))
            self.kri_department.setCurrentIndex(max(found, 0))
        if criteria.get("risk_id") is not None:
            code = next(
                (k.risk_code for k in self.kri_model.all_rows() if k.risk_id == criteria["risk_id"]), ""
            )
            self.kri_search.setText(code)
        if criteria.get("kri_id") is not None:
            self.select_kri(criteria["kri_id"])

    def select_kri(self, kri_id: int) -> bool:
        """Select an indicator, clearing the filters that hide it."""
        if self.kri_table.select_where(lambda k: k.id == kri_id):
            self._show_selected_kri()
            return True
        archived = next((k.archived for k in self.kri_model.all_rows() if k.id == kri_id), False)
        self.kri_search.clear()
        self.kri_department.setCurrentIndex(0)
        self.kri_state.setCurrentIndex(self.kri_state.findData(ARCHIVED if archived else ALL))
        found = self.kri_table.select_where(lambda k: k.id == kri_id)
        self._show_selected_kri()
        return found

    # Selection and the trend ------------------------------------------------------------------

    def selected_kri(self) -> KriRead | None:
        return self.kri_table.current_row() if self.kri_table.selectionModel().hasSelection() else None

    def selected_kri_id(self) -> int | None:
        kri = self.selected_kri()
        return kri.id if kri is not None else None

    def _select_first_kri(self) -> None:
        if self.kri_model.rowCount() > 0:
            self.kri_table.selectRow(0)

    def _kri_changed(self, *_args: object) -> None:
        self._show_selected_kri()

    def _show_selected_kri(self) -> None:
        self._update_buttons()
        kri = self.selected_kri()
        if kri is None:
            self._shown_kri = None
            self.readings = []
            self.reading_model.set_rows([])
            self.readings_label.setText(self.tr("Readings"))
            self.chart_stack.setCurrentWidget(self.chart_placeholder)
            self.forecast_bar.hide()
            return
        if self._shown_kri is not None and self._shown_kri[:2] == (kri.id, kri.version):
            return
        self.readings = self.context.call(list_readings, kri_id=kri.id)
        self.forecast = self.context.call(get_kri_forecast, kri_id=kri.id)
        self.forecast_bar.show_forecast(kri, self.forecast)
        self.forecast_bar.show()
        self._shown_kri = (kri.id, kri.version, len(self.readings))
        self.reading_model.set_rows(list(reversed(self.readings)))
        self.readings_label.setText(
            self.tr("Readings of {name} ({count})").format(name=kri.name, count=len(self.readings))
        )
        self._draw_chart(kri)

    def _draw_chart(self, kri: KriRead) -> None:
        from opsdesk.reports.charts.kri import build_kri_trend_figure

        figure = build_kri_trend_figure(
            self.readings,
            direction=kri.direction,
            warning=kri.warning,
            alarm=kri.alarm,
            title=kri.name,
            unit=kri.unit,
            band_labels={code: text for code, text in choices("kri_state")},
            width=max(self.chart_stack.width() / 100, 4.0),
            height=max(self.chart_stack.height() / 100, 2.0),
            empty_message=self.tr("No readings yet: add one with “Add reading”."),
            invalid_note=self.tr("{count} invalid value(s) not shown"),
            forecast=self.forecast.forecast if self.forecast is not None and self.forecast.enabled else None,
            forecast_labels=self.forecast_labels(),
        )
        self.chart.set_figure(figure)
        self.chart_stack.setCurrentWidget(self.chart)

    def forecast_labels(self) -> dict[str, str]:
        return {
            "forecast": self.tr("Forecast"),
            "range": self.tr("90 % range"),
            "warning": self.tr("Warning ~{month}"),
            "alarm": self.tr("Alarm ~{month}"),
        }

    def set_forecast(self, enabled: bool, horizon_days: int) -> None:
        """Turn the selected indicator's early warning on or off, with its horizon."""
        kri = self.selected_kri()
        if kri is None:
            return
        self._write(
            set_kri_forecast, topics=(KRIS, ALERTS), kri_id=kri.id, enabled=enabled, horizon_days=horizon_days,
            expected_version=kri.version,
        )  # fmt: skip

    def _update_buttons(self) -> None:
        kri = self.selected_kri()
        for button in (self.edit_button, self.archive_button):
            button.setEnabled(kri is not None)
        usable = kri is not None and not kri.archived
        self.reading_button.setEnabled(usable)
        self.grid_button.setEnabled(usable)
        self.archive_button.setText(
            self.tr("Restore") if kri is not None and kri.archived else self.tr("Archive")
        )

    def update_write_controls(self) -> None:
        self._update_buttons()
        self._alert_selection_changed()

    def _alert_selection_changed(self, *_args: object) -> None:
        selected = self.alert_table.selected_rows()
        self.acknowledge_button.setEnabled(any(a.state == "open" for a in selected))
        self.resolve_button.setEnabled(any(a.state != "resolved" for a in selected))
        current = selected[0] if len(selected) == 1 else None
        self.show_source_button.setEnabled(current is not None)
        if current is None:
            self.alert_detail.setText(
                self.tr("{count} alerts selected.").format(count=len(selected))
                if selected
                else self.tr("Select an alert to read its full message; Enter shows its indicator or risk.")
            )
            return
        lines = [alert_sentence(current)]
        if current.breach_ended_on is not None:
            lines.append(
                self.tr("Back to normal since {date}.").format(date=current.breach_ended_on.isoformat())
            )
        if current.resolution_note:
            lines.append(self.tr("Resolution note: {note}").format(note=current.resolution_note))
        self.alert_detail.setText("  ".join(lines))

    def _tab_changed(self, index: int) -> None:
        table = self.kri_table if index == 0 else self.alert_table
        table.setFocus()

    # Commands ---------------------------------------------------------------------------------

    def focus_search(self) -> None:
        search = self.kri_search if self.tabs.currentIndex() == 0 else self.alert_search
        search.setFocus()
        search.selectAll()

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.kri_editor import KriEditor

        self.tabs.setCurrentIndex(0)
        department = self.kri_department.currentData()
        saved = KriEditor.ask(self, self.context, department_id=department)
        if saved is not None:
            self._after_write()
            self.select_kri(saved.id)
        return True

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.kri_editor import KriEditor

        kri = self.selected_kri()
        if kri is None or self.tabs.currentIndex() != 0:
            return
        if KriEditor.ask(self, self.context, kri.id) is not None:
            self._after_write()

    def add_reading(self) -> None:
        from opsdesk.ui.dialogs.reading_dialogs import ReadingDialog

        kri = self.selected_kri()
        if kri is None or kri.archived:
            return
        if ReadingDialog.ask(self, self.context, kri) is not None:
            self._after_write()

    def add_readings(self) -> None:
        from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog

        kri = self.selected_kri()
        if kri is None or kri.archived:
            return
        if ReadingGridDialog.ask(self, self.context, kri) is not None:
            self._after_write()

    def archive_selected(self) -> None:
        """Delete: archive (or restore) the selected indicator, after a confirmation."""
        kri = self.selected_kri()
        if kri is None or self.tabs.currentIndex() != 0:
            return
        if kri.archived:
            self._write(set_kri_archived, (KRIS,), kri_id=kri.id, archived=False)
            return
        if not messages.confirm(
            self,
            self.tr("Archive indicator"),
            self.tr(
                "Archive “{name}”? It keeps its readings and alerts but takes no new readings. "
                "You can restore it with “Show archived”."
            ).format(name=kri.name),
            self.tr("Archive"),
        ):
            return
        self._write(set_kri_archived, (KRIS,), kri_id=kri.id, archived=True)

    def acknowledge_selected(self) -> None:
        """Record who saw the selected open alerts, and when."""
        alerts = [a for a in self.alert_table.selected_rows() if a.state == "open"]
        self._handle_alerts(
            alerts,
            lambda alert: self.context.write(
                acknowledge_alert, topics=(), alert_id=alert.id, expected_version=alert.version
            ),
        )

    def resolve_selected(self) -> None:
        """Resolve the selected alerts with an optional note; who and when are recorded."""
        alerts = [a for a in self.alert_table.selected_rows() if a.state != "resolved"]
        if not alerts:
            return
        note = self.ask_resolution_note(len(alerts))
        if note is None:
            return
        self._handle_alerts(
            alerts,
            lambda alert: self.context.write(
                resolve_alert, topics=(), alert_id=alert.id, note=note, expected_version=alert.version
            ),
        )

    def ask_resolution_note(self, count: int) -> str | None:
        """The optional note for resolving alerts; None when the user cancels."""
        text, ok = QInputDialog.getMultiLineText(
            self,
            self.tr("Resolve alerts") if count > 1 else self.tr("Resolve alert"),
            self.tr("What was done? (optional, kept with the alert)"),
        )
        return text.strip() if ok else None

    def _handle_alerts(self, alerts: list[AlertRead], handle) -> None:
        if not alerts:
            return
        problems: list[OpsDeskError] = []
        for alert in alerts:
            try:
                handle(alert)
            except OpsDeskError as exc:
                problems.append(exc)
        # One refresh for the whole selection, even when some were refused.
        self.context.dataChanged.emit(ALERTS)
        self._after_write()
        if problems:
            messages.show_problem(self, problems[0])

    def show_alert_source(self) -> None:
        """Open the indicator of a KRI alert, or the risk of an appetite alert."""
        selected = self.alert_table.selected_rows()
        if len(selected) != 1:
            return
        alert = selected[0]
        if alert.kri_id is not None:
            self.tabs.setCurrentIndex(0)
            self.apply_filter(kri_id=alert.kri_id)
        elif alert.risk_id is not None and callable(getattr(self, "navigate", None)):
            self.navigate("risks", risk_id=alert.risk_id)

    def _write(self, service, topics: tuple[str, ...], **kwargs: Any) -> Any:
        try:
            result = self.context.write(service, topics=topics, **kwargs)
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            self.refresh()
            return None
        self._after_write()
        return result

    def _after_write(self) -> None:
        # The topics refresh a visible page; a page driven while hidden (tests, links) catches up here.
        if self._stale:
            self.ensure_fresh()

    # State ------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("indicators/kri_splitter", self.kri_splitter.saveState())
        settings.setValue("indicators/detail_splitter", self.detail_splitter.saveState())
        settings.setValue("indicators/tab", self.tabs.currentIndex())
        self.kri_table.save_state(settings, "indicators/kris")
        self.alert_table.save_state(settings, "indicators/alerts")
        self.reading_table.save_state(settings, "indicators/readings")

    def restore_state(self, settings: QSettings) -> None:
        for key, splitter in (
            ("indicators/kri_splitter", self.kri_splitter),
            ("indicators/detail_splitter", self.detail_splitter),
        ):
            state = settings.value(key)
            if state is not None:
                splitter.restoreState(state)
        restored = [
            self.kri_table.restore_state(settings, "indicators/kris"),
            self.alert_table.restore_state(settings, "indicators/alerts"),
            self.reading_table.restore_state(settings, "indicators/readings"),
        ]
        self._fitted = all(restored)
        tab = settings.value("indicators/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

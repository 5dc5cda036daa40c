"""The Indicators tab: KRIs with their state and last reading, the selected one's trend and readings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError
from opsdesk.domain.numbers import is_storable_number
from opsdesk.reports.charts.kri import STATE_COLORS
from opsdesk.services.forecasts import get_kri_forecast, set_kri_forecast
from opsdesk.services.kris import KriRead, ReadingRead, list_readings, set_kri_archived
from opsdesk.ui import messages
from opsdesk.ui.context import ALERTS, KRIS, AppContext
from opsdesk.ui.labels import choices, invalid_value, label
from opsdesk.ui.pages.base import WriteControl
from opsdesk.ui.pages.list_page import ListControls
from opsdesk.ui.regional import display_number
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.kri_forecast import KriForecastBar

if TYPE_CHECKING:
    from opsdesk.ui.pages.indicators.page import IndicatorsPage

OVERDUE_COLOR = "#FFCDD2"
OVERDUE_TEXT = "#B71C1C"
MUTED_TEXT = "#78909C"
STATE_ORDER = {"ok": 1, "warning": 2, "alarm": 3}


@dataclass(frozen=True)
class KriTrend:
    """One indicator's readings (oldest first) and forecast, as the trend shows them."""

    kri_id: int
    readings: list[ReadingRead]
    forecast: Any  # KriForecastRead

    @classmethod
    def read(cls, context: AppContext, kri_id: int) -> KriTrend:
        return cls(
            kri_id, context.call(list_readings, kri_id=kri_id), context.call(get_kri_forecast, kri_id=kri_id)
        )


# State filter values besides the state codes.
ALL = ""
OVERDUE = "__overdue__"
NO_READING = "__none__"
ARCHIVED = "__archived__"


class KriPanel(ListControls, QWidget):
    """The KRI table with search, department and state filters; the selected KRI's trend, forecast
    and readings; new, edit, archive and the reading buttons."""

    state_key = "indicators"
    table_state_name = "kris"

    def __init__(self, page: IndicatorsPage) -> None:
        super().__init__()
        self.page = page
        self.context: AppContext = page.context
        self.columns_fitted = False  # sized to the data once, unless a saved layout was restored
        self._shown_kri: tuple[int, int, int] | None = None  # (id, version, reading count) on the chart
        self.forecast = None  # the selected indicator's KriForecastRead
        self.readings: list[ReadingRead] = []
        self._trend_read: KriTrend | None = None  # read with the page's load, for the KRI it selects
        self._build()
        self._apply_filters()

    def guard_writes(self, *controls: WriteControl) -> None:
        self.page.guard_writes(*controls)

    # Building -------------------------------------------------------------------------------

    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)

        # Built top-down: each container joins the panel before it is filled, so a finished subtree
        # is not re-parented (and styled again) as a whole at each level.
        tools = QHBoxLayout()
        tools.setSpacing(6)
        box.addLayout(tools)
        tools.addWidget(self.search_box(self.tr("Search indicator, risk, department…"), 160), 1)
        self.state_filter = self.filter_combo(
            self.tr("All states"),
            [
                *choices("kri_state"),
                (OVERDUE, self.tr("Reading overdue")),
                (NO_READING, self.tr("No reading yet")),
                (ARCHIVED, self.tr("Archived")),
            ],
            all_value=ALL,
        )
        self.state_filter.setToolTip(
            self.tr("Archived indicators are listed under “Archived”, where they can be restored")
        )
        tools.addWidget(self.department_combo())
        tools.addWidget(self.state_filter)
        tools.addSpacing(12)
        self.new_button = self.add_button(
            tools, self.tr("&New KRI…"), self.new_item, self.tr("Define a new key risk indicator (Ctrl+N)")
        )
        self.edit_button = self.add_button(
            tools,
            self.tr("&Edit…"),
            self.edit_selected,
            self.tr("Edit the selected indicator (Enter, Ctrl+E)"),
        )
        self.reading_button = self.add_button(
            tools,
            self.tr("Add rea&ding…"),
            self.add_reading,
            self.tr("Record one reading of the selected indicator (Ctrl+R)"),
        )
        self.grid_button = self.add_button(
            tools,
            self.tr("Add readings (&grid)…"),
            self.add_readings,
            self.tr("Type many dated readings at once (Ctrl+Shift+R)"),
        )
        self.archive_button = self.add_button(
            tools,
            self.tr("Archive"),
            self.archive_selected,
            self.tr("Archive the selected indicator (Delete)"),
        )

        self.kri_splitter = QSplitter(Qt.Orientation.Vertical)
        box.addWidget(self.kri_splitter, 1)
        self.model: RecordTableModel[KriRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "kriTable", single_selection=True)
        self.table.opened.connect(lambda _row: self.edit_selected())
        self.table.selectionModel().currentRowChanged.connect(self._kri_changed)
        self.model.modelReset.connect(self._update_buttons)
        self.kri_splitter.addWidget(self.table)
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.kri_splitter.addWidget(self.detail_splitter)

        chart_panel = QWidget()
        self.detail_splitter.addWidget(chart_panel)
        chart_box = QVBoxLayout(chart_panel)
        chart_box.setContentsMargins(0, 0, 0, 0)
        chart_box.setSpacing(2)
        self.chart_stack = QStackedWidget()
        chart_box.addWidget(self.chart_stack, 1)
        self.chart = ChartView()
        self.chart.setMinimumHeight(200)
        self.chart_placeholder = QLabel(self.tr("Select an indicator to see its trend."))
        self.chart_placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.chart_placeholder.setProperty("role", "muted")
        self.chart_stack.addWidget(self.chart_placeholder)
        self.chart_stack.addWidget(self.chart)
        self.forecast_bar = KriForecastBar()
        self.forecast_bar.settingsChosen.connect(self.set_forecast)
        self.forecast_bar.hide()
        chart_box.addWidget(self.forecast_bar)
        self.guard_writes(*self.forecast_bar.write_controls())

        readings_panel = QWidget()
        self.detail_splitter.addWidget(readings_panel)
        readings_box = QVBoxLayout(readings_panel)
        readings_box.setContentsMargins(0, 0, 0, 0)
        readings_box.setSpacing(4)
        self.readings_label = QLabel(self.tr("Readings"))
        self.readings_label.setStyleSheet("font-weight: 600;")
        readings_box.addWidget(self.readings_label)
        self.reading_model: RecordTableModel[ReadingRead] = RecordTableModel(self._reading_columns(), self)
        self.reading_table = self.record_table(self.reading_model, "readingTable")
        readings_box.addWidget(self.reading_table, 1)

        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 1)
        self.detail_splitter.setChildrenCollapsible(False)
        self.detail_splitter.setSizes([780, 360])

        self.kri_splitter.setChildrenCollapsible(False)
        self.kri_splitter.setStretchFactor(0, 1)
        self.kri_splitter.setStretchFactor(1, 1)
        self.kri_splitter.setSizes([330, 270])

    # Columns --------------------------------------------------------------------------------

    def _columns(self) -> list[Column[KriRead]]:
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

    # Loading --------------------------------------------------------------------------------

    def show_rows(self, kris: list[KriRead], trend: KriTrend | None = None) -> None:
        """Show the indicators the page read, keeping the selected one (or selecting the first).

        `trend`: the trend read with them, of the indicator the page expected to be selected.
        """
        kri_id = self.selected_kri_id()
        self._shown_kri = None  # readings may have changed even when the KRI did not
        self._trend_read = trend
        self.model.set_rows(kris)
        if kri_id is None or not self.table.select_where(lambda k: k.id == kri_id):
            self._select_first_kri()
        self._show_selected_kri()
        self._trend_read = None
        if not self.columns_fitted and kris:
            self.columns_fitted = True
            # In a turn of the event loop of its own: measuring the cells takes a while.
            QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self) -> None:
        self.table.fit_columns(280)
        self.reading_table.fit_columns(240)

    # Filters --------------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        kri_id = self.selected_kri_id()
        needle = self.search.text().strip().casefold()
        department = self.department_filter.currentData()
        state = self.state_filter.currentData()

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

        self.model.set_filter(keep)
        if kri_id is None or not self.table.select_where(lambda k: k.id == kri_id):
            self._select_first_kri()
        self._show_selected_kri()

    def apply_filter(self, **criteria: Any) -> None:
        """kri_id selects one indicator; state ("overdue" too), department, risk_id narrow the list."""
        if {"state", "department", "risk_id", "kri_id"} & criteria.keys():
            self.search.clear()
            self.department_filter.setCurrentIndex(0)
            self.state_filter.setCurrentIndex(0)
        if "state" in criteria:
            state = {"overdue": OVERDUE}.get(criteria["state"], criteria["state"])
            self.choose(self.state_filter, state)
        if "department" in criteria:
            self.choose_department(self.department_filter, criteria["department"])
        if criteria.get("risk_id") is not None:
            code = next((k.risk_code for k in self.model.all_rows() if k.risk_id == criteria["risk_id"]), "")
            self.search.setText(code)
        if criteria.get("kri_id") is not None:
            self.select_kri(criteria["kri_id"])

    def select_kri(self, kri_id: int) -> bool:
        """Select an indicator, clearing the filters that hide it."""
        if self.table.select_where(lambda k: k.id == kri_id):
            self._show_selected_kri()
            return True
        archived = next((k.archived for k in self.model.all_rows() if k.id == kri_id), False)
        self.search.clear()
        self.department_filter.setCurrentIndex(0)
        self.state_filter.setCurrentIndex(self.state_filter.findData(ARCHIVED if archived else ALL))
        found = self.table.select_where(lambda k: k.id == kri_id)
        self._show_selected_kri()
        return found

    # Selection and the trend ------------------------------------------------------------------

    def selected_kri(self) -> KriRead | None:
        return self.table.current_row() if self.table.selectionModel().hasSelection() else None

    def selected_kri_id(self) -> int | None:
        kri = self.selected_kri()
        return kri.id if kri is not None else None

    def _select_first_kri(self) -> None:
        if self.model.rowCount() > 0:
            self.table.selectRow(0)

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
        trend, self._trend_read = self._trend_read, None
        if trend is None or trend.kri_id != kri.id:
            trend = KriTrend.read(self.context, kri.id)
        self.readings, self.forecast = trend.readings, trend.forecast
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

        readings = list(self.readings)
        forecast = self.forecast.forecast if self.forecast is not None and self.forecast.enabled else None
        # Taken here; the figure is built from them on the chart thread (no widget touched there).
        arguments = {
            "direction": kri.direction,
            "warning": kri.warning,
            "alarm": kri.alarm,
            "title": kri.name,
            "unit": kri.unit,
            "band_labels": {code: text for code, text in choices("kri_state")},
            "width": max(self.chart_stack.width() / 100, 4.0),
            "height": max(self.chart_stack.height() / 100, 2.0),
            "empty_message": self.tr("No readings yet: add one with “Add reading”."),
            "invalid_note": self.tr("{count} invalid value(s) not shown"),
            "forecast": forecast,
            "forecast_labels": self.forecast_labels(),
        }
        self.chart.build(lambda: build_kri_trend_figure(readings, **arguments))
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

    # Commands ---------------------------------------------------------------------------------

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.kri_editor import KriEditor

        department = self.department_filter.currentData()
        saved = KriEditor.ask(self, self.context, department_id=department)
        if saved is not None:
            self.page.catch_up()
            self.page.when_loaded(lambda: self.select_kri(saved.id))
        return True

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.kri_editor import KriEditor

        kri = self.selected_kri()
        if kri is None:
            return
        if KriEditor.ask(self, self.context, kri.id) is not None:
            self.page.catch_up()

    def add_reading(self) -> None:
        from opsdesk.ui.dialogs.reading_dialogs import ReadingDialog

        kri = self.selected_kri()
        if kri is None or kri.archived:
            return
        if ReadingDialog.ask(self, self.context, kri) is not None:
            self.page.catch_up()

    def add_readings(self) -> None:
        from opsdesk.ui.dialogs.reading_dialogs import ReadingGridDialog

        kri = self.selected_kri()
        if kri is None or kri.archived:
            return
        if ReadingGridDialog.ask(self, self.context, kri) is not None:
            self.page.catch_up()

    def archive_selected(self) -> None:
        """Delete: archive (or restore) the selected indicator, after a confirmation."""
        kri = self.selected_kri()
        if kri is None:
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

    def _write(self, service, topics: tuple[str, ...], **kwargs: Any) -> Any:
        try:
            result = self.context.write(service, topics=topics, **kwargs)
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            self.page.refresh()
            return None
        self.page.catch_up()
        return result

    # State ------------------------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        return {"kri_splitter": self.kri_splitter, "detail_splitter": self.detail_splitter}

    def save_state(self, settings: QSettings) -> None:
        self.save_list_state(settings)
        self.reading_table.save_state(settings, "indicators/readings")

    def restore_state(self, settings: QSettings) -> None:
        restored = self.restore_list_state(settings)
        self.columns_fitted = self.reading_table.restore_state(settings, "indicators/readings") and restored

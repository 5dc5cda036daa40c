"""The Alerts tab: the alerts indicators and the risk appetite raise, acknowledged and resolved here."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtWidgets import QHBoxLayout, QInputDialog, QLabel, QVBoxLayout, QWidget

from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.reports.charts.kri import STATE_COLORS
from opsdesk.services.alerts import AlertRead, acknowledge_alert, alert_sentence, resolve_alert
from opsdesk.ui import messages
from opsdesk.ui.context import ALERTS, AppContext
from opsdesk.ui.labels import choices, label, level_name
from opsdesk.ui.pages.base import WriteControl
from opsdesk.ui.pages.indicators.kri_panel import MUTED_TEXT, OVERDUE_TEXT
from opsdesk.ui.pages.list_page import ListControls
from opsdesk.ui.table_model import Column, RecordTableModel

if TYPE_CHECKING:
    from opsdesk.ui.pages.indicators.page import IndicatorsPage

ALERT_STATE_ORDER = {"open": 1, "acknowledged": 2, "resolved": 3}

# State filter values.
ALL = ""
OPEN_ALERTS = "open"  # open and acknowledged
RESOLVED_ALERTS = "resolved"


def local_time(moment: datetime | None) -> str:
    """A stored UTC moment in the user's time zone, to the minute."""
    if moment is None:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")


class AlertsPanel(ListControls, QWidget):
    """The alerts with search, state, kind and department filters; acknowledge, resolve, and a
    link to the indicator or risk that raised an alert. The dashboard's links land here."""

    state_key = "indicators"
    table_state_name = "alerts"

    def __init__(self, page: IndicatorsPage) -> None:
        super().__init__()
        self.page = page
        self.context: AppContext = page.context
        self.columns_fitted = False
        self._build()
        self._apply_filters()

    def guard_writes(self, *controls: WriteControl) -> None:
        self.page.guard_writes(*controls)

    # Building -------------------------------------------------------------------------------

    def _build(self) -> None:
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        box.setSpacing(8)
        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.search_box(self.tr("Search message, indicator, risk…"), 200), 1)
        self.state_filter = self.filter_combo(
            self.tr("Open (not resolved)"),
            [(ALL, self.tr("All alerts")), (RESOLVED_ALERTS, self.tr("Resolved"))],
            all_value=OPEN_ALERTS,
        )
        self.kind_filter = self.filter_combo(self.tr("All kinds"), choices("alert_kind"), all_value=ALL)
        for combo in (self.state_filter, self.kind_filter, self.department_combo()):
            tools.addWidget(combo)
        tools.addSpacing(12)
        self.acknowledge_button = self.add_button(
            tools,
            self.tr("Ac&knowledge"),
            self.acknowledge_selected,
            self.tr("Record that you have seen the selected alerts"),
        )
        self.resolve_button = self.add_button(
            tools,
            self.tr("&Resolve…"),
            self.resolve_selected,
            self.tr("Close the selected alerts, with an optional note"),
        )
        self.show_source_button = self.add_button(
            tools,
            self.tr("Show &indicator"),
            self.show_alert_source,
            self.tr("Show the indicator or risk that raised the alert (Enter)"),
            writes=False,
        )
        box.addLayout(tools)
        box.addLayout(self.filter_chip_row(lambda: self.choose(self.state_filter, ALL)))

        self.model: RecordTableModel[AlertRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "alertTable")
        self.table.opened.connect(lambda _row: self.show_alert_source())
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.model.modelReset.connect(self._selection_changed)
        box.addWidget(self.table, 1)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setProperty("role", "muted")
        self.detail.setMinimumHeight(36)
        box.addWidget(self.detail)

    def _columns(self) -> list[Column[AlertRead]]:
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

    def show_rows(self, alerts: list[AlertRead]) -> None:
        """Show the alerts the page read, keeping the selected ones selected."""
        alert_ids = {alert.id for alert in self.table.selected_rows()}
        self.model.set_rows(alerts)
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for number, alert in enumerate(self.model.rows()):
            if alert.id in alert_ids:
                self.table.selectionModel().select(self.model.index(number, 0), flags)
        if not self.columns_fitted and alerts:
            self.columns_fitted = True
            # In a turn of the event loop of its own: measuring the cells takes a while.
            QTimer.singleShot(0, self, self._fit_columns)

    def _fit_columns(self) -> None:
        self.table.fit_columns(180)
        header = self.table.horizontalHeader()
        for key in ("acknowledged", "resolved"):
            number = self.model.column_index(key)
            header.resizeSection(number, max(header.sectionSize(number), 150))

    def open_count(self) -> int:
        return sum(1 for a in self.model.all_rows() if a.state != "resolved")

    # Filters --------------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        needle = self.search.text().strip().casefold()
        state = self.state_filter.currentData()
        kind = self.kind_filter.currentData()
        department = self.department_filter.currentData()

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

        self.model.set_filter(keep)
        self.filter_chip.follow(self.filter_state())

    def filter_state(self) -> tuple:
        return (
            self.search.text(), self.state_filter.currentData(), self.kind_filter.currentData(),
            self.department_filter.currentData(),
        )  # fmt: skip

    def show_alerts(self, which: str) -> None:
        """ "open", "all" or "resolved" alerts, every other filter cleared."""
        wanted = {"open": OPEN_ALERTS, "all": ALL, "resolved": RESOLVED_ALERTS}.get(which, OPEN_ALERTS)
        self.search.clear()
        self.kind_filter.setCurrentIndex(0)
        self.department_filter.setCurrentIndex(0)
        self.choose(self.state_filter, wanted)

    # Selection ------------------------------------------------------------------------------

    def _selection_changed(self, *_args: object) -> None:
        selected = self.table.selected_rows()
        self.acknowledge_button.setEnabled(any(a.state == "open" for a in selected))
        self.resolve_button.setEnabled(any(a.state != "resolved" for a in selected))
        current = selected[0] if len(selected) == 1 else None
        self.show_source_button.setEnabled(current is not None)
        if current is None:
            self.detail.setText(
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
        self.detail.setText("  ".join(lines))

    def update_write_controls(self) -> None:
        self._selection_changed()

    # Commands ---------------------------------------------------------------------------------

    def acknowledge_selected(self) -> None:
        """Record who saw the selected open alerts, and when."""
        alerts = [a for a in self.table.selected_rows() if a.state == "open"]
        self._handle_alerts(
            alerts,
            lambda alert: self.context.write(
                acknowledge_alert, topics=(), alert_id=alert.id, expected_version=alert.version
            ),
        )

    def resolve_selected(self) -> None:
        """Resolve the selected alerts with an optional note; who and when are recorded."""
        alerts = [a for a in self.table.selected_rows() if a.state != "resolved"]
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
        self.page.catch_up()
        if problems:
            messages.show_problem(self, problems[0])

    def show_alert_source(self) -> None:
        """Open the indicator of a KRI alert, or the risk of an appetite alert."""
        selected = self.table.selected_rows()
        if len(selected) != 1:
            return
        alert = selected[0]
        if alert.kri_id is not None:
            self.page.apply_filter(kri_id=alert.kri_id)
        elif alert.risk_id is not None and callable(getattr(self.page, "navigate", None)):
            self.page.navigate("risks", risk_id=alert.risk_id)

    # State ------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        self.save_list_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        if self.restore_list_state(settings):
            self.columns_fitted = True

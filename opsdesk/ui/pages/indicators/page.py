"""The Indicators and alerts page: a title with the counts over two tabs, KRIs and alerts.

The page holds the tabs and passes the main window's hooks (search, new, archive, the
dashboard's filters, the remembered layout) to the tab in front; each tab is its own widget.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QTabWidget, QWidget

from opsdesk.services.alerts import AlertRead, list_alerts
from opsdesk.services.kris import KriRead, list_kris
from opsdesk.services.settings import list_departments
from opsdesk.ui.context import ALERTS, KRIS, SETTINGS, AppContext
from opsdesk.ui.pages.indicators.alerts_panel import AlertsPanel
from opsdesk.ui.pages.indicators.kri_panel import KriPanel, KriTrend
from opsdesk.ui.pages.list_page import ListPage

KRI_TAB, ALERTS_TAB = 0, 1


@dataclass(frozen=True)
class IndicatorsLoad:
    """What the page reads on the worker: the department choices, every indicator, every alert."""

    departments: list[tuple[Any, str]]
    kris: list[KriRead]
    alerts: list[AlertRead]
    trend: KriTrend | None  # of the indicator selected (or about to be): read here, not on the GUI thread


class IndicatorsPage(ListPage):
    """The KRIs tab (`kris`) and the alerts tab (`alerts`) under one title."""

    topics = (KRIS, ALERTS, SETTINGS)
    refresh_once = True  # a reading changes KRIS and ALERTS at once: reload once for both

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.navigate = None  # set by the main window
        self._departments: list[tuple[Any, str]] | None = None
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Indicators and alerts"), count_gap=8)
        self.summary_label = self.count_label
        layout.addLayout(title_row)

        # The tabs join the page before the panels go in: a panel is re-parented once, not twice.
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        layout.addWidget(self.tabs, 1)
        self.kris = KriPanel(self)
        self.tabs.addTab(self.kris, self.tr("&Indicators"))
        self.alerts = AlertsPanel(self)
        self.tabs.addTab(self.alerts, self.tr("&Alerts"))
        self.tabs.currentChanged.connect(self._tab_changed)
        self.filter_chip = self.alerts.filter_chip  # the dashboard links to the alerts only

        # Keyboard access to the reading buttons from anywhere on the page.
        for sequence, slot in (
            ("Ctrl+R", self.kris.add_reading),
            ("Ctrl+Shift+R", self.kris.add_readings),
            ("Ctrl+E", self.edit_selected),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.guard_writes(shortcut)

    def _panel(self) -> KriPanel | AlertsPanel:
        return self.kris if self.tabs.currentIndex() == KRI_TAB else self.alerts

    # Loading --------------------------------------------------------------------------------

    def reader(self) -> Callable[[], IndicatorsLoad]:
        """The departments, the indicators and the alerts, read on the worker (thousands of alerts)."""
        context = self.context
        selected = self.kris.selected_kri_id()

        def read() -> IndicatorsLoad:
            kris = context.call(list_kris, include_archived=True)
            shown = [k.id for k in kris if k.id == selected] or [k.id for k in kris if not k.archived][:1]
            return IndicatorsLoad(
                departments=[(item.id, item.name) for item in context.call(list_departments)],
                kris=kris,
                alerts=context.call(list_alerts),
                trend=KriTrend.read(context, shown[0]) if shown else None,
            )

        return read

    def show_loaded(self, data: IndicatorsLoad) -> None:
        if data.departments != self._departments:
            self._departments = data.departments
            for panel in (self.kris, self.alerts):
                panel.fill_departments(data.departments)
        self.kris.show_rows(data.kris, data.trend)
        self.alerts.show_rows(data.alerts)
        self._update_counts()

    def _update_counts(self) -> None:
        kris = self.kris.model.all_rows()
        open_alerts = self.alerts.open_count()
        self.summary_label.setText(
            self.tr(
                "{kris} indicators · in alarm: {alarm} · readings overdue: {overdue} · open alerts: {alerts}"
            ).format(
                kris=sum(1 for k in kris if not k.archived),
                alarm=sum(1 for k in kris if k.state == "alarm" and not k.archived),
                overdue=sum(1 for k in kris if k.reading_overdue),
                alerts=open_alerts,
            )
        )
        self.tabs.setTabText(ALERTS_TAB, self.tr("&Alerts ({count} open)").format(count=open_alerts))

    def _tab_changed(self, index: int) -> None:
        self._panel().table.setFocus()

    # The main window's hooks, passed to the tab in front ----------------------------------------

    def apply_filter(self, **criteria: Any) -> None:
        """alerts="open"/"all"/"resolved" shows the alerts; kri_id, state, department, risk_id the KRIs."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the rows come with the load

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        if "alerts" in criteria:
            self.alerts.show_alerts(criteria["alerts"])
            self.tabs.setCurrentIndex(ALERTS_TAB)
            return
        self.tabs.setCurrentIndex(KRI_TAB)
        self.kris.apply_filter(**criteria)

    def filter_state(self) -> tuple:
        return self.alerts.filter_state()

    def focus_search(self) -> None:
        self._panel().focus_search()

    def new_item(self) -> bool:
        self.tabs.setCurrentIndex(KRI_TAB)
        return self.kris.new_item()

    def edit_selected(self) -> None:
        if self.tabs.currentIndex() == KRI_TAB:
            self.kris.edit_selected()

    def archive_selected(self) -> None:
        if self.tabs.currentIndex() == KRI_TAB:
            self.kris.archive_selected()

    def update_write_controls(self) -> None:
        self.kris.update_write_controls()
        self.alerts.update_write_controls()

    # State ------------------------------------------------------------------------------------

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("indicators/tab", self.tabs.currentIndex())
        self.kris.save_state(settings)
        self.alerts.save_state(settings)

    def restore_state(self, settings: QSettings) -> None:
        self.kris.restore_state(settings)
        self.alerts.restore_state(settings)
        tab = settings.value("indicators/tab")
        if tab is not None:
            self.tabs.setCurrentIndex(int(tab))

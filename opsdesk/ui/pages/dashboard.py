"""The Dashboard: company and quality policy, risk and quality counts, top risks, a small heatmap.

Every number is a button that opens the list it counts, filtered. matplotlib is imported
only when the small heatmap is first drawn, after the page has painted.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.enums import ObjectiveStatus, Severity
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import LevelBand
from opsdesk.services import risks
from opsdesk.services.dashboard import DashboardNumbers, dashboard_numbers
from opsdesk.services.settings import QualityPolicy
from opsdesk.ui import labels
from opsdesk.ui.context import ACTIONS, ALERTS, KRIS, QUALITY, RISKS, SETTINGS
from opsdesk.ui.pages.base import Page
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.table import RecordTableView

translate = QCoreApplication.translate

ALERT_COLOR = "#C62828"  # numbers that ask for attention when they are not zero
POLICY_PREVIEW_CHARS = 700
#: how long the small heatmap waits for the numbers to paint; a page not on screen gets no paint
HEATMAP_PAINT_WAIT_MS = 100


class MetricCard(QFrame):
    """A card with a title and one or more numbers, each a link with a small caption under it.

    A card of one number is a link as a whole: a click anywhere on it, or Enter while its
    number has the focus, opens the number's list.
    """

    def __init__(self, title: str, strip_color: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        if strip_color:
            # The band's colour as a thick left edge, so the level reads before the number.
            self.setStyleSheet(f'QFrame[role="card"] {{ border-left: 6px solid {strip_color}; }}')
        self.title = QLabel(title)
        self.title.setProperty("role", "cardTitle")
        self.title.setWordWrap(True)
        self.entries = QHBoxLayout()
        self.entries.setSpacing(18)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addLayout(self.entries)
        layout.addStretch(1)
        self.buttons: list[QPushButton] = []

    def add_entry(self, button: QPushButton, caption: str | None = None) -> QLabel | None:
        self.buttons.append(button)
        column = QVBoxLayout()
        column.setSpacing(0)
        column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        label = None
        if caption is not None:
            label = QLabel(caption)
            label.setProperty("role", "caption")
            column.addWidget(label, 0, Qt.AlignmentFlag.AlignLeft)
        self.entries.addLayout(column)
        return label

    def finish(self) -> None:
        self.entries.addStretch(1)
        if len(self.buttons) == 1:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            self.setToolTip(self.buttons[0].toolTip())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if (
            len(self.buttons) == 1
            and event.button() == Qt.MouseButton.LeftButton
            and self.rect().contains(event.position().toPoint())
        ):
            self.buttons[0].setFocus(Qt.FocusReason.MouseFocusReason)
            self.buttons[0].click()
            return
        super().mouseReleaseEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # A push button outside a dialog leaves Enter to its parent: here it opens the list too.
        focused = next((button for button in self.buttons if button.hasFocus()), None)
        if focused is not None and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused.click()
            return
        super().keyPressEvent(event)


class DashboardPage(Page):
    """The first page: what needs attention today, each number a door to its list."""

    topics = (RISKS, ALERTS, ACTIONS, KRIS, QUALITY, SETTINGS)

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        # Every number, by a stable key ("level:high", "open_alerts", ...), for refresh and tests.
        self.links: dict[str, QPushButton] = {}
        self.numbers: DashboardNumbers | None = None
        self._heatmap_pending = False
        self._awaiting_paint = False
        self._chart_warm_up: threading.Thread | None = None
        self._band_codes: tuple[str, ...] = ()
        self._heatmap_counts: dict = {}  # the small heatmap's, read with the numbers
        self._risk_link_keys: list[str] = []

        self.company_label = QLabel()
        self.company_label.setProperty("role", "pageTitle")
        self.company_label.setObjectName("companyName")
        self.policy_label = QLabel()
        self.policy_label.setObjectName("qualityPolicy")
        self.policy_label.setProperty("role", "muted")
        self.policy_label.setWordWrap(True)
        self.policy_label.setTextFormat(Qt.TextFormat.RichText)
        self.policy_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Minimum)

        self.risk_cards = QHBoxLayout()
        self.risk_cards.setSpacing(10)
        self.quality_cards = QHBoxLayout()
        self.quality_cards.setSpacing(10)
        self._build_quality_cards()

        self.top_model: RecordTableModel[risks.RiskRead] = RecordTableModel(self._top_columns(), self)
        self.top_table = RecordTableView(self.top_model)
        self.top_table.setObjectName("topRisks")
        self.top_table.setSortingEnabled(False)
        self.top_table.setSelectionMode(RecordTableView.SelectionMode.SingleSelection)
        self.top_table.opened.connect(lambda row: self._go("risks", risk_id=row.id))
        self.top_table.setToolTip(self.tr("Double-click or press Enter to open the risk"))
        header = self.top_table.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(self.top_model.column_index("title"), QHeaderView.ResizeMode.Stretch)
        top_card = self._panel(self.tr("Top 10 risks by residual score"), self.top_table)

        self.heatmap = ChartView()
        self.heatmap.setObjectName("dashboardHeatmap")
        self.heatmap.setMinimumHeight(220)
        self.heatmap.setToolTip(self.tr("Click a cell to see its risks on the Heatmap page"))
        open_heatmap = QPushButton(self.tr("Open heatmap"))
        open_heatmap.setProperty("role", "smallLink")
        open_heatmap.setCursor(Qt.CursorShape.PointingHandCursor)
        open_heatmap.clicked.connect(lambda: self._go("heatmap"))
        heatmap_card = self._panel(self.tr("Residual heatmap"), self.heatmap, open_heatmap)

        bottom = QHBoxLayout()
        bottom.setSpacing(10)
        bottom.addWidget(top_card, 3)
        bottom.addWidget(heatmap_card, 2)

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(6)
        layout.addWidget(self.company_label)
        layout.addWidget(self.policy_label)
        layout.addSpacing(4)
        layout.addWidget(self._section(self.tr("RISKS")))
        layout.addLayout(self.risk_cards)
        layout.addSpacing(2)
        layout.addWidget(self._section(self.tr("QUALITY")))
        layout.addLayout(self.quality_cards)
        layout.addSpacing(4)
        layout.addLayout(bottom, 1)

        # Scrolls only when the window is smaller than the page needs.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(content)
        content.setMinimumHeight(640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # Building blocks -------------------------------------------------------------------

    def _section(self, text: str) -> QLabel:
        label = QLabel(text)
        label.setProperty("role", "section")
        return label

    def _panel(self, title: str, body: QWidget, corner: QWidget | None = None) -> QFrame:
        panel = QFrame()
        panel.setProperty("role", "card")
        layout = QVBoxLayout(panel)
        layout.setContentsMargins(12, 8, 12, 10)
        header = QHBoxLayout()
        caption = QLabel(title)
        caption.setProperty("role", "cardTitle")
        header.addWidget(caption)
        header.addStretch(1)
        if corner is not None:
            header.addWidget(corner)
        layout.addLayout(header)
        layout.addWidget(body, 1)
        return panel

    def _link(
        self, key: str, tooltip: str, page: str, chip: str | None = None, **criteria: Any
    ) -> QPushButton:
        """A number opening `page` filtered by `criteria`; `chip` names that filter on the page."""
        button = QPushButton("–")
        button.setObjectName(f"link_{key.replace(':', '_')}")
        button.setProperty("role", "metricLink")
        button.setFlat(True)
        button.setCursor(Qt.CursorShape.PointingHandCursor)
        button.setToolTip(tooltip)
        button.clicked.connect(lambda: self._go_filtered(page, criteria, chip))
        self.links[key] = button
        return button

    def _go(self, key: str, **criteria: Any) -> None:
        navigate = getattr(self, "navigate", None)
        if navigate is not None:
            navigate(key, **criteria)

    def _go_filtered(self, key: str, criteria: dict[str, Any], chip: str | None) -> None:
        """Through the main window's show_filtered when there is one (the page then names the filter)."""
        show_filtered = getattr(self, "show_filtered", None)
        if criteria and chip and show_filtered is not None:
            show_filtered(key, criteria, chip)
        else:
            self._go(key, **criteria)

    def _build_risk_cards(self, bands: tuple[LevelBand, ...]) -> None:
        """One card per level band (highest first), then the four attention counts."""
        while self.risk_cards.count():
            item = self.risk_cards.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        for key in self._risk_link_keys:
            self.links.pop(key, None)
        before = set(self.links)
        open_risks = self.tr("Open the risks at this residual level")
        for band in reversed(bands):
            card = MetricCard(band.name, band.color)
            card.setObjectName(f"card_level_{band.code}")
            chip = self.tr("Residual level: {level}").format(level=band.name)
            card.add_entry(
                self._link(f"level:{band.code}", open_risks, "risks", chip, residual_level=band.code),
                self.tr("active risks"),
            )
            card.finish()
            self.risk_cards.addWidget(card)
        for key, title, caption, tooltip, page, criteria in (
            (
                "above_appetite",
                self.tr("Above appetite"),
                self.tr("residual level"),
                self.tr("Open the risks whose residual level is above the risk appetite"),
                "risks",
                {"above_appetite": True},
            ),
            (
                "open_alerts",
                self.tr("Open alerts"),
                self.tr("not resolved"),
                self.tr("Open the alerts that are open or acknowledged"),
                "indicators",
                {"alerts": "open"},
            ),
            (
                "overdue_actions",
                self.tr("Overdue actions"),
                self.tr("past their due date"),
                self.tr("Open the overdue actions"),
                "actions",
                {"overdue": True},
            ),
            (
                "review_due",
                self.tr("Due for review"),
                self.tr("risks"),
                self.tr("Open the risks whose review date has come"),
                "risks",
                {"review_due": True},
            ),
            (
                "unassigned",
                self.tr("Unassigned"),
                self.tr("no department or category"),
                self.tr(
                    "Open the risks an import left in the “Unassigned” department or category; "
                    "select them and give them theirs with Bulk edit"
                ),
                "risks",
                {"unassigned": True},
            ),
        ):
            card = MetricCard(title)
            card.setObjectName(f"card_{key}")
            card.add_entry(self._link(key, tooltip, page, title, **criteria), caption)
            card.finish()
            if key == "unassigned":
                card.hide()  # shown only while some risks wait for a department or category
            self.risk_cards.addWidget(card)
        self._band_codes = tuple(band.code for band in bands)
        self._risk_link_keys = [key for key in self.links if key not in before]

    def _build_quality_cards(self) -> None:
        objectives = MetricCard(self.tr("Quality objectives, last period"))
        objectives.setObjectName("card_objectives")
        objectives.add_entry(
            self._link(
                "objectives:missed",
                self.tr("Open the objectives that missed their target"),
                "objectives",
                self.tr("objectives missed"),
                status=ObjectiveStatus.MISSED.value,
            ),
            labels.label("objective_status", ObjectiveStatus.MISSED.value).lower(),
        )
        objectives.add_entry(
            self._link(
                "objectives:at_risk",
                self.tr("Open the objectives at risk"),
                "objectives",
                self.tr("objectives at risk"),
                status=ObjectiveStatus.AT_RISK.value,
            ),
            labels.label("objective_status", ObjectiveStatus.AT_RISK.value).lower(),
        )
        objectives.finish()

        ncs = MetricCard(self.tr("Open nonconformities"))
        for severity in reversed(tuple(Severity)):
            ncs.add_entry(
                self._link(
                    f"nc:{severity.value}",
                    self.tr("Open the open nonconformities of this severity"),
                    "nonconformities",
                    self.tr("open, {severity}").format(
                        severity=labels.label("severity", severity.value).lower()
                    ),
                    open_only=True,
                    severity=severity.value,
                ),
                labels.label("severity", severity.value).lower(),
            )
        ncs.finish()

        corrective = MetricCard(self.tr("Overdue corrective actions"))
        corrective.setObjectName("card_overdue_corrective")
        corrective.add_entry(
            self._link(
                "overdue_corrective",
                self.tr("Open the overdue corrective and preventive actions"),
                "actions",
                self.tr("Overdue corrective actions"),
                overdue=True,
                kind="corrective",
            ),
            self.tr("of nonconformities"),
        )
        corrective.finish()

        waiting = MetricCard(self.tr("Suggestions waiting for review"))
        waiting.setObjectName("card_suggestions_waiting")
        waiting.add_entry(
            self._link(
                "suggestions_waiting",
                self.tr("Open the suggestions submitted or under review"),
                "suggestions",
                self.tr("waiting for review"),
                status="waiting",
            ),
            self.tr("submitted or under review"),
        )
        waiting.finish()

        self.quality_cards.addWidget(objectives, 4)
        self.quality_cards.addWidget(ncs, 5)
        self.quality_cards.addWidget(corrective, 4)
        self.quality_cards.addWidget(waiting, 5)

    def _top_columns(self) -> list[Column[risks.RiskRead]]:
        def band(row: risks.RiskRead) -> LevelBand | None:
            code = row.residual_level or row.inherent_level
            try:
                return labels.display_matrix(self.context.matrix()).band(code) if code else None
            except ValidationError:
                return None  # a level from before a matrix change, until re-levelled

        def score(row: risks.RiskRead) -> int | None:
            return row.residual_score if row.residual_score is not None else row.inherent_score

        def not_treated(row: risks.RiskRead) -> str | None:
            if row.residual_score is None:
                return self.tr("No residual assessment yet: the inherent score is shown.")
            return None

        return [
            Column("code", self.tr("Code"), lambda r: r.code),
            Column("title", self.tr("Title"), lambda r: r.title, tooltip=lambda r: r.title),
            Column("owner", self.tr("Owner"), lambda r: r.owner),
            Column("score", self.tr("Score"), score, align_right=True, tooltip=not_treated),
            Column(
                "level",
                self.tr("Residual level"),
                lambda r: band(r).name if band(r) else r.residual_level or r.inherent_level,
                background=lambda r: band(r).color if band(r) else None,
                tooltip=not_treated,
            ),
        ]

    # Data ------------------------------------------------------------------------------

    def reader(self) -> Callable[[], tuple[DashboardNumbers, dict]]:
        """Every number and the small heatmap's counts, read on the worker (seconds at 20,000 risks)."""
        context = self.context

        def read() -> tuple[DashboardNumbers, dict]:
            return context.call(dashboard_numbers), context.call(risks.heatmap_counts, kind="residual")

        return read

    def show_loaded(self, data: tuple[DashboardNumbers, dict]) -> None:
        numbers, self._heatmap_counts = data
        self.numbers = numbers
        matrix = labels.display_matrix(self.context.matrix())
        if tuple(band.code for band in matrix.bands) != self._band_codes or not self._band_codes:
            self._build_risk_cards(matrix.bands)
        else:
            for band in matrix.bands:  # names and colours may have changed in Settings
                card = self.findChild(MetricCard, f"card_level_{band.code}")
                if card is not None:
                    card.title.setText(band.name)
                    card.setStyleSheet(f'QFrame[role="card"] {{ border-left: 6px solid {band.color}; }}')

        self.company_label.setText(numbers.company or self.tr("Dashboard"))
        self.policy_label.setText(self._policy_html(numbers.policy))
        self.policy_label.setToolTip(
            numbers.policy.text if len(numbers.policy.text) > POLICY_PREVIEW_CHARS else ""
        )

        values: dict[str, int] = {f"level:{code}": numbers.by_level.get(code, 0) for code in self._band_codes}
        values |= {
            "above_appetite": numbers.above_appetite,
            "open_alerts": numbers.open_alerts,
            "overdue_actions": numbers.overdue_actions,
            "review_due": numbers.review_due,
            "unassigned": numbers.unassigned,
            "objectives:missed": numbers.objectives.get(ObjectiveStatus.MISSED.value, 0),
            "objectives:at_risk": numbers.objectives.get(ObjectiveStatus.AT_RISK.value, 0),
            "overdue_corrective": numbers.overdue_corrective,
            "suggestions_waiting": numbers.suggestions_waiting,
        }
        values |= {f"nc:{code}": n for code, n in numbers.open_ncs.items()}
        attention = {
            "above_appetite",
            "open_alerts",
            "overdue_actions",
            "review_due",
            "unassigned",
            "objectives:missed",
            "overdue_corrective",
            "nc:critical",
        }
        for key, value in values.items():
            button = self.links.get(key)
            if button is None:
                continue
            button.setText(f"{value:,}")
            button.setProperty("attention", "true" if key in attention and value > 0 else "false")
            button.style().unpolish(button)
            button.style().polish(button)

        unassigned_card = self.findChild(MetricCard, "card_unassigned")
        if unassigned_card is not None:
            unassigned_card.setVisible(numbers.unassigned > 0)
        self.top_model.set_rows(numbers.top)
        self.top_table.fit_columns(maximum=160)
        self._schedule_heatmap()

    def _policy_html(self, policy: QualityPolicy) -> str:
        if not policy.text.strip():
            return html.escape(
                self.tr(
                    "No quality policy yet. Write it, with the date it was approved, in Settings › Quality policy."
                )
            )
        text = policy.text.strip()
        if len(text) > POLICY_PREVIEW_CHARS:
            text = text[:POLICY_PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
        if policy.approved_on is not None:
            heading = self.tr("Quality policy (approved {date}):").format(date=policy.approved_on.isoformat())
        else:
            heading = self.tr("Quality policy (approval date not recorded):")
        return f"<b>{html.escape(heading)}</b> <i>{html.escape(text)}</i>"

    def number(self, key: str) -> int:
        """The number a link shows, as an int (for tests and the status bar)."""
        return int(self.links[key].text().replace(",", ""))

    # Small heatmap (drawn after the first paint, so the page shows at once) -----------------

    def _schedule_heatmap(self) -> None:
        if not self._heatmap_pending:
            self._heatmap_pending = True
            # Drawn on the turn after the page's numbers have painted (the top 10 shows then).
            self._awaiting_paint = True
            self.top_table.viewport().installEventFilter(self)
            QTimer.singleShot(HEATMAP_PAINT_WAIT_MS, self, self._numbers_painted)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Paint and watched is self.top_table.viewport():
            self._numbers_painted()
        return super().eventFilter(watched, event)

    def _numbers_painted(self) -> None:
        """The numbers painted (or had their moment to): draw the heatmap on the next turn, once."""
        if self._awaiting_paint:
            self._awaiting_paint = False
            self.top_table.viewport().removeEventFilter(self)
            if self._heatmap_pending:
                QTimer.singleShot(0, self, self._draw_heatmap)  # cancelled if the page goes away first

    def _draw_heatmap(self) -> None:
        self._heatmap_pending = False
        from opsdesk.reports.charts import common as charts

        if not charts.charts_ready():
            # The first chart on a machine scans its fonts (seconds on Windows): let a thread do
            # that while the page stays usable, and draw once it is done.
            if self._chart_warm_up is None:
                self._chart_warm_up = charts.configure_matplotlib_in_background()
            if self._chart_warm_up.is_alive():
                self._heatmap_pending = True
                QTimer.singleShot(50, self, self._draw_heatmap)
                return
            # The thread ended without configuring (it failed): the figure below configures
            # matplotlib here, where an error reaches the user.
        from opsdesk.reports.charts.heatmap import build_heatmap_figure

        size = self.heatmap.size()
        make = partial(
            build_heatmap_figure,
            labels.display_matrix(self.context.matrix()),
            {"residual": self._heatmap_counts},
            kinds=("residual",),
            titles={"residual": ""},
            likelihood_title=self.tr("Likelihood"),
            impact_title=self.tr("Impact"),
            width=max(size.width() / 100, 3.5),
            height=max(size.height() / 100, 2.4),
        )
        # Built and drawn on the chart thread; the window goes on meanwhile.
        self.heatmap.build(make, then=self._heatmap_built)

    def _heatmap_built(self, figure: Any) -> None:
        figure.canvas.mpl_connect("button_press_event", self.on_heatmap_click)

    def on_heatmap_click(self, event: Any) -> None:
        """A click on a cell opens the Heatmap page on that cell."""
        from opsdesk.reports.charts.heatmap import cell_from_event

        cell = cell_from_event(event)
        if cell is not None:
            kind, likelihood, impact = cell
            self._go("heatmap", kind=kind, likelihood=likelihood, impact=impact)

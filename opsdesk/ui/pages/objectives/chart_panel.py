"""The control chart panel of the Quality objectives page: the chart, what it says, the baseline.

The panel shows an `ObjectiveSeries` computed by the services: it draws the figure built by
`opsdesk.reports.charts.control_chart`, explains the limits and the rule signals, and offers
the baseline actions as signals the page answers (the page owns the writes).
"""

from __future__ import annotations

from datetime import UTC

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.enums import Direction
from opsdesk.domain.quality import VERDICT_CHANCE, VERDICT_MET, VERDICT_MISSED
from opsdesk.services.quality import CHART_P, ObjectiveRead, ObjectiveSeries
from opsdesk.ui.pages.objectives.grid import MISSING_TEXT
from opsdesk.ui.widgets.chart import ChartView

translate = QCoreApplication.translate

# Rebuild the chart when its width changed by more than this (pixels): tick and legend layout follow the width.
CHART_REBUILD_STEP = 40


def rule_text(rule: int, fallback: str = "") -> str:
    """A short, translated name of a Western Electric rule."""
    texts = {
        1: translate("ObjectivesPage", "one point beyond 3 sigma"),
        2: translate("ObjectivesPage", "two of three points beyond 2 sigma on one side"),
        3: translate("ObjectivesPage", "four of five points beyond 1 sigma on one side"),
        4: translate("ObjectivesPage", "eight points in a row on one side of the centre line"),
    }
    return texts.get(rule, fallback)


def violation_lines(series: ObjectiveSeries) -> list[tuple[int, str]]:
    """'2026-09: rule 1 — one point beyond 3 sigma', with runs of one rule merged, rule 1 first."""
    measured = [point.period for point in series.points if not point.missing]
    position = {period: n for n, period in enumerate(measured)}
    by_rule: dict[int, list[str]] = {}
    descriptions: dict[int, str] = {}
    for period, rule, description in series.violations:
        by_rule.setdefault(rule, []).append(period)
        descriptions[rule] = description
    lines = []
    for rule in sorted(by_rule):
        periods = sorted(set(by_rule[rule]), key=lambda p: position.get(p, 0))
        runs: list[list[str]] = []
        for period in periods:
            if runs and position.get(period, -9) == position.get(runs[-1][-1], -9) + 1:
                runs[-1].append(period)
            else:
                runs.append([period])
        for run in runs:
            when = run[0] if len(run) == 1 else f"{run[0]} – {run[-1]}"
            text = translate("ObjectivesPage", "{when}: rule {rule} — {text}").format(
                when=when, rule=rule, text=rule_text(rule, descriptions[rule])
            )
            lines.append((rule, text))
    return lines


def verdict_text(verdict: str | None, direction: str) -> str:
    """What the control limits say about reaching the target."""
    lower_is_worse = direction == Direction.LOWER_IS_WORSE
    if verdict == VERDICT_MET:
        if lower_is_worse:
            return translate("ObjectivesPage", "The limits lie entirely above the target: the target is consistently met.")
        return translate("ObjectivesPage", "The limits lie entirely below the target: the target is consistently met.")
    if verdict == VERDICT_MISSED:
        if lower_is_worse:
            return translate("ObjectivesPage", "The limits lie entirely below the target: the target is consistently missed.")
        return translate("ObjectivesPage", "The limits lie entirely above the target: the target is consistently missed.")
    if verdict == VERDICT_CHANCE:
        return translate("ObjectivesPage", "The target lies inside the control limits: meeting it is a matter of chance.")
    return translate("ObjectivesPage", "Control limits need at least two measured periods.")


class ControlChartPanel(QWidget):
    """One objective's control chart with its verdict, chart note, baseline and rule violations."""

    freezeRequested = Signal()
    unfreezeRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.series: ObjectiveSeries | None = None
        self._chart_width = 0
        self._build()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.chart = ChartView()
        self.chart.setObjectName("controlChart")
        self.chart.setMinimumHeight(220)
        self.chart.installEventFilter(self)
        self._chart_timer = QTimer(self, singleShot=True, interval=150)
        self._chart_timer.timeout.connect(self.draw_chart)
        layout.addWidget(self.chart, 1)

        info = QHBoxLayout()
        info.setSpacing(12)
        left = QVBoxLayout()
        left.setSpacing(3)
        self.verdict_label = QLabel()
        font = self.verdict_label.font()
        font.setBold(True)
        self.verdict_label.setFont(font)
        self.verdict_label.setWordWrap(True)
        self.chart_note = QLabel()
        self.chart_note.setProperty("role", "muted")
        self.chart_note.setWordWrap(True)
        self.baseline_label = QLabel()
        self.baseline_label.setWordWrap(True)
        baseline_buttons = QHBoxLayout()
        self.freeze_button = QPushButton(self.tr("Freeze baseline…"))
        self.freeze_button.setToolTip(self.tr("Compute the limits from chosen periods only"))
        self.freeze_button.clicked.connect(self.freezeRequested)
        self.unfreeze_button = QPushButton(self.tr("Unfreeze"))
        self.unfreeze_button.setToolTip(self.tr("Compute the limits from every measured period again"))
        self.unfreeze_button.clicked.connect(self.unfreezeRequested)
        baseline_buttons.addWidget(self.freeze_button)
        baseline_buttons.addWidget(self.unfreeze_button)
        baseline_buttons.addStretch(1)
        for widget in (self.verdict_label, self.chart_note, self.baseline_label):
            left.addWidget(widget)
        left.addLayout(baseline_buttons)
        left.addStretch(1)
        info.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(3)
        violations_title = QLabel(self.tr("Rule violations"))
        font = violations_title.font()
        font.setBold(True)
        violations_title.setFont(font)
        self.violations = QListWidget()
        self.violations.setObjectName("ruleViolations")
        self.violations.setFrameShape(QFrame.Shape.StyledPanel)
        self.violations.setWordWrap(True)
        self.violations.setFixedHeight(92)
        right.addWidget(violations_title)
        right.addWidget(self.violations)
        info.addLayout(right, 1)
        layout.addLayout(info)

    # Showing a series ---------------------------------------------------------------------

    def show_series(self, series: ObjectiveSeries, frozen_by: str | None = None) -> None:
        """Show a series: its note, verdict, baseline (frozen by whom), rule violations and chart."""
        self.series = series
        objective = series.objective
        if series.chart == CHART_P:
            note = self.tr(
                "p-chart: limits at 3 sigma around the pooled proportion, wider where a period's sample is smaller."
            )
        else:
            note = self.tr("XmR chart: limits at 3 sigma around the mean, sigma from the average moving range.")
        self.chart_note.setText(note)
        self.verdict_label.setText(verdict_text(series.verdict, objective.direction))
        self.baseline_label.setText(self._baseline_text(objective, frozen_by))
        self.violations.clear()
        lines = violation_lines(series)
        if lines:
            for rule, line in lines:
                item = QListWidgetItem(line)
                item.setData(Qt.ItemDataRole.UserRole, rule)
                if rule == 1:
                    item.setForeground(QColor("#C62828"))  # a point beyond the limits: the strongest signal
                self.violations.addItem(item)
        else:
            text = (
                self.tr("No rule is broken: the process is in statistical control.")
                if series.center is not None
                else self.tr("Rules are checked once there are control limits.")
            )
            item = QListWidgetItem(text)
            item.setForeground(QColor(MISSING_TEXT))
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.violations.addItem(item)
        self.draw_chart()

    def clear(self) -> None:
        self.series = None

    def _baseline_text(self, objective: ObjectiveRead, frozen_by: str | None) -> str:
        if objective.baseline_first is None or objective.baseline_last is None:
            return self.tr("Baseline: every measured period (not frozen).")
        when = objective.baseline_frozen_at
        text = self.tr("Baseline {first} – {last}").format(first=objective.baseline_first, last=objective.baseline_last)
        if when is not None:
            local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()
            text += self.tr(", frozen on {day}").format(day=local.date().isoformat())
            if frozen_by:
                text += self.tr(" by {user}").format(user=frozen_by)
        return text + "."

    def update_baseline_buttons(self, *, has_objective: bool, measured: int, frozen: bool) -> None:
        self.freeze_button.setEnabled(has_objective and measured >= 2)
        self.freeze_button.setText(self.tr("Change baseline…") if frozen else self.tr("Freeze baseline…"))
        self.unfreeze_button.setEnabled(frozen)

    # The figure ---------------------------------------------------------------------------

    def chart_labels(self) -> dict[str, str]:
        return {
            "actual": self.tr("Actual"),
            "target": self.tr("Target"),
            "center": self.tr("Centre line"),
            "limits": self.tr("Control limits"),
            "violation": self.tr("Rule broken"),
            "baseline": self.tr("Baseline"),
        }

    def draw_chart(self) -> None:
        from opsdesk.reports.charts.control_chart import build_control_chart_figure

        if self.series is None:
            return
        dpi = 100
        self._chart_width = self.chart.width()
        width = max(self.chart.width(), 420)
        height = max(self.chart.height(), 220)
        figure = build_control_chart_figure(
            self.series,
            title=self.series.objective.name,
            labels=self.chart_labels(),
            width=width / dpi,
            height=height / dpi,
            dpi=dpi,
        )
        self.chart.set_figure(figure)

    def chart_is_current(self) -> bool:
        """True when the chart was drawn for the chart area's present width (no redraw pending)."""
        if self.series is None:
            return True
        return not self._chart_timer.isActive() and abs(self.chart.width() - self._chart_width) <= CHART_REBUILD_STEP

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tick thinning and legend columns follow the width: redraw after a real resize.
        if watched is self.chart and event.type() == QEvent.Type.Resize and self.series is not None:
            if abs(self.chart.width() - self._chart_width) > CHART_REBUILD_STEP:
                self._chart_timer.start()
        return super().eventFilter(watched, event)

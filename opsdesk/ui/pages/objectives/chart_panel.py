"""The control chart panel of the Quality objectives page: the chart, what it says, the baseline.

The panel shows a `ControlChart` computed by the services: the chart and rule set chosen for
the objective (an XmR with its moving-range chart underneath), Laney's suggestion when the
periods vary more than their samples explain, optionally a second chart of the same objective
side by side on the same scale, each broken rule in one sentence naming its periods, and the
baseline actions. Choices that change the objective are signals the page answers (the page
owns the writes); the comparison is only a view.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.enums import ChartType, Direction, RuleSet
from opsdesk.domain.quality import VERDICT_CHANCE, VERDICT_MET, VERDICT_MISSED
from opsdesk.services.control_charts import ControlChart, SignalRead, automatic_chart
from opsdesk.services.quality import ObjectiveRead, ObjectiveSeries
from opsdesk.ui.pages.objectives.grid import MISSING_TEXT
from opsdesk.ui.widgets.chart import ChartView

translate = QCoreApplication.translate

# Rebuild the chart when its width changed by more than this (pixels): tick and legend layout follow the width.
CHART_REBUILD_STEP = 40
SIGNAL_COLOR = "#C62828"
SUGGESTION_STYLE = "background: #FFF8E1; border: 1px solid #FFCA28; border-radius: 4px; padding: 6px;"
NO_COMPARISON = ""

# What each rule of each set looks for, to word its sentence.
RULE_KINDS: dict[tuple[str, int], str] = {
    (RuleSet.WESTERN_ELECTRIC, 1): "beyond", (RuleSet.WESTERN_ELECTRIC, 2): "two_of_three",
    (RuleSet.WESTERN_ELECTRIC, 3): "four_of_five", (RuleSet.WESTERN_ELECTRIC, 4): "run",
    (RuleSet.NELSON, 1): "beyond", (RuleSet.NELSON, 2): "run", (RuleSet.NELSON, 3): "trend",
    (RuleSet.NELSON, 4): "alternating", (RuleSet.NELSON, 5): "two_of_three", (RuleSet.NELSON, 6): "four_of_five",
    (RuleSet.NELSON, 7): "within", (RuleSet.NELSON, 8): "mixture",
}  # fmt: skip


def chart_name(code: str) -> str:
    """The translated name of a chart type."""
    names = {
        ChartType.P: translate("ControlChartPanel", "p-chart"),
        ChartType.LANEY_P: translate("ControlChartPanel", "Laney p′"),
        ChartType.U: translate("ControlChartPanel", "u-chart"),
        ChartType.LANEY_U: translate("ControlChartPanel", "Laney u′"),
        ChartType.C: translate("ControlChartPanel", "c-chart"),
        ChartType.XMR: translate("ControlChartPanel", "XmR"),
    }
    return names.get(code, code)


def rule_set_name(code: str) -> str:
    names = {
        RuleSet.WESTERN_ELECTRIC: translate("ControlChartPanel", "Western Electric (4 rules)"),
        RuleSet.NELSON: translate("ControlChartPanel", "Nelson (8 rules)"),
    }
    return names.get(code, code)


def periods_text(periods: Sequence[str], contiguous: bool) -> str:
    """The periods a signal names: listed, or as a range with its count when they run on."""
    if contiguous and len(periods) > 3:
        return translate("ControlChartPanel", "{first} – {last} ({count} periods)").format(
            first=periods[0], last=periods[-1], count=len(periods)
        )
    return ", ".join(periods)


def signal_sentence(signal: SignalRead, measured: Sequence[str]) -> str:
    """One broken rule in one sentence naming its periods."""
    position = {period: n for n, period in enumerate(measured)}
    spots = [position.get(p, -1) for p in signal.periods]
    contiguous = all(b == a + 1 for a, b in zip(spots, spots[1:], strict=False))
    points, count, rule = periods_text(signal.periods, contiguous), len(signal.periods), signal.rule
    up = signal.side > 0
    kind = RULE_KINDS.get((signal.rule_set, signal.rule), "")
    if kind == "beyond":
        text = (
            translate(
                "ControlChartPanel",
                "Rule {rule}: {points} above the upper control limit, more than 3 sigma from the centre line.",
            )
            if up
            else translate(
                "ControlChartPanel",
                "Rule {rule}: {points} below the lower control limit, more than 3 sigma from the centre line.",
            )
        )
    elif kind == "two_of_three":
        text = (
            translate(
                "ControlChartPanel",
                "Rule {rule}: {points} more than 2 sigma above the centre line, two of three points in a row.",
            )
            if up
            else translate(
                "ControlChartPanel",
                "Rule {rule}: {points} more than 2 sigma below the centre line, two of three points in a row.",
            )
        )
    elif kind == "four_of_five":
        text = (
            translate(
                "ControlChartPanel",
                "Rule {rule}: {points} more than 1 sigma above the centre line, four of five points in a row.",
            )
            if up
            else translate(
                "ControlChartPanel",
                "Rule {rule}: {points} more than 1 sigma below the centre line, four of five points in a row.",
            )
        )
    elif kind == "run":
        text = (
            translate(
                "ControlChartPanel",
                "Rule {rule}: {points} all above the centre line, {count} in a row: the level has shifted.",
            )
            if up
            else translate(
                "ControlChartPanel",
                "Rule {rule}: {points} all below the centre line, {count} in a row: the level has shifted.",
            )
        )
    elif kind == "trend":
        text = (
            translate("ControlChartPanel", "Rule {rule}: {points} rise steadily, {count} in a row: a trend.")
            if up
            else translate(
                "ControlChartPanel", "Rule {rule}: {points} fall steadily, {count} in a row: a trend."
            )
        )
    elif kind == "alternating":
        text = translate(
            "ControlChartPanel",
            "Rule {rule}: {points} alternate up and down, {count} in a row: two sources take turns (shifts, machines, suppliers).",
        )
    elif kind == "within":
        text = translate(
            "ControlChartPanel",
            "Rule {rule}: {points} all within 1 sigma of the centre line, {count} in a row: less variation than the limits assume (mixed or stratified data).",
        )
    elif kind == "mixture":
        text = translate(
            "ControlChartPanel",
            "Rule {rule}: {points} all more than 1 sigma from the centre line on both sides, {count} in a row: a mixture of two processes.",
        )
    else:
        text = translate("ControlChartPanel", "Rule {rule}: {points}.")
    return text.format(rule=rule, points=points, count=count)


def verdict_text(verdict: str | None, direction: str) -> str:
    """What the control limits say about reaching the target."""
    lower_is_worse = direction == Direction.LOWER_IS_WORSE
    if verdict == VERDICT_MET:
        if lower_is_worse:
            return translate(
                "ObjectivesPage", "The limits lie entirely above the target: the target is consistently met."
            )
        return translate(
            "ObjectivesPage", "The limits lie entirely below the target: the target is consistently met."
        )
    if verdict == VERDICT_MISSED:
        if lower_is_worse:
            return translate(
                "ObjectivesPage",
                "The limits lie entirely below the target: the target is consistently missed.",
            )
        return translate(
            "ObjectivesPage", "The limits lie entirely above the target: the target is consistently missed."
        )
    if verdict == VERDICT_CHANCE:
        return translate(
            "ObjectivesPage", "The target lies inside the control limits: meeting it is a matter of chance."
        )
    return translate("ObjectivesPage", "Control limits need at least two measured periods.")


def sigma_z_text(sigma_z: float) -> str:
    return f"{sigma_z:.2f}"


class ControlChartPanel(QWidget):
    """One objective's control chart (and a second one to compare) with its verdict, note, baseline and signals."""

    freezeRequested = Signal()
    freezeTodayRequested = Signal()
    unfreezeRequested = Signal()
    #: (chart type code, rule set code) chosen for the objective
    settingsChosen = Signal(str, str)
    #: a chart type to show beside the objective's own ("" for none)
    compareChosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.control: ControlChart | None = None
        self.comparison: ControlChart | None = None
        self._chart_width = 0
        self._filling = False
        self._build()

    @property
    def series(self) -> ObjectiveSeries | None:
        return None if self.control is None else self.control.series

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)

        choices = QHBoxLayout()
        choices.setSpacing(6)
        chart_label = QLabel(self.tr("&Chart:"))
        self.chart_combo = QComboBox()
        self.chart_combo.setObjectName("chartType")
        self.chart_combo.setToolTip(self.tr("The control chart of this objective, kept for everyone"))
        chart_label.setBuddy(self.chart_combo)
        rules_label = QLabel(self.tr("&Rules:"))
        self.rules_combo = QComboBox()
        self.rules_combo.setObjectName("ruleSet")
        self.rules_combo.setToolTip(
            self.tr("The run rules that flag out-of-control points on this objective")
        )
        rules_label.setBuddy(self.rules_combo)
        for code in (RuleSet.WESTERN_ELECTRIC, RuleSet.NELSON):
            self.rules_combo.addItem(rule_set_name(code), code.value)
        compare_label = QLabel(self.tr("C&ompare with:"))
        self.compare_combo = QComboBox()
        self.compare_combo.setObjectName("compareWith")
        self.compare_combo.setToolTip(
            self.tr("Show another chart of the same data beside it, on the same scale")
        )
        compare_label.setBuddy(self.compare_combo)
        for combo in (self.chart_combo, self.rules_combo, self.compare_combo):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for widget in (
            chart_label,
            self.chart_combo,
            rules_label,
            self.rules_combo,
            compare_label,
            self.compare_combo,
        ):
            choices.addWidget(widget)
        choices.addStretch(1)
        self.chart_combo.activated.connect(self._settings_changed)
        self.rules_combo.activated.connect(self._settings_changed)
        self.compare_combo.activated.connect(self._compare_changed)
        layout.addLayout(choices)

        self.suggestion = QFrame()
        self.suggestion.setObjectName("laneySuggestion")
        self.suggestion.setStyleSheet(f"QFrame#laneySuggestion {{{SUGGESTION_STYLE}}}")
        suggestion_row = QHBoxLayout(self.suggestion)
        suggestion_row.setContentsMargins(6, 4, 6, 4)
        self.suggestion_label = QLabel()
        self.suggestion_label.setWordWrap(True)
        self.use_suggestion_button = QPushButton()
        self.use_suggestion_button.clicked.connect(self._use_suggestion)
        self.compare_suggestion_button = QPushButton(self.tr("Compare side by side"))
        self.compare_suggestion_button.clicked.connect(self._compare_suggestion)
        suggestion_row.addWidget(self.suggestion_label, 1)
        suggestion_row.addWidget(self.use_suggestion_button)
        suggestion_row.addWidget(self.compare_suggestion_button)
        self.suggestion.hide()
        layout.addWidget(self.suggestion)

        self.chart = ChartView()
        self.chart.setObjectName("controlChart")
        self.chart.setMinimumHeight(220)
        self.chart.installEventFilter(self)
        layout.addWidget(self.chart, 1)
        self._chart_timer = QTimer(self, singleShot=True, interval=150)
        self._chart_timer.timeout.connect(self.draw_chart)

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
        self.freeze_today_button = QPushButton(self.tr("Freeze as of today"))
        self.freeze_today_button.setToolTip(
            self.tr(
                "Compute the limits from every period measured up to today; later periods are judged by them"
            )
        )
        self.freeze_today_button.clicked.connect(self.freezeTodayRequested)
        self.freeze_button = QPushButton(self.tr("Freeze baseline…"))
        self.freeze_button.setToolTip(self.tr("Compute the limits from chosen periods only"))
        self.freeze_button.clicked.connect(self.freezeRequested)
        self.unfreeze_button = QPushButton(self.tr("Unfreeze"))
        self.unfreeze_button.setToolTip(self.tr("Compute the limits from every measured period again"))
        self.unfreeze_button.clicked.connect(self.unfreezeRequested)
        for button in (self.freeze_today_button, self.freeze_button, self.unfreeze_button):
            baseline_buttons.addWidget(button)
        baseline_buttons.addStretch(1)
        for widget in (self.verdict_label, self.chart_note, self.baseline_label):
            left.addWidget(widget)
        left.addLayout(baseline_buttons)
        left.addStretch(1)
        info.addLayout(left, 1)

        right = QVBoxLayout()
        right.setSpacing(3)
        self.violations_title = QLabel(self.tr("Rule violations"))
        font = self.violations_title.font()
        font.setBold(True)
        self.violations_title.setFont(font)
        self.violations = QListWidget()
        self.violations.setObjectName("ruleViolations")
        self.violations.setFrameShape(QFrame.Shape.StyledPanel)
        self.violations.setWordWrap(True)
        self.violations.setFixedHeight(92)
        right.addWidget(self.violations_title)
        right.addWidget(self.violations)
        info.addLayout(right, 1)
        layout.addLayout(info)

    def write_controls(self) -> tuple[QWidget, ...]:
        """The controls that change the objective (for the page's role gate)."""
        return (
            self.chart_combo, self.rules_combo, self.use_suggestion_button, self.freeze_today_button,
            self.freeze_button, self.unfreeze_button,
        )  # fmt: skip

    # Showing a chart ------------------------------------------------------------------------

    def show_chart(
        self, control: ControlChart, frozen_by: str | None = None, comparison: ControlChart | None = None
    ) -> None:
        """Show an objective's chart: choices, suggestion, note, verdict, baseline, signals and figure(s)."""
        self.control, self.comparison = control, comparison
        objective = control.objective
        self._fill_choices(control, comparison)
        self._show_suggestion(control, comparison)
        self.chart_note.setText(self._note(control))
        self.verdict_label.setText(verdict_text(control.series.verdict, objective.direction))
        self.baseline_label.setText(self._baseline_text(objective, frozen_by))
        self._show_signals(control)
        self.draw_chart()

    def clear(self) -> None:
        self.control = self.comparison = None

    def _fill_choices(self, control: ControlChart, comparison: ControlChart | None) -> None:
        self._filling = True
        try:
            self.chart_combo.clear()
            automatic = automatic_chart(control.objective.kind)
            self.chart_combo.addItem(
                self.tr("Automatic ({chart})").format(chart=chart_name(automatic)), ChartType.AUTO.value
            )
            for code in control.available:
                self.chart_combo.addItem(chart_name(code), code)
            self.chart_combo.setCurrentIndex(max(self.chart_combo.findData(control.setting), 0))
            self.rules_combo.setCurrentIndex(max(self.rules_combo.findData(control.rule_set), 0))
            self.compare_combo.clear()
            self.compare_combo.addItem(self.tr("Nothing"), NO_COMPARISON)
            for code in control.available:
                if code != control.chart:
                    self.compare_combo.addItem(chart_name(code), code)
            wanted = NO_COMPARISON if comparison is None else comparison.chart
            self.compare_combo.setCurrentIndex(max(self.compare_combo.findData(wanted), 0))
        finally:
            self._filling = False

    def _show_suggestion(self, control: ControlChart, comparison: ControlChart | None) -> None:
        suggested = control.suggested
        if suggested is None or control.sigma_z is None:
            self.suggestion.hide()
            return
        sigma_z = sigma_z_text(control.sigma_z)
        self.suggestion_label.setText(
            self.tr(
                "Over-dispersion, σz = {sigma_z}: the periods vary {sigma_z} times more than their samples explain, "
                "so the {chart} limits flag ordinary variation. {laney} widens them by σz."
            ).format(sigma_z=sigma_z, chart=chart_name(control.chart), laney=chart_name(suggested))
        )
        self.use_suggestion_button.setText(self.tr("Use {laney}").format(laney=chart_name(suggested)))
        self.compare_suggestion_button.setVisible(comparison is None or comparison.chart != suggested)
        self.suggestion.show()

    def _note(self, control: ControlChart) -> str:
        chart, sigma_z = control.chart, control.sigma_z
        if chart == ChartType.P:
            note = self.tr(
                "p-chart: limits at 3 sigma around the pooled proportion, wider where a period's sample is smaller."
            )
        elif chart == ChartType.U:
            note = self.tr(
                "u-chart: limits at 3 sigma around the pooled rate per unit counted, wider where a period's count of units is smaller."
            )
        elif chart == ChartType.LANEY_P:
            note = self.tr(
                "Laney p′ chart: the p-chart's limits widened by σz = {sigma_z}, the spread between periods "
                "measured by the moving ranges of their z-scores."
            ).format(sigma_z=sigma_z_text(sigma_z) if sigma_z is not None else "–")
        elif chart == ChartType.LANEY_U:
            note = self.tr(
                "Laney u′ chart: the u-chart's limits widened by σz = {sigma_z}, the spread between periods "
                "measured by the moving ranges of their z-scores."
            ).format(sigma_z=sigma_z_text(sigma_z) if sigma_z is not None else "–")
        elif chart == ChartType.C:
            note = self.tr(
                "c-chart: counts over the same area of opportunity each period; limits at c̄ ± 3√c̄."
            )
        else:
            note = self.tr(
                "XmR chart: limits at 3 sigma around the mean, sigma from the average moving range. Below it, the "
                "moving-range chart: the jump from each period to the next, upper limit 3.267 × the average."
            )
        if chart in (ChartType.P, ChartType.U) and sigma_z is not None and control.suggested is None:
            note += " " + self.tr(
                "σz = {sigma_z}: the sample sizes explain the variation between periods."
            ).format(sigma_z=sigma_z_text(sigma_z))
        if control.fallback:
            note = (
                self.tr(
                    "The chosen {chart} needs whole counts of 0 or more, and a value is not one: the XmR chart is shown."
                ).format(chart=chart_name(control.setting))
                + " "
                + note
            )
        return note

    def _show_signals(self, control: ControlChart) -> None:
        self.violations_title.setText(
            self.tr("Rule violations — {rules}").format(rules=rule_set_name(control.rule_set))
        )
        self.violations.clear()
        measured = [point.period for point in control.series.points if not point.missing]
        lines = [(s.rule, signal_sentence(s, measured)) for s in control.signals]
        jumps = [p.period for p in control.moving_ranges if p.flagged]
        if jumps and control.mr_upper is not None:
            lines.append((0, self.tr(
                "Moving range: {points} jumped from the period before by more than the upper range limit ({limit})."
            ).format(points=", ".join(jumps), limit=f"{control.mr_upper:.4g}")))  # fmt: skip
        if lines:
            for rule, line in lines:
                item = QListWidgetItem(line)
                item.setData(Qt.ItemDataRole.UserRole, rule)
                item.setToolTip(line)
                if rule in (0, 1):
                    item.setForeground(QColor(SIGNAL_COLOR))  # beyond a limit: the strongest signals
                self.violations.addItem(item)
            return
        text = (
            self.tr("No rule is broken: the process is in statistical control.")
            if control.series.center is not None
            else self.tr("Rules are checked once there are control limits.")
        )
        item = QListWidgetItem(text)
        item.setForeground(QColor(MISSING_TEXT))
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        self.violations.addItem(item)

    def _baseline_text(self, objective: ObjectiveRead, frozen_by: str | None) -> str:
        if objective.baseline_first is None or objective.baseline_last is None:
            return self.tr("Baseline: every measured period (not frozen).")
        when = objective.baseline_frozen_at
        text = self.tr("Baseline {first} – {last}").format(
            first=objective.baseline_first, last=objective.baseline_last
        )
        if when is not None:
            local = (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone()
            text += self.tr(", frozen on {day}").format(day=local.date().isoformat())
            if frozen_by:
                text += self.tr(" by {user}").format(user=frozen_by)
        return text + "."

    def update_baseline_buttons(self, *, has_objective: bool, measured: int, frozen: bool) -> None:
        self.freeze_today_button.setEnabled(has_objective and measured >= 2)
        self.freeze_button.setEnabled(has_objective and measured >= 2)
        self.freeze_button.setText(self.tr("Change baseline…") if frozen else self.tr("Freeze baseline…"))
        self.unfreeze_button.setEnabled(frozen)

    # Choices ----------------------------------------------------------------------------------

    def _settings_changed(self, *_args: object) -> None:
        if self._filling or self.control is None:
            return
        chart, rules = self.chart_combo.currentData(), self.rules_combo.currentData()
        if (chart, rules) != (self.control.setting, self.control.rule_set):
            self.settingsChosen.emit(chart, rules)

    def _compare_changed(self, *_args: object) -> None:
        if not self._filling:
            self.compareChosen.emit(self.compare_combo.currentData() or NO_COMPARISON)

    def _use_suggestion(self) -> None:
        if self.control is not None and self.control.suggested is not None:
            self.settingsChosen.emit(self.control.suggested, self.control.rule_set)

    def _compare_suggestion(self) -> None:
        if self.control is not None and self.control.suggested is not None:
            self.compareChosen.emit(self.control.suggested)

    # The figures ------------------------------------------------------------------------------

    def chart_labels(self) -> dict[str, str]:
        return {
            "actual": self.tr("Actual"),
            "target": self.tr("Target"),
            "center": self.tr("Centre line"),
            "limits": self.tr("Control limits"),
            "violation": self.tr("Rule broken"),
            "baseline": self.tr("Baseline"),
            "moving_range": self.tr("Moving range"),
            "mr_center": self.tr("Average moving range"),
            "mr_upper": self.tr("Upper range limit"),
            "mr_signal": self.tr("Jump beyond the range limit"),
            "ucl": self.tr("UCL"),
            "cl": self.tr("CL"),
            "lcl": self.tr("LCL"),
        }

    def _chart_title(self, control: ControlChart) -> str:
        """The chart's kind as a title: "XmR: individuals and moving range", "Laney p′, σz = 1.60"."""
        if control.chart == ChartType.XMR:
            return self.tr("XmR: individuals and moving range")
        name = chart_name(control.chart)
        if control.sigma_z is not None and control.chart in (ChartType.LANEY_P, ChartType.LANEY_U):
            return self.tr("{chart}, σz = {sigma_z}").format(
                chart=name, sigma_z=sigma_z_text(control.sigma_z)
            )
        return name

    def draw_chart(self) -> None:
        from opsdesk.reports.charts.control_chart import build_comparison_figure, build_control_chart_figure

        control = self.control
        if control is None:
            return
        dpi = 100
        self._chart_width = self.chart.width()
        width = max(self.chart.width(), 420) / dpi
        height = max(self.chart.height(), 220) / dpi
        labels = self.chart_labels()
        # The figure is built on the chart thread from the values taken here (no widget touched there).
        if self.comparison is not None:
            # One figure, two plots on one scale: the objective's name is in the page's header.
            plots = [
                (self._chart_title(control), control.series),
                (self._chart_title(self.comparison), self.comparison.series),
            ]

            def make() -> Any:
                return build_comparison_figure(plots, labels=labels, width=width, height=height, dpi=dpi)

        else:
            xmr = control.chart == ChartType.XMR
            arguments = {
                "title": control.objective.name,
                "subtitle": self._chart_title(control),
                "labels": labels,
                "width": width,
                "height": height,
                "dpi": dpi,
                "moving_ranges": control.moving_ranges if xmr else None,
                "mr_center": control.mr_center,
                "mr_upper": control.mr_upper,
            }
            series = control.series

            def make() -> Any:
                return build_control_chart_figure(series, **arguments)

        self.chart.build(make)

    def chart_is_current(self) -> bool:
        """True when the chart was built and drawn for the chart area's present width (no rebuild pending)."""
        if self.control is None:
            return True
        return (
            not self._chart_timer.isActive()
            and abs(self.chart.width() - self._chart_width) <= CHART_REBUILD_STEP
            and self.chart.is_drawn()
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Tick thinning and legend columns follow the width: redraw after a real resize.
        if watched is self.chart and event.type() == QEvent.Type.Resize and self.control is not None:
            if abs(self.chart.width() - self._chart_width) > CHART_REBUILD_STEP:
                self._chart_timer.start()
        return super().eventFilter(watched, event)

"""The early-warning bar under a KRI's chart: the opt-in, the horizon and what the trend says."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSpinBox, QVBoxLayout, QWidget

from opsdesk.domain.forecast import DEFAULT_HORIZON_DAYS, HORIZON_LIMITS, MIN_READINGS
from opsdesk.services.forecasts import KriForecastRead
from opsdesk.services.kris import KriRead
from opsdesk.ui.labels import label

DAYS_PER_MONTH = 30.44
WARNING_INK = "#8D6E00"
ALARM_INK = "#B71C1C"


def month(day) -> str:
    return day.strftime("%Y-%m")


class KriForecastBar(QWidget):
    """Turn the forecast on or off, choose its horizon, and read the projection in words."""

    #: (enabled, horizon in days) chosen by the user
    settingsChosen = Signal(bool, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.shown: KriForecastRead | None = None
        self._filling = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        row = QHBoxLayout()
        row.setSpacing(6)
        self.enabled_box = QCheckBox(self.tr("Early &warning: forecast the trend"))
        self.enabled_box.setToolTip(
            self.tr(
                "Project the trend of the last readings and alert the department when a threshold "
                "comes within the horizon (never from fewer than 5 readings)"
            )
        )
        self.horizon_label = QLabel(self.tr("&Horizon:"))
        self.horizon = QSpinBox()
        self.horizon.setObjectName("forecastHorizon")
        self.horizon.setRange(*HORIZON_LIMITS)
        self.horizon.setValue(DEFAULT_HORIZON_DAYS)
        self.horizon.setSuffix(self.tr(" days"))
        self.horizon.setKeyboardTracking(False)
        self.horizon_label.setBuddy(self.horizon)
        row.addWidget(self.enabled_box)
        row.addSpacing(8)
        row.addWidget(self.horizon_label)
        row.addWidget(self.horizon)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = QLabel()
        self.summary.setObjectName("forecastSummary")
        self.summary.setWordWrap(True)
        self.summary.setProperty("role", "muted")
        layout.addWidget(self.summary)
        self.enabled_box.toggled.connect(self._chosen)
        self.horizon.editingFinished.connect(self._chosen)

    def write_controls(self) -> tuple[QWidget, ...]:
        return (self.enabled_box, self.horizon)

    def show_forecast(self, kri: KriRead, shown: KriForecastRead) -> None:
        """Show a KRI's setting and what its projection says."""
        self.shown = shown
        self._filling = True
        try:
            self.enabled_box.setChecked(shown.enabled)
            self.horizon.setValue(shown.horizon_days)
        finally:
            self._filling = False
        self.horizon.setEnabled(shown.enabled and not kri.archived)
        self.summary.setText(self.describe(kri, shown))

    def describe(self, kri: KriRead, shown: KriForecastRead) -> str:
        """The projection in one or two sentences."""
        if not shown.enabled:
            return self.tr("Turned off: readings warn only once they reach a threshold.")
        forecast = shown.forecast
        if forecast is None:
            return self.tr("A forecast needs at least {needed} readings; there are {count}.").format(
                needed=MIN_READINGS, count=shown.readings
            )
        unit = f" {kri.unit}" if kri.unit else ""
        trend = forecast.trend
        weekly = kri.frequency == "weekly"
        per = trend.slope * (7 if weekly else DAYS_PER_MONTH)
        rate = (self.tr("{change} a week") if weekly else self.tr("{change} a month")).format(
            change=f"{per:+.3g}{unit}"
        )
        text = self.tr("Trend of the last {count} readings (Theil-Sen): {rate}.").format(
            count=trend.readings, rate=rate
        )
        if not forecast.significant:
            return (
                text
                + " "
                + self.tr("No real trend: the readings scatter more than they move, so nothing is forecast.")
            )
        parts = []
        for crossing in forecast.crossings:
            state = label("kri_state", crossing.state)
            if crossing.latest is None:
                parts.append(self.tr("{state} around {day} (maybe never at the slow end of the range)").format(
                    state=state, day=month(crossing.day)
                ))  # fmt: skip
            else:
                parts.append(self.tr("{state} around {day} (between {earliest} and {latest})").format(
                    state=state, day=month(crossing.day), earliest=month(crossing.earliest),
                    latest=month(crossing.latest),
                ))  # fmt: skip
        if not parts:
            return text + " " + self.tr("It runs away from the thresholds.")
        text += " " + self.tr("At this rate: {crossings}.").format(crossings="; ".join(parts))
        if forecast.severity is not None:
            text += " " + self.tr(
                "Within the {days}-day horizon: a forecast alert goes to {department}."
            ).format(days=shown.horizon_days, department=kri.department)
        return text

    def _chosen(self, *_args: object) -> None:
        if self._filling or self.shown is None:
            return
        enabled, horizon = self.enabled_box.isChecked(), self.horizon.value()
        if (enabled, horizon) != (self.shown.enabled, self.shown.horizon_days):
            self.settingsChosen.emit(enabled, horizon)

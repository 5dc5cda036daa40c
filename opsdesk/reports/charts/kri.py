"""KRI trend chart: readings over time with the warning and alarm zones as shaded bands.

With a forecast (`opsdesk.domain.forecast.KriForecast`) the trend of the recent readings is
drawn dashed up to the end of the horizon, its uncertainty (the fan of the slope interval) as
a light band, and each threshold it reaches within the horizon as a dotted line at that day.
gids: "kri-forecast", "kri-forecast-band", "kri-forecast-crossing:<state>" and
"kri-forecast-window:<state>" (from the earliest to the latest day the threshold may be reached).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from opsdesk.domain.numbers import is_storable_number
from opsdesk.reports.charts.common import GRID, INK, MUTED, new_figure, uses_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from opsdesk.domain.forecast import KriForecast
    from opsdesk.services.kris import ReadingRead

# One colour per reading state, shared with the tables of the Qt layer.
STATE_COLORS: dict[str, str] = {"ok": "#43A047", "warning": "#FFB300", "alarm": "#E53935"}
# Lighter tints of the same colours for the shaded zones behind the line.
BAND_COLORS: dict[str, str] = {"warning": "#FFE082", "alarm": "#EF9A9A"}

# gid values let tests and exports find the bands and threshold lines again.
BAND_GID = "kri-band-{state}"
THRESHOLD_GID = "kri-threshold-{state}"
FORECAST_COLOR = "#6A1B9A"
FORECAST_GID = "kri-forecast"
FORECAST_BAND_GID = "kri-forecast-band"
CROSSING_GID = "kri-forecast-crossing:{state}"
WINDOW_GID = "kri-forecast-window:{state}"
#: English defaults of the forecast labels; "{month}" is filled with the crossing's month
FORECAST_LABELS = {
    "forecast": "Forecast",
    "range": "90 % range",
    "warning": "Warning ~{month}",
    "alarm": "Alarm ~{month}",
}


def _value_range(
    values: Sequence[float], warning: float | None, alarm: float | None, extra: Sequence[float] = ()
) -> tuple[float, float]:
    """Y limits that show every reading and both thresholds with some air around them.

    `extra` (the forecast's line and band) widens the range, but never beyond one more span of
    the readings and thresholds on either side, so that a wide band does not flatten the readings.
    """
    points = [*values, *(t for t in (warning, alarm) if t is not None)] or [0.0]
    low, high = min(points), max(points)
    span = high - low
    if extra:
        reach = span if span > 0 else max(abs(high) * 0.1, 1.0)
        low = max(min(low, *extra), low - reach)
        high = min(max(high, *extra), high + reach)
        span = high - low
    pad = span * 0.18 if span > 0 else max(abs(high) * 0.1, 1.0)
    return low - pad, high + pad


def _forecast_extent(forecast: KriForecast) -> list[float]:
    trend = forecast.trend
    end = forecast.horizon_end
    return [trend.value_at(end), *trend.band_at(end), trend.value_at(trend.first_day)]


def _draw_forecast(ax: Axes, forecast: KriForecast, labels: Mapping[str, str]) -> None:
    """The dashed trend through the horizon, its band from the last reading on, and the crossings."""
    trend = forecast.trend
    end = forecast.horizon_end
    ax.plot(
        [trend.first_day, end], [trend.value_at(trend.first_day), trend.value_at(end)],
        color=FORECAST_COLOR, linestyle=(0, (5, 3)), linewidth=1.4, zorder=2, gid=FORECAST_GID,
        label=labels["forecast"],
    )  # fmt: skip
    days = [trend.last_day, end]
    lows, highs = zip(*(trend.band_at(day) for day in days), strict=True)
    ax.fill_between(
        days, lows, highs, color=FORECAST_COLOR, alpha=0.12, linewidth=0, zorder=1, gid=FORECAST_BAND_GID,
        label=labels["range"],
    )  # fmt: skip
    for crossing in forecast.crossings:
        if crossing.day > end:
            continue
        ax.axvline(crossing.day, color=STATE_COLORS[crossing.state], linestyle=":", linewidth=1.3, zorder=2,
                   gid=CROSSING_GID.format(state=crossing.state))  # fmt: skip
        # When it may be reached: a thick stroke along the threshold from the earliest to the latest day.
        latest = min(crossing.latest or end, end)
        ax.plot(
            [crossing.earliest, latest], [crossing.threshold, crossing.threshold], color=STATE_COLORS[crossing.state],
            linewidth=5, alpha=0.55, solid_capstyle="butt", zorder=2, gid=WINDOW_GID.format(state=crossing.state),
        )  # fmt: skip
        ax.annotate(
            labels[crossing.state].format(month=crossing.day.strftime("%Y-%m")),
            xy=(crossing.day, 0.0), xycoords=("data", "axes fraction"), xytext=(3, 3), textcoords="offset points",
            ha="left", va="bottom", fontsize=8, color=INK, zorder=4,
        )  # fmt: skip


def _draw_bands(ax: Axes, direction: str, warning: float, alarm: float, bottom: float, top: float) -> None:
    # The alarm zone runs from the alarm threshold to the edge on the bad side; the warning
    # zone lies between the two thresholds.
    if direction == "lower_is_worse":
        spans = {"alarm": (bottom, alarm), "warning": (alarm, warning)}
    else:
        spans = {"alarm": (alarm, top), "warning": (warning, alarm)}
    for state, (low, high) in spans.items():
        ax.axhspan(
            low,
            high,
            color=BAND_COLORS[state],
            alpha=0.45,
            linewidth=0,
            zorder=0,
            gid=BAND_GID.format(state=state),
        )


def _draw_thresholds(
    ax: Axes,
    warning: float,
    alarm: float,
    unit: str,
    band_labels: Mapping[str, str],
    direction: str,
    at_left: bool = False,
) -> None:
    suffix = f" {unit}" if unit else ""
    for state, value in (("warning", warning), ("alarm", alarm)):
        ax.axhline(
            value,
            color=STATE_COLORS[state],
            linestyle="--",
            linewidth=1.1,
            zorder=1,
            gid=THRESHOLD_GID.format(state=state),
        )
    # Labels sit inside the plot at the right edge (the left one when a forecast fills the right),
    # on the bad side of their line, so that equal or close thresholds do not print on top of each other.
    bad_above = direction != "lower_is_worse"
    for state, value in (("warning", warning), ("alarm", alarm)):
        above = bad_above if state == "alarm" else not bad_above
        ax.annotate(
            f"{band_labels.get(state, state)} {value:g}{suffix}",
            xy=(0.0 if at_left else 1.0, value),
            xycoords=("axes fraction", "data"),
            xytext=(4 if at_left else -4, 3 if above else -3),
            textcoords="offset points",
            ha="left" if at_left else "right",
            va="bottom" if above else "top",
            fontsize=8,
            color=INK,
            zorder=4,
        )


@uses_matplotlib
def build_kri_trend_figure(
    readings: Sequence[ReadingRead],
    *,
    direction: str,
    warning: float,
    alarm: float,
    title: str,
    unit: str,
    band_labels: Mapping[str, str],
    width: float = 7.0,
    height: float = 3.2,
    empty_message: str = "",
    invalid_note: str = "{count} invalid value(s) not shown",
    forecast: KriForecast | None = None,
    forecast_labels: Mapping[str, str] | None = None,
) -> Figure:
    """A KRI's readings as a line with state-coloured markers over shaded warning/alarm bands.

    A reading or threshold that is not a storable number (written outside OpsDesk, say
    1.7e308) is left out, and `invalid_note` says how many were: the chart still draws.
    `forecast` adds the projected trend, its uncertainty and the threshold crossings within the
    horizon; `forecast_labels` translates the keys of FORECAST_LABELS.
    """
    import matplotlib.dates as mdates

    figure = new_figure(width, height)
    ax = figure.add_subplot()
    shown = [r for r in readings if is_storable_number(r.value)]
    thresholds_valid = is_storable_number(warning) and is_storable_number(alarm)
    invalid = len(readings) - len(shown) + (0 if thresholds_valid else 1)
    readings = shown
    values = [float(r.value) for r in readings]
    # A trend that is no trend (the readings scatter more than they move) is not drawn: the
    # page says so in words, and a fan of slopes around a flat line would only alarm.
    significant = forecast is not None and forecast.significant
    shown_forecast = forecast if readings and thresholds_valid and significant else None
    extra = _forecast_extent(shown_forecast) if shown_forecast is not None else ()
    if thresholds_valid:
        bottom, top = _value_range(values, warning, alarm, extra)
        ax.set_ylim(bottom, top)
        _draw_bands(ax, direction, warning, alarm, bottom, top)
        _draw_thresholds(ax, warning, alarm, unit, band_labels, direction, at_left=shown_forecast is not None)
    else:
        ax.set_ylim(*_value_range(values, None, None))
    if invalid:
        ax.text(0.0, -0.02, invalid_note.format(count=invalid), transform=ax.transAxes, ha="left", va="top",
                fontsize=8, color=MUTED)  # fmt: skip

    if readings:
        dates = [r.read_on for r in readings]
        ax.plot(dates, values, color=INK, linewidth=1.4, zorder=2)
        for state in ("ok", "warning", "alarm"):
            points = [(d, v) for d, v, r in zip(dates, values, readings, strict=True) if r.state == state]
            if points:
                xs, ys = zip(*points, strict=True)
                ax.scatter(
                    xs,
                    ys,
                    s=30,
                    color=STATE_COLORS[state],
                    edgecolors="white",
                    linewidths=0.8,
                    zorder=3,
                    label=band_labels.get(state, state),
                )
        if shown_forecast is not None:
            _draw_forecast(ax, shown_forecast, {**FORECAST_LABELS, **(forecast_labels or {})})
        locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
        if len(set(dates)) == 1:
            # One date alone would make a zero-width axis; show a month around it.
            ax.set_xlim(dates[0] - timedelta(days=15), dates[0] + timedelta(days=15))
        # Under the dates, so it never hides a reading nor runs into a long title.
        ax.legend(
            loc="upper center",
            bbox_to_anchor=(0.5, -0.12),
            fontsize=8,
            frameon=False,
            ncols=5 if shown_forecast is not None else 3,
            borderaxespad=0.1,
            handletextpad=0.2,
            columnspacing=0.9,
        )
    else:
        ax.set_xticks([])
        if empty_message:
            ax.text(0.5, 0.5, empty_message, transform=ax.transAxes, ha="center", va="center", color=MUTED)

    ax.set_title(title, loc="left", fontsize=10, color=INK)
    if unit:
        ax.set_ylabel(unit, color=MUTED)
    ax.grid(axis="y", color=GRID, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return figure

"""The control chart of a quality objective: values, target, centre line, limits and rule signals.

Shared by the Quality objectives page and the Excel export. No Qt, no pyplot.
Artists carry gids so callers and tests can find them: "actual", "target", "center",
"upper", "lower", "violations", "baseline" (the shaded frozen baseline) and
"rule:<period>" (the rule numbers written next to a flagged point). An XmR chart given its
moving ranges gets a second axes under the individuals, sharing the periods: "mr", "mr-center",
"mr-upper" and "mr-violations" (ranges above their upper limit).
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from opsdesk.reports.charts.common import GRID, INK, MUTED, new_figure, uses_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from opsdesk.services.control_charts import MovingRangePoint
    from opsdesk.services.quality import ObjectiveSeries

ACTUAL_COLOR = "#1565C0"
TARGET_COLOR = "#2E7D32"
CENTER_COLOR = "#455A64"
LIMIT_COLOR = "#8E6BB8"
VIOLATION_COLOR = "#D32F2F"
BASELINE_COLOR = "#E3F2FD"

#: label keys and their English defaults; callers pass translations for the same keys
DEFAULT_LABELS = {
    "actual": "Actual",
    "target": "Target",
    "center": "Centre line",
    "limits": "Control limits",
    "violation": "Rule broken",
    "baseline": "Baseline",
    "moving_range": "Moving range",
    "mr_center": "Average moving range",
    "mr_upper": "Upper range limit",
    "mr_signal": "Jump beyond the range limit",
    "ucl": "UCL",
    "cl": "CL",
    "lcl": "LCL",
}
# The individuals take this share of the height when the moving-range chart sits below them.
INDIVIDUALS_SHARE = 0.66
# Narrower figures leave the limits' values to the axis: on the lines they would cover the points.
VALUE_LABELS_MIN_WIDTH = 4.6
# Charts lower than this (inches) get a smaller legend.
COMPACT_LEGEND_HEIGHT = 2.6

TICK_FONT_SIZE = 8.0
TICK_ROTATION = 45.0
# Width of one character of a period key at the tick size, and the gap between labels (points).
_CHAR_WIDTH = 0.62 * TICK_FONT_SIZE
_LABEL_GAP = 8.0
# Distance between rotated labels so their baselines do not touch (points).
_ROTATED_SPACING = 1.5 * TICK_FONT_SIZE / math.sin(math.radians(TICK_ROTATION))
# Room the y axis, its label and the figure padding take from the width (inches).
_Y_AXIS_ROOM = 0.9


def _nan(value: float | None) -> float:
    return math.nan if value is None else value


def _runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Consecutive runs [(first, last), ...] of sorted indices."""
    runs: list[tuple[int, int]] = []
    for index in indices:
        if runs and index == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def label_spacing(keys: Sequence[str], rotated: bool) -> float:
    """Points between two tick labels so that neighbours never overlap."""
    if rotated:
        return _ROTATED_SPACING
    longest = max((len(key) for key in keys), default=7)
    return longest * _CHAR_WIDTH + _LABEL_GAP


def _text_ems(text: str) -> float:
    """The width of a label in ems: about 0.62 per Latin character, 1 per Chinese one."""
    return sum(1.0 if unicodedata.east_asian_width(char) in ("W", "F") else 0.62 for char in text)


def legend_columns(names: Sequence[str], width: float, font_size: float = 8.0) -> int:
    """The most legend columns whose estimated width fits a figure `width` inches wide."""
    # Handle (2 em), pad (0.8 em), text and column gap (1.2 em), as matplotlib lays them out.
    entries = [(2.0 + 0.8 + 1.2) * font_size + _text_ems(name) * font_size for name in names]
    room = width * 72 - 12
    for columns in range(len(entries), 1, -1):
        # matplotlib fills the columns in order, each with ceil(n / columns) entries.
        per_column = math.ceil(len(entries) / columns)
        chunks = [entries[i : i + per_column] for i in range(0, len(entries), per_column)]
        if sum(max(chunk) for chunk in chunks) <= room:
            return columns
    return 1


def _period_locator(count: int, spacing: float) -> Any:
    """A locator that labels every k-th period, k chosen from the axes width when drawn."""
    from matplotlib.ticker import Locator

    class PeriodLocator(Locator):
        def __call__(self) -> list[int]:
            axes = self.axis.axes
            width_points = axes.get_window_extent().width * 72 / axes.figure.dpi
            fit = max(1, int(width_points // spacing))
            step = max(1, math.ceil(count / fit))
            # Anchored on the last period, which is the one people look for.
            return list(range((count - 1) % step, count, step))

        def tick_values(self, vmin: float, vmax: float) -> list[int]:
            return self()

    return PeriodLocator()


def value_range(series_list: Iterable[ObjectiveSeries], margin: float = 0.14) -> tuple[float, float] | None:
    """One y range showing every value, limit and target of these series (to compare charts side by side)."""
    values: list[float] = []
    for series in series_list:
        values.append(series.objective.target)
        if series.center is not None:
            values.append(series.center)
        for point in series.points:
            values.extend(
                v for v in (point.value, point.lower, point.upper) if v is not None and math.isfinite(v)
            )
    if not values:
        return None
    low, high = min(values), max(values)
    pad = (high - low) * margin if high > low else max(abs(high) * 0.05, 1.0)
    return low - pad, high + pad


def format_limit(value: float) -> str:
    """A limit for reading on the chart: four significant digits, thousands without decimals."""
    return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"


def _label_lines(ax: Axes, lines: Sequence[tuple[str, float | None]], gid_prefix: str) -> None:
    """Write "UCL 8.27" and the like at the right end of the limit lines, inside the plot."""
    for name, value in lines:
        if value is None or not math.isfinite(value):
            continue
        note = ax.annotate(
            f"{name} {format_limit(value)}", xy=(1.0, value), xycoords=("axes fraction", "data"), xytext=(-3, 2),
            textcoords="offset points", ha="right", va="bottom", fontsize=7, color=MUTED, zorder=5,
        )  # fmt: skip
        note.set_gid(f"{gid_prefix}{name}")


def _draw_individuals(
    ax: Axes, series: ObjectiveSeries, text: Mapping[str, str], value_labels: bool = True
) -> None:
    """Values, target, centre line, per-period limits, rule breaks and the frozen baseline on one axes."""
    objective = series.objective
    points = series.points
    keys = [point.period for point in points]
    xs = list(range(len(points)))
    # Frozen baseline: shade its whole range of periods, including missing ones inside it.
    if objective.baseline_first is not None and objective.baseline_last is not None:
        inside = [
            i for i, key in enumerate(keys) if objective.baseline_first <= key <= objective.baseline_last
        ]
        for number, (first, last) in enumerate(_runs(inside)):
            span = ax.axvspan(
                first - 0.5,
                last + 0.5,
                color=BASELINE_COLOR,
                zorder=0,
                label=text["baseline"] if number == 0 else None,
            )
            span.set_gid("baseline")

    if points:
        # Missing periods are NaN, so every line breaks where data are missing.
        values = [_nan(point.value) for point in points]
        ax.plot(
            xs,
            values,
            color=ACTUAL_COLOR,
            linewidth=1.6,
            marker="o",
            markersize=4.5,
            label=text["actual"],
            gid="actual",
            zorder=3,
        )
        if series.center is not None:
            ax.axhline(series.center, color=CENTER_COLOR, linewidth=1.0, label=text["center"], gid="center")
            upper = [_nan(point.upper) for point in points]
            lower = [_nan(point.lower) for point in points]
            ax.plot(
                xs,
                upper,
                drawstyle="steps-mid",
                color=LIMIT_COLOR,
                linewidth=1.2,
                linestyle=(0, (4, 2)),
                label=text["limits"],
                gid="upper",
            )
            ax.plot(
                xs,
                lower,
                drawstyle="steps-mid",
                color=LIMIT_COLOR,
                linewidth=1.2,
                linestyle=(0, (4, 2)),
                gid="lower",
            )
            # The values of the latest limits (they vary per period on p and u charts).
            last = next((p for p in reversed(points) if p.upper is not None and p.lower is not None), None)
            if last is not None and value_labels:
                _label_lines(
                    ax,
                    [(text["ucl"], last.upper), (text["cl"], series.center), (text["lcl"], last.lower)],
                    "value:",
                )
    ax.axhline(
        objective.target,
        color=TARGET_COLOR,
        linewidth=1.4,
        linestyle="--",
        label=text["target"],
        gid="target",
    )

    flagged = [(i, point) for i, point in enumerate(points) if point.violations and point.value is not None]
    if flagged:
        ax.plot(
            [i for i, _ in flagged],
            [point.value for _, point in flagged],
            linestyle="none",
            marker="o",
            markersize=8,
            markerfacecolor=VIOLATION_COLOR,
            markeredgecolor="white",
            markeredgewidth=1.0,
            label=text["violation"],
            gid="violations",
            zorder=4,
        )
        center = series.center if series.center is not None else objective.target
        for i, point in flagged:
            above = point.value >= center
            note = ax.annotate(
                ",".join(str(rule) for rule in point.violations),
                (i, point.value),
                xytext=(0, 7 if above else -8),
                textcoords="offset points",
                ha="center",
                va="bottom" if above else "top",
                color=VIOLATION_COLOR,
                fontsize=7,
                fontweight="bold",
                zorder=5,
            )
            note.set_gid(f"rule:{point.period}")
    # Headroom for the rule numbers above and below the extreme points.
    ax.margins(x=0, y=0.14)


def _draw_moving_ranges(
    ax: Axes,
    ranges: Sequence[MovingRangePoint],
    center: float | None,
    upper: float | None,
    text: Mapping[str, str],
    value_labels: bool = True,
) -> None:
    """The moving-range chart: ranges as a line, their average and upper limit, jumps beyond it in red."""
    xs = list(range(len(ranges)))
    ax.plot(
        xs, [_nan(point.value) for point in ranges], color=ACTUAL_COLOR, linewidth=1.2, marker="o", markersize=3.5,
        gid="mr", zorder=3, label=text["moving_range"],
    )  # fmt: skip
    if center is not None:
        ax.axhline(center, color=CENTER_COLOR, linewidth=1.0, gid="mr-center", label=text["mr_center"])
    if upper is not None:
        ax.axhline(upper, color=LIMIT_COLOR, linewidth=1.2, linestyle=(0, (4, 2)), gid="mr-upper",
                   label=text["mr_upper"])  # fmt: skip
    if value_labels:
        _label_lines(ax, [(text["ucl"], upper), (text["cl"], center)], "mr-value:")
    flagged = [
        (i, point.value) for i, point in enumerate(ranges) if point.flagged and point.value is not None
    ]
    if flagged:
        ax.plot(
            [i for i, _ in flagged], [v for _, v in flagged], linestyle="none", marker="o", markersize=7,
            markerfacecolor=VIOLATION_COLOR, markeredgecolor="white", markeredgewidth=1.0, gid="mr-violations",
            zorder=4, label=text["mr_signal"],
        )  # fmt: skip
    ax.set_ylim(bottom=0)
    ax.margins(x=0, y=0.18)
    ax.set_ylabel(text["moving_range"], color=MUTED, fontsize=8)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(axis="y", labelsize=TICK_FONT_SIZE)


def _period_axis(ax: Axes, keys: Sequence[str], width: float) -> None:
    """Period labels that never overlap: every k-th period, slanted when they do not fit flat."""
    from matplotlib.ticker import FuncFormatter

    if keys:
        ax.set_xlim(-0.5, len(keys) - 0.5)
        axes_points = max(width - _Y_AXIS_ROOM, 1.0) * 72
        rotated = len(keys) * label_spacing(keys, rotated=False) > axes_points
        ax.xaxis.set_major_locator(_period_locator(len(keys), label_spacing(keys, rotated)))
        ax.xaxis.set_major_formatter(
            FuncFormatter(lambda x, _pos: keys[round(x)] if 0 <= round(x) < len(keys) else "")
        )
        ax.tick_params(axis="x", labelsize=TICK_FONT_SIZE, length=3)
        if rotated:
            # "xtick" mode ends each slanted label exactly under its tick.
            ax.tick_params(axis="x", labelrotation=TICK_ROTATION, labelrotation_mode="xtick")
    else:
        ax.set_xticks([])


@uses_matplotlib
def build_control_chart_figure(
    series: ObjectiveSeries,
    *,
    title: str,
    labels: Mapping[str, str] | None = None,
    width: float = 8.0,
    height: float = 3.6,
    dpi: int = 100,
    subtitle: str = "",
    moving_ranges: Sequence[MovingRangePoint] | None = None,
    mr_center: float | None = None,
    mr_upper: float | None = None,
    ylim: tuple[float, float] | None = None,
) -> Figure:
    """Values with markers, dashed target, centre line, per-period limits, rule breaks in red.

    `labels` translates the keys of DEFAULT_LABELS. The frozen baseline is shaded; when no
    baseline is frozen every measured period is the baseline and nothing is shaded. With
    `moving_ranges` (one per period, as `control_chart` gives them for an XmR) the moving-range
    chart is drawn under the individuals. `ylim` fixes the value axis, so that two charts of one
    objective compared side by side share their scale. `subtitle` names the chart under the title.
    """
    text = {**DEFAULT_LABELS, **(labels or {})}
    objective = series.objective
    keys = [point.period for point in series.points]
    figure = new_figure(width, height, dpi)
    with_ranges = moving_ranges is not None and len(moving_ranges) == len(keys) and bool(keys)
    if with_ranges:
        ax, mr_ax = figure.subplots(
            2, 1, sharex=True, gridspec_kw={"height_ratios": [INDIVIDUALS_SHARE, 1 - INDIVIDUALS_SHARE]}
        )
    else:
        ax, mr_ax = figure.add_subplot(), None
    ax.set_title(title, loc="left", color=INK, fontweight="bold", fontsize=10)
    if subtitle:
        ax.set_title(subtitle, loc="right", color=MUTED, fontsize=8)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.grid(axis="y", color=GRID, linewidth=0.6)
    ax.set_axisbelow(True)
    if objective.unit:
        ax.set_ylabel(objective.unit, color=MUTED)
    _draw_individuals(ax, series, text, value_labels=width >= VALUE_LABELS_MIN_WIDTH)
    if ylim is not None:
        ax.set_ylim(*ylim)
    ax.tick_params(axis="y", labelsize=TICK_FONT_SIZE)

    if mr_ax is not None:
        _draw_moving_ranges(
            mr_ax, moving_ranges, mr_center, mr_upper, text, value_labels=width >= VALUE_LABELS_MIN_WIDTH
        )
        ax.tick_params(axis="x", labelbottom=False, length=0)
        _period_axis(mr_ax, keys, width)
    else:
        _period_axis(ax, keys, width)

    handles, names = ax.get_legend_handles_labels()
    if mr_ax is not None:
        mr_handles, mr_names = mr_ax.get_legend_handles_labels()
        # The range line, its average and limit look like the values, the centre line and the limits:
        # only a jump beyond the range limit needs an entry of its own.
        for handle, name in zip(mr_handles, mr_names, strict=True):
            if name == text["mr_signal"]:
                handles.append(handle)
                names.append(name)
    if handles:
        # A short chart (side by side, on a small screen) gets a smaller legend so that it still fits.
        font_size = 8 if height >= COMPACT_LEGEND_HEIGHT else 7
        figure.legend(
            handles,
            names,
            loc="outside lower center",
            ncols=legend_columns(names, width, font_size),
            frameon=False,
            fontsize=font_size,
            labelcolor=MUTED,
            handlelength=2.0,
            columnspacing=1.2,
        )
    return figure


@uses_matplotlib
def build_comparison_figure(
    charts: Sequence[tuple[str, ObjectiveSeries]],
    *,
    labels: Mapping[str, str] | None = None,
    width: float = 10.0,
    height: float = 3.6,
    dpi: int = 100,
) -> Figure:
    """Charts of one objective side by side, (title, series) each, on one shared value axis.

    One figure rather than two, so that both plots get exactly the same height and scale (a
    limit twice as far from the centre looks twice as far) and one legend explains both. The
    moving-range chart of an XmR is left out here; the chart on its own shows it.
    """
    text = {**DEFAULT_LABELS, **(labels or {})}
    figure = new_figure(width, height, dpi)
    axes = figure.subplots(1, len(charts), sharey=True, squeeze=False)[0]
    each = width / max(len(charts), 1)
    for ax, (title, series) in zip(axes, charts, strict=True):
        ax.set_title(title, loc="left", color=INK, fontweight="bold", fontsize=10)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.grid(axis="y", color=GRID, linewidth=0.6)
        ax.set_axisbelow(True)
        _draw_individuals(ax, series, text, value_labels=each >= VALUE_LABELS_MIN_WIDTH)
        _period_axis(ax, [point.period for point in series.points], each)
        ax.tick_params(axis="y", labelsize=TICK_FONT_SIZE)
    shared = value_range(series for _title, series in charts)
    if shared is not None:
        axes[0].set_ylim(*shared)
    unit = charts[0][1].objective.unit if charts else ""
    if unit:
        axes[0].set_ylabel(unit, color=MUTED)
    handles, names = axes[0].get_legend_handles_labels()
    for ax in axes[1:]:
        for handle, name in zip(*ax.get_legend_handles_labels(), strict=True):
            if name not in names:
                handles.append(handle)
                names.append(name)
    if handles:
        font_size = 8 if height >= COMPACT_LEGEND_HEIGHT else 7
        figure.legend(
            handles, names, loc="outside lower center", ncols=legend_columns(names, width, font_size), frameon=False,
            fontsize=font_size, labelcolor=MUTED, handlelength=2.0, columnspacing=1.2,
        )  # fmt: skip
    return figure

"""A Pareto chart: counts per cause as bars, largest first, with the cumulative share as a line.

Shared by the Nonconformities page and the Excel export. No Qt, no pyplot. The bars carry
the gid "pareto-bars", the cumulative line "pareto-cumulative" and the 80% guide
"pareto-guide", so tests and callers can read the drawn values back.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from opsdesk.reports.charts.common import GRID, INK, MUTED, new_figure, uses_matplotlib

if TYPE_CHECKING:
    from matplotlib.figure import Figure

BAR_COLOR = "#4F83A8"
LINE_COLOR = "#D84315"
GUIDE_PERCENT = 80.0
SLANT = 45
BARS_GID = "pareto-bars"
LINE_GID = "pareto-cumulative"
GUIDE_GID = "pareto-guide"


def sorted_with_cumulative(rows: Sequence[tuple[str, int, float]]) -> list[tuple[str, int, float]]:
    """Rows largest first (ties by code) with the cumulative percent recomputed from the counts."""
    ordered = sorted(
        ((code, int(count)) for code, count, _ in rows if count > 0), key=lambda r: (-r[1], r[0])
    )
    total = sum(count for _, count in ordered)
    result: list[tuple[str, int, float]] = []
    running = 0
    for code, count in ordered:
        running += count
        result.append((code, count, 100.0 * running / total))
    return result


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=max(width, 6), break_long_words=False) or text


@uses_matplotlib
def build_pareto_figure(
    rows: Sequence[tuple[str, int, float]],
    *,
    labels: Mapping[str, str],
    title: str,
    count_label: str,
    cumulative_label: str,
    empty_text: str = "",
    width: float = 6.4,
    height: float = 3.4,
    dpi: int = 100,
) -> Figure:
    """Bars per code (labelled through `labels`), sorted descending, and the cumulative % with an 80% guide."""
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    data = sorted_with_cumulative(rows)
    figure = new_figure(width, height, dpi)
    ax = figure.add_subplot()
    ax.set_title(title, color=INK, fontweight="bold", fontsize=10, loc="left")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)

    if not data:
        ax.set_xticks([])
        ax.set_yticks([])
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.text(0.5, 0.5, empty_text, ha="center", va="center", color=MUTED, transform=ax.transAxes)
        return figure

    positions = list(range(len(data)))
    counts = [count for _, count, _ in data]
    cumulative = [percent for _, _, percent in data]

    bars = ax.bar(positions, counts, color=BAR_COLOR, width=0.62, zorder=2)
    for rectangle, count in zip(bars, counts, strict=True):
        rectangle.set_gid(BARS_GID)
        # The count sits just inside the top of its bar, clear of the cumulative line; above a stub bar.
        inside = count >= 0.12 * max(counts)
        ax.annotate(
            str(count),
            (rectangle.get_x() + rectangle.get_width() / 2, rectangle.get_height()),
            xytext=(0, -3 if inside else 2),
            textcoords="offset points",
            ha="center",
            va="top" if inside else "bottom",
            fontsize=8,
            fontweight="bold",
            color="white" if inside else INK,
        )
    ax.set_ylabel(count_label, color=INK)
    ax.set_ylim(0, max(counts) * 1.08)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True, nbins=5))
    ax.grid(axis="y", color=GRID, linewidth=0.6, zorder=0)
    ax.set_axisbelow(True)
    ax.tick_params(axis="both", length=0, labelsize=8)

    # Room per bar in characters: wrap labels so neighbours never overlap; slant when crowded.
    chars_per_bar = int((width - 1.4) / len(data) * 72 / 5.2)
    names = [labels.get(code, code) for code, _, _ in data]
    ax.set_xticks(positions)
    if chars_per_bar >= 8:
        ax.set_xticklabels([_wrap(name, chars_per_bar) for name in names])
    else:
        # Too narrow to wrap: one line each, slanted at 45 degrees so neighbours stay apart.
        ax.set_xticklabels(names, rotation=SLANT, ha="right", rotation_mode="anchor")
    ax.set_xlim(-0.6, len(data) - 0.4)

    share = ax.twinx()
    share.spines["top"].set_visible(False)
    share.spines["left"].set_visible(False)
    (line,) = share.plot(
        positions, cumulative, color=LINE_COLOR, marker="o", markersize=4, linewidth=1.8, zorder=3
    )
    line.set_gid(LINE_GID)
    guide = share.axhline(GUIDE_PERCENT, color=MUTED, linestyle="--", linewidth=0.9, zorder=1)
    guide.set_gid(GUIDE_GID)
    share.set_ylim(0, 110)
    share.set_yticks([0, 20, 40, 60, 80, 100])
    share.yaxis.set_major_formatter(PercentFormatter(100, decimals=0))
    share.tick_params(axis="y", length=0, labelsize=8, colors=LINE_COLOR)
    share.set_ylabel(cumulative_label, color=LINE_COLOR)
    return figure


def bars_shown(figure: Figure) -> list[tuple[str, int]]:
    """(tick label, height) of each drawn bar, left to right, read back from a Pareto figure."""
    for ax in figure.axes:
        bars = [patch for patch in ax.patches if patch.get_gid() == BARS_GID]
        if bars:
            names = [tick.get_text() for tick in ax.get_xticklabels()]
            return [(name, int(bar.get_height())) for name, bar in zip(names, bars, strict=True)]
    return []


def cumulative_shown(figure: Figure) -> list[float]:
    """The cumulative percentages drawn by the line, left to right."""
    for ax in figure.axes:
        for line in ax.get_lines():
            if line.get_gid() == LINE_GID:
                return [float(y) for y in line.get_ydata()]
    return []

"""A risk's score over time, one line per assessment kind, on the matrix's level bands.

Used by the risk editor's History tab (and free for exports). No Qt, no pyplot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from opsdesk.reports.charts.common import GRID, INK, MUTED, new_figure, uses_matplotlib

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from opsdesk.domain.matrix import RiskMatrix
    from opsdesk.services.risks import AssessmentRead

KIND_ORDER = ("inherent", "residual", "target")
KIND_STYLES: dict[str, dict[str, object]] = {
    "inherent": {"color": "#455A64", "linestyle": "-", "marker": "o"},
    "residual": {"color": "#1565C0", "linestyle": "-", "marker": "s"},
    "target": {"color": "#2E7D32", "linestyle": "--", "marker": "^"},
}


def band_score_ranges(matrix: RiskMatrix) -> list[tuple[str, str, str, float, float]]:
    """(code, name, colour, low, high) score spans of the bands, lowest band first.

    A band starts at the lowest score of any of its cells; in a matrix whose bands overlap
    in score (asymmetric matrices) a higher band starts no lower than the band below it.
    """
    lowest: dict[str, int] = {}
    for likelihood, row in enumerate(matrix.cells, start=1):
        for impact, code in enumerate(row, start=1):
            score = likelihood * impact
            lowest[code] = min(score, lowest.get(code, score))
    spans: list[tuple[str, str, float]] = []
    floor = 0
    for band in matrix.bands:
        if band.code in lowest:
            floor = max(floor, lowest[band.code])
            spans.append((band.code, band.name, floor))
    result = []
    for number, (code, name, start) in enumerate(spans):
        low = 0.0 if number == 0 else start - 0.5
        high = spans[number + 1][2] - 0.5 if number + 1 < len(spans) else matrix.max_score + 0.5
        if high > low:
            result.append((code, name, matrix.band(code).color, low, high))
    return result


@uses_matplotlib
def build_risk_history_figure(
    history: Sequence[AssessmentRead],
    matrix: RiskMatrix,
    *,
    title: str,
    kind_labels: Mapping[str, str],
    score_label: str = "Score",
    empty_text: str = "No assessments yet",
    today: date | None = None,
    width: float = 7.0,
    height: float = 3.2,
) -> Figure:
    """Score over time per kind (step lines: a score holds until the next assessment), bands behind."""
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D

    figure = new_figure(width, height)
    axes = figure.add_subplot()
    axes.set_title(title, color=INK, loc="left", fontsize=10, fontweight="bold")
    axes.set_ylabel(score_label)
    axes.set_ylim(0, matrix.max_score + 0.5)
    for _code, name, color, low, high in band_score_ranges(matrix):
        axes.axhspan(low, high, color=color, alpha=0.16, linewidth=0, zorder=0)
        axes.text(
            1.0,
            (low + high) / 2,
            f" {name}",
            transform=axes.get_yaxis_transform(),
            va="center",
            ha="left",
            fontsize=8,
            color=MUTED,
            clip_on=False,
        )
    axes.grid(axis="y", color=GRID, linewidth=0.5, alpha=0.6)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)

    if not history:
        axes.text(0.5, 0.5, empty_text, transform=axes.transAxes, ha="center", va="center", color=MUTED)
        axes.set_xticks([])
        return figure

    dates = [a.assessed_on for a in history]
    end = max(max(dates), today) if today is not None else max(dates)
    start = min(dates)
    if end == start:
        start, end = start - timedelta(days=15), end + timedelta(days=15)
    handles = []
    for kind in KIND_ORDER:
        points = [a for a in history if a.kind == kind]
        if not points:
            continue
        xs = [a.assessed_on for a in points]
        ys = [a.score for a in points]
        # The latest score still holds today: extend the step to the right edge.
        if today is not None and xs[-1] < end:
            xs_line, ys_line = [*xs, end], [*ys, ys[-1]]
        else:
            xs_line, ys_line = xs, ys
        style = KIND_STYLES[kind]
        axes.plot(
            xs_line,
            ys_line,
            drawstyle="steps-post",
            color=style["color"],
            linestyle=style["linestyle"],
            linewidth=1.8,
            zorder=3,
        )
        axes.plot(
            xs, ys, linestyle="none", marker=style["marker"], color=style["color"], markersize=5, zorder=4
        )
        # One legend entry per kind showing both its line and its marker.
        handles.append(
            Line2D(
                [],
                [],
                color=style["color"],
                linestyle=style["linestyle"],
                marker=style["marker"],
                markersize=5,
                linewidth=1.8,
                label=kind_labels.get(kind, kind),
            )
        )
    margin = max((end - start).days * 0.03, 2)
    axes.set_xlim(start - timedelta(days=margin), end + timedelta(days=margin))
    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    axes.xaxis.set_major_locator(locator)
    axes.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes.legend(handles=handles, loc="upper left", fontsize=8, frameon=False, ncols=3)
    return figure

"""The risk heatmap: one likelihood x impact grid per assessment kind, counts in the cells.

Shared by the Heatmap page, the dashboard and the Excel export. No Qt, no pyplot.
Each grid's Axes carries its assessment kind as gid, and each count text carries
"likelihood:impact" as gid, so callers can map clicks to cells and read counts back.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from opsdesk.reports.charts.common import INK, MUTED, new_figure, text_color_for, uses_matplotlib

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from opsdesk.domain.matrix import RiskMatrix

_CELL_GID_PREFIX = "cell:"
_HIGHLIGHT_GID = "highlight"


@lru_cache(maxsize=512)
def _text_width(text: str, size: float) -> float:
    """Width in points of the widest line of a text at a font size (no renderer needed).

    Remembered: the labels of a matrix are measured again each time a heatmap is built."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    measure, font = TextToPath(), FontProperties(size=size)
    return max(
        measure.get_text_width_height_descent(line, font, ismath=False)[0] for line in text.split("\n")
    )


def _wrap_to_width(label: str, max_width: float, size: float) -> list[str]:
    """Greedy word wrap by measured width; a single word wider than max_width keeps its own line."""
    lines: list[str] = []
    for word in label.split():
        if lines and _text_width(f"{lines[-1]} {word}", size) <= max_width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [label]


def _fit_y_label(label: str, max_lines: int, size: float) -> str:
    """Wrap a likelihood label to at most max_lines, widening the lines until it fits."""
    width = 80.0
    while True:
        lines = _wrap_to_width(label, width, size)
        if len(lines) <= max_lines or width > 400:
            return "\n".join(lines)
        width += 20


def _fit_x_labels(labels: Sequence[str], column_width: float, size: float) -> tuple[list[str], bool]:
    """Wrap impact labels within their column; (labels, True) means slant them because they cannot fit."""
    wrapped = [_wrap_to_width(label, column_width, size) for label in labels]
    fits = all(len(lines) <= 3 and _text_width("\n".join(lines), size) <= column_width for lines in wrapped)
    if fits:
        return ["\n".join(lines) for lines in wrapped], False
    return ["\n".join(_wrap_to_width(label, 110, size)) for label in labels], True


def _hex_to_rgb(color: str) -> tuple[float, float, float]:
    return tuple(int(color[i : i + 2], 16) / 255 for i in (1, 3, 5))  # type: ignore[return-value]


@uses_matplotlib
def build_heatmap_figure(
    matrix: RiskMatrix,
    counts: Mapping[str, Mapping[tuple[int, int], int]],
    *,
    kinds: Sequence[str] = ("inherent", "residual"),
    titles: Mapping[str, str] | None = None,
    likelihood_title: str = "Likelihood",
    impact_title: str = "Impact",
    width: float = 10.0,
    height: float = 4.6,
    dpi: int = 100,
    text_scale: float = 1.0,
) -> Figure:
    """One heatmap per kind side by side: band colours, risk counts, matrix labels on the axes.

    `text_scale` enlarges every text (1.6 for a picture printed small on paper); the screen keeps 1.0.
    """
    from matplotlib import rcParams
    from matplotlib.patches import Patch

    titles = titles or {}
    figure = new_figure(
        width, height, dpi, layout=None
    )  # a fixed layout, below: constrained layout costs a third
    rows, columns = matrix.likelihood_count, matrix.impact_count
    # Row index 0 is likelihood 1: with origin="lower" it sits at the bottom.
    image = [[_hex_to_rgb(matrix.band(code).color) for code in row] for row in matrix.cells]
    text_colors = [[text_color_for(matrix.band(code).color) for code in row] for row in matrix.cells]

    tick_size = (8 if max(rows, columns) <= 6 else 7) * text_scale
    # Lines of tick text that fit in one row's height (title, axis title and legend take ~1.3 in).
    y_lines = max(1, int((height - 1.3) / rows * 72 / (tick_size * 1.3)))
    y_labels = [_fit_y_label(label, y_lines, tick_size) for label in matrix.likelihood_labels]
    # Each panel loses the likelihood labels, the axis title and paddings (~24 pt) to its grid.
    panel_width = (
        width * 72 / max(len(kinds), 1) - max(_text_width(label, tick_size) for label in y_labels) - 24
    )
    x_labels, slant_x = _fit_x_labels(matrix.impact_labels, panel_width / columns - 3, tick_size)
    count_size = _count_size(matrix, text_scale)

    # The fixed layout, in points: what the labels around each grid need, measured as above.
    # Axis titles keep matplotlib's size on screen; scaled from the base font size otherwise.
    axis_font = {} if text_scale == 1 else {"fontsize": rcParams["font.size"] * text_scale}
    label_size = 10 * text_scale  # the axis titles (rcParams in configure_matplotlib)
    y_label_width = max(_text_width(label, tick_size) for label in y_labels)
    left = y_label_width + 4 + label_size * 1.4 + 8  # tick labels, pad, axis title, pad
    if slant_x:
        import math

        x_label_height = max(_text_width(label, tick_size) for label in x_labels) * math.sin(math.radians(35))
        x_label_height += tick_size * 1.4
    else:
        x_label_height = max(label.count("\n") + 1 for label in x_labels) * tick_size * 1.25
    legend_height = 8 * text_scale * 1.4 + 10
    bottom = 4 + x_label_height + 4 + label_size * 1.4 + legend_height
    shown_titles = [titles.get(kind, kind.capitalize()) for kind in kinds]
    top = 10 * text_scale * 1.4 + 10 if any(shown_titles) else 8  # the bold title and its pad
    figure_width, figure_height = width * 72, height * 72
    panel = figure_width / max(len(kinds), 1)
    axes_list = [
        figure.add_axes((
            (number * panel + left) / figure_width, bottom / figure_height,
            max(panel - left - 10, 20) / figure_width, max(figure_height - bottom - top, 20) / figure_height,
        ))
        for number in range(len(kinds))
    ]  # fmt: skip
    for ax, kind in zip(axes_list, kinds, strict=True):
        ax.set_gid(kind)
        ax.imshow(
            image,
            origin="lower",
            extent=(0.5, columns + 0.5, 0.5, rows + 0.5),
            aspect="auto",
            interpolation="nearest",
        )
        # White gaps between cells: two line collections (minor ticks would cost a label each).
        ax.vlines([c + 0.5 for c in range(1, columns)], 0.5, rows + 0.5, colors="white", linewidth=2)
        ax.hlines([r + 0.5 for r in range(1, rows)], 0.5, columns + 0.5, colors="white", linewidth=2)
        ax.tick_params(length=0, labelsize=tick_size)
        ax.set_xticks(range(1, columns + 1))
        if slant_x:
            ax.set_xticklabels(x_labels, rotation=35, ha="right", rotation_mode="anchor")
        else:
            ax.set_xticklabels(x_labels)
        ax.set_yticks(range(1, rows + 1))
        ax.set_yticklabels(y_labels)
        ax.set_xlim(0.5, columns + 0.5)
        ax.set_ylim(0.5, rows + 0.5)
        for spine in ax.spines.values():
            spine.set_visible(False)
        ax.set_xlabel(impact_title, color=INK, **axis_font)
        ax.set_ylabel(likelihood_title, color=INK, **axis_font)
        # y given: where matplotlib would put it (nothing rises above the grid), without it
        # measuring every tick label again on each draw to find that out.
        ax.set_title(
            titles.get(kind, kind.capitalize()), color=INK, fontweight="bold", fontsize=10 * text_scale, y=1.0
        )

        _put_counts(ax, counts.get(kind, {}), text_colors, count_size)

    handles = [Patch(facecolor=band.color, edgecolor="none", label=band.name) for band in matrix.bands]
    figure.legend(
        handles=handles,
        loc="lower center",
        bbox_to_anchor=(0.5, 2 / figure_height),
        ncols=len(handles),
        frameon=False,
        fontsize=8 * text_scale,
        labelcolor=MUTED,
        handlelength=1.2,
        columnspacing=1.4,
    )
    # The axis titles are placed beside the tick labels on the first draw, then stay there.
    _first_draws[figure] = figure.canvas.mpl_connect("draw_event", _keep_axis_title_places)
    _LAYOUTS[figure] = _layout_key(
        matrix, kinds, shown_titles, likelihood_title, impact_title, width, height, dpi, text_scale
    )
    return figure


# What placed the artists of each heatmap figure built here: a figure whose key still matches
# takes new counts and colours in place (update_heatmap_figure) instead of being built again.
_LAYOUTS: WeakKeyDictionary[Any, tuple] = WeakKeyDictionary()


def _layout_key(
    matrix: RiskMatrix, kinds: Sequence[str], shown_titles: Sequence[str], likelihood_title: str,
    impact_title: str, width: float, height: float, dpi: int, text_scale: float,
) -> tuple:  # fmt: skip
    return (
        tuple(matrix.likelihood_labels), tuple(matrix.impact_labels), tuple(band.name for band in matrix.bands),
        tuple(kinds), tuple(shown_titles), likelihood_title, impact_title, width, height, dpi, text_scale,
    )  # fmt: skip


def _keep_axis_title_places(event: Any) -> None:
    """After a figure's first draw, pin each axis title where matplotlib placed it beside the tick labels.

    Placing them measures every tick label on every draw (a third of a redraw). The tick labels
    keep their size in points whatever the figure's size, so each title keeps its distance in
    points from its grid: pinned so, it stays right on a resize and on each refresh in place.
    """
    from matplotlib.transforms import ScaledTranslation

    figure = event.canvas.figure
    for ax in figure.axes:
        if not ax.get_gid():
            continue
        box = ax.get_window_extent()
        # matplotlib placed the x axis title's top and the y axis title's bottom edge in pixels.
        below = (box.y0 - ax.xaxis.label.get_position()[1]) / figure.dpi
        beside = (box.x0 - ax.yaxis.label.get_position()[0]) / figure.dpi
        ax.xaxis.set_label_coords(
            0.5, 0, transform=ax.transAxes + ScaledTranslation(0, -below, figure.dpi_scale_trans)
        )
        ax.yaxis.set_label_coords(
            0, 0.5, transform=ax.transAxes + ScaledTranslation(-beside, 0, figure.dpi_scale_trans)
        )
    figure.stale = False  # drawn as it is: only the titles' bookkeeping changed
    connection = _first_draws.pop(figure, None)
    if connection is not None:
        event.canvas.mpl_disconnect(connection)


_first_draws: WeakKeyDictionary[Any, int] = WeakKeyDictionary()


def _count_size(matrix: RiskMatrix, text_scale: float) -> float:
    largest = max(matrix.likelihood_count, matrix.impact_count)
    return (12 if largest <= 5 else (10 if largest <= 7 else 8)) * text_scale


def _put_counts(
    ax: Axes, kind_counts: Mapping[tuple[int, int], int], text_colors: Sequence[Sequence[str]], size: float
) -> None:
    """The count of each cell as a text in its cell, reusing the texts already there; empty cells stay blank."""
    shown = {text.get_gid(): text for text in ax.texts if (text.get_gid() or "").startswith(_CELL_GID_PREFIX)}
    for likelihood, colors in enumerate(text_colors, start=1):
        for impact, color in enumerate(colors, start=1):
            count = kind_counts.get((likelihood, impact), 0)
            gid = f"{_CELL_GID_PREFIX}{likelihood}:{impact}"
            text = shown.pop(gid, None)
            if not count:
                if text is not None:
                    text.remove()  # empty cells stay blank: the eye goes to where the risks are
                continue
            if text is not None:
                text.set_text(str(count))
                text.set_color(color)
                continue
            text = ax.text(
                impact, likelihood, str(count), ha="center", va="center", color=color, fontsize=size,
                fontweight="bold",
            )  # fmt: skip
            text.set_gid(gid)
            # Counts sit inside the axes: leaving them out of the layout pass halves the draw time.
            text.set_in_layout(False)
    for text in shown.values():  # a cell beyond the matrix
        text.remove()


@uses_matplotlib
def update_heatmap_figure(
    figure: Figure,
    matrix: RiskMatrix,
    counts: Mapping[str, Mapping[tuple[int, int], int]],
    *,
    kinds: Sequence[str] = ("inherent", "residual"),
    titles: Mapping[str, str] | None = None,
    likelihood_title: str = "Likelihood",
    impact_title: str = "Impact",
    width: float = 10.0,
    height: float = 4.6,
    dpi: int = 100,
    text_scale: float = 1.0,
) -> bool:
    """Show new counts and band colours in a figure `build_heatmap_figure` made with the same labels and size.

    The axes, tick labels, titles and legend stay: only the cells' colours, the count texts and
    the legend's swatches change, so a refresh costs a draw and no layout. False (the figure
    untouched) when anything that places the artists differs: build a new figure then.
    """
    titles = titles or {}
    shown_titles = [titles.get(kind, kind.capitalize()) for kind in kinds]
    key = _layout_key(
        matrix, kinds, shown_titles, likelihood_title, impact_title, width, height, dpi, text_scale
    )
    if _LAYOUTS.get(figure) != key:
        return False
    image = [[_hex_to_rgb(matrix.band(code).color) for code in row] for row in matrix.cells]
    text_colors = [[text_color_for(matrix.band(code).color) for code in row] for row in matrix.cells]
    size = _count_size(matrix, text_scale)
    for ax in figure.axes:
        kind = ax.get_gid()
        if kind not in kinds:
            continue
        ax.images[0].set_data(image)
        _put_counts(ax, counts.get(kind, {}), text_colors, size)
    for legend in figure.legends:
        for patch, band in zip(legend.get_patches(), matrix.bands, strict=False):
            patch.set_facecolor(band.color)
    return True


def cell_at(axes: Axes | None, x: float | None, y: float | None) -> tuple[str, int, int] | None:
    """Map a point in data coordinates of a heatmap Axes to (kind, likelihood, impact), or None."""
    if axes is None or x is None or y is None:
        return None
    kind = axes.get_gid()
    if not kind:
        return None
    impact, likelihood = round(x), round(y)
    x_low, x_high = sorted(axes.get_xlim())
    y_low, y_high = sorted(axes.get_ylim())
    if not (x_low < x < x_high and y_low < y < y_high):
        return None
    if impact < 1 or likelihood < 1:
        return None
    return kind, likelihood, impact


def cell_from_event(event: Any) -> tuple[str, int, int] | None:
    """Map a matplotlib mouse event (inaxes, xdata, ydata) to (kind, likelihood, impact), or None."""
    return cell_at(
        getattr(event, "inaxes", None), getattr(event, "xdata", None), getattr(event, "ydata", None)
    )


def counts_shown(figure: Figure) -> dict[str, dict[tuple[int, int], int]]:
    """Read the counts back from a heatmap figure's text objects (empty cells omitted)."""
    shown: dict[str, dict[tuple[int, int], int]] = {}
    for ax in figure.axes:
        kind = ax.get_gid()
        if not kind:
            continue
        cells = shown.setdefault(kind, {})
        for text in ax.texts:
            gid = text.get_gid() or ""
            if not gid.startswith(_CELL_GID_PREFIX):
                continue
            likelihood, impact = (int(part) for part in gid[len(_CELL_GID_PREFIX) :].split(":"))
            cells[(likelihood, impact)] = int(text.get_text())
    return shown


@uses_matplotlib
def highlight_cell(figure: Figure, kind: str, likelihood: int, impact: int) -> bool:
    """Outline one cell (replacing any earlier outline); False when the figure has no such grid."""
    from matplotlib.patches import Rectangle

    clear_highlight(figure)
    target = next((ax for ax in figure.axes if ax.get_gid() == kind), None)
    if target is None:
        return False
    outline = Rectangle(
        (impact - 0.5, likelihood - 0.5),
        1,
        1,
        fill=False,
        edgecolor=INK,
        linewidth=3,
        zorder=5,
        clip_on=False,
    )
    outline.set_gid(_HIGHLIGHT_GID)
    outline.set_in_layout(False)
    target.add_patch(outline)
    return True


def clear_highlight(figure: Figure) -> None:
    """Remove the outline `highlight_cell` drew, if any."""
    for ax in figure.axes:
        for patch in [p for p in ax.patches if p.get_gid() == _HIGHLIGHT_GID]:
            patch.remove()

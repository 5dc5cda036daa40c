"""The Pareto figure: bars largest first, a cumulative line ending at 100%, an 80% guide, nothing clipped."""

from __future__ import annotations

from io import BytesIO

import pytest

from opsdesk.reports.charts.pareto import (
    BARS_GID,
    GUIDE_GID,
    bars_shown,
    build_pareto_figure,
    cumulative_shown,
    sorted_with_cumulative,
)

LABELS = {
    "customer_complaint": "Customer complaint",
    "inspection": "Inspection",
    "sampling_check": "Sampling check",
    "audit": "Audit",
    "spc_signal": "SPC signal",
    "code_review": "Code review",
    "other": "Other",
}
# Deliberately out of order, with stale cumulative values: the builder must not trust them.
ROWS = [("audit", 2, 0.0), ("inspection", 5, 0.0), ("other", 1, 0.0), ("customer_complaint", 3, 0.0)]


def _build(rows=ROWS, **kwargs):
    options = {
        "labels": LABELS,
        "title": "Nonconformities by source",
        "count_label": "Nonconformities",
        "cumulative_label": "Cumulative share",
    }
    options.update(kwargs)
    return build_pareto_figure(rows, **options)


def test_bars_are_sorted_descending_and_labelled_through_the_mapping() -> None:
    figure = _build()
    shown = [(name.replace("\n", " "), height) for name, height in bars_shown(figure)]
    assert shown == [("Inspection", 5), ("Customer complaint", 3), ("Audit", 2), ("Other", 1)]
    heights = [height for _, height in shown]
    assert heights == sorted(heights, reverse=True)


def test_cumulative_line_rises_to_exactly_100() -> None:
    figure = _build()
    cumulative = cumulative_shown(figure)
    assert cumulative == pytest.approx([100 * 5 / 11, 100 * 8 / 11, 100 * 10 / 11, 100.0])
    assert cumulative[-1] == 100.0
    assert cumulative == sorted(cumulative)


def test_ties_are_ordered_by_code_and_zero_counts_left_out() -> None:
    rows = [("b", 2, 0.0), ("a", 2, 0.0), ("c", 0, 0.0)]
    assert sorted_with_cumulative(rows) == [("a", 2, 50.0), ("b", 2, 100.0)]


def test_the_80_percent_guide_and_the_axes_titles() -> None:
    figure = _build()
    bars_axes, share_axes = figure.axes
    guides = [line for line in share_axes.get_lines() if line.get_gid() == GUIDE_GID]
    assert len(guides) == 1
    assert list(guides[0].get_ydata()) == [80.0, 80.0]
    assert share_axes.get_ylim() == (0.0, 110.0)
    assert bars_axes.get_title(loc="left") == "Nonconformities by source"
    assert bars_axes.get_ylabel() == "Nonconformities"
    assert share_axes.get_ylabel() == "Cumulative share"
    # Counts are printed on the bars.
    assert sorted(text.get_text() for text in bars_axes.texts) == ["1", "2", "3", "5"]


def test_the_service_rows_of_the_demo_shape_render_the_same_order() -> None:
    rows = [("method", 5, 33.3), ("machine", 4, 60.0), ("material", 3, 80.0), ("man", 1, 86.7),
            ("measurement", 1, 93.3), ("environment", 1, 100.0)]  # fmt: skip
    labels = {"method": "Method", "machine": "Machine", "material": "Material", "man": "Man",
              "measurement": "Measurement", "environment": "Environment"}  # fmt: skip
    figure = build_pareto_figure(rows, labels=labels, title="6M", count_label="n", cumulative_label="%")
    assert [name for name, _ in bars_shown(figure)] == [
        "Method", "Machine", "Material", "Environment", "Man", "Measurement",
    ]  # fmt: skip
    assert cumulative_shown(figure)[-1] == 100.0


def test_empty_period_says_so_instead_of_drawing_bars() -> None:
    figure = _build(rows=[], empty_text="No classified nonconformities in this period")
    assert bars_shown(figure) == []
    assert cumulative_shown(figure) == []
    (ax,) = figure.axes
    assert [text.get_text() for text in ax.texts] == ["No classified nonconformities in this period"]
    assert not any(patch.get_gid() == BARS_GID for patch in ax.patches)


@pytest.mark.parametrize(("width", "count"), [(6.4, 7), (4.0, 7), (11.0, 6)])
def test_nothing_is_clipped_and_tick_labels_do_not_overlap(width: float, count: int) -> None:
    import math

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    rows = [(code, 10 - n, 0.0) for n, code in enumerate(list(LABELS)[:count])]
    figure = _build(rows=rows, width=width, height=3.2)
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    bounds = figure.bbox
    bars_axes = figure.axes[0]
    texts = [label for label in bars_axes.get_xticklabels() if label.get_text()]
    for ax in figure.axes:
        low, high = ax.get_ylim()
        # Locators may return ticks beyond the limits; matplotlib does not draw those.
        texts += [t for t in ax.get_yticklabels() if t.get_text() and low <= t.get_position()[1] <= high]
        texts += [t for t in (ax.title, ax.yaxis.label) if t.get_text()]
    for text in texts:
        box = text.get_window_extent(renderer)
        assert box.x0 >= bounds.x0 - 1 and box.x1 <= bounds.x1 + 1, text.get_text()
        assert box.y0 >= bounds.y0 - 1 and box.y1 <= bounds.y1 + 1, text.get_text()
    ticks = [t for t in bars_axes.get_xticklabels() if t.get_text()]
    boxes = [t.get_window_extent(renderer) for t in ticks]
    if ticks[0].get_rotation() == 0:
        for left, right in zip(boxes, boxes[1:], strict=False):
            assert left.x1 <= right.x0 + 1, "tick labels overlap"
    else:
        # Slanted labels are parallel lines: their spacing across the slant must exceed a line's height.
        spacing = (boxes[1].x1 - boxes[0].x1) * math.sin(math.radians(ticks[0].get_rotation()))
        line_height = renderer.points_to_pixels(ticks[0].get_fontsize()) * 1.2
        assert "\n" not in "".join(t.get_text() for t in ticks)
        assert spacing >= line_height
    buffer = BytesIO()
    figure.savefig(buffer, format="png")
    assert buffer.getvalue().startswith(b"\x89PNG")

"""The control chart figure: lines, per-period limits, flagged points, baseline, legible period ticks."""

from __future__ import annotations

import math
from datetime import date

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg

from opsdesk.domain.periods import period_bounds, periods_between
from opsdesk.reports.charts.control_chart import (
    BASELINE_COLOR,
    TICK_FONT_SIZE,
    VIOLATION_COLOR,
    build_control_chart_figure,
    legend_columns,
)
from opsdesk.services.quality import ObjectiveRead, ObjectiveSeries, PeriodPoint


def objective(**overrides: object) -> ObjectiveRead:
    values = dict(
        id=1,
        name="Pass rate",
        department_id=1,
        department="Operations",
        kind="ratio",
        unit="%",
        target=95.0,
        direction="lower_is_worse",
        tolerance=1.0,
        frequency="monthly",
        owner="",
        numerator_label="Passed",
        denominator_label="Inspected",
        description="",
        baseline_first=None,
        baseline_last=None,
        baseline_frozen_at=None,
        archived=False,
        version=1,
        last_period=None,
        last_value=None,
        last_status=None,
    )
    values.update(overrides)
    return ObjectiveRead(**values)


def point(
    period: str,
    value: float | None,
    lower: float | None = None,
    upper: float | None = None,
    violations: tuple[int, ...] = (),
    in_baseline: bool = True,
) -> PeriodPoint:
    missing = value is None
    return PeriodPoint(
        period=period,
        period_start=period_bounds(period)[0],
        measurement_id=None if missing else 1,
        numerator=None,
        denominator=None,
        value=value,
        status=None if missing else "met",
        missing=missing,
        lower=None if missing else lower,
        upper=None if missing else upper,
        violations=violations,
        in_baseline=in_baseline and not missing,
    )


def series(
    points: list[PeriodPoint], center: float | None = 96.0, chart: str = "p", **objective_fields: object
) -> ObjectiveSeries:
    violations = tuple((p.period, rule, "") for p in points for rule in p.violations)
    return ObjectiveSeries(objective(**objective_fields), tuple(points), center, chart, None, violations)


def monthly(first: str, count: int) -> list[str]:
    start = period_bounds(first)[0]
    year, month = start.year + (start.month - 1 + count - 1) // 12, (start.month - 1 + count - 1) % 12 + 1
    return periods_between(first, f"{year:04d}-{month:02d}")


def by_gid(figure, gid: str):
    return [artist for artist in figure.axes[0].get_children() if artist.get_gid() == gid]


def drawn(figure):
    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    return canvas.get_renderer()


def test_values_target_centre_and_per_period_limits() -> None:
    # A p-chart: the limits widen where the sample was small (2026-02).
    points = [
        point("2026-01", 96.5, 94.0, 98.0),
        point("2026-02", 95.5, 92.0, 100.0),
        point("2026-03", None),
        point("2026-04", 96.2, 94.0, 98.0),
    ]
    figure = build_control_chart_figure(series(points), title="Pass rate")

    (actual,) = by_gid(figure, "actual")
    assert list(actual.get_xdata()) == [0, 1, 2, 3]
    values = list(actual.get_ydata())
    assert values[:2] == [96.5, 95.5] and math.isnan(values[2]) and values[3] == 96.2
    assert actual.get_marker() == "o"
    (target,) = by_gid(figure, "target")
    assert list(target.get_ydata()) == [95.0, 95.0]
    assert target.get_linestyle() == "--"
    (center,) = by_gid(figure, "center")
    assert list(center.get_ydata()) == [96.0, 96.0]
    (upper,) = by_gid(figure, "upper")
    (lower,) = by_gid(figure, "lower")
    assert upper.get_drawstyle() == "steps-mid"
    assert list(upper.get_ydata())[:2] == [98.0, 100.0]
    assert list(lower.get_ydata())[:2] == [94.0, 92.0]
    assert math.isnan(list(upper.get_ydata())[2])
    assert figure.axes[0].get_title(loc="left") == "Pass rate"


def test_points_breaking_a_rule_are_red_with_their_rule_numbers() -> None:
    points = [point(key, 96.0, 94.0, 98.0) for key in monthly("2026-01", 6)]
    points[4] = point("2026-05", 92.5, 94.0, 98.0, violations=(1, 4))
    figure = build_control_chart_figure(series(points), title="Pass rate")

    (flagged,) = by_gid(figure, "violations")
    assert list(flagged.get_xdata()) == [4]
    assert list(flagged.get_ydata()) == [92.5]
    assert flagged.get_markerfacecolor() == VIOLATION_COLOR
    (note,) = [text for text in figure.axes[0].texts if text.get_gid() == "rule:2026-05"]
    assert note.get_text() == "1,4"
    assert note.get_color() == VIOLATION_COLOR


def test_no_flags_and_no_limits_without_a_centre_line() -> None:
    points = [point("2026-01", 96.0)]
    figure = build_control_chart_figure(series(points, center=None), title="Pass rate")
    assert by_gid(figure, "violations") == []
    assert by_gid(figure, "upper") == [] and by_gid(figure, "center") == []
    assert len(by_gid(figure, "actual")) == 1


def test_only_a_frozen_baseline_is_shaded() -> None:
    keys = monthly("2025-06", 12)
    points = [point(key, 96.0, 94.0, 98.0, in_baseline="2025-06" <= key <= "2025-11") for key in keys]
    points[3] = point(keys[3], None)  # a missing period inside the baseline stays inside the shading
    frozen = build_control_chart_figure(
        series(
            points, baseline_first="2025-06", baseline_last="2025-11", baseline_frozen_at=date(2026, 1, 5)
        ),
        title="Pass rate",
    )
    (span,) = by_gid(frozen, "baseline")
    assert (span.get_x(), span.get_x() + span.get_width()) == (-0.5, 5.5)
    assert span.get_facecolor()[:3] == pytest.approx(
        tuple(int(BASELINE_COLOR[i : i + 2], 16) / 255 for i in (1, 3, 5))
    )

    unfrozen = build_control_chart_figure(series(points), title="Pass rate")
    assert by_gid(unfrozen, "baseline") == []


def test_legend_uses_the_translated_labels() -> None:
    points = [point(key, 96.0, 94.0, 98.0) for key in monthly("2026-01", 4)]
    points[2] = point("2026-03", 99.0, 94.0, 98.0, violations=(1,))
    labels = {
        "actual": "Ist",
        "target": "Ziel",
        "center": "Mittellinie",
        "limits": "Eingriffsgrenzen",
        "violation": "Regelverstoß",
        "baseline": "Basis",
    }
    figure = build_control_chart_figure(series(points), title="Quote", labels=labels)
    (legend,) = figure.legends
    assert [text.get_text() for text in legend.get_texts()] == [
        "Ist",
        "Mittellinie",
        "Eingriffsgrenzen",
        "Ziel",
        "Regelverstoß",
    ]


def test_an_objective_without_measurements_draws_its_target_only() -> None:
    figure = build_control_chart_figure(series([], center=None), title="New objective")
    drawn(figure)
    assert by_gid(figure, "actual") == []
    assert len(by_gid(figure, "target")) == 1
    assert figure.axes[0].get_xticks().tolist() == []


def visible_tick_labels(figure):
    axes = figure.axes[0]
    return [label for label in axes.get_xticklabels() if label.get_visible() and label.get_text()]


@pytest.mark.parametrize(
    ("count", "width"),
    [(4, 8.0), (12, 8.0), (18, 7.0), (18, 4.5), (36, 6.0), (60, 4.5), (120, 8.0)],
)
def test_period_labels_never_overlap_and_stay_inside_the_figure(count: int, width: float) -> None:
    keys = monthly("2020-01", count)
    points = [point(key, 96.0 + (n % 3) * 0.5, 94.0, 98.0) for n, key in enumerate(keys)]
    figure = build_control_chart_figure(series(points), title="Pass rate", width=width, height=3.2)
    renderer = drawn(figure)
    labels = visible_tick_labels(figure)
    shown = [label.get_text() for label in labels]

    assert shown[-1] == keys[-1], "the latest period is always labelled"
    assert len(shown) == len(set(shown)) and set(shown) <= set(keys)
    boxes = [label.get_window_extent(renderer) for label in labels]
    figure_box = figure.bbox
    for box in boxes:
        assert box.x0 >= figure_box.x0 - 0.5 and box.x1 <= figure_box.x1 + 0.5
        assert box.y0 >= figure_box.y0 - 0.5
    rotation = labels[0].get_rotation()
    if rotation == 0:
        for left, right in zip(boxes, boxes[1:], strict=False):
            assert left.x1 <= right.x0
    else:
        # Slanted labels are parallel strips: their distance across the slant must exceed a line of text.
        text_height = TICK_FONT_SIZE * figure.dpi / 72
        xs = [label.get_position()[0] for label in labels]
        pixels = figure.axes[0].transData.transform([(x, 0) for x in xs])[:, 0]
        gaps = [b - a for a, b in zip(pixels, pixels[1:], strict=False)]
        assert min(gaps) * math.sin(math.radians(rotation)) >= text_height
    # The legend and the title fit in the figure too.
    (legend,) = figure.legends
    legend_box = legend.get_window_extent(renderer)
    assert legend_box.x0 >= 0 and legend_box.x1 <= figure_box.x1
    title_box = figure.axes[0].title.get_window_extent(renderer)
    assert title_box.y1 <= figure_box.y1


def test_few_periods_are_labelled_flat_and_all() -> None:
    keys = monthly("2026-01", 6)
    figure = build_control_chart_figure(
        series([point(k, 96.0, 94.0, 98.0) for k in keys]), title="x", width=8.0
    )
    drawn(figure)
    labels = visible_tick_labels(figure)
    assert [label.get_text() for label in labels] == keys
    assert labels[0].get_rotation() == 0


def test_legend_wraps_into_rows_on_a_narrow_figure() -> None:
    names = ["Actual", "Centre line", "Control limits", "Target", "Rule broken", "Baseline"]
    assert legend_columns(names, width=10.0) == 6
    assert 1 < legend_columns(names, width=4.5) < 6


def mr_point(period: str, value: float | None, flagged: bool = False):
    from opsdesk.services.control_charts import MovingRangePoint

    return MovingRangePoint(period, value, flagged)


def test_an_xmr_chart_carries_its_moving_range_chart_underneath() -> None:
    keys = monthly("2026-01", 5)
    points = [
        point(k, v, 45.8159, 55.8041) for k, v in zip(keys, [49.6, 47.6, 49.9, 51.3, 58.0], strict=True)
    ]
    ranges = [mr_point(keys[0], None), mr_point(keys[1], 2.0), mr_point(keys[2], 2.3), mr_point(keys[3], 1.4),
              mr_point(keys[4], 6.7, flagged=True)]  # fmt: skip
    figure = build_control_chart_figure(
        series(points, center=50.81, chart="xmr", unit="l/min"), title="Flow rate", moving_ranges=ranges,
        mr_center=1.8778, mr_upper=6.1347, subtitle="XmR",
    )  # fmt: skip
    individuals, mr_axes = figure.axes
    assert individuals.get_shared_x_axes().joined(individuals, mr_axes)
    mr_children = {artist.get_gid(): artist for artist in mr_axes.get_children() if artist.get_gid()}
    line = mr_children["mr"]
    assert list(line.get_xdata()) == [0, 1, 2, 3, 4]
    assert math.isnan(list(line.get_ydata())[0]) and list(line.get_ydata())[1:] == [2.0, 2.3, 1.4, 6.7]
    assert list(mr_children["mr-center"].get_ydata()) == [1.8778, 1.8778]
    assert list(mr_children["mr-upper"].get_ydata()) == [6.1347, 6.1347]
    assert list(mr_children["mr-violations"].get_xdata()) == [4]
    assert mr_children["mr-violations"].get_markerfacecolor() == VIOLATION_COLOR
    assert mr_axes.get_ylim()[0] == 0
    # The limits' values are written on the lines; the periods are labelled under the range chart only.
    notes = {t.get_gid(): t.get_text() for t in individuals.texts}
    assert (notes["value:UCL"], notes["value:CL"], notes["value:LCL"]) == (
        "UCL 55.8",
        "CL 50.81",
        "LCL 45.82",
    )
    assert {t.get_gid(): t.get_text() for t in mr_axes.texts}["mr-value:UCL"] == "UCL 6.135"
    drawn(figure)
    assert [label.get_text() for label in mr_axes.get_xticklabels() if label.get_text()] == keys
    assert not any(label.get_visible() and label.get_text() for label in individuals.get_xticklabels())
    assert individuals.get_title(loc="right") == "XmR"
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == [
        "Actual",
        "Centre line",
        "Control limits",
        "Target",
        "Jump beyond the range limit",
    ]


def test_two_charts_compared_side_by_side_share_their_scale() -> None:
    from opsdesk.reports.charts.control_chart import value_range

    keys = monthly("2026-01", 3)
    narrow = series([point(k, 96.0 + i, 95.5, 97.5) for i, k in enumerate(keys)], center=96.5)
    wide = series([point(k, 96.0 + i, 93.0, 100.0) for i, k in enumerate(keys)], center=96.5)
    shared = value_range([narrow, wide])
    assert shared[0] < 93.0 and shared[1] > 100.0
    left = build_control_chart_figure(narrow, title="p", ylim=shared)
    right = build_control_chart_figure(wide, title="p′", ylim=shared)
    assert left.axes[0].get_ylim() == right.axes[0].get_ylim() == pytest.approx(shared)


def test_chinese_legend_entries_are_measured_as_wide_characters() -> None:
    assert legend_columns(["违反规则"], width=10.0) == legend_columns(["Rule broken!"], width=10.0)
    names = ["实际值", "中心线", "控制限", "目标值", "违反规则"]
    # Four characters take 4 ems, "Rule" and a space 3.1: the estimate must not make Chinese look narrow.
    assert legend_columns(names, width=3.1, font_size=7) <= legend_columns(
        [n + "x" for n in names], width=3.1
    )
    figure = build_control_chart_figure(
        series([point(k, 96.0, 94.0, 98.0) for k in monthly("2025-06", 19)]), title="p 控制图", width=3.1,
        height=2.2, labels=dict(zip(("actual", "center", "limits", "target", "violation"), names, strict=True)),
    )  # fmt: skip
    renderer = drawn(figure)
    (legend,) = figure.legends
    box = legend.get_window_extent(renderer)
    assert box.x0 >= 0 and box.x1 <= figure.bbox.x1 and box.y0 >= 0
    assert legend.get_texts()[0].get_fontsize() == 7  # a short chart's compact legend


def test_a_comparison_is_one_figure_with_two_plots_on_one_scale_and_one_legend() -> None:
    from opsdesk.reports.charts.control_chart import build_comparison_figure

    keys = monthly("2026-01", 6)
    narrow = series([point(k, 96.0 + (i % 3), 95.5, 97.5) for i, k in enumerate(keys)], center=96.5)
    wide = series([point(k, 96.0 + (i % 3), 93.0, 100.0) for i, k in enumerate(keys)], center=96.5)
    figure = build_comparison_figure([("p-chart", narrow), ("Laney p′", wide)], width=8.0, height=3.0)
    left, right = figure.axes
    assert left.get_shared_y_axes().joined(left, right)
    assert left.get_ylim() == right.get_ylim() and left.get_ylim()[0] < 93.0 < 100.0 < left.get_ylim()[1]
    assert (left.get_title(loc="left"), right.get_title(loc="left")) == ("p-chart", "Laney p′")
    renderer = drawn(figure)
    assert left.get_window_extent(renderer).height == pytest.approx(right.get_window_extent(renderer).height)
    (legend,) = figure.legends
    assert [t.get_text() for t in legend.get_texts()] == ["Actual", "Centre line", "Control limits", "Target"]

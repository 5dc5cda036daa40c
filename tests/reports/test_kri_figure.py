"""The KRI trend figure: bands on the bad side of each threshold, labelled lines, coloured markers."""

from __future__ import annotations

import io
from datetime import date

import pytest

from opsdesk.reports.charts.kri import BAND_COLORS, STATE_COLORS, build_kri_trend_figure
from opsdesk.services.kris import ReadingRead

LABELS = {"ok": "OK", "warning": "Warnung", "alarm": "Alarm"}


def reading(day: date, value: float, state: str) -> ReadingRead:
    return ReadingRead(id=0, kri_id=1, read_on=day, value=value, state=state, note="", recorded_by="tester")


def by_gid(artists, gid: str):
    found = [artist for artist in artists if artist.get_gid() == gid]
    assert len(found) == 1, f"expected one artist {gid}, found {len(found)}"
    return found[0]


def band_span(ax, state: str) -> tuple[float, float]:
    from matplotlib.colors import to_hex

    patch = by_gid(ax.patches, f"kri-band-{state}")
    assert to_hex(patch.get_facecolor(), keep_alpha=False) == BAND_COLORS[state].lower()
    ys = [y for _x, y in patch.get_path().transformed(patch.get_patch_transform()).vertices]
    return min(ys), max(ys)


def render(figure) -> None:
    figure.savefig(io.BytesIO(), format="png")


def test_higher_is_worse_bands_lie_above_the_thresholds() -> None:
    readings = [
        reading(date(2026, 1, 31), 4.0, "ok"),
        reading(date(2026, 2, 28), 6.0, "warning"),
        reading(date(2026, 3, 31), 12.0, "alarm"),
    ]
    figure = build_kri_trend_figure(
        readings,
        direction="higher_is_worse",
        warning=5,
        alarm=10,
        title="Downtime",
        unit="h",
        band_labels=LABELS,
    )
    ax = figure.axes[0]
    bottom, top = ax.get_ylim()
    assert bottom < 4.0 and top > 12.0
    assert band_span(ax, "warning") == pytest.approx((5.0, 10.0))
    assert band_span(ax, "alarm") == pytest.approx((10.0, top))
    warning_line = by_gid(ax.lines, "kri-threshold-warning")
    alarm_line = by_gid(ax.lines, "kri-threshold-alarm")
    assert list(warning_line.get_ydata()) == [5.0, 5.0]
    assert list(alarm_line.get_ydata()) == [10.0, 10.0]
    texts = [t.get_text() for t in ax.texts]
    assert "Warnung 5 h" in texts and "Alarm 10 h" in texts
    assert ax.get_title(loc="left") == "Downtime"
    render(figure)


def test_lower_is_worse_bands_lie_below_the_thresholds() -> None:
    readings = [
        reading(date(2026, 1, 31), 95.0, "ok"),
        reading(date(2026, 2, 28), 91.0, "warning"),
        reading(date(2026, 3, 31), 86.0, "alarm"),
    ]
    figure = build_kri_trend_figure(
        readings,
        direction="lower_is_worse",
        warning=92,
        alarm=88,
        title="On time",
        unit="%",
        band_labels=LABELS,
    )
    ax = figure.axes[0]
    bottom, top = ax.get_ylim()
    assert band_span(ax, "alarm") == pytest.approx((bottom, 88.0))
    assert band_span(ax, "warning") == pytest.approx((88.0, 92.0))
    assert bottom < 86.0 and top > 95.0
    render(figure)


def test_markers_are_coloured_by_state_and_the_legend_is_translated() -> None:
    from matplotlib.colors import to_hex

    readings = [
        reading(date(2026, m, 1), v, s) for m, v, s in ((1, 1, "ok"), (2, 2, "ok"), (3, 7, "warning"))
    ]
    figure = build_kri_trend_figure(
        readings, direction="higher_is_worse", warning=5, alarm=10, title="", unit="", band_labels=LABELS
    )
    ax = figure.axes[0]
    colours = {c.get_label(): to_hex(c.get_facecolor()[0], keep_alpha=False) for c in ax.collections}
    assert colours == {"OK": STATE_COLORS["ok"].lower(), "Warnung": STATE_COLORS["warning"].lower()}
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["OK", "Warnung"]
    value_line = [line for line in ax.lines if line.get_gid() is None]
    assert len(value_line) == 1 and list(value_line[0].get_ydata()) == [1.0, 2.0, 7.0]
    render(figure)


def test_without_readings_the_bands_and_the_message_still_show() -> None:
    figure = build_kri_trend_figure(
        [],
        direction="higher_is_worse",
        warning=3,
        alarm=3,
        title="New KRI",
        unit="",
        band_labels=LABELS,
        empty_message="No readings yet",
    )
    ax = figure.axes[0]
    assert band_span(ax, "alarm")[0] == pytest.approx(3.0)
    assert "No readings yet" in [t.get_text() for t in ax.texts]
    render(figure)


def test_a_single_reading_gets_a_readable_date_range() -> None:
    figure = build_kri_trend_figure(
        [reading(date(2026, 5, 15), 7.3, "warning")],
        direction="higher_is_worse",
        warning=6,
        alarm=10,
        title="Phishing",
        unit="%",
        band_labels=LABELS,
    )
    ax = figure.axes[0]
    low, high = ax.get_xlim()
    assert high - low == pytest.approx(30.0)
    render(figure)


def test_a_forecast_is_drawn_dashed_with_its_band_and_the_crossing_it_warns_of() -> None:
    from datetime import timedelta

    from opsdesk.domain.forecast import forecast_kri

    start = date(2026, 1, 5)
    readings = [reading(start + timedelta(weeks=i), 50.0 + i, "ok") for i in range(14)]
    forecast = forecast_kri(
        [(r.read_on, r.value) for r in readings],
        direction="higher_is_worse",
        warning=70,
        alarm=80,
        horizon_days=60,
    )
    labels = {
        "forecast": "Prognose",
        "range": "Bereich",
        "warning": "Warnung ~{month}",
        "alarm": "Alarm ~{month}",
    }
    figure = build_kri_trend_figure(
        readings, direction="higher_is_worse", warning=70, alarm=80, title="Ausschuss", unit="ppm",
        band_labels=LABELS, forecast=forecast, forecast_labels=labels,
    )  # fmt: skip
    ax = figure.axes[0]
    line = by_gid(ax.lines, "kri-forecast")
    assert line.get_linestyle() == "--"
    xs = [mdates_to_date(x) for x in line.get_xdata(orig=False)]
    assert xs == [forecast.trend.first_day, forecast.horizon_end]
    assert list(line.get_ydata()) == pytest.approx([52.0, 63.0 + 60 / 7])  # the last 12 readings: from week 2
    band = by_gid(ax.collections, "kri-forecast-band")
    assert band.get_alpha() == pytest.approx(0.12)
    crossing = by_gid(ax.lines, "kri-forecast-crossing:warning")
    assert mdates_to_date(crossing.get_xdata(orig=False)[0]) == start + timedelta(weeks=20)
    assert "Warnung ~2026-05" in [t.get_text() for t in ax.texts]
    assert [c for c in ax.lines if c.get_gid() == "kri-forecast-crossing:alarm"] == []  # beyond the horizon
    assert ax.get_xlim()[1] >= mdates_date2num(forecast.horizon_end)
    legend_texts = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "Prognose" in legend_texts and "Bereich" in legend_texts
    render(figure)


def test_no_forecast_is_drawn_when_the_readings_show_no_real_trend() -> None:
    from datetime import timedelta

    from opsdesk.domain.forecast import forecast_kri

    start = date(2026, 1, 5)
    readings = [reading(start + timedelta(weeks=i), [1.0, 0.0, 2.0, 1.0][i % 4], "ok") for i in range(14)]
    forecast = forecast_kri(
        [(r.read_on, r.value) for r in readings],
        direction="higher_is_worse",
        warning=3,
        alarm=5,
        horizon_days=365,
    )
    assert forecast is not None and not forecast.significant
    figure = build_kri_trend_figure(
        readings, direction="higher_is_worse", warning=3, alarm=5, title="Vulnerabilities", unit="count",
        band_labels=LABELS, forecast=forecast,
    )  # fmt: skip
    ax = figure.axes[0]
    assert [line for line in ax.lines if line.get_gid() == "kri-forecast"] == []
    assert [band for band in ax.collections if band.get_gid() == "kri-forecast-band"] == []
    assert ax.get_ylim()[0] > -1  # no fan of slopes stretching the axis below the readings
    render(figure)


def mdates_to_date(value) -> date:
    from matplotlib.dates import num2date

    return value if isinstance(value, date) else num2date(value).date()


def mdates_date2num(day: date) -> float:
    from matplotlib.dates import date2num

    return date2num(day)

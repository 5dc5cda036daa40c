"""KRI early warning: the Theil-Sen trend, its slope interval, and when a threshold is reached."""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from itertools import combinations
from statistics import median

import pytest

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.forecast import (
    MIN_READINGS,
    fit_trend,
    forecast_kri,
    sen_slope_interval,
    theil_sen,
    validate_horizon,
)

START = date(2026, 1, 5)


def weekly(values: list[float], start: date = START) -> list[tuple[date, float]]:
    return [(start + timedelta(weeks=i), value) for i, value in enumerate(values)]


def test_theil_sen_is_the_median_of_pairwise_slopes_and_shrugs_off_an_outlier() -> None:
    xs = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0]
    ys = [1.0, 2.0, 3.0, 4.0, 60.0, 6.0]  # one wild reading
    slope, intercept = theil_sen(xs, ys)
    pairwise = sorted(
        (y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in combinations(zip(xs, ys, strict=True), 2)
    )
    assert slope == median(pairwise) == 1.0
    assert intercept == 1.0
    # Least squares would be pulled to a slope of about 4.7 by the one reading.
    mean_x, mean_y = sum(xs) / 6, sum(ys) / 6
    ols = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    assert ols > 4


def test_sens_interval_follows_gilbert() -> None:
    # n = 10 readings: N = 45 slopes, C = 1.645 sqrt(10 * 9 * 25 / 18) = 18.39, M1 = 13.3, M2 + 1 = 32.7.
    rng = random.Random(2)
    xs = [float(x) for x in range(10)]
    ys = [0.5 * x + rng.uniform(-2, 2) for x in xs]
    slopes = sorted((y2 - y1) / (x2 - x1) for (x1, y1), (x2, y2) in combinations(zip(xs, ys, strict=True), 2))
    c = 1.6448536 * math.sqrt(10 * 9 * 25 / 18)
    m1, m2 = (45 - c) / 2, (45 + c) / 2 + 1
    expected_low = slopes[12] + (slopes[13] - slopes[12]) * (m1 - 13)
    expected_high = slopes[31] + (slopes[32] - slopes[31]) * (m2 - 32)
    low, high = sen_slope_interval(xs, ys)
    assert (low, high) == pytest.approx((expected_low, expected_high), abs=1e-6)
    assert low < theil_sen(xs, ys)[0] < high
    # A perfect line has no uncertainty.
    assert sen_slope_interval([0, 1, 2, 3, 4], [3, 5, 7, 9, 11]) == (2.0, 2.0)


def test_no_trend_from_fewer_than_five_readings() -> None:
    assert MIN_READINGS == 5
    rising = weekly([50, 60, 70, 80])
    assert fit_trend(rising) is None
    assert forecast_kri(rising, direction="higher_is_worse", warning=85, alarm=90, horizon_days=90) is None
    assert forecast_kri(weekly([50, 60, 70, 80, 81]), direction="higher_is_worse", warning=85, alarm=90,
                        horizon_days=90) is not None  # fmt: skip


def test_a_rising_kri_reaches_warning_then_alarm_at_the_projected_dates() -> None:
    # One point a week from 50: warning 70 is reached at week 20, alarm 80 at week 30.
    readings = weekly([50 + i for i in range(16)])
    forecast = forecast_kri(readings, direction="higher_is_worse", warning=70, alarm=80, horizon_days=120)
    assert forecast.trend.slope * 7 == pytest.approx(1.0)
    assert forecast.trend.readings == 12  # the last 12 readings only
    assert forecast.significant
    warning, alarm = forecast.crossing("warning"), forecast.crossing("alarm")
    assert warning.day == START + timedelta(weeks=20)
    assert alarm.day == START + timedelta(weeks=30)
    assert forecast.horizon_end == START + timedelta(weeks=15, days=120)
    # Week 30 is 105 days after the last reading (week 15): within 120 days, so the alarm is the warning.
    assert forecast.severity == "alarm" and forecast.alerting is alarm
    shorter = forecast_kri(readings, direction="higher_is_worse", warning=70, alarm=80, horizon_days=60)
    assert shorter.severity == "warning"  # week 20 is 35 days ahead, week 30 is not within 60


def test_a_lower_is_worse_kri_falls_towards_its_thresholds() -> None:
    readings = weekly([98 - 0.5 * i for i in range(10)])
    forecast = forecast_kri(readings, direction="lower_is_worse", warning=92, alarm=88, horizon_days=60)
    assert forecast.crossing("warning").day == START + timedelta(weeks=12)
    assert forecast.severity == "warning"
    # Improving (rising) is not a warning.
    better = forecast_kri(weekly([90 + 0.5 * i for i in range(10)]), direction="lower_is_worse", warning=92,
                          alarm=88, horizon_days=365)  # fmt: skip
    assert better.severity is None and better.crossings == ()


def test_a_flat_noisy_kri_never_warns() -> None:
    # Twenty KRIs of pure noise (+/- 4 around 50, warning 60, alarm 70), 40 weekly readings each,
    # forecast after every reading with the default 90-day horizon: not one warning.
    for seed in range(20):
        rng = random.Random(seed)
        readings = weekly([50 + rng.uniform(-4, 4) for _ in range(40)])
        for count in range(MIN_READINGS, len(readings) + 1):
            forecast = forecast_kri(
                readings[:count], direction="higher_is_worse", warning=60, alarm=70, horizon_days=90
            )
            assert forecast.severity is None, (seed, count)


def test_a_noisy_rise_warns_before_it_arrives_but_not_from_the_central_line_alone() -> None:
    # Half a point a week from 50 (+/- 2): the warning threshold 70 is reached around week 40.
    rng = random.Random(3)
    readings = weekly([50 + 0.5 * i + rng.uniform(-2, 2) for i in range(60)])
    first = next(
        count for count in range(MIN_READINGS, 61)
        if forecast_kri(readings[:count], direction="higher_is_worse", warning=70, alarm=80, horizon_days=90).severity
    )  # fmt: skip
    forecast = forecast_kri(
        readings[:first], direction="higher_is_worse", warning=70, alarm=80, horizon_days=90
    )
    warning = forecast.crossing("warning")
    assert warning.latest <= forecast.horizon_end  # even the shallow slope gets there in time
    assert 26 <= first - 1 <= 36  # announced at least a month before week 40
    # One reading earlier the central line was already within the horizon, the shallow slope not yet.
    before = forecast_kri(
        readings[: first - 1], direction="higher_is_worse", warning=70, alarm=80, horizon_days=90
    )
    assert before.severity is None
    assert before.crossing("warning").day <= before.horizon_end < before.crossing("warning").latest


def test_only_thresholds_not_yet_reached_are_projected() -> None:
    readings = weekly([60 + 2 * i for i in range(6)])  # the last reading, 70, is in warning
    forecast = forecast_kri(readings, direction="higher_is_worse", warning=65, alarm=80, horizon_days=60)
    assert [c.state for c in forecast.crossings] == ["alarm"]
    assert forecast.severity == "alarm"
    in_alarm = forecast_kri(weekly([70 + 2 * i for i in range(6)]), direction="higher_is_worse", warning=65,
                            alarm=80, horizon_days=60)  # fmt: skip
    assert in_alarm.crossings == () and in_alarm.severity is None


def test_the_uncertainty_band_widens_away_from_the_readings() -> None:
    rng = random.Random(5)
    readings = weekly([50 + i + rng.uniform(-1.5, 1.5) for i in range(12)])
    trend = fit_trend(readings)
    near = trend.band_at(trend.last_day)
    far = trend.band_at(trend.last_day + timedelta(days=90))
    assert near[0] <= trend.value_at(trend.last_day) <= near[1]
    assert far[1] - far[0] > near[1] - near[0] > 0
    forecast = forecast_kri(readings, direction="higher_is_worse", warning=70, alarm=80, horizon_days=180)
    warning = forecast.crossing("warning")
    assert warning.earliest <= warning.day <= warning.latest


def test_the_horizon_is_checked() -> None:
    assert validate_horizon(90) == 90
    for bad in (6, 731, 30.5, True, "90"):
        with pytest.raises(ValidationError) as info:
            validate_horizon(bad)
        assert "horizon_days" in info.value.errors

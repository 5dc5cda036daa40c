"""Objective status, control limits, Western Electric rules and target verdicts."""

from __future__ import annotations

import math

import pytest

from opsdesk.domain.enums import Direction, ObjectiveStatus
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.quality import (
    ControlLimits,
    RuleViolation,
    WesternElectricRule,
    objective_status,
    p_chart_limits,
    target_verdict,
    western_electric_violations,
    xmr_limits,
)

HIGHER = Direction.HIGHER_IS_WORSE
LOWER = Direction.LOWER_IS_WORSE
R1 = WesternElectricRule.ONE_BEYOND_3_SIGMA
R2 = WesternElectricRule.TWO_OF_THREE_BEYOND_2_SIGMA
R3 = WesternElectricRule.FOUR_OF_FIVE_BEYOND_1_SIGMA
R4 = WesternElectricRule.EIGHT_ON_ONE_SIDE


def unit_limits(count: int) -> ControlLimits:
    """Center 0, sigma 1: a value is its own z score."""
    return ControlLimits(center=0.0, lower=(-3.0,) * count, upper=(3.0,) * count, sigma=(1.0,) * count)


def violations(values: list[float]) -> list[tuple[int, int]]:
    return [(v.index, int(v.rule)) for v in western_electric_violations(values, unit_limits(len(values)))]


# -- objective status ----------------------------------------------------


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (99.0, ObjectiveStatus.MET),
        (95.0, ObjectiveStatus.MET),  # exactly on target
        (94.0, ObjectiveStatus.AT_RISK),
        (93.0, ObjectiveStatus.AT_RISK),  # exactly at the tolerance edge
        (92.99, ObjectiveStatus.MISSED),
    ],
)
def test_objective_lower_is_worse(actual: float, status: ObjectiveStatus) -> None:
    # e.g. a pass rate: target 95 %, tolerance 2 points
    assert objective_status(actual, 95.0, LOWER, tolerance=2.0) is status


@pytest.mark.parametrize(
    ("actual", "status"),
    [
        (0.0, ObjectiveStatus.MET),
        (2.0, ObjectiveStatus.MET),  # exactly on target
        (2.25, ObjectiveStatus.AT_RISK),
        (2.5, ObjectiveStatus.AT_RISK),  # exactly at the tolerance edge
        (2.51, ObjectiveStatus.MISSED),
    ],
)
def test_objective_higher_is_worse(actual: float, status: ObjectiveStatus) -> None:
    # e.g. a complaint rate: target 2 %, tolerance 0.5 points
    assert objective_status(actual, 2.0, HIGHER, tolerance=0.5) is status


def test_objective_without_tolerance_has_no_at_risk_zone() -> None:
    assert objective_status(94.99, 95, LOWER) is ObjectiveStatus.MISSED
    assert objective_status(95, 95, LOWER) is ObjectiveStatus.MET
    assert objective_status(2.01, 2, HIGHER) is ObjectiveStatus.MISSED


def test_objective_negative_tolerance_refused() -> None:
    with pytest.raises(ValidationError) as info:
        objective_status(90, 95, LOWER, tolerance=-1)
    assert info.value.codes() == {"tolerance": "objective.tolerance_negative"}


# -- p-chart -------------------------------------------------------------


def test_p_chart_limits_by_hand() -> None:
    limits = p_chart_limits([5, 10, 15], [100, 200, 300])
    assert limits.center == pytest.approx(0.05)  # 30 / 600
    s100 = math.sqrt(0.05 * 0.95 / 100)
    s200 = math.sqrt(0.05 * 0.95 / 200)
    s300 = math.sqrt(0.05 * 0.95 / 300)
    assert limits.sigma == pytest.approx((s100, s200, s300))
    assert s100 == pytest.approx(0.0217945, abs=1e-7)
    # n = 100: 0.05 - 3 x 0.0218 < 0, so the lower limit is clamped to 0.
    assert limits.lower == pytest.approx((0.0, 0.0037669, 0.0122508), abs=1e-7)
    assert limits.lower[0] == 0.0
    assert limits.upper == pytest.approx((0.1153835, 0.0962331, 0.0877492), abs=1e-7)


def test_p_chart_upper_limit_clamped_at_one() -> None:
    limits = p_chart_limits([9, 9], [10, 10])
    assert limits.center == pytest.approx(0.9)
    assert limits.sigma[0] == pytest.approx(math.sqrt(0.9 * 0.1 / 10))
    assert limits.upper == (1.0, 1.0)
    assert limits.lower[0] == pytest.approx(0.9 - 3 * math.sqrt(0.009))


def test_p_chart_baseline_pools_only_baseline_points() -> None:
    limits = p_chart_limits([5, 10, 30], [100, 200, 300], baseline=[0, 1])
    assert limits.center == pytest.approx(0.05)  # 15 / 300, the 3rd point excluded
    assert len(limits.sigma) == 3  # limits still cover every point
    assert p_chart_limits([5, 10, 30], [100, 200, 300]).center == pytest.approx(0.075)


@pytest.mark.parametrize(
    ("numerators", "denominators", "baseline", "field"),
    [
        ([1, 2], [10, 0], None, "denominators"),
        ([1, 2], [10, -5], None, "denominators"),
        ([1, 12], [10, 10], None, "numerators"),
        ([1, -1], [10, 10], None, "numerators"),
        ([1, 2, 3], [10, 10], None, "denominators"),
        ([1, 2, 3], [10, 10, 10], [1], "baseline"),
        ([1, 2, 3], [10, 10, 10], [1, 1], "baseline"),
        ([1, 2, 3], [10, 10, 10], [0, 3], "baseline"),
        ([1], [10], None, "baseline"),
    ],
)
def test_p_chart_refuses_bad_input(
    numerators: list[float], denominators: list[float], baseline: list[int] | None, field: str
) -> None:
    with pytest.raises(ValidationError) as info:
        p_chart_limits(numerators, denominators, baseline)
    assert field in info.value.errors


# -- XmR -----------------------------------------------------------------


def test_xmr_limits_by_hand() -> None:
    limits = xmr_limits([10, 12, 11, 13, 9])
    # mean 55/5 = 11; moving ranges 2, 1, 2, 4 -> MR-bar 2.25; sigma = 2.25 / 1.128
    assert limits.center == pytest.approx(11.0)
    assert limits.sigma == pytest.approx((1.9946809,) * 5, abs=1e-7)
    assert limits.upper == pytest.approx((16.9840426,) * 5, abs=1e-7)
    assert limits.lower == pytest.approx((5.0159574,) * 5, abs=1e-7)


def test_xmr_limits_with_baseline() -> None:
    limits = xmr_limits([10, 12, 11, 13, 9], baseline=[0, 1, 2])
    # mean 33/3 = 11; moving ranges 2, 1 -> 1.5; sigma = 1.5 / 1.128
    assert limits.center == pytest.approx(11.0)
    assert limits.sigma[4] == pytest.approx(1.5 / 1.128)
    assert limits.upper[0] == pytest.approx(14.9893617, abs=1e-7)
    assert len(limits.lower) == 5


def test_xmr_needs_two_points() -> None:
    with pytest.raises(ValidationError) as info:
        xmr_limits([10])
    assert "baseline" in info.value.errors
    with pytest.raises(ValidationError):
        xmr_limits([10, 12, 11], baseline=[2])


# -- Western Electric rules ---------------------------------------------


def test_rule_descriptions() -> None:
    assert [int(r) for r in WesternElectricRule] == [1, 2, 3, 4]
    assert "3 sigma" in R1.description
    assert "Two of three" in R2.description
    assert "Four of five" in R3.description
    assert "Eight" in R4.description
    assert all(r.description.endswith(".") for r in WesternElectricRule)


def test_rule_1_one_point_beyond_3_sigma() -> None:
    assert violations([0, 3.5, 0]) == [(1, 1)]
    assert violations([0, -3.01, 0]) == [(1, 1)]


def test_rule_1_near_miss_exactly_3_sigma() -> None:
    assert violations([0, 3.0, 0]) == []


def test_rule_2_two_of_three_beyond_2_sigma() -> None:
    assert violations([0, 2.5, 0, 2.1]) == [(1, 2), (3, 2)]
    assert violations([-2.5, -2.2, 0]) == [(0, 2), (1, 2)]


@pytest.mark.parametrize(
    "values",
    [
        [2.5, 0, 0, 2.5],  # two beyond 2 sigma, but not within three points
        [2.5, 0, -2.5],  # opposite sides
        [2.0, 2.0, 0],  # exactly 2 sigma is not beyond
    ],
)
def test_rule_2_near_misses(values: list[float]) -> None:
    assert violations(values) == []


def test_rule_3_needs_a_complete_window_of_five() -> None:
    assert violations([1.5, 1.2, 1.1, 1.3]) == []


def test_rule_3_four_of_five_beyond_1_sigma() -> None:
    assert violations([1.5, 1.2, 0, 1.1, 1.3]) == [(0, 3), (1, 3), (3, 3), (4, 3)]
    assert violations([-1.5, -1.2, -1.1, -1.3, 0]) == [(0, 3), (1, 3), (2, 3), (3, 3)]


@pytest.mark.parametrize(
    "values",
    [
        [1.5, 1.2, 0, 0, 1.1, 1.3],  # never 4 in any 5
        [1.5, 1.2, -1.1, 1.3, 0.5],  # 3 above, 1 below: not 4 on the same side
        [1.5, 1.2, 1.0, 1.3, 0],  # exactly 1 sigma is not beyond
    ],
)
def test_rule_3_near_misses(values: list[float]) -> None:
    assert violations(values) == []


def test_rule_4_eight_on_one_side() -> None:
    assert violations([0.5] * 8) == [(i, 4) for i in range(8)]
    assert violations([0.0] + [-0.1] * 9) == [(i, 4) for i in range(1, 10)]


@pytest.mark.parametrize(
    "values",
    [
        [0.5] * 7,
        [0.5] * 7 + [0.0] + [0.5],  # a point on the center line breaks the run
        [0.5] * 4 + [-0.5] + [0.5] * 4,
    ],
)
def test_rule_4_near_misses(values: list[float]) -> None:
    assert violations(values) == []


def test_violations_are_unique_and_sorted() -> None:
    # Windows (0-2) and (1-3) both flag points 1 and 2: each pair is reported once.
    result = western_electric_violations([0, 2.5, 3.5, 2.5], unit_limits(4))
    assert result == [
        RuleViolation(1, R2),
        RuleViolation(2, R1),
        RuleViolation(2, R2),
        RuleViolation(3, R2),
    ]


def test_per_point_sigma_and_zero_sigma() -> None:
    limits = ControlLimits(center=0.0, lower=(0, 0, 0), upper=(3, 3, 6), sigma=(1, 1, 2))
    # z = 0, 3.5, 1.75: only the middle point is beyond 3 sigma
    assert western_electric_violations([0, 3.5, 3.5], limits) == [RuleViolation(1, R1)]
    flat = ControlLimits(center=0.0, lower=(0,) * 3, upper=(0,) * 3, sigma=(0,) * 3)
    assert western_electric_violations([0.5, 0.5, 0.5], flat) == []


def test_violations_need_one_limit_per_value() -> None:
    with pytest.raises(ValidationError):
        western_electric_violations([1, 2, 3], unit_limits(2))


def test_rules_on_real_p_chart() -> None:
    limits = p_chart_limits([5, 4, 6, 5, 30], [100, 100, 100, 100, 100], baseline=[0, 1, 2, 3])
    proportions = [0.05, 0.04, 0.06, 0.05, 0.30]
    assert western_electric_violations(proportions, limits) == [RuleViolation(4, R1)]


# -- target verdict ------------------------------------------------------


BAND = ControlLimits(center=0.05, lower=(0.02,), upper=(0.08,), sigma=(0.01,))


@pytest.mark.parametrize(
    ("target", "direction", "verdict"),
    [
        (0.10, HIGHER, "consistently_met"),
        (0.08, HIGHER, "consistently_met"),  # upper limit reaches the target: still met
        (0.01, HIGHER, "consistently_missed"),
        (0.05, HIGHER, "chance"),
        (0.01, LOWER, "consistently_met"),
        (0.02, LOWER, "consistently_met"),
        (0.10, LOWER, "consistently_missed"),
        (0.05, LOWER, "chance"),
    ],
)
def test_target_verdict(target: float, direction: Direction, verdict: str) -> None:
    assert target_verdict(BAND, target, direction) == verdict


def test_target_verdict_uses_latest_point() -> None:
    limits = ControlLimits(center=0.05, lower=(0.0, 0.02), upper=(0.2, 0.08), sigma=(0.05, 0.01))
    # The first point's band (0..0.2) straddles 0.1, the latest (0.02..0.08) does not.
    assert target_verdict(limits, 0.1, HIGHER) == "consistently_met"


def test_target_verdict_needs_limits() -> None:
    with pytest.raises(ValidationError):
        target_verdict(ControlLimits(0.0, (), (), ()), 1.0, HIGHER)

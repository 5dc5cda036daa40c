"""Rule sets: each Nelson rule broken by a series built for it and missed by a near miss; Western Electric unchanged."""

from __future__ import annotations

import random

import pytest

from opsdesk.domain.enums import RuleSet
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.quality import ControlLimits, western_electric_violations
from opsdesk.domain.run_rules import (
    RuleSignal,
    flagged_rules,
    moving_range_signals,
    rule_description,
    rule_signals,
)

NELSON = RuleSet.NELSON
WE = RuleSet.WESTERN_ELECTRIC


def unit_limits(count: int) -> ControlLimits:
    """Centre 0 and sigma 1: a value is its own z-score."""
    return ControlLimits(center=0.0, lower=(-3.0,) * count, upper=(3.0,) * count, sigma=(1.0,) * count)


def broken(values: list[float], rule_set: RuleSet = NELSON) -> set[int]:
    return {signal.rule for signal in rule_signals(values, unit_limits(len(values)), rule_set)}


def signals(values: list[float], rule_set: RuleSet = NELSON) -> list[RuleSignal]:
    return rule_signals(values, unit_limits(len(values)), rule_set)


# Per rule: a series that breaks exactly that rule (and no other Nelson rule), and one built to
# miss it narrowly (and breaks nothing).
NELSON_CASES = {
    1: (
        [0.5, -0.5, 3.2, -0.3, 0.4],
        [0.5, -0.5, 3.0, -0.3, 0.4],  # exactly 3 sigma is not beyond
    ),
    2: (
        [0.5, 0.3, 0.6, 0.2, 0.7, 0.4, 0.5, 0.3, 0.6],  # nine above
        [0.5, 0.3, 0.6, 0.2, 0.7, 0.4, 0.5, 0.3, -0.6],  # the ninth crosses back
    ),
    3: (
        [-0.9, -0.5, -0.1, 0.2, 0.5, 0.8],  # six rising
        [-0.9, -0.5, -0.1, 0.2, 0.5, 0.5],  # the sixth only equals the fifth
    ),
    4: (
        [0.5, -0.5] * 7,  # fourteen alternating
        [0.5, -0.5] * 6 + [0.5, 0.5],  # thirteen, then two equal neighbours
    ),
    5: (
        [0.2, 2.5, 0.3, 2.4, -0.2],  # 2.5 and 2.4 within three points
        [0.2, 2.5, 0.3, 0.1, 2.4],  # two beyond 2 sigma, but four points apart
    ),
    6: (
        [1.5, 1.2, 0.3, 1.1, 1.3],
        [1.5, 1.2, 0.3, 1.0, 1.3],  # exactly 1 sigma is not beyond
    ),
    7: (
        [0.5, 0.6, -0.5, -0.4, 0.5, 0.6, -0.5, -0.4, 0.5, 0.6, -0.5, -0.4, 0.5, 0.6, -0.5],  # fifteen within
        [
            0.5,
            0.6,
            -0.5,
            -0.4,
            0.5,
            0.6,
            -0.5,
            -0.4,
            0.5,
            0.6,
            -0.5,
            -0.4,
            0.5,
            0.6,
            -1.0,
        ],  # the last on 1 sigma
    ),
    8: (
        [1.5, -1.5] * 4,  # eight beyond 1 sigma on both sides
        [1.5, -1.5, 1.5, -1.5, 1.5, -1.5, 1.5, -0.9],  # the eighth within 1 sigma
    ),
}


@pytest.mark.parametrize("rule", sorted(NELSON_CASES))
def test_each_nelson_rule_is_broken_by_its_series_alone(rule: int) -> None:
    breaks, _miss = NELSON_CASES[rule]
    assert broken(breaks) == {rule}


@pytest.mark.parametrize("rule", sorted(NELSON_CASES))
def test_each_nelson_rule_is_missed_narrowly(rule: int) -> None:
    _breaks, miss = NELSON_CASES[rule]
    assert broken(miss) == set()


def test_nelson_signals_name_the_points_they_flag() -> None:
    (one,) = signals(NELSON_CASES[1][0])
    assert (one.rule, one.points, one.side) == (1, (2,), 1)
    (run,) = signals(NELSON_CASES[2][0])
    assert (run.points, run.first, run.last, run.side) == (tuple(range(9)), 0, 8, 1)
    (trend,) = signals(NELSON_CASES[3][0])
    assert (trend.points, trend.side) == (tuple(range(6)), 1)
    (falling,) = signals([0.8, 0.5, 0.2, -0.1, -0.5, -0.9])
    assert (falling.rule, falling.side) == (3, -1)
    (alternating,) = signals(NELSON_CASES[4][0])
    assert alternating.points == tuple(range(14)) and alternating.side == 0
    (pair,) = signals(NELSON_CASES[5][0])
    assert (pair.points, pair.first, pair.last) == ((1, 3), 1, 3)
    (four,) = signals(NELSON_CASES[6][0])
    assert four.points == (0, 1, 3, 4)
    (quiet,) = signals(NELSON_CASES[7][0])
    assert quiet.points == tuple(range(15))
    (mixture,) = signals(NELSON_CASES[8][0])
    assert mixture.points == tuple(range(8))
    assert (
        pair.description
        == "Two of three points in a row lie more than 2 sigma from the centre line, on one side."
    )


def test_rule_8_needs_both_sides() -> None:
    # Eight beyond 1 sigma on one side is a shift (rules 2, 5, 6), not a mixture.
    assert 8 not in broken([1.5] * 8)


def test_a_long_run_is_one_signal_not_one_per_window() -> None:
    values = [0.4] * 20
    (run,) = [s for s in signals(values) if s.rule == 2]
    assert (run.first, run.last) == (0, 19)
    # Two separate excursions beyond 3 sigma are two signals; neighbours on one side are one.
    beyond = [s for s in signals([3.5, 0, 0, -3.5, -3.6, 0]) if s.rule == 1]
    assert [(s.points, s.side) for s in beyond] == [((0,), 1), ((3, 4), -1)]


def test_the_western_electric_set_keeps_its_four_rules() -> None:
    assert broken([0.5] * 8, WE) == {4}  # eight on one side is enough for Western Electric 4...
    assert broken([0.5] * 8, NELSON) == set()  # ...Nelson wants nine
    assert broken([-0.9, -0.5, -0.1, 0.2, 0.5, 0.8], WE) == set()  # no trend rule
    # Every rule of both sets has its sentence in the catalogue, in English and in Chinese.
    for rule_set, count in ((WE, 4), (NELSON, 8)):
        for rule in range(1, count + 1):
            assert rule_description(rule_set, rule, "en").endswith(".")
            assert rule_description(rule_set, rule, "zh_CN").endswith("。")
    assert rule_description(NELSON, 3, "en") == "Six points in a row steadily rise or fall."
    assert rule_description(NELSON, 3, "zh_CN") == "连续 6 个点持续上升或下降。"


def test_western_electric_signals_flag_the_same_points_as_before() -> None:
    rng = random.Random(7)
    for _ in range(500):
        count = rng.randint(1, 40)
        values = [rng.gauss(0.3, 1.6) for _ in range(count)]
        sigma = [rng.choice([0.8, 1.0, 1.3]) for _ in range(count)]
        limits = ControlLimits(0.0, tuple(-3 * s for s in sigma), tuple(3 * s for s in sigma), tuple(sigma))
        before: dict[int, list[int]] = {}
        for violation in western_electric_violations(values, limits):
            before.setdefault(violation.index, []).append(int(violation.rule))
        assert flagged_rules(rule_signals(values, limits, WE)) == {k: tuple(v) for k, v in before.items()}


def test_points_without_sigma_break_the_z_rules_only() -> None:
    limits = ControlLimits(0.0, (0.0,) * 9, (0.0,) * 9, (0.0,) * 9)
    # Nothing is "beyond" a zero sigma, but nine values above the centre line are still a run.
    assert {s.rule for s in rule_signals([0.5] * 9, limits, NELSON)} == {2}


def test_unknown_rule_sets_and_mismatched_limits_are_refused() -> None:
    with pytest.raises(ValidationError) as info:
        rule_signals([1, 2], unit_limits(2), "shewhart")
    assert "rule_set" in info.value.errors
    with pytest.raises(ValidationError):
        rule_signals([1, 2, 3], unit_limits(2), NELSON)


def test_moving_ranges_above_their_upper_limit() -> None:
    limits = ControlLimits(1.0, (0.0,) * 4, (3.267,) * 4, (0.76,) * 4)
    assert moving_range_signals([0.5, 3.267, 3.3, 1.0], limits) == [2]

"""Quality objective status and SPC (p-chart, XmR limits, Western Electric rules).

`Direction` says which way is bad: a pass rate is LOWER_IS_WORSE, a complaint
rate HIGHER_IS_WORSE. Control limits carry one entry per point so p-charts
whose sample size varies from point to point are handled exactly.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum
from itertools import pairwise

from opsdesk.domain.catalogue import Term, message
from opsdesk.domain.enums import Direction, ObjectiveStatus
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.domain.numbers import is_storable_number

# d2 constant for moving ranges of two consecutive points.
D2_FOR_MOVING_RANGE = 1.128

VERDICT_MET = "consistently_met"
VERDICT_MISSED = "consistently_missed"
VERDICT_CHANCE = "chance"


def _number(value: object, field: str, label: str) -> float:
    if not is_storable_number(value):
        raise ValidationError(Problem(field, "spc.not_a_number", {"what": Term("spc_quantity", label)}))
    return float(value)


def _direction(direction: Direction | str) -> Direction:
    try:
        return Direction(direction)
    except ValueError as exc:
        raise ValidationError(Problem("direction", "kri.not_a_direction", {"value": direction})) from exc


def objective_status(
    actual: float, target: float, direction: Direction, tolerance: float = 0.0
) -> ObjectiveStatus:
    """Return MET, AT_RISK (missed by no more than the tolerance) or MISSED."""
    direction = _direction(direction)
    actual = _number(actual, "actual", "actual value")
    target = _number(target, "target", "target")
    tolerance = _number(tolerance, "tolerance", "tolerance")
    if tolerance < 0:
        raise ValidationError(Problem("tolerance", "objective.tolerance_negative"))
    if direction is Direction.LOWER_IS_WORSE:
        if actual >= target:
            return ObjectiveStatus.MET
        return ObjectiveStatus.AT_RISK if actual >= target - tolerance else ObjectiveStatus.MISSED
    if actual <= target:
        return ObjectiveStatus.MET
    return ObjectiveStatus.AT_RISK if actual <= target + tolerance else ObjectiveStatus.MISSED


@dataclass(frozen=True)
class ControlLimits:
    """Center line plus per-point lower/upper limits and sigma."""

    center: float
    lower: tuple[float, ...]
    upper: tuple[float, ...]
    sigma: tuple[float, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "lower", tuple(self.lower))
        object.__setattr__(self, "upper", tuple(self.upper))
        object.__setattr__(self, "sigma", tuple(self.sigma))
        if not len(self.lower) == len(self.upper) == len(self.sigma):
            raise ValidationError(Problem("limits", "spc.limits_lengths"))

    def __len__(self) -> int:
        return len(self.sigma)


def _baseline(baseline: Sequence[int] | None, count: int) -> list[int]:
    """Return the sorted, de-duplicated baseline indices, refusing bad ones."""
    if baseline is None:
        indices = list(range(count))
    else:
        indices = sorted(set(baseline))
        if any(isinstance(i, bool) or not isinstance(i, int) or not 0 <= i < count for i in indices):
            raise ValidationError(Problem("baseline", "spc.baseline_positions", {"last": count - 1}))
    if len(indices) < 2:
        raise ValidationError(Problem("baseline", "spc.baseline_too_short"))
    return indices


def p_chart_limits(
    numerators: Sequence[float],
    denominators: Sequence[float],
    baseline: Sequence[int] | None = None,
) -> ControlLimits:
    """Return p-chart limits: pooled baseline proportion, 3-sigma per sample size."""
    if len(numerators) != len(denominators):
        raise ValidationError(Problem("denominators", "spc.one_denominator_each"))
    nums = [_number(x, "numerators", "numerator") for x in numerators]
    dens = [_number(n, "denominators", "denominator") for n in denominators]
    if any(n <= 0 for n in dens):
        raise ValidationError(Problem("denominators", "spc.denominator_not_positive"))
    if any(x < 0 for x in nums):
        raise ValidationError(Problem("numerators", "spc.numerator_negative"))
    for i, (x, n) in enumerate(zip(nums, dens, strict=True)):
        if x > n:
            raise ValidationError(
                Problem("numerators", "spc.numerator_above_denominator", {"point": i + 1, "numerator": x,
                                                                          "denominator": n})
            )  # fmt: skip
    indices = _baseline(baseline, len(nums))
    # Pooled, not averaged: large samples weigh more, as the p-chart requires.
    p_bar = sum(nums[i] for i in indices) / sum(dens[i] for i in indices)
    sigma = tuple(math.sqrt(p_bar * (1 - p_bar) / n) for n in dens)
    lower = tuple(max(0.0, p_bar - 3 * s) for s in sigma)
    upper = tuple(min(1.0, p_bar + 3 * s) for s in sigma)
    return ControlLimits(center=p_bar, lower=lower, upper=upper, sigma=sigma)


def xmr_limits(values: Sequence[float], baseline: Sequence[int] | None = None) -> ControlLimits:
    """Return XmR limits: baseline mean +/- 3 x (mean moving range / 1.128)."""
    vals = [_number(v, "values", "value") for v in values]
    indices = _baseline(baseline, len(vals))
    base = [vals[i] for i in indices]
    center = sum(base) / len(base)
    ranges = [abs(b - a) for a, b in pairwise(base)]
    sigma = (sum(ranges) / len(ranges)) / D2_FOR_MOVING_RANGE
    count = len(vals)
    return ControlLimits(
        center=center,
        lower=(center - 3 * sigma,) * count,
        upper=(center + 3 * sigma,) * count,
        sigma=(sigma,) * count,
    )


class WesternElectricRule(IntEnum):
    """The four Western Electric run rules, numbered as usually printed."""

    ONE_BEYOND_3_SIGMA = 1
    TWO_OF_THREE_BEYOND_2_SIGMA = 2
    FOUR_OF_FIVE_BEYOND_1_SIGMA = 3
    EIGHT_ON_ONE_SIDE = 4

    @property
    def description(self) -> str:
        """The rule in one sentence, in the language of the moment (the catalogue's "rule.western_electric.N")."""
        return message(f"rule.western_electric.{int(self)}")


@dataclass(frozen=True)
class RuleViolation:
    """A point (0-based index) flagged by a Western Electric rule."""

    index: int
    rule: WesternElectricRule


def _window_flags(z: list[float | None], size: int, needed: int, limit: float) -> set[int]:
    """Indices beyond `limit` sigma, same side, in `size` windows holding `needed`."""
    flagged: set[int] = set()
    for sign in (1, -1):
        # None (zero sigma) is never beyond anything.
        beyond_at = [zi is not None and sign * zi > limit for zi in z]
        for end in range(size - 1, len(z)):
            window = [i for i in range(end - size + 1, end + 1) if beyond_at[i]]
            if len(window) >= needed:
                flagged.update(window)
    return flagged


def western_electric_violations(values: Sequence[float], limits: ControlLimits) -> list[RuleViolation]:
    """Return every (point, rule) violation, sorted by index then rule."""
    vals = [_number(v, "values", "value") for v in values]
    if len(vals) != len(limits.sigma):
        raise ValidationError(Problem("values", "spc.limits_per_value"))
    # A zero sigma (e.g. p = 0) makes z meaningless: such points skip the z rules.
    z: list[float | None] = [
        (v - limits.center) / s if s > 0 else None for v, s in zip(vals, limits.sigma, strict=True)
    ]
    found: set[tuple[int, WesternElectricRule]] = set()
    for i, zi in enumerate(z):
        if zi is not None and abs(zi) > 3:
            found.add((i, WesternElectricRule.ONE_BEYOND_3_SIGMA))
    for i in _window_flags(z, 3, 2, 2.0):
        found.add((i, WesternElectricRule.TWO_OF_THREE_BEYOND_2_SIGMA))
    for i in _window_flags(z, 5, 4, 1.0):
        found.add((i, WesternElectricRule.FOUR_OF_FIVE_BEYOND_1_SIGMA))
    # Rule 4 only needs the side of the center line; a point on it breaks the run.
    run_start, run_side = 0, 0
    for i, v in enumerate(vals):
        side = (v > limits.center) - (v < limits.center)
        if side == 0 or side != run_side:
            run_start, run_side = i, side
        if side != 0 and i - run_start + 1 >= 8:
            found.update((j, WesternElectricRule.EIGHT_ON_ONE_SIDE) for j in range(run_start, i + 1))
    return [RuleViolation(i, rule) for i, rule in sorted(found)]


def target_verdict(limits: ControlLimits, target: float, direction: Direction) -> str:
    """Say if the latest limits consistently meet, miss, or by chance meet target."""
    direction = _direction(direction)
    target = _number(target, "target", "target")
    if len(limits) == 0:
        raise ValidationError(Problem("limits", "spc.no_limits"))
    lower, upper = limits.lower[-1], limits.upper[-1]
    # Reaching the target counts as meeting it, as in objective_status.
    if direction is Direction.HIGHER_IS_WORSE:
        if upper <= target:
            return VERDICT_MET
        if lower > target:
            return VERDICT_MISSED
        return VERDICT_CHANCE
    if lower >= target:
        return VERDICT_MET
    if upper < target:
        return VERDICT_MISSED
    return VERDICT_CHANCE

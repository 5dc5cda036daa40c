"""Run rules per rule set: the Western Electric 4 and the Nelson 8, as signals naming their points.

A signal is one occurrence of a broken rule: the rule, the points it flags (0-based positions
of the plotted values), the span of consecutive points it looked at and the side (+1 above or
rising, -1 below or falling, 0 when the rule has no side). Windows that overlap on the same
rule and side make one signal, so a long run reads as one sentence, not twelve.

Distances from the centre line are z-scores against each point's own sigma (p- and u-charts
have one per point); a point with sigma 0 is never beyond anything and breaks runs that need a
z-score. "Beyond k sigma" is strict: a point exactly on a limit does not break rule 1. The rules
on direction (Nelson 3 and 4) compare the plotted values themselves; equal neighbours break them.

Western Electric (Western Electric Statistical Quality Control Handbook, 1956):
  1 one point beyond 3 sigma; 2 two of three beyond 2 sigma, same side; 3 four of five beyond
  1 sigma, same side; 4 eight in a row on one side of the centre line.
Nelson (Journal of Quality Technology 16(4), 1984, 237-239):
  1 one point beyond 3 sigma; 2 nine in a row on one side; 3 six in a row steadily rising or
  falling; 4 fourteen in a row alternating up and down; 5 two of three beyond 2 sigma, same
  side; 6 four of five beyond 1 sigma, same side; 7 fifteen in a row within 1 sigma, either
  side; 8 eight in a row beyond 1 sigma with points on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from opsdesk.domain.catalogue import message
from opsdesk.domain.enums import RuleSet
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.domain.quality import ControlLimits, _number

RULE_COUNTS = {RuleSet.WESTERN_ELECTRIC: 4, RuleSet.NELSON: 8}


def rule_description(rule_set: RuleSet | str, rule: int, language: str | None = None) -> str:
    """A rule in one sentence, from the catalogue ("rule.nelson.3"), in a language (the current one by default)."""
    return message(f"rule.{RuleSet(rule_set).value}.{int(rule)}", None, language)


@dataclass(frozen=True)
class RuleSignal:
    """One broken rule: which points it flags, over which span of points, on which side."""

    rule_set: RuleSet
    rule: int
    points: tuple[int, ...]
    first: int
    last: int
    side: int

    @property
    def description(self) -> str:
        """The rule in one sentence, in the language of the moment (the catalogue's "rule.<set>.<n>")."""
        return rule_description(self.rule_set, self.rule)


def _rule_set(rule_set: RuleSet | str) -> RuleSet:
    try:
        return RuleSet(rule_set)
    except ValueError as exc:
        raise ValidationError(Problem("rule_set", "chart.unknown_rule_set", {"value": rule_set})) from exc


def _z_scores(values: Sequence[float], limits: ControlLimits) -> tuple[list[float], list[float | None]]:
    vals = [_number(v, "values", "value") for v in values]
    if len(vals) != len(limits.sigma):
        raise ValidationError(Problem("values", "spc.limits_per_value"))
    z = [(v - limits.center) / s if s > 0 else None for v, s in zip(vals, limits.sigma, strict=True)]
    return vals, z


def _merge(hits: list[tuple[int, int, set[int], int]]) -> list[tuple[int, int, tuple[int, ...], int]]:
    """Merge (first, last, points, side) windows that overlap or touch on the same side."""
    merged: list[tuple[int, int, set[int], int]] = []
    for first, last, points, side in sorted(hits, key=lambda hit: (hit[3], hit[0], hit[1])):
        if merged and merged[-1][3] == side and first <= merged[-1][1] + 1:
            prev_first, prev_last, prev_points, _ = merged[-1]
            merged[-1] = (prev_first, max(prev_last, last), prev_points | points, side)
        else:
            merged.append((first, last, set(points), side))
    return [(first, last, tuple(sorted(points)), side) for first, last, points, side in merged]


def _beyond(z: list[float | None], limit: float) -> list[tuple[int, int, set[int], int]]:
    """Single points beyond `limit` sigma, consecutive ones on one side merged later."""
    return [(i, i, {i}, 1 if zi > 0 else -1) for i, zi in enumerate(z) if zi is not None and abs(zi) > limit]


def _k_of_n(
    z: list[float | None], size: int, needed: int, limit: float
) -> list[tuple[int, int, set[int], int]]:
    """Windows of `size` points with at least `needed` beyond `limit` sigma on the same side."""
    hits = []
    for side in (1, -1):
        beyond = [zi is not None and side * zi > limit for zi in z]
        for end in range(size - 1, len(z)):
            start = end - size + 1
            points = {i for i in range(start, end + 1) if beyond[i]}
            if len(points) >= needed:
                # The window ends where its flagged points do: that is what the sentence names.
                hits.append((min(points), max(points), points, side))
    return hits


def _runs(flags: Sequence[int], length: int) -> list[tuple[int, int, set[int], int]]:
    """Runs of at least `length` consecutive equal non-zero flags (the flag is the side)."""
    hits = []
    start = 0
    for i in range(1, len(flags) + 1):
        if i == len(flags) or flags[i] != flags[start]:
            if flags[start] != 0 and i - start >= length:
                hits.append((start, i - 1, set(range(start, i)), flags[start]))
            start = i
    return hits


def _sides(vals: list[float], center: float) -> list[int]:
    return [(v > center) - (v < center) for v in vals]


def _trend(vals: list[float], points: int) -> list[tuple[int, int, set[int], int]]:
    """Runs of `points` values each strictly above (or below) the one before."""
    steps = [(b > a) - (b < a) for a, b in zip(vals, vals[1:], strict=False)]
    hits = []
    for first, last, _points, side in _runs(steps, points - 1):
        # Step k joins values k and k+1: the run of steps first..last covers values first..last+1.
        hits.append((first, last + 1, set(range(first, last + 2)), side))
    return hits


def _alternating(vals: list[float], points: int) -> list[tuple[int, int, set[int], int]]:
    """Runs of `points` values going up and down in turn (no two equal neighbours)."""
    steps = [(b > a) - (b < a) for a, b in zip(vals, vals[1:], strict=False)]
    hits = []
    i = 0
    while i < len(steps):
        if steps[i] == 0:
            i += 1
            continue
        j = i
        while j + 1 < len(steps) and steps[j + 1] == -steps[j]:
            j += 1
        # Steps i..j alternate: they join values i..j+1.
        if j - i + 2 >= points:
            hits.append((i, j + 1, set(range(i, j + 2)), 0))
        i = j + 1
    return hits


def _flag_runs(flags: Sequence[bool], length: int) -> list[tuple[int, int, set[int], int]]:
    return _runs([1 if flag else 0 for flag in flags], length)


def _within_one_sigma(z: list[float | None], length: int) -> list[tuple[int, int, set[int], int]]:
    hits = _flag_runs([zi is not None and abs(zi) < 1 for zi in z], length)
    return [(first, last, points, 0) for first, last, points, _ in hits]


def _beyond_one_sigma_both_sides(z: list[float | None], length: int) -> list[tuple[int, int, set[int], int]]:
    hits = []
    for first, last, points, _ in _flag_runs([zi is not None and abs(zi) > 1 for zi in z], length):
        if {1 if z[i] > 0 else -1 for i in points} == {1, -1}:
            hits.append((first, last, points, 0))
    return hits


def _detectors(
    vals: list[float], z: list[float | None], center: float
) -> dict[tuple[RuleSet, int], Callable[[], list[tuple[int, int, set[int], int]]]]:
    sides = _sides(vals, center)
    we, nelson = RuleSet.WESTERN_ELECTRIC, RuleSet.NELSON
    return {
        (we, 1): lambda: _beyond(z, 3.0),
        (we, 2): lambda: _k_of_n(z, 3, 2, 2.0),
        (we, 3): lambda: _k_of_n(z, 5, 4, 1.0),
        (we, 4): lambda: _runs(sides, 8),
        (nelson, 1): lambda: _beyond(z, 3.0),
        (nelson, 2): lambda: _runs(sides, 9),
        (nelson, 3): lambda: _trend(vals, 6),
        (nelson, 4): lambda: _alternating(vals, 14),
        (nelson, 5): lambda: _k_of_n(z, 3, 2, 2.0),
        (nelson, 6): lambda: _k_of_n(z, 5, 4, 1.0),
        (nelson, 7): lambda: _within_one_sigma(z, 15),
        (nelson, 8): lambda: _beyond_one_sigma_both_sides(z, 8),
    }


def rule_signals(
    values: Sequence[float], limits: ControlLimits, rule_set: RuleSet | str = RuleSet.WESTERN_ELECTRIC
) -> list[RuleSignal]:
    """Every broken rule of the set as signals, by rule then first point."""
    chosen = _rule_set(rule_set)
    vals, z = _z_scores(values, limits)
    detectors = _detectors(vals, z, limits.center)
    signals = []
    for rule in range(1, RULE_COUNTS[chosen] + 1):
        for first, last, points, side in _merge(detectors[(chosen, rule)]()):
            signals.append(RuleSignal(chosen, rule, points, first, last, side))
    return sorted(signals, key=lambda s: (s.rule, s.first, s.side))


def flagged_rules(signals: Sequence[RuleSignal]) -> dict[int, tuple[int, ...]]:
    """Point -> the rule numbers that flag it, sorted."""
    found: dict[int, set[int]] = {}
    for signal in signals:
        for point in signal.points:
            found.setdefault(point, set()).add(signal.rule)
    return {point: tuple(sorted(rules)) for point, rules in sorted(found.items())}


def moving_range_signals(ranges: Sequence[float], limits: ControlLimits) -> list[int]:
    """Positions of moving ranges above the moving-range chart's upper limit (its one rule)."""
    vals = [_number(v, "values", "value") for v in ranges]
    if len(vals) != len(limits.upper):
        raise ValidationError(Problem("values", "spc.limits_per_range"))
    return [i for i, (v, upper) in enumerate(zip(vals, limits.upper, strict=True)) if v > upper]

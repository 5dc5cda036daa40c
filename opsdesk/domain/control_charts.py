"""Control limits beyond the p-chart and XmR of `quality`: moving range, u, c and Laney p′ / u′.

Every function takes the plotted points and optional baseline positions (the frozen periods);
the centre line and the spread come from the baseline only, the limits cover every point.
Counts and exposures are validated here, so the services and the charts share one set of rules.

Laney (2002, *Improved control charts for attributes*, Quality Engineering 14(4) 531-537):
each point's z-score against the plain p- or u-chart is z_i = (x_i - centre) / sigma_i; the
spread of the z-scores, sigma_z = (average moving range of consecutive z) / 1.128, measures
the variation between periods that sampling alone does not explain. The p′ / u′ limits are
centre +/- 3 * sigma_i * sigma_z. With sigma_z = 1 they are the plain chart's limits; with
equal sample sizes they are the XmR limits of the rates.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.domain.quality import D2_FOR_MOVING_RANGE, ControlLimits, _baseline, _number, p_chart_limits

# D4 for moving ranges of two points: the moving-range chart's upper limit is D4 x MR-bar.
D4_FOR_MOVING_RANGE = 3.267
# d3 for n = 2: the standard deviation of a moving range is d3 x sigma.
D3_FOR_MOVING_RANGE = 0.853
# Laney's sigma_z estimated from the moving ranges of 20 in-control points scatters by about
# +/- 0.2 around 1; a ratio of 1.5 or more is over-dispersion rather than chance.
OVERDISPERSION_SUGGESTION = 1.5


@dataclass(frozen=True)
class LaneyLimits:
    """Laney p′ or u′ limits and the over-dispersion ratio sigma_z they were widened by.

    `sigma_z` is None when it cannot be estimated (a centre of 0, or of 1 for proportions):
    the limits are then the plain chart's.
    """

    limits: ControlLimits
    sigma_z: float | None


def moving_ranges(values: Sequence[float]) -> list[float]:
    """|x_i - x_(i-1)| for each point after the first (one fewer than the values)."""
    vals = [_number(v, "values", "value") for v in values]
    return [abs(b - a) for a, b in pairwise(vals)]


def moving_range_limits(values: Sequence[float], baseline: Sequence[int] | None = None) -> ControlLimits:
    """Limits of the moving-range chart of `values`: one entry per moving range (point 2 onwards).

    The centre is the average moving range of consecutive baseline points (as `xmr_limits`
    uses it), the upper limit D4 x MR-bar = 3.267 MR-bar, the lower limit 0.
    """
    vals = [_number(v, "values", "value") for v in values]
    indices = _baseline(baseline, len(vals))
    base = [vals[i] for i in indices]
    mr_bar = sum(abs(b - a) for a, b in pairwise(base)) / (len(base) - 1)
    count = max(len(vals) - 1, 0)
    sigma = D3_FOR_MOVING_RANGE * mr_bar / D2_FOR_MOVING_RANGE
    return ControlLimits(
        center=mr_bar,
        lower=(0.0,) * count,
        upper=(D4_FOR_MOVING_RANGE * mr_bar,) * count,
        sigma=(sigma,) * count,
    )


def _counts_and_exposures(
    counts: Sequence[float], exposures: Sequence[float]
) -> tuple[list[float], list[float]]:
    if len(counts) != len(exposures):
        raise ValidationError(Problem("exposures", "spc.one_exposure_each"))
    xs = [_number(x, "counts", "count") for x in counts]
    ns = [_number(n, "exposures", "exposure") for n in exposures]
    if any(n <= 0 for n in ns):
        raise ValidationError(Problem("exposures", "spc.exposure_not_positive"))
    if any(x < 0 for x in xs):
        raise ValidationError(Problem("counts", "spc.count_negative"))
    return xs, ns


def u_chart_limits(
    counts: Sequence[float], exposures: Sequence[float], baseline: Sequence[int] | None = None
) -> ControlLimits:
    """u-chart limits: pooled baseline rate u-bar = sum(c) / sum(n), 3 x sqrt(u-bar / n_i) per point."""
    xs, ns = _counts_and_exposures(counts, exposures)
    indices = _baseline(baseline, len(xs))
    u_bar = sum(xs[i] for i in indices) / sum(ns[i] for i in indices)
    sigma = tuple(math.sqrt(u_bar / n) for n in ns)
    return ControlLimits(
        center=u_bar,
        lower=tuple(max(0.0, u_bar - 3 * s) for s in sigma),
        upper=tuple(u_bar + 3 * s for s in sigma),
        sigma=sigma,
    )


def is_count(value: float) -> bool:
    """A whole, non-negative number: what a c-chart plots."""
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and value >= 0
        and float(value).is_integer()
    )


def c_chart_limits(counts: Sequence[float], baseline: Sequence[int] | None = None) -> ControlLimits:
    """c-chart limits for counts over a constant area of opportunity: c-bar +/- 3 sqrt(c-bar)."""
    xs = [_number(x, "counts", "count") for x in counts]
    for i, x in enumerate(xs):
        if not is_count(x):
            raise ValidationError(Problem("counts", "spc.c_chart_count", {"point": i + 1, "value": x}))
    indices = _baseline(baseline, len(xs))
    c_bar = sum(xs[i] for i in indices) / len(indices)
    sigma = math.sqrt(c_bar)
    count = len(xs)
    return ControlLimits(
        center=c_bar,
        lower=(max(0.0, c_bar - 3 * sigma),) * count,
        upper=(c_bar + 3 * sigma,) * count,
        sigma=(sigma,) * count,
    )


def laney_sigma_z(
    rates: Sequence[float], plain: ControlLimits, baseline: Sequence[int] | None = None
) -> float | None:
    """Laney's sigma_z: the average moving range of consecutive baseline z-scores over 1.128.

    None when a baseline point's sigma is 0 (a centre of 0, or a proportion of 1): no z-score exists.
    """
    vals = [_number(v, "values", "value") for v in rates]
    if len(vals) != len(plain):
        raise ValidationError(Problem("values", "spc.limits_per_value"))
    indices = _baseline(baseline, len(vals))
    if any(plain.sigma[i] <= 0 for i in indices):
        return None
    z = [(vals[i] - plain.center) / plain.sigma[i] for i in indices]
    return sum(abs(b - a) for a, b in pairwise(z)) / (len(z) - 1) / D2_FOR_MOVING_RANGE


def _widened(plain: ControlLimits, sigma_z: float | None, top: float | None) -> ControlLimits:
    if sigma_z is None:
        return plain
    sigma = tuple(s * sigma_z for s in plain.sigma)
    upper = tuple(plain.center + 3 * s for s in sigma)
    return ControlLimits(
        center=plain.center,
        lower=tuple(max(0.0, plain.center - 3 * s) for s in sigma),
        upper=upper if top is None else tuple(min(top, u) for u in upper),
        sigma=sigma,
    )


def laney_p_limits(
    numerators: Sequence[float], denominators: Sequence[float], baseline: Sequence[int] | None = None
) -> LaneyLimits:
    """Laney p′ limits: the p-chart's sigma per point times sigma_z, clamped to [0, 1]."""
    plain = p_chart_limits(numerators, denominators, baseline)
    proportions = [float(x) / float(n) for x, n in zip(numerators, denominators, strict=True)]
    sigma_z = laney_sigma_z(proportions, plain, baseline)
    return LaneyLimits(_widened(plain, sigma_z, 1.0), sigma_z)


def laney_u_limits(
    counts: Sequence[float], exposures: Sequence[float], baseline: Sequence[int] | None = None
) -> LaneyLimits:
    """Laney u′ limits: the u-chart's sigma per point times sigma_z (lower limit at least 0)."""
    plain = u_chart_limits(counts, exposures, baseline)
    rates = [float(x) / float(n) for x, n in zip(counts, exposures, strict=True)]
    sigma_z = laney_sigma_z(rates, plain, baseline)
    return LaneyLimits(_widened(plain, sigma_z, None), sigma_z)


def suggests_laney(sigma_z: float | None) -> bool:
    """True when the periods vary well beyond what sampling explains (sigma_z >= 1.5)."""
    return sigma_z is not None and sigma_z >= OVERDISPERSION_SUGGESTION

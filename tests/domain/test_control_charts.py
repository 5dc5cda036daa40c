"""Control limits against published worked examples: XmR with its moving-range chart, p, u, c, Laney p′ and u′."""

from __future__ import annotations

import math

import pytest

from opsdesk.domain.control_charts import (
    OVERDISPERSION_SUGGESTION,
    c_chart_limits,
    is_count,
    laney_p_limits,
    laney_sigma_z,
    laney_u_limits,
    moving_range_limits,
    moving_ranges,
    suggests_laney,
    u_chart_limits,
)
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.quality import p_chart_limits, western_electric_violations, xmr_limits

# NIST/SEMATECH e-Handbook of Statistical Methods, 6.3.2.2 "Individuals Control Charts",
# example: flow rate of the first 10 batches of a new process.
# Published: x-bar 50.81, MR-bar 1.8778; individuals UCL 55.8041, LCL 45.8159;
# moving-range chart centre 1.8778, UCL 6.1347 (3.267 x 1.8778), LCL 0.
NIST_FLOWRATE = [49.6, 47.6, 49.9, 51.3, 47.8, 51.2, 52.6, 52.4, 53.6, 52.1]
NIST_MOVING_RANGES = [2.0, 2.3, 1.4, 3.5, 3.4, 1.4, 0.2, 1.2, 1.5]

# NIST/SEMATECH e-Handbook, 6.3.3.2 "Proportions Control Charts", example: 30 wafers of 50
# chips, misregistrations per wafer. Published: p-bar 0.2313, UCL 0.4102, LCL 0.0524; samples
# 15 (0.44) and 23 (0.48) are beyond the upper limit.
NIST_WAFERS = [
    12,
    15,
    8,
    10,
    4,
    7,
    16,
    9,
    14,
    10,
    5,
    6,
    17,
    12,
    22,
    8,
    10,
    5,
    13,
    11,
    20,
    18,
    24,
    15,
    9,
    12,
    7,
    13,
    9,
    6,
]

# Montgomery, Introduction to Statistical Quality Control (2nd ed. 1991, pp. 181-182; the
# "personal computer manufacturer" u-chart example, qcc's `pcmanufact` data set): nonconformities
# in 20 samples of 5 computers. Published: u-bar 1.93, UCL 3.79, LCL 0.07.
PC_NONCONFORMITIES = [10, 12, 8, 14, 10, 16, 11, 7, 10, 15, 9, 5, 7, 11, 12, 6, 8, 10, 7, 5]

# Montgomery, Introduction to Statistical Quality Control (c-chart example, qcc's `circuit` data
# set): nonconformities in 26 samples of 100 printed circuit boards. Published: c-bar 19.85,
# UCL 33.22, LCL 6.48; samples 6 (5) and 20 (39) are outside the limits.
CIRCUIT_NONCONFORMITIES = [
    21,
    24,
    16,
    12,
    15,
    5,
    28,
    20,
    31,
    25,
    20,
    24,
    16,
    19,
    10,
    17,
    13,
    22,
    18,
    39,
    30,
    24,
    16,
    19,
    17,
    15,
]


# -- XmR with its moving-range chart -------------------------------------------------------


def test_nist_individuals_chart_and_its_moving_range_chart() -> None:
    assert moving_ranges(NIST_FLOWRATE) == pytest.approx(NIST_MOVING_RANGES)
    individuals = xmr_limits(NIST_FLOWRATE)
    assert round(individuals.center, 2) == 50.81
    assert round(individuals.upper[0], 4) == 55.8041
    assert round(individuals.lower[0], 4) == 45.8159

    ranges = moving_range_limits(NIST_FLOWRATE)
    assert len(ranges) == 9  # one moving range per point after the first
    assert round(ranges.center, 4) == 1.8778
    assert round(ranges.upper[0], 4) == 6.1347
    assert ranges.lower == (0.0,) * 9
    # No moving range of the example reaches its upper limit, and no individual its limits.
    assert all(r < ranges.upper[0] for r in moving_ranges(NIST_FLOWRATE))


def test_moving_range_limits_from_a_frozen_baseline() -> None:
    ranges = moving_range_limits([10, 12, 11, 30, 9], baseline=[0, 1, 2])
    # Consecutive baseline points only: |12 - 10| and |11 - 12| -> MR-bar 1.5.
    assert ranges.center == pytest.approx(1.5)
    assert ranges.upper == pytest.approx((3.267 * 1.5,) * 4)


# -- p-chart -----------------------------------------------------------------------------


def test_nist_p_chart_example() -> None:
    limits = p_chart_limits(NIST_WAFERS, [50] * 30)
    assert round(limits.center, 4) == 0.2313
    assert round(limits.upper[0], 4) == 0.4102
    assert round(limits.lower[0], 4) == 0.0524
    proportions = [x / 50 for x in NIST_WAFERS]
    beyond = [v.index + 1 for v in western_electric_violations(proportions, limits) if int(v.rule) == 1]
    assert beyond == [15, 23]


# -- u and c charts ----------------------------------------------------------------------


def test_montgomery_u_chart_example() -> None:
    limits = u_chart_limits(PC_NONCONFORMITIES, [5] * 20)
    assert limits.center == pytest.approx(1.93)  # 193 nonconformities / 100 computers
    assert round(limits.upper[0], 2) == 3.79
    assert round(limits.lower[0], 2) == 0.07
    assert limits.sigma[0] == pytest.approx(math.sqrt(1.93 / 5))


def test_u_chart_limits_follow_each_exposure() -> None:
    limits = u_chart_limits([4, 9, 2], [100, 200, 50])
    assert limits.center == pytest.approx(15 / 350)
    assert limits.sigma == pytest.approx(tuple(math.sqrt(15 / 350 / n) for n in (100, 200, 50)))
    assert limits.lower[2] == 0.0  # clamped: a rate is never negative
    assert limits.upper[1] < limits.upper[0] < limits.upper[2]  # wider where the exposure is smaller


def test_montgomery_c_chart_example() -> None:
    limits = c_chart_limits(CIRCUIT_NONCONFORMITIES)
    assert round(limits.center, 2) == 19.85
    assert round(limits.upper[0], 2) == 33.21  # Montgomery prints 33.22, from c-bar rounded to 19.85
    assert 19.85 + 3 * math.sqrt(19.85) == pytest.approx(33.22, abs=0.005)
    assert round(limits.lower[0], 2) == 6.48
    outside = [
        i + 1 for i, c in enumerate(CIRCUIT_NONCONFORMITIES) if not limits.lower[i] <= c <= limits.upper[i]
    ]
    assert outside == [6, 20]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda: u_chart_limits([1, 2], [10]), "exposures"),
        (lambda: u_chart_limits([1, 2], [10, 0]), "exposures"),
        (lambda: u_chart_limits([1, -2], [10, 10]), "counts"),
        (lambda: c_chart_limits([3, 2.5, 4]), "counts"),
        (lambda: c_chart_limits([3, -1, 4]), "counts"),
        (lambda: c_chart_limits([3]), "baseline"),
    ],
)
def test_u_and_c_charts_refuse_bad_counts(call, field: str) -> None:
    with pytest.raises(ValidationError) as info:
        call()
    assert field in info.value.errors


def test_whole_counts() -> None:
    assert is_count(0) and is_count(7.0) and not is_count(2.5) and not is_count(-1) and not is_count(True)


# -- Laney p′ and u′ ---------------------------------------------------------------------

# Mohammed & Laney (2006), "Overdispersion in health care performance data: Laney's approach",
# Quality and Safety in Health Care 15:383-384: a percentage per month over 12 months with
# about 1,700 to 2,000 patients a month (the data as used again in Anhøj & Mohammed's I′-chart
# comparisons). The counts are the percentages times the patients, rounded.
MOHAMMED_PERCENT = [77.58, 77.19, 73.69, 69.17, 67.16, 67.58, 77.96, 74.99, 78.09, 81.74, 70.82, 68.61]
MOHAMMED_PATIENTS = [1702, 1919, 1836, 1846, 1910, 1779, 2023, 1987, 1815, 1998, 1796, 1987]


def test_laney_p_prime_worked_example_step_by_step() -> None:
    counts = [round(p * n / 100) for p, n in zip(MOHAMMED_PERCENT, MOHAMMED_PATIENTS, strict=True)]
    assert counts == [1320, 1481, 1353, 1277, 1283, 1202, 1577, 1490, 1417, 1633, 1272, 1363]
    laney = laney_p_limits(counts, MOHAMMED_PATIENTS)

    # Laney 2002 by hand: the pooled p-bar, each month's binomial sigma, the z-scores, their
    # moving ranges, sigma_z = MR-bar / 1.128, limits p-bar +/- 3 sigma_i sigma_z.
    p_bar = sum(counts) / sum(MOHAMMED_PATIENTS)
    sigmas = [math.sqrt(p_bar * (1 - p_bar) / n) for n in MOHAMMED_PATIENTS]
    z = [(x / n - p_bar) / s for x, n, s in zip(counts, MOHAMMED_PATIENTS, sigmas, strict=True)]
    sigma_z = sum(abs(b - a) for a, b in zip(z, z[1:], strict=False)) / 11 / 1.128
    assert p_bar == pytest.approx(0.737587, abs=1e-6)
    assert sigma_z == pytest.approx(3.5594, abs=1e-4)
    assert laney.sigma_z == pytest.approx(sigma_z)
    assert laney.limits.center == pytest.approx(p_bar)
    assert laney.limits.upper == pytest.approx(tuple(p_bar + 3 * s * sigma_z for s in sigmas))
    assert laney.limits.lower == pytest.approx(tuple(p_bar - 3 * s * sigma_z for s in sigmas))
    assert round(laney.limits.upper[0], 4) == 0.8515 and round(laney.limits.lower[0], 4) == 0.6237

    # The plain p-chart calls 9 of the 12 months out of control; the p′ chart none.
    plain = p_chart_limits(counts, MOHAMMED_PATIENTS)
    proportions = [x / n for x, n in zip(counts, MOHAMMED_PATIENTS, strict=True)]
    outside_p = [i for i, p in enumerate(proportions) if not plain.lower[i] <= p <= plain.upper[i]]
    outside_laney = [
        i for i, p in enumerate(proportions) if not laney.limits.lower[i] <= p <= laney.limits.upper[i]
    ]
    assert len(outside_p) == 9 and outside_laney == []
    assert suggests_laney(laney.sigma_z)


def test_laney_p_prime_with_equal_samples_is_the_xmr_of_the_proportions() -> None:
    # Laney 2002: with equal subgroup sizes the p′ limits are exactly the individuals chart of p.
    # On the NIST wafer data (sigma_z 1.661) both give UCL 0.5285 and a lower limit below 0.
    laney = laney_p_limits(NIST_WAFERS, [50] * 30)
    individuals = xmr_limits([x / 50 for x in NIST_WAFERS])
    assert laney.sigma_z == pytest.approx(1.6609, abs=1e-4)
    assert laney.limits.upper == pytest.approx(individuals.upper)
    assert round(laney.limits.upper[0], 4) == 0.5285
    assert individuals.lower[0] < 0 and laney.limits.lower[0] == 0.0  # a proportion is never negative


def test_laney_u_prime_on_montgomerys_computers_is_close_to_the_u_chart() -> None:
    # Small samples of 5 computers: Poisson explains the variation, sigma_z is about 1.
    laney = laney_u_limits(PC_NONCONFORMITIES, [5] * 20)
    plain = u_chart_limits(PC_NONCONFORMITIES, [5] * 20)
    assert laney.sigma_z == pytest.approx(1.0664, abs=1e-4)
    assert laney.limits.upper[0] == pytest.approx(plain.center + 3 * plain.sigma[0] * laney.sigma_z)
    assert not suggests_laney(laney.sigma_z)


def test_laney_sigma_z_comes_from_the_frozen_baseline_only() -> None:
    counts = [50, 52, 49, 51, 50, 90]
    sizes = [1000] * 6
    with_spike = laney_p_limits(counts, sizes)
    frozen = laney_p_limits(counts, sizes, baseline=[0, 1, 2, 3, 4])
    assert frozen.sigma_z < with_spike.sigma_z
    plain = p_chart_limits(counts, sizes, baseline=[0, 1, 2, 3, 4])
    z = [(c / 1000 - plain.center) / plain.sigma[0] for c in counts[:5]]
    assert frozen.sigma_z == pytest.approx(
        sum(abs(b - a) for a, b in zip(z, z[1:], strict=False)) / 4 / 1.128
    )


def test_laney_without_a_spread_falls_back_to_the_plain_chart() -> None:
    laney = laney_p_limits([0, 0, 0], [100, 100, 100])
    assert laney.sigma_z is None
    assert laney.limits == p_chart_limits([0, 0, 0], [100, 100, 100])
    assert laney_sigma_z([0.0, 0.0], u_chart_limits([0, 0], [5, 5])) is None


def test_the_suggestion_threshold() -> None:
    assert OVERDISPERSION_SUGGESTION == 1.5
    assert suggests_laney(1.5) and not suggests_laney(1.49) and not suggests_laney(None)

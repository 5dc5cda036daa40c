"""Which numbers a register stores: finite and within sane bounds (a reading of 1.7e308 is refused)."""

from __future__ import annotations

import math

import pytest

from opsdesk.domain.matrix import default_matrix
from opsdesk.domain.numbers import MAX_MAGNITUDE, is_storable_number


@pytest.mark.parametrize("value", [0, -3, 2.5, MAX_MAGNITUDE, -MAX_MAGNITUDE, 10**15])
def test_ordinary_numbers_are_storable(value: float) -> None:
    assert is_storable_number(value)


@pytest.mark.parametrize(
    "value", [math.inf, -math.inf, math.nan, 1.7e308, 10**400, MAX_MAGNITUDE * 1.01, True, "5", None]
)
def test_non_finite_huge_and_non_numbers_are_not(value: object) -> None:
    assert not is_storable_number(value)


def test_a_level_the_matrix_lacks_is_found_as_none_not_an_error() -> None:
    matrix = default_matrix()
    assert matrix.find_band("high").name == "High"
    assert matrix.find_band("nonexistent") is None
    assert (matrix.has_level("low"), matrix.has_level("nonexistent"), matrix.has_level(None)) == (
        True,
        False,
        False,
    )

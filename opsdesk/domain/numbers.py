"""Which numbers a register stores: finite, and within sane bounds for money, counts and readings."""

from __future__ import annotations

import math

#: the largest size of a stored number; far beyond any real money amount or reading, and small
#: enough that sums, charts and Excel cells of such numbers still behave
MAX_MAGNITUDE = 1e15


def is_storable_number(value: object) -> bool:
    """An int or float (not a bool), finite, no larger than MAX_MAGNITUDE either way."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    try:
        return math.isfinite(value) and abs(value) <= MAX_MAGNITUDE
    except OverflowError:  # an int too large for a float
        return False

"""Key risk indicator rules: threshold consistency and the state of a reading.

A threshold value itself counts as breached: with "higher is worse", warning 5
and alarm 10, a reading of exactly 10 is an ALARM and exactly 5 a WARNING.
"""

from __future__ import annotations

from opsdesk.domain.enums import Direction, KriState
from opsdesk.domain.errors import Problem, ValidationError
from opsdesk.domain.numbers import is_storable_number


def _number(value: object, field: str) -> float:
    # bool is an int subclass but never a meaningful reading.
    if not is_storable_number(value):
        raise ValidationError({field: f"kri.{field}_not_a_number"})
    return float(value)


def _direction(direction: Direction | str) -> Direction:
    try:
        return Direction(direction)
    except ValueError as exc:
        raise ValidationError(Problem("direction", "kri.not_a_direction", {"value": direction})) from exc


def validate_thresholds(direction: Direction, warning: float, alarm: float) -> None:
    """Refuse a warning threshold that lies beyond the alarm threshold."""
    direction = _direction(direction)
    warning = _number(warning, "warning")
    alarm = _number(alarm, "alarm")
    # Equal thresholds are allowed: the reading then jumps straight from OK to ALARM.
    if direction is Direction.HIGHER_IS_WORSE and warning > alarm:
        raise ValidationError(Problem("warning", "kri.warning_above_alarm", {"warning": warning, "alarm": alarm}))
    if direction is Direction.LOWER_IS_WORSE and warning < alarm:
        raise ValidationError(Problem("warning", "kri.warning_below_alarm", {"warning": warning, "alarm": alarm}))


def evaluate_reading(value: float, direction: Direction, warning: float, alarm: float) -> KriState:
    """Return OK, WARNING or ALARM for a reading (reaching a threshold breaches it)."""
    validate_thresholds(direction, warning, alarm)
    direction = Direction(direction)
    value = _number(value, "value")
    if direction is Direction.HIGHER_IS_WORSE:
        if value >= alarm:
            return KriState.ALARM
        if value >= warning:
            return KriState.WARNING
        return KriState.OK
    if value <= alarm:
        return KriState.ALARM
    if value <= warning:
        return KriState.WARNING
    return KriState.OK

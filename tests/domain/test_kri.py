"""KRI thresholds and reading evaluation."""

from __future__ import annotations

import pytest

from opsdesk.domain.enums import Direction, KriState
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.kri import evaluate_reading, validate_thresholds

HIGHER = Direction.HIGHER_IS_WORSE
LOWER = Direction.LOWER_IS_WORSE


@pytest.mark.parametrize(
    ("value", "state"),
    [
        (0.0, KriState.OK),
        (4.99, KriState.OK),
        (5.0, KriState.WARNING),  # equal to warning counts as breached
        (9.99, KriState.WARNING),
        (10.0, KriState.ALARM),  # equal to alarm counts as breached
        (25.0, KriState.ALARM),
    ],
)
def test_higher_is_worse(value: float, state: KriState) -> None:
    assert evaluate_reading(value, HIGHER, warning=5, alarm=10) is state


@pytest.mark.parametrize(
    ("value", "state"),
    [
        (100.0, KriState.OK),
        (95.01, KriState.OK),
        (95.0, KriState.WARNING),  # equal to warning counts as breached
        (90.01, KriState.WARNING),
        (90.0, KriState.ALARM),  # equal to alarm counts as breached
        (-3.0, KriState.ALARM),
    ],
)
def test_lower_is_worse(value: float, state: KriState) -> None:
    assert evaluate_reading(value, LOWER, warning=95, alarm=90) is state


def test_equal_thresholds_go_straight_to_alarm() -> None:
    validate_thresholds(HIGHER, 10, 10)
    validate_thresholds(LOWER, 10, 10)
    assert evaluate_reading(9.5, HIGHER, 10, 10) is KriState.OK
    assert evaluate_reading(10, HIGHER, 10, 10) is KriState.ALARM
    assert evaluate_reading(10.5, LOWER, 10, 10) is KriState.OK
    assert evaluate_reading(10, LOWER, 10, 10) is KriState.ALARM


def test_direction_given_as_stored_string() -> None:
    assert evaluate_reading(7, "higher_is_worse", 5, 10) is KriState.WARNING  # type: ignore[arg-type]
    assert evaluate_reading(7, "lower_is_worse", 8, 6) is KriState.WARNING  # type: ignore[arg-type]


def test_inconsistent_higher_thresholds_refused() -> None:
    with pytest.raises(ValidationError) as info:
        validate_thresholds(HIGHER, warning=12, alarm=10)
    assert info.value.errors == {
        "warning": "For 'higher is worse' the warning threshold (12) "
        "must not be above the alarm threshold (10)."
    }


def test_inconsistent_lower_thresholds_refused() -> None:
    with pytest.raises(ValidationError) as info:
        validate_thresholds(LOWER, warning=0.5, alarm=0.75)
    assert info.value.errors == {
        "warning": "For 'lower is worse' the warning threshold (0.5) "
        "must not be below the alarm threshold (0.75)."
    }


def test_evaluate_reading_validates_thresholds_first() -> None:
    with pytest.raises(ValidationError) as info:
        evaluate_reading(11, HIGHER, warning=12, alarm=10)
    assert "warning" in info.value.errors
    with pytest.raises(ValidationError):
        evaluate_reading(80, LOWER, warning=90, alarm=95)


def test_not_a_number_refused() -> None:
    with pytest.raises(ValidationError) as info:
        evaluate_reading(float("nan"), HIGHER, 5, 10)
    assert "value" in info.value.errors
    with pytest.raises(ValidationError) as info:
        validate_thresholds(HIGHER, "5", 10)  # type: ignore[arg-type]
    assert "warning" in info.value.errors
    with pytest.raises(ValidationError) as info:
        validate_thresholds("sideways", 5, 10)  # type: ignore[arg-type]
    assert "direction" in info.value.errors

"""Fiscal quarters and reporting period keys."""

from __future__ import annotations

from datetime import date

import pytest

from opsdesk.domain.enums import Frequency
from opsdesk.domain.errors import ValidationError
from opsdesk.domain.periods import (
    Quarter,
    next_period,
    parse_quarter,
    period_bounds,
    period_key,
    periods_between,
    quarter_bounds,
    quarter_of,
)

APRIL = 4


# -- quarters ------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start_month", "label"),
    [
        (date(2026, 3, 31), APRIL, "2025-Q4"),
        (date(2026, 4, 1), APRIL, "2026-Q1"),
        (date(2026, 6, 30), APRIL, "2026-Q1"),
        (date(2026, 7, 1), APRIL, "2026-Q2"),
        (date(2026, 12, 31), APRIL, "2026-Q3"),
        (date(2027, 1, 1), APRIL, "2026-Q4"),
        (date(2027, 2, 15), APRIL, "2026-Q4"),
        (date(2026, 1, 1), 1, "2026-Q1"),
        (date(2026, 3, 31), 1, "2026-Q1"),
        (date(2026, 4, 1), 1, "2026-Q2"),
        (date(2026, 12, 31), 1, "2026-Q4"),
        (date(2026, 11, 30), 12, "2025-Q4"),
        (date(2026, 12, 1), 12, "2026-Q1"),
    ],
)
def test_quarter_of(day: date, start_month: int, label: str) -> None:
    quarter = quarter_of(day, start_month)
    assert quarter.label == label
    assert str(quarter) == label
    assert quarter.start_month == start_month
    assert quarter.contains(day)


def test_quarter_bounds_calendar_and_fiscal() -> None:
    assert quarter_bounds("2026-Q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert quarter_bounds("2026-Q3", APRIL) == (date(2026, 10, 1), date(2026, 12, 31))
    assert quarter_bounds("2026-Q1", APRIL) == (date(2026, 4, 1), date(2026, 6, 30))
    assert quarter_bounds("2026-Q4", APRIL) == (date(2027, 1, 1), date(2027, 3, 31))
    assert quarter_bounds("2024-Q1") == (date(2024, 1, 1), date(2024, 3, 31))
    # November start: Q2 spans the turn of the year's February..April.
    assert quarter_bounds("2026-Q2", 11) == (date(2027, 2, 1), date(2027, 4, 30))
    # A Quarter object keeps its own fiscal start.
    assert quarter_bounds(Quarter(2026, 3, APRIL)) == (date(2026, 10, 1), date(2026, 12, 31))


def test_quarter_navigation_and_order() -> None:
    q = Quarter(2026, 4, APRIL)
    assert q.next() == Quarter(2027, 1, APRIL)
    assert q.previous() == Quarter(2026, 3, APRIL)
    assert Quarter(2026, 1).previous() == Quarter(2025, 4)
    assert Quarter(2025, 4) < Quarter(2026, 1) < Quarter(2026, 2)
    assert q.first_day == date(2027, 1, 1)
    assert q.last_day == date(2027, 3, 31)
    assert not q.contains(date(2026, 12, 31))
    assert q.contains(date(2027, 3, 31))


@pytest.mark.parametrize("text", ["2026-Q3", "2026Q3", "2026 q3", "  2026-Q3  ", "2026-q3"])
def test_parse_quarter_accepts_common_forms(text: str) -> None:
    assert parse_quarter(text) == Quarter(2026, 3)
    assert parse_quarter(text, APRIL) == Quarter(2026, 3, APRIL)


def test_parse_quarter_refuses_quarter_5() -> None:
    with pytest.raises(ValidationError) as info:
        parse_quarter("2026-Q5")
    assert info.value.codes() == {"quarter": "period.not_a_quarter"}
    assert info.value.errors == {
        "quarter": "“2026-Q5” is not a quarter: use the form 2026-Q3 (quarters 1 to 4)."
    }
    assert info.value.message("zh_CN") == "“2026-Q5”不是季度：请使用 2026-Q3 这样的格式（季度 1 到 4）。"


@pytest.mark.parametrize("text", ["2026-Q0", "Q3 2026", "", "26-Q3", "2026-3", "2026-QQ3"])
def test_parse_quarter_refuses_garbage(text: str) -> None:
    with pytest.raises(ValidationError) as info:
        parse_quarter(text)
    assert set(info.value.errors) == {"quarter"}


@pytest.mark.parametrize("start_month", [0, 13, -1])
def test_bad_fiscal_start_month_refused(start_month: int) -> None:
    for call in (
        lambda: parse_quarter("2026-Q1", start_month),
        lambda: quarter_of(date(2026, 1, 1), start_month),
        lambda: Quarter(2026, 1, start_month),
        lambda: period_bounds("2026-Q1", start_month),
    ):
        with pytest.raises(ValidationError) as info:
            call()
        assert "start_month" in info.value.errors


def test_quarter_number_out_of_range_refused() -> None:
    with pytest.raises(ValidationError) as info:
        Quarter(2026, 5)
    assert "quarter" in info.value.errors


# -- period keys ---------------------------------------------------------


def test_period_key_for_each_frequency() -> None:
    day = date(2026, 2, 26)
    assert period_key(day, Frequency.MONTHLY) == "2026-02"
    assert period_key(day, Frequency.QUARTERLY) == "2026-Q1"
    assert period_key(day, Frequency.QUARTERLY, APRIL) == "2025-Q4"
    assert period_key(day, Frequency.WEEKLY) == "2026-W09"
    # ISO week year differs from the calendar year around new year.
    assert period_key(date(2025, 12, 29), Frequency.WEEKLY) == "2026-W01"
    assert period_key(date(2027, 1, 1), Frequency.WEEKLY) == "2026-W53"


@pytest.mark.parametrize(
    ("key", "start_month", "bounds"),
    [
        ("2026-02", 1, (date(2026, 2, 1), date(2026, 2, 28))),
        ("2024-02", 1, (date(2024, 2, 1), date(2024, 2, 29))),
        ("2026-12", APRIL, (date(2026, 12, 1), date(2026, 12, 31))),
        ("2026-Q1", 1, (date(2026, 1, 1), date(2026, 3, 31))),
        ("2026-Q1", APRIL, (date(2026, 4, 1), date(2026, 6, 30))),
        ("2026-W09", 1, (date(2026, 2, 23), date(2026, 3, 1))),
        ("2026-W01", 1, (date(2025, 12, 29), date(2026, 1, 4))),
        ("2026-W53", 1, (date(2026, 12, 28), date(2027, 1, 3))),
    ],
)
def test_period_bounds(key: str, start_month: int, bounds: tuple[date, date]) -> None:
    assert period_bounds(key, start_month) == bounds


@pytest.mark.parametrize(
    "key", ["2026-13", "2026-00", "2026-W00", "2026-W54", "2025-W53", "hello", "", "2026"]
)
def test_period_bounds_refuses_garbage(key: str) -> None:
    with pytest.raises(ValidationError) as info:
        period_bounds(key)
    assert set(info.value.errors) == {"period"}


def test_period_key_and_bounds_agree() -> None:
    for frequency in Frequency:
        key = period_key(date(2026, 8, 14), frequency, APRIL)
        first, last = period_bounds(key, APRIL)
        assert first <= date(2026, 8, 14) <= last


def test_next_period() -> None:
    assert next_period("2026-11") == "2026-12"
    assert next_period("2026-12") == "2027-01"
    assert next_period("2026-Q4") == "2027-Q1"
    assert next_period("2026-Q4", APRIL) == "2027-Q1"
    assert next_period("2026-W52") == "2026-W53"
    assert next_period("2026-W53") == "2027-W01"
    assert next_period("2025-W52") == "2026-W01"


def test_periods_between_months_quarters_weeks() -> None:
    assert periods_between("2026-11", "2027-02") == ["2026-11", "2026-12", "2027-01", "2027-02"]
    assert periods_between("2025-Q3", "2026-Q2", APRIL) == [
        "2025-Q3",
        "2025-Q4",
        "2026-Q1",
        "2026-Q2",
    ]
    assert periods_between("2025-W52", "2026-W02") == ["2025-W52", "2026-W01", "2026-W02"]
    assert periods_between("2026-03", "2026-03") == ["2026-03"]
    # Loose quarter spelling comes back in the canonical form.
    assert periods_between("2026q1", "2026 Q2") == ["2026-Q1", "2026-Q2"]


def test_periods_between_refuses_mixed_forms_and_reversed_range() -> None:
    with pytest.raises(ValidationError) as info:
        periods_between("2026-01", "2026-Q2")
    assert "period" in info.value.errors
    with pytest.raises(ValidationError) as info:
        periods_between("2026-05", "2026-04")
    assert info.value.codes() == {"period": "period.first_after_last"}
    assert info.value.errors == {"period": "The first period (2026-05) is after the last (2026-04)."}
    with pytest.raises(ValidationError):
        periods_between("2026-W10", "2026-W09")

"""Typed numbers and dates in a regional format: the same rules for display, editors and the importer."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from opsdesk.domain.regional import (
    SPREADSHEET_TEXT,
    RegionalFormat,
    date_hint,
    format_date,
    format_number,
    fraction_digits,
    parse_date,
    parse_number,
)

# The formats QLocale reports for the four locales OpsDesk is tested under.
GERMAN = RegionalFormat(",", ".", "dd.MM.yy")
FRENCH = RegionalFormat(",", "\u202f", "dd/MM/yyyy")
AMERICAN = RegionalFormat(".", ",", "M/d/yy")
CHINESE = RegionalFormat(".", ",", "yyyy/M/d")
ALL = [GERMAN, FRENCH, AMERICAN, CHINESE]


def test_a_german_threshold_reads_back_as_itself_not_a_thousand_times_more() -> None:
    assert format_number(0.025, GERMAN) == "0,025"
    assert parse_number("0,025", GERMAN) == 0.025
    # The bug: QLocale("de_DE").toDouble("0.025") is 25. A leading "0." is never a thousands group.
    assert parse_number("0.025", GERMAN) == 0.025
    assert parse_number("1.500", GERMAN) == 1500.0
    assert parse_number("1.500,50", GERMAN) == 1500.5
    assert parse_number("1.234.567,89", GERMAN) == 1234567.89


@pytest.mark.parametrize(
    ("regional", "typed", "expected"),
    [
        (FRENCH, "1\u202f234,5", 1234.5),
        (FRENCH, "1 234,5", 1234.5),
        (FRENCH, "0,5", 0.5),
        (AMERICAN, "1,234.5", 1234.5),
        (AMERICAN, "1.5", 1.5),
        (AMERICAN, "1,5", 1.5),  # a lone comma not followed by three digits is a decimal comma
        (AMERICAN, "1,500", 1500.0),
        (AMERICAN, "1.500,50", 1500.5),  # pasted from a German sheet: both separators, unambiguous
        (CHINESE, "１２３．５", 123.5),  # full-width digits from a Chinese input method
        (CHINESE, "−4", -4.0),
        (GERMAN, "-1,5e3", -1500.0),
        (GERMAN, "+7", 7.0),
    ],
)
def test_typed_numbers(regional: RegionalFormat, typed: str, expected: float) -> None:
    assert parse_number(typed, regional) == expected


@pytest.mark.parametrize(
    "typed", ["abc", "1,2,3", "1.2.3,4,5", "12,34,567", "--1", "1e", ",", "0.025.1", "1 2a"]
)
def test_text_that_is_no_number_is_refused(typed: str) -> None:
    for regional in ALL:
        with pytest.raises(ValueError):
            parse_number(typed, regional)


def test_blank_is_no_number_but_not_an_error() -> None:
    assert parse_number("  ", GERMAN) is None and parse_number("", AMERICAN) is None


def test_fifteen_significant_digits_and_no_exponent() -> None:
    assert format_number(1234567.89, AMERICAN) == "1234567.89"  # :g showed 1.23457e+06
    assert format_number(1234567.89, GERMAN) == "1234567,89"
    assert format_number(1234567.89, GERMAN, grouping=True) == "1.234.567,89"
    assert format_number(1234567.89, FRENCH, grouping=True) == "1\u202f234\u202f567,89"
    assert format_number(0.1 + 0.2, AMERICAN) == "0.3"
    assert format_number(123456789012.345, AMERICAN) == "123456789012.345"
    assert format_number(1e-7, AMERICAN) == "0.0000001"
    assert format_number(-2.0, GERMAN) == "-2" and format_number(None, GERMAN) == ""
    assert format_number(98.456, GERMAN, decimals=2) == "98,46"


@given(
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e12, max_value=1e12), st.sampled_from(ALL)
)
def test_what_is_shown_reads_back_within_fifteen_digits(value: float, regional: RegionalFormat) -> None:
    for grouping in (False, True):
        shown = format_number(value, regional, grouping=grouping)
        assert parse_number(shown, regional) == pytest.approx(value, rel=1e-14, abs=1e-300)


def test_fraction_digits_follow_the_reading() -> None:
    assert fraction_digits("0,025", GERMAN) == 3
    assert fraction_digits("1.500", GERMAN) == 0
    assert fraction_digits("1,500", AMERICAN) == 0
    assert fraction_digits("1,5", AMERICAN) == 1
    assert fraction_digits("x", AMERICAN) is None


def test_the_importer_reading_of_spreadsheet_text() -> None:
    assert parse_number("1,5") == 1.5
    assert parse_number("98,5") == 98.5
    assert parse_number("1,250") == 1250.0
    assert parse_number("1,250.5") == 1250.5
    assert parse_number("1,2345") == 1.2345
    assert SPREADSHEET_TEXT.decimal == "."


def test_dates_in_each_short_format() -> None:
    day = date(2026, 3, 7)
    assert [format_date(day, regional) for regional in ALL] == [
        "07.03.2026",
        "07/03/2026",
        "3/7/2026",
        "2026/3/7",
    ]
    for regional in ALL:
        assert parse_date(format_date(day, regional), regional) == day
        assert parse_date("2026-03-07", regional) == day  # ISO always
    assert parse_date("7.3.26", GERMAN) == day
    assert parse_date("3/7/26", AMERICAN) == day
    assert parse_date("07/03/2026", FRENCH) == day
    assert parse_date("07/03/2026", AMERICAN) == date(2026, 7, 3)
    assert parse_date("2026/3/7", CHINESE) == day
    assert parse_date("3/7/26", CHINESE) is None  # a one-digit year is no year
    assert parse_date("30.02.2026", GERMAN) is None
    assert parse_date("next week", GERMAN) is None
    assert [date_hint(regional) for regional in ALL] == ["DD.MM.YYYY", "DD/MM/YYYY", "M/D/YYYY", "YYYY/M/D"]


def test_a_format_needs_two_separators_and_a_whole_date() -> None:
    with pytest.raises(ValueError):
        RegionalFormat(",", ",", "dd.MM.yy")
    with pytest.raises(ValueError):
        RegionalFormat(",", ".", "MMMM yyyy")

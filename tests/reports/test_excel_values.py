"""Values as people type them into spreadsheets, and what the importer makes of them."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook

from opsdesk.domain.matrix import default_matrix
from opsdesk.reports.excel_import import WorkbookUnreadableError, read_workbook
from opsdesk.reports.excel_mapping import normalize_header
from opsdesk.reports.excel_values import (
    STATUS_WORDS,
    STRATEGY_WORDS,
    CellValueError,
    day_first_order,
    level_words,
    parse_choice,
    parse_date,
    parse_level,
    parse_number,
    parse_text,
)
from tests.reports.conftest import FIXTURES

MATRIX = default_matrix()
LIKELIHOOD = level_words(MATRIX.likelihood_labels, "likelihood")
IMPACT = level_words(MATRIX.impact_labels, "impact")


def likelihood(value: object) -> int:
    return parse_level(value, LIKELIHOOD, 5, "likelihood", MATRIX.likelihood_labels)


def impact(value: object) -> int:
    return parse_level(value, IMPACT, 5, "impact", MATRIX.impact_labels)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (4, 4), (4.0, 4), ("4", 4), ("4.0", 4), (" 4 ", 4), ("4 - Likely", 4), ("4 (Likely)", 4),
        ("Rare", 1), ("unlikely", 2), ("Possible", 3), ("LIKELY", 4), ("Almost certain", 5),
        ("Very low", 1), ("Low", 2), ("Medium", 3), ("High", 4), ("Very high", 5),
        ("很低", 1), ("低", 2), ("中", 3), ("高", 4), ("很高", 5), ("很可能", 4), ("４", 4),
    ],
)  # fmt: skip
def test_likelihood_levels(value: object, expected: int) -> None:
    assert likelihood(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Insignificant", 1),
        ("Minor", 2),
        ("Moderate", 3),
        ("Major", 4),
        ("Severe", 5),
        ("Very high", 5),
        ("严重", 5),
        ("Catastrophic", 5),
    ],
)
def test_impact_levels(value: object, expected: int) -> None:
    assert impact(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (4.5, "4.5 is not a whole number (use 1 to 5)."),
        ("4.5", "4.5 is not a whole number (use 1 to 5)."),
        (7, "7 is outside the matrix (1 to 5)."),
        (0, "0 is outside the matrix (1 to 5)."),
        ("7.0", "7 is outside the matrix (1 to 5)."),
        (True, "True is not a likelihood level."),
        (
            "catastrophic!!",
            "'catastrophic!!' is not a likelihood level: use 1 to 5 or Rare, Unlikely, Possible, "
            "Likely, Almost certain.",
        ),
    ],
)
def test_refused_levels(value: object, message: str) -> None:
    with pytest.raises(CellValueError) as refused:
        likelihood(value)
    assert str(refused.value) == message


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2026, 5, 31, 0, 0), date(2026, 5, 31)),
        (date(2026, 5, 31), date(2026, 5, 31)),
        (46173, date(2026, 5, 31)),  # an Excel serial number
        (46173.75, date(2026, 5, 31)),
        (1, date(1900, 1, 1)),
        ("2026-05-31", date(2026, 5, 31)),
        ("2026-05-31 14:30:00", date(2026, 5, 31)),
        ("2026/5/31", date(2026, 5, 31)),
        ("31/05/2026", date(2026, 5, 31)),
        ("31.05.2026", date(2026, 5, 31)),
        ("2026年5月31日", date(2026, 5, 31)),
        ("2026 年 5 月 31 号", date(2026, 5, 31)),
        ("31 May 2026", date(2026, 5, 31)),
        ("May 31, 2026", date(2026, 5, 31)),
        ("31-May-2026", date(2026, 5, 31)),
    ],
)
def test_dates(value: object, expected: date) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yesterday", "'yesterday' is not a date: write it as 2026-05-31 or 31/05/2026."),
        ("31/02/2026", "'31/02/2026' is not a valid date: write it as 2026-05-31 or 31/05/2026."),
        (-3, "-3 is not a date: write it as 2026-05-31 or 31/05/2026."),
        (False, "False is not a date: write it as 2026-05-31 or 31/05/2026."),
    ],
)
def test_refused_dates(value: object, message: str) -> None:
    with pytest.raises(CellValueError) as refused:
        parse_date(value)
    assert str(refused.value) == message


def test_a_column_of_us_dates_is_read_month_first() -> None:
    us = ["02/26/2026", "03/07/2026", None, 4]
    assert day_first_order(us) is False
    assert parse_date("03/07/2026", day_first=day_first_order(us)) == date(2026, 3, 7)
    assert day_first_order(["26/02/2026", "07/03/2026"]) is True
    assert day_first_order(["03/04/2026"]) is True  # ambiguous: day first, as written in most of the world


def test_numbers_text_and_choices() -> None:
    assert parse_number("1,250.5") == 1250.5 and parse_number("12%") == 12.0 and parse_number(3) == 3.0
    with pytest.raises(CellValueError, match="'n/a' is not a number."):
        parse_number("n/a")
    assert (
        parse_text(4.0) == "4" and parse_text(datetime(2026, 1, 2)) == "2026-01-02" and parse_text(None) == ""
    )
    assert parse_choice("In progress", STATUS_WORDS, "a risk status", []) == "treating"
    assert parse_choice("应对中", STATUS_WORDS, "a risk status", []) == "treating"
    assert parse_choice("Mitigate", STRATEGY_WORDS, "a response strategy", []) == "reduce"
    assert parse_choice("规避", STRATEGY_WORDS, "a response strategy", []) == "avoid"
    with pytest.raises(CellValueError, match="'Ignore' is not a response strategy: use Avoid, Reduce"):
        parse_choice("Ignore", STRATEGY_WORDS, "a response strategy", ["Avoid", "Reduce"])


def test_header_normalisation() -> None:
    assert normalize_header("  Likelihood (1-5) ") == "likelihood"
    assert normalize_header("Probability (%)") == "probability %"
    assert normalize_header("ＩＭＰＡＣＴ（1～5）") == "impact"
    assert normalize_header("Risk_ID:") == "risk id"


def test_cached_formula_values_are_read_not_the_formulas() -> None:
    source = read_workbook(FIXTURES / "risk_register_title_row.xlsx")
    first = source.rows[0].values
    assert (first[8], first[9]) == (3, "Low")  # =G3*H3 and the IF(...) level, as Excel cached them


def test_percent_cells_are_read_as_the_percentage_shown(tmp_path: Path) -> None:
    path = tmp_path / "percent.xlsx"
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["KRI", "Date", "Value"])
    sheet.append(["Overdue receivables %", date(2026, 5, 31), 0.076])
    sheet["C2"].number_format = "0.0%"
    workbook.save(path)
    assert read_workbook(path, kind="readings").rows[0].values[2] == 7.6


def test_a_damaged_sheet_is_refused_with_one_message(tmp_path: Path) -> None:
    good = tmp_path / "good.xlsx"
    workbook = Workbook()
    workbook.active.append(["Title", "Likelihood", "Impact"])
    workbook.active.append(["A risk", 3, 4])
    workbook.save(good)
    damaged = tmp_path / "damaged.xlsx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"<v>3</v>", b"<v>three</v>")
            target.writestr(item, data)
    with pytest.raises(WorkbookUnreadableError, match="damaged.xlsx could not be read as an Excel workbook"):
        read_workbook(damaged)


def test_a_lone_comma_in_a_text_cell_is_a_decimal_comma_unless_three_digits_follow() -> None:
    # It used to read "1,5" as 15.
    assert parse_number("1,5") == 1.5 and parse_number("98,5 %") == 98.5
    assert parse_number("1,500") == 1500.0 and parse_number("1.500,50") == 1500.5
    with pytest.raises(CellValueError, match="'1,2,3' is not a number."):
        parse_number("1,2,3")

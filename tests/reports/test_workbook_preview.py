"""What the import wizard shows of a workbook, read without Qt: sheets, the header's place, the guesses, the checks."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from opsdesk.reports.excel_import import ImportDefaults
from opsdesk.reports.excel_source import WorkbookPasswordError, WorkbookUnreadableError
from opsdesk.reports.workbook_password import encrypt_workbook
from opsdesk.reports.workbook_preview import (
    ColumnNote,
    DoubleField,
    column_notes,
    double_fields,
    first_value,
    missing_defaults,
    read_for_import,
    sheet_head,
)
from tests.reports.conftest import FIXTURES

TITLE_ROW = FIXTURES / "risk_register_title_row.xlsx"
BAD_VALUES = FIXTURES / "broken" / "bad_values.xlsx"


def test_the_head_of_a_sheet_is_its_first_rows_padded_to_the_widest(tmp_path: Path):
    names, shown, lines = sheet_head(TITLE_ROW, None, 5)
    assert names == ("Risk Register", "Legend") and shown == "Risk Register"
    assert [line.number for line in lines] == [1, 2, 3, 4, 5]
    assert len({len(line.values) for line in lines}) == 1  # one width for every line
    assert lines[1].values[:3] == ("Risk ID", "Date Identified", "Risk Title")
    assert lines[0].values[1:] == (None,) * (len(lines[0].values) - 1)  # the merged title fills one cell
    _names, legend, legend_lines = sheet_head(TITLE_ROW, "Legend", 3)
    assert legend == "Legend" and len(legend_lines) == 3
    _names, fallback, _lines = sheet_head(TITLE_ROW, "No such sheet", 2)
    assert fallback == "Risk Register"


def test_reading_for_import_finds_the_header_under_the_title_and_guesses_with_reasons(demo_database):
    read = read_for_import(demo_database, TITLE_ROW, kind="risks")
    assert read.source is not None and read.problem == ""
    assert read.sheet == "Risk Register" and read.source.header_row == 2 and len(read.source.rows) == 25
    assert read.mapping[0] == "reference" and read.mapping[9] == "inherent_level"
    assert read.lines[1].values[0] == "Risk ID"
    assert first_value(read.source, 0) == "RSK-001"
    notes = column_notes(read, read.mapping)
    assert notes[9] == ColumnNote("values are levels")  # the reason of the guess
    assert notes[8] == ColumnNote("calculated by OpsDesk")  # Risk Score is left out, with the reason
    # A guessed column the user leaves out says what it looks like, once no column holds that field.
    mapping = {index: key for index, key in read.mapping.items() if index != 16}
    assert notes.get(16) != column_notes(read, mapping)[16]
    assert column_notes(read, mapping)[16].looks_like == "residual_impact"
    # The user's choice has no guess to explain.
    assert column_notes(read, {**mapping, 9: "title"})[9] == ColumnNote("")


def test_a_sheet_without_a_register_header_comes_back_with_its_top_and_the_problem(demo_database):
    read = read_for_import(demo_database, TITLE_ROW, kind="risks", sheet="Legend")
    assert read.source is None and read.sheet == "Legend"
    assert "No header row found" in read.problem
    assert read.lines and read.mapping == {}
    assert column_notes(read, {}) == {}


def test_a_protected_workbook_needs_its_password_for_the_rows_and_the_top(demo_database, tmp_path: Path):
    path = tmp_path / "protected.xlsx"
    path.write_bytes(encrypt_workbook(TITLE_ROW.read_bytes(), "secret 1"))
    with pytest.raises(WorkbookPasswordError):
        read_for_import(demo_database, path, kind="risks")
    read = read_for_import(demo_database, path, kind="risks", password="secret 1")
    assert read.source is not None and read.lines[1].values[0] == "Risk ID"


def test_a_text_file_named_xlsx_is_refused(demo_database):
    with pytest.raises(WorkbookUnreadableError):
        read_for_import(demo_database, FIXTURES / "broken" / "not_excel.xlsx", kind="risks")


def test_a_field_for_two_columns_is_named_unless_it_takes_several():
    assert double_fields({6: "inherent_likelihood", 16: "inherent_likelihood", 2: "title"}, "risks") == [
        DoubleField("inherent_likelihood", (6, 16))
    ]
    assert double_fields({0: "details", 1: "details"}, "risks") == []
    assert double_fields({0: "numerator", 1: "numerator"}, "measurements") == []


def test_missing_defaults_are_the_fields_neither_a_column_nor_a_default_gives():
    assert missing_defaults({0: "title"}, ImportDefaults()) == ("department", "category", "identified_on")
    assert missing_defaults({0: "department"}, ImportDefaults(category="IT")) == ("identified_on",)
    assert missing_defaults({}, ImportDefaults("Ops", "IT", date(2026, 1, 1))) == ()

"""The export's cell styles are named styles registered once per workbook, through openpyxl's public API."""

from __future__ import annotations

import inspect
from datetime import date
from pathlib import Path

from openpyxl import Workbook, load_workbook

from opsdesk.domain.matrix import default_matrix
from opsdesk.reports import excel_style
from opsdesk.reports.excel_style import Column, StyleBook, write_data_sheet


def test_cells_carry_the_named_style_of_their_column(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    book = StyleBook(workbook, default_matrix())
    columns = (Column("code", "code"), Column("title", "wrap"), Column("next_review", "date"),
               Column("residual_level", "level"))  # fmt: skip
    rows = [["R-0001", "=SUM(A1:A2)", date(2026, 3, 1), "high"], ["R-0002", "Plain", None, None]]
    write_data_sheet(workbook, book, title="Register", table_name=None, columns=columns, rows=rows)
    workbook.save(tmp_path / "styles.xlsx")

    sheet = load_workbook(tmp_path / "styles.xlsx")["Register"]
    header, formula_like, when, level = sheet["A1"], sheet["B2"], sheet["C2"], sheet["D2"]
    assert header.style == "OpsDesk header"
    assert header.font.bold and header.fill.fgColor.rgb.endswith("1F4E78")
    assert sheet["A2"].style == "OpsDesk code" and sheet["A2"].font.bold
    # Text that looks like a formula stays text, and Excel keeps it so when edited (quote prefix).
    assert (formula_like.value, formula_like.data_type) == ("=SUM(A1:A2)", "s")
    assert formula_like.style == "OpsDesk wrap" and formula_like.quotePrefix
    assert formula_like.alignment.wrap_text
    assert sheet["B3"].style == "OpsDesk wrap" and not sheet["B3"].quotePrefix
    assert when.style == "OpsDesk date" and when.number_format == "yyyy-mm-dd"
    band = default_matrix().band("high")
    assert level.value == band.name and level.style == "OpsDesk level:high"
    assert level.fill.fgColor.rgb.endswith(band.color.lstrip("#").upper())


def test_each_style_is_registered_once_per_workbook() -> None:
    workbook = Workbook(write_only=True)
    StyleBook(workbook, default_matrix())
    names = workbook.named_styles
    ours = [name for name in names if name.startswith("OpsDesk ")]
    assert len(ours) == len(set(ours)) >= 20
    assert "OpsDesk header" in ours and "OpsDesk text:quoted" not in ours  # quoting is a cell flag


def test_no_private_style_array_is_read() -> None:
    """openpyxl's `cell._style` is private and changes between versions (#13)."""
    assert "._style" not in inspect.getsource(excel_style)


def test_each_row_grows_to_its_own_wrapped_text_when_rows_share_heights(tmp_path: Path) -> None:
    workbook = Workbook(write_only=True)
    book = StyleBook(workbook, default_matrix())
    columns = (Column("code", "text", 10), Column("title", "wrap", 20))
    long_text, longer_text = "word " * 12, "word " * 30
    rows = [("R-1", long_text), ("R-2", "short"), ("R-3", longer_text), ("R-4", long_text)]
    write_data_sheet(workbook, book, title="Sheet", table_name=None, columns=columns, rows=rows)
    workbook.save(tmp_path / "rows.xlsx")

    sheet = load_workbook(tmp_path / "rows.xlsx")["Sheet"]
    heights = {row: sheet.row_dimensions[row].height for row in range(2, 6)}
    expected = {
        2: excel_style.row_height(excel_style.wrapped_lines(long_text, 20)),
        3: None,  # one line: the sheet's default height
        4: excel_style.row_height(excel_style.wrapped_lines(longer_text, 20)),
        5: excel_style.row_height(excel_style.wrapped_lines(long_text, 20)),
    }
    assert heights == expected
    assert heights[4] > heights[2] > 15

"""The quarterly workbook on paper: page setup of every sheet, the register's printed columns, figures apart."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.utils import column_index_from_string, get_column_letter

from opsdesk.domain.matrix import default_matrix
from opsdesk.reports.charts.heatmap import build_heatmap_figure
from opsdesk.reports.excel_export import REGISTER_PRINT_KEYS, export_quarter
from opsdesk.reports.excel_style import SMALLEST_PRINT_SCALE, print_scale
from opsdesk.reports.excel_text import header
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY, export_demo_quarter

COMPANY = "Aldermoor Sensing Systems Ltd."
# A count run into a code ("2R-0025") or a score into a level ("16High").
RUN_TOGETHER = re.compile(r"^\d+\s?(?:[A-Z]{1,3}-\d|Critical|High|Medium|Low)")


@pytest.fixture(scope="module")
def workbook(demo_file: Path, tmp_path_factory: pytest.TempPathFactory):
    """Written once for the tests that only read it."""
    out, _summary = export_demo_quarter(demo_file, tmp_path_factory, user="Risk Manager")
    return load_workbook(out)


def test_every_sheet_prints_a4_landscape_one_page_wide_with_a_footer(workbook) -> None:
    assert len(workbook.worksheets) == 13
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape", sheet.title
        assert int(setup.paperSize) == 9, sheet.title  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage is True, sheet.title
        assert setup.fitToWidth == 1, sheet.title
        footer = sheet.oddFooter
        assert footer.left.text == COMPANY, sheet.title
        assert footer.center.text == "2026-Q3", sheet.title
        assert footer.right.text == "Page &P of &N", sheet.title
        if sheet.tables or sheet.auto_filter.ref:  # the data sheets repeat their header row
            assert sheet.print_title_rows == "$1:$1", sheet.title
    # The Summary is one page, wide and tall.
    assert workbook["Summary"].page_setup.fitToHeight == 1


def test_the_footer_escapes_an_ampersand_and_speaks_chinese(demo_database: Database, tmp_path: Path) -> None:
    from opsdesk.services import settings

    with demo_database.session() as session:
        settings.set_company_name(session=session, name="Smith & Sons")
    out = tmp_path / "zh.xlsx"
    export_quarter(demo_database, "2026-Q3", out, today=TODAY, include={"register"}, language="zh_CN")
    footer = load_workbook(out).worksheets[0].oddFooter
    assert footer.left.text == "Smith && Sons"  # "&S" would otherwise strike the text through
    assert footer.right.text == "第 &P 页，共 &N 页"


def test_the_register_prints_twelve_key_columns_at_8_pt_or_larger(workbook) -> None:
    sheet = workbook["Risk register"]
    area = sheet.print_area.split("!")[1].replace("$", "")
    first, last = area.split(":")
    assert first == "A1"
    last_column = column_index_from_string(re.match(r"[A-Z]+", last).group())
    assert last_column <= 12
    assert int(re.search(r"\d+", last).group()) == sheet.max_row  # every risk, header first
    printed = [sheet.cell(1, column).value for column in range(1, last_column + 1)]
    assert printed == [header(key) for key in REGISTER_PRINT_KEYS]
    # The screen and the filters keep every column.
    assert sheet.max_column > 30
    assert sheet.tables["RiskRegister"].ref == f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    # Fitting the printed columns to the page shrinks 10 pt text to no less than 8 pt.
    widths = [
        sheet.column_dimensions[get_column_letter(column)].width for column in range(1, last_column + 1)
    ]
    scale = print_scale(widths)
    assert scale >= SMALLEST_PRINT_SCALE
    for row in sheet.iter_rows(min_row=1, max_row=sheet.max_row, max_col=last_column):
        for cell in row:
            if cell.value is not None:
                assert cell.font.size * scale >= 8, cell.coordinate


def _runs_together(left, right) -> bool:
    """A number printed flush right against text printed flush left in the next cell."""
    if not isinstance(left.value, int | float | datetime) or not isinstance(right.value, str):
        return False
    number_at_right_edge = left.alignment.horizontal in (None, "general", "right")
    text_at_left_edge = right.alignment.horizontal in (None, "general", "left") and not right.alignment.indent
    return number_at_right_edge and text_at_left_edge


def test_figures_never_run_together(workbook) -> None:
    for name in ("Summary", "Risk register"):
        sheet = workbook[name]
        for row in sheet.iter_rows():
            for left, right in zip(row, row[1:], strict=False):
                assert not _runs_together(left, right), (name, left.coordinate, left.value, right.value)
            for cell in row:
                if isinstance(cell.value, str):
                    assert not RUN_TOGETHER.match(cell.value), (name, cell.coordinate, cell.value)
    # The register's score and level: centred, and indented.
    register = workbook["Risk register"]
    score = REGISTER_PRINT_KEYS.index("residual_score") + 1
    assert register.cell(2, score).alignment.horizontal == "center"
    assert register.cell(2, score + 1).alignment.indent >= 1


def test_the_heatmap_picture_for_paper_has_bigger_text() -> None:
    counts = {"inherent": {(1, 1): 3}, "residual": {(2, 2): 5}}
    screen = build_heatmap_figure(default_matrix(), counts)
    paper = build_heatmap_figure(default_matrix(), counts, text_scale=1.6)
    for screen_ax, paper_ax in zip(screen.axes, paper.axes, strict=True):
        for attribute in ("get_xticklabels", "get_yticklabels"):
            shown = getattr(screen_ax, attribute)()[0].get_fontsize()
            assert getattr(paper_ax, attribute)()[0].get_fontsize() == pytest.approx(shown * 1.6)
        assert paper_ax.xaxis.label.get_fontsize() == pytest.approx(
            screen_ax.xaxis.label.get_fontsize() * 1.6
        )
        assert paper_ax.texts[0].get_fontsize() == pytest.approx(screen_ax.texts[0].get_fontsize() * 1.6)


def test_the_summary_fits_one_page_with_its_blocks_side_by_side(workbook) -> None:
    from opsdesk.reports.excel_export import SUMMARY_RIGHT_WIDTHS, SUMMARY_WIDTHS

    sheet = workbook["Summary"]
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 1
    # The register's figures on the left, the rest beneath the picture on the right (H).
    left = [sheet.cell(row, 1).value for row in range(1, sheet.max_row + 1)]
    right = [sheet.cell(row, 8).value for row in range(1, sheet.max_row + 1)]
    assert "Top 10 risks by residual score" in left and "Open alerts" in right
    picture = sheet._images[0]
    assert (picture.anchor._from.col, picture.anchor._from.row) == (7, 2)  # H3
    # The right block starts below the picture, never under it.
    first_right = next(row for row, value in enumerate(right, start=1) if value)
    top = sum(sheet.row_dimensions[row].height or 15 for row in range(1, first_right))
    picture_top = sum(sheet.row_dimensions[row].height or 15 for row in range(1, 3))
    assert top >= picture_top + picture.anchor.ext.height / 12_700  # EMU to points
    # Fitting it to one page shrinks it to about two thirds, no more (10 pt text prints at 6.5 pt
    # or larger): the two blocks balance the page's width and height.
    assert print_scale((*SUMMARY_WIDTHS, 2, *SUMMARY_RIGHT_WIDTHS)) >= 0.65
    height = sum(sheet.row_dimensions[row].height or 15 for row in range(1, sheet.max_row + 1))
    printable_height = (210 / 25.4 - 1.2) * 72
    assert printable_height / height >= 0.65

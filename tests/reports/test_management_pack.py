"""The quarterly management pack (PDF) of the demo company: its pages, its words, its fonts, its password."""

from __future__ import annotations

import contextlib
import io
import re
from datetime import date
from pathlib import Path
from typing import NamedTuple

import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError

from opsdesk.cli import main
from opsdesk.domain.errors import OpsDeskError, ValidationError
from opsdesk.reports.excel_export import _collect
from opsdesk.reports.management_pack import PackSummary, write_management_pack
from opsdesk.store.database import open_database
from tests.registers import copy_register
from tests.reports.conftest import TODAY

QUARTER = "2026-Q3"
ENGLISH_TITLES = (
    "Summary",
    "Risk heatmaps: active risks per cell",
    "Top risks and their movement",
    "KRI breaches at the quarter's end",
    "Quality objectives and their control charts",
    "Nonconformities: Pareto of causes in the quarter",
    "Suggestions and rewards",
)


def page_texts(reader: PdfReader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def embedded_fonts(reader: PdfReader) -> dict[str, bool]:
    """Base font name -> whether the font program is embedded, over every page."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            descriptor = described["/FontDescriptor"].get_object()
            name = str(font["/BaseFont"]).split("+")[-1]
            fonts[name] = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    return fonts


@pytest.fixture(scope="module")
def demo_copy(demo_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_register(demo_template, tmp_path_factory.mktemp("pack") / "demo.db")


@pytest.fixture(scope="module")
def english_pack(demo_copy: Path) -> tuple[PackSummary, Path, list]:
    database = open_database(demo_copy, user="tester")
    try:
        out = demo_copy.parent / "pack.pdf"
        progress: list[int] = []
        summary = write_management_pack(
            database, QUARTER, out, today=TODAY, progress=lambda percent, _message: progress.append(percent)
        )
        with database.session() as session:
            data = _collect(session, QUARTER, ("summary",), user=None, today=TODAY, report=lambda *_: None)
        by_code = {risk.code: risk for risk in data.active}
        return summary, out, [[by_code[code] for code in data.figures.top], progress, data.figures]
    finally:
        database.dispose()


class LockedPack(NamedTuple):
    path: Path
    summary: PackSummary  # what write_management_pack returned to the command
    printed: str  # the command's standard output


@pytest.fixture(scope="module")
def locked_pack(demo_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> LockedPack:
    """`opsdesk report --pdf locked.pdf --password-stdin`, written once for the password and the command's tests."""
    out = tmp_path_factory.mktemp("locked") / "locked.pdf"
    summaries: list[PackSummary] = []
    printed = io.StringIO()

    def recorded(*args, **kwargs) -> PackSummary:
        summaries.append(write_management_pack(*args, **kwargs))
        return summaries[-1]

    args = ["--db", str(demo_copy), "report", "--quarter", QUARTER, "--pdf", str(out), "--password-stdin"]
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(printed):
        patch.setattr("opsdesk.reports.management_pack.write_management_pack", recorded)
        patch.setattr("sys.stdin", io.StringIO("board-2026\n"))
        assert main(args) == 0
    assert len(summaries) == 1
    return LockedPack(out, summaries[0], printed.getvalue())


def test_the_pack_holds_every_section_in_order_with_the_top_risks_and_their_scores(english_pack) -> None:
    summary, out, (top, progress, figures) = english_pack
    reader = PdfReader(out)
    texts = page_texts(reader)
    assert len(reader.pages) == len(summary.pages) == 8
    assert summary.quarter == QUARTER and summary.first_day == date(2026, 7, 1) and not summary.encrypted
    assert list(dict.fromkeys(summary.pages)) == list(ENGLISH_TITLES)
    for text, title in zip(texts[1:], summary.pages[1:], strict=True):
        assert title in text
    assert "Quarterly management pack 2026-Q3" in texts[0] and "Period: 2026-07-01" in texts[0]
    assert all(f"Page {number} of 8" in text for number, text in enumerate(texts, 1))
    assert progress[0] == 0 and progress[-1] == 100 and progress == sorted(progress)

    # The top risks page ranks the workbook's top 10, each with its residual score on its line.
    risks_page = texts[2]
    assert len(top) == 10
    for rank, risk in enumerate(top, 1):
        assert re.search(rf"\b{rank} {risk.code} .*? {risk.residual_score} ", risks_page), risk.code
    assert risks_page.index(top[0].code) < risks_page.index(top[-1].code)
    unranked = f"Risks without a residual assessment are not ranked: {figures.unassessed} ("
    assert figures.unassessed and unranked + ", ".join(figures.unassessed_codes) + ")" in risks_page


def test_the_pages_carry_the_quarter_s_figures(english_pack) -> None:
    _summary, out, (_top, _progress, figures) = english_pack
    texts = page_texts(PdfReader(out))
    assert f"Active risks {figures.active}" in texts[0] and figures.active == 36
    assert f"{figures.active} active risks; {figures.unassessed} without a residual assessment" in texts[1]
    assert "Inherent" in texts[1] and "Residual" in texts[1] and "Almost certain" in texts[1]
    # KRI breaches: the table and the small charts' texts (threshold labels) are text too.
    assert (
        "Critical SenseHub vulnerabilities open > 30 days" in texts[3]
        and "Readings of the last 12 months" in texts[3]
    )
    assert "Warning 3 count" in texts[3]
    # Quality objectives: chart type, centre line and limits in the table, charts with their legend.
    assert "Final inspection pass rate Operations p-chart 2026-09 96.91 98.5 97.99 99.01 Missed" in texts[4]
    assert "Control limits" in texts[4] and "UCL" in texts[4]
    assert "By 6M category" in texts[6] and "Cumulative share" in texts[6]
    assert "S-0013" in texts[7] and "Contributors of the quarter" in texts[7]


def test_the_fonts_are_embedded(english_pack) -> None:
    _summary, out, _ = english_pack
    fonts = embedded_fonts(PdfReader(out))
    assert fonts and all(fonts.values()), fonts


def test_the_chinese_pack_has_chinese_text_as_text_and_embedded_cjk_fonts(
    demo_copy: Path, tmp_path: Path
) -> None:
    database = open_database(demo_copy, user="tester")
    try:
        summary = write_management_pack(
            database, QUARTER, tmp_path / "pack-zh.pdf", language="zh_CN", today=TODAY
        )
    finally:
        database.dispose()
    reader = PdfReader(summary.path)
    texts = page_texts(reader)
    assert summary.pages[0] == "摘要" and "改进建议与奖励" in summary.pages
    assert "季度管理层报告 2026-Q3" in texts[0]
    assert "剩余风险分值前 10 位" in texts[2] and "风险编号" in texts[2]
    assert "第 3 页，共 8 页" in texts[2]
    fonts = embedded_fonts(reader)
    assert any("CJK" in name or "YaHei" in name or "Hei" in name for name in fonts), fonts
    assert all(fonts.values())


def test_a_password_encrypts_the_pack_in_memory(locked_pack: LockedPack) -> None:
    summary = locked_pack.summary
    assert summary.encrypted and summary.path == locked_pack.path
    assert [path.name for path in locked_pack.path.parent.iterdir()] == [
        "locked.pdf"
    ]  # no plain or temporary copy left
    data = summary.path.read_bytes()
    assert b"Quarterly management pack" not in data and b"/Encrypt" in data
    reader = PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    with pytest.raises(FileNotDecryptedError):
        reader.pages[0].extract_text()
    assert not PdfReader(io.BytesIO(data), password=None).decrypt("board-2025")
    opened = PdfReader(io.BytesIO(data), password="board-2026")
    assert "Quarterly management pack 2026-Q3" in opened.pages[0].extract_text()
    assert opened.trailer["/Encrypt"]["/V"] == 5  # AES-256


def test_a_wrong_file_name_or_an_empty_password_writes_nothing(demo_copy: Path, tmp_path: Path) -> None:
    database = open_database(demo_copy, user="tester")
    try:
        with pytest.raises(ValidationError):
            write_management_pack(database, QUARTER, tmp_path / "pack.xlsx", today=TODAY)
        with pytest.raises(OpsDeskError):
            write_management_pack(database, QUARTER, tmp_path / "pack.pdf", password="", today=TODAY)
    finally:
        database.dispose()
    assert list(tmp_path.iterdir()) == []


def test_the_command_line_writes_the_pack(locked_pack: LockedPack) -> None:
    out = locked_pack.path
    lines = locked_pack.printed.splitlines()
    assert (
        lines[0]
        == f"Wrote the management pack for {QUARTER} (2026-07-01 to 2026-09-30) -> {out} (8 pages, encrypted)"
    )
    assert lines[1:4] == [
        "  1. Summary",
        "  2. Risk heatmaps: active risks per cell",
        "  3. Top risks and their movement",
    ]
    reader = PdfReader(out, password="board-2026")
    assert len(reader.pages) == 8


def test_the_command_line_without_a_pdf_prints_the_quarters_figures(
    demo_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    assert main(["--db", str(demo_copy), "report", "--quarter", QUARTER]) == 0
    assert json.loads(capsys.readouterr().out)["quarter"] == QUARTER

"""The quarterly workbook in the user's language: Chinese headers, sheet names and labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from opsdesk.cli import main
from opsdesk.reports import excel_text, excel_text_zh
from opsdesk.reports.excel_export import export_quarter
from opsdesk.reports.excel_text import header, label, resolve_language, sheet_title, text, use_language
from opsdesk.services import settings
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY, export_demo_quarter

# Charts with Chinese labels are drawn here; whether a CJK font renders them is test_cjk_fonts' concern.
pytestmark = pytest.mark.filterwarnings("ignore:Glyph .* missing from font")


@pytest.fixture(scope="module")
def zh_book(demo_file: Path, tmp_path_factory: pytest.TempPathFactory):
    """Written once for the tests that only read it."""
    out, _summary = export_demo_quarter(demo_file, tmp_path_factory, user="风险经理", language="zh_CN")
    return load_workbook(out)


def test_zh_export_names_its_sheets_in_chinese(zh_book) -> None:
    assert zh_book.sheetnames == [
        "摘要", "风险登记册", "方法说明", "热力图", "关键风险指标", "指标读数", "警报", "预测预警", "措施", "质量目标",
        "不合格项", "质量分析会", "改进建议",
    ]  # fmt: skip


def test_zh_register_has_chinese_headers_and_labels(zh_book) -> None:
    sheet = zh_book["风险登记册"]
    headers = [cell.value for cell in sheet[1]]
    assert headers[:3] == ["风险编号", "风险名称", "风险类别"]  # the printed key columns come first
    for expected in ("固有可能性", "固有影响", "固有风险等级", "剩余可能性", "剩余影响", "剩余风险等级",
                     "目标风险等级", "应对策略", "超出风险偏好"):  # fmt: skip
        assert expected in headers
    values = {cell.value for row in sheet.iter_rows(min_row=2) for cell in row}
    # Stored codes and the seeded English band names read in Chinese too.
    assert values & {"风险降低", "风险接受", "风险转移", "风险规避"}
    assert values & {"低", "中", "高", "极高"}
    assert not values & {"Reduce", "Accept", "Medium", "High", "Critical"}


def test_zh_methodology_and_heatmap_sheets(zh_book) -> None:
    methodology = {cell.value for row in zh_book["方法说明"].iter_rows() for cell in row if cell.value}
    assert {"风险等级", "颜色", "风险偏好"} <= methodology
    assert "可能性 \\ 影响" in methodology
    heatmap = {cell.value for row in zh_book["热力图"].iter_rows() for cell in row if cell.value}
    assert {"可能性", "影响"} <= heatmap
    assert "5. 几乎肯定" in heatmap and "1. 可忽略" in heatmap
    summary = [cell.value for row in zh_book["摘要"].iter_rows() for cell in row if cell.value]
    assert "公司" in summary and "按剩余风险等级统计的活动风险" in summary


def test_english_stays_the_default(demo_database: Database, tmp_path: Path) -> None:
    out = tmp_path / "q3.xlsx"
    export_quarter(demo_database, "2026-Q3", out, today=TODAY, include={"register"})
    book = load_workbook(out)
    assert book.sheetnames == ["Risk register"]
    assert [cell.value for cell in book["Risk register"][1]][:2] == ["Code", "Title"]
    assert header("code") == "Code"


def test_language_is_scoped_to_the_block() -> None:
    with use_language("zh_CN"):
        assert (header("likelihood"), header("impact"), header("level")) == ("可能性", "影响", "风险等级")
        assert sheet_title("register") == "风险登记册"
        assert label("six_m", "man") == "人员" and label("strategy", "avoid") == "风险规避"
        assert text("more", count=3) == "… 另有 3 项"
        assert header("no_such_key") == "no_such_key"
    assert header("likelihood") == "Likelihood"
    with use_language("fr"):  # an unsupported language writes English
        assert header("likelihood") == "Likelihood"


def test_chinese_tables_cover_every_english_key() -> None:
    assert set(excel_text_zh.HEADERS) == set(excel_text.HEADERS)
    assert set(excel_text_zh.SHEET_TITLES) == set(excel_text.SHEET_TITLES)
    assert set(excel_text_zh.TEXTS) == set(excel_text.TEXTS)
    for kind, codes in excel_text.LABELS.items():
        assert set(excel_text_zh.LABELS[kind]) == set(codes), kind
    for key, english in excel_text.TEXTS.items():
        assert sorted(_fields(excel_text_zh.TEXTS[key])) == sorted(_fields(english)), key
    # Sheet names: Excel allows 31 characters and no []:*?/\
    assert all(
        len(title) <= 31 and not set(title) & set("[]:*?/\\") for title in excel_text_zh.SHEET_TITLES.values()
    )


def test_seeded_matrix_names_are_all_translated() -> None:
    from opsdesk.domain.matrix import default_matrix

    matrix = default_matrix()
    names = [band.name for band in matrix.bands] + list(matrix.likelihood_labels) + list(matrix.impact_labels)
    assert set(names) == set(excel_text_zh.MATRIX_NAMES)


def test_resolve_language(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_language("zh_CN") == "zh_CN"
    assert resolve_language("en") == "en"
    for name in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert resolve_language("system") == "zh_CN"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert resolve_language("system") == "en"


def test_cli_export_follows_the_stored_language(demo_database: Database, tmp_path: Path) -> None:
    with demo_database.session() as session:
        settings.set_language(session=session, language="zh_CN")
    path = str(demo_database.path)
    demo_database.dispose()
    out = tmp_path / "cli.xlsx"
    assert (
        main(["--db", path, "export", "--quarter", "2026-Q3", "--out", str(out), "--include", "register"])
        == 0
    )
    assert load_workbook(out).sheetnames == ["风险登记册"]
    assert main(["--db", path, "export", "--quarter", "2026-Q3", "--out", str(out), "--include", "register",
                 "--language", "en"]) == 0  # fmt: skip
    assert load_workbook(out).sheetnames == ["Risk register"]


def _fields(template: str) -> list[str]:
    import string

    return [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name is not None]

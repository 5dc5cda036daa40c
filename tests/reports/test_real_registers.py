"""Real registers import as a new user runs them: no options, twice without duplicates."""

from __future__ import annotations

from pathlib import Path

import pytest

from opsdesk.cli import main
from opsdesk.reports.excel_export import export_quarter
from opsdesk.reports.excel_import import UNCHANGED, apply_import, preview_import, read_workbook
from opsdesk.reports.excel_text import header
from opsdesk.store.database import Database, open_database
from tests.reports.conftest import FIXTURES, TODAY, row_counts

REGISTERS = sorted(path.name for path in FIXTURES.glob("risk_register_*.xlsx"))


def _risk_count(path: Path) -> int:
    database = open_database(path, create=False)
    try:
        with database.session() as session:
            return row_counts(session)[0]
    finally:
        database.dispose()


def test_every_register_fixture_is_here() -> None:
    assert {"risk_register_security_style.xlsx", "risk_register_threat_style.xlsx", "risk_register_title_row.xlsx",
            "risk_register_text_levels.xlsx", "risk_register_zh.xlsx"} <= set(REGISTERS)  # fmt: skip


@pytest.mark.parametrize("name", REGISTERS)
def test_a_register_imports_with_no_options_and_twice_without_duplicates(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new_db = tmp_path / "new.db"
    assert main(["--db", str(new_db), "import", str(FIXTURES / name)]) == 0, capsys.readouterr()
    first = _risk_count(new_db)
    assert first > 0
    capsys.readouterr()
    assert main(["--db", str(new_db), "import", str(FIXTURES / name)]) == 0, capsys.readouterr()
    out = capsys.readouterr().out
    assert _risk_count(new_db) == first
    assert f"{first} unchanged" in out


@pytest.mark.parametrize("language", ["en", "zh_CN"])
def test_the_english_and_chinese_exports_reimport_with_no_changes(
    demo_database: Database, tmp_path: Path, language: str
) -> None:
    out = tmp_path / "register.xlsx"
    export_quarter(demo_database, "2026-Q4", out, include={"register"}, today=TODAY, language=language)
    source = read_workbook(out)
    with demo_database.session() as session:
        before = row_counts(session)
        preview = preview_import(session=session, source=source, today=TODAY)  # the guess, from headers and values
        assert preview.ok, [str(p) for p in preview.problems]
        assert [row for row in preview.rows if row.action != UNCHANGED] == []
        # Only the export's own "Workbook details" column is a detail; every other column has its field.
        details = [preview.source.header_of(i) for i, key in preview.mapping.items() if key == "details"]
        assert details == [header("details")] if language == "en" else details == ["工作簿信息"], details
        result = apply_import(session=session, preview=preview)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 40)
        assert result.describe() == "40 unchanged, 0 updated, 0 created."
        assert row_counts(session) == before

"""Real registers import as a new user runs them: no options, twice without duplicates."""

from __future__ import annotations

from datetime import date
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
        preview = preview_import(
            session=session, source=source, today=TODAY
        )  # the guess, from headers and values
        assert preview.ok, [str(p) for p in preview.problems]
        assert [row for row in preview.rows if row.action != UNCHANGED] == []
        # Only the export's own "Workbook details" column is a detail; every other column has its field.
        details = [preview.source.header_of(i) for i, key in preview.mapping.items() if key == "details"]
        assert details == [header("details")] if language == "en" else details == ["工作簿信息"], details
        result = apply_import(session=session, preview=preview)
        assert (result.created, result.updated, result.unchanged) == (0, 0, 40)
        assert result.describe() == "40 unchanged, 0 updated, 0 created."
        assert row_counts(session) == before


def test_risks_without_department_or_category_go_to_one_real_unassigned_entry(tmp_path: Path) -> None:
    from opsdesk.services import actions, risks, settings

    new_db = tmp_path / "new.db"
    assert main(["--db", str(new_db), "import", str(FIXTURES / "risk_register_threat_style.xlsx")]) == 0
    assert main(["--db", str(new_db), "import", str(FIXTURES / "risk_register_security_style.xlsx")]) == 0
    database = open_database(new_db, create=False)
    try:
        with database.session() as session:
            departments = [d.name for d in settings.list_departments(session=session)]
            categories = [c.name for c in settings.list_categories(session=session)]
            assert departments.count("Unassigned") == 1 and categories.count("Unassigned") == 1
            assert (
                risks.count_unassigned(session=session) == 21
            )  # needing attention: the 22 but the closed one
            listed = risks.list_risks(session=session)
            assert {(r.department, r.category) for r in listed} == {("Unassigned", "Unassigned")}
            first = next(r for r in listed if r.reference == "ISR-01")
            assert first.controls == "Daily backups; MFA on VPN"
            assert first.details == "Asset: ERP\nThreat Source: Environment"
            assert (first.inherent_likelihood, first.inherent_impact) == (2, 2)
            assert first.identified_on == date(2026, 10, 15)  # the row's earliest date, before the workbook's
            threat = next(r for r in listed if r.title == "Contract penalty clauses")
            assert (threat.reference, threat.inherent_likelihood, threat.inherent_impact) == ("2", 4, 4)
            assert threat.consequence == ""  # "Consequence" held impact levels, not text
            assert threat.status == "assessed"  # "Not Started", then assessed on import
            plan = actions.list_actions(session=session, risk_id=threat.id)
            assert [(a.title, a.owner, a.due_date) for a in plan] == [
                ("Add a second approver; train staff", "Tom Hughes", date(2026, 11, 15))
            ]
            statuses = {r.reference: r.status for r in listed if r.reference.startswith("ISR")}
            assert (statuses["ISR-03"], statuses["ISR-04"], statuses["ISR-05"]) == (
                "monitoring",
                "monitoring",
                "closed",
            )
    finally:
        database.dispose()


def test_a_run_of_skipped_rows_is_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    workbook = FIXTURES / "risk_register_security_style.xlsx"
    assert (
        main(["--db", str(tmp_path / "new.db"), "import", str(workbook), "--dry-run", "--language", "en"])
        == 0
    )
    out = capsys.readouterr().out
    assert "Rows 17 to 60 skipped: template formulas only." in out
    assert "Rows 63 to 64 skipped: footer text." in out
    assert "Row 17 skipped" not in out

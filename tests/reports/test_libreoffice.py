"""The exported workbook opens in LibreOffice, not only in openpyxl: its sheets convert to CSV with our values."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from sqlmodel import Session

from opsdesk.reports.excel_export import export_quarter
from opsdesk.services import risks, settings
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pytestmark = pytest.mark.skipif(
    SOFFICE is None, reason="LibreOffice (soffice) is not on PATH; .ci/run installs libreoffice-calc-nogui"
)
# UTF-8, comma separated, double quotes, raw cell values (token 9), one CSV per sheet (token 12: -1, LibreOffice 7.2+).
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _to_csv(workbook: Path, folder: Path) -> dict[str, list[list[str]]]:
    profile = folder / "lo-profile"  # a private profile: no clash with another running LibreOffice
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", CSV_FILTER,
         "--outdir", str(folder), str(workbook)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    sheets = {}
    for path in folder.glob(f"{workbook.stem}-*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            sheets[path.stem[len(workbook.stem) + 1 :]] = list(csv.reader(handle))
    return sheets


def _add_risk(session: Session, title: str) -> None:
    risks.create_risk(
        session=session,
        data=risks.RiskInput(
            title=title, category_id=settings.category_id(session=session, code_or_name="financial"),
            department_id=settings.department_id(session=session, name="Finance"), identified_on=date(2026, 8, 3),
            owner="Li Wei",
        ),
        assessments=[risks.AssessmentInput("residual", 5, 5, date(2026, 8, 4))],
        today=TODAY,
    )  # fmt: skip


def test_libreoffice_reads_the_export(demo_database: Database, tmp_path: Path) -> None:
    with demo_database.session() as session:
        _add_risk(session, '=HYPERLINK("http://x","y")')
        register = {r.code: r for r in risks.list_risks(session=session, today=TODAY)}
    out = tmp_path / "q3.xlsx"
    summary = export_quarter(demo_database, "2026-Q3", out, today=TODAY)
    sheets = _to_csv(out, tmp_path)
    assert set(sheets) == set(summary.sheets)

    rows = sheets["Risk register"]
    header = rows[0]
    assert header[:4] == ["Code", "Title", "Category", "Department"]  # the printed key columns first
    assert len(rows) - 1 == summary.rows["Risk register"]
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    first = register["R-0001"]
    assert by_code["R-0001"]["Title"] == first.title
    assert by_code["R-0001"]["Identified on"] == first.identified_on.isoformat()  # a date, formatted as one
    assert by_code["R-0001"]["Residual score"] == str(first.residual_score)
    assert by_code["R-0001"]["Inherent financial impact"] == "1800000"  # a number, not text
    # The formula-looking title is text: LibreOffice neither evaluates it nor shows "y".
    injected = next(
        row for row in by_code.values() if row["Owner"] == "Li Wei" and row["Title"].startswith("=")
    )
    assert injected["Title"] == '=HYPERLINK("http://x","y")'
    assert injected["Residual level"] == "Critical"

    summary_rows = sheets["Summary"]
    assert summary_rows[0][0] == "Aldermoor Sensing Systems Ltd. - Quarterly risk and quality report"
    assert ["Quarter", "2026-Q3"] == summary_rows[3][:2]
    heatmap = sheets["Heatmap"]
    assert heatmap[2][2] == "Inherent risk heatmap: active risks per cell"
    assert sheets["Methodology"][4][:2] == ["5. Almost certain", "Medium (5)"]

"""The residual top 10 is the same list on the dashboard and in the export's Summary, on the demo."""

from __future__ import annotations

from datetime import UTC, date
from pathlib import Path

from openpyxl import load_workbook

from opsdesk.domain.figures import alert_open_on
from opsdesk.reports.excel_export import SUMMARY_ALERTS, export_quarter
from opsdesk.reports.excel_text import text
from opsdesk.services import alerts, kris, risks
from opsdesk.services.dashboard import dashboard_numbers
from opsdesk.store.database import Database
from tests.reports.conftest import TODAY


def _summary_top_codes(path: Path) -> list[str]:
    sheet = load_workbook(path)["Summary"]
    values = [row[0] for row in sheet.iter_rows(values_only=True)]
    start = values.index(text("top_risks")) + 2  # the section title, then the header row
    codes = []
    for value in values[start:]:
        if not value:
            break
        codes.append(value)
    return codes


def test_residual_top_10_agrees_and_leaves_out_unassessed_risks(
    demo_database: Database, tmp_path: Path
) -> None:
    with demo_database.session() as session:
        numbers = dashboard_numbers(session=session, today=TODAY)
        unassessed = [
            r.code
            for r in risks.list_risks(session=session, today=TODAY)
            if r.residual_score is None and r.status != "closed" and not r.archived
        ]
    assert numbers.top, "the demo has risks with a residual assessment"
    assert all(r.residual_score is not None for r in numbers.top)
    # The demo's R-0035 has no residual assessment: counted apart, never ranked by its inherent score.
    assert "R-0035" in unassessed
    assert numbers.unassessed == len(unassessed)
    assert "R-0035" not in [r.code for r in numbers.top]

    out = tmp_path / "q3.xlsx"
    export_quarter(demo_database, "2026-Q3", out, today=TODAY, user="Risk Manager")
    summary_codes = _summary_top_codes(out)
    assert "R-0035" not in summary_codes
    # The 2026-Q3 report shows the register as it stood on 30 September: the dashboard's list on that day.
    with demo_database.session() as session:
        at_quarter_end = dashboard_numbers(session=session, today=date(2026, 9, 30))
    assert summary_codes == [r.code for r in at_quarter_end.top]


def test_a_past_quarters_open_alerts_are_those_open_on_its_last_day(
    demo_database: Database, tmp_path: Path
) -> None:
    from datetime import datetime

    from opsdesk.store.models import Alert

    with demo_database.session() as session:
        kri_id = kris.list_kris(session=session)[0].id
        session.add(
            Alert(
                kind="kri",
                kri_id=kri_id,
                severity="alarm",
                message="Raised in December",
                raised_on=date(2026, 12, 2),
            )
        )
        session.add(
            Alert(
                kind="kri",
                kri_id=kri_id,
                severity="alarm",
                message="Resolved in October",
                state="resolved",
                raised_on=date(2026, 9, 20),
                acknowledged_at=datetime(2026, 10, 1, 9, 0, tzinfo=UTC),
                resolved_at=datetime(2026, 10, 2, 9, 0, tzinfo=UTC),
            )
        )
    with demo_database.session() as session:
        every = alerts.list_alerts(session=session)
    end = date(2026, 9, 30)
    expected = [
        a
        for a in every
        if a.kind != "forecast" and alert_open_on(end, raised_on=a.raised_on, resolved_at=a.resolved_at)
    ]
    out = tmp_path / "q3.xlsx"
    export_quarter(demo_database, "2026-Q3", out, include={"summary", "alerts"}, today=TODAY)
    rows = [[cell.value for cell in row] for row in load_workbook(out)["Summary"].iter_rows()]
    # The open alerts sit in the Summary's right block, from column H.
    open_row = next(i for i, row in enumerate(rows) if row[7] == text("open_alerts"))
    assert rows[open_row][8] == len(expected)
    listed = {
        row[8]: row[9] for row in rows[open_row + 1 : open_row + 1 + min(len(expected), SUMMARY_ALERTS)]
    }
    assert "Raised in December" not in listed
    # Open on 30 September, resolved since: listed with the state it had then.
    assert listed.get("Resolved in October") == "Open"

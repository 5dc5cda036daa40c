"""Closing a quarter: the report kept at closing comes back the same, whatever changed since."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from opsdesk.cli import main
from opsdesk.domain.errors import ValidationError
from opsdesk.reports.excel_export import close_quarter, export_quarter
from opsdesk.reports.excel_import import ImportDefaults, apply_import, preview_import, read_workbook
from opsdesk.services import kris, quarters, risks, settings
from opsdesk.services.kris import ReadingInput
from opsdesk.services.risks import RiskInput
from opsdesk.store.audit_chain import anchor_text
from opsdesk.store.database import Database
from opsdesk.store.models import Alert, AuditEntry
from tests.reports.conftest import FIXTURES, TODAY

DECEMBER = date(2026, 12, 5)


def _cells(path: Path) -> dict[str, list[list[object]]]:
    workbook = load_workbook(path)
    return {
        sheet.title: [[cell.value for cell in row] for row in sheet.iter_rows()]
        for sheet in workbook.worksheets
    }


def _december_changes(database: Database) -> None:
    """Risks, readings and alerts dated in December, and a workbook imported."""
    with database.session() as session:
        risks.create_risk(session=session, today=DECEMBER, data=RiskInput(
            title="Raised in December", owner="Mia Chen", identified_on=date(2026, 12, 1),
            category_id=settings.category_id(session=session, code_or_name="operational"),
            department_id=settings.department_id(session=session, name="Operations"),
        ))  # fmt: skip
        kri = kris.list_kris(session=session)[0]
        kris.record_readings(
            session=session,
            kri_id=kri.id,
            today=DECEMBER,
            rows=[ReadingInput(date(2026, 12, 2), kri.alarm * 2 + 1, "December")],
        )
        session.add(
            Alert(
                kind="kri",
                kri_id=kri.id,
                severity="alarm",
                message="Raised in December",
                raised_on=date(2026, 12, 3),
            )
        )
        # An alert open on 30 September resolved since: the kept report still shows it open.
        for alert in session.exec(
            select(Alert).where(Alert.state != "resolved", Alert.raised_on <= date(2026, 9, 30))
        ):
            alert.state, alert.resolved_at, alert.resolved_by = (
                "resolved",
                datetime(2026, 12, 4, tzinfo=UTC),
                "tester",
            )
            session.add(alert)
    with database.session() as session:
        source = read_workbook(FIXTURES / "risk_register_title_row.xlsx", kind="risks")
        defaults = ImportDefaults(
            department="Operations", category="Operational", identified_on=date(2026, 8, 1)
        )
        preview = preview_import(session=session, source=source, defaults=defaults, today=DECEMBER)
        assert preview.ok, [str(p) for p in preview.problems]
        apply_import(session=session, preview=preview)


def test_a_closed_quarter_exports_the_same_figures_and_rows_whatever_changed(
    demo_database: Database, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with demo_database.write_session() as session:
        state = close_quarter(session, "2026-Q3", today=TODAY, user="Risk Manager")
    assert state.is_closed and state.anchor_entry > 0
    first = tmp_path / "q3-closed.xlsx"
    export_quarter(demo_database, "2026-Q3", first, today=TODAY, user="someone else")
    summary = load_workbook(first)["Summary"]
    texts = [row[0] for row in summary.iter_rows(values_only=True)]
    assert anchor_text(state.anchor_entry, state.anchor_hash) in texts  # the line `check --against` reads
    with demo_database.session() as session:
        kept = quarters.kept_report(session=session, quarter="2026-Q3")
        # The closing is in the audit trail, after the entry the report is anchored to.
        closing = session.exec(select(AuditEntry).where(AuditEntry.entity == "closedquarter")).all()
    assert kept is not None and closing and all(entry.id > state.anchor_entry for entry in closing)

    _december_changes(demo_database)
    with demo_database.session() as session:  # the changes happened: the open register moved
        now = risks.count_active(session=session, today=DECEMBER)
    assert now > kept.figures["active_risks"]

    again = tmp_path / "q3-again.xlsx"
    export_quarter(demo_database, "2026-Q3", again, today=DECEMBER)
    before, after = _cells(first), _cells(again)
    assert list(before) == list(after)
    for title in before:
        assert before[title] == after[title], title
    assert "Raised in December" not in json.dumps(after, default=str)

    # report --json gives the figures kept at closing, and check --against finds history intact.
    path = str(demo_database.path)
    assert main(["--db", path, "report", "--quarter", "2026-Q3", "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["active_risks"] == kept.figures["active_risks"]
    assert printed["residual_top_10"] == kept.figures["residual_top_10"]
    assert printed["closed"]["history_up_to_entry"] == state.anchor_entry
    assert main(["--db", path, "check", "--against", str(again)]) == 0
    assert f"history up to entry #{state.anchor_entry} is unchanged" in capsys.readouterr().out


def test_reopening_needs_a_reason_and_is_audited(demo_database: Database) -> None:
    with demo_database.write_session() as session:
        close_quarter(session, "2026-Q3", today=TODAY)
    with pytest.raises(ValidationError) as refused, demo_database.session() as session:
        quarters.reopen_quarter(session=session, quarter="2026-Q3", reason="  ")
    assert refused.value.problems[0].code == "quarter.reason_needed"
    with demo_database.session() as session:
        with pytest.raises(ValidationError) as twice:
            close_quarter(session, "2026-Q3", today=TODAY)
        assert twice.value.problems[0].code == "quarter.already_closed"
        with pytest.raises(ValidationError) as early:
            close_quarter(session, "2026-Q4", today=TODAY)
        assert early.value.problems[0].code == "quarter.not_ended"
    with demo_database.session() as session:
        state = quarters.reopen_quarter(
            session=session, quarter="2026-Q3", reason="Late readings from the plant"
        )
    assert state.state == "reopened"
    with demo_database.session() as session:
        entries = session.exec(
            select(AuditEntry).where(
                AuditEntry.entity == "closedquarter", AuditEntry.field == "reopen_reason"
            )
        ).all()
        listed = {q.quarter: q.state for q in quarters.list_quarters(session=session, today=TODAY)}
        assert quarters.kept_report(session=session, quarter="2026-Q3") is None
    assert [entry.new_value for entry in entries] == ["Late readings from the plant"]
    assert listed["2026-Q3"] == "reopened" and listed["2026-Q4"] == "open"


def test_on_a_server_only_an_administrator_closes_and_the_server_audits_it() -> None:
    from opsdesk.domain.access import Access
    from opsdesk.domain.errors import OpsDeskError
    from tests.postgres import fresh_postgres_database, server_url, sign_in_as

    server_url()  # a skip without a test server
    with fresh_postgres_database() as register:
        with register.session() as session:
            risks.create_risk(session=session, today=TODAY, data=RiskInput(
                title="Key supplier fails", owner="Mia Chen", identified_on=date(2026, 8, 3),
                category_id=settings.category_id(session=session, code_or_name="operational"),
                department_id=settings.department_id(session=session, name="Operations"),
            ))  # fmt: skip
        editor = sign_in_as(register, Access.EDITOR)
        try:
            with pytest.raises(OpsDeskError), editor.write_session() as session:
                close_quarter(session, "2026-Q3", today=TODAY)
        finally:
            editor.dispose()
        admin = sign_in_as(register, Access.ADMIN)
        try:
            with admin.write_session() as session:
                state = close_quarter(session, "2026-Q3", today=TODAY)
            with admin.session() as session:
                kept = quarters.kept_report(session=session, quarter="2026-Q3")
                entries = session.exec(select(AuditEntry).where(AuditEntry.entity == "closedquarter")).all()
        finally:
            admin.dispose()
    assert kept is not None and kept.figures["active_risks"] == 1 and state.anchor_entry > 0
    assert entries and all(entry.id > state.anchor_entry for entry in entries)

"""The Reports page's quarters: listed with their state, closed and reopened with a reason."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from sqlmodel import select

from opsdesk.services import quarters
from opsdesk.store.models import AuditEntry
from opsdesk.ui.pages.reports import ReportsPage

TODAY = date(2026, 11, 24)


def _row(page: ReportsPage, quarter: str) -> int:
    return next(
        row
        for row in range(page.quarters_table.rowCount())
        if page.quarters_table.item(row, 0).text() == quarter
    )


def test_closing_and_reopening_a_quarter_from_the_reports_page(qtbot, demo_context, demo_database) -> None:
    page = ReportsPage(demo_context, today=TODAY)
    qtbot.addWidget(page)
    page.resize(1166, 760)
    page.show()
    qtbot.waitExposed(page)
    table = page.quarters_table
    assert table.item(_row(page, "2026-Q4"), 2).text() == "Open"
    page.quarters_table.selectRow(_row(page, "2026-Q4"))
    assert not page.close_quarter_button.isEnabled()  # under way: it cannot be closed yet

    table.selectRow(_row(page, "2026-Q3"))
    assert page.close_quarter_button.isEnabled() and not page.reopen_quarter_button.isEnabled()
    qtbot.mouseClick(page.close_quarter_button, Qt.MouseButton.LeftButton)
    row = _row(page, "2026-Q3")
    assert table.item(row, 2).text() == "Closed"
    with demo_database.session() as session:
        state = quarters.quarter_state(session=session, quarter="2026-Q3")
    assert state.is_closed and f"entry #{state.anchor_entry}" in table.item(row, 3).text()

    page.ask_reason = lambda _parent, _quarter: ""  # no reason: refused, still closed
    messages = []
    import opsdesk.ui.messages as ui_messages

    original = ui_messages.show_error
    ui_messages.show_error = lambda _parent, title, text: messages.append(text)
    try:
        table.selectRow(row)
        qtbot.mouseClick(page.reopen_quarter_button, Qt.MouseButton.LeftButton)
        assert messages and "reason" in messages[0]
        assert table.item(_row(page, "2026-Q3"), 2).text() == "Closed"
        page.ask_reason = lambda _parent, _quarter: "Late readings from the plant"
        table.selectRow(_row(page, "2026-Q3"))
        qtbot.mouseClick(page.reopen_quarter_button, Qt.MouseButton.LeftButton)
    finally:
        ui_messages.show_error = original
    row = _row(page, "2026-Q3")
    assert table.item(row, 2).text() == "Reopened"
    assert "Late readings from the plant" in table.item(row, 3).text()
    with demo_database.session() as session:
        reasons = session.exec(select(AuditEntry.new_value).where(AuditEntry.field == "reopen_reason")).all()
    assert reasons == ["Late readings from the plant"]

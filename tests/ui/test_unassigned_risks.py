"""Risks an import leaves "Unassigned": the dashboard's card counts them, opens them, and bulk edit fixes them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from opsdesk.reports.excel_import import apply_import, preview_import, read_workbook
from opsdesk.services import risks as risk_service
from opsdesk.services.settings import category_id, department_id
from opsdesk.ui.dialogs.bulk_edit import BulkEditDialog
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.dashboard import MetricCard
from tests.ui.waiting import wait_loaded

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
NO_DEPARTMENTS = FIXTURES / "risk_register_threat_style.xlsx"  # no department nor category column


def import_without_departments(database) -> list[str]:
    """Import the workbook as a user would (no options); the codes of the new risks."""
    with database.session() as session:
        source = read_workbook(NO_DEPARTMENTS)
        result = apply_import(session=session, preview=preview_import(session=session, source=source))
        session.commit()
    return list(result.codes)


def test_the_unassigned_card_opens_the_risks_and_bulk_edit_gives_them_a_department_and_a_category(
    qtbot, demo_context, demo_database, answer_messages
):
    codes = import_without_departments(demo_database)
    assert len(codes) == 10
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    dashboard = window.show_page("dashboard")
    wait_loaded(qtbot, dashboard)
    card = dashboard.findChild(MetricCard, "card_unassigned")
    qtbot.waitUntil(card.isVisible)  # made when the numbers arrived
    assert card.title.text() == "Unassigned"
    assert dashboard.number("unassigned") == 10
    assert dashboard.links["unassigned"].property("attention") == "true"

    qtbot.mouseClick(dashboard.links["unassigned"], Qt.MouseButton.LeftButton)
    page = window.current_page()
    assert window.current_key() == "risks"
    wait_loaded(qtbot, page)
    assert sorted(row.code for row in page.model.rows()) == sorted(codes)
    assert page.filter_chip.isVisible() and page.filter_chip.label.text() == "Filtered: Unassigned"
    assert {(row.department, row.category) for row in page.model.rows()} == {("Unassigned", "Unassigned")}

    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    selected = page.selected_risks()
    assert len(selected) == 10
    dialog = BulkEditDialog(demo_context, selected, parent=page)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.mouseClick(dialog.department_check, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.category_check, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        operations = department_id(session=session, name="Operations")
        technical = category_id(session=session, code_or_name="technical")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findData(operations))
    dialog.category_combo.setCurrentIndex(dialog.category_combo.findData(technical))
    assert dialog.save_button.isEnabled(), dialog.reason_label.text()
    assert dialog.save_button.text() == "Apply to 10 risks"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.changed_count == 10

    # The filtered register empties, and the database holds the new department and category.
    qtbot.waitUntil(lambda: page.model.rowCount() == 0)
    with demo_database.session() as session:
        assert risk_service.count_unassigned(session=session) == 0
        rows = {r.code: (r.department, r.category) for r in risk_service.list_risks(session=session)}
    assert {rows[code] for code in codes} == {("Operations", "Technical")}

    # Back on the dashboard the card has gone: nothing waits for a department or category.
    dashboard = window.show_page("dashboard")
    qtbot.waitUntil(lambda: dashboard.number("unassigned") == 0)
    assert not card.isVisible()


def test_the_unassigned_filter_goes_with_its_chip_when_another_filter_is_chosen(
    qtbot, demo_context, demo_database
):
    codes = import_without_departments(demo_database)
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)

    page = window.show_filtered("risks", {"unassigned": True}, "Unassigned")
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == len(codes)
    with demo_database.session() as session:
        total = len(risk_service.list_risks(session=session))
    page.status_combo.setCurrentIndex(0)  # any status: the user chose another filter
    assert page.filter_chip.isHidden()
    assert page.model.rowCount() == total  # no hidden filter is left behind

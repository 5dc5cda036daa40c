"""The Risks page: register table, search and filters, editor round trips, archive, bulk edit."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QDialog

from opsdesk.services import risks as risk_service
from opsdesk.services.history import audit_count
from opsdesk.services.settings import category_id, department_id
from opsdesk.ui.dialogs.bulk_edit import BulkEditDialog
from opsdesk.ui.dialogs.risk_editor import RiskEditor
from opsdesk.ui.main_window import MainWindow
from opsdesk.ui.pages.risks import RisksPage
from tests.ui.waiting import wait_loaded


@pytest.fixture(autouse=True)
def no_blocking_messages(answer_messages):
    """Message boxes are answered by the test, never left open."""
    return answer_messages


@pytest.fixture
def page(qtbot, demo_context):
    widget = RisksPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1166, 740)
    widget.show()
    qtbot.waitExposed(widget)
    wait_loaded(qtbot, widget)
    return widget


@pytest.fixture
def window(qtbot, demo_context):
    """The real main window at 1366x768, opened on the Risks page."""
    demo_context.settings.setValue("window/page", "risks")
    main = MainWindow(demo_context)
    qtbot.addWidget(main)
    main.resize(1366, 768)
    main.show()
    qtbot.waitExposed(main)
    main.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is main)
    wait_loaded(qtbot, main.pages["risks"])
    return main


def all_risks(database, include_archived: bool = False) -> list[risk_service.RiskRead]:
    with database.session() as session:
        return risk_service.list_risks(session=session, include_archived=include_archived)


def risk_by_code(database, code: str) -> risk_service.RiskRead:
    return next(r for r in all_risks(database, include_archived=True) if r.code == code)


def pick(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def click_row(qtbot, table, row: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    rect = table.visualRect(table.model().index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def shown_codes(page: RisksPage) -> list[str]:
    return [row.code for row in page.model.rows()]


def cell(page: RisksPage, code: str, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = page.model
    number = model.find_row(lambda r: r.code == code)
    assert number >= 0, f"{code} is not shown"
    return model.data(model.index(number, model.column_index(key)), role)


def test_page_lists_the_register_with_levels_in_matrix_colours(
    page, demo_database, demo_context, qtmodeltester
):
    risks = all_risks(demo_database)
    assert page.model.rowCount() == len(risks) == 40
    assert page.counter_label.text() == "40 of 40 risks"
    matrix = demo_context.matrix()
    first = risks[0]
    band = matrix.band(first.residual_level)
    assert cell(page, first.code, "residual_level") == band.name
    assert cell(page, first.code, "residual_level", Qt.ItemDataRole.BackgroundRole) == QColor(band.color)
    # Some columns are hidden by default and come back through the header's column chooser.
    assert page.table.isColumnHidden(page.model.column_index("inherent_likelihood"))
    assert not page.table.isColumnHidden(page.model.column_index("residual_level"))
    qtmodeltester.check(page.model)


def test_typing_in_the_search_box_filters_as_you_type(page, demo_database, qtbot):
    risks = all_risks(demo_database)
    qtbot.keyClicks(page.search, "supplier")
    expected = [r.code for r in risks if "supplier" in risk_service.search_text(r)]
    assert 0 < len(expected) < 40
    assert shown_codes(page) == expected
    assert page.counter_label.text() == f"{len(expected)} of 40 risks"
    qtbot.keyClicks(page.search, " zzz-no-such-word")
    assert page.model.rowCount() == 0
    assert page.counter_label.text() == "0 of 40 risks"
    page.search.clear()
    assert page.model.rowCount() == 40


def test_typing_narrows_the_shown_rows_and_editing_the_text_widens_them_again(page, demo_database, qtbot):
    risks = all_risks(demo_database)

    def matching(*words: str) -> list[str]:
        return [r.code for r in risks if all(w in risk_service.search_text(r) for w in words)]

    assert page.status_combo.findData("active") > 0
    page.status_combo.setCurrentIndex(page.status_combo.findData("active"))
    active = [r.code for r in risks if r.status != "closed"]
    assert shown_codes(page) == active
    qtbot.keyClicks(page.search, "sup")  # each key narrows from the rows shown
    assert shown_codes(page) == [c for c in matching("sup") if c in active]
    qtbot.keyClicks(page.search, "plier d")
    assert shown_codes(page) == [c for c in matching("supplier", "d") if c in active]
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)  # the text shrank: every risk is searched again
    qtbot.keyClick(page.search, Qt.Key.Key_Backspace)
    assert shown_codes(page) == [c for c in matching("supplier") if c in active]
    page.status_combo.setCurrentIndex(0)  # another filter changed: no narrowing from the active ones
    assert shown_codes(page) == matching("supplier")
    # Text a user types is a value the compiled test compares, never code.
    page.search.setText("') or True or ('")
    assert page.model.rowCount() == 0


def test_search_matches_code_and_owner(page, demo_database, qtbot):
    qtbot.keyClicks(page.search, "r-0012")
    assert shown_codes(page) == ["R-0012"]
    page.search.clear()
    owner = risk_by_code(demo_database, "R-0003").owner
    qtbot.keyClicks(page.search, owner.upper())
    assert set(shown_codes(page)) == {r.code for r in all_risks(demo_database) if r.owner == owner}


def test_filter_by_residual_level(page, demo_database):
    pick(page.residual_combo, "high")
    expected = [r.code for r in all_risks(demo_database) if r.residual_level == "high"]
    assert expected
    assert shown_codes(page) == expected
    assert {row.residual_level for row in page.model.rows()} == {"high"}
    page.clear_filters()
    assert page.model.rowCount() == 40


def test_filters_combine_and_clear(page, demo_database):
    risks = all_risks(demo_database)
    pick(page.department_combo, risks[0].department_id)
    pick(page.status_combo, "active")
    page.above_check.setChecked(True)
    expected = [
        r.code for r in risks
        if r.department_id == risks[0].department_id and r.status != "closed" and r.above_appetite
    ]  # fmt: skip
    assert shown_codes(page) == expected
    assert page.counter_label.text() == f"{len(expected)} of 40 risks"
    page.clear_button.click()
    assert page.model.rowCount() == 40
    assert not page.above_check.isChecked()


def test_apply_filter_matches_the_dashboard_counts_and_reveals_a_risk(page, demo_database):
    with demo_database.session() as session:
        high = risk_service.count_by_level(session=session, kind="residual")["high"]
        above = risk_service.count_above_appetite(session=session)
    page.apply_filter(residual_level="high")
    assert page.model.rowCount() == high
    assert page.status_combo.value() == "active"
    page.apply_filter(above_appetite=True)
    assert page.model.rowCount() == above
    with demo_database.session() as session:
        due = risk_service.count_review_due(session=session)
    page.apply_filter(review_due=True)
    assert page.model.rowCount() == due > 0
    assert page.due_check.isChecked() and not page.above_check.isChecked()
    assert page.residual_combo.value() is None  # the previous link's filter was reset
    target = risk_by_code(demo_database, "R-0005")  # closed, hidden by the active filter
    page.apply_filter(risk_id=target.id)
    assert page.table.current_row().id == target.id
    assert [r.id for r in page.table.selected_rows()] == [target.id]
    with pytest.raises(TypeError):
        page.apply_filter(colour="red")


def test_create_a_risk_through_the_editor_and_find_it_in_the_table(page, demo_context, demo_database, qtbot):
    editor = RiskEditor(demo_context, None, parent=page)
    qtbot.addWidget(editor)
    editor.show()
    assert not editor.save_button.isEnabled()
    qtbot.keyClicks(editor.title_edit, "Key engineer leaves during the FS-400 launch")
    with demo_database.session() as session:
        people = category_id(session=session, code_or_name="people")
        product = department_id(session=session, name="Product")
    pick(editor.category_combo, people)
    pick(editor.department_combo, product)
    qtbot.keyClicks(editor.owner_edit, "Olivia Grant")
    editor.tabs.setCurrentIndex(1)
    pick(editor.panels["inherent"].likelihood, 4)
    pick(editor.panels["inherent"].impact, 4)
    pick(editor.panels["residual"].likelihood, 2)
    pick(editor.panels["residual"].impact, 3)
    assert editor.panels["inherent"].score_label.text() == "16"
    assert editor.panels["inherent"].chip.text() == "High"
    assert editor.save_button.isEnabled(), editor.reason_label.text()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted

    created = editor.saved
    stored = risk_by_code(demo_database, created.code)
    assert stored.title == "Key engineer leaves during the FS-400 launch"
    assert (stored.category_id, stored.department_id, stored.owner) == (people, product, "Olivia Grant")
    assert (stored.inherent_likelihood, stored.inherent_impact, stored.inherent_level) == (4, 4, "high")
    assert (stored.residual_likelihood, stored.residual_impact, stored.residual_level) == (2, 3, "medium")
    with demo_database.session() as session:
        assert len(risk_service.assessment_history(session=session, risk_id=created.id)) == 2
    # The page heard the change and shows the new risk.
    wait_loaded(qtbot, page)
    assert page.counter_label.text() == "41 of 41 risks"
    assert cell(page, created.code, "title") == "Key engineer leaves during the FS-400 launch"
    assert cell(page, created.code, "residual_level") == "Medium"


def test_editing_the_residual_assessment_changes_the_row(page, demo_context, demo_database, qtbot):
    risk = risk_by_code(demo_database, "R-0003")
    assert cell(page, "R-0003", "residual_level") == "Medium"
    with demo_database.session() as session:
        before = len(risk_service.assessment_history(session=session, risk_id=risk.id))
    editor = RiskEditor(demo_context, risk.id, parent=page)
    qtbot.addWidget(editor)
    pick(editor.panels["residual"].likelihood, 5)
    pick(editor.panels["residual"].impact, 5)
    assert editor.panels["residual"].chip.text() == "Critical"
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted
    wait_loaded(qtbot, page)
    assert cell(page, "R-0003", "residual_level") == "Critical"
    assert cell(page, "R-0003", "residual_level", Qt.ItemDataRole.BackgroundRole) == QColor("#D32F2F")
    stored = risk_by_code(demo_database, "R-0003")
    assert (stored.residual_likelihood, stored.residual_impact, stored.residual_score) == (5, 5, 25)
    with demo_database.session() as session:
        history = risk_service.assessment_history(session=session, risk_id=risk.id)
    # Only the changed assessment was recorded.
    assert len(history) == before + 1
    assert (history[-1].kind, history[-1].assessed_on) == ("residual", date.today())


def test_delete_key_archives_after_confirmation_and_restore_brings_it_back(
    window, demo_database, answer_messages, qtbot
):
    page = window.current_page()
    assert isinstance(page, RisksPage)
    number = page.model.find_row(lambda r: r.code == "R-0004")
    click_row(qtbot, page.table, number)
    assert page.archive_button.isEnabled()
    assert not page.restore_button.isVisible()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert answer_messages.shown[-1][0] == "confirm"
    assert "R-0004" in answer_messages.shown[-1][2]
    assert risk_by_code(demo_database, "R-0004").archived
    wait_loaded(qtbot, page)
    assert "R-0004" not in shown_codes(page)
    assert page.counter_label.text() == "39 of 39 risks"

    page.archived_check.setChecked(True)
    wait_loaded(qtbot, page)
    assert page.restore_button.isVisible()
    click_row(qtbot, page.table, page.model.find_row(lambda r: r.code == "R-0004"))
    assert page.restore_button.isEnabled() and not page.archive_button.isEnabled()
    qtbot.mouseClick(page.restore_button, Qt.MouseButton.LeftButton)
    assert not risk_by_code(demo_database, "R-0004").archived
    page.archived_check.setChecked(False)
    wait_loaded(qtbot, page)
    assert "R-0004" in shown_codes(page)


def test_archive_answered_no_changes_nothing(page, demo_database, answer_messages, qtbot):
    answer_messages.answers["confirm"] = False
    with demo_database.session() as session:
        audits = audit_count(session=session)
    click_row(qtbot, page.table, 0)
    page.archive_selected()
    assert answer_messages.shown[-1][0] == "confirm"
    assert not any(r.archived for r in all_risks(demo_database, include_archived=True))
    with demo_database.session() as session:
        assert audit_count(session=session) == audits
    assert page.model.rowCount() == 40


def test_bulk_edit_sets_the_owner_of_three_selected_risks(
    page, demo_context, demo_database, answer_messages, qtbot
):
    before = {r.code: r.owner for r in all_risks(demo_database)}
    click_row(qtbot, page.table, 1)
    click_row(qtbot, page.table, 3, Qt.KeyboardModifier.ControlModifier)
    click_row(qtbot, page.table, 5, Qt.KeyboardModifier.ControlModifier)
    selected = page.selected_risks()
    assert [r.code for r in selected] == ["R-0002", "R-0004", "R-0006"]
    assert page.bulk_button.isEnabled() and not page.open_button.isEnabled()

    dialog = BulkEditDialog(demo_context, selected, parent=page)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    assert "Tick at least one field" in dialog.reason_label.text()
    dialog.owner_check.setChecked(True)
    qtbot.keyClicks(dialog.owner_edit, "Grace Lin")
    assert dialog.save_button.text() == "Apply to 3 risks"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.changed_count == 3

    after = {r.code: r.owner for r in all_risks(demo_database)}
    assert {code for code in after if after[code] != before[code]} == {"R-0002", "R-0004", "R-0006"}
    assert {after[code] for code in ("R-0002", "R-0004", "R-0006")} == {"Grace Lin"}
    wait_loaded(qtbot, page)
    assert [cell(page, code, "owner") for code in ("R-0002", "R-0004", "R-0006")] == ["Grace Lin"] * 3
    # The selection survives the refresh, so a second change can follow.
    assert [r.code for r in page.selected_risks()] == ["R-0002", "R-0004", "R-0006"]


def test_keyboard_new_search_open_and_refresh(window, demo_database, monkeypatch, qtbot):
    page = window.current_page()
    opened: list[int | None] = []
    monkeypatch.setattr(
        RiskEditor, "ask", classmethod(lambda cls, parent, context, risk_id, **kw: opened.append(risk_id))
    )
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert page.search.hasFocus()
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert opened == [None]
    click_row(qtbot, page.table, 2)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened[-1] == page.model.row(2).id
    click_row(qtbot, page.table, 4)  # a double-click starts with a press on the same row
    qtbot.mouseDClick(
        page.table.viewport(),
        Qt.MouseButton.LeftButton,
        pos=page.table.visualRect(page.model.index(4, 1)).center(),
    )
    assert opened[-1] == page.model.row(4).id

    # Someone else renames a risk; F5 shows it.
    risk = risk_by_code(demo_database, "R-0001")
    with demo_database.session() as session:
        risk_service.bulk_update(
            session=session, risk_ids=[risk.id], change=risk_service.BulkChange(owner="Nadia Costa")
        )
    assert cell(page, "R-0001", "owner") != "Nadia Costa"
    qtbot.keyClick(window, Qt.Key.Key_F5)
    wait_loaded(qtbot, page)
    assert cell(page, "R-0001", "owner") == "Nadia Costa"


def test_column_layout_is_remembered(qtbot, demo_context):
    first = RisksPage(demo_context)
    qtbot.addWidget(first)
    column = first.model.column_index("category")
    first.table.setColumnHidden(column, True)
    first.table.setColumnWidth(first.model.column_index("owner"), 171)
    first.save_state(demo_context.settings)
    second = RisksPage(demo_context)
    qtbot.addWidget(second)
    second.restore_state(demo_context.settings)
    assert second.table.isColumnHidden(column)
    assert second.table.columnWidth(second.model.column_index("owner")) == 171


def test_a_large_register_filters_without_building_widgets(page, monkeypatch, demo_database, qtbot):
    """20,000 rows: the model filters plain rows; the view has no widget per cell."""
    template = all_risks(demo_database)
    from dataclasses import replace

    rows = [
        replace(template[n % 40], id=100_000 + n, code=f"R-{n:05d}") for n in range(20_000)
    ]  # fmt: skip
    monkeypatch.setattr("opsdesk.ui.pages.risks.register_rows", lambda **_kw: rows)
    page.refresh()
    wait_loaded(qtbot, page)
    assert page.counter_label.text() == "20000 of 20000 risks"
    qtbot.keyClicks(page.search, "r-1999")
    assert page.model.rowCount() == 10  # R-19990 .. R-19999
    pick(page.residual_combo, "high")
    assert all(r.residual_level == "high" for r in page.model.rows())
    assert page.table.indexWidget(page.model.index(0, 0)) is None


def test_at_1366_pixels_the_visible_columns_fit_without_scrolling_sideways(window, qtbot):
    page = window.current_page()
    qtbot.waitUntil(lambda: page.model.rowCount() == 40)
    click_row(qtbot, page.table, 2)
    assert not page.table.horizontalScrollBar().isVisible()


def test_open_selected_runs_the_editor_and_selects_the_saved_risk(page, demo_database, monkeypatch, qtbot):
    """The page's Open goes through RiskEditor.ask; the modal exec is replaced by typing and saving."""

    def exec_by_hand(editor: RiskEditor) -> int:
        editor.owner_edit.setText("Priya Nair")
        assert editor.save()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RiskEditor, "exec", exec_by_hand)
    qtbot.keyClicks(page.search, "R-0007")
    click_row(qtbot, page.table, 0)
    page.search.clear()
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    assert risk_by_code(demo_database, "R-0007").owner == "Priya Nair"
    wait_loaded(qtbot, page)
    assert page.table.current_row().code == "R-0007"
    assert cell(page, "R-0007", "owner") == "Priya Nair"
    assert "Priya Nair" in page.owner_combo.values()


# Reading only what the table shows -----------------------------------------------------------


ROLES = (
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole,
    Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.TextAlignmentRole,
)  # fmt: skip


def shown_as_before(page: RisksPage, risks: list[risk_service.RiskRead], keys: list[str]) -> None:
    """Every cell of these columns shows what it showed when the rows were whole RiskReads.

    The reference is the same page's columns fed the RiskRead of the same risk (list_risks, every
    field), through the table's own display formatting: a row read with only the shown fields
    must paint the same text, colours and tooltips."""
    from opsdesk.ui.table_model import RecordTableModel

    reference = RecordTableModel(page.model.columns)
    reference.set_rows(risks)
    for code in [risks[0].code, risks[len(risks) // 2].code, risks[-1].code]:
        row, expected = (
            page.model.find_row(lambda r, code=code: r.code == code),
            reference.find_row(lambda r, code=code: r.code == code),
        )
        for key in keys:
            column = page.model.column_index(key)
            for role in ROLES:
                assert page.model.data(page.model.index(row, column), role) == reference.data(
                    reference.index(expected, column), role
                ), (code, key, role)


def test_the_table_reads_the_shown_columns_and_paints_them_as_the_whole_risk_did(page, demo_database, qtbot):
    risks = all_risks(demo_database)
    header = page.table.horizontalHeader()
    shown = [c.key for n, c in enumerate(page.model.columns) if not header.isSectionHidden(n)]
    assert {
        "code",
        "title",
        "category",
        "department",
        "residual_level",
        "next_review",
        "open_actions",
    } <= set(shown)
    shown_as_before(page, risks, shown)
    # The long texts no shown column needs were not read (the description is: the search and the tooltip).
    row = page.model.row(0)
    assert row.cause is None and row.controls is None and row.description is not None


def test_showing_a_column_reads_its_field_and_keeps_the_selection(page, demo_database, qtbot):
    risks = all_risks(demo_database)
    keep = risks[3]
    page.reveal_risk(keep.id)
    assert [r.id for r in page.selected_risks()] == [keep.id]
    every = [column.key for column in page.model.columns]
    loads: list[int] = []
    page.loaded.connect(lambda: loads.append(1))
    for number in range(len(every)):  # as the header's column chooser does
        page.table.setColumnHidden(number, False)
    qtbot.waitUntil(lambda: bool(loads))
    wait_loaded(qtbot, page)
    assert page.model.row(0).cause is not None
    shown_as_before(page, risks, every)
    assert cell(page, keep.code, "cause") == page.model.columns[page.model.column_index("cause")].value(keep)
    assert [r.id for r in page.selected_risks()] == [keep.id]
    # Hiding it again reads nothing.
    loads.clear()
    page.table.setColumnHidden(page.model.column_index("cause"), True)
    assert not page.loading and not loads


def test_a_page_reads_the_columns_its_saved_layout_shows(page, demo_context, qtbot):
    page.table.setColumnHidden(page.model.column_index("consequence"), False)
    wait_loaded(qtbot, page)
    page.save_state(demo_context.settings)
    second = RisksPage(demo_context)
    qtbot.addWidget(second)
    second.restore_state(demo_context.settings)
    second.show()
    wait_loaded(qtbot, second)
    assert not second.table.isColumnHidden(second.model.column_index("consequence"))
    assert all(row.consequence is not None for row in second.model.all_rows())
    assert all(row.cause is None for row in second.model.all_rows())


def test_the_search_text_is_built_on_the_first_search_not_with_every_load(page, qtbot):
    assert page._search_text is None
    qtbot.keyClicks(page.search, "supplier")
    texts = page._search_text
    assert texts == {r.id: risk_service.search_text(r) for r in page.model.all_rows()}
    shown = shown_codes(page)
    page.refresh()  # a reload builds them again from the new rows, for the search shown
    wait_loaded(qtbot, page)
    assert page._search_text is not texts and page._search_text == texts
    assert shown_codes(page) == shown
    page.search.clear()
    page.refresh()  # no search: no texts
    wait_loaded(qtbot, page)
    assert page._search_text is None and page.model.rowCount() == 40

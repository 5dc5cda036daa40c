"""Actions page: every action with filters, overdue highlighted, mark done, archive, editor links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from opsdesk.services.actions import list_actions
from tests.ui.waiting import wait_loaded


def actions_in(database, **filters):
    with database.session() as session:
        return list_actions(session=session, **filters)


def cell(table, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = table.record_model()
    return model.index(row, model.column_index(key)).data(role)


@pytest.fixture
def page(qtbot, main_window):
    page = main_window.show_page("actions")
    wait_loaded(qtbot, page)
    return page


def test_page_lists_open_actions_by_default_with_overdue_highlighted(
    qtbot, main_window, page, demo_database
) -> None:
    open_actions = actions_in(demo_database, open_only=True)
    assert page.open_only.isChecked()
    assert page.model.total_count() == len(actions_in(demo_database))
    assert [a.id for a in page.model.rows()] == [a.id for a in open_actions]
    overdue_row = page.model.find_row(lambda a: a.overdue)
    assert overdue_row >= 0
    assert (
        cell(page.table, overdue_row, "due_date", Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFCDD2"
    )
    assert cell(page.table, overdue_row, "title", Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFEBEE"
    assert (
        cell(page.table, overdue_row, "overdue").endswith("days")
        or cell(page.table, overdue_row, "overdue") == "1 day"
    )
    on_time = page.model.find_row(lambda a: not a.overdue)
    assert cell(page.table, on_time, "title", Qt.ItemDataRole.BackgroundRole) is None


def test_overdue_filter_shows_exactly_the_overdue_actions(qtbot, page, demo_database) -> None:
    expected = [a.id for a in actions_in(demo_database, overdue_only=True)]
    assert expected
    qtbot.mouseClick(page.overdue_only, Qt.MouseButton.LeftButton)
    assert page.overdue_only.isChecked()
    assert [a.id for a in page.model.rows()] == expected
    page.apply_filter(overdue=True)  # the dashboard's link does the same
    wait_loaded(qtbot, page)
    assert [a.id for a in page.model.rows()] == expected


def test_mark_done_completes_the_selected_actions_and_they_leave_the_open_view(
    qtbot, main_window, page, demo_database
) -> None:
    targets = [a for a in page.model.rows() if a.overdue][:2]
    assert len(targets) == 2
    ids = {a.id for a in targets}
    page.table.clearSelection()
    for action in targets:
        row = page.model.find_row(lambda a, action=action: a.id == action.id)
        page.table.selectionModel().select(
            page.model.index(row, 0),
            page.table.selectionModel().SelectionFlag.Select | page.table.selectionModel().SelectionFlag.Rows,
        )
    assert {a.id for a in page.table.selected_rows()} == ids
    assert page.done_button.isEnabled()
    refreshes = []
    page.model.modelReset.connect(lambda: refreshes.append(1))
    qtbot.mouseClick(page.done_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    stored = {a.id: a for a in actions_in(demo_database) if a.id in ids}
    assert {a.status for a in stored.values()} == {"done"}
    assert all(a.completed_on is not None for a in stored.values())
    assert all(page.model.find_row(lambda a, i=i: a.id == i) == -1 for i in ids)
    qtbot.waitUntil(lambda: not page._refresh_timer.isActive())
    assert len(refreshes) == 1  # one reload of the list, not one per action or per topic
    assert "2 action(s) marked done." in main_window.statusBar().currentMessage()
    page.open_only.setChecked(False)
    wait_loaded(qtbot, page)
    row = page.model.find_row(lambda a: a.id in ids)
    assert row >= 0 and cell(page.table, row, "status") == "Done"


def test_filters_by_kind_owner_status_department_and_search(qtbot, page, demo_database) -> None:
    everything = actions_in(demo_database)
    page.apply_filter(kind="corrective")
    wait_loaded(qtbot, page)
    assert page.kind_filter.currentData() == "corrective"
    assert [a.id for a in page.model.rows()] == [
        a.id for a in everything if a.kind == "corrective" and a.status not in ("done", "cancelled")
    ]
    owner = next(a.owner for a in everything if a.status == "done")
    page.apply_filter(owner=owner.upper(), open_only=False)
    wait_loaded(qtbot, page)
    assert page.owner_filter.currentText() == owner
    assert [a.id for a in page.model.rows()] == [a.id for a in actions_in(demo_database, owner=owner)]
    page.apply_filter(status="done")
    wait_loaded(qtbot, page)
    assert not page.open_only.isChecked()
    assert {a.status for a in page.model.rows()} == {"done"}
    page.apply_filter(department="Operations")
    wait_loaded(qtbot, page)
    assert {a.department for a in page.model.rows()} == {"Operations"}
    page.apply_filter()
    wait_loaded(qtbot, page)
    before = page.model.rowCount()
    qtbot.keyClicks(page.search, "NC-00")
    assert 0 < page.model.rowCount() < before
    assert all(a.source.startswith("NC-") for a in page.model.rows())


def test_a_risk_link_narrows_to_its_actions_until_cleared(qtbot, page, demo_database) -> None:
    risk_action = next(a for a in actions_in(demo_database, open_only=True) if a.risk_id is not None)
    page.apply_filter(risk_id=risk_action.risk_id, open_only=False)
    wait_loaded(qtbot, page)
    expected = [a.id for a in actions_in(demo_database, risk_id=risk_action.risk_id)]
    assert [a.id for a in page.model.rows()] == expected
    assert not page.link_bar.isHidden()
    assert risk_action.source in page.link_label.text()
    qtbot.mouseClick(page.clear_link_button, Qt.MouseButton.LeftButton)
    assert page.link_bar.isHidden()
    assert page.model.rowCount() == page.model.total_count()


def test_enter_opens_the_action_editor_and_a_saved_edit_shows(
    qtbot, page, demo_database, monkeypatch
) -> None:
    from opsdesk.services.actions import ActionInput, update_action
    from opsdesk.ui.context import ACTIONS
    from opsdesk.ui.dialogs.action_editor import ActionEditor

    opened = []

    def fake_ask(parent, context, action=None, **links):
        opened.append((action, links))
        data = ActionInput(title="Renamed by the editor", owner=action.owner, due_date=action.due_date,
                           status=action.status, kind=action.kind, risk_id=action.risk_id,
                           nonconformity_id=action.nonconformity_id)  # fmt: skip
        return context.write(update_action, topics=(ACTIONS,), action_id=action.id, data=data)

    monkeypatch.setattr(ActionEditor, "ask", staticmethod(fake_ask))
    page.table.setFocus()
    page.table.selectRow(0)
    first = page.model.row(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    wait_loaded(qtbot, page)
    assert opened and opened[0][0].id == first.id
    row = page.model.find_row(lambda a: a.id == first.id)
    assert cell(page.table, row, "title") == "Renamed by the editor"
    assert page.table.selected_rows()[0].id == first.id


def test_the_real_action_editor_edits_the_selected_action(qtbot, page, demo_database) -> None:
    from opsdesk.ui.dialogs.action_editor import ActionEditor

    first = page.model.row(0)
    editor = ActionEditor(page.context, first, parent=page)
    qtbot.addWidget(editor)
    editor.owner_edit.setText("Ada Lovelace")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.saved is not None
    qtbot.waitUntil(lambda: page.model.find_row(lambda a: a.owner == "Ada Lovelace") >= 0)
    assert page.owner_filter.findText("Ada Lovelace") >= 0
    assert next(a for a in actions_in(demo_database) if a.id == first.id).owner == "Ada Lovelace"


def test_archive_asks_then_hides_and_show_archived_restores(
    qtbot, main_window, page, demo_database, answer_messages
) -> None:
    first = page.model.row(0)
    page.table.selectRow(0)
    page.table.setFocus()
    main_window.archive_selected()  # the Delete key
    wait_loaded(qtbot, page)
    assert answer_messages.shown[-1][0] == "confirm"
    assert first.id not in {a.id for a in actions_in(demo_database)}
    assert page.model.find_row(lambda a: a.id == first.id) == -1

    page.show_archived.setChecked(True)
    wait_loaded(qtbot, page)
    assert page.table.select_where(lambda a: a.id == first.id)
    assert page.archive_button.text() == "Restore"
    qtbot.mouseClick(page.archive_button, Qt.MouseButton.LeftButton)
    assert first.id in {a.id for a in actions_in(demo_database)}


def test_refused_archive_confirmation_changes_nothing(qtbot, page, demo_database, answer_messages) -> None:
    answer_messages.answers["confirm"] = False
    page.table.selectRow(0)
    first = page.model.row(0)
    page.archive_selected()
    assert first.id in {a.id for a in actions_in(demo_database)}

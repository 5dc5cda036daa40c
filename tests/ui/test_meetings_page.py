"""The Meetings page and editor on the demo data: decisions become actions in one step, links, minutes."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, Qt

from opsdesk.services.actions import list_actions
from opsdesk.services.history import audit_count
from opsdesk.services.meetings import get_meeting, list_meetings
from opsdesk.store.database import open_database
from opsdesk.ui.dialogs.meeting_editor import DecisionActionDialog, MeetingEditor
from opsdesk.ui.pages.meetings import MeetingsPage


@pytest.fixture(autouse=True)
def _no_real_message_boxes(answer_messages):
    """An editor left dirty asks before closing at teardown: never block on a real box."""
    return answer_messages


@pytest.fixture
def page(qtbot, demo_context):
    widget = MeetingsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def _meetings(database):
    with database.session() as session:
        return list_meetings(session=session)


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_list_and_detail_show_the_latest_meeting(page) -> None:
    model = page.model
    assert [m.held_on for m in model.rows()] == [
        date(2026, 10, 15),
        date(2026, 7, 16),
        date(2026, 4, 16),
        date(2026, 1, 15),
    ]
    titles = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert titles == ["Date", "Title", "Attendees", "Linked NCs", "Decisions", "Actions"]
    first = [model.index(0, column).data() for column in range(model.columnCount())]
    assert first == [
        "2026-10-15",
        "Quality analysis meeting Q3 2026",
        "9",
        "NC-0011, NC-0012, NC-0013",
        "4",
        "0",
    ]
    detail = page.detail
    assert detail.meeting.title == "Quality analysis meeting Q3 2026"
    assert [button.text() for button in detail.decision_buttons] == ["Create action…"] * 4
    assert page.count_label.text() == "4 meetings"


def test_a_decision_becomes_an_action_in_one_step(qtbot, page, demo_context, demo_database) -> None:
    meeting = page.detail.meeting
    audit_before = None
    with demo_database.session() as session:
        audit_before = audit_count(session=session)
    dialog = _show(qtbot, DecisionActionDialog(demo_context, meeting, 1))
    # Owner first: the action cannot be created without one, and nothing is written.
    assert not dialog.save_button.isEnabled()
    assert dialog.reason_label.text() == "The owner is required."
    assert dialog.due_edit.value() == date.today() + timedelta(days=30)
    qtbot.keyClicks(dialog.owner_edit, "Li Wei")
    due = date.today() + timedelta(days=14)  # ahead of today, so the action is not overdue
    dialog.due_edit.edit.set_value(due)
    assert dialog.save_button.isEnabled()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert not dialog.isVisible()
    with demo_database.session() as session:
        actions = list_actions(session=session, meeting_id=meeting.id)
        assert audit_count(session=session) > audit_before
    assert [(a.title, a.owner, a.due_date, a.kind, a.status) for a in actions] == [
        ("Oven interlock to be finished by end of November; weekly status to Li Wei.", "Li Wei",
         due, "decision", "planned"),
    ]  # fmt: skip
    assert dialog.saved == actions[0]
    # The page refreshed: the count in the table and the action under its decision.
    assert page.model.index(0, page.model.column_index("actions")).data() == "1"
    lines = [label.text() for label in page.detail.action_labels]
    assert lines == [
        f"→ action · Li Wei · due {due.isoformat()} · Planned",  # under its decision
        f"• Oven interlock to be finished by end of November; weekly status to Li Wei. · Li Wei · due {due.isoformat()} · Planned",
    ]
    assert page.detail.section_labels["actions"].text() == "Actions (1)"


def test_the_create_action_button_on_a_decision_opens_the_dialog_for_that_decision(
    qtbot, page, demo_database, monkeypatch
) -> None:
    def fill_and_save(dialog: DecisionActionDialog) -> int:
        assert dialog.decision_index == 2
        qtbot.keyClicks(dialog.owner_edit, "Sun Li")
        dialog.due_edit.set_value(None)
        dialog.save()
        return 1

    monkeypatch.setattr(DecisionActionDialog, "exec", fill_and_save)
    meeting_id = page.detail.meeting.id
    qtbot.mouseClick(page.detail.decision_buttons[2], Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        actions = list_actions(session=session, meeting_id=meeting_id)
    assert [(a.title, a.owner, a.due_date) for a in actions] == [
        ("Inform the three affected key accounts proactively (owner Sun Li).", "Sun Li", None)
    ]
    assert page.selected_meeting().id == meeting_id
    assert page.selected_meeting().action_count == 1


def test_new_meeting_with_attendees_decisions_and_links(qtbot, page, demo_context, demo_database) -> None:
    editor = _show(qtbot, MeetingEditor(demo_context))
    assert not editor.save_button.isEnabled()
    assert "The meeting title is required." in editor.reason_label.text()
    assert "At least one attendee is required." in editor.reason_label.text()
    editor.date_edit.set_value(date(2026, 11, 20))
    qtbot.keyClicks(editor.title_edit, "Special review: oven interlock")
    editor.attendees_edit.setPlainText("Sarah Mitchell\n\nWu Hao\n  Laura Bennett  \n")
    assert editor.attendees_count.text() == "3 attendees"
    editor.agenda_edit.setPlainText("1. Interlock status\n2. Heater replacement plan")
    editor.tabs.setCurrentIndex(1)
    editor.minutes_edit.setPlainText("Interlock wiring done; software pending.")
    for decision in ("Finish the interlock software by 5 December.", "Order spare heater elements."):
        qtbot.keyClicks(editor.new_decision_edit, decision)
        qtbot.keyClick(editor.new_decision_edit, Qt.Key.Key_Return)
    assert editor.decisions() == [
        "Finish the interlock software by 5 December.",
        "Order spare heater elements.",
    ]
    # Reorder: the spare parts first.
    editor.decisions_list.setCurrentRow(1)
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    assert editor.decisions()[0] == "Order spare heater elements."
    # Not saved yet: decisions cannot become actions.
    assert not editor.create_action_button.isEnabled()
    assert editor.decision_note.text() == "Save the meeting to turn its decisions into actions."

    editor.tabs.setCurrentIndex(2)
    for widget, prefix in (
        (editor.nc_list, "NC-0011"),
        (editor.objective_list, "Final inspection pass rate"),
    ):
        item = next(widget.item(n) for n in range(widget.count()) if widget.item(n).text().startswith(prefix))
        item.setCheckState(Qt.CheckState.Checked)
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert not editor.isVisible()
    saved = editor.saved
    with demo_database.session() as session:
        stored = get_meeting(session=session, meeting_id=saved.id)
    assert stored.attendees == ("Sarah Mitchell", "Wu Hao", "Laura Bennett")
    assert stored.decisions == (
        "Order spare heater elements.",
        "Finish the interlock software by 5 December.",
    )
    assert [code for _, code, _ in stored.nonconformities] == ["NC-0011"]
    assert [name for _, name in stored.objectives] == ["Final inspection pass rate"]
    assert page.model.find_row(lambda m: m.id == saved.id) >= 0


def test_editing_keeps_links_and_offers_create_action_only_for_saved_decisions(
    qtbot, demo_context, demo_database, monkeypatch
) -> None:
    meeting = _meetings(demo_database)[1]  # Q2 2026
    editor = _show(qtbot, MeetingEditor(demo_context, meeting))
    checked = [editor.nc_list.item(n).text().split(" · ")[0] for n in range(editor.nc_list.count())
               if editor.nc_list.item(n).checkState() == Qt.CheckState.Checked]  # fmt: skip
    assert checked == ["NC-0013"]
    editor.tabs.setCurrentIndex(1)
    editor.decisions_list.setCurrentRow(0)
    assert editor.create_action_button.isEnabled()

    calls = []
    monkeypatch.setattr(
        DecisionActionDialog, "ask", lambda parent, context, m, index: calls.append((m.id, index))
    )
    qtbot.mouseClick(editor.create_action_button, Qt.MouseButton.LeftButton)
    assert calls == [(meeting.id, 0)]

    editor.decisions_list.item(0).setText(
        "Pareto of final inspection rejects by failure mode (owner Huang Xin)."
    )
    assert not editor.create_action_button.isEnabled()
    assert editor.decision_note.text() == "Save the changed decisions before creating actions from them."
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        stored = get_meeting(session=session, meeting_id=meeting.id)
    assert stored.decisions[0] == "Pareto of final inspection rejects by failure mode (owner Huang Xin)."
    assert stored.version == meeting.version + 1
    assert [code for _, code, _ in stored.nonconformities] == ["NC-0013"]


def test_search_filters_the_list_and_follows_the_selection(page) -> None:
    page.apply_filter(search="NC-0009")
    assert [m.title for m in page.model.rows()] == ["Quality analysis meeting Q1 2026"]
    assert page.detail.meeting.title == "Quality analysis meeting Q1 2026"
    assert page.count_label.text() == "1 of 4 shown"
    page.search.setText("michael carter")  # an attendee, whatever the case
    assert [m.title for m in page.model.rows()] == ["Quality analysis meeting Q3 2026"]
    page.search.clear()
    assert page.model.rowCount() == 4


def test_archive_asks_first(page, demo_database, answer_messages) -> None:
    page.table.select_where(lambda m: m.title == "Quality analysis meeting Q4 2025")
    page.archive_selected()
    assert answer_messages.shown[0][0] == "confirm"
    assert [m.title for m in _meetings(demo_database)][-1] == "Quality analysis meeting Q1 2026"
    assert page.model.rowCount() == 3


def test_in_the_main_window_the_meeting_pane_scrolls_rather_than_squeezing_the_text(
    qtbot, main_window, qapp
) -> None:
    page = main_window.show_page("meetings")
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    qapp.processEvents()  # posted layout requests: the wrapped minutes get their height
    detail = page.detail
    qtbot.waitUntil(lambda: detail.minimumHeight() >= detail._layout.heightForWidth(detail.width()))
    qapp.processEvents()
    assert page.detail_scroll.verticalScrollBar().isVisible()
    assert page.detail_scroll.verticalScrollBar().maximum() > 0
    assert not page.table.horizontalScrollBar().isVisible()


def test_a_decision_changed_meanwhile_is_not_turned_into_the_wrong_action(
    qtbot, page, demo_context, demo_database, answer_messages
) -> None:
    from opsdesk.services.meetings import MeetingInput, update_meeting

    meeting = page.detail.meeting
    dialog = _show(qtbot, DecisionActionDialog(demo_context, meeting, 0))
    # Someone else reorders the decisions while the dialog is open.
    with demo_database.session() as session:
        update_meeting(
            session=session,
            meeting_id=meeting.id,
            data=MeetingInput(
                held_on=meeting.held_on, title=meeting.title, attendees=list(meeting.attendees),
                agenda=meeting.agenda, minutes=meeting.minutes, decisions=list(reversed(meeting.decisions)),
                nonconformity_ids=[nc_id for nc_id, _, _ in meeting.nonconformities],
                objective_ids=[objective_id for objective_id, _ in meeting.objectives],
            ),
        )  # fmt: skip
    qtbot.keyClicks(dialog.owner_edit, "Laura Bennett")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert answer_messages.shown[-1][2] == (
        "The decisions of this meeting were changed meanwhile; reopen the meeting and try again."
    )
    with demo_database.session() as session:
        assert list_actions(session=session, meeting_id=meeting.id) == []


def test_decision_buttons_follow_the_role_after_the_detail_was_rebuilt(
    qtbot, page, demo_context, demo_database
) -> None:
    # Each meeting shown builds new decision buttons and deletes the old ones; a later role
    # change must reach the buttons on screen and pass over the deleted ones.
    for row in range(page.model.rowCount()):
        page.table.selectRow(row)
    page.table.selectRow(0)
    qtbot.waitUntil(lambda: len(page.detail.decision_buttons) == 4)
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert all(button.isEnabled() for button in page.detail.decision_buttons)

    read_only = open_database(demo_database.path, user="tester", read_only=True)
    demo_context.set_database(read_only)
    assert not any(button.isEnabled() for button in page.detail.decision_buttons)

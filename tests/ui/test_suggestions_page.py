"""The Suggestions page on the demo data: submit, review through allowed moves only, reward, leaderboard."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.periods import quarter_of
from opsdesk.services.history import audit_count
from opsdesk.services.suggestions import get_suggestion, leaderboard, list_suggestions, move_suggestion
from opsdesk.ui.dialogs.suggestion_dialogs import ReviewSuggestionDialog, SubmitSuggestionDialog
from opsdesk.ui.pages.suggestions import SuggestionsPage
from tests.ui.waiting import wait_loaded


@pytest.fixture(autouse=True)
def _no_real_message_boxes(answer_messages):
    """A dialog left dirty asks before closing at teardown: never block on a real box."""
    return answer_messages


@pytest.fixture
def page(qtbot, demo_context):
    widget = SuggestionsPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    qtbot.waitExposed(widget)
    wait_loaded(qtbot, widget)
    return widget


def _show(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _by_code(database, code: str):
    with database.session() as session:
        return next(s for s in list_suggestions(session=session) if s.code == code)


def _review(qtbot, context, database, suggestion_id: int) -> ReviewSuggestionDialog:
    with database.session() as session:
        suggestion = get_suggestion(session=session, suggestion_id=suggestion_id)
    return _show(qtbot, ReviewSuggestionDialog(context, suggestion))


def _choose(dialog: ReviewSuggestionDialog, status: str) -> None:
    dialog.move_combo.setCurrentIndex(dialog.move_combo.findData(status))


def _combo_texts(combo) -> list[str]:
    return [combo.itemText(n) for n in range(combo.count())]


def test_a_suggestion_goes_from_submitted_to_implemented_with_a_reward_and_tops_the_leaderboard(
    qtbot, page, demo_context, demo_database
) -> None:
    # The short form, one click away.
    assert page.submit_button.text() == "Submit suggestion…"
    form = _show(qtbot, SubmitSuggestionDialog(demo_context))
    assert not form.save_button.isEnabled()
    assert form.save_button.text() == "Submit"
    qtbot.keyClicks(form.submitter_edit, "Nina Park")
    form.department_combo.setCurrentIndex(form.department_combo.findText("Operations"))
    qtbot.keyClicks(form.title_edit, "Label the ESD bins by line")
    qtbot.keyClicks(form.description_edit, "Coloured labels per SMT line on the ESD bins.")
    qtbot.keyClicks(form.benefit_edit, "Fewer mixed-up reels.")
    qtbot.keyClicks(form.cost_edit, "120")
    assert form.save_button.isEnabled()
    qtbot.mouseClick(form.save_button, Qt.MouseButton.LeftButton)
    submitted = form.saved
    assert (submitted.code, submitted.status, submitted.submitted_on) == ("S-0031", "submitted", date.today())
    assert (submitted.submitter, submitted.department, submitted.estimated_cost) == (
        "Nina Park",
        "Operations",
        120.0,
    )
    wait_loaded(qtbot, page)
    assert page.model.find_row(lambda row: row.code == "S-0031") >= 0

    # Submitted: only Under review or Rejected are offered.
    dialog = _review(qtbot, demo_context, demo_database, submitted.id)
    assert dialog.offered_moves() == ["under_review", "rejected"]
    assert _combo_texts(dialog.move_combo) == ["Under review", "Rejected"]
    _choose(dialog, "under_review")
    assert dialog.reviewer_edit.text() == "tester"
    dialog.reviewer_edit.clear()
    qtbot.keyClicks(dialog.reviewer_edit, "Zhang Min")
    assert not dialog.points_edit.isEnabled() and not dialog.benefit_edit.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.saved.status == "under_review"

    # Under review: Accepted or Rejected; accept with 50 points.
    dialog = _review(qtbot, demo_context, demo_database, submitted.id)
    assert _combo_texts(dialog.move_combo) == ["Accepted", "Rejected"]
    _choose(dialog, "accepted")
    assert dialog.reviewer_edit.text() == "Zhang Min"
    assert dialog.points_edit.isEnabled() and not dialog.benefit_edit.isEnabled()
    qtbot.keyClicks(dialog.points_edit, "50")
    qtbot.keyClicks(dialog.note_edit, "Cheap and quick; do it on line 2 first.")
    assert dialog.save_button.text() == "Move to Accepted"
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    accepted = dialog.saved
    assert (accepted.status, accepted.reward_points, accepted.reviewer) == ("accepted", 50, "Zhang Min")

    # Accepted: only Implemented; the realised benefit is required.
    dialog = _review(qtbot, demo_context, demo_database, submitted.id)
    assert dialog.offered_moves() == ["implemented"]
    assert _combo_texts(dialog.move_combo) == ["Implemented"]
    assert dialog.points_edit.text() == "50"  # the acceptance reward, which can only be raised
    assert not dialog.save_button.isEnabled()
    assert dialog.reason_label.text() == "Describe the realised benefit to mark a suggestion implemented."
    dialog.points_edit.clear()
    qtbot.keyClicks(dialog.points_edit, "40")
    qtbot.keyClicks(dialog.benefit_edit, "No mixed-up reels since the labels went up.")
    assert not dialog.save_button.isEnabled()
    assert "granted on acceptance" in dialog.reason_label.text()
    dialog.points_edit.clear()
    qtbot.keyClicks(dialog.points_edit, "50")
    assert dialog.save_button.isEnabled()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    done = _by_code(demo_database, "S-0031")
    assert (done.status, done.reward_points, done.implemented_on) == ("implemented", 50, date.today())
    assert done.realised_benefit == "No mixed-up reels since the labels went up."

    # Implemented is final: nothing is offered and nothing can be saved.
    dialog = _review(qtbot, demo_context, demo_database, submitted.id)
    assert dialog.offered_moves() == []
    assert not dialog.save_button.isEnabled()
    assert dialog.final_label.text() == "Implemented is a final status: this suggestion cannot move any more."
    wait_loaded(qtbot, page)
    page.table.select_where(lambda row: row.code == "S-0031")
    assert not page.review_button.isEnabled()

    # The leaderboard of this quarter (the default one) shows the contributor with the points.
    current = quarter_of(date.today()).label
    assert page.quarter_combo.currentText() == current
    contributors = {row.name: row for row in page.contributors_model.rows()}
    nina = contributors["Nina Park"]
    assert (nina.submitted, nina.accepted, nina.implemented, nina.reward_points) == (1, 1, 1, 50)
    assert page.contributors_model.rows()[0].name == "Nina Park"  # implemented ranks first
    departments = {row.name: row for row in page.departments_model.rows()}
    assert departments["Operations"].reward_points == 50
    assert departments["Operations"].implemented == 1
    with demo_database.session() as session:
        board = leaderboard(session=session, quarter=current)
    assert page.metric_labels["received"].text() == str(board.received)
    assert page.metric_labels["implemented"].text() == "1"
    assert page.metric_labels["rate"].text() == f"{board.acceptance_rate * 100:.0f}%"
    row = page.contributors_model.find_row(lambda r: r.name == "Nina Park")
    assert page.contributors_model.index(row, page.contributors_model.column_index("points")).data() == "50"


def test_rejecting_without_a_reason_is_refused(qtbot, page, demo_context, demo_database) -> None:
    target = _by_code(demo_database, "S-0026")
    assert target.status == "submitted"
    with demo_database.session() as session:
        audit_before = audit_count(session=session)
    dialog = _review(qtbot, demo_context, demo_database, target.id)
    _choose(dialog, "rejected")
    assert not dialog.points_edit.isEnabled()
    assert not dialog.save_button.isEnabled()
    assert dialog.reason_label.text() == "A reason is required to reject a suggestion."
    assert dialog.note_edit.property("invalid") is True
    # Ctrl+S does nothing either.
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert dialog.isVisible()
    # Blanks are no reason.
    qtbot.keyClicks(dialog.note_edit, "   ")
    assert not dialog.save_button.isEnabled()

    # The service path is refused too, and writes nothing.
    with pytest.raises(ValidationError) as refused, demo_database.session() as session:
        move_suggestion(
            session=session, suggestion_id=target.id, to_status="rejected", reviewer="Li Wei", note=" "
        )
    assert refused.value.errors == {"note": "A reason is required to reject a suggestion."}
    unchanged = _by_code(demo_database, "S-0026")
    assert (unchanged.status, unchanged.version, unchanged.decision_note) == ("submitted", target.version, "")
    with demo_database.session() as session:
        assert audit_count(session=session) == audit_before

    qtbot.keyClicks(dialog.note_edit, "Already covered by the new MES rollout.")
    assert dialog.save_button.isEnabled()
    assert dialog.reason_label.text() == ""
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    rejected = _by_code(demo_database, "S-0026")
    assert (rejected.status, rejected.decision_note, rejected.reviewer) == (
        "rejected",
        "Already covered by the new MES rollout.",
        "tester",
    )
    wait_loaded(qtbot, page)
    row = page.model.find_row(lambda r: r.code == "S-0026")
    status = page.model.index(row, page.model.column_index("status"))
    assert status.data() == "Rejected"


def test_waiting_for_review_filter_and_department_filter(qtbot, page) -> None:
    page.apply_filter(status="waiting")
    wait_loaded(qtbot, page)
    assert page.status_filter.currentText() == "Waiting for review"
    assert {row.status for row in page.model.rows()} == {"submitted", "under_review"}
    assert [row.code for row in page.model.rows()] == [f"S-00{n}" for n in range(21, 31)]
    assert page.count_label.text() == "10 of 30 shown"
    page.apply_filter(status="waiting", department="Operations")
    wait_loaded(qtbot, page)
    assert [row.code for row in page.model.rows()] == ["S-0021", "S-0024", "S-0026", "S-0028"]
    page.apply_filter(status="rejected")
    wait_loaded(qtbot, page)
    assert len(page.model.rows()) == 6
    page.apply_filter(search="kanban")
    wait_loaded(qtbot, page)
    assert [row.code for row in page.model.rows()] == ["S-0001"]
    page.apply_filter()
    wait_loaded(qtbot, page)
    assert page.model.rowCount() == 30


def test_status_colours_and_reward_columns(page) -> None:
    model = page.model
    titles = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert titles == [
        "Code",
        "Submitted",
        "Submitter",
        "Department",
        "Title",
        "Status",
        "Reviewer",
        "Points",
        "Amount",
    ]
    row = model.find_row(lambda r: r.code == "S-0001")
    cells = [model.index(row, column).data() for column in range(model.columnCount())]
    assert cells == ["S-0001", "2025-03-04", "Ma Jun", "Operations", "Colour-coded kanban bins for SMT feeders",
                     "Implemented", "Zhang Min", "80", "150"]  # fmt: skip
    status = model.index(row, model.column_index("status"))
    assert status.data(Qt.ItemDataRole.BackgroundRole).name().upper() == "#66BB6A"


def test_quarter_picker_offers_the_last_eight_quarters(page, demo_database) -> None:
    current = quarter_of(date.today())
    expected = []
    quarter = current
    for _ in range(8):
        expected.append(quarter.label)
        quarter = quarter.previous()
    assert _combo_texts(page.quarter_combo) == expected
    page.select_quarter("2026-Q1")
    with demo_database.session() as session:
        board = leaderboard(session=session, quarter="2026-Q1")
    assert [row.name for row in page.contributors_model.rows()] == [row.name for row in board.contributors]
    assert [row.name for row in page.departments_model.rows()] == [row.name for row in board.departments]
    assert page.metric_labels["received"].text() == str(board.received)
    assert page.metric_labels["rate"].text() == f"{board.acceptance_rate * 100:.0f}%"


def test_in_the_main_window_the_table_fits_without_scrolling_sideways(qtbot, main_window, qapp) -> None:
    page = main_window.show_page("suggestions")
    wait_loaded(qtbot, page)
    qtbot.waitUntil(lambda: page.model.rowCount() == 30)
    page.select_quarter("2026-Q3")
    page.table.select_where(lambda row: row.code == "S-0021")
    qapp.processEvents()
    assert not page.table.horizontalScrollBar().isVisible()


def test_settings_changes_reach_the_department_filter_and_the_quarters(
    qtbot, page, demo_context, demo_database
) -> None:
    from opsdesk.services.settings import add_department, set_fiscal_start_month
    from opsdesk.ui.context import SETTINGS

    page.apply_filter(department="Finance")
    wait_loaded(qtbot, page)
    demo_context.write(add_department, topics=(SETTINGS,), name="Logistics")
    wait_loaded(qtbot, page)
    assert page.department_filter.findText("Logistics") > 0
    assert page.department_filter.currentText() == "Finance"  # the chosen filter survives the reload
    demo_context.write(set_fiscal_start_month, topics=(SETTINGS,), month=4)
    wait_loaded(qtbot, page)
    fiscal = quarter_of(date.today(), 4)
    assert page.quarter_combo.itemText(0) == fiscal.label
    with demo_database.session() as session:
        board = leaderboard(session=session, quarter=fiscal.label, start_month=4)
    assert page.metric_labels["received"].text() == str(board.received)

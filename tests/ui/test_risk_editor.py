"""The risk editor: validation as you type, saving, conflicts, unsaved changes, actions, history."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QDialog

from opsdesk.domain.matrix import default_matrix
from opsdesk.services import actions as action_service
from opsdesk.services import risks as risk_service
from opsdesk.services.history import audit_count, audit_history
from opsdesk.services.kris import list_kris
from opsdesk.services.settings import category_id, department_id
from opsdesk.ui.dialogs.action_editor import ActionEditor
from opsdesk.ui.dialogs.risk_editor import RiskEditor
from tests.ui.waiting import wait_chart_drawn

from .conftest import painted_colours


@pytest.fixture(autouse=True)
def styled_app(qapp, answer_messages):
    """Message boxes never block; the theme is the one tests/ui/conftest.py applies for the whole run."""
    return qapp


def risk_by_code(database, code: str) -> risk_service.RiskRead:
    with database.session() as session:
        risks = risk_service.list_risks(session=session, include_archived=True)
    return next(r for r in risks if r.code == code)


def counts(database) -> tuple[int, int, int]:
    """(risks, assessments, audit entries): a refused save must leave all three alone."""
    with database.session() as session:
        risks = len(risk_service.list_risks(session=session, include_archived=True))
        assessments = sum(
            len(risk_service.assessment_history(session=session, risk_id=r.id))
            for r in risk_service.list_risks(session=session, include_archived=True)
        )
        return risks, assessments, audit_count(session=session)


def pick(combo, value) -> None:
    index = combo.findData(value)
    assert index >= 0, f"{value!r} is not offered"
    combo.setCurrentIndex(index)


def open_editor(qtbot, context, risk_id: int | None) -> RiskEditor:
    editor = RiskEditor(context, risk_id)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def fill_new_risk(
    editor: RiskEditor, database, qtbot, title: str = "Cyber attack on the SenseHub cloud"
) -> None:
    with database.session() as session:
        pick(editor.category_combo, category_id(session=session, code_or_name="infosec"))
        pick(editor.department_combo, department_id(session=session, name="Technology"))
    qtbot.keyClicks(editor.title_edit, title)


def test_an_empty_title_disables_save_with_the_reason_and_a_forced_save_writes_nothing(
    qtbot, demo_context, demo_database
):
    editor = open_editor(qtbot, demo_context, None)
    fill_new_risk(editor, demo_database, qtbot, title="")
    assert not editor.save_button.isEnabled()
    assert not editor.save_action.isEnabled()
    assert editor.reason_label.text() == "The title is required."
    assert editor.reason_label.isVisible()
    assert editor.title_edit.property("invalid") is True
    before = counts(demo_database)

    editor.tabs.setCurrentIndex(2)
    assert editor.save() is False  # the slot behind Save and Ctrl+S, forced
    assert editor.isVisible() and editor.result() != QDialog.DialogCode.Accepted
    assert editor.reason_label.text() == "The title is required."
    assert editor.tabs.currentIndex() == 0  # brought back to the field at fault
    assert counts(demo_database) == before

    qtbot.keyClicks(editor.title_edit, "x")
    assert editor.save_button.isEnabled()
    assert editor.reason_label.text() == ""


def test_likelihood_zero_cannot_be_chosen_and_is_refused(qtbot, demo_context, demo_database):
    editor = open_editor(qtbot, demo_context, None)
    fill_new_risk(editor, demo_database, qtbot)
    panel = editor.panels["inherent"]
    assert panel.likelihood.values() == [None, 1, 2, 3, 4, 5]
    assert panel.likelihood.itemText(4) == "4 · Likely"
    assert panel.impact.itemText(5) == "5 · Severe"
    assert panel.likelihood.findData(0) == -1

    panel.set_values(0, 3)  # a likelihood of 0 is not on offer: nothing is picked
    assert panel.likelihood.value() is None
    assert panel.impact.value() == 3
    assert not editor.save_button.isEnabled()
    assert editor.reason_label.text() == "Inherent: Choose both the likelihood and the impact."
    before = counts(demo_database)
    assert editor.save() is False
    assert editor.tabs.currentIndex() == 1
    assert counts(demo_database) == before


def test_a_validation_error_from_the_service_is_shown_inline_and_nothing_is_lost(
    qtbot, demo_context, demo_database, monkeypatch
):
    risk = risk_by_code(demo_database, "R-0002")
    editor = open_editor(qtbot, demo_context, risk.id)
    monkeypatch.setattr(RiskEditor, "local_errors", lambda self: {})  # let the service judge alone
    editor.title_edit.clear()
    qtbot.keyClicks(editor.description_edit, " More detail.")
    before = counts(demo_database)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.title_edit.property("invalid") is True
    assert editor.title_edit.toolTip() == "The title is required."
    assert "The title is required." in editor.reason_label.text()
    assert not editor.save_button.isEnabled()
    assert editor.description_edit.toPlainText() == " More detail." + risk.description
    assert counts(demo_database) == before
    assert risk_by_code(demo_database, "R-0002").title == risk.title


def test_only_changed_assessments_are_saved(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0002")
    with demo_database.session() as session:
        history = risk_service.assessment_history(session=session, risk_id=risk.id)
    editor = open_editor(qtbot, demo_context, risk.id)
    assert editor.panels["residual"].likelihood.value() == risk.residual_likelihood
    assert "Current since" in editor.panels["residual"].current_label.text()
    assert editor.assessment_inputs() == []
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "SenseHub subscriptions grow slower than planned")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.title_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S
    assert editor.result() == QDialog.DialogCode.Accepted
    stored = risk_by_code(demo_database, "R-0002")
    assert stored.title == "SenseHub subscriptions grow slower than planned"
    assert stored.version == risk.version + 1
    with demo_database.session() as session:
        assert risk_service.assessment_history(session=session, risk_id=risk.id) == history

    # A target change is one new target entry, with the probability and money typed.
    editor = open_editor(qtbot, demo_context, risk.id)
    target = editor.panels["target"]
    pick(target.likelihood, 1)
    qtbot.keyClicks(target.probability, "15")
    qtbot.keyClicks(target.financial, "250000")
    qtbot.keyClicks(target.note, "After the pricing review")
    assert [a.kind for a in editor.assessment_inputs()] == ["target"]
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        latest = risk_service.assessment_history(session=session, risk_id=risk.id)[-1]
    assert (latest.kind, latest.likelihood, latest.probability, latest.financial_impact, latest.note) == (
        "target",
        1,
        15.0,
        250000.0,
        "After the pricing review",
    )


def test_accepting_above_the_appetite_asks_for_a_formal_acceptance(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0002")  # residual high, above the medium appetite
    editor = open_editor(qtbot, demo_context, risk.id)
    editor.tabs.setCurrentIndex(2)
    assert editor.acceptance_box.isHidden()
    assert "above the appetite" in editor.appetite_label.text()
    pick(editor.strategy_combo, "accept")
    assert editor.acceptance_box.isVisible()
    assert editor.acceptance_required()
    assert not editor.save_button.isEnabled()
    reason = editor.reason_label.text()
    assert "needs an approver" in reason and "needs a justification" in reason and "expiry date" in reason
    qtbot.keyClicks(editor.approver_edit, "Michael Carter")
    qtbot.keyClicks(editor.justification_edit, "Growth plan revised; the board takes the risk for a year.")
    editor.expires_edit.check.setChecked(True)
    editor.expires_edit.edit.set_value(date.today())
    assert editor.reason_label.text() == "The acceptance must expire after the date it was given."
    editor.expires_edit.edit.set_value(date.today() + timedelta(days=365))
    assert editor.save_button.isEnabled(), editor.reason_label.text()

    # Lowering the residual level within the appetite makes the acceptance optional again.
    editor.tabs.setCurrentIndex(1)
    pick(editor.panels["residual"].likelihood, 1)
    pick(editor.panels["residual"].impact, 2)
    assert not editor.acceptance_required()
    editor.panels["residual"].set_values(risk.residual_likelihood, risk.residual_impact)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = risk_by_code(demo_database, "R-0002")
    assert (stored.strategy, stored.acceptance_approver) == ("accept", "Michael Carter")
    assert stored.acceptance_expires == date.today() + timedelta(days=365)


def test_a_version_conflict_explains_and_keeps_the_input(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0006")
    editor = open_editor(qtbot, demo_context, risk.id)
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, "Price war with low-cost transmitter makers")
    # Meanwhile a colleague changes the owner.
    with demo_database.session() as session:
        risk_service.bulk_update(
            session=session, risk_ids=[risk.id], change=risk_service.BulkChange(owner="Ana Silva")
        )
    before = counts(demo_database)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    assert editor.conflict_banner.isVisible()
    assert "Someone else saved this risk" in editor.conflict_label.text()
    assert editor.title_edit.text() == "Price war with low-cost transmitter makers"
    assert not editor.save_button.isEnabled()
    assert counts(demo_database) == before
    assert risk_by_code(demo_database, "R-0006").title == risk.title

    qtbot.mouseClick(editor.keep_button, Qt.MouseButton.LeftButton)
    assert not editor.conflict_banner.isVisible() and editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = risk_by_code(demo_database, "R-0006")
    assert stored.title == "Price war with low-cost transmitter makers"
    assert stored.owner == risk.owner  # keeping mine puts my whole form back, knowingly


def test_reload_theirs_after_a_conflict_shows_their_version(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0006")
    editor = open_editor(qtbot, demo_context, risk.id)
    qtbot.keyClicks(editor.title_edit, " (draft)")
    with demo_database.session() as session:
        risk_service.bulk_update(
            session=session, risk_ids=[risk.id], change=risk_service.BulkChange(owner="Ana Silva")
        )
    editor.save()
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert not editor.conflict_banner.isVisible()
    assert editor.owner_edit.text() == "Ana Silva"
    assert editor.title_edit.text() == risk.title
    assert not editor.is_dirty()


@pytest.mark.parametrize("close", ["escape", "cancel", "window"])
def test_closing_with_unsaved_changes_asks(qtbot, demo_context, demo_database, answer_messages, close):
    risk = risk_by_code(demo_database, "R-0001")
    editor = open_editor(qtbot, demo_context, risk.id)

    def attempt() -> None:
        if close == "escape":
            qtbot.keyClick(editor, Qt.Key.Key_Escape)
        elif close == "cancel":
            qtbot.mouseClick(editor.cancel_button, Qt.MouseButton.LeftButton)
        else:
            editor.close()

    qtbot.keyClicks(editor.owner_edit, " Jr")
    answer_messages.answers["unsaved"] = "cancel"
    attempt()
    assert [kind for kind, *_ in answer_messages.shown] == ["unsaved"]
    assert editor.isVisible() and editor.owner_edit.text().endswith(" Jr")
    answer_messages.answers["unsaved"] = "discard"
    attempt()
    assert not editor.isVisible()
    assert editor.saved is None
    assert risk_by_code(demo_database, "R-0001").owner == risk.owner


def test_closing_unchanged_does_not_ask_and_answering_save_saves(
    qtbot, demo_context, demo_database, answer_messages
):
    risk = risk_by_code(demo_database, "R-0001")
    editor = open_editor(qtbot, demo_context, risk.id)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible() and answer_messages.shown == []

    editor = open_editor(qtbot, demo_context, risk.id)
    qtbot.keyClicks(editor.owner_edit, " Jr")
    answer_messages.answers["unsaved"] = "save"
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert risk_by_code(demo_database, "R-0001").owner == risk.owner + " Jr"


def test_a_new_risk_gets_actions_after_its_first_save(qtbot, demo_context, demo_database):
    editor = open_editor(qtbot, demo_context, None)
    editor.tabs.setCurrentIndex(3)
    assert editor.actions_note.isVisible()
    assert "once the risk is saved" in editor.actions_note.text()
    assert not editor.add_action_button.isEnabled()
    fill_new_risk(editor, demo_database, qtbot)
    qtbot.mouseClick(editor.save_first_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and editor.saved is not None
    assert editor.risk_id == editor.saved.id
    assert editor.actions_note.text() == "This risk has no actions yet. Add one to plan its treatment."
    assert editor.add_action_button.isEnabled()
    assert editor.tabs.currentIndex() == 3
    assert editor.header.full_text().startswith(editor.saved.code)
    assert not editor.is_dirty()

    action_editor = ActionEditor(demo_context, links={"risk_id": editor.risk_id}, parent=editor)
    qtbot.addWidget(action_editor)
    assert not action_editor.save_button.isEnabled()
    qtbot.keyClicks(action_editor.title_edit, "Penetration test of the cloud platform")
    qtbot.keyClicks(action_editor.owner_edit, "Kevin Brooks")
    action_editor.due_edit.check.setChecked(True)
    action_editor.due_edit.edit.set_value(date.today() - timedelta(days=3))
    action_editor.show()
    qtbot.mouseClick(action_editor.save_button, Qt.MouseButton.LeftButton)
    assert action_editor.saved is not None
    editor._reload_actions(action_editor.saved.id)

    with demo_database.session() as session:
        stored = action_service.list_actions(session=session, risk_id=editor.risk_id)
    assert [(a.title, a.owner, a.overdue) for a in stored] == [
        ("Penetration test of the cloud platform", "Kevin Brooks", True)
    ]
    model = editor.actions_model
    due = model.index(0, model.column_index("due"))
    assert model.data(due, Qt.ItemDataRole.BackgroundRole) == QColor("#FFCDD2")
    assert model.data(model.index(0, model.column_index("status"))) == "Planned · overdue"

    assert editor.done_action_button.isEnabled()
    qtbot.mouseClick(editor.done_action_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        done = action_service.list_actions(session=session, risk_id=editor.risk_id)[0]
    assert (done.status, done.completed_on, done.overdue) == ("done", date.today(), False)
    assert model.data(model.index(0, model.column_index("status"))) == "Done"
    assert not editor.done_action_button.isEnabled()


def test_the_action_editor_works_without_a_risk(qtbot, demo_context, demo_database):
    """The Actions page reuses the action editor for unlinked actions and other records."""
    dialog = ActionEditor(demo_context)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.title_edit, "Renew the ISO 9001 certificate")
    qtbot.keyClicks(dialog.cost_edit, "-5")
    assert dialog.reason_label.text() == "The cost cannot be negative."
    dialog.cost_edit.clear()
    qtbot.keyClicks(dialog.cost_edit, "4200")
    pick(dialog.status_combo, "done")
    assert dialog.completed_edit.value() == date.today()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    saved = dialog.saved
    assert (saved.risk_id, saved.nonconformity_id, saved.status, saved.cost) == (None, None, "done", 4200.0)

    edit = ActionEditor(demo_context, saved)
    qtbot.addWidget(edit)
    assert edit.title_edit.text() == "Renew the ISO 9001 certificate"
    pick(edit.status_combo, "in_progress")
    assert edit.completed_edit.value() is None
    qtbot.mouseClick(edit.save_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        stored = [a for a in action_service.list_actions(session=session) if a.id == saved.id][0]
    assert (stored.status, stored.completed_on, stored.version) == ("in_progress", None, saved.version + 1)


def test_indicators_and_history_tabs(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0011")
    with demo_database.session() as session:
        kris = list_kris(session=session, risk_id=risk.id)
        audit = audit_history(session=session, entity="risk", entity_id=risk.id)
        history = risk_service.assessment_history(session=session, risk_id=risk.id)
    editor = open_editor(qtbot, demo_context, risk.id)
    assert kris
    assert [k.name for k in editor.kris_model.rows()] == [k.name for k in kris]
    assert editor.chart.figure is None  # drawn when the tab is first shown
    editor.tabs.setCurrentIndex(5)
    wait_chart_drawn(qtbot, editor.chart)  # built and drawn on the chart thread
    assert editor.chart.figure is not None
    axes = editor.chart.figure.axes[0]
    assert axes.get_title(loc="left") == "Score over time"
    assert {text.get_text() for text in axes.get_legend().get_texts()} == {"Inherent", "Residual", "Target"}
    markers = [line for line in axes.get_lines() if line.get_linestyle() == "None"]
    assert sum(len(line.get_xdata()) for line in markers) == len(history)  # one marker per assessment
    assert editor.audit_model.rowCount() == len(audit)
    model = editor.audit_model
    assert model.data(model.index(0, model.column_index("user"))) == audit[0].user


def test_band_score_ranges_cover_the_matrix():
    from opsdesk.reports.charts.risk_history import band_score_ranges

    spans = band_score_ranges(default_matrix())
    assert [(code, low, high) for code, _name, _color, low, high in spans] == [
        ("low", 0.0, 4.5),
        ("medium", 4.5, 9.5),
        ("high", 9.5, 19.5),
        ("critical", 19.5, 25.5),
    ]


def test_every_tab_renders_in_an_editor_of_1000x660(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0008")  # accepted above the appetite, with actions and history
    editor = open_editor(qtbot, demo_context, risk.id)
    assert (editor.width(), editor.height()) == (1000, 660)
    names = ["identification", "assessment", "response", "actions", "indicators", "history"]
    for number, name in enumerate(names):
        editor.tabs.setCurrentIndex(number)
        if name == "history":
            # The chart is shown (and sized) by the event loop; then it draws on the chart thread.
            qtbot.waitUntil(lambda: editor.chart.isVisible())
            wait_chart_drawn(qtbot, editor.chart)
        assert painted_colours(editor.tabs.currentWidget()) > 20, name
    assert not editor.acceptance_box.isHidden()  # R-0008 is accepted: the acceptance is shown

    with_actions = risk_by_code(demo_database, "R-0002")
    editor = open_editor(qtbot, demo_context, with_actions.id)
    editor.tabs.setCurrentIndex(3)
    assert editor.actions_model.rowCount() > 0 and not editor.actions_note.isVisible()

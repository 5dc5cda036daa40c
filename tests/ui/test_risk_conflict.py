"""Two OpsDesks edit the same risk: the second sees both sides, decides, and nothing is lost silently."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from opsdesk.domain.conflicts import BOTH, MINE, THEIRS, FieldSpec, compare_fields
from opsdesk.services import risks as risk_service
from opsdesk.services.history import AuditRead, audit_count, audit_history
from opsdesk.store.database import Database, open_database
from opsdesk.ui.dialogs.conflict_view import (
    ConflictView,
    local_time,
    savers_text,
)
from opsdesk.ui.dialogs.risk_editor import RiskEditor

REPO = Path(__file__).resolve().parents[2]
MY_TITLE = "Price war with low-cost transmitter makers"
MY_OWNER = "Sofia Marin"
THEIR_OWNER = "Ana Silva"
THEIR_DESCRIPTION = "Asian makers now sell PX-class transmitters at 40% below our list price in tenders."


@pytest.fixture(autouse=True)
def styled_app(qapp, answer_messages):
    """Message boxes never block; the theme is the one tests/ui/conftest.py applies for the whole run."""
    return qapp


@pytest.fixture
def colleague(demo_database: Database) -> Iterator[Database]:
    """A second OpsDesk on the same file: its own engine and connections, another user."""
    database = open_database(demo_database.path, user="colleague")
    yield database
    database.dispose()


def risk_by_code(database: Database, code: str) -> risk_service.RiskRead:
    with database.session() as session:
        risk_id = risk_service.risk_id_by_code(session=session, code=code)
        return risk_service.get_risk(session=session, risk_id=risk_id)


def edit_risk(database: Database, risk_id: int, assessments=(), **changes: object) -> risk_service.RiskRead:
    """Save a change as another user would: load, change some fields, save with the version read."""
    with database.session() as session:
        risk = risk_service.get_risk(session=session, risk_id=risk_id)
        data = risk_service.RiskInput(
            **{f.name: getattr(risk, f.name) for f in dataclasses.fields(risk_service.RiskInput)}
        )
        data = dataclasses.replace(data, **changes)
        return risk_service.update_risk(
            session=session,
            risk_id=risk_id,
            data=data,
            assessments=assessments,
            expected_version=risk.version,
        )


def open_editor(qtbot, context, risk_id: int) -> RiskEditor:
    editor = RiskEditor(context, risk_id)
    qtbot.addWidget(editor)
    editor.resize(1000, 660)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def type_my_changes(qtbot, editor: RiskEditor) -> None:
    editor.title_edit.selectAll()
    qtbot.keyClicks(editor.title_edit, MY_TITLE)
    editor.owner_edit.selectAll()
    qtbot.keyClicks(editor.owner_edit, MY_OWNER)


def conflict_on_r0006(
    qtbot, demo_context, demo_database, colleague
) -> tuple[RiskEditor, risk_service.RiskRead]:
    """I change title and owner; meanwhile the colleague changes owner and description; I click Save."""
    risk = risk_by_code(demo_database, "R-0006")
    editor = open_editor(qtbot, demo_context, risk.id)
    type_my_changes(qtbot, editor)
    edit_risk(colleague, risk.id, owner=THEIR_OWNER, description=THEIR_DESCRIPTION)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    return editor, risk


def field_audit(database: Database, risk_id: int) -> list[tuple[str, str | None, str | None, str | None]]:
    """(user, field, old, new) of the risk's update entries, oldest first."""
    with database.session() as session:
        entries = audit_history(session=session, entity="risk", entity_id=risk_id)
    return [(e.user, e.field, e.old_value, e.new_value) for e in reversed(entries) if e.action == "update"]


def test_the_conflict_view_shows_opened_theirs_and_mine_and_nothing_is_overwritten(
    qtbot, demo_context, demo_database, colleague
):
    editor, risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)
    with demo_database.session() as session:
        audits_before = audit_count(session=session)

    assert editor.isVisible()
    assert editor.conflict_banner.isVisible()
    assert "Someone else saved this risk" in editor.conflict_label.text()
    assert "colleague" in editor.conflict_label.text()
    view = editor.conflict_banner.view
    assert view.keys() == ["owner", "description", "title"]  # the conflict first, then theirs, then mine
    kinds = {change.key: change.kind for change in view.changes()}
    assert kinds == {"title": MINE, "description": THEIRS, "owner": BOTH}
    owner = view.change("owner")
    assert (owner.label, owner.opened, owner.theirs, owner.mine) == (
        "Owner",
        risk.owner,
        THEIR_OWNER,
        MY_OWNER,
    )
    assert owner.saved_by == "colleague" and view.change("description").saved_by == "colleague"
    assert view.change("title").saved_by == ""
    assert view.cell("owner", "opened").text() == risk.owner
    assert view.cell("owner", "theirs").text() == THEIR_OWNER
    assert view.cell("owner", "mine").text() == MY_OWNER
    assert view.change("description").theirs == THEIR_DESCRIPTION
    # A long text is cut on a word in the table; the tooltip holds all of it, and who saved it.
    assert (
        view.cell("description", "theirs").text()
        == "Asian makers now sell PX-class transmitters at 40% below our list…"
    )
    assert THEIR_DESCRIPTION in view.cell("description", "theirs").toolTip()
    assert view.cell("description", "mine").text() == "(unchanged)"
    assert view.cell("title", "theirs").text() == "(unchanged)"
    assert view.cell("title", "mine").text() == MY_TITLE
    assert view.cell("title", "field").text() == "Title"
    assert "colleague" in view.cell("description", "theirs").toolTip()
    header = view.grid.itemAtPosition(0, 2).widget().text()
    assert header.startswith("Their change, saved by") and "colleague at " in header
    assert view.cell("owner", "field").property("cell") == "conflict"
    assert view.cell("title", "field").property("cell") == "value"
    assert view.pick("owner") is None and view.pick("description") == THEIRS and view.pick("title") == MINE
    assert [change.key for change in view.undecided()] == ["owner"]

    # Nothing was written, and nothing can be until the user decides.
    assert not editor.save_button.isEnabled() and not editor.apply_button.isEnabled()
    assert "Choose how to settle the conflict" in editor.reason_label.text()
    assert editor.save() is False
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner, stored.description) == (risk.title, THEIR_OWNER, THEIR_DESCRIPTION)
    with demo_database.session() as session:
        assert audit_count(session=session) == audits_before
    # The input is all still there.
    assert (editor.title_edit.text(), editor.owner_edit.text()) == (MY_TITLE, MY_OWNER)
    assert editor.description_edit.toPlainText() == risk.description


def test_merge_takes_theirs_keeps_mine_and_asks_where_both_changed(
    qtbot, demo_context, demo_database, colleague
):
    editor, risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)
    view = editor.conflict_banner.view

    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    assert editor.description_edit.toPlainText() == THEIR_DESCRIPTION  # only they changed it
    assert editor.title_edit.text() == MY_TITLE  # only I changed it
    assert editor.owner_edit.text() == MY_OWNER  # both did: still mine until I pick
    assert editor.conflict_banner.isVisible() and not editor.merge_button.isEnabled()
    assert "Merged into the form" in editor.conflict_label.text()
    assert not editor.save_button.isEnabled()
    assert editor.reason_label.text().startswith("Pick theirs or yours for Owner")
    assert risk_by_code(demo_database, "R-0006").title == risk.title  # merging saves nothing

    # A pick after merging shows at once in the form, and can be changed back.
    qtbot.mouseClick(view.choice_button("owner", THEIRS), Qt.MouseButton.LeftButton)
    assert editor.owner_edit.text() == THEIR_OWNER
    assert editor.save_button.isEnabled()
    assert editor.overwritten_fields() == []
    assert editor.conflict_banner.legend_label.text() == "Saving replaces none of their changes."
    qtbot.mouseClick(view.choice_button("owner", MINE), Qt.MouseButton.LeftButton)
    assert editor.owner_edit.text() == MY_OWNER
    assert view.pick("owner") == MINE
    # Picking mine replaces their owner: said, and marked in the form.
    assert editor.overwritten_fields() == ["owner"]
    assert editor.owner_edit.property("overwrite") is True
    assert "colleague" in editor.owner_edit.toolTip() and THEIR_OWNER in editor.owner_edit.toolTip()
    legend = editor.conflict_banner.legend_label.text()  # the comparison is on screen: its legend says it
    assert legend.startswith("Saving replaces these changes saved by colleague") and "Owner" in legend
    assert not editor.overwrite_note.isVisible()
    assert editor.description_edit.property("overwrite") in (None, False)

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner, stored.description) == (MY_TITLE, MY_OWNER, THEIR_DESCRIPTION)
    trail = field_audit(demo_database, risk.id)
    assert ("colleague", "owner", risk.owner, THEIR_OWNER) in trail
    assert ("colleague", "description", risk.description, THEIR_DESCRIPTION) in trail
    assert ("tester", "title", risk.title, MY_TITLE) in trail
    assert ("tester", "owner", THEIR_OWNER, MY_OWNER) in trail  # a knowing replacement, on record
    assert not any(user == "tester" and name == "description" for user, name, *_ in trail)


def test_a_pick_made_before_merge_is_applied_by_merge(qtbot, demo_context, demo_database, colleague):
    editor, _risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)
    view = editor.conflict_banner.view
    qtbot.mouseClick(view.choice_button("owner", THEIRS), Qt.MouseButton.LeftButton)
    assert editor.owner_edit.text() == MY_OWNER  # a pick alone changes nothing yet
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    assert editor.owner_edit.text() == THEIR_OWNER
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner, stored.description) == (MY_TITLE, THEIR_OWNER, THEIR_DESCRIPTION)


def test_use_theirs_asks_then_reloads_the_stored_risk(
    qtbot, demo_context, demo_database, colleague, answer_messages
):
    editor, risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)

    answer_messages.answers["confirm"] = False
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert [kind for kind, *_ in answer_messages.shown] == ["confirm"]
    assert editor.conflict_banner.isVisible() and editor.title_edit.text() == MY_TITLE  # kept: they said no

    answer_messages.answers["confirm"] = True
    qtbot.mouseClick(editor.reload_button, Qt.MouseButton.LeftButton)
    assert not editor.conflict_banner.isVisible()
    assert (editor.title_edit.text(), editor.owner_edit.text()) == (risk.title, THEIR_OWNER)
    assert editor.description_edit.toPlainText() == THEIR_DESCRIPTION
    assert not editor.is_dirty() and editor.save_button.isEnabled()
    assert editor.version == risk_by_code(demo_database, "R-0006").version

    # Editing from their version saves without a conflict.
    qtbot.keyClicks(editor.title_edit, " (draft)")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner) == (risk.title + " (draft)", THEIR_OWNER)


def test_keep_mine_marks_their_changes_then_save_overwrites_them_deliberately(
    qtbot, demo_context, demo_database, colleague
):
    editor, risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)

    qtbot.mouseClick(editor.keep_button, Qt.MouseButton.LeftButton)
    assert not editor.conflict_banner.isVisible()
    assert editor.save_button.isEnabled() and editor.reason_label.text() == ""
    assert editor.overwritten_fields() == ["description", "owner"]
    assert editor.overwrite_note.isVisible()
    note = editor.overwrite_note.label.text()
    assert "Description" in note and "Owner" in note and "colleague" in note
    assert editor.owner_edit.property("overwrite") is True
    assert editor.description_edit.property("overwrite") is True
    assert editor.title_edit.property("overwrite") in (None, False)
    assert risk_by_code(demo_database, "R-0006").owner == THEIR_OWNER  # still nothing saved

    # The comparison can be brought back, and the choice changed.
    qtbot.mouseClick(editor.overwrite_note.compare_button, Qt.MouseButton.LeftButton)
    assert editor.conflict_banner.isVisible() and editor.merge_button.isEnabled()
    editor.conflict_banner.hide()

    # Typing their value back removes that mark.
    editor.description_edit.setPlainText(THEIR_DESCRIPTION)
    assert editor.overwritten_fields() == ["owner"]
    editor.description_edit.setPlainText(risk.description)
    assert editor.overwritten_fields() == ["description", "owner"]

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner, stored.description) == (MY_TITLE, MY_OWNER, risk.description)
    trail = field_audit(demo_database, risk.id)
    assert ("colleague", "owner", risk.owner, THEIR_OWNER) in trail
    assert ("tester", "owner", THEIR_OWNER, MY_OWNER) in trail
    assert ("tester", "description", THEIR_DESCRIPTION, risk.description) in trail


@pytest.mark.parametrize("choice", ["merge", "keep"])
def test_their_new_assessment_is_taken_by_merge_and_replaced_by_keep_mine(
    qtbot, demo_context, demo_database, colleague, choice
):
    risk = risk_by_code(demo_database, "R-0006")
    assert (risk.residual_likelihood, risk.residual_impact) == (3, 3)
    editor = open_editor(qtbot, demo_context, risk.id)
    editor.owner_edit.selectAll()
    qtbot.keyClicks(editor.owner_edit, MY_OWNER)
    edit_risk(
        colleague,
        risk.id,
        assessments=[risk_service.AssessmentInput(kind="residual", likelihood=2, impact=2)],
    )
    with demo_database.session() as session:
        history_before = risk_service.assessment_history(session=session, risk_id=risk.id, kind="residual")

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    view = editor.conflict_banner.view
    residual = view.change("residual")
    assert residual is not None and residual.kind == THEIRS and residual.saved_by == "colleague"
    assert residual.label == "Residual likelihood × impact"
    assert residual.opened.startswith("3 × 3 = 9") and residual.theirs.startswith("2 × 2 = 4")

    if choice == "merge":
        qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
        panel = editor.panels["residual"]
        assert (panel.likelihood.value(), panel.impact.value()) == (2, 2)
        assert not panel.is_changed()  # their assessment is shown, not recorded again as mine
        expected, new_rows = (2, 2), 0
    else:
        qtbot.mouseClick(editor.keep_button, Qt.MouseButton.LeftButton)
        assert "residual" in editor.overwritten_fields()
        assert editor.panels["residual"].likelihood.property("overwrite") is True
        expected, new_rows = (3, 3), 1  # my form's 3 × 3 becomes current again, as a new assessment
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.residual_likelihood, stored.residual_impact) == expected
    assert stored.owner == MY_OWNER
    with demo_database.session() as session:
        history = risk_service.assessment_history(session=session, risk_id=risk.id, kind="residual")
    assert len(history) == len(history_before) + new_rows


def test_a_second_process_editing_the_risk_is_caught_and_merged(qtbot, demo_context, demo_database):
    risk = risk_by_code(demo_database, "R-0006")
    editor = open_editor(qtbot, demo_context, risk.id)
    type_my_changes(qtbot, editor)

    # A second OpsDesk process on the same file saves the same risk while the editor is open.
    script = textwrap.dedent(
        """
        import dataclasses, sys
        from opsdesk.services import risks
        from opsdesk.store.database import open_database

        database = open_database(sys.argv[1], user="second-process")
        with database.session() as session:
            risk = risks.get_risk(session=session, risk_id=int(sys.argv[2]))
            fields = {f.name: getattr(risk, f.name) for f in dataclasses.fields(risks.RiskInput)}
            data = dataclasses.replace(risks.RiskInput(**fields), owner=sys.argv[3], description=sys.argv[4])
            saved = risks.update_risk(session=session, risk_id=risk.id, data=data, expected_version=risk.version)
        database.dispose()
        print(saved.version)
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(demo_database.path), str(risk.id), THEIR_OWNER, THEIR_DESCRIPTION],
        cwd=REPO, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert int(done.stdout.strip()) > risk.version

    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.conflict_banner.isVisible()
    view = editor.conflict_banner.view
    assert {change.key: change.kind for change in view.changes()} == {
        "title": MINE, "description": THEIRS, "owner": BOTH,
    }  # fmt: skip
    assert view.change("owner").saved_by == "second-process"
    assert "second-process" in editor.conflict_label.text()
    assert risk_by_code(demo_database, "R-0006").owner == THEIR_OWNER  # theirs stands until I decide

    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.choice_button("owner", MINE), Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert not editor.isVisible()
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.title, stored.owner, stored.description) == (MY_TITLE, MY_OWNER, THEIR_DESCRIPTION)
    trail = field_audit(demo_database, risk.id)
    assert ("second-process", "description", risk.description, THEIR_DESCRIPTION) in trail
    assert ("tester", "owner", THEIR_OWNER, MY_OWNER) in trail


def test_a_second_conflict_compares_with_the_version_adopted(qtbot, demo_context, demo_database, colleague):
    editor, risk = conflict_on_r0006(qtbot, demo_context, demo_database, colleague)
    qtbot.mouseClick(editor.keep_button, Qt.MouseButton.LeftButton)
    # Before I save again, the colleague changes the cause.
    edit_risk(colleague, risk.id, cause="Tender prices fell sharply in 2024.")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.conflict_banner.isVisible()
    view = editor.conflict_banner.view
    # Measured from the version I kept mine against: their new cause, my owner and description choices.
    kinds = {change.key: change.kind for change in view.changes()}
    assert kinds == {"title": MINE, "description": MINE, "cause": THEIRS, "owner": MINE}
    assert view.change("owner").opened == THEIR_OWNER
    assert not editor.overwrite_note.isVisible()
    qtbot.mouseClick(editor.merge_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    stored = risk_by_code(demo_database, "R-0006")
    assert (stored.owner, stored.cause, stored.description) == (MY_OWNER, "Tender prices fell sharply in 2024.",
                                                                risk.description)  # fmt: skip


def test_compare_fields_orders_rows_skips_equal_changes_and_names_each_saver(qtbot) -> None:
    def entry(entry_id: int, field: str, user: str) -> AuditRead:
        return AuditRead(
            entry_id, "risk", "6", "update", field, "a", "b", user, datetime(2025, 3, 1, 9, entry_id)
        )

    specs = [FieldSpec("title", "Title"), FieldSpec("owner", "Owner"), FieldSpec("cause", "Cause"),
             FieldSpec("status", "Status"), FieldSpec("residual", "Residual", ("residual_likelihood",))]  # fmt: skip
    opened = {"title": "A", "owner": "Ann", "cause": "x", "status": "open", "residual": (3, 3)}
    theirs = {"title": "A", "owner": "Bob", "cause": "y", "status": "closed", "residual": (2, 2)}
    mine = {"title": "B", "owner": "Cy", "cause": "y", "status": "open", "residual": (3, 3)}
    audit = [entry(5, "owner", "bob"), entry(6, "residual_likelihood", "dee"), entry(7, "status", "bob"),
             entry(2, "owner", "old")]  # fmt: skip
    changes = compare_fields(
        specs, opened, theirs, mine, show=lambda key, value: str(value), audit=audit, after_audit_id=4
    )
    # The cause was changed alike on both sides: nothing to decide, not listed.
    assert [(c.key, c.kind, c.saved_by) for c in changes] == [
        ("owner", BOTH, "bob"), ("status", THEIRS, "bob"), ("residual", THEIRS, "dee"), ("title", MINE, ""),
    ]  # fmt: skip
    assert changes[2].theirs == "(2, 2)" and changes[2].opened == "(3, 3)"
    newer = [e for e in audit if e.id > 4]
    assert savers_text(newer) == f"dee and bob, last at {local_time(newer[2].at)}"  # bob saved last
    assert savers_text(newer[:1]) == f"bob at {local_time(newer[0].at)}"
    assert savers_text([]) == "someone else"

    view = ConflictView()
    qtbot.addWidget(view)
    view.set_changes(changes, savers_text(newer))
    # Several people saved: each of their cells says whose it is.
    assert view.cell("residual", "theirs").text() == "(2, 2)\nby dee"
    assert view.cell("owner", "theirs").text() == "Bob\nby bob"
    assert [c.key for c in view.undecided()] == ["owner"]
    view.set_pick("owner", THEIRS)
    assert view.undecided() == [] and view.pick("owner") == THEIRS
    empty = ConflictView()
    qtbot.addWidget(empty)
    empty.set_changes([])
    assert not empty.empty_label.isHidden() and empty.scroll.isHidden()

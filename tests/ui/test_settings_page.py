"""Settings page: the matrix editor, review intervals, organisation lists, policy and language."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from opsdesk.domain.errors import ValidationError
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.services import settings as settings_service
from opsdesk.services.history import audit_count, audit_history
from opsdesk.services.risks import list_risks
from opsdesk.ui.pages.settings import ARCHIVED_GREY, SettingsPage, section_title
from tests.ui.waiting import wait_loaded


@pytest.fixture
def page(qtbot, demo_context) -> SettingsPage:
    page = SettingsPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page)
    return page


def _call(database, service, **kwargs):
    with database.session() as session:
        return service(session=session, **kwargs)


def _settle() -> None:
    for _ in range(3):  # nested layouts settle one level per pass of the event loop
        QApplication.processEvents()


def _click_cell(qtbot, editor, likelihood: int, impact: int, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.mouseClick(
        editor.grid, Qt.MouseButton.LeftButton, modifier, editor.grid.cell_rect(likelihood, impact).center()
    )


def _clear(qtbot, edit) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)


def _counted(qtbot, page) -> None:
    """Wait for the matrix section's count of risks to re-level (it runs on the worker)."""
    qtbot.waitUntil(lambda: not page.matrix.previewing, timeout=10_000)


def _relevelled(risks, matrix: RiskMatrix) -> int:
    """Independent count: risks with at least one stored level that the matrix would change."""
    count = 0
    for risk in risks:
        for kind in ("inherent", "residual", "target"):
            likelihood, impact = getattr(risk, f"{kind}_likelihood"), getattr(risk, f"{kind}_impact")
            if likelihood is not None and matrix.level(likelihood, impact).code != getattr(
                risk, f"{kind}_level"
            ):
                count += 1
                break
    return count


# Risk matrix ------------------------------------------------------------------------------


def test_sections_not_shown_are_built_when_their_tab_is_first_chosen(page, qtbot, demo_database):
    # Opening the page builds the section on screen only; every tab is named all the same.
    assert list(page.built) == ["matrix"]
    assert [page.tabs.tabText(i) for i in range(page.tabs.count())] == [
        "Risk matrix",
        "Review intervals",
        "Organisation",
        "Quality policy",
        "Language",
    ]
    tab_bar = page.tabs.tabBar()
    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(2).center())
    assert list(page.built) == ["matrix", "organisation"]
    organisation = page.built["organisation"]
    assert organisation.isVisible() and organisation.loaded  # what the page read already, no new load
    assert organisation.company_name.text() == _call(demo_database, settings_service.get_company_name)
    departments = _call(demo_database, settings_service.list_departments, include_archived=True)
    assert [d.name for d in organisation.departments.model.all_rows()] == [d.name for d in departments]
    assert page.tabs.tabText(2) == organisation.title() == section_title(type(organisation))

    organisation.company_name.selectAll()
    qtbot.keyClicks(organisation.company_name, "Aldermoor Group")
    assert page.tabs.tabText(2) == "Organisation •"
    qtbot.mouseClick(organisation.save_button, Qt.MouseButton.LeftButton)
    assert _call(demo_database, settings_service.get_company_name) == "Aldermoor Group"
    assert page.tabs.tabText(2) == "Organisation"

    qtbot.mouseClick(tab_bar, Qt.MouseButton.LeftButton, pos=tab_bar.tabRect(4).center())
    language = page.built["language"]
    stored = _call(demo_database, settings_service.get_language)
    assert language.buttons[stored].isChecked() and not language.save_button.isEnabled()
    assert set(page.built) == {"matrix", "organisation", "language"}
    for key, section in page.sections.items():  # asking for every section builds the rest
        assert section.title() == section_title(type(section)), key
    assert set(page.built) == set(page.SECTION_CLASSES)


def _blocked_preview(monkeypatch, answers: dict[tuple, int]):
    """preview_relevel replaced: it waits for the test's event, then answers by the matrix's cells."""
    gates: list[threading.Event] = []
    calls: list[tuple[threading.Thread, tuple]] = []
    done: list[tuple] = []

    def preview_relevel(*, session, matrix):
        gate = threading.Event()
        gates.append(gate)
        calls.append((threading.current_thread(), matrix.cells))
        assert gate.wait(10)
        done.append(matrix.cells)
        return answers[matrix.cells]

    monkeypatch.setattr(settings_service, "preview_relevel", preview_relevel)
    return gates, calls, done


def test_a_matrix_edit_counts_the_risks_to_relevel_on_the_worker(page, qtbot, monkeypatch):
    editor = page.matrix.editor
    answers: dict[tuple, int] = {}
    gates, calls, _done = _blocked_preview(monkeypatch, answers)
    _click_cell(qtbot, editor, 3, 3)
    answers[editor.matrix().cells] = 7
    qtbot.waitUntil(lambda: len(gates) == 1)
    # The count waits on the worker; the event loop runs on meanwhile (a 10 ms timer keeps ticking).
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    qtbot.waitUntil(lambda: len(ticks) >= 5, timeout=5_000)
    timer.stop()
    assert calls[0][0] is not threading.main_thread()
    assert page.matrix.previewing and page.matrix.relevel_count() is None
    assert not page.matrix.save_button.isEnabled() and not page.matrix.save()  # Save waits for the count
    assert page.matrix.status.text() == "Unsaved changes."
    assert page.tabs.tabText(0) == "Risk matrix •"

    gates[0].set()
    qtbot.waitUntil(lambda: not page.matrix.previewing)
    assert page.matrix.relevel_count() == 7
    assert page.matrix.status.text() == "Saving will re-level 7 risks."
    assert page.matrix.save_button.isEnabled()


def test_a_count_overtaken_by_a_newer_edit_is_dropped(page, qtbot, monkeypatch):
    editor = page.matrix.editor
    answers: dict[tuple, int] = {}
    gates, _calls, done = _blocked_preview(monkeypatch, answers)
    _click_cell(qtbot, editor, 3, 3)
    first = editor.matrix().cells
    answers[first] = 111
    qtbot.waitUntil(lambda: len(gates) == 1)
    _click_cell(qtbot, editor, 1, 1)  # a newer edit before the first count came back
    second = editor.matrix().cells
    answers[second] = 2
    qtbot.waitUntil(lambda: len(gates) == 2)

    gates[1].set()
    qtbot.waitUntil(lambda: not page.matrix.previewing)
    assert page.matrix.relevel_count() == 2
    gates[0].set()  # the older count arrives last: dropped
    qtbot.waitUntil(lambda: done == [second, first])
    for _ in range(3):
        QApplication.processEvents()
    assert page.matrix.relevel_count() == 2
    assert page.matrix.status.text() == "Saving will re-level 2 risks."
    # Back to the first cells: their count was dropped, so it runs again.
    _click_cell(qtbot, editor, 1, 1, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert editor.matrix().cells == first and page.matrix.previewing
    qtbot.waitUntil(lambda: len(gates) == 3)
    gates[2].set()
    qtbot.waitUntil(lambda: not page.matrix.previewing)
    assert page.matrix.relevel_count() == 111


def test_clicking_a_cell_and_saving_relevels_risks_and_is_audited(
    page, qtbot, demo_database, answer_messages
):
    editor = page.matrix.editor
    risks = _call(demo_database, list_risks, include_archived=True)
    at_3x3 = next(r for r in risks if (r.residual_likelihood, r.residual_impact) == (3, 3))
    assert at_3x3.residual_level == "medium"
    assert not page.matrix.save_button.isEnabled()

    _click_cell(qtbot, editor, 3, 3)

    assert editor.cell(3, 3) == "high"
    _counted(qtbot, page)
    expected = _relevelled(risks, editor.matrix())
    assert expected == sum(
        any(
            (getattr(r, f"{k}_likelihood"), getattr(r, f"{k}_impact")) == (3, 3)
            for k in ("inherent", "residual", "target")
        )
        for r in risks
    )
    assert page.matrix.relevel_count() == expected
    assert page.matrix.status.text() == f"Saving will re-level {expected} risks."
    assert page.matrix.save_button.isEnabled()
    assert page.tabs.tabText(0) == "Risk matrix •"
    before = _call(demo_database, audit_count)

    qtbot.mouseClick(page.matrix.save_button, Qt.MouseButton.LeftButton)

    kinds = [kind for kind, _title, _text in answer_messages.shown]
    assert kinds == ["confirm"]
    assert f"re-level {expected} risk(s)" in answer_messages.shown[0][2]
    stored = _call(demo_database, settings_service.get_matrix)
    assert stored.cells[2][2] == "high"
    assert stored == editor.matrix()
    after = {r.code: r for r in _call(demo_database, list_risks, include_archived=True)}
    assert after[at_3x3.code].residual_level == "high"
    assert after[at_3x3.code].residual_score == 9
    changed_codes = [
        r.code
        for r in risks
        if after[r.code].inherent_level != r.inherent_level
        or after[r.code].residual_level != r.residual_level
        or after[r.code].target_level != r.target_level
    ]
    assert len(changed_codes) == expected
    audit = _call(demo_database, audit_history, entity="setting", entity_id="risk_matrix")
    assert audit[0].user == "tester" and audit[0].action == "update" and audit[0].field == "value"
    assert '"high"' in audit[0].new_value
    risk_audit = _call(demo_database, audit_history, entity="risk", entity_id=at_3x3.id)
    assert any(
        e.field == "residual_level" and e.old_value == "medium" and e.new_value == "high" for e in risk_audit
    )
    assert _call(demo_database, audit_count) > before
    assert page.matrix.status.text() == f"Matrix saved; {expected} risk(s) re-levelled."
    assert not page.matrix.save_button.isEnabled()
    assert page.tabs.tabText(0) == "Risk matrix"


def test_relevel_preview_matches_what_saving_does(page, qtbot, demo_database, demo_context, answer_messages):
    editor = page.matrix.editor
    risks = _call(demo_database, list_risks, include_archived=True)
    editor.set_upper_scores([3, 8, 12])
    qtbot.mouseClick(editor.fill_button, Qt.MouseButton.LeftButton)
    _counted(qtbot, page)
    draft = editor.matrix()
    assert draft.cells[0] == ("low", "low", "low", "medium", "medium")  # scores 1, 2, 3 | 4, 5
    assert draft.cells[2][3] == "high"  # score 12
    expected = _relevelled(risks, draft)
    assert expected > 0
    assert page.matrix.relevel_count() == expected
    assert _call(demo_database, settings_service.preview_relevel, matrix=draft) == expected

    # Cancelling the confirmation writes nothing.
    answer_messages.answers["confirm"] = False
    before = _call(demo_database, audit_count)
    assert not page.matrix.save()
    assert _call(demo_database, audit_count) == before
    assert _call(demo_database, settings_service.get_matrix) != draft

    answer_messages.answers["confirm"] = True
    assert page.save_current()
    assert page.matrix.status.text() == f"Matrix saved; {expected} risk(s) re-levelled."
    after = _call(demo_database, list_risks, include_archived=True)
    assert all(
        r.residual_level
        == (draft.level(r.residual_likelihood, r.residual_impact).code if r.residual_likelihood else None)
        for r in after
    )
    assert demo_context.matrix() == draft


def test_shift_click_goes_back_and_keyboard_cycles(page, qtbot):
    editor = page.matrix.editor
    _click_cell(qtbot, editor, 1, 1, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert editor.cell(1, 1) == "critical"  # from the lowest back round to the highest
    editor.grid.setFocus()
    qtbot.keyClick(editor.grid, Qt.Key.Key_Up)
    qtbot.keyClick(editor.grid, Qt.Key.Key_Space)
    assert editor.cell(2, 1) == "medium"
    menu = editor.grid.band_menu(5, 5)
    [medium] = [a for a in menu.actions() if a.text() == "Medium"]
    medium.trigger()
    assert editor.cell(5, 5) == "medium"
    qtbot.mouseClick(page.matrix.revert_button, Qt.MouseButton.LeftButton)
    assert editor.cell(1, 1) == "low" and editor.cell(5, 5) == "critical"
    assert not page.matrix.save_button.isEnabled()


def test_an_empty_label_disables_save_with_the_message(page, qtbot, demo_database):
    editor = page.matrix.editor
    before = _call(demo_database, audit_count)
    _clear(qtbot, editor.likelihood_edits[1])

    assert not page.matrix.save_button.isEnabled()
    assert editor.labels_error.text() == "Every likelihood level needs a name."
    assert not editor.labels_error.isHidden()
    assert "Every likelihood level needs a name." in page.matrix.status.text()
    assert page.matrix.relevel_count() is None
    assert not page.matrix.save()
    assert _call(demo_database, audit_count) == before

    qtbot.keyClicks(editor.likelihood_edits[1], "Seldom")
    assert editor.labels_error.isHidden()
    _counted(qtbot, page)
    assert page.matrix.save_button.isEnabled()
    assert page.matrix.status.text() == "Saving will not change the level of any risk."


def test_shrinking_below_existing_assessments_is_refused(
    page, qtbot, demo_database, answer_messages, monkeypatch
):
    editor = page.matrix.editor
    editor.likelihood_count.setValue(3)
    _counted(qtbot, page)
    message = page.matrix.status.text()
    assert "outside the new matrix" in message and "Risk R-" in message
    assert not page.matrix.save_button.isEnabled()

    # Should the preview miss it (someone reassessed meanwhile), the service refuses and the page says so.
    monkeypatch.setattr(settings_service, "preview_relevel", lambda **_kwargs: 0)
    editor.likelihood_count.setValue(4)
    editor.likelihood_count.setValue(3)
    _counted(qtbot, page)
    assert page.matrix.save_button.isEnabled()
    before = _call(demo_database, audit_count)
    assert not page.matrix.save()
    [(kind, title, text)] = answer_messages.shown
    assert kind == "error" and "outside the new matrix" in text
    assert "outside the new matrix" in page.matrix.status.text()
    assert _call(demo_database, audit_count) == before
    assert _call(demo_database, settings_service.get_matrix).likelihood_count == 5


def test_growing_the_matrix_and_filling_by_score(page, qtbot, demo_database, answer_messages):
    editor = page.matrix.editor
    editor.likelihood_count.setValue(6)
    editor.impact_count.setValue(6)
    assert editor.likelihood_edits[5].text() == "Level 6" and not editor.likelihood_edits[5].isHidden()
    assert editor.impact_edits[6].isHidden()
    assert editor.cell(6, 6) == "critical"  # new cells copy their neighbour until filled
    editor.set_upper_scores([4, 9, 16])
    qtbot.mouseClick(editor.fill_button, Qt.MouseButton.LeftButton)
    draft = editor.matrix()
    assert (draft.likelihood_count, draft.impact_count) == (6, 6)
    assert draft.cells[5] == (
        "medium",
        "high",
        "critical",
        "critical",
        "critical",
        "critical",
    )  # 6, 12, 18...
    assert draft.cells[0][5] == "medium"  # score 6

    # Thresholds that do not increase are explained next to the button.
    editor.set_upper_scores([9, 4, 16])
    qtbot.mouseClick(editor.fill_button, Qt.MouseButton.LeftButton)
    assert editor.fill_error.text() == "The upper scores must increase from band to band."
    assert editor.matrix() == draft

    _counted(qtbot, page)
    assert page.matrix.save()
    assert _call(demo_database, settings_service.get_matrix) == draft


def test_bands_add_rename_colour_remove_and_appetite(page, qtbot, demo_database, answer_messages):
    editor = page.matrix.editor
    editor.choose_color = lambda initial, parent, title: QColor("#123456")
    qtbot.mouseClick(editor.add_band_button, Qt.MouseButton.LeftButton)
    new_row = editor.band_rows[4]
    assert editor.bands()[4].code == "new_level"
    new_row.name.selectAll()
    qtbot.keyClicks(new_row.name, "Very high")
    assert editor.bands()[4].code == "very_high"
    assert new_row.code.text() == "very_high"
    qtbot.mouseClick(new_row.colour, Qt.MouseButton.LeftButton)
    assert editor.bands()[4].color == "#123456"
    # A stored band keeps its code whatever its new name.
    low = editor.band_rows[0]
    low.name.selectAll()
    qtbot.keyClicks(low.name, "Minor")
    assert editor.bands()[0].code == "low"
    _click_cell(qtbot, editor, 5, 5)  # critical -> very high
    assert editor.cell(5, 5) == "very_high"
    editor.appetite_combo.setCurrentIndex(editor.appetite_combo.findData("high"))

    # An emptied band name is refused inline.
    _clear(qtbot, editor.band_rows[2].name)
    assert editor.bands_error.text() == "Every level band needs a name."
    assert not page.matrix.save_button.isEnabled()
    qtbot.keyClicks(editor.band_rows[2].name, "High")

    assert editor.add_band_button.isEnabled()  # five bands: one more allowed
    _counted(qtbot, page)
    assert page.matrix.relevel_count() == 0  # no risk sits in the 5 x 5 cell
    assert page.matrix.save()
    stored = _call(demo_database, settings_service.get_matrix)
    assert [(b.code, b.name) for b in stored.bands] == [
        ("low", "Minor"),
        ("medium", "Medium"),
        ("high", "High"),
        ("critical", "Critical"),
        ("very_high", "Very high"),
    ]
    assert stored.band("very_high").color == "#123456"
    assert stored.appetite == "high"
    assert stored.cells[4][4] == "very_high"
    # Once saved, the new band's code is fixed too.
    new_row.name.selectAll()
    qtbot.keyClicks(new_row.name, "Extreme")
    assert editor.bands()[4].code == "very_high"
    # Removing a band hands its cells to the level below.
    qtbot.mouseClick(editor.band_rows[4].remove, Qt.MouseButton.LeftButton)
    assert editor.cell(5, 5) == "critical"
    assert [b.code for b in editor.bands()] == ["low", "medium", "high", "critical"]
    # The review intervals offer the new band (once the page read the saved matrix again), with the
    # strictest interval until set.
    wait_loaded(qtbot, page)
    review = page.show_section("review")
    assert review.spins["very_high"].value() == 90


def test_at_most_six_and_at_least_two_bands(page, qtbot):
    editor = page.matrix.editor
    for _ in range(2):
        qtbot.mouseClick(editor.add_band_button, Qt.MouseButton.LeftButton)
    assert len(editor.bands()) == 6
    assert [b.code for b in editor.bands()][4:] == ["new_level", "new_level_2"]
    assert not editor.add_band_button.isEnabled()
    for _ in range(4):
        qtbot.mouseClick(editor.band_rows[0].remove, Qt.MouseButton.LeftButton)
    assert len(editor.bands()) == 2
    assert not editor.band_rows[0].remove.isEnabled()
    assert editor.is_valid()


def test_matrix_edits_survive_switching_sections_and_other_saves(page, qtbot, demo_database):
    editor = page.matrix.editor
    _click_cell(qtbot, editor, 1, 1)
    organisation = page.show_section("organisation")
    organisation.company_name.selectAll()
    qtbot.keyClicks(organisation.company_name, "Aldermoor Group")
    assert organisation.save()  # announces a settings change: the page reloads
    assert _call(demo_database, settings_service.get_company_name) == "Aldermoor Group"
    page.show_section("matrix")
    assert editor.cell(1, 1) == "medium"
    _counted(qtbot, page)
    assert page.matrix.save_button.isEnabled()
    assert page.tabs.tabText(0) == "Risk matrix •"
    assert page.has_unsaved_changes()


# Review intervals -------------------------------------------------------------------------


def test_review_intervals_saved(page, qtbot, demo_database):
    review = page.show_section("review")
    assert review.spins["high"].value() == 90
    review.spins["high"].setValue(60)
    assert review.save_button.isEnabled()
    qtbot.mouseClick(review.save_button, Qt.MouseButton.LeftButton)
    stored = _call(demo_database, settings_service.get_review_intervals)
    assert dict(stored.days) == {"critical": 90, "high": 60, "medium": 180, "low": 365}
    assert not review.save_button.isEnabled()


# Organisation -----------------------------------------------------------------------------


def test_department_added_renamed_archived_and_restored(page, qtbot, demo_database):
    departments = page.show_section("organisation").departments
    qtbot.keyClicks(departments.name_edit, "Quality")
    qtbot.mouseClick(departments.add_button, Qt.MouseButton.LeftButton)
    stored = {d.name: d for d in _call(demo_database, settings_service.list_departments)}
    assert "Quality" in stored
    assert departments.selected().name == "Quality"

    departments.name_edit.selectAll()
    qtbot.keyClicks(departments.name_edit, "Quality Assurance")
    qtbot.mouseClick(departments.rename_button, Qt.MouseButton.LeftButton)
    renamed = {d.id: d for d in _call(demo_database, settings_service.list_departments)}
    assert renamed[stored["Quality"].id].name == "Quality Assurance"

    assert departments.archive_button.text() == "Archive"
    qtbot.mouseClick(departments.archive_button, Qt.MouseButton.LeftButton)
    every = {d.id: d for d in _call(demo_database, settings_service.list_departments, include_archived=True)}
    assert every[stored["Quality"].id].archived
    assert stored["Quality"].id not in {d.id for d in _call(demo_database, settings_service.list_departments)}
    # Archived entries stay listed, greyed, and can be restored.
    row = departments.model.find_row(lambda item: item.id == stored["Quality"].id)
    index = departments.model.index(row, 0)
    assert departments.model.data(index, Qt.ItemDataRole.ForegroundRole).name().upper() == ARCHIVED_GREY
    assert departments.model.data(departments.model.index(row, 1)) == "Archived"
    assert departments.archive_button.text() == "Restore"
    qtbot.mouseClick(departments.archive_button, Qt.MouseButton.LeftButton)
    assert stored["Quality"].id in {d.id for d in _call(demo_database, settings_service.list_departments)}
    audit = _call(demo_database, audit_history, entity="department", entity_id=stored["Quality"].id)
    assert [e.action for e in audit][:3] == ["restore", "archive", "update"]


def test_department_rename_to_an_existing_name_is_refused_inline(page, qtbot, demo_database):
    departments = page.show_section("organisation").departments
    departments.view.select_where(lambda item: item.name == "Sales")
    assert departments.name_edit.text() == "Sales"
    assert not departments.add_button.isEnabled()  # that name exists already
    departments.name_edit.selectAll()
    qtbot.keyClicks(departments.name_edit, "finance")
    before = _call(demo_database, audit_count)
    qtbot.mouseClick(departments.rename_button, Qt.MouseButton.LeftButton)
    assert departments.error.text() == "A department named “finance” already exists."
    assert not departments.error.isHidden()
    assert _call(demo_database, audit_count) == before


def test_category_added_with_a_code(page, qtbot, demo_database):
    categories = page.show_section("organisation").categories
    qtbot.keyClicks(categories.name_edit, "Supply chain")
    qtbot.keyClick(categories.name_edit, Qt.Key.Key_Return)
    stored = {c.name: c for c in _call(demo_database, settings_service.list_categories)}
    assert stored["Supply chain"].code == "supply_chain"
    assert categories.selected().code == "supply_chain"


def test_company_name_and_fiscal_start_month_saved(page, qtbot, demo_database):
    organisation = page.show_section("organisation")
    assert organisation.fiscal_month.currentData() == 1
    assert organisation.fiscal_month.itemText(3) == "April"
    organisation.fiscal_month.setCurrentIndex(3)
    assert organisation.save_button.isEnabled()
    qtbot.mouseClick(organisation.save_button, Qt.MouseButton.LeftButton)
    assert _call(demo_database, settings_service.get_fiscal_start_month) == 4
    assert _call(demo_database, settings_service.get_company_name) == "Aldermoor Sensing Systems Ltd."
    _clear(qtbot, organisation.company_name)
    assert not organisation.save_button.isEnabled()
    assert organisation.status.text() == "The company name is required."


# Quality policy ---------------------------------------------------------------------------


def test_quality_policy_saved_with_its_date_and_audited(page, qtbot, demo_database):
    policy = page.show_section("policy")
    assert policy.approved_on.date() == QDate(2025, 1, 15)
    assert policy.approved_on.maximumDate() == QDate.currentDate()
    policy.text.selectAll()
    qtbot.keyClicks(policy.text, "We deliver calibrated sensors on time, every time.")
    policy.approved_on.setDate(QDate(2025, 6, 2))
    assert policy.save_button.isEnabled()
    qtbot.mouseClick(policy.save_button, Qt.MouseButton.LeftButton)

    stored = _call(demo_database, settings_service.get_quality_policy)
    assert stored.text == "We deliver calibrated sensors on time, every time."
    assert stored.approved_on == date(2025, 6, 2)
    audit = _call(demo_database, audit_history, entity="setting", entity_id="quality_policy")
    assert audit[0].user == "tester" and audit[0].action == "update"
    assert "2025-06-02" in audit[0].new_value
    assert policy.last_changed.text().startswith("Last changed by tester on ")
    assert not policy.save_button.isEnabled()

    # An empty policy cannot be saved; a future date cannot even be entered.
    policy.text.clear()
    assert not policy.save_button.isEnabled()
    assert policy.status.text() == "The policy text is required."
    policy.approved_on.setDate(QDate.currentDate().addDays(5))
    assert policy.approved_on.date() == QDate.currentDate()

    # A text over the limit: the page says what the service would refuse it with, in the same words.
    too_long = "x" * (settings_service.POLICY_TEXT_MAX + 1)
    policy.text.setPlainText(too_long)
    assert not policy.save_button.isEnabled()
    with pytest.raises(ValidationError) as refused, demo_database.session() as session:
        settings_service.set_quality_policy(session=session, text=too_long, approved_on=None)
    assert (
        policy.status.text()
        == refused.value.message()
        == "The policy text is too long (5001 characters; at most 5000)."
    )


# Language ---------------------------------------------------------------------------------


def test_language_choice_stored(page, qtbot, demo_database):
    language = page.show_section("language")
    assert language.buttons["system"].isChecked()
    button = language.buttons["zh_CN"]
    qtbot.mouseClick(
        button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2)
    )  # on the indicator
    assert language.save_button.isEnabled()
    page.save_current()  # Ctrl+S's slot
    assert _call(demo_database, settings_service.get_language) == "zh_CN"
    assert language.status.text() == "Saved. Restart OpsDesk to use the new language."


def test_ctrl_s_saves_the_section_on_screen(page, qtbot, demo_database):
    language = page.show_section("language")
    language.buttons["en"].setChecked(True)
    language.buttons["en"].setFocus()
    qtbot.keyClick(language.buttons["en"], Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert _call(demo_database, settings_service.get_language) == "en"


def test_a_large_matrix_with_an_empty_likelihood_label_cannot_be_saved(page, qtbot):
    editor = page.show_section("matrix").editor
    editor.likelihood_count.setValue(10)
    editor.impact_count.setValue(10)
    editor.add_band_button.click()
    editor.add_band_button.click()
    editor.set_upper_scores([6, 15, 30, 50, 70])
    editor.fill_button.click()
    _settle()
    _counted(qtbot, page)
    assert page.matrix.save_button.isEnabled()  # 10x10 with six bands is a matrix to keep
    editor.likelihood_edits[3].clear()
    _settle()
    assert not page.matrix.save_button.isEnabled()

"""The Nonconformities page and editor on the demo data: closing rules, 5 whys, CAPA actions, filters, Pareto."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt

from opsdesk.services.actions import list_actions
from opsdesk.services.history import audit_count
from opsdesk.services.nonconformities import get_nonconformity, list_nonconformities, pareto
from opsdesk.ui.dialogs.nc_editor import NcEditor
from opsdesk.ui.pages.nonconformities import NonconformitiesPage
from tests.ui.waiting import wait_chart_drawn, wait_loaded


def _nc(database, code: str):
    with database.session() as session:
        return next(
            nc for nc in list_nonconformities(session=session, include_archived=True) if nc.code == code
        )


def _state(database, code: str) -> tuple:
    """What closing must not touch: status, version, closing date, and the whole audit trail."""
    nc = _nc(database, code)
    with database.session() as session:
        return nc.status, nc.version, nc.closed_on, audit_count(session=session)


@pytest.fixture(autouse=True)
def _no_real_message_boxes(answer_messages):
    """An editor left dirty asks before closing at teardown: never block on a real box."""
    return answer_messages


@pytest.fixture
def page(qtbot, demo_context):
    widget = NonconformitiesPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1166, 700)
    widget.show()
    qtbot.waitExposed(widget)
    wait_loaded(qtbot, widget)
    return widget


def _editor(qtbot, context, database, code: str | None) -> NcEditor:
    nc = _nc(database, code) if code else None
    editor = NcEditor(context, nc)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_close_with_an_open_action_is_refused_with_its_name_and_nothing_changes(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    before = _state(demo_database, "NC-0013")
    assert before[0] == "action"
    editor = _editor(qtbot, demo_context, demo_database, "NC-0013")
    open_titles = [a.title for a in editor.actions_model.rows() if a.status not in ("done", "cancelled")]
    assert open_titles == ["Barcode scan of work order selects firmware automatically"]

    qtbot.mouseClick(editor.close_nc_button, Qt.MouseButton.LeftButton)

    assert len(answer_messages.shown) == 1
    kind, title, text = answer_messages.shown[0]
    assert (kind, title) == ("error", "Cannot close NC-0013")
    assert text == (
        "NC-0013 cannot be closed: 1 action is still open "
        "(Barcode scan of work order selects firmware automatically), "
        "and effectiveness has not been verified."
    )
    assert _state(demo_database, "NC-0013") == before
    assert editor.isVisible()  # the user stays in the editor to fix it
    assert editor.close_nc_button.text() == "Close nonconformity"


def test_close_is_refused_while_only_verification_is_missing(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    # NC-0009 has no open action but was never verified.
    before = _state(demo_database, "NC-0009")
    editor = _editor(qtbot, demo_context, demo_database, "NC-0009")
    qtbot.mouseClick(editor.close_nc_button, Qt.MouseButton.LeftButton)
    assert [text for _, _, text in answer_messages.shown] == [
        "NC-0009 cannot be closed: effectiveness has not been verified."
    ]
    assert _state(demo_database, "NC-0009") == before


def test_actions_done_and_verified_through_the_editor_then_close_succeeds(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    nc_id = _nc(demo_database, "NC-0011").id
    editor = _editor(qtbot, demo_context, demo_database, "NC-0011")
    editor.tabs.setCurrentIndex(2)
    assert editor.actions_model.rowCount() == 3
    overdue = [a.title for a in editor.actions_model.rows() if a.overdue]
    assert overdue == ["Interlock stopping the conveyor on profile deviation"]
    due_column = editor.actions_model.column_index("due")
    overdue_row = next(n for n, a in enumerate(editor.actions_model.rows()) if a.overdue)
    background = editor.actions_model.index(overdue_row, due_column).data(Qt.ItemDataRole.BackgroundRole)
    assert background.name().upper() == "#FFCDD2"

    editor.actions_table.selectAll()
    qtbot.mouseClick(editor.done_button, Qt.MouseButton.LeftButton)
    with demo_database.session() as session:
        statuses = {a.status for a in list_actions(session=session, nonconformity_id=nc_id)}
    assert statuses == {"done"}
    assert "0 open actions" in editor.info_label.text()

    # Still refused: nobody has verified the effect yet.
    qtbot.mouseClick(editor.close_nc_button, Qt.MouseButton.LeftButton)
    assert answer_messages.shown[-1][2] == "NC-0011 cannot be closed: effectiveness has not been verified."
    assert _nc(demo_database, "NC-0011").status == "action"

    editor.tabs.setCurrentIndex(3)
    editor.effectiveness_combo.setCurrentIndex(editor.effectiveness_combo.findData("effective"))
    assert editor.verified_by_edit.text() == "tester"  # the current user, ready to change
    editor.verified_by_edit.clear()
    assert not editor.save_button.isEnabled()
    assert "The name of the verifier is required." in editor.reason_label.text()
    qtbot.keyClicks(editor.verified_by_edit, "Sarah Mitchell")
    assert editor.save_button.isEnabled()
    answer_messages.shown.clear()

    qtbot.mouseClick(editor.close_nc_button, Qt.MouseButton.LeftButton)

    assert answer_messages.shown == []
    closed = _nc(demo_database, "NC-0011")
    assert (closed.status, closed.closed_on) == ("closed", date.today())
    assert (closed.effectiveness, closed.verified_by, closed.verified_on) == (
        "effective",
        "Sarah Mitchell",
        date.today(),
    )
    assert closed.days_to_close == (date.today() - closed.detected_on).days
    assert not editor.isVisible()
    assert editor.saved == closed


def test_five_whys_entered_in_the_editor_are_saved_in_order(qtbot, demo_context, demo_database, page) -> None:
    editor = _editor(qtbot, demo_context, demo_database, None)
    assert not editor.save_button.isEnabled()
    assert editor.reason_label.text() == "The title is required."
    # The chain starts from the problem: no title, no first why.
    assert not editor.why_edits[0].isEnabled()
    qtbot.keyClicks(editor.title_edit, "Label printer prints blurred barcodes")
    editor.severity_combo.setCurrentIndex(editor.severity_combo.findData("major"))
    editor.source_combo.setCurrentIndex(editor.source_combo.findData("inspection"))
    editor.tabs.setCurrentIndex(1)
    answers = [
        "Barcodes unreadable at goods-in.",
        "Print head dirty.",
        "Print head not cleaned for three weeks.",
        "Cleaning is not in the shift checklist.",
        "The checklist was written before the printer was bought.",
    ]
    assert editor.why_edits[0].isEnabled()
    assert not editor.why_edits[1].isEnabled()
    for number, answer in enumerate(answers):
        qtbot.keyClicks(editor.why_edits[number], answer)
        if number + 1 < len(answers):
            # Each answer becomes the question of the next line.
            assert editor.why_edits[number + 1].isEnabled()
            assert editor.why_prompts[number + 1].text() == f"Why: {answer.rstrip('.')}?"
    assert editor.chain_label.text().startswith(
        "1. Barcodes unreadable at goods-in.  →  2. Print head dirty."
    )
    qtbot.keyClicks(editor.root_cause_edit, "No cleaning routine for the label printer.")
    editor.six_m_combo.setCurrentIndex(editor.six_m_combo.findData("method"))

    # A gap in the chain is refused before saving.
    editor.why_edits[1].clear()
    assert not editor.save_button.isEnabled()
    assert editor.reason_label.text() == "Answer why number 2 before the ones after it."
    qtbot.keyClicks(editor.why_edits[1], answers[1])
    assert editor.save_button.isEnabled()

    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.root_cause_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)  # Ctrl+S

    assert not editor.isVisible()
    saved = editor.saved
    assert saved is not None and saved.code == "NC-0016"
    with demo_database.session() as session:
        stored = get_nonconformity(session=session, nc_id=saved.id)
    assert stored.whys == tuple(answers)
    assert (stored.root_cause, stored.six_m, stored.status) == (
        "No cleaning routine for the label printer.",
        "method",
        "open",
    )
    # The page behind refreshed on the QUALITY topic.
    wait_loaded(qtbot, page)
    assert page.model.find_row(lambda row: row.code == "NC-0016") >= 0


def test_editing_reloads_the_chain_and_saves_an_extra_why(qtbot, demo_context, demo_database) -> None:
    editor = _editor(qtbot, demo_context, demo_database, "NC-0015")
    original = _nc(demo_database, "NC-0015")
    shown = [edit.text() for edit in editor.why_edits]
    assert shown[: len(original.whys)] == list(original.whys)
    next_empty = len(original.whys)
    assert next_empty < 5
    qtbot.keyClicks(editor.why_edits[next_empty], "Supplier changed the resin grade.")
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible()
    stored = _nc(demo_database, "NC-0015")
    assert stored.whys == (*original.whys, "Supplier changed the resin grade.")
    assert stored.version == original.version + 1
    assert not editor.is_dirty()


def test_adding_a_corrective_action_uses_the_shared_action_editor(
    qtbot, demo_context, demo_database, monkeypatch
) -> None:
    from opsdesk.ui.dialogs.action_editor import ActionEditor

    def fill_and_save(dialog: ActionEditor) -> int:
        assert dialog.links["nonconformity_id"] == nc_id
        assert dialog.kind_combo.value() == "preventive"
        qtbot.keyClicks(dialog.title_edit, "Add resin grade to the supplier change list")
        qtbot.keyClicks(dialog.owner_edit, "Chen Jing")
        dialog.save()
        return 1

    monkeypatch.setattr(ActionEditor, "exec", fill_and_save)
    nc_id = _nc(demo_database, "NC-0015").id
    editor = _editor(qtbot, demo_context, demo_database, "NC-0015")
    before = editor.actions_model.rowCount()
    qtbot.mouseClick(editor.add_preventive_button, Qt.MouseButton.LeftButton)
    assert editor.actions_model.rowCount() == before + 1
    with demo_database.session() as session:
        added = [a for a in list_actions(session=session, nonconformity_id=nc_id) if a.owner == "Chen Jing"]
    assert [(a.title, a.kind, a.status) for a in added] == [
        ("Add resin grade to the supplier change list", "preventive", "planned")
    ]
    assert f"{before + 1} open actions" in editor.info_label.text()


def test_closed_nonconformity_offers_reopen_and_no_new_actions(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    editor = _editor(qtbot, demo_context, demo_database, "NC-0001")
    assert editor.close_nc_button.text() == "Reopen"
    assert not editor.add_corrective_button.isEnabled()
    assert not editor.status_combo.isEnabled()
    qtbot.mouseClick(editor.close_nc_button, Qt.MouseButton.LeftButton)
    assert answer_messages.shown[0][0] == "confirm"
    reopened = _nc(demo_database, "NC-0001")
    assert (reopened.status, reopened.closed_on) == ("action", None)
    assert editor.close_nc_button.text() == "Close nonconformity"
    assert editor.add_corrective_button.isEnabled()


def test_table_columns_colours_and_filters(page) -> None:
    model = page.model
    assert model.rowCount() == 15
    titles = [model.headerData(n, Qt.Orientation.Horizontal) for n in range(model.columnCount())]
    assert titles == [
        "Code", "Title", "Source", "Severity", "Department", "Product / process", "Detected", "Status",
        "Days\nopen", "Days to\nclose", "Open\nactions", "Overdue\nactions", "Owner",
    ]  # fmt: skip
    row = model.find_row(lambda r: r.code == "NC-0011")
    severity = model.index(row, model.column_index("severity"))
    assert severity.data() == "Critical"
    assert severity.data(Qt.ItemDataRole.BackgroundRole).name().upper() == "#E57373"
    overdue = model.index(row, model.column_index("overdue_actions"))
    assert overdue.data() == "1"
    assert overdue.data(Qt.ItemDataRole.BackgroundRole).name().upper() == "#FFCDD2"
    assert model.index(row, model.column_index("open_actions")).data() == "2"

    page.apply_filter(open_only=True, severity="critical")
    assert [r.code for r in model.rows()] == ["NC-0011", "NC-0012"]
    assert page.status_filter.currentText() == "Open (not closed)"
    assert page.severity_filter.currentText() == "Critical"
    assert page.count_label.text() == "2 of 15 shown"

    page.apply_filter(overdue_only=True)
    # Overdue by the demo's own dates; more actions fall due as the calendar moves on.
    assert {"NC-0011", "NC-0012", "NC-0013"} <= {r.code for r in model.rows()}
    assert all(r.overdue_actions > 0 for r in model.rows())
    page.apply_filter(six_m="machine", department="Operations")
    assert [r.code for r in model.rows()] == ["NC-0002", "NC-0010", "NC-0011"]
    page.apply_filter(source="customer_complaint")
    assert [r.code for r in model.rows()] == ["NC-0004", "NC-0007", "NC-0014"]
    page.apply_filter()
    page.search.setText("potting")
    assert [r.code for r in model.rows()] == ["NC-0012"]


def pareto_figure(qtbot, page):
    """The Pareto's figure once built and drawn on the chart thread."""
    wait_chart_drawn(qtbot, page.chart)
    return page.chart.figure


def test_pareto_by_six_m_or_source_for_a_period(qtbot, page, demo_database) -> None:
    from opsdesk.reports.charts.pareto import bars_shown, cumulative_shown

    page.pareto_period.setCurrentIndex(page.pareto_period.findText("All time"))
    page.pareto_by.setCurrentIndex(page.pareto_by.findData("six_m"))
    with demo_database.session() as session:
        expected = pareto(session=session, by="six_m")
    assert [(name, n) for name, n in bars_shown(pareto_figure(qtbot, page))] == [
        ("Method", 5), ("Machine", 4), ("Material", 3), ("Environment", 1), ("Man", 1), ("Measurement", 1)
    ]  # fmt: skip
    assert [n for _, n, _ in expected] == [n for _, n in bars_shown(pareto_figure(qtbot, page))]
    assert cumulative_shown(pareto_figure(qtbot, page))[-1] == 100.0
    assert page.pareto_note.text() == "15 classified · 80% from Method, Machine, Material"

    page.pareto_by.setCurrentIndex(page.pareto_by.findData("source"))
    names = [name.replace("\n", " ") for name, _ in bars_shown(pareto_figure(qtbot, page))]
    assert names[:3] == ["Customer complaint", "Inspection", "Sampling check"]

    page.set_pareto_period(date(2026, 7, 1), date(2026, 9, 30))
    with demo_database.session() as session:
        quarter = pareto(session=session, by="source", since=date(2026, 7, 1), until=date(2026, 9, 30))
    assert [n for _, n in bars_shown(pareto_figure(qtbot, page))] == [n for _, n, _ in quarter]
    assert sum(n for _, n, _ in quarter) == 2

    # A quarter from the picker uses the quarter's bounds.
    page.pareto_period.setCurrentIndex(page.pareto_period.findText("2026-Q3"))
    assert [n for _, n in bars_shown(pareto_figure(qtbot, page))] == [n for _, n, _ in quarter]
    assert not page.pareto_from.isEnabled()

    # An inverted custom range is explained, not drawn.
    page.set_pareto_period(date(2026, 9, 30), date(2026, 7, 1))
    assert page.pareto_note.text() == "The start of the range is after its end."


def test_archive_asks_first_then_hides_the_row(qtbot, page, demo_database, answer_messages) -> None:
    page.table.select_where(lambda row: row.code == "NC-0006")
    answer_messages.answers["confirm"] = False
    page.archive_selected()
    assert page.model.find_row(lambda row: row.code == "NC-0006") >= 0
    answer_messages.answers["confirm"] = True
    page.archive_selected()
    wait_loaded(qtbot, page)
    assert page.model.find_row(lambda row: row.code == "NC-0006") < 0
    assert _nc(demo_database, "NC-0006").archived


def test_in_the_main_window_the_chart_is_wide_and_the_table_fits(qtbot, main_window, qapp) -> None:
    page = main_window.show_page("nonconformities")
    qtbot.waitUntil(lambda: page.model.rowCount() == 15)
    page.table.select_where(lambda row: row.code == "NC-0011")
    qapp.processEvents()  # let the posted layout requests size the chart
    assert page.count_label.text() == "15 nonconformities"
    assert page.chart.width() > 900 and page.chart.height() > 200
    assert not page.table.horizontalScrollBar().isVisible()


def test_a_new_department_and_fiscal_year_reach_the_filters(qtbot, page, demo_context) -> None:
    from opsdesk.domain.periods import quarter_of
    from opsdesk.services.settings import add_department, set_fiscal_start_month
    from opsdesk.ui.context import SETTINGS

    demo_context.write(add_department, topics=(SETTINGS,), name="Logistics")
    wait_loaded(qtbot, page)
    assert page.department_filter.findText("Logistics") > 0
    demo_context.write(set_fiscal_start_month, topics=(SETTINGS,), month=4)
    wait_loaded(qtbot, page)
    labels = [page.pareto_period.itemText(n) for n in range(page.pareto_period.count())]
    assert labels[2] == quarter_of(date.today(), 4).label


def test_one_save_writes_the_analysis_status_and_verification_together_or_not_at_all(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    from opsdesk.services.nonconformities import update_nonconformity

    original = _nc(demo_database, "NC-0015")
    assert original.status != "verification" and original.effectiveness is None
    editor = _editor(qtbot, demo_context, demo_database, "NC-0015")
    qtbot.keyClicks(editor.why_edits[len(original.whys)], "Supplier changed the resin grade.")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("verification"))
    editor.effectiveness_combo.setCurrentIndex(editor.effectiveness_combo.findData("effective"))

    # Someone else saves the same nonconformity first: this save is refused whole.
    with demo_database.session() as session:
        theirs = update_nonconformity(
            session=session, nc_id=original.id, data=replace_title(original, "Sink marks on cover, lot 12")
        )
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    assert answer_messages.shown[-1][1] == "Changed by someone else"
    assert _nc(demo_database, "NC-0015") == theirs  # none of the three parts went in

    # Reopened on their version, the same three changes are one new version.
    editor = _editor(qtbot, demo_context, demo_database, "NC-0015")
    qtbot.keyClicks(editor.why_edits[len(original.whys)], "Supplier changed the resin grade.")
    editor.status_combo.setCurrentIndex(editor.status_combo.findData("verification"))
    editor.effectiveness_combo.setCurrentIndex(editor.effectiveness_combo.findData("effective"))
    qtbot.mouseClick(editor.apply_button, Qt.MouseButton.LeftButton)
    stored = _nc(demo_database, "NC-0015")
    assert stored.whys[-1] == "Supplier changed the resin grade."
    assert (stored.status, stored.effectiveness, stored.verified_by) == (
        "verification",
        "effective",
        "tester",
    )
    assert stored.version == theirs.version + 1


def replace_title(nc, title: str):
    from opsdesk.services.nonconformities import NcInput

    return NcInput(
        title=title, detected_on=nc.detected_on, source=nc.source, severity=nc.severity,
        department_id=nc.department_id, product_process=nc.product_process, owner=nc.owner,
        description=nc.description, containment=nc.containment, disposition=nc.disposition,
        whys=list(nc.whys), root_cause=nc.root_cause, six_m=nc.six_m,
    )  # fmt: skip


def test_the_pareto_is_built_off_the_gui_thread(qtbot, page, monkeypatch) -> None:
    import threading

    from opsdesk.reports.charts import pareto as pareto_chart

    threads = []
    real_build = pareto_chart.build_pareto_figure

    def noted_build(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_build(*args, **kwargs)

    monkeypatch.setattr(pareto_chart, "build_pareto_figure", noted_build)
    page.pareto_by.setCurrentIndex(1 - page.pareto_by.currentIndex())
    wait_chart_drawn(qtbot, page.chart)
    assert threads and threading.main_thread() not in threads
    assert page.chart.figure is not None and page.chart.figure.axes

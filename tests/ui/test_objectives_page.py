"""The Quality objectives page: editor, keyboard entry in the measurement grid, control chart, baseline."""

from __future__ import annotations

import math
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from sqlmodel import func, select

from opsdesk.domain.periods import period_bounds, period_key
from opsdesk.services.quality import get_objective, list_objectives, objective_series
from opsdesk.store.models import AuditEntry, Measurement, QualityObjective
from opsdesk.ui.dialogs.objective_editor import BaselineDialog, ObjectiveEditor
from opsdesk.ui.pages.objectives import ERROR_COLOR, STATUS_COLORS, ObjectivesPage
from tests.ui.waiting import wait_chart_drawn, wait_loaded

DRIFTING = "Final inspection pass rate"


def make_page(qtbot, context) -> ObjectivesPage:
    page = ObjectivesPage(context)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page)
    return page


def show(qtbot, page: ObjectivesPage, **criteria) -> None:
    """Apply a link's filter and wait for what it reads (the objectives, if it had to read them)."""
    page.apply_filter(**criteria)
    wait_loaded(qtbot, page)


def months_back(count: int) -> list[str]:
    """The `count` months up to the current one, oldest first (the grid starts at today's period)."""
    keys = [period_key(date.today(), "monthly")]
    while len(keys) < count:
        keys.append(period_key(period_bounds(keys[-1])[0] - timedelta(days=1), "monthly"))
    return keys[::-1]


def objective_id(database, name: str) -> int:
    with database.session() as session:
        return next(o.id for o in list_objectives(session=session) if o.name == name)


def counts(database) -> tuple[int, int]:
    with database.session() as session:
        return (
            session.exec(select(func.count()).select_from(Measurement)).one(),
            session.exec(select(func.count()).select_from(AuditEntry)).one(),
        )


def cell(page: ObjectivesPage, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    model = page.grid_model
    return model.index(row, model.column_of(key)).data(role)


def chart_figure(qtbot, panel):
    """The control chart's figure once built and drawn on the chart thread."""
    wait_chart_drawn(qtbot, panel.chart)
    return panel.chart.figure


def chart_artist(qtbot, page: ObjectivesPage, gid: str):
    found = [a for a in chart_figure(qtbot, page.chart_panel).axes[0].get_children() if a.get_gid() == gid]
    return found[0] if found else None


def type_in(qtbot, view, text: str, key: Qt.Key) -> None:
    qtbot.keyClicks(view, text)
    qtbot.keyClick(view, key)


def create_ratio_objective(qtbot, context) -> int:
    """Fill the real editor by keyboard and click Save."""
    dialog = ObjectiveEditor(context)
    qtbot.addWidget(dialog)
    assert not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.name_edit, "Packing check pass rate")
    dialog.department_combo.setCurrentIndex(dialog.department_combo.findText("Operations"))
    qtbot.keyClicks(dialog.numerator_edit, "Passed")
    qtbot.keyClicks(dialog.denominator_edit, "Checked")
    qtbot.keyClicks(dialog.target_edit, "150")
    # A ratio in percent cannot aim above 100 %: Save stays off and says why.
    assert not dialog.save_button.isEnabled()
    assert "between 0 and 100 %" in dialog.reason_label.text()
    dialog.target_edit.clear()
    qtbot.keyClicks(dialog.target_edit, "95")
    qtbot.keyClicks(dialog.tolerance_edit, "2")
    assert dialog.save_button.isEnabled(), dialog.reason_label.text()
    assert "at risk down to 93 %" in dialog.rule_label.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    created = dialog.result_objective
    assert created is not None and dialog.result() == dialog.DialogCode.Accepted
    assert (created.kind, created.unit, created.target, created.tolerance) == ("ratio", "%", 95.0, 2.0)
    assert (created.numerator_label, created.denominator_label) == ("Passed", "Checked")
    return created.id


def test_three_periods_typed_in_the_grid_are_saved_with_their_statuses(
    qtbot, empty_context, database, answer_messages
) -> None:
    page = make_page(qtbot, empty_context)
    new_id = create_ratio_objective(qtbot, empty_context)
    show(qtbot, page, objective_id=new_id)
    assert page.objective.id == new_id
    grid, model = page.grid, page.grid_model

    # A new objective starts at the current period; two earlier ones are added for the back data.
    assert model.periods() == months_back(1)
    qtbot.mouseClick(page.add_earlier_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.add_earlier_button, Qt.MouseButton.LeftButton)
    periods = months_back(3)
    assert model.periods() == periods
    assert grid.currentIndex().row() == 0
    assert grid.currentIndex().column() == model.column_of("numerator")

    # Type a number, Tab or Enter to the next cell; Enter after the denominator goes to the next row.
    type_in(qtbot, grid, "960", Qt.Key.Key_Tab)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (0, model.column_of("denominator"))
    type_in(qtbot, grid, "1000", Qt.Key.Key_Return)
    assert (grid.currentIndex().row(), grid.currentIndex().column()) == (1, model.column_of("numerator"))
    type_in(qtbot, grid, "940", Qt.Key.Key_Return)
    type_in(qtbot, grid, "1000", Qt.Key.Key_Return)
    type_in(qtbot, grid, "900", Qt.Key.Key_Return)
    type_in(qtbot, grid, "1000", Qt.Key.Key_Return)

    # Before saving: the actuals and statuses are previewed, nothing is written.
    assert [cell(page, n, "actual") for n in range(3)] == ["96 %", "94 %", "90 %"]
    assert [cell(page, n, "status") for n in range(3)] == ["Met", "At risk", "Missed"]
    assert cell(page, 0, "status", Qt.ItemDataRole.FontRole).italic()
    assert page.save_button.isEnabled()
    assert counts(database)[0] == 0

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert answer_messages.shown == []
    assert not model.is_dirty() and not page.save_button.isEnabled()
    statuses = [cell(page, n, "status") for n in range(3)]
    assert statuses == ["Met", "At risk", "Missed"]
    backgrounds = [cell(page, n, "status", Qt.ItemDataRole.BackgroundRole).name().upper() for n in range(3)]
    assert backgrounds == [STATUS_COLORS[s].upper() for s in ("met", "at_risk", "missed")]
    with database.session() as session:
        series = objective_series(session=session, objective_id=new_id)
        stored = session.exec(select(Measurement).where(Measurement.objective_id == new_id)).all()
        assert get_objective(session=session, objective_id=new_id).last_status == "missed"
    assert sorted((m.period, m.numerator, m.denominator) for m in stored) == [
        (periods[0], 960.0, 1000.0),
        (periods[1], 940.0, 1000.0),
        (periods[2], 900.0, 1000.0),
    ]
    assert [p.status for p in series.points] == ["met", "at_risk", "missed"]

    # The chart follows: three points, the target, and limits from the three periods.
    actual = chart_artist(qtbot, page, "actual")
    assert list(actual.get_xdata()) == [0, 1, 2]
    assert list(actual.get_ydata()) == pytest.approx([96.0, 94.0, 90.0])
    assert len(chart_artist(qtbot, page, "upper").get_ydata()) == 3
    assert list(chart_artist(qtbot, page, "target").get_ydata()) == [95.0, 95.0]
    # The list shows the new last status, coloured, once it is read again.
    wait_loaded(qtbot, page)
    row = page.model.find_row(lambda r: r.id == new_id)
    status_index = page.model.index(row, page.model.column_index("last_status"))
    assert status_index.data() == "Missed"
    assert status_index.data(Qt.ItemDataRole.BackgroundRole).name().upper() == STATUS_COLORS["missed"].upper()


def test_the_grid_shows_the_services_refusal_in_chinese(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    from opsdesk.domain.catalogue import use_language

    with use_language("zh_CN"):
        page = make_page(qtbot, demo_context)
        show(qtbot, page, objective_id=objective_id(demo_database, "On-time delivery"))
        grid, model = page.grid, page.grid_model
        before = counts(demo_database)
        qtbot.mouseClick(page.add_period_button, Qt.MouseButton.LeftButton)
        new_row = len(model.periods()) - 1
        type_in(qtbot, grid, "1200", Qt.Key.Key_Tab)
        type_in(qtbot, grid, "1000", Qt.Key.Key_Return)
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
        said = cell(page, new_row, "numerator", Qt.ItemDataRole.ToolTipRole)
    assert said == "分子 (Shipped on time)（1200）不能大于分母（1000）。"
    assert said in page.grid_error.text()
    assert counts(demo_database) == before


def test_a_grid_with_one_wrong_row_saves_nothing_and_marks_the_row(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, "On-time delivery"))
    grid, model = page.grid, page.grid_model
    before = counts(demo_database)

    # Correct an existing period (valid) and add a new one whose numerator exceeds its denominator.
    first = model.periods()[0]
    grid.setCurrentIndex(model.index(0, model.column_of("numerator")))
    type_in(qtbot, grid, "1000", Qt.Key.Key_Return)
    qtbot.mouseClick(page.add_period_button, Qt.MouseButton.LeftButton)
    new_row = len(model.periods()) - 1
    assert grid.currentIndex().row() == new_row
    type_in(qtbot, grid, "1200", Qt.Key.Key_Tab)
    type_in(qtbot, grid, "1000", Qt.Key.Key_Return)
    assert model.dirty_rows() == [0, new_row]

    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert counts(demo_database) == before
    with demo_database.session() as session:
        series = objective_series(session=session, objective_id=page.objective.id)
    assert series.points[0].period == first and series.points[0].numerator == 1058.0
    period = model.periods()[new_row]
    expected = "cannot be larger than the denominator"
    assert expected in cell(page, new_row, "numerator", Qt.ItemDataRole.ToolTipRole)
    assert cell(page, new_row, "numerator", Qt.ItemDataRole.BackgroundRole).name().upper() == ERROR_COLOR
    assert cell(page, 0, "numerator", Qt.ItemDataRole.ToolTipRole) is None
    assert page.grid_error.isVisible()
    assert f"{period}: The numerator (Shipped on time), 1200, cannot be larger" in page.grid_error.text()
    ((kind, title, text),) = answer_messages.shown
    assert kind == "error" and "Nothing was saved" in text and period in text
    # The typed numbers are kept for correction; fixing the cell clears its mark and saves both rows.
    assert model.is_dirty() and cell(page, new_row, "numerator") == "1200"
    grid.setCurrentIndex(model.index(new_row, model.column_of("numerator")))
    type_in(qtbot, grid, "990", Qt.Key.Key_Return)
    assert cell(page, new_row, "numerator", Qt.ItemDataRole.ToolTipRole) is None
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert not page.grid_error.isVisible()
    assert counts(demo_database)[0] == before[0] + 1


def test_text_that_is_not_a_number_is_refused_before_calling_the_service(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    page = make_page(qtbot, demo_context)
    show(
        qtbot,
        page,
        objective_id=objective_id(demo_database, "Mean first response time to customer enquiries"),
    )
    model = page.grid_model
    assert [model.column_key(c) for c in range(model.columnCount())] == ["period", "value", "status", "note"]
    before = counts(demo_database)
    page.grid.setCurrentIndex(model.index(0, model.column_of("value")))
    type_in(qtbot, page.grid, "six", Qt.Key.Key_Return)
    assert page.save_measurements() is False
    assert counts(demo_database) == before
    assert "“six” is not a number." in page.grid_error.text()
    qtbot.mouseClick(page.discard_button, Qt.MouseButton.LeftButton)
    assert not model.is_dirty() and not page.grid_error.isVisible()
    assert cell(page, 0, "value") == "6.7"


def test_delete_clears_a_cell_instead_of_archiving(
    qtbot, main_window, demo_database, answer_messages
) -> None:
    page = main_window.show_page("objectives", objective_id=objective_id(demo_database, "On-time delivery"))
    wait_loaded(qtbot, page)
    model = page.grid_model
    page.grid.setFocus()
    page.grid.setCurrentIndex(model.index(0, model.column_of("note")))
    type_in(qtbot, page.grid, "Recount pending", Qt.Key.Key_Return)
    page.grid.setCurrentIndex(model.index(0, model.column_of("note")))
    qtbot.keyClick(page.grid, Qt.Key.Key_Delete)
    assert cell(page, 0, "note") == "" and not model.is_dirty()
    assert answer_messages.shown == []  # no archive confirmation
    with demo_database.session() as session:
        assert not get_objective(session=session, objective_id=page.objective.id).archived


def test_the_drifting_pass_rate_flags_its_point_beyond_three_sigma(
    qtbot, demo_context, demo_database
) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, DRIFTING))
    assert page.detail_title.text() == DRIFTING
    keys = [p.period for p in page.series.points]
    index = keys.index("2026-09")

    flagged = chart_artist(qtbot, page, "violations")
    assert index in list(flagged.get_xdata())
    assert flagged.get_markerfacecolor() == "#D32F2F"
    y = list(flagged.get_ydata())[list(flagged.get_xdata()).index(index)]
    assert y == pytest.approx(100 * 5015 / 5175)
    notes = {t.get_gid(): t.get_text() for t in chart_figure(qtbot, page.chart_panel).axes[0].texts}
    assert notes["rule:2026-09"] == "1,4"
    lines = [page.chart_panel.violations.item(n).text() for n in range(page.chart_panel.violations.count())]
    # Each broken rule in one sentence naming its periods: the dip, then the run below the centre line.
    assert lines == [
        "Rule 1: 2026-09 below the lower control limit, more than 3 sigma from the centre line.",
        "Rule 4: 2026-04 – 2026-11 (8 periods) all below the centre line, 8 in a row: the level has shifted.",
    ]
    assert page.chart_panel.violations.item(0).data(Qt.ItemDataRole.UserRole) == 1
    assert page.chart_panel.violations_title.text() == "Rule violations — Western Electric (4 rules)"
    # The p-chart limits differ per period with the sample size, and the grid shows the month as missed.
    upper = [u for u in chart_artist(qtbot, page, "upper").get_ydata() if not math.isnan(u)]
    assert len(set(upper)) > 1
    assert page.chart_panel.chart_note.text().startswith("p-chart")
    assert page.chart_panel.verdict_label.text() == (
        "The target lies inside the control limits: meeting it is a matter of chance."
    )
    row = page.grid_model.row_of("2026-09")
    assert cell(page, row, "status") == "Missed"
    assert cell(page, row, "actual") == "96.91 %"


def test_freezing_the_baseline_shows_when_and_changes_the_limits(
    qtbot, demo_context, demo_database, monkeypatch
) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, DRIFTING))
    assert page.chart_panel.baseline_label.text() == "Baseline: every measured period (not frozen)."
    assert not page.chart_panel.unfreeze_button.isEnabled()
    centre_before = page.series.center
    assert chart_artist(qtbot, page, "baseline") is None

    def pick(cls, parent, periods, first=None, last=None):
        # Drive the real dialog: choose the stable months before the drift.
        dialog = BaselineDialog(periods, first=first, last=last, parent=parent)
        qtbot.addWidget(dialog)
        dialog.last_combo.setCurrentText("2025-06")
        assert not dialog.ok_button.isEnabled()  # one period is not a baseline
        dialog.first_combo.setCurrentText("2025-06")
        dialog.last_combo.setCurrentText("2026-02")
        assert dialog.count_label.text() == "9 measured period(s)"
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        return dialog.chosen

    monkeypatch.setattr(BaselineDialog, "ask", classmethod(pick))
    qtbot.mouseClick(page.chart_panel.freeze_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)  # the page reads the objective again after the write

    today = date.today().isoformat()
    assert (
        page.chart_panel.baseline_label.text() == f"Baseline 2025-06 – 2026-02, frozen on {today} by tester."
    )
    with demo_database.session() as session:
        stored = get_objective(session=session, objective_id=page.objective.id)
    assert (stored.baseline_first, stored.baseline_last) == ("2025-06", "2026-02")
    assert stored.baseline_frozen_at is not None
    numerators = [5101, 5105, 5096, 4831, 5143, 4829, 4729, 5187, 5273]
    denominators = [5163, 5176, 5162, 4889, 5224, 4890, 4796, 5251, 5349]
    assert page.series.center == pytest.approx(100 * sum(numerators) / sum(denominators))
    assert page.series.center != pytest.approx(centre_before)
    assert list(chart_artist(qtbot, page, "center").get_ydata())[0] == pytest.approx(page.series.center)
    span = chart_artist(qtbot, page, "baseline")
    assert (span.get_x(), span.get_x() + span.get_width()) == (-0.5, 8.5)
    assert (
        page.chart_panel.unfreeze_button.isEnabled()
        and page.chart_panel.freeze_button.text() == "Change baseline…"
    )

    qtbot.mouseClick(page.chart_panel.unfreeze_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)
    assert page.chart_panel.baseline_label.text() == "Baseline: every measured period (not frozen)."
    assert page.series.center == pytest.approx(centre_before)


def test_filters_and_dashboard_links(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    assert page.model.rowCount() == 6
    show(qtbot, page, status="at_risk")
    assert [r.name for r in page.model.rows()] == [DRIFTING]
    assert page.objective.name == DRIFTING
    show(qtbot, page, status="missed")
    assert page.model.rowCount() == 0
    assert page.detail.currentIndex() == 0  # the placeholder
    show(qtbot, page, status=None)
    qtbot.keyClicks(page.search, "sensehub")
    assert [r.name for r in page.model.rows()] == ["First-time-right SenseHub deployments"]
    # A link to one objective clears the filters hiding it.
    wanted = objective_id(demo_database, "Customer complaint rate")
    show(qtbot, page, objective_id=wanted)
    assert page.search.text() == "" and page.objective.id == wanted
    assert page.table.current_row().id == wanted
    sales = page.department_filter.findText("Sales")
    page.department_filter.setCurrentIndex(sales)
    assert {r.department for r in page.model.rows()} == {"Sales"}


def test_leaving_unsaved_measurements_asks_first(qtbot, demo_context, demo_database, answer_messages) -> None:
    page = make_page(qtbot, demo_context)
    drifting = objective_id(demo_database, DRIFTING)
    show(qtbot, page, objective_id=drifting)
    page.grid.setCurrentIndex(page.grid_model.index(0, page.grid_model.column_of("note")))
    type_in(qtbot, page.grid, "Recounted", Qt.Key.Key_Return)
    assert page.grid_model.is_dirty()

    other = page.model.find_row(lambda r: r.name == "On-time delivery")
    answer_messages.answers["unsaved"] = "cancel"
    page.table.selectRow(other)
    assert page.objective.id == drifting and page.grid_model.is_dirty()
    assert page.table.current_row().id == drifting

    answer_messages.answers["unsaved"] = "discard"
    page.table.selectRow(other)
    assert page.objective.name == "On-time delivery" and not page.grid_model.is_dirty()
    assert [kind for kind, _, _ in answer_messages.shown] == ["unsaved", "unsaved"]


def test_archiving_an_objective_after_confirmation(
    qtbot, demo_context, demo_database, answer_messages
) -> None:
    page = make_page(qtbot, demo_context)
    wanted = objective_id(demo_database, "On-time delivery")
    show(qtbot, page, objective_id=wanted)
    page.archive_selected()
    wait_loaded(qtbot, page)  # the page reads the objective again after the write
    assert answer_messages.shown[0][0] == "confirm"
    with demo_database.session() as session:
        assert get_objective(session=session, objective_id=wanted).archived
    assert page.model.find_row(lambda r: r.id == wanted) < 0
    page.show_archived.setChecked(True)
    show(qtbot, page, objective_id=wanted)
    assert page.archive_button.text() == "Restore" and not page.add_period_button.isEnabled()


def test_the_grid_model_is_a_sound_qt_model(qtbot, qtmodeltester, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, DRIFTING))
    qtmodeltester.check(page.grid_model)


def test_in_the_main_window_the_whole_detail_pane_fits_at_1366x768(qtbot, main_window, demo_database) -> None:
    page = main_window.show_page("objectives", objective_id=objective_id(demo_database, DRIFTING))
    wait_loaded(qtbot, page)
    assert page.objective.name == DRIFTING
    qtbot.waitUntil(page.chart_panel.chart_is_current)
    qtbot.waitUntil(lambda: page.count_label.width() >= page.count_label.sizeHint().width())
    panel = page.chart_panel
    for widget in (page.grid, panel.chart, panel.violations, page.save_button, panel.unfreeze_button):
        corner = widget.mapTo(main_window, widget.rect().bottomRight())
        assert main_window.rect().contains(corner), widget.objectName()


def test_laney_is_suggested_compared_side_by_side_and_kept(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, DRIFTING))
    panel = page.chart_panel
    # About 5,000 units a month: sigma_z 1.60, so the p-chart's limits are too narrow.
    assert panel.suggestion.isVisible()
    assert panel.suggestion_label.text().startswith(
        "Over-dispersion, σz = 1.60: the periods vary 1.60 times more"
    )
    assert panel.use_suggestion_button.text() == "Use Laney p′"
    assert len(chart_figure(qtbot, panel).axes) == 1

    qtbot.mouseClick(panel.compare_suggestion_button, Qt.MouseButton.LeftButton)
    assert panel.comparison.chart == "laney_p" and panel.compare_combo.currentData() == "laney_p"
    # One figure, the two charts side by side on one scale (the widths compare), one legend.
    left, right = chart_figure(qtbot, panel).axes
    assert left.get_ylim() == right.get_ylim()
    assert (left.get_title(loc="left"), right.get_title(loc="left")) == ("p-chart", "Laney p′, σz = 1.60")
    laney_upper = [a for a in right.get_children() if a.get_gid() == "upper"][0].get_ydata()
    plain_upper = [a for a in left.get_children() if a.get_gid() == "upper"][0].get_ydata()
    assert laney_upper[0] > plain_upper[0]
    with demo_database.session() as session:  # comparing changes nothing
        assert session.get(QualityObjective, page.objective.id).chart_type == "auto"

    qtbot.mouseClick(panel.use_suggestion_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)  # the page reads the objective again after the write
    with demo_database.session() as session:
        assert session.get(QualityObjective, page.objective.id).chart_type == "laney_p"
    assert panel.control.chart == "laney_p" and panel.chart_combo.currentData() == "laney_p"
    assert not panel.suggestion.isVisible() and len(chart_figure(qtbot, panel).axes) == 1
    assert panel.chart_note.text().startswith("Laney p′ chart: the p-chart's limits widened by σz = 1.60")


def test_the_rule_set_is_chosen_per_objective(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, DRIFTING))
    panel = page.chart_panel
    panel.rules_combo.setFocus()
    qtbot.keyClick(panel.rules_combo, Qt.Key.Key_Down)
    wait_loaded(qtbot, page)  # the page reads the objective again after the write
    assert panel.rules_combo.currentData() == "nelson"
    with demo_database.session() as session:
        assert session.get(QualityObjective, page.objective.id).rule_set == "nelson"
    lines = [panel.violations.item(n).text() for n in range(panel.violations.count())]
    assert (
        lines[0] == "Rule 1: 2026-09 below the lower control limit, more than 3 sigma from the centre line."
    )
    # Nelson wants nine on one side: the eight months from 2026-04 are no longer a run.
    assert not any(line.startswith("Rule 4:") for line in lines)
    assert panel.violations_title.text() == "Rule violations — Nelson (8 rules)"


def test_an_xmr_objective_shows_its_moving_range_chart(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    show(
        qtbot,
        page,
        objective_id=objective_id(demo_database, "Mean first response time to customer enquiries"),
    )
    panel = page.chart_panel
    individuals, ranges = chart_figure(qtbot, panel).axes
    gids = {a.get_gid() for a in ranges.get_children()}
    assert {"mr", "mr-center", "mr-upper"} <= gids
    assert [panel.chart_combo.itemData(i) for i in range(panel.chart_combo.count())] == ["auto", "xmr"]
    assert panel.chart_note.text().startswith("XmR chart: limits at 3 sigma around the mean")
    mr_center = [a for a in ranges.get_children() if a.get_gid() == "mr-center"][0].get_ydata()[0]
    assert mr_center == pytest.approx(panel.control.mr_center)


def test_freezing_the_baseline_as_of_today(qtbot, demo_context, demo_database) -> None:
    page = make_page(qtbot, demo_context)
    show(qtbot, page, objective_id=objective_id(demo_database, "On-time delivery"))
    panel = page.chart_panel
    measured = [p.period for p in page.series.points if not p.missing]
    qtbot.mouseClick(panel.freeze_today_button, Qt.MouseButton.LeftButton)
    wait_loaded(qtbot, page)  # the page reads the objective again after the write
    with demo_database.session() as session:
        stored = get_objective(session=session, objective_id=page.objective.id)
    assert (stored.baseline_first, stored.baseline_last) == (measured[0], measured[-1])
    assert panel.baseline_label.text().startswith(f"Baseline {measured[0]} – {measured[-1]}, frozen on ")

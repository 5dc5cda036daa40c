"""Heatmap page: counts from the services, live refresh after an assessment, cell clicks, filters."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from opsdesk.services import risks
from opsdesk.services.settings import list_departments
from tests.ui.waiting import wait_chart_drawn, wait_loaded


def loaded(qtbot, page) -> None:
    """The page's data loaded and its chart drawn with it (the counts are put in the figure between drawings)."""
    wait_loaded(qtbot, page)
    wait_chart_drawn(qtbot, page.chart)


@pytest.fixture
def page(qtbot, demo_context):
    from opsdesk.ui.pages.heatmap import HeatmapPage

    page = HeatmapPage(demo_context)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    qtbot.waitExposed(page)
    page.navigate = Recorder()
    loaded(qtbot, page)
    return page


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, key: str, **criteria) -> None:
        self.calls.append((key, criteria))


def _service_counts(database, **filters) -> dict[str, dict[tuple[int, int], int]]:
    with database.session() as session:
        return {
            kind: risks.heatmap_counts(session=session, kind=kind, **filters)
            for kind in ("inherent", "residual")
        }


def _click_cell(qtbot, page, kind: str, likelihood: int, impact: int) -> None:
    """A real mouse click on the chart at the centre of a cell, as drawn."""
    wait_chart_drawn(qtbot, page.chart)
    ax = next(ax for ax in page.chart.figure.axes if ax.get_gid() == kind)
    point = page.chart.widget_point(*ax.transData.transform((impact, likelihood)))
    qtbot.mouseClick(page.chart, Qt.MouseButton.LeftButton, pos=point)
    wait_chart_drawn(qtbot, page.chart)  # the cell's outline


def test_counts_shown_match_the_service(qtbot, page, demo_database) -> None:
    expected = _service_counts(demo_database)
    assert sum(expected["residual"].values()) > 0
    assert page.shown_counts() == expected
    titles = [ax.get_title() for ax in page.chart.figure.axes if ax.get_gid()]
    assert titles == ["Inherent", "Residual"]


def test_a_new_residual_assessment_changes_the_cells(qtbot, page, demo_context, demo_database) -> None:
    before = page.shown_counts()["residual"]
    with demo_database.session() as session:
        risk = next(
            r
            for r in risks.risks_in_cell(session=session, kind="residual", likelihood=3, impact=3)
            if r.strategy != "accept"
        )
        risks.record_assessment(
            session=session,
            risk_id=risk.id,
            data=risks.AssessmentInput(kind="residual", likelihood=1, impact=1),
        )
    figure, canvas = page.chart.figure, page.chart.canvas
    demo_context.dataChanged.emit("risks")
    loaded(qtbot, page)
    after = page.shown_counts()["residual"]
    # The counts changed in place: the same figure on the same canvas, redrawn.
    assert (page.chart.figure, page.chart.canvas) == (figure, canvas)
    assert after.get((3, 3), 0) == before[(3, 3)] - 1
    assert after.get((1, 1), 0) == before.get((1, 1), 0) + 1
    assert page.shown_counts() == _service_counts(demo_database)


def test_clicking_a_cell_lists_its_risks(qtbot, qtmodeltester, page, demo_database) -> None:
    _click_cell(qtbot, page, "residual", 3, 4)
    qtmodeltester.check(page.model)
    assert page.selected == ("residual", 3, 4)
    with demo_database.session() as session:
        expected = risks.risks_in_cell(session=session, kind="residual", likelihood=3, impact=4)
    assert len(expected) == page.counts["residual"][(3, 4)]
    assert [r.id for r in page.listed_risks()] == [r.id for r in expected]
    assert page.model.rowCount() == len(expected)
    assert page.caption.text() == f"Residual · Possible × Major: {len(expected)} risks"
    # The clicked cell is outlined.
    ax = next(ax for ax in page.chart.figure.axes if ax.get_gid() == "residual")
    (outline,) = [p for p in ax.patches if p.get_gid() == "highlight"]
    assert outline.get_xy() == (3.5, 2.5)


def test_clicking_an_inherent_cell_lists_inherent_risks(qtbot, page, demo_database) -> None:
    _click_cell(qtbot, page, "inherent", 4, 4)
    with demo_database.session() as session:
        expected = risks.risks_in_cell(session=session, kind="inherent", likelihood=4, impact=4)
    assert [r.id for r in page.listed_risks()] == [r.id for r in expected]
    assert page.caption.text().startswith("Inherent · Likely × Major: ")


def test_click_outside_the_grids_changes_nothing(qtbot, page) -> None:
    selected = page.selected
    wait_chart_drawn(qtbot, page.chart)
    qtbot.mouseClick(page.chart, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))
    assert page.selected == selected


def test_the_worst_occupied_residual_cell_is_listed_first(qtbot, page, demo_database) -> None:
    with demo_database.session() as session:
        matrix = risks.get_matrix(session=session)
    kind, likelihood, impact = page.selected
    assert kind == "residual"
    best_rank = max(matrix.rank(matrix.level(l, i).code) for (l, i) in page.counts["residual"])  # noqa: E741
    assert matrix.rank(matrix.level(likelihood, impact).code) == best_rank
    assert page.model.rowCount() == page.counts["residual"][(likelihood, impact)]


def test_department_filter_reduces_counts(qtbot, page, demo_database) -> None:
    with demo_database.session() as session:
        operations = next(d for d in list_departments(session=session) if d.name == "Operations")
    total = sum(page.shown_counts()["inherent"].values())
    page.department_combo.setCurrentIndex(page.department_combo.findData(operations.id))
    loaded(qtbot, page)
    shown = page.shown_counts()
    assert shown == _service_counts(demo_database, department_id=operations.id)
    assert 0 < sum(shown["inherent"].values()) < total
    # The listed risks follow the filter too.
    assert page.listed_risks()
    assert {r.department for r in page.listed_risks()} == {"Operations"}
    page.department_combo.setCurrentIndex(0)
    loaded(qtbot, page)
    assert sum(page.shown_counts()["inherent"].values()) == total


def test_category_filter(qtbot, page, demo_database) -> None:
    index = page.category_combo.findText("Operational")
    assert index > 0
    page.category_combo.setCurrentIndex(index)
    loaded(qtbot, page)
    assert page.shown_counts() == _service_counts(
        demo_database, category_id=page.category_combo.currentData()
    )


def test_double_click_or_enter_opens_the_risk_on_the_risks_page(qtbot, page, monkeypatch) -> None:
    monkeypatch.setattr(page, "_risk_editor", lambda: None)
    page.select_cell("residual", 3, 3)
    first = page.model.row(0)
    index = page.model.index(0, 1)
    rect = page.table.visualRect(index)
    # Qt views only emit doubleClicked after a press on the same item, as with a real mouse.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.navigate.calls == [("risks", {"risk_id": first.id})]
    page.table.setCurrentIndex(page.model.index(1, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert page.navigate.calls[-1] == ("risks", {"risk_id": page.model.row(1).id})


def test_opens_the_risk_editor_when_the_build_has_one(qtbot, page, monkeypatch) -> None:
    opened = []

    class FakeEditor:
        @classmethod
        def ask(cls, parent, context, risk_id):
            opened.append((parent, context, risk_id))

    monkeypatch.setattr(page, "_risk_editor", lambda: FakeEditor)
    page.select_cell("residual", 3, 3)
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == [(page, page.context, page.model.row(0).id)]
    assert page.navigate.calls == []


def test_apply_filter_selects_a_cell_and_department(qtbot, page, demo_database) -> None:
    with demo_database.session() as session:
        operations = next(d for d in list_departments(session=session) if d.name == "Operations")
    page.apply_filter(department_id=operations.id, kind="inherent", likelihood=4, impact=4)
    loaded(qtbot, page)
    assert page.department_id() == operations.id
    assert page.selected == ("inherent", 4, 4)
    with demo_database.session() as session:
        expected = risks.risks_in_cell(
            session=session, kind="inherent", likelihood=4, impact=4, department_id=operations.id
        )
    assert [r.id for r in page.listed_risks()] == [r.id for r in expected]


def test_settings_change_reloads_departments(qtbot, page, demo_context, demo_database) -> None:
    from opsdesk.services.settings import add_department

    count = page.department_combo.count()
    with demo_database.session() as session:
        add_department(session=session, name="Logistics")
    demo_context.dataChanged.emit("settings")
    loaded(qtbot, page)
    assert page.department_combo.count() == count + 1
    assert page.department_combo.findText("Logistics") > 0


def test_in_the_main_window_the_chart_is_drawn_with_the_residual_counts(qtbot, main_window) -> None:
    page = main_window.show_page("heatmap")
    loaded(qtbot, page)
    assert page.shown_counts()["residual"]


def test_apply_filter_with_only_a_cell_keeps_the_figure(qtbot, page) -> None:
    figure = page.chart.figure
    page.apply_filter(kind="residual", likelihood=2, impact=3)
    loaded(qtbot, page)
    assert page.chart.figure is figure
    assert page.selected == ("residual", 2, 3)
    assert page.model.rowCount() == page.counts["residual"][(2, 3)]

"""Dashboard: numbers equal the services' counts, every number links to its filtered list."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from opsdesk.services import actions, alerts, kris, nonconformities, quality, risks, suggestions
from opsdesk.services.settings import get_matrix, save_matrix, set_quality_policy
from tests.ui.waiting import wait_chart_drawn, wait_loaded


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, key: str, **criteria) -> None:
        self.calls.append((key, criteria))


def _open(qtbot, context):
    from opsdesk.ui.pages.dashboard import DashboardPage

    page = DashboardPage(context)
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.navigate = Recorder()
    page.show()
    qtbot.waitExposed(page)
    wait_loaded(qtbot, page)
    return page


@pytest.fixture
def page(qtbot, demo_context):
    return _open(qtbot, demo_context)


def _expected_numbers(database) -> dict[str, int]:
    with database.session() as session:
        matrix = get_matrix(session=session)
        by_level = risks.count_by_level(session=session, kind="residual")
        objectives = quality.objective_statuses_for_period(session=session)
        expected = {f"level:{band.code}": by_level.get(band.code, 0) for band in matrix.bands}
        expected |= {
            "above_appetite": risks.count_above_appetite(session=session),
            "open_alerts": alerts.count_open_alerts(session=session),
            "overdue_actions": actions.count_overdue(session=session),
            "review_due": risks.count_review_due(session=session),
            "unassigned": risks.count_unassigned(session=session),
            "objectives:missed": objectives["missed"],
            "objectives:at_risk": objectives["at_risk"],
            "overdue_corrective": nonconformities.count_overdue_corrective_actions(session=session),
            "suggestions_waiting": suggestions.count_waiting_for_review(session=session),
        }
        expected |= {
            f"nc:{code}": n for code, n in nonconformities.open_counts_by_severity(session=session).items()
        }
    return expected


def test_numbers_equal_the_services_counts(page, demo_database) -> None:
    expected = _expected_numbers(demo_database)
    assert set(page.links) == set(expected)
    assert {key: page.number(key) for key in expected} == expected
    # The demo company has something in most cards, so the comparison means something.
    assert expected["open_alerts"] > 0
    assert expected["level:high"] > 0
    assert expected["suggestions_waiting"] > 0


def test_company_and_quality_policy_at_the_top(page, demo_database) -> None:
    with demo_database.session() as session:
        from opsdesk.services.settings import get_company_name, get_quality_policy

        company = get_company_name(session=session)
        policy = get_quality_policy(session=session)
    assert page.company_label.text() == company
    text = page.policy_label.text()
    assert policy.approved_on.isoformat() in text
    assert policy.text[:60] in text


def test_empty_policy_says_where_to_set_it(qtbot, empty_context) -> None:
    page = _open(qtbot, empty_context)
    assert "Settings" in page.policy_label.text()
    assert page.number("open_alerts") == 0


def test_policy_change_shows_after_a_settings_change(qtbot, page, demo_context, demo_database) -> None:
    with demo_database.session() as session:
        set_quality_policy(
            session=session, text="Right first time, every time.", approved_on=date(2024, 3, 1)
        )
    demo_context.dataChanged.emit("settings")
    wait_loaded(qtbot, page)
    assert "Right first time, every time." in page.policy_label.text()
    assert "2024-03-01" in page.policy_label.text()


def test_open_alerts_link_navigates_to_open_alerts(qtbot, page) -> None:
    qtbot.mouseClick(page.links["open_alerts"], Qt.MouseButton.LeftButton)
    assert page.navigate.calls == [("indicators", {"alerts": "open"})]


@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("level:high", ("risks", {"residual_level": "high"})),
        ("level:critical", ("risks", {"residual_level": "critical"})),
        ("above_appetite", ("risks", {"above_appetite": True})),
        ("overdue_actions", ("actions", {"overdue": True})),
        ("review_due", ("risks", {"review_due": True})),
        ("objectives:missed", ("objectives", {"status": "missed"})),
        ("objectives:at_risk", ("objectives", {"status": "at_risk"})),
        ("nc:critical", ("nonconformities", {"open_only": True, "severity": "critical"})),
        ("nc:minor", ("nonconformities", {"open_only": True, "severity": "minor"})),
        ("overdue_corrective", ("actions", {"overdue": True, "kind": "corrective"})),
        ("suggestions_waiting", ("suggestions", {"status": "waiting"})),
    ],
)
def test_every_number_links_to_its_list(qtbot, page, key, target) -> None:
    qtbot.mouseClick(page.links[key], Qt.MouseButton.LeftButton)
    assert page.navigate.calls == [target]


def test_links_work_from_the_keyboard(qtbot, page) -> None:
    button = page.links["overdue_actions"]
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert page.navigate.calls == [("actions", {"overdue": True})]


def test_an_alarm_reading_adds_an_open_alert(qtbot, page, demo_context, demo_database) -> None:
    before = page.number("open_alerts")
    with demo_database.session() as session:
        # A KRI back to normal: its earlier breach has ended, so an alarm raises a new alert.
        kri = next(k for k in kris.list_kris(session=session) if k.state == "ok")
        value = kri.alarm + 1 if kri.direction == "higher_is_worse" else kri.alarm - 1
        outcome = kris.record_reading(
            session=session, kri_id=kri.id, data=kris.ReadingInput(date.today(), value)
        )
    assert outcome.reading.state == "alarm"
    assert outcome.alert_raised
    demo_context.dataChanged.emit("alerts")
    wait_loaded(qtbot, page)
    assert page.number("open_alerts") == before + 1
    with demo_database.session() as session:
        assert page.number("open_alerts") == alerts.count_open_alerts(session=session)


def test_top_risks_table_and_opening_a_row(qtbot, page, demo_database) -> None:
    with demo_database.session() as session:
        top = risks.top_risks(session=session, limit=10)
    assert [row.id for row in page.top_model.rows()] == [r.id for r in top]
    assert page.top_model.rowCount() == 10
    score = page.top_model.column_index("score")
    assert page.top_model.index(0, score).data() == str(top[0].residual_score)
    level = page.top_model.index(0, page.top_model.column_index("level"))
    assert level.data() == "High"
    assert level.data(Qt.ItemDataRole.BackgroundRole).name().upper() == "#FF7043"
    page.top_table.setCurrentIndex(page.top_model.index(2, 0))
    qtbot.keyClick(page.top_table, Qt.Key.Key_Return)
    assert page.navigate.calls == [("risks", {"risk_id": top[2].id})]


def test_small_heatmap_is_drawn_after_the_first_paint_and_links_to_the_heatmap(
    qtbot, page, demo_database
) -> None:
    from opsdesk.reports.charts.heatmap import counts_shown

    qtbot.waitUntil(lambda: page.heatmap.figure is not None)
    wait_chart_drawn(qtbot, page.heatmap)
    with demo_database.session() as session:
        expected = risks.heatmap_counts(session=session, kind="residual")
    assert counts_shown(page.heatmap.figure) == {"residual": expected}
    (ax,) = [ax for ax in page.heatmap.figure.axes if ax.get_gid()]
    point = page.heatmap.widget_point(*ax.transData.transform((4, 3)))
    qtbot.mouseClick(page.heatmap, Qt.MouseButton.LeftButton, pos=point)
    assert page.navigate.calls == [("heatmap", {"kind": "residual", "likelihood": 3, "impact": 4})]


def test_band_rename_in_settings_updates_the_cards(qtbot, page, demo_context, demo_database) -> None:
    with demo_database.session() as session:
        matrix = get_matrix(session=session)
        bands = tuple(replace(b, name="Severe") if b.code == "critical" else b for b in matrix.bands)
        save_matrix(session=session, matrix=replace(matrix, bands=bands))
    demo_context.dataChanged.emit("settings")
    wait_loaded(qtbot, page)
    card = page.links["level:critical"].parentWidget()
    assert card.title.text() == "Severe"


def test_importing_the_dashboard_does_not_load_matplotlib() -> None:
    code = "import sys, opsdesk.ui.pages.dashboard; print('matplotlib' in sys.modules)"
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=root
    )
    assert result.stdout.strip() == "False"


def test_in_the_main_window_everything_fits_at_1366x768_without_scrolling(qtbot, main_window) -> None:
    page = main_window.show_page("dashboard")
    qtbot.waitUntil(lambda: page.heatmap.figure is not None)
    wait_chart_drawn(qtbot, page.heatmap)
    scroll = page.findChild(QScrollArea)
    assert not scroll.verticalScrollBar().isVisible()

"""The pages read on the worker: right rows after the load, a reload on the page's change topic,
and a page that stays usable while its read waits (a server holding a lock, 20,000 risks)."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from opsdesk.services import alerts as alerts_service
from opsdesk.services import quality
from opsdesk.services.kris import list_kris
from opsdesk.services.settings import list_departments
from opsdesk.ui.context import ACTIONS, ALERTS, QUALITY, SETTINGS
from tests.ui.waiting import wait_loaded


class SlowRead:
    """A service that waits on an event before answering, and notes the thread it ran in."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, **kwargs):
        self.threads.append(threading.current_thread())
        assert self.release.wait(20), "the test never released the read"
        return self.answer(**kwargs)


def ticking() -> tuple[QTimer, list[int]]:
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    return timer, ticks


# Indicators and alerts ------------------------------------------------------------------------


@pytest.fixture
def indicators(qtbot, main_window):
    page = main_window.show_page("indicators")
    wait_loaded(qtbot, page)
    return page


def test_the_indicators_page_shows_every_indicator_and_alert_after_its_load(
    qtbot, indicators, demo_database
) -> None:
    with demo_database.session() as session:
        kris = list_kris(session=session, include_archived=True)
        stored = alerts_service.list_alerts(session=session)
    assert sorted(k.id for k in indicators.kris.model.all_rows()) == sorted(k.id for k in kris)
    assert sorted(a.id for a in indicators.alerts.model.all_rows()) == sorted(a.id for a in stored)
    open_count = sum(1 for a in stored if a.state != "resolved")
    assert indicators.tabs.tabText(1) == f"&Alerts ({open_count} open)"
    assert f"open alerts: {open_count}" in indicators.summary_label.text()
    assert indicators.kris.selected_kri() is not None and indicators.kris.reading_model.rowCount() > 0


def test_an_alert_handled_elsewhere_shows_after_the_alerts_topic_reloads_the_page(
    qtbot, indicators, demo_database
) -> None:
    with demo_database.session() as session:
        alert = next(a for a in alerts_service.list_alerts(session=session) if a.state == "open")
        alerts_service.acknowledge_alert(session=session, alert_id=alert.id, expected_version=alert.version)
        session.commit()
    shown = indicators.alerts.model.all_rows()
    assert next(a for a in shown if a.id == alert.id).state == "open"  # not read yet
    with qtbot.waitSignal(indicators.loaded, timeout=10_000):  # the topic alone reloads the page
        indicators.context.dataChanged.emit(ALERTS)
    assert next(a for a in indicators.alerts.model.all_rows() if a.id == alert.id).state == "acknowledged"


def test_the_indicators_page_stays_usable_while_the_alerts_read_waits(qtbot, indicators, monkeypatch) -> None:
    kris_before = indicators.kris.model.rowCount()
    alerts_before = [a.id for a in indicators.alerts.model.all_rows()]
    slow = SlowRead(lambda **kwargs: alerts_service.list_alerts(**kwargs)[:2])
    monkeypatch.setattr("opsdesk.ui.pages.indicators.page.list_alerts", slow)
    timer, ticks = ticking()
    try:
        indicators.refresh()
        qtbot.waitUntil(lambda: bool(slow.threads))
        # The read waits on the worker; the event loop runs on: the timer fires, the busy line
        # shows, and the tables keep what they showed, searchable and selectable.
        qtbot.waitUntil(lambda: len(ticks) >= 20)
        qtbot.waitUntil(indicators.busy_line.isVisible)
        assert indicators.loading
        assert slow.threads[0] is not threading.main_thread()
        assert indicators.kris.model.rowCount() == kris_before > 1
        qtbot.keyClicks(indicators.kris.search, "phishing")
        assert [k.name for k in indicators.kris.model.rows()] == ["Phishing simulation click rate"]
        assert indicators.kris.selected_kri().name == "Phishing simulation click rate"
        indicators.kris.search.clear()
        indicators.tabs.setCurrentIndex(1)
        assert [a.id for a in indicators.alerts.model.all_rows()] == alerts_before
    finally:
        slow.release.set()
        timer.stop()
    wait_loaded(qtbot, indicators)
    assert len(indicators.alerts.model.all_rows()) == 2
    assert not indicators.busy_line.isVisible()


# Quality objectives -----------------------------------------------------------------------------


@pytest.fixture
def objectives(qtbot, main_window):
    page = main_window.show_page("objectives")
    wait_loaded(qtbot, page)
    return page


def test_the_selected_indicators_readings_come_with_the_load_not_from_the_gui_thread(
    qtbot, main_window, demo_database, monkeypatch
) -> None:
    from opsdesk.services import kris as kris_service

    read_on: list[threading.Thread] = []
    real_readings = kris_service.list_readings

    def noted_readings(**kwargs):
        read_on.append(threading.current_thread())
        return real_readings(**kwargs)

    monkeypatch.setattr(kris_service, "list_readings", noted_readings)
    monkeypatch.setattr("opsdesk.ui.pages.indicators.kri_panel.list_readings", noted_readings)
    page = main_window.show_page("indicators")
    wait_loaded(qtbot, page)
    selected = page.kris.selected_kri()
    with demo_database.session() as session:
        stored = real_readings(session=session, kri_id=selected.id)
    assert [r.id for r in page.kris.readings] == [r.id for r in stored] and stored
    assert read_on and threading.main_thread() not in read_on

    # Another indicator chosen by hand is read when chosen (a small read), and shown.
    other = next(k for k in page.kris.model.rows() if k.id != selected.id)
    assert page.kris.select_kri(other.id)
    assert read_on[-1] is threading.main_thread() and page.kris.selected_kri_id() == other.id
    with demo_database.session() as session:
        assert [r.id for r in page.kris.readings] == [
            r.id for r in real_readings(session=session, kri_id=other.id)
        ]

    # A reload keeps the selection and brings that indicator's readings along.
    read_on.clear()
    page.refresh()
    wait_loaded(qtbot, page)
    assert page.kris.selected_kri_id() == other.id
    assert read_on and threading.main_thread() not in read_on


def test_the_objectives_page_reads_the_list_and_the_first_detail_on_the_worker(
    qtbot, main_window, demo_database, monkeypatch
) -> None:
    from opsdesk.services import control_charts

    charted: list[threading.Thread] = []
    real_chart = control_charts.control_chart

    def noted_chart(**kwargs):
        charted.append(threading.current_thread())
        return real_chart(**kwargs)

    monkeypatch.setattr(control_charts, "control_chart", noted_chart)
    page = main_window.show_page("objectives")
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = quality.list_objectives(session=session)
    assert sorted(o.id for o in page.model.all_rows()) == sorted(o.id for o in stored)
    assert page.count_label.text() == f"{len(stored)} objective(s)"
    first = page.model.row(0)
    assert page.objective is not None and page.objective.id == first.id
    assert page.detail.currentIndex() == 1 and page.grid_model.rowCount() > 0
    # The chart of the objective shown first came with the load: none was read on the GUI thread.
    assert charted and threading.main_thread() not in charted


def test_an_objective_added_elsewhere_shows_after_the_quality_topic_reloads_the_page(
    qtbot, objectives, demo_database
) -> None:
    with demo_database.session() as session:
        department = list_departments(session=session)[0]
        added = quality.create_objective(
            session=session,
            data=quality.ObjectiveInput(name="Label print pass rate", department_id=department.id, target=98),
        )
        session.commit()
    assert objectives.model.find_row(lambda o: o.id == added.id) < 0
    shown = objectives.objective.id
    with qtbot.waitSignal(objectives.loaded, timeout=10_000):
        objectives.context.dataChanged.emit(QUALITY)
    assert objectives.model.find_row(lambda o: o.id == added.id) >= 0
    assert objectives.objective.id == shown  # the objective in view stays in view


def test_a_link_to_an_archived_objective_waits_for_the_archived_ones_to_load(
    qtbot, objectives, demo_database
) -> None:
    wanted = objectives.model.row(objectives.model.rowCount() - 1).id
    with demo_database.session() as session:
        quality.set_objective_archived(session=session, objective_id=wanted, archived=True)
        session.commit()
    with qtbot.waitSignal(objectives.loaded, timeout=10_000):
        objectives.context.dataChanged.emit(QUALITY)
    assert objectives.model.find_row(lambda o: o.id == wanted) < 0
    objectives.apply_filter(objective_id=wanted)
    wait_loaded(qtbot, objectives)
    assert objectives.show_archived.isChecked()
    assert objectives.objective.id == wanted and objectives.archive_button.text() == "Restore"


# Suggestions ------------------------------------------------------------------------------------


def test_the_suggestions_page_reads_the_list_and_the_leaderboard_on_the_worker(
    qtbot, main_window, demo_database, monkeypatch
) -> None:
    from opsdesk.services import suggestions

    boards: list[threading.Thread] = []

    def noted_board(**kwargs):
        boards.append(threading.current_thread())
        return suggestions.leaderboard(**kwargs)

    monkeypatch.setattr("opsdesk.ui.pages.suggestions.leaderboard", noted_board)
    page = main_window.show_page("suggestions")
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = suggestions.list_suggestions(session=session)
        board = suggestions.leaderboard(
            session=session, quarter=page.quarter_combo.currentData(), start_month=page._start_month
        )
    assert sorted(s.id for s in page.model.all_rows()) == sorted(s.id for s in stored)
    assert page.board == board and page.metric_labels["received"].text() == str(board.received)
    assert [r.name for r in page.contributors_model.all_rows()] == [r.name for r in board.contributors]
    assert boards and threading.main_thread() not in boards

    # A suggestion submitted elsewhere shows after the quality topic reloads the page.
    with demo_database.session() as session:
        department = list_departments(session=session)[0]
        added = suggestions.submit_suggestion(
            session=session,
            data=suggestions.SuggestionInput(
                title="Label the spare-part drawers", submitter="Ana Ruiz", department_id=department.id
            ),
        )
        session.commit()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.dataChanged.emit(QUALITY)
    assert added.id in {s.id for s in page.model.all_rows()}
    assert page.metric_labels["received"].text() == str(board.received + 1)
    assert threading.main_thread() not in boards


# Actions ----------------------------------------------------------------------------------------


def test_the_actions_page_works_out_its_search_texts_and_owners_on_the_worker(
    qtbot, main_window, demo_database
) -> None:
    from opsdesk.services import actions, risks

    page = main_window.show_page("actions")
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = actions.list_actions(session=session, include_archived=page.show_archived.isChecked())
        risk = risks.list_risks(session=session)[0]
    assert sorted(a.id for a in page.model.all_rows()) == sorted(a.id for a in stored)
    owners = [page.owner_filter.itemText(n) for n in range(1, page.owner_filter.count())]
    assert owners == sorted({a.owner.strip() for a in stored if a.owner.strip()}, key=str.casefold)

    # An action added elsewhere, for a new owner, shows after the actions topic reloads the page:
    # in the list, in the owner filter and in the search.
    with demo_database.session() as session:
        added = actions.add_action(
            session=session,
            data=actions.ActionInput(
                title="Recalibrate the torque wrenches", owner="Zoë Quint", risk_id=risk.id
            ),
        )
        session.commit()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.dataChanged.emit(ACTIONS)
    assert added.id in {a.id for a in page.model.all_rows()}
    assert page.owner_filter.findText("Zoë Quint") > 0
    qtbot.keyClicks(page.search, "torque wrenches")
    assert [a.id for a in page.model.rows()] == [added.id]


# Nonconformities --------------------------------------------------------------------------------


def test_the_nonconformities_page_reads_the_list_and_its_pareto_on_the_worker(
    qtbot, main_window, demo_database, monkeypatch
) -> None:
    from opsdesk.services import nonconformities as nc_service

    counted: list[threading.Thread] = []
    real_pareto = nc_service.pareto

    def noted_pareto(**kwargs):
        counted.append(threading.current_thread())
        return real_pareto(**kwargs)

    monkeypatch.setattr(nc_service, "pareto", noted_pareto)
    page = main_window.show_page("nonconformities")
    wait_loaded(qtbot, page)
    since, until = page._period()
    with demo_database.session() as session:
        stored = nc_service.list_nonconformities(session=session)
        expected = real_pareto(session=session, by=page.pareto_by.currentData(), since=since, until=until)
    assert sorted(n.id for n in page.model.all_rows()) == sorted(n.id for n in stored)
    assert page.pareto_rows == expected and expected
    assert counted and threading.main_thread() not in counted

    # A nonconformity recorded elsewhere shows after the quality topic reloads the page.
    with demo_database.session() as session:
        added = nc_service.create_nonconformity(
            session=session,
            data=nc_service.NcInput(title="Scratched housings from the new supplier", detected_on=until),
        )
        session.commit()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.dataChanged.emit(QUALITY)
    assert added.id in {n.id for n in page.model.all_rows()}
    assert threading.main_thread() not in counted
    # Another grouping asks for its own Pareto at once (one small query).
    page.pareto_by.setCurrentIndex(1 - page.pareto_by.currentIndex())
    assert counted[-1] is threading.main_thread()


# Settings ---------------------------------------------------------------------------------------


def test_the_settings_page_is_built_without_reading_and_reads_its_sections_on_the_worker(
    qtbot, demo_context, demo_database, monkeypatch
) -> None:
    from opsdesk.services import settings as settings_service
    from opsdesk.ui.pages.settings import SettingsPage

    reads: list[tuple[str, threading.Thread]] = []
    real_call = demo_context.call

    def noted_call(service, /, **kwargs):
        reads.append((service.__name__, threading.current_thread()))
        return real_call(service, **kwargs)

    monkeypatch.setattr(demo_context, "call", noted_call)
    page = SettingsPage(demo_context)
    qtbot.addWidget(page)
    assert reads == []  # building the page reads nothing
    page.resize(1166, 700)
    page.show()
    wait_loaded(qtbot, page)
    assert reads and all(thread is not threading.main_thread() for _, thread in reads), reads
    with demo_database.session() as session:
        name = settings_service.get_company_name(session=session)
        departments = settings_service.list_departments(session=session, include_archived=True)
    assert page.organisation.company_name.text() == name
    assert [d.name for d in page.organisation.departments.model.all_rows()] == [d.name for d in departments]
    assert all(section.loaded for section in page.sections.values())

    # A name changed elsewhere shows after the settings topic reloads the page.
    with demo_database.session() as session:
        settings_service.set_company_name(session=session, name="Norbridge Sensors AG")
        session.commit()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        demo_context.dataChanged.emit(SETTINGS)
    assert page.organisation.company_name.text() == "Norbridge Sensors AG"
    assert all(thread is not threading.main_thread() for _, thread in reads)


# Customer feedback ------------------------------------------------------------------------------


def test_the_feedback_log_is_read_on_the_worker_and_reloads_on_the_quality_topic(
    qtbot, main_window, demo_database, monkeypatch
) -> None:
    from opsdesk.services import feedback

    reads: list[threading.Thread] = []

    def noted_list(**kwargs):
        reads.append(threading.current_thread())
        return feedback.list_feedback(**kwargs)

    monkeypatch.setattr("opsdesk.ui.pages.feedback.list_feedback", noted_list)
    page = main_window.show_page("feedback")
    wait_loaded(qtbot, page)
    with demo_database.session() as session:
        stored = feedback.list_feedback(session=session)
    assert sorted(e.id for e in page.model.all_rows()) == sorted(e.id for e in stored)
    with demo_database.session() as session:
        added = feedback.add_feedback(
            session=session,
            data=feedback.FeedbackInput(
                received_on=date(2026, 11, 2), customer="Norbridge", description="Late"
            ),
        )
        session.commit()
    with qtbot.waitSignal(page.loaded, timeout=10_000):
        page.context.dataChanged.emit(QUALITY)
    assert added.id in {e.id for e in page.model.all_rows()}
    assert len(reads) == 2 and threading.main_thread() not in reads

"""The database off the GUI thread: slow reads on the worker, stale results dropped, change topics per table."""

from __future__ import annotations

import threading
from datetime import date

import pytest
from PySide6.QtCore import QTimer

from opsdesk.domain.errors import DatabaseError
from opsdesk.services import feedback, risks
from opsdesk.store.database import Database, open_database
from opsdesk.ui.context import ACTIONS, ALERTS, QUALITY, RISKS, SETTINGS, change_topics
from opsdesk.ui.pages.risks import RisksPage
from tests.ui.waiting import poll, wait_loaded


@pytest.fixture
def page(qtbot, demo_context):
    widget = RisksPage(demo_context)
    qtbot.addWidget(widget)
    widget.resize(1166, 740)
    widget.show()
    qtbot.waitExposed(widget)
    wait_loaded(qtbot, widget)
    return widget


class SlowRead:
    """list_risks that waits on an event (a server holding a lock) and notes the thread it ran in."""

    def __init__(self, rows: list[risks.RiskRead]) -> None:
        self.rows = rows
        self.release = threading.Event()
        self.threads: list[threading.Thread] = []

    def __call__(self, **_kwargs) -> list[risks.RiskRead]:
        self.threads.append(threading.current_thread())
        assert self.release.wait(20), "the test never released the read"
        return self.rows


def test_the_window_stays_responsive_while_a_slow_read_waits_on_the_worker(qtbot, page, monkeypatch) -> None:
    shown = page.model.all_rows()
    slow = SlowRead(shown[:3])
    monkeypatch.setattr("opsdesk.ui.pages.risks.register_rows", slow)
    ticks: list[int] = []
    timer = QTimer(interval=10)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    try:
        page.refresh()
        qtbot.waitUntil(lambda: bool(slow.threads))
        # The read waits; the event loop keeps running: the timer fires, the busy line shows,
        # and the table still holds what it showed, searchable.
        qtbot.waitUntil(lambda: len(ticks) >= 20)
        qtbot.waitUntil(page.busy_line.isVisible)
        assert page.loading
        assert slow.threads[0] is not threading.main_thread()
        assert page.model.rowCount() == len(shown) == 40
        qtbot.keyClicks(page.search, "R-0001")
        assert [r.code for r in page.model.rows()] == ["R-0001"]
        page.search.clear()
    finally:
        slow.release.set()
        timer.stop()
    wait_loaded(qtbot, page)
    assert [r.code for r in page.model.all_rows()] == [r.code for r in shown[:3]]
    assert not page.busy_line.isVisible()
    assert page.counter_label.text() == "3 of 3 risks"


def test_a_result_overtaken_by_a_newer_load_is_dropped(qtbot, page, monkeypatch) -> None:
    shown = page.model.all_rows()
    slow = SlowRead(shown[:1])
    monkeypatch.setattr("opsdesk.ui.pages.risks.register_rows", slow)
    page.refresh()  # the older load: it waits
    qtbot.waitUntil(lambda: bool(slow.threads))
    monkeypatch.setattr("opsdesk.ui.pages.risks.register_rows", lambda **_kw: shown[:2])
    loaded: list[int] = []
    page.loaded.connect(lambda: loaded.append(1))
    page.refresh()  # the newer one answers at once
    qtbot.waitUntil(lambda: bool(loaded))
    assert page.model.rowCount() == 2
    slow.release.set()
    qtbot.waitUntil(lambda: not page._jobs)  # the older load reported, and was not shown
    assert page.model.rowCount() == 2 and loaded == [1]


def test_a_read_that_cannot_reach_the_server_keeps_the_rows_and_says_so(qtbot, page, monkeypatch) -> None:
    problems: list[str] = []
    page.context.unreachable.connect(problems.append)

    def unreachable(**_kwargs):
        raise DatabaseError("Cannot reach the server 127.0.0.1 (timeout)")

    monkeypatch.setattr("opsdesk.ui.pages.risks.register_rows", unreachable)
    page.refresh()
    qtbot.waitUntil(lambda: bool(problems))
    assert problems == ["Cannot reach the server 127.0.0.1 (timeout)"]
    assert page.model.rowCount() == 40 and not page.loading and not page.busy_line.isVisible()


def test_each_table_announces_its_topic() -> None:
    assert change_topics(["customerfeedback"]) == (QUALITY,)
    assert change_topics(["risk", "assessment", "action"]) == (ACTIONS, RISKS)
    assert change_topics(["alert", "setting"]) == (ALERTS, SETTINGS)
    assert change_topics(["risk", "a_table_added_later"]) == ("*",)


def add_feedback(database: Database) -> None:
    with database.session() as session:
        feedback.add_feedback(
            session=session,
            data=feedback.FeedbackInput(
                received_on=date(2026, 11, 2), customer="Norbridge", description="Late"
            ),
        )


def test_a_poll_reporting_only_quality_changes_does_not_reload_the_risks_page(
    qtbot, main_window, demo_database
) -> None:
    risks_page = main_window.show_page("risks")
    wait_loaded(qtbot, risks_page)
    feedback_page = main_window.page("feedback")  # built, not shown: it reloads when next shown
    assert not poll(qtbot, main_window)  # this window has seen everything
    feedback_page._stale = False
    reloads: list[int] = []
    risks_page.loaded.connect(lambda: reloads.append(1))
    stale: list[str] = []
    main_window.context.dataChanged.connect(stale.append)

    other = open_database(demo_database.path, user="colleague")
    try:
        add_feedback(other)
        assert poll(qtbot, main_window)
        assert stale == [QUALITY]
        assert not risks_page.loading and not risks_page._stale and reloads == []
        assert feedback_page._stale  # the feedback log reloads when it is shown

        with other.session() as session:
            risk = risks.list_risks(session=session)[0]
            risks.bulk_update(
                session=session, risk_ids=[risk.id], change=risks.BulkChange(owner="Ines Duarte")
            )
        assert poll(qtbot, main_window)
        assert stale[1:] == [RISKS]
        wait_loaded(qtbot, risks_page)
        assert reloads == [1]
        assert next(r for r in risks_page.model.all_rows() if r.id == risk.id).owner == "Ines Duarte"
    finally:
        other.dispose()

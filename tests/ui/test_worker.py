"""Background jobs: results come back on the GUI thread, and so does garbage collection."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication

from opsdesk.ui.worker import start_job


class Cycle:
    """An object that only the cyclic garbage collector frees; it notes the thread that did."""

    freed_in: list[threading.Thread] = []

    def __init__(self) -> None:
        self.itself = self

    def __del__(self) -> None:
        Cycle.freed_in.append(threading.current_thread())


def run_job(qtbot, work):
    results: list[tuple[object, bool]] = []
    failures: list[Exception] = []
    start_job(
        work,
        on_finished=lambda result: results.append(
            (result, QThread.currentThread() is QApplication.instance().thread())
        ),
        on_failed=failures.append,
    )
    qtbot.waitUntil(lambda: bool(results or failures))
    return results, failures


def test_a_jobs_result_arrives_on_the_gui_thread_and_its_error_as_a_value(qtbot) -> None:
    def work(progress) -> str:
        assert threading.current_thread() is not threading.main_thread()
        return "done"

    results, failures = run_job(qtbot, work)
    assert results == [("done", True)] and failures == []

    results, failures = run_job(qtbot, lambda progress: 1 / 0)
    assert results == [] and isinstance(failures[0], ZeroDivisionError)
    assert "ZeroDivisionError" in failures[0].__traceback_text__


def test_while_a_job_runs_cyclic_garbage_is_collected_on_the_gui_thread_only(qtbot) -> None:
    # A worker that triggers Python's automatic collection would free Qt objects of the GUI
    # thread in the wrong thread; so while jobs run, collection is off and a GUI-thread timer
    # does it. The last job to report turns automatic collection back on.
    release = threading.Event()
    results: list[object] = []
    start_job(lambda progress: release.wait(10), on_finished=results.append, on_failed=results.append)
    assert not gc.isenabled()

    Cycle.freed_in.clear()
    for _ in range(2_000):
        Cycle()
    qtbot.waitUntil(lambda: len(Cycle.freed_in) == 2_000, timeout=5_000)
    assert set(Cycle.freed_in) == {threading.main_thread()}

    release.set()
    qtbot.waitUntil(lambda: bool(results))
    assert results == [True]
    qtbot.waitUntil(gc.isenabled)


class Row:
    """A read model's shape: a slotted object the collector tracks (and walks) until it is collected."""

    __slots__ = ("number", "text")

    def __init__(self, number: int) -> None:
        self.number, self.text = number, str(number)


def test_what_a_job_made_is_collected_in_a_turn_of_its_own_after_its_result_is_shown(qtbot) -> None:
    """A page's 20,000 rows are walked by the collector once the page has shown them, in a turn of
    their own, not by an automatic pass in the middle of the next page painting."""
    from opsdesk.ui.worker import SETTLE_MS, gui_thread_collector

    collector = gui_thread_collector()
    events: list[tuple[str, object]] = []

    def note_collection(phase: str, info: dict) -> None:
        if phase == "start":
            events.append(("collected", (info["generation"], threading.current_thread())))

    def show(rows: list[Row]) -> None:
        events.append(("shown", (len(rows), gc.isenabled(), gc.get_count()[0])))

    gc.callbacks.append(note_collection)
    try:
        start_job(
            lambda progress: [Row(number) for number in range(20_000)],
            on_finished=show,
            on_failed=events.append,
        )
        qtbot.waitUntil(lambda: any(kind == "shown" for kind, _ in events))
        assert not collector.settled
        qtbot.waitUntil(lambda: collector.settled, timeout=SETTLE_MS * 20)
    finally:
        gc.callbacks.remove(note_collection)
    kinds = [kind for kind, _ in events]
    shown_at = kinds.index("shown")
    rows, collecting, young = events[shown_at][1]
    assert rows == 20_000
    assert not collecting  # while the page shows the rows, no automatic pass can start
    assert young >= 20_000  # the rows are still in the youngest generation
    after = [value for kind, value in events[shown_at + 1 :] if kind == "collected"]
    assert (1, threading.main_thread()) in after  # then the young generations, on the GUI thread
    assert gc.isenabled()


def test_what_start_up_made_leaves_the_collectors_walk_once_the_first_page_shows_its_data(
    qtbot, demo_context, monkeypatch
) -> None:
    from opsdesk.ui import worker
    from opsdesk.ui.main_window import MainWindow
    from tests.ui.waiting import wait_loaded

    monkeypatch.setattr(worker, "_start_up_frozen", False)
    gc.unfreeze()
    try:
        window = MainWindow(demo_context)
        qtbot.addWidget(window)
        window.show()
        assert gc.get_freeze_count() == 0
        wait_loaded(qtbot, window.show_page("dashboard"))
        qtbot.waitUntil(worker.start_up_frozen)
        frozen = gc.get_freeze_count()
        assert frozen > 10_000  # the modules, classes and the window
        assert not any(obj is window for obj in gc.get_objects())  # the window is in the permanent generation
        wait_loaded(qtbot, window.show_page("risks"))
        assert (
            gc.get_freeze_count() <= frozen
        )  # once per run of the app, not at every load (some freed since)
    finally:
        gc.unfreeze()

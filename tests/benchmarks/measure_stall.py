"""The longest stall of the GUI event loop: start, the register, every page, a server out of reach.

A 10 ms QTimer ticks all along; each tick notes how late it came. A stall is the time the
event loop could not run a timer: the gap between two ticks, less the interval. The window
is driven from the event loop itself (each step is a timer callback), so whatever a step
does on the GUI thread counts, and whatever it leaves to the worker does not.
"""

from __future__ import annotations

import gc
import socket
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.common import Row
from tests.benchmarks.measure_gui import _context, qt_application

TICK_MS = 10
TARGET_MS = 100.0
#: the connect timeout of the silent server in the benchmark (the product's is 10 s; the
#: window must not wait for either)
SILENT_SERVER_TIMEOUT_S = 3


class StallMonitor:
    """A timer that records, per phase, the longest gap between its ticks beyond its interval."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.phase = "start"
        self.longest: dict[str, float] = {}
        self.last = time.perf_counter()
        self.timer = QTimer(interval=TICK_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        self.last = time.perf_counter()
        self.timer.start()

    def stop(self) -> None:
        self.tick()
        self.timer.stop()

    def tick(self) -> None:
        now = time.perf_counter()
        late = max(0.0, (now - self.last) * 1000 - TICK_MS)
        self.last = now
        self.longest[self.phase] = max(self.longest.get(self.phase, 0.0), late)

    def enter(self, phase: str) -> None:
        self.tick()  # the time so far belongs to the phase before
        self.phase = phase


def _silent_server() -> socket.socket:
    """A port that accepts connections and never answers: a server hung or behind a dead link."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    return listener


def _run_once(
    app, db_path: Path, silent_timeout_s: int = SILENT_SERVER_TIMEOUT_S
) -> tuple[dict[str, float], dict[str, Any]]:
    from PySide6.QtCore import QTimer

    from opsdesk.ui.context import EVERYTHING
    from opsdesk.ui.main_window import MainWindow
    from opsdesk.ui.widgets.chart import ChartView

    context = _context(db_path)
    context.settings.setValue("window/page", "dashboard")
    monitor = StallMonitor()
    state: dict[str, Any] = {"window": None, "polled": None, "steps": []}
    steps: list[tuple[str, Callable[[], None], Callable[[], bool]]] = []

    def window() -> Any:
        return state["window"]

    def start() -> None:
        main = MainWindow(context)
        main.resize(1366, 768)
        main.show()
        state["window"] = main

    def page_loaded(key: str) -> Callable[[], bool]:
        # A user looks at the page: its data is in and its charts on screen are drawn.
        def done() -> bool:
            page = window().pages.get(key)
            return (
                page is not None
                and page.isVisible()
                and not page.loading
                and all(view.is_idle() for view in page.findChildren(ChartView) if view.isVisible())
            )

        return done

    steps.append(("start", start, page_loaded("dashboard")))
    steps.append(("risk register", lambda: window().show_page("risks"), page_loaded("risks")))
    from opsdesk.ui.main_window import available_pages

    for spec in available_pages():
        if spec.key not in ("dashboard", "risks"):
            steps.append(
                (f"page {spec.key}", lambda k=spec.key: window().show_page(k), page_loaded(spec.key))
            )
    silent = _silent_server()
    database = context.database
    reachable = database.engine

    def server_gone() -> None:
        from opsdesk.store import database as store

        port = silent.getsockname()[1]
        product_timeout = store.SERVER_CONNECT_TIMEOUT_S
        store.SERVER_CONNECT_TIMEOUT_S = silent_timeout_s  # the product's engine, a shorter wait
        try:
            database.engine = store.make_engine(f"postgresql+psycopg://nobody@127.0.0.1:{port}/register")
        finally:
            store.SERVER_CONNECT_TIMEOUT_S = product_timeout
        window().show_page("risks")
        window().polled.connect(lambda reloaded: state.__setitem__("polled", reloaded))
        if not window().poll_changes():
            state["polled"] = False
        context.dataChanged.emit(EVERYTHING)  # F5 while the server is out of reach

    def gone_noticed() -> bool:
        return (
            state["polled"] is not None
            and window().unreachable_banner.isVisible()
            and not any(page.loading for page in window().pages.values())
        )

    steps.append(("poll an unreachable server", server_gone, gone_noticed))

    def next_step() -> None:
        if not steps:
            app.quit()
            return
        phase, do, done = steps.pop(0)
        monitor.enter(phase)
        started = time.perf_counter()
        do()

        def wait() -> None:
            if done():
                state["steps"].append((phase, round((time.perf_counter() - started) * 1000)))
                QTimer.singleShot(0, next_step)
            elif time.perf_counter() - started > 60:
                raise RuntimeError(f"{phase}: not done after 60 s")
            else:
                QTimer.singleShot(5, wait)

        QTimer.singleShot(0, wait)

    gc.collect()
    monitor.start()
    QTimer.singleShot(0, next_step)
    app.exec()
    monitor.stop()
    try:
        database.engine.dispose()
        database.engine = reachable
        window().close()
        window().deleteLater()
        app.processEvents()
    finally:
        silent.close()
        context.database.dispose()
    return monitor.longest, {"step_ms": dict(state["steps"])}


def measure_gui_stall(db_path: Path, runs: int, silent_timeout_s: int = SILENT_SERVER_TIMEOUT_S) -> Row:
    app = qt_application()
    samples: list[float] = []
    per_run: list[dict[str, Any]] = []
    for _ in range(runs):
        longest, details = _run_once(app, db_path, silent_timeout_s)
        samples.append(max(longest.values()))
        per_run.append({
            "longest_ms": round(max(longest.values()), 1),
            "stall_ms_by_phase": {phase: round(ms, 1) for phase, ms in longest.items()},
            "phase_ms": details["step_ms"],
        })  # fmt: skip
    return Row(
        key="gui_stall",
        what="longest stall of the GUI event loop",
        how=(
            f"in process: a {TICK_MS} ms timer's latest tick while the main window starts, the register loads, "
            f"every page is shown and an unreachable server is polled (silent port, {silent_timeout_s} s "
            f"connect timeout); the longest of each run, {runs} runs (the first includes the page modules' imports)"
        ),
        unit="ms",
        target=TARGET_MS,
        samples=samples,
        details={"runs": per_run},
    )

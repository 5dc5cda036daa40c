"""The screens: start-up and peak memory (subprocesses), the risk register and the heatmap (in process)."""

from __future__ import annotations

import gc
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks.common import REPO, Row, child_environment, copy_database, spread, timed

CHILD = REPO / "tests" / "benchmarks" / "child.py"
# The page's size inside the 1366x768 window the style guide designs for (minus the navigation bar).
PAGE_SIZE = (1166, 700)
# 20 keystrokes: three words a user looks for in a register.
QUERY = "supplier delay audit"


# Subprocesses ------------------------------------------------------------------------------


def _run_child(mode: str, home: Path, db_path: Path | None = None) -> dict[str, Any]:
    command = [sys.executable, str(CHILD), mode] + ([str(db_path)] if db_path is not None else [])
    env = child_environment(home)
    env["BENCH_T0"] = repr(time.time())
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300, cwd=REPO)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH "):
            return json.loads(line[len("BENCH ") :])
    raise RuntimeError(f"{mode} child failed ({done.returncode}):\n{done.stdout}\n{done.stderr[-4000:]}")


def _startup_folder(db_path: Path, work: Path) -> tuple[Path, Path, bool]:
    """A copy of the register in its own folder (its automatic backups land next to it) and a fresh home.

    Made once per run and shared by the start-up and memory rows; the flag says whether it is new,
    i.e. whether matplotlib's font cache still has to be built there by an untimed first start.
    """
    folder = work / "startup"
    home = folder / "home"
    register = folder / "register.db"
    if register.exists():
        return register, home, False
    home.mkdir(parents=True)
    return copy_database(db_path, register), home, True


def measure_startup(db_path: Path, work: Path, runs: int, *, warm: bool = True) -> Row:
    """Process start to main window painted, the app on the register against a bare QMainWindow.

    `warm=False` (the smoke test's --quick) skips the untimed first starts."""
    register, home, new = _startup_folder(db_path, work)
    if (
        new and warm
    ):  # untimed first start: builds matplotlib's font cache in the fresh home, as a user's first start did
        _run_child("app", home, register)
    if warm:
        _run_child("bare", home)  # untimed: the bare side's files into the page cache, too
    app_times: list[float] = []
    bare_times: list[float] = []
    settled: list[float] = []
    page = None
    for _ in range(runs):  # interleaved, so a noisy moment hits both sides
        bare_times.append(_run_child("bare", home)["shown"])
        result = _run_child("app", home, register)
        app_times.append(result["shown"])
        settled.append(result["settled"])
        page = result["page"]
        shutil.rmtree(register.parent / "backups", ignore_errors=True)  # one automatic backup per start
    ratios = [a / b for a, b in zip(app_times, bare_times, strict=True)]
    app_stats, bare_stats = spread(app_times), spread(bare_times)
    return Row(
        key="startup",
        what="first paint: process start to main window painted",
        how=f"subprocess, offscreen, {runs} runs each, against a bare PySide6 QMainWindow; then the register "
        f"opens on a worker (app_settled_s: its page shown: {page})",
        unit="x",
        target=2.5,
        samples=ratios,
        value=app_stats["median"] / bare_stats["median"],
        details={
            "app_s": app_stats,
            "bare_s": bare_stats,
            "app_settled_s": spread(settled),
            "page": page,
            "note": "ratio = median(app) / median(bare); min-max are the ratios of each interleaved pair",
        },  # fmt: skip
    )


def measure_memory(db_path: Path, work: Path, runs: int, *, warm: bool = True) -> Row:
    """Peak RSS of the GUI process after showing the Dashboard, the Risks page and the Heatmap page."""
    register, home, new = _startup_folder(db_path, work)
    if new and warm:
        _run_child("app", home, register)  # matplotlib's font cache, as for start-up
    peaks: list[float] = []
    current: list[float] = []
    rows = None
    for _ in range(runs):
        result = _run_child("memory", home, register)
        peaks.append(result["peak_mb"])
        if result["current_mb"] is not None:
            current.append(result["current_mb"])
        rows = result["risk_rows"]
        shutil.rmtree(register.parent / "backups", ignore_errors=True)
    return Row(
        key="memory",
        what="peak memory of the GUI process on that database",
        how=f"subprocess: main window, then Risks and Heatmap pages; ru_maxrss; {runs} runs",
        unit="MB",
        target=400.0,
        samples=peaks,
        details={"current_rss_mb": spread(current) if current else None, "risk_rows_shown": rows},
    )


# In process -----------------------------------------------------------------------------


def qt_application():
    """The app's QApplication (theme and style sheet included: they change what painting costs)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from opsdesk.ui.app import application

    return application()


class _PaintWatch:
    """Counts paint events of one widget (the table's viewport)."""

    def __init__(self, widget) -> None:
        from PySide6.QtCore import QEvent, QObject

        watch = self

        class Filter(QObject):
            def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
                if event.type() == QEvent.Type.Paint:
                    watch.count += 1
                return False

        self.count = 0
        self.filter = Filter()
        widget.installEventFilter(self.filter)


def _context(db_path: Path, password: str | None = None):
    from opsdesk.ui.app import create_settings, open_for_gui
    from opsdesk.ui.context import AppContext

    return AppContext(open_for_gui(str(db_path), user="benchmark", password=password), create_settings())


def _wait_for_signal(signal, timeout_ms: int) -> bool:
    """Run the event loop, as the window does, until `signal` is emitted (True) or the time is up (False).

    Not a loop of processEvents calls: those hold the interpreter often enough to slow a
    background thread (the chart thread) down by half.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop, timer, emitted = QEventLoop(), QTimer(singleShot=True, interval=timeout_ms), []

    def stop(*_args) -> None:
        emitted.append(True)
        loop.quit()

    signal.connect(stop)
    timer.timeout.connect(loop.quit)
    timer.start()
    try:
        loop.exec()
    finally:
        timer.stop()
        signal.disconnect(stop)
    return bool(emitted)


def _run_until(app, done: Callable[[], bool], timeout_s: float) -> None:
    """Run the event loop until `done()` or the time is up, sleeping between events as the app's loop does.

    A loop spinning on processEvents() took a core from the worker reading the rows (2 cores
    here) and slowed it down by up to half.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    deadline = time.monotonic() + timeout_s
    wake = QTimer(interval=100)  # a blocked wait looks at the deadline at least this often
    wake.start()
    try:
        while not done() and time.monotonic() < deadline:
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        wake.stop()


def _dispose(app, widget) -> None:
    widget.close()
    widget.deleteLater()
    app.processEvents()
    gc.collect()


def measure_register(
    db_path: Path, runs: int, keystroke_rounds: int, password: str | None = None
) -> list[Row]:
    """Risk table shown, search keystrokes and the sort by residual score, on one RisksPage
    (of an encrypted register when `password` is given)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from opsdesk.services.risks import list_risks
    from opsdesk.ui.pages.risks import RisksPage

    app = qt_application()
    context = _context(db_path, password)

    def open_page() -> tuple[Any, dict[str, float]]:
        started = time.perf_counter()
        page = RisksPage(context)
        built = time.perf_counter()
        page.resize(*PAGE_SIZE)
        watch = _PaintWatch(page.table.viewport())
        page.show()  # showEvent -> ensure_fresh -> refresh(): list_risks and set_rows
        loaded = time.perf_counter()
        _run_until(app, lambda: bool(watch.count and page.model.rowCount()), timeout_s=30)
        painted = time.perf_counter()
        page._bench_watch = watch
        return page, {
            "construct": built - started,
            "show_and_load": loaded - built,
            "paint": painted - loaded,
        }

    # Warm-up (imports, first style polish); then each run builds a new page, as a first visit does.
    page, _ = open_page()
    _dispose(app, page)
    table_times: list[float] = []
    stages: list[dict[str, float]] = []
    for number in range(runs):
        gc.collect()
        started = time.perf_counter()
        page, stage = open_page()
        table_times.append(time.perf_counter() - started)
        stages.append(stage)
        if number < runs - 1:
            _dispose(app, page)
    query_s, rows = timed(lambda: context.call(list_risks))
    # What is alive now (modules, the page, its rows) stays alive: the collection before each
    # keystroke and sort below need not walk it again (each walk took 80 ms, at any scale).
    # After the table's timing, so that its automatic collections walk the whole heap, as the app's do.
    gc.freeze()
    table = Row(
        key="risk_table",
        what="risk table: model loaded and first rows painted",
        how=f"in process: RisksPage built, shown (refresh), first viewport paint with rows; {runs} runs",
        unit="s",
        target=0.3,
        samples=table_times,
        details={
            "rows": len(rows),
            "list_risks_s": query_s,
            "stages_s": {key: spread([s[key] for s in stages]) for key in stages[0]},
        },  # fmt: skip
    )

    # Search: each keystroke is a real key event on the search box, then the events it posted.
    search = page.search
    search.setFocus()
    keystrokes: list[float] = []
    shown_rows: list[int] = []
    watch = page._bench_watch
    painted = 0
    for _ in range(keystroke_rounds):
        search.clear()
        app.processEvents()
        for char in QUERY:
            before = watch.count
            gc.collect()
            started = time.perf_counter()
            QTest.keyClick(search, char)
            app.processEvents()
            keystrokes.append(time.perf_counter() - started)
            painted += watch.count > before
            shown_rows.append(page.model.rowCount())
    search.clear()
    app.processEvents()
    keystroke_row = Row(
        key="search_keystroke",
        what="search keystroke to filtered table",
        how=f"QTest.keyClick on the search box + processEvents; {len(QUERY)} keystrokes x {keystroke_rounds} rounds",
        unit="ms",
        target=30.0,
        samples=[t * 1000 for t in keystrokes],
        details={
            "query": QUERY,
            "rows_after_each_key": shown_rows[: len(QUERY)],
            "keystrokes_followed_by_a_paint": f"{painted} of {len(keystrokes)}",
        },  # fmt: skip
    )

    # Sort: from the loading order (by code) to residual score, as a click on the header does.
    score = page.model.column_index("residual_score")
    code = page.model.column_index("code")
    sort_times: list[float] = []
    for _ in range(runs):
        page.table.sortByColumn(code, Qt.SortOrder.AscendingOrder)
        app.processEvents()
        gc.collect()
        started = time.perf_counter()
        page.table.sortByColumn(score, Qt.SortOrder.DescendingOrder)
        app.processEvents()
        sort_times.append(time.perf_counter() - started)
    first = page.model.row(0).residual_score
    sort_row = Row(
        key="sort_residual",
        what="sort by residual score",
        how=f"table.sortByColumn(residual score, descending) from code order + processEvents; {runs} runs",
        unit="ms",
        target=150.0,
        samples=[t * 1000 for t in sort_times],
        details={"rows": page.model.rowCount(), "first_row_score": first},
    )
    _dispose(app, page)
    context.database.dispose()
    gc.unfreeze()
    return [table, keystroke_row, sort_row]


def measure_dashboard(db_path: Path, runs: int) -> Row:
    """The Dashboard page built, shown and painted with its numbers (dashboard_numbers over the register)."""
    from opsdesk.services.dashboard import dashboard_numbers
    from opsdesk.ui.pages.dashboard import DashboardPage

    app = qt_application()
    context = _context(db_path)

    from PySide6.QtCore import QEvent, QObject

    class NumbersPainted(QObject):
        """The moment the top 10 (the page itself gets no paint event) first paints with its rows."""

        at: float | None = None

        def __init__(self, page) -> None:
            super().__init__()
            self.page = page
            page.top_table.viewport().installEventFilter(self)

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and self.at is None and self.page.top_model.rowCount():
                self.at = time.perf_counter()
            return False

    def open_page() -> tuple[Any, float, float]:
        """The page, when its numbers painted and when its heatmap was drawn (on the chart thread), in s."""
        started = time.perf_counter()
        page = DashboardPage(context)
        page.resize(*PAGE_SIZE)
        watch = NumbersPainted(page)
        drawn: list[float] = []
        page.heatmap.drawn.connect(lambda: drawn.append(time.perf_counter()))
        page.show()  # showEvent -> ensure_fresh -> refresh(): dashboard_numbers, cards, top 10
        _run_until(app, lambda: watch.at is not None, timeout_s=60)
        if not page.heatmap.is_drawn():  # drawn on the chart thread: the event loop runs meanwhile
            _wait_for_signal(page.heatmap.drawn, 60_000)
        page._bench_watch = watch
        painted = (watch.at or time.perf_counter()) - started
        return page, painted, (drawn[-1] if drawn else time.perf_counter()) - started

    page, _, _ = open_page()  # warm-up: imports, first style polish
    _dispose(app, page)
    samples: list[float] = []
    numbers_painted: list[float] = []
    heatmap_drawn: list[float] = []
    for number in range(runs):
        gc.collect()
        page, painted, drawn = open_page()
        samples.append(max(painted, drawn))
        numbers_painted.append(painted)
        heatmap_drawn.append(drawn)
        if number < runs - 1:
            _dispose(app, page)
    numbers_s, numbers = timed(lambda: context.call(dashboard_numbers))
    _dispose(app, page)
    context.database.dispose()
    return Row(
        key="dashboard",
        what="dashboard with its numbers",
        how=(
            "in process: DashboardPage built, shown (refresh), painted with its numbers and its heatmap drawn "
            f"(on the chart thread); {runs} runs"
        ),
        unit="s",
        target=1.5,
        samples=samples,
        details={
            "dashboard_numbers_s": numbers_s,
            "active_risks": numbers.figures.active,
            "numbers_painted_s": spread(numbers_painted),
            "heatmap_drawn_s": spread(heatmap_drawn),
        },
    )


def measure_heatmap(db_path: Path, runs: int) -> Row:
    """The Heatmap page's refresh as the window shows it: new counts put in place on the figure shown
    (update_heatmap_figure through ChartView.change) and drawn on the chart thread, until the view has
    the image (its `drawn` state); the first build and drawing of the figure as a detail."""
    from opsdesk.reports.charts.heatmap import build_heatmap_figure, update_heatmap_figure
    from opsdesk.services.risks import heatmap_counts
    from opsdesk.services.settings import get_matrix
    from opsdesk.store.database import open_database
    from opsdesk.ui.widgets.chart import ChartView

    app = qt_application()
    database = open_database(db_path, user="benchmark")
    try:
        with database.session() as session:
            matrix = get_matrix(session=session)
            counts_s, counts = timed(lambda: {
                kind: heatmap_counts(session=session, kind=kind) for kind in ("inherent", "residual")
            })  # fmt: skip
    finally:
        database.dispose()
    texts = {"titles": {"inherent": "Inherent", "residual": "Residual"}, "likelihood_title": "Likelihood",
             "impact_title": "Impact"}  # fmt: skip
    # A refresh after a change: one risk moved from its cell to another (alternately back), so counts differ.
    residual = dict(counts["residual"])
    first_cell = min(cell for cell, count in residual.items() if count)
    residual[first_cell] -= 1
    residual[(1, 1)] = residual.get((1, 1), 0) + 1
    moved = {**counts, "residual": residual}

    view = ChartView()
    view.resize(1000, 460)  # the 10 x 4.6 in figure at 100 dpi
    view.show()

    def until_drawn() -> None:
        # The event loop runs as in the window: a loop of processEvents calls would hold the
        # interpreter often enough to slow the chart thread down by half.
        if view.is_drawn():
            return
        if not _wait_for_signal(view.drawn, 60_000) or not view.is_drawn():
            raise RuntimeError("the heatmap was not drawn within 60 s")

    def build_and_draw() -> None:
        view.set_figure(build_heatmap_figure(matrix, counts, **texts))
        until_drawn()

    build_and_draw()  # warm-up: matplotlib import and fonts
    built = [timed(build_and_draw)[0] * 1000 for _ in range(max(2, runs // 2))]

    def refresh(shown: dict) -> None:
        updated: list[bool] = []
        view.change(lambda figure: updated.append(update_heatmap_figure(figure, matrix, shown, **texts)))
        until_drawn()
        assert updated == [True]

    samples = [timed(lambda n=n: refresh(moved if n % 2 == 0 else counts))[0] * 1000 for n in range(runs)]
    view.close()
    view.deleteLater()
    app.processEvents()
    return Row(
        key="heatmap",
        what="heatmap refreshed (counts in place) and drawn",
        how=(
            "update_heatmap_figure on the shown 10x4.6 in figure through ChartView.change, drawn on the chart "
            f"thread until the view has the image, as the page refreshes; {runs} runs"
        ),
        unit="ms",
        target=150.0,
        samples=samples,
        details={
            "counts_query_ms": counts_s * 1000,
            "risks_counted": sum(counts["residual"].values()),
            "first_build_and_draw_ms": spread(built),
        },  # fmt: skip
    )

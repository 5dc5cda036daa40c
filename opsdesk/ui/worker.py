"""Long work (export, import, big loads) off the GUI thread, reporting back by signal."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

GC_CHECK_MS = 500
#: how long after the last job reports the young generations are collected (the page has shown its rows by then)
SETTLE_MS = 50


class JobSignals(QObject):
    progress = Signal(int, str)
    finished = Signal(object)
    failed = Signal(object)  # the exception


class Job(QRunnable):
    """Runs `work(progress)`; `progress(percent, message)` may be called from the worker thread."""

    def __init__(self, work: Callable[[Callable[[int, str], None]], Any]) -> None:
        super().__init__()
        self.work = work
        self.signals = JobSignals()

    def run(self) -> None:
        try:
            result = self.work(self.signals.progress.emit)
        except Exception as exc:  # reported to the GUI as a message, never a crash
            exc.__traceback_text__ = traceback.format_exc()  # type: ignore[attr-defined]
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class GuiThreadGarbageCollector(QObject):
    """Keeps Python's cyclic garbage collection on the GUI thread while background jobs run.

    Automatic collection runs in whichever thread happens to allocate: in a worker it may
    free Qt objects that belong to the GUI thread, and Qt crashes. So while any job runs,
    automatic collection is off and a timer collects the young generations on the GUI
    thread. SETTLE_MS after the last job reports, the young generations are collected in a
    turn of their own and automatic collection is back on (and with it the full collections,
    which Python paces better than a timer could). What the jobs made is walked then, once
    its page has shown it: left to the automatic collection, one pass over the rows of several
    pages (50 ms at 20,000 risks) fell in the middle of the next page showing its rows.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.running = 0
        self.timer = QTimer(self, interval=GC_CHECK_MS)
        self.timer.timeout.connect(self.collect_young)
        self.settle_timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self.settle_timer.timeout.connect(self.settle)

    def job_started(self) -> None:
        self.running += 1
        if self.running == 1:
            self.settle_timer.stop()
            gc.disable()
            self.timer.start()

    def job_ended(self) -> None:
        self.running -= 1
        if self.running == 0:
            self.timer.stop()
            self.settle_timer.start()

    def settle(self) -> None:
        """Collect what the jobs made and turn automatic collection back on, unless a job runs again."""
        self.settle_timer.stop()
        if self.running == 0:
            gc.collect(1)
            gc.enable()

    @property
    def settled(self) -> bool:
        """No job runs and automatic collection is back on."""
        return self.running == 0 and not self.settle_timer.isActive()

    def collect_young(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        if counts[1] > thresholds[1]:
            gc.collect(1)
        elif counts[0] > thresholds[0]:
            gc.collect(0)


_start_up_frozen = False


def keep_start_up_out_of_collections() -> None:
    """Once, when the window first shows a page's data: what start-up made (modules, classes, the
    window) lives as long as the app, so it moves to the collector's permanent generation.

    Every full collection walked it again on the GUI thread: 120-190 ms at 20,000 risks, a
    stall the user feels; without it a full pass walks the data the pages hold. (What start-up
    left as cyclic garbage stays: a few objects, once.)
    """
    global _start_up_frozen
    if not _start_up_frozen:
        _start_up_frozen = True
        gc.freeze()


def start_up_frozen() -> bool:
    return _start_up_frozen


def gui_thread_collector() -> GuiThreadGarbageCollector:
    """The application's collector, made on first use (call it from the GUI thread)."""
    app = QCoreApplication.instance()
    collector = app.findChild(GuiThreadGarbageCollector)
    return collector if collector is not None else GuiThreadGarbageCollector(app)


def start_job(
    work: Callable[[Callable[[int, str], None]], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    on_progress: Callable[[int, str], None] | None = None,
    pool: QThreadPool | None = None,
) -> Job:
    """Queue a job on `pool` (the global pool by default); the callbacks run on the GUI thread."""
    collector = gui_thread_collector()
    job = Job(work)
    job.setAutoDelete(False)  # the caller keeps it (and its signals) alive until it reports
    # Connected first, so automatic collection is back on before the caller's callback runs.
    job.signals.finished.connect(collector.job_ended)
    job.signals.failed.connect(collector.job_ended)
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    collector.job_started()
    (pool or QThreadPool.globalInstance()).start(job)
    return job

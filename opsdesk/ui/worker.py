"""Long work (export, import, big loads) off the GUI thread, reporting back by signal."""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal

GC_CHECK_MS = 500


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


class MainThreadGarbageCollector(QObject):
    """Runs Python's cyclic garbage collection on the GUI thread only.

    Automatic collection runs in whichever thread happens to allocate: in a worker it may
    free Qt objects that belong to the GUI thread, and Qt crashes. Once jobs run, automatic
    collection is off and this timer collects with the same thresholds, on the GUI thread.
    """

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.timer = QTimer(self, interval=GC_CHECK_MS)
        self.timer.timeout.connect(self.collect)
        gc.disable()
        self.timer.start()

    def collect(self) -> None:
        counts, thresholds = gc.get_count(), gc.get_threshold()
        generation = -1
        for number in range(3):
            if counts[number] > thresholds[number]:
                generation = number
        if generation >= 0:
            gc.collect(generation)


def collect_garbage_on_gui_thread() -> None:
    """Install the GUI-thread collector once per application (call it from the GUI thread)."""
    app = QCoreApplication.instance()
    if app is not None and app.findChild(MainThreadGarbageCollector) is None:
        MainThreadGarbageCollector(app)


def start_job(
    work: Callable[[Callable[[int, str], None]], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    on_progress: Callable[[int, str], None] | None = None,
) -> Job:
    """Queue a job on the global pool; the callbacks run on the GUI thread."""
    collect_garbage_on_gui_thread()
    job = Job(work)
    job.setAutoDelete(False)  # the caller keeps it (and its signals) alive until it reports
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(job)
    return job

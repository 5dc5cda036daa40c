"""Long work (export, import, big loads) off the GUI thread, reporting back by signal."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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


def start_job(
    work: Callable[[Callable[[int, str], None]], Any],
    *,
    on_finished: Callable[[Any], None],
    on_failed: Callable[[Exception], None],
    on_progress: Callable[[int, str], None] | None = None,
) -> Job:
    """Queue a job on the global pool; the callbacks run on the GUI thread."""
    job = Job(work)
    job.setAutoDelete(False)  # the caller keeps it (and its signals) alive until it reports
    job.signals.finished.connect(on_finished)
    job.signals.failed.connect(on_failed)
    if on_progress is not None:
        job.signals.progress.connect(on_progress)
    QThreadPool.globalInstance().start(job)
    return job

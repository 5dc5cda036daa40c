"""A measured GUI process: `python child.py bare|app|memory [DB]`, offscreen; prints one JSON line.

Run by path (not with -m), so the bare window and the app pay the same interpreter start
and nothing of the benchmark package. BENCH_T0 is the parent's `time.time()` taken just
before it started this process: "shown" is the time from then to the window's first paint.

- bare: a plain PySide6 QMainWindow of the main window's size, the baseline.
- app: what `opsdesk.ui.app.run_gui` does (cache folder, logging, QApplication with the
  theme, the main window's frame shown): "shown" is its first paint; then the register opens
  on a worker and the page fills in: "settled" is when the page shows the register.
- memory: app, then the Risks and Heatmap pages shown; reports the peak RSS (ru_maxrss).
"""

from __future__ import annotations

import json
import os
import sys
import time

T0 = float(os.environ.get("BENCH_T0", time.time()))


def _wait_for_paint(app, window) -> float:
    """Process events until a widget of `window` has painted; seconds since T0 at that moment."""
    from PySide6.QtCore import QEvent, QObject

    class PaintWatch(QObject):
        painted = False

        def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not self.painted:
                widget = watched if hasattr(watched, "window") else None
                if widget is not None and widget.window() is window:
                    self.painted = True
            return False

    watch = PaintWatch()
    app.installEventFilter(watch)
    window.show()
    deadline = time.monotonic() + 60
    while not watch.painted and time.monotonic() < deadline:
        app.processEvents()
    shown = time.time() - T0
    app.removeEventFilter(watch)
    return shown


def _settle(app) -> None:
    """One pass of the event loop: timers of 0 ms queued so far (e.g. deferred chart drawing) run.

    A loop of its own: since Qt 6 the application's quit() closes every window first.
    """
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, loop.quit)
    loop.exec()


def bare() -> dict[str, float]:
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setWindowTitle("Bare")
    window.resize(1280, 760)
    shown = _wait_for_paint(app, window)
    _settle(app)
    return {"shown": shown, "settled": time.time() - T0}


def _start_window(db_path: str):
    from opsdesk.logging_setup import configure_logging
    from opsdesk.reports.charts.common import use_persistent_cache_dir

    use_persistent_cache_dir()
    configure_logging()
    from opsdesk.ui.app import application, start_window

    app = application()
    return app, start_window(db_path)


def _wait_for_register(app, start) -> None:
    """Run the event loop until the register opened on the worker is in the window."""
    from PySide6.QtCore import QEventLoop, QTimer

    if start.exit_code is None:
        loop = QEventLoop()
        start.finished.connect(loop.exit)
        QTimer.singleShot(120_000, loop.quit)
        loop.exec()
    if start.exit_code != 0:
        raise SystemExit(f"the register did not open (exit code {start.exit_code})")
    _settle(app)


def app(db_path: str) -> dict[str, float | str | None]:
    application, start = _start_window(db_path)
    shown = _wait_for_paint(application, start.window)
    _wait_for_register(application, start)
    return {"shown": shown, "settled": time.time() - T0, "page": start.window.current_key()}


def memory(db_path: str) -> dict[str, float | str | None]:
    import resource

    application, start = _start_window(db_path)
    window = start.window
    _wait_for_paint(application, window)
    _wait_for_register(application, start)
    window = start.window
    for key in ("risks", "heatmap"):
        page = window.show_page(key)
        deadline = time.monotonic() + 120
        chart = getattr(page, "chart", None)
        # It reads on the worker; the heatmap is then built and drawn on the chart thread.
        while (page.loading or (chart is not None and not chart.is_drawn())) and time.monotonic() < deadline:
            application.processEvents()
        application.processEvents()
        _settle(application)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    current_kb = None
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    current_kb = int(line.split()[1])
    except OSError:
        pass
    risks = window.pages["risks"].model.rowCount()
    return {
        "peak_mb": peak_kb / 1024,
        "current_mb": None if current_kb is None else current_kb / 1024,
        "risk_rows": risks,
        "page": window.current_key(),
    }


def main() -> None:
    mode = sys.argv[1]
    if mode == "bare":
        result = bare()
    elif mode == "app":
        result = app(sys.argv[2])
    elif mode == "memory":
        result = memory(sys.argv[2])
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    print("BENCH " + json.dumps(result), flush=True)
    # Exit at once: tearing down Qt and the database is not part of what is measured.
    os._exit(0)


if __name__ == "__main__":
    main()

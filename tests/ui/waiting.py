"""Waiting for what the pages and the window do on the worker (loads, looks for others' changes)."""

from __future__ import annotations


def wait_loaded(qtbot, page, timeout: int = 10_000) -> None:
    """Wait until a page shows fresh data (its load on the worker, if any, was shown)."""
    page.ensure_fresh()
    qtbot.waitUntil(lambda: not page.loading, timeout=timeout)


def poll(qtbot, window, timeout: int = 15_000) -> bool:
    """Look for others' changes as the window's timer does and wait for the answer: True when pages reload."""
    answers: list[bool] = []

    def answered(reloaded: bool) -> None:
        answers.append(reloaded)

    window.polled.connect(answered)
    try:
        if not window.poll_changes():
            return False
        qtbot.waitUntil(lambda: bool(answers), timeout=timeout)
        return answers[0]
    finally:
        window.polled.disconnect(answered)


def wait_chart_drawn(qtbot, view, timeout: int = 10_000) -> None:
    """Wait until a ChartView shows its figure as it is now (drawn on the chart thread, nothing pending)."""
    qtbot.waitUntil(view.is_drawn, timeout=timeout)

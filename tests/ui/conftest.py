"""Qt fixtures: the themed application, a main window on a copy of the demo database, answered message boxes."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from opsdesk.store.database import Database, open_database
from tests.registers import copy_register

SCREENSHOT_DIR = Path(
    os.environ.get("OPSDESK_SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "screenshots")
)


@pytest.fixture(scope="session", autouse=True)
def themed_application(qapp):
    """The application as start-up makes it (icon, Fusion style, palette, style sheet), once per run.

    Every UI test runs in the look users see, whatever ran before it; applying the theme again
    before each test would restyle every live widget each time. The light theme, whatever
    OPSDESK_THEME says: tests that switch themes put this one back (test_theme.restore_theme).
    """
    from opsdesk.ui import theme
    from opsdesk.ui.app import application

    app = application()
    if theme.current_theme() != "light":
        theme.apply_theme(app, "light")
    return app


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item):
    """Loads, writes and drawings a test left on the worker finish and report before its fixtures close the database.

    A job that never reported would leave automatic garbage collection off for every later test.
    """
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QCoreApplication, QThreadPool

        from opsdesk.ui.worker import GuiThreadGarbageCollector

        app = QCoreApplication.instance()
        collector = app.findChild(GuiThreadGarbageCollector) if app is not None else None
        for _round in range(10):  # a result shown may start another load
            if collector is None or not collector.running:
                break
            # The global pool and the others, such as the chart thread (ChartView).
            for pool in (QThreadPool.globalInstance(), *app.findChildren(QThreadPool)):
                pool.waitForDone(30_000)
            QCoreApplication.sendPostedEvents()
        if collector is not None and not collector.running:
            collector.settle()  # automatic collection back on now, not SETTLE_MS into the next test
    yield


@pytest.fixture
def demo_database(demo_template: Path, tmp_path: Path) -> Iterator[Database]:
    """A private copy of the demo register (tests/conftest.py builds it once per run), opened by "tester"."""
    database = open_database(copy_register(demo_template, tmp_path / "demo.db"), user="tester")
    yield database
    database.dispose()


@pytest.fixture
def make_context(qapp):
    """Build an AppContext on a database, with settings under the test's home folder."""
    from opsdesk.ui.app import create_settings
    from opsdesk.ui.context import AppContext

    contexts = []

    def make(database: Database) -> AppContext:
        context = AppContext(database, create_settings())
        contexts.append(context)
        return context

    yield make


@pytest.fixture
def demo_context(make_context, demo_database):
    return make_context(demo_database)


@pytest.fixture
def empty_context(make_context, database):
    return make_context(database)


@pytest.fixture
def main_window(qtbot, demo_context):
    from opsdesk.ui.main_window import MainWindow

    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def answer_messages(monkeypatch: pytest.MonkeyPatch):
    """Record message boxes instead of showing them; `confirm` answers True by default."""
    from opsdesk.ui import messages

    shown: list[tuple[str, str, str]] = []
    answers = {"confirm": True, "unsaved": "discard", "first_start": False, "accept_warning": False}
    monkeypatch.setattr(
        messages, "show_error", lambda parent, title, text: shown.append(("error", title, text))
    )
    monkeypatch.setattr(
        messages, "show_info", lambda parent, title, text: shown.append(("info", title, text))
    )
    monkeypatch.setattr(
        messages,
        "confirm",
        lambda parent, title, text, ok_label=None: (
            shown.append(("confirm", title, text)) or answers["confirm"]
        ),
    )
    monkeypatch.setattr(
        messages, "warn_and_offer",
        lambda parent, title, text, accept_label: shown.append(("warning", title, text)) or answers["accept_warning"],
    )  # fmt: skip
    monkeypatch.setattr(
        messages,
        "ask_unsaved_changes",
        lambda parent: shown.append(("unsaved", "", "")) or answers["unsaved"],
    )
    monkeypatch.setattr(messages, "ask_first_start", lambda parent: answers["first_start"])
    shown_answers = type("Messages", (), {"shown": shown, "answers": answers})
    return shown_answers


def save_screenshot(widget, name: str) -> Path:
    """Render a widget to screenshots/<name>.png (not committed) for a person to look at.

    Kept for tests written before tests/screenshots: new screens belong in that script
    (`python -m tests.screenshots`), so the test run does not spend its time writing PNGs.
    """
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not write {path}"
    return path


def painted_colours(widget, step: int = 4) -> int:
    """How many colours a widget shows (sampled every `step` pixels): a blank or unpainted one has one or two."""
    image = widget.grab().toImage()
    assert not image.isNull(), f"{type(widget).__name__} did not render"
    return len(
        {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}
    )


def pytest_sessionfinish(session, exitstatus) -> None:
    """No job may still run on the worker while the interpreter shuts down."""
    if "PySide6.QtCore" in sys.modules:
        from PySide6.QtCore import QThreadPool

        QThreadPool.globalInstance().waitForDone(30_000)

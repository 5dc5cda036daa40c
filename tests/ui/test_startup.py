"""Start-up paints first: the window's frame is on screen before the register is open, then the pages fill in."""

from __future__ import annotations

import random
import threading
from pathlib import Path

import pytest

from opsdesk.store.database import open_database
from opsdesk.ui.dialogs.register_password import RegisterPasswordDialog, TypedPassword

PASSWORD = "correct horse battery staple"


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch):
    """The register's open (on the worker) waits until the test lets it go."""
    from opsdesk.ui import app

    release = threading.Event()
    started = threading.Event()
    real = app.open_for_gui

    def slow_open(*args, **kwargs):
        started.set()
        assert release.wait(60), "the test never let the open finish"
        return real(*args, **kwargs)

    monkeypatch.setattr(app, "open_for_gui", slow_open)
    yield started, release
    release.set()


def _start(qtbot, path: Path, **options):
    from opsdesk.ui.app import StartUp

    start = StartUp(str(path), **options)
    qtbot.addWidget(start.window)
    start.window.resize(1366, 768)
    start.show()
    return start


def test_the_window_paints_before_the_register_is_open_then_the_pages_fill_in(
    qtbot, demo_database, held_open, answer_messages
) -> None:
    from opsdesk.ui.pages.dashboard import DashboardPage

    path = demo_database.path
    demo_database.dispose()
    started, release = held_open
    start = _start(qtbot, path)
    window = start.window
    qtbot.waitExposed(window)
    qtbot.waitUntil(started.is_set, timeout=30_000)  # the open runs on the worker, after the first paint

    # Painted, and waiting: navigation and menus there, the page frame saying what is opening.
    assert window.isVisible() and not window.context.has_database
    assert window.opening_label is not None and window.opening_label.isVisible()
    assert window.opening_label.text() == f"Opening {path}…"
    assert window.stack.currentWidget() is window.opening_label
    assert window.navigation.count() == len(window.specs)
    assert window.windowTitle() == f"OpsDesk — {path}"
    assert not window.new_action.isEnabled() and window.quit_action.isEnabled()
    assert not window.recent_menu.menuAction().isEnabled() and not window.check_action.isEnabled()
    assert window.pages == {}
    window.navigation.setCurrentRow(1)  # the user picks Risks meanwhile: shown when the register is there
    assert window.pages == {}

    with qtbot.waitSignal(start.finished, timeout=60_000) as done:
        release.set()
    assert done.args == [0]
    assert window.context.has_database and window.context.database.path == path
    assert window.opening_label is None
    assert window.current_key() == "risks" and window.stack.currentWidget() is window.pages["risks"]
    qtbot.waitUntil(lambda: window.pages["risks"].model.rowCount() > 0, timeout=30_000)
    assert window.new_action.isEnabled() and window.recent_menu.menuAction().isEnabled()
    assert "active risks" in window.counts_label.text()
    assert not isinstance(window.current_page(), DashboardPage)
    # The automatic copy follows on the worker.
    qtbot.waitUntil(
        lambda: "Automatic backup written to" in window.statusBar().currentMessage(), timeout=30_000
    )
    assert answer_messages.shown == []


def test_a_wrong_password_at_start_is_asked_again_over_the_painted_window(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_messages
) -> None:
    from opsdesk.store import credentials

    monkeypatch.setattr(credentials, "saved_password", lambda url: None)
    path = tmp_path / "vault.db"
    open_database(path, user="tester", password=PASSWORD).dispose()
    answers = iter([TypedPassword("wrong"), TypedPassword(PASSWORD)])
    asked: list[tuple[str, bool, bool]] = []

    def ask(parent, shown_path: str, reason: str) -> TypedPassword:
        # On the GUI thread, over the window that is already on screen.
        asked.append((reason, threading.current_thread() is threading.main_thread(), parent.isVisible()))
        return next(answers)

    monkeypatch.setattr(RegisterPasswordDialog, "ask", ask)
    start = _start(qtbot, path)
    with qtbot.waitSignal(start.finished, timeout=60_000) as done:
        pass
    assert done.args == [0]
    assert [(main, visible) for _, main, visible in asked] == [(True, True), (True, True)]
    assert asked[1][0].startswith(f"The password does not open {path}")
    assert start.window.context.database.encrypted
    assert start.window.current_page() is not None


def test_a_damaged_register_at_start_gets_the_recovery_dialog(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_messages
) -> None:
    from opsdesk.ui.dialogs.recovery import RecoveryDialog

    path = tmp_path / "register.db"
    path.write_bytes(b"SQLite format 3\x00" + random.Random(9).randbytes(8192))  # damaged inside
    offered: list[tuple[Path, bool, bool]] = []

    def ask(cls, parent, error, at_start=True):
        offered.append((error.path, at_start, parent.isVisible()))
        return None  # the user gives up

    monkeypatch.setattr(RecoveryDialog, "ask", classmethod(ask))
    start = _start(qtbot, path)
    with qtbot.waitSignal(start.finished, timeout=60_000) as done:
        pass
    assert done.args == [1]
    assert offered == [(path, True, True)]
    assert not start.window.isVisible()  # given up: the window closes, the app ends with 1


def test_a_newer_schema_at_start_is_said_over_the_window(qtbot, tmp_path: Path, answer_messages) -> None:
    import sqlite3

    path = tmp_path / "future.db"
    open_database(path).dispose()
    with sqlite3.connect(str(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    start = _start(qtbot, path)
    with qtbot.waitSignal(start.finished, timeout=60_000) as done:
        pass
    assert done.args == [1]
    [(kind, title, text)] = answer_messages.shown
    assert (kind, title) == ("error", "OpsDesk") and "schema version 9999" in text


def test_a_new_register_offers_the_demo_once_the_window_is_there(
    qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_messages
) -> None:
    from opsdesk.ui import messages

    offered: list[bool] = []
    monkeypatch.setattr(
        messages, "ask_first_start", lambda parent: offered.append(parent.isVisible()) or False
    )
    path = tmp_path / "new.db"
    start = _start(qtbot, path)
    with qtbot.waitSignal(start.finished, timeout=60_000) as done:
        pass
    assert done.args == [0] and path.exists()
    assert offered == [True]  # asked over the painted window, and started empty as answered
    assert start.window.context.database.path == path


def test_the_frame_is_built_again_in_the_language_the_register_asks_for(
    qtbot, demo_database, answer_messages
) -> None:
    from opsdesk.services.settings import set_language
    from opsdesk.ui.app import LANGUAGE_KEY, create_settings, start_window
    from opsdesk.ui.i18n import current_language, install_language

    path = demo_database.path
    with demo_database.session() as session:
        set_language(session=session, language="zh_CN")
    demo_database.dispose()
    create_settings().setValue(LANGUAGE_KEY, "en")  # the last register was in English
    try:
        start = start_window(str(path))
        first = start.window  # deleted once replaced: not handed to qtbot
        assert first.navigation.item(0).text() == "Dashboard"
        start.show()
        with qtbot.waitSignal(start.finished, timeout=60_000) as done:
            pass
        assert done.args == [0]
        qtbot.addWidget(start.window)
        assert start.window is not first and start.window.isVisible() and not first.isVisible()
        assert start.window.navigation.item(0).text() == "仪表板"
        assert current_language() == "zh_CN"
        assert create_settings().value(LANGUAGE_KEY) == "zh_CN"  # the next start paints in Chinese at once
    finally:
        install_language("en")


def test_the_first_frame_loads_neither_the_database_layer_nor_matplotlib_nor_alembic(tmp_path: Path) -> None:
    """What paints first stays light; the up-to-date register then opens without Alembic."""
    import subprocess
    import sys

    register = tmp_path / "register.db"
    open_database(register).dispose()
    script = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["OPSDESK_HOME"] = {str(tmp_path / "home")!r}
from PySide6.QtCore import QEventLoop
from opsdesk.ui import messages
from opsdesk.ui.app import application, start_window
messages.ask_first_start = lambda parent: False
app = application()
start = start_window({str(register)!r})
heavy = ("sqlalchemy", "sqlmodel", "alembic", "matplotlib", "openpyxl")
painted = []
start._watch.then, begin = (lambda: painted.append(sorted(m for m in heavy if m in sys.modules)) or begin()), start.begin
loop = QEventLoop()
start.finished.connect(loop.exit)
start.show()
loop.exec()
print("AT FIRST PAINT", painted)
print("OPENED", start.exit_code, start.window.context.has_database)
print("ALEMBIC", "alembic" in sys.modules)
os._exit(0)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=180,
        cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "AT FIRST PAINT [[]]" in done.stdout, done.stdout + done.stderr
    assert "OPENED 0 True" in done.stdout, done.stdout + done.stderr
    assert "ALEMBIC False" in done.stdout, done.stdout + done.stderr

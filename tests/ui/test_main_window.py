"""The main window: navigation, lazy pages, remembered state, status bar, databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from opsdesk.services import risks as risk_service
from opsdesk.ui.main_window import PAGES, MainWindow, available_pages, recent_databases

from .conftest import painted_colours


def test_every_page_of_the_navigation_ships():
    assert [spec.key for spec in available_pages()] == [spec.key for spec in PAGES]


def test_navigation_lists_the_pages_and_builds_them_on_first_show(main_window, qtbot):
    titles = [main_window.navigation.item(n).text() for n in range(main_window.navigation.count())]
    assert titles[:3] == ["Dashboard", "Risks", "Heatmap"]
    assert "settings" not in main_window.pages
    main_window.navigation.setCurrentRow([s.key for s in main_window.specs].index("settings"))
    assert "settings" in main_window.pages
    assert main_window.stack.currentWidget() is main_window.pages["settings"]


def test_window_remembers_the_last_page_the_splitter_and_geometry(qtbot, demo_context):
    first = MainWindow(demo_context)
    qtbot.addWidget(first)
    first.show()
    first.show_page("risks")
    first.splitter.setSizes([180, 1000])
    first.close()
    assert demo_context.settings.value("window/geometry") == first.saveGeometry()
    assert demo_context.settings.value("window/splitter") == first.splitter.saveState()
    second = MainWindow(demo_context)
    qtbot.addWidget(second)
    second.show()
    assert second.current_key() == "risks"


def test_status_bar_shows_database_user_and_counts(qtbot, main_window, demo_database):
    with demo_database.session() as session:
        assessed = sum(risk_service.count_by_level(session=session, kind="residual").values())
        unassessed = risk_service.count_unassessed(session=session)
        active = risk_service.count_active(session=session)
    # The demo has unassessed active risks (R-0035): the status bar counts them with the rest.
    assert unassessed > 0 and active == assessed + unassessed
    assert main_window.database_label.text() == str(demo_database.path)
    assert main_window.user_label.text() == "User: tester"
    qtbot.waitUntil(lambda: main_window.counts_label.text().startswith(f"{active} active risks"))


def test_backup_now_writes_a_copy_next_to_the_database(main_window, demo_database):
    main_window.backup_now()
    backups = list((demo_database.path.parent / "backups").glob("*.db"))
    assert len(backups) == 1
    assert "Backup written to" in main_window.statusBar().currentMessage()


def test_switching_database_remembers_it_in_recent(main_window, tmp_path, qtbot):
    target = tmp_path / "second.db"
    with qtbot.waitSignal(main_window.context.databaseChanged):
        assert main_window.switch_database(str(target))
    assert main_window.context.database.path == target
    assert recent_databases(main_window.context.settings)[0] == str(target)
    qtbot.waitUntil(lambda: main_window.counts_label.text().startswith("0 active risks"))


def test_opening_a_text_file_as_database_shows_an_error_and_keeps_the_current_one(
    main_window, tmp_path, answer_messages
):
    bogus = tmp_path / "notes.txt"
    bogus.write_text("not a database")
    before = main_window.context.database
    assert not main_window.switch_database(str(bogus))
    assert main_window.context.database is before
    assert answer_messages.shown[0][0] == "error"
    assert "not an OpsDesk database" in answer_messages.shown[0][2]
    assert bogus.read_text() == "not a database"


def test_first_start_offers_the_demo_and_loads_it(qtbot, empty_context, answer_messages):
    from opsdesk.services.settings import is_empty
    from opsdesk.ui.app import offer_demo

    window = MainWindow(empty_context)
    qtbot.addWidget(window)
    answer_messages.answers["first_start"] = True
    offer_demo(window)
    assert not empty_context.call(is_empty)
    assert len(empty_context.call(risk_service.list_risks)) == 40


def test_keyboard_reaches_every_page(main_window, qtbot):
    main_window.activateWindow()
    main_window.navigation.setFocus()
    qtbot.keyClick(main_window.navigation, Qt.Key.Key_Home)
    assert main_window.current_key() == "dashboard"
    qtbot.keyClick(main_window.navigation, Qt.Key.Key_Down)
    assert main_window.current_key() == "risks"


def test_every_page_renders_with_the_demo_data(main_window, qtbot):
    for spec in main_window.specs:
        page = main_window.show_page(spec.key)
        qtbot.waitUntil(lambda p=page: p.isVisible())
        assert painted_colours(page) > 100, spec.key  # text, tables, charts: not a blank page


def test_heavy_libraries_load_only_when_a_chart_page_is_shown(tmp_path):
    """Start-up stays light: building the window imports neither matplotlib nor openpyxl."""
    script = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["OPSDESK_HOME"] = {str(tmp_path)!r}
from opsdesk.ui.app import application, open_for_gui, build_main_window, create_settings
app = application()
create_settings().setValue("window/page", "risks")
window = build_main_window(open_for_gui({str(tmp_path / "x.db")!r}))
window.show()
app.processEvents()
print("HEAVY", sorted(m for m in ("matplotlib", "openpyxl") if m in sys.modules))
page = window.show_page("heatmap")
import time
deadline = time.monotonic() + 60
# The counts arrive from the worker, then the figure is built and drawn on the chart thread.
while (page.loading or not page.chart.is_drawn()) and time.monotonic() < deadline:
    app.processEvents()
print("AFTER HEATMAP", "matplotlib" in sys.modules)
"""
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr
    assert "AFTER HEATMAP True" in result.stdout

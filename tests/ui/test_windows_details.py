"""The small Windows details: quoted paths, the display language, Documents, shell quoting, the location band."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from opsdesk.cli.connection import shell_quote
from opsdesk.ui import i18n
from opsdesk.ui.dialogs.file_choice import typed_path

REPO = Path(__file__).resolve().parents[2]


def test_recovery_commands_are_quoted_for_the_users_shell() -> None:
    assert (
        shell_quote(r"C:\Users\ann\My Risks\opsdesk.db", windows=True)
        == r'"C:\Users\ann\My Risks\opsdesk.db"'
    )
    assert shell_quote(r"C:\Risk\opsdesk.db", windows=True) == r"C:\Risk\opsdesk.db"  # cmd.exe has no '...'
    assert shell_quote("/home/ann/My Risks/opsdesk.db", windows=False) == "'/home/ann/My Risks/opsdesk.db'"
    assert shell_quote("/home/ann/opsdesk.db", windows=False) == "/home/ann/opsdesk.db"


def test_pasted_paths_lose_explorers_copy_as_path_quotes() -> None:
    assert typed_path(' "C:\\Reports\\Q3 2026.xlsx" ') == Path("C:\\Reports\\Q3 2026.xlsx")
    assert typed_path("'/srv/q3.xlsx'") == Path("/srv/q3.xlsx")
    assert typed_path('"half.xlsx') == Path('"half.xlsx')  # not a quoted path: left for the user to see


def test_the_reports_page_exports_to_a_pasted_quoted_path(qtbot, main_window, tmp_path: Path) -> None:
    page = main_window.show_page("reports")
    target = tmp_path / "Q3 report.xlsx"
    page.path_edit.setText(f'"{target}"')
    assert page.output_path() == target


class DisplayLanguage:
    """A system locale whose display language and regional format differ, as Windows allows."""

    def __init__(self, regional: QLocale, display: list[str]) -> None:
        self.regional, self.display = regional, display

    def language(self) -> QLocale.Language:
        return self.regional.language()

    def uiLanguages(self) -> list[str]:  # noqa: N802 - Qt's name
        return self.display


def test_the_language_follows_the_display_language_not_the_regional_format() -> None:
    chinese_format = QLocale(QLocale.Language.Chinese, QLocale.Country.China)
    english_format = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)
    assert i18n.resolve_language("system", DisplayLanguage(chinese_format, ["en-US", "en"])) == "en"
    assert i18n.resolve_language("system", DisplayLanguage(english_format, ["zh-CN", "zh-Hans"])) == "zh_CN"
    assert i18n.resolve_language("system", DisplayLanguage(english_format, ["zh-Hant-TW"])) == "zh_CN"


def test_new_and_open_start_in_documents(
    qtbot, main_window, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QFileDialog

    from opsdesk.ui.dialogs import file_choice

    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(file_choice, "documents_folder", lambda: documents)
    started: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        lambda parent, title, folder, filter_: started.append(folder) or ("", ""),
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda parent, title, folder, filter_: started.append(folder) or ("", ""),
    )
    main_window.new_database()
    main_window.open_database()
    assert started == [str(documents / "register.db"), str(documents)]


def test_a_register_on_a_network_drive_or_synced_folder_shows_the_orange_band(
    qtbot, make_context, demo_database
) -> None:
    from opsdesk.ui.main_window import MainWindow

    demo_database.network_location = "mapped drive S:"
    demo_database.cloud_service = "OneDrive"
    window = MainWindow(make_context(demo_database))
    qtbot.addWidget(window)
    window.show()
    assert window.location_banner.isVisible()
    lines = window.location_banner.text().splitlines()
    assert lines[0].startswith(
        "This register is on a network drive (mapped drive S:). It is open without write-ahead"
    )
    assert lines[1].startswith("This register is in a folder that OneDrive synchronises")


def test_a_register_on_a_local_disk_has_no_band(qtbot, make_context, demo_database) -> None:
    from opsdesk.ui.main_window import MainWindow

    window = MainWindow(make_context(demo_database))
    qtbot.addWidget(window)
    window.show()
    assert not window.location_banner.isVisible()


def test_the_first_charts_font_scan_runs_off_the_gui_thread(qtbot, demo_context, monkeypatch) -> None:
    """matplotlib's first font scan (C:\\Windows\\Fonts: seconds) must not freeze the dashboard."""
    import threading

    from opsdesk.reports.charts import common
    from opsdesk.ui.pages.dashboard import DashboardPage

    # A scan an earlier test's dashboard started may still run on this worker: let it end first,
    # or it would mark the fresh start below configured and the slow scan would never be asked for.
    common.configure_matplotlib()
    release, scanned_on = threading.Event(), []
    configure = common._configure

    def slow_scan() -> None:
        scanned_on.append(threading.current_thread())
        assert release.wait(30)
        configure()

    monkeypatch.setattr(common, "_configured", threading.Event())  # as on a machine's first start
    monkeypatch.setattr(common, "_configure", slow_scan)
    page = DashboardPage(demo_context)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: len(scanned_on) == 1)
    assert scanned_on[0] is not threading.main_thread()
    qtbot.wait(200)  # the event loop keeps turning while the scan waits
    assert page.heatmap.figure is None and page.isVisible()
    release.set()
    qtbot.waitUntil(lambda: page.heatmap.figure is not None)
    assert common.charts_ready()

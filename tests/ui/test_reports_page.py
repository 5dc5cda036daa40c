"""The Reports page: quarter picker, parts, output file, export on a worker with progress, errors as messages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, QPoint, QThread, QUrl

from opsdesk.ui.dialogs.import_wizard import ImportWizard
from opsdesk.ui.pages import reports
from opsdesk.ui.pages.reports import ReportsPage, recent_quarters

TODAY = date(2026, 11, 24)  # in 2026-Q4, so the last completed quarter is 2026-Q3
EXPORT_TIMEOUT_MS = 60_000


class Hooks:
    """Stands in for the save dialog and the desktop's "open this file"."""

    def __init__(self, save_to: Path | None = None) -> None:
        self.save_to = save_to
        self.asked: list[str] = []
        self.opened: list[QUrl] = []
        self.threads: list[bool] = []

    def ask_save_path(self, parent, title: str, suggested: str, file_filter: str) -> str:
        self.asked.append(suggested)
        return str(self.save_to) if self.save_to else ""

    def open_url(self, url: QUrl) -> bool:
        self.threads.append(QThread.currentThread() == QCoreApplication.instance().thread())
        self.opened.append(url)
        return True


def make_page(qtbot, context, hooks: Hooks) -> ReportsPage:
    page = ReportsPage(context, today=TODAY)
    page.ask_save_path = hooks.ask_save_path
    page.open_url = hooks.open_url
    qtbot.addWidget(page)
    page.resize(1166, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def choose_quarter(qtbot, page: ReportsPage, text: str) -> None:
    page.quarter_combo.lineEdit().clear()
    qtbot.keyClicks(page.quarter_combo.lineEdit(), text)


def run_export(qtbot, page: ReportsPage, progress: list[int]) -> None:
    page.progress_bar.valueChanged.connect(progress.append)
    qtbot.mouseClick(page.export_button, reports.Qt.MouseButton.LeftButton)
    assert page.job is not None
    assert not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=EXPORT_TIMEOUT_MS)


def test_the_quarter_picker_lists_eight_quarters_and_defaults_to_the_last_completed(qtbot, demo_context):
    page = make_page(qtbot, demo_context, Hooks())
    items = [page.quarter_combo.itemText(n) for n in range(page.quarter_combo.count())]
    assert items == ["2026-Q4", "2026-Q3", "2026-Q2", "2026-Q1", "2025-Q4", "2025-Q3", "2025-Q2", "2025-Q1"]
    assert page.quarter_combo.currentText() == "2026-Q3"
    assert page.quarter_hint.text() == "2026-07-01 to 2026-09-30"
    assert Path(page.path_edit.text()).name == "OpsDesk 2026-Q3.xlsx"
    assert page.export_button.isEnabled()

    choose_quarter(qtbot, page, "2026-Q5")
    assert page.quarter_hint.property("role") == "error"
    assert "2026-Q3" in page.quarter_hint.text()
    assert not page.export_button.isEnabled()
    assert page.export_button.toolTip() == "Choose a quarter."

    choose_quarter(qtbot, page, "2025q2")
    assert page.quarter_text() == "2025-Q2"
    assert page.export_button.isEnabled()
    assert (
        Path(page.path_edit.text()).name == "OpsDesk 2025-Q2.xlsx"
    )  # the suggested name follows the quarter
    page.quarter_combo.setCurrentIndex(0)
    assert page.quarter_hint.text() == "2026-10-01 to 2026-12-31 (in progress)"


def test_a_name_the_user_typed_does_not_follow_the_quarter(qtbot, demo_context, tmp_path):
    page = make_page(qtbot, demo_context, Hooks())
    page.path_edit.setText(str(tmp_path / "OpsDesk board pack.xlsx"))
    choose_quarter(qtbot, page, "2026-Q2")
    assert page.path_edit.text() == str(tmp_path / "OpsDesk board pack.xlsx")


def test_the_quarters_follow_a_change_of_the_fiscal_year(qtbot, demo_context):
    from opsdesk.services.settings import set_fiscal_start_month
    from opsdesk.ui.context import SETTINGS

    page = make_page(qtbot, demo_context, Hooks())
    demo_context.call(set_fiscal_start_month, month=4)
    demo_context.dataChanged.emit(SETTINGS)
    # With an April start, 24 Nov 2026 is in 2026-Q3 (October to December).
    assert page.quarter_combo.itemText(0) == "2026-Q3"
    assert page.quarter_combo.currentText() == "2026-Q2"
    assert page.quarter_hint.text() == "2026-07-01 to 2026-09-30"


def test_quarters_follow_the_fiscal_year():
    assert [q.label for q in recent_quarters(date(2026, 5, 15), 4, count=3)] == [
        "2026-Q1",
        "2025-Q4",
        "2025-Q3",
    ]


def test_summary_and_register_are_always_included(qtbot, demo_context):
    page = make_page(qtbot, demo_context, Hooks())
    assert list(page.part_checks) == [
        "summary", "register", "methodology", "heatmap", "kris", "alerts", "actions", "objectives",
        "nonconformities", "meetings", "suggestions",
    ]  # fmt: skip
    assert page.part_checks["summary"].text() == "Summary"
    assert page.part_checks["register"].text() == "Risk register"
    assert not page.part_checks["summary"].isEnabled() and page.part_checks["summary"].isChecked()
    assert not page.part_checks["register"].isEnabled() and page.part_checks["register"].isChecked()
    assert page.part_checks["meetings"].isEnabled()


def test_export_writes_the_chosen_quarter_with_progress_and_opens_the_file(qtbot, demo_context, tmp_path):
    target = tmp_path / "board pack.xlsx"
    hooks = Hooks(save_to=tmp_path / "board pack")  # the dialog may leave the extension out
    page = make_page(qtbot, demo_context, hooks)
    choose_quarter(qtbot, page, "2026Q3")
    qtbot.mouseClick(page.choose_button, reports.Qt.MouseButton.LeftButton)
    assert page.path_edit.text() == str(target)
    page.part_checks["meetings"].setChecked(False)
    assert page.open_check.isChecked()
    progress: list[int] = []

    run_export(qtbot, page, progress)

    assert progress[-1] == 100 and page.progress_bar.value() == 100
    assert len(progress) > 3 and progress == sorted(progress)  # the bar moved along with the work
    assert target.is_file()
    workbook = load_workbook(target, read_only=True)
    assert workbook.sheetnames[:2] == ["Summary", "Risk register"]
    assert "Meetings" not in workbook.sheetnames and "Suggestions" in workbook.sheetnames
    workbook.close()
    summary = page.last_summary
    assert summary is not None and summary.quarter == "2026-Q3"
    rows = sum(summary.rows.values())
    assert page.result_label.isVisible()
    assert (
        f"Exported 2026-Q3 to {target} ({len(summary.sheets)} sheets, {rows:,} rows)."
        in page.result_label.text()
    )
    assert hooks.opened == [QUrl.fromLocalFile(str(target))]
    assert hooks.threads == [True]  # the result came back to the GUI thread
    assert page.export_button.isEnabled() and page.quarter_combo.isEnabled()

    page._open_link("folder")  # the "Open the folder" link of the result line
    assert hooks.opened[-1] == QUrl.fromLocalFile(str(tmp_path))


def test_the_file_is_not_opened_when_the_box_is_unchecked(qtbot, demo_context, tmp_path):
    hooks = Hooks()
    page = make_page(qtbot, demo_context, hooks)
    page.path_edit.setText(str(tmp_path / "quiet.xlsx"))
    page.open_check.setChecked(False)
    run_export(qtbot, page, [])
    assert (tmp_path / "quiet.xlsx").is_file()
    assert hooks.opened == []


def test_export_to_a_folder_shows_an_error_and_the_page_stays_usable(
    qtbot, demo_context, tmp_path, answer_messages
):
    folder = tmp_path / "OpsDesk 2026-Q3.xlsx"
    folder.mkdir()
    hooks = Hooks()
    page = make_page(qtbot, demo_context, hooks)
    page.path_edit.setText(str(folder))

    run_export(qtbot, page, [])

    assert [(kind, title) for kind, title, _text in answer_messages.shown] == [("error", "Export failed")]
    assert answer_messages.shown[0][2] == f"{folder} is a folder: choose a file name ending in .xlsx."
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert list(tmp_path.glob("*.tmp")) == []  # the half-written temporary file was removed
    assert hooks.opened == []
    assert page.status_label.text() == "The export did not finish; nothing was written."
    assert page.export_button.isEnabled()


def test_export_into_a_missing_folder_says_so(qtbot, demo_context, tmp_path, answer_messages):
    page = make_page(qtbot, demo_context, Hooks())
    page.path_edit.setText(str(tmp_path / "no such folder" / "report.xlsx"))
    run_export(qtbot, page, [])
    assert answer_messages.shown == [
        ("error", "Export failed", f"The folder {tmp_path / 'no such folder'} does not exist.")
    ]


def test_the_import_buttons_open_the_wizard_for_their_kind(qtbot, demo_context, monkeypatch):
    page = make_page(qtbot, demo_context, Hooks())
    opened: list[str] = []
    monkeypatch.setattr(
        ImportWizard, "ask", classmethod(lambda cls, parent, context, kind: opened.append(kind))
    )
    for kind in ("risks", "readings", "measurements"):
        qtbot.mouseClick(page.import_buttons[kind], reports.Qt.MouseButton.LeftButton)
    assert opened == ["risks", "readings", "measurements"]


def test_a_copy_of_the_import_template_is_saved_where_the_user_chooses(qtbot, demo_context, tmp_path):
    hooks = Hooks(save_to=tmp_path / "my template")
    page = make_page(qtbot, demo_context, hooks)
    qtbot.mouseClick(page.template_button, reports.Qt.MouseButton.LeftButton)
    copy = tmp_path / "my template.xlsx"
    assert copy.is_file()
    assert Path(hooks.asked[0]).name == "OpsDesk import template.xlsx"
    assert page.template_status.text() == f"Template saved to {copy}."
    workbook = load_workbook(copy, read_only=True)
    assert "Risks" in workbook.sheetnames
    workbook.close()


@pytest.mark.parametrize("checked", [True, False])
def test_the_open_when_done_choice_is_remembered(qtbot, demo_context, checked):
    page = make_page(qtbot, demo_context, Hooks())
    page.open_check.setChecked(checked)
    page.part_checks["alerts"].setChecked(False)
    page.save_state(demo_context.settings)
    again = make_page(qtbot, demo_context, Hooks())
    again.restore_state(demo_context.settings)
    assert again.open_check.isChecked() is checked
    assert not again.part_checks["alerts"].isChecked() and again.part_checks["actions"].isChecked()


def test_the_file_menu_opens_the_import_wizard_and_the_export(qtbot, main_window, monkeypatch):
    opened: list[str] = []
    monkeypatch.setattr(
        ImportWizard,
        "ask",
        classmethod(lambda cls, parent, context, kind="risks": opened.append(kind)),
    )
    file_menu = main_window.menuBar().actions()[0].menu()
    actions = {action.text(): action for action in file_menu.actions()}
    texts = [action.text() for action in file_menu.actions()]
    assert texts.index("&Import from Excel…") == texts.index("Open &recent") + 2  # after a separator
    actions["&Import from Excel…"].trigger()
    assert opened == ["risks"]
    actions["&Export quarter to Excel…"].trigger()
    assert main_window.current_key() == "reports"
    assert isinstance(main_window.current_page(), ReportsPage)


def test_protect_with_a_password_needs_it_twice_and_writes_an_encrypted_workbook(
    qtbot, demo_context, tmp_path
):
    import io
    import zipfile

    from opsdesk.reports.workbook_password import decrypt_workbook

    target = tmp_path / "locked.xlsx"
    page = make_page(qtbot, demo_context, Hooks())
    page.path_edit.setText(str(target))
    page.open_check.setChecked(False)
    assert not page.password_edit.isVisible()
    # On the box itself: a check box spans the form's width, but only its box and text take clicks.
    indicator = QPoint(6, page.protect_check.height() // 2)
    qtbot.mouseClick(page.protect_check, reports.Qt.MouseButton.LeftButton, pos=indicator)
    assert page.password_edit.isVisible() and page.password_confirm_edit.isVisible()
    assert not page.export_button.isEnabled()
    assert page.export_blocker() == "Give a password to protect the workbook with."
    qtbot.keyClicks(page.password_edit, "board-2026")
    qtbot.keyClicks(page.password_confirm_edit, "board-2025")
    assert page.export_blocker() == "The two passwords differ; type the same password twice."
    assert not page.export_button.isEnabled()
    page.password_confirm_edit.clear()
    qtbot.keyClicks(page.password_confirm_edit, "board-2026")
    assert page.export_button.isEnabled()

    run_export(qtbot, page, [])

    with pytest.raises(zipfile.BadZipFile):
        load_workbook(target, read_only=True)
    workbook = load_workbook(io.BytesIO(decrypt_workbook(target.read_bytes(), "board-2026")), read_only=True)
    assert workbook.sheetnames[:2] == ["Summary", "Risk register"]
    assert page.last_summary is not None and page.last_summary.path == target

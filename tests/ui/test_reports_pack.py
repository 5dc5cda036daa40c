"""The Reports page's "Management pack (PDF)" button: save dialog, worker, password, result line."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import QPoint

from opsdesk.ui.pages import reports
from tests.ui.test_reports_page import EXPORT_TIMEOUT_MS, Hooks, make_page


def test_the_pack_button_asks_where_and_writes_the_encrypted_pack_on_the_worker(
    qtbot, demo_context, tmp_path
):
    target = tmp_path / "board pack"  # typed without its suffix: .pdf is added
    hooks = Hooks(save_to=target)
    page = make_page(qtbot, demo_context, hooks)
    page.path_edit.setText(str(tmp_path / "OpsDesk 2026-Q3.xlsx"))
    page.open_check.setChecked(True)
    qtbot.mouseClick(
        page.protect_check, reports.Qt.MouseButton.LeftButton, pos=QPoint(6, page.protect_check.height() // 2)
    )
    assert not page.pack_button.isEnabled()  # a password is needed first, as for the workbook
    qtbot.keyClicks(page.password_edit, "board-2026")
    qtbot.keyClicks(page.password_confirm_edit, "board-2026")
    assert page.pack_button.isEnabled()

    progress: list[int] = []
    page.progress_bar.valueChanged.connect(progress.append)
    qtbot.mouseClick(page.pack_button, reports.Qt.MouseButton.LeftButton)
    assert page.job is not None
    assert not page.pack_button.isEnabled() and not page.export_button.isEnabled()
    qtbot.waitUntil(lambda: page.job is None, timeout=EXPORT_TIMEOUT_MS * 3)

    written = tmp_path / "board pack.pdf"
    assert hooks.asked == [str(tmp_path / "OpsDesk 2026-Q3 management pack.pdf")]
    assert page.last_summary is not None and page.last_summary.path == written
    assert progress[-1] == 100
    assert page.result_label.isVisible()
    assert (
        "Wrote the management pack for 2026-Q3" in page.result_label.text()
        and "(8 pages)" in page.result_label.text()
    )
    assert [url.toLocalFile() for url in hooks.opened] == [str(written)]
    assert PdfReader(written).is_encrypted
    assert (
        "Quarterly management pack 2026-Q3"
        in PdfReader(written, password="board-2026").pages[0].extract_text()
    )
    assert page.pack_button.isEnabled() and page.export_button.isEnabled()


def test_a_cancelled_save_dialog_starts_nothing(qtbot, demo_context, tmp_path: Path):
    page = make_page(qtbot, demo_context, Hooks(save_to=None))
    qtbot.mouseClick(page.pack_button, reports.Qt.MouseButton.LeftButton)
    assert page.job is None
    assert not page.progress_bar.isVisible()
    assert list(tmp_path.glob("*.pdf")) == []

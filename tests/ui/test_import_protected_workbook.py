"""The import wizard asks the password of a protected workbook, again after a wrong one; cancel reads nothing.

On a fresh register (not the demo): the import needs no option, its risks go to Unassigned where needed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from opsdesk.reports.workbook_password import encrypt_workbook
from opsdesk.ui.dialogs.import_wizard import ImportWizard
from opsdesk.ui.dialogs.workbook_password import WorkbookPasswordDialog
from tests.ui.test_import_wizard import (
    IMPORT,
    NEXT,
    TITLE_ROW,
    button,
    click,
    counts,
    make_wizard,
    to_columns,
    to_preview,
    wait_idle,
)

PASSWORD = "Register-2026 secret"


def _protected(tmp_path: Path) -> Path:
    folder = tmp_path / "workbooks"
    folder.mkdir()
    path = folder / "protected.xlsx"
    path.write_bytes(encrypt_workbook(TITLE_ROW.read_bytes(), PASSWORD))
    return path


def test_the_wizard_asks_the_password_again_after_a_wrong_one_and_imports(
    qtbot, empty_context, database, tmp_path, monkeypatch
):
    path = _protected(tmp_path)
    risks_before = counts(database)[0]
    answers = iter(["a guess", PASSWORD])
    asked: list[tuple[str, bool]] = []

    def ask(parent, name, *, wrong=False):
        asked.append((name, wrong))
        return next(answers)

    monkeypatch.setattr(WorkbookPasswordDialog, "ask", ask)
    wizard = make_wizard(qtbot, empty_context, path)
    to_columns(qtbot, wizard)
    assert asked == [("protected.xlsx", False), ("protected.xlsx", True)]  # the second time it says why
    columns = wizard.columns_page
    assert columns.sheet_combo.currentText() == "Risk Register" and columns.header_spin.value() == 2
    assert columns.lines_model.index(1, 0).data() == "Risk ID"  # the sheet's top, read with the password too
    to_preview(qtbot, wizard)
    click(qtbot, button(wizard, IMPORT))
    wait_idle(qtbot, wizard)
    assert counts(database)[0] == risks_before + 25
    assert sorted(item.name for item in path.parent.iterdir()) == ["protected.xlsx"]  # no decrypted copy


def test_cancelling_the_password_stays_on_the_first_step_and_reads_nothing(
    qtbot, empty_context, database, tmp_path, monkeypatch
):
    path = _protected(tmp_path)
    before = counts(database)
    monkeypatch.setattr(WorkbookPasswordDialog, "ask", lambda parent, name, *, wrong=False: None)
    wizard = make_wizard(qtbot, empty_context, path)
    click(qtbot, button(wizard, NEXT))
    wait_idle(qtbot, wizard)
    assert wizard.step() == ImportWizard.FILE and wizard.read is None
    assert wizard.file_page.file_error.isVisible()
    assert (
        wizard.file_page.file_error.text()
        == "protected.xlsx is protected by a password: give its password to import it."
    )
    assert counts(database) == before


def test_the_password_dialog_hides_the_password_and_says_when_it_was_wrong(qtbot):
    dialog = WorkbookPasswordDialog("protected.xlsx", wrong=True)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    assert dialog.wrong_label.isVisible()
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()  # an empty password is not an answer
    qtbot.keyClicks(dialog.password_edit, PASSWORD)
    with qtbot.waitSignal(dialog.accepted):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.password_edit.text() == PASSWORD
    fresh = WorkbookPasswordDialog("protected.xlsx")
    qtbot.addWidget(fresh)
    fresh.show()
    assert not fresh.wrong_label.isVisible()

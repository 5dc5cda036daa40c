"""The password of a protected workbook being imported: asked once, again after a wrong one."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLineEdit, QVBoxLayout, QWidget

from opsdesk.ui.widgets.text import text_label


class WorkbookPasswordDialog(QDialog):
    """Asks the password that opens a workbook protected with Excel's "Encrypt with Password"."""

    def __init__(self, name: str, *, wrong: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Protected workbook"))
        self.setMinimumWidth(420)
        lead = text_label(
            self.tr("{name} is protected by a password. Type the password that opens it:").format(name=name),
            plain=True,
        )
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.wrong_label = text_label(
            self.tr("That password does not open the workbook. Type it again."), "error"
        )
        self.wrong_label.setObjectName("wrong")
        self.wrong_label.setVisible(wrong)
        note = text_label(
            self.tr("The workbook is decrypted in memory only; no unprotected copy is written."), "muted"
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._accept_if_typed)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.wrong_label)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    def _accept_if_typed(self) -> None:
        if self.password_edit.text():
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, name: str, *, wrong: bool = False) -> str | None:
        """The typed password, or None when the user cancelled (nothing is read then)."""
        dialog = cls(name, wrong=wrong, parent=parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password_edit.text()

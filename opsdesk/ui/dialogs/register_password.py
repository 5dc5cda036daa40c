"""The encrypted register's passwords: asked when it opens, chosen when it is created or encrypted."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.ui.widgets.text import text_label


@dataclass(frozen=True)
class TypedPassword:
    """What the user typed, and whether to keep it in the system keyring."""

    password: str
    remember: bool = False
    keep_plain: bool = False


def _password_edit(name: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class RegisterPasswordDialog(QDialog):
    """The password of an encrypted register file, asked when it opens (again after a wrong one)."""

    def __init__(self, path: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypted register"))
        self.setMinimumWidth(440)
        lead = text_label(self.tr("Password of the encrypted register {path}:").format(path=path), plain=True)
        self.reason_label = text_label(reason, "muted", plain=True)
        self.reason_label.setObjectName("reason")
        self.password_edit = _password_edit("password")
        self.remember_check = QCheckBox(self.tr("Remember in the system keyring"))
        self.remember_check.setObjectName("remember")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Open"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    def typed(self) -> TypedPassword:
        return TypedPassword(self.password_edit.text(), self.remember_check.isChecked())

    @classmethod
    def ask(cls, parent: QWidget | None, path: str, reason: str) -> TypedPassword | None:
        """The typed password, or None when the user cancelled (the register is then not opened)."""
        dialog = cls(path, reason, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.typed()


class NewPasswordDialog(QDialog):
    """A password chosen for a new encrypted register, or to encrypt the open one: typed twice."""

    def __init__(self, path: str, parent: QWidget | None = None, *, encrypting: bool = False) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Encrypt register") if encrypting else self.tr("New encrypted register"))
        self.setMinimumWidth(480)
        if encrypting:
            lead = self.tr(
                "Encrypt {path} and its backups with a password. Anyone with a copy of the file then needs "
                "the password to read it."
            ).format(path=path)
        else:
            lead = self.tr("Password of the new register {path}:").format(path=path)
        warning = self.tr(
            "A lost password cannot be recovered, by OpsDesk or anyone else: keep it where your team keeps "
            "its passwords."
        )
        self.password_edit = _password_edit("password")
        self.again_edit = _password_edit("again")
        self.remember_check = QCheckBox(self.tr("Remember in the system keyring"))
        self.remember_check.setObjectName("remember")
        self.keep_plain_check = QCheckBox(
            self.tr("Keep the unencrypted file beside it (and its backups unencrypted)")
        )
        self.keep_plain_check.setObjectName("keep_plain")
        self.keep_plain_check.setVisible(encrypting)
        self.error_label = text_label("", "error", plain=True)
        self.error_label.setObjectName("error")
        self.error_label.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("&Encrypt") if encrypting else self.tr("&Create"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.tr("Password:"), self.password_edit)
        form.addRow(self.tr("Again:"), self.again_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(text_label(lead, plain=True))
        layout.addLayout(form)
        layout.addWidget(self.remember_check)
        layout.addWidget(self.keep_plain_check)
        layout.addWidget(text_label(warning, "muted", plain=True))
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    def _check(self) -> None:
        from opsdesk.domain.catalogue import message

        if not self.password_edit.text():
            problem = message("register.password_empty")
        elif self.password_edit.text() != self.again_edit.text():
            problem = message("register.passwords_differ")
        else:
            self.accept()
            return
        self.error_label.setText(problem)
        self.error_label.show()

    def typed(self) -> TypedPassword:
        return TypedPassword(
            self.password_edit.text(), self.remember_check.isChecked(), self.keep_plain_check.isChecked()
        )

    @classmethod
    def ask(cls, parent: QWidget | None, path: str, *, encrypting: bool = False) -> TypedPassword | None:
        dialog = cls(path, parent, encrypting=encrypting)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.typed()

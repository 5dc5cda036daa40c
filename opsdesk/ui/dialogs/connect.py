"""Signing in to a register on a PostgreSQL server: the connect dialog and the password prompt."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.engine import URL, make_url

from opsdesk.ui.widgets.text import text_label

DEFAULT_HOST = "localhost"
DEFAULT_PORT = 5432
DRIVER = "postgresql+psycopg"
#: libpq's own default: encrypted when the server offers it, else not
DEFAULT_SSLMODE = "prefer"
SSLMODES = ("prefer", "require", "verify-full", "disable")


def server_url(*, host: str, port: int, database: str, user: str, sslmode: str = DEFAULT_SSLMODE) -> str:
    """The register's URL, quoted, without a password: safe to show and to remember.

    `sslmode` other than libpq's default goes into the URL (?sslmode=require), so the
    remembered register asks for the same encryption next time.
    """
    query = {} if sslmode == DEFAULT_SSLMODE else {"sslmode": sslmode}
    url = URL.create(DRIVER, username=user or None, host=host or None, port=port, database=database or None,
                     query=query)  # fmt: skip
    return url.render_as_string(hide_password=False)


@dataclass(frozen=True)
class ServerLogin:
    """What the connect dialog asks for; the password travels apart from the URL."""

    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    database: str = ""
    user: str = ""
    password: str = ""
    remember: bool = False
    sslmode: str = DEFAULT_SSLMODE

    @property
    def url(self) -> str:
        return server_url(
            host=self.host, port=self.port, database=self.database, user=self.user, sslmode=self.sslmode
        )

    @classmethod
    def from_url(cls, url: str) -> ServerLogin:
        """The fields of a (password-free) server URL, to fill the dialog in again."""
        parsed = make_url(url)
        sslmode = parsed.query.get("sslmode", DEFAULT_SSLMODE)
        return cls(
            host=parsed.host or DEFAULT_HOST,
            port=parsed.port or DEFAULT_PORT,
            database=parsed.database or "",
            user=parsed.username or "",
            sslmode=sslmode if isinstance(sslmode, str) else DEFAULT_SSLMODE,
        )


#: tries to open the register; returns why it failed ("" or None when it opened)
ConnectAttempt = Callable[[ServerLogin], "str | None"]


# Plain text: URLs and the server's messages may hold "<".
_paragraph = partial(text_label, plain=True)


class ConnectDialog(QDialog):
    """Host, port, database, user and password; stays open, fields kept, until the register opens."""

    def __init__(
        self,
        attempt: ConnectAttempt,
        initial: ServerLogin | None = None,
        parent: QWidget | None = None,
        *,
        connected_encryption: str | None = None,
    ) -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.login: ServerLogin | None = None
        initial = initial or ServerLogin()
        self.setWindowTitle(self.tr("Connect to server"))
        self.setMinimumWidth(460)

        intro = _paragraph(
            self.tr("Open a register kept on a PostgreSQL server, shared by your team."), "muted"
        )
        self.host_edit = QLineEdit(initial.host)
        self.host_edit.setObjectName("host")
        self.port_spin = QSpinBox()
        self.port_spin.setObjectName("port")
        self.port_spin.setRange(1, 65535)
        self.port_spin.setValue(initial.port)
        self.port_spin.setGroupSeparatorShown(False)
        self.database_edit = QLineEdit(initial.database)
        self.database_edit.setObjectName("database")
        self.database_edit.setPlaceholderText(self.tr("for example opsdesk"))
        self.user_edit = QLineEdit(initial.user)
        self.user_edit.setObjectName("user")
        self.password_edit = QLineEdit(initial.password)
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.password_edit.setPlaceholderText(self.tr("empty: the saved one, if any"))
        self.remember_check = QCheckBox(self.tr("Remember the password in the system keyring"))
        self.remember_check.setChecked(initial.remember)
        self.encryption_combo = QComboBox()
        self.encryption_combo.setObjectName("encryption")
        for mode, text in (
            ("prefer", self.tr("When the server offers it")),
            ("require", self.tr("Always (the server is not verified)")),
            ("verify-full", self.tr("Always, and verify the server's certificate")),
            ("disable", self.tr("Never")),
        ):
            self.encryption_combo.addItem(text, mode)
        known = self.encryption_combo.findData(initial.sslmode)
        if known < 0:  # another libpq mode from a typed URL (allow, verify-ca): kept as it is
            self.encryption_combo.addItem(initial.sslmode, initial.sslmode)
            known = self.encryption_combo.count() - 1
        self.encryption_combo.setCurrentIndex(known)
        self.encryption_hint = _paragraph("", "muted")
        self.encryption_hint.setObjectName("encryption_hint")
        self.connected_label = _paragraph(self._connected_text(connected_encryption), "muted")
        self.connected_label.setObjectName("connected")
        self.connected_label.setVisible(connected_encryption is not None)
        self.url_label = _paragraph("", "muted")
        self.url_label.setObjectName("url")
        self.url_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label = _paragraph("", "error")
        self.error_label.setObjectName("error")
        self.error_label.hide()

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Host:"), self.host_edit)
        form.addRow(self.tr("&Port:"), self.port_spin)
        form.addRow(self.tr("&Database:"), self.database_edit)
        form.addRow(self.tr("&User name:"), self.user_edit)
        form.addRow(self.tr("Pass&word:"), self.password_edit)
        form.addRow("", self.remember_check)
        form.addRow(self.tr("&Encryption:"), self.encryption_combo)
        form.addRow("", self.encryption_hint)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.connect_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.connect_button.setText(self.tr("&Connect"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.try_connect)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addSpacing(4)
        layout.addLayout(form)
        layout.addWidget(self.url_label)
        layout.addWidget(self.connected_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        for edit in (self.host_edit, self.database_edit, self.user_edit):
            edit.textChanged.connect(self._update)
        self.port_spin.valueChanged.connect(self._update)
        self.encryption_combo.currentIndexChanged.connect(self._update)
        self._update()
        first_empty = next(
            (e for e in (self.database_edit, self.user_edit) if not e.text()), self.password_edit
        )
        first_empty.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        attempt: ConnectAttempt,
        initial: ServerLogin | None = None,
        *,
        connected_encryption: str | None = None,
    ) -> ServerLogin | None:
        """The login that opened the register, or None when the user cancelled.

        `connected_encryption` is the TLS version of the server register open now ("" when
        its connection is not encrypted): the dialog says so.
        """
        dialog = cls(attempt, initial, parent, connected_encryption=connected_encryption)
        dialog.exec()
        return dialog.login

    def current(self) -> ServerLogin:
        return ServerLogin(
            host=self.host_edit.text().strip() or DEFAULT_HOST,
            port=self.port_spin.value(),
            database=self.database_edit.text().strip(),
            user=self.user_edit.text().strip(),
            password=self.password_edit.text(),
            remember=self.remember_check.isChecked(),
            sslmode=self.encryption_combo.currentData(),
        )

    def _connected_text(self, encryption: str | None) -> str:
        if encryption is None:
            return ""
        if encryption:
            return self.tr("The register open now is connected encrypted ({tls}).").format(tls=encryption)
        return self.tr("The register open now is connected without encryption: others on the network "
                       "between you and the server could read what it sends.")  # fmt: skip

    def _encryption_hint(self, mode: str) -> str:
        return {
            "prefer": self.tr("Encrypted if the server offers it, else not: the window then says so."),
            "require": self.tr("Encrypted, or not connected at all."),
            "verify-full": self.tr(
                "Encrypted, and only to the server its certificate names (the certificate "
                "authority must be installed on this computer)."
            ),  # fmt: skip
            "disable": self.tr("Not encrypted: use this only on a network you trust."),
        }.get(mode, "")

    def _update(self) -> None:
        login = self.current()
        self.encryption_hint.setText(self._encryption_hint(login.sslmode))
        complete = bool(login.database and login.user)
        self.connect_button.setEnabled(complete)
        self.url_label.setText(self.tr("Register: {url}").format(url=login.url) if complete else
                               self.tr("Give the database and your user name."))  # fmt: skip

    def show_problem(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.show()

    def try_connect(self) -> None:
        """Open the register; on a refusal say why and keep everything typed for another try."""
        login = self.current()
        if not (login.database and login.user):
            return
        self.error_label.hide()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            problem = self._attempt(login)
        finally:
            QApplication.restoreOverrideCursor()
        if problem:
            self.show_problem(problem)
            self.password_edit.setFocus()
            self.password_edit.selectAll()
            return
        self.login = login
        self.accept()


class PasswordDialog(QDialog):
    """The password of a server register that neither its URL nor the keyring had."""

    def __init__(self, url: str, reason: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        parsed = make_url(url)
        self.setWindowTitle(self.tr("Password"))
        self.setMinimumWidth(420)
        where = f"{parsed.host or DEFAULT_HOST}:{parsed.port or DEFAULT_PORT}/{parsed.database or ''}"
        lead = _paragraph(
            self.tr("Password of {user} for the register {where}:").format(
                user=parsed.username or "", where=where
            )
        )
        self.reason_label = _paragraph(reason, "muted")
        self.reason_label.setObjectName("reason")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("password")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Connect"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(lead)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.reason_label)
        layout.addWidget(self.buttons)
        self.password_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, url: str, reason: str) -> str | None:
        """The typed password, or None when the user cancelled (the register is then not opened)."""
        dialog = cls(url, reason, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.password_edit.text()

"""Every message box goes through here, so tests can answer them without a person."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from opsdesk.domain.errors import ConflictError, OpsDeskError, PermissionDeniedError, ValidationError

translate = QCoreApplication.translate


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.critical(parent, title, text)


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def show_problem(parent: QWidget | None, error: OpsDeskError, title: str | None = None) -> None:
    """Explain a refused operation: validation messages one per line, conflicts plainly."""
    if isinstance(error, ValidationError):
        lines = [message for message in error.errors.values()]
        show_error(parent, title or translate("Messages", "Cannot save"), "\n".join(lines))
    elif isinstance(error, ConflictError):
        show_error(parent, title or translate("Messages", "Changed by someone else"), str(error))
    elif isinstance(error, PermissionDeniedError):
        show_error(parent, title or translate("Messages", "Not allowed"), str(error))
    else:
        show_error(parent, title or translate("Messages", "OpsDesk"), str(error))


def confirm(parent: QWidget | None, title: str, text: str, ok_label: str | None = None) -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    ok = box.addButton(ok_label or translate("Messages", "OK"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(ok)
    box.exec()
    return box.clickedButton() is ok


def warn_and_offer(parent: QWidget | None, title: str, text: str, accept_label: str) -> bool:
    """A warning whose safe answer (keep warning) is the default; True when the user accepts."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    accept = box.addButton(accept_label, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(translate("Messages", "Keep the warning"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is accept


def ask_unsaved_changes(parent: QWidget | None) -> str:
    """'save', 'discard' or 'cancel' for an editor closed with unsaved changes."""
    answer = QMessageBox.question(
        parent,
        translate("Messages", "Unsaved changes"),
        translate("Messages", "You have unsaved changes. Save them before closing?"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    if answer == QMessageBox.StandardButton.Discard:
        return "discard"
    return "cancel"


def ask_first_start(parent: QWidget | None) -> bool:
    """True to load the demo company into a new, empty register."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        translate("Messages", "Welcome to OpsDesk"),
        translate(
            "Messages",
            "This register is empty. Load the demo company to explore OpsDesk, or start with an empty register?",
        ),
        parent=parent,
    )
    demo = box.addButton(translate("Messages", "Load demo data"), QMessageBox.ButtonRole.AcceptRole)
    box.addButton(translate("Messages", "Start empty"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(demo)
    box.exec()
    return box.clickedButton() is demo

"""Choosing a file to write: the save dialog, the Documents folder, a typed path, the import template.

The Reports page and the main window use these when they are built; the import wizard (and
its workbook reading) is imported only when it is opened.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths
from PySide6.QtWidgets import QFileDialog, QWidget

from opsdesk.ui import messages

translate = QCoreApplication.translate


def ask_save_path(parent: QWidget | None, title: str, suggested: str, file_filter: str) -> str:
    """The file the user chose to write ("" when cancelled); tests replace it."""
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return path


def documents_folder() -> Path:
    """The user's Documents folder, or the home folder when there is none."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def typed_path(text: str) -> Path:
    """A path typed or pasted into a field: Explorer's "Copy as path" quotes and spaces around it removed."""
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()
    return Path(text).expanduser()


def with_xlsx_suffix(path: Path) -> Path:
    """The path with .xlsx added when the save dialog left the extension out."""
    return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")


def save_import_template(
    parent: QWidget | None, ask: Callable[[QWidget | None, str, str, str], str] = ask_save_path
) -> Path | None:
    """Write the blank import template where the user chooses; None when cancelled or refused.

    It is written from the field tables each time, so a new field is in it at once."""
    chosen = ask(
        parent, translate("ImportWizard", "Save the import template"),
        str(documents_folder() / translate("ImportWizard", "OpsDesk import template.xlsx")),
        translate("ImportWizard", "Excel workbook (*.xlsx)"),
    )  # fmt: skip
    if not chosen:
        return None
    target = with_xlsx_suffix(Path(chosen))
    from opsdesk.reports.excel_template import write_import_template

    try:
        write_import_template(target)
    except OSError as exc:
        messages.show_error(
            parent, translate("ImportWizard", "Import template"),
            translate("ImportWizard", "Could not write {path}: {reason}.").format(path=target, reason=exc.strerror or exc),
        )  # fmt: skip
        return None
    return target

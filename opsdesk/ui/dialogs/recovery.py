"""Restoring a register: the list of its backups (File menu) and the recovery of a damaged file."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.services.backups import BackupInfo, backup_folder, list_backups, newest_good_backup
from opsdesk.store.database import DamagedDatabaseError
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.table import RecordTableView
from opsdesk.ui.widgets.text import text_label

translate = QCoreApplication.translate


def reason_label(reason: str) -> str:
    """Why a backup was taken, in words."""
    return {
        "auto": translate("Recovery", "automatic, on opening"),
        "backup": translate("Recovery", "on request"),
        "before-upgrade": translate("Recovery", "before an upgrade"),
        "before-restore": translate("Recovery", "before a restore"),
    }.get(reason, reason)


def size_label(size: int) -> str:
    return translate("Recovery", "{size} KB").format(size=max(1, round(size / 1024)))


def needs_recovery(error: DamagedDatabaseError) -> bool:
    """A damaged register, or any unreadable file that has a good backup: worth the recovery dialog."""
    return not error.not_sqlite or newest_good_backup(error.path, error.key) is not None


def _pick_backup_file(parent: QWidget, folder: Path) -> str:
    path, _ = QFileDialog.getOpenFileName(
        parent,
        translate("Recovery", "Choose a backup to restore"),
        str(folder),
        translate("Recovery", "OpsDesk database (*.db);;All files (*)"),
    )
    return path


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "pageTitle")
    return label


# Selectable, so a path or a problem can be copied into a support request.
_paragraph = partial(text_label, selectable=True)


class RestoreDialog(QDialog):
    """File > Restore from backup…: the backups of this register, newest first, or another file."""

    def __init__(self, database_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.database_path = database_path
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from backup"))
        self.resize(760, 420)

        self.model: RecordTableModel[BackupInfo] = RecordTableModel([
            Column("taken_at", self.tr("Taken"), lambda b: b.taken_at.strftime("%Y-%m-%d %H:%M:%S"),
                   sort_key=lambda b: b.taken_at),
            Column("reason", self.tr("Why"), lambda b: reason_label(b.reason)),
            Column("size", self.tr("Size"), lambda b: size_label(b.size), sort_key=lambda b: b.size,
                   align_right=True),
            Column("file", self.tr("File"), lambda b: b.path.name, tooltip=lambda b: str(b.path)),
        ])  # fmt: skip
        self.model.set_rows(list_backups(database_path))
        self.table = RecordTableView(self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)  # one backup is restored
        self.table.opened.connect(lambda _row: self.restore_selected())
        if self.model.rowCount():
            self.table.selectRow(0)

        self.empty_label = _paragraph(
            self.tr(
                "There are no backups of this register in {folder} yet. Choose a file to restore instead."
            ).format(folder=backup_folder(database_path)),
            "muted",
        )
        self.empty_label.setVisible(self.model.rowCount() == 0)

        self.choose_button = QPushButton(self.tr("Choose file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.restore_button = QPushButton(self.tr("Restore"))
        self.restore_button.setDefault(True)
        self.restore_button.clicked.connect(self.restore_selected)
        self.restore_button.setEnabled(self.model.rowCount() > 0)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)

        buttons = QHBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(_title(self.tr("Restore from backup")))
        layout.addWidget(_paragraph(
            self.tr("The register {path} is replaced by the backup you choose, after a check that it is a "
                    "healthy OpsDesk database. The current register is backed up first, so a restore "
                    "can itself be undone.").format(path=database_path),
        ))  # fmt: skip
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addLayout(buttons)
        self.table.fit_columns()

    def restore_selected(self) -> None:
        selected = self.table.selected_rows()
        if selected:
            self.chosen = selected[0].path
            self.accept()

    def choose_file(self) -> None:
        path = _pick_backup_file(self, backup_folder(self.database_path))
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(cls, parent: QWidget | None, database_path: Path) -> Path | None:
        """The backup file to restore, or None when cancelled."""
        dialog = cls(database_path, parent)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None


class RecoveryDialog(QDialog):
    """A register that cannot be opened: what is wrong, the newest good backup, another file, or quit."""

    def __init__(
        self,
        error: DamagedDatabaseError,
        newest: BackupInfo | None,
        parent: QWidget | None = None,
        *,
        at_start: bool = True,
    ) -> None:
        super().__init__(parent)
        self.error = error
        self.newest = newest
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Recover the register"))
        self.setMinimumWidth(620)

        path = error.path
        if error.not_sqlite:
            problem = self.tr(
                "{path} is not a SQLite database: its first bytes are not those of a database "
                "file. It may have been overwritten by another program."
            ).format(path=path)
        else:
            detail = "; ".join(error.problems[:2])
            if len(error.problems) > 2:
                detail += self.tr(" (and {count} more problems)").format(count=len(error.problems) - 2)
            problem = self.tr("{path} is damaged. SQLite's check reports: {detail}").format(
                path=path, detail=detail
            )
        self.problem_label = _paragraph(problem, "error")
        safety = _paragraph(self.tr(
            "OpsDesk has not changed it. If you restore a backup, the damaged file is kept beside it as "
            "{name}.broken-<date and time>, never overwritten or deleted, so it can still be examined."
        ).format(name=path.name), "muted")  # fmt: skip
        if newest is not None:
            offer = self.tr(
                "The newest good backup was taken on {when} ({why}). Restoring it brings the register "
                "back as it was then; changes made after that are not in it."
            ).format(when=newest.taken_at.strftime("%Y-%m-%d %H:%M"), why=reason_label(newest.reason))
        else:
            offer = self.tr(
                "No good backup of this register was found in {folder}. You can restore from another "
                "file, such as a copy on another disk."
            ).format(folder=backup_folder(path))
        self.offer_label = _paragraph(offer)

        self.restore_button = QPushButton(self.tr("Restore the newest good backup"))
        self.restore_button.setEnabled(newest is not None)
        self.restore_button.clicked.connect(self.restore_newest)
        self.choose_button = QPushButton(self.tr("Restore from another file…"))
        self.choose_button.clicked.connect(self.choose_file)
        self.quit_button = QPushButton(self.tr("Quit") if at_start else self.tr("Cancel"))
        self.quit_button.clicked.connect(self.reject)
        (self.restore_button if newest is not None else self.choose_button).setDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.choose_button)
        buttons.addStretch(1)
        buttons.addWidget(self.quit_button)

        layout = QVBoxLayout(self)
        layout.addWidget(_title(self.tr("This register cannot be opened")))
        layout.addWidget(self.problem_label)
        layout.addWidget(self.offer_label)
        layout.addWidget(safety)
        layout.addStretch(1)
        layout.addLayout(buttons)

    def restore_newest(self) -> None:
        if self.newest is not None:
            self.chosen = self.newest.path
            self.accept()

    def choose_file(self) -> None:
        path = _pick_backup_file(self, backup_folder(self.error.path))
        if path:
            self.chosen = Path(path)
            self.accept()

    @classmethod
    def ask(
        cls, parent: QWidget | None, error: DamagedDatabaseError, *, at_start: bool = True
    ) -> Path | None:
        """The file to restore in place of the damaged one, or None to quit (or cancel)."""
        dialog = cls(error, newest_good_backup(error.path, error.key), parent, at_start=at_start)
        return dialog.chosen if dialog.exec() == QDialog.DialogCode.Accepted else None

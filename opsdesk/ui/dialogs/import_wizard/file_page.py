"""Step 1: which workbook, and what its sheet holds (risks, KRI readings, objective measurements)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
)

from opsdesk.reports.workbook_preview import KINDS
from opsdesk.ui.dialogs.file_choice import save_import_template, typed_path
from opsdesk.ui.dialogs.import_wizard.common import WizardStep, kind_label
from opsdesk.ui.widgets.text import text_label

if TYPE_CHECKING:
    from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard


class FilePage(WizardStep):
    """The workbook and its kind. Next reads the workbook on the worker (asking its password if it has one)."""

    def __init__(self, owner: ImportWizard, kind: str, path: Path | str | None) -> None:
        super().__init__(owner)
        self.setTitle(self.tr("1  Choose the workbook"))
        self.setSubTitle(self.tr("Choose the Excel workbook to import and what its sheet holds."))
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        kinds = QHBoxLayout()
        for number, key in enumerate(KINDS):
            button = QRadioButton(kind_label(key))
            self.kind_group.addButton(button, number)
            self.kind_buttons[key] = button
            kinds.addWidget(button)
        kinds.addStretch(1)
        self.kind_buttons[kind if kind in KINDS else "risks"].setChecked(True)
        self.path_edit = QLineEdit(str(path) if path else "")
        self.path_edit.setPlaceholderText(self.tr("The Excel workbook (.xlsx)"))
        self.path_edit.setClearButtonEnabled(True)
        self.browse_button = QPushButton(self.tr("&Choose…"))
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        path_label = QLabel(self.tr("&Workbook:"))
        path_label.setBuddy(self.path_edit)
        form = QFormLayout()
        form.addRow(self.tr("The sheet holds:"), kinds)
        form.addRow(path_label, file_row)
        self.kind_hint = text_label("", "muted")
        self.file_error = text_label("", "error")
        self.file_error.setObjectName("fileError")
        self.file_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_error.hide()
        help_text = text_label(self.tr(
            "Any Excel workbook (.xlsx) of up to 50 MB. OpsDesk finds the sheet and its header row (a title "
            "above the header is fine), reads the values of formulas as Excel last saved them, and lets you "
            "match every column to a field before anything is written."
        ), "muted")  # fmt: skip
        self.template_button = QPushButton(self.tr("Save a copy of the import template…"))
        self.template_button.setProperty("role", "link")
        self.template_button.setCursor(Qt.CursorShape.PointingHandCursor)
        self.body.setContentsMargins(0, 8, 0, 0)
        self.body.setSpacing(10)
        self.body.addLayout(form)
        self.body.addWidget(self.kind_hint)
        self.body.addWidget(help_text)
        self.body.addWidget(self.template_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.body.addWidget(self.file_error)
        self.body.addStretch(1)
        self.kind_group.idToggled.connect(self._kind_toggled)
        self.path_edit.textChanged.connect(self._file_changed)
        self.browse_button.clicked.connect(self.choose_file)
        self.template_button.clicked.connect(self._save_template)
        self._describe_kind()

    def kind(self) -> str:
        return KINDS[max(0, self.kind_group.checkedId())]

    def file_path(self) -> Path:
        return typed_path(self.path_edit.text())

    # QWizardPage ------------------------------------------------------------------------------

    def blocker(self) -> str:
        return "" if self.path_edit.text().strip() else self.tr("Choose the workbook to import.")

    def validatePage(self) -> bool:
        """Next: the workbook read already, or read it now (the wizard goes on when the reading is done)."""
        if self.owner.read is not None:
            return True
        self.owner.request_read(None, None)
        return False

    def refresh(self) -> None:
        busy = self.busy()
        for widget in (self.path_edit, self.browse_button, self.template_button, *self.kind_buttons.values()):
            widget.setEnabled(not busy)
        super().refresh()

    def show_error(self, text: str) -> None:
        self.file_error.setText(text)
        self.file_error.show()

    # The user's choices -----------------------------------------------------------------------

    def _describe_kind(self) -> None:
        self.kind_hint.setText({
            "risks": self.tr("Rows with an OpsDesk risk code (R-0012) update that risk; the other rows create risks."),
            "readings": self.tr("One reading per row: the indicator (its name), the date and the value."),
            "measurements": self.tr(
                "One row per objective and period, with its value or its numerator and denominator."),
        }[self.kind()])  # fmt: skip

    def _kind_toggled(self, _id: int, checked: bool) -> None:
        if checked:
            self._describe_kind()
            self._file_changed()

    def _file_changed(self, *_args: object) -> None:
        self.owner.forget_read()
        self.file_error.hide()
        self.refresh()

    def choose_file(self) -> None:
        current = self.path_edit.text().strip()
        folder = str(Path(current).parent) if current else str(Path.home())
        chosen = self.owner.ask_open_path(
            self, self.tr("Choose the workbook to import"), folder,
            self.tr("Excel workbooks (*.xlsx *.xlsm);;All files (*)"),
        )  # fmt: skip
        if chosen:
            self.path_edit.setText(chosen)

    def _save_template(self) -> None:
        target = save_import_template(self, self.owner.ask_save_path)
        if target is not None:
            self.status_label.setText(self.tr("Template saved to {path}.").format(path=target))

"""Step 4: what the import wrote, and the OpsDesk code each workbook row became."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from opsdesk.reports.excel_import import ImportResult
from opsdesk.ui.dialogs.import_wizard.common import WizardStep, kind_label
from opsdesk.ui.widgets.text import text_label

if TYPE_CHECKING:
    from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard


class ResultPage(WizardStep):
    """The counts of the import and the list of workbook IDs with their new codes (or the new codes)."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__(owner)
        self.setTitle(self.tr("4  Import"))
        self.setSubTitle(self.tr("Every row was written in one go."))
        self.import_title = text_label(self.tr("Import done"), "summary")
        self.import_source = text_label("", "muted")
        self.import_result = text_label("", "success")
        self.codes_title = text_label("", "columnHead")
        self.codes_table = QTableWidget(0, 2)
        self.codes_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.codes_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.codes_table.verticalHeader().hide()
        self.codes_table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.codes_table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.codes_table.horizontalHeader().setStretchLastSection(True)
        self.body.setSpacing(10)
        self.body.addWidget(self.import_title)
        self.body.addWidget(self.import_source)
        self.body.addWidget(self.import_result)
        self.body.addWidget(self.codes_title)
        self.body.addWidget(self.codes_table, 1)

    def initializePage(self) -> None:
        result = self.owner.result
        if result is not None:
            self.show_result(result)

    def show_result(self, result: ImportResult) -> None:
        source = self.owner.preview.source if self.owner.preview is not None else None
        if source is not None:
            self.import_source.setText(
                self.tr("{kind} from {name}, sheet '{sheet}' (header in row {row}).").format(
                    kind=kind_label(result.kind),
                    name=source.path.name,
                    sheet=source.sheet,
                    row=source.header_row,
                )
            )
        self.import_result.setText(self.result_text(result))
        if result.references:
            self.codes_title.setText(self.tr("The OpsDesk code of each workbook ID:"))
            self.codes_table.setHorizontalHeaderLabels([self.tr("Workbook ID"), self.tr("OpsDesk code")])
            pairs = list(result.references)
        else:
            self.codes_title.setText(self.tr("New risks:") if result.codes else "")
            self.codes_table.setHorizontalHeaderLabels([self.tr("OpsDesk code"), ""])
            pairs = [(code, "") for code in result.codes]
        self.codes_table.setColumnHidden(1, not result.references)
        self.codes_table.setRowCount(len(pairs))
        for row, (first, second) in enumerate(pairs):
            self.codes_table.setItem(row, 0, QTableWidgetItem(str(first)))
            self.codes_table.setItem(row, 1, QTableWidgetItem(str(second)))
        for widget in (self.codes_title, self.codes_table):
            widget.setVisible(bool(pairs))

    def codes(self) -> list[tuple[str, str]]:
        """The table's rows as shown: (workbook ID, code), or (code, "") without IDs."""
        return [
            (self.codes_table.item(row, 0).text(), self.codes_table.item(row, 1).text())
            for row in range(self.codes_table.rowCount())
        ]

    def result_text(self, result: ImportResult) -> str:
        if result.kind == "readings":
            text = self.tr("{created} readings recorded, {unchanged} already there.")
        elif result.kind == "risks":
            text = self.tr("{unchanged} unchanged, {updated} updated, {created} created.")
        else:
            text = self.tr("{created} measurements created, {updated} updated, {unchanged} unchanged.")
        return self.tr("Imported: {what}").format(
            what=text.format(created=result.created, updated=result.updated, unchanged=result.unchanged)
        )

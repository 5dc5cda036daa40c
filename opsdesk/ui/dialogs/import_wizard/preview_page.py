"""Step 3: every row checked against the register (nothing written), then Import, all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPlainTextEdit, QPushButton, QWizard

from opsdesk.domain.catalogue import message
from opsdesk.reports.excel_import import (
    CREATE,
    INVALID,
    UNCHANGED,
    UPDATE,
    CellRead,
    ImportPreview,
    PreviewRow,
)
from opsdesk.reports.excel_source import column_letter
from opsdesk.ui.dialogs.import_wizard.common import PROBLEM_INK, PROBLEM_TINT, WizardStep, action_label
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.table import RecordTableView
from opsdesk.ui.widgets.text import text_label

if TYPE_CHECKING:
    from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard


class PreviewPage(WizardStep):
    """The checked rows: what each would do, the stored values (the workbook's text in tooltips), every problem.

    It is the wizard's commit page: its Import button writes every row in one transaction on
    the worker, and the wizard goes to the result only when that worked. A refused import stays
    here with its reasons, and the rows are checked again."""

    def __init__(self, owner: ImportWizard) -> None:
        super().__init__(owner)
        self.setTitle(self.tr("3  Check the rows"))
        self.setSubTitle(
            self.tr("Every row is checked against the register; nothing is written until you import.")
        )
        self.setCommitPage(True)
        self.setButtonText(QWizard.WizardButton.CommitButton, self.tr("&Import"))
        self.summary_label = text_label("", "summary")
        self.notes_label = text_label("", "muted")
        self.only_problems_check = QCheckBox(self.tr("Show only &problems"))
        self.check_again_button = QPushButton(self.tr("Check &again"))
        self.check_again_button.setToolTip(
            self.tr(
                "Read the workbook again (after you corrected it in Excel and saved it) and check every row"
            )
        )
        tools = QHBoxLayout()
        tools.addWidget(self.only_problems_check)
        tools.addStretch(1)
        tools.addWidget(self.check_again_button)
        self.preview_model: RecordTableModel[PreviewRow] = RecordTableModel(self._preview_columns("risks"))
        self.preview_table = RecordTableView(self.preview_model)
        self.preview_table.setObjectName("previewTable")
        self.problems_title = text_label("", "warning")
        self.problems_text = QPlainTextEdit()
        self.problems_text.setReadOnly(True)
        self.problems_text.setMaximumHeight(130)
        self.problems_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.preview_error = text_label("", "error")
        self.preview_error.setObjectName("previewError")
        self.preview_error.hide()
        # An import refused at the last moment (the register changed since the check): why, here.
        self.refusal_text = text_label("", "error")
        self.refusal_text.setObjectName("refusalText")
        self.refusal_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.refusal_text.hide()
        self.import_reason = text_label("", "error")
        self.body.addWidget(self.summary_label)
        self.body.addWidget(self.notes_label)
        self.body.addWidget(self.preview_error)
        self.body.addWidget(self.refusal_text)
        self.body.addLayout(tools)
        self.body.addWidget(self.preview_table, 1)
        self.body.addWidget(self.problems_title)
        self.body.addWidget(self.problems_text)
        self.body.addWidget(self.import_reason)
        self.only_problems_check.toggled.connect(self._filter_preview)
        self.check_again_button.clicked.connect(self.check_again)

    # QWizardPage ------------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Check the rows, unless they were checked with these very columns and defaults."""
        self.refusal_text.hide()
        if self.owner.preview is None:
            self.owner.start_preview()
        else:
            self.show_preview(self.owner.preview)

    def blocker(self) -> str:
        """Why Import is disabled ("" when it is enabled)."""
        preview = self.owner.preview
        if preview is None:
            return self.tr("The rows are being checked.") if self.busy() else self.tr("Check the rows first.")
        if preview.problems:
            count = len(preview.problems)
            return self.tr(
                "Nothing can be imported while there are problems ({count}): correct them in the workbook and "
                "click Check again, or change the columns or defaults on the previous step."
            ).format(count=count)
        if not preview.count(CREATE) and not preview.count(UPDATE):
            return self.tr("Nothing to import: every row is already in OpsDesk as it is in the workbook.")
        return ""

    def validatePage(self) -> bool:
        """Import: done already (the wizard moves on), or started now on the worker."""
        if self.owner.result is not None:
            return True
        self.owner.start_import()
        return False

    def refresh(self) -> None:
        busy = self.busy()
        read = self.owner.read
        self.check_again_button.setEnabled(not busy and read is not None and read.source is not None)
        blocker = self.blocker()
        self.import_reason.setText(blocker if self.owner.preview is not None else "")
        super().refresh()

    # Showing the checked rows -----------------------------------------------------------------

    def _preview_columns(self, kind: str) -> list[Column[PreviewRow]]:
        key_title, title_title = {
            "risks": (self.tr("Code"), self.tr("Title")),
            "readings": (self.tr("Indicator"), self.tr("Reading")),
            "measurements": (self.tr("Objective"), self.tr("Period")),
        }[kind]

        def tint(row: PreviewRow) -> str | None:
            return PROBLEM_TINT if row.action == INVALID else None

        def ink(row: PreviewRow) -> str | None:
            return PROBLEM_INK if row.action == INVALID else None

        def problems(row: PreviewRow) -> str:
            return "  ·  ".join(str(problem) for problem in row.problems)

        def tooltip(row: PreviewRow) -> str | None:
            lines = [str(problem) for problem in row.problems] + list(row.changes)
            return "\n".join(lines) or None

        common = {"background": tint, "foreground": ink, "tooltip": tooltip}
        return [
            Column("row", self.tr("Row"), lambda r: r.row, align_right=True, **common),
            Column("action", self.tr("Action"), lambda r: action_label(kind, r.action), **common),
            Column("key", key_title, lambda r: r.key, **common),
            Column("title", title_title, lambda r: r.title, **common),
            Column("changes", self.tr("Changes"), lambda r: ", ".join(r.changes), **common),
            Column("problems", self.tr("Problems"), problems, **common),
        ] + self._cell_columns(kind, tint, ink)

    def _cell_columns(self, kind: str, tint: Callable, ink: Callable) -> list[Column[PreviewRow]]:
        """One column per mapped workbook column: the value OpsDesk stores, the workbook's text in the tooltip."""
        read = self.owner.read
        if read is None or read.source is None or kind != "risks":
            return []
        source = read.source

        def cell(letter: str, row: PreviewRow) -> CellRead | None:
            return next((c for c in row.cells if c.column == letter), None)

        columns = []
        for index in sorted(self.owner.columns_page.mapping()):
            letter = column_letter(index)
            title = f"{letter} {source.header_of(index)}"

            def value(row: PreviewRow, letter: str = letter) -> str:
                found = cell(letter, row)
                return found.stored if found is not None else ""

            def source_text(row: PreviewRow, letter: str = letter) -> str | None:
                found = cell(letter, row)
                if found is None:
                    return None
                return self.tr("In the workbook: {text}").format(text=found.source)

            columns.append(
                Column(f"cell_{index}", title, value, background=tint, foreground=ink, tooltip=source_text)
            )
        return columns

    def checking(self) -> None:
        """The rows are being checked: the old ones go."""
        self.preview_error.hide()
        self.preview_model.set_rows([])
        self.summary_label.setText(self.tr("Checking every row…"))
        for widget in (self.notes_label, self.problems_title, self.problems_text):
            widget.hide()
        self.refresh()

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview_error.hide()
        self.preview_model.columns = self._preview_columns(preview.kind)
        self.preview_model.set_rows(preview.rows)
        self._filter_preview(self.only_problems_check.isChecked())
        widths = {"row": 52, "action": 84, "key": 110, "title": 300, "changes": 170}
        widths |= {column.key: 150 for column in self.preview_model.columns if column.key.startswith("cell_")}
        for key, width in widths.items():
            self.preview_table.setColumnWidth(self.preview_model.column_index(key), width)
        # Columns with nothing to say make room for the titles.
        self.preview_table.setColumnHidden(
            self.preview_model.column_index("changes"), not any(row.changes for row in preview.rows)
        )
        self.preview_table.setColumnHidden(
            self.preview_model.column_index("problems"), not any(row.problems for row in preview.rows)
        )
        self.summary_label.setText(self.preview_summary(preview))
        notes = list(preview.notes) + [
            message("import.skipped", {"row": skipped.row, "reason": skipped.reason})
            for skipped in preview.skipped
        ]
        self.notes_label.setText("\n".join(notes))
        self.notes_label.setVisible(bool(notes))
        count = len(preview.problems)
        self.problems_title.setText(self.tr("Every problem ({count}):").format(count=count))
        self.problems_text.setPlainText("\n".join(str(problem) for problem in preview.problems))
        for widget in (self.problems_title, self.problems_text):
            widget.setVisible(bool(count))
        self.refresh()

    def show_failure(self, text: str) -> None:
        self.summary_label.setText(self.tr("The rows could not be checked."))
        self.preview_error.setText(text)
        self.preview_error.show()
        self.refresh()

    def show_refusal(self, summary: str, problems: list[str]) -> None:
        """The import was refused: nothing was written, and why."""
        lines = [self.tr("Nothing was imported: {reason}").format(reason=summary), *problems]
        self.refusal_text.setText("\n".join(lines))
        self.refusal_text.show()

    def preview_summary(self, preview: ImportPreview) -> str:
        """'25 rows: 20 to create, 3 to update, 2 unchanged; 0 problems'."""
        total = len(preview.rows)
        nouns = {
            "risks": (self.tr("row"), self.tr("rows")),
            "readings": (self.tr("reading"), self.tr("readings")),
            "measurements": (self.tr("measurement"), self.tr("measurements")),
        }[preview.kind]
        noun = nouns[0] if total == 1 else nouns[1]
        parts = [self.tr("{count} to create").format(count=preview.count(CREATE))]
        if preview.kind != "readings":
            parts.append(self.tr("{count} to update").format(count=preview.count(UPDATE)))
        parts.append(self.tr("{count} unchanged").format(count=preview.count(UNCHANGED)))
        problems = len(preview.problems)
        tail = self.tr("1 problem") if problems == 1 else self.tr("{count} problems").format(count=problems)
        return self.tr("{total} {noun}: {parts}; {problems}").format(
            total=total, noun=noun, parts=", ".join(parts), problems=tail
        )

    def _filter_preview(self, only_problems: bool) -> None:
        self.preview_model.set_filter((lambda row: row.action == INVALID) if only_problems else None)

    def check_again(self) -> None:
        self.refusal_text.hide()
        self.owner.start_preview(read_again=True)

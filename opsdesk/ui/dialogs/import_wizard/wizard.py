"""The import wizard: choose a workbook, match its columns, check every row, then import all or nothing.

A QWizard with one page per step. Reading the workbook, the preview and the import each run
on a worker thread that opens its own sessions from the Database; the wizard keeps what they
return (the reading, the preview, the result) and its pages only show it. While work runs,
Next, Back and Cancel wait for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QWidget, QWizard

from opsdesk.domain.errors import ValidationError
from opsdesk.reports.excel_import import (
    ImportPreview,
    ImportRefusedError,
    ImportResult,
    apply_import,
    preview_import,
)
from opsdesk.reports.excel_source import WorkbookPasswordError
from opsdesk.reports.workbook_preview import WorkbookRead, read_for_import
from opsdesk.ui.context import ACTIONS, ALERTS, KRIS, QUALITY, RISKS, AppContext
from opsdesk.ui.dialogs.file_choice import ask_save_path
from opsdesk.ui.dialogs.import_wizard.columns_page import ColumnsPage
from opsdesk.ui.dialogs.import_wizard.common import (
    WizardStep,
    ask_open_path,
    problem_text,
    style_sheet,
)
from opsdesk.ui.dialogs.import_wizard.file_page import FilePage
from opsdesk.ui.dialogs.import_wizard.preview_page import PreviewPage
from opsdesk.ui.dialogs.import_wizard.result_page import ResultPage
from opsdesk.ui.dialogs.workbook_password import WorkbookPasswordDialog
from opsdesk.ui.worker import Job, start_job

CHANGED_TOPICS = (RISKS, KRIS, ALERTS, QUALITY, ACTIONS)


class ImportWizard(QWizard):
    """Four pages: the file, its sheet and columns, the checked rows (and the import), the result."""

    FILE, COLUMNS, PREVIEW, RESULT = range(4)

    def __init__(
        self,
        context: AppContext,
        kind: str = "risks",
        path: Path | str | None = None,
        parent: QWidget | None = None,
        *,
        today: date | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today
        self.ask_open_path: Callable[[QWidget | None, str, str, str], str] = ask_open_path
        self.ask_save_path: Callable[[QWidget | None, str, str, str], str] = ask_save_path
        self.job: Job | None = None
        self.read: WorkbookRead | None = None
        self.preview: ImportPreview | None = None
        self.result: ImportResult | None = None
        self._pending_read: tuple[str | None, int | None] | None = None
        # The passwords of protected workbooks, in memory only, for reading them again.
        self._passwords: dict[Path, str] = {}
        self._last_read: tuple[str | None, int | None] = (None, None)
        self.setWindowTitle(self.tr("Import from Excel"))
        self.setStyleSheet(style_sheet())
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage)
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("< &Back"))
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("&Next >"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("Close"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("Cancel"))
        self.setMinimumSize(900, 600)
        self.resize(1100, 720)
        self.file_page = FilePage(self, kind, path)
        self.columns_page = ColumnsPage(self, today)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate(
            (self.file_page, self.columns_page, self.preview_page, self.result_page)
        ):
            self.setPage(page_id, page)
        self.currentIdChanged.connect(self._page_shown)

    def sizeHint(self) -> QSize:
        return QSize(1100, 720)

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, kind: str = "risks", path: Path | str | None = None
    ) -> ImportResult | None:
        """Run the wizard; the import's result, or None when nothing was imported."""
        wizard = cls(context, kind=kind, path=path, parent=parent)
        wizard.exec()
        return wizard.result

    # What the pages share ---------------------------------------------------------------------

    def kind(self) -> str:
        return self.file_page.kind()

    def step(self) -> int:
        return self.currentId()

    def step_page(self) -> WizardStep:
        page = self.currentPage()
        return page if isinstance(page, WizardStep) else self.file_page

    def mapping(self) -> dict[int, str]:
        return self.columns_page.mapping()

    def forget_read(self) -> None:
        """Another file or kind: the reading and the checked rows no longer hold."""
        self.read = None
        self.preview = None

    def fix_buttons(self) -> None:
        """QWizard enables Next from isComplete(); Back and Cancel also wait for the work running."""
        busy = self.job is not None
        self.button(QWizard.WizardButton.BackButton).setEnabled(not busy and self.step() != self.RESULT)
        self.button(QWizard.WizardButton.CancelButton).setEnabled(not busy)
        page = self.currentPage()
        blocker = page.blocker() if isinstance(page, WizardStep) else ""
        for which in (QWizard.WizardButton.NextButton, QWizard.WizardButton.CommitButton):
            self.button(which).setToolTip(blocker)
        if self.step() == self.PREVIEW:
            self.button(QWizard.WizardButton.CommitButton).setToolTip(
                blocker or self.tr("Write every row, all or nothing")
            )

    def _page_shown(self, _page_id: int) -> None:
        self.step_page().refresh()

    def reject(self) -> None:
        # A worker reports back to this dialog: it stays until the work is done.
        if self.job is None:
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.job is not None:
            event.ignore()
            return
        super().closeEvent(event)

    # Work on the worker thread ------------------------------------------------------------------

    def _run(self, work: Callable[[Callable[[int, str], None]], Any], on_finished: Callable[[Any], None],
             on_failed: Callable[[Exception], None], message: str) -> None:  # fmt: skip
        page = self.step_page()
        page.show_progress(0, message)
        self.job = start_job(
            work, on_finished=on_finished, on_failed=on_failed, on_progress=page.show_progress
        )
        page.refresh()

    def _job_done(self) -> None:
        self.job = None
        page = self.step_page()
        page.hide_progress()
        page.refresh()

    def request_read(self, sheet: str | None, header_row: int | None) -> None:
        """Read the workbook (again) with this sheet and header row (None: found automatically)."""
        if self.job is not None:
            self._pending_read = (sheet, header_row)
            return
        database = self.context.database
        path = self.file_page.file_path()
        kind = self.kind()
        password = self._passwords.get(path)
        self._last_read = (sheet, header_row)

        def work(progress: Callable[[int, str], None]) -> WorkbookRead:
            return read_for_import(
                database,
                path,
                kind=kind,
                sheet=sheet,
                header_row=header_row,
                progress=progress,
                password=password,
            )

        self.file_page.file_error.hide()
        self._run(
            work, self._read_finished, self._read_failed, self.tr("Reading {name}…").format(name=path.name)
        )

    def _read_finished(self, read: WorkbookRead) -> None:
        self._job_done()
        self.read = read
        self.preview = None
        if self.step() == self.FILE:
            self.next()  # the columns page shows the reading as it opens
        else:
            self.columns_page.show_read(read)
        self._run_pending_read()

    def _read_failed(self, error: Exception) -> None:
        self._job_done()
        if isinstance(error, WorkbookPasswordError) and self._pending_read is None:
            path = self.file_page.file_path()
            password = WorkbookPasswordDialog.ask(self, path.name, wrong=error.wrong_password)
            if password is not None:
                self._passwords[path] = password
                self.request_read(*self._last_read)
                return
        text = problem_text(error)
        if self.step() == self.FILE or self.read is None:
            self.read = None
            self.file_page.show_error(text)
        else:
            self.columns_page.show_error(text)
        self._run_pending_read()

    def _run_pending_read(self) -> None:
        if self._pending_read is not None:
            sheet, header_row = self._pending_read
            self._pending_read = None
            self.request_read(sheet, header_row)

    def start_preview(self, *, read_again: bool = False) -> None:
        """Check every row against the register (writing nothing), on the worker thread."""
        if self.job is not None or self.read is None or self.read.source is None:
            return
        database = self.context.database
        source = self.read.source
        mapping = self.mapping()
        defaults = self.columns_page.defaults()
        today = self.today
        read = self.read
        password = self._passwords.get(source.path)

        def work(progress: Callable[[int, str], None]) -> tuple[WorkbookRead, ImportPreview]:
            current = read
            if read_again:
                current = read_for_import(
                    database, source.path, kind=source.kind, sheet=source.sheet, header_row=source.header_row,
                    progress=lambda percent, message: progress(percent // 3, message), password=password,
                )  # fmt: skip
                if current.source is None:
                    raise ValidationError({"header_row": current.problem})
            chosen = mapping if current.source.headers == source.headers else current.mapping
            with database.session() as session:
                preview = preview_import(
                    session=session, source=current.source, mapping=chosen, defaults=defaults, today=today,
                    progress=progress,
                )  # fmt: skip
            return current, preview

        self.preview = None
        self.preview_page.checking()
        self._run(work, self._preview_finished, self._preview_failed, self.tr("Checking the rows…"))

    def _preview_finished(self, outcome: tuple[WorkbookRead, ImportPreview]) -> None:
        self._job_done()
        read, preview = outcome
        if read is not self.read:
            # Read again: keep the columns as the preview used them (the user's choices, or a new guess
            # when the workbook's headers changed).
            self.read = read.with_mapping(preview.mapping)
            self.columns_page.show_read(self.read)
        self.preview = preview
        self.preview_page.show_preview(preview)

    def _preview_failed(self, error: Exception) -> None:
        self._job_done()
        self.preview_page.show_failure(problem_text(error))

    def start_import(self) -> None:
        """Write every previewed row in one transaction, on the worker thread; the result page follows."""
        if self.job is not None or self.preview is None or self.preview_page.blocker():
            return
        database = self.context.database
        preview = self.preview

        def work(progress: Callable[[int, str], None]) -> ImportResult:
            with database.session() as session:
                return apply_import(session=session, preview=preview, progress=progress)

        self.preview_page.refusal_text.hide()
        self._run(
            work, self._import_finished, self._import_failed,
            self.tr("Importing {count} rows…").format(count=len(preview.rows)),
        )  # fmt: skip

    def _import_finished(self, result: ImportResult) -> None:
        self._job_done()
        self.result = result
        for topic in CHANGED_TOPICS:
            self.context.dataChanged.emit(topic)
        self.next()  # the preview page validates now, and the result page shows the result

    def _import_failed(self, error: Exception) -> None:
        self._job_done()
        if isinstance(error, ImportRefusedError):
            self.preview_page.show_refusal(error.summary(), [str(problem) for problem in error.problems])
        else:
            self.preview_page.show_refusal(problem_text(error), [])
        self.start_preview()  # the register changed since the check: check the rows again

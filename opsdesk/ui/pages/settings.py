"""The Settings page: risk matrix, review intervals, organisation lists, quality policy, language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QLocale, QSettings, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError, OpsDeskError, ValidationError
from opsdesk.domain.matrix import ReviewIntervals, RiskMatrix
from opsdesk.services import settings as settings_service
from opsdesk.services.history import audit_history
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, ALERTS, QUALITY, RISKS, SETTINGS, AppContext
from opsdesk.ui.pages.base import Page
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.matrix_editor import MatrixEditor, swatch_icon
from opsdesk.ui.widgets.table import RecordTableView
from opsdesk.ui.widgets.text import set_role

ARCHIVED_GREY = "#9E9E9E"


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def section_title(cls: type[Section]) -> str:
    """A section's tab title, translated as its title() is, without building the section."""
    return QCoreApplication.translate(cls.__name__, cls.TITLE)


class Section(QWidget):
    """One settings section with its own Save and Revert; edits survive switching sections."""

    # the English text of title(): the tab shows it (translated) until the section is built
    TITLE = ""

    stateChanged = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setObjectName("status")
        self.revert_button = QPushButton(self.tr("Revert"))
        self.revert_button.clicked.connect(self.revert)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.setToolTip(self.tr("Save this section (Ctrl+S)"))
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        self.revert_button.setEnabled(False)
        self._note = ""
        self.loaded = False

    def keeps_edits(self) -> bool:
        """True when a reload must not overwrite what the user typed."""
        return self.loaded and self.is_dirty()

    def button_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addWidget(self.revert_button)
        bar.addWidget(self.save_button)
        return bar

    def title(self) -> str:
        """The section's name on its tab; every section defines it."""
        raise TypeError(f"{type(self).__name__} must define title()")

    def refresh(self) -> None:
        """Reload from the services at once, keeping unsaved edits."""
        self.show(self.reader()())

    def reader(self) -> Callable[[], Any]:
        """On the GUI thread: a function reading what the section shows; it touches no Qt object,
        so the page runs it on the worker."""
        return self.reading(self.context)

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], Any]:
        """What `reader` returns, without a section: the page reads sections not built yet."""
        return lambda: None

    def show(self, data: Any) -> None:
        """Show what the reader's function read, keeping unsaved edits."""

    def is_dirty(self) -> bool:
        return False

    def problem(self) -> str:
        """Why the edits cannot be saved ("" when they can)."""
        return ""

    def can_save(self) -> bool:
        return self.is_dirty() and not self.problem()

    def save(self) -> bool:
        return False

    def revert(self) -> None:
        """Drop the unsaved edits."""

    def show_status(self, text: str, error: bool = False) -> None:
        self.status.setText(text)
        set_role(self.status, "error" if error else "muted")

    def update_state(self) -> None:
        """Enable Save only for valid changes; say why not, or what saving will do."""
        problem = self.problem()
        dirty = self.is_dirty()
        if dirty:
            self._note = ""
        if problem:
            self.show_status(problem, error=True)
        elif dirty:
            self.show_status(self.pending_text())
        else:
            self.show_status(self._note or self.tr("No unsaved changes."))
        self.save_button.setEnabled(dirty and not problem)
        self.revert_button.setEnabled(dirty)
        self.stateChanged.emit()

    def pending_text(self) -> str:
        return self.tr("Unsaved changes.")

    def saved(self, note: str) -> None:
        self._note = note
        self.update_state()


# Risk matrix ------------------------------------------------------------------------------


class MatrixSection(Section):
    """The matrix editor with its re-level preview; saving re-levels every risk."""

    TITLE = "Risk matrix"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.editor = MatrixEditor()
        self.editor.changed.connect(self._edited)
        self._preview: tuple[tuple, int] | None = None  # (cells, count) of the last preview
        self._relevel: int | None = None
        # The count runs on the worker (it reads every risk); a count overtaken by a newer edit
        # is dropped. Save waits for the count of what is on screen.
        self._preview_serial = 0
        self._preview_jobs: dict[int, Any] = {}  # counts under way, kept alive until they report
        self._refused = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.editor, 1)
        layout.addLayout(self.button_bar())
        self.save_button.setText(self.tr("Save matrix"))

    def title(self) -> str:
        return self.tr("Risk matrix")

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], RiskMatrix]:
        call = context.call
        return lambda: call(settings_service.get_matrix)

    def show(self, data: RiskMatrix) -> None:
        stored = data
        self._preview = None  # risks may have been reassessed since the last preview
        self.loaded = True
        if not self.keeps_edits():
            self.editor.set_matrix(stored)
        else:
            self._edited()

    def is_dirty(self) -> bool:
        return self.editor.saved_matrix() is not None and self.editor.is_changed()

    def problem(self) -> str:
        if not self.editor.is_valid():
            return self.tr("The matrix cannot be saved yet: {problems}").format(
                problems=" ".join(self.editor.errors().values())
            )
        return self._refused

    def pending_text(self) -> str:
        if self.previewing:  # the count is on its way
            return super().pending_text()
        if self._relevel == 1:
            return self.tr("Saving will re-level 1 risk.")
        if self._relevel:
            return self.tr("Saving will re-level {n} risks.").format(n=self._relevel)
        return self.tr("Saving will not change the level of any risk.")

    def relevel_count(self) -> int | None:
        """How many risks saving would re-level (None when there is nothing valid to save, or
        while the count runs)."""
        return self._relevel

    @property
    def previewing(self) -> bool:
        """The count of risks to re-level for the matrix on screen is under way on the worker."""
        return self._preview_serial in self._preview_jobs

    def can_save(self) -> bool:
        return super().can_save() and not self.previewing

    def update_state(self) -> None:
        super().update_state()
        if self.previewing:  # the confirmation needs the count: Save waits for it
            self.save_button.setEnabled(False)

    def _edited(self) -> None:
        self._refused = ""
        self._relevel = None
        self._preview_serial += 1  # whatever count is under way is for another matrix now
        if self.is_dirty() and self.editor.is_valid():
            matrix = self.editor.matrix()
            # Only the cells decide the levels: editing a label or a colour needs no new count.
            if self._preview is not None and self._preview[0] == matrix.cells:
                self._relevel = self._preview[1]
            else:
                self._start_preview(matrix)
        self.update_state()

    def _start_preview(self, matrix: RiskMatrix) -> None:
        from opsdesk.ui.worker import start_job

        serial, call = self._preview_serial, self.context.call
        self._preview_jobs[serial] = start_job(
            lambda _progress: call(settings_service.preview_relevel, matrix=matrix),
            on_finished=lambda count: self._preview_finished(serial, matrix.cells, count),
            on_failed=lambda exc: self._preview_failed(serial, exc),
        )

    def _preview_done(self, serial: int) -> bool:
        """Forget a finished count; True when it is for the matrix on screen."""
        self._preview_jobs.pop(serial, None)
        return shiboken6.isValid(self) and serial == self._preview_serial

    def _preview_finished(self, serial: int, cells: tuple, count: int) -> None:
        if not self._preview_done(serial):
            return
        self._relevel = count
        self._preview = (cells, count)
        self.update_state()

    def _preview_failed(self, serial: int, exc: Exception) -> None:
        if not self._preview_done(serial):
            return
        if isinstance(exc, ValidationError):
            # E.g. shrinking below existing assessments: the service would refuse it.
            self._refused = " ".join(exc.errors.values())
        elif isinstance(exc, DatabaseError):  # a server out of reach: the page says so
            self.context.unreachable.emit(str(exc))
        else:
            raise exc  # a fault, not a refusal: the application's error handler reports it
        self.update_state()

    def save(self) -> bool:
        if not self.can_save():
            return False
        matrix: RiskMatrix = self.editor.matrix()
        count = self._relevel or 0
        if count and not messages.confirm(
            self,
            self.tr("Save the risk matrix"),
            self.tr(
                "Saving will re-level {n} risk(s): their inherent, residual and target levels are "
                "recomputed with the new matrix, and the change is recorded in the audit trail. Continue?"
            ).format(n=count),
            self.tr("Save and re-level"),
        ):
            return False
        try:
            changed = self.context.write(
                settings_service.save_matrix, topics=(SETTINGS, RISKS, ALERTS), matrix=matrix
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("The risk matrix was not saved"))
            if isinstance(exc, ValidationError):
                self._refused = " ".join(exc.errors.values())
                self.update_state()
            return False
        self.editor.set_matrix(self.context.matrix())
        self.saved(self.tr("Matrix saved; {n} risk(s) re-levelled.").format(n=changed))
        return True

    def revert(self) -> None:
        self.editor.revert()


# Review intervals -------------------------------------------------------------------------


class ReviewSection(Section):
    """Days until a risk of each level is due for review again."""

    TITLE = "Review intervals"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.spins: dict[str, QSpinBox] = {}
        self._baseline: dict[str, int] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        box = QGroupBox(self.tr("Review intervals"))
        box_layout = QVBoxLayout(box)
        intro = QLabel(
            self.tr("How many days after an assessment a risk of each level is due for its next review.")
        )
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        box_layout.addWidget(intro)
        self.rows_holder = QWidget()
        self.rows = QGridLayout(self.rows_holder)
        self.rows.setContentsMargins(0, 8, 0, 0)
        self.rows.setHorizontalSpacing(10)
        self.rows.setColumnStretch(3, 1)
        box_layout.addWidget(self.rows_holder)
        box_layout.addSpacing(8)
        box_layout.addLayout(self.button_bar())
        box.setFixedWidth(560)
        layout.addWidget(box)
        layout.addStretch(1)
        self.save_button.setText(self.tr("Save intervals"))

    def title(self) -> str:
        return self.tr("Review intervals")

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], tuple[RiskMatrix, ReviewIntervals]]:
        call = context.call
        return lambda: (call(settings_service.get_matrix), call(settings_service.get_review_intervals))

    def show(self, data: tuple[RiskMatrix, ReviewIntervals]) -> None:
        matrix, intervals = data
        edits = self.values() if self.keeps_edits() else {}
        self._baseline = {band.code: intervals.interval(band.code) for band in matrix.bands}
        while self.rows.count():
            item = self.rows.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.spins = {}
        # Highest level first: the strictest interval is the one people look for.
        for row, band in enumerate(reversed(matrix.bands)):
            chip = QLabel()
            chip.setPixmap(swatch_icon(band.color, 16).pixmap(16, 16))
            name = QLabel(band.name)
            spin = QSpinBox()
            spin.setRange(1, 3650)
            spin.setSuffix(self.tr(" days"))
            spin.setObjectName(f"interval_{band.code}")
            spin.setValue(edits.get(band.code, self._baseline[band.code]))
            spin.valueChanged.connect(self.update_state)
            name.setBuddy(spin)
            self.rows.addWidget(chip, row, 0)
            self.rows.addWidget(name, row, 1)
            self.rows.addWidget(spin, row, 2)
            self.spins[band.code] = spin
        self.loaded = True
        self.update_state()

    def values(self) -> dict[str, int]:
        return {code: spin.value() for code, spin in self.spins.items()}

    def is_dirty(self) -> bool:
        return bool(self.spins) and self.values() != self._baseline

    def save(self) -> bool:
        if not self.can_save():
            return False
        try:
            self.context.write(
                settings_service.save_review_intervals,
                topics=(SETTINGS,),
                intervals=ReviewIntervals(self.values()),
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("The review intervals were not saved"))
            return False
        self._baseline = self.values()
        self.saved(self.tr("Review intervals saved."))
        return True

    def revert(self) -> None:
        for code, spin in self.spins.items():
            spin.blockSignals(True)
            spin.setValue(self._baseline[code])
            spin.blockSignals(False)
        self.update_state()


# Organisation -----------------------------------------------------------------------------


class NamedListEditor(QGroupBox):
    """Departments or categories: add, rename, archive and restore; archived ones greyed."""

    def __init__(
        self,
        context: AppContext,
        title: str,
        *,
        list_items: Callable[..., list[settings_service.NamedItem]],
        add_item: Callable[..., Any],
        rename_item: Callable[..., Any],
        archive_item: Callable[..., Any],
        id_key: str,
        topics: tuple[str, ...],
        show_code: bool,
        placeholder: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(title, parent)
        self.context = context
        self._list, self._add, self._rename, self._archive = list_items, add_item, rename_item, archive_item
        self._id_key = id_key
        self._topics = topics

        def grey(item: settings_service.NamedItem) -> str | None:
            return ARCHIVED_GREY if item.archived else None

        columns = [Column("name", self.tr("Name"), lambda i: i.name, foreground=grey)]
        if show_code:
            columns.append(Column("code", self.tr("Code"), lambda i: i.code, foreground=grey))
        columns.append(
            Column(
                "status",
                self.tr("Status"),
                lambda i: self.tr("Archived") if i.archived else self.tr("Active"),
                foreground=grey,
            )
        )
        self.model: RecordTableModel = RecordTableModel(columns, self)
        self.view = RecordTableView(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.selectionModel().selectionChanged.connect(self._selection_changed)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(placeholder)
        self.name_edit.setMaxLength(80)
        self.name_edit.textChanged.connect(self.update_buttons)
        self.name_edit.returnPressed.connect(self._enter_pressed)
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.clicked.connect(self.add)
        self.rename_button = QPushButton(self.tr("Rename"))
        self.rename_button.clicked.connect(self.rename)
        self.archive_button = QPushButton(self.tr("Archive"))
        self.archive_button.clicked.connect(self.toggle_archived)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        row = QHBoxLayout()
        row.addWidget(self.name_edit, 1)
        row.addWidget(self.add_button)
        row.addWidget(self.rename_button)
        row.addWidget(self.archive_button)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self.update_buttons()

    def refresh(self) -> None:
        """Reload at once (after a change made here)."""
        self.show(self.reader()())

    def reader(self) -> Callable[[], list[settings_service.NamedItem]]:
        return self.reading(self.context, self._list)

    @staticmethod
    def reading(
        context: AppContext, list_items: Callable[..., list[settings_service.NamedItem]]
    ) -> Callable[[], list[settings_service.NamedItem]]:
        call = context.call
        return lambda: call(list_items, include_archived=True)

    def show(self, items: list[settings_service.NamedItem]) -> None:
        selected = self.selected()
        self.model.set_rows(items)
        self.view.fit_columns(260)
        if selected is not None:
            self.view.select_where(lambda item: item.id == selected.id)
        self.update_buttons()

    def selected(self) -> settings_service.NamedItem | None:
        rows = self.view.selected_rows()
        return rows[0] if rows else None

    def _selection_changed(self, *_args: object) -> None:
        item = self.selected()
        if item is not None:
            self.name_edit.setText(item.name)
        self.error.setVisible(False)
        self.update_buttons()

    def update_buttons(self, *_args: object) -> None:
        text = self.name_edit.text().strip()
        item = self.selected()
        names = {row.name.casefold() for row in self.model.all_rows()}
        self.add_button.setEnabled(bool(text) and text.casefold() not in names)
        self.rename_button.setEnabled(item is not None and bool(text) and text != item.name)
        self.archive_button.setEnabled(item is not None)
        self.archive_button.setText(
            self.tr("Restore") if item is not None and item.archived else self.tr("Archive")
        )

    def _enter_pressed(self) -> None:
        if self.add_button.isEnabled():
            self.add()
        elif self.rename_button.isEnabled():
            self.rename()

    def _run(self, service: Callable[..., Any], **kwargs: Any) -> tuple[bool, Any]:
        """Run a change; a refusal is shown under the list. Returns (done, result)."""
        try:
            result = self.context.write(service, topics=self._topics, **kwargs)
        except OpsDeskError as exc:
            text = " ".join(exc.errors.values()) if isinstance(exc, ValidationError) else str(exc)
            self.error.setText(text)
            self.error.setVisible(True)
            return False, None
        self.error.setVisible(False)
        return True, result

    def add(self) -> bool:
        done, created = self._run(self._add, name=self.name_edit.text())
        if done:
            self.refresh()
            self.view.select_where(lambda item: item.id == created.id)
        return done

    def rename(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        done, _ = self._run(self._rename, **{self._id_key: item.id, "name": self.name_edit.text()})
        if done:
            self.refresh()
        return done

    def toggle_archived(self) -> bool:
        item = self.selected()
        if item is None:
            return False
        done, _ = self._run(self._archive, **{self._id_key: item.id, "archived": not item.archived})
        if done:
            self.refresh()
        return done


class OrganisationSection(Section):
    """Company name, fiscal-year start month, departments and categories."""

    TITLE = "Organisation"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._baseline: tuple[str, int] = ("", 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)

        company = QGroupBox(self.tr("Company"))
        company_layout = QVBoxLayout(company)
        form = QFormLayout()
        self.company_name = QLineEdit()
        self.company_name.setMaxLength(200)
        self.company_name.setPlaceholderText(self.tr("Shown on reports and exports"))
        self.company_name.textChanged.connect(self.update_state)
        self.fiscal_month = QComboBox()
        locale = QLocale()
        for month in range(1, 13):
            self.fiscal_month.addItem(locale.standaloneMonthName(month, QLocale.FormatType.LongFormat), month)
        self.fiscal_month.currentIndexChanged.connect(self.update_state)
        self.fiscal_month.setToolTip(self.tr("Quarters and yearly figures count from this month."))
        form.addRow(self.tr("Company name:"), self.company_name)
        form.addRow(self.tr("Fiscal year starts in:"), self.fiscal_month)
        company_layout.addLayout(form)
        company_layout.addLayout(self.button_bar())
        company.setMaximumWidth(760)
        layout.addWidget(company)

        lists = QHBoxLayout()
        self.departments = NamedListEditor(
            context,
            self.tr("Departments"),
            list_items=settings_service.list_departments,
            add_item=settings_service.add_department,
            rename_item=settings_service.rename_department,
            archive_item=settings_service.set_department_archived,
            id_key="department_id",
            topics=(SETTINGS, RISKS, ACTIONS, QUALITY),
            show_code=False,
            placeholder=self.tr("Department name"),
        )
        self.categories = NamedListEditor(
            context,
            self.tr("Risk categories"),
            list_items=settings_service.list_categories,
            add_item=settings_service.add_category,
            rename_item=settings_service.rename_category,
            archive_item=settings_service.set_category_archived,
            id_key="category_id",
            topics=(SETTINGS, RISKS),
            show_code=True,
            placeholder=self.tr("Category name"),
        )
        lists.addWidget(self.departments)
        lists.addWidget(self.categories)
        layout.addLayout(lists, 1)
        hint = QLabel(
            self.tr(
                "Select an entry to rename, archive or restore it. Archived entries stay on existing "
                "records but are no longer offered for new ones."
            )
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.save_button.setText(self.tr("Save company"))

    def title(self) -> str:
        return self.tr("Organisation")

    def _form(self) -> tuple[str, int]:
        return self.company_name.text().strip(), int(self.fiscal_month.currentData() or 1)

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], tuple[str, int, Any, Any]]:
        call = context.call
        departments = NamedListEditor.reading(context, settings_service.list_departments)
        categories = NamedListEditor.reading(context, settings_service.list_categories)

        def read() -> tuple[str, int, Any, Any]:
            return (
                call(settings_service.get_company_name),
                call(settings_service.get_fiscal_start_month),
                departments(),
                categories(),
            )

        return read

    def show(self, data: tuple[str, int, Any, Any]) -> None:
        name, month, departments, categories = data
        if not self.keeps_edits():
            for widget in (self.company_name, self.fiscal_month):
                widget.blockSignals(True)
            self.company_name.setText(name)
            self.fiscal_month.setCurrentIndex(self.fiscal_month.findData(month))
            for widget in (self.company_name, self.fiscal_month):
                widget.blockSignals(False)
        self._baseline = (name, month)
        self.loaded = True
        self.departments.show(departments)
        self.categories.show(categories)
        self.update_state()

    def is_dirty(self) -> bool:
        return self._form() != self._baseline

    def problem(self) -> str:
        problems = settings_service.company_name_problems(self._form()[0])
        return problems[0].message() if problems else ""

    def save(self) -> bool:
        if not self.can_save():
            return False
        name, month = self._form()
        try:
            if name != self._baseline[0]:
                self.context.write(settings_service.set_company_name, topics=(SETTINGS,), name=name)
            if month != self._baseline[1]:
                self.context.write(
                    settings_service.set_fiscal_start_month, topics=(SETTINGS, QUALITY), month=month
                )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("The company settings were not saved"))
            return False
        self._baseline = (name, month)
        self.saved(self.tr("Company settings saved."))
        return True

    def revert(self) -> None:
        name, month = self._baseline
        self.company_name.setText(name)
        self.fiscal_month.setCurrentIndex(self.fiscal_month.findData(month))
        self.update_state()


# Quality policy ---------------------------------------------------------------------------


class PolicySection(Section):
    """The quality policy text and its approval date, with who changed it last."""

    TITLE = "Quality policy"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._baseline: tuple[str, date] = ("", date.today())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        box = QGroupBox(self.tr("Quality policy"))
        box_layout = QVBoxLayout(box)
        intro = QLabel(self.tr("The policy is shown on the dashboard and in the quarterly report."))
        intro.setProperty("role", "muted")
        box_layout.addWidget(intro)
        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(self.tr("What the company commits to about quality…"))
        self.text.textChanged.connect(self.update_state)
        box_layout.addWidget(self.text, 1)
        row = QHBoxLayout()
        approved_label = QLabel(self.tr("Approved on:"))
        self.approved_on = QDateEdit()
        self.approved_on.setCalendarPopup(True)
        self.approved_on.setDisplayFormat("yyyy-MM-dd")  # the date format of every OpsDesk list
        self.approved_on.setMaximumDate(QDate.currentDate())  # an approval cannot be in the future
        self.approved_on.dateChanged.connect(self.update_state)
        approved_label.setBuddy(self.approved_on)
        self.length = QLabel()
        self.length.setProperty("role", "muted")
        row.addWidget(approved_label)
        row.addWidget(self.approved_on)
        row.addStretch(1)
        row.addWidget(self.length)
        box_layout.addLayout(row)
        self.last_changed = QLabel()
        self.last_changed.setProperty("role", "muted")
        box_layout.addWidget(self.last_changed)
        layout.addWidget(box, 1)
        layout.addLayout(self.button_bar())
        self.save_button.setText(self.tr("Save policy"))

    def title(self) -> str:
        return self.tr("Quality policy")

    def _form(self) -> tuple[str, date]:
        return self.text.toPlainText().strip(), self.approved_on.date().toPython()

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], tuple[Any, list[Any]]]:
        call = context.call

        def read() -> tuple[Any, list[Any]]:
            return call(settings_service.get_quality_policy), cls._last_change_reader(call)()

        return read

    @staticmethod
    def _last_change_reader(call: Callable[..., Any]) -> Callable[[], list[Any]]:
        return lambda: call(audit_history, entity="setting", entity_id=settings_service.POLICY, limit=1)

    def show(self, data: tuple[Any, list[Any]]) -> None:
        policy, last_change = data
        self.approved_on.setMaximumDate(QDate.currentDate())
        # No approval date stored yet: offer today, and count it as the starting point.
        baseline = (policy.text.strip(), policy.approved_on or QDate.currentDate().toPython())
        if not self.keeps_edits():
            self.text.blockSignals(True)
            self.approved_on.blockSignals(True)
            self.text.setPlainText(policy.text)
            self.approved_on.setDate(_qdate(baseline[1]))
            self.text.blockSignals(False)
            self.approved_on.blockSignals(False)
        self._baseline = baseline
        self.loaded = True
        self._show_last_change(last_change)
        self.update_state()

    def _show_last_change(self, entries: list[Any] | None = None) -> None:
        """Who changed the policy last (read now unless given)."""
        if entries is None:
            entries = self._last_change_reader(self.context.call)()
        if not entries:
            self.last_changed.setText(self.tr("No change recorded yet."))
            return
        entry = entries[0]
        # The audit trail stores UTC; people read their own clock.
        moment = entry.at if entry.at.tzinfo is not None else entry.at.replace(tzinfo=UTC)
        self.last_changed.setText(
            self.tr("Last changed by {user} on {when}").format(
                user=entry.user, when=moment.astimezone().strftime("%Y-%m-%d %H:%M")
            )
        )

    def is_dirty(self) -> bool:
        return self._form() != self._baseline

    def problem(self) -> str:
        text, approved = self._form()
        self.length.setText(
            self.tr("{n} / {max} characters").format(n=len(text), max=settings_service.POLICY_TEXT_MAX)
        )
        problems = settings_service.policy_problems(text, approved)
        return problems[0].message() if problems else ""

    def save(self) -> bool:
        if not self.can_save():
            return False
        text, approved = self._form()
        try:
            self.context.write(
                settings_service.set_quality_policy,
                topics=(SETTINGS, QUALITY),
                text=text,
                approved_on=approved,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("The quality policy was not saved"))
            return False
        self._baseline = (text, approved)
        self._show_last_change()
        self.saved(self.tr("Quality policy saved."))
        return True

    def revert(self) -> None:
        text, approved = self._baseline
        self.text.setPlainText(text)
        self.approved_on.setDate(_qdate(approved))
        self.update_state()


# Language ---------------------------------------------------------------------------------


class LanguageSection(Section):
    """English, Simplified Chinese or the system's language, applied at the next start."""

    TITLE = "Language"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._baseline = "system"
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        box = QGroupBox(self.tr("Language"))
        box_layout = QVBoxLayout(box)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        # Each language is named in itself, so a user can find theirs whatever is shown now.
        for code, text in (
            ("system", self.tr("Follow the system")),
            ("en", "English"),
            ("zh_CN", "简体中文"),
        ):
            button = QRadioButton(text)
            button.setObjectName(f"language_{code}")
            if code == "zh_CN":
                button.setToolTip(self.tr("Simplified Chinese"))
            self.group.addButton(button)
            self.buttons[code] = button
            box_layout.addWidget(button)
        self.group.buttonToggled.connect(lambda *_: self.update_state())
        note = QLabel(self.tr("The language is applied when OpsDesk restarts."))
        note.setProperty("role", "muted")
        box_layout.addSpacing(8)
        box_layout.addWidget(note)
        box_layout.addSpacing(8)
        box_layout.addLayout(self.button_bar())
        box.setFixedWidth(560)
        layout.addWidget(box)
        layout.addStretch(1)
        self.save_button.setText(self.tr("Save language"))

    def title(self) -> str:
        return self.tr("Language")

    def choice(self) -> str:
        return next((code for code, button in self.buttons.items() if button.isChecked()), self._baseline)

    @classmethod
    def reading(cls, context: AppContext) -> Callable[[], str]:
        call = context.call
        return lambda: call(settings_service.get_language)

    def show(self, data: str) -> None:
        stored = data
        if not self.keeps_edits():
            self.buttons.get(stored, self.buttons["system"]).setChecked(True)
        self._baseline = stored
        self.loaded = True
        self.update_state()

    def is_dirty(self) -> bool:
        return self.choice() != self._baseline

    def save(self) -> bool:
        if not self.can_save():
            return False
        language = self.choice()
        try:
            self.context.write(settings_service.set_language, topics=(SETTINGS,), language=language)
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("The language was not saved"))
            return False
        self._baseline = language
        self.saved(self.tr("Saved. Restart OpsDesk to use the new language."))
        return True

    def revert(self) -> None:
        self.buttons.get(self._baseline, self.buttons["system"]).setChecked(True)
        self.update_state()


# The page ---------------------------------------------------------------------------------


class SettingsPage(Page):
    """Sections in tabs; each saves on its own, and unsaved edits stay while you look elsewhere.

    A section is built when its tab is first shown (or the code asks for it): opening the page
    builds only the one on screen. The page reads what every section shows, built or not, so a
    section chosen later shows at once what the last load read.
    """

    topics = (SETTINGS, RISKS)
    # key -> the section's class, in tab order
    SECTION_CLASSES: dict[str, type[Section]] = {
        "matrix": MatrixSection,
        "review": ReviewSection,
        "organisation": OrganisationSection,
        "policy": PolicySection,
        "language": LanguageSection,
    }

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 8)
        title = QLabel(self.tr("Settings"))
        title.setProperty("role", "pageTitle")
        layout.addWidget(title)
        # The server refuses a settings change from anyone but an administrator: say so up front.
        self.admin_note = QLabel(
            self.tr("Only an administrator changes settings; you can look at them here.")
        )
        self.admin_note.setObjectName("adminNote")
        self.admin_note.setProperty("role", "muted")
        layout.addWidget(self.admin_note)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.built: dict[str, Section] = {}  # the sections built so far
        self._holders: dict[str, QWidget] = {}  # each tab's page; its section goes in on first show
        self._data: dict[str, Any] = {}  # what the last load read, for sections built later
        for key, cls in self.SECTION_CLASSES.items():
            holder = QWidget()
            holder_layout = QVBoxLayout(holder)
            holder_layout.setContentsMargins(0, 0, 0, 0)
            self._holders[key] = holder
            self.tabs.addTab(holder, section_title(cls))
        self.tabs.currentChanged.connect(self._tab_chosen)
        layout.addWidget(self.tabs, 1)
        self.save_shortcut = QShortcut(QKeySequence.StandardKey.Save, self, self.save_current)
        self.save_shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.guard_writes(self.save_shortcut, needs=Access.ADMIN)
        self.update_write_controls()

    # The sections, built on first use ----------------------------------------------------------

    def section(self, key: str) -> Section:
        """The section `key`, built now if it was not yet."""
        section = self.built.get(key)
        if section is None:
            section = self.SECTION_CLASSES[key](self.context)
            self.built[key] = section
            self._holders[key].layout().addWidget(section)
            section.setVisible(True)  # now, not at the next pass of the event loop (show() shows data)
            section.stateChanged.connect(self._mark_unsaved)
            controls: list[Any] = [section.save_button]
            if isinstance(section, OrganisationSection):
                for editor in (section.departments, section.categories):
                    controls += [editor.add_button, editor.rename_button, editor.archive_button]
            self.guard_writes(*controls, needs=Access.ADMIN)
            if key in self._data:
                section.show(self._data[key])
            self._update_section_controls(section)
        return section

    @property
    def sections(self) -> dict[str, Section]:
        """Every section, in tab order (building those not built yet)."""
        return {key: self.section(key) for key in self.SECTION_CLASSES}

    @property
    def matrix(self) -> MatrixSection:
        return self.section("matrix")  # type: ignore[return-value]

    @property
    def review(self) -> ReviewSection:
        return self.section("review")  # type: ignore[return-value]

    @property
    def organisation(self) -> OrganisationSection:
        return self.section("organisation")  # type: ignore[return-value]

    @property
    def policy(self) -> PolicySection:
        return self.section("policy")  # type: ignore[return-value]

    @property
    def language(self) -> LanguageSection:
        return self.section("language")  # type: ignore[return-value]

    def _key_at(self, index: int) -> str:
        return list(self.SECTION_CLASSES)[index]

    def _tab_chosen(self, index: int) -> None:
        if index >= 0 and self.isVisible():
            self.section(self._key_at(index))

    def showEvent(self, event: QShowEvent) -> None:
        if self.tabs.currentIndex() >= 0:
            self.section(self._key_at(self.tabs.currentIndex()))
        super().showEvent(event)

    # The page ----------------------------------------------------------------------------------

    def update_write_controls(self) -> None:
        self.admin_note.setVisible(not self.context.can_administer)
        for section in self.built.values():
            self._update_section_controls(section)

    @staticmethod
    def _update_section_controls(section: Section) -> None:
        if section.loaded:
            section.update_state()
        else:  # nothing typed yet: Save waits for the section to load and be changed
            section.save_button.setEnabled(False)
        if isinstance(section, OrganisationSection):
            for editor in (section.departments, section.categories):
                editor.update_buttons()

    def reader(self) -> Callable[[], dict[str, Any]]:
        """What every section shows (built or not), read on the worker."""
        readers = {key: cls.reading(self.context) for key, cls in self.SECTION_CLASSES.items()}
        return lambda: {key: read() for key, read in readers.items()}

    def show_loaded(self, data: dict[str, Any]) -> None:
        self._data = data
        for key, section in self.built.items():
            section.show(data[key])

    def show_section(self, key: str) -> Section:
        section = self.section(key)
        self.tabs.setCurrentWidget(self._holders[key])
        return section

    def current_section(self) -> Section:
        return self.section(self._key_at(self.tabs.currentIndex()))

    def save_current(self) -> bool:
        """Ctrl+S: save the section on screen."""
        return self.current_section().save()

    def has_unsaved_changes(self) -> bool:
        return any(section.is_dirty() for section in self.built.values())

    def apply_filter(self, **criteria: Any) -> None:
        if criteria.get("section") in self.SECTION_CLASSES:
            self.show_section(criteria["section"])

    def archive_selected(self) -> None:
        organisation = self.built.get("organisation")
        if not self.context.can_administer or organisation is None:
            return
        for editor in (organisation.departments, organisation.categories):
            item = editor.selected()
            if editor.view.hasFocus() and item is not None and not item.archived:
                if messages.confirm(
                    self,
                    self.tr("Archive"),
                    self.tr("Archive {name}? It can be restored later.").format(name=item.name),
                    self.tr("Archive"),
                ):
                    editor.toggle_archived()
                return

    def _mark_unsaved(self) -> None:
        for index, key in enumerate(self.SECTION_CLASSES):
            section = self.built.get(key)
            if section is not None:
                title = section.title()
                self.tabs.setTabText(index, f"{title} •" if section.is_dirty() else title)

    def save_state(self, settings: QSettings) -> None:
        settings.setValue("settings_page/tab", self.tabs.currentIndex())

    def restore_state(self, settings: QSettings) -> None:
        try:
            index = int(settings.value("settings_page/tab", 0))
        except (TypeError, ValueError):
            index = 0
        if 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

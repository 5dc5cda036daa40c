"""Step 2: the sheet, its header row and what each column imports as (the guesses, their reasons, the defaults)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QTableView,
    QVBoxLayout,
)

from opsdesk.reports.excel_import import ImportDefaults
from opsdesk.reports.excel_mapping import field_label, field_specs
from opsdesk.reports.excel_source import column_letter
from opsdesk.reports.workbook_preview import (
    WorkbookRead,
    column_notes,
    double_fields,
    first_value,
    missing_defaults,
)
from opsdesk.services.settings import list_categories, list_departments
from opsdesk.ui.dialogs.fields import OptionalDateEdit
from opsdesk.ui.dialogs.import_wizard.common import (
    LINE_COLUMN_MAX,
    LINE_HEIGHT,
    MappingCombo,
    SheetLinesModel,
    WizardStep,
    shown_value,
)
from opsdesk.ui.table_model import display_text
from opsdesk.ui.widgets.text import text_label

if TYPE_CHECKING:
    from opsdesk.ui.dialogs.import_wizard.wizard import ImportWizard

VISIBLE_LINES = 5
HEADER_ROW_DELAY_MS = 300  # typing "12" in the header row reads the sheet once, not twice


class ColumnsPage(WizardStep):
    """The sheet's top with its header row shaded, one field chooser per column, the defaults of new risks.

    Changing the sheet or the header row reads the workbook again on the worker; the user's
    column choices stay when they go back a step and come here again with the same reading."""

    def __init__(self, owner: ImportWizard, today: date | None) -> None:
        super().__init__(owner)
        self.setTitle(self.tr("2  Sheet and columns"))
        self.setSubTitle(self.tr("Check the header row and choose what each column imports as."))
        self.shown: WorkbookRead | None = None  # the reading the page shows
        self.mapping_combos: dict[int, QComboBox] = {}
        self.mapping_notes: dict[int, QLabel] = {}
        self.sheet_combo = QComboBox()
        self.sheet_combo.setMinimumContentsLength(16)
        self.sheet_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.header_spin = QSpinBox()
        self.header_spin.setRange(1, 1000)
        self.header_spin.setToolTip(self.tr("The row that names the columns"))
        self.found_label = text_label("", "muted", wrap=False)
        sheet_label = QLabel(self.tr("&Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        top = QHBoxLayout()
        top.addWidget(sheet_label)
        top.addWidget(self.sheet_combo)
        top.addSpacing(12)
        header_label = QLabel(self.tr("&Header row:"))
        header_label.setBuddy(self.header_spin)
        top.addWidget(header_label)
        top.addWidget(self.header_spin)
        top.addSpacing(12)
        top.addWidget(self.found_label, 1)

        self.lines_model = SheetLinesModel(self)
        self.lines_view = QTableView()
        self.lines_view.setModel(self.lines_model)
        self.lines_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_view.setWordWrap(False)
        self.lines_view.horizontalHeader().setDefaultSectionSize(110)
        self.lines_view.verticalHeader().setDefaultSectionSize(LINE_HEIGHT)
        self.lines_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.lines_view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.lines_view.setToolTip(
            self.tr("The top of the sheet; the header row is shaded. Click a row to make it the header.")
        )
        self._fit_lines_view()
        self.lines_view.clicked.connect(self._line_clicked)
        self.columns_error = text_label("", "error")
        self.columns_error.setObjectName("columnsError")
        self.columns_error.hide()

        self.mapping_area = QScrollArea()
        self.mapping_area.setWidgetResizable(True)
        self.mapping_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.mapping_area.setFrameShape(QFrame.Shape.StyledPanel)
        columns_box = QGroupBox(self.tr("Columns: what each one imports as"))
        columns_layout = QVBoxLayout(columns_box)
        columns_layout.setContentsMargins(8, 6, 8, 8)
        columns_layout.addWidget(self.mapping_area)

        self.defaults_box = QGroupBox(self.tr("Defaults for new risks"))
        self.department_combo = QComboBox()
        self.category_combo = QComboBox()
        self.department_combo.addItem(self.tr("(none)"), None)
        self.category_combo.addItem(self.tr("(none)"), None)
        for item in owner.context.call(list_departments):
            self.department_combo.addItem(item.name, item.name)
        for item in owner.context.call(list_categories):
            self.category_combo.addItem(item.name, item.name)
        self.identified_edit = OptionalDateEdit(self.tr("Use"))
        self.identified_edit.set_default_date(today or date.today())
        defaults_form = QFormLayout(self.defaults_box)
        defaults_form.addRow(
            text_label(self.tr("Used where a new risk's row leaves the field empty."), "muted")
        )
        defaults_form.addRow(self.tr("Department:"), self.department_combo)
        defaults_form.addRow(self.tr("Category:"), self.category_combo)
        defaults_form.addRow(self.tr("Identified on:"), self.identified_edit)
        self.defaults_hint = text_label("", "muted")
        defaults_form.addRow(self.defaults_hint)
        self.defaults_box.setMinimumWidth(270)  # wider when its labels need it (translations)
        self.defaults_box.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        lower = QHBoxLayout()
        lower.addWidget(columns_box, 1)
        defaults_column = QVBoxLayout()
        defaults_column.addWidget(self.defaults_box)
        defaults_column.addStretch(1)
        lower.addLayout(defaults_column)

        self.columns_reason = text_label("", "error")
        self.body.addLayout(top)
        self.body.addWidget(self.lines_view)
        self.body.addWidget(self.columns_error)
        self.body.addLayout(lower, 1)
        self.body.addWidget(self.columns_reason)

        self._header_timer = QTimer(self, singleShot=True, interval=HEADER_ROW_DELAY_MS)
        self._header_timer.timeout.connect(self._header_row_chosen)
        self.sheet_combo.activated.connect(self._sheet_chosen)
        self.header_spin.valueChanged.connect(self._header_row_typed)
        self.department_combo.currentIndexChanged.connect(self._mapping_changed)
        self.category_combo.currentIndexChanged.connect(self._mapping_changed)
        self.identified_edit.changed.connect(self._mapping_changed)

    # QWizardPage ------------------------------------------------------------------------------

    def initializePage(self) -> None:
        """Show the wizard's reading; the same reading as last time keeps the user's choices."""
        read = self.owner.read
        if read is not None and read is not self.shown:
            self.show_read(read)
        self.refresh()

    def blocker(self) -> str:
        """Why the rows cannot be checked yet with this mapping ("" when they can)."""
        read = self.shown
        if read is None or read.source is None:
            return self.tr("Choose the sheet and its header row.")
        mapping = self.mapping()
        if not mapping:
            return self.tr("Choose what at least one column imports as.")
        for double in double_fields(mapping, read.kind):
            letters = ", ".join(column_letter(index) for index in double.columns)
            return self.tr(
                "{field} is chosen for columns {letters}: each field comes from one column."
            ).format(field=field_label(read.kind, double.key), letters=letters)
        return ""

    def validatePage(self) -> bool:
        """Next: a header row still being typed is read first (the user sees its columns, then goes on)."""
        if self._header_timer.isActive():
            self._header_timer.stop()
            self._header_row_chosen()
            return False
        return True

    def refresh(self) -> None:
        busy = self.busy()
        for widget in (
            self.sheet_combo,
            self.header_spin,
            self.lines_view,
            self.mapping_area,
            self.defaults_box,
        ):
            widget.setEnabled(not busy)
        shown = self.shown
        self.columns_reason.setText(self.blocker() if shown is not None and shown.source is not None else "")
        self.columns_reason.setVisible(bool(self.columns_reason.text()))
        super().refresh()

    # Showing a reading ----------------------------------------------------------------------------

    def show_read(self, read: WorkbookRead) -> None:
        """Show a reading of the workbook: its sheets, header row, top rows and guessed mapping."""
        self.shown = read
        self.sheet_combo.clear()
        self.sheet_combo.addItems(list(read.sheet_names))
        self.sheet_combo.setCurrentText(read.sheet)
        source = read.source
        header_row = source.header_row if source else self.header_spin.value()
        self.header_spin.blockSignals(True)
        self.header_spin.setValue(header_row)
        self.header_spin.blockSignals(False)
        self.lines_model.set_lines(read.lines, header_row if source else 0)
        self._size_line_columns(header_row if source else 1)
        self._fit_lines_view()
        if source is None:
            self.found_label.setText("")
            self.show_error(read.problem)
        else:
            self.found_label.setText(
                self.tr("{rows} rows under the header in row {row}.").format(
                    rows=len(source.rows), row=source.header_row
                )
            )
            self.columns_error.hide()
        self._build_mapping(read)
        self.defaults_box.setVisible(read.kind == "risks")
        self._mapping_changed()

    def show_error(self, text: str) -> None:
        self.columns_error.setText(text)
        self.columns_error.show()

    def _fit_lines_view(self) -> None:
        """Five whole rows of the sheet, the column letters and the horizontal scroll bar."""
        view = self.lines_view
        view.setFixedHeight(
            view.horizontalHeader().sizeHint().height() + LINE_HEIGHT * VISIBLE_LINES
            + view.horizontalScrollBar().sizeHint().height() + 2 * view.frameWidth()
        )  # fmt: skip

    def _size_line_columns(self, first_row: int) -> None:
        # A title above the header spills over the columns in Excel: it does not set their widths.
        metrics = self.lines_view.fontMetrics()
        bold = QFont(self.lines_view.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        for column in range(self.lines_model.columnCount()):
            widest = metrics.horizontalAdvance(column_letter(column))
            for line in self.lines_model.lines:
                if line.number >= first_row and column < len(line.values):
                    shown = shown_value(line.values[column])
                    measure = bold_metrics if line.number == self.lines_model.header_row else metrics
                    widest = max(widest, measure.horizontalAdvance(shown))
            self.lines_view.setColumnWidth(column, max(48, min(LINE_COLUMN_MAX, widest + 14)))

    def _build_mapping(self, read: WorkbookRead) -> None:
        grid_widget = QFrame()
        grid_widget.setObjectName("mappingGrid")
        grid = QGridLayout(grid_widget)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setHorizontalSpacing(14)
        grid.setVerticalSpacing(4)
        self.mapping_combos = {}
        self.mapping_notes = {}
        source = read.source
        if source is None:
            grid.addWidget(
                text_label(self.tr("Choose the header row above to see the columns."), "muted"), 0, 0
            )
            self.mapping_area.setWidget(grid_widget)
            return
        heads = (self.tr("Column"), self.tr("Header"), self.tr("First value"), self.tr("Imports as"), "")
        for column, text in enumerate(heads):
            grid.addWidget(text_label(text, "columnHead", wrap=False), 0, column)
        specs = field_specs(read.kind)
        for index, header in enumerate(source.headers):
            row = index + 1
            sample = first_value(source, index)
            header_label = text_label(
                header or self.tr("(no header)"), None if header else "muted", wrap=False
            )
            header_label.setToolTip(header)
            sample_label = text_label(shown_value(sample), "muted", wrap=False)
            sample_label.setToolTip(display_text(sample))
            combo = MappingCombo()
            combo.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            combo.addItem(self.tr("— not imported —"), None)
            for spec in specs:
                combo.addItem(field_label(read.kind, spec.key), spec.key)
            chosen = read.mapping.get(index)
            combo.setCurrentIndex(max(0, combo.findData(chosen)) if chosen else 0)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(18)
            combo.setAccessibleName(self.tr("Field of column {letter}").format(letter=column_letter(index)))
            note = text_label("", "muted", wrap=False)
            # Long headers and values shrink (their tooltips hold the full text) instead of widening the grid.
            for label in (header_label, sample_label, note):
                label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
                label.setMinimumWidth(60)
            grid.addWidget(QLabel(column_letter(index)), row, 0)
            grid.addWidget(header_label, row, 1)
            grid.addWidget(sample_label, row, 2)
            grid.addWidget(combo, row, 3)
            grid.addWidget(note, row, 4)
            self.mapping_combos[index] = combo
            self.mapping_notes[index] = note
            combo.currentIndexChanged.connect(self._mapping_changed)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 3)
        grid.setColumnStretch(4, 4)
        grid.setRowStretch(len(source.headers) + 1, 1)
        self.mapping_area.setWidget(grid_widget)

    # The user's choices -------------------------------------------------------------------------

    def mapping(self) -> dict[int, str]:
        """Column index -> field key, as the combos say."""
        return {
            index: combo.currentData() for index, combo in self.mapping_combos.items() if combo.currentData()
        }

    def set_field(self, column: int | str, key: str | None) -> None:
        """Map a column (index or letter) to a field key, or leave it out with None."""
        if isinstance(column, str):
            column = next(index for index in self.mapping_combos if column_letter(index) == column.upper())
        combo = self.mapping_combos[column]
        combo.setCurrentIndex(combo.findData(key) if key else 0)

    def defaults(self) -> ImportDefaults:
        if self.shown is None or self.shown.kind != "risks":
            return ImportDefaults()
        return ImportDefaults(
            department=self.department_combo.currentData(),
            category=self.category_combo.currentData(),
            identified_on=self.identified_edit.value(),
        )

    def _mapping_changed(self, *_args: object) -> None:
        self.owner.preview = None  # checked with other columns or defaults: check again
        read = self.shown
        if read is not None and read.source is not None:
            mapping = self.mapping()
            notes = column_notes(read, mapping)
            for index, label in self.mapping_notes.items():
                note = notes.get(index)
                text = note.text if note is not None else ""
                if note is not None and note.looks_like:
                    text = self.tr("not imported (looks like {field})").format(
                        field=field_label(read.kind, note.looks_like)
                    )
                label.setText(text)
                label.setToolTip(text)
            if read.kind == "risks":
                self.defaults_hint.setText(self._missing_defaults_text(mapping))
        self.refresh()

    def _missing_defaults_text(self, mapping: dict[int, str]) -> str:
        words = {
            "department": self.tr("the department"),
            "category": self.tr("the category"),
            "identified_on": self.tr("the identification date"),
        }
        missing = [words[key] for key in missing_defaults(mapping, self.defaults())]
        if not missing:
            return ""
        return self.tr(
            'No column holds {fields}: new risks go to "Unassigned" and take the workbook\'s date, unless you '
            "choose here."
        ).format(fields=", ".join(missing))

    def _sheet_chosen(self, _index: int) -> None:
        sheet = self.sheet_combo.currentText()
        if self.shown is None or sheet != self.shown.sheet:
            self.owner.request_read(sheet, None)

    def _header_row_typed(self, _value: int) -> None:
        self._header_timer.start()

    def _header_row_chosen(self) -> None:
        self.owner.request_read(self.sheet_combo.currentText() or None, self.header_spin.value())

    def _line_clicked(self, index: QModelIndex) -> None:
        number = self.lines_model.lines[index.row()].number
        if number != self.header_spin.value() or (self.shown is not None and self.shown.source is None):
            self.header_spin.blockSignals(True)
            self.header_spin.setValue(number)
            self.header_spin.blockSignals(False)
            self._header_row_chosen()

"""Editor of a quality objective's definition, and the picker of the periods a baseline freezes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import Problem
from opsdesk.services.quality import (
    PERCENT,
    ObjectiveInput,
    ObjectiveRead,
    create_objective,
    list_objectives,
    objective_problems,
    update_objective,
)
from opsdesk.services.settings import list_departments
from opsdesk.ui import labels
from opsdesk.ui.context import QUALITY, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, OptionalNumberEdit

# Units offered in the unit box; any other text may be typed.
COMMON_UNITS = ("%", "ppm", "h", "days", "count", "€")


class ObjectiveEditor(EditorDialog):
    """Create or change an objective; kind and frequency lock once measurements exist."""

    def __init__(
        self,
        context: AppContext,
        objective: ObjectiveRead | None = None,
        *,
        department_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.objective = objective
        self.result_objective: ObjectiveRead | None = None
        self.setWindowTitle(
            self.tr("Edit quality objective") if objective else self.tr("New quality objective")
        )
        self.setMinimumWidth(560)
        # Names taken by other objectives, archived ones included (the service refuses those too).
        self._taken = {
            item.name.casefold()
            for item in context.call(list_objectives, include_archived=True)
            if objective is None or item.id != objective.id
        }

        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("e.g. Final inspection pass rate"))
        self.department_combo = CodeCombo(
            [(item.id, item.name) for item in context.call(list_departments)],
            placeholder=self.tr("Choose a department…"),
        )
        self.kind_combo = CodeCombo(labels.choices("objective_kind"))
        self.frequency_combo = CodeCombo(
            [(code, text) for code, text in labels.choices("frequency") if code != "weekly"]
        )
        self.unit_combo = QComboBox()
        self.unit_combo.setEditable(True)
        self.unit_combo.addItems(COMMON_UNITS)
        self.numerator_edit = QLineEdit()
        self.numerator_edit.setPlaceholderText(self.tr("e.g. Passed"))
        self.denominator_edit = QLineEdit()
        self.denominator_edit.setPlaceholderText(self.tr("e.g. Inspected"))
        self.target_edit = OptionalNumberEdit(self.tr("Target"), decimals=6)
        self.direction_combo = CodeCombo(labels.choices("direction"))
        self.tolerance_edit = OptionalNumberEdit("0", decimals=6)
        self.owner_edit = QLineEdit()
        self.rule_label = QLabel()
        self.rule_label.setProperty("role", "muted")
        self.rule_label.setWordWrap(True)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr("What is measured, and how"))
        self.description_edit.setFixedHeight(64)

        counts = QWidget()
        row = QHBoxLayout(counts)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.numerator_edit, 1)
        row.addWidget(QLabel("/"))
        row.addWidget(self.denominator_edit, 1)

        target = QWidget()
        target_row = QHBoxLayout(target)
        target_row.setContentsMargins(0, 0, 0, 0)
        target_row.addWidget(self.target_edit, 1)
        tolerance_label = QLabel(self.tr("T&olerance:"))
        tolerance_label.setBuddy(self.tolerance_edit)
        target_row.addSpacing(12)
        target_row.addWidget(tolerance_label)
        target_row.addWidget(self.tolerance_edit, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("&Department:"), self.department_combo)
        form.addRow(self.tr("&Kind:"), self.kind_combo)
        self.counts_label = QLabel(self.tr("Co&unted:"))
        self.counts_label.setBuddy(self.numerator_edit)
        form.addRow(self.counts_label, counts)
        form.addRow(self.tr("U&nit:"), self.unit_combo)
        form.addRow(self.tr("&Target:"), target)
        form.addRow(self.tr("Di&rection:"), self.direction_combo)
        form.addRow("", self.rule_label)
        form.addRow(self.tr("&Frequency:"), self.frequency_combo)
        form.addRow(self.tr("O&wner:"), self.owner_edit)
        form.addRow(self.tr("D&escription:"), self.description_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.footer())

        self._load(department_id)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        for signal in (
            self.name_edit.textChanged,
            self.department_combo.currentIndexChanged,
            self.kind_combo.currentIndexChanged,
            self.frequency_combo.currentIndexChanged,
            self.unit_combo.currentTextChanged,
            self.numerator_edit.textChanged,
            self.denominator_edit.textChanged,
            self.target_edit.textChanged,
            self.direction_combo.currentIndexChanged,
            self.tolerance_edit.textChanged,
            self.owner_edit.textChanged,
            self.description_edit.textChanged,
        ):
            signal.connect(self.revalidate)
        self._kind_changed()
        self.mark_clean()
        self.name_edit.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: AppContext,
        objective: ObjectiveRead | None = None,
        *,
        department_id: int | None = None,
    ) -> ObjectiveRead | None:
        """Open the editor; the saved objective, or None when cancelled."""
        dialog = cls(context, objective, department_id=department_id, parent=parent)
        dialog.exec()
        return dialog.result_objective

    def _load(self, department_id: int | None) -> None:
        objective = self.objective
        if objective is None:
            self.department_combo.set_value(department_id)
            self.kind_combo.set_value("ratio")
            self.frequency_combo.set_value("monthly")
            self.direction_combo.set_value("lower_is_worse")
            self.unit_combo.setCurrentText(PERCENT)
            return
        self.name_edit.setText(objective.name)
        self.department_combo.set_value(objective.department_id)
        self.kind_combo.show_stored(objective.kind)
        self.frequency_combo.show_stored(objective.frequency)
        self.unit_combo.setCurrentText(objective.unit)
        self.numerator_edit.setText(objective.numerator_label)
        self.denominator_edit.setText(objective.denominator_label)
        self.target_edit.set_value(objective.target)
        self.direction_combo.show_stored(objective.direction)
        self.tolerance_edit.set_value(objective.tolerance)
        self.owner_edit.setText(objective.owner)
        self.description_edit.setPlainText(objective.description)
        if objective.last_period is not None:
            # Recorded periods and numbers would no longer fit another kind or frequency.
            locked = self.tr("Fixed once measurements are recorded.")
            for combo in (self.kind_combo, self.frequency_combo):
                combo.setEnabled(False)
                combo.setToolTip(locked)

    def _kind_changed(self, *_args: object) -> None:
        is_ratio = self.kind_combo.value() == "ratio"
        for widget in (self.counts_label, self.numerator_edit, self.denominator_edit):
            widget.setEnabled(is_ratio)

    def _is_ratio(self) -> bool:
        return self.kind_combo.value() == "ratio"

    # EditorDialog ---------------------------------------------------------------------------

    def snapshot(self) -> tuple:
        return (
            self.name_edit.text(),
            self.department_combo.value(),
            self.kind_combo.value(),
            self.frequency_combo.value(),
            self.unit_combo.currentText(),
            self.numerator_edit.text(),
            self.denominator_edit.text(),
            self.target_edit.text(),
            self.direction_combo.value(),
            self.tolerance_edit.text(),
            self.owner_edit.text(),
            self.description_edit.toPlainText(),
        )

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "name": self.name_edit,
            "department_id": self.department_combo,
            "kind": self.kind_combo,
            "frequency": self.frequency_combo,
            "unit": self.unit_combo,
            "numerator_label": self.numerator_edit,
            "denominator_label": self.denominator_edit,
            "target": self.target_edit,
            "direction": self.direction_combo,
            "tolerance": self.tolerance_edit,
            "owner": self.owner_edit,
            "description": self.description_edit,
        }

    def local_errors(self) -> dict[str, str]:
        """The problems `services.quality` would refuse the form with, from the same rules."""
        self._explain_status()
        errors: dict[str, str] = {}
        # Only the form has typed text that is not a number: the service sees a number or none.
        for field, edit in (("target", self.target_edit), ("tolerance", self.tolerance_edit)):
            if edit.text().strip() and edit.value() is None:
                errors[field] = Problem(field, "not_a_number", record="objective").message()
        for problem in objective_problems(self.data(), taken=self._taken):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def _explain_status(self) -> None:
        """Say in words what met / at risk / missed will mean with the values typed so far."""
        target = self.target_edit.value()
        tolerance = self.tolerance_edit.value() or 0.0
        unit = self.unit_combo.currentText().strip()
        if target is None:
            self.rule_label.setText("")
            self.rule_label.hide()
            return
        self.rule_label.show()
        lower_is_worse = self.direction_combo.value() == "lower_is_worse"
        edge = target - tolerance if lower_is_worse else target + tolerance
        if lower_is_worse:
            text = self.tr("Met at {target} {unit} or more; at risk down to {edge} {unit}; missed below.")
        else:
            text = self.tr("Met at {target} {unit} or less; at risk up to {edge} {unit}; missed above.")
        text = text.format(target=f"{target:g}", edge=f"{edge:g}", unit=unit)
        self.rule_label.setText(" ".join(text.split()).replace(" ;", ";").replace(" .", "."))

    def data(self) -> ObjectiveInput:
        """The objective as typed (an empty tolerance is 0; counts' labels only for a ratio)."""
        is_ratio = self._is_ratio()
        return ObjectiveInput(
            name=self.name_edit.text().strip(),
            department_id=self.department_combo.value(),
            target=self.target_edit.value(),
            kind=self.kind_combo.value(),
            unit=self.unit_combo.currentText().strip(),
            direction=self.direction_combo.value(),
            tolerance=self.tolerance_edit.value() or 0.0,
            frequency=self.frequency_combo.value(),
            owner=self.owner_edit.text().strip(),
            numerator_label=self.numerator_edit.text().strip() if is_ratio else "",
            denominator_label=self.denominator_edit.text().strip() if is_ratio else "",
            description=self.description_edit.toPlainText(),
        )

    def perform_save(self) -> None:
        data = self.data()
        if self.objective is None:
            self.result_objective = self.context.write(create_objective, topics=(QUALITY,), data=data)
        else:
            self.result_objective = self.context.write(
                update_objective,
                topics=(QUALITY,),
                objective_id=self.objective.id,
                data=data,
                expected_version=self.objective.version,
            )
        self.objective = self.result_objective


class BaselineDialog(QDialog):
    """Choose the first and last period whose measurements set the control limits."""

    def __init__(
        self,
        periods: Sequence[str],
        *,
        first: str | None = None,
        last: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Freeze baseline"))
        self.setMinimumWidth(420)
        self.periods = list(periods)
        self.chosen: tuple[str, str] | None = None
        intro = QLabel(
            self.tr(
                "The control limits will be computed from the measured periods of the baseline only, "
                "so later points are judged against how the process ran then."
            )
        )
        intro.setWordWrap(True)
        self.first_combo = QComboBox()
        self.last_combo = QComboBox()
        for combo in (self.first_combo, self.last_combo):
            combo.addItems(self.periods)
        self.first_combo.setCurrentText(first or (self.periods[0] if self.periods else ""))
        self.last_combo.setCurrentText(last or (self.periods[-1] if self.periods else ""))
        self.count_label = QLabel()
        self.count_label.setProperty("role", "muted")
        self.reason_label = QLabel()
        self.reason_label.setProperty("role", "error")
        self.reason_label.setWordWrap(True)
        self.ok_button = QPushButton(self.tr("Freeze"))
        self.ok_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.ok_button.clicked.connect(self._accept)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("&First period:"), self.first_combo)
        form.addRow(self.tr("&Last period:"), self.last_combo)
        form.addRow("", self.count_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.reason_label)
        layout.addLayout(buttons)
        self.first_combo.currentIndexChanged.connect(self._revalidate)
        self.last_combo.currentIndexChanged.connect(self._revalidate)
        self._revalidate()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        periods: Sequence[str],
        *,
        first: str | None = None,
        last: str | None = None,
    ) -> tuple[str, str] | None:
        """The chosen (first, last) periods, or None when cancelled."""
        dialog = cls(periods, first=first, last=last, parent=parent)
        dialog.exec()
        return dialog.chosen

    def _selection(self) -> tuple[int, int]:
        return self.first_combo.currentIndex(), self.last_combo.currentIndex()

    def _revalidate(self, *_args: object) -> None:
        first, last = self._selection()
        count = max(0, last - first + 1)
        self.count_label.setText(self.tr("%n measured period(s)", "", count))
        if first > last:
            reason = self.tr("The last period comes before the first.")
        elif count < 2:
            reason = self.tr("A baseline needs at least 2 measured periods.")
        else:
            reason = ""
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.ok_button.setEnabled(not reason)

    def _accept(self) -> None:
        if not self.ok_button.isEnabled():
            return
        self.chosen = (self.first_combo.currentText(), self.last_combo.currentText())
        self.accept()

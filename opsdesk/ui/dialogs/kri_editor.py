"""Editor of a key risk indicator's definition: name, linked risk, unit, direction and thresholds."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.records import KRI
from opsdesk.services.kris import KriInput, KriRead, create_kri, get_kri, kri_problems, update_kri
from opsdesk.services.risks import list_risks
from opsdesk.services.settings import list_departments
from opsdesk.ui import labels
from opsdesk.ui.context import ALERTS, KRIS, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, OptionalNumberEdit


class RiskPicker(QComboBox):
    """A risk combo you can type into: matches code or title anywhere, or "no linked risk"."""

    def __init__(self, none_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(20)
        self.none_text = none_text
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)

    def set_risks(self, risks: list[tuple[int, str]]) -> None:
        self.blockSignals(True)
        self.clear()
        self.addItem(self.none_text, None)
        for risk_id, text in risks:
            self.addItem(text, risk_id)
        self.blockSignals(False)

    def is_valid(self) -> bool:
        """False while the typed text names no risk of the list."""
        return self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString) >= 0

    def value(self) -> int | None:
        number = self.findText(self.currentText(), Qt.MatchFlag.MatchFixedString)
        return self.itemData(number) if number >= 0 else None

    def set_value(self, risk_id: int | None) -> None:
        number = self.findData(risk_id)
        self.setCurrentIndex(number if number >= 0 else 0)


class KriEditor(EditorDialog):
    """Create or change an indicator; Save stays off while the thresholds contradict the direction."""

    def __init__(
        self,
        context: AppContext,
        kri_id: int | None = None,
        *,
        risk_id: int | None = None,
        department_id: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.kri_id = kri_id
        self.kri: KriRead | None = context.call(get_kri, kri_id=kri_id) if kri_id is not None else None
        self.result_kri: KriRead | None = None
        self.setWindowTitle(self.tr("Edit indicator") if self.kri else self.tr("New indicator"))
        self.setMinimumWidth(560)

        self.name_edit = QLineEdit()
        # Room past the limit, so a pasted name too long is refused with a message, not cut short.
        self.name_edit.setMaxLength(KRI["name"].length_limit + 20)
        self.name_edit.setPlaceholderText(self.tr("e.g. Unplanned downtime of line 2"))
        self.risk_combo = RiskPicker(self.tr("(no linked risk)"))
        self.risk_combo.set_risks(
            [(risk.id, f"{risk.code}  {risk.title}") for risk in context.call(list_risks)]
        )
        self.department_combo = CodeCombo(
            [(item.id, item.name) for item in context.call(list_departments)],
            placeholder=self.tr("Choose a department…"),
        )
        self.unit_edit = QLineEdit()
        self.unit_edit.setPlaceholderText(self.tr("e.g. %, hours, count"))
        self.direction_combo = CodeCombo(labels.choices("direction"))
        self.frequency_combo = CodeCombo(labels.choices("frequency"))
        self.warning_edit = OptionalNumberEdit(self.tr("Warning at"), decimals=6)
        self.alarm_edit = OptionalNumberEdit(self.tr("Alarm at"), decimals=6)
        self.rule_label = QLabel()
        self.rule_label.setProperty("role", "muted")
        self.rule_label.setWordWrap(True)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr("What is measured, and how"))
        self.description_edit.setFixedHeight(72)

        thresholds = QWidget()
        row = QHBoxLayout(thresholds)
        row.setContentsMargins(0, 0, 0, 0)
        warning_label = QLabel(self.tr("&Warning:"))
        warning_label.setBuddy(self.warning_edit)
        alarm_label = QLabel(self.tr("A&larm:"))
        alarm_label.setBuddy(self.alarm_edit)
        row.addWidget(warning_label)
        row.addWidget(self.warning_edit, 1)
        row.addSpacing(12)
        row.addWidget(alarm_label)
        row.addWidget(self.alarm_edit, 1)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Name:"), self.name_edit)
        form.addRow(self.tr("Linked &risk:"), self.risk_combo)
        form.addRow(self.tr("&Department to notify:"), self.department_combo)
        form.addRow(self.tr("&Unit:"), self.unit_edit)
        form.addRow(self.tr("D&irection:"), self.direction_combo)
        form.addRow(self.tr("Thresholds:"), thresholds)
        form.addRow("", self.rule_label)
        form.addRow(self.tr("Reading &frequency:"), self.frequency_combo)
        form.addRow(self.tr("D&escription:"), self.description_edit)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.footer())

        self._load(risk_id, department_id)
        for signal in (
            self.name_edit.textChanged,
            self.risk_combo.currentTextChanged,
            self.department_combo.currentIndexChanged,
            self.unit_edit.textChanged,
            self.direction_combo.currentIndexChanged,
            self.frequency_combo.currentIndexChanged,
            self.warning_edit.textChanged,
            self.alarm_edit.textChanged,
            self.description_edit.textChanged,
        ):
            signal.connect(self.revalidate)
        self.mark_clean()
        self.name_edit.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: AppContext,
        kri_id: int | None = None,
        *,
        risk_id: int | None = None,
        department_id: int | None = None,
    ) -> KriRead | None:
        """Open the editor; the saved indicator, or None when cancelled."""
        dialog = cls(context, kri_id, risk_id=risk_id, department_id=department_id, parent=parent)
        dialog.exec()
        return dialog.result_kri

    def _load(self, risk_id: int | None, department_id: int | None) -> None:
        kri = self.kri
        if kri is None:
            self.frequency_combo.set_value("monthly")
            self.risk_combo.set_value(risk_id)
            self.department_combo.set_value(department_id)
            return
        self.name_edit.setText(kri.name)
        self.risk_combo.set_value(kri.risk_id)
        self.department_combo.set_value(kri.department_id)
        self.unit_edit.setText(kri.unit)
        self.direction_combo.show_stored(kri.direction)
        self.frequency_combo.show_stored(kri.frequency)
        self.warning_edit.set_value(kri.warning)
        self.alarm_edit.set_value(kri.alarm)
        self.description_edit.setPlainText(kri.description)

    # EditorDialog ---------------------------------------------------------------------------

    def snapshot(self) -> tuple:
        return (
            self.name_edit.text(),
            self.risk_combo.currentText(),
            self.department_combo.value(),
            self.unit_edit.text(),
            self.direction_combo.value(),
            self.frequency_combo.value(),
            self.warning_edit.text(),
            self.alarm_edit.text(),
            self.description_edit.toPlainText(),
        )

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "name": self.name_edit,
            "risk_id": self.risk_combo,
            "department_id": self.department_combo,
            "unit": self.unit_edit,
            "direction": self.direction_combo,
            "frequency": self.frequency_combo,
            "warning": self.warning_edit,
            "alarm": self.alarm_edit,
            "description": self.description_edit,
        }

    def local_errors(self) -> dict[str, str]:
        """The problems `services.kris` would refuse the form with, from the same rules."""
        self._explain_direction()
        errors: dict[str, str] = {}
        if not self.risk_combo.is_valid():
            # Only the form has typed text that names no risk: the service sees a risk id or none.
            errors["risk_id"] = self.tr("Choose the linked risk from the list, or “(no linked risk)”.")
        for problem in kri_problems(self.data()):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def _explain_direction(self) -> None:
        unit = self.unit_edit.text().strip()
        warning = self.warning_edit.text().strip() or "…"
        alarm = self.alarm_edit.text().strip() or "…"
        if self.direction_combo.value() == "lower_is_worse":
            text = self.tr(
                "A reading at or below {warning} {unit} is a warning, at or below {alarm} {unit} an alarm."
            )
        else:
            text = self.tr(
                "A reading at or above {warning} {unit} is a warning, at or above {alarm} {unit} an alarm."
            )
        self.rule_label.setText(" ".join(text.format(warning=warning, alarm=alarm, unit=unit).split()))

    def data(self) -> KriInput:
        return KriInput(
            name=self.name_edit.text().strip(),
            department_id=self.department_combo.value(),
            warning=self.warning_edit.value(),
            alarm=self.alarm_edit.value(),
            direction=self.direction_combo.value(),
            unit=self.unit_edit.text().strip(),
            frequency=self.frequency_combo.value(),
            risk_id=self.risk_combo.value(),
            description=self.description_edit.toPlainText(),
        )

    def perform_save(self) -> None:
        data = self.data()
        if self.kri is None:
            self.result_kri = self.context.write(create_kri, topics=(KRIS,), data=data)
        else:
            self.result_kri = self.context.write(
                update_kri,
                topics=(KRIS, ALERTS),
                kri_id=self.kri.id,
                data=data,
                expected_version=self.kri.version,
            )
        self.kri = self.result_kri

"""Editor of a customer feedback entry, and the dialog that feeds a complaint-rate objective."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
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

from opsdesk.domain.errors import OpsDeskError, Problem
from opsdesk.domain.periods import period_bounds, period_key
from opsdesk.services.feedback import (
    FeedbackInput,
    FeedbackRead,
    add_feedback,
    complaint_count,
    feed_complaint_numerator,
    feedback_problems,
    update_feedback,
)
from opsdesk.services.nonconformities import list_nonconformities
from opsdesk.services.quality import (
    MeasurementInput,
    MeasurementRead,
    ObjectiveRead,
    actual_value,
    get_measurement,
    last_complete_period,
    list_objectives,
    measurement_problems,
)
from opsdesk.services.settings import get_fiscal_start_month
from opsdesk.ui import labels, messages
from opsdesk.ui.context import QUALITY, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit, OptionalNumberEdit, to_qdate

# Closed nonconformities stay offered for linking this long after closing.
RECENT_CLOSED_DAYS = 180
# Periods offered when feeding a complaint rate, ending with the current one.
PERIODS_OFFERED = 12


def stars(rating: int | None) -> str:
    """A 1-5 rating as stars, e.g. ★★★★☆."""
    if rating is None:
        return ""
    return "★" * rating + "☆" * (5 - rating)


class FeedbackEditor(EditorDialog):
    """Log or correct one piece of customer feedback, optionally linked to a nonconformity."""

    def __init__(
        self,
        context: AppContext,
        entry: FeedbackRead | None = None,
        *,
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.entry = entry
        self.today = today or date.today()
        self.result_entry: FeedbackRead | None = None
        self.setWindowTitle(self.tr("Edit feedback") if entry else self.tr("New customer feedback"))
        self.setMinimumWidth(560)

        self.received_edit = DateEdit(self.today)
        self.received_edit.setMaximumDate(to_qdate(self.today))
        self.channel_combo = CodeCombo(labels.choices("feedback_channel"))
        self.customer_edit = QLineEdit()
        self.customer_edit.setPlaceholderText(self.tr("Company or person"))
        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("Product or service concerned"))
        self.complaint_check = QCheckBox(self.tr("This is a &complaint"))
        self.rating_combo = CodeCombo(
            [(n, f"{stars(n)}  {n}") for n in range(1, 6)], placeholder=self.tr("No rating")
        )
        self.hours_edit = OptionalNumberEdit(self.tr("hours to first answer"), decimals=1)
        self.nc_combo = CodeCombo(self._nonconformities(), placeholder=self.tr("(no nonconformity)"))
        self.nc_combo.setMaxVisibleItems(20)
        self.description_edit = QPlainTextEdit()
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setPlaceholderText(self.tr("What the customer said"))
        self.description_edit.setFixedHeight(96)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Received on:"), self.received_edit)
        form.addRow(self.tr("C&hannel:"), self.channel_combo)
        form.addRow(self.tr("C&ustomer:"), self.customer_edit)
        form.addRow(self.tr("&Product:"), self.product_edit)
        form.addRow("", self.complaint_check)
        form.addRow(self.tr("R&ating:"), self.rating_combo)
        form.addRow(self.tr("Response &time (h):"), self.hours_edit)
        form.addRow(self.tr("&Nonconformity:"), self.nc_combo)
        form.addRow(self.tr("&Description:"), self.description_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.footer())

        self._load()
        for signal in (
            self.received_edit.dateChanged,
            self.channel_combo.currentIndexChanged,
            self.customer_edit.textChanged,
            self.product_edit.textChanged,
            self.complaint_check.toggled,
            self.rating_combo.currentIndexChanged,
            self.hours_edit.textChanged,
            self.nc_combo.currentIndexChanged,
            self.description_edit.textChanged,
        ):
            signal.connect(self.revalidate)
        self.mark_clean()
        self.customer_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, entry: FeedbackRead | None = None
    ) -> FeedbackRead | None:
        """Open the editor; the saved entry, or None when cancelled."""
        dialog = cls(context, entry, parent=parent)
        dialog.exec()
        return dialog.result_entry

    def _nonconformities(self) -> list[tuple[int, str]]:
        """Open nonconformities and recently closed ones (and the one linked now), newest first."""
        linked = self.entry.nonconformity_id if self.entry else None
        since = self.today - timedelta(days=RECENT_CLOSED_DAYS)
        offered = []
        for nc in reversed(self.context.call(list_nonconformities, today=self.today)):
            recent = nc.closed_on is None or nc.closed_on >= since
            if recent or nc.id == linked:
                state = labels.label("nc_status", nc.status)
                offered.append((nc.id, f"{nc.code}  {nc.title}  ({state})"))
        return offered

    def _load(self) -> None:
        entry = self.entry
        if entry is None:
            return
        self.received_edit.set_value(entry.received_on)
        self.channel_combo.show_stored(entry.channel)
        self.customer_edit.setText(entry.customer)
        self.product_edit.setText(entry.product)
        self.complaint_check.setChecked(entry.is_complaint)
        self.rating_combo.show_stored(entry.rating)
        self.hours_edit.set_value(entry.response_hours)
        if entry.nonconformity_id is not None and not self.nc_combo.set_value(entry.nonconformity_id):
            # Linked to an archived nonconformity: keep showing the link.
            self.nc_combo.addItem(
                entry.nonconformity_code or str(entry.nonconformity_id), entry.nonconformity_id
            )
            self.nc_combo.set_value(entry.nonconformity_id)
        self.description_edit.setPlainText(entry.description)

    # EditorDialog ---------------------------------------------------------------------------

    def snapshot(self) -> tuple:
        return (
            self.received_edit.value(),
            self.channel_combo.value(),
            self.customer_edit.text(),
            self.product_edit.text(),
            self.complaint_check.isChecked(),
            self.rating_combo.value(),
            self.hours_edit.text(),
            self.nc_combo.value(),
            self.description_edit.toPlainText(),
        )

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "received_on": self.received_edit,
            "channel": self.channel_combo,
            "customer": self.customer_edit,
            "product": self.product_edit,
            "is_complaint": self.complaint_check,
            "rating": self.rating_combo,
            "response_hours": self.hours_edit,
            "nonconformity_id": self.nc_combo,
            "description": self.description_edit,
        }

    def local_errors(self) -> dict[str, str]:
        """The problems `services.feedback` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        data = self.data()
        if not (data.customer or data.product or data.description):
            # The form's own demand: the service keeps a bare count-only entry (an import, a tally),
            # but a person typing one says at least who, on what, or what.
            errors["customer"] = Problem("customer", "feedback.say_something").message()
        if not self.hours_edit.text_is_number():
            # Only the form sees the typed text; the service would get "no response time".
            errors["response_hours"] = Problem("response_hours", "feedback.hours_not_a_number").message()
        for problem in feedback_problems(data, self.today):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def data(self) -> FeedbackInput:
        return FeedbackInput(
            received_on=self.received_edit.value(),
            channel=self.channel_combo.value(),
            customer=self.customer_edit.text().strip(),
            product=self.product_edit.text().strip(),
            is_complaint=self.complaint_check.isChecked(),
            rating=self.rating_combo.value(),
            response_hours=self.hours_edit.value(),
            description=self.description_edit.toPlainText().strip(),
            nonconformity_id=self.nc_combo.value(),
        )

    def perform_save(self) -> None:
        data = self.data()
        if self.entry is None:
            self.result_entry = self.context.write(add_feedback, topics=(QUALITY,), data=data)
        else:
            self.result_entry = self.context.write(
                update_feedback,
                topics=(QUALITY,),
                feedback_id=self.entry.id,
                data=data,
                expected_version=self.entry.version,
            )
        self.entry = self.result_entry


class ComplaintRateDialog(QDialog):
    """Record a complaint-rate period: the complaints logged become the numerator, the user gives the orders."""

    def __init__(
        self, context: AppContext, *, today: date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.today = today or date.today()
        self.start_month = context.call(get_fiscal_start_month)
        self.recorded: MeasurementRead | None = None
        self.count = 0
        self.existing: MeasurementRead | None = None
        self.setWindowTitle(self.tr("Feed complaint rate"))
        self.setMinimumWidth(520)
        self.objectives: list[ObjectiveRead] = [o for o in context.call(list_objectives) if o.kind == "ratio"]

        intro = QLabel(
            self.tr(
                "The complaints logged in the period become the numerator of the objective; "
                "give the denominator (e.g. orders delivered) for the same period."
            )
        )
        intro.setWordWrap(True)
        self.objective_combo = CodeCombo([(o.id, o.name) for o in self.objectives])
        self.period_combo = QComboBox()
        self.denominator_label = QLabel(self.tr("&Denominator:"))
        self.denominator_edit = OptionalNumberEdit(self.tr("e.g. orders delivered"), decimals=0)
        self.denominator_label.setBuddy(self.denominator_edit)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextFormat(Qt.TextFormat.PlainText)
        self.reason_label = QLabel()
        self.reason_label.setProperty("role", "error")
        self.reason_label.setWordWrap(True)
        self.record_button = QPushButton(self.tr("Record"))
        self.record_button.setDefault(True)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.record_button.clicked.connect(self.record)
        self.cancel_button.clicked.connect(self.reject)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Objective:"), self.objective_combo)
        form.addRow(self.tr("&Period:"), self.period_combo)
        form.addRow(self.denominator_label, self.denominator_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.record_button)
        buttons.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.reason_label)
        layout.addLayout(buttons)

        # Preselect the objective that counts complaints, when there is one.
        preferred = next(
            (o.id for o in self.objectives if "complaint" in f"{o.name} {o.numerator_label}".casefold()),
            self.objectives[0].id if self.objectives else None,
        )
        self.objective_combo.set_value(preferred)
        self.objective_combo.currentIndexChanged.connect(self._objective_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self.denominator_edit.textChanged.connect(self._revalidate)
        self._objective_changed()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext) -> MeasurementRead | None:
        """Open the dialog; the recorded measurement, or None when cancelled."""
        dialog = cls(context, parent=parent)
        dialog.exec()
        return dialog.recorded

    def objective(self) -> ObjectiveRead | None:
        chosen = self.objective_combo.value()
        return next((o for o in self.objectives if o.id == chosen), None)

    def period(self) -> str:
        return self.period_combo.currentData() or ""

    def _objective_changed(self, *_args: object) -> None:
        objective = self.objective()
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        if objective is not None:
            self.denominator_label.setText((objective.denominator_label or self.tr("Denominator")) + ":")
            key = period_key(self.today, objective.frequency, self.start_month)
            keys = [key]
            while len(keys) < PERIODS_OFFERED:
                first_day = period_bounds(keys[-1], self.start_month)[0]
                keys.append(period_key(first_day - timedelta(days=1), objective.frequency, self.start_month))
            for key in keys:
                self.period_combo.addItem(key, key)
            # The last period that has ended is the one usually reported.
            default = last_complete_period(self.today, objective.frequency, self.start_month)
            self.period_combo.setCurrentIndex(max(self.period_combo.findData(default), 0))
        self.period_combo.blockSignals(False)
        self._period_changed()

    def _period_changed(self, *_args: object) -> None:
        objective, period = self.objective(), self.period()
        if objective is None or not period:
            self.count, self.existing = 0, None
        else:
            self.count = self.context.call(complaint_count, period=period)
            self.existing = self.context.call(get_measurement, objective_id=objective.id, period=period)
        self.denominator_edit.set_value(None if self.existing is None else self.existing.denominator)
        self._revalidate()

    def _revalidate(self, *_args: object) -> None:
        objective, period = self.objective(), self.period()
        denominator = self.denominator_edit.value()
        reason = ""
        if objective is None:
            reason = self.tr("There is no ratio objective to feed; create a complaint-rate objective first.")
        elif not self.denominator_edit.text().strip():
            reason = self.tr("Give the denominator for {period}.").format(period=period)
        elif denominator is None:
            reason = self.tr("The denominator must be a number.")
        else:  # the measurement's own rules (a denominator above 0, at least the complaints counted)
            measured = MeasurementInput(period=period, numerator=self.count, denominator=denominator)
            problems = measurement_problems(objective, measured, self.start_month)
            reason = problems[0].message() if problems else ""
        self.summary_label.setText(self._summary(objective, period, denominator if not reason else None))
        self.reason_label.setText(reason)
        self.reason_label.setVisible(bool(reason))
        self.record_button.setEnabled(not reason)

    def _summary(self, objective: ObjectiveRead | None, period: str, denominator: float | None) -> str:
        if objective is None or not period:
            return ""
        lines = [
            self.tr(
                "%n complaint(s) logged in {period} will be recorded as the numerator.", "", self.count
            ).format(period=period)
        ]
        if self.existing is not None:
            lines.append(
                self.tr("This replaces the recorded {numerator} / {denominator}.").format(
                    numerator=f"{self.existing.numerator or 0:g}",
                    denominator=f"{self.existing.denominator or 0:g}",
                )
            )
        if denominator:
            rate = actual_value(objective.kind, objective.unit, self.count, denominator, None)
            if rate is not None:
                lines.append(
                    self.tr("{name}: {rate} (target {target} {unit}).")
                    .format(
                        name=objective.name,
                        rate=f"{rate:.2f} {objective.unit}".strip(),
                        target=f"{objective.target:g}",
                        unit=objective.unit,
                    )
                    .replace(" )", ")")
                )
        return "\n".join(lines)

    def record(self) -> bool:
        """Write the measurement; on a refusal keep the dialog open and say why."""
        objective, period = self.objective(), self.period()
        if objective is None or not self.record_button.isEnabled():
            return False
        try:
            self.recorded = self.context.write(
                feed_complaint_numerator,
                topics=(QUALITY,),
                objective_id=objective.id,
                period=period,
                denominator=self.denominator_edit.value(),
                expected_version=None if self.existing is None else self.existing.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Complaint rate not recorded"))
            self._period_changed()
            return False
        self.accept()
        return True

"""The risk editor: identification, assessments, response, actions, indicators and history in tabs."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.catalogue import field_label
from opsdesk.domain.conflicts import (
    MINE,
    THEIRS,
    FieldChange,
    FieldSpec,
    compare_fields,
    entries_after,
    overwritten_changes,
)
from opsdesk.domain.errors import ConflictError, OpsDeskError, Problem, ValidationError
from opsdesk.domain.matrix import LevelBand, RiskMatrix
from opsdesk.domain.records import RISK
from opsdesk.domain.risks import check_assessment, check_risk, current_assessments, residual_level_after
from opsdesk.services.actions import ActionRead, complete_action, list_actions
from opsdesk.services.history import AuditRead, audit_history
from opsdesk.services.kris import KriRead, list_kris
from opsdesk.services.risks import (
    AssessmentInput,
    AssessmentRead,
    RiskInput,
    RiskRead,
    assessment_history,
    create_risk,
    get_risk,
    update_risk,
)
from opsdesk.services.settings import NamedItem, list_categories, list_departments
from opsdesk.ui import labels, messages, theme
from opsdesk.ui.context import ACTIONS, ALERTS, RISKS, AppContext
from opsdesk.ui.dialogs.action_editor import ActionEditor
from opsdesk.ui.dialogs.conflict_view import ConflictPanel, OverwriteNote, savers_text
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit, OptionalDateEdit, OptionalNumberEdit, to_qdate
from opsdesk.ui.field_inputs import FieldInput, add_missing_inputs, bind, plain_text_edit, read_all
from opsdesk.ui.regional import display_number
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.chart import ChartView
from opsdesk.ui.widgets.level_chip import LevelChip
from opsdesk.ui.widgets.table import RecordTableView

KINDS = ("inherent", "residual", "target")
OVERDUE_BACKGROUND = "#FFCDD2"  # with dark ink from text_color_for, readable in both themes
KRI_STATE_COLORS = {"ok": "#4CAF50", "warning": "#FFC107", "alarm": "#D32F2F"}
# After a conflict, a field whose saved value the next Save replaces gets an amber frame.
OVERWRITE_STYLE = '*[overwrite="true"] { border: 2px solid #FB8C00; border-radius: 2px; }'
# The risk's own fields a conflict compares: every field the editor shows (the current
# assessments are compared apart, as L × I).
CONFLICT_FIELDS = tuple(field.key for field in RISK.editable())
ACCEPTANCE_FIELDS = tuple(field.key for field in RISK.in_section("acceptance"))
_plain_text = plain_text_edit


class ElidedLabel(QLabel):
    """One line of text cut with an ellipsis to the width it gets; the full text is its tooltip."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        # Ignored: a long text must not push its neighbours (the level chips) out of the row.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.setMinimumWidth(120)

    def set_full_text(self, text: str) -> None:
        self._full = text
        self.setToolTip(text)
        self._elide()

    def full_text(self) -> str:
        return self._full

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def _elide(self) -> None:
        self.setText(
            self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(self.width(), 40))
        )


class AssessmentPanel(QGroupBox):
    """Likelihood and impact pickers labelled by the matrix, a live score and level, extras."""

    changed = Signal()

    def __init__(self, kind: str, matrix: RiskMatrix, parent: QWidget | None = None) -> None:
        super().__init__(labels.label("assessment_kind", kind), parent)
        self.kind = kind
        self.matrix = matrix
        self.baseline: tuple = (None, None, None, None, "")
        self.likelihood = CodeCombo()
        self.impact = CodeCombo()
        self.score_label = QLabel()
        self.score_label.setMinimumWidth(28)
        self.score_label.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.chip = LevelChip()
        self.probability = OptionalNumberEdit(self.tr("optional, 0–100"), decimals=1)
        self.financial = OptionalNumberEdit(self.tr("optional amount"))
        self.assessed_on = DateEdit()
        self.assessed_on.setMaximumDate(to_qdate(date.today()))
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("Why this assessment"))
        self.current_label = QLabel()
        self.current_label.setProperty("role", "muted")
        self.current_label.setWordWrap(True)

        result = QHBoxLayout()
        result.setContentsMargins(0, 0, 0, 0)
        result.addWidget(self.score_label)
        result.addWidget(self.chip)
        result.addStretch(1)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Likelihood"), self.likelihood)
        form.addRow(self.tr("Impact"), self.impact)
        form.addRow(self.tr("Score"), result)
        form.addRow(self.tr("Probability %"), self.probability)
        form.addRow(self.tr("Financial impact"), self.financial)
        form.addRow(self.tr("Assessed on"), self.assessed_on)
        form.addRow(self.tr("Note"), self.note)
        form.addRow(self.current_label)

        for signal in (
            self.likelihood.currentIndexChanged, self.impact.currentIndexChanged, self.probability.textChanged,
            self.financial.textChanged, self.note.textChanged, self.assessed_on.dateChanged,
        ):  # fmt: skip
            signal.connect(self._on_change)

    def load(self, likelihood: int | None, impact: int | None, current: AssessmentRead | None) -> None:
        """Show the current assessment of this kind; it becomes the baseline for 'changed'."""
        for combo in (self.likelihood, self.impact):
            combo.blockSignals(True)
        # The "not assessed" entry exists only while there is no assessment: one cannot be removed.
        placeholder = self.tr("— Not assessed —") if likelihood is None or impact is None else None
        self.likelihood.set_items(
            [(n, f"{n} · {text}") for n, text in enumerate(self.matrix.likelihood_labels, start=1)],
            placeholder,
        )
        self.impact.set_items(
            [(n, f"{n} · {text}") for n, text in enumerate(self.matrix.impact_labels, start=1)], placeholder
        )
        for combo, value in ((self.likelihood, likelihood), (self.impact, impact)):
            if not combo.set_value(value) and value is not None:
                # Beyond the matrix (written outside OpsDesk): shown as it is, never silently as another.
                combo.addItem(f"{value} · {labels.invalid_value()}", value)
                combo.set_value(value)
        for combo in (self.likelihood, self.impact):
            combo.blockSignals(False)
        self.probability.set_value(current.probability if current else None)
        self.financial.set_value(current.financial_impact if current else None)
        self.note.setText(current.note if current else "")
        self.note.setCursorPosition(0)  # show a long note from its beginning
        self.assessed_on.set_value(date.today())
        if current is not None:
            who = f" ({current.assessor})" if current.assessor else ""
            self.current_label.setText(
                self.tr("Current since {date}{who}. A change is recorded as a new assessment.").format(
                    date=current.assessed_on.isoformat(), who=who
                )
            )
        else:
            self.current_label.setText(self.tr("Not assessed yet."))
        self.baseline = self.values()
        self._update_score()

    def values(self) -> tuple:
        return (
            self.likelihood.value(), self.impact.value(), self.probability.text().strip(),
            self.financial.text().strip(), self.note.text().strip(),
        )  # fmt: skip

    def set_values(self, likelihood: int | None, impact: int | None) -> None:
        """Pick likelihood and impact; a value the matrix does not offer selects nothing."""
        for combo, value in ((self.likelihood, likelihood), (self.impact, impact)):
            if not combo.set_value(value) and combo.findData(None) >= 0:
                combo.set_value(None)

    def level(self) -> LevelBand | None:
        likelihood, impact = self.likelihood.value(), self.impact.value()
        if likelihood is None or impact is None:
            return None
        try:
            return self.matrix.level(likelihood, impact)
        except ValidationError:
            return None

    def is_changed(self) -> bool:
        return self.values() != self.baseline

    def _on_change(self, *_args: object) -> None:
        self._update_score()
        self.changed.emit()

    def _update_score(self) -> None:
        band = self.level()
        if band is None:
            self.score_label.setText("–")
            assessed = self.likelihood.value() is not None and self.impact.value() is not None
            self.chip.set_empty(labels.invalid_value() if assessed else None)
        else:
            self.score_label.setText(str(self.likelihood.value() * self.impact.value()))
            self.chip.set_band(band.name, band.color, band.code)

    def errors(self) -> dict[str, str]:
        """The domain's assessment rules, checked as the user types (keys like 'residual.impact')."""
        if not self.is_changed():
            return {}
        prefix = f"{self.kind}."
        values = {
            "kind": self.kind, "likelihood": self.likelihood.value(), "impact": self.impact.value(),
            "probability": self.probability.value(), "financial_impact": self.financial.value(),
            "assessed_on": self.assessed_on.value(), "note": self.note.text(),
        }  # fmt: skip
        errors = {}
        for key, edit in (("probability", self.probability), ("financial_impact", self.financial)):
            if not edit.text_is_number():  # typed text that is no number: the value read is None
                errors[prefix + key] = Problem(key, "not_a_number", record="assessment").message()
        for problem in check_assessment(values, self.matrix, today=date.today()):
            errors.setdefault(problem.field, problem.message())
        return errors

    def assessment_input(self) -> AssessmentInput | None:
        """The new assessment to record, or None when nothing of it changed."""
        if not self.is_changed() or self.level() is None:
            return None
        return AssessmentInput(
            kind=self.kind,
            likelihood=self.likelihood.value(),
            impact=self.impact.value(),
            assessed_on=self.assessed_on.value(),
            probability=self.probability.value(),
            financial_impact=self.financial.value(),
            note=self.note.text(),
        )

    def field_widgets(self) -> dict[str, QWidget]:
        prefix = f"{self.kind}."
        return {
            prefix + "likelihood": self.likelihood,
            prefix + "impact": self.impact,
            prefix + "probability": self.probability,
            prefix + "financial_impact": self.financial,
            prefix + "assessed_on": self.assessed_on,
            prefix + "note": self.note,
        }


@dataclass(frozen=True)
class RiskRecord:
    """Everything the editor shows about one risk, fetched together."""

    risk: RiskRead
    history: list[AssessmentRead]
    actions: list[ActionRead]
    kris: list[KriRead]
    audit: list[AuditRead]


@dataclass
class RiskConflict:
    """A refused save being settled: their stored risk, what differs, and what the user chose so far."""

    opened: RiskRead
    theirs: RiskRead
    history: list[AssessmentRead]  # theirs, for the current assessment of each kind
    newer: list[AuditRead]  # the audit entries written after the opened version
    changes: list[FieldChange]
    mine: dict[str, object]  # the form's raw values when the save was refused, to put back
    saver: str
    applied: dict[str, str]  # field -> the side the form holds now (MINE unless set)
    mode: str = "pending"  # pending, kept (Keep mine) or merged


class RiskEditor(EditorDialog):
    """Edit or create a risk. `ask()` returns the saved RiskRead, or None if nothing was saved."""

    def __init__(
        self,
        context: AppContext,
        risk_id: int | None = None,
        *,
        owners: Sequence[str] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.matrix = labels.display_matrix(context.matrix())  # seeded band and scale names translated
        self.risk_id = risk_id
        self.record: RiskRecord | None = None
        self.version: int | None = None
        self.saved: RiskRead | None = None
        self._chart_stale = True
        self.setSizeGripEnabled(True)
        self.setMinimumSize(760, 520)
        self.resize(1000, 660)
        self.setStyleSheet(self.styleSheet() + OVERWRITE_STYLE)
        self._conflict: RiskConflict | None = None
        self._adopted: RiskRead | None = None  # their version, once the user chose to build on it
        self._adopted_audit_id = 0
        self._overwrite_marks: dict[QWidget, str] = {}  # marked widget -> its own tooltip

        self.departments = context.call(list_departments, include_archived=True)
        self.categories = context.call(list_categories, include_archived=True)

        self.header = ElidedLabel()
        self.header.setProperty("role", "pageTitle")
        self._header_text = ""
        self.archived_label = QLabel(self.tr("Archived"))
        self.archived_label.setProperty("role", "muted")
        self.header_chips: dict[str, LevelChip] = {kind: LevelChip() for kind in ("inherent", "residual")}
        header_row = QHBoxLayout()
        header_row.addWidget(self.header, 1)
        header_row.addWidget(self.archived_label)
        for kind, chip in self.header_chips.items():
            chip.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            caption = QLabel(labels.label("assessment_kind", kind))
            caption.setProperty("role", "muted")
            header_row.addSpacing(8)
            header_row.addWidget(caption)
            header_row.addWidget(chip)

        self.conflict_banner = self._build_conflict_banner()
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_identification(owners), self.tr("&Identification"))
        self.tabs.addTab(self._build_assessment(), self.tr("&Assessment"))
        self.tabs.addTab(self._build_response(), self.tr("&Response"))
        self.tabs.addTab(self._build_actions(), self.tr("Ac&tions"))
        self.tabs.addTab(self._build_indicators(), self.tr("In&dicators"))
        self.history_page = self._build_history()
        self.tabs.addTab(self.history_page, self.tr("&History"))
        self.tabs.currentChanged.connect(self._tab_changed)

        self.apply_button = QPushButton(self.tr("Appl&y"))
        self.apply_button.setToolTip(self.tr("Save and keep this window open"))
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply)

        layout = QVBoxLayout(self)
        layout.addLayout(header_row)
        layout.addWidget(self.conflict_banner)
        layout.addWidget(self.overwrite_note)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.footer([self.apply_button]))

        self._load()
        self._connect_inputs()
        self.mark_clean()
        self.title_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, risk_id: int | None, *, owners: Sequence[str] = ()
    ) -> RiskRead | None:
        """Open the editor modally; returns the risk as last saved, or None when nothing was saved."""
        dialog = cls(context, risk_id, owners=owners, parent=parent)
        dialog.exec()
        saved = dialog.saved
        dialog.deleteLater()  # the parent page would otherwise keep every closed editor alive
        return saved

    # Building the tabs ------------------------------------------------------------------

    def _build_conflict_banner(self) -> ConflictPanel:
        banner = ConflictPanel()
        self.conflict_label = banner.message_label
        self.reload_button = banner.theirs_button
        self.keep_button = banner.keep_button
        self.merge_button = banner.merge_button
        self.reload_button.clicked.connect(self.reload_theirs)
        self.keep_button.clicked.connect(self.keep_mine)
        self.merge_button.clicked.connect(self.merge_changes)
        banner.view.picked.connect(self._conflict_picked)
        self.overwrite_note = OverwriteNote()
        self.overwrite_note.compare_button.clicked.connect(self._compare_again)
        return banner

    def _build_identification(self, owners: Sequence[str]) -> QWidget:
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("A short name for the risk"))
        self.description_edit = _plain_text(80)
        self.description_edit.setPlaceholderText(self.tr("What could happen"))
        self.cause_edit = _plain_text(56)
        self.cause_edit.setPlaceholderText(self.tr("Why it could happen"))
        self.consequence_edit = _plain_text(56)
        self.consequence_edit.setPlaceholderText(self.tr("What it would do to us"))
        self.category_combo = CodeCombo()
        self.source_combo = CodeCombo(labels.choices("source"))
        self.department_combo = CodeCombo()
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who looks after it"))
        if owners:
            completer = QCompleter(sorted(set(owners), key=str.casefold), self.owner_edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.owner_edit.setCompleter(completer)
        self.identified_edit = DateEdit()
        self.identified_edit.setMaximumDate(to_qdate(date.today()))
        self.status_combo = CodeCombo(labels.choices("risk_status"))
        self.review_edit = OptionalDateEdit(self.tr("Set"))
        self.review_edit.set_default_date(date.today() + timedelta(days=90))
        self.review_edit.setToolTip(
            self.tr("Left empty, the next review follows the level's review interval.")
        )

        left = QFormLayout()
        left.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        left.addRow(self.tr("Tit&le"), self.title_edit)
        left.addRow(self.tr("D&escription"), self.description_edit)
        left.addRow(self.tr("&Cause"), self.cause_edit)
        left.addRow(self.tr("Co&nsequence"), self.consequence_edit)
        self.inputs: dict[str, FieldInput] = {
            key: bind(RISK[key], widget) for key, widget in (
                ("title", self.title_edit), ("description", self.description_edit), ("cause", self.cause_edit),
                ("consequence", self.consequence_edit), ("category_id", self.category_combo),
                ("source", self.source_combo), ("department_id", self.department_combo), ("owner", self.owner_edit),
                ("identified_on", self.identified_edit), ("status", self.status_combo),
                ("next_review", self.review_edit),
            )
        }  # fmt: skip
        add_missing_inputs(RISK, "identification", left, self.inputs)
        right = QFormLayout()
        right.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        right.addRow(self.tr("Cate&gory"), self.category_combo)
        right.addRow(self.tr("&Source"), self.source_combo)
        right.addRow(self.tr("De&partment"), self.department_combo)
        right.addRow(self.tr("&Owner"), self.owner_edit)
        right.addRow(self.tr("Identified on"), self.identified_edit)
        right.addRow(self.tr("Stat&us"), self.status_combo)
        right.addRow(self.tr("Next review"), self.review_edit)
        add_missing_inputs(RISK, "classification", right, self.inputs)
        hint = QLabel(
            self.tr("Without a date, the next review follows the review interval of the risk's level.")
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        right.addRow(hint)

        page = QWidget()
        row = QHBoxLayout(page)
        row.addLayout(left, 3)
        row.addSpacing(12)
        row.addLayout(right, 2)
        return page

    def _build_assessment(self) -> QWidget:
        self.panels = {kind: AssessmentPanel(kind, self.matrix) for kind in KINDS}
        page = QWidget()
        column = QVBoxLayout(page)
        row = QHBoxLayout()
        for kind in KINDS:
            row.addWidget(self.panels[kind], 1)
        column.addLayout(row)
        appetite = self.matrix.band(self.matrix.appetite)
        explanation = QLabel(
            self.tr(
                "Inherent: before any control. Residual: with the controls in place today. "
                "Target: where the actions should bring it. The risk appetite is {appetite}: a residual "
                "level above it must be treated or formally accepted (Response tab)."
            ).format(appetite=appetite.name)
        )
        explanation.setProperty("role", "muted")
        explanation.setWordWrap(True)
        column.addWidget(explanation)
        column.addStretch(1)
        return page

    def _build_response(self) -> QWidget:
        self.strategy_combo = CodeCombo(labels.choices("strategy"), self.tr("— Not decided —"))
        self.rationale_edit = _plain_text(80)
        self.rationale_edit.setPlaceholderText(self.tr("Why this response"))
        self.appetite_label = QLabel()
        self.appetite_label.setWordWrap(True)
        self.approver_edit = QLineEdit()
        self.justification_edit = _plain_text(60)
        self.accepted_edit = DateEdit()
        self.accepted_edit.setMaximumDate(to_qdate(date.today()))
        self.expires_edit = OptionalDateEdit(self.tr("Set"))
        self.expires_edit.set_default_date(date.today() + timedelta(days=365))

        self.acceptance_box = QGroupBox(self.tr("Formal acceptance"))
        self.acceptance_hint = QLabel()
        self.acceptance_hint.setProperty("role", "muted")
        self.acceptance_hint.setWordWrap(True)
        acceptance = QFormLayout(self.acceptance_box)
        acceptance.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        acceptance.addRow(self.acceptance_hint)
        acceptance.addRow(self.tr("Approved &by"), self.approver_edit)
        acceptance.addRow(self.tr("&Justification"), self.justification_edit)
        acceptance.addRow(self.tr("Accepted on"), self.accepted_edit)
        acceptance.addRow(self.tr("Expires"), self.expires_edit)
        for key, widget in (
            ("acceptance_approver", self.approver_edit),
            ("acceptance_justification", self.justification_edit),
            ("accepted_on", self.accepted_edit),
            ("acceptance_expires", self.expires_edit),
        ):
            self.inputs[key] = bind(RISK[key], widget)
        add_missing_inputs(RISK, "acceptance", acceptance, self.inputs)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("&Strategy"), self.strategy_combo)
        form.addRow(self.tr("Rationa&le"), self.rationale_edit)
        self.inputs["strategy"] = bind(RISK["strategy"], self.strategy_combo)
        self.inputs["rationale"] = bind(RISK["rationale"], self.rationale_edit)
        add_missing_inputs(RISK, "response", form, self.inputs)
        form.addRow("", self.appetite_label)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(form)
        column.addWidget(self.acceptance_box)
        column.addStretch(1)
        return page

    def _build_actions(self) -> QWidget:
        today = date.today()
        self.actions_model: RecordTableModel[ActionRead] = RecordTableModel(
            [
                Column("title", self.tr("Action"), lambda a: a.title, foreground=_overdue_text),
                Column("kind", self.tr("Kind"), lambda a: labels.label("action_kind", a.kind)),
                Column("owner", self.tr("Owner"), lambda a: a.owner, foreground=_overdue_text),
                Column(
                    "due", self.tr("Due"), lambda a: a.due_date,
                    background=lambda a: OVERDUE_BACKGROUND if a.overdue else None,
                    tooltip=lambda a: self.tr("Overdue by {days} days").format(days=(today - a.due_date).days)
                    if a.overdue else None,
                ),
                Column(
                    "status", self.tr("Status"),
                    lambda a: labels.label("action_status", a.status) + (self.tr(" · overdue") if a.overdue else ""),
                    foreground=_overdue_text,
                ),
                Column("completed", self.tr("Done on"), lambda a: a.completed_on),
                Column("cost", self.tr("Cost"), lambda a: a.cost, align_right=True),
            ]
        )  # fmt: skip
        self.actions_view = RecordTableView(self.actions_model)
        self.actions_view.opened.connect(self.edit_action)
        self.actions_view.selectionModel().selectionChanged.connect(self._update_action_buttons)
        self.add_action_button = QPushButton(self.tr("Add action…"))
        self.add_action_button.clicked.connect(self.add_action)
        self.edit_action_button = QPushButton(self.tr("Edit…"))
        self.edit_action_button.clicked.connect(lambda: self.edit_action(self.actions_view.current_row()))
        self.done_action_button = QPushButton(self.tr("Mark done"))
        self.done_action_button.clicked.connect(self.mark_action_done)
        for button in (self.add_action_button, self.edit_action_button, self.done_action_button):
            button.setAutoDefault(False)
        self.actions_note = QLabel()
        self.actions_note.setWordWrap(True)
        self.save_first_button = QPushButton(self.tr("Save the risk now"))
        self.save_first_button.setAutoDefault(False)
        self.save_first_button.clicked.connect(self.apply)
        note_row = QHBoxLayout()
        note_row.addWidget(self.actions_note, 1)
        note_row.addWidget(self.save_first_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_action_button)
        buttons.addWidget(self.edit_action_button)
        buttons.addWidget(self.done_action_button)
        buttons.addStretch(1)
        legend = QLabel(
            self.tr("Overdue actions are shown in red. Actions are saved as soon as you confirm them.")
        )
        legend.setProperty("role", "muted")
        buttons.addWidget(legend)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addLayout(note_row)
        column.addLayout(buttons)
        column.addWidget(self.actions_view, 1)
        return page

    def _build_indicators(self) -> QWidget:
        self.kris_model: RecordTableModel[KriRead] = RecordTableModel(
            [
                Column("name", self.tr("Indicator"), lambda k: k.name),
                Column("last", self.tr("Last value"), lambda k: _number_with_unit(k.last_value, k.unit), align_right=True,
                       sort_key=lambda k: k.last_value),
                Column("read_on", self.tr("Read on"), lambda k: k.last_read_on),
                Column("state", self.tr("State"), lambda k: labels.label("kri_state", k.state) or self.tr("No reading"),
                       background=lambda k: KRI_STATE_COLORS.get(k.state or "")),
                Column("warning", self.tr("Warning at"), lambda k: _number_with_unit(k.warning, k.unit), align_right=True),
                Column("alarm", self.tr("Alarm at"), lambda k: _number_with_unit(k.alarm, k.unit), align_right=True),
                Column("direction", self.tr("Direction"), lambda k: labels.label("direction", k.direction)),
                Column("overdue", self.tr("Reading due"), lambda k: self.tr("Overdue") if k.reading_overdue else "",
                       foreground=lambda k: theme.colors().error if k.reading_overdue else None),
            ]
        )  # fmt: skip
        self.kris_view = RecordTableView(self.kris_model)
        self.kris_empty = QLabel()
        self.kris_empty.setProperty("role", "muted")
        self.kris_empty.setWordWrap(True)
        hint = QLabel(self.tr("Indicators are defined and read on the Indicators and alerts page."))
        hint.setProperty("role", "muted")
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.kris_empty)
        column.addWidget(self.kris_view, 1)
        column.addWidget(hint)
        return page

    def _build_history(self) -> QWidget:
        self.chart = ChartView()
        self.audit_model: RecordTableModel[AuditRead] = RecordTableModel(
            [
                Column("at", self.tr("When"), lambda e: _local_time(e.at), sort_key=lambda e: e.id),
                Column("user", self.tr("Who"), lambda e: e.user),
                Column("action", self.tr("What"), lambda e: self._audit_action(e.action)),
                Column("field", self.tr("Field"), lambda e: self._field_name(e.field)),
                Column("change", self.tr("Old → new"), self._audit_change),
            ]
        )
        self.audit_view = RecordTableView(self.audit_model)
        changes = QWidget()
        column = QVBoxLayout(changes)
        column.setContentsMargins(0, 0, 0, 0)
        caption = QLabel(self.tr("Changes to this risk (newest first)"))
        caption.setProperty("role", "muted")
        column.addWidget(caption)
        column.addWidget(self.audit_view, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.chart)
        splitter.addWidget(changes)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 220])  # the chart gets the larger share from the start
        splitter.setChildrenCollapsible(False)
        page = QWidget()
        QVBoxLayout(page).addWidget(splitter)
        return page

    # Loading ----------------------------------------------------------------------------

    def _fetch(self, risk_id: int) -> RiskRecord:
        call = self.context.call
        return RiskRecord(
            risk=call(get_risk, risk_id=risk_id),
            history=call(assessment_history, risk_id=risk_id),
            actions=call(list_actions, risk_id=risk_id),
            kris=call(list_kris, risk_id=risk_id),
            audit=call(audit_history, entity="risk", entity_id=risk_id),
        )

    def _load(self) -> None:
        """Fill every tab from the database (or with a new risk's defaults)."""
        self.record = self._fetch(self.risk_id) if self.risk_id is not None else None
        risk = self.record.risk if self.record else None
        self.version = risk.version if risk else None
        self._fill_lookups(risk)
        self._fill_form(risk)
        self._fill_lists()
        self._update_header()

    def _fill_lookups(self, risk: RiskRead | None) -> None:
        # Archived departments and categories stay listed only for a risk that still uses them.
        departments = [d for d in self.departments if not d.archived or (risk and d.id == risk.department_id)]
        categories = [c for c in self.categories if not c.archived or (risk and c.id == risk.category_id)]
        placeholder_d = self.tr("— Choose a department —") if risk is None else None
        placeholder_c = self.tr("— Choose a category —") if risk is None else None
        self.department_combo.set_items([(d.id, d.name) for d in departments], placeholder_d)
        self.category_combo.set_items([(c.id, _category_name(c)) for c in categories], placeholder_c)

    def _fill_form(self, risk: RiskRead | None) -> None:
        today = date.today()
        for key, each in self.inputs.items():
            each.write(getattr(risk, key) if risk else each.field.default)
        self.source_combo.show_stored(risk.source if risk else "other")
        self.identified_edit.setMaximumDate(to_qdate(max(today, risk.identified_on if risk else today)))
        self.identified_edit.set_value(risk.identified_on if risk else today)
        self.status_combo.show_stored(risk.status if risk else "identified")
        self.strategy_combo.show_stored(risk.strategy if risk else None)
        accepted = risk.accepted_on if risk and risk.accepted_on else today
        self.accepted_edit.setMaximumDate(to_qdate(max(today, accepted)))
        self.accepted_edit.set_value(accepted)
        self.expires_edit.set_value(risk.acceptance_expires if risk else None)
        current = current_assessments(self.record.history) if self.record else {}
        for kind, panel in self.panels.items():
            likelihood = getattr(risk, f"{kind}_likelihood") if risk else None
            impact = getattr(risk, f"{kind}_impact") if risk else None
            panel.load(likelihood, impact, current.get(kind))
        self._update_response()

    def _fill_lists(self) -> None:
        record = self.record
        self.actions_model.set_rows(record.actions if record else [])
        self.kris_model.set_rows(record.kris if record else [])
        self.audit_model.set_rows(record.audit if record else [])
        is_new = record is None
        self.save_first_button.setVisible(is_new)
        self.add_action_button.setEnabled(not is_new)
        self._update_actions_note()
        self._update_action_buttons()
        if record is None:
            self.kris_empty.setText(self.tr("Indicators can be linked to the risk once it is saved."))
        elif not record.kris:
            self.kris_empty.setText(self.tr("No key risk indicator is linked to this risk yet."))
        self.kris_empty.setVisible(is_new or not record.kris)
        self.kris_view.setVisible(not is_new and bool(record.kris))
        self.actions_view.fit_columns()
        self.kris_view.fit_columns()
        self.audit_view.fit_columns(maximum=420)
        self._chart_stale = True
        if self.tabs.currentWidget() is self.history_page:
            self._draw_chart()

    def _update_header(self) -> None:
        risk = self.record.risk if self.record else None
        title = self.title_edit.text().strip()
        if risk is None:
            self._header_text = self.tr("New risk") + (f" · {title}" if title else "")
            self.setWindowTitle(self.tr("New risk"))
        else:
            self._header_text = f"{risk.code} · {title}" if title else risk.code
            self.setWindowTitle(self.tr("Risk {code}").format(code=risk.code))
        self.header.set_full_text(self._header_text)
        self.archived_label.setVisible(bool(risk and risk.archived))
        for kind, chip in self.header_chips.items():
            panel = self.panels[kind]
            band = panel.level()
            if band is None:
                assessed = panel.likelihood.value() is not None and panel.impact.value() is not None
                chip.set_empty(labels.invalid_value() if assessed else None)
            else:
                chip.set_band(band.name, band.color, band.code)

    def _connect_inputs(self) -> None:
        for each in self.inputs.values():
            each.changed.connect(self.revalidate)
        for panel in self.panels.values():
            panel.changed.connect(self.revalidate)
        self.strategy_combo.currentIndexChanged.connect(self._update_response)
        for panel in self.panels.values():
            panel.changed.connect(self._update_response)
        self.title_edit.textChanged.connect(self._update_header)
        for panel in self.panels.values():
            panel.changed.connect(self._update_header)

    # Response rules ---------------------------------------------------------------------

    def acceptance_required(self) -> bool:
        """Accepting a residual level above the appetite needs a formal acceptance."""
        band = self.panels["residual"].level()
        return (
            self.strategy_combo.value() == "accept"
            and band is not None
            and self.matrix.is_above_appetite(band.code)
        )

    def _update_response(self, *_args: object) -> None:
        appetite = self.matrix.band(self.matrix.appetite)
        band = self.panels["residual"].level()
        if band is None:
            text = self.tr("No residual assessment yet; the appetite is {appetite}.").format(
                appetite=appetite.name
            )
            role = "muted"
        elif self.matrix.is_above_appetite(band.code):
            text = self.tr(
                "The residual level {level} is above the appetite ({appetite}): reduce, avoid or transfer the risk, "
                "or accept it formally with an approver, a justification and an expiry date."
            ).format(level=band.name, appetite=appetite.name)
            role = "error"
        else:
            text = self.tr("The residual level {level} is within the appetite ({appetite}).").format(
                level=band.name, appetite=appetite.name
            )
            role = "ok"
        self.appetite_label.setText(text)
        if self.appetite_label.property("role") != role:
            self.appetite_label.setProperty("role", role)
            self.appetite_label.style().unpolish(self.appetite_label)
            self.appetite_label.style().polish(self.appetite_label)
        accepting = self.strategy_combo.value() == "accept"
        self.acceptance_box.setVisible(accepting)
        if self.acceptance_required():
            self.acceptance_hint.setText(self.tr("Required: the residual level is above the appetite."))
        else:
            self.acceptance_hint.setText(self.tr("Optional while the residual level is within the appetite."))

    # Validation: the domain's own rules, checked as the user types ---------------------------

    def risk_input(self) -> RiskInput:
        values = read_all(self.inputs.values())
        if self.strategy_combo.value() != "accept":  # a formal acceptance belongs to "accept" only
            values.update(dict.fromkeys(ACCEPTANCE_FIELDS))
        return RiskInput(**values)

    def assessment_inputs(self) -> list[AssessmentInput]:
        """Only the assessments the user changed: each becomes a new entry in the history."""
        return [data for panel in self.panels.values() if (data := panel.assessment_input()) is not None]

    def snapshot(self) -> tuple:
        data = self.risk_input()
        return (tuple(vars(data).values()), tuple(panel.values() for panel in self.panels.values()))

    def local_errors(self) -> dict[str, str]:
        """The problems `services.risks` would refuse the form with, from the same domain rules."""
        today = date.today()
        changed = [vars(data) for data in self.assessment_inputs()]
        stored_level = self.record.risk.residual_level if self.record else None
        problems = check_risk(
            vars(self.risk_input()), self.matrix, today=today,
            residual_level=residual_level_after(stored_level, changed, self.matrix),
        )  # fmt: skip
        errors: dict[str, str] = {}
        for problem in problems:  # each field's first problem, in the form's order
            errors.setdefault(problem.field or "__all__", problem.message())
        for panel in self.panels.values():
            errors.update(panel.errors())
        return errors

    def field_widgets(self) -> dict[str, QWidget]:
        widgets: dict[str, QWidget] = {key: each.widget for key, each in self.inputs.items()}
        widgets["kind"] = self.panels["inherent"]
        for panel in self.panels.values():
            widgets.update(panel.field_widgets())
        return widgets

    def field_label(self, field: str) -> str:
        kind, _, rest = field.partition(".")
        if rest and kind in KINDS:
            return labels.label("assessment_kind", kind)
        return ""

    def after_revalidate(self, errors: Mapping[str, str]) -> None:
        self.apply_button.setEnabled(not errors)
        self.save_first_button.setEnabled(not errors)

    # Saving -------------------------------------------------------------------------------

    def perform_save(self) -> None:
        data = self.risk_input()
        assessments = self.assessment_inputs()
        # On the worker: a server or a busy register file may keep the write waiting for its lock.
        if self.risk_id is None:
            saved = self.context.write_waiting(
                create_risk, topics=(RISKS, ALERTS), data=data, assessments=assessments
            )
        else:
            saved = self.context.write_waiting(
                update_risk, topics=(RISKS, ALERTS, ACTIONS), risk_id=self.risk_id, data=data,
                assessments=assessments, expected_version=self.version,
            )  # fmt: skip
        self.saved = saved
        self.risk_id = saved.id
        self.version = saved.version
        self._end_conflict()

    def apply(self) -> bool:
        """Save and keep editing: the form reloads what the database now holds."""
        if not self.try_save():
            return False
        tab = self.tabs.currentIndex()
        self._load()
        self.mark_clean()
        self.tabs.setCurrentIndex(tab)
        return True

    # Conflicts ----------------------------------------------------------------------------

    def show_conflict(self, error: ConflictError) -> None:
        """Someone saved first: show their change next to yours; nothing is saved until the user decides."""
        if self.risk_id is None or self.record is None:
            super().show_conflict(error)
            return
        try:
            theirs = self.context.call(get_risk, risk_id=self.risk_id)
            history = self.context.call(assessment_history, risk_id=self.risk_id)
            audit = self.context.call(audit_history, entity="risk", entity_id=self.risk_id)
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return
        opened = self._opened_risk()
        newer = entries_after(audit, self._opened_audit_id())
        # A conflict on top of an unsaved earlier choice starts again from the form as it is now.
        self._set_conflict(None)
        conflict = RiskConflict(
            opened=opened,
            theirs=theirs,
            history=history,
            newer=newer,
            changes=compare_fields(
                self._conflict_specs(), self._stored_values(opened), self._stored_values(theirs),
                self._input_values(opened), show=self._conflict_text, audit=newer,
            ),
            mine={key: getter() for key, (getter, _setter) in self._conflict_fields().items()},
            saver=savers_text(newer),
            applied={},
        )  # fmt: skip
        self._set_conflict(conflict)
        message = self.tr(
            "Someone else saved this risk after you opened it, so your changes were not saved (saved by {saver}). "
            "Your input is still here: compare both sides, then use theirs, keep yours or merge. "
            "Nothing is saved until you click Save again."
        ).format(saver=conflict.saver)
        if theirs.archived and not opened.archived:
            message += " " + self.tr("They also archived the risk; saving keeps it archived.")
        self.conflict_banner.show_changes(message, conflict.changes, conflict.saver)
        self.conflict_label.setToolTip(str(error))
        self.audit_model.set_rows(audit)  # the History tab shows their entries too
        self._make_room_for_conflict()
        self.revalidate()

    def _make_room_for_conflict(self) -> None:
        """Grow the window, as far as the screen allows, so the comparison does not squeeze the form."""
        screen = self.screen()
        layout = self.layout()
        if screen is None or layout is None:
            return
        area = screen.availableGeometry()
        layout.activate()
        banner = self.conflict_banner
        needed = (
            layout.minimumSize().height()
            + banner.sizeHint().height()
            - banner.minimumSizeHint().height()
            + 24
        )
        frame = self.frameGeometry().height() - self.geometry().height()
        target = min(max(self.height(), needed), area.height() - frame)
        if target <= self.height():
            return
        self.resize(self.width(), target)
        if self.frameGeometry().bottom() > area.bottom():
            self.move(self.x(), max(area.top(), area.bottom() - self.frameGeometry().height()))

    def reload_theirs(self) -> None:
        """Use theirs: after asking, load the risk as it is stored and drop the input."""
        if self.is_dirty() and not messages.confirm(
            self,
            self.tr("Use their version"),
            self.tr("Discard your changes to this risk and load it as it is saved now?"),
            self.tr("Discard my changes"),
        ):
            return
        self._end_conflict()
        self._load()
        self.mark_clean()

    def keep_mine(self) -> None:
        """Keep the input and take their version as the base, so the next save overwrites knowingly."""
        conflict = self._conflict
        if conflict is None:
            if self.risk_id is not None:
                self.version = self.context.call(get_risk, risk_id=self.risk_id).version
            self.conflict_banner.hide()
            self.revalidate()
            return
        for change in conflict.changes:
            self._set_side(conflict, change.key, MINE)
            if change.kind == THEIRS and change.key in KINDS:
                # Their assessment is current now: count the form's as a new one, so saving puts it back.
                panel = self.panels[change.key]
                panel.baseline = (*self._stored_values(conflict.theirs)[change.key], *panel.baseline[2:])
        self._adopt(conflict, "kept")
        self.conflict_banner.hide()
        self.revalidate()

    def merge_changes(self) -> None:
        """Merge: their one-sided changes come in, yours stay, and both-changed fields follow the picks."""
        conflict = self._conflict
        if conflict is None:
            return
        view = self.conflict_banner.view
        for change in conflict.changes:
            self._set_side(conflict, change.key, view.pick(change.key) or MINE)
        self._adopt(conflict, "merged")
        self.merge_button.setEnabled(False)
        theirs = [c.label for c in conflict.changes if c.kind == THEIRS]
        mine = [c.label for c in conflict.changes if c.kind == MINE]
        self.conflict_label.setText(
            self.tr(
                "Merged into the form. Their changes taken: {theirs}. Your changes kept: {mine}. "
                "Where you both changed a field, your pick in the last column decides. "
                "Check the form; nothing is saved until you click Save."
            ).format(theirs=", ".join(theirs) or self.tr("none"), mine=", ".join(mine) or self.tr("none"))
        )
        self.revalidate()

    def _conflict_picked(self, key: str, side: str) -> None:
        # Before Merge a pick only records the choice; after it the form follows at once.
        conflict = self._conflict
        if conflict is not None and conflict.mode == "merged":
            self._set_side(conflict, key, side)
            self.revalidate()

    def _compare_again(self) -> None:
        if self._conflict is not None:
            self.merge_button.setEnabled(True)
            self.conflict_banner.show()
            self._update_overwrite_marks()

    def _set_conflict(self, conflict: RiskConflict | None) -> None:
        self._conflict = conflict
        if conflict is None:
            self.conflict_banner.hide()
            self._update_overwrite_marks()

    def _end_conflict(self) -> None:
        """Saved or reloaded: the conflict and the version adopted for it are over."""
        self._adopted = None
        self._adopted_audit_id = 0
        self._set_conflict(None)

    def _adopt(self, conflict: RiskConflict, mode: str) -> None:
        """Build on their version: the next save replaces it knowingly instead of conflicting."""
        conflict.mode = mode
        self.version = conflict.theirs.version
        self._adopted_audit_id = max((entry.id for entry in conflict.newer), default=self._opened_audit_id())
        self._adopted = conflict.theirs

    def _opened_risk(self) -> RiskRead:
        """The version the input is based on: as opened, or theirs once the user built on it."""
        if self._adopted is not None:
            return self._adopted
        assert self.record is not None
        return self.record.risk

    def _opened_audit_id(self) -> int:
        if self._adopted is not None:
            return self._adopted_audit_id
        return max((entry.id for entry in self.record.audit), default=0) if self.record else 0

    def _set_side(self, conflict: RiskConflict, key: str, side: str) -> None:
        """Put their saved value or the user's input for one field into the form."""
        if conflict.applied.get(key, MINE) == side:
            return
        getter_setter = self._conflict_fields()[key]
        if side == MINE:
            getter_setter[1](conflict.mine[key])
        elif key in KINDS:
            current = current_assessments(conflict.history).get(key)
            likelihood, impact = self._stored_values(conflict.theirs)[key]
            self.panels[key].load(likelihood, impact, current)
        else:
            getter_setter[1](getattr(conflict.theirs, key))
        conflict.applied[key] = side

    def _conflict_specs(self) -> list[FieldSpec]:
        specs = [FieldSpec(key, self._field_name(key)) for key in CONFLICT_FIELDS]
        for kind in KINDS:
            label = self.tr("{kind} likelihood × impact").format(kind=labels.label("assessment_kind", kind))
            specs.append(FieldSpec(kind, label, (f"{kind}_likelihood", f"{kind}_impact")))
        return specs

    def _conflict_fields(self) -> dict[str, tuple[Callable[[], object], Callable[[object], None]]]:
        """For each compared field: read the form's raw value, and put a value back into it."""
        fields = {key: (each.read, each.write) for key, each in self.inputs.items()}
        for kind, panel in self.panels.items():
            fields[kind] = (
                lambda panel=panel: _panel_state(panel),
                lambda state, panel=panel: _restore_panel(panel, state),
            )
        return fields

    def _stored_values(self, risk: RiskRead) -> dict[str, object]:
        """A stored risk's compared values (assessments as (likelihood, impact))."""
        values = {key: _normal(getattr(risk, key)) for key in CONFLICT_FIELDS}
        for kind in KINDS:
            values[kind] = (getattr(risk, f"{kind}_likelihood"), getattr(risk, f"{kind}_impact"))
        return values

    def _input_values(self, stored: RiskRead) -> dict[str, object]:
        """The input as update_risk would store it over `stored`, comparable with `_stored_values`."""
        data = self.risk_input()
        values = {key: _normal(getattr(data, key)) for key in CONFLICT_FIELDS}
        if data.strategy == "accept" and not (data.acceptance_approver or "").strip():
            # Without an approver the service leaves a recorded acceptance as it is.
            for key in ACCEPTANCE_FIELDS:
                values[key] = _normal(getattr(stored, key))
        for kind, panel in self.panels.items():
            values[kind] = (panel.likelihood.value(), panel.impact.value())
        return values

    def _conflict_text(self, key: str, value: object) -> str:
        """A compared value as the user reads it."""
        if key in KINDS:
            likelihood, impact = value  # type: ignore[misc]
            if likelihood is None or impact is None:
                return self.tr("Not assessed")
            try:
                band = self.matrix.level(likelihood, impact).name
            except ValidationError:
                band = ""
            return f"{likelihood} × {impact} = {likelihood * impact}" + (f" · {band}" if band else "")
        if value in ("", None):
            return self.tr("Not decided") if key == "strategy" else ""
        if isinstance(value, date):
            return value.isoformat()
        if key == "category_id":
            return next((_category_name(c) for c in self.categories if c.id == value), str(value))
        if key == "department_id":
            return _name_of(self.departments, str(value))
        if key in ("status", "strategy", "source"):
            return labels.label("risk_status" if key == "status" else key, str(value))
        return str(value)

    def _update_overwrite_marks(self) -> None:
        """Frame the fields whose saved value (their change) the next Save replaces, and name them."""
        conflict = self._conflict
        overwritten: list[FieldChange] = []
        if conflict is not None and conflict.mode != "pending":
            overwritten = overwritten_changes(
                conflict.changes, self._input_values(conflict.theirs), self._stored_values(conflict.theirs),
                # An assessment cannot be taken back, only followed by a new one.
                cannot_take_back=lambda key, value: key in KINDS and None in value,  # type: ignore[operator]
            )  # fmt: skip
        wanted: dict[QWidget, str] = {}
        widgets = self.field_widgets()
        for change in overwritten:
            if change.key in KINDS:
                targets = [self.panels[change.key].likelihood, self.panels[change.key].impact]
            else:
                widget = widgets[change.key]
                targets = [widget.edit if isinstance(widget, OptionalDateEdit) else widget]
            for widget in targets:
                wanted[widget] = self.tr("Saving replaces the value {user} saved: {value}").format(
                    user=change.saved_by or self.tr("someone else"), value=change.theirs or self.tr("(empty)")
                )
        for widget, tooltip in list(self._overwrite_marks.items()):
            if widget not in wanted:
                widget.setProperty("overwrite", False)
                widget.setToolTip(tooltip)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
                del self._overwrite_marks[widget]
        for widget, tooltip in wanted.items():
            if widget not in self._overwrite_marks:
                self._overwrite_marks[widget] = widget.toolTip()
                widget.setProperty("overwrite", True)
                widget.style().unpolish(widget)
                widget.style().polish(widget)
            widget.setToolTip(tooltip)
        self.overwrite_note.set_fields(
            [change.label for change in overwritten], conflict.saver if conflict else ""
        )
        if not self.conflict_banner.isHidden() and conflict is not None and conflict.mode != "pending":
            # With the comparison on screen, its legend says it instead of a second banner.
            if overwritten:
                self.conflict_banner.legend_label.setText(self.overwrite_note.label.text())
            else:
                self.conflict_banner.legend_label.setText(self.tr("Saving replaces none of their changes."))
            self.overwrite_note.hide()

    def overwritten_fields(self) -> list[str]:
        """The keys of the fields whose saved value the next Save replaces (after Keep mine or Merge)."""
        marked = set(self._overwrite_marks)
        widgets = self.field_widgets()
        keys = [
            key
            for key in CONFLICT_FIELDS
            if widgets[key] in marked or getattr(widgets[key], "edit", None) in marked
        ]
        keys += [kind for kind in KINDS if self.panels[kind].likelihood in marked]
        return keys

    def revalidate(self, *args: object) -> None:
        super().revalidate(*args)
        conflict = self._conflict
        if self._baseline is None or conflict is None:
            return
        blocked = ""
        if conflict.mode == "pending":
            # Until the user picks a way out, saving would only conflict again.
            blocked = self.tr("Choose how to settle the conflict above: use theirs, keep mine or merge.")
        elif conflict.mode == "merged":
            undecided = self.conflict_banner.view.undecided()
            if undecided:
                blocked = self.tr("Pick theirs or yours for {fields} in the comparison above.").format(
                    fields=", ".join(change.label for change in undecided)
                )
        if blocked:
            self.save_button.setEnabled(False)
            self.save_action.setEnabled(False)
            self.apply_button.setEnabled(False)
            reason = self.reason_label.text()
            self.reason_label.setText(blocked + ("\n" + reason if reason else ""))
            self.reason_label.show()
        self._update_overwrite_marks()

    # Actions tab --------------------------------------------------------------------------

    def _update_action_buttons(self, *_args: object) -> None:
        row = self.actions_view.current_row() if self.actions_view.selectionModel().hasSelection() else None
        self.edit_action_button.setEnabled(row is not None)
        self.done_action_button.setEnabled(row is not None and row.status not in ("done", "cancelled"))

    def _update_actions_note(self) -> None:
        if self.record is None:
            text = self.tr("Actions can be added once the risk is saved. Click “Save the risk now” (or Apply) "
                           "to save it and stay in this window.")  # fmt: skip
        elif self.actions_model.total_count() == 0:
            text = self.tr("This risk has no actions yet. Add one to plan its treatment.")
        else:
            text = ""
        self.actions_note.setText(text)
        self.actions_note.setVisible(bool(text))

    def _reload_actions(self, select_id: int | None = None) -> None:
        if self.risk_id is None:
            return
        self.actions_model.set_rows(self.context.call(list_actions, risk_id=self.risk_id))
        if select_id is not None:
            self.actions_view.select_where(lambda a: a.id == select_id)
        self._update_actions_note()
        self._update_action_buttons()

    def _link_text(self) -> str:
        risk = self.record.risk if self.record else None
        return f"{risk.code} · {risk.title}" if risk else ""

    def add_action(self) -> None:
        if self.risk_id is None:
            return
        saved = ActionEditor.ask(self, self.context, risk_id=self.risk_id, link_text=self._link_text())
        if saved is not None:
            self._reload_actions(saved.id)

    def edit_action(self, action: ActionRead | None) -> None:
        if action is None:
            return
        saved = ActionEditor.ask(self, self.context, action)
        if saved is not None:
            self._reload_actions(saved.id)

    def mark_action_done(self) -> None:
        action = self.actions_view.current_row()
        if action is None or action.status in ("done", "cancelled"):
            return
        try:
            self.context.write(
                complete_action, topics=(ACTIONS, RISKS), action_id=action.id, expected_version=action.version
            )
        except (ValidationError, ConflictError) as exc:
            messages.show_problem(self, exc)
        self._reload_actions(action.id)

    # History tab --------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.history_page and self._chart_stale:
            self._draw_chart()

    def _draw_chart(self) -> None:
        from opsdesk.reports.charts.risk_history import build_risk_history_figure

        history = list(self.record.history) if self.record else []
        matrix = self.matrix
        # Taken here; the figure is built from them on the chart thread (no widget touched there).
        arguments = {
            "title": self.tr("Score over time"),
            "kind_labels": {kind: labels.label("assessment_kind", kind) for kind in KINDS},
            "score_label": self.tr("Score"),
            "empty_text": self.tr("No assessments yet"),
            "today": date.today(),
        }
        self.chart.build(lambda: build_risk_history_figure(history, matrix, **arguments))
        self._chart_stale = False

    def _audit_action(self, action: str) -> str:
        return {
            "create": self.tr("Created"),
            "update": self.tr("Changed"),
            "archive": self.tr("Archived"),
            "restore": self.tr("Restored"),
            "delete": self.tr("Deleted"),
        }.get(action, action)

    def _field_name(self, field: str | None) -> str:
        """The audit trail's and the conflict view's name of a risk field."""
        if field is None:
            return ""
        if field == "archived":
            return self.tr("Archived")
        return field_label("risk", field)

    def _audit_value(self, field: str | None, value: str | None) -> str:
        if value is None or value == "":
            return "—"
        if field == "department_id":
            return _name_of(self.departments, value)
        if field == "category_id":
            return _name_of(self.categories, value)
        if field == "status":
            return labels.label("risk_status", value)
        if field == "strategy":
            return labels.label("strategy", value)
        if field == "source":
            return labels.label("source", value)
        if field and field.endswith("_level"):
            try:
                return self.matrix.band(value).name
            except ValidationError:
                return value
        text = " ".join(value.split())
        return text if len(text) <= 80 else text[:79] + "…"

    def _audit_change(self, entry: AuditRead) -> str:
        if entry.action == "create":
            return entry.new_value or ""
        if entry.action == "delete":
            return entry.old_value or ""
        return f"{self._audit_value(entry.field, entry.old_value)} → {self._audit_value(entry.field, entry.new_value)}"


# Helpers ------------------------------------------------------------------------------------


def _overdue_text(action: ActionRead) -> str | None:
    return theme.colors().error if action.overdue else None


def _number_with_unit(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    text = display_number(value, grouping=True, decimals=2)
    return f"{text} {unit}".strip() if unit and unit != "%" else f"{text}{unit}"


def _category_name(category: NamedItem) -> str:
    # Seeded categories have stable codes with translated labels; added ones show their name.
    translated = labels.label("category", category.code)
    return translated if translated != category.code else category.name


def _name_of(items: Sequence[NamedItem], value: str) -> str:
    for item in items:
        if str(item.id) == value:
            return item.name
    return value


def _normal(value: object) -> object:
    # As the service stores it: text stripped, an empty text and None alike.
    if value is None or isinstance(value, str):
        return (value or "").strip()
    return value


def _panel_state(panel: AssessmentPanel) -> tuple:
    """Everything an assessment panel holds, to put back after showing their assessment."""
    return (
        panel.baseline, panel.likelihood.value(), panel.impact.value(), panel.probability.text(),
        panel.financial.text(), panel.note.text(), panel.assessed_on.value(), panel.current_label.text(),
    )  # fmt: skip


def _restore_panel(panel: AssessmentPanel, state: object) -> None:
    baseline, likelihood, impact, probability, financial, note, assessed_on, current = state  # type: ignore[misc]
    panel.baseline = baseline
    panel.set_values(likelihood, impact)
    panel.probability.setText(probability)
    panel.financial.setText(financial)
    panel.note.setText(note)
    panel.assessed_on.set_value(assessed_on)
    panel.current_label.setText(current)


def _local_time(moment: datetime) -> str:
    # The audit stores UTC (SQLite hands it back without a zone); show the user's clock.
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().strftime("%Y-%m-%d %H:%M")

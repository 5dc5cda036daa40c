"""The nonconformity editor: details, the 5-whys root cause, CAPA actions, verification, closing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError, Problem, ValidationError
from opsdesk.services import nonconformities as nc_service
from opsdesk.services.actions import ActionRead, complete_action, list_actions
from opsdesk.services.nonconformities import MAX_WHYS, NcInput, NcRead, nc_problems, verification_problems
from opsdesk.services.settings import list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, QUALITY, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit
from opsdesk.ui.labels import choices, label
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.table import RecordTableView

OVERDUE_COLOR = "#FFCDD2"
OVERDUE_TEXT = "#B71C1C"
DONE_TEXT = "#78909C"
REOPEN_STATUS = "action"  # a reopened nonconformity needs further action
TOPICS = (QUALITY, ACTIONS)


def _elide(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class NcEditor(EditorDialog):
    """Edit one nonconformity; actions and closing act on the stored record straight away."""

    def __init__(self, context: AppContext, nc: NcRead | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.nc = nc
        self.saved: NcRead | None = None
        self.setWindowTitle(
            self.tr("Nonconformity {code}").format(code=nc.code) if nc else self.tr("New nonconformity")
        )
        self.setMinimumSize(760, 560)
        self.resize(880, 640)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("What went wrong, in one line"))
        self.title_edit.setStyleSheet("font-size: 12pt;")
        self.info_label = QLabel()
        self.info_label.setProperty("role", "muted")
        self.info_label.setWordWrap(True)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._details_tab(), self.tr("&Details"))
        self.tabs.addTab(self._root_cause_tab(), self.tr("&Root cause"))
        self.tabs.addTab(self._actions_tab(), self.tr("&Actions"))
        self.tabs.addTab(self._verification_tab(), self.tr("&Verification"))

        self.apply_button = QPushButton(self.tr("Apply"))
        self.apply_button.setToolTip(self.tr("Save and keep the editor open"))
        self.apply_button.clicked.connect(self.apply)
        self.close_nc_button = QPushButton(self.tr("Close nonconformity"))
        self.close_nc_button.clicked.connect(self.close_or_reopen)

        layout = QVBoxLayout(self)
        header = QFormLayout()
        header.addRow(self.tr("&Title"), self.title_edit)
        layout.addLayout(header)
        layout.addWidget(self.info_label)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.footer([self.close_nc_button, self.apply_button]))

        self._load()
        for signal in (
            self.title_edit.textChanged, self.source_combo.currentIndexChanged,
            self.severity_combo.currentIndexChanged, self.department_combo.currentIndexChanged,
            self.product_edit.textChanged, self.detected_edit.dateChanged, self.owner_edit.textChanged,
            self.description_edit.textChanged, self.containment_edit.textChanged,
            self.disposition_combo.currentIndexChanged, self.status_combo.currentIndexChanged,
            self.root_cause_edit.textChanged, self.six_m_combo.currentIndexChanged,
            self.effectiveness_combo.currentIndexChanged, self.verified_by_edit.textChanged,
            self.verified_on_edit.dateChanged,
        ):  # fmt: skip
            signal.connect(self.revalidate)
        for edit in self.why_edits:
            edit.textChanged.connect(self._update_chain)
            edit.textChanged.connect(self.revalidate)
        self.title_edit.textChanged.connect(self._update_chain)
        self.effectiveness_combo.currentIndexChanged.connect(self._effectiveness_changed)
        self._update_chain()
        self.mark_clean()
        self.title_edit.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, nc_id: int | None = None) -> NcRead | None:
        """Open a nonconformity (or a blank form); returns the last saved state, or None."""
        nc = context.call(nc_service.get_nonconformity, nc_id=nc_id) if nc_id is not None else None
        dialog = cls(context, nc, parent=parent)
        dialog.exec()
        return dialog.saved

    # Tabs -------------------------------------------------------------------------------

    def _details_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.source_combo = CodeCombo(choices("nc_source"))
        self.severity_combo = CodeCombo(choices("severity"))
        self.department_combo = CodeCombo()
        self.product_edit = QLineEdit()
        self.product_edit.setPlaceholderText(self.tr("Product, part or process affected"))
        self.detected_edit = DateEdit()
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who leads the investigation"))
        self.status_combo = CodeCombo()
        self.disposition_combo = CodeCombo(choices("disposition"), placeholder=self.tr("Not decided"))
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText(self.tr("What was found, where, how many"))
        self.containment_edit = QPlainTextEdit()
        self.containment_edit.setPlaceholderText(self.tr("What was done at once to protect the customer"))
        for edit in (self.description_edit, self.containment_edit):
            edit.setTabChangesFocus(True)

        left = QFormLayout()
        left.addRow(self.tr("&Source"), self.source_combo)
        left.addRow(self.tr("Se&verity"), self.severity_combo)
        left.addRow(self.tr("De&partment"), self.department_combo)
        left.addRow(self.tr("Product / &process"), self.product_edit)
        right = QFormLayout()
        right.addRow(self.tr("Detected &on"), self.detected_edit)
        right.addRow(self.tr("O&wner"), self.owner_edit)
        right.addRow(self.tr("Stat&us"), self.status_combo)
        right.addRow(self.tr("Dis&position"), self.disposition_combo)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.addWidget(QLabel(self.tr("Description")), 1, 0, 1, 2)
        grid.addWidget(self.description_edit, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Immediate containment")), 3, 0, 1, 2)
        grid.addWidget(self.containment_edit, 4, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(2, 3)
        grid.setRowStretch(4, 2)
        return page

    def _root_cause_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        hint = QLabel(self.tr("Ask “why?” five times: each answer becomes the question of the next line."))
        hint.setProperty("role", "muted")
        column.addWidget(hint)
        grid = QGridLayout()
        grid.setHorizontalSpacing(8)
        grid.setVerticalSpacing(2)
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setStyleSheet("font-weight: 600;")
        grid.addWidget(QLabel(self.tr("Problem")), 0, 0)
        grid.addWidget(self.problem_label, 0, 1)
        self.why_edits: list[QLineEdit] = []
        self.why_prompts: list[QLabel] = []
        for number in range(1, MAX_WHYS + 1):
            badge = QLabel(self.tr("Why {n}").format(n=number))
            badge.setStyleSheet("font-weight: 600;")
            prompt = QLabel()
            prompt.setProperty("role", "muted")
            prompt.setTextFormat(Qt.TextFormat.PlainText)
            edit = QLineEdit()
            edit.setObjectName(f"why{number}")
            edit.setPlaceholderText(self.tr("Because…"))
            grid.addWidget(prompt, 2 * number - 1, 1)
            grid.addWidget(badge, 2 * number, 0)
            grid.addWidget(edit, 2 * number, 1)
            self.why_prompts.append(prompt)
            self.why_edits.append(edit)
        grid.setColumnStretch(1, 1)
        column.addLayout(grid)
        self.chain_label = QLabel()
        self.chain_label.setWordWrap(True)
        self.chain_label.setProperty("role", "muted")
        column.addWidget(self.chain_label)

        form = QFormLayout()
        self.root_cause_edit = QPlainTextEdit()
        self.root_cause_edit.setTabChangesFocus(True)
        self.root_cause_edit.setPlaceholderText(self.tr("The root cause in a sentence or two"))
        self.root_cause_edit.setMaximumHeight(80)
        self.six_m_combo = CodeCombo(choices("six_m"), placeholder=self.tr("Not classified"))
        form.addRow(self.tr("Root cause &summary"), self.root_cause_edit)
        form.addRow(self.tr("&6M category"), self.six_m_combo)
        column.addLayout(form)
        column.addStretch(1)
        return page

    def _actions_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        self.actions_note = QLabel()
        self.actions_note.setProperty("role", "muted")
        self.actions_note.setWordWrap(True)
        column.addWidget(self.actions_note)
        self.actions_model: RecordTableModel[ActionRead] = RecordTableModel(
            [
                Column("kind", self.tr("Kind"), lambda a: label("action_kind", a.kind)),
                Column("title", self.tr("Action"), lambda a: a.title, tooltip=lambda a: a.note or None),
                Column("owner", self.tr("Owner"), lambda a: a.owner),
                Column(
                    "due",
                    self.tr("Due"),
                    lambda a: a.due_date,
                    background=lambda a: OVERDUE_COLOR if a.overdue else None,
                    foreground=lambda a: OVERDUE_TEXT if a.overdue else None,
                    tooltip=lambda a: self.tr("Overdue") if a.overdue else None,
                ),
                Column(
                    "status",
                    self.tr("Status"),
                    lambda a: label("action_status", a.status) + (self.tr(" (overdue)") if a.overdue else ""),
                    foreground=lambda a: (
                        OVERDUE_TEXT if a.overdue else (DONE_TEXT if a.status == "done" else None)
                    ),
                ),
                Column("completed", self.tr("Completed"), lambda a: a.completed_on),
            ],
            self,
        )
        self.actions_table = RecordTableView(self.actions_model)
        self.actions_table.opened.connect(self.edit_action)
        column.addWidget(self.actions_table, 1)
        buttons = QHBoxLayout()
        self.add_corrective_button = QPushButton(self.tr("Add corrective action…"))
        self.add_corrective_button.clicked.connect(lambda: self.add_action("corrective"))
        self.add_preventive_button = QPushButton(self.tr("Add preventive action…"))
        self.add_preventive_button.clicked.connect(lambda: self.add_action("preventive"))
        self.edit_action_button = QPushButton(self.tr("Edit…"))
        self.edit_action_button.clicked.connect(lambda: self.edit_action(self.actions_table.current_row()))
        self.done_button = QPushButton(self.tr("Mark done"))
        self.done_button.clicked.connect(self.mark_selected_done)
        for button in (
            self.add_corrective_button,
            self.add_preventive_button,
            self.edit_action_button,
            self.done_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        return page

    def _verification_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        hint = QLabel(
            self.tr(
                "Once the actions are done, check that the problem does not come back, "
                "and record the result here. A nonconformity closes only when it was verified."
            )
        )
        hint.setProperty("role", "muted")
        hint.setWordWrap(True)
        column.addWidget(hint)
        form = QFormLayout()
        self.effectiveness_combo = CodeCombo(
            choices("effectiveness"), placeholder=self.tr("Not verified yet")
        )
        self.verified_by_edit = QLineEdit()
        self.verified_by_edit.setPlaceholderText(self.tr("Who checked it"))
        self.verified_on_edit = DateEdit()
        form.addRow(self.tr("&Effectiveness"), self.effectiveness_combo)
        form.addRow(self.tr("Verified &by"), self.verified_by_edit)
        form.addRow(self.tr("Verified o&n"), self.verified_on_edit)
        column.addLayout(form)
        self.closed_label = QLabel()
        self.closed_label.setWordWrap(True)
        column.addWidget(self.closed_label)
        column.addStretch(1)
        return page

    # Loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        nc = self.nc
        today = date.today()
        self.detected_edit.setMaximumDate(QDate.currentDate())
        self.verified_on_edit.setMaximumDate(QDate.currentDate())
        departments = [(d.id, d.name) for d in self.context.call(list_departments)]
        if nc is not None and nc.department_id is not None and nc.department_id not in dict(departments):
            departments.append((nc.department_id, nc.department))  # an archived department stays shown
        self.department_combo.set_items(departments, placeholder=self.tr("No department"))
        statuses = [(code, text) for code, text in choices("nc_status") if code != "closed"]
        if nc is not None and nc.status == "closed":
            statuses = [("closed", label("nc_status", "closed"))]
        self.status_combo.set_items(statuses)
        if nc is None:
            self.detected_edit.set_value(today)
            self.verified_on_edit.set_value(today)
            self.status_combo.set_value("open")
            self._refresh_state()
            return
        self.title_edit.setText(nc.title)
        self.source_combo.show_stored(nc.source)
        self.severity_combo.show_stored(nc.severity)
        self.department_combo.set_value(nc.department_id)
        self.product_edit.setText(nc.product_process)
        self.detected_edit.set_value(nc.detected_on)
        self.owner_edit.setText(nc.owner)
        self.status_combo.show_stored(nc.status)
        self.disposition_combo.show_stored(nc.disposition)
        self.description_edit.setPlainText(nc.description)
        self.containment_edit.setPlainText(nc.containment)
        for edit, answer in zip(self.why_edits, [*nc.whys, *[""] * MAX_WHYS], strict=False):
            edit.setText(answer)
        self.root_cause_edit.setPlainText(nc.root_cause)
        self.six_m_combo.show_stored(nc.six_m)
        self._load_verification(nc)
        self._refresh_state()
        self.reload_actions()

    def _load_verification(self, nc: NcRead) -> None:
        if nc.effectiveness is not None:
            # A recorded verification can be corrected but not removed.
            self.effectiveness_combo.set_items(choices("effectiveness"))
        self.effectiveness_combo.show_stored(nc.effectiveness)
        self.verified_by_edit.setText(nc.verified_by or "")
        self.verified_on_edit.set_value(nc.verified_on or date.today())
        self._effectiveness_changed()

    def _effectiveness_changed(self) -> None:
        chosen = self.effectiveness_combo.value() is not None
        self.verified_by_edit.setEnabled(chosen)
        self.verified_on_edit.setEnabled(chosen)
        if chosen and not self.verified_by_edit.text().strip():
            self.verified_by_edit.setText(self.context.user)

    def reload_actions(self) -> None:
        """Reload the actions and the counts in the header from the database."""
        if self.nc is None:
            self.actions_model.set_rows([])
            return
        rows = self.context.call(list_actions, nonconformity_id=self.nc.id)
        self.actions_model.set_rows(rows)
        self.actions_table.fit_columns(maximum=340)
        self.nc = self.context.call(nc_service.get_nonconformity, nc_id=self.nc.id)
        self._refresh_state()

    def _refresh_state(self) -> None:
        """Header line, enabled buttons and notes, from the stored record."""
        nc = self.nc
        stored = nc is not None
        closed = stored and nc.status == "closed"
        editable_actions = stored and not closed and not nc.archived
        for button in (self.add_corrective_button, self.add_preventive_button):
            button.setEnabled(editable_actions)
        self.edit_action_button.setEnabled(stored)
        self.done_button.setEnabled(editable_actions)
        self.close_nc_button.setEnabled(stored and not nc.archived)
        self.close_nc_button.setText(self.tr("Reopen") if closed else self.tr("Close nonconformity"))
        self.effectiveness_combo.setEnabled(stored and not closed)
        self.status_combo.setEnabled(stored and not closed)
        if not stored:
            self.info_label.setText(
                self.tr("New nonconformity: save it to add actions and record the verification.")
            )
            self.actions_note.setText(
                self.tr("Save the nonconformity first; then add its corrective and preventive actions here.")
            )
            self.closed_label.setText("")
            return
        parts = [
            nc.code,
            label("nc_status", nc.status),
            self.tr("detected {day}").format(day=nc.detected_on.isoformat()),
        ]
        if closed:
            parts.append(
                self.tr("closed {day} after {n} days").format(
                    day=nc.closed_on.isoformat(), n=nc.days_to_close
                )
            )
        else:
            parts.append(self.tr("open {n} days").format(n=nc.days_open))
        parts.append(self.tr("{n} open actions").format(n=nc.open_actions))
        if nc.overdue_actions:
            parts.append(self.tr("{n} overdue").format(n=nc.overdue_actions))
        if nc.archived:
            parts.append(self.tr("archived"))
        self.info_label.setText(" · ".join(parts))
        if closed:
            self.actions_note.setText(self.tr("This nonconformity is closed; reopen it to add actions."))
        else:
            self.actions_note.setText(
                self.tr(
                    "{open} open, {overdue} overdue. Every action must be done or cancelled before closing."
                ).format(open=nc.open_actions, overdue=nc.overdue_actions)
            )
        self.closed_label.setText(
            self.tr("Closed on {day}.").format(day=nc.closed_on.isoformat()) if closed else ""
        )

    def _update_chain(self) -> None:
        """Each why asks about the answer above it; a line opens once the one before is answered."""
        problem = self.title_edit.text().strip()
        self.problem_label.setText(problem or self.tr("(the title on top)"))
        previous = problem
        answers = [edit.text().strip() for edit in self.why_edits]
        for number, (edit, prompt) in enumerate(zip(self.why_edits, self.why_prompts, strict=True)):
            if previous:
                prompt.setText(self.tr("Why: {text}?").format(text=_elide(previous.rstrip(".?!"))))
            else:
                prompt.setText(self.tr("Answer the line above first."))
            edit.setEnabled(bool(previous) or bool(answers[number]))
            previous = answers[number]
        given = [answer for answer in answers if answer]
        if given:
            chain = "  →  ".join(f"{n}. {_elide(answer, 60)}" for n, answer in enumerate(given, start=1))
            self.chain_label.setText(chain)
        else:
            self.chain_label.setText("")

    # EditorDialog -----------------------------------------------------------------------

    def whys(self) -> list[str]:
        return [edit.text().strip() for edit in self.why_edits if edit.text().strip()]

    def data(self) -> NcInput:
        return NcInput(
            title=self.title_edit.text(),
            detected_on=self.detected_edit.value(),
            source=self.source_combo.value(),
            severity=self.severity_combo.value(),
            department_id=self.department_combo.value(),
            product_process=self.product_edit.text(),
            owner=self.owner_edit.text(),
            description=self.description_edit.toPlainText(),
            containment=self.containment_edit.toPlainText(),
            disposition=self.disposition_combo.value(),
            whys=self.whys(),
            root_cause=self.root_cause_edit.toPlainText(),
            six_m=self.six_m_combo.value(),
        )

    def _verification(self) -> tuple[str, str, date] | None:
        effectiveness = self.effectiveness_combo.value()
        if effectiveness is None:
            return None
        return effectiveness, self.verified_by_edit.text().strip(), self.verified_on_edit.value()

    def snapshot(self) -> tuple:
        data = self.data()
        return (
            data.title.strip(), data.detected_on, data.source, data.severity, data.department_id,
            data.product_process.strip(), data.owner.strip(), data.description.strip(), data.containment.strip(),
            data.disposition, tuple(data.whys), data.root_cause.strip(), data.six_m, self.status_combo.value(),
            self._verification(),
        )  # fmt: skip

    def local_errors(self) -> dict[str, str]:
        """The problems `services.nonconformities` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        today = date.today()
        answers = [edit.text().strip() for edit in self.why_edits]
        last_given = max((n for n, answer in enumerate(answers) if answer), default=-1)
        gap = next((n for n in range(last_given) if not answers[n]), None)
        if gap is not None:
            # The form's own layout: the service keeps the answers given, in order, so a blank
            # field between two answers would silently renumber the ones after it.
            errors["whys"] = Problem("whys", "nc.why_gap", {"number": gap + 1}).message()
        problems = nc_problems(self.data(), today)
        verification = self._verification()
        if verification is not None:
            problems += verification_problems(
                *verification, detected_on=self.detected_edit.value(), today=today
            )
        for problem in problems:
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "title": self.title_edit,
            "source": self.source_combo,
            "severity": self.severity_combo,
            "department_id": self.department_combo,
            "product_process": self.product_edit,
            "detected_on": self.detected_edit,
            "owner": self.owner_edit,
            "description": self.description_edit,
            "containment": self.containment_edit,
            "disposition": self.disposition_combo,
            "whys": self.why_edits[0],
            "root_cause": self.root_cause_edit,
            "six_m": self.six_m_combo,
            "status": self.status_combo,
            "effectiveness": self.effectiveness_combo,
            "verified_by": self.verified_by_edit,
            "verified_on": self.verified_on_edit,
        }

    def after_revalidate(self, errors: Mapping[str, str]) -> None:
        self.apply_button.setEnabled(not errors and self.is_dirty())

    def perform_save(self) -> None:
        """Save the record, a changed status and a changed verification in one transaction."""
        if self.nc is None:
            self.nc = self.saved = self.context.write(
                nc_service.create_nonconformity, topics=TOPICS, data=self.data()
            )
            return
        content_changed = self.snapshot()[:13] != self._baseline[:13]
        status = self.status_combo.value()
        verification = self._verification()
        stored = (
            (self.nc.effectiveness, self.nc.verified_by or "", self.nc.verified_on)
            if self.nc.effectiveness is not None
            else None
        )
        self.nc = self.saved = self.context.write(
            nc_service.save_nonconformity,
            topics=TOPICS,
            nc_id=self.nc.id,
            data=self.data() if content_changed else None,
            status=status if self.nc.status != "closed" else None,
            verification=verification if verification != stored else None,
            expected_version=self.nc.version,
        )

    def apply(self) -> bool:
        """Save and stay in the editor (a new record then offers its Actions tab)."""
        if not self.try_save():
            return False
        self._after_store()
        return True

    def _after_store(self) -> None:
        self.setWindowTitle(self.tr("Nonconformity {code}").format(code=self.nc.code))
        if self.nc.effectiveness is not None:
            self.effectiveness_combo.set_items(choices("effectiveness"))
        self.reload_actions()
        self.mark_clean()

    # Actions ----------------------------------------------------------------------------

    def add_action(self, kind: str) -> None:
        from opsdesk.ui.dialogs.action_editor import ActionEditor

        if self.nc is None:
            return
        saved = ActionEditor.ask(
            self,
            self.context,
            nonconformity_id=self.nc.id,
            kind=kind,
            link_text=f"{self.nc.code} · {self.nc.title}",
        )
        if saved is not None:
            self.reload_actions()
            self.actions_table.select_where(lambda a: a.id == saved.id)

    def edit_action(self, action: ActionRead | None) -> None:
        from opsdesk.ui.dialogs.action_editor import ActionEditor

        if action is None:
            return
        if ActionEditor.ask(self, self.context, action) is not None:
            self.reload_actions()
            self.actions_table.select_where(lambda a: a.id == action.id)

    def mark_selected_done(self) -> None:
        """Mark the selected open actions done today."""
        rows = [a for a in self.actions_table.selected_rows() if a.status not in ("done", "cancelled")]
        if not rows:
            return
        try:
            for action in rows:
                self.context.write(
                    complete_action, topics=TOPICS, action_id=action.id, expected_version=action.version
                )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
        self.reload_actions()

    # Closing ----------------------------------------------------------------------------

    def close_or_reopen(self) -> None:
        """Close the nonconformity (saving pending edits first), or reopen a closed one."""
        if self.nc is None:
            return
        if self.nc.status == "closed":
            self._reopen()
            return
        if self.is_dirty() and not self.apply():
            return
        try:
            closed = self.context.write(
                nc_service.close_nonconformity,
                topics=TOPICS,
                nc_id=self.nc.id,
                expected_version=self.nc.version,
            )
        except ValidationError as exc:
            messages.show_problem(self, exc, self.tr("Cannot close {code}").format(code=self.nc.code))
            self.reload_actions()
            return
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return
        self.nc = self.saved = closed
        self._closing = True
        self.accept()

    def _reopen(self) -> None:
        if not messages.confirm(
            self,
            self.tr("Reopen {code}").format(code=self.nc.code),
            self.tr("Reopen {code} for further action? Its closing date is cleared.").format(
                code=self.nc.code
            ),
            self.tr("Reopen"),
        ):
            return
        if self.is_dirty() and not self.apply():
            return
        try:
            self.nc = self.saved = self.context.write(
                nc_service.set_status,
                topics=TOPICS,
                nc_id=self.nc.id,
                status=REOPEN_STATUS,
                expected_version=self.nc.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc)
            return
        self.status_combo.set_items([(c, t) for c, t in choices("nc_status") if c != "closed"])
        self.status_combo.set_value(self.nc.status)
        self._after_store()

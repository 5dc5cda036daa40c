"""Add or edit one action, linked to a risk, a nonconformity, a suggestion, a meeting, or nothing."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import ConflictError, Problem
from opsdesk.services.actions import ActionInput, ActionRead, action_problems, add_action, update_action
from opsdesk.services.risks import get_risk
from opsdesk.ui import labels, messages
from opsdesk.ui.context import ACTIONS, QUALITY, RISKS, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, OptionalDateEdit, OptionalNumberEdit

LINK_FIELDS = ("risk_id", "nonconformity_id", "suggestion_id", "meeting_id")


class ActionEditor(EditorDialog):
    """The action form; `ask()` opens it and returns the saved action, or None."""

    def __init__(
        self,
        context: AppContext,
        action: ActionRead | None = None,
        *,
        links: Mapping[str, int | None] | None = None,
        link_text: str = "",
        kind: str = "mitigation",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.action = action
        self.saved: ActionRead | None = None
        if action is not None:
            self.links = {name: getattr(action, name) for name in LINK_FIELDS}
        else:
            self.links = {name: (links or {}).get(name) for name in LINK_FIELDS}
        self.setWindowTitle(self.tr("Edit action") if action else self.tr("New action"))
        self.setMinimumWidth(480)
        self.resize(560, 460)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("What will be done"))
        self.kind_combo = CodeCombo(labels.choices("action_kind"))
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who does it"))
        self.due_edit = OptionalDateEdit(self.tr("Set"))
        self.due_edit.set_default_date(date.today())
        self.status_combo = CodeCombo(labels.choices("action_status"))
        self.completed_edit = OptionalDateEdit(self.tr("Done on"))
        self.cost_edit = OptionalNumberEdit(self.tr("optional"))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setMinimumHeight(70)

        form = QFormLayout()
        if action is not None and action.source:
            link_text = link_text or f"{action.source} · {action.source_title}".strip(" ·")
        elif not link_text and self.links["risk_id"] is not None:
            risk = context.call(get_risk, risk_id=self.links["risk_id"])
            link_text = f"{risk.code} · {risk.title}"
        if link_text:
            link_label = QLabel(link_text)
            link_label.setProperty("role", "muted")
            link_label.setWordWrap(True)
            form.addRow(self.tr("For"), link_label)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("&Kind"), self.kind_combo)
        form.addRow(self.tr("&Owner"), self.owner_edit)
        form.addRow(self.tr("Due &date"), self.due_edit)
        form.addRow(self.tr("&Status"), self.status_combo)
        form.addRow(self.tr("Completed"), self.completed_edit)
        form.addRow(self.tr("&Cost"), self.cost_edit)
        form.addRow(self.tr("&Note"), self.note_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form, 1)
        layout.addWidget(self.footer())

        self._load(action, kind)
        for signal in (
            self.title_edit.textChanged, self.kind_combo.currentIndexChanged, self.owner_edit.textChanged,
            self.due_edit.changed, self.status_combo.currentIndexChanged, self.completed_edit.changed,
            self.cost_edit.textChanged, self.note_edit.textChanged,
        ):  # fmt: skip
            signal.connect(self.revalidate)
        self.status_combo.currentIndexChanged.connect(self._status_changed)
        self.mark_clean()
        self.title_edit.setFocus()

    @classmethod
    def ask(
        cls,
        parent: QWidget | None,
        context: AppContext,
        action: ActionRead | None = None,
        *,
        risk_id: int | None = None,
        nonconformity_id: int | None = None,
        suggestion_id: int | None = None,
        meeting_id: int | None = None,
        link_text: str = "",
        kind: str = "mitigation",
    ) -> ActionRead | None:
        """Edit `action`, or create one with the given link; returns what was saved, or None."""
        links = {
            "risk_id": risk_id,
            "nonconformity_id": nonconformity_id,
            "suggestion_id": suggestion_id,
            "meeting_id": meeting_id,
        }
        dialog = cls(context, action, links=links, link_text=link_text, kind=kind, parent=parent)
        dialog.exec()
        saved = dialog.saved
        dialog.deleteLater()  # not kept alive by its parent once closed
        return saved

    def _load(self, action: ActionRead | None, kind: str) -> None:
        if action is None:
            self.kind_combo.set_value(kind)
            self.status_combo.set_value("planned")
            self.completed_edit.setEnabled(False)
            return
        self.title_edit.setText(action.title)
        self.kind_combo.show_stored(action.kind)
        self.owner_edit.setText(action.owner)
        self.due_edit.set_value(action.due_date)
        self.status_combo.show_stored(action.status)
        self.completed_edit.set_value(action.completed_on)
        self.completed_edit.setEnabled(action.status == "done")
        self.cost_edit.set_value(action.cost)
        self.note_edit.setPlainText(action.note)

    def _status_changed(self) -> None:
        done = self.status_combo.value() == "done"
        self.completed_edit.setEnabled(done)
        if done and self.completed_edit.value() is None:
            self.completed_edit.set_value(date.today())
        elif not done:
            self.completed_edit.set_value(None)

    # EditorDialog ---------------------------------------------------------------------

    def data(self) -> ActionInput:
        return ActionInput(
            title=self.title_edit.text(),
            owner=self.owner_edit.text(),
            due_date=self.due_edit.value(),
            status=self.status_combo.value(),
            completed_on=self.completed_edit.value() if self.status_combo.value() == "done" else None,
            cost=self.cost_edit.value(),
            note=self.note_edit.toPlainText(),
            kind=self.kind_combo.value(),
            **self.links,
        )

    def snapshot(self) -> tuple:
        data = self.data()
        return (data.title, data.owner, data.due_date, data.status, data.completed_on,
                self.cost_edit.text(), data.note, data.kind)  # fmt: skip

    def local_errors(self) -> dict[str, str]:
        """The problems `services.actions` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        for problem in action_problems(self.data(), date.today()):
            errors.setdefault(problem.field or "__all__", problem.message())
        if not self.cost_edit.text_is_number():
            # Only the form sees the typed text: a cost that does not read as a number reaches
            # the service as "no cost", so the form itself says so.
            errors["cost"] = Problem("cost", "action.cost_not_a_number").message()
        return errors

    def field_widgets(self) -> dict[str, QWidget]:
        return {
            "title": self.title_edit,
            "kind": self.kind_combo,
            "owner": self.owner_edit,
            "due_date": self.due_edit,
            "status": self.status_combo,
            "completed_on": self.completed_edit,
            "cost": self.cost_edit,
            "note": self.note_edit,
        }

    def topics(self) -> tuple[str, ...]:
        topics = [ACTIONS]
        if self.links["risk_id"] is not None:
            topics.append(RISKS)  # the register counts open actions per risk
        if any(self.links[name] is not None for name in ("nonconformity_id", "suggestion_id", "meeting_id")):
            topics.append(QUALITY)
        return tuple(topics)

    def perform_save(self) -> None:
        if self.action is None:
            self.saved = self.context.write(add_action, topics=self.topics(), data=self.data())
        else:
            self.saved = self.context.write(
                update_action,
                topics=self.topics(),
                action_id=self.action.id,
                data=self.data(),
                expected_version=self.action.version,
            )

    def show_conflict(self, error: ConflictError) -> None:
        messages.show_problem(self, error)

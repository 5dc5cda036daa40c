"""The short Submit suggestion form and the Review dialog that moves a suggestion along its workflow."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.catalogue import Term, text
from opsdesk.domain.errors import Problem
from opsdesk.services.settings import list_departments
from opsdesk.services.suggestions import (
    SuggestionInput,
    SuggestionRead,
    allowed_moves,
    get_suggestion,
    move_problems,
    move_suggestion,
    submit_suggestion,
    suggestion_problems,
    update_suggestion,
)
from opsdesk.ui.context import QUALITY, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import CodeCombo, DateEdit, OptionalNumberEdit, to_qdate
from opsdesk.ui.labels import label

TOPICS = (QUALITY,)
REVIEW_MOVES = ("under_review", "accepted", "rejected")
REWARD_MOVES = ("accepted", "implemented")


def _text_edit(placeholder: str, height: int) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setPlaceholderText(placeholder)
    edit.setTabChangesFocus(True)
    edit.setMinimumHeight(height)
    return edit


class SubmitSuggestionDialog(EditorDialog):
    """Who, which department, what, and why it helps: a short form anyone can fill in."""

    def __init__(
        self, context: AppContext, suggestion: SuggestionRead | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.suggestion = suggestion
        self.saved: SuggestionRead | None = None
        if suggestion is None:
            self.setWindowTitle(self.tr("Submit a suggestion"))
            self.save_button.setText(self.tr("Submit"))
        else:
            self.setWindowTitle(self.tr("Edit suggestion {code}").format(code=suggestion.code))
        self.setMinimumWidth(520)
        self.resize(580, 520)

        self.submitter_edit = QLineEdit()
        self.submitter_edit.setPlaceholderText(self.tr("Your name"))
        departments = [(d.id, d.name) for d in context.call(list_departments)]
        if suggestion is not None and suggestion.department_id not in dict(departments):
            departments.append((suggestion.department_id, suggestion.department))
        self.department_combo = CodeCombo(departments, placeholder=self.tr("Choose your department"))
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("Your idea in one line"))
        self.description_edit = _text_edit(self.tr("What should change, and where?"), 90)
        self.benefit_edit = _text_edit(self.tr("What gets better: time, cost, quality, safety…"), 60)
        self.cost_edit = OptionalNumberEdit(self.tr("optional, if you can guess"))

        intro = QLabel(
            self.tr("Every idea counts. The quality team reviews each suggestion and rewards the good ones.")
        )
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Your &name"), self.submitter_edit)
        form.addRow(self.tr("&Department"), self.department_combo)
        form.addRow(self.tr("&Title"), self.title_edit)
        form.addRow(self.tr("D&escription"), self.description_edit)
        form.addRow(self.tr("Expected &benefit"), self.benefit_edit)
        form.addRow(self.tr("Estimated &cost"), self.cost_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.footer())

        if suggestion is not None:
            self.submitter_edit.setText(suggestion.submitter)
            self.department_combo.set_value(suggestion.department_id)
            self.title_edit.setText(suggestion.title)
            self.description_edit.setPlainText(suggestion.description)
            self.benefit_edit.setPlainText(suggestion.expected_benefit)
            self.cost_edit.set_value(suggestion.estimated_cost)
        for signal in (
            self.submitter_edit.textChanged, self.department_combo.currentIndexChanged, self.title_edit.textChanged,
            self.description_edit.textChanged, self.benefit_edit.textChanged, self.cost_edit.textChanged,
        ):  # fmt: skip
            signal.connect(self.revalidate)
        self.mark_clean()
        self.submitter_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, suggestion_id: int | None = None
    ) -> SuggestionRead | None:
        """Submit a new suggestion (or edit one); returns what was saved, or None."""
        suggestion = (
            context.call(get_suggestion, suggestion_id=suggestion_id) if suggestion_id is not None else None
        )
        dialog = cls(context, suggestion, parent=parent)
        dialog.exec()
        return dialog.saved

    def data(self) -> SuggestionInput:
        return SuggestionInput(
            title=self.title_edit.text(),
            submitter=self.submitter_edit.text(),
            department_id=self.department_combo.value(),
            description=self.description_edit.toPlainText(),
            expected_benefit=self.benefit_edit.toPlainText(),
            estimated_cost=self.cost_edit.value(),
        )

    def snapshot(self) -> tuple:
        data = self.data()
        return (
            data.title.strip(), data.submitter.strip(), data.department_id, data.description.strip(),
            data.expected_benefit.strip(), self.cost_edit.text().strip(),
        )  # fmt: skip

    def local_errors(self) -> dict[str, str]:
        """The problems `services.suggestions` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        if not self.cost_edit.text_is_number():
            # Only the form sees the typed text; the service would get "no estimated cost".
            errors["estimated_cost"] = Problem("estimated_cost", "suggestion.cost_not_a_number").message()
        for problem in suggestion_problems(self.data(), date.today()):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "submitter": self.submitter_edit,
            "department_id": self.department_combo,
            "title": self.title_edit,
            "description": self.description_edit,
            "expected_benefit": self.benefit_edit,
            "estimated_cost": self.cost_edit,
            "submitted_on": self.title_edit,
        }

    def perform_save(self) -> None:
        if self.suggestion is None:
            self.saved = self.context.write(submit_suggestion, topics=TOPICS, data=self.data())
        else:
            self.saved = self.context.write(
                update_suggestion,
                topics=TOPICS,
                suggestion_id=self.suggestion.id,
                data=self.data(),
                expected_version=self.suggestion.version,
            )


class ReviewSuggestionDialog(EditorDialog):
    """Move a suggestion to one of its allowed next statuses, with reviewer, note, reward and benefit."""

    def __init__(
        self, context: AppContext, suggestion: SuggestionRead, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.suggestion = suggestion
        self.saved: SuggestionRead | None = None
        self.setWindowTitle(self.tr("Review suggestion {code}").format(code=suggestion.code))
        self.setMinimumWidth(560)
        self.resize(620, 600)

        heading = QLabel(f"{suggestion.code} · {suggestion.title}")
        heading.setWordWrap(True)
        heading.setTextFormat(Qt.TextFormat.PlainText)
        heading.setStyleSheet("font-size: 12pt; font-weight: 600;")
        facts = QLabel(
            self.tr("Submitted {day} by {who} ({department}) · now {status}").format(
                day=suggestion.submitted_on.isoformat(),
                who=suggestion.submitter,
                department=suggestion.department,
                status=label("suggestion_status", suggestion.status),
            )
        )
        facts.setProperty("role", "muted")
        facts.setWordWrap(True)
        summary_parts = [suggestion.description]
        if suggestion.expected_benefit:
            summary_parts.append(self.tr("Expected benefit: {text}").format(text=suggestion.expected_benefit))
        if suggestion.estimated_cost is not None:
            summary_parts.append(
                self.tr("Estimated cost: {cost:,.2f}").format(cost=suggestion.estimated_cost)
            )
        if suggestion.decision_note:
            summary_parts.append(self.tr("Earlier note: {text}").format(text=suggestion.decision_note))
        summary = QLabel("\n".join(part for part in summary_parts if part))
        summary.setWordWrap(True)
        summary.setTextFormat(Qt.TextFormat.PlainText)

        moves = allowed_moves(suggestion.status)
        self.move_combo = CodeCombo([(code, label("suggestion_status", code)) for code in moves])
        self.reviewer_edit = QLineEdit(suggestion.reviewer or context.user)
        self.reviewer_edit.setPlaceholderText(self.tr("Who decides"))
        self.date_edit = DateEdit()
        self.date_edit.setMaximumDate(QDate.currentDate())
        earliest = max(suggestion.submitted_on, suggestion.reviewed_on or suggestion.submitted_on)
        self.date_edit.setMinimumDate(to_qdate(earliest))
        self.date_edit.set_value(max(date.today(), earliest))
        self.note_edit = _text_edit(self.tr("Why this decision (required to reject)"), 60)
        self.points_edit = OptionalNumberEdit(self.tr("points"), decimals=0)
        self.amount_edit = OptionalNumberEdit(self.tr("money"))
        self.points_edit.set_value(suggestion.reward_points)
        self.amount_edit.set_value(suggestion.reward_amount)
        self.benefit_edit = _text_edit(self.tr("What the change actually brought"), 60)

        form = QFormLayout()
        form.addRow(self.tr("&Move to"), self.move_combo)
        form.addRow(self.tr("&Reviewer"), self.reviewer_edit)
        form.addRow(self.tr("&On"), self.date_edit)
        form.addRow(self.tr("Decision &note"), self.note_edit)
        form.addRow(self.tr("Reward &points"), self.points_edit)
        form.addRow(self.tr("Reward &amount"), self.amount_edit)
        form.addRow(self.tr("Realised &benefit"), self.benefit_edit)
        self.final_label = QLabel()
        self.final_label.setProperty("role", "muted")
        self.final_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(facts)
        layout.addWidget(summary)
        layout.addWidget(self.final_label)
        layout.addLayout(form, 1)
        layout.addWidget(self.footer())
        if not moves:
            self.final_label.setText(
                self.tr("{status} is a final status: this suggestion cannot move any more.").format(
                    status=label("suggestion_status", suggestion.status)
                )
            )
            for widget in (self.move_combo, self.reviewer_edit, self.date_edit, self.note_edit,
                           self.points_edit, self.amount_edit, self.benefit_edit):  # fmt: skip
                widget.setEnabled(False)
        else:
            self.final_label.hide()

        for signal in (
            self.move_combo.currentIndexChanged, self.reviewer_edit.textChanged, self.date_edit.dateChanged,
            self.note_edit.textChanged, self.points_edit.textChanged, self.amount_edit.textChanged,
            self.benefit_edit.textChanged,
        ):  # fmt: skip
            signal.connect(self.revalidate)
        self.move_combo.currentIndexChanged.connect(self._target_changed)
        self._target_changed()
        self.mark_clean()
        self.move_combo.setFocus()

    @classmethod
    def ask(cls, parent: QWidget | None, context: AppContext, suggestion_id: int) -> SuggestionRead | None:
        """Review one suggestion; returns it after the move, or None when nothing was saved."""
        suggestion = context.call(get_suggestion, suggestion_id=suggestion_id)
        dialog = cls(context, suggestion, parent=parent)
        dialog.exec()
        return dialog.saved

    def offered_moves(self) -> list[str]:
        """The statuses the Move to list offers (only the workflow's allowed moves)."""
        return self.move_combo.values()

    def _target_changed(self) -> None:
        target = self.move_combo.value()
        if target is None:
            return
        self.reviewer_edit.setEnabled(target in REVIEW_MOVES)
        rewarded = target in REWARD_MOVES
        self.points_edit.setEnabled(rewarded)
        self.amount_edit.setEnabled(rewarded)
        self.benefit_edit.setEnabled(target == "implemented")
        self.save_button.setText(
            self.tr("Move to {status}").format(status=label("suggestion_status", target))
        )

    def _points(self) -> int | None:
        if not self.points_edit.isEnabled():
            return None
        value = self.points_edit.value()
        return None if value is None else int(value)

    def _amount(self) -> float | None:
        return self.amount_edit.value() if self.amount_edit.isEnabled() else None

    def snapshot(self) -> tuple:
        return (
            self.move_combo.value(), self.reviewer_edit.text().strip(), self.date_edit.value(),
            self.note_edit.toPlainText().strip(), self.points_edit.text().strip(), self.amount_edit.text().strip(),
            self.benefit_edit.toPlainText().strip(),
        )  # fmt: skip

    def is_dirty(self) -> bool:
        # Choosing a move is itself the change worth keeping.
        return self.move_combo.count() > 0 and super().is_dirty()

    def local_errors(self) -> dict[str, str]:
        """The problems `services.suggestions.move_suggestion` would refuse the move with, from the same rules."""
        target = self.move_combo.value()
        current = self.suggestion
        if target is None:  # no move is offered at all: nothing the service could be asked
            return {
                "status": text("suggestion.final_status", current=Term("suggestion_status", current.status))
            }
        errors: dict[str, str] = {}
        if target in REWARD_MOVES:
            # Only the form sees the typed text: points that are not a whole number, or an amount that
            # is not a number, would reach the service as "no reward".
            points_value = self.points_edit.value()
            if not self.points_edit.text_is_number() or (points_value is not None and points_value % 1):
                errors["reward_points"] = text("suggestion.points_not_whole")
            if not self.amount_edit.text_is_number():
                errors["reward_amount"] = text("suggestion.amount_not_a_number")
        problems = move_problems(
            current, target, reviewer=self.reviewer_edit.text() if target in REVIEW_MOVES else None,
            note=self.note_edit.toPlainText(), reward_points=self._points(), reward_amount=self._amount(),
            realised_benefit=self.benefit_edit.toPlainText() if target == "implemented" else "",
            on=self.date_edit.value(), today=date.today(),
        )  # fmt: skip
        for problem in problems:
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "status": self.move_combo,
            "reviewer": self.reviewer_edit,
            "on": self.date_edit,
            "note": self.note_edit,
            "reward_points": self.points_edit,
            "reward_amount": self.amount_edit,
            "realised_benefit": self.benefit_edit,
        }

    def perform_save(self) -> None:
        target = self.move_combo.value()
        self.saved = self.context.write(
            move_suggestion,
            topics=TOPICS,
            suggestion_id=self.suggestion.id,
            to_status=target,
            reviewer=self.reviewer_edit.text() if target in REVIEW_MOVES else None,
            note=self.note_edit.toPlainText(),
            reward_points=self._points(),
            reward_amount=self._amount(),
            realised_benefit=self.benefit_edit.toPlainText() if target == "implemented" else "",
            on=self.date_edit.value(),
            expected_version=self.suggestion.version,
        )

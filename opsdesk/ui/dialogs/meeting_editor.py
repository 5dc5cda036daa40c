"""The meeting editor (date, attendees, agenda, minutes, decisions, links) and the decision-to-action dialog."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import ConflictError
from opsdesk.services.actions import ActionRead
from opsdesk.services.meetings import (
    MeetingInput,
    MeetingRead,
    create_action_from_decision,
    create_meeting,
    decision_owner_problems,
    get_meeting,
    meeting_problems,
    update_meeting,
)
from opsdesk.services.nonconformities import list_nonconformities
from opsdesk.services.quality import list_objectives
from opsdesk.ui.context import ACTIONS, QUALITY, AppContext
from opsdesk.ui.dialogs.editor_base import EditorDialog
from opsdesk.ui.dialogs.fields import DateEdit, OptionalDateEdit
from opsdesk.ui.labels import label

DEFAULT_DUE_DAYS = 30  # a decision's action is proposed due a month after today
ID_ROLE = Qt.ItemDataRole.UserRole


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class MeetingEditor(EditorDialog):
    """Record a quality meeting; decisions are a list, issues and objectives are ticked."""

    def __init__(
        self, context: AppContext, meeting: MeetingRead | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting = meeting
        self.saved: MeetingRead | None = None
        self.setWindowTitle(self.tr("Edit meeting") if meeting else self.tr("New meeting"))
        self.setMinimumSize(720, 540)
        self.resize(820, 620)

        self.tabs = QTabWidget()
        self.tabs.addTab(self._meeting_tab(), self.tr("&Meeting"))
        self.tabs.addTab(self._decisions_tab(), self.tr("Minutes and &decisions"))
        self.tabs.addTab(self._links_tab(), self.tr("&Links"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.footer())

        self._load()
        for signal in (
            self.date_edit.dateChanged, self.title_edit.textChanged, self.attendees_edit.textChanged,
            self.agenda_edit.textChanged, self.minutes_edit.textChanged,
        ):  # fmt: skip
            signal.connect(self.revalidate)
        self.attendees_edit.textChanged.connect(self._count_attendees)
        self.decisions_list.model().rowsInserted.connect(self._decisions_changed)
        self.decisions_list.model().rowsRemoved.connect(self._decisions_changed)
        self.decisions_list.model().rowsMoved.connect(self._decisions_changed)
        self.decisions_list.itemChanged.connect(self._decisions_changed)
        self.decisions_list.currentRowChanged.connect(self._update_decision_buttons)
        self.nc_list.itemChanged.connect(self.revalidate)
        self.objective_list.itemChanged.connect(self.revalidate)
        self._count_attendees()
        self.mark_clean()
        self._update_decision_buttons()
        self.title_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, meeting_id: int | None = None
    ) -> MeetingRead | None:
        """Edit a meeting (or record a new one); returns the saved meeting, or None."""
        meeting = context.call(get_meeting, meeting_id=meeting_id) if meeting_id is not None else None
        dialog = cls(context, meeting, parent=parent)
        dialog.exec()
        return dialog.saved

    # Tabs -------------------------------------------------------------------------------

    def _meeting_tab(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.date_edit = DateEdit()
        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText(self.tr("e.g. Quality analysis meeting Q3 2026"))
        self.attendees_edit = QPlainTextEdit()
        self.attendees_edit.setTabChangesFocus(True)
        self.attendees_edit.setPlaceholderText(self.tr("One name per line"))
        self.attendees_edit.setMaximumHeight(130)
        self.attendees_count = QLabel()
        self.attendees_count.setProperty("role", "muted")
        self.agenda_edit = QPlainTextEdit()
        self.agenda_edit.setTabChangesFocus(True)
        self.agenda_edit.setPlaceholderText(self.tr("1. …\n2. …"))
        form.addRow(self.tr("&Date"), self.date_edit)
        form.addRow(self.tr("&Title"), self.title_edit)
        attendees = QVBoxLayout()
        attendees.setSpacing(2)
        attendees.addWidget(self.attendees_edit)
        attendees.addWidget(self.attendees_count)
        form.addRow(self.tr("&Attendees"), attendees)
        form.addRow(self.tr("A&genda"), self.agenda_edit)
        return page

    def _decisions_tab(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(QLabel(self.tr("Minutes")))
        self.minutes_edit = QPlainTextEdit()
        self.minutes_edit.setTabChangesFocus(True)
        self.minutes_edit.setPlaceholderText(self.tr("What was discussed and found"))
        column.addWidget(self.minutes_edit, 2)
        column.addWidget(QLabel(self.tr("Decisions")))
        self.decisions_list = QListWidget()
        self.decisions_list.setWordWrap(True)
        self.decisions_list.setAlternatingRowColors(True)
        self.decisions_list.setToolTip(self.tr("Double-click a decision to change its text"))
        column.addWidget(self.decisions_list, 2)
        add_row = QHBoxLayout()
        self.new_decision_edit = QLineEdit()
        self.new_decision_edit.setPlaceholderText(self.tr("Type a decision and press Enter"))
        self.new_decision_edit.returnPressed.connect(self.add_decision)
        self.add_decision_button = QPushButton(self.tr("Add"))
        self.add_decision_button.clicked.connect(self.add_decision)
        add_row.addWidget(self.new_decision_edit, 1)
        add_row.addWidget(self.add_decision_button)
        column.addLayout(add_row)
        buttons = QHBoxLayout()
        self.remove_decision_button = QPushButton(self.tr("Remove"))
        self.remove_decision_button.clicked.connect(self.remove_decision)
        self.up_button = QPushButton(self.tr("Move up"))
        self.up_button.clicked.connect(lambda: self._move_decision(-1))
        self.down_button = QPushButton(self.tr("Move down"))
        self.down_button.clicked.connect(lambda: self._move_decision(1))
        self.create_action_button = QPushButton(self.tr("Create action…"))
        self.create_action_button.clicked.connect(self.create_action)
        for button in (self.remove_decision_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.create_action_button)
        column.addLayout(buttons)
        self.decision_note = QLabel()
        self.decision_note.setProperty("role", "muted")
        self.decision_note.setWordWrap(True)
        column.addWidget(self.decision_note)
        return page

    def _links_tab(self) -> QWidget:
        page = QWidget()
        grid = QGridLayout(page)
        self.nc_list = QListWidget()
        self.objective_list = QListWidget()
        grid.addWidget(QLabel(self.tr("Nonconformities discussed")), 0, 0)
        grid.addWidget(QLabel(self.tr("Quality objectives discussed")), 0, 1)
        grid.addWidget(self.nc_list, 1, 0)
        grid.addWidget(self.objective_list, 1, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        return page

    # Loading ----------------------------------------------------------------------------

    def _load(self) -> None:
        meeting = self.meeting
        linked_ncs = {nc_id for nc_id, _, _ in meeting.nonconformities} if meeting else set()
        linked_objectives = {objective_id for objective_id, _ in meeting.objectives} if meeting else set()
        for nc in self.context.call(list_nonconformities):
            text = f"{nc.code} · {label('nc_status', nc.status)} · {nc.title}"
            self._add_check(self.nc_list, nc.id, text, nc.id in linked_ncs)
        known = {self.nc_list.item(n).data(ID_ROLE) for n in range(self.nc_list.count())}
        for nc_id, code, title in meeting.nonconformities if meeting else ():
            if nc_id not in known:  # archived since: keep the link visible and ticked
                self._add_check(self.nc_list, nc_id, f"{code} · {title}", True)
        for objective in self.context.call(list_objectives):
            text = f"{objective.name} · {objective.department}"
            self._add_check(self.objective_list, objective.id, text, objective.id in linked_objectives)
        known = {self.objective_list.item(n).data(ID_ROLE) for n in range(self.objective_list.count())}
        for objective_id, name in meeting.objectives if meeting else ():
            if objective_id not in known:
                self._add_check(self.objective_list, objective_id, name, True)
        if meeting is None:
            self.date_edit.set_value(date.today())
            return
        self.date_edit.set_value(meeting.held_on)
        self.title_edit.setText(meeting.title)
        self.attendees_edit.setPlainText("\n".join(meeting.attendees))
        self.agenda_edit.setPlainText(meeting.agenda)
        self.minutes_edit.setPlainText(meeting.minutes)
        for decision in meeting.decisions:
            self._add_decision_item(decision)

    @staticmethod
    def _add_check(widget: QListWidget, record_id: int, text: str, checked: bool) -> None:
        item = QListWidgetItem(text)
        item.setToolTip(text)
        item.setData(ID_ROLE, record_id)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        widget.addItem(item)

    def _add_decision_item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        self.decisions_list.addItem(item)
        return item

    def _count_attendees(self) -> None:
        count = len(_lines(self.attendees_edit.toPlainText()))
        self.attendees_count.setText(self.tr("{n} attendees").format(n=count))

    # Decisions --------------------------------------------------------------------------

    def decisions(self) -> list[str]:
        texts = (self.decisions_list.item(n).text().strip() for n in range(self.decisions_list.count()))
        return [text for text in texts if text]

    def add_decision(self) -> None:
        text = self.new_decision_edit.text().strip()
        if not text:
            return
        item = self._add_decision_item(text)
        self.decisions_list.setCurrentItem(item)
        self.new_decision_edit.clear()

    def remove_decision(self) -> None:
        row = self.decisions_list.currentRow()
        if row >= 0:
            self.decisions_list.takeItem(row)

    def _move_decision(self, step: int) -> None:
        row = self.decisions_list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.decisions_list.count():
            return
        item = self.decisions_list.takeItem(row)
        self.decisions_list.insertItem(target, item)
        self.decisions_list.setCurrentRow(target)

    def _decisions_changed(self, *_args: object) -> None:
        self.revalidate()
        self._update_decision_buttons()

    def _update_decision_buttons(self, *_args: object) -> None:
        row = self.decisions_list.currentRow()
        has_row = row >= 0
        self.remove_decision_button.setEnabled(has_row)
        self.up_button.setEnabled(has_row and row > 0)
        self.down_button.setEnabled(has_row and row < self.decisions_list.count() - 1)
        stored = self.meeting is not None and tuple(self.decisions()) == self.meeting.decisions
        self.create_action_button.setEnabled(has_row and stored)
        if self.meeting is None:
            self.decision_note.setText(self.tr("Save the meeting to turn its decisions into actions."))
        elif not stored:
            self.decision_note.setText(
                self.tr("Save the changed decisions before creating actions from them.")
            )
        else:
            self.decision_note.setText(self.tr("Select a decision and press “Create action…” to assign it."))

    def create_action(self) -> None:
        row = self.decisions_list.currentRow()
        if self.meeting is None or row < 0:
            return
        DecisionActionDialog.ask(self, self.context, self.meeting, row)

    # EditorDialog -----------------------------------------------------------------------

    def _checked(self, widget: QListWidget) -> list[int]:
        return [
            widget.item(n).data(ID_ROLE)
            for n in range(widget.count())
            if widget.item(n).checkState() == Qt.CheckState.Checked
        ]

    def data(self) -> MeetingInput:
        return MeetingInput(
            held_on=self.date_edit.value(),
            title=self.title_edit.text(),
            attendees=_lines(self.attendees_edit.toPlainText()),
            agenda=self.agenda_edit.toPlainText(),
            minutes=self.minutes_edit.toPlainText(),
            decisions=self.decisions(),
            nonconformity_ids=self._checked(self.nc_list),
            objective_ids=self._checked(self.objective_list),
        )

    def snapshot(self) -> tuple:
        data = self.data()
        return (
            data.held_on, data.title.strip(), tuple(data.attendees), data.agenda, data.minutes,
            tuple(data.decisions), tuple(sorted(data.nonconformity_ids)), tuple(sorted(data.objective_ids)),
        )  # fmt: skip

    def local_errors(self) -> dict[str, str]:
        """The problems `services.meetings` would refuse the form with, from the same rules."""
        errors: dict[str, str] = {}
        for problem in meeting_problems(self.data()):
            errors.setdefault(problem.field or "__all__", problem.message())
        return errors

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {
            "held_on": self.date_edit,
            "title": self.title_edit,
            "attendees": self.attendees_edit,
            "agenda": self.agenda_edit,
            "minutes": self.minutes_edit,
            "decisions": self.decisions_list,
            "nonconformity_ids": self.nc_list,
            "objective_ids": self.objective_list,
        }

    def perform_save(self) -> None:
        topics = (QUALITY,)
        if self.meeting is None:
            self.saved = self.context.write(create_meeting, topics=topics, data=self.data())
        else:
            self.saved = self.context.write(
                update_meeting,
                topics=topics,
                meeting_id=self.meeting.id,
                data=self.data(),
                expected_version=self.meeting.version,
            )
        self.meeting = self.saved


class DecisionActionDialog(EditorDialog):
    """Turn one decision of a stored meeting into an action: ask the owner and due date, then create it."""

    def __init__(
        self, context: AppContext, meeting: MeetingRead, decision_index: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.meeting = meeting
        self.decision_index = decision_index
        self.saved: ActionRead | None = None
        self.setWindowTitle(self.tr("Create action from decision"))
        self.setMinimumWidth(480)
        self.save_button.setText(self.tr("Create action"))

        decision = QLabel(f"{decision_index + 1}. {meeting.decisions[decision_index]}")
        decision.setWordWrap(True)
        decision.setTextFormat(Qt.TextFormat.PlainText)
        decision.setStyleSheet("font-weight: 600;")
        source = QLabel(
            self.tr("Decided at “{title}” on {day}").format(
                title=meeting.title, day=meeting.held_on.isoformat()
            )
        )
        source.setProperty("role", "muted")
        source.setWordWrap(True)
        self.owner_edit = QLineEdit()
        self.owner_edit.setPlaceholderText(self.tr("Who carries it out"))
        self.due_edit = OptionalDateEdit(self.tr("Due"), date.today() + timedelta(days=DEFAULT_DUE_DAYS))
        form = QFormLayout()
        form.addRow(self.tr("&Owner"), self.owner_edit)
        form.addRow(self.tr("Due &date"), self.due_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(decision)
        layout.addWidget(source)
        layout.addLayout(form)
        layout.addWidget(self.footer())

        self.owner_edit.textChanged.connect(self.revalidate)
        self.due_edit.changed.connect(self.revalidate)
        self.mark_clean()
        self.owner_edit.setFocus()

    @classmethod
    def ask(
        cls, parent: QWidget | None, context: AppContext, meeting: MeetingRead, decision_index: int
    ) -> ActionRead | None:
        """Ask owner and due date and create the action; returns it, or None when cancelled."""
        dialog = cls(context, meeting, decision_index, parent=parent)
        dialog.exec()
        return dialog.saved

    def snapshot(self) -> tuple:
        return (self.owner_edit.text().strip(), self.due_edit.value())

    def local_errors(self) -> dict[str, str]:
        """The service's own rule for the owner of an action made from a decision."""
        return {
            problem.field: problem.message() for problem in decision_owner_problems(self.owner_edit.text())
        }

    def field_widgets(self) -> Mapping[str, QWidget]:
        return {"owner": self.owner_edit, "due_date": self.due_edit, "decision_index": self.owner_edit}

    def perform_save(self) -> None:
        # The service picks the decision by position: make sure nobody reordered them meanwhile.
        stored = self.context.call(get_meeting, meeting_id=self.meeting.id).decisions
        wanted = self.meeting.decisions[self.decision_index]
        if self.decision_index >= len(stored) or stored[self.decision_index] != wanted:
            raise ConflictError(
                self.tr(
                    "The decisions of this meeting were changed meanwhile; reopen the meeting and try again."
                )
            )
        self.saved = self.context.write(
            create_action_from_decision,
            topics=(ACTIONS, QUALITY),
            meeting_id=self.meeting.id,
            decision_index=self.decision_index,
            owner=self.owner_edit.text(),
            due_date=self.due_edit.value(),
        )

"""The Meetings page: quality meetings on the left, the chosen meeting's minutes and decisions on the right."""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError
from opsdesk.services.actions import ActionRead, list_actions
from opsdesk.services.meetings import MeetingRead, list_meetings, set_meeting_archived
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, QUALITY, AppContext
from opsdesk.ui.labels import label
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel
from opsdesk.ui.widgets.table import fit_columns_snugly, settle_layouts

OVERDUE_TEXT = "#B71C1C"
MUTED_TEXT = "#607D8B"


def _belongs_to(action: ActionRead, decision: str) -> bool:
    """An action made from a decision carries its text as title, or in the note when shortened."""
    return action.title == decision or action.note == decision


class MeetingDetail(QWidget):
    """The agenda, minutes, decisions (each with a Create action button), links and actions of one meeting."""

    def __init__(self, page: MeetingsPage) -> None:
        super().__init__()
        self.page = page
        self.meeting: MeetingRead | None = None
        self.decision_buttons: list[QPushButton] = []
        self.action_labels: list[QLabel] = []
        self.section_labels: dict[str, QLabel] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(12, 8, 12, 8)
        self._layout.setSpacing(6)
        self._fit_timer = QTimer(self, singleShot=True, interval=0)
        self._fit_timer.timeout.connect(self._fit_height)
        self.show_meeting(None, [])

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().resizeEvent(event)
        self._fit_height()

    def _fit_height(self) -> None:
        # A scroll area sizes its widget by sizeHint, which ignores how wrapped labels grow
        # when the pane gets narrower: ask the layout for the height this width really needs.
        needed = self._layout.heightForWidth(self.width())
        if needed > 0 and needed != self.minimumHeight():
            self.setMinimumHeight(needed)

    def _clear(self) -> None:
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()
                widget.deleteLater()
            elif item.layout() is not None:
                self._drop_layout(item.layout())
        self.decision_buttons = []
        self.action_labels: list[QLabel] = []
        self.section_labels: dict[str, QLabel] = {}

    def _drop_layout(self, layout) -> None:
        while layout.count():
            item = layout.takeAt(0)
            if item.widget() is not None:
                item.widget().hide()
                item.widget().deleteLater()
            elif item.layout() is not None:
                self._drop_layout(item.layout())

    def _reveal(self) -> None:
        """Show the new widgets at once (a layout shows them only on the next event-loop turn) and fit the height."""
        pending = [self._layout]
        while pending:
            layout = pending.pop()
            for number in range(layout.count()):
                item = layout.itemAt(number)
                if item.widget() is not None:
                    item.widget().show()
                elif item.layout() is not None:
                    pending.append(item.layout())
        self._layout.activate()
        self._fit_height()
        self._fit_timer.start()  # and again once the scroll area has settled its width

    def _text(self, text: str, role: str | None = None, bold: bool = False) -> QLabel:
        widget = QLabel(text)
        widget.setWordWrap(True)
        widget.setTextFormat(Qt.TextFormat.PlainText)
        widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        if role:
            widget.setProperty("role", role)
        if bold:
            widget.setStyleSheet("font-weight: 600;")
        return widget

    def _heading(self, text: str) -> QLabel:
        widget = QLabel(text)
        widget.setStyleSheet("font-weight: 600; color: #37474F; margin-top: 8px;")
        return widget

    def show_meeting(self, meeting: MeetingRead | None, actions: list[ActionRead]) -> None:
        """Rebuild the pane for a meeting (or an empty hint)."""
        self._clear()
        self.meeting = meeting
        if meeting is None:
            hint = self._text(self.tr("Select a meeting to see its agenda, minutes and decisions."), "muted")
            self._layout.addWidget(hint)
            self._layout.addStretch(1)
            self._reveal()
            return
        title = self._text(meeting.title)
        title.setStyleSheet("font-size: 13pt; font-weight: 600; color: #263238;")
        self._layout.addWidget(title)
        self._layout.addWidget(
            self._text(
                self.tr("{day} · {n} attendees: {names}").format(
                    day=meeting.held_on.isoformat(),
                    n=len(meeting.attendees),
                    names=", ".join(meeting.attendees),
                ),
                "muted",
            )
        )

        self._layout.addWidget(self._heading(self.tr("Agenda")))
        self._layout.addWidget(
            self._text(meeting.agenda or self.tr("No agenda recorded."), None if meeting.agenda else "muted")
        )
        self._layout.addWidget(self._heading(self.tr("Minutes")))
        self._layout.addWidget(
            self._text(
                meeting.minutes or self.tr("No minutes recorded."), None if meeting.minutes else "muted"
            )
        )

        self._layout.addWidget(self._heading(self.tr("Decisions")))
        if not meeting.decisions:
            self._layout.addWidget(self._text(self.tr("No decisions recorded."), "muted"))
        for number, decision in enumerate(meeting.decisions):
            row = QHBoxLayout()
            row.setSpacing(8)
            row.addWidget(self._text(f"{number + 1}. {decision}"), 1)
            button = QPushButton(self.tr("Create action…"))
            button.setObjectName(f"createAction{number}")
            button.setToolTip(self.tr("Turn this decision into an action with an owner and a due date"))
            button.clicked.connect(lambda _=False, n=number: self.page.create_action(n))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
            self.decision_buttons.append(button)
            self.page.guard_writes(button)
            self._layout.addLayout(row)
            for action in (a for a in actions if _belongs_to(a, decision)):
                self._layout.addWidget(self._action_line(action, indent=True))

        self._layout.addWidget(self._heading(self.tr("Nonconformities discussed")))
        if meeting.nonconformities:
            links = "<br>".join(
                f'<a href="{html.escape(code)}">{html.escape(code)}</a> {html.escape(title)}'
                for _, code, title in meeting.nonconformities
            )
            nc_label = QLabel(links)
            nc_label.setWordWrap(True)
            nc_label.setTextFormat(Qt.TextFormat.RichText)
            nc_label.setToolTip(self.tr("Click a code to open the Nonconformities page on it"))
            nc_label.linkActivated.connect(self.page.open_nonconformity)
            self._layout.addWidget(nc_label)
        else:
            self._layout.addWidget(self._text(self.tr("None linked."), "muted"))

        self._layout.addWidget(self._heading(self.tr("Objectives discussed")))
        names = "\n".join(f"• {name}" for _, name in meeting.objectives)
        self._layout.addWidget(self._text(names or self.tr("None linked."), None if names else "muted"))

        self.section_labels["actions"] = self._heading(self.tr("Actions ({n})").format(n=len(actions)))
        self._layout.addWidget(self.section_labels["actions"])
        if not actions:
            self._layout.addWidget(self._text(self.tr("No actions yet."), "muted"))
        for action in actions:
            self._layout.addWidget(self._action_line(action))
        self._layout.addStretch(1)
        self._reveal()

    def _action_line(self, action: ActionRead, indent: bool = False) -> QLabel:
        due = action.due_date.isoformat() if action.due_date else self.tr("no due date")
        text = self.tr("{arrow}{title} · {owner} · due {due} · {status}").format(
            arrow="→ " if indent else "• ",
            title=action.title if not indent else self.tr("action"),
            owner=action.owner or self.tr("no owner"),
            due=due,
            status=label("action_status", action.status) + (self.tr(", overdue") if action.overdue else ""),
        )
        line = self._text(text)
        self.action_labels.append(line)
        colour = (
            OVERDUE_TEXT if action.overdue else (MUTED_TEXT if indent or action.status == "done" else None)
        )
        if colour:
            line.setStyleSheet(f"color: {colour};{' margin-left: 18px;' if indent else ''}")
        elif indent:
            line.setStyleSheet("margin-left: 18px;")
        return line


class MeetingsPage(ListPage):
    """Quality analysis meetings: list, detail, editor; decisions become actions in one step."""

    topics = (QUALITY, ACTIONS)
    state_key = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._build()

    def _build(self) -> None:
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Meetings"))
        self.new_button = self.add_button(title_row, self.tr("New meeting…"), self.new_item)
        self.edit_button = self.add_button(title_row, self.tr("Edit…"), self.edit_selected)
        self.archive_button = self.add_button(title_row, self.tr("Archive"), self.archive_selected)
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.addWidget(self.search_box(self.tr("Search title, attendees, minutes, decisions, NC codes…")), 1)
        tools.addStretch(1)
        layout.addLayout(tools)

        self.model: RecordTableModel[MeetingRead] = RecordTableModel(
            [
                Column("date", self.tr("Date"), lambda m: m.held_on),
                Column("title", self.tr("Title"), lambda m: m.title),
                Column(
                    "attendees",
                    self.tr("Attendees"),
                    lambda m: len(m.attendees),
                    tooltip=lambda m: "\n".join(m.attendees),
                    align_right=True,
                ),
                Column(
                    "ncs",
                    self.tr("Linked NCs"),
                    lambda m: ", ".join(code for _, code, _ in m.nonconformities),
                    sort_key=lambda m: len(m.nonconformities),
                    tooltip=lambda m: (
                        "\n".join(f"{code} {title}" for _, code, title in m.nonconformities) or None
                    ),
                ),
                Column("decisions", self.tr("Decisions"), lambda m: len(m.decisions), align_right=True),
                Column("actions", self.tr("Actions"), lambda m: m.action_count, align_right=True),
            ],
            self,
        )
        self.table = self.record_table(self.model, "meetingsTable", single_selection=True)
        self.table.opened.connect(lambda row: self.edit_meeting(row.id))
        self.table.selectionModel().selectionChanged.connect(self._show_current)

        self.detail = MeetingDetail(self)
        self.detail_scroll = QScrollArea()
        self.detail_scroll.setWidgetResizable(True)
        self.detail_scroll.setFrameShape(QFrame.Shape.StyledPanel)
        self.detail_scroll.setWidget(self.detail)
        self.detail_scroll.setStyleSheet(
            "QScrollArea { background: #FFFFFF; } MeetingDetail { background: #FFFFFF; }"
        )

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail_scroll)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([720, 420])
        layout.addWidget(self.splitter, 1)

    # Loading ----------------------------------------------------------------------------

    def refresh(self) -> None:
        current = self.selected_meeting()
        rows = self.context.call(list_meetings)
        self.model.set_rows(rows)
        if not self.columns_fitted:
            fit_columns_snugly(self.table, maximum=220, stretch="title", caps={"ncs": 130})
            self.columns_fitted = True
        wanted = current.id if current else (rows[0].id if rows else None)
        if wanted is None or not self.table.select_where(lambda m: m.id == wanted):
            self._show_current()
        self._update_count()
        settle_layouts()

    def selected_meeting(self) -> MeetingRead | None:
        rows = self.table.selected_rows()
        return rows[0] if rows else None

    def _show_current(self, *_args: object) -> None:
        meeting = self.selected_meeting()
        actions = self.context.call(list_actions, meeting_id=meeting.id) if meeting else []
        self.detail.show_meeting(meeting, actions)
        self.update_write_controls()

    def update_write_controls(self) -> None:
        selected = self.selected_meeting() is not None
        self.edit_button.setEnabled(selected)
        self.archive_button.setEnabled(selected)

    def _apply_filters(self) -> None:
        text = self.search.text().strip().casefold()

        def keep(meeting: MeetingRead) -> bool:
            if not text:
                return True
            haystack = " ".join(
                (
                    meeting.title,
                    meeting.held_on.isoformat(),
                    " ".join(meeting.attendees),
                    meeting.agenda,
                    meeting.minutes,
                    " ".join(meeting.decisions),
                    " ".join(f"{code} {title}" for _, code, title in meeting.nonconformities),
                    " ".join(name for _, name in meeting.objectives),
                )
            ).casefold()
            return text in haystack

        self.model.set_filter(keep)
        self._update_count()
        if self.selected_meeting() is None and self.model.rowCount():
            self.table.selectRow(0)
        else:
            self._show_current()

    def _update_count(self) -> None:
        self.show_count(self.tr("{n} meetings"))

    def apply_filter(self, **criteria: Any) -> None:
        """Show meetings matching search= (e.g. an NC code), or the one with meeting_id=."""
        self.ensure_fresh()
        self.search.setText(str(criteria.get("search", "")))
        meeting_id = criteria.get("meeting_id")
        if meeting_id is not None:
            self.table.select_where(lambda m: m.id == meeting_id)

    # Commands ---------------------------------------------------------------------------

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.meeting_editor import MeetingEditor

        saved = MeetingEditor.ask(self, self.context)
        if saved is not None:
            self.ensure_fresh()
            self.table.select_where(lambda m: m.id == saved.id)
        return True

    def edit_selected(self) -> None:
        meeting = self.selected_meeting()
        if meeting is not None:
            self.edit_meeting(meeting.id)

    def edit_meeting(self, meeting_id: int) -> None:
        from opsdesk.ui.dialogs.meeting_editor import MeetingEditor

        MeetingEditor.ask(self, self.context, meeting_id=meeting_id)
        self.ensure_fresh()
        self.table.select_where(lambda m: m.id == meeting_id)

    def create_action(self, decision_index: int) -> None:
        """Ask owner and due date for one decision of the selected meeting and create the action."""
        from opsdesk.ui.dialogs.meeting_editor import DecisionActionDialog

        meeting = self.selected_meeting()
        if meeting is None:
            return
        if DecisionActionDialog.ask(self, self.context, meeting, decision_index) is not None:
            self.ensure_fresh()
            self.table.select_where(lambda m: m.id == meeting.id)

    def open_nonconformity(self, code: str) -> None:
        navigate = getattr(self, "navigate", None)
        if navigate is not None:
            navigate("nonconformities", search=code)

    def archive_selected(self) -> None:
        meeting = self.selected_meeting()
        if meeting is None:
            return
        if not messages.confirm(
            self,
            self.tr("Archive meeting"),
            self.tr("Archive “{title}” of {day}? It is kept and can be restored.").format(
                title=meeting.title, day=meeting.held_on.isoformat()
            ),
            self.tr("Archive"),
        ):
            return
        try:
            self.context.write(
                set_meeting_archived,
                topics=(QUALITY,),
                meeting_id=meeting.id,
                archived=True,
                expected_version=meeting.version,
            )
        except OpsDeskError as exc:
            messages.show_problem(self, exc, self.tr("Cannot archive"))

    # State ------------------------------------------------------------------------------

    def splitters(self) -> dict[str, QSplitter]:
        return {"splitter": self.splitter}

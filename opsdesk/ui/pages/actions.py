"""Actions: every action of risks, nonconformities, suggestions and meetings, with overdue ones marked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from opsdesk.domain.errors import OpsDeskError
from opsdesk.services.actions import (
    CLOSED_STATUSES,
    ActionRead,
    complete_action,
    list_actions,
    set_action_archived,
)
from opsdesk.services.settings import list_departments
from opsdesk.ui import messages
from opsdesk.ui.context import ACTIONS, QUALITY, RISKS, SETTINGS, AppContext
from opsdesk.ui.labels import choices, label
from opsdesk.ui.pages.list_page import ListPage
from opsdesk.ui.table_model import Column, RecordTableModel

OVERDUE_ROW = "#FFEBEE"
OVERDUE_CELL = "#FFCDD2"
OVERDUE_TEXT = "#B71C1C"
CLOSED_TEXT = "#78909C"
STATUS_ORDER = {"planned": 1, "in_progress": 2, "done": 3, "cancelled": 4}
LINK_FIELDS = ("risk_id", "nonconformity_id", "suggestion_id", "meeting_id")
# A change to actions also changes the open-action counts shown with risks and quality records.
WRITE_TOPICS = (ACTIONS, RISKS, QUALITY)


@dataclass(frozen=True)
class ActionsLoad:
    """What the page reads on the worker, with what is worked out from it there (thousands of rows)."""

    today: date
    departments: list[Any]
    actions: list[ActionRead]
    search_text: dict[int, str]  # per action, the text the search box looks in
    owners: list[str]


def owner_names(actions: list[ActionRead]) -> list[str]:
    """The owners, one entry per name regardless of case and spaces (they are typed by hand)."""
    owners: dict[str, str] = {}
    for action in actions:
        name = action.owner.strip()
        if name:
            owners.setdefault(name.casefold(), name)
    return sorted(owners.values(), key=str.casefold)


class ActionsPage(ListPage):
    """All actions with search and filters; mark done, edit, archive; overdue rows in red."""

    topics = (ACTIONS, RISKS, QUALITY, SETTINGS)
    state_key = "actions"
    refresh_once = True  # marking done announces three topics at once: reload once for all of them

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.today = date.today()
        self._search_text: dict[int, str] = {}
        self._owners: list[str] = []
        self._link: tuple[str, int] | None = None  # e.g. ("risk_id", 12) from a link on another page
        self._build()
        self._apply_filters()

    # Building -------------------------------------------------------------------------------

    def _build(self) -> None:
        layout = self.list_layout()
        title_row = self.title_row(self.tr("Actions"), count_gap=8)
        self.new_button = self.add_button(
            title_row, self.tr("&New action…"), self.new_item, self.tr("Add an action (Ctrl+N)")
        )
        self.edit_button = self.add_button(
            title_row,
            self.tr("&Edit…"),
            self.edit_selected,
            self.tr("Edit the selected action (Enter, Ctrl+E)"),
        )
        self.done_button = self.add_button(
            title_row,
            self.tr("&Mark done"),
            self.mark_done,
            self.tr("Mark the selected actions done today (Ctrl+D)"),
        )
        self.archive_button = self.add_button(
            title_row,
            self.tr("Archive"),
            self.archive_selected,
            self.tr("Archive the selected actions (Delete)"),
        )
        layout.addLayout(title_row)

        tools = QHBoxLayout()
        tools.setSpacing(6)
        tools.addWidget(self.search_box(self.tr("Search title, source, owner, note…"), 140), 1)
        self.owner_filter = self.filter_combo(self.tr("All owners"))
        self.owner_filter.setMinimumContentsLength(10)
        self.owner_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.status_filter = self.filter_combo(self.tr("All statuses"), choices("action_status"))
        self.kind_filter = self.filter_combo(self.tr("All kinds"), choices("action_kind"))
        for combo in (self.owner_filter, self.status_filter, self.department_combo(), self.kind_filter):
            tools.addWidget(combo)
        self.overdue_only = QCheckBox(self.tr("&Overdue only"))
        self.open_only = QCheckBox(self.tr("O&pen only"))
        self.open_only.setToolTip(self.tr("Hide done and cancelled actions"))
        self.open_only.setChecked(True)
        self.show_archived = QCheckBox(self.tr("Show archived"))
        for check in (self.overdue_only, self.open_only):
            check.toggled.connect(self._apply_filters)
            tools.addWidget(check)
        self.show_archived.toggled.connect(self.refresh)
        tools.addWidget(self.show_archived)
        layout.addLayout(tools)

        # Shown while the list is narrowed to one risk, nonconformity, suggestion or meeting.
        self.link_bar = QWidget()
        link_row = QHBoxLayout(self.link_bar)
        link_row.setContentsMargins(0, 0, 0, 0)
        self.link_label = QLabel()
        self.link_label.setStyleSheet("font-weight: 600;")
        self.clear_link_button = QPushButton(self.tr("Show all actions"))
        self.clear_link_button.clicked.connect(self.clear_link)
        link_row.addWidget(self.link_label)
        link_row.addWidget(self.clear_link_button)
        link_row.addStretch(1)
        self.link_bar.setVisible(False)
        layout.addWidget(self.link_bar)
        layout.addLayout(self.filter_chip_row(self.apply_filter))

        self.model: RecordTableModel[ActionRead] = RecordTableModel(self._columns(), self)
        self.table = self.record_table(self.model, "actionsTable")
        self.table.opened.connect(lambda _row: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        layout.addWidget(self.table, 1)

        for sequence, slot in (("Ctrl+D", self.mark_done), ("Ctrl+E", self.edit_selected)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self.guard_writes(shortcut)

    def _columns(self) -> list[Column[ActionRead]]:
        def row_tint(action: ActionRead) -> str | None:
            return OVERDUE_ROW if action.overdue else None

        def closed_ink(action: ActionRead) -> str | None:
            return CLOSED_TEXT if action.status in CLOSED_STATUSES or action.archived else None

        def late_ink(action: ActionRead) -> str | None:
            return OVERDUE_TEXT if action.overdue else closed_ink(action)

        def days_late(action: ActionRead) -> int | None:
            if not action.overdue or action.due_date is None:
                return None
            return (self.today - action.due_date).days

        def late_text(action: ActionRead) -> str:
            days = days_late(action)
            if days is None:
                return ""
            return self.tr("1 day") if days == 1 else self.tr("{n} days").format(n=days)

        def plain(key: str, title: str, value, **extra: Any) -> Column[ActionRead]:
            return Column(key, title, value, background=row_tint, foreground=closed_ink, **extra)

        return [
            plain(
                "source",
                self.tr("Source"),
                lambda a: f"{a.source}  {a.source_title}".strip(),
                sort_key=lambda a: (a.source, a.id),
                tooltip=lambda a: f"{a.source} · {a.source_title}" if a.source_title else None,
            ),
            plain("kind", self.tr("Kind"), lambda a: label("action_kind", a.kind)),
            plain("title", self.tr("Action"), lambda a: a.title, tooltip=lambda a: a.note or a.title),
            plain("owner", self.tr("Owner"), lambda a: a.owner),
            plain("department", self.tr("Department"), lambda a: a.department),
            Column(
                "due_date",
                self.tr("Due"),
                lambda a: a.due_date,
                background=lambda a: OVERDUE_CELL if a.overdue else None,
                foreground=late_ink,
                tooltip=lambda a: self.tr("Overdue") if a.overdue else None,
            ),
            Column(
                "overdue",
                self.tr("Late by"),
                late_text,
                sort_key=lambda a: days_late(a) or 0,
                background=row_tint,
                foreground=late_ink,
                align_right=True,
            ),
            plain(
                "status",
                self.tr("Status"),
                lambda a: label("action_status", a.status),
                sort_key=lambda a: STATUS_ORDER.get(a.status, 0),
            ),
            plain("completed_on", self.tr("Completed"), lambda a: a.completed_on),
            plain("cost", self.tr("Cost"), lambda a: a.cost, align_right=True, hidden_by_default=True),
            plain("note", self.tr("Note"), lambda a: a.note, hidden_by_default=True),
        ]

    # Loading --------------------------------------------------------------------------------

    def reader(self) -> Callable[[], ActionsLoad]:
        """The departments and every action, read on the worker (20,000 actions take a while), with
        the search texts and the owners worked out there too."""
        context, include_archived, today = self.context, self.show_archived.isChecked(), date.today()

        def read() -> ActionsLoad:
            departments = context.call(list_departments)
            actions = context.call(list_actions, include_archived=include_archived, today=today)
            search_text = {
                a.id: " ".join((a.title, a.source, a.source_title, a.owner, a.note, a.department)).casefold()
                for a in actions
            }
            return ActionsLoad(today, departments, actions, search_text, owner_names(actions))

        return read

    def show_loaded(self, data: ActionsLoad) -> None:
        self.today, actions = data.today, data.actions
        self.fill_departments([(item.name, item.name) for item in data.departments], keep_missing=True)
        selected = {action.id for action in self.table.selected_rows()}
        current = self.table.current_row()
        self._search_text = data.search_text
        self._load_owners(data.owners)
        self.model.set_rows(actions)
        self._restore_selection(selected, current.id if current is not None else None)
        self._update_counts()
        if not self.columns_fitted and actions:
            self.columns_fitted = True
            self.table.fit_columns(220)
            header = self.table.horizontalHeader()
            header.resizeSection(self.model.column_index("source"), 190)

    def _load_owners(self, names: list[str]) -> None:
        if names != self._owners:
            self._owners = names
            self.refill_combo(
                self.owner_filter, [(name.casefold(), name) for name in names], keep_missing=True
            )

    def _restore_selection(self, ids: set[int], current_id: int | None) -> None:
        if not ids:
            return
        selection = self.table.selectionModel()
        flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
        for number, action in enumerate(self.model.rows()):
            if action.id in ids:
                selection.select(self.model.index(number, 0), flags)
                if action.id == current_id:
                    selection.setCurrentIndex(
                        self.model.index(number, 0), QItemSelectionModel.SelectionFlag.NoUpdate
                    )

    def _update_counts(self) -> None:
        rows = self.model.rows()
        overdue = sum(1 for a in self.model.all_rows() if a.overdue and not a.archived)
        self.count_label.setText(
            self.tr("{shown} of {total} actions · overdue: {overdue}").format(
                shown=len(rows), total=self.model.total_count(), overdue=overdue
            )
        )

    # Filters --------------------------------------------------------------------------------

    def _apply_filters(self) -> None:
        needle = self.search.text().strip().casefold()
        owner = self.owner_filter.currentData()
        status = self.status_filter.currentData()
        department = self.department_filter.currentData()
        kind = self.kind_filter.currentData()
        overdue_only = self.overdue_only.isChecked()
        open_only = self.open_only.isChecked()
        link = self._link
        texts = self._search_text

        def keep(action: ActionRead) -> bool:
            if open_only and action.status in CLOSED_STATUSES:
                return False
            if overdue_only and not action.overdue:
                return False
            if status is not None and action.status != status:
                return False
            if kind is not None and action.kind != kind:
                return False
            if department is not None and action.department != department:
                return False
            if owner is not None and action.owner.strip().casefold() != owner:
                return False
            if link is not None and getattr(action, link[0]) != link[1]:
                return False
            return not needle or needle in texts.get(action.id, "")

        self.model.set_filter(keep)
        self._update_counts()
        self.filter_chip.follow(self.filter_state())

    def filter_state(self) -> tuple:
        return (
            self.search.text(), self.owner_filter.currentData(), self.status_filter.currentData(),
            self.department_filter.currentData(), self.kind_filter.currentData(), self.overdue_only.isChecked(),
            self.open_only.isChecked(), self._link,
        )  # fmt: skip

    def apply_filter(self, **criteria: Any) -> None:
        """Start from the default view, then narrow it: overdue, kind, owner, status, department,
        open_only, search, or one of risk_id / nonconformity_id / suggestion_id / meeting_id."""
        self.when_loaded(lambda: self._apply_criteria(criteria))  # the choices come with the actions

    def _apply_criteria(self, criteria: dict[str, Any]) -> None:
        widgets = (self.search, self.owner_filter, self.status_filter, self.department_filter, self.kind_filter,
                   self.overdue_only, self.open_only)  # fmt: skip
        with self.filters_held(*widgets):
            self.search.setText(str(criteria.get("search") or ""))
            owner = (criteria.get("owner") or "").strip()
            self._choose(self.owner_filter, owner.casefold() or None, owner)
            self._choose(self.status_filter, criteria.get("status"))
            self._choose(self.department_filter, criteria.get("department"))
            self._choose(self.kind_filter, criteria.get("kind"))
            self.overdue_only.setChecked(bool(criteria.get("overdue", False)))
            closed_status = criteria.get("status") in CLOSED_STATUSES
            self.open_only.setChecked(bool(criteria.get("open_only", not closed_status)))
            link = next(
                ((name, criteria[name]) for name in LINK_FIELDS if criteria.get(name) is not None), None
            )
            self._set_link(link)

    def _choose(self, combo: QComboBox, value: Any, text: str = "") -> None:
        found = combo.findData(value)
        if found < 0 and value is not None:
            combo.addItem(text or str(value), value)
            found = combo.count() - 1
        combo.setCurrentIndex(max(found, 0))

    def _set_link(self, link: tuple[str, int] | None) -> None:
        self._link = link
        if link is None:
            self.link_bar.setVisible(False)
            return
        example = next((a for a in self.model.all_rows() if getattr(a, link[0]) == link[1]), None)
        if example is not None and example.source:
            what = f"{example.source} · {example.source_title}".strip(" ·")
        else:
            what = {
                "risk_id": self.tr("this risk"),
                "nonconformity_id": self.tr("this nonconformity"),
                "suggestion_id": self.tr("this suggestion"),
                "meeting_id": self.tr("this meeting"),
            }[link[0]]
        self.link_label.setText(self.tr("Only the actions of {what}").format(what=what))
        self.link_bar.setVisible(True)

    def clear_link(self) -> None:
        """Show the actions of every source again."""
        self._set_link(None)
        self._apply_filters()

    # Commands ---------------------------------------------------------------------------------

    def _update_buttons(self, *_args: object) -> None:
        selected = self.table.selected_rows()
        self.edit_button.setEnabled(len(selected) == 1)
        self.done_button.setEnabled(any(a.status not in CLOSED_STATUSES and not a.archived for a in selected))
        self.archive_button.setEnabled(bool(selected))
        restore = bool(selected) and all(a.archived for a in selected)
        self.archive_button.setText(self.tr("Restore") if restore else self.tr("Archive"))

    def update_write_controls(self) -> None:
        self._update_buttons()

    def new_item(self) -> bool:
        from opsdesk.ui.dialogs.action_editor import ActionEditor

        links = {self._link[0]: self._link[1]} if self._link is not None else {}
        link_text = self.link_label.text() if self._link is not None else ""
        kind = self.kind_filter.currentData() or (
            "corrective" if "nonconformity_id" in links else "mitigation"
        )
        saved = ActionEditor.ask(self, self.context, link_text=link_text, kind=kind, **links)
        if saved is not None:
            self.when_loaded(lambda: self.table.select_where(lambda a: a.id == saved.id))
        return True

    def edit_selected(self) -> None:
        from opsdesk.ui.dialogs.action_editor import ActionEditor

        selected = self.table.selected_rows()
        action = selected[0] if len(selected) == 1 else self.table.current_row()
        if action is None:
            return
        saved = ActionEditor.ask(self, self.context, action)
        if saved is not None:
            self.when_loaded(lambda: self.table.select_where(lambda a: a.id == saved.id))

    def mark_done(self) -> None:
        """Complete every selected open action today; one refresh for all of them."""
        actions = [
            a for a in self.table.selected_rows() if a.status not in CLOSED_STATUSES and not a.archived
        ]
        if not actions:
            return
        done = self._for_each(
            actions,
            lambda a: self.context.write_waiting(
                complete_action, topics=(), action_id=a.id, expected_version=a.version
            ),
        )
        self._status_message(self.tr("{n} action(s) marked done.").format(n=done))

    def archive_selected(self) -> None:
        """Delete: archive the selected actions after a confirmation (or restore archived ones)."""
        actions = self.table.selected_rows()
        if not actions:
            return
        if all(a.archived for a in actions):
            self._for_each(
                actions,
                lambda a: self.context.write_waiting(
                    set_action_archived, topics=(), action_id=a.id, archived=False
                ),
            )
            return
        actions = [a for a in actions if not a.archived]
        if len(actions) == 1:
            text = self.tr("Archive the action “{title}”? You can restore it with “Show archived”.").format(
                title=actions[0].title
            )
        else:
            text = self.tr("Archive {n} actions? You can restore them with “Show archived”.").format(
                n=len(actions)
            )
        if not messages.confirm(self, self.tr("Archive actions"), text, self.tr("Archive")):
            return
        self._for_each(
            actions,
            lambda a: self.context.write_waiting(
                set_action_archived, topics=(), action_id=a.id, archived=True
            ),
        )

    def _for_each(self, actions: list[ActionRead], change) -> int:
        """Apply a service call per action (each on the worker: it may wait for a lock), then announce
        the change once; returns how many succeeded."""
        problems: list[OpsDeskError] = []
        done = 0
        for action in actions:
            try:
                change(action)
                done += 1
            except OpsDeskError as exc:
                problems.append(exc)
        for topic in WRITE_TOPICS:
            self.context.dataChanged.emit(topic)
        self.catch_up()
        if problems:
            messages.show_problem(self, problems[0])
        return done

    def _status_message(self, text: str) -> None:
        window = self.window()
        status_bar = getattr(window, "statusBar", None)
        if callable(status_bar):
            status_bar().showMessage(text, 5000)

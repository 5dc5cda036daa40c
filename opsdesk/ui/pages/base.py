"""What every page offers the main window: refresh, search, new, archive, filters, state."""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings
from PySide6.QtGui import QShortcut, QShowEvent
from PySide6.QtWidgets import QWidget

from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError
from opsdesk.ui.context import EVERYTHING, AppContext

WriteControl = QWidget | QShortcut


class RoleGate(QObject):
    """Keeps the controls that change data disabled while the signed-in role may not use them.

    The role wins over whatever else enables a control (a selection, a valid form): each
    guarded widget is disabled again the moment anything enables it. Some controls are
    rebuilt while the page lives (a meeting's decision buttons): the deleted ones are passed
    over and dropped, rather than followed through their `destroyed` signal, whose Python
    callback may run while Qt is half-way through deleting them.
    """

    def __init__(self, context: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._controls: list[tuple[WriteControl, Access]] = []

    def allows(self, needs: Access) -> bool:
        return self.context.can_administer if needs is Access.ADMIN else self.context.can_edit

    def guard(self, controls: tuple[WriteControl, ...], needs: Access) -> None:
        self._drop_deleted()
        for control in controls:
            self._controls.append((control, needs))
            if isinstance(control, QWidget):
                control.installEventFilter(self)
            if not self.allows(needs):
                control.setEnabled(False)

    def apply(self) -> None:
        """After the database (and so the role) changed: disable, or give the controls back."""
        self._drop_deleted()
        for control, needs in self._controls:
            control.setEnabled(self.allows(needs))

    def _drop_deleted(self) -> None:
        self._controls = [(c, needs) for c, needs in self._controls if shiboken6.isValid(c)]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange and isinstance(watched, QWidget) and watched.isEnabled():
            needs = next((n for c, n in self._controls if c is watched), None)
            if needs is not None and not self.allows(needs):
                watched.setEnabled(False)
        return super().eventFilter(watched, event)


class Page(QWidget):
    """A main-window page. Subclasses set `topics` and implement `refresh`."""

    #: data-change topics (see ui.context) after which this page reloads
    topics: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self.role_gate = RoleGate(context, self)
        context.dataChanged.connect(self._on_data_changed)
        context.databaseChanged.connect(self._role_changed)

    def refresh(self) -> None:
        """Reload the page's data from the services."""

    def guard_writes(self, *controls: WriteControl, needs: Access = Access.EDITOR) -> None:
        """Mark controls that change data: disabled whenever the signed-in role lacks `needs`."""
        self.role_gate.guard(controls, needs)

    def update_write_controls(self) -> None:
        """Enable the page's write controls for its current selection (after a role change)."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the page's search box, if it has one."""

    def new_item(self) -> bool:
        """Ctrl+N on this page; returns False when the page has nothing to create."""
        return False

    def archive_selected(self) -> None:
        """Delete key: archive the selection (after a confirmation)."""

    def apply_filter(self, **criteria: Any) -> None:
        """Show a filtered list (used by the dashboard's links)."""

    def show_filter_name(self, name: str) -> None:
        """Name the filter just applied in the page's filter chip, if the page has one."""
        chip = getattr(self, "filter_chip", None)
        if chip is not None:
            chip.show_filter(name, self.filter_state())

    def filter_state(self) -> Any:
        """The page's filters as a comparable value: the filter chip hides when it changes."""
        return None

    def save_state(self, settings: QSettings) -> None:
        """Remember splitters and column layouts."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what save_state remembered."""

    def ensure_fresh(self) -> None:
        if self._stale:
            self._stale = False
            try:
                self.refresh()
            except DatabaseError as exc:  # a server out of reach: keep what is shown, reload later
                self._stale = True
                self.context.unreachable.emit(str(exc))

    def _on_data_changed(self, topic: str) -> None:
        if topic == EVERYTHING or topic in self.topics:
            self._stale = True
            if self.isVisible():
                self.ensure_fresh()

    def _role_changed(self) -> None:
        self.role_gate.apply()
        self.update_write_controls()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_fresh()

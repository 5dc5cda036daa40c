"""What every page offers the main window: refresh, search, new, archive, filters, state."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from opsdesk.ui.context import EVERYTHING, AppContext


class Page(QWidget):
    """A main-window page. Subclasses set `topics` and implement `refresh`."""

    #: data-change topics (see ui.context) after which this page reloads
    topics: tuple[str, ...] = ()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        context.dataChanged.connect(self._on_data_changed)

    def refresh(self) -> None:
        """Reload the page's data from the services."""

    def focus_search(self) -> None:
        """Ctrl+F: put the cursor in the page's search box, if it has one."""

    def new_item(self) -> bool:
        """Ctrl+N on this page; returns False when the page has nothing to create."""
        return False

    def archive_selected(self) -> None:
        """Delete key: archive the selection (after a confirmation)."""

    def apply_filter(self, **criteria: Any) -> None:
        """Show a filtered list (used by the dashboard's links)."""

    def save_state(self, settings: QSettings) -> None:
        """Remember splitters and column layouts."""

    def restore_state(self, settings: QSettings) -> None:
        """Restore what save_state remembered."""

    def ensure_fresh(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()

    def _on_data_changed(self, topic: str) -> None:
        if topic == EVERYTHING or topic in self.topics:
            self._stale = True
            if self.isVisible():
                self.ensure_fresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.ensure_fresh()

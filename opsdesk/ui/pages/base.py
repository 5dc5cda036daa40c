"""What every page offers the main window: refresh, search, new, archive, filters, state."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import QProgressBar, QWidget

from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError
from opsdesk.ui.context import EVERYTHING, AppContext

WriteControl = QWidget | QShortcut
log = logging.getLogger(__name__)
#: a load shorter than this shows no busy line (it would only flicker)
BUSY_DELAY_MS = 150


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


class BusyLine(QProgressBar):
    """A thin moving line along the top of a page while its data loads: no text, no modal."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("busyLine")
        self.setRange(0, 0)  # indeterminate
        self.setTextVisible(False)
        self.setFixedHeight(3)
        self.setStyleSheet(
            "QProgressBar#busyLine { border: none; background: transparent; }"
            " QProgressBar#busyLine::chunk { background: palette(highlight); }"
        )
        self.hide()

    def place(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(0, 0, parent.width(), 3)
        self.raise_()


class Page(QWidget):
    """A main-window page. Subclasses set `topics` and implement `refresh`.

    A page whose reads can take long (a large register, a slow server) reads on the worker
    instead: it implements `reader` (on the GUI thread: what to read, as one function the
    worker runs) and `show_loaded` (on the GUI thread again: show what was read), and leaves
    `refresh` to this class. The page stays usable meanwhile, with a thin busy line on top;
    a result overtaken by a newer load is dropped. `loaded` is emitted when a refresh is
    shown (at once for a page that reads on the GUI thread).
    """

    #: data-change topics (see ui.context) after which this page reloads
    topics: tuple[str, ...] = ()
    #: a refresh finished and the page shows its data
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        self._load_serial = 0  # grows with every load started; a result of an older one is dropped
        self._jobs: dict[int, Any] = {}  # loads under way, kept alive until they report
        self._after_load: list[Callable[[], None]] = []  # what waits for the load under way
        self.busy_line = BusyLine(self)
        self._busy_timer = QTimer(self, singleShot=True, interval=BUSY_DELAY_MS)
        self._busy_timer.timeout.connect(self._show_busy)
        self.role_gate = RoleGate(context, self)
        context.dataChanged.connect(self._on_data_changed)
        context.databaseChanged.connect(self._role_changed)

    def refresh(self) -> None:
        """Reload the page's data from the services (on the worker when the page has a `reader`)."""
        read = self.reader()
        if read is not None:
            self.start_load(read)

    def reader(self) -> Callable[[], Any] | None:
        """On the GUI thread: a function reading the page's data on the worker, or None.

        The function must not touch any Qt object (copy what it needs from the widgets
        first); it usually calls services through `self.context.reading(...)`.
        """
        return None

    def show_loaded(self, data: Any) -> None:
        """On the GUI thread: show what the reader's function returned."""

    def when_loaded(self, then: Callable[[], None]) -> None:
        """Run `then` once the page shows fresh data: at once unless a load is under way."""
        self.ensure_fresh()
        if self.loading:
            self._after_load.append(then)
        else:
            then()

    @property
    def loading(self) -> bool:
        """A load is under way (its result not shown yet)."""
        return self._load_serial in self._jobs

    def start_load(self, read: Callable[[], Any]) -> None:
        """Run `read` on the worker; its result goes to `show_loaded` unless a newer load started."""
        from opsdesk.ui.worker import start_job

        self._load_serial += 1
        serial = self._load_serial
        self._jobs[serial] = start_job(
            lambda _progress: read(),
            on_finished=lambda data: self._load_finished(serial, data),
            on_failed=lambda exc: self._load_failed(serial, exc),
        )
        if not self._busy_timer.isActive() and not self.busy_line.isVisible():
            self._busy_timer.start()

    def _load_finished(self, serial: int, data: Any) -> None:
        if not self._load_done(serial):
            return
        self.show_loaded(data)
        waiting, self._after_load = self._after_load, []
        for then in waiting:
            then()
        self.loaded.emit()

    def _load_failed(self, serial: int, exc: Exception) -> None:
        if not self._load_done(serial):
            return
        self._after_load = []
        if isinstance(exc, DatabaseError):  # a server out of reach: keep what is shown, reload later
            self._stale = True
            self.context.unreachable.emit(str(exc))
        else:
            log.error("loading %s failed: %s", type(self).__name__, getattr(exc, "__traceback_text__", exc))
            raise exc  # a fault, not a refusal: the application's error handler reports it

    def _load_done(self, serial: int) -> bool:
        """Forget a finished load; True when its result is the newest and the page still exists."""
        self._jobs.pop(serial, None)
        if not shiboken6.isValid(self) or serial != self._load_serial:
            return False
        self._busy_timer.stop()
        self.busy_line.hide()
        return True

    def _show_busy(self) -> None:
        if self.loading:
            self.busy_line.place()
            self.busy_line.show()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.busy_line.isVisible():
            self.busy_line.place()

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
        if chip is not None:  # after the filter, which waits for a load under way
            self.when_loaded(lambda: chip.show_filter(name, self.filter_state()))

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
                return
            if not self.loading:
                self.loaded.emit()

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

"""The application context handed to every page: the open database and change signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from opsdesk.domain.access import Access
from opsdesk.domain.errors import DatabaseError
from opsdesk.domain.matrix import RiskMatrix

if TYPE_CHECKING:  # the window's frame is built before the register (and SQLAlchemy) is loaded
    from opsdesk.store.database import Database

T = TypeVar("T")

# Topics a write announces, so pages refresh only what can have changed.
RISKS = "risks"
ACTIONS = "actions"
KRIS = "kris"
ALERTS = "alerts"
QUALITY = "quality"
SETTINGS = "settings"
EVERYTHING = "*"


class AppContext(QObject):
    """Calls services with a short session each; announces changes to the pages."""

    dataChanged = Signal(str)
    databaseChanged = Signal()
    #: the register could not be read (a server out of reach): what to tell the user
    unreachable = Signal(str)

    def __init__(self, database: Database | None, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.settings = settings
        self._matrix: RiskMatrix | None = None
        #: the newest change (services.team.latest_change) this window shows; None until first looked
        self.seen_change: int | None = None
        self.dataChanged.connect(self._forget_cached)

    @property
    def database(self) -> Database:
        if self._database is None:
            raise DatabaseError("register.still_opening")
        return self._database

    @property
    def has_database(self) -> bool:
        """False while the window waits for the register it starts with (opened on a worker)."""
        return self._database is not None

    @property
    def user(self) -> str:
        return self.database.user

    @property
    def access(self) -> Access:
        """What the signed-in role may do with the open register (read from the server's grants)."""
        return self._database.access if self._database is not None else Access.VIEWER

    @property
    def can_edit(self) -> bool:
        return self._database is not None and self.access.can_edit and not self._database.read_only

    @property
    def can_administer(self) -> bool:
        return self._database is not None and self.access.can_administer and not self._database.read_only

    def set_database(self, database: Database) -> None:
        old = self._database
        self._database = database
        self._matrix = None
        self.seen_change = None
        if old is None:  # the register the window started with has arrived
            self.databaseChanged.emit()
            self.dataChanged.emit(EVERYTHING)
            return
        old.dispose()
        if old.path != database.path:
            from opsdesk.ui.single_instance import release_register

            release_register(old)
        self.databaseChanged.emit()
        self.dataChanged.emit(EVERYTHING)

    def call(self, service: Callable[..., T], /, **kwargs: Any) -> T:
        """Run one service function in its own session and return its plain result."""
        with self.database.session() as session:
            return service(session=session, **kwargs)

    def write(self, service: Callable[..., T], /, *, topics: tuple[str, ...], **kwargs: Any) -> T:
        """Run a service that changes data, then tell the pages which topics changed.

        The pages are told only about this window's own change, so it counts as seen unless
        others had saved something this window had not yet shown (the next poll shows that).
        """
        before = self.latest_change() if self.seen_change is not None else None
        result = self.call(service, **kwargs)
        if before is not None and before == self.seen_change:
            self.seen_change = self.latest_change()
        for topic in topics:
            self.dataChanged.emit(topic)
        return result

    def matrix(self) -> RiskMatrix:
        if self._matrix is None:
            from opsdesk.services.settings import get_matrix

            self._matrix = self.call(get_matrix)
        return self._matrix

    def latest_change(self) -> int:
        """The newest change anyone saved in the register (grows with every save)."""
        from opsdesk.services.team import latest_change

        return self.call(latest_change)

    def _forget_cached(self, topic: str) -> None:
        if topic in (SETTINGS, EVERYTHING):
            self._matrix = None
        if topic == EVERYTHING and self.seen_change is not None:
            try:
                self.seen_change = self.latest_change()  # every page reloads: all of it is seen
            except DatabaseError as exc:  # the next poll looks again
                self.unreachable.emit(str(exc))

"""The application context handed to every page: the open database and change signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QObject, QSettings, Signal

from opsdesk.domain.matrix import RiskMatrix
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

    def __init__(self, database: Database, settings: QSettings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.settings = settings
        self._matrix: RiskMatrix | None = None
        self.dataChanged.connect(self._forget_cached)

    @property
    def database(self) -> Database:
        return self._database

    @property
    def user(self) -> str:
        return self._database.user

    def set_database(self, database: Database) -> None:
        old = self._database
        self._database = database
        self._matrix = None
        old.dispose()
        self.databaseChanged.emit()
        self.dataChanged.emit(EVERYTHING)

    def call(self, service: Callable[..., T], /, **kwargs: Any) -> T:
        """Run one service function in its own session and return its plain result."""
        with self._database.session() as session:
            return service(session=session, **kwargs)

    def write(self, service: Callable[..., T], /, *, topics: tuple[str, ...], **kwargs: Any) -> T:
        """Run a service that changes data, then tell the pages which topics changed."""
        result = self.call(service, **kwargs)
        for topic in topics:
            self.dataChanged.emit(topic)
        return result

    def matrix(self) -> RiskMatrix:
        if self._matrix is None:
            from opsdesk.services.settings import get_matrix

            self._matrix = self.call(get_matrix)
        return self._matrix

    def _forget_cached(self, topic: str) -> None:
        if topic in (SETTINGS, EVERYTHING):
            self._matrix = None

"""The application context handed to every page: the open database and change signals."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QEventLoop, QObject, QSettings, QThreadPool, QTimer, Signal

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

#: the topic of each audited table (services.team.latest_changes names them); any other table: EVERYTHING
TABLE_TOPICS = {
    "risk": RISKS, "assessment": RISKS, "riskacceptance": RISKS,
    "action": ACTIONS,
    "kri": KRIS, "krireading": KRIS,
    "alert": ALERTS,
    "qualityobjective": QUALITY, "measurement": QUALITY, "nonconformity": QUALITY, "customerfeedback": QUALITY,
    "meeting": QUALITY, "meetingnonconformity": QUALITY, "meetingobjective": QUALITY, "suggestion": QUALITY,
    "department": SETTINGS, "category": SETTINGS, "setting": SETTINGS, "closedquarter": SETTINGS,
    "quarterreport": SETTINGS,
}  # fmt: skip


def change_topics(tables: Iterable[str]) -> tuple[str, ...]:
    """The topics of the tables someone changed (EVERYTHING alone when a table has no topic)."""
    topics = []
    for table in sorted(tables):
        topic = TABLE_TOPICS.get(table, EVERYTHING)
        if topic == EVERYTHING:
            return (EVERYTHING,)
        if topic not in topics:
            topics.append(topic)
    return tuple(topics)


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
        self._writes: list[
            Any
        ] = []  # jobs (writes, look-ups) under way on the worker, kept until they report
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
        self._dispose_when_idle(old)
        if old.path != database.path:
            from opsdesk.ui.single_instance import release_register

            release_register(old)
        self.databaseChanged.emit()
        self.dataChanged.emit(EVERYTHING)

    def _dispose_when_idle(self, database: Database, wait_ms: int = 1000) -> None:
        """Close a register's connections once no job on the worker may still hold one of them
        (a connection handed back to a disposed pool would never be closed)."""
        pool = QThreadPool.globalInstance()
        if pool.waitForDone(wait_ms):
            database.dispose()
        else:  # a job waits for a server out of reach: look again soon, without waiting here
            QTimer.singleShot(200, self, lambda: self._dispose_when_idle(database, 0))

    def call(self, service: Callable[..., T], /, **kwargs: Any) -> T:
        """Run one service function in its own session and return its plain result.

        It touches no Qt object: a page's reader may call it on the worker thread.
        """
        with self.database.session() as session:
            return service(session=session, **kwargs)

    def write_on_worker(
        self,
        service: Callable[..., T],
        /,
        *,
        topics: tuple[str, ...],
        on_done: Callable[[T], None],
        on_failed: Callable[[Exception], None],
        **kwargs: Any,
    ) -> None:
        """`write` on the worker thread: a save that waits for a lock (a server, a busy file) freezes nothing.

        `on_done(result)` runs on the GUI thread after the pages were told; `on_failed(exc)`
        when the write was refused or failed (nothing of it was saved).
        """
        from opsdesk.services.team import latest_change
        from opsdesk.ui.worker import start_job

        database = self._database
        track = self.seen_change is not None

        def work(_progress: Callable[[int, str], None]) -> tuple[int | None, T, int | None]:
            before = after = None
            if track:
                with database.session() as session:
                    before = latest_change(session=session)
            with database.session() as session:
                result = service(session=session, **kwargs)
            if track:
                with database.session() as session:
                    after = latest_change(session=session)
            return before, result, after

        def finished(outcome: tuple[int | None, T, int | None]) -> None:
            self._writes.remove(job)
            before, result, after = outcome
            if before is not None and before == self.seen_change:
                self.seen_change = after  # only this window's own change: seen
            for topic in topics:
                self.dataChanged.emit(topic)
            on_done(result)

        def failed(exc: Exception) -> None:
            self._writes.remove(job)
            on_failed(exc)

        job = start_job(work, on_finished=finished, on_failed=failed)
        self._writes.append(job)

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

    def write_waiting(self, service: Callable[..., T], /, *, topics: tuple[str, ...], **kwargs: Any) -> T:
        """`write` on the worker, waiting for it without freezing the window; returns its result or raises.

        For a dialog that must not close before its save succeeded: the window keeps painting
        and its timers run while the write waits for a lock, but clicks and keys wait (they
        are delivered after), so nothing is changed twice while it saves.
        """
        loop = QEventLoop()
        outcome: dict[str, Any] = {}

        def settle(key: str, value: Any) -> None:
            outcome[key] = value
            loop.quit()

        self.write_on_worker(
            service,
            topics=topics,
            on_done=lambda result: settle("result", result),
            on_failed=lambda exc: settle("error", exc),
            **kwargs,
        )
        if not outcome:
            loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        if "error" in outcome:
            raise outcome["error"]
        return outcome["result"]

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
            # Every page reloads: all of it is seen. Looked up on the worker (a server out of
            # reach answers after its connect timeout); the next poll looks again if it fails.
            from opsdesk.services.team import latest_change
            from opsdesk.ui.worker import start_job

            database = self._database

            def seen(latest: int) -> None:
                self._writes.remove(job)
                if database is self._database and self.seen_change is not None:
                    self.seen_change = max(self.seen_change, latest)

            def failed(exc: Exception) -> None:
                self._writes.remove(job)
                if not isinstance(exc, DatabaseError):
                    raise exc
                self.unreachable.emit(str(exc))

            job = start_job(lambda _progress: self.call(latest_change), on_finished=seen, on_failed=failed)
            self._writes.append(job)

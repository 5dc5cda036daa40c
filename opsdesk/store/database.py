"""Engine and sessions from a database URL; opening a database migrates it safely."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlmodel import Session

from opsdesk.domain.errors import DatabaseError
from opsdesk.store import audit  # noqa: F401 - registers the audit listener
from opsdesk.store.audit import default_user

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000


def database_url(path_or_url: str | Path) -> str:
    """Accept a plain file path or a SQLAlchemy URL."""
    text = str(path_or_url)
    if "://" in text:
        return text
    return f"sqlite:///{Path(text).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    # FULL: a committed change survives a power cut, not only an app crash.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


def make_engine(url: str) -> Engine:
    """An engine whose every pooled SQLite connection gets WAL, foreign keys and a busy timeout."""
    try:
        if make_url(url).get_backend_name() == "sqlite":
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
            event.listen(engine, "connect", _set_sqlite_pragmas)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError(f"Cannot use the database '{url}': {exc}") from exc


def ensure_sqlite_file_is_database(path: Path) -> None:
    """Refuse a file that is not SQLite before SQLite gets a chance to touch it."""
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DatabaseError(f"{path} is not an OpsDesk database (it is not a SQLite file).")


@dataclass
class Database:
    """An open database: one engine per process, short sessions per unit of work."""

    engine: Engine
    url: str
    user: str

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def display_name(self) -> str:
        path = self.path
        return str(path) if path else make_url(self.url).render_as_string(hide_password=True)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            session.info["user"] = self.user
            yield session

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def open_database(
    path_or_url: str | Path,
    *,
    user: str | None = None,
    create: bool = True,
    migrate: bool = True,
) -> Database:
    """Open (and by default create and upgrade) a database, backing it up before any upgrade."""
    from opsdesk.store import migrations

    url = database_url(path_or_url)
    path = sqlite_path(url)
    if path is not None:
        if path.is_dir():
            raise DatabaseError(f"{path} is a folder, not a database file.")
        if not path.exists() and not create:
            raise DatabaseError(f"{path} does not exist.")
        ensure_sqlite_file_is_database(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    database = Database(engine=engine, url=url, user=user or default_user())
    try:
        _verify_readable(engine)
        if migrate:
            migrations.upgrade_to_head(database)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(f"Cannot open {database.display_name}: {_first_line(exc)}") from exc
    return database


def _verify_readable(engine: Engine) -> None:
    try:
        with engine.connect() as connection:
            inspect(connection).get_table_names()
    except Exception as exc:
        raise DatabaseError(f"Cannot read the database: {_first_line(exc)}") from exc


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    return text.splitlines()[0] if text else type(exc).__name__


def integrity_problems(database: Database) -> list[str]:
    """SQLite's own integrity and foreign-key checks; an empty list means healthy."""
    if database.path is None:
        return []
    problems: list[str] = []
    connection = sqlite3.connect(str(database.path))
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        problems += [row[0] for row in rows if row[0] != "ok"]
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"row {rowid} of {table} points to a missing {parent}")
    except sqlite3.DatabaseError as exc:
        problems.append(str(exc))
    finally:
        connection.close()
    return problems

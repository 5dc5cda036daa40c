"""Engine and sessions from a database URL; opening a database migrates it safely."""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.orm.exc import StaleDataError
from sqlalchemy.pool import QueuePool
from sqlmodel import Session

from opsdesk.domain.access import Access
from opsdesk.domain.catalogue import Term
from opsdesk.domain.catalogue import text as catalogue_text
from opsdesk.domain.errors import ConflictError, DatabaseError, PasswordRequiredError, PermissionDeniedError
from opsdesk.store import audit, cipher  # noqa: F401 - audit registers the audit listener
from opsdesk.store.audit import default_user
from opsdesk.store.backup import SQLITE_HEADER, raise_if_fault, sqlite_problems
from opsdesk.store.locations import cloud_sync_service, location_warnings, refuse_network_drive, sqlite_uri
from opsdesk.store.permissions import probe_writable, restrict_to_owner

BUSY_TIMEOUT_MS = 10_000
# Catalogue codes of the refusals every write may meet (the words are in opsdesk.domain.catalogue).
READ_ONLY_MESSAGE = "database.read_only"
BUSY_MESSAGE = "database.busy"
DISK_MESSAGE = "database.disk"
PERMISSION_MESSAGE = "database.permission_refused"
CONNECTION_LOST_MESSAGE = "database.connection_lost"
UNREACHABLE_MESSAGE = "database.unreachable"  # host, reason
SERVER_CONNECT_TIMEOUT_S = 10
#: the longest a statement may run on the server; migrations lift it for their own transaction
SERVER_STATEMENT_TIMEOUT_S = 60
TIMEOUT_MESSAGE = "database.timeout"  # seconds


class DamagedDatabaseError(DatabaseError):
    """The file is not a SQLite database, or SQLite finds it damaged: a case for recovery."""

    def __init__(
        self,
        code: str,
        path: Path,
        problems: list[str],
        *,
        not_sqlite: bool = False,
        key: str | None = None,
    ) -> None:
        # The words are the catalogue's: "database.not_sqlite", or "database.damaged" with SQLite's first problem.
        more = len(problems) - 1
        super().__init__(code, path=str(path), problem=problems[0] if problems else "", count=more)
        self.path = path
        self.problems = problems
        self.not_sqlite = not_sqlite
        #: an encrypted register's key (the password opened it): its backups are checked and restored with it
        self.key = key


def _damaged(problems: list[str]) -> str:
    """The catalogue code saying a file is damaged, with or without more problems than the first."""
    return "database.damaged_more" if len(problems) > 1 else "database.damaged"


class ReadOnlyDatabaseError(DatabaseError):
    """A write was attempted on a register opened read-only."""


class BusyDatabaseError(DatabaseError):
    """Another process held the write lock for longer than the busy timeout."""


class ServerConnectionError(DatabaseError):
    """The database server went away in the middle of a unit of work; the server rolled it back."""


class DiskWriteError(DatabaseError):
    """SQLite could not write (disk full, file size limit, failing disk); the change was rolled back."""


def database_url(path_or_url: str | Path) -> str:
    """Accept a plain file path or a SQLAlchemy URL; a bare postgresql:// URL gets the driver OpsDesk ships."""
    text = str(path_or_url)
    if "://" in text:
        scheme, rest = text.split("://", 1)
        if scheme in ("postgresql", "postgres"):
            return f"postgresql+psycopg://{rest}"
        return text
    # Quoted, so a '?' or '%' in a folder name stays part of the path, not the URL's query.
    path = str(Path(text).expanduser().resolve())
    return URL.create("sqlite", database=path).render_as_string(hide_password=False)


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory ones."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


def display_name(url: str) -> str:
    """How a database is named to the user: the file's path, or the URL with its password hidden."""
    path = sqlite_path(url)
    return str(path) if path else make_url(url).render_as_string(hide_password=True)


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any, *, journal_mode: str = "WAL") -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute(f"PRAGMA journal_mode={journal_mode}")
    # FULL: a committed change survives a power cut, not only an app crash.
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


#: the larger page cache of a connection, in KiB (SQLite's default is 2 MB): enough for 20,000
#: risks' table (24 MB). An encrypted register always has it: SQLite keeps its pages decrypted
#: there, while the operating system's cache holds them encrypted, so a reload does not decrypt
#: them again (the default made each reload cost a third more). A plain register has it during an
#: import only (`bulk_page_cache`): kept, it made no read faster and added 90 MB to the window
#: (each pooled connection fills its own).
LARGE_CACHE_KIB = 32 * 1024


def _set_encrypted_cache(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA cache_size=-{LARGE_CACHE_KIB}")
    cursor.close()


@contextmanager
def bulk_page_cache(session: Session) -> Iterator[None]:
    """The larger page cache on the session's connection while an import writes, then the one it had.

    An import writes 10,000 risks and 175,000 audit entries with their indexes in one
    transaction: with the default cache, SQLite spilled and re-read index pages during it
    (5.0-5.4 s; 4.4-4.8 s with the larger one). Lowering the size again frees the pages.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    connection.exec_driver_sql(f"PRAGMA cache_size=-{LARGE_CACHE_KIB}")
    try:
        yield
    finally:
        # A connection that broke during the import keeps the larger cache: no error of its own
        # may hide the one that broke it.
        with contextlib.suppress(Exception):
            connection.exec_driver_sql(f"PRAGMA cache_size={int(before)}")


def _set_network_drive_pragmas(dbapi_connection: Any, record: Any) -> None:
    # WAL needs shared memory that a network file system does not share between computers.
    _set_sqlite_pragmas(dbapi_connection, record, journal_mode="DELETE")


def _set_read_only_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # Belt and braces over mode=ro: SQLite itself refuses every write on this connection.
    cursor.execute("PRAGMA query_only=ON")
    cursor.close()


def _begin(connection: Any) -> None:
    # By default pysqlite begins a (deferred) transaction at the first INSERT/UPDATE/DELETE, so
    # the write lock is taken by a transaction's first statement and a busy writer is waited
    # for (busy_timeout); reads before it run on their own. Write sessions and migrations ask
    # for BEGIN IMMEDIATE instead: the lock first, then every read inside the transaction.
    mode = connection.get_execution_options().get("sqlite_begin")
    if mode == "IMMEDIATE":
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _translate_sqlite_error(context: Any) -> None:
    # One clear sentence instead of SQLite's, wherever the write happened (flush or commit).
    original = context.original_exception
    if not isinstance(original, cipher.operational_errors()):
        return
    text = str(original)
    if "readonly database" in text:
        raise ReadOnlyDatabaseError(READ_ONLY_MESSAGE) from original
    if "database is locked" in text or "database is busy" in text:
        raise BusyDatabaseError(BUSY_MESSAGE) from original
    if "disk is full" in text or "disk I/O error" in text:
        # The transaction is rolled back by SQLite: the file keeps its last committed state.
        raise DiskWriteError(DISK_MESSAGE) from original


def _translate_server_error(context: Any) -> None:
    # PostgreSQL's refusals, by SQLSTATE, as the same clear sentences the SQLite errors get.
    code = getattr(context.original_exception, "sqlstate", None)
    if code == "42501":  # insufficient_privilege: the role's grants, enforced by the server
        raise PermissionDeniedError(PERMISSION_MESSAGE) from context.original_exception
    if code in ("55P03", "40P01"):  # lock_not_available (lock_timeout), deadlock_detected
        raise BusyDatabaseError(BUSY_MESSAGE) from context.original_exception
    if code == "57014":  # query_canceled: the statement_timeout every app session has
        raise BusyDatabaseError(
            TIMEOUT_MESSAGE, seconds=SERVER_STATEMENT_TIMEOUT_S
        ) from context.original_exception
    if context.is_disconnect and not context.is_pre_ping:
        # The open transaction died with the connection on the server: it is rolled back there.
        raise ServerConnectionError(CONNECTION_LOST_MESSAGE) from context.original_exception
    if context.connection is None and code is None and "password" not in str(context.original_exception):
        # No new connection could be made: the server is down or out of reach (a refused
        # password has its own message, made when the register is opened).
        reason = _first_line(context.original_exception)
        raise ServerConnectionError(
            UNREACHABLE_MESSAGE, host=context.engine.url.host or "", reason=reason
        ) from (context.original_exception)


def _read_only_connector(path: Path, key: str | None = None) -> Any:
    path = path.resolve()

    def open_file(address: str, **options: Any) -> Any:
        # An encrypted register: the SQLCipher dialect keys the connection again, with the same password.
        return sqlite3.connect(address, **options) if key is None else cipher.connect(address, key, **options)

    def connect() -> sqlite3.Connection:
        options = {"uri": True, "timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False}
        connection = open_file(sqlite_uri(path, mode="ro"), **options)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except cipher.operational_errors():
            # A WAL database in a read-only folder without its -shm cannot be opened with
            # mode=ro; nobody can write it there either, so SQLite may treat it as immutable.
            connection.close()
            connection = open_file(sqlite_uri(path, immutable="1"), **options)
        return connection

    return connect


def encrypted_url(url: str | URL, key: str) -> URL:
    """The SQLAlchemy URL of an encrypted register file: SQLCipher's driver, the password as the URL's."""
    return make_url(url).set(drivername=cipher.DRIVER, password=key)


def make_engine(
    url: str | URL, *, read_only: bool = False, network_drive: bool = False, key: str | None = None
) -> Engine:
    """An engine whose every pooled SQLite connection gets WAL, foreign keys and a busy timeout.

    `read_only` opens the file with mode=ro and query_only: nothing, not even the journal
    mode, is written. A PostgreSQL engine waits for a row lock as long as SQLite waits for
    the write lock, then says the register is busy. `network_drive` keeps a SQLite file
    out of WAL mode (rollback journal), for a file on a share that the user insists on.
    `key` opens an encrypted register (SQLCipher) with that password: the same pragmas,
    the same pool, the same transactions as a plain file.
    """
    try:
        backend = make_url(url).get_backend_name()
        if backend == "postgresql":
            engine = create_engine(
                url,
                pool_pre_ping=True,
                connect_args={
                    "connect_timeout": SERVER_CONNECT_TIMEOUT_S,
                    "application_name": "OpsDesk",
                    # Someone's LOCK TABLE or open transaction holds a save for seconds at most,
                    # then the user reads that the register is busy.
                    "options": f"-c lock_timeout={BUSY_TIMEOUT_MS} -c statement_timeout={SERVER_STATEMENT_TIMEOUT_S * 1000}",
                },
            )
            event.listen(engine, "handle_error", _translate_server_error)
            return engine
        if backend == "sqlite":
            path = sqlite_path(url)
            options: dict[str, Any] = {}
            if key is not None:
                cipher.dbapi()  # DatabaseError("register.encryption_missing") without SQLCipher
                # SQLAlchemy's SQLCipher dialect keys each new connection first (PRAGMA key),
                # then the pragmas below run; pooled like a plain file (one connection per
                # thread would derive the key again for every worker thread).
                url = encrypted_url(url, key)
                options["poolclass"] = QueuePool
            if read_only and path is not None:
                engine = create_engine(url, creator=_read_only_connector(path, key), **options)
                event.listen(engine, "connect", _set_read_only_pragmas)
            else:
                engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **options)
                pragmas = _set_network_drive_pragmas if network_drive else _set_sqlite_pragmas
                event.listen(engine, "connect", pragmas)
            if key is not None:
                event.listen(engine, "connect", _set_encrypted_cache)
            event.listen(engine, "begin", _begin)
            event.listen(engine, "handle_error", _translate_sqlite_error)
            return engine
        return create_engine(url, pool_pre_ping=True)
    except (ArgumentError, ImportError) as exc:
        raise DatabaseError("database.cannot_use", url=str(url), reason=str(exc)) from exc


def ensure_sqlite_file_is_database(path: Path, key: str | None = None) -> None:
    """Refuse a file that is not SQLite, or that SQLite finds damaged, before anything writes to it.

    With `key` the file must be an encrypted register that this password opens
    (DatabaseError "register.not_encrypted", PasswordRequiredError "register.wrong_password").
    """
    if not path.exists() or path.stat().st_size == 0:
        return
    if key is not None:
        _ensure_encrypted_register(path, key)
        return
    with path.open("rb") as handle:
        header = handle.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise DamagedDatabaseError("database.not_sqlite", path, ["it is not a SQLite file"], not_sqlite=True)
    # Read-only, quick: a damaged file is reported, never written to (no WAL switch, no upgrade).
    problems = sqlite_problems(path)
    if problems:
        raise DamagedDatabaseError(_damaged(problems), path, problems)
    # Another program's SQLite file is refused read-only: the engine would switch it to WAL.
    connection = sqlite3.connect(sqlite_uri(path.resolve(), mode="ro"), uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise_if_fault(path, exc)
        raise DatabaseError("database.unreadable", path=str(path), reason=str(exc)) from exc
    finally:
        connection.close()
    if tables and "alembic_version" not in tables:
        raise DatabaseError("schema.foreign_tables", name=str(path))


def _ensure_encrypted_register(path: Path, key: str) -> None:
    if cipher.is_plain_sqlite(path):
        raise DatabaseError("register.not_encrypted", path=str(path))
    uri = sqlite_uri(path.resolve(), mode="ro")
    try:
        cipher.verify_key(path, key, uri)
    except cipher.database_errors() as exc:
        raise_if_fault(path, exc)
        raise DatabaseError("database.unreadable", path=str(path), reason=str(exc)) from exc
    problems = sqlite_problems(path, key=key)
    if problems:
        raise DamagedDatabaseError(_damaged(problems), path, problems, key=key)
    connection = cipher.connect(uri, key, uri=True)
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        connection.close()
    if tables and "alembic_version" not in tables:
        raise DatabaseError("schema.foreign_tables", name=str(path))


def read_only_reason(path: Path) -> str | None:
    """Why this process cannot write the database file (None when it can)."""
    if path.exists() and not os.access(path, os.W_OK):
        return catalogue_text("readonly.file")
    # SQLite writes its -wal and -shm files next to the database.
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return catalogue_text("readonly.folder", folder=str(path.parent))
    # os.access on Windows reads only the read-only attribute, not the access list: try for real.
    return probe_writable(path)


@dataclass
class Database:
    """An open database: one engine per process, short sessions per unit of work."""

    engine: Engine
    #: the URL without any password (the engine alone holds that), safe to show and remember
    url: str
    user: str
    read_only: bool = False
    read_only_reason: str = field(default="")
    #: what the signed-in role may do; on a server, read from its grants when opened
    access: Access = Access.ADMIN
    #: how the file reaches the network (a UNC share, "mapped drive S:"), when opened there anyway
    network_location: str | None = None
    #: the sync client (OneDrive, Dropbox...) whose folder holds the file
    cloud_service: str | None = None
    #: on a server, the TLS version protecting the connection ("" when it is not encrypted)
    encryption: str | None = None
    #: the key of an encrypted register file (SQLCipher), derived from its password: in memory only
    key: str | None = field(default=None, repr=False)

    @property
    def encrypted(self) -> bool:
        """A register file encrypted with a password (SQLCipher)."""
        return self.key is not None

    @property
    def path(self) -> Path | None:
        return sqlite_path(self.url)

    @property
    def location_warnings(self) -> list[str]:
        """What the user should know about where the file lives (empty for a good place)."""
        return location_warnings(network=self.network_location, cloud_service=self.cloud_service)

    @property
    def is_server(self) -> bool:
        return make_url(self.url).get_backend_name() == "postgresql"

    @property
    def display_name(self) -> str:
        return display_name(self.url)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A unit of work: committed once when the block ends, rolled back whole if it raises.

        Services only flush; the caller (a GUI action, a command, an import) owns the
        transaction through this block. Its transactions begin deferred: reads never wait
        for a writer.
        """
        with Session(self.engine, expire_on_commit=False) as session:
            session.info["user"] = self.user
            yield from _committed(session)

    @contextmanager
    def write_session(self) -> Iterator[Session]:
        """A unit of work that writes: on SQLite it begins IMMEDIATE, then commits like `session()`.

        It takes the write lock before its first read, so two writers queue (busy timeout)
        instead of the later one failing because what it read went stale. Do not hold it
        open while another session of this process writes: that one would wait for it.
        """
        bind = self.engine
        if self.path is not None and not self.read_only:
            bind = self.engine.execution_options(sqlite_begin="IMMEDIATE")
        with Session(bind, expire_on_commit=False) as session:
            session.info["user"] = self.user
            yield from _committed(session)

    def table_names(self) -> list[str]:
        return inspect(self.engine).get_table_names()

    def dispose(self) -> None:
        self.engine.dispose()


def _committed(session: Session) -> Iterator[Session]:
    """Yield the session, then commit; roll back on any error (a stale version is a conflict)."""
    try:
        yield session
        transaction = session.get_transaction()
        if transaction is not None and transaction.is_active:
            session.commit()
        elif transaction is not None:  # a failed flush the caller caught: nothing of it is kept
            session.rollback()
    except StaleDataError as exc:
        session.rollback()
        raise ConflictError("conflict", what=Term.record("record")) from exc
    except BaseException:
        session.rollback()
        raise


def without_password(url: str) -> tuple[str, str | None]:
    """The URL with its password taken out, and that password (None when it had none)."""
    parsed = make_url(url)
    if parsed.password is None:
        return url, None
    # Built anew: URL.set() takes password=None for "leave it as it is".
    bare = URL.create(
        parsed.drivername, parsed.username, None, parsed.host, parsed.port, parsed.database, parsed.query
    )
    return bare.render_as_string(hide_password=False), str(parsed.password)


def open_database(
    path_or_url: str | Path,
    *,
    user: str | None = None,
    create: bool = True,
    migrate: bool = True,
    read_only: bool = False,
    password: str | None = None,
    allow_network_drive: bool = False,
    key: str | None = None,
) -> Database:
    """Open (and by default create and upgrade) a database, backing it up before any upgrade.

    A SQLite file gets a quick integrity check first (DamagedDatabaseError). It opens
    read-only when asked or when this process may not write it; a read-only database that
    needs an upgrade is refused. A server database takes its `password` separately (or in
    the URL); it opens read-only for a role that may not write, and the signed-in user is
    the server role. A file on a network drive is refused (NetworkLocationError) unless
    `allow_network_drive`, and then opens without WAL and with a warning.

    For a file, `password` means an encrypted register (SQLCipher): an existing file must be
    one that this password opens, a new file is created encrypted with it. An encrypted file
    opened without a password raises PasswordRequiredError ("register.needs_password").
    `key`, an open encrypted register's `Database.key`, opens it again without the password.
    """
    url, url_password = without_password(database_url(path_or_url))
    password = password if password is not None else url_password
    path = sqlite_path(url)
    reason = "opened read-only on request" if read_only else ""
    network: str | None = None
    if path is None:
        key = None
    if path is not None:
        network = refuse_network_drive(path, allowed=allow_network_drive)
        if path.is_dir():
            raise DatabaseError("database.is_folder", path=str(path))
        if not path.exists() and (not create or read_only):
            raise DatabaseError("backup.missing", path=str(path))
        if password is not None:
            key = cipher.file_key(path, cipher.check_password(password))
        elif key is None and cipher.looks_encrypted(path):
            raise cipher.needs_password(path)
        ensure_sqlite_file_is_database(path, key)
        if not read_only and path.exists():
            reason = read_only_reason(path) or ""
            read_only = bool(reason)
        if not read_only:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not path.exists():
                # Owner only from the first byte (SQLite gives its -wal/-shm the same mode).
                with contextlib.suppress(FileExistsError):
                    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
                    restrict_to_owner(path)  # Windows: chmod does nothing, the access list does
    if key is not None:
        engine = make_engine(url, read_only=read_only, network_drive=network is not None, key=key)
    else:
        engine_url = make_url(url).set(password=password) if password is not None else url
        engine = make_engine(engine_url, read_only=read_only, network_drive=network is not None)
    database = Database(
        engine=engine, url=url, user=user or default_user(), read_only=read_only, read_only_reason=reason,
        access=Access.VIEWER if read_only else Access.ADMIN,
        network_location=network, cloud_service=cloud_sync_service(path) if path is not None else None,
        key=key,
    )  # fmt: skip
    try:
        tables = _verify_readable(engine)
        if database.is_server:
            _read_server_access(database)
        if migrate and not _schema_is_current(engine, tables):
            from opsdesk.store import migrations  # Alembic is loaded only for an upgrade

            migrations.upgrade_to_head(database)
    except DatabaseError:
        engine.dispose()
        raise
    except Exception as exc:
        engine.dispose()
        raise DatabaseError(
            "database.cannot_open", name=database.display_name, reason=_first_line(exc)
        ) from exc
    return database


def _schema_is_current(engine: Engine, tables: list[str]) -> bool:
    """True when the register's schema is this OpsDesk's head: one SELECT, without Alembic."""
    from opsdesk.store.schema_version import is_up_to_date, stored_revision

    with engine.connect() as connection:
        return is_up_to_date(stored_revision(connection, tables))


def _verify_readable(engine: Engine) -> list[str]:
    """The register's table names; a clear error when it cannot be read."""
    try:
        with engine.connect() as connection:
            return inspect(connection).get_table_names()
    except Exception as exc:
        message = _first_line(exc.__cause__ if isinstance(exc, ServerConnectionError) else exc)
        if "no password supplied" in message:
            raise PasswordRequiredError("database.password_needed") from exc
        if "password authentication failed" in message:
            raise PasswordRequiredError(
                "database.password_refused", wrong=True, login=engine.url.username or ""
            ) from exc
        path = sqlite_path(engine.url.render_as_string(hide_password=False))
        original = getattr(exc, "orig", None) or exc.__cause__
        if path is not None and isinstance(original, cipher.database_errors()):
            raise_if_fault(path, original)  # locked, disk full, I/O error: named, never "damaged"
        if engine.url.get_backend_name() == "postgresql":
            if "permission denied for database" in message:
                raise DatabaseError(
                    "database.not_a_person",
                    login=engine.url.username or "",
                    database=engine.url.database or "",
                ) from exc
            raise DatabaseError(
                "database.cannot_connect", host=engine.url.host or "", reason=message
            ) from exc
        raise DatabaseError("database.unreadable_unnamed", reason=message) from exc


def _read_server_access(database: Database) -> None:
    """Who is signed in and what the server's grants let them do (a viewer opens read-only)."""
    from opsdesk.store import server_roles

    with database.engine.connect() as connection:
        login = connection.exec_driver_sql("SELECT current_user").scalar_one()
        access = server_roles.current_access(connection)
        # What protects the connection as the server sees it (sslmode in the URL decides what is asked).
        tls = connection.exec_driver_sql(
            "SELECT CASE WHEN ssl THEN version ELSE '' END FROM pg_stat_ssl WHERE pid = pg_backend_pid()"
        ).scalar()
    database.encryption = tls or ""
    # Whatever name the caller gave, the server records the login (its audit triggers use it).
    database.user = login
    database.access = access
    if not access.can_edit:
        database.read_only = True
        database.read_only_reason = catalogue_text("readonly.role", login=login)


def _first_line(exc: BaseException) -> str:
    original = getattr(exc, "orig", None)
    text = str(original if original is not None else exc)
    return text.splitlines()[0] if text else type(exc).__name__


def integrity_problems(database: Database) -> list[str]:
    """SQLite's own integrity and foreign-key checks; an empty list means healthy."""
    if database.path is None:
        return []
    problems: list[str] = []
    uri = sqlite_uri(database.path.resolve(), mode="ro")
    if database.key is None:
        connection = sqlite3.connect(uri, uri=True)
    else:
        connection = cipher.connect(uri, database.key, uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        problems += [row[0] for row in rows if row[0] != "ok"]
        for table, rowid, parent, _ in connection.execute("PRAGMA foreign_key_check").fetchall():
            problems.append(f"row {rowid} of {table} points to a missing {parent}")
    except cipher.database_errors() as exc:
        problems.append(str(exc))
    finally:
        connection.close()
    return problems

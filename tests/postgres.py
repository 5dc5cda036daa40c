"""A real PostgreSQL server for the tests: one migrated template, a fresh database per test.

The server is named by OPSDESK_TEST_POSTGRES, a SQLAlchemy URL of a role that may create
databases and roles (CI starts one on loopback, see .ci/run). Without it the PostgreSQL
half of the tests is skipped, unless OPSDESK_REQUIRE_POSTGRES=1 (set by CI), where a
missing or unreachable server fails them instead, so CI cannot pass on SQLite alone.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.pool import NullPool

from opsdesk.domain.access import Access
from opsdesk.store.database import Database, open_database
from opsdesk.store.server_roles import group_roles, init_roles, set_user

BACKENDS = ("sqlite", "postgresql")
_counter = itertools.count(1)
_template: str | None = None
_demo_template: str | None = None


def server_url() -> URL:
    """The administrator URL of the test server, or a skip (a failure in CI) without one."""
    text_url = os.environ.get("OPSDESK_TEST_POSTGRES", "")
    required = os.environ.get("OPSDESK_REQUIRE_POSTGRES") == "1"
    if not text_url:
        if required:
            pytest.fail("OPSDESK_REQUIRE_POSTGRES=1 but OPSDESK_TEST_POSTGRES names no server")
        pytest.skip("no PostgreSQL test server (set OPSDESK_TEST_POSTGRES to a SQLAlchemy URL)")
    return make_url(text_url)


_admin_engine: Engine | None = None


def _admin() -> Engine:
    """One engine per test process: each test creates and drops a database, and a new login for
    each of those cost more than the drop itself."""
    global _admin_engine
    if _admin_engine is None:
        _admin_engine = create_engine(
            server_url(), isolation_level="AUTOCOMMIT", pool_size=1, pool_pre_ping=True
        )
    return _admin_engine


@contextmanager
def admin_connection() -> Iterator:
    """An autocommit connection to the server's maintenance database, for CREATE/DROP DATABASE."""
    try:
        with _admin().connect() as connection:
            yield connection
    except Exception as exc:
        if os.environ.get("OPSDESK_REQUIRE_POSTGRES") == "1":
            raise
        pytest.skip(f"PostgreSQL test server unreachable: {exc}")


def database_url(name: str) -> str:
    return server_url().set(database=name).render_as_string(hide_password=False)


def _drop_stale_group_roles(connection) -> None:
    """Group roles of test registers an interrupted run left behind (their database is gone)."""
    databases = set(connection.exec_driver_sql("SELECT datname FROM pg_database").scalars())
    for role in connection.execute(
        text("SELECT rolname FROM pg_roles WHERE starts_with(rolname, 'opsdesk_opsdesk_')")
    ).scalars():
        if not any(role in group_roles(database).values() for database in databases):
            connection.exec_driver_sql(f'DROP ROLE IF EXISTS "{role}"')


def _template_database() -> str:
    """A database migrated and seeded once per test run; each test gets a copy of it."""
    global _template
    if _template is None:
        from opsdesk.services.settings import ensure_defaults

        name = f"opsdesk_template_{os.getpid()}"
        with admin_connection() as connection:
            _drop_stale_group_roles(connection)
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}"'))
        db = open_database(database_url(name), user="tester")
        with db.session() as session:
            ensure_defaults(session=session)
        db.dispose()  # a template must have no open connections to be copied
        _template = name
    return _template


def _demo_template_database() -> str:
    """A copy of the template with the demo company loaded, once per test run (the load takes seconds)."""
    global _demo_template
    if _demo_template is None:
        from opsdesk.services.demo import load_demo

        name = f"opsdesk_demo_template_{os.getpid()}"
        with admin_connection() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{_template_database()}"'))
        db = open_database(database_url(name), user="tester")
        with db.session() as session:
            load_demo(session=session)
        db.dispose()
        _demo_template = name
    return _demo_template


def create_database(prefix: str = "opsdesk_test") -> str:
    """A new, empty database on the test server; its name."""
    name = f"{prefix}_{os.getpid()}_{next(_counter)}"
    with admin_connection() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    return name


def drop_database(name: str) -> None:
    """Drop a test register and its group roles (roles belong to the server, not the database)."""
    with admin_connection() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        for role in group_roles(name).values():
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))


@contextmanager
def fresh_postgres_database(*, user: str = "tester", demo: bool = False) -> Iterator[Database]:
    """A migrated, seeded register on the test server (with the demo company if asked), dropped afterwards."""
    template = _demo_template_database() if demo else _template_database()
    name = f"opsdesk_test_{os.getpid()}_{next(_counter)}"
    with admin_connection() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    db = open_database(database_url(name), user=user)
    try:
        yield db
    finally:
        db.dispose()
        drop_database(name)


def drop_template() -> None:
    for template in (_demo_template, _template):
        if template is not None:
            drop_database(template)
    if _admin_engine is not None:
        _admin_engine.dispose()


def parametrize_backends(metafunc: pytest.Metafunc) -> None:
    """Run every test that uses the `database` fixture on SQLite and on PostgreSQL.

    A test about SQLite itself (its files, pragmas, backups) is marked `sqlite_only`.
    """
    if "database" in metafunc.fixturenames and not metafunc.definition.get_closest_marker("sqlite_only"):
        metafunc.parametrize("backend", BACKENDS, indirect=True)


TEST_PASSWORD = "Test-pass-1"


def login_name(access: Access) -> str:
    """The test login of this access; login roles belong to the whole server, so each xdist worker has its own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    return f"opsdesk_test_{worker}_{access.value}" if worker else f"opsdesk_test_{access.value}"


def sign_in_as(database: Database, access: Access, **options: object) -> Database:
    """Prepare the roles on `database` (a test server register) and open it as a login of `access`.

    The login roles are the server's, made once with the test password; each test register
    makes them members of its own groups (dropped with the register).
    """
    ensure_login(login_name(access))
    with database.engine.begin() as connection:
        init_roles(connection)
        set_user(connection, login_name(access), access, None)
    url = make_url(database.url).set(username=login_name(access))
    return open_database(url.render_as_string(hide_password=False), password=TEST_PASSWORD, **options)


def ensure_login(name: str, password: str = TEST_PASSWORD) -> None:
    """A login role on the test server with this password (as a server administrator makes one)."""
    from opsdesk.store.server_roles import scram_verifier

    with admin_connection() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :n"), {"n": name}).first()
        connection.exec_driver_sql(
            f"{'ALTER' if exists else 'CREATE'} ROLE \"{name}\" LOGIN PASSWORD '{scram_verifier(password)}'"
        )


def full_url(database: Database) -> str:
    """The URL another process or engine opens the same register with (a server's with its password)."""
    return database.engine.url.render_as_string(hide_password=False)


def outside_opsdesk(database: Database, *statements: str) -> None:
    """Run statements in one transaction on a plain connection, as a database tool could, behind OpsDesk's back."""
    engine = create_engine(full_url(database), poolclass=NullPool)
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def drop_trigger(database: Database, name: str) -> str:
    """The statement that drops one of the audit trail's append-only triggers."""
    return f"DROP TRIGGER {name}" + (" ON auditentry" if database.is_server else "")


def recreate_trigger(database: Database, name: str) -> str:
    """The statement that puts one of OpsDesk's triggers back as it was (someone covering their tracks)."""
    if database.is_server:
        from opsdesk.store.server_audit import guard_triggers

        return next(trigger.ddl() for trigger in guard_triggers() if trigger.name == name)
    from opsdesk.store.guards import sqlite_triggers

    return next(trigger.sql for trigger in sqlite_triggers() if trigger.name == name)

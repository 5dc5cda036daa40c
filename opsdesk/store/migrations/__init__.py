"""Alembic migrations, shipped inside the package so a frozen build finds them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from opsdesk.domain.errors import DatabaseError, PermissionDeniedError

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from opsdesk.store.database import Database

MIGRATIONS_DIR = Path(__file__).resolve().parent


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


@cache
def _shipped_scripts() -> ScriptDirectory:
    """The revisions this OpsDesk ships, read once per process: every open asks, and they cannot change meanwhile."""
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    head = _shipped_scripts().get_current_head()
    assert head is not None, "the package ships no migration"
    return head


def current_revision(database: Database) -> str | None:
    with database.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def pending_revisions(database: Database) -> list[str]:
    """Revisions between the database and the app's head; refuses a database that is newer."""
    script = _shipped_scripts()
    current = current_revision(database)
    if current is not None and not _known(script, current):
        raise DatabaseError("schema.newer", schema=current, head=head_revision())
    head = head_revision()
    if current == head:
        return []
    return [rev.revision for rev in script.iterate_revisions(head, current)]


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except Exception:
        return False


def is_known_revision(revision: str) -> bool:
    """True when this OpsDesk ships the revision (so the schema is not newer than the app)."""
    return _known(_shipped_scripts(), revision)


def upgrade_to_head(database: Database) -> None:
    """Bring the schema to the head, after a backup copy when an existing database changes."""
    pending = pending_revisions(database)
    if not pending:
        return
    has_tables = any(name != "alembic_version" for name in database.table_names())
    current = current_revision(database)
    if has_tables and current is None:
        raise DatabaseError("schema.foreign_tables", name=database.display_name)
    if getattr(database, "read_only", False):
        code = "schema.read_only_older" if current else "schema.read_only_empty"
        raise DatabaseError(
            code,
            name=database.display_name,
            reason=database.read_only_reason,
            schema=current,
            head=head_revision(),
        )
    if has_tables and database.path is not None:
        from opsdesk.store.backup import backup_sqlite

        backup_sqlite(database.path, reason="before-upgrade", key=getattr(database, "key", None))
    # One IMMEDIATE transaction: the whole upgrade or none of it, and no other writer in between.
    try:
        with (
            _foreign_keys_off_on_sqlite(database),
            database.engine.execution_options(sqlite_begin="IMMEDIATE").begin() as connection,
        ):
            if connection.dialect.name == "postgresql":
                # An upgrade may validate constraints over big tables: no time limit for it.
                connection.exec_driver_sql("SET LOCAL statement_timeout = 0")
            command.upgrade(alembic_config(connection), "head")
            if connection.dialect.name == "postgresql":
                _audit_new_tables(connection)
                _regrant_server_roles(connection)
            else:
                _refuse_dangling_references(connection)
    except PermissionDeniedError as exc:
        code = "schema.owner_upgrades" if current else "schema.owner_creates"
        raise DatabaseError(code, name=database.display_name, schema=current, head=head_revision()) from exc


@contextmanager
def _foreign_keys_off_on_sqlite(database: Database) -> Iterator[None]:
    """SQLite's way to change a table's schema: foreign keys off around the transaction.

    Adding a constraint rebuilds the table (a copy, then a rename); with foreign keys on,
    dropping the old table would delete every row that others point to. They are checked
    inside the transaction instead (_refuse_dangling_references) and turned on again after.
    """
    if database.path is None:
        yield
        return
    from sqlalchemy import event

    def off(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=OFF")

    # A fresh connection for the upgrade, and every connection after it as OpsDesk makes them.
    database.engine.dispose()
    event.listen(database.engine, "connect", off)
    try:
        yield
    finally:
        event.remove(database.engine, "connect", off)
        database.engine.dispose()  # the next connections get foreign keys on again (store.database)


def _refuse_dangling_references(connection: Connection) -> None:
    problems = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if problems:
        table, rowid, parent, _ = problems[0]
        raise DatabaseError("schema.dangling_reference", row=rowid, table=table, parent=parent)


def _audit_new_tables(connection: Connection) -> None:
    # A table a migration adds gets its audit trigger at once, as every other table has one.
    from opsdesk.store import server_audit

    server_audit.install_audit_triggers(connection)


def revision_reached(current: str | None, revision: str) -> bool:
    """True when a schema at `current` includes `revision` (it is that revision or a later one)."""
    if current is None:
        return False
    script = ScriptDirectory.from_config(alembic_config())
    if not _known(script, current):
        return True  # a newer schema than this app: it has everything this app knows of
    return any(rev.revision == revision for rev in script.iterate_revisions(current, "base"))


def reached_revisions(current: str | None) -> set[str]:
    """Every revision a schema at `current` includes."""
    if current is None:
        return set()
    script = ScriptDirectory.from_config(alembic_config())
    return {rev.revision for rev in script.iterate_revisions(current, "base")}


def _regrant_server_roles(connection: Connection) -> None:
    # New tables of this upgrade get the viewer, editor and administrator rights at once.
    from opsdesk.store import server_roles

    if server_roles.roles_exist(connection):
        server_roles.grant_privileges(connection)

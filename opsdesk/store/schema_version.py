"""The schema version a register holds, read without Alembic, and the one this OpsDesk ships.

Opening a register that is up to date is one SELECT on `alembic_version`, compared with
`HEAD_REVISION`; Alembic (slow to import) is loaded only when an upgrade is needed
(opsdesk.store.migrations). A test checks these constants against the migration scripts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: the revisions the package ships, oldest first (store/migrations/versions)
SHIPPED_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0005", "0006", "0007", "0008", "0009")
#: the newest of them: an up-to-date register's alembic_version
HEAD_REVISION = SHIPPED_REVISIONS[-1]
VERSION_TABLE = "alembic_version"


def stored_revision(connection: Connection, tables: list[str] | None = None) -> str | None:
    """The register's schema revision (None for a new, empty database), by one SELECT.

    `tables`, when the caller already listed them, spares the look for the version table.
    """
    if tables is None:
        from sqlalchemy import inspect

        tables = inspect(connection).get_table_names()
    if VERSION_TABLE not in tables:
        return None
    rows = connection.exec_driver_sql(f"SELECT version_num FROM {VERSION_TABLE}").all()
    return rows[0][0] if len(rows) == 1 else None


def is_up_to_date(revision: str | None) -> bool:
    """True when a register at `revision` needs no upgrade by this OpsDesk."""
    return revision == HEAD_REVISION

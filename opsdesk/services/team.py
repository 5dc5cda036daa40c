"""Team mode: the register on a PostgreSQL server, its roles and the people who sign in."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlmodel import Session

from opsdesk.domain.access import Access
from opsdesk.domain.errors import ValidationError
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry
from opsdesk.store.server_roles import GROUP_ROLES, ServerUser, init_roles, list_users, set_user

__all__ = ["GROUP_ROLES", "ServerUser", "latest_change", "prepare_roles", "server_users", "sign_up_user"]

SERVER_ONLY = "Roles are for a register on a PostgreSQL server (--db postgresql+psycopg://...)."


def _require_server(database: Database) -> None:
    if not database.is_server:
        raise ValidationError({"db": SERVER_ONLY})


def prepare_roles(database: Database) -> None:
    """Create the viewer, editor and administrator roles and grant their rights (idempotent)."""
    _require_server(database)
    with database.engine.begin() as connection:
        init_roles(connection)


def sign_up_user(database: Database, *, name: str, access: Access, password: str | None) -> bool:
    """Create a login (or change its role and password); True when it was created."""
    _require_server(database)
    with database.engine.begin() as connection:
        return set_user(connection, name.strip(), access, password)


def server_users(database: Database) -> list[ServerUser]:
    _require_server(database)
    with database.engine.connect() as connection:
        return list_users(connection)


def latest_change(*, session: Session) -> int:
    """A number that grows with every change anyone saves (the newest audit entry): cheap to poll."""
    return session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).one()

"""Team mode: the register on a PostgreSQL server, its roles and the people who sign in."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.engine import make_url
from sqlmodel import Session

from opsdesk.domain.access import Access
from opsdesk.domain.errors import ValidationError
from opsdesk.store.database import Database
from opsdesk.store.models import AuditEntry
from opsdesk.store.server_roles import ServerUser, group_roles, init_roles, list_users, set_user

__all__ = [
    "ServerUser",
    "changes_since",
    "latest_change",
    "prepare_roles",
    "register_group_roles",
    "server_users",
    "sign_up_user",
]

SERVER_ONLY = "team.server_only"  # a catalogue code


def _require_server(database: Database) -> None:
    if not database.is_server:
        raise ValidationError({"db": SERVER_ONLY})


def prepare_roles(database: Database) -> dict[Access, str]:
    """Create this register's viewer, editor and administrator roles and grant their rights (idempotent).

    Returns the group role of each access level.
    """
    _require_server(database)
    with database.engine.begin() as connection:
        init_roles(connection)
    return register_group_roles(database)


def register_group_roles(database: Database) -> dict[Access, str]:
    """The group roles of this register (named for its database)."""
    _require_server(database)
    return group_roles(make_url(database.url).database or "")


def sign_up_user(database: Database, *, name: str, access: Access, password: str | None) -> bool:
    """Create a login (or change its role and password); True when it was created."""
    _require_server(database)
    with database.engine.begin() as connection:
        return set_user(connection, name.strip(), access, password)


def server_users(database: Database) -> list[ServerUser]:
    """This register's people and their access; for its administrators only."""
    _require_server(database)
    with database.engine.connect() as connection:
        return list_users(connection)


def latest_change(*, session: Session) -> int:
    """A number that grows with every change anyone saves (the newest audit entry): cheap to poll."""
    return int(session.exec(select(func.coalesce(func.max(AuditEntry.id), 0))).scalar_one())


def changes_since(*, session: Session, after: int) -> dict[str, int]:
    """The newest change (a `latest_change` number) of each table someone changed after change `after`."""
    rows = session.exec(
        select(AuditEntry.entity, func.max(AuditEntry.id))
        .where(AuditEntry.id > after)
        .group_by(AuditEntry.entity)
    ).all()
    return {entity: newest for entity, newest in rows}

"""Team mode on PostgreSQL: the viewer, editor and administrator roles, enforced by the server.

`init_roles` creates three group roles (no login) and grants them what they may do on the
register's tables; people sign in as their own login roles, members of one group. The app
reads the grants back (`current_access`) to disable what the role may not do, but the
server refuses it anyway.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import unicodedata
from dataclasses import dataclass

from sqlalchemy import Connection, inspect, text

from opsdesk.domain.access import Access
from opsdesk.domain.errors import ValidationError

GROUP_ROLES = {Access.VIEWER: "opsdesk_viewer", Access.EDITOR: "opsdesk_editor", Access.ADMIN: "opsdesk_admin"}
#: what only an administrator changes: the matrix and other settings, departments, categories
SETTINGS_TABLES = ("setting", "department", "category")
#: link rows an editor removes when a meeting no longer covers an objective or nonconformity
UNLINKABLE_TABLES = ("meetingobjective", "meetingnonconformity")
#: rows nobody may change once written (a trigger refuses even the owner)
APPEND_ONLY_TABLES = ("auditentry",)
#: the schema version: migrations, run by the owner, write it
OWNER_ONLY_TABLES = ("alembic_version",)
LOGIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")
SCRAM_ITERATIONS = 4096


@dataclass(frozen=True, slots=True)
class ServerUser:
    name: str
    access: Access


def current_access(connection: Connection) -> Access:
    """What the signed-in role may do, from the server's own grants on the register's tables."""
    if connection.exec_driver_sql("SELECT to_regclass('setting') IS NULL").scalar_one():
        return Access.ADMIN  # an empty database: whoever creates the schema owns it
    can_set, can_write = connection.exec_driver_sql(
        "SELECT has_table_privilege('setting', 'UPDATE'), has_table_privilege('risk', 'INSERT')"
    ).one()
    if can_set:
        return Access.ADMIN
    return Access.EDITOR if can_write else Access.VIEWER


def _quote(connection: Connection, name: str) -> str:
    return connection.dialect.identifier_preparer.quote_identifier(name)


def _role_exists(connection: Connection, name: str) -> bool:
    return connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}).first() is not None


def init_roles(connection: Connection) -> None:
    """Create the three group roles if missing and grant them their rights on this register."""
    for name in GROUP_ROLES.values():
        if not _role_exists(connection, name):
            connection.exec_driver_sql(f"CREATE ROLE {name} NOLOGIN")
    # An editor may do all a viewer may; an administrator all an editor may.
    connection.exec_driver_sql(f"GRANT {GROUP_ROLES[Access.VIEWER]} TO {GROUP_ROLES[Access.EDITOR]}")
    connection.exec_driver_sql(f"GRANT {GROUP_ROLES[Access.EDITOR]} TO {GROUP_ROLES[Access.ADMIN]}")
    grant_privileges(connection)


def roles_exist(connection: Connection) -> bool:
    return all(_role_exists(connection, name) for name in GROUP_ROLES.values())


def grant_privileges(connection: Connection) -> None:
    """(Re)grant the groups' rights on every table of the register: run after each upgrade too."""
    viewer, editor, admin = (GROUP_ROLES[a] for a in (Access.VIEWER, Access.EDITOR, Access.ADMIN))
    database = _quote(connection, connection.exec_driver_sql("SELECT current_database()").scalar_one())
    schema = _quote(connection, connection.exec_driver_sql("SELECT current_schema()").scalar_one())
    tables = set(inspect(connection).get_table_names())
    groups = f"{viewer}, {editor}, {admin}"
    # From nothing, so a right taken away in a newer OpsDesk is really gone.
    connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {groups}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {groups}")
    connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {viewer}")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {viewer}")
    connection.exec_driver_sql(f"GRANT SELECT ON ALL TABLES IN SCHEMA {schema} TO {viewer}")

    def grant(rights: str, names: set[str] | tuple[str, ...], role: str) -> None:
        present = sorted(set(names) & tables)
        if present:
            connection.exec_driver_sql(f"GRANT {rights} ON {', '.join(_quote(connection, t) for t in present)} TO {role}")

    records = tables - set(SETTINGS_TABLES) - set(APPEND_ONLY_TABLES) - set(OWNER_ONLY_TABLES)
    grant("INSERT, UPDATE", records, editor)
    grant("DELETE", UNLINKABLE_TABLES, editor)
    grant("INSERT", APPEND_ONLY_TABLES, editor)
    connection.exec_driver_sql(f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA {schema} TO {editor}")
    grant("INSERT, UPDATE", SETTINGS_TABLES, admin)


def scram_verifier(password: str, *, salt: bytes | None = None) -> str:
    """The SCRAM-SHA-256 verifier PostgreSQL keeps for a password, computed here, so the
    password itself never travels in a statement (where a server log could keep it)."""
    salt = salt if salt is not None else os.urandom(16)
    normalized = unicodedata.normalize("NFKC", password).encode("utf-8")  # SASLprep's core step
    salted = hashlib.pbkdf2_hmac("sha256", normalized, salt, SCRAM_ITERATIONS)
    client_key = hmac.new(salted, b"Client Key", hashlib.sha256).digest()
    stored_key = hashlib.sha256(client_key).digest()
    server_key = hmac.new(salted, b"Server Key", hashlib.sha256).digest()

    def b64(data: bytes) -> str:
        return base64.b64encode(data).decode("ascii")

    return f"SCRAM-SHA-256${SCRAM_ITERATIONS}:{b64(salt)}${b64(stored_key)}:{b64(server_key)}"


def set_user(connection: Connection, name: str, access: Access, password: str | None) -> bool:
    """Create the login role `name` (or change an existing one) as a member of one group only.

    Returns True when the role was created. A new login needs a password.
    """
    if not LOGIN_NAME.match(name):
        raise ValidationError(
            "A login name has letters, digits and _ . @ - (at most 63), and starts with a letter or _.", "name"
        )
    if name in GROUP_ROLES.values():
        raise ValidationError(f"{name} is one of OpsDesk's group roles, not a person.", "name")
    if not roles_exist(connection):
        raise ValidationError("The OpsDesk roles do not exist on this server yet: run `opsdesk admin init-roles`.")
    created = not _role_exists(connection, name)
    if created and not password:
        raise ValidationError("A new login needs a password.", "password")
    role = _quote(connection, name)
    connection.exec_driver_sql(f"{'CREATE' if created else 'ALTER'} ROLE {role} LOGIN")
    if password:
        # The verifier holds only base64 characters, '$' and ':', so it is safe as a literal.
        connection.exec_driver_sql(f"ALTER ROLE {role} PASSWORD '{scram_verifier(password)}'")
    for group_access, group in GROUP_ROLES.items():
        verb = "GRANT" if group_access is access else "REVOKE"
        connection.exec_driver_sql(f"{verb} {group} {'TO' if verb == 'GRANT' else 'FROM'} {role}")
    return created


def list_users(connection: Connection) -> list[ServerUser]:
    """The login roles that belong to an OpsDesk group, with the highest group of each."""
    rows = connection.execute(
        text(
            "SELECT member.rolname, grp.rolname FROM pg_auth_members link "
            "JOIN pg_roles member ON member.oid = link.member JOIN pg_roles grp ON grp.oid = link.roleid "
            "WHERE member.rolcanlogin AND grp.rolname = ANY(:groups) ORDER BY member.rolname"
        ),
        {"groups": list(GROUP_ROLES.values())},
    ).all()
    by_group = {group: access for access, group in GROUP_ROLES.items()}
    rank = list(Access)
    best: dict[str, Access] = {}
    for member, group in rows:
        access = by_group[group]
        if member not in best or rank.index(access) > rank.index(best[member]):
            best[member] = access
    return [ServerUser(name, access) for name, access in best.items()]

"""Team mode on PostgreSQL: the viewer, editor and administrator roles of one register, enforced by the server.

`init_roles` creates three group roles (no login) named for this register's database, takes
the database away from PUBLIC and grants the groups what they may do; people sign in as
their own login roles, members of one group of one register. A role of one register gives
nothing in another, even on the same server. The app reads the grants back
(`current_access`) to disable what the role may not do, but the server refuses it anyway.
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
from opsdesk.domain.catalogue import message
from opsdesk.domain.errors import PermissionDeniedError, Problem, ValidationError
from opsdesk.store.server_audit import HEAD_TABLE, INSERT_ONLY_TABLES, NEXT_CODE_FUNCTION

#: the groups older OpsDesk versions shared between every register of a server
LEGACY_GROUP_ROLES = ("opsdesk_viewer", "opsdesk_editor", "opsdesk_admin")
#: what only an administrator changes: the matrix and other settings, departments, categories
#: (and the quarters an administrator closes, with the report kept at closing)
SETTINGS_TABLES = ("setting", "department", "category", "closedquarter", "quarterreport")
#: link rows an editor removes when a meeting no longer covers an objective or nonconformity
UNLINKABLE_TABLES = ("meetingobjective", "meetingnonconformity")
#: written by the server alone (its audit trigger and code function), never by an app role
SERVER_WRITTEN_TABLES = ("auditentry", "codesequence")
#: the schema version (migrations, run by the owner, write it; all read it) and the audit chain's head (nobody reads it)
OWNER_ONLY_TABLES = ("alembic_version", HEAD_TABLE)
LOGIN_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.@-]{0,62}$")
SCRAM_ITERATIONS = 4096
MAX_ROLE_NAME = 63  # bytes: PostgreSQL's NAMEDATALEN - 1


@dataclass(frozen=True, slots=True)
class ServerUser:
    name: str
    access: Access


def group_role(database_name: str, access: Access) -> str:
    """The group role of one access level in one register: opsdesk_<database>_<access>.

    A long database name is cut and followed by a short hash of the whole name, so the role
    stays within PostgreSQL's 63 bytes and still belongs to that database alone.
    """
    name = f"opsdesk_{database_name}_{access.value}"
    if len(name.encode("utf-8")) <= MAX_ROLE_NAME:
        return name
    digest = hashlib.sha256(database_name.encode("utf-8")).hexdigest()[:8]
    room = MAX_ROLE_NAME - len(f"opsdesk__{digest}_{access.value}")
    head = database_name.encode("utf-8")[:room].decode("utf-8", "ignore")
    return f"opsdesk_{head}_{digest}_{access.value}"


def group_roles(database_name: str) -> dict[Access, str]:
    """The viewer, editor and administrator groups of one register."""
    return {access: group_role(database_name, access) for access in Access}


def register_groups(connection: Connection) -> dict[Access, str]:
    """The groups of the register this connection is in."""
    return group_roles(connection.exec_driver_sql("SELECT current_database()").scalar_one())


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
    return (
        connection.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": name}).first()
        is not None
    )


def _is_owner_or_superuser(connection: Connection) -> bool:
    return connection.exec_driver_sql(
        "SELECT r.rolsuper OR d.datdba = r.oid FROM pg_roles r, pg_database d "
        "WHERE r.rolname = current_user AND d.datname = current_database()"
    ).scalar_one()


def group_problems(connection: Connection) -> list[str]:
    """Why this register's existing group roles cannot be trusted: each problem one phrase (catalogue's words).

    A group must not log in, have a password, hold privileged attributes, or have members
    the register's owner (or a superuser) did not grant: someone else could then sign in
    with the register's rights.
    """
    groups = register_groups(connection)
    names = list(groups.values())
    problems = []
    rows = connection.execute(
        text(
            "SELECT rolname, rolcanlogin, rolsuper OR rolcreaterole OR rolcreatedb OR rolreplication OR rolbypassrls "
            "FROM pg_roles WHERE rolname = ANY(:names) ORDER BY rolname"
        ),
        {"names": names},
    ).all()
    for name, can_login, privileged in rows:
        if can_login:
            problems.append(message("roles.group_can_log_in", {"name": name}))
        if privileged:
            problems.append(message("roles.group_privileged", {"name": name}))
    # Passwords are readable by superusers only; a NOLOGIN role's password opens nothing anyway.
    if connection.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar_one():
        with_password = connection.execute(
            text("SELECT rolname FROM pg_authid WHERE rolname = ANY(:names) AND rolpassword IS NOT NULL ORDER BY 1"),
            {"names": names},
        ).scalars()  # fmt: skip
        problems += [message("roles.group_has_password", {"name": name}) for name in with_password]
    hierarchy = {
        (groups[Access.VIEWER], groups[Access.EDITOR]),
        (groups[Access.EDITOR], groups[Access.ADMIN]),
    }
    members = connection.execute(
        text(
            "SELECT grp.rolname, member.rolname, grantor.rolname, grantor.rolsuper OR grantor.oid = d.datdba, "
            "link.admin_option, member.oid = d.datdba "
            "FROM pg_auth_members link JOIN pg_roles grp ON grp.oid = link.roleid "
            "JOIN pg_roles member ON member.oid = link.member "
            "LEFT JOIN pg_roles grantor ON grantor.oid = link.grantor "
            "JOIN pg_database d ON d.datname = current_database() "
            "WHERE grp.rolname = ANY(:names) ORDER BY 1, 2"
        ),
        {"names": names},
    ).all()
    for group, member, grantor, trusted_grantor, admin_option, member_is_owner in members:
        if (group, member) in hierarchy:
            continue
        if admin_option and not member_is_owner:
            problems.append(message("roles.group_admin_option", {"member": member, "group": group}))
        elif not trusted_grantor:
            code = "roles.group_granted_by" if grantor else "roles.group_granted_by_dropped"
            problems.append(message(code, {"member": member, "group": group, "grantor": grantor}))
    return problems


def init_roles(connection: Connection) -> None:
    """Create this register's three group roles if missing and grant them their rights here.

    Refuses (ValidationError) when run by anyone but the database's owner, or when a group
    role of this register already exists in a state OpsDesk did not leave it in.
    """
    if not _is_owner_or_superuser(connection):
        raise PermissionDeniedError("login.owner_prepares_roles")
    problems = group_problems(connection)
    if problems:
        raise ValidationError(Problem("", "roles.not_prepared", {"reasons": "; ".join(problems)}))
    groups = register_groups(connection)
    for name in groups.values():
        if not _role_exists(connection, name):
            connection.exec_driver_sql(f"CREATE ROLE {_quote(connection, name)} NOLOGIN")
    # An editor may do all a viewer may; an administrator all an editor may.
    viewer, editor, admin = (
        _quote(connection, groups[a]) for a in (Access.VIEWER, Access.EDITOR, Access.ADMIN)
    )
    connection.exec_driver_sql(f"GRANT {viewer} TO {editor}")
    connection.exec_driver_sql(f"GRANT {editor} TO {admin}")
    grant_privileges(connection)


def roles_exist(connection: Connection) -> bool:
    return all(_role_exists(connection, name) for name in register_groups(connection).values())


def grant_privileges(connection: Connection) -> None:
    """(Re)grant the groups' rights on every table of the register: run after each upgrade too.

    The database is taken from PUBLIC: only this register's groups (and its owner) connect.
    """
    groups = register_groups(connection)
    viewer, editor, admin = (
        _quote(connection, groups[a]) for a in (Access.VIEWER, Access.EDITOR, Access.ADMIN)
    )
    database = _quote(connection, connection.exec_driver_sql("SELECT current_database()").scalar_one())
    schema = _quote(connection, connection.exec_driver_sql("SELECT current_schema()").scalar_one())
    tables = set(inspect(connection).get_table_names())
    everyone = f"PUBLIC, {viewer}, {editor}, {admin}"
    legacy = [name for name in LEGACY_GROUP_ROLES if _role_exists(connection, name)]
    if legacy:
        everyone += ", " + ", ".join(legacy)  # shared groups of older versions lose this register
    # From nothing, so a right taken away in a newer OpsDesk is really gone.
    connection.exec_driver_sql(f"REVOKE ALL ON DATABASE {database} FROM {everyone}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA {schema} FROM {everyone}")
    connection.exec_driver_sql(f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA {schema} FROM {everyone}")
    connection.exec_driver_sql(f"REVOKE CREATE ON SCHEMA {schema} FROM {everyone}")
    connection.exec_driver_sql(f"GRANT CONNECT ON DATABASE {database} TO {viewer}")
    connection.exec_driver_sql(f"GRANT USAGE ON SCHEMA {schema} TO {viewer}")

    def grant(rights: str, names: set[str] | tuple[str, ...], role: str) -> None:
        present = sorted(set(names) & tables)
        if present:
            connection.exec_driver_sql(
                f"GRANT {rights} ON {', '.join(_quote(connection, t) for t in present)} TO {role}"
            )

    grant("SELECT", tables - {HEAD_TABLE}, viewer)
    written_once = (
        set(SETTINGS_TABLES) | set(SERVER_WRITTEN_TABLES) | set(OWNER_ONLY_TABLES) | set(INSERT_ONLY_TABLES)
    )
    grant("INSERT, UPDATE", tables - written_once, editor)
    grant("INSERT", INSERT_ONLY_TABLES, editor)
    grant("DELETE", UNLINKABLE_TABLES, editor)
    grant("INSERT, UPDATE", SETTINGS_TABLES, admin)
    # The id sequences of the tables each group inserts into; never the audit trail's.
    for table, sequence in _id_sequences(connection):
        if table in SERVER_WRITTEN_TABLES or table in OWNER_ONLY_TABLES:
            continue
        role = admin if table in SETTINGS_TABLES else editor
        connection.exec_driver_sql(f"GRANT USAGE ON SEQUENCE {_quote(connection, sequence)} TO {role}")
    if connection.exec_driver_sql(
        f"SELECT to_regprocedure('{NEXT_CODE_FUNCTION}(text)') IS NOT NULL"
    ).scalar_one():
        connection.exec_driver_sql(f"GRANT EXECUTE ON FUNCTION {NEXT_CODE_FUNCTION}(text) TO {editor}")


def _id_sequences(connection: Connection) -> list[tuple[str, str]]:
    """(table, sequence) for every sequence a table's column owns (serial and identity ids)."""
    return [
        tuple(row)
        for row in connection.exec_driver_sql(
            "SELECT t.relname, s.relname FROM pg_class s "
            "JOIN pg_depend d ON d.objid = s.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') "
            "JOIN pg_class t ON t.oid = d.refobjid "
            "WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace ORDER BY 1, 2"
        )
    ]


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


def _login_problem(connection: Connection, name: str) -> tuple[str, dict[str, str]] | None:
    """Why an existing role may not become (or stay) one of this register's people; as (code, parameters); None when it may."""
    row = connection.execute(
        text(
            "SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_database d WHERE d.datdba = r.oid), "
            "r.rolcreaterole FROM pg_roles r WHERE r.rolname = :name"
        ),
        {"name": name},
    ).one()
    superuser, owns_a_database, creates_roles = row
    if superuser:
        return "login.superuser", {"name": name}
    if owns_a_database:
        return "login.owns_database", {"name": name}
    if creates_roles:
        return "login.creates_roles", {"name": name}
    ours = set(register_groups(connection).values())
    others = sorted(set(_groups_of_other_registers(connection, name)) - ours)
    if others:
        return "login.other_register", {"name": name, "registers": ", ".join(others)}
    return None


def _groups_of_other_registers(connection: Connection, name: str) -> list[str]:
    """The register groups (of any database on the server) that `name` is a member of."""
    databases = (
        connection.exec_driver_sql("SELECT datname FROM pg_database WHERE NOT datistemplate").scalars().all()
    )
    every_group = {group for database in databases for group in group_roles(database).values()}
    member_of = connection.execute(
        text(
            "SELECT grp.rolname FROM pg_auth_members link JOIN pg_roles grp ON grp.oid = link.roleid "
            "JOIN pg_roles member ON member.oid = link.member WHERE member.rolname = :name"
        ),
        {"name": name},
    ).scalars()  # fmt: skip
    return [group for group in member_of if group in every_group]


def _is_member_here(connection: Connection, name: str) -> bool:
    groups = set(register_groups(connection).values())
    return bool(set(_groups_of_other_registers(connection, name)) & groups)


def set_user(connection: Connection, name: str, access: Access, password: str | None) -> bool:
    """Create the login role `name` (or change an existing one) as a member of one group only.

    Returns True when the role was created. A new login needs a password. Refused: a
    superuser, the owner of any database, a role that manages roles, a member of another
    register's groups, and a new password for an existing login that is not yet one of this
    register's people (that would take over someone else's login).
    """
    if not LOGIN_NAME.match(name):
        raise ValidationError(Problem("name", "login.bad_name"))
    databases = connection.exec_driver_sql("SELECT datname FROM pg_database").scalars().all()
    if name in LEGACY_GROUP_ROLES or any(name in group_roles(database).values() for database in databases):
        raise ValidationError(Problem("name", "login.is_group_role", {"name": name}))
    if not roles_exist(connection):
        raise ValidationError(Problem("", "login.roles_missing"))
    created = not _role_exists(connection, name)
    if created and not password:
        raise ValidationError(Problem("password", "login.needs_password"))
    if not created:
        problem = _login_problem(connection, name)
        if problem:
            code, params = problem
            raise ValidationError(Problem("name", code, params))
        if password and not _is_member_here(connection, name):
            raise ValidationError(Problem("password", "login.not_ours", {"name": name}))
    role = _quote(connection, name)
    connection.exec_driver_sql(f"{'CREATE' if created else 'ALTER'} ROLE {role} LOGIN")
    if password:
        # The verifier holds only base64 characters, '$' and ':', so it is safe as a literal.
        connection.exec_driver_sql(f"ALTER ROLE {role} PASSWORD '{scram_verifier(password)}'")
    for group_access, group in register_groups(connection).items():
        verb = "GRANT" if group_access is access else "REVOKE"
        connection.exec_driver_sql(
            f"{verb} {_quote(connection, group)} {'TO' if verb == 'GRANT' else 'FROM'} {role}"
        )
    return created


def may_administer(connection: Connection) -> bool:
    """The signed-in role is this register's owner, a superuser, or in its administrator group."""
    if _is_owner_or_superuser(connection):
        return True
    admin = register_groups(connection)[Access.ADMIN]
    return bool(connection.execute(
        text("SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = :admin"), {"admin": admin}
    ).scalar())  # fmt: skip


def list_users(connection: Connection) -> list[ServerUser]:
    """This register's people (login roles in its groups), with the highest group of each.

    Only for its administrators: a viewer or editor gets PermissionDeniedError.
    """
    if not may_administer(connection):
        raise PermissionDeniedError("login.admins_list_people")
    groups = register_groups(connection)
    rows = connection.execute(
        text(
            "SELECT member.rolname, grp.rolname FROM pg_auth_members link "
            "JOIN pg_roles member ON member.oid = link.member JOIN pg_roles grp ON grp.oid = link.roleid "
            "WHERE member.rolcanlogin AND grp.rolname = ANY(:groups) ORDER BY member.rolname"
        ),
        {"groups": list(groups.values())},
    ).all()
    by_group = {group: access for access, group in groups.items()}
    rank = list(Access)
    best: dict[str, Access] = {}
    for member, group in rows:
        access = by_group[group]
        if member not in best or rank.index(access) > rank.index(best[member]):
            best[member] = access
    return [ServerUser(name, access) for name, access in best.items()]

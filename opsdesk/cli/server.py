"""The team-mode subcommands: `login` keeps a server password in the keyring, `admin` manages roles."""

from __future__ import annotations

import argparse
import getpass
import sys

from opsdesk.cli.connection import connect, database_arg
from opsdesk.domain.access import Access
from opsdesk.domain.catalogue import text
from opsdesk.domain.errors import ValidationError


def register(commands: argparse._SubParsersAction) -> None:
    """Add `login` and `admin` to the `opsdesk` command."""
    login = commands.add_parser("login", help="check a server password and keep it in the system keyring")
    login.add_argument("--forget", action="store_true", help="remove the kept password instead")
    login.set_defaults(handler=cmd_login)

    admin = commands.add_parser("admin", help="team mode on PostgreSQL: roles and users")
    actions = admin.add_subparsers(title="admin commands", metavar="ACTION", required=True)
    init = actions.add_parser(
        "init-roles", help="create the viewer, editor and administrator roles and their grants"
    )
    init.set_defaults(handler=cmd_init_roles)
    add = actions.add_parser("add-user", help="create a login, or change its role or password")
    add.add_argument("name", help="the login name")
    add.add_argument("--role", required=True, choices=[access.value for access in Access])
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument("--keep-password", action="store_true", help="change only the role of an existing login")
    add.set_defaults(handler=cmd_add_user)
    users = actions.add_parser(
        "users", help="list this register's logins and their roles (administrators only)"
    )
    users.set_defaults(handler=cmd_users)


def _server(args: argparse.Namespace):
    database = connect(args, create=False)
    if not database.is_server:
        database.dispose()
        from opsdesk.services.team import SERVER_ONLY

        raise ValidationError({"db": SERVER_ONLY})
    return database


def cmd_login(args: argparse.Namespace) -> int:
    from opsdesk.store.credentials import forget_password, save_password
    from opsdesk.store.database import database_url, display_name, open_database, without_password

    url, _ = without_password(database_url(database_arg(args)))
    if args.forget:
        forget_password(url)
        print(text("cli.password_forgotten", name=display_name(url)))
        return 0
    if not sys.stdin.isatty():
        raise ValidationError({"password": "cli.login_needs_terminal"})
    password = getpass.getpass(text("cli.password_for", name=display_name(url)))
    open_database(url, password=password, create=False, migrate=False).dispose()  # proves it first
    if not save_password(url, password):
        raise ValidationError({"password": "cli.no_keyring"})
    print(text("cli.password_kept", name=display_name(url)))
    return 0


def cmd_init_roles(args: argparse.Namespace) -> int:
    from opsdesk.services.team import prepare_roles

    database = _server(args)
    try:
        groups = prepare_roles(database)
    finally:
        database.dispose()
    print(
        text("cli.roles_ready", name=database.display_name, roles=[f"{r} ({a})" for a, r in groups.items()])
    )
    return 0


def _new_password(args: argparse.Namespace) -> str | None:
    if args.keep_password:
        return None
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n") or None
    if not sys.stdin.isatty():
        raise ValidationError({"password": "cli.password_stdin_or_terminal"})
    first = getpass.getpass(text("cli.new_password_for", name=args.name))
    if first != getpass.getpass(text("cli.password_again")):
        raise ValidationError({"password": "cli.passwords_differ"})
    return first or None


def cmd_add_user(args: argparse.Namespace) -> int:
    from opsdesk.services.team import sign_up_user

    password = _new_password(args)
    database = _server(args)
    try:
        created = sign_up_user(database, name=args.name, access=Access(args.role), password=password)
    finally:
        database.dispose()
    code = "cli.user_created" if created else "cli.user_updated"
    print(text(code, name=args.name, role=args.role, database=database.display_name))
    return 0


def cmd_users(args: argparse.Namespace) -> int:
    from opsdesk.services.team import server_users

    database = _server(args)
    try:
        users = server_users(database)
    finally:
        database.dispose()
    if not users:
        print(text("cli.no_users", name=database.display_name))
    for user in users:
        print(f"{user.name:<32} {user.access}")
    return 0

"""The --db database every command works on: its name, opening it, and the hint when it cannot open."""

from __future__ import annotations

import argparse
import os
import sys

from opsdesk.domain.catalogue import text
from opsdesk.domain.errors import OpsDeskError


def database_arg(args: argparse.Namespace) -> str:
    """The --db path or URL, or the default register in the user's data folder."""
    from opsdesk.paths import default_database_path

    return args.db or str(default_database_path())


def ask_password(url: str, reason: str) -> str | None:
    """Ask at the terminal (never echoed); None when nobody is there to answer."""
    import getpass

    from opsdesk.store.database import display_name

    if not sys.stdin.isatty():
        return None
    name = display_name(url)
    print(reason if name in reason else f"{reason} ({name})", file=sys.stderr)
    return getpass.getpass(text("cli.password_prompt"))


def stdin_password(args: argparse.Namespace) -> str | None:
    """The encrypted register's password from standard input (--password-stdin: its first line), read once."""
    from opsdesk.domain.errors import DatabaseError

    if not getattr(args, "register_password_stdin", False):
        return None
    if getattr(args, "register_password", None) is None:
        # A windowed program (no console) may have no standard input at all.
        line = sys.stdin.readline().rstrip("\r\n") if sys.stdin is not None else ""
        if not line:
            raise DatabaseError("register.password_stdin_empty")
        args.register_password = line
    return args.register_password


def new_password(args: argparse.Namespace, path: object) -> str:
    """The password for a register being encrypted: --password-stdin, or typed twice at a terminal."""
    import getpass

    from opsdesk.domain.errors import DatabaseError
    from opsdesk.store.cipher import check_password

    given = stdin_password(args)
    if given is not None:
        return check_password(given)
    if not sys.stdin.isatty():
        raise DatabaseError("register.password_needs_terminal", path=str(path))
    first = check_password(getpass.getpass(f"New password for {path}: "))
    if first != getpass.getpass("Again: "):
        raise DatabaseError("register.passwords_differ")
    return first


def register_password(args: argparse.Namespace, path: object) -> str:
    """The password of an existing encrypted register: --password-stdin, the keyring, or typed at a terminal."""
    import getpass

    from opsdesk.domain.errors import DatabaseError
    from opsdesk.store.credentials import saved_password
    from opsdesk.store.database import database_url

    given = stdin_password(args)
    if given is None:
        given = saved_password(database_url(str(path)))
    if given is None:
        if not sys.stdin.isatty():
            raise DatabaseError("register.password_needs_terminal", path=str(path))
        given = getpass.getpass(f"Password for {path}: ")
    return given


def connect(args: argparse.Namespace, **options: object):
    """Open the --db database; a server's or an encrypted register's password comes from
    --password-stdin, the keyring, or is asked for at a terminal. `--encrypted` creates a new
    register file encrypted."""
    from opsdesk.store.credentials import open_with_password
    from opsdesk.store.database import database_url, sqlite_path

    target = database_arg(args)
    password = stdin_password(args)
    if getattr(args, "encrypted", False):
        path = sqlite_path(database_url(target))
        if path is None:
            from opsdesk.domain.errors import DatabaseError

            raise DatabaseError("register.encrypt_server")
        from opsdesk.store.cipher import is_plain_sqlite

        if is_plain_sqlite(path):  # --encrypted names a register that is not: say so, change nothing
            from opsdesk.domain.errors import DatabaseError

            raise DatabaseError("register.not_encrypted", path=str(path))
        if password is None and (not path.exists() or path.stat().st_size == 0):
            password = new_password(args, path)
    database = open_with_password(
        target, ask=ask_password, password=password, allow_network_drive=args.allow_network_drive, **options
    )
    follow_language_setting(args, database)
    for warning in database.location_warnings:
        print(text("cli.warning", message=warning), file=sys.stderr)
    return database


def follow_language_setting(args: argparse.Namespace, database) -> None:
    """Speak the register's language setting from now on, unless --language chose one."""
    if getattr(args, "ui_language", None):
        return
    from opsdesk.domain.catalogue import set_language
    from opsdesk.reports.excel_text import resolve_language
    from opsdesk.services.settings import get_language

    try:
        with database.session() as session:
            setting = get_language(session=session)
    except Exception:  # noqa: BLE001 - a register that cannot say (no schema yet, damaged) keeps the system's
        return
    set_language(resolve_language(setting))


def open_register(args: argparse.Namespace, *, create: bool = True):
    """Open the --db database for work, with the default settings in place when it is writable."""
    from opsdesk.services.settings import ensure_defaults

    database = connect(args, create=create)
    if not database.read_only:
        with database.session() as session:
            ensure_defaults(session=session)
    return database


def shell_quote(text: str, *, windows: bool | None = None) -> str:
    """An argument as the user's shell reads it: cmd.exe's double quotes on Windows, POSIX quoting elsewhere."""
    windows = os.name == "nt" if windows is None else windows
    if windows:
        import subprocess

        # list2cmdline quotes only what needs it ("C:\My Risks\a.db"), as cmd.exe and PowerShell read it.
        return subprocess.list2cmdline([text])
    import shlex

    return shlex.quote(text)


def recovery_hint(error: OpsDeskError, args: argparse.Namespace) -> str:
    """For a damaged database: the newest good backup and the command that restores it."""
    from opsdesk.domain.errors import PasswordRequiredError
    from opsdesk.services.backups import backup_folder, newest_good_backup
    from opsdesk.store.database import DamagedDatabaseError, database_url, display_name, without_password

    if isinstance(error, PasswordRequiredError) and error.code == "register.needs_password":
        return " Type it at a terminal, or give it with --password-stdin."
    if isinstance(error, PasswordRequiredError) and not error.wrong:
        url = display_name(without_password(database_url(database_arg(args)))[0])
        return " " + text("cli.password_hint", command=f"opsdesk --db {shell_quote(url)} login")
    if not isinstance(error, DamagedDatabaseError):
        return ""
    try:
        good = newest_good_backup(error.path, error.key)
    except OSError:
        return ""
    if good is None:
        return "" if error.not_sqlite else " " + text("cli.no_good_backup", folder=backup_folder(error.path))
    command = f"opsdesk --db {shell_quote(str(error.path))} restore {shell_quote(str(good.path))}"
    return " " + text("cli.newest_good_backup", path=good.path, taken=good.taken_at, command=command)

"""The `opsdesk` command: the GUI by default, headless jobs as subcommands."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from opsdesk import __version__
from opsdesk.domain.errors import OpsDeskError, ValidationError

Handler = Callable[[argparse.Namespace], int]


def _database_arg(args: argparse.Namespace) -> str:
    from opsdesk.paths import default_database_path

    return args.db or str(default_database_path())


def _ask_password(url: str, reason: str) -> str | None:
    """Ask at the terminal (never echoed); None when nobody is there to answer."""
    import getpass

    from opsdesk.store.database import display_name

    if not sys.stdin.isatty():
        return None
    print(f"{reason} ({display_name(url)})", file=sys.stderr)
    return getpass.getpass("Password: ")


def _connect(args: argparse.Namespace, **options: object):
    """Open the --db database; a server's password comes from the keyring or is asked for."""
    from opsdesk.store.credentials import open_with_password

    return open_with_password(_database_arg(args), ask=_ask_password, **options)


def _open(args: argparse.Namespace, *, create: bool = True):
    from opsdesk.services.settings import ensure_defaults

    database = _connect(args, create=create)
    if not database.read_only:
        with database.session() as session:
            ensure_defaults(session=session)
    return database


def cmd_demo(args: argparse.Namespace) -> int:
    from opsdesk.services.demo import load_demo

    database = _open(args)
    try:
        with database.session() as session:
            summary = load_demo(session=session, force=args.force)
    finally:
        database.dispose()
    print(f"Loaded the demo data into {database.display_name}: {summary}.")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from opsdesk.services.register_check import accept_audit_trail, check_register

    anchor = None
    if args.against:
        from opsdesk.reports.anchor import workbook_anchor

        report = Path(args.against).expanduser()
        anchor = (*workbook_anchor(report), report.name)
    # Read-only on the register: checking writes nothing there, takes no backup, upgrades nothing.
    database = _connect(args, create=False, migrate=False, read_only=True)
    try:
        result = check_register(database, anchor=anchor)
        accepted = args.accept and result.witness_problem is not None and result.audit is not None and result.audit.ok
        if accepted:
            accept_audit_trail(database)
    finally:
        database.dispose()
    *details, summary = result.findings()
    for line in details:
        print(line)
    if accepted:
        print(f"{database.display_name}: its audit trail as it is now is accepted; later checks compare with it.")
        return 0
    if result.ok or result.pending:
        print(summary)
    else:
        print(summary, file=sys.stderr)
    if result.witness_problem is not None:
        print("If you know why (the register was restored from an older copy, say), "
              "accept it with: opsdesk check --accept", file=sys.stderr)  # fmt: skip
    return 0 if result.ok else 1


def cmd_backup(args: argparse.Namespace) -> int:
    from opsdesk.store.backup import backup_sqlite

    database = _open(args, create=False)
    try:
        if database.path is None:
            raise ValidationError({"db": "Backups of a server database are made by the server's own tools."})
        target = backup_sqlite(database.path, Path(args.out) if args.out else None)
    finally:
        database.dispose()
    print(f"Backup written to {target}")
    return 0


def _sqlite_file(args: argparse.Namespace) -> Path:
    from opsdesk.store.database import database_url, sqlite_path

    path = sqlite_path(database_url(_database_arg(args)))
    if path is None:
        raise ValidationError({"db": "Backups of a server database are made and restored by the server's own tools."})
    return path


def cmd_backups(args: argparse.Namespace) -> int:
    from opsdesk.services.backups import backup_folder, list_backups

    path = _sqlite_file(args)
    backups = list_backups(path)
    if not backups:
        print(f"No backups of {path} in {backup_folder(path)}.")
        return 0
    for info in backups:
        print(f"{info.taken_at:%Y-%m-%d %H:%M:%S}  {info.reason:<14} {info.size // 1024:>7} KB  {info.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from opsdesk.services.backups import restore_database
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.database import open_database

    path = _sqlite_file(args)
    result = restore_database(path, Path(args.file).expanduser())
    # Opening upgrades an older backup's schema (after its own backup) and proves it opens.
    database = open_database(path)
    try:
        with database.session() as session:
            ensure_defaults(session=session)
    finally:
        database.dispose()
    print(f"Restored {path} from {result.source} (schema {result.schema}).")
    if result.safety_backup is not None:
        print(f"The database it replaced was backed up to {result.safety_backup}")
    if result.broken_copy is not None:
        print(f"The damaged database was kept as {result.broken_copy}")
    return 0


def recovery_hint(error: OpsDeskError, args: argparse.Namespace) -> str:
    """For a damaged database: the newest good backup and the command that restores it."""
    import shlex

    from opsdesk.domain.errors import PasswordRequiredError
    from opsdesk.services.backups import backup_folder, newest_good_backup
    from opsdesk.store.database import DamagedDatabaseError, database_url, display_name, without_password

    if isinstance(error, PasswordRequiredError) and not error.wrong:
        url = display_name(without_password(database_url(_database_arg(args)))[0])
        return (
            " Type it at a terminal, set PGPASSWORD, or keep it in the system keyring once with: "
            f"opsdesk --db {shlex.quote(url)} login"
        )
    if not isinstance(error, DamagedDatabaseError):
        return ""
    try:
        good = newest_good_backup(error.path)
    except OSError:
        return ""
    if good is None:
        return "" if error.not_sqlite else f" No good backup was found in {backup_folder(error.path)}."
    return (
        f" The newest good backup is {good.path} (taken {good.taken_at:%Y-%m-%d %H:%M}); restore it with: "
        f"opsdesk --db {shlex.quote(str(error.path))} restore {shlex.quote(str(good.path))}"
    )


def cmd_gui(args: argparse.Namespace) -> int:
    from opsdesk.ui.app import run_gui

    if args.self_test:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return run_gui(args.db, self_test=args.self_test)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="opsdesk",
        description="OpsDesk, the risk and quality register. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"OpsDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="the database: a SQLite file path or a SQLAlchemy URL (default: opsdesk.db in your data folder)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database, build the main window offscreen, render a chart and exit (for builds)",
    )
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser("demo", help="load the demo data set into the database")
    demo.add_argument("--force", action="store_true", help="load even if the database already holds risks")
    demo.set_defaults(handler=cmd_demo)

    check = commands.add_parser(
        "check", help="check the database's integrity, schema version and audit trail (hash chain, cut-backs)"
    )
    check.add_argument(
        "--accept", action="store_true",
        help="accept an audit trail shorter than this computer last saw (after a restore you know of)",
    )  # fmt: skip
    check.add_argument(
        "--against", metavar="REPORT.xlsx",
        help="also check that history up to the audit entry a closed quarter's report printed is unchanged",
    )  # fmt: skip
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    backup.set_defaults(handler=cmd_backup)

    backups = commands.add_parser("backups", help="list the backups of the database, newest first")
    backups.set_defaults(handler=cmd_backups)

    restore = commands.add_parser(
        "restore", help="replace the database by a backup (checked first; the current one is kept)"
    )
    restore.add_argument("file", metavar="FILE", help="the backup to restore")
    restore.set_defaults(handler=cmd_restore)

    for register in _EXTRA_COMMANDS:
        register(commands)
    return parser


# Subcommands contributed by other modules (export, import...), registered on import.
_EXTRA_COMMANDS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except OpsDeskError as exc:
        print(f"opsdesk: error: {exc}{recovery_hint(exc, args)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("opsdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place an unexpected failure becomes one clear line
        print(f"opsdesk: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


from opsdesk.cli_excel import register as _register_excel  # noqa: E402
from opsdesk.cli_server import register as _register_server  # noqa: E402

_EXTRA_COMMANDS.extend((_register_excel, _register_server))


if __name__ == "__main__":
    sys.exit(main())

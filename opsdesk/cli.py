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


def _open(args: argparse.Namespace, *, create: bool = True):
    from opsdesk.services.settings import ensure_defaults
    from opsdesk.store.database import open_database

    database = open_database(_database_arg(args), create=create)
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
    from opsdesk.store import migrations
    from opsdesk.store.database import integrity_problems, open_database

    database = open_database(_database_arg(args), create=False, migrate=False)
    try:
        problems = integrity_problems(database)
        current = migrations.current_revision(database)
        head = migrations.head_revision()
        pending = migrations.pending_revisions(database)
    finally:
        database.dispose()
    for problem in problems:
        print(f"problem: {problem}")
    if current is None:
        print(f"{database.display_name}: not an OpsDesk database yet (no schema).", file=sys.stderr)
        return 1
    if pending:
        print(f"{database.display_name}: schema {current}, older than this OpsDesk ({head}); "
              "it is upgraded (after a backup) when opened.")
        return 1
    if problems:
        print(f"{database.display_name}: {len(problems)} integrity problem(s).", file=sys.stderr)
        return 1
    print(f"{database.display_name}: healthy (schema {current}).")
    return 0


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


def cmd_gui(args: argparse.Namespace) -> int:
    from opsdesk.ui.app import run_gui

    return run_gui(args.db, self_test=getattr(args, "self_test", False))


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
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    demo = commands.add_parser("demo", help="load the demo data set into the database")
    demo.add_argument("--force", action="store_true", help="load even if the database already holds risks")
    demo.set_defaults(handler=cmd_demo)

    check = commands.add_parser("check", help="check the database's integrity and schema version")
    check.set_defaults(handler=cmd_check)

    backup = commands.add_parser("backup", help="write a consistent copy of the database")
    backup.add_argument("--out", metavar="FILE", help="where to write it (default: the backups folder)")
    backup.set_defaults(handler=cmd_backup)

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
        print(f"opsdesk: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("opsdesk: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place an unexpected failure becomes one clear line
        print(f"opsdesk: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())

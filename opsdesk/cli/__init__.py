"""The `opsdesk` command: the GUI by default, headless jobs as subcommands.

One module per group of commands (`register`, `excel`, `server`); `connection` opens the
--db database for all of them. Only argparse wiring loads at start-up: each command imports
what it needs when it runs.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from opsdesk import __version__
from opsdesk.cli import excel, register, report, server
from opsdesk.cli.connection import recovery_hint
from opsdesk.console import prepare_standard_streams
from opsdesk.domain.errors import OpsDeskError


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the window (the command without a subcommand)."""
    from opsdesk.ui.app import run_gui

    if args.self_test:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return run_gui(args.db, self_test=args.self_test, allow_network_drive=args.allow_network_drive)


def build_parser() -> argparse.ArgumentParser:
    """The `opsdesk` parser with every group's subcommands."""
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
        "--allow-network-drive",
        action="store_true",
        help="open a register file on a network drive or share anyway (without write-ahead logging; "
        "a server register is the safe way for a team)",
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the database, build the main window offscreen, render a chart and exit (for builds)",
    )
    parser.set_defaults(handler=cmd_gui)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    for group in (register, excel, report, server):
        group.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error ends as one clear line on stderr and a non-zero exit."""
    prepare_standard_streams()  # before --help prints: a windowed build has no stdout at all
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


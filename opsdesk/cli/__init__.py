"""The `opsdesk` command: the GUI by default, headless jobs as subcommands.

One module per group of commands (`register`, `excel`, `server`); `connection` opens the
--db database for all of them. Only argparse wiring loads at start-up: each command imports
what it needs when it runs.

Every line a command prints comes from the catalogue (`opsdesk.domain.catalogue`), in the
language `--language` names, else the register's language setting once it is open, else
the system's. (argparse's own usage and help texts stay English.)
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from opsdesk import __version__
from opsdesk.cli import excel, register, report, server
from opsdesk.cli.connection import recovery_hint
from opsdesk.console import prepare_standard_streams
from opsdesk.domain.catalogue import LANGUAGES, language, set_language, text
from opsdesk.domain.errors import OpsDeskError


def cmd_gui(args: argparse.Namespace) -> int:
    """Open the window (the command without a subcommand)."""
    from opsdesk.ui.app import run_gui

    if args.self_test:
        import os

        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from opsdesk.cli.connection import stdin_password

    password = stdin_password(args)  # an encrypted register's, for an unattended start (the self-test)
    return run_gui(
        args.db, self_test=args.self_test, allow_network_drive=args.allow_network_drive, password=password,
        encrypted=args.encrypted,
    )  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    """The `opsdesk` parser with every group's subcommands."""
    parser = argparse.ArgumentParser(
        prog="opsdesk",
        description="OpsDesk, the risk and quality register. Without a command it opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"OpsDesk {__version__}")
    parser.add_argument(
        "--language", dest="ui_language", choices=LANGUAGES,
        help="the language of the messages (default: the register's language setting, else the system's)",
    )  # fmt: skip
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
        "--encrypted",
        action="store_true",
        help="create a new register file encrypted with a password (SQLCipher); asked at a terminal, "
        "or read with --password-stdin",
    )
    parser.add_argument(
        "--password-stdin",
        dest="register_password_stdin",
        action="store_true",
        help="read the password of an encrypted register from the first line of standard input",
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
    _language_after_the_command(commands)
    return parser


def _language_after_the_command(commands: argparse._SubParsersAction) -> None:
    """Let `--language` follow the command too (`opsdesk import --language zh_CN FILE`).

    `export` keeps its own `--language` (the workbook's); its messages follow the option
    before the command or the setting.
    """
    for command in commands.choices.values():
        if any("--language" in action.option_strings for action in command._actions):
            continue
        command.add_argument(
            "--language", dest="ui_language", choices=LANGUAGES, default=argparse.SUPPRESS,
            help="the language of the messages",
        )  # fmt: skip
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                _language_after_the_command(action)


def _language_asked(argv: Sequence[str] | None) -> str | None:
    """The `--language` given anywhere on the line, read before argparse speaks (its errors)."""
    words = list(sys.argv[1:] if argv is None else argv)
    for index, word in enumerate(words):
        if word == "--":
            break
        if word.startswith("--language="):
            return word.partition("=")[2]
        if word == "--language" and index + 1 < len(words):
            return words[index + 1]
    return None


def start_language(asked: str | None) -> str:
    """The language of the messages before any register is open: the one asked for, else the system's."""
    from opsdesk.reports.excel_text import resolve_language

    return set_language(asked if asked in LANGUAGES else resolve_language("system"))


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; every error ends as one clear line on stderr and a non-zero exit."""
    prepare_standard_streams()  # before --help prints: a windowed build has no stdout at all
    before = language()
    try:
        start_language(_language_asked(argv))
        return _run(build_parser().parse_args(argv))
    finally:
        set_language(before)  # a caller in the same process (a test, a script) keeps its own


def _run(args: argparse.Namespace) -> int:
    try:
        return args.handler(args)
    except OpsDeskError as exc:
        print(text("cli.error", message=f"{exc}{recovery_hint(exc, args)}"), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(text("cli.interrupted"), file=sys.stderr)
        return 130
    except Exception as exc:  # the one place an unexpected failure becomes one clear line
        print(text("cli.unexpected", kind=type(exc).__name__, message=exc), file=sys.stderr)
        return 1

"""The `report` subcommand: the quarter's management pack as a PDF (`--pdf FILE`).

Only argparse wiring lives at module level; matplotlib, pypdf and the services load when
the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from opsdesk.cli.connection import open_register


def register(commands: argparse._SubParsersAction) -> None:
    """Add `report` to the `opsdesk` command."""
    report = commands.add_parser("report", help="write the quarter's management pack (PDF)")
    report.add_argument("--quarter", required=True, metavar="YYYY-QN", help="the fiscal quarter, e.g. 2026-Q3")
    report.add_argument("--pdf", metavar="FILE.pdf", help="write the management pack to this PDF file")
    report.add_argument(
        "--language", choices=("en", "zh_CN"),
        help="language of the pack (default: the register's language setting)",
    )  # fmt: skip
    report.add_argument(
        "--password-stdin", action="store_true",
        help="encrypt the PDF with a password read from the first line of standard input (AES-256)",
    )  # fmt: skip
    report.set_defaults(handler=cmd_report)


def cmd_report(args: argparse.Namespace) -> int:
    """Write what the options ask for; at least one output is needed."""
    if not args.pdf:
        print("opsdesk report: error: say what to write, e.g. --pdf pack.pdf", file=sys.stderr)
        return 2
    return _write_pdf(args)


def _print_progress(percent: int, message: str) -> None:
    if sys.stderr.isatty():
        print(f"\r{percent:3d}% {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def _write_pdf(args: argparse.Namespace) -> int:
    """`report --pdf FILE`: the management pack, encrypted with --password-stdin."""
    from opsdesk.cli.excel import _stored_language, read_password_stdin
    from opsdesk.reports.management_pack import write_management_pack

    out = Path(args.pdf).expanduser()
    password = read_password_stdin() if args.password_stdin else None
    database = open_register(args)
    try:
        summary = write_management_pack(
            database, args.quarter, out, language=args.language or _stored_language(database), password=password,
            user=database.user, progress=_print_progress,
        )  # fmt: skip
    finally:
        database.dispose()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print(f"Wrote the management pack for {summary.describe()}")
    for number, title in enumerate(summary.pages, 1):
        print(f"  {number}. {title}")
    return 0

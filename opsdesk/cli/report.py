"""The `report` subcommand: a quarter's figures as JSON, its management pack as a PDF, closing and reopening.

`opsdesk report --quarter 2026-Q3 --json` prints the figures the dashboard, the status bar
and the export's Summary show (domain/figures.py), as the register stood at the quarter's
end; for a closed quarter, the figures kept at closing. `--close` and `--reopen --reason`
close and reopen a quarter; `--list` shows the quarters and their state; `--pdf FILE` writes the
management pack. Only argparse wiring lives at module level.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from opsdesk.cli.connection import open_register
from opsdesk.domain.catalogue import text


def register(commands: argparse._SubParsersAction) -> None:
    """Add `report` to the `opsdesk` command."""
    report = commands.add_parser(
        "report",
        help="a quarter's figures as JSON; close or reopen a quarter",
        description="A quarter's figures as the register stood at its end, or closing and reopening it. "
        "A closed quarter's report (figures and every row) is kept: exporting it again gives the same "
        "workbook, with the line 'History up to entry #N, hash ...' that `opsdesk check --against` reads.",
    )
    report.add_argument("--quarter", metavar="YYYY-QN", help="the fiscal quarter, e.g. 2026-Q3")
    action = report.add_mutually_exclusive_group()
    action.add_argument(
        "--json", action="store_true", help="print the quarter's figures as JSON (the default)"
    )
    action.add_argument(
        "--close", action="store_true",
        help="close the quarter (it must have ended): keep its report and the audit trail's newest entry; "
        "on a server, administrators only",
    )  # fmt: skip
    action.add_argument("--reopen", action="store_true", help="reopen a closed quarter (needs --reason)")
    action.add_argument(
        "--list", action="store_true", help="list the recent quarters: open, closed or reopened"
    )
    report.add_argument(
        "--reason", metavar="TEXT", help="why the quarter is reopened (kept in the audit trail)"
    )
    report.add_argument(
        "--as-of", metavar="YYYY-MM-DD", type=_iso_date,
        help="the day the register is read on (default: today); a quarter that has ended is shown at its end",
    )  # fmt: skip
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


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.not_an_iso_date", value=value)) from None


def cmd_report(args: argparse.Namespace) -> int:
    from opsdesk.domain.errors import Problem, ValidationError

    if args.pdf:
        if not args.quarter:
            raise ValidationError(Problem("quarter", "cli.quarter_needed"))
        return _write_pdf(args)
    if not args.list and not args.quarter:
        raise ValidationError(Problem("quarter", "cli.quarter_needed"))
    today = args.as_of or date.today()
    database = open_register(args)
    try:
        if args.list:
            return _list(database, today)
        if args.close:
            return _close(database, args.quarter, today)
        if args.reopen:
            return _reopen(database, args.quarter, args.reason or "")
        return _print_json(database, args.quarter, today)
    finally:
        database.dispose()


def _print_json(database: object, quarter: str, today: date) -> int:
    from opsdesk.reports.excel_export import quarter_data, report_figures
    from opsdesk.services.quarters import kept_report

    with database.session() as session:  # type: ignore[attr-defined]
        kept = kept_report(session=session, quarter=quarter)
        if kept is not None:
            figures = dict(kept.figures)
            figures["closed"] = {
                "by": kept.closed_by, "at": kept.closed_at.isoformat(),
                "history_up_to_entry": kept.anchor_entry, "hash": kept.anchor_hash,
            }  # fmt: skip
        else:
            figures = report_figures(quarter_data(session, quarter, today=today))
            figures["closed"] = None
    json.dump(figures, sys.stdout, ensure_ascii=False, indent=2, sort_keys=False)
    print()
    return 0


def _close(database: object, quarter: str, today: date) -> int:
    from opsdesk.reports.excel_export import close_quarter

    # The write lock first: no entry can join the trail between the anchor and the closing.
    with database.write_session() as session:  # type: ignore[attr-defined]
        state = close_quarter(session, quarter, today=today, user=getattr(database, "user", None))
    print(
        text("cli.quarter_closed", quarter=state.quarter, first=state.first_day, last=state.last_day,
             entry=state.anchor_entry, hash=state.anchor_hash)
    )  # fmt: skip
    return 0


def _reopen(database: object, quarter: str, reason: str) -> int:
    from opsdesk.services.quarters import reopen_quarter

    with database.write_session() as session:  # type: ignore[attr-defined]
        state = reopen_quarter(session=session, quarter=quarter, reason=reason)
    print(text("cli.quarter_reopened", quarter=state.quarter, reason=state.reopen_reason))
    return 0


def _list(database: object, today: date) -> int:
    from opsdesk.services.quarters import list_quarters

    with database.session() as session:  # type: ignore[attr-defined]
        states = list_quarters(session=session, today=today)
    for state in states:
        line = (
            f"{state.quarter}  {state.first_day.isoformat()} to {state.last_day.isoformat()}  {state.state}"
        )
        if state.closed_at is not None and state.state != "open":
            line += f"  closed {state.closed_at:%Y-%m-%d} by {state.closed_by}"
        if state.state == "reopened":
            line += f"; reopened {state.reopened_at:%Y-%m-%d} by {state.reopened_by}: {state.reopen_reason}"
        print(line)
    return 0


def _write_pdf(args: argparse.Namespace) -> int:
    """`report --pdf FILE`: the management pack, encrypted with --password-stdin."""
    from opsdesk.cli.excel import _stored_language, print_progress, read_password_stdin
    from opsdesk.reports.management_pack import write_management_pack

    out = Path(args.pdf).expanduser()
    password = read_password_stdin() if args.password_stdin else None
    database = open_register(args)
    try:
        summary = write_management_pack(
            database, args.quarter, out, language=args.language or _stored_language(database), password=password,
            user=database.user, progress=print_progress,
        )  # fmt: skip
    finally:
        database.dispose()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print(
        text("cli.pack_written" + ("_encrypted" if summary.encrypted else ""), quarter=summary.quarter,
             first=summary.first_day, last=summary.last_day, path=str(summary.path), pages=len(summary.pages))
    )  # fmt: skip
    for number, title in enumerate(summary.pages, 1):
        print(f"  {number}. {title}")
    return 0

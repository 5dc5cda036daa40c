"""The `export` and `import` subcommands: the quarterly Excel report and workbook imports.

Only argparse wiring lives at module level; openpyxl and the services load when a
command runs, so `opsdesk` starts as fast with these commands as without them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from opsdesk.cli.connection import open_register
from opsdesk.domain.catalogue import text

EXPORT_PARTS_HELP = "summary, register, methodology, heatmap, kris, alerts, actions, objectives, nonconformities, meetings, suggestions"


def register(commands: argparse._SubParsersAction) -> None:
    """Add `export` and `import` to the `opsdesk` command."""
    export = commands.add_parser("export", help="write the quarterly Excel report")
    export.add_argument(
        "--quarter", required=True, metavar="YYYY-QN", help="the fiscal quarter, e.g. 2026-Q3"
    )
    export.add_argument("--out", required=True, metavar="FILE.xlsx", help="the workbook to write")
    export.add_argument(
        "--include",
        action="append",
        metavar="PARTS",
        help=f"comma-separated parts to write (default: all): {EXPORT_PARTS_HELP}",
    )
    export.add_argument(
        "--language", choices=("en", "zh_CN"),
        help="language of the headers and sheet names (default: the register's language setting)",
    )  # fmt: skip
    export.add_argument(
        "--password-stdin", action="store_true",
        help="protect the workbook with a password read from the first line of standard input",
    )  # fmt: skip
    export.set_defaults(handler=cmd_export)

    importer = commands.add_parser(
        "import", help="import risks, KRI readings or measurements from an .xlsx file"
    )
    importer.add_argument("file", metavar="FILE", help="the workbook (.xlsx)")
    importer.add_argument(
        "--kind", choices=("risks", "readings", "measurements"), default="risks", help="what the sheet holds"
    )
    importer.add_argument(
        "--sheet", metavar="S", help="the sheet to read (default: the one that looks most like it)"
    )
    importer.add_argument(
        "--header-row", type=int, metavar="N", help="the row of the column headers (default: found)"
    )
    importer.add_argument(
        "--mapping",
        metavar="mapping.json",
        help='column -> field overrides, e.g. {"Likelihood (1-5)": "inherent_likelihood", "K": null}',
    )
    importer.add_argument(
        "--dry-run", action="store_true", help="check and show what would change, write nothing"
    )
    importer.add_argument(
        "--password-stdin", action="store_true",
        help="the password of a protected workbook, read from the first line of standard input "
        "(default: asked on a terminal)",
    )  # fmt: skip
    importer.add_argument("--department", metavar="NAME", help="department of new risks whose row has none")
    importer.add_argument("--category", metavar="NAME", help="category of new risks whose row has none")
    importer.add_argument(
        "--identified-on",
        metavar="YYYY-MM-DD",
        type=_iso_date,
        help="identification date of new risks without one",
    )
    importer.set_defaults(handler=cmd_import)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(text("cli.not_an_iso_date", value=value)) from None


def _parts(values: list[str] | None) -> set[str] | None:
    if not values:
        return None
    return {part.strip() for value in values for part in value.split(",") if part.strip()}


def print_progress(percent: int, message: str) -> None:
    # Only on a terminal: logs and pipes get the summary lines alone.
    if sys.stderr.isatty():
        print(f"\r{percent:3d}% {message[:60]:<60}", end="", file=sys.stderr, flush=True)


def cmd_export(args: argparse.Namespace) -> int:
    from opsdesk.reports.excel_export import export_quarter

    out = Path(args.out).expanduser()
    password = read_password_stdin() if args.password_stdin else None
    database = open_register(args)
    try:
        summary = export_quarter(
            database, args.quarter, out, include=_parts(args.include), progress=print_progress,
            user=database.user, language=args.language or _stored_language(database), password=password,
        )  # fmt: skip
    finally:
        database.dispose()
        if sys.stderr.isatty():
            print(file=sys.stderr)
    print(text("cli.exported", quarter=summary.quarter, first=summary.first_day, last=summary.last_day,
               path=summary.path))  # fmt: skip
    for sheet in summary.sheets:
        count = summary.rows.get(sheet)
        print("  " + (sheet if count is None else text("cli.sheet_rows", sheet=sheet, count=count)))
    return 0


def read_password_stdin() -> str:
    """The password on the first line of standard input (without its line end)."""
    from opsdesk.domain.errors import OpsDeskError

    password = sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise OpsDeskError("workbook.password_empty")
    return password


def _import_password(args: argparse.Namespace, path: Path) -> str | None:
    """The password of a protected workbook: from standard input, else asked on a terminal; None if unprotected."""
    from opsdesk.domain.errors import OpsDeskError
    from opsdesk.reports.excel_source import is_password_protected

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise OpsDeskError("workbook.password_needed", name=path.name)
        return password
    if not is_password_protected(path):
        return None
    if not (sys.stdin is not None and sys.stdin.isatty()):
        raise OpsDeskError("workbook.password_stdin", name=path.name)
    import getpass

    password = getpass.getpass(text("import.password_prompt", name=path.name))
    if not password:
        raise OpsDeskError("workbook.password_needed", name=path.name)
    return password


def _stored_language(database: object) -> str:
    """The register's language setting ("system" follows the environment's locale)."""
    from opsdesk.reports.excel_text import resolve_language
    from opsdesk.services.settings import get_language

    with database.session() as session:  # type: ignore[attr-defined]
        return resolve_language(get_language(session=session))


def _dry_run_scratch(args: argparse.Namespace):
    """A throwaway folder for a dry run against a database file that does not exist yet.

    A dry run must create no file: the new register is built and checked in this folder
    instead, and the folder is removed afterwards. None when no such stand-in is needed.
    """
    if not args.dry_run:
        return None
    import tempfile

    from opsdesk.cli.connection import database_arg
    from opsdesk.store.database import database_url, sqlite_path

    path = sqlite_path(database_url(database_arg(args)))
    if path is None or path.exists():
        return None
    return tempfile.TemporaryDirectory(prefix="opsdesk-dry-run-")


def cmd_import(args: argparse.Namespace) -> int:
    from opsdesk.reports.excel_import import (
        ImportDefaults,
        ImportRefusedError,
        apply_import,
        guess_source_mapping,
        load_mapping_file,
        preview_import,
        read_workbook,
    )

    path = Path(args.file).expanduser()
    password = _import_password(args, path)
    source = read_workbook(
        path, sheet=args.sheet, header_row=args.header_row, kind=args.kind, password=password
    )
    print(text("cli.import_reading", name=source.path.name, sheet=source.sheet, header=source.header_row,
               count=len(source.rows)))  # fmt: skip
    scratch = _dry_run_scratch(args)
    work_args = (
        args if scratch is None else argparse.Namespace(**{**vars(args), "db": f"{scratch.name}/dry-run.db"})
    )
    database = open_register(work_args)
    try:
        with database.session() as session:
            mapping = guess_source_mapping(session, source)
            if args.mapping:
                mapping = load_mapping_file(args.mapping, source, mapping)
            defaults = ImportDefaults(
                department=args.department, category=args.category, identified_on=args.identified_on
            )
            preview = preview_import(session=session, source=source, mapping=mapping, defaults=defaults)
            _print_preview(preview)
            if not preview.ok:
                for problem in preview.problems:
                    print(cell_problem_line(problem), file=sys.stderr)
                raise ImportRefusedError(preview.problems)
            if args.dry_run:
                print(text("cli.dry_run"))
                return 0
            try:
                result = apply_import(session=session, preview=preview)
            except ImportRefusedError as exc:
                for problem in exc.problems:
                    print(cell_problem_line(problem), file=sys.stderr)
                raise
    finally:
        database.dispose()
        if scratch is not None:
            scratch.cleanup()
    print(text("cli.imported", what=_result_counts(result)))
    if result.references:
        print(text("cli.references"))
        for reference, code in result.references:
            print(f"  {reference} -> {code}")
    elif result.codes:
        shown = ", ".join(result.codes[:10]) + (" ..." if len(result.codes) > 10 else "")
        print(text("cli.new_risks", codes=shown))
    return 0


def cell_problem_line(problem: object) -> str:
    """ "Row 3, column C (Likelihood): ..." in the language of the moment (the problem's own str())."""
    return str(problem)


def _preview_counts(preview: object) -> str:
    return preview.describe()  # type: ignore[attr-defined]


def _result_counts(result: object) -> str:
    return result.describe()  # type: ignore[attr-defined]


def _print_preview(preview: object) -> None:
    from opsdesk.domain.catalogue import message
    from opsdesk.reports.excel_import import UPDATE, ImportPreview

    assert isinstance(preview, ImportPreview)
    source = preview.source
    print(text("cli.columns"))
    for (letter, header_text, field), index in zip(
        preview.mapped_columns(), sorted(preview.mapping), strict=True
    ):
        reason = _reason_text(preview.reason(index))
        print(f"  {letter:<3} {header_text} -> {field}" + (f"  ({reason})" if reason else ""))
    if preview.ignored:
        print(text("cli.ignored_columns"))
        for index, reason in sorted(preview.ignored.items()):
            print(f"  {source.letter(index):<3} {source.header_of(index)} ({reason})")
    for note in preview.notes:
        print(text("cli.note", note=note))
    for first, last, reason in _skipped_runs(preview.skipped):
        if first == last:
            print(message("import.skipped", {"row": first, "reason": reason}))
        else:
            print(message("import.skipped_rows", {"first": first, "last": last, "reason": reason}))
    shown = 0
    for row in preview.rows:
        if row.action == UPDATE:
            print("  " + text("cli.row_update", row=row.row, code=row.key, changes=list(row.changes)))
        if row.cells and (shown < PREVIEW_ROWS or row.problems):
            shown += 1
            print(text("cli.preview_row", row=row.row, action=text(f"cli.action_{row.action}")))
            for cell in row.cells:
                print(f"    {cell.column:<3} {cell.header}: {cell.source!r} -> {cell.stored or '-'}")
    print(_preview_counts(preview))


PREVIEW_ROWS = 3


def _skipped_runs(skipped: Sequence[Any]) -> list[tuple[int, int, str]]:
    """Consecutive skipped rows with the same reason as (first, last, reason): 44 rows of template
    formulas under a register are one line, not 44."""
    runs: list[tuple[int, int, str]] = []
    for row in skipped:
        if runs and runs[-1][2] == row.reason and runs[-1][1] == row.row - 1:
            runs[-1] = (runs[-1][0], row.row, row.reason)
        else:
            runs.append((row.row, row.row, row.reason))
    return runs


def _reason_text(code: str) -> str:
    from opsdesk.domain.catalogue import message

    return message(f"import.guess.{code}") if code else ""

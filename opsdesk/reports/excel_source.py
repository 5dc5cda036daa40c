"""Reading a workbook to import: safety checks, then the sheet, the header row and the rows.

The file is checked before openpyxl sees it (size, a real .xlsx zip, not a zip bomb), read
in read-only mode with the values Excel cached for formulas, and cut at the last row that
holds anything, however many formatted empty rows follow.
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from opsdesk.domain.errors import ValidationError
from opsdesk.reports.excel_mapping import KINDS, header_score
from opsdesk.reports.excel_values import is_blank

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
HEADER_SEARCH_ROWS = 20
# A register never has this many empty rows between two of its rows; past it, stop reading.
MAX_EMPTY_RUN = 10_000
MIN_HEADER_SCORE = 2


class WorkbookUnreadableError(ValidationError):
    """The file cannot be imported at all (not a workbook, damaged, too big); nothing was read."""

    def __init__(self, message: str) -> None:
        super().__init__({"file": message})

    def summary(self) -> str:
        return self.errors["file"]


@dataclass(frozen=True, slots=True)
class SourceRow:
    """One non-empty row below the header: its number in Excel and its cell values."""

    number: int
    values: tuple[object, ...]


@dataclass(frozen=True, slots=True)
class ImportSource:
    """The rows of one sheet under its header row, as read from the workbook."""

    path: Path
    kind: str
    sheet: str
    sheet_names: tuple[str, ...]
    header_row: int
    headers: tuple[str, ...]
    rows: tuple[SourceRow, ...]
    notes: tuple[str, ...] = ()

    def letter(self, index: int) -> str:
        """The Excel column letter of a 0-based column index."""
        return column_letter(index)

    def header_of(self, index: int) -> str:
        return self.headers[index] if 0 <= index < len(self.headers) else ""

    def column_values(self, index: int) -> list[object]:
        return [row.values[index] for row in self.rows if index < len(row.values)]


def column_letter(index: int) -> str:
    """"A" for 0, "Z" for 25, "AA" for 26... ("" for a negative index, which no column has)."""
    if index < 0:
        return ""  # divmod of a negative number never reaches 0: the loop below would not end
    letters = ""
    number = index + 1
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _looks_like_text(head: bytes) -> bool:
    try:
        sample = head.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return all(ch.isprintable() or ch in "\r\n\t" for ch in sample)


def check_workbook_file(path: Path) -> None:
    """Refuse, with one clear message, anything that is not a sane .xlsx workbook."""
    name = path.name
    if not path.exists():
        raise WorkbookUnreadableError(f"{name} does not exist.")
    if not path.is_file():
        raise WorkbookUnreadableError(f"{name} is not a file.")
    size = path.stat().st_size
    if size == 0:
        raise WorkbookUnreadableError(f"{name} is empty.")
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadableError(
            f"{name} is {size / 1024 / 1024:.0f} MB; OpsDesk imports workbooks of up to "
            f"{MAX_FILE_BYTES // 1024 // 1024} MB. Split it or remove pictures and other sheets."
        )
    with path.open("rb") as handle:
        head = handle.read(512)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise WorkbookUnreadableError(
            f"{name} is an old Excel 97-2003 workbook (.xls) or is protected by a password: open it in Excel "
            "and save it as an Excel workbook (.xlsx) without a password."
        )
    if not head.startswith(b"PK"):
        if _looks_like_text(head):
            raise WorkbookUnreadableError(
                f"{name} is not an Excel workbook: it is a text or CSV file with an .xlsx name. Open it in "
                "Excel and save it as an Excel workbook (.xlsx)."
            )
        raise WorkbookUnreadableError(f"{name} is not an Excel workbook (.xlsx).")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError):
        raise WorkbookUnreadableError(
            f"{name} is damaged or incomplete (the file ends too early, as when a download or copy is "
            "interrupted). Save or copy it again."
        ) from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names and not any(n.startswith("xl/worksheets/") for n in names):
        raise WorkbookUnreadableError(f"{name} is a zip archive but not an Excel workbook (.xlsx).")
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookUnreadableError(
            f"{name} would unpack to {unpacked / 1024 / 1024:.0f} MB, far more than a register needs "
            f"(at most {MAX_UNPACKED_BYTES // 1024 // 1024} MB); it was not opened."
        )


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def _cell_value(cell: Any) -> object:
    value = cell.value
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        # A number shown as a percentage is the percentage a reader sees (0.076 shows as 7.6%).
        if "%" in (cell.number_format or ""):
            return round(value * 100, 10)
    return value


def _open(path: Path) -> tuple[Any, Any]:
    """The read-only workbook and the file it reads from (close both)."""
    from openpyxl import load_workbook

    # Our own handle: openpyxl leaves its zip open when a part fails to parse, which keeps
    # the file locked on Windows until the garbage collector happens to run.
    handle = path.open("rb")
    try:
        return load_workbook(handle, read_only=True, data_only=True, keep_links=False), handle
    except Exception as exc:  # openpyxl raises many kinds of errors on broken parts
        handle.close()
        raise WorkbookUnreadableError(
            f"{path.name} could not be read as an Excel workbook ({type(exc).__name__}: {exc})."
        ) from None


def _head_rows(sheet: Any, limit: int) -> list[list[object]]:
    rows: list[list[object]] = []
    for values in sheet.iter_rows(min_row=1, max_row=limit, values_only=True):
        rows.append(list(values))
    return rows


def _best_header(rows: Sequence[Sequence[object]], kind: str) -> tuple[int, int]:
    """(score, 1-based row) of the most header-like row; the first one wins ties."""
    best = (0, 1)
    for number, values in enumerate(rows, start=1):
        score = header_score(values, kind)
        if score > best[0]:
            best = (score, number)
    return best


def read_workbook(
    path: Path | str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    kind: str = "risks",
    progress: Callable[[int, str], None] | None = None,
) -> ImportSource:
    """Read the rows to import, finding the sheet and its header row unless they are given."""
    if kind not in KINDS:
        raise ValidationError({"kind": f"Import risks, readings or measurements (got {kind!r})."})
    path = Path(path)
    check_workbook_file(path)
    if header_row is not None and (isinstance(header_row, bool) or header_row < 1):
        raise ValidationError({"header_row": "The header row is a row number, 1 or more."})
    if progress:
        progress(0, f"Opening {path.name}")
    workbook, handle = _open(path)
    try:
        sheets = [ws for ws in workbook.worksheets if hasattr(ws, "iter_rows")]
        names = tuple(ws.title for ws in sheets)
        if not sheets:
            raise WorkbookUnreadableError(f"{path.name} has no worksheet.")
        for ws in sheets:
            # Some programs write a wrong or no size; read what is really there.
            ws.reset_dimensions()
        try:
            chosen, score, found_row = _choose_sheet(path, sheets, sheet, kind)
            if header_row is None:
                if score < MIN_HEADER_SCORE:
                    raise ValidationError({"header_row": (
                        f"No header row found in the first {HEADER_SEARCH_ROWS} rows of sheet '{chosen.title}' "
                        f"of {path.name}: name the columns (Title, Likelihood, Impact...) or give the header row.")})
                header_row = found_row
            if progress:
                progress(10, f"Reading sheet {chosen.title}")
            headers, rows, notes = _read_rows(chosen, header_row, progress)
        except ValidationError:
            raise
        except Exception as exc:  # a damaged sheet fails only when its rows are parsed
            raise WorkbookUnreadableError(
                f"{path.name} could not be read as an Excel workbook ({type(exc).__name__}: {exc})."
            ) from None
    finally:
        workbook.close()
        handle.close()
    return ImportSource(
        path=path, kind=kind, sheet=chosen.title, sheet_names=names, header_row=header_row,
        headers=headers, rows=tuple(rows), notes=tuple(notes),
    )  # fmt: skip


def _choose_sheet(path: Path, sheets: Sequence[Any], wanted: str | None, kind: str) -> tuple[Any, int, int]:
    if wanted is not None:
        for match in (lambda ws: ws.title == wanted, lambda ws: ws.title.casefold() == wanted.strip().casefold()):
            found = [ws for ws in sheets if match(ws)]
            if found:
                score, row = _best_header(_head_rows(found[0], HEADER_SEARCH_ROWS), kind)
                return found[0], score, row
        listed = ", ".join(f"'{ws.title}'" for ws in sheets)
        raise ValidationError({"sheet": f"{path.name} has no sheet named '{wanted}' (its sheets: {listed})."})
    best: tuple[Any, int, int] | None = None
    for ws in sheets:
        score, row = _best_header(_head_rows(ws, HEADER_SEARCH_ROWS), kind)
        if best is None or score > best[1]:
            best = (ws, score, row)
    assert best is not None
    return best


def _read_rows(sheet: Any, header_row: int, progress: Callable[[int, str], None] | None) -> tuple[
        tuple[str, ...], list[SourceRow], list[str]]:
    headers: list[str] = []
    rows: list[SourceRow] = []
    notes: list[str] = []
    empty_run = 0
    for number, cells in enumerate(sheet.iter_rows(min_row=header_row), start=header_row):
        if number == header_row:
            headers = [_header_text(cell.value) for cell in cells]
            while headers and not headers[-1]:
                headers.pop()
            continue
        values = tuple(_cell_value(cell) for cell in cells)
        if all(is_blank(value) for value in values):
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                notes.append(f"Reading stopped at row {number}: {MAX_EMPTY_RUN} empty rows in a row.")
                break
            continue
        empty_run = 0
        rows.append(SourceRow(number, values))
        if progress and len(rows) % 1000 == 0:
            progress(10 + min(80, len(rows) // 1000), f"Read {len(rows)} rows")
    width = max([len(headers)] + [len(row.values) for row in rows]) if rows or headers else 0
    padded = [
        SourceRow(row.number, row.values + (None,) * (width - len(row.values))) if len(row.values) < width else row
        for row in rows
    ]
    return tuple(headers) + ("",) * (width - len(headers)), padded, notes

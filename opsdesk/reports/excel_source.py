"""Reading a workbook to import: safety checks, then the sheet, the header row and the rows.

The file is checked before any reader sees it (size, a real .xlsx zip, not a zip bomb). A
workbook protected by a password is decrypted in memory, never on disk. Each sheet's XML is
scanned for the cells that hold something, so a sheet whose rows are padded out to column XFD
is refused in one sentence instead of filling the memory; then python-calamine reads the values
Excel cached for formulas. Each row stops at its last used cell, and reading stops at the last
row that holds anything, however many formatted empty rows follow.

Supported: .xlsx and .xlsm (Excel 2007 and later), also when protected by a password. Old
.xls and OpenDocument .ods files are refused with a sentence saying how to save them as .xlsx.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from opsdesk.domain.catalogue import message
from opsdesk.domain.errors import OpsDeskError, Problem, ValidationError
from opsdesk.reports.excel_mapping import KINDS, header_score
from opsdesk.reports.excel_values import is_blank

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 500 * 1024 * 1024
# Rows x columns of one sheet, counted to its last used row and column: a register of 20,000
# rows and 100 columns fits; a sheet padded out to column XFD (16,384 columns) does not.
MAX_CELLS = 2_000_000
HEADER_SEARCH_ROWS = 20
# A register never has this many empty rows between two of its rows; past it, stop reading.
MAX_EMPTY_RUN = 10_000
MIN_HEADER_SCORE = 2
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0"


class WorkbookUnreadableError(ValidationError):
    """The file cannot be imported at all (not a workbook, damaged, too big); nothing was read."""

    def __init__(self, message: str, /, **params: Any) -> None:
        # A catalogue code with its parameters, or a sentence written before the catalogue.
        super().__init__(Problem("file", message, params))

    def summary(self) -> str:
        return self.errors["file"]


class WorkbookPasswordError(WorkbookUnreadableError):
    """The workbook is protected by a password, and none or a wrong one was given; nothing was read."""

    def __init__(self, code: str, /, *, name: str) -> None:
        super().__init__(code, name=name)
        self.wrong_password = code == "workbook.wrong_password"


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
    """ "A" for 0, "Z" for 25, "AA" for 26... ("" for a negative index, which no column has)."""
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


def _check_path(path: Path) -> bytes:
    """The first bytes of a file that exists and has a sane size."""
    name = path.name
    if not path.exists():
        raise WorkbookUnreadableError("import.file.missing", name=name)
    if not path.is_file():
        raise WorkbookUnreadableError("import.file.not_a_file", name=name)
    size = path.stat().st_size
    if size == 0:
        raise WorkbookUnreadableError("import.file.empty", name=name)
    if size > MAX_FILE_BYTES:
        raise WorkbookUnreadableError(
            "import.file.too_big",
            name=name,
            size=f"{size / 1024 / 1024:.0f}",
            limit=MAX_FILE_BYTES // 1024 // 1024,
        )
    with path.open("rb") as handle:
        return handle.read(512)


def _old_excel(name: str) -> WorkbookUnreadableError:
    return WorkbookUnreadableError("import.file.old_excel", name=name)


def _check_zip(name: str, source: Path | IO[bytes]) -> None:
    """Refuse a zip that is damaged, not a workbook, or a zip bomb."""
    try:
        with zipfile.ZipFile(source) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError):
        raise WorkbookUnreadableError("import.file.damaged", name=name) from None
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names and not any(n.startswith("xl/worksheets/") for n in names):
        if "content.xml" in names:
            raise WorkbookUnreadableError("import.file.ods", name=name)
        raise WorkbookUnreadableError("import.file.zip", name=name)
    unpacked = sum(entry.file_size for entry in entries)
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookUnreadableError(
            "import.file.zip_bomb",
            name=name,
            size=f"{unpacked / 1024 / 1024:.0f}",
            limit=MAX_UNPACKED_BYTES // 1024 // 1024,
        )


def check_workbook_file(path: Path) -> None:
    """Refuse, with one clear message, anything that is not a sane .xlsx workbook.

    A workbook protected by a password is refused with WorkbookPasswordError: `read_workbook`
    with its password reads it.
    """
    head = _check_path(path)
    if head.startswith(OLE_SIGNATURE):
        from opsdesk.reports.workbook_password import is_encrypted_xlsx

        if is_encrypted_xlsx(path.read_bytes()):
            raise WorkbookPasswordError("workbook.password_needed", name=path.name)
        raise _old_excel(path.name)
    _check_not_text(path.name, head)
    _check_zip(path.name, path)


def _check_not_text(name: str, head: bytes) -> None:
    if not head.startswith(b"PK"):
        if _looks_like_text(head):
            raise WorkbookUnreadableError("import.file.text", name=name)
        raise WorkbookUnreadableError("import.file.not_xlsx", name=name)


def is_password_protected(path: Path | str) -> bool:
    """Whether the file is a workbook protected by a password (an encrypted .xlsx)."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            if handle.read(4) != OLE_SIGNATURE or path.stat().st_size > MAX_FILE_BYTES:
                return False
    except OSError:
        return False
    from opsdesk.reports.workbook_password import is_encrypted_xlsx

    return is_encrypted_xlsx(path.read_bytes())


def _workbook_source(path: Path, password: str | None) -> Path | io.BytesIO:
    """The checked workbook to read: the file itself, or its decrypted bytes in memory."""
    head = _check_path(path)
    if not head.startswith(OLE_SIGNATURE):
        _check_not_text(path.name, head)
        _check_zip(path.name, path)
        return path
    from opsdesk.reports.workbook_password import decrypt_workbook, is_encrypted_xlsx

    data = path.read_bytes()
    if not is_encrypted_xlsx(data):
        raise _old_excel(path.name)
    if password is None:
        raise WorkbookPasswordError("workbook.password_needed", name=path.name)
    try:
        plain = io.BytesIO(decrypt_workbook(data, password))
    except OpsDeskError:
        raise WorkbookPasswordError("workbook.wrong_password", name=path.name) from None
    except Exception as exc:  # a damaged encrypted container fails in many ways
        raise WorkbookUnreadableError(
            "import.file.unreadable", name=path.name, reason=f"{type(exc).__name__}: {exc}"
        ) from None
    _check_not_text(path.name, plain.getvalue()[:512])
    _check_zip(path.name, plain)
    return plain


def _header_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def _cell_value(value: object) -> object:
    """A calamine value as the importer takes it: None for empty, whole numbers as int, dates as datetime."""
    if value == "":
        return None
    if type(value) is float:
        return int(value) if value.is_integer() and abs(value) < 2**53 else value
    if type(value) is date:
        return datetime(value.year, value.month, value.day)
    return value


# ---------------------------------------------------------------------------------------------
# The workbook's parts: which XML part is which sheet, and which cell styles show a percentage.

_LOCAL = re.compile(r"^\{[^}]*\}")
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _local(tag: str) -> str:
    return _LOCAL.sub("", tag)


def _xml(archive: zipfile.ZipFile, part: str) -> Any | None:
    from defusedxml.ElementTree import fromstring

    try:
        return fromstring(archive.read(part))
    except KeyError:
        return None


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip path of its XML part."""
    workbook = _xml(archive, "xl/workbook.xml")
    relations = _xml(archive, "xl/_rels/workbook.xml.rels")
    if workbook is None or relations is None:
        return {}
    targets = {
        element.get("Id"): element.get("Target", "")
        for element in relations.iter()
        if _local(element.tag) == "Relationship"
    }
    parts: dict[str, str] = {}
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        target = targets.get(element.get(_RELATIONSHIP_ID), "")
        if target:
            part = (
                target.lstrip("/")
                if target.startswith("/")
                else posixpath.normpath(posixpath.join("xl", target))
            )
            parts[element.get("name", "")] = part
    return parts


_PERCENT_FORMATS = {9, 10}  # Excel's built-in "0%" and "0.00%"


def _shows_percent(code: str) -> bool:
    # A % sign counts outside quoted text and escaped characters ("0.0%", not "0.0\%" or "0\"%\"").
    code = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]', "", code)
    return "%" in code


def _percent_styles(archive: zipfile.ZipFile) -> frozenset[int]:
    """The cell style numbers whose number format shows a percentage."""
    styles = _xml(archive, "xl/styles.xml")
    if styles is None:
        return frozenset()
    percent = set(_PERCENT_FORMATS)
    cell_formats = None
    for element in styles:
        name = _local(element.tag)
        if name == "numFmts":
            for number_format in element:
                if _shows_percent(number_format.get("formatCode", "")):
                    percent.add(int(number_format.get("numFmtId", "-1")))
        elif name == "cellXfs":
            cell_formats = element
    if cell_formats is None:
        return frozenset()
    found = set()
    for index, xf in enumerate(x for x in cell_formats if _local(x.tag) == "xf"):
        try:
            if int(xf.get("numFmtId", "0")) in percent:
                found.add(index)
        except ValueError:
            continue
    return frozenset(found)


# ---------------------------------------------------------------------------------------------
# The scan of a sheet's XML: how far its used cells reach, before anything is loaded.

_TAG = re.compile(rb"<(?:[A-Za-z_][\w.\-]*:)?(row|c)((?:\s[^>]*?)?)(/?)>")
_REFERENCE = re.compile(rb'(?:^|\s)r="([A-Za-z]*)(\d*)"')
_STYLE = re.compile(rb'(?:^|\s)s="(\d+)"')
_EMPTY_BODIES = (b"</", b"<v></v></", b"<v/></")
_CHUNK = 4 * 1024 * 1024


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + letter - 64
    return number - 1


@dataclass(frozen=True, slots=True)
class _SheetScan:
    rows: int  # up to the last row with a used cell
    columns: int  # up to the last column with a used cell
    percent_cells: tuple[tuple[int, int], ...]  # 0-based (row, column) of cells shown as a percentage

    @property
    def cells(self) -> int:
        return self.rows * self.columns


def _scan_sheet(archive: zipfile.ZipFile, part: str, percent_styles: frozenset[int]) -> _SheetScan:
    """How many rows and columns the sheet's used cells span (a cell with only a style is not used)."""
    last_row = last_column = -1
    row = -1
    column = -1
    percent_cells: list[tuple[int, int]] = []
    tail = b""
    with archive.open(part) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            if stream.tell() <= _CHUNK and (b"<!DOCTYPE" in chunk[:4096] or b"<!ENTITY" in chunk[:4096]):
                raise ValueError(f"{part} declares XML entities, which a worksheet never needs")
            data = tail + chunk
            if chunk:
                cut = data.rfind(b"<")  # a tag cut by the chunk's end is scanned with the next chunk
                data, tail = data[:cut], data[cut:]
            for match in _TAG.finditer(data):
                name, attributes, closed = match.groups()
                reference = _REFERENCE.search(attributes) if b"r=" in attributes else None
                if name == b"row":
                    row = int(reference.group(2)) - 1 if reference and reference.group(2) else row + 1
                    column = -1
                    continue
                if reference:
                    if reference.group(2):
                        row = int(reference.group(2)) - 1
                    column = _column_number(reference.group(1)) if reference.group(1) else column + 1
                else:
                    column += 1
                if closed:
                    continue
                end = match.end()
                if any(data.startswith(body, end) for body in _EMPTY_BODIES):
                    continue  # <c r="Z9"></c> or an empty value: calamine skips it too
                if row > last_row:
                    last_row = row
                if column > last_column:
                    last_column = column
                if percent_styles and b"s=" in attributes:
                    style = _STYLE.search(attributes)
                    if style and int(style.group(1)) in percent_styles:
                        percent_cells.append((row, column))
            if not chunk:
                break
    return _SheetScan(last_row + 1, last_column + 1, tuple(percent_cells))


# ---------------------------------------------------------------------------------------------


class _Workbook:
    """The sheets of a workbook, each scanned before it is loaded, loaded once."""

    def __init__(self, path: Path, source: Path | io.BytesIO) -> None:
        from python_calamine import CalamineWorkbook, SheetTypeEnum

        self.path = path
        self._archive = zipfile.ZipFile(source)
        try:
            # Calamine never reads the content types; a part with entity tricks is refused all the same.
            _xml(self._archive, "[Content_Types].xml")
            self._parts = _sheet_parts(self._archive)
            self._percent = _percent_styles(self._archive)
            if isinstance(source, io.BytesIO):
                source.seek(0)
                self._book = CalamineWorkbook.from_filelike(source)
            else:
                self._book = CalamineWorkbook.from_path(str(source))
        except Exception:
            self._archive.close()
            raise
        self.names = tuple(
            sheet.name for sheet in self._book.sheets_metadata if sheet.typ == SheetTypeEnum.WorkSheet
        )
        self._rows: dict[str, list[list[object]]] = {}

    def close(self) -> None:
        self._book.close()
        self._archive.close()

    def rows(self, name: str) -> list[list[object]]:
        """Every row of the sheet from row 1 and column A, the values as calamine gives them."""
        if name in self._rows:
            return self._rows[name]
        part = self._parts.get(name)
        scan = _scan_sheet(self._archive, part, self._percent) if part else None
        if scan is not None and scan.cells > MAX_CELLS:
            raise WorkbookUnreadableError(
                "workbook.too_many_cells", name=self.path.name, sheet=name, column=column_letter(scan.columns - 1),
                row=f"{scan.rows:,}", cells=f"{scan.cells:,}", limit=f"{MAX_CELLS:,}",
            )  # fmt: skip
        rows = self._book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for row, column in scan.percent_cells if scan else ():
            # A number shown as a percentage is the percentage a reader sees (0.076 shows as 7.6%).
            if row < len(rows) and column < len(rows[row]):
                value = rows[row][column]
                if isinstance(value, int | float) and not isinstance(value, bool):
                    rows[row][column] = round(value * 100, 10)
        self._rows = {name: rows}  # one sheet at a time in memory
        return rows


def _best_header(rows: Sequence[Sequence[object]], kind: str) -> tuple[int, int]:
    """(score, 1-based row) of the most header-like row; the first one wins ties."""
    best = (0, 1)
    for number, values in enumerate(rows, start=1):
        score = header_score([_cell_value(value) for value in values], kind)
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
    password: str | None = None,
) -> ImportSource:
    """Read the rows to import, finding the sheet and its header row unless they are given.

    A workbook protected by a password needs `password` (WorkbookPasswordError without it or
    with a wrong one); it is decrypted in memory and never written to disk.
    """
    if kind not in KINDS:
        raise ValidationError(Problem("kind", "import.kind", {"kind": repr(kind)}))
    path = Path(path)
    if header_row is not None and (isinstance(header_row, bool) or header_row < 1):
        check_workbook_file(path)
        raise ValidationError({"header_row": "import.file.header_row"})
    source = _workbook_source(path, password)
    if progress:
        progress(0, message("import.progress.opening", {"name": path.name}))
    try:
        workbook = _Workbook(path, source)
    except ValidationError:
        raise
    except Exception as exc:  # calamine and the zip raise many kinds of errors on broken parts
        raise WorkbookUnreadableError(
            "import.file.unreadable", name=path.name, reason=f"{type(exc).__name__}: {exc}"
        ) from None
    try:
        if not workbook.names:
            raise WorkbookUnreadableError("import.file.no_sheet", name=path.name)
        try:
            chosen, score, found_row = _choose_sheet(path, workbook, sheet, kind)
            if header_row is None:
                if score < MIN_HEADER_SCORE:
                    raise ValidationError(
                        Problem(
                            "header_row",
                            "import.file.no_header",
                            {"rows": HEADER_SEARCH_ROWS, "sheet": chosen, "name": path.name},
                        )
                    )
                header_row = found_row
            if progress:
                progress(10, message("import.progress.sheet", {"sheet": chosen}))
            headers, rows, notes = _read_rows(workbook.rows(chosen), header_row, progress)
        except ValidationError:
            raise
        except Exception as exc:  # a damaged sheet fails only when its rows are parsed
            raise WorkbookUnreadableError(
                "import.file.unreadable", name=path.name, reason=f"{type(exc).__name__}: {exc}"
            ) from None
    finally:
        workbook.close()
    return ImportSource(
        path=path, kind=kind, sheet=chosen, sheet_names=workbook.names, header_row=header_row,
        headers=headers, rows=tuple(rows), notes=tuple(notes),
    )  # fmt: skip


def _choose_sheet(path: Path, workbook: _Workbook, wanted: str | None, kind: str) -> tuple[str, int, int]:
    sheets = workbook.names
    if wanted is not None:
        for match in (
            lambda title: title == wanted,
            lambda title: title.casefold() == wanted.strip().casefold(),
        ):
            found = [title for title in sheets if match(title)]
            if found:
                score, row = _best_header(workbook.rows(found[0])[:HEADER_SEARCH_ROWS], kind)
                return found[0], score, row
        listed = [f"'{title}'" for title in sheets]
        raise ValidationError(
            Problem(
                "sheet", "import.file.no_such_sheet", {"name": path.name, "wanted": wanted, "sheets": listed}
            )
        )
    best: tuple[str, int, int] | None = None
    for title in sheets:
        score, row = _best_header(workbook.rows(title)[:HEADER_SEARCH_ROWS], kind)
        if best is None or score > best[1]:
            best = (title, score, row)
    assert best is not None
    return best


def _read_rows(sheet_rows: Sequence[Sequence[object]], header_row: int,
               progress: Callable[[int, str], None] | None) -> tuple[tuple[str, ...], list[SourceRow], list[str]]:  # fmt: skip
    headers: list[str] = []
    rows: list[SourceRow] = []
    notes: list[str] = []
    empty_run = 0
    if header_row <= len(sheet_rows):
        headers = [_header_text(_cell_value(value)) for value in sheet_rows[header_row - 1]]
        while headers and not headers[-1]:
            headers.pop()
    for number in range(header_row + 1, len(sheet_rows) + 1):
        raw = sheet_rows[number - 1]
        end = len(raw)
        while end and is_blank(raw[end - 1]):
            end -= 1  # the row stops at its last used cell
        if not end:
            empty_run += 1
            if empty_run >= MAX_EMPTY_RUN:
                notes.append(message("import.file.stopped", {"row": number, "count": MAX_EMPTY_RUN}))
                break
            continue
        empty_run = 0
        rows.append(SourceRow(number, tuple([_cell_value(value) for value in raw[:end]])))
        if progress and len(rows) % 1000 == 0:
            progress(10 + min(80, len(rows) // 1000), message("import.progress.read", {"count": len(rows)}))
    width = max([len(headers)] + [len(row.values) for row in rows]) if rows or headers else 0
    padded = [
        SourceRow(row.number, row.values + (None,) * (width - len(row.values)))
        if len(row.values) < width
        else row
        for row in rows
    ]
    return tuple(headers) + ("",) * (width - len(headers)), padded, notes


def read_sheet_top(
    path: Path | str, sheet: str | None, limit: int, *, password: str | None = None
) -> tuple[tuple[str, ...], str, list[list[object]]]:
    """(sheet names, sheet shown, its first `limit` rows as they are in Excel), for display.

    The same checks and bounds as `read_workbook`; the sheet shown is `sheet` when the workbook
    has it, else the first worksheet.
    """
    path = Path(path)
    source = _workbook_source(path, password)
    try:
        workbook = _Workbook(path, source)
    except ValidationError:
        raise
    except Exception as exc:  # calamine and the zip raise many kinds of errors on broken parts
        raise WorkbookUnreadableError(
            "import.file.unreadable", name=path.name, reason=f"{type(exc).__name__}: {exc}"
        ) from None
    try:
        names = workbook.names
        chosen = sheet if sheet in names else (names[0] if names else "")
        if not chosen:
            return names, "", []
        try:
            rows = workbook.rows(chosen)[:limit]
        except ValidationError:
            raise
        except Exception as exc:
            raise WorkbookUnreadableError(
                "import.file.unreadable", name=path.name, reason=f"{type(exc).__name__}: {exc}"
            ) from None
        return names, chosen, [[_cell_value(value) for value in row] for row in rows]
    finally:
        workbook.close()

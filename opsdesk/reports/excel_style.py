"""Cell styles and the streaming writer of the export's sheets (openpyxl write-only mode).

Every style is registered once per workbook as a named style ("OpsDesk header", ...); each
cell gets a copy of that style's array, so writing a cell costs no font or fill lookups.
User text is cleaned of characters XML cannot hold and always stored as text, never as a formula.
openpyxl is imported inside the functions that need it: the GUI imports this module
without paying for openpyxl at start-up.
"""

from __future__ import annotations

import contextlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from copy import copy
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from opsdesk.reports.charts.common import text_color_for
from opsdesk.reports.excel_text import header, label

if TYPE_CHECKING:
    from openpyxl import Workbook

    from opsdesk.domain.matrix import RiskMatrix

# The characters XML 1.0 cannot carry (the same set openpyxl refuses).
ILLEGAL_XML_CHARACTERS = re.compile(r"[\000-\010]|[\013-\014]|[\016-\037]")
# Excel keeps at most this many characters in a cell.
MAX_CELL_TEXT = 32_767
# Excel error literals: a text cell holding one must not be turned into an error value.
_ERROR_LITERALS = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_FORMULA_STARTS = ("=", "+", "-", "@")

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
HEADER_FILL = "1F4E78"
HEADER_FONT = "FFFFFF"
SECTION_FONT = "1F4E78"
MUTED_FILL = "EEF2F6"
TABLE_STYLE = "TableStyleLight9"

# Column styles: number format, wrap, bold.
_BASE_STYLES: dict[str, tuple[str, bool, bool]] = {
    "text": ("@", False, False),
    "wrap": ("@", True, False),
    "code": ("@", False, True),
    "int": ("0", False, False),
    "number": ("General", False, False),
    "decimal": ("0.00", False, False),
    "money": ("#,##0.00", False, False),
    "percent": ("0.0", False, False),
    "date": (DATE_FORMAT, False, False),
    "datetime": (DATETIME_FORMAT, False, False),
    "yesno": ("General", False, False),
}
TEXT_STYLES = frozenset({"text", "wrap", "code"})


def clean_text(value: object) -> str:
    """Text safe for a cell: XML-illegal control characters removed, cut to Excel's limit."""
    text = value if isinstance(value, str) else str(value)
    if ILLEGAL_XML_CHARACTERS.search(text):
        text = ILLEGAL_XML_CHARACTERS.sub("", text)
    return text[:MAX_CELL_TEXT]


def display_width(text: str) -> int:
    """Roughly how many character widths a text takes (CJK characters count double)."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


# Points per line of 10 pt text, and the most lines a row is opened to (the cell scrolls beyond).
LINE_HEIGHT = 13.0
MAX_ROW_LINES = 12


def wrapped_lines(value: object, width: float) -> int:
    """How many lines a wrapped text needs in a column of this width (a generous estimate)."""
    if not isinstance(value, str) or not value:
        return 1
    # A column width counts "0" digits of 11 pt text; 10 pt letters are narrower on average.
    per_line = max(int(width * 1.15) - 1, 1)
    lines = 0
    for part in value.split("\n"):
        lines += max(1, -(-display_width(part) // per_line))
        if lines >= MAX_ROW_LINES:
            return MAX_ROW_LINES
    return lines


def row_height(lines: int) -> float | None:
    """The height of a row showing this many lines, or None for the default single line."""
    if lines <= 1:
        return None
    return min(lines, MAX_ROW_LINES) * LINE_HEIGHT + 3


@dataclass(frozen=True, slots=True)
class Column:
    """One column of a data sheet: its header key, cell style and optional fixed width."""

    key: str
    style: str = "text"  # a StyleBook style; "level" shows band codes as coloured band names
    width: float | None = None


class StyleBook:
    """The cell styles of one workbook, each built once and copied into every cell that uses it."""

    def __init__(self, workbook: Workbook, matrix: RiskMatrix | None = None) -> None:
        from openpyxl.cell.cell import Cell
        from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

        self._cell_class = Cell
        self._workbook = workbook
        self._templates: dict[str, Any] = {}
        self.level_names: dict[str, str] = {}
        thin = Side(style="thin", color="B7C4D1")
        top = Alignment(vertical="top")
        # Wrapped text (titles, messages) is indented: a date printed just before it must not touch it.
        wrap_top = Alignment(horizontal="left", vertical="top", wrap_text=True, indent=1)
        regular, bold = Font(name="Calibri", size=10), Font(name="Calibri", size=10, bold=True)
        # Small whole numbers (scores, counts) and yes/no are centred: flush right, a number touches
        # the text of the next cell ("16High"); flush left, "Yes" touches the date before it.
        centred_top = Alignment(horizontal="center", vertical="top")
        for key, (number_format, wrap, is_bold) in _BASE_STYLES.items():
            alignment = centred_top if key in ("int", "yesno") else (wrap_top if wrap else top)
            self._add(
                key, font=bold if is_bold else regular, alignment=alignment, number_format=number_format
            )
            if key in TEXT_STYLES:
                # Excel keeps text that looks like a formula as text when the user edits it:
                # the same named style, with the cell's quote prefix set.
                quoted = copy(self._templates[key])
                quoted.quotePrefix = True
                self._templates[f"{key}:quoted"] = quoted
        self._add(
            "header",
            font=Font(name="Calibri", size=10, bold=True, color=HEADER_FONT),
            fill=PatternFill(fill_type="solid", fgColor=HEADER_FILL),
            alignment=Alignment(vertical="center", wrap_text=True),
            border=Border(bottom=thin),
            number_format="@",
        )
        self._add("title", font=Font(name="Calibri", size=16, bold=True, color=SECTION_FONT))
        self._add("section", font=Font(name="Calibri", size=12, bold=True, color=SECTION_FONT))
        self._add("label", font=bold, alignment=top, number_format="@")
        self._add(
            "label:muted", font=bold, alignment=top, fill=PatternFill(fill_type="solid", fgColor=MUTED_FILL)
        )
        self._add(
            "axis",
            font=Font(name="Calibri", size=10, bold=True),
            alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
        )
        self._add(
            "axis:vertical",
            font=Font(name="Calibri", size=10, bold=True),
            alignment=Alignment(horizontal="center", vertical="center", text_rotation=90),
        )
        self._add(
            "count",
            font=regular,
            alignment=Alignment(horizontal="center", vertical="center"),
            number_format="0",
        )
        if matrix is not None:
            for band in matrix.bands:
                rgb = band.color.lstrip("#").upper()
                ink = text_color_for(band.color).lstrip("#").upper()
                self.level_names[band.code] = band.name
                # Indented: a score printed just before the level must not read as "16High".
                self._add(
                    f"level:{band.code}",
                    font=Font(name="Calibri", size=10, bold=True, color=ink),
                    fill=PatternFill(fill_type="solid", fgColor=rgb),
                    alignment=Alignment(horizontal="left", vertical="top", indent=1),
                    number_format="@",
                )
                self._add(
                    f"cell:{band.code}",
                    font=Font(name="Calibri", size=12, bold=True, color=ink),
                    fill=PatternFill(fill_type="solid", fgColor=rgb),
                    border=Border(
                        left=Side(style="thin", color="FFFFFF"),
                        right=Side(style="thin", color="FFFFFF"),
                        top=Side(style="thin", color="FFFFFF"),
                        bottom=Side(style="thin", color="FFFFFF"),
                    ),
                    alignment=Alignment(horizontal="center", vertical="center", wrap_text=True),
                    number_format="0",
                )

    def _add(
        self,
        key: str,
        *,
        font: Any = None,
        fill: Any = None,
        alignment: Any = None,
        border: Any = None,
        number_format: str | None = None,
    ) -> None:
        """Register the style once with the workbook, as a named style, and keep its style array."""
        from openpyxl.styles import NamedStyle

        named = NamedStyle(
            name=f"OpsDesk {key}", font=font, fill=fill, alignment=alignment, border=border,
            number_format=number_format,
        )  # fmt: skip
        self._workbook.add_named_style(named)
        # The style array a cell of this style holds: each cell gets a copy (Cell(style_array=...)),
        # so writing a cell costs no font or fill lookups.
        self._templates[key] = copy(named.as_tuple())

    def has(self, key: str) -> bool:
        return key in self._templates

    def cell(self, sheet: Any, value: object, style: str) -> Any:
        """A write-only cell holding a value (user text always stays text) in a named style."""
        if isinstance(value, str):
            return self.text_cell(sheet, value, style)
        return self._cell_class(sheet, row=1, column=1, value=value, style_array=self._templates[style])

    def text_cell(self, sheet: Any, value: object, style: str = "text") -> Any:
        """A cell whose value is stored as text even when it looks like a formula or an error."""
        return self.text_maker(sheet, style)(value)

    def text_maker(
        self, sheet: Any, style: str = "text", *, skip_blank: bool = False
    ) -> Callable[[object], Any]:
        """`text_cell` of one sheet and style, its templates looked up once: it runs for every text cell.

        With `skip_blank`, None and "" give no cell at all.
        """
        cell_class = self._cell_class
        plain = self._templates[style]
        quoted = self._templates.get(f"{style}:quoted", plain)
        illegal = ILLEGAL_XML_CHARACTERS.search

        def make(value: object) -> Any:
            if skip_blank and (value is None or value == ""):
                return None
            text = value if isinstance(value, str) else str(value)
            if illegal(text):
                text = ILLEGAL_XML_CHARACTERS.sub("", text)
            if len(text) > MAX_CELL_TEXT:
                text = text[:MAX_CELL_TEXT]
            if text.startswith(_FORMULA_STARTS) or text in _ERROR_LITERALS:
                cell = cell_class(sheet, row=1, column=1, value=text, style_array=quoted)
                # openpyxl would store "=..." as a formula and "#N/A" as an error: force a plain string.
                cell.data_type = "s"
                return cell
            return cell_class(sheet, row=1, column=1, value=text, style_array=plain)

        return make

    def level_cell(self, sheet: Any, code: str | None) -> Any:
        """A cell showing a level band's name, filled with the band's colour."""
        return self.level_maker(sheet)(code)

    def level_maker(self, sheet: Any) -> Callable[[str | None], Any]:
        """`level_cell` of one sheet, each band's name and style looked up once."""
        cell_class = self._cell_class
        text = self._templates["text"]
        styles = {code: self._templates[f"level:{code}"] for code in self.level_names}
        names = self.level_names

        def make(code: str | None) -> Any:
            if code is None:
                return None
            return cell_class(
                sheet, row=1, column=1, value=names.get(code, code), style_array=styles.get(code, text)
            )

        return make


def _yes_no(value: object) -> str | None:
    if value is None:
        return None
    return label("yes_no", "yes" if value else "no")


def _cell_maker(book: StyleBook, sheet: Any, column: Column) -> Callable[[object], Any]:
    """A function turning a raw value of this column into a ready cell (or None for blank)."""
    style = column.style
    template = book._templates.get(style)
    cell_class = book._cell_class
    if style == "level":
        return book.level_maker(sheet)
    if style in TEXT_STYLES:
        return book.text_maker(sheet, style, skip_blank=True)
    if style == "yesno":

        def make_yes_no(value: object) -> Any:
            shown = _yes_no(value)
            return (
                None
                if shown is None
                else cell_class(sheet, row=1, column=1, value=shown, style_array=template)
            )

        return make_yes_no

    make_label = book.text_maker(sheet)

    def make_value(value: object) -> Any:
        if value is None:
            return None
        if isinstance(value, str):  # a label in a numeric column (e.g. "n/a") stays text
            return make_label(value)
        if isinstance(value, datetime) and value.tzinfo is not None:
            value = value.replace(tzinfo=None)  # Excel has no time zones; stored times are UTC
        return cell_class(sheet, row=1, column=1, value=value, style_array=template)

    return make_value


def _auto_width(column: Column, rows: Sequence[Sequence[object]], index: int, book: StyleBook) -> float:
    if column.width is not None:
        return column.width
    title = header(column.key)
    # Headers wrap, so a long header needs no more than about half its length.
    widest = min(display_width(title), max(12, display_width(title) // 2 + 2))
    if column.style in ("date",):
        return max(widest, 11) + 1
    if column.style == "datetime":
        return max(widest, 16) + 1
    for values in rows[:300]:
        value = values[index]
        if value is None:
            continue
        if column.style == "level":
            shown = book.level_names.get(value, str(value))
        elif isinstance(value, float):
            shown = f"{value:,.2f}"
        else:
            shown = str(value)
        longest_line = max((display_width(line) for line in shown.splitlines()), default=0)
        widest = max(widest, longest_line)
        if widest >= 60:
            break
    cap = 60 if column.style == "wrap" else 45
    return float(min(max(widest + 2, 8), cap))


# A4 in the paper sizes of SpreadsheetML (ECMA-376 18.3.1.63: 9 = A4 210 x 297 mm).
PAPER_A4 = 9
# The printable width of A4 landscape between our 0.4 in margins, in points, and how wide (in
# points) one unit of column width prints at 100%: a unit is a "0" of 11 pt Calibri, ~7 px at 96 dpi.
PRINTABLE_WIDTH_PT = (297 / 25.4 - 0.8) * 72
POINTS_PER_WIDTH_UNIT = 7 * 72 / 96
# The data sheets' 10 pt text must print at 8 pt or larger: at most this much shrinking to fit.
SMALLEST_PRINT_SCALE = 0.8


def print_scale(widths: Iterable[float]) -> float:
    """How much fitting columns of these widths to one A4 landscape page wide shrinks them (1.0: not at all)."""
    # Each column also takes ~5 px of cell padding.
    total = sum(width * POINTS_PER_WIDTH_UNIT + 5 * 72 / 96 for width in widths)
    return min(1.0, PRINTABLE_WIDTH_PT / total) if total else 1.0


def prepare_print(
    sheet: Any, *, title_rows: str | None = "1:1", fit_width: bool = True, fit_height: bool = False
) -> None:
    """A4 landscape, fit to one page wide (and tall, with `fit_height`), the header row repeated on every page."""
    from openpyxl.worksheet.properties import PageSetupProperties

    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = PAPER_A4
    if fit_width:
        sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 1 if fit_height else 0
    if title_rows:
        sheet.print_title_rows = title_rows
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6


def footer_escaped(text: str) -> str:
    """Text shown as is in a page header or footer, where "&" starts a code."""
    return text.replace("&", "&&")


def add_page_footers(workbook: Workbook, *, left: str, centre: str, right: str) -> None:
    """The same footer on every sheet: `right` may hold the codes &P (page) and &N (pages)."""
    for sheet in workbook.worksheets:
        footer = sheet.oddFooter
        footer.left.text, footer.left.size = footer_escaped(left), 8
        footer.center.text, footer.center.size = footer_escaped(centre), 8
        footer.right.text, footer.right.size = right, 8


def write_data_sheet(
    workbook: Workbook,
    book: StyleBook,
    *,
    title: str,
    table_name: str | None,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    on_rows: Callable[[int], None] | None = None,
) -> Any:
    """A sheet of records: styled header, frozen, filtered (as an Excel table), printable."""
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.dimensions import RowDimension

    sheet = workbook.create_sheet(title)
    last_letter = get_column_letter(len(columns))
    # Everything written before the rows (widths, panes, page properties) must be set first.
    widths = [_auto_width(column, rows, index, book) for index, column in enumerate(columns)]
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    sheet.freeze_panes = "A2"
    prepare_print(sheet)
    headers = [header(column.key) for column in columns]
    _set_height(
        sheet, 1, max(wrapped_lines(text, width) for text, width in zip(headers, widths, strict=True))
    )
    sheet.append([book.text_cell(sheet, text, "header") for text in headers])
    makers = [_cell_maker(book, sheet, column) for column in columns]
    # Rows grow to show their wrapped text: spreadsheet programs do not all do it on opening.
    wrapped = [(index, widths[index]) for index, column in enumerate(columns) if column.style == "wrap"]
    row_dimensions = sheet.row_dimensions
    # One dimension per height, shared by the rows of that height (openpyxl writes only its
    # attributes, each row under its own number): making one for each of 20,000 rows took 0.2 s.
    heights: dict[int, RowDimension] = {}
    append = sheet.append
    for count, values in enumerate(rows, start=1):
        lines = 1
        for index, width in wrapped:
            value = values[index]
            if value:
                lines = max(lines, wrapped_lines(value, width))
        if lines > 1:
            dimension = heights.get(lines)
            if dimension is None:
                dimension = heights[lines] = RowDimension(sheet, ht=row_height(lines))
            row_dimensions[count + 1] = dimension
        append([make(value) for make, value in zip(makers, values, strict=True)])
        if on_rows is not None and count % 500 == 0:
            on_rows(count)
    ref = f"A1:{last_letter}{len(rows) + 1}"
    if table_name and rows:
        add_table(sheet, table_name, ref, [header(column.key) for column in columns])
    else:
        # A table needs at least one data row; an empty sheet keeps a plain filter.
        sheet.auto_filter.ref = ref
    return sheet


def _set_height(sheet: Any, row: int, lines: int) -> None:
    height = row_height(lines)
    if height is not None:
        sheet.row_dimensions[row].height = height


def add_table(sheet: Any, name: str, ref: str, headers: Sequence[str]) -> None:
    """Define an Excel table (filter buttons, banded rows) whose columns are named after the headers."""
    from openpyxl.worksheet.filters import AutoFilter
    from openpyxl.worksheet.table import Table, TableColumn, TableStyleInfo

    table = Table(displayName=name, name=name, ref=ref)
    # Named here: in write-only mode openpyxl cannot read the header cells back to name them.
    table.tableColumns = [
        TableColumn(id=index, name=clean_text(text)) for index, text in enumerate(headers, 1)
    ]
    table.autoFilter = AutoFilter(ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=TABLE_STYLE, showRowStripes=True, showColumnStripes=False)
    sheet.add_table(table)


def discard_workbook(workbook: Workbook) -> None:
    """Finish and delete the temporary files of an abandoned write-only workbook.

    Each write-only sheet streams into its own temporary file; left alone after an error,
    the half-written streams would be closed by the garbage collector onto closed files.
    """
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)  # only sheets that started writing have one
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            if not sheet.closed:
                sheet.close()
        with contextlib.suppress(OSError):
            os.remove(writer.out)


def joined(values: Iterable[object], separator: str = "\n") -> str:
    """Several values in one cell, one per line by default."""
    return separator.join(str(value) for value in values if value not in (None, ""))

"""What the import wizard shows of a workbook before anything is imported, without Qt.

Reading a workbook for the import (its rows, the guessed mapping and the reason of each guess,
the top of the sheet so the user sees where the header is), and the checks of a mapping the
user is choosing: a field chosen for two columns, why a column is left out, which defaults a
new risk would miss. The wizard only shows what these return.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from opsdesk.domain.errors import ValidationError
from opsdesk.reports.excel_import import (
    ImportDefaults,
    ImportSource,
    WorkbookUnreadableError,
    guess_mapping,
    guess_reason,
    guess_source_columns,
    read_workbook,
)
from opsdesk.reports.excel_mapping import field_specs, ignored_columns
from opsdesk.reports.excel_source import read_sheet_top

if TYPE_CHECKING:
    from opsdesk.store.database import Database

KINDS = ("risks", "readings", "measurements")
HEAD_ROWS = 12  # rows of the sheet shown so the user sees where the header is
HEAD_COLUMNS = 40
DEFAULTED_FIELDS = ("department", "category", "identified_on")  # a new risk's fields the wizard can default


@dataclass(frozen=True, slots=True)
class SheetLine:
    """One row at the top of the sheet, as it is in Excel (`number` counts from 1)."""

    number: int
    values: tuple[object, ...]


@dataclass(frozen=True)
class WorkbookRead:
    """What reading a workbook gave: the rows to import (or why not), the guessed mapping, the sheet's top."""

    path: Path
    kind: str
    sheet: str
    sheet_names: tuple[str, ...]
    lines: tuple[SheetLine, ...]
    source: ImportSource | None = None
    mapping: dict[int, str] = field(default_factory=dict)
    problem: str = ""
    reasons: dict[int, str] = field(default_factory=dict)  # why each column got its guessed field (codes)

    def with_mapping(self, mapping: Mapping[int, str]) -> WorkbookRead:
        """The same reading with another mapping (the one a preview used); the guesses' reasons go."""
        return WorkbookRead(
            self.path, self.kind, self.sheet, self.sheet_names, self.lines, self.source, dict(mapping),
            self.problem,
        )  # fmt: skip


def sheet_head(
    path: Path, sheet: str | None, limit: int, password: str | None = None
) -> tuple[tuple[str, ...], str, tuple[SheetLine, ...]]:
    """(sheet names, sheet shown, its first rows): only the top of one sheet, for display.

    Every line is as wide as the widest filled row (at most HEAD_COLUMNS), padded with None."""
    names, chosen, rows = read_sheet_top(path, sheet, limit, password=password)
    if not chosen:
        return names, "", ()
    width = 0
    for values in rows:
        filled = [n for n, value in enumerate(values) if value not in (None, "")]
        width = max(width, filled[-1] + 1 if filled else 0)
    width = min(width, HEAD_COLUMNS)
    lines = tuple(
        SheetLine(number, tuple(values[:width]) + (None,) * (width - len(values[:width])))
        for number, values in enumerate(rows, start=1)
    )
    return names, chosen, lines


def read_for_import(
    database: Database,
    path: Path,
    *,
    kind: str,
    sheet: str | None = None,
    header_row: int | None = None,
    progress: Callable[[int, str], None] | None = None,
    password: str | None = None,
) -> WorkbookRead:
    """Read the rows to import and guess the mapping; a sheet without a recognisable header still comes back.

    A file that is not a readable workbook raises WorkbookUnreadableError (WorkbookPasswordError
    when it needs a password); a sheet whose header row cannot be found returns its first rows and
    the problem, so the user can point at the header row.
    """
    try:
        source = read_workbook(
            path, sheet=sheet, header_row=header_row, kind=kind, progress=progress, password=password
        )
    except WorkbookUnreadableError:
        raise
    except ValidationError as exc:
        if "header_row" not in exc.errors:
            raise
        names, shown, lines = sheet_head(path, sheet, HEAD_ROWS + 8, password)
        return WorkbookRead(path, kind, shown, names, lines, problem=exc.errors["header_row"])
    with database.session() as session:
        guess = guess_source_columns(session, source)
    try:
        _names, _shown, lines = sheet_head(
            path, source.sheet, max(HEAD_ROWS, source.header_row + 6), password
        )
    except WorkbookUnreadableError:
        lines = ()  # the rows were read; only the picture of the sheet's top is missing
    return WorkbookRead(
        path, kind, source.sheet, source.sheet_names, lines, source, guess.mapping, reasons=guess.reasons
    )


def first_value(source: ImportSource, column: int) -> object:
    """The first filled value under a column's header (None when the column is empty)."""
    return next((value for value in source.column_values(column) if value not in (None, "")), None)


@dataclass(frozen=True, slots=True)
class DoubleField:
    """A field chosen for several columns that must come from one."""

    key: str
    columns: tuple[int, ...]


def double_fields(mapping: Mapping[int, str], kind: str) -> list[DoubleField]:
    """The fields of a mapping chosen for more than one column, except those made of several columns."""
    multiple = {spec.key for spec in field_specs(kind) if spec.multiple}
    columns: dict[str, list[int]] = {}
    for index, key in sorted(mapping.items()):
        columns.setdefault(key, []).append(index)
    return [
        DoubleField(key, tuple(indexes))
        for key, indexes in columns.items()
        if len(indexes) > 1 and key not in multiple
    ]


@dataclass(frozen=True, slots=True)
class ColumnNote:
    """What the wizard says next to a column: the reason of its guess, or why it is left out.

    `looks_like` is set when a left-out column's header names a field no column holds now:
    the wizard then says "not imported (looks like <field>)" instead of `text`."""

    text: str = ""
    looks_like: str | None = None


def column_notes(read: WorkbookRead, mapping: Mapping[int, str]) -> dict[int, ColumnNote]:
    """A note for every column of the sheet, for the mapping the user has chosen now."""
    source = read.source
    if source is None:
        return {}
    reasons = ignored_columns(source.headers, mapping, read.kind)
    used = set(mapping.values())
    notes: dict[int, ColumnNote] = {}
    for index in range(len(source.headers)):
        if index in mapping:
            guessed = read.mapping.get(index) == mapping[index] and read.reasons.get(index)
            notes[index] = ColumnNote(guess_reason(read.reasons[index]) if guessed else "")
            continue
        text = reasons.get(index, "")
        looks_like = guess_mapping([source.header_of(index)], read.kind).get(0) if text else None
        # The engine says "comes from another column" even when no column holds that field now.
        notes[index] = ColumnNote(text, looks_like if looks_like and looks_like not in used else None)
    return notes


def missing_defaults(mapping: Mapping[int, str], defaults: ImportDefaults) -> tuple[str, ...]:
    """The fields a new risk takes from neither a column nor a chosen default (keys, in DEFAULTED_FIELDS order)."""
    mapped = set(mapping.values())
    chosen = {
        "department": defaults.department,
        "category": defaults.category,
        "identified_on": defaults.identified_on,
    }
    return tuple(key for key in DEFAULTED_FIELDS if key not in mapped and not chosen[key])

"""The field table: each record's fields declared once, with kind, limits and Excel words.

A `Field` says what a value is (its kind), what the user calls it (an English label; other
languages in the catalogue), its limits (required, length, range, choices), where the editor
shows it, and the words workbooks use for it in a header. From one `RecordFields` table the
rest is derived: the database columns, the service's input and read types, the editors'
inputs, the conflict comparison, the audit trail's field names, the register's optional
columns, and the Excel export, import mapping and template. Adding a plain field to a record
is one line in its table (and a migration that adds its column).

`check_field` applies a field's own limits and returns problems, never sentences; rules that
relate several fields live with the record's other rules (`opsdesk.domain.rules`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from opsdesk.domain.errors import Problem
from opsdesk.domain.numbers import is_storable_number


class FieldKind(StrEnum):
    """What a value is; it decides the editor's input, the column type and the Excel format."""

    TEXT = "text"  # one line
    LONG_TEXT = "long_text"  # paragraphs
    NUMBER = "number"
    INTEGER = "integer"
    MONEY = "money"
    PERCENT = "percent"  # 0..100
    DATE = "date"
    CHOICE = "choice"  # a stable code of `Field.choices`
    PERSON = "person"  # a name, completed from the names already used
    DEPARTMENT = "department"  # a department's id
    CATEGORY = "category"  # a risk category's id
    FLAG = "flag"  # yes or no
    CODE = "code"  # OpsDesk's own code (R-0001): given, never typed
    LEVEL = "level"  # a level band code of the risk matrix: computed


TEXT_KINDS = frozenset({FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON, FieldKind.CODE})
NUMBER_KINDS = frozenset({FieldKind.NUMBER, FieldKind.INTEGER, FieldKind.MONEY, FieldKind.PERCENT})
# The length limits used when a table does not set one.
DEFAULT_MAX_LENGTH = {
    FieldKind.TEXT: 200,
    FieldKind.PERSON: 120,
    FieldKind.LONG_TEXT: 5000,
    FieldKind.CODE: 40,
}


@dataclass(frozen=True, slots=True)
class Field:
    """One field of a record, declared once."""

    key: str
    kind: FieldKind
    label: str  # English; the catalogue has the other languages under "<record>.<key>"
    required: bool = False
    max_length: int | None = None  # text kinds: DEFAULT_MAX_LENGTH when None
    minimum: float | None = None
    maximum: float | None = None
    choices: str | None = None  # the catalogue's choice group of a CHOICE field ("risk_status")
    default: object = None
    no_future: bool = False  # a date that cannot be after today
    none_when_empty: bool = False  # an empty text is stored as None, not ""
    #: header words of workbooks (English and Chinese), for the import's guess
    synonyms: tuple[str, ...] = ()
    #: where the editor shows it ("" for nowhere: computed, or edited by its own workflow)
    section: str = ""
    #: given by OpsDesk or computed (codes, current assessments); never typed in
    computed: bool = False
    #: a column the register table can show, and the export writes
    column: bool = True
    #: stored in the record's table (False: computed when the record is read)
    stored: bool = True
    hint: str = ""  # placeholder text of the input (English; catalogue key "hint.<record>.<key>")

    @property
    def length_limit(self) -> int | None:
        return self.max_length if self.max_length is not None else DEFAULT_MAX_LENGTH.get(self.kind)

    @property
    def python_type(self) -> type:
        """The type a value of this field has once read (None aside)."""
        if self.kind in NUMBER_KINDS:
            return int if self.kind is FieldKind.INTEGER else float
        if self.kind is FieldKind.DATE:
            return date
        if self.kind is FieldKind.FLAG:
            return bool
        if self.kind in (FieldKind.DEPARTMENT, FieldKind.CATEGORY):
            return int
        return str

    @property
    def empty(self) -> object:
        """The stored value of an empty field: "" for text that is never None, else None."""
        if self.default is not None:
            return self.default
        if self.none_when_empty:
            return None
        return "" if self.kind in (FieldKind.TEXT, FieldKind.LONG_TEXT, FieldKind.PERSON) else None


@dataclass(frozen=True)
class RecordFields:
    """The field table of one kind of record ("risk"), in the order forms and exports list it."""

    name: str
    fields: tuple[Field, ...]
    _by_key: dict[str, Field] = field(init=False, repr=False, compare=False)
    _editable: tuple[Field, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_key = {f.key: f for f in self.fields}
        if len(by_key) != len(self.fields):
            raise ValueError(f"{self.name}: a field key is declared twice")
        object.__setattr__(self, "_by_key", by_key)
        # Asked once per row when thousands of rows are checked: the table never changes.
        object.__setattr__(self, "_editable", tuple(f for f in self.fields if not f.computed and f.section))

    def __getitem__(self, key: str) -> Field:
        return self._by_key[key]

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def get(self, key: str) -> Field | None:
        return self._by_key.get(key)

    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)

    def editable(self) -> tuple[Field, ...]:
        """The fields a user types or picks (in form order)."""
        return self._editable

    def in_section(self, section: str) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.section == section and not f.computed)

    def stored(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.stored)

    def check(
        self, values: Mapping[str, object], *, today: date, keys: Iterable[str] | None = None
    ) -> list[Problem]:
        """The problems of each field's own limits (required, length, range, choice, date)."""
        problems: list[Problem] = []
        for key in keys if keys is not None else (f.key for f in self.editable()):
            problem = check_field(self.name, self[key], values.get(key), today=today)
            if problem is not None:
                problems.append(problem)
        return problems


def is_day(value: object) -> bool:
    """A date, not a datetime (a datetime is a date too, but cannot be compared with one)."""
    return isinstance(value, date) and not isinstance(value, datetime)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def check_field(record: str, spec: Field, value: object, *, today: date) -> Problem | None:
    """The first problem of one value against its field's own limits, or None."""

    def problem(code: str, **params: object) -> Problem:
        return Problem(spec.key, code, params, record=record)

    kind = spec.kind
    # Blank text is no value; a blank string where a date or number belongs is a wrong value.
    if value is None or (kind in TEXT_KINDS and _blank(value)):
        return problem("required") if spec.required else None
    if kind in TEXT_KINDS:
        if not isinstance(value, str):
            return problem("required") if spec.required else None
        text = value.strip()
        limit = spec.length_limit
        if limit is not None and len(text) > limit:
            return problem("too_long", count=len(text), limit=limit)
        return None
    if kind in NUMBER_KINDS:
        if not is_storable_number(value):
            return problem("not_a_number")
        if kind is FieldKind.INTEGER and not float(value).is_integer():
            return problem("not_a_whole_number")
        low = 0 if kind is FieldKind.PERCENT and spec.minimum is None else spec.minimum
        high = 100 if kind is FieldKind.PERCENT and spec.maximum is None else spec.maximum
        if low is not None and high is not None and not low <= value <= high:
            return problem("out_of_range", minimum=_plain(low), maximum=_plain(high))
        if low is not None and value < low:
            return problem("below_minimum", minimum=_plain(low))
        if high is not None and value > high:
            return problem("above_maximum", maximum=_plain(high))
        return None
    if kind is FieldKind.DATE:
        if not is_day(value):
            return problem("not_a_date")
        if spec.no_future and value > today:
            return problem("date_in_future")
        return None
    if kind is FieldKind.CHOICE:
        from opsdesk.domain.catalogue import Term, en

        if value not in en.CHOICES.get(spec.choices or "", {}):
            return problem("not_a_choice", value=value, choices=Term.choices_of(spec.choices or ""))
        return None
    if kind in (FieldKind.DEPARTMENT, FieldKind.CATEGORY):
        if isinstance(value, bool) or not isinstance(value, int):
            return problem("unknown_department" if kind is FieldKind.DEPARTMENT else "unknown_category")
        return None
    if kind is FieldKind.FLAG and not isinstance(value, bool):
        return problem("not_a_choice", value=value)
    return None


def _plain(number: float) -> int | float:
    return int(number) if float(number).is_integer() else number

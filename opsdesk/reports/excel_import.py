"""Import risks, KRI readings and objective measurements from a workbook: preview, then all or nothing.

    source = read_workbook(path)                     # sheet and header row found automatically
    mapping = guess_mapping(source.headers, "risks")  # column index -> field, editable
    preview = preview_import(session=s, source=source, mapping=mapping)
    if preview.ok:
        result = apply_import(session=s, preview=preview)

The preview parses every cell and then runs the real services (create, update, record) in a
transaction that is rolled back, so it shows every problem the import would meet, each
named by its row and column as the user sees them in Excel. `apply_import` runs the same
plan in one transaction and commits only if no row fails. Both take a progress callback
and return plain data, so the GUI can call them from a worker thread.
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsdesk.domain.catalogue import Term
from opsdesk.domain.catalogue import choice_label as _catalogue_label
from opsdesk.domain.catalogue import language as _language
from opsdesk.domain.catalogue import message as _say
from opsdesk.domain.errors import ConflictError, NotFoundError, OpsDeskError, Problem, ValidationError
from opsdesk.reports.excel_mapping import (
    ASSESSMENT_KINDS,
    ColumnGuess,
    field_label,
    field_specs,
    guess_columns,
    guess_mapping,
    ignored_columns,
)
from opsdesk.reports.excel_source import (
    ImportSource,
    SourceRow,
    WorkbookUnreadableError,
    column_letter,
    read_workbook,
)
from opsdesk.reports.excel_text import LABELS
from opsdesk.reports.excel_values import (
    APPROXIMATE_STATUS_WORDS,
    CATEGORY_SYNONYMS,
    DEPARTMENT_SYNONYMS,
    SOURCE_WORDS,
    STATUS_WORDS,
    STRATEGY_WORDS,
    CellValueError,
    day_first_order,
    is_blank,
    level_words,
    match_named,
    normalize_word,
    parse_choice,
    parse_date,
    parse_first_choice,
    parse_level,
    parse_number,
    parse_text,
    shown,
)
from opsdesk.services.record_types import collector_paused

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = [
    "CREATE",
    "INVALID",
    "CellRead",
    "SkippedRow",
    "guess_reason",
    "guess_source_columns",
    "guess_source_mapping",
    "UNCHANGED",
    "UPDATE",
    "CellProblem",
    "ImportDefaults",
    "ImportPreview",
    "ImportRefusedError",
    "ImportResult",
    "ImportSource",
    "PreviewRow",
    "WorkbookUnreadableError",
    "apply_import",
    "guess_mapping",
    "load_mapping_file",
    "preview_import",
    "read_workbook",
]

CREATE, UPDATE, UNCHANGED, INVALID = "create", "update", "unchanged", "invalid"
Progress = Callable[[int, str], None]


@dataclass(frozen=True, slots=True)
class ImportDefaults:
    """Values for rows (or whole sheets) that do not give them: names as the user knows them."""

    department: str | None = None
    category: str | None = None
    identified_on: date | None = None


@dataclass(frozen=True, slots=True)
class CellProblem:
    """Why a cell (or a row, or the sheet) cannot be imported, placed as Excel shows it.

    The problem is a catalogue code and its parameters: `message` and str() make the sentence
    in the language of the moment ("Row 3, column C (Likelihood): 7 is outside the matrix...").
    """

    row: int | None
    column: str | None
    header: str
    code: str  # a catalogue code ("import.required"); a sentence without a code is shown as it is
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        """The problem's own sentence, without its place."""
        return _say(self.code, self.params)

    def __str__(self) -> str:
        said = self.message
        if self.row is None and self.column is None:
            return said
        if self.row is None:
            code = "cli.import_column_problem" if self.header else "cli.import_letter_problem"
        elif self.column is None:
            code = "cli.import_row_problem"
        else:
            code = "cli.import_cell_problem" if self.header else "cli.import_cell_letter_problem"
        return _say(code, {"row": self.row, "column": self.column, "header": self.header, "message": said})


@dataclass(frozen=True, slots=True)
class CellRead:
    """How one cell was read: its column, the text in the workbook, and the value OpsDesk stores."""

    column: str
    header: str
    source: str
    stored: str


@dataclass(frozen=True, slots=True)
class SkippedRow:
    """A row that is not a risk (footer, template formulas, empty), with the reason shown."""

    row: int
    reason: str


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """What the import does with one row: create, update, leave unchanged, or refuse it."""

    row: int
    action: str
    key: str
    title: str
    changes: tuple[str, ...] = ()
    problems: tuple[CellProblem, ...] = ()
    cells: Sequence[CellRead] = ()
    reference: str = ""


@dataclass(frozen=True)
class ImportPreview:
    """Every row's outcome and every problem; `apply_import` needs `ok` to be true."""

    kind: str
    source: ImportSource
    mapping: dict[int, str]
    rows: tuple[PreviewRow, ...]
    problems: tuple[CellProblem, ...]
    notes: tuple[str, ...]
    ignored: dict[int, str]
    today: date
    plans: tuple[Any, ...] = field(default=(), repr=False)
    reasons: dict[int, str] = field(default_factory=dict)
    skipped: tuple[SkippedRow, ...] = ()
    # The matrix the new risks passed the services' rules with (the import checks only what
    # the database knows again while it is unchanged).
    checked_with: Any = field(default=None, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def describe(self) -> str:
        """One line: how many rows do what ("6 rows: 1 to create, 0 to update, 0 unchanged, 5 with problems.")."""
        parts = [_say("cli.count_create", {"count": self.count(CREATE)})]
        if self.kind != "readings":
            parts.append(_say("cli.count_update", {"count": self.count(UPDATE)}))
        parts.append(_say("cli.count_unchanged", {"count": self.count(UNCHANGED)}))
        if self.count(INVALID):
            parts.append(_say("cli.count_invalid", {"count": self.count(INVALID)}))
        return _say(f"cli.preview_{self.kind}", {"count": len(self.rows), "parts": parts})

    def mapped_columns(self) -> list[tuple[str, str, str]]:
        """(column letter, header, field label) of each mapped column, left to right."""
        return [
            (column_letter(index), self.source.header_of(index), field_label(self.kind, key))
            for index, key in sorted(self.mapping.items())
        ]

    def reason(self, index: int) -> str:
        """Why a column was mapped as it is ("header", "values are levels", "chosen")."""
        return self.reasons.get(index, "")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an applied import wrote."""

    kind: str
    created: int
    updated: int
    unchanged: int
    codes: tuple[str, ...] = ()
    #: (the workbook's own ID, the OpsDesk code) of each created or updated risk that has one
    references: tuple[tuple[str, str], ...] = ()

    def describe(self) -> str:
        """ "N unchanged, M updated, K created." (readings: recorded and already there)."""
        counts = {"created": self.created, "updated": self.updated, "unchanged": self.unchanged}
        return _say(f"cli.result_{self.kind}", counts)


class ImportRefusedError(OpsDeskError):
    """The import met problems; nothing was written. `problems` names each one."""

    def __init__(self, problems: Sequence[CellProblem]) -> None:
        super().__init__("import.refused", count=len(problems))
        self.problems = tuple(problems)

    def summary(self) -> str:
        return self.message()


# Shared machinery -------------------------------------------------------------------------


def _report(progress: Progress | None) -> Progress:
    def report(percent: int, message: str) -> None:
        if progress is not None:
            progress(max(0, min(100, int(percent))), message)

    return report


@functools.lru_cache(maxsize=1024)
def _label_in(language: str, group: str, code: str) -> str:
    return _catalogue_label(group, code, language)


def choice_label(group: str, code: str) -> str:
    """A code's label in the language of the moment (cached: the preview asks for it in every row)."""
    return _label_in(_language(), group, code)


def _sentence_tail(message: str) -> str:
    """A service's sentence after "Row 5, column D (X): ": lower-case its first word if it is common."""
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        return message[0].lower() + message[1:]
    return message


class _ServiceSentence(OpsDeskError):
    """A service's problem inside a cell problem ("import.said"), made in the language it is shown in."""

    def __init__(self, problem: Problem, tail: bool) -> None:
        super().__init__("import.said")
        self.problem, self.tail = problem, tail

    def message(self, language: str | None = None) -> str:
        said = self.problem.message(language)
        return _sentence_tail(said) if self.tail else said


def _said(error: OpsDeskError) -> dict[str, object]:
    """The parameters of "import.said" for an error shown as it is (a conflict, a missing record)."""
    return {"message": error}


class _RowProblems:
    """Collects the problems of one source row, placed by column."""

    def __init__(self, source: ImportSource, row: SourceRow) -> None:
        self.source, self.row, self.items = source, row, []

    def cell(self, index: int | None, code: str, params: Mapping[str, object] | None = None) -> None:
        params = dict(params or {})
        if index is None:
            self.items.append(CellProblem(self.row.number, None, "", code, params))
        else:
            self.items.append(
                CellProblem(self.row.number, column_letter(index), self.source.header_of(index), code, params)
            )


def _check_mapping(source: ImportSource, mapping: Mapping[int, str], kind: str) -> list[CellProblem]:
    problems: list[CellProblem] = []
    specs = {spec.key: spec for spec in field_specs(kind)}
    used: dict[str, int] = {}
    for index, key in sorted(mapping.items()):
        if index < 0:
            problems.append(CellProblem(None, None, "", "import.mapping.no_column", {"number": index + 1}))
            continue
        if key not in specs:
            problems.append(
                CellProblem(
                    None,
                    column_letter(index),
                    source.header_of(index),
                    "import.mapping.not_a_field",
                    {"key": key, "kind": Term("import_word", kind), "fields": list(specs)},
                )
            )
            continue
        if not 0 <= index < max(len(source.headers), 1):
            problems.append(CellProblem(None, column_letter(index), "", "import.mapping.beyond"))
            continue
        if key in used and not specs[key].multiple:
            problems.append(
                CellProblem(
                    None,
                    column_letter(index),
                    source.header_of(index),
                    "import.mapping.taken",
                    {"field": field_label(kind, key), "column": column_letter(used[key])},
                )
            )
            continue
        used.setdefault(key, index)
    return problems


def _single_columns(mapping: Mapping[int, str]) -> dict[str, int]:
    columns: dict[str, int] = {}
    for index, key in sorted(mapping.items()):
        columns.setdefault(key, index)
    return columns


def _parse_cells(
    row: SourceRow,
    columns: Mapping[str, int],
    parsers: Mapping[str, Callable[[object, int], object]],
    problems: _RowProblems,
) -> dict[str, object]:
    """Parse every mapped, non-blank cell of a row; a refused cell adds a problem."""
    values: dict[str, object] = {}
    for key, index in columns.items():
        parser = parsers.get(key)
        raw = row.values[index] if index < len(row.values) else None
        if parser is None or is_blank(raw):
            continue
        try:
            values[key] = parser(raw, index)
        except CellValueError as exc:
            problems.cell(index, exc.code, exc.params)
    return values


# A preview and an import make tens of thousands of drafts and rows with no cycles: the collector
# would only walk them, and every full pass walks the whole process (in the window: every page's
# rows). On the window's worker it is paused anyway while the job runs.
@collector_paused()
def preview_import(
    *,
    session: Session,
    source: ImportSource,
    mapping: Mapping[int, str] | None = None,
    defaults: ImportDefaults | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Check every row against the database and the services' rules, writing nothing."""
    report = _report(progress)
    today = today or date.today()
    kind = source.kind
    guess = _guess(session, source)
    mapping = dict(guess.mapping if mapping is None else mapping)
    reasons = {
        index: (guess.reasons.get(index, "header") if guess.mapping.get(index) == key else "chosen")
        for index, key in mapping.items()
    }
    sheet_problems = _check_mapping(source, mapping, kind)
    notes = list(source.notes)
    report(0, _say("import.progress.checking"))
    builder = {"risks": _plan_risks, "readings": _plan_readings, "measurements": _plan_measurements}[kind]
    skipped: list[SkippedRow] = []
    if sheet_problems:
        drafts: list[_Draft] = []
    else:
        drafts, more_problems, more_notes = builder(
            session, source, mapping, defaults or ImportDefaults(), today
        )
        sheet_problems += more_problems
        notes += more_notes
        skipped = [SkippedRow(d.row, d.skipped) for d in drafts if d.skipped]
        drafts = [d for d in drafts if not d.skipped]
    report(50, _say("import.progress.against"))
    runnable = [d for d in drafts if not d.problems and d.data is not None and d.action in (CREATE, UPDATE)]
    checked_with = None
    if kind == "risks" and runnable and not sheet_problems:
        # New risks are checked in plain Python over the batch: writing them only to roll back
        # would double the import's time. Changed risks still go through the service.
        from opsdesk.services import settings

        checked_with = settings.get_matrix(session=session)
        refused = _check_new_risks(session, runnable, today)
        for draft in runnable:
            draft.problems.extend(refused.get(draft.row, []))
        runnable = [
            d for d in runnable if d.action != CREATE or d.actions
        ]  # actions: checked by their service
    if runnable and not sheet_problems:
        found = _execute(session, kind, runnable, today, _scaled(report, 50, 50), commit=False)[0]
        for draft in runnable:
            draft.problems.extend(found.get(draft.row, []))
    rows = tuple(
        PreviewRow(
            d.row,
            INVALID if d.problems else d.action,
            d.key,
            d.title,
            tuple(d.changes),
            tuple(d.problems),
            d.cells if isinstance(d.cells, _Cells) else tuple(d.cells),
            d.reference,
        )
        for d in drafts
    )
    problems = tuple(sheet_problems) + tuple(problem for row in rows for problem in row.problems)
    if not source.rows:
        notes.append(_say("import.no_rows", {"row": source.header_row}))
    report(100, _say("import.progress.ready"))
    return ImportPreview(
        kind=kind, source=source, mapping=mapping, rows=rows, problems=problems, notes=tuple(notes),
        ignored=ignored_columns(source.headers, mapping, kind), today=today,
        plans=tuple(d for d in drafts if not d.problems), reasons=reasons, skipped=tuple(skipped),
        checked_with=checked_with,
    )  # fmt: skip


def _guess(session: Session, source: ImportSource) -> ColumnGuess:
    """The guessed mapping of a sheet, from its headers and its values (with the matrix's level names)."""
    names: list[str] = []
    if source.kind == "risks":
        from opsdesk.services import settings

        names = [band.name for band in settings.get_matrix(session=session).bands]
    return guess_columns(
        source.headers,
        source.kind,
        session=session,
        rows=[row.values for row in source.rows],
        level_names=names,
    )


def guess_source_mapping(session: Session, source: ImportSource) -> dict[int, str]:
    """The guessed mapping of a sheet from its headers and values, as the preview makes it."""
    return _guess(session, source).mapping


def guess_source_columns(session: Session, source: ImportSource) -> ColumnGuess:
    """The guessed mapping of a sheet and the reason of each guess (codes for `guess_reason`)."""
    return _guess(session, source)


def guess_reason(code: str) -> str:
    """A guess's reason as the preview says it ("values are levels")."""
    return _say(f"import.guess.{code}") if code else ""


@collector_paused()
def apply_import(
    *, session: Session, preview: ImportPreview, progress: Progress | None = None
) -> ImportResult:
    """Write the previewed rows in one transaction; any failure writes nothing and raises ImportRefusedError."""
    if not preview.ok:
        raise ImportRefusedError(preview.problems)
    report = _report(progress)
    runnable = [plan for plan in preview.plans if plan.action in (CREATE, UPDATE)]
    unchanged = sum(1 for plan in preview.plans if plan.action == UNCHANGED)
    problems, codes = _execute(
        session, preview.kind, runnable, preview.today, report, commit=True, checked_with=preview.checked_with
    )
    if problems:
        raise ImportRefusedError([problem for row in sorted(problems) for problem in problems[row]])
    report(100, _say("import.progress.done"))
    created_refs = iter(codes)
    references = []
    for plan in preview.plans:
        code = next(created_refs, "") if plan.action == CREATE and preview.kind == "risks" else plan.key
        if preview.kind == "risks" and plan.reference:
            references.append((plan.reference, code if plan.action == CREATE else plan.key))
    return ImportResult(
        kind=preview.kind,
        created=sum(1 for plan in runnable if plan.action == CREATE),
        updated=sum(1 for plan in runnable if plan.action == UPDATE),
        unchanged=unchanged,
        codes=tuple(codes),
        references=tuple(references),
    )


def _scaled(report: Progress, base: int, span: int) -> Progress:
    return lambda percent, message: report(base + span * percent // 100, message)


@dataclass
class _Draft:
    """A row on its way to a plan: the service input, where each field came from, its problems."""

    row: int
    action: str
    key: str
    title: str
    problems: list[CellProblem] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    columns: dict[str, int | None] = field(default_factory=dict)
    target_id: int | None = None
    version: int | None = None
    data: Any = None
    assessments: tuple[Any, ...] = ()
    source: ImportSource | None = field(default=None, repr=False)
    skipped: str = ""  # why the row is not a risk ("footer text"); such rows are left out
    cells: Sequence[CellRead] = field(default_factory=list)
    reference: str = ""
    actions: tuple[Any, ...] = ()

    def problem(self, key: str | None, code: str, /, **params: object) -> None:
        index = self.columns.get(key) if key else None
        header = self.source.header_of(index) if (self.source and index is not None) else ""
        self.problems.append(
            CellProblem(self.row, None if index is None else column_letter(index), header, code, params)
        )


def _execute(
    session: Session,
    kind: str,
    drafts: Sequence[_Draft],
    today: date,
    report: Progress,
    *,
    commit: bool,
    checked_with: Any = None,
) -> tuple[dict[int, list[CellProblem]], list[str]]:
    """Run the plans through the services in one transaction; problems by row, and new risk codes."""
    from opsdesk.store.database import bulk_page_cache  # the database layer, only once one is open

    run = {"risks": _run_risks, "readings": _run_readings, "measurements": _run_measurements}[kind]
    if kind == "risks":
        run = partial(_run_risks, checked_with=checked_with)
    problems: dict[int, list[CellProblem]] = defaultdict(list)
    codes: list[str] = []
    # The ordinary service calls, inside a savepoint of the caller's transaction: a preview
    # (or any refused row) rolls back to it, leaving the caller's own work as it was; a
    # clean import is kept and saved when the caller commits.
    savepoint = session.begin_nested()
    try:
        with bulk_page_cache(session):
            run(session, drafts, today, report, problems, codes)
    except (ConflictError, NotFoundError) as exc:
        problems[drafts[0].row if drafts else 0].append(
            CellProblem(None, None, "", "import.said", _said(exc))
        )
    except BaseException:
        savepoint.rollback()
        raise
    if commit and not problems:
        savepoint.commit()
    else:
        savepoint.rollback()
    return dict(problems), codes


def _add_service_errors(
    draft: _Draft,
    error: ValidationError,
    problems: dict[int, list[CellProblem]],
    key_map: Callable[[str], str | None],
) -> None:
    seen: set[str] = set()
    for problem in error.problems:  # each field's first problem, as ValidationError.errors names them
        key = problem.field or "__all__"
        if key in seen:
            continue
        seen.add(key)
        field_key = key_map(key)
        index = draft.columns.get(field_key) if field_key else None
        source = draft.source
        header = source.header_of(index) if (source is not None and index is not None) else ""
        problems[draft.row].append(
            CellProblem(
                draft.row,
                None if index is None else column_letter(index),
                header,
                "import.said",
                {"message": _ServiceSentence(problem, tail=index is not None)},
            )
        )


# Risks -------------------------------------------------------------------------------------

_RISK_TEXT_FIELDS = (
    "description",
    "cause",
    "consequence",
    "rationale",
    "owner",
    "controls",
    "details",
    "reference",
)
_RISK_SERVICE_KEYS = {
    "category_id": "category",
    "department_id": "department",
}
_IDENTITY = frozenset({"title", "code", "reference"})
_UNASSIGNED = "Unassigned"  # services.risks.UNASSIGNED, which the dashboard counts
_PENDING_ID = -1  # the "Unassigned" entry, made when the import runs


def _risk_key_map(key: str) -> str | None:
    if key in _RISK_SERVICE_KEYS:
        return _RISK_SERVICE_KEYS[key]
    if "." in key:
        kind, name = key.split(".", 1)
        if name == "assessed_on":
            return "assessed_on"
        return f"{kind}_{name}"
    return key if key != "__all__" else None


def _derive_title(description: str) -> tuple[str, str]:
    """Title and description from one text: "Title: details" splits at the colon."""
    for mark in (":", "："):
        head, sep, tail = description.partition(mark)
        if sep and 0 < len(head.strip()) <= 120 and tail.strip():
            return head.strip(), tail.strip()
    if len(description) <= 120:
        return description, ""
    cut = description[:120].rsplit(" ", 1)[0]
    return f"{cut}...", description


def _risk_input_from(risk: Any) -> Any:
    from opsdesk.services.risks import RiskInput

    return RiskInput(**{f.name: getattr(risk, f.name) for f in fields(RiskInput)})


_INPUT_LABELS = {
    "category_id": "category",
    "department_id": "department",
}
_NUMBERED = re.compile(r"(?:^|\s)\(?\d{1,2}[.)]\s+|^\s*[-•*·]\s*")


def split_actions(text: str) -> list[str]:
    """Action titles from a plan: one per line or numbered item ("1. Review 2. Test"), bullets removed."""
    items: list[str] = []
    for line in text.replace("\r", "\n").split("\n"):
        parts = _NUMBERED.split(line)
        items += [" ".join(part.split()) for part in parts if part.strip()]
    return items


def _risk_parsers(session: Session, source: ImportSource, mapping: Mapping[int, str]) -> dict[str, Callable]:
    from opsdesk.services import settings

    matrix = settings.get_matrix(session=session)
    departments = [
        (d.id, d.name, d.code) for d in settings.list_departments(session=session, include_archived=True)
    ]
    categories = [
        (c.id, c.name, c.code) for c in settings.list_categories(session=session, include_archived=True)
    ]
    likelihood = level_words(matrix.likelihood_labels, "likelihood")
    impact = level_words(matrix.impact_labels, "impact")
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}
    kinds = {spec.key: spec.kind for spec in field_specs("risks")}
    bands = _band_words(matrix)

    def statuses() -> list[str]:
        return list(LABELS["risk_status"].values())

    def choice(words: Mapping[str, str], what: str, group: str) -> Callable[[object, int], object]:
        def parse(raw: object, _index: int) -> object:
            try:
                return parse_choice(raw, words, what, Term.choices_of(group))
            except CellValueError:
                first = parse_first_choice(raw, words)
                if first is None:
                    raise
                return first[0]

        return parse

    def level(raw: object, _index: int) -> object:
        found = bands.get(normalize_word(parse_text(raw)))
        if found is None:
            raise CellValueError(
                "import.value.not_level",
                value=shown(raw),
                levels=[Term("matrix_name", band.name) for band in matrix.bands],
            )
        return found

    by_kind: dict[str, Callable[[object, int], object]] = {
        "code": lambda raw, _i: parse_text(raw),
        "text": lambda raw, _i: parse_text(raw),
        "longtext": lambda raw, _i: parse_text(raw),
        "date": lambda raw, i: parse_date(raw, day_first=day_first.get(i, True)),
        "likelihood": lambda raw, _i: parse_level(
            raw, likelihood, matrix.likelihood_count, "likelihood", matrix.likelihood_labels
        ),
        "impact": lambda raw, _i: parse_level(
            raw, impact, matrix.impact_count, "impact", matrix.impact_labels
        ),
        "percent": lambda raw, _i: parse_number(raw, "a percentage"),
        "amount": lambda raw, _i: parse_number(raw, "an amount"),
        "category": lambda raw, _i: match_named(raw, categories, CATEGORY_SYNONYMS, "risk category"),
        "department": lambda raw, _i: match_named(raw, departments, DEPARTMENT_SYNONYMS, "department"),
        "status": choice(STATUS_WORDS, "a risk status", "risk_status"),
        "strategy": choice(STRATEGY_WORDS, "a response strategy", "strategy"),
        "source": choice(SOURCE_WORDS, "an identification source", "source"),
        "level": level,
        "actions": lambda raw, _i: tuple(split_actions(parse_text(raw))),
    }
    del statuses
    return {key: _remembered(by_kind[kind]) if kind in _REPEATED_KINDS else by_kind[kind]
            for key, kind in kinds.items()}  # fmt: skip


# Cells of these kinds repeat the same few words down a column (departments, levels, statuses):
# each distinct value is parsed once per column. Free text is not worth keeping.
_REPEATED_KINDS = frozenset(
    {"date", "likelihood", "impact", "category", "department", "status", "strategy", "source", "level"}
)


def _remembered(parse: Callable[[object, int], object]) -> Callable[[object, int], object]:
    """The parser, answering a value it has read before in the same column from memory (refusals are not kept)."""
    known: dict[tuple[int, type, object], object] = {}

    def parsed(raw: object, index: int) -> object:
        key = (index, type(raw), raw)
        try:
            return known[key]
        except KeyError:
            value = known[key] = parse(raw, index)
            return value
        except TypeError:  # an unhashable value: parsed every time
            return parse(raw, index)

    return parsed


def _band_words(matrix: Any) -> dict[str, str]:
    """Level band names and codes (English and Chinese) -> band code."""
    from opsdesk.reports.excel_text import band_name, use_language

    words: dict[str, str] = {}
    for band in matrix.bands:
        words.setdefault(normalize_word(band.code), band.code)
        words.setdefault(normalize_word(band.name), band.code)
        with use_language("zh_CN"):
            words.setdefault(normalize_word(band_name(band.name)), band.code)
    for extra, code in (
        ("中", "medium"),
        ("低", "low"),
        ("高", "high"),
        ("极高", "critical"),
        ("很高", "critical"),
        ("moderate", "medium"),
        ("extreme", "critical"),
        ("very high", "critical"),
    ):
        if any(band.code == code for band in matrix.bands):
            words.setdefault(normalize_word(extra), code)
    return words


def _resolve_defaults(
    session: Session, defaults: ImportDefaults
) -> tuple[dict[str, object], list[CellProblem]]:
    from opsdesk.services import settings

    resolved: dict[str, object] = {}
    problems: list[CellProblem] = []
    if defaults.department:
        items = [(d.id, d.name, d.code) for d in settings.list_departments(session=session)]
        try:
            resolved["department"] = match_named(
                defaults.department, items, DEPARTMENT_SYNONYMS, "department"
            )
        except CellValueError as exc:
            problems.append(CellProblem(None, None, "", "import.default_department", {"problem": exc}))
    if defaults.category:
        items = [(c.id, c.name, c.code) for c in settings.list_categories(session=session)]
        try:
            resolved["category"] = match_named(defaults.category, items, CATEGORY_SYNONYMS, "risk category")
        except CellValueError as exc:
            problems.append(CellProblem(None, None, "", "import.default_category", {"problem": exc}))
    if defaults.identified_on:
        resolved["identified_on"] = defaults.identified_on
    return resolved, problems


def _unassigned_ids(session: Session) -> dict[str, int]:
    """The ids of the "Unassigned" department and category where they exist already."""
    from opsdesk.services import settings

    found: dict[str, int] = {}
    for key, items in (
        ("department", settings.list_departments(session=session, include_archived=True)),
        ("category", settings.list_categories(session=session, include_archived=True)),
    ):
        for item in items:
            if normalize_word(item.name) == normalize_word(_UNASSIGNED):
                found[key] = item.id
    return found


def workbook_date(path: Path) -> date | None:
    """The date the workbook was last saved (else created), from its document properties."""
    import re as _re
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            text = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    for tag in ("modified", "created"):
        match = _re.search(rf"<dcterms:{tag}[^>]*>(\d{{4}})-(\d{{2}})-(\d{{2}})", text)
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                continue
    return None


def _row_kind(
    row: SourceRow, mapping: Mapping[int, str], ignored: Mapping[int, str], only_identity: bool
) -> str:
    """Why a row is not a risk ("" when it is one): empty, footer text, or template formulas only."""
    filled = {
        key for index, key in mapping.items() if index < len(row.values) and not is_blank(row.values[index])
    }
    if not filled:
        extra = any(index in ignored for index, value in enumerate(row.values) if not is_blank(value))
        return _say("import.skip.template") if extra else _say("import.skip.empty")
    identity = filled & _IDENTITY
    others = {key for key in filled - _IDENTITY if not key.endswith("_level")}
    if not identity and not others:
        return _say("import.skip.template")
    if identity and not others and not only_identity:
        levels = any(key.endswith("_level") for key in filled)
        return (
            _say("import.skip.template") if levels and "title" not in identity else _say("import.skip.footer")
        )
    return ""


def _shown_value(key: str, value: object, names: Mapping[str, Mapping[int, str]], matrix: Any) -> str:
    """A parsed value as the preview shows it."""
    if value is None or value == "":
        return ""
    if key in ("department", "category"):
        return names[key].get(value, _UNASSIGNED) if isinstance(value, int) and value > 0 else _UNASSIGNED
    if key == "status":
        return choice_label("risk_status", str(value))
    if key in ("strategy", "source"):
        return choice_label(key, str(value))
    if key.endswith("_likelihood") and isinstance(value, int):
        return f"{value} ({choice_label('matrix_name', matrix.likelihood_labels[value - 1])})"
    if key.endswith("_impact") and isinstance(value, int):
        return f"{value} ({choice_label('matrix_name', matrix.impact_labels[value - 1])})"
    if key.endswith("_level"):
        band = matrix.band(str(value)) if hasattr(matrix, "band") else None
        return choice_label("matrix_name", band.name) if band is not None else str(value)
    if key == "actions" and isinstance(value, tuple):
        return " | ".join(value) if value else ""
    if isinstance(value, date):
        return value.isoformat()
    return parse_text(value)


def _plan_risks(
    session: Session, source: ImportSource, mapping: Mapping[int, str], defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import actions as action_service
    from opsdesk.services import reporting, risks, settings

    matrix = settings.get_matrix(session=session)
    columns = _single_columns(mapping)
    detail_columns = [index for index, key in sorted(mapping.items()) if key == "details"]
    own_details = {index for index in detail_columns
                   if normalize_word(source.header_of(index)) in _details_headers()}  # fmt: skip
    parsers = _risk_parsers(session, source, mapping)
    default_values, sheet_problems = _resolve_defaults(session, defaults)
    notes: list[str] = []
    # Rows match risks by reference, then by code: only the risks a row names are read in full.
    existing: dict[str, int] = {}
    by_reference: dict[str, int] = {}
    for risk_id, risk_code, risk_reference in risks.risk_identities(session=session):
        existing[risk_code.upper()] = risk_id
        if risk_reference:
            by_reference.setdefault(normalize_word(risk_reference), risk_id)
    named: set[int] = set()
    for row in source.rows:
        for index, table, fold in (
            (columns.get("code"), existing, str.upper),
            (columns.get("reference"), by_reference, normalize_word),
        ):
            if index is not None and index < len(row.values) and not is_blank(row.values[index]):
                found_id = table.get(fold(parse_text(row.values[index])))
                if found_id is not None:
                    named.add(found_id)
    named_risks = risks.get_risks(session=session, risk_ids=sorted(named), today=today) if named else {}
    derive_title = "title" not in columns and "description" in columns
    if derive_title:
        notes.append(
            _say(
                "import.note.title_from",
                {
                    "column": column_letter(columns["description"]),
                    "header": source.header_of(columns["description"]),
                },
            )
        )
    if "title" not in columns and "description" not in columns:
        sheet_problems.append(
            CellProblem(None, None, "", "import.no_title_column", {"field": field_label("risks", "title")})
        )
        return [], sheet_problems, notes
    names = {
        "department": {
            d.id: d.name for d in settings.list_departments(session=session, include_archived=True)
        },
        "category": {c.id: c.name for c in settings.list_categories(session=session, include_archived=True)},
    }
    unassigned = _unassigned_ids(session)
    book_day = min(workbook_date(source.path) or today, today)
    ignored = ignored_columns(source.headers, mapping, "risks")
    only_identity = not (set(columns) - _IDENTITY - {"details"})
    history: dict[int, list[Any]] | None = None
    action_titles: dict[int, set[str]] | None = None
    seen_codes: dict[str, int] = {}
    drafts: list[_Draft] = []
    missing: dict[str, int] = defaultdict(int)
    defaulted: dict[str, int] = defaultdict(int)
    words_read: dict[int, dict[str, str]] = defaultdict(dict)
    cell_columns = [
        (index, key, column_letter(index), source.header_of(index)) for index, key in sorted(mapping.items())
    ]
    for row in source.rows:
        why = _row_kind(row, mapping, ignored, only_identity)
        if why:
            drafts.append(_Draft(row=row.number, action=UNCHANGED, key="", title="", skipped=why))
            continue
        cell_problems = _RowProblems(source, row)
        values = _parse_cells(row, columns, parsers, cell_problems)
        _note_words(row, columns, values, words_read, notes)
        if detail_columns:
            lines = []
            for index in detail_columns:
                raw = row.values[index] if index < len(row.values) else None
                if not is_blank(raw):
                    text = parse_text(raw)
                    lines.append(text if index in own_details else f"{source.header_of(index)}: {text}")
            values["details"] = "\n".join(lines)
        code = str(values.get("code", "")).strip()
        key = code.upper()
        reference = str(values.get("reference", "")).strip()
        title = str(values.get("title", ""))
        if derive_title and values.get("description"):
            title, values["description"] = _derive_title(str(values["description"]))
            values["title"] = title
        draft = _Draft(
            row=row.number,
            action=CREATE,
            key=code or reference,
            title=title,
            source=source,
            columns=dict(columns),
            problems=cell_problems.items,
            reference=reference,
        )
        if derive_title:
            draft.columns["title"] = columns["description"]
        identity = f"code:{key}" if key else (f"ref:{normalize_word(reference)}" if reference else "")
        if identity:
            if identity in seen_codes:
                what = "code" if key else "reference"
                draft.problem(
                    what, f"import.duplicate_{what}", value=code or reference, row=seen_codes[identity]
                )
            else:
                seen_codes[identity] = row.number
        current_id = (by_reference.get(normalize_word(reference)) if reference else None) or (
            existing.get(key) if key else None
        )
        current = named_risks.get(current_id) if current_id is not None else None
        if current is None:
            _fill_new_risk(values, columns, default_values, unassigned, defaulted, book_day, today)
            _draft_create(draft, values, columns, default_values, missing)
        else:
            if history is None:
                history = reporting.assessment_history(session=session)
            _draft_update(draft, current, values, columns, history.get(current.id, []), today)
        _levels_check(draft, values, matrix, notes)
        if "actions" in values:
            if current is not None and action_titles is None:
                action_titles = defaultdict(set)
                for item in action_service.list_actions(session=session, include_archived=True, today=today):
                    if item.risk_id is not None:
                        action_titles[item.risk_id].add(normalize_word(item.title))
            known = action_titles.get(current.id, set()) if (current is not None and action_titles) else set()
            draft.actions = _actions_for(values, known)
            if current is not None and draft.actions and not draft.problems:
                draft.changes.append(_say("import.change.actions"))
                if draft.action == UNCHANGED:
                    draft.action = UPDATE
        draft.cells = _Cells(
            partial(_cells_of, cell_columns, values, row, source, own_details, names, matrix)
        )
        drafts.append(draft)
    for field_key, count in missing.items():
        sheet_problems.append(
            CellProblem(None, None, "", f"import.missing_column.{field_key}", {"count": count})
        )
    for field_key in ("department", "category"):
        if defaulted[field_key]:
            notes.append(
                _say(
                    "import.note.unassigned", {"count": defaulted[field_key], "what": Term.record(field_key)}
                )
            )
    if defaulted["identified_on"]:
        notes.append(_say("import.note.identified", {"count": defaulted["identified_on"], "day": book_day}))
    if "reference" in columns:
        notes.append(_say("import.note.references"))
    if "actions" in columns:
        index = columns["actions"]
        extra = "".join(
            _say(
                f"import.note.actions_{k.removeprefix('action_')}",
                {"column": column_letter(columns[k]), "header": source.header_of(columns[k])},
            )
            for k in ("action_owner", "action_due")
            if k in columns
        )
        notes.append(
            _say(
                "import.note.actions",
                {"column": column_letter(index), "header": source.header_of(index), "extra": extra},
            )
        )
    notes += _scale_notes(words_read, source, columns, matrix)
    return drafts, sheet_problems, notes


def _details_headers() -> set[str]:
    from opsdesk.domain.catalogue import field_label as catalogue_label
    from opsdesk.domain.records import RISK

    spec = RISK["details"]
    return {
        normalize_word(text)
        for text in (spec.label, *spec.synonyms, catalogue_label("risk", "details", "zh_CN"))
    }


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


class _Cells(Sequence[CellRead]):
    """A row's cells as read, made when first looked at: a preview of 10,000 rows shows a few screens of them.

    They are worded in the language the preview was made in, whichever thread reads them.
    """

    __slots__ = ("_make", "_cells", "_language")

    def __init__(self, make: Callable[[], list[CellRead]]) -> None:
        self._make: Callable[[], list[CellRead]] | None = make
        self._cells: tuple[CellRead, ...] = ()
        self._language = _language()

    def _all(self) -> tuple[CellRead, ...]:
        make = self._make
        if make is not None:
            from opsdesk.domain.catalogue import use_language

            with use_language(self._language):
                self._cells = tuple(make())
            self._make = None
        return self._cells

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __iter__(self) -> Any:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        return self._all() == (tuple(other) if isinstance(other, Sequence) else other)

    def __hash__(self) -> int:
        return hash(self._all())

    def __repr__(self) -> str:
        return repr(self._all())


def _cells_of(
    columns: Sequence[tuple[int, str, str, str]],
    values: Mapping[str, object],
    row: SourceRow,
    source: ImportSource,
    own: set[int],
    names: Mapping[str, Mapping[int, str]],
    matrix: Any,
) -> list[CellRead]:
    """Each mapped, non-blank cell of a row: the workbook's text and what OpsDesk stores."""
    return [
        CellRead(
            letter,
            header,
            _short(parse_text(raw)),
            _cell_stored(index, field_key, values, row, source, own, names, matrix),
        )
        for index, field_key, letter, header in columns
        if index < len(row.values) and not is_blank(raw := row.values[index])
    ]


def _cell_stored(
    index: int,
    key: str,
    values: Mapping[str, object],
    row: SourceRow,
    source: ImportSource,
    own: set[int],
    names: Mapping[str, Mapping[int, str]],
    matrix: Any,
) -> str:
    if key == "details":
        text = parse_text(row.values[index])
        return _short(text if index in own else f"{source.header_of(index)}: {text}")
    if key not in values:
        return _say("import.cell.refused") if key not in ("actions",) else ""
    return _short(_shown_value(key, values[key], names, matrix))


def _note_words(
    row: SourceRow,
    columns: Mapping[str, int],
    values: Mapping[str, object],
    words_read: dict[int, dict[str, str]],
    notes: list[str],
) -> None:
    """Remember how words were read (likelihood "High", status "On Hold"), for the notes; name extra choices."""
    for key, index in columns.items():
        if not (
            key.endswith(("_likelihood", "_impact"))
            and "financial" not in key
            or key in ("status", "strategy", "source")
        ):
            continue  # a column of free text or numbers: no words to note
        raw = row.values[index] if index < len(row.values) else None
        if key not in values or not isinstance(raw, str) or _is_plain_number(raw):
            continue
        word = raw.strip()
        seen = words_read[index]
        if word not in seen:
            seen[word] = str(values[key])
        if key in ("status", "strategy", "source"):
            table = {"status": STATUS_WORDS, "strategy": STRATEGY_WORDS, "source": SOURCE_WORDS}[key]
            if normalize_word(word) not in table:
                first = parse_first_choice(raw, table)
                if first is not None:
                    notes.append(
                        _say(
                            "import.note.more_choices",
                            {
                                "row": row.number,
                                "column": column_letter(index),
                                "text": word,
                                "value": _choice_label(key, first[0]),
                                "rest": list(first[1]),
                            },
                        )
                    )


def _is_plain_number(text: str) -> bool:
    try:
        float(text.strip())
    except ValueError:
        return False
    return True


def _choice_label(key: str, code: str) -> str:
    return choice_label({"status": "risk_status"}.get(key, key), code)


def _scale_notes(
    words_read: Mapping[int, Mapping[str, str]], source: ImportSource, columns: Mapping[str, int], matrix: Any
) -> list[str]:
    """How words were read: level words placed on the matrix's scale, status words that are not OpsDesk's."""
    notes: list[str] = []
    keys = {index: key for key, index in columns.items()}
    for index, seen in sorted(words_read.items()):
        key = keys.get(index, "")
        if key.endswith(("_likelihood", "_impact")):
            labels = matrix.likelihood_labels if key.endswith("_likelihood") else matrix.impact_labels
            own = {normalize_word(label) for label in labels}
            placed = [(word, int(number)) for word, number in seen.items() if normalize_word(word) not in own]
            if placed:
                order = sorted(placed, key=lambda item: item[1])
                text = [
                    _say(
                        "import.note.scale_word",
                        {
                            "word": word,
                            "number": number,
                            "label": choice_label("matrix_name", labels[number - 1]),
                        },
                    )
                    for word, number in order
                ]
                notes.append(
                    _say(
                        "import.note.scale",
                        {
                            "column": column_letter(index),
                            "header": source.header_of(index),
                            "placed": text,
                            "count": len(labels),
                        },
                    )
                )
        elif key == "status":
            for word, code in seen.items():
                if normalize_word(word) in APPROXIMATE_STATUS_WORDS:
                    notes.append(
                        _say("import.note.on_hold", {"word": word, "value": _choice_label(key, code)})
                    )
                elif normalize_word(word) not in {normalize_word(v) for v in LABELS["risk_status"].values()}:
                    notes.append(_say("import.note.word", {"word": word, "value": _choice_label(key, code)}))
        elif key in ("strategy", "source"):
            for word, code in seen.items():
                if normalize_word(word) not in {normalize_word(v) for v in LABELS[key].values()}:
                    notes.append(_say("import.note.word", {"word": word, "value": _choice_label(key, code)}))
    return notes


def _fill_new_risk(
    values: dict[str, object],
    columns: Mapping[str, int],
    default_values: Mapping[str, object],
    unassigned: Mapping[str, int],
    defaulted: dict[str, int],
    book_day: date,
    today: date,
) -> None:
    """A new risk's department, category and identification date when the sheet has no column for them."""
    for key in ("department", "category"):
        if key not in columns and key not in default_values:
            values[key] = unassigned.get(key, _PENDING_ID)
            defaulted[key] += 1
    if "identified_on" not in columns and "identified_on" not in default_values:
        days = [value for key, value in values.items() if isinstance(value, date) and key != "identified_on"]
        values["identified_on"] = min([book_day, *days, today])
        defaulted["identified_on"] += 1


def _levels_check(draft: _Draft, values: Mapping[str, object], matrix: Any, notes: list[str]) -> None:
    """Rows whose stated level differs from the matrix's, and rows that state only a level."""
    for kind in ASSESSMENT_KINDS:
        stated = values.get(f"{kind}_level")
        if stated is None:
            continue
        likelihood, impact = values.get(f"{kind}_likelihood"), values.get(f"{kind}_impact")
        band = matrix.band(str(stated)) if hasattr(matrix, "band") else None
        stated_name = choice_label("matrix_name", band.name) if band is not None else str(stated)
        if likelihood is None or impact is None:
            notes.append(
                _say(
                    "import.note.level_only",
                    {"row": draft.row, "kind": Term("import_word", kind), "stated": stated_name},
                )
            )
            continue
        computed = matrix.level(int(likelihood), int(impact))
        if computed.code != stated:
            notes.append(
                _say(
                    "import.note.level_differs",
                    {
                        "row": draft.row,
                        "stated": stated_name,
                        "computed": choice_label("matrix_name", computed.name),
                        "kind": Term("import_word", kind),
                        "likelihood": likelihood,
                        "impact": impact,
                    },
                )
            )


def _actions_for(values: Mapping[str, object], known: set[str]) -> tuple[Any, ...]:
    from opsdesk.services.actions import ActionInput

    owner = str(values.get("action_owner") or values.get("owner") or "")
    due = values.get("action_due")
    found = []
    for text in values.get("actions") or ():  # type: ignore[union-attr]
        title, note = (text, "") if len(text) <= 200 else (text[:197] + "...", text)
        if normalize_word(title) in known:
            continue
        known = known | {normalize_word(title)}
        found.append(ActionInput(title=title, owner=owner[:120], due_date=due, note=note))  # type: ignore[arg-type]
    return tuple(found)


def _assessments_for(
    draft: _Draft, values: Mapping[str, object], columns: Mapping[str, int], assessed_on: date | None
) -> list[Any]:
    from opsdesk.services.risks import AssessmentInput

    found = []
    for kind in ASSESSMENT_KINDS:
        likelihood, impact = values.get(f"{kind}_likelihood"), values.get(f"{kind}_impact")
        probability, money = values.get(f"{kind}_probability"), values.get(f"{kind}_financial_impact")
        if likelihood is None and impact is None:
            if (probability is not None or money is not None) and f"{kind}_likelihood" in columns:
                draft.problem(
                    f"{kind}_likelihood", "import.assessment_needs_both", kind=Term("import_word", kind)
                )
            continue
        if likelihood is None or impact is None:
            missing = f"{kind}_likelihood" if likelihood is None else f"{kind}_impact"
            present = f"{kind}_impact" if likelihood is None else f"{kind}_likelihood"
            what = "likelihood" if likelihood is None else "impact"
            draft.problem(
                missing if missing in columns else present,
                "import.assessment_missing",
                kind=Term("import_word", kind),
                what=Term("import_word", what),
            )
            continue
        found.append(
            AssessmentInput(
                kind=kind,
                likelihood=int(likelihood),
                impact=int(impact),
                assessed_on=assessed_on,
                probability=probability,
                financial_impact=money,
            )
        )  # type: ignore[arg-type]
    return found


def _draft_create(
    draft: _Draft,
    values: dict[str, object],
    columns: Mapping[str, int],
    default_values: Mapping[str, object],
    missing: dict[str, int],
) -> None:
    """A new risk; required fields come from the row, else from the defaults."""
    from opsdesk.services.risks import RiskInput

    refused = {problem.column for problem in draft.problems}
    for required in ("department", "category", "identified_on"):
        if required in values:
            continue
        if required in columns and column_letter(columns[required]) in refused:
            continue  # its cell was refused already; "required" would say it twice
        if required in default_values:
            values[required] = default_values[required]
            draft.columns.setdefault(required, None)
        elif required in columns:
            draft.problem(required, "import.required", what=Term("import_word", required))
        else:
            missing[required] += 1
    if not values.get("title") and not (
        "title" in draft.columns and column_letter(draft.columns["title"] or 0) in refused
    ):
        draft.problem("title", "import.required", what=Term("import_word", "title"))
    if draft.problems or any(key not in values for key in ("department", "category", "identified_on")):
        return  # refused here (or by the sheet-level message about a missing column)
    identified_on = values["identified_on"]
    assessed_on = values.get("assessed_on") or identified_on
    if "assessed_on" not in values:
        # Assessment dates come from the identification date: point its messages there.
        draft.columns["assessed_on"] = draft.columns.get("identified_on")
    draft.data = RiskInput(
        title=str(values["title"]), category_id=int(values["category"]), department_id=int(values["department"]),
        identified_on=identified_on, description=str(values.get("description", "")),  # type: ignore[arg-type]
        cause=str(values.get("cause", "")), consequence=str(values.get("consequence", "")),
        source=str(values.get("source", "other")), owner=str(values.get("owner", "")),
        status=str(values.get("status", "identified")), next_review=values.get("next_review"),  # type: ignore[arg-type]
        strategy=values.get("strategy"), rationale=str(values.get("rationale", "")),  # type: ignore[arg-type]
        acceptance_approver=values.get("acceptance_approver") or None,  # type: ignore[arg-type]
        acceptance_justification=values.get("acceptance_justification") or None,  # type: ignore[arg-type]
        accepted_on=values.get("accepted_on"), acceptance_expires=values.get("acceptance_expires"),  # type: ignore[arg-type]
        reference=str(values.get("reference", "")), controls=str(values.get("controls", "")),
        details=str(values.get("details", "")),
    )  # fmt: skip
    draft.assessments = tuple(_assessments_for(draft, values, columns, assessed_on))  # type: ignore[arg-type]


def _draft_update(
    draft: _Draft,
    risk: Any,
    values: dict[str, object],
    columns: Mapping[str, int],
    history: Sequence[Any],
    today: date,
) -> None:
    """An update of an existing risk; mapped cells replace its values, unmapped fields stay."""
    from opsdesk.services.reporting import current_assessments
    from opsdesk.services.risks import AssessmentInput

    draft.action, draft.key, draft.target_id, draft.version = UPDATE, risk.code, risk.id, risk.version
    base = _risk_input_from(risk)
    changes: dict[str, object] = {}
    for key in ("title", "status", "identified_on", "next_review", "source"):
        if key in values:
            changes[key] = values[key]
    if changes.get("status") == "identified" and risk.status == "assessed":
        changes["status"] = (
            "assessed"  # OpsDesk moved it on when it was assessed; the workbook's word means the same
        )
    if "title" in columns and "title" not in values:
        draft.problem("title", "import.required", what=Term("import_word", "title"))
    for key in ("department", "category"):
        if key in values:
            changes[f"{key}_id"] = values[key]
    for key in _RISK_TEXT_FIELDS:
        if key in columns:  # a blank cell in a mapped column empties the field
            changes[key] = str(values.get(key, ""))
    for key in (
        "acceptance_approver",
        "acceptance_justification",
        "accepted_on",
        "acceptance_expires",
        "strategy",
    ):
        if key in columns:
            changes[key] = values.get(key) or None
    data = replace(base, **changes)
    draft.title = data.title
    draft.data = data
    draft.changes = [
        _input_label(f.name) for f in fields(data) if getattr(data, f.name) != getattr(base, f.name)
    ]
    current = current_assessments(history)
    assessments = []
    for kind in ASSESSMENT_KINDS:
        likelihood, impact = values.get(f"{kind}_likelihood"), values.get(f"{kind}_impact")
        if likelihood is None and impact is None:
            continue
        if likelihood is None or impact is None:
            _assessments_for(
                draft, {f"{kind}_likelihood": likelihood, f"{kind}_impact": impact}, columns, None
            )
            continue
        point = current.get(kind)
        probability = (
            values.get(f"{kind}_probability")
            if f"{kind}_probability" in columns
            else (point.probability if point else None)
        )
        money = (
            values.get(f"{kind}_financial_impact")
            if f"{kind}_financial_impact" in columns
            else (point.financial_impact if point else None)
        )
        same = (
            getattr(risk, f"{kind}_likelihood") == likelihood
            and getattr(risk, f"{kind}_impact") == impact
            and _same_number(point.probability if point else None, probability)
            and _same_number(point.financial_impact if point else None, money)
        )
        if not same:
            assessments.append(
                AssessmentInput(
                    kind=kind,
                    likelihood=int(likelihood),
                    impact=int(impact),  # type: ignore[arg-type]
                    assessed_on=values.get("assessed_on") or today,  # type: ignore[arg-type]
                    probability=probability,
                    financial_impact=money,
                )
            )  # type: ignore[arg-type]
            draft.changes.append(_say("import.change.assessment", {"kind": Term("assessment_kind", kind)}))
    if "assessed_on" not in values:
        draft.columns["assessed_on"] = None
    draft.assessments = tuple(assessments)
    if not draft.changes and not draft.problems:
        draft.action = UNCHANGED


def _same_number(a: object, b: object) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-12, abs_tol=1e-9)  # type: ignore[arg-type]


def _input_label(name: str) -> str:
    return field_label("risks", _INPUT_LABELS.get(name, name))


def _check_new_risks(
    session: Session, drafts: Sequence[_Draft], today: date, checked_with: Any = None
) -> dict[int, list[CellProblem]]:
    """The service's rules over the new risks of the batch, in plain Python: problems by row."""
    from opsdesk.services import risks

    new = [draft for draft in drafts if draft.action == CREATE]
    refused = risks.check_new_risks(
        session=session,
        items=[(d.data, d.assessments) for d in new],
        today=today,
        to_be_created=frozenset({_PENDING_ID}),
        checked_with=checked_with,
    )
    problems: dict[int, list[CellProblem]] = defaultdict(list)
    for index, error in refused.items():
        _add_service_errors(new[index], error, problems, _risk_key_map)
    return dict(problems)


def _run_risks(
    session: Session,
    drafts: Sequence[_Draft],
    today: date,
    report: Progress,
    problems: dict[int, list[CellProblem]],
    codes: list[str],
    checked_with: Any = None,
) -> None:
    from opsdesk.services import actions, risks

    total = len(drafts)
    pending: dict[str, int] = {}
    # New risks are checked over the batch and written together (a few statements, not a few per row).
    new = [draft for draft in drafts if draft.action == CREATE]
    refused = _check_new_risks(session, new, today, checked_with)
    for row, found in refused.items():
        problems[row].extend(found)
    if new and not refused:
        items = [(_with_unassigned(session, d.data, pending), d.assessments) for d in new]
        created = risks.create_risks(session=session, items=items, today=today, checked=True)
        codes.extend(code for _id, code in created)
        with session.no_autoflush:  # the new risks' actions are written together, in one flush
            for draft, (risk_id, _code) in zip(new, created, strict=True):
                for item in draft.actions:
                    actions.new_action_row(session, replace(item, risk_id=risk_id), today)
        session.flush()
        report(
            100 * len(new) // total,
            _say("import.progress.row", {"row": new[-1].row, "done": len(new), "total": total}),
        )
    for done, draft in enumerate(drafts, start=1):
        if draft.action == CREATE:
            continue  # written above
        try:
            data = _with_unassigned(session, draft.data, pending)
            risks.update_risk(
                session=session,
                risk_id=draft.target_id,
                data=data,
                assessments=draft.assessments,
                expected_version=draft.version,
                today=today,
            )
            for item in draft.actions:
                actions.add_action(session=session, data=replace(item, risk_id=draft.target_id), today=today)
        except ValidationError as exc:
            _add_service_errors(draft, exc, problems, _risk_key_map)
        except ConflictError as exc:
            problems[draft.row].append(CellProblem(draft.row, None, "", "import.said", _said(exc)))
        if done % 25 == 0 or done == total:
            report(
                100 * done // total,
                _say("import.progress.row", {"row": draft.row, "done": done, "total": total}),
            )


def _with_unassigned(session: Session, data: Any, pending: dict[str, int]) -> Any:
    """The risk input with the "Unassigned" department or category made (once) where the row needs it."""
    from opsdesk.services import settings

    changes: dict[str, int] = {}
    for key, field_name in (("department", "department_id"), ("category", "category_id")):
        if getattr(data, field_name) != _PENDING_ID:
            continue
        if key not in pending:
            found = _unassigned_ids(session).get(key)
            if found is None:
                add = settings.add_department if key == "department" else settings.add_category
                found = add(session=session, name=_UNASSIGNED).id
            pending[key] = found
        changes[field_name] = pending[key]
    return replace(data, **changes) if changes else data


# KRI readings --------------------------------------------------------------------------------


def _plan_readings(
    session: Session, source: ImportSource, mapping: Mapping[int, str], _defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import kris, reporting
    from opsdesk.services.kris import ReadingInput

    columns = _single_columns(mapping)
    sheet_problems = [
        CellProblem(
            None, None, "", "import.no_column",
            {"what": Term("import_word", label), "field": field_label("readings", key)},
        )
        for key, label in (("kri", "indicator_names"), ("read_on", "reading_dates"), ("value", "values"))
        if key not in columns
    ]  # fmt: skip
    if sheet_problems:
        return [], sheet_problems, []
    indicators = {normalize_word(k.name): k for k in kris.list_kris(session=session, include_archived=True)}
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}

    def kri_of(raw: object, _index: int) -> object:
        found = indicators.get(normalize_word(parse_text(raw)))
        if found is None:
            raise CellValueError("import.value.no_indicator", name=shown(parse_text(raw)))
        return found

    parsers = {
        "kri": kri_of,
        "read_on": lambda raw, i: parse_date(raw, day_first=day_first.get(i, True)),
        "value": lambda raw, _i: parse_number(raw, "a number"),
        "note": lambda raw, _i: parse_text(raw),
    }
    existing = reporting.reading_keys(session=session, kri_ids=[k.id for k in indicators.values()])
    seen: dict[tuple[int, date, float], int] = {}
    drafts: list[_Draft] = []
    for row in source.rows:
        cell_problems = _RowProblems(source, row)
        values = _parse_cells(row, columns, parsers, cell_problems)
        kri = values.get("kri")
        name = kri.name if kri is not None else parse_text(row.values[columns["kri"]])
        draft = _Draft(
            row=row.number,
            action=CREATE,
            key=name,
            title="",
            source=source,
            columns=dict(columns),
            problems=cell_problems.items,
        )
        for key, what in (("kri", "indicator"), ("read_on", "date"), ("value", "value")):
            if key not in values and not any(p.column == column_letter(columns[key]) for p in draft.problems):
                draft.problem(key, "import.required", what=Term("import_word", what))
        if draft.problems:
            drafts.append(draft)
            continue
        read_on, value = values["read_on"], float(values["value"])  # type: ignore[arg-type]
        draft.title = f"{read_on.isoformat()}: {value:g}"  # type: ignore[union-attr]
        draft.target_id = kri.id  # type: ignore[union-attr]
        draft.data = ReadingInput(read_on=read_on, value=value, note=str(values.get("note", "")))  # type: ignore[arg-type]
        identity = (kri.id, read_on, value)  # type: ignore[union-attr]
        if identity in seen:
            draft.problem("read_on", "import.duplicate_reading", row=seen[identity])
        else:
            seen[identity] = row.number
            if identity in existing:
                draft.action = UNCHANGED
        drafts.append(draft)
    return drafts, [], []


def _reading_key_map(key: str) -> str | None:
    if key.startswith("rows[") and "." in key:
        return key.split(".", 1)[1]
    return "kri" if key == "kri_id" else None


def _run_readings(
    session: Session,
    drafts: Sequence[_Draft],
    today: date,
    report: Progress,
    problems: dict[int, list[CellProblem]],
    _codes: list[str],
) -> None:
    from opsdesk.services import kris

    groups: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        groups[draft.target_id].append(draft)  # type: ignore[index]
    for done, (kri_id, group) in enumerate(groups.items(), start=1):
        try:
            kris.record_readings(session=session, kri_id=kri_id, rows=[d.data for d in group], today=today)
        except ValidationError as exc:
            _spread_group_errors(group, exc, problems, _reading_key_map)
        report(100 * done // len(groups), _say("import.progress.indicator", {"name": group[0].key}))


def _spread_group_errors(
    group: Sequence[_Draft],
    error: ValidationError,
    problems: dict[int, list[CellProblem]],
    key_map: Callable[[str], str | None],
) -> None:
    """Errors keyed "rows[3].value" go to the fourth row of the group; others to every row."""
    seen: set[str] = set()
    for problem in error.problems:  # each field's first problem
        key = problem.field or "__all__"
        if key in seen:
            continue
        seen.add(key)
        targets = list(group)
        if key.startswith("rows[") and "]" in key:
            position = int(key[5 : key.index("]")])
            targets = [group[position]] if 0 <= position < len(group) else targets
        for draft in targets:
            _add_service_errors(draft, ValidationError(problem), problems, key_map)


# Objective measurements -------------------------------------------------------------------


def _period_of(raw: object, frequency: str, start_month: int, day_first: bool) -> str:
    from opsdesk.domain.enums import Frequency
    from opsdesk.domain.periods import period_bounds, period_frequency, period_key

    if isinstance(raw, str):
        text = raw.strip()
        try:
            if period_frequency(text, start_month) == frequency:
                return period_key(period_bounds(text, start_month)[0], Frequency(frequency), start_month)
            return text  # another kind of period: the service explains the mismatch
        except ValidationError:
            pass
    try:
        day = parse_date(raw, day_first=day_first)
    except CellValueError:
        raise CellValueError("import.value.not_period", value=shown(raw)) from None
    return period_key(day, Frequency(frequency), start_month)


def _plan_measurements(
    session: Session, source: ImportSource, mapping: Mapping[int, str], _defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import quality, reporting, settings
    from opsdesk.services.quality import MeasurementInput

    columns = _single_columns(mapping)
    sheet_problems = [
        CellProblem(
            None, None, "", "import.no_column",
            {"what": Term("import_word", label), "field": field_label("measurements", key)},
        )
        for key, label in (("objective", "objective_names"), ("period", "periods"))
        if key not in columns
    ]  # fmt: skip
    number_columns = {
        key: [i for i, k in sorted(mapping.items()) if k == key]
        for key in ("numerator", "denominator", "value")
    }
    if not any(number_columns.values()):
        sheet_problems.append(CellProblem(None, None, "", "import.no_number_columns"))
    if sheet_problems:
        return [], sheet_problems, []
    start_month = settings.get_fiscal_start_month(session=session)
    objectives = {
        normalize_word(o.name): o for o in quality.list_objectives(session=session, include_archived=True)
    }
    existing = reporting.measurement_values(
        session=session, objective_ids=[o.id for o in objectives.values()]
    )
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}
    seen: dict[tuple[int, str], int] = {}
    drafts: list[_Draft] = []
    for row in source.rows:
        cell_problems = _RowProblems(source, row)
        raw_name = row.values[columns["objective"]]
        draft = _Draft(
            row=row.number,
            action=CREATE,
            key=parse_text(raw_name),
            title="",
            source=source,
            columns=dict(columns),
            problems=cell_problems.items,
        )
        objective = objectives.get(normalize_word(parse_text(raw_name)))
        if is_blank(raw_name):
            draft.problem("objective", "import.required", what=Term("import_word", "objective"))
        elif objective is None:
            draft.problem("objective", "import.value.no_objective", name=shown(parse_text(raw_name)))
        note = parse_text(row.values[columns["note"]]) if "note" in columns else ""
        numbers: dict[str, float] = {}
        for key, indexes in number_columns.items():
            filled = [i for i in indexes if not is_blank(row.values[i])]
            if objective is not None and len(filled) > 1:
                wanted = {
                    "numerator": objective.numerator_label,
                    "denominator": objective.denominator_label,
                }.get(key)
                own = [
                    i
                    for i in filled
                    if wanted and normalize_word(source.header_of(i)) == normalize_word(wanted)
                ]
                filled = own or filled
            if len(filled) > 1:
                cell_problems.cell(
                    filled[1],
                    "import.both_columns",
                    {"letters": [column_letter(i) for i in filled], "what": Term("import_word", key)},
                )
                continue
            if filled:
                draft.columns[key] = filled[0]
                try:
                    numbers[key] = parse_number(row.values[filled[0]], "a number")
                except CellValueError as exc:
                    cell_problems.cell(filled[0], exc.code, exc.params)
            elif indexes:
                draft.columns[key] = indexes[0]
        period = None
        raw_period = row.values[columns["period"]]
        if is_blank(raw_period):
            draft.problem("period", "import.required", what=Term("import_word", "period"))
        elif objective is not None:
            try:
                period = _period_of(
                    raw_period, objective.frequency, start_month, day_first.get(columns["period"], True)
                )
            except CellValueError as exc:
                draft.problem("period", exc.code, **exc.params)
        if draft.problems or objective is None or period is None:
            drafts.append(draft)
            continue
        is_ratio = objective.kind == "ratio"
        data = MeasurementInput(
            period=period,
            numerator=numbers.get("numerator") if is_ratio else None,
            denominator=numbers.get("denominator") if is_ratio else None,
            value=None if is_ratio else numbers.get("value"),
            note=note,
        )
        draft.data, draft.target_id, draft.key = data, objective.id, objective.name
        draft.title = period
        identity = (objective.id, period)
        if identity in seen:
            draft.problem(
                "period",
                "import.duplicate_measurement",
                objective=objective.name,
                period=period,
                row=seen[identity],
            )
            drafts.append(draft)
            continue
        seen[identity] = row.number
        stored = existing.get(identity)
        if stored is not None:
            if is_ratio:
                same = _same_number(stored[0], data.numerator) and _same_number(stored[1], data.denominator)
            else:
                same = _same_number(stored[2], data.value)
            if "note" in columns and note != (stored[3] or ""):
                same = False
            draft.action = UNCHANGED if same else UPDATE
            if not same:
                draft.changes = [_say("import.change.measurement")]
            if "note" not in columns:
                draft.data = replace(data, note=stored[3] or "")
        drafts.append(draft)
    return drafts, [], []


def _measurement_key_map(key: str) -> str | None:
    if key.startswith("rows[") and "." in key:
        return key.split(".", 1)[1]
    return "objective" if key in ("objective_id", "objective") else None


def _run_measurements(
    session: Session,
    drafts: Sequence[_Draft],
    today: date,
    report: Progress,
    problems: dict[int, list[CellProblem]],
    _codes: list[str],
) -> None:
    from opsdesk.services import quality

    groups: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        groups[draft.target_id].append(draft)  # type: ignore[index]
    for done, (objective_id, group) in enumerate(groups.items(), start=1):
        try:
            quality.record_measurements(
                session=session, objective_id=objective_id, rows=[d.data for d in group]
            )
        except ValidationError as exc:
            _spread_group_errors(group, exc, problems, _measurement_key_map)
        report(100 * done // len(groups), _say("import.progress.objective", {"name": group[0].key}))


# Mapping files (command line) --------------------------------------------------------------


def _text_of_any_editor(data: bytes) -> str:
    """Text as Windows editors save it: UTF-8 with or without a BOM (Notepad), or UTF-16 (PowerShell 5.1's >)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 2 and b"\x00" in data[:4]:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    return data.decode("utf-8-sig")


def load_mapping_file(
    path: Path | str, source: ImportSource, base: Mapping[int, str] | None = None
) -> dict[int, str]:
    """A mapping from a JSON file {"header or column letter": "field" or null}, over a base mapping.

    Keys are matched against the header texts first (case-insensitive), then read as column
    letters; a null value leaves the column out.
    """
    path = Path(path)
    try:
        raw = json.loads(_text_of_any_editor(path.read_bytes()))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError(
            Problem("mapping", "import.mapping_file.unreadable", {"name": path.name, "reason": str(exc)})
        ) from None
    if not isinstance(raw, dict):
        example = '{"Likelihood (1-5)": "inherent_likelihood"}'
        raise ValidationError(
            Problem("mapping", "import.mapping_file.not_object", {"name": path.name, "example": example})
        )
    keys = {spec.key for spec in field_specs(source.kind)}
    mapping = dict(base or {})
    by_header = {
        header.casefold(): index for index, header in reversed(list(enumerate(source.headers))) if header
    }
    errors: list[Problem] = []
    for name, target in raw.items():
        index = by_header.get(str(name).strip().casefold())
        if index is None:
            index = _letter_index(str(name))
        if index is None:
            errors.append(Problem(str(name), "import.mapping_file.no_column", {"name": repr(name)}))
            continue
        if target is None or target == "":
            mapping.pop(index, None)
        elif target not in keys:
            errors.append(
                Problem(
                    str(name),
                    "import.mapping_file.not_a_field",
                    {"target": repr(target), "fields": sorted(keys)},
                )
            )
        else:
            mapping[index] = str(target)
    if errors:
        raise ValidationError(errors)
    return mapping


def _letter_index(text: str) -> int | None:
    letters = text.strip().upper()
    if not letters or not letters.isalpha() or not letters.isascii() or len(letters) > 3:
        return None
    number = 0
    for letter in letters:
        number = number * 26 + (ord(letter) - 64)
    return number - 1

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

import json
import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from opsdesk.domain.errors import ConflictError, NotFoundError, OpsDeskError, ValidationError
from opsdesk.reports.excel_mapping import (
    ASSESSMENT_KINDS,
    field_label,
    field_specs,
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
    parse_level,
    parse_number,
    parse_text,
    shown,
)

if TYPE_CHECKING:
    from sqlmodel import Session

__all__ = [
    "CREATE",
    "INVALID",
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
    """Why a cell (or a row, or the sheet) cannot be imported, placed as Excel shows it."""

    row: int | None
    column: str | None
    header: str
    message: str

    def __str__(self) -> str:
        where = f"column {self.column} ({self.header})" if self.header else f"column {self.column}"
        if self.row is None:
            return f"{where[0].upper()}{where[1:]}: {self.message}" if self.column else self.message
        if self.column is None:
            return f"Row {self.row}: {self.message}"
        return f"Row {self.row}, {where}: {self.message}"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """What the import does with one row: create, update, leave unchanged, or refuse it."""

    row: int
    action: str
    key: str
    title: str
    changes: tuple[str, ...] = ()
    problems: tuple[CellProblem, ...] = ()


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

    @property
    def ok(self) -> bool:
        return not self.problems

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    def describe(self) -> str:
        """One line: how many rows do what."""
        what = {"risks": "rows", "readings": "readings", "measurements": "measurements"}[self.kind]
        parts = [f"{self.count(CREATE)} to create"]
        if self.kind != "readings":
            parts.append(f"{self.count(UPDATE)} to update")
        parts.append(f"{self.count(UNCHANGED)} unchanged")
        if self.count(INVALID):
            parts.append(f"{self.count(INVALID)} with problems")
        return f"{len(self.rows)} {what}: {', '.join(parts)}."

    def mapped_columns(self) -> list[tuple[str, str, str]]:
        """(column letter, header, field label) of each mapped column, left to right."""
        return [
            (column_letter(index), self.source.header_of(index), field_label(self.kind, key))
            for index, key in sorted(self.mapping.items())
        ]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an applied import wrote."""

    kind: str
    created: int
    updated: int
    unchanged: int
    codes: tuple[str, ...] = ()

    def describe(self) -> str:
        if self.kind == "readings":
            return f"{self.created} readings recorded, {self.unchanged} already there."
        noun = "risks" if self.kind == "risks" else "measurements"
        return f"{self.created} {noun} created, {self.updated} updated, {self.unchanged} unchanged."


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


def _sentence_tail(message: str) -> str:
    """A service's sentence after "Row 5, column D (X): ": lower-case its first word if it is common."""
    if len(message) > 1 and message[0].isupper() and message[1].islower():
        return message[0].lower() + message[1:]
    return message


class _RowProblems:
    """Collects the problems of one source row, placed by column."""

    def __init__(self, source: ImportSource, row: SourceRow) -> None:
        self.source, self.row, self.items = source, row, []

    def cell(self, index: int | None, message: str) -> None:
        if index is None:
            self.items.append(CellProblem(self.row.number, None, "", message))
        else:
            self.items.append(
                CellProblem(self.row.number, column_letter(index), self.source.header_of(index), message)
            )


def _check_mapping(source: ImportSource, mapping: Mapping[int, str], kind: str) -> list[CellProblem]:
    problems: list[CellProblem] = []
    specs = {spec.key: spec for spec in field_specs(kind)}
    used: dict[str, int] = {}
    for index, key in sorted(mapping.items()):
        if index < 0:
            problems.append(CellProblem(None, None, "", f"Column number {index + 1} does not exist; columns start at A."))
            continue
        if key not in specs:
            problems.append(CellProblem(None, column_letter(index), source.header_of(index),
                                        f"'{key}' is not a field of {kind} ({', '.join(specs)})."))
            continue
        if not 0 <= index < max(len(source.headers), 1):
            problems.append(CellProblem(None, column_letter(index), "", "this column is beyond the sheet's columns."))
            continue
        if key in used and not specs[key].multiple:
            problems.append(CellProblem(
                None, column_letter(index), source.header_of(index),
                f"{specs[key].label} is already taken from column {column_letter(used[key])}; map it once."))
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
            problems.cell(index, str(exc))
    return values


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
    mapping = dict(guess_mapping(source.headers, kind, session=session) if mapping is None else mapping)
    sheet_problems = _check_mapping(source, mapping, kind)
    notes = list(source.notes)
    report(0, "Checking the rows")
    builder = {"risks": _plan_risks, "readings": _plan_readings, "measurements": _plan_measurements}[kind]
    if sheet_problems:
        drafts: list[_Draft] = []
    else:
        drafts, more_problems, more_notes = builder(session, source, mapping, defaults or ImportDefaults(), today)
        sheet_problems += more_problems
        notes += more_notes
    report(50, "Checking the rows against the register")
    runnable = [d for d in drafts if not d.problems and d.data is not None and d.action in (CREATE, UPDATE)]
    if kind == "risks" and runnable and not sheet_problems:
        # New risks are checked in plain Python over the batch: writing them only to roll back
        # would double the import's time. Changed risks still go through the service.
        refused = _check_new_risks(session, runnable, today)
        for draft in runnable:
            draft.problems.extend(refused.get(draft.row, []))
        runnable = [d for d in runnable if d.action != CREATE]
    if runnable and not sheet_problems:
        found = _execute(session, kind, runnable, today, _scaled(report, 50, 50), commit=False)[0]
        for draft in runnable:
            draft.problems.extend(found.get(draft.row, []))
    rows = tuple(
        PreviewRow(d.row, INVALID if d.problems else d.action, d.key, d.title, tuple(d.changes), tuple(d.problems))
        for d in drafts
    )
    problems = tuple(sheet_problems) + tuple(problem for row in rows for problem in row.problems)
    if not source.rows:
        notes.append(f"There are no rows under the header (row {source.header_row}).")
    report(100, "Preview ready")
    return ImportPreview(
        kind=kind, source=source, mapping=mapping, rows=rows, problems=problems, notes=tuple(notes),
        ignored=ignored_columns(source.headers, mapping, kind), today=today,
        plans=tuple(d for d in drafts if not d.problems),
    )  # fmt: skip


def apply_import(*, session: Session, preview: ImportPreview, progress: Progress | None = None) -> ImportResult:
    """Write the previewed rows in one transaction; any failure writes nothing and raises ImportRefusedError."""
    if not preview.ok:
        raise ImportRefusedError(preview.problems)
    report = _report(progress)
    runnable = [plan for plan in preview.plans if plan.action in (CREATE, UPDATE)]
    unchanged = sum(1 for plan in preview.plans if plan.action == UNCHANGED)
    problems, codes = _execute(session, preview.kind, runnable, preview.today, report, commit=True)
    if problems:
        raise ImportRefusedError([problem for row in sorted(problems) for problem in problems[row]])
    report(100, "Import done")
    return ImportResult(
        kind=preview.kind,
        created=sum(1 for plan in runnable if plan.action == CREATE),
        updated=sum(1 for plan in runnable if plan.action == UPDATE),
        unchanged=unchanged,
        codes=tuple(codes),
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

    def problem(self, key: str | None, message: str) -> None:
        index = self.columns.get(key) if key else None
        header = self.source.header_of(index) if (self.source and index is not None) else ""
        self.problems.append(CellProblem(self.row, None if index is None else column_letter(index), header, message))


def _execute(
    session: Session, kind: str, drafts: Sequence[_Draft], today: date, report: Progress, *, commit: bool
) -> tuple[dict[int, list[CellProblem]], list[str]]:
    """Run the plans through the services in one transaction; problems by row, and new risk codes."""
    run = {"risks": _run_risks, "readings": _run_readings, "measurements": _run_measurements}[kind]
    problems: dict[int, list[CellProblem]] = defaultdict(list)
    codes: list[str] = []
    # The ordinary service calls, inside a savepoint of the caller's transaction: a preview
    # (or any refused row) rolls back to it, leaving the caller's own work as it was; a
    # clean import is kept and saved when the caller commits.
    savepoint = session.begin_nested()
    try:
        run(session, drafts, today, report, problems, codes)
    except (ConflictError, NotFoundError) as exc:
        problems[drafts[0].row if drafts else 0].append(CellProblem(None, None, "", str(exc)))
    except BaseException:
        savepoint.rollback()
        raise
    if commit and not problems:
        savepoint.commit()
    else:
        savepoint.rollback()
    return dict(problems), codes


def _add_service_errors(
    draft: _Draft, error: ValidationError, problems: dict[int, list[CellProblem]], key_map: Callable[[str], str | None]
) -> None:
    for key, message in error.errors.items():
        field_key = key_map(key)
        index = draft.columns.get(field_key) if field_key else None
        source = draft.source
        header = source.header_of(index) if (source is not None and index is not None) else ""
        problems[draft.row].append(CellProblem(
            draft.row, None if index is None else column_letter(index), header,
            _sentence_tail(message) if index is not None else message))


# Risks -------------------------------------------------------------------------------------

_RISK_TEXT_FIELDS = ("description", "cause", "consequence", "rationale", "owner")
_RISK_SERVICE_KEYS = {
    "category_id": "category",
    "department_id": "department",
}


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

    return RiskInput(
        title=risk.title, category_id=risk.category_id, department_id=risk.department_id,
        identified_on=risk.identified_on, description=risk.description, cause=risk.cause,
        consequence=risk.consequence, source=risk.source, owner=risk.owner, status=risk.status,
        next_review=risk.next_review, strategy=risk.strategy, rationale=risk.rationale,
        acceptance_approver=risk.acceptance_approver, acceptance_justification=risk.acceptance_justification,
        accepted_on=risk.accepted_on, acceptance_expires=risk.acceptance_expires,
    )  # fmt: skip


_INPUT_LABELS = {
    "category_id": "category",
    "department_id": "department",
}


def _risk_parsers(session: Session, source: ImportSource, mapping: Mapping[int, str]) -> dict[str, Callable]:
    from opsdesk.services import settings

    matrix = settings.get_matrix(session=session)
    departments = [(d.id, d.name, d.code) for d in settings.list_departments(session=session, include_archived=True)]
    categories = [(c.id, c.name, c.code) for c in settings.list_categories(session=session, include_archived=True)]
    likelihood = level_words(matrix.likelihood_labels, "likelihood")
    impact = level_words(matrix.impact_labels, "impact")
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}
    kinds = {spec.key: spec.kind for spec in field_specs("risks")}

    def statuses() -> list[str]:
        return list(LABELS["risk_status"].values())

    by_kind: dict[str, Callable[[object, int], object]] = {
        "code": lambda raw, _i: parse_text(raw),
        "text": lambda raw, _i: parse_text(raw),
        "longtext": lambda raw, _i: parse_text(raw),
        "date": lambda raw, i: parse_date(raw, day_first=day_first.get(i, True)),
        "likelihood": lambda raw, _i: parse_level(raw, likelihood, matrix.likelihood_count, "likelihood",
                                                  matrix.likelihood_labels),
        "impact": lambda raw, _i: parse_level(raw, impact, matrix.impact_count, "impact", matrix.impact_labels),
        "percent": lambda raw, _i: parse_number(raw, "a percentage"),
        "amount": lambda raw, _i: parse_number(raw, "an amount"),
        "category": lambda raw, _i: match_named(raw, categories, CATEGORY_SYNONYMS, "risk category"),
        "department": lambda raw, _i: match_named(raw, departments, DEPARTMENT_SYNONYMS, "department"),
        "status": lambda raw, _i: parse_choice(raw, STATUS_WORDS, "a risk status", statuses()),
        "strategy": lambda raw, _i: parse_choice(raw, STRATEGY_WORDS, "a response strategy",
                                                 list(LABELS["strategy"].values())),
        "source": lambda raw, _i: parse_choice(raw, SOURCE_WORDS, "an identification source",
                                               list(LABELS["source"].values())),
    }
    return {key: by_kind[kind] for key, kind in kinds.items()}


def _resolve_defaults(session: Session, defaults: ImportDefaults) -> tuple[dict[str, object], list[CellProblem]]:
    from opsdesk.services import settings

    resolved: dict[str, object] = {}
    problems: list[CellProblem] = []
    if defaults.department:
        items = [(d.id, d.name, d.code) for d in settings.list_departments(session=session)]
        try:
            resolved["department"] = match_named(defaults.department, items, DEPARTMENT_SYNONYMS, "department")
        except CellValueError as exc:
            problems.append(CellProblem(None, None, "", f"Default department: {exc}"))
    if defaults.category:
        items = [(c.id, c.name, c.code) for c in settings.list_categories(session=session)]
        try:
            resolved["category"] = match_named(defaults.category, items, CATEGORY_SYNONYMS, "risk category")
        except CellValueError as exc:
            problems.append(CellProblem(None, None, "", f"Default category: {exc}"))
    if defaults.identified_on:
        resolved["identified_on"] = defaults.identified_on
    return resolved, problems


def _plan_risks(
    session: Session, source: ImportSource, mapping: Mapping[int, str], defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import reporting, risks

    columns = _single_columns(mapping)
    parsers = _risk_parsers(session, source, mapping)
    default_values, sheet_problems = _resolve_defaults(session, defaults)
    notes: list[str] = []
    existing = {risk.code.upper(): risk for risk in risks.list_risks(session=session, include_archived=True, today=today)}
    derive_title = "title" not in columns and "description" in columns
    if derive_title:
        notes.append(f"No title column: each title is taken from column {column_letter(columns['description'])} "
                     f"({source.header_of(columns['description'])}), up to its first colon.")
    if "title" not in columns and "description" not in columns:
        sheet_problems.append(CellProblem(None, None, "", "No column holds the risk titles: map one to Title."))
        return [], sheet_problems, notes
    history: dict[int, list[Any]] | None = None
    seen_codes: dict[str, int] = {}
    drafts: list[_Draft] = []
    missing: dict[str, int] = defaultdict(int)
    renamed = 0
    for row in source.rows:
        cell_problems = _RowProblems(source, row)
        values = _parse_cells(row, columns, parsers, cell_problems)
        code = str(values.get("code", "")).strip()
        key = code.upper()
        title = str(values.get("title", ""))
        if derive_title and values.get("description"):
            title, values["description"] = _derive_title(str(values["description"]))
            values["title"] = title
        draft = _Draft(row=row.number, action=CREATE, key=code, title=title, source=source,
                       columns=dict(columns), problems=cell_problems.items)
        if derive_title:
            draft.columns["title"] = columns["description"]
        if key:
            if key in seen_codes:
                draft.problem("code", f"the code {code} is already in row {seen_codes[key]}; each risk once.")
            else:
                seen_codes[key] = row.number
        current = existing.get(key) if key else None
        if current is None:
            renamed += bool(key)
            _draft_create(draft, values, columns, default_values, missing)
        else:
            if history is None:
                history = reporting.assessment_history(session=session)
            _draft_update(draft, current, values, columns, history.get(current.id, []), today)
        drafts.append(draft)
    for field_key, count in missing.items():
        label = {"department": "department", "category": "category", "identified_on": "identification date"}[field_key]
        option = {"department": "a default department", "category": "a default category",
                  "identified_on": "a default identification date"}[field_key]
        sheet_problems.append(CellProblem(None, None, "", (
            f"No column holds the {label} of the {count} new risk{'s' if count != 1 else ''}: "
            f"map one or choose {option}.")))
    if renamed:
        notes.append("New risks get OpsDesk codes (R-0001...); the workbook's own codes are not kept. "
                     "Rows whose code is already in OpsDesk update that risk.")
    return drafts, sheet_problems, notes


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
                draft.problem(f"{kind}_likelihood", f"the {kind} likelihood and impact are needed with a probability "
                                                    "or financial impact.")
            continue
        if likelihood is None or impact is None:
            missing = f"{kind}_likelihood" if likelihood is None else f"{kind}_impact"
            present = f"{kind}_impact" if likelihood is None else f"{kind}_likelihood"
            what = "likelihood" if likelihood is None else "impact"
            draft.problem(missing if missing in columns else present,
                          f"the {kind} {what} is missing (an assessment needs both likelihood and impact).")
            continue
        found.append(AssessmentInput(
            kind=kind, likelihood=int(likelihood), impact=int(impact), assessed_on=assessed_on,
            probability=probability, financial_impact=money))  # type: ignore[arg-type]
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
            what = {"department": "the department", "category": "the category",
                    "identified_on": "the identification date"}[required]
            draft.problem(required, f"{what} is required.")
        else:
            missing[required] += 1
    if not values.get("title") and not (
        "title" in draft.columns and column_letter(draft.columns["title"] or 0) in refused
    ):
        draft.problem("title", "the title is required.")
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
    if "title" in columns and "title" not in values:
        draft.problem("title", "the title is required.")
    for key in ("department", "category"):
        if key in values:
            changes[f"{key}_id"] = values[key]
    for key in _RISK_TEXT_FIELDS:
        if key in columns:  # a blank cell in a mapped column empties the field
            changes[key] = str(values.get(key, ""))
    for key in ("acceptance_approver", "acceptance_justification", "accepted_on", "acceptance_expires", "strategy"):
        if key in columns:
            changes[key] = values.get(key) or None
    data = replace(base, **changes)
    draft.title = data.title
    draft.data = data
    draft.changes = [_input_label(f.name) for f in fields(data) if getattr(data, f.name) != getattr(base, f.name)]
    current = current_assessments(history)
    assessments = []
    for kind in ASSESSMENT_KINDS:
        likelihood, impact = values.get(f"{kind}_likelihood"), values.get(f"{kind}_impact")
        if likelihood is None and impact is None:
            continue
        if likelihood is None or impact is None:
            _assessments_for(draft, {f"{kind}_likelihood": likelihood, f"{kind}_impact": impact}, columns, None)
            continue
        point = current.get(kind)
        probability = values.get(f"{kind}_probability") if f"{kind}_probability" in columns else (
            point.probability if point else None)
        money = values.get(f"{kind}_financial_impact") if f"{kind}_financial_impact" in columns else (
            point.financial_impact if point else None)
        same = (
            getattr(risk, f"{kind}_likelihood") == likelihood and getattr(risk, f"{kind}_impact") == impact
            and _same_number(point.probability if point else None, probability)
            and _same_number(point.financial_impact if point else None, money)
        )
        if not same:
            assessments.append(AssessmentInput(
                kind=kind, likelihood=int(likelihood), impact=int(impact),  # type: ignore[arg-type]
                assessed_on=values.get("assessed_on") or today,  # type: ignore[arg-type]
                probability=probability, financial_impact=money))  # type: ignore[arg-type]
            draft.changes.append(f"{kind.capitalize()} assessment")
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


def _check_new_risks(session: Session, drafts: Sequence[_Draft], today: date) -> dict[int, list[CellProblem]]:
    """The service's rules over the new risks of the batch, in plain Python: problems by row."""
    from opsdesk.services import risks

    new = [draft for draft in drafts if draft.action == CREATE]
    refused = risks.check_new_risks(session=session, items=[(d.data, d.assessments) for d in new], today=today)
    problems: dict[int, list[CellProblem]] = defaultdict(list)
    for index, error in refused.items():
        _add_service_errors(new[index], error, problems, _risk_key_map)
    return dict(problems)


def _run_risks(
    session: Session, drafts: Sequence[_Draft], today: date, report: Progress,
    problems: dict[int, list[CellProblem]], codes: list[str],
) -> None:
    from opsdesk.services import risks

    total = len(drafts)
    # New risks are checked over the batch and written together (a few statements, not a few per row).
    new = [draft for draft in drafts if draft.action == CREATE]
    refused = _check_new_risks(session, new, today)
    for row, found in refused.items():
        problems[row].extend(found)
    if new and not refused:
        codes.extend(risks.create_risks(session=session, items=[(d.data, d.assessments) for d in new], today=today))
        report(100 * len(new) // total, f"Row {new[-1].row} ({len(new)} of {total})")
    for done, draft in enumerate(drafts, start=1):
        if draft.action == CREATE:
            continue  # written above
        try:
            risks.update_risk(session=session, risk_id=draft.target_id, data=draft.data,
                              assessments=draft.assessments, expected_version=draft.version, today=today)
        except ValidationError as exc:
            _add_service_errors(draft, exc, problems, _risk_key_map)
        except ConflictError as exc:
            problems[draft.row].append(CellProblem(draft.row, None, "", str(exc)))
        if done % 25 == 0 or done == total:
            report(100 * done // total, f"Row {draft.row} ({done} of {total})")


# KRI readings --------------------------------------------------------------------------------


def _plan_readings(
    session: Session, source: ImportSource, mapping: Mapping[int, str], _defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import kris, reporting
    from opsdesk.services.kris import ReadingInput

    columns = _single_columns(mapping)
    sheet_problems = [
        CellProblem(None, None, "", f"No column holds the {label}: map one to {field_label('readings', key)}.")
        for key, label in (("kri", "indicator names"), ("read_on", "reading dates"), ("value", "values"))
        if key not in columns
    ]
    if sheet_problems:
        return [], sheet_problems, []
    indicators = {normalize_word(k.name): k for k in kris.list_kris(session=session, include_archived=True)}
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}

    def kri_of(raw: object, _index: int) -> object:
        found = indicators.get(normalize_word(parse_text(raw)))
        if found is None:
            raise CellValueError(f"there is no indicator named {shown(parse_text(raw))}.")
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
        draft = _Draft(row=row.number, action=CREATE, key=name, title="", source=source, columns=dict(columns),
                       problems=cell_problems.items)
        for key, what in (("kri", "the indicator"), ("read_on", "the date"), ("value", "the value")):
            if key not in values and not any(p.column == column_letter(columns[key]) for p in draft.problems):
                draft.problem(key, f"{what} is required.")
        if draft.problems:
            drafts.append(draft)
            continue
        read_on, value = values["read_on"], float(values["value"])  # type: ignore[arg-type]
        draft.title = f"{read_on.isoformat()}: {value:g}"  # type: ignore[union-attr]
        draft.target_id = kri.id  # type: ignore[union-attr]
        draft.data = ReadingInput(read_on=read_on, value=value, note=str(values.get("note", "")))  # type: ignore[arg-type]
        identity = (kri.id, read_on, value)  # type: ignore[union-attr]
        if identity in seen:
            draft.problem("read_on", f"the same reading is already in row {seen[identity]}.")
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
    session: Session, drafts: Sequence[_Draft], today: date, report: Progress,
    problems: dict[int, list[CellProblem]], _codes: list[str],
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
        report(100 * done // len(groups), f"Indicator {group[0].key}")


def _spread_group_errors(
    group: Sequence[_Draft], error: ValidationError, problems: dict[int, list[CellProblem]],
    key_map: Callable[[str], str | None],
) -> None:
    """Errors keyed "rows[3].value" go to the fourth row of the group; others to every row."""
    for key, message in error.errors.items():
        targets = list(group)
        if key.startswith("rows[") and "]" in key:
            position = int(key[5:key.index("]")])
            targets = [group[position]] if 0 <= position < len(group) else targets
        for draft in targets:
            _add_service_errors(draft, ValidationError({key: message}), problems, key_map)


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
        raise CellValueError(
            f"{shown(raw)} is not a period: use a date, 2026-03 (month), 2026-Q1 (quarter) or 2026-W09 (week)."
        ) from None
    return period_key(day, Frequency(frequency), start_month)


def _plan_measurements(
    session: Session, source: ImportSource, mapping: Mapping[int, str], _defaults: ImportDefaults, today: date
) -> tuple[list[_Draft], list[CellProblem], list[str]]:
    from opsdesk.services import quality, reporting, settings
    from opsdesk.services.quality import MeasurementInput

    columns = _single_columns(mapping)
    sheet_problems = [
        CellProblem(None, None, "", f"No column holds the {label}: map one to {field_label('measurements', key)}.")
        for key, label in (("objective", "objective names"), ("period", "periods"))
        if key not in columns
    ]
    number_columns = {key: [i for i, k in sorted(mapping.items()) if k == key]
                      for key in ("numerator", "denominator", "value")}
    if not any(number_columns.values()):
        sheet_problems.append(CellProblem(None, None, "", "No column holds the measured numbers: map numerator and "
                                                          "denominator (or value) columns."))
    if sheet_problems:
        return [], sheet_problems, []
    start_month = settings.get_fiscal_start_month(session=session)
    objectives = {normalize_word(o.name): o for o in quality.list_objectives(session=session, include_archived=True)}
    existing = reporting.measurement_values(session=session, objective_ids=[o.id for o in objectives.values()])
    day_first = {index: day_first_order(source.column_values(index)) for index in mapping}
    seen: dict[tuple[int, str], int] = {}
    drafts: list[_Draft] = []
    for row in source.rows:
        cell_problems = _RowProblems(source, row)
        raw_name = row.values[columns["objective"]]
        draft = _Draft(row=row.number, action=CREATE, key=parse_text(raw_name), title="", source=source,
                       columns=dict(columns), problems=cell_problems.items)
        objective = objectives.get(normalize_word(parse_text(raw_name)))
        if is_blank(raw_name):
            draft.problem("objective", "the objective is required.")
        elif objective is None:
            draft.problem("objective", f"there is no quality objective named {shown(parse_text(raw_name))}.")
        note = parse_text(row.values[columns["note"]]) if "note" in columns else ""
        numbers: dict[str, float] = {}
        for key, indexes in number_columns.items():
            filled = [i for i in indexes if not is_blank(row.values[i])]
            if objective is not None and len(filled) > 1:
                wanted = {"numerator": objective.numerator_label, "denominator": objective.denominator_label}.get(key)
                own = [i for i in filled if wanted and normalize_word(source.header_of(i)) == normalize_word(wanted)]
                filled = own or filled
            if len(filled) > 1:
                letters = " and ".join(column_letter(i) for i in filled)
                cell_problems.cell(filled[1], f"columns {letters} both give a {key}; leave one of them empty.")
                continue
            if filled:
                draft.columns[key] = filled[0]
                try:
                    numbers[key] = parse_number(row.values[filled[0]], "a number")
                except CellValueError as exc:
                    cell_problems.cell(filled[0], str(exc))
            elif indexes:
                draft.columns[key] = indexes[0]
        period = None
        raw_period = row.values[columns["period"]]
        if is_blank(raw_period):
            draft.problem("period", "the period is required.")
        elif objective is not None:
            try:
                period = _period_of(raw_period, objective.frequency, start_month,
                                    day_first.get(columns["period"], True))
            except CellValueError as exc:
                draft.problem("period", str(exc))
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
            draft.problem("period", f"{objective.name} {period} is already in row {seen[identity]}.")
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
                draft.changes = ["Measurement"]
            if "note" not in columns:
                draft.data = replace(data, note=stored[3] or "")
        drafts.append(draft)
    return drafts, [], []


def _measurement_key_map(key: str) -> str | None:
    if key.startswith("rows[") and "." in key:
        return key.split(".", 1)[1]
    return "objective" if key in ("objective_id", "objective") else None


def _run_measurements(
    session: Session, drafts: Sequence[_Draft], today: date, report: Progress,
    problems: dict[int, list[CellProblem]], _codes: list[str],
) -> None:
    from opsdesk.services import quality

    groups: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        groups[draft.target_id].append(draft)  # type: ignore[index]
    for done, (objective_id, group) in enumerate(groups.items(), start=1):
        try:
            quality.record_measurements(session=session, objective_id=objective_id, rows=[d.data for d in group])
        except ValidationError as exc:
            _spread_group_errors(group, exc, problems, _measurement_key_map)
        report(100 * done // len(groups), f"Objective {group[0].key}")


# Mapping files (command line) --------------------------------------------------------------


def _text_of_any_editor(data: bytes) -> str:
    """Text as Windows editors save it: UTF-8 with or without a BOM (Notepad), or UTF-16 (PowerShell 5.1's >)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if len(data) >= 2 and b"\x00" in data[:4]:
        # UTF-16 without a BOM: every other byte of ASCII text is zero.
        return data.decode("utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    return data.decode("utf-8-sig")


def load_mapping_file(path: Path | str, source: ImportSource, base: Mapping[int, str] | None = None) -> dict[int, str]:
    """A mapping from a JSON file {"header or column letter": "field" or null}, over a base mapping.

    Keys are matched against the header texts first (case-insensitive), then read as column
    letters; a null value leaves the column out.
    """
    path = Path(path)
    try:
        raw = json.loads(_text_of_any_editor(path.read_bytes()))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValidationError({"mapping": f"The mapping file {path.name} cannot be read: {exc}."}) from None
    if not isinstance(raw, dict):
        raise ValidationError({"mapping": f"The mapping file {path.name} must hold an object such as "
                                          '{"Likelihood (1-5)": "inherent_likelihood"}.'})
    keys = {spec.key for spec in field_specs(source.kind)}
    mapping = dict(base or {})
    by_header = {header.casefold(): index for index, header in reversed(list(enumerate(source.headers))) if header}
    errors: dict[str, str] = {}
    for name, target in raw.items():
        index = by_header.get(str(name).strip().casefold())
        if index is None:
            index = _letter_index(str(name))
        if index is None:
            errors[str(name)] = f"No column has the header {name!r} and it is not a column letter."
            continue
        if target is None or target == "":
            mapping.pop(index, None)
        elif target not in keys:
            errors[str(name)] = f"{target!r} is not a field; use one of {', '.join(sorted(keys))}."
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


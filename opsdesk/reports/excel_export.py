"""The quarterly Excel report: summary, register, methodology, heatmap and every quality list.

`export_quarter` reads everything it needs in a few bulk queries, then streams the
workbook with openpyxl's write-only mode into a temporary file next to the target and
moves it into place, so the target is never a half-written file. It reports progress
through a callback and touches no widget, so the GUI can run it on a worker thread.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import warnings
from collections import Counter
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from io import BytesIO
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from opsdesk.domain.catalogue import text as progress_text  # in the reader's language, not the workbook's
from opsdesk.domain.enums import ActionStatus, AlertKind, AlertState, Direction, Frequency
from opsdesk.domain.errors import OpsDeskError, Problem, ValidationError
from opsdesk.domain.fields import FieldKind
from opsdesk.domain.figures import Figures, active_risks, ranked_by_residual
from opsdesk.domain.figures import heatmap_counts as figure_heatmap_counts
from opsdesk.domain.periods import Quarter, parse_quarter, period_key
from opsdesk.domain.records import RISK
from opsdesk.reports.excel_style import (
    Column,
    StyleBook,
    add_page_footers,
    discard_workbook,
    joined,
    prepare_print,
    row_height,
    wrapped_lines,
    write_data_sheet,
)
from opsdesk.reports.excel_text import (
    ENGLISH,
    current_language,
    display_matrix,
    header,
    label,
    sheet_title,
    text,
    use_language,
)
from opsdesk.services.record_types import collector_paused
from opsdesk.store.files_in_use import replace_file
from opsdesk.store.permissions import restrict_to_owner

if TYPE_CHECKING:
    from openpyxl import Workbook
    from sqlmodel import Session

    from opsdesk.domain.matrix import ReviewIntervals, RiskMatrix
    from opsdesk.services.actions import ActionRead
    from opsdesk.services.alerts import AlertRead
    from opsdesk.services.control_charts import ControlChart
    from opsdesk.services.kris import KriRead
    from opsdesk.services.meetings import MeetingRead
    from opsdesk.services.nonconformities import NcRead
    from opsdesk.services.quality import ObjectiveRead, PeriodPoint
    from opsdesk.services.reporting import AssessmentPoint, LatestReading, QuarterMovements, ReadingRow
    from opsdesk.services.risks import RiskRead
    from opsdesk.services.settings import QualityPolicy
    from opsdesk.services.suggestions import SuggestionRead

# The parts a caller may include, in the order of the sheets.
EXPORT_PARTS: tuple[str, ...] = (
    "summary",
    "register",
    "methodology",
    "heatmap",
    "kris",
    "alerts",
    "actions",
    "objectives",
    "nonconformities",
    "meetings",
    "suggestions",
)
HEATMAP_KINDS = ("inherent", "residual")
TOP_RISKS = 10
SUMMARY_ALERTS = 5  # the Summary keeps to one page; the Alerts sheet lists them all
PICTURE_DPI = 110

Progress = Callable[[int, str], None]


class SessionSource(Protocol):
    """Anything with a `session()` context manager, such as `opsdesk.store.database.Database`."""

    def session(self) -> contextlib.AbstractContextManager[Session]: ...


@dataclass(frozen=True, slots=True)
class ExportSummary:
    """What an export wrote: where, for which quarter, and how many rows per sheet."""

    path: Path
    quarter: str
    first_day: date
    last_day: date
    generated_at: datetime
    sheets: tuple[str, ...]
    rows: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        """One line for a status bar or the command line."""
        counts = ", ".join(f"{name}: {count}" for name, count in self.rows.items())
        return (
            f"{self.quarter} ({self.first_day.isoformat()} to {self.last_day.isoformat()}) -> {self.path}"
            + (f" ({counts})" if counts else "")
        )


@dataclass
class _QuarterData:
    """Everything the workbook shows, read in one session as plain data."""

    quarter: Quarter
    as_of: date
    generated_at: datetime
    user: str
    company: str
    policy: QualityPolicy
    matrix: RiskMatrix
    intervals: ReviewIntervals
    start_month: int
    register: list[RiskRead] = field(default_factory=list)
    current: dict[int, dict[str, AssessmentPoint]] = field(default_factory=dict)
    movements: QuarterMovements | None = None
    kris: list[KriRead] = field(default_factory=list)
    kri_latest: dict[int, LatestReading] = field(default_factory=dict)
    readings: list[ReadingRow] = field(default_factory=list)
    alerts: list[AlertRead] = field(default_factory=list)
    open_alerts: list[AlertRead] = field(default_factory=list)
    actions: list[ActionRead] = field(default_factory=list)
    objectives: list[tuple[ObjectiveRead, list[PeriodPoint]]] = field(default_factory=list)
    charts: dict[int, ControlChart] = field(default_factory=dict)
    objective_counts: dict[str, int] = field(default_factory=dict)
    nonconformities: list[NcRead] = field(default_factory=list)
    meetings: list[MeetingRead] = field(default_factory=list)
    suggestions: list[SuggestionRead] = field(default_factory=list)
    alert_states: dict[int, AlertState | None] = field(default_factory=dict)  # on the quarter's last day
    figures: Figures | None = None
    suggestions_received: int = 0
    suggestions_implemented: int = 0
    # A closed quarter: the audit trail's newest entry at closing (id, hash), and who closed it when.
    anchor: tuple[int, str] | None = None
    closed: tuple[datetime, str] | None = None

    @property
    def active(self) -> list[RiskRead]:
        """The register's risks active at the end of the day: the ones counted by level and on the heatmap."""
        return active_risks(self.register, self.as_of)


def _check_parts(include: Collection[str] | None) -> tuple[str, ...]:
    if include is None:
        return EXPORT_PARTS
    unknown = sorted(set(include) - set(EXPORT_PARTS))
    if unknown:
        raise ValidationError(
            Problem("include", "export.unknown_parts", {"parts": unknown, "choices": EXPORT_PARTS})
        )
    if not include:
        raise ValidationError(Problem("include", "export.no_parts"))
    return tuple(part for part in EXPORT_PARTS if part in include)


def export_quarter(
    source: SessionSource | Callable[[], contextlib.AbstractContextManager[Session]],
    quarter: str,
    out: Path | str,
    *,
    include: Collection[str] | None = None,
    progress: Progress | None = None,
    user: str | None = None,
    today: date | None = None,
    language: str = ENGLISH,
    password: str | None = None,
) -> ExportSummary:
    """Write the quarter's report workbook to `out`, with headers and sheet names in `language` ("en", "zh_CN").

    With a `password` the workbook is encrypted in memory before it reaches the disk.
    """
    with use_language(language):
        return _export_quarter(
            source,
            quarter,
            out,
            include=include,
            progress=progress,
            user=user,
            today=today,
            password=password,
        )


def _export_quarter(
    source: SessionSource | Callable[[], contextlib.AbstractContextManager[Session]],
    quarter: str,
    out: Path | str,
    *,
    include: Collection[str] | None = None,
    progress: Progress | None = None,
    user: str | None = None,
    today: date | None = None,
    password: str | None = None,
) -> ExportSummary:
    """Write the quarter's report workbook to `out` (atomically) and say what it holds.

    `source` is a Database (anything with `.session()`) or a zero-argument callable returning
    a session context manager. `progress(percent, message)` is called from the calling
    thread; an exception raised by it aborts the export and leaves `out` untouched.
    """
    parts = _check_parts(include)
    if password is not None and not password:
        raise OpsDeskError("workbook.password_empty")
    report = _report_progress(progress)
    target = Path(out)
    if target.suffix.lower() != ".xlsx":
        raise ValidationError(Problem("out", "export.not_xlsx", {"name": target.name}))
    if not target.parent.is_dir():
        raise ValidationError(Problem("out", "export.no_folder", {"folder": str(target.parent)}))
    open_session = source.session if hasattr(source, "session") else source
    report(0, progress_text("progress.reading"))
    with open_session() as session:
        data = kept_quarter_data(session, quarter)  # a closed quarter: the report kept at closing
        if data is None:
            data = _collect(session, quarter, parts, user=user, today=today or date.today(), report=report)
    report(20, progress_text("progress.writing_workbook"))
    handle, temp_name = tempfile.mkstemp(prefix=f".{target.stem}-", suffix=".xlsx.tmp", dir=target.parent)
    os.close(handle)
    temp = Path(temp_name)
    try:
        if password is None:
            rows = _write_workbook(data, parts, temp, report)
        else:
            from opsdesk.reports.workbook_password import encrypt_workbook

            # The plain workbook stays in memory: only the encrypted bytes are written.
            plain = BytesIO()
            rows = _write_workbook(data, parts, plain, report)
            restrict_to_owner(temp)
            temp.write_bytes(encrypt_workbook(plain.getvalue(), password))
        restrict_to_owner(temp)
        # The previous report may still be open in Excel: FileInUseError says to close it.
        replace_file(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    report(100, progress_text("progress.done"))
    return ExportSummary(
        path=target,
        quarter=data.quarter.label,
        first_day=data.quarter.first_day,
        last_day=data.quarter.last_day,
        generated_at=data.generated_at,
        sheets=tuple(rows),
        rows={name: count for name, count in rows.items() if count is not None},
    )


def _report_progress(progress: Progress | None) -> Progress:
    def report(percent: int, message: str) -> None:
        if progress is not None:
            progress(max(0, min(100, int(percent))), message)

    return report


# Reading ---------------------------------------------------------------------------------


# The whole quarter is read into plain values with no cycles: the collector would only walk them.
@collector_paused()
def _collect(
    session: Session,
    quarter_text: str,
    parts: Sequence[str],
    *,
    user: str | None,
    today: date,
    report: Progress,
) -> _QuarterData:
    from opsdesk.services import (
        control_charts,
        kris,
        meetings,
        nonconformities,
        quality,
        reporting,
        settings,
        suggestions,
    )

    start_month = settings.get_fiscal_start_month(session=session)
    quarter = parse_quarter(quarter_text, start_month)
    first, last = quarter.first_day, quarter.last_day
    data = _QuarterData(
        quarter=quarter,
        as_of=min(today, last),
        generated_at=datetime.now().replace(microsecond=0),
        user=user or str(session.info.get("user") or ""),
        company=settings.get_company_name(session=session),
        policy=settings.get_quality_policy(session=session),
        matrix=display_matrix(
            settings.get_matrix(session=session)
        ),  # seeded names in the workbook's language
        intervals=settings.get_review_intervals(session=session),
        start_month=start_month,
    )
    wanted = set(parts)
    # The register as it stood at the end of the quarter (or today, for the quarter under way).
    register = reporting.register_on(session=session, day=data.as_of)
    data.figures = reporting.figures_of(register)
    if wanted & {"summary", "register", "heatmap"}:
        closed_on = reporting.risk_closed_dates(session=session)
        data.register = reporting.risks_active_in(register.risks, closed_on, first, data.as_of)
        data.current = {risk.id: register.current.get(risk.id, {}) for risk in data.register}
        data.movements = reporting.quarter_movements(
            risks=register.risks, closed_on=closed_on, history=register.history, quarter=quarter
        )
        # "Movements since last quarter" compares closed quarters: the previous one's kept report.
        previous = kept_quarter_data(session, quarter.previous().label)
        if previous is not None:
            data.movements = _movements_since_closed(previous, data)
    report(8, progress_text("progress.reading_indicators"))
    if wanted & {"kris"}:
        data.kri_latest = reporting.latest_readings_until(session=session, until=data.as_of)
        data.kris = reporting.kris_on(
            session=session,
            day=data.as_of,
            kris=kris.list_kris(session=session, today=data.as_of),
            read=data.kri_latest,
        )
        data.readings = reporting.readings_between(session=session, first=first, last=data.as_of)
    if wanted & {"summary", "alerts"}:
        data.alerts = [a for a in register.alerts if _alert_in_quarter(a, first, last)]
        # Open at the end of the day: an alert raised later, or resolved by then, is not the quarter's.
        data.open_alerts = [a for a in register.alerts if a.state != AlertState.RESOLVED]
        data.alert_states = {a.id: AlertState(a.state) for a in data.open_alerts}
    report(12, progress_text("progress.reading_actions"))
    if "actions" in wanted:
        data.actions = [a for a in register.actions if _action_in_quarter(a, first, last)]
    # Each objective's last period complete by the end of the day (the one ending with the quarter).
    data.objective_counts = register.objectives
    if "objectives" in wanted:
        for objective in quality.list_objectives(session=session):
            if objective.frequency not in set(Frequency) or objective.direction not in set(Direction):
                data.objectives.append((objective, []))  # written outside OpsDesk: listed, no measurements
                continue
            until = period_key(last, Frequency(objective.frequency), start_month)
            chart = control_charts.control_chart(
                session=session, objective_id=objective.id, until=until, today=today
            )
            points = [p for p in chart.series.points if not p.missing and first <= p.period_start <= last]
            data.objectives.append((objective, points))
            data.charts[objective.id] = chart
    if "nonconformities" in wanted:
        data.nonconformities = [
            nc for nc in nonconformities.list_nonconformities(session=session, today=data.as_of)
            if nc.detected_on <= last and (nc.closed_on is None or nc.closed_on >= first)
        ]  # fmt: skip
    if "meetings" in wanted:
        data.meetings = sorted(
            (m for m in meetings.list_meetings(session=session) if first <= m.held_on <= last),
            key=lambda m: (m.held_on, m.id),
        )
    if wanted & {"summary", "suggestions"}:
        # Read in the quarter only, by the database: the register holds years of suggestions.
        data.suggestions = [
            s for s in suggestions.list_suggestions(session=session, dated_between=(first, last))
            if _suggestion_in_quarter(s, first, last)
        ]  # fmt: skip
        board = suggestions.leaderboard(session=session, quarter=quarter.label, start_month=start_month)
        data.suggestions_received, data.suggestions_implemented = (
            board.received,
            _implemented_in(data.suggestions, first, last),
        )
    return data


def report_figures(data: _QuarterData) -> dict[str, Any]:
    """The figures of a quarter's report as JSON values (what `opsdesk report --json` prints)."""
    assert data.figures is not None
    return {
        "quarter": data.quarter.label,
        "first_day": data.quarter.first_day.isoformat(),
        "last_day": data.quarter.last_day.isoformat(),
        "as_of": data.as_of.isoformat(),
        **data.figures.as_json(),
    }


def quarter_data(
    session: Session, quarter: str, *, today: date | None = None, user: str | None = None
) -> _QuarterData:
    """Everything a quarter's report shows: the one kept at closing for a closed quarter, else read now."""
    data = kept_quarter_data(session, quarter)
    if data is None:
        data = _collect(session, quarter, EXPORT_PARTS, user=user, today=today or date.today(),
                        report=_report_progress(None))  # fmt: skip
    return data


def kept_quarter_data(session: Session, quarter: str) -> _QuarterData | None:
    """The report data kept when the quarter was closed, with its anchor; None when it is not closed."""
    from opsdesk.reports import quarter_snapshot
    from opsdesk.services import quarters

    kept = quarters.kept_report(session=session, quarter=quarter)
    if kept is None:
        return None
    try:
        data = quarter_snapshot.load(kept.data)
    except (TypeError, ValueError, KeyError) as exc:
        raise ValidationError(Problem("quarter", "quarter.unreadable", {"quarter": kept.quarter})) from exc
    if not isinstance(data, _QuarterData):
        raise ValidationError(Problem("quarter", "quarter.unreadable", {"quarter": kept.quarter}))
    data.anchor = (kept.anchor_entry, kept.anchor_hash)
    data.closed = (kept.closed_at, kept.closed_by)
    return data


def close_quarter(
    session: Session, quarter: str, *, today: date | None = None, user: str | None = None
) -> Any:
    """Close an ended quarter: keep its report's figures and rows and the audit trail's newest entry.

    In the caller's transaction (it commits). Returns the quarter's new state (services.quarters).
    """
    from opsdesk.reports import quarter_snapshot
    from opsdesk.services import quarters

    today = today or date.today()
    state = quarters.quarter_state(session=session, quarter=quarter)
    if state.is_closed:
        raise ValidationError(Problem("quarter", "quarter.already_closed", {"quarter": state.quarter}))
    data = _collect(session, quarter, EXPORT_PARTS, user=user, today=today, report=_report_progress(None))
    return quarters.record_closing(
        session=session, quarter=data.quarter.label, figures=report_figures(data), data=quarter_snapshot.dump(data),
        today=today,
    )  # fmt: skip


def _movements_since_closed(previous: _QuarterData, data: _QuarterData) -> QuarterMovements:
    """New, closed, up and down between the report kept for the previous quarter and this one."""
    from opsdesk.services.reporting import QuarterMovements

    before = {risk.code: risk.residual_score for risk in previous.active}
    after = {risk.code: risk.residual_score for risk in data.active}
    up = [
        code
        for code in sorted(set(before) & set(after))
        if before[code] is not None and after[code] is not None and after[code] > before[code]
    ]
    down = [
        code
        for code in sorted(set(before) & set(after))
        if before[code] is not None and after[code] is not None and after[code] < before[code]
    ]
    return QuarterMovements(
        previous.quarter.label, tuple(sorted(set(after) - set(before))), tuple(sorted(set(before) - set(after))),
        tuple(up), tuple(down),
    )  # fmt: skip


def _alert_in_quarter(alert: AlertRead, first: date, last: date) -> bool:
    """Raised in the quarter, or raised before and not yet resolved when the quarter began."""
    if alert.raised_on > last:
        return False
    if alert.raised_on >= first:
        return True
    resolved = alert.resolved_at.date() if alert.resolved_at is not None else None
    return resolved is None or resolved >= first


def _action_in_quarter(action: ActionRead, first: date, last: date) -> bool:
    """Still open, completed since the quarter began, or due within it."""
    if action.status not in (ActionStatus.DONE, ActionStatus.CANCELLED):
        return True
    if action.completed_on is not None and action.completed_on >= first:
        return True
    return action.due_date is not None and first <= action.due_date <= last


def _suggestion_in_quarter(suggestion: SuggestionRead, first: date, last: date) -> bool:
    days = (suggestion.submitted_on, suggestion.reviewed_on, suggestion.implemented_on)
    return any(day is not None and first <= day <= last for day in days)


def _implemented_in(suggestions: Sequence[SuggestionRead], first: date, last: date) -> int:
    return sum(1 for s in suggestions if s.implemented_on is not None and first <= s.implemented_on <= last)


# Writing ---------------------------------------------------------------------------------


def _write_workbook(
    data: _QuarterData, parts: Sequence[str], path: Path | BytesIO, report: Progress
) -> dict[str, int | None]:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.properties.creator = data.user or "OpsDesk"
    workbook.properties.title = f"{text('report_title')} {data.quarter.label}"
    book = StyleBook(workbook, data.matrix)
    written: dict[str, int | None] = {}
    steps = len(parts)
    try:
        with warnings.catch_warnings():
            # openpyxl warns on every table in write-only mode; add_table names the columns itself.
            warnings.filterwarnings(
                "ignore", message="In write-only mode you must add table columns manually"
            )
            for index, part in enumerate(parts):
                base = 20 + int(65 * index / steps)
                span = max(1, int(65 / steps))
                report(base, progress_text("progress.writing_sheet", sheet=sheet_title(part)))
                writer = _WRITERS[part]
                written.update(writer(workbook, book, data, _sub_progress(report, base, span, part)))
            _add_footers(workbook, data)
            report(88, progress_text("progress.saving"))
            workbook.save(path)
    except BaseException:
        discard_workbook(workbook)
        raise
    return written


def _add_footers(workbook: Workbook, data: _QuarterData) -> None:
    """Each printed page says whose report it is, for which quarter, and which page of how many."""
    add_page_footers(workbook, left=data.company, centre=data.quarter.label, right=text("page_of"))


def _sub_progress(report: Progress, base: int, span: int, part: str) -> Callable[[int, int], None]:
    def on_rows(done: int, total: int) -> None:
        if total:
            report(
                base + int(span * done / total),
                progress_text("progress.writing_rows", sheet=sheet_title(part), done=done, total=total),
            )

    return on_rows


RowProgress = Callable[[int, int], None]


def _data_sheet(
    workbook: Workbook,
    book: StyleBook,
    key: str,
    table: str,
    columns: Sequence[Column],
    rows: list[list[object]],
    on_rows: RowProgress,
) -> dict[str, int | None]:
    total = len(rows)
    write_data_sheet(
        workbook, book, title=sheet_title(key), table_name=table, columns=columns, rows=rows,
        on_rows=lambda done: on_rows(done, total),
    )  # fmt: skip
    return {sheet_title(key): total}


# -- risk register

# The register sheet lists the risk's field table in its order; a few figures of the
# register (review due, above appetite, open actions) sit beside the fields they explain.
_FORMAT_OF_KIND = {
    FieldKind.CODE: "code",
    FieldKind.LONG_TEXT: "wrap",
    FieldKind.INTEGER: "int",
    FieldKind.PERCENT: "percent",
    FieldKind.MONEY: "money",
    FieldKind.DATE: "date",
    FieldKind.LEVEL: "level",
}
_WIDTHS = {"code": 10, "title": 36, "description": 48, "rationale": 40}
_REGISTER_KEYS = {"category_id": "category", "department_id": "department"}  # shown by name, not id
_FIGURES_AFTER = {"next_review": "review_due", "target_level": "above_appetite"}


def _register_columns() -> tuple[Column, ...]:
    columns = []
    for spec in RISK.fields:
        if not spec.column:
            continue
        kind = _FORMAT_OF_KIND.get(spec.kind, "text")
        columns.append(
            Column(
                _REGISTER_KEYS.get(spec.key, spec.key),
                kind,
                _WIDTHS.get(spec.key, 36 if kind == "wrap" else None),
            )
        )
        if spec.key in _FIGURES_AFTER:
            columns.append(Column(_FIGURES_AFTER[spec.key], "yesno"))
    columns.append(Column("open_actions", "int"))
    return tuple(columns)


# The register prints these columns only, put first so the print area can be one block (A:L):
# the sheet keeps every column for the screen and the filters. The others follow in field order.
REGISTER_PRINT_KEYS: tuple[str, ...] = (
    "code", "title", "category", "department", "owner", "status", "residual_score", "residual_level",
    "above_appetite", "strategy", "next_review", "open_actions",
)  # fmt: skip


# Their widths on paper: 151 units print at about 94% on A4 landscape with Calibri (about 82% where
# LibreOffice lacks Calibri and Carlito and measures widths in DejaVu Sans), so 10 pt text prints at
# 8 pt or more. Headers wrap; so do the longer texts, rather than being cut off by the next column.
_PRINT_WIDTHS: dict[str, tuple[str | None, float]] = {
    "code": (None, 9), "title": ("wrap", 30), "category": ("wrap", 16), "department": ("wrap", 14),
    "owner": ("wrap", 14), "status": (None, 11), "residual_score": (None, 8), "residual_level": (None, 10),
    "above_appetite": (None, 9), "strategy": (None, 11), "next_review": (None, 11), "open_actions": (None, 8),
}  # fmt: skip


def _print_first(columns: Sequence[Column], keys: Sequence[str]) -> tuple[Column, ...]:
    by_key = {column.key: column for column in columns}
    first = []
    for key in keys:
        if key in by_key:
            style, width = _PRINT_WIDTHS.get(key, (None, None))
            first.append(
                replace(by_key[key], style=style or by_key[key].style, width=width or by_key[key].width)
            )
    return (*first, *(column for column in columns if column.key not in keys))


REGISTER_COLUMNS: tuple[Column, ...] = _print_first(_register_columns(), REGISTER_PRINT_KEYS)


RegisterCell = Callable[["RiskRead", "dict[str, AssessmentPoint]"], object]


def _register_cell(column: Column) -> RegisterCell:
    """How one register column's value is read from a risk and its current assessments."""
    spec = RISK.get(column.key)
    field_of = attrgetter(column.key)
    if spec is not None and spec.kind is FieldKind.CHOICE:
        choices = spec.choices or ""
        return lambda risk, current: label(choices, field_of(risk))
    if spec is not None and not spec.stored:  # probability, financial impact: of the current assessment
        kind, _, measure = column.key.partition("_")
        measure_of = attrgetter(measure)

        def of_current(risk: RiskRead, current: dict[str, AssessmentPoint]) -> object:
            point = current.get(kind)
            return measure_of(point) if point else None

        return of_current
    return lambda risk, current: field_of(risk)


# Worked out once: the register sheet runs them for each of 20,000 risks.
_REGISTER_CELLS: tuple[RegisterCell, ...] = tuple(_register_cell(column) for column in REGISTER_COLUMNS)


def register_row(risk: RiskRead, current: dict[str, AssessmentPoint]) -> list[object]:
    """The register sheet's cells for one risk, in REGISTER_COLUMNS order."""
    return [cell(risk, current) for cell in _REGISTER_CELLS]


def _write_register(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    rows = [register_row(risk, data.current.get(risk.id, {})) for risk in data.register]
    written = _data_sheet(workbook, book, "register", "RiskRegister", REGISTER_COLUMNS, rows, on_rows)
    _print_key_columns(workbook, sheet_title("register"), len(rows))
    return written


def _print_key_columns(workbook: Workbook, title: str, rows: int) -> None:
    """Paper gets the register's key columns only, readable, while the screen keeps them all."""
    from openpyxl.utils import get_column_letter

    sheet = next(sheet for sheet in workbook.worksheets if sheet.title == title)
    printed = sum(1 for column in REGISTER_COLUMNS if column.key in REGISTER_PRINT_KEYS)
    sheet.print_area = f"A1:{get_column_letter(printed)}{rows + 1}"


# -- KRIs and readings

KRI_COLUMNS: tuple[Column, ...] = (
    Column("kri_name", "wrap", 34),
    Column("kri_description", "wrap", 40),
    Column("risk_code", "code", 10),
    Column("risk_title", "wrap", 30),
    Column("department", "text"),
    Column("unit", "text"),
    Column("direction", "text"),
    Column("warning", "number"),
    Column("alarm", "number"),
    Column("frequency", "text"),
    Column("last_read_on", "date"),
    Column("last_value", "number"),
    Column("state", "text"),
    Column("readings_in_quarter", "int"),
)
READING_COLUMNS: tuple[Column, ...] = (
    Column("kri", "wrap", 34),
    Column("read_on", "date"),
    Column("value", "number"),
    Column("unit", "text"),
    Column("state", "text"),
    Column("note", "wrap", 40),
    Column("recorded_by", "text"),
)


def _write_kris(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    per_kri = Counter(reading.kri_id for reading in data.readings)
    rows: list[list[object]] = []
    for kri in data.kris:
        latest = data.kri_latest.get(kri.id)
        rows.append([
            kri.name, kri.description, kri.risk_code, kri.risk_title, kri.department, kri.unit,
            label("direction", kri.direction), kri.warning, kri.alarm, label("frequency", kri.frequency),
            latest.read_on if latest else None, latest.value if latest else None,
            label("kri_state", latest.state) if latest else None, per_kri.get(kri.id, 0),
        ])  # fmt: skip
    written = _data_sheet(workbook, book, "kris", "KRIs", KRI_COLUMNS, rows, on_rows)
    reading_rows = [
        [r.kri_name, r.read_on, r.value, r.unit, label("kri_state", r.state), r.note, r.recorded_by]
        for r in data.readings
    ]
    written.update(
        _data_sheet(workbook, book, "readings", "KRIReadings", READING_COLUMNS, reading_rows, on_rows)
    )
    return written


# -- alerts

ALERT_COLUMNS: tuple[Column, ...] = (
    Column("raised_on", "date"),
    Column("alert_kind", "text"),
    Column("severity", "text"),
    Column("alert_state", "text"),
    Column("message", "wrap", 60),
    Column("kri", "wrap", 30),
    Column("risk_code", "code", 10),
    Column("department", "text"),
    Column("value", "number"),
    Column("breach_ended_on", "date"),
    Column("acknowledged_by", "text"),
    Column("acknowledged_at", "datetime"),
    Column("resolved_by", "text"),
    Column("resolved_at", "datetime"),
    Column("resolution_note", "wrap", 36),
)


def _severity_label(matrix: RiskMatrix, severity: str) -> str:
    names = {band.code: band.name for band in matrix.bands}
    return names.get(severity) or label("severity", severity)


def _alert_text(alert: AlertRead) -> str:
    """The alert's sentence in the workbook's language, made from its fields (the stored one is English)."""
    from opsdesk.services.alerts import alert_sentence

    return alert_sentence(alert, current_language())


def _alert_row(data: _QuarterData, a: AlertRead) -> list[object]:
    return [
        a.raised_on, label("alert_kind", a.kind), _severity_label(data.matrix, a.severity),
        label("alert_state", a.state), _alert_text(a), a.kri_name, a.risk_code, a.department, a.value,
        a.breach_ended_on, a.acknowledged_by, a.acknowledged_at, a.resolved_by, a.resolved_at,
        a.resolution_note,
    ]  # fmt: skip


# Forecasts have no kind column (they are all forecasts) and end rather than being breached.
FORECAST_COLUMNS: tuple[Column, ...] = tuple(
    Column("forecast_ended_on", "date") if column.key == "breach_ended_on" else column
    for column in ALERT_COLUMNS
    if column.key != "alert_kind"
)


def _write_alerts(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    """Breaches on the alerts sheet; forecast alerts on a sheet of their own, apart from them."""
    breaches = [_alert_row(data, a) for a in data.alerts if a.kind != AlertKind.FORECAST]
    forecasts = [_alert_row(data, a) for a in data.alerts if a.kind == AlertKind.FORECAST]
    written = _data_sheet(workbook, book, "alerts", "Alerts", ALERT_COLUMNS, breaches, on_rows)
    forecast_rows = [row[:1] + row[2:] for row in forecasts]
    written.update(
        _data_sheet(
            workbook, book, "forecast_alerts", "ForecastAlerts", FORECAST_COLUMNS, forecast_rows, on_rows
        )
    )
    return written


# -- actions

ACTION_COLUMNS: tuple[Column, ...] = (
    Column("action_title", "wrap", 40),
    Column("action_kind", "text"),
    Column("action_source", "code"),
    Column("source_title", "wrap", 30),
    Column("department", "text"),
    Column("owner", "text"),
    Column("due_date", "date"),
    Column("action_status", "text"),
    Column("completed_on", "date"),
    Column("cost", "money"),
    Column("overdue", "yesno"),
    Column("action_note", "wrap", 36),
)


def _write_actions(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    rows = [
        [
            a.title, label("action_kind", a.kind), a.source, a.source_title, a.department, a.owner, a.due_date,
            label("action_status", a.status), a.completed_on, a.cost, a.overdue, a.note,
        ]
        for a in data.actions
    ]  # fmt: skip
    return _data_sheet(workbook, book, "actions", "Actions", ACTION_COLUMNS, rows, on_rows)


# -- quality objectives

OBJECTIVE_COLUMNS: tuple[Column, ...] = (
    Column("objective", "wrap", 34),
    Column("department", "text"),
    Column("owner", "text"),
    Column("objective_kind", "text"),
    Column("unit", "text"),
    Column("direction", "text"),
    Column("target", "number"),
    Column("tolerance", "number"),
    Column("period", "text"),
    Column("numerator", "number"),
    Column("denominator", "number"),
    Column("actual", "decimal"),
    Column("objective_status", "text"),
    Column("chart_type", "text"),
    Column("rule_set", "text"),
    Column("centre_line", "decimal"),
    Column("lower_limit", "decimal"),
    Column("upper_limit", "decimal"),
    Column("sigma_z", "decimal"),
    Column("rules_broken", "text"),
)


def _write_objectives(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    """One row per objective and period: the measurement, its status, and its chart's type, centre line and limits."""
    rows: list[list[object]] = []
    for objective, points in data.objectives:
        common = [
            objective.name, objective.department, objective.owner, label("objective_kind", objective.kind),
            objective.unit, label("direction", objective.direction), objective.target, objective.tolerance,
        ]  # fmt: skip
        chart = data.charts.get(objective.id)
        kind = (
            [None, None]
            if chart is None
            else [label("chart_type", chart.chart), label("rule_set", chart.rule_set)]
        )
        center = None if chart is None else chart.series.center
        sigma_z = None if chart is None else chart.sigma_z
        if not points:
            rows.append([*common, None, None, None, None, label("objective_status", "no_data"), *kind, center,
                         None, None, sigma_z, None])  # fmt: skip
        for point in points:
            rows.append([
                *common, point.period, point.numerator, point.denominator, point.value,
                label("objective_status", point.status or "no_data"), *kind, center, point.lower, point.upper,
                sigma_z, ", ".join(str(rule) for rule in point.violations) or None,
            ])  # fmt: skip
    return _data_sheet(workbook, book, "objectives", "QualityObjectives", OBJECTIVE_COLUMNS, rows, on_rows)


# -- nonconformities

NC_COLUMNS: tuple[Column, ...] = (
    Column("nc_code", "code", 10),
    Column("nc_title", "wrap", 36),
    Column("nc_source", "text"),
    Column("severity", "text"),
    Column("department", "text"),
    Column("product_process", "text"),
    Column("detected_on", "date"),
    Column("owner", "text"),
    Column("description", "wrap", 44),
    Column("containment", "wrap", 36),
    Column("disposition", "text"),
    Column("whys", "wrap", 44),
    Column("root_cause", "wrap", 36),
    Column("six_m", "text"),
    Column("nc_status", "text"),
    Column("open_actions", "int"),
    Column("overdue_actions", "int"),
    Column("effectiveness", "text"),
    Column("verified_by", "text"),
    Column("verified_on", "date"),
    Column("closed_on", "date"),
    Column("days_open", "int"),
)


def _write_nonconformities(
    workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress
) -> dict:
    rows = [
        [
            nc.code, nc.title, label("nc_source", nc.source), label("severity", nc.severity), nc.department,
            nc.product_process, nc.detected_on, nc.owner, nc.description, nc.containment,
            label("disposition", nc.disposition), joined(f"{i}. {why}" for i, why in enumerate(nc.whys, 1)),
            nc.root_cause, label("six_m", nc.six_m), label("nc_status", nc.status), nc.open_actions,
            nc.overdue_actions, label("effectiveness", nc.effectiveness), nc.verified_by, nc.verified_on,
            nc.closed_on, nc.days_open,
        ]
        for nc in data.nonconformities
    ]  # fmt: skip
    return _data_sheet(workbook, book, "nonconformities", "Nonconformities", NC_COLUMNS, rows, on_rows)


# -- meetings

MEETING_COLUMNS: tuple[Column, ...] = (
    Column("held_on", "date"),
    Column("meeting_title", "wrap", 34),
    Column("attendees", "wrap", 30),
    Column("agenda", "wrap", 40),
    Column("minutes", "wrap", 60),
    Column("decisions", "wrap", 44),
    Column("nonconformities", "wrap", 20),
    Column("objectives", "wrap", 28),
    Column("actions", "int"),
)


def _write_meetings(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    rows = [
        [
            m.held_on, m.title, joined(m.attendees, "; "), m.agenda, m.minutes, joined(m.decisions),
            joined(code for _id, code, _title in m.nonconformities), joined(name for _id, name in m.objectives),
            m.action_count,
        ]
        for m in data.meetings
    ]  # fmt: skip
    return _data_sheet(workbook, book, "meetings", "Meetings", MEETING_COLUMNS, rows, on_rows)


# -- suggestions

SUGGESTION_COLUMNS: tuple[Column, ...] = (
    Column("suggestion_code", "code", 10),
    Column("suggestion_title", "wrap", 36),
    Column("submitter", "text"),
    Column("department", "text"),
    Column("submitted_on", "date"),
    Column("description", "wrap", 44),
    Column("expected_benefit", "wrap", 36),
    Column("estimated_cost", "money"),
    Column("suggestion_status", "text"),
    Column("reviewer", "text"),
    Column("reviewed_on", "date"),
    Column("decision_note", "wrap", 36),
    Column("reward_points", "int"),
    Column("reward_amount", "money"),
    Column("realised_benefit", "wrap", 36),
    Column("implemented_on", "date"),
)


def _write_suggestions(workbook: Workbook, book: StyleBook, data: _QuarterData, on_rows: RowProgress) -> dict:
    rows = [
        [
            s.code, s.title, s.submitter, s.department, s.submitted_on, s.description, s.expected_benefit,
            s.estimated_cost, label("suggestion_status", s.status), s.reviewer, s.reviewed_on, s.decision_note,
            s.reward_points, s.reward_amount, s.realised_benefit, s.implemented_on,
        ]
        for s in data.suggestions
    ]  # fmt: skip
    return _data_sheet(workbook, book, "suggestions", "Suggestions", SUGGESTION_COLUMNS, rows, on_rows)


# -- summary


def heatmap_counts(risks: Sequence[RiskRead], kind: str) -> dict[tuple[int, int], int]:
    """Risks per (likelihood, impact) cell of one assessment kind (domain.figures)."""
    return figure_heatmap_counts(risks, kind)


def top_risks(risks: Sequence[RiskRead], limit: int = TOP_RISKS) -> list[RiskRead]:
    """The highest residual scores, ties by code; risks without a residual assessment are not ranked."""
    return ranked_by_residual(risks, limit)


def heatmap_png(
    data: _QuarterData,
    *,
    text_scale: float = 1.0,
    size: tuple[float, float] | None = None,
    dpi: int = PICTURE_DPI,
) -> bytes:
    """The heatmap figure of the active risks as a PNG; `size` in inches, `text_scale` > 1 for paper."""
    from opsdesk.reports.charts.heatmap import build_heatmap_figure

    counts = {kind: heatmap_counts(data.active, kind) for kind in HEATMAP_KINDS}
    figure = build_heatmap_figure(
        data.matrix, counts, kinds=HEATMAP_KINDS, titles={kind: text(kind) for kind in HEATMAP_KINDS},
        likelihood_title=header("likelihood"), impact_title=header("impact"), text_scale=text_scale,
        **({"width": size[0], "height": size[1]} if size else {}),
    )  # fmt: skip
    buffer = BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


class _Rows:
    """Appends rows to a write-only sheet, keeps count (for merged ranges) and sizes wrapped rows.

    A `buffered` block keeps its rows for `_side_by_side`, which writes two blocks on the same lines.
    """

    def __init__(
        self, sheet: Any, book: StyleBook, widths: Sequence[float] = (), *, buffered: bool = False
    ) -> None:
        self.sheet, self.book, self.count = sheet, book, 0
        self.widths = list(widths)
        self.buffered = buffered
        self.pending: list[tuple[list[Any], float | None]] = []

    def add(self, *cells: Any, spans: dict[int, int] | None = None, height: float | None = None) -> int:
        """Append a row; `spans` maps a cell's index to how many columns its merged range covers."""
        lines = 1
        for index, cell in enumerate(cells):
            if cell is None or not isinstance(cell.value, str) or not cell.alignment.wrap_text:
                continue
            span = (spans or {}).get(index, 1)
            width = sum(self.widths[index : index + span]) if index < len(self.widths) else 10.0
            lines = max(lines, wrapped_lines(cell.value, width))
        height = height or row_height(lines)
        self.count += 1
        if self.buffered:
            self.pending.append((list(cells), height))
            return self.count
        if height is not None:
            self.sheet.row_dimensions[self.count].height = height
        self.sheet.append(list(cells))
        return self.count

    def blank(self) -> None:
        self.add()

    def cell(self, value: object, style: str = "text") -> Any:
        if value is None:
            return None
        return self.book.cell(self.sheet, value, style)


def _write_summary(workbook: Workbook, book: StyleBook, data: _QuarterData, _on_rows: RowProgress) -> dict:
    sheet = workbook.create_sheet(sheet_title("summary"))
    _summary_page_setup(sheet)
    # Two blocks side by side fill one landscape page: the register's figures on the left (A:F);
    # the heatmap picture, open alerts, objectives and suggestions on the right (H:K).
    rows = _Rows(sheet, book, SUMMARY_WIDTHS, buffered=True)
    right = _Rows(sheet, book, SUMMARY_RIGHT_WIDTHS, buffered=True)
    c = rows.cell
    quarter = data.quarter
    rows.add(
        c(f"{data.company} - {text('report_title')}" if data.company else text("report_title"), "title"),
        height=SUMMARY_TITLE_HEIGHT,
    )
    rows.blank()
    rows.add(c(text("company"), "label"), c(data.company or "-"))
    rows.add(c(text("quarter"), "label"), c(quarter.label, "code"))
    rows.add(c(text("period"), "label"), c(quarter.first_day, "date"), c(quarter.last_day, "date"))
    rows.add(c(text("generated_at"), "label"), c(data.generated_at, "datetime"))
    rows.add(c(text("generated_by"), "label"), c(data.user or "-"))
    if data.anchor is not None and data.closed is not None:
        from opsdesk.store.audit_chain import anchor_text

        closed_at, closed_by = data.closed
        rows.add(
            c(text("closed_quarter", at=closed_at.strftime("%Y-%m-%d %H:%M UTC"), user=closed_by), "label"),
            spans={0: 6},
        )
        sheet.merged_cells.add(f"A{rows.count}:F{rows.count}")
        rows.add(c(anchor_text(*data.anchor), "code"), spans={0: 6})  # `opsdesk check --against` reads it
        sheet.merged_cells.add(f"A{rows.count}:F{rows.count}")
    policy = rows.add(c(text("quality_policy"), "label"), c(data.policy.text or "-", "wrap"), spans={1: 5})
    sheet.merged_cells.add(f"B{policy}:F{policy}")
    if data.policy.approved_on:
        rows.add(c(text("policy_approved_on"), "label"), c(data.policy.approved_on, "date"))
    rows.blank()

    # Risks by residual level, worst first.
    rows.add(c(text("risks_by_level"), "section"))
    rows.add(c(header("level"), "header"), c(header("risks"), "header"))
    figures = data.figures
    assert figures is not None
    for band in reversed(data.matrix.bands):
        rows.add(book.level_cell(sheet, band.code), c(figures.by_level.get(band.code, 0), "int"))
    rows.add(c(text("not_assessed"), "label"), c(figures.unassessed, "int"))
    rows.add(c(text("total"), "label"), c(figures.active, "int"))
    for key, count in (
        ("above_appetite", figures.above_appetite),
        ("review_due", figures.review_due),
        ("overdue_actions", figures.overdue_actions),
    ):
        rows.add(c(text(f"figure_{key}"), "label"), c(count, "int"))
    rows.blank()

    movements = data.movements
    if movements is not None:
        rows.add(c(text("movements", quarter=movements.previous_quarter), "section"))
        for key, codes in (
            ("new", movements.new),
            ("closed", movements.closed),
            ("up", movements.up),
            ("down", movements.down),
        ):
            row = rows.add(
                c(text(key), "label"),
                c(len(codes), "int"),
                c(_codes(codes), "wrap") if codes else None,
                spans={2: 4},
            )
            sheet.merged_cells.add(f"C{row}:F{row}")  # the codes spread over the table's width
        rows.blank()

    rows.add(c(text("top_risks"), "section"))
    rows.add(
        *(
            c(header(key), "header")
            for key in ("code", "title", "residual_score", "residual_level", "owner", "department")
        )
    )
    by_code = {risk.code: risk for risk in data.active}
    for risk in (by_code[code] for code in figures.top if code in by_code):
        level = risk.residual_level
        rows.add(
            c(risk.code, "code"),
            c(risk.title, "wrap"),
            c(risk.residual_score, "int"),
            book.level_cell(sheet, level),
            c(risk.owner),
            c(risk.department),
        )
    rows.blank()
    # Risks without a residual assessment are never ranked: listed apart, with their count.
    row = rows.add(
        c(text("not_assessed"), "section"),
        c(figures.unassessed, "int"),
        c(_codes(figures.unassessed_codes), "wrap") if figures.unassessed_codes else None,
        spans={2: 4},
    )
    sheet.merged_cells.add(f"C{row}:F{row}")
    rows.blank()

    # Beneath the picture: objectives and suggestions, then the open alerts.
    right.add(c(text("objectives", quarter=quarter.label), "section"))
    for status in ("met", "at_risk", "missed", "no_data"):
        right.add(
            c(label("objective_status", status), "label"), c(data.objective_counts.get(status, 0), "int")
        )
    right.blank()

    right.add(c(text("suggestions"), "section"))
    right.add(c(text("received"), "label"), c(data.suggestions_received, "int"))
    right.add(c(text("implemented"), "label"), c(data.suggestions_implemented, "int"))
    right.blank()

    breaches = [a for a in data.open_alerts if a.kind != AlertKind.FORECAST]
    forecasts = [a for a in data.open_alerts if a.kind == AlertKind.FORECAST]
    for key, listed in (("open_alerts", breaches), ("open_forecasts", forecasts)):
        if key == "open_forecasts" and not listed:
            continue  # no KRI forecasts: nothing to set apart
        right.add(c(text(key), "section"), c(len(listed), "int"))
        for alert in listed[:SUMMARY_ALERTS]:
            # One line each on the Summary (it must fit one printed page); the Alerts sheet has the whole text.
            right.add(
                c(alert.raised_on, "date"),
                c(_one_line(_alert_text(alert), SUMMARY_ALERT_CHARS), "wrap"),
                c(label("alert_state", data.alert_states.get(alert.id) or alert.state)),
                c(_severity_label(data.matrix, alert.severity)),
            )
        if len(listed) > SUMMARY_ALERTS:
            right.add(None, c(text("more", count=len(listed) - SUMMARY_ALERTS)))
        right.blank()

    picture_height = _add_summary_heatmap(sheet, data)
    _side_by_side(sheet, rows, right, below=SUMMARY_TITLE_HEIGHT + DEFAULT_ROW_HEIGHT + picture_height + 6)
    sheet.merged_cells.add("A1:F1")
    return {sheet_title("summary"): None}


# The Summary's columns: A:F on the left, G a gap, H:K on the right (the picture spans H:K).
SUMMARY_WIDTHS = (26.0, 48.0, 11.0, 11.0, 15.0, 15.0)
SUMMARY_RIGHT_WIDTHS = (16.0, 50.0, 10.0, 9.0)
SUMMARY_GAP = 2.0
SUMMARY_RIGHT_COLUMN = 8  # H
SUMMARY_TITLE_HEIGHT = 24.0
DEFAULT_ROW_HEIGHT = 15.0
# The picture is drawn at the size it is shown, with larger text: legible once the page is fitted.
SUMMARY_PICTURE_DPI = 200
# What fits column I of the Summary on one line.
SUMMARY_ALERT_CHARS = 48


def _one_line(value: str, limit: int) -> str:
    """The text on one line, cut at a word with "…" when longer than `limit` characters."""
    flat = " ".join(value.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


SUMMARY_PICTURE_TEXT_SCALE = 1.35


def _summary_page_setup(sheet: Any) -> None:
    """Column widths, and one A4 landscape page wide and tall."""
    from openpyxl.utils import get_column_letter

    widths = (*SUMMARY_WIDTHS, SUMMARY_GAP, *SUMMARY_RIGHT_WIDTHS)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    prepare_print(sheet, title_rows=None, fit_height=True)


def _add_summary_heatmap(sheet: Any, data: _QuarterData) -> float:
    """The heatmap picture at H3, as wide as the right block; returns its height in points."""
    from openpyxl.drawing.image import Image

    # A column of width w is about 7 w + 5 pixels at 96 dpi.
    width_px = sum(7 * width + 5 for width in SUMMARY_RIGHT_WIDTHS)
    width_in = width_px / 96
    height_in = width_in * 0.5
    png = heatmap_png(
        data, text_scale=SUMMARY_PICTURE_TEXT_SCALE, size=(width_in, height_in), dpi=SUMMARY_PICTURE_DPI
    )
    picture = Image(BytesIO(png))
    picture.width, picture.height = int(width_px), int(height_in * 96)
    sheet.add_image(picture, "H3")
    return height_in * 72


def _side_by_side(sheet: Any, left: _Rows, right: _Rows, *, below: float) -> None:
    """Write two buffered blocks on the same lines: the left from row 1, the right from `below` points down.

    The left block keeps the row numbers it handed out; the right one starts on the first row
    beneath the picture, whatever the heights of the left rows beside it.
    """
    top = 0.0
    lines = iter(right.pending)
    waiting = next(lines, None)
    row = 0
    left_rows = left.pending
    while row < len(left_rows) or waiting is not None:
        cells, height = left_rows[row] if row < len(left_rows) else ([], None)
        if waiting is not None and top >= below:
            right_cells, right_height = waiting
            waiting = next(lines, None)
            cells = [*cells, *[None] * (SUMMARY_RIGHT_COLUMN - 1 - len(cells)), *right_cells]
            if right_height is not None:
                height = max(height or DEFAULT_ROW_HEIGHT, right_height)
        row += 1
        if height is not None:
            sheet.row_dimensions[row].height = height
        sheet.append(cells)
        top += height or DEFAULT_ROW_HEIGHT


def _codes(codes: Sequence[str], limit: int = 30) -> str:
    shown = ", ".join(codes[:limit])
    return shown if len(codes) <= limit else f"{shown}, {text('more', count=len(codes) - limit)}"


# -- methodology


def _write_methodology(
    workbook: Workbook, book: StyleBook, data: _QuarterData, _on_rows: RowProgress
) -> dict:
    from openpyxl.utils import get_column_letter

    matrix = data.matrix
    sheet = workbook.create_sheet(sheet_title("methodology"))
    widths = [26.0] + [16.0] * max(matrix.impact_count, 5)
    for index, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(index + 1)].width = width
    prepare_print(sheet, title_rows=None)
    rows = _Rows(sheet, book, widths)
    c = rows.cell
    rows.add(c(sheet_title("methodology"), "title"))
    rows.blank()
    rows.add(c(text("matrix"), "section"))
    rows.add(
        c(f"{header('likelihood')} \\ {header('impact')}", "header"),
        *(c(f"{i}. {name}", "header") for i, name in enumerate(matrix.impact_labels, 1)),
    )
    for likelihood in range(matrix.likelihood_count, 0, -1):
        cells = [c(f"{likelihood}. {matrix.likelihood_labels[likelihood - 1]}", "label")]
        for impact in range(1, matrix.impact_count + 1):
            band = matrix.level(likelihood, impact)
            cells.append(book.cell(sheet, f"{band.name} ({likelihood * impact})", f"cell:{band.code}"))
        rows.add(*cells)
    rows.blank()

    rows.add(c(text("legend"), "section"))
    rows.add(
        *(
            c(header(key), "header")
            for key in ("level", "colour", "score", "above_appetite", "review_interval")
        )
    )
    for band in matrix.bands:
        scores = [
            lik * imp
            for lik in range(1, matrix.likelihood_count + 1)
            for imp in range(1, matrix.impact_count + 1)
            if matrix.cells[lik - 1][imp - 1] == band.code
        ]
        shown = f"{min(scores)}-{max(scores)}" if scores else "-"
        rows.add(
            book.level_cell(sheet, band.code),
            c(band.color),
            c(shown),
            c(label("yes_no", "yes" if matrix.is_above_appetite(band.code) else "no")),
            c(data.intervals.interval(band.code), "int"),
        )
    rows.blank()
    appetite = matrix.band(matrix.appetite)
    rows.add(
        c(text("appetite"), "label"), c(text("appetite_text", level=appetite.name), "wrap"), spans={1: 5}
    )
    sheet.merged_cells.add(f"B{rows.count}:F{rows.count}")
    rows.add(c(text("fiscal_year"), "label"), c(label("month", str(data.start_month))))
    rows.add(
        c(text("quarter"), "label"),
        c(data.quarter.label, "code"),
        c(data.quarter.first_day, "date"),
        c(data.quarter.last_day, "date"),
    )
    return {sheet_title("methodology"): None}


# -- heatmap of native cells


def _write_heatmap(workbook: Workbook, book: StyleBook, data: _QuarterData, _on_rows: RowProgress) -> dict:
    from openpyxl.utils import get_column_letter

    matrix = data.matrix
    sheet = workbook.create_sheet(sheet_title("heatmap"))
    # Per grid: the vertical axis title, the likelihood labels, one column per impact, a gap.
    width = matrix.impact_count + 3
    for grid in range(len(HEATMAP_KINDS)):
        offset = grid * width
        sheet.column_dimensions[get_column_letter(offset + 1)].width = 5
        sheet.column_dimensions[get_column_letter(offset + 2)].width = 18
        for index in range(matrix.impact_count):
            sheet.column_dimensions[get_column_letter(offset + 3 + index)].width = 13
        sheet.column_dimensions[get_column_letter(offset + width)].width = 4
    prepare_print(sheet, title_rows=None)
    counts = {kind: heatmap_counts(data.active, kind) for kind in HEATMAP_KINDS}
    rows = _Rows(sheet, book)
    c = rows.cell
    gap = [None] * (matrix.impact_count - 1)

    def across(make: Callable[[str], list[Any]]) -> list[Any]:
        cells: list[Any] = []
        for kind in HEATMAP_KINDS:
            cells.extend(make(kind))
            cells.append(None)
        return cells

    rows.add(c(f"{sheet_title('heatmap')} {data.quarter.label}", "title"))
    rows.blank()
    title_row = rows.add(
        *across(lambda kind: [None, None, c(text("heatmap_title", kind=text(kind)), "section"), *gap])
    )
    for likelihood in range(matrix.likelihood_count, 0, -1):
        sheet.row_dimensions[rows.count + 1].height = 32
        top = likelihood == matrix.likelihood_count

        def grid_row(kind: str, likelihood: int = likelihood, top: bool = top) -> list[Any]:
            cells = [
                c(header("likelihood"), "axis:vertical") if top else None,
                c(f"{likelihood}. {matrix.likelihood_labels[likelihood - 1]}", "axis"),
            ]
            for impact in range(1, matrix.impact_count + 1):
                code = matrix.cells[likelihood - 1][impact - 1]
                # Empty cells keep their colour: the grid must read as the matrix even where no risk sits.
                cells.append(book.cell(sheet, counts[kind].get((likelihood, impact)), f"cell:{code}"))
            return cells

        rows.add(*across(grid_row))
    last_grid_row = rows.count
    sheet.row_dimensions[rows.count + 1].height = 32
    rows.add(
        *across(
            lambda _kind: [
                None,
                None,
                *(c(f"{i}. {name}", "axis") for i, name in enumerate(matrix.impact_labels, 1)),
            ]
        )
    )
    axis_row = rows.add(*across(lambda _kind: [None, None, c(header("impact"), "axis"), *gap]))
    for grid in range(len(HEATMAP_KINDS)):
        offset = grid * width
        axis = get_column_letter(offset + 1)
        first_cell = get_column_letter(offset + 3)
        last_cell = get_column_letter(offset + 2 + matrix.impact_count)
        sheet.merged_cells.add(f"{first_cell}{title_row}:{last_cell}{title_row}")
        sheet.merged_cells.add(f"{first_cell}{axis_row}:{last_cell}{axis_row}")
        sheet.merged_cells.add(f"{axis}{title_row + 1}:{axis}{last_grid_row}")
    return {sheet_title("heatmap"): None}


_WRITERS: dict[str, Callable[[Workbook, StyleBook, _QuarterData, RowProgress], dict[str, int | None]]] = {
    "summary": _write_summary,
    "register": _write_register,
    "methodology": _write_methodology,
    "heatmap": _write_heatmap,
    "kris": _write_kris,
    "alerts": _write_alerts,
    "actions": _write_actions,
    "objectives": _write_objectives,
    "nonconformities": _write_nonconformities,
    "meetings": _write_meetings,
    "suggestions": _write_suggestions,
}


def iter_parts(include: Collection[str] | None = None) -> Iterator[tuple[str, str]]:
    """(part key, sheet title) of the parts an export would write, for a GUI's check boxes."""
    for part in _check_parts(include):
        yield part, sheet_title(part)

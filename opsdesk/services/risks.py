"""The risk register: identify, assess, respond, archive; the register's lists and counts."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import attrgetter
from types import SimpleNamespace
from typing import Any

from sqlalchemy import bindparam, func, insert, update
from sqlmodel import Session, select

from opsdesk.domain.enums import AssessmentKind, RiskStatus, Strategy
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.fields import TEXT_KINDS
from opsdesk.domain.figures import (
    active_risks,
    level_above_appetite,
    ranked_by_residual,
    review_due_on,
    risk_assessed,
)
from opsdesk.domain.figures import heatmap_counts as figure_heatmap_counts
from opsdesk.domain.matrix import RiskMatrix
from opsdesk.domain.records import RISK
from opsdesk.domain.risks import KINDS, check_assessment, check_risk, residual_level_after
from opsdesk.services import alerts
from opsdesk.services.acceptances import (
    acceptance_history,  # noqa: F401 - the risk service's API too
    decision,
    record_acceptance_if_decided,
    snapshot_of,
)
from opsdesk.services.actions import open_action_counts_subquery
from opsdesk.services.common import check_version, flush, get_or_raise, next_code, next_codes, touch
from opsdesk.services.record_types import collector_paused, input_type, read_type, row_builder, values_of
from opsdesk.services.settings import get_matrix, get_review_intervals
from opsdesk.store.audit import BulkAudit
from opsdesk.store.bulk import insert_many
from opsdesk.store.models import Alert, Assessment, Category, Department, Risk, RiskAcceptance

#: what a form or an import row gives for a risk: the editable fields of RISK
RiskInput = input_type(RISK, "RiskInput")


@dataclass
class AssessmentInput:
    kind: str
    likelihood: int
    impact: int
    assessed_on: date | None = None
    assessor: str = ""
    probability: float | None = None
    financial_impact: float | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class AssessmentRead:
    id: int
    risk_id: int
    kind: str
    assessed_on: date
    assessor: str
    likelihood: int
    impact: int
    score: int
    level: str
    probability: float | None
    financial_impact: float | None
    note: str


#: one risk as the register shows it: every stored field of RISK (levels are band codes of the
#: matrix), the names of its category and department, and what the service works out
RiskRead = read_type(RISK, "RiskRead", extra=(
    ("category", str), ("department", str), ("archived", bool), ("version", int),
    ("above_appetite", bool, False), ("review_due", bool, False), ("open_actions", int, 0),
))  # fmt: skip

#: what `register_rows` always reads of a risk: its code, what the names are looked up by and the flags
#: are worked out from
REGISTER_ALWAYS = (
    "code", "category_id", "department_id", "status", "next_review", "strategy", "acceptance_expires",
    "residual_level",
)  # fmt: skip
#: one row of the register's table: a RiskRead of the fields the table asked for; every other stored
#: field is None (not read), see `register_rows`
RiskRow = read_type(RISK, "RiskRow", extra=(
    ("category", str), ("department", str), ("archived", bool), ("version", int),
    ("above_appetite", bool, False), ("review_due", bool, False), ("open_actions", int, 0),
), unread=[spec.key for spec in RISK.stored() if spec.key not in REGISTER_ALWAYS])  # fmt: skip

_RISK_COLUMNS = (
    Risk.id, *(getattr(Risk, spec.key) for spec in RISK.stored()), Category.name.label("category"),
    Department.name.label("department"), Risk.archived, Risk.version,
)  # fmt: skip
# What `_reads` works out for each row; every other field of RiskRead is a column of `_query()` by name.
_WORKED_OUT = ("above_appetite", "review_due")


def search_text(risk: Any) -> str:
    """What the register's search looks in: code, title, description and owner, case-folded."""
    return f"{risk.code} {risk.title} {risk.description} {risk.owner}".casefold()


def is_review_due(
    next_review: date | None, strategy: str | None, acceptance_expires: date | None, today: date
) -> bool:
    """Due when the review date has come, or when a formal acceptance has expired (domain.figures)."""
    return review_due_on(
        today, next_review=next_review, strategy=strategy, acceptance_expires=acceptance_expires
    )


def _levels_above_appetite(matrix: RiskMatrix) -> frozenset[str]:
    return frozenset(band.code for band in matrix.bands if matrix.is_above_appetite(band.code))


def _query():
    """The risks with their names and open action counts: one statement, every read of the register."""
    actions = open_action_counts_subquery()
    return (
        select(*_RISK_COLUMNS, func.coalesce(actions.c.open_actions, 0).label("open_actions"))
        .join(Category, Category.id == Risk.category_id)
        .join(Department, Department.id == Risk.department_id)
        .outerjoin(actions, actions.c.risk_id == Risk.id)
    )


def _reads(session: Session, statement: Any, today: date | None) -> list[RiskRead]:
    """RiskReads built once from the plain rows of a `_query()` statement, each field by its column's name.

    This runs 20,000 times when the register loads: the statement goes to the session's
    connection (plain rows, no ORM loading) and a builder made for the result's column names
    (`record_types.row_builder`) turns each row into a RiskRead.
    """
    today = today or date.today()
    above_levels = _levels_above_appetite(get_matrix(session=session))
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    with collector_paused():
        result = session.connection().execute(statement)
        names = tuple(result.keys())
        build = row_builder(RiskRead, names, given=_WORKED_OUT)
        # Where the columns the service reads itself sit in these rows, found by name.
        at = {name: number for number, name in enumerate(names)}
        level = at["residual_level"]
        review_due = _review_due_of_rows(at, today)
        reads = []
        append = reads.append
        for row in result.all():
            append(build(row, above_appetite=row[level] in above_levels, review_due=review_due(row)))
    return reads


def _review_due_of_rows(at: Mapping[str, int], today: date) -> Callable[[Sequence[Any]], bool]:
    """domain.risks.is_review_due over raw rows whose columns sit at `at[name]` (it runs for every row)."""
    status, archived = at["status"], at["archived"]
    review, strategy, expires = at["next_review"], at["strategy"], at["acceptance_expires"]
    closed, accept = RiskStatus.CLOSED.value, Strategy.ACCEPT.value

    def review_due(row: Sequence[Any]) -> bool:
        return (
            not row[archived]
            and row[status] != closed
            and (
                (row[review] is not None and row[review] <= today)
                or (row[strategy] == accept and row[expires] is not None and row[expires] < today)
            )
        )

    return review_due


def list_risks(
    *, session: Session, include_archived: bool = False, today: date | None = None
) -> list[RiskRead]:
    """Every risk of the register by code (plain values, no ORM objects, so 20,000 rows stay quick)."""
    statement = _query()
    if not include_archived:
        statement = statement.where(Risk.archived == False)  # noqa: E712
    # Sorted here rather than by the database: its sort copies every wide row, and the order is the same
    # on SQLite and PostgreSQL (whose collation may order codes by locale).
    return sorted(_reads(session, statement, today), key=_BY_CODE)


_BY_CODE = attrgetter("code")
# What `register_rows` works out or looks up for each row.
_ROW_GIVEN = ("category", "department", "above_appetite", "review_due", "open_actions")


def register_rows(
    *,
    session: Session,
    fields: Collection[str],
    include_archived: bool = False,
    today: date | None = None,
) -> list[RiskRow]:
    """The register's table by code: `list_risks` for 20,000 rows at once, reading only what the table shows.

    One query of the risk table alone, of the stored `fields` the table shows, filters and
    searches by (and `REGISTER_ALWAYS`); the other fields of the rows are None. The category
    and department names and the open action counts come from one small query each and are
    looked up per row. The flags are worked out as `_reads` works them out (the same figures as
    list_risks), and nothing more: the page builds the search text on its first search
    (`search_text`) and the cell texts as they are painted.
    """
    today = today or date.today()
    stored = [spec.key for spec in RISK.stored()]
    unknown = set(fields) - set(stored)
    if unknown:
        raise ValueError(f"not a stored field of a risk: {', '.join(sorted(unknown))}")
    wanted = set(fields) | set(REGISTER_ALWAYS)
    above_levels = _levels_above_appetite(get_matrix(session=session))
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    connection = session.connection()
    categories = dict(connection.execute(select(Category.id, Category.name)).all())
    departments = dict(connection.execute(select(Department.id, Department.name)).all())
    counts = open_action_counts_subquery()
    actions = dict(connection.execute(select(counts.c.risk_id, counts.c.open_actions)).all())
    statement = select(
        Risk.id, *(getattr(Risk, key) for key in stored if key in wanted), Risk.archived, Risk.version
    )
    if not include_archived:
        statement = statement.where(Risk.archived == False)  # noqa: E712
    with collector_paused():
        result = connection.execute(statement)
        names = tuple(result.keys())
        build = row_builder(RiskRow, names, given=_ROW_GIVEN)
        at = {name: number for number, name in enumerate(names)}
        ident, category, department = at["id"], at["category_id"], at["department_id"]
        level = at["residual_level"]
        review_due = _review_due_of_rows(at, today)
        rows = []
        append = rows.append
        open_actions, category_name, department_name = actions.get, categories.get, departments.get
        for row in result.all():
            append(build(
                row, category=category_name(row[category], ""), department=department_name(row[department], ""),
                above_appetite=row[level] in above_levels, review_due=review_due(row),
                open_actions=open_actions(row[ident], 0),
            ))  # fmt: skip
    rows.sort(key=_BY_CODE)  # as list_risks sorts them (the same order on SQLite and PostgreSQL)
    return rows


def risk_identities(*, session: Session) -> list[tuple[int, str, str]]:
    """(id, code, reference) of every risk, archived ones too, by code: what an import matches rows with."""
    session.flush()
    rows = session.connection().execute(select(Risk.id, Risk.code, Risk.reference)).all()
    return sorted(((row[0], row[1], row[2] or "") for row in rows), key=lambda row: row[1])


def get_risks(*, session: Session, risk_ids: Sequence[int], today: date | None = None) -> dict[int, RiskRead]:
    """The risks of these ids (missing ones left out), read as `list_risks` reads them, a few queries in all."""
    found: dict[int, RiskRead] = {}
    wanted = sorted(set(risk_ids))
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        found.update((risk.id, risk) for risk in _reads(session, _query().where(Risk.id.in_(chunk)), today))
    return found


def get_risk(*, session: Session, risk_id: int, today: date | None = None) -> RiskRead:
    found = _reads(session, _query().where(Risk.id == risk_id), today)
    if not found:
        get_or_raise(session, Risk, risk_id, "risk")
    return found[0]


def risk_id_by_code(*, session: Session, code: str) -> int | None:
    return session.exec(select(Risk.id).where(Risk.code == code.strip().upper())).first()


def risks_with_codes(*, session: Session, codes: Sequence[str], today: date | None = None) -> list[RiskRead]:
    """The risks of some codes (a top 10), read as list_risks reads them; unknown codes are left out."""
    if not codes:
        return []
    return _reads(session, _query().where(Risk.code.in_(list(codes))), today)


# Validation -----------------------------------------------------------------------------


def _validate(
    session: Session,
    risk: Risk | None,
    data: RiskInput,
    assessments: Sequence[AssessmentInput],
    matrix: RiskMatrix,
    today: date,
) -> None:
    """The domain's rules (as the editor checks them), then what only the database knows."""
    errors = FieldErrors("risk")
    new_assessments = [values_of(assessment) for assessment in assessments]
    residual = residual_level_after(risk.residual_level if risk else None, new_assessments, matrix)
    errors.extend(check_risk(values_of(data), matrix, today=today, residual_level=residual,
                             assessments=new_assessments))  # fmt: skip
    if isinstance(data.category_id, int) and session.get(Category, data.category_id) is None:
        errors.add("category_id", "unknown_category")
    if isinstance(data.department_id, int) and session.get(Department, data.department_id) is None:
        errors.add("department_id", "unknown_department")
    errors.raise_if_any()


# Writing --------------------------------------------------------------------------------


_ACCEPTANCE_FIELDS = ("acceptance_approver", "acceptance_justification", "accepted_on", "acceptance_expires")


def _apply_fields(risk: Risk, data: RiskInput) -> None:
    """Copy the input onto the risk: text trimmed, an empty text stored as its field's empty value."""
    for spec in RISK.editable():
        if spec.key in _ACCEPTANCE_FIELDS or spec.key == "next_review":  # set by the review rule in _save
            continue
        value = getattr(data, spec.key)
        if spec.kind in TEXT_KINDS:
            value = (value or "").strip() or spec.empty
        setattr(risk, spec.key, value)
    if data.strategy == Strategy.ACCEPT and (data.acceptance_approver or "").strip():
        risk.acceptance_approver = data.acceptance_approver.strip()
        risk.acceptance_justification = (data.acceptance_justification or "").strip()
        risk.accepted_on = data.accepted_on or date.today()
        risk.acceptance_expires = data.acceptance_expires
    elif data.strategy != Strategy.ACCEPT:
        for key in _ACCEPTANCE_FIELDS:
            setattr(risk, key, None)


def _add_assessment(
    session: Session,
    risk: Risk,
    data: AssessmentInput,
    matrix: RiskMatrix,
    today: date,
    latest: dict[str, date] | None = None,
) -> Assessment:
    """Add an assessment; it becomes current unless one of its kind is newer (`latest`: the
    newest stored day of each kind, when the caller read them already)."""
    band = matrix.level(data.likelihood, data.impact)
    assessment = Assessment(
        risk_id=risk.id,
        kind=data.kind,
        assessed_on=data.assessed_on or today,
        assessor=(data.assessor or "").strip() or str(session.info.get("user", "")),
        likelihood=data.likelihood,
        impact=data.impact,
        score=matrix.score(data.likelihood, data.impact),
        level=band.code,
        probability=None if data.probability is None else float(data.probability),
        financial_impact=None if data.financial_impact is None else float(data.financial_impact),
        note=(data.note or "").strip(),
    )
    session.add(assessment)
    if latest is not None:
        latest_on = latest.get(data.kind)
    else:
        latest_on = session.exec(
            select(func.max(Assessment.assessed_on)).where(
                Assessment.risk_id == risk.id,
                Assessment.kind == data.kind,
                Assessment.id != None,  # noqa: E711
            )
        ).one()
    # A back-dated assessment joins the history but does not replace a newer current value.
    if latest_on is None or assessment.assessed_on >= latest_on:
        setattr(risk, f"{data.kind}_likelihood", assessment.likelihood)
        setattr(risk, f"{data.kind}_impact", assessment.impact)
        setattr(risk, f"{data.kind}_score", assessment.score)
        setattr(risk, f"{data.kind}_level", assessment.level)
    return assessment


def _latest_assessment_on(session: Session, risk_id: int) -> date | None:
    # The review counts from the newest assessment: a back-dated one must not pull it earlier.
    return session.exec(select(func.max(Assessment.assessed_on)).where(Assessment.risk_id == risk_id)).one()


def _review_from(risk: Risk, on: date, session: Session) -> date:
    level = risk.residual_level or risk.inherent_level
    if level is None:
        return get_review_intervals(session=session).next_review("", on)
    return get_review_intervals(session=session).next_review(level, on)


def _save(
    session: Session,
    risk: Risk,
    data: RiskInput,
    assessments: Sequence[AssessmentInput],
    matrix: RiskMatrix,
    today: date,
    review_set_by_user: bool,
) -> None:
    before = decision(risk) if risk.id is not None else None
    _apply_fields(risk, data)
    touch(risk)
    session.add(risk)
    session.flush()  # the risk needs its id before assessments point at it
    for assessment in sorted(assessments, key=lambda a: KINDS.index(a.kind)):
        _add_assessment(session, risk, assessment, matrix, today)
    if review_set_by_user:
        risk.next_review = data.next_review
    elif assessments or risk.next_review is None:
        latest = _latest_assessment_on(session, risk.id) if assessments else risk.identified_on
        risk.next_review = _review_from(risk, latest, session)
    if risk.status == RiskStatus.IDENTIFIED and risk.inherent_level is not None:
        risk.status = RiskStatus.ASSESSED.value
    alerts.sync_appetite_alert(session, risk, matrix, today)
    # Accepting is a decision an auditor may ask about: keep the risk as it stands now.
    record_acceptance_if_decided(session, risk, before)


def create_risk(
    *,
    session: Session,
    data: RiskInput,
    assessments: Sequence[AssessmentInput] = (),
    today: date | None = None,
) -> RiskRead:
    """Register a new risk (code R-0001...), with its first assessments, in one transaction."""
    today = today or date.today()
    matrix = get_matrix(session=session)
    _validate(session, None, data, assessments, matrix, today)
    risk = Risk(
        code=next_code(session, "R"),
        title="",
        category_id=data.category_id,
        department_id=data.department_id,
        identified_on=data.identified_on,
    )
    _save(session, risk, data, assessments, matrix, today, review_set_by_user=data.next_review is not None)
    flush(session, "risk")
    return get_risk(session=session, risk_id=risk.id, today=today)


def check_new_risks(
    *,
    session: Session,
    items: Sequence[tuple[RiskInput, Sequence[AssessmentInput]]],
    today: date | None = None,
    to_be_created: frozenset[int] = frozenset(),
    checked_with: RiskMatrix | None = None,
) -> dict[int, ValidationError]:
    """The rules of `create_risk` over a batch, in plain Python: item index -> its problems (none: {}).

    `to_be_created`: stand-in category or department ids of entries the caller makes before writing.
    `checked_with`: the matrix these very items passed the rules with, on `today` (an import's
    preview): when it is still the register's matrix, only what the database knows (the
    categories and departments) is checked again.
    """
    today = today or date.today()
    matrix = get_matrix(session=session)
    rules = checked_with is None or checked_with != matrix
    categories = set(session.exec(select(Category.id)).all()) | to_be_created
    departments = set(session.exec(select(Department.id)).all()) | to_be_created
    refused: dict[int, ValidationError] = {}
    for index, (data, assessments) in enumerate(items):
        errors = FieldErrors("risk")
        if rules:
            new_assessments = [values_of(assessment) for assessment in assessments]
            residual = residual_level_after(None, new_assessments, matrix)
            errors.extend(check_risk(values_of(data), matrix, today=today, residual_level=residual,
                                     assessments=new_assessments))  # fmt: skip
        if isinstance(data.category_id, int) and data.category_id not in categories:
            errors.add("category_id", "unknown_category")
        if isinstance(data.department_id, int) and data.department_id not in departments:
            errors.add("department_id", "unknown_department")
        try:
            errors.raise_if_any()
        except ValidationError as exc:
            refused[index] = exc
    return refused


def _new_row(model: type) -> dict[str, Any]:
    """Every column of a new instance of a table model with its default (required ones None), id left out."""
    values: dict[str, Any] = {}
    for column in model.__table__.columns:  # type: ignore[attr-defined]
        if column.primary_key:
            continue
        info = model.model_fields.get(column.key)  # type: ignore[attr-defined]
        if info is None or info.is_required():
            values[column.key] = None
        elif info.default_factory is not None:
            values[column.key] = info.default_factory()
        else:
            values[column.key] = info.default
    return values


def _insert_rows(session: Session, model: type, rows: list[dict[str, Any]]) -> list[int]:
    """Insert plain rows in a few statements (executemany); their new ids, in order."""
    if not rows:
        return []
    table = model.__table__  # type: ignore[attr-defined]
    if session.get_bind().dialect.name == "postgresql":
        statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(statement, rows).scalars())
    # SQLite cannot return ids in order from a batch (SQLAlchemy would insert row by row): this
    # transaction holds the write lock (the codes were taken), and SQLite numbers new rows after
    # the largest id, in order, so the new ids are those above the largest id before.
    before = session.execute(select(func.max(table.c.id))).scalar() or 0
    insert_many(session.connection(), table, rows)
    ids = list(session.execute(select(table.c.id).where(table.c.id > before).order_by(table.c.id)).scalars())
    if len(ids) != len(rows):
        raise RuntimeError(f"{len(rows)} {table.name} rows inserted, {len(ids)} found")
    return ids


def create_risks(
    *,
    session: Session,
    items: Sequence[tuple[RiskInput, Sequence[AssessmentInput]]],
    today: date | None = None,
    checked: bool = False,
) -> list[tuple[int, str]]:
    """Register many new risks at once (an import): what `create_risk` does for each, in a few statements.

    The same codes, fields, assessments, review dates, statuses, appetite alerts, acceptance
    records and audit trail as one `create_risk` per item, in order; the items are checked
    first (`check_new_risks`) and one refused item writes nothing. The rows are built in plain
    Python and inserted with one executemany per table (no ORM objects); the audit entries an
    ORM flush would make are written with them (store.audit.BulkAudit). Returns the new (id, code)s.
    `checked`: the caller has just run `check_new_risks` over these items in this transaction.
    """
    today = today or date.today()
    if not items:
        return []
    refused = {} if checked else check_new_risks(session=session, items=items, today=today)
    if refused:
        raise next(iter(refused.values()))
    matrix = get_matrix(session=session)
    intervals = get_review_intervals(session=session)
    flush(session, "risk")  # what the caller added before (an import's Unassigned entry) is written first
    assessor = str(session.info.get("user", ""))
    risk_defaults, assessment_defaults = _new_row(Risk), _new_row(Assessment)
    alert_defaults = _new_row(Alert)
    risks: list[SimpleNamespace] = []
    firsts: list[dict[str, Any]] = []  # each risk as create_risk's first flush writes it
    assessments: list[list[dict[str, Any]]] = []
    for code, (data, items_of_risk) in zip(next_codes(session, "R", len(items)), items, strict=True):
        risk = SimpleNamespace(**risk_defaults)
        risk.id = None
        risk.code, risk.title = code, ""
        risk.category_id, risk.department_id, risk.identified_on = (
            data.category_id,
            data.department_id,
            data.identified_on,
        )
        _apply_fields(risk, data)  # type: ignore[arg-type]
        touch(risk)  # type: ignore[arg-type]
        firsts.append({key: value for key, value in vars(risk).items() if key != "id"})
        latest_of_kind: dict[str, date] = {}
        rows: list[dict[str, Any]] = []
        for item in sorted(items_of_risk, key=lambda a: KINDS.index(a.kind)):
            band = matrix.level(item.likelihood, item.impact)
            row = assessment_defaults | dict(
                kind=item.kind, assessed_on=item.assessed_on or today,
                assessor=(item.assessor or "").strip() or assessor,
                likelihood=item.likelihood, impact=item.impact, score=matrix.score(item.likelihood, item.impact),
                level=band.code, probability=None if item.probability is None else float(item.probability),
                financial_impact=None if item.financial_impact is None else float(item.financial_impact),
                note=(item.note or "").strip(),
            )  # fmt: skip
            rows.append(row)
            latest = latest_of_kind.get(item.kind)
            if latest is None or row["assessed_on"] >= latest:
                latest_of_kind[item.kind] = row["assessed_on"]
                for name in ("likelihood", "impact", "score", "level"):
                    setattr(risk, f"{item.kind}_{name}", row[name])
        assessments.append(rows)
        if data.next_review is not None:
            risk.next_review = data.next_review
        else:
            on = max(latest_of_kind.values()) if latest_of_kind else risk.identified_on
            risk.next_review = intervals.next_review(risk.residual_level or risk.inherent_level or "", on)
        if risk.status == RiskStatus.IDENTIFIED and risk.inherent_level is not None:
            risk.status = RiskStatus.ASSESSED.value
        risks.append(risk)
    # The ORM writes a new risk, then (second flush) its assessments and the fields they set:
    # the version counts that update, and the audit trail shows both steps.
    for risk, first in zip(risks, firsts, strict=True):
        if any(first[key] != value for key, value in vars(risk).items() if key not in ("version", "id")):
            risk.version = first["version"] + 1
    rows_of_risks = [{key: value for key, value in vars(risk).items() if key != "id"} for risk in risks]
    server = session.get_bind().dialect.name == "postgresql"
    # On PostgreSQL the server's triggers write the trail from the statements themselves: each
    # risk is inserted as created and then updated with what its assessments set, as the ORM's
    # two flushes do. On SQLite the final rows go in at once and BulkAudit writes both steps.
    for risk, risk_id in zip(
        risks, _insert_rows(session, Risk, firsts if server else rows_of_risks), strict=True
    ):
        risk.id = risk_id
    if server:
        table = Risk.__table__
        session.execute(
            update(table).where(table.c.id == bindparam("risk_id")),
            [{"risk_id": risk.id, **row} for risk, row in zip(risks, rows_of_risks, strict=True)],
        )
    for risk, rows in zip(risks, assessments, strict=True):
        for row in rows:
            row["risk_id"] = risk.id
    _insert_with_ids(session, Assessment, [row for rows in assessments for row in rows])
    alerts_of: list[dict[str, Any] | None] = []
    for risk in risks:
        values = alerts.new_risk_appetite_alert_values(risk, matrix, today)
        alerts_of.append(None if values is None else alert_defaults | values)
    _insert_with_ids(session, Alert, [alert for alert in alerts_of if alert is not None])
    # Accepting is a decision an auditor may ask about: keep each accepted risk as it stands now.
    accepted = [
        (risk, rows)
        for risk, rows in zip(risks, assessments, strict=True)
        if risk.strategy == Strategy.ACCEPT
    ]
    acceptances: list[dict[str, Any]] = []
    if accepted:
        categories = dict(session.exec(select(Category.id, Category.name)).all())
        departments = dict(session.exec(select(Department.id, Department.name)).all())
        user = str(session.info.get("user") or "")
        acceptance_defaults = _new_row(RiskAcceptance)
        for risk, rows in accepted:
            newest_first = sorted(rows, key=lambda row: (row["assessed_on"], row["id"]), reverse=True)
            snapshot = snapshot_of(
                vars(risk),
                newest_first,
                categories.get(risk.category_id),
                departments.get(risk.department_id),
            )
            acceptances.append(acceptance_defaults | dict(
                risk_id=risk.id, accepted_on=risk.accepted_on, approver=risk.acceptance_approver,
                justification=risk.acceptance_justification, expires=risk.acceptance_expires,
                snapshot=json.dumps(snapshot, ensure_ascii=False, sort_keys=True), user=user,
            ))  # fmt: skip
        _insert_with_ids(session, RiskAcceptance, acceptances)
    # The audit trail as the ORM's three flushes write it: the risks, then their assessments,
    # alerts and the fields those set, then the acceptances.
    audit = BulkAudit(session)
    for risk in risks:
        audit.created(Risk.__tablename__, risk.id, vars(risk))
    for rows, alert in zip(assessments, alerts_of, strict=True):
        for row in rows:
            audit.created(Assessment.__tablename__, row["id"], row)
        if alert is not None:
            audit.created(Alert.__tablename__, alert["id"], alert)
    for risk, first in zip(risks, firsts, strict=True):
        audit.changed(Risk.__tablename__, risk.id, first, vars(risk))
    for acceptance in acceptances:
        audit.created(RiskAcceptance.__tablename__, acceptance["id"], acceptance)
    audit.write()
    return [(risk.id, risk.code) for risk in risks]


def _insert_with_ids(session: Session, model: type, rows: list[dict[str, Any]]) -> None:
    """Insert plain rows (executemany) and put each one's new id into it."""
    for row, row_id in zip(rows, _insert_rows(session, model, rows), strict=True):
        row["id"] = row_id


def update_risk(
    *,
    session: Session,
    risk_id: int,
    data: RiskInput,
    assessments: Sequence[AssessmentInput] = (),
    expected_version: int | None = None,
    today: date | None = None,
) -> RiskRead:
    """Save an edited risk and any new assessments; a stale version raises ConflictError."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, "risk")
    matrix = get_matrix(session=session)
    _validate(session, risk, data, assessments, matrix, today)
    review_set_by_user = data.next_review is not None and data.next_review != risk.next_review
    _save(session, risk, data, assessments, matrix, today, review_set_by_user)
    flush(session, "risk")
    return get_risk(session=session, risk_id=risk_id, today=today)


def record_assessment(
    *, session: Session, risk_id: int, data: AssessmentInput, today: date | None = None
) -> AssessmentRead:
    """Add one assessment to a risk's history and make it current (if it is the newest)."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    matrix = get_matrix(session=session)
    problems = check_assessment(values_of(data), matrix, today=today)
    if problems:
        raise ValidationError(problems)
    if (
        data.kind == AssessmentKind.RESIDUAL
        and risk.strategy == Strategy.ACCEPT
        and not risk.acceptance_approver
    ):
        level = matrix.level(data.likelihood, data.impact).code
        if matrix.is_above_appetite(level):
            raise ValidationError(Problem("residual.likelihood", "risk.accepted_without_approval"))
    # The newest stored day of each kind, read once; the new assessment is counted in without
    # being flushed first (one flush at the end).
    with session.no_autoflush:
        latest = dict(
            session.exec(
                select(Assessment.kind, func.max(Assessment.assessed_on))
                .where(Assessment.risk_id == risk.id)
                .group_by(Assessment.kind)
            ).all()
        )
        assessment = _add_assessment(session, risk, data, matrix, today, latest)
        newest = max([*latest.values(), assessment.assessed_on])
        risk.next_review = _review_from(risk, newest, session)
    touch(risk)
    session.add(risk)
    alerts.sync_appetite_alert(session, risk, matrix, today)
    flush(session, "risk")
    return _assessment_read(assessment)


def _assessment_read(assessment: Assessment) -> AssessmentRead:
    return AssessmentRead(**{key: getattr(assessment, key) for key in AssessmentRead.__dataclass_fields__})


def assessment_history(*, session: Session, risk_id: int, kind: str | None = None) -> list[AssessmentRead]:
    """The assessments of a risk, oldest first (the trend chart's data)."""
    statement = select(Assessment).where(Assessment.risk_id == risk_id)
    if kind is not None:
        statement = statement.where(Assessment.kind == kind)
    statement = statement.order_by(Assessment.assessed_on, Assessment.id)
    return [_assessment_read(a) for a in session.exec(statement)]


def set_risk_archived(
    *,
    session: Session,
    risk_id: int,
    archived: bool,
    expected_version: int | None = None,
    today: date | None = None,
) -> RiskRead:
    """Archive (the register's delete) or restore a risk; nothing is ever removed."""
    today = today or date.today()
    risk = get_or_raise(session, Risk, risk_id, "risk")
    check_version(risk, expected_version, "risk")
    if risk.archived != archived:
        risk.archived = archived
        touch(risk)
        session.add(risk)
        alerts.sync_appetite_alert(session, risk, get_matrix(session=session), today)
        flush(session, "risk")
    return get_risk(session=session, risk_id=risk_id, today=today)


def set_risks_archived(
    *, session: Session, risk_ids: Sequence[int], archived: bool, today: date | None = None
) -> int:
    """Archive or restore several risks in one transaction; returns how many changed."""
    today = today or date.today()
    matrix = get_matrix(session=session)
    # Every id is checked before any risk changes: a missing one must leave nothing pending.
    records = [get_or_raise(session, Risk, risk_id, "risk") for risk_id in risk_ids]
    changed = 0
    for risk in records:
        if risk.archived != archived:
            risk.archived = archived
            touch(risk)
            session.add(risk)
            alerts.sync_appetite_alert(session, risk, matrix, today)
            changed += 1
    flush(session, "risk")
    return changed


@dataclass
class BulkChange:
    """Fields to set on many risks at once; None leaves a field alone."""

    owner: str | None = None
    department_id: int | None = None
    status: str | None = None
    next_review: date | None = None
    category_id: int | None = None


def bulk_change_problems(risk_ids: Sequence[int], change: BulkChange, *, today: date) -> list[Problem]:
    """Every problem of a bulk change that needs no database; the bulk edit dialog checks it as you type."""
    errors = FieldErrors("risk")
    if not risk_ids:
        errors.add("", "risk.select_some")
    errors.extend(RISK.check(vars(change), today=today, keys=[key for key, value in vars(change).items()
                                                              if value is not None]))  # fmt: skip
    if all(value is None for value in vars(change).values()):
        errors.add("", "risk.bulk_nothing_chosen")
    return errors.problems


def bulk_update(
    *, session: Session, risk_ids: Sequence[int], change: BulkChange, today: date | None = None
) -> int:
    """Apply one change to several risks, all or nothing; returns how many risks changed."""
    today = today or date.today()
    errors = FieldErrors("risk")
    errors.extend(bulk_change_problems(risk_ids, change, today=today))
    if change.department_id is not None and session.get(Department, change.department_id) is None:
        errors.add("department_id", "unknown_department")
    if change.category_id is not None and session.get(Category, change.category_id) is None:
        errors.add("category_id", "unknown_category")
    errors.raise_if_any()
    matrix = get_matrix(session=session)
    # Every id is checked before any risk changes: a missing one must leave nothing pending.
    records = [get_or_raise(session, Risk, risk_id, "risk") for risk_id in risk_ids]
    changed = 0
    for risk in records:
        before = (risk.owner, risk.department_id, risk.category_id, risk.status, risk.next_review)
        if change.owner is not None:
            risk.owner = change.owner.strip()
        if change.department_id is not None:
            risk.department_id = change.department_id
        if change.category_id is not None:
            risk.category_id = change.category_id
        if change.status is not None:
            risk.status = change.status
        if change.next_review is not None:
            risk.next_review = change.next_review
        if before != (risk.owner, risk.department_id, risk.category_id, risk.status, risk.next_review):
            touch(risk)
            session.add(risk)
            alerts.sync_appetite_alert(session, risk, matrix, today)
            changed += 1
    flush(session, "risk")
    return changed


# Counts for the dashboard and the heatmap -----------------------------------------------
# What "active", "assessed", "above appetite" and "due for review" mean is domain.figures':
# these read the few columns they need and let those functions decide.


def _active(statement):
    # A first cut in SQL (never active when archived or closed); domain.figures decides the rest.
    return statement.where(Risk.archived == False, Risk.status != RiskStatus.CLOSED.value)  # noqa: E712


_FACTS = (Risk.code, Risk.identified_on, Risk.status, Risk.archived)


def _active_facts(session: Session, *columns, today: date | None = None, department_id: int | None = None,
                  category_id: int | None = None) -> list:  # fmt: skip
    statement = _active(select(*_FACTS, *columns))
    if department_id is not None:
        statement = statement.where(Risk.department_id == department_id)
    if category_id is not None:
        statement = statement.where(Risk.category_id == category_id)
    session.flush()  # as a query through the session would (autoflush): a write's own reads see it
    # Plain rows from the connection: the ORM's result handling costs as much as the query on 20,000 risks.
    return active_risks(session.connection().execute(statement).all(), today or date.today())


def count_by_level(*, session: Session, kind: str = "residual", today: date | None = None) -> dict[str, int]:
    """Active risks per level band code of the given assessment kind."""
    column = getattr(Risk, f"{kind}_level")
    levels = Counter(getattr(row, f"{kind}_level") for row in _active_facts(session, column, today=today))
    levels.pop(None, None)
    return dict(levels)


def heatmap_counts(
    *,
    session: Session,
    kind: str,
    department_id: int | None = None,
    category_id: int | None = None,
    today: date | None = None,
) -> dict[tuple[int, int], int]:
    """Active risks per (likelihood, impact) cell for one assessment kind."""
    if kind not in KINDS:
        raise ValidationError(Problem("kind", "assessment.unknown_kind"))
    columns = (getattr(Risk, f"{kind}_likelihood"), getattr(Risk, f"{kind}_impact"))
    rows = _active_facts(session, *columns, today=today, department_id=department_id, category_id=category_id)
    return figure_heatmap_counts(rows, kind)


def risks_in_cell(
    *,
    session: Session,
    kind: str,
    likelihood: int,
    impact: int,
    department_id: int | None = None,
    category_id: int | None = None,
    today: date | None = None,
) -> list[RiskRead]:
    """The active risks whose current assessment of a kind falls in one matrix cell."""
    statement = _active(_query()).where(
        getattr(Risk, f"{kind}_likelihood") == likelihood, getattr(Risk, f"{kind}_impact") == impact
    )
    if department_id is not None:
        statement = statement.where(Risk.department_id == department_id)
    if category_id is not None:
        statement = statement.where(Risk.category_id == category_id)
    return active_risks(_reads(session, statement.order_by(Risk.code), today), today or date.today())


def top_risks(*, session: Session, limit: int = 10, today: date | None = None) -> list[RiskRead]:
    """The active risks with the highest residual score; a risk without a residual assessment is not ranked
    (its inherent score would pass for a treated one: `count_unassessed` counts those apart)."""
    today = today or date.today()
    statement = _active(_query()).where(Risk.residual_score != None)  # noqa: E711
    return ranked_by_residual(active_risks(_reads(session, statement, today), today), limit)


def count_active(*, session: Session, today: date | None = None) -> int:
    """Active risks (identified by today, neither closed nor archived), assessed or not: THE count of "active risks"."""
    return len(_active_facts(session, today=today))


def count_unassessed(*, session: Session, today: date | None = None) -> int:
    """Active risks without a residual assessment: listed apart from the residual top 10."""
    rows = _active_facts(session, Risk.residual_score, today=today)
    return sum(1 for row in rows if not risk_assessed(row.residual_score))


#: the department and category an import gives risks whose workbook names none
UNASSIGNED = "Unassigned"


def count_unassigned(*, session: Session) -> int:
    """Active risks in the "Unassigned" department or category (left so by an import): they need an owner."""
    departments = list(
        session.exec(select(Department.id).where(func.lower(Department.name) == UNASSIGNED.lower()))
    )
    categories = list(
        session.exec(select(Category.id).where(func.lower(Category.name) == UNASSIGNED.lower()))
    )
    if not departments and not categories:
        return 0  # no such department or category (the usual case): no need to look through every risk
    # The ids known, the database finds the risks through the department and category indexes.
    statement = _active(select(func.count()).select_from(Risk)).where(
        Risk.department_id.in_(departments) | Risk.category_id.in_(categories)  # type: ignore[union-attr]
    )
    return session.exec(statement).one()


def count_review_due(*, session: Session, today: date | None = None) -> int:
    today = today or date.today()
    rows = _active_facts(session, Risk.next_review, Risk.strategy, Risk.acceptance_expires, today=today)
    return sum(
        1 for row in rows if is_review_due(row.next_review, row.strategy, row.acceptance_expires, today)
    )


def count_above_appetite(*, session: Session, today: date | None = None) -> int:
    """Active assessed risks whose residual level is above the appetite."""
    matrix = get_matrix(session=session)
    levels = Counter(count_by_level(session=session, kind="residual", today=today))
    # A level that is not a band of the matrix (written outside OpsDesk) cannot be judged: check lists it.
    return sum(n for level, n in levels.items() if level_above_appetite(level, matrix))

"""Settings: the risk matrix and appetite, review intervals, fiscal year, policy, lists."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Any

from sqlmodel import Session, func, select

from opsdesk.domain.catalogue import Term
from opsdesk.domain.enums import DEFAULT_CATEGORIES, DEFAULT_DEPARTMENTS
from opsdesk.domain.errors import FieldErrors, Problem, ValidationError
from opsdesk.domain.matrix import (
    ReviewIntervals,
    RiskMatrix,
    default_matrix,
    default_review_intervals,
)
from opsdesk.services import alerts
from opsdesk.services.common import flush, get_or_raise
from opsdesk.store.models import Assessment, Category, Department, Risk, Setting

MATRIX = "risk_matrix"
REVIEW_INTERVALS = "review_intervals"
FISCAL_START = "fiscal_year_start_month"
COMPANY = "company_name"
POLICY = "quality_policy"
LANGUAGE = "language"
LANGUAGES = ("system", "en", "zh_CN")


@dataclass(frozen=True, slots=True)
class QualityPolicy:
    text: str
    approved_on: date | None


@dataclass(frozen=True, slots=True)
class NamedItem:
    """A department or a category as the screens list them."""

    id: int
    name: str
    code: str
    archived: bool


# session.info key: the settings `absent_settings_kept` found missing (each read once, until written).
_ABSENT = "opsdesk.absent_settings"


@contextmanager
def absent_settings_kept(session: Session) -> Iterator[None]:
    """Ask the database once for a setting that is not stored (a default is in use), not on every read.

    The session keeps the settings it found, but asks again for a missing one each time: a long
    load reads the review intervals hundreds of times. For one transaction that changes settings
    only through this module.
    """
    session.info[_ABSENT] = set()
    try:
        yield
    finally:
        session.info.pop(_ABSENT, None)


def _read_text(session: Session, key: str) -> str | None:
    absent = session.info.get(_ABSENT)
    if absent is not None and key in absent:
        return None
    setting = session.get(Setting, key)
    if setting is None and absent is not None:
        absent.add(key)
    return None if setting is None else setting.value


def _read(session: Session, key: str) -> Any:
    text = _read_text(session, key)
    return None if text is None else json.loads(text)


def _write(session: Session, key: str, value: Any) -> None:
    session.info.get(_ABSENT, set()).discard(key)
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=text))
    elif setting.value != text:
        setting.value = text
        session.add(setting)


def get_matrix(*, session: Session) -> RiskMatrix:
    stored = _read_text(session, MATRIX)
    return default_matrix() if stored is None else _matrix_of(stored)


@lru_cache(maxsize=8)
def _matrix_of(text: str) -> RiskMatrix:
    # Parsed and validated once per stored text: every assessment reads the matrix (it is immutable).
    return RiskMatrix.from_dict(json.loads(text))


def relevel_risks(session: Session, matrix: RiskMatrix) -> int:
    """Recompute stored levels after a matrix change; returns how many risks changed."""
    changed = 0
    for risk in session.exec(select(Risk)).all():
        before = (risk.inherent_level, risk.residual_level, risk.target_level)
        for kind in ("inherent", "residual", "target"):
            likelihood = getattr(risk, f"{kind}_likelihood")
            impact = getattr(risk, f"{kind}_impact")
            if likelihood is None or impact is None:
                continue
            if likelihood > matrix.likelihood_count or impact > matrix.impact_count:
                raise _outside_matrix(risk.code, kind, likelihood, impact)
            setattr(risk, f"{kind}_score", matrix.score(likelihood, impact))
            setattr(risk, f"{kind}_level", matrix.level(likelihood, impact).code)
        if before != (risk.inherent_level, risk.residual_level, risk.target_level):
            session.add(risk)
            changed += 1
    return changed


def preview_relevel(*, session: Session, matrix: RiskMatrix) -> int:
    """How many risks save_matrix would re-level with this matrix; writes nothing.

    Raises the same ValidationError as save_matrix when an assessment lies outside the matrix.
    """
    kinds = ("inherent", "residual", "target")
    columns = [
        getattr(Risk, f"{kind}_{part}") for kind in kinds for part in ("likelihood", "impact", "level")
    ]
    # Grouping keeps this cheap on big registers: one row per distinct combination of assessments.
    statement = select(*columns, func.count(), func.min(Risk.code)).group_by(*columns)
    changed = 0
    outside: list[tuple[str, str, int, int]] = []
    for row in session.exec(statement).all():
        values, count, code = row[:9], row[9], row[10]
        differs = False
        for number, kind in enumerate(kinds):
            likelihood, impact, level = values[3 * number : 3 * number + 3]
            if likelihood is None or impact is None:
                continue
            if likelihood > matrix.likelihood_count or impact > matrix.impact_count:
                outside.append((code, kind, likelihood, impact))
                continue
            differs = differs or matrix.cells[likelihood - 1][impact - 1] != level
        if differs:
            changed += count
    if outside:
        raise _outside_matrix(*min(outside))
    return changed


def _outside_matrix(code: str, kind: str, likelihood: int, impact: int) -> ValidationError:
    return ValidationError(
        Problem(
            "cells", "settings.assessment_outside_matrix",
            {"code": code, "kind": Term("assessment_kind", kind), "likelihood": likelihood, "impact": impact},
        )
    )  # fmt: skip


def save_matrix(*, session: Session, matrix: RiskMatrix, today: date | None = None) -> int:
    """Store a new matrix and re-level every risk in the same transaction (audited)."""
    # A risk outside the new matrix refuses it before anything is written.
    preview_relevel(session=session, matrix=matrix)
    _write(session, MATRIX, matrix.to_dict())
    changed = relevel_risks(session, matrix)
    # New levels or a new appetite raise or end appetite alerts, as a new assessment would.
    for risk in session.exec(select(Risk)).all():
        alerts.sync_appetite_alert(session, risk, matrix, today or date.today())
    flush(session, "setting")
    return changed


def get_review_intervals(*, session: Session) -> ReviewIntervals:
    stored = _read(session, REVIEW_INTERVALS)
    return default_review_intervals() if stored is None else ReviewIntervals.from_dict(stored)


def save_review_intervals(*, session: Session, intervals: ReviewIntervals) -> None:
    _write(session, REVIEW_INTERVALS, intervals.to_dict())
    flush(session, "setting")


def get_fiscal_start_month(*, session: Session) -> int:
    return int(_read(session, FISCAL_START) or 1)


def set_fiscal_start_month(*, session: Session, month: int) -> None:
    if not isinstance(month, int) or not 1 <= month <= 12:
        raise ValidationError(Problem("fiscal_year_start_month", "settings.fiscal_month_range"))
    _write(session, FISCAL_START, month)
    flush(session, "setting")


def get_company_name(*, session: Session) -> str:
    return str(_read(session, COMPANY) or "")


COMPANY_NAME_MAX = 200


def company_name_problems(name: str | None) -> list[Problem]:
    """The problems of a company name; the settings page checks it as the user types."""
    try:
        _required_text("company_name", name, "setting", "company_name", COMPANY_NAME_MAX)
    except ValidationError as exc:
        return list(exc.problems)
    return []


def set_company_name(*, session: Session, name: str) -> None:
    text = _required_text("company_name", name, "setting", "company_name", COMPANY_NAME_MAX)
    _write(session, COMPANY, text)
    flush(session, "setting")


def get_quality_policy(*, session: Session) -> QualityPolicy:
    stored = _read(session, POLICY) or {}
    approved = stored.get("approved_on")
    return QualityPolicy(
        text=stored.get("text", ""), approved_on=date.fromisoformat(approved) if approved else None
    )


POLICY_TEXT_MAX = 5000


def policy_problems(text: str | None, approved_on: date | None) -> list[Problem]:
    """Every problem of a quality policy; the settings page checks it as the user types."""
    errors = FieldErrors()
    try:
        _required_text("text", text, "setting", "policy_text", POLICY_TEXT_MAX)
    except ValidationError as exc:
        errors.merge(exc)
    if approved_on is not None and (not isinstance(approved_on, date) or isinstance(approved_on, datetime)):
        errors.add("approved_on", "policy.approved_not_a_date")
    elif approved_on is not None and approved_on > date.today():
        errors.add("approved_on", "policy.approved_in_future")
    return errors.problems


def set_quality_policy(*, session: Session, text: str, approved_on: date | None) -> QualityPolicy:
    """Replace the quality policy text (audited like every setting)."""
    problems = policy_problems(text, approved_on)
    if problems:
        raise ValidationError(problems)
    clean = text.strip()
    _write(session, POLICY, {"text": clean, "approved_on": approved_on.isoformat() if approved_on else None})
    flush(session, "setting")
    return QualityPolicy(clean, approved_on)


def get_language(*, session: Session) -> str:
    return str(_read(session, LANGUAGE) or "system")


def set_language(*, session: Session, language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(
            Problem("language", "settings.unknown_language", {"value": language, "choices": LANGUAGES})
        )
    _write(session, LANGUAGE, language)
    flush(session, "setting")


# Departments and categories -------------------------------------------------------------


def list_departments(*, session: Session, include_archived: bool = False) -> list[NamedItem]:
    statement = select(Department).order_by(Department.name)
    if not include_archived:
        statement = statement.where(Department.archived == False)  # noqa: E712
    return [NamedItem(d.id, d.name, d.name, d.archived) for d in session.exec(statement)]


def list_categories(*, session: Session, include_archived: bool = False) -> list[NamedItem]:
    statement = select(Category).order_by(Category.id)
    if not include_archived:
        statement = statement.where(Category.archived == False)  # noqa: E712
    return [NamedItem(c.id, c.name, c.code, c.archived) for c in session.exec(statement)]


def department_id(*, session: Session, name: str, field: str = "department") -> int:
    """The id of a department by its name (case-insensitive)."""
    key = (name or "").strip().casefold()
    for department in session.exec(select(Department)):
        if department.name.casefold() == key:
            return department.id
    raise ValidationError(Problem(field, "settings.no_department", {"name": (name or "").strip()}))


def category_id(*, session: Session, code_or_name: str, field: str = "category") -> int:
    """The id of a category by its code or its name (case-insensitive)."""
    key = (code_or_name or "").strip().casefold()
    for category in session.exec(select(Category)):
        if key in (category.code.casefold(), category.name.casefold()):
            return category.id
    raise ValidationError(Problem(field, "settings.no_category", {"name": (code_or_name or "").strip()}))


def _required_text(field: str, value: str | None, record: str, key: str, max_length: int) -> str:
    """A stripped required text, or a ValidationError naming `record.key` in the reader's language."""
    text = (value or "").strip() if isinstance(value, str) or value is None else ""
    name = Term.field(record, key)
    if not text:
        raise ValidationError(Problem(field, "required", {"field": name}))
    if len(text) > max_length:
        raise ValidationError(
            Problem(field, "too_long", {"field": name, "count": len(text), "limit": max_length})
        )
    return text


def _unique_name(
    session: Session, model: type, name: str, field: str, record: str, exclude_id: int | None = None
) -> str:
    clean = _required_text(field, name, record, "name", 80)
    for item in session.exec(select(model)):
        if item.name.casefold() == clean.casefold() and item.id != exclude_id:
            raise ValidationError(Problem(field, f"settings.{record}_exists", {"name": clean}))
    return clean


def add_department(*, session: Session, name: str) -> NamedItem:
    clean = _unique_name(session, Department, name, "name", "department")
    department = Department(name=clean)
    session.add(department)
    flush(session, "department")
    return NamedItem(department.id, department.name, department.name, False)


def rename_department(*, session: Session, department_id: int, name: str) -> None:
    department = get_or_raise(session, Department, department_id, "department")
    department.name = _unique_name(session, Department, name, "name", "department", department_id)
    session.add(department)
    flush(session, "department")


def set_department_archived(*, session: Session, department_id: int, archived: bool) -> None:
    department = get_or_raise(session, Department, department_id, "department")
    department.archived = archived
    session.add(department)
    flush(session, "department")


def add_category(*, session: Session, name: str) -> NamedItem:
    clean = _unique_name(session, Category, name, "name", "category")
    code = "".join(ch if ch.isalnum() else "_" for ch in clean.casefold()).strip("_") or "category"
    taken = {c.code for c in session.exec(select(Category))}
    base, n = code, 2
    while code in taken:
        code, n = f"{base}_{n}", n + 1
    category = Category(code=code, name=clean)
    session.add(category)
    flush(session, "category")
    return NamedItem(category.id, category.name, category.code, False)


def rename_category(*, session: Session, category_id: int, name: str) -> None:
    category = get_or_raise(session, Category, category_id, "category")
    category.name = _unique_name(session, Category, name, "name", "category", category_id)
    session.add(category)
    flush(session, "category")


def set_category_archived(*, session: Session, category_id: int, archived: bool) -> None:
    category = get_or_raise(session, Category, category_id, "category")
    category.archived = archived
    session.add(category)
    flush(session, "category")


def ensure_defaults(*, session: Session) -> None:
    """Seed departments, categories and the default matrix into a new database."""
    if session.exec(select(func.count()).select_from(Department)).one() == 0:
        for name in DEFAULT_DEPARTMENTS:
            session.add(Department(name=name))
    if session.exec(select(func.count()).select_from(Category)).one() == 0:
        for code, name in DEFAULT_CATEGORIES:
            session.add(Category(code=code, name=name))
    if session.get(Setting, MATRIX) is None:
        _write(session, MATRIX, default_matrix().to_dict())
    if session.new:
        flush(session, "setting")


def is_empty(*, session: Session) -> bool:
    """True when no risk has been recorded yet (first start)."""
    return session.exec(select(func.count()).select_from(Risk)).one() == 0 and (
        session.exec(select(func.count()).select_from(Assessment)).one() == 0
    )

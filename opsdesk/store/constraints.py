"""The values the database itself refuses: CHECK constraints, the same on SQLite and PostgreSQL.

Codes must be one of their enum's values (opsdesk/domain/enums.py), likelihood and impact
lie on the largest matrix OpsDesk allows, a score is likelihood x impact, and every stored
number is finite and within sane bounds. Migration 0006 adds them; rows that already held
an invalid value are kept as they were (never dropped or changed), and `opsdesk check`
lists them with `invalid_rows`, as it lists a constraint that is missing.

Level codes are the risk matrix's own band codes, which an administrator may add, so the
database checks only their form; rows whose level is not a band of the current matrix are
listed by the register check (services/register_check.py).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, text

from opsdesk.domain import enums
from opsdesk.domain.matrix import MAX_DIMENSION
from opsdesk.domain.numbers import MAX_MAGNITUDE

#: the alert kinds, with the KRI forecast alert another change adds
ALERT_KINDS = (*(kind.value for kind in enums.AlertKind), "forecast")
MAX_CODE_LENGTH = 64
LIST_LIMIT = 20


@dataclass(frozen=True, slots=True)
class CheckConstraint:
    """One CHECK constraint: its table, full name, SQL condition and, in words, what it asks."""

    table: str
    name: str
    condition: str
    columns: tuple[str, ...]
    rule: str  # what it asks, as a catalogue code ("constraint.one_of")...
    rule_params: tuple[tuple[str, object], ...] = ()  # ...and that sentence's parameters

    def rule_text(self, language: str | None = None) -> str:
        """What the constraint asks, in words of a language (the current one by default)."""
        from opsdesk.domain.catalogue import message

        return message(self.rule, dict(self.rule_params), language)


def _values(values: Iterable[str] | type[StrEnum]) -> tuple[str, ...]:
    return tuple(member.value if isinstance(member, StrEnum) else member for member in values)


def _one_of(
    table: str, column: str, values: Iterable[str] | type[StrEnum], *, nullable: bool = False
) -> CheckConstraint:
    allowed = _values(values)
    listed = ", ".join(f"'{value}'" for value in allowed)
    condition = f"{column} IN ({listed})"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(
        table,
        f"ck_{table}_{column}",
        condition,
        (column,),
        "constraint.one_of",
        (("values", ", ".join(allowed)),),
    )


def _whole(table: str, column: str, low: int, high: int, *, nullable: bool = True) -> CheckConstraint:
    condition = f"{column} BETWEEN {low} AND {high}"
    if nullable:
        condition = f"{column} IS NULL OR {condition}"
    return CheckConstraint(
        table,
        f"ck_{table}_{column}",
        condition,
        (column,),
        "constraint.whole_number",
        (("low", low), ("high", high)),
    )


def _number(
    table: str, column: str, *, nullable: bool = True, low: float | None = None, high: float | None = None
) -> CheckConstraint:
    # abs(x) <= bound is false for infinities, and for NaN on PostgreSQL (SQLite stores NaN as NULL).
    condition = f"abs({column}) <= {MAX_MAGNITUDE:.0e}"
    rule, params = "constraint.finite", (("bound", f"{MAX_MAGNITUDE:.0e}"),)
    if low is not None:
        condition += f" AND {column} >= {low:g}"
        top = f"{high:g}" if high is not None else f"{MAX_MAGNITUDE:.0e}"
        rule, params = "constraint.finite_from", (("low", f"{low:g}"), ("high", top))
    if high is not None:
        condition += f" AND {column} <= {high:g}"
    if nullable:
        condition = f"{column} IS NULL OR ({condition})"
    return CheckConstraint(table, f"ck_{table}_{column}", condition, (column,), rule, params)


def _level(table: str, column: str) -> CheckConstraint:
    condition = f"{column} IS NULL OR length({column}) BETWEEN 1 AND {MAX_CODE_LENGTH}"
    return CheckConstraint(table, f"ck_{table}_{column}", condition, (column,),
                           "constraint.level_code", (("limit", MAX_CODE_LENGTH),))  # fmt: skip


def _assessment(table: str, prefix: str, *, nullable: bool) -> list[CheckConstraint]:
    likelihood, impact, score = (f"{prefix}likelihood", f"{prefix}impact", f"{prefix}score")
    product = f"{score} = {likelihood} * {impact}"
    if nullable:
        product = f"{score} IS NULL OR {likelihood} IS NULL OR {impact} IS NULL OR {product}"
    return [
        _whole(table, likelihood, 1, MAX_DIMENSION, nullable=nullable),
        _whole(table, impact, 1, MAX_DIMENSION, nullable=nullable),
        CheckConstraint(
            table, f"ck_{table}_{score}", product, (score, likelihood, impact), "constraint.product"
        ),  # fmt: skip
        _level(table, f"{prefix}level"),
    ]


def check_constraints() -> tuple[CheckConstraint, ...]:
    """Every CHECK constraint of the register, table by table."""
    risk = [
        _one_of("risk", "status", enums.RiskStatus),
        _one_of("risk", "source", enums.IdentificationSource),
        _one_of("risk", "strategy", enums.Strategy, nullable=True),
    ]
    for kind in ("inherent", "residual", "target"):
        risk += _assessment("risk", f"{kind}_", nullable=True)
    return (
        *risk,
        _one_of("assessment", "kind", enums.AssessmentKind),
        *_assessment("assessment", "", nullable=False),
        _number("assessment", "probability", low=0, high=100),
        _number("assessment", "financial_impact"),
        _one_of("action", "status", enums.ActionStatus),
        _one_of("action", "kind", enums.ActionKind),
        _number("action", "cost"),
        _one_of("kri", "direction", enums.Direction),
        _one_of("kri", "frequency", enums.Frequency),
        _number("kri", "warning", nullable=False),
        _number("kri", "alarm", nullable=False),
        _number("krireading", "value", nullable=False),
        _one_of("krireading", "state", enums.KriState),
        _one_of("alert", "kind", ALERT_KINDS),
        _one_of("alert", "state", enums.AlertState),
        _level("alert", "severity"),
        _number("alert", "value"),
        _one_of("qualityobjective", "kind", enums.ObjectiveKind),
        _one_of("qualityobjective", "direction", enums.Direction),
        _one_of("qualityobjective", "frequency", enums.Frequency),
        _number("qualityobjective", "target", nullable=False),
        _number("qualityobjective", "tolerance", nullable=False),
        _number("measurement", "numerator"),
        _number("measurement", "denominator"),
        _number("measurement", "value"),
        _one_of("nonconformity", "source", enums.NcSource),
        _one_of("nonconformity", "severity", enums.Severity),
        _one_of("nonconformity", "status", enums.NcStatus),
        _one_of("nonconformity", "six_m", enums.SixM, nullable=True),
        _one_of("nonconformity", "disposition", enums.Disposition, nullable=True),
        _one_of("nonconformity", "effectiveness", enums.Effectiveness, nullable=True),
        _one_of("customerfeedback", "channel", enums.FeedbackChannel),
        _whole("customerfeedback", "rating", 1, 5),
        _number("customerfeedback", "response_hours", low=0),
        _one_of("suggestion", "status", enums.SuggestionStatus),
        _number("suggestion", "estimated_cost"),
        _whole("suggestion", "reward_points", 0, 2**31 - 1),
        _number("suggestion", "reward_amount"),
    )


def constraint_tables() -> list[str]:
    """The tables that carry CHECK constraints, in a stable order."""
    return sorted({constraint.table for constraint in check_constraints()})


# What a register holds now --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class InvalidRow:
    """A row that breaks one constraint: which, where, and the values it holds."""

    constraint: CheckConstraint
    row_id: str
    label: str
    values: tuple[object, ...]

    def describe(self) -> str:
        where = f"{self.constraint.table} #{self.row_id}" + (f" ({self.label})" if self.label else "")
        shown = ", ".join(f"{column} = {value!r}" for column, value in zip(self.constraint.columns, self.values,
                                                                              strict=True))  # fmt: skip
        from opsdesk.domain.catalogue import text

        return text("constraint.invalid_row", where=where, shown=shown, rule=self.constraint.rule_text())


_LABEL_COLUMNS = {"risk": "code", "nonconformity": "code", "suggestion": "code", "kri": "name",
                  "qualityobjective": "name", "action": "title"}  # fmt: skip


def invalid_rows(connection: Connection, *, limit: int = LIST_LIMIT) -> tuple[list[InvalidRow], int]:
    """The rows that break a constraint (at most `limit` listed) and how many there are in all.

    Read-only; runs whether or not the constraints exist (rows from before them, or written
    after someone dropped one).
    """
    found: list[InvalidRow] = []
    total = 0
    present = set(_table_names(connection))
    for constraint in check_constraints():
        if constraint.table not in present:
            continue
        label = _LABEL_COLUMNS.get(constraint.table)
        columns = ", ".join(("id", label or "''", *constraint.columns))
        where = f"NOT ({constraint.condition})"
        total += connection.execute(
            text(f"SELECT count(*) FROM {constraint.table} WHERE {where}")
        ).scalar_one()
        room = limit - len(found)
        if room <= 0:
            continue
        for row in connection.execute(
            text(f"SELECT {columns} FROM {constraint.table} WHERE {where} ORDER BY id LIMIT {room}")
        ):
            found.append(InvalidRow(constraint, str(row[0]), str(row[1] or ""), tuple(row[2:])))
    return found, total


def _table_names(connection: Connection) -> list[str]:
    from sqlalchemy import inspect

    return inspect(connection).get_table_names()


def missing_constraints(connection: Connection | sqlite3.Connection) -> list[str]:
    """The CHECK constraints OpsDesk made that the schema no longer has, as `table.name`."""
    from opsdesk.store.guards import rows

    # a sqlite3 or sqlcipher3 connection (a file being checked) has no dialect
    if isinstance(connection, Connection) and connection.dialect.name == "postgresql":
        present = {name for (name,) in rows(connection, (
            "SELECT conname FROM pg_catalog.pg_constraint WHERE contype = 'c' "
            "AND connamespace = current_schema()::regnamespace"
        ))}  # fmt: skip
    else:
        schema = "\n".join(
            sql or "" for (sql,) in rows(connection, "SELECT sql FROM sqlite_master WHERE type = 'table'")
        )
        present = {c.name for c in check_constraints() if f"CONSTRAINT {c.name} CHECK" in schema}
    return [f"{c.table}.{c.name}" for c in check_constraints() if c.name not in present]

"""Inserting many plain rows at once: the driver's executemany, without per-row SQLAlchemy work.

An import writes tens of thousands of rows (risks, assessments, audit entries) in one
transaction. SQLAlchemy's executemany builds and type-converts a parameter dictionary per
row, which costs more than SQLite's own insert; on SQLite the rows go to the driver as
tuples, each value converted by its column type's own bind processor (so a date or time is
stored exactly as the ORM stores it). Other databases take SQLAlchemy's executemany.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, Table, insert


def insert_many(connection: Connection, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert rows that all name the same columns (those of the first row), in the caller's transaction."""
    if not rows:
        return
    dialect = connection.dialect
    if dialect.name != "sqlite" or dialect.paramstyle != "qmark":
        connection.execute(insert(table), list(rows))
        return
    names = list(rows[0])
    columns = [table.c[name] for name in names]
    processors = [column.type.dialect_impl(dialect).bind_processor(dialect) for column in columns]
    quote = dialect.identifier_preparer.quote
    statement = (
        f"INSERT INTO {quote(table.name)} ({', '.join(quote(column.name) for column in columns)}) "
        f"VALUES ({', '.join('?' * len(columns))})"
    )
    converted = [
        (name, processor) for name, processor in zip(names, processors, strict=True) if processor is not None
    ]
    plain = [name for name, processor in zip(names, processors, strict=True) if processor is None]
    order = {name: position for position, name in enumerate(names)}
    # A batch repeats values (one time for every audit entry, the same dates): each is converted once.
    done: dict[str, dict[Any, Any]] = {name: {} for name, _processor in converted}
    parameters = []
    for row in rows:
        values: list[Any] = [None] * len(names)
        for name in plain:
            values[order[name]] = row[name]
        for name, processor in converted:
            value = row[name]
            if value is not None:
                known = done[name]
                stored = known.get((type(value), value))
                if stored is None:
                    stored = known[(type(value), value)] = processor(value)
                values[order[name]] = stored
        parameters.append(tuple(values))
    connection.exec_driver_sql(statement, parameters)

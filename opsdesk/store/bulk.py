"""Inserting many plain rows at once: the driver's executemany, without per-row SQLAlchemy work.

An import writes tens of thousands of rows (risks, assessments, audit entries) in one
transaction. SQLAlchemy's executemany builds and type-converts a parameter dictionary per
row, which costs more than SQLite's own insert; on SQLite the rows go to the driver as
tuples, each value converted by its column type's own bind processor (so a date or time is
stored exactly as the ORM stores it). Other databases take SQLAlchemy's executemany.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from operator import itemgetter
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
    # A batch repeats values (one time for every audit entry, the same dates): each is converted once.
    converted = [
        (position, processor, {})
        for position, processor in enumerate(processors)
        if processor is not None
    ]  # fmt: skip
    values_of = itemgetter(*names)
    parameters: list[Any] = []
    for row in rows:
        values = values_of(row)
        if len(names) == 1:
            values = (values,)
        if converted:
            values = list(values)
            for position, processor, known in converted:
                value = values[position]
                if value is not None:
                    stored = known.get((type(value), value))
                    if stored is None:
                        stored = known[(type(value), value)] = processor(value)
                    values[position] = stored
            values = tuple(values)
        parameters.append(values)
    connection.exec_driver_sql(statement, parameters)

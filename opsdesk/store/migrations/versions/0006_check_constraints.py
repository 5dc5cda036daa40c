"""CHECK constraints on codes, matrix coordinates and numbers, on both backends

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-12 10:00:00

Written by hand from store/constraints.py. Rows that already hold an invalid value are kept
as they are: PostgreSQL adds each constraint NOT VALID and validates it only when no row
breaks it; SQLite rebuilds each table with its constraints while ignoring them for the copy.
`opsdesk check` lists such rows. SQLite loses a table's triggers when it rebuilds it, so the
triggers of the rebuilt tables are made again.
"""

from collections.abc import Sequence

from alembic import op
from sqlalchemy import text

from opsdesk.store import guards
from opsdesk.store.constraints import check_constraints, constraint_tables

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        for constraint in check_constraints():
            op.execute(
                f"ALTER TABLE {constraint.table} ADD CONSTRAINT {constraint.name} CHECK ({constraint.condition}) NOT VALID"
            )
            broken = connection.execute(
                text(f"SELECT EXISTS (SELECT 1 FROM {constraint.table} WHERE NOT ({constraint.condition}))")
            ).scalar_one()
            if not broken:
                op.execute(f"ALTER TABLE {constraint.table} VALIDATE CONSTRAINT {constraint.name}")
        return
    tables = tuple(constraint_tables())
    connection.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
    try:
        for table in tables:
            with op.batch_alter_table(table, recreate="always") as batch_op:
                for constraint in check_constraints():
                    if constraint.table == table:
                        batch_op.create_check_constraint(op.f(constraint.name), constraint.condition)
    finally:
        connection.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")
    for since in ("0002", "0005"):
        guards.create_sqlite_triggers(connection, tables, since=since)


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        for constraint in check_constraints():
            op.execute(f"ALTER TABLE {constraint.table} DROP CONSTRAINT IF EXISTS {constraint.name}")
        return
    tables = tuple(constraint_tables())
    for table in tables:
        with op.batch_alter_table(table, recreate="always") as batch_op:
            for constraint in check_constraints():
                if constraint.table == table:
                    batch_op.drop_constraint(op.f(constraint.name), type_="check")
    for since in ("0002", "0005"):
        guards.create_sqlite_triggers(connection, tables, since=since)

"""server-written audit trail and code numbers; insert-only history on both backends

Revision ID: 0005
Revises: 0003
Create Date: 2027-01-12 09:00:00

Written by hand. PostgreSQL: an AFTER trigger on every audited table appends the audit
entries through a SECURITY DEFINER function (store/server_audit.py), which chains them on
the head row of `auditchainhead`; risk, nonconformity and suggestion numbers come from
`opsdesk_next_code()`. Both backends: assessments, KRI readings and acceptance snapshots
refuse UPDATE and DELETE, and a code counter refuses to go back.
"""

from collections.abc import Sequence

from alembic import op

from opsdesk.store import guards, server_audit

revision: str = "0005"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        guards.create_sqlite_triggers(connection, since="0005")
        return
    if connection.dialect.name != "postgresql":
        return
    server_audit.create_head(connection)
    schema = connection.exec_driver_sql("SELECT current_schema()").scalar_one()
    for function in server_audit.functions(schema):
        server_audit.create_function(connection, function)
    server_audit.install_audit_triggers(connection)
    for trigger in server_audit.guard_triggers():
        if trigger.table != "auditentry":  # those are 0003's
            connection.exec_driver_sql(trigger.ddl())


def downgrade() -> None:
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        for trigger in guards.sqlite_triggers():
            if trigger.since == "0005":
                op.execute(f"DROP TRIGGER IF EXISTS {trigger.name}")
        return
    if connection.dialect.name != "postgresql":
        return
    for table, name, _ in server_audit.trigger_rows(connection):
        if name == f"{table}_audit" or (
            table != "auditentry" and name in {t.name for t in server_audit.guard_triggers()}
        ):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in server_audit.functions("public"):
        arguments = ", ".join(part.split()[-1] for part in function.arguments.split(",") if part.strip())
        op.execute(f"DROP FUNCTION IF EXISTS {function.name}({arguments})")
    op.execute(f"DROP TABLE IF EXISTS {server_audit.HEAD_TABLE}")

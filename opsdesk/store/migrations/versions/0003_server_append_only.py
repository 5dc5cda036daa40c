"""append-only audit trail on PostgreSQL

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04 04:40:00

Written by hand: PostgreSQL gets the trigger SQLite got in 0002, so not even the owner of
the database changes or deletes an audit entry without first dropping the trigger (which
`opsdesk check` then finds as a broken hash chain). Nothing changes on SQLite.
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "the audit trail is append-only"
FUNCTION = "auditentry_append_only"
TRIGGERS = ("auditentry_append_only_update", "auditentry_append_only_delete")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(
        f"CREATE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{APPEND_ONLY}' USING ERRCODE = 'integrity_constraint_violation'; END $$"
    )
    for trigger, event in zip(TRIGGERS, ("UPDATE", "DELETE"), strict=True):
        op.execute(f"CREATE TRIGGER {trigger} BEFORE {event} ON auditentry FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()")
    op.execute(f"CREATE TRIGGER auditentry_append_only_truncate BEFORE TRUNCATE ON auditentry "
               f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()")  # fmt: skip


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for trigger in (*TRIGGERS, "auditentry_append_only_truncate"):
        op.execute(f"DROP TRIGGER IF EXISTS {trigger} ON auditentry")
    op.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}()")

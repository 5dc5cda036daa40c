"""audit hash chain, append-only audit trail, risk acceptance snapshots

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24 02:30:00

Written by hand: seals the existing audit entries in id order, then forbids UPDATE and
DELETE on the audit trail with triggers (SQLite).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from opsdesk.store.audit_chain import GENESIS, entry_hash

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPEND_ONLY = "the audit trail is append-only"
TRIGGERS = ("auditentry_append_only_update", "auditentry_append_only_delete")


def upgrade() -> None:
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True))
        batch_op.add_column(sa.Column("hash", sqlmodel.sql.sqltypes.AutoString(), nullable=True))

    op.create_table(
        "riskacceptance",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("risk_id", sa.Integer(), nullable=False),
        sa.Column("accepted_on", sa.Date(), nullable=True),
        sa.Column("approver", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("justification", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("expires", sa.Date(), nullable=True),
        sa.Column("snapshot", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.ForeignKeyConstraint(["risk_id"], ["risk.id"], name=op.f("fk_riskacceptance_risk_id_risk")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_riskacceptance")),
    )
    with op.batch_alter_table("riskacceptance", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_riskacceptance_risk_id"), ["risk_id"], unique=False)

    _seal_existing_entries()

    if op.get_bind().dialect.name == "sqlite":
        for trigger, event in zip(TRIGGERS, ("UPDATE", "DELETE"), strict=True):
            op.execute(
                f"CREATE TRIGGER {trigger} BEFORE {event} ON auditentry "
                f"BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )


def _seal_existing_entries() -> None:
    # Typed columns, so `at` is read back exactly as the ORM reads it when checking the chain.
    audit = sa.table(
        "auditentry",
        sa.column("id", sa.Integer()),
        sa.column("entity", sa.String()),
        sa.column("entity_id", sa.String()),
        sa.column("action", sa.String()),
        sa.column("field", sa.String()),
        sa.column("old_value", sa.String()),
        sa.column("new_value", sa.String()),
        sa.column("user", sa.String()),
        sa.column("at", sqlmodel.sql.sqltypes.UTCDateTime()),
        sa.column("prev_hash", sa.String()),
        sa.column("hash", sa.String()),
    )
    connection = op.get_bind()
    previous = GENESIS
    rows = connection.execute(sa.select(audit).order_by(audit.c.id)).mappings().all()
    for row in rows:
        sealed = entry_hash(previous, row)
        connection.execute(
            sa.update(audit).where(audit.c.id == row["id"]).values(prev_hash=previous, hash=sealed)
        )
        previous = sealed


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for trigger in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    with op.batch_alter_table("riskacceptance", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_riskacceptance_risk_id"))
    op.drop_table("riskacceptance")
    with op.batch_alter_table("auditentry", schema=None) as batch_op:
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")

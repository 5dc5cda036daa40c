"""closed quarters: the report kept at closing, and who closed or reopened a quarter and why

Revision ID: 0009
Revises: 0007
Create Date: 2026-12-06 00:30:00

Written by hand. `quarterreport` keeps a closed quarter's figures and rows (JSON) with the
audit trail's newest entry (id and hash) at closing; `closedquarter` says whether a quarter
is closed or reopened. Both tables are audited: on PostgreSQL the audit trigger is installed
here (server_audit.install_audit_triggers) and only administrators may write them
(server_roles.SETTINGS_TABLES); on SQLite the app writes the trail.
(0008 is the risk fields' revision of another branch: when both are merged, this one revises it.)
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

from opsdesk.store import server_audit

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "quarterreport",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("figures", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("data", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("anchor_entry", sa.Integer(), nullable=False),
        sa.Column("anchor_hash", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quarterreport")),
    )
    with op.batch_alter_table("quarterreport", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quarterreport_quarter"), ["quarter"], unique=False)
    op.create_table(
        "closedquarter",
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quarter", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("closed_by", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("closed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("reopened_by", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("reopened_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=True),
        sa.Column("reopen_reason", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.ForeignKeyConstraint(
            ["report_id"], ["quarterreport.id"], name=op.f("fk_closedquarter_report_id_quarterreport")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_closedquarter")),
        sa.UniqueConstraint("quarter", name=op.f("uq_closedquarter_quarter")),
    )
    connection = op.get_bind()
    if connection.dialect.name == "postgresql":
        server_audit.install_audit_triggers(connection)


def downgrade() -> None:
    op.drop_table("closedquarter")
    with op.batch_alter_table("quarterreport", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_quarterreport_quarter"))
    op.drop_table("quarterreport")

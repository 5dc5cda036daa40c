"""control chart and rule set per objective, KRI forecast opt-in and horizon

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 10:00:00

Written by hand. Existing rows keep today's behaviour: the automatic chart (p for ratios,
XmR for values), the Western Electric rules, and no forecast (horizon 90 days once turned on).
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("qualityobjective", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("chart_type", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="auto")
        )
        batch_op.add_column(
            sa.Column("rule_set", sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="western_electric")
        )
    with op.batch_alter_table("kri", schema=None) as batch_op:
        batch_op.add_column(sa.Column("forecast_enabled", sa.Boolean(), nullable=False, server_default=sa.false()))
        batch_op.add_column(sa.Column("forecast_horizon_days", sa.Integer(), nullable=False, server_default="90"))


def downgrade() -> None:
    with op.batch_alter_table("kri", schema=None) as batch_op:
        batch_op.drop_column("forecast_horizon_days")
        batch_op.drop_column("forecast_enabled")
    with op.batch_alter_table("qualityobjective", schema=None) as batch_op:
        batch_op.drop_column("rule_set")
        batch_op.drop_column("chart_type")

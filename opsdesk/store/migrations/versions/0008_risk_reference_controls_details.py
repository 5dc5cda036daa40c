"""risk reference (the workbook's own ID), existing controls and workbook details

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 00:30:00

Written by hand. Three text columns of the risk, empty on existing rows; the reference is
indexed because a re-import matches rows by it. Adding columns keeps the table (no rebuild
on SQLite), so its audit and append-only triggers stay as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("risk", schema=None) as batch_op:
        for name in ("reference", "controls", "details"):
            batch_op.add_column(
                sa.Column(name, sqlmodel.sql.sqltypes.AutoString(), nullable=False, server_default="")
            )
        batch_op.create_index(batch_op.f("ix_risk_reference"), ["reference"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("risk", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_risk_reference"))
        for name in ("details", "controls", "reference"):
            batch_op.drop_column(name)

"""The translation memory's change log: ``tm_changes``.

One row per unit removed from ``tm_units`` (deleted by an operator, an approval
withdrawn). Every process reads the rows above the last id it has seen before a lookup and
drops those units from its snapshot and tail (docs/architecture.md, the memory).

Revision ID: 0009
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tm_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("unit_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tm_changes")),
    )


def downgrade() -> None:
    op.drop_table("tm_changes")

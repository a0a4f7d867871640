"""Corrections of the original and alignment review.

Segments keep their previous source and can be obsolete; localizations keep the paired
edition's sentences and paragraph breaks, and whether the original changed after publishing.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("segments") as batch:
        batch.add_column(sa.Column("previous_source", sa.Text(), nullable=True))
        batch.add_column(
            sa.Column("obsolete", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("localizations") as batch:
        batch.add_column(sa.Column("target_sentences", sa.JSON(), nullable=True))
        batch.add_column(sa.Column("target_breaks", sa.JSON(), nullable=True))
        batch.add_column(
            sa.Column("needs_update", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("localizations") as batch:
        batch.drop_column("needs_update")
        batch.drop_column("target_breaks")
        batch.drop_column("target_sentences")
    with op.batch_alter_table("segments") as batch:
        batch.drop_column("obsolete")
        batch.drop_column("previous_source")

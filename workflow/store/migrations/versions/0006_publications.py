"""The publication outbox: the bytes of a publish's files, committed with the publish.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("localization_id", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("bundle", sa.LargeBinary(), nullable=True),
        sa.Column("po", sa.LargeBinary(), nullable=True),
        sa.Column("mo", sa.LargeBinary(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["localization_id"],
            ["localizations.id"],
            name=op.f("fk_publications_localization_id_localizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publications")),
    )
    op.create_index(op.f("ix_publications_localization_id"), "publications", ["localization_id"])
    op.create_index(op.f("ix_publications_status"), "publications", ["status"])


def downgrade() -> None:
    op.drop_index(op.f("ix_publications_status"), table_name="publications")
    op.drop_index(op.f("ix_publications_localization_id"), table_name="publications")
    op.drop_table("publications")

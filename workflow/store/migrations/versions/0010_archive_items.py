"""Archive import: one row per imported (Korean, English) pair, keyed by content hashes.

Revision ID: 0010
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "archive_items",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ko_sha256", sa.String(length=64), nullable=False),
        sa.Column("en_sha256", sa.String(length=64), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("ko_name", sa.String(length=300), nullable=False),
        sa.Column("en_name", sa.String(length=300), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("review", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_archive_items_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_archive_items")),
        sa.UniqueConstraint("ko_sha256", "en_sha256", name=op.f("uq_archive_items_ko_sha256")),
    )


def downgrade() -> None:
    op.drop_table("archive_items")

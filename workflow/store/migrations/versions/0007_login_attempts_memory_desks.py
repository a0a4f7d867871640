"""Login throttling by name and client address (atomic counters); memory units carry a desk.

``login_attempts`` replaces ``login_failures`` (one row per failure, never pruned): one
counter per (name as typed, client address) and one per address (name ``*``), each over a
fixed window, counted with one upsert before the password is checked. The old failures
are dropped: at worst a lock in progress ends early.

``tm_units.desk``: the desk of the unit's article (backfilled from ``articles`` by slug;
units whose article is gone, and TMX imports, belong to "news"); a pair is stored once per
desk and origin. ``articles.embargoed`` is indexed: memory lookups leave out the units of
embargoed articles.

Revision ID: 0007
Revises: 0006
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "login_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("address", sa.String(length=64), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("window_start", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_attempts")),
        sa.UniqueConstraint("name", "address", name=op.f("uq_login_attempts_name")),
    )
    op.create_index(op.f("ix_login_attempts_window_start"), "login_attempts", ["window_start"])
    op.drop_index(op.f("ix_login_failures_name"), table_name="login_failures")
    op.drop_table("login_failures")

    with op.batch_alter_table("tm_units") as batch:
        batch.add_column(
            sa.Column("desk", sa.String(length=40), nullable=False, server_default="news")
        )
    op.execute(
        "UPDATE tm_units SET desk = (SELECT articles.desk FROM articles"
        " WHERE articles.slug = tm_units.article)"
        " WHERE article IN (SELECT slug FROM articles)"
    )
    with op.batch_alter_table("tm_units") as batch:
        batch.drop_constraint("uq_tm_units_digest", type_="unique")
        batch.create_unique_constraint("uq_tm_units_digest", ["digest", "origin", "desk"])
    op.create_index(op.f("ix_articles_embargoed"), "articles", ["embargoed"])


def downgrade() -> None:
    op.drop_index(op.f("ix_articles_embargoed"), table_name="articles")
    # a pair kept for several desks becomes one unit again (the oldest)
    op.execute(
        "DELETE FROM tm_units WHERE id NOT IN"
        " (SELECT MIN(id) FROM tm_units GROUP BY digest, origin)"
    )
    with op.batch_alter_table("tm_units") as batch:
        batch.drop_constraint("uq_tm_units_digest", type_="unique")
        batch.create_unique_constraint("uq_tm_units_digest", ["digest", "origin"])
        batch.drop_column("desk")
    op.create_table(
        "login_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failures")),
    )
    op.create_index(op.f("ix_login_failures_name"), "login_failures", ["name"])
    op.drop_index(op.f("ix_login_attempts_window_start"), table_name="login_attempts")
    op.drop_table("login_attempts")

"""memory glossary comments assignments

Revision ID: 0003
Revises: 0002

"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mt_cache",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("provider", sa.String(length=40), nullable=False),
        sa.Column("source_lang", sa.String(length=20), nullable=False),
        sa.Column("target_lang", sa.String(length=20), nullable=False),
        sa.Column("digest", sa.String(length=40), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mt_cache")),
        sa.UniqueConstraint(
            "provider", "source_lang", "target_lang", "digest", name=op.f("uq_mt_cache_provider")
        ),
    )
    op.create_table(
        "terms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("source_lang", sa.String(length=20), nullable=False),
        sa.Column("target_lang", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("pos", sa.String(length=40), nullable=True),
        sa.Column("forbidden", sa.JSON(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_terms_updated_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_terms")),
    )
    op.create_table(
        "tm_units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("target", sa.Text(), nullable=False),
        sa.Column("source_lang", sa.String(length=20), nullable=False),
        sa.Column("target_lang", sa.String(length=20), nullable=False),
        sa.Column("origin", sa.String(length=20), nullable=False),
        sa.Column("context", sa.String(length=300), nullable=True),
        sa.Column("article", sa.String(length=200), nullable=True),
        sa.Column("translator", sa.String(length=80), nullable=True),
        sa.Column("approver", sa.String(length=80), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tm_units")),
        sa.UniqueConstraint("digest", "origin", name=op.f("uq_tm_units_digest")),
    )
    op.create_table(
        "comments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_comments_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], name=op.f("fk_comments_user_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_comments")),
    )
    op.create_table(
        "qa_dismissals",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("translation_id", sa.Integer(), nullable=False),
        sa.Column("check_id", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["translation_id"],
            ["translations.id"],
            name=op.f("fk_qa_dismissals_translation_id_translations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_qa_dismissals_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qa_dismissals")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ui_lang", sa.String(length=10), nullable=True))

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("embargoed", sa.Boolean(), server_default=sa.false(), nullable=False)
        )

    with op.batch_alter_table("localizations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("translator_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("reviewer_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("deadline", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_localizations_reviewer_id_users"), "users", ["reviewer_id"], ["id"]
        )
        batch_op.create_foreign_key(
            batch_op.f("fk_localizations_translator_id_users"), "users", ["translator_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("ui_lang")

    with op.batch_alter_table("localizations", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_localizations_translator_id_users"), type_="foreignkey"
        )
        batch_op.drop_constraint(
            batch_op.f("fk_localizations_reviewer_id_users"), type_="foreignkey"
        )
        batch_op.drop_column("deadline")
        batch_op.drop_column("reviewer_id")
        batch_op.drop_column("translator_id")

    with op.batch_alter_table("articles", schema=None) as batch_op:
        batch_op.drop_column("embargoed")

    op.drop_table("qa_dismissals")
    op.drop_table("comments")
    op.drop_table("tm_units")
    op.drop_table("terms")
    op.drop_table("mt_cache")

"""Working together (issue 15): assignments with deadlines, the inbox, e-mail settings,
presence, replace batches (undo as one step), and a batch id on audit entries (bulk acts
shown as one entry).

Revision ID: 0011
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("localization_id", sa.Integer(), nullable=False),
        sa.Column("assignee_id", sa.Integer(), nullable=False),
        sa.Column("assigned_by", sa.Integer(), nullable=True),
        sa.Column("segment_keys", sa.JSON(), nullable=True),
        sa.Column("due", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["localization_id"],
            ["localizations.id"],
            name=op.f("fk_assignments_localization_id_localizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assignee_id"],
            ["users.id"],
            name=op.f("fk_assignments_assignee_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["assigned_by"], ["users.id"], name=op.f("fk_assignments_assigned_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assignments")),
    )
    op.create_index(op.f("ix_assignments_localization_id"), "assignments", ["localization_id"])
    op.create_index(op.f("ix_assignments_assignee_id"), "assignments", ["assignee_id"])

    op.create_table(
        "inbox_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("locale", sa.String(length=20), nullable=True),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("by_id", sa.Integer(), nullable=True),
        sa.Column("text", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_inbox_events_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name=op.f("fk_inbox_events_article_id_articles"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["by_id"], ["users.id"], name=op.f("fk_inbox_events_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbox_events")),
    )
    op.create_index(op.f("ix_inbox_events_user_id"), "inbox_events", ["user_id"])

    op.create_table(
        "notify_settings",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("kinds", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_notify_settings_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("user_id", name=op.f("pk_notify_settings")),
    )

    op.create_table(
        "presence",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("localization_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(length=40), nullable=True),
        sa.Column("typing", sa.Boolean(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_presence_user_id_users"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["localization_id"],
            ["localizations.id"],
            name=op.f("fk_presence_localization_id_localizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presence")),
        sa.UniqueConstraint("user_id", "localization_id", name=op.f("uq_presence_user_id")),
    )
    op.create_index(op.f("ix_presence_seen_at"), "presence", ["seen_at"])

    op.create_table(
        "replace_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("localization_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("find", sa.Text(), nullable=False),
        sa.Column("replace", sa.Text(), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("undone_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["localization_id"],
            ["localizations.id"],
            name=op.f("fk_replace_batches_localization_id_localizations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_replace_batches_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replace_batches")),
    )

    with op.batch_alter_table("audit_log") as batch:
        batch.add_column(sa.Column("batch", sa.String(length=40), nullable=True))
    op.create_index(op.f("ix_audit_log_batch"), "audit_log", ["batch"])


def downgrade() -> None:
    op.drop_index(op.f("ix_audit_log_batch"), table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("batch")
    op.drop_table("replace_batches")
    op.drop_index(op.f("ix_presence_seen_at"), table_name="presence")
    op.drop_table("presence")
    op.drop_table("notify_settings")
    op.drop_index(op.f("ix_inbox_events_user_id"), table_name="inbox_events")
    op.drop_table("inbox_events")
    op.drop_index(op.f("ix_assignments_assignee_id"), table_name="assignments")
    op.drop_index(op.f("ix_assignments_localization_id"), table_name="assignments")
    op.drop_table("assignments")

"""QA overrides hold for the text they were made on; per-desk QA check settings.

``qa_dismissals.text_hash``: the digest of the translation's text when a warning was
dismissed or an error overridden; such a row holds while the text is the same (an approval
changes the version, not the text). Rows without it hold for their version, as before.

``desk_checks``: which checks run on a desk's articles and at which severity (admins choose
in the browser); a check without a row runs at its own severity.

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("qa_dismissals") as batch:
        batch.add_column(sa.Column("text_hash", sa.String(length=64), nullable=True))
    op.create_table(
        "desk_checks",
        sa.Column("desk", sa.String(length=40), nullable=False),
        sa.Column("check_id", sa.String(length=40), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("severity", sa.String(length=10), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["updated_by"], ["users.id"], name=op.f("fk_desk_checks_updated_by_users")
        ),
        sa.PrimaryKeyConstraint("desk", "check_id", name=op.f("pk_desk_checks")),
    )


def downgrade() -> None:
    op.drop_table("desk_checks")
    with op.batch_alter_table("qa_dismissals") as batch:
        batch.drop_column("text_hash")

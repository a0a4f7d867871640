"""The tables, as SQLAlchemy Core metadata; Alembic migrations create them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy import (
    false as sa_false,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as naive UTC, and gives them back aware in UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        assert isinstance(value, datetime)
        return value.replace(tzinfo=UTC)


users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False, unique=True),
    Column("role", String(20), nullable=False),
    Column("password_hash", String(300), nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("ui_lang", String(10)),  # the UI language chosen by the user, else the browser's
    # The desks (newsroom sections) whose articles the user may see, comma-separated;
    # admins see every desk.
    Column("desks", String(400), nullable=False, default="news", server_default="news"),
)

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("slug", String(200), nullable=False, unique=True),
    Column("locale", String(20), nullable=False),
    Column("format", String(40), nullable=False),
    # The original edition's metadata; posted/modified keep their offset as ISO text.
    Column("title", Text, nullable=False),
    Column("subtitle", Text),
    Column("byline", Text),
    Column("posted", String(40)),
    Column("modified", String(40)),
    Column("source_url", Text),
    Column("images", JSON, nullable=False),
    Column("layout", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    # An embargoed story never goes to a machine-translation provider outside the building.
    # Indexed: every memory lookup asks which articles are embargoed (their units are hidden).
    Column(
        "embargoed", Boolean, nullable=False, default=False, server_default=sa_false(), index=True
    ),
    # The desk (newsroom section) that owns the article: only its members see it.
    Column("desk", String(40), nullable=False, default="news", server_default="news"),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(40), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("position", Integer, nullable=False),
    Column("paragraph", Integer),
    Column("sentence", Integer),
    Column("source", Text, nullable=False),
    # The source before the last correction of the original (PO ``#| msgid``).
    Column("previous_source", Text),
    # Removed from the original by a correction; kept for the catalog's history (``#~``).
    Column("obsolete", Boolean, nullable=False, default=False, server_default=sa_false()),
    UniqueConstraint("article_id", "key"),
)

localizations = Table(
    "localizations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("locale", String(20), nullable=False),
    # Metadata of the paired, already published edition (JSON of ArticleMeta), if any.
    Column("target_meta", JSON),
    Column("beads", JSON),
    # The paired edition's body sentences and the indices that start a paragraph.
    Column("target_sentences", JSON),
    Column("target_breaks", JSON),
    # The original changed after this translation was published.
    Column("needs_update", Boolean, nullable=False, default=False, server_default=sa_false()),
    # Assignment: who translates, who reviews, by when.
    Column("translator_id", ForeignKey("users.id")),
    Column("reviewer_id", ForeignKey("users.id")),
    Column("deadline", UTCDateTime),
    Column("revision", Integer, nullable=False, default=0),
    Column("published_revision", Integer),
    Column("published_at", UTCDateTime),
    Column("published_by", ForeignKey("users.id")),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("article_id", "locale"),
)

translations = Table(
    "translations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("localization_id", ForeignKey("localizations.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("text", Text, nullable=False, default=""),
    Column("state", Integer, nullable=False),
    Column("version", Integer, nullable=False, default=0),
    Column("confidence", Float),
    Column("origin", String(20)),
    Column("updated_by", ForeignKey("users.id")),
    Column("updated_at", UTCDateTime),
    Column("approved_by", ForeignKey("users.id")),
    Column("approved_at", UTCDateTime),
    Column("rejected_reason", Text),
    UniqueConstraint("localization_id", "segment_id"),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("translation_id", ForeignKey("translations.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("state", Integer, nullable=False),
    Column("action", String(20), nullable=False),
    Column("user_id", ForeignKey("users.id")),
    Column("note", Text),
    Column("created_at", UTCDateTime, nullable=False),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("user_id", ForeignKey("users.id")),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE")),
    Column("locale", String(20)),
    Column("action", String(40), nullable=False),
    Column("target", String(80)),
    Column("from_state", String(20)),
    Column("to_state", String(20)),
    Column("detail", Text),
    # Entries of one bulk act (approve all, a replace across an article) share a batch id:
    # the log shows them as one entry with the count, to be expanded.
    Column("batch", String(40), index=True),
)

comments = Table(
    "comments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("translation_id", ForeignKey("translations.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", ForeignKey("users.id")),
    Column("body", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

tm_units = Table(
    "tm_units",
    metadata,
    Column("id", Integer, primary_key=True),
    # sha1 of languages, source and target: one unit per pair and origin.
    Column("digest", String(40), nullable=False),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("source_lang", String(20), nullable=False),
    Column("target_lang", String(20), nullable=False),
    Column("origin", String(20), nullable=False),
    Column("context", String(300)),
    Column("article", String(200)),  # slug; a unit outlives its article (and comes from TMX)
    Column("translator", String(80)),
    Column("approver", String(80)),
    Column("created_at", UTCDateTime, nullable=False),
    # The desk of the unit's article (TMX: the desk named at import); lookups are limited
    # to the desks the user sees, so the same pair may be stored once per desk.
    Column("desk", String(40), nullable=False, default="news", server_default="news"),
    UniqueConstraint("digest", "origin", "desk"),
)

# The memory's change log: a removed unit (deleted, its approval withdrawn) gets a row, so
# that every process drops it from its snapshot and tail; ids only grow.
tm_changes = Table(
    "tm_changes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("unit_id", Integer, nullable=False),
    Column("kind", String(20), nullable=False),  # "removed"
    Column("created_at", UTCDateTime, nullable=False),
)

terms = Table(
    "terms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("source_lang", String(20), nullable=False),
    Column("target_lang", String(20), nullable=False),
    Column("note", Text),
    Column("pos", String(40)),
    Column("forbidden", JSON, nullable=False),
    Column("updated_by", ForeignKey("users.id")),
    Column("updated_at", UTCDateTime, nullable=False),
)

qa_dismissals = Table(
    "qa_dismissals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("translation_id", ForeignKey("translations.id", ondelete="CASCADE"), nullable=False),
    Column("check_id", String(40), nullable=False),
    Column("version", Integer, nullable=False),  # a dismissal holds for the text it was made on
    Column("reason", Text, nullable=False),
    Column("user_id", ForeignKey("users.id")),
    Column("created_at", UTCDateTime, nullable=False),
    # The digest of the text it was made on: when set, the dismissal (or the override of an
    # error) holds while the text stays the same, whatever happens to the version (approval).
    Column("text_hash", String(64)),
)

# Which QA checks run on a desk's articles, and at which severity; a check with no row runs
# at its own severity.
desk_checks = Table(
    "desk_checks",
    metadata,
    Column("desk", String(40), primary_key=True),
    Column("check_id", String(40), primary_key=True),
    Column("enabled", Boolean, nullable=False, default=True),
    Column("severity", String(10), nullable=False),
    Column("updated_by", ForeignKey("users.id")),
    Column("updated_at", UTCDateTime, nullable=False),
)

mt_cache = Table(
    "mt_cache",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("provider", String(40), nullable=False),
    Column("source_lang", String(20), nullable=False),
    Column("target_lang", String(20), nullable=False),
    Column("digest", String(40), nullable=False),  # sha1 of the protected source text
    Column("text", Text, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("provider", "source_lang", "target_lang", "digest"),
)

# Login attempts counted for throttling, one row per (name as typed, client address) and
# one per address (name ""), each a counter over a fixed window: counted with one atomic
# upsert before the password is checked, so parallel requests cannot overtake the limit.
login_attempts = Table(
    "login_attempts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(80), nullable=False),  # as typed: unknown names count too
    Column("address", String(64), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("window_start", UTCDateTime, nullable=False, index=True),
    UniqueConstraint("name", "address"),
)

# A browser session: the cookie carries a random id whose SHA-256 is the key, so that
# logging out, disabling a user or changing a password ends sessions on the server.
sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("created_at", UTCDateTime, nullable=False),
    Column("seen_at", UTCDateTime, nullable=False),
)

# Bearer tokens of the JSON API: only the SHA-256 of the secret is stored.
api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(80), nullable=False),
    Column("prefix", String(16), nullable=False),  # shown in lists, to tell tokens apart
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("scopes", String(200), nullable=False),  # space-separated
    Column("created_at", UTCDateTime, nullable=False),
    Column("last_used_at", UTCDateTime),
    Column("revoked_at", UTCDateTime),
)

# Webhooks POSTed on publish, and what became of them.
webhook_deliveries = Table(
    "webhook_deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("event", String(40), nullable=False),
    Column("url", Text, nullable=False),
    Column("payload", Text, nullable=False),
    Column("status", String(20), nullable=False),  # pending, delivered, failed
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("delivered_at", UTCDateTime),
)

# The publication outbox: a publish commits the exact bytes of its files here, in the
# transaction that marks the revision published; the files are written from this row after
# the commit (services/publications.py), and the bytes are dropped once they are in place.
publications = Table(
    "publications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "localization_id",
        ForeignKey("localizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("revision", Integer, nullable=False),
    Column("bundle", LargeBinary),  # the zip; NULL once written
    Column("po", LargeBinary),
    Column("mo", LargeBinary),
    Column("status", String(20), nullable=False, index=True),  # pending, done
    Column("created_at", UTCDateTime, nullable=False),
    Column("completed_at", UTCDateTime),
)

#: One row per archive pair imported (``transdesk archive import``): the content hashes of
#: both files make a second import of the same files a no-op, and the row is written in the
#: same transaction as the article, so a killed import leaves a pair either whole or absent.
archive_items = Table(
    "archive_items",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("ko_sha256", String(64), nullable=False),
    Column("en_sha256", String(64), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("ko_name", String(300), nullable=False),
    Column("en_name", String(300), nullable=False),
    Column("confidence", Float, nullable=False),
    Column("units", Integer, nullable=False),  # memory units the pair added
    Column("review", Boolean, nullable=False),  # a localization was created for review
    Column("created_at", UTCDateTime, nullable=False),
    UniqueConstraint("ko_sha256", "en_sha256"),
)

# Work handed to a person: a whole article × locale (``keys`` NULL) or some of its segments,
# by whom, due when; closed (``done_at``) when the article × locale is published.
assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "localization_id",
        ForeignKey("localizations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("assignee_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("assigned_by", ForeignKey("users.id")),
    Column("segment_keys", JSON),  # segment keys, or NULL for the whole article × locale
    Column("due", UTCDateTime),
    Column("created_at", UTCDateTime, nullable=False),
    Column("done_at", UTCDateTime),
)

# What a person's inbox lists: assigned, rejected (with the reason), a mention in a comment,
# ready for review (editors). ``read_at`` NULL: unread.
inbox_events = Table(
    "inbox_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(20), nullable=False),
    Column("article_id", ForeignKey("articles.id", ondelete="CASCADE")),
    Column("locale", String(20)),
    Column("key", String(40)),
    Column("by_id", ForeignKey("users.id")),
    Column("text", Text),
    Column("created_at", UTCDateTime, nullable=False),
    Column("read_at", UTCDateTime),
)

# A person's e-mail address and the inbox kinds they want by e-mail (comma-separated).
notify_settings = Table(
    "notify_settings",
    metadata,
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(200), nullable=False),
    Column("kinds", String(100), nullable=False),
)

# Who has which article × locale open, in which segment, typing or not; a row older than
# the presence window (30 s) is stale and ignored.
presence = Table(
    "presence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("localization_id", ForeignKey("localizations.id", ondelete="CASCADE"), nullable=False),
    Column("key", String(40)),
    Column("typing", Boolean, nullable=False, default=False),
    Column("seen_at", UTCDateTime, nullable=False, index=True),
    UniqueConstraint("user_id", "localization_id"),
)

# A search and replace across an article × locale: what each changed segment was, so that
# it can be undone as one step.
replace_batches = Table(
    "replace_batches",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("localization_id", ForeignKey("localizations.id", ondelete="CASCADE"), nullable=False),
    Column("user_id", ForeignKey("users.id")),
    Column("find", Text, nullable=False),
    Column("replace", Text, nullable=False),
    # [{"key", "before", "after", "version"}] — version: the one the replace wrote
    Column("changes", JSON, nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
    Column("undone_at", UTCDateTime),
)

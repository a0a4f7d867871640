"""Persistence: SQLAlchemy Core tables, the database handle, and one module per table group.

Every function takes an open connection and returns domain values or frozen records;
services own the transaction (``Database.transaction``) and nothing here commits. The
modules: ``users`` (users, login throttling), ``articles`` (articles, segments, embargo),
``localizations`` (article × locale, the article read with its entries), ``translations``
(translations, revisions, comments), ``audit``, ``queues`` (assignments, queue and
dashboard reads), ``glossary``, ``qa`` (dismissals), ``memory`` (tm units), ``sessions``
(sessions, API tokens), ``webhooks`` (deliveries), ``publications`` (the outbox),
``inbox`` (assignments, inbox events, e-mail choices), ``presence``, ``batches`` (what a
replace changed, for its undo). They
import ``tables`` and, downwards only, each other (``localizations`` reads ``articles``,
which reads ``users``); callers import them by name: ``from workflow.store import
translations``.
"""

from workflow.store.db import Database

__all__ = ["Database"]

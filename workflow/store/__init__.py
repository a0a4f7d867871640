"""Persistence: SQLAlchemy Core tables, the database handle and repositories."""

from workflow.store.db import Database

__all__ = ["Database"]

"""Rows in and out: a frozen record filled from a row's columns of the same names, and the id
of an inserted row.

For the store's small reads; the reads that return thousands of rows at a time (a
pairing's translations, an article's entries, the memory's units) build theirs by hand.
"""

from __future__ import annotations

from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import Connection, Insert, Row

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

R = TypeVar("R", bound="DataclassInstance")


def record(cls: type[R], row: Row[*tuple[Any, ...]], **values: Any) -> R:
    """``cls`` with every field from ``row``'s column (or label) of the same name, except
    those given in ``values`` (converted ones: a state as its enum, JSON as values)."""
    columns = row._mapping
    return cls(
        **{f.name: values[f.name] if f.name in values else columns[f.name] for f in fields(cls)}
    )


def inserted_id(conn: Connection, statement: Insert) -> int:
    """Run an ``INSERT`` of one row and return the new row's id."""
    key = conn.execute(statement).inserted_primary_key
    assert key is not None
    return int(key[0])

"""Values from forms, query strings and JSON bodies: a bad one is a BadInput naming its field."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from werkzeug.datastructures import FileStorage

from workflow import services
from workflow.errors import BadInput, Message


def optional_number(value: object, field: str) -> int | None:
    """``value`` as an int; None when missing or empty."""
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    try:
        return int(str(value))
    except ValueError:
        raise BadInput(
            "%(field_name)s must be a number, not %(value)r",
            field_name=field,
            value=value,
            field=field,
        ) from None


def number(value: object, field: str) -> int:
    """``value`` as an int; a missing one is refused like a bad one."""
    n = optional_number(value, field)
    if n is None:
        raise BadInput(
            "%(field_name)s must be a number, not %(value)r",
            field_name=field,
            value=value,
            field=field,
        )
    return n


def audit_filters(args: Mapping[str, str]) -> dict[str, Any]:
    """The audit log's filters from a query string (the page and its CSV share them)."""
    return {
        "article": args.get("article") or None,
        "person": args.get("user") or None,
        "action": args.get("action") or None,
        "since": services.parse_day(args.get("since"), field="since"),
        "until": services.parse_day(args.get("until"), field="until"),
    }


def uploaded_file(files: Mapping[str, FileStorage], missing: Message) -> FileStorage:
    """The form's ``file``; a BadInput saying ``missing`` when none was chosen."""
    file = files.get("file")
    if file is None or not file.filename:
        raise BadInput(missing, field="file")
    return file

"""JSON articles (``json``): one object with the article's fields.

``{"title": str, "body": [paragraph, …] | "text with blank lines", "subtitle": str,
"posted": ISO-8601, "modified": ISO-8601, "byline": str, "images": ["[%%IMAGE1%%]", …],
"source_url" (or "url"): str}``. ``title`` and ``body`` are required; naive datetimes are
KST; any other key is an error naming it, so a misspelt field is never silently lost. An
image may also be given as ``{"placeholder": "[%%IMAGE1%%]", "src": "https://…",
"caption": str, "alt": str}``: the bundle then shows it as a figure with its caption.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from workflow.errors import BadInput, ImportFailed
from workflow.importers.base import (
    CONTROL_RE,
    SURROGATE_RE,
    Importer,
    build_article,
    checked_url,
    is_placeholder,
    parse_iso,
)
from workflow.model import Figure, ParsedArticle

REQUIRED = ("title", "body")
OPTIONAL = ("subtitle", "posted", "modified", "byline", "images", "source_url", "url")
_PARAGRAPH_BREAK_RE = re.compile(r"\n[ \t\u00a0]*\n")


class JsonImporter(Importer):
    """Reads a JSON article; see the module docstring for the fields."""

    id = "json"
    name = "JSON"

    def sniff_text(self, text: str) -> float:
        """1.0 when the text is a JSON object."""
        if not text.lstrip().startswith("{"):
            return 0.0
        try:
            return 1.0 if isinstance(json.loads(text), dict) else 0.0
        except (ValueError, RecursionError):  # RecursionError: nested too deep
            return 0.0

    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Parse a JSON article; a missing, unknown or mistyped field raises BadInput."""
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ImportFailed(
                "not valid JSON: %(msg)s", msg=e.msg, source=source, line=e.lineno
            ) from None
        except RecursionError:
            raise ImportFailed("not valid JSON: nested too deep", source=source) from None
        except ValueError:  # an integer of more than 4300 digits
            raise ImportFailed("not valid JSON: a number too long", source=source) from None
        if not isinstance(data, dict):
            raise ImportFailed("expected a JSON object", source=source)
        for key in data:
            if key not in REQUIRED and key not in OPTIONAL:
                known = ", ".join(REQUIRED + OPTIONAL)
                raise BadInput(
                    "unknown field; known: %(known)s", known=known, source=source, field=key
                )
        for key in REQUIRED:
            if data.get(key) in (None, "", []):
                raise BadInput("required field is missing", source=source, field=key)
        images = data.get("images")
        figures: list[Figure] = []
        if images is not None:
            if not isinstance(images, list):
                raise BadInput("expected a list of placeholders", source=source, field="images")
            for i, image in enumerate(images):
                if isinstance(image, dict):
                    figures.append(_figure(image, source, f"images[{i}]"))
                    images[i] = figures[-1].placeholder
                elif not isinstance(image, str) or not is_placeholder(image):
                    raise BadInput(
                        "expected a placeholder like '[%%IMAGE1%%]'",
                        source=source,
                        field=f"images[{i}]",
                    )
        return build_article(
            fmt=self.id,
            source=source,
            title=_string(data, "title", source) or "",
            subtitle=_string(data, "subtitle", source),
            posted=_time(data, "posted", source),
            modified=_time(data, "modified", source),
            byline=_string(data, "byline", source),
            images=[i.strip() for i in images] if images is not None else None,
            source_url=_url(data, source),
            blocks=_body(data["body"], source),
            figures=figures,
        )


def _string(data: dict[str, Any], key: str, source: str) -> str | None:
    """A string field, stripped, or None when absent; BadInput when not a string."""
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadInput(
            "expected a string, got %(type_name)s",
            type_name=type(value).__name__,
            source=source,
            field=key,
        )
    return _checked(value, source, key).strip() or None


def _url(data: dict[str, Any], source: str) -> str | None:
    """``source_url`` (or ``url``), an http(s) link; BadInput naming the field otherwise."""
    for key in ("source_url", "url"):
        if value := _string(data, key, source):
            return checked_url(value, source=source, field=key)
    return None


def _checked(value: str, source: str, field: str) -> str:
    """``value`` unless an escape put a control character or a lone surrogate in it."""
    if bad := CONTROL_RE.search(value) or SURROGATE_RE.search(value):
        raise BadInput(
            "character U+%(code)s is not text (an escape in the JSON string)",
            code=format(ord(bad[0]), "04X"),
            source=source,
            field=field,
        )
    return value


def _time(data: dict[str, Any], key: str, source: str) -> datetime | None:
    """An ISO-8601 field as an aware datetime (naive is KST)."""
    value = _string(data, key, source)
    if value is None:
        return None
    try:
        return parse_iso(value)
    except ValueError:
        raise BadInput(
            "unparseable date %(value)r", value=value, source=source, field=key
        ) from None


def _body(body: object, source: str) -> list[str]:
    """The body's paragraphs from a list of strings or one text with blank lines."""
    if isinstance(body, str):
        _checked(body, source, "body")
        return [p.strip() for p in _PARAGRAPH_BREAK_RE.split(body) if p.strip()]
    if isinstance(body, list):
        for i, paragraph in enumerate(body):
            if not isinstance(paragraph, str):
                raise BadInput("expected a string", source=source, field=f"body[{i}]")
            _checked(paragraph, source, f"body[{i}]")
        return [p.strip() for p in body if p.strip()]
    raise BadInput("expected a list of paragraphs or a text", source=source, field="body")


_FIGURE_FIELDS = ("placeholder", "src", "caption", "alt")


def _figure(image: dict[str, Any], source: str, field: str) -> Figure:
    """An image given as ``{"placeholder", "src", "caption", "alt"}`` (only the first needed)."""
    for key, value in image.items():
        if key not in _FIGURE_FIELDS:
            known = ", ".join(_FIGURE_FIELDS)
            raise BadInput(
                "unknown field; known: %(known)s",
                known=known,
                source=source,
                field=f"{field}.{key}",
            )
        if value is not None and not isinstance(value, str):
            raise BadInput("expected a string", source=source, field=f"{field}.{key}")
    placeholder = (image.get("placeholder") or "").strip()
    if not is_placeholder(placeholder):
        raise BadInput(
            "expected a placeholder like '[%%IMAGE1%%]'",
            source=source,
            field=f"{field}.placeholder",
        )
    src = checked_url(image.get("src"), source=source, field=f"{field}.src")
    caption, alt = ((image.get(k) or "").strip() or None for k in ("caption", "alt"))
    return Figure(placeholder=placeholder, src=src, caption=caption, alt=alt)

"""The OpenAPI description of the working-together routes (``web/api_collab.py``), and the
whole document served at ``/api/openapi.json``: ``web/openapi.py``'s with these merged in."""

from __future__ import annotations

from typing import Any

from web import openapi
from web.openapi import _error, _ok, _op


def document() -> dict[str, Any]:
    """The whole OpenAPI document: the CMS's routes and those of working together."""
    doc = openapi.document()
    doc["paths"] |= paths()
    doc["components"]["schemas"] |= schemas()
    return doc


def paths() -> dict[str, Any]:
    return {
        "/api/v1/inbox": {
            "get": _op(
                "The token owner's inbox, newest first (?unread=1: only unread)",
                "work",
                {"200": _ok("the inbox", "Inbox")},
            ),
        },
        "/api/v1/inbox/read": {
            "post": _op(
                "Mark inbox items read (or unread with read=false); ids null: all",
                "work",
                {"200": _ok("how many changed", "Changed"), "404": _error("not your item")},
                body="MarkRead",
            ),
        },
        "/api/v1/assignments": {
            "get": _op(
                "The token owner's open assignments, soonest due first",
                "work",
                {"200": _ok("the assignments", "Assignments")},
            ),
            "post": _op(
                "Assign articles × a locale, or segments of one, to a person (editors)",
                "work",
                {
                    "201": _ok("assigned; the person is told in their inbox", "Assignments"),
                    "400": _error("no such person, segment or time; the field is named"),
                    "404": _error("no such article"),
                },
                body="Assign",
            ),
        },
        "/api/v1/articles/{ref}/{locale}/assignments": {
            "get": _op(
                "The open assignments of an article × locale",
                "work",
                {"200": _ok("the assignments", "Assignments"), "404": _error("not found")},
                params=("ref", "locale"),
            ),
        },
        "/api/v1/people": {
            "get": _op(
                "The desk's active people with their open assignments (?article=ref: those "
                "who may work on it)",
                "work",
                {"200": _ok("the people", "People")},
            ),
        },
    }


def _list_of(name: str) -> dict[str, Any]:
    return {"type": "array", "items": {"$ref": f"#/components/schemas/{name}"}}


def schemas() -> dict[str, Any]:
    nullable = {"type": ["string", "null"]}
    event = {
        "type": "object",
        "required": ["id", "kind", "article", "locale", "key", "by", "text", "created_at", "read"],
        "properties": {
            "id": {"type": "integer"},
            "kind": {"type": "string", "enum": ["assigned", "rejected", "mention", "ready"]},
            "article": nullable,
            "locale": nullable,
            "key": nullable,
            "by": nullable,
            "text": nullable,
            "created_at": {"type": "string", "format": "date-time"},
            "read": {"type": "boolean"},
        },
    }
    assignment = {
        "type": "object",
        "required": ["id", "article", "locale", "to", "keys", "due"],
        "properties": {
            "id": {"type": "integer"},
            "article": {"type": "string"},
            "locale": {"type": "string"},
            "to": {"type": "string"},
            "by": nullable,
            "keys": {"type": ["array", "null"], "items": {"type": "string"}},
            "due": {"type": ["string", "null"], "format": "date-time"},
            "created_at": {"type": "string", "format": "date-time"},
        },
    }
    return {
        "InboxEvent": event,
        "Inbox": {
            "type": "object",
            "properties": {
                "items": {"type": "array", "items": {"$ref": "#/components/schemas/InboxEvent"}}
            },
        },
        "MarkRead": {
            "type": "object",
            "properties": {
                "ids": {"type": ["array", "null"], "items": {"type": "integer"}},
                "read": {"type": "boolean", "default": True},
            },
        },
        "Changed": {"type": "object", "properties": {"changed": {"type": "integer"}}},
        "Assignment": assignment,
        "Assignments": {
            "type": "object",
            "properties": {
                "assignments": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/Assignment"},
                }
            },
        },
        "Assign": {
            "type": "object",
            "required": ["articles", "locale", "to"],
            "properties": {
                "articles": {"type": "array", "items": {"type": "string"}, "minItems": 1},
                "locale": {"type": "string", "examples": ["en"]},
                "to": {"type": "string", "description": "the person's user name"},
                "keys": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "segment keys (one article only); none: the whole article",
                },
                "due": {
                    "type": "string",
                    "description": "YYYY-MM-DDTHH:MM in newsroom time (KST), or with an offset",
                    "examples": ["2026-12-05T18:00"],
                },
            },
        },
        "People": {
            "type": "object",
            "properties": {
                "people": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "name": {"type": "string"},
                            "role": {"type": "string"},
                            "desks": {"type": "array", "items": {"type": "string"}},
                            "load": {"type": "integer"},
                        },
                    },
                }
            },
        },
    }

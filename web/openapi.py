"""The OpenAPI 3.1 description of the JSON API (served at ``/api/openapi.json``)."""

from __future__ import annotations

from typing import Any

from workflow.services.tokens import SCOPES


def _schema(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _ok(description: str, schema: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": _schema(schema)}},
    }


def _error(description: str) -> dict[str, Any]:
    return _ok(description, "Error")


def _op(
    summary: str,
    scope: str,
    responses: dict[str, Any],
    *,
    params: tuple[str, ...] = (),
    body: str | None = None,
) -> dict[str, Any]:
    op: dict[str, Any] = {
        "summary": summary,
        "security": [{"bearer": [scope]}],
        "parameters": [{"$ref": f"#/components/parameters/{p}"} for p in params],
        "responses": responses
        | {
            "401": _error("no token, or an invalid, expired or revoked one"),
            "403": _error("the token lacks the scope, or its owner the role or desk"),
        },
    }
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{body}"}}},
        }
    return op


def document() -> dict[str, Any]:
    ref_locale = ("ref", "locale")
    counts = {"type": "object", "additionalProperties": {"type": "integer"}}
    translation = {
        "type": "object",
        "required": ["locale", "state"],
        "properties": {
            "locale": {"type": "string", "examples": ["en"]},
            "state": {
                "type": "string",
                "enum": [
                    "draft",
                    "translating",
                    "in_review",
                    "approved",
                    "published",
                    "needs_update",
                ],
            },
            "revision": {"type": "integer"},
            "published_at": {"type": ["string", "null"], "format": "date-time"},
            "segments": {"type": "integer"},
            "counts": counts,
        },
    }
    article = {
        "type": "object",
        "required": ["id", "slug", "locale", "title"],
        "properties": {
            "id": {"type": "integer"},
            "slug": {"type": "string"},
            "locale": {"type": "string", "examples": ["ko"]},
            "desk": {"type": "string", "examples": ["news"]},
            "title": {"type": "string"},
            "embargoed": {"type": "boolean"},
            "translations": {
                "type": "array",
                "items": {"$ref": "#/components/schemas/Translation"},
            },
        },
    }
    upload = {
        "type": "object",
        "required": ["content", "locale"],
        "properties": {
            "content": {"type": "string", "description": "the article file's text"},
            "filename": {
                "type": "string",
                "description": "its file name; the extension tells the format",
                "examples": ["hani-ko-689058.txt"],
            },
            "format": {"type": "string", "enum": ["hani-text", "html", "markdown", "json"]},
            "locale": {"type": "string", "examples": ["ko"]},
        },
    }
    original = {
        "allOf": [
            {"$ref": "#/components/schemas/Upload"},
            {
                "type": "object",
                "properties": {"slug": {"type": "string"}, "desk": {"type": "string"}},
            },
        ]
    }
    pairing = {
        "type": "object",
        "properties": {
            "article": {"type": "string"},
            "locale": {"type": "string"},
            "beads": {"type": "integer"},
            "flagged_for_review": {"type": "integer"},
            "prefilled": {"type": "integer"},
            "kept": {"type": "integer"},
            "evidence": {
                "type": "object",
                "description": "what the aligner weighed beyond the two texts",
                "properties": {
                    "glossary_terms": {"type": "integer"},
                    "memory_matches": {"type": "integer"},
                    "machine_translations": {"type": "integer"},
                    "machine_translation_error": {"type": ["string", "null"]},
                },
            },
        },
    }
    pair_upload = {
        "allOf": [
            {"$ref": "#/components/schemas/Upload"},
            {
                "type": "object",
                "properties": {
                    "mt_provider": {
                        "type": "string",
                        "description": "a configured MT provider whose translation of each "
                        "Korean sentence the aligner compares with the English",
                    }
                },
            },
        ]
    }
    zip_file = {
        "description": "the bundle: HTML, JSON, Markdown, PO, MO, TMX and a manifest",
        "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
    }
    po_file = {
        "description": "the gettext catalog",
        "content": {"text/x-gettext-translation": {"schema": {"type": "string"}}},
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "transdesk API",
            "version": "1",
            "description": "Import originals, pair published translations, follow their state, "
            "publish and download bundles. Tokens act as their owner: roles, desks, four-eyes "
            "and the publish gate apply as in the browser.",
        },
        "servers": [{"url": "/"}],
        "paths": {
            "/api/v1/articles": {
                "get": _op(
                    "Articles the token's owner may see, with their translations' states",
                    "articles:read",
                    {"200": _ok("the articles", "ArticleList")},
                ),
                "post": _op(
                    "Import an original article",
                    "articles:write",
                    {
                        "201": _ok("imported; Location names the new article", "Article"),
                        "400": _error("a bad file or field: the message says what and where"),
                    },
                    body="Original",
                ),
            },
            "/api/v1/articles/{ref}": {
                "get": _op(
                    "An article and the state of each translation",
                    "articles:read",
                    {"200": _ok("the article", "Article"), "404": _error("no such article")},
                    params=("ref",),
                ),
            },
            "/api/v1/articles/{ref}/translations": {
                "post": _op(
                    "Pair an already published translation: segmented, aligned, pre-filled",
                    "articles:write",
                    {
                        "201": _ok("paired", "Pairing"),
                        "400": _error("a bad file or field"),
                        "404": _error("no such article"),
                    },
                    params=("ref",),
                    body="PairUpload",
                ),
            },
            "/api/v1/articles/{ref}/{locale}": {
                "get": _op(
                    "The state of one translation",
                    "articles:read",
                    {"200": _ok("the translation", "Article"), "404": _error("not found")},
                    params=ref_locale,
                ),
            },
            "/api/v1/articles/{ref}/{locale}/publish": {
                "post": _op(
                    "Publish: every segment approved by someone other than its translator, "
                    "no QA error; the webhook is sent",
                    "articles:publish",
                    {
                        "200": _ok("published", "Article"),
                        "404": _error("not found"),
                        "409": _error("not every segment is approved, QA errors, or published"),
                    },
                    params=ref_locale,
                ),
            },
            "/api/v1/articles/{ref}/{locale}/bundle.zip": {
                "get": _op(
                    "The published bundle (byte-identical on every download)",
                    "articles:read",
                    {"200": zip_file, "404": _error("not found"), "409": _error("not published")},
                    params=ref_locale,
                ),
            },
            "/api/v1/articles/{ref}/{locale}/catalog.po": {
                "get": _op(
                    "The PO catalog, in whatever state",
                    "articles:read",
                    {"200": po_file, "404": _error("not found")},
                    params=ref_locale,
                ),
            },
        },
        "webhooks": {
            "translation.published": {
                "post": {
                    "summary": "Sent to TRANSDESK_WEBHOOK_URL when a translation is published",
                    "description": "Header X-Transdesk-Signature: t=<unix>,v1=<hex HMAC-SHA256 "
                    "of '<t>.<body>' with TRANSDESK_WEBHOOK_SECRET>; refuse old t.",
                    "requestBody": {
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Event"}}
                        }
                    },
                    "responses": {"2XX": {"description": "received; other answers are retried"}},
                }
            }
        },
        "components": {
            "securitySchemes": {
                "bearer": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "Scopes: "
                    + "; ".join(f"{name} — {what}" for name, what in SCOPES.items()),
                }
            },
            "parameters": {
                "ref": {
                    "name": "ref",
                    "in": "path",
                    "required": True,
                    "description": "the article's slug or id",
                    "schema": {"type": "string"},
                },
                "locale": {
                    "name": "locale",
                    "in": "path",
                    "required": True,
                    "description": "the target locale",
                    "schema": {"type": "string", "examples": ["en"]},
                },
            },
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error", "message"],
                    "properties": {"error": {"type": "string"}, "message": {"type": "string"}},
                },
                "Translation": translation,
                "Article": article,
                "ArticleList": {
                    "type": "object",
                    "properties": {
                        "articles": {
                            "type": "array",
                            "items": {"$ref": "#/components/schemas/Article"},
                        }
                    },
                },
                "Upload": upload,
                "Original": original,
                "Pairing": pairing,
                "PairUpload": pair_upload,
                "Event": {
                    "type": "object",
                    "required": ["event", "delivery", "created", "data"],
                    "properties": {
                        "event": {"type": "string", "const": "translation.published"},
                        "delivery": {"type": "integer"},
                        "created": {"type": "string", "format": "date-time"},
                        "data": {"type": "object"},
                    },
                },
            },
        },
    }

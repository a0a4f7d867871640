"""Webhooks: what the CMS is sent when a translation is published, and how it is signed.

Each request carries ``X-Transdesk-Signature: t=<unix time>,v1=<hex>`` where ``v1`` is
HMAC-SHA256 over ``"<t>.<body>"`` with the shared secret (``TRANSDESK_WEBHOOK_SECRET``):
the receiver recomputes it, compares in constant time and refuses a ``t`` too far from
its clock (no replays). Redirects are never followed and the URL passes the SSRF rules
of :mod:`workflow.security.netpolicy` before every attempt.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import requests

from workflow.security.netpolicy import DestinationRefused, check_url

SIGNATURE_HEADER = "X-Transdesk-Signature"
TIMEOUT = 10.0
#: A receiver should refuse signatures older than this (seconds).
TOLERANCE = 300


@dataclass(frozen=True)
class Attempt:
    """What one delivery attempt gave: ``ok`` on a 2xx answer."""

    ok: bool
    status: int | None
    error: str | None


def payload(event: str, data: Mapping[str, Any], *, delivery_id: int, now: datetime) -> bytes:
    """The request body: compact, sorted JSON (the bytes that are signed)."""
    body = {"event": event, "delivery": delivery_id, "created": now.isoformat(), "data": data}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={mac.hexdigest()}"


def verify(secret: str, header: str, body: bytes, *, now: int, tolerance: int = TOLERANCE) -> bool:
    """What a receiver does (and what the tests do): True for a fresh, matching signature."""
    try:
        parts = dict(item.split("=", 1) for item in header.split(","))
        timestamp = int(parts["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), f"t={timestamp},v1={parts.get('v1')}")


def post(
    url: str,
    body: bytes,
    *,
    secret: str,
    event: str,
    delivery_id: int,
    now: int,
    allowed: Iterable[str] = (),
    timeout: float = TIMEOUT,
) -> Attempt:
    """One signed POST; never raises for network trouble, it reports it."""
    try:
        check_url(url, allowed, field="TRANSDESK_WEBHOOK_URL")
    except DestinationRefused as refused:
        return Attempt(ok=False, status=None, error=refused.message)
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "transdesk-webhook/1",
        "X-Transdesk-Event": event,
        "X-Transdesk-Delivery": str(delivery_id),
        SIGNATURE_HEADER: sign(secret, now, body),
    }
    try:
        response = requests.post(
            url, data=body, headers=headers, timeout=timeout, allow_redirects=False
        )
    except requests.RequestException as exc:
        return Attempt(ok=False, status=None, error=f"{type(exc).__name__}: cannot reach {url}")
    if 200 <= response.status_code < 300:
        return Attempt(ok=True, status=response.status_code, error=None)
    return Attempt(
        ok=False, status=response.status_code, error=f"the receiver answered {response.status_code}"
    )

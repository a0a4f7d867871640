"""Where the server may send requests (SSRF rules): machine translation and webhooks.

URLs come only from server settings, never from a request. Even so, a URL must be http(s)
and every address its host resolves to must be public — not loopback, private, link-local
(cloud metadata at 169.254.169.254), multicast, reserved or unspecified — unless the
operator allows that host or network in ``TRANSDESK_ALLOW_PRIVATE_URLS`` (a self-hosted
LibreTranslate at ``10.0.0.5``, a CMS on the newsroom network, tests on ``127.0.0.1``).
The check runs when the settings are read (literal addresses) and again before every
request (names are resolved then, so a name that later points inside is refused too).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Iterable
from urllib.parse import urlsplit

from workflow.errors import BadInput

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Resolver = Callable[[str, int], list[str]]


class DestinationRefused(BadInput):
    """A URL the server may not call."""


def parse_allowed(raw: str, variable: str = "TRANSDESK_ALLOW_PRIVATE_URLS") -> tuple[str, ...]:
    """``"127.0.0.1, 10.0.0.0/8, mt.newsroom.internal"`` → checked entries."""
    entries = tuple(part.strip().lower() for part in raw.split(",") if part.strip())
    for entry in entries:
        if "/" in entry:
            try:
                ipaddress.ip_network(entry, strict=False)
            except ValueError:
                raise BadInput("%(entry)r is not a network", entry=entry, field=variable) from None
    return entries


def _resolve(host: str, port: int) -> list[str]:
    infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


def _literal(host: str) -> Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


def _public(address: Address) -> bool:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return _public(address.ipv4_mapped)
    return address.is_global and not address.is_multicast


def _allowed(host: str, address: Address, allowed: Iterable[str]) -> bool:
    for entry in allowed:
        if entry == host:
            return True
        if "/" in entry:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        elif _literal(entry) == address:
            return True
    return False


def check_url(
    url: str,
    allowed: Iterable[str] = (),
    *,
    field: str = "url",
    resolve: bool = True,
    resolver: Resolver = _resolve,
) -> None:
    """Raise :class:`DestinationRefused` unless ``url`` may be called.

    With ``resolve=False`` only literal addresses and ``localhost`` are judged (at start-up,
    when the name server may not answer yet); names are judged on each call.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DestinationRefused("%(url)r is not an http(s) URL", url=url, field=field)
    if parts.username or parts.password:
        raise DestinationRefused("URLs with credentials in them are refused", field=field)
    host = parts.hostname.lower()
    allowed = tuple(allowed)
    literal = _literal(host)
    if literal is not None:
        addresses = [literal]
    elif host == "localhost" or host.endswith(".localhost"):
        addresses = [ipaddress.ip_address("127.0.0.1")]
    elif not resolve:
        return
    else:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in resolver(host, port)]
        except (OSError, ValueError):
            raise DestinationRefused("cannot resolve %(host)r", host=host, field=field) from None
    for address in addresses:
        if not _public(address) and not _allowed(host, address, allowed):
            where = host if literal is not None else f"{host} ({address})"
            raise DestinationRefused(
                "%(where)s is a private or local address; allow it in "
                "TRANSDESK_ALLOW_PRIVATE_URLS if it is meant",
                where=where,
                field=field,
            )

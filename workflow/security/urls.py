"""Links to web pages that articles carry (``source_url``): checked at import, encoded on export.

An article's URL comes from a file someone imports and ends up in the exported HTML,
Markdown and JSON, which a CMS renders for readers. So a URL is accepted only when it is
plainly a web address — ``http``/``https``, a host, no user name or password, no
whitespace, control, format or markup characters (``< > " ` \\``), at most
``MAX_URL_CHARS`` characters — and every export writes it percent-encoded
(``export_url``), so that no character of it can end a Markdown autolink, an HTML
attribute or a JSON consumer's link syntax. Non-ASCII paths (``/검색``) are fine and come
out as UTF-8 percent escapes; non-ASCII host names as IDNA (``xn--…``).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote, urlsplit, urlunsplit

from workflow.errors import Message

#: Longer than any article address; browsers and CMSs cut URLs around 2,000 characters.
MAX_URL_CHARS = 2048

# Characters a URL cannot hold as they are (RFC 3986) and that are markup somewhere.
_MARKUP = frozenset('<>"`\\')
# Unicode categories of invisible or layout characters: controls, format (bidi overrides,
# zero-width), surrogates, private use, unassigned, and every kind of space or line break.
_INVISIBLE = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"})
# What may stay literal in an exported path, query or fragment: RFC 3986's unreserved and
# reserved characters less those that are syntax in Markdown or HTML (' ( ) * [ ]).
_SAFE_PATH = "-._~!$&+,;=:@/%"
_SAFE_QUERY = _SAFE_PATH + "?"
_STRAY_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")


def url_problem(url: str) -> str | None:
    """Why ``url`` is not an acceptable article link, or None when it is."""
    if len(url) > MAX_URL_CHARS:
        return Message(
            "the URL has %(n_url)s characters, the limit is %(MAX_URL_CHARS)s",
            n_url=format(len(url), ","),
            MAX_URL_CHARS=format(MAX_URL_CHARS, ","),
        )
    for ch in url:
        if ch.isspace() or unicodedata.category(ch) in _INVISIBLE:
            return Message(
                "a URL cannot hold whitespace or control characters (U+%(code)s)",
                code=format(ord(ch), "04X"),
            )
        if ch in _MARKUP:
            return Message("a URL cannot hold the character %(ch)r (percent-encode it)", ch=ch)
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number from 0 to 65535 raises ValueError
    except ValueError as e:
        return Message("not a URL: %(e)s", e=e)
    if parts.scheme.lower() not in ("http", "https"):
        return Message("only http:// and https:// links are accepted")
    if not parts.hostname:
        return Message("the URL has no host name (expected https://host/…)")
    if parts.username is not None or parts.password is not None:
        return Message("a URL cannot carry a user name or password")
    if _ascii_host(parts.hostname) is None:
        return Message("not a valid host name: %(hostname)r", hostname=parts.hostname)
    return None


def export_url(url: str | None) -> str | None:
    """``url`` percent-encoded for any export, or None when it is not an acceptable link.

    The result holds only ASCII letters, digits and ``-._~!$&+,;=:@/%?#``, so it can be
    written into a Markdown autolink, a double-quoted HTML attribute (after ``&`` is
    escaped) or JSON without changing their syntax. Escapes already in the URL are kept.
    """
    if not url or url_problem(url) is not None:
        return None
    parts = urlsplit(url)
    host = _ascii_host(parts.hostname or "")
    if host is None:  # pragma: no cover - url_problem refused it
        return None
    netloc = f"[{host}]" if ":" in host else host
    if parts.port is not None:
        netloc += f":{parts.port}"
    return urlunsplit(
        (
            parts.scheme.lower(),
            netloc,
            _encode(parts.path or "/", _SAFE_PATH),
            _encode(parts.query, _SAFE_QUERY),
            _encode(parts.fragment, _SAFE_QUERY),
        )
    )


def _encode(part: str, safe: str) -> str:
    return quote(_STRAY_PERCENT.sub("%25", part), safe=safe)


def _ascii_host(host: str) -> str | None:
    """The host in ASCII (IDNA for non-ASCII names), lower case; None when it cannot be."""
    if host.isascii():
        return host.lower() if re.fullmatch(r"[A-Za-z0-9.\-_:]+", host) else None
    try:
        return host.encode("idna").decode("ascii").lower()
    except UnicodeError:
        return None

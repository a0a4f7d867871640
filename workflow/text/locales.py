"""Locale codes validated and described with Babel's CLDR data.

Every locale code that enters the domain goes through :func:`parse_locale`, which
returns Babel's canonical identifier (``en-US`` → ``en_US``, ``zh-TW`` →
``zh_Hant_TW``). The other helpers take such canonical identifiers.
"""

from __future__ import annotations

from collections.abc import Sequence

from babel import Locale, UnknownLocaleError
from babel.messages.plurals import get_plural

from workflow.errors import UnknownLocale

# Babel resolves these to a default locale ("und" → en_US); as input they mean "no locale".
_NOT_A_LOCALE = frozenset({"und", "root"})


def _locale(code: str) -> Locale:
    if not isinstance(code, str) or not code.strip():
        raise UnknownLocale("unknown locale %(code)r", code=code)
    cleaned = code.strip().replace("-", "_")
    if cleaned.split("_", 1)[0].lower() in _NOT_A_LOCALE:
        raise UnknownLocale("unknown locale %(code)r", code=code)
    try:
        return Locale.parse(cleaned)
    except (UnknownLocaleError, ValueError, TypeError):
        raise UnknownLocale("unknown locale %(code)r", code=code) from None


def parse_locale(code: str) -> str:
    """Validate ``code`` and return Babel's canonical identifier (``en-US`` → ``en_US``).

    Raises :class:`~workflow.errors.UnknownLocale` ("unknown locale 'xx'") for codes
    that Babel does not know, empty codes and ``und``.
    """
    return str(_locale(code))


def bcp47(locale: str) -> str:
    """The BCP 47 tag for HTML ``lang`` and ``hreflang`` attributes: ``en_US`` → ``en-US``."""
    return str(_locale(locale)).replace("_", "-")


def plural_forms(locale: str) -> str:
    """The PO ``Plural-Forms`` header value from CLDR: ``nplurals=1; plural=0;`` for ``ko``."""
    return str(get_plural(_locale(locale)))


def language_name(locale: str, in_locale: str = "en") -> str:
    """The display name of ``locale`` in ``in_locale``: ``language_name("ko")`` → ``Korean``."""
    name = _locale(locale).get_display_name(_locale(in_locale))
    return name if name else str(_locale(locale))


def language_of(locale: str) -> str:
    """The language subtag of a canonical identifier: ``ko_KP`` → ``ko``."""
    return str(_locale(locale).language)


def target_locale(code: str, *, allowed: Sequence[str], source: str) -> str:
    """``code`` as a target locale for an original in ``source``: canonical, one of
    ``allowed`` (the settings' ``TRANSDESK_TARGET_LOCALES``) and not the original's
    language nor a variant of it (``ko_KP`` for a ``ko`` original).

    Raises :class:`~workflow.errors.UnknownLocale` naming the locale and the allowed ones.
    """
    lang = parse_locale(code)
    if language_of(lang) == language_of(source):
        raise UnknownLocale(
            "%(lang)r is the original's language (%(src)r), not a target locale; "
            "target locales: %(allowed)s",
            lang=lang,
            src=source,
            allowed=", ".join(allowed),
            field="locale",
        )
    if lang not in allowed:
        raise UnknownLocale(
            "%(lang)r is not a target locale here; target locales: "
            "%(allowed)s (TRANSDESK_TARGET_LOCALES)",
            lang=lang,
            allowed=", ".join(allowed),
            field="locale",
        )
    return lang

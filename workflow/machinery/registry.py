"""The providers transdesk knows, and the enabled set read from ``TRANSDESK_MT_*`` variables.

Variables (``<ID>`` is the provider id in capitals, e.g. ``DEEPL``, ``LIBRETRANSLATE``):

``TRANSDESK_MT_PROVIDERS``         comma list of enabled ids, in order of preference
``TRANSDESK_MT_TIMEOUT``           seconds per call, default 10
``TRANSDESK_MT_<ID>_KEY``          API key (DeepL, Papago as ``CLIENT_ID:SECRET``, Microsoft;
                                   optional for LibreTranslate)
``TRANSDESK_MT_<ID>_URL``          server URL (LibreTranslate, required)
``TRANSDESK_MT_<ID>_REGION``       Azure region (Microsoft, optional)
``TRANSDESK_MT_<ID>_IN_HOUSE``     ``true`` when the server runs in the newsroom (LibreTranslate)
"""

from __future__ import annotations

from collections.abc import Mapping

from workflow.errors import BadInput
from workflow.machinery.base import DEFAULT_TIMEOUT, MtConfig, Provider
from workflow.machinery.deepl import DeeplProvider
from workflow.machinery.google import GoogleProvider
from workflow.machinery.libretranslate import LibreTranslateProvider
from workflow.machinery.microsoft import MicrosoftProvider
from workflow.machinery.mymemory import MyMemoryProvider
from workflow.machinery.papago import PapagoProvider
from workflow.registry import Registry
from workflow.security.netpolicy import check_url, parse_allowed

__all__ = ["DEFAULT_PROVIDERS", "default_providers", "providers_from_env"]

#: Every provider class transdesk ships, in the order they are listed to users.
DEFAULT_PROVIDERS: tuple[type[Provider], ...] = (
    DeeplProvider,
    PapagoProvider,
    GoogleProvider,
    MicrosoftProvider,
    LibreTranslateProvider,
    MyMemoryProvider,
)

_TRUE = ("1", "true", "yes", "on")
_FALSE = ("", "0", "false", "no", "off")


def default_providers() -> Registry[type[Provider]]:
    """A new registry holding :data:`DEFAULT_PROVIDERS` by id."""
    registry: Registry[type[Provider]] = Registry("MT provider")
    for cls in DEFAULT_PROVIDERS:
        registry.add(cls.id, cls)
    return registry


def providers_from_env(
    environ: Mapping[str, str], registry: Registry[type[Provider]] | None = None
) -> list[Provider]:
    """The enabled providers, configured and in the order of ``TRANSDESK_MT_PROVIDERS``.

    Raises :class:`BadInput` naming the variable at fault: an unknown id (listing the known
    ones), a missing key or URL, a key or URL given to a provider that takes none, a bad
    timeout. The messages never contain a key.
    """
    registry = registry if registry is not None else default_providers()
    ids = [p.strip().lower() for p in environ.get("TRANSDESK_MT_PROVIDERS", "").split(",")]
    ids = [p for p in ids if p]
    timeout = _timeout(environ.get("TRANSDESK_MT_TIMEOUT"))
    allowed = parse_allowed(environ.get("TRANSDESK_ALLOW_PRIVATE_URLS", ""))
    providers: list[Provider] = []
    for provider_id in ids:
        if any(p.id == provider_id for p in providers):
            raise BadInput(
                "%(provider_id)r is listed twice",
                provider_id=provider_id,
                field="TRANSDESK_MT_PROVIDERS",
            )
        if provider_id not in registry:
            known = ", ".join(sorted(registry.ids()))
            raise BadInput(
                "unknown MT provider %(provider_id)r; known: %(known)s",
                provider_id=provider_id,
                known=known,
                field="TRANSDESK_MT_PROVIDERS",
            )
        cls = registry.get(provider_id)
        prefix = f"TRANSDESK_MT_{provider_id.upper()}_"
        config = MtConfig(
            key=environ.get(prefix + "KEY", "").strip() or None,
            url=environ.get(prefix + "URL", "").strip() or None,
            timeout=timeout,
            region=environ.get(prefix + "REGION", "").strip() or None,
            in_house=_flag(environ.get(prefix + "IN_HOUSE", ""), prefix + "IN_HOUSE"),
            allowed_private=allowed,
        )
        try:
            providers.append(cls(config))
        except BadInput as exc:
            raise BadInput(exc.detail, field=prefix + (exc.field or "").upper()) from None
        if config.url:
            check_url(config.url, allowed, field=prefix + "URL", resolve=False)
    return providers


def _timeout(raw: str | None) -> float:
    if raw is None or not raw.strip():
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0 < value <= 300:
        raise BadInput(
            "must be a number of seconds between 0 and 300, not %(raw)r",
            raw=raw,
            field="TRANSDESK_MT_TIMEOUT",
        )
    return value


def _flag(raw: str, variable: str) -> bool:
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise BadInput("must be true or false, not %(raw)r", raw=raw, field=variable)

"""Keep placeholders, URLs, e-mail addresses and numbers away from the engine, then restore them.

:func:`protect` replaces each such span by a token ``[X0X]``, ``[X1X]``… (the form Weblate's
machinery uses: engines copy it through as an opaque word), :func:`restore` puts the originals
back. Tokens are matched loosely (``[ X 0 X ]``, ``[x0x]``) because engines add spaces.

A token missing from the engine's answer raises :class:`PlaceholderLost` rather than being
appended somewhere: a suggestion that silently drops a figure or an image marker is worse than
no suggestion, and the translator still has the source. A token the engine duplicated is
restored at each place.

Numbers followed by a Korean unit of magnitude (``3억``, ``1만``, ``5천``) are left to the
engine: their English form changes (``300 million``), so freezing the digits would be wrong.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workflow.machinery.errors import PlaceholderLost

__all__ = ["Protected", "protect", "restore"]

_SPANS = re.compile(
    "|".join(
        (
            r"\[X\d+X\]",  # a token look-alike already in the text, so it survives too
            r"\[%%[A-Za-z]+\d*%%\]",  # image and media markers: [%%IMAGE1%%]
            r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]}]",  # URLs, not their final period
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+",  # e-mail addresses
            r"%(?:\d+\$)?(?:\([A-Za-z_]\w*\))?[-+#0]*\d*(?:\.\d+)?[sdifrx]",  # printf: %s %(n)d
            r"\{[A-Za-z_0-9.]*(?:![rsa])?(?::[^{}\s]*)?\}",  # str.format: {} {0} {name:>10}
            r"(?<!\w)(?>\d+(?:[.,:]\d+)*)(?![만억조천백])",  # numbers, times and dates
        )
    )
)
_TOKEN = re.compile(r"\[\s*X\s*(\d+)\s*X\s*\]", re.IGNORECASE)


@dataclass(frozen=True)
class Protected:
    """A text with its protected spans replaced by tokens; ``spans[i]`` is token ``i``."""

    text: str
    spans: tuple[str, ...]

    @property
    def only_tokens(self) -> bool:
        """Whether nothing is left to translate (a bare placeholder, a number, a URL)."""
        return not re.sub(r"[\W_]+", "", _TOKEN.sub("", self.text))


def protect(text: str) -> Protected:
    """Replace placeholders, URLs, e-mail addresses and numbers by tokens."""
    spans: list[str] = []

    def token(match: re.Match[str]) -> str:
        spans.append(match.group(0))
        return f"[X{len(spans) - 1}X]"

    return Protected(_SPANS.sub(token, text), tuple(spans))


def restore(translated: str, protected: Protected, *, provider: str) -> str:
    """Put the protected spans back; raises :class:`PlaceholderLost` when a token is missing."""
    seen: set[int] = set()
    unknown: list[str] = []

    def original(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(protected.spans):
            unknown.append(match.group(0))
            return match.group(0)
        seen.add(index)
        return protected.spans[index]

    result = _TOKEN.sub(original, translated)
    lost = [protected.spans[i] for i in range(len(protected.spans)) if i not in seen]
    if lost or unknown:
        shown = ", ".join(repr(s) for s in lost[:3]) or ", ".join(unknown[:3])
        raise PlaceholderLost(
            "placeholder lost in machine translation: %(shown)s", shown=shown, provider=provider
        )
    return result

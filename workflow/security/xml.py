"""The one set of XML parser options every reader of uploaded XML uses (XLIFF, TMX, TBX).

No entities resolved, no network, no DTD loaded or validated, no huge trees, comments and
processing instructions dropped: a hostile file can neither read the disk nor blow up memory.
"""

from __future__ import annotations

from typing import Any, Final

from lxml import etree

from workflow.errors import BadInput

#: Keyword arguments for :class:`lxml.etree.XMLParser` and :func:`lxml.etree.iterparse`.
SAFE_XML_OPTIONS: Final[dict[str, Any]] = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "huge_tree": False,
    "dtd_validation": False,
    "remove_comments": True,
    "remove_pis": True,
}


def safe_parser() -> etree.XMLParser:
    """A fresh parser with :data:`SAFE_XML_OPTIONS`."""
    return etree.XMLParser(**SAFE_XML_OPTIONS)


def syntax_error(exc: etree.XMLSyntaxError, *, source: str) -> BadInput:
    """What an upload's reader says of XML that is not well-formed: lxml's message without its
    own "line N, column M" (the error names the line itself)."""
    line = exc.lineno if isinstance(exc.lineno, int) and exc.lineno > 0 else None
    message = (exc.msg or "not well-formed XML").split(", line ")[0]
    return BadInput("XML syntax error: %(text)s", text=message, source=source, line=line)

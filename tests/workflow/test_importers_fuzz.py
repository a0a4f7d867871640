"""Every importer and upload path under mutated and generated input: only WorkflowError escapes.

Ten formats go through the real services on a real (SQLite) desk: the article importers
(``hani-text``, ``markdown``, ``html``, ``json``) through ``import_article`` and, for some
inputs, ``pair_translation``; ``po``, ``xliff2`` and ``xliff12`` through ``import_catalog``;
``tmx`` through ``tm_import``; ``tbx`` and ``csv`` through ``import_terms``. Seeds are the
shared samples and what the app itself exports; mutators work on bytes (truncation, flips,
encodings, BOMs, NUL, invalid UTF-8, huge fields) and on structure (JSON fields of the wrong
type, deep nesting, DOCTYPE and entities, front matter, markup floods…).

An outcome is ``accepted``, ``refused`` (a :class:`~workflow.errors.WorkflowError`, after
which nothing may have changed in the database) or a failure (anything else, a refused
input that stored something, or an accepted one whose values overflow their columns, as
PostgreSQL would refuse). ``bench/fuzz_importers.py`` runs the same generator on 10,000
inputs per format; here hypothesis picks seeds and mutation chains, derandomized.
"""

from __future__ import annotations

import hashlib
import io
import json
import random
import re
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import String, func, select

from tests.conftest import SAMPLES as REPO_SAMPLES
from tests.support.limits import cpu_limit
from tests.support.mutations import mutate_lines
from workflow import services
from workflow.errors import BadInput, ImportFailed, WorkflowError
from workflow.importers import read_article
from workflow.model import ParsedArticle
from workflow.services import Context
from workflow.store import tables

SAMPLES = REPO_SAMPLES
KO_SAMPLE = SAMPLES / "hani-ko-689058-demo.txt"
EN_SAMPLE = SAMPLES / "hani-en-689225.txt"

ARTICLE_FORMATS = ("hani-text", "markdown", "html", "json")
CATALOG_FORMATS = ("po", "xliff2", "xliff12")
FORMATS = (*ARTICLE_FORMATS, *CATALOG_FORMATS, "tmx", "tbx", "csv")
XML_FORMATS = ("xliff2", "xliff12", "tmx", "tbx")
EXTENSIONS = {
    "hani-text": ".txt",
    "markdown": ".md",
    "html": ".html",
    "json": ".json",
    "po": ".po",
    "xliff2": ".xlf",
    "xliff12": ".xlf",
    "tmx": ".tmx",
    "tbx": ".tbx",
    "csv": ".csv",
}
EDITOR = "fuzz-editor"
PASSWORD = "correct horse battery staple"

NASTY = (
    "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\ufeff\u2028\u2029\u0301\u200b\u202e"
    "\"'\\<>&;%{}[]#~|*_`!\t\r\n 가힣漢字😀ـالعربية"
)
BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
        for i in range(1, 10)
    )
    + "]>"
)
XML_BITS = (
    "<!DOCTYPE x>",
    '<!DOCTYPE x SYSTEM "http://example.invalid/x.dtd">',
    '<!DOCTYPE x [<!ENTITY e "boom">]>',
    '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
    BILLION_LAUGHS,
    "&e;",
    "&lol9;",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "&#x1F600;",
    "&bogus;",
    "<![CDATA[x]]>",
    "]]>",
    "<?pi x?>",
    "<!-- c -->",
    "<x:y>",
    'xmlns="urn:x"',
    '<ph id="1"/>',
    '<g id="1">g</g>',
    "<hi>h</hi>",
    '<bpt i="1">&lt;b&gt;</bpt>',
    "</seg>",
    "<seg>",
    '<prop type="x-origin">weird</prop>',
    '<termNote type="partOfSpeech">' + "n" * 60 + "</termNote>",
    '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>',
)
DECLARATIONS = (
    b'<?xml version="1.0" encoding="UTF-16"?>',
    b'<?xml version="1.0" encoding="EUC-KR"?>',
    b'<?xml version="1.0" encoding="bogus"?>',
    b'<?xml version="1.1"?>',
    b'<?xml version="2.0"?>',
    b"<?xml?>",
)
HTML_BITS = (
    "<!DOCTYPE html>",
    "<article>",
    "</article>",
    '<div itemprop="articleBody">',
    '<meta property="article:published_time" content="2015-13-45T99:00">',
    '<meta property="article:modified_time" content="">',
    '<time datetime="yesterday">',
    '<meta property="og:title" content="">',
    '<meta charset="euc-kr">',
    "<h1></h1>",
    '<img src="x.jpg">',
    '<img width="1" height="1">',
    "<script>var a = '</p>';</script>",
    "<style>p{}</style>",
    "<svg><p>x</p></svg>",
    "<template><p>x</p></template>",
    "&#0;",
    "&#xD800;",
    "&bogus;",
    "<![CDATA[x]]>",
    "<?php echo 1 ?>",
    "[%%IMAGE1%%]",
    "[%%IMAGE99999999999999999999%%]",
    '<p class="byline">By Kim</p>',
    "<aside class=related>Related</aside>",
)
TEXT_BITS = (
    "Posted on : 2015-04-30 17:24 KST Modified on : 2015-02-30 25:61 KST",
    "Posted on : 9999-99-99 99:99",
    "등록 :2015-04-29 19:34 수정 :",
    "등록 : 0000-01-01 00:00",
    "[%%IMAGE1%%]",
    "[%%IMAGE0%%]",
    "Related stories",
    "관련기사",
    "By Kim Min-ji",
    "도쿄/길윤형 특파원 charisma@hani.co.kr",
    "button that move to original korean article (클릭)",
    "ⓒ Hankyoreh All rights reserved",
    "---",
    "title: x",
    "posted: 2015-13-01",
    "posted: not a date",
    "# Title",
    "## Subtitle",
    "> quote",
    "===",
    "![alt](img.png)",
    "[link](http://x)",
    "<!-- comment",
    "*" * 50,
    "- - -",
    "1. item",
)
FLOODS = ("*a _b ", "[a ", "<!-- ", "**", "`", "![x](", "<http:", "~~", "_", "# ", "  \n")
PO_BITS = (
    "#, fuzzy\n",
    '#~ msgid "x"\n',
    '#| msgid "old"\n',
    "# base-version: 9\n",
    "# base-version: 99999999999999999999\n",
    "# approved-text: sha256:0000000000000000\n",
    'msgctxt "title"\nmsgid "x"\nmsgstr "y"\n\n',
    'msgid_plural "xs"\n',
    'msgstr[0] "y"\n',
    '"\\q bad escape"\n',
    'msgstr "unterminated\n',
    '"X-Transdesk-Revision: 99\\n"\n',
    '"Language: ko\\n"\n',
    '"Content-Type: text/plain; charset=EUC-KR\\n"\n',
)
CSV_BITS = (
    "source,target,source_lang,target_lang,note,pos,forbidden,extra\n",
    "Source;Target\n",
    'a,"unbalanced\n',
    '"a""b",c\n',
    "정부,government,ko,xx\n",
    "정부,government,zz-ZZ,en\n",
    "정부,government,,,," + "n" * 50 + "\n",
    "정부,government,ko,en,,,government\n",
    "정부,government\n정부,administration\n",
    ",target\n",
    "source,\n",
    "a,b,c,d,e,f,g,h,i\n",
)
JSON_VALUES: tuple[object, ...] = (
    None,
    True,
    0,
    -1,
    1.5e308,
    "",
    " ",
    "\u0000",
    "\ud800",
    "x\u0007y",
    [],
    [None],
    [1, 2],
    {},
    {"a": 1},
    "[%%IMAGE1%%]",
    "2015-02-30T25:00",
    "2015-04-30T17:24:00+09:00",
)

#: CPU seconds for one linear-time read of a flood below (each takes 0.02–0.08 s here; the old
#: quadratic patterns took minutes on the same input).
LINEAR_LIMIT = 1.0
#: CPU seconds for any one test of this module, set-up included (the slowest takes ~5 s).
TEST_LIMIT = 30.0


@pytest.fixture(autouse=True)
def _cpu_limit_per_test() -> Iterator[None]:
    with cpu_limit(TEST_LIMIT, "the test"):
        yield


# -- seeds ------------------------------------------------------------------------------


def _article_json(a: ParsedArticle) -> bytes:
    meta = {k: v for k, v in a.meta.to_dict().items() if k != "source_url"}
    data = meta | {"body": list(a.blocks)}
    return json.dumps({k: v for k, v in data.items() if v is not None}, ensure_ascii=False).encode()


def _article_markdown(a: ParsedArticle) -> bytes:
    m = a.meta
    front = ["---"]
    if m.posted:
        front.append(f"posted: {m.posted.isoformat()}")
    if m.modified:
        front.append(f"modified: {m.modified.isoformat()}")
    if m.byline:
        front.append(f'byline: "{m.byline}"')
    front.append("---")
    body = [f"# {m.title}", f"## {m.subtitle}" if m.subtitle else ""]
    for i, block in enumerate(a.blocks):
        body.append(f"*{block}*" if i % 5 == 3 else block)
    return ("\n".join(front) + "\n\n" + "\n\n".join(body) + "\n").encode()


def _article_html(a: ParsedArticle, *, container: bool = True) -> bytes:
    m = a.meta
    paragraphs = "".join(
        '<figure><img src="p.jpg"></figure>' if b.startswith("[%%") else f"<p>{b}</p>"
        for b in a.blocks
    )
    posted = m.posted.isoformat() if m.posted else ""
    body = (
        f"<article><h1>{m.title}</h1><h2 class='subtitle'>{m.subtitle or ''}</h2>"
        f"{paragraphs}<p class='byline'>{m.byline or ''}</p></article>"
        if container
        else f"<h1>{m.title}</h1><div>{paragraphs}</div>"
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'>"
        f"<title>{m.title}</title><meta property='article:published_time' content='{posted}'>"
        "<link rel='canonical' href='https://example.org/a'></head><body>"
        "<nav><a href='/'>Home</a></nav>"
        f"{body}<aside class='related'><p>Related stories</p></aside><footer>©</footer>"
        "</body></html>"
    ).encode()


@dataclass
class World:
    """A desk with the sample pair imported and paired, a user, and the seeds per format."""

    ctx: Context
    slug: str
    user_id: int
    seeds: dict[str, list[tuple[bytes, str]]] = field(default_factory=dict)  # (data, locale)


def make_world(ctx: Context) -> World:
    """Seed the desk (sample pair, an editor, terms, memory) and build the seeds."""
    user = services.add_user(ctx, EDITOR, "editor", PASSWORD)
    ko, en = KO_SAMPLE.read_bytes(), EN_SAMPLE.read_bytes()
    imported = services.import_article(ctx, ko, source=KO_SAMPLE.name, locale="ko")
    services.pair_translation(ctx, imported.slug, en, source=EN_SAMPLE.name, locale="en")
    for source, target in (("정부", "government"), ("총리", "prime minister"), ("아베", "Abe")):
        services.import_terms(
            ctx, f"source,target,forbidden\n{source},{target},x{target}\n".encode(), source="t.csv"
        )
    parsed = {
        "ko": read_article(ko, source=KO_SAMPLE.name),
        "en": read_article(en, source=EN_SAMPLE.name),
    }
    seeds: dict[str, list[tuple[bytes, str]]] = {
        "hani-text": [(ko, "ko"), (en, "en")],
        "json": [(_article_json(a), lang) for lang, a in parsed.items()],
        "markdown": [(_article_markdown(a), lang) for lang, a in parsed.items()],
        "html": [(_article_html(a), lang) for lang, a in parsed.items()]
        + [(_article_html(parsed["en"], container=False), "en")],
    }
    for fmt in CATALOG_FORMATS:
        seeds[fmt] = [(services.export_catalog_as(ctx, imported.slug, "en", fmt).data, "en")]
    out = io.BytesIO()
    services.tm_export(ctx, out)
    seeds["tmx"] = [(out.getvalue(), "ko")]
    seeds["tbx"] = [(services.export_terms(ctx, "tbx").data, "ko")]
    tbx2008 = (
        b'<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">\n'
        b'<martif type="TBX-Basic"><text><body><termEntry id="t1">'
        b'<langSet xml:lang="ko"><tig><term>\xec\xa0\x95\xeb\xb6\x80</term>'
        b'<termNote type="partOfSpeech">noun</termNote></tig></langSet>'
        b'<langSet xml:lang="en"><tig><term>government</term></tig></langSet>'
        b"</termEntry></body></text></martif>\n"
    )
    seeds["tbx"].append((tbx2008, "ko"))
    seeds["csv"] = [(services.export_terms(ctx, "csv").data, "ko")]
    return World(ctx=ctx, slug=imported.slug, user_id=user.id, seeds=seeds)


# -- mutators ---------------------------------------------------------------------------


def _insert(data: bytes, rng: random.Random, bit: bytes) -> bytes:
    i = rng.randrange(len(data) + 1)
    return data[:i] + bit + data[i:]


def _after_tag(data: bytes, rng: random.Random, bit: bytes) -> bytes:
    """``bit`` right after a random start tag (where markup is allowed), else anywhere."""
    spots = [m.end() for m in re.finditer(rb"<[A-Za-z][^<>]*>", data[:200_000])]
    if not spots:
        return _insert(data, rng, bit)
    i = rng.choice(spots)
    return data[:i] + bit + data[i:]


def _reencode(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    encoding = rng.choice(("utf-16", "utf-16-le", "utf-32", "euc-kr", "latin-1", "cp1252"))
    return text.encode(encoding, "replace")


def _invalid_utf8(data: bytes, rng: random.Random) -> bytes:
    bit = rng.choice((b"\xff", b"\xfe\xff", b"\x80", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82"))
    return _insert(data, rng, bit)


def _huge(data: bytes, rng: random.Random) -> bytes:
    unit = rng.choice((b"A", "가".encode(), b" ", b"\n", b"x ", b"&amp;", b"<b>"))
    size = rng.choice((70_000, 140_000, 400_000))
    return _insert(data, rng, unit * (size // len(unit)))


def _nest(data: bytes, rng: random.Random, fmt: str) -> bytes:
    depth = rng.choice((100, 300, 3000))
    if fmt == "json":
        return _insert(data, rng, b"[" * depth + b"]" * depth)
    if fmt in ("markdown", "hani-text"):
        return _insert(data, rng, b"> " * depth + b"x\n")
    tag = rng.choice((b"g", b"mrk", b"div", b"hi", b"p", b"x"))
    return _after_tag(data, rng, (b"<" + tag + b">") * depth + b"t")


def _flood(data: bytes, rng: random.Random) -> bytes:
    bit = rng.choice(FLOODS).encode()
    return _insert(data, rng, bit * (rng.choice((5_000, 40_000)) // len(bit)))


def _bit(data: bytes, rng: random.Random, fmt: str) -> bytes:
    if fmt in ("po",):
        return _insert(data, rng, rng.choice(PO_BITS).encode())
    if fmt == "csv":
        return _insert(data, rng, rng.choice(CSV_BITS).encode())
    if fmt == "html":
        return _after_tag(data, rng, rng.choice(HTML_BITS).encode())
    if fmt in ("hani-text", "markdown"):
        lines = data.split(b"\n")
        lines.insert(rng.randrange(len(lines) + 1), rng.choice(TEXT_BITS).encode())
        return b"\n".join(lines)
    if fmt == "json":
        return _insert(data, rng, rng.choice((b"\\u0000", b"\\ud800", b"NaN", b"1" * 5000, b",")))
    return _after_tag(data, rng, rng.choice(XML_BITS).encode())


def _prolog(data: bytes, rng: random.Random, fmt: str) -> bytes:
    """A DOCTYPE, entity bomb or odd declaration in front of an XML document."""
    body = re.sub(rb"^\s*<\?xml[^>]*\?>", b"", data)
    doctype = rng.choice(XML_BITS[:5]).encode()
    root = re.search(rb"<([A-Za-z][\w:.-]*)", body)
    name = root.group(1) if root else b"x"
    doctype = doctype.replace(b"<!DOCTYPE x", b"<!DOCTYPE " + name).replace(
        b"<!DOCTYPE lolz", b"<!DOCTYPE " + name
    )
    if rng.random() < 0.5 and root:  # use the entity where it expands: an attribute, a text
        ref = b"&lol9;" if b"lol9" in doctype else b"&e;"
        body = body.replace(root.group(0), root.group(0) + b' a="' + ref + b'"', 1)
    declaration = rng.choice((b'<?xml version="1.0" encoding="UTF-8"?>', *DECLARATIONS))
    return declaration + b"\n" + doctype + b"\n" + body


def _json_structure(data: bytes, rng: random.Random) -> bytes:
    try:
        doc = json.loads(data)
    except (ValueError, RecursionError):
        return data
    if not isinstance(doc, dict):
        return data
    op = rng.randrange(7)
    keys = list(doc) or ["title"]
    key = rng.choice([*keys, "body", "title", "images"])
    if op == 0:
        doc.pop(key, None)
    elif op == 1:
        doc[rng.choice(("Title", "bdy", "extra", "", "\u0000"))] = "x"
    elif op == 2:
        doc[key] = rng.choice(JSON_VALUES)
    elif op == 3 and isinstance(doc.get("body"), list) and doc["body"]:
        doc["body"][rng.randrange(len(doc["body"]))] = rng.choice(JSON_VALUES)
    elif op == 4:
        doc[key] = "가" * rng.choice((70_000, 300_000))
    elif op == 5:
        return json.dumps(rng.choice((list(doc.values()), "x", 1, None))).encode()
    else:
        doc["images"] = [rng.choice(JSON_VALUES) for _ in range(rng.randrange(4))]
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode("utf-8", "surrogatepass")


Mutator = Callable[[bytes, random.Random, str], bytes]
MUTATORS: tuple[tuple[str, Mutator], ...] = (
    ("truncate", lambda d, r, f: d[: r.randrange(len(d) + 1)]),
    (
        "flip-bytes",
        lambda d, r, f: bytes(
            (b ^ (1 << r.randrange(8))) if r.random() < 4 / max(len(d), 1) else b for b in d
        ),
    ),
    ("random-bytes", lambda d, r, f: _insert(d, r, r.randbytes(r.randrange(1, 16)))),
    (
        "unicode",
        lambda d, r, f: _insert(
            d, r, "".join(r.choice(NASTY) for _ in range(r.randrange(1, 12))).encode()
        ),
    ),
    ("delete-line", lambda d, r, f: mutate_lines(d, r, "delete")),
    ("duplicate-line", lambda d, r, f: mutate_lines(d, r, "duplicate")),
    ("swap-lines", lambda d, r, f: mutate_lines(d, r, "swap")),
    ("bom", lambda d, r, f: r.choice((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) + d),
    ("encoding", lambda d, r, f: _reencode(d, r)),
    ("nul", lambda d, r, f: _insert(d, r, b"\x00" * r.randrange(1, 3))),
    ("invalid-utf8", lambda d, r, f: _invalid_utf8(d, r)),
    ("crlf", lambda d, r, f: d.replace(b"\n", r.choice((b"\r\n", b"\r")))),
    ("empty", lambda d, r, f: r.choice((b"", b" \n\t", "\u00a0\u200b".encode(), b"\xef\xbb\xbf"))),
    ("repeat", lambda d, r, f: d * r.randrange(2, 4)),
    ("huge-field", lambda d, r, f: _huge(d, r)),
    ("deep-nesting", _nest),
    ("flood", lambda d, r, f: _flood(d, r)),
    ("bits", _bit),
    ("bits", _bit),
    ("bits", _bit),
    ("prolog", lambda d, r, f: _prolog(d, r, f) if f in XML_FORMATS else _bit(d, r, f)),
    ("json", lambda d, r, f: _json_structure(d, r) if f == "json" else _bit(d, r, f)),
    ("json", lambda d, r, f: _json_structure(d, r) if f == "json" else _bit(d, r, f)),
)
MUTATOR_NAMES = tuple(dict.fromkeys(name for name, _ in MUTATORS))


def mutate(data: bytes, fmt: str, steps: list[tuple[str, int]]) -> bytes:
    """Apply named mutators in order, each with its own seed (hypothesis shrinks these)."""
    by_name: dict[str, list[Mutator]] = {}
    for name, fn in MUTATORS:
        by_name.setdefault(name, []).append(fn)
    for name, seed in steps:
        rng = random.Random(seed)
        data = rng.choice(by_name[name])(data, rng, fmt)
    return data


@dataclass(frozen=True)
class Case:
    number: int
    fmt: str
    data: bytes
    locale: str
    named: str | None  # the format passed to the service; None: detect
    pair: bool  # an article format sent to pair_translation instead of import_article
    steps: tuple[tuple[str, int], ...]

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.data).hexdigest()[:16]


def cases(world: World, fmt: str, *, seed: int, count: int) -> Iterator[Case]:
    """``count`` inputs of one format: seeds, most mutated 1–3 times."""
    rng = random.Random(f"{seed}-{fmt}")
    for number in range(count):
        data, locale = rng.choice(world.seeds[fmt])
        steps: list[tuple[str, int]] = []
        if rng.random() < 0.95:
            for _ in range(rng.choice((1, 1, 2, 3))):
                steps.append((rng.choice(MUTATORS)[0], rng.randrange(2**32)))
        yield make_case(number, fmt, data, locale, steps, rng.random(), rng.random())


def make_case(
    number: int,
    fmt: str,
    data: bytes,
    locale: str,
    steps: list[tuple[str, int]],
    name_roll: float,
    pair_roll: float,
) -> Case:
    named: str | None = fmt
    if name_roll < 0.5:
        named = None  # detected
    elif name_roll < 0.6:  # named as another format of its kind
        kind = next(
            k for k in (ARTICLE_FORMATS, CATALOG_FORMATS, ("tbx", "csv"), ("tmx",)) if fmt in k
        )
        others = [f for f in kind if f != fmt] or [fmt]
        named = others[int(name_roll * 1000) % len(others)]
    elif name_roll > 0.98:
        named = "nonsense"
    if fmt == "tmx":
        named = None  # TMX is the only memory format: nothing to name
    pair = fmt in ARTICLE_FORMATS and locale == "en" and pair_roll < 0.1
    return Case(number, fmt, mutate(data, fmt, steps), locale, named, pair, tuple(steps))


# -- running ----------------------------------------------------------------------------

_FINGERPRINTED = (
    tables.articles,
    tables.segments,
    tables.localizations,
    tables.translations,
    tables.revisions,
    tables.tm_units,
    tables.terms,
    tables.audit_log,
)
_LENGTH_CHECKED = (tables.articles, tables.segments, tables.tm_units, tables.terms)


def fingerprint(ctx: Context) -> tuple[object, ...]:
    """Highest ids of what an import stores (rows are never deleted by one), the sum of the
    translations' versions and the last term update: equal before and after → nothing stored.
    """
    columns = [select(func.max(table.c.id)).scalar_subquery() for table in _FINGERPRINTED]
    columns.append(select(func.sum(tables.translations.c.version)).scalar_subquery())
    columns.append(select(func.max(tables.terms.c.updated_at)).scalar_subquery())
    with ctx.db.transaction(write=False) as conn:
        return tuple(conn.execute(select(*columns)).one())


@contextmanager
def refused_unchanged(ctx: Context, match: str) -> Iterator[None]:
    """The block must raise :class:`BadInput` matching ``match`` and store nothing."""
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=match):
        yield
    assert fingerprint(ctx) == before


def overflowing(ctx: Context, before: tuple[object, ...]) -> list[str]:
    """Values stored since ``before`` that are longer than their column (PostgreSQL refuses)."""
    found = []
    index = {t.name: _FINGERPRINTED.index(t) for t in _LENGTH_CHECKED}
    with ctx.db.transaction(write=False) as conn:
        for table in _LENGTH_CHECKED:
            last = before[index[table.name]] or 0
            limited = [c for c in table.c if isinstance(c.type, String) and c.type.length]
            rows = conn.execute(select(*limited).where(table.c.id > last)).all()
            for row in rows:
                for column, value in zip(limited, row, strict=True):
                    if isinstance(value, str) and len(value) > (column.type.length or 0):
                        found.append(f"{table.name}.{column.name}: {len(value)} characters")
    return found


def run_service(world: World, case: Case) -> str:
    """Send a case to its service; returns what was done (for the counts)."""
    ctx, source = world.ctx, f"fuzz-{case.fmt}-{case.number}{EXTENSIONS[case.fmt]}"
    if case.fmt in ARTICLE_FORMATS:
        if case.pair:
            services.pair_translation(
                ctx, world.slug, case.data, source=source, locale="en", format=case.named
            )
            return "paired"
        services.import_article(
            ctx, case.data, source=source, locale=case.locale, format=case.named
        )
        return "imported"
    if case.fmt in CATALOG_FORMATS:
        services.import_catalog(
            ctx, world.slug, "en", case.data, source=source, user_id=world.user_id, fmt=case.named
        )
        return "merged"
    if case.fmt == "tmx":
        services.tm_import(ctx, io.BytesIO(case.data), source=source)
        return "stored"
    services.import_terms(ctx, case.data, source=source, fmt=case.named, user_id=world.user_id)
    return "stored"


_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|\b\d[\d,]*\b|0x[0-9a-f]{2}|<[^>]*>|U\+[0-9A-F]{4}")


def refusal_kind(error: WorkflowError) -> str:
    """A message without file, line, field, quoted values and numbers, for counting."""
    message = str(error)
    if isinstance(error, BadInput) and ": " in message and (error.source or error.line):
        message = message.split(": ", 1)[1]
    message = _QUOTED.sub("…", message)
    return f"{type(error).__name__}: " + " ".join(message.split()[:8])


@dataclass(frozen=True)
class Outcome:
    kind: str  # "accepted", "refused", "failure"
    detail: str  # what was done, the refusal's kind, or the failure's summary
    trace: str | None = None
    vague: bool = False  # refused without naming the file


def run_case(world: World, case: Case, *, check_store: bool = True) -> Outcome:
    """The case through its service; refusal must store nothing, acceptance must fit."""
    before = fingerprint(world.ctx) if check_store else ()
    try:
        done = run_service(world, case)
    except WorkflowError as error:
        if check_store and fingerprint(world.ctx) != before:
            return Outcome("failure", "refused but stored something", None)
        vague = not (isinstance(error, BadInput) and error.source)
        return Outcome("refused", refusal_kind(error), vague=vague)
    except Exception as error:
        trace = traceback.format_exc()
        return Outcome("failure", f"{type(error).__name__}: {str(error)[:120]}", trace)
    if check_store and (too_long := overflowing(world.ctx, before)):
        return Outcome("failure", "stored values longer than their columns: " + ", ".join(too_long))
    return Outcome("accepted", done)


# -- the suite --------------------------------------------------------------------------

SUITE_EXAMPLES = 30  # per format: 300 in all


def _steps() -> st.SearchStrategy[list[tuple[str, int]]]:
    return st.lists(
        st.tuples(st.sampled_from(MUTATOR_NAMES), st.integers(0, 2**32 - 1)), min_size=0, max_size=3
    )


@pytest.fixture
def world(ctx: Context) -> World:
    return make_world(ctx)


@pytest.mark.parametrize("fmt", FORMATS)
def test_mutated_inputs_are_accepted_or_refused_cleanly(world: World, fmt: str) -> None:
    outcomes: dict[str, int] = {}

    @settings(
        max_examples=SUITE_EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(
        seed=st.integers(0, 10),
        steps=_steps(),
        name_roll=st.floats(0, 1),
        pair_roll=st.floats(0, 1),
    )
    def check(seed: int, steps: list[tuple[str, int]], name_roll: float, pair_roll: float) -> None:
        data, locale = world.seeds[fmt][seed % len(world.seeds[fmt])]
        case = make_case(0, fmt, data, locale, steps, name_roll, pair_roll)
        outcome = run_case(world, case)
        outcomes[outcome.kind] = outcomes.get(outcome.kind, 0) + 1
        assert outcome.kind != "failure", f"{outcome.detail}\n{outcome.trace or ''}"

    check()
    assert outcomes.get("refused", 0) > 0, outcomes


@settings(max_examples=60, derandomize=True, deadline=None, database=None)
@given(
    value=st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
        lambda children: (
            st.lists(children, max_size=4)
            | st.dictionaries(st.text(max_size=8), children, max_size=4)
        ),
        max_leaves=20,
    ),
    key=st.sampled_from(("title", "body", "subtitle", "posted", "byline", "images", "url", "x")),
)
def test_json_fields_of_any_type_raise_only_bad_input(value: object, key: str) -> None:
    doc: dict[str, object] = {"title": "제목", "body": ["본문 문장입니다."]}
    doc[key] = value
    data = json.dumps(doc).encode()
    try:
        article = read_article(data, source="a.json", format="json")
    except BadInput as e:
        assert "a.json" in str(e)
    else:
        assert article.meta.title and article.blocks


@settings(max_examples=60, derandomize=True, deadline=None, database=None)
@given(text=st.text(alphabet=st.sampled_from("#*_[]()!<>-`~ \nab가:="), max_size=400))
def test_markdown_of_markup_characters_reads_or_refuses(text: str) -> None:
    try:
        read_article(text.encode(), source="a.md", format="markdown")
    except BadInput as e:
        assert "a.md" in str(e)


# -- regressions: each crash the fuzzer found, with what and where ------------------------


def test_deeply_nested_json_is_refused_not_a_recursion_error() -> None:
    data = b'{"title": "t", "body": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    with pytest.raises(ImportFailed, match=r"^deep\.json: not valid JSON: nested too deep$"):
        read_article(data, source="deep.json", format="json")
    with pytest.raises(ImportFailed, match="cannot detect the file's format"):
        read_article(data, source="deep.json")


def test_json_number_too_long_is_refused() -> None:
    data = b'{"title": 1' + b"1" * 5000 + b', "body": ["x"]}'
    with pytest.raises(ImportFailed, match=r"^n\.json: not valid JSON: a number too long$"):
        read_article(data, source="n.json", format="json")


@pytest.mark.parametrize(
    ("escape", "field", "char"),
    [("\\ud800", "title", "U+D800"), ("\\u0000", "body[1]", "U+0000"), ("\\u001b", "body", "")],
)
def test_json_escapes_that_are_not_text_are_refused_with_the_field(
    ctx: Context, escape: str, field: str, char: str
) -> None:
    if field == "title":
        data = f'{{"title": "a{escape}", "body": ["x"]}}'
    elif field == "body":
        data = f'{{"title": "t", "body": "x{escape}"}}'
    else:
        data = f'{{"title": "t", "body": ["x", "y{escape}"]}}'
    with refused_unchanged(
        ctx, rf"^e\.json, field '{re.escape(field)}': character {re.escape(char)}"
    ):
        services.import_article(ctx, data.encode(), source="e.json", locale="ko")


def test_control_characters_in_a_text_file_are_refused_with_the_line() -> None:
    data = "제목\n\n첫 문장이다.\n둘째\x0b문장이다.\n".encode()
    with pytest.raises(
        ImportFailed, match=r"^c\.txt, line 4: control character U\+000B is not text$"
    ):
        read_article(data, source="c.txt")


def _read_or_too_long(data: bytes, source: str, fmt: str | None = None) -> None:
    """Read to the end: an article, or refused for a paragraph or heading over its limit."""
    try:
        article = read_article(data, source=source, format=fmt)
    except ImportFailed as e:
        assert re.search(r"has [\d,]+ characters, the limit is", str(e)), e
        assert str(e).startswith(source)
    else:
        assert article.blocks


@pytest.mark.parametrize("flood", ["*a _b ", "[a ", "<!-- ", "![x](", "<http:", "**x", "~~x "])
def test_markdown_markup_floods_read_in_linear_time(flood: str) -> None:
    # each took minutes with the old patterns (quadratic search from every opener):
    # 120 KB of "*a _b " took 161 s; now the parse ends and the paragraph limit speaks
    line = flood * (400_000 // len(flood))
    with cpu_limit(LINEAR_LIMIT, f"400 KB of {flood!r}"):
        _read_or_too_long(f"# T\n\n{line}\n".encode(), "f.md", "markdown")


@pytest.mark.parametrize(
    "text",
    [
        "# T\n\na" + " " * 300_000 + "b\n",  # " *\n *" from every space
        "#" + " " * 300_000 + "T\n\nbody\n",  # the heading pattern's lazy group
        "Title\nPosted on :" + " " * 300_000 + "x\n\nbody\n",  # the date line
    ],
)
def test_long_runs_of_spaces_read_in_linear_time(text: str) -> None:
    with cpu_limit(LINEAR_LIMIT, "300,000 spaces"):
        _read_or_too_long(text.encode(), "s.txt")


def test_markdown_heading_text_is_read_as_before() -> None:
    md = b"# The title ##\n\n## A subtitle #\n\nBody # text.\n"
    article = read_article(md, source="h.md")
    assert (article.meta.title, article.meta.subtitle) == ("The title", "A subtitle")
    assert article.blocks == ("Body # text.",)


def test_csv_field_over_the_csv_limit_is_refused_with_the_line(ctx: Context) -> None:
    data = b"source,target\n\xec\xa0\x95,g\n" + b"a" * 200_000 + b",b\n"
    with refused_unchanged(
        ctx, r"^big\.csv, line 3: not readable as CSV: field larger than field limit"
    ):
        services.import_terms(ctx, data, source="big.csv")


def test_csv_unknown_language_is_refused_with_line_and_field(ctx: Context) -> None:
    data = b"source,target,target_lang\nx,y,en\n\xec\xa0\x95\xeb\xb6\x80,g,klingon-xx\n"
    with refused_unchanged(
        ctx, r"^l\.csv, line 3, field 'target_lang': unknown locale 'klingon-xx'$"
    ):
        services.import_terms(ctx, data, source="l.csv")


def test_csv_languages_are_stored_canonical_as_add_term_stores_them(ctx: Context) -> None:
    services.import_terms(ctx, b"source,target,target_lang\nx,y,en-US\n", source="c.csv")
    assert [t.target_lang for _, t in services.list_terms(ctx)] == ["en_US"]


@pytest.mark.parametrize("reader", ["csv", "tbx"])
def test_part_of_speech_longer_than_its_column_is_refused(ctx: Context, reader: str) -> None:
    pos = "n" * 41
    if reader == "csv":
        data = f"source,target,pos\n정부,government,{pos}\n".encode()
        where = r"^g\.csv, line 2, field 'pos'"
    else:
        data = (
            '<tbx><text><body><conceptEntry><langSec xml:lang="ko"><termSec><term>정부</term>'
            f'<termNote type="partOfSpeech">{pos}</termNote></termSec></langSec>'
            '<langSec xml:lang="en"><termSec><term>government</term></termSec></langSec>'
            "</conceptEntry></body></text></tbx>"
        ).encode()
        where = r"^g\.tbx, line 1, field 'partOfSpeech'"
    with refused_unchanged(ctx, where + ": part of speech longer than 40 characters$"):
        services.import_terms(ctx, data, source=f"g.{reader}")


@pytest.mark.parametrize(
    ("attribute", "field"),
    [
        ('<tuv xml:lang="en-x-' + "y" * 20 + '">', "xml:lang"),
        ('<tuv xml:lang="en" creationid="' + "k" * 81 + '">', "creationid"),
    ],
)
def test_tmx_values_longer_than_their_columns_are_refused(
    ctx: Context, attribute: str, field: str
) -> None:
    tmx = (
        '<tmx version="1.4"><header/><body>\n<tu><tuv xml:lang="ko"><seg>정부</seg></tuv>\n'
        f"{attribute}<seg>government</seg></tuv></tu></body></tmx>"
    ).encode()
    with refused_unchanged(ctx, rf"^t\.tmx, line 3, field '{field}': {field} is longer"):
        services.tm_import(ctx, io.BytesIO(tmx), source="t.tmx")


TBX_TERM = (
    '<tbx><text><body><conceptEntry><langSec xml:lang="ko"><termSec><term>정부</term>'
    "{inside}</termSec></langSec>"
    '<langSec xml:lang="en"><termSec><term>government</term></termSec></langSec>'
    "</conceptEntry></body></text></tbx>"
)


@pytest.mark.parametrize("inside", ["<!-- a note -->", "<?pi x?>"])
def test_tbx_comments_and_processing_instructions_in_a_term_are_ignored(
    ctx: Context, inside: str
) -> None:
    # they crashed read_tbx (itertext on a comment: "Input object is not an XML element")
    data = TBX_TERM.format(inside=inside).encode()
    assert services.import_terms(ctx, data, source="c.tbx").added == 1


def test_tbx_entity_reference_from_an_external_dtd_is_refused_with_the_line(ctx: Context) -> None:
    data = (
        '<?xml version="1.0"?>\n<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">\n'
        + TBX_TERM.format(inside="<note>&bogus;</note>")
    ).encode()
    with refused_unchanged(ctx, r"^e\.tbx, line 3: entity reference '&bogus;' is not allowed$"):
        services.import_terms(ctx, data, source="e.tbx")


def test_catalog_upload_in_an_unknown_format_names_the_file() -> None:
    from workflow.catalog.formats import read_as

    with pytest.raises(BadInput, match=r"^u\.po, field 'format': unknown catalog format 'x'"):
        read_as(b'msgid ""\nmsgstr ""\n', "x", source="u.po", locale="en")

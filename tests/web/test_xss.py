"""Cross-site scripting: hostile text in every field a page renders is shown as text.

The payloads (tests/support/xss_payloads.txt, one a line, several hundred) are script tags,
event handlers, javascript: URLs, SVG, iframe srcdoc, template injection, attribute and
element breakouts, encoding tricks and Korean text around them. They go in through the
services — article title, subtitle, byline and body (so segment sources), the import's file
name (the audit log), translations, comments, reasons for sending back, glossary terms and
notes, the other side of an alignment — and through the URL (filters, error pages).

Then Chromium opens the pages, with the Content-Security-Policy *bypassed*: the CSP would
stop most inline script anyway, and what is tested here is the escaping beneath it. Each
page must show no dialog, leave ``window.__xss`` (which the payloads try to set) unset, carry
no element or attribute a payload could have made (inline handlers, inline scripts,
javascript: URLs, frames, elements named ``__xss``), and show each stored text literally:
the text content of its element equals the text the desk stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest
from flask import Flask

from tests.support.fixtures import libretranslate_env
from tests.web.conftest import PASSWORD
from tests.web.test_browser import log_in
from workflow import services
from workflow.errors import BadInput, WorkflowError
from workflow.glossary import Term
from workflow.services import Context

pytestmark = pytest.mark.browser

PAYLOADS = [
    line
    for line in (Path(__file__).parents[1] / "support" / "xss_payloads.txt")
    .read_text(encoding="utf-8")
    .split("\n")  # not splitlines(): some payloads hold U+2028 and friends
    if line
]
# Korean words that the Korean-wrapped payloads carry, made glossary terms so that the
# editor highlights them (the one place a filter builds markup by hand).
TERM_SOURCES = [
    "국방부",
    "국방장관",
    "기자",
    "동맹",
    "북한",
    "일본",
    "청와대",
    "합의",
    "국무부",
    "회담",
]

# Anything a payload could have added to the page, as a list of findings.
INJECTED_JS = """
() => {
  const bad = [];
  const urlAttrs = ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'background',
                    'poster', 'codebase', 'code', 'to', 'values', 'from', 'by'];
  for (const el of document.querySelectorAll('*')) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on')) { bad.push(`<${tag} ${name}>`); }
      if (name === 'srcdoc') { bad.push(`<${tag} srcdoc>`); }
      if (urlAttrs.includes(name) && /^\\s*(javascript|vbscript|data):/i.test(a.value)) {
        bad.push(`<${tag} ${name}=${a.value.slice(0, 40)}>`);
      }
    }
    // The editor's own preview frame (sandboxed, no scripts) is the one iframe allowed.
    const ours = tag === 'iframe' && el.dataset.testid === 'preview-frame'
      && (el.getAttribute('sandbox') || '').split(' ').indexOf('allow-scripts') < 0;
    if (!ours && ['iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'base', 'portal',
         'template', 'plaintext', 'xmp', 'xss', 'image', 'isindex', 'marquee'].includes(tag)) {
      bad.push(`<${tag}>`);
    }
    if (tag === 'script' && !(el.getAttribute('src') || '').startsWith('/static/')) {
      bad.push('<script> not from /static/');
    }
    if (tag === 'meta' && el.hasAttribute('http-equiv')) { bad.push('<meta http-equiv>'); }
    if (tag === 'style' || tag === 'link' && el.getAttribute('rel') !== 'stylesheet') {
      bad.push(`<${tag}>`);
    }
    if (el.id === '__xss' || el.getAttribute('name') === '__xss') { bad.push('named __xss'); }
    if (tag === 'input' && el.name === 'csrf_token' && el.value === 'stolen') {
      bad.push('a planted csrf_token');
    }
  }
  if (window.__xss !== undefined) { bad.push('window.__xss = ' + String(window.__xss)); }
  return bad;
}
"""

# The source cell's own text: its highlighted source without the hints under it.
SOURCES_JS = """
() => Array.from(document.querySelectorAll('section.segment')).map(row => {
  const cell = row.querySelector('.source').cloneNode(true);
  cell.querySelectorAll('p').forEach(p => p.remove());
  const area = row.querySelector('textarea[name=text]');
  const comments = Array.from(row.querySelectorAll('.thread p.comment')).map(p => {
    const br = p.querySelector('br');
    let text = '';
    for (let n = br.nextSibling; n; n = n.nextSibling) {
      text += n.nodeType === Node.TEXT_NODE ? n.textContent : '<' + n.nodeName + '>';
    }
    return text;
  });
  const rejected = row.querySelector('.rejected');
  return {
    key: row.dataset.key,
    source: cell.textContent,
    dataSource: row.querySelector('.source').dataset.source,
    marks: Array.from(row.querySelectorAll('mark.term')).map(m => m.title),
    hints: Array.from(row.querySelectorAll('.terms-hint strong')).map(s => s.textContent),
    text: area.value,
    saved: area.dataset.saved,
    comments: comments,
    rejected: rejected ? rejected.textContent : null,
  };
})
"""


@dataclass
class Hostile:
    """What the hostile desk holds: the big article, the small ones, the pair, the terms."""

    ctx: Context
    slug: str  # every payload in its body, a translation and a comment on every segment
    titles: dict[str, str]  # slug → title of the small articles (payloads as titles)
    aligned: str  # a pair whose both sides are payloads
    tm_keys: list[str]  # approved with a payload, then changed: a memory match to show


env = libretranslate_env(timeout=10)


PER = 5  # payloads per paragraph, translation and comment


def payload(n: int) -> str:
    return PAYLOADS[n % len(PAYLOADS)]


def short_payload(n: int, limit: int = 40) -> str:
    """The first payload from ``n`` on that fits a field of ``limit`` characters."""
    return next(p for k in range(n, n + len(PAYLOADS)) if len(p := payload(k)) <= limit)


def korean_wrapped(n: int) -> str:
    return f"{TERM_SOURCES[n % len(TERM_SOURCES)]} 관계자는 {payload(n)} 라고 말했다."


def _import_json(ctx: Context, article: dict[str, Any], source: str, slug: str) -> str:
    """Import ``article`` as a Korean JSON file named ``source``; its slug."""
    return services.import_article(
        ctx,
        json.dumps(article, ensure_ascii=False).encode(),
        source=source,
        format="json",
        locale="ko",
        slug=slug,
    ).slug


@pytest.fixture
def users(app: Flask) -> None:
    """The seeded fixture's users, without its sample article (quicker)."""
    ctx: Context = app.extensions["transdesk"]
    for name, role in (("tina", "translator"), ("eddie", "editor"), ("erin", "editor")):
        services.add_user(ctx, name, role, PASSWORD)


@pytest.fixture
def hostile(app: Flask, users: None) -> Hostile:
    ctx: Context = app.extensions["transdesk"]
    uid = {u.name: u.id for u in services.list_users(ctx)}
    tina, eddie, erin = uid["tina"], uid["eddie"], uid["erin"]

    # The big article: every payload in a paragraph (a few a paragraph, so that the page
    # stays small enough to be quick); title, subtitle and byline too.
    body = [
        " ".join([korean_wrapped(n) if n % 4 == 0 else payload(n) for n in range(k, k + PER)])
        for k in range(0, len(PAYLOADS), PER)
    ]
    article = {
        "title": "</title><script>window.__xss=1</script> 제목",
        "subtitle": '부제 "><img src=x onerror=window.__xss=1>',
        "byline": "기자 <svg onload=window.__xss=1>",
        "body": body,
    }
    slug = _import_json(ctx, article, "<img src=x onerror=window.__xss=1>.json", "hostile")

    # Terms whose sources occur in the article, with hostile renderings and notes.
    for n, source in enumerate(TERM_SOURCES):
        term = Term(
            source=source,
            target=payload(3 * n + 1),
            note=payload(3 * n + 2),
            pos=short_payload(3 * n),  # part of speech: at most 40 characters
            forbidden=(payload(n + 40), payload(n + 41)),
        )
        services.add_term(ctx, term, user_id=eddie)
    for n in range(30):  # and hostile sources, shown on the glossary page
        term = Term(source=payload(n + 100), target=payload(n + 130), note=payload(n + 160))
        services.add_term(ctx, term, user_id=eddie)

    # A translation (a payload) and a comment on every segment.
    la = services.show_article(ctx, slug, "en")
    keys = [e.segment.key for e in la.entries]
    for n, key in enumerate(keys):
        text = " ".join(payload(PER * n + i) for i in range(7, 7 + PER))
        services.save_translation(ctx, slug, "en", key, text, user_id=tina)
        comment = " ".join(payload(PER * n + i) for i in range(11, 11 + PER))
        services.add_comment(ctx, slug, "en", key, comment, user_id=tina)

    # Approved by another editor (into the memory), then changed: a memory suggestion.
    tm_keys: list[str] = []
    for key in keys[3:30]:
        if len(tm_keys) == 8:
            break
        try:
            services.approve(ctx, slug, "en", [key], user_id=erin)
        except WorkflowError:  # QA errors (a forbidden term, Hangul…): not this one
            continue
        tm_keys.append(key)
    assert len(tm_keys) >= 3
    for key in tm_keys:
        services.save_translation(ctx, slug, "en", key, "Changed since.", user_id=tina)
    # Sent back with hostile reasons.
    for n, key in enumerate(keys[30::3]):
        services.reject(ctx, slug, "en", key, payload(n + 23), user_id=eddie)

    # Small articles with hostile titles, in the lists and queues.
    titles: dict[str, str] = {}
    for n in range(16):
        small: dict[str, Any] = {
            "title": payload(17 * n + 5),
            "subtitle": payload(17 * n + 6),
            "byline": payload(17 * n + 8),
            "body": ["국방부는 오늘 회담을 열었다."],
        }
        s = _import_json(ctx, small, f"{payload(17 * n + 9)}.json", f"small-{n}")
        titles[s] = small["title"]
        services.save_translation(ctx, s, "en", "title", payload(17 * n + 10), user_id=tina)
        services.assign(
            ctx, s, "en", translator="tina", reviewer="erin", deadline=None, user_id=eddie
        )

    # A pair whose both sides are hostile: the alignment view.
    ko = {"title": payload(200), "body": [korean_wrapped(n) for n in range(12)]}
    en = {"title": payload(201), "body": [payload(n + 250) for n in range(12)]}
    aligned = _import_json(ctx, ko, "ko.json", "aligned")
    services.pair_translation(
        ctx,
        aligned,
        json.dumps(en, ensure_ascii=False).encode(),
        source="en.json",
        format="json",
        locale="en",
    )
    return Hostile(ctx, slug, titles, aligned, list(tm_keys))


@pytest.fixture
def browser_page(chromium: Any, live_server: str, users: None) -> Iterator[tuple[Any, list[str]]]:
    """A page with the CSP bypassed, logged in as eddie (an editor), and its dialogs."""
    context = chromium.new_context(bypass_csp=True, locale="en-US")
    page = context.new_page()
    dialogs: list[str] = []

    def on_dialog(dialog: Any) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    log_in(page, live_server, "eddie")
    yield page, dialogs
    context.close()


def visit(page: Any, dialogs: list[str], url: str, *, idle: bool = False) -> None:
    """Open ``url`` and check it; ``idle`` waits for the page's own requests too (editor)."""
    page.goto(url)
    page.wait_for_load_state("networkidle" if idle else "load")
    check_clean(page, dialogs, url)


def check_clean(page: Any, dialogs: list[str], where: str) -> None:
    injected = page.evaluate(INJECTED_JS)
    assert injected == [], f"{where}: {injected[:10]}"
    assert dialogs == [], f"{where}: dialogs {dialogs}"


def texts(page: Any, selector: str) -> list[str]:
    found: list[str] = page.locator(selector).evaluate_all("els => els.map(e => e.textContent)")
    return found


def test_the_payloads_are_many_and_varied() -> None:
    assert len(PAYLOADS) >= 200 and len(set(PAYLOADS)) == len(PAYLOADS)
    for needle in ("<script", "onerror=", "javascript:", "<svg", "srcdoc", "{{7*7}}", '"', "'"):
        assert any(needle in p for p in PAYLOADS), needle
    assert any(any("\uac00" <= c <= "\ud7a3" for c in p) for p in PAYLOADS)  # Hangul


def test_user_names_refuse_markup(app: Flask) -> None:
    ctx: Context = app.extensions["transdesk"]
    for p in PAYLOADS:
        with pytest.raises(BadInput):
            services.add_user(ctx, p, "translator", PASSWORD)
    assert services.list_users(ctx) == []


def test_stored_hostile_text_is_shown_as_text(
    browser_page: tuple[Any, list[str]], live_server: str, hostile: Hostile
) -> None:
    """One hostile desk, every page that shows what it stores (one set-up: it is slow)."""
    page, dialogs = browser_page
    editor(page, dialogs, live_server, hostile)
    conflict(page, dialogs, live_server, hostile)
    lists(page, dialogs, live_server, hostile)


def editor(page: Any, dialogs: list[str], live_server: str, hostile: Hostile) -> None:
    ctx, slug = hostile.ctx, hostile.slug
    la = services.show_article(ctx, slug, "en")
    stored = {e.segment.key: e for e in la.entries}
    # Every payload went in: the sources hold them all (split into sentences maybe).
    joined = "".join("".join(e.segment.source.split()) for e in la.entries)
    missing = [p for p in PAYLOADS if "".join(p.split()) not in joined]
    assert missing == [], f"{len(missing)} payloads are not in the sources: {missing[:5]}"

    visit(page, dialogs, f"{live_server}/articles/{slug}/en", idle=True)
    assert page.locator("h1").text_content() == la.article.meta.title
    assert page.locator("p.subtitle").text_content() == la.article.meta.subtitle
    assert " ".join(page.title().split()) == " ".join(
        f"{la.article.meta.title} · en · transdesk".split()
    )
    rows = page.evaluate(SOURCES_JS)
    assert len(rows) == len(la.entries)
    threads = services.comments(ctx, slug, "en")
    for row in rows:
        e = stored[row["key"]]
        where = f"segment {row['key']}"
        assert row["source"] == e.segment.source, where
        assert row["dataSource"] == e.segment.source, where
        assert row["text"] == e.translation.text == row["saved"], where
        assert row["comments"] == [c.body for c in threads.get(row["key"], [])], where
        if e.translation.rejected_reason:
            assert row["rejected"] == f"Sent back: {e.translation.rejected_reason}", where
    terms = {t.source: t for _, t in services.list_terms(ctx)}
    marked = [m for row in rows for m in row["marks"]]
    assert marked and all(m in {t.target for t in terms.values()} for m in marked)
    hints = [h for row in rows for h in row["hints"]]
    assert set(hints) == set(marked)
    assert sum(1 for row in rows if row["rejected"]) >= 10
    assert sum(1 for row in rows if "<" in row["text"]) >= 50

    # The memory panel: focusing a changed segment offers the approved hostile text.
    approved = {
        key: [r.text for r in services.segment_history(ctx, slug, "en", key).revisions][-2]
        for key in hostile.tm_keys
    }
    # The memory holds those and the aligned pair's English (pre-filled on pairing).
    aligned = services.show_article(ctx, hostile.aligned, "en")
    memory = set(approved.values()) | {e.translation.text for e in aligned.entries}
    for key in hostile.tm_keys:
        page.locator(f"#seg-{key} textarea").focus()
        page.locator(f"#seg-{key} .tm-match").first.wait_for()
        offered = texts(page, f"#seg-{key} .tm-match .suggestion-text")
        assert approved[key] in offered, (key, offered)
        assert set(offered) <= memory, (key, offered)
    # Machine translation of hostile sources (the stand-in echoes "EN: " + the text).
    for key in list(stored)[4:10]:
        page.locator(f"#seg-{key} textarea").focus()
        page.locator(f"#seg-{key} button[data-mt]").click()
        page.locator(f"#seg-{key} .mt-match").wait_for()
        shown = texts(page, f"#seg-{key} .mt-match .suggestion-text")
        answer = page.request.get(
            f"{live_server}/articles/{slug}/en/segments/{key}/mt/libretranslate"
        ).json()
        assert shown == [answer["text"]] and answer["text"].startswith("EN: ")
    # The comment form and the shortcuts dialog, opened.
    page.locator("button[data-comment-toggle]").first.click()
    page.keyboard.press("Escape")
    check_clean(page, dialogs, "the editor after use")

    # Each segment's history: the source, the notes and the words of every version.
    for key in [*hostile.tm_keys[:3], *[e.segment.key for e in la.entries[30:60:6]]]:
        hist = services.segment_history(ctx, slug, "en", key)
        visit(page, dialogs, f"{live_server}/articles/{slug}/en/segments/{quote(key)}/history")
        assert page.locator("p.source").text_content() == hist.source
        cells = texts(page, "table.history td.diff")
        assert cells == ["".join(t for _, t in r.diff) for r in reversed(hist.revisions)], key
        notes = texts(page, "table.history small.muted")
        assert notes == [r.note for r in reversed(hist.revisions) if r.note], key


def lists(page: Any, dialogs: list[str], live_server: str, hostile: Hostile) -> None:
    ctx = hostile.ctx
    titles = set(hostile.titles.values())

    visit(page, dialogs, f"{live_server}/")
    shown = set(texts(page, "td strong[lang]"))
    assert titles <= shown
    for path in ("/review", "/my-work"):
        visit(page, dialogs, f"{live_server}{path}")
        rows = page.locator("tr[data-slug]").evaluate_all(
            "rs => rs.map(r => [r.dataset.slug, r.querySelector('a').textContent])"
        )
        listed = {s: t for s, t in rows}
        for s, title in hostile.titles.items():
            if path == "/review":
                assert listed.get(s) == title, (path, s)
            assert s not in listed or listed[s] == title, (path, s)
    visit(page, dialogs, f"{live_server}/my-work")  # as erin's colleague: nothing assigned
    visit(page, dialogs, f"{live_server}/dashboard")

    visit(page, dialogs, f"{live_server}/glossary")
    cells = page.locator("table tbody tr").evaluate_all(
        "rs => rs.map(r => Array.from(r.querySelectorAll('td')).map(td => td.textContent))"
    )
    for _, t in services.list_terms(ctx):
        row = [t.source, t.target, f"{t.source_lang} → {t.target_lang}", t.pos or "", t.note or ""]
        assert any(c[: len(row)] == row for c in cells), t.source
        assert any(c[5] == ", ".join(t.forbidden) for c in cells if c[0] == t.source)

    visit(page, dialogs, f"{live_server}/audit")
    # The log in people's words (issue 15): each line's detail shows as text in its sentence.
    lines = services.audit_story(ctx)
    rows = page.locator("table.audit tr[data-action]").evaluate_all(
        "rs => rs.map(r => r.querySelectorAll('td')[1].textContent)"
    )
    assert len(rows) == len(lines)
    for text, line in zip(rows, lines, strict=True):
        if line.action not in ("replace", "undo_replace"):
            assert (line.detail or "") in text, (line.action, line.detail)
    assert sum(1 for r in rows if "<" in r) >= 10  # file names, reasons

    al = services.alignment_view(ctx, hostile.aligned, "en")
    visit(page, dialogs, f"{live_server}/articles/{hostile.aligned}/en/alignment")
    assert texts(page, "td.source p[data-source]") == [
        al.source[i].source for bead in al.beads for i in bead.source
    ]
    targets = page.locator("td.target p[data-target]").evaluate_all(
        "ps => ps.map(p => { const c = p.cloneNode(true);"
        " c.querySelectorAll('span').forEach(s => s.remove()); return c.textContent; })"
    )
    assert targets == [al.target[j] for bead in al.beads for j in bead.target]


def test_hostile_urls_are_shown_as_text(
    app: Flask, browser_page: tuple[Any, list[str]], live_server: str
) -> None:
    page, dialogs = browser_page
    tiny = {"title": "제목", "body": ["국방부는 오늘 회담을 열었다."]}
    services.import_article(
        app.extensions["transdesk"],
        json.dumps(tiny, ensure_ascii=False).encode(),
        source="tiny.json",
        locale="ko",
        slug="tiny",
    )
    # Filters echo what was asked for, in the field.
    for p in PAYLOADS[::19]:
        visit(page, dialogs, f"{live_server}/audit?{urlencode({'action': p})}")
        assert page.locator("input[name=action]").input_value() == p
    for p in PAYLOADS[3::41]:
        visit(page, dialogs, f"{live_server}/articles/tiny/en?{urlencode({'q': p})}")
        assert page.locator("input[name=q]").input_value() == p
    # Error pages name what was not found, as text.
    for p in [p for p in PAYLOADS if "/" not in p and "\\" not in p and "%" not in p][::13]:
        visit(page, dialogs, f"{live_server}/articles/{quote(p, safe='')}/en")
        message = page.get_by_test_id("error-message").text_content() or ""
        assert p in message or repr(p) in message, (p, message)
    visit(page, dialogs, f"{live_server}/jobs/x?{urlencode({'back': PAYLOADS[0]})}")


def conflict(page: Any, dialogs: list[str], live_server: str, hostile: Hostile) -> None:
    ctx, slug = hostile.ctx, hostile.slug
    key = services.show_article(ctx, slug, "en").entries[-5].segment.key
    tina = next(u.id for u in services.list_users(ctx) if u.name == "tina")
    visit(page, dialogs, f"{live_server}/articles/{slug}/en")
    theirs, mine = PAYLOADS[40], PAYLOADS[41]
    services.save_translation(ctx, slug, "en", key, theirs, user_id=tina)  # meanwhile
    page.locator(f"#seg-{key} textarea").fill(mine)
    page.locator(f"#seg-{key} button[type=submit]").first.click()
    # The conflict is shown in the row (editor.js): their text beside mine, both as text.
    page.locator(f"#seg-{key} .row-error[role=alert]:not([hidden])").wait_for()
    check_clean(page, dialogs, "the conflict in the row")
    assert page.locator(f"#seg-{key}").get_by_test_id("theirs").text_content() == theirs
    assert page.locator(f"#seg-{key} textarea").input_value() == mine

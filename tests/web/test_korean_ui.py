"""The Korean UI is Korean: every page, every error, every QA finding.

Every GET page of the app (the routes of ``app.url_map``, with the arguments of the access
matrix's seeded desk) is rendered in Korean for a translator, an editor and an administrator,
and so are error pages (404, 403, a domain error, a refused form). The visible text of each
page — the article's own text aside (elements with a ``lang`` other than Korean, form fields
holding text, code) — must not hold an English word of the UI catalog: a word of an English
message id that its Korean translation does not keep (``PDF``, ``URL``, ``XLIFF`` are kept).

Then every message the code raises (each error class, each template, see
``tests/test_messages.py``) is rendered in Korean through the web's error handler.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import lxml.html
import polib
from flask import Flask, url_for
from flask.testing import FlaskClient

from tests.test_messages import _calls, _literal
from tests.web import test_access_matrix as matrix
from tests.web.conftest import login
from tests.web.test_access_matrix import LOGINS, World, routes, url_args
from workflow import errors
from workflow.errors import BadInput, WorkflowError

REPO = Path(__file__).resolve().parents[2]
KO = REPO / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
KOREAN = {"Accept-Language": "ko"}
#: The access matrix's seeded desk (an article paired, a job, a term, users, tokens).
env = matrix.env
world = matrix.world
WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.:/@'’-]*")
HANGUL = re.compile(r"[\uac00-\ud7a3]")
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]")
QUOTED = re.compile(r"<[^<>]*>|'[^']*'")
#: Pages that are not HTML (downloads, JSON), and the API: no UI text to judge.
#: The preview is the article as its readers will see it, in the target language: not UI.
NOT_PAGES = {"static", "health.healthz", "api.openapi", "preview.preview"}
#: Kept as they are in Korean too: the time zone's abbreviation, as Korean papers print it.
KEPT = frozenset({"KST"})
#: What the seeded desk's people typed in English (data, not UI): an API token's name.
TYPED = ("to revoke", "“ the ”", "“ THE ”")  # a token name; a replace of the matrix
#: Attributes people read.
READ_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")


@cache
def english_ui_words() -> frozenset[str]:
    """Words of the catalog's English that the Korean translations do not keep."""
    catalog = polib.pofile(str(KO))
    english: set[str] = set()
    kept: set[str] = set()
    for entry in catalog:
        for text in (entry.msgid, entry.msgid_plural):
            english |= {w.lower() for w in WORD.findall(PLACEHOLDER.sub(" ", text or ""))}
        for text in [entry.msgstr, *entry.msgstr_plural.values()]:
            text = QUOTED.sub(" ", PLACEHOLDER.sub(" ", text or ""))  # <source>, 'title:'
            kept |= {w.lower() for w in WORD.findall(text)}
    plain = {w for w in english if w.isalpha()}  # ids, paths, snake_case are data
    return frozenset(plain - kept)


def visible_text(html: str) -> str:
    """What a reader of the page sees, the article's own text and typed-in values aside."""
    doc = lxml.html.fromstring(html)
    for el in doc.xpath("//script|//style|//textarea|//code|//pre|//template"):
        el.drop_tree()
    for el in doc.xpath("//*[@lang]"):
        if el.tag != "html" and not el.get("lang", "").startswith("ko"):
            el.drop_tree()
    parts = [doc.text_content()]
    for attribute in READ_ATTRIBUTES:
        parts += doc.xpath(f"//@{attribute}")
    parts += doc.xpath("//input[@type='submit' or @type='button']/@value")
    parts += doc.xpath("//head/title/text()")
    return "\n".join(str(p) for p in parts)


def english_left(html: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    words = english_ui_words()
    text = visible_text(html)
    for typed in TYPED:
        text = text.replace(typed, " ")
    allowed |= KEPT
    return sorted({w for w in WORD.findall(text) if w.lower() in words and w not in allowed})


def _around(text: str, word: str) -> str:
    match = re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text)
    return text[max(0, match.start() - 30) : match.end() + 30] if match else ""


def pages(app: Flask, w: World) -> Iterator[tuple[str, str]]:
    """(endpoint, URL) of every HTML page a GET reaches."""
    for rule, method in routes(app):
        if method != "GET" or rule.endpoint in NOT_PAGES or rule.rule.startswith("/api/"):
            continue
        with app.test_request_context():
            yield rule.endpoint, url_for(rule.endpoint, **url_args(rule, w))


def korean_client(app: Flask, role: str) -> FlaskClient:
    client = app.test_client()
    client.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ko"
    login(client, LOGINS[role])
    return client


def check_page(client: FlaskClient, url: str, what: str, problems: list[str]) -> int:
    r = client.get(url)
    status = r.status_code
    if "text/html" not in r.headers.get("Content-Type", ""):
        return status
    html = r.get_data(as_text=True)
    if "<html" in html and not re.search(r'<html lang="ko"', html):  # fragments have none
        problems.append(f"{what}: the page is not in Korean (<html lang>)")
    left = english_left(html)
    if left:
        text = " ".join(visible_text(html).split())
        shown = [f"{w} («{_around(text, w)}»)" for w in left]
        problems.append(f"{what} ({status}): English left: {'; '.join(shown)}")
    return status


def test_every_page_is_korean(app: Flask, world: World) -> None:
    """Every GET page for a translator, an editor and an administrator, the login page and
    error pages (404, 403, NotFound, BadInput), on one seeded desk."""
    problems: list[str] = []
    for role in ("translator", "editor", "admin"):
        client = korean_client(app, role)
        seen = 0
        for endpoint, url in pages(app, world):
            status = check_page(client, url, f"{role} GET {url} ({endpoint})", problems)
            seen += status == 200
        assert seen >= 12, f"the crawl reached too few pages as {role}"
    anonymous = app.test_client()
    anonymous.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ko"
    assert check_page(anonymous, "/login", "login", problems) == 200
    translator = korean_client(app, "translator")
    editor = korean_client(app, "editor")
    errors_seen = {
        check_page(translator, "/no/such/page", "404", problems),
        check_page(translator, "/audit", "403", problems),
        check_page(translator, "/articles/no-such-article/en", "NotFound", problems),
        check_page(editor, "/audit?user=nobody", "BadInput", problems),
    }
    assert errors_seen == {404, 403, 400}, errors_seen
    # A save over someone else's: the conflict page (a POST answer) is Korean too.
    writer = app.test_client()
    writer.environ_base["HTTP_ACCEPT_LANGUAGE"] = "ko"
    token = login(writer, LOGINS["translator"])
    key = world.keys[3]
    saved = writer.post(
        f"/articles/{world.slug}/en/segments/{key}",
        data={"csrf_token": token, "text": "A late edit.", "version": "0"},
    )
    assert saved.status_code == 409
    page = saved.get_data(as_text=True)
    assert "다른 사람이 세그먼트" in page
    problems += [f"conflict: English left: {w}" for w in english_left(page)]
    assert not problems, "\n".join(problems)


def test_the_ui_word_list_is_the_catalogs_english() -> None:
    words = english_ui_words()
    assert {"approve", "glossary", "translation", "segment"} <= words
    assert not {"xliff", "url", "api"} & words  # kept in Korean as they are
    page = '<html lang="ko"><body><p>승인</p><p lang="en">Approve the translation</p></body></html>'
    assert english_left(page) == []
    assert english_left(page.replace("<p>승인</p>", "<p>Approve</p>")) == ["Approve"]


# -- every message the code raises, in Korean --------------------------------------------


def _sample(template: str) -> dict[str, object]:
    return {name: "X" for name in re.findall(r"%\((\w+)\)", template)}


def raised_messages() -> list[tuple[str, str, str]]:
    """(class, template, where) of every literal message made with an error class."""
    found = {}
    for path, line, name, arg in _calls():
        text = _literal(arg)
        if text and name != "Message":
            found[(name, text)] = f"{path}:{line}"
    return [(name, text, where) for (name, text), where in sorted(found.items())]


def _error_classes() -> dict[str, type[WorkflowError]]:
    """Every WorkflowError subclass by name, those outside workflow/errors.py included."""
    import workflow.machinery.errors
    import workflow.security.netpolicy
    import workflow.services.webhooks  # noqa: F401

    found: dict[str, type[WorkflowError]] = {}
    todo: list[type[WorkflowError]] = [WorkflowError]
    while todo:
        cls = todo.pop()
        found[cls.__name__] = cls
        todo += cls.__subclasses__()
    return found


def _error(name: str, template: str) -> WorkflowError:
    from workflow.machinery.errors import EmbargoViolation, ProviderError

    cls = _error_classes()[name]
    extra: dict[str, object] = {
        "VersionConflict": {"current_text": "", "current_version": 1},
        "PublishBlocked": {"pending": 1},
        "ChecksBlock": {"findings": {}},
        "Throttled": {"retry_after": 60},
    }.get(name, {})
    if issubclass(cls, ProviderError | EmbargoViolation):
        extra = {"provider": "libretranslate"}
    params = _sample(template)
    if issubclass(cls, BadInput):
        return cls(template, field="x", **params)  # type: ignore[no-any-return]
    return cls(template, **extra, **params)  # type: ignore[no-any-return]


def test_every_error_message_renders_in_korean(app: Flask) -> None:
    from web.errors import handle_workflow_error

    catalog = {e.msgid: e.msgstr for e in polib.pofile(str(KO))}
    messages = raised_messages()
    assert len(messages) > 200
    classes = {name for name, _, _ in messages}
    problems = []
    with app.test_request_context("/", headers=KOREAN):
        for name, template, where in messages:
            error = _error(name, template)
            response = app.make_response(handle_workflow_error(error))
            page = response.get_data(as_text=True)
            korean = catalog.get(template, "")
            expected = _error(name, template).localize(lambda t: catalog.get(t) or t)
            if not HANGUL.search(korean) and re.search("[a-z]{3}", PLACEHOLDER.sub("", korean)):
                problems.append(f"{where}: {template!r} has no Korean translation")
            if expected not in lxml.html.fromstring(page).text_content():
                problems.append(f"{where}: {name} page does not show {expected!r}")
            if not HANGUL.search(lxml.html.fromstring(page).xpath("//h1")[0].text_content()):
                problems.append(f"{where}: {name} page title is not Korean")
    assert {"NotFound", "BadInput", "PermissionDenied", "InvalidTransition"} <= classes
    assert not problems, "\n".join(problems)


def test_an_error_is_korean_in_json_and_english_on_the_cli(app: Flask) -> None:
    from web.errors import handle_workflow_error

    error = errors.NotFound("no article %(ref)r (give its id or slug)", ref="x")
    with app.test_request_context("/", headers={**KOREAN, "Accept": "application/json"}):
        body = app.make_response(handle_workflow_error(error)).get_json()
    assert body == {
        "error": "NotFound",
        "message": "기사 'x'이(가) 없습니다(id나 슬러그를 주세요)",
        "text": "찾을 수 없습니다. 지워졌거나 볼 권한이 없을 수 있습니다.",
    }
    assert str(error) == "no article 'x' (give its id or slug)"


def test_every_audit_action_and_check_has_a_korean_name(app: Flask) -> None:
    from web.filters import action_name, tr_text
    from workflow.checks.defaults import default_checks
    from workflow.states import AUDIT_ACTIONS

    with app.test_request_context("/", headers=KOREAN):
        names = {a: action_name(a) for a in AUDIT_ACTIONS}
        untranslated = [a for a, n in names.items() if not HANGUL.search(n) and "API" not in n]
        assert not untranslated
        for check in default_checks():
            assert tr_text(check.name) != check.name, check.id
            assert HANGUL.search(tr_text(check.description)), check.id


def test_stored_english_is_read_back_and_translated(app: Flask) -> None:
    from web.filters import stored_text

    detail = "a.txt (hani-text), 3 segments, desk news"
    with app.test_request_context("/", headers=KOREAN):
        assert stored_text(detail) == "a.txt (hani-text), 세그먼트 3개, news 부서"
        assert stored_text("100% match (tm, no context)") == "100% 일치 (tm, 문맥 없음)"
        assert stored_text("typed by a person") == "typed by a person"
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert stored_text(detail) == detail

"""Size, depth and entity limits on all uploads: a clear 4xx or BadInput, nothing stored.

The web caps a request at ``MAX_CONTENT_LENGTH`` (413 with the limit, HTML or JSON); the
readers cap their input (articles ``MAX_ARTICLE_BYTES`` and paragraph/heading/body lengths,
catalogs ``MAX_UPLOAD_BYTES``, TBX and CSV ``DEFAULT_MAX_BYTES``); XML is parsed without
DTDs, entity expansion or network, with libxml2's depth (256) and text-node (10 MB) limits,
so entity bombs, external entities and deep nesting are refused. No zip is ever read.
"""

from __future__ import annotations

import ast
import io
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.web.conftest import PASSWORD, login
from tests.workflow.test_importers_fuzz import BILLION_LAUGHS, KO_SAMPLE, fingerprint
from workflow import services
from workflow.catalog.entries import MAX_UPLOAD_BYTES
from workflow.errors import BadInput, ImportFailed
from workflow.glossary import DEFAULT_MAX_BYTES, read_tbx, read_terms_csv
from workflow.importers import read_article
from workflow.importers.base import (
    MAX_ARTICLE_BYTES,
    MAX_BODY_CHARS,
    MAX_HEADING_CHARS,
    MAX_PARAGRAPH_CHARS,
)
from workflow.services import Context

REPO = Path(__file__).resolve().parents[2]
XXE = '<!DOCTYPE {root} [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
LAUGH = "&lol9;"


@pytest.fixture
def paired(ctx: Context) -> str:
    services.add_user(ctx, "eddie", "editor", PASSWORD)
    ko = KO_SAMPLE.read_bytes()
    slug = services.import_article(ctx, ko, source=KO_SAMPLE.name, locale="ko").slug
    en = (KO_SAMPLE.parent / "hani-en-689225.txt").read_bytes()
    services.pair_translation(ctx, slug, en, source="en.txt", locale="en")
    return slug


def _user(ctx: Context) -> int:
    return next(u.id for u in services.list_users(ctx) if u.name == "eddie")


# -- the web: 413 ------------------------------------------------------------------------


@pytest.fixture
def web(app: Flask, client: FlaskClient) -> tuple[FlaskClient, str, str]:
    ctx: Context = app.extensions["transdesk"]
    services.add_user(ctx, "eddie", "editor", PASSWORD)
    slug = services.import_article(
        ctx, KO_SAMPLE.read_bytes(), source=KO_SAMPLE.name, locale="ko"
    ).slug
    return client, login(client, "eddie"), slug


UPLOADS = (
    "/articles/import",
    "/articles/{slug}/pair",
    "/articles/{slug}/en/upload",
    "/articles/{slug}/update",
    "/glossary/import",
)


def _multipart(token: str, data: bytes, name: str, locale: str = "en") -> tuple[bytes, str]:
    """A form body built in memory (the test client spools a big one to an unclosed file)."""
    boundary = "fuzz-boundary-7d1c"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
        for key, value in (("csrf_token", token), ("locale", locale))
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def test_an_upload_over_the_request_limit_is_a_clear_413_on_every_endpoint(
    app: Flask, web: tuple[FlaskClient, str, str]
) -> None:
    client, token, slug = web
    limit = app.config["MAX_CONTENT_LENGTH"]
    message = "the file is too large: the limit for an upload is 5 MB"
    body, content_type = _multipart(token, b"x" * limit, "big.txt")
    before = fingerprint(app.extensions["transdesk"])
    for path in UPLOADS:
        for accept in ("text/html", "application/json"):
            response = client.post(
                path.format(slug=slug),
                data=body,
                content_type=content_type,
                headers={"Accept": accept},
            )
            assert response.status_code == 413, (path, accept)
            if accept == "application/json":
                assert response.get_json() == {
                    "error": "RequestEntityTooLarge",
                    "message": message,
                    "text": "This is too large to send: the limit is 5 MB.",
                }
            else:
                assert message in response.get_data(as_text=True), path
    assert fingerprint(app.extensions["transdesk"]) == before


def test_an_upload_under_the_request_limit_but_over_the_reader_limit_is_a_400(
    app: Flask, web: tuple[FlaskClient, str, str]
) -> None:
    client, token, _ = web
    data = b"Title\n\n" + b"A long line of text. " * (MAX_ARTICLE_BYTES // 21 + 1)
    assert MAX_ARTICLE_BYTES < len(data) < app.config["MAX_CONTENT_LENGTH"]
    body, content_type = _multipart(token, data, "big.txt", locale="ko")
    response = client.post(
        "/articles/import",
        data=body,
        content_type=content_type,
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert response.get_json()["message"] == (
        f"big.txt: the file is too large: {len(data):,} bytes, the limit is 5,000,000"
    )


# -- article limits ----------------------------------------------------------------------


def test_an_article_file_over_the_byte_limit_is_refused_and_nothing_stored(ctx: Context) -> None:
    data = b"x" * (MAX_ARTICLE_BYTES + 1)
    before = fingerprint(ctx)
    with pytest.raises(ImportFailed, match=r"^a\.txt: the file is too large: 5,000,001 bytes"):
        services.import_article(ctx, data, source="a.txt", locale="ko")
    assert fingerprint(ctx) == before


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Title\n\nShort one.\n" + "Word " * (MAX_PARAGRAPH_CHARS // 5 + 1),
            r"^p\.txt, field 'body': paragraph 2 has [\d,]+ characters, the limit is 20,000",
        ),
        (
            # dated: without a date line so long a first line is body, not a headline
            "T" * (MAX_HEADING_CHARS + 1) + "\nPosted on : 2015-04-30 17:24 KST\n\nBody.\n",
            r"^p\.txt, field 'title': the title has 2,001 characters, the limit is 2,000",
        ),
        (
            "Title\n\n" + ("Word. " * 3000 + "\n") * (MAX_BODY_CHARS // 18_000 + 1),
            r"^p\.txt, field 'body': the body has [\d,]+ characters, the limit is 300,000$",
        ),
    ],
)
def test_articles_over_the_text_limits_are_refused_with_the_field(
    ctx: Context, text: str, message: str
) -> None:
    before = fingerprint(ctx)
    with pytest.raises(ImportFailed, match=message):
        services.import_article(ctx, text.encode(), source="p.txt", locale="en", format="hani-text")
    assert fingerprint(ctx) == before


def test_html_entities_and_doctype_do_not_reach_the_file_system() -> None:
    page = (
        b'<!DOCTYPE html [<!ENTITY e SYSTEM "file:///etc/passwd">]><html><body><article>'
        b"<h1>T</h1><p>Body &e; text.</p></article></body></html>"
    )
    article = read_article(page, source="x.html")
    assert "root:" not in " ".join(article.blocks)


# -- XML: entity bombs, external entities, depth, text size ------------------------------


def _xliff(prolog: str, root_attr: str = "", text: str = "Hi") -> bytes:
    return (
        f'<?xml version="1.0"?>{prolog}<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0"'
        f' version="2.0" srcLang="ko" trgLang="en"{root_attr}><file id="x"><unit id="title">'
        f"<segment><source>s</source><target>{text}</target></segment></unit></file></xliff>"
    ).encode()


def _tmx(prolog: str, root_attr: str = "", text: str = "Hi") -> bytes:
    return (
        f'<?xml version="1.0"?>{prolog}<tmx version="1.4"{root_attr}><header/><body><tu>'
        f'<tuv xml:lang="ko"><seg>정부</seg></tuv><tuv xml:lang="en"><seg>{text}</seg></tuv>'
        "</tu></body></tmx>"
    ).encode()


def _tbx(prolog: str, root_attr: str = "", text: str = "Hi") -> bytes:
    return (
        f'<?xml version="1.0"?>{prolog}<tbx{root_attr}><text><body><conceptEntry>'
        '<langSec xml:lang="ko"><termSec><term>정부</term></termSec></langSec>'
        f'<langSec xml:lang="en"><termSec><term>{text}</term></termSec></langSec>'
        "</conceptEntry></body></text></tbx>"
    ).encode()


def _upload(ctx: Context, slug: str, kind: str, data: bytes) -> None:
    if kind == "xliff":
        services.import_catalog(ctx, slug, "en", data, source="u.xlf", user_id=_user(ctx))
    elif kind == "tmx":
        services.tm_import(ctx, io.BytesIO(data), source="u.tmx")
    else:
        services.import_terms(ctx, data, source="u.tbx")


BUILD = {"xliff": _xliff, "tmx": _tmx, "tbx": _tbx}
ROOT = {"xliff": "xliff", "tmx": "tmx", "tbx": "tbx"}


@pytest.mark.parametrize("kind", ["xliff", "tmx", "tbx"])
@pytest.mark.parametrize("where", ["attribute", "text"])
def test_billion_laughs_is_refused_and_nothing_stored(
    ctx: Context, paired: str, kind: str, where: str
) -> None:
    prolog = BILLION_LAUGHS.replace("lolz", ROOT[kind])
    data = (
        BUILD[kind](prolog, root_attr=f' a="{LAUGH}"')
        if where == "attribute"
        else BUILD[kind](prolog, text=LAUGH)
    )
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=r"^u\.(xlf|tmx|tbx)(, line 1)?: .*(DOCTYPE|amplification)"):
        _upload(ctx, paired, kind, data)
    assert fingerprint(ctx) == before


@pytest.mark.parametrize("kind", ["xliff", "tmx", "tbx"])
@pytest.mark.parametrize("where", ["attribute", "text"])
def test_external_entities_are_refused_and_never_read(
    ctx: Context, paired: str, kind: str, where: str
) -> None:
    prolog = XXE.format(root=ROOT[kind])
    data = (
        BUILD[kind](prolog, root_attr=' a="&e;"')
        if where == "attribute"
        else BUILD[kind](prolog, text="&e;")
    )
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=r"^u\.(xlf|tmx|tbx)(, line 1)?: ") as caught:
        _upload(ctx, paired, kind, data)
    assert "root:" not in str(caught.value)
    assert fingerprint(ctx) == before


@pytest.mark.parametrize("kind", ["xliff", "tmx", "tbx"])
def test_nesting_deeper_than_256_is_refused(ctx: Context, paired: str, kind: str) -> None:
    tag = {"xliff": "pc", "tmx": "hi", "tbx": "hi"}[kind]
    deep = f"<{tag}>" * 300 + "x" + f"</{tag}>" * 300
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=r"XML syntax error: Excessive depth|not well-formed XML"):
        _upload(ctx, paired, kind, BUILD[kind]("", text=deep))
    assert fingerprint(ctx) == before


def test_a_tmx_text_node_over_libxml2s_limit_is_refused(ctx: Context) -> None:
    # TMX is streamed (a 1 GB memory is fine) but one node may not exceed 10 MB
    data = _tmx("", text="가" * 3_500_000)
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=r"^u\.tmx, line 1: XML syntax error: .*Text node too long"):
        services.tm_import(ctx, io.BytesIO(data), source="u.tmx")
    assert fingerprint(ctx) == before


# -- byte limits of the other readers ----------------------------------------------------


def test_catalog_upload_over_its_limit_is_refused(ctx: Context, paired: str) -> None:
    data = b'msgid ""\nmsgstr ""\n' + b"#" * MAX_UPLOAD_BYTES
    before = fingerprint(ctx)
    with pytest.raises(BadInput, match=r"^u\.po: the file is too large: [\d,]+ bytes, the limit"):
        services.import_catalog(ctx, paired, "en", data, source="u.po", user_id=_user(ctx))
    assert fingerprint(ctx) == before


@pytest.mark.parametrize("reader", [read_terms_csv, read_tbx])
def test_glossary_files_over_their_limit_are_refused(reader: object) -> None:
    assert callable(reader)
    with pytest.raises(BadInput, match=r"^g: .*larger|^g: the file is too large"):
        reader(b"source,target\n" + b"x" * 100, source="g", max_bytes=50)
    assert DEFAULT_MAX_BYTES == 20_000_000


# -- zips --------------------------------------------------------------------------------


#: The one reader of zips, with member, size and path limits (tests/web/test_archive_web.py).
ZIP_READERS = {"workflow/services/archive_upload.py"}


def test_no_zip_is_ever_read() -> None:
    """Zips are only written (the bundle); reading one needs member, size and path limits."""
    for folder in ("workflow", "web"):
        for path in (REPO / folder).rglob("*.py"):
            if str(path.relative_to(REPO)) in ZIP_READERS:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in (
                    "ZipFile",
                    "open",
                ):
                    base = getattr(node.func, "value", None)
                    if getattr(base, "id", "") not in ("zipfile", "tarfile"):
                        continue
                    mode = node.args[1] if len(node.args) > 1 else None
                    mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
                    assert isinstance(mode, ast.Constant) and mode.value in ("w", "x"), (
                        f"{path.relative_to(REPO)}:{node.lineno} reads an archive"
                    )

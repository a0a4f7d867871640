"""Every message a person can read goes through the UI catalogs, and the Korean one is whole.

* Errors (``workflow/errors.py``) and :class:`~workflow.errors.Message` values carry an English
  template and parameters; a call site that builds the text itself (an f-string, ``+``, ``%``,
  ``.format``) could not be translated, so it fails here with its file and line.
* ``make messages`` extracts with every error class as a keyword (``MESSAGE_KEYWORDS``); a new
  error class missing from that list fails here.
* The Korean catalog translates every entry (none empty, none fuzzy) with the same
  placeholders, and knows every literal message of the code: a message added since the last
  ``make messages`` fails here naming it (run ``make messages``, translate the new entries in
  ``locales/ko/LC_MESSAGES/messages.po``, see docs/ui-terms.md for the words).
* Every audit action the services record has a name for people (``states.AUDIT_ACTIONS``).
"""

from __future__ import annotations

import ast
import pickle
import re
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest

from workflow import errors
from workflow.errors import BadInput, Message, NotFound, UnknownPlugin, WorkflowError
from workflow.states import AUDIT_ACTIONS

REPO = Path(__file__).resolve().parents[1]
KO = REPO / "locales" / "ko" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]|%%")


def _error_classes() -> set[str]:
    """Message and every WorkflowError subclass, in workflow/errors.py or elsewhere
    (``machinery/errors.py``…), found in the source by their bases."""
    found = {
        name
        for name, value in vars(errors).items()
        if isinstance(value, type) and (issubclass(value, WorkflowError) or value is Message)
    }
    classes = [
        node
        for folder in ("workflow", "web")
        for path in sorted((REPO / folder).rglob("*.py"))
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]
    grew = True
    while grew:
        before = len(found)
        for node in classes:
            bases = {getattr(b, "id", None) or getattr(b, "attr", None) for b in node.bases}
            if bases & (found - {"Message"}):
                found.add(node.name)
        grew = len(found) > before
    return found


#: The classes whose first argument is a message id.
CLASSES = _error_classes()


def _calls() -> Iterator[tuple[str, int, str, ast.expr]]:
    """(file, line, class, message argument) of every error or Message made in the code."""
    for folder in ("workflow", "web"):
        for path in sorted((REPO / folder).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call) or not node.args:
                    continue
                func = node.func
                name = getattr(func, "id", None) or getattr(func, "attr", None)
                if name in CLASSES:
                    yield str(path.relative_to(REPO)), node.lineno, name, node.args[0]


def _literal(node: ast.expr) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return None


def _built(node: ast.expr) -> bool:
    """True when the message is assembled at run time (and so cannot be a catalog id)."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    if isinstance(node, ast.Call):  # str(exc), "…".format(…), "; ".join(…)
        return True
    if isinstance(node, ast.IfExp):
        return _built(node.body) or _built(node.orelse)
    return False


def _catalog() -> polib.POFile:
    return polib.pofile(str(KO))


def test_messages_are_templates_not_assembled_text() -> None:
    assembled = [
        f"{path}:{line}: {name}({ast.unparse(arg)[:70]}…)"
        for path, line, name, arg in _calls()
        if _built(arg)
    ]
    assert not assembled, (
        "a message built at run time cannot be translated; write an English template with "
        '%(name)s slots and pass the values: raise NotFound("no article %(ref)r", ref=ref)\n'
        + "\n".join(assembled)
    )


def test_every_error_class_is_an_extraction_keyword() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^MESSAGE_KEYWORDS := (.*?)\n(?=\S)", makefile, re.M | re.S)
    assert match, "MESSAGE_KEYWORDS not found in the Makefile"
    keywords = set(match.group(1).replace("\\", " ").split())
    missing = sorted(CLASSES - keywords)
    assert not missing, f"add {missing} to MESSAGE_KEYWORDS in the Makefile"


def test_the_korean_catalog_is_whole() -> None:
    problems = []
    for entry in _catalog():
        if entry.obsolete:
            continue
        texts = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        if "fuzzy" in entry.flags or not all(texts):
            problems.append(f"untranslated or fuzzy: {entry.msgid!r}")
            continue
        want = sorted(PLACEHOLDER.findall(entry.msgid))
        for text in texts:
            if entry.msgid_plural:  # a plural form may leave %(num)d out
                got = set(PLACEHOLDER.findall(text)) - set(PLACEHOLDER.findall(entry.msgid_plural))
                if got:
                    problems.append(f"placeholders {sorted(got)} unknown in {entry.msgid!r}")
            elif "%(" in entry.msgid and sorted(PLACEHOLDER.findall(text)) != want:
                problems.append(f"placeholders differ: {entry.msgid!r} → {text!r}")
    assert not problems, "locales/ko/LC_MESSAGES/messages.po:\n" + "\n".join(problems)


def test_every_message_of_the_code_is_in_the_korean_catalog() -> None:
    known = {e.msgid for e in _catalog() if e.msgstr and "fuzzy" not in e.flags}
    missing = sorted(
        {
            f"{path}:{line}: {text!r}"
            for path, line, _, arg in _calls()
            if (text := _literal(arg)) is not None and text and text not in known
        }
    )
    assert not missing, (
        "messages not (yet) translated into Korean: run `make messages`, translate them in "
        "locales/ko/LC_MESSAGES/messages.po (docs/ui-terms.md has the words)\n" + "\n".join(missing)
    )


def _audit_actions() -> Iterator[tuple[str, int, str]]:
    """Literal ``action=`` values of the services' ``audit.audit`` calls."""
    for path in sorted((REPO / "workflow" / "services").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or getattr(node.func, "attr", None) != "audit":
                continue
            for kw in node.keywords:
                if kw.arg != "action":
                    continue
                values = (
                    [kw.value.body, kw.value.orelse]
                    if isinstance(kw.value, ast.IfExp)
                    else [kw.value]
                )
                for value in values:
                    if (text := _literal(value)) is not None:
                        yield str(path.relative_to(REPO)), node.lineno, text


def test_every_audit_action_has_a_name_for_people() -> None:
    found = list(_audit_actions())
    assert len(found) > 10  # the scan sees the services' audit calls
    unnamed = sorted({f"{p}:{n}: {a!r}" for p, n, a in found if a not in AUDIT_ACTIONS})
    assert not unnamed, "add these actions to workflow/states.AUDIT_ACTIONS:\n" + "\n".join(unnamed)


# -- Message and errors: English for the CLI, translated for people ------------------------

KOREAN = {
    "no article %(ref)r (give its id or slug)": "기사 %(ref)r이(가) 없습니다",
    "field %(field)r": "필드 %(field)r",
    "line %(line)s": "%(line)s행",
    "%(what)s: %(problem)s": "%(what)s: %(problem)s",
    "a full stop": "마침표",
    "the source ends with %(source_end)s, the translation with %(target_end)s": (
        "끝 문장부호가 다릅니다: 원문은 %(source_end)s, 번역문은 %(target_end)s"
    ),
    "broken %(name)s": "깨진 %(nom)s",  # a translation with a wrong placeholder
}


def ko(text: str) -> str:
    return KOREAN.get(text, text)


def test_an_error_is_english_for_the_cli_and_translated_for_people() -> None:
    error = NotFound("no article %(ref)r (give its id or slug)", ref="x-1")
    assert str(error) == error.message == "no article 'x-1' (give its id or slug)"
    assert error.args == ("no article 'x-1' (give its id or slug)",)
    assert error.localize(ko) == "기사 'x-1'이(가) 없습니다"


def test_bad_input_says_where_in_english_and_in_korean() -> None:
    error = BadInput("a full stop", source="a.csv", line=3, field="target")
    assert str(error) == "a.csv, line 3, field 'target': a full stop"
    assert error.localize(ko) == "a.csv, 3행, 필드 'target': 마침표"
    assert error.detail == "a full stop"


def test_a_message_translates_the_messages_it_holds() -> None:
    end = Message(
        "the source ends with %(source_end)s, the translation with %(target_end)s",
        source_end=Message("a full stop"),
        target_end="?",
    )
    assert end == "the source ends with a full stop, the translation with ?"
    assert end.localize(ko) == "끝 문장부호가 다릅니다: 원문은 마침표, 번역문은 ?"
    passed_on = UnknownPlugin(BadInput("a full stop", field="x").text, source="f.txt")
    assert str(passed_on) == "f.txt: field 'x': a full stop"
    assert passed_on.localize(ko) == "f.txt: 필드 'x': 마침표"


def test_a_broken_translation_falls_back_to_english() -> None:
    assert Message("broken %(name)s", name="x").localize(ko) == "broken x"


def test_a_message_without_parameters_keeps_its_percent_signs() -> None:
    assert Message("a 100 % match") == "a 100 % match"


@pytest.mark.parametrize("proto", [2, pickle.HIGHEST_PROTOCOL])
def test_a_message_survives_pickling(proto: int) -> None:
    message = Message("line %(line)s", line=4)
    again = pickle.loads(pickle.dumps(message, proto))
    assert again == "line 4" and again.localize(ko) == "4행"


def test_a_check_id_is_english_on_the_cli_and_named_for_people() -> None:
    from workflow.errors import Named

    finding = Message(
        "%(check)s: %(finding)s",
        check=Named("end_punctuation", Message("a full stop")),
        finding=Message("a full stop"),
    )
    assert finding == "end_punctuation: a full stop"
    assert finding.localize(ko) == "마침표: 마침표"
    assert pickle.loads(pickle.dumps(finding.params["check"])).localize(ko) == "마침표"


PAIRS = [  # (source, target): each raises findings of several checks
    ("국방부는 28일 3명이 회담했다고 밝혔다.", ""),
    ("국방부는 28일 3명이 회담했다고 밝혔다.", "국방부는 28일 3명이 회담했다고 밝혔다."),
    ("국방부는 28일 3명이 회담했다고 밝혔다.", ' The ministry  said (talks 워싱턴 " '),
    (
        "[%%IMAGE1%%] http://example.kr/a 문의 desk@example.kr 국방장관",
        "[%%IMAGE2%%] the defence chief?",
    ),
    ("장관은 “회담”을 열었나?", "The minister held ‘talks’: ]" + " very long" * 40),
    ("짧다", "x"),
]


def test_every_finding_of_the_default_checks_is_a_translated_message() -> None:
    from workflow.checks import CheckContext
    from workflow.checks.defaults import default_checks
    from workflow.glossary import Term, TermIndex

    index = TermIndex(
        [Term(source="국방장관", target="defense minister", forbidden=("defence chief",))]
    )
    known = {e.msgid for e in _catalog() if e.msgstr}
    seen: set[str] = set()
    problems = []
    for source, target in PAIRS:
        ctx = CheckContext(source=source, target=target, terms=tuple(index.find(source)))
        for check in default_checks():
            for finding in check.findings(ctx):
                seen.add(finding.check)
                message = finding.message
                if not isinstance(message, Message):
                    problems.append(f"{finding.check}: {message!r} is not a Message")
                elif message.template not in known:
                    problems.append(f"{finding.check}: {message.template!r} is not translated")
    assert len(seen) >= 12, seen  # the pairs reach (nearly) every check
    assert not problems, "\n".join(problems)

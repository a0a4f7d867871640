"""Rewrite f-string messages of errors and ``Message`` into templates with parameters.

    python locales/tools/fstrings_to_messages.py workflow/services/x.py …

``raise NotFound(f"no article {ref!r}")`` becomes ``raise NotFound("no article %(ref)r",
ref=ref)``: the English text is unchanged and the template can be translated. A parameter is
named after its expression (``term.source`` → ``source``, ``len(rows)`` → ``n_rows``; names
an error class takes itself, such as ``field``, get another); expressions without a clear
name are listed at the end — rename those by hand. Run ``ruff format`` after, then
``make messages`` and ``locales/tools/translate.py``. ``tests/test_messages.py`` names every
call site still building its text.
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

from workflow import errors

BASE = {
    n
    for n, v in vars(errors).items()
    if isinstance(v, type) and (issubclass(v, errors.WorkflowError) or v is errors.Message)
}
EXTRA = {  # WorkflowError subclasses defined outside workflow/errors.py
    "MtError", "ProviderError", "ProviderTimeout", "QuotaExceeded", "ProviderUnavailable",
    "ProviderAuthFailed", "PlaceholderLost", "EmbargoViolation", "DeliveryFailed",
    "DestinationRefused",
}  # fmt: skip
CLASSES = BASE | EXTRA
#: Keyword arguments the error classes take themselves: a parameter gets another name.
RESERVED = {
    "source": "src",
    "line": "line_no",
    "field": "field_name",
    "current_text": "text",
    "current_version": "version",
    "pending": "count",
    "findings": "found",
    "retry_after": "seconds",
    "message": "text",
    "provider": "provider_id",
    "detail": "details",
    "upstream_status": "http_status",
}
unclear: list[str] = []


def param_name(node: ast.expr, text: str) -> str:
    if isinstance(node, ast.Name):
        name = node.id
    elif isinstance(node, ast.Attribute):
        name = node.attr
    elif (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "len"
        and node.args
    ):
        inner = node.args[0]
        name = "n_" + (getattr(inner, "id", None) or getattr(inner, "attr", None) or "items")
    else:
        name = re.sub(r"\W+", "_", text).strip("_").lower()[:20] or "value"
        unclear.append(text)
    name = name.lstrip("_") or "value"
    return RESERVED.get(name, name)


def literal(text: str) -> str:
    quoted = '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
    if len(quoted) <= 80:
        return quoted
    chunks, current = [], ""
    for word in re.split(r"(?<= )", text):
        if current and len(current) + len(word) > 70:
            chunks.append(current)
            current = ""
        current += word
    chunks.append(current)
    return " ".join(literal(c) for c in chunks)


def convert(path: Path) -> int:
    source = path.read_bytes()
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))

    def offset(line: int, col: int) -> int:  # ast columns are UTF-8 byte offsets
        return starts[line - 1] + col

    edits: list[tuple[int, int, bytes]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        arg = node.args[0]
        if name not in CLASSES or not isinstance(arg, ast.JoinedStr):
            continue
        parts: list[str] = []
        params: dict[str, str] = {}
        for value in arg.values:
            if isinstance(value, ast.Constant):
                parts.append(str(value.value).replace("%", "%%"))
                continue
            assert isinstance(value, ast.FormattedValue)
            expr = value.value
            text = source[
                offset(expr.lineno, expr.col_offset) : offset(
                    expr.end_lineno or expr.lineno, expr.end_col_offset or 0
                )
            ].decode()
            pname = param_name(expr, text)
            if value.format_spec is not None:
                spec = "".join(
                    str(c.value) for c in value.format_spec.values if isinstance(c, ast.Constant)
                )
                text = f'format({text}, "{spec}")'
            base, n = pname, 2
            while pname in params and params[pname] != text:
                pname, n = f"{base}{n}", n + 1
            params[pname] = text
            parts.append(f"%({pname}){'r' if value.conversion == ord('r') else 's'}")
        template = "".join(parts)
        if not params:
            template = template.replace("%%", "%")
        new = literal(template) + "".join(f", {k}={v}" for k, v in params.items())
        start = offset(arg.lineno, arg.col_offset)
        end = offset(arg.end_lineno or arg.lineno, arg.end_col_offset or 0)
        edits.append((start, end, new.encode()))
    for start, end, new_bytes in sorted(edits, reverse=True):
        source = source[:start] + new_bytes + source[end:]
    if edits:
        path.write_bytes(source)
    return len(edits)


def main(argv: list[str]) -> int:
    total = 0
    for name in argv:
        n = convert(Path(name))
        total += n
        if n:
            print(f"{name}: {n} messages")
    print(f"{total} messages rewritten")
    if unclear:
        print("name these parameters by hand:", ", ".join(unclear))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

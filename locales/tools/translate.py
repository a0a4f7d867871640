"""Fill the Korean catalog from a file of translations, checking every placeholder.

    python locales/tools/translate.py --todo            # the entries still to translate
    python locales/tools/translate.py NEW.json          # {"English msgid": "한국어", …}

Run ``make messages`` first (it extracts the new messages); afterwards ``make messages``
again compiles. A translation whose ``%(name)s`` placeholders differ from its message id is
refused, naming it; the words follow ``docs/ui-terms.md``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import polib

KO = Path(__file__).resolve().parents[1] / "ko" / "LC_MESSAGES" / "messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)[sdrf]|%%")


def todo(catalog: polib.POFile) -> list[str]:
    return [
        e.msgid
        for e in catalog
        if not e.obsolete
        and ("fuzzy" in e.flags or not (e.msgstr or any(e.msgstr_plural.values())))
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", help="JSON object: English msgid → Korean")
    parser.add_argument("--todo", action="store_true", help="print the untranslated ids as JSON")
    args = parser.parse_args(argv)
    catalog = polib.pofile(str(KO), wrapwidth=0)
    if args.todo or not args.file:
        json.dump({m: "" for m in todo(catalog)}, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    new: dict[str, str] = json.loads(Path(args.file).read_text(encoding="utf-8"))
    bad = [
        f"{msgid!r} → {text!r}"
        for msgid, text in new.items()
        if "%(" in msgid and sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(text))
    ]
    if bad:
        print("placeholders differ:\n" + "\n".join(bad), file=sys.stderr)
        return 1
    used = 0
    for entry in catalog:
        if new.get(entry.msgid):
            entry.msgstr = new[entry.msgid]
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
            used += 1
    catalog.save()
    unknown = sorted(set(new) - {e.msgid for e in catalog})
    print(f"{used} translations written; {len(todo(catalog))} entries left")
    if unknown:
        print("not in the catalog (run make messages?):\n" + "\n".join(unknown), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""How often the default QA checks cry wolf on human translations, and how often they catch
planted errors.

usage: python bench/qa.py [--data PATH] [--broken PATH] [--show CHECK] [--planted-misses N]

Every gold bead of the alignment dev data (``bench/data/align/dev.jsonl``) with sentences on
both sides is a human Korean→English news translation: a finding on it is a false alarm unless
the pair itself is broken. ``bench/data/align/broken_pairs.jsonl`` lists the pairs judged truly
broken (article id, bead index, reason); figures are printed with them and without them.

Planted errors, one per pair where the plant applies, made from the same human pairs:

* ``number_changed``: a figure of the English that stands for a Korean figure gets another
  value (its last digit changed);
* ``number_dropped``: such a figure (with its scale word) is taken out of the English;
* ``placeholder_dropped``: ``[%%IMAGE1%%]`` is added to the source and not to the English;
* ``hangul_left``: an English word is replaced by a Korean word of the source;
* ``forbidden_term``: a glossary term of the source whose rendering the English uses is put
  back as the term base's forbidden variant.

A plant is caught when the planted pair has an error-level finding that the human pair has not.

The data are split into blocked halves (the first and the second 25 articles, consecutive
stories of the corpus): the checks were developed looking at the first half only, so the second
half is a fairer estimate of pairs never seen. Both are printed, and all 50.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workflow.checks import CheckContext, Finding, Severity, default_checks, run_checks
from workflow.checks.figures import korean_figures
from workflow.glossary import Term, find_terms
from workflow.numbers import english_numbers

DATA = Path(__file__).resolve().parent / "data" / "align"
CHECKS = default_checks()


@dataclass(frozen=True)
class Pair:
    article: str
    index: int  # position of the article in the data, for the blocked halves
    bead: int
    source: str
    target: str


def read_pairs(path: Path) -> list[Pair]:
    pairs = []
    for index, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        doc = json.loads(line)
        for b, (ko, en) in enumerate(doc["gold_beads"]):
            if ko and en:
                source = " ".join(doc["ko_sentences"][i] for i in ko)
                target = " ".join(doc["en_sentences"][j] for j in en)
                pairs.append(Pair(doc["id"], index, b, source, target))
    return pairs


def read_broken(path: Path) -> dict[tuple[str, int], str]:
    if not path.exists():
        return {}
    out = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            out[doc["id"], doc["bead"]] = doc["reason"]
    return out


def findings(source: str, target: str, terms: Iterable[Term] = ()) -> list[Finding]:
    ctx = CheckContext(source, target, terms=tuple(find_terms(source, list(terms))))
    return run_checks(ctx, CHECKS)


def errors(found: Iterable[Finding]) -> set[tuple[str, str]]:
    return {(f.check, f.message) for f in found if f.severity >= Severity.ERROR}


# --- planted errors -----------------------------------------------------------------------
_EN_FIGURE = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(\s+(?:hundred|thousand|million|billion|trillion)\b|\s?(?:percent|%))?(?![\w,]|\.\d)"
)
_KO_WORD = re.compile(r"[가-힣]{2,}")
_EN_WORD = re.compile(r"\b[a-z]{4,}\b")
GLOSSARY = (
    Term("정부", "government", forbidden=("regime",)),
    Term("대통령", "president", forbidden=("chairman",)),
    Term("경찰", "police", forbidden=("cops",)),
    Term("북한", "North Korea", forbidden=("DPRK",)),
    Term("미국", "United States", forbidden=("America",)),
    Term("중국", "China", forbidden=("Mainland",)),
    Term("일본", "Japan", forbidden=("Nippon",)),
    Term("한국", "South Korea", forbidden=("Korea Republic",)),
    Term("이라크", "Iraq", forbidden=("Irak",)),
    Term("이란", "Iran", forbidden=("Persia",)),
    Term("대변인", "spokesman", forbidden=("mouthpiece",)),
    Term("병원", "hospital", forbidden=("clinic",)),
    Term("회사", "company", forbidden=("firm",)),
    Term("군", "military", forbidden=("army",)),
    Term("선거", "election", forbidden=("poll",)),
    Term("의회", "Congress", forbidden=("parliament",)),
)


def _figure_spans(pair: Pair) -> list[re.Match[str]]:
    """English figures written with digits that occur once in the English (so that changing
    or dropping them changes what the English says) and whose digits the source has."""
    in_source = {f.value for f in korean_figures(pair.source)}
    found = list(_EN_FIGURE.finditer(pair.target))
    counts = Counter(m.group(1) for m in found)
    return [
        m for m in found if counts[m.group(1)] == 1 and set(english_numbers(m.group())) & in_source
    ]


def plants(pair: Pair) -> Iterator[tuple[str, str, str, tuple[Term, ...]]]:
    """(kind, source, target, terms) of each plant that applies to ``pair``."""
    spans = _figure_spans(pair)
    if spans:
        m = spans[len(spans) // 2]
        whole = m.group(1)
        last = int(whole[-1])
        changed = whole[:-1] + str((last + 3) % 10 if whole != "1" else 7)
        if changed.lstrip("0,") and changed.replace(",", "") not in pair.source.replace(",", ""):
            target = pair.target[: m.start(1)] + changed + pair.target[m.end(1) :]
            yield "number_changed", pair.source, target, ()
        before, after = pair.target[: m.start()].rstrip(), pair.target[m.end() :].lstrip()
        dropped = f"{before} {after}".strip()
        yield "number_dropped", pair.source, dropped, ()
    yield "placeholder_dropped", pair.source + " [%%IMAGE1%%]", pair.target, ()
    ko_words = _KO_WORD.findall(pair.source)
    en_words = _EN_WORD.findall(pair.target)
    if ko_words and en_words:
        word = en_words[len(en_words) // 2]
        target = re.sub(rf"\b{word}\b", ko_words[0], pair.target, count=1)
        yield "hangul_left", pair.source, target, ()
    for term in GLOSSARY:
        if find_terms(pair.source, [term]):
            hit = re.search(rf"\b{re.escape(term.target)}\b", pair.target, re.IGNORECASE)
            if hit is not None:
                target = pair.target[: hit.start()] + term.forbidden[0] + pair.target[hit.end() :]
                yield "forbidden_term", pair.source, target, (term,)
                break


# --- the measurement ----------------------------------------------------------------------
@dataclass
class Tally:
    pairs: int = 0
    with_error: int = 0
    with_any: int = 0
    error_by_check: Counter[str] | None = None
    any_by_check: Counter[str] | None = None

    def __post_init__(self) -> None:
        self.error_by_check = Counter()
        self.any_by_check = Counter()

    def add(self, found: list[Finding]) -> None:
        assert self.error_by_check is not None and self.any_by_check is not None
        self.pairs += 1
        errs = {f.check for f in found if f.severity >= Severity.ERROR}
        alls = {f.check for f in found}
        self.with_error += bool(errs)
        self.with_any += bool(alls)
        self.error_by_check.update(errs)
        self.any_by_check.update(alls)


def pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f} %" if d else "    – "


def report_human(name: str, tallies: dict[str, Tally]) -> None:
    print(f"\n## human pairs: share with a finding ({name})")
    cols = list(tallies)
    print(f"{'':28}" + "".join(f"{c:>22}" for c in cols))
    print(f"{'pairs':28}" + "".join(f"{t.pairs:>22}" for t in tallies.values()))
    print(
        f"{'with an error':28}"
        + "".join(f"{pct(t.with_error, t.pairs):>22}" for t in tallies.values())
    )
    print(
        f"{'with any finding':28}"
        + "".join(f"{pct(t.with_any, t.pairs):>22}" for t in tallies.values())
    )
    checks = sorted(
        {c for t in tallies.values() for c in t.any_by_check or ()},
        key=lambda c: -sum((t.any_by_check or Counter())[c] for t in tallies.values()),
    )
    for check in checks:
        cells = "".join(
            f"{pct((t.error_by_check or Counter())[check], t.pairs)} /"
            f"{pct((t.any_by_check or Counter())[check], t.pairs)}".rjust(22)
            for t in tallies.values()
        )
        print(f"  {check + ' (error / any)':26}{cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DATA / "dev.jsonl")
    parser.add_argument("--broken", type=Path, default=DATA / "broken_pairs.jsonl")
    parser.add_argument("--show", metavar="CHECK", help="print the human pairs CHECK flags")
    parser.add_argument("--half", type=int, choices=(1, 2), help="with --show: only this half")
    parser.add_argument("--planted-misses", type=int, default=0, metavar="N")
    args = parser.parse_args()

    pairs = read_pairs(args.data)
    broken = read_broken(args.broken)
    articles = sorted({p.index for p in pairs})
    middle = articles[len(articles) // 2] if articles else 0

    def half(p: Pair) -> str:
        return "first half" if p.index < middle else "second half"

    human = {
        f"{h}{suffix}": Tally()
        for suffix in ("", " −broken")
        for h in ("first half", "second half", "all")
    }
    planted: dict[str, dict[str, list[int]]] = {}
    misses: list[tuple[str, str, str]] = []
    by_check: dict[str, Counter[str]] = {}  # plant kind → the checks whose new error caught it
    for p in pairs:
        found = findings(p.source, p.target)
        is_broken = (p.article, p.bead) in broken
        for h in (half(p), "all"):
            human[h].add(found)
            if not is_broken:
                human[h + " −broken"].add(found)
        shown = args.half is None or half(p) == ("first half", "second half")[args.half - 1]
        if args.show and shown and any(f.check == args.show for f in found):
            mark = " [broken]" if is_broken else ""
            print(f"--- {p.article} bead {p.bead}{mark}")
            print(f"KO {p.source}\nEN {p.target}")
            for f in found:
                if f.check == args.show:
                    print(f"   {f.severity.label}: {f.message}")
        before = errors(found)
        for kind, source, target, terms in plants(p):
            new = errors(findings(source, target, terms)) - before
            caught = bool(new)
            by_check.setdefault(kind, Counter()).update({check for check, _ in new})
            for h in (half(p), "all"):
                planted.setdefault(kind, {}).setdefault(h, [0, 0])
                planted[kind][h][0] += caught
                planted[kind][h][1] += 1
            if not caught:
                misses.append((kind, p.source, target))

    print(f"QA checks on the gold beads of {args.data} ({len(articles)} articles; "
          f"{len(broken)} pairs listed as broken in {args.broken.name})")  # fmt: skip
    report_human("with every pair", {h: human[h] for h in ("first half", "second half", "all")})
    report_human(
        "without the broken pairs",
        {h: human[h + " −broken"] for h in ("first half", "second half", "all")},
    )
    print("\n## planted errors caught at error level")
    halves = ("first half", "second half", "all")
    print(f"{'':28}" + "".join(f"{h:>22}" for h in halves))
    total = {h: [0, 0] for h in halves}
    for kind, by_half in planted.items():
        cells = ""
        for h in halves:
            n, d = by_half.get(h, [0, 0])
            total[h][0] += n
            total[h][1] += d
            cells += f"{pct(n, d)} of {d:>4}".rjust(22)
        print(f"  {kind:26}{cells}")
    print(f"  {'all plants':26}" + "".join(
        f"{pct(*total[h])} of {total[h][1]:>4}".rjust(22) for h in halves))  # fmt: skip
    print("\n## which checks caught the plants (share of each kind's plants, all articles)")
    for kind, counts in by_check.items():
        n = planted[kind]["all"][1]
        shares = ", ".join(f"{check} {pct(c, n).strip()}" for check, c in counts.most_common())
        print(f"  {kind:26}{shares or '–'}")
    for kind, source, target in misses[: args.planted_misses]:
        print(f"--- missed {kind}\nKO {source}\nEN {target}")


if __name__ == "__main__":
    main()

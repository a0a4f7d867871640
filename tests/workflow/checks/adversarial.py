"""Texts of 20,000 characters (the longest a translation may be) built to make regular
expressions and loops backtrack: runs of one character, repeated patterns, and a prefix
that starts a match followed by a run and a character that makes it fail."""

from __future__ import annotations

N = 20_000

RUNS = (
    "A", "a", "9", "0", "@", ".", ",", " ", "\n", '"', "“", "”", "‘", "’", "'", "(", ")", "[",
    "]", "{", "%", "_", "-", "+", "·", "가", "명", "만", "들", "é", "!", "?", "…", "/", ":",
)  # fmt: skip
PATTERNS = (
    "[%%", "[%%A", "%%]", "ab", "a.", "A.", "a@", "a@b.", "9,", "9.", "9 ", "9,999", "99.9",
    "9만", "9십", "9천", "9억 ", "9조", "가 ", "가.", "a-", "-a", "%(", "%(a)", "{a", "a}",
    "word ", "1 million ", "1k", "2015.4.28.", "6·25 ", "12일 ", "국방부는 ", "미국들",
    "http://", "https://a", "www.", "‘a", "a’", "'a", "a'", "(“[", "”)]", "A.B. ", "Inc.",
    "a b ", "I.", "\t ", "—",
)  # fmt: skip
# A prefix that starts a match, then a run the pattern consumes, then what makes it fail.
PROBES = (
    ("9", " ", "x"), ("9", "-", "x"), ("9 ", "-", "x"), ("9", "9", "x"), ("9.", "9", "k"),
    ("9", ",999", "x"), ("a", "a", "@"), ("a@", "a", "@"), ("a@a", ".a", "."), ("x ", "A.", "!"),
    ("https://", "a", " "), ("www.", "a", "."), ("[%%", "A", "%"), ("%(", "a", ")"),
    ("{", "a", "x"), ("“", "a", "("), ("(", "[", "x"), ("국방부", "들", "x"), ("미국", "은", "1"),
    ("2015.", "4", "."), ("a", " ", "a"), ("9", "만", "x"), ("9 ", "달러", "x"),
)  # fmt: skip


def fill(pattern: str, n: int = N) -> str:
    """``pattern`` repeated to ``n`` characters."""
    return (pattern * (n // len(pattern) + 1))[:n]


def adversarial_texts() -> dict[str, str]:
    """Named texts of ``N`` characters (a few a little shorter)."""
    texts = {f"run of {c!r}": c * N for c in RUNS}
    texts |= {f"{p!r} repeated": fill(p) for p in PATTERNS}
    for prefix, run, end in PROBES:
        middle = fill(run, N - len(prefix) - len(end))
        texts[f"{prefix!r} + {run!r}… + {end!r}"] = prefix + middle + end
    texts["URL-like"] = "https://www.hani.co.kr/" + fill("a/b.c?d=e&", N - 23)
    texts["e-mail-like"] = fill("a.b-c+d", N // 2) + "@" + fill("x-y.", N // 2 - 1)
    texts["a huge number"] = "9" * (N - 1) + "명"
    return texts

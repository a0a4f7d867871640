"""Pair Korean originals with English translations, one-to-one, refusing to guess.

1. Metadata first: an English file that links to a Korean file's own address (or to an
   address on the same site carrying the Korean address's numeric id) is its translation,
   and the reverse (a Korean page linking to its English edition); confidence 1.0 or 0.97.
2. Then content: every remaining file's keys (``documents.py``) go into an inverted index;
   each key weighs its rarity on both sides (idf, counted over the archive and a shipped
   background, ``data/background.tsv``, so that common words weigh little in a small
   archive too), and a pair's score is the cosine of the two weighted key sets. Scores
   are summed posting list by posting list, rarest keys first, up to a fixed budget of
   (Korean, English) updates: a key shared by hundreds of files on both sides costs the
   most and says the least, so no N × M alignment is ever run.
3. The confidence of a pair is its lead over the best alternative of either file (the
   other English files for the Korean one, the other Korean files for the English one),
   ``1 - exp(-lead / MARGIN_SCALE)``, times its score against a full match; dates, when
   both files carry them, must agree (an English edition is posted from a day before to
   ``MAX_DAYS_AFTER`` days after).
4. Pairs are taken greedily by confidence, each file once; below ``threshold`` nothing is
   paired and both files are left alone.
"""

from __future__ import annotations

import functools
import math
from array import array
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources

import numpy as np
import numpy.typing as npt

from workflow.archive.documents import Document

__all__ = [
    "BACKGROUND_FILE",
    "DEFAULT_THRESHOLD",
    "Pair",
    "PairingResult",
    "background",
    "pair_documents",
    "score_matrix",
]

#: Below this confidence two files are not paired (chosen on the first blocked half of the
#: dev articles, ``bench/archive.py``).
DEFAULT_THRESHOLD = 0.35
#: Weight of a key kind (figures and Latin tokens say more than a stem the lexicon offers).
KIND_WEIGHTS = {"n": 1.5, "l": 1.5, "s": 1.0, "w": 1.0}
#: Most (Korean, English) score updates one pairing makes; the commonest keys go first.
UPDATE_BUDGET = 40_000_000
#: A score at or above this is a full match (a translation scores 0.25–0.8, the best
#: unrelated file 0.1–0.25 on the dev articles).
FULL_SCORE = 0.5
#: A lead of this much over the best alternative gives 63 % of the confidence, three times
#: this 95 %.
MARGIN_SCALE = 0.1
MAX_DAYS_AFTER = 30
_LINK_CONFIDENCE = 1.0
_ID_CONFIDENCE = 0.97
_CHUNK = 8_000_000
_DENSE_BINS = 40_000_000


BACKGROUND_FILE = "background.tsv"


@dataclass(frozen=True)
class Background:
    """Document frequencies of keys in a background corpus, per side."""

    documents: int
    df: Mapping[str, tuple[int, int]]


@functools.cache
def background() -> Background:
    """The shipped background (``data/background.tsv``), read once."""
    path = resources.files("workflow.archive").joinpath("data", BACKGROUND_FILE)
    documents = 0
    df: dict[str, tuple[int, int]] = {}
    with path.open(encoding="utf-8") as f:
        for line in f:
            key, _, rest = line.rstrip("\n").partition("\t")
            if key == "#documents":
                documents = int(rest.partition("\t")[0])
            elif key and not key.startswith("#"):
                a, _, b = rest.partition("\t")
                df[key] = (int(a), int(b))
    return Background(documents, df)


@dataclass(frozen=True)
class Pair:
    ko: str
    en: str
    confidence: float
    method: str  # "link", "id" or "content"


@dataclass(frozen=True)
class PairingResult:
    pairs: tuple[Pair, ...]
    ko_alone: tuple[str, ...]
    en_alone: tuple[str, ...]


def _metadata_pairs(
    ko: Sequence[Document], en: Sequence[Document]
) -> list[tuple[int, int, float, str]]:
    """(ko index, en index, confidence, method) for files that link to each other."""
    by_url = {d.url: i for i, d in enumerate(ko) if d.url}
    en_by_url = {d.url: j for j, d in enumerate(en) if d.url}
    found: list[tuple[int, int, float, str]] = []
    for j, d in enumerate(en):
        for link in d.links:
            if link in by_url:
                found.append((by_url[link], j, _LINK_CONFIDENCE, "link"))
    for i, d in enumerate(ko):
        for link in d.links:
            if link in en_by_url:
                found.append((i, en_by_url[link], _LINK_CONFIDENCE, "link"))
    # an id of the Korean page's address in an English link to the same site
    by_site_id: dict[tuple[str, str], list[int]] = {}
    for i, d in enumerate(ko):
        if d.url:
            for id_ in d.own_ids:
                by_site_id.setdefault((d.url.partition("/")[0], id_), []).append(i)
    for j, d in enumerate(en):
        for link in d.links:
            site = link.partition("/")[0]
            for id_ in d.ids:
                hits = by_site_id.get((site, id_), [])
                if len(hits) == 1 and id_ in link:
                    found.append((hits[0], j, _ID_CONFIDENCE, "id"))
    return found


def score_matrix(
    ko: Sequence[Document], en: Sequence[Document], budget: int = UPDATE_BUDGET
) -> npt.NDArray[np.float32]:
    """Cosine of idf-weighted key sets, ``len(ko)`` × ``len(en)``, through an inverted index."""
    n_ko, n_en = len(ko), len(en)
    scores = np.zeros((n_ko, n_en), dtype=np.float32)
    if not n_ko or not n_en:
        return scores
    bg = background()
    vocab: dict[str, int] = {}
    ko_rows, ko_cols = array("q"), array("q")  # 8 bytes an entry, not a Python int
    for i, d in enumerate(ko):
        for key in d.keys:
            ko_rows.append(i)
            ko_cols.append(vocab.setdefault(key, len(vocab)))
    en_rows, en_cols = array("q"), array("q")
    for j, d in enumerate(en):
        for key in d.keys:
            k = vocab.get(key)
            if k is None and key in bg.df:  # not in these Korean files, but a Korean key
                k = vocab.setdefault(key, len(vocab))
            if k is not None:
                en_rows.append(j)
                en_cols.append(k)
    kr, kc = np.frombuffer(ko_rows, dtype=np.int64), np.frombuffer(ko_cols, dtype=np.int64)
    er, ec = np.frombuffer(en_rows, dtype=np.int64), np.frombuffer(en_cols, dtype=np.int64)
    df_ko = np.bincount(kc, minlength=len(vocab))
    df_en = np.bincount(ec, minlength=len(vocab))
    kinds = np.fromiter((KIND_WEIGHTS[k[0]] for k in vocab), dtype=np.float64, count=len(vocab))
    bg_df = np.fromiter((sum(bg.df.get(k, (0, 0))) for k in vocab), np.float64, len(vocab))
    idf = kinds * np.log1p((n_ko + n_en + 2 * bg.documents) / np.maximum(df_ko + df_en + bg_df, 1))
    w2 = idf * idf
    # a file's norm counts its keys that the other language can carry (seen on the other
    # side of this archive or of the background): a translation scores 1 only when all match
    in_bg = bg_df > 0
    norm_ko = np.sqrt(
        np.bincount(kr, weights=np.where(in_bg | (df_en > 0), w2, 0.0)[kc], minlength=n_ko)
    )
    norm_en = np.sqrt(
        np.bincount(er, weights=np.where(in_bg | (df_ko > 0), w2, 0.0)[ec], minlength=n_en)
    )
    cost = df_ko.astype(np.float64) * df_en
    shared = np.flatnonzero(cost > 0)
    order = shared[np.argsort(cost[shared], kind="stable")]
    kept = order[np.cumsum(cost[order]) <= budget]
    use = np.zeros(len(vocab), dtype=bool)
    use[kept] = True
    # postings of the kept keys, grouped by key
    ko_sel = use[kc]
    en_sel = use[ec]
    ko_key, ko_doc = kc[ko_sel], kr[ko_sel]
    en_key, en_doc = ec[en_sel], er[en_sel]
    ko_order, en_order = np.argsort(ko_key, kind="stable"), np.argsort(en_key, kind="stable")
    ko_key, ko_doc = ko_key[ko_order], ko_doc[ko_order]
    en_key, en_doc = en_key[en_order], en_doc[en_order]
    ko_start = np.searchsorted(ko_key, kept)
    en_start = np.searchsorted(en_key, kept)
    flat = scores.reshape(-1)
    batch_idx: list[npt.NDArray[np.int64]] = []
    batch_w: list[npt.NDArray[np.float64]] = []
    size = 0
    for n, k in enumerate(kept.tolist()):
        a = ko_doc[ko_start[n] : ko_start[n] + df_ko[k]]
        b = en_doc[en_start[n] : en_start[n] + df_en[k]]
        idx = (a[:, None] * n_en + b[None, :]).reshape(-1)
        batch_idx.append(idx)
        batch_w.append(np.full(idx.size, w2[k]))
        size += idx.size
        if size >= _CHUNK:
            _flush(flat, batch_idx, batch_w)
            size = 0
    _flush(flat, batch_idx, batch_w)
    denom = np.outer(norm_ko, norm_en).astype(np.float32)
    np.divide(scores, denom, out=scores, where=denom > 0)
    return scores


def _flush(
    flat: npt.NDArray[np.float32],
    idx: list[npt.NDArray[np.int64]],
    weights: list[npt.NDArray[np.float64]],
) -> None:
    if not idx:
        return
    all_idx = np.concatenate(idx)
    all_w = np.concatenate(weights)
    if flat.size <= _DENSE_BINS:  # one pass over every cell beats sorting the updates
        flat += np.bincount(all_idx, weights=all_w, minlength=flat.size).astype(np.float32)
    else:
        uniq, inverse = np.unique(all_idx, return_inverse=True)
        flat[uniq] += np.bincount(inverse, weights=all_w).astype(np.float32)
    idx.clear()
    weights.clear()


def _date_mask(ko: Sequence[Document], en: Sequence[Document]) -> npt.NDArray[np.bool_] | None:
    """False where both files are dated and the English one is not within the window."""
    if not any(d.posted for d in ko) or not any(d.posted for d in en):
        return None
    ko_t = np.array([d.posted.timestamp() if d.posted else np.nan for d in ko])
    en_t = np.array([d.posted.timestamp() if d.posted else np.nan for d in en])
    gap = en_t[None, :] - ko_t[:, None]
    early = timedelta(days=1).total_seconds()
    late = timedelta(days=MAX_DAYS_AFTER).total_seconds()
    with np.errstate(invalid="ignore"):
        bad: npt.NDArray[np.bool_] = (gap < -early) | (gap > late)
    return np.logical_not(bad)


def confidences(scores: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """Each pair's confidence: its score against the best alternative of either file and
    against a full match (see the module docstring)."""
    n_ko, n_en = scores.shape
    if n_ko == 0 or n_en == 0:
        return scores.copy()
    top2_row = _top2(scores, axis=1)
    top2_col = _top2(scores, axis=0)
    row_alt = np.where(scores >= top2_row[0][:, None], top2_row[1][:, None], top2_row[0][:, None])
    col_alt = np.where(scores >= top2_col[0][None, :], top2_col[1][None, :], top2_col[0][None, :])
    margin = np.clip(scores - np.maximum(row_alt, col_alt), 0.0, None)
    lead = 1.0 - np.exp(-margin / MARGIN_SCALE)
    level = np.minimum(scores / FULL_SCORE, 1.0)
    out: npt.NDArray[np.float32] = (lead * level).astype(np.float32)
    return out


def _top2(scores: npt.NDArray[np.float32], axis: int) -> tuple[npt.NDArray[np.float32], ...]:
    if scores.shape[axis] < 2:
        best = scores.max(axis=axis)
        return best, np.zeros_like(best)
    part = -np.partition(-scores, 1, axis=axis)
    first = np.take(part, 0, axis=axis)
    second = np.take(part, 1, axis=axis)
    return first, second


def pair_documents(
    ko: Sequence[Document], en: Sequence[Document], *, threshold: float = DEFAULT_THRESHOLD
) -> PairingResult:
    """Pairs one-to-one, metadata first then content; the rest alone (module docstring)."""
    pairs: list[Pair] = []
    ko_used: set[int] = set()
    en_used: set[int] = set()
    for i, j, sure, method in sorted(
        _metadata_pairs(ko, en), key=lambda p: (-p[2], ko[p[0]].name, en[p[1]].name)
    ):
        if i not in ko_used and j not in en_used:
            pairs.append(Pair(ko[i].name, en[j].name, sure, method))
            ko_used.add(i)
            en_used.add(j)
    ko_rest = [i for i in range(len(ko)) if i not in ko_used]
    en_rest = [j for j in range(len(en)) if j not in en_used]
    rest_ko = [ko[i] for i in ko_rest]
    rest_en = [en[j] for j in en_rest]
    scores = score_matrix(rest_ko, rest_en)
    mask = _date_mask(rest_ko, rest_en)
    if mask is not None:
        scores = np.where(mask, scores, 0.0).astype(np.float32)
    conf = confidences(scores)
    rows, cols = np.nonzero(conf >= threshold)
    order = np.lexsort((cols, rows, -conf[rows, cols]))
    for n in order.tolist():
        i, j = int(rows[n]), int(cols[n])
        if ko_rest[i] in ko_used or en_rest[j] in en_used:
            continue
        value = float(conf[i, j])
        pairs.append(Pair(rest_ko[i].name, rest_en[j].name, _round(value), "content"))
        ko_used.add(ko_rest[i])
        en_used.add(en_rest[j])
    pairs.sort(key=lambda p: (p.ko, p.en))
    return PairingResult(
        pairs=tuple(pairs),
        ko_alone=tuple(sorted(d.name for i, d in enumerate(ko) if i not in ko_used)),
        en_alone=tuple(sorted(d.name for j, d in enumerate(en) if j not in en_used)),
    )


def _round(value: float) -> float:
    return math.floor(value * 1000) / 1000

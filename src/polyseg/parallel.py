"""Parallel-document alignment: a Korean or Japanese document against its English version.

Unlike ``polyseg process`` (which searches a story for renderings of a few post sentences),
``polyseg align`` assumes the two documents tell the same thing in the same order, with
local disorder: sentences merged or split (beads 2-1, 1-2, 2-2), lines only on one side
(1-0, 0-1), an English summary of a longer original, extra or missing paragraphs, two
sentences swapped.

The alignment runs in steps, each linear in the length of the documents:

1. **Anchors** — every source sentence looks up, through an inverted index of the English
   sentences' rare words, its few most promising partners inside a wide band around the
   diagonal; the pairs that the glossary scorer (``polyseg.align.score.score_pair``) rates
   highly are anchor candidates, and the longest monotonic chain of them (longest
   increasing subsequence) is kept.
2. **Band** — the dynamic programme only visits the cells within ``band`` sentences of the
   path through the anchors (and the rectangles between close anchors), so time and memory
   are O((n + m) · band), not O(n · m).
3. **Dynamic programme** — beads 1-0, 0-1, 1-1, 1-2, 2-1 and 2-2 are scored from the
   glossary evidence and a Gale–Church length fit whose ratio and variance are estimated
   from the anchors of the document pair itself. Two adjacent sentences swapped on one
   side, which no monotonic path can express, are repaired afterwards when their crossed
   evidence is strong, and are otherwise never linked to each other's partner.
4. **Output score** — each bead gets a calibrated probability in 0..1 (``CALIBRATION``,
   fitted by ``benchmarks/parallel.py --calibrate``) from its own evidence and the beads
   around it: a weak pair between two strong ones on an unbroken diagonal is probably
   right, the same pair next to an insertion is not. Beads below ``min_score`` are not
   written.

The glossary scores are ``score_pair``'s own; ``glossary_score`` only spares it the words
that share no lookup key with the other side.

An optional second pass (``realign``) learns word translation probabilities with IBM
Model 1 from the confident 1-1 links of the first pass, seeded by the lexicon, adds them to
the lexicon evidence of the source words and aligns again.
"""

from __future__ import annotations

import bisect
import itertools
import math
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

from .align.features import (
    EnTok,
    SrcItem,
    char_length,
    common_from_counts,
    english_tokens,
    origin_lemma,
    source_items,
)
from .align.score import MIN_SKELETON, MIN_STEM, score_pair
from .errors import InputError, PolysegError
from .lexicon import Lexicon, PairLexicon, Target, load_lexicons
from .read import decode, normalise
from .script import count_scripts
from .segment import split_english
from .tokenize import get_tokenizer
from .tokenize.base import Tokenizer
from .types import Link, Sentence, Token
from .write import commit
from .write.tsv import ALIGNED_COLUMNS, aligned_rows, write_rows

_V = TypeVar("_V", SrcItem, EnTok)

# (source sentences, English sentences) of each bead shape the programme may use.
SKIP_SRC = (1, 0)
SKIP_EN = (0, 1)
SHAPES = ((1, 0), (0, 1), (1, 1), (1, 2), (2, 1), (2, 2))
DEFAULT_MIN_SCORE = 0.5


class AlignError(PolysegError):
    """A document pair cannot be aligned (unreadable file, unknown language…)."""


@dataclass(frozen=True)
class ParallelOptions:
    """Knobs of the aligner; the defaults were chosen on the dev data (benchmarks/parallel.py)."""

    min_score: float = DEFAULT_MIN_SCORE
    realign: bool = False
    band: int = 4  # half-width of the DP band around the anchor path, in sentences
    anchor_min: float = 0.4  # glossary score an anchor candidate needs
    anchor_tie: float = 0.05  # candidates this close to a sentence's best all compete
    anchor_window: float = 0.2  # wide band of the anchor search, share of the longer side
    anchor_window_min: int = 100
    anchor_postings: int = 8  # words with more hits than this in the window are not looked up
    anchor_candidates: int = 3  # partners per source sentence scored with score_pair
    prefilter: float = 0.06  # pairs whose upper bound is below this score 0 without scoring
    merge_min: float = 0.1  # each half of a merged bead needs this 1-1 glossary score
    # Gain of a bead in the programme: its combined score minus ``dp_offset`` (minus the
    # merge penalty); skipping a sentence gains 0.
    w_gloss: float = 1.0
    w_length: float = 0.25
    dp_offset: float = 0.0
    merge_penalty: float = 0.06
    # Context of the output score (see bead_features).
    context_decay: float = 0.7
    density_window: int = 10
    strong: float = 0.3
    # Swap repair: crossed pairs need this glossary score each.
    swap_min: float = 0.3
    swap_margin: float = 0.1
    # IBM Model 1 realignment.
    ibm_iterations: int = 5
    ibm_min_prob: float = 0.3
    ibm_min_count: float = 2.0
    ibm_min_pairs: int = 20
    ibm_length_min: float = 0.5
    ibm_link_min: float = 0.6


@dataclass(frozen=True)
class Bead:
    """One aligned group: source and English sentence indexes (either may be empty)."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float = 0.0  # output score 0..1 (own evidence and context)
    gloss: float = 0.0  # glossary score of the bead (score_pair)
    length: float = 0.0  # Gale–Church length fit 0..1
    evidence: tuple[str, ...] = ()

    @property
    def shape(self) -> tuple[int, int]:
        return (len(self.src), len(self.tgt))


@dataclass
class AlignStats:
    """What the aligner did: sizes, anchors, and the DP cells it evaluated."""

    src_sentences: int = 0
    en_sentences: int = 0
    anchor_candidates: int = 0
    anchors: int = 0
    cells: int = 0  # DP states evaluated (the band), O((n + m) · band)
    scored_pairs: int = 0  # score_pair calls
    ratio: float = 0.0  # English characters per source character
    passes: int = 0
    induced: int = 0  # translations added by the realign pass


# --------------------------------------------------------------------------- features


@dataclass
class SrcFeat:
    """Evidence of one source sentence, with the keys that make a cheap upper bound."""

    items: list[SrcItem]
    item_keys: list[frozenset[str]]
    keys: frozenset[str]
    total: float
    length: int


@dataclass
class EnFeat:
    """Evidence of one English sentence, with its lookup keys."""

    toks: list[EnTok]
    tok_keys: list[frozenset[str]]
    keys: frozenset[str]
    total: float
    length: int


def _stem(lemma: str) -> str:
    # score_pair lets two long words match on a shared stem (relation ~ relationship) of at
    # least MIN_STEM - 1 letters: indexing that prefix keeps the keys a necessary condition.
    return "~" + lemma[: MIN_STEM - 1] if len(lemma) >= MIN_STEM else ""


def _item_keys(item: SrcItem) -> frozenset[str]:
    keys: set[str] = set()
    if item.number:
        keys.add("#" + item.number)
        if item.month:
            keys.add("m:" + item.month)
    for tgt in item.targets:
        if not tgt.lemmas:
            continue
        # Every lemma, not only the first: the English side keeps the tokens that share a
        # key with the source, and a target matches only when all its lemmas are there.
        keys.update(tgt.lemmas)
        if len(tgt.lemmas) == 1:
            keys.add(_stem(tgt.lemmas[0]))
    if item.latin:
        keys.add(item.latin)
    if item.origin:
        lem = origin_lemma(item.origin)
        keys.update((lem, _stem(lem)))
    if len(item.translit) >= MIN_SKELETON:
        keys.add("t:" + item.translit)
        if item.loanword:
            keys.add("l:" + item.translit)
    keys.discard("")
    return frozenset(keys)


def _tok_keys(tok: EnTok) -> frozenset[str]:
    keys = {tok.lemma, tok.form, _stem(tok.lemma)}
    if tok.number:
        keys.add("#" + tok.number)
    if tok.month:
        keys.add("m:" + tok.month)
    if tok.translit:
        # a lowercase word's skeleton is met only by a katakana common noun (score_pair,
        # SrcItem.loanword)
        keys.add(("t:" if tok.name else "l:") + tok.translit)
    keys.discard("")
    return frozenset(keys)


def src_feature(items: list[SrcItem], length: int) -> SrcFeat:
    """Features of one source sentence from its evidence items."""
    item_keys = [_item_keys(i) for i in items]
    keys = frozenset().union(*item_keys) if item_keys else frozenset()
    return SrcFeat(items, item_keys, keys, sum(i.weight for i in items), length)


def en_feature(toks: list[EnTok], length: int) -> EnFeat:
    """Features of one English sentence from its content tokens."""
    tok_keys = [_tok_keys(t) for t in toks]
    keys = frozenset().union(*tok_keys) if tok_keys else frozenset()
    return EnFeat(toks, tok_keys, keys, sum(t.weight for t in toks), length)


class FeatureCache:
    """Builds features, sharing equal items, tokens and key sets between sentences.

    Words repeat (Zipf), so a long document holds few distinct evidence items: sharing
    them keeps memory proportional to the vocabulary plus one reference per word.
    """

    def __init__(self) -> None:
        self._items: dict[SrcItem, tuple[SrcItem, frozenset[str]]] = {}
        self._toks: dict[EnTok, tuple[EnTok, frozenset[str]]] = {}
        self._keys: dict[frozenset[str], frozenset[str]] = {}
        self._pairs: dict[tuple[str, str], tuple[str, str]] = {}

    def output_tokens(self, tokens: Sequence[Token]) -> tuple[tuple[str, str], ...]:
        """The (form, tag) pairs written to the TSV, shared between sentences."""
        out = []
        for t in tokens:
            if t.form.strip():
                key = (t.form, t.tag)
                out.append(self._pairs.setdefault(key, key))
        return tuple(out)

    def _shared(self, keys: frozenset[str]) -> frozenset[str]:
        return self._keys.setdefault(keys, keys)

    def _with_keys(
        self,
        values: Sequence[_V],
        cache: dict[_V, tuple[_V, frozenset[str]]],
        keys_of: Callable[[_V], frozenset[str]],
    ) -> tuple[list[_V], list[frozenset[str]], frozenset[str]]:
        """Each value (cached) with its shared lookup keys, and the union of the keys."""
        shared = []
        for v in values:
            hit = cache.get(v)
            if hit is None:
                hit = cache[v] = (v, self._shared(keys_of(v)))
            shared.append(hit)
        keys = frozenset().union(*(k for _v, k in shared)) if shared else frozenset()
        return [v for v, _k in shared], [k for _v, k in shared], self._shared(keys)

    def source(self, items: list[SrcItem], length: int) -> SrcFeat:
        """Features of a source sentence (as ``src_feature``)."""
        vals, keys, union = self._with_keys(items, self._items, _item_keys)
        return SrcFeat(vals, keys, union, sum(i.weight for i in vals), length)

    def english(self, toks: list[EnTok], length: int) -> EnFeat:
        """Features of an English sentence (as ``en_feature``)."""
        vals, keys, union = self._with_keys(toks, self._toks, _tok_keys)
        return EnFeat(vals, keys, union, sum(t.weight for t in vals), length)


def glossary_score(
    srcs: Sequence[SrcFeat], ens: Sequence[EnFeat], floor: float = 0.0
) -> tuple[float, tuple[str, ...]]:
    """``score_pair`` of the joined source items against the joined English tokens.

    Items and tokens that share no lookup key with the other side can never be matched by
    ``score_pair`` (every way it matches — lemma, form, stem, number, month, Latin,
    loanword origin — is a key), so they are replaced by one inert placeholder carrying
    their weight (none for those that count only when met, ``SrcItem.meets``): the score is
    the same and the matcher does a fraction of the work. When the upper bound from the keys
    alone is below ``floor``, the score is taken as 0.
    """
    ekeys = ens[0].keys if len(ens) == 1 else frozenset().union(*(e.keys for e in ens))
    skeys = srcs[0].keys if len(srcs) == 1 else frozenset().union(*(s.keys for s in srcs))
    if ekeys.isdisjoint(skeys):
        return 0.0, ()
    items: list[SrcItem] = []
    got_s = lost_s = 0.0
    for s in srcs:
        for it, k in zip(s.items, s.item_keys, strict=True):
            if k.isdisjoint(ekeys):
                lost_s += 0.0 if it.meets else it.weight  # unmet, it counts for nothing
            else:
                items.append(it)
                got_s += it.weight
    toks: list[EnTok] = []
    got_e = lost_e = 0.0
    for e in ens:
        for t, k in zip(e.toks, e.tok_keys, strict=True):
            if k.isdisjoint(skeys):
                lost_e += 0.0 if t.meets else t.weight
            else:
                toks.append(t)
                got_e += t.weight
    if got_s <= 0 or got_e <= 0:
        return 0.0, ()
    r = got_s / (got_s + lost_s)
    p = got_e / (got_e + lost_e)
    if 2 * p * r / (p + r) < floor:
        return 0.0, ()
    if lost_s > 0:
        items.append(SrcItem("", lost_s))
    if lost_e > 0:
        toks.append(EnTok("", "", lost_e))
    res = score_pair(items, toks)
    return res.score, res.evidence


# --------------------------------------------------------------------------- length model


@dataclass(frozen=True)
class LengthModel:
    """Gale–Church: English length ≈ ratio · source length, variance ``var`` per character."""

    ratio: float
    var: float

    def fit(self, src_len: int, en_len: int) -> float:
        """Two-sided probability of a length difference at least this large (0..1]."""
        l1 = max(src_len, 1)
        delta = (en_len - self.ratio * l1) / math.sqrt(self.var * (l1 + en_len / self.ratio) / 2)
        return math.erfc(abs(delta) / math.sqrt(2))

    @staticmethod
    def estimate(pairs: Sequence[tuple[int, int]], src_total: int, en_total: int) -> LengthModel:
        """Ratio and variance from anchor pairs; the whole-document ratio when few."""
        good = [(a, b) for a, b in pairs if a > 0 and b > 0]
        if len(good) >= 20:
            ratios = sorted(b / a for a, b in good)
            ratio = ratios[len(ratios) // 2]
        else:
            ratio = en_total / src_total if src_total > 0 and en_total > 0 else 1.0
        ratio = min(max(ratio, 0.2), 10.0)
        if len(good) >= 20:
            devs = sorted((b - ratio * a) ** 2 / ((a + b / ratio) / 2) for a, b in good)
            # A median, scaled to a mean for a normal distribution: loose pairs and the
            # odd wrong anchor do not inflate it.
            var = devs[len(devs) // 2] / 0.455
        else:
            var = 6.8 * ratio
        return LengthModel(ratio, min(max(var, 0.5 * ratio), 40.0 * ratio))


# --------------------------------------------------------------------------- anchors


def _postings(en: Sequence[EnFeat]) -> dict[str, list[int]]:
    index: dict[str, list[int]] = defaultdict(list)
    for j, e in enumerate(en):
        for k in e.keys:
            index[k].append(j)
    return index


def _lis(cands: list[tuple[int, int, float]]) -> list[tuple[int, int, float]]:
    """The longest chain of candidates increasing strictly in both i and j."""
    # Sorting j descending within one i makes a strictly increasing subsequence in j use
    # at most one candidate per source sentence.
    order = sorted(cands, key=lambda c: (c[0], -c[1]))
    tails: list[int] = []  # j of the smallest tail of an increasing run of each length
    tail_idx: list[int] = []
    prev = [-1] * len(order)
    for k, (_i, j, _s) in enumerate(order):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_idx.append(k)
        else:
            tails[pos] = j
            tail_idx[pos] = k
        prev[k] = tail_idx[pos - 1] if pos > 0 else -1
    out: list[tuple[int, int, float]] = []
    k = tail_idx[-1] if tail_idx else -1
    while k >= 0:
        out.append(order[k])
        k = prev[k]
    out.reverse()
    return out


class _Scorer:
    """Glossary scores of pairs and merged beads, with the cheap bound in front."""

    def __init__(self, src: Sequence[SrcFeat], en: Sequence[EnFeat], opts: ParallelOptions):
        self.src = src
        self.en = en
        self.opts = opts
        self.calls = 0
        self.lengths = LengthModel(1.0, 6.8)

    def pair(self, i: int, j: int) -> float:
        self.calls += 1
        return glossary_score((self.src[i],), (self.en[j],), self.opts.prefilter)[0]

    def group(
        self, src: Sequence[int], tgt: Sequence[int], floor: float = 0.0
    ) -> tuple[float, tuple[str, ...]]:
        self.calls += 1
        return glossary_score([self.src[i] for i in src], [self.en[j] for j in tgt], floor)


def find_anchors(
    scorer: _Scorer, opts: ParallelOptions, stats: AlignStats
) -> list[tuple[int, int, float]]:
    """High-confidence 1-1 pairs forming a monotonic chain: (i, j, glossary score)."""
    src, en = scorer.src, scorer.en
    n, m = len(src), len(en)
    if not n or not m:
        return []
    index = _postings(en)
    width = max(opts.anchor_window_min, int(opts.anchor_window * max(n, m)))
    cands: list[tuple[int, int, float]] = []
    for i, s in enumerate(src):
        centre = (i + 0.5) * m / n
        lo, hi = int(centre) - width, int(centre) + width + 1
        votes: dict[int, float] = defaultdict(float)
        for item, keys in zip(s.items, s.item_keys, strict=True):
            hits: set[int] = set()
            for key in keys:
                post = index.get(key)
                if not post:
                    continue
                a, b = bisect.bisect_left(post, lo), bisect.bisect_left(post, hi)
                if b - a > opts.anchor_postings:
                    continue  # too common here to point anywhere
                hits.update(post[a:b])
            for j in hits:
                votes[j] += item.weight / len(hits)
        if not votes:
            continue
        best = sorted(votes, key=lambda j: (-votes[j], abs(j - centre), j))
        floor = opts.anchor_min - opts.anchor_tie
        scored = [(j, scorer.group((i,), (j,), floor)[0]) for j in best[: opts.anchor_candidates]]
        top = max(sc for _j, sc in scored)
        if top < opts.anchor_min:
            continue
        for j, sc in scored:
            if sc >= top - opts.anchor_tie:
                cands.append((i, j, sc))
    stats.anchor_candidates = len(cands)
    chain = _lis(cands)
    stats.anchors = len(chain)
    return chain


# --------------------------------------------------------------------------- band


def band_limits(
    n: int, m: int, anchors: Sequence[tuple[int, int, float]], width: int
) -> tuple[list[int], list[int]]:
    """For each row i (source sentences consumed, 0..n) the range of j the DP visits.

    The path runs through (0, 0), each anchor's cell and its successor, and (n, m); rows
    between two path points take ``width`` around the straight line between them, or the
    whole rectangle between them when it is small. The limits are then made monotonic and
    connected so that a path from (0, 0) to (n, m) always exists inside the band.
    """
    points = [(0, 0)]
    for i, j, _s in anchors:
        if i > points[-1][0] or j > points[-1][1]:
            points.append((i, j))
        points.append((i + 1, j + 1))
    if points[-1] != (n, m):
        points.append((n, m))
    lo = [m + 1] * (n + 1)
    hi = [-1] * (n + 1)
    for (ia, ja), (ib, jb) in itertools.pairwise(points):
        small = (ib - ia) <= 4 * width and (jb - ja) <= 4 * width
        for i in range(ia, ib + 1):
            if small or ib == ia:
                a, b = ja - width, jb + width
            else:
                c = ja + (jb - ja) * (i - ia) / (ib - ia)
                a, b = int(c) - width, math.ceil(c) + width
            lo[i] = min(lo[i], max(0, a))
            hi[i] = max(hi[i], min(m, b))
    lo[0], hi[n] = 0, m
    for i in range(n - 1, -1, -1):
        lo[i] = min(lo[i], lo[i + 1])
    for i in range(1, n + 1):
        hi[i] = max(hi[i], hi[i - 1])
    for i in range(n):
        # Connected: the next row starts no further right than this row ends.
        if hi[i] < lo[i + 1]:
            hi[i] = lo[i + 1]
    return lo, hi


# --------------------------------------------------------------------------- programme


def _combined(gloss: float, fit: float, opts: ParallelOptions) -> float:
    """Own score of a bead in 0..1: glossary evidence, then the length fit."""
    return min(1.0, opts.w_gloss * gloss + opts.w_length * fit * (1 - gloss))


def _decode(
    n: int, m: int, lo: list[int], back: list[bytearray]
) -> list[tuple[int, int, int, int]]:
    """Beads (i, j, di, dj) of the best path, in order."""
    out: list[tuple[int, int, int, int]] = []
    i, j = n, m
    while i > 0 or j > 0:
        di, dj = SHAPES[back[i][j - lo[i]]]
        i, j = i - di, j - dj
        out.append((i, j, di, dj))
    out.reverse()
    return out


def run_dp(
    scorer: _Scorer,
    lengths: LengthModel,
    lo: list[int],
    hi: list[int],
    opts: ParallelOptions,
    stats: AlignStats,
) -> list[Bead]:
    """The best monotonic bead sequence inside the band; 1-0 and 0-1 beads included.

    State (i, j) means i source and j English sentences consumed. Skipping a sentence
    gains 0; an aligned bead gains its combined score minus ``dp_offset`` and, when merged,
    ``merge_penalty`` per extra sentence. Only the band's cells are visited and only two
    rows of values are kept; the back-pointers take one byte per cell.
    """
    src, en = scorer.src, scorer.en
    n, m = len(src), len(en)
    src_len = [s.length for s in src]
    en_len = [e.length for e in en]
    offset, mmin, penalty = opts.dp_offset, opts.merge_min, opts.merge_penalty

    def bead_gain(g: float, sl: int, el: int, extra: int) -> float:
        return _combined(g, lengths.fit(sl, el), opts) - offset - penalty * extra

    # 1-1 glossary scores and gains of the band, row by row: s11[i][j - lo[i]] pairs source
    # sentence i with English sentence j.
    s11: list[list[float]] = []
    g11: list[list[float]] = []
    for i in range(n):
        srow = [scorer.pair(i, j) for j in range(lo[i], min(hi[i], m - 1) + 1)]
        s11.append(srow)
        g11.append([bead_gain(g, src_len[i], en_len[lo[i] + k], 0) for k, g in enumerate(srow)])

    def s_at(i: int, j: int) -> float:
        k = j - lo[i]
        row = s11[i]
        return row[k] if 0 <= k < len(row) else 0.0

    def evidenced(i: int, j: int, di: int, dj: int) -> bool:
        """Every sentence of a merged bead has some evidence of its own in the bead."""
        a, b = s_at(i, j), s_at(i, j + 1) if dj == 2 else 0.0
        if di == 1:
            return a >= mmin and b >= mmin
        c, d = s_at(i + 1, j), s_at(i + 1, j + 1) if dj == 2 else 0.0
        if dj == 1:
            return a >= mmin and c >= mmin
        return max(a, b) >= mmin and max(c, d) >= mmin and max(a, c) >= mmin and max(b, d) >= mmin

    def merged(i: int, j: int, di: int, dj: int, need: float) -> float:
        """Gain of a merged bead; -inf when it cannot reach ``need`` (the gain that would
        beat the best path into the cell so far)."""
        extra = di + dj - 2
        fit = lengths.fit(sum(src_len[i : i + di]), sum(en_len[j : j + dj]))
        wl = opts.w_length * fit
        # Invert the gain for the glossary score it needs, so that the matcher is spared
        # when the keys alone show it cannot get there.
        floor = ((need + offset + penalty * extra - wl) / (1 - wl) / opts.w_gloss) if wl < 1 else 0
        if floor > 1.0:
            return neg
        g = scorer.group(range(i, i + di), range(j, j + dj), max(0.0, floor - 1e-9))[0]
        if g < floor:
            return neg
        return _combined(g, fit, opts) - offset - penalty * extra

    neg = -math.inf
    back: list[bytearray] = []
    prev2: list[float] = []  # values of row i - 2
    prev1: list[float] = []  # values of row i - 1
    cells = 0
    for i in range(n + 1):
        row_lo, row_hi = lo[i], hi[i]
        vrow = [neg] * (row_hi - row_lo + 1)
        brow = bytearray(row_hi - row_lo + 1)
        lo1 = lo[i - 1] if i >= 1 else 0
        hi1 = hi[i - 1] if i >= 1 else -1
        lo2 = lo[i - 2] if i >= 2 else 0
        hi2 = hi[i - 2] if i >= 2 else -1
        gains1 = g11[i - 1] if i >= 1 else []
        for j in range(row_lo, row_hi + 1):
            cells += 1
            best = neg
            arg = 0
            if i == 0 and j == 0:
                best = 0.0
            if j - 1 >= row_lo and vrow[j - 1 - row_lo] > best:  # 0-1
                best, arg = vrow[j - 1 - row_lo], 1
            if lo1 <= j <= hi1 and prev1[j - lo1] > best:  # 1-0
                best, arg = prev1[j - lo1], 0
            if lo1 <= j - 1 <= hi1 and j - 1 < m:  # 1-1
                v = prev1[j - 1 - lo1]
                if v > neg:
                    v += gains1[j - 1 - lo1]
                    if v > best:
                        best, arg = v, 2
            if lo1 <= j - 2 <= hi1 and prev1[j - 2 - lo1] > neg and evidenced(i - 1, j - 2, 1, 2):
                v = prev1[j - 2 - lo1]
                v += merged(i - 1, j - 2, 1, 2, best - v)
                if v > best:
                    best, arg = v, 3
            if lo2 <= j - 1 <= hi2 and prev2[j - 1 - lo2] > neg and evidenced(i - 2, j - 1, 2, 1):
                v = prev2[j - 1 - lo2]
                v += merged(i - 2, j - 1, 2, 1, best - v)
                if v > best:
                    best, arg = v, 4
            if lo2 <= j - 2 <= hi2 and prev2[j - 2 - lo2] > neg and evidenced(i - 2, j - 2, 2, 2):
                v = prev2[j - 2 - lo2]
                v += merged(i - 2, j - 2, 2, 2, best - v)
                if v > best:
                    best, arg = v, 5
            vrow[j - row_lo] = best
            brow[j - row_lo] = arg
        back.append(brow)
        prev2, prev1 = prev1, vrow
    stats.cells += cells
    beads: list[Bead] = []
    for i, j, di, dj in _decode(n, m, lo, back):
        src_idx = tuple(range(i, i + di))
        tgt_idx = tuple(range(j, j + dj))
        beads.append(_bead(scorer, src_idx, tgt_idx) if di and dj else Bead(src_idx, tgt_idx))
    return beads


def repair_swaps(beads: list[Bead], scorer: _Scorer, opts: ParallelOptions) -> list[Bead]:
    """Undo local swaps the monotonic programme cannot express.

    Two adjacent 1-1 beads whose crossed pairs carry clearly more glossary evidence are
    replaced by the crossed pairs; a source and an English sentence left unaligned on either
    side of a 1-1 bead (the programme kept one pair of a swap) are linked when their own
    evidence is strong. Either way no weak cross-link survives a swap.
    """
    out = list(beads)
    for k in range(len(out) - 1):
        a, b = out[k], out[k + 1]
        if a.shape != (1, 1) or b.shape != (1, 1):
            continue
        i, j = a.src[0], a.tgt[0]
        if b.src[0] != i + 1 or b.tgt[0] != j + 1:
            continue
        x, y = scorer.pair(i, j + 1), scorer.pair(i + 1, j)
        if max(x, y) >= opts.swap_min and x + y > a.gloss + b.gloss + opts.swap_margin:
            out[k] = _bead(scorer, (i,), (j + 1,))
            out[k + 1] = _bead(scorer, (i + 1,), (j,))
    lone_src = {b.src[0] for b in out if b.shape == SKIP_SRC}
    lone_en = {b.tgt[0] for b in out if b.shape == SKIP_EN}
    result: list[Bead] = []
    for b in out:
        result.append(b)
        if b.shape != (1, 1) or not lone_src or not lone_en:
            continue
        i, j = b.src[0], b.tgt[0]
        for si, ej in ((i + 1, j - 1), (i - 1, j + 1)):
            if si in lone_src and ej in lone_en and scorer.pair(si, ej) >= opts.swap_min:
                lone_src.discard(si)
                lone_en.discard(ej)
                result.append(_bead(scorer, (si,), (ej,)))
    if len(result) == len(out):
        return result
    linked_src = {i for b in result if b.tgt for i in b.src}
    linked_en = {j for b in result if b.src for j in b.tgt}
    return [
        b
        for b in result
        if not (b.shape == SKIP_SRC and b.src[0] in linked_src)
        and not (b.shape == SKIP_EN and b.tgt[0] in linked_en)
    ]


def _bead(scorer: _Scorer, src: tuple[int, ...], tgt: tuple[int, ...]) -> Bead:
    g, ev = scorer.group(src, tgt)
    sl = sum(scorer.src[i].length for i in src)
    el = sum(scorer.en[j].length for j in tgt)
    return Bead(src, tgt, 0.0, g, scorer.lengths.fit(sl, el), ev)


FEATURES = (
    "gloss",
    "length",
    "both_adjacent",
    "support_min",
    "support_max",
    "neighbour_min",
    "merge",
    "merge22",
    "log_evidence",
    "density",
)
# Logistic calibration of the output score over FEATURES (intercept first), fitted on the
# dev data and its stress variants by benchmarks/parallel.py --calibrate.
CALIBRATION = (-3.470, 3.194, -0.068, 1.142, 3.388, 3.455, 0.529, -3.909, 0.000, 1.526, 6.935)


def bead_features(beads: Sequence[Bead], opts: ParallelOptions) -> list[tuple[float, ...]]:
    """The calibration features of every bead (all zeros for 1-0 and 0-1 beads)."""
    n = len(beads)
    aligned = [bool(b.src and b.tgt) for b in beads]

    def support(order: range) -> list[float]:
        # Decayed glossary score of the nearest strong bead on one side, within a run of
        # aligned beads: a gap (a skipped sentence) resets it.
        out = [0.0] * n
        carry = 0.0
        for k in order:
            if not aligned[k]:
                carry = 0.0
                continue
            out[k] = carry
            g = beads[k].gloss
            carry = g if g >= opts.strong else carry * opts.context_decay
        return out

    left = support(range(n))
    right = support(range(n - 1, -1, -1))
    # Local parallelness: the share of strong beads among the beads around each bead (a
    # running sum keeps it linear).
    strong = [0] * (n + 1)
    for k, b in enumerate(beads):
        strong[k + 1] = strong[k] + (1 if aligned[k] and b.gloss >= opts.strong else 0)
    w = opts.density_window
    feats: list[tuple[float, ...]] = []
    for k, b in enumerate(beads):
        if not aligned[k]:
            feats.append((0.0,) * len(FEATURES))
            continue
        prev = beads[k - 1].gloss if k > 0 and aligned[k - 1] else -1.0
        nxt = beads[k + 1].gloss if k + 1 < n and aligned[k + 1] else -1.0
        shape = b.shape
        feats.append(
            (
                b.gloss,
                b.length,
                1.0 if prev >= 0 and nxt >= 0 else 0.0,
                min(left[k], right[k]),
                max(left[k], right[k]),
                max(0.0, min(prev, nxt)),
                1.0 if shape in ((1, 2), (2, 1)) else 0.0,
                1.0 if shape == (2, 2) else 0.0,
                math.log1p(len(b.evidence)),
                (strong[min(n, k + w + 1)] - strong[max(0, k - w)])
                / (min(n, k + w + 1) - max(0, k - w)),
            )
        )
    return feats


def rescore(
    beads: list[Bead], opts: ParallelOptions, weights: Sequence[float] = CALIBRATION
) -> list[Bead]:
    """Output scores: the calibrated probability that a bead is right, from its own
    evidence and from the beads around it (a weak pair between strong ones on an unbroken
    diagonal is probably right, the same pair next to a skipped sentence is not)."""
    out: list[Bead] = []
    for b, x in zip(beads, bead_features(beads, opts), strict=True):
        if not (b.src and b.tgt):
            out.append(b)
            continue
        z = weights[0] + sum(w * v for w, v in zip(weights[1:], x, strict=True))
        out.append(replace(b, score=round(1.0 / (1.0 + math.exp(-z)), 4)))
    return out


# --------------------------------------------------------------------------- IBM Model 1


def _src_word(item: SrcItem) -> str:
    return item.key or item.text


def ibm1(
    pairs: Sequence[tuple[list[SrcItem], list[EnTok]]],
    iterations: int,
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """IBM Model 1 by EM over aligned sentence pairs, seeded by the lexicon.

    Source words are the evidence items (lexicon key or surface form), English words the
    content lemmas. The first E-step weights a lexicon translation ten times a co-occurring
    word, so the model starts from what the lexicon says and learns what it misses.
    Returns t(e | f) and the expected counts c(f, e) of the last E-step.
    """
    null = "\0"
    t: dict[str, dict[str, float]] = {}
    for items, toks in pairs:
        for it in items:
            row = t.setdefault(_src_word(it), {})
            known = {lem for tgt in it.targets for lem in tgt.lemmas}
            for tok in toks:
                row[tok.lemma] = max(row.get(tok.lemma, 0.0), 10.0 if tok.lemma in known else 1.0)
    for row in t.values():
        z = sum(row.values())
        for e in row:
            row[e] /= z
    counts: dict[str, dict[str, float]] = {}
    for _ in range(max(1, iterations)):
        counts = defaultdict(lambda: defaultdict(float))
        for items, toks in pairs:
            fs = [_src_word(it) for it in items] + [null]
            for tok in toks:
                e = tok.lemma
                probs = [t.get(f, {}).get(e, 1e-6) for f in fs]
                z = sum(probs)
                for f, p in zip(fs, probs, strict=True):
                    if f != null:
                        counts[f][e] += p / z
        t = {}
        for f, row in counts.items():
            z = sum(row.values())
            t[f] = {e: c / z for e, c in row.items()}
    return t, counts


def induce(
    src: Sequence[SrcFeat],
    en: Sequence[EnFeat],
    beads: Sequence[Bead],
    opts: ParallelOptions,
) -> dict[str, list[Target]]:
    """Translations learned from the confident 1-1 beads: source word → new targets.

    A translation is kept when t(e | f) is high and the pair was seen at least
    ``ibm_min_count`` times (expected count), so one accidental pair teaches nothing.
    Words that count only when met (ない, "not", "said") are left out: they are in so many
    sentences that they would be learned as the translation of anything.
    """

    def pair(b: Bead) -> tuple[list[SrcItem], list[EnTok]]:
        items = [i for i in src[b.src[0]].items if not i.meets]
        return items, [t for t in en[b.tgt[0]].toks if not t.meets]

    pairs = [pair(b) for b in beads if b.shape == (1, 1) and b.score >= opts.ibm_link_min]
    if len(pairs) < opts.ibm_min_pairs:
        # Too little glossary evidence (a thin lexicon): learn from the length-based path
        # instead, keeping only 1-1 beads with a good length fit inside 1-1 runs.
        pairs = [
            pair(b)
            for k, b in enumerate(beads)
            if b.shape == (1, 1)
            and b.length >= opts.ibm_length_min
            and 0 < k < len(beads) - 1
            and beads[k - 1].shape == (1, 1)
            and beads[k + 1].shape == (1, 1)
        ]
    if len(pairs) < opts.ibm_min_pairs:
        return {}
    table, counts = ibm1(pairs, opts.ibm_iterations)
    out: dict[str, list[Target]] = {}
    for f, row in table.items():
        if f.isdigit():
            continue
        new = [
            Target(e, (e,), round(min(p, 0.9), 3), "word")
            for e, p in sorted(row.items(), key=lambda x: -x[1])[:3]
            if p >= opts.ibm_min_prob and counts[f][e] >= opts.ibm_min_count
        ]
        if new:
            out[f] = new
    return out


def with_induced(feat: SrcFeat, table: dict[str, list[Target]]) -> SrcFeat:
    """``feat`` with the learned translations added to its items' lexicon targets."""
    items: list[SrcItem] = []
    changed = False
    for it in feat.items:
        extra = table.get(_src_word(it))
        if extra:
            known = {tgt.lemmas for tgt in it.targets}
            add = tuple(tg for tg in extra if tg.lemmas not in known)
            if add:
                it = replace(it, key=_src_word(it), targets=(*it.targets, *add))
                changed = True
        items.append(it)
    return src_feature(items, feat.length) if changed else feat


# --------------------------------------------------------------------------- one pass


def align_pass(
    src: Sequence[SrcFeat], en: Sequence[EnFeat], opts: ParallelOptions, stats: AlignStats
) -> list[Bead]:
    """Anchors, band and programme over prepared features; every sentence is in one bead."""
    scorer = _Scorer(src, en, opts)
    n, m = len(src), len(en)
    anchors = find_anchors(scorer, opts, stats)
    lengths = LengthModel.estimate(
        [(src[i].length, en[j].length) for i, j, _s in anchors],
        sum(s.length for s in src),
        sum(e.length for e in en),
    )
    stats.ratio = lengths.ratio
    width = opts.band
    if not anchors:
        # Without anchors the diagonal is all we have; widen the band by the difference in
        # sentence counts (capped, to stay linear).
        width = opts.band + min(abs(n - m), 10 * opts.band)
    lo, hi = band_limits(n, m, anchors, width)
    scorer.lengths = lengths
    beads = repair_swaps(run_dp(scorer, lengths, lo, hi, opts, stats), scorer, opts)
    stats.scored_pairs += scorer.calls
    stats.passes += 1
    return rescore(beads, opts)


def align_features(
    src: Sequence[SrcFeat], en: Sequence[EnFeat], opts: ParallelOptions
) -> tuple[list[Bead], AlignStats]:
    """Align prepared features; with ``opts.realign`` a second pass with induced words."""
    stats = AlignStats(src_sentences=len(src), en_sentences=len(en))
    beads = align_pass(src, en, opts, stats)
    if opts.realign:
        table = induce(src, en, beads, opts)
        stats.induced = sum(len(v) for v in table.values())
        if table:
            src2 = [with_induced(f, table) for f in src]
            beads = align_pass(src2, en, opts, stats)
    return beads, stats


# --------------------------------------------------------------------------- documents

TEXT_SUFFIXES = (".txt", ".md")
SOURCE_LANGS = ("ko", "ja")


@dataclass(frozen=True)
class DocPair:
    """A source document and its English version."""

    name: str  # the pair name: file name without text and language suffixes
    src: Path
    en: Path
    lang: str = ""  # from the file name (x.ko.txt); "" to detect from the script


@dataclass
class Side:
    """The sentences of one document: spans into its text and their tokens (form, tag)."""

    doc_id: str
    lang: str
    text: str
    spans: list[tuple[int, int]]
    tokens: list[tuple[tuple[str, str], ...]] = field(default_factory=list)

    def sentence(self, index: int, post_id: str = "") -> Sentence:
        s, e = self.spans[index]
        toks = tuple(Token(f, t, "", 0, 0) for f, t in self.tokens[index])
        return Sentence(self.doc_id, self.lang, self.text[s:e], s, e, index, post_id, tokens=toks)


def read_text(path: Path) -> str:
    """A document decoded (UTF-8 with or without BOM, EUC-KR/CP949, Shift_JIS) and normalised."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise AlignError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        text, _encoding = decode(data)
    except ValueError as exc:
        raise AlignError(f"{path}: {exc}") from None
    return normalise(text)


def detect_language(text: str, path: Path) -> str:
    """ko or ja from the script of ``text`` (Hangul or kana)."""
    sc = count_scripts(text)
    if sc.hangul and sc.hangul >= sc.kana:
        return "ko"
    if sc.kana:
        return "ja"
    raise AlignError(
        f"{path}: cannot tell the source language (no Hangul or kana found); pass --lang ko|ja"
    )


def split_text(
    text: str, split: Callable[[str], list[tuple[int, int]]], presplit: bool
) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: one per non-blank line with ``presplit``, else each line
    split by ``split`` (a line break always ends a sentence)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        if line.strip():
            if presplit:
                s = start + len(line) - len(line.lstrip())
                spans.append((s, start + len(line.rstrip())))
            else:
                spans.extend((start + a, start + b) for a, b in split(line))
        start = end + 1
    return spans


@dataclass
class PairReport:
    """What happened to one document pair."""

    name: str
    lang: str
    src_file: str
    en_file: str
    src_sentences: int = 0
    en_sentences: int = 0
    links: int = 0
    shapes: dict[str, int] = field(default_factory=dict)
    src_unaligned: int = 0
    en_unaligned: int = 0
    stats: AlignStats = field(default_factory=AlignStats)


def _tokenized(tokenizer: Tokenizer, texts: Sequence[str]) -> Iterator[tuple[Token, ...]]:
    """Tokens of each text, through the tokenizer's batch method when it has one."""
    many = getattr(tokenizer, "tokenize_many", None)
    if many is None:
        for text in texts:
            yield tokenizer.tokenize(text)
        return
    # Chunks keep the batch's Token objects few at a time.
    for k in range(0, len(texts), 256):
        yield from many(texts[k : k + 256])


def prepare_source(
    doc_id: str,
    lang: str,
    text: str,
    tokenizer: Tokenizer,
    lex: PairLexicon,
    presplit: bool,
    cache: FeatureCache,
) -> tuple[Side, list[SrcFeat]]:
    """Split, tokenize and featurize a source document, one sentence at a time: only the
    features and the (form, tag) pairs for the output are kept, not the Token objects."""
    spans = split_text(text, tokenizer.split_sentences, presplit)
    side = Side(doc_id, lang, text, spans)
    feats: list[SrcFeat] = []
    for (s, e), toks in zip(
        spans, _tokenized(tokenizer, [text[s:e] for s, e in spans]), strict=True
    ):
        side.tokens.append(cache.output_tokens(toks))
        feats.append(cache.source(source_items(toks, lex), char_length(text[s:e])))
    return side, feats


def prepare_english(
    doc_id: str, text: str, tokenizer: Tokenizer, presplit: bool, cache: FeatureCache
) -> tuple[Side, list[EnFeat]]:
    """Split, tokenize and featurize the English document, one sentence at a time.

    Lemmas found in more than a quarter of the sentences count half (as in a story);
    they are known only at the end, so the few sentences holding one are featurized again.
    """
    spans = split_text(text, split_english, presplit)
    side = Side(doc_id, "en", text, spans)
    texts = [text[s:e] for s, e in spans]
    feats: list[EnFeat] = []
    df: Counter[str] = Counter()
    for sent, toks in zip(texts, _tokenized(tokenizer, texts), strict=True):
        side.tokens.append(cache.output_tokens(toks))
        df.update({t.lemma for t in toks if t.content})
        feats.append(cache.english(english_tokens(toks, frozenset()), char_length(sent)))
    common = common_from_counts(df, len(spans))
    if common:
        for j, f in enumerate(feats):
            if any(t.lemma in common for t in f.toks):
                toks = tokenizer.tokenize(texts[j])
                feats[j] = cache.english(english_tokens(toks, common), f.length)
    return side, feats


def links_of(beads: Sequence[Bead], src: Side, en: Side, name: str, min_score: float) -> list[Link]:
    """The beads that clear ``min_score`` as ``Link`` records (tgt_kind sentence or pair)."""
    links: list[Link] = []
    for b in beads:
        if not (b.src and b.tgt) or b.score < min_score:
            continue
        group = tuple(src.sentence(i, name) for i in b.src)
        if len(b.tgt) == 1:
            tgt = en.sentence(b.tgt[0])
        else:
            first, last = en.sentence(b.tgt[0]), en.sentence(b.tgt[-1])
            tgt = replace(
                first,
                text=en.text[first.start : last.end],
                end=last.end,
                kind="pair",
                tokens=first.tokens + last.tokens,
            )
        links.append(Link(src.doc_id, name, src.lang, group, tgt, b.score, b.evidence))
    links.sort(key=lambda lk: (lk.src[0].index, lk.tgt.start))
    return links


def _strip_suffixes(name: str, langs: Sequence[str]) -> tuple[str, str]:
    """x.ko.txt → (x, ko); x.txt → (x, "") when the language part is not in ``langs``."""
    stem = name
    for suffix in TEXT_SUFFIXES:
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    base, dot, lang = stem.rpartition(".")
    if dot and lang in langs:
        return base, lang
    return stem, ""


def _text_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)


def pair_files(src: Path, en: Path | None) -> tuple[list[DocPair], list[tuple[str, str]]]:
    """Pair the files of a folder (``x.ko.txt`` with ``x.en.txt``) or of two folders (same
    name, language suffixes optional). Returns the pairs and the unpaired files with why."""
    unpaired: list[tuple[str, str]] = []
    sources: dict[str, list[tuple[Path, str]]] = {}
    english: dict[str, Path] = {}
    if en is None or en.resolve() == src.resolve():
        for path in _text_files(src):
            rel = path.relative_to(src).as_posix()
            key, lang = _strip_suffixes(rel, (*SOURCE_LANGS, "en"))
            if lang == "en":
                english[key] = path
            elif lang:
                sources.setdefault(key, []).append((path, lang))
            else:
                unpaired.append((str(path), "no language suffix (.ko, .ja or .en)"))
    else:
        for path in _text_files(src):
            key, lang = _strip_suffixes(path.relative_to(src).as_posix(), SOURCE_LANGS)
            sources.setdefault(key, []).append((path, lang))
        for path in _text_files(en):
            key, _lang = _strip_suffixes(path.relative_to(en).as_posix(), ("en",))
            english[key] = path
    pairs: list[DocPair] = []
    for key in sorted(sources):
        for path, lang in sources[key]:
            if key in english:
                pairs.append(DocPair(key, path, english[key], lang))
            else:
                unpaired.append((str(path), "no English file"))
    for key in sorted(set(english) - set(sources)):
        unpaired.append((str(english[key]), "no source file"))
    unpaired.sort()
    return pairs, unpaired


@dataclass(frozen=True)
class AlignConfig:
    """Everything ``polyseg align`` depends on."""

    src: str
    en: str | None
    output: str
    lexicons: tuple[str, ...] = ()
    shipped_lexicons: bool = True
    lang: str | None = None
    presplit: bool = False
    options: ParallelOptions = field(default_factory=ParallelOptions)


@dataclass
class AlignSummary:
    """The outcome of ``run_align``, for the summary on stderr."""

    reports: list[PairReport]
    unpaired: list[tuple[str, str]]
    outputs: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def lines(self, max_pairs: int = 20) -> list[str]:
        """The human summary printed on stderr at the end of a run."""
        r = self.reports
        by_lang = Counter(p.lang for p in r)
        langs = ", ".join(f"{k} {v}" for k, v in sorted(by_lang.items()))
        out = [
            f"pairs: {len(r)} aligned"
            + (f" ({langs})" if langs else "")
            + f"; unpaired files: {len(self.unpaired)}"
        ]
        out += [f"  unpaired {path}: {why}" for path, why in self.unpaired]
        for p in r[:max_pairs]:
            shapes = ", ".join(f"{k} {v}" for k, v in sorted(p.shapes.items()))
            out.append(
                f"  {p.name}: {p.lang} {p.src_sentences} sentences, en {p.en_sentences}; "
                f"links {p.links}"
                + (f" ({shapes})" if shapes else "")
                + f"; unaligned {p.lang} {p.src_unaligned}, en {p.en_unaligned}; "
                f"anchors {p.stats.anchors}, DP cells {p.stats.cells}"
            )
        if len(r) > max_pairs:
            out.append(f"  … and {len(r) - max_pairs} more pairs")
        src_n = sum(p.src_sentences for p in r)
        out.append(
            f"sentences: source {src_n}, English {sum(p.en_sentences for p in r)}; "
            f"links {sum(p.links for p in r)}; unaligned source "
            f"{sum(p.src_unaligned for p in r)}, English {sum(p.en_unaligned for p in r)}"
        )
        out.append(f"wrote {', '.join(self.outputs)} in {self.elapsed:.1f}s")
        return out


class Resources:
    """The lexicon and tokenizer of each source language, built once per run."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self._langs: dict[str, tuple[PairLexicon, Tokenizer]] = {}

    def get(self, lang: str) -> tuple[PairLexicon, Tokenizer]:
        """(lexicon, tokenizer) for ``lang``; the tokenizer knows the lexicon's names."""
        if lang not in self._langs:
            lex = self.lexicon.for_lang(lang)
            self._langs[lang] = (lex, get_tokenizer(lang, lex.user_words()))
        return self._langs[lang]


def align_pair(
    pair: DocPair,
    resources: Resources,
    opts: ParallelOptions,
    presplit: bool = False,
    lang: str | None = None,
) -> tuple[list[Link], PairReport]:
    """Read, split, tokenize and align one document pair."""
    src_text = read_text(pair.src)
    en_text = read_text(pair.en)
    src_lang = lang or pair.lang or detect_language(src_text, pair.src)
    lex, tokenizer = resources.get(src_lang)
    cache = FeatureCache()
    src, sfeat = prepare_source(pair.src.stem, src_lang, src_text, tokenizer, lex, presplit, cache)
    en, efeat = prepare_english(pair.en.stem, en_text, get_tokenizer("en"), presplit, cache)
    beads, stats = align_features(sfeat, efeat, opts)
    links = links_of(beads, src, en, pair.name, opts.min_score)
    kept = [b for b in beads if b.src and b.tgt and b.score >= opts.min_score]
    report = PairReport(
        pair.name,
        src_lang,
        str(pair.src),
        str(pair.en),
        len(src.spans),
        len(en.spans),
        len(links),
        dict(Counter(f"{len(b.src)}-{len(b.tgt)}" for b in kept)),
        len(src.spans) - sum(len(b.src) for b in kept),
        len(en.spans) - sum(len(b.tgt) for b in kept),
        stats,
    )
    return links, report


def run_align(config: AlignConfig) -> AlignSummary:
    """Align one document pair (SRC and EN files, output a TSV file) or every pair of a
    folder or two folders (output ``aligned.tsv`` in the OUT folder), written atomically."""
    t0 = time.perf_counter()
    src = Path(config.src)
    folder = src.is_dir()
    if folder:
        pairs, unpaired = pair_files(src, Path(config.en) if config.en else None)
        if not pairs:
            raise InputError(
                f"{config.src}: no document pairs found"
                + (f" ({len(unpaired)} unpaired files)" if unpaired else "")
            )
    else:
        if config.en is None:
            raise InputError(f"{config.src}: a single source file needs its English file")
        en = Path(config.en)
        name, lang = _strip_suffixes(src.name, SOURCE_LANGS)
        pairs, unpaired = [DocPair(name, src, en, lang)], []
    resources = Resources(load_lexicons(list(config.lexicons), config.shipped_lexicons))
    links: list[Link] = []
    reports: list[PairReport] = []
    for pair in pairs:
        pair_links, report = align_pair(
            pair, resources, config.options, config.presplit, config.lang
        )
        links.extend(pair_links)
        reports.append(report)

    def write(path: Path) -> None:
        write_rows(path, ALIGNED_COLUMNS, aligned_rows(links))

    if folder:
        outputs = commit(config.output, {"aligned.tsv": write})
    else:
        out = Path(config.output)
        outputs = commit(str(out.parent) if str(out.parent) else ".", {out.name: write})
    return AlignSummary(reports, unpaired, outputs, time.perf_counter() - t0)

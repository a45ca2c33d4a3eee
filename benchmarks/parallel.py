"""Benchmark of ``polyseg align`` (parallel-document alignment) on the shared dev data.

Usage::

    .venv/bin/python benchmarks/parallel.py [--data DIR] [--sizes 2000,20000] [--no-timing]
    .venv/bin/python benchmarks/parallel.py --calibrate     # refit parallel.CALIBRATION

The data is read at run time from ``<repo>/../shared/data`` (or ``--data``) and never copied
into the repository. Quality is measured with one sentence per line (``--presplit``): a gold
link is line i of the source ↔ line i of the English; a predicted bead counts its component
1-1 links (a 2-1 bead is two links). Documents:

* ``park.dev`` (1,000 ko-en news pairs), ``jhe-koen-dev`` and ``jhe-koen-eval`` (720 each),
  each as one document pair;
* every BSD dev conversation (ja-en; turns' ``ja_sentence`` / ``en_sentence``) as one pair,
  counts summed over the 69 conversations;
* stress variants of park: 20 unrelated English lines (from jhe-koen-dev) inserted in four
  blocks, 10 Korean lines deleted, 10 adjacent English pairs swapped, 30 adjacent English
  pairs joined into one line (2-1 beads).

Each is aligned without and with ``--realign``, at the default ``--min-score``; two more
rows show park and BSD with no lexicon at all (``--no-shipped-lexicons``), the setting of
hunalign's dictionary-less figure. The timing part aligns a synthetic document pair of N
lines per language (ko-en: park + jhe lines repeated; ja-en: BSD turns repeated), each in a
fresh process whose tokenizers are started and warmed up first; it reports the time to
split, tokenize and featurize, the time to align, the DP cells, and the peak RSS before and
after. Tokenization is not cached: repeated lines are tokenized again.

``--calibrate`` aligns the dev documents and many stress variants of both language pairs
(insertions, deletions, swaps, summaries, joins, unrelated documents) and fits the logistic
calibration of the output score (``parallel.CALIBRATION``) by Newton's method; paste the
printed tuple into ``src/polyseg/parallel.py`` after a change to the scorer.
"""

from __future__ import annotations

import argparse
import functools
import json
import math
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from polyseg import parallel as P  # noqa: E402
from polyseg.align.features import (  # noqa: E402
    char_length,
    common_lemmas,
    english_tokens,
    source_items,
)
from polyseg.lexicon import Lexicon, PairLexicon, load_lexicons  # noqa: E402
from polyseg.tokenize import Tokenizer, get_tokenizer  # noqa: E402
from polyseg.types import Token  # noqa: E402

# A line's gold identity: lines with a common id are translations of each other.
Ids = frozenset[int]


@dataclass
class Doc:
    """A document pair as lines, with the gold identity of each line."""

    name: str
    lang: str
    src: list[str]
    en: list[str]
    src_ids: list[Ids]
    en_ids: list[Ids]


def parallel_doc(name: str, lang: str, src: list[str], en: list[str]) -> Doc:
    if len(src) != len(en):
        sys.exit(f"{name}: {len(src)} source lines but {len(en)} English lines")
    ids = [frozenset({i}) for i in range(len(src))]
    return Doc(name, lang, src, en, ids, list(ids))


def load_data(data: Path) -> dict[str, Any]:
    ko = data / "ko-en"
    bsd_path = data / "ja-en" / "bsd.dev.json"
    needed = [
        ko / f"{n}.{s}" for n in ("park.dev", "jhe-koen-dev", "jhe-koen-eval") for s in ("ko", "en")
    ]
    missing = [str(p) for p in [*needed, bsd_path] if not p.is_file()]
    if missing:
        sys.exit(
            "benchmarks/parallel.py needs the shared dev data, which is missing:\n  "
            + "\n  ".join(missing)
            + "\n(pass --data DIR; it is never copied into the repository)"
        )

    def lines(p: Path) -> list[str]:
        return p.read_text(encoding="utf-8").splitlines()

    out: dict[str, Any] = {}
    for n in ("park.dev", "jhe-koen-dev", "jhe-koen-eval"):
        out[n] = parallel_doc(n, "ko", lines(ko / f"{n}.ko"), lines(ko / f"{n}.en"))
    convs = json.loads(bsd_path.read_text(encoding="utf-8"))
    out["bsd"] = [
        parallel_doc(
            c["id"],
            "ja",
            [t["ja_sentence"] for t in c["conversation"]],
            [t["en_sentence"] for t in c["conversation"]],
        )
        for c in convs
    ]
    return out


# --------------------------------------------------------------------------- variants


def inserted(doc: Doc, filler: Sequence[str], count: int, blocks: int, rng: random.Random) -> Doc:
    """``count`` unrelated English lines inserted in ``blocks`` blocks."""
    n = len(doc.en)
    at = set(rng.sample(range(1, n), min(blocks, n - 1)))
    per = max(1, count // max(1, len(at)))
    en: list[str] = []
    ids: list[Ids] = []
    k = 0
    for j in range(n):
        if j in at:
            for _ in range(per):
                en.append(filler[k % len(filler)])
                ids.append(frozenset())
                k += 1
        en.append(doc.en[j])
        ids.append(doc.en_ids[j])
    return replace(doc, name=f"{doc.name}, {k} lines inserted", en=en, en_ids=ids)


def deleted(doc: Doc, count: int, rng: random.Random) -> Doc:
    """``count`` source lines deleted."""
    gone = set(rng.sample(range(len(doc.src)), min(count, len(doc.src) - 1)))
    keep = [i for i in range(len(doc.src)) if i not in gone]
    return replace(
        doc,
        name=f"{doc.name}, {len(gone)} lines deleted",
        src=[doc.src[i] for i in keep],
        src_ids=[doc.src_ids[i] for i in keep],
    )


def swapped(doc: Doc, count: int, rng: random.Random) -> Doc:
    """``count`` adjacent English pairs swapped."""
    order = list(range(len(doc.en)))
    starts = rng.sample(range(0, len(doc.en) - 1, 2), min(count, len(doc.en) // 2))
    for a in starts:
        order[a], order[a + 1] = order[a + 1], order[a]
    return replace(
        doc,
        name=f"{doc.name}, {len(starts)} adjacent pairs swapped",
        en=[doc.en[j] for j in order],
        en_ids=[doc.en_ids[j] for j in order],
    )


def joined(doc: Doc, count: int, rng: random.Random, side: str = "en") -> Doc:
    """``count`` pairs of adjacent lines of one side joined into one line (2-1 beads)."""
    lines, ids = (doc.en, doc.en_ids) if side == "en" else (doc.src, doc.src_ids)
    starts = set(rng.sample(range(0, len(lines) - 1, 3), min(count, len(lines) // 3)))
    sep = " " if side == "en" or doc.lang == "ko" else ""
    out: list[str] = []
    out_ids: list[Ids] = []
    i = 0
    while i < len(lines):
        if i in starts and i + 1 < len(lines):
            out.append(lines[i] + sep + lines[i + 1])
            out_ids.append(ids[i] | ids[i + 1])
            i += 2
        else:
            out.append(lines[i])
            out_ids.append(ids[i])
            i += 1
    what = "English" if side == "en" else "source"
    name = f"{doc.name}, {len(starts)} {what} pairs joined"
    if side == "en":
        return replace(doc, name=name, en=out, en_ids=out_ids)
    return replace(doc, name=name, src=out, src_ids=out_ids)


def summary_of(doc: Doc, share: float, rng: random.Random) -> Doc:
    """The English keeps ``share`` of its lines (a summary of a longer original)."""
    keep = sorted(rng.sample(range(len(doc.en)), max(2, int(len(doc.en) * share))))
    return replace(
        doc,
        name=f"{doc.name}, English {len(keep)} of {len(doc.en)} lines",
        en=[doc.en[j] for j in keep],
        en_ids=[doc.en_ids[j] for j in keep],
    )


def unrelated(doc: Doc, other: Doc) -> Doc:
    """The source of ``doc`` against the English of another document."""
    return replace(
        doc,
        name=f"{doc.name} vs {other.name} English",
        en=other.en,
        en_ids=[frozenset() for _ in other.en],
    )


# --------------------------------------------------------------------------- aligning


class Featurizer:
    """Tokenizes lines once (a benchmark-side cache: variants share most lines)."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.cache: dict[tuple[str, str], tuple[Token, ...]] = {}

    def tokens(self, lang: str, lines: Sequence[str]) -> list[tuple[Token, ...]]:
        tok = self.tokenizer(lang)
        out = []
        for line in lines:
            key = (lang, line)
            if key not in self.cache:
                self.cache[key] = tok.tokenize(line)
            out.append(self.cache[key])
        return out

    @functools.cache  # noqa: B019 - one per language, for the life of the benchmark
    def pair(self, lang: str) -> PairLexicon:
        return self.lexicon.for_lang(lang)

    @functools.cache  # noqa: B019
    def tokenizer(self, lang: str) -> Tokenizer:
        return get_tokenizer(lang, self.pair(lang).user_words() if lang != "en" else ())

    def features(self, doc: Doc) -> tuple[list[P.SrcFeat], list[P.EnFeat]]:
        lex = self.pair(doc.lang)
        cache = P.FeatureCache()
        src = [
            cache.source(source_items(t, lex), char_length(line))
            for t, line in zip(self.tokens(doc.lang, doc.src), doc.src, strict=True)
        ]
        en_toks = self.tokens("en", doc.en)
        common = common_lemmas(en_toks)
        en = [
            cache.english(english_tokens(t, common), char_length(line))
            for t, line in zip(en_toks, doc.en, strict=True)
        ]
        return src, en


@dataclass
class Count:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def add(self, other: Count) -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / self.pred if self.pred else 1.0
        r = self.tp / self.gold if self.gold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def count_links(doc: Doc, beads: Sequence[P.Bead], min_score: float) -> Count:
    """Correct, predicted and gold 1-1 links; a bead counts each of its component links."""
    pred = {
        (a, c)
        for b in beads
        if b.src and b.tgt and b.score >= min_score
        for a in b.src
        for c in b.tgt
    }
    where: dict[int, list[int]] = {}
    for c, ids in enumerate(doc.en_ids):
        for x in ids:
            where.setdefault(x, []).append(c)
    gold = {(a, c) for a, ids in enumerate(doc.src_ids) for x in ids for c in where.get(x, [])}
    return Count(len(pred & gold), len(pred), len(gold))


def evaluate(docs: Sequence[Doc], feats: Featurizer, opts: P.ParallelOptions) -> Count:
    total = Count()
    for doc in docs:
        src, en = feats.features(doc)
        beads, _stats = P.align_features(src, en, opts)
        total.add(count_links(doc, beads, opts.min_score))
    return total


def fmt(x: float) -> str:
    return f"{x:.3f}"


def quality(data: dict[str, Any], seed: int) -> None:
    rng = random.Random(seed)
    park: Doc = data["park.dev"]
    jhe: Doc = data["jhe-koen-dev"]
    bsd: list[Doc] = data["bsd"]
    default = P.DEFAULT_MIN_SCORE
    # (label, documents, lexicon, --min-score)
    rows: list[tuple[str, Sequence[Doc], str, float]] = [
        ("park.dev (ko-en, 1,000 lines)", [park], "shipped", default),
        ("jhe-koen-dev (ko-en, 720)", [jhe], "shipped", default),
        ("jhe-koen-eval (ko-en, 720)", [data["jhe-koen-eval"]], "shipped", default),
        ("BSD dev (ja-en, 69 conversations, 2,051 turns)", bsd, "shipped", default),
        (
            "park + 20 jhe lines inserted in the English",
            [inserted(park, jhe.en, 20, 4, rng)],
            "shipped",
            default,
        ),
        ("park − 10 Korean lines deleted", [deleted(park, 10, rng)], "shipped", default),
        ("park, 10 adjacent English pairs swapped", [swapped(park, 10, rng)], "shipped", default),
        (
            "park, 30 adjacent English pairs joined (2-1)",
            [joined(park, 30, rng)],
            "shipped",
            default,
        ),
        ("park.dev, no lexicon", [park], "none", default),
        ("park.dev, no lexicon, --min-score 0", [park], "none", 0.0),
        ("BSD dev, no lexicon", bsd, "none", default),
        ("BSD dev, no lexicon, --min-score 0", bsd, "none", 0.0),
    ]
    featurizers = {"shipped": Featurizer(load_lexicons([])), "none": Featurizer(Lexicon())}
    for _name, docs, lexicon, _ms in rows:
        for doc in docs:  # tokenize once, before anything is timed
            featurizers[lexicon].features(doc)
    print(f"\n## Quality (1-1 links; --min-score {default} unless stated)\n")
    print("| document pair | P | R | F1 | P realign | R realign | F1 realign | align s |")
    print("|---|---|---|---|---|---|---|---|")
    for name, docs, lexicon, min_score in rows:
        feats = featurizers[lexicon]
        t0 = time.perf_counter()
        plain = evaluate(docs, feats, P.ParallelOptions(min_score=min_score))
        t1 = time.perf_counter()
        real = evaluate(docs, feats, P.ParallelOptions(min_score=min_score, realign=True))
        p, r, f = plain.prf()
        p2, r2, f2 = real.prf()
        print(
            f"| {name} | {fmt(p)} | {fmt(r)} | {fmt(f)} | {fmt(p2)} | {fmt(r2)} | {fmt(f2)} "
            f"| {t1 - t0:.1f} |"
        )
    print(
        "\nalign s: features and alignment without --realign (tokens cached per line)."
        "\nhunalign on the same kind of data: F1 0.73 with no dictionary, 0.93 with its "
        "realign pass."
    )


# --------------------------------------------------------------------------- timing


def synthetic(data: dict[str, Any], lang: str, size: int) -> tuple[list[str], list[str]]:
    if lang == "ko":
        docs: list[Doc] = [data["park.dev"], data["jhe-koen-dev"], data["jhe-koen-eval"]]
    else:
        docs = data["bsd"]
    src: list[str] = []
    en: list[str] = []
    while len(src) < size:
        for d in docs:
            src += d.src
            en += d.en
    return src[:size], en[:size]


def maxrss_mb() -> float:
    """Peak resident memory of this process so far, in MB."""
    # VmHWM belongs to the current program: ru_maxrss would carry over the parent's peak
    # across fork and exec.
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timing_child(data_dir: Path, lang: str, size: int) -> None:
    """One timing run (in its own process, so that peak RSS is this run's)."""
    data = load_data(data_dir)
    src_lines, en_lines = synthetic(data, lang, size)
    lexicon = load_lexicons([])
    lex = lexicon.for_lang(lang)
    tok = get_tokenizer(lang, lex.user_words())
    en_tok = get_tokenizer("en")
    # Start-up: the tokenizers load their models lazily, on the first few hundred calls.
    warm = synthetic(data, lang, 1500)
    for line in warm[0]:
        tok.tokenize(line)
    for line in warm[1][:300]:
        en_tok.tokenize(line)
    rss0 = maxrss_mb()
    t0 = time.perf_counter()
    cache = P.FeatureCache()
    _src, sfeat = P.prepare_source("src", lang, "\n".join(src_lines), tok, lex, True, cache)
    _en, efeat = P.prepare_english("en", "\n".join(en_lines), en_tok, True, cache)
    t1 = time.perf_counter()
    beads, stats = P.align_features(sfeat, efeat, P.ParallelOptions())
    t2 = time.perf_counter()
    # Line i of the synthetic pair translates line i.
    tp = sum(
        1
        for b in beads
        if b.src and b.tgt and b.score >= P.DEFAULT_MIN_SCORE
        for a in b.src
        for c in b.tgt
        if a == c
    )
    print(
        json.dumps(
            {
                "lang": lang,
                "lines": size,
                "prepare": round(t1 - t0, 2),
                "align": round(t2 - t1, 2),
                "cells": stats.cells,
                "anchors": stats.anchors,
                "rss_start": round(rss0),
                "rss_peak": round(maxrss_mb()),
                "recall": round(tp / size, 3),
            }
        )
    )


def timing(data_dir: Path, sizes: Sequence[int]) -> None:
    print("\n## Time and memory (synthetic document pairs, one sentence per line)\n")
    print(
        "| pair | lines | split, tokenize, featurize s | align s | total s | DP cells "
        "| cells/line | peak RSS MB (after start-up → end) | R |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for lang in ("ko", "ja"):
        for size in sizes:
            cmd = [sys.executable, __file__, "--data", str(data_dir), "--_child", lang, str(size)]
            proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
            if proc.returncode != 0:
                sys.exit(f"timing run failed:\n{proc.stderr[-2000:]}")
            r = json.loads(proc.stdout.strip().splitlines()[-1])
            print(
                f"| {lang}-en | {size:,} | {r['prepare']:.1f} | {r['align']:.1f} "
                f"| {r['prepare'] + r['align']:.1f} | {r['cells']:,} "
                f"| {r['cells'] / size:.1f} | {r['rss_start']} → {r['rss_peak']} "
                f"| {r['recall']:.3f} |"
            )
    print(
        "\nhunalign: 0.78 s for 2,000 lines; 37 s and 757 MB for 20,000 (alignment only, "
        "on pre-tokenized text)."
    )


# --------------------------------------------------------------------------- calibration


def calibration_docs(data: dict[str, Any], seed: int) -> list[Doc]:
    rng = random.Random(seed)
    docs: list[Doc] = []
    park, jhe = data["park.dev"], data["jhe-koen-dev"]
    for base, filler in ((park, jhe.en), (jhe, park.en)):
        docs += [
            base,
            inserted(base, filler, 20, 4, rng),
            deleted(base, 10, rng),
            swapped(base, 10, rng),
            summary_of(base, 0.25, rng),
            joined(base, 30, rng, "en"),
            joined(base, 30, rng, "src"),
        ]
    docs.append(unrelated(park, jhe))
    bsd: list[Doc] = data["bsd"]
    for k, conv in enumerate(bsd):
        other = bsd[(k + 1) % len(bsd)]
        docs += [
            conv,
            inserted(conv, other.en, 5, 1, rng),
            deleted(conv, 3, rng),
            swapped(conv, 3, rng),
            summary_of(conv, 0.25, rng),
            joined(conv, 2, rng, "en"),
            joined(conv, 2, rng, "src"),
            unrelated(conv, other),
        ]
    return docs


def fit_logistic(xs: list[tuple[float, ...]], ys: list[float], l2: float = 1.0) -> list[float]:
    """Weights (intercept first) of an L2-regularised logistic regression, by Newton."""
    dim = len(xs[0]) + 1
    w = [0.0] * dim
    rows = [(1.0, *x) for x in xs]
    for _ in range(30):
        grad = [l2 * wi for wi in w]
        hess = [[l2 if a == b else 0.0 for b in range(dim)] for a in range(dim)]
        for x, y in zip(rows, ys, strict=True):
            z = sum(wi * xi for wi, xi in zip(w, x, strict=True))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            for a in range(dim):
                grad[a] += (p - y) * x[a]
                if x[a]:
                    for b in range(dim):
                        hess[a][b] += p * (1 - p) * x[a] * x[b]
        step = solve(hess, grad)
        w = [wi - si for wi, si in zip(w, step, strict=True)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return w


def solve(a: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting."""
    n = len(b)
    m = [[*row, b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[piv] = m[piv], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def calibrate(data: dict[str, Any], seed: int) -> None:
    feats = Featurizer(load_lexicons([]))
    opts = P.ParallelOptions(min_score=0.0)
    xs: list[tuple[float, ...]] = []
    ys: list[float] = []
    for doc in calibration_docs(data, seed):
        src, en = feats.features(doc)
        beads, _stats = P.align_features(src, en, opts)
        for b, x in zip(beads, P.bead_features(beads, opts), strict=True):
            if not (b.src and b.tgt):
                continue
            links = [(a, c) for a in b.src for c in b.tgt]
            good = sum(1 for a, c in links if doc.src_ids[a] & doc.en_ids[c])
            xs.append(x)
            ys.append(good / len(links))
    w = fit_logistic(xs, ys)
    print(f"{len(xs)} beads; features {', '.join(P.FEATURES)}")
    print("CALIBRATION = (" + ", ".join(f"{v:.3f}" for v in w) + ")")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    ap.add_argument("--sizes", default="2000,20000", help="line counts of the timing runs")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--no-timing", action="store_true")
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--calibrate", action="store_true", help="refit parallel.CALIBRATION")
    ap.add_argument("--_child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child:
        timing_child(args.data, args._child[0], int(args._child[1]))
        return
    data = load_data(args.data)
    if args.calibrate:
        calibrate(data, args.seed)
        return
    print(f"# polyseg align benchmark (data: {args.data})")
    if not args.no_quality:
        quality(data, args.seed)
    if not args.no_timing:
        timing(args.data, [int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()

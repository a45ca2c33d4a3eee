"""Which evidence buys what: the quality benchmark with evidence added one kind at a time.

Usage::

    python benchmarks/ablation.py [--stories 200] [--seed 1] [--out DIR] [--min-score 0.4]

Generates the stories once (as ``quality.py``), prepares each pair once per scope, and
aligns it under each configuration in-process; every configuration adds one kind of
evidence to the one before. Also prints precision by score band of the full configuration
and the effect of ``--self-train``. Prints markdown tables.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import make_stories
import score

from polyseg.align import SWITCHES
from polyseg.pipeline import Config, Prepared, align_all, prepare
from polyseg.write.tsv import ALIGNED_COLUMNS, aligned_rows

PAIRS = ("ko-en", "ja-en")
# (label, evidence switched on, merges, scope): each row adds to the previous one.
_ADDED: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (
    ("lexicon only", (), False, "doc"),
    ("+ numbers and dates", ("numbers",), False, "doc"),
    ("+ names and transliteration", ("names", "translit"), False, "doc"),
    ("+ Latin tokens and loanwords", ("latin", "loanwords"), False, "doc"),
    ("+ quote attribution", ("quote",), False, "doc"),
    ("+ length ratio", ("length",), False, "doc"),
    ("+ support (2+ shared words)", ("support",), False, "doc"),
    ("+ question or not", ("question",), False, "doc"),
    ("+ merges (2-1, 1-2)", (), True, "doc"),
    ("+ cross-document", (), True, "story"),
    ("+ context (full)", ("context",), True, "story"),
)


def _steps() -> tuple[tuple[str, tuple[str, ...], bool, str], ...]:
    """The rows as (label, evidence switched off, merges, scope)."""
    on: set[str] = set()
    out = []
    for label, added, merges, scope in _ADDED:
        on.update(added)
        out.append((label, tuple(k for k in SWITCHES if k not in on), merges, scope))
    if on != set(SWITCHES):
        raise SystemExit(f"ablation rows never switch on: {sorted(set(SWITCHES) - on)}")
    return tuple(out)


STEPS = _steps()


def evaluate(
    prep: Prepared, config: Config, gold: score.Gold, pair: str
) -> tuple[score.PairResult, int]:
    links, learned = align_all(prep, config)
    rows = [dict(zip(ALIGNED_COLUMNS, map(str, r), strict=True)) for r in aligned_rows(links)]
    return score.score_rows(gold, rows, force_pair=pair)[pair], learned


def cell(r: score.PairResult) -> str:
    return f"{r.tally.precision or 0:.3f} / {r.recall or 0:.3f} / {r.f1 or 0:.3f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    make_stories.add_generation_args(parser)
    parser.add_argument("--out", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--min-score", type=float, default=0.4)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        out = args.out or Path(tmp) / "ablation"
        make_stories.generate_from_args(args, out, PAIRS)
        gold = score.load_gold(out / "gold.tsv")
        preps = {
            (pair, scope): prepare(Config(inputs=(str(out / pair),), outdir="-", scope=scope))
            for pair in PAIRS
            for scope in ("doc", "story")
        }
    print(
        f"stories per pair: {args.stories}, seed {args.seed}, ko-en from {args.ko_files}, "
        f"ja-en from {args.ja_files}, --min-score {args.min_score}"
    )
    print("\n| evidence | ko-en P / R / F1 | ja-en P / R / F1 |\n| --- | --- | --- |")
    full: dict[str, score.PairResult] = {}
    for label, off, merges, scope in STEPS:
        cells = []
        for pair in PAIRS:
            config = Config(
                inputs=(),
                outdir="-",
                scope=scope,
                min_score=args.min_score,
                merges=merges,
                disabled=off,
            )
            result, _ = evaluate(preps[(pair, scope)], config, gold, pair)
            full[pair] = result
            cells.append(cell(result))
        print(f"| {label} | {cells[0]} | {cells[1]} |")
    cells = []
    learned = []
    for pair in PAIRS:
        config = Config(inputs=(), outdir="-", min_score=args.min_score, self_train=True)
        result, n = evaluate(preps[(pair, "story")], config, gold, pair)
        cells.append(cell(result))
        learned.append(n)
    print(f"| + self-training (learned {learned[0]} / {learned[1]}) | {cells[0]} | {cells[1]} |")

    print("\nPrecision by score band (full configuration, all links ≥ 0.1):")
    print("\n| band | ko-en links | ko-en precision | ja-en links | ja-en precision |")
    print("| --- | --- | --- | --- | --- |")
    bands: dict[str, list[str]] = {}
    for pair in PAIRS:
        config = Config(inputs=(), outdir="-", min_score=0.1)
        result, _ = evaluate(preps[(pair, "story")], replace(config), gold, pair)
        for name, tally in result.bands.items():
            prec = "-" if tally.precision is None else f"{tally.precision:.3f}"
            bands.setdefault(name, []).extend([str(tally.predicted), prec])
    for name in sorted(bands):
        print(f"| {name} | " + " | ".join(bands[name]) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())

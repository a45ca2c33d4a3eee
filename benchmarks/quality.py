"""Alignment-quality benchmark: generate stories, run ``polyseg process``, score the links.

Usage::

    python benchmarks/quality.py [--stories 200] [--seed 1] [--out DIR]
        [--extra-args "--min-score 0.6"] [--polyseg-cmd "polyseg"] [--json]

For each pair (ko-en, ja-en) the stories are generated into ``OUT/<pair>/``, polyseg is
run as ``<polyseg-cmd> process OUT/<pair> -o OUT/runs/<pair> <extra args>`` and
``OUT/runs/<pair>/aligned.tsv`` is scored against ``OUT/gold.tsv`` (every row of a
pair's run is scored as that pair).  Without ``--out`` a temporary folder is used and
removed afterwards.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import make_stories
import score

REPO = Path(__file__).resolve().parent.parent


def polyseg_command(override: str | None) -> tuple[list[str], dict[str, str]]:
    """The command prefix (before ``process``) and the environment to run it in."""
    env = dict(os.environ)
    if override:
        return shlex.split(override), env
    src = REPO / "src"
    if src.is_dir():  # run the working tree even when polyseg is not installed
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    return [sys.executable, "-m", "polyseg"], env


def run_polyseg(
    prefix: list[str], env: dict[str, str], inp: Path, out: Path, extra: list[str], timeout: float
) -> float:
    """Run ``polyseg process``; exit with its output if it fails.  Returns seconds taken."""
    cmd = [*prefix, "process", str(inp), "-o", str(out), *extra]
    start = time.monotonic()
    try:
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        sys.exit(f"could not run {shlex.join(cmd)}: {exc}")
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-20:])
        sys.exit(f"{shlex.join(cmd)} failed with exit code {proc.returncode}:\n{tail}")
    if not (out / "aligned.tsv").is_file():
        sys.exit(f"{shlex.join(cmd)} wrote no {out / 'aligned.tsv'}")
    return time.monotonic() - start


def summary(stories: int, result: score.PairResult, seconds: float, sources: int) -> dict[str, Any]:
    data = result.as_dict()
    data.update(stories=stories, source_sentences=sources, seconds=round(seconds, 2))
    return data


def print_table(results: dict[str, dict[str, Any]]) -> None:
    print(
        f"{'pair':<6} {'stories':>7} {'gold':>6} {'pred':>6} {'tp':>6} "
        f"{'P':>6} {'R':>6} {'F1':>6} {'rows':>6} {'secs':>7}"
    )
    for pair, r in results.items():
        print(
            f"{pair:<6} {r['stories']:>7} {r['gold_links']:>6} {r['predicted_links']:>6} "
            f"{r['tp']:>6} {score.fmt(r['precision']):>6} {score.fmt(r['recall']):>6} "
            f"{score.fmt(r['f1']):>6} {r['rows']:>6} {r['seconds']:>7.1f}"
        )
    for pair, r in results.items():
        print(f"\n[{pair}] precision by score band")
        print("  band       rows  links     tp  wrong_rows  precision")
        for b in r["bands"]:
            if b["rows"] or b["band"][0].isdigit():
                print(
                    f"  {b['band']:<9} {b['rows']:5d} {b['predicted_links']:6d} {b['tp']:6d} "
                    f"{b['wrong_rows']:11d}  {score.fmt(b['precision']):>9}"
                )


def benchmark(args: argparse.Namespace, out: Path) -> dict[str, dict[str, Any]]:
    pairs = make_stories.parse_pairs(args.pairs)
    make_stories.generate_from_args(args, out, pairs)
    gold = score.load_gold(out / "gold.tsv")
    sources = score.read_tsv(out / "sources.tsv")
    prefix, env = polyseg_command(args.polyseg_cmd)
    extra = shlex.split(args.extra_args)
    results: dict[str, dict[str, Any]] = {}
    for pair in pairs:
        run_dir = out / "runs" / pair
        shutil.rmtree(run_dir, ignore_errors=True)  # never score a stale aligned.tsv
        seconds = run_polyseg(prefix, env, out / pair, run_dir, extra, args.timeout)
        rows = score.read_tsv(run_dir / "aligned.tsv")
        result = score.score_rows(gold, rows, force_pair=pair)[pair]
        n_sources = sum(1 for s in sources if s["pair"] == pair)
        results[pair] = summary(args.stories, result, seconds, n_sources)
    return results


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--out", type=Path, help="keep stories and runs here (default: a temporary folder)"
    )
    make_stories.add_generation_args(parser)
    parser.add_argument(
        "--polyseg-cmd",
        help="command that stands for `polyseg` (default: `python -m polyseg` with src/ on "
        "PYTHONPATH)",
    )
    parser.add_argument(
        "--extra-args", default="", help='options passed to polyseg, e.g. "--min-score 0.6"'
    )
    parser.add_argument(
        "--timeout", type=float, default=3600, help="seconds per polyseg run (default 3600)"
    )
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args(argv)
    make_stories.check_data(args.data)
    if args.out is not None:
        results = benchmark(args, args.out)
    else:
        with tempfile.TemporaryDirectory(prefix="polyseg-bench-") as tmp:
            results = benchmark(args, Path(tmp))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(f"seed={args.seed} extra-args={args.extra_args!r}")
        print_table(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())

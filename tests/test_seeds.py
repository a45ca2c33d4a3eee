"""End-to-end: the seed articles against the gold alignment written by reading them."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from polyseg.pipeline import Config, process

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
FIXTURES = REPO / "tests" / "fixtures"


def _scorer():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_score", REPO / "benchmarks" / "score.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules["bench_score"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("seeds")
    process(Config(inputs=(str(SEEDS),), outdir=str(out)))
    return out


def test_every_strict_link_and_no_link_outside_gold(seed_run: Path) -> None:
    score = _scorer()
    gold = score.load_gold(FIXTURES / "seeds_gold.tsv")
    rows = score.read_tsv(seed_run / "aligned.tsv")
    results = score.score_rows(gold, rows)
    total = score.total(results)
    assert len(total.tally.correct) == len(gold.strict) == total.gold_links
    assert total.tally.wrong_rows == 0
    assert total.tally.links == total.tally.correct  # nothing outside strict ∪ acceptable


def test_posts_are_the_two_embeds_and_no_debris(seed_run: Path) -> None:
    lines = (seed_run / "posts.tsv").read_text(encoding="utf-8").splitlines()[1:]
    rows = [line.split("\t") for line in lines]
    assert [(r[0], r[3], r[5], r[6], r[10]) for r in rows] == [
        ("004_49f6c432aebd558f", "ja", "高市早苗", "takaichi_sanae", "3"),
        ("004_49f6c432aebd558f", "ko", "이재명", "Jaemyung_Lee", "3"),
    ]
    assert not any("확대" in r[-1] or "닫기" in r[-1] for r in rows)


def test_every_post_sentence_is_listed_with_single_token_names(seed_run: Path) -> None:
    lines = (seed_run / "sentences.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines[1:]]
    assert len(rows) == 6
    by_text = {r[4]: r for r in rows}
    ja = by_text["韓国の李在明大統領と首脳会談を行いました。"]
    assert "李在明/名詞-固有名詞" in ja[5].split()
    ko = by_text["어설프지만, 그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^"]
    assert "다카이치/NNP" in ko[5].split()
    assert sum(int(r[6]) > 0 for r in rows) >= 2

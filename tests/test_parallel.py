"""polyseg align: parallel-document alignment on small Korean–English and Japanese–English
news documents written for these tests (not from any corpus)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from polyseg import parallel as P
from polyseg.align.features import EnTok, SrcItem, english_tokens, source_items
from polyseg.align.score import score_pair
from polyseg.cli_align import align
from polyseg.errors import PolysegError
from polyseg.lexicon import Target, load_lexicons
from polyseg.tokenize import get_tokenizer
from polyseg.write.tsv import ALIGNED_COLUMNS

KO = [
    "서울시는 3일 마포구에 새 공공도서관을 열었다고 밝혔다.",
    "도서관은 지하 2층, 지상 5층 규모로 약 12만 권의 책을 보유하고 있다.",
    "개관식에는 시장과 지역 주민 300여 명이 참석했다.",
    '시장은 축사에서 "도서관은 시민 모두의 거실이 되어야 한다"고 말했다.',
    "도서관 3층에는 어린이를 위한 열람실과 놀이 공간이 마련됐다.",
    "옥상에는 작은 정원과 카페가 있어 방문객이 쉬어 갈 수 있다.",
    "평일에는 오전 9시부터 오후 10시까지, 주말에는 오후 6시까지 문을 연다.",
    "서울시는 내년까지 도서관 네 곳을 더 지을 계획이다.",
    "건설 비용은 모두 800억 원으로 예상된다.",
    '한 주민은 "아이들과 함께 올 곳이 생겨 기쁘다"고 말했다.',
]
KO_EN = [
    "The Seoul city government said on the 3rd that it had opened a new public library in "
    "Mapo District.",
    "The library has two basement floors and five floors above ground and holds about "
    "120,000 books.",
    "About 300 local residents attended the opening ceremony along with the mayor.",
    'In his speech, the mayor said, "The library should become everyone\'s living room."',
    "The third floor has a reading room and a play area for children.",
    "On the roof there is a small garden and a cafe where visitors can rest.",
    "It is open from 9 a.m. to 10 p.m. on weekdays and until 6 p.m. on weekends.",
    "The city plans to build four more libraries by next year.",
    "The construction cost is expected to total 80 billion won.",
    'One resident said, "I am happy that there is now a place to come with my children."',
]
JA = [
    "東京都は１日、大規模な地震を想定した防災訓練を行った。",
    "訓練には住民や消防隊員など約２０００人が参加した。",
    "参加者は学校の体育館に避難し、水や食料の配り方を確認した。",
    "今年は初めてドローンを使って被害の状況を調べた。",
    "知事は「日頃の備えが命を守る」と述べた。",
    "専門家によると、首都直下地震が３０年以内に起きる確率は約７０％だという。",
    "都は各家庭に３日分の水と食料を備えるよう呼びかけている。",
    "訓練の様子はインターネットで生中継された。",
    "次回の訓練は来年３月に予定されている。",
    "ある参加者は「家族と避難場所を話し合いたい」と話した。",
]
JA_EN = [
    "The Tokyo Metropolitan Government held a disaster drill on the 1st simulating a major "
    "earthquake.",
    "About 2,000 people, including residents and firefighters, took part in the drill.",
    "Participants evacuated to a school gymnasium and checked how water and food would be "
    "distributed.",
    "This year, drones were used for the first time to survey the damage.",
    'The governor said, "Everyday preparation saves lives."',
    "According to experts, the probability of a major earthquake directly beneath the capital "
    "within 30 years is about 70 percent.",
    "The metropolitan government is urging every household to store three days' worth of "
    "water and food.",
    "The drill was broadcast live on the internet.",
    "The next drill is scheduled for March next year.",
    'One participant said, "I want to talk with my family about where to evacuate."',
]
# An English paragraph about something else entirely.
RESOURCES = P.Resources(load_lexicons([]))
UNRELATED = [
    "In football, the home team won the league title after a dramatic penalty shootout.",
    "The striker scored twice in the second half.",
    "Fans celebrated in the streets until late at night.",
]


def _write(path: Path, lines: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _align(
    tmp_path: Path,
    src: list[str],
    en: list[str],
    lang: str = "ko",
    presplit: bool = False,
    **opts: object,
) -> tuple[list[tuple[tuple[str, ...], str]], P.PairReport]:
    """Align two documents; links as (source texts, English text)."""
    s = _write(tmp_path / f"doc.{lang}.txt", src)
    e = _write(tmp_path / "doc.en.txt", en)
    pair = P.DocPair("doc", s, e, lang)
    options = P.ParallelOptions(**opts)  # type: ignore[arg-type]
    links, report = P.align_pair(pair, RESOURCES, options, presplit=presplit)
    return [(tuple(x.text for x in lk.src), lk.tgt.text) for lk in links], report


def _pairs(links: list[tuple[tuple[str, ...], str]]) -> set[tuple[str, str]]:
    return {(s, t) for group, t in links for s in group}


@pytest.mark.parametrize(("src", "en", "lang"), [(KO, KO_EN, "ko"), (JA, JA_EN, "ja")])
def test_clean_documents_align_one_to_one(
    tmp_path: Path, src: list[str], en: list[str], lang: str
) -> None:
    links, report = _align(tmp_path, src, en, lang)
    assert links == [((s,), t) for s, t in zip(src, en, strict=True)]
    assert report.src_unaligned == 0 and report.en_unaligned == 0
    assert report.shapes == {"1-1": 10}


def test_two_korean_sentences_rendered_as_one_english_sentence(tmp_path: Path) -> None:
    en = [*KO_EN[:4], KO_EN[4][:-1] + ", and " + KO_EN[5][0].lower() + KO_EN[5][1:], *KO_EN[6:]]
    links, report = _align(tmp_path, KO, en)
    assert ((KO[4], KO[5]), en[4]) in links
    assert _pairs(links) <= {(s, t) for s, t in zip(KO, KO_EN, strict=True)} | {
        (KO[4], en[4]),
        (KO[5], en[4]),
    }
    assert report.shapes.get("2-1") == 1


def test_one_japanese_sentence_rendered_as_two_english_sentences(tmp_path: Path) -> None:
    merged = JA[6][:-1].replace("呼びかけている", "呼びかけており、") + JA[7]
    src = [*JA[:6], merged, *JA[8:]]
    links, report = _align(tmp_path, src, JA_EN, "ja")
    assert ((merged,), JA_EN[6] + "\n" + JA_EN[7]) in links or (
        (merged,),
        JA_EN[6] + " " + JA_EN[7],
    ) in links
    assert report.shapes.get("1-2") == 1
    assert report.src_unaligned == 0 and report.en_unaligned == 0


def test_inserted_unrelated_english_paragraph_stays_unaligned(tmp_path: Path) -> None:
    en = [*KO_EN[:5], *UNRELATED, *KO_EN[5:]]
    links, report = _align(tmp_path, KO, en)
    assert _pairs(links) == {(s, t) for s, t in zip(KO, KO_EN, strict=True)}
    assert report.en_unaligned == 3
    assert not any(t in UNRELATED for _g, t in links)


def test_lines_deleted_on_one_side_leave_their_partners_unaligned(tmp_path: Path) -> None:
    src = [s for k, s in enumerate(JA) if k not in (2, 3)]
    links, report = _align(tmp_path, src, JA_EN, "ja")
    expected = {(s, t) for k, (s, t) in enumerate(zip(JA, JA_EN, strict=True)) if k not in (2, 3)}
    assert _pairs(links) == expected
    assert report.en_unaligned == 2 and report.src_unaligned == 0


@pytest.mark.parametrize(("src", "en", "lang"), [(KO, KO_EN, "ko"), (JA, JA_EN, "ja")])
def test_swapped_adjacent_sentences_are_never_cross_linked(
    tmp_path: Path, src: list[str], en: list[str], lang: str
) -> None:
    swapped = [*en[:4], en[5], en[4], *en[6:]]
    links, _report = _align(tmp_path, src, swapped, lang)
    correct = {(s, t) for s, t in zip(src, en, strict=True)}
    assert _pairs(links) <= correct  # unaligned or aligned correctly, never wrongly
    # With evidence on both sides the swap is repaired: both pairs are linked.
    assert _pairs(links) == correct


def test_english_summary_links_only_what_it_renders(tmp_path: Path) -> None:
    kept = [0, 3, 6, 8]
    links, report = _align(tmp_path, JA, [JA_EN[k] for k in kept], "ja")
    assert _pairs(links) == {(JA[k], JA_EN[k]) for k in kept}
    assert report.src_unaligned == 6


def test_unrelated_documents_give_no_links(tmp_path: Path) -> None:
    links, report = _align(tmp_path, KO, [*UNRELATED, *JA_EN])
    assert links == []
    assert report.src_unaligned == 10


def test_presplit_keeps_each_line_whole(tmp_path: Path) -> None:
    src = [KO[0] + " " + KO[1], KO[2] + " " + KO[3], *KO[4:]]
    en = [KO_EN[0] + " " + KO_EN[1], KO_EN[2] + " " + KO_EN[3], *KO_EN[4:]]
    links, report = _align(tmp_path, src, en, presplit=True)
    assert (report.src_sentences, report.en_sentences) == (8, 8)
    assert links == [((s,), t) for s, t in zip(src, en, strict=True)]
    links, report = _align(tmp_path, src, en, presplit=False)
    assert (report.src_sentences, report.en_sentences) == (10, 10)
    assert _pairs(links) == {(s, t) for s, t in zip(KO, KO_EN, strict=True)}


def test_a_tokenizer_batch_method_is_used_when_present() -> None:
    lex, tok = RESOURCES.get("ko")
    calls: list[int] = []

    class Batched:
        lang = "ko"

        def tokenize(self, text: str) -> tuple[object, ...]:
            raise AssertionError("the batch method should be used")

        def tokenize_many(self, texts: list[str]) -> list[tuple[object, ...]]:
            calls.append(len(texts))
            return [tok.tokenize(t) for t in texts]

        def split_sentences(self, text: str) -> list[tuple[int, int]]:
            return tok.split_sentences(text)

    side, feats = P.prepare_source(
        "d",
        "ko",
        "\n".join(KO),
        Batched(),
        lex,
        True,
        P.FeatureCache(),  # type: ignore[arg-type]
    )
    assert calls == [10] and len(feats) == len(side.spans) == 10


def test_realign_learns_translations_and_keeps_the_alignment(tmp_path: Path) -> None:
    links, report = _align(tmp_path, KO, KO_EN, realign=True)
    assert links == [((s,), t) for s, t in zip(KO, KO_EN, strict=True)]
    assert report.stats.passes in (1, 2)


def test_ibm_model_1_learns_a_word_the_lexicon_lacks() -> None:
    # 사과 (apple) is not in this lexicon; it co-occurs with "apple" across many pairs.
    fruit = [("사과", "apple"), ("배", "pear"), ("포도", "grape"), ("귤", "tangerine")]
    known = SrcItem("먹다", 1.0, key="먹다", targets=(Target("eat", ("eat",), 1.0, "word"),))
    pairs = []
    for k in range(30):
        src_word, en_word = fruit[k % 4]
        other_src, other_en = fruit[(k + 1) % 4]
        items = [SrcItem(src_word, 1.0), SrcItem(other_src, 1.0), known]
        toks = [EnTok(w, w, 1.0) for w in ("eat", en_word, other_en)]
        pairs.append((items, toks))
    table, _counts = P.ibm1(pairs, 5)
    assert max(table["사과"], key=table["사과"].get) == "apple"  # type: ignore[arg-type]
    assert table["먹다"]["eat"] > 0.5


def _synthetic(n: int) -> tuple[list[P.SrcFeat], list[P.EnFeat]]:
    """n source sentences whose i-th translates the i-th English sentence (unique words)."""
    src = []
    en = []
    for i in range(n):
        words = [f"w{i}x{k}" for k in range(4)]
        items = [
            SrcItem(f"s{w}", 1.0, key=f"s{w}", targets=(Target(w, (w,), 1.0, "word"),))
            for w in words
        ]
        src.append(P.src_feature(items, 20))
        en.append(P.en_feature([EnTok(w, w, 1.0) for w in words], 40))
    return src, en


def test_dp_cells_grow_linearly_with_the_band() -> None:
    opts = P.ParallelOptions()
    cells = {}
    for n in (200, 2000):
        src, en = _synthetic(n)
        beads, stats = P.align_features(src, en, opts)
        assert sum(1 for b in beads if b.shape == (1, 1) and b.src == b.tgt) == n
        assert stats.anchors == n
        # Banded: a constant number of cells per row, never the n × m table.
        assert stats.cells <= (n + 1) * (4 * opts.band + 3)
        cells[n] = stats.cells
    assert cells[2000] < 11 * cells[200]
    assert cells[2000] < 2000 * 2000 / 50


def test_band_stays_linear_without_anchors() -> None:
    src, en = _synthetic(1000)
    # Nothing matches: no anchors, the diagonal band only.
    en = [P.en_feature([EnTok("zz", "zz", 1.0)], e.length) for e in en]
    beads, stats = P.align_features(src, en, P.ParallelOptions())
    assert stats.anchors == 0
    assert stats.cells <= 1001 * (2 * (P.ParallelOptions().band * 11) + 3)
    assert all(b.score < 0.5 for b in beads if b.src and b.tgt)


def test_glossary_score_is_score_pair_on_real_sentences() -> None:
    # The aligner's shortcut must give exactly what the shared scorer gives.
    lex = load_lexicons([])
    for lang, src, en in (("ko", KO, KO_EN), ("ja", JA, JA_EN)):
        pl = lex.for_lang(lang)
        tok = get_tokenizer(lang, pl.user_words())
        items = [source_items(tok.tokenize(s), pl) for s in src]
        toks = [english_tokens(get_tokenizer("en").tokenize(t), frozenset()) for t in en]
        for i, it in enumerate(items):
            for j in range(max(0, i - 2), min(len(en), i + 3)):
                want = score_pair(it, toks[j])
                got = P.glossary_score((P.src_feature(it, 1),), (P.en_feature(toks[j], 1),))
                assert got[0] == pytest.approx(want.score) and got[1] == want.evidence


def test_pair_files_pairs_by_name_and_reports_the_rest(tmp_path: Path) -> None:
    one = tmp_path / "one"
    for name in ("a.ko.txt", "a.en.txt", "b.ja.txt", "b.en.txt", "c.ko.txt", "d.en.txt", "e.txt"):
        _write(one / name, ["x"])
    pairs, unpaired = P.pair_files(one, None)
    assert [(p.name, p.src.name, p.en.name, p.lang) for p in pairs] == [
        ("a", "a.ko.txt", "a.en.txt", "ko"),
        ("b", "b.ja.txt", "b.en.txt", "ja"),
    ]
    assert [(Path(p).name, why) for p, why in unpaired] == [
        ("c.ko.txt", "no English file"),
        ("d.en.txt", "no source file"),
        ("e.txt", "no language suffix (.ko, .ja or .en)"),
    ]
    src_dir, en_dir = tmp_path / "src", tmp_path / "en"
    _write(src_dir / "x.txt", ["x"])
    _write(src_dir / "y.ko.txt", ["x"])
    _write(en_dir / "x.txt", ["x"])
    _write(en_dir / "y.en.txt", ["x"])
    _write(en_dir / "z.txt", ["x"])
    pairs, unpaired = P.pair_files(src_dir, en_dir)
    assert [(p.name, p.src.name, p.en.name) for p in pairs] == [
        ("x", "x.txt", "x.txt"),
        ("y", "y.ko.txt", "y.en.txt"),
    ]
    assert [(Path(p).name, why) for p, why in unpaired] == [("z.txt", "no source file")]


# --------------------------------------------------------------------------- CLI

RUN = (
    "from polyseg.cli import cli, main\n"
    "from polyseg.cli_align import align\n"
    "cli.add_command(align)\n"
    "main()\n"
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    """``polyseg align`` as a user runs it (registered on the main group)."""
    return subprocess.run(
        [sys.executable, "-c", RUN, "align", *args], capture_output=True, text=True, check=False
    )


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_cli_aligns_a_folder_and_reports_unpaired_files(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    _write(folder / "lib.ko.txt", KO)
    _write(folder / "lib.en.txt", KO_EN)
    _write(folder / "drill.ja.txt", JA)
    _write(folder / "drill.en.txt", JA_EN)
    _write(folder / "orphan.ko.txt", KO[:2])
    out = tmp_path / "out"
    res = _run(str(folder), "-o", str(out))
    assert res.returncode == 0, res.stderr
    rows = _rows(out / "aligned.tsv")
    assert tuple(rows[0]) == ALIGNED_COLUMNS
    assert all(len(r) == len(ALIGNED_COLUMNS) for r in rows)
    body = rows[1:]
    assert len(body) == 20
    col = {c: k for k, c in enumerate(ALIGNED_COLUMNS)}
    first = body[0]
    assert (first[col["doc_id"]], first[col["post_id"]], first[col["src_lang"]]) == (
        "drill.ja",
        "drill",
        "ja",
    )
    assert first[col["tgt_doc_id"]] == "drill.en"
    assert first[col["tgt_kind"]] == "sentence"
    assert first[col["src_sentences"]] == "1"
    assert {r[col["post_id"]] for r in body} == {"drill", "lib"}
    text = (folder / "lib.ko.txt").read_text(encoding="utf-8")
    lib = [r for r in body if r[col["post_id"]] == "lib"]
    s, e = int(lib[3][col["src_start"]]), int(lib[3][col["src_end"]])
    assert text[s:e] == KO[3]
    assert "pairs: 2 aligned (ja 1, ko 1); unpaired files: 1" in res.stderr
    assert "orphan.ko.txt: no English file" in res.stderr
    assert "links 20" in res.stderr
    assert not list(out.glob(".polyseg-*"))


def test_cli_single_pair_writes_the_tsv_file(tmp_path: Path) -> None:
    src = _write(tmp_path / "news.txt", KO)
    en = _write(tmp_path / "news-en.txt", KO_EN)
    out = tmp_path / "res" / "news.tsv"
    res = CliRunner().invoke(align, [str(src), str(en), "-o", str(out), "--min-score", "0.2"])
    assert res.exit_code == 0, res.output
    rows = _rows(out)
    assert len(rows) == 11
    assert {r[0] for r in rows[1:]} == {"news"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{src}", "-o", "{out}"], "give its English version EN"),
        (["{src}", "{en}"], "Missing option '-o'"),
        (["{src}", "{tmp}/missing.txt", "-o", "{out}"], "does not exist"),
        (["{src}", "{en}", "-o", "{out}", "--min-score", "2"], "--min-score"),
        (["{src}", "{en}", "-o", "{out}", "--lang", "zh"], "--lang"),
        (["{src}", "{tmp}", "-o", "{out}"], "EN must be a file"),
        (["{tmp}", "{en}", "-o", "{out}"], "EN must be a folder"),
    ],
)
def test_cli_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    src = _write(tmp_path / "a.ko.txt", KO[:2])
    en = _write(tmp_path / "a.en.txt", KO_EN[:2])
    values = {"src": str(src), "en": str(en), "out": str(tmp_path / "o.tsv"), "tmp": str(tmp_path)}
    res = CliRunner().invoke(align, [a.format(**values) for a in args])
    assert res.exit_code == 2, res.output
    assert message in res.output


def test_cli_data_errors_exit_1_with_the_file_name(tmp_path: Path) -> None:
    english_only = _write(tmp_path / "plain.txt", KO_EN)
    en = _write(tmp_path / "a.en.txt", KO_EN)
    res = _run(str(english_only), str(en), "-o", str(tmp_path / "o.tsv"))
    assert res.returncode == 1
    assert f"polyseg: error: {english_only}: cannot tell the source language" in res.stderr
    assert "Traceback" not in res.stderr
    binary = tmp_path / "bin.ko.txt"
    binary.write_bytes(b"\x00\x01\x02\x00")
    res = _run(str(binary), str(en), "-o", str(tmp_path / "o.tsv"))
    assert res.returncode == 1 and f"{binary}: binary" in res.stderr
    bad_lex = _write(tmp_path / "bad.ko-en.tsv", ["source\ttarget", "도서관\tlibrary"])
    src = _write(tmp_path / "a.ko.txt", KO)
    res = _run(str(src), str(en), "-o", str(tmp_path / "o.tsv"), "--lexicon", str(bad_lex))
    assert res.returncode == 1 and f"{bad_lex}:" in res.stderr
    assert "Traceback" not in res.stderr
    assert not (tmp_path / "o.tsv").exists()
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(PolysegError, match="no document pairs"):
        P.run_align(P.AlignConfig(str(empty), None, str(tmp_path / "out")))

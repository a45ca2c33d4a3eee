"""``polyseg lexicon`` commands through click's runner: check, add, induce, merge, import,
export and bridge, with bad rows, bad formats, duplicates and exit codes."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from polyseg.cli_lexicon import lexicon
from polyseg.lexicon import load_lexicons
from polyseg.lexicon.schema import COLUMNS
from polyseg.write.tsv import ALIGNED_COLUMNS

FIXTURES = Path(__file__).parent / "fixtures" / "lexicon"
HEADER = "\t".join(COLUMNS) + "\n"


def invoke(*args: str) -> Result:
    return CliRunner().invoke(lexicon, [str(a) for a in args])


def write_lexicon(path: Path, body: str, header: str = HEADER) -> Path:
    path.write_text("# test lexicon\n" + header + body, encoding="utf-8")
    return path


def data_rows(path: Path) -> list[list[str]]:
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return [ln.split("\t") for ln in lines[1:] if ln]


# --- check --------------------------------------------------------------------------------


def test_check_valid_file_exits_0_with_summary(tmp_path: Path) -> None:
    path = write_lexicon(
        tmp_path / "mine.ko-en.tsv",
        "합주\tensemble\tword\tnoun\t1\tuser\tculture\t\n발표하다\tannounce\tword\tverb\t1\tuser\t\t\n",
    )
    res = invoke("check", path)
    assert res.exit_code == 0, res.output
    assert "checked 1 file(s), 2 row(s): 0 error(s), 0 warning(s)" in res.stderr
    assert res.stdout == ""


def test_check_reports_every_bad_row_with_file_and_line(tmp_path: Path) -> None:
    path = write_lexicon(
        tmp_path / "bad.ko-en.tsv",
        "합주\tensemble\tword\tnoun\t1.5\tuser\t\t\n"  # line 3: weight
        "리듬\trhythm\tthing\tnoun\t1\tuser\t\t\n"  # line 4: kind
        "\u1105\u1175\u1103\u1173\u11b7\trhythm\tword\tnoun\t1\tuser\t\t\n"  # line 5: NFC
        "首脳\tsummit\tword\tnoun\t1\tuser\t\t\n"  # line 6: fine (Hanja in Korean is allowed)
        "リズム\trhythm\tword\tnoun\t1\tuser\t\t\n"  # line 7: Japanese in a Korean file
        "합주\t\tword\tnoun\t1\tuser\t\t\n"  # line 8: empty target
        "합주\tjam\tword\tnoun\n"  # line 9: too few columns
        "리듬\tthe\tword\tnoun\t1\tuser\t\t\n",  # line 10: no content word
    )
    res = invoke("check", "--no-tokenize", path)
    assert res.exit_code == 1
    out = res.stdout
    for line, problem in [
        (3, "weight 1.5 is not in (0, 1]"),
        (4, "kind 'thing'"),
        (5, "not in Unicode NFC"),
        (7, "is Japanese in a Korean lexicon"),
        (8, "empty target"),
        (9, "4 columns, expected at least 6"),
        (10, "no content word"),
    ]:
        assert f"{path}:{line}: error: " in out and problem in out, (line, problem)
    assert f"{path}:6:" not in out
    # リズム has two problems (no Hangul or Hanja, and Japanese): one line each.
    assert "8 error(s), 0 warning(s) (invalid 7, structure 1)" in res.stderr
    assert "polyseg: error: 8 error(s) in the lexicon files" in res.stderr


def test_check_duplicates_and_near_duplicates(tmp_path: Path) -> None:
    path = write_lexicon(
        tmp_path / "dup.ko-en.tsv",
        "한일\tKorea-Japan\tword\tnoun\t1\tuser\t\t\n"
        "한일\tKorea Japan\tword\tnoun\t1\tuser\t\t\n"  # near-duplicate: hyphen vs space
        "드럼\tdrum\tword\tnoun\t1\tuser\t\t\n"
        "드럼\tdrums\tword\tnoun\t0.8\tuser\t\t\n"  # near-duplicate: plural
        "드럼\tDrum\tword\tnoun\t0.5\tuser\t\t\n",  # exact duplicate (case-insensitive target)
    )
    res = invoke("check", "--no-tokenize", path)
    assert res.exit_code == 1
    assert f"{path}:4: warning: near-duplicate of line 3" in res.stdout
    assert f"{path}:6: warning: near-duplicate of line 5" in res.stdout
    assert f"{path}:7: error: duplicate of line 5" in res.stdout
    assert "1 error(s), 2 warning(s)" in res.stderr


def test_check_folder_and_override_across_files(tmp_path: Path) -> None:
    folder = tmp_path / "lex"
    folder.mkdir()
    write_lexicon(folder / "a.ko-en.tsv", "합주\tjam\tword\tnoun\t0.5\tuser\t\t\n")
    write_lexicon(folder / "b.ko-en.tsv", "합주\tjam\tword\tnoun\t0.9\tuser\t\t\n")
    (folder / "notes.txt").write_text("not a lexicon", encoding="utf-8")
    res = invoke("check", "--no-tokenize", folder)
    assert res.exit_code == 0, res.output
    assert "b.ko-en.tsv:3: warning: same source and target as" in res.stdout
    assert "checked 2 file(s)" in res.stderr


def test_check_warns_about_sources_the_tokenizer_cannot_match(tmp_path: Path) -> None:
    path = write_lexicon(
        tmp_path / "m.ko-en.tsv",
        "갔다\twent\tword\tverb\t1\tuser\t\t\n"
        "것\tthing\tword\tnoun\t1\tuser\t\t\n"
        "발표하다\tannounce\tword\tverb\t1\tuser\t\t\n"
        "다카이치\tTakaichi\tname\tperson\t1\tuser\t\t\n"
        "주의\tcaution\tword\tnoun\t1\tuser\t\t\n"
        "다시\tagain\tword\tadv\t1\tuser\t\t\n"
        "다시\trepeat\tword\tadv\t1\tuser\t\t\n",
    )
    res = invoke("check", path)
    assert res.exit_code == 0, res.output  # warnings only
    assert f"{path}:3: warning: source '갔다' is not matchable: it tokenizes to 가/VV" in res.stdout
    assert f"{path}:4: warning: source '것' is a light word (것/NNB)" in res.stdout
    assert ":5:" not in res.stdout and ":6:" not in res.stdout and ":7:" not in res.stdout
    # A light word may have a stop-word rendering (다시 = again), never a content one.
    assert ":8:" not in res.stdout
    assert f"{path}:9: warning: source '다시' is a light word" in res.stdout


def test_check_bad_header_not_utf8_and_missing_path(tmp_path: Path) -> None:
    header = write_lexicon(tmp_path / "h.ko-en.tsv", "", header="src\ttgt\n")
    latin1 = tmp_path / "l.ko-en.tsv"
    latin1.write_bytes(HEADER.encode() + "합주\tjam\tword\tnoun\t1\tuser\n".encode("cp949"))
    res = invoke("check", "--no-tokenize", header, latin1)
    assert res.exit_code == 1
    assert f"{header}:2: error: header must start with" in res.stdout
    assert f"{latin1}:2: error: not UTF-8" in res.stdout
    assert invoke("check", tmp_path / "missing.tsv").exit_code == 2


def test_check_shipped_lexicons_have_no_errors() -> None:
    res = invoke("check", "--no-tokenize")
    assert res.exit_code == 0, res.stdout[-2000:]
    assert "checked 3 file(s)" in res.stderr


# --- add ----------------------------------------------------------------------------------


def test_add_creates_file_with_header_and_appends(tmp_path: Path) -> None:
    into = tmp_path / "user.ko-en.tsv"
    res = invoke("add", "발표하다", "announce", "--into", into, "--domain", "politics")
    assert res.exit_code == 0, res.output
    text = into.read_text(encoding="utf-8")
    assert text.startswith("# polyseg lexicon:")
    assert data_rows(into) == [
        ["발표하다", "announce", "word", "verb", "1", "user", "politics", ""]
    ]
    res = invoke("add", "합주", "jam session", "--into", into, "--weight", "0.7", "--note", "n")
    assert res.exit_code == 0, res.output
    assert data_rows(into)[1] == ["합주", "jam session", "word", "noun", "0.7", "user", "", "n"]
    # The file is a valid lexicon for process.
    lex = load_lexicons([str(into)], shipped=False)
    assert {t.text for t in lex.for_lang("ko").lookup("발표하다")} == {"announce"}


def test_add_refuses_duplicates_and_invalid_rows(tmp_path: Path) -> None:
    into = write_lexicon(tmp_path / "u.ko-en.tsv", "합주\tjam\tword\tnoun\t1\tuser\t\t\n")
    before = into.read_text(encoding="utf-8")
    res = invoke("add", "합주", "Jam", "--into", into)
    assert res.exit_code == 1
    assert f"is already in {into}:3" in res.stderr
    res = invoke("add", "합주", "jam session", "--into", into, "--weight", "2")
    assert res.exit_code == 1 and "weight 2 is not in (0, 1]" in res.stderr
    res = invoke("add", "합주", "합주", "--into", into)
    assert res.exit_code == 1 and "is not English" in res.stderr
    res = invoke("add", "합주", "jam", "--into", into, "--kind", "thing")
    assert res.exit_code == 2  # a usage error: --kind is a choice
    assert into.read_text(encoding="utf-8") == before


def test_add_warns_but_adds_an_unmatchable_source(tmp_path: Path) -> None:
    into = tmp_path / "w.ko-en.tsv"
    res = invoke("add", "갔다", "went", "--into", into)
    assert res.exit_code == 0, res.output
    assert "warning: source '갔다' is not matchable" in res.stderr
    assert data_rows(into)[0][:4] == ["갔다", "went", "word", "verb"]


def test_add_domain_needs_a_domain_column(tmp_path: Path) -> None:
    short = "source\ttarget\tkind\tpos\tweight\torigin\n"
    into = write_lexicon(tmp_path / "s.ko-en.tsv", "", header=short)
    res = invoke("add", "합주", "jam", "--into", into, "--domain", "culture")
    assert res.exit_code == 1 and "has no column domain" in res.stderr
    res = invoke("add", "합주", "jam", "--into", into)
    assert res.exit_code == 0, res.output
    assert data_rows(into) == [["합주", "jam", "word", "noun", "1", "user"]]


# --- induce and merge ---------------------------------------------------------------------

KO = [
    "아이가 우유를 마셨다.",
    "우유가 차갑다.",
    "엄마가 우유를 샀다.",
    "우유는 하얗다.",
    "아이가 물을 마셨다.",
    "엄마가 빵을 샀다.",
    "빵이 맛있다.",
    "물이 차갑다.",
    "아이가 웃었다.",
    "엄마가 빵을 먹었다.",
]
EN = [
    "The child drank milk.",
    "The milk is cold.",
    "Mom bought milk.",
    "Milk is white.",
    "The child drank water.",
    "Mom bought bread.",
    "The bread is tasty.",
    "The water is cold.",
    "The child laughed.",
    "Mom ate bread.",
]
SEED = "아이\tchild\tword\tnoun\t1\tcurated\t\t\n마시다\tdrink\tword\tverb\t1\tcurated\t\t\n"


def _parallel(tmp_path: Path) -> tuple[Path, Path, Path]:
    src, tgt = tmp_path / "toy.ko", tmp_path / "toy.en"
    src.write_text("\n".join(KO) + "\n", encoding="utf-8")
    tgt.write_text("\n".join(EN) + "\n", encoding="utf-8")
    seed = write_lexicon(tmp_path / "seed.ko-en.tsv", SEED)
    return src, tgt, seed


def _review(path: Path) -> tuple[list[str], list[list[str]]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    comments = [ln for ln in lines if ln.startswith("#")]
    rows = [ln.split("\t") for ln in lines if not ln.startswith("#")]
    return comments, rows


def test_induce_from_line_aligned_files(tmp_path: Path) -> None:
    src, tgt, seed = _parallel(tmp_path)
    out = tmp_path / "review.tsv"
    res = invoke(
        "induce", "--src", src, "--tgt", tgt, "--lang", "ko", "-o", out,
        "--lexicon", seed, "--no-shipped-lexicons",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    comments, rows = _review(out)
    assert "# source: toy" in comments and "# lang: ko" in comments
    assert rows[0] == [
        "source",
        "target",
        "score",
        "support",
        "example_src",
        "example_tgt",
        "accept",
    ]
    pairs = {(r[0], r[1]): r for r in rows[1:]}
    assert ("우유", "milk") in pairs and ("빵", "bread") in pairs
    milk = pairs[("우유", "milk")]
    assert milk[3] == "4" and milk[6] == ""
    assert milk[4] == "우유는 하얗다." and milk[5] == "Milk is white."  # the shortest example
    # Pairs already in the lexicon and function words are left out; sorted by score.
    assert ("아이", "child") not in pairs and ("마시다", "drink") not in pairs
    assert not any(r[1] in ("the", "is") for r in rows[1:])
    scores = [float(r[2]) for r in rows[1:]]
    assert scores == sorted(scores, reverse=True)
    assert all(int(r[3]) >= 3 for r in rows[1:])


def test_induce_from_aligned_tsv_and_bad_rows(tmp_path: Path) -> None:
    _src, _tgt, seed = _parallel(tmp_path)
    aligned = tmp_path / "run1" / "aligned.tsv"
    aligned.parent.mkdir()
    lines = ["\t".join(ALIGNED_COLUMNS)]
    for ko, en in zip(KO, EN, strict=True):
        row = dict.fromkeys(ALIGNED_COLUMNS, "x")
        row.update(src_lang="ko", src_text=ko, tgt_text=en)
        lines.append("\t".join(row[c] for c in ALIGNED_COLUMNS))
    lines.append("too\tfew")
    aligned.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.tsv"
    res = invoke(
        "induce", "--aligned", aligned, "-o", out, "--lexicon", seed, "--no-shipped-lexicons"
    )
    assert res.exit_code == 0, res.output
    assert f"{aligned}:12: 2 columns, the header has {len(ALIGNED_COLUMNS)} (skipped)" in res.stderr
    comments, rows = _review(out)
    assert "# source: run1" in comments
    assert ("우유", "milk") in {(r[0], r[1]) for r in rows[1:]}


def test_induce_input_errors(tmp_path: Path) -> None:
    src, tgt, _seed = _parallel(tmp_path)
    short = tmp_path / "short.en"
    short.write_text("one line\n", encoding="utf-8")
    out = tmp_path / "o.tsv"
    res = invoke("induce", "--src", src, "--tgt", short, "--lang", "ko", "-o", out)
    assert res.exit_code == 1 and "the files must be line-aligned" in res.stderr
    assert invoke("induce", "--src", src, "--tgt", tgt, "-o", out).exit_code == 2
    assert invoke("induce", "-o", out).exit_code == 2
    notaligned = tmp_path / "x.tsv"
    notaligned.write_text("a\tb\n", encoding="utf-8")
    res = invoke("induce", "--aligned", notaligned, "-o", out)
    assert res.exit_code == 1 and f"{notaligned}:1: not an aligned.tsv" in res.stderr
    empty = tmp_path / "empty.ko"
    empty.write_text("\n\n", encoding="utf-8")
    res = invoke("induce", "--src", empty, "--tgt", empty, "--lang", "ko", "-o", out)
    assert res.exit_code == 1 and "no ko sentence pairs" in res.stderr
    assert not out.exists()


REVIEW = """# source: park.dev
# lang: ko
source\ttarget\tscore\tsupport\texample_src\texample_tgt\taccept
우유\tmilk\t0.912\t4\t우유가 차갑다.\tThe milk is cold.\ty
빵\tbread\t1.700\t3\t빵이 맛있다.\tThe bread is tasty.\tX
차갑다\tcold\t0.5\t3\t\t\tyes
엄마\tmom\t0.4\t3\t\t\t
웃다\tlaugh\t0.3\t3\t\t\tn
합주\tjam\t0.9\t3\t\t\t1
물\t물\t0.9\t3\t\t\tyes
먹다\teat\tabc\t3\t\t\tyes
우유\tmilk\t0.8\t4\t\t\ty
"""


def test_merge_adds_accepted_rows_and_counts_the_rest(tmp_path: Path) -> None:
    review = tmp_path / "review.tsv"
    review.write_text(REVIEW, encoding="utf-8")
    into = write_lexicon(tmp_path / "mine.ko-en.tsv", "합주\tjam\tword\tnoun\t1\tuser\t\t\n")
    res = invoke("merge", review, "--into", into)
    assert res.exit_code == 0, res.output
    assert "added 3, skipped duplicate 2, not accepted 2, invalid 2" in res.stderr
    assert f"{review}:9: 합주 → jam is already in {into}:3" in res.stderr
    assert f"{review}:12: 우유 → milk is already in {review}:4" in res.stderr
    assert f"{review}:10: target '물' is not English" in res.stderr
    assert f"{review}:11: score 'abc' is not a number" in res.stderr
    rows = data_rows(into)
    assert rows[1:] == [
        ["우유", "milk", "word", "noun", "0.91", "induced:park.dev", "", ""],
        ["빵", "bread", "word", "noun", "1", "induced:park.dev", "", ""],
        ["차갑다", "cold", "word", "adj", "0.5", "induced:park.dev", "", ""],
    ]
    load_lexicons([str(into)], shipped=False)  # still a valid lexicon
    again = invoke("merge", review, "--into", into)
    assert "added 0, skipped duplicate 5" in again.stderr


def test_merge_round_trip_from_induce(tmp_path: Path) -> None:
    src, tgt, seed = _parallel(tmp_path)
    out = tmp_path / "review.tsv"
    invoke(
        "induce",
        "--src",
        src,
        "--tgt",
        tgt,
        "--lang",
        "ko",
        "-o",
        out,
        "--lexicon",
        seed,
        "--no-shipped-lexicons",
    )
    text = out.read_text(encoding="utf-8").replace("\t우유\tmilk", "\t우유\tmilk")
    lines = [ln + "y" if ln.startswith("우유\tmilk\t") else ln for ln in text.splitlines()]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    into = tmp_path / "new.ko-en.tsv"
    res = invoke("merge", out, "--into", into)
    assert res.exit_code == 0, res.output
    assert "added 1," in res.stderr
    assert [r[:2] + r[5:6] for r in data_rows(into)] == [["우유", "milk", "induced:toy"]]


def test_merge_rejects_a_file_that_is_not_a_review(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("a\tb\n", encoding="utf-8")
    res = invoke("merge", bad, "--into", tmp_path / "x.ko-en.tsv")
    assert res.exit_code == 1 and f"{bad}:1: not a review file" in res.stderr


# --- import and export --------------------------------------------------------------------


def test_import_jmdict(tmp_path: Path) -> None:
    out = tmp_path / "jm.ja-en.tsv"
    res = invoke("import", "--format", "jmdict", FIXTURES / "jmdict.xml", "-o", out)
    assert res.exit_code == 0, res.output
    rows = {(r[0], r[1]): r for r in data_rows(out)}
    assert rows[("首脳会談", "summit")][2:6] == ["word", "noun", "1", "import:jmdict"]
    assert rows[("行う", "perform")][3] == "verb"  # &v5u; → verb, 'to ' dropped
    assert rows[("行なう", "perform")][3] == "verb"  # every kanji writing
    assert rows[("行う", "carry out")][4] == "0.8"  # second sense, pos carried over
    assert ("カメラ", "camera") in rows  # reading only: reb is the source
    assert not any(r[1] == "Gipfeltreffen" for r in rows.values())  # German gloss ignored
    fixture = FIXTURES / "jmdict.xml"
    assert f"{fixture}:44: entry 静か has no English <gloss>" in res.stderr
    assert f"{fixture}:52: entry has no <keb> or <reb>" in res.stderr
    assert "target 'do' has no content word" in res.stderr
    load_lexicons([str(out)], shipped=False)


def test_import_muse_hunalign_deepl(tmp_path: Path) -> None:
    out = tmp_path / "o.ko-en.tsv"
    res = invoke("import", "--format", "muse", FIXTURES / "muse.ko-en.txt", "-o", out)
    assert res.exit_code == 0, res.output
    assert [r[:2] for r in data_rows(out)] == [
        ["리듬", "rhythm"],
        ["합주", "ensemble session"],
        ["드럼", "drum"],  # English-first line read the right way round
        ["외교", "diplomacy"],
    ]
    assert "muse.ko-en.txt:4: expected 2 fields (source target), got 3" in res.stderr
    assert "muse.ko-en.txt:5: expected one Korean or Japanese side" in res.stderr
    assert "skipped duplicate 1" in res.stderr

    res = invoke("import", "--format", "hunalign", FIXTURES / "hunalign.ko-en.dic", "-o", out)
    assert res.exit_code == 0, res.output
    assert [r[:2] + r[5:6] for r in data_rows(out)] == [
        ["리듬", "rhythm", "import:hunalign"],
        ["정상회담", "summit", "import:hunalign"],
        ["정상", "summit", "import:hunalign"],
    ]
    assert "hunalign.ko-en.dic:3: expected 'english @ foreign'" in res.stderr
    assert "hunalign.ko-en.dic:5: target 'the' has no content word" in res.stderr

    res = invoke("import", "--format", "deepl", FIXTURES / "deepl.csv", "-o", out, "--lang", "ko")
    assert res.exit_code == 0, res.output
    assert [r[:2] for r in data_rows(out)] == [
        ["리듬", "rhythm"],
        ["정상회담", "summit"],  # en,ko row turned round
        ["합주, 즉흥", "jam session"],  # quoted CSV field
    ]
    assert "deepl.csv:4: expected 2 or 4 fields" in res.stderr

    out_ja = tmp_path / "g.ja-en.tsv"
    res = invoke("import", "--format", "deepl", FIXTURES / "deepl.ja-en.tsv", "-o", out_ja)
    assert res.exit_code == 0, res.output
    assert [r[:2] for r in data_rows(out_ja)] == [["首脳会談", "summit"], ["外交", "diplomacy"]]


def test_import_fails_when_nothing_is_valid(tmp_path: Path) -> None:
    out = tmp_path / "o.tsv"
    res = invoke("import", "--format", "hunalign", FIXTURES / "bad.dic", "-o", out)
    assert res.exit_code == 1
    assert "bad.dic:1: expected 'english @ foreign'" in res.stderr
    assert "no valid hunalign entries" in res.stderr
    assert not out.exists()
    broken = tmp_path / "broken.xml"
    broken.write_text("<JMdict>\n<entry>\n<keb>a</entry>\n", encoding="utf-8")
    res = invoke("import", "--format", "jmdict", broken, "-o", out)
    assert res.exit_code == 1 and f"{broken}:3: XML error: mismatched tag" in res.stderr
    res = invoke("import", "--format", "jmdict", FIXTURES / "jmdict.xml", "-o", out, "--lang", "ko")
    assert res.exit_code == 1 and "JMdict is a Japanese dictionary" in res.stderr
    assert invoke("import", "--format", "tmx", broken, "-o", out).exit_code == 2


def test_export_deepl_and_hunalign_round_trip(tmp_path: Path) -> None:
    lex = write_lexicon(
        tmp_path / "e.ko-en.tsv",
        "리듬\trhythm\tword\tnoun\t1\tuser\t\t\n"
        "정상\tsummit\tword\tnoun\t1\tuser\t\t\n"
        "정상\tnormal\tword\tadj\t0.6\tuser\t\t\n"
        "합주\tjam session\tword\tnoun\t0.8\tuser\t\t\n",
    )
    tsv = tmp_path / "glossary.tsv"
    res = invoke("export", "--format", "deepl", lex, "-o", tsv)
    assert res.exit_code == 0, res.output
    # A DeepL glossary holds one target per source: the highest weight.
    assert tsv.read_text(encoding="utf-8") == "리듬\trhythm\n정상\tsummit\n합주\tjam session\n"
    csv_out = tmp_path / "glossary.csv"
    assert invoke("export", "--format", "deepl", lex, "-o", csv_out).exit_code == 0
    assert csv_out.read_text(encoding="utf-8").splitlines()[0] == "리듬,rhythm,ko,en"
    dic = tmp_path / "ko.dic"
    assert invoke("export", "--format", "hunalign", lex, "-o", dic).exit_code == 0
    assert dic.read_text(encoding="utf-8").splitlines()[:3] == [
        "rhythm @ 리듬",
        "summit @ 정상",
        "normal @ 정상",
    ]
    back = tmp_path / "back.ko-en.tsv"
    assert invoke("import", "--format", "hunalign", dic, "-o", back).exit_code == 0
    assert [r[:2] for r in data_rows(back)] == [r[:2] for r in data_rows(lex)]


def test_export_errors(tmp_path: Path) -> None:
    mixed = write_lexicon(
        tmp_path / "mixed.tsv",
        "리듬\trhythm\tword\tnoun\t1\tuser\t\t\n叩く\tdrum\tword\tverb\t1\tuser\t\t\n",
    )
    out = tmp_path / "g.tsv"
    res = invoke("export", "--format", "deepl", mixed, "-o", out)
    assert res.exit_code == 1 and "pass --lang" in res.stderr
    res = invoke("export", "--format", "deepl", mixed, "-o", out, "--lang", "ja")
    assert res.exit_code == 0 and out.read_text(encoding="utf-8") == "叩く\tdrum\n"
    bad = write_lexicon(tmp_path / "bad.ko-en.tsv", "리듬\trhythm\tword\tnoun\t9\tuser\t\t\n")
    res = invoke("export", "--format", "hunalign", bad, "-o", out)
    assert res.exit_code == 1 and f"{bad}:3: weight 9 is not in (0, 1]" in res.stderr


# --- bridge -------------------------------------------------------------------------------


def test_bridge_proposes_korean_readings_of_kanji_words(tmp_path: Path) -> None:
    ja = write_lexicon(
        tmp_path / "j.ja-en.tsv",
        "大統領\tpresident\tword\tnoun\t1\tcurated\t\t\n"
        "会談\ttalks\tword\tnoun\t1\tcurated\t\t\n"
        "会談\tmeeting\tword\tnoun\t0.8\tcurated\t\t\n"
        "芸術\tart\tword\tnoun\t1\tcurated\t\t\n"
        "首脳会談\tsummit\tword\tnoun\t1\tcurated\t\t\n"
        "高市\tTakaichi\tname\tperson\t1\tcurated\t\t\n"
        "行う\tconduct\tword\tverb\t1\tcurated\t\t\n"
        "音楽\tmusic\tword\tnoun\t1\tcurated\t\t\n",
    )
    ko = write_lexicon(
        tmp_path / "k.ko-en.tsv",
        "회담\ttalks\tword\tnoun\t1\tcurated\t\t\n대통령\tpresident\tword\tnoun\t1\tcurated\t\t\n",
    )
    out = tmp_path / "bridge.tsv"
    res = invoke("bridge", "--ja", ja, "--ko", ko, "-o", out)
    assert res.exit_code == 0, res.output
    comments, rows = _review(out)
    assert "# source: bridge-j.ja-en" in comments and "# lang: ko" in comments
    got = {(r[0], r[1]): r for r in rows[1:]}
    # 会談 → 會談 → 회담: ko-en has it with a shared translation, so 'meeting' is the same word.
    assert got[("회담", "meeting")][4:6] == ["会談", "會談 = 회담 (same)"]
    assert ("회담", "talks") not in got and ("대통령", "president") not in got  # known pairs
    assert got[("예술", "art")][5] == "藝術 = 예술 (word)"  # 芸 → 藝 by OpenCC
    assert got[("수뇌회담", "summit")][5].endswith("(compound)")
    assert ("음악", "music") in got  # the second reading of 樂
    assert not any(r[4] in ("高市", "行う") for r in rows[1:])  # names and kana words left out
    merged = tmp_path / "bridged.ko-en.tsv"
    text = out.read_text(encoding="utf-8").replace("(word)\t\n", "(word)\ty\n")
    out.write_text(text, encoding="utf-8")
    res = invoke("merge", out, "--into", merged)
    assert res.exit_code == 0, res.output
    assert ["예술", "art", "word", "noun", "0.8", "induced:bridge-j.ja-en", "", ""] in data_rows(
        merged
    )


def test_bridge_without_the_optional_packages(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real = importlib.import_module

    def fake(name: str, package: str | None = None) -> Any:
        if name in ("hanja", "opencc"):
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", fake)
    res = invoke("bridge", "-o", tmp_path / "b.tsv")
    assert res.exit_code == 1
    assert "pip install 'polyseg[lexicon]'" in res.stderr
    assert "Traceback" not in res.output
    assert not (tmp_path / "b.tsv").exists()

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from polyseg.write.tsv import ALIGNED_COLUMNS, POSTS_COLUMNS

STORY_A = """Takaichi guided Lee through the performance.
슬쩍 숟가락 하나 얹어봤지만 역시 프로의 실력은 다르더군요.박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 한 마음으로 만들어가겠습니다. pic.twitter.com/pRY5jCjSl4
— 이재명 (@Jaemyung_Lee) January 13, 2026
기사 이미지 확대 보기
닫기
"""
STORY_B = """He also stated, "Although our tempos were a bit different, we both tried to match the rhythm together - we will create a future-oriented relationship with one heart."
The summit took place in Nara.
"""


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "polyseg", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        check=False,
    )


def _rows(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


def test_process_writes_corpus_posts_and_provenance(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = story({"s1/a.txt": STORY_A, "s1/b.txt": STORY_B, "s1/bin.txt": b"\x00\x01\x02\x00"})
    out = tmp_path / "out"
    res = run("process", str(root), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    aligned = _rows(out / "aligned.tsv")
    assert tuple(aligned[0]) == ALIGNED_COLUMNS
    assert all(len(r) == len(ALIGNED_COLUMNS) for r in aligned)
    linked = {(r[0], r[4], r[5][:20]) for r in aligned[1:]}
    assert ("s1/a", "s1/b", "Although our tempos ") in linked
    posts = _rows(out / "posts.tsv")
    assert tuple(posts[0]) == POSTS_COLUMNS
    assert [(r[0], r[2], r[3], r[5], r[6]) for r in posts[1:]] == [
        ("s1/a", "embed", "ko", "이재명", "Jaemyung_Lee")
    ]
    run_json = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert {"polyseg", "kiwipiepy", "lemminflect"} <= set(run_json["versions"])
    assert all(len(lx["sha256"]) == 64 for lx in run_json["lexicons"])
    assert run_json["counts"]["skipped:binary"] == 1
    assert run_json["options"]["scope"] == "story"
    assert "1 skipped (binary 1)" in res.stderr
    assert "debris lines dropped: 2 (widget-label 2)" in res.stderr
    assert not list(out.glob(".polyseg-*"))


def test_scope_doc_keeps_documents_apart(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = story({"s1/a.txt": STORY_A, "s1/b.txt": STORY_B})
    res = run("process", str(root), "-o", str(tmp_path / "o"), "--scope", "doc")
    assert res.returncode == 0, res.stderr
    aligned = _rows(tmp_path / "o" / "aligned.tsv")
    assert all(r[0] == r[4] for r in aligned[1:])


def test_input_without_posts_gives_headers_only(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = story({"a.txt": "Only English here. Nothing else."})
    res = run("process", str(root), "-o", str(tmp_path / "o"))
    assert res.returncode == 0, res.stderr
    assert _rows(tmp_path / "o" / "aligned.tsv") == [list(ALIGNED_COLUMNS)]
    assert _rows(tmp_path / "o" / "posts.tsv") == [list(POSTS_COLUMNS)]
    assert "no Korean or Japanese posts found" in res.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["process", "does-not-exist", "-o", "out"],
        ["process", ".", "-o", "out", "--scope", "page"],
        ["process", "."],
        ["process", "-o", "out"],
        ["process", ".", "-o", "out", "--min-score", "2"],
        ["frobnicate"],
    ],
)
def test_usage_errors_exit_2(args: list[str], tmp_path: Path) -> None:
    res = run(*args, cwd=tmp_path)
    assert res.returncode == 2
    assert "Traceback" not in res.stderr
    assert res.stderr.strip()


def test_bad_lexicon_exits_1_and_keeps_previous_output(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = story({"a.txt": STORY_A})
    out = tmp_path / "o"
    out.mkdir()
    (out / "aligned.tsv").write_text("previous run\n", encoding="utf-8")
    lex = tmp_path / "mine.ko-en.tsv"
    lex.write_text(
        "source\ttarget\tkind\tpos\tweight\torigin\n리듬\trhythm\tword\tnoun\t7\tuser\n",
        encoding="utf-8",
    )
    res = run("process", str(root), "-o", str(out), "--lexicon", str(lex))
    assert res.returncode == 1
    assert f"{lex}:2: weight 7 is not in (0, 1]" in res.stderr
    assert "Traceback" not in res.stderr
    assert (out / "aligned.tsv").read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in out.iterdir()) == ["aligned.tsv"]


def test_output_path_that_is_a_file_exits_1(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    root = story({"a.txt": "English only."})
    target = tmp_path / "file"
    target.write_text("x", encoding="utf-8")
    res = run("process", str(root), "-o", str(target))
    assert res.returncode in (1, 2)
    assert "Traceback" not in res.stderr
    assert target.read_text(encoding="utf-8") == "x"


def test_legacy_encodings_are_decoded_and_reported(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ja = "Takaichi wrote on X.\n韓国の李在明大統領と首脳会談を行いました。日韓関係の重要性はますます高まっています。\n"
    ko = "Lee posted on X.\n박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 한일 관계도 만들어가겠습니다.\n"
    root = story({"s/ko.txt": ko.encode("cp949"), "s/ja.txt": ja.encode("shift_jis")})
    res = run("process", str(root), "-o", str(tmp_path / "o"))
    assert res.returncode == 0, res.stderr
    assert "documents: 2 read (cp932 1, cp949 1)" in res.stderr
    posts = _rows(tmp_path / "o" / "posts.tsv")
    assert sorted(r[3] for r in posts[1:]) == ["ja", "ko"]
    assert any("李在明大統領" in r[-1] for r in posts[1:])

from __future__ import annotations

from pathlib import Path

import pytest

from polyseg.errors import InputError
from polyseg.read import decode, read_documents
from polyseg.types import Counts

KO = "어설프지만, 그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^ 역시 프로의 실력은 다르더군요."
JA = "韓国の李在明大統領と首脳会談を行いました。両国を取り巻く戦略環境が厳しさを増す中です。"


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (KO.encode("utf-8"), KO, "utf-8"),
        (b"\xef\xbb\xbf" + KO.encode("utf-8"), KO, "utf-8-sig"),
        ((KO * 3).encode("cp949"), KO * 3, "cp949"),
        ((JA * 3).encode("shift_jis"), JA * 3, "cp932"),
    ],
)
def test_decode_detects_korean_and_japanese_legacy_encodings(
    data: bytes, text: str, encoding: str
) -> None:
    assert decode(data) == (text, encoding)


def test_decode_refuses_binary() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_story_folders_give_ids_and_stories(story) -> None:  # type: ignore[no-untyped-def]
    root = story({"s000/a.txt": "One.", "s000/b.md": "Two.", "s001/a.txt": "Three."}, "corpus")
    docs, skipped = read_documents([str(root)], Counts())
    assert [d.doc_id for d in docs] == ["s000/a", "s000/b", "s001/a"]
    assert [d.story for d in docs] == ["corpus/s000", "corpus/s000", "corpus/s001"]
    assert skipped == []


def test_skipped_files_are_counted_with_reason(story) -> None:  # type: ignore[no-untyped-def]
    root = story(
        {
            "a.txt": "Hello.\r\nWorld.",
            "img.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
            "empty.txt": "  \n",
            "notes.csv": "ignored, not a text suffix",
        }
    )
    counts = Counts()
    docs, skipped = read_documents([str(root)], counts)
    assert [d.doc_id for d in docs] == ["a"]
    assert docs[0].text == "Hello.\nWorld."
    assert sorted((Path(s.path).name, s.reason) for s in skipped) == [
        ("empty.txt", "empty"),
        ("img.txt", "binary"),
    ]
    assert counts.get("skipped:binary") == 1 and counts.get("skipped:empty") == 1


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_documents([str(tmp_path / "nope")], Counts())

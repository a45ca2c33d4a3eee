from __future__ import annotations

from pathlib import Path

import pytest

from polyseg.errors import LexiconError
from polyseg.lexicon import Lexicon, load_lexicons, shipped_files

HEADER = "source\ttarget\tkind\tpos\tweight\torigin\tdomain\tnote\n"


def _write(path: Path, body: str, header: str = HEADER) -> str:
    path.write_text("# comment line\n" + header + body, encoding="utf-8")
    return str(path)


def test_shipped_lexicons_load_and_cover_the_seed_vocabulary() -> None:
    lex = load_lexicons([])
    assert [p.name for p in shipped_files()] == ["ko-en.tsv", "ja-en.jmdict.tsv", "ja-en.tsv"]
    ko, ja = lex.for_lang("ko"), lex.for_lang("ja")
    assert {t.text for t in ko.lookup("리듬")} >= {"rhythm"}
    assert {t.text for t in ko.lookup("어울리다")} >= {"suit"}
    assert {t.text for t in ja.lookup("首脳会談")} >= {"summit"}
    assert "다카이치" in ko.names and "李在明" in ja.names
    # Senses from JMdict (ja-en.jmdict.tsv) beside the curated ones of ja-en.tsv.
    assert {t.text for t in ja.lookup("見方")} >= {"view", "perspective", "viewpoint"}


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("리듬\trhythm\tword\tnoun\t1.5\tuser\t\t\n", "weight 1.5 is not in (0, 1]"),
        ("리듬\trhythm\tthing\tnoun\t1\tuser\t\t\n", "kind 'thing'"),
        ("리듬\t\tword\tnoun\t1\tuser\t\t\n", "empty target"),
        ("rhythm\trhythm\tword\tnoun\t1\tuser\t\t\n", "has no Hangul"),
        ("리듬\t리듬\tword\tnoun\t1\tuser\t\t\n", "is not English"),
        ("리듬\tthe\tword\tnoun\t1\tuser\t\t\n", "no content word"),
        ("리듬\trhythm\tword\tnoun\tx\tuser\t\t\n", "is not a number"),
        ("리듬\trhythm\tword\tnoun\t1\tuser\t\t\textra\n", "9 columns, the header has 8"),
        ("리듬\trhythm\tname\tnoun\t1\tuser\t\t\n", "pos 'noun' is not one of"),
        ("\u1105\u1175\u1103\u1173\u11b7\trhythm\tword\tnoun\t1\tuser\t\t\n", "not in Unicode NFC"),
    ],
)
def test_bad_rows_stop_with_file_and_line(tmp_path: Path, row: str, problem: str) -> None:
    path = _write(tmp_path / "user.ko-en.tsv", "합주\tensemble\tword\tnoun\t1\tuser\t\t\n" + row)
    with pytest.raises(LexiconError) as err:
        load_lexicons([path], shipped=False)
    assert str(err.value).startswith(f"{path}:4: ")
    assert problem in str(err.value)


def test_a_target_of_stop_words_that_render_a_word_is_a_row_of_its_own_kind(
    tmp_path: Path,
) -> None:
    # "again", "say", "the other" are stop words, but render 다시, 말하다, 다른; "the" renders
    # nothing (see test_bad_rows_stop_with_file_and_line).
    path = _write(
        tmp_path / "user.ko-en.tsv",
        "다시\tagain\tword\tadv\t1\tuser\t\t\n"
        "말하다\tsay\tword\tverb\t1\tuser\t\t\n"
        "다른\tthe other\tword\tadj\t1\tuser\t\t\n"
        "말하다\ttell\tword\tverb\t1\tuser\t\t\n",
    )
    ko = load_lexicons([path], shipped=False).for_lang("ko")
    assert [(t.lemmas, t.kind) for t in ko.lookup("다시")] == [(("again",), "stop")]
    assert [(t.lemmas, t.kind) for t in ko.lookup("다른")] == [(("other",), "stop")]
    assert [(t.text, t.kind) for t in ko.lookup("말하다")] == [("say", "stop"), ("tell", "word")]


def test_bad_header(tmp_path: Path) -> None:
    path = _write(tmp_path / "x.ko-en.tsv", "", header="src\ttgt\n")
    with pytest.raises(LexiconError, match=r"x\.ko-en\.tsv:2: header must start with"):
        load_lexicons([path], shipped=False)


def test_user_lexicon_layers_over_shipped_and_later_wins(tmp_path: Path) -> None:
    a = _write(tmp_path / "a.ko-en.tsv", "합주\tjam\tword\tnoun\t0.5\tuser\t\t\n")
    b = _write(tmp_path / "b.ko-en.tsv", "합주\tjam\tword\tnoun\t0.9\tuser\t\t\n")
    lex = Lexicon()
    lex.add_file(a)
    lex.add_file(b)
    jam = [t for t in lex.for_lang("ko").lookup("합주") if t.text == "jam"]
    assert [t.weight for t in jam] == [0.9]
    assert [rows for _p, _h, rows in lex.files] == [1, 1]


def test_language_from_script_when_file_name_has_no_pair(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "mine.tsv",
        "합주\tjam session\tword\tnoun\t1\tuser\t\t\n叩く\tdrum\tword\tverb\t1\tuser\t\t\n",
    )
    lex = load_lexicons([path], shipped=False)
    assert lex.for_lang("ko").lookup("합주") and lex.for_lang("ja").lookup("叩く")
    assert not lex.for_lang("ko").lookup("叩く")


GOOD_ROWS = (
    "합주\tensemble\tword\tnoun\t1\tuser\t\t\n리듬\trhythm\tword\tnoun\t0.8\tuser\tmusic\t\n"
)


def _cached_files(cache: Path) -> list[Path]:
    return sorted((cache / "polyseg" / "lexicons").glob("*.json"))


def test_a_validated_file_is_read_from_the_cache_the_second_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS)
    first = load_lexicons([path], shipped=False)
    [stored] = _cached_files(tmp_path / "cache")
    second = load_lexicons([path], shipped=False)
    assert second.lemmas  # the target lemmas came from the cache, not the tokenizer
    assert list(second.entries.values()) == list(first.entries.values())
    assert second.files == first.files
    rhythm = second.for_lang("ko").lookup("리듬")
    assert [(t.text, t.lemmas, t.weight) for t in rhythm] == [("rhythm", ("rhythm",), 0.8)]
    assert [(e.file, e.line) for e in second.entries.values()] == [(path, 3), (path, 4)]
    # A damaged cache file is ignored: the file is parsed again.
    stored.write_text("{not json", encoding="utf-8")
    again = load_lexicons([path], shipped=False)
    assert list(again.entries.values()) == list(first.entries.values())


def test_an_edited_file_is_validated_again_and_a_bad_one_is_never_cached(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS)
    load_lexicons([path], shipped=False)
    _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS + "리듬\tthe\tword\tnoun\t1\tuser\t\t\n")
    for _ in range(2):
        with pytest.raises(LexiconError, match=r"user\.ko-en\.tsv:5: target 'the' has no content"):
            load_lexicons([path], shipped=False)
    assert len(_cached_files(tmp_path / "cache")) == 1


def test_a_new_version_of_a_file_replaces_its_cached_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    path = _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS)
    other = _write(tmp_path / "other.ko-en.tsv", GOOD_ROWS)
    load_lexicons([path, other], shipped=False)
    assert len(_cached_files(tmp_path / "cache")) == 2
    _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS + "박자\tbeat\tword\tnoun\t1\tuser\t\t\n")
    lex = load_lexicons([path, other], shipped=False)
    assert [t.text for t in lex.for_lang("ko").lookup("박자")] == ["beat"]
    # One entry per file: the rows of the first version of user.ko-en.tsv are gone.
    assert len(_cached_files(tmp_path / "cache")) == 2
    again = load_lexicons([path, other], shipped=False)
    assert again.lemmas and list(again.entries.values()) == list(lex.entries.values())


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = _write(tmp_path / "user.ko-en.tsv", GOOD_ROWS)
    lex = load_lexicons([path], shipped=False)
    assert [t.text for t in lex.for_lang("ko").lookup("합주")] == ["ensemble"]

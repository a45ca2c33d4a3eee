from __future__ import annotations

import os
from pathlib import Path

import pytest

from polyseg.tokenize import get_tokenizer, negation_test
from polyseg.tokenize.english import tokenize_english
from polyseg.tokenize.japanese import name_reading, romanize
from polyseg.tokenize.korean import surname_spellings


def test_korean_lemmas_offsets_and_user_names() -> None:
    tok = get_tokenizer("ko", (("다카이치", "person"),))
    text = "그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^"
    tokens = tok.tokenize(text)
    by_form = {t.form: t for t in tokens}
    assert by_form["어울리"].lemma == "어울리다"
    assert by_form["어울리"].tag == "VV"
    assert by_form["다카이치"].tag == "NNP"
    assert by_form["합주"].content and not by_form["과"].content
    # Offsets point at the surface: 어울렸 holds the morphemes 어울리 + 었.
    assert text[by_form["어울리"].start : by_form["어울리"].end] == "어울렸"
    assert text[by_form["다카이치"].start : by_form["다카이치"].end] == "다카이치"
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)


def test_korean_adjective_lemma() -> None:
    tokens = get_tokenizer("ko").tokenize("어설프지만 박자는 조금 달라도")
    assert [t.lemma for t in tokens if t.tag.startswith("VA")] == ["어설프다", "다르다"]


def test_japanese_name_user_dictionary_keeps_li_jae_myung_whole() -> None:
    plain = get_tokenizer("ja")
    assert "李在明" not in [t.form for t in plain.tokenize("韓国の李在明大統領と会談")]
    tok = get_tokenizer("ja", (("李在明", "person"), ("高市早苗", "person")))
    forms = [t.form for t in tok.tokenize("韓国の李在明大統領と高市早苗首相が会談")]
    assert "李在明" in forms and "高市早苗" in forms


def test_japanese_lemma_reading_and_loanword_origin() -> None:
    text = "ドラムを演奏しました。首脳会談を行いました。"
    tokens = get_tokenizer("ja").tokenize(text)
    by_form = {t.form: t for t in tokens}
    assert by_form["ドラム"].origin == "drum"
    assert by_form["行い"].lemma == "行う"
    assert by_form["首脳"].reading == "シュノウ"
    assert not by_form["を"].content
    for t in tokens:
        assert text[t.start : t.end] == t.form


@pytest.mark.parametrize(
    ("text", "verb"),
    [
        ("来週の議題について話しましょう。", "つい"),
        ("部署によって違います。", "よっ"),
        ("市場調査に関する件です。", "関する"),
        ("新入社員に対して研修を行います。", "対し"),
        ("会議において決めました。", "おい"),
        ("それは僕らにとってチャンスなんだ。", "とっ"),
    ],
)
def test_japanese_compound_particles_are_grammar(text: str, verb: str) -> None:
    by_form = {t.form: t for t in get_tokenizer("ja").tokenize(text)}
    assert by_form[verb].tag == "助詞-複合辞"
    assert not by_form[verb].content


def test_the_same_verbs_elsewhere_stay_verbs() -> None:
    text = "電気がついて、席に着いた。資料を手に取って読む。"
    by_form = {t.form: t for t in get_tokenizer("ja").tokenize(text)}
    assert by_form["つい"].tag.startswith("動詞") and by_form["つい"].content
    assert by_form["着い"].content and by_form["取っ"].content


@pytest.mark.parametrize(
    ("text", "form", "content"),
    [
        # the predicate in its own right: opening the sentence, after a topic or subject
        ("いいですね。", "いい", True),
        ("それは良かった。", "良かっ", True),
        ("新しいパソコンが欲しい。", "欲しい", True),
        ("とてもいいです。", "いい", True),
        ("私もいいです。", "いい", True),
        # before a noun, where no auxiliary stands
        ("なるほど、私もいい考えだと思います。", "いい", True),
        ("たいてい質の良い市況報告を発行しています。", "良い", True),
        # an auxiliary after a clause: permission, advice, a wish
        ("帰ってもいいですか？", "いい", False),
        ("どうすればいい？", "いい", False),
        ("金曜日でもいいでしょうか？", "いい", False),
        ("行ったほうがいいわね。", "いい", False),
        ("早く来てほしい。", "ほしい", False),
    ],
)
def test_japanese_adjectives_that_may_be_auxiliaries(text: str, form: str, content: bool) -> None:
    by_form = {t.form: t for t in get_tokenizer("ja").tokenize(text)}
    assert by_form[form].content is content


@pytest.mark.parametrize(
    ("text", "negations"),
    [
        ("来週には来るかもしれません。", []),  # "might"
        ("明日までに書かなければなりません。", []),  # "must"
        ("今日中に行かなくてはいけない。", []),
        ("遅れてしまい申し訳ありません。", []),  # "sorry"
        ("申し訳ないです。", []),
        ("今日は行かないと思う。", ["ない"]),
        ("まだ来ません。", ["ん"]),
        # contracted and unfinished obligations (BSD-style dialogue)
        ("あの既読とか付いて返信しなきゃいけない気がするの。", []),
        ("準備しなくちゃいけない展示会もあるし。", []),
        ("これは特許化しないと。", []),
        ("何言うか気を付けないとだね。", []),
        # a condition and a reason still negate: "if we don't hurry", "I didn't go"
        ("急がないと遅れるよ。", ["ない"]),
        ("結局行かなくて。", ["なく"]),
    ],
)
def test_japanese_compound_auxiliaries_negate_nothing(text: str, negations: list[str]) -> None:
    tokens = get_tokenizer("ja").tokenize(text)
    assert [t.form for t in tokens if negation_test("ja")(t)] == negations
    # the verb of an obligation is grammar too: いけない is no いける "be good"
    assert all(not t.content for t in tokens if t.lemma == "いける")


@pytest.mark.parametrize(
    ("text", "lemmas"),
    [
        ("The leaders played drums", ["the", "leader", "play", "drum"]),
        ("Lee Jae-myung met the US envoy", ["lee", "jae", "myung", "meet", "the", "us", "envoy"]),
        (
            "It felt like our hearts were aligned",
            ["it", "feel", "like", "our", "heart", "be", "align"],
        ),
        ("In 1942, 136 laborers died", ["in", "1942", "136", "laborer", "die"]),
        # plurals the dictionary does not know; a capitalised word may be a name, and words
        # the dictionary knows as they are stay
        ("So no blogs or editorial websites?", ["so", "no", "blog", "or", "editorial", "website"]),
        ("Williams always keeps ficus plants", ["williams", "always", "keep", "ficus", "plant"]),
        # British spellings take the American lemma; the form stays as written
        ("Organisers cancelled programmes", ["organizer", "cancel", "program"]),
    ],
)
def test_english_lemmas(text: str, lemmas: list[str]) -> None:
    assert [t.lemma for t in tokenize_english(text)] == lemmas


def test_korean_batch_tokenization_matches_one_by_one() -> None:
    tok = get_tokenizer("ko")
    texts = [
        "어설프지만 다카이치 총리님과의 합주^^",
        "역시 프로의 실력은 다르더군요.",
        "1942년 탄광",
    ]
    assert tok.tokenize_many(texts) == [tok.tokenize(t) for t in texts]  # type: ignore[attr-defined]


def test_english_contractions_split_into_function_words() -> None:
    text = "I'm sure they'll come, but I can't and won't wait. Don’t go"
    tokens = tokenize_english(text)
    assert [(t.lemma, t.content) for t in tokens if not t.content] == [
        ("i", False),
        ("am", False),
        ("they", False),
        ("will", False),
        ("but", False),
        ("i", False),
        ("can", False),
        ("not", False),
        ("and", False),
        ("will", False),
        ("not", False),
        ("do", False),
        ("not", False),
    ]
    assert [t.lemma for t in tokens if t.content] == ["sure", "come", "wait", "go"]
    # Each part keeps the offsets of its letters: "ca" + "n't", "they" + "'ll".
    spans = {(t.form, text[t.start : t.end]) for t in tokens}
    assert {
        ("can", "ca"),
        ("not", "n't"),
        ("they", "they"),
        ("will", "'ll"),
        ("not", "n’t"),
    } <= spans
    # A name with an apostrophe is not a contraction.
    assert [t.form for t in tokenize_english("O'Neill said")] == ["o'neill", "said"]


@pytest.mark.parametrize(
    ("text", "content"),
    [
        ("No, never.", [True, True]),
        ('"Nope," she said.', [True, False, False]),
        ("No not at all.", [True, False, False, False]),
        ("No one knew.", [False, True, True]),
        ("No problem.", [False, True]),
        ("I said no.", [False, False, False]),
    ],
)
def test_no_as_an_answer_is_a_content_word(text: str, content: list[bool]) -> None:
    # "No" answering (いいえ、一度も。 ↔ "No, never.") renders いいえ as "yes" renders はい.
    tokens = tokenize_english(text)
    assert [t.content for t in tokens] == content
    assert all(t.lemma == "no" for t in tokens if t.content and t.form in ("no", "nope"))


def test_the_user_dictionary_cache_keeps_the_most_recently_used(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from polyseg.tokenize import japanese

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "polyseg"
    folder.mkdir()
    old = []
    for k in range(10):
        path = folder / f"ja-user-old{k:02d}.dic"
        path.write_bytes(b"stale")
        os.utime(path, (1_000_000 + k, 1_000_000 + k))  # old00 is the least recently used
        old.append(path)
    built = japanese.build_user_dictionary((("李在明", "person"),))
    assert built is not None and Path(built).parent == folder
    kept = sorted(p.name for p in folder.glob("ja-user-*.dic"))
    assert len(kept) == japanese.KEEP_USER_DICTIONARIES
    assert Path(built).name in kept
    # the newest old ones stay, the oldest go
    assert old[9].name in kept and old[0].name not in kept
    # a reused dictionary counts as recently used
    os.utime(built, (1, 1))
    assert japanese.build_user_dictionary((("李在明", "person"),)) == built
    assert Path(built).stat().st_mtime > 1_000_000
    tokens = japanese.JapaneseTokenizer((("李在明", "person"),)).tokenize("李在明大統領")
    assert tokens[0].form == "李在明"


@pytest.mark.parametrize(
    ("name", "spellings"),
    [
        ("김현우", ("kim",)),
        ("이재명", ("lee", "yi", "rhee")),
        ("남궁민", ("namgung",)),
        ("최도윤", ("choi", "choe")),
        ("김", ()),  # a surname alone is no personal name
        ("Kim Hyun-woo", ()),
        ("더불어민주당", ()),
    ],
)
def test_korean_surname_spellings(name: str, spellings: tuple[str, ...]) -> None:
    assert surname_spellings(name) == spellings


def test_japanese_counters_after_a_number_are_tagged() -> None:
    from polyseg.tokenize.japanese import COUNTER_TAG

    tags = {t.form: t.tag for t in get_tokenizer("ja").tokenize("もう一台買って、3回見た。")}
    assert tags["台"] == COUNTER_TAG and tags["回"] == COUNTER_TAG
    # the same nouns after no number stay nouns: 台 "stand", 回 of 今回 is one word
    tags = {t.form: t.tag for t in get_tokenizer("ja").tokenize("台の上で回を重ねる。")}
    assert tags["台"] != COUNTER_TAG and tags["回"] != COUNTER_TAG


@pytest.mark.parametrize(
    ("kana", "romaji"),
    [
        ("ノセ", "nose"),
        ("キシダ", "kishida"),
        ("トウキョウ", "toukyou"),
        ("シャチョウ", "shachou"),
        ("ハットリ", "hattori"),
        ("イッチョウ", "itchou"),
        ("ジュンイチロウ", "junichirou"),
        ("ティム", "timu"),
    ],
)
def test_kana_readings_are_romanized_by_hepburn(kana: str, romaji: str) -> None:
    assert romanize(kana) == romaji


def test_a_name_in_kanji_is_read_by_its_japanese_reading() -> None:
    toks = get_tokenizer("ja").tokenize("あ、能勢さん、高田です。石破茂首相も。")
    readings = {t.form: name_reading(t) for t in toks if name_reading(t)}
    assert readings == {"能勢": "nose", "高田": "takada", "石破": "ishiba", "茂": "shigeru"}


def test_an_honorific_after_a_hyphen_is_no_english_word() -> None:
    toks = tokenize_english("Oh, Nose-san, Kobayashi-kun is in San Francisco.")
    content = [t.form for t in toks if t.content]
    assert content == ["oh", "nose", "kobayashi", "san", "francisco"]

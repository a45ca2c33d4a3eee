from __future__ import annotations

from dataclasses import replace
from functools import partial

import pytest

from polyseg.align import AlignOptions, align_story, assign
from polyseg.align.assign import LENGTH_SD, _speaker_of, length_sd, score_candidates
from polyseg.align.features import (
    SrcItem,
    asks_question,
    cjk_number,
    english_tokens,
    romaji_key,
    seeks_confirmation,
    skeleton,
    source_items,
)
from polyseg.align.score import PairScore, score_pair
from polyseg.lexicon import PairLexicon, Target
from polyseg.pipeline import Config, align_all, prepare
from polyseg.tokenize import get_tokenizer
from polyseg.tokenize.english import is_stop_target, target_lemmas, tokenize_english
from polyseg.types import Link, Post, Sentence


def _lex(lang: str, rows: dict[str, list[str]], names: dict[str, str] | None = None) -> PairLexicon:
    lex = PairLexicon(lang)
    for src, targets in rows.items():
        kind = "name" if names and src in names else "word"
        lex.index[src] = []
        for t in targets:
            lemmas = target_lemmas(t)
            lex.index[src].append(
                Target(t, lemmas, 1.0, "stop" if is_stop_target(lemmas) else kind)
            )
    lex.names.update(names or {})
    return lex


def _scored(lex: PairLexicon, src: str, en: str) -> PairScore:
    """``score_pair`` of a sentence in the lexicon's language against an English one."""
    items = source_items(get_tokenizer(lex.lang).tokenize(src), lex)
    return score_pair(items, english_tokens(tokenize_english(en), frozenset()))


KO_LEX = _lex(
    "ko",
    {
        "박자": ["beat", "tempo"],
        "조금": ["a little", "a bit"],
        "다르다": ["different"],
        "리듬": ["rhythm"],
        "맞추다": ["match"],
        "마음": ["heart", "mind"],
        "미래지향적": ["forward-looking", "future-oriented"],
        "한일": ["Korea-Japan", "Japan-Korea"],
        "관계": ["relationship", "relations"],
        "만들다": ["build", "create"],
        "한마음": ["one mind", "one heart"],
        "탄광": ["coal mine"],
        "희생자": ["victim"],
        "이재명": ["Lee Jae-myung", "Lee"],
        "슬쩍": ["sneak"],
        "숟가락": ["spoon"],
        "프로": ["pro"],
        "실력": ["skill"],
        "역시": ["as expected"],
    },
    {"이재명": "person"},
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十五", 15),
        ("二千二十六", 2026),
        ("百三十六", 136),
        ("三万", 30000),
        ("400万", 4_000_000),
        ("2万5千", 25_000),
        ("５兆", 5 * 10**12),
        ("57억1000만", 5_710_000_000),
        ("1억1천만", 110_000_000),
        ("8천", 8000),
        ("年", None),
    ],
)
def test_cjk_numbers(text: str, expected: int | None) -> None:
    assert cjk_number(text) == expected


@pytest.mark.parametrize(
    ("lang", "src", "en", "evidence"),
    [
        ("ko", "2700만 달러의 수익을 올렸다", "it took in $27 million this weekend", "#27000000"),
        ("ko", "57억1000만위안을 소유한", "a fortune of 5.71 billion yuan", "#5710000000"),
        ("ja", "販売高は400万ドル前後です", "around four million in sales", "#4000000"),
        ("ja", "これで100以上はあるよ", "there are over a hundred here", "#100"),
        ("ja", "二十五人が参加した", "twenty-five people took part", "#25"),
        ("ja", "じゅっ、10万円！？", "H-hundred thousand yen!?", "#100000"),
        ("ja", "二百五十人が来た", "two hundred and fifty people came", "#250"),
        ("ko", "1,500명이 모였다", "one thousand five hundred people gathered", "#1500"),
        ("ja", "5月1日です", "May the 1st", "month:5"),
        ("ja", "5月1日です", "May the 1st", "#1"),
        # an afternoon hour, on the twelve-hour clock or the 24-hour one
        ("ja", "頼むよ、17時は流石に遅すぎる。", "5 o'clock is a bit too late", "#17"),
        ("ja", "じゃあ、１３時に弊社でいかがでしょう？", "how about 1 pm at our office", "#13"),
        ("ja", "17時発の便", "the 17:00 flight", "#17"),
        ("ko", "회의는 15시에 시작합니다", "the meeting starts at 3 p.m.", "#15"),
    ],
)
def test_amounts_ordinals_and_number_words_match(
    lang: str, src: str, en: str, evidence: str
) -> None:
    items = source_items(get_tokenizer(lang).tokenize(src), PairLexicon(lang))
    res = score_pair(items, english_tokens(tokenize_english(en), frozenset()))
    assert evidence in res.evidence


def test_an_hour_on_the_twelve_hour_clock_is_only_an_afternoon_hour() -> None:
    items = source_items(get_tokenizer("ja").tokenize("5時と17人"), PairLexicon("ja"))
    res = score_pair(items, english_tokens(tokenize_english("5 people"), frozenset()))
    assert res.evidence == ("#5",)  # 17人 is no hour, and 5時 is 5 already
    items = source_items(get_tokenizer("ja").tokenize("17人が来た"), PairLexicon("ja"))
    res = score_pair(items, english_tokens(tokenize_english("5 came"), frozenset()))
    assert res.evidence == ()


def test_may_is_a_month_only_next_to_a_number() -> None:
    asked = english_tokens(tokenize_english("May I help you?"), frozenset())
    assert [t.month for t in asked] == [""]  # only "help" is left, and it is no month
    dated = english_tokens(tokenize_english("It opens on May 1."), frozenset())
    assert [t.month for t in dated if t.form == "may"] == ["5"]


@pytest.mark.parametrize(
    ("lang", "src", "en", "evidence"),
    [
        ("ko", "1942년 탄광 희생자", "victims of the 1942 coal mine flood", "#1942"),
        ("ko", "90분 동안 회담", "talks lasted about 90 minutes", "#90"),
        ("ko", "1월 13일", "on January 13", "month:1"),
        ("ja", "1942年の事故で136人", "136 miners died in 1942", "#136"),
        ("ja", "十五年ぶり", "the first time in 15 years", "#15"),
        ("ja", "APECでBTSの曲", "songs by BTS at APEC", "latin:APEC"),
        ("ja", "ドラムを叩く", "she played the drums", "loan:ドラム=drum"),
    ],
)
def test_numbers_dates_latin_and_loanwords_are_evidence(
    lang: str, src: str, en: str, evidence: str
) -> None:
    items = source_items(get_tokenizer(lang).tokenize(src), PairLexicon(lang))
    res = score_pair(items, english_tokens(tokenize_english(en), frozenset()))
    assert evidence in res.evidence


def test_score_is_high_for_a_rendering_and_low_for_a_topical_neighbour() -> None:
    ko = get_tokenizer("ko")
    src = source_items(
        ko.tokenize(
            "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 "
            "한 마음으로 만들어가겠습니다."
        ),
        KO_LEX,
    )
    good = "Although our tempos were a bit different, we both tried to match the rhythm together - "
    good += "we will create a future-oriented relationship with one heart."
    bad = "The two leaders later exchanged drumsticks signed by each of them in Nara."
    g = score_pair(src, english_tokens(tokenize_english(good), frozenset()))
    b = score_pair(src, english_tokens(tokenize_english(bad), frozenset()))
    assert 0 <= b.score < 0.2 < 0.5 < g.score <= 1
    assert "리듬=rhythm" in g.evidence and "미래지향적=future-oriented" in g.evidence


def _sent(
    doc: str,
    text: str,
    i: int,
    lang: str = "en",
    post: str = "",
    para: int = 0,
    kind: str = "sentence",
    start: int | None = None,
) -> Sentence:
    tok = get_tokenizer(lang)
    s = 1000 * para + 100 * i if start is None else start
    return Sentence(doc, lang, text, s, s + len(text), i, post, para, kind, tok.tokenize(text))


def test_story_alignment_links_across_documents_at_most_once_per_document() -> None:
    k2 = _sent("a", "슬쩍 숟가락 하나 얹어봤지만 역시 프로의 실력은 다르더군요.", 0, "ko", "p1")
    k3 = _sent(
        "a",
        "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 "
        "한 마음으로 만들어가겠습니다.",
        1,
        "ko",
        "p1",
    )
    post = Post("a", "p1", "ko", "embed", 1, ((0, 10),), author="이재명", handle="Jaemyung_Lee")
    units = {
        "a": [
            _sent("a", "The two leaders later exchanged signed drumsticks.", 0),
            _sent(
                "a",
                "I tried to sneak in a spoon, but as expected a pro's skill is different.",
                1,
                para=1,
            ),
        ],
        "b": [
            _sent(
                "b",
                "Although our tempos were a bit different, we both tried to match the rhythm "
                "- we will create a future-oriented relationship with one heart.",
                0,
            ),
            _sent(
                "b",
                "Even though the beat was a little different, our hearts matched the rhythm; "
                "we will build a forward-looking Korea-Japan relationship with one mind.",
                1,
            ),
        ],
    }
    links = align_story([k2, k3], {("a", "p1"): post}, units, {"ko": KO_LEX}, AlignOptions())
    got = sorted((lk.src[0].index, lk.tgt.doc_id, lk.tgt.index) for lk in links)
    # k3 has two good candidates in b; only the better one is kept (one per document).
    assert got == [(0, "a", 1), (1, "b", 1)]
    assert all(0 <= lk.score <= 1 for lk in links)

    doc_only = align_story(
        [k2, k3], {("a", "p1"): post}, units, {"ko": KO_LEX}, AlignOptions(scope="doc")
    )
    assert [(lk.tgt.doc_id, lk.tgt.index) for lk in doc_only] == [("a", 1)]


def test_nothing_is_linked_below_the_threshold() -> None:
    k3 = _sent("a", "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼", 0, "ko", "p1")
    post = Post("a", "p1", "ko", "embed", 1, ((0, 10),))
    units = {
        "a": [_sent("a", "Lee and Takaichi held a summit in Nara on a cold day in January.", 0)]
    }
    assert align_story([k3], {("a", "p1"): post}, units, {"ko": KO_LEX}, AlignOptions()) == []


def test_quote_attributed_to_the_author_gets_a_bonus() -> None:
    k = _sent("a", "박자는 조금 달라도 리듬 맞추려는 마음은 같았다.", 0, "ko", "p1")
    post = Post("a", "p1", "ko", "embed", 1, ((0, 10),), author="이재명")
    para = "“The beat was a little different but our hearts matched the rhythm of the music,” Lee said."
    quote = para[1 : para.index(",”")]
    units = {
        "a": [
            _sent("a", para, 0, start=0),
            _sent("a", quote, 0, kind="quote", start=1),
        ]
    }
    links = align_story([k], {("a", "p1"): post}, units, {"ko": KO_LEX}, AlignOptions())
    assert len(links) == 1
    assert links[0].tgt.kind == "quote"
    assert "quote:이재명" in links[0].evidence
    off = AlignOptions(disabled=frozenset({"quote"}))
    again = align_story([k], {("a", "p1"): post}, units, {"ko": KO_LEX}, off)
    assert again[0].score < links[0].score
    # A post naming no author takes the speaker of the quote rendering it.
    plain = replace(post, author="")
    inferred = align_story([k], {("a", "p1"): plain}, units, {"ko": KO_LEX}, AlignOptions())
    assert "quote:Lee" in inferred[0].evidence
    assert inferred[0].score == links[0].score
    # Named in English by a lead-in ("President Lee Jae-myung wrote on Facebook:"): the
    # title is no evidence of who speaks, the name is.
    lead_in = replace(post, author="President Lee Jae-myung")
    named = align_story([k], {("a", "p1"): lead_in}, units, {"ko": KO_LEX}, AlignOptions())
    assert "quote:President Lee Jae-myung" in named[0].evidence
    assert named[0].score == links[0].score
    other = replace(post, author="President Yoon Suk Yeol")
    unnamed = align_story([k], {("a", "p1"): other}, units, {"ko": KO_LEX}, AlignOptions())
    assert not any(e.startswith("quote:") for e in unnamed[0].evidence)
    # A full name no lexicon holds: the quote names the author by surname.
    lee = replace(post, author="이수진")
    surname = align_story([k], {("a", "p1"): lee}, units, {"ko": KO_LEX}, AlignOptions())
    assert "quote:이수진" in surname[0].evidence
    park = replace(post, author="박수진")
    other_name = align_story([k], {("a", "p1"): park}, units, {"ko": KO_LEX}, AlignOptions())
    assert not any(e.startswith("quote:") for e in other_name[0].evidence)


def test_a_japanese_author_is_found_by_the_surname_a_lexicon_holds() -> None:
    lex = _lex(
        "ja",
        {"山本": ["Yamamoto"], "カレンダー": ["calendar"], "届く": ["arrive"], "新しい": ["new"]},
        {"山本": "person"},
    )
    j = _sent("a", "新しいカレンダーが届きました。", 0, "ja", "p1")
    post = Post("a", "p1", "ja", "embed", 1, ((0, 10),), author="山本翔太", handle="shota")
    para = "“The new calendars have arrived,” Yamamoto wrote."
    units = {
        "a": [
            _sent("a", para, 0, start=0),
            _sent("a", para[1 : para.index(",”")], 0, kind="quote", start=1),
        ]
    }
    links = align_story([j], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions())
    assert "quote:山本翔太" in links[0].evidence


@pytest.mark.parametrize(
    ("src", "name"),
    [("매케인", "McCain"), ("트럼프", "Trump"), ("カリム", "Karim"), ("바이든", "Biden")],
)
def test_unknown_names_match_by_transliteration(src: str, name: str) -> None:
    lang = "ko" if "가" <= src[0] <= "힣" else "ja"
    text = f"{src} 대통령" if lang == "ko" else f"{src}大統領"
    items = source_items(get_tokenizer(lang).tokenize(text), PairLexicon(lang))
    res = score_pair(
        items, english_tokens(tokenize_english(f"President {name} spoke"), frozenset())
    )
    assert any(e.startswith("translit:") and e.endswith(f"={name.lower()}") for e in res.evidence)


def test_a_soft_c_is_an_s_in_transliteration() -> None:
    items = source_items(get_tokenizer("ja").tokenize("シアリスと同じ薬"), PairLexicon("ja"))
    en = english_tokens(tokenize_english("drugs such as Cialis"), frozenset())
    assert "translit:シアリス=cialis" in score_pair(items, en).evidence
    # A hard c stays a k: Clinton is not 신턴.
    assert skeleton("Cincinnati") == skeleton("신시내티")
    assert skeleton("Clinton") == skeleton("클린턴") != skeleton("신턴")


@pytest.mark.parametrize(
    ("src", "en", "label"),
    [
        # BSD turns: katakana words UniDic gives no English origin, and a name with ッ
        (
            "私は、ドネーションを入れる箱を用意しますね。",
            "I'll find a box for the donation.",
            "translit:ドネーション=donation",
        ),
        (
            "残りはグレッグに任せますね。",
            "I'll have Greg take care of the rest for you.",
            "translit:グレッグ=greg",
        ),
        (
            "社内ニュースレターを始めることについてです。",
            "Yes, about starting internal newsletters.",
            "translit:ニュースレター=newsletters",
        ),
    ],
)
def test_katakana_loanwords_meet_lowercase_english_words(src: str, en: str, label: str) -> None:
    items = source_items(get_tokenizer("ja").tokenize(src), PairLexicon("ja"))
    res = score_pair(items, english_tokens(tokenize_english(en), frozenset()))
    assert label in res.evidence


def test_only_katakana_common_nouns_meet_lowercase_words_by_transliteration() -> None:
    # 카림 and カリム (Karim) have the skeleton of "claim", グレッグ (Greg) that of "charge": a
    # name may meet only a capitalised word. Hangul does not mark loanwords as katakana
    # does, and UniDic tags カリム and グレッグ as proper nouns.
    en = english_tokens(tokenize_english("The claim was rejected by Karim."), frozenset())
    no_name = english_tokens(tokenize_english("The claim was rejected."), frozenset())
    for lang, text, name in (("ko", "카림 대통령", "카림"), ("ja", "カリム大統領", "カリム")):
        items = source_items(get_tokenizer(lang).tokenize(text), PairLexicon(lang))
        assert f"translit:{name}=karim" in score_pair(items, en).evidence
        assert not any(e.startswith("translit:") for e in score_pair(items, no_name).evidence)
    greg = source_items(get_tokenizer("ja").tokenize("グレッグと申します。"), PairLexicon("ja"))
    charge = english_tokens(tokenize_english("Who will be in charge of replying?"), frozenset())
    assert score_pair(greg, charge).evidence == ()
    # A katakana common noun may: ドネーション ↔ "donations".
    donation = source_items(get_tokenizer("ja").tokenize("ドネーションです。"), PairLexicon("ja"))
    gifts = english_tokens(tokenize_english("They were donations."), frozenset())
    assert "translit:ドネーション=donations" in score_pair(donation, gifts).evidence
    # (the small tsu doubles a consonant; anyascii would write it as a "t")
    assert skeleton("マリッサ") == skeleton("Marissa") != skeleton("Maritsa")
    assert skeleton("ドネーション") == skeleton("donation") == skeleton("도네이션")


def test_question_words_meet_only_at_the_head_of_a_question() -> None:
    lex = _lex("ja", {"発売": ["release"], "予定": ["plan"], "会議": ["meeting"]})
    tok = get_tokenizer("ja")

    def score(src: str, en: str) -> tuple[float, tuple[str, ...]]:
        items = source_items(tok.tokenize(src), lex)
        toks = tokenize_english(en)
        feats = english_tokens(toks, frozenset(), asks_question(en, toks, "en"))
        res = score_pair(items, feats)
        return res.score, res.evidence

    got, evidence = score("会議はいつですか？", "When is the meeting?")
    assert set(evidence) == {"会議=meeting", "ask:いつ=when"}
    # A question word that meets its English counterpart never lowers the score.
    assert got >= score("会議ですか？", "When is the meeting?")[0]
    # Not counted as one of the words a rendering must share.
    only = score_pair(
        source_items(tok.tokenize("いつ？"), lex),
        english_tokens(tokenize_english("When?"), frozenset(), True),
    )
    assert only.evidence == ("ask:いつ=when",) and only.content_matched == 0
    # Neither side's question word counts against the other when they do not meet: a
    # yes-no rendering, or a "when" that is no question.
    assert (
        score("会議はいつですか？", "Is the meeting today?")[0]
        == score("会議ですか？", "Is the meeting today?")[0]
    )
    statement = "When the meeting ended, we left."
    assert "ask:いつ=when" not in score("会議はいつですか？", statement)[1]
    # 何か "something" and 誰も "nobody" ask nothing.
    items = source_items(tok.tokenize("何か会議がありますか？"), lex)
    assert not any(i.meets and i.targets[0].kind == "ask" for i in items)
    ko = source_items(get_tokenizer("ko").tokenize("회의는 언제예요?"), PairLexicon("ko"))
    assert [i.key for i in ko if i.meets and i.targets[0].kind == "ask"] == ["언제"]


def test_stop_word_renderings_meet_only_each_other() -> None:
    lex = _lex("ja", {"わかる": ["see"], "会議": ["meeting"], "言う": ["say"]})
    tok = get_tokenizer("ja")
    # Evidence comes from the lexicon: without a row 言う = say there is none.
    bare = _lex("ja", {"わかる": ["see"], "言う": ["tell"]})
    assert not any(i.meets for i in source_items(tok.tokenize("言いたいことわかるよ。"), bare))

    score = partial(_scored, lex)

    said = score("言いたいことわかるよ。", "I see what you are saying.")
    assert set(said.evidence) == {"わかる=see", "stop:言う=say"}
    # It raises the score, but is not one of the words a rendering must share.
    assert said.score > score("わかるよ。", "I see what you are saying.").score
    assert said.content_matched == 1
    # Attribution ("…," he said) renders no saying; an unmatched 言う costs nothing either.
    assert (
        score("会議だ。", "It's the meeting, he said.").score
        == score("会議だ。", "It's the meeting.").score
    )
    assert (
        score("会議だと言った。", "It's the meeting.").score
        == score("会議だ。", "It's the meeting.").score
    )
    # 말+하다 is found as the lexicon's 말하다; 다시 (a light word) = again, 더 = more.
    ko_lex = _lex("ko", {"말하다": ["say"], "다시": ["again"], "더": ["more"]})
    ko = source_items(get_tokenizer("ko").tokenize("다시 말했어요."), ko_lex)
    assert [(i.key, i.meets) for i in ko if i.key] == [("다시", True), ("말하다", True)]
    en = english_tokens(tokenize_english("Let's meet again, she said, once more."), frozenset())
    got = score_pair(source_items(get_tokenizer("ko").tokenize("다시 하자."), ko_lex), en)
    assert set(got.evidence) == {"stop:다시=again"} and got.content_matched == 0
    # The unmet "said" and "more" cost nothing.
    items = source_items(get_tokenizer("ko").tokenize("다시 하자."), ko_lex)
    assert (
        got.score
        == score_pair(
            items, english_tokens(tokenize_english("Let's meet again."), frozenset())
        ).score
    )
    # The acronym US is no pronoun "us": it stays a content word (미국 = US).
    toks = english_tokens(tokenize_english("The U.S. told us."), frozenset())
    assert [(t.form, t.meets) for t in toks] == [("us", False), ("told", False), ("us", True)]
    # A word with renderings of both kinds counts whether its stop word meets or not.
    ja = _lex("ja", {"前": ["front", "before"]})
    item = source_items(tok.tokenize("前に"), ja)[0]
    assert not item.meets and [t.kind for t in item.targets] == ["word", "stop"]


def test_the_number_one_and_counters_count_only_where_the_english_has_them() -> None:
    lex = _lex(
        "ja",
        {"モニター": ["monitor"], "買う": ["buy"], "台": ["unit", "stand"], "回": ["time"]},
    )
    tok = get_tokenizer("ja")

    def items(src: str) -> list[SrcItem]:
        return source_items(tok.tokenize(src), lex)

    score = partial(_scored, lex)

    # 一台 of もう一台 "another": English renders the one by an article, the counter not at all
    by_text = {i.text: i for i in items("モニターをもう一台買っていいですか？")}
    assert by_text["一"].number == "1" and by_text["一"].optional
    assert by_text["台"].optional and not by_text["台"].required
    assert by_text["モニター"].required and not by_text["モニター"].optional
    english = "Can I buy another monitor?"
    assert (
        score("モニターをもう一台買っていいですか？", english).score
        == score("モニターを買っていいですか？", english).score
    )
    # met, they count: the one of "just one" and the "times" of 3回
    assert "#1" in score("一つだけ買う。", "I'll buy just one.").evidence
    got = score("3回買った。", "I bought it three times.")
    assert {"#3", "回=time"} <= set(got.evidence)
    assert got.score > score("3回買った。", "I bought it thrice, at last.").score
    # 台 that follows no number is a noun ("the stand"), a word a rendering must share
    stand = next(i for i in items("台の上に置いた。") if i.text == "台")
    assert stand.required and not stand.optional
    # other numbers stay required: 2 is no article
    two = next(i for i in items("モニターを2台買う。") if i.number)
    assert two.required and not two.optional
    # a counter the lexicon does not know is optional too, not an unknown word that costs
    bare = source_items(tok.tokenize("もう一台買う。"), PairLexicon("ja"))
    assert next(i for i in bare if i.text == "台").optional


def test_negation_meets_negation_and_costs_nothing_otherwise() -> None:
    lex = _lex("ja", {"連絡": ["contact", "hear"], "食べる": ["eat"]})
    tok = get_tokenizer("ja")

    score = partial(_scored, lex)

    # ませ+ん (ん = ぬ) meets the "not" of "haven't".
    got = score("まだ連絡もらっていませんね。", "We haven't heard from them.")
    assert set(got.evidence) == {"連絡=hear", "neg:ぬ=not"} and got.content_matched == 1
    assert got.score > score("連絡もらってるね。", "We haven't heard from them.").score
    # Translators turn negation around: neither side's negation counts against the other.
    assert (
        score("食べないよ。", "I'll eat later.").score
        == score("食べるよ。", "I'll eat later.").score
    )
    assert score("食べるよ。", "I won't eat.").score == score("食べるよ。", "I will eat.").score
    # ない after a noun negates too, in kana or kanji.
    for text, key in (("問題ない。", "ない"), ("時間が無い。", "無い")):
        assert [i.key for i in source_items(tok.tokenize(text), lex) if i.meets] == [key]
    ko = _lex("ko", {"먹다": ["eat"]})
    kt = get_tokenizer("ko")
    for text in ("많이 먹지 않아.", "안 먹어.", "못 먹어.", "학생이 아니다."):
        assert any(
            i.meets and i.targets[0].kind == "neg" for i in source_items(kt.tokenize(text), ko)
        )
    en = english_tokens(tokenize_english("I don't eat much."), frozenset())
    assert (
        "neg:않다=not" in score_pair(source_items(kt.tokenize("많이 먹지 않아."), ko), en).evidence
    )


def test_disabled_evidence_is_not_used() -> None:
    items = source_items(get_tokenizer("ko").tokenize("1942년 탄광"), KO_LEX)
    en = english_tokens(tokenize_english("the 1942 coal mine"), frozenset())
    assert "#1942" in score_pair(items, en).evidence
    assert "#1942" not in score_pair(items, en, frozenset({"names"})).evidence


def test_a_much_longer_english_sentence_is_penalised() -> None:
    src = _sent("a", "미래지향적 한일 관계를 만들겠습니다.", 0, "ko", "p1")
    post = Post("a", "p1", "ko", "embed", 1, ((0, 10),))
    short = "We will build a future-oriented Korea-Japan relationship."
    long = (
        short[:-1] + " while leaders met in Nara, toured the temple, played drums together, "
        "signed an agreement on coal mine remains and promised further talks in Seoul next year."
    )
    units = {"a": [_sent("a", short, 0)], "b": [_sent("b", long, 0)]}
    links = align_story([src], {("a", "p1"): post}, units, {"ko": KO_LEX}, AlignOptions(0.0))
    scores = {lk.tgt.doc_id: lk.score for lk in links}
    assert scores["a"] > 0.8 > 0.2 > scores.get("b", 0.0)
    relaxed = AlignOptions(0.0, disabled=frozenset({"length"}))
    again = {
        lk.tgt.doc_id: lk.score
        for lk in align_story([src], {("a", "p1"): post}, units, {"ko": KO_LEX}, relaxed)
    }
    assert again["b"] > scores.get("b", 0.0)


def test_a_short_source_is_allowed_a_freer_length(monkeypatch: pytest.MonkeyPatch) -> None:
    # 有難う。 is 3 characters, "Thank you for saying that." 22: a ratio of 7 against the
    # usual 2, which a long source pays for (the test above) but a short turn often has.
    lex = _lex("ja", {"有難う": ["thank you"]})
    src = _sent("a", "有難う。", 0, "ja", "p1")
    post = Post("a", "p1", "ja", "embed", 1, ((0, 4),))
    units = {"a": [_sent("a", "Thank you for saying that.", 0)]}

    def score() -> float:
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions(0.0))
        return links[0].score

    assert length_sd(4) > length_sd(10) > length_sd(16) == LENGTH_SD == length_sd(40)
    freer = score()
    monkeypatch.setattr(assign, "SHORT_VARIANCE", 0.0)  # the SD of long sources for all
    assert freer >= 0.4 > score()


@pytest.mark.parametrize("src", ["わぁ、こんなに沢山。", "わあ、こんなに沢山。"])
def test_small_hiragana_vowels_find_the_dictionary_spelling(src: str) -> None:
    lex = _lex("ja", {"わあ": ["wow"], "沢山": ["a lot"], "フォー": ["pho"]})
    res = _scored(lex, src, "Wow that's a lot.")
    assert res.content_matched == 2 and "わあ=wow" in res.evidence
    # katakana keeps its small vowels: フォー is not フオー
    assert _scored(lex, "フォーが好き。", "I like pho.").evidence == ("フォー=pho",)


@pytest.mark.parametrize(
    ("src", "target", "en"),
    [
        # JMdict glosses are British, most news English American, and either way round
        ("頼みがあるんだけど。", "favour", "Could you do me a favor?"),
        ("頼みがあるんだけど。", "favor", "Could you do me a favour?"),
        ("この色が好きです。", "colour", "I like this color."),
    ],
)
def test_british_and_american_spellings_match(src: str, target: str, en: str) -> None:
    lex = _lex("ja", {"頼み": [target], "色": [target]})
    assert any(e in (f"頼み={target}", f"色={target}") for e in _scored(lex, src, en).evidence)


@pytest.mark.parametrize("en", ["It is ten metres long.", "It is ten meters long."])
def test_a_british_loanword_origin_meets_either_spelling(en: str) -> None:
    # UniDic gives メートル the origin "metre", the lemma of "metres" and "meters" alike
    assert _scored(_lex("ja", {}), "10メートルです。", en).evidence == (
        "#10",
        "loan:メートル=metre",
    )


def test_part_of_a_multiword_target_is_weaker_evidence() -> None:
    lex = _lex("ko", {"정상회의": ["summit meeting"], "개최하다": ["hold"]})
    items = source_items(get_tokenizer("ko").tokenize("정상회의를 개최했다"), lex)
    full = score_pair(items, english_tokens(tokenize_english("held a summit meeting"), frozenset()))
    part = score_pair(items, english_tokens(tokenize_english("held a summit"), frozenset()))
    assert "정상회의=summit meeting" in full.evidence
    assert "정상회의~summit meeting" in part.evidence
    assert part.src_cover < full.src_cover


@pytest.mark.parametrize(
    ("lang", "text", "rows", "not_key"),
    [
        # 뜨기도 한다 "also shows up": 뜨/기/도/하다, not 기도하다 "pray"
        (
            "ko",
            "가끔은 발신자의 번호가 부재중 번호로 뜨기도 한다.",
            {"기도하다": ["pray"]},
            "기도하다",
        ),
        # 할 수가 없다: 수/가, not 수가 "medical fee"
        ("ko", "그는 더 이상 참을 수가 없었다.", {"수가": ["medical fee"]}, "수가"),
        # 세속주의의 (…-ism's): 주의 "attention" must not be cut out of 주/의
        ("ko", "그것은 주의 예산이다.", {"주의": ["attention"]}, "주의"),
        # 会議でも: で/も, not でも "but"
        ("ja", "その件は会議でも話しました。", {"でも": ["but"]}, "でも"),
    ],
)
def test_runs_across_particles_and_endings_are_not_words(
    lang: str, text: str, rows: dict[str, list[str]], not_key: str
) -> None:
    items = source_items(get_tokenizer(lang).tokenize(text), _lex(lang, rows))
    assert not_key not in [i.key for i in items]


def test_light_verbs_split_over_tokens_are_not_evidence() -> None:
    # 말했다 is 말/하/었/다: the run 말+하다 is the verb of saying, which only an English
    # "say" meets (not 말 "horse" or "word"); 있다 (있/다) is no word at all.
    lex = _lex("ko", {"말하다": ["tell", "say"], "있다": ["exist"], "정부": ["government"]})
    items = source_items(get_tokenizer("ko").tokenize("정부는 문제가 있다고 말했다."), lex)
    assert [(i.key, i.meets) for i in items if i.key] == [("정부", False), ("말하다", True)]


@pytest.mark.parametrize(
    ("src", "name", "en"),
    [
        ("이라크 보안군", "Iraq", "Iraqi security forces"),
        ("중국 정부", "China", "the Chinese government"),
        ("터키 정부", "Turkey", "the Turkish government"),
    ],
)
def test_place_names_match_their_adjectives(src: str, name: str, en: str) -> None:
    lex = _lex("ko", {src.split()[0]: [name]}, {src.split()[0]: "place"})
    items = source_items(get_tokenizer("ko").tokenize(src), lex)
    res = score_pair(items, english_tokens(tokenize_english(en), frozenset()))
    assert f"name:{src.split()[0]}={name}" in res.evidence
    other = score_pair(items, english_tokens(tokenize_english("Iranian officials"), frozenset()))
    assert not other.evidence


NEWS_LEX = _lex(
    "ko",
    {
        "지도자": ["leader"],
        "역사적": ["historic"],
        "회담": ["talks", "meeting"],
        "마치다": ["complete", "finish"],
        "희망": ["hope"],
        "평양": ["Pyongyang"],
        "해결": ["solution"],
        "긴장": ["tension"],
        "관계": ["relations"],
        "일본": ["Japan"],
        "북한": ["North Korea"],
    },
    {"일본": "place", "북한": "place", "평양": "place"},
)


def test_a_free_translation_sharing_several_words_is_supported() -> None:
    src = _sent(
        "a",
        "50년 이상의 긴장 관계 이후에 해결의 희망을 불러 일으키며, 일본과 북한의 지도자들이 "
        "평양에서 첫번째 역사적인 회담을 마쳤다.",
        0,
        "ko",
        "p1",
    )
    post = Post("a", "p1", "ko", "paragraph", 1, ((0, 10),))
    free = (
        "The leaders of Japan and North Korea have completed the first session of an historic "
        "meeting raising hopes of a breakthrough after more than five decades of tense relations."
    )
    # A report of the same event shares the names and one or two words, not several.
    report = "Japan's prime minister flew to North Korea for talks on the abductions last year."
    units = {"a": [_sent("a", free, 0)], "b": [_sent("b", report, 0)]}
    opts = AlignOptions(0.4)
    links = align_story([src], {("a", "p1"): post}, units, {"ko": NEWS_LEX}, opts)
    assert [lk.tgt.doc_id for lk in links] == ["a"]
    without = AlignOptions(0.4, disabled=frozenset({"support"}))
    plain = align_story([src], {("a", "p1"): post}, units, {"ko": NEWS_LEX}, without)
    assert plain == [] or plain[0].score < links[0].score


@pytest.mark.parametrize("disabled", [(), ("support",)])
def test_two_whole_senses_support_a_loose_rendering(disabled: tuple[str, ...]) -> None:
    src = _sent("a", "その後、私から今回のプロジェクトの概要を簡単にお話しします。", 0, "ja", "p1")
    post = Post("a", "p1", "ja", "paragraph", 1, ((0, 10),))
    units = {
        "a": [
            _sent("a", "Then, I am going to give you a brief introduction of our new project.", 0)
        ]
    }
    rows = {"プロジェクト": ["project"], "簡単": ["brief"], "概要": ["outline"], "話す": ["talk"]}
    # the same two words, one of them through part of a multi-word sense
    part = {**rows, "プロジェクト": ["project team"]}
    opts = AlignOptions(0.45, disabled=frozenset(disabled))
    links = align_story([src], {("a", "p1"): post}, units, {"ja": _lex("ja", rows)}, opts)
    assert bool(links) == (not disabled)
    if links:
        assert links[0].score > 0.45 and links[0].evidence == ("プロジェクト=project", "簡単=brief")
    opts = AlignOptions(0.3, disabled=frozenset(disabled))
    (loose,) = align_story([src], {("a", "p1"): post}, units, {"ja": _lex("ja", part)}, opts)
    assert loose.score < 0.4  # no support: a report shares a word and part of a sense


def test_two_shared_words_of_a_long_sentence_do_not_support_a_report() -> None:
    text = (
        "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 "
        "한 마음으로 만들어가겠습니다."
    )
    src = _sent("a", text, 0, "ko", "p1")
    post = Post("a", "p1", "ko", "paragraph", 1, ((0, 10),))
    report = (
        "Lee said the two countries, which normalized diplomatic ties in 1965, should build "
        "on past reconciliation to shape the next six decades of relations."
    )
    units = {"a": [_sent("a", report, 0)]}

    def score(*disabled: str) -> float:
        opts = AlignOptions(0.0, disabled=frozenset(disabled))
        (link,) = align_story([src], {("a", "p1"): post}, units, {"ko": KO_LEX}, opts)
        assert link.evidence == ("관계=relations", "만들다=build")
        return link.score

    assert score() == score("support") < 0.4


@pytest.mark.parametrize(
    ("target", "english"),
    [("new", "newly made items"), ("happy", "they happily agreed"), ("quick", "it quickly grew")],
)
def test_an_adjective_target_matches_its_adverb(target: str, english: str) -> None:
    lex = _lex("ja", {"新しい": [target]})
    items = source_items(get_tokenizer("ja").tokenize("新しい"), lex)
    res = score_pair(items, english_tokens(tokenize_english(english), frozenset()))
    assert res.evidence == (f"新しい={target}",)
    other = score_pair(items, english_tokens(tokenize_english("the newt lay still"), frozenset()))
    assert other.evidence == ()


CONTEXT_LEXICON = """source\ttarget\tkind\tpos\tweight\torigin
新しい\tnew\tword\tadj\t1.0\tuser
カレンダー\tcalendar\tword\tnoun\t1.0\tuser
届く\tarrive\tword\tverb\t1.0\tuser
今日\ttoday\tword\tnoun\t1.0\tuser
皆さん\teveryone\tword\tnoun\t1.0\tuser
配る\tdistribute\tword\tverb\t1.0\tuser
"""
CONTEXT_POST = "新しいカレンダーが届きました。今日中に皆さんに配ってください。"
RENDERING = (
    "The new calendars have arrived. Please hand them out to everyone by the end of the day."
)
OTHER = "Everyone at the office was surprised by the heavy snow on Monday morning."


def _story_links(  # type: ignore[no-untyped-def]
    story, tmp_path, lexicon: tuple[str, str], files: dict[str, str], *disabled: str
) -> list[Link]:
    """Links of the story ``files`` with only the lexicon (file name, TSV text)."""
    path = tmp_path / lexicon[0]
    path.write_text(lexicon[1], encoding="utf-8")
    config = Config(
        (str(story(files)),),
        str(tmp_path / "out"),
        lexicons=(str(path),),
        shipped_lexicons=False,
        disabled=disabled,
    )
    links, _ = align_all(prepare(config), config)
    return links


def _post_links(  # type: ignore[no-untyped-def]
    story, tmp_path, post: str, body: str, lexicon: str, *disabled: str, **more: str
) -> list[Link]:
    """Links of Tanaka's ``post`` in a.txt above ``body``, with only ``lexicon``, with more
    files of the story (b.txt=…)."""
    files = {"a.txt": f"Tanaka posted on X:\n\n{post}\n\n{body}\n"}
    files.update({f"{name}.txt": f"{text}\n" for name, text in more.items()})
    return _story_links(story, tmp_path, ("office.ja-en.tsv", lexicon), files, *disabled)


def _context_links(story, tmp_path, body: str, *disabled: str) -> list[Link]:  # type: ignore[no-untyped-def]
    return _post_links(story, tmp_path, CONTEXT_POST, body, CONTEXT_LEXICON, *disabled)


def test_a_sentence_beside_its_neighbours_rendering_is_linked_on_one_word(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = f'Tanaka wrote: "{RENDERING}"\n\n{OTHER}'
    links = _context_links(story, tmp_path, body)
    got = {lk.src[0].index: lk for lk in links}
    assert sorted(got) == [0, 1]
    # "everyone" alone would not make a link: the second sentence continues the quotation
    # that renders the first one.
    assert got[1].tgt.text.startswith("Please hand them out to everyone")
    assert "context:quote" in got[1].evidence
    assert "皆さん=everyone" in got[1].evidence
    assert not any(e.startswith("context:") for e in got[0].evidence)


def test_one_word_beside_a_rendering_outside_its_quotation_is_linked_by_context(  # type: ignore[no-untyped-def]
    story, tmp_path
) -> None:
    first, second = RENDERING.split(". ", 1)
    body = f"{first}. {second}\n\n{OTHER}"
    got = {lk.src[0].index: lk for lk in _context_links(story, tmp_path, body)}
    assert sorted(got) == [0, 1]
    assert "context:prev" in got[1].evidence


# Three turns of a dialogue post; the middle one shares no word with its rendering
# ("そうですね" is "Fair enough" here), so only its place can tell.
GAP_LEXICON = (
    CONTEXT_LEXICON
    + "会議\tmeeting\tword\tnoun\t1.0\tuser\n延期\tpostpone\tword\tnoun\t1.0\tuser\n"
)
GAP_POST = "新しいカレンダーが届きました。そうですね。会議は延期しましょう。"
GAP_FIRST = "The new calendars have arrived."
GAP_MIDDLE = "Fair enough."
GAP_LAST = "Let's postpone the meeting."


def _gap_links(story, tmp_path, body: str, **more: str) -> list[Link]:  # type: ignore[no-untyped-def]
    """Links of GAP_POST in a.txt above ``body``, with more files of the story (b.txt=…)."""
    return _post_links(story, tmp_path, GAP_POST, body, GAP_LEXICON, **more)


@pytest.mark.parametrize(
    ("body", "context"),
    [
        # between the renderings of both neighbours
        (f"{GAP_FIRST} {GAP_MIDDLE} {GAP_LAST}\n\n{OTHER}", "between"),
        # the next sentence of the quotation that renders the first turn
        (f'Tanaka wrote: "{GAP_FIRST} {GAP_MIDDLE}"\n\n{OTHER} {GAP_LAST}', "quote"),
    ],
)
def test_position_alone_links_a_sentence_without_shared_words(
    story, tmp_path, body, context
) -> None:  # type: ignore[no-untyped-def]
    got = {lk.src[0].index: lk for lk in _gap_links(story, tmp_path, body)}
    assert sorted(got) == [0, 1, 2]
    assert got[1].tgt.text.rstrip('."') == GAP_MIDDLE.rstrip(".")
    assert f"context:{context}" in got[1].evidence
    assert got[1].score >= 0.5


def test_position_links_a_unit_of_function_words_only(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # 自分でやりました。 as "I did it myself.": no word of it is a content word, so nothing
    # can be shared.
    post = "新しいカレンダーが届きました。自分でやりました。会議は延期しましょう。"
    body = f"{GAP_FIRST} I did it myself. {GAP_LAST}\n\n{OTHER}"
    links = _post_links(story, tmp_path, post, body, GAP_LEXICON)
    got = {lk.src[0].index: lk for lk in links}
    assert sorted(got) == [0, 1, 2]
    assert got[1].tgt.text == "I did it myself." and got[1].evidence == ("context:between",)


@pytest.mark.parametrize(
    ("middle", "linked"),
    [
        # a formula rendered briefly: shorter than a translation usually is, still linked
        ("承知しました。", True),
        # a long turn is not rendered by one word
        ("承知しました、すぐに皆さんに連絡して大きな会議室を押さえておきます。", False),
    ],
)
def test_position_links_a_brief_rendering_of_a_formula(  # type: ignore[no-untyped-def]
    story, tmp_path, middle, linked
) -> None:
    post = f"新しいカレンダーが届きました。{middle}会議は延期しましょう。"
    body = f"{GAP_FIRST} Okay. {GAP_LAST}\n\n{OTHER}"
    links = _post_links(story, tmp_path, post, body, GAP_LEXICON)
    got = {lk.src[0].index: lk.tgt.text for lk in links}
    assert got == (
        {0: GAP_FIRST, 1: "Okay.", 2: GAP_LAST} if linked else {0: GAP_FIRST, 2: GAP_LAST}
    )


@pytest.mark.parametrize(
    # "He" is Tanaka, who spoke last
    ("speaker", "linked"),
    [("Tanaka", True), ("He", True), ("Suzuki", False)],
)
@pytest.mark.parametrize("gap", [" ", "\n\n"])  # in the same paragraph or the next one
def test_a_quote_of_the_author_beside_a_rendering_is_linked_by_position(  # type: ignore[no-untyped-def]
    story, tmp_path, speaker, linked, gap
) -> None:
    middle = "That makes sense to me."  # そうですね, sharing no word
    embed = f"{GAP_POST} pic.twitter.com/a1B2c3D4e5\n— 田中 (@tanaka_office) January 13, 2026"
    body = f'Tanaka wrote: "{GAP_FIRST}"{gap}{speaker} added: "{middle}"\n\n{OTHER} {GAP_LAST}'
    files = {"a.txt": f"{OTHER}\n\n{embed}\n\n{body}\n"}
    links = _story_links(story, tmp_path, ("office.ja-en.tsv", GAP_LEXICON), files)
    got = {lk.src[0].index: lk for lk in links}
    assert sorted(got) == ([0, 1, 2] if linked else [0, 2]), {
        i: (lk.tgt.text, lk.evidence) for i, lk in got.items()
    }
    assert (1 in got) is linked
    if linked:
        assert got[1].tgt.text == middle and "context:quote" in got[1].evidence


@pytest.mark.parametrize(
    "body",
    [
        # beside the first rendering only, as its own sentence: articles put other
        # sentences there too
        f"{GAP_FIRST} {GAP_MIDDLE}\n\n{OTHER} {GAP_LAST}",
        # a quotation of someone else's, not the one rendering the first turn
        f'Tanaka wrote: "{GAP_FIRST}" "{GAP_MIDDLE} We will see," Suzuki added.\n\n{OTHER} {GAP_LAST}',
        # he is Suzuki, who spoke last
        f'Tanaka wrote: "{GAP_FIRST}" Suzuki said the plan was late. "{GAP_MIDDLE} We will see,"'
        f" he added.\n\n{OTHER} {GAP_LAST}",
    ],
)
def test_position_beside_one_rendering_is_not_enough_without_a_shared_word(
    story, tmp_path, body
) -> None:  # type: ignore[no-untyped-def]
    got = {lk.src[0].index for lk in _gap_links(story, tmp_path, body)}
    assert got == {0, 2}


HUNGRY_LEXICON = """source\ttarget\tkind\tpos\tweight\torigin
腹\tstomach\tword\tnoun\t1.0\tuser
減る\tdecrease\tword\tverb\t1.0\tuser
仕事\twork\tword\tnoun\t1.0\tuser
"""
HUNGRY_QUOTE = "\"You can't work if you're hungry!\""


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        # the quote's own sentence names the author with a verb of speech
        (f"Tanaka wrote: {HUNGRY_QUOTE} The canteen opens at noon.", True),
        (f'{HUNGRY_QUOTE[:-2]}," Tanaka said. The canteen opens at noon.', True),
        # someone else says it
        (f"Suzuki wrote: {HUNGRY_QUOTE} The canteen opens at noon.", False),
        # the author is named in the paragraph only: two shared words are needed, and the
        # negation both sides have (できぬ, can't) is the second
        (f"Tanaka said the canteen opens at noon. {HUNGRY_QUOTE}", True),
        # he or she, when the last one named speaking before it is the author, or no one
        # spoke between the post and it
        (f'The canteen opens at noon. {HUNGRY_QUOTE[:-2]}," she said.', True),
        (f"Tanaka posted a photo of lunch. She added: {HUNGRY_QUOTE}", True),
        (f'Suzuki said lunch was late. {HUNGRY_QUOTE[:-2]}," he said.', False),
        (f'"Lunch was late," Suzuki said. She added: {HUNGRY_QUOTE}', False),
    ],
)
def test_a_quote_said_by_the_author_in_its_own_sentence_is_linked_on_one_word(  # type: ignore[no-untyped-def]
    story, tmp_path, body, linked
) -> None:
    links = _post_links(story, tmp_path, "腹が減っては仕事はできぬ！", body, HUNGRY_LEXICON)
    # 腹 and 減る are not rendered word for word: "work" is the one shared word.
    assert [(lk.tgt.text.strip('"!,'), "仕事=work" in lk.evidence) for lk in links] == (
        [("You can't work if you're hungry", True)] if linked else []
    )


@pytest.mark.parametrize(
    ("sibling", "echo"),
    [
        # another outlet reuses the translation, word for word
        (f"{OTHER} {GAP_MIDDLE} The office reopens on Friday.", "Fair enough"),
        # or nearly so (difflib ratio 0.8), or in a quote of its own
        (f"{OTHER} Fair enough, then. The office reopens on Friday.", "Fair enough, then"),
        (f'{OTHER} "Fair enough," Tanaka said. The office reopens on Friday.', "Fair enough"),
        # a translation of its own shares no word with the first and is no echo
        (f"{OTHER} That makes sense to me. The office reopens on Friday.", ""),
    ],
)
def test_an_echo_of_a_linked_rendering_in_another_article_is_linked(  # type: ignore[no-untyped-def]
    story, tmp_path, sibling, echo
) -> None:
    links = _gap_links(
        story, tmp_path, f"{GAP_FIRST} {GAP_MIDDLE} {GAP_LAST}\n\n{OTHER}", b=sibling
    )
    in_b = [lk for lk in links if lk.tgt.doc_id == "b"]
    in_a = {lk.src[0].index: lk for lk in links if lk.tgt.doc_id == "a"}
    # そうですね is rendered between its neighbours' renderings in a.txt …
    assert sorted(in_a) == [0, 1, 2] and "context:between" in in_a[1].evidence
    # … and b.txt repeats that rendering, sharing no word with the source either.
    assert [(lk.src[0].index, lk.tgt.text.strip('",.')) for lk in in_b] == (
        [(1, echo)] if echo else []
    )
    if echo:
        assert "context:echo" in in_b[0].evidence
        assert in_b[0].score >= 0.5


UNDERSTOOD_POST = "新しいカレンダーが届きました。分かりました。会議は延期しましょう。"
UNDERSTOOD_LEXICON = GAP_LEXICON + "分かる\tunderstand\tword\tverb\t1.0\tuser\n"


@pytest.mark.parametrize(
    ("elsewhere", "linked"),
    [
        # Suzuki's quote explains more of its English (0.58) than the rendering between the
        # neighbours' renderings does on its own (0.57, "thanks a lot" is not found), but the
        # rendering's place lifts it well above (0.78): it takes the sentence.
        ("I understand the concern.", "I understand, thanks a lot."),
        # A unit that renders all of the sentence word for word keeps it.
        ("I understand.", "I understand."),
    ],
)
def test_context_displaces_a_weaker_link_of_the_same_sentence(  # type: ignore[no-untyped-def]
    story, tmp_path, elsewhere, linked
) -> None:
    body = (
        f'Suzuki said: "{elsewhere}"\n\n'
        f"{GAP_FIRST} I understand, thanks a lot. {GAP_LAST}\n\n{OTHER}"
    )
    links = _post_links(story, tmp_path, UNDERSTOOD_POST, body, UNDERSTOOD_LEXICON)
    got = {lk.src[0].index: lk for lk in links}
    assert sorted(got) == [0, 1, 2]
    assert got[1].tgt.text.strip('"') == linked
    # Either way the unit left over is not linked to anything else.
    assert len({(lk.tgt.start, lk.tgt.end) for lk in links}) == 3


@pytest.mark.parametrize(
    ("second", "english", "linked"),
    [
        # a question word heading a question of the same kind is a shared word here
        ("いくらですか？", "How much is it?", True),
        # a negation alone is not: both languages have them everywhere
        ("まだ行かなくてもいい。", "I don't know.", False),
    ],
)
def test_beside_a_rendering_a_met_question_word_is_enough_but_not_a_negation(  # type: ignore[no-untyped-def]
    story, tmp_path, second, english, linked
) -> None:
    post = f"新しいカレンダーが届きました。{second}"
    body = f"{GAP_FIRST} {english}\n\n{OTHER}"
    links = _post_links(story, tmp_path, post, body, GAP_LEXICON)
    got = {lk.src[0].index: lk for lk in links}
    assert sorted(got) == ([0, 1] if linked else [0])
    if linked:
        assert got[1].tgt.text == english and "context:prev" in got[1].evidence


def test_context_needs_the_rendering_right_beside(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first, second = RENDERING.split(". ", 1)
    # Another sentence stands between the two renderings: no context, and one shared word
    # is not enough.
    body = f"{first}. {OTHER} {second}"
    assert [lk.src[0].index for lk in _context_links(story, tmp_path, body)] == [0]


def test_context_can_be_disabled(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    body = f'Tanaka wrote: "{RENDERING}"'
    links = _context_links(story, tmp_path, body, "context")
    assert [lk.src[0].index for lk in links] == [0]


@pytest.mark.parametrize(
    ("lang", "text", "asks"),
    [
        ("ja", "今週中に届くかな。", True),
        ("ja", "金曜日でもいいでしょうか。", True),
        ("ja", "何かイベントでもあるんでしょうかね。", True),
        ("ja", "明日の会議に来られますか？", True),
        ("ja", "今週中に届きました。", False),
        ("ja", "わかった、確認してみるね。", False),
        # a listener's "I see" asks nothing, unless written with a question mark
        ("ja", "そうですか。", False),
        ("ja", "ああ、そうでしたか。", False),
        ("ja", "そうなんですか。", False),
        ("ja", "そうですか？", True),
        ("ja", "そうかな。", True),
        ("ja", "行きますか。", True),
        ("ko", "내일 회의에 갈까.", True),
        ("ko", "정말 그런가?", True),
        ("ko", "정말 그런가.", True),
        ("ko", "괜찮으신가요.", True),
        ("ko", "뭐 먹었어.", False),
        ("ko", "내일 회의에 갔다.", False),
        ("en", "I wonder if it will come this week.", True),
        ("en", '"Can you come tomorrow?" she asked.', True),
        ("en", "You can ask him!", False),
        ("en", "It will come this week.", False),
    ],
)
def test_questions_with_and_without_a_question_mark(lang: str, text: str, asks: bool) -> None:
    assert asks_question(text, get_tokenizer(lang).tokenize(text), lang) is asks


def test_a_unit_that_does_not_ask_the_sources_question_is_penalised() -> None:
    lex = _lex("ja", {"明日": ["tomorrow"], "会議": ["meeting"], "来る": ["come"]})
    src = _sent("a", "明日の会議に来られますか？", 0, "ja", "p1")
    post = Post("a", "p1", "ja", "embed", 1, ((0, 13),))
    units = {
        "a": [_sent("a", "Can you come to the meeting tomorrow?", 0)],
        "b": [_sent("b", "I will come to the meeting tomorrow.", 0)],
    }

    def scores(opts: AlignOptions) -> dict[str, Link]:
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, opts)
        return {lk.tgt.doc_id: lk for lk in links}

    got = scores(AlignOptions(0.0))
    assert "unlike:question" in got["b"].evidence
    assert "unlike:question" not in got["a"].evidence
    assert got["b"].score < got["a"].score - 0.05
    off = scores(AlignOptions(0.0, disabled=frozenset({"question"})))
    assert off["b"].score == pytest.approx(off["a"].score, abs=0.01)
    assert "unlike:question" not in off["b"].evidence


@pytest.mark.parametrize(
    ("lang", "text", "agree"),
    [
        ("ja", "でもジュリーが好きなのはフォーでしょ。", True),
        ("ja", "な、久しぶりだろ？", True),
        ("ja", "持ち帰りにすると美味しくないよね？", True),
        ("ja", "金曜日でもいいでしょうか？", False),  # a question
        # a question particle closed by a full stop is often a hedge: "Maybe…", "I think…"
        ("ja", "あとは、テレビ関連の技術でしょうか。", True),
        ("ja", "金曜日でもいいでしょうか。", True),
        # a negated copula asks for agreement
        ("ja", "だけどお金は個人的な事じゃないか。", True),
        ("ja", "結構色んな会社訪問してるじゃないですか？", True),
        ("ja", "行かないか？", False),
        ("ja", "それはいいですね。", False),  # ね alone: a remark
        # A suggestion put as a question: "Shall we get started?" or "Let's go!".
        ("ja", "では始めようか。", True),
        ("ja", "荷物はここに置いて、行こうか。", True),
        ("ja", "JALでも見てみましょうか？", True),
        ("ja", "周りの反応を見てみようかな。", True),
        ("ja", "どうしようか？", False),  # a question word: it asks
        ("ja", "今週中に届くかな？", False),  # not volitional
        ("ko", "이거 맞죠?", True),
        ("ko", "그 회의는 내일이지요.", True),
        ("ko", "정말 좋네요.", False),
        ("en", "But Julie, you only like pho, right?", True),
        ("en", "It's been a long time, you know?", True),
        ("en", '"That is the plan, isn\'t it?" he said.', False),  # the tag is inside a quote
        ("en", "Is that right?", False),
        # any auxiliary and pronoun make a tag: 운이 좋으셨군요 "That was lucky, wasn't it?"
        ("en", "That was lucky, wasn’t it?", True),
        ("en", "You don't mind, do you?", True),
        ("en", "Nice view, don't you think?", True),
        ("en", "Wasn't it lucky?", False),
        # A reported question renders 取り寄せてもらえないかと思って as well as a question.
        ("en", "I was wondering if you can get me a risk assessment report.", True),
        ("en", "So I wanted to ask if we can reschedule the meeting to next week.", True),
        ("en", "I was wondering if you could come over here?", False),  # it asks
        ("en", "I wonder about the weather.", False),
    ],
)
def test_sentences_asking_for_agreement(lang: str, text: str, agree: bool) -> None:
    assert seeks_confirmation(text, get_tokenizer(lang).tokenize(text), lang) is agree


def test_a_sentence_asking_for_agreement_may_be_rendered_as_a_question_or_not() -> None:
    lex = _lex("ja", {"好き": ["like"], "フォー": ["pho"], "明日": ["tomorrow"], "来る": ["come"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 20),))
    units = {
        "a": [_sent("a", "But Julie, you only like pho, right?", 0)],
        "b": [_sent("b", "You only like pho.", 0)],
        "c": [_sent("c", "Will you come tomorrow?", 0)],
    }

    def evidence(text: str) -> dict[str, tuple[str, ...]]:
        src = _sent("a", text, 0, "ja", "p1")
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions(0.0))
        return {lk.tgt.doc_id: lk.evidence for lk in links}

    got = evidence("でもジュリーが好きなのはフォーでしょ。")
    assert "unlike:question" not in got["a"] and "unlike:question" not in got["b"]
    # a plain statement against a real question is still held against it
    assert "unlike:question" in evidence("明日来ます。")["c"]


def test_one_shared_word_does_not_link_a_question_to_a_statement() -> None:
    # BSD: あれでよかった？ ("Was that good enough?") beside "I'm glad I could help!", the
    # English of a neighbouring turn: よかった "glad" alone, and one asks, the other does not.
    lex = _lex("ja", {"よかった": ["glad", "good"], "小林": ["Kobayashi"]}, {"小林": "person"})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 10),), author="高橋結衣")

    def linked(src: str, *english: str, kind: str = "sentence") -> list[str]:
        s = _sent("a", src, 0, "ja", "p1")
        units = {"b": [_sent("b", en, i, kind=kind) for i, en in enumerate(english)]}
        links = align_story([s], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions())
        return [lk.tgt.text for lk in links]

    assert linked("あれでよかった？", "I'm glad I could help!") == []
    # the same word where both state, or both ask, still carries the short sentence
    assert linked("あれでよかった。", "I'm glad I could help!") == ["I'm glad I could help!"]
    assert linked("あれでよかった？", "Was that good?") == ["Was that good?"]
    # a name is no coincidence: 小林君、どうしましたか？ "What is it, Kobayashi-kun."
    assert linked("小林君、どうしましたか？", "What is it, Kobayashi-kun.") == [
        "What is it, Kobayashi-kun."
    ]
    # a quote naming no one is still a coincidence; the author's own quote is not
    assert linked("あれでよかった？", "I'm glad I could help!", kind="quote") == []
    said = 'Takahashi said: "I\'m glad I could help!"'
    opening = said.index('"') + 1
    s = _sent("a", "あれでよかった？", 0, "ja", "p1")
    units = {
        "b": [
            _sent("b", said, 0, start=0),
            _sent("b", said[opening:-1], 0, kind="quote", start=opening),
        ]
    }
    lex.index["高橋"] = [Target("Takahashi", ("takahashi",), 1.0, "name")]
    lex.names["高橋"] = "person"
    links = align_story([s], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions())
    assert [lk.tgt.kind for lk in links] == ["quote"]
    assert "quote:高橋結衣" in links[0].evidence


def test_position_does_not_overrule_clearly_better_evidence() -> None:
    # 昔とは全く違うのは知ってるだろう？ shares "learning" (知る, a minor sense) with the
    # sentence right after the rendering of the post's first sentence: enough beside it,
    # unless the post's third sentence renders that sentence clearly better (学ぶ
    # "learn"), or another sentence of the article renders it clearly better ("It is so
    # different."), even below the threshold.
    words = {"慣れる": ["get used to"], "職場": ["workplace"], "新しい": ["new"]}
    post = Post("a", "p1", "ja", "embed", 1, ((0, 100),), author="石破茂")
    texts = ["新しい職場にはもう慣れたよ。", "昔とは全く違うのは知ってるだろう？"]
    rendered = '"I have got used to the new workplace," Ishiba added.'
    learning = "It has been a learning experience for me as well."

    def renderings(lex: PairLexicon, third: str, *english: str, margin: float) -> list[str]:
        lex.index["知る"] = [
            Target("know", ("know",), 1.0, "word"),
            Target("learn", ("learn",), 0.5, "word"),
        ]
        post_texts = [*texts, third] if third else texts
        srcs = [_sent("a", t, i, "ja", "p1", start=20 * i) for i, t in enumerate(post_texts)]
        units = {"b": [_sent("b", en, i, start=100 * i) for i, en in enumerate(english)]}
        opts = AlignOptions(0.4, rival_margin=margin)
        links = align_story(srcs, {("a", "p1"): post}, units, {"ja": lex}, opts)
        assert [lk.tgt.text for lk in links if lk.src[0].index == 0] == [rendered]
        return [lk.tgt.text for lk in links if lk.src[0].index == 1]

    # the third sentence, 学ぶ "learn" alone (0.45, too little to link), renders it better
    lex = _lex("ja", {**words, "学ぶ": ["learn"], "機会": ["opportunity"]})
    third = "私にとっても学ぶ機会になってるよ。"
    assert renderings(lex, third, rendered, learning, margin=0.2) == []
    assert renderings(lex, third, rendered, learning, margin=1.0) == [learning]
    # a sentence elsewhere in the article renders it better (0.40 against 0.19)
    lex = _lex("ja", {**words, "違う": ["different"]})
    other = ("Prices rose again in Tokyo this week.", "It is so different.")
    assert renderings(lex, "", rendered, learning, *other, margin=0.2) == []
    assert renderings(lex, "", rendered, learning, *other, margin=1.0) == [learning]
    # with no rival, position makes the link
    assert renderings(lex, "", rendered, learning, other[0], margin=0.2) == [learning]


def test_a_reported_question_renders_a_statement_that_hints_at_one() -> None:
    lex = _lex("ja", {"レポート": ["report"], "取り寄せる": ["get"], "今日": ["today"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 40),))
    units = {
        "a": [_sent("a", "I was wondering if you can get me a risk assessment report.", 0)],
        "b": [_sent("b", "Can you get me a risk assessment report today?", 0)],
    }
    src = _sent(
        "a", "リスクアセスメントレポートを今日取り寄せてもらえないかと思って。", 0, "ja", "p1"
    )
    links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions(0.0))
    got = {lk.tgt.doc_id: lk.evidence for lk in links}
    assert "unlike:question" not in got["a"]
    # a real question against the statement is still held against it
    assert "unlike:question" in got["b"]


def test_a_lexicon_noun_in_ing_finds_its_plural() -> None:
    # lemminflect reads "meeting" as the verb "meet" and "meetings" as the noun "meeting";
    # both must come out alike for a lexicon target "meeting" to find the plural.
    lemmas = [t.lemma for t in tokenize_english("a meeting, two meetings, we met, hurt feelings")]
    assert lemmas == ["a", "meet", "two", "meet", "we", "meet", "hurt", "feel"]
    lex = _lex("ja", {"面談": ["meeting"], "年": ["year"]})
    items = source_items(get_tokenizer("ja").tokenize("年に二回面談をしています。"), lex)
    en = english_tokens(tokenize_english("We have meetings twice a year."), frozenset())
    assert set(score_pair(items, en).evidence) == {"面談=meeting", "年=year", "#2"}


WISE_LEXICON = """source\ttarget\tkind\tpos\tweight\torigin
절대\tnever\tword\tadv\t1.0\tuser
감정\tfeeling\tword\tnoun\t1.0\tuser
상하다\thurt\tword\tverb\t1.0\tuser
사람\tperson\tword\tnoun\t1.0\tuser
현명하다\twise\tword\tadj\t1.0\tuser
"""


def test_a_quote_of_two_sentences_is_not_the_rendering_of_one_of_them(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    post = "절대 다른 사람의 감정을 상하게 하지 말아라. 현명한 사람만 사랑니를 가질 수 있다."
    body = '"Never hurt the feelings of others. Only a wise person can have them," Kim said.'
    files = {"a.txt": f"Kim posted on X:\n\n{post}\n\n{body}\n"}
    links = _story_links(story, tmp_path, ("wise.ko-en.tsv", WISE_LEXICON), files)
    got = {lk.src[0].index: lk.tgt.text for lk in links if len(lk.src) == 1}
    # The two-sentence quote shares more words with the first sentence than its first half
    # does, but its second half renders the second sentence.
    assert got == {0: "Never hurt the feelings of others.", 1: "Only a wise person can have them"}


def test_an_interjection_is_not_a_word_the_rendering_must_share() -> None:
    lex = _lex("ja", {"いや": ["no"], "大丈夫": ["okay"], "今日": ["today"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 7),))

    # (one_word_score=1.0: without the allowance for one word carrying a short rendering)
    opts = AlignOptions(0.4, one_word_score=1.0, rare_word_score=1.0)

    def linked(src_text: str) -> list[str]:
        src = _sent("a", src_text, 0, "ja", "p1")
        units = {"a": [_sent("a", "No, it's okay.", 0)]}
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, opts)
        return [lk.tgt.text for lk in links]

    # いや = no is an interjection: 大丈夫 = okay is the one word to share.
    assert linked("いや、大丈夫。") == ["No, it's okay."]
    # 今日 is a word the rendering would have to render too: one shared word is not enough.
    assert linked("今日は大丈夫。") == []


def test_no_as_an_answer_renders_iie_and_aniyo() -> None:
    ja = _lex("ja", {"いいえ": ["no"], "大丈夫": ["fine"]})
    en = english_tokens(tokenize_english("No, I'm fine."), frozenset())
    got = score_pair(source_items(get_tokenizer("ja").tokenize("いいえ、大丈夫です。"), ja), en)
    # Every English word is explained: "No" is no longer a stop word left over.
    assert set(got.evidence) == {"いいえ=no", "大丈夫=fine"} and got.en_cover == 1.0
    # Like any negation, an English "No" the source does not render costs nothing.
    items = source_items(get_tokenizer("ja").tokenize("大丈夫です。"), ja)
    alone = score_pair(items, english_tokens(tokenize_english("I'm fine."), frozenset()))
    assert score_pair(items, en).score == alone.score
    ko = _lex("ko", {"아니요": ["no"], "괜찮다": ["fine"]})
    items = source_items(get_tokenizer("ko").tokenize("아니요, 괜찮아요."), ko)
    en = english_tokens(tokenize_english("No, I'm fine."), frozenset())
    assert set(score_pair(items, en).evidence) == {"아니요=no", "괜찮다=fine"}


def test_adverbs_and_words_the_lexicon_lacks_are_not_words_the_rendering_must_share() -> None:
    lex = _lex("ja", {"ちょっと": ["a little"], "注文": ["order"], "今日": ["today"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 13),))

    def linked(src_text: str, en: str) -> list[str]:
        src = _sent("a", src_text, 0, "ja", "p1")
        units = {"a": [_sent("a", en, 0)]}
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions(0.4))
        return [lk.tgt.text for lk in links]

    # ちょっと is an adverb: 注文 = order is the one word to share.
    assert linked("ちょっと注文しておきますね。", "I'll order some.") == ["I'll order some."]
    # 生花 is not in the lexicon, so no rendering could show it: again one word to share.
    assert linked("生花を注文したの？", "Did you order them?") == ["Did you order them?"]
    # 今日 is a noun the lexicon knows: a rendering would have to show it.
    assert linked("今日注文しておきますね。", "I'll order them.") == []
    items = source_items(get_tokenizer("ja").tokenize("ちょっと生花を注文する。"), lex)
    assert [(i.text, i.required) for i in items] == [
        ("ちょっと", False),
        ("生花", False),
        ("注文", True),
    ]


def test_oclock_is_part_of_the_number_like_the_counter_it_renders() -> None:
    en = english_tokens(tokenize_english("How does ten o'clock sound?"), frozenset())
    assert [(t.form, t.number) for t in en] == [("ten", "10"), ("sound", "")]
    lex = _lex("ja", {"どう": ["how"]})
    items = source_items(get_tokenizer("ja").tokenize("では、10時でどうでしょうか？"), lex)
    res = score_pair(items, en)
    assert "#10" in res.evidence
    # o'clock is not an English word the source fails to explain (0.21 if it were)
    assert res.en_cover > 0.3


def test_one_shared_word_is_enough_when_it_carries_a_short_rendering() -> None:
    lex = _lex("ja", {"水曜日": ["Wednesday"], "空く": ["be free"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 11),))
    src = _sent("a", "水曜日なら空いてるよ。", 0, "ja", "p1")

    def linked(en: str, opts: AlignOptions) -> list[str]:
        units = {"a": [_sent("a", en, 0)]}
        links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, opts)
        return [lk.tgt.text for lk in links]

    short = "I can do Wednesday too."
    # 空く (be free) is not in the English: only 水曜日 is shared, but it carries it.
    assert linked(short, AlignOptions(0.4)) == [short]
    assert linked(short, AlignOptions(0.4, one_word_score=1.0, rare_word_score=1.0)) == []
    # In a long sentence about something else the same word explains too little.
    long = "The meeting on Wednesday was moved to the big hall after the fire drill."
    assert linked(long, AlignOptions(0.0)) == []


def _linked_alone(lex: PairLexicon, src_text: str, en: str) -> list[str]:
    """What a one-sentence Japanese post is linked to in an article of one English unit."""
    post = Post("a", "p1", "ja", "embed", 1, ((0, len(src_text)),))
    src = _sent("a", src_text, 0, "ja", "p1")
    units = {"a": [_sent("a", en, 0)]}
    links = align_story([src], {("a", "p1"): post}, units, {"ja": lex}, AlignOptions(0.4))
    return [lk.tgt.text for lk in links]


def test_a_name_carries_a_short_rendering_when_it_is_all_the_source_has() -> None:
    lex = _lex(
        "ja",
        {"高橋": ["Takahashi"], "李在明": ["Lee Jae-myung"], "首脳会談": ["summit"]},
        names={"高橋": "person", "李在明": "person"},
    )

    linked = partial(_linked_alone, lex)

    # 高橋です。 has nothing to find but the name, and the name is all "I'm Takahashi." says.
    assert linked("高橋です。", "I'm Takahashi.") == ["I'm Takahashi."]
    # A sentence naming him explains too little of itself to render the introduction.
    assert linked("高橋です。", "Takahashi moved the meeting to the big hall on Monday.") == []
    # A source with other words to find is not rendered by its name alone.
    assert linked("李在明と首脳会談。", "I'm Lee Jae-myung.") == []


def test_good_as_the_predicate_carries_a_short_rendering() -> None:
    # いいですね。 "Sounds good.": いい is the predicate here, not the auxiliary of
    # 帰ってもいい "may go home", which renders no "good".
    lex = _lex("ja", {"いい": ["good", "sound good"], "帰る": ["go home"]})

    linked = partial(_linked_alone, lex)

    assert linked("いいですね。", "Sounds good.") == ["Sounds good."]
    items = source_items(get_tokenizer("ja").tokenize("帰ってもいいですか？"), lex)
    assert [i.key for i in items] == ["帰る"]


def test_a_compound_particle_is_no_word_a_rendering_must_share() -> None:
    # について is "about", not 議題 + つく "be lit"; によって is "by", not よって "therefore".
    lex = _lex("ja", {"つく": ["be lit"], "よって": ["therefore"], "議題": ["agenda"]})
    for text in ("来週の議題について話しましょう。", "部署によって違います。"):
        items = source_items(get_tokenizer("ja").tokenize(text), lex)
        assert [i.key for i in items if i.key in ("つく", "よって")] == []
    items = source_items(get_tokenizer("ja").tokenize("議題について。"), lex)
    res = score_pair(items, english_tokens(tokenize_english("About the agenda."), frozenset()))
    assert res.src_cover == 1.0


def test_a_question_word_the_lexicon_holds_as_a_run_still_asks() -> None:
    # UniDic splits どうして into どう+し+て; the lexicon's どうして ("in what way") must not
    # hide the question word "why".
    lex = _lex("ja", {"どうして": ["in what way"], "なんで": ["by what means"]})
    for text in ("どうしてですか？", "なんで？"):
        items = source_items(get_tokenizer("ja").tokenize(text), lex)
        assert [(i.targets[0].text, i.meets) for i in items] == [("why", True)]
    res = score_pair(
        source_items(get_tokenizer("ja").tokenize("どうしてですか？"), lex),
        english_tokens(tokenize_english("Why those?"), frozenset(), True),
    )
    assert res.evidence == ("ask:どうして=why",)


def test_a_run_of_function_words_is_no_word_a_rendering_must_share() -> None:
    # それに "besides" (それ + に) and その時に's 時に "by the way" are conjunctions: they weigh
    # as adverbs do, and a rendering need not show them.
    lex = _lex("ja", {"それに": ["besides"], "時に": ["by the way"], "ガソリン": ["gas"]})
    items = source_items(get_tokenizer("ja").tokenize("それに、毎週ガソリン入れないと。"), lex)
    by_key = {i.key: i for i in items}
    assert by_key["それに"].minor and not by_key["それに"].required
    assert by_key["ガソリン"].required
    items = source_items(get_tokenizer("ja").tokenize("英語版はその時に考えましょう。"), lex)
    assert all(not i.required for i in items if i.key == "時に")


def test_formal_nouns_are_grammar() -> None:
    # はず "should", わけ "it is that", とき "when" (not 朱鷺, the crested ibis), のほう "-er"
    tokens = get_tokenizer("ja").tokenize("明日来るはずです。忙しいときは、早いほうがいいわけ。")
    by_form = {t.form: t for t in tokens}
    assert not any(by_form[w].content for w in ("はず", "とき", "ほう", "わけ"))
    assert by_form["来る"].content


def test_a_letter_naming_a_company_is_evidence() -> None:
    # A社 is "Company A": a capital letter inside an English sentence is a label, kept as
    # written; the article "A" at the head of a sentence and the pronoun "I" are not.
    lex = _lex("ja", {"社": ["company"]})
    items = source_items(get_tokenizer("ja").tokenize("A社のデニスです。"), lex)
    feats = english_tokens(tokenize_english("This is Dennis from Company A."), frozenset())
    assert {"latin:A", "社=company"} <= set(score_pair(items, feats).evidence)
    tokens = tokenize_english("A plan, Plan B, and I said: A day.")
    assert [(t.form, t.content) for t in tokens if len(t.form) == 1] == [
        ("a", False),
        ("b", True),
        ("i", False),
        ("a", False),
    ]


@pytest.mark.parametrize(
    ("body", "linked"),
    [
        ('Tanaka wrote: "Please hand them out to everyone."', True),
        # the author named in the paragraph only: one shared word is not enough
        ('Tanaka said the calendars came. "Please hand them out to everyone."', False),
        ('Suzuki wrote: "Please hand them out to everyone."', False),
    ],
)
def test_a_quote_only_in_the_authors_paragraph_needs_two_shared_words(  # type: ignore[no-untyped-def]
    story, tmp_path, body, linked
) -> None:
    # 皆さん ↔ "everyone" is the one shared word (配る is not rendered "distribute").
    links = _post_links(story, tmp_path, "皆さんに配ってください。", body, CONTEXT_LEXICON)
    assert [lk.tgt.text for lk in links] == (
        ["Please hand them out to everyone."] if linked else []
    )


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ('"Politically, they are not natural allies," Easley said.', "easley"),
        ("Their origins make it unexpected, said Ayumi Teraoka, a professor.", "ayumi teraoka"),
        ("Prime Minister Takaichi wrote on X that the talks went well.", "takaichi"),
        ('"We agreed," he added.', "pronoun"),
        ("The ministry said the talks would resume.", "other"),
        ("The two leaders later exchanged drumsticks.", ""),
    ],
)
def test_the_speaker_of_a_sentence(sentence: str, speaker: str) -> None:
    assert _speaker_of(sentence) == speaker


SHOP_LEXICON = """source\ttarget\tkind\tpos\tweight\torigin
発売\trelease\tword\tnoun\t1.0\tuser
在庫\tstock\tword\tnoun\t1.0\tuser
店\tshop\tword\tnoun\t1.0\tuser
ここ\there\tword\tnoun\t1.0\tuser
"""


@pytest.mark.parametrize(
    ("post", "body", "linked"),
    [
        # one shared word and the question word that heads the English question (店 "shop"
        # is not rendered)
        ("店での発売はいつですか？", "When will the new model finally be released?", True),
        # one shared word only: not enough for a source with two words to find
        ("店での発売はいつですか？", "Nobody knows if the new model will be released.", False),
        # the question word alone makes no rendering
        ("店ではいつですか？", "When will the new model finally be out?", False),
        # one shared word and a negation on both sides
        ("店には在庫がありません。", "Sadly, the new model is not in stock yet.", True),
        ("店には在庫がありません。", "Happily, the new model is in stock again.", False),
        # かもしれない "might" negates nothing
        ("店に在庫があるかもしれない。", "Sadly, the new model is not in stock yet.", False),
        # one shared word and a word the lexicon renders by a stop word ("here")
        ("店の在庫はここにあります。", "The new model is in stock here, in the back room.", True),
        ("店の在庫はここにあります。", "The new model is in stock, in the back room.", False),
    ],
)
def test_a_met_question_word_negation_or_stop_word_is_a_second_shared_word(  # type: ignore[no-untyped-def]
    story, tmp_path, post, body, linked
) -> None:
    files = {"a.txt": f"The company has not said.\n\n{post}\n\n{body}\n"}
    links = _story_links(story, tmp_path, ("office.ja-en.tsv", SHOP_LEXICON), files)
    assert [lk.tgt.text for lk in links] == ([body] if linked else [])


CONCERN_LEXICON = """source\ttarget\tkind\tpos\tweight\torigin
悩み\tconcern\tword\tnoun\t1.0\tuser
質問\tquestion\tword\tnoun\t1.0\tuser
勤務\twork\tword\tnoun\t1.0\tuser
"""


def test_a_piece_of_a_quotation_is_spoken_by_whoever_speaks_the_whole(story, tmp_path) -> None:  # type: ignore[no-untyped-def]
    post = "何かA社での勤務についての悩みや質問はあるかね？特にないです。"
    body = (
        '"Do you have any concerns about working here at Company A, or any questions for me?'
        " No I don't,\" she wrote."
    )
    files = {"a.txt": f"Kono posted on X:\n\n{post}\n\n{body}\n"}
    links = _story_links(story, tmp_path, ("concern.ja-en.tsv", CONCERN_LEXICON), files)
    first = [lk for lk in links if lk.src[0].index == 0]
    assert len(first) == 1
    # "she wrote" stands in the sentence of the second piece, yet attributes the first too:
    # the first piece, not the whole quotation, renders the first sentence.
    assert first[0].tgt.text == (
        "Do you have any concerns about working here at Company A, or any questions for me?"
    )
    assert "quote:Kono" in first[0].evidence


@pytest.mark.parametrize(
    ("lang", "sentence", "rows", "english", "label"),
    [
        (
            "ja",
            "診察結果はまた連絡してもらえるかな？",
            {"連絡する": ["contact"], "連絡": ["call", "contact"], "結果": ["result"]},
            "Can you call me back about the results later?",
            "連絡する=call",
        ),
        (
            "ko",
            "정부는 어제 계획을 발표했다.",
            {"발표하다": ["announce"], "발표": ["statement"], "정부": ["government"]},
            "The government made a statement on its plan yesterday.",
            "발표하다=statement",
        ),
    ],
)
def test_the_verb_of_a_noun_is_rendered_by_the_nouns_translations(
    lang: str, sentence: str, rows: dict[str, list[str]], english: str, label: str
) -> None:
    lex = _lex(lang, rows)
    items = source_items(get_tokenizer(lang).tokenize(sentence), lex)
    verb = next(i for i in items if i.key == label.split("=")[0])
    # the verb's own rows first, then the noun's, each once
    assert [t.text for t in verb.targets][: len(rows[verb.key])] == rows[verb.key]
    assert len({t.text for t in verb.targets}) == len(verb.targets)
    en = english_tokens(tokenize_english(english), frozenset())
    assert label in score_pair(items, en).evidence


@pytest.mark.parametrize(
    "rendering",
    [
        "The new calendars have arrived.",
        # a loose rendering, linked at 0.52 before its speaker is known, names him too
        "The calendars for the sales team have arrived from the printer.",
    ],
)
@pytest.mark.parametrize(
    ("first", "second", "linked"),
    [
        ("Tanaka said in the post:", "Tanaka said.", True),
        # the quote of another speaker is not the author's
        ("Tanaka said in the post:", "Suzuki said.", False),
        # no named speaker renders the post: nobody is its author
        ("The post read:", "Tanaka said.", False),
    ],
)
def test_the_speaker_of_a_posts_rendering_is_the_author_of_a_post_naming_none(  # type: ignore[no-untyped-def]
    story, tmp_path, first, second, linked, rendering
) -> None:
    # A pasted paragraph with no lead-in and no byline: its author is who speaks its
    # rendering, so the one-word quote of the second sentence is the author's.
    body = f'{first} "{rendering}"\n\n{OTHER}\n\n"Please hand them out to everyone," {second}'
    files = {
        "a.txt": f"{OTHER}\n\n新しいカレンダーが届きました。皆さんに配ってください。\n\n{body}\n"
    }
    links = _story_links(story, tmp_path, ("office.ja-en.tsv", CONTEXT_LEXICON), files)
    got = {lk.src[0].index: lk for lk in links}
    assert got[0].tgt.text == rendering
    if linked:
        assert got[1].tgt.text == "Please hand them out to everyone"
        assert "quote:Tanaka" in got[1].evidence
        assert "quote:Tanaka" in got[0].evidence
    else:
        assert 1 not in got


def test_of_two_close_candidates_the_one_sharing_more_words_is_linked() -> None:
    # 大丈夫 "okay" is a main sense, "I'm good" a late one: "Okay, I'll leave that to you."
    # scores a little higher on its one word than "Good, thank you." on two.
    lex = _lex("ja", {"大丈夫": ["okay"], "どうも": ["thank you"]})
    lex.index["大丈夫"].append(Target("I'm good", target_lemmas("I'm good"), 0.3, "word"))
    post = Post("a", "p1", "ja", "embed", 1, ((0, 10),))
    src = _sent("a", "大丈夫です、どうも。", 0, "ja", "p1")
    units = {
        "a": [_sent("a", "Okay, I'll leave that to you.", 0), _sent("a", "Good, thank you.", 30)]
    }

    def linked(opts: AlignOptions) -> list[str]:
        return [
            lk.tgt.text for lk in align_story([src], {("a", "p1"): post}, units, {"ja": lex}, opts)
        ]

    assert linked(AlignOptions(0.4, rank_per_word=0.0)) == ["Okay, I'll leave that to you."]
    assert linked(AlignOptions(0.4)) == ["Good, thank you."]


def test_an_auxiliary_is_no_headword_of_its_form() -> None:
    # the まし of 代わりました is the polite ます, not the adjective まし "better, more"
    lex = _lex("ja", {"まし": ["better", "more"], "代わる": ["take over"]})
    polite = source_items(get_tokenizer("ja").tokenize("お電話代わりました。"), lex)
    assert [i.key for i in polite if i.key] == ["代わる"]
    better = source_items(get_tokenizer("ja").tokenize("こっちの方がましだ。"), lex)
    assert "まし" in [i.key for i in better]


@pytest.mark.parametrize(
    ("text", "key"),
    [("Sato", "sato"), ("Satoh", "sato"), ("Ohno", "ono"), ("Kohno", "kono"), ("Tokyo", "tokyo")],
)
def test_a_romanized_name_is_compared_without_its_long_vowels(text: str, key: str) -> None:
    assert romaji_key(text) == key


def test_a_name_in_kanji_meets_its_english_spelling() -> None:
    # neither 能勢 nor 大野 is in the lexicon: UniDic's readings ノセ and オオノ spell them
    lex = _lex("ja", {"電話": ["call"]})
    res = _scored(lex, "あ、能勢さん、大野です。", "Oh, Nose-san, this is Ohno.")
    assert res.evidence == ("name:能勢=nose", "name:大野=ohno")
    assert _scored(lex, "あ、能勢さん。", "Oh, Nishi-san.").evidence == ()


def test_one_rare_shared_word_carries_a_rendering_a_common_one_does_not() -> None:
    lex = _lex("ja", {"悪夢": ["nightmare"], "仕事": ["job"], "嫌": ["hate"]})
    post = Post("a", "p1", "ja", "embed", 1, ((0, 40),))

    def weak(src: str, en: str, opts: AlignOptions) -> bool:
        s = _sent("a", src, 0, "ja", "p1")
        units = {"a": [_sent("a", en, 0)]}
        (c,) = score_candidates([s], {("a", "p1"): post}, units, {"ja": lex}, opts)
        assert 0.4 <= c.score < 0.55  # one word of two, at about the same coverage
        return c.weak

    nightmare = ("イヤだ、あんな悪夢はもう嫌だー！", "No, way, no more of that nightmare!")
    work = ("仕事はもう嫌だ！", "No more of that job!")
    assert not weak(*nightmare, AlignOptions(0.4))
    assert weak(*work, AlignOptions(0.4))
    assert weak(*nightmare, AlignOptions(0.4, rare_word_score=0.55))

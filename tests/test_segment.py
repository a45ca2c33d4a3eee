from __future__ import annotations

import pytest

from polyseg.segment import quote_spans, segment_document, split_english, split_japanese
from polyseg.tokenize import get_tokenizer
from polyseg.types import Detected, Document


def _texts(text: str, spans: list[tuple[int, int]]) -> list[str]:
    return [text[s:e] for s, e in spans]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. and Japan met on Jan. 13 in Nara. Mr. Lee said 3.5 percent was fine.",
            ["The U.S. and Japan met on Jan. 13 in Nara.", "Mr. Lee said 3.5 percent was fine."],
        ),
        (
            "responses to shared social challenges.The leaders also agreed. Korea.net said so.",
            [
                "responses to shared social challenges.",
                "The leaders also agreed.",
                "Korea.net said so.",
            ],
        ),
        (
            "Dr. Kim arrived. “I fulfilled a lifelong dream today. I've wanted to play.” He smiled.",
            [
                "Dr. Kim arrived.",
                "“I fulfilled a lifelong dream today.",
                "I've wanted to play.”",
                "He smiled.",
            ],
        ),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        # an abbreviation ends the sentence when the next word can only start one
        (
            "She works until 5:00 p.m. I'm going to study in ten minutes, Mom.",
            ["She works until 5:00 p.m.", "I'm going to study in ten minutes, Mom."],
        ),
        (
            "Sales rose in the U.S. The company said so.",
            ["Sales rose in the U.S.", "The company said so."],
        ),
        ("We met at 5 p.m. Monday in Seoul.", ["We met at 5 p.m. Monday in Seoul."]),
        # a single letter is an initial before a surname, and ends a sentence before a word
        # that only starts one
        (
            "It's from Trading company U. Eh, I've heard we closed the deal with Company A. "
            "Thank you as always.",
            [
                "It's from Trading company U.",
                "Eh, I've heard we closed the deal with Company A.",
                "Thank you as always.",
            ],
        ),
        (
            "President George W. Bush met lead researcher Andrew H. Bass of Cornell.",
            ["President George W. Bush met lead researcher Andrew H. Bass of Cornell."],
        ),
        ("No final period here", ["No final period here"]),
    ],
)
def test_split_english(text: str, expected: list[str]) -> None:
    assert _texts(text, split_english(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "韓国の李在明大統領と首脳会談を行いました。両国を取り巻く戦略環境が厳しさを増す中です。",
            [
                "韓国の李在明大統領と首脳会談を行いました。",
                "両国を取り巻く戦略環境が厳しさを増す中です。",
            ],
        ),
        (
            "彼は「今日は晴れ。明日は雨。」と言った。本当？はい",
            ["彼は「今日は晴れ。明日は雨。」と言った。", "本当？", "はい"],
        ),
        ("確認しました。…", ["確認しました。…"]),
        ("（注。補足）本文です！！次", ["（注。補足）本文です！！", "次"]),
    ],
)
def test_split_japanese(text: str, expected: list[str]) -> None:
    assert _texts(text, split_japanese(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "슬쩍 숟가락 하나 얹어봤지만 역시 프로의 실력은 다르더군요.박자는 조금 달라도 리듬 맞추려는 "
            "마음은 같았던 것처럼, 미래지향적 한일 관계도 한 마음으로 만들어가겠습니다.",
            [
                "슬쩍 숟가락 하나 얹어봤지만 역시 프로의 실력은 다르더군요.",
                "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 한 "
                "마음으로 만들어가겠습니다.",
            ],
        ),
        (
            "어설프지만, 그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^",
            ["어설프지만, 그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^"],
        ),
        (
            "이런 행위들은 생산성을 떨어뜨릴 수 있다.IAS에 걸린 사람들은 우울해 한다.",
            ["이런 행위들은 생산성을 떨어뜨릴 수 있다.", "IAS에 걸린 사람들은 우울해 한다."],
        ),
        (
            "누구의 손가락이 버튼 위에 있는가?Jack-O-Lantern을 만드는 풍습은 오래됐다.",
            ["누구의 손가락이 버튼 위에 있는가?", "Jack-O-Lantern을 만드는 풍습은 오래됐다."],
        ),
        ("그는 U.S.A.에서 3.5달러를 냈다.", ["그는 U.S.A.에서 3.5달러를 냈다."]),
    ],
)
def test_split_korean_with_kiwipiepy(text: str, expected: list[str]) -> None:
    tok = get_tokenizer("ko")
    assert _texts(text, tok.split_sentences(text)) == expected


def test_quote_spans_drop_marks_and_trailing_comma() -> None:
    text = (
        "“I tried to sneak in just one spoonful. Even though the beats were off,” Myung said. "
        'He wrote: "Yes we can." She said "ok".'
    )
    assert _texts(text, quote_spans(text)) == [
        "I tried to sneak in just one spoonful. Even though the beats were off",
        "Yes we can.",
        "ok",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the seed article's opening (003)
        (
            "TOKYO -- If diplomacy often hinges on mood as much as policy, South Korea and Japan delivered.",
            "If diplomacy often hinges on mood as much as policy, South Korea and Japan delivered.",
        ),
        ("TOKYO (Kyodo) -- I had to take the bus.", "I had to take the bus."),
        (
            "SEOUL, Jan. 13 (Yonhap) -- President Lee Jae Myung said.",
            "President Lee Jae Myung said.",
        ),
        ('NEW YORK (AP) — "We won," he said.', '"We won," he said.'),
        # not datelines: an acronym in the sentence, a two-letter word, a lowercase sequel
        (
            "NATO — which turned 75 this year — said so.",
            "NATO — which turned 75 this year — said so.",
        ),
        ("US — Japan ties grew.", "US — Japan ties grew."),
        ("Tokyo -- It rained.", "Tokyo -- It rained."),
    ],
)
def test_a_dateline_is_not_part_of_the_first_sentence(text: str, expected: str) -> None:
    doc = Document("d", "story", "d.txt", text, "utf-8")
    units = segment_document(
        Detected(doc, (), ((0, len(text), 1),)), lambda lang, t: [(0, len(t))]
    )[1]
    sentences = [u.text for u in units if u.kind == "sentence"]
    assert sentences == [expected]
    assert text[units[0].start : units[0].end] == expected


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ('"Okay," Kono said.', ["Okay"]),
        ('Watanabe said: "I see."', ["I see."]),
        ("She added: “Ah, yes.”", ["Ah, yes."]),
        ('"Thank you so much," he wrote.', ["Thank you so much"]),
        # scare quotes and quoted terms are no renderings of their own
        ('He called it "fake news" and left the room.', []),
        ('The two leaders agreed on a "future-oriented" partnership, the ministry said today.', []),
    ],
)
def test_short_quotes_are_units_only_as_reported_speech(text: str, quotes: list[str]) -> None:
    doc = Document("d", "story", "d.txt", text, "utf-8")
    units = segment_document(
        Detected(doc, (), ((0, len(text), 1),)), lambda lang, t: [(0, len(t))]
    )[1]
    assert [u.text for u in units if u.kind == "quote"] == quotes

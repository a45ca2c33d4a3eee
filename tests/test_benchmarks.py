"""The quality benchmark's story generator (benchmarks/make_stories.py), on a small dialogue
written for this test: the benchmark itself reads ../shared/data, which tests never do."""

from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))

from make_stories import Corpus, Generator, Person, Segment, corpus_of, source_key

# Two conversations; the second says ありがとうございます！ where the first says
# ありがとうございます。, and each renders it differently.
DIALOGUE = [
    [
        (
            "来週の会議の資料はもう届きましたか？",
            "Have the documents for next week's meeting arrived?",
        ),
        ("はい、今朝届きました。", "Yes, they arrived this morning."),
        ("ありがとうございます。", "Thank you so much."),
        ("会議室は三階の奥の部屋です。", "The meeting room is at the back of the third floor."),
        (
            "駅から会社までは歩いて十分ほどです。",
            "It takes about ten minutes on foot from the station.",
        ),
        ("新しい商品の売り上げは好調です。", "Sales of the new product are going well."),
    ],
    [
        ("工場の見学は何時から始まりますか？", "What time does the factory tour start?"),
        ("午後二時から始まる予定です。", "It is scheduled to start at two in the afternoon."),
        ("ありがとうございます！", "That is very kind of you."),
        ("昼食は近くの食堂で取りましょう。", "Let's have lunch at the cafeteria nearby."),
        ("資料の印刷をお願いできますか？", "Could you print the handouts for me?"),
        ("来月から新しい担当者が来ます。", "A new person will be in charge from next month."),
        ("今年の夏はとても暑かったですね。", "This summer was really hot, wasn't it?"),
        ("営業部の山田さんに伝えておきます。", "I will tell Yamada in the sales department."),
    ],
]

# Article prose around the post (the generator needs more filler than two dialogues hold).
PROSE = [
    f"The {what} in {where} {did} on {day}, officials said."
    for what, where, did in (
        ("council", "Osaka", "met"),
        ("festival", "Sapporo", "opened"),
        ("bridge", "Kobe", "reopened"),
        ("museum", "Nagoya", "closed early"),
        ("market", "Fukuoka", "moved"),
        ("ferry", "Hiroshima", "was delayed"),
    )
    for day in ("Monday", "Tuesday", "Friday", "Sunday", "Saturday")
]


def _corpus() -> Corpus:
    blocks = [
        [Segment(src, en, f"c{b}#{i}") for i, (src, en) in enumerate(conv)]
        for b, conv in enumerate(DIALOGUE)
    ]
    corpus = corpus_of("ja-en", blocks)
    corpus.filler.extend(PROSE)
    return corpus


def test_source_key_ignores_punctuation_and_spacing() -> None:
    assert source_key("ありがとうございます。") == source_key("ありがとうございます！")
    assert source_key("はい、今朝届きました。") == source_key("はい 今朝届きました")
    assert source_key("ありがとうございます。") != source_key("ありがとう。")


def test_a_rendering_of_the_same_words_elsewhere_is_acceptable_not_wrong() -> None:
    corpus = _corpus()
    thanks = {"Thank you so much.", "That is very kind of you."}
    seen = 0
    for seed in range(60):
        story = Generator(corpus, random.Random(seed)).story("s0000")
        strict = {(src, en) for _doc, src, _tdoc, en in story.gold}
        acceptable = {(src, tdoc, en) for _doc, src, tdoc, en in story.acceptable}
        for _doc, src, tdoc, en in story.acceptable:
            # only the other conversation's rendering of the same words, where it was placed
            assert source_key(src) == source_key("ありがとうございます")
            assert en in thanks and (src, en) not in strict
            assert en in story.files[tdoc.rsplit("/", 1)[1] + ".txt"]
        for src in (s for _doc, s, _n in story.sources):
            if source_key(src) != source_key("ありがとうございます"):
                continue
            other = thanks - {en for s, en in strict if s == src}
            for name, text in story.files.items():
                placed = [en for en in other if en in text]
                doc = f"s0000/{name.removesuffix('.txt')}"
                # every placement of the other rendering that is not a gold one is acceptable
                for en in placed:
                    if (src, en) not in strict:
                        assert (src, doc, en) in acceptable
                        seen += 1
    assert seen > 0  # the draws did place the other rendering beside such a post


def test_quoted_distractors_are_attributed_to_someone_else() -> None:
    corpus = _corpus()
    who = Person("鈴木美咲", "Suzuki", "misaki")
    distractors = ["Yes, they arrived this morning.", "It takes about ten minutes on foot."]
    for seed in range(30):
        shown = Generator(corpus, random.Random(seed), 1.0)._shown_distractors(distractors, who)
        for d in distractors:
            quoted = shown[d]
            assert quoted != d and d.rstrip(".") in quoted
            assert quoted.count('"') == 2 or ("\u201c" in quoted and "\u201d" in quoted)
            assert "Suzuki" not in quoted  # never the post's author by name
    # off by default: the distractors stand as they are, and no random number is drawn
    rng = random.Random(5)
    assert Generator(corpus, rng)._shown_distractors(distractors, who) == {
        d: d for d in distractors
    }
    assert rng.random() == random.Random(5).random()


def test_a_corpus_line_without_a_full_stop_does_not_run_into_the_next_sentence() -> None:
    # BSD has such lines; on a page "…and website Will that be it?" would be one sentence
    # to any splitter, while the gold records two.
    website = "So in order to get the report, I'll need the company name, address, and website"
    dialogue = [
        [
            *DIALOGUE[0][:3],
            ("レポートを取り寄せるためには、会社名、住所、ウェブサイトが必要です。", website),
            ("それだけですか？", "Will that be it?"),
            *DIALOGUE[0][3:],
        ],
        DIALOGUE[1],
    ]
    blocks = [
        [Segment(src, en, f"c{b}#{i}") for i, (src, en) in enumerate(conv)]
        for b, conv in enumerate(dialogue)
    ]
    corpus = corpus_of("ja-en", blocks)
    corpus.filler.extend(PROSE)
    placed = 0
    for seed in range(80):
        story = Generator(corpus, random.Random(seed)).story("s0000")
        for text in story.files.values():
            at = text.find(website)
            if at < 0:
                continue
            placed += 1
            after = text[at + len(website) : at + len(website) + 1]
            # a full stop, or the comma and quote mark of a quote ending in it
            assert after in (".", ","), (seed, text[at:])
    assert placed > 0

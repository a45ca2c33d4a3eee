"""Self-training learns only from confident links into at least two documents."""

from __future__ import annotations

from polyseg.align.selftrain import SelfTrainOptions, extend, learn
from polyseg.lexicon import PairLexicon, Target
from polyseg.tokenize import get_tokenizer
from polyseg.types import Link, Sentence

LEX = PairLexicon(
    "ko",
    {
        "정상": [Target("summit", ("summit",), 1.0, "word")],
        "회담": [Target("talks", ("talk",), 1.0, "word")],
        "열다": [Target("hold", ("hold",), 1.0, "word")],
    },
)


def _link(doc: str, src: str, tgt: str, score: float = 0.8) -> Link:
    ko, en = get_tokenizer("ko"), get_tokenizer("en")
    s = Sentence("p", "ko", src, 0, len(src), 0, "p1", tokens=ko.tokenize(src))
    t = Sentence(doc, "en", tgt, 0, len(tgt), 0, tokens=en.tokenize(tgt))
    return Link("p", "p1", "ko", (s,), t, score, ("정상=summit", "회담=talks", "열다=hold"))


SRC = "나라에서 정상 회담을 열었다."
TGT = "The summit talks were held in Nara."


def test_learns_an_unknown_word_that_recurs_across_documents() -> None:
    links = [_link("a", SRC, TGT), _link("b", SRC, TGT)]
    learned = learn(links, {"ko": LEX}, SelfTrainOptions())
    assert ("나라", "nara", 1.0) in learned["ko"]
    bigger = extend({"ko": LEX}, learned, SelfTrainOptions())["ko"]
    assert [t.text for t in bigger.lookup("나라")] == ["nara"]
    assert not LEX.lookup("나라")  # the input lexicon is left as it was


def test_one_document_or_weak_links_teach_nothing() -> None:
    same_doc = [_link("a", SRC, TGT), _link("a", SRC, TGT)]
    assert learn(same_doc, {"ko": LEX}, SelfTrainOptions())["ko"] == []
    weak = [_link("a", SRC, TGT, 0.3), _link("b", SRC, TGT, 0.3)]
    assert learn(weak, {"ko": LEX}, SelfTrainOptions())["ko"] == []

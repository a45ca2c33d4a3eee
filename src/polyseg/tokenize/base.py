"""The interface every tokenizer implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from ..types import Token


class Tokenizer(Protocol):
    lang: str

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """Tokens of ``text`` with offsets into it."""
        ...

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of one line of text."""
        ...

    def versions(self) -> dict[str, str]:
        """Versions of the tokenizer and its dictionary, for provenance."""
        ...


def run_key(tokens: Sequence[Token]) -> str:
    """The lexicon key of a run of tokens: the surfaces, then the last token's lemma
    (발표/했다 → 발표하다, 首脳/会談 → 首脳会談, 行い/ました → 行う)."""
    return "".join(t.form for t in tokens[:-1]) + tokens[-1].lemma


# Tags a run of several tokens cannot start or end with: a word does not begin with a
# particle, an ending, a suffix or a Korean dependent noun (수, 것), and a Korean word does
# not end with a case particle or a final ending. Adverbs in -게, -으로, -마다 (빠르게,
# 결과적으로, 해마다), nouns in -기 (거리두기) and Japanese adverbs (本当に, 実は) end in
# grammar and stay words.
_NO_START = ("J", "E", "XS", "VCP", "VCN", "NNB", "助詞", "助動詞", "接尾辞", "補助記号")
_NO_END = ("JKS", "JKC", "JKG", "JKO", "JC", "EF", "EP", "ETM", "補助記号")


def run_is_word(tokens: Sequence[Token]) -> bool:
    """Whether a run of tokens can be one word of the lexicon.

    Runs across grammar are not words: 뜨기도 한다 "also shows" holds 기+도+하다, not
    기도하다 "pray"; 할 수가 holds 수+가, not 수가 "medical fee"; 会議でも holds で+も, not
    でも "but"; and 있+다 is not 있다 "exist" used as a word.
    """
    if len(tokens) < 2:
        return True
    return not tokens[0].tag.startswith(_NO_START) and not tokens[-1].tag.startswith(_NO_END)

"""Language-specific tokenizers, imported lazily and cached once per process.

kiwipiepy takes about a second and a few hundred MB to start, so each process builds one
tokenizer per (language, user words) and reuses it.
"""

from __future__ import annotations

from collections.abc import Callable

from ..types import Token
from .base import Tokenizer

_CACHE: dict[tuple[str, tuple[tuple[str, str], ...]], Tokenizer] = {}


def get_tokenizer(lang: str, user_words: tuple[tuple[str, str], ...] = ()) -> Tokenizer:
    """The tokenizer for ``lang`` (ko, ja, en) with ``user_words`` ((word, name kind) pairs)."""
    key = (lang, user_words)
    tok = _CACHE.get(key)
    if tok is not None:
        return tok
    if lang == "ko":
        from .korean import KoreanTokenizer

        tok = KoreanTokenizer(user_words)
    elif lang == "ja":
        from .japanese import JapaneseTokenizer

        tok = JapaneseTokenizer(user_words)
    elif lang == "en":
        from .english import EnglishTokenizer

        tok = EnglishTokenizer()
    else:
        raise ValueError(f"no tokenizer for language {lang!r}")
    _CACHE[key] = tok
    return tok


def light_words(lang: str) -> frozenset[str]:
    """Korean or Japanese lemmas that carry too little meaning to be evidence (light verbs,
    verbs of saying, demonstratives); the tokenizers mark them as function words."""
    if lang == "ko":
        from .korean import LIGHT as KO_LIGHT

        return KO_LIGHT
    if lang == "ja":
        from .japanese import LIGHT as JA_LIGHT

        return JA_LIGHT
    return frozenset()


def question_test(lang: str) -> Callable[[tuple[Token, ...]], bool]:
    """Whether the tokens of a sentence of ``lang`` ask a question without a question mark."""
    if lang == "ko":
        from .korean import ends_as_question as ko_question

        return ko_question
    if lang == "ja":
        from .japanese import ends_as_question as ja_question

        return ja_question
    from .english import ends_as_question as en_question

    return en_question


__all__ = ["Tokenizer", "get_tokenizer", "light_words", "question_test"]

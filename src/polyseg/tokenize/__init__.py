"""Language-specific tokenizers, imported lazily and cached once per process.

kiwipiepy takes about a second and a few hundred MB to start, so each process builds one
tokenizer per (language, user words) and reuses it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from types import ModuleType
from typing import cast

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


_MODULES = {"ko": "korean", "ja": "japanese", "en": "english"}


def _module(lang: str) -> ModuleType:
    """The tokenizer module of ``lang`` (ko, ja; anything else: en)."""
    return importlib.import_module(f"{__name__}.{_MODULES.get(lang, 'english')}")


def _language_function(lang: str, name: str) -> Callable[..., bool]:
    """The function ``name`` of the module of ``lang``."""
    return cast("Callable[..., bool]", getattr(_module(lang), name))


def interrogatives(lang: str) -> dict[str, str]:
    """Question words of ``lang`` (lemmas) and the English word that asks the same
    (언제, いつ → when); none for English."""
    return cast("dict[str, str]", getattr(_module(lang), "INTERROGATIVES", {}))


def spelling_variant(lang: str) -> Callable[[str], str]:
    """Another spelling of a surface form of ``lang`` that a lexicon may list instead (わぁ →
    わあ); the form itself where the language has none."""
    return cast("Callable[[str], str]", getattr(_module(lang), "spelling_variant", str))


def name_reading(lang: str) -> Callable[[Token], str]:
    """The romanized reading of a name of ``lang`` written in characters that do not spell
    its sound (能勢 → nose); "" where the language has none."""
    return cast("Callable[[Token], str]", getattr(_module(lang), "name_reading", _no_reading))


def _no_reading(tok: Token) -> str:
    return ""


def negation_test(lang: str) -> Callable[[Token], bool]:
    """Whether a token of ``lang`` negates (ない, 않다, "not")."""
    return _language_function(lang, "negates")


def question_test(lang: str) -> Callable[[tuple[Token, ...]], bool]:
    """Whether the tokens of a sentence of ``lang`` ask a question without a question mark."""
    return _language_function(lang, "ends_as_question")


def confirmation_test(lang: str) -> Callable[[str, tuple[Token, ...]], bool]:
    """Whether a sentence of ``lang`` (its text and tokens) asks the listener to agree: a
    statement put as a question (でしょ, 맞죠, "…, right?")."""
    return _language_function(lang, "seeks_confirmation")


__all__ = [
    "Tokenizer",
    "confirmation_test",
    "get_tokenizer",
    "interrogatives",
    "light_words",
    "name_reading",
    "negation_test",
    "question_test",
    "spelling_variant",
]

"""Unicode script classes of characters, shared by detection and tokenization."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class ScriptCounts:
    hangul: int = 0
    kana: int = 0
    han: int = 0
    latin: int = 0

    @property
    def cjk(self) -> int:
        return self.hangul + self.kana + self.han

    @property
    def letters(self) -> int:
        return self.cjk + self.latin


# Compiled classes count at C speed: lexicon validation counts the scripts of every source
# and target of 110,000 rows. Latin is the ASCII letters and the letters of U+00C0-U+024F.
_HANGUL_RE = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
_KANA_RE = re.compile("[\u3040-\u30ff\u31f0-\u31ff\uff66-\uff9f]")
_HAN_RE = re.compile("[\u4e00-\u9fff\u3400-\u4dbf\uf900-\ufaff]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")


def is_han(ch: str) -> bool:
    return _HAN_RE.fullmatch(ch) is not None


def count_scripts(text: str) -> ScriptCounts:
    return ScriptCounts(
        len(_HANGUL_RE.findall(text)),
        len(_KANA_RE.findall(text)),
        len(_HAN_RE.findall(text)),
        len(_LATIN_RE.findall(text)),
    )


def language_of(text: str, context: str = "") -> str:
    """ko, ja or en by script; Han-only text takes the language of ``context``.

    Han characters alone cannot tell Japanese from Korean (Hanja) or Chinese; a name like
    李在明 inside Japanese prose is Japanese, the same name in a Korean paragraph is Korean.
    """
    sc = count_scripts(text)
    if sc.hangul and sc.hangul >= sc.kana:
        return "ko"
    if sc.kana:
        return "ja"
    if sc.han:
        ctx = count_scripts(context)
        if ctx.hangul > ctx.kana:
            return "ko"
        return "ja"
    return "en"


URL_RE = re.compile(
    r"(?:https?://\S+|(?:pic\.twitter\.com|t\.co|x\.com|twitter\.com)/\S+|www\.\S+)", re.IGNORECASE
)

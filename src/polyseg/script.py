"""Unicode script classes of characters, shared by detection and tokenization."""

from __future__ import annotations

import re
from dataclasses import dataclass


def is_hangul(ch: str) -> bool:
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def is_kana(ch: str) -> bool:
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF or 0xFF66 <= o <= 0xFF9F


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def is_latin(ch: str) -> bool:
    return (ch.isascii() and ch.isalpha()) or (0xC0 <= ord(ch) <= 0x24F and ch.isalpha())


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


def count_scripts(text: str) -> ScriptCounts:
    h = k = c = latin = 0
    for ch in text:
        if is_hangul(ch):
            h += 1
        elif is_kana(ch):
            k += 1
        elif is_han(ch):
            c += 1
        elif is_latin(ch):
            latin += 1
    return ScriptCounts(h, k, c, latin)


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

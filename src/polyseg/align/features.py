"""Evidence items of a source sentence and an English unit.

A source sentence becomes a list of items: runs of tokens found in the lexicon (with their
English targets), numbers and dates normalised to keys (1942년 → #1942, 1월 → month:1),
Latin-script tokens (APEC, BTS), Japanese loanwords with their English origin (ドラム-drum),
and content words the lexicon does not know (which count against coverage). An English unit
becomes its content lemmas with weights and the same number keys.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ..lexicon import PairLexicon, Target
from ..script import count_scripts
from ..tokenize import light_words
from ..tokenize.base import run_is_word, run_key
from ..tokenize.english import LIGHT, lemma_of
from ..types import Token

MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
KANJI_DIGITS = {
    "〇": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000}
MONTH_MARKERS = frozenset({"월", "月"})
# Adverbs and determiners say less about a sentence than nouns and verbs.
MINOR_TAGS = ("MAG", "MM", "副詞", "連体詞")
# A content word the lexicon does not know counts half against coverage: most are gaps of
# the lexicon (or names with no counterpart), not words the English failed to render.
UNKNOWN_WEIGHT = 0.5


@dataclass(frozen=True)
class SrcItem:
    text: str
    weight: float
    key: str = ""  # the lexicon key (dictionary form) that matched
    targets: tuple[Target, ...] = ()
    number: str = ""
    month: str = ""
    latin: str = ""
    origin: str = ""
    name: bool = False
    translit: str = ""  # consonant skeleton of an unknown name (매케인 → mkn)


@dataclass(frozen=True)
class EnTok:
    form: str
    lemma: str
    weight: float
    number: str = ""
    month: str = ""
    name: bool = False
    translit: str = ""  # consonant skeleton of a capitalised word (McCain → mkn)


_SKELETON_PAIRS = (("ph", "f"), ("ck", "k"), ("sh", "s"), ("ch", "c"), ("th", "t"), ("x", "ks"))
# Voicing and l/r are not kept apart by Hangul or katakana transcription of English names.
_SKELETON_MAP = str.maketrans("rfvbdgcqzj", "lppptkkkss", "aeiouywh")


def skeleton(text: str) -> str:
    """A consonant skeleton for comparing a transcribed name with its English spelling.

    매케인 (maekein) and McCain both give mkn; 트럼프 (teuleompeu) and Trump give tlmp.
    """
    from anyascii import anyascii

    s = anyascii(text).lower()
    s = "".join(ch for ch in s if ch.isalpha())
    for a, b in _SKELETON_PAIRS:
        s = s.replace(a, b)
    # A final -er/-or is a vowel in transcription: Clipper → 클리퍼 (keullipeo).
    s = s.rstrip("r")
    s = s.translate(_SKELETON_MAP)
    out: list[str] = []
    for ch in s:
        if not out or out[-1] != ch:
            out.append(ch)
    return "".join(out)


def _name_like(tok: Token) -> bool:
    """An unknown token that may be a transcribed foreign name."""
    if tok.tag == "NNP" or "固有名詞" in tok.tag:
        return True
    return len(tok.form) >= 3 and all(0x30A0 <= ord(c) <= 0x30FF for c in tok.form)


def kanji_number(text: str) -> int | None:
    """十五 → 15, 二千二十六 → 2026; None when ``text`` is not a kanji numeral."""
    if not text or any(c not in KANJI_DIGITS and c not in KANJI_UNITS and c != "万" for c in text):
        return None
    total = 0
    section = 0
    digit = -1
    for c in text:
        if c in KANJI_DIGITS:
            digit = digit * 10 + KANJI_DIGITS[c] if digit >= 0 else KANJI_DIGITS[c]
        elif c in KANJI_UNITS:
            section += (digit if digit > 0 else 1) * KANJI_UNITS[c]
            digit = -1
        else:  # 万
            total += (section + max(digit, 0)) * 10000
            section, digit = 0, -1
    return total + section + max(digit, 0)


def _number_of(tok: Token) -> str:
    form = unicodedata.normalize("NFKC", tok.form).replace(",", "")
    if form.isdigit():
        return str(int(form))
    if tok.tag.startswith("名詞-数詞") or tok.tag == "NR":
        n = kanji_number(form)
        if n is not None:
            return str(n)
    return ""


def _is_number_token(tok: Token) -> bool:
    return tok.tag in ("SN", "NR") or tok.tag.startswith("名詞-数詞")


def source_items(tokens: tuple[Token, ...], lex: PairLexicon) -> list[SrcItem]:
    """Greedy longest-match segmentation of ``tokens`` into evidence items."""
    items: list[SrcItem] = []
    light = light_words(lex.lang)
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if _is_number_token(tok):
            j = i + 1
            while j < n and _is_number_token(tokens[j]) and tokens[j].start == tokens[j - 1].end:
                j += 1
            merged = Token(
                "".join(t.form for t in tokens[i:j]), tok.tag, "", tok.start, tokens[j - 1].end
            )
            num = _number_of(merged)
            if num:
                month = num if j < n and tokens[j].form in MONTH_MARKERS else ""
                items.append(SrcItem(merged.form, 1.0, number=num, month=month))
                i = j + (1 if month else 0)
                continue
        match: tuple[int, str, list[Target]] | None = None
        # Runs longer than the longest key prefix made of their surface forms cannot match.
        last = i + 1
        prefix = tok.form
        while last < min(n, i + lex.max_tokens) and lex.is_prefix(prefix):
            prefix += tokens[last].form
            last += 1
        for j in range(last, i, -1):
            if any(not t.form.strip() for t in tokens[i:j]) or not run_is_word(tokens[i:j]):
                continue
            key = run_key(tokens[i:j])
            targets = lex.lookup(key)
            if not targets and j == i + 1:
                key = tok.form
                targets = lex.lookup(key)
            if targets and (any(t.content for t in tokens[i:j]) or j > i + 1):
                match = (j, key, targets)
                break
        if match is not None and match[1] in light:
            i = match[0]  # 말+하다 is the light verb of saying, as 말하다 alone would be
            continue
        if match is not None:
            j, key, targets = match
            text = "".join(t.form for t in tokens[i:j])
            minor = j == i + 1 and tok.tag.startswith(MINOR_TAGS)
            items.append(
                SrcItem(
                    text,
                    0.6 if minor else 1.0,
                    key=key,
                    targets=tuple(targets),
                    name=all(t.kind == "name" for t in targets),
                    latin=text.lower() if text.isascii() else "",
                )
            )
            i = j
            continue
        if tok.content:
            latin = tok.form.lower() if count_scripts(tok.form).latin and tok.form.isascii() else ""
            weight = (0.6 if tok.tag.startswith(MINOR_TAGS) else 1.0) * UNKNOWN_WEIGHT
            translit = skeleton(tok.form) if not latin and _name_like(tok) else ""
            items.append(
                SrcItem(tok.form, weight, latin=latin, origin=tok.origin, translit=translit)
            )
        i += 1
    return items


@lru_cache(maxsize=65536)
def general_weight(lemma: str) -> float:
    """Rarer words weigh more: 1 below Zipf frequency 5 (summit, rhythm, spoonful), falling
    to 0.3 for the most frequent content words (time, make, think)."""
    from wordfreq import zipf_frequency

    if lemma in LIGHT:
        return 0.3
    return max(0.3, min(1.0, (7.0 - zipf_frequency(lemma, "en")) / 2.0))


def english_tokens(tokens: tuple[Token, ...], common: frozenset[str]) -> list[EnTok]:
    """Content tokens of an English unit with their weights (frequent lemmas count half)."""
    out: list[EnTok] = []
    for t in tokens:
        if not t.content and t.form not in NUMBER_WORDS:
            continue
        weight = min(general_weight(t.lemma), 0.5 if t.lemma in common else 1.0)
        number = ""
        month = ""
        if t.tag == "NUM":
            number = str(int(t.lemma)) if t.lemma.isdigit() else ""
        elif t.form in NUMBER_WORDS:
            number = str(NUMBER_WORDS[t.form])
            weight = min(weight, 0.5)
        if t.form in MONTHS and (t.tag == "CAP" or len(t.form) > 3):
            month = str(MONTHS[t.form])
        name = t.tag in ("CAP", "ACR")
        translit = skeleton(t.form) if t.tag == "CAP" else ""
        out.append(EnTok(t.form, t.lemma, weight, number, month, name, translit))
    return out


def origin_lemma(origin: str) -> str:
    return lemma_of(origin.lower())


def char_length(text: str) -> int:
    """Length in characters without spaces: a Hangul syllable, kana or kanji counts one."""
    return sum(1 for c in text if not c.isspace())


def common_from_counts(df: Counter[str], sentences: int, threshold: float = 0.25) -> frozenset[str]:
    """Lemmas found in more than ``threshold`` of ``sentences`` English sentences (``df``:
    sentence counts per lemma); none for fewer than eight sentences."""
    if sentences < 8:
        return frozenset()
    return frozenset(w for w, c in df.items() if c / sentences > threshold)


def common_lemmas(
    token_lists: Sequence[Sequence[Token]], threshold: float = 0.25
) -> frozenset[str]:
    """Lemmas found in more than ``threshold`` of the English sentences (they count half)."""
    df: Counter[str] = Counter()
    for toks in token_lists:
        df.update({t.lemma for t in toks if t.content})
    return common_from_counts(df, len(token_lists), threshold)

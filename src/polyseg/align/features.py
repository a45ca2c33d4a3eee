"""Evidence items of a source sentence and an English unit.

A source sentence becomes a list of items: runs of tokens found in the lexicon (with their
English targets), numbers and dates normalised to keys (1942년 → #1942, 1월 → month:1),
Latin-script tokens (APEC, BTS), Japanese loanwords with their English origin (ドラム-drum),
and content words the lexicon does not know (which count against coverage). An English unit
becomes its content lemmas with weights and the same number keys.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from ..lexicon import PairLexicon, Target
from ..script import count_scripts
from ..tokenize import (
    confirmation_test,
    interrogatives,
    light_words,
    name_reading,
    negation_test,
    question_test,
    spelling_variant,
)
from ..tokenize.base import run_is_word, run_key
from ..tokenize.english import LIGHT, MEETABLE, NEGATIONS, WH_WORDS, lemma_of
from ..tokenize.english import negates as english_negates
from ..tokenize.japanese import COUNTER_TAG
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
        """zero one two three four five six seven eight nine ten eleven twelve thirteen
        fourteen fifteen sixteen seventeen eighteen nineteen""".split()
    )
} | {
    w: 10 * (i + 2)
    for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())
}
# "twice" renders 二回, 두 번 (the number 2 and a counter of times).
MULTIPLIER_WORDS = {"twice": 2}
# English scale words: "$5.71 billion", "four million", "a hundred".
SCALE_WORDS = {
    "hundred": 100,
    "thousand": 1000,
    "million": 10**6,
    "billion": 10**9,
    "trillion": 10**12,
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
KANJI_UNITS = {"十": 10, "百": 100, "千": 1000, "십": 10, "백": 100, "천": 1000}
# Myriad units: 400万 = 4,000,000; 57억1000만 = 5,710,000,000.
BIG_UNITS = {"万": 10**4, "億": 10**8, "兆": 10**12, "만": 10**4, "억": 10**8, "조": 10**12}
MONTH_MARKERS = frozenset({"월", "月"})
# Hours: English says 17時 and 17시 as "5 o'clock" or "5 pm" as well as 17:00.
HOUR_MARKERS = frozenset({"시", "時"})
# Adverbs and determiners say less about a sentence than nouns and verbs.
MINOR_TAGS = ("MAG", "MM", "副詞", "連体詞")
INTERJECTION_TAGS = ("感動詞", "IC")
# Auxiliaries and endings, whose forms are inflections and no headwords: the まし of
# 代わりました is ます, not the adjective まし "better, more".
INFLECTION_TAGS = ("助動詞", "E")
# A question word followed by one of these is an indefinite: 何か "something", 誰も
# "nobody", 누구나 "anyone", 어디든 "anywhere".
INDEFINITE_MARKS = frozenset(
    {"か", "も", "でも", "든", "든지", "나", "이나", "도", "라도", "이라도"}
)
# Words that count only where both sides have one (``MEET_KINDS``): question words, evidence
# only at the head of an English question ("When will it be out?", "Good, how are you?"),
# where they ask what the source's question word asks; and lexicon targets made of stop
# words (english.MEETABLE: 말하다 = say, 다시 = again, もっと = more), which are in most
# English sentences ("…," Kim said) whether they render anything or not; and negation
# (ない, 않다 ↔ not, no, never), which translators often turn around (忘れないで ↔
# "remember"), so that it is evidence where both sides negate and no penalty otherwise.
MEET_WEIGHT = 0.5
MEET_KINDS = frozenset({"ask", "stop", "neg"})
# The verbs that make a verb of a noun (連絡する, 발표하다).
VERBALIZERS = frozenset({"する", "하다"})
NEGATION_TARGETS = tuple(Target(w, (w,), 1.0, "neg") for w in sorted(NEGATIONS))
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
    # an afternoon hour on the twelve-hour clock (17時 ↔ "5 o'clock", "5 pm")
    hour: str = ""
    latin: str = ""
    origin: str = ""
    name: bool = False
    translit: str = ""  # consonant skeleton of an unknown name (매케인 → mkn)
    # the reading of a name written in kanji, romanized (``romaji_key``): 能勢 → nose
    romaji: str = ""
    # a katakana common noun, whose skeleton may also meet a lowercase English word:
    # Japanese writes loanwords in katakana (ドネーション ↔ donation), Korean does not mark
    # them; a katakana proper noun is a name (カリム, グレッグ), not "claim" or "charge"
    loanword: bool = False
    interjection: bool = False  # いや, うん, 네
    minor: bool = False  # an adverb or determiner (ちょっと, 本当に, 그)
    # counts only where the English has it: the number one, which English mostly renders
    # by an article (もう一台 ↔ "another monitor"; Korean's 한 is a light word), and a
    # Japanese counter after a number (台, 回, 件), which it renders by its noun or not at all
    optional: bool = False

    @property
    def required(self) -> bool:
        """Whether this is one of the words a rendering must share: not a name, an
        interjection, an adverb or a determiner, nor a word the lexicon does not know
        (unless a number, a Latin token or a loanword), which no rendering can show."""
        if self.name or self.interjection or self.minor or self.optional:
            return False
        return bool(self.targets or self.number or self.latin or self.origin)

    @property
    def meets(self) -> bool:
        """Whether this counts only when the English has its counterpart: a question word, a
        negation, a word whose renderings are all stop words (다시 = again), or an
        ``optional`` one."""
        return self.optional or (bool(self.targets) and self.targets[0].kind in MEET_KINDS)


@dataclass(frozen=True)
class EnTok:
    form: str
    lemma: str
    weight: float
    number: str = ""
    month: str = ""
    name: bool = False
    # consonant skeleton of a capitalised word (McCain → mkn) or, for a lowercase content
    # word of four letters or more, of its lemma (donations → tnsn), met only by a katakana
    # word (SrcItem.loanword)
    translit: str = ""
    # counts only when a source item meets it: a question word at the head of a question, a
    # meetable stop word (said, again), a negation (not, never)
    meets: bool = False
    # a name as a romanized Japanese name is compared (``romaji_key``): Ohno → ono
    romaji: str = ""


_SKELETON_PAIRS = (("ph", "f"), ("ck", "k"), ("sh", "s"), ("ch", "c"), ("th", "t"), ("x", "ks"))
# Voicing and l/r are not kept apart by Hangul or katakana transcription of English names.
_SOFT_C_RE = re.compile(r"c(?=[eiy])")
_TION_RE = re.compile(r"(?<=[a-z])[ts]ion")
_SKELETON_MAP = str.maketrans("rfvbdgcqzj", "lppptkkkss", "aeiouywh")


def skeleton(text: str) -> str:
    """A consonant skeleton for comparing a transcribed name with its English spelling.

    매케인 (maekein) and McCain both give mkn; 트럼프 (teuleompeu) and Trump give tlmp.
    """
    from anyascii import anyascii

    # The small tsu doubles the next consonant (ラップトップ ↔ laptop); anyascii writes a "t".
    s = anyascii(text.replace("ッ", "")).lower()
    s = "".join(ch for ch in s if ch.isalpha())
    # -tion and -sion are transcribed as they sound: donation → ドネーション, 퓨전 (fusion).
    s = _TION_RE.sub("shon", s)
    # A soft c is an s: Cialis → 시알리스 (sialliseu), Cincinnati → 신시내티.
    s = _SOFT_C_RE.sub("s", s)
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


def romaji_key(text: str) -> str:
    """A romanized name with long vowels folded, as English spellings drop them: satou and
    Sato → sato, oono and Ohno → ono, toukyou and Tokyo → tokyo."""
    s = re.sub(r"oh(?=[^aeiou]|$)", "o", text.lower().replace("-", ""))
    return s.replace("ou", "o").replace("oo", "o").replace("uu", "u")


def _name_like(tok: Token) -> bool:
    """An unknown token that may be a transcribed foreign name: a proper noun or a katakana
    word. (Korean common nouns no lexicon holds are not: kiwipiepy tags some transcribed
    brand names NNG (레비트라), but without a lexicon every noun is unknown, and their
    skeletons then meet capitalised English words by chance.)"""
    if _proper_noun(tok):
        return True
    return len(tok.form) >= 3 and _katakana(tok.form)


def _proper_noun(tok: Token) -> bool:
    """Tagged a proper noun by kiwipiepy (NNP) or UniDic (名詞-固有名詞-…)."""
    return tok.tag == "NNP" or "固有名詞" in tok.tag


def _katakana(text: str) -> bool:
    return all(0x30A0 <= ord(c) <= 0x30FF for c in text)


_DIGITS_RE = re.compile(r"\d+(?:\.\d+)?")


def cjk_number(text: str) -> int | Decimal | None:
    """The value of a Japanese or Korean numeral, in kanji, Arabic digits or both:
    十五 → 15, 二千二十六 → 2026, 400万 → 4000000, 57억1000만 → 5710000000, 2.5억 → 250000000;
    None when ``text`` is not a numeral."""
    text = unicodedata.normalize("NFKC", text).replace(",", "")
    if not text:
        return None
    total = Decimal(0)
    section = Decimal(0)
    digit: Decimal | None = None
    pos = 0
    while pos < len(text):
        c = text[pos]
        m = _DIGITS_RE.match(text, pos)
        if m:
            digit = Decimal(m.group(0))
            pos = m.end()
            continue
        if c in KANJI_DIGITS:
            d = KANJI_DIGITS[c]
            digit = digit * 10 + d if digit is not None else Decimal(d)
        elif c in KANJI_UNITS:
            section += (digit if digit else 1) * KANJI_UNITS[c]
            digit = None
        elif c in BIG_UNITS:
            total += (section + (digit or 0) or 1) * BIG_UNITS[c]
            section, digit = Decimal(0), None
        else:
            return None
        pos += 1
    value = total + section + (digit or 0)
    return int(value) if value == value.to_integral_value() else value.normalize()


def number_key(value: int | Decimal) -> str:
    """The key numbers are compared by: 1200, 5710000000, 2.5."""
    return str(value)


def _number_of(tok: Token) -> str:
    value = cjk_number(tok.form)
    return "" if value is None else number_key(value)


def _is_number_token(tok: Token) -> bool:
    return tok.tag in ("SN", "NR") or tok.tag.startswith("名詞-数詞")


def source_items(tokens: tuple[Token, ...], lex: PairLexicon) -> list[SrcItem]:
    """Greedy longest-match segmentation of ``tokens`` into evidence items."""
    items: list[SrcItem] = []
    light = light_words(lex.lang)
    ask = interrogatives(lex.lang)
    negates = negation_test(lex.lang)
    variant = spelling_variant(lex.lang)
    reading_of = name_reading(lex.lang)
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
                hour = ""
                if (
                    j < n
                    and tokens[j].form in HOUR_MARKERS
                    and num.isdigit()
                    and 13 <= int(num) < 24
                ):
                    hour = number_key(int(num) - 12)
                one = num == "1" and not month
                weight = MEET_WEIGHT if one else 1.0
                items.append(
                    SrcItem(merged.form, weight, number=num, month=month, hour=hour, optional=one)
                )
                i = j + (1 if month else 0)
                continue
        match: tuple[int, str, list[Target]] | None = None
        # Runs longer than the longest key prefix made of their surface forms cannot match.
        last = i + 1
        prefix = tok.form
        while last < min(n, i + lex.max_tokens) and lex.is_prefix(prefix):
            prefix += tokens[last].form
            last += 1
        # A function word alone (言う, 다시 are light) is no match, but may have rows whose
        # targets are stop words.
        lone: tuple[str, list[Target]] | None = None
        for j in range(last, i, -1):
            if any(not t.form.strip() for t in tokens[i:j]) or not run_is_word(tokens[i:j]):
                continue
            key = run_key(tokens[i:j])
            targets = lex.lookup(key)
            if not targets and j == i + 1 and not tok.tag.startswith(INFLECTION_TAGS):
                key = tok.form
                targets = lex.lookup(key)
                if not targets and (respelled := variant(key)) != key:
                    key, targets = respelled, lex.lookup(respelled)
            if targets and (any(t.content for t in tokens[i:j]) or j > i + 1):
                match = (j, key, targets)
                break
            if targets:
                lone = (key, targets)
        # どう+し+て is the question word どうして "why", as a run of the lexicon.
        wh_end, wh_key = (i + 1, tok.lemma) if match is None else match[:2]
        wh = ask.get(wh_key) if wh_end == i + 1 or wh_key in ask else None
        if wh and not (wh_end < n and tokens[wh_end].form in INDEFINITE_MARKS):
            # いつ, 언제: a question word, which only a question's "when" renders.
            target = Target(wh, (wh,), 1.0, "ask")
            text = "".join(t.form for t in tokens[i:wh_end])
            items.append(SrcItem(text, MEET_WEIGHT, key=wh_key, targets=(target,), minor=True))
            i = wh_end
            continue
        if negates(tok):
            items.append(
                SrcItem(tok.form, MEET_WEIGHT, key=tok.lemma, targets=NEGATION_TARGETS, minor=True)
            )
            i += 1
            continue
        stops: list[Target] = []
        if match is None:
            if lone is not None:
                key = lone[0]
                stops = [t for t in lone[1] if t.kind == "stop"]
            span = i + 1
        else:
            key = match[1]
            stops = [t for t in match[2] if t.kind == "stop"]
            span = match[0]
        if stops and (match is None or key in light or len(stops) == len(match[2])):
            # 言いたいこと ↔ "what you are saying", 다시 ↔ "again": a word rendered by stop
            # words only is evidence where the English has one.
            text = "".join(t.form for t in tokens[i:span])
            items.append(SrcItem(text, MEET_WEIGHT, key=key, targets=tuple(stops), minor=True))
            i = span
            continue
        if match is not None and match[1] in light:
            i = match[0]  # 말+하다 is the light verb of saying, as 말하다 alone would be
            continue
        if match is not None:
            j, key, targets = match
            if j - i > 1 and tokens[j - 1].lemma in VERBALIZERS:
                # 連絡+する: the verb of a noun may be rendered by any of the noun's
                # translations (連絡 "call"), which its own rows may not list.
                noun = lex.lookup(run_key(tokens[i : j - 1]))
                have = {t.text for t in targets}
                targets = [*targets, *(t for t in noun if t.text not in have)]
            text = "".join(t.form for t in tokens[i:j])
            counter = j == i + 1 and tok.tag == COUNTER_TAG
            # A run of function words (それに "besides", それで, 時に of その時に) is a
            # conjunction, as an adverb is: no word a rendering must share.
            minor = (j == i + 1 and tok.tag.startswith(MINOR_TAGS)) or not any(
                t.content for t in tokens[i:j]
            )
            items.append(
                SrcItem(
                    text,
                    0.6 if minor else 1.0,
                    key=key,
                    # stop-word targets last: the item counts whether they meet or not
                    targets=tuple(sorted(targets, key=lambda t: t.kind == "stop")),
                    name=all(t.kind in ("name", "stop") for t in targets),
                    latin=text.lower() if text.isascii() else "",
                    interjection=j == i + 1 and tok.tag.startswith(INTERJECTION_TAGS),
                    minor=minor,
                    optional=counter,
                )
            )
            i = j
            continue
        if tok.content:
            latin = tok.form.lower() if count_scripts(tok.form).latin and tok.form.isascii() else ""
            minor = tok.tag.startswith(MINOR_TAGS)
            weight = (0.6 if minor else 1.0) * UNKNOWN_WEIGHT
            # A name in kanji is spelled in English by its reading (能勢 ↔ Nose), not by
            # the Chinese reading a transcription of its characters would give.
            reading = reading_of(tok)
            translit = ""
            if not latin and _name_like(tok):
                translit = skeleton(reading or tok.form)
            items.append(
                SrcItem(
                    tok.form,
                    weight,
                    latin=latin,
                    origin=tok.origin,
                    translit=translit,
                    romaji=romaji_key(reading) if reading else "",
                    loanword=bool(translit) and _katakana(tok.form) and not _proper_noun(tok),
                    minor=minor,
                    optional=tok.tag == COUNTER_TAG,
                )
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


def _english_number(tokens: tuple[Token, ...], i: int) -> tuple[Decimal | None, int]:
    """The number starting at token ``i`` and the tokens it spans: 27, "four", "$5.71
    billion" (two tokens, 5710000000), "twenty-five" (25), "a hundred" (100), "a hundred
    thousand" (100000, as 10万 is), "two hundred and fifty" (250)."""
    t = tokens[i]
    value: Decimal | None = None
    if t.tag == "NUM":
        try:
            value = Decimal(t.lemma)
        except InvalidOperation:
            return None, 1
        last = "digits"
    elif t.form in NUMBER_WORDS:
        value = Decimal(NUMBER_WORDS[t.form])
        last = "tens" if value >= 20 else "units"
    elif t.form in SCALE_WORDS:
        value = Decimal(SCALE_WORDS[t.form])
        last = "hundred" if t.form == "hundred" else "scale"
    elif t.form in MULTIPLIER_WORDS:
        return Decimal(MULTIPLIER_WORDS[t.form]), 1
    else:
        return None, 1
    total, current = Decimal(0), value
    if last == "scale":
        total, current = value, Decimal(0)
    j = i + 1
    while j < len(tokens):
        form = tokens[j].form
        word = NUMBER_WORDS.get(form)
        if form == "and" and last == "hundred" and j + 1 < len(tokens):
            # two hundred and fifty
            word = NUMBER_WORDS.get(tokens[j + 1].form)
            if not word:
                break
            j += 1
        if word is not None:
            # twenty-five; five after "hundred" or "thousand"; never a zero
            joins = (last == "tens" and word < 10) or last in ("hundred", "scale")
            if not joins or word == 0:
                break
            current += word
            last = "tens" if word >= 20 else "units"
        elif form == "hundred" and last in ("digits", "tens", "units") and current < 100:
            current *= 100
            last = "hundred"
        elif form in SCALE_WORDS and form != "hundred" and last != "scale":
            total += (current or 1) * SCALE_WORDS[form]
            current = Decimal(0)
            last = "scale"
        else:
            break
        j += 1
    return total + current, j - i


def _is_month(tokens: tuple[Token, ...], i: int) -> bool:
    """January, Sept.; "may" only capitalised and next to a number (May 1, 1 May)."""
    t = tokens[i]
    if t.form not in MONTHS or not (t.tag == "CAP" or len(t.form) > 3):
        return False
    if t.form != "may":
        return True
    near = tokens[max(0, i - 1) : i] + tokens[i + 1 : i + 3]
    return any(x.tag == "NUM" for x in near)


def english_tokens(
    tokens: tuple[Token, ...], common: frozenset[str], question: bool = False
) -> list[EnTok]:
    """Content tokens of an English unit with their weights (frequent lemmas count half);
    for a ``question``, also a question word among its first two words."""
    out: list[EnTok] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if question and i < 2 and t.form in WH_WORDS:
            out.append(EnTok(t.form, t.form, MEET_WEIGHT, meets=True))
            i += 1
            continue
        # (not the acronym US, which is no "us")
        if t.tag != "ACR" and (t.form in MEETABLE or t.lemma in MEETABLE or english_negates(t)):
            out.append(EnTok(t.form, t.lemma, MEET_WEIGHT, meets=True))
            i += 1
            continue
        value, span = _english_number(tokens, i)
        month = str(MONTHS[t.form]) if _is_month(tokens, i) else ""
        if not t.content and value is None and not month:
            i += 1
            continue
        weight = min(general_weight(t.lemma), 0.5 if t.lemma in common else 1.0)
        number = ""
        if value is not None:
            number = number_key(int(value) if value == value.to_integral_value() else value)
            if t.tag != "NUM":
                weight = min(weight, 0.5)
        name = t.tag in ("CAP", "ACR") and not month
        # a capitalised word as written (a name), a lowercase one by its lemma (a loanword)
        translit = ""
        if t.tag == "CAP" and not month:
            translit = skeleton(t.form)
        elif t.tag == "W" and t.content and len(t.lemma) >= 4 and not month:
            translit = skeleton(t.lemma)
        romaji = romaji_key(t.form) if name else ""
        out.append(EnTok(t.form, t.lemma, weight, number, month, name, translit, romaji=romaji))
        # "ten o'clock" is the number 10, as 10時 and 10시 are (the counter is no word).
        if value is not None and i + span < len(tokens) and tokens[i + span].form == "o'clock":
            span += 1
        i += span
    return out


def asks_question(text: str, tokens: tuple[Token, ...], lang: str) -> bool:
    """Whether a sentence of ``lang`` asks a question: a question mark, or the words of a
    question without one (届くかな。, 갈까., "I wonder if")."""
    return "?" in text or "？" in text or question_test(lang)(tokens)


def seeks_confirmation(text: str, tokens: tuple[Token, ...], lang: str) -> bool:
    """Whether a sentence of ``lang`` asks the listener to agree (でしょ, 맞죠, "…, right?"),
    suggests (行こうか) or reports a question ("I was wondering if…"): such a sentence renders
    or is rendered by a statement as well as a question, so the question test does not hold
    it against either."""
    return confirmation_test(lang)(text, tokens)


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

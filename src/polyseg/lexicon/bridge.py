"""``polyseg lexicon bridge``: Korean entries from Japanese ones through shared characters.

Most Sino-Korean words are written with the same characters as their Japanese kanji
counterparts (大統領 / 대통령, 外交 / 외교). A Japanese headword of ja-en.tsv is converted
from shinjitai to traditional characters with OpenCC (会談 → 會談, 芸 → 藝), read in Hangul
with the ``hanja`` package (which applies the initial-sound rule: 來年 → 내년) and proposed
with the Japanese entry's English target when the reading is a real Korean word: a source of
ko-en.tsv, or one noun kiwipiepy knows (not an out-of-vocabulary guess), or a compound of
known nouns (수뇌 + 회담), in that order of confidence.

``hanja`` and ``opencc`` are only needed here, so they are imported on first use and a
missing one is reported with the pip extra that installs them.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import PolysegError
from ..script import count_scripts, is_han
from ..types import LexEntry

EXTRA = "lexicon"
PACKAGES = ("hanja", "opencc")
# OpenCC configurations in order of preference: jp2t converts Japanese shinjitai; s2t
# catches the simplifications Japanese shares with simplified Chinese (会 → 會). The
# hanja table reads many shinjitai directly (脳 → 뇌), so a fallback still reads most words.
OPENCC_CONFIGS = ("jp2t", "jp2t.json", "s2t", "s2t.json")
# How sure a reading is the same word: "same" — ko-en has the reading with a translation
# sharing a word with the Japanese entry's; "word" — one noun kiwipiepy knows; "compound" —
# known nouns of two or more syllables each; "homophone?" — ko-en has the reading but with
# unrelated translations, which is mostly another word written with other characters
# (공연 公演 performance vs 共演 co-starring).
CONFIDENCE = {"same": 1.0, "word": 0.8, "compound": 0.6, "homophone?": 0.4}
TIER = ("same", "word", "compound", "homophone?")
# Characters with more than one reading: the hanja table gives one, the word may need another
# (音樂 음악, 敗北 패배, 自轉車 자전거). Variants are tried after the table's reading.
ALT_READINGS = {
    "樂": "악요",
    "率": "율률",
    "北": "배",
    "行": "항",
    "金": "김",
    "便": "변",
    "易": "이",
    "更": "갱",
    "說": "세열",
    "省": "생",
    "殺": "쇄",
    "車": "거",
    "見": "현",
    "參": "삼",
    "切": "체",
    "宅": "댁",
    "暴": "포",
    "否": "비",
    "讀": "두",
    "洞": "통",
    "降": "항",
    "識": "지",
    "狀": "장",
    "拓": "탁",
    "推": "퇴",
    "則": "즉",
    "索": "삭",
    "塞": "새",
    "數": "삭",
    "宿": "수",
    "沈": "심",
    "復": "부",
    "度": "탁",
    "惡": "오",
    "茶": "다",
    "葉": "섭",
    "畫": "획",
    "糖": "탕",
    "布": "보",
}
MAX_VARIANTS = 8


class MissingExtraError(PolysegError):
    """An optional package of the lexicon-building extra is not installed."""


@dataclass(frozen=True)
class BridgeCandidate:
    source: str  # the Korean reading
    target: str
    score: float
    support: int  # Japanese headwords that give this reading and target
    headword: str
    traditional: str
    how: str  # known | word | compound


def _import(name: str) -> Any:
    try:
        return importlib.import_module(name)
    except ImportError:
        raise MissingExtraError(
            f"polyseg lexicon bridge needs the package {name!r}, which is not installed; "
            f"install the lexicon-building extra: pip install 'polyseg[{EXTRA}]' "
            f"(or: pip install {' '.join(PACKAGES)})"
        ) from None


def opencc_converter() -> tuple[Callable[[str], str], str]:
    """A shinjitai → traditional converter and the name of the OpenCC config it uses."""
    opencc = _import("opencc")
    errors: list[str] = []
    for config in OPENCC_CONFIGS:
        try:
            conv = opencc.OpenCC(config)
        except Exception as exc:  # the packages raise different types for a missing config
            errors.append(f"{config}: {exc}")
            continue
        return conv.convert, config.removesuffix(".json")
    raise MissingExtraError(
        f"the installed opencc package has none of the configs {', '.join(OPENCC_CONFIGS)}: "
        + "; ".join(errors)
    )


class Reader:
    """Hangul readings of kanji words (None when a character has no reading)."""

    def __init__(self) -> None:
        self._hanja = _import("hanja")
        self.convert, self.config = opencc_converter()

    def _readable(self, ch: str) -> bool:
        return bool(self._hanja.translate(ch, "substitution") != ch)

    def traditional(self, word: str) -> str:
        converted = self.convert(word)
        if len(converted) != len(word):
            converted = word
        # Per character: the converted form when the hanja table knows it, else the original
        # (OpenCC may map a character to one the table lacks).
        return "".join(
            c if self._readable(c) or not self._readable(o) else o
            for c, o in zip(converted, word, strict=True)
        )

    def reading(self, word: str) -> tuple[str, str] | None:
        """(traditional form, Hangul reading) by the hanja table and the sound rules."""
        variants = self.readings(word)
        return (variants[0][0], variants[0][1]) if variants else None

    def readings(self, word: str) -> list[tuple[str, str]]:
        """The table reading first, then variants with the other readings of a character."""
        trad = self.traditional(word)
        hangul = str(self._hanja.translate(trad, "substitution"))
        sc = count_scripts(hangul)
        if len(hangul) != len(word) or sc.hangul != len(hangul):
            return []
        out = [sound_rules(trad, hangul)]
        for i, ch in enumerate(trad):
            for alt in ALT_READINGS.get(ch, ""):
                for base in list(out):
                    variant = sound_rules(trad, base[:i] + alt + base[i + 1 :])
                    if variant not in out and len(out) < MAX_VARIANTS:
                        out.append(variant)
        return [(trad, h) for h in out]


def _jamo(syllable: str) -> tuple[int, int]:
    """(initial, final) indexes of a Hangul syllable."""
    o = ord(syllable) - 0xAC00
    return o // 588, o % 28


def _with_initial(syllable: str, initial: int) -> str:
    o = ord(syllable) - 0xAC00
    return chr(0xAC00 + initial * 588 + o % 588)


NIEUN, RIEUL, IEUNG = 2, 5, 11
DIGEUT, JIEUT = (3, 4), (12, 13)


def sound_rules(trad: str, hangul: str) -> str:
    """Two spelling rules the character table cannot know, as they depend on neighbours.

    不 is 부 before ㄷ and ㅈ (不動産 부동산, 不足 부족); 列 烈 裂 劣 律 率 lose their ㄹ after
    a vowel or ㄴ (羅列 나열, 比率 비율) and keep it elsewhere (行列 행렬, 效率 → 효율 by the
    first rule's vowel, 確率 확률).
    """
    out = list(hangul)
    for i, ch in enumerate(trad):
        if ch == "不" and i + 1 < len(out) and _jamo(out[i + 1])[0] in (*DIGEUT, *JIEUT):
            out[i] = "부"
        if ch in "列烈裂劣律率" and i > 0:
            initial, _final = _jamo(out[i])
            prev_final = _jamo(out[i - 1])[1]
            if prev_final in (0, 4) and initial in (RIEUL, NIEUN):
                out[i] = _with_initial(out[i], IEUNG)
            elif prev_final not in (0, 4) and initial in (IEUNG, NIEUN):
                out[i] = _with_initial(out[i], RIEUL)
    return "".join(out)


class KoreanWords:
    """Whether a Hangul string is a Korean noun kiwipiepy knows, or a compound of them."""

    def __init__(self) -> None:
        from kiwipiepy import Kiwi

        self._kiwi: Any = Kiwi()

    def kind(self, text: str) -> str:
        tokens = self._kiwi.tokenize(text)
        if not tokens or any(getattr(t, "oov", False) for t in tokens):
            return ""
        if any(str(t.tag) != "NNG" for t in tokens):
            return ""
        if len(tokens) == 1 and tokens[0].form == text:
            return "word"
        # Compounds of two-syllable or longer nouns (수뇌 + 회담); one-syllable pieces are
        # too often a wrong split of a word that does not exist.
        if "".join(t.form for t in tokens) == text and all(len(t.form) >= 2 for t in tokens):
            return "compound"
        return ""


def bridge(
    ja_entries: Sequence[LexEntry],
    ko_entries: Sequence[LexEntry],
    reader: Reader | None = None,
    words: KoreanWords | None = None,
) -> list[BridgeCandidate]:
    """Korean candidates from Japanese kanji entries, best first."""
    reader = reader or Reader()
    words = words or KoreanWords()
    ko_targets: dict[str, set[str]] = {}
    ko_names: set[str] = set()
    for e in ko_entries:
        if e.kind == "name":
            ko_names.add(e.source)
        else:
            ko_targets.setdefault(e.source, set()).add(e.target.lower())
    ja_targets: dict[str, set[str]] = {}
    for e in ja_entries:
        ja_targets.setdefault(e.source, set()).add(e.target.lower())
    found: dict[tuple[str, str], BridgeCandidate] = {}
    support: dict[tuple[str, str], set[str]] = {}
    kinds: dict[str, str] = {}
    for e in ja_entries:
        src = e.source
        # Names are read the Japanese way in Korean (高市 → 다카이치, not 고시).
        if e.kind == "name" or len(src) < 2 or not all(is_han(c) for c in src):
            continue
        best: tuple[int, str, str, str] | None = None  # (tier, how, traditional, reading)
        for trad, hangul in reader.readings(src):
            if hangul in ko_targets:
                shared = _lemmas(ko_targets[hangul]) & _lemmas(ja_targets[src])
                how = "same" if shared else "homophone?"
            else:
                if hangul not in kinds:
                    kinds[hangul] = words.kind(hangul)
                how = kinds[hangul]
            if how and (best is None or TIER.index(how) < best[0]):
                best = (TIER.index(how), how, trad, hangul)
        if best is None:
            continue
        _tier, how, trad, hangul = best
        if hangul in ko_names or e.target.lower() in ko_targets.get(hangul, set()):
            continue
        key = (hangul, e.target.lower())
        support.setdefault(key, set()).add(src)
        score = round(e.weight * CONFIDENCE[how], 3)
        if key not in found or score > found[key].score:
            found[key] = BridgeCandidate(hangul, e.target, score, 0, src, trad, how)
    out = [
        BridgeCandidate(
            c.source, c.target, c.score, len(support[k]), c.headword, c.traditional, c.how
        )
        for k, c in found.items()
    ]
    out.sort(key=lambda c: (-c.score, -c.support, c.source, c.target))
    return out


def _lemmas(targets: set[str]) -> set[str]:
    from ..tokenize.english import content_lemmas

    return {lemma for text in targets for lemma in content_lemmas(text)}


def review_rows(cands: Sequence[BridgeCandidate]) -> list[tuple[str, ...]]:
    return [
        (
            c.source,
            c.target,
            f"{c.score:.3f}",
            str(c.support),
            c.headword,
            f"{c.traditional} = {c.source} ({c.how})",
            "",
        )
        for c in cands
    ]

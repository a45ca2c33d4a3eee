"""Korean: kiwipiepy morphemes with dictionary-form lemmas and character offsets."""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from importlib import metadata
from typing import Any

from ..segment import merge_punct_only, strip_span
from ..types import Token

# Tags whose morphemes carry meaning the aligner can use (kiwipiepy's Sejong-style tags;
# irregular variants such as VV-R share the prefix).
CONTENT_TAGS = frozenset(
    {"NNG", "NNP", "NR", "VV", "VA", "MAG", "MM", "XR", "SL", "SN", "SH", "IC"}
)
VERBAL_TAGS = frozenset({"VV", "VA", "VX", "XSV", "XSA", "VCP", "VCN"})
# Words that carry little evidence: copulas and light verbs, verbs of saying (English
# "say" is a stop word: only a row 말하다 = say meets it), demonstratives and quantifiers,
# grammaticalised nouns and verbs (위하다 "for", 대하다 "about", 때 "when"), and words
# whose usual English renderings are stop words too (많다 "many", 가장 "most", 다시
# "again", 약 "about", 한 "a", 이후 "after"). A lexicon row whose target is a meetable stop
# word (다시 = again) still makes one evidence where the English has it
# (features.MEET_KINDS).
LIGHT = frozenset(
    """하다 되다 있다 없다 않다 이다 같다 것 수 등 더 잘 말하다 밝히다 전하다 그 이 저 이런 그런
    저런 어떤 어느 모든 다른 위하다 대하다 의하다 통하다 관하다 따르다 때 때문 경우 정도 동안 중
    및 또 또한 이번 자신 당시 이날 가지 번 개 명 지다 싶다 많다 가장 다시 없이 못 몇 약 한 매우
    대부분 이후 일부 여부""".split()
)

# Question words and the English word that asks the same.
INTERROGATIVES = {
    "무엇": "what",
    "뭐": "what",
    "무슨": "what",
    "어떤": "what",
    "언제": "when",
    "어디": "where",
    "누구": "who",
    "왜": "why",
    "어떻게": "how",
    "얼마": "how",
    "어느": "which",
}

# Negation: the auxiliaries of 먹지 않다 and 가지 못하다, the adverbs of 안 가다 and 못 가다, and
# the copula 아니다 (학생이 아니다).
NEGATING_AUXILIARIES = frozenset({"않다", "못하다"})
NEGATING_ADVERBS = frozenset({"안", "못"})


def negates(tok: Token) -> bool:
    """Whether ``tok`` negates (않다/못하다 as auxiliaries, 안/못 as adverbs, 아니다)."""
    return (
        (tok.tag == "VX" and tok.lemma in NEGATING_AUXILIARIES)
        or (tok.tag == "MAG" and tok.form in NEGATING_ADVERBS)
        or tok.tag == "VCN"
    )


# Interrogative final endings, for a question without a question mark (갈까., 그런가.,
# 괜찮으신가요., 가니., 먹었냐.); kiwipiepy writes a bare final consonant as a jamo (ᆯ까).
QUESTION_ENDINGS = ("까", "까요", "가", "가요", "니", "냐", "나요")


def _final_ending(tokens: tuple[Token, ...]) -> str:
    """The final ending (EF) the sentence closes with, punctuation aside, or ""."""
    for tok in reversed(tokens):
        if tok.tag.startswith("S"):
            continue
        return tok.form if tok.tag == "EF" else ""
    return ""


def ends_as_question(tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence ends with an interrogative final ending (EF)."""
    return _final_ending(tokens).endswith(QUESTION_ENDINGS)


# Final endings that ask the listener to agree (맞죠, 그렇지요, 알지): a statement put as a
# question, which English renders either way ("That's right, isn't it?", "You know that").
CONFIRMATION_ENDINGS = ("죠", "지요", "지")


def seeks_confirmation(text: str, tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence ends with a final ending that asks for agreement."""
    return _final_ending(tokens) in CONFIRMATION_ENDINGS


# A sentence end glued to the next sentence, which kiwipiepy leaves whole when the next
# one starts with a Latin letter: "수 있다.IAS에 걸린", "있는가?Jack-O-Lantern을".
_GLUED_END_RE = re.compile(r"(?<=[가-힣][.?!])(?=[A-Za-z\"“‘'(])")


def _split_glued(text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [m.start() for m in _GLUED_END_RE.finditer(text, start, end)]
    bounds = [start, *cuts, end]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


class KoreanTokenizer:
    lang = "ko"

    def __init__(self, user_words: tuple[tuple[str, str], ...] = ()) -> None:
        from kiwipiepy import Kiwi

        self._kiwi: Any = Kiwi()
        for word, _kind in user_words:
            # Names from the lexicons stay one token: 다카이치, not 다카/이치.
            self._kiwi.add_user_word(word, "NNP", 0.0)

    def versions(self) -> dict[str, str]:
        out = {"kiwipiepy": metadata.version("kiwipiepy")}
        try:
            out["kiwipiepy_model"] = metadata.version("kiwipiepy_model")
        except metadata.PackageNotFoundError:  # pragma: no cover - bundled model variant
            out["kiwipiepy_model"] = "unknown"
        return out

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        spans = [(s.start, s.end) for s in self._kiwi.split_into_sents(text)]
        spans = [piece for s, e in spans for piece in _split_glued(text, s, e)]
        fixed = [strip_span(text, s, e) for s, e in spans]
        return merge_punct_only(text, [(s, e) for s, e in fixed if e > s])

    def tokenize(self, text: str) -> tuple[Token, ...]:
        return self._convert(self._kiwi.tokenize(text))

    def tokenize_many(self, texts: Sequence[str]) -> list[tuple[Token, ...]]:
        """Tokens of many texts through kiwipiepy's batch call (about twice as fast)."""
        return [self._convert(toks) for toks in self._kiwi.tokenize(list(texts))]

    @staticmethod
    def _convert(kiwi_tokens: Any) -> tuple[Token, ...]:
        out: list[Token] = []
        for t in kiwi_tokens:
            tag = str(t.tag)
            base = tag.split("-")[0]
            lemma = getattr(t, "lemma", "") or t.form
            if base in VERBAL_TAGS and not lemma.endswith("다"):
                lemma += "다"
            content = base in CONTENT_TAGS and lemma not in LIGHT
            out.append(Token(t.form, tag, lemma, t.start, t.start + t.len, content=content))
        return tuple(out)


# Korean surnames and their usual English spellings, for an author whose full name no
# lexicon holds: "— 김현우 (@hyunwoo)" is "Kim" in "…," Kim said. Two-syllable surnames
# first.
SURNAMES = {
    "남궁": ("namgung",),
    "황보": ("hwangbo",),
    "선우": ("sunwoo", "seonu"),
    "제갈": ("jegal",),
    "독고": ("dokgo",),
    "사공": ("sagong",),
    "김": ("kim",),
    "이": ("lee", "yi", "rhee"),
    "박": ("park", "pak", "bak"),
    "최": ("choi", "choe"),
    "정": ("jung", "chung", "jeong"),
    "강": ("kang",),
    "조": ("cho", "jo"),
    "윤": ("yoon", "yun"),
    "장": ("jang", "chang"),
    "임": ("lim", "im", "yim"),
    "한": ("han",),
    "오": ("oh",),
    "서": ("seo", "suh"),
    "신": ("shin", "sin"),
    "권": ("kwon",),
    "황": ("hwang",),
    "안": ("ahn", "an"),
    "송": ("song",),
    "류": ("ryu", "yoo"),
    "유": ("yoo", "yu", "ryu"),
    "홍": ("hong",),
    "전": ("jeon", "chun", "jun"),
    "고": ("ko", "go"),
    "문": ("moon", "mun"),
    "양": ("yang",),
    "손": ("son", "sohn"),
    "배": ("bae",),
    "백": ("baek", "paik"),
    "허": ("heo", "huh"),
    "남": ("nam",),
    "심": ("shim", "sim"),
    "노": ("roh", "noh"),
    "하": ("ha",),
    "곽": ("kwak",),
    "성": ("sung", "seong"),
    "차": ("cha",),
    "주": ("joo", "ju"),
    "우": ("woo",),
    "구": ("koo", "gu"),
    "민": ("min",),
    "나": ("na", "ra"),
    "진": ("jin",),
    "지": ("ji",),
    "엄": ("um", "eom"),
    "변": ("byun", "byeon"),
    "채": ("chae",),
    "원": ("won",),
    "방": ("bang",),
    "천": ("cheon", "chun"),
    "공": ("kong",),
    "현": ("hyun",),
    "함": ("ham",),
    "염": ("yeom",),
    "여": ("yeo",),
    "추": ("choo", "chu"),
    "도": ("do",),
    "석": ("seok",),
    "설": ("seol",),
    "마": ("ma",),
    "길": ("gil",),
    "연": ("yeon",),
    "위": ("wi",),
    "표": ("pyo",),
    "명": ("myung",),
    "기": ("ki",),
    "반": ("ban",),
    "왕": ("wang",),
    "금": ("keum",),
    "옥": ("ok",),
    "육": ("yook",),
    "인": ("in",),
    "맹": ("maeng",),
    "탁": ("tak",),
    "국": ("kook",),
    "은": ("eun",),
    "편": ("pyun",),
    "용": ("yong",),
    "경": ("kyung",),
    "봉": ("bong",),
}
_HANGUL_NAME_RE = re.compile(r"[가-힣]{2,4}")


def surname_spellings(name: str) -> tuple[str, ...]:
    """The English spellings of the surname of a Hangul personal name of two to four
    syllables (김현우 → kim; 이재명 → lee, yi, rhee; 남궁민 → namgung), or ()."""
    if not _HANGUL_NAME_RE.fullmatch(name):
        return ()
    for size in (2, 1):
        if len(name) > size and name[:size] in SURNAMES:
            return SURNAMES[name[:size]]
    return ()

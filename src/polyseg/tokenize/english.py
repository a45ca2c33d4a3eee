"""English: lower-cased word tokens with a dictionary lemma (lemminflect), offsets kept."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from importlib import metadata

from breame.data.spelling_constants import BRITISH_ENGLISH_SPELLINGS as _BRITISH

from ..types import Token

# Hyphenated words split into parts so that "Jae-myung" and "Jae Myung" tokenize alike.
WORD_RE = re.compile(
    r"(?:[A-Z]\.){2,}|\d+(?:[.,]\d+)*(?:st|nd|rd|th)?\b|\d+(?:[.,]\d+)*|[A-Za-z]+(?:['’][A-Za-z]+)?"
)
ORDINAL_RE = re.compile(r"(?<=\d)(?:st|nd|rd|th)$")
# Contractions are a function word glued to another ("I'm", "can't", "they'll"): split, so
# that neither counts as a content word the source failed to render.
CONTRACTION_RE = re.compile(r"^([a-z]+?)(n't|'m|'re|'ve|'ll|'d)$")
CONTRACTED = {"n't": "not", "'m": "am", "'re": "are", "'ve": "have", "'ll": "will", "'d": "would"}
# The verb of a negative contraction whose spelling changes: can't, won't, shan't, ain't.
NEGATED_BASES = {"ca": "can", "wo": "will", "sha": "shall", "ai": "be"}
STOPWORDS = frozenset(
    """
    a an the and or but nor so yet for of in on at to from by with without into onto upon
    about above below over under between among through during before after since until while
    as than then that this these those there here where when why how what which who whom
    whose i me my mine we us our ours you your yours he him his she her hers it its they
    them their theirs myself ourselves yourself himself herself itself themselves is are was
    were be been being am do does did done doing have has had having will would shall should
    can could may might must not no nor if else also just only very too such own same other
    some any each every all both either neither more most much many few several quite rather
    s t ll ve re d m ’s 's one’s whether because although though even ever once again
    further out up down off said say says saying according per via against within along
    across around behind beyond near toward towards
    """.split()
)
# Japanese honorifics English keeps after a name ("Nose-san", "Kobayashi-kun").
HONORIFICS = frozenset({"san", "kun", "sama", "chan"})
# Common verbs and adverbs that agree with almost any sentence; they count half.
LIGHT = frozenset(
    """
    make made get got go went come came take took give gave put set keep kept let see saw
    seen know knew think thought want like well new way thing time year day also still now
    just really lot
    """.split()
)

# "No" as an answer ("No, never.", "Nope."): a word of its own, as "yes" is, that renders
# いいえ and 아니요 ("No not at all." too); "no" before a noun ("No one knew") stays a stop
# word.
_ANSWER_NO_RE = re.compile(
    r"(?:no|nope)(?=\s*(?:[,.!;:\u2026\"\u201d]|$)|\s+(?:no|not)\b)", re.IGNORECASE
)

# Stop words that still render a source word (말하다 "say", 다시 "again", もっと "more", 他
# "other", 우리 "we"): a lexicon target made of them is evidence only where the English has
# the word, and counts only then (features.MEET_KINDS), since they are in most sentences.
# Not "I" and "you": 私 and 君 would meet them in almost every sentence of a dialogue.
MEETABLE = frozenset(
    """say again more most many much other all every each both before after since during
    between very also only without same several few once here there if because yet too
    we us our he him his she her they them their""".split()
)

# Negation, the English that renders ない and 않다: it counts only where the source negates
# too (features.MEET_KINDS).
NEGATIONS = frozenset({"not", "no", "never"})


def negates(tok: Token) -> bool:
    """Whether ``tok`` negates ("not", "n't", "no", "never")."""
    return tok.lemma in NEGATIONS


# A reported question: "asked whether", "I wonder if".
QUESTION_VERBS = frozenset({"ask", "wonder"})
# Words that ask: at the head of a question ("When will it be out?") they say what it asks.
WH_WORDS = frozenset("why what how when where who which".split())
QUESTION_WORDS = WH_WORDS | {"whether", "if"}


# A tag that asks the listener to agree: "…, right?", "…, you know?", and an auxiliary with
# a pronoun: "…, isn't it?", "…, wasn't it?", "…, don't you think?", "…, will you?".
_TAG_AUXILIARIES = (
    "is are was were am do does did have has had can could will would should shall must wo ca need"
).split()
_TAG_QUESTION_RE = re.compile(
    r",\s*(?:right|you know|correct|okay|ok|huh|eh|"
    rf"(?:{'|'.join(_TAG_AUXILIARIES)})(?:n[’']t)?\s+(?:it|you|he|she|they|we|i|there|that)"
    r"(?: think)?)\?[\"”’']?\s*$",
    re.IGNORECASE,
)


def seeks_confirmation(text: str, tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence may render a question or a statement alike: a statement with a
    tag question ("…, right?"), or a reported question without a question mark ("I was
    wondering if you can get me the report", "I wanted to ask if we can reschedule"), which
    renders a question (来週にできますでしょうか) and a statement that only hints at one
    (取り寄せてもらえないかと思って, 再調整できないかお伺いしたかったんです) alike."""
    if _TAG_QUESTION_RE.search(text) is not None:
        return True
    return "?" not in text and ends_as_question(tokens)


def ends_as_question(tokens: tuple[Token, ...]) -> bool:
    """A reported question ("asked whether", "I wonder if"); a question mark aside."""
    return any(
        a.lemma in QUESTION_VERBS and b.form in QUESTION_WORDS
        for a, b in itertools.pairwise(tokens)
    )


@lru_cache(maxsize=65536)
def lemma_of(word: str) -> str:
    """A dictionary lemma: verbs first (played → play), then nouns (drums → drum).

    The lemma of a lemma is itself: "meeting" is read as the verb "meet", so "meetings"
    (only a noun, "meeting") goes on to "meet" too, and a lexicon's "meeting" finds them both.
    Spelled the American way (``american_spelling``): metres → meter, as UniDic's origin
    "metre" of メートル and a JMdict gloss "favour" are read too.
    """
    word = american_spelling(word)
    lemma = _lemma_once(word)
    return lemma if lemma == word else _lemma_once(lemma)


@lru_cache(maxsize=16384)
def plural_lemma(word: str) -> str:
    """The singular of a plural noun the dictionary does not know (blogs → blog, websites →
    website), by lemminflect's rules for unknown words; other words unchanged.
    ``tokenize_english`` asks it for lower-case words only: a capitalised one may be a name
    (Williams)."""
    if len(word) < 5 or not word.endswith("s") or word.endswith(("ss", "us", "is")):
        return word
    from lemminflect import getAllLemmas, getAllLemmasOOV

    if word in STOPWORDS or getAllLemmas(word):
        return word  # known as it is (always, perhaps, news)
    lemma = str(getAllLemmasOOV(word, "NOUN").get("NOUN", (word,))[0])
    return word if lemma in STOPWORDS else lemma  # in-betweens is no "between"


def american_spelling(word: str) -> str:
    """The American spelling of a British one (favour → favor, organised → organized,
    centre → center), by breame's table; other words unchanged. JMdict glosses are
    British and most news English American: both sides of a match pass through here."""
    return str(_BRITISH.get(word, word))


def _lemma_once(word: str) -> str:
    if len(word) <= 2 or word.isdigit():
        return word
    from lemminflect import getAllLemmas

    lemmas = getAllLemmas(word)
    for upos in ("VERB", "NOUN", "ADJ", "AUX", "ADV", "PROPN"):
        if lemmas.get(upos):
            lemma = str(lemmas[upos][0])
            # "evening" is a noun, not a form of the verb "even" that a stop word would hide.
            if lemma in STOPWORDS and word not in STOPWORDS and lemmas.get("NOUN"):
                return str(lemmas["NOUN"][0])
            return lemma
    return word


def _split_contraction(form: str, start: int, end: int) -> tuple[str, Token | None, int]:
    """The first word of a contraction (its form and end offset) and the function word
    token of its ending: "they'll" → "they" + will, "can't" → "can" + not."""
    m = CONTRACTION_RE.match(form)
    if m is None:
        return form, None, end
    base, suffix = m.group(1), m.group(2)
    cut = start + len(base)
    if suffix == "n't":
        base = NEGATED_BASES.get(base, base)
    word = CONTRACTED[suffix]
    return base, Token(word, "W", word, cut, end, content=False), cut


def _mid_sentence(text: str, start: int) -> bool:
    """Whether the word at ``start`` follows a word or a comma (no sentence start, quote or
    colon before it)."""
    before = text[:start].rstrip()
    return bool(before) and (before[-1].isalnum() or before[-1] == ",")


def tokenize_english(text: str) -> tuple[Token, ...]:
    out: list[Token] = []
    for m in WORD_RE.finditer(text):
        raw = m.group(0)
        if raw.endswith(".") and raw[0].isupper():
            raw = raw.replace(".", "")  # U.S. → US, U.N. → UN
        form = raw.lower().replace("’", "'")
        if form.endswith("'s"):
            form = form[:-2]
        form, ending, end = _split_contraction(form, m.start(), m.end())
        if raw[0].isdigit():
            tag = "NUM"
            lemma = ORDINAL_RE.sub("", raw.replace(",", ""))  # 1st → 1, 1,200 → 1200
        else:
            # All-capital acronyms (US, UN) keep their form; "us" the pronoun is a stop word.
            # So do single capital letters inside a sentence, labels (Company A, Plan B): A社
            # is "Company A"; the article "A" opens a sentence, the pronoun "I" is none.
            acronym = raw.isupper() and (
                len(raw) >= 2 or (raw != "I" and _mid_sentence(text, m.start()))
            )
            tag = "ACR" if acronym else ("CAP" if raw[0].isupper() else "W")
            lemma = form if acronym else lemma_of(form)
            if tag == "W" and lemma == american_spelling(form):
                lemma = plural_lemma(lemma)
        content = tag in ("NUM", "ACR") or (form not in STOPWORDS and lemma not in STOPWORDS)
        if not out and form in ("no", "nope") and _ANSWER_NO_RE.match(text, m.start()):
            lemma, content = "no", True
        if form in HONORIFICS and tag == "W" and text[m.start() - 1 : m.start()] == "-":
            content = False  # Nose-san renders 能勢さん, whose さん is no word either
        out.append(Token(form, tag, lemma, m.start(), end, content=content))
        if ending is not None:
            out.append(ending)
    return tuple(out)


@lru_cache(maxsize=262144)
def content_lemmas(text: str) -> tuple[str, ...]:
    """Lemmas of the content words of ``text`` (a lexicon target, an evidence label)."""
    return tuple(t.lemma for t in tokenize_english(text) if t.content)


def target_lemmas(text: str) -> tuple[str, ...]:
    """The words a lexicon target needs in the English: its content lemmas, or for a target
    of stop words (``MEETABLE``: "again", "the other") the meetable words as written.
    (Not cached itself: ``content_lemmas`` is, and stop-word targets are few.)"""
    content = content_lemmas(text)
    if content:
        return content
    return tuple(t.form for t in tokenize_english(text) if t.form in MEETABLE)


def is_stop_target(lemmas: tuple[str, ...]) -> bool:
    """Whether target lemmas (``target_lemmas``) are meetable stop words only."""
    return bool(lemmas) and all(lemma in MEETABLE for lemma in lemmas)


class EnglishTokenizer:
    lang = "en"

    def versions(self) -> dict[str, str]:
        return {
            "lemminflect": metadata.version("lemminflect"),
            "breame": metadata.version("breame"),
        }

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        from ..segment import split_english

        return split_english(text)

    def tokenize(self, text: str) -> tuple[Token, ...]:
        return tokenize_english(text)

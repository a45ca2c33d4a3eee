"""Sentence splitting per language; every function returns (start, end) offsets into its text.

A line break always ends a sentence (posts put one sentence or one thought per line), so the
callers split each line on its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .types import Detected, Sentence

# Abbreviations after which a period does not end an English sentence.
ABBREVIATIONS = frozenset(
    """
    mr mrs ms dr prof sr jr st no vs etc inc corp co ltd gov sen rep gen lt col capt sgt
    cmdr adm maj jan feb mar apr jun jul aug sep sept oct nov dec mon tue wed thu fri sat
    sun u.s u.k u.n e.g i.e a.m p.m approx dept est fig vol pp ft mt ave blvd rev hon pres
    """.split()
)
# Abbreviations that often end a sentence ("…until 5 p.m. I'm going…", "…in the U.S. The
# company…"): their period ends it when the next word can only start one.
_FINAL_ABBREVIATIONS = frozenset("a.m p.m etc inc corp co ltd jr sr u.s u.k u.n".split())
_SENTENCE_STARTERS = frozenset(
    """i i'm i've i'll i'd the he she it it's we they but and this that these those there
    his her their our my its however meanwhile""".split()
)
# Words that open a sentence and are no surname, after a single letter ("Company A. So…").
_NOT_SURNAMES = frozenset(
    """a an so if or yes yeah no oh eh um uh ah hi hello okay ok thanks thank please sorry
    you you're you'll you've what why how when where who is are was do does did can could
    would will let let's""".split()
)
_NEXT_WORD_RE = re.compile(r"\s+([A-Z][A-Za-z'’]*)")
_EN_END_RE = re.compile(r"[.!?]+[\"'”’)\]]*")
_JA_END = "。！？!?"
_JA_OPEN = "「『（(【〈《"
_JA_CLOSE = "」』）)】〉》"
_QUOTE_PAIRS = {"“": "”", '"': '"'}
# A dateline opening a paragraph: "TOKYO --", "TOKYO (Kyodo) --", "SEOUL, Jan. 13 (Yonhap) --",
# "NEW YORK, South Korea (AP) —". It is page furniture, not part of the sentence it opens.
# The place is in capitals (three letters or more) and the text after the dash starts a
# sentence, so "NATO — which turned 75 — said" and "US — Japan ties" keep their words.
_DATELINE_RE = re.compile(
    r"[A-Z][A-Z.'’-]{2,}(?: [A-Z][A-Z.'’-]+){0,3}"
    r"(?:, [A-Z][A-Za-z.]*(?: [A-Za-z0-9.]+){0,3})?"
    r"(?: \([A-Z][A-Za-z .&-]{0,30}\))?"
    r" ?(?:--|—|–) ?(?=[A-Z0-9\"“‘'])"
)


# The words around a short quote that make it reported speech rather than a scare quote:
# '"Okay," Kono said.', 'She added: "Thanks."' (the name or pronoun and a verb of speech).
_SPEECH_RE = re.compile(
    r"\b(?:said|says|wrote|writes|added|adds|asked|replied|posted|tweeted|told)\b", re.I
)
_SHORT_QUOTE_FRAME_WORDS = 5


def _reported(frame: str) -> bool:
    """Whether the text of a sentence outside its one quote is only an attribution."""
    words = re.findall(r"[A-Za-z][A-Za-z'’.-]*", frame)
    return 0 < len(words) <= _SHORT_QUOTE_FRAME_WORDS and bool(_SPEECH_RE.search(frame))


def _ends_here(abbreviation: str, text: str, end: int) -> bool:
    """Whether the period of ``abbreviation`` ending at ``end`` also ends the sentence: it is
    one that often does, and the next word can only start a sentence. A single letter is an
    initial before a surname (George W. Bush, Andrew H. Bass) but ends the sentence before a
    word no surname is ("…from Company A. I will…", "Trading company U. Eh, I've heard…")."""
    nxt = _NEXT_WORD_RE.match(text, end)
    if nxt is None:
        return False
    word = nxt.group(1).lower().replace("’", "'")
    if len(abbreviation) == 1:
        return word in _SENTENCE_STARTERS or word in _NOT_SURNAMES
    return abbreviation in _FINAL_ABBREVIATIONS and word in _SENTENCE_STARTERS


def dateline_end(text: str, start: int, end: int) -> int:
    """Where the sentence text[start:end] begins after a dateline, or ``start``."""
    m = _DATELINE_RE.match(text, start, end)
    if m is None:
        return start
    return strip_span(text, m.end(), end)[0]


def strip_span(text: str, s: int, e: int) -> tuple[int, int]:
    """(s, e) narrowed to exclude surrounding whitespace."""
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def split_english(text: str) -> list[tuple[int, int]]:
    """Split English prose, surviving U.S., Jan. 13, Mr., Dr., decimals and quotes.

    A period glued to the next sentence ("challenges.The leaders") still splits when the
    left word is not an abbreviation and the right word is capitalised.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _EN_END_RE.finditer(text):
        end = m.end()
        nxt = text[end : end + 2]
        glued = bool(nxt) and not nxt[0].isspace()
        if glued and not (m.group(0)[0] == "." and re.match(r"[A-Z][a-z]", nxt)):
            continue
        if glued and re.search(r"[A-Za-z]\.[A-Za-z]+\.$", text[max(0, m.start() - 12) : end]):
            continue
        if end < len(text) and not glued:
            rest = text[end:].lstrip()
            if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'(["):
                continue
        word = re.search(r"([A-Za-z][A-Za-z.]*)\.$", text[max(0, m.start() - 12) : m.start() + 1])
        if m.group(0).startswith(".") and word is not None:
            w = word.group(1).lower().rstrip(".")
            if (w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())) and not _ends_here(
                w, text, end
            ):
                continue
        decimal = m.start() > 0 and text[m.start() - 1].isdigit()
        if decimal and m.group(0).startswith(".") and end < len(text) and text[end].isdigit():
            continue
        s, e = strip_span(text, start, end)
        if e > s:
            spans.append((s, e))
        start = end
    s, e = strip_span(text, start, len(text))
    if e > s:
        spans.append((s, e))
    return spans


def split_japanese(text: str) -> list[tuple[int, int]]:
    """Split on 。！？ (and ASCII !?), never inside 「」『』（） brackets."""
    spans: list[tuple[int, int]] = []
    depth = 0
    start = 0
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch in _JA_OPEN:
            depth += 1
        elif ch in _JA_CLOSE:
            depth = max(0, depth - 1)
        elif ch in _JA_END and depth == 0:
            j = i + 1
            while j < n and (text[j] in _JA_END or text[j] in "」』）)"):
                j += 1
            s, e = strip_span(text, start, j)
            if e > s:
                spans.append((s, e))
            start = j
            i = j
            continue
        i += 1
    s, e = strip_span(text, start, n)
    if e > s:
        spans.append((s, e))
    return merge_punct_only(text, spans)


def merge_punct_only(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A fragment with no letters ("…", "^^") belongs to the sentence before it."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if out and not any(c.isalnum() for c in text[s:e]):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the text inside double quotes (curly or straight), without the marks.

    Trailing commas inside the quote ("…relationship,” Myung said") are not part of the
    rendering and are dropped.
    """
    spans: list[tuple[int, int]] = []
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        close = _QUOTE_PAIRS.get(ch)
        if close is None:
            i += 1
            continue
        j = text.find(close, i + 1)
        if j < 0:
            break
        s, e = i + 1, j
        while e > s and text[e - 1] in ", ":
            e -= 1
        s, e = strip_span(text, s, e)
        if e > s:
            spans.append((s, e))
        i = j + 1
    return spans


def _en_units(
    doc_id: str, text: str, paragraphs: tuple[tuple[int, int, int], ...]
) -> list[Sentence]:
    units: list[Sentence] = []
    index = 0
    for p_no, (ps, pe, _line) in enumerate(paragraphs):
        para = text[ps:pe]
        sents = [(ps + s, ps + e) for s, e in split_english(para)]
        if sents:
            sents[0] = (dateline_end(text, *sents[0]), sents[0][1])
        first = index
        for s, e in sents:
            units.append(Sentence(doc_id, "en", text[s:e], s, e, index, paragraph=p_no))
            index += 1
        for k in range(len(sents) - 1):
            s, e = sents[k][0], sents[k + 1][1]
            units.append(
                Sentence(doc_id, "en", text[s:e], s, e, first + k, paragraph=p_no, kind="pair")
            )
        for qs, qe in quote_spans(para):
            quote = para[qs:qe]
            if len(quote.split()) < 3:
                # A quote of one or two words is a unit only as the whole of what a sentence
                # reports ('"Okay," Kono said.'), not as a scare quote inside a sentence.
                around = [(s, e) for s, e in sents if s <= ps + qs and ps + qe <= e]
                if not around:
                    continue
                s, e = around[0]
                frame = text[s : ps + qs] + " " + text[ps + qe : e]
                if len(quote_spans(text[s:e])) != 1 or not _reported(frame):
                    continue
            inner = split_english(quote)
            pieces = [(qs, qe)] + ([(qs + a, qs + b) for a, b in inner] if len(inner) > 1 else [])
            for a, b in pieces:
                a, b = ps + a, ps + b
                if text[b - 1] == "," and b - 1 > a:
                    b -= 1
                units.append(
                    Sentence(doc_id, "en", text[a:b], a, b, first, paragraph=p_no, kind="quote")
                )
    return units


def segment_document(
    det: Detected, split_source: Callable[[str, str], list[tuple[int, int]]]
) -> tuple[list[Sentence], list[Sentence]]:
    """Source sentences of every post and English units (sentences, quotes, pairs).

    ``split_source(lang, text)`` splits one line of Korean or Japanese.
    """
    text = det.doc.text
    source: list[Sentence] = []
    for post in det.posts:
        index = 0
        for ls, le in post.spans:
            for s, e in split_source(post.lang, text[ls:le]):
                a, b = ls + s, ls + e
                source.append(
                    Sentence(det.doc.doc_id, post.lang, text[a:b], a, b, index, post.post_id)
                )
                index += 1
    return source, _en_units(det.doc.doc_id, text, det.body)

"""Frozen records passed between the pipeline stages.

Every stage is a plain function from one kind of record to the next; offsets are character
offsets into ``Document.text`` (after decoding, NFC normalisation and newline folding).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Document:
    """One input file, decoded."""

    doc_id: str
    story: str
    path: str
    text: str
    encoding: str


@dataclass(frozen=True)
class Token:
    """A token of a sentence; ``start``/``end`` are offsets into the sentence text."""

    form: str
    tag: str
    lemma: str
    start: int
    end: int
    reading: str = ""
    origin: str = ""  # English origin of a Japanese loanword (UniDic ``ドラム-drum``)
    content: bool = True  # False for particles, endings, punctuation, stop words


@dataclass(frozen=True)
class Sentence:
    """A sentence of a post (source side) or an English unit (target side)."""

    doc_id: str
    lang: str
    text: str
    start: int
    end: int
    index: int  # position among the sentences of its post / English body
    post_id: str = ""
    paragraph: int = 0
    kind: str = "sentence"  # sentence | quote | pair
    tokens: tuple[Token, ...] = ()


@dataclass(frozen=True)
class Post:
    """An embedded Korean or Japanese post found in a document."""

    doc_id: str
    post_id: str
    lang: str
    kind: str  # embed | paragraph
    line: int  # 1-based line of the first post line
    spans: tuple[tuple[int, int], ...]  # text spans (offsets into the document), one per line
    author: str = ""
    handle: str = ""
    date: str = ""
    link: str = ""
    truncated: bool = False

    def text(self, doc: Document) -> str:
        return "\n".join(doc.text[s:e] for s, e in self.spans)


@dataclass(frozen=True)
class Debris:
    """A line that looked like page furniture rather than text."""

    doc_id: str
    line: int
    reason: str
    text: str


@dataclass(frozen=True)
class Detected:
    """The result of detection for one document."""

    doc: Document
    posts: tuple[Post, ...]
    body: tuple[tuple[int, int, int], ...]  # English paragraphs: (start, end, line)
    debris: tuple[Debris, ...] = ()


@dataclass(frozen=True)
class LexEntry:
    """One row of a lexicon file."""

    source: str
    target: str
    kind: str
    pos: str
    weight: float
    origin: str
    domain: str = ""
    note: str = ""
    file: str = ""
    line: int = 0


@dataclass(frozen=True)
class Link:
    """A source sentence group linked to an English unit."""

    doc_id: str
    post_id: str
    src_lang: str
    src: tuple[Sentence, ...]
    tgt: Sentence
    score: float
    evidence: tuple[str, ...]


@dataclass
class Counts:
    """Counts of what a run kept and dropped, by reason."""

    values: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, n: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + n

    def get(self, key: str) -> int:
        return self.values.get(key, 0)

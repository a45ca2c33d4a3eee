"""Load lexicon files into per-language lookup tables.

Sources are indexed by their text without spaces; the aligner looks up runs of tokens whose
key (surface forms of all tokens but the last, plus the last token's dictionary form) is an
entry, so 발표하다 matches 발표/NNG + 하/XSV and 首脳会談 matches 首脳 + 会談.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import LexiconError
from ..tokenize.english import is_stop_target, target_lemmas
from ..types import LexEntry
from . import cache
from .schema import COLUMNS, file_row_problems, lang_of_file, lang_of_source, validate_header


def shipped_dir() -> Path:
    """The lexicons shipped with polyseg: in the wheel, or beside src/ in a checkout."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "lexicons"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "lexicons"


# JMdict's senses first, so that a curated row of the same pair, read later, wins.
SHIPPED = ("ko-en.tsv", "ja-en.jmdict.tsv", "ja-en.tsv")


def shipped_files() -> list[Path]:
    d = shipped_dir()
    return [p for p in (d / name for name in SHIPPED) if p.exists()]


@dataclass(frozen=True)
class Target:
    """One English rendering of a source entry, as the lemmas that must appear."""

    text: str
    lemmas: tuple[str, ...]
    weight: float
    kind: str


@dataclass
class PairLexicon:
    """Lookup for one language: key → targets; names for the tokenizer."""

    lang: str
    index: dict[str, list[Target]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # source → name pos
    max_tokens: int = 6
    _prefixes: set[str] | None = field(default=None, repr=False, compare=False)

    def lookup(self, key: str) -> list[Target]:
        return self.index.get(key.replace(" ", ""), [])

    def is_prefix(self, text: str) -> bool:
        """Whether some key starts with ``text``: a longer run of tokens can still match."""
        if self._prefixes is None:
            self._prefixes = {k[:n] for k in self.index for n in range(1, len(k) + 1)}
        return text in self._prefixes

    def user_words(self) -> tuple[tuple[str, str], ...]:
        """Single-word names, for the tokenizer's user dictionary."""
        return tuple(sorted((s, p) for s, p in self.names.items() if " " not in s and len(s) >= 2))

    def english_names(self, source: str) -> list[Target]:
        return [t for t in self.lookup(source) if t.kind == "name"]


@dataclass
class Lexicon:
    """All loaded lexicon files, layered: later files win on the same (source, target)."""

    entries: dict[tuple[str, str, str], LexEntry] = field(default_factory=dict)
    files: list[tuple[str, str, int]] = field(default_factory=list)  # path, sha256, rows
    # Content lemmas of the targets, as read from the cache of validated files.
    lemmas: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def add_file(self, file: str | Path) -> None:
        path = str(file)
        data, text = read_lexicon_file(path)
        file_lang = lang_of_file(path)
        digest = hashlib.sha256(data).hexdigest()
        key = cache.cache_key(digest, file_lang)
        cached = cache.load(key, path)
        if cached is not None:
            entries, lemmas = cached
            self.lemmas.update(zip((e.target for e in entries), lemmas, strict=True))
        else:
            entries = parse(text, path)
            cache.store(key, path, entries, [target_lemmas(e.target) for e in entries])
        for entry in entries:
            lang = file_lang or lang_of_source(entry.source)
            self.entries[(lang, entry.source, entry.target.lower())] = entry
        self.files.append((path, digest, len(entries)))

    def for_lang(self, lang: str) -> PairLexicon:
        pair = PairLexicon(lang)
        for (elang, _src, _tgt), e in self.entries.items():
            if elang != lang:
                continue
            lemmas = self.lemmas.get(e.target)
            if lemmas is None:
                lemmas = target_lemmas(e.target)
            # A target of stop words ("again", "say") is of its own kind: see MEETABLE.
            kind = "stop" if is_stop_target(lemmas) else e.kind
            key = e.source.replace(" ", "")
            pair.index.setdefault(key, []).append(Target(e.target, lemmas, e.weight, kind))
            if e.kind == "name":
                pair.names[e.source] = e.pos
        return pair


def read_lexicon_file(path: str) -> tuple[bytes, str]:
    """The bytes and UTF-8 text of a lexicon file; LexiconError when unreadable."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise LexiconError(path, 0, f"cannot read lexicon: {exc.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(path, line, "not UTF-8") from None
    return data, text


@dataclass(frozen=True)
class RawRow:
    """A data row of a lexicon file whose columns fit the header (not yet validated)."""

    line: int
    row: dict[str, str]


@dataclass
class Scan:
    """A lexicon file split into its header, rows and structural problems (in line order).

    ``problems`` holds what stops a row from being read at all (header, column count); the
    rows themselves are validated by ``row_problems``. After a bad header nothing else is read.
    """

    header: list[str] | None = None
    header_line: int = 0
    rows: list[RawRow] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)


def scan(text: str, path: str) -> Scan:
    """Split a lexicon file into header and rows without stopping at the first problem."""
    out = Scan()
    for no, raw in enumerate(text.lstrip("\ufeff").split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if out.header is None:
            problem = validate_header(cols)
            if problem:
                out.problems.append((no, problem))
                return out
            out.header, out.header_line = cols, no
            continue
        if len(cols) > len(out.header):
            out.problems.append((no, f"{len(cols)} columns, the header has {len(out.header)}"))
        elif len(cols) < 6:
            out.problems.append(
                (no, f"{len(cols)} columns, expected at least 6 ({' '.join(COLUMNS[:6])})")
            )
        else:
            out.rows.append(RawRow(no, dict(zip(out.header, cols, strict=False))))
    if out.header is None:
        out.problems.append((1, "no header row (source, target, kind, pos, weight, origin)"))
    return out


def entry_of(row: dict[str, str], path: str, line: int) -> LexEntry:
    """A validated row as a LexEntry."""
    return LexEntry(
        source=row["source"],
        target=row["target"],
        kind=row["kind"],
        pos=row["pos"],
        weight=float(row["weight"]),
        origin=row["origin"],
        domain=row.get("domain", ""),
        note=row.get("note", ""),
        file=path,
        line=line,
    )


def parse(text: str, path: str) -> list[LexEntry]:
    """Parse and validate one lexicon file; the first bad row raises LexiconError."""
    lang = lang_of_file(path)
    result = scan(text, path)
    # Structural problems and row problems are raised in line order, so the user always
    # sees the first bad line of the file.
    first_bad = min((no for no, _ in result.problems), default=None)
    out: list[LexEntry] = []
    for raw in result.rows:
        if first_bad is not None and raw.line > first_bad:
            break
        problems = file_row_problems(raw.row, lang)
        if problems:
            raise LexiconError(path, raw.line, "; ".join(problems))
        out.append(entry_of(raw.row, path, raw.line))
    if result.problems:
        no, problem = result.problems[0]
        raise LexiconError(path, no, problem)
    return out


def load_lexicons(user_files: list[str], shipped: bool = True) -> Lexicon:
    """The shipped lexicons, then each user file over them."""
    lex = Lexicon()
    files: list[str | Path] = [*shipped_files()] if shipped else []
    for path in [*files, *user_files]:
        lex.add_file(path)
    return lex

"""``polyseg lexicon import`` and ``export``: other dictionary formats to and from the schema.

Import formats:

* ``jmdict`` — JMdict XML: each ``<entry>`` gives rows keb (or reb when it has no kanji
  writing) → English ``<gloss>``; ``<pos>`` entity names (``&n;``, ``&v5r;``) map to the pos
  column. Entities are replaced by their names before parsing, so the DTD is never expanded.
* ``muse`` — MUSE bilingual dictionaries: ``source target`` per line, space- or tab-separated.
* ``hunalign`` — hunalign dictionaries: ``english @ foreign`` per line (hunalign puts the
  target language first; polyseg's target is English).
* ``deepl`` — DeepL glossary entries: TSV or CSV, ``source,target`` with optional
  ``source_lang,target_lang`` columns.

For the line formats each side is recognised by its script, so an English-first MUSE file or
a foreign-first hunalign file is read the right way round.
"""

from __future__ import annotations

import csv
import io
import re
import xml.parsers.expat
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..script import count_scripts
from ..types import LexEntry
from .schema import COLUMNS, HEADER_DOC, lang_of_source, row_problems

IMPORT_FORMATS = ("jmdict", "muse", "hunalign", "deepl")
EXPORT_FORMATS = ("deepl", "hunalign")
# Glosses longer than this are definitions, not translations the aligner could find.
MAX_GLOSS_WORDS = 6
_ENTITY_RE = re.compile(r"&([A-Za-z][\w.\-]*);")
_XML_ENTITIES = frozenset({"amp", "lt", "gt", "quot", "apos"})
_PAREN_RE = re.compile(r"\s*\([^)]*\)")


@dataclass
class ImportResult:
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # 'file:line: problem'
    skipped: Counter[str] = field(default_factory=Counter)


def _read_text(path: str) -> str:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8") from None


def _row(source: str, target: str, pos: str, weight: float, fmt: str) -> dict[str, str]:
    return {
        "source": source,
        "target": target,
        "kind": "word",
        "pos": pos,
        "weight": "1" if weight >= 1 else f"{weight:.2f}".rstrip("0"),
        "origin": f"import:{fmt}",
        "domain": "",
        "note": "",
    }


def _oriented(a: str, b: str) -> tuple[str, str] | None:
    """(foreign, english) from two sides in either order; None when neither or both is CJK."""
    ca, cb = count_scripts(a).cjk, count_scripts(b).cjk
    if ca and not cb:
        return a, b
    if cb and not ca:
        return b, a
    return None


class _Collector:
    """Validates rows as they are found and keeps the first of each (source, target)."""

    def __init__(self, path: str, fmt: str, lang: str | None) -> None:
        self.path, self.fmt, self.lang = path, fmt, lang
        self.result = ImportResult()
        self.seen: set[tuple[str, str, str]] = set()

    def bad(self, line: int, problem: str) -> None:
        message = f"{self.path}:{line}: {problem}"
        # One JMdict gloss is tried with every writing of its entry: report it once.
        if not self.result.problems or self.result.problems[-1] != message:
            self.result.problems.append(message)

    def add(self, line: int, source: str, target: str, pos: str, weight: float = 1.0) -> None:
        source, target = " ".join(source.split()), " ".join(target.split())
        row = _row(source, target, pos, weight, self.fmt)
        lang = self.lang or lang_of_source(source)
        problems = row_problems(row, lang)
        if problems:
            self.bad(line, "; ".join(problems))
            return
        key = (lang, source, target.lower())
        if key in self.seen:
            self.result.skipped["duplicate"] += 1
            return
        self.seen.add(key)
        self.result.rows.append(row)


def _pos_guesser(lang: str | None) -> Callable[[str], str]:
    """The pos of a source from its tokens (the formats without pos information)."""
    from .induce import guess_pos

    def guess(source: str) -> str:
        return guess_pos(source, lang or lang_of_source(source))

    return guess


def _import_lines(
    path: str,
    fmt: str,
    lang: str | None,
    guess: bool,
    split: Callable[[str], tuple[str, str] | str],
    comments: bool,
) -> ImportResult:
    """The line formats: ``split`` turns a line into its two sides, or says what is wrong."""
    col = _Collector(path, fmt, lang)
    pos_of = _pos_guesser(lang) if guess else (lambda _s: "other")
    for no, raw in enumerate(_read_text(path).split("\n"), 1):
        line = raw.rstrip("\r")
        if not line.strip() or (comments and line.startswith("#")):
            continue
        parts = split(line)
        if isinstance(parts, str):
            col.bad(no, parts)
            continue
        sides = _oriented(parts[0].strip(), parts[1].strip())
        if sides is None:
            col.bad(no, "expected one Korean or Japanese side and one English side")
            continue
        col.add(no, sides[0], sides[1], pos_of(sides[0]))
    return col.result


def _muse_split(line: str) -> tuple[str, str] | str:
    parts = line.split("\t") if "\t" in line else line.split()
    if len(parts) != 2:
        return f"expected 2 fields (source target), got {len(parts)}"
    return parts[0], parts[1]


def _hunalign_split(line: str) -> tuple[str, str] | str:
    if " @ " not in line:
        return "expected 'english @ foreign' (' @ ' separator missing)"
    left, _sep, right = line.partition(" @ ")
    return left, right


def import_muse(path: str, lang: str | None, guess: bool = True) -> ImportResult:
    return _import_lines(path, "muse", lang, guess, _muse_split, comments=True)


def import_hunalign(path: str, lang: str | None, guess: bool = True) -> ImportResult:
    return _import_lines(path, "hunalign", lang, guess, _hunalign_split, comments=False)


def import_deepl(path: str, lang: str | None, guess: bool = True) -> ImportResult:
    col = _Collector(path, "deepl", lang)
    pos_of = _pos_guesser(lang) if guess else (lambda _s: "other")
    text = _read_text(path)
    first = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first or path.lower().endswith(".tsv") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        for fields in reader:
            no = reader.line_num
            if not any(f.strip() for f in fields):
                continue
            if len(fields) not in (2, 4):
                col.bad(no, f"expected 2 or 4 fields (source, target[, langs]), got {len(fields)}")
                continue
            src, tgt = fields[0].strip(), fields[1].strip()
            if len(fields) == 4:
                langs = (fields[2].strip().lower(), fields[3].strip().lower())
                if langs[0].startswith("en") and not langs[1].startswith("en"):
                    src, tgt = tgt, src  # an English → Korean/Japanese glossary
                elif not langs[1].startswith("en"):
                    col.bad(no, f"language pair {langs[0]}-{langs[1]} has no English side")
                    continue
            if no == 1 and not count_scripts(src + tgt).cjk:
                continue  # a header row such as 'source,target'
            sides = _oriented(src, tgt)
            if sides is None:
                col.bad(no, "expected one Korean or Japanese side and one English side")
                continue
            col.add(no, sides[0], sides[1], pos_of(sides[0]))
    except csv.Error as exc:
        col.bad(reader.line_num, f"bad CSV: {exc}")
    return col.result


# JMdict part-of-speech entity names (after the DTD is dropped) → schema pos.
JMDICT_POS_EXACT = {
    "n": "noun",
    "pn": "noun",
    "ctr": "noun",
    "num": "num",
    "exp": "expr",
    "int": "expr",
    "aux-v": "verb",
    "aux-adj": "adj",
}
JMDICT_POS_PREFIX = (("n-", "noun"), ("adj", "adj"), ("adv", "adv"), ("v", "verb"))
# The same when a file carries the expanded descriptions instead of entity names.
JMDICT_POS_TEXT = (
    ("numeric", "num"),
    ("noun", "noun"),
    ("pronoun", "noun"),
    ("godan verb", "verb"),
    ("ichidan verb", "verb"),
    ("suru verb", "verb"),
    ("kuru verb", "verb"),
    ("transitive verb", "verb"),
    ("intransitive verb", "verb"),
    ("adjective", "adj"),
    ("adjectival", "adj"),
    ("adverb", "adv"),
    ("expressions", "expr"),
    ("interjection", "expr"),
)


def jmdict_pos(values: Sequence[str]) -> str:
    """The schema pos of a sense from its first recognised JMdict <pos> value."""
    for value in values:
        v = value.strip()
        if v in JMDICT_POS_EXACT:
            return JMDICT_POS_EXACT[v]
        if " " not in v:
            for prefix, pos in JMDICT_POS_PREFIX:
                if v.startswith(prefix):
                    return pos
        low = v.lower()
        for prefix, pos in JMDICT_POS_TEXT:
            if low.startswith(prefix):
                return pos
    return "other"


def _gloss_target(gloss: str, pos: str) -> str:
    text = _PAREN_RE.sub("", gloss).strip()
    if pos == "verb" and text.startswith("to "):
        text = text[3:]
    return text


@dataclass
class _Entry:
    line: int
    keb: list[str] = field(default_factory=list)
    reb: list[str] = field(default_factory=list)
    senses: list[tuple[list[str], list[str]]] = field(default_factory=list)  # (pos, glosses)


def import_jmdict(path: str, lang: str | None = None) -> ImportResult:
    if lang not in (None, "ja"):
        raise InputError(f"{path}: JMdict is a Japanese dictionary; --lang {lang} does not fit")
    col = _Collector(path, "jmdict", "ja")
    text = _read_text(path)
    # Drop the DOCTYPE (its entity declarations) and keep entity names as text: '&n;' → 'n'.
    text = re.sub(r"<!DOCTYPE.*?\]>", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)
    text = _ENTITY_RE.sub(lambda m: m.group(0) if m.group(1) in _XML_ENTITIES else m.group(1), text)
    parser = xml.parsers.expat.ParserCreate()
    stack: list[str] = []
    buf: list[str] = []
    entries: list[_Entry] = []
    current: _Entry | None = None
    sense_pos: list[str] = []

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal current, sense_pos
        stack.append(name)
        buf.clear()
        if name == "entry":
            current = _Entry(parser.CurrentLineNumber)
        elif name == "sense" and current is not None:
            # A sense without <pos> keeps the pos of the sense before it (JMdict's rule).
            current.senses.append(([], []))
        elif name == "gloss" and current is not None and current.senses:
            lang_attr = attrs.get("xml:lang", "eng")
            if lang_attr != "eng":
                stack[-1] = "gloss-other"

    def end(name: str) -> None:
        nonlocal current
        value = "".join(buf).strip()
        tag = stack.pop() if stack else name
        buf.clear()
        if current is None:
            return
        if tag == "keb":
            current.keb.append(value)
        elif tag == "reb":
            current.reb.append(value)
        elif tag == "pos" and current.senses:
            current.senses[-1][0].append(value)
        elif tag == "gloss" and current.senses:
            current.senses[-1][1].append(value)
        elif tag == "entry":
            entries.append(current)
            current = None

    def chars(data: str) -> None:
        buf.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as exc:
        col.bad(exc.lineno, f"XML error: {xml.parsers.expat.ErrorString(exc.code)}")
    for e in entries:
        heads = e.keb or e.reb
        if not heads:
            col.bad(e.line, "entry has no <keb> or <reb>")
            continue
        if not any(glosses for _p, glosses in e.senses):
            col.bad(e.line, f"entry {heads[0]} has no English <gloss>")
            continue
        last_pos: list[str] = []
        for k, (pos_values, glosses) in enumerate(e.senses):
            last_pos = pos_values or last_pos
            pos = jmdict_pos(last_pos)
            # The first sense is the main one; later senses are progressively looser.
            weight = max(0.4, 1.0 - 0.2 * k)
            for gloss in glosses:
                target = _gloss_target(gloss, pos)
                if len(target.split()) > MAX_GLOSS_WORDS:
                    col.result.skipped["long gloss"] += 1
                    continue
                for head in heads:
                    col.add(e.line, head, target, pos, weight)
    return col.result


def import_file(path: str, fmt: str, lang: str | None = None) -> ImportResult:
    """Rows of the schema from a file in ``fmt`` (one of IMPORT_FORMATS)."""
    if fmt == "jmdict":
        return import_jmdict(path, lang)
    if fmt == "muse":
        return import_muse(path, lang)
    if fmt == "hunalign":
        return import_hunalign(path, lang)
    if fmt == "deepl":
        return import_deepl(path, lang)
    raise InputError(f"unknown import format {fmt!r}; one of {', '.join(IMPORT_FORMATS)}")


def lexicon_text(rows: Iterable[dict[str, str]]) -> str:
    """A lexicon TSV with the header doc."""
    lines = [HEADER_DOC, "\t".join(COLUMNS) + "\n"]
    lines.extend("\t".join(r.get(c, "") for c in COLUMNS) + "\n" for r in rows)
    return "".join(lines)


def export_text(entries: Sequence[LexEntry], fmt: str, csv_out: bool = False) -> tuple[str, int]:
    """(text, rows written) of lexicon entries in ``fmt`` (one of EXPORT_FORMATS).

    A DeepL glossary allows one target per source, so each source keeps its highest-weight
    translation (the first one on a tie).
    """
    if fmt == "hunalign":
        lines = [f"{e.target} @ {e.source}\n" for e in entries]
        return "".join(lines), len(lines)
    if fmt != "deepl":
        raise InputError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    best: dict[str, LexEntry] = {}
    for e in entries:
        if e.source not in best or e.weight > best[e.source].weight:
            best[e.source] = e
    buf = io.StringIO()
    if csv_out:
        writer = csv.writer(buf, lineterminator="\n")
        for e in best.values():
            writer.writerow([e.source, e.target, lang_of_source(e.source), "en"])
    else:
        for e in best.values():
            buf.write(f"{e.source}\t{e.target}\n")
    return buf.getvalue(), len(best)

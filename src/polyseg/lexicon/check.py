"""``polyseg lexicon check``: every problem of lexicon files, with file and line.

Rows are validated by ``schema.row_problems`` (the validator loading uses). On top of that the
check looks across rows — exact duplicates, near-duplicates — and asks the tokenizer whether
the aligner can match each word or phrase at all.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import LexiconError
from ..tokenize import get_tokenizer, light_words
from ..tokenize.base import run_is_word, run_key
from ..tokenize.english import is_stop_target, target_lemmas
from ..types import Token
from .load import read_lexicon_file, scan, shipped_files
from .schema import file_row_problems, lang_of_file, lang_of_source

# The aligner looks up runs of at most this many tokens (PairLexicon.max_tokens).
MAX_RUN = 6
_SEP_RE = re.compile(r"[\s\-‐‑–—_/]+")


@dataclass(frozen=True)
class Finding:
    """One problem of one line; ``category`` groups findings in the summary."""

    path: str
    line: int
    level: str  # error | warning
    category: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.level}: {self.message}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    files: int = 0
    rows: int = 0

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.level == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.level == "warning")

    def summary(self) -> str:
        by_cat = Counter((f.level, f.category) for f in self.findings)
        parts = [
            f"{cat} {n}"
            for (_lvl, cat), n in sorted(by_cat.items(), key=lambda kv: (kv[0][0], -kv[1]))
        ]
        detail = f" ({', '.join(parts)})" if parts else ""
        return (
            f"checked {self.files} file(s), {self.rows} row(s): "
            f"{self.errors} error(s), {self.warnings} warning(s){detail}"
        )


def lexicon_paths(paths: Sequence[str]) -> list[Path]:
    """Files as given; folders expand to the ``*.tsv`` files inside them (recursively)."""
    if not paths:
        return shipped_files()
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(q for q in p.rglob("*.tsv") if q.is_file()))
        else:
            out.append(p)
    return out


def target_norm(target: str) -> str:
    """A target with case, hyphens, spaces and plurals folded: Korea-Japan = korea japans."""
    from lemminflect import getLemma

    words = [w for w in _SEP_RE.split(target.lower()) if w]
    out = []
    for w in words:
        lemmas = getLemma(w, upos="NOUN") if w.isalpha() and len(w) > 3 else ()
        out.append(str(lemmas[0]) if lemmas else w)
    return "".join(out)


def tokens_text(tokens: Iterable[Token]) -> str:
    return " ".join(f"{t.form}/{t.tag}" for t in tokens)


def matchability(
    source: str, lang: str, user_words: tuple[tuple[str, str], ...] = (), stop: bool = False
) -> str:
    """Why the aligner cannot match ``source`` as one token run ('' when it can); ``stop``
    for a row whose target is a stop word (다시 = again), which a light word or a lone
    function word may have.

    The aligner tokenizes text and looks up the key of each run of tokens, so an entry only
    ever matches when tokenizing the entry itself gives a run whose key is the entry.
    """
    tokens = [t for t in get_tokenizer(lang, user_words).tokenize(source) if t.form.strip()]
    if len(tokens) > 1 and tokens[-1].tag.startswith("E") and tokens[-1].form == "다":
        # A Korean dictionary form ends in 다 (발표/하/다); in running text the aligner
        # matches the stems without it (발표/하 → 발표하다).
        tokens.pop()
    if not tokens:
        return f"source {source!r} gives no tokens"
    want = source.replace(" ", "")
    # Kiwi has multi-word dictionary entries (양자 컴퓨팅/NNP); lookups drop spaces.
    key = run_key(tokens).replace(" ", "")
    shown = tokens_text(tokens)
    if key != want and not (len(tokens) == 1 and tokens[0].form == want):
        return f"source {source!r} is not matchable: it tokenizes to {shown} (key {key!r})"
    if len(tokens) > MAX_RUN:
        return (
            f"source {source!r} is {len(tokens)} tokens ({shown}); the aligner looks up {MAX_RUN}"
        )
    if not run_is_word(tokens):
        return (
            f"source {source!r} tokenizes to {shown}, which starts with a particle, an ending, "
            "a suffix or a dependent noun, or ends with a Korean case particle or final "
            "ending; the aligner never matches such a run"
        )
    if stop:
        return ""
    if want in light_words(lang):
        return f"source {source!r} is a light word ({shown}); the aligner never uses it"
    if len(tokens) == 1 and not tokens[0].content:
        return (
            f"source {source!r} is one token the tokenizer marks as a function word ({shown}); "
            "the aligner never matches it alone"
        )
    return ""


@lru_cache(maxsize=8)
def _shipped_names(lang: str) -> tuple[tuple[str, str], ...]:
    names: set[tuple[str, str]] = set()
    for path in shipped_files():
        try:
            _data, text = read_lexicon_file(str(path))
        except LexiconError:
            continue
        names |= _names_of(text, str(path), lang)
    return tuple(sorted(names))


def _names_of(text: str, path: str, lang: str) -> set[tuple[str, str]]:
    out: set[tuple[str, str]] = set()
    file_lang = lang_of_file(path)
    for raw in scan(text, path).rows:
        src = raw.row.get("source", "")
        if raw.row.get("kind") != "name" or (file_lang or lang_of_source(src)) != lang:
            continue
        # The same filter as PairLexicon.user_words: what the tokenizer learns as one word.
        if " " not in src and len(src) >= 2:
            out.add((src, raw.row.get("pos", "")))
    return out


def user_words_for(lang: str, texts: Iterable[tuple[str, str]] = ()) -> tuple[tuple[str, str], ...]:
    """Tokenizer user words as a run would have them: shipped names plus the files' names."""
    names = set(_shipped_names(lang))
    for path, text in texts:
        names |= _names_of(text, path, lang)
    return tuple(sorted(names))


def check_files(paths: Sequence[str], tokenize: bool = True) -> CheckReport:
    """Validate lexicon files (files or folders) and collect every finding."""
    report = CheckReport()
    loaded: list[tuple[str, str]] = []
    for p in lexicon_paths(paths):
        path = str(p)
        report.files += 1
        try:
            _data, text = read_lexicon_file(path)
        except LexiconError as exc:
            report.findings.append(Finding(path, exc.line, "error", "unreadable", exc.problem))
            continue
        loaded.append((path, text))

    seen: dict[tuple[str, str, str], tuple[str, int]] = {}
    near: dict[tuple[str, str, str], tuple[str, int, str]] = {}
    to_tokenize: list[tuple[str, int, str, str, bool]] = []
    for path, text in loaded:
        result = scan(text, path)
        problems = [
            Finding(path, no, "error", "structure", problem) for no, problem in result.problems
        ]
        file_lang = lang_of_file(path)
        for raw in result.rows:
            report.rows += 1
            row = raw.row
            src, tgt = row.get("source", ""), row.get("target", "")
            lang = file_lang or lang_of_source(src)
            bad = file_row_problems(row, file_lang)
            for problem in bad:
                problems.append(Finding(path, raw.line, "error", "invalid", problem))
            if bad:
                continue
            key = (lang, src, tgt.lower())
            if key in seen:
                fpath, fline = seen[key]
                if fpath == path:
                    msg = f"duplicate of line {fline} ({src} → {tgt})"
                    problems.append(Finding(path, raw.line, "error", "duplicate", msg))
                else:
                    msg = f"same source and target as {fpath}:{fline}; this later file wins"
                    problems.append(Finding(path, raw.line, "warning", "override", msg))
                continue
            seen[key] = (path, raw.line)
            nkey = (lang, src, target_norm(tgt))
            if nkey in near:
                fpath, fline, ftgt = near[nkey]
                where = f"line {fline}" if fpath == path else f"{fpath}:{fline}"
                msg = f"near-duplicate of {where}: {src} → {tgt!r} vs {ftgt!r}"
                problems.append(Finding(path, raw.line, "warning", "near-duplicate", msg))
            else:
                near[nkey] = (path, raw.line, tgt)
            if tokenize and row.get("kind") in ("word", "phrase"):
                stop = is_stop_target(target_lemmas(tgt))
                to_tokenize.append((path, raw.line, src, lang, stop))
        report.findings.extend(problems)

    user_words = {lang: user_words_for(lang, loaded) for lang in {t[3] for t in to_tokenize}}
    for path, line, src, lang, stop in to_tokenize:
        why = matchability(src, lang, user_words[lang], stop)
        if why:
            report.findings.append(Finding(path, line, "warning", "unmatchable", why))
    order = {path: i for i, (path, _t) in enumerate(loaded)}
    report.findings.sort(key=lambda f: (order.get(f.path, -1), f.line, f.level != "error"))
    return report

"""The lexicon TSV schema: columns, allowed values and row validation.

Shared by loading (which stops at the first bad row) and ``polyseg lexicon check``
(which reports every problem).
"""

from __future__ import annotations

import re
import unicodedata

from ..script import count_scripts
from ..tokenize.english import MEETABLE, target_lemmas

COLUMNS = ("source", "target", "kind", "pos", "weight", "origin", "domain", "note")
REQUIRED = COLUMNS[:6]
KINDS = frozenset({"word", "name", "phrase"})
WORD_POS = frozenset({"noun", "verb", "adj", "adv", "num", "expr", "other"})
NAME_POS = frozenset({"person", "place", "org", "work", "other"})
LANG_PAIRS = ("ko-en", "ja-en")
ACRONYM_RE = re.compile(r"[A-Z][A-Z0-9&\-]{1,9}")

HEADER_DOC = """\
# polyseg lexicon: one translation per row, tab-separated, UTF-8 (NFC).
# Columns: source, target, kind, pos, weight, origin, domain, note (domain and note optional).
#   source  Korean or Japanese in dictionary form (어울리다, 합주; 行う, 首脳会談, ドラム)
#   target  English, base forms, lower case except names and acronyms (play, summit, APEC)
#   kind    word | name | phrase      (names also become tokenizer user words)
#   pos     word/phrase: noun verb adj adv num expr other; name: person place org work other
#   weight  0 < weight <= 1; 1 for the main sense, less for loose or rare senses
#   origin  curated | user | induced:<source> | import:<format>
# Several translations of one source are several rows. Lines starting with # are comments.
"""


def validate_header(cols: list[str]) -> str | None:
    """A problem with the header row, or None."""
    if tuple(cols[: len(REQUIRED)]) != REQUIRED:
        return f"header must start with {' '.join(REQUIRED)} (tab-separated), got {' '.join(cols)}"
    extra = [c for c in cols[len(REQUIRED) :] if c not in COLUMNS]
    if extra:
        return f"unknown column(s) {', '.join(extra)}; allowed: {', '.join(COLUMNS)}"
    return None


def row_problems(row: dict[str, str], lang: str) -> list[str]:
    """Every problem of one row (empty list when the row is valid)."""
    problems: list[str] = []
    src, tgt = row.get("source", ""), row.get("target", "")
    for name in REQUIRED:
        if not row.get(name, "").strip():
            problems.append(f"empty {name}")
    for name, value in row.items():
        if value != value.strip():
            problems.append(f"{name} has leading or trailing spaces")
        if unicodedata.normalize("NFC", value) != value:
            problems.append(f"{name} is not in Unicode NFC form")
    if problems and (not src.strip() or not tgt.strip()):
        return problems
    kind = row.get("kind", "")
    if kind and kind not in KINDS:
        problems.append(f"kind {kind!r} is not one of {', '.join(sorted(KINDS))}")
    pos = row.get("pos", "")
    allowed = NAME_POS if kind == "name" else WORD_POS
    if pos and kind in KINDS and pos not in allowed:
        problems.append(f"pos {pos!r} is not one of {', '.join(sorted(allowed))} for kind {kind}")
    weight = row.get("weight", "")
    if weight:
        try:
            w = float(weight)
        except ValueError:
            problems.append(f"weight {weight!r} is not a number")
        else:
            if not 0 < w <= 1:
                problems.append(f"weight {weight} is not in (0, 1]")
    sc = count_scripts(src)
    if ACRONYM_RE.fullmatch(src) and lang in ("ko", "ja"):
        pass  # CCTV, OST, G20: Latin acronyms are written as such in Korean and Japanese text
    elif lang == "ko" and not sc.hangul and not sc.han:
        problems.append(f"source {src!r} has no Hangul or Hanja")
    elif lang == "ja" and not sc.kana and not sc.han:
        problems.append(f"source {src!r} has no kana or kanji")
    if lang == "ja" and sc.hangul:
        problems.append(f"source {src!r} is Korean in a Japanese lexicon")
    if lang == "ko" and sc.kana:
        problems.append(f"source {src!r} is Japanese in a Korean lexicon")
    tsc = count_scripts(tgt)
    if tsc.cjk:
        problems.append(f"target {tgt!r} is not English")
    elif not target_lemmas(tgt):
        problems.append(
            f"target {tgt!r} has no content word (only function words other than "
            f"{', '.join(sorted(MEETABLE))})"
        )
    return problems


def lang_of_file(path: str) -> str | None:
    """ko or ja from a file name such as ko-en.tsv or my.ja-en.tsv."""
    name = path.replace("\\", "/").rsplit("/", 1)[-1].lower()
    for pair in LANG_PAIRS:
        if pair in name:
            return pair[:2]
    return None


def lang_of_source(source: str) -> str:
    sc = count_scripts(source)
    if sc.hangul:
        return "ko"
    return "ja"


def file_row_problems(row: dict[str, str], file_lang: str | None) -> list[str]:
    """``row_problems`` of a row of a file: the language is the file's, else the row script's.

    Shared by loading and ``polyseg lexicon check``. A Latin acronym (CCTV) tells nothing about
    its language, so it is only valid in a file named for one (*ko-en*, *ja-en*).
    """
    src = row.get("source", "")
    problems = row_problems(row, file_lang or lang_of_source(src))
    if not file_lang and ACRONYM_RE.fullmatch(src):
        problems.append("a Latin acronym source needs a file named *ko-en* or *ja-en*")
    return problems

"""Link-level precision / recall / F1 of a polyseg ``aligned.tsv`` against a gold file.

Usage::

    python benchmarks/score.py GOLD_TSV ALIGNED_TSV [--pair ko-en] [--json]

Gold columns: ``pair doc_id src_text tgt_doc_id tgt_text kind`` (kind ``strict`` or
``acceptable``; missing kind means ``strict``).  Aligned columns (by header name):
``doc_id post_id src_lang src_text tgt_doc_id tgt_text score ...``.

Scoring rule.  A row links every gold source sentence of its ``doc_id`` that its
``src_text`` covers to every gold English sentence of its ``tgt_doc_id`` that its
``tgt_text`` covers.  A text covers a gold text (after normalization: NFKC, curly to
straight quotes, double quotes removed, whitespace collapsed, edge punctuation stripped)
when the gold text is a substring of it, or it is a substring of the gold text at least
60% as long.  Substring matches must not cut an ASCII word in two.  A row that covers no
known source sentence or no known English sentence is one wrong link.  Each predicted
link (pair, doc, src sentence, tgt doc, tgt sentence) is correct when it is a strict gold
link, ignored when it is an acceptable gold link, wrong otherwise.

    precision = TP / (distinct predicted links + wrong rows)
    recall    = TP / strict gold links
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

GOLD_COLUMNS = ("pair", "doc_id", "src_text", "tgt_doc_id", "tgt_text")
ALIGNED_COLUMNS = ("doc_id", "src_lang", "src_text", "tgt_doc_id", "tgt_text", "score")
MIN_PARTIAL = 0.6
BANDS: tuple[tuple[float, float], ...] = tuple(
    (round(0.1 + 0.1 * i, 1), round(0.2 + 0.1 * i, 1)) for i in range(9)
)

_QUOTES = str.maketrans(
    {
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
    }
)
_CJK = "\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_SPACE_NEAR_CJK = re.compile(rf"\s+(?=[{_CJK}])|(?<=[{_CJK}])\s+")
_SPACES = re.compile(r"\s+")
_TRAIL = " .,;:!?'\u3002\u3001"
_LEAD = " '"

Link = tuple[str, str, str, str, str]  # pair, doc_id, src_text, tgt_doc_id, tgt_text


def norm(text: str) -> str:
    """Normalize a text for coverage comparison (see module docstring)."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).replace('"', "")
    text = _SPACES.sub(" ", text).strip()
    text = _SPACE_NEAR_CJK.sub("", text)
    return text.rstrip(_TRAIL).lstrip(_LEAD)


def _is_word_char(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def _find_whole(needle: str, hay: str) -> bool:
    """True if ``needle`` occurs in ``hay`` without cutting an ASCII word in two."""
    start = hay.find(needle)
    while start >= 0:
        end = start + len(needle)
        left_ok = start == 0 or not (_is_word_char(hay[start - 1]) and _is_word_char(needle[0]))
        right_ok = end == len(hay) or not (_is_word_char(hay[end]) and _is_word_char(needle[-1]))
        if left_ok and right_ok:
            return True
        start = hay.find(needle, start + 1)
    return False


def covers_normed(gold: str, text: str) -> bool:
    """Coverage test on already-normalized texts."""
    if not gold or not text:
        return False
    if _find_whole(gold, text):
        return True
    return len(text) >= MIN_PARTIAL * len(gold) and _find_whole(text, gold)


def covers(gold: str, text: str) -> bool:
    """True if ``text`` (a predicted span) covers the gold sentence ``gold``."""
    return covers_normed(norm(gold), norm(text))


# ---------------------------------------------------------------------------- reading


def _unquote(fieldtext: str) -> str:
    """Undo CSV-style quoting of a TSV field if (and only if) it is clearly quoted."""
    if len(fieldtext) >= 2 and fieldtext[0] == '"' and fieldtext[-1] == '"':
        inner = fieldtext[1:-1]
        if re.fullmatch(r'(?:[^"]|"")*', inner):
            return inner.replace('""', '"')
    return fieldtext


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Read a header-first TSV, tolerating both raw and CSV-quoted fields."""
    with path.open(encoding="utf-8-sig", newline="") as fh:
        lines = [line.rstrip("\r\n") for line in fh]
    lines = [line for line in lines if line.strip() and not line.startswith("#")]
    if not lines:
        return []
    header = [h.strip() for h in lines[0].split("\t")]
    rows = []
    for line in lines[1:]:
        cells = [_unquote(c) for c in line.split("\t")]
        cells += [""] * (len(header) - len(cells))
        rows.append(dict(zip(header, cells, strict=False)))
    return rows


def _require(rows: list[dict[str, str]], columns: Iterable[str], path: Path) -> None:
    if rows:
        missing = [c for c in columns if c not in rows[0]]
        if missing:
            sys.exit(f"{path}: missing column(s) {', '.join(missing)}")


# ---------------------------------------------------------------------------- gold


@dataclass
class Gold:
    """Gold links indexed for scoring."""

    strict: set[Link] = field(default_factory=set)
    acceptable: set[Link] = field(default_factory=set)
    # (pair, doc) -> [(raw, normalized)] of known source / English sentences
    sources: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)
    targets: dict[tuple[str, str], list[tuple[str, str]]] = field(default_factory=dict)

    @property
    def pairs(self) -> set[str]:
        return {link[0] for link in self.strict | self.acceptable}

    def add(self, link: Link, kind: str) -> None:
        if kind == "acceptable":
            if link not in self.strict:
                self.acceptable.add(link)
        else:
            self.strict.add(link)
            self.acceptable.discard(link)
        pair, doc, src, tgt_doc, tgt = link
        for index, key, text in (
            (self.sources, (pair, doc), src),
            (self.targets, (pair, tgt_doc), tgt),
        ):
            known = index.setdefault(key, [])
            if all(raw != text for raw, _ in known):
                known.append((text, norm(text)))

    def only(self, pair: str) -> Gold:
        sub = Gold()
        for link in sorted(self.strict):
            if link[0] == pair:
                sub.add(link, "strict")
        for link in sorted(self.acceptable):
            if link[0] == pair:
                sub.add(link, "acceptable")
        return sub


def load_gold(path: Path) -> Gold:
    rows = read_tsv(path)
    _require(rows, GOLD_COLUMNS, path)
    gold = Gold()
    for row in rows:
        kind = (row.get("kind") or "strict").strip().lower()
        if kind not in ("strict", "acceptable"):
            sys.exit(f"{path}: unknown kind {kind!r} (expected strict or acceptable)")
        link = (row["pair"], row["doc_id"], row["src_text"], row["tgt_doc_id"], row["tgt_text"])
        gold.add(link, kind)
    return gold


# ---------------------------------------------------------------------------- scoring


@dataclass
class Tally:
    """Counts for one pair or one score band."""

    rows: int = 0
    wrong_rows: int = 0
    links: set[Link] = field(default_factory=set)  # distinct predicted, non-acceptable
    correct: set[Link] = field(default_factory=set)
    acceptable: set[Link] = field(default_factory=set)

    @property
    def predicted(self) -> int:
        return len(self.links) + self.wrong_rows

    @property
    def precision(self) -> float | None:
        return len(self.correct) / self.predicted if self.predicted else None


@dataclass
class PairResult:
    pair: str
    gold_links: int
    tally: Tally = field(default_factory=Tally)
    bands: dict[str, Tally] = field(default_factory=dict)

    @property
    def recall(self) -> float | None:
        return len(self.tally.correct) / self.gold_links if self.gold_links else None

    @property
    def f1(self) -> float | None:
        p, r = self.tally.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        t = self.tally
        return {
            "pair": self.pair,
            "rows": t.rows,
            "gold_links": self.gold_links,
            "predicted_links": t.predicted,
            "distinct_links": len(t.links),
            "wrong_rows": t.wrong_rows,
            "acceptable_links": len(t.acceptable),
            "tp": len(t.correct),
            "precision": t.precision,
            "recall": self.recall,
            "f1": self.f1,
            "bands": [
                {
                    "band": name,
                    "rows": b.rows,
                    "predicted_links": b.predicted,
                    "tp": len(b.correct),
                    "wrong_rows": b.wrong_rows,
                    "precision": b.precision,
                }
                for name, b in self.bands.items()
            ],
        }


def band_of(score: str) -> str:
    try:
        value = float(score)
    except ValueError:
        return "n/a"
    if value < BANDS[0][0]:
        return f"<{BANDS[0][0]:.1f}"
    for low, high in BANDS:
        if value < high:
            return f"{low:.1f}-{high:.1f}"
    return f"{BANDS[-1][0]:.1f}-{BANDS[-1][1]:.1f}"


def _empty_bands() -> dict[str, Tally]:
    return {f"{low:.1f}-{high:.1f}": Tally() for low, high in BANDS}


def _doc_key(index: dict[tuple[str, str], Any], pair: str, doc: str) -> str:
    """Accept doc ids written relative to the parent of the pair folder (``ko-en/s0000/a``)."""
    if (pair, doc) not in index and doc.startswith(pair + "/"):
        return doc[len(pair) + 1 :]
    return doc


def row_pair(src_lang: str) -> str:
    lang = src_lang.strip().lower()
    return lang if "-" in lang else f"{lang}-en"


def score_rows(
    gold: Gold, rows: Sequence[dict[str, str]], force_pair: str | None = None
) -> dict[str, PairResult]:
    """Score aligned rows against gold; ``force_pair`` ignores src_lang and limits gold."""
    if force_pair is not None:
        gold = gold.only(force_pair)
    results: dict[str, PairResult] = {}
    pairs = [force_pair] if force_pair is not None else sorted(gold.pairs)
    for pair in pairs:
        gold_n = sum(1 for link in gold.strict if link[0] == pair)
        results[pair] = PairResult(pair, gold_n, bands=_empty_bands())
    for row in rows:
        pair = force_pair or row_pair(row.get("src_lang", ""))
        result = results.setdefault(pair, PairResult(pair, 0, bands=_empty_bands()))
        band = result.bands.setdefault(band_of(row.get("score", "")), Tally())
        doc = _doc_key(gold.sources, pair, row.get("doc_id", ""))
        tgt_doc = _doc_key(gold.targets, pair, row.get("tgt_doc_id", ""))
        src_n, tgt_n = norm(row.get("src_text", "")), norm(row.get("tgt_text", ""))
        srcs = [raw for raw, n in gold.sources.get((pair, doc), []) if covers_normed(n, src_n)]
        tgts = [raw for raw, n in gold.targets.get((pair, tgt_doc), []) if covers_normed(n, tgt_n)]
        for tally in (result.tally, band):
            tally.rows += 1
            if not srcs or not tgts:
                tally.wrong_rows += 1
                continue
            for src in srcs:
                for tgt in tgts:
                    link = (pair, doc, src, tgt_doc, tgt)
                    if link in gold.strict:
                        tally.correct.add(link)
                        tally.links.add(link)
                    elif link in gold.acceptable:
                        tally.acceptable.add(link)
                    else:
                        tally.links.add(link)
    return results


def total(results: dict[str, PairResult]) -> PairResult:
    """Micro-average over pairs (link keys include the pair, so sets do not collide)."""
    out = PairResult("all", sum(r.gold_links for r in results.values()), bands=_empty_bands())
    for r in results.values():
        for src, dst in [(r.tally, out.tally)] + [
            (b, out.bands.setdefault(name, Tally())) for name, b in r.bands.items()
        ]:
            dst.rows += src.rows
            dst.wrong_rows += src.wrong_rows
            dst.links |= src.links
            dst.correct |= src.correct
            dst.acceptable |= src.acceptable
    return out


# ---------------------------------------------------------------------------- output


def fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def format_result(result: PairResult) -> str:
    t = result.tally
    lines = [
        f"[{result.pair}] rows={t.rows} gold_links={result.gold_links} "
        f"predicted_links={t.predicted} (distinct={len(t.links)} wrong_rows={t.wrong_rows} "
        f"acceptable={len(t.acceptable)}) tp={len(t.correct)}",
        f"  P={fmt(t.precision)} R={fmt(result.recall)} F1={fmt(result.f1)}",
        "  band       rows  links     tp  wrong_rows  precision",
    ]
    for name, b in result.bands.items():
        if b.rows or name[0].isdigit():
            lines.append(
                f"  {name:<9} {b.rows:5d} {b.predicted:6d} {len(b.correct):6d} "
                f"{b.wrong_rows:11d}  {fmt(b.precision):>9}"
            )
    return "\n".join(lines)


def report(results: dict[str, PairResult], as_json: bool) -> str:
    everything = dict(results)
    if len(results) > 1:
        everything["all"] = total(results)
    if as_json:
        return json.dumps({k: v.as_dict() for k, v in everything.items()}, indent=2)
    return "\n\n".join(format_result(r) for r in everything.values())


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("gold", type=Path, help="gold.tsv (pair doc_id src_text tgt_doc_id ...)")
    parser.add_argument("aligned", type=Path, help="aligned.tsv written by polyseg process")
    parser.add_argument(
        "--pair", help="score every row as this pair (ignore src_lang) and only its gold links"
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)
    for path in (args.gold, args.aligned):
        if not path.is_file():
            sys.exit(f"no such file: {path}")
    gold = load_gold(args.gold)
    rows = read_tsv(args.aligned)
    _require(rows, ALIGNED_COLUMNS, args.aligned)
    print(report(score_rows(gold, rows, args.pair), args.json))
    return 0


if __name__ == "__main__":
    sys.exit(main())

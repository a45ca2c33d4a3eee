"""Build lexicons/ja-en.jmdict.tsv from JMdict, for the senses the curated ja-en.tsv lacks.

Usage (lexicon-building time only; polyseg never reads JMdict at run time)::

    .venv/bin/pip install jamdict-data          # JMdict as SQLite (about 55 MB download)
    .venv/bin/python scripts/build_jmdict.py    # writes lexicons/ja-en.jmdict.tsv

Which entries: those whose headword (first kanji writing, or first kana writing for words
usually written in kana) is among the frequent Japanese words of wordfreq (Zipf ≥
``--min-zipf``, default 2.5); their first ``--senses`` senses (10), at most ``--glosses`` glosses
each (10), converted
by polyseg's own JMdict importer (``polyseg lexicon import --format jmdict``). Then rows
are dropped when ja-en.tsv already has the (source, target) pair (compared as ``lexicon check``
does: case, hyphens, spaces and plurals aside), when the source is one
character, or when the tokenizer cannot match the source (``polyseg lexicon check``'s
rule); weights are scaled by ``--scale`` so that curated senses stay ahead.

JMdict is the property of the Electronic Dictionary Research and Development Group and is
used in conformance with the Group's licence (CC BY-SA 4.0); so is the file this writes.
"""

from __future__ import annotations

import argparse
import math
import sqlite3
import sys
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from polyseg.lexicon.check import matchability, target_norm
from polyseg.lexicon.formats import import_jmdict, lexicon_text
from polyseg.lexicon.load import parse

REPO = Path(__file__).resolve().parent.parent
LICENCE = """# Derived from JMdict (the Electronic Dictionary Research and Development Group),
# {version}, by scripts/build_jmdict.py {options}.
# Licence of this file: CC BY-SA 4.0 (https://www.edrdg.org/edrdg/licence.html).
"""


def default_db() -> Path:
    try:
        import jamdict_data  # type: ignore[import-not-found]
    except ImportError:
        sys.exit("jamdict-data is not installed: pip install jamdict-data, or pass --db")
    return Path(jamdict_data.JAMDICT_DB_PATH)


def zipf_table() -> dict[str, float]:
    """Zipf frequency of each Japanese word in wordfreq's list (its look-up function
    needs MeCab to split Japanese; the raw list does not)."""
    from wordfreq import get_frequency_dict

    return {w: math.log10(f) + 9 for w, f in get_frequency_dict("ja").items() if f > 0}


def jmdict_xml(
    db: Path, min_zipf: float, senses: int, glosses_per_sense: int
) -> tuple[str, int, str]:
    """The chosen entries as JMdict XML, their number, and the dictionary's version."""
    zipf = zipf_table()
    con = sqlite3.connect(db)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    version = f"JMdict {meta.get('jmdict.version', '?')} as compiled by jamdict-data"
    kanji: dict[int, list[str]] = defaultdict(list)
    kana: dict[int, list[str]] = defaultdict(list)
    sense_ids: dict[int, list[int]] = defaultdict(list)
    pos: dict[int, list[str]] = defaultdict(list)
    misc: dict[int, list[str]] = defaultdict(list)
    glosses: dict[int, list[str]] = defaultdict(list)
    for idseq, text in con.execute("SELECT idseq, text FROM Kanji ORDER BY ID"):
        kanji[idseq].append(text)
    for idseq, text in con.execute("SELECT idseq, text FROM Kana ORDER BY ID"):
        kana[idseq].append(text)
    for sid, idseq in con.execute("SELECT ID, idseq FROM Sense ORDER BY ID"):
        sense_ids[idseq].append(sid)
    for sid, text in con.execute("SELECT sid, text FROM pos"):
        pos[sid].append(text)
    for sid, text in con.execute("SELECT sid, text FROM misc"):
        misc[sid].append(text)
    query = "SELECT sid, text FROM SenseGloss WHERE lang = 'eng' OR lang IS NULL ORDER BY rowid"
    for sid, text in con.execute(query):
        glosses[sid].append(text)
    con.close()
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<JMdict>"]
    n = 0
    for idseq, sids in sense_ids.items():
        kana_usually = any("kana" in m.lower() for m in misc.get(sids[0], []))
        writings = kana[idseq] if kana_usually or not kanji.get(idseq) else kanji[idseq]
        head = writings[0] if writings else ""
        if len(head) < 2 or zipf.get(head, 0.0) < min_zipf:
            continue
        n += 1
        out.append(f"<entry><k_ele><keb>{escape(head)}</keb></k_ele>")
        for sid in sids[:senses]:
            tags = "".join(f"<pos>{escape(p)}</pos>" for p in pos.get(sid, []))
            tags += "".join(
                f"<gloss>{escape(g)}</gloss>" for g in glosses.get(sid, [])[:glosses_per_sense]
            )
            out.append(f"<sense>{tags}</sense>")
        out.append("</entry>")
    out.append("</JMdict>")
    return "\n".join(out) + "\n", n, version


def curated_pairs(path: Path) -> set[tuple[str, str]]:
    """(source, normalised target) of every row of a lexicon file, read by polyseg's loader."""
    entries = parse(path.read_text(encoding="utf-8"), str(path))
    return {(e.source, target_norm(e.target)) for e in entries}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="jamdict's SQLite JMdict (default: jamdict-data)")
    parser.add_argument("-o", "--output", type=Path, default=REPO / "lexicons/ja-en.jmdict.tsv")
    parser.add_argument("--curated", type=Path, default=REPO / "lexicons/ja-en.tsv")
    parser.add_argument("--min-zipf", type=float, default=2.5)
    parser.add_argument("--senses", type=int, default=10)
    parser.add_argument("--glosses", type=int, default=10, help="glosses kept per sense")
    parser.add_argument("--scale", type=float, default=0.8)
    args = parser.parse_args(argv)
    db = args.db or default_db()
    xml, entries, version = jmdict_xml(db, args.min_zipf, args.senses, args.glosses)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "jmdict.xml"
        path.write_text(xml, encoding="utf-8")
        result = import_jmdict(str(path))
    have = curated_pairs(args.curated)
    dropped: defaultdict[str, int] = defaultdict(int)
    rows: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()
    why_cache: dict[str, str] = {}
    for row in result.rows:
        pair = (row["source"], target_norm(row["target"]))
        if pair in have or pair in seen:
            dropped["in ja-en.tsv" if pair in have else "duplicate"] += 1
            continue
        if row["source"] not in why_cache:
            why_cache[row["source"]] = matchability(row["source"], "ja")
        if why_cache[row["source"]]:
            dropped["not matchable"] += 1
            continue
        seen.add(pair)
        row["weight"] = f"{float(row['weight']) * args.scale:.2f}".rstrip("0").rstrip(".")
        rows.append(row)
    options = (
        f"--min-zipf {args.min_zipf} --senses {args.senses} --glosses {args.glosses} "
        f"--scale {args.scale}"
    )
    head = LICENCE.format(version=version, options=options)
    args.output.write_text(head + lexicon_text(rows), encoding="utf-8")
    problems = len(result.problems) + sum(result.skipped.values())
    print(
        f"{entries} entries, {len(result.rows)} rows imported ({problems} glosses skipped by "
        f"the importer); dropped: "
        + ", ".join(f"{k} {v}" for k, v in sorted(dropped.items()))
        + f"; wrote {len(rows)} rows to {args.output}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""``polyseg lexicon induce`` and ``merge``: propose entries from parallel text, then add them.

Both sides are reduced to content lemmas (Korean: kiwipiepy lemmas of content tags, noun or
root + 하다 joined into one verb; Japanese: fugashi dictionary forms; English: lemminflect
lemmas of non-stop words); runs the lexicon already knows (정상+회담) stay one item.

Association is measured twice:

* IBM Model 1, trained by EM in both directions and seeded with the lexicon, so an English
  word already explained by a known translation in the same sentence is not credited to the
  other words of the sentence (the word that co-occurs with everything gets little mass).
* Dunning's log-likelihood ratio G² over sentence co-occurrence, with a minimum number of
  co-occurring sentence pairs, so that a pair seen once or twice cannot look perfect.

The score of a pair is the geometric mean of the two Model 1 probabilities t(e|f) and t(f|e),
damped by how far G² is above chance; candidates are written to a review TSV that a person
marks with ``accept`` before ``merge`` adds them to a user lexicon.
"""

from __future__ import annotations

import io
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, LexiconError
from ..script import count_scripts
from ..tokenize import get_tokenizer
from ..tokenize.base import run_key
from ..tokenize.english import tokenize_english
from ..types import Token
from ..write import commit
from .load import PairLexicon, Scan, read_lexicon_file, scan
from .schema import COLUMNS, HEADER_DOC, lang_of_file, lang_of_source, row_problems

REVIEW_COLUMNS = ("source", "target", "score", "support", "example_src", "example_tgt", "accept")
ACCEPT = frozenset({"y", "yes", "1", "x"})
NULL = "\0"  # the empty word of Model 1: English words with no source counterpart align here
SEED_BOOST = 20.0  # how much more a lexicon pair starts with than any other pair
G2_MIN = 10.83  # chi-square with 1 degree of freedom at p = 0.001
KO_TAGS = frozenset({"NNG", "NNP", "VV", "VA", "XR", "MAG"})
KO_LIGHT = frozenset({"하다", "되다", "있다", "없다", "않다", "이다", "같다", "그렇다", "이렇다"})
JA_POS = ("名詞", "動詞", "形容詞", "形状詞", "副詞")
# Frequent words that mostly build grammar or set phrases (そうですね, ように, すみません).
JA_LIGHT = frozenset(
    {"そう", "よう", "こう", "どう", "ああ", "いい", "良い", "ない", "無い", "済む"}
)
MAX_RUN = 6


@dataclass(frozen=True)
class Item:
    """A content lemma of a source sentence with the tag it came from."""

    lemma: str
    tag: str


@dataclass
class Sentence:
    src_text: str
    tgt_text: str
    src: list[str]
    tgt: list[str]


@dataclass(frozen=True)
class Candidate:
    source: str
    target: str
    score: float
    support: int
    g2: float
    t_fe: float
    t_ef: float
    example_src: str
    example_tgt: str


# --- reading inputs -----------------------------------------------------------------------


def _read_lines(path: str) -> list[str]:
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not UTF-8") from None
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [line.rstrip("\r") for line in lines]


def read_parallel(src_path: str, tgt_path: str) -> list[tuple[str, str]]:
    """Pairs of two line-aligned files; pairs with an empty side are dropped."""
    src, tgt = _read_lines(src_path), _read_lines(tgt_path)
    if len(src) != len(tgt):
        raise InputError(
            f"{src_path} has {len(src)} lines but {tgt_path} has {len(tgt)}: "
            "the files must be line-aligned"
        )
    return [
        (s.strip(), t.strip()) for s, t in zip(src, tgt, strict=True) if s.strip() and t.strip()
    ]


def read_aligned(path: str, lang: str | None) -> tuple[str, list[tuple[str, str]], list[str]]:
    """(language, pairs, problems) of an ``aligned.tsv`` written by ``polyseg process``."""
    lines = _read_lines(path)
    if not lines:
        raise InputError(f"{path}:1: empty file, expected the aligned.tsv header")
    header = lines[0].split("\t")
    need = ("src_lang", "src_text", "tgt_text")
    missing = [c for c in need if c not in header]
    if missing:
        raise InputError(f"{path}:1: not an aligned.tsv: no column {', '.join(missing)}")
    idx = {c: header.index(c) for c in need}
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    problems: list[str] = []
    for no, line in enumerate(lines[1:], 2):
        if not line.strip():
            continue
        cols = line.split("\t")
        if len(cols) != len(header):
            problems.append(f"{path}:{no}: {len(cols)} columns, the header has {len(header)}")
            continue
        row_lang = cols[idx["src_lang"]]
        if row_lang not in ("ko", "ja"):
            problems.append(f"{path}:{no}: src_lang {row_lang!r} is not ko or ja")
            continue
        src, tgt = cols[idx["src_text"]].strip(), cols[idx["tgt_text"]].strip()
        if src and tgt:
            by_lang[row_lang].append((src, tgt))
    if lang is None:
        if len(by_lang) > 1:
            counts = ", ".join(f"{k} {len(v)}" for k, v in sorted(by_lang.items()))
            raise InputError(f"{path}: rows of both languages ({counts}); pass --lang ko or ja")
        lang = next(iter(by_lang), "ko")
    return lang, by_lang.get(lang, []), problems


# --- tokens to items ----------------------------------------------------------------------


def _lex_run(tokens: Sequence[Token], i: int, lex: PairLexicon) -> int:
    """End of the longest run from ``i`` that is a lexicon key (0 when none of 2+ tokens)."""
    for j in range(min(len(tokens), i + MAX_RUN), i + 1, -1):
        run = tokens[i:j]
        if any(t.content for t in run) and lex.lookup(run_key(run)):
            return j
    return 0


def source_items(tokens: Sequence[Token], lang: str, lex: PairLexicon) -> list[Item]:
    """Content lemmas of a source sentence (known multi-token entries kept whole)."""
    out: list[Item] = []
    i, n = 0, len(tokens)
    while i < n:
        tok = tokens[i]
        j = _lex_run(tokens, i, lex)
        if j:
            run = tokens[i:j]
            tags = [t.tag for t in run if t.content] or [run[-1].tag]
            out.append(Item(run_key(run).replace(" ", ""), tags[-1]))
            i = j
            continue
        base = tok.tag.split("-")[0]
        sc = count_scripts(tok.lemma)
        if lang == "ko":
            nxt = tokens[i + 1] if i + 1 < n else None
            if (
                base in ("NNG", "XR")
                and nxt is not None
                and nxt.tag.startswith(("XSV", "XSA"))
                and nxt.lemma == "하다"
                and nxt.start == tok.end
            ):
                # 발표 + 하 → 발표하다: the verb is the lexicon entry, not the noun.
                out.append(Item(tok.form + "하다", nxt.tag))
                i += 2
                continue
            if base in KO_TAGS and tok.lemma not in KO_LIGHT and sc.hangul and tok.content:
                out.append(Item(tok.lemma, tok.tag))
        elif (
            tok.content
            and tok.lemma not in JA_LIGHT
            and tok.tag.startswith(JA_POS)
            and not tok.tag.startswith("名詞-数詞")
            and (sc.kana or sc.han)
        ):
            out.append(Item(tok.lemma, tok.tag))
        i += 1
    return out


def english_items(
    tokens: Sequence[Token], text: str, display: dict[str, Counter[str]]
) -> list[str]:
    """Content lemmas of an English sentence; ``display`` collects how each is written."""
    out: list[str] = []
    for k, t in enumerate(tokens):
        if not t.content or t.tag == "NUM" or len(t.lemma) < 2 or not t.lemma.isalpha():
            continue
        out.append(t.lemma)
        raw = text[t.start : t.end]
        if t.tag in ("ACR", "CAP") and k == 0:
            continue  # a capital at the start of a sentence says nothing about the word
        if t.tag in ("ACR", "CAP") and raw.lower() == t.lemma:
            # Written with capitals inside a sentence: a name or acronym (McCain, APEC).
            display[t.lemma][raw] += 1
        else:
            display[t.lemma][t.lemma] += 1
    return out


def _display(lemma: str, forms: Counter[str]) -> str:
    if not forms:
        return lemma
    best, n = forms.most_common(1)[0]
    # Lower case unless the word is written with capitals most of the time it is seen.
    return best if n * 2 > sum(forms.values()) else lemma


# --- association --------------------------------------------------------------------------


def ibm1(
    corpus: Sequence[tuple[Sequence[str], Sequence[str]]],
    iterations: int,
    seed: set[tuple[str, str]],
) -> dict[tuple[str, str], float]:
    """t(e|f) of IBM Model 1 for the co-occurring pairs; f includes the NULL word."""
    t: dict[tuple[str, str], float] = {}
    for fs, es in corpus:
        for f in (NULL, *fs):
            for e in es:
                t[(f, e)] = 1.0 + (SEED_BOOST if (f, e) in seed else 0.0)
    for _ in range(iterations):
        count: dict[tuple[str, str], float] = defaultdict(float)
        total: dict[str, float] = defaultdict(float)
        for fs, es in corpus:
            fl = (NULL, *fs)
            for e in es:
                denom = sum(t[(f, e)] for f in fl)
                for f in fl:
                    c = t[(f, e)] / denom
                    count[(f, e)] += c
                    total[f] += c
        t = {(f, e): c / total[f] for (f, e), c in count.items()}
    return t


def g2(k11: int, k1: int, k2: int, n: int) -> float:
    """Dunning's log-likelihood ratio of a 2×2 table: k11 together, k1 and k2 the margins."""
    k12, k21 = k1 - k11, k2 - k11
    k22 = n - k1 - k2 + k11
    cells = ((k11, k1, k2), (k12, k1, n - k2), (k21, n - k1, k2), (k22, n - k1, n - k2))
    total = 0.0
    for k, row, col in cells:
        if k > 0:
            total += k * math.log(k * n / (row * col))
    return 2.0 * total


@dataclass
class Corpus:
    sentences: list[Sentence] = field(default_factory=list)
    display: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))


def prepare(pairs: Iterable[tuple[str, str]], lang: str, lex: PairLexicon) -> Corpus:
    """Tokenize both sides of every pair into content lemmas."""
    tok = get_tokenizer(lang, lex.user_words())
    corpus = Corpus()
    for src, tgt in pairs:
        items = source_items(tok.tokenize(src), lang, lex)
        en = english_items(tokenize_english(tgt), tgt, corpus.display)
        corpus.sentences.append(Sentence(src, tgt, [i.lemma for i in items], en))
    return corpus


def known_targets(lex: PairLexicon, source: str) -> set[str]:
    """English lemmas of every translation of ``source`` in the lexicon."""
    return {lemma for t in lex.lookup(source) for lemma in t.lemmas}


def induce(
    corpus: Corpus,
    lang: str,
    lex: PairLexicon,
    min_support: int = 3,
    iterations: int = 5,
    per_source: int = 2,
) -> list[Candidate]:
    """Candidate translations not in the lexicon, best first."""
    sents = [s for s in corpus.sentences if s.src and s.tgt]
    n = len(sents)
    if not n:
        return []
    seed = {(f, e) for s in sents for f in s.src for e in known_targets(lex, f) if e in s.tgt}
    t_fe = ibm1([(s.src, s.tgt) for s in sents], iterations, seed)
    t_ef = ibm1([(s.tgt, s.src) for s in sents], iterations, {(e, f) for f, e in seed})

    occ_f: Counter[str] = Counter()
    occ_e: Counter[str] = Counter()
    cooc: Counter[tuple[str, str]] = Counter()
    example: dict[tuple[str, str], int] = {}
    for k, s in enumerate(sents):
        fs, es = set(s.src), set(s.tgt)
        occ_f.update(fs)
        occ_e.update(es)
        length = len(s.src_text) + len(s.tgt_text)
        for f in fs:
            for e in es:
                cooc[(f, e)] += 1
                prev = example.get((f, e))
                if prev is None or length < len(sents[prev].src_text) + len(sents[prev].tgt_text):
                    example[(f, e)] = k

    by_source: dict[str, list[Candidate]] = defaultdict(list)
    for (f, e), k11 in cooc.items():
        if k11 < min_support or e in known_targets(lex, f):
            continue
        # Positive association only: together more often than chance predicts.
        if k11 * n <= occ_f[f] * occ_e[e]:
            continue
        llr = g2(k11, occ_f[f], occ_e[e], n)
        if llr < G2_MIN:
            continue
        p_fe, p_ef = t_fe.get((f, e), 0.0), t_ef.get((e, f), 0.0)
        # Model 1 says which word of the sentence the English word belongs to; G² says the
        # pair is no accident. The factor reaches 1/2 at G² = 2 × G2_MIN.
        confidence = 1.0 - math.exp(-math.log(2) * llr / (2 * G2_MIN))
        score = math.sqrt(p_fe * p_ef) * confidence
        ex = sents[example[(f, e)]]
        by_source[f].append(
            Candidate(
                source=f,
                target=_display(e, corpus.display.get(e, Counter())),
                score=score,
                support=k11,
                g2=llr,
                t_fe=p_fe,
                t_ef=p_ef,
                example_src=ex.src_text,
                example_tgt=ex.tgt_text,
            )
        )
    out: list[Candidate] = []
    for cands in by_source.values():
        cands.sort(key=lambda c: -c.score)
        out.extend(cands[:per_source])
    out = [c for c in out if not row_problems(_candidate_row(c, lang), lang)]
    out.sort(key=lambda c: (-c.score, -c.support, c.source, c.target))
    return out


def _candidate_row(c: Candidate, lang: str) -> dict[str, str]:
    pos = "verb" if c.source.endswith("다") and lang == "ko" else "noun"
    return {
        "source": c.source,
        "target": c.target,
        "kind": "word",
        "pos": pos,
        "weight": "1",
        "origin": "induced:x",
    }


# --- review files -------------------------------------------------------------------------


def _clean(value: str) -> str:
    return " ".join(value.replace("\t", " ").split())


def review_text(rows: Iterable[Sequence[str]], source_name: str, lang: str, note: str = "") -> str:
    """A review TSV: provenance comments, header, rows (``accept`` left empty)."""
    buf = io.StringIO()
    buf.write(f"# source: {source_name}\n# lang: {lang}\n")
    if note:
        buf.write(f"# {note}\n")
    buf.write("# Mark accept with y, yes, 1 or x; then: polyseg lexicon merge THIS --into FILE\n")
    buf.write("\t".join(REVIEW_COLUMNS) + "\n")
    for row in rows:
        buf.write("\t".join(_clean(v) for v in row) + "\n")
    return buf.getvalue()


def candidate_rows(cands: Iterable[Candidate]) -> list[tuple[str, ...]]:
    return [
        (c.source, c.target, f"{c.score:.3f}", str(c.support), c.example_src, c.example_tgt, "")
        for c in cands
    ]


def write_text(path: str, text: str) -> None:
    """Write one file atomically (temporary file in the same folder, then rename)."""
    target = Path(path)
    name = target.name

    def writer(tmp: Path) -> None:
        tmp.write_text(text, encoding="utf-8", newline="\n")

    commit(str(target.parent) if str(target.parent) else ".", {name: writer})


@dataclass
class Review:
    path: str
    source_name: str
    lang: str
    rows: list[tuple[int, dict[str, str]]]
    problems: list[str]


def read_review(path: str) -> Review:
    """Rows of a review TSV with their line numbers; comment lines give source and lang."""
    lines = _read_lines(path)
    meta: dict[str, str] = {}
    header: list[str] | None = None
    rows: list[tuple[int, dict[str, str]]] = []
    problems: list[str] = []
    for no, line in enumerate(lines, 1):
        if line.startswith("#"):
            key, sep, value = line[1:].partition(":")
            if sep and key.strip() in ("source", "lang"):
                meta[key.strip()] = value.strip()
            continue
        if not line.strip():
            continue
        cols = line.split("\t")
        if header is None:
            missing = [c for c in ("source", "target", "score", "accept") if c not in cols]
            if missing:
                raise InputError(f"{path}:{no}: not a review file: no column {', '.join(missing)}")
            header = cols
            continue
        if len(cols) > len(header):
            problems.append(f"{path}:{no}: {len(cols)} columns, the header has {len(header)}")
            continue
        rows.append((no, dict(zip(header, cols, strict=False))))
    if header is None:
        raise InputError(f"{path}: no header row ({' '.join(REVIEW_COLUMNS)})")
    return Review(path, meta.get("source", Path(path).stem), meta.get("lang", ""), rows, problems)


# --- writing into a user lexicon ----------------------------------------------------------

KO_POS = {"VV": "verb", "VA": "adj", "MAG": "adv", "MAJ": "adv", "NR": "num", "SN": "num"}
KO_POS.update({"MM": "adj", "IC": "expr", "XSV": "verb", "XSA": "adj"})
JA_POS_MAP = (
    ("名詞-数詞", "num"),
    ("動詞", "verb"),
    ("形容詞", "adj"),
    ("形状詞", "adj"),
    ("連体詞", "adj"),
    ("副詞", "adv"),
    ("感動詞", "expr"),
    ("名詞", "noun"),
    ("代名詞", "noun"),
)


def pos_of_tag(tag: str) -> str:
    """A schema pos (noun verb adj adv num expr other) from a kiwipiepy or UniDic tag."""
    base = tag.split("-")[0]
    if base in KO_POS:
        return KO_POS[base]
    if base.startswith("NN") or base in ("NP", "XR", "SH"):
        return "noun"
    for prefix, pos in JA_POS_MAP:
        if tag.startswith(prefix):
            return pos
    return "other"


def guess_pos(source: str, lang: str, user_words: tuple[tuple[str, str], ...] = ()) -> str:
    """The pos of an entry from the tag of its head token (the last that carries meaning).

    Endings are skipped; a verb- or adjective-forming suffix (발표+하다, 発表+する) decides.
    """
    tokens = get_tokenizer(lang, user_words).tokenize(source)
    for tok in reversed(tokens):
        if tok.tag.startswith(("XSV", "XSA", "動詞")):
            return pos_of_tag(tok.tag)
        if tok.content:
            return pos_of_tag(tok.tag)
    return pos_of_tag(tokens[-1].tag) if tokens else "other"


@dataclass
class Target:
    """A user lexicon file to add rows to: its text, header and existing (source, target)."""

    path: str
    text: str
    header: list[str]
    existing: dict[tuple[str, str], int]
    scan: Scan | None = None


def open_target(path: str) -> Target:
    """Read the lexicon file rows will be added to (a new file starts with the header doc)."""
    if not Path(path).exists():
        return Target(path, HEADER_DOC + "\t".join(COLUMNS) + "\n", list(COLUMNS), {})
    _data, text = read_lexicon_file(path)
    result = scan(text, path)
    if result.header is None:
        no, problem = result.problems[0]
        raise LexiconError(path, no, problem)
    existing: dict[tuple[str, str], int] = {}
    for raw in result.rows:
        existing.setdefault((raw.row["source"], raw.row["target"].lower()), raw.line)
    return Target(path, text, result.header, existing, result)


def format_row(row: dict[str, str], header: Sequence[str]) -> str:
    return "\t".join(_clean(row.get(c, "")) for c in header)


def append_rows(target: Target, rows: Sequence[dict[str, str]]) -> None:
    """Append rows to the target file atomically (the whole file is rewritten)."""
    text = target.text
    if text and not text.endswith("\n"):
        text += "\n"
    text += "".join(format_row(r, target.header) + "\n" for r in rows)
    write_text(target.path, text)


@dataclass
class MergeResult:
    added: list[dict[str, str]] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    not_accepted: int = 0
    invalid: list[str] = field(default_factory=list)


def merge(review_path: str, into: str, lang: str | None = None) -> MergeResult:
    """Add the accepted rows of a review file to ``into``; skip duplicates and bad rows."""
    review = read_review(review_path)
    target = open_target(into)
    lang = lang or review.lang or lang_of_file(into) or ""
    result = MergeResult(invalid=list(review.problems))
    user_words: dict[str, tuple[tuple[str, str], ...]] = {}
    seen = dict(target.existing)
    for no, row in review.rows:
        if row.get("accept", "").strip().lower() not in ACCEPT:
            result.not_accepted += 1
            continue
        src, tgt = row.get("source", "").strip(), row.get("target", "").strip()
        row_lang = lang if lang in ("ko", "ja") else lang_of_source(src)
        try:
            weight = min(1.0, max(0.01, float(row.get("score", ""))))
        except ValueError:
            result.invalid.append(
                f"{review_path}:{no}: score {row.get('score', '')!r} is not a number"
            )
            continue
        if not math.isfinite(weight):
            result.invalid.append(f"{review_path}:{no}: score is not a finite number")
            continue
        entry = {
            "source": src,
            "target": tgt,
            "kind": "word",
            "pos": "other",
            "weight": f"{weight:.2f}".rstrip("0").rstrip(".") if weight < 1 else "1",
            "origin": f"induced:{review.source_name}",
            "domain": "",
            "note": "",
        }
        problems = row_problems(entry, row_lang)
        if problems:
            result.invalid.append(f"{review_path}:{no}: {'; '.join(problems)}")
            continue
        key = (src, tgt.lower())
        if key in seen:
            where = f"{into}:{seen[key]}" if seen[key] > 0 else f"{review_path}:{-seen[key]}"
            result.duplicates.append(f"{review_path}:{no}: {src} → {tgt} is already in {where}")
            continue
        if row_lang not in user_words:
            from .check import user_words_for

            user_words[row_lang] = user_words_for(row_lang, [(into, target.text)])
        entry["pos"] = guess_pos(src, row_lang, user_words[row_lang])
        seen[key] = -no  # negative: a line of the review file, not of the lexicon
        result.added.append(entry)
    if result.added:
        append_rows(target, result.added)
    return result

"""The only module that knows the order of the stages:

read → detect → segment → tokenize → align (per story) → write.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from . import __version__
from .align import AlignOptions, align_story
from .align.selftrain import SelfTrainOptions, extend, learn
from .detect import detect
from .lexicon import Lexicon, PairLexicon, load_lexicons
from .read import Skipped, read_documents
from .segment import segment_document
from .tokenize import get_tokenizer
from .types import Counts, Detected, Document, Link, Post, Sentence
from .write import commit
from .write.tsv import (
    ALIGNED_COLUMNS,
    POSTS_COLUMNS,
    SENTENCES_COLUMNS,
    aligned_rows,
    post_rows,
    sentence_rows,
    write_rows,
)


@dataclass(frozen=True)
class Config:
    """Everything a run depends on; recorded in run.json."""

    inputs: tuple[str, ...]
    outdir: str
    scope: str = "story"
    lexicons: tuple[str, ...] = ()
    shipped_lexicons: bool = True
    min_score: float = 0.4
    merges: bool = True
    self_train: bool = False
    disabled: tuple[str, ...] = ()  # evidence kinds switched off (for ablations)


def align_all(prep: Prepared, config: Config) -> tuple[list[Link], int]:
    """Align every story; with ``self_train``, learn from the first pass and align again.

    Returns the links and the number of translations learned.
    """
    opts = AlignOptions(
        min_score=config.min_score,
        scope=config.scope,
        merges=config.merges,
        disabled=frozenset(config.disabled),
    )

    def one_pass(lexicons: dict[str, PairLexicon]) -> list[Link]:
        links: list[Link] = []
        for story in sorted(prep.units):
            story_sources = prep.sources.get(story, [])
            links.extend(align_story(story_sources, prep.posts, prep.units[story], lexicons, opts))
        return links

    links = one_pass(prep.lexicons)
    if not config.self_train:
        return links, 0
    st = SelfTrainOptions()
    learned = learn(links, prep.lexicons, st)
    n = sum(len(v) for v in learned.values())
    if n == 0:
        return links, 0
    return one_pass(extend(prep.lexicons, learned, st)), n


@dataclass
class Summary:
    counts: Counts
    skipped: list[Skipped] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)
    elapsed: float = 0.0

    def lines(self) -> list[str]:
        """The human summary printed on stderr at the end of a run."""
        c = self.counts
        enc = ", ".join(
            f"{k.split(':', 1)[1]} {v}"
            for k, v in sorted(c.values.items())
            if k.startswith("encoding:")
        )
        skipped = ", ".join(
            f"{k.split(':', 1)[1]} {v}"
            for k, v in sorted(c.values.items())
            if k.startswith("skipped:")
        )
        debris = ", ".join(
            f"{k.split(':', 1)[1]} {v}"
            for k, v in sorted(c.values.items())
            if k.startswith("debris:")
        )
        out = [
            f"documents: {c.get('documents')} read ({enc or 'none'}), "
            f"{sum(s for k, s in c.values.items() if k.startswith('skipped:'))} skipped"
            + (f" ({skipped})" if skipped else ""),
        ]
        out += [f"  skipped {s.path}: {s.detail}" for s in self.skipped]
        out.append(
            f"posts: {c.get('posts')} (embed {c.get('posts:embed')}, "
            f"paragraph {c.get('posts:paragraph')}); debris lines dropped: "
            f"{sum(s for k, s in c.values.items() if k.startswith('debris:'))}"
            + (f" ({debris})" if debris else "")
        )
        out.append(
            f"sentences: ko {c.get('sentences:ko')}, ja {c.get('sentences:ja')}; "
            f"English units {c.get('english_units')}"
        )
        out.append(
            f"links: {c.get('links')}; source sentences linked {c.get('sentences_linked')}, "
            f"unlinked {c.get('sentences_unlinked')}"
        )
        if not c.get("posts"):
            out.append("no Korean or Japanese posts found: the corpus files hold only headers")
        out.append(f"wrote {', '.join(self.outputs)} in {self.elapsed:.1f}s")
        return out


@dataclass
class Prepared:
    """Everything the aligner needs, per story: the stages before alignment, done once."""

    counts: Counts
    skipped: list[Skipped]
    docs: list[Document]
    posts: dict[tuple[str, str], Post]
    sources: dict[str, list[Sentence]]  # story → source sentences of its posts
    units: dict[str, dict[str, list[Sentence]]]  # story → doc_id → English units
    lexicons: dict[str, PairLexicon]
    lexicon: Lexicon
    versions: dict[str, str]


def prepare(config: Config) -> Prepared:
    """Read, detect, segment and tokenize ``config.inputs``."""
    counts = Counts()
    lexicon = load_lexicons(list(config.lexicons), config.shipped_lexicons)
    docs, skipped = read_documents(list(config.inputs), counts)

    detected: list[Detected] = [detect(d) for d in docs]
    posts: dict[tuple[str, str], Post] = {}
    for det in detected:
        for p in det.posts:
            posts[(p.doc_id, p.post_id)] = p
            counts.add("posts")
            counts.add(f"posts:{p.kind}")
        for d in det.debris:
            counts.add(f"debris:{d.reason}")

    langs = {p.lang for p in posts.values()}
    pair_lex = {lang: lexicon.for_lang(lang) for lang in sorted(langs)}
    tokenizers = {lang: get_tokenizer(lang, pair_lex[lang].user_words()) for lang in pair_lex}
    english = get_tokenizer("en")
    versions: dict[str, str] = {"polyseg": __version__, **english.versions()}
    for tok in tokenizers.values():
        versions.update(tok.versions())

    def split_source(lang: str, text: str) -> list[tuple[int, int]]:
        return tokenizers[lang].split_sentences(text)

    sources: dict[str, list[Sentence]] = {}
    units: dict[str, dict[str, list[Sentence]]] = {}
    for det in detected:
        src, en = segment_document(det, split_source)
        story = det.doc.story if config.scope == "story" else det.doc.doc_id
        sources.setdefault(story, []).extend(
            replace(s, tokens=tokenizers[s.lang].tokenize(s.text)) for s in src
        )
        units.setdefault(story, {})[det.doc.doc_id] = [
            replace(u, tokens=english.tokenize(u.text)) for u in en
        ]
        for s in src:
            counts.add(f"sentences:{s.lang}")
        counts.add("english_units", sum(1 for u in en if u.kind == "sentence"))
    return Prepared(counts, skipped, docs, posts, sources, units, pair_lex, lexicon, versions)


def process(config: Config) -> Summary:
    """Run the whole pipeline on ``config.inputs`` and write the corpus to ``config.outdir``."""
    t0 = time.perf_counter()
    prep = prepare(config)
    counts, skipped, docs, posts = prep.counts, prep.skipped, prep.docs, prep.posts
    sources, lexicon = prep.sources, prep.lexicon

    links, learned = align_all(prep, config)
    counts.add("links", len(links))
    if config.self_train:
        counts.add("self_train:learned", learned)

    link_count: Counter[tuple[str, str, int]] = Counter(
        (s.doc_id, s.post_id, s.index) for lk in links for s in lk.src
    )
    linked = Counter((doc, post) for doc, post, _index in link_count)  # sentences per post
    n_sent = Counter((s.doc_id, s.post_id) for sents in sources.values() for s in sents)
    n_linked = len(link_count)
    counts.add("sentences_linked", n_linked)
    counts.add("sentences_unlinked", sum(n_sent.values()) - n_linked)

    all_sources = [s for story in sorted(sources) for s in sources[story]]
    doc_by_id = {d.doc_id: d for d in docs}
    post_table = [(p, p.text(doc_by_id[p.doc_id]), n_sent[k], linked[k]) for k, p in posts.items()]
    elapsed = time.perf_counter() - t0
    run = {
        "versions": prep.versions,
        "lexicons": [{"path": p, "sha256": h, "rows": n} for p, h, n in lexicon.files],
        "options": {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(config).items()},
        "counts": dict(sorted(counts.values.items())),
        "skipped": [asdict(s) for s in skipped],
        "elapsed_seconds": round(elapsed, 3),
    }

    def write_run(path: Path) -> None:
        path.write_text(json.dumps(run, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

    outputs = commit(
        config.outdir,
        {
            "aligned.tsv": lambda p: write_rows(p, ALIGNED_COLUMNS, aligned_rows(links)),
            "posts.tsv": lambda p: write_rows(p, POSTS_COLUMNS, post_rows(post_table)),
            "sentences.tsv": lambda p: write_rows(
                p, SENTENCES_COLUMNS, sentence_rows(all_sources, link_count)
            ),
            "run.json": write_run,
        },
    )
    return Summary(counts, skipped, outputs, time.perf_counter() - t0)

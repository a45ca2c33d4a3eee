"""The TSV corpus files: aligned.tsv (one row per link) and posts.tsv (one row per post)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..types import Link, Post, Sentence, Token

ALIGNED_COLUMNS = (
    "doc_id",
    "post_id",
    "src_lang",
    "src_text",
    "tgt_doc_id",
    "tgt_text",
    "score",
    "src_tokens",
    "tgt_tokens",
    "evidence",
    "src_sentences",
    "tgt_kind",
    "src_start",
    "src_end",
    "tgt_start",
    "tgt_end",
)
POSTS_COLUMNS = (
    "doc_id",
    "post_id",
    "kind",
    "src_lang",
    "line",
    "author",
    "handle",
    "date",
    "link",
    "truncated",
    "sentences",
    "sentences_linked",
    "text",
)
SENTENCES_COLUMNS = (
    "doc_id",
    "post_id",
    "index",
    "src_lang",
    "text",
    "tokens",
    "links",
    "start",
    "end",
)
_WS_RE = re.compile(r"[\t\r\n\v\f\u2028\u2029]+")


def clean(value: object) -> str:
    """One field: tabs and line breaks become one space each run."""
    return _WS_RE.sub(" ", str(value))


def tokens_field(tokens: Iterable[Token]) -> str:
    return " ".join(f"{t.form}/{t.tag}" for t in tokens if t.form.strip())


def write_rows(path: Path, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\t".join(header) + "\n")
        for row in rows:
            fh.write("\t".join(clean(v) for v in row) + "\n")


def aligned_rows(links: Iterable[Link]) -> Iterable[tuple[object, ...]]:
    for lk in links:
        yield (
            lk.doc_id,
            lk.post_id,
            lk.src_lang,
            " ".join(s.text for s in lk.src),
            lk.tgt.doc_id,
            lk.tgt.text,
            f"{lk.score:.3f}",
            " ".join(tokens_field(s.tokens) for s in lk.src),
            tokens_field(lk.tgt.tokens),
            ";".join(lk.evidence),
            ",".join(str(s.index + 1) for s in lk.src),
            lk.tgt.kind,
            lk.src[0].start,
            lk.src[-1].end,
            lk.tgt.start,
            lk.tgt.end,
        )


def post_rows(
    posts: Iterable[tuple[Post, str, int, int]],
) -> Iterable[tuple[object, ...]]:
    """Rows from (post, text, sentence count, linked sentence count)."""
    for p, text, n, linked in posts:
        yield (
            p.doc_id,
            p.post_id,
            p.kind,
            p.lang,
            p.line,
            p.author,
            p.handle,
            p.date,
            p.link,
            "yes" if p.truncated else "no",
            n,
            linked,
            text,
        )


def sentence_rows(
    sentences: Iterable[Sentence], links: dict[tuple[str, str, int], int]
) -> Iterable[tuple[object, ...]]:
    """Every source sentence with its tokens and number of links, linked or not."""
    for s in sentences:
        yield (
            s.doc_id,
            s.post_id,
            s.index + 1,
            s.lang,
            s.text,
            tokens_field(s.tokens),
            links.get((s.doc_id, s.post_id, s.index), 0),
            s.start,
            s.end,
        )

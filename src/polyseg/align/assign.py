"""Choose links for a story: score every source group against every English unit, then
accept the best-scoring candidates greedily under the constraints of a rendering.

Constraints: a source sentence has at most one rendering per document; an English span
renders at most one source group; merged units (two source sentences, two English
sentences) must beat their parts, which they do only when both halves carry evidence.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from ..lexicon import PairLexicon
from ..tokenize.english import tokenize_english
from ..types import Link, Post, Sentence
from .features import EnTok, SrcItem, english_tokens, source_items
from .score import PairScore, score_pair

# Verbs and nouns of speech that make a sentence naming the author a report of the post.
SPEECH = frozenset(
    """say write post tweet state statement add tell stress emphasize emphasise note express
    describe call remark comment confirm message share""".split()
)
QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


@dataclass(frozen=True)
class AlignOptions:
    min_score: float = 0.5
    scope: str = "story"  # story | doc
    merges: bool = True
    merge_penalty: float = 0.08
    quote_bonus: float = 0.15
    min_evidence: int = 2
    common_df: float = 0.25


@dataclass(frozen=True)
class _Candidate:
    score: float
    group: tuple[Sentence, ...]
    unit: Sentence
    result: PairScore
    evidence: tuple[str, ...]


def _common_lemmas(units: Iterable[Sentence], threshold: float) -> frozenset[str]:
    """Lemmas found in more than ``threshold`` of the story's English sentences."""
    sents = [u for u in units if u.kind == "sentence"]
    if len(sents) < 8:
        return frozenset()
    df: Counter[str] = Counter()
    for u in sents:
        df.update({t.lemma for t in u.tokens if t.content})
    return frozenset(w for w, c in df.items() if c / len(sents) > threshold)


def _author_lemmas(post: Post, lex: PairLexicon) -> frozenset[str]:
    out: set[str] = set()
    if post.author:
        for tgt in lex.english_names(post.author):
            out.update(tgt.lemmas)
    if post.handle:
        for part in re.split(r"[_\d]+|(?<=[a-z])(?=[A-Z])", post.handle):
            if len(part) >= 3:
                out.add(part.lower())
    return frozenset(out)


def _speaker_context(unit: Sentence, units: list[Sentence]) -> frozenset[str]:
    """Lemmas that say who is speaking: the text of the unit's paragraph outside quotes
    (a quote may run over several sentences before "…,” Myung said"); for a sentence of
    reported speech, the sentence itself without its quotes."""
    if unit.kind == "quote":
        text = " ".join(
            u.text for u in units if u.kind == "sentence" and u.paragraph == unit.paragraph
        )
    else:
        text = unit.text
    return frozenset(t.lemma for t in tokenize_english(QUOTED_RE.sub(" ", text)))


def _groups(sources: list[Sentence], merges: bool) -> list[tuple[Sentence, ...]]:
    by_post: dict[tuple[str, str], list[Sentence]] = {}
    for s in sources:
        by_post.setdefault((s.doc_id, s.post_id), []).append(s)
    groups: list[tuple[Sentence, ...]] = []
    for sents in by_post.values():
        sents.sort(key=lambda s: s.index)
        groups.extend((s,) for s in sents)
        if merges:
            groups.extend(itertools.pairwise(sents))
    return groups


def _overlaps(a: Sentence, b: Sentence) -> bool:
    return a.start < b.end and b.start < a.end


def align_story(
    sources: list[Sentence],
    posts: dict[tuple[str, str], Post],
    units: dict[str, list[Sentence]],
    lexicons: dict[str, PairLexicon],
    opts: AlignOptions,
) -> list[Link]:
    """Links for the source sentences of one story against its English units."""
    if not sources:
        return []
    all_units = [u for us in units.values() for u in us]
    common = _common_lemmas(all_units, opts.common_df)
    en_feats: dict[int, list[EnTok]] = {id(u): english_tokens(u.tokens, common) for u in all_units}
    src_feats: dict[int, list[SrcItem]] = {
        id(s): source_items(s.tokens, lexicons[s.lang]) for s in sources
    }
    speaker: dict[int, frozenset[str]] = {}
    candidates: list[_Candidate] = []
    for group in _groups(sources, opts.merges):
        first = group[0]
        post = posts[(first.doc_id, first.post_id)]
        author = _author_lemmas(post, lexicons[first.lang])
        items = [i for s in group for i in src_feats[id(s)]]
        docs = list(units) if opts.scope == "story" else [first.doc_id]
        for doc_id in docs:
            for unit in units.get(doc_id, []):
                en = en_feats[id(unit)]
                if not en:
                    continue
                if opts.merges is False and unit.kind == "pair":
                    continue
                res = score_pair(items, en)
                # Names alone do not make a rendering: "I played drums with President Lee"
                # shares a name and a title with 李在明大統領と首脳会談を行いました.
                if res.content_matched < opts.min_evidence and not (
                    res.matched >= 1 and len(items) <= 2 and len(en) <= 3
                ):
                    continue
                score = res.score
                evidence = res.evidence
                if author:
                    if id(unit) not in speaker:
                        speaker[id(unit)] = _speaker_context(unit, units[doc_id])
                    context = speaker[id(unit)]
                    if author & context and (unit.kind == "quote" or SPEECH & context):
                        score += opts.quote_bonus * (1 - score)
                        how = "quote" if unit.kind == "quote" else "speaker"
                        evidence = (*evidence, f"{how}:{post.author or post.handle}")
                if len(group) > 1 or unit.kind == "pair":
                    score -= opts.merge_penalty
                if score >= opts.min_score:
                    candidates.append(_Candidate(round(score, 4), group, unit, res, evidence))
    # On equal scores: fewer source sentences, a quote before the sentence holding it.
    kind_rank = {"quote": 0, "sentence": 1, "pair": 2}
    candidates.sort(
        key=lambda c: (-c.score, len(c.group), kind_rank[c.unit.kind], c.unit.doc_id, c.unit.start)
    )
    taken_src: set[tuple[int, str]] = set()  # (id(source sentence), target doc)
    taken_en: dict[str, list[Sentence]] = {}
    links: list[Link] = []
    for c in candidates:
        doc = c.unit.doc_id
        if any((id(s), doc) in taken_src for s in c.group):
            continue
        if any(_overlaps(c.unit, u) for u in taken_en.get(doc, [])):
            continue
        # A merged group must not be carried by one strong half.
        if len(c.group) > 1:
            halves = [score_pair(src_feats[id(s)], en_feats[id(c.unit)]) for s in c.group]
            if min(h.matched for h in halves) < 1:
                continue
        for s in c.group:
            taken_src.add((id(s), doc))
        taken_en.setdefault(doc, []).append(c.unit)
        first = c.group[0]
        links.append(
            Link(first.doc_id, first.post_id, first.lang, c.group, c.unit, c.score, c.evidence)
        )
    links.sort(key=lambda lk: (lk.doc_id, lk.post_id, lk.src[0].index, lk.tgt.doc_id, lk.tgt.start))
    return links

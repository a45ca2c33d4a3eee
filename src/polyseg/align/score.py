"""Score one source group against one English unit from the evidence they share.

The score is the harmonic mean of two coverages: the share of the source's evidence weight
that found its English counterpart, and the share of the English unit's content weight that
was explained. Both directions matter: a short post sentence inside a long English sentence
explains little of it, and a short English quote explains little of a long sentence.
"""

from __future__ import annotations

from dataclasses import dataclass

from .features import EnTok, SrcItem, origin_lemma

MIN_STEM = 6
# Shorter skeletons (Kim → km) match too many unrelated names.
MIN_SKELETON = 3
PARTIAL_CREDIT = 0.6
# Joins source and target in the evidence label of a part of a multi-word target
# (정상회의~summit meeting), where a whole one has "=".
PARTIAL_MARK = "~"
PARTIAL_MIN_WEIGHT = 0.6
# The weight of an English token (``features.english_tokens``: ``general_weight``, halved
# for a word frequent in the story) rare enough that finding it says more than its share of
# coverage: the full weight, below Zipf frequency 5 (nightmare, confidentiality, blog, trip;
# not okay, sure, good).
RARE_WEIGHT = 1.0


def _adverbs(adj: str) -> tuple[str, ...]:
    """The adverbs an adjective may have: new ~ newly, happy ~ happily, gentle ~ gently,
    basic ~ basically."""
    if len(adj) < 3:
        return ()
    out = [adj + "ly", adj + "ally"]
    if adj.endswith("y"):
        out.append(adj[:-1] + "ily")
    if adj.endswith("le"):
        out.append(adj[:-1] + "y")
    return tuple(out)


def _stem_match(a: str, b: str) -> bool:
    """relation ~ relationship, cooperate ~ cooperation, important ~ importance;
    not country ~ counter (a five-letter prefix is too short to tell)."""
    if len(a) < MIN_STEM or len(b) < MIN_STEM:
        return False
    k = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        k += 1
    return k >= MIN_STEM and k >= 0.75 * min(len(a), len(b))


# Adjectives of place names: Iraq → Iraqi, Korea → Korean, China → Chinese, Italy → Italian,
# Mexico → Mexican, Turkey → Turkish.
_DEMONYM_SUFFIXES = ("i", "n", "an", "ian", "ese", "ish")
_DEMONYM_DROPS = ("", "a", "e", "o", "y", "ey")


def _demonym_match(word: str, name: str) -> bool:
    """Whether ``word`` is the adjective of the one-word place name ``name``."""
    if len(name) < 4 or len(word) <= len(name) - 2:
        return False
    for drop in _DEMONYM_DROPS:
        if drop and not name.endswith(drop):
            continue
        stem = name[: len(name) - len(drop)]
        if word.startswith(stem) and word[len(stem) :] in _DEMONYM_SUFFIXES:
            return True
    return False


@dataclass(frozen=True)
class PairScore:
    score: float
    src_cover: float
    en_cover: float
    matched: int
    evidence: tuple[str, ...]
    content_matched: int = 0  # matched items that are not names
    # matched content items that found a rare English word (``RARE_WEIGHT``) or a whole
    # target of several words ("daily report"); not a number, a Latin token or an
    # interjection
    specific: int = 0


class _EnIndex:
    """Where each lemma, form and stem prefix stands in an English unit, so that finding a
    word is a lookup rather than a scan (results are those of a scan: the first unused
    position that matches)."""

    def __init__(self, en: list[EnTok]) -> None:
        self.en = en
        self.exact: dict[str, list[int]] = {}
        self.prefix: dict[str, list[int]] = {}
        for k, t in enumerate(en):
            self.exact.setdefault(t.lemma, []).append(k)
            if t.form != t.lemma:
                self.exact.setdefault(t.form, []).append(k)
            if len(t.lemma) >= MIN_STEM:
                self.prefix.setdefault(t.lemma[:MIN_STEM], []).append(k)

    def find(self, lemma: str, used: list[bool], fuzzy: bool, name: bool = False) -> int:
        for k in self.exact.get(lemma, ()):
            if not used[k]:
                return k
        if not fuzzy:
            return -1
        en = self.en
        ks: set[int] = set()
        if len(lemma) >= MIN_STEM:
            ks.update(
                k for k in self.prefix.get(lemma[:MIN_STEM], ()) if _stem_match(en[k].lemma, lemma)
            )
        for adverb in _adverbs(lemma):
            ks.update(k for k in self.exact.get(adverb, ()) if en[k].form == adverb)
        if name:
            ks.update(k for k, t in enumerate(en) if _demonym_match(t.form, lemma))
        return min((k for k in ks if not used[k]), default=-1)


def _match_target(
    lemmas: tuple[str, ...], index: _EnIndex, used: list[bool], fuzzy: bool, name: bool = False
) -> list[int]:
    picks: list[int] = []
    for lemma in lemmas:
        k = index.find(lemma, used, fuzzy, name)
        if k < 0 or k in picks:
            return []
        picks.append(k)
    return picks


def _best_target(
    item: SrcItem, index: _EnIndex, used: list[bool], names: bool
) -> tuple[list[int], float, str]:
    """The lexicon target of ``item`` that explains the most English weight.

    Exact lemma matches are preferred; a single-word target may fall back to a shared stem
    (relation ~ relationship), its adverb (new ~ newly) or, for a place name, its adjective
    (Iraq ~ Iraqi), only when no target matches exactly.
    """
    en = index.en
    for fuzzy in (False, True):
        best: tuple[list[int], float, str] | None = None
        best_cover = 0.0
        for tgt in item.targets:
            if not tgt.lemmas or (fuzzy and len(tgt.lemmas) > 1):
                continue
            if tgt.kind == "name" and not names:
                continue
            picks = _match_target(tgt.lemmas, index, used, fuzzy, tgt.kind == "name")
            if not picks:
                continue
            cover = sum(en[k].weight for k in picks) * tgt.weight
            if cover > best_cover:
                tag = {"name": "name:", "ask": "ask:", "stop": "stop:", "neg": "neg:"}.get(
                    tgt.kind, ""
                )
                best_cover = cover
                best = (picks, tgt.weight, f"{tag}{item.key}={tgt.text}")
        if best is not None:
            return best
    # Last, part of a multi-word target ("summit meeting" → "summit"), at reduced credit and
    # only through a word that is not common: a shared "make" proves nothing.
    partial: tuple[list[int], float, str] | None = None
    for tgt in item.targets:
        if len(tgt.lemmas) < 2 or tgt.kind == "name":
            continue
        picks = []
        for lemma in tgt.lemmas:
            k = index.find(lemma, used, False)
            if k >= 0 and k not in picks and en[k].weight >= PARTIAL_MIN_WEIGHT:
                picks.append(k)
        credit = tgt.weight * PARTIAL_CREDIT
        if picks and (partial is None or credit > partial[1]):
            partial = (picks, credit, f"{item.key}{PARTIAL_MARK}{tgt.text}")
    return partial or ([], 0.0, "")


# Kinds of evidence, each of which can be switched off (``--disable``) to measure its worth.
EVIDENCE = frozenset({"numbers", "names", "translit", "latin", "loanwords"})


def score_pair(
    src: list[SrcItem], en: list[EnTok], evidence_kinds: frozenset[str] = EVIDENCE
) -> PairScore:
    """Match source items to English tokens one-to-one and score the coverage.

    A source item earns the credit of the English tokens it explains: an item that only
    finds words frequent in the story (the leaders' names, "drum" in a drum story) earns
    half, as those words do on the English side.
    """
    # Question words, stop-word renderings and negation on either side count only when they
    # meet (features.MEET_KINDS): 都合はどう？ may be rendered "does that work with you?", and
    # "How about…?" need not render a どう.
    src_total = sum(i.weight for i in src if not i.meets)
    en_total = sum(t.weight for t in en if not t.meets)
    if not src or not en:
        return PairScore(0.0, 0.0, 0.0, 0, ())
    used = [False] * len(en)
    index = _EnIndex(en)
    src_got = 0.0
    en_got = 0.0
    evidence: list[str] = []
    content = 0
    specific = 0
    # Names, numbers and Latin tokens first: they are the least ambiguous evidence.
    order = sorted(src, key=lambda i: (not i.name, not (i.number or i.latin), len(i.targets)))
    for item in order:
        picks: list[int] = []
        credit = 1.0
        label = ""
        if item.number and "numbers" in evidence_kinds:
            for k, t in enumerate(en):
                if used[k]:
                    continue
                if item.month and t.month == item.month:
                    picks, label = [k], f"month:{item.month}"
                    break
                if t.number == item.number or (item.hour and t.number == item.hour):
                    picks, label = [k], f"#{item.number}"
                    break
        if not picks and item.targets:
            picks, credit, label = _best_target(item, index, used, "names" in evidence_kinds)
        if not picks and item.latin and "latin" in evidence_kinds:
            k = index.find(item.latin, used, False)
            if k >= 0:
                picks, label = [k], f"latin:{item.text}"
        if not picks and item.origin and "loanwords" in evidence_kinds:
            k = index.find(origin_lemma(item.origin), used, True)
            if k >= 0:
                picks, label = [k], f"loan:{item.text}={item.origin}"
        if not picks and item.romaji and "translit" in evidence_kinds:
            # 能勢 read ノセ ↔ "Nose-san": a name, spelled out whole (a two-consonant
            # skeleton is too short to tell)
            for k, t in enumerate(en):
                if not used[k] and t.romaji == item.romaji:
                    picks, label = [k], f"name:{item.text}={t.form}"
                    break
        if not picks and len(item.translit) >= MIN_SKELETON and "translit" in evidence_kinds:
            for k, t in enumerate(en):
                if not used[k] and t.translit == item.translit and (t.name or item.loanword):
                    picks, label = [k], f"translit:{item.text}={t.form}"
                    break
        if not picks:
            continue
        if item.meets:
            src_total += item.weight
        for k in picks:
            used[k] = True
            en_got += en[k].weight * credit
            if en[k].meets:
                en_total += en[k].weight
        commonness = 1.0 if item.meets else max(en[k].weight for k in picks)
        src_got += item.weight * credit * commonness
        evidence.append(label)
        # Names, question words, stop words and negation alone do not make a rendering (see
        # assign).
        if not label.startswith(("name:", "ask:", "stop:", "neg:")):
            content += 1
            if (
                not item.interjection  # へー ↔ "wow", こんにちは ↔ "hi"
                and not label.startswith(("#", "month:", "latin:"))
                and PARTIAL_MARK not in label
                and (len(picks) > 1 or en[picks[0]].weight >= RARE_WEIGHT)
            ):
                specific += 1
    if src_total <= 0 or en_total <= 0:
        return PairScore(0.0, 0.0, 0.0, 0, ())
    r = src_got / src_total
    p = en_got / en_total
    score = 0.0 if r <= 0 or p <= 0 else 2 * p * r / (p + r)
    return PairScore(min(1.0, score), r, p, len(evidence), tuple(evidence), content, specific)

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
PARTIAL_MIN_WEIGHT = 0.6


def _adverb_of(word: str, adj: str) -> bool:
    """new ~ newly, happy ~ happily, gentle ~ gently, basic ~ basically."""
    if len(adj) < 3 or not word.endswith("ly"):
        return False
    return word in (
        adj + "ly",
        adj + "ally",
        adj[:-1] + "ily" if adj.endswith("y") else "",
        adj[:-1] + "y" if adj.endswith("le") else "",
    )


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


def _find(lemma: str, en: list[EnTok], used: list[bool], fuzzy: bool, name: bool = False) -> int:
    for k, t in enumerate(en):
        if not used[k] and (t.lemma == lemma or t.form == lemma):
            return k
    if fuzzy:
        for k, t in enumerate(en):
            if used[k]:
                continue
            if (
                _stem_match(t.lemma, lemma)
                or _adverb_of(t.form, lemma)
                or (name and _demonym_match(t.form, lemma))
            ):
                return k
    return -1


def _match_target(
    lemmas: tuple[str, ...], en: list[EnTok], used: list[bool], fuzzy: bool, name: bool = False
) -> list[int]:
    picks: list[int] = []
    for lemma in lemmas:
        k = _find(lemma, en, used, fuzzy, name)
        if k < 0 or k in picks:
            return []
        picks.append(k)
    return picks


def _best_target(
    item: SrcItem, en: list[EnTok], used: list[bool], names: bool
) -> tuple[list[int], float, str]:
    """The lexicon target of ``item`` that explains the most English weight.

    Exact lemma matches are preferred; a single-word target may fall back to a shared stem
    (relation ~ relationship), its adverb (new ~ newly) or, for a place name, its adjective
    (Iraq ~ Iraqi), only when no target matches exactly.
    """
    for fuzzy in (False, True):
        best: tuple[list[int], float, str] | None = None
        best_cover = 0.0
        for tgt in item.targets:
            if not tgt.lemmas or (fuzzy and len(tgt.lemmas) > 1):
                continue
            if tgt.kind == "name" and not names:
                continue
            picks = _match_target(tgt.lemmas, en, used, fuzzy, tgt.kind == "name")
            if not picks:
                continue
            cover = sum(en[k].weight for k in picks) * tgt.weight
            if cover > best_cover:
                tag = "name:" if tgt.kind == "name" else ""
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
            k = _find(lemma, en, used, False)
            if k >= 0 and k not in picks and en[k].weight >= PARTIAL_MIN_WEIGHT:
                picks.append(k)
        credit = tgt.weight * PARTIAL_CREDIT
        if picks and (partial is None or credit > partial[1]):
            partial = (picks, credit, f"{item.key}~{tgt.text}")
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
    src_total = sum(i.weight for i in src)
    en_total = sum(t.weight for t in en)
    if src_total <= 0 or en_total <= 0:
        return PairScore(0.0, 0.0, 0.0, 0, ())
    used = [False] * len(en)
    src_got = 0.0
    en_got = 0.0
    evidence: list[str] = []
    content = 0
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
                if t.number == item.number:
                    picks, label = [k], f"#{item.number}"
                    break
        if not picks and item.targets:
            picks, credit, label = _best_target(item, en, used, "names" in evidence_kinds)
        if not picks and item.latin and "latin" in evidence_kinds:
            k = _find(item.latin, en, used, False)
            if k >= 0:
                picks, label = [k], f"latin:{item.text}"
        if not picks and item.origin and "loanwords" in evidence_kinds:
            k = _find(origin_lemma(item.origin), en, used, True)
            if k >= 0:
                picks, label = [k], f"loan:{item.text}={item.origin}"
        if not picks and len(item.translit) >= MIN_SKELETON and "translit" in evidence_kinds:
            for k, t in enumerate(en):
                if not used[k] and t.translit == item.translit:
                    picks, label = [k], f"translit:{item.text}={t.form}"
                    break
        if not picks:
            continue
        for k in picks:
            used[k] = True
            en_got += en[k].weight * credit
        commonness = max(en[k].weight for k in picks)
        src_got += item.weight * credit * commonness
        evidence.append(label)
        if not label.startswith("name:"):
            content += 1
    r = src_got / src_total
    p = en_got / en_total
    score = 0.0 if r <= 0 or p <= 0 else 2 * p * r / (p + r)
    return PairScore(min(1.0, score), r, p, len(evidence), tuple(evidence), content)

"""Self-training: learn translations of unknown words from confident links, then realign.

After a first pass over the whole input, every confident link pairs the source words the
lexicon did not know with the English words its evidence did not explain. A pair of such
words that recurs in links to at least two different English documents, and is strongly
associated there (Dice coefficient), becomes a low-weight lexicon target for the second
pass. Links into a single document never teach anything: one article's wording is not
evidence of a translation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..lexicon import PairLexicon, Target
from ..tokenize.english import content_lemmas
from ..types import Link
from .features import english_tokens, source_items


@dataclass(frozen=True)
class SelfTrainOptions:
    min_score: float = 0.6  # links this confident teach
    min_links: int = 2  # a pair must co-occur in this many links…
    min_docs: int = 2  # …into this many different English documents
    min_dice: float = 0.5
    weight: float = 0.6  # weight of a learned target


def _explained(evidence: tuple[str, ...]) -> set[str]:
    out: set[str] = set()
    for ev in evidence:
        if "=" in ev:
            out.update(content_lemmas(ev.split("=", 1)[1]))
    return out


def learn(
    links: list[Link], lexicons: dict[str, PairLexicon], opts: SelfTrainOptions
) -> dict[str, list[tuple[str, str, float]]]:
    """(source key, English lemma, Dice) pairs learned per language."""
    learned: dict[str, list[tuple[str, str, float]]] = {}
    for lang, lex in lexicons.items():
        src_count: Counter[str] = Counter()
        en_count: Counter[str] = Counter()
        pair_count: Counter[tuple[str, str]] = Counter()
        pair_docs: dict[tuple[str, str], set[str]] = {}
        for lk in links:
            if lk.src_lang != lang or lk.score < opts.min_score:
                continue
            unknown = {
                i.text
                for s in lk.src
                for i in source_items(s.tokens, lex)
                if not (i.targets or i.number or i.latin)
            }
            explained = _explained(lk.evidence)
            words = {
                t.lemma
                for t in english_tokens(lk.tgt.tokens, frozenset())
                # stop words that count only when met ("not", "said") are learned from none
                if t.lemma not in explained and not t.number and not t.meets
            }
            src_count.update(unknown)
            en_count.update(words)
            for s in unknown:
                for w in words:
                    pair_count[(s, w)] += 1
                    pair_docs.setdefault((s, w), set()).add(lk.tgt.doc_id)
        out = []
        for (s, w), n in pair_count.items():
            if n < opts.min_links or len(pair_docs[(s, w)]) < opts.min_docs:
                continue
            dice = 2 * n / (src_count[s] + en_count[w])
            if dice >= opts.min_dice:
                out.append((s, w, round(dice, 3)))
        # Keep only each source word's best partners (ties kept).
        best: dict[str, float] = {}
        for s, _w, d in out:
            best[s] = max(best.get(s, 0.0), d)
        learned[lang] = sorted((s, w, d) for s, w, d in out if d == best[s])
    return learned


def extend(
    lexicons: dict[str, PairLexicon],
    learned: dict[str, list[tuple[str, str, float]]],
    opts: SelfTrainOptions,
) -> dict[str, PairLexicon]:
    """Copies of ``lexicons`` with the learned targets added."""
    out: dict[str, PairLexicon] = {}
    for lang, lex in lexicons.items():
        index = {k: list(v) for k, v in lex.index.items()}
        for s, w, _d in learned.get(lang, []):
            index.setdefault(s, []).append(Target(w, (w,), opts.weight, "learned"))
        out[lang] = PairLexicon(lang, index, dict(lex.names), lex.max_tokens)
    return out

"""Choose links for a story: score every source group against every English unit, then
accept the best-scoring candidates greedily under the constraints of a rendering.

Constraints: a source sentence has at most one rendering per document; an English span
renders at most one source group; merged units (two source sentences, two English
sentences) must beat their parts, which they do only when both halves carry evidence.

Then context: outlets render a post sentence by sentence, in order, so a sentence whose
neighbour in the post is linked gains credit for the English unit right beside that
neighbour's rendering (and may then be linked on one shared word instead of two). Position
alone is enough where the structure leaves no doubt: the one unit standing between the
renderings of a sentence's two neighbours, the next sentence of a quotation that renders
the neighbour ("…A. B," she wrote.), or a quote whose own sentence names the post's author
beside the neighbour's rendering (Tanaka added: "B."), even when it shares no word with the
sentence. So is an echo: a unit of another article of the story that repeats, nearly word for
word, the rendering a sentence has already been linked to (outlets reuse a wire translation).
A candidate that context lifts clearly above the link its sentence got on its own evidence in
the same document takes that link's place (a short turn first linked to a neighbour's quote).

A post that names no author (a pasted paragraph) takes as its author the one speaker of the
quotes its sentences are confidently linked to, and its story is scored again with that
author ('Yamamoto said in the post: "…"' makes Yamamoto's other quotes the author's).
"""

from __future__ import annotations

import bisect
import difflib
import itertools
import math
import re
from dataclasses import dataclass

from ..lexicon import PairLexicon
from ..tokenize.english import tokenize_english
from ..tokenize.korean import surname_spellings
from ..types import Link, Post, Sentence, Token
from .features import (
    EnTok,
    SrcItem,
    asks_question,
    char_length,
    common_lemmas,
    english_tokens,
    seeks_confirmation,
    source_items,
)
from .score import EVIDENCE, PARTIAL_MARK, PairScore, score_pair

# Verbs and nouns of speech that make a sentence naming the author a report of the post.
SPEECH = frozenset(
    """say write post tweet state statement add tell stress emphasize emphasise note express
    describe call remark comment confirm message share""".split()
)
# English has about twice the non-space characters of its Korean or Japanese source
# (median 2.17 park, 1.89 jhe, 1.82 BSD dev), with a log-SD of about 0.3.
LOG_LENGTH_RATIO = math.log(2.0)
LENGTH_SD = 0.3
# Short sources vary more: the log-SD of BSD dev turns is 0.45 at 5–9 characters, 0.37 at
# 10–14 and 0.25 at 20 and more (有難う。 ↔ "Thank you for saying that.", わかった。 ↔
# "Okay"), as the variance of a length model falls with length (Gale and Church). The
# variance SHORT_VARIANCE / length fits those figures; at 15 characters it is LENGTH_SD².
SHORT_VARIANCE = 1.35


def length_sd(src_len: int) -> float:
    """The log-SD of the length ratio for a source of ``src_len`` characters (no less than
    LENGTH_SD, which longer sources have)."""
    return max(LENGTH_SD, math.sqrt(SHORT_VARIANCE / max(1, src_len)))


# Every kind of evidence ``--disable`` can switch off (score.EVIDENCE and the credits of
# ``calibrate`` and ``select``), in the order of the ablation table.
SWITCHES = (
    "numbers",
    "names",
    "translit",
    "latin",
    "loanwords",
    "quote",
    "length",
    "support",
    "question",
    "context",
)
# Contexts in which position alone makes a rendering (``_beside``).
POSITIONAL = frozenset({"between", "quote", "echo"})
# How close (difflib ratio over word forms) a unit of another article must come to a linked
# rendering of the same sentence to echo it: "I'll order now." / "I'll order it now." (0.89)
# do, different translations of one sentence ("Bye now." / "See you later.") do not.
ECHO_RATIO = 0.8
QUOTED_RE = re.compile(r"“[^”]*(?:”|$)|\"[^\"]*(?:\"|$)")


@dataclass(frozen=True)
class AlignOptions:
    min_score: float = 0.5
    scope: str = "story"  # story | doc
    merges: bool = True
    min_evidence: int = 2
    # The coverage score at which one shared word is enough for a source that has more
    # words to find: that word explains most of a short English unit and much of the source
    # (日報ももう入力済みです。 ↔ "I've also finished filling out the daily report.").
    one_word_score: float = 0.55
    # The same for a word that is rare in English or a sense of several words
    # (``PairScore.specific``): イヤだ、あんな悪夢はもう嫌だー！ ↔ "No, way, no more of that
    # nightmare!", 機密保持に関しては大丈夫でしょうか。 ↔ "How is it in terms of the
    # confidentiality?" (0.41 and 0.47: "okay" or "nice" alone at that coverage is as often
    # a neighbouring turn).
    rare_word_score: float = 0.4
    quote_bonus: float = 0.15
    length_tolerance: float = 2.0  # standard deviations of the log length ratio
    # How many standard deviations a unit may fall short of a translation's length and still
    # be linked by its position (``_beside``): a formulaic turn is often rendered briefly
    # (承知しました。 ↔ "Okay," 上手く行きますように！ ↔ "Good luck!").
    short_tolerance: float = 3.0
    # Evidence switched off (see score.EVIDENCE, plus "quote", "length" and "support").
    disabled: frozenset[str] = frozenset()
    merge_penalty: float = 0.08
    common_df: float = 0.25
    # Share of the headroom (1 - score) added to a one-to-one candidate with 2 (in a short
    # source, see ``supporting_words``), 3, or 4 and more matched words that are not names.
    support_bonus: tuple[float, float, float] = (0.15, 0.15, 0.20)
    # Share of the headroom added to a one-to-one candidate right beside the rendering of
    # its neighbour in the post (before it for the previous sentence, after it for the next).
    context_bonus: float = 0.3
    # The coverage score a candidate needs on its own evidence to gain context credit.
    context_floor: float = 0.1
    # How much more own evidence (coverage score) a rival needs to deny a candidate credit
    # beside one neighbour's rendering: another sentence of the post on the same unit, or
    # another unit not yet linked for the same sentence (``_Rivals.outmatch``).
    rival_margin: float = 0.2
    # Share of the headroom added to a one-to-one candidate that position alone makes a
    # rendering: between the renderings of both its neighbours, continuing the quotation
    # that renders one of them, or a quote of the author beside one.
    position_bonus: float = 0.5
    # Factor for a unit that does not ask the question its source asks, or asks one its
    # source does not.
    question_penalty: float = 0.75
    # How far a candidate with context credit must score above the link its sentence has in
    # its document, made on its own evidence, to take that link's place (``_displace``): a
    # neighbour's rendering beside a unit of a news article is weak evidence (two right ko-en
    # links were displaced by 0.05 more).
    displace_margin: float = 0.06
    # What each shared word (up to ``RANK_WORDS``) adds to a candidate's rank, not to its
    # score: of two candidates a few hundredths apart, the one sharing more words is taken
    # first. 大丈夫です、どうも。 is rendered by "Good, thank you." (大丈夫 ~ "good", どうも ~
    # "thank you", 0.551) rather than "Okay, I'll leave that to you." (one word, 0.571); and
    # "Thanks to you, I can deal with any important people now, even pretty difficult ones."
    # renders お陰様で、今ではどんなお偉方も平気ですよ (three words, 0.480), not じゃ、今のお前が
    # あるのは俺のお陰って事だな (two, 0.492).
    rank_per_word: float = 0.03


@dataclass
class Candidate:
    """A source group scored against one English unit, with what its final score uses."""

    group: tuple[Sentence, ...]
    unit: Sentence
    result: PairScore
    evidence: tuple[str, ...]
    attributed: bool
    length_dev: float  # |log(English/source length) - log(expected ratio)| in SDs
    # The unit is shorter than the expected rendering of the group.
    short: bool = False
    # One of the group and the unit asks a question and the other does not.
    question_mismatch: bool = False
    # A quote whose own sentence names the post's author with a verb of speech (Tanaka
    # added: "…"), not only its paragraph.
    said_here: bool = False
    # Fewer shared words than a rendering needs on its own evidence: only a neighbour's
    # rendering beside it can make it a link.
    weak: bool = False
    # The group's content words (source items a rendering is expected to render).
    src_words: int = 0
    # "prev" / "next": beside the rendering of that post neighbour; "between": between the
    # renderings of both; "quote": in the quotation that renders a neighbour; "echo":
    # repeating in its article the rendering of the same sentence in another.
    context: str = ""
    score: float = 0.0  # final score, 0..1

    @property
    def merged(self) -> bool:
        return len(self.group) > 1 or self.unit.kind == "pair"


# Titles in an English author name ("Prime Minister Sanae Takaichi posted on X:"): any
# official's statement has them, so they do not say who is speaking.
TITLES = frozenset(
    """president prime minister mr mrs ms dr chairman chairwoman governor mayor lawmaker
    rep sen spokesperson spokesman spokeswoman former first lady leader party""".split()
)


def _author_lemmas(post: Post, lex: PairLexicon) -> frozenset[str]:
    out: set[str] = set()
    if post.author.isascii():
        # Named in English by a lead-in (see detect.lead_in_author), or not at all.
        out.update(t.lemma for t in tokenize_english(post.author) if t.lemma not in TITLES)
    else:
        names = lex.english_names(post.author)
        for tgt in names:
            out.update(tgt.lemmas)
        if not names:
            out.update(_surname_lemmas(post.author, lex))
    if post.handle:
        for part in re.split(r"[_\d]+|(?<=[a-z])(?=[A-Z])", post.handle):
            if len(part) >= 3:
                out.add(part.lower())
    return frozenset(out)


def _surname_lemmas(name: str, lex: PairLexicon) -> set[str]:
    """The English surname of a personal name no lexicon holds whole: a quote names the
    author by surname ("…," Yamamoto said for 山本翔太; Kim for 김현우)."""
    if lex.lang == "ko":
        return set(surname_spellings(name))
    for end in range(len(name) - 1, 0, -1):
        found = lex.english_names(name[:end])
        if found:
            return {lemma for tgt in found for lemma in tgt.lemmas}
    return set()


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
    return _lemmas_outside_quotes(text)


def _holders(unit: Sentence, units: list[Sentence]) -> list[Sentence]:
    """The sentences holding the whole quotation a quote is part of: a piece of a quote
    running over two sentences ('"Do you have any questions? No I don't," she wrote.') is
    spoken by whoever speaks the whole of it."""
    whole = max(
        (u for u in units if u.kind == "quote" and u.start <= unit.start and unit.end <= u.end),
        key=lambda u: u.end - u.start,
        default=unit,
    )
    return [u for u in units if u.kind == "sentence" and _overlaps(u, whole)]


def _own_sentence_speaker(unit: Sentence, units: list[Sentence]) -> frozenset[str]:
    """Lemmas outside quotes of the sentences holding a quote."""
    return _lemmas_outside_quotes(" ".join(u.text for u in _holders(unit, units)))


# Subjects of a quote that name nobody ("…," she said. He added: "…"): the speaker is the
# last one named before it.
PRONOUNS = frozenset({"he", "she"})
# How many sentences before a pronoun quote are searched for its speaker.
SPEAKER_LOOKBACK = 3


def _speaker_of(text: str) -> str:
    """Who speaks in a sentence, from the words beside its verbs of speech outside quotes
    (Easley said, said Ayumi Teraoka, Lee posted): their capitalised words other than titles
    as one string of lemmas, "pronoun" for he or she, "" when it has no verb of speech, and
    "other" when the speaker is named by no capitalised word (the ministry said)."""
    tokens = tokenize_english(QUOTED_RE.sub(" , ", text))
    spoken = False
    for k, t in enumerate(tokens):
        if t.lemma not in SPEECH:
            continue
        spoken = True
        # the subject before the verb (Easley said, he told Kim), else after it (said Ayumi
        # Teraoka)
        for side in (tokens[max(0, k - 3) : k], tokens[k + 1 : k + 4]):
            names = [u.lemma for u in side if _name_word(u)]
            if names:
                return " ".join(names)
            if any(u.form in PRONOUNS for u in side):
                return "pronoun"
    return "other" if spoken else ""


def _name_word(tok: Token) -> bool:
    return tok.content and tok.tag in ("CAP", "ACR") and tok.lemma not in TITLES


def _pronoun_quote_of(
    unit: Sentence, units: list[Sentence], author: frozenset[str], post_start: int | None
) -> bool:
    """Whether a quote whose own sentence gives its speaker as he or she ("…," she said) is
    the author's: the last speaker named before it (within SPEAKER_LOOKBACK sentences) is the
    author, or no one spoke between the post (``post_start``, in this document) and it."""
    holders = _holders(unit, units)
    if not holders or _speaker_of(" ".join(u.text for u in holders)) != "pronoun":
        return False
    start = min(u.start for u in holders)
    before = sorted(
        (u for u in units if u.kind == "sentence" and u.end <= start),
        key=lambda u: u.start,
        reverse=True,
    )
    for u in before[:SPEAKER_LOOKBACK]:
        if post_start is not None and u.end <= post_start:
            return True
        who = _speaker_of(u.text)
        if who in ("", "pronoun"):
            continue
        return bool(author & frozenset(who.split()))
    return post_start is not None and (not before or before[0].end <= post_start)


def _lemmas_outside_quotes(text: str) -> frozenset[str]:
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


def score_candidates(
    sources: list[Sentence],
    posts: dict[tuple[str, str], Post],
    units: dict[str, list[Sentence]],
    lexicons: dict[str, PairLexicon],
    opts: AlignOptions,
    speakers: dict[tuple[str, str], str] | None = None,
) -> list[Candidate]:
    """Every (source group, English unit) pair of a story with enough evidence to consider.

    ``speakers`` names the author of a post that names none (see ``_inferred_speakers``)."""
    if not sources:
        return []
    all_units = [u for us in units.values() for u in us]
    common = common_lemmas([u.tokens for u in all_units if u.kind == "sentence"], opts.common_df)
    en_asks = {id(u): asks_question(u.text, u.tokens, "en") for u in all_units}
    en_feats: dict[int, list[EnTok]] = {
        id(u): english_tokens(u.tokens, common, en_asks[id(u)]) for u in all_units
    }
    src_feats: dict[int, list[SrcItem]] = {
        id(s): source_items(s.tokens, lexicons[s.lang]) for s in sources
    }
    src_asks = {id(s): asks_question(s.text, s.tokens, s.lang) for s in sources}
    en_tag = {id(u): seeks_confirmation(u.text, u.tokens, "en") for u in all_units}
    src_tag = {id(s): seeks_confirmation(s.text, s.tokens, s.lang) for s in sources}
    speaker: dict[int, frozenset[str]] = {}
    own_speaker: dict[int, frozenset[str]] = {}
    pronoun: dict[tuple[int, tuple[str, str]], bool] = {}
    kinds = EVIDENCE - opts.disabled
    authors: dict[tuple[str, str], frozenset[str]] = {}
    out: list[Candidate] = []
    for group in _groups(sources, opts.merges):
        first = group[0]
        key = (first.doc_id, first.post_id)
        post = posts[key]
        inferred = "" if post.author or post.handle else (speakers or {}).get(key, "")
        who = post.author or post.handle or inferred
        if key not in authors:
            authors[key] = (
                frozenset(inferred.lower().split())
                if inferred
                else _author_lemmas(post, lexicons[first.lang])
            )
        author = authors[key]
        items = [i for s in group for i in src_feats[id(s)]]
        required = sum(1 for i in items if i.required)
        src_len = max(1, sum(char_length(s.text) for s in group))
        sd = length_sd(src_len)
        asks = any(src_asks[id(s)] for s in group)
        tag = any(src_tag[id(s)] for s in group)
        docs = list(units) if opts.scope == "story" else [first.doc_id]
        for doc_id in docs:
            for unit in units.get(doc_id, []):
                en = en_feats[id(unit)]
                # A unit of function words only ("I did it myself.") shares no word with any
                # source but is still a candidate: position alone may make it a rendering.
                if not opts.merges and unit.kind == "pair":
                    continue
                res = score_pair(items, en, kinds)
                # Names alone do not make a rendering: "I played drums with President Lee"
                # shares a name and a title with 李在明大統領と首脳会談を行いました.
                # A short source ("金曜日でもいいでしょうか？", "今すぐ注文しておきますね。")
                # has only one word to find (see SrcItem.required).
                needed = min(opts.min_evidence, max(1, required))
                # A question word met by the one heading an English question of the same
                # kind (いつ ↔ "When…?"), a negation met by one, or a word the lexicon
                # renders by a stop word met by it (ここ ↔ "here", すぎる ↔ "too"), is the
                # second word of one that shares another: it never makes a rendering alone.
                shared = res.content_matched
                if shared and any(e.startswith(("ask:", "neg:", "stop:")) for e in res.evidence):
                    shared += 1
                # One word carries a short rendering when it explains most of both sides:
                # a content word, or the name that is all a source has to find (高橋です。 ↔
                # "I'm Takahashi."; not 李在明大統領と首脳会談を行いました, whose other words
                # a rendering must show too).
                named = any(e.startswith("name:") for e in res.evidence)
                one = res.content_matched == 1 or (
                    not required and not res.content_matched and named
                )
                carries = opts.rare_word_score if res.specific else opts.one_word_score
                weak = shared < needed and not (one and res.score >= carries)
                # A one-to-one candidate sharing no word is kept (weak): position alone may
                # still make it a rendering (see ``_beside``).
                if weak and (len(group) > 1 or unit.kind == "pair"):
                    continue
                if len(group) > 1:
                    # A merged group must not be carried by one strong half.
                    halves = [score_pair(src_feats[id(s)], en, kinds) for s in group]
                    if min(h.matched for h in halves) < 1:
                        continue
                evidence = res.evidence
                attributed = said_here = False
                if author and "quote" not in opts.disabled:
                    if id(unit) not in speaker:
                        speaker[id(unit)] = _speaker_context(unit, units[doc_id])
                    context = speaker[id(unit)]
                    if author & context and (unit.kind == "quote" or SPEECH & context):
                        attributed = True
                        how = "quote" if unit.kind == "quote" else "speaker"
                        evidence = (*evidence, f"{how}:{who}")
                        if unit.kind == "quote" and group == (first,):
                            if id(unit) not in own_speaker:
                                own_speaker[id(unit)] = _own_sentence_speaker(unit, units[doc_id])
                            own = own_speaker[id(unit)]
                            said_here = bool(author & own and SPEECH & own)
                    if unit.kind == "quote" and group == (first,) and not said_here:
                        # "…," she said: the author's when the author spoke last before it
                        if (id(unit), key) not in pronoun:
                            # (the post itself, when it stands in this document)
                            here = (
                                post.spans[0][0] if doc_id == post.doc_id and post.spans else None
                            )
                            pronoun[id(unit), key] = _pronoun_quote_of(
                                unit, units[doc_id], author, here
                            )
                        if pronoun[id(unit), key]:
                            said_here = True
                            if not attributed:
                                attributed = True
                                evidence = (*evidence, f"quote:{who}")
                # A quote whose own sentence names the author with a verb of speech (Tanaka
                # wrote: "You can't work if you're hungry!") needs one shared word, as a
                # short source does; a quote only in the author's paragraph still needs two.
                if said_here and res.content_matched == 1:
                    weak = False
                ratio = max(1, char_length(unit.text)) / src_len
                signed = (math.log(ratio) - LOG_LENGTH_RATIO) / sd
                # A sentence asking for agreement may be rendered either way.
                mismatch = (
                    asks != en_asks[id(unit)]
                    and not (tag or en_tag[id(unit)])
                    and "question" not in opts.disabled
                )
                if mismatch:
                    evidence = (*evidence, "unlike:question")
                    # あれでよかった？ and "I'm glad I could help!", a neighbouring turn, share
                    # one word and disagree on asking: a coincidence, unless the quote is the
                    # author's or the word a name. Position may still place it (``_beside``).
                    if res.content_matched <= 1 and not attributed and not named:
                        if len(group) > 1 or unit.kind == "pair":
                            continue
                        weak = True
                out.append(
                    Candidate(
                        group,
                        unit,
                        res,
                        evidence,
                        attributed,
                        length_dev=abs(signed),
                        short=signed < 0,
                        question_mismatch=mismatch,
                        said_here=said_here,
                        weak=weak,
                        src_words=required,
                    )
                )
    for c in out:
        c.score = calibrate(c, opts)
    return out


def calibrate(c: Candidate, opts: AlignOptions) -> float:
    """The final score: evidence coverage, raised for a quote attributed to the post's
    author and for a one-to-one rendering sharing several words with its source, lowered
    for merged units (which must beat their parts)."""
    score = c.result.score
    # A rendering has about the length of its source; a sentence four times longer that
    # shares a few words ("…held a summit in Nara, which concluded with a K-pop drum duet…")
    # reports on the same event rather than rendering the post.
    excess = c.length_dev - opts.length_tolerance
    if excess > 0 and "length" not in opts.disabled:
        score *= math.exp(-0.5 * excess * excess)
    if c.question_mismatch:
        # お元気ですか？ is not rendered by "I'm good."; 届くかな。 may be "Will it come?"
        score *= opts.question_penalty
    if c.attributed:
        score += opts.quote_bonus * (1 - score)
    if c.context in POSITIONAL:
        score += opts.position_bonus * (1 - score)
    elif c.context:
        score += opts.context_bonus * (1 - score)
    if c.merged:
        score -= opts.merge_penalty
    elif excess <= 0 and "support" not in opts.disabled and (n := supporting_words(c)):
        # A free translation covers little of either side but still shares several words
        # with its source ("The leaders of Japan and North Korea have completed the first
        # session of an historic meeting…"), and a loose rendering of a short one two (新しい
        # 仕事は、楽しみ？ "Are you excited about your new job?"). Only for a rendering of
        # about the source's length: a report four times longer may share several words
        # without rendering the sentence.
        score += opts.support_bonus[min(n, 4) - 2] * (1 - score)
    return max(0.0, min(1.0, score))


# The most content words a source may have for two shared words to support a rendering.
SUPPORT_TWO_OF = 7


def supporting_words(c: Candidate) -> int:
    """The shared words that support a candidate beyond its coverage (``calibrate``): its
    matched words that are not names, question words, stop words or negations, when
    there are three or more. Two, in a source of at most ``SUPPORT_TWO_OF`` content words
    and when both are whole senses: a report of the same event shares names and one or
    two words of a long sentence ("Lee said the two countries … should build on past
    reconciliation to shape the next six decades of relations" for 박자는 조금 달라도 …
    미래지향적 한일 관계도 한 마음으로 만들어가겠습니다), often through part of a
    multi-word sense (합주 "jam session" ~ "the drum session"). Otherwise none."""
    n = c.result.content_matched
    if n >= 3:
        return n
    whole = not any(PARTIAL_MARK in e for e in c.result.evidence)
    if n == 2 and c.src_words <= SUPPORT_TWO_OF and whole:
        return 2
    return 0


class _Taken:
    """What accepted links hold: (source sentence, target document) and English spans."""

    def __init__(self) -> None:
        self.src: set[tuple[int, str]] = set()
        self.en: dict[str, list[Sentence]] = {}

    def free(self, c: Candidate) -> bool:
        doc = c.unit.doc_id
        if any((id(s), doc) in self.src for s in c.group):
            return False
        return not any(_overlaps(c.unit, u) for u in self.en.get(doc, []))

    def take(self, c: Candidate) -> None:
        self.src.update((id(s), c.unit.doc_id) for s in c.group)
        self.en.setdefault(c.unit.doc_id, []).append(c.unit)

    def drop(self, c: Candidate) -> None:
        """Free what ``take`` held for ``c``."""
        self.src.difference_update((id(s), c.unit.doc_id) for s in c.group)
        self.en[c.unit.doc_id].remove(c.unit)


# The most shared words that raise a candidate's rank (``AlignOptions.rank_per_word``).
RANK_WORDS = 3


def _greedy(cands: list[Candidate], opts: AlignOptions, taken: _Taken) -> list[Candidate]:
    """Accept candidates by rank, best first, that ``taken`` leaves free."""
    ranked = [c for c in cands if c.score >= opts.min_score]
    kind_rank = {"quote": 0, "sentence": 1, "pair": 2}
    # By score and shared words (``opts.rank_per_word``); on equal ranks: fewer source
    # sentences, a quote before the sentence holding it, a piece of a quote before the whole
    # of it.
    ranked.sort(
        key=lambda c: (
            -(c.score + opts.rank_per_word * min(c.result.content_matched, RANK_WORDS)),
            len(c.group),
            kind_rank[c.unit.kind],
            c.unit.doc_id,
            c.unit.start,
            c.unit.end,
        )
    )
    accepted: list[Candidate] = []
    for c in ranked:
        if taken.free(c):
            taken.take(c)
            accepted.append(c)
    return accepted


class ReadingOrder:
    """Which English units stand right beside each other in their document: a unit spans
    the sentences it overlaps, and ``b`` follows ``a`` when it starts after ``a`` ends, in
    the sentence where ``a`` ends or in the next one."""

    def __init__(self, units: dict[str, list[Sentence]]) -> None:
        self._starts: dict[str, list[int]] = {}
        self._quotes: dict[str, list[tuple[int, int]]] = {}
        for doc_id, us in units.items():
            self._starts[doc_id] = sorted(u.start for u in us if u.kind == "sentence")
            self._quotes[doc_id] = [(u.start, u.end) for u in us if u.kind == "quote"]

    def _sentence(self, doc_id: str, offset: int) -> int:
        return bisect.bisect_right(self._starts.get(doc_id, []), offset) - 1

    def follows(self, a: Sentence, b: Sentence) -> bool:
        if a.doc_id != b.doc_id or b.start < a.end:
            return False
        last = self._sentence(a.doc_id, max(a.start, a.end - 1))
        return self._sentence(b.doc_id, b.start) in (last, last + 1)

    def continues_quote(self, a: Sentence, b: Sentence) -> bool:
        """Whether quote ``b`` is the next sentence of a quotation whose sentence ``a`` is:
        both are pieces of one longer quote, and ``b`` follows ``a``."""
        if a.kind != "quote" or b.kind != "quote" or not self.follows(a, b):
            return False
        lo, hi = a.start, b.end
        return any(s <= lo and hi <= e for s, e in self._quotes.get(a.doc_id, []))


def _beside(
    cands: list[Candidate], accepted: list[Candidate], order: ReadingOrder, opts: AlignOptions
) -> list[Candidate]:
    """One-to-one candidates right beside the rendering of a post neighbour, with their
    context credit added (each candidate gains it once).

    A candidate between the renderings of both neighbours, continuing the quotation that
    renders one, or a quote of the post's author right beside one (in its paragraph or
    opening the next: 'Tanaka wrote: "A."' then 'She added: "B."'), needs no
    shared word: nothing else can stand there. Nor does an echo, in another article, of the
    sentence's own rendering (``_echoes``). One beside a single neighbour's rendering needs
    some evidence of its own, since articles put other sentences next to a quoted post too."""
    rendered: dict[tuple[str, str, int, str], Sentence] = {}
    renderings: dict[int, list[Sentence]] = {}  # one-to-one links of each source sentence
    done = {id(c) for c in accepted}
    for c in accepted:
        for s in c.group:
            rendered[(s.doc_id, s.post_id, s.index, c.unit.doc_id)] = c.unit
        if len(c.group) == 1 and c.unit.kind != "pair":
            renderings.setdefault(id(c.group[0]), []).append(c.unit)
    rivals = _Rivals(cands, accepted, done)
    out: list[Candidate] = []
    for c in cands:
        if c.context in POSITIONAL or id(c) in done or len(c.group) > 1 or c.unit.kind == "pair":
            continue
        # Position is no evidence for a unit far longer or shorter than a translation
        # (``short_tolerance``: formulaic turns may be rendered very briefly).
        if c.length_dev > (opts.short_tolerance if c.short else opts.length_tolerance):
            continue
        s, doc = c.group[0], c.unit.doc_id
        prev = rendered.get((s.doc_id, s.post_id, s.index - 1, doc))
        nxt = rendered.get((s.doc_id, s.post_id, s.index + 1, doc))
        after = prev is not None and order.follows(prev, c.unit)
        before = nxt is not None and order.follows(c.unit, nxt)
        # A quote of the post's author right beside a neighbour's rendering.
        author_quote = c.said_here and (after or before)
        if any(u.doc_id != doc and _echoes(u, c.unit) for u in renderings.get(id(s), ())):
            context = "echo"
        elif not c.question_mismatch and (
            (after and before)
            or author_quote
            or (prev is not None and order.continues_quote(prev, c.unit))
            or (nxt is not None and order.continues_quote(c.unit, nxt))
        ):
            context = "between" if after and before else "quote"
        elif (
            c.context
            or not _shares_a_word(c.result)
            or c.result.score < opts.context_floor
            or rivals.outmatch(c, opts.rival_margin)
        ):
            # Beside one neighbour's rendering: once, not for a unit sharing almost nothing
            # with the sentence, and not where own evidence clearly points elsewhere.
            continue
        elif after:
            context = "prev"
        elif before:
            context = "next"
        else:
            continue
        # A candidate beside one neighbour's rendering may later stand between two.
        c.evidence = (
            *(e for e in c.evidence if not e.startswith("context:")),
            f"context:{context}",
        )
        c.context = context
        c.score = calibrate(c, opts)
        out.append(c)
    return out


class _Rivals:
    """The own evidence (coverage score) of the one-to-one candidates not linked yet, by
    unit and by source sentence. Beside a neighbour's rendering, position breaks near-ties;
    it does not overrule a clearly better match. 順調です、中国に強力な見込み会社がいます。
    (0.385 with its rendering "Pretty good, I have some promising leads in China.", under
    the threshold) does not take "We anticipate that will increase to six million next
    year." (0.152), which stands right before the rendering of the post's next sentence;
    nor does 我らの世代とは全く違うのは知ってるだろう？ (0.226) take "It has been a learning
    experience for me as well.", which the post's next sentence, 私にとっても学ぶ機会に
    なってるよ。, matches at 0.449. A rival counts whether or not it is linked elsewhere."""

    def __init__(self, cands: list[Candidate], accepted: list[Candidate], done: set[int]):
        taken = {id(c.unit) for c in accepted}
        self.by_unit: dict[int, list[tuple[float, int]]] = {}
        self.by_source: dict[int, list[tuple[float, int]]] = {}
        for d in cands:
            if len(d.group) > 1 or d.unit.kind == "pair" or id(d) in done:
                continue
            self.by_unit.setdefault(id(d.unit), []).append((d.result.score, id(d.group[0])))
            if id(d.unit) not in taken:
                self.by_source.setdefault(id(d.group[0]), []).append((d.result.score, id(d.unit)))

    def outmatch(self, c: Candidate, margin: float) -> bool:
        """Whether another sentence on ``c``'s unit, or another free unit for its sentence,
        scores more than ``margin`` above it on own evidence."""
        bar = c.result.score + margin
        src, unit = id(c.group[0]), id(c.unit)
        return any(score > bar for score, s in self.by_unit.get(unit, ()) if s != src) or any(
            score > bar for score, u in self.by_source.get(src, ()) if u != unit
        )


def _shares_a_word(res: PairScore) -> bool:
    """Whether a candidate shares a word with its source that beside a neighbour's rendering
    may make it one: a content word, a name, a question word heading a question (いくら ↔
    "how much") or a stop-word rendering (まだ ↔ "yet"); not a negation alone, which
    sentences of either language have everywhere."""
    return any(not e.startswith("neg:") for e in res.evidence)


def _words(unit: Sentence) -> list[str]:
    return [t.form for t in unit.tokens]


def _echoes(a: Sentence, b: Sentence) -> bool:
    """Whether English unit ``b`` repeats ``a`` nearly word for word (``ECHO_RATIO``)."""
    wa, wb = _words(a), _words(b)
    if not wa or not wb:
        return False
    return difflib.SequenceMatcher(None, wa, wb, autojunk=False).ratio() >= ECHO_RATIO


def _inside(inner: Sentence, outer: Sentence) -> bool:
    return (
        outer.start <= inner.start
        and inner.end <= outer.end
        and inner.end - inner.start < (outer.end - outer.start)
    )


def _claimed(cands: list[Candidate], opts: AlignOptions) -> set[int]:
    """Candidates on several English sentences (a pair, or a quote running over two) part of
    which another sentence of the post renders, above the threshold and better than the
    candidate's own sources do: "Never hurt the feelings of others. Only a wise person can
    have them" does not render the first sentence alone when the second renders the next."""
    parts: dict[str, list[Candidate]] = {}
    for c in cands:
        if len(c.group) == 1:
            parts.setdefault(c.unit.doc_id, []).append(c)
    starts: dict[str, list[int]] = {}
    for doc_id, ds in parts.items():
        ds.sort(key=lambda d: d.unit.start)
        starts[doc_id] = [d.unit.start for d in ds]
    out: set[int] = set()
    for c in cands:
        if c.unit.kind == "sentence" or c.score < opts.min_score:
            continue
        mine = {id(s) for s in c.group}
        doc = c.unit.doc_id
        lo = bisect.bisect_left(starts.get(doc, []), c.unit.start)
        hi = bisect.bisect_left(starts.get(doc, []), c.unit.end)
        inner = [d for d in parts.get(doc, [])[lo:hi] if _inside(d.unit, c.unit)]
        own: dict[tuple[int, int], float] = {}
        for d in inner:
            if id(d.group[0]) in mine:
                key = (d.unit.start, d.unit.end)
                own[key] = max(own.get(key, 0.0), d.score)
        for d in inner:
            if id(d.group[0]) in mine or d.weak:  # a weak candidate may never be linked
                continue
            if d.score >= max(opts.min_score, own.get((d.unit.start, d.unit.end), 0.0)):
                out.add(id(c))
                break
    return out


def _displace(
    beside: list[Candidate], accepted: list[Candidate], opts: AlignOptions, taken: _Taken
) -> list[Candidate]:
    """Candidates that context credit lifts clearly (``opts.displace_margin``) above the link
    their sentence already has in their document, a link made on its own evidence alone,
    take its place (in ``accepted`` and ``taken``): 分かりました。 linked to "Okay!", a
    neighbouring turn, gives way to "That makes sense.", the quote of the author right after
    the rendering of the post's next sentence. A unit overlapping the old link (the sentence
    holding its quote) never displaces it. Returns the candidates that took a place."""
    own: dict[tuple[int, str], Candidate] = {}
    for c in accepted:
        if len(c.group) == 1 and c.unit.kind != "pair":
            own[(id(c.group[0]), c.unit.doc_id)] = c
    done = {id(c) for c in accepted}
    moved: list[Candidate] = []
    for c in sorted(beside, key=lambda c: -c.score):
        if id(c) in done or c.score < opts.min_score:
            continue
        old = own.get((id(c.group[0]), c.unit.doc_id))
        if old is None or old.context or _overlaps(old.unit, c.unit):
            continue
        if c.score <= old.score + opts.displace_margin:
            continue
        taken.drop(old)
        if not taken.free(c):
            taken.take(old)
            continue
        taken.take(c)
        accepted.remove(old)
        accepted.append(c)
        own[(id(c.group[0]), c.unit.doc_id)] = c
        done.add(id(c))
        moved.append(c)
    return moved


def select(cands: list[Candidate], opts: AlignOptions, order: ReadingOrder) -> list[Link]:
    """Accept candidates greedily by score under the constraints of a rendering; then the
    candidates that the context of links already made (by the reading ``order`` of the
    English) lifts above the threshold, or clearly above a link of their sentence made
    without context, round by round."""
    taken = _Taken()
    claimed = _claimed(cands, opts)
    cands = [c for c in cands if id(c) not in claimed]
    accepted = _greedy([c for c in cands if not c.weak], opts, taken)
    if "context" not in opts.disabled:
        new = accepted
        while new:
            beside = _beside(cands, accepted, order, opts)
            new = _greedy(beside, opts, taken)
            accepted += new
            new += _displace(beside, accepted, opts, taken)
    links = [
        Link(
            c.group[0].doc_id,
            c.group[0].post_id,
            c.group[0].lang,
            c.group,
            c.unit,
            round(c.score, 4),
            c.evidence,
        )
        for c in accepted
    ]
    links.sort(key=lambda lk: (lk.doc_id, lk.post_id, lk.src[0].index, lk.tgt.doc_id, lk.tgt.start))
    return links


def align_story(
    sources: list[Sentence],
    posts: dict[tuple[str, str], Post],
    units: dict[str, list[Sentence]],
    lexicons: dict[str, PairLexicon],
    opts: AlignOptions,
) -> list[Link]:
    """Links for the source sentences of one story against its English units."""
    order = ReadingOrder(units)
    links = select(score_candidates(sources, posts, units, lexicons, opts), opts, order)
    speakers = _inferred_speakers(links, posts, units, opts)
    if not speakers:
        return links
    cands = score_candidates(sources, posts, units, lexicons, opts, speakers)
    return select(cands, opts, order)


# The score a link must reach for the speaker of its quote to be taken as the author of a
# post that names none: links of 0.5 and more are 92% right or better on the benchmark
# (BENCHMARKS.md, score bands), and a loose rendering of the post's first sentence ("The
# calendars for the sales team have arrived from the printer.") still names its speaker.
SPEAKER_SCORE = 0.5


def _inferred_speakers(
    links: list[Link],
    posts: dict[tuple[str, str], Post],
    units: dict[str, list[Sentence]],
    opts: AlignOptions,
) -> dict[tuple[str, str], str]:
    """The authors of posts that name none (a pasted paragraph), from the quotes that render
    them: when the confident links of a post's sentences to quotes all give one named
    speaker ('Yamamoto said in the post: "…"'), that speaker is the post's author, and
    the post's other quotes by Yamamoto are the author's too."""
    if "quote" in opts.disabled:
        return {}
    found: dict[tuple[str, str], set[str]] = {}
    for lk in links:
        key = (lk.doc_id, lk.post_id)
        post = posts[key]
        if post.author or post.handle or lk.tgt.kind != "quote" or lk.score < SPEAKER_SCORE:
            continue
        holders = _holders(lk.tgt, units[lk.tgt.doc_id])
        found.setdefault(key, set()).add(_speaker_of(" ".join(u.text for u in holders)))
    out: dict[tuple[str, str], str] = {}
    for key, names in found.items():
        if len(names) == 1:
            (name,) = names
            if name not in ("", "pronoun", "other"):
                out[key] = name.title()
    return out

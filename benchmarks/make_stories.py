"""Build synthetic "story" folders with gold links from line-aligned parallel text.

Each story is one or two English articles (``a.txt`` and, when a sibling exists,
``b.txt``) made of unrelated English sentences of the corpus, with one embedded Korean
or Japanese post (1-3 consecutive corpus sentences) in ``a.txt``.  The English
translations of the post sentences are placed as quotes or plain sentences in ``a.txt``,
in the sibling ``b.txt``, or left out; the translations of the corpus sentences just
before and after the post go in as distractors (with ``--quoted-distractors P``, each is
quoted with probability P, attributed to someone else, as articles quote other people).
Page debris is sprinkled in.

Writes ``OUT/<pair>/sNNNN/{a,b}.txt``, ``OUT/gold.tsv`` (one row per source sentence x
English rendering, ``strict``; and ``acceptable`` where a filler or distractor translates a
corpus sentence worded as the post sentence, as dialogues repeat ありがとうございます。: a
link to it is no error, nor one to find), ``OUT/sources.tsv`` (every post source sentence)
and ``OUT/meta.tsv`` (what each story contains, for error analysis).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import shutil
import string
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from score import covers_normed, norm

PAIRS = ("ko-en", "ja-en")
DEFAULT_KO_FILES = "park.dev,jhe-koen-dev"
DEFAULT_JA_FILES = "bsd.dev.json"
OUTPUT_FILES = ("gold.tsv", "sources.tsv", "meta.tsv")

HANGUL = re.compile("[\uac00-\ud7a3\u1100-\u11ff\u3130-\u318f]")
KANA = re.compile("[\u3040-\u30ff]")
SCRIPT = {"ko": HANGUL, "ja": KANA}
DOUBLE_QUOTES = ('"', "\u201c", "\u201d")

P_OMIT = 0.15  # posts whose translation is left out entirely
P_PER_POST = 0.5  # one placement for the whole post (else one per sentence)
PLACEMENTS = ("quote", "plain", "sibling")
PLACEMENT_WEIGHTS = (0.4, 0.35, 0.25)
P_ALSO_SIBLING = 0.15  # a rendering in a.txt is repeated in b.txt
P_EXTRA_SIBLING = 0.2  # a sibling with only filler when no rendering needs one
P_COMBINED_QUOTE = 0.5  # consecutive quoted sentences share one quotation
P_TOGETHER = 0.5  # renderings of one document form one paragraph (else scattered)
MIN_POST_CHARS = 12  # total source characters of a post

# (native name, English surname, handle)
KO_PEOPLE = (
    ("이재명", "Lee", "Jaemyung_Lee"),
    ("윤석열", "Yoon", "sukyeol_yoon"),
    ("한동훈", "Han", "hdh_official"),
    ("조국", "Cho", "patriamea"),
    ("김민석", "Kim", "minsk_kim"),
    ("오세훈", "Oh", "ohsehoon4u"),
)
KO_SURNAMES = (
    ("김", "Kim"),
    ("이", "Lee"),
    ("박", "Park"),
    ("최", "Choi"),
    ("정", "Jung"),
    ("강", "Kang"),
    ("윤", "Yoon"),
    ("장", "Jang"),
)
KO_GIVEN = (
    ("민준", "minjun"),
    ("서연", "seoyeon"),
    ("지훈", "jihoon"),
    ("수빈", "subin"),
    ("현우", "hyunwoo"),
    ("예린", "yerin"),
    ("도윤", "doyun"),
    ("하은", "haeun"),
)
JA_PEOPLE = (
    ("高市早苗", "Takaichi", "takaichi_sanae"),
    ("石破茂", "Ishiba", "shigeruishiba"),
    ("小泉進次郎", "Koizumi", "shinjiro_koizumi"),
    ("河野太郎", "Kono", "konotaromp"),
    ("玉木雄一郎", "Tamaki", "tamakiyuichiro"),
)
JA_SURNAMES = (
    ("佐藤", "Sato"),
    ("鈴木", "Suzuki"),
    ("高橋", "Takahashi"),
    ("田中", "Tanaka"),
    ("渡辺", "Watanabe"),
    ("山本", "Yamamoto"),
    ("中村", "Nakamura"),
)
JA_GIVEN = (
    ("健太", "kenta"),
    ("美咲", "misaki"),
    ("翔太", "shota"),
    ("陽菜", "hina"),
    ("大輔", "daisuke"),
    ("結衣", "yui"),
)
PLATFORMS = ("X", "X", "Facebook", "Instagram", "Threads")
DATELINES = {
    "ko": ("SEOUL, Jan. 14 (Yonhap) -- ", "SEOUL -- "),
    "ja": ("TOKYO (Kyodo) -- ", "TOKYO -- "),
}
PHOTO_CREDIT = {"ko": ("Photo: Yonhap", "Photo: Newsis"), "ja": ("Photo: Kyodo", "Photo: AFP")}


@dataclass(frozen=True)
class Segment:
    """One usable corpus line: source sentence, English sentence, origin."""

    src: str
    en: str
    origin: str


@dataclass
class Corpus:
    """Usable segments of one pair, as runs of consecutive segments."""

    pair: str
    blocks: list[list[Segment]]
    filler: list[str]  # English sentences usable as article filler
    # English sentence -> source_key of every corpus sentence it translates: a filler or a
    # distractor that translates a sentence worded as a post sentence renders it too
    sources_of: dict[str, set[str]] = field(default_factory=dict)

    @property
    def positions(self) -> list[tuple[int, int]]:
        return [(b, i) for b, block in enumerate(self.blocks) for i in range(len(block))]


@dataclass
class Person:
    native: str
    surname: str
    handle: str


@dataclass
class Story:
    files: dict[str, str] = field(default_factory=dict)  # file name -> text
    gold: list[tuple[str, str, str, str]] = field(default_factory=list)  # doc, src, tdoc, en
    acceptable: list[tuple[str, str, str, str]] = field(default_factory=list)  # likewise
    sources: list[tuple[str, str, int]] = field(default_factory=list)  # doc, src, n links
    meta: dict[str, str] = field(default_factory=dict)


# ---------------------------------------------------------------------------- loading


def clean(text: str) -> str:
    return re.sub(r"[\t\r\n]+", " ", text).strip()


# A sentence boundary inside a line: the line holds two sentences. polyseg links sentence by
# sentence, so such lines would turn correct finer links into "wrong" rows; they are skipped.
_INNER_END_SRC = re.compile(r"[.!?。！？][\"'”’)」』]*\s*[^\s\"'”’)」』.!?。！？…]")
_INNER_END_EN = re.compile(r"[a-z0-9][.!?][\"'”’)]*\s+[\"'“‘(]?[A-Z]")


def usable(src: str, en: str, lang: str) -> bool:
    """A one-sentence pair with the source language's script on the source side."""
    if not (src and en and src != en and SCRIPT[lang].search(src)):
        return False
    return not (_INNER_END_SRC.search(src) or _INNER_END_EN.search(en))


def _blocks(rows: Sequence[tuple[str, str, str]], lang: str) -> list[list[Segment]]:
    """Split (src, en, origin) rows into runs of consecutive usable segments."""
    blocks: list[list[Segment]] = [[]]
    for src, en, origin in rows:
        src, en = clean(src), clean(en)
        if usable(src, en, lang):
            blocks[-1].append(Segment(src, en, origin))
        elif blocks[-1]:
            blocks.append([])
    return [b for b in blocks if b]


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _line_aligned(prefix: Path, lang: str) -> list[list[Segment]]:
    src_path, en_path = Path(f"{prefix}.{lang}"), Path(f"{prefix}.en")
    src_lines, en_lines = _read_lines(src_path), _read_lines(en_path)
    if len(src_lines) != len(en_lines):
        sys.exit(f"{src_path} and {en_path} differ in line count")
    rows = [
        (s, e, f"{prefix.name}:{i}")
        for i, (s, e) in enumerate(zip(src_lines, en_lines, strict=True), 1)
    ]
    return _blocks(rows, lang)


def _bsd_json(path: Path) -> list[list[Segment]]:
    blocks: list[list[Segment]] = []
    for conv in json.loads(path.read_text(encoding="utf-8")):
        rows = [
            (turn.get("ja_sentence", ""), turn.get("en_sentence", ""), f"{conv['id']}#{turn['no']}")
            for turn in conv["conversation"]
        ]
        blocks.extend(_blocks(rows, "ja"))
    return blocks


def resolve(data: Path, pair: str, item: str) -> Path:
    """A corpus named on the command line: a path, or a name under DATA/<pair>/."""
    given = Path(item)
    lang = pair.split("-")[0]
    for candidate in (given, data / pair / item):
        if candidate.is_file() or Path(f"{candidate}.{lang}").is_file():
            return candidate
    sys.exit(f"corpus {item!r} not found (looked for {given} and {data / pair / item}[.{lang}])")


def article_like(en: str) -> bool:
    """Filler must read like article prose: 4+ words, capitalized, balanced quotes."""
    return (
        len(en.split()) >= 4
        and (en[0].isupper() or en[0].isdigit() or en[0] in DOUBLE_QUOTES)
        and en.count('"') % 2 == 0
        and en.count("\u201c") == en.count("\u201d")
        and " : " not in en
    )


def load_corpus(data: Path, pair: str, items: Sequence[str]) -> Corpus:
    lang = pair.split("-")[0]
    blocks: list[list[Segment]] = []
    for item in items:
        path = resolve(data, pair, item)
        blocks.extend(_bsd_json(path) if path.suffix == ".json" else _line_aligned(path, lang))
    if not blocks:
        sys.exit(f"no usable {pair} segments in {', '.join(items)}")
    return corpus_of(pair, blocks)


def corpus_of(pair: str, blocks: list[list[Segment]]) -> Corpus:
    """The corpus of ``blocks``: its filler and what each English sentence translates."""
    seen: set[str] = set()
    filler = []
    sources_of: dict[str, set[str]] = {}
    for block in blocks:
        for seg in block:
            sources_of.setdefault(seg.en, set()).add(source_key(seg.src))
            if article_like(seg.en) and seg.en not in seen:
                seen.add(seg.en)
                filler.append(seg.en)
    return Corpus(pair, blocks, filler, sources_of)


_PUNCT_OR_SPACE = re.compile(r"[\W_]+")


def source_key(src: str) -> str:
    """A source sentence's words without punctuation or spacing: ありがとうございます。 and
    ありがとうございます！ are the same sentence, and so are their translations."""
    return _PUNCT_OR_SPACE.sub("", norm(src))


def check_data(data: Path) -> None:
    if not data.is_dir():
        sys.exit(
            f"data directory not found: {data}\n"
            "The benchmark reads the shared parallel corpora at run time; pass --data DIR "
            "(the folder holding ko-en/ and ja-en/)."
        )


# ---------------------------------------------------------------------------- story parts


def rand_id(
    rng: random.Random, n: int, alphabet: str = string.ascii_letters + string.digits
) -> str:
    return "".join(rng.choice(alphabet) for _ in range(n))


def person(rng: random.Random, lang: str) -> Person:
    famous, surnames, given = (
        (KO_PEOPLE, KO_SURNAMES, KO_GIVEN) if lang == "ko" else (JA_PEOPLE, JA_SURNAMES, JA_GIVEN)
    )
    if rng.random() < 0.4:
        return Person(*rng.choice(famous))
    (sur, sur_en), (giv, giv_en) = rng.choice(surnames), rng.choice(given)
    native = sur + giv
    handle = f"{sur_en.lower()}_{giv_en}{rng.randint(1, 99)}" if rng.random() < 0.5 else giv_en
    return Person(native, sur_en, handle)


def debris(rng: random.Random, lang: str) -> str:
    kinds = ["md_image", "ppid", "widget", "pic", "credit"]
    if lang == "ja":
        kinds.append("ja_widget")
    kind = rng.choice(kinds)
    if kind == "md_image":
        return f"![photo](/images/2026/01/{rng.randint(1, 28):02d}/{rand_id(rng, 8).lower()}.webp)"
    if kind == "ppid":
        hexid = rand_id(rng, 8, "0123456789abcdef")
        return f"/images/ppid_{hexid}-image-{rng.randint(1000, 9999)}.webp)"
    if kind == "widget":
        return "기사 이미지 확대 보기\n닫기"
    if kind == "ja_widget":
        return rng.choice(("写真拡大", "画像を拡大する"))
    if kind == "pic":
        return f"pic.twitter.com/{rand_id(rng, 10)}"
    return rng.choice(PHOTO_CREDIT[lang])


def post_block(rng: random.Random, srcs: list[str], lang: str, who: Person) -> tuple[str, str]:
    """The embedded post as it appears on the page, and its style name."""
    style = rng.choice(("tweet", "paragraph", "posted_on"))
    # Korean pages sometimes lose the space between sentences ("...더군요.박자는 ...")
    joiner = "" if lang == "ja" or rng.random() < 0.2 else " "
    if style == "tweet":
        lines = list(srcs)
        lines[-1] += f" pic.twitter.com/{rand_id(rng, 10)}"
        byline = f"\u2014 {who.native} (@{who.handle}) January {rng.randint(1, 31)}, 2026"
        if rng.random() < 0.3:  # embed markup lost: the byline is glued to the last line
            lines[-1] += byline
        else:
            lines.append(byline)
        return "\n".join(lines), style
    if style == "paragraph":
        return joiner.join(srcs), style
    intro = f"{who.surname} posted on {rng.choice(PLATFORMS)}:"
    return intro + rng.choice(("\n", "\n\n")) + joiner.join(srcs), style


def terminated(en: str) -> str:
    """``en`` as a page prints it among other sentences: a corpus line without a full stop
    ("…phone number, and website") gets one, or it would run into the next sentence
    ("…and website Will that be it?") and no splitter could find the boundary the gold
    records."""
    return en + "." if en[-1:].isalnum() else en


def quote(rng: random.Random, ens: list[str], who: Person) -> str:
    """An English sentence quoting ``ens`` (one or more consecutive translations)."""
    body = " ".join([*map(terminated, ens[:-1]), ens[-1]])
    left, right = ("\u201c", "\u201d") if rng.random() < 0.3 else ('"', '"')
    subject = rng.choice((who.surname, who.surname, "she", "he"))
    verb = rng.choice(("said", "wrote", "added"))
    if rng.random() < 0.5:
        if body.endswith("."):
            body = body[:-1] + ","
        elif not body.endswith(("?", "!")):
            body += ","
        return f"{left}{body}{right} {subject} {verb}."
    subject = subject[0].upper() + subject[1:]
    verb = rng.choice(("wrote", "said", "added", "said in the post"))
    return f"{subject} {verb}: {left}{terminated(body)}{right}"


def paragraphs(rng: random.Random, sentences: list[str]) -> list[list[str]]:
    out: list[list[str]] = []
    i = 0
    while i < len(sentences):
        n = rng.randint(1, 4)
        out.append(sentences[i : i + n])
        i += n
    return out


def place_units(rng: random.Random, paras: list[list[str]], units: list[str], first: int) -> None:
    """Insert rendering units into paragraphs at index >= ``first``, keeping their order."""
    if not units:
        return
    first = min(first, len(paras))
    if rng.random() < P_TOGETHER:
        paras.insert(rng.randint(first, len(paras)), list(units))
        return
    for unit in units:
        if first == len(paras) or rng.random() < 0.3:
            paras.insert(rng.randint(first, len(paras)), [unit])
        else:
            para = paras[rng.randint(first, len(paras) - 1)]
            para.insert(rng.randint(0, len(para)), unit)
        first = min(first + 1, len(paras))


def scatter(rng: random.Random, paras: list[list[str]], sentences: list[str]) -> None:
    for sentence in sentences:
        if not paras:
            paras.append([])
        para = rng.choice(paras)
        para.insert(rng.randint(0, len(para)), sentence)


def render(
    rng: random.Random, paras: list[list[str]], lang: str, extra: dict[int, str], n_debris: int
) -> str:
    """Join paragraphs into page text; ``extra`` maps a paragraph index to a block before it."""
    blocks = [" ".join(map(terminated, p)) for p in paras]
    if blocks and rng.random() < 0.3:
        blocks[0] = rng.choice(DATELINES[lang]) + blocks[0]
    for index in sorted(extra, reverse=True):
        blocks.insert(index, extra[index])
    for _ in range(n_debris):
        blocks.insert(rng.randint(0, len(blocks)), debris(rng, lang))
    return "\n\n".join(blocks) + "\n"


# ---------------------------------------------------------------------------- one story


class Generator:
    """Draws stories for one pair from a corpus."""

    def __init__(self, corpus: Corpus, rng: random.Random, quoted_distractors: float = 0.0) -> None:
        self.corpus = corpus
        self.rng = rng
        self.quoted_distractors = quoted_distractors
        # Its own draws, so that quoting distractors changes nothing else in a story: the
        # same posts, renderings and fillers as without the option, for a paired comparison.
        # (Seeded from the main generator's state, which reading does not advance.)
        self.quote_rng = random.Random(f"quoted:{rng.getstate()[1][:8]}")
        self.lang = corpus.pair.split("-")[0]
        self.positions = corpus.positions
        self.used: set[tuple[int, int]] = set()

    def window(self) -> tuple[list[Segment], Segment | None, Segment | None]:
        """A post: 1-3 consecutive segments, preferring ones not used yet."""
        rng, blocks = self.rng, self.corpus.blocks
        best: tuple[list[Segment], Segment | None, Segment | None] | None = None
        for attempt in range(200):
            b, i = rng.choice(self.positions)
            n = rng.choices((1, 2, 3), weights=(0.4, 0.35, 0.25))[0]
            block = blocks[b]
            span = range(i, min(i + n, len(block)))
            segs = [block[j] for j in span]
            if not self._distinct(segs) or sum(len(s.src) for s in segs) < MIN_POST_CHARS:
                continue
            before = block[i - 1] if i > 0 else None
            after = block[span.stop] if span.stop < len(block) else None
            best = (segs, before, after)
            if all((b, j) not in self.used for j in span) or attempt > 100:
                self.used.update((b, j) for j in span)
                return best
        if best is None:
            sys.exit(f"could not draw a post from the {self.corpus.pair} corpus")
        return best

    @staticmethod
    def _distinct(segs: list[Segment]) -> bool:
        """No sentence of the post covers another one (on either side)."""
        for x in segs:
            for y in segs:
                if x is not y and (
                    covers_normed(norm(x.src), norm(y.src)) or covers_normed(norm(x.en), norm(y.en))
                ):
                    return False
        return True

    def fillers(self, n: int, protected: list[str], avoid: set[str]) -> list[str]:
        """``n`` filler sentences that cannot be mistaken for a rendering of the post."""
        normed = [norm(p) for p in protected]
        out: list[str] = []
        while len(out) < n:
            candidate = self.rng.choice(self.corpus.filler)
            c = norm(candidate)
            if candidate in avoid or any(covers_normed(g, c) for g in normed):
                continue
            avoid.add(candidate)
            out.append(candidate)
        return out

    def story(self, story_id: str) -> Story:
        rng, lang = self.rng, self.lang
        segs, before, after = self.window()
        who = person(rng, lang)
        ens = [s.en for s in segs]
        normed = [norm(e) for e in ens]
        distractors = [
            d.en
            for d in (before, after)
            if d is not None and not any(covers_normed(g, norm(d.en)) for g in normed)
        ]

        # where each sentence's translation goes: list of (file, how)
        omit = rng.random() < P_OMIT
        per_post = rng.random() < P_PER_POST
        post_choice = rng.choices(PLACEMENTS, PLACEMENT_WEIGHTS)[0]
        places: list[list[tuple[str, str]]] = []
        for en in ens:
            if omit:
                places.append([])
                continue
            how = post_choice if per_post else rng.choices(PLACEMENTS, PLACEMENT_WEIGHTS)[0]
            can_quote = not any(q in en for q in DOUBLE_QUOTES)
            if how == "sibling":
                places.append([("b", rng.choice(("quote", "plain")) if can_quote else "plain")])
                continue
            place = [("a", how if can_quote else "plain")]
            if rng.random() < P_ALSO_SIBLING:
                place.append(("b", "plain"))
            places.append(place)
        has_b = any(doc == "b" for place in places for doc, _ in place) or (
            rng.random() < P_EXTRA_SIBLING
        )

        # English units per document, in post order (adjacent quotes may be combined)
        units: dict[str, list[str]] = {"a": [], "b": []}
        for doc in units:
            pending: list[str] = []
            for en, place in zip(ens, places, strict=True):
                hows = [how for d, how in place if d == doc]
                if hows and hows[0] == "quote":
                    pending.append(en)
                    continue
                if pending:
                    units[doc].extend(self._quotes(pending, who))
                    pending = []
                if hows:
                    units[doc].append(en)
            if pending:
                units[doc].extend(self._quotes(pending, who))

        avoid = set(ens) | set(distractors)
        docs_with_units = [d for d in ("a", "b") if units[d]] or ["a"]
        spread: dict[str, list[str]] = {"a": [], "b": []}
        for d in distractors:
            spread[rng.choice(docs_with_units)].append(d)
        shown = self._shown_distractors(distractors, who)

        # article a: filler paragraphs, the post after paragraph 1-3, renderings after it
        fill = self.fillers(rng.randint(8, 15), ens, avoid)
        placed = {"a": fill + spread["a"]}  # the English sentences that are no rendering
        paras = paragraphs(rng, fill)
        post_at = rng.randint(1, min(3, len(paras)))
        post_text, style = post_block(rng, [s.src for s in segs], lang, who)
        scatter(rng, paras, [shown[d] for d in spread["a"]])
        place_units(rng, paras, units["a"], post_at)
        extra = {post_at: post_text}
        story = Story()
        story.files["a.txt"] = render(rng, paras, lang, extra, rng.randint(1, 4))
        if has_b:
            fill = self.fillers(rng.randint(6, 12), ens, avoid)
            placed["b"] = fill + spread["b"]
            paras_b = paragraphs(rng, fill)
            scatter(rng, paras_b, [shown[d] for d in spread["b"]])
            place_units(rng, paras_b, units["b"], rng.randint(0, 2))
            story.files["b.txt"] = render(rng, paras_b, lang, {}, rng.randint(0, 2))

        doc_a = f"{story_id}/a"
        for seg, place in zip(segs, places, strict=True):
            for doc, _ in place:
                story.gold.append((doc_a, seg.src, f"{story_id}/{doc}", seg.en))
            story.sources.append((doc_a, seg.src, len(place)))
            # A dialogue says ありがとうございます。 more than once: the translation of another
            # such turn, placed as filler or distractor, is a rendering of this one too.
            key = source_key(seg.src)
            for doc, sentences in placed.items():
                for en in sentences:
                    if key in self.corpus.sources_of.get(en, ()):
                        story.acceptable.append((doc_a, seg.src, f"{story_id}/{doc}", en))
        story.meta = {
            "story": story_id,
            "origin": f"{segs[0].origin}..{segs[-1].origin}",
            "sentences": str(len(segs)),
            "style": style,
            "placement": ",".join("+".join(f"{d}:{h}" for d, h in p) or "omit" for p in places),
            "sibling": "1" if has_b else "0",
            "distractors": str(len(distractors)),
            "quoted": str(sum(shown[d] != d for d in distractors)),
        }
        return story

    def _shown_distractors(self, distractors: list[str], who: Person) -> dict[str, str]:
        """Each distractor as the article shows it: as it is, or (``quoted_distractors``)
        quoted and attributed to someone other than the post's author, by draws of
        ``quote_rng`` only: the rest of the story is the one drawn without the option."""
        shown = {d: d for d in distractors}
        if self.quoted_distractors <= 0:
            return shown
        rng = self.quote_rng
        for d in distractors:
            if rng.random() >= self.quoted_distractors or any(q in d for q in DOUBLE_QUOTES):
                continue
            other = person(rng, self.lang)
            while other.surname == who.surname:
                other = person(rng, self.lang)
            shown[d] = quote(rng, [d], other)
        return shown

    def _quotes(self, ens: list[str], who: Person) -> list[str]:
        """Quote sentences for consecutive quoted translations."""
        if len(ens) > 1 and self.rng.random() < P_COMBINED_QUOTE:
            return [quote(self.rng, ens, who)]
        return [quote(self.rng, [en], who) for en in ens]


# ---------------------------------------------------------------------------- driver


def prepare_out(out: Path, overwrite: bool) -> None:
    """Refuse to write over anything but an empty folder or an earlier benchmark output."""
    if out.exists() and any(out.iterdir()):
        ours = (out / "gold.tsv").is_file()
        if not (overwrite and ours):
            why = "pass --overwrite" if ours else "it does not look like benchmark output"
            sys.exit(f"output folder {out} is not empty ({why})")
        for pair in PAIRS:
            shutil.rmtree(out / pair, ignore_errors=True)
        for name in OUTPUT_FILES:
            (out / name).unlink(missing_ok=True)
    out.mkdir(parents=True, exist_ok=True)


def write_tsv(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        for row in [header, *rows]:
            fh.write("\t".join(clean(str(c)) for c in row) + "\n")


def generate(
    data: Path,
    out: Path,
    stories: int,
    seed: int,
    pairs: Sequence[str] = PAIRS,
    ko_files: Sequence[str] = tuple(DEFAULT_KO_FILES.split(",")),
    ja_files: Sequence[str] = tuple(DEFAULT_JA_FILES.split(",")),
    overwrite: bool = False,
    quoted_distractors: float = 0.0,
) -> dict[str, int]:
    """Generate the stories; returns the number of gold links per pair."""
    check_data(data)
    corpora = {
        pair: load_corpus(data, pair, ko_files if pair == "ko-en" else ja_files) for pair in pairs
    }
    prepare_out(out, overwrite)
    gold_rows: list[list[str]] = []
    source_rows: list[list[str]] = []
    meta_rows: list[list[str]] = []
    meta_header = ["pair", "story", "origin", "sentences", "style", "placement", "sibling"]
    meta_header.extend(("distractors", "quoted"))
    counts: dict[str, int] = {}
    for pair in pairs:
        gen = Generator(corpora[pair], random.Random(f"{seed}:{pair}"), quoted_distractors)
        counts[pair] = 0
        for k in range(stories):
            story_id = f"s{k:04d}"
            story = gen.story(story_id)
            folder = out / pair / story_id
            folder.mkdir(parents=True, exist_ok=True)
            for name, text in story.files.items():
                (folder / name).write_text(text, encoding="utf-8")
            gold_rows.extend([pair, *g, "strict"] for g in story.gold)
            gold_rows.extend([pair, *g, "acceptable"] for g in story.acceptable)
            source_rows.extend([pair, doc, src, str(n)] for doc, src, n in story.sources)
            meta_rows.append([pair, *(story.meta[h] for h in meta_header[1:])])
            counts[pair] += len(story.gold)
    write_tsv(
        out / "gold.tsv",
        ["pair", "doc_id", "src_text", "tgt_doc_id", "tgt_text", "kind"],
        gold_rows,
    )
    write_tsv(out / "sources.tsv", ["pair", "doc_id", "src_text", "gold_links"], source_rows)
    write_tsv(out / "meta.tsv", meta_header, meta_rows)
    return counts


def generate_from_args(
    args: argparse.Namespace, out: Path, pairs: Sequence[str] = PAIRS, overwrite: bool = True
) -> dict[str, int]:
    """``generate`` with the options of ``add_generation_args``."""
    return generate(
        args.data,
        out,
        args.stories,
        args.seed,
        pairs,
        args.ko_files.split(","),
        args.ja_files.split(","),
        overwrite=overwrite,
        quoted_distractors=args.quoted_distractors,
    )


def default_data() -> Path:
    return Path(__file__).resolve().parent.parent.parent / "shared" / "data"


def probability(text: str) -> float:
    """An argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number from 0 to 1, got {text!r}")
    return value


def add_generation_args(parser: argparse.ArgumentParser) -> None:
    """Options shared with quality.py."""
    parser.add_argument(
        "--data",
        type=Path,
        default=default_data(),
        help="shared data folder (default: %(default)s)",
    )
    parser.add_argument("--stories", type=int, default=200, help="stories per pair (default 200)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument(
        "--quoted-distractors",
        type=probability,
        default=0.0,
        metavar="P",
        help="quote each distractor with probability P, attributed to another person "
        "(default 0: the stories of the figures in BENCHMARKS.md)",
    )
    parser.add_argument(
        "--pairs", default=",".join(PAIRS), help="comma-separated pairs (default ko-en,ja-en)"
    )
    parser.add_argument(
        "--ko-files",
        default=DEFAULT_KO_FILES,
        help="ko-en corpora: comma-separated prefixes under DATA/ko-en (or paths) with .ko/.en "
        "files (default %(default)s; use jhe-koen-eval for a held-out check)",
    )
    parser.add_argument(
        "--ja-files",
        default=DEFAULT_JA_FILES,
        help="ja-en corpora: BSD-style .json files or prefixes with .ja/.en files under "
        "DATA/ja-en (default %(default)s)",
    )


def parse_pairs(text: str) -> list[str]:
    pairs = [p.strip() for p in text.split(",") if p.strip()]
    for p in pairs:
        if p not in PAIRS:
            sys.exit(f"unknown pair {p!r} (choose from {', '.join(PAIRS)})")
    return pairs


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("-o", "--out", type=Path, required=True, help="output folder")
    parser.add_argument(
        "--overwrite", action="store_true", help="replace an earlier output in --out"
    )
    add_generation_args(parser)
    args = parser.parse_args(argv)
    counts = generate_from_args(args, args.out, parse_pairs(args.pairs), args.overwrite)
    for pair, n in counts.items():
        print(f"{pair}: {args.stories} stories, {n} gold links -> {args.out / pair}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

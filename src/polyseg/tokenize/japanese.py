"""Japanese: fugashi + unidic-lite, with a user dictionary built from the lexicons' names.

UniDic splits names it does not know (李在明 → 李 / 在明 "有り明け"), so the names of the
lexicons are compiled into a MeCab user dictionary with fugashi's bundled dictionary
compiler. The compiled file is cached under ``$XDG_CACHE_HOME/polyseg`` keyed by the
checksum of its rows, so only the first run after a lexicon change pays for it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import cache_dir
from ..errors import PolysegError
from ..script import is_han
from ..segment import split_japanese
from ..types import Token

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "連体詞", "感動詞"})
# Light verbs, verbs of saying (English "say" is a stop word), demonstratives,
# grammaticalised nouns and verbs (かもしれない, によって, 〜すぎる), and words whose usual
# English renderings are stop words too (もっと "more", もし "if", 他 "other", いくら "how
# much"): they carry little evidence and would only lower coverage. A lexicon row whose
# target is a meetable stop word (言う = say) still makes one evidence where the English
# has it (features.MEET_KINDS).
LIGHT = frozenset(
    """する 為る ある 有る いる 居る なる 成る こと 事 もの 物 言う 云う 申す そう どう こう ああ
    いう よう 様 この その あの どの こんな そんな あんな どんな ところ 所 方 うち 内 ため 為 中 時
    でも だから それ これ あれ 又 また もう まだ くれる 下さる 頂く 貰う 御座る ござる 居る おる 出来る できる
    やる 遣る いたす 致す しれる 知れる よる 因る 依る すぎる 過ぎる みたい まま もっと もし 他 いくら
    あと はず 筈 わけ 訳 とき ほう""".split()
)
# Verbs that, after the case particle に, are grammar: compound particles (複合辞) such as
# について "about", において "in", によって "by", にとって "for", に対して "towards", に関する
# "on". Their tokens are tagged 助詞-複合辞, so that a lexicon run cannot start there (によって
# is no よって "therefore"), and are no content words (議題について is not 議題 + つく "be
# lit"). The verbs are matched by UniDic's written base form, in kana for the particles: 席に
# 着く "take a seat" and 手に取る "pick up" stay verbs.
COMPOUND_PARTICLE_VERBS = frozenset({"つく", "おく", "よる", "とる", "対する", "関する"})
COMPOUND_PARTICLE_TAG = "助詞-複合辞"
# Negating auxiliaries that negate nothing, as parts of compound auxiliaries or idioms:
# かもしれない "might" (しれ+ない, しれ+ませ+ん), 申し訳ない / 申し訳ありません "sorry", and
# the obligation なければならない, なくてはいけない, ないといけない "must" (two negations, and
# the verb between them is grammar too). They are tagged 助動詞-複合辞: "I might ask" has no
# "not" to meet.
COMPOUND_AUXILIARY_TAG = "助動詞-複合辞"
# A noun UniDic allows as a counter (台, 度, 回, 件), right after a number.
COUNTER_TAG = "名詞-助数詞"
# かもしれない and 申し訳ない / 申し訳ありません "sorry": the negation is part of the word.
_NEGATION_IDIOMS = frozenset({"しれる", "知れる", "申し訳"})
_POLITE_AUXILIARIES = frozenset({"ます", "ある", "有る", "ござる", "御座る"})
_OBLIGATION_LINKS = frozenset({"ば", "て", "は", "と", "ちゃ"})
_OBLIGATION_VERBS = frozenset({"なる", "成る", "いける", "行ける", "だめ", "駄目"})
# なきゃ (なければ) holds its link: 返信しなきゃいけない "I have to reply".
_CONTRACTED_OBLIGATIONS = frozenset({"なきゃ", "なけりゃ"})
# What may close a sentence after an obligation left unfinished (特許化しないと。 "We need
# to patent this", 気を付けないとだね, 準備しなくちゃ！): only these and punctuation; a
# clause after ないと makes it a condition (急がないと遅れる "if we don't hurry").
_FINAL_AFTER_OBLIGATION = frozenset({"だ", "です", "ね", "な", "よ", "ぞ", "わ"})
# Final particles that make a sentence a question without a question mark (届くかな。,
# いいでしょうか。, いいかしら。).
QUESTION_PARTICLES = frozenset({"か", "かな", "かしら"})
# Endings that ask the listener to agree (フォーでしょ, 久しぶりだろ？, そうですよね): a
# statement put as a question, which English renders either way ("…, right?", "You only like
# pho.").
CONFIRMATION_AUXILIARIES = frozenset({"でしょ", "でしょう", "だろ", "だろう"})
# Question words and the English word that asks the same (a 何か "something" or a 誰も
# "nobody" is none: see features.source_items). A suggestion that holds one asks
# (どうしようか "what shall we do?").
INTERROGATIVES = {
    "何": "what",
    "なに": "what",
    "なん": "what",
    "どんな": "what",
    "いつ": "when",
    "どこ": "where",
    "誰": "who",
    "だれ": "who",
    "なぜ": "why",
    "何故": "why",
    "どうして": "why",
    "なんで": "why",
    "どう": "how",
    "いくら": "how",
    "どれ": "which",
    "どちら": "which",
    "どっち": "which",
    "どの": "which",
}
QUESTION_WORDS = frozenset(INTERROGATIVES)
# Negating auxiliaries: 食べない, 待てません (ませ+ん, ん = ぬ), できぬ, 知らず; and ない after
# a noun or an adjective (問題ない, 高くない, 時間が無い).
NEGATIONS = frozenset({"ない", "無い", "ぬ", "ず"})
_NEGATION_TAGS = ("助動詞", "形容詞-非自立可能")
NAME_POS = {
    "person": "名詞,固有名詞,人名,一般",
    "place": "名詞,固有名詞,地名,一般",
}
DEFAULT_NAME_POS = "名詞,固有名詞,一般"
USER_WORD_COST = -5000


# Punctuation and spaces, which the tests of how a sentence ends look past.
_UNSPOKEN = ("補助記号", "空白")


def _spoken(tokens: tuple[Token, ...], *skip: str) -> list[Token]:
    """The tokens of the sentence but punctuation, spaces and those of the tags ``skip``."""
    return [t for t in tokens if not t.tag.startswith(_UNSPOKEN + skip)]


def _final_run(tokens: tuple[Token, ...], tags: tuple[str, ...]) -> list[Token]:
    """The tokens of the tags ``tags`` the sentence ends with, in order, punctuation aside."""
    run: list[Token] = []
    for tok in reversed(tokens):
        if tok.tag.startswith(_UNSPOKEN):
            continue
        if not tok.tag.startswith(tags):
            break
        run.insert(0, tok)
    return run


def _asks(particles: list[Token]) -> bool:
    return any(t.lemma in QUESTION_PARTICLES for t in particles if t.tag.startswith("助詞-終助詞"))


_SMALL_VOWELS = str.maketrans("ぁぃぅぇぉ", "あいうえお")


def spelling_variant(form: str) -> str:
    """The form a dictionary lists for a word written with small hiragana vowels (わぁ → わあ,
    まぁ → まあ, ねぇ → ねえ); in katakana the small vowels spell sounds (フォー) and stay."""
    return form.translate(_SMALL_VOWELS)


# Small kana that make one syllable with the kana before them (キョ, シャ, ファ, ティ).
_SMALL_Y = {"ゃ": "a", "ゅ": "u", "ょ": "o", "ャ": "a", "ュ": "u", "ョ": "o"}
_SMALL_V = {"ぁ": "a", "ぃ": "i", "ぅ": "u", "ぇ": "e", "ぉ": "o"}
_SMALL_V |= {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o"}


def romanize(kana: str) -> str:
    """Hepburn romanization of a kana reading: ノセ → nose, キシダ → kishida, トウキョウ →
    toukyou, シャチョウ → shachou, ハットリ → hattori (long vowels as written)."""
    from anyascii import anyascii

    out: list[str] = []
    double = False
    for ch in kana:
        if ch in "ッっ":
            double = True
            continue
        if ch == "ー":
            continue
        if ch in _SMALL_Y and out and out[-1].endswith("i") and len(out[-1]) > 1:
            head = out[-1][:-1]
            out[-1] = head + ("" if head.endswith(("sh", "ch", "j")) else "y") + _SMALL_Y[ch]
            continue
        if ch in _SMALL_V and out and len(out[-1]) > 1:
            out[-1] = out[-1][:-1] + _SMALL_V[ch]
            continue
        syllable = anyascii(ch).lower()
        if double and syllable and syllable[0] not in "aeiou":
            syllable = ("t" if syllable.startswith("ch") else syllable[0]) + syllable
        double = False
        out.append(syllable)
    return "".join(out)


def name_reading(tok: Token) -> str:
    """The romanized reading of a proper noun written in kanji (能勢 → nose, 石破 → ishiba),
    by which English spells it; "" for any other token."""
    if "固有名詞" not in tok.tag or not tok.reading:
        return ""
    if not any(is_han(ch) or ch == "々" for ch in tok.form):
        return ""
    return romanize(tok.reading)


def negates(tok: Token) -> bool:
    """Whether ``tok`` negates (ない, 無い, ぬ, ず as auxiliaries or after a word; not in
    かもしれない or なければならない)."""
    return (
        tok.lemma in NEGATIONS
        and tok.tag.startswith(_NEGATION_TAGS)
        and tok.tag != COMPOUND_AUXILIARY_TAG
    )


def _ends_sentence(tokens: list[Token], k: int) -> bool:
    """Whether only closing particles and punctuation follow from ``k`` on."""
    return all(
        t.form in _FINAL_AFTER_OBLIGATION or t.tag.startswith("補助記号") for t in tokens[k:]
    )


def _mark_compound_auxiliaries(tokens: list[Token]) -> None:
    """Retag, in place, the negations of かもしれない and of the obligations なければならない,
    なきゃいけない and an unfinished しないと。 (COMPOUND_AUXILIARY_TAG), and make the verb
    of an obligation grammar."""
    for i, tok in enumerate(tokens):
        if not negates(tok):
            continue
        h = i - 1
        while h > 0 and tokens[h].lemma in _POLITE_AUXILIARIES:
            h -= 1
        if h >= 0 and tokens[h].lemma in _NEGATION_IDIOMS:
            tokens[i] = replace(tok, tag=COMPOUND_AUXILIARY_TAG)
            continue
        j = i + 1
        while j < len(tokens) and tokens[j].form in _OBLIGATION_LINKS:
            j += 1
        linked = j > i + 1 or tok.form in _CONTRACTED_OBLIGATIONS
        # 行かなくて。 gives a reason ("I didn't go, so…"); 行かなくては。 is an obligation.
        unfinished = tok.form in _CONTRACTED_OBLIGATIONS or tokens[j - 1].form != "て"
        if linked and unfinished and _ends_sentence(tokens, j):
            tokens[i] = replace(tok, tag=COMPOUND_AUXILIARY_TAG)
            continue
        if not linked or j >= len(tokens) or tokens[j].lemma not in _OBLIGATION_VERBS:
            continue
        k = j + 1
        while k < len(tokens) and tokens[k].lemma == "ます":
            k += 1
        if k < len(tokens) and negates(tokens[k]):
            tokens[i] = replace(tok, tag=COMPOUND_AUXILIARY_TAG)
            tokens[j] = replace(tokens[j], content=False)
            tokens[k] = replace(tokens[k], tag=COMPOUND_AUXILIARY_TAG)


def ends_as_question(tokens: tuple[Token, ...]) -> bool:
    """Whether the final particles of the sentence hold a question particle (届くかな,
    いいでしょうか, あるんでしょうかね); not a reply that only acknowledges (``_acknowledges``)."""
    return _asks(_final_run(tokens, ("助詞-終助詞",))) and not _acknowledges(tokens)


def _acknowledges(tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence is そう with a copula and か, after interjections at most
    (そうですか。, ああ、そうでしたか。, そうなんですか。): a listener's "I see", which English
    renders as a statement ("Oh, right.") far more often than as "Is that so?". Written with
    a question mark it still asks (asks_question)."""
    core = _spoken(tokens, "感動詞")
    return (
        len(core) >= 2
        and core[0].lemma == "そう"
        and core[0].tag.startswith("副詞")
        and core[-1].lemma == "か"  # そうかな。 ("I'm not sure") doubts
        and all(t.tag.startswith(("助動詞", "助詞-準体助詞")) for t in core[1:-1])
    )


def _rhetorical(tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence ends with a negated copula and か (じゃないか, ではないですか):
    a remark asking for agreement ("That sounds pretty similar to ours.", "…, haven't
    you?")."""
    core = [t.form for t in _spoken(tokens)]
    if core[-1:] != ["か"]:
        return False
    core = core[:-1]
    if core[-1:] == ["です"]:
        core = core[:-1]
    return core[-2:] == ["じゃ", "ない"] or core[-3:] == ["で", "は", "ない"]


def _suggests(tokens: tuple[Token, ...], particles: list[Token]) -> bool:
    """Whether the sentence ends with a volitional form and the question ``particles``
    (見ようか, 始めましょうか, 見てみようかな): an offer or a suggestion, which English
    renders as a question ("Shall we get started?") or not ("Let's go!"). One with a
    question word asks (どうしようか)."""
    core = _spoken(tokens)
    if len(core) <= len(particles):
        return False
    last = core[len(core) - len(particles) - 1]
    volitional = (
        last.tag.startswith("動詞") and last.form.endswith("う") and last.form != last.lemma
    ) or (last.lemma == "ます" and last.form == "ましょう")
    return volitional and not any(t.lemma in QUESTION_WORDS for t in tokens)


def seeks_confirmation(text: str, tokens: tuple[Token, ...]) -> bool:
    """Whether the sentence may render or be rendered by a statement as well as a question:
    it ends with でしょ/だろ (not followed by か) or with よね; or it is a suggestion put as
    a question (see ``_suggests``); or its question particle is closed by a full stop, not a
    question mark (テレビ関連の技術でしょうか。 "Maybe technologies for TV too.", J証券かな。
    "The most impressive one by far is J brokerage.": of the BSD dev turns that ask so, 24
    are rendered as statements and 19 as questions, against 5 and 184 of those with a
    question mark); or it asks with a negated copula (``_rhetorical``)."""
    tail = _final_run(tokens, ("助詞-終助詞", "助動詞"))
    if _asks(tail):
        if _suggests(tokens, _final_run(tokens, ("助詞-終助詞",))):
            return True
        return ("？" not in text and "?" not in text) or _rhetorical(tokens)
    forms = [t.form for t in tail]
    return bool(CONFIRMATION_AUXILIARIES.intersection(forms)) or forms[-2:] == ["よ", "ね"]


@contextlib.contextmanager
def _quiet_fds() -> Iterator[None]:
    """Silence the dictionary compiler, which prints progress from C to fd 1 and 2."""
    saved = [os.dup(1), os.dup(2)]
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        yield
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, devnull):
            os.close(fd)


def _context_id(dicdir: str, features: str) -> int:
    """The left/right context id UniDic uses for a part of speech (same in both files)."""
    candidates: list[tuple[int, str]] = []
    with open(Path(dicdir) / "left-id.def", encoding="utf-8") as fh:
        for line in fh:
            num, _, feat = line.rstrip("\n").partition(" ")
            if feat.startswith(features + ","):
                candidates.append((int(num), feat))
    for cid, feat in candidates:
        if feat.endswith(",固"):
            return cid
    if not candidates:
        raise PolysegError(f"unidic-lite has no context id for {features}")
    return candidates[0][0]


def _csv_rows(dicdir: str, user_words: tuple[tuple[str, str], ...]) -> list[str]:
    rows = []
    ids: dict[str, int] = {}
    for word, kind in sorted(set(user_words)):
        if "," in word or not word.strip():
            continue
        feats = NAME_POS.get(kind, DEFAULT_NAME_POS)
        if feats not in ids:
            ids[feats] = _context_id(dicdir, feats)
        cid = ids[feats]
        rest = ["*", "*", "*", word, word, "*", word, "*", "固", "*", "*", "*", "*"]
        rest += ["*"] * 9
        rows.append(",".join([word, str(cid), str(cid), str(USER_WORD_COST), feats, *rest]))
    return rows


def build_user_dictionary(user_words: tuple[tuple[str, str], ...]) -> str | None:
    """Compile (or reuse from the cache) a user dictionary; return its path."""
    import fugashi
    import unidic_lite

    dicdir = unidic_lite.DICDIR
    rows = _csv_rows(dicdir, user_words)
    if not rows:
        return None
    payload = "\n".join(rows) + "\n"
    digest = hashlib.sha256((metadata.version("unidic-lite") + payload).encode()).hexdigest()[:16]
    target = cache_dir() / f"ja-user-{digest}.dic"
    if target.exists():
        with contextlib.suppress(OSError):
            os.utime(target)  # recently used: kept by _prune_user_dictionaries
        return str(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        workdir = target.parent
    except OSError:
        workdir = Path(tempfile.gettempdir())
        target = workdir / target.name
    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        csv = Path(tmp) / "user.csv"
        csv.write_text(payload, encoding="utf-8")
        out = Path(tmp) / "user.dic"
        with _quiet_fds():
            fugashi.build_dictionary(f'polyseg -d "{dicdir}" -u "{out}" -f utf8 -t utf8 "{csv}"')
        if not out.exists():
            raise PolysegError("could not compile the Japanese user dictionary of lexicon names")
        os.replace(out, target)
    _prune_user_dictionaries(target)
    return str(target)


# Compiled user dictionaries kept in the cache: one per set of lexicon names in use (each
# edit of a name list makes a new one), the most recently used first.
KEEP_USER_DICTIONARIES = 8


def _prune_user_dictionaries(current: Path) -> None:
    """Remove all but the most recently used compiled user dictionaries beside ``current``."""
    try:
        found = sorted(
            current.parent.glob("ja-user-*.dic"), key=lambda p: p.stat().st_mtime, reverse=True
        )
        for old in found[KEEP_USER_DICTIONARIES:]:
            if old != current:
                old.unlink(missing_ok=True)
    except OSError:
        return


# The adjectives UniDic marks "非自立可能" (いい, 良い, 欲しい) serve as auxiliaries after
# a verb or a particle of a clause: 帰ってもいい "may go home", どうすればいい "what should I
# do", 金曜日でもいい "Friday is fine", 行ったほうがいい "had better go", 来てほしい "want
# you to come". Opening a sentence, or after 、, an adverb, a topic or a subject, and before
# a noun, they are the predicate, which English renders: いいですね "Sounds good", それは良
# かった "That's good to hear", 新しいパソコンが欲しい "I want a new computer", いい考え "a
# good idea". ない is negation (NEGATIONS, ``negates``).
_MAY_BE_AUXILIARY_ADJECTIVE = "形容詞-非自立可能"
_ALONE_AFTER = ("補助記号", "副詞", "助詞-係助詞")


def _predicate_alone(tokens: list[Token], i: int) -> bool:
    """Whether the adjective ``tokens[i]``, which may be an auxiliary, is the predicate in
    its own right, by the tokens before it."""
    if i == 0:
        return True
    prev = tokens[i - 1]
    if prev.form == "も" and i > 1:
        # 帰ってもいい, 金曜日でもいい; not 私もいい考えだと思う
        return not (tokens[i - 2].tag.startswith("助詞-接続助詞") or tokens[i - 2].form == "で")
    if prev.tag.startswith(_ALONE_AFTER):
        return True
    return (
        prev.tag == "助詞-格助詞"
        and prev.form == "が"
        and not (i > 1 and tokens[i - 2].lemma in ("方", "ほう"))
    )


def _mark_predicate_adjectives(tokens: list[Token]) -> None:
    """Make, in place, such an adjective a content word where it is the predicate: by the
    tokens before it (``_predicate_alone``), or before a noun, where no auxiliary stands."""
    for i, tok in enumerate(tokens):
        if tok.tag != _MAY_BE_AUXILIARY_ADJECTIVE or tok.lemma in NEGATIONS or tok.lemma in LIGHT:
            continue
        before_noun = i + 1 < len(tokens) and tokens[i + 1].tag.startswith("名詞")
        if before_noun or _predicate_alone(tokens, i):
            tokens[i] = replace(tok, content=True)


class JapaneseTokenizer:
    lang = "ja"

    def __init__(self, user_words: tuple[tuple[str, str], ...] = ()) -> None:
        import fugashi

        self.user_dic = build_user_dictionary(user_words) if user_words else None
        args = f'-u "{self.user_dic}"' if self.user_dic else ""
        self._tagger: Any = fugashi.Tagger(args)

    def versions(self) -> dict[str, str]:
        return {
            "fugashi": metadata.version("fugashi"),
            "unidic-lite": metadata.version("unidic-lite"),
        }

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        return split_japanese(text)

    def tokenize(self, text: str) -> tuple[Token, ...]:
        out: list[Token] = []
        pos = 0
        after_te = False
        for w in self._tagger(text):
            surface = w.surface
            start = text.find(surface, pos)
            if start < 0:
                start = pos
            end = start + len(surface)
            pos = end
            f = w.feature
            pos1 = f.pos1 or ""
            pos2 = f.pos2 or ""
            lemma_field = f.lemma or ""
            origin = lemma_field.split("-", 1)[1] if "-" in lemma_field else ""
            if origin and not origin.isascii():
                origin = ""
            lemma = f.orthBase if f.orthBase and f.orthBase != "*" else surface
            tag = pos1 if pos2 in ("", "*") else f"{pos1}-{pos2}"
            if (
                f.pos3 == "助数詞可能"
                and out
                and out[-1].tag == "名詞-数詞"
                and out[-1].end == start
            ):
                # 台 of 一台, 件 of 3件: a counter, which English renders by its noun or
                # not at all ("another monitor", "three times")
                tag = COUNTER_TAG
            # UniDic marks 見る, 来る, 出す, 終わる "非自立可能" because they can follow て as
            # auxiliaries (〜てみる); only that use is grammar, the verb itself is content.
            # The adjectives among them are settled by their context after the sentence is
            # read (``_mark_predicate_adjectives``).
            auxiliary = pos2 == "非自立可能" and (pos1 != "動詞" or after_te)
            content = (
                pos1 in CONTENT_POS
                and not auxiliary
                and pos2 != "代名詞"
                and lemma not in LIGHT
                and pos2 != "助動詞語幹"
            )
            if (
                pos1 == "動詞"
                and lemma in COMPOUND_PARTICLE_VERBS
                and out
                and out[-1].form == "に"
                and out[-1].tag == "助詞-格助詞"
            ):
                tag, content = COMPOUND_PARTICLE_TAG, False
            after_te = pos1 == "助詞" and pos2 == "接続助詞"
            reading = f.kana if f.kana and f.kana != "*" else ""
            out.append(Token(surface, tag, lemma, start, end, reading, origin, content))
        _mark_compound_auxiliaries(out)
        _mark_predicate_adjectives(out)
        return tuple(out)

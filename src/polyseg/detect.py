"""Find embedded Korean/Japanese posts, the English body and page debris in a document.

Detection is line-based: pages scraped to text keep one paragraph (or one line of a post)
per line. A run of Korean or Japanese prose lines becomes a post; a run that ends in a
``pic.twitter.com``/``t.co`` link and an attribution line ``— Name (@handle) Month D, YYYY``
is a tweet embed and carries that metadata. Short Korean/Japanese lines that are page
furniture (``기사 이미지 확대 보기`` / ``닫기``), image links, bare links and stray
attributions are debris: counted, never posts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .script import URL_RE, count_scripts, language_of
from .types import Debris, Detected, Document, Post

ATTRIBUTION_RE = re.compile(
    r"[—–-]{1,2}\s*(?P<name>[^\n()@]{1,60}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?P<date>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\s+\d{1,2},\s+\d{4})"
)
LINK_RE = re.compile(r"(?:https?://)?(?:pic\.twitter\.com|t\.co)/\w+", re.IGNORECASE)
IMAGE_RE = re.compile(
    r"^\s*(?:!\[[^\]]*\]\([^)]*\)|\S*/\S+\.(?:jpe?g|png|gif|webp|svg|avif)\)?)\s*$", re.IGNORECASE
)
BARE_LINK_RE = re.compile(r"^\s*(?:" + URL_RE.pattern + r")\s*$", re.IGNORECASE)
# Labels of page widgets that scraped pages carry: image viewers, share and comment buttons.
WIDGET_LABELS = frozenset(
    {
        "기사 이미지 확대 보기",
        "이미지 확대 보기",
        "이미지 확대",
        "사진 확대",
        "닫기",
        "공유하기",
        "기사 공유",
        "댓글",
        "구독",
        "좋아요",
        "글자 크기",
        "인쇄",
        "写真を拡大",
        "画像を拡大",
        "拡大する",
        "閉じる",
        "シェア",
        "ツイート",
        "印刷",
        "コメント",
    }
)
# Image-viewer labels in their many spellings: 写真拡大, 画像を拡大する, 図版の拡大表示,
# 사진 크게 보기, 기사 이미지 확대 보기.
VIEWER_LABEL_RE = re.compile(
    r"^(?:(?:写真|画像|図版|図|イメージ)(?:を|の)?(?:拡大|縮小)(?:する|表示|して見る)?"
    r"|(?:기사\s*)?(?:이미지|사진|그림)\s*(?:확대|크게)\s*(?:보기|하기)?)$"
)
# A photo credit on a line of its own: "Photo: Kyodo", "(Photo by Yonhap)", "AFP/Getty Images".
PHOTO_CREDIT_RE = re.compile(
    r"^\(?(?:(?:File )?Photos?|Images?|Pictures?)(?: by| courtesy of)?\s*[:：]?\s*"
    r"[A-Z][\w.&'/-]*(?: [A-Z][\w.&'/-]*){0,4}\)?$"
    r"|^[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,3}/(?:Getty Images|AFP|AP|Reuters|EPA|Yonhap|Kyodo)$"
)
# A Korean/Japanese run shorter than this, with no sentence-final punctuation and no
# tweet link, is taken as a label rather than a post.
MIN_POST_CJK = 12
SENTENCE_END_RE = re.compile(r"[.!?。！？]|[다요죠까네]\s*$|[^\W\d_]{2,}\^\^")
LEAD_MARKS = ">*-•・ "
# An English lead-in naming who wrote the post that follows it, on the line before the post
# or before a colon on its first line: "Takahashi posted on X:", "In a post on Facebook,
# Lee Jae-myung wrote:", "Prime Minister Sanae Takaichi said on X on Tuesday:"; ending
# with a period when it names the post ("Takaichi said in a post on X.").
LEAD_IN_RE = re.compile(
    r"(?:^|,\s*)(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4})\s+"
    r"(?:(?:has|had|also|then|later)\s+)?"
    r"(?:posted|posts|wrote|writes|tweeted|tweets|said|says|shared|shares|added|adds)\b"
    r"(?:[^:：\n]{0,80}[:：]"
    r"|[^.:：\n]{0,40}\b(?:on|in a post on|in a tweet on|on (?:his|her|their) (?:official )?)"
    r"\s*(?:X|Twitter|Facebook|Instagram|Threads|LinkedIn|Weibo|social media)\b[^.:：\n]{0,40}\.)"
    r"\s*$"
)
# An English lead-in has two words or more: "A : 우리 파티에…" is a dialogue speaker label.
_TWO_WORDS_RE = re.compile(r"[A-Za-z]{2,}[^A-Za-z]+[A-Za-z]{2,}")
# Words that start a lead-in without naming anyone: "She posted on X:", "Then he wrote:".
_NOT_NAMES = frozenset("he she they it we i you this that the then later also in on".split())
ELLIPSIS_RE = re.compile(r"\s*(?:…|\.\.\.)+\s*$")


@dataclass
class _Line:
    no: int  # 1-based
    start: int
    end: int
    text: str
    kind: str = "blank"  # blank | src | en | debris
    lang: str = ""
    reason: str = ""
    span: tuple[int, int] = (0, 0)  # text span of the source part of the line
    link: str = ""
    attribution: re.Match[str] | None = None
    lead_in: str = ""  # the author an English lead-in before the post text names


@dataclass
class _Group:
    lines: list[_Line] = field(default_factory=list)
    attribution: re.Match[str] | None = None
    link: str = ""


def _split_lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    pos = 0
    for no, raw in enumerate(text.split("\n"), 1):
        lines.append(_Line(no, pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return lines


def lead_in_author(text: str) -> str:
    """The name of the writer an English lead-in line names ("Takahashi posted on X:"),
    or "" (also for a pronoun: "She wrote:")."""
    m = LEAD_IN_RE.search(text.strip())
    if m is None:
        return ""
    name = m.group("name")
    if name.split()[0].lower() in _NOT_NAMES:
        return ""
    return name


def _source_part(line: _Line) -> tuple[int, int] | None:
    """The span of ``line`` holding Korean/Japanese prose, without links or attribution."""
    text = line.text
    cut = len(text)
    for m in (LINK_RE.search(text), ATTRIBUTION_RE.search(text), URL_RE.search(text)):
        if m is not None:
            cut = min(cut, m.start())
    head = text[:cut]
    sc = count_scripts(head)
    if sc.cjk < 2:
        return None
    start = 0
    # "Kim posted on X: 안녕하세요 …": an English lead-in before the post text, up to the
    # first colon; or a line mostly English whose text after its last colon is a post.
    colon = head.find(":")
    lead = head[:colon] if colon > 0 else ""
    english_lead = not count_scripts(lead).cjk and _TWO_WORDS_RE.search(lead) is not None
    if english_lead or sc.cjk < sc.letters * 0.5:
        if not english_lead:
            colon = max(head.rfind(": "), head.rfind(":"))
        if colon < 0:
            return None
        tail = head[colon + 1 :]
        tsc = count_scripts(tail)
        if tsc.cjk < MIN_POST_CJK or tsc.cjk < tsc.letters * 0.8:
            return None
        start = colon + 1
    seg = head[start:]
    # Markdown quote markers and list bullets in front of a pasted post are not its text.
    lstrip = len(seg) - len(seg.lstrip().lstrip(LEAD_MARKS).lstrip())
    s = start + lstrip
    e = start + len(seg.rstrip())
    if e <= s:
        return None
    return line.start + s, line.start + e


def _classify(lines: list[_Line], text: str) -> None:
    for line in lines:
        stripped = line.text.strip()
        if not stripped:
            continue
        if stripped in WIDGET_LABELS or VIEWER_LABEL_RE.match(stripped):
            line.kind, line.reason = "debris", "widget-label"
            continue
        if PHOTO_CREDIT_RE.match(stripped):
            line.kind, line.reason = "debris", "photo-credit"
            continue
        if IMAGE_RE.match(stripped):
            line.kind, line.reason = "debris", "image-link"
            continue
        if BARE_LINK_RE.match(stripped):
            line.kind, line.reason = "debris", "bare-link"
            continue
        att = ATTRIBUTION_RE.search(stripped)
        part = _source_part(line)
        if att is not None and part is None and att.start() <= 2:
            line.kind, line.reason, line.attribution = "debris", "attribution", att
            continue
        if part is None:
            line.kind = "en"
            continue
        line.kind = "src"
        line.span = part
        if part[0] > line.start:
            line.lead_in = lead_in_author(text[line.start : part[0]])
        line.attribution = att
        link = LINK_RE.search(line.text)
        line.link = link.group(0) if link else ""
    # Han-only lines take the language of the nearest source line with kana or Hangul.
    for i, line in enumerate(lines):
        if line.kind != "src":
            continue
        context = " ".join(
            text[x.span[0] : x.span[1]] for x in lines[max(0, i - 3) : i + 4] if x.kind == "src"
        )
        line.lang = language_of(text[line.span[0] : line.span[1]], context)


def _groups(lines: list[_Line]) -> list[_Group]:
    groups: list[_Group] = []
    current: _Group | None = None
    gap = 0
    for line in lines:
        if line.kind == "src":
            if (
                current is None
                or current.attribution is not None
                or current.lines[-1].lang != line.lang
                or gap > 1
            ):
                current = _Group()
                groups.append(current)
            current.lines.append(line)
            gap = 0
            if line.link:
                current.link = line.link
            if line.attribution is not None:
                current.attribution = line.attribution
            continue
        if current is None:
            continue
        if line.kind == "blank":
            gap += 1
            continue
        attachable = line.kind == "debris" and line.reason in ("attribution", "bare-link")
        if attachable and current.attribution is None and gap == 0:
            # The attribution or link line right after a post belongs to that post.
            if line.reason == "attribution":
                current.attribution = line.attribution
                line.reason = "embed-attribution"
            else:
                current.link = current.link or line.text.strip()
                line.reason = "embed-link"
            continue
        current = None
    return groups


def _is_post(group: _Group, text: str) -> bool:
    if group.attribution is not None or group.link:
        return True
    body = "\n".join(text[s:e] for s, e in (x.span for x in group.lines))
    if count_scripts(body).cjk >= MIN_POST_CJK:
        return True
    return bool(SENTENCE_END_RE.search(body)) and count_scripts(body).cjk >= 6


def detect(doc: Document) -> Detected:
    """Split ``doc`` into posts, English body paragraphs and debris."""
    text = doc.text
    lines = _split_lines(text)
    _classify(lines, text)
    posts: list[Post] = []
    debris: list[Debris] = []
    for group in _groups(lines):
        if not _is_post(group, text):
            for line in group.lines:
                line.kind, line.reason = "debris", "short-fragment"
            continue
        spans: list[tuple[int, int]] = []
        truncated = False
        for line in group.lines:
            s, e = line.span
            m = ELLIPSIS_RE.search(text, s, e)
            if m is not None and m.end() == e:
                # A post cut off by the embed ("…確認しました。…"): keep the text, not the mark.
                truncated = True
                e = m.start()
            if e > s:
                spans.append((s, e))
        if not spans:
            continue
        att = group.attribution
        first = group.lines[0]
        author = att.group("name").strip() if att else _lead_in(lines, first)
        posts.append(
            Post(
                doc_id=doc.doc_id,
                post_id=f"p{len(posts) + 1}",
                lang=_majority_lang(group),
                kind="embed" if (att is not None or group.link) else "paragraph",
                line=first.no,
                spans=tuple(spans),
                author=author,
                handle=att.group("handle") if att else "",
                date=att.group("date") if att else "",
                link=group.link,
                truncated=truncated,
            )
        )
    body: list[tuple[int, int, int]] = []
    for line in lines:
        if line.kind == "debris" and not line.reason.startswith("embed-"):
            debris.append(Debris(doc.doc_id, line.no, line.reason, line.text.strip()))
        elif line.kind == "en":
            raw = line.text
            s = line.start + len(raw) - len(raw.lstrip())
            e = line.start + len(raw.rstrip())
            if count_scripts(raw).latin >= 2:
                body.append((s, e, line.no))
    return Detected(doc, tuple(posts), tuple(body), tuple(debris))


def _lead_in(lines: list[_Line], first: _Line) -> str:
    """The author named by a lead-in on the post's first line, or on the English line
    before it (a blank line between them allowed)."""
    if first.lead_in:
        return first.lead_in
    before = [x for x in lines[max(0, first.no - 3) : first.no - 1] if x.kind != "blank"]
    if before and before[-1].kind == "en":
        return lead_in_author(before[-1].text)
    return ""


def _majority_lang(group: _Group) -> str:
    ko = sum(1 for x in group.lines if x.lang == "ko")
    return "ko" if ko * 2 >= len(group.lines) and ko else group.lines[0].lang or "ja"

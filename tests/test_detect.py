from __future__ import annotations

import pytest

from polyseg.detect import detect
from polyseg.read import normalise
from polyseg.types import Document

KO_EMBED = """Lee described the moment as deeply personal.
어설프지만, 그래서 더 잘 어울렸던 다카이치 총리님과의 합주^^
슬쩍 숟가락 하나 얹어봤지만 역시 프로의 실력은 다르더군요.박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 미래지향적 한일 관계도 한 마음으로 만들어가겠습니다. pic.twitter.com/pRY5jCjSl4
— 이재명 (@Jaemyung_Lee) January 13, 2026
South Korea presidential spokesperson Kim Nam-joon said that the event was special.
"""
JA_EMBED = """Takaichi said in a post on X.
韓国の李在明大統領と首脳会談を行いました。
両国を取り巻く戦略環境が厳しさを増す中、日韓関係、日韓米の連携の重要性はますます高まっています。
李大統領との間では、日韓両国が地域の安定に連携して役割を果たしていくべきとの点を確認しました。… pic.twitter.com/38ozZqyjFF— 高市早苗 (@takaichi_sanae) January 13, 2026
The leaders wore matching blue uniforms.
"""
DEBRIS = """Lee's visit would further elevate Seoul-Tokyo ties.

* This article, published by Aju Business Daily, was edited by AJP.
기사 이미지 확대 보기
닫기
![Japanese Prime Minister Sanae Takaichi plays drums.](/gc9/images/2026/01/15/53514-1-370_237.webp)
/images/ppid_a911dc6a-image-176832252672029286.webp)
pic.twitter.com/abcdEFG123
"""


def _doc(text: str, doc_id: str = "d") -> Document:
    return Document(doc_id, "s", f"{doc_id}.txt", normalise(text), "utf-8")


def test_korean_tweet_embed_with_metadata() -> None:
    det = detect(_doc(KO_EMBED))
    assert len(det.posts) == 1
    post = det.posts[0]
    assert (post.lang, post.kind, post.author, post.handle, post.date, post.link) == (
        "ko",
        "embed",
        "이재명",
        "Jaemyung_Lee",
        "January 13, 2026",
        "pic.twitter.com/pRY5jCjSl4",
    )
    text = post.text(det.doc)
    assert text.startswith("어설프지만") and text.endswith("만들어가겠습니다.")
    assert "pic.twitter" not in text
    assert not post.truncated


def test_japanese_embed_with_glued_attribution_and_trailing_ellipsis() -> None:
    det = detect(_doc(JA_EMBED))
    assert len(det.posts) == 1
    post = det.posts[0]
    assert (post.lang, post.author, post.handle) == ("ja", "高市早苗", "takaichi_sanae")
    assert post.truncated
    assert post.text(det.doc).endswith("確認しました。")
    assert len(post.spans) == 3


def test_page_debris_is_not_a_post() -> None:
    det = detect(_doc(DEBRIS))
    assert det.posts == ()
    assert sorted(d.reason for d in det.debris) == [
        "bare-link",
        "image-link",
        "image-link",
        "widget-label",
        "widget-label",
    ]
    assert len(det.body) == 2


@pytest.mark.parametrize(
    ("line", "debris"),
    [
        ("Photo: Kyodo", True),
        ("(Photo by Yonhap)", True),
        ("AFP/Getty Images", True),
        ("Photos: Lee Jae Myung's office", False),  # a caption (lowercase words), not a credit
        ("Photo: The leaders at the dinner in Nara were all smiles tonight.", False),
        ("Photographers waited outside.", False),
    ],
)
def test_photo_credits_are_debris(line: str, debris: bool) -> None:
    det = detect(_doc(f"{line}\n\nThe two leaders met in Nara on Tuesday.\n"))
    assert ([d.reason for d in det.debris] == ["photo-credit"]) is debris
    assert len(det.body) == (1 if debris else 2)


@pytest.mark.parametrize(
    "label", ["画像を拡大する", "写真拡大", "図版の拡大表示", "사진 크게 보기"]
)
def test_image_viewer_labels_after_a_post_are_not_part_of_it(label: str) -> None:
    post = "フランシスコ、他にこの件について意見はありますか？まだ言及されていない利点があります。"
    det = detect(_doc(f"{post}\n\n{label}\n\n{label}\n\nPhotos of the meeting.\n"))
    assert len(det.posts) == 1
    assert det.posts[0].text(det.doc) == post
    assert [d.reason for d in det.debris] == ["widget-label", "widget-label"]


@pytest.mark.parametrize(
    "line",
    [
        "President Lee Jae Myung (李在明) met Takaichi in Nara.",
        "The word 합주 means playing together.",
        "Seoul (서울) and Tokyo (東京) agreed.",
    ],
)
def test_short_fragments_inside_english_are_not_posts(line: str) -> None:
    det = detect(_doc(line + "\n"))
    assert det.posts == ()
    assert len(det.body) == 1


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Kim posted on X: 오늘 나라에서 다카이치 총리와 정상회담을 가졌습니다.\n", "ko"),
        ("高市首相は次のように投稿した。\n日韓関係の重要性はますます高まっています。\n", "ja"),
        ("The post read:\n\n한일 관계도 한 마음으로 만들어가겠습니다. 감사합니다.\n", "ko"),
    ],
)
def test_plain_paragraph_posts(text: str, lang: str) -> None:
    det = detect(_doc(text))
    assert len(det.posts) == 1
    assert det.posts[0].lang == lang
    assert det.posts[0].kind == "paragraph"


@pytest.mark.parametrize(
    ("text", "author"),
    [
        ("Takahashi posted on X:\n韓国の李在明大統領と首脳会談を行いました。\n", "Takahashi"),
        (
            "In a post on Facebook, Lee Jae-myung wrote:\n\n"
            "박자는 조금 달라도 리듬 맞추려는 마음은 같았던 것처럼, 한일 관계도 만들어가겠습니다.\n",
            "Lee Jae-myung",
        ),
        (
            "Prime Minister Sanae Takaichi said on X on Tuesday:\n"
            "日韓関係の重要性はますます高まっています。\n",
            "Prime Minister Sanae Takaichi",
        ),
        ("Kim posted on X: 오늘 나라에서 다카이치 총리와 정상회담을 가졌습니다.\n", "Kim"),
        (
            "Takaichi said in a post on X.\n韓国の李在明大統領と首脳会談を行いました。\n",
            "Takaichi",
        ),
        # A sentence that names no post is no lead-in; a pronoun or a body names no one.
        ("Lee said the talks went well.\n韓国の李在明大統領と首脳会談を行いました。\n", ""),
        ("She posted on X:\n韓国の李在明大統領と首脳会談を行いました。\n", ""),
        ("The ministry posted on X:\n韓国の李在明大統領と首脳会談を行いました。\n", ""),
        # The lead-in must stand right before the post.
        (
            "Takahashi posted on X:\n\n\n韓国の李在明大統領と首脳会談を行いました。\n",
            "",
        ),
        (
            "Takahashi posted on X:\nThe summit was in Nara.\n"
            "韓国の李在明大統領と首脳会談を行いました。\n",
            "",
        ),
        # A report of the post right before it names its author too.
        (
            "Lee posted a video on X, writing that the sounds came together.\n"
            "韓国の李在明大統領と首脳会談を行いました。\n",
            "Lee",
        ),
    ],
)
def test_an_english_lead_in_names_the_author(text: str, author: str) -> None:
    det = detect(_doc(text))
    assert len(det.posts) == 1
    assert det.posts[0].author == author
    # The lead-in itself is English text, not part of the post.
    assert not det.posts[0].text(det.doc)[0].isascii()


def test_han_only_line_takes_language_of_its_context() -> None:
    text = "韓国の大統領と会談しました。\n李在明大統領訪日首脳会談\n"
    det = detect(_doc(text))
    assert [p.lang for p in det.posts] == ["ja"]
    assert len(det.posts[0].spans) == 2


def test_markdown_quoted_post_drops_the_quote_markers() -> None:
    text = (
        "Takaichi wrote on X:\n\n> 韓国の李在明大統領と首脳会談を行いました。\n"
        "> 日韓関係の重要性はますます高まっています。 https://t.co/abc123\n"
        "> — 高市早苗 (@takaichi_sanae) January 13, 2026\n\nShe met Lee in Nara.\n"
    )
    det = detect(_doc(text))
    assert len(det.posts) == 1
    post = det.posts[0]
    assert (post.author, post.link) == ("高市早苗", "https://t.co/abc123")
    assert post.text(det.doc).split("\n") == [
        "韓国の李在明大統領と首脳会談を行いました。",
        "日韓関係の重要性はますます高まっています。",
    ]

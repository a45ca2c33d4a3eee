"""Read input files and folders into ``Document`` records.

The documents of one folder form a story: the unit within which alignment looks for
renderings. Files are decoded as UTF-8 (with or without BOM); anything else is handed to
charset-normalizer, and files that are binary or cannot be decoded are skipped and counted.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .types import Counts, Document

SUFFIXES = (".txt", ".md")
# Encodings we accept from the detector: the ones Korean and Japanese pages are served in.
_CJK_LEGACY = {
    "cp949": "cp949",
    "euc_kr": "cp949",
    "johab": "johab",
    "shift_jis": "cp932",
    "cp932": "cp932",
    "euc_jp": "euc_jp",
    "iso2022_jp": "iso2022_jp",
    "iso2022_kr": "iso2022_kr",
}


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str
    detail: str


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data``; return (text, encoding name). Raise ValueError with a reason."""
    if b"\x00" in data[:8192]:
        # UTF-16 text has NULs too, but only with a BOM do we believe it is text.
        if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
            return data.decode("utf-16"), "utf-16"
        raise ValueError("binary")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError("undecodable")
    enc = _CJK_LEGACY.get(best.encoding)
    if enc is None:
        raise ValueError(
            f"undecodable (looks like {best.encoding}, not UTF-8, EUC-KR/CP949 or Shift_JIS)"
        )
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError as exc:
        raise ValueError(f"undecodable as {enc}: {exc.reason}") from None


def normalise(text: str) -> str:
    """NFC, and one newline convention, so offsets mean the same for every tokenizer."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def _doc_id(rel: Path) -> str:
    return rel.with_suffix("").as_posix()


def iter_paths(inputs: list[str]) -> Iterator[tuple[Path, str, str]]:
    """Yield (path, doc_id, story) for every readable file under ``inputs``."""
    for arg in inputs:
        root = Path(arg)
        if not root.exists():
            raise InputError(f"{arg}: no such file or folder")
        if root.is_file():
            yield root, root.stem, root.parent.as_posix() or "."
            continue
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        for path in files:
            rel = path.relative_to(root)
            story = (Path(root.name) / rel.parent).as_posix()
            yield path, _doc_id(rel), story


def read_documents(inputs: list[str], counts: Counts) -> tuple[list[Document], list[Skipped]]:
    """Read every input into documents; skipped files are returned with their reason."""
    docs: list[Document] = []
    skipped: list[Skipped] = []
    seen: dict[str, str] = {}
    for path, doc_id, story in iter_paths(inputs):
        try:
            data = path.read_bytes()
        except OSError as exc:
            skipped.append(Skipped(str(path), "unreadable", exc.strerror or str(exc)))
            counts.add("skipped:unreadable")
            continue
        if not data.strip():
            skipped.append(Skipped(str(path), "empty", "no text"))
            counts.add("skipped:empty")
            continue
        try:
            text, encoding = decode(data)
        except ValueError as exc:
            reason = str(exc).split(" ", 1)[0]
            skipped.append(Skipped(str(path), reason, str(exc)))
            counts.add(f"skipped:{reason}")
            continue
        if doc_id in seen:
            raise InputError(
                f"{path}: document id {doc_id!r} is also the id of {seen[doc_id]}; "
                "give the inputs distinct names"
            )
        seen[doc_id] = str(path)
        counts.add("documents")
        counts.add(f"encoding:{encoding}")
        docs.append(Document(doc_id, story, str(path), normalise(text), encoding))
    return docs, skipped

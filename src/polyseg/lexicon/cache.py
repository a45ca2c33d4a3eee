"""Validated lexicon files, cached by checksum.

Validating the 110,000 shipped rows and reading the English lemmas of their targets takes
about three seconds, on every run, for files that rarely change. A file that parsed
without a problem is stored as JSON (its rows and the lemmas of its targets) under the
cache folder, keyed by a checksum of its bytes, its language and the code that validates
and lemmatises; the next run with the same file reads that instead. Files with a problem
are never stored, so their errors are always reported; a cache that cannot be read or
written is ignored.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any

from ..cache import cache_dir
from ..types import LexEntry

FORMAT = 1
# The modules whose code decides what a valid row is and what its target's lemmas are.
_CODE = ("lexicon/schema.py", "lexicon/load.py", "tokenize/english.py", "script.py")


@cache
def _code_digest() -> str:
    h = hashlib.sha256(str(FORMAT).encode())
    root = Path(__file__).resolve().parent.parent
    for rel in _CODE:
        with contextlib.suppress(OSError):
            h.update((root / rel).read_bytes())
    for package in ("lemminflect", "breame"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(metadata.version(package).encode())
    return h.hexdigest()


def cache_key(sha256: str, lang: str | None) -> str:
    """The key of a file's cached rows: the sha256 of its bytes, its language and the
    validating code."""
    key = f"{sha256}\0{lang or ''}\0{_code_digest()}"
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _path(key: str, file: str) -> Path:
    """``<digest of the file's path>-<key>.json``: storing a new version of a file's rows
    can remove the older ones, so the cache holds one entry per lexicon file."""
    where = hashlib.sha256(str(Path(file).resolve()).encode()).hexdigest()[:16]
    return cache_dir() / "lexicons" / f"{where}-{key}.json"


def load(key: str, file: str) -> tuple[list[LexEntry], list[tuple[str, ...]]] | None:
    """The entries (with ``file`` as their path) and target lemmas stored under ``key``."""
    try:
        with _path(key, file).open(encoding="utf-8") as fh:
            data: dict[str, Any] = json.load(fh)
        entries = [
            LexEntry(s, t, k, p, float(w), o, d, n, file, int(line))
            for s, t, k, p, w, o, d, n, line in data["rows"]
        ]
        lemmas = [tuple(x) for x in data["lemmas"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if len(lemmas) != len(entries):
        return None
    return entries, lemmas


def store(key: str, file: str, entries: list[LexEntry], lemmas: list[tuple[str, ...]]) -> None:
    """Store the validated entries of ``file`` and their target lemmas, and remove what an
    earlier version of the file left; silently skipped when not writable."""
    rows = [
        [e.source, e.target, e.kind, e.pos, e.weight, e.origin, e.domain, e.note, e.line]
        for e in entries
    ]
    target = _path(key, file)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, suffix=".tmp")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump({"rows": rows, "lemmas": lemmas}, fh, ensure_ascii=False)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
        for old in target.parent.glob(target.name.split("-", 1)[0] + "-*.json"):
            if old != target:
                old.unlink(missing_ok=True)
    except OSError:
        return

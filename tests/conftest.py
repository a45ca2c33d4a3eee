"""Shared fixtures: the repository paths and a small story folder writer."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def story(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write {name: text} as a story folder and return its path."""

    def make(files: dict[str, str | bytes], name: str = "story") -> Path:
        root = tmp_path / name
        for rel, content in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
        return root

    return make

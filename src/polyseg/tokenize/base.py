"""The interface every tokenizer implements."""

from __future__ import annotations

from typing import Protocol

from ..types import Token


class Tokenizer(Protocol):
    lang: str

    def tokenize(self, text: str) -> tuple[Token, ...]:
        """Tokens of ``text`` with offsets into it."""
        ...

    def split_sentences(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of one line of text."""
        ...

    def versions(self) -> dict[str, str]:
        """Versions of the tokenizer and its dictionary, for provenance."""
        ...

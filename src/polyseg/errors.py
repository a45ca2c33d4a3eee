"""Errors raised by the library; the CLI maps them to exit codes (README: Exit codes)."""

from __future__ import annotations


class PolysegError(Exception):
    """Base class of every error polyseg reports to the user (exit code 1)."""

    exit_code = 1


class InputError(PolysegError):
    """An input file or folder cannot be used."""


class LexiconError(PolysegError):
    """A lexicon row is malformed; the message starts with ``file:line:``."""

    def __init__(self, path: str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


class OutputError(PolysegError):
    """The output folder cannot be written."""

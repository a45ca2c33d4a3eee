"""Options shared by several commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import click

F = TypeVar("F", bound=Callable[..., object])

USER_LEXICON_HELP = "A user lexicon TSV layered over the shipped ones (repeatable; later wins)."


def lexicon_options(help_text: str = USER_LEXICON_HELP) -> Callable[[F], F]:
    """``--lexicon PATH`` (repeatable) and ``--no-shipped-lexicons``."""

    def decorate(f: F) -> F:
        f = click.option(
            "--no-shipped-lexicons", is_flag=True, help="Use only the --lexicon files."
        )(f)
        return click.option(
            "--lexicon",
            "lexicons",
            multiple=True,
            type=click.Path(exists=True, dir_okay=False),
            help=help_text,
        )(f)

    return decorate

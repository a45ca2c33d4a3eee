"""Command line: parsing and printing only; the work is in pipeline.process.

Exit codes: 0 success, 1 data or runtime error, 2 usage error.
"""

from __future__ import annotations

import sys

import click

from . import __version__
from .align import SWITCHES
from .cli_options import lexicon_options
from .errors import PolysegError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="polyseg")
def cli() -> None:
    """Mine Korean-English and Japanese-English parallel segments from news coverage."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    "outdir",
    required=True,
    type=click.Path(file_okay=False),
    help="Folder for aligned.tsv, posts.tsv and run.json.",
)
@click.option(
    "--scope",
    type=click.Choice(["story", "doc"]),
    default="story",
    show_default=True,
    help="story: the documents of one folder are searched for each other's "
    "renderings; doc: each document alone.",
)
@lexicon_options()
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=0.4,
    show_default=True,
    help="Links scoring below this are not written (BENCHMARKS.md: precision by score).",
)
@click.option("--no-merges", is_flag=True, help="Only 1-1 links (no 2-1 or 1-2 units).")
@click.option(
    "--self-train",
    is_flag=True,
    help="Learn translations of unknown words from confident links that recur across "
    "documents, then align again.",
)
@click.option(
    "--disable",
    "disabled",
    multiple=True,
    type=click.Choice(SWITCHES),
    help="Switch off one kind of evidence (repeatable; for ablations).",
)
def process(
    inputs: tuple[str, ...],
    outdir: str,
    scope: str,
    lexicons: tuple[str, ...],
    no_shipped_lexicons: bool,
    min_score: float,
    no_merges: bool,
    self_train: bool,
    disabled: tuple[str, ...],
) -> None:
    """Find posts in INPUTS (files or folders) and link them to their English renderings."""
    from .pipeline import Config
    from .pipeline import process as run

    config = Config(
        inputs=inputs,
        outdir=outdir,
        scope=scope,
        lexicons=lexicons,
        shipped_lexicons=not no_shipped_lexicons,
        min_score=min_score,
        merges=not no_merges,
        self_train=self_train,
        disabled=disabled,
    )
    summary = run(config)
    for line in summary.lines():
        click.echo(line, err=True)


def _register() -> None:
    from .cli_align import align
    from .cli_lexicon import lexicon

    cli.add_command(lexicon)
    cli.add_command(align)


_register()


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except PolysegError as exc:
        click.echo(f"polyseg: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("interrupted", err=True)
        sys.exit(130)

"""``polyseg align``: parsing and printing only; the work is in ``parallel.run_align``.

Registered on the main group with ``cli.add_command(align)``. Exit codes as for every
command: 0 success, 1 data or runtime error (PolysegError), 2 usage error.
"""

from __future__ import annotations

from pathlib import Path

import click

from .cli_options import lexicon_options
from .parallel import DEFAULT_MIN_SCORE, AlignConfig, ParallelOptions, run_align


@click.command("align")
@click.argument("src", type=click.Path(exists=True))
@click.argument("en", required=False, type=click.Path(exists=True))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The TSV file to write (a folder, holding aligned.tsv, in folder mode).",
)
@click.option(
    "--presplit",
    is_flag=True,
    help="Both sides hold one sentence per line: do not split lines into sentences.",
)
@lexicon_options()
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    default=DEFAULT_MIN_SCORE,
    show_default=True,
    help="Beads scoring below this are not written.",
)
@click.option(
    "--realign",
    is_flag=True,
    help="Second pass: learn word translations (IBM Model 1) from the first pass's "
    "confident links and align again with them.",
)
@click.option(
    "--lang",
    type=click.Choice(["ko", "ja"]),
    default=None,
    help="Language of the source side (default: from the file name x.ko.txt, else from "
    "the script of the text).",
)
def align(
    src: str,
    en: str | None,
    output: str,
    presplit: bool,
    lexicons: tuple[str, ...],
    no_shipped_lexicons: bool,
    min_score: float,
    realign: bool,
    lang: str | None,
) -> None:
    """Align a Korean or Japanese document SRC with its English version EN, sentence by
    sentence, in order (beads 1-1, 1-2, 2-1, 2-2; unmatched sentences stay unaligned).

    Folder mode: SRC and EN are folders whose files pair by name (x.txt or x.ko.txt with
    x.txt or x.en.txt), or SRC alone is a folder holding x.ko.txt / x.ja.txt beside
    x.en.txt; OUTPUT is then a folder and the links of every pair go to OUTPUT/aligned.tsv.
    """
    src_path = Path(src)
    if src_path.is_dir():
        if en is not None and not Path(en).is_dir():
            raise click.UsageError(f"SRC {src} is a folder, so EN must be a folder too: {en}")
        if Path(output).is_file():
            raise click.UsageError(f"in folder mode -o names a folder, and {output} is a file")
    else:
        if en is None:
            raise click.UsageError(f"SRC {src} is a file: give its English version EN too")
        if Path(en).is_dir():
            raise click.UsageError(f"SRC {src} is a file, so EN must be a file too: {en}")
        if Path(output).is_dir():
            raise click.UsageError(f"-o names a folder ({output}); give the TSV file to write")
    config = AlignConfig(
        src=src,
        en=en,
        output=output,
        lexicons=lexicons,
        shipped_lexicons=not no_shipped_lexicons,
        lang=lang,
        presplit=presplit,
        options=ParallelOptions(min_score=min_score, realign=realign),
    )
    summary = run_align(config)
    for line in summary.lines():
        click.echo(line, err=True)

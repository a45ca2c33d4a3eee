"""``polyseg lexicon ...``: check, add, induce, merge, import, export and bridge lexicons.

Parsing and printing only; the work is in polyseg.lexicon.{check,induce,formats,bridge}.
Every failure leaves through ``UserError`` (a ClickException), so the exit code is 1 both
under ``polyseg.cli.main`` (which runs click without standalone mode) and under click's
own runner; usage errors stay click's (exit 2).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from .cli_options import lexicon_options
from .errors import PolysegError

F = TypeVar("F", bound=Callable[..., Any])
MAX_LISTED = 20  # problems printed one per line before the rest are only counted


class UserError(click.ClickException):
    """A data error reported as 'polyseg: error: ...' with exit code 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(f"polyseg: error: {self.format_message()}", err=True)


def _reports_errors(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PolysegError as exc:
            raise UserError(str(exc)) from None

    return wrapper  # type: ignore[return-value]


def _echo_problems(problems: Sequence[str], label: str = "") -> None:
    for p in problems[:MAX_LISTED]:
        click.echo(f"{p}{label}", err=True)
    if len(problems) > MAX_LISTED:
        click.echo(f"... and {len(problems) - MAX_LISTED} more", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def lexicon() -> None:
    """Check, extend and convert lexicons (ko-en.tsv, ja-en.tsv and user lexicons)."""


@lexicon.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True))
@click.option(
    "--no-tokenize",
    is_flag=True,
    help="Skip the check that each word or phrase is matchable by the tokenizer.",
)
@_reports_errors
def check(paths: tuple[str, ...], no_tokenize: bool) -> None:
    """Validate lexicon files or folders (default: the shipped lexicons).

    Prints 'file:line: error|warning: problem' lines and a summary; exit 1 on any error.
    """
    from .lexicon.check import check_files

    report = check_files(paths, tokenize=not no_tokenize)
    for finding in report.findings:
        click.echo(str(finding))
    click.echo(report.summary(), err=True)
    if report.errors:
        raise UserError(f"{report.errors} error(s) in the lexicon files")


@lexicon.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--into",
    "into",
    required=True,
    type=click.Path(dir_okay=False),
    help="The user lexicon TSV to append to (created with the header if missing).",
)
@click.option("--kind", type=click.Choice(["word", "name", "phrase"]), default="word")
@click.option("--pos", default=None, help="Part of speech (default: guessed from the tokenizer).")
@click.option("--weight", type=float, default=1.0, show_default=True, help="0 < weight <= 1.")
@click.option("--domain", default="", help="Topic: politics, culture, business...")
@click.option("--note", default="", help="Free text.")
@_reports_errors
def add(
    source: str,
    target: str,
    into: str,
    kind: str,
    pos: str | None,
    weight: float,
    domain: str,
    note: str,
) -> None:
    """Validate one entry and append it to a user lexicon."""
    from .lexicon.check import matchability, user_words_for
    from .lexicon.induce import append_rows, guess_pos, open_target
    from .lexicon.schema import lang_of_file, lang_of_source, row_problems

    target_file = open_target(into)
    lang = lang_of_file(into) or lang_of_source(source)
    words = user_words_for(lang, [(into, target_file.text)])
    if kind == "name" and " " not in source and len(source) >= 2:
        words = tuple(sorted({*words, (source, pos or "other")}))
    if pos is None:
        pos = "other" if kind == "name" else guess_pos(source, lang, words)
    row = {
        "source": source,
        "target": target,
        "kind": kind,
        "pos": pos,
        "weight": f"{weight:g}",
        "origin": "user",
        "domain": domain,
        "note": note,
    }
    problems = row_problems(row, lang)
    if problems:
        raise UserError(f"{source} → {target}: {'; '.join(problems)}")
    missing = [c for c in ("domain", "note") if row[c] and c not in target_file.header]
    if missing:
        raise UserError(f"{into}: the header has no column {', '.join(missing)}")
    line = target_file.existing.get((source, target.lower()))
    if line is not None:
        raise UserError(f"{source} → {target} is already in {into}:{line}")
    if kind in ("word", "phrase"):
        why = matchability(source, lang, words)
        if why:
            click.echo(f"warning: {why}", err=True)
    append_rows(target_file, [row])
    click.echo(f"added {source} → {target} ({lang}, {kind}, {pos}) to {into}", err=True)


@lexicon.command()
@click.option("--src", "src", type=click.Path(exists=True, dir_okay=False), help="Source lines.")
@click.option("--tgt", "tgt", type=click.Path(exists=True, dir_okay=False), help="English lines.")
@click.option(
    "--aligned",
    type=click.Path(exists=True, dir_okay=False),
    help="An aligned.tsv written by 'polyseg process' (instead of --src/--tgt).",
)
@click.option("--lang", type=click.Choice(["ko", "ja"]), default=None, help="Source language.")
@click.option(
    "-o",
    "--output",
    "output",
    required=True,
    type=click.Path(dir_okay=False),
    help="The review TSV to write.",
)
@lexicon_options("A user lexicon to seed with and exclude (repeatable).")
@click.option("--min-support", type=click.IntRange(1), default=3, show_default=True)
@click.option("--iterations", type=click.IntRange(1, 50), default=5, show_default=True)
@click.option("--top", type=click.IntRange(0), default=0, help="Keep the N best (0: all).")
@_reports_errors
def induce(
    src: str | None,
    tgt: str | None,
    aligned: str | None,
    lang: str | None,
    output: str,
    lexicons: tuple[str, ...],
    no_shipped_lexicons: bool,
    min_support: int,
    iterations: int,
    top: int,
) -> None:
    """Propose entries from parallel text (IBM Model 1 + log-likelihood) as a review TSV."""
    from .lexicon import induce as ind
    from .lexicon import load_lexicons

    if aligned and (src or tgt):
        raise click.UsageError("give either --aligned or --src and --tgt, not both")
    if aligned:
        lang, pairs, problems = ind.read_aligned(aligned, lang)
        _echo_problems(problems, " (skipped)")
        name = Path(aligned).parent.name or Path(aligned).stem
    elif src and tgt:
        if lang is None:
            raise click.UsageError("--lang ko or ja is required with --src and --tgt")
        pairs = ind.read_parallel(src, tgt)
        name = Path(src).stem
    else:
        raise click.UsageError("give --src FILE --tgt FILE --lang ko|ja, or --aligned FILE")
    if not pairs:
        raise UserError(f"no {lang} sentence pairs to learn from in {aligned or src}")
    lex = load_lexicons(list(lexicons), shipped=not no_shipped_lexicons).for_lang(lang)
    corpus = ind.prepare(pairs, lang, lex)
    cands = ind.induce(corpus, lang, lex, min_support=min_support, iterations=iterations)
    if top:
        cands = cands[:top]
    note = f"induce: {len(pairs)} sentence pairs, min support {min_support}"
    ind.write_text(output, ind.review_text(ind.candidate_rows(cands), name, lang, note))
    click.echo(f"{len(pairs)} sentence pairs → {len(cands)} candidates in {output}", err=True)


@lexicon.command()
@click.argument("review", type=click.Path(exists=True, dir_okay=False))
@click.option("--into", "into", required=True, type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["ko", "ja"]), default=None)
@_reports_errors
def merge(review: str, into: str, lang: str | None) -> None:
    """Add the rows of REVIEW marked accept (y, yes, 1, x) to a user lexicon."""
    from .lexicon.induce import merge as run

    result = run(review, into, lang)
    _echo_problems(result.duplicates)
    _echo_problems(result.invalid)
    click.echo(
        f"added {len(result.added)}, skipped duplicate {len(result.duplicates)}, "
        f"not accepted {result.not_accepted}, invalid {len(result.invalid)} → {into}",
        err=True,
    )


@lexicon.command(name="import")
@click.option(
    "--format", "fmt", required=True, type=click.Choice(["jmdict", "muse", "hunalign", "deepl"])
)
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["ko", "ja"]), default=None)
@_reports_errors
def import_(fmt: str, file: str, output: str, lang: str | None) -> None:
    """Convert a JMdict, MUSE, hunalign or DeepL dictionary into a lexicon TSV."""
    from .lexicon.formats import import_file, lexicon_text
    from .lexicon.induce import write_text

    result = import_file(file, fmt, lang)
    _echo_problems(result.problems)
    skipped = ", ".join(f"{k} {v}" for k, v in sorted(result.skipped.items()))
    summary = f"{len(result.rows)} rows, {len(result.problems)} bad line(s)" + (
        f", skipped {skipped}" if skipped else ""
    )
    if not result.rows:
        raise UserError(f"{file}: no valid {fmt} entries ({summary})")
    write_text(output, lexicon_text(result.rows))
    click.echo(f"{summary} → {output}", err=True)


@lexicon.command(name="export")
@click.option("--format", "fmt", required=True, type=click.Choice(["deepl", "hunalign"]))
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
@click.option("--lang", type=click.Choice(["ko", "ja"]), default=None, help="Only this language.")
@_reports_errors
def export(fmt: str, file: str, output: str, lang: str | None) -> None:
    """Write a lexicon TSV as a DeepL glossary (TSV, or CSV for *.csv) or hunalign dictionary."""
    from .lexicon.formats import export_text
    from .lexicon.induce import write_text
    from .lexicon.load import parse, read_lexicon_file
    from .lexicon.schema import lang_of_file, lang_of_source

    _data, text = read_lexicon_file(file)
    entries = parse(text, file)
    file_lang = lang_of_file(file)
    langs = {file_lang or lang_of_source(e.source) for e in entries}
    if lang:
        entries = [e for e in entries if (file_lang or lang_of_source(e.source)) == lang]
    elif len(langs) > 1 and fmt == "deepl":
        raise UserError(f"{file} has Korean and Japanese rows; a glossary has one: pass --lang")
    out, n = export_text(entries, fmt, csv_out=output.lower().endswith(".csv"))
    if not n:
        raise UserError(f"{file}: no entries to export")
    write_text(output, out)
    click.echo(f"{n} entries → {output}", err=True)


@lexicon.command()
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False))
@click.option(
    "--ja",
    "ja_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Japanese lexicon to read (default: the shipped ja-en.tsv).",
)
@click.option(
    "--ko",
    "ko_file",
    type=click.Path(exists=True, dir_okay=False),
    help="Korean lexicon to compare with (default: the shipped ko-en.tsv).",
)
@_reports_errors
def bridge(output: str, ja_file: str | None, ko_file: str | None) -> None:
    """Propose ko-en entries from ja-en kanji words read in Hangul (needs polyseg[lexicon])."""
    from .lexicon import bridge as br
    from .lexicon.induce import review_text, write_text
    from .lexicon.load import parse, read_lexicon_file, shipped_dir

    reader = br.Reader()  # first: a missing optional package is reported before any work
    ja_path = ja_file or str(shipped_dir() / "ja-en.tsv")
    ko_path = ko_file or str(shipped_dir() / "ko-en.tsv")
    ja = parse(read_lexicon_file(ja_path)[1], ja_path)
    ko = parse(read_lexicon_file(ko_path)[1], ko_path)
    cands = br.bridge(ja, ko, reader)
    note = f"bridge: {Path(ja_path).name} read with hanja + OpenCC {reader.config}"
    text = review_text(br.review_rows(cands), f"bridge-{Path(ja_path).stem}", "ko", note)
    write_text(output, text)
    click.echo(f"{len(cands)} ko-en candidates from {ja_path} → {output}", err=True)

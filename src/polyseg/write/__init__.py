"""Output writers: one module per format, and an atomic multi-file commit.

Every file of a run is written into a temporary folder inside OUTDIR first and renamed into
place only when all of them are complete, so a failed run leaves no half-written output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import OutputError

Writer = Callable[[Path], None]


def commit(outdir: str, writers: dict[str, Writer]) -> list[str]:
    """Run each writer into a temporary file, then move them all into ``outdir``."""
    out = Path(outdir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot create output folder: {exc.strerror}") from None
    if not out.is_dir():
        raise OutputError(f"{outdir}: not a folder")
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".polyseg-", dir=out))
    except OSError as exc:
        raise OutputError(f"{outdir}: cannot write there: {exc.strerror}") from None
    try:
        for name, write in writers.items():
            write(tmp / name)
        written = []
        for name in writers:
            os.replace(tmp / name, out / name)
            written.append(str(out / name))
        return written
    except OSError as exc:
        raise OutputError(f"{outdir}: writing failed: {exc.strerror or exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

"""Where polyseg keeps what it can rebuild: ``$XDG_CACHE_HOME/polyseg`` (``~/.cache/polyseg``).

Everything there is keyed by a checksum of what it was made from, so a stale file is never
read, and deleting the folder only costs the time to rebuild.
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "polyseg"

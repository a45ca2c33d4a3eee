"""polyseg: mine Korean-English and Japanese-English parallel segments from news coverage."""

from importlib import metadata

try:
    __version__ = metadata.version("polyseg")
except metadata.PackageNotFoundError:  # running from a source tree without installing
    __version__ = "0.0.0"

from .lexicon import Lexicon, load_lexicons
from .pipeline import Config, Summary, process

__all__ = ["Config", "Lexicon", "Summary", "__version__", "load_lexicons", "process"]

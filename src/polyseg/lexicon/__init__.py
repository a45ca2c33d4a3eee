"""Lexicons: the TSV schema, loading and lookup."""

from .load import Lexicon, PairLexicon, Target, load_lexicons, shipped_files

__all__ = ["Lexicon", "PairLexicon", "Target", "load_lexicons", "shipped_files"]

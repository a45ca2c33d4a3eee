"""Alignment: evidence features → pair scores → assignment of links."""

from .assign import SWITCHES, AlignOptions, align_story

__all__ = ["SWITCHES", "AlignOptions", "align_story"]

"""Alignment: evidence features → pair scores → assignment of links."""

from .assign import AlignOptions, align_story

__all__ = ["AlignOptions", "align_story"]

"""What the line classifier takes and gives: its weights and its verdict on a line.

Kept apart from the rules (text.py) so that the pure-Python and the compiled build of
the rules share one class of each: a config made by a caller works with either, and
either returns the same verdicts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

__all__ = ["DEFAULT_TEXT_CONFIG", "LineVerdict", "TextBoilerplateConfig"]


# Slots: the classifier reads these weights a few times for every line, and a slot is read
# without the instance dictionary's lookup.
@dataclass(frozen=True, slots=True)
class TextBoilerplateConfig:
    """Weights of the line classifier. Immutable; the defaults were chosen by measurement.

    >>> TextBoilerplateConfig().min_prose_words
    5
    """

    # A line needs this many words and a sentence ending to count as body text.
    min_prose_words: int = 5
    # What a line that is not body text costs the article run it sits in.
    short_line_cost: float = 2.0
    unpunctuated_cost: float = 3.0
    boilerplate_cost: float = 6.0
    barrier_cost: float = 25.0
    # Lines of another script than the page's, shorter than this, are stray UI strings.
    foreign_script_max_words: int = 8
    stopword_share_for_prose: float = 0.2
    # Runs of this many non-body lines are menus or link lists and cost more per line.
    menu_run: int = 3
    menu_run_factor: float = 3.0
    # A comment-thread mark after this much body text starts the comments.
    comments_after_body: float = 60.0


DEFAULT_TEXT_CONFIG = TextBoilerplateConfig()


class LineVerdict(NamedTuple):
    """The decision for one line: kept, or removed with a reason."""

    text: str
    score: float
    reason: str  # "" when kept

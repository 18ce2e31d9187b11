"""Whether a plain dump reads as one article, or as a page whose text is many items.

The line classifier looks for the article's block and cuts what lies around it. That is
right for an article and wrong for the other pages a crawl brings: a listing, a
collection of teasers, a forum thread, a service page. There the "block" is a fragment
and the content is spread over the page; on WCXB's development dumps of those kinds the
classifier's text scores under the whole dump's (word F1, the ``whole_page=False`` and "the
whole dump" rows of ``benchmarks/wcxb.py --split dev --parts plain --types listing`` and so
on: listings 0.469 against 0.615, collections 0.473 against 0.480), while on articles it is
far ahead (0.900 against 0.794). With the gate: listings 0.527, collections 0.501, articles
0.900 (development pages: the model was fitted on them; held out, see docs/measured.md).

So one decision a page, from what the classifier's verdicts already say: a logistic model
of :data:`FEATURES` (how much of the page was kept and in how many runs, how much of it is
prose, what the removed lines were removed as, how long and how numeric the lines are)
gives the chance that the whole page's text is the better reading. Above
:attr:`PageKindModel.threshold`, the lines removed for where they sit (:data:`RESTORED`:
``related``, ``header``, ``footer``, ``date``, ``byline``, ``caption``, ``biography``) are
kept, up to a comment thread's first line; lines removed for what they are (navigation,
links, copyright, social, counters, the title, comments, repeats) stay removed.

The weights are learned by ``tools/learn_page_kind.py`` (shipped in ``data/page_kind.json``
with the data they came from) on development dumps of three sets, each weighing the same:
the 181 shared benchmark pages, L3S-GN1's development half and WCXB's development split
of every page type; the threshold, 0.5, was chosen among 0.3-0.6 by 5-fold cross-validation
over those pages (held-out gain in mean word F1: the 181 +0.0000, L3S +0.0001, WCXB +0.0074).
Each feature is a share or a log of counts the classifier already made: linear in the
page's lines.

>>> from newsclean.boilerplate.config import LineVerdict
>>> prose = "The council approved the new budget on Monday after a long debate."
>>> verdicts = [LineVerdict(prose, 5.0, ""), LineVerdict("More stories from the city", -3.0, "related")]
>>> [v.reason for v in keep_whole_page(verdicts)]
['', '']
>>> read_whole(verdicts) is None  # one article and a teaser: the block stands
True
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from newsclean.boilerplate._classifier import page_features, removed_for, thread_start
from newsclean.boilerplate.config import LineVerdict
from newsclean.errors import ConfigError

__all__ = ["FEATURES", "RESTORED", "PageKindModel", "keep_whole_page", "page_features", "page_kind_model",
           "read_whole", "whole_page_chance"]

# Reasons of lines removed for their place around the article's block, not for what they
# are: on a page of many items they are items.
RESTORED = frozenset({"related", "header", "footer", "date", "byline", "caption", "biography"})
# The features' names, in the order of PageKindModel.weights and of page_features (text.py
# computes them, where the compiled build runs its per-character loops in C; the learning
# tool writes the names too). The removal groups are text.PAGE_REASON_GROUPS.
FEATURES = ("bias", "kept_share", "log_words", "log_kept_words", "kept_lines_share", "prose_share",
            "kept_prose_share", "words_per_line", "removed_navigation", "removed_related", "removed_header",
            "removed_footer", "removed_comment", "removed_furniture", "longest_run_share", "kept_runs",
            "digit_lines", "short_lines")


@dataclass(frozen=True)
class PageKindModel:
    """The learned weights and the threshold over which the whole page is kept."""

    weights: tuple[float, ...]
    threshold: float


@functools.cache
def page_kind_model() -> PageKindModel:
    """The shipped model (``data/page_kind.json``), read once a process."""
    raw = json.loads(resources.files("newsclean.data").joinpath("page_kind.json").read_text("utf-8"))
    if tuple(raw["features"]) != FEATURES:
        # A data file from another build of the features would weigh the wrong numbers.
        raise ConfigError("data/page_kind.json was learned on other features; rebuild it with tools/learn_page_kind.py")
    return PageKindModel(weights=tuple(float(w) for w in raw["weights"]), threshold=float(raw["threshold"]))


def _as_list(verdicts: Sequence[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` as the list the compiled build's typed functions take (exactly a list:
    a subclass of list or another sequence is copied)."""
    return verdicts if type(verdicts) is list else list(verdicts)


def whole_page_chance(verdicts: Sequence[LineVerdict], *, model: PageKindModel) -> float:
    """The model's chance that the page's whole text reads better than the classifier's block."""
    score = sum(w * x for w, x in zip(model.weights, page_features(_as_list(verdicts)), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))


def keep_whole_page(verdicts: Sequence[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` with the lines removed for their place (RESTORED) kept, up to the first
    line removed as ``comment``: what follows a comment thread's mark is the thread, whose
    lines the classifier also removes as ``footer``, and reader comments stay out of the
    text (``comments=True`` puts them in ``meta["comments"]``)."""
    thread = thread_start(_as_list(verdicts))
    return [verdict._replace(reason="") if i < thread and verdict.reason in RESTORED else verdict
            for i, verdict in enumerate(verdicts)]


def read_whole(verdicts: Sequence[LineVerdict], *,
               model: PageKindModel | None = None) -> tuple[list[LineVerdict], float] | None:
    """The page's verdicts read whole (keep_whole_page) and the gate's chance, or None where
    the classifier's block stands: the chance is at or under the model's threshold, or no
    line was removed for its place before a comment thread, so that reading the page whole
    would change nothing. That is most pages of a news corpus (clean articles), and their
    features are not computed.

    >>> article = [LineVerdict("The council approved the new budget on Monday after a long debate.", 5.0, "")]
    >>> read_whole(article) is None
    True
    """
    # The passes over every line run in the classifier's build (compiled where it is).
    listed = _as_list(verdicts)
    if not removed_for(listed, thread_start(listed), RESTORED):
        return None
    model = model or page_kind_model()
    chance = whole_page_chance(listed, model=model)
    if chance <= model.threshold:
        return None
    return keep_whole_page(listed), chance

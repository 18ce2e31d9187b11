"""Whether a plain dump reads as one article, or as a page whose text is many items.

The line classifier looks for the article's block and cuts what lies around it. That is
right for an article and wrong for the other pages a crawl brings: a listing, a
collection of teasers, a forum thread, a service page. There the "block" is a fragment
and the content is spread over the page; on WCXB's development dumps of those kinds the
classifier's text scores under the whole dump's (listings 0.469 against 0.615 word F1,
collections 0.473 against 0.480), while on articles it is far ahead (0.900 against 0.794).

So one decision a page, from what the classifier's verdicts already say: a logistic model
of :data:`FEATURES` (how much of the page was kept and in how many runs, how much of it is
prose, what the removed lines were removed as, how long and how numeric the lines are)
gives the chance that the whole page's text is the better reading. Above
:attr:`PageKindModel.threshold`, the lines removed for where they sit (:data:`RESTORED`:
``related``, ``header``, ``footer``, ``date``, ``byline``, ``caption``, ``biography``) are
kept; lines removed for what they are (navigation, links, copyright, social, counters,
the title, comments, repeats) stay removed.

The weights are learned by ``tools/learn_page_kind.py`` (shipped in ``data/page_kind.json``
with the data they came from) on development dumps of three sets, each weighing the same:
the 181 shared benchmark pages, L3S-GN1's development half and WCXB's development split
of every page type; the threshold was chosen by 5-fold cross-validation over those pages.
Each feature is a share or a log of counts the classifier already made: linear in the
page's lines.

>>> from newsclean.boilerplate.config import LineVerdict
>>> prose = "The council approved the new budget on Monday after a long debate."
>>> verdicts = [LineVerdict(prose, 5.0, ""), LineVerdict("More stories from the city", -3.0, "related")]
>>> 0.0 <= whole_page_chance(verdicts, model=page_kind_model()) <= 1.0
True
>>> [v.reason for v in keep_whole_page(verdicts)]
['', '']
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from newsclean.boilerplate.config import LineVerdict

__all__ = ["FEATURES", "RESTORED", "PageKindModel", "keep_whole_page", "page_features", "page_kind_model",
           "whole_page_chance"]

_WORD = re.compile(r"\w")
_DIGIT = re.compile(r"\d")
# Scripts written without spaces between words: a line's words are its characters / 3, as
# the line classifier counts them (text.py's _CJK_CHARS_PER_WORD).
# (stdlib ranges: Thai, Hiragana, Katakana, CJK extension A, unified ideographs,
# compatibility ideographs; a search by the stdlib engine costs less than by regex's.)
_SPACELESS = re.compile("[\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SPACELESS_CHARS_PER_WORD = 3
# A line that ends a sentence, in the scripts of the segmenter's languages.
_SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*\s*$")
# The classifier's removal reasons, grouped as the model reads them.
_REASON_GROUPS = (
    ("navigation", "link"),
    ("related",),
    ("header", "title", "date", "byline"),
    ("footer",),
    ("comment",),
    ("copyright", "social", "legal", "counter"),
)
_GROUP_OF = {reason: index for index, group in enumerate(_REASON_GROUPS) for reason in group}
# Reasons of lines removed for their place around the article's block, not for what they
# are: on a page of many items they are items.
RESTORED = frozenset({"related", "header", "footer", "date", "byline", "caption", "biography"})
# The features' names, in the order of PageKindModel.weights (the learning tool writes them too).
FEATURES = ("bias", "kept_share", "log_words", "log_kept_words", "kept_lines_share", "prose_share",
            "kept_prose_share", "words_per_line", "removed_navigation", "removed_related", "removed_header",
            "removed_footer", "removed_comment", "removed_furniture", "longest_run_share", "kept_runs",
            "digit_lines", "short_lines")
# A line of fewer words is no sentence of prose.
_PROSE_WORDS = 5


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
        raise ValueError("data/page_kind.json was learned on other features; rebuild it with tools/learn_page_kind.py")
    return PageKindModel(weights=tuple(float(w) for w in raw["weights"]), threshold=float(raw["threshold"]))


def page_features(verdicts: Sequence[LineVerdict]) -> list[float]:
    """The page's features, in FEATURES' order, from the classifier's verdicts on its lines
    (lines without a word are not counted).

    >>> features = page_features([LineVerdict("Home", -6.0, "navigation"), LineVerdict("A line of prose here, kept.", 2.0, "")])
    >>> dict(zip(FEATURES, features))["kept_share"]
    0.8571428571428571
    """
    # One pass over the lines: words are counted as whitespace-separated tokens (characters
    # / 3 in spaceless scripts), and a line without a letter or digit is not counted at all.
    total = kept_words = lines = kept_lines = prose_words = kept_prose = digit_lines = short_lines = 0
    run = longest_run = runs = 0
    removed = [0] * len(_REASON_GROUPS)
    for verdict in verdicts:
        text = verdict.text
        words = len(text.split())
        if not words or not (text[0].isalnum() or _WORD.search(text)):
            continue
        if not text.isascii() and _SPACELESS.search(text) is not None:
            words = max(words, len(text) // _SPACELESS_CHARS_PER_WORD)
        lines += 1
        total += words
        is_prose = words >= _PROSE_WORDS and _SENTENCE_END.search(text) is not None
        if is_prose:
            prose_words += words
        if _DIGIT.search(text) is not None:
            digit_lines += 1
        if words < _PROSE_WORDS:
            short_lines += 1
        if verdict.reason:
            group = _GROUP_OF.get(verdict.reason)
            if group is not None:
                removed[group] += words
            if run:
                longest_run, runs, run = max(longest_run, run), runs + 1, 0
        else:
            kept_words += words
            kept_lines += 1
            if is_prose:
                kept_prose += words
            run += words
    if run:
        longest_run, runs = max(longest_run, run), runs + 1
    count = max(1, lines)
    share = 1.0 / max(1, total)
    return [
        1.0,
        kept_words * share,
        math.log1p(total) / 8,
        math.log1p(kept_words) / 8,
        kept_lines / count,
        prose_words * share,
        kept_prose / max(1, kept_words),
        max(1, total) / count / 20,
        *(words * share for words in removed),
        longest_run / max(1, kept_words),
        runs / 10,
        digit_lines / count,
        short_lines / count,
    ]


def whole_page_chance(verdicts: Sequence[LineVerdict], *, model: PageKindModel) -> float:
    """The model's chance that the page's whole text reads better than the classifier's block."""
    score = sum(w * x for w, x in zip(model.weights, page_features(verdicts), strict=True))
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, score))))


def keep_whole_page(verdicts: Sequence[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` with the lines removed for their place (RESTORED) kept."""
    return [verdict._replace(reason="") if verdict.reason in RESTORED else verdict for verdict in verdicts]

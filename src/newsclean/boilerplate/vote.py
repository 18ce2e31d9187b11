"""Three extractions of one page vote on its lines (issue #14: HTML beyond one extractor).

trafilatura (with the line classifier after it) gives the article; readability-lxml and
the line classifier run over the whole page's text give two more readings of the same
page. Each extractor fails in its own places: on held-out news pages of 2008 (L3S-GN1)
trafilatura keeps teasers, captions and link lines beside the article that the other two
leave out, and on a few pages readability finds a paragraph trafilatura lost. Ensembles
of extractors that vote beat each of them on the Web Content Extraction Benchmark
(Bevendorff et al., "An Empirical Comparison of Web Content Extraction Algorithms",
SIGIR 2023); here the vote is per line of trafilatura's text, where its default or recall
setting gave it (a page that does not call itself an article by its og:type, or a teaser
retried): its precision setting has filtered the lines of the other pages already, and
a vote there lost more than it won (voting on those pages too, with a model fitted on
lines of every page: the 181 benchmark pages 0.9750 -> 0.9739, WCXB's development split
0.8229 -> 0.8230; a one-off comparison):

- a line is **outvoted** (removed with the reason "outvoted") when a logistic model gives
  it a chance under :attr:`VoteModel.threshold` of belonging to the article, from how
  much of it each of the other two readings holds, how much of the whole text each holds
  (whether they read the same article at all), its length, its place in the text and
  whether it ends a sentence; where either reading holds under
  :attr:`VoteModel.min_agreement` of the text, they read another part of the page and no
  line is outvoted;
- a line of readability's is **added** where trafilatura's text holds under
  :attr:`VoteModel.add_novel` of its words, the page-text classifier keeps at least
  :attr:`VoteModel.add_support` of them and it has at least :attr:`VoteModel.add_min_words`
  words (a paragraph, not a caption), after the last line the two texts share before it.

The weights are learned (``tools/learn_line_vote.py``, shipped in ``data/line_vote.json``
with the data they came from) on development pages of three kinds, each set weighing the
same (the 181 pages of the shared benchmark, the development half of L3S-GN1 by site,
WCXB's development split of 2025 pages of every type); the threshold, 0.5, was chosen
among 0.3-0.5 by fitting on two sets and scoring the third, each in turn. Words are
compared as sets of lower-cased ``\\w+`` tokens, so a line costs time linear in its length.

>>> model = vote_model()
>>> result = line_vote(["Share this article", "The council approved the budget on Monday after a long debate."],
...                    ["The council approved the budget on Monday after a long debate."],
...                    ["The council approved the budget on Monday after a long debate."], model=model)
>>> result.keep
(False, True)
"""

from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

from newsclean.boilerplate._classifier import classify_lines, nonblank_lines
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG, LineVerdict, TextBoilerplateConfig
from newsclean.boilerplate.html import render_markup_lines
from newsclean.boilerplate.text import SIGN_OFF, label_value_line

__all__ = ["FEATURES", "LineVote", "VoteModel", "apply_vote", "line_features", "line_vote", "page_reading",
           "page_text_lines", "reading_of", "vote_model"]

_WORD = re.compile(r"\w+")
# A line that ends a sentence (its mark, maybe inside closing quotes or a bracket).
_SENTENCE_END = re.compile(r"[.!?…\"”’»)]\s*$")
# Lines this close to either end of the text are where page furniture sits.
_EDGE_LINES = 2


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _share(words: Sequence[str], bag: set[str] | frozenset[str]) -> float:
    """The share of ``words`` found in ``bag`` (1.0 for no words: nothing to disagree on)."""
    if not words:
        return 1.0
    return sum(1 for word in words if word in bag) / len(words)


@dataclass(frozen=True)
class VoteModel:
    """The vote's learned weights and thresholds (immutable; see the module docstring)."""

    weights: tuple[float, ...]
    threshold: float
    add_min_words: int
    add_novel: float
    add_support: float
    # Below this share of the text held by each other reading, no line is outvoted.
    min_agreement: float = 0.5


@dataclass(frozen=True)
class LineVote:
    """The outcome for one page: a keep flag per line, and readability's lines to add,
    each after the line of the text at ``anchor`` (-1: before the first)."""

    keep: tuple[bool, ...]
    additions: tuple[tuple[int, str], ...]


@functools.cache
def vote_model() -> VoteModel:
    """The shipped model (``data/line_vote.json``), read once a process."""
    raw = json.loads(resources.files("newsclean.data").joinpath("line_vote.json").read_text("utf-8"))
    return VoteModel(weights=tuple(float(w) for w in raw["weights"]), threshold=float(raw["threshold"]),
                     add_min_words=int(raw["add_min_words"]), add_novel=float(raw["add_novel"]),
                     add_support=float(raw["add_support"]), min_agreement=float(raw["min_agreement"]))


# The features' names, in the order of VoteModel.weights (the learning tool writes them too).
FEATURES = ("bias", "log_words", "in_second", "in_third", "in_either", "in_both", "text_in_second",
            "text_in_third", "second_in_text", "edge", "position", "sentence_end", "no_second",
            "no_third", "in_both_x_agree", "in_either_x_agree", "in_neither_x_agree")


def line_features(lines: Sequence[str], second: Sequence[str], third: Sequence[str]) -> list[tuple[int, list[float]]]:
    """(index, features) of each line of ``lines`` that holds a word, in FEATURES' order.

    >>> [i for i, _ in line_features(["---", "One line of text."], ["One line"], [])]
    [1]
    """
    return _Readings.of(lines, second, third).rows(lines)


@dataclass(frozen=True)
class _Readings:
    """The words of the three readings, read once a page for the features and the vote."""

    line_words: list[list[str]]  # of each line of the text
    text_bag: frozenset[str]
    second_words: list[str]
    second_bag: frozenset[str]
    third_bag: frozenset[str]
    third_empty: bool
    text_in_second: float
    text_in_third: float

    @classmethod
    def of(cls, lines: Sequence[str], second: Sequence[str], third: Sequence[str]) -> _Readings:
        line_words = [_words(line) for line in lines]
        text_words = [word for words in line_words for word in words]
        second_words, third_words = _words("\n".join(second)), _words("\n".join(third))
        second_bag, third_bag = frozenset(second_words), frozenset(third_words)
        return cls(line_words, frozenset(text_words), second_words, second_bag, third_bag, not third_words,
                   _share(text_words, second_bag), _share(text_words, third_bag))

    def rows(self, lines: Sequence[str]) -> list[tuple[int, list[float]]]:
        second_in_text = _share(self.second_words, self.text_bag) if self.second_words else 0.0
        agree = min(self.text_in_second, self.text_in_third)
        last = max(1, len(lines) - 1)
        rows: list[tuple[int, list[float]]] = []
        for index, (line, words) in enumerate(zip(lines, self.line_words)):
            if not words:
                continue
            in_second, in_third = _share(words, self.second_bag), _share(words, self.third_bag)
            either, both = max(in_second, in_third), min(in_second, in_third)
            rows.append((index, [
                1.0, math.log1p(len(words)), in_second, in_third, either, both, self.text_in_second,
                self.text_in_third, second_in_text, float(index < _EDGE_LINES or index >= len(lines) - _EDGE_LINES),
                index / last, float(bool(_SENTENCE_END.search(line))), float(not self.second_words),
                float(self.third_empty), both * agree, either * agree, (1.0 - either) * agree,
            ]))
        return rows


def page_text_lines(page_lines: Sequence[str]) -> list[str]:
    """A page's whole text (the tag scan's lines, html.extract_html's ``page_lines``) as the
    line classifier reads it: markup rendered as text, blank lines out. The stage renders
    it once for every reading of the page's text it asks (the vote's, layout_part's, the
    description anchor's)."""
    lines, _markup = render_markup_lines(list(page_lines))
    return nonblank_lines(lines)


def reading_of(text_lines: Sequence[str], *, config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG) -> list[str]:
    """The lines the line classifier keeps of a page's text (page_text_lines), as it reads
    a plain dump."""
    verdicts, _info = classify_lines(list(text_lines), config=config)
    return [verdict.text for verdict in verdicts if not verdict.reason]


def page_reading(page_lines: Sequence[str], *, config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG) -> list[str]:
    """The lines the line classifier keeps of a page's whole text (the third reading), as
    it reads a plain dump.

    >>> page_reading(["Home", "News", "The council approved the new budget on Monday after a long debate."])
    ['The council approved the new budget on Monday after a long debate.']
    """
    return reading_of(page_text_lines(page_lines), config=config)


def line_vote(lines: Sequence[str], second: Sequence[str], third: Sequence[str], *,
              model: VoteModel | None = None) -> LineVote:
    """The vote on ``lines`` (trafilatura's kept lines) by ``second`` (readability's
    lines) and ``third`` (the lines the classifier keeps of the whole page's text)."""
    model = model or vote_model()
    readings = _Readings.of(lines, second, third)
    keep = [True] * len(lines)
    # Two readings that each hold under half of the text read another part of the page
    # (or nothing): their silence about a line is no vote against it.
    if min(readings.text_in_second, readings.text_in_third) >= model.min_agreement:
        for index, features in readings.rows(lines):
            logit = sum(w * x for w, x in zip(model.weights, features))
            # The logistic function, without overflow for large negative logits.
            chance = 1.0 / (1.0 + math.exp(-logit)) if logit >= 0 else math.exp(logit) / (1.0 + math.exp(logit))
            keep[index] = chance >= model.threshold
        _keep_facts_whole(lines, keep)
        _keep_sign_off(lines, keep)
        _keep_section_headings(lines, keep)
    # Where readability's line opens as a kept line opens, that line is the anchor of
    # what readability adds after it.
    openings: dict[tuple[str, ...], int] = {}
    for index, words in enumerate(readings.line_words):
        if words and keep[index]:
            openings.setdefault(tuple(words[:6]), index)
    anchor = -1
    additions: list[tuple[int, str]] = []
    for line in second:
        words = _words(line)
        if not words:
            continue
        found = openings.get(tuple(words[:6]))
        if found is not None:
            anchor = found
        elif (len(words) >= model.add_min_words and _share(words, readings.text_bag) < model.add_novel
              and _share(words, readings.third_bag) >= model.add_support):
            additions.append((anchor, line.strip()))
    return LineVote(tuple(keep), tuple(additions))


# The vote keeps a list of facts whole where it keeps two or more of them.
_FACTS_KEPT_MIN = 2


def _keep_facts_whole(lines: Sequence[str], keep: list[bool]) -> None:
    """Short "label: value" lines (an outfit's credits, a product's data: "Kreole: Stella
    Hoops", "Earcuff: Zoeca") are one list: where the vote keeps two or more of them it
    keeps them all. Each alone is a short line the other readings may lack, and the vote
    had kept two of a fashion blog's credits and outvoted the third (trafilatura's
    realworld tests)."""
    facts = [i for i, line in enumerate(lines) if label_value_line(line)]
    if sum(1 for i in facts if keep[i]) >= _FACTS_KEPT_MIN:
        for i in facts:
            keep[i] = True


# A section heading: a short line that ends no sentence, opens with a capital, and is
# mostly words (not a price, a count or a table row), over a paragraph of this many words.
_HEADING_MAX_WORDS = 8
_HEADING_END = re.compile(r"[.!?\u2026:;,]\W*$")
_SECTION_MIN_WORDS = 10


def _keep_section_headings(lines: Sequence[str], keep: list[bool]) -> None:
    """A heading between two kept lines, over a paragraph, heads a section of the text.
    Each such heading is a short line that the page's other readings often lack
    (readability drops headings; the classifier scores a short line as a menu item), and
    the vote took reference pages' "Constructor", "Instance properties", "Examples" for
    furniture between the paragraphs they head (WCXB's dev split). A line the text holds
    twice is a template's label ("Original Poster", "Product Details"), not a heading;
    a line under which no paragraph starts is a grid's or a list's item.

    >>> keep = [True, False, True, False, True]
    >>> _keep_section_headings(["The council met on Monday to approve the budget.", "Next steps",
    ...     "The mayor said the vote would come in the spring, after a hearing.", "$99/hr",
    ...     "Residents can comment on the plan until the end of March this year."], keep)
    >>> keep
    [True, True, True, False, True]
    """
    headings = []
    for i in range(1, len(lines) - 1):
        if keep[i] or not (keep[i - 1] and keep[i + 1]):
            continue
        line = lines[i].strip()
        words = line.split()
        if (0 < len(words) <= _HEADING_MAX_WORDS and line[0].isupper() and _HEADING_END.search(line) is None
                and 2 * sum(1 for w in words if w.isalpha()) >= len(words)
                and len(lines[i + 1].split()) >= _SECTION_MIN_WORDS):
            headings.append(i)
    if headings:  # the lines' counts only where a heading is in question (most texts have none)
        counts = Counter(line.strip() for line in lines)
        for i in headings:
            keep[i] = counts[lines[i].strip()] == 1


# The sign-off closes the post: one of its last lines.
_SIGN_OFF_LAST_LINES = 3


def _keep_sign_off(lines: Sequence[str], keep: list[bool]) -> None:
    """A blogger's sign-off among the text's last lines is the post's, under a kept line:
    a short last line, the other readings lacked it and the vote took it for furniture
    ("x Franzi", a German blog in trafilatura's realworld tests)."""
    for i in range(max(1, len(lines) - _SIGN_OFF_LAST_LINES), len(lines)):
        line = lines[i].strip()
        if not keep[i] and keep[i - 1] and len(line) <= 40 and SIGN_OFF.fullmatch(line) is not None:
            keep[i] = True


def apply_vote(verdicts: Sequence[LineVerdict], second: Sequence[str], third: Sequence[str], *,
               model: VoteModel | None = None) -> tuple[list[LineVerdict], int]:
    """``verdicts`` (the classifier's, on trafilatura's lines) after the vote on their kept
    lines: those it outvotes removed as "outvoted", readability's lines it adds kept after
    their anchors; and how many were added.

    >>> line = "The council approved the budget on Monday after a long debate."
    >>> out, added = apply_vote([LineVerdict("Share this article", 0.0, ""), LineVerdict(line, 1.0, "")],
    ...                         [line], [line])
    >>> [v.reason for v in out], added
    (['outvoted', ''], 0)
    """
    kept = [i for i, verdict in enumerate(verdicts) if not verdict.reason]
    result = line_vote([verdicts[i].text for i in kept], second, third, model=model)
    after: dict[int, list[str]] = {}
    for anchor, line in result.additions:
        after.setdefault(kept[anchor] if anchor >= 0 else -1, []).append(line)
    out = [LineVerdict(line, 0.0, "") for line in after.get(-1, [])]
    rank = {index: at for at, index in enumerate(kept)}
    for i, verdict in enumerate(verdicts):
        at = rank.get(i)
        out.append(verdict if at is None or result.keep[at] else verdict._replace(reason="outvoted"))
        out.extend(LineVerdict(line, 0.0, "") for line in after.get(i, []))
    return out, len(result.additions)

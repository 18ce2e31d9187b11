"""An HTML page's description of itself as evidence of where its article is (issue #14).

Most news pages say what they report in a ``<meta name="description">`` or
``og:description`` tag, written from the article: its lede, or the lede's first sentence.
Where that text stands in the page's body but the extracted text holds none of the part
of the page around it, the extractor read another part of the page: on L3S-GN1's news
pages of 2008, indiafm.com's page gave trafilatura's every setting (and readability)
nothing but the footer's links while its 174-word article stood in a table cell.

The line classifier then reads the page's whole text as it reads a plain dump, with one
fact more: the article's run is the best run that holds the line the description stands
in (``classify_lines(anchor=...)``). Its reading replaces the extracted text only where
the two share under a tenth of the reading's word trigrams and the reading is the longer
(``elsewhere``): a site that describes every page by the slogan its footer prints keeps
its articles. Measured (benchmarks/l3s.py and wcxb.py ``--against`` the build before):
L3S-GN1 HTML 0.9390 -> 0.9404 (1 page better, none worse), WCXB dev 0.8243 -> 0.8246 (2
better, none worse), WCXB test, the 181 pages and trafilatura's real-page tests unchanged.

Tried and left out: where the extracted text is the article without the line the
description stands in (a standfirst trafilatura dropped), adding that line (L3S-GN1
0.9390 -> 0.9414, 8 pages better, none worse) or replacing the text by the reading: on
WCXB's pages of 2025 the printed description is most often a subtitle its annotators
leave out (dev: 23 pages better, 56 worse), and trafilatura's own real-page tests count
gofeminin.de's "chapo" out of the article, one non-comment check more failed.

Words are compared as lower-cased ``\\w+`` tokens in sequences of three (a description
cut at a length limit, "...", or with its markup as text still matches its line), so the
tests are linear in the page's length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsclean.boilerplate._classifier import classify_lines, nonblank_lines
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG, TextBoilerplateConfig

__all__ = ["ANCHOR_MIN_WORDS", "anchored_reading", "elsewhere", "holds_description", "lede_description"]

# A description this long is a sentence of the article, not a title or a list of keywords
# (shorter ones repeat the headline: "UK Film and Television News - House Price Trend Is
# Down"). Words of letters or digits.
ANCHOR_MIN_WORDS = 12
# The share of the description's word trigrams a line (or a text) must hold to hold it:
# a description is often cut at a length limit, or ends with "..." or a site's suffix.
_HELD_SHARE = 0.6
# The reading must be an article: this many words at least (a headline and a paragraph).
_READING_MIN_WORDS = 40
# Under this share of the reading's word trigrams in the extracted text, the extractor
# read another part of the page.
_SHARED_MIN = 0.1
_WORD = re.compile(r"\w+")
_TAG = re.compile(r"<[^<>]*>")


def _trigrams(text: str) -> set[tuple[str, str, str]]:
    words = [word.lower() for word in _WORD.findall(text)]
    return set(zip(words, words[1:], words[2:]))


def lede_description(description: str) -> str:
    """``description`` with any markup as text taken out ("<i>Neighbours</i>"), or "" when
    it has fewer than ANCHOR_MIN_WORDS words: too short to tell a line of the article.

    >>> lede_description("A <i>new</i> soap starring Jason Donovan has failed to impress the critics who saw it")
    'A new soap starring Jason Donovan has failed to impress the critics who saw it'
    >>> lede_description("Sports news from Halifax")
    ''
    """
    text = " ".join(_TAG.sub(" ", description).split())
    return text if len(_WORD.findall(text)) >= ANCHOR_MIN_WORDS else ""


def holds_description(lines: Sequence[str], description: str) -> bool:
    """Whether ``lines`` hold the description: _HELD_SHARE of its word trigrams.

    >>> holds_description(["Geoff Walker scored twice as the Rocket beat the Eagles 4-3 last night."],
    ...                   "Geoff Walker scored twice as the Rocket beat the Eagles 4-3 last night before 3,502 fans.")
    True
    """
    wanted = _trigrams(description)
    if not wanted:
        return False
    found: set[tuple[str, str, str]] = set()
    for line in lines:
        found |= _trigrams(line) & wanted
    return len(found) >= _HELD_SHARE * len(wanted)


def _description_line(lines: Sequence[str], description: str) -> int | None:
    """The index of the line that holds the description, or None: the first line holding
    _HELD_SHARE of its trigrams (a lede is printed once; a repeat lower down is a teaser)."""
    wanted = _trigrams(description)
    if not wanted:
        return None
    for i, line in enumerate(lines):
        if len(_trigrams(line) & wanted) >= _HELD_SHARE * len(wanted):
            return i
    return None


def anchored_reading(page_lines: Sequence[str], description: str, *,
                     config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG) -> tuple[list[str], int] | None:
    """The line classifier's reading of a page's text (``page_lines``, its markup rendered
    as text) whose article run holds the line that holds ``description``, and where that
    line stands in it; None where no line holds it, the classifier does not keep that line,
    or the reading is too short to be an article.

    >>> page = ["Home", "Sports", "News", "Rocket down Eagles",
    ...         "Geoff Walker and Lucas McKinley each scored in the final five minutes as the Rocket won 4-3.",
    ...         "Dean Ouellet, with two, and Robert Slaney scored for Cape Breton in front of the fans.",
    ...         "At Saint John, Ryan Sparling scored twice as the Sea Dogs knocked off the Maineiacs 6-4.",
    ...         "Contact us", "Archives",
    ...         "The Daily News covers Halifax, the hub of Atlantic Canada, in more depth than any other paper."]
    >>> reading, at = anchored_reading(page, "Geoff Walker and Lucas McKinley each scored in the final five minutes")
    >>> reading[at][:26]
    'Geoff Walker and Lucas McK'
    """
    lines = nonblank_lines(list(page_lines))
    at = _description_line(lines, description)
    if at is None:
        return None
    verdicts, _info = classify_lines(lines, config=config, anchor=at)
    if verdicts[at].reason:
        return None
    kept = [verdict.text for verdict in verdicts if not verdict.reason]
    if sum(len(_WORD.findall(line)) for line in kept) < _READING_MIN_WORDS:
        return None
    return kept, sum(1 for verdict in verdicts[:at] if not verdict.reason)


def elsewhere(lines: Sequence[str], reading: Sequence[str]) -> bool:
    """Whether the extracted ``lines`` read another, smaller part of the page than
    ``reading`` (an anchored_reading): they hold under _SHARED_MIN of its word trigrams
    (a footer's blurb, a menu, where the reading is the article its description names),
    and fewer words. A site that describes every page with its slogan, printed in its
    footer, would otherwise lose each article for the footer's run.

    >>> elsewhere(["The Daily News covers Halifax in more depth than any other newspaper."],
    ...           ["Geoff Walker and Lucas McKinley each scored in the final five minutes as the Rocket won."])
    True
    """
    wanted = set().union(*map(_trigrams, reading)) if reading else set()
    found = set().union(*map(_trigrams, lines)) if lines else set()
    if not wanted or len(wanted & found) >= _SHARED_MIN * len(wanted):
        return False
    return sum(len(_WORD.findall(line)) for line in lines) < sum(len(_WORD.findall(line)) for line in reading)

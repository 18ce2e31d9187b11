"""An HTML page's description of itself as evidence of where its article is (issue #14).

Most news pages say what they report in a ``<meta name="description">`` or
``og:description`` tag, written from the article: its lede, or the lede's first sentence.
Where that text stands in the page's body but the extracted text holds none of the part
of the page around it, the extractor read another part of the page: on L3S-GN1's news
pages of 2008, indiafm.com's page gave trafilatura (and readability) nothing but the
footer's links while its article stood in a table cell.

The line classifier then reads the page's whole text as it reads a plain dump, with one
fact more: the article's run is the best run that holds the line the description stands
in (``classify_lines(anchor=...)``). Its reading replaces the extracted text only where
the two share under a tenth of the reading's word trigrams and the extracted text stands
below the description's line in the page (``description_reading``): a site that
describes every page by the slogan its footer prints keeps its articles. It is one more of the page-text readings the stage asks where the line vote
reads a page (html.extract_html ``readings=True``, trafilatura's default or recall
setting): those pages have their text lines already, and the precision setting's pages,
which declared themselves articles, do not pay for a scan of the whole page to look for
a description that most pages never print as a line of their own. Measured with
benchmarks/l3s.py and wcxb.py ``--against`` the build before: L3S-GN1 HTML 0.9390 ->
0.9404 (1 page better, none worse; this rule was written reading that page, so here
L3S-GN1 is not held out), WCXB dev 0.8243 -> 0.8252 (2 pages better, 1 worse), WCXB
test, the 181 pages and trafilatura's evaluation suite unchanged.

Tried and left out (docs/design.md): adding the description's line where the extracted
text is the article without it, and replacing the text by the reading wherever it lacks
the description.

Words are compared as lower-cased ``\\w+`` tokens in sequences of three (a description
cut at a length limit, "...", or with its markup as text still matches its line), so the
tests are linear in the page's length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsclean.boilerplate._classifier import classify_lines
from newsclean.boilerplate.config import DEFAULT_TEXT_CONFIG, TextBoilerplateConfig

__all__ = ["ANCHOR_MIN_WORDS", "description_reading", "holds_description", "lede_description"]

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


def _description_line(grams: Sequence[set[tuple[str, str, str]]], wanted: set[tuple[str, str, str]]) -> int | None:
    """The index of the line (of the lines' word trigrams, ``grams``) that holds the
    description (its trigrams, ``wanted``), or None: the first line holding _HELD_SHARE of
    them (a lede is printed once; a repeat lower down is a teaser)."""
    if not wanted:
        return None
    for i, line in enumerate(grams):
        if len(line & wanted) >= _HELD_SHARE * len(wanted):
            return i
    return None


def _reading_through(page_lines: Sequence[str], at: int,
                     config: TextBoilerplateConfig) -> list[str] | None:
    """The classifier's reading of the page's text whose article run holds line ``at``;
    None where it does not keep that line or the reading is too short to be an article."""
    verdicts, _info = classify_lines(list(page_lines), config=config, anchor=at)
    if verdicts[at].reason:
        return None
    kept = [verdict.text for verdict in verdicts if not verdict.reason]
    if sum(len(_WORD.findall(line)) for line in kept) < _READING_MIN_WORDS:
        return None
    return kept


def description_reading(lines: Sequence[str], page_lines: Sequence[str], description: str, *,
                        config: TextBoilerplateConfig = DEFAULT_TEXT_CONFIG) -> list[str] | None:
    """The line classifier's reading of the page's text (``page_lines``, its markup
    rendered as text, non-blank) whose article run holds the line that holds
    ``description`` (classify_lines(anchor=...)), where it replaces the extracted ``lines``;
    else None. It does where the lines hold under _SHARED_MIN of its word trigrams and
    stand below the description's line in the page: the extractor read another part of the page
    under the article (a footer, a river of teasers). A site that describes every page by
    the slogan its footer prints keeps its articles: the slogan stands below them.

    >>> page = ["Home", "Rocket down Eagles",
    ...         "Geoff Walker and Lucas McKinley each scored in the final five minutes as the Rocket won 4-3.",
    ...         "Dean Ouellet, with two, and Robert Slaney scored for Cape Breton in front of the fans.",
    ...         "At Saint John, Ryan Sparling scored twice as the Sea Dogs knocked off the Maineiacs 6-4.",
    ...         "Contact us | Archives | RSS feeds | Privacy policy | Terms of use"]
    >>> description_reading(page[-1:], page, "Geoff Walker and Lucas McKinley each scored in the final five minutes")[0][:12]
    'Geoff Walker'
    """
    # The cheap tests first: the description's line, then where the extracted text stands
    # (its first line of the page's text), each page line's trigrams made once; the
    # classifier reads the page only where the extracted text stands below that line.
    grams = [_trigrams(line) for line in page_lines]
    at = _description_line(grams, _trigrams(description))
    if at is None:
        return None
    found = set().union(*map(_trigrams, lines)) if lines else set()
    first = next((i for i, line in enumerate(grams) if _held_grams(line, found)), None)
    if first is None or first <= at:
        return None
    reading = _reading_through(page_lines, at, config)
    if reading is None:
        return None
    wanted = set().union(*map(_trigrams, reading))
    return reading if wanted and len(wanted & found) < _SHARED_MIN * len(wanted) else None


def _held_grams(grams: set[tuple[str, str, str]], found: set[tuple[str, str, str]]) -> bool:
    """Whether a line (its trigrams) is held by a text (``found``): _HELD_SHARE of them."""
    return bool(grams) and len(grams & found) >= _HELD_SHARE * len(grams)

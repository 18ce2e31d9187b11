"""Pages whose line breaks were lost: a whole page as one line, cut back into lines.

The line classifier reads a dump line by line: a menu is a run of short lines, a byline a
line of its own, the article a run of prose lines. Corpora often store a page's text with
its line breaks turned into spaces (SemEval-2022 Task 8's articles: 74% of its 5,132 texts
are one line, menus, paywalls and sign-up forms run into the article), and then the
classifier sees one line and can remove nothing. Such a text is cut back into lines here,
by two things that survive the loss of the breaks:

- sentence ends (``split_sentences``): the article's prose falls into its sentences;
- runs of page chrome: six or more words in a row that are capitalised (in a script with
  case) or hold no letter, none of them a function word of the page's language ("Home
  News Sport Weather Travel", "Press Releases Webinars Advertise VB Lab"), set apart from
  the words around them. A name in a sentence is shorter ("NASA's Jet Propulsion
  Laboratory"), and a sentence's function words break a run, so prose stays whole.

An enumerator ("1.", "2.") that sentence splitting left at a piece's end goes with the
piece after it, as the list item it opens. The pieces are the lines the classifier reads
(:func:`reviewed` adjusts its verdicts to pieces of one line); the kept ones are joined into
one line again with what stood between them (:func:`joined`), and StripBoilerplate reads
the page so until a reading removes nothing, which keeps ``clean`` idempotent.

Measured (``benchmarks/boilerplate.py``, "line breaks lost"; held out, ``realworld.py`` and
``wcxb.py --parts flat``): dumps with their line breaks turned into spaces.

>>> page = ("Home News Sport Weather Travel Culture Video Business "
...         "The council approved the new budget on Monday after a long debate. "
...         "The mayor said the vote was a relief.")
>>> read_flat(page, lang="en").lines[:2]
['Home News Sport Weather Travel Culture Video Business', 'The council approved the new budget on Monday after a long debate.']
"""

from __future__ import annotations

import re
from typing import NamedTuple

import regex

from newsclean.boilerplate._classifier import nonblank_lines
from newsclean.boilerplate.config import LineVerdict
from newsclean.boilerplate.text import _stopwords
from newsclean.segment import split_sentences

# A page, not a paragraph: a text of one line and at least this many characters. A long
# paragraph in a dump that has its other lines is read as before: the same test on the
# output keeps ``clean`` idempotent (a text of lines is never read as one line).
FLAT_MIN_CHARS = 1_000
# Readings of such a page at most (StripBoilerplate reads it again until nothing goes).
FLAT_PASSES = 4
FLATTENED_NOTE = "one line of text (a page whose line breaks were lost): read as its sentences and runs of menu words"
# Words in a row that make a run of chrome: a menu has more items than a name has words.
CHROME_RUN_WORDS = 6
_WORD = re.compile(r"\S+")
# CHROME_RUN_WORDS words in a row none of which opens with a lower-case letter: a chrome
# word never does, so a sentence without such a run has no run of chrome either.
_MAY_HOLD_RUN = regex.compile(r"(?<!\S)(?:[^\s\p{Ll}]\S*\s+){" + str(CHROME_RUN_WORDS - 1) + r"}[^\s\p{Ll}]")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’«»()[]{}"
_SENTENCE_ENDS = (".", "!", "?", "…", "。", "！", "？", "؟", "।", '"', "”", "’", "»", ")")
_ENUMERATOR = re.compile(r"(?:\d{1,3}|[a-zA-Z])[.)]")


def is_flattened(text: str) -> bool:
    """Whether a text is a page with its line breaks lost: one line (no line break
    between its first and last character) of FLAT_MIN_CHARS characters or more."""
    text = text.strip()
    return len(text) >= FLAT_MIN_CHARS and "\n" not in text and "\r" not in text


class FlatPage(NamedTuple):
    """A page whose line breaks were lost, cut into the lines the classifier reads."""

    lines: list[str]
    # what stood between each line and the next in the text: " ", or "" (sentences of
    # Chinese or Japanese, and glued ones, "Daten.Weder", have nothing between them)
    gaps: list[str]
    # the function words of the page's language, which no run of chrome holds
    function_words: frozenset[str]


def read_flat(text: str, *, lang: str) -> FlatPage:
    """The lines of a page whose line breaks were lost, in language ``lang`` (a code the
    sentence rules have): its sentences, with runs of page chrome (CHROME_RUN_WORDS or more
    capitalised or letterless words, no function word among them) set apart, and each
    enumerator that ends a piece moved to the next."""
    words = _stopwords().get(lang, frozenset())
    pieces: list[str] = []
    gaps: list[str] = []
    previous_end = 0
    for sentence in split_sentences(text, lang=lang):
        # A sentence of invisible characters alone is no line to the classifier (nonblank_lines).
        parts = [part for part in _chrome_apart(sentence.text, words) if nonblank_lines([part])]
        if not parts:
            continue
        if pieces:
            gaps.append(" " if text[previous_end:sentence.start] else "")
        pieces.append(parts[0])
        for part in parts[1:]:
            gaps.append(" ")
            pieces.append(part)
        previous_end = sentence.end
    lines: list[str] = []
    seps: list[str] = []
    for index, piece in enumerate(pieces):
        if lines:
            head, _, last = lines[-1].rpartition(" ")
            if _ENUMERATOR.fullmatch(last):  # "1." alone or closing "Steps: 1.": it opens this item
                piece = f"{last}{seps[-1]}{piece}"
                if head:
                    lines[-1] = head
                    seps[-1] = " "
                else:
                    lines.pop()
                    seps.pop()
        lines.append(piece)
        if index < len(gaps):
            seps.append(gaps[index])
    return FlatPage(lines, seps, words)


def reviewed(verdicts: list[LineVerdict], page: FlatPage) -> list[LineVerdict]:
    """The classifier's verdicts on ``page``'s lines, read as the pieces of one line: no
    piece is the page's headline (one that is a run of chrome is navigation, any other stays
    in the text), and a sentence removed as ``navigation`` between two kept pieces stays (a
    short line of a dump is a menu's, a short sentence of prose, "Thank you.", "There was no
    compensation.", is the article's)."""
    out = [verdict._replace(reason="navigation" if _is_chrome_run(verdict.text, page.function_words) else "")
           if verdict.reason == "title" else verdict for verdict in verdicts]
    for i in range(1, len(out) - 1):
        verdict = out[i]
        if (verdict.reason == "navigation" and not out[i - 1].reason and not out[i + 1].reason
                and verdict.text.endswith(_SENTENCE_ENDS) and not _is_chrome_run(verdict.text, page.function_words)):
            out[i] = verdict._replace(reason="")
    return out


def joined(verdicts: list[LineVerdict], gaps: list[str]) -> str:
    """The kept lines of a flattened page as one line: two kept lines apart by what stood
    between them in the text, by a space where a space stood anywhere between them."""
    out: list[str] = []
    between = ""
    for index, verdict in enumerate(verdicts):
        if not verdict.reason:
            if out:
                out.append(" " if " " in between else "")
            out.append(verdict.text)
            between = ""
        if index < len(gaps):
            between += gaps[index]
    return "".join(out)


def _is_chrome_run(piece: str, function_words: frozenset[str]) -> bool:
    """Whether a piece is a run of chrome alone: CHROME_RUN_WORDS or more words, each
    capitalised or letterless, none of ``function_words``."""
    tokens = _WORD.findall(piece)
    return len(tokens) >= CHROME_RUN_WORDS and all(_is_chrome(token, function_words) for token in tokens)


def _chrome_apart(sentence: str, function_words: frozenset[str]) -> list[str]:
    """``sentence`` cut before and after each run of CHROME_RUN_WORDS or more chrome words."""
    if _MAY_HOLD_RUN.search(sentence) is None:  # most sentences: no six words in a row not in lower case
        return [" ".join(sentence.split())]
    tokens = _WORD.findall(sentence)
    chrome = [_is_chrome(token, function_words) for token in tokens]
    out: list[str] = []
    start = i = 0
    while i < len(tokens):
        if not chrome[i]:
            i += 1
            continue
        end = i
        while end < len(tokens) and chrome[end]:
            end += 1
        if end - i >= CHROME_RUN_WORDS:
            if i > start:
                out.append(" ".join(tokens[start:i]))
            out.append(" ".join(tokens[i:end]))
            start = end
        i = end
    if start < len(tokens):
        out.append(" ".join(tokens[start:]))
    return out


def _is_chrome(token: str, function_words: frozenset[str]) -> bool:
    """A word of a menu, a label or a separator: capitalised and no function word, or
    without a letter ("|", "/", "–", "»"). Scripts without case have no capitals: their
    words are never chrome by this test."""
    if token[0].islower():  # most words of prose: no need to strip them
        return False
    core = token.strip(_EDGE_PUNCTUATION)
    if not core:
        return True
    if not any(char.isalpha() for char in core):
        return True
    return core[0].isupper() and core.lower() not in function_words

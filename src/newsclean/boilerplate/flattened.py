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
piece after it, as the list item it opens. The pieces are the lines the classifier reads; the
kept ones are joined back with spaces, a removed piece leaving a paragraph break.

Measured (``benchmarks/boilerplate.py``, "flattened dumps"): the 181 development dumps
with their line breaks turned into spaces.

>>> page = ("Home News Sport Weather Travel Culture Video Business "
...         "The council approved the new budget on Monday after a long debate. "
...         "The mayor said the vote was a relief.")
>>> flattened_lines(page)[:2]
['Home News Sport Weather Travel Culture Video Business', 'The council approved the new budget on Monday after a long debate.']
"""

from __future__ import annotations

import re

import regex

from newsclean.boilerplate.config import LineVerdict
from newsclean.boilerplate.text import _guess_lang, _stopwords
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


def flattened_lines(text: str, *, lang: str = "auto") -> list[str]:
    """The lines of a page whose line breaks were lost: its sentences, with runs of
    page chrome (CHROME_RUN_WORDS or more capitalised or letterless words, no function
    word among them) set apart, each enumerator that ends a piece moved to the next."""
    return flattened_pieces(text, lang=lang)[0]


def flattened_pieces(text: str, *, lang: str = "auto") -> tuple[list[str], list[str]]:
    """:func:`flattened_lines` and, for each line but the last, what separated it from the
    next in the text: " " or "" (sentences of Chinese or Japanese, or glued ones,
    "Daten.Weder", have nothing between them, and :func:`joined` puts nothing back)."""
    words = _stopwords().get(_guess_lang(text[:4000]), frozenset())
    pieces: list[str] = []
    gaps: list[str] = []
    sentences = split_sentences(text, lang=lang)
    for number, sentence in enumerate(sentences):
        parts = _chrome_apart(sentence.text, words)
        pieces.extend(parts)
        gaps.extend(" " for _ in parts[1:])
        if number + 1 < len(sentences) and parts:
            between = text[sentence.end:sentences[number + 1].start]
            gaps.append(" " if between else "")
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
    return lines, seps[:max(len(lines) - 1, 0)]


def joined(verdicts: list[LineVerdict], seps: list[str]) -> str:
    """The kept pieces of a flattened page as one line: two kept pieces apart by what
    separated them in the text, by a space where a space stood anywhere between them."""
    out: list[str] = []
    between = ""
    for index, verdict in enumerate(verdicts):
        if not verdict.reason:
            if out:
                out.append(" " if " " in between else "")
            out.append(verdict.text)
            between = ""
        if index < len(seps):
            between += seps[index]
    return "".join(out)


def is_chrome_run(piece: str) -> bool:
    """Whether a piece is a run of chrome alone: CHROME_RUN_WORDS or more words, each
    capitalised or letterless, no function word of the piece's language among them."""
    tokens = _WORD.findall(piece)
    words = _stopwords().get(_guess_lang(piece), frozenset())
    return len(tokens) >= CHROME_RUN_WORDS and all(_is_chrome(token, words) for token in tokens)


def sentences_kept(verdicts: list[LineVerdict]) -> list[LineVerdict]:
    """``verdicts`` of a flattened page's pieces with each sentence removed as
    ``navigation`` between two kept pieces kept: a short line of a dump is a menu's, a short
    sentence of prose ("Thank you.", "There was no compensation.") is the article's."""
    out = list(verdicts)
    for i in range(1, len(out) - 1):
        verdict = out[i]
        if (verdict.reason == "navigation" and not out[i - 1].reason and not out[i + 1].reason
                and verdict.text.endswith(_SENTENCE_ENDS) and not is_chrome_run(verdict.text)):
            out[i] = verdict._replace(reason="")
    return out


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

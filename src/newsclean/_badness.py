"""ftfy's mojibake test (``ftfy.badness.is_bad``) with the same answer at a fraction of the cost.

``is_bad`` searches the text with ``BADNESS_RE``, an alternation of ~35 short sequences.
Python's ``re`` cannot skip ahead for an alternation whose branches open with character
classes, so it tries every branch at every position: ~200 ns a character, 0.2 ms for a
1 KB article in German or Russian. English text mostly never gets there
(repair._mojibake_trigger); other languages, written with letters outside ASCII, always
did: ``repair_encoding`` on such text ran at 3.8 MB/s with ``is_bad`` and 12.5 with this
search (``benchmarks/repair.py``, both in one run).

Every branch holds an element that can only match a few, rare characters (a currency
sign after an accented letter, a C1 control, the "Ã" of "Ã©"). :func:`badness_search`
reads the pattern (``re._parser``, the standard library's own parser), picks in each
branch its rarest such element, signs before letters (the "anchor"), and records how far
from the branch's start it can sit. A match starting at ``s`` then has an anchor character at ``s + offset``, so
trying ``BADNESS_RE.match`` only at the few starts that an anchor character allows finds
a match exactly when ``search`` does: the same answer, not an approximation (tested on
random text and mojibake, tests/test_repair.py). Basic Cyrillic and Greek letters are
never anchors, as Russian and Greek text is made of them. Where the pattern holds
anything this reading does not know (a later ftfy), there is no fast search and
``is_bad`` itself runs.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from re import _constants as sre_constants  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

__all__ = ["badness_search", "lines_badness_search"]

# Letters of whole alphabets (basic Cyrillic and Greek): an element made of them matches in
# every word of a Russian or Greek text, so it is never taken as a branch's anchor.
_FREQUENT = frozenset(range(0x0410, 0x0450)) | frozenset(range(0x0391, 0x03AA)) | frozenset(range(0x03B1, 0x03CA))


# Anchors sparser than one in this many characters are tried one by one; denser, the plain
# search is cheaper (one match call costs what ~4 characters of the search do).
_DENSE = 8


class _Unknown(Exception):
    """The pattern holds something this reading does not handle."""


def _width(item: tuple[Any, Any]) -> tuple[int, int]:
    """The least and most characters one element of a branch matches."""
    op, arg = item
    if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY):
        return 1, 1
    if op is sre_constants.AT:
        return 0, 0
    if op in (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT):
        low, high, inner = arg
        if high is sre_constants.MAXREPEAT:
            raise _Unknown("an unbounded repeat")
        lo = hi = 0
        for element in inner:
            a, b = _width(element)
            lo, hi = lo + a, hi + b
        return low * lo, high * hi
    raise _Unknown(f"element {op}")


def _anchor_chars(item: tuple[Any, Any]) -> frozenset[int] | None:
    """The characters an element matches when they are all outside ASCII and none is a
    frequent letter; None otherwise (the element cannot be a branch's anchor)."""
    op, arg = item
    if op is sre_constants.LITERAL:
        chars: frozenset[int] = frozenset((arg,))
    elif op is sre_constants.IN:
        found: set[int] = set()
        for kind, value in arg:
            if kind is sre_constants.LITERAL:
                found.add(value)
            elif kind is sre_constants.RANGE:
                found.update(range(value[0], value[1] + 1))
            else:  # a negated class or a category (\s, \w): not a small set of characters
                return None
        chars = frozenset(found)
    else:
        return None
    if not chars or min(chars) < 0x80 or chars & _FREQUENT:
        return None
    return chars


def _rarity(chars: frozenset[int]) -> int:
    """How often an element's characters turn up in text, roughly: letters (accented ones
    fill French and German text) count a hundred times as much as signs and punctuation."""
    return sum(100 if unicodedata.category(chr(c)).startswith("L") else 1 for c in chars)


def _anchors(pattern: re.Pattern[str]) -> tuple[frozenset[int], int, int]:
    """The anchor characters of every branch, and the least and most offset of an anchor
    from its branch's start."""
    if pattern.flags & (re.IGNORECASE | re.ASCII | re.LOCALE):
        # a literal would then match characters of other cases: the anchors would miss them
        raise _Unknown("flags that change what a character matches")
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    if len(parsed.data) != 1 or parsed.data[0][0] is not sre_constants.BRANCH:
        raise _Unknown("not one alternation")
    anchors: set[int] = set()
    least, most = 1 << 30, 0
    for branch in parsed.data[0][1][1]:
        best: tuple[int, frozenset[int], int, int] | None = None
        low = high = 0
        for item in branch.data:
            chars = _anchor_chars(item)
            if chars is not None and (best is None or _rarity(chars) < best[0]):
                best = (_rarity(chars), chars, low, high)
            a, b = _width(item)
            low, high = low + a, high + b
        if best is None:
            raise _Unknown("a branch without an anchor")
        anchors |= best[1]
        least, most = min(least, best[2]), max(most, best[3])
    return frozenset(anchors), least, most


@functools.lru_cache(maxsize=1)
def badness_search() -> Callable[[str], bool]:
    """A function that answers as ``ftfy.badness.is_bad`` does, faster (see the module).

    >>> badness_search()("The café opened")
    False
    >>> badness_search()("The cafÃ© opened")
    True
    """
    from ftfy.badness import BADNESS_RE, is_bad

    try:
        anchors, least, most = _anchors(BADNESS_RE)
    except (_Unknown, AttributeError, TypeError, ValueError, IndexError):
        return is_bad
    if not anchors:
        return is_bad
    finder = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(anchors)) + "]")
    match, whole = BADNESS_RE.match, BADNESS_RE.search

    def search(text: str) -> bool:
        tried = -1  # starts up to here were tried
        # A text dense in anchors ("€€€...", a table of symbols) would cost a call a
        # character, ~4x the plain search: past a call for every _DENSE characters, the rest
        # of the text is searched whole (the starts from tried + 1 on: still exact).
        budget = len(text) // _DENSE + 16
        for found in finder.finditer(text):
            position = found.start()
            for start in range(max(tried + 1, position - most), position - least + 1):
                if start >= 0 and match(text, start) is not None:
                    return True
                budget -= 1
            tried = max(tried, position - least)
            if budget < 0:
                return whole(text, tried + 1) is not None
        return False

    return search


# A line start where a mojibake branch anchored at a text's start ("^[ÃÂ][ ]") can match.
_LINE_START = re.compile("\n(?=[^\x00-\x7f])")
# The longest match a branch anchored at the start needs to be found in a window of text.
_START_WINDOW = 32


@functools.lru_cache(maxsize=1)
def lines_badness_search() -> Callable[[str], bool]:
    r"""A function that answers whether ``ftfy.badness.is_bad`` holds for any line of a
    text, as ftfy's ``fix_text`` asks it: it fixes a text line by line, and a branch
    anchored at the start ("^[ÃÂ][ ]", "Â" and a space opening a line) matches at every
    line's start there, where a search of the whole text sees only the first
    ("\nÂ x" was left as it was while ftfy made it "\n\xa0x").

    >>> lines_badness_search()("The café\nÂ x")
    True
    """
    whole = badness_search()
    from ftfy.badness import BADNESS_RE

    match = BADNESS_RE.match

    def search(text: str) -> bool:
        if whole(text):
            return True
        # each line start with a character outside ASCII, read as a text of its own
        return any(match(text[found.end():found.end() + _START_WINDOW]) is not None
                   for found in _LINE_START.finditer(text))

    return search

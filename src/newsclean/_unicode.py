"""Character classes of the ``regex`` module, rebuilt for the stdlib ``re`` engine.

The stdlib engine skips through text with a table lookup when a class holds BMP
characters only, which makes such scans faster than the same scan with ``regex``'s
property classes (``benchmarks/segmentation.py`` times the segmenter's scan both
ways). Building the class from ``regex`` itself keeps the two engines in agreement on
every BMP character.
"""

from __future__ import annotations

import functools
import itertools
import re

import regex

__all__ = ["SENTENCE_CLOSERS", "SPACE_RUN", "bmp_class", "bmp_only", "without_lone_surrogates"]

# What may close a sentence after its mark: the quotes and brackets of the languages
# newsclean reads, German „...“ and ‚...‘ (which close with what English opens with),
# »...« and 「...」 included. One set for the segmenter, line-break repair and the line
# classifier, so that all three read "... zum Italiener.“" as a sentence's end.
SENTENCE_CLOSERS = "\"'”’“‘»›«‹)\\]}」』】〕〉》"
# A run of spaces and tabs, which line-break repair writes out as one space; the line
# classifier reads each run so too, so that cleaning its own output changes nothing.
SPACE_RUN = re.compile(r"[ \t]{2,}")


@functools.cache
def _bmp_text() -> str:
    """Every BMP character but the surrogates, in code point order (built once a process)."""
    return "".join(map(chr, itertools.chain(range(0xD800), range(0xE000, 0x10000))))


@functools.cache
def bmp_class(pattern: str) -> str:
    """The BMP characters ``regex`` matches with ``pattern`` (a character class), as a
    stdlib ``re`` class body.

    The class is read as runs of matching characters over the BMP in code point order, one
    range a run (a run across the surrogates, which the text skips, is two): a process
    builds half a dozen of these before its first document, and listing every matching
    character had taken ~45 ms a class against 0.4-2.2 ms now (one-off timings; what a
    fresh process pays in all, benchmarks/dedup.py's *A fresh process's start*).

    >>> greek = re.compile("[" + bmp_class(r"\\p{Greek}") + "]+")
    >>> greek.fullmatch("λόγος") is not None, greek.fullmatch("logos") is not None
    (True, False)
    """
    bmp = _bmp_text()
    ranges: list[tuple[int, int]] = []
    for run in regex.finditer(f"(?:{pattern})+", bmp):
        lo, hi = ord(bmp[run.start()]), ord(bmp[run.end() - 1])
        if lo < 0xD800 <= hi:
            ranges += [(lo, 0xD7FF), (0xE000, hi)]
        else:
            ranges.append((lo, hi))
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )


def bmp_only(text: str) -> bool:
    """True when ``text`` has no astral character (lone surrogates count as BMP), so that
    a pattern built from :func:`bmp_class` matches it as the ``regex`` pattern would.

    >>> bmp_only("naïve café"), bmp_only("emoji 😀")
    (True, False)
    """
    # Two UTF-16 bytes per character means no astral character.
    return text.isascii() or len(text.encode("utf-16-le", "surrogatepass")) == 2 * len(text)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """``text`` with every lone surrogate (``"\\ud800"``, which no UTF-8 can hold) as U+FFFD.

    JSON and Python strings can carry them; writing one as UTF-8 raises, which would
    abort a whole batch at the first such record.

    >>> without_lone_surrogates("a\\ud800b")
    'a\\ufffdb'
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return _LONE_SURROGATE.sub("\ufffd", text)
    return text

"""Character classes of the ``regex`` module, rebuilt for the stdlib ``re`` engine.

The stdlib engine skips through text with a table lookup when a class holds BMP
characters only, which makes such scans faster than the same scan with ``regex``'s
property classes (``benchmarks/segmentation.py`` times the segmenter's scan both
ways). Building the class from ``regex`` itself keeps the two engines in agreement on
every BMP character.
"""

from __future__ import annotations

import functools
import re

import regex

__all__ = ["bmp_class"]


@functools.cache
def bmp_class(pattern: str) -> str:
    """The BMP characters ``regex`` matches with ``pattern``, as a stdlib ``re`` class body.

    >>> greek = re.compile("[" + bmp_class(r"\\p{Greek}") + "]+")
    >>> greek.fullmatch("λόγος") is not None, greek.fullmatch("logos") is not None
    (True, False)
    """
    bmp = "".join(chr(c) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    points = sorted(ord(c) for c in regex.findall(pattern, bmp))
    ranges: list[tuple[int, int]] = []
    for point in points:
        if ranges and ranges[-1][1] == point - 1:
            ranges[-1] = (ranges[-1][0], point)
        else:
            ranges.append((point, point))
    return "".join(
        re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}" for lo, hi in ranges
    )

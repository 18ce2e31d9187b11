"""Peer implementations the benchmarks compare against (only the ones with no package)."""

from __future__ import annotations

import re

_C4_BAD = re.compile(r"javascript|lorem ipsum|\{|cookie|terms of use|privacy policy", re.IGNORECASE)
_C4_END = re.compile(r"[.!?\"'”’]$")


def c4_line_filter(text: str) -> str:
    """The C4 heuristics (Raffel et al. 2020, as in datatrove's C4QualityFilter), per line:
    keep lines that end in terminal punctuation, have at least 3 words, and mention no
    JavaScript/cookie/policy boilerplate."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) < 3 or not _C4_END.search(line) or _C4_BAD.search(line):
            continue
        kept.append(line)
    return "\n".join(kept)

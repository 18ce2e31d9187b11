"""Peer implementations the benchmarks compare against (only the ones with no package)."""

from __future__ import annotations

_C4_BAD = ("javascript", "lorem ipsum", "{", "cookie", "terms of use", "privacy policy")
_C4_END = (".", "!", "?", '"', "'", "”", "’")


def c4_line_filter(text: str) -> str:
    """The C4 heuristics (Raffel et al. 2020, as in datatrove's C4QualityFilter), per line:
    keep lines that end in terminal punctuation, have at least 3 words, and mention no
    JavaScript/cookie/policy boilerplate. String methods, as datatrove writes them (a
    regex search per line ran this peer at half its speed)."""
    kept = []
    for line in text.splitlines():
        line = line.strip()
        if len(line.split()) < 3 or not line.endswith(_C4_END):
            continue
        lowered = line.lower()
        if any(bad in lowered for bad in _C4_BAD):
            continue
        kept.append(line)
    return "\n".join(kept)

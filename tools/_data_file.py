"""Writing a shipped data file, or checking it: what the tools that build src/newsclean/data
from a cited source share (build_month_names.py, build_given_names.py)."""

from __future__ import annotations

from pathlib import Path


def write_or_check(out: Path, text: str, *, check: bool) -> int:
    """Write ``text`` to ``out``, or with ``check`` compare them: the exit code (1: they differ)."""
    if check:
        same = out.read_text("utf-8") == text
        print(f"{out.name} is current" if same else f"{out.name} differs from what the tool builds")
        return 0 if same else 1
    out.write_text(text, "utf-8")
    print(f"wrote {out}")
    return 0

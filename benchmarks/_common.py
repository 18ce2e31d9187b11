"""Shared helpers of the benchmarks: where the data is, timing, report tables."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parent.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"


def data_dir(cli_value: str | None = None) -> Path:
    """The data folder: --data, else $NEWSCLEAN_DATA, else ../shared/data."""
    return Path(cli_value or os.environ.get("NEWSCLEAN_DATA") or DEFAULT_DATA)


def require(path: Path, what: str) -> bool:
    """Say clearly when benchmark data is absent; return whether it is there."""
    if path.exists():
        return True
    print(f"SKIPPED {what}: data not found at {path} (pass --data PATH or set NEWSCLEAN_DATA)",
          file=sys.stderr)
    return False


def timed(fn: Callable[[], T], *, repeat: int = 1) -> tuple[T, float]:
    """Run ``fn`` ``repeat`` times; return its last result and the best wall time."""
    best = float("inf")
    result: T
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return result, best


def table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A Markdown table."""
    def fmt(v: object) -> str:
        return f"{v:.4f}" if isinstance(v, float) else str(v)
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)

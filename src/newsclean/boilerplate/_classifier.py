"""Which build of the line classifier runs: compiled when it is installed and current.

``setup.py`` compiles text.py with Cython into ``_text_c``, a second module built from
the same source (and the type declarations in text.pxd). It returns the same verdicts
as text.py, which tests/test_compiled.py checks, in less time (benchmarks/boilerplate_phases.py
times the build in use; NEWSCLEAN_PURE_PYTHON=1 makes it the pure one). A stale or
missing build falls back to text.py (see newsclean/_compiled_copy.py).
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType
from typing import cast

from newsclean._compiled_copy import Build, load_compiled_copy
from newsclean._compiled_copy import source_digest as _digest_of
from newsclean.boilerplate import text
from newsclean.boilerplate.config import LineVerdict
from newsclean.boilerplate.metadata import HeaderInfo
from newsclean.document import Removal

__all__ = ["BUILD", "assemble", "classify_lines", "nonblank_lines", "page_features", "prose_words", "removals",
           "removed_for", "source_digest", "thread_start"]

ClassifyLines = Callable[..., tuple[list[LineVerdict], HeaderInfo]]


def source_digest() -> str:
    """SHA-256 of text.py as it is on disk: what a current compiled build records."""
    return _digest_of(text)


def _load() -> tuple[ModuleType, Build]:
    return load_compiled_copy(text, "newsclean.boilerplate._text_c", digest=source_digest(), what="line classifier")


_module, BUILD = _load()
classify_lines = cast(ClassifyLines, _module.classify_lines)
nonblank_lines = cast(Callable[[list[str]], list[str]], _module.nonblank_lines)
assemble = cast(Callable[[list[str], list[LineVerdict]], str], _module.assemble)
prose_words = cast(Callable[[str], int], _module.prose_words)
page_features = cast(Callable[[list[LineVerdict]], list[float]], _module.page_features)
removals = cast(Callable[[list[LineVerdict], str], tuple[Removal, ...]], _module.removals)
thread_start = cast(Callable[[list[LineVerdict]], int], _module.thread_start)
removed_for = cast(Callable[[list[LineVerdict], int, frozenset[str]], bool], _module.removed_for)

"""Which build of the line classifier runs: compiled when it is installed and current.

``setup.py`` compiles text.py with Cython into ``_text_c``, a second module built from
the same source (and the type declarations in text.pxd). It returns the same verdicts
as text.py, which tests/test_compiled.py checks, in less time (benchmarks/boilerplate_phases.py
times the build in use; NEWSCLEAN_PURE_PYTHON=1 makes it the pure one). A build records the SHA-256 of the text.py it was made from; when text.py has changed
since (an editable install after an edit), the stale build is not used and a warning
says how to rebuild. Without a C compiler, or with ``NEWSCLEAN_PURE_PYTHON=1`` set at
build or at run time, text.py runs as it is.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Literal, cast

from newsclean.boilerplate import text
from newsclean.boilerplate.config import LineVerdict
from newsclean.boilerplate.metadata import HeaderInfo
from newsclean.document import Removal

__all__ = ["BUILD", "assemble", "classify_lines", "nonblank_lines", "removals", "source_digest"]

ClassifyLines = Callable[..., tuple[list[LineVerdict], HeaderInfo]]


def source_digest() -> str:
    """SHA-256 of text.py as it is on disk: what a current compiled build records."""
    return hashlib.sha256(Path(text.__file__).read_bytes()).hexdigest()


def _load() -> tuple[ModuleType, Literal["compiled", "pure"]]:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return text, "pure"
    try:
        compiled = importlib.import_module("newsclean.boilerplate._text_c")
    except ImportError:
        return text, "pure"
    if getattr(compiled, "_SOURCE_SHA256", None) != source_digest():
        warnings.warn(
            "newsclean's compiled line classifier was built from another version of text.py; "
            "using the pure-Python one (rebuild with `pip install -e .` or `make test`)",
            RuntimeWarning,
            stacklevel=2,
        )
        return text, "pure"
    return compiled, "compiled"


_module, BUILD = _load()
classify_lines = cast(ClassifyLines, _module.classify_lines)
nonblank_lines = cast(Callable[[list[str]], list[str]], _module.nonblank_lines)
assemble = cast(Callable[[list[str], list[LineVerdict]], str], _module.assemble)
removals = cast(Callable[[list[LineVerdict], str], tuple[Removal, ...]], _module.removals)

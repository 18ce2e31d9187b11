"""The compiled MinHash kernels (``_minhash_c``, built by setup.py), or None.

Optional: without a C compiler, or with ``NEWSCLEAN_PURE_PYTHON=1`` at build or run time,
minhash.py and shingles.py compute the same values with numpy.
"""

from __future__ import annotations

import functools
import importlib
import os
from types import ModuleType

__all__ = ["compiled_module"]


@functools.cache
def compiled_module() -> ModuleType | None:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module("newsclean.dedup._minhash_c")
    except ImportError:
        return None

"""The compiled MinHash kernels (``_minhash_c``) and LSH bucket loops (``_buckets_c``, the
compiled build of _buckets.py), built by setup.py; or None.

Optional: without a C compiler, or with ``NEWSCLEAN_PURE_PYTHON=1`` at build or run time,
minhash.py, shingles.py and lsh.py compute the same values with numpy and plain Python.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import os
from pathlib import Path
from types import ModuleType

__all__ = ["compiled_lsh", "compiled_module"]


@functools.cache
def compiled_module() -> ModuleType | None:
    return _load("newsclean.dedup._minhash_c")


@functools.cache
def compiled_lsh() -> ModuleType | None:
    """The compiled build of _buckets.py when it was made from the _buckets.py on disk (an
    editable install keeps an old build after an edit: then the plain module runs)."""
    module = _load("newsclean.dedup._buckets_c")
    source = Path(__file__).with_name("_buckets.py").read_bytes()
    if module is None or getattr(module, "_SOURCE_SHA256", None) != hashlib.sha256(source).hexdigest():
        return None
    return module


def _load(name: str) -> ModuleType | None:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None

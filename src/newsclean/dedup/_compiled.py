"""The compiled MinHash kernels (``_minhash_c``), LSH bucket table (``_bucket_table``),
story centroid comparison (``_centroid_c``) and story features' loops (``_features_c``),
built by setup.py; or None.

Optional: without a C compiler, or with ``NEWSCLEAN_PURE_PYTHON=1`` at build or run time,
minhash.py, shingles.py, lsh.py and cluster.py compute the same values with numpy, a dict
and Python.
"""

from __future__ import annotations

import functools
from types import ModuleType

from newsclean._compiled_copy import load_compiled_module

__all__ = ["compiled_centroid", "compiled_features", "compiled_lsh", "compiled_module"]


@functools.cache
def compiled_module() -> ModuleType | None:
    return load_compiled_module("newsclean.dedup._minhash_c")


@functools.cache
def compiled_lsh() -> ModuleType | None:
    return load_compiled_module("newsclean.dedup._bucket_table")


@functools.cache
def compiled_centroid() -> ModuleType | None:
    return load_compiled_module("newsclean.dedup._centroid_c")


@functools.cache
def compiled_features() -> ModuleType | None:
    return load_compiled_module("newsclean.dedup._features_c")


"""Choosing between a plain-Python module and its compiled copy.

``setup.py`` compiles some plain-Python modules with Cython into a second module built
from the same source (boilerplate/text.py into ``_text_c``, _sentence_rules.py into
``_sentence_rules_c``). The copy records the SHA-256 of the source it was made from: when
the source has changed since (an editable install after an edit), the stale copy is not
used and a warning says how to rebuild. Without a C compiler, or with
``NEWSCLEAN_PURE_PYTHON=1`` set at build or at run time, the plain module runs as it is.
"""

from __future__ import annotations

import hashlib
import importlib
import os
import warnings
from pathlib import Path
from types import ModuleType
from typing import Literal

__all__ = ["Build", "load_compiled_copy", "load_compiled_module", "source_digest"]

Build = Literal["compiled", "pure"]


def source_digest(module: ModuleType) -> str:
    """SHA-256 of ``module``'s source as it is on disk: what a current compiled copy records."""
    if module.__file__ is None:
        raise ValueError(f"{module.__name__} has no source file")
    return hashlib.sha256(Path(module.__file__).read_bytes()).hexdigest()


def load_compiled_module(name: str) -> ModuleType | None:
    """The compiled module ``name`` (a .pyx of its own, no plain twin), or None where it
    was not built or ``NEWSCLEAN_PURE_PYTHON`` is set: its callers then compute the same
    in Python or with another package."""
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def load_compiled_copy(pure: ModuleType, compiled_name: str, *, digest: str, what: str) -> tuple[ModuleType, Build]:
    """The compiled copy named ``compiled_name`` when it is installed and made from the
    source whose SHA-256 is ``digest``; else ``pure``. ``what`` names it in the warning."""
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return pure, "pure"
    try:
        compiled = importlib.import_module(compiled_name)
    except ImportError:
        return pure, "pure"
    if getattr(compiled, "_SOURCE_SHA256", None) != digest:
        source = Path(pure.__file__ or pure.__name__).name
        warnings.warn(
            f"newsclean's compiled {what} was built from another version of {source}; "
            f"using the pure-Python one (rebuild with `pip install -e .` or `make test`)",
            RuntimeWarning,
            stacklevel=3,
        )
        return pure, "pure"
    return compiled, "compiled"

"""Build: the package, plus three modules compiled with Cython when they can be.

Everything else is declared in pyproject.toml. The compiled module, ``_text_c``, is
built from a copy of src/newsclean/boilerplate/text.py (and its type declarations in
text.pxd) that records the source's SHA-256, so that newsclean can tell a stale build
from a current one (see src/newsclean/boilerplate/_classifier.py). The build is
optional: without Cython or a C compiler, or with NEWSCLEAN_PURE_PYTHON=1, the
package installs as pure Python and runs the same rules more slowly.

The others, ``newsclean.dedup._minhash_c`` and ``newsclean.dedup._lsh_c``, are MinHash's
inner loop and the LSH bucket loops (.pyx files of their own); without them minhash.py
and lsh.py compute the same results with numpy and Python.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent
PACKAGE = Path("src", "newsclean", "boilerplate")
# Python semantics, with C types where text.pxd declares them and where the compiler
# can prove them (loop counters, lengths). The annotations in text.py are for mypy:
# Cython would read "list[str]" as another type than the .pxd's "list".
DIRECTIVES = {"language_level": 3, "infer_types": True, "binding": False, "annotation_typing": False}


def _compiled_classifier() -> list[Extension]:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("newsclean: Cython is not available; installing the pure-Python classifier", file=sys.stderr)
        return []
    source = (HERE / PACKAGE / "text.py").read_bytes()
    work = Path("build", "cython", "newsclean", "boilerplate")
    (HERE / work).mkdir(parents=True, exist_ok=True)
    copy = work / "_text_c.py"
    digest = hashlib.sha256(source).hexdigest()
    (HERE / copy).write_bytes(source + f'\n_SOURCE_SHA256 = "{digest}"\n'.encode())
    (HERE / work / "_text_c.pxd").write_bytes((HERE / PACKAGE / "text.pxd").read_bytes())
    # Cython finds the .pxd by the module's full name, which it reads from the packages.
    for package in (work.parent, work):
        (HERE / package / "__init__.py").touch()
    try:
        extensions = list(cythonize(
            [Extension("newsclean.boilerplate._text_c", [str(copy)], optional=True)],
            compiler_directives=DIRECTIVES,
            quiet=True,
        ))
        # -O3: GCC vectorises the loop over permutations only at -O3 on older releases.
        extensions += cythonize(
            [Extension("newsclean.dedup._minhash_c", [str(Path("src", "newsclean", "dedup", "_minhash_c.pyx"))],
                       optional=True, extra_compile_args=["-O3"]),
             Extension("newsclean.dedup._lsh_c", [str(Path("src", "newsclean", "dedup", "_lsh_c.pyx"))],
                       optional=True)],
            build_dir=str(Path("build", "cython")),
            quiet=True,
        )
        return extensions
    except Exception as error:  # a failed translation must not fail the install
        print(f"newsclean: could not translate the classifier with Cython ({error}); "
              "installing the pure-Python one", file=sys.stderr)
        return []


setup(ext_modules=_compiled_classifier())

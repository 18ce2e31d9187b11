"""Build: the package, plus eight modules compiled with Cython when they can be.

Everything else is declared in pyproject.toml. The first two, ``_text_c`` and
``_sentence_rules_c``, are built from copies of src/newsclean/boilerplate/text.py and
src/newsclean/_sentence_rules.py (with the type declarations of their .pxd files) that
record the source's SHA-256, so that newsclean can tell a stale build from a current one
(see src/newsclean/_compiled_copy.py). The build is
optional: without Cython or a C compiler, or with NEWSCLEAN_PURE_PYTHON=1, the
package installs as pure Python and runs the same rules more slowly.

The others are .pyx files of their own: ``newsclean.dedup._minhash_c``, MinHash's inner
loop and the LSH band keys (without it minhash.py and lsh.py compute the same with numpy), and
``newsclean.dedup._bucket_table``, the LSH buckets in C arrays (without it lsh.py keeps
them in a dict), and ``newsclean.dedup._centroid_c``, story mode's comparison of a report
with its candidate clusters (without it cluster.py runs the same arithmetic in Python),
and ``newsclean.dedup._features_c``, the loops of a story document's terms and meaning
vector and the meaning tokenizer's byte-pair merges (without it shingles.py and meaning.py
compute the same in Python and numpy, and the tokenizers package tokenizes), and
``newsclean._langid_c``, fastText's prediction for the language model (without it
fasttext-predict runs the model, with the same answers), and
``newsclean.boilerplate._readability_c``, the length of readability-lxml's cleaned text
of an element (without it readability's own ``clean`` measures it).
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

from setuptools import Extension, setup

HERE = Path(__file__).resolve().parent
# Python semantics, with C types where text.pxd declares them and where the compiler
# can prove them (loop counters, lengths). The annotations in text.py are for mypy:
# Cython would read "list[str]" as another type than the .pxd's "list".
DIRECTIVES = {"language_level": 3, "infer_types": True, "binding": False, "annotation_typing": False}


# (package folder, plain-Python module, compiled module): each compiled from a copy of the
# module, with the C types of its .pxd, that records the source's SHA-256.
COMPILED_COPIES = [
    (Path("src", "newsclean", "boilerplate"), "text", "_text_c"),
    (Path("src", "newsclean"), "_sentence_rules", "_sentence_rules_c"),
]


def _copy_for_cython(package: Path, module: str, compiled: str) -> Extension:
    """A copy of ``module`` (and its .pxd) named ``compiled`` under build/cython, which
    records the SHA-256 of the source it was made from."""
    source = (HERE / package / f"{module}.py").read_bytes()
    work = Path("build", "cython", *package.parts[1:])
    (HERE / work).mkdir(parents=True, exist_ok=True)
    copy = work / f"{compiled}.py"
    digest = hashlib.sha256(source).hexdigest()
    (HERE / copy).write_bytes(source + f'\n_SOURCE_SHA256 = "{digest}"\n'.encode())
    (HERE / work / f"{compiled}.pxd").write_bytes((HERE / package / f"{module}.pxd").read_bytes())
    # Cython finds the .pxd by the module's full name, which it reads from the packages:
    # every folder from build/cython/newsclean down is one (build/cython itself is not).
    for depth in range(2, len(package.parts) + 1):
        (HERE / Path("build", "cython", *package.parts[1:depth]) / "__init__.py").touch()
    return Extension(".".join((*package.parts[1:], compiled)), [str(copy)], optional=True)


def _compiled_modules() -> list[Extension]:
    if os.environ.get("NEWSCLEAN_PURE_PYTHON"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        print("newsclean: Cython is not available; installing the pure-Python classifier", file=sys.stderr)
        return []
    try:
        extensions = list(cythonize(
            [_copy_for_cython(*spec) for spec in COMPILED_COPIES],
            compiler_directives=DIRECTIVES,
            quiet=True,
        ))
        # -O3: GCC vectorises the loop over permutations only at -O3 on older releases.
        # Two loops (MinHash's and the meaning vector's sum) are also built for AVX2 where
        # GCC can choose at load time (src/newsclean/dedup/newsclean_dispatch.h).
        dispatch = [str(Path("src", "newsclean", "dedup"))]
        extensions += cythonize(
            [Extension("newsclean.dedup._minhash_c", [str(Path("src", "newsclean", "dedup", "_minhash_c.pyx"))],
                       optional=True, extra_compile_args=["-O3"], include_dirs=dispatch),
             Extension("newsclean.dedup._bucket_table", [str(Path("src", "newsclean", "dedup", "_bucket_table.pyx"))],
                       optional=True, extra_compile_args=["-O3"]),
             # No fused multiply-add: its scores must round as the Python ones do.
             Extension("newsclean.dedup._centroid_c", [str(Path("src", "newsclean", "dedup", "_centroid_c.pyx"))],
                       optional=True, extra_compile_args=["-O2", "-ffp-contract=off"]),
             # -O3 vectorises the sum across a vector's components, which keeps each
             # component's additions in token order; no contraction, as above.
             Extension("newsclean.dedup._features_c", [str(Path("src", "newsclean", "dedup", "_features_c.pyx"))],
                       optional=True, extra_compile_args=["-O3", "-ffp-contract=off"], include_dirs=dispatch),
             # readability-lxml's text measure, for the line vote's second reading of a page.
             Extension("newsclean.boilerplate._readability_c",
                       [str(Path("src", "newsclean", "boilerplate", "_readability_c.pyx"))],
                       optional=True, extra_compile_args=["-O2"]),
             # fastText's arithmetic step by step: no contraction, as above.
             Extension("newsclean._langid_c", [str(Path("src", "newsclean", "_langid_c.pyx"))],
                       optional=True, extra_compile_args=["-O2", "-ffp-contract=off"])],
            build_dir=str(Path("build", "cython")),
            quiet=True,
        )
        return extensions
    except Exception as error:  # a failed translation must not fail the install
        print(f"newsclean: could not translate the classifier with Cython ({error}); "
              "installing the pure-Python one", file=sys.stderr)
        return []


setup(ext_modules=_compiled_modules())

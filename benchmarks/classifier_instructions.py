"""The plain-text classifier's work per dump, counted in CPU instructions (valgrind's callgrind).

Wall-clock time on a shared machine swings by a third between runs of one build; the
number of instructions a pass executes moves by about 1% (hash seed fixed). This counts them for
``strip_boilerplate(kind="text")`` over whole-page dumps: a child process runs one pass and
then three, under callgrind, and the difference over two is one steady pass (imports and
first-use tables excluded). Not part of `make bench` (it needs valgrind and takes minutes).

    python benchmarks/classifier_instructions.py [--data PATH] [--wcxb DIR] [--suite DIR]
        [--semeval DIR] [--pipeline]

``--pipeline`` counts the whole default pipeline instead (``clean(text, kind="text")``:
repair, boilerplate, language, line breaks, sentences), with regex's cache of compiled
patterns emptied before each pass, as a stream of new documents meets it (a pattern
compiled for one document's word is rarely asked again); ``--semeval DIR`` adds a sample
of real articles, SemEval-2022 Task 8's texts in ten languages and ECB+ dev's
(corpus_scale.real_corpus).

Corpora: the 181 benchmark dumps (development data), and where given a sample of WCXB's
held-out test split (pages of 2025 of every kind) and of trafilatura's evaluation suite
(many languages), both rendered to dumps as the shared ones were (realpages.dump_of). To
compare another build, run the script with its package first on PYTHONPATH (for example
an unpacked wheel of an older commit): the child inherits the environment.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import data_dir, table

_CHILD = """
import json, sys
import newsclean
dumps = json.load(open(sys.argv[1], encoding="utf-8"))
for _ in range(int(sys.argv[2])):
    for dump in dumps:
        newsclean.strip_boilerplate(dump, kind="text")
"""
_CHILD_PIPELINE = """
import json, sys
import regex
import newsclean
texts = json.load(open(sys.argv[1], encoding="utf-8"))
for _ in range(int(sys.argv[2])):
    regex.purge()
    for text in texts:
        try:
            newsclean.clean(text, kind="text")
        except newsclean.NewscleanError:
            pass
"""


def _instructions(path: Path, passes: int, child: str = _CHILD) -> int:
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "callgrind.out"
        done = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c", child,
             str(path), str(passes)],
            # A fixed hash seed: str hashes decide set and dict probing, which a count sees.
            capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    for line in done.stderr.splitlines():
        if "Collected :" in line:
            return int(line.rsplit(":", 1)[1].strip())
    raise RuntimeError(f"callgrind printed no total:\n{done.stderr[-2000:]}")


def per_dump(dumps: list[str], repeat: int, child: str = _CHILD) -> list[float]:
    """Instructions of one steady pass of strip_boilerplate over ``dumps``, per dump, once
    per ``repeat``: with the hash seed fixed, counts still differ by about 1% between runs
    of one build (allocation and collection follow addresses), so a change smaller than
    that spread is not told apart by one run."""
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "dumps.json"
        path.write_text(json.dumps(dumps), "utf-8")
        return [(_instructions(path, 3, child) - _instructions(path, 1, child)) / 2 / len(dumps) for _ in range(repeat)]


def _sample(pages: dict[str, bytes], size: int) -> list[str]:
    from realpages import dump_of

    keys = sorted(pages)
    step = max(1, len(keys) // size)
    return [dump_of(pages[key]) for key in keys[::step][:size]]


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--wcxb", default=os.environ.get("NEWSCLEAN_WCXB"), help="WCXB clone (test split sampled)")
    parser.add_argument("--suite", default=os.environ.get("NEWSCLEAN_TRAFILATURA_EVAL"),
                        help="trafilatura's tests/ folder (evaluation suite sampled)")
    parser.add_argument("--sample", type=int, default=200, help="pages drawn evenly from each larger corpus")
    parser.add_argument("--repeat", type=int, default=3, help="runs per corpus (median and range reported)")
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"),
                        help="SemEval-2022 Task 8's data folder: a sample of its articles and ECB+ dev's")
    parser.add_argument("--pipeline", action="store_true",
                        help="count the default pipeline (clean), regex's pattern cache emptied before each pass")
    args = parser.parse_args(argv)
    if shutil.which("valgrind") is None:
        print("SKIPPED classifier instructions: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return {}
    corpora: dict[str, list[str]] = {}
    folder = data_dir(args.data) / "article-extraction-benchmark" / "plain"
    if folder.is_dir():
        corpora["181 benchmark dumps (development)"] = [p.read_text("utf-8") for p in sorted(folder.glob("*.txt"))]
    if args.wcxb:
        from wcxb import load_split

        # the sample the counts were recorded on (it may hold pages the dev split has too)
        pages = load_split(Path(args.wcxb), "test", None, with_dev_pages=True)
        corpora[f"WCXB test split, {args.sample} of {len(pages)} pages (held out)"] = _sample(
            {k: p["html"] for k, p in pages.items()}, args.sample)
    if args.suite:
        from realpages import load_suite

        suite = load_suite(Path(args.suite))
        corpora[f"trafilatura's suite, {args.sample} of {len(suite)} pages (many languages)"] = _sample(
            {k: p["html"] for k, p in suite.items()}, args.sample)
    if args.semeval:
        from corpus_scale import real_corpus

        articles = [record["text"] for record in real_corpus(data_dir(args.data), Path(args.semeval))]
        step = max(1, len(articles) // args.sample)
        corpora[f"SemEval-2022 Task 8 and ECB+ dev articles, {args.sample} of {len(articles)}"] = \
            articles[::step][:args.sample]
    if not corpora:
        print("SKIPPED classifier instructions: no corpus found (pass --data, --wcxb or --suite)", file=sys.stderr)
        return {}
    child = _CHILD_PIPELINE if args.pipeline else _CHILD
    runs = {name: per_dump(dumps, args.repeat, child) for name, dumps in corpora.items()}
    results = {name: statistics.median(values) for name, values in runs.items()}
    import newsclean.boilerplate._classifier as classifier

    what = ("clean(kind='text'), regex's cache emptied before each pass" if args.pipeline
            else "strip_boilerplate(kind='text')")
    print(f"{what}, {classifier.BUILD} classifier, one steady pass, {args.repeat} runs\n")
    print(table(["corpus", "dumps", "instructions per dump (median)", "range"],
                [[name, len(corpora[name]), f"{results[name] / 1e6:,.2f}M",
                  f"{min(runs[name]) / 1e6:,.2f}-{max(runs[name]) / 1e6:,.2f}M"] for name in runs]))
    return results


if __name__ == "__main__":
    main()

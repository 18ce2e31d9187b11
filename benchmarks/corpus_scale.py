"""Corpus scale (issue #12): Dask against one process, and the per-document costs behind
the README's plan for 100 million documents.

1. Story dedup of ``--docs`` synthetic news articles (ECB+ dev and benchmark-page
   sentences recombined; default 10,000): in one process (``DuplicateIndex.add``), and with
   ``newsclean.dask.dedup`` on a ``distributed.LocalCluster`` of two worker processes
   started here. Both must give identical clusters; the ratio of their times is the Dask
   overhead on this machine (2 cores: the workers and the ordered assignment share them).
2. The ordered add's rate as the index grows (per block of the one-process run).
3. The command line on ``--cli-docs`` of the same records as JSONL (default 20,000):
   ``newsclean clean`` and ``newsclean dedup`` with ``--workers 2``, documents per second and
   the peak resident memory of the largest of its processes (``getrusage`` in a wrapper).
   With ``--semeval DIR`` (or ``NEWSCLEAN_SEMEVAL``: the ``data/`` folder of
   github.com/GeekDream-x/SemEval2022-Task8-TonyX, Apache-2.0), the same two commands on
   real articles as a multilingual corpus meets them: SemEval-2022 Task 8's distinct
   texts of 30 words or more in ten languages, then ECB+ dev's (5,313 in all).
4. Per-document costs, one process: cleaning (plain text), preparing for story dedup
   (terms, MinHash, meaning vector), the ordered add (candidates, re-check, cluster);
   the bytes a prepared document takes on the wire; the index's memory per document.
"""

from __future__ import annotations

import argparse
import gc
import os
import pickle
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, require, table

SEED = 20261129


def corpus(root: Path, n: int) -> list[dict[str, str]]:
    """News-like articles: 12-sentence runs of real report sentences, a quarter of them
    rewrites (a shuffled subset) of an earlier article, so that clusters exist."""
    import json

    rng = random.Random(SEED)
    texts = [json.loads(line)["text"] for line in (root / "ecbplus-dev" / "docs.jsonl").read_text("utf-8").splitlines()]
    sentences = [s.text for t in texts for s in newsclean.split_sentences(t, lang="en") if len(s.text) > 50]
    out: list[dict[str, str]] = []
    for i in range(n):
        if out and rng.random() < 0.25:
            base = rng.choice(out)["text"].split("  ")
            body = rng.sample(base, max(3, len(base) * 3 // 4))
        else:
            body = [rng.choice(sentences) for _ in range(12)]
        out.append({"id": f"d{i}", "text": "  ".join(body)})
    return out


def real_corpus(root: Path, semeval: Path) -> list[dict[str, str]]:
    """Real articles: SemEval-2022 Task 8's distinct texts (30 words or more; ten languages,
    read as its CSV files hold them, mojibake included) in file order, then ECB+ dev's."""
    import csv
    import json

    csv.field_size_limit(1 << 30)
    seen: set[str] = set()
    out: list[dict[str, str]] = []
    for name in ("training_set.csv", "testing_set.csv"):
        with (semeval / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                for text in (row["text1"], row["text2"]):
                    if text not in seen and len(text.split()) >= 30:
                        seen.add(text)
                        out.append({"id": f"s{len(out)}", "text": text})
    for line in (root / "ecbplus-dev" / "docs.jsonl").read_text("utf-8").splitlines():
        record = json.loads(line)
        out.append({"id": f"e{len(out)}", "text": record["text"], "title": record.get("title", "")})
    return out


def _cli_runs(records: list[dict[str, str]]) -> list[list[str]]:
    """``newsclean clean`` and ``newsclean dedup`` on the records, each in a fresh process;
    memory is the largest child's peak (ru_maxrss of the children, in KB on Linux)."""
    import json

    rows = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "in.jsonl"
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        for command in (["clean", str(source), "-o", str(Path(folder) / "out.jsonl.gz")],
                        ["dedup", str(source), "-o", str(Path(folder) / "kept.jsonl")]):
            # A wrapper process runs the command: its children's peak is that of the command
            # and its workers alone (this process's own children include the Dask workers).
            wrapper = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
                       "stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")
            start = time.perf_counter()
            peak_kb = int(subprocess.run([sys.executable, "-c", wrapper, sys.executable, "-m", "newsclean.cli",
                                          *command, "--workers", "2"], capture_output=True, text=True,
                                         check=True).stdout.split()[-1])
            seconds = time.perf_counter() - start
            rows.append([f"newsclean {command[0]}", f"{seconds:.1f}", f"{len(records) / seconds:,.0f}",
                         f"{peak_kb / 1024:,.0f} MB"])
    return rows


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--cli-docs", type=int, default=20_000)
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"),
                        help="SemEval-2022 Task 8's data folder: the command line on its real articles too")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    if not require(root / "ecbplus-dev", "corpus-scale benchmark"):
        return {}
    try:
        import dask.bag as db
        from distributed import Client, LocalCluster

        from newsclean import dask as ndask
    except ImportError:
        print("corpus_scale: newsclean[dask] not installed; skipped", file=sys.stderr)
        return {}
    records = corpus(root, args.docs)
    from newsclean.dedup.meaning import load_meaning

    load_meaning()
    # 1. one process: prepare every document, then the ordered add (what the one writer of
    # `newsclean dedup` does), each timed
    start = time.perf_counter()
    index = newsclean.DuplicateIndex(mode="story")
    documents = [ndask.to_document(record, position) for position, record in enumerate(records)]
    prepared_all = [index.prepare(doc) for doc in documents]
    prepare_seconds = time.perf_counter() - start
    block, block_start, block_rates = 2_500, time.perf_counter(), []
    for position, (doc, ready) in enumerate(zip(documents, prepared_all)):
        index.add_prepared(doc.id, ready)
        if (position + 1) % block == 0:
            now = time.perf_counter()
            block_rates.append([f"{position + 1 - block:,}-{position + 1:,}", f"{block / (now - block_start):,.0f}"])
            block_start = now
    one_process = time.perf_counter() - start
    add_seconds = one_process - prepare_seconds
    del prepared_all
    expected = index.clusters(min_size=1)
    start = time.perf_counter()
    refined = index.clusters(min_size=1, refine=True)  # what newsclean dedup lists by default
    refine_seconds = time.perf_counter() - start
    # The merge's read-only work shared with a forked process, as `newsclean dedup --workers 2` runs it.
    start = time.perf_counter()
    shared_refined = index.clusters(min_size=1, refine=True, workers=2)
    shared_refine_seconds = time.perf_counter() - start
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster):
        start = time.perf_counter()
        got = ndask.dedup(db.from_sequence(records, npartitions=16)).clusters(min_size=1)
        on_dask = time.perf_counter() - start
    identical = got == expected
    # 2. per-document costs
    sample = [ndask.to_document(r, i) for i, r in enumerate(records[:2000])]
    start = time.perf_counter()
    cleaned = [newsclean.clean(d.text, kind="text", lang="en") for d in sample]
    clean_ms = (time.perf_counter() - start) / len(sample) * 1000
    fresh = newsclean.DuplicateIndex(mode="story")
    start = time.perf_counter()
    prepared = [fresh.prepare(d) for d in sample]
    prepare_ms = (time.perf_counter() - start) / len(sample) * 1000
    wire = sum(len(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL)) for p in prepared) / len(prepared)
    start = time.perf_counter()
    for d, p in zip(sample, prepared):
        fresh.add_prepared(d.id, p)
    add_ms = (time.perf_counter() - start) / len(sample) * 1000
    # Memory on a second index: tracemalloc slows every allocation, and timed with it
    # the add read 0.70 ms instead of ~0.4.
    weighed = newsclean.DuplicateIndex(mode="story")
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    for d, p in zip(sample, prepared):
        weighed.add_prepared(d.id, p)
    memory = (tracemalloc.get_traced_memory()[0] - base) / len(sample)
    tracemalloc.stop()
    del cleaned
    cli_rows = _cli_runs(corpus(root, args.cli_docs)) if args.cli_docs > 0 else []
    real = real_corpus(root, Path(args.semeval)) if args.semeval else []
    real_rows = _cli_runs(real) if real else []
    rows = [["one process (DuplicateIndex.add)", f"{one_process:.1f}", f"{len(records) / one_process:,.0f}", "-"],
            ["newsclean.dask.dedup, LocalCluster of 2 worker processes", f"{on_dask:.1f}",
             f"{len(records) / on_dask:,.0f}", "yes" if identical else "NO"]]
    costs = [["clean (plain text, one document)", f"{clean_ms:.2f} ms"],
             ["prepare for story dedup (terms, MinHash 512, meaning vector)", f"{prepare_ms:.2f} ms"],
             ["ordered add (candidates, re-check, cluster assignment)", f"{add_ms:.2f} ms"],
             ["a prepared document on the wire (pickled)", f"{wire:,.0f} bytes"],
             ["index memory per document (story, in memory)", f"{memory:,.0f} bytes"]]
    markdown = "\n\n".join([
        f"### Story dedup of {len(records):,} synthetic articles: one process and Dask",
        table(["run", "seconds", "docs/s", "identical clusters"], rows),
        f"Dask / one process: {on_dask / one_process:.2f}x the time (2 cores shared by the two workers and the "
        "ordered assignment).",
        f"One process over all {len(records):,}: prepare {prepare_seconds / len(records) * 1000:.2f} ms a "
        f"document, the ordered add {add_seconds / len(records) * 1000:.2f} ms a document.",
        f"Refinement (`clusters(refine=True)`, one process): {refine_seconds:.1f} s, "
        f"{refine_seconds / len(records) * 1000:.2f} ms a document; {len(expected):,} clusters online, "
        f"{len(refined):,} refined. The same with the merge's votes and first average links shared with a "
        f"forked process (`clusters(refine=True, workers=2)`): {shared_refine_seconds:.1f} s, "
        f"{'the same' if shared_refined == refined else 'OTHER'} clusters.",
        "### Ordered adds per second as the index grows (one process, prepared documents; this corpus is "
        "dense: recombined sentences of one pool, each document shares sentences with hundreds of others)",
        table(["documents", "adds/s"], block_rates),
        f"### The command line on {args.cli_docs:,} JSONL records, --workers 2",
        table(["command", "seconds", "docs/s", "peak RSS of the largest process"], cli_rows),
        *([f"### The command line on {len(real):,} real articles in ten languages (SemEval-2022 Task 8, ECB+ dev), "
           "--workers 2",
           table(["command", "seconds", "docs/s", "peak RSS of the largest process"], real_rows)] if real_rows else []),
        "### Per-document costs (one process, 2,000 documents)",
        table(["cost", "per document"], costs),
    ])
    print(markdown)
    return {"one_process_s": one_process, "dask_s": on_dask, "refine_s": refine_seconds, "identical": identical,
            "shared_refine_s": shared_refine_seconds, "shared_refine_identical": shared_refined == refined,
            "add_at_scale_ms": add_seconds / len(records) * 1000, "clean_ms": clean_ms,
            "prepare_ms": prepare_ms, "add_ms": add_ms, "wire_bytes": wire, "memory_bytes": memory,
            "markdown": markdown}


if __name__ == "__main__":
    main()

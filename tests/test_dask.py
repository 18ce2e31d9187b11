"""newsclean.dask: the same clusters as one process, on a real two-worker LocalCluster."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("distributed", reason="newsclean[dask] is not installed")

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import wordfreq
from distributed import Client, LocalCluster

import newsclean
from newsclean import dask as ndask

# distributed's clusters leave sockets to the garbage collector when they stop; that is
# theirs to fix, and not what these tests are about.
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    # Two worker processes, started and stopped here: a real cluster, not threads.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster, \
            Client(cluster) as dask_client:
        yield dask_client


def _stories(seed: int = 7, stories: int = 12, per_story: int = 5) -> list[dict[str, Any]]:
    """Reports of made-up stories: each shares a set of rare words and differs in the rest."""
    rng = random.Random(seed)
    words = [w for w in wordfreq.top_n_list("en", 20000)[3000:] if w.isalpha()]
    common = wordfreq.top_n_list("en", 300)
    records = []
    for s in range(stories):
        core = rng.sample(words, 25)
        for r in range(per_story):
            body = core[: 15 + r] + rng.sample(words, 10) + rng.sample(common, 40)
            rng.shuffle(body)
            records.append({"id": f"s{s}-r{r}", "text": " ".join(body) + ".", "title": " ".join(core[:5]),
                            "source": f"feed-{r}"})
    rng.shuffle(records)
    return records


def _in_process(records: list[dict[str, Any]], mode: str) -> list[newsclean.Cluster]:
    index = newsclean.DuplicateIndex(mode=mode)
    for position, record in enumerate(records):
        doc = ndask.to_document(record, position)
        index.add(doc.id, doc)
    return index.clusters(min_size=1)


@pytest.mark.parametrize("mode", ["story", "copy"])
def test_dask_dedup_gives_the_in_process_clusters(client: Client, mode: str) -> None:
    records = _stories()
    bag = db.from_sequence(records, npartitions=4)
    clusters = ndask.dedup(bag, mode=mode).clusters(min_size=1)
    assert clusters == _in_process(records, mode)
    assert any(len(c.ids) > 1 for c in clusters) or mode == "copy"


def test_dask_dedup_takes_a_time_window(client: Client) -> None:
    # newsclean.dask.dedup had no window_days: dated reports years apart shared a story.
    body = "The council approved the new budget on Monday after a long debate over school funding and roads. " * 3
    records = [{"id": "a", "text": body + "One.", "date": "2008-03-01"},
               {"id": "b", "text": body + "Two.", "date": "2012-03-01"}]
    bag = db.from_sequence(records, npartitions=2)
    assert [c.ids for c in ndask.dedup(bag).clusters()] == [("a", "b")]
    assert ndask.dedup(bag, window_days=30).clusters() == []


def test_dask_dedup_on_a_dataframe(client: Client) -> None:
    records = _stories(seed=3, stories=5)
    frame = dd.from_pandas(pd.DataFrame(records), npartitions=3)
    assert ndask.dedup(frame).clusters(min_size=1) == _in_process(records, "story")


def test_dask_clean_passes_fields_through_and_keeps_a_bad_record(client: Client) -> None:
    records = [{"id": "a", "text": "The council met on Monday. It approved the budget.", "url": "https://x.org/a"},
               {"id": "b", "text": None, "url": "https://x.org/b"}]
    out = ndask.clean(db.from_sequence(records, npartitions=2)).compute()
    assert [r["url"] for r in out] == ["https://x.org/a", "https://x.org/b"]
    text = out[0]["text"]
    assert [text[a:b] for a, b in out[0]["sentences"]] == ["The council met on Monday.", "It approved the budget."]
    assert "error" in out[1] and "error" not in out[0]


def test_dask_clean_reads_title_url_and_date_and_keeps_every_input_field(client: Client) -> None:
    # The Dask API had written the cleaned document's empty title over the record's, and
    # its meta over the record's own "meta"; the command line read title, url and date.
    records = [{"id": "a", "title": "Council passes budget", "date": "Nov 18, 2019",
                "text": "The council met on Monday. It approved the budget.", "meta": {"pile_set_name": "Pile-CC"}}]
    out = ndask.clean(db.from_sequence(records, npartitions=1)).compute()
    assert out[0]["title"] == "Council passes budget"
    assert out[0]["input_meta"] == {"pile_set_name": "Pile-CC"}
    assert out[0]["meta"]["date"] == "2019-11-18" and out[0]["meta"]["date_source"] == "input"


def test_dask_clean_decodes_a_binary_text_field(client: Client) -> None:
    # A binary column (crawled HTML kept undecoded) was an error record "not text".
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café: the council met on Monday.</p></body></html>'
    records = [{"id": "a", "text": page.encode("cp1252")}]
    (out,) = ndask.clean(db.from_sequence(records, npartitions=1)).compute()
    assert "error" not in out and out["text"] == "Café: the council met on Monday."


def test_dask_dedup_refuses_repeated_ids(client: Client) -> None:
    records = [{"id": "a", "text": "one " * 40}, {"id": "a", "text": "two " * 40}]
    with pytest.raises(newsclean.InputError):
        ndask.dedup(db.from_sequence(records, npartitions=2))


def test_dask_story_clusters_match_on_ecbplus_and_the_benchmark_pages(client: Client, shared_data: Path) -> None:
    records = [json.loads(line) for line in (shared_data / "ecbplus-dev" / "docs.jsonl").read_text("utf-8").splitlines()]
    truth = json.loads((shared_data / "article-extraction-benchmark" / "ground-truth.json").read_text("utf-8"))
    records += [{"id": key, "text": value["articleBody"], "title": value.get("title") or ""}
                for key, value in sorted(truth.items())]
    records = [{k: r[k] for k in ("id", "text", "title", "date") if k in r} for r in records]
    clusters = ndask.dedup(db.from_sequence(records, npartitions=8)).clusters(min_size=1)
    assert clusters == _in_process(records, "story")
    assert sum(len(c.ids) for c in clusters) == len(records)


@pytest.mark.parametrize("command", ["clean", "dedup"])
def test_cli_engine_dask_writes_what_the_process_engine_writes(tmp_path: Path, command: str) -> None:
    from newsclean.cli import main

    records = _stories(seed=11, stories=6)
    records.append({"id": "bad", "text": 42})  # an error record must survive both engines
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    outputs = []
    for engine in ("processes", "dask"):
        out = tmp_path / f"{engine}.jsonl"
        extra = ["--annotate"] if command == "dedup" else []
        code = main([command, str(source), "-o", str(out), "--workers", "2", "--engine", engine, *extra])
        assert code == 1  # one document failed, and said so
        outputs.append(out.read_text(encoding="utf-8"))
    assert outputs[0] == outputs[1]
    assert len(outputs[0].splitlines()) == len(records)

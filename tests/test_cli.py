"""The newsclean command: clean, dedup, demo; exit codes; atomic output."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from newsclean.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


def test_clean_writes_one_json_object_per_document(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(SEEDS), "-o", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(records) == 2
    first = records[1]
    assert first["title"].startswith("FT: European coalition")
    assert {"id", "title", "text", "sentences", "removed", "meta"} <= first.keys()
    start, end = first["sentences"][0]
    assert first["text"][start:end].startswith("The coalition of European countries")
    assert {"text": "Views: 119", "reason": "counter", "stage": "boilerplate"} in first["removed"]


def test_clean_reads_jsonl_and_records_bad_lines_with_exit_code_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "The council met on Monday. It voted."}) + "\n"
                      + "{not json\n" + json.dumps({"id": "c", "html": "<p>Hello there, world.</p><p>Again.</p>"}) + "\n"
                      + json.dumps({"id": "d", "body": "no text field"}) + "\n")
    code = main(["clean", str(source)])
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert code == 1
    assert [r["id"] for r in lines] == ["a", f"{source}:2", "c", "d"]
    assert "error" in lines[1] and "not JSON" in lines[1]["error"]["message"]
    assert "error" in lines[3] and "'text' or 'html'" in lines[3]["error"]["message"]
    assert lines[0]["text"] == "The council met on Monday. It voted."


def test_the_summary_counts_documents_left_without_text_by_reason(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    # A corpus's bot checks and ad blockers' walls come out as records with no text; the
    # summary line said only how many documents were read.
    wall = "State Lottery\nWe noticed you're blocking ads!\n\nKeep supporting local journalism by turning off " \
           "your ad blocker. Or buy a subscription for unlimited access."
    article = "The city council approved the new budget on Monday after a debate that lasted late into the " \
              "evening, officials said. It raises spending on parks and holds property taxes."
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in (("w", wall), ("a", article))))
    for command in (["clean", str(source)], ["clean", str(source), "-o", str(tmp_path / "out.jsonl")],
                    ["dedup", str(source), "-o", str(tmp_path / "kept.jsonl")]):
        assert main(command) == 0
        assert "1 with no text left (1 the page is a bot check or an ad blocker's wall" in capsys.readouterr().err


def test_missing_path_is_a_usage_error() -> None:
    assert main(["clean", "/no/such/path"]) == 2


def test_bad_option_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as info:
        main(["dedup", str(SEEDS), "--mode", "fuzzy"])
    assert info.value.code == 2


def test_output_is_written_atomically_and_not_left_half_written(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text("previous\n")
    assert main(["clean", str(SEEDS), "-o", str(out)]) == 0
    assert "previous" not in out.read_text()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.jsonl.")]


def test_dedup_reports_one_story_cluster_for_the_seeds(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["dedup", str(SEEDS), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report["clusters"]) == 1 and len(report["clusters"][0]["ids"]) == 2
    assert main(["dedup", str(SEEDS), "--mode", "copy"]) == 0
    assert capsys.readouterr().out.startswith("0 copy cluster(s)")


def test_dedup_does_not_split_sentences_it_never_writes(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    # dedup writes records and clusters, and the story features never read sentences:
    # splitting them cost ~8% of a dedup worker's time for nothing.
    import newsclean.segment

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("dedup split sentences")

    monkeypatch.setattr(newsclean.segment, "split_sentences", refuse)
    assert main(["dedup", str(SEEDS), "--json"]) == 0
    assert len(json.loads(capsys.readouterr().out)["clusters"]) == 1


def test_dedup_shows_how_far_refinement_is_on_a_terminal(monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    # After the input, refinement ran for minutes on a large corpus with no output at all.
    import io

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["dedup", str(SEEDS), "--json"]) == 0
    shown = terminal.getvalue()
    assert "dedup: refining, pass 1: 2 of 2 reports" in shown
    assert "dedup: refining, merge: 2 of 2 reports" in shown
    assert json.loads(capsys.readouterr().out)["clusters"]


def test_stdin_is_a_document(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "newsclean.cli", "clean", "-"], input=b"Hello there. General Kenobi.",
                            capture_output=True, check=True)
    record = json.loads(result.stdout)
    assert record["id"] == "stdin" and len(record["sentences"]) == 2


def test_demo_says_the_seeds_report_the_same_story(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", str(SEEDS)]) == 0
    out = capsys.readouterr().out
    assert "SAME STORY" in out and "not a copy" in out
    assert "[counter] 'Views: 119'" in out


def test_a_lone_surrogate_in_a_jsonl_record_does_not_abort_the_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a\\ud800", "text": "Hello \\ud800 world. The council met today."}\n'
                      '{"id": "b", "text": "Another article here."}\n')
    assert main(["clean", str(source)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records] == ["a\ufffd", "b"]
    assert "\ufffd" in records[0]["text"]


def test_a_jsonl_line_in_windows_1252_is_read_not_lost(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Regression (session 72): a record written in Windows-1252, as exports in the wild
    write them, was an error record ("not JSON: 'utf-8' codec can't decode"); it is read
    in the encoding its bytes fit, and its meta says so. A line that is not JSON at all
    is still an error record."""
    source = tmp_path / "in.jsonl"
    text = "Caf\u00e9 owners said the council\u2019s plan was fine."
    source.write_bytes((json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n").encode("utf-8")
                       + (json.dumps({"id": "b", "text": text}, ensure_ascii=False) + "\n").encode("cp1252")
                       + b'{"id": "c", "text": \xe9\n')
    assert main(["clean", str(source)]) == 1
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in records[:2]] == ["a", "b"] and records[0]["text"] == records[1]["text"]
    assert "record_note" not in records[0]["meta"]
    assert records[1]["meta"]["record_note"].startswith("line 2 is not UTF-8: read as")
    assert "is not JSON" in records[2]["error"]["message"]


def test_dedup_keeps_documents_whose_ids_repeat(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = "The council approved the new budget on Monday after a long debate about roads and schools. " * 4
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": 42, "text": text}) + "\n")
    (tmp_path / "b.jsonl").write_text(json.dumps({"id": "42", "text": text + " Updated."}) + "\n")
    assert main(["dedup", str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl"), "--mode", "copy", "--json"]) == 0
    captured = capsys.readouterr()
    report = json.loads(captured.out)
    assert [c["ids"] for c in report["clusters"]] == [["42", "42#2"]]
    assert "repeats" in captured.err


def test_binary_files_are_error_records_not_garbage(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 50)
    assert main(["clean", str(binary)]) == 1
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "binary" in record["error"]["message"]


def test_a_page_with_a_stray_nul_is_cleaned_while_data_without_magic_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import random

    page = tmp_path / "page.html"
    page.write_bytes(b"<html><body><article><p>" + b"The council met today and voted on the budget. " * 12
                     + b"\x00</p></article></body></html>")
    data = tmp_path / "data.txt"
    data.write_bytes(random.Random(0).randbytes(8000))  # no magic number, one byte in eight a control
    assert main(["clean", str(page), str(data)]) == 1
    cleaned, refused = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "error" not in cleaned and cleaned["text"].startswith("The council met today")
    assert "\x00" not in cleaned["text"]
    assert "binary" in refused["error"]["message"]


def _exit_code(argv: list[str]) -> int:
    try:
        return main(argv)
    except SystemExit as stop:  # argparse's own usage errors
        return int(stop.code or 0)


@pytest.mark.parametrize("argv", [["clean", "EMPTY"], ["clean", "seeds", "missing.txt"], ["clean", "--workers", "0", "seeds"],
                                  ["dedup", "--threshold", "2", "seeds"]])
def test_usage_errors_exit_2_before_any_work(argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "EMPTY").mkdir()
    argv = [str(tmp_path / "EMPTY") if a == "EMPTY" else str(SEEDS) if a == "seeds" else a for a in argv]
    assert _exit_code(argv) == 2
    assert capsys.readouterr().out == ""  # nothing was cleaned before the error


def test_dedup_join_threshold_is_an_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The library had join_threshold; the command had no way to set it or turn it off.
    quake = ("Rescuers in Lake County searched the rubble on Sunday after the magnitude 6.1 earthquake hit "
             "Clearlake, and Governor Brown declared an emergency as aftershocks shook the valley and damaged "
             "wineries near Napa. ") * 2
    fire = ("Firefighters in Sonoma battled a wildfire on Monday that destroyed homes near Santa Rosa, while "
            "officials ordered evacuations and utility crews cut power across the county to thousands of customers. ")
    mixed = " ".join(quake.split()[:15] + (fire * 2).split()[:40])  # 0.46 alike: short of the join rule
    data = tmp_path / "two.jsonl"
    data.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in (("a", quake), ("b", mixed))))

    def clusters(*options: str) -> tuple[list[list[str]], object]:
        assert main(["dedup", "--json", "--no-refine", "--lang", "en", *options, str(data)]) == 0
        shown = json.loads(capsys.readouterr().out)
        return [c["ids"] for c in shown["clusters"]], shown["join_threshold"]

    assert clusters() == ([], 0.48)
    assert clusters("--join-threshold", "off") == ([["a", "b"]], None)
    assert clusters("--join-threshold", "0.4", "--cluster-threshold", "0.42") == ([["a", "b"]], 0.4)
    assert _exit_code(["dedup", "--join-threshold", "1.5", str(data)]) == 2


def test_version_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("newsclean ")


def test_a_decompression_bomb_is_refused_at_the_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import gzip

    bomb = tmp_path / "bomb.txt.gz"
    with gzip.open(bomb, "wb") as handle:
        for _ in range(64):
            handle.write(b" " * (1 << 20))  # 64 MB of spaces, ~64 KB on disk
    assert main(["clean", str(bomb), "--max-bytes", "1000000"]) == 1
    (record,) = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert "max_bytes" in record["error"]["message"]


def _feed(tmp_path: Path) -> Path:
    story = ("A magnitude 6.0 earthquake struck near Napa, California, early on Sunday, injuring dozens, "
             "damaging historic buildings and leaving thousands without power, officials said. ") * 3
    other = ("The city council of Springfield approved the new school budget on Monday after a long debate "
             "about teachers, roads and the property tax increase proposed by the mayor. ") * 3
    source = tmp_path / "feed.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "text": story, "url": "https://a.example/napa", "date": "2014-08-24", "extra": {"k": 1}},
        {"id": "b", "text": story + " Aftershocks followed.", "url": "https://b.example/quake"},
        {"id": "c", "text": other, "url": "https://c.example/budget"},
        {"id": "d", "body": "no text"},
    ]))
    return source


def test_dedup_output_keeps_one_document_per_cluster_with_every_field(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    kept = tmp_path / "kept.jsonl"
    assert main(["dedup", str(_feed(tmp_path)), "-o", str(kept), "--mode", "copy"]) == 1  # d is an error record
    records = [json.loads(line) for line in kept.read_text().splitlines()]
    by_id = {r["id"]: r for r in records}
    assert set(by_id) == {"b", "c", "d"}  # b: the longer copy represents {a, b}; d: its error record
    assert by_id["b"]["cluster_size"] == 2 and by_id["b"]["cluster_id"] == "a"
    assert by_id["b"]["url"] == "https://b.example/quake" and by_id["b"]["text"].endswith("Aftershocks followed.")
    assert "error" in by_id["d"]
    assert "4 documents, 2 clusters, 2 kept, 1 failed" in capsys.readouterr().err


def test_dedup_annotate_writes_every_document_with_its_cluster(tmp_path: Path) -> None:
    out = tmp_path / "all.jsonl"
    main(["dedup", str(_feed(tmp_path)), "-o", str(out), "--annotate", "--mode", "copy"])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in records] == ["a", "b", "c", "d"]
    assert [r.get("cluster_id") for r in records] == ["a", "a", "c", None]
    assert records[0]["extra"] == {"k": 1} and records[0]["date"] == "2014-08-24"


def test_output_dash_is_standard_output_not_a_file_named_dash(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # "-o -" had written a file named "-" in the working directory and nothing to stdout.
    monkeypatch.chdir(tmp_path)
    feed = _feed(tmp_path)
    assert main(["clean", str(SEEDS), "-o", "-"]) == 0
    assert [json.loads(line)["title"][:3] for line in capsys.readouterr().out.splitlines()] == ["Dee", "FT:"]
    main(["dedup", str(feed), "-o", "-", "--annotate", "--mode", "copy"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r.get("cluster_id") for r in records] == ["a", "a", "c", None]
    assert not (tmp_path / "-").exists()


def test_dedup_output_names_every_cluster_id_a_record_carries(tmp_path: Path) -> None:
    # A record without an id, or with an id seen before, was indexed under an id that no
    # written record carried, and a cluster could be named by it.
    text = "The council approved the new budget for schools and roads on Monday after a long debate. " * 3
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in [
        {"text": text}, {"id": "a", "text": text + " Later."}, {"id": "a", "text": "Other news " * 40}]))
    out = tmp_path / "all.jsonl"
    main(["dedup", str(source), "-o", str(out), "--annotate", "--mode", "copy"])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    named = {r.get("index_id", r.get("id")) for r in records}
    assert {r["cluster_id"] for r in records} <= named
    assert records[0]["id"] == f"{source}:1" and "index_id" not in records[1]
    assert records[2]["id"] == "a" and records[2]["index_id"] == "a#2"


def test_dedup_annotating_an_annotated_output_keeps_its_old_clusters(tmp_path: Path) -> None:
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    main(["dedup", str(_feed(tmp_path)), "-o", str(first), "--annotate", "--mode", "copy"])
    main(["dedup", str(first), "-o", str(second), "--annotate", "--mode", "copy"])
    records = [json.loads(line) for line in second.read_text().splitlines()]
    assert [r.get("input_cluster_id") for r in records[:3]] == ["a", "a", "c"]
    assert [r.get("cluster_id") for r in records[:3]] == ["a", "a", "c"]


def test_dedup_reads_the_url_a_corpus_keeps_in_its_records_meta(tmp_path: Path) -> None:
    # RedPajama keeps a record's url in "meta", Dolma and datatrove in "metadata": read
    # only at the top level, two crawls of one page were two documents.
    budget = "The council approved the new budget on Monday after a long debate about schools and roads. " * 8
    quake = "A strong earthquake shook the coast on Sunday, and residents reported broken windows. " * 8
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": budget, "meta": {"url": "https://www.x.org/p?utm_source=t"}})
                      + "\n" + json.dumps({"id": "b", "text": quake, "metadata": {"url": "http://x.org/p"}}) + "\n")
    out = tmp_path / "out.jsonl"
    main(["dedup", str(source), "-o", str(out), "--annotate"])
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["cluster_id"] for r in records] == ["a", "a"]
    assert records[0]["meta"] == {"url": "https://www.x.org/p?utm_source=t"}  # and the record passes through


def test_clean_passes_every_input_field_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["clean", str(_feed(tmp_path))])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["url"] == "https://a.example/napa" and records[0]["extra"] == {"k": 1}
    assert records[0]["meta"]["date"] == "2014-08-24" and records[0]["meta"]["date_source"] == "input"
    assert records[3]["body"] == "no text" and "error" in records[3]


def test_clean_passes_through_every_field_but_the_configured_text_one(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    # The field read as the text is replaced by the cleaned text, whatever its name; a
    # record whose text field is no string keeps it in its error record, to show why.
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "body": "The council met on Monday. It voted.", "src": "x"}) + "\n"
                      + json.dumps({"id": "b", "body": 42, "src": "y"}) + "\n"
                      + json.dumps({"id": "c", "text": None, "src": "z"}) + "\n")
    main(["clean", str(source), "--text-field", "body"])
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert records[0]["text"] == "The council met on Monday. It voted." and "body" not in records[0]
    assert records[0]["src"] == "x"
    assert records[1]["body"] == 42 and records[1]["src"] == "y" and "error" in records[1]
    assert records[2]["text"] is None and records[2]["src"] == "z" and "error" in records[2]


def test_clean_keeps_input_fields_that_newsclean_writes_too_beside_its_own(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    # The Pile's and RedPajama's records carry a "meta" of their own: newsclean's meta had
    # overwritten it (and an input "sentences" or "error" likewise), silently.
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"doc": "a", "id": "A-1", "text": "The council met on Monday. It voted.",
                                  "meta": {"pile_set_name": "Pile-CC"}, "sentences": 2}) + "\n"
                      + json.dumps({"doc": "b", "text": 42, "error": "crawler: timeout"}) + "\n")
    main(["clean", str(source), "--id-field", "doc"])
    first, second = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert first["input_meta"] == {"pile_set_name": "Pile-CC"} and first["meta"]["lang"] == "en"
    assert first["input_sentences"] == 2 and first["sentences"] == [[0, 26], [27, 36]]
    assert first["input_id"] == "A-1" and first["id"] == "a" and first["doc"] == "a"
    assert second["input_error"] == "crawler: timeout" and "text" in second["error"]["message"]


def test_a_record_field_newsclean_cannot_read_is_kept_and_a_date_must_be_a_day(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: a title that was no string (5, ["x"]) was written over by the empty title
    # and lost from the output, and "2020-02-30T25:00:00Z" became the document's date.
    source = tmp_path / "in.jsonl"
    body = "The council met on Monday. It voted."
    source.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "a", "title": 5, "text": body}, {"id": "b", "title": ["x"], "text": body, "date": "2020-02-30T25:00Z"},
        {"id": "c", "title": "Budget passes", "text": body, "date": "2020-02-29T10:00Z"}]))
    main(["clean", str(source)])
    first, second, third = (json.loads(line) for line in capsys.readouterr().out.splitlines())
    assert (first["input_title"], first["title"]) == (5, "") and second["input_title"] == ["x"]
    assert "date" not in second["meta"] and second["date"] == "2020-02-30T25:00Z"
    assert third["title"] == "Budget passes" and "input_title" not in third and third["meta"]["date"] == "2020-02-29"


@pytest.mark.parametrize(("second_date", "noted"), [("2008-02-20", False), ("2011-03-01", True)])
def test_dedup_says_when_dated_reports_span_more_than_a_season_and_no_window_is_set(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], second_date: str, noted: bool) -> None:
    # Held out, MEANTIME's topic corpora of 2005-2013: without a window, 97 of 120 distinct
    # Wikinews stories shared clusters (two iPhone launches years apart); nothing said so.
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "date": date, "text": f"Report {i}. The council met."}) + "\n"
                              for i, date in enumerate(["2008-01-02", second_date])))
    main(["dedup", str(source)])
    assert ("--window-days" in capsys.readouterr().err) is noted
    main(["dedup", str(source), "--window-days", "30"])
    assert "--window-days" not in capsys.readouterr().err


def test_an_output_that_is_an_input_is_refused_and_one_inside_an_input_directory_is_warned_of(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Before: `clean in.jsonl -o in.jsonl` replaced the corpus with its cleaned records.
    source = tmp_path / "in.jsonl"
    original = json.dumps({"id": "a", "text": "The council met on Monday."}) + "\n"
    source.write_text(original)
    for command in ("clean", "dedup"):
        assert main([command, str(source), "-o", str(tmp_path / "." / "in.jsonl")]) == 2
        assert "is the input" in capsys.readouterr().err and source.read_text() == original
    assert main(["clean", str(tmp_path), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert "inside the input directory" in capsys.readouterr().err


def _shard_records(folder: Path) -> list[dict]:
    import gzip

    manifest = json.loads((folder / "manifest.json").read_text())
    records = []
    for shard in manifest["shards"]:
        with gzip.open(folder / shard["name"], "rt", encoding="utf-8") as handle:
            records += [json.loads(line) for line in handle]
    return records


def test_clean_to_a_directory_writes_shards_that_resume_after_a_crash(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"id": f"d{i}", "text": f"Report {i}. The council met on Monday.",
                                          "url": f"https://x.org/{i}"}) + "\n" for i in range(25)), encoding="utf-8")
    single = tmp_path / "single.jsonl"
    assert main(["clean", str(source), "-o", str(single)]) == 0
    expected = [json.loads(line) for line in single.read_text().splitlines()]
    folder = tmp_path / "out"
    assert main(["clean", str(source), "-o", f"{folder}/", "--shard-size", "10"]) == 0
    assert sorted(p.name for p in folder.iterdir()) == ["manifest.json", "part-00000.jsonl.gz",
                                                       "part-00001.jsonl.gz", "part-00002.jsonl.gz"]
    assert _shard_records(folder) == expected
    # A crash after the first shard: the manifest lists it alone, a half-written shard
    # is left as a temporary file. The run again keeps the first shard and writes the rest.
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["shards"], manifest["complete"] = manifest["shards"][:1], False
    (folder / "manifest.json").write_text(json.dumps(manifest))
    for name in ("part-00001.jsonl.gz", "part-00002.jsonl.gz"):
        (folder / name).unlink()
    (folder / ".part-00001.jsonl.gz.newsclean-tmp.99999.x").write_text("half")
    first = (folder / "part-00000.jsonl.gz").stat().st_mtime_ns
    assert main(["clean", str(source), "-o", str(folder), "--shard-size", "10"]) == 0
    assert (folder / "part-00000.jsonl.gz").stat().st_mtime_ns == first  # not redone
    assert _shard_records(folder) == expected
    assert json.loads((folder / "manifest.json").read_text())["complete"] is True
    assert not list(folder.glob(".*newsclean-tmp*"))  # the dead run's half shard is gone


def test_a_shard_directory_of_another_job_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "The council met on Monday."}) + "\n", encoding="utf-8")
    folder = tmp_path / "out"
    assert main(["clean", str(source), "-o", f"{folder}/"]) == 0
    assert main(["clean", str(source), "-o", f"{folder}/", "--kind", "html"]) == 2
    assert "another job" in capsys.readouterr().err


def test_a_directory_with_shards_but_no_manifest_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "The council met on Monday."}) + "\n", encoding="utf-8")
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "part-00000.jsonl.gz").write_bytes(b"")
    assert main(["clean", str(source), "-o", str(folder)]) == 2
    assert "no manifest" in capsys.readouterr().err
    assert main(["clean", "-", "-o", str(tmp_path / "other") + "/"]) == 2  # standard input cannot resume


def test_clean_no_vote_leaves_the_line_vote_out(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Budget</title></head><body><div><h1>Budget</h1>"
                    + "".join(f"<p>The council approved the new budget on Monday after debate number {i}.</p>"
                              for i in range(4)) + "</div></body></html>", "utf-8")
    voted, alone = tmp_path / "voted.jsonl", tmp_path / "alone.jsonl"
    assert main(["clean", str(page), "-o", str(voted)]) == 0
    assert main(["clean", str(page), "--no-vote", "-o", str(alone)]) == 0
    assert json.loads(voted.read_text())["meta"]["vote_added"] == 0
    record = json.loads(alone.read_text())
    assert "vote_added" not in record["meta"] and record["text"].startswith("The council approved")


def test_clean_no_whole_page_leaves_the_page_kind_gate_out(tmp_path: Path) -> None:
    cases = json.loads((Path(__file__).parent / "cases" / "page_kind.json").read_text("utf-8"))
    dump = tmp_path / "listing.txt"
    dump.write_text(cases["listing"]["dump"], "utf-8")
    gated, block = tmp_path / "gated.jsonl", tmp_path / "block.jsonl"
    assert main(["clean", str(dump), "-o", str(gated)]) == 0
    assert main(["clean", str(dump), "--no-whole-page", "-o", str(block)]) == 0
    assert json.loads(gated.read_text())["meta"]["whole_page"] > 0
    record = json.loads(block.read_text())
    assert "whole_page" not in record["meta"]
    assert len(record["text"]) < len(json.loads(gated.read_text())["text"])

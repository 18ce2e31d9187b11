"""Corpus formats: records in JSONL, NDJSON, JSON, Parquet, compressed or not, and standard input."""

from __future__ import annotations

import gzip
import io
import json
import math
import sys
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import given, settings
from tests.strategies import csv_tables, table_rows

from newsclean.cli import main
from newsclean.io import InputProgress, RecordFields, RecordWriter, iter_inputs

RECORDS = [
    {"id": "a", "text": "The council met on Monday. It voted for the budget.", "url": "https://x.example/a", "n": 1},
    {"id": 2, "text": "Another report arrived later. It was short.", "tags": ["x", "y"]},
    {"body": "no text field here"},
]


def _jsonl(records: list[dict[str, object]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


def _write(path: Path, data: bytes) -> Path:
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".zst":
        zstandard = pytest.importorskip("zstandard")
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("name", ["in.jsonl", "in.ndjson", "in.json", "in.jsonl.gz", "in.jsonl.zst", "in.ndjson.gz"])
def test_record_files_in_every_format_give_the_same_items(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / name, _jsonl(RECORDS))
    items = list(iter_inputs([str(path)]))
    assert [i.id for i in items] == ["a", "2", f"{path}:3"]
    assert items[0].fields["url"] == "https://x.example/a" and items[1].fields["tags"] == ["x", "y"]
    assert items[2].error and "no 'text'" in items[2].error



# CSV as spreadsheets write it: a quoted field over two lines with a comma and doubled
# quotes, an empty cell, a surplus value, a column past the text.
CSV_TEXT = ('id,title,text,section\r\n'
            'a,Budget,"The council met on Monday.\nIt voted, at last, for the ""new"" budget.",city\r\n'
            'b,Empty,,city\r\n'
            'c,Long,"Another report arrived later.",world,SURPLUS\r\n')


@pytest.mark.parametrize(("name", "encoding", "delimiter"), [
    ("in.csv", "utf-8", ","), ("in.csv", "utf-8-sig", ","), ("in.csv", "cp1252", ","), ("in.csv", "utf-8", ";"),
    ("in.tsv", "utf-8", "\t"), ("in.csv.gz", "utf-8", ","), ("in.csv.zst", "utf-8", ","),
    # a spreadsheet's "Unicode text" export, its byte-order mark read, not the first column's name
    ("in.tsv", "utf-16", "\t"), ("in.csv", "utf-32", ","),
])
def test_csv_rows_are_records(tmp_path: Path, name: str, encoding: str, delimiter: str) -> None:
    # Before: a .csv file was read as one plain-text document (its header and every row)
    # and skipped in a directory, though news datasets are often spreadsheet exports.
    text = CSV_TEXT.replace(",", delimiter) if delimiter != "," else CSV_TEXT
    if delimiter != ",":  # the comma inside the quoted text stays a comma
        text = text.replace(f"Monday.\nIt voted{delimiter} at last{delimiter}", "Monday.\nIt voted, at last,")
    text = text.replace("Another", "Ânother") if encoding == "cp1252" else text
    _write(tmp_path / name, text.encode(encoding))
    items = list(iter_inputs([str(tmp_path)]))  # found in a directory too
    assert [i.id for i in items] == ["a", "b", "c"] and not any(i.error for i in items)
    assert items[0].source == 'The council met on Monday.\nIt voted, at last, for the "new" budget.'
    assert items[0].fields == {"id": "a", "title": "Budget", "text": items[0].source, "section": "city"}
    assert items[1].source == "" and items[1].fields["section"] == "city"
    assert items[2].source == ("Ânother" if encoding == "cp1252" else "Another") + " report arrived later."
    assert items[2].fields["_extra_columns"] == ["SURPLUS"]


@settings(max_examples=150, deadline=None)
@given(csv_tables)
def test_every_csv_cell_is_read_back_as_written(rows: list[tuple[str, str]]) -> None:
    # As csv.writer writes any text (quoted commas, quotes, line breaks, tabs, any script),
    # each row comes back as its record, the text column as the document's source.
    import csv
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "in.csv"
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["text", "note"])
            writer.writerows(rows)
        items = list(iter_inputs([str(path)]))
    assert [(i.source, i.fields.get("note")) for i in items] == rows
    assert not any(i.error for i in items)


def test_a_csv_file_without_the_text_column_says_which_columns_it_has(tmp_path: Path) -> None:
    path = tmp_path / "in.csv"
    path.write_text("name,body\n1,Some text.\n", "utf-8")
    (item,) = iter_inputs([str(path)])
    assert item.error and "'name', 'body'" in item.error and "--text-field" in item.error
    (row,) = iter_inputs([str(path)], fields=RecordFields(text="body", id="name"))
    assert (row.id, row.source, row.error) == ("1", "Some text.", "")


def test_a_csv_field_longer_than_the_csv_modules_limit_is_read(tmp_path: Path) -> None:
    import csv

    long_text = "A sentence of the article. " * 10_000  # 270,000 characters: csv's default limit is 131,072
    path = tmp_path / "in.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows([["id", "text"], ["a", long_text], ["b", "x" * 200], ["c", "After."]])
    limit = csv.field_size_limit()
    assert [i.source for i in iter_inputs([str(path)])] == [long_text, "x" * 200, "After."]
    items = list(iter_inputs([str(path)], max_bytes=100_000))
    # refused by its size, as in any format, and the rows after it read
    assert "max_bytes=100000" in items[0].error and [(i.id, i.source) for i in items[1:]] == [
        ("b", "x" * 200), ("c", "After.")]
    assert csv.field_size_limit() == limit  # the process's limit restored


def test_a_zstd_file_of_several_frames_yields_the_records_of_every_frame(tmp_path: Path) -> None:
    # pzstd and concatenated files hold several frames; the reader must go on past the first.
    zstandard = pytest.importorskip("zstandard")
    compress = zstandard.ZstdCompressor().compress
    path = tmp_path / "in.jsonl.zst"
    path.write_bytes(compress(_jsonl(RECORDS[:1])) + compress(_jsonl(RECORDS[1:2])))
    assert [i.id for i in iter_inputs([str(path)])] == ["a", "2"]


@pytest.mark.parametrize("cut", ["half", "garbage"])
def test_a_cut_or_corrupt_zstd_file_becomes_an_error_record(tmp_path: Path, cut: str) -> None:
    # A zstd file cut short was read as if it ended there (no record, no error: "no
    # documents"), and corrupt zstd data crashed the command with ZstdError.
    zstandard = pytest.importorskip("zstandard")
    data = zstandard.ZstdCompressor().compress(_jsonl(RECORDS[:2]) * 20)
    path = tmp_path / "in.jsonl.zst"
    path.write_bytes(data[: len(data) // 2] if cut == "half" else data[:4] + bytes(range(256)) * 3)
    items = list(iter_inputs([str(path)]))
    assert items and items[-1].error and f"cannot read {path}" in items[-1].error

def test_a_json_array_of_records_is_read(tmp_path: Path) -> None:
    path = tmp_path / "in.json"
    path.write_text(json.dumps(RECORDS))
    assert [i.id for i in iter_inputs([str(path)])] == ["a", "2", f"{path}:3"]


def test_parquet_rows_are_records(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    path = tmp_path / "in.parquet"
    pq.write_table(pa.table({"doc_id": ["p1", "p2"], "content": ["First story. Done.", "Second story. Done."],
                             "url": ["https://p.example/1", None]}), path)
    items = list(iter_inputs([str(path)], fields=RecordFields(text="content", id="doc_id")))
    assert [(i.id, i.source) for i in items] == [("p1", "First story. Done."), ("p2", "Second story. Done.")]
    assert items[0].fields["url"] == "https://p.example/1"


@pytest.mark.parametrize("data", [_jsonl(RECORDS[:2]), gzip.compress(_jsonl(RECORDS[:2])),
                                  json.dumps(RECORDS[:2]).encode()], ids=["jsonl", "gzip-jsonl", "json-array"])
def test_standard_input_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    assert [i.id for i in iter_inputs(["-"])] == ["a", "2"]



@pytest.mark.parametrize("data", [b"\x1f\x8b\x08\x00" + bytes(range(256)), gzip.compress(_jsonl(RECORDS[:2]) * 50)[:90]],
                         ids=["corrupt-gzip", "cut-gzip"])
def test_broken_gzip_on_standard_input_is_an_error_record(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    # Corrupt gzip on standard input crashed the command with zlib.error.
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data))))
    items = list(iter_inputs(["-"]))
    assert items[-1].error and "cannot read standard input" in items[-1].error

def test_standard_input_that_is_a_page_is_one_document(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(b"<html><p>Hi.</p></html>"))))
    (item,) = iter_inputs(["-"])
    assert item.id == "stdin" and item.source == b"<html><p>Hi.</p></html>"


@pytest.mark.parametrize("name", ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst", "out.parquet"])
def test_clean_writes_the_format_its_output_name_says_and_reads_it_back(tmp_path: Path, name: str) -> None:
    if name.endswith(".zst"):
        pytest.importorskip("zstandard")
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    source = _write(tmp_path / "in.jsonl", _jsonl(RECORDS))
    out = tmp_path / name
    assert main(["clean", str(source), "-o", str(out), "--timeout", "off"]) == 1  # the third is an error record
    if name.endswith(".parquet"):
        import pyarrow.parquet as pq

        rows = pq.read_table(out).to_pylist()
        assert [r["id"] for r in rows] == ["a", "2", f"{source}:3"]
        assert rows[0]["url"] == "https://x.example/a" and json.loads(rows[0]["sentences"])[0] == [0, 26]
        return
    items = list(iter_inputs([str(out)]))
    assert [i.id for i in items[:2]] == ["a", "2"]
    assert items[0].fields["url"] == "https://x.example/a" and items[1].fields["tags"] == ["x", "y"]


def test_parquet_output_keeps_fields_first_seen_after_the_first_batch(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    out = tmp_path / "out.parquet"
    with RecordWriter(out) as writer:
        for i in range(RecordWriter._BATCH + 5):
            writer.write({"id": str(i), **({"late": i} if i > RecordWriter._BATCH else {})})
    rows = pq.read_table(out).to_pylist()
    assert len(rows) == RecordWriter._BATCH + 5
    assert json.loads(rows[-1]["_extra"]) == {"late": RecordWriter._BATCH + 4}


def _strict_json(line: str) -> object:
    def refuse(constant: str) -> object:
        raise ValueError(f"{constant} is not JSON")

    return json.loads(line, parse_constant=refuse)


def test_output_is_json_where_an_input_number_is_nan_or_infinite(tmp_path: Path) -> None:
    # Before: a float column's missing values (NaN, as pandas writes Parquet) and a JSONL
    # number past a double (1e400) came out as NaN and Infinity, which are not JSON: jq,
    # Spark or Go then refuse the whole output file. Now null, as JSON.stringify writes them.
    source = tmp_path / "in.jsonl"
    source.write_text('{"id": "a", "text": "The council met on Monday.", "n": 1e400, "m": [NaN, 1.5]}\n', "utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--timeout", "off"]) == 0
    (record,) = [_strict_json(line) for line in out.read_text("utf-8").splitlines()]
    assert isinstance(record, dict) and record["n"] is None and record["m"] == [None, 1.5]
    pytest.importorskip("pyarrow")
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["p1", "p2"], "text": ["First story. Done.", "Second story. Done."],
                             "score": [float("nan"), 2.5]}), table)
    assert main(["clean", str(table), "-o", str(out), "--timeout", "off"]) == 0
    assert [_strict_json(line)["score"] for line in out.read_text("utf-8").splitlines()] == [None, 2.5]  # type: ignore[index]
    assert main(["clean", str(table), "-o", str(tmp_path / "out.parquet"), "--timeout", "off"]) == 0
    scores = [row["score"] for row in pq.read_table(tmp_path / "out.parquet").to_pylist()]
    assert math.isnan(scores[0]) and scores[1] == 2.5  # Parquet holds NaN: kept as it came


def test_parquet_columns_json_has_no_type_for_are_written_not_a_crash(tmp_path: Path) -> None:
    # Before: a Parquet file with a timestamp column (most corpora have one) crashed the
    # whole run when written as JSONL: "TypeError: Object of type datetime is not JSON
    # serializable", and the Parquet output was left half written.
    import datetime
    import decimal

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({
        "id": ["a"], "text": ["The council met on Monday."],
        "crawled": [datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)],
        "date": [datetime.date(2020, 1, 3)], "price": pa.array([decimal.Decimal("1.25")]),
        "exact": pa.array([decimal.Decimal("0.1234567890123456789")], pa.decimal128(20, 19)),
        "raw": [b"\x00\x01"], "took": pa.array([datetime.timedelta(seconds=90)], pa.duration("s")),
    }), source)
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--timeout", "off"]) == 0
    (record,) = [_strict_json(line) for line in out.read_text("utf-8").splitlines()]
    assert isinstance(record, dict)
    assert (record["crawled"], record["date"]) == ("2020-01-02T03:04:05+00:00", "2020-01-03")
    assert record["meta"]["date"] == "2020-01-03"  # a date column is the document's date, as a date string is
    assert (record["price"], record["exact"], record["raw"], record["took"]) == (
        1.25, "0.1234567890123456789", "AAE=", 90.0)
    assert main(["clean", str(source), "-o", str(tmp_path / "out.parquet"), "--timeout", "off"]) == 0
    (row,) = pq.read_table(tmp_path / "out.parquet").to_pylist()
    # timestamps and dates keep their Parquet types; what JSON text holds is its text
    assert (row["crawled"], row["date"]) == (datetime.datetime(2020, 1, 2, 3, 4, 5, tzinfo=datetime.UTC),
                                             datetime.date(2020, 1, 3))
    assert (row["raw"], row["price"], row["exact"]) == ("AAE=", "1.25", "0.1234567890123456789")


def test_a_binary_text_column_is_decoded_as_a_file_is(tmp_path: Path) -> None:
    # Before: a Parquet binary column of pages (crawls keep HTML undecoded) was an error
    # record "has no 'text' or 'html' string field" for every row.
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café: the council met on Monday.</p></body></html>'
    source = tmp_path / "in.parquet"
    pq.write_table(pa.table({"id": ["a"], "html": pa.array([page.encode("cp1252")], pa.binary())}), source)
    (item,) = iter_inputs([str(source)])
    assert not item.error and item.source == page.encode("cp1252")
    out = tmp_path / "out.jsonl"
    assert main(["clean", str(source), "-o", str(out), "--timeout", "off"]) == 0
    record = json.loads(out.read_text("utf-8"))
    assert record["text"] == "Café: the council met on Monday." and record["meta"]["encoding"] == "cp1252"


def test_parquet_columns_pass_through_with_their_types(tmp_path: Path) -> None:
    # Before: every Parquet output column was a string: a corpus's int64 token counts,
    # double scores and timestamps came back as "123", "0.87" and ISO text.
    import datetime

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.parquet"
    table = pa.table({
        "id": ["a", "b"], "text": ["The council met on Monday.", "A storm hit the coast."],
        "tokens": pa.array([5, None], pa.int64()), "score": [0.5, float("nan")], "kept": [True, False],
        "seen": pa.array([datetime.datetime(2020, 1, 2, 3, 4), None], pa.timestamp("ms")),
        "day": pa.array([datetime.date(2020, 1, 2), datetime.date(2020, 1, 3)], pa.date32()),
        "tags": [["x", "y"], []]})
    pq.write_table(table, source)
    out = tmp_path / "out.parquet"
    assert main(["clean", str(source), "-o", str(out), "--timeout", "off"]) == 0
    written = pq.read_table(out)
    for name, kind in [("tokens", pa.int64()), ("score", pa.float64()), ("kept", pa.bool_()),
                       ("seen", pa.timestamp("us")), ("day", pa.date32()), ("tags", pa.string())]:
        assert written.schema.field(name).type == kind, name
    first, second = written.to_pylist()
    assert (first["tokens"], first["score"], first["kept"], first["seen"], first["day"], first["tags"]) == (
        5, 0.5, True, datetime.datetime(2020, 1, 2, 3, 4), datetime.date(2020, 1, 2), '["x", "y"]')
    assert second["tokens"] is None and math.isnan(second["score"]) and second["_extra"] is None


def test_a_value_its_parquet_column_cannot_hold_goes_to_extra_and_shards_share_one_schema(tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    from newsclean.io import ShardedWriter

    rows = [{"id": "a", "n": 1}, {"id": "b", "n": 2}, {"id": "c", "n": "three"}, {"id": "d", "n": None}]
    with ShardedWriter(tmp_path / "out", job={"inputs": ["x"]}, shard_size=2, suffix=".parquet") as writer:
        for row in rows:
            writer.write(row)
    shards = sorted((tmp_path / "out").glob("part-*.parquet"))
    assert len(shards) == 2 and pq.read_schema(shards[0]) == pq.read_schema(shards[1])
    read = [row for shard in shards for row in pq.read_table(shard).to_pylist()]
    assert [r["n"] for r in read] == [1, 2, None, None]
    assert json.loads(read[2]["_extra"]) == {"n": "three"} and read[3]["_extra"] is None
    # a resumed run reads the first shard's layout back
    with ShardedWriter(tmp_path / "more", job={"inputs": ["y"]}, shard_size=2, suffix=".parquet") as writer:
        writer.write(rows[0])
        writer.write(rows[1])
    resumed = ShardedWriter(tmp_path / "more", job={"inputs": ["y"]}, shard_size=2, suffix=".parquet")
    assert resumed._layout is not None and resumed._layout.types == {"id": "string", "n": "int"}


def _as_written(value: object) -> object:
    """A value as a JSON text column or ``_extra`` holds it (io._json_text): NaN and
    infinities null, dates ISO 8601, tuples lists."""
    import datetime

    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_written(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_as_written(v) for v in value]
    return value


@settings(max_examples=60, deadline=None)
@given(rows=table_rows)
def test_parquet_output_loses_no_field_of_any_row(rows: list[dict[str, object]], tmp_path_factory: Any) -> None:
    # Each field comes back from its typed column, its JSON text column, or _extra, in
    # batches whose values differ in kind from the first batch's.
    import datetime as dt

    pq = pytest.importorskip("pyarrow.parquet")
    out = tmp_path_factory.mktemp("parquet") / "rows.parquet"
    with mock.patch.object(RecordWriter, "_BATCH", 3), RecordWriter(out) as writer:
        for row in rows:
            writer.write(row)
    table = pq.read_table(out)
    kinds = {f.name: (f.metadata or {}).get(b"newsclean") == b"json" for f in table.schema}
    for row, read in zip(rows, table.to_pylist(), strict=True):
        extra = json.loads(read.pop("_extra")) if read.get("_extra") else {}
        for name in {*row, *read}:
            want = row.get(name)
            if kinds.get(name) and isinstance(want, dt.date) and name not in extra:
                want = want.isoformat()
            if name in extra:
                got = extra[name]
            elif kinds.get(name) and isinstance(read.get(name), str) and not isinstance(want, (str, dt.date)):
                got = json.loads(read[name])  # dates are their ISO text as it is, not JSON
            else:
                got = read.get(name)
            if isinstance(want, float) and isinstance(got, float) and math.isnan(want):
                assert math.isnan(got)  # a double column holds NaN as it came
            elif name in extra or (kinds.get(name) and not isinstance(want, str)):
                assert got == _as_written(want), name
            else:
                assert got == (float(want) if isinstance(want, int) and isinstance(got, float) else want), name


@settings(max_examples=200, deadline=None)
@given(rows=table_rows)
def test_every_jsonl_line_is_strict_json_of_the_record(rows: list[dict[str, object]]) -> None:
    from newsclean.io import json_line

    for row in rows:
        line = json_line(row)
        assert line.endswith("\n") and "\n" not in line[:-1]
        assert _strict_json(line) == _as_written(row)


def test_numpy_values_in_a_record_are_written_as_json() -> None:
    # A caller's meta may hold numpy numbers: a float32 NaN had passed _finite (no float)
    # and made json raise again.
    np = pytest.importorskip("numpy")
    from newsclean.io import json_line

    record = {"a": np.float32("nan"), "b": np.array([1.5, np.inf], dtype=np.float32), "c": np.int64(3)}
    assert _strict_json(json_line(record)) == {"a": None, "b": [1.5, None], "c": 3}


def test_dedup_output_keeps_the_types_of_a_parquet_input(tmp_path: Path) -> None:
    # Before: dedup kept the records in a JSON spill file until its clusters were final,
    # and a Parquet timestamp column came out as ISO text.
    import datetime

    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    source = tmp_path / "in.parquet"
    body = "The council met on Monday to approve a new budget for the city after weeks of debate. " * 3
    pq.write_table(pa.table({"id": ["a", "b"], "text": [body, body.replace("council", "board")],
                             "seen": [datetime.datetime(2020, 1, 2), datetime.datetime(2020, 1, 3)],
                             "score": [float("nan"), 0.5], "raw": [b"\x00", b"\x01"]}), source)
    out = tmp_path / "out.parquet"
    assert main(["dedup", str(source), "-o", str(out), "--annotate"]) == 0
    table = pq.read_table(out)
    assert table.schema.field("seen").type == pa.timestamp("us")
    rows = table.to_pylist()
    assert [r["seen"] for r in rows] == [datetime.datetime(2020, 1, 2), datetime.datetime(2020, 1, 3)]
    assert math.isnan(rows[0]["score"]) and rows[1]["score"] == 0.5 and rows[0]["cluster_id"]


def test_a_json_array_is_read_a_record_at_a_time_and_keeps_what_came_before_a_flaw(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: a .json array was read whole (a corpus of gigabytes exhausted memory), and
    # one flaw anywhere made the whole file a single error record.
    from newsclean import io as newsclean_io

    monkeypatch.setattr(newsclean_io, "_ARRAY_CHUNK", 5)  # every record crosses chunks
    records = [{"id": f"r{i}", "text": f"Report {i} é\u2028 on the council.", "n": [i, {"k": None}]} for i in range(30)]
    path = tmp_path / "in.json"
    path.write_text(json.dumps(records, ensure_ascii=False))
    items = list(iter_inputs([str(path)]))
    assert [i.id for i in items] == [r["id"] for r in records] and items[7].fields == records[7]
    path.write_text(json.dumps(records[:2])[:-1] + ', {"id": "r2", "text": "cut')
    items = list(iter_inputs([str(path)]))
    assert [i.id for i in items[:2]] == ["r0", "r1"] and "not valid JSON after record 2" in items[2].error


@pytest.mark.parametrize("name", ["in.json.gz", "in.jsonl.gz"])
def test_a_compressed_file_cut_short_gives_its_records_up_to_the_cut(tmp_path: Path, name: str) -> None:
    # Before: a .json.gz array cut short lost every record read with the last chunk.
    records = [{"id": f"r{i}", "text": f"Report {i}: " + " ".join(str(i * j * 7919 % 10007) for j in range(40))}
               for i in range(50)]
    data = json.dumps(records).encode() if name.endswith(".json.gz") else _jsonl(records)
    path = tmp_path / name
    path.write_bytes(gzip.compress(data)[:-12])  # the trailer and the last few bytes of the stream
    items = list(iter_inputs([str(path)]))
    assert [i.id for i in items[:-1]] == [r["id"] for r in records[:len(items) - 1]] and len(items) >= 45
    assert "cannot read" in items[-1].error


def test_a_long_json_record_is_decoded_a_few_times_not_once_a_step(monkeypatch: pytest.MonkeyPatch) -> None:
    # A record longer than many read steps was decoded again after every step: its time
    # grew with the square of its length.
    from newsclean import io as newsclean_io

    monkeypatch.setattr(newsclean_io, "_ARRAY_CHUNK", 64)
    calls = []
    decode = json.JSONDecoder.raw_decode
    monkeypatch.setattr(json.JSONDecoder, "raw_decode", lambda self, s, idx=0: calls.append(idx) or decode(self, s, idx))
    record = {"id": "a", "text": "word " * 20_000}  # 100 KB: 1,600 steps
    items = list(newsclean_io._array_items(io.BytesIO(json.dumps([record, {"id": "b"}]).encode()), 1 << 20))
    assert items == [record, {"id": "b"}] and len(calls) < 30


def test_unknown_compressed_output_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(TypeError, match=r"jsonl\.gz"):
        RecordWriter(tmp_path / "out.txt.gz")
    # JSONL written under a .csv name would be read back as a table (CSV is an input format)
    for name in ("out.csv", "out.tsv.gz"):
        with pytest.raises(TypeError, match="jsonl"):
            RecordWriter(tmp_path / name)
    assert not list(tmp_path.iterdir())


def _many_records(count: int) -> list[dict[str, object]]:
    # numbers that compress poorly, so that a compressed file is read in many chunks
    return [{"id": str(i), "text": f"Report {i}. " + " ".join(str(i * j * 7919 % 100_003) for j in range(150))}
            for i in range(count)]


@pytest.mark.parametrize("name", ["big.jsonl", "big.jsonl.gz", "big.jsonl.zst", "big.parquet"])
def test_progress_follows_the_reading_up_to_the_total_size_of_the_files(tmp_path: Path, name: str) -> None:
    # A corpus run shows the share of its input read and the time left: the total is the
    # files' size on disk, and the place in the file being read moves with the reading
    # (a compressed file's place is its compressed one), not only at each file's end.
    records = _many_records(1500)
    path = tmp_path / name
    if name.endswith(".parquet"):
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        pq.write_table(pa.Table.from_pylist(records), path, row_group_size=100)
    else:
        _write(path, _jsonl(records))
    small = _write(tmp_path / "small.jsonl", _jsonl(records[:5]))
    progress = InputProgress()
    items = iter_inputs([str(path), str(small)], progress=progress)
    assert progress.total is None  # nothing is listed before the first document is asked for
    seen = []
    for number, _item in enumerate(items):
        if number % 100 == 0:
            seen.append(progress.done())
    total = path.stat().st_size + small.stat().st_size
    assert progress.total == total and progress.done() == total
    assert seen == sorted(seen)
    assert 0 < seen[len(seen) // 2] < path.stat().st_size


def test_progress_has_no_total_for_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(_jsonl(RECORDS[:2])))))
    progress = InputProgress()
    assert len(list(iter_inputs(["-"], progress=progress))) == 2
    assert progress.total is None


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_line_on_a_terminal_shows_the_share_read_and_the_time_left(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.cli import _Progress

    path = _write(tmp_path / "in.jsonl", _jsonl(_many_records(300)))
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["clean", str(path), "-o", str(tmp_path / "out.jsonl")]) == 0
    shown = terminal.getvalue()
    size = path.stat().st_size
    assert 1e5 < size < 1e6 and f"of {size / 1e3:,.1f} KB" in shown and "ETA" in shown
    assert "newsclean clean: 300 documents in" in shown  # the final count
    # the arithmetic: a quarter read in 10 s leaves 30 s
    read = InputProgress()
    read.total = 4_000
    read._start(lambda: 1_000)
    line = _Progress("clean", stream=_Terminal(), inputs=read)
    assert "25% of 4.0 KB, ETA 0:30" in line.line(line.start + 10.0)
    assert "%" not in _Progress("clean", stream=_Terminal(), inputs=InputProgress()).line(1.0)

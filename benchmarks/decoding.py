"""Undeclared legacy bytes: text in the code page of its language, decoded with no declaration.

Each text (its language read by ``newsclean.detect_language``) is encoded in every code
page of the table below made for that language and decoded by ``newsclean.decode.decode_bytes``
(BOM, declaration, UTF-8, then detection: design.md, *Decoding*), and by the peer that
detection starts from, charset-normalizer's best guess alone, in the same run. A text is
read right when the decoded text is the original. Bytes that are valid UTF-8 are left out
(no detector can tell them apart from UTF-8).

Sources (development or held out, never both):
- development: ECB+ dev's articles and the 181 pages' plain dumps (``--data``), and with
  ``--semeval DIR`` (or $NEWSCLEAN_SEMEVAL) SemEval-2022 Task 8's articles, the data
  the session-78 language check was written reading;
- held out: with ``--cdcr DIR`` MEANTIME's English, Italian, Spanish and Dutch articles;
  with ``--ud DIR`` every ``*-ud-test.conllu`` there (Universal Dependencies test
  sentences, twelve a document: Turkish BOUN and Polish PDB were read this way).
- pages as users meet them: the 181 HTML pages (and with ``--suite DIR`` trafilatura's
  ``tests/cache`` pages, held out), their charset declarations taken out and each page
  encoded in the code page of its language; ``newsclean.clean(bytes, kind="html")`` must
  give the text it gives the UTF-8 page.

    python benchmarks/decoding.py [--data PATH] [--semeval DIR] [--cdcr DIR] [--ud DIR] [--suite DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, table
from newsclean.decode import decode_bytes

# Code pages and the languages whose text they were made for.
CODE_PAGES: dict[str, frozenset[str]] = {
    "cp1252": frozenset({"en", "de", "fr", "es", "it", "pt", "nl", "sv", "da", "no"}),
    "iso-8859-15": frozenset({"de", "fr", "es", "it", "nl", "fi"}),
    "cp1250": frozenset({"pl", "cs", "sk", "hu", "hr", "sl", "ro"}),
    "iso-8859-2": frozenset({"pl", "cs", "sk", "hu", "hr", "sl", "ro"}),
    "cp1254": frozenset({"tr"}),
    "iso-8859-9": frozenset({"tr"}),
    "cp1251": frozenset({"ru", "uk", "bg"}),
    "koi8-r": frozenset({"ru"}),
    "cp1253": frozenset({"el"}),
    "cp1256": frozenset({"ar", "fa"}),
    "gb2312": frozenset({"zh"}),
    "shift_jis": frozenset({"ja"}),
    "euc-kr": frozenset({"ko"}),
}
_DECLARATION = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*[A-Za-z0-9_:.\-]{2,40}[^>]*>"""
                          rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["'][A-Za-z0-9_:.\-]{2,40}["']""", re.IGNORECASE)


def charset_normalizer_alone(data: bytes) -> str:
    """The peer: charset-normalizer's best guess, UTF-8 with replacement where it has none."""
    import charset_normalizer

    best = charset_normalizer.from_bytes(data).best()
    return str(best) if best is not None else data.decode("utf-8", errors="replace")


def legacy_rows(name: str, texts: list[str]) -> list[list[object]]:
    """Per code page: texts of its languages encodable in it, read wrong by newsclean and by the peer."""
    languages = {text: newsclean.detect_language(text).lang for text in texts}
    rows: list[list[object]] = []
    for encoding, meant_for in CODE_PAGES.items():
        tried = ours = theirs = 0
        for text in texts:
            if languages[text] not in meant_for:
                continue
            try:
                data = text.encode(encoding)
                data.decode("utf-8")
                continue  # valid UTF-8: read as UTF-8 by any decoder
            except UnicodeEncodeError:
                continue
            except UnicodeDecodeError:
                pass
            tried += 1
            ours += decode_bytes(data)[0] != text
            theirs += charset_normalizer_alone(data) != text
        if tried:
            rows.append([name, encoding, tried, ours, theirs])
    return rows


def page_rows(name: str, pages: list[bytes]) -> list[list[object]]:
    """Whole pages without their declaration, encoded in their language's code pages: the
    pages whose cleaned text differs from the UTF-8 page's (newsclean's decoder, and the
    peer's decoding handed to clean as text)."""
    counts: Counter[tuple[str, str]] = Counter()
    for raw in pages:
        try:
            page = _DECLARATION.sub(b"", raw).decode("utf-8")
        except UnicodeDecodeError:
            continue  # a page not in UTF-8 to begin with
        if page.isascii():
            continue
        expected = newsclean.clean(page, kind="html")
        lang = newsclean.detect_language(expected.text).lang
        for encoding, meant_for in CODE_PAGES.items():
            if lang not in meant_for:
                continue
            try:
                data = page.encode(encoding)
            except UnicodeEncodeError:
                continue
            counts[encoding, "tried"] += 1
            counts[encoding, "ours"] += newsclean.clean(data, kind="html").text != expected.text
            counts[encoding, "theirs"] += newsclean.clean(charset_normalizer_alone(data), kind="html").text != expected.text
    return [[name, encoding, counts[encoding, "tried"], counts[encoding, "ours"], counts[encoding, "theirs"]]
            for encoding in CODE_PAGES if counts[encoding, "tried"]]


def _ud_documents(path: Path, size: int = 12) -> list[str]:
    sentences = [line[len("# text = "):].strip() for line in path.read_text("utf-8").splitlines()
                 if line.startswith("# text = ")]
    return [" ".join(sentences[i:i + size]) for i in range(0, len(sentences), size)]


def _gz_or_plain(path: Path) -> bytes:
    raw = path.read_bytes()
    return gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", default=None)
    parser.add_argument("--semeval", default=os.environ.get("NEWSCLEAN_SEMEVAL"),
                        help="data/ of github.com/GeekDream-x/SemEval2022-Task8-TonyX (development)")
    parser.add_argument("--cdcr", default=os.environ.get("NEWSCLEAN_ECBPLUS_CDCR"),
                        help="a checkout of github.com/anastasia-zhukova/Diverse_CDCR_datasets (MEANTIME, held out)")
    parser.add_argument("--ud", default=os.environ.get("NEWSCLEAN_UD_TEST"),
                        help="a folder of Universal Dependencies *-ud-test.conllu files (held out)")
    parser.add_argument("--suite", default=os.environ.get("NEWSCLEAN_TRAFILATURA_EVAL"),
                        help="trafilatura's tests folder: its cache/ pages (held out)")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    sources: list[tuple[str, Callable[[], list[str]]]] = []
    ecb = root / "ecbplus-dev" / "docs.jsonl"
    if ecb.exists():
        sources.append(("development: ECB+ dev", lambda: [json.loads(line)["text"] for line in
                                                          ecb.read_text("utf-8").splitlines()]))
    dumps = root / "article-extraction-benchmark" / "plain"
    if dumps.exists():
        sources.append(("development: the 181 dumps", lambda: [p.read_text("utf-8", errors="replace")
                                                              for p in sorted(dumps.iterdir())]))
    if args.semeval:
        import csv

        def semeval() -> list[str]:
            csv.field_size_limit(1 << 30)
            texts: set[str] = set()
            for name in ("training_set.csv", "testing_set.csv"):
                with (Path(args.semeval) / name).open(encoding="utf-8", newline="") as handle:
                    for row in csv.DictReader(handle):
                        texts.update((row["text1"], row["text2"]))
            return sorted(texts)

        sources.append(("development: SemEval-2022 Task 8", semeval))
    if args.cdcr:
        import ecbplus_heldout

        sources.append(("held out: MEANTIME", lambda: [d.text for lang in ("en", "it", "es", "nl")
                                                       for d in ecbplus_heldout.load_meantime(Path(args.cdcr), lang)]))
    if args.ud:
        for path in sorted(Path(args.ud).glob("*-ud-test.conllu")):
            sources.append((f"held out: UD {path.stem.split('-')[0]}", lambda path=path: _ud_documents(path)))
    rows: list[list[object]] = []
    for name, read in sources:
        texts = [t for t in read() if t and not t.isascii() and len(t) >= 200]
        rows.extend(legacy_rows(name, texts))
    page_sets = [("pages: the 181 (development)", sorted((root / "article-extraction-benchmark" / "html").glob("*")))]
    if args.suite:
        page_sets.append(("pages: trafilatura's cache (held out)", sorted((Path(args.suite) / "cache").glob("*"))))
    for name, paths in page_sets:
        if paths:
            rows.extend(page_rows(name, [_gz_or_plain(p) for p in paths]))
    markdown = "\n\n".join([
        "### Undeclared legacy bytes: texts read wrong (decoded text not the original; pages: cleaned text not the "
        "UTF-8 page's)",
        table(["source", "code page", "texts", "newsclean", "charset-normalizer alone"], rows),
    ])
    print(markdown)
    return {"rows": rows, "markdown": markdown}


if __name__ == "__main__":
    main()

"""Language identification: newsclean's choice against the other packaged models.

Data (``--ud DIR`` or ``NEWSCLEAN_UD_TEST``): the test files of Universal Dependencies
treebanks, one per language, fetched from github.com/UniversalDependencies (licences per
treebank, mostly CC BY-SA; kept outside this repository): the Parallel UD (PUD) treebanks
of ar cs de en es fi fr hi id is it ko pl pt ru sv th tr zh (the same 1,000 news and
Wikipedia sentences in each), and nl (LassySmall), uk (IU), fa (PerDT), vi (VTB). Consecutive
sentences are joined into texts of >= 100 characters (300 per language) and of >= 600
characters (up to 100): short news snippets and article-length text. None of these
texts is a test case of the library.

Peers in the same run, where installed: py3langid (numpy, 4.5 MB), lingua (96 MB); the
model newsclean uses is fastText's lid.176.ftz (0.9 MB), through ``detect_language``.
Also: a page whose menus are in English and whose article is in German must come out
German (``clean`` detects after boilerplate removal).

The same model, two predictors (``--data``: ECB+ dev's articles as they arrive, the
shared data): newsclean's compiled one (``_langid_c``) against fasttext-predict on each
article's 400-character sample, how many answers (label and probability) are identical,
and the time of one prediction in a tight loop and in context: right after cleaning
the article (``clean``, whose other stages and tables push the model out of cache
between documents, as in a corpus run), only the prediction timed.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newsclean
from _common import data_dir, ecb_pairs, require, table

_TEXT = re.compile(r"^# text ?= ?(.*)$")


def texts(path: Path, length: int, limit: int) -> list[str]:
    out, current = [], ""
    for line in path.read_text("utf-8").splitlines():
        match = _TEXT.match(line)
        if match:
            current = f"{current} {match.group(1).strip()}".strip()
            if len(current) >= length:
                out.append(current)
                current = ""
                if len(out) == limit:
                    break
    return out


def detectors() -> dict[str, Callable[[str], str]]:
    found: dict[str, Callable[[str], str]] = {"newsclean (fastText lid.176.ftz)":
                                              lambda text: newsclean.detect_language(text).lang}
    try:
        import py3langid

        found["py3langid"] = lambda text: str(py3langid.classify(text)[0])
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()

        def detect(text: str) -> str:
            language = lingua.detect_language_of(text)
            return language.iso_code_639_1.name.lower() if language else "und"

        found["lingua"] = detect
    except ImportError:
        pass
    return found


def mixed_page() -> str:
    menus = "Home\nNews\nSport\nWeather\nSign in\nSubscribe to our newsletter\nFollow us on Twitter\n\n"
    article = ("Bundestag beschließt neues Heizungsgesetz\n\n"
               "Der Bundestag hat am Freitag nach monatelangem Streit das umstrittene Heizungsgesetz "
               "beschlossen. Die Abgeordneten stimmten mit der Mehrheit der Regierungsfraktionen für die "
               "Vorlage, die Opposition kündigte Widerstand an.\n\n"
               "Das Gesetz soll Anfang des kommenden Jahres in Kraft treten und den Umstieg auf "
               "klimafreundliche Heizungen beschleunigen.\n\n")
    footer = "Privacy policy\nTerms of use\nContact us\nAll rights reserved"
    return menus + article + footer


def predictors_compared(root: Path) -> tuple[str, dict[str, object]]:
    """newsclean's compiled predictor against fasttext-predict on the same model and
    samples: identical answers, and microseconds a prediction, tight and in context."""
    from newsclean import langid

    path = langid._model_path()
    compiled = langid._compiled_predictor(path)
    if compiled is None:
        return "Not measured: the compiled predictor is not built (a pure-Python install).", {}
    fasttext_predict = langid._fasttext_predictor(path)

    articles = [doc["text"] for doc in ecb_pairs(root)[0].values()]
    samples = [langid._SPACES.sub(" ", text[:langid.MAX_CHARS]).strip() for text in articles]
    same = sum(compiled(sample) == fasttext_predict(sample) for sample in samples)
    rows, out = [], {"identical": same, "samples": len(samples)}
    for name, predict in (("newsclean compiled", compiled), ("fasttext-predict", fasttext_predict)):
        tight = context = float("inf")
        for _ in range(3):  # best of three passes
            start = time.perf_counter()
            for sample in samples:
                predict(sample)
            tight = min(tight, (time.perf_counter() - start) / len(samples))
            spent = 0.0
            for text, sample in zip(articles, samples):
                newsclean.clean(text, kind="text", lang="en")
                start = time.perf_counter()
                predict(sample)
                spent += time.perf_counter() - start
            context = min(context, spent / len(samples))
        rows.append([name, f"{tight * 1e6:.1f}", f"{context * 1e6:.1f}"])
        out[name] = (tight * 1e6, context * 1e6)
    text = "\n\n".join([
        f"The same model (lid.176.ftz), two predictors, on the 400-character samples of {len(samples)} ECB+ dev "
        f"articles: identical label and probability {same} of {len(samples)}.",
        table(["predictor", "us a prediction, tight loop", "us, right after cleaning the article"], rows)])
    return text, out


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", default=None, help="the shared data (ECB+ dev articles for the predictors' timing)")
    parser.add_argument("--ud", default=os.environ.get("NEWSCLEAN_UD_TEST"),
                        help="a folder of UD *-ud-test.conllu files")
    args = parser.parse_args(argv)
    results: dict[str, object] = {}
    mixed = newsclean.clean(mixed_page(), kind="text")
    results["mixed_page_lang"] = mixed.meta.get("lang")
    root = data_dir(args.data)
    predictors = "Not measured: no shared data (--data)."
    if require(root / "ecbplus-dev" / "docs.jsonl", "langid predictors"):
        predictors, results["predictors"] = predictors_compared(root)
    if not args.ud or not Path(args.ud).is_dir():
        print("langid: no UD test files (pass --ud DIR or set NEWSCLEAN_UD_TEST); skipped", file=sys.stderr)
        results["markdown"] = ("### Language identification\n\nNot measured: no UD test files given "
                               f"(--ud DIR). A page with English menus and a German article: {mixed.meta.get('lang')}."
                               f"\n\n{predictors}")
        print(results["markdown"])
        return results
    data: dict[str, tuple[list[str], list[str]]] = {}
    for path in sorted(Path(args.ud).glob("*-ud-test.conllu")):
        lang = path.name.split("_")[0]
        short, long = texts(path, 100, 300), texts(path, 600, 100)
        if short:
            data[lang] = (short, long)
    rows = []
    for name, detect in detectors().items():
        row: list[object] = [name]
        for kind in (0, 1):
            right = total = 0
            wrong: Counter[tuple[str, str]] = Counter()
            start = time.perf_counter()
            for lang, pair in data.items():
                for text in pair[kind]:
                    answer = detect(text)
                    total += 1
                    right += answer == lang
                    if answer != lang:
                        wrong[(lang, answer)] += 1
            seconds = time.perf_counter() - start
            row += [right / total, f"{total / seconds:,.0f}"]
            if kind == 0:
                row.append(", ".join(f"{a}->{b} {n}" for (a, b), n in wrong.most_common(3)) or "-")
        rows.append(row)
        results[name] = row[1:]
    count = sum(len(s) + len(lo) for s, lo in data.values())
    results["markdown"] = "\n\n".join([
        f"### Language identification ({len(data)} languages: {' '.join(data)}; {count:,} texts from UD test treebanks)",
        table(["model", "accuracy, >= 100 chars", "texts/s", "commonest errors", "accuracy, >= 600 chars", "texts/s"],
              rows),
        f"A page with English menus and a German article, through clean(): meta['lang'] = {mixed.meta.get('lang')!r}.",
        predictors,
    ])
    print(results["markdown"])
    return results


if __name__ == "__main__":
    main()

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
shared data): newsclean's compiled one (``_langid_c``) against fasttext-predict, how many
answers (label and probability) are identical on the samples detect_language makes of
ECB+ dev's articles, of the UD texts (with ``--ud``: 23 languages) and of 3,000 seeded
random lines; and the time of one prediction, and of detect_language's whole call, in a
tight loop and in context: right after cleaning the article (``clean``, whose other
stages and tables push the model out of cache between documents, as in a corpus run),
only the prediction timed.
"""

from __future__ import annotations

import argparse
import os
import random
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


def random_lines(count: int, seed: int = 7) -> list[str]:
    """Lines of random characters (many scripts, the bytes fastText splits on, its label
    prefix and end-of-line token), seeded: inputs no language test would write."""
    rng = random.Random(seed)
    alphabet = [*"abcdeéüßñ漢字кийαβ \t\x00\x0b\x0c\r<>_/-.,!?0123456789", "__label__", "</s>",
                *(chr(rng.randrange(32, 0x3000)) for _ in range(200))]
    return ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 120))) for _ in range(count)]


def predictors_compared(root: Path, other_texts: list[str]) -> tuple[str, dict[str, object]]:
    """newsclean's compiled predictor against fasttext-predict on the same model: how many
    answers are identical (ECB+ dev's articles, ``other_texts``, seeded random lines), and
    microseconds a prediction, tight and in context (ECB+ dev's articles); and
    detect_language's whole call, which prepares the sample and predicts."""
    from newsclean import langid

    path = langid._model_path()
    compiled = langid._compiled_predictor(path)
    if compiled is None:
        return "Not measured: the compiled predictor is not built (a pure-Python install).", {}
    fasttext_predict = langid._fasttext_predictor(path)

    def sample_of(text: str) -> str:
        return langid._single_spaced(text[:langid.MAX_CHARS])

    articles = [doc["text"] for doc in ecb_pairs(root)[0].values()]
    samples = [sample_of(text) for text in articles]
    checked = samples + [sample_of(text) for text in other_texts] + [sample_of(line) for line in random_lines(3000)]
    same = sum(compiled(sample) == fasttext_predict(sample) for sample in checked)
    rows, out = [], {"identical": same, "checked": len(checked)}
    for name, predict, inputs in (("newsclean compiled", compiled, samples),
                                  ("fasttext-predict", fasttext_predict, samples),
                                  ("detect_language, whole call (compiled)", newsclean.detect_language, articles)):
        tight = context = float("inf")
        for _ in range(3):  # best of three passes
            start = time.perf_counter()
            for item in inputs:
                predict(item)
            tight = min(tight, (time.perf_counter() - start) / len(inputs))
            spent = 0.0
            for text, item in zip(articles, inputs):
                newsclean.clean(text, kind="text", lang="en")
                start = time.perf_counter()
                predict(item)
                spent += time.perf_counter() - start
            context = min(context, spent / len(inputs))
        rows.append([name, f"{tight * 1e6:.1f}", f"{context * 1e6:.1f}"])
        out[name] = (tight * 1e6, context * 1e6)
    text = "\n\n".join([
        f"The same model (lid.176.ftz), two predictors: identical label and probability on {same:,} of "
        f"{len(checked):,} samples ({len(samples)} ECB+ dev articles, {len(other_texts):,} UD texts, 3,000 random "
        "lines); time on the ECB+ articles' 400-character samples.",
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
    data: dict[str, tuple[list[str], list[str]]] = {}
    if args.ud and Path(args.ud).is_dir():
        for path in sorted(Path(args.ud).glob("*-ud-test.conllu")):
            lang = path.name.split("_")[0]
            short, long = texts(path, 100, 300), texts(path, 600, 100)
            if short:
                data[lang] = (short, long)
    predictors = "Not measured: no shared data (--data)."
    if require(root / "ecbplus-dev" / "docs.jsonl", "langid predictors"):
        ud_texts = [text for pair in data.values() for part in pair for text in part]
        predictors, results["predictors"] = predictors_compared(root, ud_texts)
    if not data:
        print("langid: no UD test files (pass --ud DIR or set NEWSCLEAN_UD_TEST); skipped", file=sys.stderr)
        results["markdown"] = ("### Language identification\n\nNot measured: no UD test files given "
                               f"(--ud DIR). A page with English menus and a German article: {mixed.meta.get('lang')}."
                               f"\n\n{predictors}")
        print(results["markdown"])
        return results
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

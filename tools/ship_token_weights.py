"""Compute the meaning model's token weights and language centres once and ship them with newsclean.

A meaning vector weighs each token ``a / (a + p)``, ``p`` the token's share of English
text from wordfreq's 50,000 commonest English words (see newsclean/dedup/meaning.py).
Computing that at load time took ~0.9 s of a fresh process (wordfreq's large list, and
tokenizing the 50,000 words); this writes the result for each known model to
``src/newsclean/data`` (one float32 ``.npy`` per model, read with ``allow_pickle=False``)
and records in ``token_weights.json`` the SHA-256 of the model file it was computed from,
the weighting's constants and the versions used. ``load_meaning`` uses it only for that
exact model file and those constants, and computes the weights otherwise::

    python tools/ship_token_weights.py -o src/newsclean/data

With ``--semeval DIR`` it also writes ``meaning_centres.json``: for each model name that
centres languages (``meaning.CENTRED_LANGUAGES``), each language's centre
(``meaning.news_centre``: the mean unit vector of news articles in the language), from the
articles of SemEval-2022 Task 8's training sample (``training_set.csv`` in the data/ of
github.com/GeekDream-x/SemEval2022-Task8-TonyX, Apache-2.0: development data; its testing
sample is held out), each cleaned as plain text in the language its pair is labelled with,
with the model file's SHA-256 and the weighting; ``load_meaning`` uses them only for that
model file. Without ``--semeval`` the centres file is left as it is::

    python tools/ship_token_weights.py -o src/newsclean/data --semeval SemEval2022-Task8-TonyX/data

The weights are derived from wordfreq's frequency data (CC BY-SA 4.0, Robyn Speer and
contributors) and the model's tokenizer (MIT); the README lists both.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import io
import json
from pathlib import Path

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

from newsclean.dedup import meaning
from newsclean.dedup.features import meaning_text


def semeval_articles(path: Path) -> dict[str, list[str]]:
    """Language -> the texts of a SemEval-2022 Task 8 sample's articles, each once, cleaned
    as plain text in the language its pair names, title first as story mode reads it."""
    import csv

    import newsclean

    seen: set[str] = set()
    texts: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            for doc_id, field, lang in zip(record["pair_id"].split("_"), ("text1", "text2"),
                                           (record["lang1"], record["lang2"])):
                if doc_id in seen:
                    continue
                seen.add(doc_id)
                doc = newsclean.clean(record[field], kind="text", lang=lang)
                texts.setdefault(lang, []).append(meaning_text(doc.text, doc.title))
    return texts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--out", required=True, help="the folder of newsclean's data files")
    parser.add_argument("--semeval", type=Path, default=None,
                        help="the data/ folder of SemEval-2022 Task 8 pairs (training_set.csv): the language centres")
    args = parser.parse_args(argv)
    out = Path(args.out)
    record: dict[str, object] = {
        "about": "Token weights of the meaning models, a / (a + p) with p a token's share of English text from "
                 "wordfreq's commonest English words; made by tools/ship_token_weights.py. load_meaning reads "
                 "them only for the model file whose SHA-256 is given and for these constants.",
        "models": {},
    }
    # model file digest -> its weights file and bytes: names that load one model file share
    # them, computed once
    written: dict[str, tuple[str, bytes]] = {}
    for name, (package, weights_file, tokenizer_file, _languages) in sorted(meaning.MEANINGS.items()):
        root = meaning._package_dir(package)
        raw = (root / weights_file).read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if digest not in written:
            (table,) = load_file(str(root / weights_file)).values()
            weights = meaning.token_weights(table.shape[0], Tokenizer.from_file(str(root / tokenizer_file)))
            buffer = io.BytesIO()
            np.save(buffer, weights.astype(np.float32), allow_pickle=False)
            written[digest] = (f"token_weights_{name}.npy", buffer.getvalue())
            (out / written[digest][0]).write_bytes(written[digest][1])
        file_name, data = written[digest]
        record["models"][name] = {  # type: ignore[index]
            "file": file_name, "file_sha256": hashlib.sha256(data).hexdigest(),
            "model_sha256": digest, "model_package": package,
            "model_version": importlib.metadata.version(package),
            "wordfreq_version": importlib.metadata.version("wordfreq"),
            "smoothing": meaning.SMOOTHING, "background_words": meaning._BACKGROUND_WORDS,
        }
        print(f"{name}: {len(data):,} bytes of weights -> {file_name}")
    (out / "token_weights.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", "utf-8")
    if args.semeval is None:
        print("no --semeval: meaning_centres.json left as it is")
        return
    articles = semeval_articles(args.semeval / "training_set.csv")
    centres: dict[str, object] = {
        "about": "Centres of the meaning vectors of languages the models were not trained on: the mean unit vector "
                 "of news articles in each language (SemEval-2022 Task 8's training sample, "
                 "github.com/GeekDream-x/SemEval2022-Task8-TonyX, Apache-2.0), weighed as story mode weighs a "
                 "document; made by tools/ship_token_weights.py. load_meaning reads them only for the model file "
                 "whose SHA-256 is given and for this weighting.",
        "models": {},
    }
    for name, languages in sorted(meaning.CENTRED_LANGUAGES.items()):
        base = meaning._load_files(*meaning.MEANINGS[name][:3])
        found = {lang: meaning.news_centre(base, articles[lang]) for lang in sorted(languages)}
        centres["models"][name] = {  # type: ignore[index]
            "model_sha256": base.digest, "weighting": meaning._weighting(),
            "articles": {lang: len(articles[lang]) for lang in sorted(languages)},
            "source": "SemEval-2022 Task 8 training sample (training_set.csv), every article once",
            "centres_sha256": meaning.centres_digest(found),
            "centres": {lang: [float(v) for v in vector.astype(np.float32)] for lang, vector in found.items()},
        }
        print(f"{name}: centres of {', '.join(f'{lang} ({len(articles[lang])} articles)' for lang in sorted(found))}")
    (out / meaning._SHIPPED_CENTRES).write_text(json.dumps(centres, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()

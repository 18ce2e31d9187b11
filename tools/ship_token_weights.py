"""Compute the meaning model's token weights once and ship them with newsclean.

A meaning vector weighs each token ``a / (a + p)``, ``p`` the token's share of English
text from wordfreq's 50,000 commonest English words (see newsclean/dedup/meaning.py).
Computing that at load time took ~0.9 s of a fresh process (wordfreq's large list, and
tokenizing the 50,000 words); this writes the result for each known model to
``src/newsclean/data`` (one float32 ``.npy`` per model, read with ``allow_pickle=False``)
and records in ``token_weights.json`` the SHA-256 of the model file it was computed from,
the weighting's constants and the versions used. ``load_meaning`` uses it only for that
exact model file and those constants, and computes the weights otherwise::

    python tools/ship_token_weights.py -o src/newsclean/data

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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--out", required=True, help="the folder of newsclean's data files")
    args = parser.parse_args(argv)
    out = Path(args.out)
    record: dict[str, object] = {
        "about": "Token weights of the meaning models, a / (a + p) with p a token's share of English text from "
                 "wordfreq's commonest English words; made by tools/ship_token_weights.py. load_meaning reads "
                 "them only for the model file whose SHA-256 is given and for these constants.",
        "models": {},
    }
    for name, (package, weights_file, tokenizer_file, _languages) in sorted(meaning.MEANINGS.items()):
        root = meaning._package_dir(package)
        raw = (root / weights_file).read_bytes()
        (table,) = load_file(str(root / weights_file)).values()
        weights = meaning.token_weights(table.shape[0], Tokenizer.from_file(str(root / tokenizer_file)))
        buffer = io.BytesIO()
        np.save(buffer, weights.astype(np.float32), allow_pickle=False)
        file_name = f"token_weights_{name}.npy"
        (out / file_name).write_bytes(buffer.getvalue())
        record["models"][name] = {  # type: ignore[index]
            "file": file_name, "file_sha256": hashlib.sha256(buffer.getvalue()).hexdigest(),
            "model_sha256": hashlib.sha256(raw).hexdigest(), "model_package": package,
            "model_version": importlib.metadata.version(package),
            "wordfreq_version": importlib.metadata.version("wordfreq"),
            "smoothing": meaning.SMOOTHING, "background_words": meaning._BACKGROUND_WORDS,
        }
        print(f"{name}: {weights.shape[0]} tokens -> {file_name}")
    (out / "token_weights.json").write_text(json.dumps(record, indent=1, sort_keys=True) + "\n", "utf-8")


if __name__ == "__main__":
    main()

"""Learn, per language, the function words a sentence does not end on, from UD treebanks.

``repair_line_breaks`` must tell a stray line break ("the US military said in a statement
on" / "Wednesday.") from a paragraph end before a capitalised word. A line that reads as
prose and stops on a word that needs something after it (a preposition, an article, a
conjunction, an auxiliary) was cut there. Which words those are is counted here, from
the gold sentences of Universal Dependencies treebanks (their test splits are left for
evaluation; ``benchmarks/linebreaks.py --ud`` measures on other treebanks' test files):

- a word is a candidate when it is written with letters and its commonest part of speech
  in the treebank is a closed class that takes a complement: ADP, DET, CCONJ, SCONJ, AUX
  (content words are left out: a few thousand sentences cannot show that a noun never
  ends one);
- it is kept when it is seen at least ``--min-count`` times and at most ``--max-final``
  of those are the last word of a sentence (the words before the final punctuation).

Words are read as written, a contraction whole (French "du", German "zum": a line ends on
what is written, not on the treebank's split of it), and lower-cased.

Usage: ``python tools/learn_open_endings.py en=DIR[,DIR] de=DIR ... -o FILE``, where each
DIR holds a UD treebank's ``.conllu`` files (a clone of github.com/UniversalDependencies/UD_*,
or an export of one with its commit in a ``.commit`` file); an existing FILE keeps its
other languages. The shipped file was built by two runs (where train files were absent
from the snapshots used, the dev split was counted; Hungarian's train split too)::

    learn_open_endings.py --splits dev en=UD_English-EWT,UD_English-GUM de=UD_German-GSD \
        fr=UD_French-GSD es=UD_Spanish-GSD it=UD_Italian-ISDT pt=UD_Portuguese-Bosque \
        nl=UD_Dutch-Alpino pl=UD_Polish-PDB ru=UD_Russian-GSD uk=UD_Ukrainian-IU \
        tr=UD_Turkish-BOUN id=UD_Indonesian-GSD fa=UD_Persian-PerDT ko=UD_Korean-Kaist \
        vi=UD_Vietnamese-VTB ja=UD_Japanese-GSD zh=UD_Chinese-GSD,UD_Chinese-GSDSimp \
        -o src/newsclean/data/open_endings.json
    learn_open_endings.py --splits dev bg=UD_Bulgarian-BTB da=UD_Danish-DDT fi=UD_Finnish-TDT \
        hr=UD_Croatian-SET no=UD_Norwegian-Bokmaal ro=UD_Romanian-RRT sk=UD_Slovak-SNK \
        sl=UD_Slovenian-SSJ sv=UD_Swedish-Talbanken -o src/newsclean/data/open_endings.json
    learn_open_endings.py --splits train,dev hu=UD_Hungarian-Szeged -o src/newsclean/data/open_endings.json

Chinese and Japanese write no spaces: their words are the treebank's tokens, and a line
is read as stopping on one when it ends with it (linebreaks.py).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learn_abbreviations import _provenance

# Parts of speech that take a complement: a sentence rarely stops on one.
COMPLEMENT_TAKING = frozenset({"ADP", "DET", "CCONJ", "SCONJ", "AUX"})
NOT_WORDS = frozenset({"PUNCT", "SYM"})


def surface_words(path: Path) -> Iterator[list[tuple[str, str]]]:
    """Each sentence of a ``.conllu`` file as (word as written, part of speech) pairs; a
    multiword token ("du" = "de" + "le") is one word, with its first part's tag."""
    words: list[tuple[str, str]] = []
    joined_until, joined_form, joined_tag = 0, "", ""
    for line in path.read_text("utf-8").splitlines():
        if not line:
            if words:
                yield words
            words, joined_until = [], 0
            continue
        if not line[0].isdigit():
            continue
        cols = line.split("\t")
        if "." in cols[0]:
            continue  # an empty node: nothing written
        if "-" in cols[0]:
            joined_until, joined_form, joined_tag = int(cols[0].split("-")[1]), cols[1], ""
            continue
        position = int(cols[0])
        if position <= joined_until:
            joined_tag = joined_tag or cols[3]
            if position == joined_until:
                words.append((joined_form, joined_tag))
            continue
        words.append((cols[1], cols[3]))
    if words:
        yield words


def learn(files: list[Path], *, min_count: int, max_final: float) -> dict[str, object]:
    seen: Counter[str] = Counter()
    final: Counter[str] = Counter()
    tags: dict[str, Counter[str]] = {}
    sentences = 0
    for path in files:
        for words in surface_words(path):
            sentences += 1
            positions = [i for i, (_w, tag) in enumerate(words) if tag not in NOT_WORDS]
            last = positions[-1] if positions else -1
            for i, (word, tag) in enumerate(words):
                if not any(c.isalpha() for c in word) or any(c.isspace() for c in word):
                    continue  # a line's last word is one run of letters ("có thể" is two)
                key = word.lower()
                seen[key] += 1
                tags.setdefault(key, Counter())[tag] += 1
                if i == last:
                    final[key] += 1
    kept = sorted(word for word, n in seen.items()
                  if n >= min_count and tags[word].most_common(1)[0][0] in COMPLEMENT_TAKING
                  and final[word] <= max_final * n)
    return {"sentences": sentences, "words": kept}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("treebanks", nargs="+", help="LANG=DIR[,DIR...]")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--min-count", type=int, default=20)
    parser.add_argument("--max-final", type=float, default=0.025,
                        help="the largest share of a word's occurrences that end a sentence (default 1 in 40)")
    parser.add_argument("--splits", default="train,dev",
                        help="which splits to count (default train,dev; the test split stays for evaluation)")
    args = parser.parse_args(argv)
    target = Path(args.output)
    # An existing file keeps its other languages: the shipped file is built by several runs.
    languages: dict[str, dict[str, object]] = (
        json.loads(target.read_text("utf-8"))["languages"] if target.exists() else {})
    splits = tuple(f"-{split}" for split in args.splits.split(","))
    for spec in args.treebanks:
        lang, _, dirs = spec.partition("=")
        directories = [Path(d) for d in dirs.split(",") if d]
        files = sorted(f for d in directories for f in d.glob("*.conllu") if any(s in f.name for s in splits))
        if not files:
            parser.error(f"{lang}: no {args.splits} .conllu files in {dirs}")
        learned = learn(files, min_count=args.min_count, max_final=args.max_final)
        learned["sources"] = [{**_provenance(d), "files": [f.name for f in files if f.parent == d]}
                              for d in directories]
        languages[lang] = learned
    out = {"about": "Function words (ADP, DET, CCONJ, SCONJ, AUX) that end at most "
                    f"{args.max_final:g} of the sentences they occur in, seen at least {args.min_count} times, "
                    "learned by tools/learn_open_endings.py from the UD treebank files listed under each language "
                    "(Universal Dependencies, universaldependencies.org). repair_line_breaks reads a prose line "
                    "that stops on one as cut mid-sentence.",
           "languages": dict(sorted(languages.items()))}
    target.write_text(json.dumps(out, ensure_ascii=False, indent=1) + "\n", "utf-8")


if __name__ == "__main__":
    main()

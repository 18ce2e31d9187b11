"""Learn the English words that news writers open sentences with.

After an initialism that may end a sentence ("filmed in the U.K."), a capitalised word
followed by a lower-case one is far more often a name going on ("the U.S. Embassy
estimates", "a U.S. Customs agent", "to the U.S. Attorney about") than a new sentence, so
the list of words written in lower case (learn_lower_words.py) is not asked there. Some
words, though, open sentences in news far more often than they are capitalised inside
one: "Police later said", "Officials said", "Residents fled", "Witnesses told". This is
Punkt's frequent-sentence-starter statistic (Kiss & Strunk 2006), counted where sentence
starts are known rather than guessed.

A word is listed when, as a sentence's first word followed by a lower-case word, it is
seen at least ``--min-starts`` times and at least ``--min-ratio`` times as often as
capitalised inside a sentence before a lower-case word (the way the rule meets it: "the
Police Federation" does not count against "police", "State Police said" does), and it is
also written in lower case inside sentences at least ``--min-lower`` times (a common
word, not a name).

Sources, with their sentence splits:
- ECB+ (Cybulska & Vossen, LREC 2014; CC BY 3.0): 982 news articles of 43 topics, read
  from the per-topic CoNLL files of github.com/anastasia-zhukova/Diverse_CDCR_datasets
  (``ECBplus-prep/output_data/test_parsing/*/annotation/original/*.conll``; the folder
  name is the repository's, it holds every topic);
- the training documents of UD English-EWT and of UD English-GUM's CC BY genres, as
  learn_lower_words.py reads them (their dev and test documents are left out)::

    python tools/learn_sentence_starters.py --cdcr Diverse_CDCR_datasets \
        --ewt UD_English-EWT --gum UD_English-GUM -o src/newsclean/data/sentence_starters_en.json
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from learn_abbreviations import _provenance
from learn_lower_words import _AFTER, training_files, treebank_sources, write_word_list
from learn_open_endings import surface_words

_ECB_FILES = "ECBplus-prep/output_data/test_parsing/*/annotation/original/*.conll"


def ecb_sentences(cdcr: Path) -> Iterator[list[str]]:
    """Each sentence of ECB+ as its tokens (columns: document, sentence, token, form)."""
    for path in sorted(cdcr.glob(_ECB_FILES)):
        key, words = None, []
        for line in path.read_text("utf-8").splitlines():
            fields = line.split("\t")
            if len(fields) < 4:
                continue
            if (fields[0], fields[1]) != key:
                if words:
                    yield words
                key, words = (fields[0], fields[1]), []
            words.append(fields[3])
        if words:
            yield words


def ecb_documents(cdcr: Path) -> int:
    return len({line.split("\t", 1)[0] for path in cdcr.glob(_ECB_FILES)
                for line in path.read_text("utf-8").splitlines() if "\t" in line})


def treebank_sentences(files: list[Path]) -> Iterator[list[str]]:
    for path in files:
        for sentence in surface_words(path):
            yield [form for form, _tag in sentence]


def count(sentences: Iterable[list[str]]) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per lower-cased word: sentence starts, capitals inside sentences, lower-case uses
    inside sentences; a capital counts only before a lower-case word, as the rule meets it."""
    starts: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    for words in sentences:
        if len(words) > 1 and words[0][:1].isupper() and words[0][1:].islower() and words[1][:1].islower():
            starts[words[0].lower()] += 1
        for before, word, after in zip(words, words[1:], [*words[2:], ""]):
            if before[-1:] in _AFTER or not word[:1].isalpha():
                continue
            key = word.lower()
            if word == key:
                lower[key] += 1
            elif word[0].isupper() and word[1:] == key[1:] and after[:1].islower():
                capital[key] += 1
    return starts, capital, lower


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cdcr", type=Path, required=True, help="a clone of Diverse_CDCR_datasets (ECB+)")
    parser.add_argument("--ewt", type=Path, help="a clone of UD_English-EWT")
    parser.add_argument("--gum", type=Path, help="a clone of UD_English-GUM")
    parser.add_argument("--min-starts", type=int, default=5)
    parser.add_argument("--min-ratio", type=float, default=3.0)
    parser.add_argument("--min-lower", type=int, default=3)
    parser.add_argument("--explain", default="", help="comma-separated words: print their counts (docs/design.md quotes them)")
    parser.add_argument("-o", "--out", type=Path, required=True)
    args = parser.parse_args(argv)
    files = training_files(args.ewt, args.gum)
    starts, capital, lower = count(ecb_sentences(args.cdcr))
    for counter, more in zip((starts, capital, lower), count(treebank_sentences(files))):
        counter.update(more)
    for word in filter(None, args.explain.lower().split(",")):
        print(f"{word}: opens {starts[word]} sentences, capitalised inside {capital[word]}, lower case {lower[word]}")
    words = sorted(w for w, n in starts.items()
                   if n >= args.min_starts and n >= args.min_ratio * capital[w] and lower[w] >= args.min_lower)
    ecb = _provenance(args.cdcr)
    sources = [{"corpus": "ECB+ (Diverse_CDCR_datasets, every topic)", "commit": ecb["commit"],
                "licence": "CC BY 3.0", "documents": str(ecb_documents(args.cdcr))},
               *treebank_sources(args.ewt, args.gum, files)]
    write_word_list(
        args.out,
        "English words that open sentences in news, learned by tools/learn_sentence_starters.py from the "
        f"sentence splits of the sources: seen opening a sentence at least {args.min_starts} times, at least "
        f"{args.min_ratio:g} times as often as capitalised inside one before a lower-case word, and in lower "
        f"case inside sentences at least {args.min_lower} times. segment.py: after an initialism (not an "
        "initial), such a word capitalised before a lower-case word starts a sentence.",
        sources, words)
    print(f"{len(words)} words -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

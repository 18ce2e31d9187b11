"""Build ``src/newsclean/data/month_names.json``: the month names the date reader knows,
from the Unicode CLDR (read through Babel's copy of it; a development tool, Babel is not a
dependency of newsclean).

For each language of issue #8/#13 whose dates name the month in words, every form CLDR
gives: the wide and the abbreviated names, in the format context (the genitive of Slavic
languages, "28 grudnia 2021") and the stand-alone one (the nominative, "grudzień 2021"),
lower-cased, without an abbreviation's final full stop. Languages that write the month as a
number glued to a sign (Chinese, Japanese, Korean "12月"/"12월") need no names: metadata.py
reads those numbers; Vietnamese's "tháng 12" ("month 12") is kept as a name. A name that two languages give to different months
would make a date ambiguous; the tool stops if it meets one, so that the table never holds
one.

    python tools/build_month_names.py [--check]

``--check`` compares the file with what the tool would write (exit 1 if they differ).
CLDR is licensed under the Unicode License v3 (https://www.unicode.org/license.txt), which
allows redistribution with its notice; the file records it.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data_file import write_or_check

OUT = Path(__file__).resolve().parents[1] / "src" / "newsclean" / "data" / "month_names.json"
# The languages of the world's news that issue #13 names, less those that write a month as a
# number glued to its sign (zh, ja, ko), plus Czech and Slovak (Central Europe's news, which pySBD's and
# sentencex's suites hold), and since session 73 the other European languages with
# segmentation rules.
LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "az", "ar", "fa", "hi", "id",
             "vi", "cs", "sk", "bg", "da", "fi", "hu", "nb", "ro", "sl", "sv", "el")
# Languages read last, whose names that an earlier language gives to another month are left
# out (the date reader does not know a line's language): Croatian's "listopad" is its
# October and Polish's and Czech's November, so Croatian October dates stay unread.
YIELDING = ("hr",)


def _latin(word: str) -> bool:
    """Whether every letter of ``word`` is a Latin one (ASCII or with a diacritic)."""
    import unicodedata

    return all("LATIN" in unicodedata.name(char, "") for char in word if char.isalpha())


def month_names() -> tuple[dict[str, dict[str, int]], str, str]:
    """Per language, name -> month number; the CLDR version and the Babel version read."""
    import babel
    from babel import Locale
    from babel.core import get_cldr_version

    table: dict[str, dict[str, int]] = {}
    for code in (*LANGUAGES, *YIELDING):
        locale = Locale.parse(code)
        names: dict[str, int] = {}
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in locale.months[context][width].items():
                    key = name.lower().rstrip(".")
                    if not key or (any(char.isdigit() for char in key) and " " not in key):
                        # "12月", "12월": read by the year-first number pattern; Vietnamese's
                        # "tháng 12" ("month 12") is a name the day-first pattern reads.
                        continue
                    if width == "abbreviated" and _latin(key) and len(key) < 4:
                        # Three Latin letters are a word somewhere ("pro" is Czech's
                        # December, "led" its January, "sie" Polish August): "the iPhone
                        # 11 Pro 2019" read as a date. The date reader's own table keeps
                        # the abbreviations dates write in English and the Romance languages.
                        continue
                    names[key] = int(number)
        table[code] = dict(sorted(names.items(), key=lambda item: (item[1], item[0])))
    return table, str(get_cldr_version()), babel.__version__


def conflicts(table: dict[str, dict[str, int]]) -> list[str]:
    """Names given to different months by two languages."""
    seen: dict[str, tuple[int, str]] = {}
    found = []
    for code, names in table.items():
        for name, number in names.items():
            if name in seen and seen[name][0] != number:
                found.append(f"{name!r}: {seen[name][1]} {seen[name][0]}, {code} {number}")
            seen.setdefault(name, (number, code))
    return found


def without_yielded(table: dict[str, dict[str, int]]) -> tuple[dict[str, dict[str, int]], list[str]]:
    """``table`` with the names of the YIELDING languages that an earlier language gives
    to another month left out, and those names."""
    earlier = {name: number for code, names in table.items() if code not in YIELDING for name, number in names.items()}
    kept, dropped = dict(table), []
    for code in YIELDING:
        clash = sorted(name for name, number in table[code].items() if earlier.get(name, number) != number)
        kept[code] = {name: number for name, number in table[code].items() if name not in clash}
        dropped += [f"{code} {name!r}" for name in clash]
    return kept, dropped


def build() -> dict[str, object]:
    table, cldr, babel_version = month_names()
    table, dropped = without_yielded(table)
    clashes = conflicts(table)
    if clashes:
        raise SystemExit("month names that two languages give to different months: " + "; ".join(clashes))
    return {
        "about": "Month names by language, lower-cased (wide, and abbreviated where not three Latin letters; "
                 "format and stand-alone contexts), read from the Unicode CLDR by tools/build_month_names.py: what "
                 "newsclean's date reader (boilerplate/metadata.py) knows besides its own table."
                 + (" Left out, as an earlier language names another month so: " + ", ".join(dropped) + "."
                    if dropped else ""),
        "source": f"Unicode CLDR {cldr}, through Babel {babel_version}",
        "license": "Unicode License v3 (https://www.unicode.org/license.txt); Copyright (c) 1991-2025 "
                   "Unicode, Inc.",
        "languages": table,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare the shipped file with a fresh build")
    args = parser.parse_args(argv)
    text = json.dumps(build(), ensure_ascii=False, indent=1) + "\n"
    return write_or_check(OUT, text, check=args.check)


if __name__ == "__main__":
    sys.exit(main())

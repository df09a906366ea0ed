"""Names of listed companies (ORG) from pytickersymbols' bundled index data, in the short form
a newspaper writes: "Goldman Sachs", "Adobe" (not "Adobe Inc."), "ADMA Biologics".

Only the data shipped with the package is read (``get_all_stocks``); nothing is fetched.
Names that are first of all words, given names or places are dropped where the gazetteer
builds its automaton (``gazetteer.py``), which knows those lists.
"""

from __future__ import annotations

import re

from builder.prelabel.package_cache import cached_table

# A share class after the name: "Clearway Energy, Inc. (Class A)".
_CLASS = re.compile(r"\s*\([^)]*\)")
# A letter and a digit is more often a code than a company in news: a money supply ("M3"
# after "M2" in a table of figures), a key or a grade.
_CODE = re.compile(r"[A-Z][0-9]")

# Legal forms cut off the end of a name, with the comma before them ("ADMA Biologics, Inc.").
# "Group" and "Holding" stay: "Admiral Group" and "ACS Group" are how the papers name them.
LEGAL_FORMS = (
    "Inc.",
    "Inc",
    "Incorporated",
    "Corp.",
    "Corp",
    "Corporation",
    "Co.",
    "Company",
    "plc",
    "Plc",
    "PLC",
    "SE",
    "AG",
    "KGaA",
    "N.V.",
    "NV",
    "S.A.",
    "SA",
    "S.p.A.",
    "SpA",
    "Ltd.",
    "Ltd",
    "Limited",
    "ASA",
    "AB",
    "Oyj",
    "L.P.",
    "LP",
)


def short_name(name: str) -> str:
    """``name`` without its trailing legal forms nor a leading "The": "Adobe Inc." -> "Adobe",
    "ADMA Biologics, Inc." -> "ADMA Biologics"; a name that is only a legal form stays."""
    name = " ".join(_CLASS.sub("", name).split())
    if name.startswith("The "):  # "The J.M. Smucker Company": no article inside the name
        name = name[4:]
    while True:
        cut = name
        for form in LEGAL_FORMS:
            if cut.endswith(" " + form):
                cut = cut[: -len(form) - 1].rstrip(" ,&")
                break
        if cut == name or not cut:
            return name
        name = cut


def newspaper_names(
    names: list[str],
    stop: frozenset[str],
    people: frozenset[str],
    suffixes: frozenset[str],
    function_words: frozenset[str] = frozenset(),
) -> list[str]:
    """``names`` without those a capitalised word of news may be instead: listed in ``stop``
    (orgs.yaml ``not_companies``, measured), of three letters or fewer, a code ("M3"), a
    function word or given name alone ("Next", "Visa") or a given name before a word that is
    no organisation suffix ("Charles Schwab", but "Duke Energy"). ``people`` holds the given
    names, apart from ``function_words`` (their union was a copy of 45,000 names). Places are
    not dropped here: the gazetteer's later sources override these names ("Toyota", a city)."""
    kept: list[str] = []
    for name in names:
        parts = name.split()
        # Three letters or fewer: an acronym the acronym LF types already, whose key the
        # automaton would find inside many words ("sto" in "story", "ses" in "uses"): a
        # tenth more of its hits to check a sentence for nothing.
        if name in stop or len(name) <= 3 or _CODE.fullmatch(name):
            continue
        title = name.title()
        if title in people or title in function_words:
            continue
        if len(parts) == 2 and parts[0] in people and parts[1] not in suffixes:
            continue
        kept.append(name)
    return kept


def company_names() -> list[str]:
    """The short names of every company of the package's indices, sorted, without repeats."""
    from pytickersymbols import PyTickerSymbols  # type: ignore[import-untyped]

    names: set[str] = set()
    for stock in PyTickerSymbols().get_all_stocks():
        name = stock.get("name")
        if isinstance(name, str) and name.strip():
            names.add(short_name(name))
    return sorted(names)


def read_companies() -> list[str]:
    """``company_names``, kept on disk between runs like the gazetteer's tables, keyed on the
    package's version and this module's source."""
    names: list[str] = cached_table("companies", ("pytickersymbols",), company_names)
    return names

"""The data files of the entity family, loaded once and shared by every LF.

Rules are data: cue words, suffixes and titles live in the YAML/TXT files next to this module,
so that a linguist can extend them without touching code. Each LF declares the files it reads
(``DATA``) so that editing one changes the version of the LF set.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from builder.datafiles import word_list
from builder.prelabel.package_cache import cached_table

HERE = Path(__file__).resolve().parent
PEOPLE = HERE / "people.yaml"
ORGS = HERE / "orgs.yaml"
PLACES = HERE / "places.yaml"
MISC = HERE / "misc.yaml"
NUMBERS = HERE / "numbers.yaml"
FUNCTION_WORDS = HERE / "function_words.txt"


def words(path: Path, key: str) -> tuple[str, ...]:
    """The word list ``key`` of a YAML data file, as strings, in file order."""
    return word_list(path, key)


@cache
def word_set(path: Path, key: str) -> frozenset[str]:
    return frozenset(words(path, key))


@cache
def phrase_set(path: Path, key: str) -> frozenset[tuple[str, ...]]:
    """Multi-word entries as tuples of words, to compare with token windows."""
    return frozenset(tuple(w.split()) for w in words(path, key))


@cache
def function_words() -> frozenset[str]:
    lines = FUNCTION_WORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@cache
def first_names() -> frozenset[str]:
    """Given names from gender-guesser's name dictionary, minus capitalised function words
    ("The" and "Will" are in it as rare names)."""
    names = cached_table("first_names", ("gender-guesser",), _package_first_names)
    return frozenset(names) - function_words()


def _package_first_names() -> list[str]:
    """The names of gender-guesser's dictionary that are words (kept on disk between runs:
    reading the dictionary took a third of a second)."""
    import gender_guesser.detector as gd  # type: ignore[import-untyped]

    names: dict[str, Any] = gd.Detector(case_sensitive=True).names
    return sorted(n for n in names if n.isalpha() and len(n) > 1)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Every word list as a set, resolved once: LFs run per sentence, and hashing the file path
    of a cached ``word_set(path, key)`` call on every lookup cost more than the lookups."""

    titles: frozenset[tuple[str, ...]]
    roles: frozenset[str]
    speech_verbs: frozenset[str]
    particles: frozenset[str]
    regnal: frozenset[str]
    person_heads: frozenset[str]
    org_suffixes: frozenset[str]
    org_prefixes: frozenset[str]
    of_heads: frozenset[str]
    not_acronyms: frozenset[str]
    row_heads: frozenset[str]
    common_eponyms: frozenset[tuple[str, ...]]
    fac_suffixes: frozenset[str]
    loc_suffixes: frozenset[str]
    event_suffixes: frozenset[str]
    law_suffixes: frozenset[str]
    norp_qualifiers: frozenset[str]
    norp_political: frozenset[str]
    function_words: frozenset[str]


@cache
def lexicon() -> Lexicon:
    return Lexicon(
        titles=phrase_set(PEOPLE, "titles"),
        roles=word_set(PEOPLE, "roles"),
        speech_verbs=word_set(PEOPLE, "speech_verbs"),
        particles=word_set(PEOPLE, "particles"),
        regnal=word_set(PEOPLE, "regnal"),
        person_heads=word_set(PEOPLE, "person_heads"),
        org_suffixes=word_set(ORGS, "suffixes"),
        org_prefixes=word_set(ORGS, "prefixes"),
        of_heads=word_set(ORGS, "of_heads"),
        not_acronyms=word_set(ORGS, "not_acronyms"),
        row_heads=word_set(ORGS, "row_heads"),
        common_eponyms=phrase_set(ORGS, "common_eponyms"),
        fac_suffixes=word_set(PLACES, "fac_suffixes"),
        loc_suffixes=word_set(PLACES, "loc_suffixes"),
        event_suffixes=word_set(MISC, "event_suffixes"),
        law_suffixes=word_set(MISC, "law_suffixes"),
        norp_qualifiers=word_set(PLACES, "norp_qualifiers"),
        norp_political=word_set(PLACES, "norp_political"),
        function_words=function_words(),
    )

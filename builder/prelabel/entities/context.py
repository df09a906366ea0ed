"""Names typed by the words around them, when no list knows them.

- ``place_context``: a capitalised run the gazetteers miss is a place after "in"/"near" or
  "the town of", before a place noun ("Michoacan state", "Stansted airport") and before
  ", <known place>" ("Tacambaro , Michoacan", the dateline "HERZLIYA , Israel");
- ``place_dateline``: the capitals before ", <place>" that open a dateline;
- ``person_context``: a name followed by ", who" or by an age (", 45 ,") is a person;
- ``norp_form``: the plural of a nationality ("Austrians"), a demonym ending ("Zairean").

Weaker than a list: the priors let a gazetteer, a suffix or a title outvote them ("in
Congress" stays an organisation).
"""

from __future__ import annotations

import re

from builder.model import EntityVote
from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis
from builder.prelabel.entities.chunk_tokens import is_cap, owned_at
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.hits import gazetteer_hits
from builder.prelabel.entities.lexicon import ORGS, PLACES, first_names, lexicon
from builder.prelabel.entities.lfs import run_vote
from builder.prelabel.lf import DocContext, labeling_function

PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
# "the town of X", "the province of X": the noun before "of" says what X is.
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "port", "island", "state"}
)
# "east of Longyear", "north-west of X" (v2, issue 13; "In X" at the start of a sentence too).
# "north-west of" is tokenised "north", "-", "west": the last word is enough.
# What a possessive after a place begins with (``owned_at`` asked only then; issue 14).
_MARKS = ("'", "’", " '", " ’")
COMPASS = frozenset(
    {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest"}
)
# "Michoacan state", "Stansted airport": a lower-case place noun after the name.
PLACE_HEADS = PLACE_NOUNS | {"airport", "county", "valley", "river"}
# v7: "at X" names a place after a site, an event held somewhere or a landing ("the nuclear
# plant at Chernobyl", "a concert at Parken", "landed at Stansted", "test (at Headingley)"), a
# company or a club after a person ("an analyst at Velmo", "a coach at Brelko": no vote).
# The words between two sides of a fixture (teams.FIXTURE_WORDS): "v Kent XI (at Arundel)".
_FIXTURE = frozenset({"v", "vs", "vs."})
AT_PLACE = frozenset(
    {
        "plant",
        "plants",
        "station",
        "reactor",
        "camp",
        "base",
        "airport",
        "port",
        "site",
        "facility",
        "depot",
        "refinery",
        "mine",
        "prison",
        "jail",
        "stadium",
        "test",
        "practice",
        "international",
        "concert",
        "ceremony",
        "festival",
        "summit",
        "landed",
        "arrived",
        "docked",
        "stationed",
        "born",
        "buried",
    }
)


# 3: two words after "in"/"near"/"outside" too ("in Velmora Heights"; issue 13)
# 4: "St" starts a name, no longer a word dropped before one ("St Velmora"; issue 13)
# 5: not before ", <place>'s" ("Ukrenergo, Ukraine's state energy company": an apposition)
# 6: nor before a plural's possessive or CoNLL's spaced one ("X, Philippines' top bank")
# 7: after "at" when a site or an event precedes it ("the plant at Chernobyl"; AT_PLACE)
# 8: a bracket before "at" only after a site or an event, or in a fixture; not after "talks"
# 9: the score lines of numbered.py ("Portsmouth 1, Southampton nil": no "Portsmouth 1")
# 10: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "place_context",
    version=10,
    layer="entities",
    prior=0.55,
    data=[ORGS, PLACES],
    description=(
        'A name after "in"/"near"/"the town of", or before ", <known place>": a place (GPE).'
    ),
)
@on_analysis
def place_context(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    if not a.runs or a.headline:
        return []
    words, starts = a.words, a.starts
    hits = gazetteer_hits(a, ctx)
    known = {(s, e) for s, e, _ in hits}
    # A place not in the possessive: "Kherson, Ukraine" names a town, "Ukrenergo, Ukraine's
    # state energy company" an apposition whose head decides (v5), as does "Philippines'" (v6).
    text = a.text
    place_starts = {
        s
        for s, e, label in hits
        if label in ("GPE", "LOC") and not (text.startswith(_MARKS, e) and owned_at(text, e))
    }
    suffixes = lexicon().org_suffixes
    votes = []
    for run in a.runs:
        if (run.start, run.end) in known or words[run.last - 1] in suffixes:
            continue
        before = words[run.first - 1] if run.first > 0 else ""
        before2 = words[run.first - 2].lower() if run.first > 1 else ""
        after = words[run.last] if run.last < len(words) else ""
        then = starts[run.last + 1] if run.last + 1 < len(words) else -1
        if (
            (before.lower() in PLACE_PREPOSITIONS and run.last - run.first <= 2)
            or (before == "of" and (before2 in PLACE_NOUNS or before2 in COMPASS))
            or (before == "at" and _at_place(words, run.first) and run.last - run.first <= 3)
            or (after == "," and then in place_starts and run.last - run.first <= 2)
            or (after in PLACE_HEADS and not run.initial and run.last - run.first == 1)
        ):
            votes.append(run_vote(run, "GPE", 1.0, "place_context"))
    return votes


def _at_place(words: list[str], first: int) -> bool:
    """Whether the word before "at" (the token before ``first``) is a site or an event, or an
    opening bracket after one or in a fixture ("Fourth test (at Headingley)", "v Kent XI (at
    Arundel)"; v8: not a bracket alone, "man of the match (at Microsoft)")."""
    before2 = words[first - 2].lower() if first > 1 else ""
    if before2 != "(" or first < 3:
        return before2 in AT_PLACE
    return words[first - 3].lower() in AT_PLACE or not _FIXTURE.isdisjoint(words[: first - 2])


MAX_DATELINE = 12  # tokens: "SAN JOSE , Costa Rica 1996-08-30" is 10 (the date is 5; v2)


# 2: hyphens inside the capitals ("NOVO-KAMENSK"), the region before the date, capitals and a
# date alone ("SAN MARINO 1996-08-30"; issue 13)
@labeling_function(
    "place_dateline",
    version=2,
    layer="entities",
    prior=0.9,
    data=[PLACES],
    description=(
        'The place of a dateline: a line that starts with words in capitals, then ", <known '
        'place>" or ", <Place> <date>" ("TOFTIR , Faroe Islands 1996-08-31", "KIEV, Ukraine").'
    ),
)
@on_analysis
def place_dateline(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    words, starts, ends = a.words, a.starts, a.ends
    if len(words) > MAX_DATELINE or len(words) < 3:
        return []
    k = 0
    while k < len(words) and (
        _capitals(words[k]) or (glued_dash(a, k) and _capitals(words[k + 1]))
    ):
        k += 1
    if k == 0 and starts[0] == 0:  # no capitals first (most lines): no date scan either
        return []
    # The tokens of the date that ends the line, if one does ("1996", "-", "08", "-", "30").
    date = _DATE.search(a.text)
    d = next((i for i, s in enumerate(starts) if s == date.start() + 1), -1) if date else -1
    if k == 0 or k + 1 >= len(words) or words[k] != "," or not is_cap(words[k + 1]):
        if k == d:  # "SAN MARINO 1996-08-30": capitals, a date (v2)
            return [entity_vote(starts[0], ends[k - 1], "GPE", 1.0, "place_dateline")]
        return []
    known = any(s == starts[k + 1] for s, _, lab in gazetteer_hits(a, ctx) if lab == "GPE")
    if not (known or words[-1][0].isdigit()):
        return []
    votes = [entity_vote(starts[0], ends[k - 1], "GPE", 1.0, "place_dateline")]
    if d > k + 1 and all(is_cap(w) or w == "." for w in words[k + 1 : d]):
        # "CAYENNE , Guiana 1996-08-30", "DOVER , N.H. 1996-08-30": the region too (v2)
        votes.append(entity_vote(starts[k + 1], ends[d - 1], "GPE", 1.0, "place_dateline"))
    return votes


_DATE = re.compile(r" \d{4}-\d{2}-\d{2}$")


def _capitals(word: str) -> bool:
    return word[0].isalpha() and word.isupper()


def glued_dash(a: Analysis, i: int) -> bool:
    """Token ``i`` is a "-" glued to the words on both sides ("1996-08-30", "NOVO-KAMENSK")."""
    return (
        a.words[i] == "-"
        and 0 < i < len(a.words) - 1
        and a.ends[i - 1] == a.starts[i]
        and a.ends[i] == a.starts[i + 1]
    )


_AGE = re.compile(r"\s*,\s*(?:who\b|whose\b|\d{1,2}\s*,)")


# 2: "St" starts a name, no longer a word dropped before one ("St Velmora"; issue 13)
# 3: the runs of numbered.py ("Radio 4, who": no person); 4: its holidays and score lines
@labeling_function(
    "person_context",
    version=4,
    layer="entities",
    prior=0.6,
    data=[ORGS, PLACES],
    description='A name followed by ", who", ", whose" or an age (", 45 ,"): a person.',
)
@on_analysis
def person_context(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    if a.headline:
        return []
    text = a.text
    return [
        run_vote(run, "PERSON", 1.0, "person_context")
        for run in a.runs
        if run.last - run.first <= 3 and _AGE.match(text, run.end)
    ]


# Endings of demonyms the gazetteer may not list: "Zairean", "Surinamese", "Azerbaijani".
DEMONYM_ENDINGS = ("ean", "ese", "ian", "ani", "iote")


# v2: the nationalities added to places.yaml (2026-12-06) change which plurals it names.
@labeling_function(
    "norp_form",
    version=2,
    layer="entities",
    prior=0.7,
    data=gazetteer.DATA,
    description=(
        'A nationality by its form: the plural of one the gazetteer knows ("Austrians"), or a '
        'demonym ending before a lower-case word ("Zairean troops", "Surinamese guerrilla").'
    ),
)
@on_analysis
def norp_form(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    words = a.words
    names = first_names()
    votes = []
    for run in a.runs:
        word = a.text[run.start : run.end]
        if run.last - run.first != 1 or word.isupper() or word in names:
            continue
        nxt = words[run.last] if run.last < len(words) else ""
        if word.endswith("s"):
            singular = word[:-1]
            hits = gazetteer.find(singular)
            if any(h.label == "NORP" and h.end - h.start == len(singular) for h in hits):
                votes.append(run_vote(run, "NORP", 1.0, "norp_form"))
        elif word.endswith(DEMONYM_ENDINGS) and nxt[:1].islower() and not gazetteer.find(word):
            votes.append(run_vote(run, "NORP", 0.8, "norp_form"))
    return votes

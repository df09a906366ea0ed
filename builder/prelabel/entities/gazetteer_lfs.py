"""The gazetteers' LFs: places (GPE, LOC), nationalities and groups (NORP), and events
(EVENT) that the lists of ``gazetteer.py`` know, matched on word boundaries in any case."""

from __future__ import annotations

from builder.model import EntityVote
from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis, in_longer_run
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.hits import gazetteer_hits
from builder.prelabel.entities.lexicon import MISC, ORGS, lexicon
from builder.prelabel.entities.peoples import norp_spans
from builder.prelabel.lf import DocContext, labeling_function


def _gazetteer_votes(
    a: Analysis, ctx: DocContext, labels: set[str], lf: str, inside: float | None = 0.4
) -> list[EntityVote]:
    """The votes of the hits with one of ``labels``; a hit inside a longer name gets the
    score ``inside``, or no vote when it is None."""
    votes = []
    for start, end, label in gazetteer_hits(a, ctx):
        if label not in labels:
            continue
        # Inside a longer name ("New York Stock Exchange", "Russian Foreign Ministry") the
        # place is probably part of it: a weak vote that the longer span can beat.
        if not in_longer_run(a, start, end):
            votes.append(entity_vote(start, end, label, 1.0, lf))
        elif inside is not None:
            votes.append(entity_vote(start, end, label, inside, lf))
    return votes


# 2: US states abbreviated as in datelines ("Calif", places.yaml; issue 13)
# 3: the runs changed ("St Velmora" whole), and so which hits lie inside a longer name; the
# events of misc.yaml are hits too ("Tour de France" holds no place; issue 13)
# 4: no participle opening a sentence holds a place ("Unclogging Beijing"; opening.py)
# 5: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "gazetteer_place",
    version=5,
    layer="entities",
    prior=0.85,
    data=gazetteer.DATA,
    description="Countries, cities and US states (GPE) and continents and regions (LOC).",
)
@on_analysis
def gazetteer_place(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    return _gazetteer_votes(a, ctx, {"GPE", "LOC"}, "gazetteer_place")


# 2: peoples and demonyms countryinfo lacks ("Swede", "Tatars"; places.yaml, issue 13)
# 3: nationalities of several words, one span ("Iraqi Kurdish", "North American"; peoples.py)
# 4: no participle opening a sentence holds one ("Struggling Japanese"; opening.py)
# 5: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "gazetteer_norp",
    version=5,
    layer="entities",
    prior=0.85,
    data=gazetteer.DATA,
    description=(
        'Nationalities, religious and political groups (NORP): "Ukrainian", "Muslim", and those of'
        ' several words ("Bosnian Serb", "North American"; v3).'
    ),
)
@on_analysis
def gazetteer_norp(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    lex = lexicon()
    spans = norp_spans(a.text, gazetteer_hits(a, ctx), lex.norp_qualifiers, lex.norp_political)
    return [
        entity_vote(s, e, "NORP", 0.4 if in_longer_run(a, s, e) else 1.0, "gazetteer_norp")
        for s, e in spans
    ]


@labeling_function(
    "gazetteer_event",
    version=1,
    layer="entities",
    prior=0.85,
    data=[MISC],
    description=(
        'Events the list of misc.yaml knows ("World Cup", "Olympics"), in any case (issue 13).'
    ),
)
@on_analysis
def gazetteer_event(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    return _gazetteer_votes(a, ctx, {"EVENT"}, "gazetteer_event")


@labeling_function(
    "gazetteer_org",
    version=1,
    layer="entities",
    prior=0.85,
    data=[ORGS],
    description=(
        'Organisations the lists know: listed companies from pytickersymbols ("Goldman Sachs",'
        ' "Adobe"; companies.py) and the institutions of orgs.yaml ("Kremlin"; issue 13).'
    ),
)
@on_analysis
def gazetteer_org(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    # No vote inside a longer name: "the Big Apple" is New York, "Diageo North America" a
    # unit of its own (the capitalised run's guess types the whole).
    return _gazetteer_votes(a, ctx, {"ORG"}, "gazetteer_org", inside=None)

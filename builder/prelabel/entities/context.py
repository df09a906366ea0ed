"""Names typed by the words around them, when no list knows them.

A capitalised run the gazetteers miss is a place after "in"/"near" or after "the town of",
and before ", <known place>" ("Velten near Berlin", "Tacambaro , Michoacan", the dateline
"HERZLIYA , Israel"). Weaker than a list: the prior lets a gazetteer, a suffix or a title
outvote it ("in Congress" stays an organisation).
"""

from __future__ import annotations

from builder.model import EntityVote, Sentence
from builder.prelabel.entities.analysis import analysis
from builder.prelabel.entities.lexicon import ORGS, PLACES, lexicon
from builder.prelabel.entities.lfs import gazetteer_hits, run_vote
from builder.prelabel.lf import DocContext, labeling_function

PLACE_PREPOSITIONS = frozenset({"in", "near", "outside"})
# "the town of X", "the province of X": the noun before "of" says what X is.
PLACE_NOUNS = frozenset(
    {"town", "city", "village", "province", "region", "district", "port", "island", "state"}
)


@labeling_function("place_context", version=1, layer="entities", prior=0.55, data=[ORGS, PLACES])
def place_context(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
    """A name after "in"/"near"/"the town of", or before ", <known place>": a place (GPE)."""
    a = analysis(sentence, ctx)
    if not a.runs or a.headline:
        return []
    toks = a.tokens
    hits = gazetteer_hits(a, ctx)
    known = {(s, e) for s, e, _ in hits}
    place_starts = {s for s, _, label in hits if label in ("GPE", "LOC")}
    suffixes = lexicon().org_suffixes
    votes = []
    for run in a.runs:
        if (run.start, run.end) in known or toks[run.last - 1].text in suffixes:
            continue
        before = toks[run.first - 1].text if run.first > 0 else ""
        before2 = toks[run.first - 2].text.lower() if run.first > 1 else ""
        after = toks[run.last].text if run.last < len(toks) else ""
        then = toks[run.last + 1].start if run.last + 1 < len(toks) else -1
        if (
            (before in PLACE_PREPOSITIONS and run.last - run.first == 1)
            or (before == "of" and before2 in PLACE_NOUNS)
            or (after == "," and then in place_starts and run.last - run.first <= 2)
        ):
            votes.append(run_vote(run, "GPE", 1.0, "place_context"))
    return votes

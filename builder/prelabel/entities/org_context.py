"""Organisations typed by the words around them, when no suffix or list knows them
(issue 13): "Ericsson spokesman Per Zetterquist", "shares of Comelf", "Brelcorp 's profit",
"Kompas , the Jakarta daily ,". The cue words live in ``org_context.yaml``.

The votes fall on the capitalised runs of ``analysis.py``, as the other name LFs' do, so
that they outvote ``cap_run``'s guess (a two-word run reads as a person) on the same span.
"""

from __future__ import annotations

from pathlib import Path

from builder.model import EntityVote, Sentence
from builder.prelabel.entities.analysis import Analysis, Run, analysis
from builder.prelabel.entities.lexicon import HERE, word_set
from builder.prelabel.entities.lfs import gazetteer_hits, run_vote
from builder.prelabel.lf import DocContext, labeling_function

CUES: Path = HERE / "org_context.yaml"
APPOSITION_REACH = 4  # words between ", the" and the head noun: "the state news agency"


def _word(a: Analysis, k: int) -> str:
    return a.tokens[k].text if 0 <= k < len(a.tokens) else ""


def _org_cue(a: Analysis, run: Run) -> bool:
    after, before = word_set(CUES, "after"), word_set(CUES, "before_of")
    k = run.last
    nxt = _word(a, k)
    if nxt in ("'s", "'"):
        k += 2 if nxt == "'" and _word(a, k + 1) == "s" else 1
        nxt = _word(a, k)
    if nxt.lower() in after:
        return True
    prev, prev2 = _word(a, run.first - 1), _word(a, run.first - 2).lower()
    if prev in ("of", "in") and prev2 in before:
        return True
    if _word(a, run.last) == "," and _word(a, run.last + 1).lower() == "the":
        heads = word_set(CUES, "apposition")
        for j in range(run.last + 2, min(run.last + 2 + APPOSITION_REACH, len(a.tokens))):
            w = a.tokens[j].text
            if w.lower() in heads:
                return _word(a, j + 1) in (",", ".", "")
            if not w.isalpha():
                return False
    return False


@labeling_function("org_context", version=1, layer="entities", prior=0.8, data=[CUES])
def org_context(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
    """A name before "spokesman"/"shares"/"'s profit", after "shares of"/"stake in", or
    before ", the ... agency": an organisation."""
    a = analysis(sentence, ctx)
    if not a.runs:
        return []
    # "the Warsaw stock exchange", "Hungarian units": a known place or nationality keeps its
    # type (the gazetteers vote for it).
    known = {(s, e) for s, e, _ in gazetteer_hits(a, ctx)}
    return [
        run_vote(run, "ORG", 1.0, "org_context")
        for run in a.runs
        if run.last - run.first <= 5
        and (run.start, run.end) not in known
        and not (run.initial and run.last - run.first == 1 and _word(a, run.last) != "'s")
        and _org_cue(a, run)
    ]

"""Organisations typed by the words around them, when no suffix or list knows them
(issue 13): "Ericsson spokesman Per Zetterquist", "shares of Comelf", "Brelcorp 's profit",
"Kompas , the Jakarta daily ,". The cue words live in ``org_context.yaml``.

The votes fall on the capitalised runs of ``analysis.py``, as the other name LFs' do, so
that they outvote ``cap_run``'s guess (a two-word run reads as a person) on the same span.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from builder.model import EntityVote
from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis, Run
from builder.prelabel.entities.chunk_tokens import APOSTROPHES, possessive_marks
from builder.prelabel.entities.hits import gaz_spans
from builder.prelabel.entities.lexicon import FUNCTION_WORDS, HERE, word_set
from builder.prelabel.entities.lfs import run_vote
from builder.prelabel.lf import DocContext, labeling_function

CUES: Path = HERE / "org_context.yaml"
APPOSITION_REACH = 4  # words between ", the" and the head noun: "the state news agency"


@cache
def _cues() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """The cue lists, resolved once (``word_set`` hashes its path argument per call)."""
    return (
        word_set(CUES, "after"),
        word_set(CUES, "before_of"),
        word_set(CUES, "apposition"),
        word_set(CUES, "after_name"),
    )


def _org_cue(words: list[str], run: Run) -> bool:
    """``words``: the sentence's token texts, with two empty strings at each end (so that no
    index needs a bounds check)."""
    after, before, heads, after_name = _cues()
    k = run.last + 2  # the word after the run
    if words[k].lower() in after_name:
        return True
    if words[k] in APOSTROPHES:  # (a call a run cost more than the look; issue 14)
        k += possessive_marks(words, k)  # "Acme's shares", "Barclays' shares" (v4)
    if words[k].lower() in after:
        return True
    first = run.first + 2
    if words[first - 1] in ("of", "in") and words[first - 2].lower() in before:
        return True
    return _apposition(words, run, heads) is not None


def _apposition(words: list[str], run: Run, heads: frozenset[str]) -> str | None:
    """Whether an apposition headed by an organisation's noun follows the run: "the" for ", the
    state news agency ,", "owner" for ", <Name> 's third-biggest software firm ,", else None."""
    k = run.last + 2
    if words[k] != ",":
        return None
    if words[k + 1].lower() == "the":
        # v4: ", the Philippines' biggest lender ,": a named owner, as ", India 's ... firm"
        owner = _possessive_end(words, k + 2)
        k, kind = (k + 2, "the") if owner is None else (owner, "owner")
    elif (owner := _possessive_end(words, k + 1)) is not None:
        k, kind = owner, "owner"  # v3: "Wipro , India 's third-biggest software firm ,"
    else:
        return None
    seen = 0
    for j in range(k, len(words) - 2):
        if words[j].lower() in heads:
            return kind if words[j + 1] in (",", ".", "") else None
        if words[j] == "-" and seen:
            continue  # v3: "third-biggest", its hyphen a token of its own
        if seen and (marks := possessive_marks(words, j)):
            # v4: ", the country 's second-largest lender ,": the words up to the owner's mark
            # count no more than after ", India 's" (the "s" of a two-token mark is next)
            seen = 1 - marks
            continue
        seen += 1
        if not words[j].isalpha() or seen == APPOSITION_REACH:
            return None
    return None


def _possessive_end(words: list[str], k: int) -> int | None:
    """The word after "<Name> 's" or "<Name> <Name> 's" (capitalised words, the possessive one
    token or two, or a plural's apostrophe) at ``k``, else None: "India 's", "New Zealand 's",
    "Philippines '" (v4)."""
    for size in (1, 2):
        names = words[k : k + size]
        if len(names) < size or not all(w[:1].isupper() and w.isalpha() for w in names):
            return None
        j = k + size
        if marks := possessive_marks(words, j):
            return j + marks
    return None


# v2: the runs and gazetteer hits it reads changed (function_words.txt: "St" out, month
# abbreviations in; the gazetteer's events of misc.yaml), so they are its data too.
# v3: after ", <place> 's" too ("Wipro , India 's third-biggest software firm ,"), and over
# hyphens ("the second-largest carrier"); before "radio", "television" ("Sky television").
# v4: a plural's possessive as another's ("Barclays' shares", ", the Philippines' biggest
# bank ,"), an owner after ", the" and the owner's mark inside an apposition; the runs of
# opening.py ("Combining SMFG ,": SMFG).
# 5: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "org_context",
    version=5,
    layer="entities",
    prior=0.8,
    data=[CUES, FUNCTION_WORDS, *gazetteer.DATA],
    description=(
        'A name before "spokesman"/"shares"/"\'s profit", after "shares of"/"stake in", or before '
        '", the ... agency": an organisation.'
    ),
)
@on_analysis
def org_context(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    if not a.runs:
        return []
    words = ["", "", *a.words, "", ""]
    votes = []
    heads = _cues()[2]
    for run in a.runs:
        size = run.last - run.first
        if size > 5:
            continue
        if run.initial and size == 1 and words[run.last + 2] != "'s":
            # One capitalised word first in the sentence may be any word ("Meanwhile, the
            # group, ..."): only ", <Name> 's ... firm ," says it names one ("Wipro, India's
            # third-biggest software firm, ...").
            cue = _apposition(words, run, heads) == "owner"
        else:
            cue = _org_cue(words, run)
        # "the Warsaw stock exchange", "Hungarian units": a known place or nationality keeps
        # its type (the gazetteers vote for it).
        if cue and (run.start, run.end) not in gaz_spans(a, ctx):
            votes.append(run_vote(run, "ORG", 1.0, "org_context"))
    return votes

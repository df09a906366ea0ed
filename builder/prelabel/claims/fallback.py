"""The cue fallback: a reporting or stance verb that no structured pattern explained.

The structured LFs (lfs.py) only vote where they can also find the source and the content.
Many attributions have their content in another sentence ('The minister added:') or a
structure they refuse ('Analysts, asked about it, ...'); a cue alone still saves the annotator
a selection. It votes only in sentences without any structured attribution, with a low prior.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from builder.datafiles import check_words, load_mapping
from builder.model import ClaimVote, Sentence, Span, Vote
from builder.prelabel.claims.analysis import analyse
from builder.prelabel.claims.extract import trim
from builder.prelabel.claims.lexicon import CUES_FILE, forms, load_lexicon
from builder.prelabel.claims.source import source_left
from builder.prelabel.lf import DocContext, labeling_function

_WORD = re.compile(r"(?<![\w'’-])[A-Za-z]+(?![\w'’-])")


@cache
def _vocabulary() -> tuple[frozenset[str], frozenset[str]]:
    """(cue verb forms, words that make the next verb form a noun), from cues.yaml."""
    data = load_mapping(CUES_FILE)
    skip = set(data.get("trailing_only", ()))  # "continue" is a cue only after a quote
    # Gerunds of stance verbs are nouns too often ("the finding", "backing").
    cues = {**forms(data["speech"]), **forms(data["attitude"], gerunds=False)}
    markers = check_words(CUES_FILE, "noun_markers", data["noun_markers"])
    # v2: no base forms: "want to", "to tell the truth", "critical support" are infinitives and
    # nouns far more often than an attribution's cue (PolNeAR dev).
    verbs = frozenset(
        f for f, lemma in cues.items() if lemma not in skip and " " not in f and f != lemma
    )
    return verbs, frozenset(w.lower() for w in markers)


def fallback_votes(sentence: Sentence, explained: bool, lf: str) -> list[Vote]:
    """The cue verbs of a sentence where no structured pattern found an attribution."""
    if explained:
        return []
    text = sentence.text
    forms, noun_markers = _vocabulary()
    if forms.isdisjoint(_WORD.findall(text)):
        return []  # no cue verb at all (most sentences): found without a loop per word
    prev = ""
    votes: list[Vote] = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word in forms and prev not in noun_markers:
            s, e = m.span()
            right = trim(text, e, len(text))
            claim = right or trim(text, 0, s)
            if claim is not None:
                # v2: the noun phrase left of the verb is its subject, the source, as for the
                # structured patterns: "Republicans have expressed concern that ...". v3: also
                # when nothing follows the verb ("Graham asked."): the content was before.
                left = source_left(text, s, load_lexicon())[0]
                source = Span(*left) if left and (left[1] <= claim[0] or not right) else None
                votes.append(ClaimVote(Span(*claim), source, Span(s, e), False, 0.6, lf))
        prev = word.lower()
    return votes


# v3 (issue 13): every cue verb of the sentence, not only the first; more stance verbs in
# cues.yaml (attacked, plans, likened); a source before a verb that ends the sentence.
@labeling_function("claim_cue_fallback", version=3, layer="claims", prior=0.45, data=[CUES_FILE])
def claim_cue_fallback(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """A reporting or stance verb (said, wants, endorsed) that no structured pattern explained."""
    explained = bool(analyse(sentence, ctx).attributions)
    return fallback_votes(sentence, explained, "claim_cue_fallback")

"""A second attribution chained to the first one of a sentence, with the same source:

    '"We do not see a link," the mayor said, adding that it would take more hours.'
    'He claimed vast wealth and said it ensured he was not beholden to anyone.'

The structured patterns find the first cue; the verb after ", " or "and" is another cue whose
source is the first attribution's (its subject is left out). Content: the rest of the clause.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate

from builder.model import ClaimVote, Sentence, Span, Vote
from builder.prelabel.claims.analysis import Analysis, analyse
from builder.prelabel.claims.contents import closed
from builder.prelabel.claims.fallback_words import all_taken, more_cues, vocabulary
from builder.prelabel.claims.lexicon import CUES_FILE, load_lexicon
from builder.prelabel.claims.quotes import Quotes, inside
from builder.prelabel.claims.spans import in_runs, merged_runs, trim
from builder.prelabel.lf import DocContext, labeling_function
from builder.prelabel.sentence_words import lower_words

# ", adding", "and said", "and then told": the link and the verb, the verb in group 1.
# Led by the class of its first character ("," or the "a" of "and", told apart by a look back),
# so that the scan skips the other characters in C: the matches of
# ``(?:,\s*|\band\s+(?:then\s+|also\s+|later\s+)?)([A-Za-z]+)\b`` (the test's reference), in
# some half the time (tests/prelabel/test_claims_scans.py).
_CHAINED = re.compile(r"[,a](?:(?<=,)\s*|(?<=\ba)nd\s+(?:then\s+|also\s+|later\s+)?)([A-Za-z]+)\b")
# Where the chained content ends: the next clause joined by a conjunction or a semicolon.
_CLAUSE_END = re.compile(r";|,\s*(?:but|while|although|and)\b")
# v25: the particle of a verb of cues.yaml written with one (", referring to", ", pointing to").
_PARTICLE = re.compile(r" ([a-z]+)\b")


@cache
def _with_particle() -> frozenset[str]:
    """The inflected forms of cues.yaml's verbs with a particle ("referring to", "pointed out")."""
    return frozenset(f for f, lemma in load_lexicon().lemma.items() if " " in f and f != lemma)


@cache
def _chain_words() -> frozenset[str]:
    """Every word that may chain, lower-cased: a chained verb is one of the sentence's
    lower-case words (``lower_words``), at a place ``fallback_words.all_taken`` reads."""
    forms, progressive = vocabulary()[0], more_cues()[0]
    return frozenset(f.lower() for f in forms | progressive | _particle_heads())


@cache
def _particle_heads() -> frozenset[str]:
    """The first words of ``_with_particle``: only after one is a particle looked for."""
    return frozenset(f.partition(" ")[0] for f in _with_particle())


def chained_votes(
    text: str,
    found: Sequence[tuple[tuple[int, int], tuple[int, int] | None]],
    lf: str,
    quotes: Quotes | None = None,
) -> list[Vote]:
    """Votes for the cue verbs chained after the cues ``found`` ((cue, source) pairs).

    Linear in the text: a line of thousands of chained verbs asks, for each, whether a cue
    overlaps it, which attribution came last before it and where its clause ends; each is a
    binary search over tables made once, not a scan of every cue or of the rest of the line."""
    # Attributions with a source by cue end; the latest of ``found`` among those ending first.
    sourced = sorted((c[1], i) for i, (c, src) in enumerate(found) if src is not None)
    if not sourced:
        return []  # every verb would want an attribution with a source ending before it
    cues = merged_runs([c for c, _ in found])
    if quotes is not None and text.isascii():  # (lower-cased at the same offsets)
        shown = _chain_words() & lower_words(text)
        if all_taken(text.lower(), shown, cues, quotes):
            return []  # every verb that may chain is (part of) a cue found, or quoted
    forms, _ = vocabulary()  # (read after the returns above: most sentences return there)
    progressive = more_cues()[0]  # v6: ", encouraging his supporters to ..."
    multi, heads = _with_particle(), _particle_heads()
    sourced_ends = [end for end, _ in sourced]
    latest = list(accumulate((i for _, i in sourced), max))
    clause_ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    votes: list[Vote] = []
    for m in _CHAINED.finditer(text):
        s, e = m.span(1)
        word = m.group(1)
        known = word in forms or (word in progressive and text[m.start()] == ",")
        particle = _PARTICLE.match(text, e) if word in heads else None
        if particle and f"{word} {particle.group(1)}" in multi:
            # v25: '"X," she said, referring to Y': "referring to", then Y
            known, e = True, particle.end()
        if not known or (quotes is not None and inside(quotes, s)):
            continue  # v5: a verb inside a quotation is the speaker's, not a second cue
        if in_runs(cues, s, e):
            continue  # the verb is (part of) a cue already found
        ended = bisect_right(sourced_ends, s)
        if not ended:
            continue
        source = found[latest[ended - 1]][1]
        assert source is not None
        after = bisect_left(clause_ends, e)
        end = clause_ends[after] if after < len(clause_ends) else len(text)
        claim = trim(text, e, end)
        if claim is not None:
            claim = closed(text, claim)  # v6: 'handed out "like candy."'
        if claim is not None and claim[0] >= e:
            votes.append(ClaimVote(Span(*claim), Span(*source), Span(s, e), False, 0.8, lf))
    return votes


# v2 (issue 13): the stance verbs added to cues.yaml chain too ("and attacked"). v3: the cues
# it chains to keep their auxiliaries (lfs.py v4). v4: and their particles (lfs.py v5).
# v5: no chained cue inside a quotation.
# v6: a participle of a stance verb after a comma chains too (", encouraging"); the content
# keeps a quotation's closing marks; '' is a quotation mark. v7: the analysis of lfs.py v9;
# the content keeps the mark that opens its quotation. v8: the analysis of lfs.py v10. v9:
# that of v11. v10: the sources of lfs.py v12 (", adding X and opposed Y": the speaker of
# the reporting verb before "adding"). v11: those of lfs.py v14 ("The company reports losses
# and says X, adding Y": the company). v12: those of v15 ("it is steering clear of criticizing
# X and calling Y": it). v13: those of v16 (the subject past an opening phrase or a name's
# apposition: "Shortly after the crash, Federer said X, adding Y": Federer). v14: those of v17.
# v15: those of v18 (more irregular pasts: "The storm blew X and the mayor said Y, adding Z").
# Two passes branched from the version before; on their branches:
# precision pass v16: the shared analysis of claim_reported_speech v20 (set phrases,
# colon speakers).
# recall pass:
# v16: the new cues of claim_reported_speech v20.
# v17-v20: the new cues of claim_reported_speech v24, v25, v27, v29.
# v21: both passes merged (the precision pass's v16 and the recall pass's v20).
# v22: the sources of claim_reported_speech v32 ("She sent a letter saying X, adding Y": she).
# v23: the analysis of claim_reported_speech v35 ("Reed, however, said X, adding Y": Reed).
# v24: that of v38 ("Roe - a farmer - pleaded X and denied Y": Roe denies).
# v25: a verb with its particle chains ('"X," she said, referring to Y': "referring to"); the
# analysis of claim_reported_speech v39. v26: no cue of "thanks" (", thanks to": cues.yaml).
# v27: the analysis of claim_reported_speech v40 ("58% say X, adding Y": 58%).
# v28: that of claim_reported_speech v41.
@labeling_function(
    "claim_chained_cue",
    version=30,
    layer="claims",
    prior=0.6,
    data=[CUES_FILE],
    description=(
        "A second cue after ', ' or 'and' (\"..., adding that\", \"and said\") sharing the source."
    ),
)
def claim_chained_cue(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    return chained_cue(sentence, analyse(sentence, ctx))


def chained_cue(sentence: Sentence, analysis: Analysis) -> list[Vote]:
    """``claim_chained_cue``'s votes on ``sentence``, of its ``analysis``."""
    if not analysis.attributions:
        return []  # (most sentences: no list made for nothing; issue 14)
    found = [(a.cue, a.source) for a in analysis.attributions]
    return chained_votes(sentence.text, found, "claim_chained_cue", analysis.quotes)

"""The word "as" after a cue verb: a clause of time or cause ("A dog barked as workers walked"),
a set phrase ("warned as many as 300 jobs were at risk") or the verb's particle ("described
as toothless"); and the forms of "say", after which "as" is neither (twelfth session; the
golden cases of tests/prelabel/test_claims_seed_forms.py).
"""

from __future__ import annotations

import re

# The set phrases after "as": "as many as", "as part of", "as well as" (one pattern for both
# the clause's exclusion and the phrase's own test).
_SET_PHRASE = r"(?:(?:many|much|few|little|well)\s+as|part\s+of)\b"
# "as" that opens a clause: a subject pronoun, or one to four words and a finite verb, no mark,
# conjunction, relative word or "-ly" adverb between ("barked as emergency workers walked",
# "pledged as he unveiled"): a time or a cause, not the particle of a verb of regard ("described
# as toothless", "criticized as fiendishly complicated", "seen as elected officials", "reported
# as having asked", "labelled as a file called"); nor a set phrase of "as" ("warned as many as
# 300 jobs were at risk", "as part of", "as well as": the review of the twelfth session).
_AS_CLAUSE = re.compile(
    rf"\s*as\s+(?!{_SET_PHRASE})"
    r"(?:(?:he|she|they|we|I|it|you)\b"
    r"|(?!\w+ing\b|if\b|though\b)"
    r"(?:(?!who\b|that\b|which\b|and\b|or\b|but\b|\w+ly\s)\w[\w'’.-]*\s+){1,4}?"
    r"(?:(?!called\b|named\b|dubbed\b|titled\b)[a-z]+ed|was|were|is|are|has|have|had|rose|fell"
    r"|came|went|ran|began|took|got|left|stood|sat|grew|fled|fought|won|lost|gave|met|led|held"
    r"|struck)(?![\w'’-]))"
)
# "as" opening a set phrase: neither a clause nor a cue's particle, the content's first word
# ("warned as many as 300 jobs were at risk": cue "warned").
_AS_PHRASE = re.compile(rf"\s*as\s+{_SET_PHRASE}")
# The forms of "say", after which "as" is neither a particle nor a clause of time: the one set
# of the three checks (spans.widen_right, extract's content, fallback_words.placed; "are saying
# as the storm hit that ..." kept its "as").
SAY_FORMS = frozenset(["say", "says", "said", "saying"])
# A form of "be" in the words before, no comma between: a passive cue, whose content is its
# subject ("were made clear on Sunday as they celebrated": PolNeAR's cue), however a clause
# follows; not one inside an aside ("The mayor, who was re-elected, pledged as he left").
_BE_BEFORE = re.compile(r"\b(?:is|are|was|were|be|been|being)\s[^,]*\Z")


def said_before(text: str, end: int) -> bool:
    """Whether the word that ends at ``end`` is a form of "say" (``SAY_FORMS``)."""
    start = end
    while start > 0 and end - start < 7 and text[start - 1].isalpha():
        start -= 1
    return text[start:end].lower() in SAY_FORMS


def as_phrase(text: str, pos: int) -> bool:
    """Whether the "as" at ``pos`` (after blanks) opens a set phrase ("as many as", "as part of",
    "as well as"), not a particle of the verb before it."""
    return _AS_PHRASE.match(text, pos) is not None


def as_clause(text: str, pos: int) -> bool:
    """Whether the "as" at ``pos`` (after blanks) opens a clause of time or cause (the seeds' "A
    dog barked as workers walked": no content of the verb's; PolNeAR marks none after a verb of
    saying, whose content such a clause may open: "said as both sides planned cuts, they should
    ..."; reads the 40 characters before it for a passive)."""
    return (
        _AS_CLAUSE.match(text, pos) is not None
        and _BE_BEFORE.search(text, max(0, pos - 40), pos) is None
    )

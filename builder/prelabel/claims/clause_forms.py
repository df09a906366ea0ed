"""Forms of speech verbs that are plural nouns as often as verbs (cues.yaml ``clause_forms``):
"The suit claims that X" and "he claims his boss is OK" report speech; "his claims that X",
"over claims that X", "claims of fraud" and "Republican claims as false" name it (issue 13).
Such a form is a cue only before what opens a reported clause, and never right after a word
that makes it a noun: a possessive pronoun or a preposition, or a comma or other punctuation
("has long maintained X, claims that the report ...": an apposition to the clause). And the
words before it must be a subject: no verb, auxiliary or preposition but "of" in them ("Mr
Blair derided Tory claims they", "Addressing claims that"), not a determiner or adjective
alone ("Such claims that", "fresh claims that"), and not after the preposition or verb the
walk to the left stopped at ("came amid fresh claims that", "worry about new claims that").
"""

from __future__ import annotations

import re

from builder.prelabel.claims.lexicon import Lexicon

# What opens the reported clause: "that" or a subject pronoun; "the" only with an auxiliary,
# a past or an adverb of one after its noun phrase ("claims the council ignored", not
# "Federer claims the title with").
_AND = re.compile(r"and\s")
_CLAUSE = re.compile(r"\s+(?:that|he|she|they|it|we|i|you)\b", re.IGNORECASE)
_THE = re.compile(r"\s+the((?:\s+[\w'’-]+){1,5})", re.IGNORECASE)
_AUXILIARIES = frozenset(
    [
        *("is", "are", "was", "were", "has", "have", "had", "will", "would", "could", "can"),
        *("should", "may", "might", "must", "did", "does", "do"),
        *("also", "still", "never", "already", "now"),  # "the chips also shut down"
    ]
)
# Possessive pronouns and the prepositions that take a noun ("over claims that").
_NOUN_BEFORE = frozenset(
    [
        *("his", "her", "our", "my", "your", "their", "its"),
        *("of", "over", "about", "on", "for", "to", "with", "against", "by", "from", "in"),
        *("despite", "amid", "after", "before", "among", "amongst"),
    ]
)
# Words that modify the noun and are no subject alone ("Such claims that", "new claims that").
_NO_SUBJECT = frozenset(
    [
        *("such", "these", "those", "this", "that", "any", "some", "no", "all", "other"),
        *("new", "fresh", "further", "similar", "earlier", "recent", "repeated", "false"),
    ]
)


def verb_use(text: str, end: int, prev: str, lex: Lexicon) -> bool:
    """Whether the form ending at ``end``, after the word ``prev`` (lower case, with any
    punctuation it carries), reads as a verb with a clause after it."""
    if not prev or not prev[-1].isalnum() or prev in _NOUN_BEFORE:
        return False
    if _CLAUSE.match(text, end) is not None:
        return True
    the = _THE.match(text, end)
    return the is not None and any(
        w in _AUXILIARIES or lex.simple_past(w) or w in lex.base_pasts
        for w in the.group(1).lower().split()[1:]
    )


def subject_of(text: str, source: tuple[int, int] | None, boundary: int, lex: Lexicon) -> bool:
    """Whether the source the walk left of the form found reads as its subject: a noun phrase
    with no verb ("-ed", an irregular past, "-ing" first), auxiliary or preposition but "of",
    not a modifier alone, and not after a preposition the walk stopped at; or, where the walk
    stopped at "and", the sentence's ("The firm sued and claims that")."""
    if source is None:
        return _AND.match(text, boundary) is not None
    last = text[source[0] : source[1]].rsplit(None, 1)[-1]
    words = text[source[0] : source[1]].lower().split()
    stop = text[boundary : source[0]].lower().split()
    if words[0].endswith("ing") or (stop and stop[0] in _NOUN_BEFORE):
        return False  # "Addressing claims that", "came amid fresh claims that"
    if len(words) == 1 and words[0] in _NO_SUBJECT:
        return False  # "Such claims that", "Investors worry about new claims that"
    if last.endswith("s") and not last.endswith(("ss", "us", "is")) and last.islower():
        return False  # "McFadden makes claims that": a verb in the present (not "Yukos")
    return not any(
        w.endswith("ed")
        or w in lex.past_forms
        or w in lex.base_pasts
        or w in lex.between
        or (w in lex.prepositions and w != "of")
        for w in words
    )

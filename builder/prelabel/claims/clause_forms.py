"""Forms of speech verbs that are plural nouns as often as verbs (cues.yaml ``clause_forms``):
"The suit claims that X" and "he claims his boss is OK" report speech; "his claims that X",
"over claims that X", "claims of fraud" and "Republican claims as false" name it (issue 13).
Such a form is a cue only before what opens a reported clause, and never after a word that
makes it a noun: a possessive pronoun or a preposition, or a comma or other punctuation
("has long maintained X, claims that the report ...": an apposition to the clause). And the
words before it must be a subject: no verb, auxiliary or preposition but "of" in them ("Mr
Blair derided Tory claims they", "came amid fresh claims that", "Addressing claims that").
"""

from __future__ import annotations

import re

from builder.prelabel.claims.lexicon import Lexicon

# What opens the reported clause: "that", a subject pronoun, "the" ("claims the NRA's X").
_AND = re.compile(r"and\s")
_CLAUSE = re.compile(r"\s+(?:that|he|she|they|it|we|i|you|the)\b", re.IGNORECASE)
# Possessive pronouns and the prepositions that take a noun ("over claims that").
_NOUN_BEFORE = frozenset(
    [
        *("his", "her", "our", "my", "your"),
        *("of", "over", "about", "on", "for", "to", "with", "against", "by", "from", "in"),
        *("despite", "amid"),
    ]
)


def verb_use(text: str, end: int, prev: str) -> bool:
    """Whether the form ending at ``end``, after the word ``prev`` (lower case, with any
    punctuation it carries), reads as a verb with a clause after it."""
    if not prev or not prev[-1].isalnum() or prev in _NOUN_BEFORE:
        return False
    return _CLAUSE.match(text, end) is not None


def subject_of(text: str, source: tuple[int, int] | None, boundary: int, lex: Lexicon) -> bool:
    """Whether the source the walk left of the form found reads as its subject: a noun phrase
    with no verb ("-ed", an irregular past, "-ing" first), auxiliary or preposition but "of";
    or, where the walk stopped at "and", the sentence's ("The firm sued and claims that")."""
    if source is None:
        return _AND.match(text, boundary) is not None
    words = text[source[0] : source[1]].lower().split()
    if words[0].endswith("ing"):
        return False  # "Addressing claims that", "Following claims that"
    return not any(
        w.endswith("ed")
        or w in lex.past_forms
        or w in lex.base_pasts
        or w in lex.between
        or (w in lex.prepositions and w != "of")
        or w in _NOUN_BEFORE
        for w in words
    )

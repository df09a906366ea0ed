"""Whether a sentence may hold a cued attribution at all: one look at its lower-case words.

Every rule of ``extract._cued`` is already gated on words of the sentence (``lower_words``):
a cue form is one of them (``lexicon.iter_cues``), a multi-word form's first word too, a view
needs a verb of regard (``views.py``), "according to" and its kin their longest word unless a
character ``re.IGNORECASE`` folds to a letter stands in the text (``according.py``), hearsay
its adverb (``hearsay.py``), a passive " by ". Most sentences of news have none of them
(43% of corpus/bbc), yet passed each gate one by one, with a call, a generator and a scan of
their words for each (issue 14). Here the vocabularies are one set, read once a sentence;
tests/prelabel/test_claims_gate.py holds that every rule finds nothing when it is shut.
"""

from __future__ import annotations

from builder.prelabel.claims.lexicon import Lexicon, multi_heads, per_lexicon
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import has_folds


@per_lexicon
def vocabulary(lex: Lexicon) -> frozenset[str] | None:
    """Every word one of which each cued rule needs; None if a rule has no word gate (a
    multi-word form or a phrase of ``source_after`` with a word of other characters)."""
    heads = multi_heads(lex) if lex.multi is not None else {}
    views = lex.as_view_forms if lex.as_views is not None else frozenset()
    after = lex.source_after_words
    if heads is None or after is None:
        return None
    return frozenset([*lex.single, *heads, *views, *lex.hearsay, *lex.poll_nouns, *after])


# The last lexicon asked and its vocabulary: each sentence asks (the call of ``per_lexicon``
# a sentence cost more than the look; issue 14, tenth session).
_last: tuple[Lexicon | None, frozenset[str] | None] = (None, None)


def may_cue(text: str, lex: Lexicon) -> bool:
    """False only where no rule of ``extract._cued`` can find an attribution in ``text``."""
    global _last
    last = _last
    if last[0] is not lex:
        last = _last = (lex, vocabulary(lex))
    words = last[1]
    return (
        words is None
        or not words.isdisjoint(lower_words(text))
        or " by " in text  # a passive's agent (passive.py)
        or (not text.isascii() and has_folds(text))  # a letter re.IGNORECASE folds (according.py)
    )

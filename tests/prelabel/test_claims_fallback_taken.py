"""The cue fallback skips its word scan, and the chained cue its scans, when every place of their
candidate words lies in an attribution found (a cue found) or a quotation
(fallback_words.all_taken, issue 14): then each word their loops would look at is passed at
once, so the votes are the same (none)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

from hypothesis import example, given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.prelabel.claims import chained
from builder.prelabel.claims import fallback_words as w
from builder.prelabel.claims.fallback import _WORD, fallback_votes
from builder.prelabel.claims.quotes import find_quotes, inside
from builder.prelabel.claims.spans import in_runs, merged_runs
from builder.prelabel.sentence_words import lower_words

_CUES = sorted(w.any_cue())[::7]  # a spread of cue forms, capitalised ones too
_PIECES = [*_CUES, "Said", "SAID", "said-", "unsaid", "said's", '"', "“", "”", ",", ".", "he"]


@contextmanager
def never_taken(module: ModuleType) -> Iterator[None]:
    """``module``'s shortcut turned off: its loops run over every word, as before it."""
    kept = getattr(module, "all_taken")  # noqa: B009 (a module's name, rebound below)
    setattr(module, "all_taken", lambda *_: False)  # noqa: B010
    try:
        yield
    finally:
        setattr(module, "all_taken", kept)  # noqa: B010


texts = st.lists(st.sampled_from(_PIECES) | st.sampled_from(["a", "the", "plan"]), max_size=12)
spans = st.lists(st.tuples(st.integers(0, 80), st.integers(0, 40)), max_size=4)


@example(["He", "said", "it"], [(0, 10)], False)
@example(['"', "Said", '"', "he", "said"], [(10, 14)], True)
@given(texts, spans, st.booleans())
def test_all_taken_means_every_candidate_word_is_passed(
    parts: list[str], cuts: list[tuple[int, int]], open_at_start: bool
) -> None:
    text = " ".join(parts)
    taken = [(s, s + n) for s, n in cuts]
    quotes = find_quotes(text, open_at_start)
    runs = merged_runs(taken)
    shown = w.any_cue_lower() & lower_words(text)
    if not (text.isascii() and w.all_taken(text.lower(), shown, runs, quotes)):
        return
    for m in _WORD.finditer(text):  # every word the fallback's loop could look at
        if m.group() in w.any_cue() or m.group().lower() in w.any_cue():
            assert in_runs(runs, *m.span()) or inside(quotes, m.start())
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    with never_taken(w):  # the loop itself: no vote either
        assert fallback_votes(sentence, taken, "x", quotes) == []


_CHAINING = [*sorted(chained._chain_words())[::9], "said", "adding", "and", "and then", ", "]
chain_texts = st.lists(st.sampled_from(_CHAINING) | st.sampled_from(_PIECES), max_size=12)


@example(["He", "said", ",", "adding", "it"], [(3, 4), (10, 16)], False)
@given(chain_texts, spans, st.booleans())
def test_all_taken_chained_verbs_are_each_passed(
    parts: list[str], cuts: list[tuple[int, int]], open_at_start: bool
) -> None:
    """The chained cue's shortcut: when every place of a word that may chain lies in a cue
    found or a quotation, each verb its loop would read is passed (no vote)."""
    text = " ".join(parts)
    cues = [(s, s + max(n, 1)) for s, n in cuts]
    quotes = find_quotes(text, open_at_start)
    shown = chained._chain_words() & lower_words(text)
    if not (text.isascii() and w.all_taken(text.lower(), shown, merged_runs(cues), quotes)):
        return
    forms, progressive = w.vocabulary()[0], w.more_cues()[0]
    for m in chained._CHAINED.finditer(text):
        if m.group(1) in forms | progressive | chained._particle_heads():
            assert in_runs(merged_runs(cues), *m.span(1)) or inside(quotes, m.start(1))
    found = [(cue, (0, 1)) for cue in cues]
    with never_taken(chained):  # the loop itself: no vote either
        assert chained.chained_votes(text, found, "x", quotes) == []

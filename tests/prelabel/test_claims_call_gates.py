"""Calls the claims rules skip behind a first look of their own (issue 14, tenth session): each
skipped call answers nothing there, so the votes are those of the calls made."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.prelabel.claims import fallback_words as w
from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.analysis import NOTHING
from builder.prelabel.claims.chained import chained_cue
from builder.prelabel.claims.family import NEED_FOUND
from builder.prelabel.claims.lexicon import load_lexicon, multi_heads
from builder.prelabel.claims.marks import marked
from builder.prelabel.claims.own_votes import continuation
from builder.prelabel.claims.quotes import NO_QUOTES, Quotes, find_quotes, has_marks, inside
from builder.prelabel.claims.source import _WHEN, _time_before
from builder.prelabel.claims.spans import Runs, adverb, in_runs, merged_runs
from builder.prelabel.sentence_words import lower_words

_LEX = load_lexicon()
_WORDS = [
    *("said", "called", "known", "Called", "Known", "say", "tell", "both", "all", "each"),
    *("Monday", "week", "2016", "in", "last", "this", "openly", "family", "only", "—", "―"),
    *(":", '"', "''", "“", "”", "x", "K", "ſaid", "That", "easier", "than", "done"),
]
texts = st.lists(st.sampled_from(_WORDS) | st.text(max_size=3), max_size=12).map(" ".join)


@given(texts)
def test_bodies_that_need_a_finding_find_nothing_without_one(text: str) -> None:
    assert {"claim_chained_cue", "claim_quote_continuation"} == NEED_FOUND
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    assert chained_cue(sentence, NOTHING) == []
    assert continuation(sentence, NOTHING) == []


@example("He said", 3, "said", "say")
@example("also known as Burma", 5, "known", "know")
@example("Tell them", 0, "Tell", "tell")
@given(texts, st.integers(0, 40), st.sampled_from(_WORDS), st.sampled_from(["say", "call", "tell"]))
def test_the_labels_and_imperatives_need_their_first_look(
    text: str, start: int, form: str, lemma: str
) -> None:
    if v.labelled_as(text, start, form):
        assert form.lower().startswith(("c", "k"))
    if v.imperative(text, start, form, lemma):
        assert start <= 20


@example(["in", "2016"], 1)
@example(["this", "week"], 1)
@example(["on", "Monday"], 1)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=4), st.integers(0, 3))
def test_the_walks_looks_before_its_calls(words: list[str], at: int) -> None:
    """``source._walk_left`` calls ``_time_before`` on a time word or digits only, ``floats``
    on a floating word only and ``adverb`` on "-ly" only."""
    text = " ".join(words)
    tokens = list(re.finditer(r"\S+", text))
    i = min(at, len(tokens) - 1)
    word = tokens[i].group()
    if _time_before(tokens, i) > 0:
        assert word in _WHEN or word.isdigit()
    if i > 0 and _LEX.floats(word, tokens[i - 1].group()):
        assert word.lower() in _LEX.floating
    if adverb(word):
        assert word[-2:] == "ly"


@given(texts)
def test_marks_quotes_and_idioms_need_their_first_look(text: str) -> None:
    if text.isascii():
        assert has_marks(text) == ('"' in text or "''" in text)
    else:
        assert find_quotes(text) == NO_QUOTES or has_marks(text)
    if not ("―" in text or "—" in text or ":" in text):
        assert marked(text, find_quotes(text), []) == []
    for lemma in ("say", "tell", "call", "add"):
        if _LEX.in_idiom(text, 0, min(4, len(text)), lemma):
            assert lemma in _LEX.idiom_lemmas


def _old_all_taken(lowered: str, shown: frozenset[str], runs: Runs, quotes: Quotes) -> bool:
    """``fallback_words.all_taken`` before issue 14's tenth session: the reference."""
    for word in shown:
        at = lowered.find(word)
        while at >= 0:
            if not in_runs(runs, at, at + len(word)) and not inside(quotes, at):
                return False
            at = lowered.find(word, at + 1)
    return True


@example("he said it, she said", [(0, 7)], False)
@example('"said" he said', [(7, 14)], True)
@given(
    texts,
    st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)), max_size=4),
    st.booleans(),
)
def test_all_taken_and_the_lexicons_heads_as_before(
    text: str, cuts: list[tuple[int, int]], open_at_start: bool
) -> None:
    assert _LEX.heads == multi_heads(_LEX)
    lowered = text.lower()
    shown = w.any_cue_lower() & lower_words(text)
    runs = merged_runs([(s, s + n) for s, n in cuts])
    quotes = find_quotes(text, open_at_start)
    assert w.all_taken(lowered, shown, runs, quotes) == _old_all_taken(lowered, shown, runs, quotes)

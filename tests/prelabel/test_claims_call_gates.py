"""Calls the claims rules skip behind a first look of their own (issue 14, tenth session): each
skipped call answers nothing there, so the votes are those of the calls made."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.analysis import NOTHING
from builder.prelabel.claims.chained import chained_cue
from builder.prelabel.claims.family import NEED_FOUND
from builder.prelabel.claims.lexicon import load_lexicon
from builder.prelabel.claims.lfs import continuation
from builder.prelabel.claims.marks import marked
from builder.prelabel.claims.quotes import NO_QUOTES, find_quotes, has_marks
from builder.prelabel.claims.source import _WHEN, _time_before
from builder.prelabel.claims.spans import adverb

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

"""The sentiment scorer passes over the inert words (plain words of no valence) in C (issue 14):
the same analysis as reading every token (``sentiment_reference.py``), whatever the words the
scorer has met before, on generated texts of cue words, sentiment words, phrases, quotation
marks and clause breaks, and on the built sentences."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.io import read_sentences
from builder.prelabel.sentiment import scorer, words
from builder.prelabel.sentiment.lexicon import load_lexicon
from tests.prelabel.sentiment_reference import reference_analyse

_LEX = load_lexicon()
_PHRASES = [" ".join(p) for options in list(_LEX.phrases.values())[:40] for p, _ in options]
_CUES = sorted(words.cue_words())[:80] + sorted(_LEX.scare_cues) + sorted(_LEX.contrast)
WORDS = [
    *["the", "a", "it", "Council", "said", "good", "bad", "killed", "not", "no", "n't", "don't"],
    *["Hope", "United", "rescued", "attack", "prevented", "very", "slightly", "also", "but"],
    *["called", "dubbed", "so-called", "peace", "war", "victory", "were", "bombings", "x"],
    *[",", ";", ":", "(", ")", '"', "“", "”", "«", "»", "’s", "'", "’", ".", "-", "3"],
    *_CUES,
    *_PHRASES,
]
texts = st.lists(st.sampled_from(WORDS) | st.text(max_size=4), max_size=30).map(" ".join)


def _same(text: str) -> None:
    assert scorer.analyse.__wrapped__(text) == reference_analyse(text), text


@example('He called it a "peace plan" but not a good one.', True)
@example("Not only bad but also good, “very” kind.", False)
@example('The so-called "victory" was, they said, a disaster "indeed"', False)
@given(texts, st.booleans())
def test_the_analysis_of_every_token(text: str, cold: bool) -> None:
    if cold:  # no word met before: every token is read, the inert ones found on the way
        words.WORD_INFO.clear()
        words.INERT.clear()
    _same(text)
    _same(text)  # its inert words now known


def test_the_inert_words_are_plain_words_of_no_valence() -> None:
    _same("The committee met on Tuesday to discuss the plan for the new bridge.")
    _same("A good plan, the committee said.")
    assert {"The", "bridge", "new", "on"} <= words.INERT  # a capital: no name test needed
    assert not {",", ".", "good", "committee", "said", "not"} & words.INERT  # cues, valence


def test_the_built_sentences(built: Path) -> None:
    for sentence in read_sentences(built / "sentences.jsonl"):
        _same(sentence.text)

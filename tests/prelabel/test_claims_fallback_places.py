"""The cue fallback reads an ASCII text's cue words by ``str.find`` and only the words before
each (issue 14, tenth session): the places, and what stands before each, are those the scan of
every word gave (the reference below is that scan, as ``fallback_votes`` ran it before); and
``cue_fallback`` without a comprehension or a sort where there is nothing to gather or sort
votes as before (its old body kept below as the reference)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.model import Sentence, Vote
from builder.prelabel.claims import fallback_before as wb
from builder.prelabel.claims import fallback_words as w
from builder.prelabel.claims.analysis import Analysis, analyse
from builder.prelabel.claims.fallback import _WORD, cue_fallback, fallback_votes
from builder.prelabel.lf import DocContext
from builder.prelabel.sentence_words import lower_words

_CUES = sorted(w.any_cue())[::5]  # a spread of cue forms, capitalised ones too
_SOFT = ["not", "also", "never", "openly", "is", "was", "did", "they", "the", "news"]
_MARKS = [",", "n't", "'ll", "'d", "-", "_", "'", "2", "(", '"', ".", "  ", ""]
_PIECES = [*_CUES, *_SOFT, *_MARKS, "Said", "SAYS", "said-", "unsaid", "Hearing", "a"]


def _reference(text: str) -> list[tuple[int, int, str, tuple[tuple[str, str, str], str]]]:
    """Each cue word of the scan of every word, with ``before`` and ``gap`` over all of them."""
    found = list(_WORD.finditer(text))
    any_cue = w.any_cue()
    return [
        (*m.span(), m.group(), wb.around(text, found, i))
        for i, m in enumerate(found)
        if m.group() in any_cue
    ]


def _joined(parts: list[str], glue: list[str]) -> str:
    return "".join(p + g for p, g in zip(parts, glue + [""] * len(parts), strict=False))


@example(["They", "also", "openly", "said"], [" ", " ", " "])
@example(["a", "did", "not", "also", "never", "openly", "said"], [" "] * 6)
@example(["x" * 45, "is", "also", "encouraging"], [" ", " ", " "])
@example(["x" * 45, "said"], [" "])  # the window holds the cue word alone: read further
@example(["did", "not", "also", "never", "openly", "really", "immediately", "said"], [" "] * 7)
@example(["a", *["also"] * 40, "said"], [" "] * 41)  # past the window four times as wide
@example(["didn't", "say"], [" "])
@example(["The", "mayor", "is", "still", "encouraging"], [" ", " ", " " * 40, " "])  # aux far back
@example(["said", "Said"], [" "])
@given(
    st.lists(st.sampled_from(_PIECES), max_size=14),
    st.lists(st.sampled_from([" ", " ", ", ", "-", "' ", "\t", "; ", "x" * 30 + " "]), max_size=14),
)
def test_places_and_near_read_what_the_scan_of_every_word_read(
    parts: list[str], glue: list[str]
) -> None:
    text = _joined(parts, glue)
    shown = w.any_cue_lower() & lower_words(text)
    _, _, titled = w.more_cues()
    if not text.isascii() or w.titled_in(text, shown, titled):
        return  # the scan of every word runs, as before
    got = [
        (s, e, word, wb.near(text, s, e))
        for s, e, word, _ in w.places(text, text.lower(), shown, w.any_cue())
    ]
    assert got == _reference(text)


@given(st.text(alphabet="saidSAID \t,'-x", max_size=30))
def test_titled_in_is_true_wherever_a_title_case_form_is_a_word(text: str) -> None:
    _, _, titled = w.more_cues()
    shown = w.any_cue_lower() & lower_words(text)
    words = set(re.findall(r"[A-Za-z]+", text))
    if not titled.isdisjoint(words & set(_WORD.findall(text))):
        assert w.titled_in(text, shown, titled)


def _old_cue_fallback(sentence: Sentence, analysis: Analysis) -> list[Vote]:
    """``cue_fallback`` as it was before issue 14's tenth session: the reference."""
    if w.any_cue_lower().isdisjoint(lower_words(sentence.text)):
        return []
    taken = [span for a in analysis.attributions for span in (a.cue, a.content, a.source) if span]
    found = sorted(analysis.attributions, key=lambda a: a.cue)
    return fallback_votes(sentence, taken, "claim_cue_fallback", analysis.quotes, found)


@example(["He", "said", "it", "rained", ",", "and", "she", "warned", "them"], [" "] * 8)
@example(['"', "It", "rained", ",", '"', "he", "said", "and", "added", "more"], [" "] * 9)
@given(
    st.lists(st.sampled_from([*_PIECES, "he", "she", "it", "rained", "that"]), max_size=16),
    st.lists(st.sampled_from([" ", " ", ", ", "; "]), max_size=16),
)
def test_cue_fallback_votes_as_before(parts: list[str], glue: list[str]) -> None:
    text = _joined(parts, glue)
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    analysis = analyse(sentence, DocContext("d"))
    assert cue_fallback(sentence, analysis) == _old_cue_fallback(sentence, analysis)

"""The entity family's third speed pass (issue 14, 2026-12-06): the sentence's lower-case words
and first digit told by byte tables on ASCII text, and the numeric scans of a sentence without
a digit cut to the word patterns, give what the regex scans and the loop over all gave."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entities import numeric
from builder.prelabel.sentence_words import first_digit, lower_words
from tests.prelabel.test_numeric_gates import _PIECES, _SEPARATORS, _reference_find
from tests.text_strategies import UNUSUAL

_PLAIN_WORD = re.compile(r"[a-z]+")
_PLAIN_DIGIT = re.compile(r"\d")

# Every ASCII character (the byte tables' whole range, controls and separators such as
# "\x1c", which ``str.split`` takes for white space), digits of other scripts, letters that
# lower to ASCII ("K" KELVIN SIGN -> "k", "İ" -> "i̇") and astral characters.
_CHARS = st.sampled_from(
    [chr(c) for c in range(128)] + ["٣", "߃", "\u212a", "İ", "ſ", "é", "\u00a0", *UNUSUAL]
)
texts = st.lists(_CHARS | st.sampled_from(["Year", "U.S.", "said", "1996", "x1,5"])).map("".join)
ascii_texts = st.text(alphabet=st.characters(max_codepoint=127))


@given(texts | ascii_texts | st.text())
@example("The U.S. said\x1cTHIRTY-two")
@example("\u212aM and 5 km")  # KELVIN SIGN lowers to an ASCII "k": not an ASCII text
def test_lower_words_are_the_runs_the_regex_finds(text: str) -> None:
    assert lower_words(text) == frozenset(_PLAIN_WORD.findall(text.lower()))


@given(texts | ascii_texts | st.text())
@example("no digit at all")
@example("Arabic-Indic ٣ then 3")
def test_first_digit_is_where_the_regex_finds_it(text: str) -> None:
    found = _PLAIN_DIGIT.search(text)
    assert first_digit(text) == (-1 if found is None else found.start())


_NO_DIGIT = [p for p in _PIECES if not any(c.isdigit() for c in p)]
no_digit_texts = st.lists(st.tuples(st.sampled_from(_NO_DIGIT), _SEPARATORS), max_size=12).map(
    lambda pieces: "".join(w + sep for w, sep in pieces)
)


@given(no_digit_texts | texts)
@example("Last week , two years ago , today")
@example("the President said")
def test_numeric_find_without_a_digit_is_the_loop_over_all(text: str) -> None:
    """A sentence without a digit runs the word patterns alone, none without their triggers:
    the hits of the loop over every pattern."""
    assert numeric.find(text) == _reference_find(text)

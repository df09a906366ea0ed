"""The sentiment tokens as the scorer reads them (issue 14): the tokenizer written to start
with one class finds the tokens of the plain pattern, and the fold is the one of the lexicon."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.sentiment.words import TOKEN_RE, fold
from tests.text_strategies import UNUSUAL

# The tokens as first written: words of ASCII letters with inner apostrophes, quotation marks
# and clause breaks.
PLAIN = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*|[“”\"«»,;:()]")
PIECES = ["a", "Bc", "don", "t", "s", "'", "’", "''", "-", " ", "  ", ",", ";", ":", "(", ")"]
PIECES += ['"', "“", "”", "«", "»", ".", "3", "_", "é", "\u212a", "ſ", "\n", "n't", "O'"]
texts = st.lists(st.sampled_from([*PIECES, *UNUSUAL]) | st.text(max_size=3), max_size=24)


@example("rock'n'roll, students' union and O'Neill’s “don’t” (x)")
@example("a''b 'c d'e' -f")
@given(texts.map("".join))
def test_the_tokens_are_those_of_the_plain_pattern(text: str) -> None:
    assert TOKEN_RE.findall(text) == PLAIN.findall(text)


def test_the_fold() -> None:
    assert fold("Don’t") == "don't"
    assert fold("SAID") == "said"

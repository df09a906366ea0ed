"""The sentiment tokens as the scorer reads them (issue 14): the tokenizer written to start
with one class finds the tokens of the plain pattern, an ASCII text's tokens split without it
are the same, and the fold is the one of the lexicon."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.sentiment.words import TOKEN_RE, fold, split_tokens
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


# Every ASCII character (each a byte the split spaces or keeps) and the apostrophes and marks
# that decide a token's edges, in runs.
ASCII = [chr(c) for c in range(128)] + ["a'b", "''", "'a", "a'", "x'y'z", "'\"'", ",(", "n't"]
ascii_texts = st.lists(st.sampled_from([*ASCII, *PIECES[:16], "Don't", "O'Neill"]), max_size=30)


@example("rock'n'roll, students' union and O'Neill's \"don't\" (x)")
@example("a''b 'c d'e' -f x'''y ' ' '' 'z")
@example('\t"a"\n(b);c:d,e\'_f1g')
@given(ascii_texts.map("".join) | texts.map("".join))
def test_the_split_tokens_are_those_of_the_pattern(text: str) -> None:
    assert split_tokens(text) == TOKEN_RE.findall(text)


def test_the_fold() -> None:
    assert fold("Don’t") == "don't"
    assert fold("SAID") == "said"

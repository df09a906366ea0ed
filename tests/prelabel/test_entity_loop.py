"""The eleventh speed pass (issue 14): the new ways against the ways before (the token check
of the entity choice keeps its way before for texts with other white space than spaces)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entity_choice import _cut_no_token, _cut_no_token_found
from tests.text_strategies import UNUSUAL

# Chunks the tokenizer cuts in every way (clitics, abbreviations, figures, URLs, e-mails,
# "n't", hyphens, quotes, brackets), spaces; then other white space and other scripts.
_PRINTABLE = [
    "Russia's",
    "O'Brien",
    "don't",
    "U.S.",
    "U.S.,",
    "24/7",
    "3,000.5",
    "5th",
    "COVID19",
    "www.bbc.co.uk/news.",
    "a.b@c.org",
    "(BBC)",
    "Smith,",
    "Reuters.",
    "high-speed",
    "'quoted'",
    "...",
    "Anti-war",
    "_",
    "-",
    " ",
    "  ",
]
_OTHER = ["\t", "\n", "\x1c", "\x7f", "\u00a0", "…", "’s", *UNUSUAL]
_ascii = st.text(st.characters(min_codepoint=32, max_codepoint=126), max_size=3)
_spaced_texts = st.lists(st.sampled_from(_PRINTABLE) | _ascii, max_size=10).map("".join)
_any = st.text(st.characters(max_codepoint=127), max_size=3) | st.text(max_size=3)
_texts = st.lists(st.sampled_from(_PRINTABLE + _OTHER) | _any, max_size=10).map("".join)


def _every_span(text: str) -> list[tuple[int, int]]:
    """Every span of ``text``, and a few around and outside it (empty, reversed, off its ends):
    each place a span may start or end, next to each character."""
    n = len(text)
    return [(start, end) for start in range(-1, n + 2) for end in range(start - 1, n + 2)]


@given(_spaced_texts)
@example("Russia's army")
@example("said Smith, then 3,000 U.S., (BBC)")
@example("at www.bbc.co.uk/a(b), (c")  # a bracket inside a URL is no token's start
def test_the_spans_kept_in_spaced_text_are_those_the_tokenizers_boundaries_kept(
    text: str,
) -> None:
    """An ASCII text without control characters: chunks found between spaces."""
    spans = _every_span(text)
    assert _cut_no_token(spans, text) == _cut_no_token_found(spans, text)


@given(_texts)
@example("a\tb  c\u00a0d")
@example("Smith,\tthen Reuters.\n(BBC)")  # ASCII, other white space than spaces
def test_the_spans_kept_in_any_text_are_those_the_tokenizers_boundaries_kept(text: str) -> None:
    spans = _every_span(text)
    assert _cut_no_token(spans, text) == _cut_no_token_found(spans, text)

"""The eleventh speed pass (issue 14): the new ways against the ways before (the token check
of the entity choice keeps its way before for texts with other white space than spaces)."""

from __future__ import annotations

import re

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entities import gazetteer, memory
from builder.prelabel.entities.analysis import analyse
from builder.prelabel.entities.chunk_tokens import token_texts
from builder.prelabel.entities.hits import gazetteer_hits
from builder.prelabel.entities.numeric import cardinal_digits
from builder.prelabel.entities.numeric_parts import NUM
from builder.prelabel.entity_choice import _cut_no_token, _cut_no_token_found, _inside_token
from builder.prelabel.lf import DocContext
from builder.segment.tokenizer import token_spans
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


@given(_spaced_texts)
@example("U.S., Russia's 24/7")
def test_a_place_inside_a_chunk_is_a_token_start_where_it_is_a_token_end(text: str) -> None:
    """The one test the spaced check makes for a span's start and for its end: inside a
    chunk, the tokens tile it, so a place between two tokens is both a start and an end."""
    tokens = token_spans(text)
    starts, ends = {start for start, _ in tokens}, {end for _, end in tokens}
    for at in range(1, len(text)):
        if text[at - 1] != " " and text[at] != " ":
            assert (at in starts) == (at in ends) == (not _inside_token(text, at))


@given(_texts)
@example("a\tb  c\u00a0d")
@example("Smith,\tthen Reuters.\n(BBC)")  # ASCII, other white space than spaces
def test_the_spans_kept_in_any_text_are_those_the_tokenizers_boundaries_kept(text: str) -> None:
    spans = _every_span(text)
    assert _cut_no_token(spans, text) == _cut_no_token_found(spans, text)


_MAG = r"(?:\s?(?:thousand|trillion|million|billion|mln|bln|bn|m|k)\b)?"
# CARDINAL's digit pattern before this pass: a lookahead for a digit, then the lookbehind.
_CARDINAL_BEFORE = re.compile(rf"(?=[\d])(?:(?<![\w.,:/-]){NUM}{_MAG}(?!\d)(?![\w.,:/-]\w))")
_FIGURES = ["1", "24", "3,000", "1.5", "9,000.25", "/", "-", ".", ",", ":", "x", " ", "٣", "²"]
_figure_texts = st.lists(
    st.sampled_from(_FIGURES) | st.sampled_from([" million", "m", "bn", "k"]), max_size=12
).map("".join)


@given(_figure_texts, st.integers(0, 3))
@example("24/7 and 3,000 then x1 1.5m", 0)
def test_cardinal_digits_match_where_the_lookahead_pattern_matched(text: str, pos: int) -> None:
    new = re.compile(cardinal_digits(_MAG))
    assert [m.span() for m in new.finditer(text, pos)] == [
        m.span() for m in _CARDINAL_BEFORE.finditer(text, pos)
    ]


@given(st.lists(st.sampled_from(["Ann Lee", "U.S.", "Russia's", "O'Brien", ""]), max_size=6))
def test_the_memory_keys_are_the_surfaces_tokens_asked_again(surfaces: list[str]) -> None:
    for surface in surfaces * 2:  # each asked again, from the memo
        got = memory._TOKS.get(surface) or memory._tokens(surface)
        assert got == tuple(token_texts(surface))


@given(
    st.lists(
        st.sampled_from(["Paris", "the World Cup", "in Kyiv .", "Ukrainian", "none"]), max_size=4
    )
)
def test_the_gazetteer_hits_kept_on_the_analysis_are_those_of_its_text(texts: list[str]) -> None:
    ctx = DocContext("d")
    for text in [" ".join(texts), "x " + " ".join(texts)]:  # another text: its own hits
        a = analyse(text)
        assert gazetteer_hits(a, ctx) == gazetteer.spans(text)
        assert gazetteer_hits(a, ctx) is a.gaz  # asked again: the same, not found again

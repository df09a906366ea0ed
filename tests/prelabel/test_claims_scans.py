"""The claims' scans rewritten to lead with the class of their first character (issue 14) find
what the plain patterns they replace found: the same matches, groups and last group, from any
start and to any end the extractor scans between."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims import vocab as v
from builder.prelabel.claims.chained import _CHAINED
from builder.prelabel.claims.contents import _CLAUSE_END, _FRAME_END, _FRAME_LAST
from builder.prelabel.claims.quotes import _MARK, has_marks

# The patterns as they were written before (2026-12-06, 775db7c): the references.
WORD = re.compile(r"\d{1,3}(?:,\d{3})+[\w.'’&-]*|\w[\w.'’&-]*|[^\w\s]")
CHAINED = re.compile(r"(?:,\s*|\band\s+(?:then\s+|also\s+|later\s+)?)([A-Za-z]+)\b")
CLAUSE_END = re.compile(
    r",[\"”’']*\s+(?P<word>but|although|though|while|whereas|which|who|yet|even\s+as)\b"
    r"|,[\"”’']*\s+(?P<adjunct>[a-z]+ing|aside\s+from|with|after|when|because|since)\b"
    r"|,[\"”’']*\s+and\s+(?:he|she|they|we|I|it|there)\s"
    r"|;|\s+(?:and|but)\s+(?:also\s+|then\s+|later\s+)?(?:[a-z]+ed|said|told|wrote)\b"
    r"|\s+but\s+(?:did|does|has|have|would|will)\s+not\b"
    r"|\s+(?:and|but)\s+(?:also\s+)?(?:has|had)\s+(?:since|also|said|to)\b"
    r"|\s+(?:--|—|―|–)\s+"
)
FRAME_END = re.compile(  # contents._FRAME_END before the eighth session (8347bee)
    r"\s+(?:in|during|on|at|via)\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\w'’-]+\s+){0,3}?"
    r"(?:statement|interview|speech|debate|forum|rally|event|conference|briefing|hearing|"
    r"meeting|tweets?|Twitter|Facebook|website|television|radio|op-ed|column)"
    r"(?:\s+(?:on\s+)?[A-Z][a-z]+day)?(?:\s+(?:night|morning|evening|afternoon))?$"
)
MARK = re.compile(r"''|[“«„”»\"]")  # quotes._MARK before the eighth session (8347bee)

_PIECES = [
    *("and", "band", "And", "and then", "also", "later", "but", "but did not", "has since"),
    *("said", "told", "wrote", "added", "adding", "aside from", "with", "even as", "which"),
    *("he", "I", "it", "1,200", "1,20", "12,345,678x", "1,2000,000", "U.S.", "’s", "don't"),
    *("''", "“", "«", "„", "»", "‘", "’"),
    *("in a", "during the", "on", "at", "via", "statement", "Twitter", "Monday", "night", "op-ed"),
    *(",", ";", '"', "”", "'", "--", "—", "―", "–", "&", "-", ".", "_", "é", "٣", "\u00a0", "\n"),
]
texts = st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=16).map(
    lambda parts: "".join(p + s for p, s in zip(parts, [" ", "", ",", "  "] * 4, strict=False))
)


def _found(pattern: re.Pattern[str], text: str, pos: int, end: int) -> list[object]:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text, pos, end)]


@example("He said, and then told 1,2000,000 workers; but did not  — yes, adding it", 3, 40)
@example("x,\u00a0and\u00a0also\u00a0said", 1, 9)
@example("''We’re “not” there,'' he said, «x» „y'", 2, 30)
@given(texts, st.integers(0, 80), st.integers(0, 200))
def test_led_scans_find_what_the_plain_ones_found(text: str, pos: int, end: int) -> None:
    assert has_marks(text) == (MARK.search(text) is not None)
    for new, old in (
        (v.WORD, WORD),
        (_CHAINED, CHAINED),
        (_CLAUSE_END, CLAUSE_END),
        (_MARK, MARK),
        (_FRAME_END, FRAME_END),
    ):
        assert _found(new, text, 0, len(text)) == _found(old, text, 0, len(text))
        assert _found(new, text, pos, end) == _found(old, text, pos, end)
        found, expected = new.search(text, pos, end), old.search(text, pos, end)
        assert (found and found.span()) == (expected and expected.span())


@example("said in a statement on Monday night", 0, 35)
@example("said in an op-ed", 0, 16)
@example("said in a statement", 0, 19)
@example("told in a tweets", 2, 16)
@given(texts, st.integers(0, 80), st.integers(0, 200))
def test_the_frame_end_is_searched_only_before_its_last_words(
    text: str, start: int, end: int
) -> None:
    """``contents.clause_end`` searches ``_FRAME_END`` only where the span ends with one of
    ``_FRAME_LAST`` (issue 14, tenth session): every match ends with one of them."""
    end = min(end, len(text))
    found = _FRAME_END.search(text, max(start, end - 100), end)
    if found is not None:
        assert text.endswith(_FRAME_LAST, start, end)


_HEADS = ["statement", "interview", "speech", "debate", "forum", "rally", "event", "conference"]
_HEADS += ["briefing", "hearing", "meeting", "tweet", "tweets", "Twitter", "Facebook"]
_HEADS += ["website", "television", "radio", "op-ed", "column"]
_FRAMES = [f"said in a {head}" for head in _HEADS]
_FRAMES += [f"said in a statement on Monday {t}" for t in ("night", "morning", "evening")]
_FRAMES += ["said in a statement on Monday afternoon", "said in a statement on Monday"]


@pytest.mark.parametrize("text", _FRAMES)
def test_every_frame_the_pattern_ends_with_opens_the_gate(text: str) -> None:
    """Each way ``_FRAME_END`` can end (its heads, a day, a time of day) is one of
    ``_FRAME_LAST``: a word missing there would skip the search where it finds a frame."""
    assert _FRAME_END.search(text, 0, len(text)) is not None
    assert text.endswith(_FRAME_LAST, 0, len(text))

"""The seventh speed pass (issue 14): the entity analysis and the entity choice, made cheaper,
give what the plain ways gave."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entities import analysis as analysis_module
from builder.prelabel.entities.analysis import _LOWER_WORD, _UPPER_WORD, is_headline
from builder.prelabel.entities.chunk_tokens import _TOKEN, Token, is_cap, tokens, tokens_caps
from builder.prelabel.entities.lexicon import lexicon
from tests.text_strategies import UNUSUAL

HEADLINE_PIECES = ["CRICKET", "-", "TAKE", "v", "US", "said", "Ab", "aB", "ſ", "İ", "K", "1996"]
headline_texts = st.lists(
    st.sampled_from([*HEADLINE_PIECES, *UNUSUAL]) | st.text(max_size=5), max_size=20
).map(" ".join)


@given(headline_texts)
@example("CRICKET - LEICESTERSHIRE TAKE OVER AT TOP")
@example("LEICESTERSHIRE v SOMERSET")
@example("The US said")
def test_headline_is_the_plain_test(text: str) -> None:
    """The lower-case word looked for first: the same answer as two capitals first."""
    plain = _UPPER_WORD.search(text) is not None and _LOWER_WORD.search(text) is None
    assert is_headline(text) == plain


def _plain_split(toks: list[Token], i: int, j: int) -> list[tuple[int, int, bool]]:
    """``analysis._split`` before this pass: a title looked for at every token of the run."""
    lex = lexicon()
    fw, suffixes = lex.function_words, lex.org_suffixes
    parts: list[tuple[int, int, bool]] = []
    start, after_title, k = i, False, i
    while k < j:
        size = analysis_module._title_at(toks, k, j)
        if (
            size
            and k + size < j
            and is_cap(toks[k + size].text)
            and toks[k + size - 1].end < toks[k + size].start
            and toks[j - 1].text not in suffixes
        ):
            if k > start:
                parts.append((start, k, after_title))
            start, after_title, k = k + size, True, k + size
        else:
            k += 1
    parts.append((start, j, after_title))
    out = []
    for a, b, titled in parts:
        while a < b and (toks[a].text in fw or toks[a].text == "."):
            a += 1
        if a < b:
            out.append((a, b, titled))
    return out


TITLE_PIECES = ["President", "Prime", "Minister", "Mr", "Dr", ".", "The", "of", "Justice"]
NAME_PIECES = ["Volodymyr", "Zelenskiy", "Ukrainian", "Department", "Bank", "Saint-Germain"]
run_texts = st.lists(
    st.sampled_from([*TITLE_PIECES, *NAME_PIECES, *UNUSUAL, "U.S.", "said,", "-", "van", "&"])
    | st.text(max_size=4),
    max_size=30,
).map(" ".join)


@given(run_texts)
@example("Ukrainian President Volodymyr Zelenskiy and The Kremlin")
@example("Mr . Smith of the Justice Department")
def test_runs_split_as_the_plain_way_split_them(text: str) -> None:
    """Capitals told with the tokens: the runs the comprehension's capitals gave; a run
    without a title head: the split of the loop over every token."""
    toks, caps = tokens_caps(text)
    assert toks == tokens(text)
    assert caps == [is_cap(t.text) for t in toks]
    raw = analysis_module._raw_runs(toks, caps)
    assert raw == analysis_module._raw_runs(toks)
    for i, j in raw:
        assert analysis_module._split(toks, i, j) == _plain_split(toks, i, j)


@given(headline_texts.map(lambda text: text.replace(" ", "\t")))
def test_capitals_of_other_white_space_are_those_of_the_tokens(text: str) -> None:
    toks, caps = tokens_caps(text)
    assert toks == [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text)]
    assert caps == [is_cap(t.text) for t in toks]

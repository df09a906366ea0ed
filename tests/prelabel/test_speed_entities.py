"""The seventh speed pass (issue 14): the entity analysis and the entity choice, made cheaper,
give what the plain ways gave."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.entities import analysis as analysis_module
from builder.prelabel.entities.analysis import _LOWER_WORD, _UPPER_WORD, Cols, Run, is_headline
from builder.prelabel.entities.chunk_tokens import columns, is_cap
from builder.prelabel.entities.numbered import LONE_NUMBER, numbered_run
from builder.prelabel.sentence_words import first_digit
from tests.prelabel.token_records import (
    Token,
    analysis_tokens,
    plain_tokens,
    tokens,
    tokens_caps,
)
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


def _cols(toks: list[Token]) -> Cols:
    """The columns the run helpers read (``analysis.Cols``), of token records."""
    return Cols([t.text for t in toks], [t.start for t in toks], [t.end for t in toks])


def _plain_runs(text: str) -> list[Run]:
    """The runs as ``analyse`` built them before this pass: each raw run split by
    ``_split`` (a title looked for at every token) and told initial by ``_initial``."""
    toks = tokens(text)
    if is_headline(text):
        return []
    runs = []
    cols = _cols(toks)
    for i, j in analysis_module._raw_runs(cols):
        for a, b, titled in analysis_module._split(cols, i, j):
            initial = not titled and analysis_module._initial(cols.words, a)
            runs.append(Run(toks[a].start, toks[b - 1].end, a, b, initial, titled))
    # then the number a run takes, as analyse asks numbered.py ("B0" of "President B0": a
    # case hypothesis found once the rule was in).
    at = first_digit(text)
    if at >= 0 and LONE_NUMBER.match(text, at):
        k = numbered_run(text, cols.words, cols.starts, cols.ends, runs)
        if k >= 0:
            r = runs[k]
            runs[k] = Run(r.start, toks[r.last].end, r.first, r.last + 1, r.initial, r.after_title)
    return runs


TITLE_PIECES = ["President", "Prime", "Minister", "Mr", "Dr", ".", "The", "of", "Justice", "(", ":"]
NAME_PIECES = ["Volodymyr", "Zelenskiy", "Ukrainian", "Department", "Bank", "Saint-Germain"]
run_texts = st.lists(
    st.sampled_from([*TITLE_PIECES, *NAME_PIECES, *UNUSUAL, "U.S.", "said,", "-", "van", "&"])
    | st.text(max_size=4),
    max_size=30,
).map(" ".join)


@given(run_texts)
@example("Ukrainian President Volodymyr Zelenskiy and The Kremlin")
@example("Mr . Smith of the Justice Department")
@example("( The Kremlin : The BBC . The Times")
def test_runs_are_those_of_the_plain_way(text: str) -> None:
    """Capitals told with the tokens, a run without a title head neither split nor told
    initial by a call: the runs, tokens and headline flag of the plain way."""
    toks, caps = tokens_caps(text)
    assert toks == tokens(text)
    assert caps == [is_cap(t.text) for t in toks]
    assert analysis_module._raw_runs(_cols(toks), caps) == analysis_module._raw_runs(_cols(toks))
    analysed = analysis_module.analyse(text)
    assert analysis_tokens(analysed) == toks
    assert analysed.runs == _plain_runs(text)
    assert analysed.run_starts == [r.start for r in analysed.runs]


@given(headline_texts.map(lambda text: text.replace(" ", "\t")))
def test_capitals_of_other_white_space_are_those_of_the_tokens(text: str) -> None:
    toks, caps = tokens_caps(text)
    assert toks == plain_tokens(text)
    assert caps == [is_cap(t.text) for t in toks]


@given(run_texts | headline_texts.map(lambda text: text.replace(" ", "\t")))
def test_the_analysis_columns_are_the_tokens(text: str) -> None:
    """The tokens as columns (issue 14, 2026-12-06): the records of ``tokens``, field by field;
    the capitals those ``tokens_caps`` tells."""
    starts, ends, words, caps = columns(text)
    toks = tokens(text)
    assert (starts, ends, words) == (
        [t.start for t in toks],
        [t.end for t in toks],
        [t.text for t in toks],
    )
    assert caps == [is_cap(w) for w in words]
    analysed = analysis_module.analyse(text)
    assert (analysed.words, analysed.starts, analysed.ends) == (words, starts, ends)

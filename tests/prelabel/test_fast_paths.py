"""The faster ways of the hot loops give what the plain ones gave (speed, issue 14)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import pyarrow as pa
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, LabelVote
from builder.prelabel import entity_choice
from builder.prelabel.aggregate import aggregate_class, weighed
from builder.prelabel.claims import lexicon as lexicon_module
from builder.prelabel.claims.lexicon import iter_cues, load_lexicon
from builder.prelabel.entities import analysis as analysis_module
from builder.prelabel.entities import numeric
from builder.prelabel.entities.analysis import Cols, _raw_runs
from builder.prelabel.entities.chunk_tokens import is_cap
from builder.prelabel.entities.lexicon import lexicon
from builder.prelabel.entity_choice import aggregate_entities
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.sentiment import scorer as sentiment_scorer
from builder.prelabel.sentiment import words as sentiment_words
from builder.prelabel.sentiment.words import cue_words
from builder.prelabel.vote_columns import column
from tests.prelabel.token_records import Token, tokens
from tests.text_strategies import UNUSUAL

PIECES = ["U.S.", "O'Brien", "it's", "3,000.5", "_x_", "—", "\u00a0", "\t", "\u2003", *UNUSUAL]


ints = st.lists(st.none() | st.integers(-(2**63), 2**63 - 1), max_size=40)
strings = st.lists(st.none() | st.text(st.characters(codec="utf-8")), max_size=40)


@settings(deadline=None)  # pyarrow.array imports pandas on its first call
@given(ints, strings, st.lists(st.none() | st.booleans(), max_size=40))
def test_vote_columns_are_the_arrays_of_pyarrow(
    numbers: list[int | None], texts: list[str | None], flags: list[bool | None]
) -> None:
    scores = [None if v is None else float(i) / 7 for i, v in enumerate(numbers)]
    columns: list[tuple[Sequence[Any], pa.DataType]] = [
        (numbers, pa.int64()),
        (texts, pa.string()),
        (flags, pa.bool_()),
        (scores, pa.float64()),
    ]
    for values, kind in columns:
        built = column(values, kind)
        built.validate(full=True)
        assert built.equals(pa.array(values, kind))


# Words the fast paths of issue 14 look for: cue forms, months, currencies, names and titles.
CUE_PIECES = ["said", "says", "pointed out", "told", "Said", "-said", "said-", "x_said", "'s said"]
NAME_PIECES = ["President", "Mr", ".", "of", "Bank", "England", "van", "&", "-", "de", "Anti"]
NUMBER_PIECES = ["March", "3", "2022", "the 1990s", "$", "5bn", "US$", "£", "14:30", "in 2014"]
rich = st.lists(
    st.sampled_from([*PIECES, *CUE_PIECES, *NAME_PIECES, *NUMBER_PIECES]) | st.text(max_size=4),
    max_size=40,
).map(" ".join)


def _cols(toks: list[Token]) -> Cols:
    """The columns the run helpers read (``analysis.Cols``), of token records."""
    return Cols([t.text for t in toks], [t.start for t in toks], [t.end for t in toks])


def _plain_runs(toks: list[Token]) -> list[tuple[int, int]]:
    """The capitalised runs as the loop over every token found them (before issue 14)."""
    lex = lexicon()
    particles, of_heads = lex.particles, lex.of_heads
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        if not is_cap(toks[i].text):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = toks[j].text
            if is_cap(t):
                j += 1
                continue
            if t in particles:
                # "Joost van der Westhuizen", "Ronald de Boer": particles, then a name.
                k = j
                while k < n and k - j < analysis_module.MAX_PARTICLES and toks[k].text in particles:
                    k += 1
                if k < n and k - j < analysis_module.MAX_PARTICLES and is_cap(toks[k].text):
                    j = k + 1
                    continue
                break
            if t == "-" and analysis_module._hyphen_particle(_cols(toks), j):
                j += 4  # "Chester-le-Street", "Stratford-upon-Avon", "Ata-ur-Rehman"
                continue
            nxt = toks[j + 1] if j + 1 < n else None
            if nxt is None or not is_cap(nxt.text):
                break
            prev = toks[j - 1]
            glued = prev.end == toks[j].start and toks[j].end == nxt.start
            if (
                (t in ("of", "for") and prev.text in of_heads)
                or t == "&"
                or (t == "-" and glued)
                or (t == "." and len(prev.text) == 1)
            ):
                j += 2
                continue
            break
        if analysis_module._is_prefix(_cols(toks), j):
            i = j  # "Anti-war", "Ex-minister": a capitalised prefix, not a name
            continue
        out.append((i, j))
        i = j
    return out


@given(rich)
def test_capitalised_runs_are_those_of_the_plain_loop(text: str) -> None:
    toks = tokens(text)
    assert _raw_runs(_cols(toks)) == _plain_runs(toks)


@given(rich)
def test_numeric_lookaheads_change_no_match(text: str) -> None:
    """Each pattern behind its lookahead (``(?=[...])(?:INNER)``) finds what INNER finds."""
    for family in numeric._patterns().values():
        for pattern, _ in family:
            if not pattern.pattern.startswith("(?=["):
                continue
            bare = re.compile(pattern.pattern[pattern.pattern.index("])(?:") + 5 : -1])
            spans = [m.span() for m in pattern.finditer(text)]
            assert spans == [m.span() for m in bare.finditer(text)]


_CUE_WORD = re.compile(r"(?<![\w-])[a-z]+(?![\w-])")
_POSSESSIVE = re.compile(r"\w['’]s?\s+$")


@example("Ukraine’s said, the firms’ said, it’s  said; Ann’ told and Lee's\u00a0said")
@given(rich)
def test_cues_are_those_of_the_word_regex(text: str) -> None:
    """One-word cues found by str.find among the sentence's words: as the regex found them."""
    lex = load_lexicon()
    found: dict[int, tuple[int, int, str]] = {}
    if lex.multi is not None:
        for m in lex.multi.finditer(text):
            found[m.start()] = (m.start(), m.end(), lex.lemma[" ".join(m.group().split())])
    for m in _CUE_WORD.finditer(text):
        lemma = lex.single.get(m.group())
        start = m.start()
        if (
            lemma is not None
            and start not in found
            and not _POSSESSIVE.search(text, max(0, start - 4), start)
        ):
            found[start] = (start, m.end(), lemma)
    expected, last = [], -1
    for start in sorted(found):
        if start >= last:
            expected.append(found[start])
            last = found[start][1]
    assert list(iter_cues(text, lex)) == expected
    assert lower_words(text) == frozenset(re.findall("[a-z]+", text.lower()))


class _Everything:
    """A set that holds every word: each word then takes the rules' full branch."""

    def __contains__(self, word: object) -> bool:
        return True


# Words of every branch of the scorer: its cue words, sentiment words (plain and capitalised:
# names), negations in n't, quotes and clause breaks.
SENTIMENT_PIECES = [
    *["good", "Good", "bad", "Bad", "killed", "Killed", "bombings", "Love", "Praised", "War"],
    *["didn't", "won’t", "needn't", "not", "but", "also", "despite", "called", "dubbed", "it"],
    *['"', "“", "”", ",", ";", "(", ")", "said", "according", "to", "rescued", "rubble"],
]
sentiment_texts = st.lists(
    st.sampled_from(SENTIMENT_PIECES)
    | st.sampled_from(sorted(cue_words()))
    | st.sampled_from(["the", "plan", "was", "on"])
    | st.text(max_size=4),
    max_size=30,
).map(" ".join)


@example("They won’t love it, the Bad plan")  # an n't outside the negators; a name
@given(sentiment_texts)
def test_sentiment_plain_words_score_as_the_full_rules(text: str) -> None:
    """A word outside ``cue_words`` skips the rules' set tests (its look-ups remembered a
    token): the same analysis."""
    fast = sentiment_scorer.analyse.__wrapped__(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sentiment_scorer, "cue_words", _Everything)
        # What the words were, afresh, and no word passed over: the scorer reads the tables
        # by the names it imported, word_info fills them by its module's names, so both are
        # given the same fresh ones (the real tables are left as they were).
        info: dict[str, sentiment_words.WordInfo] = {}
        inert: set[str] = set()
        for module in (sentiment_scorer, sentiment_words):
            patch.setattr(module, "WORD_INFO", info)
            patch.setattr(module, "INERT", inert)
        assert sentiment_scorer.analyse.__wrapped__(text) == fast
        assert not inert  # every word went through the rules


entity_votes = st.lists(
    st.builds(
        lambda s, n, label, score, lf: EntityVote(s, s + n, label, score, lf),
        st.integers(0, 30),
        st.integers(0, 8),  # empty spans too: they sit between the others
        st.sampled_from(["PERSON", "ORG", "GPE"]),
        st.sampled_from([0.3, 0.5, 0.7, 1.0]),  # ties of scores and lengths
        st.sampled_from(["a", "b", "c"]),
    ),
    max_size=40,
)


@given(entity_votes)
def test_few_entity_candidates_are_chosen_as_by_binary_search(votes: list[EntityVote]) -> None:
    """The candidates of a sentence (32 at most) chosen against each other directly, as tuples:
    the entities the binary search of a long sentence's candidates chooses."""
    priors = {"a": 0.9, "b": 0.5, "c": 0.7}
    direct = aggregate_entities(votes, priors)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(entity_choice, "_FEW", -1)
        assert aggregate_entities(votes, priors) == direct


CLASSES = ("no", "yes")
label_votes = st.lists(
    st.builds(
        LabelVote,
        st.sampled_from([*CLASSES, "other"]),
        st.sampled_from([0.0, 0.25, 1.0, float("inf")]),
        st.sampled_from(["a", "b", "z"]),
    ),
    min_size=1,
    max_size=4,
)


@given(label_votes)
def test_one_voted_class_wins_as_by_the_weighing(votes: list[LabelVote]) -> None:
    """A single class voted for skips the weighing of every class: the same prediction."""
    priors = {"a": 0.7, "b": 0.4, "z": 0.0}
    weights: dict[str, list[float]] = {}
    voters: dict[str, set[str]] = {}
    for v in votes:
        weights.setdefault(v.label, []).append(priors.get(v.lf, 0.5) * v.score)
        voters.setdefault(v.label, set()).add(v.lf)
    try:
        expected = weighed(weights, voters, CLASSES, "no")
    except KeyError:  # the winner was never voted for (a label outside the classes): as before
        with pytest.raises(KeyError):
            aggregate_class(votes, priors, CLASSES, "no")
        return
    # repr: an infinite weight gives a NaN score, which equals nothing, not even itself
    assert repr(aggregate_class(votes, priors, CLASSES, "no")) == repr(expected)


_MULTI_WORDS = sorted({w for form in load_lexicon().lemma if " " in form for w in form.split()})
multi_texts = st.lists(
    st.sampled_from(_MULTI_WORDS) | st.sampled_from([*PIECES, "-", "'s", ",", "Said"]),
    max_size=12,
).map(" ".join)


@example("They pointed   out, and he referred to it")
@given(multi_texts)
def test_multi_word_gate_lets_every_match_through(text: str) -> None:
    """The scan of the multi-word forms runs only when every word of one is in the sentence:
    no sentence it skips has a match."""
    lex = load_lexicon()
    heads = lexicon_module.multi_heads(lex)
    assert lex.multi is not None and heads is not None
    if lex.multi.search(text):
        assert lexicon_module._has_multi(heads, lower_words(text))

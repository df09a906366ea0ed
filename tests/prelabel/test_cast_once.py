"""The heuristics that voted, gathered once where they vote (``Prelabeler.cast_document``,
``Labelled.voted``; issue 14, the tenth session): the same votes, pre-labels and votes' columns
as the labeler before, whose ``label_document`` is kept here as the reference."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from typing import Any, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import ClaimVote, EntityVote, Sentence, Span, Vote
from builder.prelabel.apply import Prelabeler
from builder.prelabel.entities.memory import remember
from builder.prelabel.learned.voter import ClaimsMember, LearnedVoter
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.registry import registry
from builder.prelabel.together import cast as cast_steps
from builder.prelabel.vote_build import VoteColumns
from tests.prelabel.test_together import TEXTS, _document, _plain
from tests.prelabel.test_vote_build import _same
from tests.prelabel.vote_rows_reference import unit_rows, vote_rows
from tests.text_strategies import UNUSUAL

Reference = tuple[Sentence, dict[str, Sequence[Vote]], dict[str, Any]]


def label_document_before(
    labeler: Prelabeler, sentences: Sequence[Sentence]
) -> Iterator[Reference]:
    """``Prelabeler.label_document`` as it was: every heuristic's votes cast into a dictionary
    by name, which the aggregation then filtered (the advisory voter called after it)."""
    ctx: DocContext | None = None
    for sentence in sentences:
        if ctx is None:
            ctx = DocContext(sentence.doc_id)
        votes: dict[str, Sequence[Vote]] = {}
        ctx.votes = votes
        cast_steps(labeler._steps, sentence, ctx, votes)
        prediction = labeler.aggregate(sentence, votes, frozenset())
        heard = dict(votes)  # an advisor hears the heuristics, not another advisor
        for name, fn in labeler._advisors:
            ctx.votes = heard
            votes[name] = fn(sentence, ctx)
        remember(ctx, prediction["entities"])
        ctx.previous.append(sentence)
        yield sentence, votes, prediction


def _echo(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """A stand-in for the learned voter: it reads the heuristics' votes by name, as the model
    does, and votes for the first two entity spans they hold, in their order."""
    spans = [
        (v.start, v.end, v.label)
        for name, vs in ctx.votes.items()
        for v in vs
        if isinstance(v, EntityVote) and name != "echo"
    ]
    return [EntityVote(s, e, label, 0.75, "echo") for s, e, label in spans[:2]]


def _echo_claims(sentence: Sentence, ctx: DocContext) -> Sequence[Vote]:
    """A stand-in for the claim model: a claim on the first entity span it hears of from
    another voter than the entity model (an advisor hears the heuristics, a voting one the
    votes cast before it)."""
    heard = [(v.start, v.end) for name, vs in ctx.votes.items() if name != "echo" for v in vs
             if isinstance(v, EntityVote)]  # fmt: skip
    return [
        ClaimVote(Span(s, e), None, Span(s, e), False, 0.5, "echo_claims") for s, e in heard[:1]
    ]


def _voter(use: str, claims: str | None = None) -> LearnedVoter:
    lf = LabelingFunction("echo", 1, "entities", _echo, "reads the votes by name", 0.6)
    member = None
    if claims is not None:
        claims_lf = LabelingFunction("echo_claims", 1, "claims", _echo_claims, "", 0.4)
        member = ClaimsMember(claims_lf, claims, cast(Any, None))
    return LearnedVoter(lf, use, "crf-000000000000", cast(Any, None), member)


@cache
def labelers() -> list[Prelabeler]:
    """The registry's set (its families' answers end to end, no dictionary), one without a
    check-worthiness rule (the rules each called alone, into a dictionary), and the set with
    a voter of each use (advisory: after the aggregation; votes and decides: a step alone),
    and with a claim model beside it, advisory or voting."""
    without = [lf for lf in registry() if lf.name != "cw_past_action"]
    return [
        Prelabeler(),
        Prelabeler(without),
        *(Prelabeler(None, _voter(use)) for use in ("advisory", "votes", "decides")),
        Prelabeler(None, _voter("advisory", "advisory")),
        Prelabeler(None, _voter("decides", "advisory")),
        Prelabeler(None, _voter("advisory", "votes")),
    ]


def test_the_registry_set_is_cast_without_a_dictionary_and_the_others_with_one() -> None:
    runs = [labeler._runs is not None for labeler in labelers()]
    assert runs == [True, False, True, False, False, True, False, False]


texts = st.lists(
    st.sampled_from(TEXTS) | st.lists(st.sampled_from([*TEXTS[1].split(), *UNUSUAL])).map(" ".join),
    min_size=1,
    max_size=4,
)


@settings(deadline=None, max_examples=25)
@given(texts)
def test_votes_and_pre_labels_are_those_of_the_labeler_before(document: list[str]) -> None:
    sentences = _document(document)
    for labeler in labelers():
        before = list(label_document_before(labeler, sentences))
        after = list(labeler.label_document(sentences))
        assert len(after) == len(before)
        for item, (sentence, votes, prediction) in zip(after, before, strict=True):
            assert item.sentence == sentence
            assert list(item.votes) == list(votes)  # the set's order
            assert {k: _plain(v) for k, v in item.votes.items()} == {
                k: _plain(v) for k, v in votes.items()
            }
            assert item.prediction == prediction
            # What the labeler gathered is the heuristics that voted, as the votes say.
            assert item.voted is not None
            names, numbers, lists = item.voted
            assert names is labeler.names
            held = list(item.votes.values())
            assert numbers == [k for k, vs in enumerate(held) if vs]
            assert [_plain(vs) for vs in lists] == [_plain(held[k]) for k in numbers]


@settings(deadline=None, max_examples=25)
@given(texts)
def test_the_columns_of_what_was_gathered_are_those_of_the_rows(document: list[str]) -> None:
    """``cast_document`` (the command's way, no votes by name where none were built) and
    ``label_document`` give the columns of the rows of the votes by name."""
    sentences = _document(document)
    for labeler in labelers():
        items = list(labeler.label_document(sentences))
        rows = unit_rows([vote_rows(item, labeler.names) for item in items])
        columns = VoteColumns(labeler.names)
        for sentence, _, voted, every in labeler.cast_document(sentences):
            columns.add_voted(sentence.id, voted, every)
        _same(columns.unit(), rows)
        columns = VoteColumns(labeler.names)
        for item in items:
            columns.add(item)
        _same(columns.unit(), rows)


def test_two_heuristics_of_one_name_are_read_by_name() -> None:
    """Numbers of the heuristics that voted would not be those of the votes by name, which
    keep one entry a name: the columns read the names, as before."""
    lfs = registry()
    twice = [*lfs, lfs[0]]
    labeler = Prelabeler(twice)
    assert labeler._runs is None
    sentences = _document(TEXTS[:3])
    items = list(labeler.label_document(sentences))
    assert all(item.voted is None for item in items)
    columns = VoteColumns(labeler.names)
    for item in items:
        columns.add(item)
    _same(columns.unit(), unit_rows([vote_rows(item, labeler.names) for item in items]))


def test_another_sets_gathered_votes_are_read_by_name() -> None:
    """Columns of a smaller set given what a larger set's labeler gathered (its numbers count
    the larger set's heuristics) read the votes by name, and so refuse the votes of a
    heuristic they do not hold, naming it, instead of columns numbered for the other set."""
    labeler = Prelabeler(registry())
    sentences = _document(TEXTS[:3])
    first = labeler.names[0]
    item = next(iter(labeler.label_document(sentences)))
    assert item.voted is not None
    columns = VoteColumns(labeler.names[1:])
    with pytest.raises(ValueError, match=first):
        columns.add_voted(item.sentence.id, item.voted, item.votes)

"""Heuristics answered together (``together.py``; issue 14, the fifth speed pass) vote what
each heuristic alone gave."""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from hypothesis import given, settings
from hypothesis import strategies as st

from builder.model import LabelVote, Sentence, Vote
from builder.prelabel.aggregate import aggregate_class
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import DocContext
from builder.prelabel.registry import registry, select
from builder.prelabel.together import Members, Together, runs, steps
from tests.text_strategies import UNUSUAL

# Invented news sentences: figures, dates, check-worthiness cues, sentiment words, short ones.
TEXTS = [
    "The council voted on Tuesday to cut spending by 5% to £1.2 million, the mayor said.",
    "Prices rose 3.4 percent in March 2022, the highest since the 1990s, the report found.",
    "Police arrested two men after the attack that killed 14 people on 3 June.",
    "We will fight for better schools and I believe this plan will create jobs.",
    "Thank you, Jim.",
    "Firefighters saved 30 km of forest at 5 a.m. yesterday in a wonderful rescue.",
    "Did the senator vote against the bill three years ago?",
    "Henry finished with aplomb, the first of his 2nd season.",
    "Unemployment fell to its lowest level since 1975, official figures showed.",
]


def _document(texts: Sequence[str]) -> list[Sentence]:
    out, start = [], 0
    for k, text in enumerate(texts):
        out.append(Sentence(f"d-{k}", "d", k, start, start + len(text), text))
        start += len(text) + 1
    return out


def _plain(votes: Sequence[Vote]) -> list[Vote]:
    return list(votes)  # an abstention is () or []: the same rows, the same prediction


Votes = list[list[list[Vote]]]  # per sentence, per member: its votes


def each_alone(members: Members, sentences: Sequence[Sentence]) -> Votes:
    """Every member's votes over a document, each heuristic with its own document state."""
    contexts = [DocContext("d") for _ in members]
    return [
        [_plain(fn(s, ctx)) for (_, fn), ctx in zip(members, contexts, strict=True)]
        for s in sentences
    ]


def answered(call: Together, sentences: Sequence[Sentence]) -> Votes:
    """A run's call over a document (one document state): every member's votes."""
    ctx = DocContext("d")
    return [[_plain(v) for v in call(s, ctx)] for s in sentences]


def test_the_families_runs_are_answered_together() -> None:
    calls = [(lf.name, lf.fn) for lf in registry()]
    together = [t[0] for _, _, t in steps(calls) if t is not None]
    firsts = sorted(names[0].split("_")[0] for names in together)
    # The entity family's call (entities/family.py, 2026-12-06) answers the numeric run too;
    # the claims family's (claims/family.py) its ten heuristics.
    assert firsts == ["cap", "claim", "cw", "sentiment"]
    answered = {name for names in together for name in names}
    assert answered == {name for members, _ in runs() for name, _ in members}
    entities = next(names for names in together if names[0] == "cap_run")
    assert list(entities) == [lf.name for lf in registry() if lf.layer == "entities"]


def test_a_set_without_an_entity_heuristic_answers_the_numeric_run_together() -> None:
    lfs = select(["person_title"])
    together = [t[0] for _, _, t in steps([(lf.name, lf.fn) for lf in lfs]) if t is not None]
    firsts = sorted(names[0].split("_")[0] for names in together)
    assert firsts == ["claim", "cw", "numeric", "sentiment"]


def test_a_set_without_a_member_calls_each_heuristic_alone() -> None:
    lfs = select(["cw_past_action"])
    together = [t[0] for _, _, t in steps([(lf.name, lf.fn) for lf in lfs]) if t is not None]
    assert not any(names[0].startswith("cw_") for names in together)
    assert len(together) == 3


def test_votes_and_pre_labels_are_those_of_each_heuristic_alone() -> None:
    """The registry's set against the same heuristics behind other function objects, which
    no registered run matches: every heuristic called alone."""
    sentences = _document(TEXTS)
    alone = [replace(lf, fn=partial(lf.fn)) for lf in registry()]
    assert all(t is None for _, _, t in steps([(lf.name, lf.fn) for lf in alone]))
    together = list(Prelabeler().label(sentences))
    each = list(Prelabeler(alone).label(sentences))
    for a, b in zip(together, each, strict=True):
        assert list(a.votes) == list(b.votes)  # the set's order
        assert {k: _plain(v) for k, v in a.votes.items()} == {
            k: _plain(v) for k, v in b.votes.items()
        }
        assert a.prediction == b.prediction
    assert any(item.prediction["entities"] for item in together)


words = st.sampled_from(
    [*TEXTS[0].split(), *TEXTS[2].split(), "1,5", "x1,5%", "24/7", "ago", "?", *UNUSUAL]
)


@settings(deadline=None, max_examples=60)
@given(st.lists(words | st.text(max_size=5), max_size=30).map(" ".join))
def test_each_run_gives_what_its_members_give_alone(text: str) -> None:
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    for members, call in runs():
        assert answered(call, [sentence]) == each_alone(members, [sentence])


def test_a_remembered_check_worthiness_class_is_the_one_aggregated() -> None:
    """The labeler remembers the class of a set of check-worthiness votes by their identity
    (the rules vote with the same objects on every sentence): the second pass over the same
    sentences reads every class remembered, and the class is the aggregation's."""
    labeler = Prelabeler()
    sentences = _document(TEXTS)
    first = [item.prediction for item in labeler.label(sentences)]
    again = list(labeler.label(sentences))
    assert [item.prediction for item in again] == first
    for item in again:
        votes = [
            v
            for vs in item.votes.values()
            for v in vs
            if isinstance(v, LabelVote) and v.lf[:3] == "cw_"
        ]
        classes = labeler.check_classes
        chosen = aggregate_class(votes, labeler.priors, classes, classes[0])
        assert item.prediction["check_worthy"]["label"] == chosen.label
        assert item.prediction["check_worthy"]["score"] == chosen.score


def test_a_copied_labeler_remembers_no_class_by_the_ids_of_other_objects() -> None:
    """A deep copy holds copies of the votes, under other ids: it starts afresh."""
    labeler = Prelabeler()
    sentences = _document(TEXTS)
    first = [item.prediction for item in labeler.label(sentences)]
    assert labeler._check_class.known
    copied = copy.deepcopy(labeler)
    assert copied._check_class.known == {}
    assert [item.prediction for item in copied.label(sentences)] == first

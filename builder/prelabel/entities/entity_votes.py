"""Entity votes made without the dataclass's ``__init__`` (issue 14).

``EntityVote`` is frozen: its ``__init__`` sets each of its five fields by
``object.__setattr__``, and a vote cost some 8.5 k instructions to make, the entity family
some 4.5 votes a sentence. The same record is made here from its slots' own descriptors: some
5.5 k. It holds the same fields (tests/prelabel/test_entity_shape.py holds it to the
constructor, and fails if the record gains a field or a ``__post_init__`` that this skips).
"""

from __future__ import annotations

from builder.model import EntityVote

FIELDS = ("start", "end", "label", "score", "lf")
_NEW = object.__new__
_START, _END, _LABEL, _SCORE, _LF = (getattr(EntityVote, name).__set__ for name in FIELDS)


def entity_vote(start: int, end: int, label: str, score: float, lf: str) -> EntityVote:
    """``EntityVote(start, end, label, score, lf)``."""
    vote: EntityVote = _NEW(EntityVote)
    _START(vote, start)
    _END(vote, end)
    _LABEL(vote, label)
    _SCORE(vote, score)
    _LF(vote, lf)
    return vote

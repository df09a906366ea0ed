"""A learned voter among the heuristics: the entity sequence model `builder learn` trains."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from builder.prelabel.learned.voter import LearnedVoter


def load_voter(path: Path) -> LearnedVoter:
    """``voter.load_voter``, its modules (ctypes, the CRF's features) imported only when a
    model is given: a run without ``--model`` (most) and its workers start without them."""
    from builder.prelabel.learned.voter import load_voter as load

    return load(path)

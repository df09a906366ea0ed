"""Labelled sentences from the stored votes while they are fresh, else from the heuristics.

Stored votes (``votes.py``) stand in for a run of the heuristics only when they were written by
the same set (``model_version`` and the order of the heuristics) over the same sentences (number
and digest). The heuristics are deterministic, so then the votes are the ones a run would give,
and so is the prediction: ``Prelabeler.aggregate`` of the votes, which is also the stored
pre-label of the sentence when that carries the same ``model_version`` (cheaper to read than to
aggregate again; a pre-label of another version, re-scored by `builder learn` say, is not it).

Anything else (no file, another set, other sentences) gives back ``None`` and a ``VotesCheck``
saying why, and the caller re-runs the heuristics, as it did before votes were stored.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import repeat
from operator import attrgetter
from pathlib import Path
from typing import Any

from builder.jsonl import read_numbered
from builder.model import Sentence, Vote
from builder.prelabel.apply import Labelled, Prelabeler
from builder.prelabel.votes import SentenceDigest, VotesHeader, read_header, voted_at, votes_path


@dataclass(frozen=True, slots=True)
class VotesCheck:
    """Whether stored votes may stand in for a run of the heuristics; if not, why."""

    fresh: bool
    reason: str


def check_header(
    path: Path, model_version: str, heuristics: Sequence[str]
) -> tuple[VotesHeader | None, VotesCheck]:
    """The header of ``path`` when this set of heuristics wrote it. The sentences are checked
    apart (``check_sentences``): that takes a pass over them."""
    header = read_header(path)
    if header is None:
        why = "is not a votes file" if path.exists() else "does not exist"
        return None, VotesCheck(False, f"{path} {why}")
    if header.model_version != model_version:
        why = f"holds the votes of {header.model_version}, not {model_version}"
        return None, VotesCheck(False, f"{path} {why}")
    if header.heuristics != tuple(heuristics):
        return None, VotesCheck(False, f"{path} holds the votes of another order of heuristics")
    return header, VotesCheck(True, f"votes read from {path}")


def check_sentences(header: VotesHeader, digest: SentenceDigest, path: Path) -> VotesCheck:
    if (digest.n, digest.hexdigest()) != (header.sentences, header.digest):
        why = f"holds the votes of other sentences ({header.sentences} then, {digest.n} now)"
        return VotesCheck(False, f"{path} {why}")
    return VotesCheck(True, f"votes read from {path}")


_VOTES = attrgetter("votes")  # a Labelled's votes by name


def _every(voted: dict[str, list[Vote]], header: VotesHeader) -> dict[str, Sequence[Vote]]:
    """Every heuristic's votes. An abstention is the shared empty tuple, as many heuristics
    return it: an empty list per heuristic and sentence took 80 MB for 40k sentences."""
    return {name: voted.get(name, ()) for name in header.heuristics}


def _header(path: Path, prelabeler: Prelabeler) -> tuple[VotesHeader | None, VotesCheck]:
    return check_header(path, prelabeler.model_version, [lf.name for lf in prelabeler.lfs])


def _predictions(prelabels: Path, wanted: Container[str] | None) -> dict[str, dict[str, Any]]:
    if not prelabels.exists():
        return {}
    return {
        str(record["sentence_id"]): record
        for _, record in read_numbered(prelabels)
        if wanted is None or record.get("sentence_id") in wanted
    }


def stored_labelled(
    prelabels: Path,
    sentences: Iterable[Sentence],
    prelabeler: Prelabeler,
    wanted: Container[str] | None = None,
    shown: Mapping[str, dict[str, Any]] | None = None,
) -> tuple[list[Labelled] | None, VotesCheck]:
    """The ``Labelled`` items of the ``wanted`` sentences (default: all), in the order of
    ``sentences``, from the votes stored beside ``prelabels`` and the pre-labels (``shown``:
    sentence id -> record, else read from ``prelabels``); or ``None`` and why when the votes
    are not fresh. ``sentences`` is consumed unless the file's header already says stale."""
    path = votes_path(prelabels)
    header, check = _header(path, prelabeler)
    if header is None:
        return None, check
    digest = SentenceDigest()
    chosen = [
        (i, s) for i, s in enumerate(digest.tee(sentences)) if wanted is None or s.id in wanted
    ]
    check = check_sentences(header, digest, path)
    if not check.fresh:
        return None, check
    predictions = shown if shown is not None else _predictions(prelabels, wanted)
    positions = None if wanted is None else [i for i, _ in chosen]
    version = prelabeler.model_version
    items = []
    with _collector_paused():
        for (_, sentence), voted in zip(chosen, voted_at(path, header, positions), strict=True):
            votes = _every(voted, header)
            stored = predictions.get(sentence.id)
            if stored is None or stored.get("model_version") != version:
                stored = prelabeler.aggregate(sentence, votes)
            items.append(Labelled(sentence, votes, stored))
    return items, check


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Hundreds of thousands of small objects (votes, their lists, a dict per sentence) make
    the cyclic garbage collector run thousands of times for nothing (they hold no cycles): it
    took half the time of reading the votes of 40k sentences."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def sentence_votes(
    path: Path, sentences: Callable[[], Iterable[Sentence]], prelabeler: Prelabeler
) -> tuple[Iterator[Mapping[str, Sequence[Vote]]], VotesCheck]:
    """Every sentence's votes, in order: read from ``path`` when fresh, else from a run of the
    heuristics over ``sentences()`` (called once or twice: once to check, once to label)."""
    header, check = _header(path, prelabeler)
    if header is not None:
        digest = SentenceDigest()
        for sentence in sentences():
            digest.add(sentence)
        check = check_sentences(header, digest, path)
        if check.fresh:
            # map, not generator expressions: compiled by mypyc, those would be read whole
            # (every sentence's votes at once; docs/compiled.md).
            return map(_every, voted_at(path, header), repeat(header)), check
    return map(_VOTES, prelabeler.label(sentences())), check

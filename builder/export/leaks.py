"""Duplicates across groups: the groups they tie together, the split each group ends up in, and
the account of the moves.

Every duplicate link (a normalised text shared by several groups, or a near-duplicate pair)
joins its groups, even groups that hashed to the same split: a merge caused by another link may
move one of them, and its duplicate must follow. Each merged component then joins the earliest
split any of its groups had (train -> validation -> test), so evaluation sets lose the
duplicate, never train.

The account lists each moved group once, with the number of links that tie it to other groups
and one of them as an example. It used to list every link: templated text has millions (20,000
sentences: 102,000 entries, a 29.5 MB manifest beside 1.2 MB of parquet; 125,000: 251 MB and a
1.6 GB peak). The links are never held as Python objects: near pairs stay numpy arrays, the
components come from array operations, and only the moved groups' examples are built.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from builder.export.fill import Fill, fill_up
from builder.export.names import SPLITS

Ints = npt.NDArray[np.int64]
Text = TypeVar("Text", str, bytes)  # a normalised text, or its digest
Nodes = npt.NDArray[np.int32]  # group numbers: half the memory of millions of links


@dataclass(frozen=True, slots=True)
class Link:
    """Two sentences of two groups that are the same text, or nearly."""

    kind: str  # "exact" | "near"
    sentence_ids: tuple[str, str]  # the moved group's sentence first
    groups: tuple[str, str]  # the moved group first

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "sentence_ids": list(self.sentence_ids),
            "groups": list(self.groups),
        }


@dataclass(frozen=True, slots=True)
class Move:
    """A group that left the split its key hashed to, because of duplicates in other groups."""

    group: str
    was_in: str  # the split its key hashed to
    moved_to: str
    links: int  # duplicate links between its sentences and other groups'
    example: Link  # its first link: exact ones in input order, then near ones

    def to_dict(self) -> dict[str, Any]:
        return {
            "group": self.group,
            "was_in": self.was_in,
            "moved_to": self.moved_to,
            "links": self.links,
            "example": self.example.to_dict(),
        }


@dataclass
class Assignment:
    split_of_group: dict[str, str]
    moves: list[Move] = field(default_factory=list)  # by group key
    fills: list[Fill] = field(default_factory=list)  # placed by the fill-up rule, by group key
    empty: list[str] = field(default_factory=list)  # requested splits that got no group

    def split_of(self, group: str) -> str:
        return self.split_of_group[group]


def components(n: int, a: Nodes, b: Nodes) -> Nodes:
    """The smallest node of each node's connected component, in a graph of ``n`` nodes with
    edges ``(a[k], b[k])``. Each round hooks every root to the smallest root it has an edge
    to, then points every node at its root, in array operations; a few rounds (a random path
    of a million nodes: 13, half a second) where a loop in Python took seconds per million.
    """
    label: Nodes = np.arange(n, dtype=np.int32)
    while True:
        la, lb = label[a], label[b]
        hooked = label.copy()
        np.minimum.at(hooked, np.maximum(la, lb), np.minimum(la, lb))
        while not np.array_equal(jumped := hooked[hooked], hooked):
            hooked = jumped
        if np.array_equal(hooked, label):
            return label
        label = hooked


def resolve(
    first_split: Mapping[str, str],
    by_norm: Mapping[Text, Sequence[tuple[str, str]]],
    near: tuple[Ints, Ints],
    requested: Sequence[str] = (),
    salt: str = "",
) -> Assignment:
    """``first_split``: each group's hash split; ``by_norm``: the sentences ``(id, group)`` of
    each normalised text (or its digest); ``near``: pairs of indices into ``by_norm``'s texts
    (a text belongs to the sentence, and the group, that brought it first). ``requested``:
    the splits that must get a group when there are enough (``fill.py``), with the salt of
    their ranking."""
    index = {g: k for k, g in enumerate(first_split)}
    firsts = [members[0] for members in by_norm.values()]
    owner = np.array([index[group] for _, group in firsts], dtype=np.int32)
    shared = [members for members in by_norm.values() if len(members) > 1]
    return resolve_texts(first_split, Texts(owner, firsts, shared), near, requested, salt)


@dataclass(frozen=True)
class Texts:
    """What ``resolve_texts`` reads of the normalised texts, in order of first appearance:
    the number of the group of each one's first sentence (groups numbered in
    ``first_split``'s order), that sentence ``(id, group)``, and the sentences of the texts
    that more than one sentence has. Gathered as the chunks come in (``splits.Collector``),
    this spares the assignment, which the workers wait for, a loop over every text: 0.3 s of
    CPU at a million distinct sentences."""

    owner: Nodes
    firsts: Sequence[tuple[str, str]]
    shared: Iterable[Sequence[tuple[str, str]]]


def resolve_texts(
    first_split: Mapping[str, str],
    texts: Texts,
    near: tuple[Ints, Ints],
    requested: Sequence[str] = (),
    salt: str = "",
) -> Assignment:
    """``resolve`` from the texts as ``Texts``."""
    groups = list(first_split)
    index = {g: k for k, g in enumerate(groups)}
    start = np.array([SPLITS.index(first_split[g]) for g in groups], dtype=np.int64)
    links = np.zeros(len(groups), dtype=np.int64)
    examples: dict[int, Link] = {}
    src: list[int] = []
    dst: list[int] = []
    for members in texts.shared:  # exact duplicates: a star of edges per shared text
        first_of: dict[str, str] = {}
        for sid, group in members:
            first_of.setdefault(group, sid)
        if len(first_of) < 2:
            continue
        ordered = sorted(first_of)
        keys = [index[g] for g in ordered]
        src += [keys[0]] * (len(keys) - 1)
        dst += keys[1:]
        for g, k in zip(ordered, keys, strict=True):
            links[k] += 1
            if k not in examples:
                other = ordered[1] if g == ordered[0] else ordered[0]
                examples[k] = Link("exact", (first_of[g], first_of[other]), (g, other))
    firsts = texts.firsts
    ga, gb = texts.owner[near[0]], texts.owner[near[1]]
    cross = np.flatnonzero(ga != gb)  # pairs within a group tie nothing
    ga, gb = ga[cross], gb[cross]
    links += np.bincount(ga, minlength=len(groups)) + np.bincount(gb, minlength=len(groups))
    root = components(
        len(groups),
        np.concatenate([np.array(src, dtype=np.int32), ga]),
        np.concatenate([np.array(dst, dtype=np.int32), gb]),
    )
    target = start.copy()
    np.minimum.at(target, root, start)
    final = target[root]
    moved = np.flatnonzero(final != start).tolist()
    need = [k for k in moved if k not in examples]
    if need:  # the first near pair of each moved group that has no exact link
        first = np.full(len(groups), len(cross), dtype=np.int64)
        position = np.arange(len(cross), dtype=np.int64)
        np.minimum.at(first, ga, position)
        np.minimum.at(first, gb, position)
        for k in need:
            p = int(first[k])
            pair = cross[p]
            a, b = firsts[int(near[0][pair])], firsts[int(near[1][pair])]
            if int(ga[p]) != k:
                a, b = b, a
            examples[k] = Link("near", (a[0], b[0]), (a[1], b[1]))
    final, fills, empty = fill_up(groups, root.astype(np.int64), final, requested, salt)
    split_of_group = {g: SPLITS[int(final[k])] for k, g in enumerate(groups)}
    out = [
        Move(groups[k], SPLITS[int(start[k])], SPLITS[int(final[k])], int(links[k]), examples[k])
        for k in moved
    ]
    return Assignment(split_of_group, sorted(out, key=lambda m: m.group), fills, empty)

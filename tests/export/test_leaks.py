"""Duplicates across groups: components in arrays, the same splits as a plain union-find, and
one account entry per moved group."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.export.leaks import components, resolve
from builder.export.names import SPLITS


def _union_find(n: int, edges: list[tuple[int, int]]) -> list[int]:
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        parent[max(ra, rb)] = min(ra, rb)
    return [find(x) for x in range(n)]


edges_strategy = st.integers(1, 60).flatmap(
    lambda n: st.tuples(
        st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=120)
    )
)


@settings(max_examples=200, deadline=None)
@given(edges_strategy)
def test_components_are_those_of_a_union_find(graph: tuple[int, list[tuple[int, int]]]) -> None:
    n, edges = graph
    a = np.array([e[0] for e in edges], dtype=np.int32)
    b = np.array([e[1] for e in edges], dtype=np.int32)
    assert components(n, a, b).tolist() == _union_find(n, edges)


def test_a_long_chain_is_one_component() -> None:
    n = 100_000
    order = np.random.default_rng(5).permutation(n)  # a path visiting the nodes at random
    got = components(n, order[:-1].astype(np.int32), order[1:].astype(np.int32))
    assert (got == 0).all()


# Sentences as (group, text): texts "t<k>" are exact duplicates of each other across groups.
corpus_strategy = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 25)), min_size=1, max_size=150
)


@settings(max_examples=200, deadline=None)
@given(corpus_strategy, st.lists(st.tuples(st.integers(0, 25), st.integers(0, 25)), max_size=40))
def test_groups_tied_by_duplicates_share_the_earliest_split(
    rows: list[tuple[int, int]], near: list[tuple[int, int]]
) -> None:
    first_split = {f"g{g}": SPLITS[g % 3] for g, _ in rows}
    by_norm: dict[str, list[tuple[str, str]]] = {}
    for k, (g, t) in enumerate(rows):
        by_norm.setdefault(f"t{t}", []).append((f"s{k}", f"g{g}"))
    texts = list(by_norm)
    pairs = [(i, j) for i, j in near if i < len(texts) and j < len(texts) and i != j]
    got = resolve(
        first_split,
        by_norm,
        (np.array([p[0] for p in pairs], np.int64), np.array([p[1] for p in pairs], np.int64)),
    )
    # The reference: a plain union-find over every link, each component in its earliest split.
    groups = list(first_split)
    index = {g: k for k, g in enumerate(groups)}
    owner = [index[by_norm[t][0][1]] for t in texts]
    edges = [(index[m[0][1]], index[g]) for m in by_norm.values() for _, g in m]
    edges += [(owner[i], owner[j]) for i, j in pairs]
    root = _union_find(len(groups), edges)
    best = {
        r: min(SPLITS.index(first_split[g]) for g in groups if root[index[g]] == r) for r in root
    }
    want = {g: SPLITS[best[root[index[g]]]] for g in groups}
    assert got.split_of_group == want
    moved = sorted(g for g in groups if want[g] != first_split[g])
    assert [m.group for m in got.moves] == moved  # each moved group once, by key
    for move in got.moves:
        assert (move.was_in, move.moved_to) == (first_split[move.group], want[move.group])
        assert move.links >= 1 and move.example.groups[0] == move.group
        assert move.example.groups[1] != move.group
        sids = dict(sid_group for m in by_norm.values() for sid_group in m)
        assert [sids[s] for s in move.example.sentence_ids] == list(move.example.groups)

"""The gazetteer's hits in a sentence, found once and shared by the entity LFs: as a list, as
a set of spans, and indexed by where they start and end (the analysis and ``ctx.state`` hold
them for the sentence being labelled)."""

from __future__ import annotations

from builder.prelabel.entities import gazetteer
from builder.prelabel.entities.analysis import Analysis
from builder.prelabel.lf import DocContext

Hits = list[tuple[int, int, str]]


def gazetteer_hits(a: Analysis, ctx: DocContext) -> Hits:
    """The gazetteer's hits in ``a``'s sentence, found once per sentence and shared by several
    LFs (some seven calls a sentence), kept on the analysis: an attribute read, where a slot of
    ``ctx.state`` looked up and checked cost twice as much (issue 14)."""
    hits = a.gaz
    if hits is None:
        hits = a.gaz = gazetteer.spans(a.text)
    return hits


def gaz_spans(a: Analysis, ctx: DocContext) -> set[tuple[int, int]]:
    """The spans of the gazetteer hits, for a lookup per run (not a loop over the hits)."""
    slot = "entities.gaz_spans"
    cached = ctx.state.get(slot)
    if isinstance(cached, tuple) and cached[0] is a:
        spans: set[tuple[int, int]] = cached[1]
        return spans
    spans = {(s, e) for s, e, _ in gazetteer_hits(a, ctx)}
    ctx.state[slot] = (a, spans)
    return spans


GazIndex = tuple[dict[int, list[int]], dict[int, list[int]]]


def gaz_index(a: Analysis, ctx: DocContext) -> GazIndex:
    """The gazetteer hits' ends per start (in the order of ``gaz_spans``), and the starts of
    its GPE hits per end: a run asks for the hits that start or end where it does (a loop
    over every hit per run was quadratic)."""
    slot = "entities.gaz_index"
    cached = ctx.state.get(slot)
    if isinstance(cached, tuple) and cached[0] is a:
        index: GazIndex = cached[1]
        return index
    ends: dict[int, list[int]] = {}
    for s, e in gaz_spans(a, ctx):
        ends.setdefault(s, []).append(e)
    starts: dict[int, list[int]] = {}
    for s, e, label in gazetteer_hits(a, ctx):
        if label == "GPE":
            starts.setdefault(e, []).append(s)
    ctx.state[slot] = (a, (ends, starts))
    return ends, starts

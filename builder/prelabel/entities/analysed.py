"""Entity heuristics written over the sentence's analysis (issue 14): each is registered as a
labeling function of the sentence, and its body, which takes the analysis, is kept, so that
``family.py`` answers the whole family with one analysis looked up once a sentence (some
twenty heuristics each asked for it, a Python call of some 1.7 k instructions each time)."""

from __future__ import annotations

from collections.abc import Callable

from builder.model import EntityVote, Sentence
from builder.prelabel.entities.analysis import Analysis, analysis
from builder.prelabel.lf import DocContext

OnAnalysis = Callable[[Analysis, DocContext], list[EntityVote]]
Heuristic = Callable[[Sentence, DocContext], list[EntityVote]]

# The body of each heuristic made by ``on_analysis``, by the function registered.
BODIES: dict[Callable[..., object], OnAnalysis] = {}


def on_analysis(body: OnAnalysis) -> Heuristic:
    """The heuristic of ``body``: the sentence's analysis (``analysis.analysis``), then
    ``body``. (Its description is given to ``labeling_function``: a body compiled by mypyc
    has no name or docstring to copy onto it.)"""

    def heuristic(sentence: Sentence, ctx: DocContext) -> list[EntityVote]:
        return body(analysis(sentence, ctx), ctx)

    BODIES[heuristic] = body
    return heuristic

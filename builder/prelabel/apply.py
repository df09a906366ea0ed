"""Apply the labeling functions to a stream of sentences, one document at a time."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import compress, groupby
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from builder.labels import labels
from builder.model import ClaimVote, EntityVote, LabelVote, Sentence, Vote
from builder.prelabel.aggregate import aggregate_claims, span_dict
from builder.prelabel.class_choice import ClassChoice, vote_said
from builder.prelabel.entities.memory import remember
from builder.prelabel.entity_choice import chosen_entities
from builder.prelabel.lf import DocContext, LabelingFunction, set_version
from builder.prelabel.registry import registry
from builder.prelabel.together import Together, cast, steps

if TYPE_CHECKING:  # the learned layer's modules and python-crfsuite: only with --model
    from builder.prelabel.learned.voter import LearnedVoter


# The heuristics that voted on a sentence, gathered once where they voted: the labeler's
# names of its set (``Prelabeler.names``, the same object every sentence), the numbers in it
# of those that voted, in order, and their votes. The aggregation and the votes' columns
# (vote_build.py) read these instead of a pass each over the 73 lists, most of them empty.
Voted = tuple[tuple[str, ...], list[int], list[Sequence[Vote]]]
_NO_VOTES: Mapping[str, Sequence[Vote]] = MappingProxyType({})


# A sentence as ``Prelabeler.cast_document`` gives it: the sentence, its prediction, its
# ``Voted``, and every heuristic's votes: by name, or where no voter read them by name (the
# registry's set, the labeler's ``_runs``), a list in the set's order.
Cast = tuple[
    Sentence, dict[str, Any], Voted | None, list[Sequence[Vote]] | dict[str, Sequence[Vote]]
]


@dataclass(frozen=True, slots=True)
class Labelled:
    """One sentence with every LF's votes (provenance) and the aggregated prediction;
    ``voted``: the same votes of the heuristics that voted (``Voted``), where the labeler
    gave them (None where the votes were read from elsewhere)."""

    sentence: Sentence
    votes: dict[str, Sequence[Vote]]  # LF name -> its votes (empty: abstained)
    prediction: dict[str, Any]
    voted: Voted | None = field(default=None, compare=False, repr=False)


class Prelabeler:
    """The heuristics (``lfs``), and a learned ``voter`` after them if given. Its votes are
    aggregated with the others (``votes``), or advisory (stored, not aggregated), or it
    ``decides`` the entity layer: only the entities it voted for are kept (scored with every
    heuristic that agreed)."""

    def __init__(
        self, lfs: Sequence[LabelingFunction] | None = None, voter: LearnedVoter | None = None
    ) -> None:
        self.lfs = list(lfs if lfs is not None else registry())
        self.model_version = set_version(self.lfs)
        self.advisory: frozenset[str] = frozenset()
        self.decider: str | None = None
        if voter is not None:
            # The learned models after the heuristics: those whose votes count first, then the
            # advisory ones, which are called after the aggregation.
            members = sorted(voter.members(), key=lambda m: m[1] == "advisory")
            self.lfs += [lf for lf, _ in members]
            self.model_version += f"+{voter.version}"
            if voter.use == "decides":
                self.decider = voter.lf.name
            self.advisory = frozenset(lf.name for lf, use in members if use == "advisory")
        self.names = tuple(lf.name for lf in self.lfs)
        self.priors = {lf.name: lf.prior for lf in self.lfs}
        self.layers = {lf.name: lf.layer for lf in self.lfs}
        # Each LF's function called directly: ``LabelingFunction.__call__`` only forwards, and
        # it ran 38 times a sentence.
        self._calls = [(lf.name, lf.fn if type(lf) is LabelingFunction else lf) for lf in self.lfs]
        # Runs of them a family answers in one call (together.py): the 33 check-worthiness
        # heuristics read which of their rules fired. An advisory voter (last) is called after
        # the aggregation, which then has no votes of it to leave out (``label_document``).
        cast = len(self._calls) - len(self.advisory)  # the advisory voters are the last
        self._steps = steps(self._calls[:cast])
        self._advisors = self._calls[cast:]
        cast_names = self.names[:cast]
        self._cast_numbers = range(len(cast_names))
        # Two heuristics of one name share an entry of the votes by name: their numbers are
        # not those of the entries, and the votes' columns read the names (vote_build.py).
        self._numbered = len(set(self.names)) == len(self.names)
        # Where every step is a family's call (the registry's set, with or without an
        # advisory voter), a sentence's votes are the calls' answers end to end, in the set's
        # order: no dictionary is built. Its 73 keys cost some 40 k instructions a sentence,
        # for votes by name that only a learned voter called alone or advisory (which get
        # them) and the callers of ``label_document`` read.
        runs: list[tuple[Together, int]] = [
            (run[1], len(run[0])) for _, _, run in self._steps if run is not None
        ]
        self._runs = runs if len(runs) == len(self._steps) and self._numbered else None
        # Else a sentence's votes start as a copy of this (the names cast, in order): one
        # block, where 73 new keys grew the dictionary five times.
        self._blank: dict[str, Sequence[Vote]] = dict.fromkeys(cast_names, ())
        schema = labels()
        self.sentiment_classes = schema.sentiment_classes
        self.check_classes = schema.check_worthy_classes
        checks = self.check_classes
        self._check_class = ClassChoice(self.priors, checks, checks[0], id)
        self._sentiment_class = ClassChoice(
            self.priors, self.sentiment_classes, "neutral", vote_said
        )

    def cast_document(self, sentences: Iterable[Sentence]) -> Iterator[Cast]:
        """``label_document`` without the votes by name where none were needed (``Cast``)."""
        ctx: DocContext | None = None
        names, numbers, runs, decider = self.names, self._cast_numbers, self._runs, self.decider
        numbered = self._numbered
        every: list[Sequence[Vote]] | dict[str, Sequence[Vote]]
        held: Iterable[Sequence[Vote]]
        for sentence in sentences:
            if ctx is None:
                ctx = DocContext(sentence.doc_id)
            decided = None
            if runs is not None:  # the families' answers end to end, in the set's order
                ctx.votes = _NO_VOTES  # not the last sentence's voters (lf.DocContext.votes)
                every = []
                for call, size in runs:
                    got = call(sentence, ctx)
                    if len(got) != size:
                        raise ValueError(f"{len(got)} answers for the {size} members of {call}")
                    every += got
                held = every
            else:
                every = self._blank.copy()
                ctx.votes = every  # a learned voter, last, reads the heuristics' votes
                cast(self._steps, sentence, ctx, every)
                held = every.values()
                if decider is not None:
                    decided = every.get(decider, ())
            # The heuristics that voted, once (an empty list is false: the abstentions are
            # passed over in C), for the aggregation and the votes' columns alike.
            voted = list(compress(numbers, held))
            lists = list(filter(None, held))
            prediction = self._aggregate(sentence, lists, decided)  # no advisory votes yet
            if self._advisors:  # they read the heuristics' votes, as if called last
                if not isinstance(every, dict):
                    # By name for them: those that voted, which are all that the learned
                    # voters read (``learned/features.mark_votes``, ``claim_features``), not a
                    # dictionary of the 73.
                    ctx.votes = dict(zip(map(names.__getitem__, voted), lists, strict=True))
                heard = dict(ctx.votes)  # each advisor hears the heuristics, not another advisor
                first = len(names) - len(self._advisors)
                for number, (name, fn) in enumerate(self._advisors, first):
                    ctx.votes = heard
                    advice = fn(sentence, ctx)
                    if isinstance(every, dict):
                        every[name] = advice
                    else:
                        every.append(advice)
                    if advice:
                        voted.append(number)
                        lists.append(advice)
            remember(ctx, prediction["entities"])
            ctx.previous.append(sentence)
            yield sentence, prediction, (names, voted, lists) if numbered else None, every

    def label_document(self, sentences: Iterable[Sentence]) -> Iterator[Labelled]:
        """Each sentence with its votes by name (made from the families' answers where
        ``cast_document`` built none), its prediction and what voted."""
        names = self.names
        for sentence, prediction, voted, every in self.cast_document(sentences):
            votes = every if isinstance(every, dict) else dict(zip(names, every, strict=True))
            yield Labelled(sentence, votes, prediction, voted)

    def label(self, sentences: Iterable[Sentence]) -> Iterator[Labelled]:
        """Sentences must come grouped by document (as `builder segment` writes them)."""
        for _, doc_sentences in groupby(sentences, key=lambda s: s.doc_id):
            yield from self.label_document(doc_sentences)

    def aggregate(
        self,
        sentence: Sentence,
        votes: dict[str, Sequence[Vote]],
        advisory: frozenset[str] | None = None,
    ) -> dict[str, Any]:
        """The pre-label of ``sentence`` from ``votes``, those of the ``advisory`` voters (by
        default the labeler's) left out."""
        advisory = self.advisory if advisory is None else advisory
        # Without advisory voters (most runs) the names need not be read at all.
        gathered = (
            votes.values() if not advisory else [vs for n, vs in votes.items() if n not in advisory]
        )
        decided = None if self.decider is None else votes.get(self.decider, ())
        return self._aggregate(sentence, list(filter(None, gathered)), decided)

    def _aggregate(
        self, sentence: Sentence, lists: list[Sequence[Vote]], decided: Sequence[Vote] | None
    ) -> dict[str, Any]:
        """The pre-label of ``sentence`` from the vote ``lists`` of the heuristics that voted
        and count, and the votes of the labeler's ``decider`` (None: it has none)."""
        text = sentence.text
        entity_votes: list[EntityVote] = []
        claim_votes: list[ClaimVote] = []
        # Label votes split by their heuristic's layer as they are gathered: one pass, not a
        # filter per layer over all of them (61 heuristics, most of them abstaining). Passes in
        # C a kind (map, compress, a list each) cost more over a few votes a sentence.
        check_votes: list[LabelVote] = []
        sentiment_votes: list[LabelVote] = []
        layer = self.layers
        for vs in lists:
            for v in vs:
                if isinstance(v, EntityVote):
                    entity_votes.append(v)
                elif isinstance(v, ClaimVote):
                    claim_votes.append(v)
                else:
                    of = layer.get(v.lf)  # the layer of the heuristic named in the vote
                    if of == "check_worthy":
                        check_votes.append(v)
                    elif of == "sentiment":
                        sentiment_votes.append(v)
        if decided is not None:
            chosen = {(v.start, v.end, v.label) for v in decided if isinstance(v, EntityVote)}
            entity_votes = [v for v in entity_votes if (v.start, v.end, v.label) in chosen]
        entities, pairs = (
            chosen_entities(entity_votes, self.priors, text) if entity_votes else ([], 0)
        )
        claims = aggregate_claims(claim_votes, self.priors) if claim_votes else []
        check = self._check_class(check_votes)
        sentiment = self._sentiment_class(sentiment_votes)
        return {
            "sentence_id": sentence.id,
            "model_version": self.model_version,
            "entities": [
                {
                    "start": start,
                    "end": end,
                    "text": text[start:end],
                    "label": label,
                    "score": -negated_score,
                    "heuristics": list(heuristics),
                }
                for negated_score, _, start, label, end, heuristics in entities
            ],
            "claims": [
                {
                    "claim": span_dict(c.claim, text),
                    "source": span_dict(c.source, text),
                    "cue": span_dict(c.cue, text),
                    "direct": c.direct,
                    "score": c.score,
                    "heuristics": list(c.heuristics),
                }
                for c in claims
            ],
            "check_worthy": {"label": check[0], "score": check[1], "heuristics": list(check[2])},
            "sentiment": {
                "label": sentiment[0],
                "score": sentiment[1],
                "heuristics": list(sentiment[2]),
            },
            "conflicts": {
                "entities": pairs - len(entities),
                # Votes that merge into one claim but read it differently (two claims may
                # share a reading, hence the floor). One vote is one claim: no set, whose
                # spans' hashes are Python calls.
                "claims": max(
                    0, len({(v.claim, v.source, v.direct) for v in claim_votes}) - len(claims)
                )
                if len(claim_votes) > 1
                else 0,
                "check_worthy": check[3],
                "sentiment": sentiment[3],
            },
        }

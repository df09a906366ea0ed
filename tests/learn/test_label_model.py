"""The label model: heuristics' accuracies from their agreements, priors where it knows nothing."""

from __future__ import annotations

from builder.learn.label_model import fit_priors, groups_of
from builder.model import EntityVote

DECLARED = {"good": 0.6, "also_good": 0.6, "bad": 0.6, "alone": 0.7}


def _sentence(bad_label: str) -> dict[str, list[EntityVote]]:
    return {
        "good": [EntityVote(0, 6, "ORG", 1.0, "good")],
        "also_good": [EntityVote(0, 6, "ORG", 1.0, "also_good")],
        "bad": [EntityVote(0, 6, bad_label, 1.0, "bad")],
        "alone": [EntityVote(20, 25, "GPE", 1.0, "alone")],  # never shares a group
    }


def test_a_heuristic_outvoted_by_two_that_agree_loses_accuracy() -> None:
    priors = fit_priors([_sentence("GPE") for _ in range(200)], DECLARED)
    assert priors["good"] == priors["also_good"] > DECLARED["good"]
    assert priors["bad"] < DECLARED["bad"]
    assert priors["alone"] == DECLARED["alone"]  # no evidence: the declared prior


def test_groups_are_overlapping_votes_with_two_voters_or_more() -> None:
    (group,) = groups_of(_sentence("GPE"))
    assert group == (2, [("also_good", 1), ("bad", 0), ("good", 1)])


def test_the_same_votes_give_the_same_priors() -> None:
    votes = [_sentence("GPE" if i % 3 else "ORG") for i in range(90)]
    assert fit_priors(votes, DECLARED) == fit_priors(list(votes), DECLARED)

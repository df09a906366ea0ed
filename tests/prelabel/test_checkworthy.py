"""Check-worthiness rules of issue 13, one example each: which rule fires on a sentence, and
the aggregated label once ``cw_threshold`` has voted. Every sentence is written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.model import Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.claims.checkworthy import RULES, fired
from builder.prelabel.registry import registry

CHECK = [lf for lf in registry() if lf.layer == "check_worthy"]


def label(text: str) -> str:
    (item,) = Prelabeler(CHECK).label_document([Sentence("s0", "doc", 0, 0, len(text), text)])
    return str(item.prediction["check_worthy"]["label"])


FIRES = [
    ("number_words", "We lost five hundred thousand jobs in the spring."),
    ("number_words", "They sent twenty families away from the mill."),
    ("time_anchor", "Prices have gone up every month since the election."),
    ("time_anchor", "Over the last four years the program grew steadily."),
    ("named_actor", "Senator Halvorsen opposed the plan at every turn."),
    ("stance", "We believe the plan is the right one for families."),
    ("past_tense", "The mill closed its gates for good in the spring."),
    ("third_person", "She wants to take the railway back into public hands by law."),
    ("first_person", "I hope that my children will live in a safer town."),
    ("proper_name", "The budget came from the Treasury in the end."),
    ("grounds", "My opponent said the mines would reopen this winter."),
    ("grounds", "Rents rose quickly because the town stopped building homes."),
    ("grounds", "The fact is that the deficit is larger than it was."),
    ("quantity", "There are fewer nurses in the hospital than there were."),
    ("policy_topics", "The new law leaves the farmers of the valley without water."),
    ("negated_modal", "We can't keep on spending money that we do not have."),
    ("own_record", "I voted to keep the hospital in the valley open."),
    ("policy_topics", "The troops in the north are short of spare parts."),
    ("policy_topics", "Half the schools in the county have no science teacher."),
    ("record_verbs", "The mayor fought against the new ring road for a decade."),
    ("negated_past", "The council didn't spend a penny of the flood budget."),
    ("negated_past", "The bridge has never been repaired."),
    ("issue_nouns", "Fuel prices in the valley follow the oil market."),
    ("vague_talk", "What matters is the way we treat one another here."),
    ("interrogative", "So why should the farmers trust the council now?"),
    ("plan_verbs", "Our aim is to rebuild the harbour and expand the ferry."),
    ("evidence", "The auditors' report on the harbour came out in the spring."),
    ("since", "The ferry has lost money since the new bridge opened."),
    ("hedges", "The harbour plan may well be the wrong answer for the town."),
]


@pytest.mark.parametrize(("rule", "text"), FIRES)
def test_rule_fires(rule: str, text: str) -> None:
    assert rule in fired(text, RULES)


NOT_FIRES = [
    ("past_tense", "The United States need a plan, indeed a good one."),  # no -ed verb
    # Weak cues with no content cue beside them: narration, no vote (``weak`` rules).
    ("past_tense", "He turned and struck the ball past the keeper at Stamford Bridge."),
    ("proper_name", "She married Beatty and they promoted the film across Europe."),
    ("quantity", "Most of the crowd stayed on to watch the fireworks."),
    ("proper_name", "Nobody here agrees with the plan."),  # a capital only at the start
    ("own_record", "I need a bigger budget for the schools."),  # "need" is no past
    ("negated_past", "The ferry does not run on Sundays in the winter."),  # no past denied
    ("vague_talk", "The ferry carried four hundred cars across the bay."),  # no talk
]


@pytest.mark.parametrize(("rule", "text"), NOT_FIRES)
def test_rule_does_not_fire(rule: str, text: str) -> None:
    assert rule not in fired(text, RULES)


LABELS = [
    # A lone weak cue (a past tense, a pronoun) does not outweigh the threshold ...
    ("He walked down to the river in the rain.", "no"),
    ("She likes the town and its old square.", "no"),  # "market" is an issue noun now
    # ... a figure does, and so does a named actor's or the speaker's own record.
    ("Unemployment in the valley is above nine percent.", "yes"),
    ("Senator Halvorsen voted against the water bill twice.", "yes"),
    ("I voted to keep the hospital open when the county tried to close it.", "yes"),
    # Weak cues together do not make a claim ("He", "turned", "Stamford") ...
    ("He turned and struck the ball past the keeper at Stamford Bridge.", "no"),
    ("Marlowe had already toured the north with the band in Leeds.", "no"),  # "already" too
    # ... a content cue with them does (an election lost, "lost" a past action).
    ("Halvorsen left the council after he lost the vote in March.", "yes"),
    # Stances and plans stay "no".
    ("I believe we can do better than this, and we will.", "no"),
    # A record, a denial or a dated change outweighs the threshold with one more cue ...
    ("She voted against the harbour levy and fought it in the courts.", "yes"),
    ("The ferry has lost money every winter since the new bridge opened.", "yes"),
    # "since" alone is no claim: its prior is capped below the threshold (a causal "since").
    ("The square is quiet since the cafes are shut for the winter.", "no"),
    # ... while talk of values, plans and hedges stays "no".
    ("The way forward is to restore the values this town deserves.", "no"),
    ("Maybe the harbour plan is the wrong way to help the fishermen.", "no"),
]


@pytest.mark.parametrize(("text", "expected"), LABELS)
def test_label_after_threshold(text: str, expected: str) -> None:
    assert label(text) == expected


def test_threshold_votes_on_every_sentence() -> None:
    assert "cw_threshold" in {lf.name for lf in CHECK}
    assert label("Thank you.") == "no"


WEAK = {r.name for r in RULES if r.weak}
CONTENT = {r.name for r in RULES if r.label == "yes" and not r.weak}
PIECES = [
    "He",
    "she",
    "turned",
    "the keeper",
    "at Stamford Bridge",
    "more",
    "since",
    "voted",
    "the budget",
    "in 1998",
    "they",
    "told",
    "the Senate",
    "I think",
    "for",
    "and",
]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=12))
def test_weak_cues_vote_only_beside_a_content_cue(words: list[str]) -> None:
    names = fired(" ".join(words) + ".", RULES)
    assert not names & WEAK or names & CONTENT

"""The third claims pass of issue 13, as golden cases (cue, source, claim, direct): each rule
with the PolNeAR-style sentence that motivates it (texts written for the test)."""

from __future__ import annotations

import pytest

from builder.model import ClaimVote, Sentence, Vote
from builder.prelabel.claims.fallback import fallback_votes
from builder.prelabel.claims.signoff import signoff
from tests.prelabel.test_claims import Claim, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # A quotation signed with a dash: the dash is the cue, the name the source.
    (
        "“The levee must be rebuilt before winter.”― Dana Ortiz.",
        [("―", "Dana Ortiz", "“The levee must be rebuilt before winter.”", True)],
    ),
    # Present-tense verbs that are never nouns take a common-noun source and any content.
    (
        "But critics say resources could be better spent on schools.",
        [("say", "critics", "resources could be better spent on schools", False)],
    ),
    # The content starts after a clitic subject or a "that," ...
    (
        "His aides say it's too early to discuss a run.",
        [("say", "His aides", "it's too early to discuss a run", False)],
    ),
    # ... and after the particle the cue keeps.
    (
        "The minister warned against hasty cuts to the budget.",
        [("warned against", "The minister", "hasty cuts to the budget", False)],
    ),
    # A possessive day is no modifier of the cue: "Friday's decision" is the content.
    (
        'The mayor called Friday\'s decision "a win for voters."',
        [("called", "The mayor", 'Friday\'s decision "a win for voters."', False)],
    ),
    # The content ends with its clause.
    (
        "The senator agreed that the rules should change, but he said the vote should wait.",
        [
            ("agreed", "The senator", "that the rules should change", False),
            ("said", "he", "the vote should wait", False),
        ],
    ),
    (
        'The chief said the video did not give "definitive evidence," but it helped.',
        [("said", "The chief", 'the video did not give "definitive evidence,"', False)],
    ),
    (
        "The poll shows Clinton ahead by 3 points, using an average of polls.",
        [("shows", "The poll", "Clinton ahead by 3 points", False)],
    ),
    # An inverted source keeps its apposition, but not a chained ", adding".
    (
        '"We will appeal," said Lena Brook, head of the centre.',
        [("said", "Lena Brook, head of the centre", '"We will appeal,"', True)],
    ),
    # A base form after an auxiliary is a cue; "did not immediately" belongs to it.
    (
        "The Trump campaign did not immediately respond to requests for comment.",
        [
            (
                "did not immediately respond",
                "The Trump campaign",
                "to requests for comment",
                False,
            )
        ],
    ),
    # A base form after a pronoun subject is a present tense.
    (
        "We really want the board to act now.",
        [("really want", "We", "the board to act now", False)],
    ),
    # (a known miss of the second pass: the fallback now reads a plural subject)
    ("Analysts believe prices will fall.", [("believe", "Analysts", "prices will fall", False)]),
    (
        "Some Democrats privately express reservations about the plan.",
        [("privately express", "Some Democrats", "reservations about the plan", False)],
    ),
    # A number between the noun marker and the verb: "in 2008 questioned" is a cue, and the
    # source is found past the time ("a panel in 2001 found", "the court this month ruled").
    (
        "An ad in 2008 questioned whether the rival was ready.",
        [("questioned", "An ad", "whether the rival was ready", False)],
    ),
    # An adverb sits between source and cue, and belongs to the cue.
    (
        "Trump openly admires the Russian president.",
        [("openly admires", "Trump", "the Russian president", False)],
    ),
    # A second predicate's source is the sentence's subject.
    (
        "Cruz exhorted Republicans to vote their conscience and said he would not endorse.",
        [("said", "Cruz", "he would not endorse", False)],
    ),
    # A quotation or clause resumed after the attribution is the same content.
    (
        '"We will walk away," he said, "in love with this country."',
        [("said", "he", '"We will walk away," he said, "in love with this country."', True)],
    ),
    (
        "Even if the venture fails, Mr. Morgan said, he has done the work.",
        [
            (
                "said",
                "Mr. Morgan",
                "Even if the venture fails, Mr. Morgan said, he has done the work",
                False,
            )
        ],
    ),
    # ... also when the quotation began before the source.
    (
        '"That," he added, "makes life harder."',
        [("added", "he", '"That," he added, "makes life harder."', True)],
    ),
    # "what he called" marks the writer's distance from a label, not an attribution.
    (
        "The mayor condemned what he called a brazen breach.",
        [("condemned", "The mayor", "what he called a brazen breach", False)],
    ),
    # "plans" is a cue only before an infinitive.
    (
        "Mike Pence plans to release his returns soon.",
        [("plans", "Mike Pence", "to release his returns soon", False)],
    ),
    ("The tax plans of both candidates are vague.", []),
    # Forms of cue verbs that are nouns (cues.yaml ``nouns``) are no cue.
    ("The Clinton email matter is closed.", []),
    ("After the 9/11 attacks, the city mourned.", []),
    ("The Times report on the deal was wrong.", []),
    # A title's period ends no inverted source; "one ..." is a source like "a ...".
    (
        '"The panel is in a frenzy," said one Democratic source on the panel.',
        [("said", "one Democratic source on the panel", '"The panel is in a frenzy,"', True)],
    ),
    (
        "Ben Rhodes, one of the aides, recalled Mr. Obama talking about the book.",
        [("recalled", "Ben Rhodes, one of the aides,", "Mr. Obama talking about the book", False)],
    ),
    # A day after an inverted cue is when, not who.
    (
        '"The veto will be overridden," Mitch McConnell, R-Ky., said Tuesday.',
        [("said", "Mitch McConnell, R-Ky.,", '"The veto will be overridden,"', True)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_third_pass_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


def test_signoff_alone_points_at_the_name() -> None:
    """The quotation is in the sentence before: the content can only be the name."""
    text = "― Sonya Herridge"
    found = signoff(text)
    assert found is not None
    cue, source, content = found
    assert text[cue[0] : cue[1]] == "―"
    assert text[source[0] : source[1]] == "Sonya Herridge" == text[content[0] : content[1]]


@pytest.mark.parametrize(
    "text",
    [
        "The fight goes on — and on.",  # a dash inside a sentence
        "We met ― briefly ― at noon.",
    ],
)
def test_no_signoff_without_a_name_ending_the_sentence(text: str) -> None:
    assert signoff(text) is None


def _cues(text: str, votes: list[Vote]) -> list[str]:
    return [text[v.cue.start : v.cue.end] for v in votes if isinstance(v, ClaimVote) and v.cue]


def test_fallback_ignores_verbs_inside_quotations() -> None:
    """A speaker's own "I don't know" or "they said" is no attribution of the article."""
    text = '"I don\'t know what they said," the clerk shrugged.'
    votes = fallback_votes(Sentence("s", "d", 0, 0, len(text), text), (), "x")
    assert _cues(text, votes) == []


def test_fallback_votes_outside_found_attributions_only() -> None:
    text = "The council voted against the plan, saying it would cost too much."
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    everything = fallback_votes(sentence, (), "x")
    assert _cues(text, everything) == ["voted against", "saying"]
    taken = [(text.index("saying"), len(text) - 1)]
    kept = fallback_votes(sentence, taken, "x")
    assert _cues(text, kept) == ["voted against"]

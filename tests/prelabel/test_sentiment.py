"""Sentence sentiment LFs: a golden table of news sentences written for these tests, and the
rules behind it (negation, contrast, intensifiers, quotation), determinism and score ranges."""

from __future__ import annotations

import pytest
import yaml

from builder.model import LabelVote, Sentence
from builder.prelabel.apply import Prelabeler
from builder.prelabel.lf import DocContext, LabelingFunction
from builder.prelabel.registry import registry
from builder.prelabel.sentiment.lexicon import NEWS_LEXICON
from builder.prelabel.sentiment.lexicon import PORTRAYAL as PORTRAYAL_FILE
from builder.prelabel.sentiment.scorer import analyse


def _lfs() -> list[LabelingFunction]:
    return [lf for lf in registry() if lf.layer == "sentiment"]


PRE = Prelabeler(_lfs())


def label(text: str) -> str:
    (out,) = PRE.label_document([Sentence("s", "d", 0, 0, len(text), text)])
    return str(out.prediction["sentiment"]["label"])


GOLDEN = [
    ("At least 40 people were killed when the bomb exploded in a crowded market.", "negative"),
    ("Firefighters rescued twelve people from the burning building.", "positive"),
    ("The two countries signed a trade agreement on Friday.", "positive"),
    ("The committee will meet again on Tuesday to discuss the budget.", "neutral"),
    ("The minister was arrested on charges of fraud and corruption.", "negative"),
    ("The local team won the championship for the first time in 30 years.", "positive"),
    ("Critics slammed the plan as a costly failure.", "negative"),
    ("The economy recovered strongly in the second quarter.", "positive"),
    ("The report will be published next month, a spokesman said.", "neutral"),
    ("Aid agencies delivered food and medicine to the flooded villages.", "positive"),
    ("Heavy shelling destroyed the city's main hospital.", "negative"),
    ("The United Nations Security Council held a session on Monday.", "neutral"),
    ("The mayor praised the volunteers who helped clear the streets.", "positive"),
    ("Police said the suspect was shot dead after a car chase.", "negative"),
    ("Rescue teams saved a woman trapped under the rubble of her home.", "positive"),
    ("A first round of talks led to no breakthroughs.", "negative"),
    ("Officials say they cannot evacuate the wounded.", "negative"),
]


# Known misses: sarcasm, composition and world knowledge are beyond a lexicon.
KNOWN_MISSES = [
    ("Oh great, another delay for the long-promised railway.", "negative", "sarcasm"),
    (
        "Unemployment fell to its lowest level in a decade.",
        "positive",
        "a fall of something bad is good",
    ),
    (
        "The company cut 500 jobs.",
        "negative",
        "'jobs' outweighs 'cut': no composition of verb and object",
    ),
    ("The striker scored twice as United beat City.", "positive", "sport verbs and team names"),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        *GOLDEN,
        *(
            pytest.param(t, e, marks=pytest.mark.xfail(reason=r, strict=True))
            for t, e, r in KNOWN_MISSES
        ),
    ],
)
def test_golden(text: str, expected: str) -> None:
    assert label(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks were good.", "positive"),
        ("The talks were not good.", "negative"),
        ("The negotiators made no progress.", "negative"),
        ("The column has made little progress in three days.", "negative"),
        ("The army prevented an attack on the capital.", "positive"),
        ("Nobody was hurt in the crash.", "negative"),  # the crash still is the news
    ],
)
def test_negation(text: str, expected: str) -> None:
    assert label(text) == expected


def test_negation_reaches_the_first_sentiment_word_only() -> None:
    # "cannot evacuate the wounded": the evacuation is negated, the wounded stay wounded.
    assert analyse("They cannot evacuate the wounded.").total < analyse("The wounded.").total


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The talks were difficult but productive.", "positive"),
        ("The plan was ambitious but it failed.", "negative"),
        ("Despite the setback, the mission was a success.", "positive"),
    ],
)
def test_contrast(text: str, expected: str) -> None:
    assert label(text) == expected


# How news portrays people (portrayal.yaml, news_phrases.tsv): words VADER misses or misreads.
PORTRAYAL = [
    ("The senator repeated his baseless claims about the vote count.", "negative"),
    ("The statement was false and misleading.", "negative"),
    ("The mayor's handling of the budget drew scrutiny.", "negative"),
    ("The candidate has slipped in the polls and is now trailing his rival.", "negative"),
    ("Colleagues remember her as a tireless, principled reformer.", "positive"),
    ("The two parties agreed to work together on the bill.", "positive"),
    ("She is a great leader.", "positive"),
    # News senses that are not evaluations: quantity, a speech verb, "important".
    ("A great deal of money was spent on the project.", "neutral"),
    ("The lawyer argued that the contract should be read narrowly.", "neutral"),
    ("Officials said the talks were critical to the region.", "neutral"),
    ("The report is critical of the agency.", "negative"),
]


@pytest.mark.parametrize(("text", "expected"), PORTRAYAL)
def test_portrayal(text: str, expected: str) -> None:
    assert label(text) == expected


def test_portrayal_words_are_lower_case_and_new() -> None:
    groups = yaml.safe_load(PORTRAYAL_FILE.read_text(encoding="utf-8"))
    news = {row.split("\t")[0] for row in NEWS_LEXICON.read_text(encoding="utf-8").splitlines()}
    seen: set[str] = set()
    for group, spec in groups.items():
        for word in spec["words"]:
            assert isinstance(word, str) and word == word.lower(), (group, word)
            assert word not in news and word not in seen, (group, word)
            seen.add(word)


def test_a_denied_harm_is_not_praise() -> None:
    # "not good" turns negative, but "nothing wrong" does not turn positive.
    assert analyse("He did nothing wrong.").total == 0
    assert analyse("The talks were not good.").total < 0
    assert label("The inquiry found that he did nothing wrong.") == "neutral"


def test_reported_speech_weighs_half() -> None:
    plain = analyse("The plan is a disaster.").total
    assert analyse("The plan is a disaster, the minister said.").total == pytest.approx(plain / 2)
    # Strong reported events keep their polarity.
    assert label("At least 12 people were killed in the attack, officials said.") == "negative"


def test_intensifiers_raise_and_dampeners_lower_intensity() -> None:
    plain = analyse("The damage was bad.").total
    assert analyse("The damage was very bad.").total < plain < 0
    assert plain < analyse("The damage was slightly bad.").total < 0


def test_scare_quotes_drop_positive_words() -> None:
    assert analyse('The government announced what it called a "peace plan".').total == 0
    assert analyse("The government announced a peace plan.").total > 0


def test_names_are_not_sentiment_words() -> None:
    # "Hope", "Justice", "United" as names; VADER would read them as praise.
    assert label("Hope Hicks met officials of the Justice Department in Washington.") == "neutral"


def test_yaml_booleans_are_words() -> None:
    # An unquoted `no` in modifiers.yaml is the boolean False: "no" must be a negator.
    assert analyse("There was no progress.").total < 0


def test_deterministic() -> None:
    text = "Rebels attacked the town but troops repelled them and rescued the hostages."
    runs = {(label(text), analyse(text)) for _ in range(3)}
    analyse.cache_clear()
    runs.add((label(text), analyse(text)))
    assert len(runs) == 1


@pytest.mark.parametrize("text", [t for t, _ in GOLDEN] + [t for t, _, _ in KNOWN_MISSES])
def test_votes_are_well_formed(text: str) -> None:
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    for lf in _lfs():
        assert lf.version >= 1
        assert 0 < lf.prior <= 1
        for vote in lf(sentence, DocContext("d")):
            assert isinstance(vote, LabelVote)
            assert vote.lf == lf.name
            assert vote.label in ("negative", "neutral", "positive")
            assert 0.0 <= vote.score <= 1.0


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "neutral"),  # nothing to go on: no vote, the default
        ("...", "neutral"),
        ('"', "neutral"),
        ("“Yes,” he said.", "neutral"),  # an answer, not an evaluation
        ("ALL CAPS HEADLINE: KILLED IN CRASH", "negative"),  # capitals hide no word
        ("all caps headline: killed in crash", "negative"),
        ("Three people were killed in the crash 🚑.", "negative"),  # outside the BMP
    ],
)
def test_empty_and_odd_input(text: str, expected: str) -> None:
    assert label(text) == expected


def test_capitalised_words_count_in_a_headline_only() -> None:
    """Title case is read when a capital asks for it (the scorer counts it lazily): in a
    headline "Great Victory" are sentiment words, in a sentence a name."""
    headline = analyse("Village Celebrates Great Victory Over Floods")
    sentence = analyse("The village celebrated after the Great Victory parade on Sunday")
    assert (headline.n_polar, sentence.n_polar) == (4, 1)

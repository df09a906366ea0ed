"""The fourth claims pass of issue 13, as golden cases (cue, source, claim, direct): each rule
with a PolNeAR-style sentence that motivates it (texts written for the test)."""

from __future__ import annotations

import pytest

from builder.prelabel.claims.quotes import find_quotes
from tests.prelabel.test_claims import Claim, claims_of

GOLDEN: list[tuple[str, list[Claim]]] = [
    # Sources: a party and state in parentheses, an abbreviation's period.
    (
        "Sen. Mara Quill (D-Ore.) said the bill would pass.",
        [("said", "Sen. Mara Quill (D-Ore.)", "the bill would pass", False)],
    ),
    (
        "Robert Dane Jr. said the plant would close.",
        [("said", "Robert Dane Jr.", "the plant would close", False)],
    ),
    # ... a relative clause too long for the walk, with the name before it.
    (
        "Ed Marlow, who chaired the party during the 2000 campaign, agreed that the rules were "
        "outdated.",
        [
            (
                "agreed",
                "Ed Marlow, who chaired the party during the 2000 campaign,",
                "that the rules were outdated",
                False,
            )
        ],
    ),
    # ... two names joined by "and" that open the sentence, but not a clause before "and".
    (
        "Mr. Grassley and Mr. Leahy said the program was abused.",
        [("said", "Mr. Grassley and Mr. Leahy", "the program was abused", False)],
    ),
    (
        "Clinton criticized Trump and Republicans said nothing.",
        [("criticized", "Clinton", "Trump and Republicans said nothing", False)],
    ),
    # ... "those" is a determiner, not the end of the source.
    (
        "Those close to him say he will run again.",
        [("say", "Those close to him", "he will run again", False)],
    ),
    # ... the subject of a second predicate runs on to its verb.
    (
        "The Republican nominee also outlined his plan and vowed to cut taxes.",
        [
            ("also outlined", "The Republican nominee", "his plan", False),
            ("vowed", "The Republican nominee", "to cut taxes", False),
        ],
    ),
    # ... past a connective that opens the sentence, and never a connective itself.
    (
        "But the mayor toured the site and said it would reopen.",
        [("said", "the mayor", "it would reopen", False)],
    ),
    (
        "Though she toured the site, and said it would reopen.",
        [("said", None, "it would reopen", False)],
    ),
    # ... a passive cue has none ("was accused of"), unless its agent follows "by"; since the
    # fifth pass its subject is part of the content, as PolNeAR draws it.
    (
        "He has been harshly criticized for his policies.",
        [
            (
                "has been harshly criticized for",
                None,
                "He has been harshly criticized for his policies",
                False,
            )
        ],
    ),
    (
        "The mayor has been endorsed by three unions.",
        [("has been endorsed", "three unions", "The mayor", False)],
    ),
    (
        "“American Skin” was written by Springsteen after the shooting.",
        [("was written", "Springsteen", "“American Skin”", False)],
    ),
    # ... the apposition of a source the fallback finds.
    (
        "Abby Lane, another host, had previously denounced the annexation.",
        [("had previously denounced", "Abby Lane, another host,", "the annexation", False)],
    ),
    # ... and an apposition before the cue makes what follows it an object, not a speaker.
    (
        "Ivanka Trump, the nominee's eldest daughter, noted the rule in an interview.",
        [("noted", "Ivanka Trump, the nominee's eldest daughter,", "the rule", False)],
    ),
    # Cues: a verb of thinking inside another content is the speaker's own word.
    (
        "He said he hoped the museum would start a dialogue.",
        [("said", "He", "he hoped the museum would start a dialogue", False)],
    ),
    # ... "''" is a quotation mark: no cue inside it.
    (
        "''I think the plan will work,'' the adviser said.",
        [("said", "the adviser", "''I think the plan will work,''", True)],
    ),
    # ... a participle of a stance verb chains to the sentence's source.
    (
        "The senator questioned the deal, encouraging voters to call their representatives.",
        [
            ("questioned", "The senator", "the deal", False),
            ("encouraging", "The senator", "voters to call their representatives", False),
        ],
    ),
    # ... "you" outside a quotation is the writer turning to the reader, "worth noting" an
    # aside, "supposed to" an idiom: no attribution.
    ("But what do you expect the board to say?", []),
    ("Can you imagine if the mayor had resigned?", []),
    ("It is worth noting that the rate fell.", []),
    ("The bridge was supposed to open in May.", []),
    ("Now tell us this is not a witch hunt!", []),  # an imperative
    # ... a newsroom's label is no speaker.
    ("Correction: An earlier version of this article misstated the date.", []),
    # ... a passive inside another content is the reported speaker's own word, like a verb of
    # thinking (and, since the seventh pass, a speech verb in the same clause: see
    # test_claims_seventh_pass); "now" belongs to a cue.
    (
        "She said the proposals were praised by a man.",
        [("said", "She", "the proposals were praised by a man", False)],
    ),
    (
        "He said the plan failed, but the mayor now says it will work.",
        [
            ("said", "He", "the plan failed", False),
            ("now says", "the mayor", "it will work", False),
        ],
    ),
    # ... a transcript's speaker says all of the line: no cue inside it.
    (
        "PENCE: Well, look, Clinton apparently thinks this is a game show.",
        [(":", "PENCE", "Well, look, Clinton apparently thinks this is a game show", False)],
    ),
    # ... and so does one after any clause, for the fallback.
    (
        "The governor toured the plant on Monday, encouraging workers to vote.",
        [("encouraging", "The governor", "workers to vote", False)],
    ),
    # ... reporting verbs of a standard list, and no cue before a place.
    (
        "The witness swore that she saw the car.",
        [("swore", "The witness", "that she saw the car", False)],
    ),
    ("The president spoke in a cottage on the base.", []),
    # Contents: no-break spaces are trimmed.
    (
        "But\u00a0Shelby said\u00a0she acted in self-defense.",
        [("said", "Shelby", "she acted in self-defense", False)],
    ),
    # ... a content starts at the "that" after where it was said ...
    (
        "Trump said at a rally in Toledo that the race was rigged.",
        [("said", "Trump", "that the race was rigged", False)],
    ),
    # ... ends at a spaced dash, a frame that closes it, a fronted clause's comma ...
    (
        "The founder said sales had tripled — more than any rival.",
        [("said", "The founder", "sales had tripled", False)],
    ),
    (
        "The union demanded more school funding in a statement on Thursday.",
        [("demanded", "The union", "more school funding", False)],
    ),
    (
        "While he acknowledged the costs were high, the mayor noted that the plan was popular.",
        [
            ("acknowledged", "he", "the costs were high", False),
            ("noted", "the mayor", "that the plan was popular", False),
        ],
    ),
    # ... and at ", adding" after a closing quotation mark.
    (
        '"We raised the money quickly," the treasurer said, adding that donors were eager.',
        [
            ("said", "the treasurer", '"We raised the money quickly,"', True),
            ("adding", "the treasurer", "that donors were eager", False),
        ],
    ),
    # ... keeps the words before a quotation and a quotation's closing marks ...
    (
        'She said Kaine "has a passion for the wrong people."',
        [("said", "She", 'Kaine "has a passion for the wrong people."', True)],
    ),
    (
        "The governor blasted the media for being “unbelievably dishonest.”",
        [("blasted", "The governor", "the media for being “unbelievably dishonest.”", False)],
    ),
    # ... spans an attribution that interrupts it ...
    (
        "The latest test, North Korea said, was its biggest yet.",
        [("said", "North Korea", "The latest test, North Korea said, was its biggest yet", False)],
    ),
    (
        "Climate change, Mr. Obama often says, is the gravest threat.",
        [
            (
                "often says",
                "Mr. Obama",
                "Climate change, Mr. Obama often says, is the gravest threat",
                False,
            )
        ],
    ),
    # ... but not a fronted phrase before the source (since the seventh pass an attribution of
    # its own: "Asked about" its cue).
    (
        "Asked about the blast, the mayor said, “We need the facts first.”",
        [
            ("Asked about", None, "the blast", False),
            ("said", "the mayor", "“We need the facts first.”", True),
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_fourth_pass_golden(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected


@pytest.mark.parametrize(
    ("text", "inner"),
    [
        ("''We are not there yet,'' he said.", ["We are not there yet,"]),
        ("He called it ''a disaster'' and ''a shame.''", ["a disaster", "a shame."]),
        ("''It runs on", ["It runs on"]),
    ],
)
def test_two_apostrophes_are_a_quotation_mark(text: str, inner: list[str]) -> None:
    quotes = find_quotes(text)
    assert [text[s:e] for s, e in quotes.regions] == inner

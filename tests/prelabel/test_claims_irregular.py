"""Irregular simple pasts (cues.yaml past_forms, base_pasts) end a clause: "The storm blew the
roof off and the mayor said X" is the mayor's, not "The storm blew the roof off and the
mayor"'s (source.py _conjunct takes a phrase without a verb form for a list of nouns). The
lists hold the simple pasts of a standard list of English irregular verbs, written here, but
for the auxiliaries (cues.yaml between), the cues' own forms (said, told, thought) and the
pasts that are as often nouns ("ground", "wound", "shot", "bit", "saw", "lay", "bound").
Golden cases (texts written for the test), and property checks over the lists."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.claims.lexicon import CUES_FILE, load_lexicon
from tests.prelabel.test_claims import Claim, assert_parts_hold, claims_of

# Simple pasts of English irregular verbs that are not spelled as their base.
IRREGULAR = [
    "arose",
    "ate",
    "awoke",
    "became",
    "befell",
    "began",
    "bent",
    "blew",
    "bled",
    "bore",
    "bought",
    "bred",
    "broke",
    "brought",
    "built",
    "burnt",
    "came",
    "caught",
    "chose",
    "clung",
    "crept",
    "dealt",
    "drank",
    "dreamt",
    "drew",
    "drove",
    "dug",
    "fed",
    "fell",
    "fled",
    "flew",
    "flung",
    "forbade",
    "foresaw",
    "forgave",
    "forgot",
    "fought",
    "found",
    "froze",
    "gave",
    "got",
    "grew",
    "heard",
    "held",
    "hid",
    "hung",
    "kept",
    "knelt",
    "knew",
    "laid",
    "leant",
    "leapt",
    "led",
    "left",
    "lent",
    "lit",
    "lost",
    "made",
    "meant",
    "met",
    "misled",
    "mistook",
    "outgrew",
    "outran",
    "outsold",
    "outspent",
    "overcame",
    "overheard",
    "overran",
    "overrode",
    "oversaw",
    "overthrew",
    "overtook",
    "paid",
    "rang",
    "rebuilt",
    "retook",
    "rode",
    "rose",
    "ran",
    "sang",
    "sank",
    "sat",
    "shone",
    "shook",
    "shrank",
    "slept",
    "slid",
    "slung",
    "sold",
    "sought",
    "spat",
    "sped",
    "spent",
    "spoke",
    "sprang",
    "spun",
    "stank",
    "stole",
    "stood",
    "strode",
    "strove",
    "struck",
    "strung",
    "stuck",
    "stung",
    "swam",
    "swept",
    "swore",
    "swung",
    "taught",
    "threw",
    "took",
    "tore",
    "trod",
    "undertook",
    "underwent",
    "upheld",
    "wept",
    "withdrew",
    "withheld",
    "withstood",
    "woke",
    "won",
    "wore",
    "wove",
    "wrote",
]
# ... and those spelled as their base (a verb only before "and" and a cue).
BASES = [
    "beat",
    "bet",
    "bid",
    "broadcast",
    "burst",
    "cast",
    "cost",
    "cut",
    "forecast",
    "hit",
    "hurt",
    "let",
    "put",
    "quit",
    "read",
    "rid",
    "set",
    "shed",
    "shut",
    "split",
    "spread",
    "thrust",
    "undercut",
    "upset",
]


def test_the_lists_hold_the_irregular_pasts() -> None:
    lex = load_lexicon()
    assert sorted(set(IRREGULAR) - lex.past_forms) == []
    assert sorted(set(BASES) - lex.base_pasts) == []


GOLDEN: list[tuple[str, list[Claim]]] = [
    (
        "The storm blew the roof off and the mayor said repairs would cost millions.",
        [("said", "the mayor", "repairs would cost millions", False)],
    ),
    (
        "Prices shrank in 2016 and analysts said the trend would go on.",
        [("said", "analysts", "the trend would go on", False)],
    ),
    (
        "The party left the coalition and its leader said the talks had failed.",
        [("said", "its leader", "the talks had failed", False)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), GOLDEN)
def test_an_irregular_past_ends_the_clause(text: str, expected: list[Claim]) -> None:
    assert claims_of(text) == expected
    assert_parts_hold(text)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(IRREGULAR), st.sampled_from(["the mayor", "officials", "its leader"]))
def test_the_speaker_after_an_irregular_past_and_and(past: str, speaker: str) -> None:
    text = f"The storm {past} the town and {speaker} said repairs would cost millions."
    assert_parts_hold(text)
    assert [(c, s) for c, s, _, _ in claims_of(text) if c == "said"] == [("said", speaker)]


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(BASES), st.sampled_from(["The bank", "The company", "A spokesman"]))
def test_a_base_past_before_and_a_cue_ends_the_subject(past: str, subject: str) -> None:
    text = f"{subject} {past} its rates and said inflation would fall, adding that jobs were safe."
    assert_parts_hold(text)
    assert {s for _, s, _, _ in claims_of(text)} == {subject}


def test_a_word_yaml_reads_as_no_string_is_refused_naming_the_list(tmp_path: Path) -> None:
    """An unquoted "on" is YAML's true: it once fell out of the prepositions unseen."""
    cues = tmp_path / "cues.yaml"
    text = CUES_FILE.read_text(encoding="utf-8")
    cues.write_text(text.replace('in, "on", at', "in, on, at"), encoding="utf-8")
    assert cues.read_text(encoding="utf-8") != text
    with pytest.raises(ValueError, match=r"cues.yaml: prepositions: \[True\]"):
        load_lexicon(cues)
    assert "on" in load_lexicon().prepositions and "on" in load_lexicon().gerund_after

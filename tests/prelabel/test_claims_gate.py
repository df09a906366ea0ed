"""The claims' gate (gate.py) is shut only where no cued rule finds an attribution: built from
the rules' own vocabularies, it cannot drift from them. So is the gate of the four rules after
the cues (``Lexicon.rule_words``, issue 14, tenth session)."""

from __future__ import annotations

from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

from builder.prelabel.claims.according import according
from builder.prelabel.claims.extract import _cued
from builder.prelabel.claims.gate import may_cue, vocabulary
from builder.prelabel.claims.hearsay import hearsay
from builder.prelabel.claims.lexicon import CUES_FILE, load_lexicon
from builder.prelabel.claims.polls import polls
from builder.prelabel.claims.quotes import find_quotes
from builder.prelabel.claims.views import views
from builder.prelabel.sentence_words import lower_words
from builder.prelabel.word_gates import FOLDS, has_folds

_LEX = load_lexicon()
_WORDS = sorted(vocabulary(_LEX) or ())
# Near misses of the vocabularies: capitals, hyphens, "by" without its spaces, folded letters.
_NEAR = ["Said", "SAID", "said-", "-said", "by", " by", "By", "by,", "ſaid", "reportedly,"]
_NEAR += ["According", "to", "as", "see", "seen", "the", "levy", "was", "praised", *FOLDS]
texts = st.lists(
    st.sampled_from(_WORDS) | st.sampled_from(_NEAR) | st.text(max_size=4), max_size=14
).map(" ".join)


def test_the_gate_has_every_rules_words() -> None:
    words = vocabulary(_LEX)
    assert words is not None
    assert {"said", "told", "according", "reportedly", "see", "pointed"} <= words


@example("Prices rose sharply, the ministry\u00a0said", False)
@example("Sales were praised by analysts", False)
@example("Acc\u017frding to the BBC, prices fell sharply", True)
@example("Accord\u0131ng to the BBC, prices fell sharply", False)  # "ı" folds to "i"
@given(texts, st.booleans())
def test_a_shut_gate_loses_no_attribution(text: str, open_at_start: bool) -> None:
    quotes = find_quotes(text, open_at_start)
    if not may_cue(text, _LEX):
        assert _cued(text, quotes, _LEX) == []


_RULE_WORDS = sorted(_LEX.rule_words)


@example("Many see the levy as a tax", False)
@example("In a poll released Monday, voters backed it", False)
@example("Acc\u017frding to the BBC, prices fell", True)
@example("Accord\u0131ng to the BBC, prices fell", False)
@example("The mayor has reportedly quit", False)
@given(
    st.lists(
        st.sampled_from(_RULE_WORDS) | st.sampled_from(_NEAR) | st.text(max_size=4), max_size=14
    ).map(" ".join),
    st.booleans(),
)
def test_the_rules_after_the_cues_find_nothing_without_their_words(
    text: str, open_at_start: bool
) -> None:
    """``extract._cued`` calls the views, "according to", the polls and hearsay only where the
    sentence holds a word of ``Lexicon.rule_words`` (or a folded letter): elsewhere each
    finds nothing on its own."""
    quotes = find_quotes(text, open_at_start)
    if _LEX.rule_words.isdisjoint(lower_words(text)) and not has_folds(text):
        assert _LEX.source_after_words is not None
        assert views(text, quotes, _LEX, []) == []
        assert according(text, quotes, _LEX) == []
        assert polls(text, quotes, _LEX, []) == []
        assert hearsay(text, quotes, _LEX, []) == []


def test_the_gate_reads_the_vocabulary_of_the_lexicon_it_is_given(tmp_path: Path) -> None:
    """The gate keeps the last lexicon's vocabulary: a second lexicon with a cue of its own
    opens it where the first keeps it shut, and the first shuts it again."""
    cues = tmp_path / "cues.yaml"
    text = CUES_FILE.read_text(encoding="utf-8")
    cues.write_text(
        text.replace("  - tell:", "  - yodel: [yodels, yodelled]\n  - tell:", 1), encoding="utf-8"
    )
    other = load_lexicon(cues)
    sentence = "The mayor yodelled the harbour was sinking"
    assert not may_cue(sentence, _LEX)
    assert may_cue(sentence, other)
    assert not may_cue(sentence, _LEX)

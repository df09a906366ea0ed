"""The entity family's third speed pass (issue 14, 2026-12-06): the sentence's lower-case words
and first digit told by byte tables on ASCII text, the numeric scans of a sentence without a
digit cut to the word patterns, the person name test asked only after a title or role, and a
suffix run's head looked for by a generator only where it may be, give what the regex scans,
the loop over all and the plain order gave."""

from __future__ import annotations

import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from builder.model import EntityVote, Sentence
from builder.prelabel.entities import lfs, numeric, suffixes
from builder.prelabel.entities.analysis import Analysis, Run, analysis
from builder.prelabel.entities.hits import gaz_spans
from builder.prelabel.entities.lexicon import lexicon, word_set
from builder.prelabel.lf import DocContext
from builder.prelabel.sentence_words import first_digit, lower_words
from tests.prelabel.test_numeric_gates import _PIECES, _SEPARATORS, _reference_find
from tests.text_strategies import UNUSUAL

_PLAIN_WORD = re.compile(r"[a-z]+")
_PLAIN_DIGIT = re.compile(r"\d")

# Every ASCII character (the byte tables' whole range, controls and separators such as
# "\x1c", which ``str.split`` takes for white space), digits of other scripts, letters that
# lower to ASCII ("K" KELVIN SIGN -> "k", "İ" -> "i̇") and astral characters.
_CHARS = st.sampled_from(
    [chr(c) for c in range(128)] + ["٣", "߃", "\u212a", "İ", "ſ", "é", "\u00a0", *UNUSUAL]
)
texts = st.lists(_CHARS | st.sampled_from(["Year", "U.S.", "said", "1996", "x1,5"])).map("".join)
ascii_texts = st.text(alphabet=st.characters(max_codepoint=127))


@given(texts | ascii_texts | st.text())
@example("The U.S. said\x1cTHIRTY-two")
@example("\u212aM and 5 km")  # KELVIN SIGN lowers to an ASCII "k": not an ASCII text
def test_lower_words_are_the_runs_the_regex_finds(text: str) -> None:
    assert lower_words(text) == frozenset(_PLAIN_WORD.findall(text.lower()))


@given(texts | ascii_texts | st.text())
@example("no digit at all")
@example("Arabic-Indic ٣ then 3")
def test_first_digit_is_where_the_regex_finds_it(text: str) -> None:
    found = _PLAIN_DIGIT.search(text)
    assert first_digit(text) == (-1 if found is None else found.start())


_NO_DIGIT = [p for p in _PIECES if not any(c.isdigit() for c in p)]
no_digit_texts = st.lists(st.tuples(st.sampled_from(_NO_DIGIT), _SEPARATORS), max_size=12).map(
    lambda pieces: "".join(w + sep for w, sep in pieces)
)


@given(no_digit_texts | texts)
@example("Last week , two years ago , today")
@example("the President said")
def test_numeric_find_without_a_digit_is_the_loop_over_all(text: str) -> None:
    """A sentence without a digit runs the word patterns alone, none without their triggers:
    the hits of the loop over every pattern."""
    assert numeric.find(text) == _reference_find(text)


def _plain_name_like(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """``lfs._name_like`` before this pass: the words looked at by a generator first."""
    last = a.words[run.last - 1]
    if any(w in ("of", "for", "&") for w in a.words[run.first : run.last]):
        return False
    lex = lexicon()
    if run.last - run.first > 4 or not last[:1].isupper():
        return False
    if last.isupper() and len(last) > 1:
        before = a.words[run.last - 2] if run.last - run.first > 1 else ""
        if last not in lex.regnal or before.isupper():
            return False
    if last in lex.org_suffixes or last in lex.fac_suffixes:
        return False
    if a.words[run.first] in lex.org_prefixes:
        return False
    return (
        (run.start, run.end) not in gaz_spans(a, ctx)
        and not lfs._place_first(a, run, ctx)
        and not lfs._place_last(a, run, ctx)
    )


def _plain_person_title(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    """``person_title`` before this pass: the name test on every run, then the title."""
    votes = []
    for run in a.runs:
        if not _plain_name_like(a, run, ctx):
            continue
        if run.after_title:
            votes.append(lfs.run_vote(run, "PERSON", 1.0, "person_title"))
        elif run.first > 0 and a.words[run.first - 1].lower() in lexicon().roles:
            votes.append(lfs.run_vote(run, "PERSON", 0.8, "person_title"))
    return votes


_NAME_PIECES = [
    *("President", "Prime", "Minister", "Mr", ".", "negotiator", "Economist", "analyst", "the"),
    *("Vladimir", "Putin", "Henry", "VIII", "XDA", "II", "Radio", "Velmo", "Academy", "Arena"),
    *("Kansas", "City", "Royals", "Air", "Canada", "Karen", "Houston", "Bank", "of", "England"),
    *("Johnson", "&", "for", "said", ",", "Jordan", "Henderson", "A", "B", "C", "D", "E"),
]
name_texts = st.lists(st.sampled_from(_NAME_PIECES) | st.sampled_from(UNUSUAL), max_size=24).map(
    " ".join
)


@settings(deadline=None)  # the first example loads the name lists and the gazetteer
@given(name_texts)
@example("President Vladimir Putin met negotiator Henry VIII of Air Canada")
@example("Economist Karen Houston and analyst Kansas City Royals said")
def test_person_title_and_the_name_test_are_the_plain_ones(text: str) -> None:
    """The title or role looked for before the name test, the run's words tested by ``in``:
    the votes and answers of the plain order."""
    ctx = DocContext("d")
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    a = analysis(sentence, ctx)
    assert [lfs._name_like(a, r, ctx) for r in a.runs] == [
        _plain_name_like(a, r, ctx) for r in a.runs
    ]
    assert lfs.person_title(sentence, ctx) == _plain_person_title(a, ctx)


def _plain_suffix_votes(
    a: Analysis, ctx: DocContext, keys: list[tuple[str, str, str]], name: str, numbered: str = ""
) -> list[EntityVote]:
    """A suffix heuristic's body before this pass: the head found by a generator in every
    run of two words or more."""
    files = suffixes.LEXICON_FILES
    resolved = [(word_set(files[p], k), label) for p, k, label in keys]
    designators = word_set(files["misc"], numbered) if numbered else frozenset()
    votes = []
    for run in a.runs:
        if run.last - run.first < 2:
            continue
        words = a.words[run.first : run.last]
        cut = next((i for i, w in enumerate(words) if w in ("of", "for")), 0)
        head = words[cut - 1] if cut else words[-1]
        last = words[-2] if words[-1] in designators else words[-1]
        for found, label in resolved:
            if head in found or last in found:
                if (run.start, run.end) not in gaz_spans(a, ctx):
                    votes.append(lfs.run_vote(run, label, 1.0, name))
                break
    return votes


_SUFFIX_PIECES = [
    *("Ministry", "of", "for", "Fisheries", "Liberal", "Democratic", "Party", "Russia", "Acme"),
    *("Inc", "Grace", "Road", "World", "Cup", "War", "Two", "Federation", "Russian", "Act"),
    *("Velmo", "Chemical", "Airport", "River", "Union", "Soviet", "the", ",", "said"),
]
suffix_texts = st.lists(st.sampled_from(_SUFFIX_PIECES), max_size=20).map(" ".join)


@settings(deadline=None)
@given(suffix_texts)
@example("the Ministry of Fisheries and the Liberal Democratic Party of Russia")
@example("World War Two , Acme Inc , Grace Road and the Russian Federation")
def test_suffix_heads_are_those_of_the_generator(text: str) -> None:
    ctx = DocContext("d")
    sentence = Sentence("s", "d", 0, 0, len(text), text)
    a = analysis(sentence, ctx)
    assert suffixes.org_suffix(sentence, ctx) == _plain_suffix_votes(
        a, ctx, [("orgs", "suffixes", "ORG")], "org_suffix"
    )
    place_keys = [("places", "fac_suffixes", "FAC"), ("places", "loc_suffixes", "LOC")]
    assert suffixes.place_suffix(sentence, ctx) == _plain_suffix_votes(
        a, ctx, place_keys, "place_suffix"
    )
    misc_keys = [("misc", "event_suffixes", "EVENT"), ("misc", "law_suffixes", "LAW")]
    assert suffixes.misc_suffix(sentence, ctx) == _plain_suffix_votes(
        a, ctx, misc_keys, "misc_suffix", "designators"
    )

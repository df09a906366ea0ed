"""Pathological lines take time linear in their length (issue 16, defect 7).

One line of 100k spaces took `builder ingest` 46.5 s (a boilerplate rule's ``\\s*`` tried from
every space of the run), 100k dots took `builder segment` over 120 s (a candidate pattern's
``+`` backtracking from every dot) and ``'1,' * 50000`` took `builder prelabel` over 120 s (the
number patterns, again from every digit). Each generator below builds one line of long runs of
what the rules look at; every stage must handle it within a budget of CPU seconds per character
(plus per sentence where the work is per sentence, plus a fixed allowance): the quadratic
code broke it on 27 of these lines at 20k characters, by 2 to over 40 times (one line, a run of
periods after "He said", was exponential), and the linear code meets it with a wide margin.
Lines whose quadratic part was small at 20k are held to their growth instead: four times the
line, about four times the time. bench/pathological.py prints the times of each command
through the CLI.

Stages run as the CLI runs them: ingest (character normalisation and boilerplate clean-up, and
markdown to text for a .md file), the segmenter over the raw line (a documents.jsonl may hold
any text), the tokenizer of the export over its sentences, the prelabeler over its sentences,
then over the whole line as one sentence (a sentences.jsonl may hold any line).
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from collections.abc import Callable
from hashlib import sha256
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.ingest.boilerplate import clean
from builder.ingest.markdown import markdown_to_text
from builder.ingest.normalize import normalize_chars
from builder.jsonl import dumps
from builder.model import Document, Sentence
from builder.prelabel.aggregate import MAX_CLAIMS
from builder.prelabel.apply import Prelabeler
from builder.segment import segment_document, sentence_id
from builder.segment.tokenizer import split_tokens, tokenize

pytestmark = pytest.mark.adversarial

# CPU seconds per character of input, plus per sentence for the stages that work sentence by
# sentence, plus a fixed allowance per call. Normal news text takes some 0.2 µs/char to clean,
# 0.3 to segment and 5 to pre-label (150 µs for a sentence of a few characters); the worst line
# here takes 15-20 µs/char to pre-label (an entity every two characters); the quadratic code
# took 100 to over 2000 µs/char at 20k characters.
BUDGET_S_PER_CHAR = 50e-6
BUDGET_S_PER_SENTENCE = 1e-3
ALLOWANCE_S = 0.1
PER_SENTENCE = ("tokenize", "prelabel")
SIZE = 20_000


def _repeat(piece: str) -> Callable[[int], str]:
    """``piece`` repeated to ``n`` characters."""
    return lambda n: (piece * (n // len(piece) + 1))[:n]


def _inner(piece: str) -> Callable[[int], str]:
    """A run of ``piece`` between two letters (a line is stripped: the run must be inside)."""
    return lambda n: "a" + _repeat(piece)(n - 2) + "b"


def _numbered(template: str) -> Callable[[int], str]:
    """``template`` formatted with 0, 1, 2, ... until ``n`` characters: distinct neighbours."""

    def make(n: int) -> str:
        parts: list[str] = []
        size = 0
        while size < n:
            parts.append(template.format(len(parts)))
            size += len(parts[-1])
        return "".join(parts)[:n]

    return make


GENERATORS: dict[str, Callable[[int], str]] = {
    # white space, which every rule around a word skips
    "spaces": _inner(" "),
    "tabs": _inner("\t"),
    "no-break spaces": _inner("\u00a0"),
    "newlines": _repeat("\n"),
    "lines": _repeat("a\n"),
    # sentence-final punctuation
    "dots": _repeat("."),
    "dot space": _repeat(". "),
    "spaced ellipses": _repeat(". . . "),
    "ellipses": _repeat("…"),
    "bangs": _repeat("!"),
    "questions": _repeat("?"),
    "bang space": _repeat("! "),
    # numbers with separators
    "digits": _repeat("1"),
    "digit comma": _repeat("1,"),
    "digit dot": _repeat("1."),
    "digit space": _repeat("1 "),
    "digit colon": _repeat("1:"),
    "digit slash": _repeat("1/"),
    "digit hyphen": _repeat("1-"),
    "thousands": _repeat("1,000 "),
    "money": _repeat("$1 "),
    "percent": _repeat("1% "),
    "ordinal": _repeat("1st "),
    "year": _repeat("in 2021 "),
    "commas": _repeat(","),
    "comma space": _repeat(", "),
    # abbreviations, initials and titles
    "initial": _repeat("A."),
    "initial space": _repeat("A. "),
    "lower initial": _repeat("a. "),
    "multi-period": _repeat("U.S. "),
    "title": _repeat("Mr. "),
    "title name": _repeat("Mr. Smith "),
    "list numbers": _repeat("1.) "),
    # quotes and brackets
    "double quotes": _repeat('"'),
    "single quotes": _repeat("'"),
    "quote space": _repeat('" '),
    "curly quotes": _repeat("“a” "),
    "said quote": _repeat('He said: "'),
    "open parens": _repeat("("),
    "close parens": _repeat(")"),
    "parenthesised": _repeat("(a). "),
    "brackets": _repeat("["),
    "angle": _repeat("<a"),
    # words
    "capitalised": _repeat("Abc "),
    "capitalised glued": _repeat("Ab"),
    "acronyms": _repeat("ABC "),
    "caps hyphen": _repeat("Abc-"),
    "hyphens": _repeat("-"),
    "letter hyphen": _repeat("a-"),
    "letter digit": _repeat("a1"),
    "letter underscore": _repeat("a_"),
    "possessive": _repeat("a's "),
    "said": _repeat("said "),
    "the": _repeat("the "),
    "names": _numbered("Xyz{0} Abc said. "),
    "mixed": _repeat("Mr. John Smith of the U.S. said "),
    # markup and boilerplate the rules look for
    "heading spaces": lambda n: "# a" + " " * (n - 4) + "b",
    "emphasis": _repeat("_a "),
    "bold": _repeat("**a"),
    "link": _repeat("[a]("),
    "external": _repeat(", external"),
    "published at": _repeat(" published at"),
    "image source": _repeat(". Image source, "),
    "caption": _repeat("x\nImage caption,\n"),
    "shared prefix": _numbered("A line that repeats the first forty chars {0}\n"),
    "bullets": _repeat("• "),
    "bracket lines": _repeat("[\n"),
    "images": _repeat("![a]("),
    "link groups": _repeat("[a]((x)"),
    "reference links": _repeat("[a]["),
    "reference definitions": _repeat("\n [a]:"),
    "stars": _repeat("*a "),
    "tildes": _repeat("~~a "),
    # what the heuristics look at around a cue, a number or a name
    "said dots": lambda n: "He said" + "." * (n - 8) + "x",
    "question spaces": lambda n: "Why?" + " " * (n - 5) + "x",
    "according to": _repeat("according to "),
    "quoted speech": _repeat('"We will," he said. '),
    "told": _repeat("told Reuters that "),
    "hearsay": _repeat("It was reportedly a record, aides said, and "),
    "views": _repeat("Officials see the levy as a tax, aides said, and "),
    # the cue fallback reads a window before each cue word, wider where its walk back over
    # soft words runs past it (issue 14, tenth session): chains longer than the first window
    # before a verb no structured rule takes ("attacked": the fallback's alone)
    "soft words": _repeat(
        "The mayor also also also also also also also also also also attacked it, "
    ),
    "saying": _repeat("Abc, saying "),
    "colon names": _repeat("PENCE: "),
    "acronym defined": _repeat("Regional Transport Union (RTU) "),
    "places": _repeat("Kyiv "),
    "place in a name": _repeat("New York Stock Exchange "),
    "letter number": _repeat("x1,5% "),
}

_PRELABELER: list[Prelabeler] = []


def _prelabeler() -> Prelabeler:
    if not _PRELABELER:  # loading the gazetteers is not the input's cost
        _PRELABELER.append(Prelabeler())
        list(_PRELABELER[0].label([Sentence("w", "w", 0, 0, 15, "Mr. Smith said.")]))
    return _PRELABELER[0]


def _cpu(stage: Callable[[], object]) -> float:
    """CPU seconds of this thread alone, the collector paused: what grows with the stage's own
    work. Other threads of the test process (an engine's, left by earlier tests) and a
    collection over the whole session's heap made these times jump in full-suite runs."""
    gc.disable()
    try:
        t0 = time.thread_time()
        stage()
        return time.thread_time() - t0
    finally:
        gc.enable()


def stage_times(text: str) -> tuple[dict[str, float], int]:
    """CPU seconds each stage takes over ``text``, and the number of its sentences."""
    labeler = _prelabeler()
    sentences: list[Sentence] = []

    def segment() -> None:
        sentences.extend(segment_document(Document("d", "", text, "", "")))

    def tokens() -> None:
        for s in sentences:
            split_tokens(s.text)
            list(tokenize(s.text))

    line = [Sentence("s", "d", 0, 0, len(text), text)]
    times = {
        "clean": _cpu(lambda: clean(normalize_chars(text))),
        "markdown": _cpu(lambda: markdown_to_text(text)),
        "segment": _cpu(segment),
        "tokenize": _cpu(tokens),
        "prelabel": _cpu(lambda: list(labeler.label(sentences))),
        "prelabel line": _cpu(lambda: list(labeler.label(line))),
    }
    return times, len(sentences)


def _over_budget(text: str) -> dict[str, str]:
    times, n_sentences = stage_times(text)
    over = {}
    for stage, secs in times.items():
        budget = ALLOWANCE_S + BUDGET_S_PER_CHAR * len(text)
        if stage in PER_SENTENCE:
            budget += BUDGET_S_PER_SENTENCE * n_sentences
        if secs > budget:
            over[stage] = f"{secs:.2f} s > {budget:.2f} s"
    return over


@pytest.mark.parametrize("name", list(GENERATORS))
def test_pathological_line_is_linear(name: str) -> None:
    text = GENERATORS[name](SIZE)
    assert len(text) == SIZE
    over = _over_budget(text)
    assert not over, f"{name}: {over}"


@pytest.mark.parametrize("name", ["spaces", "dots", "digit comma"])
def test_the_lines_of_the_issue_at_100k(name: str) -> None:
    """The three lines the issue measured, at the size it measured them."""
    over = _over_budget(GENERATORS[name](100_000))
    assert not over, f"{name}: {over}"


def _one_stage(stage: str) -> Callable[[str], object]:
    labeler = _prelabeler()
    return {
        "clean": lambda text: clean(normalize_chars(text)),
        "markdown": markdown_to_text,
        "segment": lambda text: list(segment_document(Document("d", "", text, "", ""))),
        "prelabel line": lambda text: list(
            labeler.label([Sentence("s", "d", 0, 0, len(text), text)])
        ),
    }[stage]


# Lines whose quadratic cost was small next to the linear one at 20k characters: four times the
# text took 9-19 times the time; the linear code takes 3.5-6 times (not 4: per-call costs, the
# cache). "according to" joined once a sentence keeps at most MAX_CLAIMS claims (each of its
# thousands of claims held the rest of the line: 770 MB of pre-labels for 100k characters).
GROWTH = [
    ("external", "clean"),
    ("caption", "clean"),
    ("link", "markdown"),
    ("link groups", "markdown"),
    ("images", "markdown"),
    ("angle", "markdown"),
    ("parenthesised", "segment"),
    ("said quote", "prelabel line"),
    ("names", "prelabel line"),
    ("mixed", "prelabel line"),
    ("quoted speech", "prelabel line"),
    ("said", "prelabel line"),
    ("saying", "prelabel line"),
    ("letter number", "prelabel line"),
    ("according to", "prelabel line"),
    ("hearsay", "prelabel line"),
    ("views", "prelabel line"),
    ("soft words", "prelabel line"),
]
MAX_GROWTH = 8.0


@pytest.mark.parametrize(("name", "stage"), GROWTH)
def test_four_times_the_line_takes_about_four_times_as_long(name: str, stage: str) -> None:
    run = _one_stage(stage)
    size = 10_000 if stage == "prelabel line" else 25_000

    def best(n: int) -> float:
        text = GENERATORS[name](n)
        # Best of five: this machine's speed swings within seconds (1.8x seen). CI runs read
        # 8.9x and 8.1x for quoted speech and views when they grew 5-7x: a search over each
        # attribution's content from its start (contents.py, now walked back from its end:
        # 3.9-4.1x).
        return min(_cpu(lambda: run(text)) for _ in range(5))

    small, large = best(size), best(4 * size)
    assert large < MAX_GROWTH * small, f"{name}: {small:.3f} s, then {large:.3f} s"


# The risky pieces, mixed: runs of each, glued in any order.
PIECES = [
    " ",
    "\t",
    ".",
    ". ",
    "!",
    "?",
    "…",
    ",",
    "1",
    "1,",
    "1.",
    ":",
    "-",
    "'",
    '"',
    "“",
    "”",
    "(",
    ")",
    "[",
    "]",
    "<",
    ">",
    "*",
    "_",
    "~",
    "#",
    "@",
    "$",
    "%",
    "\n",
    "A",
    "a",
    "Abc ",
    "A.",
    "Mr. ",
    "U.S.",
    "He said",
    "said ",
    "according to ",
    "n't",
    "published at ",
    "Image source, ",
    ", external",
    "• ",
    "1.) ",
    "Kyiv ",
]


@st.composite
def mixtures(draw: st.DrawFn) -> str:
    runs = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.integers(1, 600)), min_size=1))
    return "".join(piece * count for piece, count in runs)[:4000]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=mixtures())
def test_mixture_is_linear(text: str) -> None:
    over = _over_budget(text)
    assert not over, f"{text[:80]!r}... ({len(text)} characters): {over}"


# Wall-clock seconds a command may take on a line of the issue through the CLI, start-up
# included (some 2 s for prelabel, which loads its gazetteers); it took 46.5 s, over 120 s and
# over 120 s.
CLI_BUDGET_S = 20.0


def _builder(*args: str) -> float:
    t0 = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "builder.cli", *args], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return time.perf_counter() - t0


@pytest.mark.slow
def test_the_commands_of_the_issue_through_the_cli(tmp_path: Path) -> None:
    """`ingest` of 100k spaces, `segment` of 100k dots, `prelabel` of ``'1,' * 50000``."""
    line = tmp_path / "line.txt"
    line.write_text(GENERATORS["spaces"](100_000) + "\n", encoding="utf-8")
    docs, sents = tmp_path / "documents.jsonl", tmp_path / "sentences.jsonl"
    dots = GENERATORS["dots"](100_000)
    docs.write_bytes(
        dumps(Document("d", sha256(dots.encode()).hexdigest(), dots, "t", "text").to_dict())
    )
    commas = GENERATORS["digit comma"](100_000)
    sents.write_bytes(
        dumps(Sentence(sentence_id("d", commas, 0), "d", 0, 0, len(commas), commas).to_dict())
    )
    times = {
        "ingest": _builder("ingest", str(line), "-o", str(tmp_path / "ingested.jsonl")),
        "segment": _builder("segment", str(docs), "-o", str(tmp_path / "segmented.jsonl")),
        "prelabel": _builder("prelabel", str(sents), "-o", str(tmp_path / "prelabels.jsonl")),
    }
    assert all(secs < CLI_BUDGET_S for secs in times.values()), times


@pytest.mark.parametrize("name", ["according to", "said quote", "quoted speech", "told"])
def test_the_pre_labels_of_a_line_grow_with_the_line(name: str) -> None:
    """A sentence keeps its MAX_CLAIMS strongest claims, so what is written stays linear."""
    text = GENERATORS[name](20_000)
    (labelled,) = _prelabeler().label([Sentence("s", "d", 0, 0, len(text), text)])
    claims = labelled.prediction["claims"]
    assert 0 < len(claims) <= MAX_CLAIMS
    assert len(json.dumps(labelled.prediction)) < 4 * MAX_CLAIMS * len(text)

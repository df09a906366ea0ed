"""CRFsuite's C tagger reached through python-crfsuite's library (``learned/native.py``) against
python-crfsuite's own ``Tagger`` on the same feature strings: the same tags and the very same
floats for every label's marginal at every token, strings the model does not know included."""

from __future__ import annotations

import sys

import pycrfsuite
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from builder.prelabel.learned import native
from builder.prelabel.learned.native import NativeTagger, library
from builder.prelabel.learned.tagger import EntityTagger, PythonTagger, agree, open_tagger

from .test_learned_encoded import CASING, MODEL, plain_votes, train_model

OTHER = train_model(iterations=3)  # the same labels and attributes, other weights


def python_crfsuite() -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(MODEL)
    return tagger


# The attributes the model weighs, and the same with what CRFsuite does not read (from a NUL)
KNOWN = sorted({attribute for attribute, _ in python_crfsuite().info().state_features})
ATTRIBUTES = (*KNOWN, *(f"{a}\0x" for a in KNOWN[:5]), "\0b", "unknown")
rows = st.lists(
    st.lists(st.sampled_from(ATTRIBUTES) | st.text(max_size=4).map(lambda s: "w=" + s)),
    min_size=1,
    max_size=30,
)


@pytest.mark.skipif(sys.platform != "linux", reason="the C API is checked where CI runs")
def test_the_c_api_is_at_hand() -> None:
    """The comparisons here are not python-crfsuite against itself."""
    assert library() is not None
    assert isinstance(open_tagger(MODEL), NativeTagger)
    assert isinstance(open_tagger(MODEL, native=False), PythonTagger)


@pytest.mark.parametrize("native", [True, False])
@settings(max_examples=80, deadline=None)
@given(xseq=rows)
def test_the_same_tags_and_marginals_to_the_bit(native: bool, xseq: list[list[str]]) -> None:
    crf = open_tagger(MODEL, native)
    records = crf.records
    expected = python_crfsuite()
    tags = expected.tag([[s.encode() for s in row] for row in xseq])
    assert [crf.labels[t] for t in crf.tag([records(row) for row in xseq])] == tags
    for t in range(len(xseq)):
        for label, name in enumerate(crf.labels):
            assert crf.marginal(label, t) == expected.marginal(name, t)
    points = [(label, t) for t in reversed(range(len(xseq))) for label in range(len(crf.labels))]
    labels, at = [label for label, _ in points], [t for _, t in points]
    assert crf.marginals(labels, at) == [expected.marginal(crf.labels[i], t) for i, t in points]


def test_the_labels_are_the_models() -> None:
    assert open_tagger(MODEL).labels == python_crfsuite().labels()


def test_the_probe_tells_another_model() -> None:
    """``open_tagger`` keeps the C tagger only if it agrees with python-crfsuite's on a probe
    sentence: the probe sees a tagger that scores otherwise."""
    lib = library()
    assert lib is not None
    native = NativeTagger(lib, MODEL)
    probe = native.attributes(40)
    assert agree(native, PythonTagger(MODEL), probe)
    other = PythonTagger(OTHER)
    assert other.labels == native.labels  # told apart by the scores, not the labels
    assert not agree(native, other, probe)


@pytest.mark.parametrize("words", [500, 5000])
def test_a_sentence_longer_than_the_buffers(words: int) -> None:
    """The buffers (4,096 items, 64 KiB of records at first) grow for a longer sentence; the
    next, short one is tagged as before."""
    tagger = EntityTagger(MODEL, CASING, "crf")
    long = " ".join(["Shares of Zorbex rose 3% on Tuesday."] * (words // 7))
    assert tagger.votes(long, {}) == plain_votes(MODEL, long, {})
    short = "Quillon said on Monday it would cut 200 jobs."
    assert tagger.votes(short, {}) == plain_votes(MODEL, short, {})


def test_the_user_can_opt_out_of_the_c_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(native.OPT_OUT, "0")
    assert library() is None
    assert isinstance(open_tagger(MODEL), PythonTagger)


def test_an_untested_python_crfsuite_gets_its_own_tagger(monkeypatch: pytest.MonkeyPatch) -> None:
    """A release the layouts were not checked on could crash before the probe: no C path."""
    monkeypatch.setattr(native, "TESTED", frozenset({"0.0.0"}))
    assert library() is None
    assert isinstance(open_tagger(MODEL), PythonTagger)


@pytest.mark.parametrize("use_native", [True, False])
def test_no_tokens_no_tags_and_no_marginal_out_of_range(use_native: bool) -> None:
    crf = open_tagger(MODEL, use_native)
    assert crf.tag([]) == []
    tags = crf.tag([crf.records(KNOWN[:3])])
    assert len(tags) == 1
    if isinstance(crf, NativeTagger):  # CRFsuite itself checks nothing: the wrapper does
        for label, t in ((0, 1), (len(crf.labels), 0), (-1, 0)):
            with pytest.raises(IndexError):
                crf.marginal(label, t)
            with pytest.raises(IndexError):
                crf.marginals([0, label], [0, t])
        assert crf.marginals([], []) == []


def test_the_fallback_keeps_nothing_per_string_it_has_seen() -> None:
    """A corpus's vocabulary of feature strings passes through python-crfsuite's tagger and
    leaves no table behind (it held every distinct string before)."""
    import gc
    import tracemalloc

    crf = PythonTagger(MODEL)
    crf.tag([crf.records(KNOWN[:3])])  # python-crfsuite's first-call allocations
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(2_000):
            crf.tag([crf.records([f"w=distinct{i}-{j}" for j in range(10)])])
        gc.collect()
        kept = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert kept < 20_000  # 20,000 distinct strings of some 60 bytes were over 1 MB

"""Kappa and alpha on small tables whose values are computed by hand or published."""

from __future__ import annotations

import itertools
import math
from collections import defaultdict
from collections.abc import Mapping

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.metrics.reliability import Ratings, label_agreement


def _table(**rows: list[str | None]) -> dict[str, dict[str, str | None]]:
    """Annotator rows -> the unit -> annotator -> label table."""
    width = len(next(iter(rows.values())))
    return {f"u{j:02d}": {a: row[j] for a, row in rows.items()} for j in range(width)}


def test_two_annotators_hand_computed() -> None:
    # 10 units: both "yes" 4, A yes/B no 1, A no/B yes 2, both "no" 3.
    # kappa: po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5, kappa = 0.2 / 0.5 = 0.4.
    # alpha: n = 20 values (11 yes, 9 no), 6 disagreeing ordered pairs:
    #        1 - (n - 1) * 6 / (2 * 11 * 9) = 1 - 114/198 = 14/33 = 0.4242.
    a = ["yes"] * 5 + ["no"] * 5
    b = ["yes"] * 4 + ["no"] + ["yes"] * 2 + ["no"] * 3
    out = label_agreement(_table(A=list(a), B=list(b)), ["no", "yes"])
    assert out["n"] == 10
    assert out["percent_agreement"] == 0.7
    assert out["cohen_kappa"] == 0.4
    assert out["krippendorff_alpha"] == round(14 / 33, 4)
    assert out["pairs"] == [
        {"annotators": ["A", "B"], "n": 10, "percent_agreement": 0.7, "cohen_kappa": 0.4}
    ]


def test_specific_agreement_per_class_hand_computed() -> None:
    # Pairs: (neg, neg), (neg, pos), (pos, pos), (neu, neg).
    # negative: A = 1, D = 2 -> 2/4; positive: A = 1, D = 1 -> 2/3; neutral: A = 0, D = 1 -> 0.
    a = ["negative", "negative", "positive", "neutral"]
    b = ["negative", "positive", "positive", "negative"]
    out = label_agreement(_table(A=list(a), B=list(b)), ["negative", "neutral", "positive"])
    assert out["per_class"] == {"negative": 0.5, "neutral": 0.0, "positive": round(2 / 3, 4)}
    # Nobody chose it: undefined, not zero.
    assert label_agreement(_table(A=["no"], B=["no"]), ["no", "yes"])["per_class"] == {
        "no": 1.0,
        "yes": None,
    }


def test_three_annotators_kappa_is_the_mean_over_pairs() -> None:
    # A-B agree on everything: 1.0. A-C and B-C: po = 3/4, pe = .5*.25 + .5*.75 = .5, 0.5.
    # Percent agreement: agreeing pairs 3 + 1 + 3 + 3 of 4 x 3 pairs = 10/12.
    # Alpha: 12 values (5 yes, 7 no); unit 2 (y, y, n) adds 2 x 2 x 1/2 = 2 disagreements:
    #        1 - 11 * 2 / (2 * 5 * 7) = 48/70.
    out = label_agreement(
        _table(A=["y", "y", "n", "n"], B=["y", "y", "n", "n"], C=["y", "n", "n", "n"]), ["n", "y"]
    )
    assert [p["cohen_kappa"] for p in out["pairs"]] == [1.0, 0.5, 0.5]
    assert out["cohen_kappa"] == round(2 / 3, 4)
    assert out["percent_agreement"] == round(10 / 12, 4)
    assert out["krippendorff_alpha"] == round(48 / 70, 4)


def test_krippendorffs_textbook_example() -> None:
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", 4 observers, 12
    # units, missing values: nominal alpha = 0.743.
    table = _table(
        A=["1", "2", "3", "3", "2", "1", "4", "1", "2", None, None, None],
        B=["1", "2", "3", "3", "2", "2", "4", "1", "2", "5", None, "3"],
        C=[None, "3", "3", "3", "2", "3", "4", "2", "2", "5", "1", None],
        D=["1", "2", "3", "3", "2", "4", "4", "1", "2", "5", "1", None],
    )
    out = label_agreement(table)
    assert out["krippendorff_alpha"] == 0.7434
    assert out["n"] == 11  # the last unit has one value: nothing to compare
    assert out["annotators"] == 4


def test_wikipedia_example() -> None:
    # The worked example of the Wikipedia article on Krippendorff's alpha: nominal 0.691.
    n = None
    table = _table(
        A=[n, n, n, n, n, "3", "4", "1", "2", "1", "1", "3", "3", n, "3"],
        B=["1", n, "2", "1", "3", "3", "4", "3", n, n, n, n, n, n, n],
        C=[n, n, "2", "1", "3", "4", "4", n, "2", "1", "1", "3", "3", n, "4"],
    )
    assert label_agreement(table)["krippendorff_alpha"] == 0.6914


@pytest.mark.parametrize(
    ("table", "why"),
    [
        (_table(A=["yes", "yes"], B=["yes", "yes"]), "one class only: chance corrects nothing"),
        (_table(A=["yes", None], B=[None, "no"]), "no unit labelled twice"),
        ({}, "nothing at all"),
    ],
)
def test_undefined_coefficients_are_none(table: Ratings, why: str) -> None:
    out = label_agreement(table, ["no", "yes"])
    assert out["cohen_kappa"] is None, why
    assert out["krippendorff_alpha"] is None, why


def test_unlisted_classes_are_measured_too() -> None:
    out = label_agreement(_table(A=["a", "b", "x"], B=["a", "b", "x"]), ["a", "b"])
    assert out["cohen_kappa"] == 1.0
    assert out["krippendorff_alpha"] == 1.0


def _reference_alpha(ratings: Mapping[str, Mapping[str, str | None]]) -> float | None:
    """Nominal alpha straight from the coincidence-matrix definition."""
    coincidence: defaultdict[tuple[str, str], float] = defaultdict(float)
    for row in ratings.values():
        values = [v for v in row.values() if v is not None]
        m = len(values)
        if m < 2:
            continue
        for i, j in itertools.permutations(range(m), 2):
            coincidence[(values[i], values[j])] += 1 / (m - 1)
    n_c: defaultdict[str, float] = defaultdict(float)
    for (c, _), w in coincidence.items():
        n_c[c] += w
    n = sum(n_c.values())
    expected = sum(n_c[c] * n_c[k] for c in n_c for k in n_c if c != k)
    if not expected:
        return None
    observed = sum(w for (c, k), w in coincidence.items() if c != k)
    return 1 - (n - 1) * observed / expected


tables = st.dictionaries(
    st.sampled_from([f"u{i}" for i in range(12)]),
    st.fixed_dictionaries(
        {a: st.one_of(st.none(), st.sampled_from(["neg", "neu", "pos"])) for a in "ABC"}
    ),
    max_size=12,
)


@given(tables)
def test_alpha_matches_the_coincidence_matrix_formula(
    table: dict[str, dict[str, str | None]],
) -> None:
    expected = _reference_alpha(table)
    found = label_agreement(table, ["neg", "neu", "pos"])["krippendorff_alpha"]
    if expected is None:
        assert found is None
    else:
        assert found is not None and math.isclose(found, round(expected, 4), abs_tol=1e-4)

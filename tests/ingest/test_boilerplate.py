"""Boilerplate rules on live-page and wire-copy patterns (our own text, same shapes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from builder.errors import InputError
from builder.ingest.boilerplate import clean, load_rules
from builder.ingest.normalize import normalize_chars

LIVE = """Summary

  • Counting is under way
  1. Boxes arrive at the count centrepublished at 22:31 Greenwich Mean Time 6 May 2026

    Volunteers unload the boxes.

    This Twitter post cannot be displayed in your browser. Please enable Javascript.
    The BBC is not responsible for the content of external sites.
    Skip twitter post

    Allow Twitter content?

    End of twitter post

    Boxes in a hallImage source, Valley Herald
    Image caption,

    Boxes were carried in at 22:30

    Priya Nair
    BBC News

    The rules are on its website, external before polls opened.
    Sanctioned in the US , externalsince April.
  2. Polls have closedpublished at 22:00 Greenwich Mean Time 6 May 2026
    Breaking
"""


def test_live_page_is_cleaned_and_everything_removed_is_listed() -> None:
    result = clean(normalize_chars(LIVE))
    text = result.text
    for gone in (
        "Summary",
        "published at",
        "Twitter",
        "Skip",
        "Image source",
        "Image caption",
        "Priya Nair",
        "BBC News",
        "external",
        "Breaking",
    ):
        assert gone not in text
    assert "Boxes arrive at the count centre\n" in text
    assert "The rules are on its website before polls opened." in text
    assert "Sanctioned in the US since April." in text
    assert "Boxes were carried in at 22:30" in text
    rules = [r.rule for r in result.removed]
    assert rules.count("social_embed") == 5
    assert {
        "live_furniture",
        "live_timestamp",
        "image_alt_and_source",
        "image_caption_label",
        "byline",
        "external_link",
        "external_link_glued",
    } <= set(rules)
    stamps = [m["value"] for m in result.meta["timestamps"]]
    assert stamps == [
        "22:31 Greenwich Mean Time 6 May 2026",
        "22:00 Greenwich Mean Time 6 May 2026",
    ]
    assert result.meta["image_credits"][0]["value"] == "Valley Herald"
    assert [b["value"] for b in result.meta["bylines"]] == ["Priya Nair", "BBC News"]


def test_removal_offsets_point_into_the_kept_text() -> None:
    result = clean(normalize_chars(LIVE))
    stamp = result.meta["timestamps"][0]
    assert result.text[: stamp["at"]].endswith("Boxes arrive at the count centre")
    for removal in result.removed:
        assert 0 <= removal.at <= len(result.text)
        assert removal.line >= 1
        assert removal.text.strip() in LIVE.replace("\n    ", "\n")


def test_repeated_caption_with_credit_is_dropped_as_duplicate() -> None:
    caption = "Smoke rises over the ridge after a fire near the village on Saturday, July 18, 2026."
    text = f"{caption} Jane Roe/Handout via REUTERS\n{caption} Jane Roe/Handout via REUTERS Reuters / JANE R\n\nBody."
    result = clean(text)
    assert result.text == f"{caption}\n\nBody."
    assert [r.rule for r in result.removed] == ["photo_credit", "duplicate_prefix"]


def test_exact_duplicate_lines_are_dropped_short_ones_kept() -> None:
    line = "City officials say there is a desperate need for water."
    result = clean(f"{line}\nOK\n{line}\nOK")
    assert result.text == f"{line}\nOK\nOK"
    assert [(r.rule, r.line) for r in result.removed] == [("duplicate_line", 3)]


def test_unterminated_block_removes_only_its_first_line() -> None:
    result = clean("This Twitter post cannot be displayed in your browser.\nReal news follows.")
    assert result.text == "Real news follows."


def test_user_patterns_extend_override_and_disable(tmp_path: Path) -> None:
    extra = tmp_path / "patterns.yaml"
    extra.write_text(
        "rules:\n"
        "  - {name: newsletter, kind: line, pattern: '^Sign up for our newsletter.*$'}\n"
        "  - {name: live_furniture, kind: line, enabled: false}\n"
    )
    result = clean("Summary\nSign up for our newsletter today\nNews.", load_rules(extra))
    assert result.text == "Summary\nNews."
    assert [r.rule for r in result.removed] == ["newsletter"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("rules:\n  - {name: x, kind: nope, pattern: a}\n", "kind"),
        ("rules:\n  - {name: x, kind: line, pattern: '('}\n", "rule 'x'"),
        ("[1, 2]\n", "mapping"),
    ],
)
def test_bad_pattern_files_are_reported(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content)
    with pytest.raises(InputError, match=message) as info:
        load_rules(bad)
    assert info.value.code == "E111"
    assert str(bad) in str(info.value)


ALT_SCENE = [
    # (line between two paragraphs, removed as a picture's alt text)
    ("Man repairing a fishing net on the quay", True),
    ("Volunteers stacking sandbags outside the library", True),
    ("A nurse checking a patient in a corridor", True),
    # An article's own lines: a sentence ends in punctuation, a quote has quotes, a headline of
    # a live entry has no participle after its subject.
    ("Volunteers were stacking sandbags outside the library.", False),
    ('"Everyone is helping," the nurse said', False),
    ("Fishermen stay in port as storm nears", False),
    ("Repairs continue on the harbour wall", False),
]


@pytest.mark.parametrize(("line", "removed"), ALT_SCENE)
def test_alt_scene_a_pictures_alt_text_alone_on_its_line(line: str, removed: bool) -> None:
    text = f"The harbour reopened on Monday.\n\n{line}\n\nBoats left at dawn."
    result = clean(text)
    assert (line not in result.text) is removed, result.text
    if removed:
        assert [(r.rule, r.text) for r in result.removed] == [("image_alt_scene", line)]

"""Loads the segmentation rules (``rules.yaml`` beside this file, or a user's file)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")


@dataclass(frozen=True, slots=True)
class SegmentRules:
    titles: frozenset[str]
    abbreviations: frozenset[str]  # lower-cased
    starters: frozenset[str]
    fragment_prepositions: frozenset[str]  # lower-cased
    fragment_max_words: int
    bullets: str

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SegmentRules:
        return cls(
            titles=frozenset(str(t) for t in data["titles"]),
            abbreviations=frozenset(str(a).lower() for a in data["abbreviations"]),
            starters=frozenset(str(s) for s in data["starters"]),
            fragment_prepositions=frozenset(str(p).lower() for p in data["fragment_prepositions"]),
            fragment_max_words=int(data["fragment_max_words"]),
            bullets=str(data["bullets"]),
        )


def load_rules(path: Path | None = None) -> SegmentRules:
    with (path or DEFAULT_RULES).open(encoding="utf-8") as fh:
        return SegmentRules.from_dict(yaml.safe_load(fh))


@functools.cache
def default_rules() -> SegmentRules:
    return load_rules()

"""Loads the segmentation rules (``rules.yaml`` beside this file, or a user's file)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from builder.datafiles import safe_load
from builder.errors import E202_BAD_RULES, UsageError

DEFAULT_RULES = Path(__file__).with_name("rules.yaml")


@dataclass(frozen=True, slots=True)
class SegmentRules:
    titles: frozenset[str]
    abbreviations: frozenset[str]  # lower-cased
    date_words: frozenset[str]  # lower-cased: abbreviated only before a number ("Feb. 24")
    starters: frozenset[str]
    fragment_prepositions: frozenset[str]  # lower-cased
    fragment_max_words: int
    bullets: str

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "rules") -> SegmentRules:
        def words(key: str) -> list[str]:
            values = data.get(key)
            if not isinstance(values, list):
                raise UsageError(E202_BAD_RULES, f"{source}: `{key}` must be a list of words")
            bad = [v for v in values if not isinstance(v, str)]
            if bad:
                # YAML 1.1 reads unquoted no/on/yes/off as booleans: say so.
                problem = f"{source}: `{key}` has non-words {bad}: quote them"
                raise UsageError(E202_BAD_RULES, problem)
            return values

        return cls(
            titles=frozenset(words("titles")),
            abbreviations=frozenset(a.lower() for a in words("abbreviations")),
            date_words=frozenset(d.lower() for d in words("date_words")),
            starters=frozenset(words("starters")),
            fragment_prepositions=frozenset(p.lower() for p in words("fragment_prepositions")),
            fragment_max_words=int(data["fragment_max_words"]),
            bullets=str(data["bullets"]),
        )


def load_rules(path: Path | None = None) -> SegmentRules:
    source = path or DEFAULT_RULES
    try:
        data = safe_load(source.read_text(encoding="utf-8"))  # libyaml: 12 ms -> 1.4 ms
    except (OSError, yaml.YAMLError) as exc:
        problem = f"{source}: cannot load segmentation rules: {exc}"
        raise UsageError(E202_BAD_RULES, problem) from exc
    if not isinstance(data, dict):
        raise UsageError(E202_BAD_RULES, f"{source}: expected a mapping of rule lists")
    return SegmentRules.from_dict(data, str(source))


@functools.cache
def default_rules() -> SegmentRules:
    return load_rules()

"""Reading the rule and lexicon data files (YAML) that heuristics and rules live in.

One loader for every family, so that every file gets the same checks: a mapping at the top,
lists of strings where words are expected. YAML 1.1 reads unquoted yes/no/on/off as booleans;
a word list holding one is refused with the file and key named, instead of silently turning
"no" into "False" and a rule that never fires.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from builder.errors import E401_BAD_DATA_FILE, BuilderError

# libyaml's safe loader where PyYAML was built with it: the same data (compared on every YAML
# file of the package) in a fraction of the time; the pure-Python scanner took some 0.2 s of
# every prelabel process's start-up, workers included.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load(text: str | bytes) -> Any:
    """``yaml.safe_load`` with the fastest safe loader at hand."""
    return yaml.load(text, Loader=SAFE_LOADER)


@cache
def load_mapping(path: Path) -> dict[str, Any]:
    try:
        data = safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuilderError(E401_BAD_DATA_FILE, f"{path}: cannot read data file: {exc}") from exc
    if not isinstance(data, dict):
        raise BuilderError(E401_BAD_DATA_FILE, f"{path}: expected a mapping at the top")
    return data


def check_words(path: Path, key: str, values: Any) -> tuple[str, ...]:
    """``values`` as a tuple of strings, or a coded error naming the file and the key."""
    if not isinstance(values, list):
        raise BuilderError(E401_BAD_DATA_FILE, f"{path}: `{key}` must be a list of words")
    bad = [v for v in values if not isinstance(v, str)]
    if bad:
        problem = f"`{key}` holds non-words {bad}: quote yes/no/on/off and numbers"
        raise BuilderError(E401_BAD_DATA_FILE, f"{path}: {problem}")
    return tuple(values)


def word_list(path: Path, key: str) -> tuple[str, ...]:
    """The word list ``key`` of a YAML data file, in file order."""
    data = load_mapping(path)
    if key not in data:
        raise BuilderError(E401_BAD_DATA_FILE, f"{path}: no `{key}` list")
    return check_words(path, key, data[key])

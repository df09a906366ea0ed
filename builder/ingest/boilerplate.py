"""Boilerplate removal with rules kept as data (``boilerplate.yaml`` + a user's pattern file).

``clean`` walks the lines of a normalised text once and returns the kept text, every removal
(rule, text, source line, offset in the kept text) and the metadata the rules extracted
(timestamps, image credits, bylines). Nothing is dropped without a ``Removal`` record.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

from builder.datafiles import safe_load
from builder.errors import E111_BAD_PATTERNS, InputError
from builder.ingest.normalize import tidy_lines
from builder.model import Removal

DEFAULT_PATTERNS = Path(__file__).with_name("boilerplate.yaml")


class RuleKind(StrEnum):
    """What a rule removes: a whole ``line``, a ``block`` of lines from a start to an end
    pattern, an ``inline`` match within a line, or a ``suffix`` of the text."""

    line = "line"
    block = "block"
    inline = "inline"
    suffix = "suffix"


_KINDS = tuple(kind.value for kind in RuleKind)  # as the rule files spell them


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: RuleKind
    pattern: re.Pattern[str]  # for a block, its start
    end: re.Pattern[str] | None = None
    also_previous: re.Pattern[str] | None = None
    replace: str = ""
    max_lines: int = 20
    meta: str | None = None


@dataclass(frozen=True, slots=True)
class Rules:
    rules: tuple[Rule, ...]
    dup_min_chars: int = 25
    dup_prefix_min_chars: int = 40
    by_kind: dict[RuleKind, tuple[Rule, ...]] = field(init=False)

    def __post_init__(self) -> None:
        by_kind = {k: tuple(r for r in self.rules if r.kind is k) for k in RuleKind}
        object.__setattr__(self, "by_kind", by_kind)

    def of_kind(self, kind: RuleKind) -> tuple[Rule, ...]:
        return self.by_kind[kind]


@dataclass(slots=True)
class Cleaned:
    text: str
    removed: list[Removal] = field(default_factory=list)
    meta: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def _compile(source: str, raw: dict[str, Any], key: str) -> re.Pattern[str] | None:
    pattern = raw.get(key)
    if pattern is None:
        return None
    flags = re.IGNORECASE if raw.get("ignore_case") else 0
    try:
        return re.compile(str(pattern), flags)
    except re.error as exc:
        raise InputError(
            E111_BAD_PATTERNS, source, f"rule {raw.get('name')!r}: {key}: {exc}"
        ) from exc


def _parse_rule(source: str, raw: Any) -> Rule | None:
    if not isinstance(raw, dict) or "name" not in raw or raw.get("kind") not in _KINDS:
        raise InputError(
            E111_BAD_PATTERNS, source, f"each rule needs a name and a kind in {_KINDS}: {raw!r}"
        )
    if raw.get("enabled", True) is False:
        return None
    kind = RuleKind(raw["kind"])
    main = "start" if kind is RuleKind.block else "pattern"
    pattern = _compile(source, raw, main)
    if pattern is None or (kind is RuleKind.block and "end" not in raw):
        raise InputError(E111_BAD_PATTERNS, source, f"rule {raw['name']!r} lacks {main}/end")
    return Rule(
        name=str(raw["name"]),
        kind=kind,
        pattern=pattern,
        end=_compile(source, raw, "end"),
        also_previous=_compile(source, raw, "also_previous"),
        replace=str(raw.get("replace", "")),
        max_lines=int(raw.get("max_lines", 20)),
        meta=raw.get("meta"),
    )


def load_rules(extra: Path | None = None) -> Rules:
    """The default rules, with a user's file merged in (same name replaces, new ones append)."""
    files = [DEFAULT_PATTERNS] + ([extra] if extra else [])
    by_name: dict[str, Rule | None] = {}
    dup: dict[str, Any] = {}
    for path in files:
        try:
            data = safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise InputError(E111_BAD_PATTERNS, str(path), f"cannot load patterns: {exc}") from exc
        if not isinstance(data, dict):
            raise InputError(E111_BAD_PATTERNS, str(path), "expected a mapping with `rules:`")
        for raw in data.get("rules") or []:
            by_name[str(raw.get("name"))] = _parse_rule(str(path), raw)
        dup.update(data.get("duplicates") or {})
    return Rules(
        rules=tuple(r for r in by_name.values() if r is not None),
        dup_min_chars=int(dup.get("min_chars", 25)),
        dup_prefix_min_chars=int(dup.get("prefix_min_chars", 40)),
    )


@functools.cache
def default_rules() -> Rules:
    return load_rules()


class _Cleaner:
    """One pass over the lines of one document."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.kept: list[tuple[int, str]] = []  # (source line, kept text)
        # (kept index it sat before, column in that line, source line, rule, text)
        self.pending: list[tuple[int, int, int, str, str]] = []
        self.metas: list[tuple[int, int, int, str, str]] = []  # (..., source line, key, value)
        self.max_where = -1  # the largest kept index a pending removal sat before
        self.seen: set[str] = set()
        # Kept lines of at least `dup_prefix_min_chars`, and their lengths per first chars: a
        # line repeats one of them if its own first chars of one of those lengths are in the
        # set, a lookup per length instead of a comparison per earlier line (quadratic when
        # thousands of lines share their first chars).
        self.long: set[str] = set()
        self.prefix_lengths: dict[str, set[int]] = {}

    def remove(self, lineno: int, col: int, rule: Rule | str, text: str, value: str = "") -> None:
        name = rule if isinstance(rule, str) else rule.name
        where = len(self.kept)
        self.pending.append((where, col, lineno, name, text))
        self.max_where = max(self.max_where, where)
        if not isinstance(rule, str) and rule.meta:
            self.metas.append((where, col, lineno, rule.meta, value or text))

    def run(self, lines: list[str]) -> None:
        i = 0
        while i < len(lines):
            i = self._line(lines, i)

    def _line(self, lines: list[str], i: int) -> int:
        text = lines[i].strip()
        lineno = i + 1
        if not text:
            self.kept.append((lineno, ""))
            return i + 1
        for rule in self.rules.of_kind(RuleKind.block):
            if rule.pattern.search(text):
                stop = self._block_end(lines, i, rule)
                for j in range(i, stop + 1):
                    if lines[j].strip():
                        self.remove(j + 1, 0, rule, lines[j].strip())
                return stop + 1
        for rule in self.rules.of_kind(RuleKind.line):
            m = rule.pattern.search(text)
            if m:
                if rule.also_previous is not None:
                    self._take_previous(rule)
                self.remove(lineno, 0, rule, text, m.groupdict().get("value") or "")
                return i + 1
        text = self._inline(lineno, text)
        text = self._suffixes(lineno, text)
        if text and not self._duplicate(lineno, text):
            self.kept.append((lineno, text))
        return i + 1

    @staticmethod
    def _block_end(lines: list[str], i: int, rule: Rule) -> int:
        for j in range(i, min(len(lines), i + rule.max_lines)):
            if rule.end is not None and rule.end.search(lines[j].strip()):
                return j
        return i  # no end in reach: only the opening line is boilerplate

    def _take_previous(self, rule: Rule) -> None:
        k = len(self.kept) - 1
        while k >= 0 and not self.kept[k][1]:
            k -= 1
        if k < 0 or k < len(self.kept) - 2:  # only the line right before (one blank allowed)
            return
        lineno, prev = self.kept[k]
        if rule.also_previous is None or not rule.also_previous.search(prev):
            return
        if self.max_where > k:
            return  # something between them was removed: they are not neighbours
        del self.kept[k:]
        self.remove(lineno, 0, rule, prev)

    def _inline(self, lineno: int, text: str) -> str:
        for rule in self.rules.of_kind(RuleKind.inline):
            if rule.pattern.search(text) is None:
                continue
            out: list[str] = []
            last = 0
            col = 0  # len("".join(out)), kept as we go: summing it per match is quadratic
            for m in rule.pattern.finditer(text):
                out.append(text[last : m.start()])
                col += m.start() - last
                self.remove(lineno, col, rule, m.group(), m.group())
                out.append(rule.replace)
                col += len(rule.replace)
                last = m.end()
            out.append(text[last:])
            text = "".join(out).strip()
        return text

    def _suffixes(self, lineno: int, text: str) -> str:
        for rule in self.rules.of_kind(RuleKind.suffix):
            m = rule.pattern.search(text)
            if m and m.end() == len(text):
                text = text[: m.start()].rstrip()
                self.remove(
                    lineno, len(text), rule, m.group().strip(), m.groupdict().get("value") or ""
                )
        return text

    def _duplicate(self, lineno: int, text: str) -> bool:
        r = self.rules
        if len(text) >= r.dup_min_chars:
            if text in self.seen:
                self.remove(lineno, 0, "duplicate_line", text)
                return True
            self.seen.add(text)
        n = r.dup_prefix_min_chars
        if len(text) > n:
            lengths = self.prefix_lengths.get(text[:n], ())
            if any(size <= len(text) and text[:size] in self.long for size in lengths):
                self.remove(lineno, 0, "duplicate_prefix", text)
                return True
        if len(text) >= n:
            self.long.add(text)
            self.prefix_lengths.setdefault(text[:n], set()).add(len(text))
        return False


def clean(text: str, rules: Rules | None = None) -> Cleaned:
    """Remove boilerplate from a character-normalised text (see ``normalize_chars``)."""
    cleaner = _Cleaner(rules or default_rules())
    cleaner.run(text.split("\n"))
    # Offsets of removals are known only once the kept lines are laid out.
    kept_text = tidy_lines("\n".join(t for _, t in cleaner.kept))
    starts = _line_starts(kept_text, [t for _, t in cleaner.kept])
    removed = [
        Removal(rule=name, text=txt, line=line, at=_at(starts, where, col))
        for where, col, line, name, txt in cleaner.pending
    ]
    meta: dict[str, list[dict[str, Any]]] = {}
    for where, col, line, key, value in cleaner.metas:
        meta.setdefault(key, []).append(
            {"value": value, "line": line, "at": _at(starts, where, col)}
        )
    return Cleaned(kept_text, removed, meta)


def _line_starts(kept_text: str, kept_lines: list[str]) -> list[int]:
    """Offset in ``kept_text`` of each kept line (blank ones included), plus the end."""
    starts: list[int] = []
    pos = 0
    for line in kept_lines:
        if line:
            found = kept_text.find(line, pos)
            pos = found if found >= 0 else pos
            starts.append(pos)
            pos += len(line)
        else:
            starts.append(pos)
    starts.append(len(kept_text))
    return starts


def _at(starts: list[int], where: int, col: int) -> int:
    return min(starts[min(where, len(starts) - 1)] + col, starts[-1])

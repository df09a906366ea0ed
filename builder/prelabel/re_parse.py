"""``re``'s own parse of a pattern, for the modules that read a pattern to run it more cheaply
with the same matches (``first_chars``, ``digit_lead``, ``word_gates``, ``literals``,
``claims/cw_*``).

The parser is private (``re._parser`` and ``re._constants``, Python 3.11 on): this is the one
module that imports it, so that another Python's parser is met in one place. A parse is a
sequence of ``(op, av)`` items, ``op`` one of ``c``'s opcodes; a reader that meets an item it
does not know answers that it cannot tell, and the pattern runs as it is.
"""

from __future__ import annotations

import re
from re import _constants as c  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]
from typing import Any

__all__ = ["REPEATS", "ZERO_WIDTH", "Items", "c", "group_body", "parsed"]

ZERO_WIDTH = (c.AT, c.ASSERT, c.ASSERT_NOT)  # anchors and lookarounds: they consume nothing
REPEATS = (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT)  # av: (least, most, body)
Items = list[tuple[Any, Any]]


def parsed(pattern: str, flags: int) -> Items | None:
    """``re``'s parse of ``pattern``, or None where it is not read: verbose, flags set inside,
    or a parser (private) that fails on it."""
    if flags & re.VERBOSE:
        return None
    try:
        out = _parser.parse(pattern, flags)
    except Exception:  # ``re``'s parser is private: another Python's may parse otherwise
        return None
    if out.state.flags & ~(flags | re.UNICODE):  # flags set inside the pattern
        return None
    return list(out)


def group_body(op: Any, av: Any) -> Any:
    """The body of a group without flags of its own, a parsed sequence; None for any other
    item, a group with local flags (``(?i:...)``) among them: its items match otherwise.
    ``(...)`` is such a group; ``(?:...)`` without flags is none: the parser puts its items
    in its place."""
    if op is c.SUBPATTERN and not av[1] and not av[2]:
        return av[3]
    return None

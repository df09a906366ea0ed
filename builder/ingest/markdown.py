"""Markdown to plain text: keeps the words a reader sees, drops the markup.

Regex-based on purpose: news markdown is headings, paragraphs, lists, links and emphasis;
line structure is preserved so that a heading stays a line of its own (and a segment).

Every step takes time linear in the text (issue 16): a pattern that would scan to the end of the
text from every opener (``[`` with no ``]``, ``_`` with no closing ``_`` on its line) is replaced
by a scan that remembers how the first such attempt failed, with the same result as the pattern.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
_FENCE = re.compile(r"^(?:```|~~~).*$", re.MULTILINE)
# The title is empty or ends with a non-blank (`(?:.*?[^ \t])??`, the same text as a lazy `.*?`):
# trying the closing `[ \t]+#+` from inside a run of blanks was quadratic in the run.
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+((?:.*?[^ \t])??)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SETEXT = re.compile(r"^[ \t]{0,3}(?:=+|-{2,})[ \t]*$", re.MULTILINE)
_RULE = re.compile(r"^[ \t]{0,3}(?:[*_-][ \t]*){3,}$", re.MULTILINE)
_QUOTE = re.compile(r"^[ \t]{0,3}>[ \t]?", re.MULTILINE)
# What follows the "]" of a reference definition `[id]: url`, a reference link `[text][id]`.
_REF_DEF_START = re.compile(r"^[ \t]{0,3}\[", re.MULTILINE)
_REF_DEF_TAIL = re.compile(r":[ \t]+\S+.*$", re.MULTILINE)
_REF_TAIL = re.compile(r"\[[^\]]*\]")
_PAREN = re.compile(r"[()]")
_EMPHASIS_MARK = re.compile(r"[*_~]")
_EMPHASIS = ("**", "__", "*", "_", "~~")  # tried in this order at each position
_CODE = re.compile(r"`([^`]+)`")
_TAG = re.compile(r"</?[A-Za-z][^>]*>")

Tail = Callable[[int], int]  # the end of what must follow "]" at a position, or -1


def markdown_to_text(md: str) -> str:
    text = _FRONT_MATTER.sub("", md)
    text = _FENCE.sub("", text)
    text = _HEADING.sub(r"\1", text)
    text = _SETEXT.sub("", text)
    text = _RULE.sub("", text)
    text = _QUOTE.sub("", text)
    text = _reference_definitions(text)
    # alt text of a picture is not article text: ![alt](src)
    text = _bracketed(text, "![", 0, _paren_tail(text), keep=False)
    text = _bracketed(text, "[", 1, _link_tail(text), keep=True)  # [text](url "title")
    text = _bracketed(text, "[", 1, _regex_tail(text, _REF_TAIL), keep=True)  # [text][id]
    text = _CODE.sub(r"\1", text)
    text = _emphasis(text)
    # A tag ends at a ">": after the last one there is none to find (the pattern would look
    # for it from every "<").
    last = text.rfind(">") + 1
    return _TAG.sub("", text[:last]) + text[last:]


def _bracketed(text: str, opener: str, min_len: int, tail: Tail, *, keep: bool) -> str:
    """Replace each ``opener``, at least ``min_len`` characters but "]", "]" and its ``tail``
    by the text between the brackets (``keep``) or by nothing: ``re.sub`` of
    ``OPENER([^\\]]{min_len,})\\]TAIL``.

    Every opener before the same first "]" succeeds or fails alike, so after a failure the
    search goes on after that "]", not from the next opener ("[[[[..." was quadratic).
    """
    out: list[str] = []
    pos = 0
    i = text.find(opener)
    while i >= 0:
        start = i + len(opener)
        close = text.find("]", start)
        if close < 0:
            break
        end = tail(close + 1) if close - start >= min_len else -1
        if end < 0:
            i = text.find(opener, close + 1)
            continue
        out += (text[pos:i], text[start:close] if keep else "")
        pos = end
        i = text.find(opener, end)
    out.append(text[pos:])
    return "".join(out)


def _regex_tail(text: str, pattern: re.Pattern[str]) -> Tail:
    def tail(at: int) -> int:
        m = pattern.match(text, at)
        return m.end() if m else -1

    return tail


def _paren_tail(text: str) -> Tail:
    """``\\([^)]*\\)``: a "(" at ``at`` and the first ")" after it."""
    last = text.rfind(")")

    def tail(at: int) -> int:
        if not text.startswith("(", at) or last <= at:
            return -1
        return text.find(")", at + 1) + 1

    return tail


def _link_tail(text: str) -> Tail:
    """``\\((?:[^()]|\\([^)]*\\))*\\)``: a "(", then characters and "(...)" groups, then ")".

    Past the end of a group the scan goes on the same way whatever the "(" it started from:
    its outcome there is remembered, so that no group is scanned twice.
    """
    closes = [m.start() for m in re.finditer(r"\)", text)]
    after_group: dict[int, int] = {}  # position after a group's ")" -> end of the link, or -1

    def scan(pos: int) -> int:
        seen: list[int] = []
        end = -1
        while True:
            if pos in after_group:
                end = after_group[pos]
                break
            seen.append(pos)
            m = _PAREN.search(text, pos)
            if m is None:
                break
            if m.group() == ")":
                end = m.end()
                break
            k = bisect.bisect_right(closes, m.start())  # the group's ")": the first after it
            if k == len(closes):
                break
            pos = closes[k] + 1
        for p in seen:
            after_group[p] = end
        return end

    return lambda at: scan(at + 1) if text.startswith("(", at) else -1


def _reference_definitions(text: str) -> str:
    """Remove ``^[ \\t]{0,3}\\[[^\\]]+\\]:[ \\t]+\\S+.*$`` (multi-line) lines, skipping past a
    "]" after a failure as :func:`_bracketed` does."""
    out: list[str] = []
    pos = 0
    m = _REF_DEF_START.search(text)
    while m is not None:
        close = text.find("]", m.end())
        if close < 0:
            break
        tail = _REF_DEF_TAIL.match(text, close + 1) if close > m.end() else None
        if tail is None:
            m = _REF_DEF_START.search(text, close + 1)
            continue
        out.append(text[pos : m.start()])
        pos = tail.end()
        m = _REF_DEF_START.search(text, pos)
    out.append(text[pos:])
    return "".join(out)


def _emphasis(text: str) -> str:
    """``re.sub(r"(\\*\\*|__|\\*|_|~~)(?=\\S)(.+?)(?<=\\S)\\1", r"\\2", text)``, linear.

    A mark that finds no closing mark on its line is remembered: a later one of the same kind
    on that line has no more closing marks to find (the pattern looked again from each).
    """
    out: list[str] = []
    pos = 0
    dead: dict[str, int] = {}  # mark -> end of the line on which it found no closing mark
    m = _EMPHASIS_MARK.search(text)
    while m is not None:
        p = m.start()
        end = -1
        for mark in _EMPHASIS:
            if not text.startswith(mark, p) or p < dead.get(mark, -1):
                continue
            inner = p + len(mark)
            if inner >= len(text) or text[inner].isspace():
                continue
            line_end = text.find("\n", inner)
            line_end = len(text) if line_end < 0 else line_end
            close = text.find(mark, inner + 1)
            while 0 <= close < line_end and text[close - 1].isspace():
                close = text.find(mark, close + 1)
            if close < 0 or close >= line_end:
                dead[mark] = line_end
                continue
            out += (text[pos:p], text[inner:close])
            end = pos = close + len(mark)
            break
        m = _EMPHASIS_MARK.search(text, end if end >= 0 else p + 1)
    out.append(text[pos:])
    return "".join(out)

"""List items within a line: a leading bullet or number ("- ", "1. ", "a) ") and its
successors later on the same line ("2." "b."), each item segmented on its own."""

from __future__ import annotations

import re

_DASHES = "-–*·"


class ListItems:
    def __init__(self, bullets: str) -> None:
        bullets = re.escape(bullets)
        # Matches at a line's start when the line begins with a marker (and only then).
        self.marker = re.compile(
            rf"(?:(?P<bullet>[{bullets}])[ \t]*)?"
            r"(?:(?P<num>\d{1,3}|[a-z])(?P<style>\.\)|[.)]))?[ \t]+"
        )

    def items(self, text: str, start: int, end: int) -> list[tuple[int, int, int]]:
        """Split a line at its list markers: ``(item_start, content_start, item_end)``."""
        m = self.marker.match(text, start, end)
        if m is None or (m.group("bullet") is None and m.group("num") is None):
            return [(start, start, end)]
        successor = self._successor_pattern(m)
        items: list[tuple[int, int, int]] = []
        item_start, content_start = start, m.end()
        while successor is not None:
            nxt = successor.search(text, content_start, end)
            if nxt is None:
                break
            items.append((item_start, content_start, nxt.start()))
            item_start, content_start = nxt.start("marker"), nxt.end()
            successor = self._successor_pattern(nxt)
        items.append((item_start, content_start, end))
        return items

    def _successor_pattern(self, m: re.Match[str]) -> re.Pattern[str] | None:
        """The marker that would continue, on the same line, the list begun by ``m``.

        "1.) The first item 2.) The second item" and "a. ... b. ... c. ..." are lists
        (golden rules 31-39); a dash is not, because "3 - 2" is a score.
        """
        bullet, num, style = m.group("bullet"), m.group("num"), m.group("style")
        if num is None:
            if bullet in _DASHES:
                return None
            num_part = r"(?:(?P<num>\d{1,3}|[a-z])(?P<style>\.\)|[.)]))?"
        elif num == "z":
            return None
        else:
            successor = str(int(num) + 1) if num.isdigit() else chr(ord(num) + 1)
            num_part = f"(?P<num>{successor})(?P<style>{re.escape(style)})"
        bullet_part = f"(?P<bullet>{re.escape(bullet)})[ \t]*" if bullet else "(?P<bullet>)"
        return re.compile(rf"(?<=\s)(?P<marker>{bullet_part}{num_part})[ \t]+")

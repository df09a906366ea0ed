"""A rule-based, news-grade sentence segmenter that returns exact character offsets.

Data flow for one text: lines (a line break always ends a segment: headlines, captions,
bullets and bylines carry no final period) -> list items within a line (``items.py``) ->
candidate boundaries (runs of . ! ? ... followed by optional closing quotes/brackets and white
space) -> a decision per candidate from the word before and the word after (rules.yaml).

Only candidates are examined, never every character, which keeps it fast in pure Python.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from builder.memo import remember
from builder.segment.items import ListItems
from builder.segment.rules import SegmentRules, default_rules

_LINE = re.compile(r"\S[^\n]*")  # a line from its first non-space character: blank ones never
_NON_SPACE = re.compile(r"\S")
# A run of sentence-final punctuation: a spaced ellipsis ". . ." (golden rules 43-48) or
# a run of . ! ? …, then closing quotes/brackets that belong to the sentence they close.
# A closing quote set off by a space still closes ('community. " A spokesman said').
# A run is only tried from its first mark (the lookbehinds: not after another one) and taken
# whole (`*+`, `++`): a shorter run is never a candidate (a mark follows it, not white space or
# a quote), and trying it again from every mark and every length of a run of 100k dots was
# quadratic (over 120 s; issue 16). The lookbehinds come after the first mark so that the
# regex engine still skips to the next mark quickly.
# Both alternatives begin with the one mark, factored out in front: a pattern that opens with a
# character set lets the regex engine skip to the next mark in C instead of trying the whole
# pattern at every character (twice as fast on news text, the same matches).
# The lookahead also finds the first character after the white space (group n, if any before
# the end of the item), which every candidate's decision looks at: one search less each.
_AFTER_MARK = (
    r"(?:(?<=\.)(?<![.!?…]\.)(?:[ ]\.){2,}|(?<![.!?…]{2})[.!?…]*+))"
    r"(?P<c>[ ][\"'”’](?=\s)|[\"'”’»)\]]*+)(?=\s\s*+(?P<n>\S)?)"
)
_CANDIDATE = re.compile(r"(?P<p>[.!?…]" + _AFTER_MARK)
# The same where the text has no ! ? …, most news articles: then it finds the same, and the
# regex engine skips to the next period as fast as str.find instead of testing every character
# against a set (half the time of the whole search on corpus/bbc).
_PERIOD_CANDIDATE = re.compile(r"(?P<p>\." + _AFTER_MARK)
_P, _N = _CANDIDATE.groupindex["p"], _CANDIDATE.groupindex["n"]  # by number: a little faster
# Brackets closed on the same line: a boundary inside them is not one of the outer sentence
# ("science (He previously worked ... engineer.) at the local University", golden rule 21).
_BRACKETED = re.compile(r"\([^()\n]{0,400}\)|\[[^\[\]\n]{0,400}\]")
_MULTI_PERIOD = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")  # U.S, a.m, U.S.A (final period cut)
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_OPENERS = "\"'“‘«([{"
_OPEN_QUOTES = "\"'“‘«"
_EMOTICON = re.compile(r"[:;=][-']?[()DPpO/|\\]+(?=\s|$)")
_ALNUM = re.compile(r"[^\W_]")
_MEMO_SIZE = 50_000  # words whose abbreviation test is remembered


class Segmenter:
    """Splits text into sentence spans ``(start, end)``, trimmed, in order, non-overlapping."""

    def __init__(self, rules: SegmentRules | None = None, *, keep_list_markers: bool = False):
        self.rules = rules or default_rules()
        self.keep_list_markers = keep_list_markers
        self._abbreviated: dict[str, bool] = {}  # word -> _is_abbreviation (news repeats them)
        self._lists = ListItems(self.rules.bullets)

    def spans(self, text: str) -> list[tuple[int, int]]:
        # Appended to one list, not yielded through a generator per line and per item: the
        # layers of generators cost more than the decisions on news text.
        out: list[tuple[int, int]] = []
        keep, marker = self.keep_list_markers, self._lists.marker
        marks = "!" in text or "?" in text or "…" in text
        cand = _CANDIDATE if marks else _PERIOD_CANDIDATE
        for line in _LINE.finditer(text):
            start, end = line.span()
            if marker.match(text, start, end) is None:  # no list: the line is the one item
                self._chunk_spans(text, start, start, end, cand, out)
                continue
            for item_start, content_start, item_end in self._lists.items(text, start, end):
                seg_start = item_start if keep else content_start
                self._chunk_spans(text, seg_start, content_start, item_end, cand, out)
        return out

    # -- sentences within an item -----------------------------------------------------------

    def _chunk_spans(
        self,
        text: str,
        start: int,
        search_from: int,
        end: int,
        candidates: re.Pattern[str],
        out: list[tuple[int, int]],
    ) -> None:
        """Sentences of one list item, appended to ``out``; ``search_from`` skips a kept list
        marker."""
        while end > start and text[end - 1].isspace():
            end -= 1
        bracketed: list[tuple[int, int]] = []
        if text.find("(", start, end) >= 0 or text.find("[", start, end) >= 0:
            bracketed = [b.span() for b in _BRACKETED.finditer(text, start, end)]
        titles, abbreviated = self.rules.titles, self._abbreviated
        cur = start
        for m in candidates.finditer(text, search_from, end):
            at, m_end = m.span()
            if bracketed and _inside(bracketed, at, m_end):
                continue
            nxt = m.start(_N)
            if nxt < 0:
                continue  # the end of the item ends the sentence anyway
            # The common case first, decided as _boundary would: one period before a capital or
            # an opening quote, after a word (_word_before's, inlined) that is no title and no
            # abbreviation.
            c = text[nxt]
            stop = m_end
            if m.group(_P) == "." and (c.isupper() or c in _OPEN_QUOTES):
                w = text.rfind(" ", cur, at) + 1 or cur
                while w < at and text[w] in _OPENERS:
                    w += 1
                word = text[w:at]
                if word and word not in titles:
                    known = abbreviated.get(word)
                    if known is None:
                        known = self._is_abbreviation(word)
                    if known:
                        stop = self._boundary(text, m, cur, nxt, end)
                else:
                    stop = self._boundary(text, m, cur, nxt, end)
            else:
                stop = self._boundary(text, m, cur, nxt, end)
            if stop < 0:
                continue
            if cur < stop and (text[cur].isalnum() or _has_content(text, cur, stop)):
                out.append((cur, stop))
            if stop != m_end:
                found = _NON_SPACE.search(text, stop, end)
                if found is None:
                    return
                nxt = found.start()
            cur = nxt
        if cur < end and (text[cur].isalnum() or _has_content(text, cur, end)):
            out.append((cur, end))

    def _boundary(self, text: str, m: re.Match[str], cur: int, nxt: int, end: int) -> int:
        """Where the sentence ends if candidate ``m`` is a boundary, else -1; ``nxt``: the first
        character after it and its white space, ``end`` the end of the item."""
        c = text[nxt]
        if c in ":;=":
            smiley = _EMOTICON.match(text, nxt, end)
            if smiley:  # "Best meal so far! :) Will return": the smiley stays with its sentence
                after = _NON_SPACE.search(text, smiley.end(), end)
                return smiley.end() if after and not text[after.start()].islower() else -1
        punct = m.group("p")
        if "!" in punct or "?" in punct:
            # "Yahoo! in the accounting department" (golden rule 41), "Shall We Dance? at
            # number three", "'Why?' she asked"; but "bet? really, i have no idea" is two.
            if c.islower() and ("!" in punct or m.group("c") or _capitalised_before(text, cur, m)):
                return -1
            return m.end()
        dots = punct.count(".") + 3 * punct.count("…")
        if dots >= 2:
            return self._ellipsis_end(text, m, cur, dots, c)
        return m.end() if self._period_ends(text, m, cur, nxt, c) else -1

    def _period_ends(self, text: str, m: re.Match[str], cur: int, nxt: int, c: str) -> bool:
        if c.islower() and m.group("c"):
            return False  # "'This is great.' she said" (golden rule 24)
        word = _word_before(text, cur, m.start())
        if not word:
            return True  # a detached period: "for this report . It's"
        if word in self.rules.titles:
            return False
        abbreviated = self._is_abbreviation(word)
        if c.islower():
            # "Pitt, Briggs & Co. at noon" (rule 7) vs "i used to have one. they are great"
            return not abbreviated
        if c.isdigit():
            # "p. 55", "No. 10", "Feb. 24" vs "$100.00. It"
            return not (abbreviated or word.lower() in self.rules.date_words)
        if not abbreviated:
            return True
        if len(word) > 1 and word.isupper() and c.isupper() and "." not in word:
            return True  # an acronym is a word: "with MS. Final", "by the SEC. Shares"
        if m.group("c").strip():
            return True  # the quote closes it: 'in "Cell Block H." Labour said'
        return self._abbreviation_ends(text, cur, m.start(), nxt, c)

    def _is_abbreviation(self, word: str) -> bool:
        known = self._abbreviated.get(word)
        if known is None:
            known = remember(self._abbreviated, word, self._abbreviation(word), _MEMO_SIZE)
        return known

    def _abbreviation(self, word: str) -> bool:
        if len(word) == 1:
            return word.isalpha()  # initials: "Jonas E. Smith" (golden rule 4)
        return word.lower() in self.rules.abbreviations or bool(_MULTI_PERIOD.fullmatch(word))

    def _abbreviation_ends(self, text: str, cur: int, at: int, nxt: int, c: str) -> bool:
        """An abbreviation ends the sentence only before a typical sentence starter."""
        if not c.isupper():
            return c in _OPEN_QUOTES
        word = _NEXT_WORD.match(text, nxt)
        if word is None or word.group() not in self.rules.starters:
            return False  # "the U.S. Government in Virginia" (golden rule 16)
        return not self._is_fragment(text, cur, at)

    def _is_fragment(self, text: str, cur: int, at: int) -> bool:
        """ "At 5 a.m." alone is no sentence (golden rule 18)."""
        words = text[cur:at].split(maxsplit=self.rules.fragment_max_words)
        return (
            len(words) <= self.rules.fragment_max_words
            and words[0].lower() in self.rules.fragment_prepositions
        )

    def _ellipsis_end(self, text: str, m: re.Match[str], cur: int, dots: int, c: str) -> int:
        if not (c.isupper() or c in _OPEN_QUOTES):
            return -1  # "I wasn't really ... well" (golden rule 47)
        p = m.group("p")
        glued = m.start() > cur and not text[m.start() - 1].isspace()
        if " " in p and glued and dots >= 4:
            # "compounds. . . . The practice": a period, then an ellipsis that opens the
            # next sentence (golden rule 48); ". . . . Next" after a space ends it (rule 45).
            return m.start() + 1
        if dots == 3 and (" " in p or not glued):
            # A three-dot ellipsis set off by a space is a pause inside the sentence
            # ("the thing is . . . I didn't mean it", rule 47; "promises to them ... I just").
            return -1
        if dots == 3 and c.isupper() and not self._starter_at(text, m.end()):
            return -1  # a title or a trailing-off pause: "I'm A Celebrity... Get Me Out"
        return m.end()

    def _starter_at(self, text: str, pos: int) -> bool:
        nxt = _NON_SPACE.search(text, pos)
        word = _NEXT_WORD.match(text, nxt.start()) if nxt else None
        return word is not None and word.group() in self.rules.starters


def _capitalised_before(text: str, cur: int, m: re.Match[str]) -> bool:
    word = _word_before(text, cur, m.start())
    return bool(word) and word[0].isupper()


def _word_before(text: str, cur: int, at: int) -> str:
    start = text.rfind(" ", cur, at) + 1 or cur
    start = max(start, cur)
    while start < at and text[start] in _OPENERS:
        start += 1
    return text[start:at]


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a candidate lies inside a bracket pair that it does not itself close.

    The pairs are in order and do not overlap: only the last one opened before ``start`` can
    hold it (looking at each pair for each candidate was quadratic).
    """
    k = bisect_left(spans, (start,)) - 1  # the last pair with s < start
    return k >= 0 and end < spans[k][1]


def _has_content(text: str, start: int, end: int) -> bool:
    """A segment of punctuation alone (a stray bullet or dash) is not a sentence."""
    return _ALNUM.search(text, start, end) is not None

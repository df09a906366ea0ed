"""The words that head the rows of company results and economic tables ("Sales 7.12 7.40",
"Net 410 million 680 million", "( Parent )", "First Half"): capitalised at the start of a
row, no name (issue 13; orgs.yaml ``row_heads``)."""

from __future__ import annotations

from builder.prelabel.entities.analysis import Analysis, Run
from builder.prelabel.entities.lexicon import lexicon

# What follows a row's head: its first figure, a bracket, a dash, or the end of the row.
_AFTER = frozenset({"", "(", ")", "-", ":", "$"})


def row_head(a: Analysis, run: Run) -> bool:
    """A one-word run of ``row_heads`` before a figure, a bracket or the end of the line."""
    if run.last - run.first != 1 or a.words[run.first] not in lexicon().row_heads:
        return False
    nxt = a.words[run.last] if run.last < len(a.words) else ""
    return nxt in _AFTER or nxt[0].isdigit()

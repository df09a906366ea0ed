"""Document-level consistency: names recognised earlier in the document, found again.

``DocContext.entities`` grows after each sentence (surface -> label, first label wins, but
for a person heuristic's PERSON over a remembered ORG: :func:`remember`). This
module keeps, per document, an index of those surfaces by their token tuple, plus the last
name of every multi-word PERSON ("Zelenskiy" after "Volodymyr Zelenskiy"), and looks up the
token n-grams of each capitalised run in it: dictionary lookups, no scan over the entries.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from builder.memo import remember as remember_in
from builder.model import EntityVote
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis
from builder.prelabel.entities.chunk_tokens import token_texts
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.lexicon import FUNCTION_WORDS, ORGS, PEOPLE, PLACES, function_words
from builder.prelabel.lf import DocContext, labeling_function

NAME_LABELS = frozenset({"PERSON", "NORP", "ORG", "GPE", "LOC", "FAC", "EVENT", "PRODUCT", "LAW"})
MAX_NGRAM = 6


@dataclass
class Memory:
    seen: int = 0  # how many entries of ctx.entities are indexed
    names: dict[tuple[str, ...], str] = field(default_factory=dict)
    heads: set[str] = field(default_factory=set)  # the first words of ``names``
    # The proper prefixes of remembered organisations ("Cleveland" of "Cleveland Indians").
    org_prefixes: set[tuple[str, ...]] = field(default_factory=set)
    # Texts first remembered as ORG that a person heuristic named a PERSON later on.
    revised: list[str] = field(default_factory=list)


def _memory(ctx: DocContext) -> Memory:
    mem = ctx.state.get("entities.memory")
    if not isinstance(mem, Memory):
        mem = ctx.state["entities.memory"] = Memory()
    if len(ctx.entities) > mem.seen:
        fw = function_words()
        # The new entries are the last ones (ctx.entities only grows): read from the end, as
        # skipping the ``seen`` first ones again for each sentence was quadratic in a document.
        new = list(islice(reversed(ctx.entities.items()), len(ctx.entities) - mem.seen))
        for surface, label in reversed(new):
            if label not in NAME_LABELS:
                continue
            toks = _TOKS.get(surface) or _tokens(surface)
            mem.names.setdefault(toks, label)
            mem.heads.update(toks[:1])
            if label == "ORG":
                mem.org_prefixes.update(toks[:k] for k in range(1, len(toks)))
            # Last names only: a first name alone ("Volodymyr") is rarely how news refers back.
            if label == "PERSON" and len(toks) > 1 and toks[-1] not in fw and len(toks[-1]) > 2:
                # A hyphenated surname is one: "Day-Lewis" of "Daniel Day-Lewis" (v5).
                last = toks[-3:] if len(toks) > 3 and toks[-2] == "-" else toks[-1:]
                # The full name outweighs a one-word guess made before it: a headline's
                # "Brennick" taken for an organisation is the "Halvard Brennick" of the story.
                if mem.names.get(last) == "ORG":
                    mem.names[last] = label
                mem.names.setdefault(last, label)
                mem.heads.add(last[0])
        mem.seen = len(ctx.entities)
    for surface in mem.revised:
        toks = _TOKS.get(surface) or _tokens(surface)
        if mem.names.get(toks) == "ORG":
            mem.names[toks] = "PERSON"
    mem.revised.clear()
    return mem


# The token texts of the surfaces remembered last (bounded): the same names recur across
# documents, and a scan a new entity (two a sentence) cost more than the look-up (issue 14).
_TOKS: dict[str, tuple[str, ...]] = {}
_TOKS_KEPT = 1 << 14


def _tokens(surface: str) -> tuple[str, ...]:
    """``token_texts(surface)`` as a tuple, remembered."""
    return remember_in(_TOKS, surface, tuple(token_texts(surface)), _TOKS_KEPT)


# The heuristics that vote PERSON on evidence of their own (a first name, a title, words
# around the name), not on capitals alone or on the memory. Not a speech verb: companies and
# broadcasters say things too ("Sky said"; corpus/bbc).
PERSON_EVIDENCE = frozenset({"person_context", "person_title", "person_first_name"})


def remember(ctx: DocContext, entities: Iterable[Mapping[str, Any]]) -> None:
    """Adds the entities chosen in a sentence to ``ctx.entities``: the first label of a text
    wins, but for a text remembered as ORG that a person heuristic now chooses as PERSON
    ("Hill" guessed an organisation, then "said Hill"): the stronger evidence is kept."""
    for ent in entities:
        text, label = ent["text"], ent["label"]
        known = ctx.entities.setdefault(text, label)
        if (
            known == "ORG"
            and label == "PERSON"
            and not PERSON_EVIDENCE.isdisjoint(ent["heuristics"])
        ):
            ctx.entities[text] = label  # same key, same place: the index reads it from revised
            mem = ctx.state.get("entities.memory")
            if isinstance(mem, Memory):
                mem.revised.append(text)


def recall(a: Analysis, ctx: DocContext) -> list[tuple[int, int, str]]:
    """(start, end, label) of the longest remembered n-grams inside the runs of ``a``."""
    if not ctx.entities:
        return []
    mem = _memory(ctx)
    names, heads = mem.names, mem.heads
    out: list[tuple[int, int, str]] = []
    tokens, starts, ends = a.words, a.starts, a.ends
    for run in a.runs:
        words = tokens[run.first : run.last]
        i, n = 0, len(words)
        while i < n:
            if words[i] not in heads:  # no remembered name starts here: no n-gram to build
                i += 1
                continue
            for j in range(min(n, i + MAX_NGRAM), i, -1):
                key = tuple(words[i:j])
                label = names.get(key)
                if label == "GPE" and key in mem.org_prefixes:
                    # A place the document also named an organisation by ("Denver" and "the
                    # Denver Growlers", "Boston" and "the Boston Globe"): which one it is now
                    # is for the words around it to say, not for the memory.
                    i = j
                    break
                if label is not None:
                    out.append((starts[run.first + i], ends[run.first + j - 1], label))
                    i = j
                    break
            else:
                i += 1
    return out


# 2: a full name's last word outweighs an earlier one-word ORG; no vote on a place that is
# also the first word of a remembered organisation (issue 13); 3: a person heuristic's PERSON
# revises a text remembered as ORG ("said Hill" after "Hill" guessed; memory.remember); 4: it
# remembers what the rules of cap_run 8-9 and place_dateline 2 find; 5: a hyphenated surname
# whole ("Day-Lewis"), and a speech verb alone revises nothing ("Sky said"; corpus/bbc);
# 6: it remembers no person cap_run 10 no longer guesses after "the" ("the Dow Jones index")
# 7: what org_context 4 and cap_run 11 find (a plural's possessive, opening.py's runs)
# 8: what cap_run 12 finds (numbered.py's holidays and score lines)
# 9: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "doc_memory",
    version=9,
    layer="entities",
    prior=0.8,
    data=[FUNCTION_WORDS, PEOPLE, ORGS, PLACES],
    description="A name recognised earlier in the document, or the last name of an earlier PERSON.",
)
@on_analysis
def doc_memory(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    return [entity_vote(s, e, label, 1.0, "doc_memory") for s, e, label in recall(a, ctx)]

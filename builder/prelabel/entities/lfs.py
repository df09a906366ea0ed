"""Entity labeling functions: gazetteers, person and organisation cues, capitalisation,
and document-level consistency (the numeric patterns' LFs: ``numeric_lfs.py``).

Every name LF labels the capitalised runs of ``analysis.py`` (or, for gazetteers, hits that
sit on word boundaries), so votes of different LFs fall on identical spans and combine in
aggregation. Priors are the expected precision measured on the development set
(``python -m bench.prelabel_entities --lfs``); a vote's score lowers it for weaker evidence.
"""

from __future__ import annotations

from builder.model import EntityVote
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis, Run
from builder.prelabel.entities.datalines import row_head
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.hits import gaz_index, gaz_spans, gazetteer_hits
from builder.prelabel.entities.lexicon import (
    FUNCTION_WORDS,
    ORGS,
    PEOPLE,
    PLACES,
    first_names,
    lexicon,
)
from builder.prelabel.entities.namelists import listed_with_people
from builder.prelabel.lf import DocContext, labeling_function


def run_words(a: Analysis, run: Run) -> list[str]:
    return a.words[run.first : run.last]


def run_vote(run: Run, label: str, score: float, lf: str) -> EntityVote:
    return entity_vote(run.start, run.end, label, score, lf)


# -- people ----------------------------------------------------------------------------------


def _name_like(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """Could be a person: at most 4 words, no organisation/place ending, not a known place."""
    if run.last - run.first > 4:
        return False
    words = a.words[run.first : run.last]  # tested in C, no generator over the words
    if "of" in words or "for" in words or "&" in words:
        return False
    last = words[-1]
    if not last[:1].isupper():
        return False
    lex = lexicon()
    if last.isupper() and len(last) > 1:
        # An acronym ends no person's name, a regnal number does ("Henry VIII"), after a word
        # that is no acronym itself ("XDA II" is a product).
        before = a.words[run.last - 2] if run.last - run.first > 1 else ""
        if last not in lex.regnal or before.isupper():
            return False
    if last in lex.org_suffixes or last in lex.fac_suffixes:
        return False
    if a.words[run.first] in lex.org_prefixes:
        return False  # "Radio Velmo", "Dynamo Brelko" (orgs.yaml)
    spans = gaz_spans(a, ctx)
    return (
        (run.start, run.end) not in spans
        and not _place_first(a, run, ctx)
        and not _place_last(a, run, ctx)
    )


def _place_first(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """The run starts with a known place of several words, or of one word that is no given
    name: "Kansas City Royals" and "Bucharest Newsroom" are no people, but
    "Jordan Henderson" may be."""
    for e in gaz_index(a, ctx)[0].get(run.start, ()):
        if e < run.end:
            name = a.text[run.start : e]
            return " " in name or name not in first_names()
    return False


def _place_last(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """The run ends with a known place after a word that is no given name: "Sporting Lisbon"
    and "Air Canada" name a club and a company; "Karen Houston" and "K Houston" are people
    (issue 13)."""
    first = a.words[run.first]
    if run.last - run.first < 2 or len(first) == 1 or first in first_names():
        return False
    return any(s > run.start for s in gaz_index(a, ctx)[1].get(run.end, ()))


# 3: no person ending in a known place after a word that is no given name ("Air Canada")
# 4: a regnal number ends a person's name ("Henry VIII"; people.yaml regnal)
# 5: positions and sports among the role nouns ("fullback", "golfer"; people.yaml)
@labeling_function(
    "person_title",
    version=6,  # listed companies are known names (pytickersymbols)
    layer="entities",
    prior=0.85,
    data=[PEOPLE, ORGS],
    description=(
        'A name after a title ("President Vladimir Putin") or a role noun ("negotiator X").'
    ),
)
@on_analysis
def person_title(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    roles = lexicon().roles
    votes = []
    for run in a.runs:
        # The title or role first, the name test (its lists and the gazetteer's spans) only
        # after one: most runs follow neither (issue 14).
        if run.after_title:
            score = 1.0
        elif run.first > 0 and a.words[run.first - 1].lower() in roles:
            score = 0.8
        else:
            continue
        if _name_like(a, run, ctx):
            votes.append(run_vote(run, "PERSON", score, "person_title"))
    return votes


# 3: the runs join particles after one given name ("Ronald de Boer", "Joost van der X")
# 4: a nationality before the given name ("Canadian Lena Hart"; issue 13)
# 5: "St" starts a name, no longer a word dropped before one ("St Velmora"; issue 13)
# 6: a regnal number ends a person's name ("Henry VIII"; people.yaml regnal)
# 7: a role noun before the given name ("Economist Tom Velmore"); 8: opening.py's runs
@labeling_function(
    "person_first_name",
    version=9,  # listed companies are known names (pytickersymbols)
    layer="entities",
    prior=0.75,
    data=[ORGS, PLACES],
    description="A known given name (gender-guesser) followed by a capitalised surname.",
)
@on_analysis
def person_first_name(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    names = first_names()
    roles = lexicon().roles
    votes = []
    for run in a.runs:
        if run.last - run.first < 2:
            continue
        if run.last - run.first >= 3 and (
            _nationality_first(a, run, ctx) or a.words[run.first].lower() in roles
        ):
            # "Briton Tom Velmore": the nationality is a word of its own (the gazetteer's),
            # the name follows it (v4); "Economist Tom Velmore": a role noun, written with a
            # capital at the start of a sentence (v7).
            run = Run(a.starts[run.first + 1], run.end, run.first + 1, run.last, False, False)
        if a.words[run.first] in names and _name_like(a, run, ctx):
            votes.append(run_vote(run, "PERSON", 1.0, "person_first_name"))
    return votes


def _nationality_first(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """The run's first word is a nationality the gazetteer knows ("American", "Briton")."""
    return (a.starts[run.first], a.ends[run.first], "NORP") in gazetteer_hits(a, ctx)


# 3: as person_title v3 ("Air France said" is no person)
# 4: the runs changed ("St Velmora" whole; issue 13) and a regnal number ends a name
# 5: the runs of numbered.py ("told BBC Radio 4": no person); 6: its holidays, score lines
@labeling_function(
    "person_speech",
    version=7,  # listed companies are known names (pytickersymbols)
    layer="entities",
    prior=0.7,
    data=[PEOPLE, ORGS],
    description='The speaker next to a reporting verb: "X said", "said X", "according to X".',
)
@on_analysis
def person_speech(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    verbs = lexicon().speech_verbs
    words = a.words
    votes = []
    for run in a.runs:
        after = words[run.last] if run.last < len(words) else ""
        before = words[run.first - 1] if run.first > 0 else ""
        before2 = words[run.first - 2] if run.first > 1 else ""
        cue = after in verbs or before in verbs or (before2.lower(), before) == ("according", "to")
        if cue and _name_like(a, run, ctx):
            votes.append(run_vote(run, "PERSON", 1.0, "person_speech"))
    return votes


# -- capitalisation and the document ---------------------------------------------------------


def _eponym(a: Analysis, run: Run) -> bool:
    """A name followed by the common noun it names a thing with ("Molotov cocktail(s)")."""
    if run.last >= len(a.words):
        return False
    noun = a.words[run.last]
    eponyms = lexicon().common_eponyms
    word = a.words[run.first]
    return (word, noun) in eponyms or (noun.endswith("s") and (word, noun[:-1]) in eponyms)


def _common_initial(word: str, nxt: str) -> bool:
    """A sentence-initial word that reads as a common word before ":" or ",": the label of a
    results or data line ("Attendance : 9,358", "Scorers :") or an adverb ("Previously , he")
    (cap_run v3, any word before ":" v4, issue 13)."""
    if word.isupper():
        return False  # "PENCE: Well, ..." in a transcript is a speaker
    # v4: any word opening a line before ":" labels what follows ("Teams :", "Distances :");
    # a place there ("Velmora : Brelcorp 214") is still the gazetteers' to vote for.
    return nxt == ":" or (nxt == "," and word.endswith("ly"))


def field_label(a: Analysis, run: Run) -> bool:
    """One word in capitals before ":" inside a line: the name of a field of a data line
    ("AMT : 1,200,000 DATE : 09/05/96"). At the start of a line it may be a speaker
    ("PENCE: Well, ..."), so that is left to ``_common_initial`` (cap_run v5, issue 13)."""
    return (
        run.last - run.first == 1
        and not run.initial
        and run.last < len(a.words)
        and a.words[run.last] == ":"
        and a.words[run.first].isupper()
    )


def _person_guess(a: Analysis, run: Run, ctx: DocContext, size: int) -> bool:
    """Two or three name-like words, or one that is a given name ("Irwin", "Randall": news
    names people by one name more often than it names organisations by a given name; v5)."""
    if size == 1:
        word = a.words[run.first]
        return word in first_names() and not word.isupper() and _name_like(a, run, ctx)
    return 2 <= size <= 3 and _name_like(a, run, ctx)


def after_the(a: Analysis, run: Run) -> bool:
    """The run follows "the": news writes no article before a person's name ("the White Sox",
    "the Dow Jones index", "the Chelsea defender"; cap_run v10, issue 13), unless a noun a
    person owns follows ("the Clinton administration", "the Smith family"; people.yaml
    person_heads)."""
    if run.first == 0 or a.words[run.first - 1] not in ("the", "The"):
        return False
    nxt = a.words[run.last] if run.last < len(a.words) else ""
    return nxt not in lexicon().person_heads


def _full_name(a: Analysis, run: Run, ctx: DocContext) -> bool:
    """A given name and a surname or two ("Marta Quinn"), name-like."""
    return a.words[run.first] in first_names() and _person_guess(a, run, ctx, run.last - run.first)


# The shared run analysis reads titles, organisation heads and place words too.
# 6: month abbreviations are function words ("Aug 30"); a run ending in a known place after a
# word that is no given name is no person ("Dynamo Velmora"; issue 13)
# 7: "St" starts a name, no longer a word dropped before one ("St Velmora"; issue 13), and
# begins no person's (orgs.yaml prefixes); 8: a regnal number ends a person's name ("Henry
# VIII"; people.yaml regnal), and a surname listed with full names of people is one too
# ("Hale , Marta Quinn , Tomas Berg"; namelists.py); 9: no vote on the head of a row of
# figures ("Sales 7.12"; datalines.py); 10: no person after "the"; 11: the runs of opening.py
# and numbered.py ("Combining SMFG", "Rossiya 24"); 12: its holidays and score lines
@labeling_function(
    "cap_run",
    version=13,  # listed companies are known names (pytickersymbols)
    layer="entities",
    prior=0.35,
    data=[FUNCTION_WORDS, PEOPLE, ORGS, PLACES],
    description="Any capitalised run, as a weak guess: several words PERSON, one word ORG.",
)
@on_analysis
def cap_run(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    """The first word of a sentence is capitalised anyway: alone, it counts only when what
    follows is not a lower-case word (a results table row, "Leicestershire 22 8 5").
    """
    words = a.words
    votes = []
    listed: set[int] | None = None
    for k, run in enumerate(a.runs):
        size = run.last - run.first
        if size == 1 and (len(word := words[run.first]) == 1 or word in lexicon().not_acronyms):
            continue  # "TV", "GMT", "CEO", "APC"; a letter alone ("N / A", "Rad ( B )"; v4)
        if size == 1 and _eponym(a, run):
            continue  # "a Molotov cocktail"
        if run.initial and size == 1:
            nxt = words[run.last] if run.last < len(words) else ""
            if nxt[:1].islower() or _common_initial(words[run.first], nxt):
                continue
        elif field_label(a, run):
            continue
        if size == 1 and row_head(a, run):
            continue  # "Sales 7.12 7.40 8.42" (v9)
        label = "PERSON" if _person_guess(a, run, ctx, size) else "ORG"
        if label == "ORG" and size == 1 and len(a.runs) >= 3:
            if listed is None:  # a surname in a list of full names ("Hale , Marta Quinn"; v8)
                listed = listed_with_people(a, lambda r: _full_name(a, r, ctx))
            if k in listed and (run.start, run.end) not in gaz_spans(a, ctx):
                label = "PERSON"
        score = 1.0
        if label == "PERSON" and after_the(a, run):
            # The article says only that no person is named: a weaker ORG guess, that a list
            # outvotes even beside another ORG cue ("the North American unit" stays NORP).
            label, score = "ORG", 0.5
        votes.append(run_vote(run, label, score, "cap_run"))
    return votes

"""Name LFs typed by their own words: a suffix ("Acme Inc", "Grace Road", "World Cup", "World
War Two") or an acronym ("NATO", "Regional Transport Union (RTU)"). They label the capitalised
runs of ``analysis.py``, like the other name LFs of ``lfs.py``.
"""

from __future__ import annotations

from builder.model import EntityVote
from builder.prelabel.entities.analysed import on_analysis
from builder.prelabel.entities.analysis import Analysis
from builder.prelabel.entities.entity_votes import entity_vote
from builder.prelabel.entities.hits import gaz_spans, gazetteer_hits
from builder.prelabel.entities.lexicon import MISC, ORGS, PLACES, lexicon, word_set
from builder.prelabel.entities.lfs import field_label, run_vote, run_words
from builder.prelabel.lf import DocContext, LFCallable, labeling_function

# -- organisations, facilities, events -------------------------------------------------------


def _suffix_lf(
    name: str,
    path_key: list[tuple[str, str, str]],
    prior: float,
    designators: tuple[str, str] | None = None,
    version: int = 1,
) -> LFCallable:
    """A run whose last word is a typed suffix ("Acme Inc", "Grace Road", "World Cup"), or,
    with ``designators`` (file, key), whose last word is a designator after one ("World War
    Two")."""
    resolved: list[tuple[frozenset[str], str]] = []
    numbered: list[frozenset[str]] = []

    def body(a: Analysis, ctx: DocContext) -> list[EntityVote]:
        if not resolved:  # read the data files on first use, not at import
            resolved.extend((word_set(LEXICON_FILES[p], k), lab) for p, k, lab in path_key)
            numbered.append(
                word_set(LEXICON_FILES[designators[0]], designators[1])
                if designators
                else frozenset()
            )
        votes = []
        for run in a.runs:
            if run.last - run.first < 2:
                continue
            words = a.words[run.first : run.last]
            # "Ministry of Fisheries", "Liberal Democratic Party of Russia": the word before
            # the first "of"/"for" is the head that types the name (looked for by a generator
            # only in a run that holds one: ``in`` tests the list in C; issue 14).
            cut = 0
            if "of" in words or "for" in words:
                cut = next((i for i, w in enumerate(words) if w in ("of", "for")), 0)
            head = words[cut - 1] if cut else words[-1]
            last = words[-2] if words[-1] in numbered[0] else words[-1]
            for suffixes, label in resolved:
                if head in suffixes or last in suffixes:
                    # "Russian Federation", "Soviet Union": a known place that ends in a
                    # suffix word is typed by the gazetteer.
                    if (run.start, run.end) not in gaz_spans(a, ctx):
                        votes.append(run_vote(run, label, 1.0, name))
                    break
        return votes

    words = "/".join(k for _, k, _ in path_key)
    paths = sorted({LEXICON_FILES[p] for p, _, _ in path_key})
    return labeling_function(
        name,
        version=version,
        layer="entities",
        description=f"A capitalised run ending in a {words} word.",
        prior=prior,
        data=paths,
    )(on_analysis(body))


LEXICON_FILES = {"orgs": ORGS, "places": PLACES, "misc": MISC}
# 2: no vote on a known place ("Russian Federation", issue 13); 3: industries and
# "International" ("Velmo Chemical", orgs.yaml); 4: "St" starts a name, no longer a word
# dropped before one ("St Velmora"; issue 13); 5: the runs of numbered.py ("Radio 4"); 6: no
# year after a holiday, no score line's number ("Christmas 2004", "Portsmouth 1 Southampton")
# 7: listed companies are known names: no suffix vote on them (pytickersymbols)
org_suffix = _suffix_lf("org_suffix", [("orgs", "suffixes", "ORG")], 0.85, version=7)
place_suffix = _suffix_lf(
    "place_suffix",
    [("places", "fac_suffixes", "FAC"), ("places", "loc_suffixes", "LOC")],
    0.75,
    # 2: no vote on a place the gazetteer knows (it types it; issue 13); 3: "St" starts a name
    version=3,
)
misc_suffix = _suffix_lf(
    "misc_suffix",
    [("misc", "event_suffixes", "EVENT"), ("misc", "law_suffixes", "LAW")],
    0.7,
    designators=("misc", "designators"),
    # 2: "World War Two" (issue 15); 3: no vote on a known place, 4: "Day", "Bowl" (issue 13);
    # 5: no vote on an event misc.yaml names (gazetteer_event types it), "St" starts runs
    version=5,
)


def _is_acronym(word: str) -> bool:
    return 2 <= len(word) <= 6 and word.isupper() and word.isalpha()


# 2: no vote on the name of a field before ":" ("DATE : 09/05/96"; issue 13)
# 3: an acronym after a participle opening the sentence ("Combining SMFG"; opening.py)
# 4: listed companies are known names, no place, person or acronym (pytickersymbols)
@labeling_function(
    "org_acronym",
    version=4,
    layer="entities",
    prior=0.6,
    data=[ORGS],
    description='An upper-case acronym that is not a known place or unit ("NATO", "RTU").',
)
@on_analysis
def org_acronym(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    stop = lexicon().not_acronyms
    places = {(s, e) for s, e, _ in gazetteer_hits(a, ctx)}
    return [
        run_vote(run, "ORG", 1.0, "org_acronym")
        for run in a.runs
        if run.last - run.first == 1
        and _is_acronym(w := a.words[run.first])
        and w not in stop
        and (run.start, run.end) not in places
        and not field_label(a, run)
    ]


@labeling_function(
    "org_acronym_defined",
    version=1,
    layer="entities",
    prior=0.9,
    data=[ORGS],
    description=(
        'A name followed by its acronym in brackets, "Regional Transport Union (RTU)": both ORG.'
    ),
)
@on_analysis
def org_acronym_defined(a: Analysis, ctx: DocContext) -> list[EntityVote]:
    words, starts, ends = a.words, a.starts, a.ends
    votes = []
    for run in a.runs:
        k = run.last
        if k + 2 >= len(words) or words[k] != "(" or words[k + 2] != ")":
            continue
        acronym = words[k + 1]
        initials = "".join(w[0] for w in run_words(a, run) if w[0].isupper())
        if _is_acronym(acronym) and initials == acronym and len(initials) > 1:
            votes.append(run_vote(run, "ORG", 1.0, "org_acronym_defined"))
            votes.append(entity_vote(starts[k + 1], ends[k + 1], "ORG", 1.0, "org_acronym_defined"))
    return votes

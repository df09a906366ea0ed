"""The dataset card's account of the human annotations: gold, its policy, and agreement."""

from __future__ import annotations

from typing import Any

from builder.export.names import CONFIGS
from builder.metrics.matching import Match

# Agreement over fewer sentences than this is shown with a caution: one disagreement more or
# less moves it by several points.
SMALL_SAMPLE = 50


def count(n: int, noun: str) -> str:
    """``1 document``, ``2 documents``: the noun agrees with the number."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def table(header: list[str], rows: list[list[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def gold_section(m: dict[str, Any]) -> list[str]:
    """Gold, its policy and what stayed ambiguous or stale; agreement, cautioned when small."""
    gold = m.get("gold") or {}
    if not gold.get("gold_sentences") and not gold.get("ambiguous") and not gold.get("skipped"):
        return []
    parts = [
        f"Gold: annotations pulled from Label Studio, {count(gold['annotators'], 'annotator')}; "
        f"{count(gold['sentences_with_several_annotators'], 'sentence')} labelled by several "
        f"of them and resolved by the policy `{gold['policy']}`, layer by layer. "
        f"{count(gold['ambiguous'], 'sentence')} with a layer the annotators dispute under it: "
        "such a sentence has no row in the configs holding that layer (not even silver), and "
        f"keeps its gold rows in the others. {gold['stale']} changed text after annotation (no "
        "gold). A class nobody chose is stored as -1 (no label) in `label` / `check_worthy` "
        "of gold rows.",
        *_disputes_and_skips(gold, m.get("params") or {}),
    ]
    agreement = gold.get("agreement") or {}
    if agreement.get("sentences"):
        rows = [[name, value] for name, value in _agreement_rows(agreement)]
        n = agreement["sentences"]
        caution = (
            f" Only {count(n, 'sentence')}: one disagreement more or less moves these figures a "
            "lot; read them as an indication, not an estimate."
            if n < SMALL_SAMPLE
            else ""
        )
        parts += [
            f"Agreement between annotators, over the {count(n, 'sentence')} that several of them "
            f"labelled (pairwise).{caution}",
            table(["measure", "value"], rows),
        ]
    return parts


def _disputes_and_skips(gold: dict[str, Any], params: dict[str, Any]) -> list[str]:
    parts = []
    left_out = gold.get("disputed_rows_left_out") or {}
    if any(left_out.values()):
        rows = [[c, left_out.get(c, 0)] for c in CONFIGS]
        parts += ["Sentences left out of a config for a disputed layer:"]
        parts += [table(["config", "sentences left out"], rows)]
    if gold.get("skipped"):
        silver = params.get("silver") and params.get("silver_skipped")
        parts.append(
            f"{count(gold['skipped'], 'sentence')} skipped by every annotator who saw them "
            "(Label Studio's Skip: the annotator could not label them): no gold"
            + (", silver pre-labels instead." if silver else " and no silver.")
        )
    return parts


def _agreement_rows(agreement: dict[str, Any]) -> list[tuple[str, Any]]:
    def show(value: Any) -> Any:
        return "-" if value is None else value

    rows: list[tuple[str, Any]] = [
        *((f"entity span F1, {m}", show(agreement["entities"][m.value])) for m in Match),
        *(
            (f"entity span F1, {m}: {label}", show(scores[m.value]))
            for label, scores in sorted(agreement.get("entities_per_label", {}).items())
            for m in Match
        ),
        ("claim F1 (content and source)", show(agreement["claims"]["claim"])),
        ("cue F1", show(agreement["claims"]["cue"])),
    ]
    for layer in ("sentiment", "check_worthy"):
        got = agreement[layer]
        rows += [
            (f"{layer}: observed agreement", show(got["percent_agreement"])),
            (f"{layer}: Cohen's kappa (mean over pairs)", show(got["cohen_kappa"])),
            (f"{layer}: Krippendorff's alpha", show(got["krippendorff_alpha"])),
            *(
                (f"{layer}: specific agreement, {c}", show(value))
                for c, value in got.get("per_class", {}).items()
            ),
        ]
    return rows

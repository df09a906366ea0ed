"""Gold labels for the export: the annotation snapshots, resolved by a declared policy.

``builder studio pull`` writes the snapshots; ``builder.gold.resolve`` turns several
annotations of a sentence into one label set (or lists the sentence as ambiguous). Here the
result is put in the pre-label record shape that ``records.Columns`` builds rows from, with the
text each sentence had when it was annotated: a sentence whose text changed since is not given
its old offsets (the export counts it as stale and treats it as unannotated).

Kept free of the ``datasets`` stack: worker processes receive a :class:`Gold` once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.errors import E801_BAD_ANNOTATIONS, InputError
from builder.export.records import CONFIG_LAYERS
from builder.gold.resolve import Policy, as_policy, resolve
from builder.gold.snapshots import read_snapshots
from builder.labels import LabelSchema
from builder.metrics.matching import Match
from builder.model import ResolvedGold


@dataclass(frozen=True)
class Gold:
    labels: dict[str, dict[str, Any]] = field(default_factory=dict)  # pre-label shape
    text: dict[str, str] = field(default_factory=dict)  # the text that was annotated
    sha256: str | None = None  # of every snapshot file read, in order
    summary: dict[str, Any] = field(default_factory=dict)
    ambiguous: list[tuple[str, str]] = field(default_factory=list)
    annotators_per_sentence: dict[str, int] = field(default_factory=dict)
    # Sentence id -> the layers its annotators disagree on and the policy did not settle.
    # A config holding such a layer gets no row of the sentence, not even silver (the
    # heuristics' guess would hide a known disagreement); its other configs keep the gold.
    disputed: dict[str, frozenset[str]] = field(default_factory=dict)
    # Sentences every annotator skipped ("can't label this" in Label Studio): no gold, and no
    # silver either unless asked (``--silver-skipped``).
    skipped: frozenset[str] = frozenset()

    def configs_of(self, sid: str) -> tuple[bool, ...]:
        """Per config (``CONFIG_LAYERS`` order), whether the sentence's gold goes there."""
        out = self.disputed.get(sid, frozenset())
        return tuple(not (out & set(layers)) for layers in CONFIG_LAYERS.values())

    def __len__(self) -> int:
        return len(self.labels)


def as_prelabel(gold: ResolvedGold) -> dict[str, Any]:
    """Resolved human labels in the pre-label record shape: the class layers become
    ``{"label": ...}`` (None when nobody chose one); ``records.Columns`` takes the spans of
    entities and claims as they are, in either shape (a layer nobody labelled: none)."""
    labels = gold.to_dict()
    return {
        "entities": labels["entities"] or [],
        "claims": labels["claims"] or [],
        **{
            layer: None if labels[layer] is None else {"label": labels[layer]}
            for layer in ("check_worthy", "sentiment")
        },
    }


def load_gold(annotations: Path, policy: Policy | str) -> Gold:
    """Every current snapshot under ``annotations``, resolved by ``policy`` (a policy given by
    name is checked first, E802)."""
    policy = as_policy(policy)
    snapshots = read_snapshots(annotations)
    if not snapshots.files:  # a folder nobody pulled into yet: the same as no folder
        return Gold()
    digest = hashlib.sha256()
    for path in sorted(snapshots.files):
        digest.update(path.relative_to(annotations).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    resolution = resolve(snapshots.annotations, policy, snapshots.adjudications)
    # A sentence whose settled layers all share a config with a disputed one (check-worthiness
    # agreed, claims not, and the rest disputed) has no row to give: it is only disputed.
    rowless = {
        sid
        for sid, out in resolution.disputed.items()
        if all(set(layers) & set(out) for layers in CONFIG_LAYERS.values())
    }
    return Gold(
        labels={
            sid: as_prelabel(labels)
            for sid, labels in resolution.labels.items()
            if sid not in rowless
        },
        text=dict(resolution.text),
        sha256=digest.hexdigest(),
        summary={**resolution.summary(), "agreement": agreement_summary(snapshots.annotations)},
        ambiguous=sorted(resolution.ambiguous),
        annotators_per_sentence=dict(resolution.annotators_per_sentence),
        disputed={sid: frozenset(layers) for sid, layers in resolution.disputed.items()},
        skipped=frozenset(resolution.skipped),
    )


def check_gold(gold: Gold, schema: LabelSchema, annotations: Path | None) -> None:
    """Every gold label is one the schema knows (a snapshot pulled under an older schema may
    hold one it dropped): refused before any work, naming the sentence."""
    allowed = {
        "entities": set(schema.entity_types),
        "check_worthy": set(schema.check_worthy_classes),
        "sentiment": set(schema.sentiment_classes),
    }
    for sid, labels in sorted(gold.labels.items()):
        found = {e["label"] for e in labels["entities"]} - allowed["entities"]
        for layer in ("check_worthy", "sentiment"):
            if labels[layer] is not None and labels[layer]["label"] not in allowed[layer]:
                found.add(labels[layer]["label"])
        if found:
            problem = f"sentence {sid}: labels not in the label schema: {sorted(found)}"
            raise InputError(E801_BAD_ANNOTATIONS, str(annotations), problem)


def agreement_summary(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The headline agreement figures (no annotator names: the card is published)."""
    # Imported here: worker processes receive a Gold and need none of scikit-learn.
    from builder.quality.agreement import agreement

    full = agreement(records)
    return {
        "sentences": full["sentences"],
        "annotators": full["annotators"],
        "entities": {m.value: full["entities"][m.value]["micro"]["f1"] for m in Match},
        "entities_per_label": {
            label: {m.value: full["entities"][m.value][label]["f1"] for m in Match}
            for label in sorted(full["entities"]["exact"])
            if label != "micro"
        },
        "claims": {k: v["f1"] for k, v in full["claims"].items()},
        **{
            layer: {
                k: full[layer][k]
                for k in (
                    "n",
                    "percent_agreement",
                    "cohen_kappa",
                    "krippendorff_alpha",
                    "per_class",
                )
            }
            for layer in ("sentiment", "check_worthy")
        },
    }

"""Create or update the Label Studio project whose config comes from ``schemas/labels.yaml``.

A schema change that would orphan human work (a label that annotations use disappears from the
config) is refused with the labels and counts concerned; adding labels, reordering them or
editing their descriptions is applied.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterable
from typing import Any

from builder.errors import E724_ORPHANS, BuilderError
from builder.labels import LabelSchema
from builder.studio.client import Studio
from builder.studio.dm import ensure_view
from builder.studio.label_config import instructions, label_config

DESCRIPTION = (
    "Sentences pre-labelled by news-dataset-builder heuristics. Correct entities, claims, "
    "check-worthiness and sentiment; the grey sentences are context."
)


def vocabulary(config: str) -> set[tuple[str, str]]:
    """(control name, label) pairs a labeling config offers; relations under ``relation``."""
    if not config.strip():
        return set()
    root = ET.fromstring(config)
    pairs: set[tuple[str, str]] = set()
    for control in root.iter():
        name = control.get("name")
        if control.tag in ("Labels", "Choices") and name:
            pairs.update(
                (name, str(child.get("value")))
                for child in control
                if child.tag in ("Label", "Choice")
            )
        elif control.tag == "Relations":
            pairs.update(("relation", str(child.get("value"))) for child in control)
    return pairs


def used_labels(tasks: Iterable[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """How often annotations and drafts use each (control, label) pair."""
    used: Counter[tuple[str, str]] = Counter()
    for task in tasks:
        for item in [*(task.get("annotations") or []), *(task.get("drafts") or [])]:
            for region in item.get("result") or []:
                if region.get("type") == "relation":
                    used.update(("relation", str(label)) for label in region.get("labels") or [])
                    continue
                value = region.get("value") or {}
                for key in ("labels", "choices"):
                    used.update((str(region.get("from_name")), str(v)) for v in value.get(key, []))
    return used


def orphaned(old: str, new: str, used: Counter[tuple[str, str]]) -> dict[tuple[str, str], int]:
    removed = vocabulary(old) - vocabulary(new)
    return {pair: used[pair] for pair in sorted(removed) if used[pair]}


def init(studio: Studio, title: str, schema: LabelSchema) -> tuple[dict[str, Any], str]:
    """The project, created or brought up to date with its annotators' Data Manager tab; and
    what was done."""
    project, action = _project(studio, title, schema)
    tab = ensure_view(studio, int(project["id"]))
    if action == "unchanged" and tab != "unchanged":
        action = f"tab {tab}"
    return project, action


def _project(studio: Studio, title: str, schema: LabelSchema) -> tuple[dict[str, Any], str]:
    config, guide = label_config(schema), instructions(schema)
    project = studio.find_project(title)
    if project is None:
        made = studio.create_project(
            title=title,
            description=DESCRIPTION,
            label_config=config,
            expert_instruction=guide,
            show_instruction=True,
            show_skip_button=True,
        )
        return made, "created"
    stored = (project.get("label_config") or "").strip()
    if stored == config.strip() and project.get("expert_instruction") == guide:
        return project, "unchanged"
    pid = int(project["id"])
    lost = orphaned(
        project.get("label_config") or "",
        config,
        used_labels(studio.export(pid, all_tasks=False, predictions=False)),
    )
    if lost:
        listed = ", ".join(f"{c}:{label} ({n} uses)" for (c, label), n in lost.items())
        raise BuilderError(
            E724_ORPHANS,
            f"project {pid} ({title!r}): the new label schema removes labels that annotations "
            f"use: {listed}. Keep them in schemas/labels.yaml, or relabel those annotations "
            "in Label Studio first; nothing was changed",
        )
    studio.update_project(pid, label_config=config, expert_instruction=guide)
    return studio.project(pid), "updated"

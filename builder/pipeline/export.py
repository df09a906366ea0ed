"""Export: sentences and labels -> a new, immutable dataset version folder."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from builder.hooks import SILENT, Hooks

if TYPE_CHECKING:
    from builder.export.build import ExportResult
    from builder.export.params import ExportParams


def export(
    sentences_path: Path, prelabels: Path, out: Path, params: ExportParams, hooks: Hooks = SILENT
) -> ExportResult:
    """A new dataset version folder under ``out/NAME/``; warns about what was left out."""
    # Imported here: datasets and pyarrow take a second and 150 MB that other stages
    # should not pay for.
    from builder.export.build import export as export_version

    result = export_version(sentences_path, prelabels, out, params)
    for problem in result.misaligned[:20]:
        hooks.warn(f"E502 {problem}: left out")
    gold = result.manifest["gold"]
    if gold["stale"]:
        hooks.warn(
            f"{gold['stale']} annotated sentences changed text since: their gold is not used"
        )
    if gold["ambiguous"]:
        layers = ", ".join(f"{k} {v}" for k, v in gold["disputed_layers"].items())
        hooks.warn(
            f"{gold['ambiguous']} sentences ambiguous under policy {params.policy} (disputed "
            f"layers: {layers}): no row in the configs of a disputed layer (manifest)"
        )
    if gold["skipped"]:
        hooks.warn(
            f"{gold['skipped']} sentences skipped by every annotator: no gold"
            + (", silver" if params.silver and params.silver_skipped else ", no silver")
            + " (manifest: gold.skipped_ids)"
        )
    empty = result.manifest["empty_splits"]
    if empty:
        names = " and ".join(empty)
        hooks.warn(
            f"split{'s' if len(empty) > 1 else ''} {names} left empty: fewer document groups "
            f"than splits asked for; add documents, or give {names} a share of 0 "
            f"({' '.join(f'--{s} 0' for s in empty)}, the other shares summing to 1)"
        )
    for fill in result.manifest["fill_ups"]:
        hooks.info(
            f"{fill['group']} placed in {fill['moved_to']} (hash: {fill['was_in']}) so that no "
            "split is empty; it may move when documents are added"
        )
    for where in result.manifest["balance"]["warn"]:
        hooks.warn(f"label distribution of {where} is far from the whole dataset's (card: Balance)")
    return result

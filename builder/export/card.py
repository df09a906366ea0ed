"""The dataset card (README.md): generated from the manifest and the label schema, never edited.

Its YAML front matter declares every config, its parquet files per split and its features,
so that ``datasets.load_dataset(path, config)`` works offline and returns exactly them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import orjson
import yaml

from builder.export.card_gold import count as _n
from builder.export.card_gold import gold_section as _gold_section
from builder.export.card_gold import table as _table
from builder.export.features import CONFIGS, features_for
from builder.export.splits import SPLITS
from builder.labels import LabelSchema
from builder.version.layout import shard_name, split_names

# What each config's label counts count (the claims config: its check-worthiness class).
_COUNTED = {
    "ner": "ner: entity type",
    "claims": "claims: check_worthy",
    "sentiment": "sentiment: label",
}


def front_matter(manifest: dict[str, Any], schema: LabelSchema) -> dict[str, Any]:
    rows = manifest["rows"]
    configs = []
    hashes = manifest.get("files", {})
    for c in CONFIGS:
        # Only splits with rows: `datasets` cannot load an empty one. A split in shards lists
        # every file of it (``shards.py``).
        files: list[dict[str, Any]] = []
        for s in SPLITS:
            if rows[c][s]:
                paths = split_names(hashes, c, s) or [shard_name(c, s, 0, 1)]
                files.append({"split": s, "path": paths[0] if len(paths) == 1 else paths})
        # `datasets` caches a local dataset under a hash of this front matter, not of the
        # files: without the content digest, two exports with the same name, version and
        # features would share one cache entry, and the second would load the first's rows.
        names = [
            p for f in files for p in ([f["path"]] if isinstance(f["path"], str) else f["path"])
        ]
        digest = hashlib.sha256("".join(hashes.get(p, "") for p in names).encode()).hexdigest()
        configs.append(
            {
                "config_name": c,
                "description": f"{manifest['name']} {manifest['version']} {c}, data {digest[:16]}",
                "data_files": files,
            }
        )
    return {
        "configs": configs,
        "dataset_info": [
            {"config_name": c, "features": features_for(c, schema)._to_yaml_list()} for c in CONFIGS
        ],
        "language": ["en"],
        "task_categories": ["token-classification", "text-classification"],
        "pretty_name": manifest["name"],
    }


def _body(manifest: dict[str, Any], schema: LabelSchema) -> str:
    m = manifest
    gold, silver = m["sources"].get("gold", 0), m["sources"].get("silver", 0)
    parts = [
        f"# {m['name']} {m['version']}",
        "News sentences with named entities, claims (source, cue, content), check-worthiness and "
        "sentence sentiment, built by `builder export` from raw news documents.",
        "## Configs and splits",
        _table(["config", *SPLITS], [[c, *(m["rows"][c][s] for s in SPLITS)] for c in CONFIGS]),
        "## Where the labels come from",
        f"{_n(gold, 'sentence')} carry human (gold) labels and {silver} carry "
        f"heuristic pre-labels (silver; model version "
        f"{', '.join(m['heuristics_versions']) or '-'}). Every row says which in its `source` "
        "column.",
        *_gold_section(m),
        "## Label definitions",
        _table(["entity type", "definition"], [[e.name, e.description] for e in schema.entities]),
        _table(["claim part", "definition"], [[p.name, p.description] for p in schema.claim_parts]),
        _table(
            ["class", "definition"],
            [[f"sentiment: {c.name}", c.description] for c in schema.sentiment]
            + [[f"check_worthy: {c.name}", c.description] for c in schema.check_worthy],
        ),
        "## Label distributions",
    ]
    for c in CONFIGS:
        names = sorted({k for s in SPLITS for k in m["label_counts"][c][s]})
        parts.append(
            _table(
                [_COUNTED[c], *SPLITS],
                [[n, *(m["label_counts"][c][s].get(n, 0) for s in SPLITS)] for n in names],
            )
        )
    parts += _quality_section(m)
    sp = m["params"]["splits"]
    group = (
        "a document's id"
        if not sp.get("group_pattern")
        else f"its group (pattern `{sp['group_pattern']}` over document ids)"
    )
    parts += [
        "## Splits",
        f"Documents never straddle splits. A document's split is a hash of {group} and the salt "
        f"`{sp['salt']}` (ratios {sp['train']}/{sp['validation']}/{sp['test']}), so "
        "adding documents never moves one the hash placed. Exact and near-duplicate sentences "
        f"(normalised text; MinHash over word sets, Jaccard >= "
        f"{sp['near_duplicate_threshold']}) across splits move their documents to the "
        f"earliest split: {len(m['leaks'])} {_moved(m['leaks'], sp)} in this version. "
        f'Sentences of fewer than {sp["min_words"]} words are not compared ("He said." would '
        "tie unrelated documents together). The test set holds "
        f"{_n(m['test_ledger']['groups'], _noun(sp))} "
        f"(ledger sha256 `{m['test_ledger']['sha256'][:16]}`).",
        *_fill_section(m, sp),
        *_leak_section(m["leaks"]),
        *_balance_section(m),
        "## Known limitations",
        f"Silver labels are heuristic and measured, not verified: see the heuristics report. "
        f"{m['misaligned_entity_spans']} entity spans did not align to token boundaries and are "
        "left out of both `ner_tags` and `entities`.",
        f"Label schema sha256 `{m['label_schema_sha256'][:16]}`; inputs and parameters are in "
        "`manifest.json`.",
    ]
    return "\n\n".join(parts) + "\n"


SHOWN_LEAKS = 10
_CELL = 60  # characters of a group key or sentence id shown in the card


def _cell(text: str) -> str:
    text = text if len(text) <= _CELL else text[: _CELL - 1] + "…"
    return "`" + text.replace("`", "'").replace("|", "/") + "`"


def _noun(splits: dict[str, Any]) -> str:
    return "group" if splits.get("group_pattern") else "document"


def _moved(moves: list[dict[str, Any]], splits: dict[str, Any]) -> str:
    return f"{_noun(splits)}{'' if len(moves) == 1 else 's'} moved"


def _fill_section(m: dict[str, Any], splits: dict[str, Any]) -> list[str]:
    """Small corpora: the groups placed so that no split is empty, or the splits left empty."""
    fills, empty = m.get("fill_ups", []), m.get("empty_splits", [])
    noun = _noun(splits)
    parts = []
    if fills:
        moved = "; ".join(f"{_cell(f['group'])} to {f['moved_to']}" for f in fills)
        parts.append(
            f"A split would have been empty, so the fill-up rule placed "
            f"{_n(len(fills), noun)} by another hash (of the key, the salt and the split): "
            f"{moved}. Only these may move when documents are added; none that the hash placed."
        )
    if empty:
        parts.append(
            f"Fewer {noun}s than splits: {', '.join(empty)} "
            f"{'is' if len(empty) == 1 else 'are'} empty in this version."
        )
    return parts


def _leak_section(moves: list[dict[str, Any]]) -> list[str]:
    """The first moved groups, as the manifest lists them (all of them are there)."""
    if not moves:
        return []
    rows = [
        [
            _cell(move["group"]),
            move["was_in"],
            move["moved_to"],
            move["links"],
            f"{move['example']['kind']}: {_cell(move['example']['sentence_ids'][0])} ~ "
            f"{_cell(move['example']['sentence_ids'][1])} of {_cell(move['example']['groups'][1])}",
        ]
        for move in moves[:SHOWN_LEAKS]
    ]
    more = len(moves) - SHOWN_LEAKS
    tail = [f"... and {more} more in `manifest.json` (`leaks`)."] if more > 0 else []
    return [
        _table(["moved", "was in", "moved to", "duplicate links", "for example"], rows),
        *tail,
    ]


def _quality_section(m: dict[str, Any]) -> list[str]:
    quality = m.get("quality")
    if not quality or not quality["sentences"]:
        return []
    rows = [
        [q["layer"], q["name"], q["label"], q["precision"], q["recall"], q["f1"], q["support"]]
        for q in quality["rows"]
    ]
    return [
        "## Heuristic quality",
        f"Pre-labels ({quality['model_version']}) scored against the human labels of "
        f"{quality['sentences']} sentences by `builder eval` (entities: exact spans; per "
        "heuristic and for the aggregated prediction):",
        _table(["layer", "heuristic", "label", "precision", "recall", "F1", "support"], rows),
    ]


def _balance_section(m: dict[str, Any]) -> list[str]:
    balance = m.get("balance")
    if not balance:
        return []
    rows = [
        [config, *(dist.get(s, "-") for s in SPLITS)]
        for config, dist in balance["distance"].items()
    ]
    warn = ", ".join(balance["warn"]) or "none"
    return [
        "Balance: total variation distance between each split's label distribution and the "
        f"whole dataset's (0 = same shares). Above 0.1 with at least 100 labels: {warn}.",
        _table(["config", *SPLITS], rows),
    ]


def write_card(root: Path, manifest: dict[str, Any], schema: LabelSchema) -> None:
    fm = yaml.safe_dump(front_matter(manifest, schema), sort_keys=False, allow_unicode=True)
    header = "# Generated by `builder export` from manifest.json: do not edit.\n"
    (root / "README.md").write_text(
        f"---\n{header}{fm}---\n\n{_body(manifest, schema)}", encoding="utf-8"
    )
    # orjson: a large corpus's manifest (every moved group, every left-out span, the test
    # ledger) runs to megabytes, which the standard library's indenting encoder took seconds
    # to write.
    (root / "manifest.json").write_bytes(
        orjson.dumps(manifest, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS) + b"\n"
    )

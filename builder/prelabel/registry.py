"""The registry of labeling functions: every family imported, every LF in a stable order.

Apart from ``lf.py`` (the protocol and the decorator the families use) so that importing the
families by name here makes no import cycle: families import ``lf``, this imports families.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from builder.errors import E204_UNKNOWN_HEURISTIC, UsageError
from builder.prelabel.lf import LAYERS, LabelingFunction, registered

FAMILIES = (
    "builder.prelabel.entities.lfs",
    "builder.prelabel.entities.gazetteer_lfs",
    "builder.prelabel.entities.numeric_lfs",
    "builder.prelabel.entities.suffixes",
    "builder.prelabel.entities.teams",
    "builder.prelabel.entities.context",
    "builder.prelabel.entities.org_context",
    "builder.prelabel.entities.memory",
    "builder.prelabel.entities.family",  # every entity heuristic's call together: after them
    "builder.prelabel.claims.lfs",
    "builder.prelabel.claims.own_votes",
    "builder.prelabel.claims.fallback",
    "builder.prelabel.claims.chained",
    "builder.prelabel.claims.family",  # every claims heuristic's call together: after them
    "builder.prelabel.claims.checkworthy",
    "builder.prelabel.sentiment.lfs",
)


def registry() -> list[LabelingFunction]:
    """Every registered LF, ordered by layer then name."""
    for module in FAMILIES:
        importlib.import_module(module)
    return sorted(registered(), key=lambda lf: (LAYERS.index(lf.layer), lf.name))


def select(disable: Sequence[str] = ()) -> list[LabelingFunction]:
    """Every registered LF but the ``disable``d ones; an unknown name is a usage error (E204),
    raised before any work."""
    lfs = registry()
    unknown = sorted(set(disable) - {lf.name for lf in lfs})
    if unknown:
        raise UsageError(
            E204_UNKNOWN_HEURISTIC,
            f"no heuristic named {', '.join(unknown)} (see `builder heuristics list`)",
        )
    return [lf for lf in lfs if lf.name not in set(disable)]

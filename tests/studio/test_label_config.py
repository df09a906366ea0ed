"""Colours of the labeling config: every span label its own, claim parts another family."""

from __future__ import annotations

import colorsys
import xml.etree.ElementTree as ET
from pathlib import Path

from builder.labels import LabelSchema, labels, load_labels
from builder.studio.label_config import CLAIM, NER, label_config
from tests.conftest import REPO


def _backgrounds(schema: LabelSchema) -> dict[tuple[str, str], str]:
    """(control, label) -> background, read back from the generated XML as the server reads it."""
    root = ET.fromstring(label_config(schema))
    return {
        (str(control.get("name")), str(label.get("value"))): str(label.get("background"))
        for control in root.iter("Labels")
        for label in control
    }


def _hsv(colour: str) -> tuple[float, float, float]:
    red, green, blue = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    return colorsys.rgb_to_hsv(red, green, blue)


def _luminance(colour: str) -> float:
    """Relative luminance (WCAG): how light a colour looks."""

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _distance(a: str, b: str) -> float:
    pairs = zip(
        (int(a[i : i + 2], 16) for i in (1, 3, 5)),
        (int(b[i : i + 2], 16) for i in (1, 3, 5)),
        strict=True,
    )
    return float(sum((x - y) ** 2 for x, y in pairs) ** 0.5)


def test_every_span_label_has_its_own_colour() -> None:
    found = _backgrounds(labels())
    expected = {(NER, t) for t in labels().entity_types}
    expected |= {(CLAIM, part.name) for part in labels().claim_parts}
    assert set(found) == expected
    colours = list(found.values())
    assert len(set(colours)) == len(colours), "two labels share a colour"
    closest = min(_distance(a, b) for i, a in enumerate(colours) for b in colours[i + 1 :])
    assert closest > 40, "two labels are hard to tell apart"


def test_claim_parts_are_another_family_and_the_claim_is_the_lightest() -> None:
    found = _backgrounds(labels())
    claims = {label: c for (control, label), c in found.items() if control == CLAIM}
    entities = {label: c for (control, label), c in found.items() if control == NER}
    assert all(_hsv(c)[1] < 0.05 for c in claims.values()), f"claim parts not greys: {claims}"
    assert all(_hsv(c)[1] >= 0.5 for c in entities.values()), "entities are saturated hues"
    lightest = max(found.values(), key=_luminance)
    assert found[(CLAIM, "CLAIM")] == lightest, "a CLAIM drawn over entities must not drown them"


def test_a_larger_schema_still_gets_distinct_colours(tmp_path: Path) -> None:
    text = (REPO / "schemas" / "labels.yaml").read_text()
    extra = "".join(f'  - {{name: EXTRA{i}, description: "Extra type {i}."}}\n' for i in range(8))
    anchor = "  - {name: CARDINAL,"
    path = tmp_path / "labels.yaml"
    path.write_text(text.replace(anchor, extra + anchor))
    colours = list(_backgrounds(load_labels(path)).values())
    assert len(colours) == len(labels().entity_types) + 8 + len(labels().claim_parts)
    assert len(set(colours)) == len(colours)

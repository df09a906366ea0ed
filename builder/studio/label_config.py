"""The Label Studio labeling config, generated from ``schemas/labels.yaml`` (never hand-written).

Control names are the contract between tasks, predictions and pulled annotations:
``ner`` (entity spans), ``claim`` (CLAIM / SOURCE / CUE spans, linked by relations),
``quote`` (direct / indirect, per CLAIM region), ``check_worthy`` and ``sentiment`` (choices).
The previous and next sentences are shown read-only around the sentence being labelled.
"""

from __future__ import annotations

import colorsys
from html import escape
from xml.sax.saxutils import quoteattr

from builder.labels import Label, LabelSchema

TEXT, PREV, NEXT = "text", "prev", "next"
NER, CLAIM, QUOTE, CHECK, SENTIMENT = "ner", "claim", "quote", "check_worthy", "sentiment"
RELATION_SOURCE, RELATION_CUE = "source", "cue"

# Keys in the order they are handed out; every label of every control gets its own.
_HOTKEYS = list("1234567890qwertyuiopasdfghjklzxcvbnm")
# Entity labels: saturated hues, neighbours far apart (Kelly's colours of maximum contrast and
# a few more, greys left out). A schema with more entity types gets generated hues after these.
ENTITY_COLOURS = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#42d4f4",
    "#f032e6",
    "#bfef45",
    "#469990",
    "#9a6324",
    "#800000",
    "#808000",
    "#000075",
    "#f3c300",
    "#00a86b",
    "#c71585",
    "#1e90ff",
    "#ff6f61",
)
# Claim parts: another family, neutral greys from light to dark, so a SOURCE never looks like an
# entity. CLAIM comes first and is the lightest: Label Studio draws every region at 30% opacity,
# so a long CLAIM over its entities tints them instead of drowning them.
_LIGHTEST_GREY, _DARKEST_GREY = 0xE6, 0x30


def _generated(i: int) -> str:
    """The ``i``-th hue after the palette: golden-ratio steps around the wheel, saturated."""
    red, green, blue = colorsys.hsv_to_rgb((i * 0.618034) % 1.0, 0.8, 0.85)
    return "#" + "".join(f"{round(c * 255):02x}" for c in (red, green, blue))


def colours(schema: LabelSchema) -> dict[tuple[str, str], str]:
    """(control, label) -> background colour: distinct for every span label of the schema."""
    out: dict[tuple[str, str], str] = {}
    for i, lab in enumerate(schema.entities):
        out[(NER, lab.name)] = ENTITY_COLOURS[i] if i < len(ENTITY_COLOURS) else _generated(i)
    step = (_LIGHTEST_GREY - _DARKEST_GREY) // max(1, len(schema.claim_parts) - 1)
    for i, lab in enumerate(schema.claim_parts):
        out[(CLAIM, lab.name)] = "#" + f"{_LIGHTEST_GREY - i * step:02x}" * 3
    return out


def hotkeys(schema: LabelSchema) -> dict[tuple[str, str], str]:
    """(control, label) -> hotkey, deterministic and without collisions."""
    keys = iter(_HOTKEYS)
    out: dict[tuple[str, str], str] = {}
    groups = [
        (NER, schema.entities),
        (CLAIM, schema.claim_parts),
        (QUOTE, schema.quote_types),
        (CHECK, schema.check_worthy),
        (SENTIMENT, schema.sentiment),
    ]
    for control, labels in groups:
        for label in labels:
            out[(control, label.name)] = next(keys)
    return out


def _labels(
    control: str,
    labels: tuple[Label, ...],
    keys: dict[tuple[str, str], str],
    palette: dict[tuple[str, str], str],
) -> list[str]:
    return [
        f"    <Label value={quoteattr(lab.name)} hotkey={quoteattr(keys[(control, lab.name)])} "
        f"background={quoteattr(palette[(control, lab.name)])} hint={quoteattr(lab.description)}/>"
        for lab in labels
    ]


def _choices(
    control: str, labels: tuple[Label, ...], keys: dict[tuple[str, str], str]
) -> list[str]:
    return [
        f"    <Choice value={quoteattr(lab.name)} hotkey={quoteattr(keys[(control, lab.name)])} "
        f"hint={quoteattr(lab.description)}/>"
        for lab in labels
    ]


def label_config(schema: LabelSchema) -> str:
    keys, palette = hotkeys(schema), colours(schema)
    lines = [
        "<View>",
        f"  <!-- Generated from schemas/labels.yaml (sha256 {schema.sha[:16]}): do not edit. -->",
        '  <View style="color: #777; font-size: 90%">',
        f'    <Text name="{PREV}" value="${PREV}"/>',
        "  </View>",
        '  <Header value="Sentence"/>',
        f'  <Text name="{TEXT}" value="${TEXT}"/>',
        '  <View style="color: #777; font-size: 90%">',
        f'    <Text name="{NEXT}" value="${NEXT}"/>',
        "  </View>",
        '  <Header value="Named entities"/>',
        f'  <Labels name="{NER}" toName="{TEXT}" showInline="true">',
        *_labels(NER, schema.entities, keys, palette),
        "  </Labels>",
        '  <Header value="Claims: mark CLAIM, SOURCE, CUE; relate the CLAIM to both"/>',
        f'  <Labels name="{CLAIM}" toName="{TEXT}" showInline="true">',
        *_labels(CLAIM, schema.claim_parts, keys, palette),
        "  </Labels>",
        "  <Relations>",
        f'    <Relation value="{RELATION_SOURCE}"/>',
        f'    <Relation value="{RELATION_CUE}"/>',
        "  </Relations>",
        f'  <Choices name="{QUOTE}" toName="{TEXT}" perRegion="true" choice="single-radio"'
        ' showInline="true">',
        *_choices(QUOTE, schema.quote_types, keys),
        "  </Choices>",
        '  <Header value="Check-worthy"/>',
        f'  <Choices name="{CHECK}" toName="{TEXT}" choice="single-radio" showInline="true">',
        *_choices(CHECK, schema.check_worthy, keys),
        "  </Choices>",
        '  <Header value="Sentiment"/>',
        f'  <Choices name="{SENTIMENT}" toName="{TEXT}" choice="single-radio" showInline="true">',
        *_choices(SENTIMENT, schema.sentiment, keys),
        "  </Choices>",
        "</View>",
    ]
    return "\n".join(lines) + "\n"


def instructions(schema: LabelSchema) -> str:
    """Annotator instructions (HTML), generated from the label definitions. Tables carry their
    ``tbody``: the server's sanitiser adds it, and ``init`` compares what it stored."""
    keys = hotkeys(schema)

    def rows(control: str, labels: tuple[Label, ...]) -> str:
        return "".join(
            f"<tr><td><b>{escape(lab.name)}</b></td><td><kbd>{keys[(control, lab.name)]}</kbd></td>"
            f"<td>{escape(lab.description)}</td></tr>"
            for lab in labels
        )

    return (
        "<p>Correct the pre-labels: delete wrong spans, fix boundaries, add what is missing. "
        "The grey sentences before and after are context only.</p>"
        "<h3>Entities</h3><table><tbody>" + rows(NER, schema.entities) + "</tbody></table>"
        "<h3>Claims</h3><p>Mark the CLAIM, its SOURCE and its CUE, then draw a relation from the "
        "CLAIM to the SOURCE (<i>source</i>) and to the CUE (<i>cue</i>); choose direct or "
        "indirect on the CLAIM.</p><table><tbody>"
        + rows(CLAIM, schema.claim_parts)
        + rows(QUOTE, schema.quote_types)
        + "</tbody></table>"
        "<h3>Check-worthiness</h3><table><tbody>"
        + rows(CHECK, schema.check_worthy)
        + "</tbody></table><h3>Sentiment</h3><table><tbody>"
        + rows(SENTIMENT, schema.sentiment)
        + "</tbody></table>"
    )

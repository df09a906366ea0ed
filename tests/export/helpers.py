"""`builder export` of the built samples, from the tests."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from builder.cli import app


def export_cli(built: Path, out: Path, *extra: str) -> Any:
    """Run `builder export` on ``built``'s sentences and pre-labels as dataset "news"."""
    args = ["export", "--sentences", str(built / "sentences.jsonl")]
    args += ["--prelabels", str(built / "prelabels.jsonl"), "--name", "news", "-o", str(out)]
    return CliRunner().invoke(app, [*args, *extra])


_TEMPLATES = (
    "The {city} city council voted {a} to {b} on {day} to approve the new harbour budget.",
    "Police in {city} said {a} people were arrested after protests near the station on {day}.",
    "Shares of {firm} fell {a} percent on {day} after the company cut its forecast for {b}.",
    "Rescuers pulled {a} people from the collapsed building in the {city} harbour overnight.",
    "The minister told reporters in {city} on {day} that the rail strike would end in {a} days.",
    "Heavy rain flooded {a} homes in {city} on {day}, the regional fire service said today.",
)
_CITIES = ("Leeds", "Hull", "York", "Bristol", "Derby", "Bath", "Exeter", "Truro")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_FIRMS = ("Acme", "Globex", "Initech", "Umbrella", "Hooli")


# A pre-label that labels nothing, after its sentence's id
EMPTY_PRELABEL: dict[str, object] = {
    "model_version": "heuristics-000000000000",
    "entities": [],
    "claims": [],
    "check_worthy": {"label": "no", "score": 0.5, "heuristics": []},
    "sentiment": {"label": "neutral", "score": 0.5, "heuristics": []},
}


def write_inputs(
    folder: Path, texts: Iterable[str], per_document: int = 20, doc_digits: int = 0
) -> tuple[Path, Path]:
    """`builder export`'s inputs in ``folder``: a sentence of each of ``texts``,
    ``per_document`` to a document (its id's number ``doc_digits`` wide at least), each with
    an empty pre-label; valid records (schemas/): the export checks every one."""
    import orjson

    sentences, prelabels = folder / "sentences.jsonl", folder / "prelabels.jsonl"
    with sentences.open("wb") as s_out, prelabels.open("wb") as p_out:
        for i, text in enumerate(texts):
            sid = f"{i:016x}"  # the shape of a sentence id (schemas/sentences.schema.json)
            doc: dict[str, object] = {"id": sid, "doc_id": f"d{i // per_document:0{doc_digits}d}"}
            doc |= {"index": i % per_document, "start": 0, "end": len(text), "text": text}
            s_out.write(orjson.dumps(doc) + b"\n")
            p_out.write(orjson.dumps({"sentence_id": sid, **EMPTY_PRELABEL}) + b"\n")
    return sentences, prelabels


def near_duplicate_inputs(folder: Path, n: int, per_document: int = 10) -> tuple[Path, Path]:
    """``n`` sentences of heavy near-duplicate text (six templates, a word or two varied: wire
    copy at its worst), ``per_document`` to a document, with empty pre-labels."""
    import random

    rng = random.Random(16)
    texts = (
        rng.choice(_TEMPLATES).format(
            city=rng.choice(_CITIES),
            day=rng.choice(_DAYS),
            firm=rng.choice(_FIRMS),
            a=rng.randrange(2, 30),
            b=rng.randrange(2, 30),
        )
        for _ in range(n)
    )
    return write_inputs(folder, texts, per_document, doc_digits=6)

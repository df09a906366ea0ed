"""`builder export` of the built samples, from the tests."""

from __future__ import annotations

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


def near_duplicate_inputs(folder: Path, n: int, per_document: int = 10) -> tuple[Path, Path]:
    """``n`` sentences of heavy near-duplicate text (six templates, a word or two varied: wire
    copy at its worst), ``per_document`` to a document, with empty pre-labels."""
    import random

    import orjson

    rng = random.Random(16)
    sentences, prelabels = folder / "sentences.jsonl", folder / "prelabels.jsonl"
    with sentences.open("wb") as s_out, prelabels.open("wb") as p_out:
        for i in range(n):
            text = rng.choice(_TEMPLATES).format(
                city=rng.choice(_CITIES),
                day=rng.choice(_DAYS),
                firm=rng.choice(_FIRMS),
                a=rng.randrange(2, 30),
                b=rng.randrange(2, 30),
            )
            sid = f"{i:016x}"  # the shape of a sentence id (schemas/sentences.schema.json)
            doc = {"id": sid, "doc_id": f"d{i // per_document:06d}", "index": i % per_document}
            s_out.write(orjson.dumps({**doc, "start": 0, "end": len(text), "text": text}) + b"\n")
            label: dict[str, object] = {
                "sentence_id": sid,
                "model_version": "heuristics-000000000000",
            }
            label |= {
                "entities": [],
                "claims": [],
                "check_worthy": {"label": "no", "score": 0.5, "heuristics": []},
            }
            label |= {"sentiment": {"label": "neutral", "score": 0.5, "heuristics": []}}
            p_out.write(orjson.dumps(label) + b"\n")
    return sentences, prelabels

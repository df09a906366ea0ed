from __future__ import annotations

from pathlib import Path

from builder.errors import InputError
from builder.ingest import ingest
from builder.ingest.markdown import markdown_to_text
from builder.model import Document


def test_markdown_keeps_words_and_line_structure() -> None:
    md = "---\ntitle: x\n---\n# Head line\n\nSome **bold** and [a link](http://x.org/a_(b)).\n\n> quoted\n\n![alt](p.png)\n1. item"
    assert markdown_to_text(md) == "Head line\n\nSome bold and a link.\n\nquoted\n\n\n1. item"


def test_html_article_text_is_extracted_without_navigation(samples: Path) -> None:
    docs = [d for d in ingest([samples / "wildfire.html"]) if isinstance(d, Document)]
    (doc,) = docs
    assert doc.text.startswith("Firefighters contain wildfire near Calder Ridge\n")
    assert "Most read" not in doc.text and "cookies" not in doc.text and "Privacy" not in doc.text
    assert doc.meta["author"] == "Sam Okafor" and doc.meta["date"] == "2026-07-18"


def test_ids_are_relative_paths_and_jsonl_ids(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Alpha story.")
    (tmp_path / "b.jsonl").write_text('{"id": "b1", "text": "Beta story."}\n{"text": "Gamma."}\n')
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    ids = [d.id for d in ingest([tmp_path]) if isinstance(d, Document)]
    assert ids == ["b1", "b.jsonl#2", "sub/a.txt"]


def test_duplicates_and_doc_sha(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Same story.\r\n")
    (tmp_path / "b.txt").write_text("Same story.\n")
    out = list(ingest([tmp_path]))
    assert isinstance(out[0], Document)
    assert isinstance(out[1], InputError) and out[1].code == "E107" and "a.txt" in str(out[1])
    import hashlib

    assert out[0].sha == hashlib.sha256(b"Same story.").hexdigest()

"""Segmentation stage: documents in, sentences (with exact offsets and stable ids) out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:  # imported where a Sentence is made: `builder segment` writes lines only,
    # and the record types' module was a third of the start-up of the stage's own modules
    from builder.model import Document, Sentence
    from builder.segment.segmenter import Segmenter

__all__ = [
    "Segmenter",
    "segment_document",
    "segment_documents",
    "sentence_id",
    "sentence_ids",
    "sentence_lines",
    "sentence_records",
]


def __getattr__(name: str) -> Any:
    """``Segmenter``, imported when first asked for: the package is imported too by those
    that want its tokenizer only (`builder prelabel`), for which the segmenter's rules were
    some 170 M instructions of start-up, 5% of it (valgrind, issue 14)."""
    if name == "Segmenter":
        from builder.segment.segmenter import Segmenter

        return Segmenter
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def sentence_id(doc_id: str, text: str, occurrence: int) -> str:
    """A stable sentence id: the same for the same sentence of the same document.

    Derived from the document id, the sentence text and how many identical sentences came
    before it in that document, never from offsets, so editing an unrelated paragraph does not
    change the ids (and the human annotations keyed on them) of the other sentences.
    """
    key = f"{doc_id}\x1f{text}\x1f{occurrence}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


def sentence_ids(doc_id: str, texts: Iterable[str]) -> list[str]:
    """The ids of the sentences ``texts`` of a document, in order: ``sentence_id`` of each
    with its occurrence counted, in one loop (a call per sentence was a tenth of the stage)."""
    seen: dict[str, int] = {}
    blake2b = hashlib.blake2b
    ids = []
    for sent in texts:
        occurrence = seen.get(sent, 0)
        seen[sent] = occurrence + 1
        key = f"{doc_id}\x1f{sent}\x1f{occurrence}".encode()  # as sentence_id's
        ids.append(blake2b(key, digest_size=8).hexdigest())
    return ids


def _pieces(doc_id: str, text: str, seg: Segmenter) -> Iterator[tuple[str, int, int, int, str]]:
    """``(id, index, start, end, text)`` of each sentence of document ``doc_id``."""
    spans = seg.spans(text)
    sents = [text[start:end] for start, end in spans]
    ids = sentence_ids(doc_id, sents)
    for index, (start, end) in enumerate(spans):
        yield ids[index], index, start, end, sents[index]


def segment_document(doc: Document, segmenter: Segmenter | None = None) -> Iterator[Sentence]:
    from builder.model import Sentence

    for sid, index, start, end, sent in _pieces(doc.id, doc.text, segmenter or _default()):
        yield Sentence(sid, doc.id, index, start, end, sent)


def sentence_records(doc: Document, segmenter: Segmenter) -> Iterator[dict[str, Any]]:
    """What ``segment_document`` yields as ``Sentence.to_dict`` records, without building the
    dataclasses in between (the segment stage writes records only)."""
    doc_id = doc.id
    for sid, index, start, end, sent in _pieces(doc_id, doc.text, segmenter):
        yield {
            "id": sid,
            "doc_id": doc_id,
            "index": index,
            "start": start,
            "end": end,
            "text": sent,
        }


def sentence_lines(doc_id: str, text: str, segmenter: Segmenter) -> list[bytes]:
    """The sentences of a document as the lines of sentences.jsonl: the bytes that
    ``builder.jsonl.dumps`` gives for ``sentence_records`` (sorted keys, compact, a newline;
    tests/segment/test_lines.py holds them to it), written here without a dict and an
    encoding of its six keys per sentence, a fifth of the stage."""
    head = b'{"doc_id":' + orjson.dumps(doc_id) + b',"end":'
    dumps = orjson.dumps
    spans = segmenter.spans(text)
    sents = [text[start:end] for start, end in spans]
    ids = sentence_ids(doc_id, sents)
    return [
        b'%b%d,"id":"%b","index":%d,"start":%d,"text":%b}\n'
        % (head, end, ids[index].encode(), index, start, dumps(sents[index]))
        for index, (start, end) in enumerate(spans)
    ]


def segment_documents(
    docs: Iterable[Document], segmenter: Segmenter | None = None
) -> Iterator[Sentence]:
    seg = segmenter or _default()
    for doc in docs:
        yield from segment_document(doc, seg)


_DEFAULT: list[Segmenter] = []


def _default() -> Segmenter:
    if not _DEFAULT:
        from builder.segment.segmenter import Segmenter

        _DEFAULT.append(Segmenter())
    return _DEFAULT[0]

"""Segmentation stage: documents in, sentences (with exact offsets and stable ids) out."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator

from builder.model import Document, Sentence
from builder.segment.segmenter import Segmenter

__all__ = ["Segmenter", "segment_document", "segment_documents", "sentence_id"]


def sentence_id(doc_id: str, text: str, occurrence: int) -> str:
    """A stable sentence id: the same for the same sentence of the same document.

    Derived from the document id, the sentence text and how many identical sentences came
    before it in that document, never from offsets, so editing an unrelated paragraph does not
    change the ids (and the human annotations keyed on them) of the other sentences.
    """
    key = f"{doc_id}\x1f{text}\x1f{occurrence}".encode()
    return hashlib.blake2b(key, digest_size=8).hexdigest()


def segment_document(doc: Document, segmenter: Segmenter | None = None) -> Iterator[Sentence]:
    seg = segmenter or _default()
    seen: dict[str, int] = {}
    text = doc.text
    for index, (start, end) in enumerate(seg.spans(text)):
        sent = text[start:end]
        occurrence = seen.get(sent, 0)
        seen[sent] = occurrence + 1
        yield Sentence(sentence_id(doc.id, sent, occurrence), doc.id, index, start, end, sent)


def segment_documents(
    docs: Iterable[Document], segmenter: Segmenter | None = None
) -> Iterator[Sentence]:
    seg = segmenter or _default()
    for doc in docs:
        yield from segment_document(doc, seg)


_DEFAULT: list[Segmenter] = []


def _default() -> Segmenter:
    if not _DEFAULT:
        _DEFAULT.append(Segmenter())
    return _DEFAULT[0]

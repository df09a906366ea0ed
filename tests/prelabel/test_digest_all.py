"""The votes file's digest of a unit's sentences encoded in one go (``encoded_all``, what a
worker sends) is what encoding them one by one (``encoded``) gives, for any ids and texts:
non-ASCII, lone surrogates (kept by ``surrogatepass``), empty strings."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from builder.prelabel.votes import SentenceDigest

# Every code point, surrogates included: a text read from a file can hold one.
texts = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)


@given(st.lists(st.tuples(texts, texts), max_size=30))
def test_a_unit_encoded_at_once_is_its_sentences_encoded_in_turn(
    pairs: list[tuple[str, str]],
) -> None:
    ids = [sid for sid, _ in pairs]
    bodies = [text for _, text in pairs]
    expected = b"".join(SentenceDigest.encoded(sid, text) for sid, text in pairs)
    assert SentenceDigest.encoded_all(ids, bodies) == expected


def test_the_hash_of_a_unit_is_the_hash_of_its_sentences() -> None:
    pairs = [("0123456789abcdef", "A sentence."), ("fedcba9876543210", "Ünïcode \ud800 text")]
    one, all_at_once = SentenceDigest(), SentenceDigest()
    for sid, text in pairs:
        one.add_text(sid, text)
    all_at_once.add_encoded(SentenceDigest.encoded_all(*zip(*pairs, strict=True)), len(pairs))
    assert (one.n, one.hexdigest()) == (all_at_once.n, all_at_once.hexdigest())

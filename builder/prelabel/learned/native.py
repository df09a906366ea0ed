"""CRFsuite's own C tagger, given attribute ids instead of strings.

python-crfsuite's ``Tagger.tag`` takes a sentence as some 250 byte strings: it copies each into
a C++ string, and CRFsuite looks each up in the model's attribute dictionary (a hash) before it
scores anything; then it turns the tags into strings. On corpus/bbc that is some 40% of the
tagger's time. Here the model's attributes are read once, when it is opened, and a feature
string stands for the record CRFsuite reads (:meth:`NativeTagger.records`:
``crfsuite_attribute_t``, its id and the value 1.0, packed as ``RECORD``); a sentence is one
run of records and one item (count, address) a token, handed to CRFsuite's tagger interface
(``crfsuite_tagger_t``: ``set``, ``viterbi``, ``marginal_point``). That is what
python-crfsuite's ``set`` builds from the strings, a string the model does not know left out
as it leaves it out: the same C code on the same ids in the same order, so the same scores,
tags and marginals (tests/prelabel/test_learned_native.py).

The structures below mirror CRFsuite's include/crfsuite.h; python-crfsuite's extension module
exports that C API (it links CRFsuite in). A build that does not, or a platform whose layout is
not the 64-bit little-endian one the records and items are packed for, gets python-crfsuite's
own tagger behind the same interface (``tagger.open_tagger``).
"""

from __future__ import annotations

import ctypes
import struct
import sys
import weakref
from collections.abc import Iterable, Mapping, Sequence
from itertools import accumulate, chain, islice, repeat
from operator import methodcaller, rshift
from typing import Any

RECORD = struct.Struct("<i4xd")  # crfsuite_attribute_t: the attribute id, padding, its value
_SHIFT = 4  # a record's size is 1 << _SHIFT bytes
_P = ctypes.c_void_p
_Int = ctypes.c_int
_Fn = ctypes.CFUNCTYPE


class _Attribute(ctypes.Structure):
    _fields_ = (("aid", _Int), ("value", ctypes.c_double))


class _Item(ctypes.Structure):
    _fields_ = (("num_contents", _Int), ("cap_contents", _Int), ("contents", _P))


class _Instance(ctypes.Structure):
    _fields_ = (
        *(("num_items", _Int), ("cap_items", _Int), ("items", _P), ("labels", _P)),
        *(("weight", ctypes.c_double), ("group", _Int)),
    )


_HEAD = (("internal", _P), ("nref", _Int), ("addref", _P), ("release", _Fn(_Int, _P)))
_GET = _Fn(_Int, _P, ctypes.POINTER(_P))


class _Model(ctypes.Structure):
    _fields_ = (*_HEAD, ("get_tagger", _GET), ("get_labels", _GET), ("get_attrs", _GET))


class _Tagger(ctypes.Structure):
    _fields_ = (
        *(*_HEAD, ("set", _Fn(_Int, _P, _P)), ("length", _P)),
        *(("viterbi", _Fn(_Int, _P, _P, _P)), ("score", _P), ("lognorm", _P)),
        ("marginal_point", _Fn(_Int, _P, _Int, _Int, _P)),
    )


class _Dictionary(ctypes.Structure):
    _fields_ = (
        *(*_HEAD, ("get", _P), ("to_id", _P)),
        ("to_string", _Fn(_Int, _P, _Int, _P)),
        ("num", _Fn(_Int, _P)),
    )


# python-crfsuite releases whose extension module was checked to export CRFsuite 0.12's C API
# with the layouts above. Another build could export the same names with other layouts, and a
# wrong layout crashes before the agreement probe can run: it gets python-crfsuite's tagger.
TESTED = frozenset({"0.9.12"})
OPT_OUT = "BUILDER_CRF_NATIVE"  # "0": python-crfsuite's own tagger, whatever the build


def library() -> ctypes.CDLL | None:
    """python-crfsuite's extension module as a C library, if it is a tested release (or the
    user did not opt out), exports CRFsuite's C API, and this platform lays its structures out
    as the records and items here are packed."""
    import importlib.metadata
    import os

    if os.environ.get(OPT_OUT) == "0":
        return None
    try:
        if importlib.metadata.version("python-crfsuite") not in TESTED:
            return None
    except importlib.metadata.PackageNotFoundError:
        return None
    import pycrfsuite._pycrfsuite as extension

    packed = ctypes.sizeof(_Attribute) == RECORD.size == 1 << _SHIFT
    if sys.byteorder != "little" or not packed or ctypes.sizeof(_Item) != 16:
        return None
    try:
        lib = ctypes.CDLL(extension.__file__)
        opener = lib.crfsuite_create_instance_from_memory
    except (OSError, AttributeError):
        return None
    opener.argtypes = (ctypes.c_char_p, ctypes.c_size_t, ctypes.POINTER(_P))
    return lib


class NativeTagger:
    """A CRFsuite model opened in place from its bytes (kept alive here: CRFsuite reads them),
    and its tagger. One thread at a time: the C calls share the buffers
    (a process labels with one thread). ``tag`` reads records made by this tagger's own
    ``records`` only: an attribute id of another model would index past its tables."""

    def __init__(self, lib: ctypes.CDLL, crf: bytes) -> None:
        self._crf = crf
        model = _P()
        if lib.crfsuite_create_instance_from_memory(crf, len(crf), ctypes.byref(model)):
            raise ValueError("CRFsuite could not read the model")
        interface = ctypes.cast(model, ctypes.POINTER(_Model)).contents
        tagger, attrs, labels = _P(), _P(), _P()
        interface.get_attrs(model, ctypes.byref(attrs))
        interface.get_labels(model, ctypes.byref(labels))
        if interface.get_tagger(model, ctypes.byref(tagger)):
            interface.release(model)
            raise ValueError("CRFsuite could not make a tagger of the model")
        weakref.finalize(self, _release, interface, model, tagger)
        self._tagger = tagger.value
        calls = ctypes.cast(tagger, ctypes.POINTER(_Tagger)).contents
        # Called a few times a sentence, for a few microseconds each: holding the GIL (the
        # same C functions, without the release and the taking back around each call)
        self._set = _held(calls.set, _Int, _P, _P)
        self._viterbi = _held(calls.viterbi, _Int, _P, _P, _P)
        self._marginal = _held(calls.marginal_point, _Int, _P, _Int, _Int, _P)
        # Every attribute the model knows, read once (some 25,000 for corpus/bbc: fewer calls
        # than looking up each distinct feature string of a run, 97,000 there)
        names = _strings(attrs)
        self._known: dict[str, bytes] = dict(
            zip(
                map(methodcaller("decode", errors="surrogateescape"), names),
                map(RECORD.pack, range(len(names)), repeat(1.0)),
                strict=True,
            )
        )
        self.labels = [name.decode() for name in _strings(labels)]
        self.known: Mapping[str, bytes] = self._known  # see ``records``
        self._probability = ctypes.c_double()
        self._probability_at = ctypes.addressof(self._probability)
        self._instance = _Instance(0, 0, None, None, 1.0, 0)
        self._instance_at = ctypes.addressof(self._instance)
        self._tagged = 0  # tokens of the sentence tagged last
        self._grow(1 << 12, 1 << 16)

    def _grow(self, items: int, size: int) -> None:
        """Room for a sentence of ``items`` tokens and ``size`` bytes of records (callers
        double what they had, so that rising sentence sizes do not reallocate each time)."""
        self._items = ctypes.create_string_buffer(items << 4)
        self._contents = ctypes.create_string_buffer(size)
        self._bytes = memoryview(self._contents).cast("B")  # copied into without a C call
        self._instance.items = ctypes.addressof(self._items)
        self._address = ctypes.addressof(self._contents)
        self._ids = (_Int * items)()
        self._ids_at = ctypes.addressof(self._ids)
        self._id_list = memoryview(self._ids).cast("B").cast("i")  # read without ctypes

    def attributes(self, n: int) -> list[str]:
        """The first ``n`` attributes the model knows."""
        return list(islice(self._known, n))

    def records(self, attributes: Iterable[str]) -> bytes:
        """The attributes' records, in their order (none for one the model does not know)."""
        known, other = self._known, self._unknown
        return b"".join([known.get(a) or other(a) for a in attributes])

    def _unknown(self, attribute: str) -> bytes:
        """CRFsuite reads a string up to its first NUL, as python-crfsuite hands it over."""
        return self._known.get(attribute.partition("\0")[0], b"")

    def tag(self, rows: Sequence[bytes]) -> list[int]:
        """The label ids of the Viterbi path through ``rows`` (a token's records each, one
        row at least); then ``marginal`` reads this sentence."""
        n = len(rows)
        self._tagged = n
        if not n:
            return []  # as python-crfsuite's tagger
        contents = b"".join(rows)
        if n > len(self._ids) or len(contents) > len(self._contents):
            items, size = len(self._ids), len(self._contents)
            self._grow(max(n, 2 * items), max(len(contents), 2 * size))
        self._bytes[: len(contents)] = contents
        # Item t: its number of records (the capacity, read by nobody, left 0) and their address,
        # packed at once (an array's items are each parsed as a call's argument)
        sizes = list(map(len, rows))
        counts = map(rshift, sizes, repeat(_SHIFT, n))
        at = accumulate(sizes, initial=self._address)  # one too many: zip stops at counts
        pairs = chain.from_iterable(zip(counts, at, strict=False))
        struct.pack_into(f"<{n << 1}q", self._items, 0, *pairs)
        self._instance.num_items = n
        self._set(self._tagger, self._instance_at)
        self._viterbi(self._tagger, self._ids_at, None)
        return self._id_list[:n].tolist()

    def marginal(self, label: int, t: int) -> float:
        """P(label at t) in the sentence tagged last (the first call runs forward-backward).
        CRFsuite checks neither: out of range, it would read past its tables."""
        return self.marginals((label,), (t,))[0]

    def marginals(self, labels: Sequence[int], at: Sequence[int]) -> list[float]:
        """``marginal`` of each of ``labels`` at its token of ``at``, checked at once."""
        if len(labels) != len(at):
            raise ValueError("a token for each label")
        if at and not (min(at) >= 0 and max(at) < self._tagged):
            raise IndexError(f"no token {max(at)} or {min(at)} in a sentence of {self._tagged}")
        if labels and not (min(labels) >= 0 and max(labels) < len(self.labels)):
            raise IndexError(f"no label {max(labels)} or {min(labels)}")
        call, tagger, into, probability = (
            self._marginal,
            self._tagger,
            self._probability_at,
            self._probability,
        )
        out = []
        for label, t in zip(labels, at, strict=True):
            call(tagger, label, t, into)
            out.append(probability.value)
        return out


def _held(function: Any, *prototype: Any) -> Any:
    """The C function behind a ctypes function pointer, as one called with the GIL held."""
    address = ctypes.cast(function, _P).value
    if address is None:
        raise ValueError("CRFsuite's tagger lacks a function")
    return ctypes.PYFUNCTYPE(*prototype)(address)


def _strings(dictionary: _P) -> list[bytes]:
    """The strings of a CRFsuite dictionary, by id."""
    calls = ctypes.cast(dictionary, ctypes.POINTER(_Dictionary)).contents
    name = ctypes.c_char_p()
    at, to_string = ctypes.addressof(name), calls.to_string  # no byref object a string
    out = []
    for i in range(calls.num(dictionary)):
        to_string(dictionary, i, at)
        out.append(name.value or b"")
    return out


def _release(model: _Model, pointer: _P, tagger: _P) -> None:
    ctypes.cast(tagger, ctypes.POINTER(_Tagger)).contents.release(tagger)
    model.release(pointer)

"""Reading a quantized supervised fastText model file (``.ftz``) into the compiled
predictor of ``_langid_c``.

The file layout is fastText 0.9's (src/fasttext.cc ``loadModel`` and the ``load`` of
args.cc, dictionary.cc, quantmatrix.cc, productquantizer.cc and densematrix.cc): a magic
number and version, the training arguments, the dictionary (words, then labels, then
the pruned n-gram buckets' new rows), the product-quantized input matrix with its
quantized norms, and the output matrix. Only what language identification's model uses
is supported (supervised, hierarchical softmax, quantized and pruned input, dense
output, no word n-grams); any other file raises :class:`UnsupportedModel` and the
caller keeps fasttext-predict. Everything read is checked against the file's size: the
file is data, nothing in it is executed.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["CompiledFastText", "UnsupportedModel", "huffman_tree", "read_model"]

_MAGIC, _VERSION = 793712314, 12
_SUPERVISED, _HIERARCHICAL_SOFTMAX = 3, 1
_ARGS = ("dim", "ws", "epoch", "min_count", "neg", "word_ngrams", "loss", "model", "bucket", "minn", "maxn",
         "lr_update_rate")
_WORD, _LABEL = 0, 1
_CENTROIDS = 256  # 8-bit codes


class UnsupportedModel(ValueError):
    """A model file this reader does not read (its layout or its kind)."""


class _Reader:
    def __init__(self, raw: bytes) -> None:
        self.raw, self.at = raw, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.at + size > len(self.raw):
            raise UnsupportedModel("the model file ends early")
        piece = self.raw[self.at:self.at + size]
        self.at += size
        return piece

    def unpack(self, form: str) -> tuple[Any, ...]:
        return struct.unpack("<" + form, self.take(struct.calcsize("<" + form)))

    def array(self, dtype: Any, count: int) -> np.ndarray[Any, Any]:
        width = np.dtype(dtype).itemsize
        return np.frombuffer(self.take(count * width), dtype=np.dtype(dtype).newbyteorder("<")).astype(dtype)

    def word(self) -> bytes:
        end = self.raw.find(b"\0", self.at)
        if end < 0:
            raise UnsupportedModel("the model file ends inside a word")
        word = self.raw[self.at:end]
        self.at = end + 1
        return word


def huffman_tree(counts: list[int]) -> tuple[list[int], list[int]]:
    """The left and right child of every node of fastText's hierarchical softmax tree
    (HierarchicalSoftmaxLoss::buildTree): leaves first (-1, -1), then the inner nodes,
    the root last, built from the label counts, which fastText keeps in descending order.

    >>> huffman_tree([5, 3, 1])
    ([-1, -1, -1, 2, 3], [-1, -1, -1, 1, 0])
    """
    labels = len(counts)
    size = 2 * labels - 1
    count = [int(c) for c in counts] + [10**15] * (labels - 1)
    left, right = [-1] * size, [-1] * size
    leaf, node = labels - 1, labels
    for i in range(labels, size):
        picked = []
        for _ in range(2):
            if leaf >= 0 and count[leaf] < count[node]:
                picked.append(leaf)
                leaf -= 1
            else:
                picked.append(node)
                node += 1
        left[i], right[i] = picked
        count[i] = count[picked[0]] + count[picked[1]]
    return left, right


@dataclass(frozen=True)
class CompiledFastText:
    """A model read by :func:`read_model`: ``predict`` gives fasttext-predict's first
    label (``__label__`` removed) and probability, or ("", 0.0) for no prediction."""

    predictor: Any = field(repr=False)
    labels: tuple[str, ...] = field(repr=False)

    def predict(self, line: str) -> tuple[str, float]:
        if "\n" in line:  # fastText reads a line up to its break, and its Python predict refuses one
            raise ValueError("predict reads one line: remove the line breaks")
        position, probability = self.predictor.predict(line.encode("utf-8"))
        if position < 0:
            return "", 0.0
        return self.labels[position], float(probability)


def read_model(raw: bytes, compiled: Any) -> CompiledFastText:
    """The model in ``raw`` (a ``.ftz`` file's bytes) as ``compiled.Predictor`` (the
    ``_langid_c`` module) reads it; UnsupportedModel for any other kind of file."""
    reader = _Reader(raw)
    if reader.unpack("ii") != (_MAGIC, _VERSION):
        raise UnsupportedModel("not a fastText 0.9 model file")
    args = dict(zip(_ARGS, reader.unpack("12i")))
    reader.unpack("d")  # the sampling threshold: training only
    if args["model"] != _SUPERVISED or args["loss"] != _HIERARCHICAL_SOFTMAX or args["word_ngrams"] > 1:
        raise UnsupportedModel("only supervised models with hierarchical softmax and no word n-grams")
    size, nwords, nlabels = reader.unpack("iii")
    _tokens, pruned = reader.unpack("qq")
    if not (nwords > 0 and nlabels > 0 and size == nwords + nlabels) or pruned <= 0:
        raise UnsupportedModel("only pruned (quantized) dictionaries")
    words: list[bytes] = []
    label_counts: list[int] = []
    labels: list[str] = []
    for position in range(size):
        word = reader.word()
        count, kind = reader.unpack("qb")
        if (kind == _WORD) != (position < nwords) or kind not in (_WORD, _LABEL):
            raise UnsupportedModel("words and labels out of order")
        if kind == _WORD:
            words.append(word)
        else:
            label_counts.append(count)
            labels.append(word.decode("utf-8").removeprefix("__label__"))
    pairs = reader.array(np.int32, 2 * pruned).reshape(-1, 2)
    (quantized_input,) = reader.unpack("?")
    if not quantized_input:
        raise UnsupportedModel("only quantized input matrices")
    qnorm, rows, dim, code_size = reader.unpack("?qqi")
    codes_flat = reader.array(np.uint8, code_size)
    pq_dim, nsubq, dsub, lastdsub = reader.unpack("iiii")
    if pq_dim != dim or dim != args["dim"] or nsubq < 1 or code_size != rows * nsubq or rows != nwords + pruned:
        raise UnsupportedModel("the input matrix does not fit the dictionary")
    centroids = reader.array(np.float32, dim * _CENTROIDS)
    norm_codes = np.empty(0, dtype=np.uint8)
    norm_centroids = np.empty(0, dtype=np.float32)
    if qnorm:
        norm_codes = reader.array(np.uint8, rows)
        if reader.unpack("iiii") != (1, 1, 1, 1):
            raise UnsupportedModel("unexpected norm quantizer")
        norm_centroids = reader.array(np.float32, _CENTROIDS)
    (quantized_output,) = reader.unpack("?")
    if quantized_output:
        raise UnsupportedModel("only dense output matrices")
    out_rows, out_dim = reader.unpack("qq")
    if out_dim != dim or out_rows < nlabels - 1:
        raise UnsupportedModel("the output matrix does not fit the labels")
    output = reader.array(np.float32, out_rows * out_dim).reshape(out_rows, out_dim)
    if reader.at != len(raw):
        raise UnsupportedModel("bytes left after the output matrix")
    left, right = huffman_tree(label_counts)
    predictor = compiled.Predictor(
        dim=dim, nsubq=nsubq, dsub=dsub, lastdsub=lastdsub, minn=args["minn"], maxn=args["maxn"],
        bucket=args["bucket"], words=words, pruned_buckets=np.ascontiguousarray(pairs[:, 0]),
        pruned_rows=np.ascontiguousarray(pairs[:, 1]), codes=codes_flat.reshape(rows, nsubq),
        norm_codes=norm_codes, centroids=centroids, norm_centroids=norm_centroids,
        output=np.ascontiguousarray(output), left=np.asarray(left, dtype=np.int32),
        right=np.asarray(right, dtype=np.int32), nlabels=nlabels)
    return CompiledFastText(predictor, tuple(labels))

"""A bag-of-ngrams text classifier over lower-cased (content) words; spaCy's reads exact case."""

from collections.abc import Callable
from functools import partial

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, IS_STOP, LOWER
from spacy.ml.extract_ngrams import extract_ngrams
from spacy.ml.models.textcat import resize_and_set_ref
from spacy.tokens import Doc
from thinc.api import Model, SparseLinear_v2, chain, resizable, softmax_activation, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d

_NEG_VALUE = -5000.0  # as spaCy: a new label starts with a very low score


@spacy.registry.architectures("redress.LowerBOW.v1")
def build_lower_bow(
    ngram_size: int,
    length: int = 2**18,
    normalize: bool = True,
    content_words: bool = False,
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """Build an exclusive-class linear classifier over hashed lower-case n-grams."""
    sparse_linear = SparseLinear_v2(nO=nO, length=length)
    resizable_layer: Model = resizable(
        sparse_linear,
        resize_layer=partial(resize_linear_weighted, fill_defaults={"b": _NEG_VALUE, "W": 0}),
    )
    features: Model = extract_ngrams(ngram_size, attr=LOWER)
    if content_words:
        features = Model("content_ngrams", _content_ngrams, attrs={"ngram_size": ngram_size})
    if normalize:
        features = chain(features, Model("tf_normalize", _tf_normalize))
    ngrams = with_cpu(chain(features, resizable_layer), sparse_linear.ops)
    output = softmax_activation()
    model: Model = chain(ngrams, with_cpu(output, output.ops))
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.attrs["multi_label"] = False
    model.attrs["resize_output"] = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return model


def _tf_normalize(model: Model, counts: tuple, is_train: bool) -> tuple[tuple, Callable]:
    # As TF-IDF does: sublinear counts, unit length per text. Without it a long narrative
    # shouts over a short one and the scores say more about length than about the complaint.
    keys, values, lengths = counts
    xp = model.ops.xp
    values = 1.0 + xp.log(values)
    owner = xp.repeat(xp.arange(len(lengths)), lengths)
    norms = xp.zeros(len(lengths), dtype="f")
    xp.add.at(norms, owner, values * values)
    values = values / xp.sqrt(xp.maximum(norms, 1e-12))[owner]
    return (keys, values.astype("f"), lengths), lambda d_output: d_output


def _content_ngrams(model: Model, docs: list[Doc], is_train: bool) -> tuple[tuple, Callable]:
    # Like spaCy's extract_ngrams, but stop words, punctuation and spaces are left out: they
    # fill long real-world texts and would otherwise vote for whichever label used them most.
    ops, xp = model.ops, model.ops.xp
    batch_keys, batch_values = [], []
    for doc in docs:
        columns = doc.to_array([LOWER, IS_STOP, IS_PUNCT, IS_SPACE])
        words = xp.ascontiguousarray(columns[columns[:, 1:].sum(axis=1) == 0, 0])
        sizes = range(2, min(model.attrs["ngram_size"], len(words)) + 1)
        grams = [words] + [ops.ngrams(n, words) for n in sizes]
        keys, counts = xp.unique(xp.concatenate(grams), return_counts=True)
        batch_keys.append(keys)
        batch_values.append(counts)
    lengths = ops.asarray([len(keys) for keys in batch_keys], dtype="int32")
    values = ops.asarray(xp.concatenate(batch_values), dtype="f")
    return (xp.concatenate(batch_keys), values, lengths), lambda d_output: []

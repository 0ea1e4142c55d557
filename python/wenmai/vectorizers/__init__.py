"""scikit-learn-compatible vectorizers: ``wenmai.CountVectorizer``, ``wenmai.TfidfVectorizer``,
``wenmai.TfidfTransformer`` and ``wenmai.HashingVectorizer``.

Every parameter of scikit-learn's, with the same defaults, numbers, warnings and errors; the
default word tokenizer is jieba segmentation, run in Rust with the counting. scikit-learn is
not needed: ``get_params`` / ``set_params`` follow its ``BaseEstimator`` conventions, so the
vectorizers work in ``Pipeline``, ``GridSearchCV`` (also with ``n_jobs``) and ``clone``, and
they pickle.
"""

from ._base import InvalidParameterError
from ._count import CountVectorizer, TfidfVectorizer
from ._hashing import HashingVectorizer
from ._text import ENGLISH_STOP_WORDS, strip_accents_ascii, strip_accents_unicode, strip_tags
from ._tfidf import TfidfTransformer

__all__ = [
    "ENGLISH_STOP_WORDS",
    "CountVectorizer",
    "HashingVectorizer",
    "InvalidParameterError",
    "TfidfTransformer",
    "TfidfVectorizer",
    "strip_accents_ascii",
    "strip_accents_unicode",
    "strip_tags",
]

"""wenmai (文脉): read Chinese documents the way an analyst does.

Parse a document into metadata, outline, paragraphs and sentences (``wenmai.parse``,
``wenmai.read``), segment it with jieba's dictionary (``wenmai.Segmenter``, or the drop-in
``wenmai.jieba``), and turn a corpus into frequencies, keywords and document-term matrices
(``wenmai.Corpus``, ``wenmai.CountVectorizer``, ``wenmai.TfidfVectorizer``). The work is done
in Rust, in parallel, with the GIL released.
"""

from wenmai._keywords import keywords
from wenmai._wenmai import (
    Analyzer,
    DecodeError,
    DictionaryError,
    DocTermMatrix,
    Document,
    InternalError,
    KeywordExtractor,
    Meta,
    Parallelism,
    ParseError,
    Point,
    Section,
    Segmenter,
    Span,
    WenmaiError,
    convert,
    decode,
    parse,
    parse_html,
    read,
)
from wenmai._wenmai import version as _native_version

__version__ = _native_version()

# The native classes hold the data; their HTML views for Jupyter are rendered in Python.
from wenmai import _html  # noqa: E402

Document._repr_html_ = _html._repr_html_  # type: ignore[method-assign]

# pandas / numpy-backed parts load on first use, so `import wenmai` stays fast.
_LAZY = {
    "Corpus": "wenmai.corpus",
    "FileError": "wenmai.corpus",
    "TableError": "wenmai._tables",
    "Dictionary": "wenmai._stats.dictionary",
    "CountVectorizer": "wenmai.vectorizers",
    "TfidfVectorizer": "wenmai.vectorizers",
    "TfidfTransformer": "wenmai.vectorizers",
    "HashingVectorizer": "wenmai.vectorizers",
    "style": "wenmai._rhetoric.style",
    "parallelisms": "wenmai._rhetoric.parallelism",
}


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'wenmai' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))

__all__ = [
    "Analyzer",
    "Corpus",
    "CountVectorizer",
    "FileError",
    "HashingVectorizer",
    "TfidfTransformer",
    "TfidfVectorizer",
    "DecodeError",
    "Dictionary",
    "DictionaryError",
    "DocTermMatrix",
    "Document",
    "InternalError",
    "KeywordExtractor",
    "Meta",
    "Parallelism",
    "ParseError",
    "Point",
    "Section",
    "Segmenter",
    "Span",
    "TableError",
    "WenmaiError",
    "__version__",
    "convert",
    "decode",
    "keywords",
    "parallelisms",
    "parse",
    "parse_html",
    "read",
    "style",
]

"""wenmai (文脉): read Chinese documents the way an analyst does.

Parse a document into metadata, outline, paragraphs and sentences (``wenmai.parse``,
``wenmai.read``), segment it with jieba's dictionary (``wenmai.Segmenter``, or the drop-in
``wenmai.jieba``), and turn a corpus into frequencies, keywords and document-term matrices
(``wenmai.Corpus``, ``wenmai.CountVectorizer``, ``wenmai.TfidfVectorizer``). The work is done
in Rust, in parallel, with the GIL released.
"""

from wenmai._wenmai import (
    Analyzer,
    DecodeError,
    DictionaryError,
    DocTermMatrix,
    Document,
    InternalError,
    KeywordExtractor,
    Meta,
    ParseError,
    Point,
    Section,
    Segmenter,
    Span,
    WenmaiError,
    decode,
    keywords,
    parse,
    parse_html,
    read,
)
from wenmai._wenmai import version as _native_version
from wenmai.corpus import Corpus, FileError
from wenmai.vectorizers import CountVectorizer, TfidfVectorizer

__version__ = _native_version()

__all__ = [
    "Analyzer",
    "Corpus",
    "CountVectorizer",
    "FileError",
    "TfidfVectorizer",
    "DecodeError",
    "DictionaryError",
    "DocTermMatrix",
    "Document",
    "InternalError",
    "KeywordExtractor",
    "Meta",
    "ParseError",
    "Point",
    "Section",
    "Segmenter",
    "Span",
    "WenmaiError",
    "__version__",
    "decode",
    "keywords",
    "parse",
    "parse_html",
    "read",
]

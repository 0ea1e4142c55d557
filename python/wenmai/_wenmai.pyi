"""Type stubs of the native module ``wenmai._wenmai`` (checked by ``mypy.stubtest``)."""

import datetime
import os
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any, Literal, final, overload

import numpy as np
import numpy.typing as npt

__all__ = [
    "CorpusStats",
    "CooccurrenceBlock",
    "CountBlock",
    "cooccurrence_block",
    "count_block",
    "Analyzer",
    "DocTermMatrix",
    "KeywordExtractor",
    "builtin_stopwords",
    "dtm_from_texts",
    "dtm_from_tokens",
    "dtm_transform_texts",
    "dtm_transform_tokens",
    "keywords",
    "CorpusCore",
    "corpus_kwic",
    "corpus_four_char",
    "corpus_enumerations",
    "corpus_style",
    "corpus_style_parts",
    "merge_style_parts",
    "style_from_parts",
    "document_style",
    "rhetoric_word_lists",
    "corpus_parallelisms",
    "corpus_formulations",
    "corpus_lookup",
    "corpus_new_words",
    "corpus_tokens",
    "corpus_keyness",
    "corpus_cooccurrence",
    "corpus_lexdiv",
    "matrix_group",
    "matrix_similarity",
    "corpus_collocations",
    "glob_files",
    "hash_texts",
    "hash_tokens",
    "Document",
    "Meta",
    "Parallelism",
    "Point",
    "Section",
    "Span",
    "Segmenter",
    "convert",
    "decode",
    "parallelisms",
    "parse",
    "parse_html",
    "read",
    "version",
    "WenmaiError",
    "ParseError",
    "DictionaryError",
    "InternalError",
    "DecodeError",
]

_Path = str | os.PathLike[str]
_DictSource = _Path | IO[str] | IO[bytes]

class WenmaiError(Exception):
    """The base of every error raised by wenmai."""

class ParseError(WenmaiError):
    """A document or a file list could not be parsed."""

class DictionaryError(WenmaiError):
    """A user dictionary, stopword list or idf table could not be read."""

class InternalError(WenmaiError):
    """A bug in wenmai (a Rust panic caught at the boundary)."""

class DecodeError(WenmaiError, UnicodeError):
    """Bytes that are not valid text in the given or detected encoding."""

    path: str | None
    offset: int | None
    encoding: str | None

@final
class Meta:
    """Header and footer metadata of a document."""

    @property
    def title(self) -> str | None: ...
    @property
    def subtitle(self) -> str | None: ...
    @property
    def published(self) -> datetime.datetime | datetime.date | None: ...
    @property
    def year(self) -> int | None: ...
    @property
    def dates(self) -> list[tuple[str, datetime.datetime | datetime.date]]: ...
    @property
    def source(self) -> str | None: ...
    @property
    def author(self) -> str | None: ...
    @property
    def author_note(self) -> str | None: ...
    @property
    def doc_number(self) -> str | None: ...
    @property
    def issuer(self) -> str | None: ...
    @property
    def visits(self) -> int | None: ...
    @property
    def extra(self) -> dict[str, str]: ...
    @property
    def extra_pairs(self) -> list[tuple[str, str]]: ...
    @property
    def recipients(self) -> list[str]: ...
    @property
    def attachments(self) -> list[str]: ...

@final
class Section:
    """A heading of the outline and the part of the document it governs."""

    @property
    def level(self) -> int: ...
    @property
    def family(self) -> str: ...
    @property
    def marker(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def heading(self) -> str: ...
    @property
    def parent(self) -> int | None: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def heading_start(self) -> int: ...
    @property
    def heading_end(self) -> int: ...
    @property
    def confidence(self) -> int: ...
    @property
    def text(self) -> str: ...

@final
class Point:
    """An inline enumeration (一是…, 首先…)."""

    @property
    def marker(self) -> str: ...
    @property
    def number(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def section(self) -> int | None: ...
    @property
    def paragraph(self) -> int: ...

@final
class Span:
    """A paragraph or a sentence."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def section(self) -> int | None: ...
    @property
    def paragraph(self) -> int | None: ...

@final
class Parallelism:
    """A group of adjacent parallel clauses or phrases (排比)."""

    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def members(self) -> list[Span]: ...
    @property
    def frame(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def section(self) -> int | None: ...
    @property
    def paragraph(self) -> int: ...
    def __len__(self) -> int: ...

@final
class Document:
    """A parsed document."""

    @property
    def text(self) -> str: ...
    @property
    def meta(self) -> Meta: ...
    @property
    def sections(self) -> list[Section]: ...
    @property
    def points(self) -> list[Point]: ...
    @property
    def paragraphs(self) -> list[Span]: ...
    @property
    def sentences(self) -> list[Span]: ...
    def outline(self) -> str: ...
    def to_json(self, indent: int | None = None) -> str: ...
    def to_dict(self) -> dict[str, Any]: ...
    # Not native: wenmai/_html.py's, attached to the class by wenmai/__init__.py.
    def _repr_html_(self) -> str: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_json(json: str) -> Document: ...

def parse(text: str, convert: str | None = None) -> Document: ...
def parse_html(html: str) -> Document: ...
def read(
    path: _Path,
    encoding: str | None = None,
    errors: str = ...,
    html: bool | None = None,
    convert: str | None = None,
    max_bytes: int | None = ...,
) -> Document: ...
def convert(text: str, conversion: str) -> str: ...
def decode(data: bytes, encoding: str | None = None, errors: str = ...) -> str: ...
def version() -> str: ...
def glob_files(root: str, pattern: str) -> tuple[list[str], list[str]] | None: ...
@final
class Segmenter:
    """A jieba segmenter."""

    def __new__(
        cls,
        user_dict: _DictSource | None = None,
        hmm: bool = True,
        *,
        dictionary: _DictSource | None = None,
        private: bool = False,
    ) -> Segmenter: ...
    @property
    def hmm(self) -> bool: ...
    def cut(self, text: str, mode: str = ..., hmm: bool | None = None) -> list[str]: ...
    @overload
    def tokenize(
        self, text: str, mode: str = ..., hmm: bool | None = None, pos: Literal[False] = False
    ) -> list[tuple[str, int, int]]: ...
    @overload
    def tokenize(
        self, text: str, mode: str = ..., hmm: bool | None = None, *, pos: Literal[True]
    ) -> list[tuple[str, int, int, str]]: ...
    def tag(self, text: str, hmm: bool | None = None) -> list[tuple[str, str]]: ...
    def freq(self, word: object) -> int | None: ...
    @property
    def total(self) -> int: ...
    def freq_items(self) -> list[tuple[str, int]]: ...
    def freq_len(self) -> int: ...
    def dag(self, text: str) -> list[list[int]]: ...
    def calc(self, text: str, dag: Sequence[Sequence[int]]) -> list[tuple[float, int]]: ...
    def dictionary_text(self) -> str: ...
    def edits(self) -> list[tuple[str, int, str | None]]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(
        kind: str, text: str | None, hmm: bool, edits: Sequence[tuple[str, int, str | None]]
    ) -> Segmenter: ...
    def cut_many(
        self,
        texts: Iterable[str],
        mode: str = ...,
        hmm: bool | None = None,
        threads: int | None = None,
    ) -> list[list[str]]: ...
    def add_word(self, word: str, freq: int | None = None, tag: str | None = None) -> int: ...
    def del_word(self, word: str) -> None: ...
    def suggest_freq(self, segment: str | Sequence[str], tune: bool = False) -> int: ...
    def load_userdict(self, f: _DictSource) -> int: ...
    def shares_dictionary_with(self, other: Segmenter) -> bool: ...
    def __contains__(self, key: object, /) -> bool: ...

@final
class Analyzer:
    """Tokens to terms."""

    def __new__(
        cls,
        stopwords: str | Iterable[str] | None = ...,
        pos: str | Iterable[str] | None = None,
        min_len: int = 1,
        ngram_range: tuple[int, int] = ...,
        user_dict: _DictSource | None = None,
        hmm: bool = True,
        normalize: bool = True,
        *,
        pos_deny: str | Iterable[str] | None = None,
        extra_stopwords: Iterable[str] | None = None,
        char_ngrams: tuple[int, int] | None = None,
        drop_punct: bool = True,
        drop_numbers: bool = False,
        mode: str = ...,
        segmenter: Segmenter | None = None,
        convert: str | None = None,
    ) -> Analyzer: ...
    def analyze(self, text: str) -> list[str]: ...
    def analyze_many(self, texts: Iterable[str]) -> list[list[str]]: ...
    def __call__(self, text: str) -> list[str]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

@final
class DocTermMatrix:
    """A document-term matrix in CSR form."""

    @property
    def terms(self) -> list[str]: ...
    @property
    def shape(self) -> tuple[int, int]: ...
    @property
    def indptr(self) -> npt.NDArray[np.int64]: ...
    @property
    def indices(self) -> npt.NDArray[np.int32]: ...
    @property
    def data(self) -> npt.NDArray[np.float64]: ...
    @property
    def idf(self) -> npt.NDArray[np.float64] | None: ...
    @property
    def units(self) -> Any: ...  # pandas.DataFrame
    def to_scipy(self) -> Any: ...  # scipy.sparse.csr_matrix
    def to_numpy(self) -> npt.NDArray[np.float64]: ...
    def document_frequency(self) -> npt.NDArray[np.uint64]: ...
    def column_sums(self) -> npt.NDArray[np.float64]: ...
    def idf_vector(self, smooth_idf: bool = True) -> npt.NDArray[np.float64]: ...
    def tfidf(
        self,
        norm: str | None = ...,
        smooth_idf: bool = True,
        sublinear_tf: bool = False,
        use_idf: bool = True,
    ) -> DocTermMatrix: ...
    def apply_idf(
        self,
        idf: npt.NDArray[np.float64] | None = None,
        norm: str | None = ...,
        sublinear_tf: bool = False,
    ) -> DocTermMatrix: ...
    def top_terms(self, k: int) -> list[list[tuple[str, float]]]: ...
    def similarity(
        self, method: str = "cosine", margin: str = "units", top_k: int | None = None
    ) -> Any: ...  # numpy.ndarray, or scipy.sparse.csr_matrix with top_k
    def group(self, by: Any) -> DocTermMatrix: ...
    def _with_docvars(self, docvars: Callable[[], Any]) -> DocTermMatrix: ...
    def _docvars(self) -> Any: ...  # pandas.DataFrame | None
    def __len__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(
        blob: bytes, docvars: Callable[[], Any] | None, units: Any | None
    ) -> DocTermMatrix: ...

@final
class KeywordExtractor:
    """jieba's keyword extraction."""

    def __new__(cls, segmenter: Segmenter | None = None, hmm: bool = True) -> KeywordExtractor: ...
    def extract_tags(
        self,
        text: str,
        top_k: int | None = ...,
        allow_pos: Sequence[str] = ...,
        with_flag: bool = False,
    ) -> list[tuple[str, float, str | None]]: ...
    def textrank(
        self,
        text: str,
        top_k: int | None = ...,
        allow_pos: Sequence[str] | None = None,
        with_flag: bool = False,
        span: int = 5,
    ) -> list[tuple[str, float, str | None]]: ...
    def set_idf_path(self, path: _DictSource) -> None: ...
    def set_stop_words(self, path: _DictSource) -> None: ...
    def idf(self, word: str) -> float: ...
    def median_idf(self) -> float: ...
    def idf_items(self) -> list[tuple[str, float]]: ...
    def _set_idf_pairs(self, pairs: Sequence[tuple[str, float]], median: float) -> None: ...
    def __reduce__(self) -> tuple[Any, ...]: ...

def keywords(
    text_or_doc: str | Document,
    top_k: int = 20,
    method: str = ...,
    allow_pos: Sequence[str] | None = None,
) -> list[tuple[str, float]]: ...
def builtin_stopwords() -> list[str]: ...
def dtm_from_tokens(
    docs: Iterable[Iterable[str]],
    min_df: float,
    max_df: float,
    max_features: int | None = None,
    binary: bool = False,
) -> DocTermMatrix: ...
def dtm_transform_tokens(
    docs: Iterable[Iterable[str]], terms: Sequence[str], binary: bool = False
) -> DocTermMatrix: ...
def dtm_from_texts(
    analyzer: Analyzer | None,
    texts: Iterable[str],
    min_df: float,
    max_df: float,
    max_features: int | None = None,
    binary: bool = False,
) -> DocTermMatrix: ...
def dtm_transform_texts(
    analyzer: Analyzer | None, texts: Iterable[str], terms: Sequence[str], binary: bool = False
) -> DocTermMatrix: ...
def hash_tokens(
    docs: Iterable[Iterable[str]], n_features: int, alternate_sign: bool = True
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64]]: ...
def hash_texts(
    analyzer: Analyzer | None, texts: Iterable[str], n_features: int, alternate_sign: bool = True
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64]]: ...
def corpus_tokens(
    core: CorpusCore, analyzer: Analyzer | None = None, unit: str = ...
) -> list[list[str]]: ...
def corpus_collocations(
    core: CorpusCore,
    size: int = 2,
    min_count: int = 2,
    measures: Sequence[str] | None = None,
    smoothing: float = 0.5,
    analyzer: Analyzer | None = None,
    unit: str = ...,
) -> tuple[
    npt.NDArray[np.object_],
    npt.NDArray[np.object_],
    npt.NDArray[np.int64],
    list[tuple[str, npt.NDArray[np.float64]]],
]: ...
def corpus_keyness(
    core: CorpusCore,
    target: Sequence[bool],
    measure: str = "chi2",
    correction: str = "default",
    analyzer: Analyzer | None = None,
    unit: str = ...,
) -> tuple[
    list[str],
    npt.NDArray[np.float64],
    npt.NDArray[np.float64],
    npt.NDArray[np.uint64],
    npt.NDArray[np.uint64],
]: ...
def corpus_cooccurrence(
    core: CorpusCore,
    analyzer: Analyzer | None = None,
    unit: str = ...,
    window: int = 5,
    context: str = "window",
    count: str = "frequency",
    terms: Sequence[str] | None = None,
    top: int | None = None,
    ordered: bool = False,
    tri: bool = True,
) -> tuple[
    list[str], npt.NDArray[np.int64], npt.NDArray[np.int32], npt.NDArray[np.float64]
]: ...
def corpus_lexdiv(
    core: CorpusCore,
    measures: Sequence[str],
    analyzer: Analyzer | None = None,
    unit: str = ...,
    window: int = 100,
    segment: int = 100,
    log_base: float = 10.0,
) -> tuple[
    list[npt.NDArray[np.float64]], int, int, list[int], list[int | None], list[int | None]
]: ...
def matrix_similarity(
    m: DocTermMatrix, method: str, margin: str, top_k: int | None = None
) -> Any: ...  # an n x n array, or (data, indices, indptr, n) with top_k
def matrix_group(
    m: DocTermMatrix,
    codes: npt.NDArray[np.int64],
    n_groups: int,
    units: Any,
    keep_docvars: bool,
) -> DocTermMatrix: ...
def parallelisms(
    doc: Document, min_members: int = 3, segmenter: Segmenter | None = None
) -> list[Parallelism]: ...
def corpus_parallelisms(
    core: CorpusCore, min_members: int = 3, segmenter: Segmenter | None = None
) -> dict[str, Any]: ...
def corpus_kwic(
    core: CorpusCore,
    patterns: Sequence[str | Sequence[str]],
    window: int = 5,
    unit: str = ...,
    regex: bool = False,
    case_insensitive: bool = True,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]: ...
def corpus_four_char(
    core: CorpusCore, min_count: int = 2, analyzer: Analyzer | None = None
) -> dict[str, Any]: ...
def corpus_enumerations(core: CorpusCore) -> dict[str, Any]: ...
def corpus_style(
    core: CorpusCore,
    groups: Sequence[int | None] | None = None,
    n_groups: int = 0,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]: ...
def document_style(doc: Document, analyzer: Analyzer | None = None) -> dict[str, Any]: ...
def rhetoric_word_lists() -> tuple[list[str], list[str]]: ...
def corpus_formulations(
    core: CorpusCore,
    phrases: Sequence[str] | None = None,
    min_docs: int = 3,
    min_len: int = 4,
    max_len: int = 16,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]: ...
def corpus_new_words(
    core: CorpusCore,
    max_len: int = 6,
    min_count: int = 5,
    min_entropy: float = 1.0,
    min_aggregation: float | None = None,
    analyzer: Analyzer | None = None,
) -> dict[str, Any]: ...
def corpus_lookup(
    core: CorpusCore,
    keys: Sequence[str],
    entry_keys: Sequence[int],
    entries: Sequence[str],
    unit: str = ...,
    keep_unmatched: bool = False,
    nomatch: str | None = None,
    nested_scope: str = "key",
    regex: bool = False,
    case_insensitive: bool = True,
    analyzer: Analyzer | None = None,
) -> DocTermMatrix: ...

@final
class CorpusCore:
    """The native core of ``wenmai.Corpus``."""

    @staticmethod
    def from_paths(
        paths: Sequence[_Path],
        ids: Sequence[str],
        encoding: str | None = None,
        errors: str = ...,
        skip: bool = False,
        progress: Callable[[int], Any] | None = None,
        convert: str | None = None,
        max_bytes: int | None = ...,
    ) -> tuple[CorpusCore, list[tuple[str, str, str]]]: ...
    @staticmethod
    def from_texts(
        texts: Iterable[str], ids: Sequence[str], progress: Callable[[int], Any] | None = None
    ) -> CorpusCore: ...
    @property
    def ids(self) -> list[str]: ...
    def __reduce__(self) -> tuple[Any, ...]: ...
    @staticmethod
    def _from_state(json: str, ids: Sequence[str], paths: Sequence[str | None]) -> CorpusCore: ...
    def document(self, i: int) -> Document: ...
    def meta_columns(self) -> dict[str, list[Any]]: ...
    def dtm(
        self,
        analyzer: Analyzer | None = None,
        unit: str = ...,
        min_df: float | None = None,
        max_df: float | None = None,
        max_features: int | None = None,
        binary: bool = False,
    ) -> DocTermMatrix: ...
    def keywords(
        self,
        analyzer: Analyzer | None = None,
        top_k: int = 20,
        method: str = ...,
        idf: str = ...,
        allow_pos: Sequence[str] | None = None,
        progress: Callable[[int], Any] | None = None,
    ) -> tuple[
        npt.NDArray[np.int64], npt.NDArray[np.int64], str | list[str], npt.NDArray[np.float64]
    ]: ...
    def idf_text(self, analyzer: Analyzer | None = None) -> str: ...
    def __len__(self) -> int: ...

@final
class CorpusStats:
    """Corpus statistics: units, document and collection frequency per term (mergeable)."""

    @staticmethod
    def from_bytes(data: bytes) -> CorpusStats: ...
    def to_bytes(self) -> bytes: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    def merge(self, other: CorpusStats) -> CorpusStats: ...
    @property
    def n_units(self) -> int: ...
    def frequency(self) -> tuple[list[str], list[int], list[int]]: ...

@final
class CountBlock:
    """The counts of a range of partitions of a corpus (postcard bytes when pickled)."""

    @staticmethod
    def from_bytes(data: bytes) -> CountBlock: ...
    def to_bytes(self) -> bytes: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    def merge(self, other: CountBlock) -> CountBlock: ...
    @staticmethod
    def merge_all(blocks: list[CountBlock]) -> CountBlock: ...
    @property
    def partitions(self) -> tuple[int, int]: ...
    @property
    def n_documents(self) -> int: ...
    @property
    def n_units(self) -> int: ...
    @property
    def n_terms(self) -> int: ...
    def matrix(self, ids: list[str], min_df: int | float | None = None,
               max_df: int | float | None = None, max_features: int | None = None,
               binary: bool = False) -> DocTermMatrix: ...
    def rows_over(self, terms: list[str]) -> tuple[npt.NDArray[np.uint64],
                                                   npt.NDArray[np.uint32],
                                                   npt.NDArray[np.uint32]]: ...
    def unit_columns(self) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64],
                                    npt.NDArray[np.int64], npt.NDArray[np.int64],
                                    npt.NDArray[np.int64], npt.NDArray[np.int64]]: ...
    def stats(self) -> CorpusStats: ...
    def stats_by(self, groups: list[int], n_groups: int) -> list[CorpusStats]: ...
    def keywords(self, stats: CorpusStats, top_k: int = 20,
                 idf: str = ...) -> list[list[tuple[str, float]]]: ...
    def keyness(self, target: list[bool], measure: str = ..., correction: str = ...
                ) -> tuple[list[str], npt.NDArray[np.float64], npt.NDArray[np.float64],
                           npt.NDArray[np.uint64], npt.NDArray[np.uint64]]: ...

def count_block(core: CorpusCore, analyzer: Analyzer | None = None, unit: str = ...,
                index: int = 0) -> CountBlock: ...

@final
class CooccurrenceBlock:
    """A range of partitions' co-occurrence cells over every term, and each term's count
    (postcard bytes when pickled); ``finish`` selects the terms as ``corpus_cooccurrence``."""

    @staticmethod
    def from_bytes(data: bytes) -> CooccurrenceBlock: ...
    def to_bytes(self) -> bytes: ...
    def __reduce__(self) -> tuple[Any, tuple[bytes]]: ...
    @staticmethod
    def merge_all(blocks: list[CooccurrenceBlock]) -> CooccurrenceBlock: ...
    @property
    def n_terms(self) -> int: ...
    def finish(self, window: int = 5, context: str = ..., count: str = ...,
               terms: list[str] | None = None, top: int | None = None, ordered: bool = False,
               tri: bool = True) -> tuple[list[str], npt.NDArray[np.int64],
                                          npt.NDArray[np.int32], npt.NDArray[np.float64]]: ...

def cooccurrence_block(core: CorpusCore, analyzer: Analyzer | None = None, unit: str = ...,
                       window: int = 5, context: str = ..., count: str = ...,
                       ordered: bool = False) -> CooccurrenceBlock: ...
def corpus_style_parts(core: CorpusCore, groups: list[int | None], n_groups: int,
                       analyzer: Analyzer | None = None) -> list[bytes]: ...
def merge_style_parts(parts: list[list[bytes]]) -> list[bytes]: ...
def style_from_parts(parts: list[list[bytes]]) -> dict[str, npt.NDArray[Any]]: ...

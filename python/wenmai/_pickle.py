"""How pickled wenmai objects are rebuilt (``pickle``, ``copy.deepcopy``, joblib,
multiprocessing): the native classes' ``__reduce__`` names these functions."""

from __future__ import annotations

import io
from typing import Any


class _Frame:
    """A picklable stand-in for the callable a matrix asks for its corpus's docvars."""

    __slots__ = ("frame",)

    def __init__(self, frame: Any) -> None:
        self.frame = frame

    def __call__(self) -> Any:
        return self.frame


def segmenter(kind: str, text: str | None, hmm: bool, edits: list) -> Any:
    """A ``Segmenter`` from its dictionary's kind or text, HMM flag and changes."""
    from wenmai._wenmai import Segmenter

    return Segmenter._from_state(kind, text, hmm, edits)


def document(json: str) -> Any:
    """A ``Document`` from its JSON."""
    from wenmai._wenmai import Document

    return Document._from_json(json)


def corpus_core(json: str, ids: list, paths: list) -> Any:
    """A ``CorpusCore`` from its documents' JSON, ids and paths."""
    from wenmai._wenmai import CorpusCore

    return CorpusCore._from_state(json, ids, paths)


def analyzer(kwargs: dict) -> Any:
    """An ``Analyzer`` from its constructor's arguments."""
    from wenmai._wenmai import Analyzer

    return Analyzer(**kwargs)


def doc_term_matrix(blob: bytes, docvars: Any, units: Any) -> Any:
    """A ``DocTermMatrix`` from its serialised arrays, docvars frame and group table."""
    from wenmai._wenmai import DocTermMatrix

    return DocTermMatrix._from_state(blob, None if docvars is None else _Frame(docvars), units)


def keyword_extractor(
    seg: Any, hmm: bool, idf_file: bytes | None, idf_pairs: Any, stop_words: list
) -> Any:
    """A ``KeywordExtractor`` from its segmenter, idf table and stop-word files."""
    from wenmai._wenmai import KeywordExtractor

    k = KeywordExtractor(seg, hmm)
    if idf_file is not None:
        k.set_idf_path(io.BytesIO(idf_file))
    if idf_pairs is not None:
        k._set_idf_pairs(*idf_pairs)
    for b in stop_words:
        k.set_stop_words(io.BytesIO(b))
    return k

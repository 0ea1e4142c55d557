"""``wenmai.keywords``: the native function, and with ``idf=`` a table of one's own (such as
the one ``Corpus.save_idf`` writes) in place of jieba's."""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from wenmai._params import check_choice, check_int
from wenmai._wenmai import Document, KeywordExtractor
from wenmai._wenmai import keywords as _native_keywords


@lru_cache(maxsize=4)
def _extractor(path: str, mtime_ns: int, size: int) -> KeywordExtractor:
    # One load per version of the file: a script calls keywords(text, idf=p) per text.
    extractor = KeywordExtractor()
    extractor.set_idf_path(path)
    return extractor


def keywords(
    text_or_doc: str | Document,
    top_k: int = 20,
    method: str = "tfidf",
    allow_pos: Sequence[str] | None = None,
    idf: str | os.PathLike[str] | None = None,
) -> list[tuple[str, float]]:
    """Keywords of a text or a Document: ``[(term, weight)]``, best first. ``method``:
    ``"tfidf"`` (jieba's ``extract_tags``) or ``"textrank"``. ``allow_pos``: POS tags to keep
    (default: none for tf-idf, ``ns n vn v`` for TextRank). ``idf``: for tf-idf, a table in
    jieba's ``idf.txt`` format (``word idf`` per line: ``Corpus.save_idf`` writes one) used
    instead of jieba's, as ``jieba.analyse.set_idf_path`` would (the median idf for the
    words it lacks)."""
    if idf is None:
        return _native_keywords(text_or_doc, top_k, method, allow_pos)
    check_choice("method", method, ("tfidf", "textrank"))
    if method != "tfidf":
        raise ValueError(f"idf= is the table of method='tfidf'; method={method!r} does not "
                         "weigh by idf: leave idf out or use method='tfidf'")
    path = os.fspath(idf)
    try:
        st = os.stat(path)
    except OSError as error:
        raise FileNotFoundError(error.errno, f"idf table {path}: {error.strerror}",
                                path) from None
    text: Any = text_or_doc.text if isinstance(text_or_doc, Document) else text_or_doc
    if check_int("top_k", top_k, 0) == 0:  # as without idf= (extract_tags' 0 means all)
        return []
    rows = _extractor(path, st.st_mtime_ns, st.st_size).extract_tags(
        text, top_k=top_k, allow_pos=list(allow_pos) if allow_pos is not None else [])
    return [(word, weight) for word, weight, _ in rows]

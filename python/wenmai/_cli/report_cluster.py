"""``wenmai report DIR --scheduler ADDRESS``: a folder's report with its numbers computed on a
Dask cluster (``wenmai.dask``): the workers read, parse and count the files; the client gets
count blocks, the documents' metadata and the style parts, never the texts.

What the report shows of each document (title, date, characters) comes from the docvars
the workers send; the rest is the in-memory report's code on the merged results.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

import pandas as pd

from wenmai._cli.inputs import Failure, Loaded, Source
from wenmai._cli.report import NUMBER_MARGIN, Analysis, keywords_of


class ClusterCorpus:
    """What the report asks of a corpus, computed on the cluster: its docvars, its style by
    year and its frequencies by a docvar."""

    def __init__(self, docvars: pd.DataFrame, dtm: Any, style: pd.DataFrame | None) -> None:
        self.docvars = docvars
        self._dtm = dtm
        self._style = style

    def style(self, by: str | None = None) -> pd.DataFrame:
        if by != "year" or self._style is None:
            raise ValueError("the cluster's report has the style by year only")
        return self._style

    def frequency(self, by: str | None = None) -> pd.DataFrame:
        from wenmai.corpus import _frequency_table

        return _frequency_table(self._dtm, self.docvars, by, None)


def _value(x: Any) -> Any:
    """A docvar's value as the document's metadata holds it (a missing one as None)."""
    if x is None or (not isinstance(x, str) and pd.isna(x)):
        return None
    return x.to_pydatetime() if isinstance(x, pd.Timestamp) else x


def failures_of(errors: list[Any]) -> list[Failure]:
    """The files a cluster could not read, named as the in-memory loader names them (the
    message without the path it starts with)."""
    out = []
    for e in errors:
        prefix = f"{e.path}: "
        reason = e.message[len(prefix):] if e.message.startswith(prefix) else e.message
        out.append(Failure(e.path, reason))
    return out


def analyse_on_cluster(address: str, sources: list[Source], failures: list[Failure],
                       top: int, keep_numbers: bool, progress: bool,
                       max_bytes: int | None) -> tuple[Analysis, list[Failure]]:
    """The analysis of a folder's report, computed on the cluster at ``address``; and the
    files the workers could not read."""
    from distributed import Client

    import wenmai.dask as wd
    from wenmai.dask import Lazy, _keywords_frame

    with Client(address):
        dc = wd.from_files([str(s.path) for s in sources], ids=[s.doc_id for s in sources],
                           max_bytes=max_bytes)

        def finish(result: tuple) -> tuple[Any, list[str], pd.DataFrame, dict[int, Any]]:
            block, ids, docvars = dc._done(result)
            m = block.matrix(ids)._with_docvars(lambda: docvars)
            stats = block.stats()
            return m, ids, docvars, {k: _keywords_frame(block, ids, stats, k, "corpus")
                                     for k in (top, top + NUMBER_MARGIN)}

        dtm, ids, docvars, keywords = Lazy(dc._counts(None, "document"), finish).compute(
            progress=progress)
        bad = failures_of(dc.errors)
        style = None
        if "year" in docvars.columns and docvars["year"].dropna().nunique() >= 2:
            style = dc.style(by="year").compute(progress=progress)
    read = set(ids)
    kept = [s for s in sources if s.doc_id in read]
    documents = [SimpleNamespace(meta=SimpleNamespace(title=_value(t), published=_value(p)))
                 for t, p in zip(docvars["title"], docvars["published"], strict=True)]
    loaded = Loaded(kept, documents, failures + bad, ClusterCorpus(docvars, dtm, style))
    frequency = loaded.corpus.frequency()
    tfidf = keywords_of(loaded, top, "tfidf", "corpus", keep_numbers=keep_numbers,
                        fetch=keywords.__getitem__)
    analysis = Analysis(loaded, dtm.to_scipy(), list(dtm.terms), frequency, {"tfidf": tfidf},
                        keep_numbers, dtm)
    return analysis, bad


__all__ = ["ClusterCorpus", "analyse_on_cluster", "failures_of"]

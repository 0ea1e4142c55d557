"""``wenmai.style`` and ``Corpus.style``: one row of style measures per document or group.

The measures (computed in Rust, ``wenmai_rhetoric::style``):

- ``documents``, ``chars`` (characters that are not whitespace; every "per 1,000" rate is per
  1,000 of these), ``sentences`` and ``clauses`` (the parser's sentences, split into clauses
  at ``，,、；;：:`` and sentence ends), ``sentence_len_mean/median`` and
  ``clause_len_mean/median`` (letters and digits, Han characters included, punctuation not;
  medians as numpy's, pooled over a group's documents);
- ``four_char_share``: four-character tokens over tokens holding a Han character;
  ``idioms_per_1k``: occurrences of idioms of the shipped list (``Corpus.four_char``);
- ``enumeration_density``: the parser's points (``一是``, ``首先``, ``第一，``…) per 1,000;
- ``directives_per_1k``: jieba tokens in the shipped list of directive words (``要``,
  ``必须``, ``坚持``, ``推进``, ``加快``, ``确保``…; :func:`directive_words` gives it);
- ``numbers_per_1k``: runs of digits (ASCII or full-width; ``3.5`` is one);
- ``readability1``–``3``: cntext 1.9.2's ``readability(text)`` on the document text, as
  cntext computes it (mean characters per cntext sentence, mean adverbs and conjunctions of
  its list per sentence, their mean); a group pools the sentences of its documents;
- ``parallel_per_1k``: the groups of ``wenmai.parallelisms`` (three members or more) per
  1,000 characters; ``parallel_share``: the characters inside any of them (groups nest) over
  the characters.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from wenmai._wenmai import Document, corpus_style, document_style, rhetoric_word_lists

if TYPE_CHECKING:
    import pandas as pd

    from wenmai._stats import CorpusLike
    from wenmai._wenmai import Analyzer

COLUMNS = ["documents", "chars", "sentences", "sentence_len_mean", "sentence_len_median",
           "clauses", "clause_len_mean", "clause_len_median", "four_char_share",
           "idioms_per_1k", "parallel_per_1k", "parallel_share", "enumeration_density",
           "directives_per_1k", "numbers_per_1k", "readability1", "readability2",
           "readability3"]


def directive_words() -> list[str]:
    """The shipped directive words, in the order of their file."""
    return list(rhetoric_word_lists()[1])


def idiom_list() -> list[str]:
    """The shipped idiom list (code point order); see the crate's ``data/NOTICE.md``."""
    return list(rhetoric_word_lists()[0])


def group_codes(corpus: CorpusLike, by: str) -> tuple[list[int | None], pd.Index]:
    """The group of every document by the document variable ``by``: codes into the sorted
    distinct values (``None`` for a missing value) and those values."""
    import pandas as pd

    if not isinstance(by, str):
        raise ValueError(f"by must be the name of a document variable, not {by!r}")
    docvars = corpus.docvars
    if by not in docvars.columns:
        raise ValueError(f"no document variable {by!r}: choose one of {list(docvars.columns)}")
    codes, values = pd.factorize(docvars[by], sort=True)
    return [None if c < 0 else int(c) for c in codes], pd.Index(values, name=by)


def frame(cols: dict[str, Any], index: pd.Index) -> pd.DataFrame:
    """The Rust style columns as the DataFrame (in memory and from ``wenmai.dask``)."""
    import pandas as pd

    return pd.DataFrame({c: np.asarray(cols[c]) for c in COLUMNS}, index=index,
                        columns=COLUMNS)


def style_values(doc: Document) -> dict[str, float]:
    """The style of one document as ``{measure: value}`` in the order of ``style``'s columns,
    each a float as in a row of that frame (no pandas: the one-document report reads it)."""
    cols = document_style(doc)
    return {c: float(cols[c][0]) for c in COLUMNS}


def style(doc: Document, analyzer: Analyzer | None = None) -> pd.DataFrame:
    """The style of one document: a one-row DataFrame (index: its title) with the columns
    ``documents, chars, sentences, sentence_len_mean, sentence_len_median, clauses,
    clause_len_mean, clause_len_median, four_char_share, idioms_per_1k, parallel_per_1k,
    parallel_share, enumeration_density,
    directives_per_1k, numbers_per_1k, readability1, readability2, readability3``, as the module
    ``wenmai._rhetoric.style`` describes them. ``readability1``-``3`` equal cntext 1.9.2's
    ``readability(doc.text)``."""
    if not isinstance(doc, Document):
        raise ValueError(f"style takes a wenmai.Document (wenmai.parse(text)), not "
                         f"{type(doc).__name__}")
    import pandas as pd

    title = doc.meta.title
    return frame(document_style(doc, analyzer), pd.Index([title], name="title"))


def corpus_style_frame(corpus: CorpusLike, by: str | None = None,
                       analyzer: Analyzer | None = None) -> pd.DataFrame:
    """See ``Corpus.style``."""
    import pandas as pd

    if by is None:
        return frame(corpus_style(corpus._core, None, 0, analyzer),
                      pd.Index(corpus.ids, name="doc_id"))
    codes, values = group_codes(corpus, by)
    return frame(corpus_style(corpus._core, codes, len(values), analyzer), values)

"""``DocTermMatrix.group``: rows summed per group, as quanteda's ``dfm_group``."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from wenmai._wenmai import matrix_group


def _row_units(m: Any, by: str) -> pd.DataFrame:
    units = m.units
    if len(units) != m.shape[0] or "document" not in units.columns:
        raise ValueError(f"by={by!r} needs the units of the rows, and this matrix has none "
                         "(it was not counted from a Corpus, or its rows are groups): give "
                         "one label per row instead")
    return units


def group(m: Any, by: Any) -> Any:
    """The rows of ``m`` summed per group (quanteda's ``dfm_group``), over the same terms.

    ``by``: the name of a document variable (``"year"``, ``"source"``, or one you set; for a
    matrix from ``Corpus.dtm``), ``"document"`` (the units of each document), ``"section"``
    (the units of each section of each document), or one label per row (an array or list).
    Groups come in sorted order of their value (quanteda sorts the factor levels; documents
    in corpus order, sections by document then section, the text before the first heading
    first); rows with a missing label (None, NaN, ``pd.NA``) are left out. The result's
    ``units`` is one row per group: the group value (a column named after the docvar,
    ``doc_id``/``document``/``section``, or ``group``) and ``n_units``, the rows summed.
    """
    n = m.shape[0]
    keep_docvars = False
    if isinstance(by, str):
        if by == "document":
            units = _row_units(m, by)
            codes, _ = pd.factorize(units["document"].to_numpy(), sort=True)
            table = units.groupby(codes, sort=True)[["doc_id", "document"]].first()
            keep_docvars = True
        elif by == "section":
            units = _row_units(m, by)
            if "section" not in units.columns:
                raise ValueError("by='section' needs the sections of the rows; this matrix's "
                                 "rows have none: give one label per row instead")
            section = pd.array(units["section"], dtype="Int64").fillna(-1).to_numpy(np.int64)
            key = units["document"].to_numpy(np.int64) * (int(section.max(initial=0)) + 2)
            codes, _ = pd.factorize(key + section + 1, sort=True)
            table = units.groupby(codes, sort=True)[["doc_id", "document", "section"]].first()
        else:
            docvars = m._docvars()
            if docvars is None:
                raise ValueError(f"by={by!r} names a document variable, but this matrix does "
                                 "not know its corpus's docvars (only Corpus.dtm matrices "
                                 "do): give one label per row instead")
            if by not in docvars.columns:
                raise ValueError(f"no document variable {by!r}: choose 'document', 'section' "
                                 f"or one of {list(docvars.columns)}")
            units = _row_units(m, by)
            labels = docvars[by].to_numpy()[units["document"].to_numpy(np.int64)]
            codes, uniques = pd.factorize(labels, sort=True)
            table = pd.DataFrame({by: uniques})
    else:
        labels = by.to_numpy() if isinstance(by, pd.Series | pd.Index) else np.asarray(by)
        if labels.ndim != 1 or len(labels) != n:
            raise ValueError(f"by has {len(labels) if labels.ndim == 1 else labels.shape} "
                             f"labels for {n} rows: give one label per row")
        codes, uniques = pd.factorize(labels, sort=True)
        table = pd.DataFrame({"group": uniques})
    codes = np.asarray(codes, dtype=np.int64)
    table = table.reset_index(drop=True)
    table["n_units"] = np.bincount(codes[codes >= 0], minlength=len(table)).astype(np.int64)
    return matrix_group(m, codes, len(table), table, keep_docvars)

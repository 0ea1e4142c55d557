"""``DocTermMatrix.similarity``: similarities and distances between the units (rows) or the
terms (columns) of a matrix, as quanteda's ``textstat_simil`` / ``textstat_dist``."""

from __future__ import annotations

from typing import Any

from wenmai._params import check_int
from wenmai._wenmai import matrix_similarity

METHODS = ("cosine", "jaccard", "correlation", "euclidean")
MARGINS = ("units", "terms")
MAX_DENSE = 20_000


def similarity(m: Any, method: str = "cosine", margin: str = "units",
               top_k: int | None = None) -> Any:
    """Similarity of every pair of units (``margin="units"``, the rows) or terms
    (``margin="terms"``, the columns) of the matrix ``m``, on its values (counts, or the
    weights of ``m.tfidf()``).

    ``method``:

    - ``"cosine"``: ``a.b / (|a| |b|)``, as ``sklearn.metrics.pairwise.cosine_similarity``
      (0 where a row is all zeros);
    - ``"jaccard"``: ``|A & B| / |A | B|`` over the terms present (non-zero), whatever their
      counts: quanteda's ``jaccard`` (proxyC binarises the matrix for it), which is
      ``1 - scipy.spatial.distance.cdist(x > 0, y > 0, "jaccard")`` — except for two items
      with no term at all, 0 here (as quanteda) and 1 for scipy;
    - ``"correlation"``: Pearson's correlation over every column,
      ``1 - cdist(..., "correlation")``; NaN for a constant item (an empty row);
    - ``"euclidean"``: the Euclidean distance (a distance, as quanteda's ``textstat_dist``).

    Returns a dense ``n x n`` numpy array (at most 20,000 items). With ``top_k=k``, each
    item's ``k`` nearest neighbours (largest similarity, smallest distance; ties by index)
    as an ``n x n`` ``scipy.sparse.csr_matrix``: as scikit-learn's
    ``NearestNeighbors().kneighbors_graph()``, the item itself is left out and every row has
    ``min(k, n - 1)`` entries (values of 0 are stored), but the values are the similarities.
    Computed item by item from sparse dot products without the dense matrix, so it works for
    100,000 units and more.
    """
    if method not in METHODS:
        raise ValueError(f"unknown similarity method {method!r}: choose one of "
                         + ", ".join(repr(x) for x in METHODS))
    if margin not in MARGINS:
        raise ValueError(f"margin must be 'units' (rows) or 'terms' (columns), not {margin!r}")
    if top_k is None:
        n = m.shape[0] if margin == "units" else m.shape[1]
        if n > MAX_DENSE:
            raise ValueError(f"{n} {margin} make a dense {n} x {n} matrix: pass top_k (e.g. "
                             f"top_k=10) for each one's nearest neighbours as a sparse matrix")
        return matrix_similarity(m, method, margin)
    check_int("top_k", top_k, 1, none=True)
    from scipy.sparse import csr_matrix

    data, indices, indptr, n = matrix_similarity(m, method, margin, int(top_k))
    return csr_matrix((data, indices, indptr), shape=(n, n))

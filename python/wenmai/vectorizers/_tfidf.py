"""``wenmai.TfidfTransformer``: counts to tf-idf as scikit-learn's ``TfidfTransformer``
computes it (same parameters, ``idf_``, dtypes and order of operations), in numpy."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import _Params, check_param, normalize_rows, not_fitted

FLOAT_DTYPES = (np.float64, np.float32, np.float16)


def as_csr(x: Any, dtype: Any = None, copy: bool = False, who: str = "TfidfTransformer") -> Any:
    """A numeric matrix (scipy sparse, numpy or pandas) as a CSR matrix, refused as
    scikit-learn's ``check_array`` refuses it (not 2-D, complex, NaN / inf, empty)."""
    import scipy.sparse as sp

    if sp.issparse(x):
        out = sp.csr_matrix(x, copy=copy)  # never the caller's arrays when copying
    else:
        arr = np.asarray(x)
        if arr.ndim != 2:
            raise ValueError(
                f"Expected 2D array, got {arr.ndim}D array instead. Reshape your data "
                "either using array.reshape(-1, 1) if your data has a single feature or "
                "array.reshape(1, -1) if it contains a single sample."
            )
        if arr.dtype.kind == "O":  # numbers in an object array, as check_array takes them
            arr = arr.astype(np.float64)
        elif arr.dtype.kind == "c":
            raise ValueError("Complex data not supported")
        elif arr.dtype.kind not in "biuf":
            raise ValueError(f"dtype='numeric' is not compatible with arrays of {arr.dtype}")
        out = sp.csr_matrix(arr)
    if out.dtype.kind == "c":
        raise ValueError("Complex data not supported")
    for axis, what in ((0, "sample"), (1, "feature")):
        if out.shape[axis] < 1:
            raise ValueError(
                f"Found array with 0 {what}(s) (shape={out.shape}) while a minimum of 1 is "
                f"required by {who}."
            )
    if out.dtype.kind == "f" and not np.isfinite(out.data).all():
        raise ValueError("Input contains NaN." if np.isnan(out.data).any()
                         else "Input contains infinity or a value too large for "
                              f"{out.dtype!r}.")
    if dtype is not None and out.dtype != dtype:
        out = out.astype(dtype)
    return out


class TfidfTransformer(_Params):
    """A count matrix to tf-idf (scikit-learn's ``TfidfTransformer``).

    ``norm``: "l2", "l1" or None; ``use_idf``; ``smooth_idf`` (add one to every document
    frequency, as if one document held every term); ``sublinear_tf`` (``1 + log(tf)``).
    ``idf_`` is ``log((1 + n) / (1 + df)) + 1`` (smoothed) or ``log(n / df) + 1``.
    """

    def __init__(self, *, norm: str | None = "l2", use_idf: bool = True,
                 smooth_idf: bool = True, sublinear_tf: bool = False) -> None:
        self.norm = norm
        self.use_idf = use_idf
        self.smooth_idf = smooth_idf
        self.sublinear_tf = sublinear_tf

    def _validate(self) -> None:
        check_param(self, "norm", self.norm in ("l1", "l2", None),
                    "a str among {'l1', 'l2'} or None")
        for name in ("use_idf", "smooth_idf", "sublinear_tf"):
            check_param(self, name, isinstance(getattr(self, name), (bool, np.bool_)),
                        "an instance of 'bool' or an instance of 'numpy.bool'")

    def fit(self, X: Any, y: Any = None) -> TfidfTransformer:
        """Learn the idf vector from a count matrix."""
        self._validate()
        names = getattr(X, "columns", None)
        x = as_csr(X)
        self.n_features_in_ = x.shape[1]
        if names is not None and all(isinstance(c, str) for c in names):
            self.feature_names_in_ = np.asarray(names, dtype=object)
        dtype = x.dtype if x.dtype in (np.float64, np.float32) else np.float64
        if self.use_idf:
            n_samples = x.shape[0]
            df = np.bincount(x.indices, minlength=x.shape[1]).astype(dtype, copy=False)
            df += float(self.smooth_idf)
            n_samples += int(self.smooth_idf)
            idf = np.full_like(df, fill_value=n_samples, dtype=dtype)
            idf /= df
            np.log(idf, out=idf)
            idf += 1.0
            self.idf_ = idf
        elif hasattr(self, "idf_"):
            del self.idf_
        return self

    def transform(self, X: Any, copy: bool = True) -> Any:
        """Weigh a count matrix by the fitted idf, then normalise its rows."""
        if not hasattr(self, "n_features_in_"):
            raise not_fitted(self)
        return self._wrap_output(self._transform(X, copy))

    def _transform(self, X: Any, copy: bool = True) -> Any:
        dtype = getattr(X, "dtype", None)
        dtype = dtype if dtype in (np.float64, np.float32) else np.float64
        x = as_csr(X, dtype=dtype, copy=copy)
        if x.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {x.shape[1]} features, but {type(self).__name__} is expecting "
                f"{self.n_features_in_} features as input."
            )
        if self.sublinear_tf:
            np.log(x.data, x.data)
            x.data += 1.0
        if hasattr(self, "idf_"):
            x.data *= self.idf_[x.indices]
        return normalize_rows(x, self.norm)

    def fit_transform(self, X: Any, y: Any = None) -> Any:
        """``fit(X).transform(X)``."""
        return self.fit(X).transform(X)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """The input feature names (``x0``, ``x1``, … when none were seen)."""
        if not hasattr(self, "n_features_in_"):
            raise not_fitted(self)
        if input_features is not None:
            return np.asarray(input_features, dtype=object)
        if hasattr(self, "feature_names_in_"):
            return self.feature_names_in_.copy()
        return np.asarray([f"x{i}" for i in range(self.n_features_in_)], dtype=object)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = False
        tags.input_tags.two_d_array = True
        tags.input_tags.sparse = True
        tags.transformer_tags.preserves_dtype = ["float64", "float32"]
        return tags

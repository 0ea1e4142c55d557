"""What every wenmai vectorizer shares with scikit-learn's estimators, without importing
scikit-learn: ``get_params`` / ``set_params`` / ``repr`` as ``BaseEstimator`` does them,
scikit-learn's parameter errors, ``set_output`` and row normalisation."""

from __future__ import annotations

import copy
import inspect
import numbers
import sys
from typing import Any

import numpy as np


class InvalidParameterError(ValueError, TypeError):
    """A constructor parameter outside what it accepts (scikit-learn's error of that name:
    both a ``ValueError`` and a ``TypeError``)."""


class _Params:
    """``get_params`` / ``set_params`` as scikit-learn's ``BaseEstimator`` does them."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(
            p.name for p in sig.parameters.values()
            if p.name != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
        )

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The constructor parameters (with ``deep``, nested ones as ``name__param``)."""
        out: dict[str, Any] = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                for k, v in value.get_params().items():
                    out[f"{name}__{k}"] = v
            out[name] = value
        return out

    def set_params(self, **params: Any) -> Any:
        """Set constructor parameters (``name__param`` for nested ones); returns self."""
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {self}. "
                    f"Valid parameters are: {self._get_param_names()!r}."
                )
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def __repr__(self) -> str:
        defaults = {
            p.name: p.default for p in inspect.signature(type(self).__init__).parameters.values()
        }
        changed = []
        for k in self._get_param_names():
            v = getattr(self, k)
            d = defaults.get(k, inspect.Parameter.empty)
            try:
                same = bool(v == d) if not isinstance(v, np.ndarray) else False
            except Exception:
                same = False
            if not same:
                changed.append(f"{k}={v!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_clone__(self) -> Any:
        """``sklearn.base.clone``: the same parameters, deep-copied, unfitted; the
        ``set_output`` choice kept. A callable that cannot be deep-copied (jieba's own
        ``jieba.lcut`` is bound to a tokenizer holding an ``RLock``) is shared, as a plain
        function is."""
        params = {}
        for name, value in self.get_params(deep=False).items():
            if hasattr(value, "get_params") and not isinstance(value, type):
                from sklearn.base import clone

                value = clone(value, safe=False)
            else:
                try:
                    value = copy.deepcopy(value)
                except (TypeError, copy.Error):
                    if not callable(value):
                        raise
            params[name] = value
        new = type(self)(**params)
        if hasattr(self, "_output_transform"):
            new._output_transform = self._output_transform
        return new

    # --- set_output ------------------------------------------------------------------------
    def set_output(self, *, transform: str | None = None) -> Any:
        """``transform="pandas"``: ``transform`` / ``fit_transform`` return a
        ``pandas.DataFrame`` (sparse-backed, columns ``get_feature_names_out()``);
        ``"default"``: the scipy matrix; None: unchanged. As scikit-learn's ``set_output``."""
        if transform is None:
            return self
        if transform not in ("default", "pandas"):
            raise ValueError(
                f"output config must be in {{'default', 'pandas'}}, got {transform!r}"
            )
        self._output_transform = transform
        return self

    def _wrap_output(self, x: Any, index: Any = None) -> Any:
        how = getattr(self, "_output_transform", None)
        if how is None:
            sk = sys.modules.get("sklearn")  # honour sklearn.set_config only if it is loaded
            how = sk.get_config().get("transform_output", "default") if sk else "default"
        if how != "pandas":
            return x
        import pandas as pd
        import scipy.sparse as sp

        columns = self.get_feature_names_out()
        if sp.issparse(x):
            return pd.DataFrame.sparse.from_spmatrix(x, index=index, columns=columns)
        return pd.DataFrame(x, index=index, columns=columns)

    def __sklearn_tags__(self) -> Any:
        from sklearn.utils import InputTags, Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(),
            input_tags=InputTags(string=True, two_d_array=False),
            requires_fit=getattr(self, "_requires_fit", True),
        )


def check_param(est: Any, name: str, ok: bool, what: str) -> None:
    """Raise scikit-learn's message for a parameter that is not ``what``."""
    if not ok:
        raise InvalidParameterError(
            f"The {name!r} parameter of {type(est).__name__} must be {what}. "
            f"Got {getattr(est, name)!r} instead."
        )


def is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def is_real_not_int(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, numbers.Integral)


def check_documents(raw_documents: Any) -> list[Any]:
    if isinstance(raw_documents, str):
        raise ValueError(
            "Iterable over raw text documents expected, string object received."
        )
    return list(raw_documents)


def not_fitted(est: Any, msg: str | None = None) -> Exception:
    text = msg or (
        f"This {type(est).__name__} instance is not fitted yet. Call 'fit' with "
        "appropriate arguments before using this estimator."
    )
    try:
        from sklearn.exceptions import NotFittedError
    except ImportError:  # scikit-learn is optional
        return ValueError(text)
    return NotFittedError(text)


def normalize_rows(x: Any, norm: str | None) -> Any:
    """Scale each row of a CSR matrix to unit l1 or l2 norm in place (all-zero rows kept),
    summing in stored order as scikit-learn's ``normalize`` does."""
    if norm is None or x.nnz == 0:
        return x
    rows = np.repeat(np.arange(x.shape[0]), np.diff(x.indptr))
    if norm == "l2":
        norms = np.sqrt(np.bincount(rows, weights=x.data * x.data, minlength=x.shape[0]))
    elif norm == "l1":
        norms = np.bincount(rows, weights=np.abs(x.data), minlength=x.shape[0])
    else:
        raise ValueError(f"'{norm}' is not a supported norm")
    norms[norms == 0.0] = 1.0
    x.data /= norms.astype(x.data.dtype, copy=False)[rows]
    return x

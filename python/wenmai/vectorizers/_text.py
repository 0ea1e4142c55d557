"""How documents become terms, as scikit-learn's ``_VectorizerMixin`` defines it (decode,
preprocess, tokenize, stop words, word / char / char_wb n-grams), with wenmai's jieba
segmentation as the word tokenizer when ``token_pattern`` and ``tokenizer`` are None.

The default word analysis runs in Rust (one ``wenmai.Analyzer``, in parallel); a regex
``token_pattern``, a ``tokenizer``, a callable ``analyzer`` or ``"char"`` / ``"char_wb"`` run
in Python exactly as scikit-learn runs them."""

from __future__ import annotations

import re
import unicodedata
import warnings
from collections.abc import Callable
from functools import partial
from importlib import resources
from typing import Any

import numpy as np

from wenmai._wenmai import Analyzer

from ._base import check_param, is_int, is_real_not_int


def _load_english() -> frozenset[str]:
    text = resources.files(__package__).joinpath("english_stop_words.txt").read_text("utf-8")
    return frozenset(w for w in text.splitlines() if w and not w.startswith("#"))


ENGLISH_STOP_WORDS: frozenset[str] = _load_english()
"""scikit-learn's English stop-word list (``stop_words="english"``)."""

_WHITE_SPACES = re.compile(r"\s\s+")


def strip_accents_unicode(s: str) -> str:
    """Drop combining marks after NFKD decomposition (scikit-learn's
    ``strip_accents_unicode``); a string without any is returned as is."""
    decomposed = unicodedata.normalize("NFKD", s)
    if decomposed == s:
        return s
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def strip_accents_ascii(s: str) -> str:
    """NFKD, then keep only what is ASCII (scikit-learn's ``strip_accents_ascii``)."""
    return unicodedata.normalize("NFKD", s).encode("ASCII", "ignore").decode("ASCII")


def strip_tags(s: str) -> str:
    """Replace ``<...>`` tags by a space (scikit-learn's ``strip_tags``)."""
    return re.compile(r"<([^>]+)>", flags=re.UNICODE).sub(" ", s)


def _preprocess(doc: str, accent_function: Any = None, lower: bool = False) -> str:
    if lower:
        doc = doc.lower()
    if accent_function is not None:
        doc = accent_function(doc)
    return doc


def _builtin_zh() -> frozenset[str]:
    from wenmai._wenmai import builtin_stopwords

    return frozenset(builtin_stopwords())


class _TextMixin:
    """The text parameters of CountVectorizer, TfidfVectorizer and HashingVectorizer."""

    input: str
    encoding: str
    decode_error: str
    strip_accents: Any
    lowercase: bool
    preprocessor: Any
    tokenizer: Any
    stop_words: Any
    token_pattern: str | None
    ngram_range: tuple[int, int]
    analyzer: Any
    pos: Any
    min_len: int
    hmm: bool

    # --- validation as scikit-learn's _parameter_constraints and messages -----------------
    def _validate_text_params(self) -> None:
        check_param(self, "input", self.input in ("content", "file", "filename"),
                    "a str among {'content', 'file', 'filename'}")
        check_param(self, "encoding", isinstance(self.encoding, str), "an instance of 'str'")
        check_param(self, "decode_error",
                    self.decode_error in ("strict", "ignore", "replace"),
                    "a str among {'ignore', 'replace', 'strict'}")
        check_param(self, "strip_accents",
                    self.strip_accents in ("ascii", "unicode", None)
                    or callable(self.strip_accents),
                    "a str among {'ascii', 'unicode'}, None or a callable")
        check_param(self, "lowercase", isinstance(self.lowercase, (bool, np.bool_)),
                    "an instance of 'bool' or an instance of 'numpy.bool'")
        for name in ("preprocessor", "tokenizer"):
            v = getattr(self, name)
            check_param(self, name, v is None or callable(v), "a callable or None")
        sw = self.stop_words
        check_param(self, "stop_words",
                    sw is None or sw in ("english", "zh") if isinstance(sw, str)
                    else sw is None or hasattr(sw, "__iter__"),
                    "a str among {'english', 'zh'}, an instance of 'list' or None")
        check_param(self, "token_pattern",
                    self.token_pattern is None or isinstance(self.token_pattern, str),
                    "an instance of 'str' or None")
        check_param(self, "ngram_range", isinstance(self.ngram_range, tuple),
                    "an instance of 'tuple'")
        an = self.analyzer
        check_param(self, "analyzer",
                    an in ("word", "char", "char_wb", None) if isinstance(an, str) or an is None
                    else callable(an),
                    "a str among {'char', 'char_wb', 'word'}, a wenmai.Analyzer or a callable")

    def _validate_ngram_range(self) -> None:
        min_n, max_n = self.ngram_range
        if min_n > max_n:
            raise ValueError(
                f"Invalid value for ngram_range={self.ngram_range} "
                "lower boundary larger than the upper boundary."
            )

    def _is_word(self) -> bool:
        return self.analyzer in ("word", None) if isinstance(self.analyzer, (str, type(None))) \
            else False

    def _warn_for_unused_params(self) -> None:
        if self.tokenizer is not None and self.token_pattern is not None:
            warnings.warn(
                "The parameter 'token_pattern' will not be used since 'tokenizer' is not None'",
                stacklevel=3,
            )
        if self.preprocessor is not None and callable(self.analyzer):
            warnings.warn(
                "The parameter 'preprocessor' will not be used since 'analyzer' is callable'",
                stacklevel=3,
            )
        if (self.ngram_range != (1, 1) and self.ngram_range is not None
                and callable(self.analyzer)):
            warnings.warn(
                "The parameter 'ngram_range' will not be used since 'analyzer' is callable'",
                stacklevel=3,
            )
        if not self._is_word():
            if self.stop_words is not None:
                warnings.warn(
                    "The parameter 'stop_words' will not be used since 'analyzer' != 'word'",
                    stacklevel=3,
                )
            if self.token_pattern is not None and self.token_pattern != r"(?u)\b\w\w+\b":
                warnings.warn(
                    "The parameter 'token_pattern' will not be used since 'analyzer' != 'word'",
                    stacklevel=3,
                )
            if self.tokenizer is not None:
                warnings.warn(
                    "The parameter 'tokenizer' will not be used since 'analyzer' != 'word'",
                    stacklevel=3,
                )

    # --- the steps -------------------------------------------------------------------------
    def decode(self, doc: Any) -> str:
        """A document as text: read from a path (``input="filename"``) or a file object
        (``input="file"``), bytes decoded with ``encoding`` / ``decode_error``
        (``encoding="auto"``: detected as ``wenmai.decode`` does, GBK included)."""
        if self.input == "filename":
            with open(doc, "rb") as fh:
                doc = fh.read()
        elif self.input == "file":
            doc = doc.read()
        if isinstance(doc, bytes):
            if self.encoding == "auto":
                from wenmai._wenmai import decode

                doc = decode(doc)
            else:
                doc = doc.decode(self.encoding, self.decode_error)
        if doc is np.nan:
            raise ValueError("np.nan is an invalid document, expected byte or unicode string.")
        return doc

    def _word_ngrams(self, tokens: list[str], stop_words: Any = None) -> list[str]:
        if stop_words is not None:
            tokens = [w for w in tokens if w not in stop_words]
        min_n, max_n = self.ngram_range
        if max_n != 1:
            original = tokens
            if min_n == 1:
                tokens = list(original)
                min_n += 1
            else:
                tokens = []
            n_original = len(original)
            for n in range(min_n, min(max_n + 1, n_original + 1)):
                for i in range(n_original - n + 1):
                    tokens.append(" ".join(original[i: i + n]))
        return tokens

    def _char_ngrams(self, text: str) -> list[str]:
        text = _WHITE_SPACES.sub(" ", text)
        text_len = len(text)
        min_n, max_n = self.ngram_range
        if min_n == 1:
            ngrams = list(text)
            min_n += 1
        else:
            ngrams = []
        for n in range(min_n, min(max_n + 1, text_len + 1)):
            for i in range(text_len - n + 1):
                ngrams.append(text[i: i + n])
        return ngrams

    def _char_wb_ngrams(self, text: str) -> list[str]:
        text = _WHITE_SPACES.sub(" ", text)
        min_n, max_n = self.ngram_range
        ngrams: list[str] = []
        for w in text.split():
            w = " " + w + " "
            w_len = len(w)
            for n in range(min_n, max_n + 1):
                offset = 0
                ngrams.append(w[offset: offset + n])
                while offset + n < w_len:
                    offset += 1
                    ngrams.append(w[offset: offset + n])
                if offset == 0:  # a word shorter than n is counted once
                    break
        return ngrams

    def _python_preprocessing(self) -> bool:
        return self.preprocessor is not None or bool(self.strip_accents)

    def build_preprocessor(self) -> Callable[[str], str]:
        """The callable applied to a text before tokenization (``preprocessor``, else
        ``strip_accents`` and ``lowercase``)."""
        if self.preprocessor is not None:
            return self.preprocessor
        if not self.strip_accents:
            accents = None
        elif callable(self.strip_accents):
            accents = self.strip_accents
        elif self.strip_accents == "ascii":
            accents = strip_accents_ascii
        elif self.strip_accents == "unicode":
            accents = strip_accents_unicode
        else:
            raise ValueError(f'Invalid value for "strip_accents": {self.strip_accents}')
        return partial(_preprocess, accent_function=accents, lower=self.lowercase)

    def build_tokenizer(self) -> Callable[[str], list[str]]:
        """The callable splitting a text into tokens: ``tokenizer``, else ``token_pattern``'s
        ``findall``, else (``token_pattern=None``) wenmai's jieba segmentation (punctuation
        and whitespace dropped)."""
        if self.tokenizer is not None:
            return self.tokenizer
        if self.token_pattern is None:
            return self._native_analyzer(stop_words=False, ngrams=False, normalize=False).analyze
        pattern = re.compile(self.token_pattern)
        if pattern.groups > 1:
            raise ValueError(
                "More than 1 capturing group in token pattern. Only a single "
                "group should be captured."
            )
        return pattern.findall

    def get_stop_words(self) -> frozenset[str] | None:
        """The stop words in effect: ``"english"`` is scikit-learn's list, ``"zh"`` wenmai's
        built-in Chinese list, a list as given, None none."""
        sw = self.stop_words
        if sw == "english":
            return ENGLISH_STOP_WORDS
        if sw == "zh":
            return _builtin_zh()
        if isinstance(sw, str):
            raise ValueError(f"not a built-in stop list: {sw}")
        return None if sw is None else frozenset(sw)

    def _check_stop_words_consistency(self, stop_words: Any, preprocess: Any,
                                      tokenize: Any) -> Any:
        if id(self.stop_words) == getattr(self, "_stop_words_id", None):
            return None
        try:
            inconsistent = set()
            for w in stop_words or ():
                for token in tokenize(preprocess(w)):
                    if token not in stop_words:
                        inconsistent.add(token)
            self._stop_words_id = id(self.stop_words)
            if inconsistent:
                warnings.warn(
                    "Your stop_words may be inconsistent with your preprocessing. "
                    f"Tokenizing the stop words generated tokens {sorted(inconsistent)!r} "
                    "not in stop_words.",
                    stacklevel=4,
                )
            return not inconsistent
        except Exception:  # a custom preprocessor / tokenizer may not take single words
            self._stop_words_id = id(self.stop_words)
            return "error"

    # --- the Rust path -----------------------------------------------------------------------
    def _native_analyzer(self, stop_words: bool = True, ngrams: bool = True,
                         normalize: bool | None = None) -> Analyzer:
        """The ``wenmai.Analyzer`` doing jieba segmentation, stop words and word n-grams."""
        if isinstance(self.analyzer, Analyzer):
            return self.analyzer
        sw: Any = None
        if stop_words and self.stop_words is not None:
            sw = list(ENGLISH_STOP_WORDS) if self.stop_words == "english" else (
                self.stop_words if self.stop_words == "zh" else list(self.stop_words))
        if normalize is None:
            normalize = bool(self.lowercase) and self.preprocessor is None
        return Analyzer(
            stopwords=sw,
            pos=list(self.pos) if self.pos is not None else None,
            min_len=self.min_len,
            ngram_range=tuple(self.ngram_range) if ngrams else (1, 1),
            hmm=self.hmm,
            normalize=normalize,
        )

    def _native(self) -> Analyzer | None:
        """The analyzer when the whole word analysis runs in Rust, else None."""
        if isinstance(self.analyzer, Analyzer):
            return self.analyzer
        if self._is_word() and self.tokenizer is None and self.token_pattern is None:
            if self.stop_words is not None and self.stop_words != "zh":
                # scikit-learn's check, with jieba as the tokenizer (wenmai's own list is
                # the analyzer's business)
                seg = self._native_analyzer(stop_words=False, ngrams=False, normalize=False)
                self._check_stop_words_consistency(
                    self.get_stop_words(), self.build_preprocessor(), seg.analyze)
            return self._native_analyzer()
        return None

    def _texts(self, docs: list[Any]) -> list[str]:
        """Decoded (and, when asked, preprocessed in Python) texts for the Rust path."""
        texts = [self.decode(d) for d in docs] if (
            self.input != "content" or any(not isinstance(d, str) for d in docs)) else docs
        if isinstance(self.analyzer, Analyzer):
            return texts
        if self._python_preprocessing():
            pre = self.build_preprocessor()
            texts = [pre(t) for t in texts]
        elif self.lowercase:  # str.lower as scikit-learn (the Rust side folds ASCII only)
            texts = [t.lower() for t in texts]
        return texts

    def build_analyzer(self) -> Callable[[Any], list[str]]:
        """The callable turning one document into its terms (decode, preprocess, tokenize,
        stop words, n-grams), as scikit-learn's ``build_analyzer``."""
        native = self._native()
        if native is not None:
            return partial(_native_analyze, self, native)
        if callable(self.analyzer):
            return _chain(self.decode, self.analyzer)
        preprocess = self.build_preprocessor()
        if self.analyzer == "char":
            return _chain(self.decode, preprocess, self._char_ngrams)
        if self.analyzer == "char_wb":
            return _chain(self.decode, preprocess, self._char_wb_ngrams)
        if self._is_word():
            stop_words = self.get_stop_words()
            tokenize = self.build_tokenizer()
            self._check_stop_words_consistency(stop_words, preprocess, tokenize)
            return _chain(self.decode, preprocess, tokenize,
                          partial(self._word_ngrams, stop_words=stop_words))
        raise ValueError(f"{self.analyzer} is not a valid tokenization scheme/analyzer")

    def _analyze_python(self, docs: list[Any]) -> list[list[str]]:
        analyze = self.build_analyzer()
        return [list(analyze(d)) for d in docs]


def _native_analyze(est: _TextMixin, native: Analyzer, doc: Any) -> list[str]:
    return native.analyze(est._texts([doc])[0])


class _chain:  # noqa: N801 (a function-like callable that pickles, unlike a closure)
    def __init__(self, *steps: Callable[[Any], Any]) -> None:
        self.steps = steps

    def __call__(self, doc: Any) -> Any:
        for step in self.steps:
            doc = step(doc)
        return doc


def validate_df(est: Any) -> None:
    """``max_df`` / ``min_df``: a float in [0, 1] or an int >= 1; ``max_features`` an int
    >= 1 or None (scikit-learn's constraints)."""
    for name in ("max_df", "min_df"):
        v = getattr(est, name)
        check_param(est, name,
                    (is_real_not_int(v) and 0 <= v <= 1) or (is_int(v) and v >= 1),
                    "a float in the range [0.0, 1.0] or an int in the range [1, inf)")
    mf = est.max_features
    check_param(est, "max_features", mf is None or (is_int(mf) and mf >= 1),
                "an int in the range [1, inf) or None")
    check_param(est, "binary", isinstance(est.binary, (bool, np.bool_)),
                "an instance of 'bool' or an instance of 'numpy.bool'")

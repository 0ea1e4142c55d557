"""A drop-in replacement for jieba 0.42.1: ``import wenmai.jieba as jieba``.

Same names, signatures and return types as ``jieba`` (``cut`` is a generator, ``lcut`` a
list, ``tokenize`` yields ``(word, start, end)``), over wenmai's Rust segmenter, which
follows jieba 0.42.1's rules and dictionary. ``jieba.posseg`` and ``jieba.analyse`` are here
too (``import wenmai.jieba.posseg as pseg``, ``from wenmai.jieba import analyse``).

Not provided: ``use_paddle=True`` (paddle mode; accepted and ignored with a warning, as jieba
does when paddle is not installed), ``FREQ``/``total``/``get_DAG``/``calc`` internals.
"""

from __future__ import annotations

import logging
import os
import warnings
from collections.abc import Iterator
from typing import Any

from wenmai._wenmai import Segmenter as _Segmenter

__version__ = "0.42.1"
__license__ = "MIT"

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"

default_logger = logging.getLogger("wenmai.jieba")
log_console = logging.StreamHandler()


def setLogLevel(log_level: int) -> None:  # noqa: N802 (jieba's name)
    """Set the level of this module's logger (jieba's ``setLogLevel``)."""
    default_logger.setLevel(log_level)


def strdecode(sentence: Any) -> str:
    """A ``str`` as is; ``bytes`` decoded as UTF-8, else GBK (jieba's ``strdecode``)."""
    if not isinstance(sentence, str):
        try:
            sentence = sentence.decode("utf-8")
        except UnicodeDecodeError:
            sentence = sentence.decode("gbk", "ignore")
    return sentence


def _paddle_warning(use_paddle: bool) -> None:
    if use_paddle:
        warnings.warn(
            "wenmai.jieba has no paddle mode; the default mode is used",
            RuntimeWarning,
            stacklevel=3,
        )


class Tokenizer:
    """jieba's ``Tokenizer``: a segmenter with its own dictionary.

    ``Tokenizer()`` starts from jieba's default dictionary (a private copy);
    ``Tokenizer(path)`` uses a main dictionary of your own in jieba's ``dict.txt`` format.
    """

    def __init__(self, dictionary: Any = DEFAULT_DICT, *, _shared: bool = False) -> None:
        self.dictionary = dictionary
        self._shared = _shared
        self._seg: _Segmenter | None = None
        self.initialized = False
        self.user_word_tag_tab: dict[str, str] = {}

    def __repr__(self) -> str:
        return f"<Tokenizer dictionary={self.dictionary!r}>"

    def __reduce_ex__(self, protocol: Any) -> Any:
        # The shared tokenizer pickles (and deep-copies) as a reference to ``dt``, so
        # ``tokenizer=jieba.lcut`` (a bound method of it) survives clone, joblib and pickle.
        if self._shared:
            return (_shared_tokenizer, ())
        return super().__reduce_ex__(protocol)

    @property
    def segmenter(self) -> _Segmenter:
        """The ``wenmai.Segmenter`` behind this tokenizer (made on first use)."""
        if self._seg is None:
            self.initialize()
        assert self._seg is not None
        return self._seg

    def initialize(self, dictionary: Any = None) -> None:
        """Load the dictionary now instead of on first use."""
        if dictionary is not None:
            self.dictionary = dictionary
            self._seg = None
        if self._seg is None:
            if self.dictionary is not None:
                self._seg = _Segmenter(dictionary=os.fspath(self.dictionary))
            elif self._shared:
                self._seg = _Segmenter()
            else:
                self._seg = _Segmenter(private=True)
            "的" in self._seg  # noqa: B015 (loads the shared dictionary now)
        self.initialized = True

    def check_initialized(self) -> None:
        """Load the dictionary if it is not loaded yet."""
        if not self.initialized:
            self.initialize()

    def set_dictionary(self, dictionary_path: Any) -> None:
        """Use another main dictionary (jieba's ``dict.txt`` format)."""
        abs_path = os.path.normpath(os.path.join(os.getcwd(), os.fspath(dictionary_path)))
        if not os.path.isfile(abs_path):
            raise Exception("jieba: file does not exist: " + abs_path)
        self.dictionary = abs_path
        self._seg = None
        self.initialized = False

    def get_dict_file(self) -> Any:
        """The main dictionary as a binary file object (None for the built-in one)."""
        if self.dictionary is None:
            return None
        return open(self.dictionary, "rb")

    def cut(
        self, sentence: Any, cut_all: bool = False, HMM: bool = True, use_paddle: bool = False
    ) -> Iterator[str]:
        """Segment a sentence: a generator of words (full mode with ``cut_all=True``)."""
        _paddle_warning(use_paddle)
        mode = "full" if cut_all else "precise"
        yield from self.segmenter.cut(strdecode(sentence), mode=mode, hmm=HMM)

    def lcut(self, *args: Any, **kwargs: Any) -> list[str]:
        """``list(cut(...))``."""
        return list(self.cut(*args, **kwargs))

    def cut_for_search(self, sentence: Any, HMM: bool = True) -> Iterator[str]:
        """Search-engine mode: precise words plus the 2- and 3-char words inside them."""
        yield from self.segmenter.cut(strdecode(sentence), mode="search", hmm=HMM)

    def lcut_for_search(self, *args: Any, **kwargs: Any) -> list[str]:
        """``list(cut_for_search(...))``."""
        return list(self.cut_for_search(*args, **kwargs))

    _lcut = lcut
    _lcut_for_search = lcut_for_search

    def _lcut_no_hmm(self, sentence: Any) -> list[str]:
        return self.lcut(sentence, False, False)

    def _lcut_all(self, sentence: Any) -> list[str]:
        return self.lcut(sentence, True)

    def _lcut_for_search_no_hmm(self, sentence: Any) -> list[str]:
        return self.lcut_for_search(sentence, False)

    def tokenize(
        self, unicode_sentence: Any, mode: str = "default", HMM: bool = True
    ) -> Iterator[tuple[str, int, int]]:
        """A generator of ``(word, start, end)`` with char offsets; ``mode="search"`` adds
        the words inside longer words."""
        if not isinstance(unicode_sentence, str):
            raise ValueError("jieba: the input parameter should be unicode.")
        wmode = "search" if mode == "search" else "precise"
        yield from self.segmenter.tokenize(unicode_sentence, mode=wmode, hmm=HMM)

    def load_userdict(self, f: Any) -> None:
        """Load a user dictionary (a path or a file object; jieba's format: ``word [freq]
        [tag]`` per line)."""
        self.check_initialized()
        self.segmenter.load_userdict(f)

    def add_word(self, word: Any, freq: int | None = None, tag: str | None = None) -> None:
        """Add a word; without ``freq`` one is computed that keeps the word whole."""
        word = strdecode(word)
        freq = int(freq) if freq is not None else None
        self.segmenter.add_word(word, freq, tag)
        if tag:
            self.user_word_tag_tab[word] = tag

    def del_word(self, word: Any) -> None:
        """Delete a word (``add_word(word, 0)``)."""
        self.segmenter.del_word(strdecode(word))

    def suggest_freq(self, segment: Any, tune: bool = False) -> int:
        """The frequency that keeps ``segment`` whole (a str) or splits it into the given
        segments (a tuple); ``tune=True`` applies it."""
        if isinstance(segment, (str, bytes)):
            segment = strdecode(segment)
        else:
            segment = tuple(strdecode(s) for s in segment)
        return self.segmenter.suggest_freq(segment, tune)


dt = Tokenizer(_shared=True)


def _shared_tokenizer() -> Tokenizer:
    return dt


add_word = dt.add_word
cut = dt.cut
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
del_word = dt.del_word
get_dict_file = dt.get_dict_file
initialize = dt.initialize
load_userdict = dt.load_userdict
set_dictionary = dt.set_dictionary
suggest_freq = dt.suggest_freq
tokenize = dt.tokenize
user_word_tag_tab = dt.user_word_tag_tab


def enable_parallel(processnum: int | None = None) -> None:
    """Accepted for compatibility: wenmai already segments in parallel where it can
    (``wenmai.Segmenter.cut_many``)."""


def disable_parallel() -> None:
    """Accepted for compatibility (see ``enable_parallel``)."""


from wenmai.jieba import analyse, posseg  # noqa: E402  (jieba imports them lazily)

__all__ = [
    "DEFAULT_DICT",
    "DEFAULT_DICT_NAME",
    "Tokenizer",
    "add_word",
    "analyse",
    "cut",
    "cut_for_search",
    "del_word",
    "disable_parallel",
    "dt",
    "enable_parallel",
    "get_dict_file",
    "initialize",
    "lcut",
    "lcut_for_search",
    "load_userdict",
    "posseg",
    "set_dictionary",
    "setLogLevel",
    "strdecode",
    "suggest_freq",
    "tokenize",
    "user_word_tag_tab",
]

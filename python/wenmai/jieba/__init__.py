"""A drop-in replacement for jieba 0.42.1: ``import wenmai.jieba as jieba``.

Same names, signatures and return types as ``jieba`` (``cut`` is a generator, ``lcut`` a
list, ``tokenize`` yields ``(word, start, end)``), over wenmai's Rust segmenter, which
follows jieba 0.42.1's rules and dictionary. ``jieba.posseg`` and ``jieba.analyse`` are here
too (``import wenmai.jieba.posseg as pseg``, ``from wenmai.jieba import analyse``), and
``python -m wenmai.jieba`` is ``python -m jieba``.

jieba's internals a script may read are here as well: ``dt.FREQ`` (a read-only mapping of
words and their prefixes to frequencies), ``dt.total``, ``get_FREQ``, ``get_DAG`` and
``calc``; ``enable_parallel`` makes ``cut`` segment line by line on Rust threads.

Not provided: ``use_paddle=True`` (paddle mode; accepted and ignored with a warning, as jieba
does when paddle is not installed), the ``finalseg`` HMM module and ``Tokenizer.lock`` (a
``threading.RLock`` that would make tokenizers unpicklable; wenmai's dictionary has its own
lock).
"""

from __future__ import annotations

import io
import logging
import os
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import Any

from wenmai._wenmai import Segmenter as _Segmenter

__version__ = "0.42.1"
__license__ = "MIT"

DEFAULT_DICT = None
DEFAULT_DICT_NAME = "dict.txt"
DICT_WRITING: dict = {}

# jieba's character classes (the Rust segmenter applies the same ones).
re_userdict = re.compile("^(.+?)( [0-9]+)?( [a-z]+)?$", re.U)
re_eng = re.compile("[a-zA-Z0-9]", re.U)
re_han_default = re.compile(r"([\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+)", re.U)
re_skip_default = re.compile(r"(\r\n|\s)", re.U)

pool = None

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


def _get_abs_path(path: Any) -> str:
    """``path`` made absolute against the working directory (jieba's ``_get_abs_path``)."""
    return os.path.normpath(os.path.join(os.getcwd(), os.fspath(path)))


def check_paddle_install() -> bool:
    """jieba's paddle check: wenmai has no paddle mode, so always False."""
    return False


def enable_paddle() -> None:
    """jieba's ``enable_paddle``: wenmai has no paddle mode (a warning says so)."""
    warnings.warn("wenmai.jieba has no paddle mode", RuntimeWarning, stacklevel=2)


class _Freq(Mapping):
    """jieba's ``Tokenizer.FREQ``, read-only: every word with its frequency and every prefix
    of a word with 0, kept up to date by ``add_word`` / ``del_word`` / ``load_userdict``
    (change the dictionary with those, not by assigning into this mapping)."""

    __slots__ = ("_tok",)

    def __init__(self, tok: Tokenizer) -> None:
        self._tok = tok

    def __getitem__(self, word: str) -> int:
        f = self._tok.segmenter.freq(word)
        if f is None:
            raise KeyError(word)
        return f

    def get(self, word: Any, default: Any = None) -> Any:
        """``FREQ.get(word, default)``."""
        f = self._tok.segmenter.freq(word)
        return default if f is None else f

    def __contains__(self, word: object) -> bool:
        return self._tok.segmenter.freq(word) is not None

    def __iter__(self) -> Iterator[str]:
        return (w for w, _ in self._tok.segmenter.freq_items())

    def items(self) -> Any:
        """``(word, freq)`` pairs, in jieba's order."""
        return self._tok.segmenter.freq_items()

    def __len__(self) -> int:
        return self._tok.segmenter.freq_len()

    def __repr__(self) -> str:
        return f"<FREQ of {self._tok!r}: {len(self)} entries>"


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
        self.tmp_dir = None
        self.cache_file = None

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

    @property
    def FREQ(self) -> _Freq:  # noqa: N802 (jieba's name)
        """jieba's prefix dictionary: word (or prefix of a word, with 0) -> frequency."""
        return _Freq(self)

    @property
    def total(self) -> int:
        """The sum of the dictionary's frequencies (jieba's ``total``)."""
        return self.segmenter.total

    @staticmethod
    def gen_pfdict(f: Any) -> tuple[dict[str, int], int]:
        """jieba's ``gen_pfdict``: ``(FREQ, total)`` of a dictionary file object."""
        lfreq: dict[str, int] = {}
        ltotal = 0
        f_name = getattr(f, "name", "<file>")
        for lineno, line in enumerate(f, 1):
            try:
                line = strdecode(line).strip()
                word, freq = line.split(" ")[:2]
                freq = int(freq)
                lfreq[word] = freq
                ltotal += freq
                for ch in range(len(word)):
                    lfreq.setdefault(word[: ch + 1], 0)
            except ValueError:
                raise ValueError(
                    f"invalid dictionary entry in {f_name} at Line {lineno}: {line}"
                ) from None
        f.close()
        return lfreq, ltotal

    def get_DAG(self, sentence: str) -> dict[int, list[int]]:  # noqa: N802 (jieba's name)
        """jieba's ``get_DAG``: char index -> the indices where the words starting there end."""
        return dict(enumerate(self.segmenter.dag(sentence)))

    def calc(self, sentence: str, DAG: dict[int, list[int]], route: dict) -> None:  # noqa: N803
        """jieba's ``calc``: fill ``route`` with ``idx -> (log prob, end)`` of the best route."""
        n = len(sentence)
        rows = self.segmenter.calc(sentence, [DAG[i] for i in range(n)])
        route[n] = (0, 0)
        for idx in range(n - 1, -1, -1):
            route[idx] = rows[idx]

    def check_initialized(self) -> None:
        """Load the dictionary if it is not loaded yet."""
        if not self.initialized:
            self.initialize()

    def set_dictionary(self, dictionary_path: Any) -> None:
        """Use another main dictionary (jieba's ``dict.txt`` format)."""
        abs_path = _get_abs_path(dictionary_path)
        if not os.path.isfile(abs_path):
            raise Exception("jieba: file does not exist: " + abs_path)
        self.dictionary = abs_path
        self._seg = None
        self.initialized = False

    def get_dict_file(self) -> Any:
        """The main dictionary as a binary file object (jieba's ``dict.txt`` for the
        built-in one)."""
        if self.dictionary is None:
            return io.BytesIO(self.segmenter.dictionary_text().encode("utf-8"))
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


def get_FREQ(k: str, d: Any = None) -> Any:  # noqa: N802 (jieba's name)
    """``dt.FREQ.get(k, d)``."""
    return dt.FREQ.get(k, d)


add_word = dt.add_word
calc = dt.calc
cut = dt.cut
lcut = dt.lcut
cut_for_search = dt.cut_for_search
lcut_for_search = dt.lcut_for_search
del_word = dt.del_word
get_DAG = dt.get_DAG
get_dict_file = dt.get_dict_file
initialize = dt.initialize
load_userdict = dt.load_userdict
set_dictionary = dt.set_dictionary
suggest_freq = dt.suggest_freq
tokenize = dt.tokenize
user_word_tag_tab = dt.user_word_tag_tab


def _lcut(s: Any) -> list[str]:
    return dt._lcut(s)


def _lcut_no_hmm(s: Any) -> list[str]:
    return dt._lcut_no_hmm(s)


def _lcut_all(s: Any) -> list[str]:
    return dt._lcut_all(s)


def _lcut_for_search(s: Any) -> list[str]:
    return dt._lcut_for_search(s)


def _lcut_for_search_no_hmm(s: Any) -> list[str]:
    return dt._lcut_for_search_no_hmm(s)


_threads: int | None = None


def _pcut(sentence: Any, cut_all: bool = False, HMM: bool = True) -> Iterator[str]:
    # jieba's parallel cut: the lines, segmented in parallel (here on Rust threads).
    parts = strdecode(sentence).splitlines(True)
    mode = "full" if cut_all else "precise"
    for words in dt.segmenter.cut_many(parts, mode=mode, hmm=HMM, threads=_threads):
        yield from words


def _pcut_for_search(sentence: Any, HMM: bool = True) -> Iterator[str]:
    parts = strdecode(sentence).splitlines(True)
    for words in dt.segmenter.cut_many(parts, mode="search", hmm=HMM, threads=_threads):
        yield from words


def enable_parallel(processnum: int | None = None) -> None:
    """jieba's ``enable_parallel``: the module's ``cut`` and ``cut_for_search`` then cut the
    lines of a text in parallel, on ``processnum`` threads (all cores by default) instead of
    processes. As in jieba, only the module functions change, not ``Tokenizer`` objects."""
    global cut, cut_for_search, _threads
    if processnum is not None and int(processnum) < 1:
        raise ValueError("processnum must be at least 1")
    dt.check_initialized()
    _threads = None if processnum is None else int(processnum)
    cut = _pcut
    cut_for_search = _pcut_for_search


def disable_parallel() -> None:
    """jieba's ``disable_parallel``: ``cut`` and ``cut_for_search`` back to ``dt``'s."""
    global cut, cut_for_search, _threads
    _threads = None
    cut = dt.cut
    cut_for_search = dt.cut_for_search


from wenmai.jieba import analyse, posseg  # noqa: E402  (jieba imports them lazily)

__all__ = [
    "DEFAULT_DICT",
    "DEFAULT_DICT_NAME",
    "Tokenizer",
    "add_word",
    "analyse",
    "calc",
    "cut",
    "cut_for_search",
    "del_word",
    "disable_parallel",
    "dt",
    "enable_parallel",
    "get_DAG",
    "get_FREQ",
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

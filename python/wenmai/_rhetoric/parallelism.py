"""``wenmai.parallelisms`` and ``Corpus.parallelisms``: arguments checked, the groups found
in Rust (``wenmai-rhetoric``) as ``Parallelism`` objects or as a DataFrame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from wenmai._params import check_int
from wenmai._wenmai import Document, Parallelism, Segmenter, corpus_parallelisms
from wenmai._wenmai import parallelisms as _parallelisms

if TYPE_CHECKING:
    import pandas as pd

    from wenmai._stats import CorpusLike

COLUMNS = ["doc_id", "start", "end", "text", "frame", "kind", "members", "section",
           "paragraph"]


def _min_members(min_members: Any) -> int:
    # a parallel group (排比) has at least 2 members
    return int(check_int("min_members", min_members, 2))


def _segmenter(segmenter: Any) -> Segmenter | None:
    if segmenter is not None and not isinstance(segmenter, Segmenter):
        raise ValueError(
            f"segmenter must be a wenmai.Segmenter or None, not {type(segmenter).__name__}")
    return segmenter


def parallelisms(doc: Document, min_members: int = 3,
                 segmenter: Segmenter | None = None) -> list[Parallelism]:
    """The parallel groups (排比) of a document, in document order: runs of ``min_members``
    or more adjacent phrases, clauses, clause groups or sentences of one paragraph (joined by
    ``、，；：`` or sentence ends) that share a frame.

    ``kind`` says what they share: ``"head"`` (``不断创新载体平台，不断创新形式内容，…``, frame
    ``不断创新…``), ``"tail"`` (``推动落实、指导落实、…``, ``…落实``), ``"head_tail"`` (both:
    ``更有针对性、更有主动性``, ``更有…性``) or ``"shape"``: the same part-of-speech pattern
    with lengths within a character, a character or word at the same place
    (``说老实话、办老实事、做老实人``, ``…老实…``), or three- and four-character predicates
    (``统筹安排、科学调度、有序协调``). A plain list of nouns (``知识、技能和素质``) is no group.
    Each has ``start``, ``end`` (char offsets into ``doc.text``), ``text``, ``members`` (a
    ``Span`` each), ``frame``, ``section`` and ``paragraph``. A group inside one member of a
    larger group is reported too. ``segmenter``: the dictionary to tag with (default: jieba's)."""
    if not isinstance(doc, Document):
        raise ValueError(
            f"parallelisms takes a wenmai.Document (wenmai.parse(text) or wenmai.read(path)), "
            f"not {type(doc).__name__}")
    return _parallelisms(doc, _min_members(min_members), _segmenter(segmenter))


def corpus_parallelisms_frame(corpus: CorpusLike, min_members: int = 3,
                              segmenter: Segmenter | None = None) -> pd.DataFrame:
    """See ``Corpus.parallelisms``."""
    import numpy as np
    import pandas as pd

    cols = corpus_parallelisms(corpus._core, _min_members(min_members), _segmenter(segmenter))
    ids = np.asarray(corpus.ids, dtype=object)
    doc = cols["document"].astype(np.intp)

    def strings(values: list[str]) -> np.ndarray:
        out = np.empty(len(values), dtype=object)
        out[:] = values
        return out

    return pd.DataFrame({
        "doc_id": ids[doc] if len(doc) else np.empty(0, dtype=object),
        "start": cols["start"].astype(np.int64),
        "end": cols["end"].astype(np.int64),
        "text": strings(cols["text"]),
        "frame": strings(cols["frame"]),
        "kind": strings(cols["kind"]),
        "members": cols["members"].astype(np.int64),
        "section": pd.array(cols["section"], dtype="Int64"),
        "paragraph": cols["paragraph"].astype(np.int64),
    }, columns=COLUMNS)

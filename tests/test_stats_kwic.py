"""``Corpus.kwic``: every match against NLTK's ``ConcordanceIndex`` and a plain Python scan
over ``corpus.tokens()``, on the government work reports and the news. The context is the
document's text from the window's first token to the match and from the match to the
window's last token: the oracles take the windows in tokens and cut ``doc.text`` at the
tokens' offsets (each checked against its token)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

import numpy as np
import pytest
import wenmai


@pytest.fixture(scope="module", params=["reports", "news"])
def corpus_and_sentences(request: pytest.FixtureRequest) -> tuple[wenmai.Corpus, list, list]:
    """A corpus, its sentences' tokens, and the document of each sentence."""
    c = request.getfixturevalue(request.param)
    sentences = c.tokens(unit="sentence")
    docs = c.dtm(unit="sentence").units["document"].to_numpy()
    return c, sentences, docs


_OFFSETS: dict[int, tuple] = {}


def offsets(c: wenmai.Corpus, sentences: list[list[str]]) -> tuple:
    """The every-term kwic (window 3) of ``c``, and the char offsets of every token of the
    flattened sentences with the text of its document: each token's offsets are its match's,
    checked to cut the token out of ``doc.text`` (width-folded and lowercased as it is)."""
    if id(c) not in _OFFSETS:
        flat = [t for s in sentences for t in s]
        k = c.kwic([[t] for t in sorted(set(flat))], window=3)
        assert list(k.keyword) == flat  # every token matches its own term once, in order
        texts = {d: c[d].text for d in c.ids}
        doc_text = [texts[d] for d in k.doc_id]
        starts, ends = k.start.to_numpy(), k.end.to_numpy()
        for t, text, a, b in zip(flat, doc_text, starts, ends, strict=True):
            assert unicodedata.normalize("NFKC", text[a:b]).lower() == t
        _OFFSETS[id(c)] = (k, starts, ends, texts)
    return _OFFSETS[id(c)]


def between(text: str, a: int, b: int) -> str:
    return text[a:b] if a < b else ""


class Alt:
    """One alternative of a pattern, scanned in plain Python: ``first`` says whether a token
    can start a match, ``ends`` where the matches starting at ``i`` end."""

    def __init__(self, label: str, first: Callable[[str], bool],
                 ends: Callable[[list[str], int], list[int]]) -> None:
        self.label, self.first, self.ends = label, first, ends


def chars(label: str, s: str | None = None) -> Alt:
    """Runs of tokens whose characters join to exactly ``s``."""
    s = label if s is None else s

    def ends(toks: list[str], i: int) -> list[int]:
        acc = ""
        for j in range(i, len(toks)):
            acc += toks[j]
            if acc == s:
                return [j + 1]
            if not s.startswith(acc):
                break
        return []
    return Alt(label, s.startswith, ends)


def tokens(label: str, test: list[Callable[[str], bool]]) -> Alt:
    def ends(toks: list[str], i: int) -> list[int]:
        ok = i + len(test) <= len(toks) and all(f(t) for f, t in zip(test, toks[i:], strict=False))
        return [i + len(test)] if ok else []
    return Alt(label, test[0], ends)


def glob(g: str) -> Callable[[str], bool]:
    rx = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in g))
    return lambda t: rx.fullmatch(t) is not None


def oracle(sentences: list[list[str]], docs: np.ndarray, ids: list[str], alts: list[Alt],
           window: int, where: tuple, unit_of: Callable[[int], int] | None = None) -> list[tuple]:
    """Every match by a plain scan: (doc_id, pre, keyword, post, pattern), in order. The
    window stays in the sentence, or with ``unit_of`` (sentence -> unit) in the unit; ``pre``
    and ``post`` are the text of the window's tokens up to and from the match (``where``:
    the tokens' offsets, from ``offsets``)."""
    _k, st, en, texts = where
    base = np.cumsum([0] + [len(s) for s in sentences])
    vocab = {t for s in sentences for t in s}
    starts = {t: [a for a in alts if a.first(t)] for t in vocab}
    units: dict[int, list[int]] = {}
    if unit_of is not None:
        for k in range(len(sentences)):
            units.setdefault(unit_of(k), []).append(k)
    rows = []
    for k, toks in enumerate(sentences):
        # The flat index of each token of the window's span (the sentence, or the unit).
        ctx, off = list(range(base[k], base[k + 1])), 0
        own = True
        text = texts[ids[docs[k]]]
        for i, t in enumerate(toks):
            if not starts[t]:
                continue
            found = sorted((end, a, alt.label) for a, alt in enumerate(starts[t])
                           for end in alt.ends(toks, i))
            if found and unit_of is not None and own:
                members = units[unit_of(k)]
                before = [x for m in members if m < k for x in range(base[m], base[m + 1])]
                ctx = before + [x for m in members if m >= k for x in range(base[m], base[m + 1])]
                off, own = len(before), False
            for end, _a, label in found:
                lo, hi = off + i, off + end
                first, last = ctx[max(0, lo - window)], ctx[min(len(ctx), hi + window) - 1]
                pre = between(text, st[first], st[ctx[lo]])
                post = between(text, en[ctx[hi - 1]], en[last])
                rows.append((ids[docs[k]], pre, "".join(toks[i:end]), post, label))
    return rows


def rows_of(df) -> list[tuple]:
    return list(zip(df.doc_id, df.pre, df.keyword, df.post, df.pattern, strict=True))


def frequent_bigram(sentences: list[list[str]]) -> str:
    from collections import Counter

    c = Counter((a, b) for s in sentences for a, b in zip(s, s[1:], strict=False))
    return "".join(c.most_common(1)[0][0])


def test_every_term_as_nltk_concordance(corpus_and_sentences) -> None:
    """Each term as a one-token phrase: its matches are NLTK's ConcordanceIndex offsets on the
    flattened tokens, and the context is the sentence's tokens around it."""
    from nltk.text import ConcordanceIndex

    c, sentences, _docs = corpus_and_sentences
    flat = [t for s in sentences for t in s]
    terms = sorted(set(flat))
    k, st, en, texts = offsets(c, sentences)
    ci = ConcordanceIndex(flat, key=lambda t: t)
    by_term: dict[str, list[int]] = {}
    for r, p in enumerate(k.pattern):
        by_term.setdefault(p, []).append(r)
    worst = 0
    for t in terms:
        want = ci.offsets(t)
        got = by_term.get(t, [])
        worst = max(worst, len(set(want) ^ set(got)))
    print(f"\nkwic vs NLTK ConcordanceIndex: {len(terms)} terms, {len(flat)} tokens, "
          f"worst offset difference {worst}")
    assert worst == 0
    # The window is NLTK's 3 tokens on each side, cut at the sentence; its text is doc.text.
    starts = np.cumsum([0] + [len(s) for s in sentences])
    sent = np.repeat(np.arange(len(sentences)), [len(s) for s in sentences])
    text = [texts[d] for d in k.doc_id]
    pre = [between(text[i], st[max(starts[sent[i]], i - 3)], st[i]) for i in range(len(flat))]
    post = [between(text[i], en[i], en[min(starts[sent[i] + 1], i + 4) - 1])
            for i in range(len(flat))]
    assert list(k.pre) == pre and list(k.post) == post
    # The context as written holds what the analyzer dropped: not the tokens joined.
    joined = ["".join(flat[max(starts[sent[i]], i - 3):i]) for i in range(len(flat))]
    assert sum(a != b for a, b in zip(pre, joined, strict=True)) > len(flat) // 10


def test_every_pattern_kind_as_a_plain_scan(corpus_and_sentences) -> None:
    c, sentences, docs = corpus_and_sentences
    joined = frequent_bigram(sentences)
    kinds: list[tuple[object, list[Alt], bool]] = [
        ("发展", [chars("发展")], False),
        (["改革", "经济"], [chars("改革"), chars("经济")], False),
        ([["经济", "发展"]], [tokens("经济 发展", [glob("经济"), glob("发展")])], False),
        (joined, [chars(joined)], False),
        ("全面 从严 治党", [chars("全面 从严 治党", "全面从严治党")], False),
        ("改革*", [tokens("改革*", [glob("改革*")])], False),
        ("?发展", [tokens("?发展", [glob("?发展")])], False),
        ([["推动", "*发展"]], [tokens("推动 *发展", [glob("推动"), glob("*发展")])], False),
        ("^改革", [tokens("^改革", [lambda t: re.search("^改革", t) is not None])], True),
        ("[经政]济$", [tokens("[经政]济$", [lambda t: re.search("[经政]济$", t) is not None])],
         True),
    ]
    total = 0
    for regex in (False, True):
        # One call per mode with every pattern (each row names its pattern).
        chosen = [(p, a) for p, a, r in kinds if r == regex]
        pattern = [x for p, _ in chosen for x in ([p] if isinstance(p, str) else p)]
        k = c.kwic(pattern, window=4, regex=regex)
        want = oracle(sentences, docs, c.ids, [x for _, a in chosen for x in a], 4,
                      offsets(c, sentences))
        assert rows_of(k) == want, regex
        assert set(k.pattern) == {a.label for _, alts in chosen for a in alts}
        total += len(want)
    print(f"\nkwic vs a plain scan: {len(kinds)} patterns, {total} matches, 0 differ")


def test_offsets_sections_and_order(reports: wenmai.Corpus) -> None:
    import pandas as pd

    k = reports.kwic(["改革", "发展*"], window=2)
    assert len(k) > 1000
    order = [reports.ids.index(d) for d in k.doc_id]
    assert list(zip(order, k.start, strict=True)) == sorted(zip(order, k.start, strict=True))
    docs = {d: reports[d] for d in set(k.doc_id)}
    su = reports.dtm(unit="sentence").units
    spans: dict[str, list[tuple[int, int, object]]] = {}
    for d, a, b, sec in zip(su.doc_id, su.start, su.end, su.section, strict=True):
        spans.setdefault(d, []).append((int(a), int(b), sec))
    for r in k.itertuples():
        doc = docs[r.doc_id]
        text = doc.text[r.start:r.end]
        if r.pattern == "发展*":  # one token: the text is the token, width-folded
            assert unicodedata.normalize("NFKC", text).lower() == r.keyword
        else:
            assert text.startswith(r.keyword[0]) and text.endswith(r.keyword[-1])
        sec = [x for a, b, x in spans[r.doc_id] if a <= r.start < b]
        assert len(sec) == 1
        want = None if sec[0] is None or pd.isna(sec[0]) else int(sec[0])
        assert (None if pd.isna(r.section) else int(r.section)) == want


def test_document_window_runs_across_sentences(reports: wenmai.Corpus) -> None:
    sentences = reports.tokens(unit="sentence")
    docs = reports.dtm(unit="sentence").units["document"].to_numpy()
    k = reports.kwic("改革", window=6, unit="document")
    want = oracle(sentences, docs, reports.ids, [chars("改革")], 6,
                  offsets(reports, sentences), unit_of=lambda s: int(docs[s]))
    assert rows_of(k) == want
    assert rows_of(k) != rows_of(reports.kwic("改革", window=6))


def test_bad_input_says_what_to_change(reports: wenmai.Corpus) -> None:
    with pytest.raises(ValueError, match="empty"):
        reports.kwic([])
    with pytest.raises(ValueError, match="empty"):
        reports.kwic("  ")
    with pytest.raises(ValueError, match="empty"):
        reports.kwic([["改革", ""]])
    with pytest.raises(ValueError, match=re.escape("[改革")):
        reports.kwic("[改革", regex=True)
    for w in (0, -1):
        with pytest.raises(ValueError, match="window"):
            reports.kwic("改革", window=w)
    with pytest.raises(ValueError, match="unit"):
        reports.kwic("改革", unit="chapter")


def test_a_dictionary_is_a_pattern(reports: wenmai.Corpus) -> None:
    d = wenmai.Dictionary({"a": ["改革*"], "b": {"c": ["全面从严治党"]}})
    assert rows_of(reports.kwic(d)) == rows_of(reports.kwic(["改革*", "全面从严治党"]))


def test_shows_aligned_in_jupyter(reports: wenmai.Corpus) -> None:
    import pandas as pd

    k = reports.kwic("改革", window=3)
    assert isinstance(k, pd.DataFrame)
    assert list(k.columns) == ["doc_id", "section", "start", "end", "pre", "keyword", "post",
                               "pattern"]
    page = k.head(3)._repr_html_()
    assert "text-align:right" in page and "font-weight:bold" in page
    assert k.keyword.iloc[0] in page
    assert isinstance(k[["doc_id", "keyword"]]._repr_html_(), str)
    empty = reports.kwic("没有这个词语啊")
    assert len(empty) == 0 and list(empty.columns) == list(k.columns)


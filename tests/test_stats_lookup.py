"""``wenmai.Dictionary`` and ``Corpus.lookup``: every category of a dictionary the test makes
from the corpus itself, against a direct Python ``tokens_lookup`` + ``dfm`` over
``corpus.tokens()``, on the government work reports and the news; every file format read
back."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import wenmai


def make_dictionary(sentences: list[list[str]]) -> dict:
    """Categories drawn from the corpus: frequent terms, a glob, frequent bigrams written
    unsegmented and with a space, nested categories, an entry in two categories, and an
    entry nested in a longer one of the same category."""
    freq = Counter(t for s in sentences for t in s)
    top = [t for t, _ in freq.most_common(60) if not any(c in t for c in "*?")]
    bigrams = Counter((a, b) for s in sentences for a, b in zip(s, s[1:], strict=False))
    (a1, b1), (a2, b2) = [g for g, _ in bigrams.most_common(2)]
    first = top[0][0]
    return {
        "top": top[:15],
        "glob": [f"{first}*", f"?{top[1][-1]}"],
        "bigram": [a1 + b1, f"{a2} {b2}", a1],
        "nested": {
            "one": top[15:30] + [top[0]],
            "two": {"deep": top[30:40], "glob": [f"{top[2][0]}*"]},
        },
    }


def glob_test(g: str):
    rx = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in g))
    return lambda t: rx.fullmatch(t) is not None


class Entry:
    """A dictionary entry scanned in plain Python: a glob phrase token by token, else the
    characters of a run of tokens."""

    def __init__(self, entry: str) -> None:
        words = entry.split()
        self.tests = [glob_test(w) for w in words] if any(
            "*" in w or "?" in w for w in words) else None
        self.text = "".join(words)

    def first(self, t: str) -> bool:
        return self.tests[0](t) if self.tests else self.text.startswith(t)

    def ends(self, toks: list[str], i: int) -> list[int]:
        if self.tests:
            n = len(self.tests)
            ok = i + n <= len(toks) and all(f(t) for f, t in zip(self.tests, toks[i:],
                                                                  strict=False))
            return [i + n] if ok else []
        acc = ""
        for j in range(i, len(toks)):
            acc += toks[j]
            if acc == self.text:
                return [j + 1]
            if not self.text.startswith(acc):
                break
        return []


def entry_spans(sentences: list[list[str]], entries: list[str]) -> list[list[tuple]]:
    """Per sentence: every (start, end, entry) where an entry matches."""
    scans = {e: Entry(e) for e in entries}
    vocab = {t for s in sentences for t in s}
    starts = {t: [e for e, x in scans.items() if x.first(t)] for t in vocab}
    out = []
    for toks in sentences:
        found = []
        for i, t in enumerate(toks):
            for e in starts[t]:
                found.extend((i, j, e) for j in scans[e].ends(toks, i))
        out.append(found)
    return out


def py_lookup(sentences: list[list[str]], spans: list[list[tuple]], unit_of: list[int],
              n_units: int, flat: dict[str, list[str]], keys: list[str],
              exclusive: bool = True, nomatch: str | None = None,
              scope: str = "key") -> list[Counter]:
    """quanteda's tokens_lookup then dfm, per sentence (no match crosses one): longer
    matches first, then left to right; a category takes a match only if none of its tokens
    is already taken by that category; ``scope="dictionary"`` skips a match all of whose
    tokens another match already covers."""
    key_of: dict[str, list[int]] = {}
    for ki, entries in enumerate(flat.values()):
        for e in entries:
            key_of.setdefault(e, []).append(ki)
    rows = [Counter() for _ in range(n_units)]
    for k, toks in enumerate(sentences):
        row = rows[unit_of[k]]
        cands: dict[tuple[int, int], set[int]] = {}
        for i, j, e in spans[k]:
            for ki in key_of.get(e, []):
                cands.setdefault((j - i, i), set()).add(ki)
        covered = [False] * len(toks)
        taken = set()
        for (n, i) in sorted(cands, key=lambda x: (-x[0], x[1])):
            if scope == "dictionary" and all(covered[i:i + n]):
                continue
            hit = False
            for ki in sorted(cands[(n, i)]):
                if not any((ki, t) in taken for t in range(i, i + n)):
                    taken.update((ki, t) for t in range(i, i + n))
                    row[keys[ki]] += 1
                    hit = True
            if hit:
                covered[i:i + n] = [True] * n
        if not exclusive:
            row.update(t for t, c in zip(toks, covered, strict=True) if not c)
        elif nomatch is not None:
            row[nomatch] += len(toks) - sum(covered)
    return rows


def matrix_rows(m) -> list[Counter]:
    x = m.to_scipy().tocsr()
    terms = list(m.terms)
    return [Counter({terms[j]: int(v) for j, v in zip(x.indices[x.indptr[i]:x.indptr[i + 1]],
                                                         x.data[x.indptr[i]:x.indptr[i + 1]],
                                                         strict=True)})
            for i in range(x.shape[0])]


def sentence_units(c: wenmai.Corpus, su, unit: str) -> tuple[list[int], int]:
    """The unit of each sentence (``su``: the sentences' units table), and the number of
    units."""
    if unit == "sentence":
        return list(range(len(su))), len(su)
    if unit == "document":
        return [int(d) for d in su["document"]], len(c)
    units = c.dtm(unit=unit).units
    spans: dict[int, list[tuple[int, int, int]]] = {}
    for r, (d, a, b) in enumerate(zip(units["document"], units["start"], units["end"],
                                      strict=True)):
        spans.setdefault(int(d), []).append((int(a), int(b), r))
    unit_of = []
    for d, a in zip(su["document"], su["start"], strict=True):
        hit = [r for lo, hi, r in spans[int(d)] if lo <= a < hi or lo == a == hi]
        unit_of.append(hit[0])
    return unit_of, len(units)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["reports", "news"])
def test_every_category_as_a_direct_lookup(request: pytest.FixtureRequest, name: str) -> None:
    c = request.getfixturevalue(name)
    worst = 0
    checked = 0
    sentences = c.tokens(unit="sentence")
    su = c.dtm(unit="sentence").units
    d = wenmai.Dictionary(make_dictionary(sentences))
    spans = entry_spans(sentences, [e for v in d.flatten().values() for e in v])
    # Every option on the reports; the main ones on the news (the test time budget).
    units = ("document", "sentence", "paragraph") if name == "reports" else ("document",)
    for unit in units:
        unit_of, n = sentence_units(c, su, unit)
        if name == "reports" and unit != "sentence":  # the sentences make up the units
            joined: list[list[str]] = [[] for _ in range(n)]
            for k, toks in enumerate(sentences):
                joined[unit_of[k]].extend(toks)
            assert joined == c.tokens(unit=unit)
        cases = [
            dict(levels=None), dict(levels=1), dict(levels=[1, 3]),
            dict(nomatch="NONE"), dict(exclusive=False),
            dict(nested_scope="dictionary"),
        ] if unit == "document" and name == "reports" else [
            dict(levels=None), dict(exclusive=False), dict(nested_scope="dictionary"),
        ] if unit == "document" else [dict(levels=None)]
        for kw in cases:
            levels = kw.pop("levels", None)
            flat = d.flatten(levels)
            exclusive = kw.get("exclusive", True)
            keys = [k.upper() for k in flat] if not exclusive else list(flat)
            m = c.lookup(d, unit=unit, levels=levels, **kw)
            want = py_lookup(sentences, spans, unit_of, n, flat, keys, exclusive,
                             kw.get("nomatch"), kw.get("nested_scope", "key"))
            got = matrix_rows(m)
            assert len(got) == n
            assert set(keys) <= set(m.terms)
            for g, w in zip(got, want, strict=True):
                diff = sum(((g - w) + (w - g)).values())
                worst = max(worst, diff)
            checked += 1
            assert got == want, (unit, levels, kw)
            assert sum(w[k] for w in want for k in keys) > 0
    print(f"\nlookup vs a direct Python tokens_lookup ({name}): {checked} settings, "
          f"worst count difference {worst}")


def test_levels_and_nesting_as_quanteda() -> None:
    d = wenmai.Dictionary({"a": {"b": ["x"], "c": {"d": ["y"]}}, "e": ["z", {"f": ["w"]}]})
    assert d.flatten() == {"a.b": ["x"], "a.c.d": ["y"], "e": ["z"], "e.f": ["w"]}
    assert d.flatten(1) == {"a": ["x", "y"], "e": ["z", "w"]}
    assert d.flatten(2) == {"b": ["x"], "c": ["y"], "f": ["w"]}
    assert d.flatten([1, 3]) == {"a": ["x"], "a.d": ["y"], "e": ["z", "w"]}
    assert len(d) == 2 and "4 categories" in repr(d)


def test_every_file_format_reads_back(tmp_path: Path, reports: wenmai.Corpus) -> None:
    import yaml

    data = make_dictionary(reports.tokens(unit="sentence"))
    d = wenmai.Dictionary(data)
    (tmp_path / "d.yml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    flat = d.flatten()
    ids = {k: str(i + 1) for i, k in enumerate(flat)}
    by_entry: dict[str, list[str]] = {}
    for k, entries in flat.items():
        for e in entries:
            by_entry.setdefault(e, []).append(ids[k])
    liwc = ["%"] + [f"{i}\t{k}" for k, i in ids.items()] + ["%"]
    liwc += ["\t".join([e, *cats]) for e, cats in by_entry.items()]
    (tmp_path / "d.dic").write_text("\n".join(liwc) + "\n", encoding="utf-8")

    def cat_lines(node: object, depth: int) -> list[str]:
        out = []
        items = node.items() if isinstance(node, dict) else [(None, node)]
        for k, v in items:
            if k is not None:
                out.append("\t" * depth + k)
            inner = depth + (k is not None)
            if isinstance(v, dict):
                out += cat_lines(v, inner)
            else:
                out += ["\t" * inner + f"{e} (1)" for e in v]
        return out
    (tmp_path / "d.cat").write_text("\n".join(cat_lines(data, 0)) + "\n", encoding="utf-8")

    from_yaml = wenmai.Dictionary.read(tmp_path / "d.yml")
    from_cat = wenmai.Dictionary.from_wordstat(tmp_path / "d.cat")
    from_dic = wenmai.Dictionary.read(tmp_path / "d.dic")
    assert from_yaml == d and from_cat == d
    assert from_yaml.flatten() == flat and from_cat.flatten() == flat
    assert {k: sorted(v) for k, v in from_dic.flatten().items()} == \
        {k: sorted(v) for k, v in flat.items()}  # LIWC is flat: names keep their dots
    want = matrix_rows(reports.lookup(d))
    for other in (from_yaml, from_cat, from_dic):
        assert matrix_rows(reports.lookup(other)) == want
    with pytest.raises(ValueError, match="format"):
        wenmai.Dictionary.read(tmp_path / "d.txt")


def test_matrix_is_a_doc_term_matrix(reports: wenmai.Corpus) -> None:
    m = reports.lookup({"改革": ["改革*"], "开放": ["开放", "对外 开放"]})
    assert isinstance(m, wenmai.DocTermMatrix)
    assert list(m.terms) == ["开放", "改革"]
    assert m.shape == (len(reports), 2)
    assert list(m.units["doc_id"]) == reports.ids
    assert (m.to_numpy().sum(axis=0) > 0).all()
    zero = reports.lookup({"甲": ["没有这个词语啊"], "乙": ["改革"]})
    assert list(zero.terms) == ["乙", "甲"] and zero.to_numpy()[:, 1].sum() == 0


def test_bad_input_says_what_to_change(reports: wenmai.Corpus) -> None:
    with pytest.raises(ValueError, match="category"):
        reports.lookup({})
    with pytest.raises(ValueError, match="levels"):
        reports.lookup({"a": ["改革"]}, levels=0)
    with pytest.raises(ValueError, match="levels"):
        reports.lookup({"a": ["改革"]}, levels=3)
    with pytest.raises(ValueError, match="nomatch"):
        reports.lookup({"a": ["改革"]}, exclusive=False, nomatch="NONE")
    with pytest.raises(ValueError, match=re.escape("[改")):
        reports.lookup({"a": ["[改"]}, valuetype="regex")
    with pytest.raises(ValueError, match="nested_scope"):
        reports.lookup({"a": ["改革"]}, nested_scope="all")
    with pytest.raises(ValueError, match="empty"):
        wenmai.Dictionary({"a": ["改革", " "]})
    with pytest.raises(ValueError, match="category"):
        wenmai.Dictionary({"a": [3]})

"""``wenmai.Dictionary`` (quanteda's ``dictionary``) and ``Corpus.lookup`` (quanteda's
``tokens_lookup`` followed by ``dfm``): categories of entries read from a Python dict, YAML,
LIWC ``.dic`` or Wordstat ``.cat`` files, counted in Rust."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from wenmai._stats import CorpusLike
from wenmai._wenmai import corpus_lookup

if TYPE_CHECKING:
    from wenmai._wenmai import Analyzer, DocTermMatrix

# A category: its entries, then its subcategories (name -> category), in the order given.
_Node = tuple[list[str], dict[str, Any]]


def _node(value: Any, where: str) -> _Node:
    """A category from a Python value: a string (one entry), a list of strings and dicts, or
    a dict of subcategories."""
    entries: list[str] = []
    subs: dict[str, Any] = {}
    items: Iterable[Any]
    if isinstance(value, str):
        items = [value]
    elif isinstance(value, Mapping):
        items = [value]
    elif isinstance(value, Iterable):
        items = value
    else:
        raise ValueError(
            f"category {where!r}: entries must be strings, lists of strings or dicts of "
            f"subcategories, not {type(value).__name__}")
    for item in items:
        if isinstance(item, str):
            if not item.strip():
                raise ValueError(f"category {where!r} has an empty entry: remove it")
            entries.append(item.strip())
        elif isinstance(item, Mapping):
            for k, v in item.items():
                name = str(k)
                if not name.strip():
                    raise ValueError(f"category {where!r} has a subcategory with no name")
                if name in subs:
                    raise ValueError(f"category {where!r} names {name!r} twice: merge them")
                subs[name] = _node(v, f"{where}.{name}" if where else name)
        else:
            raise ValueError(
                f"category {where!r}: entry {item!r} is neither a string nor a dict of "
                f"subcategories")
    return entries, subs


class Dictionary:
    """Categories of entries, as quanteda's ``dictionary()``: ``Dictionary({"经济": ["经济*",
    "市场"], "政治": {"党建": ["全面从严治党"], "改革": "改革*"}})``. Nested dicts are nested
    categories (flattened with their names joined by ``"."``: ``"政治.党建"``).

    An entry is a glob (``*`` any characters, ``?`` one; a whole token must match), a term,
    or an unsegmented or space-separated string (``"全面从严治党"``, ``"全面 从严 治党"``)
    that matches any run of tokens whose characters join to it, however jieba split it; a
    space-separated entry with a glob in a part is matched token by token.

    Read one from a file with ``Dictionary.read(path)`` (by extension) or
    ``from_yaml`` / ``from_liwc`` / ``from_wordstat``."""

    def __init__(self, categories: Mapping[str, Any]) -> None:
        if not isinstance(categories, Mapping):
            raise ValueError(
                f"a Dictionary is made from a dict of category -> entries, not "
                f"{type(categories).__name__}")
        entries, subs = _node(categories, "")
        if entries:
            raise ValueError(f"entries {entries[:3]} have no category: put them under a key")
        self._root: dict[str, Any] = subs

    # --- readers ---------------------------------------------------------------------------
    @classmethod
    def read(cls, path: str | os.PathLike[str], format: str | None = None,
             encoding: str = "utf-8") -> Dictionary:
        """A dictionary file: ``format`` ``"yaml"`` (``.yml``, ``.yaml``), ``"liwc"``
        (``.dic``) or ``"wordstat"`` (``.cat``), by default from the extension."""
        ext = Path(path).suffix.lower()
        fmt = format or {".yml": "yaml", ".yaml": "yaml", ".dic": "liwc",
                         ".cat": "wordstat"}.get(ext)
        readers = {"yaml": cls.from_yaml, "liwc": cls.from_liwc, "wordstat": cls.from_wordstat}
        if fmt not in readers:
            raise ValueError(
                f"cannot tell the format of {os.fspath(path)!r}: pass format= one of "
                f"{sorted(readers)}")
        return readers[fmt](path, encoding=encoding)

    @classmethod
    def from_yaml(cls, path: str | os.PathLike[str], encoding: str = "utf-8") -> Dictionary:
        """quanteda's YAML format: a mapping of category -> list of entries, nested mappings
        for nested categories."""
        import yaml

        data = yaml.safe_load(Path(path).read_text(encoding=encoding))
        if not isinstance(data, Mapping):
            raise ValueError(f"{os.fspath(path)!r} is not a YAML mapping of categories")
        return cls(data)

    @classmethod
    def from_liwc(cls, path: str | os.PathLike[str], encoding: str = "utf-8") -> Dictionary:
        """A LIWC ``.dic`` file: between two ``%`` lines, ``id<TAB>category`` lines; then
        ``entry<TAB>id<TAB>id…`` lines (an entry may have spaces: the ids are the trailing
        numbers)."""
        lines = Path(path).read_text(encoding=encoding).lstrip("\ufeff").splitlines()
        marks = [i for i, line in enumerate(lines) if line.strip() == "%"]
        if len(marks) < 2:
            raise ValueError(
                f"{os.fspath(path)!r} is not a LIWC dictionary: it needs a header of "
                f"categories between two '%' lines")
        names: dict[str, str] = {}
        for line in lines[marks[0] + 1:marks[1]]:
            parts = line.split()
            if len(parts) >= 2:
                names[parts[0]] = " ".join(parts[1:])
        out: dict[str, list[str]] = {n: [] for n in names.values()}
        for n, line in enumerate(lines[marks[1] + 1:], start=marks[1] + 2):
            if not line.strip():
                continue
            fields = line.split("\t") if "\t" in line else line.split()
            fields = [f.strip() for f in fields if f.strip()]
            k = len(fields)
            while k > 1 and fields[k - 1] in names:
                k -= 1
            entry = " ".join(fields[:k])
            if k == len(fields):
                raise ValueError(f"{os.fspath(path)!r} line {n}: {line!r} names no category "
                                 f"of the header")
            for cid in fields[k:]:
                out[names[cid]].append(entry)
        return cls({k: v for k, v in out.items() if v})

    @classmethod
    def from_wordstat(cls, path: str | os.PathLike[str], encoding: str = "utf-8") -> Dictionary:
        """A Wordstat ``.cat`` file: categories on their own lines, nested by indentation,
        entries ``WORD (1)`` (the weight in brackets is dropped) indented under them."""
        root: dict[str, Any] = {}
        stack: list[tuple[int, dict[str, Any]]] = [(-1, root)]
        entry_re = re.compile(r"^(.*?)\s*\(\s*[-+.\d]+\s*\)\s*$")
        text = Path(path).read_text(encoding=encoding).lstrip("\ufeff")
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            indent = len(line) - len(line.lstrip(" \t"))
            body = line.strip()
            while stack[-1][0] >= indent:
                stack.pop()
            parent = stack[-1][1]
            m = entry_re.match(body)
            if m:
                if parent is root:
                    raise ValueError(f"{os.fspath(path)!r} line {n}: entry {body!r} is under "
                                     f"no category")
                parent.setdefault("", []).append(m.group(1))
            else:
                node: dict[str, Any] = {}
                parent[body] = node
                stack.append((indent, node))
        return cls(_from_tree(root))

    # --- views -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The categories as nested dicts and lists (a category with both entries and
        subcategories is a list of its entries followed by a dict of them)."""
        def plain(node: _Node) -> Any:
            entries, subs = node
            if not subs:
                return list(entries)
            nested = {k: plain(v) for k, v in subs.items()}
            return [*entries, nested] if entries else nested
        return {k: plain(v) for k, v in self._root.items()}

    def flatten(self, levels: int | Sequence[int] | None = None) -> dict[str, list[str]]:
        """Categories to entries with nested names joined by ``"."``, keeping the nesting
        ``levels`` (1 = top; quanteda's ``levels``): the names at other levels are left out,
        so their entries count under the kept levels (and entries above every kept level are
        dropped, as in quanteda)."""
        keep = _levels(levels)
        flat: dict[str, list[str]] = {}

        def walk(subs: dict[str, Any], level: int, parent: str) -> None:
            for name, (entries, children) in subs.items():
                key = (f"{parent}.{name}" if parent else name) if level in keep else parent
                if key and entries:
                    flat.setdefault(key, []).extend(entries)
                walk(children, level + 1, key)

        walk(self._root, 1, "")
        return flat

    def keys(self, levels: int | Sequence[int] | None = None) -> list[str]:
        """The flattened category names (see ``flatten``)."""
        return list(self.flatten(levels))

    def __len__(self) -> int:
        return len(self._root)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Dictionary) and self.to_dict() == other.to_dict()

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        flat = self.flatten()
        return (f"<wenmai.Dictionary: {len(self)} top-level categories, {len(flat)} "
                f"categories, {sum(map(len, flat.values()))} entries>")


def _from_tree(tree: dict[str, Any]) -> dict[str, Any]:
    """Wordstat's parsed tree (entries under the key ``""``) as ``Dictionary`` input."""
    out: dict[str, Any] = {}
    for name, node in tree.items():
        if name == "":
            continue
        entries = node.get("", [])
        subs = _from_tree(node)
        out[name] = [*entries, subs] if subs else entries
    return out


def _levels(levels: int | Sequence[int] | None) -> set[int]:
    if levels is None:
        return set(range(1, 101))
    values = [levels] if isinstance(levels, int) else list(levels)
    if not values or any(isinstance(v, bool) or not isinstance(v, int) or v < 1
                         for v in values):
        raise ValueError(f"levels = {levels!r}: give nesting levels as whole numbers from 1 "
                         f"(1 = the top categories)")
    return set(values)


def lookup(corpus: CorpusLike, dictionary: Dictionary | Mapping[str, Any], unit: str = "document",
           levels: int | Sequence[int] | None = None, exclusive: bool = True,
           nomatch: str | None = None, analyzer: Analyzer | None = None, *,
           capkeys: bool | None = None, nested_scope: str = "key", valuetype: str = "glob",
           case_insensitive: bool = True) -> DocTermMatrix:
    """See ``Corpus.lookup``."""
    d = dictionary if isinstance(dictionary, Dictionary) else Dictionary(dictionary)
    flat = d.flatten(levels)
    if not flat:
        raise ValueError(f"levels = {levels!r} leave no category with entries: choose levels "
                         f"the dictionary has")
    if nomatch is not None and not exclusive:
        raise ValueError("nomatch counts unmatched tokens with exclusive=True; with "
                         "exclusive=False they are kept as themselves: drop one of the two")
    if nomatch is not None and (not isinstance(nomatch, str) or not nomatch):
        raise ValueError(f"nomatch = {nomatch!r}: give the name of a column, such as 'NONE'")
    if valuetype not in ("glob", "regex"):
        raise ValueError(f"valuetype = {valuetype!r}: choose 'glob' or 'regex'")
    caps = (not exclusive) if capkeys is None else capkeys
    names = [k.upper() if caps else k for k in flat]
    if len(set(names)) != len(names):
        raise ValueError("capkeys=True makes two categories the same name: rename one, or "
                         "pass capkeys=False")
    entry_keys = [i for i, v in enumerate(flat.values()) for _ in v]
    entries = [e for v in flat.values() for e in v]
    return corpus_lookup(corpus._core, names, entry_keys, entries, unit, not exclusive,
                         nomatch, nested_scope, valuetype == "regex", case_insensitive, analyzer)

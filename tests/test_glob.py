"""``Corpus.from_dir`` lists files in Rust (``_wenmai.glob_files``) exactly as pathlib does:
the same files, in the same order (by parts), with the same ids; patterns or trees it cannot
promise that for are listed by pathlib."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest
import wenmai
import wenmai.corpus as corpus_module
from wenmai._listing import safe_id
from wenmai._wenmai import glob_files

pytestmark = pytest.mark.skipif(not corpus_module._RUST_GLOB,
                                reason="pathlib lists on this platform")

PATTERNS = [
    "**/*.txt", "*.txt", "*.md", "sub/*.txt", "**/*", "**/报告*.txt", "*.[tT][xX][tT]",
    "*", "*/*.txt", "*/*/*.txt", "**/deep/*.txt", "**/c.txt", "link_dir/*.txt", "[ab].txt",
    "[a-c]*", "./*.txt", "sub//*.txt", "**/*.[mM][dD]", "x.txt", "a/b.txt", "missing/*.txt",
    "x.txt/*", "**/.*", ".*", "*.", "*/deep/*", "{a,b}.txt", "**/*报告*",
]

# Patterns whose meaning differs between pathlib (fnmatch) and globset (which matches `?` and
# a class of non-ASCII characters against one byte), or that pathlib rejects: Rust declines
# them and pathlib lists.
DECLINED = [
    "?.txt", "[报告]*.txt", "sub/报告?.txt",
    "*.{txt,md}", "[!a]*.txt", "[^a]*.txt", "**/", "sub/**", "**", "../*.txt", "**/**/*.txt",
    "\\*.txt", "[a*", "a]*", "[z-a]*", "/tmp/*.txt",
]


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "tree"
    body = "关于加强管理的通知\n\n一、总体要求\n做好{}工作。\n"
    for name in [
        "a.txt", "b.md", ".hidden.txt", "README", "报告2023.txt", "upper.TXT", "mixed.Txt",
        "a.b.txt", "a-c.txt", "a/b.txt", "x.txt/inner.txt", "sub/c.txt", "sub/报告一.txt",
        "sub/.dot.txt", "sub/notes.md", "sub/deep/d.txt", "sub/deep/e.MD", ".hiddendir/e.txt",
        ".hiddendir/报告三.txt", "name with space.txt", "new\nline.txt", "x.tar.gz", "noext.",
        ".txt", "{a,b}.txt", "z/y/x/w.txt", "数据/报告四.txt", "数据/附件.md",
    ]:
        _write(root / name, body.format(name.replace("\n", " ")))
    (root / "empty_dir.txt").mkdir()
    os.symlink("sub/c.txt", root / "link_file.txt")
    os.symlink("sub", root / "link_dir")
    os.symlink("nowhere.txt", root / "broken.txt")
    os.symlink("..", root / "sub" / "loop")
    os.symlink("../../a.txt", root / "sub" / "deep" / "up.txt")
    return root


def _pathlib(root: Path, pattern: str) -> tuple[list[str], list[str]]:
    """The listing ``from_dir`` made before Rust: pathlib's files, sorted by parts."""
    files = sorted((p for p in root.glob(pattern) if p.is_file()), key=lambda p: p.parts)
    return ([os.fspath(p) for p in files],
            [p.relative_to(root).with_suffix("").as_posix() for p in files])


@pytest.mark.parametrize("pattern", PATTERNS)
def test_rust_listing_is_pathlibs(tree: Path, pattern: str) -> None:
    listed = glob_files(os.fspath(tree), pattern)
    assert listed is not None, pattern
    assert listed == _pathlib(tree, pattern)


def test_listing_covers_the_tricky_entries(tree: Path) -> None:
    paths, ids = glob_files(os.fspath(tree), "**/*")
    rel = [os.path.relpath(p, tree) for p in paths]
    assert ".hidden.txt" in rel and ".hiddendir/e.txt" in rel  # dotfiles are not hidden
    assert "link_file.txt" in rel and "sub/deep/up.txt" in rel  # links to files count
    assert "broken.txt" not in rel and "empty_dir.txt" not in rel and "x.txt" not in rel
    assert not any(r.startswith(("link_dir/", "sub/loop/")) for r in rel)  # ** skips links
    assert "x.txt/inner" in ids and ".txt" in ids and "noext." in ids and "x.tar" in ids
    assert rel.index("a/b.txt") < rel.index("a-c.txt") < rel.index("a.b.txt")  # by parts
    # A component after a wildcard enters symlinked directories, as pathlib.
    paths, _ = glob_files(os.fspath(tree), "*/*.txt")
    assert os.fspath(tree / "link_dir" / "c.txt") in paths


@pytest.mark.parametrize("pattern", DECLINED)
def test_doubtful_patterns_are_left_to_pathlib(tree: Path, pattern: str) -> None:
    assert glob_files(os.fspath(tree), pattern) is None
    try:
        expected = _pathlib(tree, pattern)
    except (ValueError, NotImplementedError) as e:
        with pytest.raises(type(e)):
            corpus_module._glob_files(tree, pattern)
    else:
        assert corpus_module._glob_files(tree, pattern) == expected


def test_names_that_are_not_utf8_are_left_to_pathlib(tree: Path) -> None:
    fd = os.open(os.fsencode(tree) + b"/bad\xff.txt", os.O_CREAT | os.O_WRONLY)
    os.close(fd)
    assert glob_files(os.fspath(tree), "**/*.txt") is None
    assert glob_files(os.fspath(tree), "sub/*.txt") is not None  # not in the way there
    paths, ids = _pathlib(tree, "**/*.txt")
    # The same files; the ids without lone surrogates (their bytes escaped as \xNN).
    assert corpus_module._glob_files(tree, "**/*.txt") == (paths, [safe_id(i) for i in ids])
    assert "bad\\xff" in corpus_module._glob_files(tree, "**/*.txt")[1]
    assert glob_files("/tmp/\udcff", "*.txt") is None


@pytest.mark.parametrize("spelling", ["relative", "trailing slash", "symlink", "dot"])
def test_root_spellings(tree: Path, spelling: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if spelling == "relative":
        monkeypatch.chdir(tree.parent)
        root = Path("tree")
    elif spelling == "trailing slash":
        root = Path(os.fspath(tree) + "/")
    elif spelling == "symlink":
        os.symlink(tree, tree.parent / "alias")
        root = tree.parent / "alias"
    else:
        monkeypatch.chdir(tree)
        root = Path(".")
    for pattern in ["**/*.txt", "*.md", "sub/*.txt"]:
        assert glob_files(os.fspath(root), pattern) == _pathlib(root, pattern)


def test_generated_patterns_match_fnmatch(tmp_path: Path) -> None:
    """Random names and patterns of the accepted syntax: Rust's listing is pathlib's."""
    rng = random.Random(20240611)
    letters = "aAbBtT.报告_- 1x!^&(+$|"
    names = {"".join(rng.choice(letters) for _ in range(rng.randint(1, 6))) for _ in range(400)}
    for name in names:
        if name not in (".", ".."):
            (tmp_path / name).write_bytes(b"")
    tokens = ["*", "?", "a", "A", "t", ".", "报", "告", "-", " ", "[aA]", "[a-c]", "[报告]",
              "[0-9]", "[.]", "[tT]", "x", "**", "!", "^", "&", "(", "+",
              "$", "|", "[a-c_]"]
    checked = 0
    for _ in range(300):
        pattern = "".join(rng.choice(tokens) for _ in range(rng.randint(1, 5)))
        listed = glob_files(os.fspath(tmp_path), pattern)
        if "**" in pattern:
            assert listed is None  # pathlib raises: "**" within a component
            continue
        if "?" in pattern or "[报告]" in pattern:
            assert listed is None
            listed = corpus_module._glob_files(tmp_path, pattern)
        else:
            checked += 1
        assert listed == _pathlib(tmp_path, pattern), pattern
    assert checked > 50


def test_from_dir_reads_what_pathlib_lists(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for pattern in ["**/*.txt", "*.txt", "**/*", "sub/*.txt"]:
        # `broken.txt` is a dangling symlink: an error now, not left out in silence.
        rust = wenmai.Corpus.from_dir(tree, pattern=pattern, errors="skip")
        with monkeypatch.context() as m:
            m.setattr(corpus_module, "_RUST_GLOB", False)
            before = wenmai.Corpus.from_dir(tree, pattern=pattern, errors="skip")
        assert rust.ids == before.ids and rust.errors == before.errors
        if pattern != "sub/*.txt":
            assert [os.path.basename(e.path) for e in rust.errors] == ["broken.txt"]
        assert [d.text for d in rust] == [d.text for d in before]
        assert rust.docvars["path"].tolist() == before.docvars["path"].tolist()
    assert "sub/deep/d" in wenmai.Corpus.from_dir(tree, errors="skip").ids
    with pytest.raises(FileNotFoundError, match="broken.txt: a dangling symlink"):
        wenmai.Corpus.from_dir(tree)


def test_io_errors_are_left_to_pathlib(tree: Path) -> None:
    # A symlink to itself: following it fails with ELOOP (for root too), which pathlib
    # swallows for a wildcard component; Rust declines and pathlib lists.
    os.symlink("loopy", tree / "loopy")
    assert glob_files(os.fspath(tree), "*/*.txt") is None
    assert corpus_module._glob_files(tree, "*/*.txt") == _pathlib(tree, "*/*.txt")
    # An unreadable directory (root reads every directory, so only for other users).
    if os.geteuid() != 0:
        locked = tree / "sub" / "deep"
        locked.chmod(0)
        try:
            assert glob_files(os.fspath(tree), "**/*.txt") is None
            assert corpus_module._glob_files(tree, "**/*.txt") == _pathlib(tree, "**/*.txt")
        finally:
            locked.chmod(0o755)

"""What a folder's listing leaves out: the entries a ``pathlib`` glob matches but does not
give as files (FIFOs, sockets, devices, dangling or looping symlinks) and the sub-folders it
cannot read, each as a ``FileError`` with its reason, so that ``Corpus.from_dir`` loses no
path in silence. Also the safe id of a file name that is not UTF-8."""

from __future__ import annotations

import errno
import os
import re
import stat
from pathlib import Path

from wenmai._errors import FileError

# The Rust error for a path that is not a regular file, with the same words.
_KINDS = {stat.S_IFIFO: "a FIFO (named pipe)", stat.S_IFSOCK: "a socket",
          stat.S_IFCHR: "a character device", stat.S_IFBLK: "a block device"}


def safe_id(name: str) -> str:
    """An id without the lone surrogates that stand for a name's non-UTF-8 bytes: each such
    byte as ``\\xNN`` (the file itself is still read by its original name)."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _component_regex(part: str) -> str:
    """One glob component (``*``, ``?``, ``[...]``) as a regex within one path component."""
    out, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (j := part.find("]", i + 2)) != -1:
            body = part[i + 1:j]
            if body.startswith("!"):
                body = "^" + body[1:]
            out.append("[" + body.replace("\\", "\\\\") + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def _pattern(pattern: str) -> tuple[re.Pattern[str], float] | None:
    """The pattern as a regex over relative paths and the deepest entry it can match; None
    for what is not a file pattern (a trailing ``**``, ``..``, an absolute path)."""
    parts = [p for p in pattern.split("/") if p not in ("", ".")]
    if not parts or parts[-1] == "**" or ".." in parts or pattern.startswith("/"):
        return None
    regex = "".join("(?:[^/]+/)*" if p == "**" else _component_regex(p) + "/" for p in parts)
    depth = float("inf") if "**" in parts else len(parts)
    return re.compile(regex[:-1] + r"\Z", re.DOTALL), depth


def _odd_entry(path: str) -> tuple[str, str] | None:
    """``(kind, message)`` for a path that a glob's ``is_file()`` leaves out, None for a
    regular file or a folder."""
    try:
        st = os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return "OSError", f"{path}: a symlink loop (its target leads back to itself)"
        if os.path.islink(path):
            return ("FileNotFoundError",
                    f"{path}: a dangling symlink (its target {os.readlink(path)!r} is missing)")
        return type(e).__name__, f"{path}: {e.strerror}"
    kind = _KINDS.get(stat.S_IFMT(st.st_mode))
    if kind is not None:
        return "ParseError", f"{path}: {kind}, not a regular file: refused, not read"
    return None


def unlisted(root: Path, pattern: str) -> list[FileError]:
    """The entries under ``root`` that match ``pattern`` and are not files a glob gives, and
    the folders that cannot be listed, sorted by path. Symlinked folders are not entered."""
    compiled = _pattern(pattern)
    if compiled is None:
        return []
    regex, max_depth = compiled
    out: list[FileError] = []
    top = os.fspath(root)

    def walk(folder: str, rel: str, depth: int) -> None:
        try:
            entries = list(os.scandir(folder))
        except OSError as e:
            out.append(FileError(folder, type(e).__name__,
                                 f"{folder}: cannot list this folder ({e.strerror}): its "
                                 "files are not read"))
            return
        for entry in entries:
            name = entry.name
            sub = f"{rel}/{name}" if rel else name
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 < max_depth:
                        walk(entry.path, sub, depth + 1)
                    continue
                if entry.is_file(follow_symlinks=False):
                    continue
            except OSError:
                pass
            if regex.match(sub) is None:
                continue
            odd = _odd_entry(entry.path)
            if odd is not None:
                out.append(FileError(entry.path, *odd))

    walk(top, "", 0)
    return sorted(out, key=lambda e: e.path)


def as_exception(error: FileError) -> Exception:
    """The exception ``errors="raise"`` raises for an entry of ``unlisted``."""
    from wenmai import ParseError

    types: dict[str, type[Exception]] = {
        "FileNotFoundError": FileNotFoundError, "PermissionError": PermissionError,
        "ParseError": ParseError}
    return types.get(error.kind, OSError)(error.message)


__all__ = ["as_exception", "safe_id", "unlisted"]

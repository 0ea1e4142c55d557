"""Hostile input on the reading side (issue 23): limits, nothing lost, nothing guessed."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import warnings

import pytest
import wenmai

ROOT = os.geteuid() == 0


def _unblock_later(fifo: str, after: float = 3.0) -> threading.Timer:
    """A writer that comes after a while: a reader that opened the FIFO gets data and EOF,
    so that a regression fails the test instead of hanging it."""
    def write() -> None:
        try:
            fd = os.open(fifo, os.O_RDWR | os.O_NONBLOCK)
            os.write(fd, "正文。".encode())
            os.close(fd)
        except OSError:
            pass
    timer = threading.Timer(after, write)
    timer.daemon = True
    timer.start()
    return timer


@pytest.fixture()
def fifo(tmp_path):
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    timer = _unblock_later(str(path))
    yield path
    timer.cancel()


# --- not regular files, links, names ---------------------------------------------------------

def test_a_fifo_is_refused_not_opened(fifo):
    start = time.perf_counter()
    with pytest.raises(wenmai.ParseError, match="FIFO"):
        wenmai.read(fifo)
    corpus = wenmai.Corpus.from_files([fifo], errors="skip")
    assert len(corpus) == 0 and "FIFO" in corpus.errors[0].message
    assert time.perf_counter() - start < 2


def test_cli_parse_of_a_fifo_does_not_block(fifo):
    run = subprocess.run([sys.executable, "-m", "wenmai", "parse", str(fifo)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1
    assert "FIFO" in run.stderr and "Traceback" not in run.stderr


def _hostile_folder(tmp_path):
    """A folder with one of each entry that a listing can lose; returns the number of
    entries matching **/*.txt and how many of them are readable documents."""
    d = tmp_path / "c"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text("第一篇。", encoding="utf-8")
    (d / "sub" / "b.txt").write_text("第二篇。", encoding="utf-8")
    os.mkfifo(d / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(os.fspath(d / "sock.txt"))
    sock.close()  # the socket file stays
    os.symlink(d / "missing.txt", d / "dangling.txt")
    os.symlink(d / "loop.txt", d / "loop.txt")
    os.symlink(d / "a.txt", d / "link.txt")  # a good link: a document
    bad_name = os.fsencode(d) + b"/bad-\xff\xfe.txt"
    with open(bad_name, "wb") as f:
        f.write("第三篇。".encode())
    (d / "notes.md").write_text("不匹配。", encoding="utf-8")
    entries, docs = 8, 4
    if not ROOT:  # permission bits do not stop root: tested only as a user
        (d / "locked").mkdir()
        (d / "locked" / "c.txt").write_text("看不到。", encoding="utf-8")
        (d / "secret.txt").write_text("读不了。", encoding="utf-8")
        os.chmod(d / "locked", 0)
        os.chmod(d / "secret.txt", 0)
        entries += 2
    elif os.path.exists("/proc/self/mem"):
        # Root reads any file: one that fails on read (EIO at offset 0) stands in.
        os.symlink("/proc/self/mem", d / "mem.txt")
        entries += 1
    return d, entries, docs


def test_from_dir_loses_no_entry(tmp_path):
    d, entries, docs = _hostile_folder(tmp_path)
    try:
        corpus = wenmai.Corpus.from_dir(d, errors="skip")
    finally:
        for p in (d / "locked", d / "secret.txt"):
            if p.exists():
                os.chmod(p, 0o700)
    assert len(corpus) == docs
    assert len(corpus) + len(corpus.errors) == entries
    reasons = {os.path.basename(e.path): e.message for e in corpus.errors}
    assert "FIFO" in reasons["pipe.txt"]
    assert "a socket, not a regular file" in reasons["sock.txt"]
    assert "dangling symlink" in reasons["dangling.txt"]
    assert "loop" in reasons["loop.txt"]
    if not ROOT:
        assert "cannot list this folder" in reasons["locked"]
        assert corpus.errors[[os.path.basename(e.path) for e in corpus.errors].index(
            "secret.txt")].kind == "PermissionError"
    elif "mem.txt" in reasons:
        assert "Input/output error" in reasons["mem.txt"]
    # The name that is not UTF-8: a safe id, the file still read.
    assert "bad-\\xff\\xfe" in corpus.ids
    assert corpus[corpus.ids.index("bad-\\xff\\xfe")].text == "第三篇。"


def test_from_dir_raise_names_the_first_odd_entry(tmp_path):
    d = tmp_path / "c"
    d.mkdir()
    (d / "a.txt").write_text("正文。", encoding="utf-8")
    os.symlink(d / "missing.txt", d / "b.txt")
    with pytest.raises(FileNotFoundError, match="dangling symlink"):
        wenmai.Corpus.from_dir(d)


def test_a_directory_given_as_a_file(tmp_path):
    with pytest.raises(IsADirectoryError):
        wenmai.read(tmp_path)
    corpus = wenmai.Corpus.from_files([tmp_path], errors="skip")
    assert corpus.errors[0].kind == "IsADirectoryError"


def test_set_docvar_from_two_threads_keeps_every_column():
    corpus = wenmai.Corpus.from_texts(["一。", "二。", "三。"])

    def add(prefix: str) -> None:
        for i in range(40):
            corpus.set_docvar(f"{prefix}{i}", [i, i, i])

    threads = [threading.Thread(target=add, args=(p,)) for p in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    columns = set(corpus.docvars.columns)
    assert {f"{p}{i}" for p in "ab" for i in range(40)} <= columns


# --- limits ----------------------------------------------------------------------------------

def test_max_bytes_refuses_before_reading(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("正文。" * 100, encoding="utf-8")  # 900 bytes
    (tmp_path / "small.txt").write_text("正文。", encoding="utf-8")
    with pytest.raises(wenmai.ParseError, match=r"big\.txt: 900 bytes.*max_bytes"):
        wenmai.read(big, max_bytes=100)
    assert wenmai.read(big, max_bytes=900).text.startswith("正文")
    assert wenmai.read(big, max_bytes=None).text.startswith("正文")
    with pytest.raises(ValueError, match="max_bytes must be >= 0"):
        wenmai.read(big, max_bytes=-1)
    corpus = wenmai.Corpus.from_dir(tmp_path, errors="skip", max_bytes=100)
    assert corpus.ids == ["small"] and corpus.errors[0].path.endswith("big.txt")
    with pytest.raises(wenmai.ParseError, match="big.txt"):
        wenmai.Corpus.from_files([big], max_bytes=100)
    stream = wenmai.Corpus.stream([big, tmp_path / "small.txt"], max_bytes=100)
    assert stream.stats().n_units == 1 and stream.errors[0].path.endswith("big.txt")


def test_cli_names_what_a_folder_listing_leaves_out(tmp_path):
    (tmp_path / "a.txt").write_text("第一条 正文。", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    os.symlink(tmp_path / "missing.txt", tmp_path / "dangling.txt")
    run = subprocess.run([sys.executable, "-m", "wenmai", "parse", str(tmp_path), "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "正文" in run.stdout
    assert "pipe.txt" in run.stderr and "FIFO" in run.stderr
    assert "dangling.txt" in run.stderr and "dangling symlink" in run.stderr


def test_cli_max_bytes(tmp_path):
    from wenmai.cli import _max_bytes

    big, small = tmp_path / "big.txt", tmp_path / "small.txt"
    big.write_text("正文。" * 100, encoding="utf-8")
    small.write_text("短文。", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "wenmai", "parse", str(big), str(small),
                          "--max-bytes", "100", "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "big.txt" in run.stderr and "max-bytes" in run.stderr
    assert "短文" in run.stdout and "Traceback" not in run.stderr
    assert (_max_bytes("1K"), _max_bytes("200M"), _max_bytes("2g"), _max_bytes("0")) == (
        1000, 200_000_000, 2_000_000_000, None)


def test_cli_max_bytes_applies_to_tables(tmp_path):
    """A table is a file too: a big one is refused before pandas reads it, and with a
    table among the inputs the text files keep their limit."""
    table, big, small = tmp_path / "rows.csv", tmp_path / "big.txt", tmp_path / "small.txt"
    table.write_text("text\n" + "正文。\n" * 100, encoding="utf-8")
    big.write_text("正文。" * 100, encoding="utf-8")
    small.write_text("短文。", encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "wenmai", "parse", str(table), str(big),
                          str(small), "--max-bytes", "100", "--json"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 1 and "Traceback" not in run.stderr
    errors = [line for line in run.stderr.splitlines() if line.startswith("wenmai:")]
    assert len(errors) == 2 and "rows.csv: 1005 bytes" in errors[0] and "big.txt" in errors[1]
    assert [json.loads(line)["text"] for line in run.stdout.splitlines()] == ["短文。"]


def test_deep_html_is_refused_fast(tmp_path):
    start = time.perf_counter()
    with pytest.raises(wenmai.ParseError, match="nested deeper than 1000"):
        wenmai.parse_html("<div>" * 100_000)
    page = tmp_path / "deep.html"
    page.write_text("<b>" * 50_000 + "正文", encoding="utf-8")
    with pytest.raises(wenmai.ParseError, match="deep.html"):
        wenmai.read(page)
    assert time.perf_counter() - start < 5
    nested = "<div>" * 500 + "正文" + "</div>" * 500
    assert wenmai.parse_html(nested).text == "正文"


# --- encodings -------------------------------------------------------------------------------

def test_short_gbk_is_read_as_chinese_with_a_warning(tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes("通知".encode("gbk"))
    with pytest.warns(UserWarning, match="encoding"):
        doc = wenmai.read(path)
    assert doc.text == "通知"
    assert dict(doc.meta.extra)["encoding_confidence"] == "low"
    assert wenmai.decode("通知".encode("gbk")) == "通知"
    long = "关于做好二〇二五年春节期间安全生产工作的通知。" * 3
    path.write_bytes(long.encode("gbk"))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = wenmai.read(path)
    assert doc.text == long and "encoding_confidence" not in dict(doc.meta.extra)


def test_random_bytes_are_not_text():
    import random

    rng = random.Random(23)
    data = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(wenmai.DecodeError):
        wenmai.decode(data)
    assert wenmai.decode(data, errors="replace")


def test_utf16_without_bom():
    text = "标题\n\n第一条 正文。Article 1.\n"
    le, be = text.encode("utf-16-le"), text.encode("utf-16-be")
    assert wenmai.decode(le) == text
    assert wenmai.decode(be) == text
    assert wenmai.decode(le, encoding="utf-16-le") == text
    assert wenmai.decode("通知".encode("utf-16-le"), encoding="utf-16-le") == "通知"
    with pytest.raises(wenmai.DecodeError, match="encoding='utf-16-le'"):
        wenmai.decode(le[:-1])


@pytest.mark.parametrize("name", ["utf-16-le", "utf-16-be", "gbk", "big5", "cp936", "gb2312",
                                  "utf8", "latin-1"])
def test_python_codec_names(name):
    text = "abc" if name == "latin-1" else "中文"
    assert wenmai.decode(text.encode(name), encoding=name) == text


def test_big5_detected_and_named(tmp_path):
    text = "中華民國憲法第一條：中華民國基於三民主義，為民有民治民享之民主共和國。" * 3
    path = tmp_path / "big5.txt"
    path.write_bytes(text.encode("big5"))
    assert wenmai.read(path, encoding="big5").text == text
    assert wenmai.read(path).text == text


def test_mixed_line_ends(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("第一行\r\n第二行\r第三行\n\r\n第四段".encode())
    assert wenmai.read(path).text == "第一行\n第二行\n第三行\n\n第四段"


def test_dask_readers_take_max_bytes_and_name_what_the_listing_leaves_out(tmp_path):
    dask = pytest.importorskip("dask")
    wd = pytest.importorskip("wenmai.dask")
    (tmp_path / "a.txt").write_text("正文。" * 100, encoding="utf-8")
    (tmp_path / "b.txt").write_text("短文。", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe.txt")
    with dask.config.set(scheduler="sync"):
        dc = wd.from_dir(tmp_path, max_bytes=100)
        assert dc.frequency().compute() is not None
    names = [os.path.basename(e.path) for e in dc.errors]
    assert names == ["a.txt", "pipe.txt"]
    with pytest.raises(wenmai.ParseError, match="FIFO"):
        wd.from_dir(tmp_path, errors="raise")

"""The subcommands of ``wenmai``: each reads its inputs, asks the Python API, prints."""

from __future__ import annotations

import argparse
import errno
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from wenmai._cli.inputs import Failure, Loaded, Source, expand, load, sample_source
from wenmai._cli.output import (
    cell,
    frame_rows,
    make_console,
    plain,
    table,
    write_csv,
    write_json,
)

# The folder report (wenmai._cli.report) loads pandas: imported where it is needed, so
# that one document's report, which needs none, starts fast.
from wenmai._cli.report_document import meta_rows, outline_tree
from wenmai._cli.status import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE


def _say_failures(failures: list[Failure]) -> None:
    for failure in failures:
        print(f"wenmai: {failure}", file=sys.stderr)


def _note(message: str) -> None:
    print(f"wenmai: {message}", file=sys.stderr)


def _status(failures: list[Failure]) -> int:
    return EXIT_FAILED_INPUTS if failures else EXIT_OK


def _progress(args: argparse.Namespace) -> bool:
    return not args.no_progress and sys.stderr.isatty()


def _load(args: argparse.Namespace, paths: list[str]) -> Loaded:
    sources, failures = expand(paths, args.pattern)
    loaded = load(sources, _progress(args), args.text_column,
                  getattr(args, "max_bytes", 200_000_000))
    loaded.failures = failures + loaded.failures
    _say_failures(loaded.failures)
    if getattr(args, "docvars_from", None) is not None and loaded.documents:
        _docvars_from_paths(loaded, args.docvars_from)
    for source, doc in zip(loaded.sources, loaded.documents, strict=True):
        if not doc.text.strip():
            _note(f"{source.doc_id}: empty document")
    return loaded


def _docvars_from_paths(loaded: Loaded, pattern: str) -> None:
    if any(s.kind != "file" for s in loaded.sources):
        _note("--docvars-from reads the paths of files; tables and standard input have none")
        return
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            loaded.corpus._add_path_docvars(pattern, lambda p: p)
        except ValueError as error:
            print(f"wenmai: error: {error}", file=sys.stderr)
            raise SystemExit(EXIT_USAGE) from None
    for w in caught:
        _note(str(w.message))


def run(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """Dispatches to the subcommand named in ``args``."""
    commands = {"report": report, "parse": parse, "keywords": keywords, "freq": freq}
    if args.command in ("kwic", "keyness", "collocations"):
        from wenmai._cli import stats

        loaded = _load(args, args.paths)
        if not loaded.documents:
            return EXIT_FAILED_INPUTS
        command = getattr(stats, args.command)
        return int(command(args, parser, loaded))
    if args.command == "formulations":
        from wenmai._cli.formulations import formulations

        loaded = _load(args, args.paths)
        return int(formulations(args, parser, loaded)) if loaded.documents \
            else EXIT_FAILED_INPUTS
    return commands[args.command](args, parser)


def report(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    address = getattr(args, "scheduler", None) or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address and args.path is not None and (args.scheduler or _cluster_report_fits(args)):
        return _report_on_cluster(args, parser, address)
    if args.path is None:
        loaded = load([sample_source()], progress=False)
        _say_failures(loaded.failures)
        is_corpus, name = False, "sample"
    else:
        loaded = _load(args, [args.path])
        is_corpus = Path(args.path).is_dir() or len(loaded.sources) + len(loaded.failures) > 1
        name = args.path
    if not loaded.documents:
        if not loaded.failures:
            _note("nothing to report")
        return EXIT_FAILED_INPUTS
    if args.out is not None and args.out.suffix.lower() == ".parquet":
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            parser.exit(EXIT_USAGE, "wenmai report: error: --out DIR.parquet writes Parquet "
                        "files, which needs pyarrow: pip install 'wenmai[tables]'\n")
    _check_outputs(args)
    if not is_corpus:
        return _report_document(args, loaded)
    from wenmai._cli.report import analyse, write_tables
    from wenmai._cli.report_corpus import render_corpus
    from wenmai._cli.rhetoric import render_corpus_style

    # A folder's overview shows tf-idf keywords only; TextRank is for one document and CSV.
    methods = ("tfidf",) if args.out is None else ("tfidf", "textrank")
    analysis = analyse(loaded, args.top, "corpus", methods, _progress(args), args.keep_numbers)
    data = None
    if args.format == "json" or args.html is not None:
        from wenmai._cli.report_data import corpus_data

        data = corpus_data(analysis, name, args.top)
    if args.format == "json":
        write_json(data, sys.stdout)
    else:
        console = make_console()
        render_corpus(console, analysis, name, args.top)
        render_corpus_style(console, loaded.corpus)
    if args.out is not None:
        for path in write_tables(analysis, args.out, bom=not args.no_bom):
            _note(f"wrote {path}")
    if args.html is not None:
        _write_html(data, analysis, args.html)
    return _status(loaded.failures)


def _check_outputs(args: argparse.Namespace) -> None:
    """``--out`` made and ``--html``'s folder checked before the work, so that a path that
    cannot be written fails at once rather than after the report is printed."""
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
    if args.html is not None:
        folder = args.html.parent
        if not folder.is_dir():
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(args.html))
        if not os.access(folder, os.W_OK):
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(args.html))


def _report_document(args: argparse.Namespace, loaded: Loaded) -> int:
    """One document: its report from ``document_data``; the DataFrames of ``analyse`` only
    for the tables of ``--out`` and the charts of ``--html``."""
    from wenmai._cli.report_document import document_data, render_document
    from wenmai._cli.rhetoric import render_document_rhetoric

    data = document_data(loaded, args.top, args.keep_numbers)
    if args.format == "json":
        write_json(data, sys.stdout)
    else:
        console = make_console()
        render_document(console, data, loaded.documents[0])
        render_document_rhetoric(console, data["rhetoric"])
    if args.out is not None or args.html is not None:
        from wenmai._cli.report import METHODS, analyse, write_tables

        analysis = analyse(loaded, args.top, "jieba", METHODS, False, args.keep_numbers)
        if args.out is not None:
            for path in write_tables(analysis, args.out, bom=not args.no_bom):
                _note(f"wrote {path}")
        if args.html is not None:
            _write_html(data, analysis, args.html)
    return _status(loaded.failures)


def _write_html(data: Any, analysis: Any, path: Path) -> None:
    from wenmai._cli.html_report import write_html

    write_html(data, analysis, path)
    _note(f"wrote {path}")


def _cluster_report_fits(args: argparse.Namespace) -> bool:
    """Whether the report can be computed on a cluster: a folder (or a glob) of files, as the
    terminal tables or JSON (with only $DASK_SCHEDULER_ADDRESS, the others run here)."""
    sources, failures = expand([args.path], args.pattern)
    is_corpus = Path(args.path).is_dir() or len(sources) + len(failures) > 1
    return (is_corpus and all(s.kind == "file" for s in sources) and args.out is None
            and args.html is None and not getattr(args, "docvars_from", None))


def _report_on_cluster(args: argparse.Namespace, parser: argparse.ArgumentParser,
                       address: str) -> int:
    """A folder's report with its numbers computed on a Dask cluster (wenmai.dask)."""
    if not _cluster_report_fits(args):
        parser.exit(EXIT_USAGE, "wenmai report: error: --scheduler reports a folder (or a "
                    "glob of files) read on the workers, as the terminal table or --format "
                    "json: without --out, --html or --docvars-from, and not one document, a "
                    "table or standard input\n")
    sources, failures = expand([args.path], args.pattern)
    _say_failures(failures)
    if not sources:
        if not failures:
            _note("nothing to report")
        return EXIT_FAILED_INPUTS
    from wenmai._cli.report_cluster import analyse_on_cluster

    analysis, bad = analyse_on_cluster(address, sources, failures, args.top,
                                       args.keep_numbers, _progress(args),
                                       getattr(args, "max_bytes", 200_000_000))
    _say_failures(bad)
    if not analysis.loaded.sources:
        return EXIT_FAILED_INPUTS
    if args.format == "json":
        from wenmai._cli.report_data import corpus_data

        write_json(corpus_data(analysis, args.path, args.top), sys.stdout)
    else:
        from wenmai._cli.report_corpus import render_corpus
        from wenmai._cli.rhetoric import render_corpus_style

        console = make_console()
        render_corpus(console, analysis, args.path, args.top)
        render_corpus_style(console, analysis.loaded.corpus)
    return _status(analysis.loaded.failures)


def parse(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    sources, failures = expand(args.paths, args.pattern)
    _say_failures(failures)
    console = make_console()
    for source in sources:
        loaded = load([source], progress=False, text_column=args.text_column,
                      max_bytes=args.max_bytes)
        if loaded.failures:
            _say_failures(loaded.failures)
            failures += loaded.failures
        # One document per file; a table gives one per row.
        for found, doc in zip(loaded.sources, loaded.documents, strict=True):
            if found.kind == "row":  # named as several inputs name rows: table:id
                found = Source(f"{source.doc_id}:{found.doc_id}", found.path, found.kind)
            if not doc.text.strip():
                _note(f"{found.doc_id}: empty document")
            if args.json:
                record = _with_texts({"path": found.doc_id, **json.loads(doc.to_json())})
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                _show_document(console, found, doc)
    return _status(failures)


def _with_texts(record: dict[str, Any]) -> dict[str, Any]:
    """``parse --json``'s record with the text of each paragraph, sentence and point next to
    its span (the character offsets ``char_start``/``char_end`` index ``record["text"]``)."""
    text = record["text"]
    for key in ("paragraphs", "sentences", "points"):
        for item in record.get(key, []):
            span = item["span"]
            item["text"] = text[span["char_start"]:span["char_end"]]
    return record


def _show_document(console: Any, source: Source, doc: Any) -> None:
    title = doc.meta.title or source.doc_id
    console.print(Rule(Text(source.doc_id, style="bold")))
    facts = meta_rows(doc) + [
        ("characters", len(doc.text)),
        ("paragraphs", len(doc.paragraphs)),
        ("sentences", len(doc.sentences)),
        ("sections", len(doc.sections)),
        ("points", len(doc.points)),
    ]
    console.print(table(None, ("field", "value"), facts))
    if doc.sections:
        console.print(outline_tree(title, doc.sections))


def _open_output(args: argparse.Namespace) -> Any:
    return args.output if args.output is not None else sys.stdout


def keywords(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    loaded = _load(args, args.paths)
    if not loaded.documents:
        return EXIT_FAILED_INPUTS
    from wenmai._cli.report import keywords_of

    frame = keywords_of(loaded, args.top, args.method, args.idf, _progress(args))
    # Documents are listed in the order of the inputs, keywords by rank.
    by_doc: dict[str, list[tuple[int, str, float]]] = {i: [] for i in loaded.ids}
    for doc_id, rank, term, weight in frame_rows(frame, ("doc_id", "rank", "term", "weight")):
        by_doc[doc_id].append((int(rank), term, float(weight)))
    for items in by_doc.values():
        items.sort()
    target = _open_output(args)
    if args.format == "json":
        docs = zip(loaded.sources, loaded.documents, strict=True)
        titles = {s.doc_id: d.meta.title for s, d in docs}
        value = [
            {
                "doc_id": doc_id,
                "title": titles[doc_id],
                "method": args.method,
                "keywords": [{"term": t, "weight": w} for _, t, w in items],
            }
            for doc_id, items in by_doc.items()
        ]
        write_json(value, target)
    elif args.format == "csv":
        flat = [(d, r, t, w) for d, items in by_doc.items() for r, t, w in items]
        write_csv(flat, ("doc_id", "rank", "term", "weight"), target, bom=not args.no_bom)
    else:
        t = Table(title=f"Keywords ({args.method})", title_justify="left", header_style="bold")
        for name, justify in (
            ("document", "left"),
            ("rank", "right"),
            ("term", "left"),
            ("weight", "right"),
        ):
            t.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for doc_id, items in by_doc.items():
            for k, (rank, term, weight) in enumerate(items):
                t.add_row(
                    Text(doc_id if k == 0 else ""),
                    Text(str(rank)),
                    Text(term),
                    Text(cell(weight)),
                    end_section=k == len(items) - 1,
                )
        _print_table(t, target)
    return _status(loaded.failures)


def _print_table(renderable: Any, target: Any) -> None:
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8") as f:
            make_console(f).print(renderable)
    else:
        make_console().print(renderable)


def freq(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    address = args.scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        return _freq_on_cluster(args, parser, address)
    loaded = _load(args, args.paths)
    if not loaded.documents:
        return EXIT_FAILED_INPUTS
    corpus = loaded.corpus
    by = args.by
    if by is not None:
        available = [str(c) for c in corpus.docvars.columns]
        if by not in available:
            _unknown_docvar(parser, by, available)
    frame = corpus.frequency(by=by, top=args.top)
    return _write_freq(args, frame, loaded.failures)


def _unknown_docvar(parser: argparse.ArgumentParser, by: str, available: list[str]) -> None:
    parser.exit(
        EXIT_USAGE,
        f"wenmai freq: error: unknown document variable {by!r}; "
        f"available: {', '.join(available)}\n",
    )


def _freq_on_cluster(args: argparse.Namespace, parser: argparse.ArgumentParser,
                     address: str) -> int:
    """``freq`` with the files read and counted on a Dask cluster (wenmai.dask)."""
    sources, failures = expand(args.paths, args.pattern)
    if any(s.kind != "file" for s in sources) or getattr(args, "docvars_from", None):
        parser.exit(EXIT_USAGE, "wenmai freq: error: --scheduler reads files on the workers: "
                    "give files or folders (not tables or standard input), without "
                    "--docvars-from\n")
    _say_failures(failures)
    if not sources:
        return EXIT_FAILED_INPUTS
    from distributed import Client

    import wenmai.dask as wd

    with Client(address):
        dc = wd.from_files([str(s.path) for s in sources], ids=[s.doc_id for s in sources])
        try:
            frame = dc.frequency(by=args.by, top=args.top).compute(progress=_progress(args))
        except KeyError:
            _unknown_docvar(parser, args.by, [str(c) for c in dc.docvars.compute().columns])
    from wenmai._cli.report_cluster import failures_of

    bad = failures_of(dc.errors)
    _say_failures(bad)
    if len(bad) == len(sources):
        return EXIT_FAILED_INPUTS
    return _write_freq(args, frame, failures + bad)


def _write_freq(args: argparse.Namespace, frame: Any, failures: list[Failure]) -> int:
    by = args.by
    # Most frequent first (per group with --by), ties in term order.
    columns = ([by] if by else []) + ["term", "count", "doc_count"]
    rows = frame_rows(frame, columns)
    target = _open_output(args)
    if args.format == "json":
        write_json([dict(zip(columns, map(plain, r), strict=True)) for r in rows], target)
    elif args.format == "csv":
        write_csv(rows, columns, target, bom=not args.no_bom)
    else:
        title = "Term frequencies" + (f" by {by}" if by else "")
        _print_table(
            table(title, columns, rows, numeric=("count", "doc_count")),
            target,
        )
    return _status(failures)


__all__ = ["run"]

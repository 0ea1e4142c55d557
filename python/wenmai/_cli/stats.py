"""The corpus-statistics subcommands: ``wenmai kwic``, ``keyness`` and ``collocations``.

Each reads its inputs as the other commands do, asks ``wenmai.Corpus`` for the DataFrame and
prints it as a table, JSON or CSV; a ``ValueError`` from the API (an invalid pattern, a
target that selects nothing) is a usage error with its message, not a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.table import Table
from rich.text import Text

from wenmai._cli.output import frame_rows, make_console, plain, table, write_csv, write_json
from wenmai._cli.status import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE


def _usage(parser: argparse.ArgumentParser, command: str, err: Exception) -> int:
    parser.exit(EXIT_USAGE, f"wenmai {command}: error: {err}\n")
    return EXIT_USAGE  # not reached: parser.exit raises SystemExit


def _emit(args: argparse.Namespace, frame: Any, columns: Sequence[str], title: str,
          numeric: Sequence[str], render: Any = None) -> None:
    """Writes the frame's columns as JSON, CSV, or a table (``render`` draws a custom one)."""
    rows = frame_rows(frame, columns)
    target = args.output if args.output is not None else sys.stdout
    if args.format == "json":
        write_json([dict(zip(columns, map(plain, r), strict=True)) for r in rows], target)
        return
    if args.format == "csv":
        write_csv(rows, columns, target, bom=not args.no_bom)
        return
    drawn = render(rows) if render is not None else table(title, columns, rows, numeric=numeric)
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8") as f:
            make_console(f).print(drawn)
    else:
        make_console().print(drawn)


def _status(loaded: Any) -> int:
    return EXIT_FAILED_INPUTS if loaded.failures else EXIT_OK


def kwic(args: argparse.Namespace, parser: argparse.ArgumentParser, loaded: Any) -> int:
    try:
        frame = loaded.corpus.kwic(args.pattern, window=args.window, regex=args.regex)
    except ValueError as err:
        return _usage(parser, "kwic", err)
    columns = ("doc_id", "start", "end", "pre", "keyword", "post")

    def render(rows: list[list[Any]]) -> Table:
        # As quanteda prints a kwic: the context before right-aligned against the keyword.
        t = Table(title=f"Keyword in context: {args.pattern}", title_justify="left",
                  header_style="bold")
        for name, justify in (("document", "left"), ("position", "right"), ("pre", "right"),
                              ("keyword", "center"), ("post", "left")):
            t.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for doc_id, start, end, pre, keyword, post in rows:
            t.add_row(Text(str(doc_id)), Text(f"{start}-{end}"), Text(pre),
                      Text(keyword, style="bold"), Text(post))
        return t

    _emit(args, frame, columns, "", (), render)
    if frame.empty:
        print(f"wenmai: no match for {args.pattern!r}", file=sys.stderr)
    return _status(loaded)


def keyness(args: argparse.Namespace, parser: argparse.ArgumentParser, loaded: Any) -> int:
    try:
        frame = loaded.corpus.keyness(_target(args.target, loaded.corpus.ids),
                                      measure=args.measure)
    except (ValueError, KeyError) as err:
        return _usage(parser, "keyness", err)
    # The terms most typical of the target, then those most typical of the reference.
    top = frame.head(args.top)
    bottom = frame.iloc[::-1].head(args.top).iloc[::-1] if len(frame) > args.top else None
    shown = top if bottom is None else _concat(top, bottom.loc[~bottom.index.isin(top.index)])
    columns = ("term", "stat", "p", "n_target", "n_reference")
    if args.format == "table":
        # p-values of key terms are far below 0.0001: shown in scientific notation.
        shown = shown.assign(p=[f"{p:.2e}" for p in shown["p"]])
    _emit(args, shown, columns, f"Keyness ({args.measure}) of {args.target!r} against the rest",
          ("stat", "p", "n_target", "n_reference"))
    return _status(loaded)


def _target(text: str, ids: list[str]) -> str | list[str]:
    """A condition on the document variables, or a comma-separated list of documents, each
    named by its id (the path as given) or its file name without the extension."""
    if any(c in text for c in "<>=!()") or " " in text.strip():
        return text
    by_stem: dict[str, list[str]] = {}
    for doc_id in ids:
        by_stem.setdefault(Path(doc_id).stem, []).append(doc_id)
    names = [part.strip() for part in text.split(",") if part.strip()]
    known = set(ids)
    # An unknown name stays as given, so that keyness names it in its error.
    return [d for n in names for d in ([n] if n in known else by_stem.get(n, [n]))]


def _concat(a: Any, b: Any) -> Any:
    import pandas as pd

    return pd.concat([a, b])


def collocations(args: argparse.Namespace, parser: argparse.ArgumentParser,
                 loaded: Any) -> int:
    try:
        frame = loaded.corpus.collocations(size=args.size, min_count=args.min_count)
    except ValueError as err:
        return _usage(parser, "collocations", err)
    measures = [c for c in frame.columns if c not in ("collocation", "count", "tokens")]
    columns = ("collocation", "count", *measures)
    _emit(args, frame.head(args.top), columns, f"Collocations of {args.size} words",
          ("count", *measures))
    return _status(loaded)


def add_parsers(sub: Any, formatter: Any, paths_help: str, add_input: Any,
                add_output: Any, positive: Any) -> None:
    """The three subcommands' parsers, added to ``wenmai``'s."""
    kw = sub.add_parser(
        "kwic",
        help="keyword in context: every match of a term or phrase with its neighbours",
        description="Every occurrence of PATTERN with up to --window tokens before and after "
        "it in its sentence. PATTERN is a term, or an unsegmented phrase such as 全面从严治党 "
        "that matches however jieba split it; with --regex a regular expression on tokens.",
        epilog="""\
examples:
  wenmai kwic gov_reports/ 改革 --window 8
  wenmai kwic gov_reports/ 全面从严治党 --format csv -o kwic.csv
  wenmai kwic 'gov_reports/20*.txt' '^改革.*' --regex
""",
        formatter_class=formatter,
    )
    kw.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    kw.add_argument("pattern", metavar="PATTERN", help="a term, a phrase, or a regex (--regex)")
    kw.add_argument("--window", type=positive, default=5,
                    help="tokens shown on each side (default: %(default)s)")
    kw.add_argument("--regex", action="store_true", help="PATTERN is a regular expression")
    add_output(kw)
    add_input(kw)

    ky = sub.add_parser(
        "keyness",
        help="the terms that set some documents apart from the others",
        description="For each term, how much more (positive) or less (negative) often it "
        "occurs in the target documents than in the others (quanteda's textstat_keyness). "
        "--target selects the documents: a condition on the document variables (year, "
        "source, title, …, as in `wenmai freq --by`) or document ids separated by commas. "
        "Shows the --top terms of each side.",
        epilog="""\
examples:
  wenmai keyness gov_reports/ --target "year >= 2013"
  wenmai keyness gov_reports/ --target "year >= 2013" --measure lr --top 30
  wenmai keyness reports/ --target 2024,2025 --format csv -o keyness.csv
""",
        formatter_class=formatter,
    )
    ky.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    ky.add_argument("--target", required=True,
                    help='the target documents: a condition such as "year >= 2013", or ids '
                    "separated by commas")
    ky.add_argument("--measure", choices=("chi2", "lr", "pmi", "exact"), default="chi2",
                    help="the statistic (default: %(default)s)")
    ky.add_argument("--top", type=positive, default=20,
                    help="terms shown for each side (default: %(default)s)")
    add_output(ky)
    add_input(ky)

    co = sub.add_parser(
        "collocations",
        help="words that occur together more often than chance",
        description="Sequences of --size tokens within a sentence, occurring at least "
        "--min-count times, scored by PMI, log-likelihood, chi-square, Student's t and "
        "quanteda's lambda and z; sorted as quanteda's textstat_collocations.",
        epilog="""\
examples:
  wenmai collocations gov_reports/ --top 30
  wenmai collocations gov_reports/ --size 3 --format csv -o trigrams.csv
""",
        formatter_class=formatter,
    )
    co.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    co.add_argument("--size", type=int, choices=(2, 3, 4, 5), default=2,
                    help="tokens per collocation (default: %(default)s)")
    co.add_argument("--min-count", type=positive, default=2,
                    help="occurrences needed (default: %(default)s)")
    co.add_argument("--top", type=positive, default=50,
                    help="collocations shown (default: %(default)s)")
    add_output(co)
    add_input(co)


__all__ = ["add_parsers", "collocations", "keyness", "kwic"]

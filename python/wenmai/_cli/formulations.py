"""``wenmai formulations``: set formulations (提法) of a corpus, given or discovered, per
group of documents (``--by year``), printed as a table, JSON or CSV."""

from __future__ import annotations

import argparse
from typing import Any

from wenmai._cli.stats import _emit, _status, _usage


def formulations(args: argparse.Namespace, parser: argparse.ArgumentParser,
                 loaded: Any) -> int:
    by = None if args.by in (None, "", "none") else args.by
    try:
        frame = loaded.corpus.formulations(phrases=args.phrase or None, by=by,
                                           min_docs=args.min_docs)
    except ValueError as err:
        return _usage(parser, "formulations", err)
    # The first --top phrases (in the order given, or as discovered: most documents first).
    keep = list(dict.fromkeys(frame["phrase"]))[:args.top]
    shown = frame[frame["phrase"].isin(keep)]
    if by is not None and args.format == "table":
        shown = shown[shown["count"] > 0]  # a table of zeros says nothing
    columns = ("phrase", *((by,) if by else ()), "count", "rate", "documents", "first_doc",
               "first_date", "last_doc", "last_date")
    if args.format == "table":
        shown = shown.assign(rate=[f"{r:.2f}" for r in shown["rate"]])
    what = "given" if args.phrase else f"discovered (in at least {args.min_docs} documents)"
    _emit(args, shown, columns, f"Formulations {what}" + (f" by {by}" if by else ""),
          ("count", "rate", "documents"))
    return _status(loaded)


def add_parser(sub: Any, formatter: Any, paths_help: str, add_input: Any,
               add_output: Any, positive: Any) -> None:
    """The ``formulations`` parser, added to ``wenmai``'s."""
    fo = sub.add_parser(
        "formulations",
        help="set formulations (提法) counted or discovered, per year",
        description="Count the given --phrase strings wherever their characters occur (as "
        "str.count), or discover the recurring formulations (maximal repeated strings of 4 "
        "to 16 characters within clauses, on jieba token boundaries, in at least "
        "--min-docs documents); per group of documents (--by, a document variable), with "
        "the rate per 10,000 characters and the first and last appearance.",
        epilog="""\
examples:
  wenmai formulations gov_reports/ --phrase 高质量发展 --phrase 改革开放
  wenmai formulations gov_reports/ --by none --top 100
  wenmai formulations gov_reports/ --format csv -o formulations.csv
""",
        formatter_class=formatter,
    )
    fo.add_argument("paths", nargs="+", metavar="PATH", help=paths_help)
    fo.add_argument("--by", default="year",
                    help="document variable to group by, or 'none' (default: %(default)s)")
    fo.add_argument("--phrase", action="append", metavar="P",
                    help="a phrase to count (repeatable); without, discover them")
    fo.add_argument("--min-docs", type=positive, default=3,
                    help="documents a discovered formulation occurs in (default: %(default)s)")
    fo.add_argument("--top", type=positive, default=50,
                    help="phrases shown (default: %(default)s)")
    add_output(fo)
    add_input(fo)


__all__ = ["add_parser", "formulations"]

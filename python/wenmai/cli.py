"""The ``wenmai`` command: reports, parsing, keywords and frequencies from the shell.

A thin layer over the Python API (``wenmai.read``, ``wenmai.Corpus``…): it expands paths,
reads the documents, and prints tables (rich), JSON or CSV. Exit codes: 0 success, 1 some
inputs failed (each is named on standard error, the others are processed), 2 usage error.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from wenmai._cli.status import EXIT_FAILED_INPUTS, EXIT_OK, EXIT_USAGE  # noqa: F401 (public names)

DEFAULT_PATTERN = "**/*.txt"

_MAIN_EXAMPLES = """\
examples:
  wenmai report                          report on the bundled sample article
  wenmai report 2024.txt                 one document: metadata, outline, terms, keywords
  wenmai report reports/ --out results/  a folder: overview, plus four CSV files
  wenmai parse notice.txt --json         the document's structure as JSON
  wenmai keywords 'reports/20*.txt' --top 10
  cat article.txt | wenmai keywords - --method textrank
  wenmai freq reports/ --by year --top 5 --format csv > terms.csv
  wenmai kwic reports/ 全面从严治党 --window 8
  wenmai keyness reports/ --target "year >= 2013"
  wenmai collocations reports/ --size 2 --top 30

exit status: 0 success, 1 some inputs failed (each named on standard error,
the others processed), 2 usage error.
"""

_PATHS_HELP = (
    "files, folders (their files matching --pattern, recursively), globs such as "
    "'reports/20*.txt', or - for standard input"
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Keeps the examples as written and wraps the description to the terminal."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        if text.lstrip().startswith("examples:"):
            return super()._fill_text(text, width, indent)
        return argparse.HelpFormatter._fill_text(self, text, width, indent)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1: {value}")
    return value


def _max_bytes(text: str) -> int | None:
    """``--max-bytes``: a whole number of bytes, with an optional K/M/G suffix, or 0 for none."""
    units = {"k": 10**3, "m": 10**6, "g": 10**9}
    scale = units.get(text[-1:].lower(), 1)
    try:
        value = int(text[:-1] if scale > 1 else text) * scale
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of bytes: {text!r}") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be at least 0: {text}")
    return value or None


def _add_input_options(p: argparse.ArgumentParser, docvars: bool = True) -> None:
    p.add_argument(
        "--max-bytes",
        metavar="N",
        type=_max_bytes,
        default=200_000_000,
        help="refuse files larger than N bytes (200M, 2G: K, M, G are powers of 1000; 0 for "
        "no limit), seen on their size before they are read (default: 200M)",
    )
    p.add_argument(
        "--pattern",
        default=DEFAULT_PATTERN,
        help="which files of a folder to read, a glob relative to the folder "
        "(default: %(default)s)",
    )
    p.add_argument(
        "--text-column",
        metavar="NAME",
        default="text",
        help="a .csv, .tsv, .jsonl or .parquet PATH is a table, one document per row: the "
        "column holding the texts (default: %(default)s); its other columns are document "
        "variables (freq --by COLUMN), a doc_id column names the documents",
    )
    if docvars:  # parse prints the parsed metadata, not document variables
        p.add_argument(
            "--docvars-from",
            metavar="PATTERN",
            help="document variables from the end of each file's path, as R's readtext: "
            "'{year}/{province}.txt' gives year (a number) and province (then freq --by "
            "province); * matches within a folder name",
        )
    p.add_argument(
        "--no-progress",
        action="store_true",
        help="no progress bar (it is shown on standard error only when that is a terminal)",
    )


def _add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=("table", "json", "csv"),
        default="table",
        help="table for people, json or csv for programs (default: %(default)s)",
    )
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        type=Path,
        help="write to FILE instead of standard output",
    )
    p.add_argument(
        "--no-bom",
        action="store_true",
        help="CSV files are written as UTF-8 with a byte-order mark so that Excel opens them "
        "correctly; this writes plain UTF-8 (CSV on standard output never has one)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of the ``wenmai`` command and its subcommands."""
    from wenmai import __version__

    parser = argparse.ArgumentParser(
        prog="wenmai",
        formatter_class=_Formatter,
        description="文脉 wenmai: read Chinese documents the way an analyst does — metadata, "
        "outline, term frequencies and keywords, fast.",
        epilog=_MAIN_EXAMPLES,
    )
    parser.add_argument("--version", action="version", version=f"wenmai {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    report = sub.add_parser(
        "report",
        help="the main job: report on one document or a folder",
        description="One document: its metadata, outline (as a tree, with the enumeration "
        "points 一是… under their headings), top terms with counts, keywords by tf-idf and "
        "TextRank side by side, and the top terms of each top-level section. A folder (or a "
        "glob matching several files): number of documents, tokens and terms, the date range, "
        "the bad files skipped and the documents missing a title or date, top terms, top "
        "terms and keywords by year, and keywords per document (the first 20 in the "
        "terminal). Without PATH: the sample article bundled with wenmai. Tokens and terms "
        "are counted after removing stop words and punctuation; numbers are left out of the "
        "lists unless --keep-numbers.",
        epilog="""\
examples:
  wenmai report
  wenmai report gov_reports/2024.txt --top 30
  wenmai report gov_reports/ --out results/        # writes documents.csv, sections.csv,
                                                   #   terms.csv, keywords.csv
  wenmai report gov_reports/ --out results/ --no-bom
  wenmai report gov_reports/ --html report.html  # one page to open in a browser
  wenmai report 2024.txt --format json > report.json
  wenmai report laws/ --scheduler tcp://10.0.0.5:8786
""",
        formatter_class=_Formatter,
    )
    report.add_argument("path", nargs="?", metavar="PATH", help=_PATHS_HELP)
    report.add_argument(
        "--top",
        type=_positive,
        default=20,
        help="how many terms and keywords (default: %(default)s)",
    )
    report.add_argument(
        "--out",
        metavar="DIR",
        type=Path,
        help="also write documents.csv, sections.csv, terms.csv and keywords.csv into DIR "
        "(every row; .parquet files instead when DIR ends in .parquet)",
    )
    report.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="table: for people (default); json: one JSON object on standard output, its keys "
        "described in docs/report.md",
    )
    report.add_argument(
        "--html",
        metavar="FILE",
        type=Path,
        help="also write the report as one self-contained HTML page (charts included; "
        "opens without a network)",
    )
    report.add_argument(
        "--keep-numbers",
        action="store_true",
        help="keep numbers, years and percentages (2025年, 二〇二五, 百分之五, 3.5%%) in the "
        "term and keyword lists (default: left out)",
    )
    report.add_argument(
        "--no-bom",
        action="store_true",
        help="write the CSV files as plain UTF-8 (default: UTF-8 with a byte-order mark, "
        "which Excel needs)",
    )
    report.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="compute a folder's report on this Dask cluster (tcp://host:8786; default: "
        "$DASK_SCHEDULER_ADDRESS if set), each worker reading its share of the files",
    )
    _add_input_options(report)

    parse = sub.add_parser(
        "parse",
        help="show the structure of documents: metadata, outline, counts",
        description="Read, decode (UTF-8, UTF-16, GBK/GB18030 detected) and parse documents; "
        "print their metadata and outline, or with --json their whole structure "
        "(one JSON object per line and document, with its path).",
        epilog="""\
examples:
  wenmai parse notice.txt
  wenmai parse laws/ --json > laws.jsonl
  iconv -f utf-8 -t gbk notice.txt | wenmai parse -
""",
        formatter_class=_Formatter,
    )
    parse.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    parse.add_argument("--json", action="store_true", help="JSON lines instead of tables")
    _add_input_options(parse, docvars=False)

    keywords = sub.add_parser(
        "keywords",
        help="keywords of each document (tf-idf or TextRank)",
        description="The top keywords of each document with their weights. tf-idf uses "
        "jieba's idf table by default, so one document gives the same keywords as "
        "jieba.analyse.extract_tags; --idf corpus learns the idf from the documents given.",
        epilog="""\
examples:
  wenmai keywords gov_reports/2024.txt
  wenmai keywords gov_reports/ --top 10 --idf corpus --format csv -o keywords.csv
  wenmai keywords 'gov_reports/19*.txt' --method textrank --format json
""",
        formatter_class=_Formatter,
    )
    keywords.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    keywords.add_argument(
        "--top", type=_positive, default=20, help="keywords per document (default: %(default)s)"
    )
    keywords.add_argument(
        "--method",
        choices=("tfidf", "textrank"),
        default="tfidf",
        help="tf-idf (jieba's extract_tags) or TextRank (default: %(default)s)",
    )
    keywords.add_argument(
        "--idf",
        choices=("jieba", "corpus"),
        default="jieba",
        help="tf-idf only: jieba's idf table, or idf learnt from the documents given "
        "(default: %(default)s)",
    )
    _add_output_options(keywords)
    _add_input_options(keywords)

    freq = sub.add_parser(
        "freq",
        help="term frequencies over documents, optionally by a document variable",
        description="Term frequencies (count, and number of documents containing the term) "
        "over all documents, or separately for each value of a document variable "
        "(--by year, --by source, …). Stop words and punctuation are left out.",
        epilog="""\
examples:
  wenmai freq gov_reports/ --top 30
  wenmai freq gov_reports/ --by year --top 5
  wenmai freq gov_reports/ --format csv -o terms.csv
  wenmai freq laws/ --scheduler tcp://10.0.0.5:8786
""",
        formatter_class=_Formatter,
    )
    freq.add_argument("paths", nargs="+", metavar="PATH", help=_PATHS_HELP)
    freq.add_argument(
        "--by",
        metavar="DOCVAR",
        help="count separately for each value of this document variable "
        "(a column of corpus.docvars, e.g. year, source, author)",
    )
    freq.add_argument(
        "--top",
        type=_positive,
        default=50,
        help="terms shown, per group with --by (default: %(default)s)",
    )
    freq.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        default=None,
        help="count on this Dask cluster (tcp://host:8786; default: $DASK_SCHEDULER_ADDRESS "
        "if set), each worker reading its share of the files",
    )
    _add_output_options(freq)
    _add_input_options(freq)

    from wenmai._cli.stats import add_parsers

    add_parsers(sub, _Formatter, _PATHS_HELP, _add_input_options, _add_output_options,
                _positive)
    from wenmai._cli.formulations import add_parser as add_formulations

    add_formulations(sub, _Formatter, _PATHS_HELP, _add_input_options, _add_output_options,
                     _positive)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from wenmai._cli import commands

    try:
        return commands.run(args, parser)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (``wenmai … | head``): not an error of ours.
        _silence_stdout()
        return EXIT_OK
    except Exception as error:
        import os

        if os.environ.get("WENMAI_DEBUG"):
            raise
        print(f"wenmai: error: {_one_line(error)}", file=sys.stderr)
        return EXIT_FAILED_INPUTS


def _one_line(error: Exception) -> str:
    """What went wrong in one line: the path and reason of an OSError, the message of a
    wenmai error or ValueError, and for anything else also how to see the traceback."""
    from wenmai import WenmaiError

    if isinstance(error, OSError) and error.strerror:
        where = [os_path for os_path in (error.filename, error.filename2) if os_path]
        return ": ".join([*map(str, where), error.strerror])
    text = str(error.args[0]) if isinstance(error, KeyError) and error.args else str(error)
    lines = text.strip().splitlines()
    message = lines[0] if lines else type(error).__name__
    if isinstance(error, (WenmaiError, OSError, ValueError, KeyError)):
        return message
    return f"{type(error).__name__}: {message} (run with WENMAI_DEBUG=1 for the traceback)"


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())

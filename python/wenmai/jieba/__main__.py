"""``python -m wenmai.jieba``: jieba 0.42.1's command line (``python -m jieba``), same flags
and output, over wenmai's segmenter."""

from __future__ import annotations

import sys
from argparse import ArgumentParser
from collections.abc import Iterator
from typing import Any

import wenmai.jieba as jieba


def main(argv: list[str] | None = None) -> int:
    """Segment a file (or stdin) line by line and print the words joined by a delimiter."""
    parser = ArgumentParser(
        usage=f"{sys.executable} -m wenmai.jieba [options] filename",
        description="Jieba command line interface.",
        epilog="If no filename specified, use STDIN instead.",
    )
    parser.add_argument("-d", "--delimiter", metavar="DELIM", default=" / ", nargs="?",
                        const=" ",
                        help="use DELIM instead of ' / ' for word delimiter; or a space if it"
                        " is used without DELIM")
    parser.add_argument("-p", "--pos", metavar="DELIM", nargs="?", const="_",
                        help="enable POS tagging; if DELIM is specified, use DELIM instead of"
                        " '_' for POS delimiter")
    parser.add_argument("-D", "--dict", help="use DICT as dictionary")
    parser.add_argument("-u", "--user-dict",
                        help="use USER_DICT together with the default dictionary or DICT (if"
                        " specified)")
    parser.add_argument("-a", "--cut-all", action="store_true", dest="cutall", default=False,
                        help="full pattern cutting (ignored with POS tagging)")
    parser.add_argument("-n", "--no-hmm", dest="hmm", action="store_false", default=True,
                        help="don't use the Hidden Markov Model")
    parser.add_argument("-q", "--quiet", action="store_true", default=False,
                        help="don't print loading messages to stderr")
    parser.add_argument("-V", "--version", action="version",
                        version="Jieba " + jieba.__version__)
    parser.add_argument("filename", nargs="?", help="input file")
    args = parser.parse_args(argv)

    if args.quiet:
        jieba.setLogLevel(60)
    if args.pos:
        import wenmai.jieba.posseg as posseg

        posdelim = args.pos

        def cutfunc(sentence: str, _: Any, HMM: bool = True) -> Iterator[str]:
            for w, f in posseg.cut(sentence, HMM):
                yield w + posdelim + f
    else:
        cutfunc = jieba.cut  # type: ignore[assignment]

    delim = str(args.delimiter)
    fp = open(args.filename) if args.filename else sys.stdin
    try:
        if args.dict:
            jieba.initialize(args.dict)
        else:
            jieba.initialize()
        if args.user_dict:
            jieba.load_userdict(args.user_dict)
        for ln in fp:
            print(delim.join(cutfunc(ln.rstrip("\r\n"), args.cutall, args.hmm)))
    finally:
        if fp is not sys.stdin:
            fp.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

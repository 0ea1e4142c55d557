"""wenmai's ``Corpus.new_words`` against HarvestText's ``word_discover`` on the 2025
provincial government work reports: the time of each (one run each after a warm-up for
wenmai; HarvestText is too slow to repeat), the ratio, and the overlap of the top 100.

    python benchmarks/newwords_harvesttext.py [--folder DIR] [--max-len 6] [--min-count 5]

Both get the same text (the reports joined by newlines) and the same parameters: HarvestText
with ``auto_param=False``, ``min_freq`` just below ``min_count / chars`` (its ``>`` on a
share is wenmai's ``>=`` on a count), ``excluding_words=[]`` (wenmai keeps stop words), and
the aggregation threshold both default to, ``sqrt(chars) / 15``. The top 100 is by count,
ties by word, on both sides. Then once more with HarvestText's defaults (``auto_param``,
Baidu stop words dropped; but mem_saving off) to show what a HarvestText user would get.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
import warnings
from pathlib import Path

warnings.filterwarnings("ignore")


def top(words: list[tuple[str, int]], k: int = 100) -> list[str]:
    return [w for w, _ in sorted(words, key=lambda x: (-x[1], x[0]))[:k]]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(os.environ.get("WENMAI_CORPUS", Path(__file__).resolve().parents[2] / "shared"
                               / "corpus"))
    p.add_argument("--folder", type=Path, default=root / "gov_reports_provincial" / "2025")
    p.add_argument("--max-len", type=int, default=6)
    p.add_argument("--min-count", type=int, default=5)
    p.add_argument("--min-entropy", type=float, default=1.0)
    args = p.parse_args(argv)
    files = sorted(args.folder.glob("*.txt"))
    if not files:
        p.error(f"no .txt files in {args.folder}")
    import wenmai
    from harvesttext import HarvestText

    corpus = wenmai.Corpus.from_files(files)
    texts = [d.text for d in corpus]
    corpus.new_words(args.max_len, args.min_count, args.min_entropy)  # warm-up
    t = time.perf_counter()
    ours = corpus.new_words(args.max_len, args.min_count, args.min_entropy)
    t_ours = time.perf_counter() - t
    chars = ours.attrs["chars"]
    agg = math.sqrt(chars) / 15
    ht = HarvestText()
    t = time.perf_counter()
    theirs = ht.word_discover(texts, auto_param=False, max_word_len=args.max_len,
                              min_freq=(args.min_count - 0.5) / chars,
                              min_entropy=args.min_entropy, min_aggregation=agg,
                              excluding_words=[])
    t_ht = time.perf_counter() - t
    a = top(list(zip(ours["word"], ours["count"], strict=True)))
    b = top([(w, round(f * chars)) for w, f in zip(theirs.index, theirs["freq"], strict=True)])
    print(f"{len(files)} documents, {chars} chars after HarvestText's separator collapsing; "
          f"max_len {args.max_len}, min_count {args.min_count}, min_entropy "
          f"{args.min_entropy}, min_aggregation {agg:.2f}")
    print(f"wenmai new_words: {t_ours:.3f} s, {len(ours)} words")
    print(f"HarvestText word_discover: {t_ht:.1f} s, {len(theirs)} words")
    print(f"ratio: {t_ht / t_ours:.0f}x")
    print(f"same words: {set(ours['word']) == set(theirs.index)}; top-100 overlap: "
          f"{len(set(a) & set(b))}/100")
    common = sorted(set(ours["word"]) & set(theirs.index))
    o, h = ours.set_index("word"), theirs
    worst = max((abs(o.loc[w, "left_entropy"] - h.loc[w, "left_ent"]) +
                 abs(o.loc[w, "right_entropy"] - h.loc[w, "right_ent"]) +
                 abs(o.loc[w, "aggregation"] / h.loc[w, "agg"] - 1) for w in common),
                default=0.0)
    print(f"largest difference of the measures over the {len(common)} common words: "
          f"{worst:.2e}")
    print("only wenmai's top 100:", [w for w in a if w not in b])
    print("only HarvestText's top 100:", [w for w in b if w not in a])
    t = time.perf_counter()
    # mem_saving=False: its memory-saving path (auto_param's choice past 300,000 chars)
    # tests list membership for every candidate and runs for hours here.
    default = ht.word_discover(texts, mem_saving=False)
    t_def = time.perf_counter() - t
    d = top([(w, round(f * chars)) for w, f in zip(default.index, default["freq"],
                                                    strict=True)])
    print(f"HarvestText defaults (auto_param, Baidu stop words dropped): {t_def:.1f} s, "
          f"{len(default)} words, top-100 overlap with wenmai's: {len(set(a) & set(d))}/100")
    return 0


if __name__ == "__main__":
    sys.exit(main())

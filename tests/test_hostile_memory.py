"""Memory bounded by the input (issue 23): a long run of one character, tagged and cut.

The bounds are generous (several times what was measured) and measured in a child process,
whose peak resident memory is its own; no timing is asserted.
"""

from __future__ import annotations

import json
import subprocess
import sys

import wenmai

# 3 MB of one dictionary character: before the segmented Viterbi and the shared tuples and
# strs, tag alone held about 270 MB over its base for this input and cut's list 1 M new
# strs; now both together about 110 MB (RESULTS.md).
CHILD = """
import json, resource, sys
import wenmai
seg = wenmai.Segmenter()
seg.cut("预热")
text = "的" * 1_000_000
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
tags = seg.tag(text)
words = seg.cut(text)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"held_mb": (peak - base) / 1024, "tags": len(tags), "words": len(words),
                  "first": tags[0], "last": tags[-1]}))
"""


def test_tag_and_cut_of_a_long_run_hold_little_beyond_their_output() -> None:
    run = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True,
                         check=True)
    out = json.loads(run.stdout)
    assert out["tags"] > 600_000 and out["words"] == 1_000_000
    assert tuple(out["first"]) == ("的的", "u")
    assert out["held_mb"] < 200, out


def test_tag_shares_equal_tuples_and_keeps_jiebas_order() -> None:
    seg = wenmai.Segmenter()
    tags = seg.tag("的的。的的我爱北京")
    assert tags == [("的的", "u"), ("。", "x"), ("的的", "u"), ("我", "r"), ("爱", "v"),
                    ("北京", "ns")]
    assert tags[0] is tags[2]  # one tuple per distinct (word, tag) of a call
    words = seg.cut("北京北京")
    assert words == ["北京", "北京"] and words[0] is words[1]

"""The P, T and E lines shared by `gen_posseg_model.py` and `gen_finalseg_model.py`.

Floats are written with `repr`, which Rust's `str::parse::<f64>` reads back to the identical
value; states are written as their index in `states`.
"""

from typing import TextIO


def write_hmm(
    out: TextIO,
    states: list[str] | str,
    start: dict,
    trans: dict,
    emit: dict,
) -> dict:
    """Write the start (P), transition (T) and emission (E) lines; return state -> index."""
    idx = {s: i for i, s in enumerate(states)}
    out.write("P\t" + "\t".join(repr(start[s]) for s in states) + "\n")
    for s in states:
        row = sorted((idx[t], p) for t, p in trans[s].items())
        out.write(f"T\t{idx[s]}" + "".join(f"\t{t}:{p!r}" for t, p in row) + "\n")
    by_char: dict[str, list[tuple[int, float]]] = {}
    for s, table in emit.items():
        for c, p in table.items():
            by_char.setdefault(c, []).append((idx[s], p))
    for c in sorted(by_char):
        assert len(c) == 1 and not c.isspace() and c not in ":\t", repr(c)
        row = sorted(by_char[c])
        out.write(f"E\t{c}" + "".join(f"\t{s}:{p!r}" for s, p in row) + "\n")
    return idx

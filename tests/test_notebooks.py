"""The notebooks in notebooks/ run from top to bottom without an error (executed by nbclient).

Each notebook runs in a fresh kernel with its folder as the working directory, with
matplotlib's inline backend (an Agg canvas; no display needed), so every figure is rendered
as it would be for a user. A cell error fails the test, as does a missing-glyph warning in
any output. The PNG figures go to pytest's temporary folder and, when ``WENMAI_PLOT_DIR``
is set, to that folder too, for people to look at.

All of them carry the ``notebooks`` marker: ``bash scripts/test.sh --fast`` leaves them out
(``-m "not notebooks"``). The government-work-reports notebook needs the whole corpus and
skips without it.
"""

from __future__ import annotations

import base64
import os
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest
from conftest import corpus_root
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
NOTEBOOKS = sorted(NOTEBOOK_DIR.glob("*.ipynb"))
CELL_TIMEOUT = 900  # seconds for one cell
PLOT_CALL = re.compile(r"\bwp\.(frequency|keywords|keyness|heatmap|network|trend|wordcloud)\(")
# notebooks that read the corpus (all 56 government work reports)
NEEDS_CORPUS = {"02-government-work-reports.ipynb", "03-corpus-statistics.ipynb",
                "04-official-discourse.ipynb"}

pytestmark = pytest.mark.notebooks


def test_the_notebooks_are_there():
    names = [p.name for p in NOTEBOOKS]
    assert "01-sample-article.ipynb" in names
    assert "02-government-work-reports.ipynb" in names


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_is_stored_without_outputs(path):
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [], f"{path.name}: a cell has stored outputs"
            assert cell.execution_count is None


def _outputs(nb):
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            for output in cell.outputs:
                yield index, output


def _text_of(output) -> str:
    if output.output_type == "stream":
        return output.text
    if output.output_type == "error":
        return "\n".join(output.traceback)
    return str(output.get("data", {}).get("text/plain", ""))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebook_runs(path, tmp_path, monkeypatch):
    if path.name in NEEDS_CORPUS:
        corpus_root()  # skips without the corpus, or fails under CI
    nb = nbformat.read(path, as_version=4)
    # the kernel inherits this process's environment
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
    client = NotebookClient(
        nb,
        timeout=CELL_TIMEOUT,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK_DIR)}},
    )
    client.execute()  # raises CellExecutionError on the first failing cell

    texts = [_text_of(o) for _, o in _outputs(nb)]
    glyphs = [t for t in texts if "missing from font" in t]
    assert glyphs == [], glyphs

    pngs = [
        (index, base64.b64decode(o["data"]["image/png"]))
        for index, o in _outputs(nb)
        if o.output_type in ("display_data", "execute_result") and "image/png" in o.get("data", {})
    ]
    # every cell that calls a plotting helper shows its figure
    plotting = {
        i
        for i, cell in enumerate(nb.cells)
        if cell.cell_type == "code" and PLOT_CALL.search(cell.source)
    }
    assert plotting, f"{path.name} calls no wenmai.plot helper"
    assert plotting == {i for i, _ in pngs}
    keep = os.environ.get("WENMAI_PLOT_DIR")
    for number, (index, data) in enumerate(pngs, 1):
        assert data.startswith(b"\x89PNG")
        out = tmp_path / f"{path.stem}-{number:02d}-cell{index:02d}.png"
        out.write_bytes(data)
        if keep:
            Path(keep).mkdir(parents=True, exist_ok=True)
            shutil.copy(out, Path(keep) / out.name)
            print("figure:", Path(keep) / out.name)
    # the executed notebook, for reading the printed timings
    executed = tmp_path / path.name
    nbformat.write(nb, executed)
    for _, output in _outputs(nb):
        if output.output_type == "stream" and output.name == "stdout":
            print(output.text, end="")

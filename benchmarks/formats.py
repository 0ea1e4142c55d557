"""Read + parse throughput of .docx and .pdf files against the same texts as .txt.

Writes N documents of the corpus (laws by default) as .txt, .docx (python-docx) and .pdf
(reportlab, an embedded CJK TrueType font from mplfonts, a running header and page numbers)
into a temporary folder, then times ``Corpus.from_dir`` on each format once:

    python benchmarks/formats.py --n 300 [--folder laws]

Prints documents per second and MB of parsed text per second (UTF-8 bytes of ``doc.text``),
and, when pypdfium2 is installed, PDFium's text extraction alone on the same PDFs.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import wenmai

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    env = os.environ.get("WENMAI_CORPUS")
    return Path(env) if env else ROOT.parent / "shared" / "corpus"


def write_docx(path: Path, lines: list[str]) -> None:
    import docx

    doc = docx.Document()
    for line in lines:
        doc.add_paragraph(line)
    doc.save(str(path))


def write_pdf(path: Path, lines: list[str], font: str) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(595, 842))
    left, right, top, bottom, size = 72, 523, 770, 72, 11
    y, page = top, 1

    def furniture() -> None:
        c.setFont(font, 9)
        c.drawString(left, 805, "法律法规汇编")
        c.drawCentredString(297, 40, f"- {page} -")
        c.setFont(font, size)

    furniture()
    for line in lines:
        chunks, chunk = [], ""
        for ch in line:
            if pdfmetrics.stringWidth(chunk + ch, font, size) > right - left:
                chunks.append(chunk)
                chunk = ""
            chunk += ch
        chunks.append(chunk)
        for text in chunks:
            if y < bottom:
                c.showPage()
                page += 1
                y = top
                furniture()
            c.drawString(left, y, text)
            y -= size * 1.6
    c.save()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--folder", default="laws")
    args = ap.parse_args()
    source = corpus_dir() / args.folder
    if not source.is_dir():
        print(f"no corpus folder at {source} (set WENMAI_CORPUS)", file=sys.stderr)
        return 2
    import mplfonts
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont("CJK", str(Path(mplfonts.__file__).parent / "fonts"
                                              / "SimHei.ttf")))
    files = sorted(source.glob("**/*.txt"))[: args.n]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        t0 = time.perf_counter()
        for i, f in enumerate(files):
            text = wenmai.read(f).text
            lines = [ln for ln in text.splitlines() if ln.strip()]
            (out / f"{i:05d}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            write_docx(out / f"{i:05d}.docx", lines)
            write_pdf(out / f"{i:05d}.pdf", lines, "CJK")
        made = time.perf_counter() - t0
        print(f"{len(files)} documents of {args.folder}/ written in {made:.1f} s")
        wenmai.Corpus.from_texts(["预热。"])  # the thread pool starts outside the timings
        for ext in ("txt", "docx", "pdf"):
            size = sum(p.stat().st_size for p in out.glob(f"*.{ext}"))
            t0 = time.perf_counter()
            corpus = wenmai.Corpus.from_dir(out, pattern=f"*.{ext}")
            dt = time.perf_counter() - t0
            mb = sum(len(d.text.encode("utf-8")) for d in corpus) / 1e6
            print(f".{ext:4}  {len(corpus)} docs, files {size / 1e6:.1f} MB, text {mb:.1f} MB: "
                  f"{dt:.2f} s, {len(corpus) / dt:.0f} docs/s, {mb / dt:.1f} MB text/s")
        try:
            import pypdfium2
        except ImportError:
            return 0
        # For reference: PDFium's text extraction alone (no cleaning, no parse), one thread.
        pdfs = sorted(out.glob("*.pdf"))
        t0 = time.perf_counter()
        chars = 0
        for p in pdfs:
            doc = pypdfium2.PdfDocument(str(p))
            chars += sum(len(doc[i].get_textpage().get_text_range()) for i in range(len(doc)))
            doc.close()
        dt = time.perf_counter() - t0
        print(f"pypdfium2 text only, 1 thread: {dt:.2f} s, {len(pdfs) / dt:.0f} docs/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

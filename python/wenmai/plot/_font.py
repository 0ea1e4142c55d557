"""The CJK font every chart draws with: found once, registered for this process only."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib
from matplotlib import font_manager

#: Environment variable naming a font file to use instead of the packaged one.
FONT_ENV = "WENMAI_CJK_FONT"

# Font files of the ``mplfonts`` package, in order of preference (all SIL OFL 1.1).
_MPLFONTS_FILES = (
    "NotoSansCJKsc-Regular.otf",
    "SourceHanSerifSC-Regular.otf",
    "NotoSerifCJKsc-Regular.otf",
)


def _find_font_file() -> Path:
    """The CJK font file: ``$WENMAI_CJK_FONT``, else one shipped by ``mplfonts``."""
    env = os.environ.get(FONT_ENV)
    if env:
        path = Path(env).expanduser()
        if not path.is_file():
            raise FileNotFoundError(f"{FONT_ENV}={env!r} is not a font file")
        return path.resolve()
    # find_spec locates the package without importing it (importing mplfonts changes nothing
    # either, but we only need its data files).
    spec = importlib.util.find_spec("mplfonts")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for name in _MPLFONTS_FILES:
            path = Path(folder) / "fonts" / name
            if path.is_file():
                return path.resolve()
    raise ImportError(
        "wenmai.plot needs a font with Chinese characters: install the plotting extra "
        "(pip install 'wenmai[plot]', which brings the mplfonts package) or set "
        f"{FONT_ENV} to a .otf/.ttf file"
    )


def _register(path: Path) -> str:
    """Add ``path`` to matplotlib's font manager (this process only); return its family."""
    font_manager.fontManager.addfont(str(path))
    return font_manager.ttfFontProperty(font_manager.get_font(str(path))).name


#: Path of the CJK font file every helper draws with.
FONT_PATH: str = str(_find_font_file())
#: The family name under which matplotlib knows :data:`FONT_PATH`.
FONT_FAMILY: str = _register(Path(FONT_PATH))


def font_properties(size: float | str | None = None) -> font_manager.FontProperties:
    """A ``FontProperties`` for the CJK font, to pass as ``fontproperties=`` to any artist.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.font_properties(12).get_file() == wp.FONT_PATH
    True
    """
    return font_manager.FontProperties(fname=FONT_PATH, size=size)


def rc_params() -> dict[str, Any]:
    """The rcParams the helpers draw with: the CJK font first, then your font families.

    matplotlib falls back family by family for glyphs a font lacks, so Latin text still finds
    a font if the CJK one misses a glyph.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.rc_params()["font.family"][0] == wp.FONT_FAMILY
    True
    """
    families = [f for f in matplotlib.rcParams["font.family"] if f != FONT_FAMILY]
    return {"font.family": [FONT_FAMILY, *families]}


@contextlib.contextmanager
def cjk_font() -> Iterator[None]:
    """Context manager: text created inside it uses the CJK font (see :func:`rc_params`).

    Only ``rcParams["font.family"]`` is set inside and put back on exit. (Unlike
    ``matplotlib.rc_context``, other settings changed inside stay changed: the first figure
    of a Jupyter session switches matplotlib to interactive mode, which must survive.)

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import wenmai.plot as wp
    >>> with wp.cjk_font():
    ...     fig, ax = plt.subplots()
    ...     _ = ax.set_title("服务")
    >>> ax.title.get_fontfamily()[0] == wp.FONT_FAMILY
    True
    >>> plt.close(fig)
    """
    saved = matplotlib.rcParams["font.family"]
    matplotlib.rcParams["font.family"] = rc_params()["font.family"]
    try:
        yield
    finally:
        matplotlib.rcParams["font.family"] = saved


def use_cjk_font() -> None:
    """Make the CJK font the first font family for all later plots of this process.

    This is the one function here that changes ``matplotlib.rcParams`` (``font.family``).

    Examples
    --------
    >>> import matplotlib
    >>> import wenmai.plot as wp
    >>> with matplotlib.rc_context():
    ...     wp.use_cjk_font()
    ...     matplotlib.rcParams["font.family"][0] == wp.FONT_FAMILY
    True
    """
    matplotlib.rcParams["font.family"] = rc_params()["font.family"]


@lru_cache(maxsize=1)
def _charmap() -> frozenset[int]:
    return frozenset(font_manager.get_font(FONT_PATH).get_charmap())


def missing_glyphs(text: str) -> list[str]:
    """The distinct characters of ``text`` (other than whitespace) the CJK font cannot draw.

    Examples
    --------
    >>> import wenmai.plot as wp
    >>> wp.missing_glyphs("把握服务内涵 提高服务水平")
    []
    """
    have = _charmap()
    return sorted({c for c in text if not c.isspace() and ord(c) not in have})


# --- input normalisation -------------------------------------------------------------------

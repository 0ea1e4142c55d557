"""wenmai (文脉): read Chinese documents the way an analyst does."""

from wenmai._wenmai import version as _native_version

__version__ = _native_version()

__all__ = ["__version__"]

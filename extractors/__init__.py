"""Extractors: an English news text in, candidate numeric claims out.

>>> from extractors import extract
>>> [c.value for c in extract("Sales fell 3.2 percent.")]
[-3.2]
"""

from extractors.pipeline import extract

__all__ = ["extract"]

"""Extractors: an English news text in, candidate numeric claims out.

The extraction path runs compiled when a fresh build of it is in ``.native/``
(``extractors.native``), else as the Python here; both give the same claims.

>>> from extractors import extract
>>> [c.value for c in extract("Sales fell 3.2 percent.")]
[-3.2]
"""

from extractors import native

native.use_native(__path__)

from extractors.pipeline import extract  # noqa: E402  (after the build is chosen)

__all__ = ["extract"]

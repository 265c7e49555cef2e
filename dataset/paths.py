"""Where the dataset lives: ``data/`` beside the code, or ``$NEWS_STATS_DATA``.

The override lets tests and benchmarks point the app and the CLIs at a copy,
so that nothing but a person's own edits ever writes to the bundled data.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ENV_VAR = "NEWS_STATS_DATA"


def data_root() -> Path:
    """The dataset folder in use (``data/`` unless ``$NEWS_STATS_DATA`` is set)."""
    return Path(os.environ.get(ENV_VAR) or REPO / "data")

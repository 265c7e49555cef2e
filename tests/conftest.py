"""Shared fixtures: the bundled dataset, and a private copy of it to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SEED_ID = "china-daily-2015-12-20-wuzhen-summit"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ in a temporary folder, safe to edit."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target

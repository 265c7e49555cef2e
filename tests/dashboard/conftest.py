"""Fixtures of the dashboard tests: an official series to set the seed's figures against."""

from __future__ import annotations

from pathlib import Path

import pytest

# Official figures for the page tests, from CNNIC's Statistical Reports on Internet
# Development in China (35th, 36th and 37th): Internet users at the end of 2014, the end
# of June 2015 and the end of 2015.  The bundled data/reference/ may hold more; the tests
# write their own copy, so their expectations stay as written here.
CNNIC_USERS = """\
metric: cn-internet-users
observations:
- period: {as_of: '2014-12-31'}
  value: 649000000.0
  citation:
    publisher: CNNIC
    title: The 35th Statistical Report on Internet Development in China
    published: 2015-02-03
- period: {as_of: '2015-06-30'}
  value: 668000000.0
  citation:
    publisher: CNNIC
    title: The 36th Statistical Report on Internet Development in China
    published: 2015-07-23
- period: {as_of: '2015-12-31'}
  value: 688000000.0
  citation:
    publisher: CNNIC
    title: The 37th Statistical Report on Internet Development in China
    published: 2016-01-22
"""


@pytest.fixture
def official(data_copy: Path) -> Path:
    """The data copy with CNNIC's Internet users as the official series."""
    folder = data_copy / "reference"
    folder.mkdir(exist_ok=True)
    (folder / "cn-internet-users.yaml").write_text(CNNIC_USERS, encoding="utf-8")
    return data_copy

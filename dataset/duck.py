"""The DuckDB connections the store's builds and the dashboard's questions open.

One place for what each needs: SQL literals quoted, and memory bounded with a spill
folder of its own (DuckDB names its spill files alike in every instance, and makes
only the last folder of the path it is given).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any


def sql_text(value: object) -> str:
    """``value`` as an SQL string literal.

    >>> sql_text("it's")
    "'it''s'"
    """
    return "'" + str(value).replace("'", "''") + "'"


def sql_list(values: Iterable[object], brackets: str = "[]") -> str:
    """Literals as an SQL list (``[...]``, a DuckDB list) or tuple (``brackets="()"``).

    >>> sql_list(["a", Path("b")]), sql_list(["a"], "()")
    ("['a', 'b']", "('a')")
    """
    return brackets[0] + ", ".join(sql_text(v) for v in values) + brackets[1]


def bounded(memory: str, folder: Path, name: str) -> Any:
    """An in-memory connection that holds at most ``memory`` and spills the rest to
    ``folder/.spill/name`` (removed by DuckDB when the connection closes).

    DuckDB is imported here, as the store imports it: only where a database is opened.
    """
    import duckdb

    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    con.execute(f"SET memory_limit = {sql_text(memory)}")
    (folder / ".spill").mkdir(parents=True, exist_ok=True)
    con.execute(f"SET temp_directory = {sql_text(folder / '.spill' / name)}")
    return con

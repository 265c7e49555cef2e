"""Promote a candidate of a batch extraction into the curated YAML.

A batch run (``python -m extractors batch CORPUS --out DIR``) leaves
candidates in Parquet; the dashboard shows them unreviewed.  Promoting one
writes it as a claim of its source under ``data/`` through the safe write
path of ``curation/writes.py`` (validated, locked, refused when stale):
into the source's claims file when the source is curated already, else as a
new source whose text is read from the corpus the run recorded in
``DIR/manifest.json`` (the text must be byte-identical: every offset
depends on it).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
from pydantic import ValidationError

from curation.writes import add_source, read_claims, read_text, save_checked
from dataset.problems import Problem
from dataset.schema import Claim, Equivalent, Period, Source
from dataset.validate import field_name, validation_problems
from extractors.corpus import slug_of

PROMOTED_STATUSES = ("candidate", "approved")
"""What a promoted claim becomes: still to review in the YAML, or approved at once."""


def candidate(batch: Path, claim_id: str) -> tuple[dict | None, dict | None]:
    """The batch row of ``claim_id`` and the row of its source (None where not found)."""
    claims = sorted((batch / "claims").glob("*.parquet"))
    sources = sorted((batch / "sources").glob("*.parquet"))
    if not claims:
        return None, None
    con = duckdb.connect()
    try:
        row = _one(con, claims, "id", claim_id)
        source = _one(con, sources, "id", row["source"]) if row and sources else None
    finally:
        con.close()
    return row, source


def _one(con: duckdb.DuckDBPyConnection, files: list[Path], column: str, value: str) -> dict | None:
    found = con.execute(
        f"SELECT * FROM read_parquet(?, union_by_name = true) WHERE {column} = ? LIMIT 1",
        [[str(f) for f in files], value],
    )
    names = [d[0] for d in found.description]
    row = found.fetchone()
    return dict(zip(names, row, strict=True)) if row else None


def _period(as_of: object, start: object, end: object) -> Period | None:
    if as_of:
        return Period(as_of=str(as_of))
    if start or end:
        return Period(start=start or None, end=end or None)
    return None


def _label_period(label: object) -> Period | None:
    """A period back from its label (``2015``, ``2014 to 2015``): ``base_period`` in Parquet."""
    if not label:
        return None
    parts = str(label).split(" to ")
    return Period(as_of=parts[0]) if len(parts) == 1 else Period(start=parts[0], end=parts[1])


def claim_of(row: dict, status: str) -> Claim:
    """The candidate row as a claim with ``status`` (ValidationError when it is not one)."""
    equivalents = json.loads(row.get("equivalents") or "[]")
    return Claim(
        id=row["id"],
        source=row["source"],
        status=status,
        quote=row["quote"],
        span=(int(row["start"]), int(row["end"])),
        value=row["value"],
        kind=row["kind"],
        unit=row.get("unit"),
        currency=row.get("currency"),
        qualifier=row.get("qualifier") or "exact",
        low=row.get("low"),
        high=row.get("high"),
        measure=row.get("measure") or "level",
        base_period=_label_period(row.get("base_period")),
        metric=row.get("metric"),
        subject=row.get("subject"),
        entity=row.get("entity"),
        period=_period(row.get("period_as_of"), row.get("period_start"), row.get("period_end")),
        category=row.get("category") or "other",
        attributed_to=row.get("attributed_to"),
        equivalents=[
            Equivalent(
                value=e["value"],
                currency=e["currency"],
                span=tuple(e["span"]) if e.get("span") else None,
            )
            for e in equivalents
        ],
        note=row.get("note"),
    )


def _records(path: Path) -> Iterator[tuple[str, object]]:
    """(id as given, text) of every article of one corpus file."""
    if path.suffix == ".parquet":
        table = pq.read_table(path, columns=["id", "text"])
        yield from zip(
            (str(i) for i in table.column("id").to_pylist()),
            table.column("text").to_pylist(),
            strict=True,
        )
        return
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                continue
            if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
                yield str(record["id"]), record.get("text")


def article_text(batch: Path, source_id: str) -> str | None:
    """The text of the article ``source_id`` from the corpus the run recorded, or None."""
    try:
        manifest = json.loads((batch / "manifest.json").read_text(encoding="utf-8"))
        files = [Path(f["path"]) for f in manifest["files"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    for path in files:
        try:
            for ident, text in _records(path):
                if isinstance(text, str) and (ident == source_id or slug_of(ident) == source_id):
                    return text
        except (OSError, ValueError, KeyError):
            continue
    return None


def promote(
    root: Path, batch: Path, claim_id: str, status: str = "candidate"
) -> tuple[str | None, list[Problem]]:
    """Write the batch candidate ``claim_id`` into the YAML under ``root`` with ``status``.

    Returns the source id it was written to, or None and the problems saying why not.
    """
    where = f"{batch}/claims"
    if status not in PROMOTED_STATUSES:
        return None, [Problem(where, 1, "status", f"expected one of {PROMOTED_STATUSES}")]
    row, source_row = candidate(batch, claim_id)
    if row is None:
        return None, [Problem(where, 1, "id", f"no candidate {claim_id!r} in {batch}")]
    try:
        claim = claim_of(row, status)
    except ValidationError as err:
        return None, [
            Problem(where, 1, field_name(loc), message) for loc, message in validation_problems(err)
        ]
    if read_text(root, claim.source) is not None:  # the source is curated: add to its claims
        snap = read_claims(root, claim.source)
        if any(c.id == claim.id for c in snap.claims):
            return None, [Problem(where, 1, "id", f"{claim.id!r} is in the dataset already")]
        problems = save_checked(root, claim.source, [*snap.claims, claim], snap.digest)
        return (None, problems) if problems else (claim.source, [])
    text = article_text(batch, claim.source)
    if text is None:
        why = f"the text of {claim.source!r} is not in the corpus named by {batch}/manifest.json"
        return None, [Problem(where, 1, "source", why)]
    meta = source_row or {}
    published = meta.get("published")
    if isinstance(published, dt.datetime):
        published = published.date()
    try:
        source = Source(
            id=claim.source,
            title=meta.get("title") or claim.source,
            publisher=meta.get("publisher") or "unknown publisher",
            published=published,
            url=meta.get("url"),
        )
    except ValidationError as err:
        return None, [
            Problem(f"{batch}/sources", 1, field_name(loc), message)
            for loc, message in validation_problems(err)
        ]
    return add_source(root, source, text, [claim])

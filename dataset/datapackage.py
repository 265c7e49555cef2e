"""The curated figures as a Frictionless Data Package: datapackage.json + two CSVs.

``claims.csv`` holds the approved claims (or the statuses asked for) and
``sources.csv`` the articles they come from; ``datapackage.json`` describes
both with field schemas, keys, the articles as the package's sources and a
licence note.  Cells are written as they are in the dataset (no spreadsheet
neutralising: a Data Package is for programs; the dashboard's CSV download
is the one for spreadsheets).
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterable
from pathlib import Path

from curation.writes import digest_bytes
from dataset.load import Models, load_models
from dataset.problems import Problem
from dataset.save import atomic_write
from dataset.schema import (
    KINDS,
    MEASURES,
    PARTIAL_DATE_PATTERN,
    QUALIFIERS,
    SLUG_PATTERN,
    STATUSES,
    Claim,
)

NAME = "news-stats"

LICENSES = [
    {
        "name": "ODC-BY-1.0",
        "path": "https://opendatacommons.org/licenses/by/1-0/",
        "title": "Open Data Commons Attribution License 1.0 (the compilation: values, labels)",
    }
]
LICENCE_NOTE = (
    "The figures are facts reported by the articles listed as sources; cite the article with "
    "each figure. Quotes are short excerpts kept so every figure can be checked, and remain "
    "the publishers' copyright. Article texts are not included."
)

SLUG = {"required": True, "pattern": SLUG_PATTERN[1:-1]}
PARTIAL_DATE = {"pattern": PARTIAL_DATE_PATTERN[1:-1]}

CLAIM_FIELDS: list[dict] = [
    {"name": "id", "type": "string", "constraints": {**SLUG, "unique": True}},
    {"name": "source", "type": "string", "constraints": SLUG},
    {"name": "status", "type": "string", "constraints": {"enum": list(STATUSES)}},
    {"name": "quote", "type": "string", "description": "The sentence holding the figure"},
    {"name": "start", "type": "integer", "description": "Offset of the figure in the text"},
    {"name": "end", "type": "integer", "description": "End offset (exclusive)"},
    {"name": "value", "type": "number", "description": "Fully scaled; percent in percent"},
    {"name": "kind", "type": "string", "constraints": {"enum": list(KINDS)}},
    {"name": "unit", "type": "string"},
    {"name": "currency", "type": "string", "description": "ISO 4217, money only"},
    {"name": "qualifier", "type": "string", "constraints": {"enum": list(QUALIFIERS)}},
    {"name": "low", "type": "number", "description": "Range only"},
    {"name": "high", "type": "number", "description": "Range only"},
    {
        "name": "measure",
        "type": "string",
        "constraints": {"enum": list(MEASURES)},
        "description": "level, change (an absolute difference) or growth (a percent change)",
    },
    {"name": "base_period", "type": "string", "description": "What a change is measured from"},
    {"name": "metric", "type": "string", "description": "The series in metrics.yaml"},
    {"name": "subject", "type": "string", "description": "Short chart label"},
    {"name": "entity", "type": "string"},
    {"name": "period_as_of", "type": "string", "constraints": PARTIAL_DATE},
    {"name": "period_start", "type": "string", "constraints": PARTIAL_DATE},
    {"name": "period_end", "type": "string", "constraints": PARTIAL_DATE},
    {"name": "category", "type": "string", "constraints": SLUG},
    {"name": "attributed_to", "type": "string"},
    {"name": "equivalents", "type": "string", "description": "Stated conversions, JSON list"},
    {"name": "note", "type": "string"},
]
SOURCE_FIELDS: list[dict] = [
    {"name": "id", "type": "string", "constraints": {**SLUG, "unique": True}},
    {"name": "title", "type": "string", "constraints": {"required": True}},
    {"name": "publisher", "type": "string", "constraints": {"required": True}},
    {"name": "authors", "type": "string", "description": "Separated by '; '"},
    {"name": "published", "type": "date"},
    {"name": "url", "type": "string", "format": "uri"},
    {"name": "language", "type": "string"},
    {"name": "note", "type": "string"},
    {"name": "text_sha256", "type": "string", "description": "sha256 of the article text"},
]


def _cell(value: object) -> str:
    """A CSV cell: empty for None, ``true``/``false``, numbers in shortest round-trip form.

    >>> [_cell(v) for v in (None, True, 670000000.0, 7, "a")]
    ['', 'true', '670000000.0', '7', 'a']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def claim_row(claim: Claim) -> list[str]:
    """One claims.csv row, in `CLAIM_FIELDS` order."""
    period = claim.period
    row = {
        **claim.model_dump(mode="python", exclude={"span", "period", "base_period", "equivalents"}),
        "base_period": claim.base_period.label() if claim.base_period else None,
        "start": claim.start,
        "end": claim.end,
        "period_as_of": period.as_of if period else None,
        "period_start": period.start if period else None,
        "period_end": period.end if period else None,
        "equivalents": json.dumps([e.model_dump(mode="json") for e in claim.equivalents])
        if claim.equivalents
        else None,
    }
    return [_cell(row[f["name"]]) for f in CLAIM_FIELDS]


def _csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def package_files(models: Models, statuses: Iterable[str] = ("approved",)) -> dict[str, bytes]:
    """File name -> bytes of the package: ``datapackage.json``, ``claims.csv``, ``sources.csv``.

    Only sources with at least one exported claim are listed.

    >>> from dataset import load_models
    >>> files = package_files(load_models("data")[0])
    >>> sorted(files), files["claims.csv"].splitlines()[0][:23]
    (['claims.csv', 'datapackage.json', 'sources.csv'], b'id,source,status,quote,')
    """
    wanted = set(statuses)
    claims = [c for cs in models.claims.values() for c in cs if c.status in wanted]
    used = sorted({c.source for c in claims})
    sources = [models.sources[s] for s in used if s in models.sources]
    claims_csv = _csv(
        [f["name"] for f in CLAIM_FIELDS], (claim_row(c) for c in sorted(claims, key=_order))
    )
    sources_csv = _csv(
        [f["name"] for f in SOURCE_FIELDS],
        (
            [
                _cell(v)
                for v in (
                    s.id,
                    s.title,
                    s.publisher,
                    "; ".join(s.authors) or None,
                    s.published.isoformat(),
                    s.url,
                    s.language,
                    s.note,
                    digest_bytes(models.texts[s.id].encode("utf-8")),
                )
            ]
            for s in sources
        ),
    )
    descriptor = {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "Statistics reported in the news",
        "description": "Numeric claims from news articles, reviewed by a person. " + LICENCE_NOTE,
        "licenses": LICENSES,
        # the date of the data: the newest publication among the exported figures' sources
        "data_as_of": max((s.published for s in sources), default=None),
        "sources": [
            {"title": f"{s.publisher}, {s.published.isoformat()}: {s.title}", **_path(s.url)}
            for s in sources
        ],
        "resources": [
            _resource("claims", CLAIM_FIELDS, claims_csv, ["source"], "sources"),
            _resource("sources", SOURCE_FIELDS, sources_csv),
        ],
    }
    if descriptor["data_as_of"] is not None:
        descriptor["data_as_of"] = descriptor["data_as_of"].isoformat()
    text = json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n"
    return {
        "datapackage.json": text.encode("utf-8"),
        "claims.csv": claims_csv,
        "sources.csv": sources_csv,
    }


def _order(claim: Claim) -> tuple[str, int]:
    return claim.source, claim.start


def _path(url: str | None) -> dict:
    return {"path": url} if url else {}


def _resource(
    name: str, fields: list[dict], data: bytes, fk: list[str] | None = None, ref: str = ""
) -> dict:
    schema: dict = {"fields": fields, "primaryKey": ["id"], "missingValues": [""]}
    if fk:
        schema["foreignKeys"] = [{"fields": fk, "reference": {"resource": ref, "fields": ["id"]}}]
    return {
        "name": name,
        "path": f"{name}.csv",
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "hash": f"sha256:{digest_bytes(data)}",
        "bytes": len(data),
        "schema": schema,
    }


def write_package(
    root: Path | str, out: Path | str, statuses: Iterable[str] = ("approved",)
) -> tuple[list[Path], list[Problem]]:
    """Write the package's three files into the folder ``out``: their paths, and the
    dataset's problems (what they concern was not exported)."""
    models, problems = load_models(root)
    written = []
    for name, data in package_files(models, statuses).items():
        path = Path(out) / name
        atomic_write(path, data)
        written.append(path)
    return written, problems


def refuse_target(out: Path | str, root: Path | str, force: bool = False) -> str | None:
    """Why the export must not write into ``out``, or None when it may.

    Never into the dataset (its files would mix with the package's) or the
    current folder (a typo like ``export .`` would scatter files); never over
    a folder that holds files unless ``force``; never where a file stands.

    >>> refuse_target(".", "data")
    'refusing to write into the current folder; name a new folder, like out/package'
    """
    out = Path(out)
    real = Path(os.path.realpath(out))
    if real == Path(os.path.realpath(Path.cwd())):
        return "refusing to write into the current folder; name a new folder, like out/package"
    data = Path(os.path.realpath(root))
    if real == data or data in real.parents:
        return f"refusing to write into the dataset ({root}); name a folder outside it"
    if out.exists() and not out.is_dir():
        return f"{out} is a file, not a folder"
    if out.is_dir() and not force:
        try:
            held = next(out.iterdir(), None)
        except OSError as err:
            return f"cannot read {out}: {err.strerror}"
        if held is not None:
            return f"{out} is not empty; use --force to write the package into it anyway"
    return None


def package_zip(models: Models, statuses: Iterable[str] = ("approved",)) -> bytes:
    """The same files in a zip, in memory (the dashboard's download).

    >>> from dataset import load_models
    >>> data = package_zip(load_models("data")[0])
    >>> sorted(zipfile.ZipFile(io.BytesIO(data)).namelist())
    ['claims.csv', 'datapackage.json', 'sources.csv']
    """
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in package_files(models, statuses).items():
            archive.writestr(name, data)
    return buffer.getvalue()

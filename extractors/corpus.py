"""A corpus of articles on disk, cut into partitions that a batch run extracts.

A corpus is a JSON Lines file (``.jsonl``, ``.ndjson``), a Parquet file, or a
folder of them (searched recursively, in sorted order).  An article is an
object with ``id`` and ``text`` (required) and ``title``, ``publisher``,
``published`` and ``url`` (may be missing or null); other fields are ignored.

A partition is a run of at most N lines of one JSON Lines file (found from byte
offsets, so a worker seeks straight to it) or N rows of one Parquet row group.
The cut depends only on the files and N, never on the number of workers: that is
what makes two workers write the same output as one, and what lets a rerun skip
the partitions already written.  Line numbers are kept so that every problem
names its file and line (row, for Parquet), like ``corpus.jsonl:17``.

This module and ``extractors.batch`` are the only parts of ``extractors`` that
read corpus files; ``extract`` itself stays pure.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from dataset.schema import checked_slug

SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
FIELDS = ("id", "title", "publisher", "published", "url", "text")
REQUIRED = ("id", "text")
URL = re.compile(r"https?://\S+")


class CorpusError(Exception):
    """The corpus as a whole can't be read (missing, unreadable, wrong columns): stop."""


class ArticleError(Exception):
    """One article can't be used; its reason goes to the errors file and the run goes on."""


@dataclass(frozen=True)
class Partition:
    """A slice of one corpus file: lines (JSON Lines) or rows of a row group (Parquet).

    ``path`` is absolute (workers open it); ``name`` is how messages show it.
    For JSON Lines ``offset`` is the byte offset of line ``first_line``; for
    Parquet ``group`` is the row group and ``offset`` the first row inside it,
    while ``first_line`` is that row's number in the file (1-based).
    """

    number: int
    path: str
    name: str
    kind: str
    offset: int
    first_line: int
    lines: int
    group: int = 0


@dataclass(frozen=True)
class Article:
    """One valid article, ready to extract."""

    id: str
    title: str | None
    publisher: str | None
    published: dt.date | None
    url: str | None
    text: str


def corpus_files(corpus: Path, skip: Path | None = None) -> list[Path]:
    """The corpus files of ``corpus`` (a file, or a folder searched recursively).

    Hidden files and anything under ``skip`` (the output folder, whose error
    files are JSON Lines too) are left out.
    """
    if not corpus.exists():
        raise CorpusError(f"{corpus}: no such file or folder")
    if corpus.is_file():
        if corpus.suffix.lower() not in SUFFIXES:
            raise CorpusError(f"{corpus}: expected a .jsonl, .ndjson or .parquet file or a folder")
        return [corpus]
    skip = skip.resolve() if skip is not None else None
    found = []
    for path in sorted(corpus.rglob("*")):
        relative = path.relative_to(corpus).parts
        if path.suffix.lower() not in SUFFIXES or any(p.startswith(".") for p in relative):
            continue
        if skip is not None and path.resolve().is_relative_to(skip):
            continue
        if path.is_file():
            found.append(path)
    return found


def plan(files: list[Path], size: int) -> list[Partition]:
    """The partitions of ``files``, numbered from 0, at most ``size`` lines or rows each."""
    partitions: list[Partition] = []
    for path in files:
        kind = SUFFIXES[path.suffix.lower()]
        cut = _plan_jsonl if kind == "jsonl" else _plan_parquet
        for offset, first, lines, group in cut(path, size):
            partitions.append(
                Partition(len(partitions), str(path.resolve()), str(path), kind,
                          offset, first, lines, group)
            )  # fmt: skip
    return partitions


def _plan_jsonl(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """(byte offset, first line, line count, 0) every ``size`` lines."""
    offset = start = line = count = 0
    try:
        with path.open("rb") as handle:
            for raw in handle:
                if count == size:
                    yield start, line - count + 1, count, 0
                    start, count = offset, 0
                line += 1
                count += 1
                offset += len(raw)
    except OSError as err:
        raise CorpusError(f"{path}: cannot read ({err.strerror})") from None
    if count:
        yield start, line - count + 1, count, 0


def _plan_parquet(path: Path, size: int) -> Iterator[tuple[int, int, int, int]]:
    """(first row in the group, first row in the file, row count, row group) per slice."""
    import pyarrow.parquet as pq

    try:
        meta = pq.ParquetFile(path)
    except (OSError, ValueError) as err:
        raise CorpusError(f"{path}: not a readable Parquet file ({err})") from None
    missing = [c for c in REQUIRED if c not in meta.schema_arrow.names]
    if missing:
        raise CorpusError(f"{path}: no column {', '.join(missing)} (articles need id and text)")
    row = 0
    for group in range(meta.num_row_groups):
        rows = meta.metadata.row_group(group).num_rows
        for start in range(0, rows, size):
            yield start, row + start + 1, min(size, rows - start), group
        row += rows


def read(part: Partition) -> Iterator[tuple[int, dict | ArticleError]]:
    """(line, record) for each non-blank line or row of ``part``; a line that is
    not a JSON object gives an ArticleError instead of a record."""
    if part.kind == "jsonl":
        yield from _read_jsonl(part)
    else:
        yield from _read_parquet(part)


def _read_jsonl(part: Partition) -> Iterator[tuple[int, dict | ArticleError]]:
    with open(part.path, "rb") as handle:
        handle.seek(part.offset)
        for line in range(part.first_line, part.first_line + part.lines):
            raw = handle.readline()
            if not raw.strip():
                continue
            try:
                record = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as err:
                yield line, ArticleError(f"not UTF-8 ({err.reason} at byte {err.start})")
                continue
            except json.JSONDecodeError as err:
                yield line, ArticleError(f"not valid JSON: {err.msg} (column {err.colno})")
                continue
            if not isinstance(record, dict):
                yield line, ArticleError(f"expected a JSON object, got {type(record).__name__}")
                continue
            yield line, record


def _read_parquet(part: Partition) -> Iterator[tuple[int, dict | ArticleError]]:
    """Rows of one slice of a row group, a batch at a time (memory stays one batch)."""
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(part.path)
    columns = [c for c in FIELDS if c in handle.schema_arrow.names]
    seen = 0
    end = part.offset + part.lines
    batches = handle.iter_batches(batch_size=1024, row_groups=[part.group], columns=columns)
    for batch in batches:
        if seen + batch.num_rows > part.offset:
            low = max(0, part.offset - seen)
            high = min(batch.num_rows, end - seen)
            for i, record in enumerate(batch.slice(low, high - low).to_pylist()):
                yield part.first_line + seen + low - part.offset + i, record
        seen += batch.num_rows
        if seen >= end:
            break


def slug_of(value: str) -> str:
    """The id as a slug: kept when it is one, else lower-cased with hyphens.

    >>> slug_of("reuters-2024-03-01-gdp")
    'reuters-2024-03-01-gdp'
    >>> slug_of("Reuters/2024/Économie_GDP")
    'reuters-2024-economie-gdp'
    """
    try:
        return checked_slug(value)
    except ValueError:
        pass
    ascii_text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:120].rstrip("-")
    if not slug:
        raise ArticleError(f"id: {value!r} has no letters or digits to make a slug of")
    return slug


def _optional_text(record: dict, field: str) -> str | None:
    value = record.get(field)
    if value is not None and not isinstance(value, str):
        raise ArticleError(f"{field}: expected text or null, got {type(value).__name__}")
    return value or None


def _published(value: object) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            pass
    raise ArticleError(f"published: expected a date like 2024-03-01, got {value!r}")


def article(record: dict) -> Article:
    """The article of a record, or ArticleError saying which field is wrong.

    >>> article({"id": "A 1", "text": "Sales rose.", "published": "2024-03-01T09:00:00Z"})
    Article(id='a-1', title=None, publisher=None, published=datetime.date(2024, 3, 1), url=None, text='Sales rose.')
    >>> article({"id": "a", "text": 12})
    Traceback (most recent call last):
    extractors.corpus.ArticleError: text: expected text, got int
    """  # noqa: E501
    for field in REQUIRED:
        if record.get(field) is None:
            raise ArticleError(f"{field}: missing")
    ident = record["id"]
    if isinstance(ident, int) and not isinstance(ident, bool):
        ident = str(ident)
    if not isinstance(ident, str):
        raise ArticleError(f"id: expected text, got {type(ident).__name__}")
    text = record["text"]
    if not isinstance(text, str):
        raise ArticleError(f"text: expected text, got {type(text).__name__}")
    url = _optional_text(record, "url")
    if url is not None and not URL.fullmatch(url):
        raise ArticleError(f"url: expected an http(s) URL without spaces, got {url[:80]!r}")
    return Article(
        id=slug_of(ident),
        title=_optional_text(record, "title"),
        publisher=_optional_text(record, "publisher"),
        published=_published(record.get("published")),
        url=url,
        text=text,
    )


def raw_id(record: object) -> str | None:
    """The id as given, for the errors file, when there is one."""
    if isinstance(record, dict) and isinstance(record.get("id"), (str, int)):
        return str(record["id"])
    return None

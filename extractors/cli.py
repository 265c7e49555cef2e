"""Command line: ``python -m extractors FILE... [-o OUT.yaml] [--format yaml|json]``.

The only part of ``extractors`` that touches files.  Errors are one line on
stderr and exit code 2; input that is not UTF-8 is decoded with a warning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

from dataset import atomic_write, claims_yaml
from dataset.schema import Claim
from extractors.pipeline import extract

JSON_FIELDS = (
    "id", "source", "status", "value", "kind", "unit", "currency", "qualifier", "low", "high",
    "measure", "base_period", "metric", "category", "start", "end", "quote", "subject", "entity",
    "period", "attributed_to", "equivalents",
)  # fmt: skip


class UserError(Exception):
    """A problem the user can fix, reported as one line."""


def decode(data: bytes, name: str) -> str:
    """UTF-8 if possible, else cp1252 (or Latin-1) with a warning, never an exception.

    >>> decode("caf\\u00e9".encode("cp1252"), "x.txt")
    'café'
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        print(f"warning: {name}: not UTF-8 ({err.reason} at byte {err.start}); "
              "decoded as cp1252", file=sys.stderr)  # fmt: skip
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1", errors="replace")


def read_input(name: str) -> str:
    """The text of a file, or of stdin for ``-``."""
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    path = Path(name)
    try:
        return decode(path.read_bytes(), name)
    except FileNotFoundError:
        raise UserError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{name}: is a directory") from None
    except OSError as err:
        raise UserError(f"{name}: cannot read ({err.strerror})") from None


def expand(names: list[str]) -> list[str]:
    """Files, with every ``.txt`` of a directory argument (sorted)."""
    files: list[str] = []
    for name in names:
        path = Path(name)
        if name != "-" and path.is_dir():
            files.extend(str(p) for p in sorted(path.glob("*.txt")))
        else:
            files.append(name)
    return files


def source_id_for(name: str, given: str | None) -> str:
    """The given id, else a slug of the file name (``text`` for stdin)."""
    if given:
        return given
    if name == "-":
        return "text"
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return slug[:100] or "text"


def as_json(claim: Claim) -> dict:
    """A claim as a flat JSON object with ``start``/``end`` beside ``span``."""
    data = claim.model_dump(mode="json")
    data["start"], data["end"] = claim.span
    return {key: data[key] for key in (*JSON_FIELDS, "span", "note")}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m extractors",
        description="Extract candidate numeric claims from English news texts.",
    )
    parser.add_argument("files", nargs="+", help="text files or directories of .txt; - is stdin")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--format", choices=("yaml", "json"), default=None)
    parser.add_argument("--source-id", help="source id (slug) of the claims")
    parser.add_argument("--published", help="publication date, YYYY-MM-DD")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> str:
    """The output text for the parsed arguments."""
    published = None
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            raise UserError(f"--published: expected YYYY-MM-DD, got {args.published!r}") from None
    if args.source_id and not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", args.source_id):
        raise UserError(f"--source-id: {args.source_id!r} is not a slug (a-z, 0-9, hyphens)")
    files = expand(args.files)
    directory = any(name != "-" and Path(name).is_dir() for name in args.files)
    claims: list[Claim] = []
    iterator = files
    if directory:
        from tqdm import tqdm

        iterator = tqdm(files, desc="extracting", unit="file", file=sys.stderr)
    for name in iterator:
        text = read_input(name)
        claims.extend(extract(text, source_id=source_id_for(name, args.source_id),
                              published=published))  # fmt: skip
    fmt = args.format or ("json" if args.output and args.output.endswith(".json") else "yaml")
    if fmt == "json":
        return json.dumps([as_json(c) for c in claims], ensure_ascii=False, indent=2) + "\n"
    return claims_yaml(claims)


def main(argv: list[str] | None = None) -> int:
    """Entry point; ``add`` and ``batch`` dispatch to their own commands."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "add":
        from extractors.add import main as add_main

        return add_main(argv[1:])
    if argv and argv[0] == "batch":
        from extractors.batch import main as batch_main

        return batch_main(argv[1:])
    args = parse_args(argv)
    try:
        output = run(args)
        if args.output:
            atomic_write(Path(args.output), output.encode("utf-8"))
        else:
            sys.stdout.write(output)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    return 0

"""Command line: ``python -m extractors FILE... [-o OUT.yaml] [--format yaml|json]``.

The only part of ``extractors`` that touches files.  Errors are one line on
stderr and exit code 2, never a traceback; input that is not UTF-8 is decoded
with a warning.  ``add`` and ``batch`` are commands of their own (``COMMANDS``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import re
import stat
import sys
import types
from pathlib import Path
from typing import NoReturn

from dataset import atomic_write, claims_yaml
from dataset.schema import Claim
from extractors.pipeline import extract

JSON_FIELDS = (
    "id", "source", "status", "value", "kind", "unit", "currency", "qualifier", "low", "high",
    "measure", "base_period", "metric", "category", "start", "end", "quote", "subject", "entity",
    "period", "attributed_to", "equivalents",
)  # fmt: skip

COMMANDS: tuple[tuple[str, str, str, str], ...] = (
    ("add", "extractors.add",
     "add one article to the dataset: its text, its source and its candidate claims",
     'python -m extractors add story.txt --title "Sales rise" --published 2015-12-20 '
     '--publisher "China Daily"'),
    ("batch", "extractors.batch",
     "extract a corpus of articles on Dask into partitioned Parquet (resumable)",
     "python -m extractors batch corpus.jsonl --out candidates/"),
)  # fmt: skip
"""(name, module with ``main(argv)``, what it does, one example) of each command."""

MAX_SOURCE_ID = 100
"""Longest ``--source-id``: a claim's id is the source id, a hyphen and an offset (120 at most)."""


class UserError(Exception):
    """A problem the user can fix, reported as one line."""


class OneLineParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose usage errors are one line and exit 2 (no usage block)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"error: {message} (see: {self.prog} --help)\n")


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


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file, at most ``limit``; else ``UserError`` saying why.

    The file is opened without blocking and checked after opening, so a FIFO,
    a device (``/dev/zero`` never ends) or a folder is refused, and never more
    than ``limit`` + 1 bytes are read, whatever the file claims its size is.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a folder, not a file") from None
    except OSError as err:
        raise UserError(f"{path}: cannot read ({err.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise UserError(f"{path}: is a folder, not a file")
        raise UserError(f"{path}: not a regular file (a pipe, device or socket)")
    with os.fdopen(fd, "rb") as handle:
        try:
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as err:
            raise UserError(f"{path}: cannot read ({err.strerror})") from None
    if limit is not None and len(data) > limit:
        raise UserError(f"{path}: over the {limit / 2**20:g} MB limit")
    return data


def read_input(name: str) -> str:
    """The text of a file, or of stdin for ``-``."""
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    return decode(read_regular(Path(name)), name)


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
    """The given id, else a slug of the file name (``text`` for stdin).

    >>> source_id_for("News/Sales Report (final).txt", None)
    'sales-report-final'
    >>> len(source_id_for("a-" * 80 + ".txt", None)) <= MAX_SOURCE_ID
    True
    """
    if given:
        return given
    if name == "-":
        return "text"
    slug = re.sub(r"[^a-z0-9]+", "-", Path(name).stem.lower()).strip("-")
    return slug[:MAX_SOURCE_ID].rstrip("-") or "text"


def as_json(claim: Claim) -> dict:
    """A claim as a flat JSON object with ``start``/``end`` beside ``span``."""
    data = claim.model_dump(mode="json")
    data["start"], data["end"] = claim.span
    return {key: data[key] for key in (*JSON_FIELDS, "span", "note")}


def _commands_help() -> str:
    """The epilog of ``--help``: every command with one example."""
    lines = [
        "commands:",
        "  (none)  FILE...  extract candidate claims from texts (the options above)",
        "          e.g. python -m extractors article.txt --published 2015-12-20 -o claims.yaml",
    ]
    for name, _, summary, example in COMMANDS:
        lines += [f"  {name:<7} {summary}", f"          e.g. {example}"]
    lines.append("Run python -m extractors COMMAND --help for the options of a command.")
    return "\n".join(lines)


def parse_args(argv: list[str]) -> argparse.Namespace:
    commands = "\n".join(f"       %(prog)s {name} ..." for name, *_ in COMMANDS)
    parser = OneLineParser(
        prog="python -m extractors",
        usage="%(prog)s [-o OUTPUT] [--format yaml|json] [--source-id ID] [--published DATE] "
        f"FILE...\n{commands}",
        description="Extract candidate numeric claims from English news texts.",
        epilog=_commands_help(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("files", nargs="+", help="text files or directories of .txt; - is stdin")
    parser.add_argument("-o", "--output", help="write here instead of stdout")
    parser.add_argument("--format", choices=("yaml", "json"), default=None,
                        help="default: json for an OUTPUT ending in .json, else yaml")  # fmt: skip
    parser.add_argument("--source-id", help="source id (slug) of the claims")
    parser.add_argument("--published", help="publication date, YYYY-MM-DD")
    return parser.parse_args(argv)


def check_source_id(given: str | None) -> None:
    """``UserError`` unless ``given`` is None or a slug short enough for claim ids."""
    if given is None:
        return
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", given):
        raise UserError(f"--source-id: {given[:40]!r} is not a slug (a-z, 0-9, hyphens)")
    if len(given) > MAX_SOURCE_ID:
        raise UserError(
            f"--source-id: {len(given)} characters; at most {MAX_SOURCE_ID} "
            "(claim ids add a hyphen and an offset)"
        )


def run(args: argparse.Namespace) -> str:
    """The output text for the parsed arguments."""
    published = None
    if args.published:
        try:
            published = dt.date.fromisoformat(args.published)
        except ValueError:
            raise UserError(
                f"--published: expected YYYY-MM-DD, got {args.published[:40]!r}"
            ) from None
    check_source_id(args.source_id)
    files = expand(args.files)
    directory = any(name != "-" and Path(name).is_dir() for name in args.files)
    if not files:
        raise UserError(f"no .txt files in {', '.join(args.files)}")
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


def write_output(name: str, output: str) -> None:
    """Write ``output`` to the file ``name`` whole or not at all; ``UserError`` if it can't."""
    path = Path(name)
    if path.is_dir():
        raise UserError(f"-o {name}: is a folder; give a file name")
    if path.exists() and not path.is_file():
        raise UserError(f"-o {name}: not a regular file (a device or pipe is not replaced)")
    try:
        atomic_write(path, output.encode("utf-8"))
    except (FileExistsError, NotADirectoryError):
        raise UserError(f"-o {name}: cannot write (a part of its folder is a file)") from None
    except OSError as err:
        raise UserError(f"-o {name}: cannot write ({err.strerror})") from None


def _extract_main(argv: list[str]) -> int:
    args = parse_args(argv)
    output = run(args)
    if args.output:
        write_output(args.output, output)
    else:
        try:
            sys.stdout.write(output)
            sys.stdout.flush()
        except BrokenPipeError:
            raise
        except OSError as err:
            _silence_stdout()
            raise UserError(f"cannot write to standard output ({err.strerror})") from None
    return 0


def _silence_stdout() -> None:
    """Send what is left in stdout's buffer nowhere, so exiting prints no second error."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def main(argv: list[str] | None = None) -> int:
    """Entry point: a command of ``COMMANDS``, else extraction; errors as one line.

    ``UserError`` exits 2; an interrupt 130; anything else is a bug, still told
    in one line (``NEWS_STATS_DEBUG=1`` shows its traceback).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        for name, module, _, _ in COMMANDS:
            if argv and argv[0] == name:
                return _command(name, module).main(argv[1:])
        return _extract_main(argv)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (``| head``): not an error
        return 0
    except Exception as err:  # one line for the user, the traceback on request
        if os.environ.get("NEWS_STATS_DEBUG"):
            raise
        print(f"error: unexpected {type(err).__name__}: {_first_line(err)} (a bug: please "
              "report it; NEWS_STATS_DEBUG=1 shows the traceback)", file=sys.stderr)  # fmt: skip
        return 1


def _command(name: str, module: str) -> types.ModuleType:
    """The module of a command; ``UserError`` when it is not part of this checkout."""
    try:
        return importlib.import_module(module)
    except ModuleNotFoundError as err:
        if err.name != module:
            raise
        raise UserError(f"the {name} command is not installed ({module} is missing)") from None


def _first_line(err: BaseException, limit: int = 200) -> str:
    """The first line of an exception's message, cut to ``limit`` characters.

    >>> _first_line(ValueError("bad" + chr(10) + "more"))
    'bad'
    """
    text = str(err).strip()
    return text.splitlines()[0][:limit] if text else ""

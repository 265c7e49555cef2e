"""``python -m dataset validate [DIR]``: check the dataset, one problem a line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dataset.load import load_models
from dataset.paths import data_root


def validate(root: Path) -> int:
    """Print every problem as ``file:line: field: message``; 1 if any."""
    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    models, problems = load_models(root)
    for problem in problems:
        print(problem)
    claims = sum(len(c) for c in models.claims.values())
    summary = f"{len(models.sources)} sources, {claims} claims, {len(models.categories)} categories"
    print(f"{summary}: {len(problems)} problem(s)", file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dataset", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every file under DIR (default data/)")
    check.add_argument("dir", nargs="?", default=None, type=Path)
    args = parser.parse_args(argv)
    if args.command == "validate":
        return validate(args.dir or data_root())
    return 2


if __name__ == "__main__":
    sys.exit(main())

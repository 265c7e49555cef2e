"""``python -m dataset``: validate, review, approve, reject, export.

* ``validate [DIR]``: check the dataset, one problem a line.
* ``review SOURCE-ID``: list a source's claims (id, status, figure, quote).
* ``approve CLAIM-ID...`` / ``reject CLAIM-ID...``: change their status (locked, validated).
* ``edit CLAIM-ID field=value...``: change any field of a claim, for example
  ``edit ID kind=percent measure=growth metric=cn-internet-users period.as_of=2015-12``.
* ``metric new --from CLAIM-ID --id ID --measure-type stock``: add a metric to
  metrics.yaml described by a claim (label, unit, kind, currency, entity, category),
  and put the claim in it.
* ``export --format datapackage [--force] OUT/``: write a Frictionless Data Package
  (refuses a folder holding files unless ``--force``; exit 1 if the dataset has problems).
* ``compare [--format json|text] [DIR]``: approved claims against the official figures.
* ``build [DIR]``: bring the derived Parquet store up to date (``dataset/store.py``).

Every command works on ``$NEWS_STATS_DATA`` (default ``data/``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from curation.edit import FIELDS, edit_claim, parse_assignments
from curation.metrics import add_metric, metric_from_claim, read_metrics
from curation.writes import find_claim, read_claims, read_text, set_status
from dataset.datapackage import refuse_target, write_package
from dataset.load import load_models
from dataset.paths import data_root
from dataset.schema import MEASURE_TYPES, PERIOD_TYPES, STATUSES, checked_slug

STATUS_OF = {"approve": "approved", "reject": "rejected"}
"""Command -> the status it sets."""


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


def review(root: Path, source_id: str, statuses: list[str]) -> int:
    """Print a source's claims, one a line: ``id  status  figure  quote``."""
    try:
        checked_slug(source_id)
    except ValueError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    text = read_text(root, source_id)
    if text is None:
        print(f"error: no source {source_id!r} under {root}", file=sys.stderr)
        return 2
    snap = read_claims(root, source_id)
    for problem in snap.problems:
        print(problem, file=sys.stderr)
    shown = [c for c in snap.claims if c.status in statuses]
    for claim in shown:
        figure = text[claim.start : claim.end]
        print(f"{claim.id}\t{claim.status}\t{figure}\t{' '.join(claim.quote.split())}")
    print(f"{len(shown)} of {len(snap.claims)} claim(s) of {source_id}", file=sys.stderr)
    return 1 if snap.problems else 0


def change_status(root: Path, claim_ids: list[str], status: str) -> int:
    """Set ``status`` on the claims; print what changed and every problem."""
    changed, problems = set_status(root, claim_ids, status)
    for problem in problems:
        print(problem, file=sys.stderr)
    for ident in changed:
        print(f"{status}: {ident}")
    return 1 if problems else 0


def _refused(problems: list) -> int:
    """Print each problem on one line of stderr; exit status 2 (nothing was written)."""
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2


def edit(root: Path, claim_id: str, pairs: list[str]) -> int:
    """Set ``field=value`` pairs on one claim; print the claim id when saved."""
    updates, problems = parse_assignments(pairs)
    if not problems:
        problems = edit_claim(root, claim_id, updates)
    if problems:
        return _refused(problems)
    print(f"edited: {claim_id} ({', '.join(updates)})")
    return 0


def metric_new(
    root: Path,
    claim_id: str,
    ident: str,
    measure_type: str,
    period_type: str | None,
    label: str | None,
    definition: str | None,
) -> int:
    """Add a metric made from a claim to metrics.yaml and set the claim's metric to it."""
    claim = find_claim(root, claim_id)
    if claim is None:
        return _refused([f"(command):1: id: no claim {claim_id!r} in the dataset"])
    metrics, problems = read_metrics(root)
    if problems:
        return _refused(problems)
    metric, problems = metric_from_claim(
        claim, ident, measure_type, period_type, label, definition, metrics
    )
    if metric is None:
        return _refused(problems)
    problems = add_metric(root, metric)
    if problems:
        return _refused(problems)
    print(f"metric {metric.id} added to metrics.yaml: {metric.label} ({metric.unit})")
    problems = edit_claim(root, claim_id, {"metric": metric.id})
    if problems:
        return _refused(problems)
    print(f"edited: {claim_id} (metric={metric.id})")
    return 0


def export(root: Path, out: Path, statuses: list[str], force: bool = False) -> int:
    """Write the Data Package into ``out``; 1 when something was left out, 2 when refused.

    Refused (nothing written): a folder inside the dataset or the current
    folder, a non-empty folder without ``--force``, a path that is a file.
    The package is written even when the dataset has problems, with what is
    valid; the files and claims left out are listed and the exit code is 1.
    """
    why = refuse_target(out, root, force)
    if why is not None:
        print(f"error: {why}", file=sys.stderr)
        return 2
    try:
        written, problems = write_package(root, out, statuses)
    except OSError as err:
        print(f"error: cannot write {out}: {err.strerror or err}", file=sys.stderr)
        return 2
    for path in written:
        print(path)
    if problems:
        files = sorted({p.file for p in problems})
        print(
            f"incomplete: {len(problems)} problem(s) in the dataset; what they concern was "
            f"left out of the package (see `python -m dataset validate`): {', '.join(files)}",
            file=sys.stderr,
        )
        return 1
    return 0


def compare(root: Path, fmt: str, statuses: list[str]) -> int:
    """Print each claim with a metric against its official figure (``analysis.compare``)."""
    import json

    from analysis.compare import compare_claims, to_records
    from dataset.load import load_dataset

    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    data = load_dataset(root)
    claims = data.claims[data.claims["status"].isin(statuses)]
    records = to_records(compare_claims(claims, data.models))
    if fmt == "json":
        print(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for r in records:
            print(f"{r['claim']}\t{r['verdict']}\t{r['message']}")
    print(f"{len(records)} claim(s) with a metric compared", file=sys.stderr)
    return 0


def build(root: Path) -> int:
    """Compile the changed files of ``root`` into its store; print every problem; 1 if any."""
    import time

    from dataset import store

    if not root.is_dir():
        print(f"error: {root} is not a folder", file=sys.stderr)
        return 2
    start = time.perf_counter()
    built = store.build(root)
    for problem in built.problems:
        print(problem)
    took = time.perf_counter() - start
    print(
        f"{built.folder}: {len(built.rebuilt)} file(s) compiled in {took:.1f} s; "
        f"{len(built.problems)} problem(s)",
        file=sys.stderr,
    )
    return 1 if built.problems else 0


def add_build_command(commands: argparse._SubParsersAction) -> None:
    """``build [DIR]``: a subcommand of its own (other commands are added beside it)."""
    cmd = commands.add_parser("build", help="compile DIR (default data/) into the Parquet store")
    cmd.add_argument("dir", nargs="?", default=None, type=Path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dataset",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every file under DIR (default data/)")
    check.add_argument("dir", nargs="?", default=None, type=Path)
    show = commands.add_parser("review", help="list a source's claims")
    show.add_argument("source_id", metavar="SOURCE-ID")
    show.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="only claims with this status (repeatable; default: all)",
    )
    for name in ("approve", "reject"):
        cmd = commands.add_parser(name, help=f"{name} claims by id")
        cmd.add_argument("claim_ids", metavar="CLAIM-ID", nargs="+")
    _add_edit_commands(commands)
    out = commands.add_parser("export", help="write the curated figures as a Data Package")
    out.add_argument("--format", choices=("datapackage",), default="datapackage")
    out.add_argument(
        "--status",
        action="append",
        choices=STATUSES,
        help="claims with this status (repeatable; default: approved)",
    )
    out.add_argument(
        "--force", action="store_true", help="write into OUT even when it holds files already"
    )
    out.add_argument("out", metavar="OUT", type=Path)
    vs = commands.add_parser("compare", help="claims against the official figures (data/reference)")
    vs.add_argument("--format", choices=("text", "json"), default="text")
    vs.add_argument("--status", action="append", choices=STATUSES, help="default: approved")
    vs.add_argument("dir", nargs="?", default=None, type=Path)
    add_build_command(commands)
    args = parser.parse_args(argv)
    root = data_root()
    if args.command == "validate":
        return validate(args.dir or root)
    if args.command == "review":
        return review(root, args.source_id, args.status or list(STATUSES))
    if args.command in ("approve", "reject"):
        return change_status(root, args.claim_ids, STATUS_OF[args.command])
    if args.command == "export":
        return export(root, args.out, args.status or ["approved"], args.force)
    if args.command == "edit":
        return edit(root, args.claim_id, args.assignments)
    if args.command == "metric":
        return metric_new(
            root,
            args.claim_id,
            args.id,
            args.measure_type,
            args.period_type,
            args.label,
            args.definition,
        )
    if args.command == "compare":
        return compare(args.dir or root, args.format, args.status or ["approved"])
    if args.command == "build":
        return build(args.dir or root)
    return 2


def _add_edit_commands(commands: argparse._SubParsersAction) -> None:
    """``edit`` and ``metric new``: curation from the command line."""
    change = commands.add_parser(
        "edit",
        help="change fields of a claim: edit ID kind=percent metric=cn-internet-users ...",
        description=f"Fields: {', '.join(FIELDS)}; a period bound as period.as_of, "
        "period.start, period.end (or base_period.*); an empty value or null clears one.",
    )
    change.add_argument("claim_id", metavar="CLAIM-ID")
    change.add_argument("assignments", metavar="FIELD=VALUE", nargs="+")
    metric = commands.add_parser("metric", help="make a metric from a claim: metric new ...")
    verbs = metric.add_subparsers(dest="verb", required=True)
    new = verbs.add_parser(
        "new",
        help="add a metric to metrics.yaml from a claim, and put the claim in it",
        description="Example: metric new --from ID --id cn-mobile-users --measure-type stock",
    )
    new.add_argument("--from", dest="claim_id", metavar="CLAIM-ID", required=True)
    new.add_argument("--id", required=True, help="the new metric's id (a slug)")
    new.add_argument("--measure-type", choices=MEASURE_TYPES, required=True)
    new.add_argument("--period-type", choices=PERIOD_TYPES, help="flows only")
    new.add_argument("--label", help="default: the claim's subject")
    new.add_argument("--definition", help="default: the label and the claim it came from")


if __name__ == "__main__":
    sys.exit(main())

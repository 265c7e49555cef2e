"""Locked, stale-checked edits of the dataset: the only way curation writes.

Two writers (two browser tabs, or the app and the CLI) must never lose or
corrupt each other's work, so every read-modify-write here:

* holds a ``filelock.FileLock`` on ``<file>.lock`` beside the file it changes;
* refuses a save when the file's sha256 differs from the one taken when the
  edited claims were loaded (someone else saved in between: "stale");
* validates every claim (pydantic, category, the text cross-checks) before
  anything is written, and writes through the atomic saver of dataset.save.

Paths are built only from slugs and checked to stay inside the data root.
Errors are returned as `Problem` values for the person, never raised.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from pydantic import ValidationError

from curation.metrics import read_metrics
from curation.subjects import with_readable_subject
from dataset.load import CLAIMS_DIR, SOURCES_DIR, load_categories, parse_claims_file
from dataset.problems import Problem
from dataset.save import atomic_write, save_claims, save_source
from dataset.schema import STATUSES, Claim, Metric, Source, checked_slug
from dataset.validate import claim_problems, field_name, validation_problems
from dataset.yamlio import decode_text, read_bytes

LOCK_TIMEOUT = 15.0
"""Seconds a writer waits for another's lock before giving up with a message."""

ADD_LOCK = ".add-source"
"""Lock name (under sources/) serialising new sources: the text-hash check and the write."""

SOURCE_ID_CHARS = 60
"""Longest new source id (before a ``-2`` for a taken one): readable in a path or a URL."""

PUBLISHER_WORDS, TITLE_WORDS = 3, 6
"""Words of the publisher and of the title a new source id keeps, at most."""


@dataclass(frozen=True)
class Snapshot:
    """A source's claims as read, with the sha256 of the file's bytes (None: no file yet).

    The digest travels with the edit (session state in the app) and is compared
    again, under the lock, when the edit is saved.
    """

    source_id: str
    claims: tuple[Claim, ...]
    digest: str | None
    problems: tuple[Problem, ...] = field(default=())


def digest_bytes(raw: bytes) -> str:
    """sha256 hex digest.

    >>> digest_bytes(b"")[:12]
    'e3b0c44298fc'
    """
    return hashlib.sha256(raw).hexdigest()


def file_digest(path: Path) -> str | None:
    """sha256 of the file's bytes; None when it does not exist, "(unreadable)" when it
    can't be read as a file (a FIFO, a device): never equal to a loaded file's digest."""
    if not path.exists():
        return None
    raw, _ = read_bytes(path)
    return digest_bytes(raw) if raw is not None else "(unreadable)"


def inside(root: Path | str, folder: str, slug: str, suffix: str) -> Path:
    """``root/folder/<slug><suffix>``, refusing anything that is not a slug or leaves root.

    >>> inside("data", "claims", "a-b", ".yaml").as_posix()
    'data/claims/a-b.yaml'
    >>> inside("data", "claims", "../x", ".yaml")
    Traceback (most recent call last):
    ValueError: '../x' is not a slug (lower-case letters, digits, single hyphens)
    """
    root = Path(root)
    path = root / folder / f"{checked_slug(slug)}{suffix}"
    # by name only: a link at the path is refused when read (a problem, not an error),
    # and a save replaces the link itself, never its target
    if not Path(os.path.abspath(path)).is_relative_to(os.path.abspath(root)):
        raise ValueError(f"{path} is outside {root}")
    return path


def claims_path(root: Path | str, source_id: str) -> Path:
    """Where a source's claims live."""
    return inside(root, CLAIMS_DIR, source_id, ".yaml")


def lock_for(path: Path) -> FileLock:
    """The lock guarding ``path``'s read-modify-write: ``<file>.lock`` beside it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    return FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT)


def _display(path: Path, root: Path | str) -> str:
    try:
        return path.relative_to(Path(root)).as_posix()
    except ValueError:
        return path.as_posix()


def parse_claims(raw: bytes, file: str) -> tuple[list[Claim], list[Problem]]:
    """Claims of one claims file's bytes, with the problems of what did not parse.

    The loader's own parser (`dataset.load.parse_claims_file`): one rule, one message.
    """
    _, valid, problems = parse_claims_file(raw, file)
    return [claim for _, claim in valid], problems


def read_claims(root: Path | str, source_id: str) -> Snapshot:
    """A source's claims (every status) and the digest of the file they came from."""
    path = claims_path(root, source_id)
    if not path.exists() and not path.is_symlink():
        return Snapshot(source_id, (), None)
    raw, refused = read_bytes(path, Path(root))  # no FIFO, device or link out of root
    if raw is None:
        return Snapshot(source_id, (), None, tuple(refused))
    claims, problems = parse_claims(raw, _display(path, root))
    return Snapshot(source_id, tuple(claims), digest_bytes(raw), tuple(problems))


def read_text(root: Path | str, source_id: str) -> str | None:
    """A source's article text (as the loader reads it), or None when it has none."""
    path = inside(root, SOURCES_DIR, source_id, ".txt")
    raw, _ = read_bytes(path, Path(root))
    return None if raw is None else decode_text(raw, path.name)[0]


def validate_claims(
    rows: Sequence[Mapping | Claim],
    source_id: str,
    text: str,
    categories: Iterable[str],
    file: str = "",
    metrics: Mapping[str, Metric] | Iterable[str] = (),
) -> tuple[list[Claim], list[Problem]]:
    """Every row as a `Claim`, checked against the schema, the source, categories and text.

    The checks are the loader's (`dataset.validate.claim_problems`), plus
    duplicate ids within the rows and, when ``metrics`` maps ids to metrics,
    whether a level fits its metric's kind and currency (`metric_problems`).
    ``line`` in a problem is the row number (1-based), so the app can point at it.

    >>> text = "It has 670 million users."
    >>> row = dict(id="s-7", source="s", quote=text, span=(7, 18), value=670e6, kind="count")
    >>> validate_claims([row], "s", text, ["other"])[1]
    []
    >>> [str(p) for p in validate_claims([{**row, "value": "lots"}], "s", text, ["other"])[1]]
    ["row:1: value: must be a number, written without quotes (like 670000000.0), got 'lots'"]
    """
    file = file or "row"
    known, metric_ids = set(categories), set(metrics)
    claims, problems, seen = [], [], set()
    for line, row in enumerate(rows, start=1):
        data = row.model_dump() if isinstance(row, Claim) else dict(row)
        try:
            claim = Claim.model_validate(data)
        except ValidationError as err:
            problems += [
                Problem(file, line, field_name(loc), message)
                for loc, message in validation_problems(err)
            ]
            continue
        found = claim_problems(claim, source_id, text, known, metric_ids)
        found += metric_problems(claim, metrics if isinstance(metrics, Mapping) else {})
        if claim.id in seen:
            found.append(("id", f"duplicate id {claim.id!r}"))
        seen.add(claim.id)
        problems += [Problem(file, line, name, why) for name, why in found]
        claims.append(claim)
    return claims, problems


def metric_problems(claim: Claim, metrics: Mapping[str, Metric]) -> list[tuple[str, str]]:
    """Why ``claim``'s metric does not fit it (field, message); [] when it does or is unknown
    (an unknown metric is `dataset.validate.claim_problems`' to report).

    >>> m = Metric(id="users", label="Users", definition="d.", unit="users", kind="count",
    ...            measure_type="stock")
    >>> c = Claim(id="s-3", source="s", quote="Up 7 percent", span=(3, 12), value=7.0,
    ...           kind="percent", metric="users")
    >>> metric_problems(c, {"users": m})
    [('metric', 'metric users holds count figures; this level is percent: change kind or metric')]
    >>> metric_problems(c.model_copy(update={"measure": "growth"}), {"users": m})
    []
    """
    if claim.metric is None or not metrics:
        return []
    metric = metrics.get(claim.metric)
    if metric is None:
        return []
    if claim.measure == "level" and claim.kind != metric.kind:
        return [
            (
                "metric",
                f"metric {metric.id} holds {metric.kind} figures; this level is {claim.kind}: "
                "change kind or metric",
            )
        ]
    if claim.measure == "level" and claim.currency != metric.currency:
        return [
            (
                "metric",
                f"metric {metric.id} is in {metric.currency}, this level in {claim.currency}",
            )
        ]
    return []


def _category_ids(root: Path | str) -> list[str]:
    categories, _ = load_categories(root)
    return [c.id for c in categories]


def _metrics(root: Path | str) -> dict[str, Metric]:
    return read_metrics(root)[0]


def save_checked(
    root: Path | str,
    source_id: str,
    rows: Sequence[Mapping | Claim],
    loaded_digest: str | None,
) -> list[Problem]:
    """Validate ``rows`` and write them as the source's claims, unless stale; [] when saved.

    ``loaded_digest`` is `Snapshot.digest` of the claims the edit started from
    (None for a source that had no claims file).  Nothing is written when any
    row is invalid, when the file changed on disk since, or when the lock
    cannot be had within `LOCK_TIMEOUT` seconds.
    """
    path = claims_path(root, source_id)
    file = _display(path, root)
    text = read_text(root, source_id)
    if text is None:
        return [Problem(file, 1, "source", f"no readable text for source {source_id!r}")]
    claims, problems = validate_claims(
        rows, source_id, text, _category_ids(root), metrics=_metrics(root)
    )
    if problems:
        return problems
    try:
        with lock_for(path):
            if file_digest(path) != loaded_digest:
                return [stale(file)]
            save_claims(root, source_id, claims)
    except Timeout:
        return [busy(file)]
    except OSError as err:
        return [not_written(file, err)]
    return []


def not_written(file: str, err: OSError) -> Problem:
    """The message of a save the system refused (disk full, permissions): the old file stays."""
    return Problem(file, 1, "(file)", f"could not be written ({err}); the previous file is intact")


def stale(file: str) -> Problem:
    """The message of a refused stale save."""
    return Problem(
        file,
        1,
        "(file)",
        "changed on disk since it was loaded (another tab or the command line saved it); "
        "nothing was written: reload it and apply your edits again",
    )


def busy(file: str) -> Problem:
    """The message of a save that could not get the lock."""
    return Problem(
        file, 1, "(file)", f"another save held it for {LOCK_TIMEOUT:g} s; nothing was written"
    )


Change = Callable[[Claim], Claim | Mapping]
"""An edit of one claim: the claim as it is on disk -> the claim (or mapping) to save."""


def set_status(
    root: Path | str, claim_ids: Sequence[str], status: str
) -> tuple[list[str], list[Problem]]:
    """Give each claim of ``claim_ids`` the ``status``; the ids changed and the problems.

    An approved claim keeps a readable subject: a missing one, or one that only
    repeats its unit or kind ("percent"), becomes its metric's label or
    "<Unit> in <Entity>" (`curation.subjects`).
    """
    if status not in STATUSES:
        return [], [Problem("(command)", 1, "status", f"expected one of {', '.join(STATUSES)}")]
    metrics = _metrics(root) if status == "approved" else {}

    def change(claim: Claim) -> Claim:
        changed = claim.model_copy(update={"status": status})
        return with_readable_subject(changed, metrics) if status == "approved" else changed

    return change_claims(root, dict.fromkeys(claim_ids, change))


def find_claim(root: Path | str, claim_id: str) -> Claim | None:
    """The claim with this id, wherever it is, or None."""
    by_source, _ = locate_claims(root, [claim_id])
    for source_id in by_source:
        for claim in read_claims(root, source_id).claims:
            if claim.id == claim_id:
                return claim
    return None


def change_claims(
    root: Path | str, changes: Mapping[str, Change]
) -> tuple[list[str], list[Problem]]:
    """Apply ``changes`` (claim id -> edit) to the claims; the ids changed and the problems.

    Claims are found through their source (a claim id starts with its
    source's id); each claims file is read, changed, validated and written
    under its lock, so a concurrent writer's change is never lost.
    """
    wanted = list(changes)
    changed: set[str] = set()
    problems: list[Problem] = []
    by_source, missing = locate_claims(root, wanted)
    problems += [Problem("(command)", 1, "id", f"no claim {i!r} in the dataset") for i in missing]
    for source_id, ids in by_source.items():
        path = claims_path(root, source_id)
        try:
            with lock_for(path):
                snap = read_claims(root, source_id)
                rows = [changes[c.id](c) if c.id in ids else c for c in snap.claims]
                found = save_checked_locked(root, source_id, rows, snap)
        except Timeout:
            found = [busy(_display(path, root))]
        except OSError as err:
            found = [not_written(_display(path, root), err)]
        problems += found
        if not found:
            changed |= ids
    return [i for i in wanted if i in changed], problems


def save_checked_locked(
    root: Path | str, source_id: str, rows: Sequence[Claim | Mapping], snap: Snapshot
) -> list[Problem]:
    """`save_checked`'s validation and write, for a caller already holding the lock."""
    if snap.problems:
        return list(snap.problems)
    text = read_text(root, source_id)
    file = _display(claims_path(root, source_id), root)
    if text is None:
        return [Problem(file, 1, "source", f"no readable text for source {source_id!r}")]
    claims, problems = validate_claims(
        rows, source_id, text, _category_ids(root), file, _metrics(root)
    )
    if problems:
        return problems
    save_claims(root, source_id, claims)
    return []


def locate_claims(
    root: Path | str, claim_ids: Sequence[str]
) -> tuple[dict[str, set[str]], list[str]]:
    """Source id -> the given claim ids it holds; and the ids found nowhere.

    Claim ids normally start with their source's id, so that file is read
    first; ids not found there are looked for in every other claims file.
    """
    stems = [p.stem for p in sorted((Path(root) / CLAIMS_DIR).glob("*.yaml"))]
    left = set(claim_ids)
    found: dict[str, set[str]] = {}
    by_prefix = sorted(stems, key=lambda s: not any(i.startswith(s + "-") for i in left))
    for stem in by_prefix:
        if not left:
            break
        ids = {c.id for c in read_claims(root, stem).claims} & left
        if ids:
            found[stem] = ids
            left -= ids
    return found, [i for i in claim_ids if i in left]


# --- New sources -----------------------------------------------------------------


def slugify(text: str, words: int = TITLE_WORDS) -> str:
    """A slug of the first ``words`` words of ``text`` (accents dropped).

    >>> slugify("Smartphones: Q3's “Big” Year, in €!")
    'smartphones-q3s-big-year-in'
    >>> slugify("中国")
    ''
    """
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    plain = plain.replace("'", "")
    return "-".join(re.findall(r"[a-z0-9]+", plain)[:words])


def source_id_for(publisher: str, published: dt.date, title: str) -> str:
    """The id a new source gets: ``<publisher>-<date>-<title words>``, at most 60 characters.

    Cut at a word, so a long headline keeps its first few whole words.

    >>> source_id_for("China Daily", dt.date(2015, 12, 20), "Wuzhen summit opens")
    'china-daily-2015-12-20-wuzhen-summit-opens'
    >>> source_id_for("Xinhua", dt.date(2024, 8, 1), "China's online retail sales " * 9)
    'xinhua-2024-08-01-chinas-online-retail-sales-chinas-online'
    """
    head = "-".join(p for p in (slugify(publisher, PUBLISHER_WORDS), published.isoformat()) if p)
    ident = head
    for word in slugify(title).split("-"):
        if word and len(ident) + 1 + len(word) > SOURCE_ID_CHARS:
            break
        ident = f"{ident}-{word}" if word else ident
    return ident[:SOURCE_ID_CHARS].strip("-")


def unique_id(wanted: str, taken: Iterable[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``... whichever is free.

    >>> unique_id("a", ["a", "a-2"])
    'a-3'
    """
    taken = set(taken)
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def source_ids(root: Path | str) -> list[str]:
    """Ids of every source under ``root`` (from the file names)."""
    return sorted(p.stem for p in (Path(root) / SOURCES_DIR).glob("*.yaml"))


def same_text(root: Path | str, text: str) -> str | None:
    """The id of a source whose stored text has the same sha256 as ``text``, or None."""
    wanted = digest_bytes(text.encode("utf-8"))
    for path in sorted((Path(root) / SOURCES_DIR).glob("*.txt")):
        if not path.with_suffix(".yaml").is_file():
            continue  # a text with no source beside it (``orphan_texts``) is no source
        raw, _ = read_bytes(path, Path(root))  # a FIFO would block, a device never end
        if raw is not None and digest_bytes(raw) == wanted:
            return path.stem
    return None


def rebase(claims: Iterable[Mapping | Claim], old: str, new: str) -> list[dict]:
    """``claims`` (claims or mappings, not yet valid) moved from source ``old`` to ``new``:
    source field and id prefix.

    >>> c = Claim(id="text-7", source="text", quote="x 7", span=(2, 3), value=7.0, kind="count")
    >>> [(r["id"], r["source"]) for r in rebase([c], "text", "cd-2015")]
    [('cd-2015-7', 'cd-2015')]
    """
    moved = []
    for claim in claims:
        data = claim.model_dump(mode="python") if isinstance(claim, Claim) else dict(claim)
        ident = data.get("id")
        if old != new and isinstance(ident, str) and ident.startswith(old + "-"):
            data["id"] = new + ident[len(old) :]
        data["source"] = new
        moved.append(data)
    return moved


ADDING = ".adding"
"""Suffix of the marker ``sources/.<id>.adding``: an add of ``<id>`` has begun and not ended."""


def _added_files(root: Path, ident: str) -> list[Path]:
    """The three files one add writes, in the order it writes them."""
    sources = root / SOURCES_DIR
    return [sources / f"{ident}.txt", sources / f"{ident}.yaml", claims_path(root, ident)]


def _write_all(root: Path, source: Source, text: str, ident: str, claims: list[Claim]) -> None:
    """Text, source and claims as one transaction: all three are written, or none stays.

    A marker is written first and removed last; an add killed in between leaves
    it, and the next add removes whatever that add wrote (``roll_back_interrupted``).
    An error here is rolled back at once.
    """
    marker = root / SOURCES_DIR / f".{ident}{ADDING}"
    atomic_write(marker, b"")
    try:
        save_source(root, source, text)
        save_claims(root, ident, claims)
    except BaseException:
        roll_back_interrupted(root)
        raise
    marker.unlink()


def roll_back_interrupted(root: Path | str) -> list[str]:
    """Remove what adds that never finished wrote (their files, temp files, marker); their ids.

    Called under the add lock, so no add in progress is touched.
    """
    root = Path(root)
    undone = []
    for marker in sorted((root / SOURCES_DIR).glob(f".*{ADDING}")):
        ident = marker.name[1 : -len(ADDING)]
        if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", ident):
            continue  # not a marker this module wrote
        for path in _added_files(root, ident):
            path.unlink(missing_ok=True)
            for temp in path.parent.glob(f".{path.name}.*.tmp"):
                temp.unlink(missing_ok=True)
        marker.unlink()
        undone.append(ident)
    for temp in (root / SOURCES_DIR).glob(f"..*{ADDING}.*.tmp"):
        temp.unlink(missing_ok=True)  # a marker being written: that add wrote nothing else
    return undone


def orphan_texts(root: Path | str) -> list[str]:
    """Ids of ``sources/<id>.txt`` files with no ``sources/<id>.yaml`` (left by an old crash)."""
    sources = Path(root) / SOURCES_DIR
    return sorted(p.stem for p in sources.glob("*.txt") if not p.with_suffix(".yaml").exists())


def add_source(
    root: Path | str, source: Source, text: str, claims: Sequence[Mapping | Claim] = ()
) -> tuple[str | None, list[Problem]]:
    """Write a new source, its text and its claims; its final id, or None and why not.

    Refused when a source with the same text (sha256) exists, naming it.  When
    ``source.id`` is taken by another text, the next free ``-2``, ``-3``...
    is used and the claims' ids follow.  Everything is validated before the
    first byte is written; the text is stored byte-identical (UTF-8).
    """
    root = Path(root)
    file = f"{SOURCES_DIR}/{source.id}.yaml"
    if not text.strip():
        return None, [Problem(file, 1, "text", "the article text is empty")]
    try:
        with lock_for(root / SOURCES_DIR / ADD_LOCK):
            roll_back_interrupted(root)
            existing = same_text(root, text)
            if existing is not None:
                return None, [
                    Problem(
                        file, 1, "text", f"this article is already in the dataset as {existing!r}"
                    )
                ]
            ident = unique_id(source.id, source_ids(root))
            rows, problems = validate_claims(
                claims, source.id, text, _category_ids(root), f"{CLAIMS_DIR}/{source.id}.yaml"
            )
            if problems:  # named after the claims file, with the row: not the source's
                return None, problems
            moved = rebase(rows, source.id, ident)
            final = source.model_copy(update={"id": ident})
            checked, problems = validate_claims(
                moved,
                ident,
                text,
                _category_ids(root),
                f"{CLAIMS_DIR}/{ident}.yaml",
                _metrics(root),
            )
            if problems:
                return None, problems
            path = claims_path(root, ident)
            with lock_for(path):
                if path.exists():
                    return None, [stale(_display(path, root))]
                _write_all(root, final, text, ident, checked)
    except Timeout:
        return None, [busy(file)]
    except OSError as err:
        return None, [not_written(file, err)]
    return ident, []

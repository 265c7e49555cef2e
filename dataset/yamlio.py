"""YAML in and out: safe parsing that remembers lines, deterministic writing.

Reading never constructs arbitrary Python objects (only the safe loader's
plain types), and keeps the node tree so that a validation error on
``claims[3].value`` can be reported at the line where that value stands.
Writing is byte-stable: the same data always gives the same text.
"""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import yaml

from dataset.problems import Problem

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass
class Parsed:
    """A YAML file's data and the node tree its line numbers come from."""

    file: str
    data: object
    node: yaml.Node | None

    def line(self, path: Sequence[str | int] = ()) -> int:
        """1-based line of the deepest node along ``path`` that exists.

        ``path`` is a pydantic error location such as ``(3, "span", 0)``; a
        missing key reports the line of the mapping that should hold it.
        """
        node = self.node
        if node is None:
            return 1
        for step in path:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.SequenceNode) and isinstance(step, int):
        return node.value[step] if 0 <= step < len(node.value) else None
    if isinstance(node, yaml.MappingNode):
        found = None
        for key, value in node.value:
            if key.value == step:
                found = value  # the last, as a key given twice is reported at its second
        return found
    return None


MAX_FILE_BYTES = 20_000_000
"""Largest YAML (or article text) file the loader reads: 20 MB.

Parsing costs about 40 bytes of memory per byte of YAML (a 200 MB claims file
peaked at 7.6 GB), so a bigger file is a problem, not a read.  A source's claims
file is normally a few KB; split a giant one by source.
"""

ALIAS_BUDGET = 10_000
"""Values YAML aliases (``*name``) may add to a file when expanded.

Aliases are shared in the node tree, but validation and messages walk the
expanded data: an 8-level alias chain of 11 KB expands to hundreds of millions
of values (a "billion laughs").  The dataset's own files use no aliases at all.
"""


@dataclass(frozen=True)
class BadScalar:
    """A value YAML recognised as a date, time or number but could not build.

    ``as_of: 2015-02-30`` is resolved as a timestamp and ``datetime.date``
    refuses it; a 5,000-digit integer exceeds Python's conversion limit.
    Instead of an exception that takes the whole load down, the value becomes
    this marker: the model refuses it (no field accepts it) and the message
    says why, at the value's own line.

    >>> parse_yaml(b"as_of: 2015-02-30\\n", "x.yaml")[0].data["as_of"]
    BadScalar('2015-02-30')
    """

    text: str
    why: str

    def __repr__(self) -> str:
        return f"BadScalar({self.text!r})"


class SafeLineLoader(_Loader):  # type: ignore[misc, valid-type]
    """The safe loader, with constructors that return `BadScalar` instead of raising.

    A key given twice in one mapping, at any depth, gets a `BadScalar` as its
    value: YAML would keep the last one silently, and which one a person meant
    is not ours to guess, so the item holding it is refused.
    """

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        twice = _keys_given_twice(node)
        mapping = super().construct_mapping(node, deep=deep)
        for key_node in twice:
            key = self.construct_object(key_node, deep=deep)
            mapping[key] = BadScalar(str(key_node.value)[:80], "key given twice")
        return mapping


def _keys_given_twice(node: yaml.MappingNode) -> list[yaml.ScalarNode]:
    """The second (third...) occurrence of each plain key of ``node`` (merge keys aside)."""
    seen: set[str] = set()
    twice = []
    for key, _ in node.value:
        if isinstance(key, yaml.ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
            if key.value in seen:
                twice.append(key)
            seen.add(key.value)
    return twice


def _tolerant(kind: str, construct: object) -> object:
    def build(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
        try:
            return construct(loader, node)  # type: ignore[operator]
        except (ValueError, OverflowError, TypeError, AttributeError, KeyError) as err:
            return BadScalar(str(node.value)[:80], _why(kind, str(node.value), err))

    return build


def _why(kind: str, text: str, err: Exception) -> str:
    """The sentence for a value YAML could not build."""
    if kind == "int" and "digits" in str(err):
        return f"an integer of {len(text):,} digits is far too long for a figure"
    if kind == "timestamp":
        reason = str(err) if isinstance(err, ValueError) else "not a date"
        return f"{text[:40]} is not a real date or time ({reason})"
    return f"{text[:40]!r} is not a valid {kind}"


for _tag in ("timestamp", "int", "float", "bool", "binary"):
    _full = f"tag:yaml.org,2002:{_tag}"
    SafeLineLoader.add_constructor(_full, _tolerant(_tag, _Loader.yaml_constructors[_full]))


def parse_yaml(raw: bytes, file: str) -> tuple[Parsed | None, list[Problem]]:
    """Decode and parse one file; problems instead of exceptions.

    Problems of the whole file (syntax, encoding, an alias bomb) return no
    data; a bad value (``2015-02-30``, a key given twice) is a `BadScalar` in
    the data, which the model refuses at the value's line.

    >>> parse_yaml(b"a: [1, 2\\n", "x.yaml")[1][0].line
    2
    """
    if len(raw) > MAX_FILE_BYTES:
        return None, [too_big(file, len(raw))]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        byte = raw[err.start : err.start + 1].hex()
        return None, [
            Problem(file, line, "(file)", f"not UTF-8 (byte 0x{byte}); save the file as UTF-8")
        ]
    if not text.strip():
        return None, [Problem(file, 1, "(file)", "the file is empty")]
    loader = SafeLineLoader(text)
    try:
        node = loader.get_single_node()
        # an alias is written "*name": without a "*" no node is shared, nothing to walk
        if node is not None and "*" in text and (bomb := _alias_bomb(node, file)) is not None:
            return None, [bomb]
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else 1
        what = (err.problem or "invalid YAML").strip()
        if "could not determine a constructor" in what:
            what = f"tag {err.problem.split('tag ')[-1].strip()} is not allowed (plain YAML only)"
        return None, [Problem(file, line, "(yaml)", what)]
    except yaml.YAMLError as err:  # reader errors (control characters) carry no mark
        return None, [Problem(file, 1, "(yaml)", str(err).splitlines()[0])]
    except RecursionError:
        return None, [Problem(file, 1, "(yaml)", "nested too deeply to read")]
    finally:
        loader.dispose()
    if node is None or data is None:
        return None, [Problem(file, 1, "(file)", "the file holds no data")]
    return Parsed(file, data, node), []


def too_big(file: str, size: int) -> Problem:
    """The problem of a file over `MAX_FILE_BYTES`."""
    return Problem(
        file,
        1,
        "(file)",
        f"the file is {size / 1e6:,.1f} MB, over the {MAX_FILE_BYTES / 1e6:g} MB a file may "
        "hold; split it (one claims file a source)",
    )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _alias_bomb(root: yaml.Node, file: str, budget: int = ALIAS_BUDGET) -> Problem | None:
    """A problem when aliases would expand the file by more than ``budget`` values.

    Walks the node graph once, each node once (an alias shares its anchor's
    node), computing each node's expanded size and how much of it comes from
    copies: a child whose first parent is another node, or that a parent
    holds twice, is an alias's copy.  The smallest node over budget is named.
    """
    expanded: dict[int, int] = {}
    copied: dict[int, int] = {}
    owner: dict[int, int] = {id(root): 0}
    open_nodes: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        if done:
            size, extra, here = 1, 0, set()
            for child in _children(node):
                ck = id(child)
                size += expanded[ck]
                extra += expanded[ck] if owner[ck] != key or ck in here else copied[ck]
                here.add(ck)
            expanded[key], copied[key] = size, extra
            open_nodes.discard(key)
            if extra > budget:
                return _problem_at(
                    file,
                    node,
                    f"aliases (*name) here expand to more than {budget:,} values; "
                    "write the values out instead",
                )
            continue
        if key in expanded:
            continue
        open_nodes.add(key)
        stack.append((node, True))
        for child in _children(node):
            ck = id(child)
            if ck in open_nodes:
                return _problem_at(file, child, "an alias refers to its own anchor (a loop)")
            owner.setdefault(ck, key)
            if ck not in expanded:
                stack.append((child, False))
    return None


def _problem_at(file: str, node: yaml.Node, message: str) -> Problem:
    return Problem(file, node.start_mark.line + 1, "(yaml)", message)


def read_yaml(path: Path, root: Path | None = None) -> tuple[Parsed | None, list[Problem]]:
    """Read and parse ``path``; the file name in problems is relative to ``root``."""
    raw, problems = read_bytes(path, root)
    if raw is None:
        return None, problems
    return parse_yaml(raw, display_name(path, root))


def read_bytes(
    path: Path, root: Path | None = None, limit: int = MAX_FILE_BYTES
) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``path``, or a problem saying why they are not read.

    Refused: a symlink that leads outside ``root`` (``/etc/passwd`` is not an
    article), anything but a regular file (a FIFO would block the reader
    forever, a device never ends), a file over ``limit`` bytes.  Opened with
    ``O_NONBLOCK`` so that even a FIFO swapped in after the check can't hang.
    """
    name = display_name(path, root)
    if root is not None and not within(path, root):
        return None, [
            Problem(name, 1, "(file)", "a link to a file outside the data folder; not read")
        ]
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        if not stat.S_ISREG(mode := os.stat(path).st_mode):  # a socket can't even be opened
            return None, [Problem(name, 1, "(file)", f"{_file_type(mode)}, not a file; skipped")]
        fd = os.open(path, flags)
    except OSError as err:
        return None, [Problem(name, 1, "(file)", f"cannot read: {err.strerror}")]
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return None, [
                Problem(name, 1, "(file)", f"{_file_type(info.st_mode)}, not a file; skipped")
            ]
        if info.st_size > limit:
            return None, [too_big(name, info.st_size)]
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(limit + 1)
    except OSError as err:
        return None, [Problem(name, 1, "(file)", f"cannot read: {err.strerror}")]
    finally:
        os.close(fd)
    if len(raw) > limit:
        return None, [too_big(name, len(raw))]
    return raw, []


def decode_text(raw: bytes, name: str) -> tuple[str | None, str]:
    """An article's bytes as text, or None and why; a leading byte-order mark is dropped.

    Offsets count characters of the text after the mark: the app and the
    extractors' command line drop it on the way in, so a hand-placed file
    saved "with BOM" gives the same offsets as one without.

    >>> decode_text("\ufeffIt has 7".encode(), "a.txt")
    ('It has 7', '')
    """
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), ""
    except UnicodeDecodeError as err:
        return None, f"its text {name} is not UTF-8 (byte {err.start})"


def _file_type(mode: int) -> str:
    """What a non-regular file is, in words."""
    for test, words in (
        (stat.S_ISFIFO, "a named pipe (FIFO)"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return words
    return "a special file"


def within(path: Path, root: Path) -> bool:
    """True when ``path``, links followed, stays inside ``root`` (links followed too).

    Never raises: a symlink loop resolves to itself, and reading it then fails
    with a problem ("too many levels of symbolic links").
    """
    real, top = os.path.realpath(path), os.path.realpath(root)
    try:
        return os.path.commonpath([real, top]) == top
    except ValueError:  # different drives on Windows
        return False


def display_name(path: Path, root: Path | None) -> str:
    """How problems name a file: relative to the data root's parent (``data/claims/x.yaml``)."""
    if root is not None:
        try:
            return path.relative_to(root.parent).as_posix()
        except ValueError:
            pass
    return path.as_posix()


class Flow(list):
    """A list written on one line, as ``span: [593, 604]``."""


class _Dumper(_BaseDumper):
    def ignore_aliases(self, data: object) -> bool:
        return True


def _float(dumper: yaml.SafeDumper, value: float) -> yaml.Node:
    """Plain decimals, never 6.7e+08: the YAML is read by people too."""
    text = repr(value)
    if "e" in text or "E" in text:
        text = format(Decimal(text), "f")
        text = text if "." in text else text + ".0"
    return dumper.represent_scalar("tag:yaml.org,2002:float", text)


def _flow(dumper: yaml.SafeDumper, value: Flow) -> yaml.Node:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _date(dumper: yaml.SafeDumper, value: dt.date) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())


_Dumper.add_representer(float, _float)
_Dumper.add_representer(Flow, _flow)
_Dumper.add_representer(dt.date, _date)


def dump_yaml(data: object) -> str:
    """Deterministic YAML: given key order, block style, Unicode kept, no anchors.

    >>> print(dump_yaml({"value": 670000000.0, "span": Flow([1, 2])}), end="")
    value: 670000000.0
    span: [1, 2]
    """
    return yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=4096,
        indent=2,
        explicit_start=False,
    )

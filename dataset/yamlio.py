"""YAML in and out: safe parsing that remembers lines, deterministic writing.

Reading never constructs arbitrary Python objects (only the safe loader's
plain types), and keeps the node tree so that a validation error on
``claims[3].value`` can be reported at the line where that value stands.
Writing is byte-stable: the same data always gives the same text.
"""

from __future__ import annotations

import datetime as dt
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
        for key, value in node.value:
            if key.value == step:
                return value
    return None


def parse_yaml(raw: bytes, file: str) -> tuple[Parsed | None, list[Problem]]:
    """Decode and parse one file; problems instead of exceptions.

    >>> parse_yaml(b"a: [1, 2\\n", "x.yaml")[1][0].line
    2
    """
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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
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
    finally:
        loader.dispose()
    if node is None or data is None:
        return None, [Problem(file, 1, "(file)", "the file holds no data")]
    return Parsed(file, data, node), _duplicate_keys(node, file)


def _duplicate_keys(root: yaml.Node, file: str) -> list[Problem]:
    """YAML silently keeps the last of two equal keys; we report it instead."""
    problems = []
    mappings = [root] if isinstance(root, yaml.MappingNode) else []
    if isinstance(root, yaml.SequenceNode):
        mappings = [n for n in root.value if isinstance(n, yaml.MappingNode)]
    for mapping in mappings:
        seen: set[str] = set()
        for key, _ in mapping.value:
            if key.value in seen:
                problems.append(
                    Problem(file, key.start_mark.line + 1, str(key.value), "key given twice")
                )
            seen.add(key.value)
    return problems


def read_yaml(path: Path, root: Path | None = None) -> tuple[Parsed | None, list[Problem]]:
    """Read and parse ``path``; the file name in problems is relative to ``root``."""
    raw, problems = read_bytes(path, root)
    if raw is None:
        return None, problems
    return parse_yaml(raw, display_name(path, root))


def read_bytes(path: Path, root: Path | None = None) -> tuple[bytes | None, list[Problem]]:
    """The bytes of ``path``, or a problem saying why it can't be read."""
    try:
        return path.read_bytes(), []
    except OSError as err:
        why = f"cannot read: {err.strerror}"
        return None, [Problem(display_name(path, root), 1, "(file)", why)]


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

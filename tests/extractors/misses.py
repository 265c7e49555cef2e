"""Print the README's "what it misses" as Markdown, from ``known_misses.yaml``.

Run: ``python -m tests.extractors.misses`` (the lead pastes the output into
the docs).  The list is the xfail list of ``test_labelled_sets.py``, so it
cannot drift from what the tests hold.
"""

from __future__ import annotations

import sys

from tests.extractors.labelled import SETS, items, known_misses


def markdown() -> str:
    """One section per labelled set: each known miss with its sentence and reason."""
    misses = known_misses()
    lines = ["## What it misses", ""]
    for name in SETS:
        listed = [item for item in items(name) if item["id"] in misses]
        lines.append(f"### {name} ({len(listed)} of {len(items(name))} items)")
        lines.append("")
        for item in listed:
            text = item["text"].replace("|", "\\|")
            lines.append(f"- `{item['id']}`: {misses[item['id']]}. *{text}*")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.stdout.write(markdown())

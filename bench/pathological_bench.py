"""Benchmark: the extractor on hostile text against normal prose, in one run.

Each input is 1 MB (``--size``; 100 KB with ``--quick``) of one pathological
shape: runs of spaces, digits, hyphens, brackets, one huge word, newlines,
random Unicode, and runs of figures ("1,", "$5 ", "5 тысяч ") that once took
minutes and gigabytes.  Normal prose is a news-like article generated from
templates below (seeded, so every run reads the same text).  For each input
it prints CPU seconds per MB, the ratio to prose, the claims found and the
peak memory of Python allocations (``tracemalloc``, a second run, since
tracing slows the first); the bar is every input within 5x prose.

Run: ``.venv/bin/python bench/pathological_bench.py [--quick] [--size BYTES]``.
Exit code 1 when an input misses the bar.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402

MB = 1_000_000
BAR = 5.0
"""Every input's time per MB within this many times that of prose."""

COUNTRIES = ["China", "India", "Brazil", "Kenya", "Germany", "Mexico", "Japan", "Chile"]
THINGS = ["exports", "retail sales", "industrial output", "tourism revenue", "steel output"]
PEOPLE = ["Internet users", "registered voters", "new students", "tourists", "nurses"]
SAYERS = ["the statistics bureau said", "the ministry said on Monday", "a report showed"]
CURRENCIES = [("yuan", "$"), ("euros", "$"), ("rupees", "$"), ("pounds", "$")]
TEMPLATES = [
    "{c}'s {t} rose {p} percent to {a} billion {cur} in {y}, {s}.",
    "The number of {pe} in {c} reached {n} million by the end of {y}.",
    "{c} spent {a} billion {cur} ({sym}{b} billion) on roads and rail, {s}.",
    "About {k},{m:03d} {pe} took part, up from {k2},{m2:03d} a year earlier.",
    "Prices fell {p} percent in {mo}, the first drop since {y}.",
    "Officials expect between {n} and {n2} million {pe} next year.",
    "Unemployment edged up to {p} percent, {s}.",
]
FILLER = [
    "Analysts said the outlook remained uncertain.",
    "The government has promised further reforms in the coming months.",
    "Local businesses welcomed the news, though some warned of higher costs.",
    "Critics argue that the measures do not go far enough.",
    "The figures were published alongside a longer review of the sector.",
]
MONTHS = ["January", "March", "May", "July", "September", "November"]


def prose(size: int, seed: int = 2015) -> str:
    """A news-like article of ``size`` characters: figures in sentences, filler between."""
    rng = random.Random(seed)
    parts: list[str] = []
    length = 0
    while length < size:
        paragraph = []
        for _ in range(rng.randint(3, 6)):
            if rng.random() < 0.4:
                paragraph.append(rng.choice(FILLER))
                continue
            cur, sym = rng.choice(CURRENCIES)
            paragraph.append(
                rng.choice(TEMPLATES).format(
                    c=rng.choice(COUNTRIES), t=rng.choice(THINGS), pe=rng.choice(PEOPLE),
                    s=rng.choice(SAYERS), cur=cur, sym=sym, mo=rng.choice(MONTHS),
                    p=round(rng.uniform(0.1, 12), 1), a=round(rng.uniform(1, 900), 1),
                    b=round(rng.uniform(1, 120), 1), y=rng.randint(2005, 2024),
                    n=rng.randint(2, 40), n2=rng.randint(41, 90), k=rng.randint(2, 90),
                    k2=rng.randint(2, 90), m=rng.randint(0, 999), m2=rng.randint(0, 999),
                )
            )  # fmt: skip
        text = " ".join(paragraph) + "\n\n"
        parts.append(text)
        length += len(text)
    return "".join(parts)[:size]


def repeat(unit: str) -> Callable[[int], str]:
    return lambda size: (unit * (size // len(unit) + 1))[:size]


def random_unicode(size: int, seed: int = 7) -> str:
    """Code points from every plane's printable and control ranges, digits of other scripts."""
    rng = random.Random(seed)
    ranges = [(0x20, 0x7F), (0xA0, 0x2FFF), (0x3000, 0x9FFF), (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF)]
    return "".join(chr(rng.randint(*rng.choice(ranges))) for _ in range(size))


def nested(size: int) -> str:
    """Brackets nested deep, closed, with a figure at the bottom: "(((([[[{5}]]]))))"."""
    depth = size // 2 - 2
    opens = "([{" * (depth // 3)
    closes = "}])" * (depth // 3)
    return (opens + "5" + closes)[:size]


INPUTS: list[tuple[str, Callable[[int], str]]] = [
    ("spaces", repeat(" ")),
    ("spaces, then a stop", lambda n: " " * (n - 2) + ".A"),
    ('"1," repeated', repeat("1,")),
    ('"$5 " repeated', repeat("$5 ")),
    ('"5 тысяч " repeated', repeat("5 тысяч ")),
    ("one run of digits", repeat("7")),
    ("digit groups 1,000,000...", lambda n: "1" + repeat(",000")(n - 1)),
    ("a line of hyphens", repeat("-")),
    ('"1-" repeated', repeat("1-")),
    ("dots", repeat(".")),
    ("nested brackets", nested),
    ("one huge word", repeat("a")),
    ("one huge capitalised word", lambda n: "A" + repeat("b")(n - 1)),
    ("newlines", repeat("\n")),
    ('" \\n" repeated', repeat(" \n")),
    ("random Unicode", random_unicode),
    ('"number of 5 " repeated', repeat("number of 5 ")),
    ('"between 1 and 2 " repeated', repeat("between 1 and 2 ")),
]


def cpu_seconds(text: str) -> tuple[float, int]:
    start = time.process_time()
    claims = extract(text, source_id="bench")
    return time.process_time() - start, len(claims)


def peak_bytes(text: str) -> int:
    tracemalloc.start()
    try:
        extract(text, source_id="bench")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="100 KB inputs instead of 1 MB")
    parser.add_argument("--size", type=int, default=None, help="characters per input")
    args = parser.parse_args(argv)
    size = args.size or (100_000 if args.quick else MB)
    extract("Warm up: 5 people paid $3.", source_id="bench")  # load tables outside the timing

    text = prose(size)
    base, base_claims = min(cpu_seconds(text) for _ in range(2))
    base_rate = base / len(text) * MB
    print(f"{size:,} characters per input; CPU seconds per MB (best of 2 for prose)\n")
    header = f"{'input':<30}{'s/MB':>8}{'x prose':>9}{'claims':>9}{'peak MB':>9}"
    print(header)
    print("-" * len(header))
    peak = peak_bytes(text) / 1e6
    print(
        f"{'normal prose (generated)':<30}{base_rate:>8.2f}{1:>9.2f}{base_claims:>9,}{peak:>9.1f}"
    )
    missed = []
    for name, make in INPUTS:
        text = make(size)
        seconds, claims = cpu_seconds(text)
        rate = seconds / len(text) * MB
        ratio = rate / base_rate
        peak = peak_bytes(text) / 1e6
        flag = "" if ratio <= BAR else "  over the bar"
        print(f"{name:<30}{rate:>8.2f}{ratio:>9.2f}{claims:>9,}{peak:>9.1f}{flag}", flush=True)
        if ratio > BAR:
            missed.append(name)
    verdict = f"missed by {', '.join(missed)}" if missed else "met"
    print(f"\nbar: every input within {BAR:g}x prose: {verdict}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())

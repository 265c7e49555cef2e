"""Benchmark: our extractor against quantulum3 on the same texts, in one run.

Prints, for both tools side by side:
- strict precision, recall and F1 (value, kind and currency must all match) on
  the old dev set, the old held-out set, the news dev part and the news
  held-out part (held-out sets are measured, never tuned on), and the seed
  regressions;
- unit agreement: how often the unit of a found claim names what its label
  names;
- throughput on article-sized pieces (5 KB), the same pieces for both tools,
  timed in turns (best of three rounds), and the ratio (the bar is 100x);
- linearity: ours on a 1 MB and a 10 MB text (linear is 10x the time).

Matching rule: ``extractors.scoring``.

Run: ``.venv/bin/python bench/extract_bench.py [--quick]``.  Ours runs compiled
when ``make`` has built ``.native/`` (``extractors.native``); it prints which
build it timed, and ``EXTRACTORS_PURE=1`` times the Python source instead.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract, native  # noqa: E402
from extractors.scoring import (  # noqa: E402
    Score,
    Scored,
    gold_of,
    label_unit,
    same_unit,
    score,
)

LABELLED = ROOT / "tests" / "extractors"
SETS = {
    "old dev": "devset.yaml",
    "old held-out": "heldout.yaml",
    "news dev": "news_dev.yaml",
    "news held-out": "news_heldout.yaml",
    "seed regressions": "regressions.yaml",
}
DEVSET = LABELLED / "devset.yaml"
SEED = ROOT / "data" / "sources" / "china-daily-2015-12-20-wuzhen-summit.txt"
MB = 1_000_000


def ours(text: str) -> list[Scored]:
    return [Scored(c.start, c.end, c.value, c.kind, c.currency) for c in extract(text)]


def quantulum(text: str) -> list[Scored]:
    """quantulum3's quantities as found: span, value (it scales millions itself), kind.

    Its kind is read from its unit: a currency is money (with its ISO code), a
    percentage is percent, a time is a duration, no unit is a count, any other
    unit a measure (``other``).
    """
    from quantulum3 import parser

    found = []
    for quantity in parser.parse(text):
        start, end = quantity.span
        unit = quantity.unit
        entity = unit.entity.name
        currency = getattr(unit, "currency_code", None) if entity == "currency" else None
        if entity == "currency":
            kind = "money"
        elif unit.name in ("percentage", "percent"):
            kind = "percent"
        elif entity == "time":
            kind = "duration"
        elif unit.name == "dimensionless":
            kind = "count"
        else:
            kind = "other"
        found.append(Scored(start, end, float(quantity.value), kind, currency))
    return found


def ours_units(text: str) -> list[tuple[int, int, str | None]]:
    return [(c.start, c.end, c.unit) for c in extract(text)]


def quantulum_units(text: str) -> list[tuple[int, int, str | None]]:
    """quantulum3's unit name for each quantity ("dimensionless" is no unit)."""
    from quantulum3 import parser

    found = []
    for quantity in parser.parse(text):
        name = quantity.unit.name
        found.append((*quantity.span, None if name == "dimensionless" else name))
    return found


def unit_agreement(tool, items: list[dict]) -> tuple[int, int]:
    """(agreeing, labelled): units of the found claims against the dev set's labels.

    Counted over labelled claims that the tool found at all, so a tool is not
    charged twice for a figure it missed (recall already says that).
    """
    agree = total = 0
    for item in items:
        got = tool(item["text"])
        for gold, where in zip(item["claims"], gold_of(item["text"], item["claims"]), strict=True):
            hit = next((u for s, e, u in got if s < where.end and where.start < e), False)
            if hit is False or "unit" not in gold:
                continue
            total += 1
            agree += same_unit(hit, label_unit(gold))
    return agree, total


def accuracy(tool, items: list[dict]) -> Score:
    """Strict: value, kind and currency must all match the label."""
    total = Score()
    for item in items:
        total += score(tool(item["text"]), gold_of(item["text"], item["claims"]), strict=True)
    return total


def corpus(items: list[dict], size: int) -> str:
    """A dense text of about ``size`` characters: the seed and labelled sentences, repeated."""
    block = SEED.read_text(encoding="utf-8") + "\n\n" + "\n".join(i["text"] for i in items)
    return (block * (size // len(block) + 1))[:size]


def throughput(tool, text: str, piece: int | None = None, repeat: int = 3) -> tuple[float, float]:
    """CPU seconds and characters per CPU second, the best of ``repeat`` runs.

    CPU time, since the machine is shared and wall time is noise; the best run,
    as ``timeit`` does, for both tools alike.

    With ``piece``, the text is fed in pieces of that many characters, as a
    user would feed articles one by one.
    """
    pieces = [text] if piece is None else [text[i : i + piece] for i in range(0, len(text), piece)]
    times = []
    for _ in range(repeat):
        start = time.process_time()
        for chunk in pieces:
            tool(chunk)
        times.append(time.process_time() - start)
    seconds = min(times)  # the least disturbed run: other work on the machine only adds time
    return seconds, len(text) / seconds


def side_by_side(
    runs: list[tuple[Callable[[str], object], str]], piece: int, rounds: int = 3
) -> list[tuple[float, float]]:
    """``throughput`` of each (tool, text), the best of ``rounds``, the tools taking turns.

    Each round times every tool once, one after the other, so a busy spell on
    the shared machine falls on both tools rather than on whichever ran then.
    """
    best = [math.inf] * len(runs)
    for _ in range(rounds):
        for i, (tool, text) in enumerate(runs):
            best[i] = min(best[i], throughput(tool, text, piece=piece, repeat=1)[0])
    return [(seconds, len(text) / seconds) for seconds, (_, text) in zip(best, runs, strict=True)]


def row(text: str, tool: str, chars: int, seconds: float, rate: float) -> str:
    return f"{text:<22}{tool:<13}{chars:>11,}{seconds:>9.2f}{rate:>12,.0f}"


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--quick", action="store_true", help="fewer quantulum3 pieces, no 10 MB run")
    opts = args.parse_args(argv)
    warnings.filterwarnings("ignore")
    sets = {
        name: yaml.safe_load((LABELLED / f).read_text(encoding="utf-8")) for name, f in SETS.items()
    }
    quantulum("warm up 5 km")  # load its models outside the timings
    extract("warm up: $5 billion")  # and our CLDR tables

    tools = (("extractors", ours), ("quantulum3", quantulum))
    print("strict scores (value, kind and currency must all match)")
    print(f"{'dataset':<20}{'tool':<13}{'precision':>10}{'recall':>8}{'F1':>7}")
    f1 = {}
    for name, items in sets.items():
        for tool_name, tool in tools:
            s = accuracy(tool, items)
            f1[(name, tool_name)] = s.f1
            print(f"{name:<20}{tool_name:<13}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}")

    print()
    print(f"{'unit agreement':<20}{'tool':<13}{'agree':>10}")
    for name in ("old dev", "old held-out", "news dev", "news held-out"):
        for tool_name, tool in (("extractors", ours_units), ("quantulum3", quantulum_units)):
            agree, total = unit_agreement(tool, sets[name])
            print(f"{name:<20}{tool_name:<13}{agree:>6}/{total:<4}= {agree / max(total, 1):.3f}")

    article = SEED.read_text(encoding="utf-8")
    article_mb = (article * (MB // len(article) + 1))[:MB]
    one_mb = corpus(sets["old dev"] + sets["news dev"], MB)
    q_size = 25_000 if opts.quick else 100_000
    print()
    print("throughput on 5 KB pieces, the same pieces for both tools, timed in turns (CPU time)")
    print(f"{'text':<24}{'tool':<13}{'chars':>11}{'CPU s':>9}{'chars/s':>12}")
    ratios = []
    for label, text in (("news article", article_mb), ("labelled sentences", one_mb)):
        (q_seconds, q_rate), (p_seconds, p_rate) = side_by_side(
            [(quantulum, text[:q_size]), (ours, text)], piece=5_000
        )
        print(row(label, "quantulum3", q_size, q_seconds, q_rate))
        print(row(label, "extractors", len(text), p_seconds, p_rate))
        ratios.append(f"{label} {p_rate / q_rate:,.0f}x")
    print(f"throughput ratio on 5 KB pieces: {', '.join(ratios)} (bar: 100x)")
    print(f"(extractors: the {native.running()} build; pure is the Python source, native")
    print(" its mypyc build in .native/, the same claims: tests/extractors/test_native.py)")
    print("(the news article is the seed article repeated, a real article's density of figures;")
    print(" the labelled sentences hold a figure every few words, far denser than news)")

    print()
    print("linearity (one text, ours)")
    o_seconds, o_rate = throughput(ours, one_mb)
    print(row("1 MB text", "extractors", len(one_mb), o_seconds, o_rate))
    if not opts.quick:
        ten_mb = one_mb * 10
        t_seconds, t_rate = throughput(ours, ten_mb)
        print(row("10 MB text", "extractors", len(ten_mb), t_seconds, t_rate))
        print(f"10 MB / 1 MB time: {t_seconds / o_seconds:.1f}x (linear is 10x)")
    print()
    for name in ("old dev", "old held-out", "news dev", "news held-out"):
        ours_f1, q_f1 = f1[(name, "extractors")], f1[(name, "quantulum3")]
        print(f"{name} strict F1: extractors {ours_f1:.3f} vs quantulum3 {q_f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

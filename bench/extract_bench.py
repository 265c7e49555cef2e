"""Benchmark: our extractor against quantulum3 on the same texts, in one run.

Prints precision, recall and F1 on the labelled dev set, the held-out set
(written without looking at the extractor, never tuned on) and the seed
regressions for both tools, how often the unit (what is counted) agrees with
the dev set's labels, then characters per second: ours on a ~1 MB and a
~10 MB text, quantulum3 on a 50 KB slice of the same text (it would need
minutes for 1 MB), and the throughput ratio.  Matching rule: ``extractors.scoring``.

Run: ``.venv/bin/python bench/extract_bench.py [--quick]``.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extractors import extract  # noqa: E402
from extractors.scoring import Score, Scored, gold_of, same_unit, score  # noqa: E402

DEVSET = ROOT / "tests" / "extractors" / "devset.yaml"
REGRESSIONS = ROOT / "tests" / "extractors" / "regressions.yaml"
HELDOUT = ROOT / "tests" / "extractors" / "heldout.yaml"
SEED = ROOT / "data" / "sources" / "china-daily-2015-12-20-wuzhen-summit.txt"
MB = 1_000_000


def ours(text: str) -> list[Scored]:
    return [Scored(c.start, c.end, c.value) for c in extract(text)]


def quantulum(text: str) -> list[Scored]:
    """quantulum3's quantities as found (its span and value; it scales millions itself)."""
    from quantulum3 import parser

    found = []
    for quantity in parser.parse(text):
        start, end = quantity.span
        found.append(Scored(start, end, float(quantity.value)))
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
            agree += same_unit(hit, gold["unit"])
    return agree, total


def accuracy(tool, items: list[dict]) -> Score:
    total = Score()
    for item in items:
        total += score(tool(item["text"]), gold_of(item["text"], item["claims"]))
    return total


def corpus(items: list[dict], size: int) -> str:
    """A news-like text of about ``size`` characters: the seed and dev-set texts, repeated."""
    block = SEED.read_text(encoding="utf-8") + "\n\n" + "\n".join(i["text"] for i in items)
    return (block * (size // len(block) + 1))[:size]


def throughput(tool, text: str, piece: int | None = None) -> tuple[float, float]:
    """CPU seconds and characters per CPU second (the machine is shared: wall time is noise).

    With ``piece``, the text is fed in pieces of that many characters, as a
    user would feed articles one by one.
    """
    pieces = [text] if piece is None else [text[i : i + piece] for i in range(0, len(text), piece)]
    start = time.process_time()
    for chunk in pieces:
        tool(chunk)
    seconds = time.process_time() - start
    return seconds, len(text) / seconds


def row(text: str, tool: str, chars: int, seconds: float, rate: float) -> str:
    return f"{text:<22}{tool:<13}{chars:>11,}{seconds:>9.2f}{rate:>12,.0f}"


def main(argv: list[str] | None = None) -> int:
    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--quick", action="store_true", help="5 KB quantulum3 slice, no 10 MB run")
    opts = args.parse_args(argv)
    warnings.filterwarnings("ignore")
    devset = yaml.safe_load(DEVSET.read_text(encoding="utf-8"))
    regressions = yaml.safe_load(REGRESSIONS.read_text(encoding="utf-8"))
    heldout = yaml.safe_load(HELDOUT.read_text(encoding="utf-8"))
    quantulum("warm up 5 km")  # load its models outside the timings

    print(f"{'dataset':<22}{'tool':<13}{'precision':>10}{'recall':>8}{'F1':>7}")
    f1 = {}
    named = (("devset", devset), ("held-out", heldout), ("seed regressions", regressions))
    for name, items in named:
        for tool_name, tool in (("extractors", ours), ("quantulum3", quantulum)):
            s = accuracy(tool, items)
            f1[(name, tool_name)] = s.f1
            print(f"{name:<22}{tool_name:<13}{s.precision:>10.3f}{s.recall:>8.3f}{s.f1:>7.3f}")

    print()
    print(f"{'unit agreement':<22}{'tool':<13}{'agree':>10}")
    for name, items in named[:2]:
        for tool_name, tool in (("extractors", ours_units), ("quantulum3", quantulum_units)):
            agree, total = unit_agreement(tool, items)
            print(f"{name:<22}{tool_name:<13}{agree:>6}/{total:<4}= {agree / total:.3f}")

    one_mb = corpus(devset, MB)
    q_size = 5_000 if opts.quick else 50_000
    print()
    print(f"{'text':<22}{'tool':<13}{'chars':>11}{'CPU s':>9}{'chars/s':>12}")
    q_seconds, q_rate = throughput(quantulum, one_mb[:q_size])
    print(row("slice of 1 MB text", "quantulum3", q_size, q_seconds, q_rate))
    p_seconds, p_rate = throughput(quantulum, one_mb[:q_size], piece=5_000)
    print(row("same, in 5 KB pieces", "quantulum3", q_size, p_seconds, p_rate))
    o_seconds, o_rate = throughput(ours, one_mb)
    print(row("1 MB text", "extractors", len(one_mb), o_seconds, o_rate))
    if not opts.quick:
        ten_mb = one_mb * 10
        t_seconds, t_rate = throughput(ours, ten_mb)
        print(row("10 MB text", "extractors", len(ten_mb), t_seconds, t_rate))
        print(f"\n10 MB / 1 MB time: {t_seconds / o_seconds:.1f}x (linear is 10x)")
    print(f"throughput ratio extractors / quantulum3: {o_rate / q_rate:,.0f}x "
          f"(quantulum3 timed on a {q_size // 1000} KB slice of the same text); "
          f"{o_rate / p_rate:,.0f}x against quantulum3 fed 5 KB pieces")  # fmt: skip
    dev_ours, dev_q = f1[("devset", "extractors")], f1[("devset", "quantulum3")]
    print(f"dev-set F1: extractors {dev_ours:.3f} vs quantulum3 {dev_q:.3f}")
    held_ours, held_q = f1[("held-out", "extractors")], f1[("held-out", "quantulum3")]
    print(f"held-out F1: extractors {held_ours:.3f} vs quantulum3 {held_q:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

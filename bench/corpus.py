"""A synthetic news corpus for the batch bench: JSON Lines of articles, seeded.

Articles are written from the sentence templates in ``bench/corpus_templates.py``
(economy, technology, sport, health, company results, and figure-free filler),
with the fields ``python -m extractors batch`` reads: ``id``, ``title``,
``publisher``, ``published``, ``url``, ``text``.  Lengths follow a log-normal
around 4 KB, clipped to 2-8 KB, like news pieces; two sentences in five
carry figures (counts, money in 19 spellings of a dozen currencies, percent,
points, ranges, fractions), and most carry a trap (a year, a date, a time, an
ordinal, a product name with digits, a score).  The same seed gives the same bytes.

Run: ``python bench/corpus.py --articles 100000 --seed 7 --out corpus.jsonl``.

>>> a = next(generate(1, seed=3))
>>> sorted(a), 2000 <= len(a["text"]) <= 8200
(['id', 'published', 'publisher', 'text', 'title', 'url'], True)
>>> a == next(generate(1, seed=3))
True
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import random
import re
import sys
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import corpus_templates as T

MIN_CHARS, MAX_CHARS, MEDIAN_CHARS = 2000, 8000, 4000
FIGURE_SHARE = 0.4
"""Share of sentences drawn from the topic's templates (with figures); the rest is filler."""
SLOT = re.compile(r"\{(\w+)\}")


def _weighted(rng: random.Random, table: tuple[tuple[int, str], ...]) -> str:
    return rng.choices([v for _, v in table], weights=[w for w, _ in table])[0]


def _decimal(rng: random.Random, low: float, high: float) -> str:
    """A number as a reporter writes it: "3.4", "12", "0.8"."""
    x = rng.uniform(low, high)
    return f"{x:.1f}".removesuffix(".0") if x < 100 else str(round(x))


def _scaled(rng: random.Random) -> str:
    """A large figure with a scale word or separators: "2.4 million", "35,400", "3bn"."""
    form = rng.random()
    if form < 0.35:
        return f"{_decimal(rng, 1, 99)} million"
    if form < 0.5:
        return f"{_decimal(rng, 1, 9)} billion"
    if form < 0.58:
        return f"{_decimal(rng, 1, 40)}{rng.choice(('m', 'bn'))}"
    if form < 0.9:
        return f"{rng.randint(1_000, 999_999):,}"
    return str(rng.randint(100, 999))


def _money(rng: random.Random, usd_only: bool = False) -> str:
    pattern = "${n}" if usd_only else _weighted(rng, T.CURRENCIES)
    if pattern.startswith("Rs") and rng.random() < 0.5:
        amount = f"{_decimal(rng, 1, 900)} {rng.choice(('crore', 'lakh'))}"
    else:
        amount = _scaled(rng)
    return _weighted(rng, T.QUALIFIERS) + pattern.format(n=amount)


def _percent(rng: random.Random, high: float = 60) -> str:
    word = rng.choices(("percent", "%", "per cent"), weights=(5, 4, 1))[0]
    number = _decimal(rng, 0.1, high)
    return f"{number}%" if word == "%" else f"{number} {word}"


def _date(rng: random.Random) -> str:
    month = rng.choice(T.MONTHS)
    return rng.choice((month, month[:3])) + f" {rng.randint(1, 28)}"


def _time(rng: random.Random) -> str:
    if rng.random() < 0.5:
        return f"{rng.randint(1, 12)} {rng.choice(('am', 'pm'))}"
    return f"{rng.randint(1, 12)}:{rng.choice(('00', '15', '30', '45'))} {rng.choice(('am', 'pm'))}"


def _range(rng: random.Random) -> str:
    low = rng.randint(1, 6)
    high = low + rng.randint(1, 3)
    return rng.choice((f"between {low} and {high}", f"{low} to {high}", f"{low}-{high}"))


def fill(template: str, rng: random.Random, year: int) -> str:
    """The template with every slot replaced; years stay before ``year``, the article's."""
    fillers = {
        "count": lambda: _weighted(rng, T.QUALIFIERS) + _scaled(rng),
        "count_small": lambda: f"{rng.randint(2, 9_999):,}",
        "money": lambda: _money(rng),
        "usd": lambda: _money(rng, usd_only=True),
        "pct": lambda: _weighted(rng, T.QUALIFIERS) + _percent(rng),
        "pct_change": lambda: _percent(rng, high=15),
        "pp": lambda: f"{_decimal(rng, 0.1, 3)} percentage points",
        "range": lambda: _range(rng),
        "fraction": lambda: rng.choice(T.FRACTIONS),
        "word_number": lambda: rng.choice(T.WORD_NUMBERS),
        "duration": lambda: f"{_decimal(rng, 0.2, 4)} years",
        "year": lambda: str(year - rng.randint(0, 1)),
        "prev_year": lambda: str(year - rng.randint(2, 12)),
        "date": lambda: _date(rng),
        "time": lambda: _time(rng),
        "ordinal": lambda: rng.choice(T.ORDINALS),
        "product": lambda: rng.choice(T.PRODUCTS),
        "score": lambda: f"{rng.randint(0, 5)}-{rng.randint(0, 4)}",
        "page": lambda: str(rng.randint(2, 240)),
        "place": lambda: rng.choice(T.PLACES),
        "city": lambda: rng.choice(T.CITIES),
        "company": lambda: rng.choice(T.COMPANIES),
        "team": lambda: rng.choice(T.TEAMS[:4]),
        "team2": lambda: rng.choice(T.TEAMS[4:]),
        "person": lambda: rng.choice(T.PEOPLE),
        "agency": lambda: rng.choice(T.AGENCIES),
        "sector": lambda: rng.choice(T.SECTORS),
        "drug": lambda: rng.choice(T.DRUGS),
        "month": lambda: rng.choice(T.MONTHS),
    }
    text = SLOT.sub(lambda m: fillers[m.group(1)](), template)
    return text[0].upper() + text[1:]


def _target_length(rng: random.Random) -> int:
    length = rng.lognormvariate(math.log(MEDIAN_CHARS), 0.35)
    return int(min(MAX_CHARS, max(MIN_CHARS, length)))


class _Cycle:
    """Templates in a shuffled order, reshuffled when used up: few repeats in one article."""

    def __init__(self, items: tuple[str, ...], rng: random.Random) -> None:
        self.items, self.rng, self.queue = items, rng, []

    def next(self) -> str:
        if not self.queue:
            self.queue = list(self.items)
            self.rng.shuffle(self.queue)
        return self.queue.pop()


def article(index: int, rng: random.Random) -> dict:
    """One article: a title, then paragraphs of two to four sentences up to its length."""
    topics = list(T.TOPICS)
    topic = rng.choices(topics, weights=[T.TOPICS[t][0] for t in topics])[0]
    _, titles, sentences = T.TOPICS[topic]
    published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 11 * 365))
    target = _target_length(rng)
    pools = {True: _Cycle(sentences, rng), False: _Cycle(T.FILLER, rng)}
    paragraphs: list[str] = []
    size = 0
    while size < target:
        paragraph = []
        for _ in range(rng.randint(2, 4)):
            template = pools[rng.random() < FIGURE_SHARE].next()
            paragraph.append(fill(template, rng, published.year))
        text = " ".join(paragraph)
        if size + len(text) > MAX_CHARS and paragraphs:
            break
        paragraphs.append(text)
        size += len(text) + 2
    publisher = rng.choice(T.PUBLISHERS)
    slug = re.sub(r"[^a-z0-9]+", "-", publisher.lower()).strip("-")
    ident = f"{slug}-{published.isoformat()}-{index:07d}"
    return {
        "id": ident,
        "title": fill(rng.choice(titles), rng, published.year),
        "publisher": publisher,
        "published": published.isoformat(),
        "url": f"https://news.example.org/{topic.replace(' ', '-')}/{ident}",
        "text": "\n\n".join(paragraphs) + "\n",
    }


def generate(count: int, seed: int = 7) -> Iterator[dict]:
    """``count`` articles; the same seed gives the same articles."""
    rng = random.Random(seed)
    for index in range(count):
        yield article(index, rng)


def write(path: Path, count: int, seed: int = 7) -> tuple[int, int]:
    """Write ``count`` articles as JSON Lines; returns (articles, characters of text)."""
    chars = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for item in generate(count, seed):
            chars += len(item["text"])
            out.write(json.dumps(item, ensure_ascii=False) + "\n")
    return count, chars


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, required=True, help="a .jsonl file to write")
    args = parser.parse_args(argv)
    count, chars = write(args.out, args.articles, args.seed)
    print(f"{count} articles, {chars:,} characters of text, in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

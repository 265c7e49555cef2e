"""``python -m extractors add ARTICLE.(txt|html) --title ... --published ...``.

Adds one article to the dataset: ``sources/<id>.yaml``, ``sources/<id>.txt``
(byte-identical to the article text; for HTML, the text trafilatura
extracts) and ``claims/<id>.yaml`` with the extracted candidates, under
``$NEWS_STATS_DATA`` (default ``data/``).  The id is a slug of publisher,
date and title, made unique; the same text twice is refused, naming the
source that has it.  A candidate that matches exactly one metric of
``metrics.yaml`` gets it as a suggestion (``curation.suggest``), as the Add
article page does.  Review the candidates with ``python -m dataset review ID``.

The add is one transaction: text, source and claims are all written, or
none is (``curation.writes.add_source``); an add killed half-way is undone by
the next one.  The article must be a regular file of at most 5 MB: a pipe or
a device (``/dev/zero``) is refused, and no more than 5 MB + 1 byte is read.

Example::

    python -m extractors add story.txt --title "Sales rise" --published 2015-12-20 \\
        --publisher "China Daily" --url https://example.com/sales

This is the extractors' only file I/O besides their own CLI.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from pydantic import ValidationError

from curation.article import MAX_BYTES, decode_article
from curation.metrics import read_metrics
from curation.suggest import with_suggestions
from curation.writes import add_source, orphan_texts, source_id_for
from dataset.load import load_categories
from dataset.paths import data_root
from dataset.schema import Source
from dataset.validate import field_name, validation_problems
from extractors.cli import OneLineParser, UserError, read_regular
from extractors.pipeline import extract


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = OneLineParser(
        prog="python -m extractors add",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("article", type=Path, help="a .txt or .html file")
    parser.add_argument("--title", help="headline (default: the HTML page's title)")
    parser.add_argument("--published", type=_date, help="YYYY-MM-DD (default: the page's date)")
    parser.add_argument("--publisher", help="e.g. 'China Daily' (default: the page's site name)")
    parser.add_argument("--url", help="http(s) address of the article")
    parser.add_argument("--authors", help="names separated by ';' or ','")
    parser.add_argument("--note", help="a note kept with the source")
    parser.add_argument("--language", default="en")
    return parser.parse_args(argv)


def _authors(text: str | None) -> list[str]:
    """``"Ann Lee; Bo Chen"`` -> ``["Ann Lee", "Bo Chen"]`` (commas separate too).

    >>> _authors("Ann Lee, Bo Chen"), _authors(None)
    (['Ann Lee', 'Bo Chen'], [])
    """
    parts = (text or "").replace(";", ",").split(",")
    return [p.strip() for p in parts if p.strip()]


def main(argv: list[str]) -> int:
    """Add the article; print its source id and how many candidates it has. 0, or 1 and why."""
    args = parse_args(argv)
    path: Path = args.article
    try:
        raw = read_regular(path, MAX_BYTES)
    except UserError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    article, why = decode_article(raw, path.name)
    if article is None:
        print(f"error: {why}", file=sys.stderr)
        return 1
    title = args.title or article.title
    published = args.published or article.published
    publisher = args.publisher or article.publisher
    missing = [
        n
        for n, v in (("--title", title), ("--published", published), ("--publisher", publisher))
        if not v
    ]
    if missing:
        print(f"error: {path}: give {', '.join(missing)} (not in the file)", file=sys.stderr)
        return 1
    wanted = source_id_for(publisher, published, title)
    try:
        source = Source(
            id=wanted,
            title=title,
            publisher=publisher,
            authors=_authors(args.authors) or article.authors,
            published=published,
            url=args.url or article.url,
            language=args.language,
            note=args.note,
        )
    except ValidationError as err:
        for loc, message in validation_problems(err):
            print(f"error: {field_name(loc)}: {message}", file=sys.stderr)
        return 1
    root = data_root()
    for orphan in orphan_texts(root):
        print(f"warning: sources/{orphan}.txt has no sources/{orphan}.yaml (left by an "
              "interrupted add?): not a source, ignored", file=sys.stderr)  # fmt: skip
    categories, _ = load_categories(root)
    claims = extract(article.text, source_id=wanted, published=published, categories=categories)
    metrics, _ = read_metrics(root)  # problems are the loader's to report, at validate
    claims = with_suggestions(claims, metrics)
    ident, problems = add_source(root, source, article.text, claims)
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    if ident is None:
        return 1
    print(ident)
    suggested = sum(c.metric is not None for c in claims)
    print(
        f"{len(claims)} candidate claim(s) in claims/{ident}.yaml, {suggested} with a "
        f"suggested metric; review them with: python -m dataset review {ident}",
        file=sys.stderr,
    )
    return 0

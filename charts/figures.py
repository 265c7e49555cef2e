"""Plotly figures of claims: one unit per axis, a title, the unit and a source line on each.

Every figure gets an explicit template (``plotly_white``): importing
Streamlit switches Plotly's default template to one whose colours only the
browser fills in, so server-side PNG/SVG exports would come out black.
Text from sources is HTML-escaped before it goes into a figure, because
Plotly reads ``<a>``, ``<b>`` and ``<br>`` in labels and hover text.
"""

from __future__ import annotations

import html
import textwrap
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from analysis.format import row_figure
from analysis.place import place_in_words
from dataset.schema import Metric

TEMPLATE = "plotly_white"
TRACE_TYPES: tuple[str, ...] = ("bar", "scatter")
"""The trace types our charts draw: the template keeps the defaults of these only."""
SUBPLOTS = ("polar", "ternary", "scene", "geo", "coloraxis", "colorscale")
"""Layout parts of the template for plots we never draw (maps, 3D, polar, colour scales)."""


def template_spec(name: str = TEMPLATE) -> dict:
    """The template as plain data, cut to what bar and line charts read.

    Figures are built as dicts, so Plotly's per-property validation (about
    40 ms a figure, most of it copying the template) is skipped; the cut
    template is a third of the full one, which Plotly copies on every figure
    and ``st.plotly_chart`` sends to the browser on every rerun.

    >>> spec = template_spec()
    >>> sorted(spec["data"]), spec["layout"]["plot_bgcolor"], "geo" in spec["layout"]
    (['bar', 'scatter'], 'white', False)
    """
    spec = pio.templates[name].to_plotly_json()
    return {
        "data": {t: spec["data"][t] for t in TRACE_TYPES if t in spec["data"]},
        "layout": {k: v for k, v in spec["layout"].items() if k not in SUBPLOTS},
    }


_TEMPLATE_SPEC = template_spec()
FALLBACK_COLOUR = "#7f7f7f"
BAR_LIMIT = 40
"""Bars per chart at most: the largest figures; the rest are in the table and CSV."""
LABEL_WIDTH = 32
"""Characters per line of a bar's label; longer labels wrap onto more lines."""
CHAR_PX = 7.0
"""Width of a lower-case letter of a 12 px label, generously (see ``display_width``)."""

HOVER_COLUMNS: tuple[str, ...] = (
    "value", "kind", "currency", "qualifier", "low", "high", "measure", "subject", "unit",
    "date", "category", "quote", "source", "start", "end", "conversion",
)  # fmt: skip
"""The columns a bar and its hover box use; the rest of a claim is not copied."""


METRIC_PREFIX = "metric:"
"""Group keys of figures with a metric: ``metric:<id>|<measure>|<currency>``."""
MEASURE_WORDS: dict[str, str] = {"level": "", "change": "change", "growth": "growth"}
KIND_WORDS: dict[str, str] = {
    "percent": "percent",
    "percentage_points": "percentage points",
    "basis_points": "basis points",
    "duration": "duration",
    "other": "other",
}
"""Kinds named in a group's key; a count's group is its unit alone ("websites")."""


def unit_group(
    kind: str,
    unit: object,
    currency: object,
    measure: str = "level",
    metric: object = None,
) -> str:
    """The group of figures a claim may be ranked with, as a key.

    With a metric: that metric and measure (and currency, for money as
    stated).  Without: its kind, unit (or currency) and measure, so levels,
    changes and growth never share an axis and percentage points are never
    percent.  Unassigned levels read as their unit: "CNY", "websites".

    >>> unit_group("money", "online retail sales", "CNY"), unit_group("count", "websites", None)
    ('CNY', 'websites')
    >>> unit_group("percent", "of GDP", None), unit_group("percent", None, None, "growth")
    ('percent (of GDP)', 'percent (growth)')
    >>> unit_group("percentage_points", "of GDP", None, "change")
    'percentage points (of GDP; change)'
    >>> unit_group("count", "users", None, "level", "cn-internet-users")
    'metric:cn-internet-users|level|'
    """
    if isinstance(metric, str) and metric:
        money_code = str(currency) if kind == "money" and isinstance(currency, str) else ""
        return f"{METRIC_PREFIX}{metric}|{measure}|{money_code}"
    text = unit.strip() if isinstance(unit, str) else ""
    words = [w for w in (text, MEASURE_WORDS.get(measure, measure)) if w]
    if kind == "money":
        base = currency if isinstance(currency, str) else ""
        words = [MEASURE_WORDS.get(measure, measure)] if measure != "level" else []
    elif kind in KIND_WORDS:
        base = KIND_WORDS[kind]
    else:
        base, words = (text or kind), words[1:] if text else words
    return f"{base} ({'; '.join(words)})" if words else base


def unit_groups(claims: pd.DataFrame) -> pd.Series:
    """``unit_group`` of every row, indexed like ``claims``.

    Made once per load (100,000 rows in a fraction of a second): the keys of
    distinct (kind, unit, currency, measure, metric) tuples are built once each.
    """
    if claims.empty:
        return pd.Series([], index=claims.index, dtype="object")
    columns = [
        claims[c].astype("object").to_numpy(dtype=object, na_value=None)
        if c in claims
        else np.full(len(claims), None, dtype=object)
        for c in ("kind", "unit", "currency", "measure", "metric")
    ]
    keys: dict[tuple, str] = {}
    groups = []
    for row in zip(*columns, strict=True):
        key = keys.get(row)
        if key is None:
            kind, unit, currency, measure, metric = row
            key = keys[row] = unit_group(kind, unit, currency, measure or "level", metric)
        groups.append(key)
    return pd.Series(groups, index=claims.index, dtype="object")


def group_label(key: str, metric_labels: Mapping[str, str]) -> str:
    """What the unit picker shows for a group key: a metric's label, else the key.

    >>> labels = {"cn-internet-users": "Internet users in China"}
    >>> group_label("metric:cn-internet-users|level|", labels)
    'Internet users in China'
    >>> group_label("metric:cn-internet-users|growth|", labels)
    'Internet users in China: growth (percent)'
    >>> group_label("metric:x|level|USD", {}), group_label("websites", labels)
    ('x (USD)', 'websites')
    """
    if not key.startswith(METRIC_PREFIX):
        return key
    metric, measure, currency = key[len(METRIC_PREFIX) :].split("|")
    label = metric_labels.get(metric, metric)
    if measure == "growth":
        label += ": growth (percent)"
    elif measure == "change":
        label += ": change"
    return f"{label} ({currency})" if currency else label


def group_unit(key: str, metrics: Mapping[str, Metric]) -> str:
    """The axis title of a group: its unit, the currency included.

    >>> m = {"s": Metric(id="s", label="Sales", definition="d", unit="online retail sales",
    ...     kind="money", currency="CNY", measure_type="flow", period_type="year")}
    >>> group_unit("metric:s|level|USD", m), group_unit("metric:s|growth|", m)
    ('USD (online retail sales)', 'percent change')
    >>> group_unit("metric:s|change|CNY", m), group_unit("websites", m)
    ('change, CNY (online retail sales)', 'websites')
    """
    if not key.startswith(METRIC_PREFIX):
        return key
    metric_id, measure, currency = key[len(METRIC_PREFIX) :].split("|")
    metric = metrics.get(metric_id)
    unit = metric.unit if metric else metric_id
    if measure == "growth":
        return "percent change"
    if currency:
        unit = f"{currency} ({unit})"
    return f"change, {unit}" if measure == "change" else unit


def in_currency(key: str, currency: str) -> str:
    """The same group with its money in ``currency``: Explore keeps the chosen unit
    when "Money in" changes.

    >>> in_currency("CNY", "USD"), in_currency("metric:x|level|CNY", "USD")
    ('USD', 'metric:x|level|USD')
    >>> in_currency("CNY (change)", "USD"), in_currency("websites", "USD")
    ('USD (change)', 'websites')
    """
    if key.startswith(METRIC_PREFIX):
        head, _, code = key.rpartition("|")
        return f"{head}|{currency}" if code else key
    code, _, rest = key.partition(" ")
    if len(code) == 3 and code.isalpha() and code.isupper():
        return f"{currency} {rest}".rstrip()
    return key


def group_order(sizes: Iterable[tuple[str, int]]) -> list[tuple[str, int]]:
    """Groups for the picker: a metric's figures first, bare percentages last, then by size.

    The first is the default view: never a ranking of unrelated percentages
    when figures of one metric or one unit exist.

    >>> group_order([("percent", 9), ("websites", 2), ("metric:a|level|", 1)])
    [('metric:a|level|', 1), ('websites', 2), ('percent', 9)]
    """

    def rank(item: tuple[str, int]) -> tuple:
        key, n = item
        tier = 0 if key.startswith(METRIC_PREFIX) else 2 if key.startswith("percent") else 1
        return (tier, -n, key)

    return sorted(((str(k), int(n)) for k, n in sizes), key=rank)


def log_allowed(values: Iterable[float]) -> bool:
    """Whether a log axis can't mislead: every value positive, spanning > 2 orders of magnitude.

    Only ever offered for points or lines: a bar's length on a log axis says nothing.

    >>> log_allowed([1e6, 5e9]), log_allowed([1e6, 5e7]), log_allowed([-1.0, 1e6])
    (True, False, False)
    """
    numbers = [float(v) for v in values if v == v]
    if not numbers or min(numbers) <= 0:
        return False
    return max(numbers) / min(numbers) > 100


def group_sizes(claims: pd.DataFrame, groups: pd.Series | None = None) -> list[tuple[str, int]]:
    """Unit groups with their number of claims, largest first (ties by name).

    >>> frame = pd.DataFrame({"kind": ["count", "count", "percent"], "unit": ["people"] * 3,
    ...     "currency": [None] * 3, "measure": ["level"] * 3})
    >>> group_sizes(frame)
    [('people', 2), ('percent (people)', 1)]
    """
    counts = (unit_groups(claims) if groups is None else groups).value_counts()
    return largest_first(counts.items())


def largest_first(counts: Iterable[tuple[object, int]]) -> list[tuple[str, int]]:
    """(name, count) pairs, largest count first, ties by name: the order of the unit picker.

    >>> largest_first([("b", 2), ("c", 5), ("a", 2)])
    [('c', 5), ('a', 2), ('b', 2)]
    """
    return sorted(((str(g), int(n)) for g, n in counts), key=lambda x: (-x[1], x[0]))


SOURCE_LINE_CHARS = 150
"""Characters a chart's source line may hold: about one line under a 1,000-pixel image."""


def source_line(attributions: Iterable[str], limit: int = SOURCE_LINE_CHARS) -> str:
    """The line under a chart naming its sources, as Our World in Data does.

    Every source when they fit in ``limit`` characters; otherwise how many,
    and where the full list is (each row of the CSV and JSON names its source).

    >>> source_line(["China Daily, 2015-12-20", "China Daily, 2015-12-20"])
    'Source: China Daily, 2015-12-20'
    >>> source_line(["A, 2020-01-01", "B, 2021-01-01", "C, 2022-01-01", "D, 2023-01-01"])
    'Sources: A, 2020-01-01; B, 2021-01-01; C, 2022-01-01; D, 2023-01-01'
    >>> source_line([f"Publisher {i}, 2020-01-01" for i in range(9)])
    'Sources: 9 sources (full list in the data download)'
    """
    unique = list(dict.fromkeys(a for a in attributions if a))
    if not unique:
        return "Source: none"
    line = f"{'Source' if len(unique) == 1 else 'Sources'}: {'; '.join(unique)}"
    if len(line) <= limit:
        return line
    return f"Sources: {len(unique):,} sources (full list in the data download)"


def escape(text: object) -> str:
    """Text for a Plotly label: HTML-escaped, so a source can't inject links or markup.

    >>> escape("<a href='javascript:x'>hi</a>")
    "&lt;a href='javascript:x'&gt;hi&lt;/a&gt;"
    """
    return html.escape("" if text is None or text != text else str(text), quote=False)


def wrapped(text: object, width: int = 70) -> str:
    """Escaped text broken into ``<br>``-separated lines for hover boxes.

    >>> wrapped("one two three", width=7)
    'one two<br>three'
    """
    return "<br>".join(escape(line) for line in textwrap.wrap(str(text or ""), width=width))


def display_width(text: str) -> float:
    """Width of ``text`` in lower-case letters: a capital counts 1.3, a wide (CJK) character 2.

    >>> display_width("users"), round(display_width("GDP"), 1), display_width("网民")
    (5.0, 3.9, 4.0)
    """
    return float(
        sum(
            2 if unicodedata.east_asian_width(c) in "WF" else 1.3 if c.isupper() else 1
            for c in text
        )
    )


def axis_labels(labels: list[str]) -> tuple[list[str], int]:
    """Bar labels wrapped for the axis (escaped), and the left margin that fits them.

    Plotly can fit the margin itself (``automargin``), but that draws the
    chart twice: a third of a PNG export's time.  Wrapping bounds the width,
    so the margin is known from the text.  Labels stay distinct; if wrapping
    merged two, they are left unwrapped.

    >>> axis_labels(["Internet users in China and the rest of the world", "GDP"])
    (['Internet users in China and the<br>rest of the world', 'GDP'], 237)
    """
    lines = [textwrap.wrap(label, LABEL_WIDTH) or [""] for label in labels]
    if len({tuple(w) for w in lines}) < len(set(labels)):
        lines = [[label] for label in labels]
    widest = max((display_width(line) for wrapped in lines for line in wrapped), default=0)
    texts = ["<br>".join(escape(line) for line in wrapped) for wrapped in lines]
    return texts, int(widest * CHAR_PX) + 16


def largest(values: pd.Series, limit: int) -> np.ndarray:
    """Positions of the ``limit`` largest values, as a stable descending sort orders them.

    Ties keep their order and missing values come last, as with
    ``sort_values(ascending=False, kind="stable")``, without copying the rows.

    >>> largest(pd.Series([3.0, None, 7.0, 3.0]), 3).tolist()
    [2, 0, 3]
    """
    numbers = -values.to_numpy(dtype="float64", na_value=np.nan)
    return np.argsort(numbers, kind="stable")[:limit]


def bar_labels(claims: pd.DataFrame) -> list[str]:
    """One distinct label per bar: the subject, with the date or a number when repeated.

    >>> frame = pd.DataFrame({"subject": ["Users", "Users", None], "unit": ["u", "u", "websites"],
    ...     "date": ["2015", "2016", "2015"]})
    >>> bar_labels(frame)
    ['Users (2015)', 'Users (2016)', 'websites']
    """
    base = [
        str(s) if isinstance(s, str) and s else str(u)
        for s, u in zip(claims["subject"], claims["unit"], strict=True)
    ]
    counts = Counter(base)
    labels, seen = [], set()
    for label, date in zip(base, claims["date"], strict=True):
        text = f"{label} ({date})" if counts[label] > 1 else label
        candidate, n = text, 2
        while candidate in seen:
            candidate, n = f"{text} #{n}", n + 1
        seen.add(candidate)
        labels.append(candidate)
    return labels


MARGIN = {"l": 10, "r": 30, "t": 80, "b": 90}
"""Room around the plot: the title above, the axis title and source line below."""


NOTE_SHIFT = 18
"""Pixels a chart note sits below the source line (and the bottom margin grows by)."""


def framed_figure(
    traces: list[dict], layout: dict, title: str, subtitle: str, source: str, note: str = ""
) -> go.Figure:
    """A figure with the template, title, subtitle and source line every chart carries,
    and a ``note`` under the source line where the chart needs one (how money was
    converted): in the figure, so PNG, SVG and HTML downloads keep it."""
    line = {
        "text": escape(source),
        "xref": "paper",
        "yref": "paper",
        "x": 0,
        "y": 0,
        "yshift": -70,
        "xanchor": "left",
        "yanchor": "top",
        "showarrow": False,
        "font": {"size": 12, "color": "#555"},
    }
    notes = [{**line, "text": escape(note), "yshift": -70 - NOTE_SHIFT}] if note else []
    layout = {
        "template": _TEMPLATE_SPEC,
        "title": {"text": escape(title), "subtitle": {"text": escape(subtitle)}, "x": 0.01},
        "margin": dict(MARGIN),
        "legend": {"title": {"text": "Category"}},
        "annotations": [line, *notes],
        **layout,
    }
    if note:
        margin = layout["margin"]
        layout["margin"] = {**margin, "b": margin.get("b", MARGIN["b"]) + NOTE_SHIFT}
    return go.Figure({"data": traces, "layout": layout}, _validate=False)


def hover_data(
    record: Mapping,
    figure: str,
    attributions: Mapping[str, str],
    texts: Mapping[str, str] | None = None,
) -> list[str]:
    """A bar's hover fields: figure, quote, source, where in the article, conversion (escaped).

    Where the figure is, in words ("in the 3rd paragraph"), from the article's
    text when ``texts`` has it; never character offsets.

    >>> hover_data({"quote": "<b>7%</b>", "source": "s", "start": 9}, "7%", {},
    ...     {"s": "Title\\n\\nThe 7% here."})
    ['7%', '&lt;b&gt;7%&lt;/b&gt;', 's', 'in the 2nd paragraph', '']
    """
    text = (texts or {}).get(record["source"])
    conversion = record.get("conversion")
    conversion = conversion if isinstance(conversion, str) else ""
    return [
        escape(figure),
        wrapped(record["quote"]),
        escape(attributions.get(record["source"], record["source"])),
        escape(place_in_words(text, record.get("start")) or "in the article"),
        escape(f"Converted: {conversion}" if conversion and conversion != "as stated" else ""),
    ]


def bar_chart(
    claims: pd.DataFrame,
    *,
    categories: pd.DataFrame,
    attributions: Mapping[str, str],
    title: str,
    unit: str,
    limit: int = BAR_LIMIT,
    texts: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal bars of claims that share one unit, coloured by category.

    The hover box of each bar shows the figure as written, the quote, the
    source and where the figure is in it (``texts``: source id -> article
    text), so every bar leads back to its words.  Only the ``limit`` largest
    figures are drawn, on a linear axis from zero: a bar's length on a log
    axis would say nothing.
    """
    return bar_figure(
        bars_of(claims, limit),
        len(claims),
        categories=categories,
        attributions=attributions,
        title=title,
        unit=unit,
        limit=limit,
        texts=texts,
    )


def bars_of(claims: pd.DataFrame, limit: int = BAR_LIMIT) -> pd.DataFrame:
    """The rows ``bar_chart`` draws: the ``limit`` largest, with the columns a bar reads."""
    columns = [c for c in HOVER_COLUMNS if c in claims.columns]
    return claims.iloc[largest(claims["value"], limit)][columns]


def bar_figure(
    shown: pd.DataFrame,
    count: int,
    *,
    categories: pd.DataFrame,
    attributions: Mapping[str, str],
    title: str,
    unit: str,
    limit: int = BAR_LIMIT,
    texts: Mapping[str, str] | None = None,
    note: str = "",
) -> go.Figure:
    """``bar_chart`` from the bars already picked (``shown``: the ``limit`` largest of
    ``count`` claims, largest first).  The dashboard picks them from the load's values
    and copies only these rows."""
    labels, margin = axis_labels(bar_labels(shown))
    colours = dict(zip(categories["id"], categories["colour"], strict=True))
    names = dict(zip(categories["id"], categories["label"], strict=True))
    # one pass over the (at most ``limit``) rows, then a trace per category in order of
    # appearance: selecting and converting rows per category cost more than the rest
    records = shown.to_dict(orient="records")
    figures = [row_figure(r) for r in records]
    rows_of: dict[object, list[int]] = {}
    for i, r in enumerate(records):
        rows_of.setdefault(r["category"], []).append(i)
    traces = []
    for category, rows in rows_of.items():
        traces.append(
            {
                "type": "bar",
                "x": [float(records[i]["value"]) for i in rows],
                "y": [labels[i] for i in rows],
                "orientation": "h",
                "name": escape(names.get(category, category)),
                "marker": {"color": colours.get(category, FALLBACK_COLOUR)},
                "text": [escape(figures[i]) for i in rows],
                "textposition": "auto",
                "customdata": [
                    hover_data(records[i], figures[i], attributions, texts) for i in rows
                ],
                "hovertemplate": (
                    "<b>%{y}</b>: %{customdata[0]}<br>“%{customdata[1]}”<br>"
                    "Source: %{customdata[2]}, %{customdata[3]}"
                    "<br>%{customdata[4]}<extra></extra>"
                ),
            }
        )
    subtitle = f"{unit}; {count:,} figure{'s' if count != 1 else ''}" + (
        f", the {limit} largest shown" if count > limit else ""
    )
    source = source_line(attributions.get(s, s) for s in shown["source"])
    layout = {
        "height": 160 + 34 * max(len(shown), 3),
        "margin": {**MARGIN, "l": margin},
        "yaxis": {"categoryorder": "array", "categoryarray": labels[::-1]},
        "xaxis": {"title": {"text": escape(unit)}, "type": "linear", "rangemode": "tozero"},
    }
    return framed_figure(traces, layout, title, subtitle, source, note)


def category_counts_chart(
    claims: pd.DataFrame, *, categories: pd.DataFrame, attributions: Mapping[str, str]
) -> go.Figure:
    """How many figures each category holds, in the order of categories.yaml."""
    counts = claims["category"].value_counts()  # categorical: counted on codes
    return category_counts_figure(
        {str(c): int(n) for c, n in counts.items() if n},
        claims["source"].unique(),
        len(claims),
        categories=categories,
        attributions=attributions,
    )


def category_counts_figure(
    counts: Mapping[str, int],
    sources: Iterable[str],
    total: int,
    *,
    categories: pd.DataFrame,
    attributions: Mapping[str, str],
) -> go.Figure:
    """``category_counts_chart`` from the counts per category, the sources in order, and
    how many claims there are in all (with those of no or an unknown category).

    The Overview gets them from one query over the store and never copies the claims.
    """
    rows = [
        (str(label), str(colour), counts[i])
        for i, label, colour in zip(
            categories["id"], categories["label"], categories["colour"], strict=True
        )
        if counts.get(i, 0)
    ]
    trace = {
        "type": "bar",
        "x": [escape(r[0]) for r in rows],
        "y": [r[2] for r in rows],
        "marker": {"color": [r[1] for r in rows]},
        "text": [r[2] for r in rows],
        "textposition": "auto",
        "hovertemplate": "%{x}: %{y} figures<extra></extra>",
    }
    source = source_line(attributions.get(s, s) for s in sources)
    layout = {"height": 420, "yaxis": {"title": {"text": "figures (claims)"}}}
    return framed_figure(
        [trace], layout, "Figures per category", f"{total:,} figures (claims)", source
    )

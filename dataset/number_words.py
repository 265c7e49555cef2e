"""Words that write numbers in English news, for reading back a claim's figure.

Validation reads the text at a claim's span and checks that it says the
claim's value (``dataset.validate.read_figure``).  These are the forms the
extractors write claims for (see ``extractors/numbers.py``, which keeps its
own copy inside its patterns: the dataset must not import the extractors);
keep the two in step when a form is added there.
"""

from __future__ import annotations

UNITS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
"""Number words below a hundred; "twenty-one" is read as 20 + 1."""

SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "tn": 1e12, "trn": 1e12,
    "bln": 1e9, "trln": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
    "dozen": 12,
}  # fmt: skip
"""Words and abbreviations that multiply the number before them ("Rs 1.2 lakh crore")."""

DENOMINATORS: dict[str, int] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
"""Fraction words -> denominator: "two-thirds" is 2/3, stored as the percent 66.7."""

WRITTEN_SCALES = frozenset(
    {"hundred", "thousand", "million", "billion", "trillion", "lakh", "lakhs", "lac", "lacs",
     "crore", "crores", "dozen"}
)  # fmt: skip
"""The scale words of ``SCALES`` written in full: a figure on their own ("a million"),
where an abbreviation ("bn", "m") is one only after digits."""

MULTIPLES = frozenset({"score", "single", "double", "twice", "triple"})
"""Words that are figures without a digit: "a score of", "double the number"."""

FOLD = "fold"
"""The suffix of a multiple written as one word: "sixfold" is 6 times, "tenfold" 10."""

VULGAR_FRACTIONS = "\u00bc-\u00be\u2150-\u215e"
"""Unicode's one-character fractions ("½", "¾", "⅓"), as a regular-expression class body."""

ARTICLES = frozenset({"a", "an"})
""""a dozen", "a third", "a million": one of them."""

CONNECTORS = frozenset({"and"})
"""Words inside a written-out number: "one hundred and fifty"."""

RATIO_WORDS = frozenset({"in", "of"})
""""one in five" (20 percent); "of" also joins "out of" and "a quarter of a billion"."""

RANGE_WORDS = frozenset({"to", "and", "between", "from"})
""""10 to 20 million": the scale of the last bound applies to the first as well."""

HUNDREDTHS = frozenset(
    {"basis", "bp", "bps", "cent", "cents", "pence", "p", "paise", "paisa", "piastre", "piastres",
     "kopeks", "kopecks", "centimes", "sen", "fils", "halala", "halalas"}
)  # fmt: skip
"""Words after a number that make it hundredths of the claim's unit: "25 basis points"
is 0.25 percentage points, "40 cents" 0.4 dollars (the number itself is kept too)."""

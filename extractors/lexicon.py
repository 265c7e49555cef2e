"""Word lists and tables the extractors read: the words, not the rules that use them.

Each table says where it comes from.  Most are written by hand from English
news usage (wire copy, financial and sports pages) and the style guides that
shape it (Reuters, AP, the Economist, the Guardian); they were grown on the
labelled dev sets in ``tests/extractors`` and never on the held-out sets.
What a standard already lists is not copied here but read from it at run time:
currency codes, names and symbols from CLDR and ISO 4217 through Babel
(``extractors.money``), country names and month names from CLDR
(``extractors.context``).

Keep in sync: ``extractors.qualifiers`` builds its pattern from
``QUALIFIER_WORDS``; the scanner's change patterns from ``FALL_VERBS`` and
``RISE_VERBS``; ``numbers.NUMBER_WORDS`` from ``UNIT_WORDS`` and ``TENS_WORDS``.

>>> QUALIFIER_WORDS["nearly"], "tonnes" in MEASURE_UNITS
('approximate', True)
"""

from __future__ import annotations

import re
from typing import NamedTuple


def _words(text: str) -> frozenset[str]:
    """A set of the whitespace-separated words of ``text``: lists stay readable as prose."""
    return frozenset(text.split())


def _sequence(text: str) -> tuple[str, ...]:
    """The whitespace-separated words of ``text``, in order."""
    return tuple(text.split())


# ---------------------------------------------------------------- what is counted
# Hand-written from the noun phrases that follow figures in news copy.

STOP_WORDS: frozenset[str] = _words(
    """
    a about according after ago also an and are around as at be been before being between
    but by can could day days did do does down during each every for from had has have he
    her here his i in into is it its last less may might month months more my next no not
    now of on or our over per said says shall she should since so than that the their then
    there these they this those to under until up was we week weeks were when where which
    while who whom whose will with would year years you your
    """
)
"""Function words that end the noun phrase after a figure ("people *in* China")."""

MEASURE_UNITS: frozenset[str] = _words(
    """
    acre acres barrel barrels bushels calories celsius centimeters centimetres cm cubic
    degree degrees fahrenheit feet foot ft g gallon gallons gigawatt gigawatts gram grams gw
    gwh hectare hectares inch inches kg kilogram kilograms kilometers kilometres
    kilowatt-hours gigawatt-hours
    micrograms hectolitres kilowatts km knots kph kwh lb liters litres m megawatt megawatts meters
    metres metric mile miles millimeters millimetres mm mph mw mwh ounces oz point points
    pounds square terawatt-hours ton tonne tonnes tons twh
    """
)
"""Units of measure (SI and imperial, as news spells them): a figure followed by one
is kind ``other`` ("312.6 millimetres")."""

IRREGULAR_PLURALS: frozenset[str] = _words(
    """
    cattle children crew data deer feet fish geese media men mice people personnel police
    sheep staff teeth women
    """
)
"""Plural nouns that do not end in -s: each can be the head of what is counted."""

NOT_PLURAL_ENDINGS = ("ss", "us", "is", "ous", "'s", "’s")
"""Words ending so are not plural nouns ("business", "census", "basis", "various")."""

NOT_PLURAL: frozenset[str] = _words(
    """
    means news plus series species
    """
)
"""Words in -s that are not plurals of a countable head."""

PHRASE_ENDERS: frozenset[str] = _words(
    """
    about abroad across after against alone already also although altogether amid among
    apiece around became because before behind beyond bought built came come comes died
    during each except fell gave globally got grew held if including inside instead into
    kept left like lost made met nationwide near onto outside over overseas paid ran remain
    remains goes respectively rose said sat saw say says since so sold spent still though through
    too took toward towards under until via went when where whereas while within without won
    worldwide
    """
)
"""Words that end the phrase once it has a word: prepositions, adverbs, common verbs.

Regular verb forms (-ed, -ing) and -ly adverbs end it too (``context._ends_phrase``);
before the first word they are modifiers ("registered voters", "existing homes",
"monthly users") and are kept.
"""

CONTAINERS: frozenset[str] = _words(
    """
    bags bales bottles bowls boxes cans cartons crates cups doses loaves packets pairs
    parcels plates rolls sacks sheets slices
    """
)
"""Heads that name a container or portion: "bags of rice" is what is counted, not "bags"."""

SKIPPED_FIRST: frozenset[str] = _words(
    """
    additional extra further more other
    """
)
"""Words right after a figure that say "in addition" and are not what is counted."""

MONEY_NOUNS: tuple[str, ...] = _sequence(
    """
    revenue revenues sales profit profits earnings income loss losses spending expenditure
    investment investments budget funding financing value valuation capitalisation
    capitalization cap exports imports trade surplus deficit GDP output turnover debt debts
    cost costs price prices fine fines aid subsidies subsidy tax taxes wages salary salaries
    bonus bonuses pay compensation grant grants loan loans bid offer fee fees bill damages
    assets reserves dividend dividends payout proceeds bailout stimulus donations
    remittances orders bookings purchases capital fund deal contract settlement balance
    inflows outflows flows bonds backlog money
    """
)
"""Nouns that name an amount of money (from company results, budgets and trade
reports): what a money figure near them measures."""


REPORTING_VERBS: frozenset[str] = _words(
    """
    posted booked paid reported sees see expects expect showed shows cause caused raised earned
    spent set recorded forecast lent borrowed received approved needs need made posts reports
    drew draws
    """
)
"""Verbs that introduce an amount in results and budget copy ("posted sales of"): never part of
what the money measures."""

YEAR_EARLIER_CUES: tuple[str, ...] = (
    "a year earlier", "a year ago", "year on year", "year-on-year", "on the year",
    "from last year", "the same period last year", "the same month last year",
    "the same quarter last year", "the previous year", "the year before",
)  # fmt: skip
"""Wire phrases that measure a change or growth from the same period a year before."""

# ---------------------------------------------------------------- when and who
RELATIVE_WORDS = ("today", "now", "currently", "this year", "last year", "last month")
"""Words that date a figure relative to the article's publication date."""

COUNTRY_SHORT_NAMES: frozenset[str] = frozenset(
    {"China", "US", "UK", "EU", "Britain", "America", "Hong Kong", "Europe", "Africa"}
)
"""Short forms news uses for places, added to CLDR's territory names."""

PRONOUNS: frozenset[str] = _words(
    """
    He I It She That The They This We
    """
)
"""Capitalised words an attribution pattern may catch that name nobody."""

NAME = "((?:the\\s+)?[A-Z][\\w.'’-]*(?:\\s+(?:of\\s+the\\s+|of\\s+)?[A-Z][\\w.'’-]*){0,4})"
"""A capitalised name of up to five words ("the Ministry of Commerce", "Lu Wei")."""


class Attribution(NamedTuple):
    """One way news attributes a figure, with the words it cannot match without.

    ``cues`` are searched first (a substring test is much cheaper than the
    pattern, and most sentences hold none); ``ignorecase`` says whether to test
    them on the case-folded sentence; one of ``also`` (when given) must stand
    there too.  ``within``, when set, is a run of
    characters that holds every match (the pattern can match no other
    character, and begins and ends where a character outside the run may
    stand): the pattern is then searched only in the runs that hold a cue.
    """

    pattern: re.Pattern[str]
    cues: tuple[str, ...]
    ignorecase: bool
    within: re.Pattern[str] | None = None
    also: tuple[str, ...] = ()


NAME_RUN = re.compile(r"[\w.'’\s-]+")
"""Runs of the characters a ``NAME`` and the words around it are made of."""


ATTRIBUTION: tuple[Attribution, ...] = (
    Attribution(
        re.compile(r"\b((?:the|a)\s+(?:\w+\s+)?(?:report|survey|study|ministry|agency|bureau|"
                   r"government|company|statement|data))\s+(?:says|said|shows|showed|found)\b",
                   re.I),
        ("says", "said", "show", "found"),
        True,
        NAME_RUN,
        ("report", "survey", "study", "ministry", "agency", "bureau", "government", "company",
         "statement", "data"),
    ),
    Attribution(re.compile(rf"\b[Aa]ccording\s+to\s+{NAME}"), ("ccording",), False),
    Attribution(
        re.compile(r"\b[Aa]ccording\s+to\s+((?:a|an|the)\s+(?:\w+\s+){0,2}\w+)"),
        ("ccording",),
        False,
    ),
    Attribution(
        re.compile(rf"\b(?:says|said|adds|added|estimates|estimated)\s+{NAME}(?=\s*[,.;:]|$)"),
        ("says", "said", "adds", "added", "estimate"),
        False,
    ),
    Attribution(
        re.compile(rf"{NAME}\s+(?:says|said|adds|added|estimates|estimated|reported)\b"),
        ("says", "said", "adds", "added", "estimate", "reported"),
        False,
        NAME_RUN,
    ),
)  # fmt: skip
"""Attribution patterns, tried in order; the first that matches names the source."""


# ---------------------------------------------------------------- hedges
QUALIFIER_WORDS: dict[str, str] = {
    "about": "approximate", "around": "approximate", "roughly": "approximate",
    "some": "approximate", "approximately": "approximate", "nearly": "approximate",
    "almost": "approximate", "close to": "approximate", "an estimated": "approximate",
    "estimated": "approximate", "circa": "approximate",
    "neared": "approximate", "nearing": "approximate", "approached": "approximate",
    "approaching": "approximate", "near": "approximate", "towards": "approximate",
    "more than": "more_than", "over": "more_than", "above": "more_than",
    "exceeding": "more_than", "in excess of": "more_than", "just over": "more_than",
    "well over": "more_than", "upwards of": "more_than",
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "less than": "less_than", "under": "less_than", "fewer than": "less_than",
    "below": "less_than", "just under": "less_than", "just below": "less_than",
    "just shy of": "less_than",
    "up to": "at_most", "at most": "at_most", "as many as": "at_most", "as much as": "at_most",
    "no more than": "at_most",
}  # fmt: skip
"""From the labelling conventions (tests/extractors/README.md).
Word (lower case, single spaces) -> qualifier; longest phrases are tried first."""


# ---------------------------------------------------------------- numbers
UNIT_WORDS: tuple[str, ...] = _sequence(
    """
    one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen
    """
)
"""English number words below twenty."""

TENS_WORDS: tuple[str, ...] = _sequence("twenty thirty forty fifty sixty seventy eighty ninety")

DENOMINATORS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4,
    "fourth": 4, "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6,
    "seventh": 7, "sevenths": 7, "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9,
    "tenth": 10, "tenths": 10,
}  # fmt: skip
"""Fraction words -> denominator: "two-thirds" is 2/3."""

SCALES: dict[str, float] = {
    "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9,
    "tn": 1e12, "trn": 1e12, "trln": 1e12,
    "lakh": 1e5, "lakhs": 1e5, "lac": 1e5, "lacs": 1e5, "crore": 1e7, "crores": 1e7,
}  # fmt: skip
"""Scale words and abbreviations; ``m`` and ``b`` count only next to a currency.
Indian English counts in lakhs (100,000) and crores (10 million): "Rs 5 crore"."""


VULGAR_FRACTIONS: dict[str, float] = {
    "½": 0.5,
    "¼": 0.25,
    "¾": 0.75,
    "⅓": 1 / 3,
    "⅔": 2 / 3,
    "⅛": 0.125,
}
"""Unicode's vulgar fractions as news fonts print them: "2¼ percent", "½ of the rest"."""

# ---------------------------------------------------------------- not statistics
MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
)

REFERENCE_WORDS = (
    "code|flat|page|pages|p|pp|section|sections|article|articles|chapter|chapters|clause|paragraph|"
    "junction|junctions|exit|route|room|flight|platform|gate|version|number|no|nos|rule|item|"
    "episode|season|series|phase|stage|act|bill|resolution|highway|interstate|box|suite|"
    "apartment|floor|lot|model|vol|volume|issue|edition|generation|tier|division|league|"
    "level|grade|class|aged|age|ages|channel|formula|windows|agenda|vision|covid|top|"
    "category|figure|table|line|terminal|district|ward|block|zone|unit|batch|wave|week|day|"
    "match|game|round|race|lap|group|cohort|mark|size|type"
)

FUNCTION_WORDS: frozenset[str] = _words(
    """
    a about above after all almost also an and another approximately around as at before
    below between but by close down each estimated every exceeding fewer for from he her his
    if in including its just last least less more nearly no not of on only or our over she
    since so some than that the their them then there these they this those to total
    totalled under up upwards was we were what when which while who with within yet roughly
    almost nearly police officials
    """
)
"""Capitalised at a sentence start these are ordinary words, not names: "About 50"."""

STREET_WORDS: tuple[str, ...] = _sequence(
    """
    Street St Road Rd Avenue Ave Lane Square Place Drive Boulevard Way Terrace Court Row
    Parkway Highway Crescent Close Gardens Park Quay Wharf
    """
)
"""Street types (English-language postal usage) after a house number: "10 Downing Street"."""

EVENT_NOUNS: tuple[str, ...] = _sequence("festival summit expo fair sale")
"""Nouns after a number that names an event: "the 618 shopping festival"."""

NUMBER_WORD_IDIOMS: tuple[str, ...] = _sequence("top bottom no each baker's every")
"""Words before a number word that make it a rank or an idiom: "the top five", "no one"."""

PHONE_CUES = ("call", "dial", "ring", "phone", "text", "hotline")
"""``PHONE_BEFORE`` matches no text whose ``fold`` lacks all of these."""


# ---------------------------------------------------------------- money
# What CLDR (Babel) lacks or reads otherwise; everything else comes from CLDR.
NEWS_SPELLINGS: dict[str, str] = {
    "yuan": "CNY",
    "renminbi": "CNY",
    "rmb": "CNY",
    "dollar": "USD",
    "dollars": "USD",
    "us dollars": "USD",
    "euro": "EUR",
    "euros": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "pounds sterling": "GBP",
    "sterling": "GBP",
    "yen": "JPY",
    "rupee": "INR",
    "rupees": "INR",
    "won": "KRW",
    "real": "BRL",
    "reais": "BRL",
    "reals": "BRL",
    "rand": "ZAR",
    "franc": "CHF",
    "francs": "CHF",
    "roubles": "RUB",
    "rubles": "RUB",
    "lira": "TRY",
    "naira": "NGN",
    "pesos": "MXN",
    "ringgit": "MYR",
    "baht": "THB",
    "dirhams": "AED",
    "riyals": "SAR",
    "shillings": "KES",
    "krona": "SEK",
    "kronor": "SEK",
    "krone": "NOK",
    "kroner": "NOK",
    "zlotys": "PLN",
    "hryvnias": "UAH",
    "liras": "TRY",
    "u.s. dollars": "USD",
    "u.s. dollar": "USD",
    "dlrs": "USD",
    "taiwan dollars": "TWD",
    "danish crowns": "DKK",
    "norwegian crowns": "NOK",
    "swedish crowns": "SEK",
    "czech crowns": "CZK",
}
"""News spellings (lower case) of currency names after a figure, which CLDR lacks."""

SMALL_UNITS: dict[str, tuple[str, float]] = {
    "cents": ("USD", 0.01),
    "cent": ("USD", 0.01),
    "pence": ("GBP", 0.01),
    "paise": ("INR", 0.01),
    "sen": ("MYR", 0.01),
    "piastres": ("EGP", 0.01),
    "kopecks": ("RUB", 0.01),
}
"""Subunits after a figure: "40 cents" -> 0.40 USD."""

NEWS_SYMBOLS: dict[str, str] = {
    "$": "USD",
    "US$": "USD",
    "US $": "USD",
    "C$": "CAD",
    "S$": "SGD",
    "Rs.": "INR",
    "Rs": "INR",
    "R": "ZAR",
    "RMB": "CNY",
    "¥": "JPY",
    "$US": "USD",
    "AU$": "AUD",
    "RM": "MYR",
    "Y=": "JPY",
}
"""Symbols news copy writes before a figure that CLDR's English data lacks or reads otherwise."""


# ---------------------------------------------------------------- change
FALL_VERBS = (
    "fell|falls|fallen|fall|dropped|drops|drop|slid|slides|slide|shrank|shrinks|shrunk|"
    "plunged|plunges|plummeted|slipped|slips|declined|declines|decreased|decreases|tumbled|"
    "tumbles|sank|sinks|dipped|dips|contracted|slumped|slumps|retreated|down|lower|lost"
)

RISE_VERBS = (
    "rose|rises|risen|rise|grew|grows|grown|gained|gains|climbed|climbs|jumped|jumps|surged|"
    "surges|soared|soars|increased|increases|advanced|expanded|rallied|up|higher|added"
)


# --- scanner.py: words that open a suffix after a figure ---
SUFFIX_WORDS = frozenset(
    ["per", "percent", "percentage", "basis", "pct", "pc", "pp", "ppt", "ppts", "bps"]
)
"""Words that open a percent marker after a space (``percent.PERCENT_SUFFIXES``). Keep in sync:
``tests/extractors/test_prefilters.py`` checks both (``scanner._nothing_after``)."""
DURATION_WORDS = frozenset(
    [
        "year",
        "years",
        "month",
        "months",
        "week",
        "weeks",
        "day",
        "days",
        "hour",
        "hours",
        "minute",
        "minutes",
        "seconds",
        "decade",
        "decades",
        "centuries",
        "century",
    ]
)
"""The words of ``context.DURATION_AFTER``. Keep in sync (checked as ``SUFFIX_WORDS`` is)."""


# --- sentences.py ---------------------------------------------------------------

ABBREVIATIONS: frozenset[str] = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.k",
        "u.n",
        "e.g",
        "i.e",
        "approx",
        "est",
        "dept",
        "fig",
    ]
)
"""Words that end in a full stop without ending a sentence (lower case, no final dot)."""

LEVEL_VERBS: tuple[str, ...] = (
    "reached", "numbered", "totalled", "totaled", "topped", "hit", "exceeded", "surpassed",
    "stood at", "amounted to", "came to", "rose to", "grew to", "climbed to", "jumped to",
    "increased to", "fell to", "dropped to", "declined to", "decreased to", "slipped to",
)  # fmt: skip
"""Verbs that say what their subject counts came to: "Internet users reached 731 million"."""

SUBJECT_PREPOSITIONS: frozenset[str] = _words(
    """
    across at for from in inside of on to within
    """
)
"""Words that begin a phrase after what is counted: "voters in the province numbered"."""

DETERMINERS: frozenset[str] = _words(
    """
    a an her his its our the their these this those
    """
)
"""Words before what is counted that are not part of its name."""

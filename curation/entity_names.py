"""Names of countries that `pycountry` does not know: demonyms, short forms, possessives.

pycountry (ISO 3166) knows official and common names and codes ("China",
"People's Republic of China", "CN", "CHN"); news also writes "Chinese",
"PRC" or "Britain".  Each entry maps such a word (lower case) to a name or
code pycountry resolves.  Written by hand from the countries the bundled and
test articles name; add a line when an article uses a new form.
"""

from __future__ import annotations

ALIASES: dict[str, str] = {
    # demonym / short form: ISO 3166 alpha-3 code
    "chinese": "CHN",
    "prc": "CHN",
    "mainland china": "CHN",
    "chinese mainland": "CHN",
    "japanese": "JPN",
    "indian": "IND",
    "american": "USA",
    "america": "USA",
    "us": "USA",
    "u.s.": "USA",
    "britain": "GBR",
    "great britain": "GBR",
    "british": "GBR",
    "uk": "GBR",
    "u.k.": "GBR",
    "german": "DEU",
    "french": "FRA",
    "korean": "KOR",
    "south korean": "KOR",
    "south korea": "KOR",
    "russian": "RUS",
    "russia": "RUS",
    "brazilian": "BRA",
    "indonesian": "IDN",
    "vietnamese": "VNM",
    "taiwanese": "TWN",
}
"""Lower-case word -> ISO 3166 alpha-3 code."""

FILLER: frozenset[str] = frozenset({"in", "of", "the", "a", "an", "and", "for", "on", "at", "by"})
"""Words left out when two subjects are compared ("users in China" vs "China's users")."""

"""An article's text as HTML with every claim's figure marked, safe to render.

Every piece of source text is passed through ``html.escape`` before any
``<mark>`` tag is added, so nothing in an article can become markup.  The
text keeps the app's own type family (``inherit``): a serif switch made the
article look like another application.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

STYLE = (
    "white-space: pre-wrap; font-family: inherit; line-height: 1.6; "
    "max-height: 38rem; overflow-y: auto; padding: 0.5rem 1rem; border: 1px solid #ddd;"
)
ANCHOR_PREFIX = "claim-"
"""A mark's ``id`` is this and the claim's id: ``#claim-<id>`` points at the figure."""


def anchor(claim_id: str) -> str:
    """The HTML id of a claim's mark (claim ids are slugs; anything else is dropped).

    >>> anchor("china-daily-2015-users"), anchor('x" onclick="y')
    ('claim-china-daily-2015-users', 'claim-xonclicky')
    """
    return ANCHOR_PREFIX + re.sub(r"[^a-z0-9-]", "", claim_id)


def highlight(text: str, spans: Iterable[Sequence], style: str = STYLE) -> str:
    """``text`` escaped, with ``<mark>`` around each (start, end, title, colour[, claim id])
    span; a claim id gives the mark an ``id`` to link to (``anchor``).

    Spans that overlap an earlier one, or fall outside the text, are skipped.

    >>> highlight("a <b> 5 c", [(6, 7, "five & more", "#ff0")]).split(';">', 1)[1]
    'a &lt;b&gt; <mark title="five &amp; more" style="background: #ff0">5</mark> c</div>'
    >>> highlight("5 c", [(0, 1, "five", "#ff0", "x-1")]).split(';">', 1)[1][:24]
    '<mark id="claim-x-1" tit'
    """
    pieces, position = [], 0
    for span in sorted(spans, key=lambda s: (s[0], s[1])):
        start, end, title, colour = span[:4]
        if start < position or end > len(text) or start >= end:
            continue
        ident = f'id="{anchor(str(span[4]))}" ' if len(span) > 4 and span[4] else ""
        pieces.append(html.escape(text[position:start]))
        pieces.append(
            f'<mark {ident}title="{html.escape(title, quote=True)}" '
            f'style="background: {html.escape(colour, quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        position = end
    pieces.append(html.escape(text[position:]))
    return f'<div style="{html.escape(style, quote=True)}">' + "".join(pieces) + "</div>"

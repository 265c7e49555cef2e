"""An article's text as HTML with every claim's figure marked, safe to render.

Every piece of source text is escaped before any ``<mark>`` tag is added,
so nothing in an article can become markup: not HTML, and not Markdown
either (``![x](http://host/t.png)`` would make a browser fetch a URL where
the HTML is shown through ``st.markdown``), its signs written as numeric
character references, which Markdown never reads as syntax.  The text keeps
the app's own type family (``inherit``): a serif switch made the article look
like another application.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence

MARKDOWN_SIGNS = "\\`*_{}[]()#!|~$:="
"""Characters that start Markdown syntax mid-line (links, images, emphasis, code, LaTeX,
emoji and colours); written as ``&#NN;`` they show as themselves and do nothing."""
_INERT = str.maketrans(
    {
        **{sign: f"&#{ord(sign)};" for sign in MARKDOWN_SIGNS},
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#x27;",
    }
)


def inert_html(text: str) -> str:
    """``text`` as HTML that neither HTML nor Markdown reads as markup.

    >>> inert_html("<b>![x](u)</b> $5")
    '&lt;b&gt;&#33;&#91;x&#93;&#40;u&#41;&lt;/b&gt; &#36;5'
    """
    return text.translate(_INERT)


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
        pieces.append(inert_html(text[position:start]))
        pieces.append(
            f'<mark {ident}title="{html.escape(title, quote=True)}" '
            f'style="background: {html.escape(colour, quote=True)}">'
            f"{inert_html(text[start:end])}</mark>"
        )
        position = end
    pieces.append(inert_html(text[position:]))
    return f'<div style="{html.escape(style, quote=True)}">' + "".join(pieces) + "</div>"

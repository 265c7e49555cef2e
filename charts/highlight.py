"""An article's text as HTML with every claim's figure marked, safe to render.

Every piece of source text is passed through ``html.escape`` before any
``<mark>`` tag is added, so nothing in an article can become markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

STYLE = (
    "white-space: pre-wrap; font-family: Georgia, serif; line-height: 1.6; "
    "max-height: 38rem; overflow-y: auto; padding: 0.5rem 1rem; border: 1px solid #ddd;"
)


def highlight(text: str, spans: Iterable[tuple[int, int, str, str]]) -> str:
    """``text`` escaped, with ``<mark>`` around each (start, end, title, colour) span.

    Spans that overlap an earlier one, or fall outside the text, are skipped.

    >>> highlight("a <b> 5 c", [(6, 7, "five & more", "#ff0")]).split(';">', 1)[1]
    'a &lt;b&gt; <mark title="five &amp; more" style="background: #ff0">5</mark> c</div>'
    """
    pieces, position = [], 0
    for start, end, title, colour in sorted(spans):
        if start < position or end > len(text) or start >= end:
            continue
        pieces.append(html.escape(text[position:start]))
        pieces.append(
            f'<mark title="{html.escape(title, quote=True)}" '
            f'style="background: {html.escape(colour, quote=True)}">'
            f"{html.escape(text[start:end])}</mark>"
        )
        position = end
    pieces.append(html.escape(text[position:]))
    return f'<div style="{STYLE}">' + "".join(pieces) + "</div>"

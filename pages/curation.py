"""What the Add-article and Review pages share: the claims editor, quotes, problems, saving.

Plain helpers over `curation.table` and `curation.writes`; the pages stay thin.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from analysis.format import markdown_escape
from curation.table import COLUMNS, EDITABLE, editor_frame, marked_quote, table_counts, tally_line
from dataset.problems import Problem
from dataset.schema import QUALIFIERS, STATUSES, Claim


def claims_editor(
    claims: Sequence[Claim], text: str, categories: list[str], key: str
) -> pd.DataFrame:
    """``st.data_editor`` over the claims; returns the edited table."""
    config = {
        "id": st.column_config.TextColumn("Id", width="small"),
        "figure": st.column_config.TextColumn("Figure as written"),
        "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES), required=True),
        "value": st.column_config.NumberColumn("Value", format="%g"),
        "low": st.column_config.NumberColumn("Low", format="%g", help="Ranges only"),
        "high": st.column_config.NumberColumn("High", format="%g", help="Ranges only"),
        "qualifier": st.column_config.SelectboxColumn(
            "Qualifier", options=list(QUALIFIERS), required=True
        ),
        "unit": st.column_config.TextColumn("Unit"),
        "subject": st.column_config.TextColumn("Subject", help="Short chart label"),
        "entity": st.column_config.TextColumn("Entity"),
        "period": st.column_config.TextColumn(
            "Period", help="YYYY[-MM[-DD]], or 'START to END' (either may be left out)"
        ),
        "category": st.column_config.SelectboxColumn("Category", options=categories, required=True),
        "kind": st.column_config.TextColumn("Kind"),
        "currency": st.column_config.TextColumn("Currency"),
        "quote": st.column_config.TextColumn("Quote", width="large"),
    }
    edited = st.data_editor(
        editor_frame(claims, text),
        column_config=config,
        disabled=[c for c in COLUMNS if c not in EDITABLE],
        hide_index=True,
        num_rows="fixed",
        key=key,
    )
    st.caption(f"As edited, Save writes: {tally_line(table_counts(edited))}.")
    return edited


def quotes(claims: Sequence[Claim], text: str) -> None:
    """Each claim's quote with its figure marked (everything escaped first)."""
    with st.expander(f"Quotes of the {len(claims)} figure(s), each figure marked", expanded=True):
        for claim in claims:
            st.html(  # HTML only, never Markdown: marked_quote escapes all text, <mark> is ours
                f"<small><code>{claim.id}</code> · {claim.status}</small><br>"
                f"{marked_quote(claim, text)}",
            )


def show_problems(problems: Sequence[Problem], what: str) -> None:
    """Refusal message: why nothing was written, one reason a line."""
    lines = "\n".join(f"- {_md(str(p))}" for p in problems)
    st.error(f"{what}: nothing was written.\n\n{lines}")


def _md(text: str) -> str:
    """Text shown literally in Markdown (no links, emphasis or HTML from user input)."""
    return markdown_escape(text)


def after_save() -> None:
    """Make the new figures show in Overview and Explore on the next run."""
    st.cache_data.clear()
    st.cache_resource.clear()

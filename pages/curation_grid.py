"""What the Add-article and Review pages share: the claims editor, quotes, problems, saving.

Plain helpers over `curation.table` and `curation.writes`; the pages stay thin.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from analysis.format import markdown_escape
from curation.table import (
    COLUMNS,
    EDITABLE,
    chosen_statuses,
    editor_frame,
    figure_label,
    marked_quote,
    table_counts,
    tally_line,
)
from dataset.problems import Problem
from dataset.schema import KINDS, MEASURES, QUALIFIERS, STATUSES, Claim

PERIOD_HELP = "YYYY[-MM[-DD]], or 'START to END' (either may be left out)"


def claims_editor(
    claims: Sequence[Claim],
    text: str,
    categories: list[str],
    key: str,
    metrics: Mapping[str, str] | None = None,
    suggested: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """``st.data_editor`` over the claims, under two lists to approve or reject by figure.

    ``metrics`` maps the metric ids a figure may join to their labels.
    Returns the table as edited: what Save writes.  A status set in a grid
    cell wins over the lists (the grid shows what will be saved).
    """
    by_id = {c.id: figure_label(c, text) for c in claims}
    metrics = metrics or {}
    cols = st.columns(2)
    approve = cols[0].multiselect(
        "Approve these figures",
        list(by_id),
        format_func=by_id.__getitem__,
        key=f"{key}-approve",
        help="Or set Status in the grid, one row at a time; a cell you set wins.",
    )
    reject = cols[1].multiselect(
        "Reject these figures", list(by_id), format_func=by_id.__getitem__, key=f"{key}-reject"
    )
    chosen, both = chosen_statuses(approve, reject)
    if both:
        st.warning(
            "Chosen to approve and to reject, so left as the grid says: "
            + ", ".join(by_id[i] for i in sorted(both))
        )
    number = "localized"  # 989,000,000, as on the other pages
    config = {
        "id": st.column_config.TextColumn("Id", width="small"),
        "figure": st.column_config.TextColumn("Figure as written"),
        "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES), required=True),
        "value": st.column_config.NumberColumn("Value", format=number),
        "low": st.column_config.NumberColumn("Low", format=number, help="Ranges only"),
        "high": st.column_config.NumberColumn("High", format=number, help="Ranges only"),
        "qualifier": st.column_config.SelectboxColumn(
            "Qualifier", options=list(QUALIFIERS), required=True
        ),
        "kind": st.column_config.SelectboxColumn("Kind", options=list(KINDS), required=True),
        "currency": st.column_config.TextColumn(
            "Currency", help="ISO 4217 code (CNY, USD) for money; empty otherwise"
        ),
        "measure": st.column_config.SelectboxColumn(
            "Measure",
            options=list(MEASURES),
            required=True,
            help="level; change (an absolute difference); growth (a percent change)",
        ),
        "base_period": st.column_config.TextColumn(
            "Base period", help="Change and growth only: from when. " + PERIOD_HELP
        ),
        "metric": st.column_config.SelectboxColumn(
            "Metric",
            options=list(metrics),
            format_func=lambda ident: f"{ident} · {metrics[ident]}" if ident in metrics else ident,
            help="The series this figure joins (data/metrics.yaml); "
            "a candidate's is a suggestion, accepted by saving",
        ),
        "subject": st.column_config.TextColumn("Subject", help="Short chart label"),
        "unit": st.column_config.TextColumn("Unit"),
        "entity": st.column_config.TextColumn("Entity"),
        "period": st.column_config.TextColumn("Period", help=PERIOD_HELP),
        "category": st.column_config.SelectboxColumn("Category", options=categories, required=True),
        "quote": st.column_config.TextColumn("Quote", width="large"),
    }
    edited = st.data_editor(
        editor_frame(claims, text, suggested, chosen),
        column_config=config,
        disabled=[c for c in COLUMNS if c not in EDITABLE],
        hide_index=True,
        num_rows="fixed",
        key=key,
    )
    st.caption(f"As edited, Save writes: {tally_line(table_counts(edited))}.")
    return edited


def quotes(claims: Sequence[Claim], text: str, edited: pd.DataFrame | None = None) -> None:
    """Each claim's quote with its figure marked (everything escaped first).

    With ``edited`` (the editor's table), each shows the status as edited.
    """
    status = {} if edited is None else dict(zip(edited["id"], edited["status"], strict=True))
    with st.expander(f"Quotes of the {len(claims)} figure(s), each figure marked", expanded=True):
        for claim in claims:
            st.html(  # HTML only, never Markdown: marked_quote escapes all text, <mark> is ours
                f"<small><code>{claim.id}</code> · "
                f"{html.escape(str(status.get(claim.id, claim.status)))}</small><br>"
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

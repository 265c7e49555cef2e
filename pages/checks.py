"""Checks: figures that imply each other, and figures set against the official ones."""

from collections.abc import Mapping

import pandas as pd
import streamlit as st

from analysis.checks import Check, stored_checks
from analysis.compare import CLAIM_COLUMNS, TOLERANCE_DAYS, VERDICTS, compare_claims
from analysis.filters import Filters
from analysis.format import markdown_escape
from dataset.export import neutralise
from dataset.paths import data_root, data_stamp
from pages import common

FLAGGED_LISTED = 10
"""Inconsistent checks listed above the table; the table lists them first."""
CHECKS_SHOWN = 200
"""Checks in the table (the flagged first), a table a person reads; the CSV holds them all
(500 rows took 13 ms a rerun to word at 1,000,000 claims, most of the page)."""

VERDICT_ORDER = ("overstated", "understated", "rounded_down", "rounded_up", "consistent")
"""Verdicts listed first in the table, most serious first; the rest follow."""


@st.cache_resource(max_entries=2, show_spinner="Comparing with the official figures…")
def _compared(stamp: str, _data: common.Data) -> pd.DataFrame:
    """Every claim with a metric against its official series, once per load (``stamp``).

    2.4 s of CPU at 105,000 claims with metrics: too slow for every rerun, so
    reruns only pick the filtered claims' rows.  The frame is shared: never modified.
    """
    everything = Filters(statuses=())
    claims = _data.query.rows(everything, columns=CLAIM_COLUMNS, extra="metric IS NOT NULL")
    return compare_claims(claims, _data.officials, _data.texts)


def checks_frame(checks: list[Check], attributions: Mapping[str, str]) -> pd.DataFrame:
    """The checks as the table shows them (and the CSV holds them)."""
    return pd.DataFrame(
        {
            "status": ["consistent" if c.ok else "FLAGGED" for c in checks],
            "check": [c.rule for c in checks],
            "subject": [c.subject for c in checks],
            "arithmetic": [c.arithmetic for c in checks],
            "result": [c.result for c in checks],
            "problem": [c.problem for c in checks],
            "source": [attributions.get(c.source, c.source) for c in checks],
            "claims": [", ".join(c.claim_ids) for c in checks],
        }
    )


def every_check_csv(data: common.Data, filters: Filters) -> bytes:
    """All the filtered checks as CSV, worded only when the button is clicked."""
    rows = data.query.checks(filters)[0]
    frame = checks_frame(stored_checks(rows), data.attributions)
    return frame.map(neutralise).to_csv(index=False).encode("utf-8")


data, filters = common.current()
# the facts were worked out when the store was built: DuckDB picks the filtered ones,
# and only the rows of the table are worded
rows, total, flagged_count = data.query.checks(filters, CHECKS_SHOWN)
st.title("Consistency checks")
st.caption(
    "Figures that imply each other: a stated conversion implies an exchange rate, a share "
    "implies a total, a fraction implies a part. Each line shows its arithmetic."
)

if not total:
    st.info("None of the filtered figures imply one another.")
else:
    checks = stored_checks(rows)  # the flagged first
    if flagged_count:
        more = flagged_count > FLAGGED_LISTED
        st.warning(
            f"{flagged_count:,} check(s) look inconsistent"
            + (
                f"; the first {FLAGGED_LISTED} (the table lists flagged ones first):"
                if more
                else ":"
            )
        )
        st.markdown(
            "\n".join(
                f"- **{markdown_escape(c.subject)}**: {markdown_escape(c.problem)}"
                for c in checks[: min(flagged_count, FLAGGED_LISTED)]
            )
        )
    else:
        st.success(f"All {total:,} check(s) are consistent.")
    st.dataframe(checks_frame(checks, data.attributions), hide_index=True, key="checks-table")
    if total > len(checks):
        st.caption(
            f"The first {len(checks):,} of {total:,} checks, the flagged first; "
            "the CSV holds them all."
        )
    st.download_button(
        "CSV",
        data=lambda: every_check_csv(data, filters),
        file_name="checks.csv",
        mime="text/csv",
        on_click="ignore",
        key="checks-csv",
        icon=":material/table:",
        help="Every filtered check with its arithmetic, source and claims",
    )

st.header("Against official figures")
st.caption(
    "Each figure with a metric, set against the official series in data/reference: a level at "
    f"the same date (or the nearest official date within {TOLERANCE_DAYS} days), a total over "
    "the same period. Deviation is reported / official − 1; the verdict reads the figure's "
    "written precision and its qualifier. Nothing is interpolated."
)
compared = _compared(data_stamp(data_root()), data)
shown = data.query.rows(filters, columns=["id"], extra="metric IS NOT NULL")
compared = compared[compared["claim"].isin(shown["id"])]
if compared.empty:
    st.info("None of the filtered figures has a metric.")
    st.stop()

counts = compared["verdict"].value_counts()
st.markdown(
    " · ".join(
        f"**{markdown_escape(v.replace('_', ' '))}**: {int(counts[v])}"
        for v in VERDICTS
        if v in counts
    )
)
rank = compared["verdict"].map({v: i for i, v in enumerate(VERDICT_ORDER)})
compared = compared.iloc[rank.fillna(len(VERDICT_ORDER)).to_numpy().argsort(kind="stable")]
st.dataframe(
    pd.DataFrame(
        {
            "verdict": compared["verdict"].str.replace("_", " "),
            "subject": compared["subject"],
            "reported": compared["reported_text"],
            "official": compared["reference_text"],
            "official date": compared["reference_date"],
            "deviation": compared["deviation"],
            "message": compared["message"],
            "publisher": compared["citation_publisher"],
            "release": compared["citation_title"],
            "citation": compared["citation_url"],
            "source": [data.attributions.get(s, s) for s in compared["source"]],
            "claim": compared["claim"],
            "reported value": compared["reported"],
            "official value": compared["reference"],
        }
    ),
    hide_index=True,
    key="official-table",
    column_config={
        "reported value": st.column_config.NumberColumn(format="localized"),
        "official value": st.column_config.NumberColumn(format="localized"),
        "official": st.column_config.TextColumn("official", width="medium"),
        "deviation": st.column_config.NumberColumn(format="percent"),
        "message": st.column_config.TextColumn("message", width="large"),
        "citation": st.column_config.LinkColumn("citation", display_text="official release"),
    },
)
with st.expander("What the verdicts mean"):
    st.dataframe(
        pd.DataFrame(
            {"verdict": [v.replace("_", " ") for v in VERDICTS], "meaning": list(VERDICTS.values())}
        ),
        hide_index=True,
        key="verdicts-table",
    )

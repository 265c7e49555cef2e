"""Checks: exchange rates, totals and parts implied by the figures, with their arithmetic."""

import pandas as pd
import streamlit as st

from analysis.checks import CHECK_COLUMNS, all_checks
from analysis.format import markdown_escape
from pages import common

FLAGGED_LISTED = 10
"""Inconsistent checks listed above the table; the table holds them all, first."""

data, filters = common.current()
claims = data.query.rows(filters, columns=CHECK_COLUMNS)
st.title("Consistency checks")
st.caption(
    "Figures that imply each other: a stated conversion implies an exchange rate, a share "
    "implies a total, a fraction implies a part. Each line shows its arithmetic."
)

checks = all_checks(claims, data.texts)
if not checks:
    st.info("None of the filtered figures imply one another.")
    st.stop()

flagged = [c for c in checks if not c.ok]
if flagged:
    more = len(flagged) > FLAGGED_LISTED
    st.warning(
        f"{len(flagged)} check(s) look inconsistent"
        + (f"; the first {FLAGGED_LISTED} (the table lists them all first):" if more else ":")
    )
    st.markdown(
        "\n".join(
            f"- **{markdown_escape(c.subject)}**: {markdown_escape(c.problem)}"
            for c in flagged[:FLAGGED_LISTED]
        )
    )
    checks = flagged + [c for c in checks if c.ok]
else:
    st.success(f"All {len(checks)} check(s) are consistent.")

st.dataframe(
    pd.DataFrame(
        {
            "status": ["consistent" if c.ok else "FLAGGED" for c in checks],
            "check": [c.rule for c in checks],
            "subject": [c.subject for c in checks],
            "arithmetic": [c.arithmetic for c in checks],
            "result": [c.result for c in checks],
            "problem": [c.problem for c in checks],
            "source": [data.attributions.get(c.source, c.source) for c in checks],
            "claims": [", ".join(c.claim_ids) for c in checks],
        }
    ),
    hide_index=True,
    key="checks-table",
)

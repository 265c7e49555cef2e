"""Checks: exchange rates, totals and parts implied by the figures, with their arithmetic."""

import pandas as pd
import streamlit as st

from charts.checks import all_checks
from charts.format import markdown_escape
from pages import common

data, filters = common.current()
claims = common.filtered(data, filters)
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
    st.warning(f"{len(flagged)} check(s) look inconsistent:")
    for c in flagged:
        st.markdown(f"- **{markdown_escape(c.subject)}**: {markdown_escape(c.problem)}")
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

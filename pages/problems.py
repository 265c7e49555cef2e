"""Dataset problems: every problem the loader found, as ``file:line: field: message``."""

import streamlit as st

from pages import common

data, _ = common.current()
st.title("Dataset problems")
if not data.problems:
    st.success("The dataset has no problems: every file and every claim is valid.")
else:
    st.warning(
        f"{len(data.problems)} problem(s). Everything valid is still shown on the other pages; "
        "fix these in the files named and the page updates on the next rerun."
    )
    st.code("\n".join(str(p) for p in data.problems), language=None)

"""Streamlit entry point: the shared sidebar filters, the problems panel, and the pages.

Run with ``make run`` (or ``streamlit run dashboard.py``).  The filters live
in the sidebar and in the URL, so a copied link reproduces the view.
"""

import streamlit as st

from pages import common

st.set_page_config(page_title="Statistics in the news", page_icon="📰", layout="wide")

PAGES = [
    st.Page("pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("pages/explore.py", title="Explore", icon=":material/bar_chart:", url_path="explore"),
    st.Page("pages/sources.py", title="Sources", icon=":material/article:", url_path="sources"),
    st.Page("pages/checks.py", title="Checks", icon=":material/calculate:", url_path="checks"),
    st.Page(
        "pages/problems.py",
        title="Dataset problems",
        icon=":material/warning:",
        url_path="problems",
    ),
    # Curation pages (pages/add_article.py, pages/review.py) go here, one st.Page line each.
]

navigation = st.navigation(PAGES)
data = common.load()
common.remember(data, common.sidebar_filters(data))
common.problems_panel(data.problems)
navigation.run()

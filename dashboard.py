"""Streamlit entry point: the list of pages and the links to them.

Run with ``make run`` (or ``streamlit run dashboard.py``).  The shared sidebar
filters are drawn here, bound to the URL, so a copied link reproduces the view
and a page switch keeps them; every page reads them through
``pages.common.current()``.
"""

import streamlit as st

from pages import common

st.set_page_config(page_title="Statistics in the news", page_icon="📰", layout="wide")

NO_FILTERS = {"add", "review"}
"""url_path of the pages that draw no sidebar filters (curation)."""

PAGES = [
    st.Page("pages/metric.py", title="Metrics", icon=":material/show_chart:", default=True),
    st.Page(
        "pages/overview.py", title="Overview", icon=":material/dashboard:", url_path="overview"
    ),
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
    st.Page("pages/add_article.py", title="Add article", icon=":material/add:", url_path="add"),
    st.Page("pages/review.py", title="Review", icon=":material/rule:", url_path="review"),
    st.Page(
        "pages/candidates.py",
        title="Batch candidates",
        icon=":material/inventory_2:",
        url_path="candidates",
    ),
]

# Streamlit's own sidebar navigation is hidden (showSidebarNavigation = false) and the
# links drawn here instead: on the first request of a fresh server at a page's URL,
# Streamlit 1.67 lists the raw files of pages/ (its pre-st.navigation behaviour).
# The sidebar filters are drawn here, in the entry file, so that their URL parameters
# survive a page switch (pages.common.entry_filters); pages read them via current().
navigation = st.navigation(PAGES, position="hidden")
with st.sidebar:
    for page in PAGES:
        st.page_link(page)
    st.divider()
common.entry_filters(navigation.url_path not in NO_FILTERS)
navigation.run()

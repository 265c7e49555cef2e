"""Streamlit entry point: the list of pages and the links to them.

Run with ``make run`` (or ``streamlit run dashboard.py``).  Every page draws
the shared sidebar filters (bound to the URL, so a copied link reproduces the
view) through ``pages.common.current()``.
"""

import streamlit as st

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
# The filters are drawn by each page through pages.common.current().
navigation = st.navigation(PAGES, position="hidden")
with st.sidebar:
    for page in PAGES:
        st.page_link(page)
    st.divider()
navigation.run()

"""Curation: from an article to reviewed claims, and the writes that keep the YAML safe.

No Streamlit here: the curation pages and the command-line tools both call this.
"""

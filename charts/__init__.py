"""Plotly figures of the claims and their export (PNG, SVG, HTML); no Streamlit here."""

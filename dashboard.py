"""Streamlit entry point: the dataset as a table (the dashboard proper is issue 4)."""

import streamlit as st

from dataset import load_dataset
from dataset.paths import data_root

DATA = data_root()

st.set_page_config(page_title="Statistics in the news", layout="wide")
st.title("Statistics in the news")
dataset = load_dataset(DATA)
if dataset.problems:
    st.warning("\n".join(f"- `{p}`" for p in dataset.problems))
st.dataframe(
    dataset.claims[
        ["subject", "value", "unit", "currency", "qualifier", "category", "source", "quote"]
    ],
    hide_index=True,
)

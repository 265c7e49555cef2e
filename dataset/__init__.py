"""The dataset: schema, loading with problems, validation, atomic saving.

>>> from dataset import load_dataset
>>> ds = load_dataset("data")
>>> ds.claims[["value", "kind", "unit"]].head(1)  # doctest: +SKIP
"""

from dataset.load import Dataset, Models, load_categories, load_dataset, load_models
from dataset.problems import Problem
from dataset.save import atomic_write, claims_yaml, save_claims, save_source, source_yaml
from dataset.schema import Category, Claim, Equivalent, Period, Source, checked_slug

__all__ = [
    "Category",
    "Claim",
    "Dataset",
    "Equivalent",
    "Models",
    "Period",
    "Problem",
    "Source",
    "atomic_write",
    "checked_slug",
    "claims_yaml",
    "load_categories",
    "load_dataset",
    "load_models",
    "save_claims",
    "save_source",
    "source_yaml",
]

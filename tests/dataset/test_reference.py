"""The bundled official series: every file valid, every value cited, of its metric's kind."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.compare import bounds, period_types
from dataset import load_models
from tests.conftest import DATA

FILES = sorted((DATA / "reference").glob("*.yaml"))
MODELS, PROBLEMS = load_models(DATA)


def test_there_are_official_series() -> None:
    assert {f.stem for f in FILES} >= {
        "cn-internet-users",
        "cn-websites",
        "cn-online-retail-sales",
        "cn-population",
    }


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_reference_file_validates(path: Path) -> None:
    mine = [p for p in PROBLEMS if p.file.endswith(f"reference/{path.name}")]
    assert mine == []
    assert path.stem in MODELS.references


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_observation_is_cited(path: Path) -> None:
    for obs in MODELS.references[path.stem].observations:
        cite = obs.citation
        assert cite.url and cite.url.startswith(("https://", "http://")), obs
        assert cite.publisher.strip() and cite.title.strip()
        assert cite.note, f"{obs.period.label()}: say where the figure is written"


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_observations_fit_their_metric(path: Path) -> None:
    metric = MODELS.metrics[path.stem]
    dates = []
    for obs in MODELS.references[path.stem].observations:
        assert obs.value > 0
        if metric.measure_type == "flow":
            assert obs.period.start and obs.period.end, "a flow is a total over a period"
            first, last = bounds(obs.period.start)[0], bounds(obs.period.end)[1]
            assert metric.period_type in period_types(first, last), obs.period.label()
            dates.append((first, last))
        else:
            assert obs.period.as_of, "a stock or a share is a level at a date"
            dates.append(bounds(obs.period.as_of))
    assert len(set(dates)) == len(dates), "one official value a date or period"


def test_a_broken_reference_file_is_a_problem_with_its_line(data_copy: Path) -> None:
    path = data_copy / "reference" / "cn-population.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("value: 1374620000.0", "value: '1374620000'"), encoding="utf-8")
    models, problems = load_models(data_copy)
    mine = [p for p in problems if p.file.endswith("reference/cn-population.yaml")]
    assert mine and all("value" in p.field for p in mine)
    assert "cn-population" not in models.references

"""Properties of the recipe schema over generated recipes: the canonical content reads back
as the same recipe with the same hash, JSON and YAML give one hash, and any change of a
limit changes it."""

from __future__ import annotations

import json
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from operator_console.domain.recipes import parse_recipe, recipe_data, recipe_from_data, recipe_hash

ident = st.from_regex(r"[A-Z][A-Z0-9-]{0,10}", fullmatch=True)
words = st.text(st.characters(codec="utf-8", categories=("L", "N", "Zs")), min_size=1,
                max_size=12).filter(lambda s: s.strip() != "")
number = st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000)


def text() -> st.SearchStrategy[dict[str, str]]:
    return st.builds(lambda ja, en: {"ja": ja, "en": en}, words, words)


@st.composite
def limits(draw: st.DrawFn) -> dict[str, Any]:
    a, b = sorted([draw(number), draw(number)])
    return draw(st.sampled_from([{"low": a, "high": b}, {"low": a}, {"high": b}]))


@st.composite
def step(draw: st.DrawFn, index: int) -> dict[str, Any]:
    kind = draw(st.sampled_from(["instruction", "bay_clearance", "data_entry",
                                 "instrument_phase", "reagent", "sample", "material_receipt",
                                 "cassette_load"]))
    out: dict[str, Any] = {
        "id": f"S{index}", "type": kind, "name": draw(text()), "instruction": draw(text()),
        "signature": draw(st.sampled_from([{"policy": "performer"},
                                           {"policy": "two_person", "qualification": "Q-1"}])),
    }
    if kind == "bay_clearance":
        out["checklist"] = [{"id": f"C{i}", "text": draw(text())}
                            for i in range(draw(st.integers(1, 3)))]
    elif kind == "data_entry":
        out["fields"] = [{"id": f"F{i}", "name": draw(text()), "unit": "mL",
                          "limits": draw(limits()),
                          "severity": draw(st.sampled_from(["minor", "major", "critical"]))}
                         for i in range(draw(st.integers(1, 3)))]
    elif kind == "instrument_phase":
        out["phase"] = {"instrument": "CPX-01",
                        "duration_minutes": draw(st.floats(0.5, 600)),
                        "channels": [{"channel": f"ch{i}", "unit": "°C",
                                      "limits": draw(limits())}
                                     for i in range(draw(st.integers(1, 3)))]}
    elif kind == "reagent":
        out["reagent"] = {"material": draw(ident), "name": draw(text()),
                          "allow_typed": draw(st.booleans())}
    elif kind == "sample":
        out["sample"] = {"code": f"IPC-{index}", "name": draw(text())}
    elif kind == "material_receipt":
        out["material"] = draw(st.sampled_from(["apheresis", "final_product"]))
    return out


@st.composite
def recipes(draw: st.DrawFn) -> dict[str, Any]:
    count = draw(st.integers(1, 6))
    return {"schema": 1, "recipe_id": draw(ident), "version": draw(st.integers(1, 99)),
            "product": "CAR-T", "name": draw(text()),
            "steps": [draw(step(i)) for i in range(count)]}


@settings(max_examples=60, deadline=None)
@given(recipes())
def test_canonical_content_reads_back_and_keeps_its_hash(data: dict[str, Any]) -> None:
    recipe = parse_recipe(json.dumps(data, ensure_ascii=False), fmt="json")
    again = recipe_from_data(json.loads(json.dumps(recipe_data(recipe))))
    assert again == recipe and recipe_hash(again) == recipe_hash(recipe)
    as_yaml = parse_recipe(yaml.safe_dump(data, allow_unicode=True), fmt="yaml")
    assert recipe_hash(as_yaml) == recipe_hash(recipe)


@settings(max_examples=40, deadline=None)
@given(recipes(), st.floats(0.001, 10))
def test_moving_any_limit_changes_the_hash(data: dict[str, Any], delta: float) -> None:
    before = recipe_hash(parse_recipe(json.dumps(data), fmt="json"))
    for s in data["steps"]:
        for holder in [*s.get("fields", []), *s.get("phase", {}).get("channels", [])]:
            end = "high" if "high" in holder["limits"] else "low"
            holder["limits"][end] += delta if end == "high" else -delta
            assert recipe_hash(parse_recipe(json.dumps(data), fmt="json")) != before
            return

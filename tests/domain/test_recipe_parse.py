"""Recipe schema: the demo file parses, the hash is canonical, and every bad file gets a
message naming its line and field path."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
import yaml

from operator_console.domain.recipes import (
    MaterialKind,
    RecipeError,
    SignaturePolicy,
    StepType,
    parse_recipe,
    recipe_data,
    recipe_from_data,
    recipe_hash,
)
from operator_console.domain.recipes.demo import demo_recipe, demo_recipe_text
from operator_console.domain.recipes.model import Range, Severity


def minimal() -> dict[str, Any]:
    def text(s: str) -> dict[str, str]:
        return {"ja": f"{s}（日本語）", "en": s}

    return {
        "schema": 1, "recipe_id": "R-1", "version": 2, "product": "CAR-T", "name": text("R"),
        "steps": [
            {"id": "S1", "type": "instruction", "name": text("one"),
             "instruction": text("do it"), "signature": {"policy": "performer"}},
            {"id": "S2", "type": "data_entry", "name": text("count"),
             "instruction": text("enter"),
             "signature": {"policy": "two_person", "qualification": "STEP-COMPLETE"},
             "fields": [{"id": "VCD", "name": text("density"), "unit": "cells/mL",
                         "limits": {"low": 1, "high": 10},
                         "plausibility": {"low": 0, "high": 100}}]},
        ],
    }


def line_of(text: str, needle: str, nth: int = 0) -> int:
    pos = -1
    for _ in range(nth + 1):
        pos = text.index(needle, pos + 1)
    return text.count("\n", 0, pos) + 1


def errors(data: Any, fmt: str = "json") -> tuple[str, str]:
    text = json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json" else \
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    with pytest.raises(RecipeError) as info:
        parse_recipe(text, fmt=fmt)
    return str(info.value), text


# ---------------------------------------------------------------- the demo recipe


def test_demo_recipe_parses_with_every_step_type_in_both_languages() -> None:
    recipe = demo_recipe()
    assert recipe.recipe_id == "CART-CD19-AUTO" and recipe.version == 1
    assert {s.step_type for s in recipe.steps} == set(StepType)
    for step in recipe.steps:
        assert step.name.ja.strip() and step.name.en.strip()
        assert step.instruction.ja.strip() and step.instruction.en.strip()
    kinds = [s.material for s in recipe.steps if s.step_type is StepType.MATERIAL_RECEIPT]
    assert kinds == [MaterialKind.APHERESIS, MaterialKind.FINAL_PRODUCT]
    assert [s.step_id for s in recipe.steps if s.parallel_group] == [
        "EXPANSION", "IPC-SAMPLE", "CELL-COUNT"]
    order = [s.step_id for s in recipe.steps]
    assert order[0] == "BAY-CLEARANCE" and order[-2:] == ["CASSETTE-UNLOAD", "HANDOVER"]
    assert order.index("APHERESIS-RECEIPT") < order.index("CASSETTE-LOAD") < order.index(
        "ACTIVATION") < order.index("TRANSDUCTION") < order.index("EXPANSION") < order.index(
        "HARVEST") < order.index("FORMULATION") < order.index("FINAL-LABEL-CHECK")
    phases = [s.phase for s in recipe.steps if s.phase]
    assert all(p.duration_minutes <= 10 for p in phases)  # compressed to minutes


def test_demo_recipe_round_trips_through_its_canonical_content() -> None:
    recipe = demo_recipe()
    assert recipe_from_data(recipe_data(recipe)) == recipe
    assert recipe_hash(recipe_from_data(recipe_data(recipe))) == recipe_hash(recipe)


# ---------------------------------------------------------------- canonical hash


def test_hash_ignores_format_key_order_and_whitespace_but_not_meaning() -> None:
    data = minimal()
    as_json = parse_recipe(json.dumps(data), fmt="json")
    as_yaml = parse_recipe(yaml.safe_dump(data, allow_unicode=True, sort_keys=True))
    reordered = json.dumps(dict(reversed(list(data.items()))), indent=4)
    assert recipe_hash(as_json) == recipe_hash(as_yaml) == recipe_hash(parse_recipe(reordered))
    assert len(recipe_hash(as_json)) == 64
    changed = copy.deepcopy(data)
    changed["steps"][1]["fields"][0]["limits"]["high"] = 10.5
    assert recipe_hash(parse_recipe(json.dumps(changed))) != recipe_hash(as_json)
    # An explicit default is the same recipe as the default left out.
    explicit = copy.deepcopy(data)
    explicit["steps"][1]["fields"][0]["severity"] = "major"
    assert recipe_hash(parse_recipe(json.dumps(explicit))) == recipe_hash(as_json)


def test_hash_covers_both_languages() -> None:
    data = minimal()
    other = copy.deepcopy(data)
    other["steps"][0]["instruction"]["ja"] = "別の指示"
    assert recipe_hash(parse_recipe(json.dumps(other))) != recipe_hash(
        parse_recipe(json.dumps(data)))


def test_parsed_values() -> None:
    recipe = parse_recipe(json.dumps(minimal()))
    step = recipe.steps[1]
    assert step.signature.policy is SignaturePolicy.TWO_PERSON
    assert step.signature.qualification == "STEP-COMPLETE"
    field = step.field("VCD")
    assert field is not None and field.limits == Range(1, 10)
    assert field.severity is Severity.MAJOR and step.field("nope") is None
    assert recipe.index("S2") == 1 and recipe.step("S3") is None


# ---------------------------------------------------------------- errors name line and field


def test_a_limit_that_is_not_a_number() -> None:
    data = minimal()
    data["steps"][1]["fields"][0]["limits"]["high"] = "ten"
    message, text = errors(data)
    assert message == (f'line {line_of(text, "ten")}: steps[1].fields[0].limits.high: '
                       "must be a number")


def test_the_same_error_in_yaml_names_the_yaml_line() -> None:
    data = minimal()
    data["steps"][1]["fields"][0]["limits"]["high"] = "ten"
    message, text = errors(data, "yaml")
    assert message == (f"line {line_of(text, 'ten')}: steps[1].fields[0].limits.high: "
                       "must be a number")


def mutate(path: str, value: Any) -> dict[str, Any]:
    data = minimal()
    *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
    node: Any = data
    for p in parents:
        node = node[p]
    if value is DELETE:
        del node[last]
    else:
        node[last] = value
    return data


DELETE = object()

CASES = [
    ("schema", 2, "schema: must be 1"),
    ("version", 0, "version: must be a whole number, 1 or more"),
    ("version", True, "version: must be a whole number, 1 or more"),
    ("recipe_id", "bad id!", "recipe_id: must be 1-64 letters"),
    ("name.ja", " ", "name.ja: must be non-blank text"),
    ("steps.0.name.en", DELETE, "steps[0].name: missing 'en'"),
    ("steps.0.instruction.fr", "x", "steps[0].instruction.fr: unknown key"),
    ("steps.0.type", "mixing", "steps[0].type: must be one of: bay_clearance"),
    ("steps.0.signature.policy", "anyone", "steps[0].signature.policy: must be one of:"),
    ("steps.1.signature.qualification", DELETE,
     "steps[1].signature: a two_person signature needs the 'qualification'"),
    ("steps.1.id", "S1", "steps[1].id: duplicate step id 'S1'"),
    ("steps.1.fields", [], "steps[1].fields: must not be empty"),
    ("steps.1.fields.0.limits", {"low": 5, "high": 1}, "steps[1].fields[0].limits: low (5) "
     "is above high (1)"),
    ("steps.1.fields.0.limits", {}, "steps[1].fields[0].limits: needs 'low', 'high' or both"),
    ("steps.1.fields.0.limits", {"low": -1}, "steps[1].fields[0].limits: the limits must lie "
     "inside the plausibility range"),
    ("steps.1.fields.0.decimals", 9, "steps[1].fields[0].decimals: must be a whole number"),
    ("steps.1.fields.0.severity", "fatal", "steps[1].fields[0].severity: must be one of: minor"),
    ("steps.1.fields.0.unit", DELETE, "steps[1].fields[0]: missing 'unit'"),
    ("steps.0.fields", [], "steps[0].fields: unknown key"),
    ("steps.1.checklist", [], "steps[1].checklist: unknown key"),
    ("steps", [], "steps: must not be empty"),
    ("steps.0", "S1", "steps[0]: must be an object"),
]


@pytest.mark.parametrize(("path", "value", "expected"), CASES)
def test_schema_errors_name_the_field(path: str, value: Any, expected: str) -> None:
    message, _ = errors(mutate(path, value))
    assert expected in message
    assert message.startswith("line ")


def test_every_problem_is_reported_at_once() -> None:
    data = mutate("version", 0)
    data["steps"][1]["fields"][0]["limits"]["high"] = "ten"
    data["steps"][0]["name"]["en"] = ""
    with pytest.raises(RecipeError) as info:
        parse_recipe(json.dumps(data, indent=1))
    paths = [p.path for p in info.value.problems]
    assert ("version",) in paths and ("steps", 0, "name", "en") in paths
    assert ("steps", 1, "fields", 0, "limits", "high") in paths
    assert all(p.line is not None for p in info.value.problems)


def step_of_type(step_type: str, **extra: Any) -> dict[str, Any]:
    return {"id": f"X-{step_type}", "type": step_type, "name": {"ja": "工程", "en": "step"},
            "instruction": {"ja": "指示", "en": "do"}, "signature": {"policy": "performer"},
            **extra}


TYPE_CASES = [
    (step_of_type("bay_clearance"), "missing 'checklist'"),
    (step_of_type("bay_clearance", checklist=[{"id": "A", "text": {"ja": "空", "en": "e"}},
                                              {"id": "A", "text": {"ja": "空", "en": "e"}}]),
     "checklist[1].id: duplicate item 'A'"),
    (step_of_type("material_receipt", material="blood"), "material: must be one of: apheresis"),
    (step_of_type("reagent", reagent={"material": "LV", "name": {"ja": "ベ", "en": "v"},
                                      "gtin": "04569951120040"}),
     "reagent.gtin: must be a 14-digit GTIN with a valid check digit"),
    (step_of_type("reagent", reagent={"material": "LV", "name": {"ja": "ベ", "en": "v"},
                                      "allow_typed": "yes"}),
     "reagent.allow_typed: must be true or false"),
    (step_of_type("instrument_phase", phase={"instrument": "CPX-01", "duration_minutes": 0,
                                             "channels": [{"channel": "t", "unit": "C",
                                                           "limits": {"low": 1}}]}),
     "phase.duration_minutes: must be more than 0"),
    (step_of_type("instrument_phase", phase={"instrument": "CPX-01", "duration_minutes": 3,
                                             "channels": [{"channel": "t", "unit": "C"}]}),
     "phase.channels[0]: missing 'limits'"),
    (step_of_type("instrument_phase", phase={
        "instrument": "CPX-01", "duration_minutes": 3,
        "channels": [{"channel": "t", "unit": "C", "limits": {"low": 1}}] * 2}),
     "phase.channels[1].channel: duplicate channel 't'"),
    (step_of_type("sample", sample={"code": "IPC 1", "name": {"ja": "サ", "en": "s"}}),
     "sample.code: must be 1-64 letters"),
    (step_of_type("cassette_load", material="apheresis"), "material: unknown key"),
]


@pytest.mark.parametrize(("step", "expected"), TYPE_CASES)
def test_type_specific_errors(step: dict[str, Any], expected: str) -> None:
    data = minimal()
    data["steps"].append(step)
    message, text = errors(data)
    assert f"steps[2].{expected}" in message or f"steps[2]: {expected}" in message
    # A missing key is reported on the line where its object starts, the line before its id.
    assert int(message.split(":")[0].removeprefix("line ")) >= line_of(text, step["id"]) - 1


def test_duplicate_sample_codes_across_steps() -> None:
    data = minimal()
    sample = {"code": "IPC-1", "name": {"ja": "サ", "en": "s"}}
    data["steps"] += [dict(step_of_type("sample", sample=sample), id="A"),
                      dict(step_of_type("sample", sample=sample), id="B")]
    message, _ = errors(data)
    assert "steps[3].sample.code: duplicate sample code 'IPC-1'" in message


def test_parallel_groups_stand_together_and_have_two_steps() -> None:
    data = minimal()
    extra = [dict(step_of_type("instruction"), id=f"P{i}") for i in range(4)]
    data["steps"] += extra
    data["steps"][2]["parallel_group"] = "G"
    data["steps"][4]["parallel_group"] = "G"
    message, _ = errors(data)
    assert "steps[2].parallel_group: parallel group 'G' has only one step" in message
    assert "steps[4].parallel_group: the steps of parallel group 'G' must stand next" in message
    data["steps"][3]["parallel_group"] = "G"
    assert parse_recipe(json.dumps(data)).steps[3].parallel_group == "G"


def test_json_syntax_error_names_the_line() -> None:
    text = json.dumps(minimal(), indent=2).replace('"version": 2,', '"version": 2,,')
    with pytest.raises(RecipeError) as info:
        parse_recipe(text)
    assert str(info.value).startswith(f"line {line_of(text, 'version')}: not valid JSON")


def test_json_duplicate_key_names_the_line() -> None:
    text = json.dumps(minimal(), indent=2).replace('"version": 2,', '"version": 2,\n'
                                                   '  "version": 3,')
    with pytest.raises(RecipeError) as info:
        parse_recipe(text)
    assert str(info.value) == f"line {line_of(text, 'version', 1)}: version: duplicate key"


def test_json_nan_is_refused() -> None:
    text = json.dumps(minimal(), indent=2).replace('"high": 10\n', '"high": NaN\n')
    with pytest.raises(RecipeError, match=r"steps\[1\]\.fields\[0\]\.limits\.high: not a JSON"):
        parse_recipe(text)


def test_yaml_syntax_error_duplicate_key_and_date_value() -> None:
    text = yaml.safe_dump(minimal(), allow_unicode=True, sort_keys=False)
    with pytest.raises(RecipeError, match=r"^line \d+: not valid YAML"):
        parse_recipe(text + "steps: [unclosed\n")
    with pytest.raises(RecipeError, match=r"^line \d+: version: duplicate key"):
        parse_recipe(text + "version: 3\n")
    dated = text.replace("product: CAR-T", "product: 2026-01-01")
    with pytest.raises(RecipeError) as info:
        parse_recipe(dated)
    assert str(info.value) == (f"line {line_of(dated, '2026-01-01')}: product: date is not a "
                               "JSON value (put it in quotes)")
    with pytest.raises(RecipeError, match="line 1: the file is empty"):
        parse_recipe("", fmt="yaml")


def test_unknown_format_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown recipe format"):
        parse_recipe(demo_recipe_text(), fmt="xml")


def test_the_documented_example_parses() -> None:
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "recipes.md").read_text("utf-8")
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    recipe = parse_recipe(example)
    assert [s.step_type for s in recipe.steps] == [
        StepType.BAY_CLEARANCE, StepType.INSTRUMENT_PHASE, StepType.DATA_ENTRY]
    assert recipe.steps[2].parallel_group == "EXPANSION"

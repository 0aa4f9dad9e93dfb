"""A step record's recorded and required values read as one plain line each in the signature
dialog, the Records page and the PDF: never as dotted keys (``actual.values.VCD``)."""

from __future__ import annotations

from operator_console.application.record_content import FieldKey, content_fields, plain_value
from operator_console.domain.batch_execution.step_record import step_record_content
from operator_console.domain.recipes import recipe_ref
from operator_console.domain.recipes.demo import demo_recipe


def _step(step_type: str):  # type: ignore[no-untyped-def]
    recipe = demo_recipe()
    return recipe_ref(recipe), next(s for s in recipe.steps if s.step_type.value == step_type)


def test_data_entry_reads_as_names_values_and_ranges() -> None:
    ref, step = _step("data_entry")
    body = step_record_content(ref, step, {"values": {"VCD": 7.1, "VIABILITY": 91.0}})
    fields = {f.key: f.value for f in content_fields("step_record", body)}
    assert fields[FieldKey.ACTUAL] == "VCD 7.1; VIABILITY 91"
    assert fields[FieldKey.EXPECTED].startswith("VCD 0.5 – 6 ")
    assert "VIABILITY ≥ 70 %" in fields[FieldKey.EXPECTED]
    assert not [k for k in fields if isinstance(k, str) and not isinstance(k, FieldKey)
                and k.startswith(("actual", "expected"))]


def test_checklist_and_empty_values() -> None:
    ref, step = _step("bay_clearance")
    body = step_record_content(ref, step, {"confirmed": ["EMPTY", "CLEAN", "LABELS"]})
    fields = {f.key: f.value for f in content_fields("step_record", body)}
    assert fields[FieldKey.ACTUAL] == "EMPTY, CLEAN, LABELS"
    assert plain_value(None) == plain_value([]) == plain_value({"low": None, "high": None}) == "—"
    assert plain_value({"low": None, "high": 5}) == "≤ 5"

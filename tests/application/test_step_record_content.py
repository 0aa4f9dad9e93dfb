"""A step record's recorded and required values read as one plain line each in the signature
dialog, the Records page and the PDF: never as dotted keys (``actual.values.VCD``)."""

from __future__ import annotations

from operator_console.application.record_content import (
    FieldKey,
    content_fields,
    plain_value,
    recipe_words,
)
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


def _worded(step_type: str, actual: dict, lang: str) -> dict:  # type: ignore[type-arg]
    recipe = demo_recipe()
    ref, step = _step(step_type)
    body = step_record_content(ref, step, actual)
    return {f.key: f.value for f in content_fields(
        "step_record", body, recipe_words(recipe, body, lang))}


def test_with_the_pinned_recipe_the_step_and_its_items_read_by_the_recipes_names() -> None:
    """The stored content keeps codes; read with its recipe, no code comes back."""
    confirmed = {"confirmed": ["EMPTY", "CLEAN", "LABELS"]}
    ja = _worded("bay_clearance", confirmed, "ja")
    assert ja[FieldKey.STEP] == "ラインクリアランス"
    assert ja[FieldKey.ACTUAL] == ("ベイに資材が残っていない、ベイと作業台が清掃・消毒済み、"
                                   "前のバッチのラベルと記録用紙がない")
    en = _worded("bay_clearance", confirmed, "en")
    assert en[FieldKey.STEP] == "Bay clearance"
    assert en[FieldKey.ACTUAL].startswith("No material is left in the bay; Bay and bench")
    for fields in (ja, en):
        text = " ".join(str(v) for v in fields.values())
        assert not {"BAY-CLEARANCE", "EMPTY", "CLEAN", "LABELS"} & set(
            text.replace(",", " ").replace("、", " ").replace(";", " ").split())


def test_with_the_pinned_recipe_data_entry_fields_read_as_names_with_units() -> None:
    values = {"values": {"VCD": 7.1, "VIABILITY": 91.0}}
    ja = _worded("data_entry", values, "ja")
    assert ja[FieldKey.ACTUAL] == "生細胞密度 7.1 ×10⁶ cells/mL、生存率 91 %"
    assert ja[FieldKey.EXPECTED] == "生細胞密度 0.5 – 6 ×10⁶ cells/mL、生存率 ≥ 70 %"
    en = _worded("data_entry", values, "en")
    assert en[FieldKey.ACTUAL] == "Viable cell density 7.1 ×10⁶ cells/mL; Viability 91 %"
    for fields in (ja, en):
        assert "VCD" not in str(fields) and "VIABILITY" not in str(fields)


def test_another_recipe_version_is_not_used_for_names() -> None:
    recipe = demo_recipe()
    ref, step = _step("bay_clearance")
    body = step_record_content(ref, step, {"confirmed": ["EMPTY"]})
    body["recipe"] = {**ref.as_dict(), "version": ref.version + 1}
    words = recipe_words(recipe, body, "ja")
    assert words.step is None and words.names == {}
    assert {f.key: f.value for f in content_fields("step_record", body, words)}[
        FieldKey.STEP] == "BAY-CLEARANCE"


def test_the_exceptions_a_step_record_names_are_listed_once() -> None:
    ref, step = _step("data_entry")
    body = step_record_content(ref, step, {"values": {"VCD": 7.1, "VIABILITY": 91.0}},
                               ["fac0c9e0-41b3-4a6d-9c8b-829e0000aaaa"])
    keys = [f.key for f in content_fields("step_record", body)]
    assert FieldKey.EXCEPTIONS in keys
    assert not [k for k in keys if str(k).startswith("exceptions[")]

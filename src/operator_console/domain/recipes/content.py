"""The canonical content of a recipe and its SHA-256: what approvals cover and what a batch
pins.

:func:`recipe_data` writes a :class:`Recipe` back as the JSON object of the file schema with
every default made explicit (``severity``, ``allow_typed``, ``null`` for an absent optional
value), so formatting, key order, comments and the file format (YAML or JSON) never change
the hash, while any change of meaning does. The hash is ``domain.canonical.content_hash`` of
that object (NFC + RFC 8785). ``recipe_from_data(recipe_data(r)) == r`` always holds, so a
station can rebuild the recipe from the pinned content and re-check its hash.
"""

from __future__ import annotations

from dataclasses import dataclass

from operator_console.domain.canonical import JsonValue, content_hash
from operator_console.domain.recipes.model import (
    RECIPE_SCHEMA,
    FieldSpec,
    Range,
    Recipe,
    Step,
    Text,
)


@dataclass(frozen=True)
class RecipeRef:
    """The recipe a batch is pinned to, and every step record carries."""

    recipe_id: str
    version: int
    recipe_hash: str

    def as_dict(self) -> dict[str, JsonValue]:
        return {"id": self.recipe_id, "version": self.version, "hash": self.recipe_hash}


def _text(text: Text) -> dict[str, JsonValue]:
    return {"ja": text.ja, "en": text.en}


def _range(r: Range) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {}
    if r.low is not None:
        out["low"] = r.low
    if r.high is not None:
        out["high"] = r.high
    return out


def _field(f: FieldSpec) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {"id": f.field_id, "name": _text(f.name), "unit": f.unit,
                                 "severity": f.severity.value}
    if f.limits is not None:
        out["limits"] = _range(f.limits)
    if f.plausibility is not None:
        out["plausibility"] = _range(f.plausibility)
    if f.decimals is not None:
        out["decimals"] = f.decimals
    return out


def step_data(step: Step) -> dict[str, JsonValue]:
    """One step as the JSON object of the schema (defaults explicit)."""
    signature: dict[str, JsonValue] = {"policy": step.signature.policy.value}
    if step.signature.qualification is not None:
        signature["qualification"] = step.signature.qualification
    out: dict[str, JsonValue] = {
        "id": step.step_id, "type": step.step_type.value, "name": _text(step.name),
        "instruction": _text(step.instruction), "signature": signature,
    }
    if step.parallel_group is not None:
        out["parallel_group"] = step.parallel_group
    if step.checklist:
        out["checklist"] = [{"id": c.item_id, "text": _text(c.text)} for c in step.checklist]
    if step.material is not None:
        out["material"] = step.material.value
    if step.fields:
        out["fields"] = [_field(f) for f in step.fields]
    if step.phase is not None:
        out["phase"] = {
            "instrument": step.phase.instrument,
            "duration_minutes": step.phase.duration_minutes,
            "channels": [{"channel": c.channel, "unit": c.unit, "limits": _range(c.limits),
                          "severity": c.severity.value} for c in step.phase.channels],
        }
    if step.reagent is not None:
        reagent: dict[str, JsonValue] = {"material": step.reagent.material,
                                         "name": _text(step.reagent.name),
                                         "allow_typed": step.reagent.allow_typed}
        if step.reagent.gtin is not None:
            reagent["gtin"] = step.reagent.gtin
        out["reagent"] = reagent
    if step.sample is not None:
        out["sample"] = {"code": step.sample.sample_code, "name": _text(step.sample.name)}
    return out


def recipe_data(recipe: Recipe) -> dict[str, JsonValue]:
    """The recipe as the canonical JSON object of the file schema."""
    return {
        "schema": RECIPE_SCHEMA, "recipe_id": recipe.recipe_id, "version": recipe.version,
        "product": recipe.product, "name": _text(recipe.name),
        "steps": [step_data(s) for s in recipe.steps],
    }


def recipe_hash(recipe: Recipe) -> str:
    """Hex SHA-256 of the canonical content (:func:`recipe_data`)."""
    return content_hash(recipe_data(recipe))


def recipe_ref(recipe: Recipe) -> RecipeRef:
    return RecipeRef(recipe.recipe_id, recipe.version, recipe_hash(recipe))

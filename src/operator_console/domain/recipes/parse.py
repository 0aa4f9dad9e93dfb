"""Read and validate a master recipe: :func:`parse_recipe` (file text) and
:func:`recipe_from_data` (already-parsed JSON values, e.g. pulled from the plant server).

Every rule of ``docs/recipes.md`` is checked and *all* problems are reported together in one
:class:`~operator_console.domain.recipes.loaders.RecipeError`, each naming its line and field
path (``line 40: steps[3].fields[1].limits.high: must be a number``). Unknown keys are
refused, so a misspelt key never silently drops a limit.
"""

from __future__ import annotations

from typing import Any

from operator_console.domain.recipes.loaders import (
    Lines,
    RecipeError,
    load_json,
    load_yaml,
)
from operator_console.domain.recipes.model import RECIPE_SCHEMA, Recipe, Step, Text
from operator_console.domain.recipes.reader import FieldReader
from operator_console.domain.recipes.step_reader import read_step


def _groups(r: FieldReader, steps: list[Step]) -> None:
    closed: set[str] = set()
    for i, step in enumerate(steps):
        group = step.parallel_group
        previous = steps[i - 1].parallel_group if i else None
        if group and group != previous and group in closed:
            r.bad(("steps", i, "parallel_group"), f"the steps of parallel group {group!r} "
                  "must stand next to each other")
        if previous and previous != group:
            closed.add(previous)
        if group and group != previous and (i + 1 == len(steps)
                                             or steps[i + 1].parallel_group != group):
            r.bad(("steps", i, "parallel_group"), f"parallel group {group!r} has only one step")


def recipe_from_data(data: Any, lines: Lines | None = None) -> Recipe:
    """Validate parsed JSON values as a recipe; raises RecipeError naming every problem."""
    r = FieldReader(lines or {})
    obj = r.obj(data, (), {"schema", "recipe_id", "version", "product", "name", "steps"})
    if "schema" in obj and (obj["schema"] != RECIPE_SCHEMA or isinstance(obj["schema"], bool)):
        r.bad(("schema",), f"must be {RECIPE_SCHEMA} (the only recipe schema this version "
              "reads)")
    version = obj.get("version")
    if "version" in obj and (isinstance(version, bool) or not isinstance(version, int)
                             or version < 1):
        r.bad(("version",), "must be a whole number, 1 or more")
        version = None
    steps = [read_step(r, item, ("steps", i))
             for i, item in enumerate(r.items(obj.get("steps"), ("steps",)))]
    r.unique([(s.step_id, ("steps", i, "id")) for i, s in enumerate(steps)], "step id")
    r.unique([(s.sample.sample_code, ("steps", i, "sample", "code"))
              for i, s in enumerate(steps) if s.sample], "sample code")
    _groups(r, steps)
    recipe_id = r.ident(obj["recipe_id"], ("recipe_id",)) if "recipe_id" in obj else ""
    product = r.string(obj["product"], ("product",)) if "product" in obj else ""
    name = r.text(obj["name"], ("name",)) if "name" in obj else Text("", "")
    if r.problems or not isinstance(version, int):
        raise RecipeError(r.problems)
    return Recipe(recipe_id, version, product, name, tuple(steps))


def parse_recipe(text: str, *, fmt: str | None = None) -> Recipe:
    """Parse a recipe file's text. ``fmt`` is ``"json"`` or ``"yaml"``; ``None`` guesses from
    the first character (``{`` is JSON, anything else YAML)."""
    if fmt is None:
        fmt = "json" if text.lstrip().startswith("{") else "yaml"
    if fmt not in ("json", "yaml"):
        raise ValueError(f"unknown recipe format {fmt!r}")
    data, lines = load_json(text) if fmt == "json" else load_yaml(text)
    return recipe_from_data(data, lines)

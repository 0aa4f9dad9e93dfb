"""Master recipes: the schema (:mod:`.model`), reading and validating files (:mod:`.parse`,
with line-tracking :mod:`.loaders`), canonical content and hash (:mod:`.content`), and the
demo CAR-T recipe (:mod:`.demo`). Documented in ``docs/recipes.md``."""

from operator_console.domain.recipes.content import RecipeRef, recipe_data, recipe_hash, recipe_ref
from operator_console.domain.recipes.loaders import Problem, RecipeError, format_path
from operator_console.domain.recipes.model import (
    RECIPE_SCHEMA,
    MaterialKind,
    Recipe,
    Severity,
    SignaturePolicy,
    Step,
    StepType,
    Text,
)
from operator_console.domain.recipes.parse import parse_recipe, recipe_from_data

__all__ = [
    "RECIPE_SCHEMA", "MaterialKind", "Problem", "Recipe", "RecipeError", "RecipeRef",
    "Severity", "SignaturePolicy", "Step", "StepType", "Text", "format_path", "parse_recipe",
    "recipe_data", "recipe_from_data", "recipe_hash", "recipe_ref",
]

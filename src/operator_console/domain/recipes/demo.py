"""The demo's master recipe (autologous CD19 CAR-T, phases compressed to minutes), shipped as
the file ``demo_car_t.json`` beside this module and read with the ordinary parser, so the demo
exercises exactly what a process engineer's file goes through. Both sides use it: the
plant server's demo seeding imports it, the console shows it."""

from __future__ import annotations

from importlib.resources import files

from operator_console.domain.recipes.model import Recipe
from operator_console.domain.recipes.parse import parse_recipe

DEMO_RECIPE_FILE = "demo_car_t.json"


def demo_recipe_text() -> str:
    """The demo recipe file's text, exactly as shipped."""
    return (files("operator_console.domain.recipes") / DEMO_RECIPE_FILE).read_text("utf-8")


def demo_recipe() -> Recipe:
    return parse_recipe(demo_recipe_text(), fmt="json")
